/*
 * check_classify_announce - the announced referral, codes the owner hands
 * out in their own words, and judgements that are not about the owner.
 *
 * Messages are built by hand (no parser) with the shipped rules; the
 * store's knowledge is a small table: amy@ and sue@ are contacts, Dana
 * Reyes is a known name, FL-77 is carol@'s code.  Each case gives what
 * the facts should hold as one short string:
 *
 *	announced	"Name|Name" the names recorded, in order
 *	tags		"tag tag" the sender's judgement tags
 *	referrals	"referrer>referred/how"
 *	code		"email=code" learnt from the owner's mail
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify/classify.h"
#include "testlib.h"

static bool
email_for_name(void *ctx, const char *name, char *out, size_t outlen)
{
	(void)ctx;
	if (strcasecmp(name, "Dana Reyes") != 0)
		return false;
	snprintf(out, outlen, "dana@reyes.example");
	return true;
}

static bool
email_for_code(void *ctx, const char *code, char *out, size_t outlen)
{
	(void)ctx;
	if (strcasecmp(code, "fl-77") != 0)
		return false;
	snprintf(out, outlen, "carol@customer.example");
	return true;
}

static bool
is_customer(void *ctx, const char *email)
{
	(void)ctx;
	return strcmp(email, "amy@client.example") == 0 ||
	    strcmp(email, "sue@client.example") == 0;
}

static const struct classify_known known = {
	NULL, email_for_name, email_for_code, is_customer, NULL, NULL, NULL,
};

static struct config cfg;
static struct rules *rules;

static void
setup(void)
{
	tl_classify_make(&cfg, &rules);
}

static void
teardown(void)
{
	tl_classify_done(&cfg, &rules);
}

struct acase {
	const char *from;	/* "email|Name" */
	const char *to;		/* "email|Name" or "a,b" (two) */
	const char *text, *quoted, *reply, *subject;
	/* expected */
	const char *announced, *tags, *referrals, *code;
};

#define AMY "amy@client.example|Amy Chen"	/* a contact */
#define SUE "sue@client.example|Sue Parker"	/* a contact */
#define NEW "lee@newco.example|Lee Park"	/* nobody knows her yet */
#define OWNER "sam@mybiz.example|Sam Owner"
#define RE "<earlier@mybiz.example>"

static void
set_addr(struct address *a, const char *spec)
{
	const char *bar = strchr(spec, '|');

	a->email = strndup(spec, bar ? (size_t)(bar - spec) : strlen(spec));
	a->name = bar ? strdup(bar + 1) : NULL;
}

static void
add_to(struct addrlist *l, const char *spec)
{
	char *copy = strdup(spec), *save = NULL;

	for (char *p = strtok_r(copy, ",", &save); p;
	    p = strtok_r(NULL, ",", &save)) {
		l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
		set_addr(&l->v[l->n++], p);
	}
	free(copy);
}

static void
free_message(struct message *m)
{
	free(m->from.email);
	free(m->from.name);
	for (size_t i = 0; i < m->to.n; i++) {
		free(m->to.v[i].email);
		free(m->to.v[i].name);
	}
	free(m->to.v);
	free(m->message_id);
	free(m->in_reply_to);
	free(m->text);
	free(m->quoted);
	free(m->subject);
}

/* summarise - announced names, judgement tags, referrals, learnt code */
static void
summarise(const struct facts *f, char *ann, char *tags, char *refs,
    char *code, size_t len)
{
	ann[0] = tags[0] = refs[0] = code[0] = '\0';
	for (size_t i = 0; i < f->nannounced; i++)
		snprintf(ann + strlen(ann), len - strlen(ann), "%s%s",
		    i ? "|" : "", f->announced[i].name);
	for (size_t i = 0; i < f->ntags; i++) {
		const char *t = f->tags[i].tag;

		if (strcmp(t, "enquiry") == 0 || strcmp(t, "referrer") == 0 ||
		    strcmp(t, "referred") == 0)
			continue;
		snprintf(tags + strlen(tags), len - strlen(tags), "%s%s",
		    tags[0] ? " " : "", t);
	}
	for (size_t i = 0; i < f->nreferrals; i++)
		snprintf(refs + strlen(refs), len - strlen(refs), "%s%s>%s/%s",
		    i ? " " : "", f->referrals[i].referrer ?
		    f->referrals[i].referrer : "?", f->referrals[i].referred,
		    f->referrals[i].how);
	if (f->code != NULL)
		snprintf(code, len, "%s=%s", f->code_for, f->code);
}

static void
run(const struct acase *c, int i)
{
	struct message m;
	struct facts *f;
	char id[64], ann[512], tags[512], refs[512], code[512];

	memset(&m, 0, sizeof(m));
	set_addr(&m.from, c->from);
	add_to(&m.to, c->to ? c->to : OWNER);
	snprintf(id, sizeof(id), "announce-%d@test.example", i);
	m.message_id = strdup(id);
	m.in_reply_to = c->reply ? strdup(c->reply) : NULL;
	m.date = 1700000000 + i;
	m.text = strdup(c->text);
	m.quoted = c->quoted ? strdup(c->quoted) : NULL;
	m.subject = c->subject ? strdup(c->subject) : NULL;
	f = classify(&m, NULL, &cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	summarise(f, ann, tags, refs, code, sizeof(ann));
	tl_case_eq(i, "announced", ann, c->announced);
	tl_case_eq(i, "tags", tags, c->tags);
	tl_case_eq(i, "referrals", refs, c->referrals);
	tl_case_eq(i, "code", code, c->code);
	/* an announcement carries its sentence as evidence */
	for (size_t k = 0; k < f->nannounced; k++)
		ck_assert_ptr_nonnull(strstr(f->announced[k].evidence,
		    f->announced[k].name));
	facts_free(f);
	free_message(&m);
}

static const struct acase announce_cases[] = {
	/* the giving shape, in four languages */
	{ .from = SUE, .text = "My neighbour Jo Bloggs asked who does my "
	  "garden, so I gave her your number.", .announced = "Jo Bloggs" },
	{ .from = AMY, .text = "I've told my colleague Ana Ruiz about you, "
	  "she'll be in touch.", .announced = "Ana Ruiz" },
	{ .from = AMY, .text = "Ich habe Ihre Nummer an meine Schwägerin "
	  "Petra Lang weitergegeben.", .announced = "Petra Lang" },
	{ .from = AMY, .text = "J'ai donné vos coordonnées à mon voisin Marc "
	  "Petit.", .announced = "Marc Petit" },
	{ .from = AMY, .text = "Le he pasado tu contacto a mi cuñada Lucía "
	  "Ortega.", .announced = "Lucía Ortega" },
	/* the person in the sentence before, after "her" */
	{ .from = AMY, .text = "Do you remember Lucy Tan from the concert? I "
	  "sent her your email address.", .announced = "Lucy Tan" },
	/* a role noun between the possessive and the name is no part of it */
	{ .from = SUE, .text = "Mein Trauzeuge Daniel Keßler sucht noch "
	  "Eheringe. Ich habe ihm Ihre Adresse gegeben.",
	  .announced = "Daniel Keßler" },
	/* a sender the store has not seen yet, writing about work done */
	{ .from = NEW, .text = "El abrigo me queda como nuevo. Le he pasado "
	  "su teléfono a mi prima Lola Prieto.", .announced = "Lola Prieto" },
	/* who gives to whom: the sender giving is an announcement, never a
	 * referral of the sender by the person named; the sender given to
	 * (a dative, the passive) is the referral, never an announcement */
	{ .from = AMY, .text = "Meiner Schwägerin, Gisela Hartung, habe ich "
	  "Ihre Telefonnummer gegeben.", .announced = "Gisela Hartung" },
	{ .from = AMY, .text = "Le he pasado tu número a mi cuñado, Pablo "
	  "Ruiz, que quiere pintar la fachada.", .announced = "Pablo Ruiz" },
	{ .from = NEW, .text = "Ihre Telefonnummer hat mir Beate Roth "
	  "gegeben.", .referrals = "?>lee@newco.example/pending" },
	{ .from = NEW, .text = "I was given your details by Rita Vance.",
	  .referrals = "?>lee@newco.example/pending" },
	/* what a third person said the owner is */
	{ .from = NEW, .text = "Thomas Reuter meinte, Sie seien der Einzige "
	  "hier, der sich mit Barhufen auskennt.",
	  .referrals = "?>lee@newco.example/pending" },
	{ .from = NEW, .text = "Lucie Garnier m'a dit que vous étiez la "
	  "seule à travailler le châtaignier.",
	  .referrals = "?>lee@newco.example/pending" },
	{ .from = NEW, .text = "Irene Pardo me dijo que eras la única que "
	  "lacaba persianas.", .referrals = "?>lee@newco.example/pending" },
	/* copied in as the sender's own side: no introduction; a relative
	 * with a job of their own, or greeted by title, is introduced */
	{ .from = "chloe@example.com|Chloe Dawson",
	  .to = "sam@mybiz.example|Sam Owner,owen@example.com|Owen Dawson",
	  .text = "We need 120 place cards. I've copied in Owen, my fiancé, "
	  "as he's keeping track of the dates." },
	{ .from = "julie@example.fr|Julie Faure",
	  .to = "sam@mybiz.example|Sam Owner,paul@example.com|Paul Martin",
	  .text = "Nous aimerions un devis. Je mets en copie mon mari Paul, "
	  "pour qu'il suive les dates." },
	{ .from = "eve@example.com|Eve Lamb",
	  .to = "sam@mybiz.example|Sam Owner,jo@example.com|Jo Lamb",
	  .text = "I've copied in my sister Jo, who needs her own bay window "
	  "reglazed.", .referrals = "eve@example.com>jo@example.com/"
	  "introduction" },
	/* round fifteen: an officer of the sender's own club copied in to
	 * pay is the sender's side, in any language */
	{ .from = "judith@example.org|Judith Ames",
	  .to = "sam@mybiz.example|Sam Owner,martin@example.org|Martin Oakes",
	  .reply = "<q@mybiz.example>",
	  .text = "The committee approved the quote last night. I have "
	  "copied in our treasurer, Martin Oakes, who will look after the "
	  "payments." },
	{ .from = "k@example.de|Karl Vogt",
	  .to = "sam@mybiz.example|Sam Owner,h@example.de|Heinz Pauli",
	  .text = "Wir nehmen das Angebot an. Unser Kassier Heinz Pauli ist in "
	  "Kopie und kÃ¼mmert sich um die Rechnung." },
	{ .from = "m@example.de|Matthias Brenner",
	  .to = "sam@mybiz.example|Sam Owner,anke@example.org|Dr. Anke Albers",
	  .text = "Liebe Frau Dr. Albers, lieber Herr Owner,\n\nich bringe "
	  "Sie hiermit zusammen.",
	  .referrals = "m@example.de>anke@example.org/introduction" },
	/* a customer from before the mailbox began: the first mail praises
	 * the work done, whichever rule found the praise */
	{ .from = NEW, .text = "Not a stone shifted all winter. Thanks. I have "
	  "given your details to my colleague Naomi Achebe.",
	  .tags = "praise", .announced = "Naomi Achebe" },
	{ .from = NEW, .text = "Die Kinder reden von nichts anderem. Danke! "
	  "Ich habe Ihre Nummer an meine Kollegin Naomi Achebe weitergegeben.",
	  .tags = "praise", .announced = "Naomi Achebe" },
	/* the coming shape */
	{ .from = AMY, .text = "Fiona Gray will be in touch about her garage.",
	  .announced = "Fiona Gray" },
	/* a person of an organisation is still a person; a bank of a
	 * country is not */
	{ .from = AMY, .text = "I've passed your details to Rob Keating of "
	  "the Wessex Bowmen, he wants a pavilion.",
	  .announced = "Rob Keating" },
	{ .from = AMY, .text = "I've passed your details to the Bank of "
	  "England, they want a pavilion." },

	{ .from = SUE, .text = "Mein Nachbar Jürgen Özdemir wird sich bei "
	  "Ihnen melden.", .announced = "Jürgen Özdemir" },
	{ .from = SUE, .text = "Mi socio Andrés Molina se pondrá en contacto "
	  "contigo.", .announced = "Andrés Molina" },
	/* the shortest participle: "dado" */
	{ .from = SUE, .text = "Le he dado tu correo a mi amiga Amparo "
	  "Ferrer.", .announced = "Amparo Ferrer" },
	/* refused: someone else gave the number, a first name, a question,
	 * a condition, a stranger announcing, quoted text, a known name */
	{ .from = AMY, .text = "My sister gave Jo Bloggs your number." },
	{ .from = AMY, .text = "My sister Kate was asking, I gave her your "
	  "card." },
	{ .from = AMY, .text = "Can I give your number to Jo Bloggs?" },
	{ .from = AMY, .text = "If you like, I'll pass your details to Jo "
	  "Bloggs." },
	{ .from = NEW, .text = "I've passed your details to my colleague "
	  "John Smith, he will be in touch." },
	{ .from = AMY, .text = "Thanks, see you Tuesday.",
	  .quoted = "I gave your number to Ben Cole." },
	{ .from = AMY, .text = "I gave Dana Reyes your number." },
	{ .from = AMY, .text = "He gave Jo Bloggs your number last week." },
	{ .from = AMY, .text = "I will be in touch next week." },
};

START_TEST(test_announce)
{
	run(&announce_cases[_i], _i);
}
END_TEST

static const struct acase code_cases[] = {
	/* the owner hands one person an address or a code */
	{ .from = OWNER, .to = "grace@example.com|Grace Hunt", .reply = RE,
	  .text = "If friends want to come, ask them to email "
	  "sam+ref-grace7@mybiz.example and the first class is free.",
	  .code = "grace@example.com=grace7" },
	{ .from = OWNER, .to = "leanne@example.com",
	  .text = "Ask anyone you send our way to quote code FL-77.",
	  .code = "leanne@example.com=fl-77" },
	{ .from = OWNER, .to = "leanne@example.com",
	  .text = "Ask them to quote code\r\nFL-77 when they write.",
	  .code = "leanne@example.com=fl-77" },
	{ .from = OWNER, .to = "frank@example.de",
	  .text = "Ihre Bekannten sollen einfach den Code GARTEN-12 angeben.",
	  .code = "frank@example.de=garten-12" },
	{ .from = OWNER, .to = "irene@example.es",
	  .text = "Tu código es LUZ-5 si quieres traer a alguien.",
	  .code = "irene@example.es=luz-5" },
	/* two words joined make a code without a digit */
	{ .from = OWNER, .to = "martina@example.de",
	  .text = "Mit dem Code ROSS-VOGEL bekommt er 10 % auf die erste "
	  "Restaurierung.", .code = "martina@example.de=ross-vogel" },
	{ .from = OWNER, .to = "as@example.fr",
	  .text = "Donnez-leur le code EAUVIVE_ASD.",
	  .code = "as@example.fr=eauvive_asd" },
	/*
	 * a complement, a comma or a sentence between the code word and
	 * the code: "code de parrainage : X", "referral code. Yours is X"
	 */
	{ .from = OWNER, .to = "rachel@example.com", .reply = RE,
	  .text = "Every client gets a referral code. Yours is HART-RM, for "
	  "friends who book.", .code = "rachel@example.com=hart-rm" },
	{ .from = OWNER, .to = "lucie@example.fr", .reply = RE,
	  .text = "Voici votre code de parrainage : EMAIL-LF7.",
	  .code = "lucie@example.fr=email-lf7" },
	{ .from = OWNER, .to = "javi@example.es", .reply = RE,
	  .text = "Te paso tu c\xc3\xb3" "digo de descuento, SOMB-JM.",
	  .code = "javi@example.es=somb-jm" },
	{ .from = OWNER, .to = "frank@example.de", .reply = RE,
	  .text = "Ihr Code f\xc3\xbcr Freunde lautet HOLZ-42.",
	  .code = "frank@example.de=holz-42" },
	/* ... never past a word that is none of those */
	{ .from = OWNER, .to = "a@example.com", .reply = RE,
	  .text = "Le code de la route impose un gilet, voir R412-6." },
	{ .from = OWNER, .to = "a@example.com", .reply = RE,
	  .text = "Your code is ready. I checked it against BS-7671." },
	/* ... but one word alone, or two too short, is none */
	{ .from = OWNER, .to = "a@example.com",
	  .text = "Use the code WELCOME when you book." },
	{ .from = OWNER, .to = "a@example.com",
	  .text = "The code is A-B." },
	/* a word that opens with the ReferralTag is a code in any case */
	{ .from = OWNER, .to = "alicia@example.es",
	  .text = "Si algún amigo necesita mudarse, que ponga ref-alicia9 en "
	  "el asunto.", .code = "alicia@example.es=alicia9" },
	/* to two people, a door code, a word after "code": nobody's */
	{ .from = OWNER, .to = "a@example.com,b@example.com",
	  .text = "Bring a friend: sam+ref-summer@mybiz.example." },
	{ .from = OWNER, .to = "a@example.com",
	  .text = "The door code is 4521." },
	{ .from = OWNER, .to = "a@example.com",
	  .text = "The code is ready for review." },
	/* a newcomer quotes a known code; an unknown one credits nobody */
	{ .from = NEW, .text = "Hi, Leanne told me to quote code FL-77.",
	  .referrals = "carol@customer.example>lee@newco.example/code" },
	{ .from = NEW, .text = "Mein Code ist RASEN-99, haben Sie Zeit?" },
	{ .from = NEW, .text = "Dana m'a pass\xc3\xa9 son code de "
	  "parrainage, FL-77. Je voudrais un devis.",
	  .referrals = "carol@customer.example>lee@newco.example/code" },
	{ .from = NEW, .text = "J'ai le code de r\xc3\xa9" "duction, "
	  "RASEN-99." },
	{ .from = NEW, .subject = "Logo - code FL-77", .text = "Bonjour !",
	  .referrals = "carol@customer.example>lee@newco.example/code" },
};

START_TEST(test_codes)
{
	run(&code_cases[_i], _i);
}
END_TEST

static const struct acase judge_cases[] = {
	/* rudeness done to the sender is not the sender's */
	{ .from = AMY, .reply = RE, .text = "The delivery driver was really "
	  "rude to me, but your team did a fantastic job.",
	  .tags = "praise" },
	{ .from = AMY, .reply = RE, .text = "Der Paketbote war total "
	  "unverschämt zu mir." },
	/* a third party's fault or merit, in its own clause */
	{ .from = AMY, .reply = RE, .text = "The building manager is useless, "
	  "the lift has been broken for a month." },
	{ .from = NEW, .text = "Our last cleaner was amazing, so you've got "
	  "big shoes to fill!" },
	{ .from = AMY, .reply = RE, .text = "Correos perdió el paquete, un "
	  "desastre." },
#define AMY_SAYS(t, tg) { .from = AMY, .reply = RE, .text = t, .tags = tg }
	/* a verdict that is a sentence of its own judges the sentence
	 * before it: a third party there, nothing of the owner */
	AMY_SAYS("My bank froze my card twice last week. Useless lot.", NULL),
	AMY_SAYS("Die Spedition hat die Kiste zweimal fallen lassen. Eine "
	    "Frechheit, ich war fassungslos.", NULL),
	AMY_SAYS("Mon assurance refuse de rembourser le d\xc3\xa9g\xc3\xa2t "
	    "des eaux. Lamentable.", NULL),
	AMY_SAYS("El banco me cobr\xc3\xb3 la transferencia dos veces. Unos "
	    "incompetentes.", NULL),
	/* ... the owner's own work there: rude, and a complaint */
	AMY_SAYS("You glued the spine and it has split open again. Useless "
	    "lot.", "rude complaint"),
	AMY_SAYS("Vous avez pos\xc3\xa9 le tissu de travers. Lamentable.",
	    "rude complaint"),
	/* defects told in the sentence that passes the owner's number on
	 * are the newcomer's trouble; the same told of the owner's work
	 * complain */
	AMY_SAYS("I gave your number to my sister, whose fence is leaning "
	    "and whose gate is broken.", NULL),
	AMY_SAYS("Ich habe Ihre Nummer meinem Nachbarn gegeben, bei dem das "
	    "Dach undicht ist und die Rinne tropft.", NULL),
	AMY_SAYS("The fence you built is leaning and the gate is broken.",
	    "complaint"),
	/* the owner's wits doubted as a statement; counting things is not */
	AMY_SAYS("Ihr habt sie doch nicht mehr alle.", "rude complaint"),
	AMY_SAYS("Die Fliesen? Ich brauche sie nicht mehr alle.", NULL),
	/* the owner called names in the plural, after a fault */
	AMY_SAYS("J'avais demand\xc3\xa9 une taille douce, pas un massacre. "
	    "Vous \xc3\xaates des bouchers.", "complaint rude"),
#undef AMY_SAYS
	/* irony: an echoed exclamation, or one beside "again" */
	{ .from = AMY, .reply = RE, .text = "Bravo, vraiment bravo : le "
	  "buffet est arrivé en retard.", .tags = "complaint" },
	{ .from = AMY, .reply = RE, .text = "Genial, simplemente genial: otra "
	  "vez pinchada.", .tags = "complaint" },
	/* ... or one right after a complaint */
	{ .from = AMY, .reply = RE, .text = "J'avais command\xc3\xa9 des roses "
	  "blanches pour ma m\xc3\xa8re, on m'a livr\xc3\xa9 des "
	  "\xc5\x93illets orange, avec deux heures de retard. Vraiment "
	  "bravo, un travail de pro.", .tags = "complaint" },
	/* sincere: a plain repeat, praise then "again" in its own words */
	{ .from = AMY, .reply = RE, .text = "Merci, merci, merci !",
	  .tags = "praise" },
	{ .from = AMY, .reply = RE, .text = "Your team was wonderful, thanks "
	  "again.", .tags = "praise" },
	/* said flatly */
	{ .from = AMY, .reply = RE, .text = "Thanks for nothing, nobody "
	  "turned up on Tuesday.", .tags = "complaint" },
	{ .from = AMY, .reply = RE, .text = "I'll pay the invoice after "
	  "payday.", .tags = "slow-payer" },
	/* round twelve: a payment tied to a later event of the sender's,
	 * or the owner told to wait, in a thread about a bill; not a
	 * question, nor a payment made when something happened */
	{ .from = AMY, .subject = "Re: Longcase movement - invoice",
	  .text = "Yes yes, I'll pay it when I get round to it.",
	  .tags = "slow-payer" },
	{ .from = AMY, .subject = "Re: Rechnung Spinnaker", .text = "Sie "
	  "kriegen Ihr Geld, wenn ich es habe.", .tags = "slow-payer" },
	{ .from = AMY, .subject = "Relance facture 2026-031", .tags =
	  "slow-payer", .text = "Il faudra patienter un peu." },
	{ .from = AMY, .subject = "Re: Invoice 4490", .text = "When I pay "
	  "by transfer, which reference should I use?" },
	{ .from = AMY, .text = "Hice la transferencia cuando llegu\xc3\xa9 "
	  "a casa.", .subject = "Re: Factura 2026-075" },
	/* a percentage asked with an ultimatum after it, past a line break */
	{ .from = AMY, .reply = RE, .tags = "haggler", .text = "Bei 90 "
	  "Gl\xc3\xa4sern erwarte ich schon einen Mengenrabatt von 20 "
	  "Prozent,\nsonst lohnt sich das f\xc3\xbcr mich im Laden nicht." },
};

START_TEST(test_judgements)
{
	run(&judge_cases[_i], _i);
}
END_TEST

/* the owner's body is parsed for a code only when its bytes may hold one */
START_TEST(test_code_hint)
{
	struct message m;
	static const char with[] = "From: sam@mybiz.example\r\n\r\n"
	    "Ask them to quote code FL-77.\r\n";
	static const char plus[] = "From: sam@mybiz.example\r\n\r\n"
	    "Write to sam+ref-ab12@mybiz.example\r\n";
	static const char compound[] = "From: sam@mybiz.example\r\n\r\n"
	    "Ihr Empfehlungscode ist TW26.\r\n";
	static const char without[] = "From: sam@mybiz.example\r\n"
	    "X-Mailer: Unicode Mail\r\n\r\nSee you on Tuesday, encoded.\r\n";

	memset(&m, 0, sizeof(m));
	set_addr(&m.from, OWNER);
	add_to(&m.to, "grace@example.com");
	ck_assert(classify_code_hint(&m, NULL, &cfg, with, strlen(with)));
	ck_assert(classify_code_hint(&m, NULL, &cfg, plus, strlen(plus)));
	ck_assert(classify_code_hint(&m, NULL, &cfg, compound,
	    strlen(compound)));
	ck_assert(!classify_code_hint(&m, NULL, &cfg, without,
	    strlen(without)));
	/* to two people, or from someone else: never */
	add_to(&m.to, "tom@example.net");
	ck_assert(!classify_code_hint(&m, NULL, &cfg, with, strlen(with)));
	free_message(&m);
	memset(&m, 0, sizeof(m));
	set_addr(&m.from, AMY);
	add_to(&m.to, OWNER);
	ck_assert(!classify_code_hint(&m, NULL, &cfg, with, strlen(with)));
	free_message(&m);
}
END_TEST

TL_SUITE_AROUND(classify_announce, setup, teardown, 0,
    test_announce, TL_LOOPS(announce_cases), test_codes, TL_LOOPS(code_cases),
    test_code_hint, 0, test_judgements, TL_LOOPS(judge_cases))
