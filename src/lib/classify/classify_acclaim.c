/*
 * classify_acclaim - praise told by its shape: who speaks, how the mail
 * opens, thanks tacked onto a judgement, and more work promised.
 *
 * DESCRIPTION
 *	The words of praise differ from one writer to the next; the shapes
 *	these tests read do not, in any of the four languages (and see
 *	classify_superlative.c).
 *
 *	Who speaks (cl_others_report): a judgement after a verb of saying
 *	([aim report]: "says", "sagt", "dit que", "dice que") is somebody
 *	else's, unless those who say it are the sender's own people: a
 *	plural first-person possessive ("our lads say", "unsere Kinder
 *	sagen", "nos élèves disent", "nuestros cadetes dicen"), a whole
 *	group ("the whole team", "die ganze Mannschaft", "toute l'équipe",
 *	"todo el equipo"), "we all", or the sender's household ([aim
 *	household]: "my wife says"), with nobody of a trade and no third
 *	party among them ([aim party], [aim other]: "our vet", "our
 *	neighbour").  The sender speaks for them, so it is the sender's
 *	judgement, and a [not praise] exception that is such a verb
 *	("dicen que") takes nothing back (cl_ours_say).  A reaction of
 *	theirs that is a sentence of its own ("Los cadetes están
 *	encantados.", "Die ganze Familie ist begeistert.") is a verdict of
 *	the sender's own (oc_acclaim_group).
 *
 *	How the mail opens (oc_acclaim_open): the sender's first sentence,
 *	past a greeting, is an exclamation of delight and nothing more
 *	("Qué maravilla.", "What a joy!", "Quelle merveille !", "Was für
 *	eine Freude!", "Wie schön!"): an exclamative word ("what", "how",
 *	"was für", "wie", "quel", "que", "comme", "qué", "vaya") and, ending
 *	the sentence within a few words, a word of delight (a praise word
 *	the scan kept aside, or an [aim wonder] noun or adjective).  It
 *	judges what the mail goes on to tell and weighs two, as a verdict of
 *	the sender's own does; never in mail that asks anything or talks of
 *	a quote or a payment ([outcome offer]), nor when the words after it
 *	turn it ([aim irony]: "What a joy. Another week without heating"),
 *	nor when what follows arranges a day (cl_booked_slot: "What a
 *	relief! Thursday at ten suits us").
 *
 *	Thanks tacked onto a judgement (oc_thanks_tacked): thanks that open
 *	the clause after a comma or a dash ("Un trabajo de primera, muchas
 *	gracias.", "sauber gearbeitet - herzlichen Dank!", "T'as un talent
 *	fou, merci mille fois.") close the account as thanks of their own
 *	sentence do, unless the few words after them sneer ("vielen Dank
 *	auch.", "thanks a lot") or the account holds a word of complaint or
 *	insult ("The haulage firm are a bunch of idiots.  The posts look
 *	fine, thanks." acknowledges).
 *
 *	More work promised (oc_acclaim_more): the sender will send or bring
 *	the rest ([aim sendmore]: "we'll send", "wir schicken", "on vous
 *	confiera", "le mandaremos"; beside [aim more]: "the rest of", "die
 *	anderen", "le reste", "los demás"), stated, not denied, not about
 *	money ("I'll send the rest of the payment" pays a bill), with no
 *	figure, in mail that does not answer a bill.
 *
 *	What the owner is called or said to have (oc_acclaim_noun): after
 *	"you're a" the noun of praise ([outcome laud]: "star", "génie");
 *	after "you have a" ([outcome endowed]) a gift ([outcome gift]:
 *	"gift", "Händchen", "doigts de fée", "don") that ends its noun
 *	phrase or is followed by a preposition ("a gift for it"), never a
 *	compound ("a gift voucher").
 *
 * OWNS
 *	Nothing: the closed word classes below are static; the hits it makes
 *	live in the caller's struct oc_shape.
 *
 * NEVER
 *	Adds a tag, or scans more than the sentence it is asked about (for
 *	the opening: the first sentences of the text, once).
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

#define ACCLAIM_SPEAKER	6	/* words before "says" its speaker may hold */
#define ACCLAIM_GREETING 4	/* words of a greeting line ("Servus Sepp,") */
#define ACCLAIM_CHEER	5	/* words of an opening exclamation */
#define ACCLAIM_TAIL	3	/* words after thanks that close a clause */

/* ---- who speaks ---- */

/* Plural first-person possessives: "our lads", "unsere Kinder". */
static const char *const ours[] = {
	"our", "unser", "unsere", "unseren", "unserem", "unserer", "unsre",
	"notre", "nos", "nuestro", "nuestra", "nuestros", "nuestras",
};
/* Singular ones, which speak for the sender only with a household word
 * after them ("my wife", "meine Frau", "ma femme", "mi mujer"). */
static const char *const mine[] = {
	"my", "mein", "meine", "meinem", "meinen", "meiner", "mon", "ma",
	"mes", "mi", "mis",
};
/* A whole group after an article: "the whole", "die ganze"; and the
 * quantifiers that take an article or possessive after them: "all the",
 * "toute la", "todos los". */
static const char *const whole[] = {
	"whole", "entire", "ganze", "ganzen", "gesamte", "gesamten",
};
static const char *const all[] = {
	"all", "alle", "tout", "toute", "tous", "toutes", "todo", "toda",
	"todos", "todas",
};
static const char *const det[] = {
	"the", "our", "der", "die", "das", "den", "unsere", "unseren",
	"le", "la", "les", "nos", "notre", "el", "los", "las", "nuestro",
	"nuestra", "nuestros", "nuestras",
};
/* "we all", "wir alle", "nous tous", "todos nosotros" */
static const char *const we[] = {
	"we", "wir", "nous", "nosotros", "nosotras",
};
/* Words that may stand before the speaker: "and our kids say". */
static const char *const and_[] = {
	"and", "und", "et", "y", "also", "auch", "aussi", "tambien",
};

/*
 * speaker_ours - the words of text[from, to) (the clause before a verb of
 * saying) are the sender's own people, with no trade or third party
 */
static bool
speaker_ours(const struct cl *c, size_t from, size_t to)
{
	struct rules_word w[ACCLAIM_SPEAKER + 1];
	size_t n = 0, p = from, i = 0;
	bool ok;

	while (n <= ACCLAIM_SPEAKER && rules_word_next(c->text, to, &p, &w[n]))
		if (!w[n].overflow)
			n++;
	if (n > ACCLAIM_SPEAKER)
		return false;	/* a long clause: its subject is not read */
	if (n > 0 && str_in_list(and_, NELEMS(and_), w[0].folded))
		i = 1;
	if (i + 1 > n)
		return false;
	ok = str_in_list(ours, NELEMS(ours), w[i].folded);
	if (!ok && i + 2 <= n) {
		const char *a = w[i].folded, *b = w[i + 1].folded;

		ok = (str_in_list(det, NELEMS(det), a) &&
		    str_in_list(whole, NELEMS(whole), b)) ||	/* die ganze */
		    (str_in_list(all, NELEMS(all), a) &&
		    (str_in_list(det, NELEMS(det), b) ||	/* all the */
		    strncmp(b, "l'", 2) == 0)) ||		/* toute l'équipe */
		    (str_in_list(we, NELEMS(we), a) &&
		    str_in_list(all, NELEMS(all), b)) ||	/* wir alle */
		    (str_in_list(all, NELEMS(all), a) &&
		    str_in_list(we, NELEMS(we), b)) ||		/* todos nosotros */
		    (i + 3 <= n && strcmp(a, "all") == 0 &&
		    strcmp(b, "of") == 0 && strcmp(w[i + 2].folded, "us") == 0);
	}
	if (!ok && str_in_list(mine, NELEMS(mine), w[i].folded))
		ok = cl_near_between(c, w[i].start, to, "household");
	return ok && !cl_near_between(c, w[i].start, to, "party") &&
	    !cl_near_between(c, w[i].start, to, "other");
}

/*
 * cl_others_report - text[from, to) holds a verb of saying ([aim report])
 * whose speaker is not the sender's own people: what follows it is
 * somebody else's judgement.  One scan of the range, and one of each
 * speaker's few words.
 */
bool
cl_others_report(const struct cl *c, size_t from, size_t to)
{
	struct cl_span r;
	size_t p = from;

	while (p < to &&
	    cl_money_seek(c, c->text, p, to, RULES_AIM, "report", &r)) {
		size_t sb, se;

		cl_sentence(c->text, c->tlen, r.start, r.end, &sb, &se);
		if (!speaker_ours(c, cl_clause_start(c->text, sb, r.start),
		    r.start))
			return true;	/* "the wool man says" */
		p = r.end;
	}
	return false;
}

bool
cl_ours_say(const struct cl *c, struct cl_span x)
{
	struct cl_span r;
	size_t sb, se;

	if (!cl_money_seek(c, c->text, x.start, x.end, RULES_AIM, "report", &r))
		return false;
	cl_sentence(c->text, c->tlen, r.start, r.end, &sb, &se);
	return speaker_ours(c, cl_clause_start(c->text, sb, r.start), r.start);
}

/* Articles a plural subject opens on: "the kids", "los cadetes". */
static const char *const the[] = {
	"the", "die", "les", "los", "las",
};
/* Plural verbs a reaction may open on: "were thrilled", "sind
 * begeistert", "sont ravis", "están encantados". */
static const char *const plural[] = {
	"are", "were", "sind", "waren", "sont", "etaient", "ont", "estan",
	"estaban", "quedaron", "han",
};

bool
oc_acclaim_group(const struct cl *c, const struct cl_outhit *h)
{
	struct rules_word w[ACCLAIM_SPEAKER + 1], v;
	size_t sb, se, p, n = 0;

	if (!oc_is_name(h, "reaction"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	for (p = h->at.end; p < se; p++)
		if (!strchr(" \t\r\n.!)", c->text[p]))
			return false;	/* "... con el nuevo entrenador" */
	for (p = sb; n <= ACCLAIM_SPEAKER &&
	    rules_word_next(c->text, h->at.start, &p, &w[n]);)
		if (!w[n].overflow)
			n++;
	if (n == 0 || n > ACCLAIM_SPEAKER ||
	    cl_their_verdict(c, h->at))
		return false;	/* "ella está encantada" is hers */
	if (speaker_ours(c, w[0].start, h->at.start))
		return true;	/* "Die ganze Familie ist hin und weg." */
	p = h->at.start;
	return n == 2 && str_in_list(the, NELEMS(the), w[0].folded) &&
	    rules_word_next(c->text, h->at.end, &p, &v) &&
	    str_in_list(plural, NELEMS(plural), v.folded) &&
	    !cl_near_between(c, w[0].start, h->at.start, "party") &&
	    !cl_near_between(c, w[0].start, h->at.start, "other");
}

/* ---- how the mail opens ---- */

/* Exclamative words: "What a joy!", "How lovely!", "Was für eine
 * Freude!", "Welch ein Glück!", "Wie schön!", "Quelle merveille !", "Que
 * c'est beau !", "Comme c'est beau !", "¡Qué maravilla!", "¡Vaya
 * maravilla!".  German "was" only before "für". */
static const char *const exclamative[] = {
	"what", "how", "was", "welch", "wie", "quel", "quelle", "quels",
	"quelles", "que", "comme", "vaya",
};

/* hit_word - at most n - 1 bytes of text[at] into out, for a note */
static void
hit_word(const struct cl *c, struct cl_span at, char *out, size_t n)
{
	size_t len = at.end - at.start;

	if (len >= n)
		len = utf8_prefix(c->text + at.start, n - 1);
	memcpy(out, c->text + at.start, len);
	out[len] = '\0';
}

/* delight_ends - a word of delight ends at `end` within text[from, end):
 * a praise word the scan kept aside ("lovely", "maravilloso") or an [aim
 * wonder] phrase ("maravilla", "Freude", "merveille", "joy") */
static bool
delight_ends(const struct cl *c, size_t from, size_t end)
{
	struct cl_span w;

	for (size_t i = 0; i < c->nfaint; i++)
		if (c->faint[i].start >= from && c->faint[i].end == end)
			return true;
	return cl_money_seek(c, c->text, from, end, RULES_AIM, "wonder", &w) &&
	    w.end == end;
}

/*
 * cheer_at - the sentence that starts at p is an exclamation of delight
 * and nothing more: an exclamative word first, a word of delight last
 * within ACCLAIM_CHEER words, then only closing marks, no question.  Its
 * span into *at.
 */
static bool
cheer_at(const struct cl *c, size_t p, struct cl_span *at)
{
	struct rules_word w[ACCLAIM_CHEER + 1];
	size_t n = 0, sb, se, q = p;

	if (!rules_word_next(c->text, c->tlen, &q, &w[0]) || w[0].overflow ||
	    !str_in_list(exclamative, NELEMS(exclamative), w[0].folded))
		return false;
	cl_sentence(c->text, c->tlen, w[0].start, w[0].end, &sb, &se);
	for (n = 1; n <= ACCLAIM_CHEER &&
	    rules_word_next(c->text, se, &q, &w[n]); n++)
		if (w[n].overflow)
			return false;
	if (n < 2 || n > ACCLAIM_CHEER ||
	    (strcmp(w[0].folded, "was") == 0 && strcmp(w[1].folded, "fur") != 0))
		return false;
	for (q = w[n - 1].end; q < se; q++)
		if (c->text[q] == '?')
			return false;
	if (cl_quote_marks(c->text, sb, w[0].start) > 0 ||
	    !delight_ends(c, w[1].start, w[n - 1].end))
		return false;	/* "What a pleasure to meet you" ends on no
				 * word of delight */
	at->start = w[0].start;
	at->end = w[n - 1].end;
	return true;
}

/*
 * greeting_end - where the words after a greeting line start ("Elena:",
 * "Servus Sepp,", "lucia!!!", "Hi Tom"): a first line of at most
 * ACCLAIM_GREETING words with more text after it, not ending a sentence
 * with '.' or '?'; p when there is none
 */
static size_t
greeting_end(const struct cl *c, size_t p)
{
	const char *nl = memchr(c->text + p, '\n', c->tlen - p);
	struct rules_word rw;
	size_t eol, last, q = p, n = 0;

	if (nl == NULL)
		return p;
	eol = (size_t)(nl - c->text);
	for (last = eol; last > p && isspace((unsigned char)c->text[last - 1]);
	    last--)
		;
	while (rules_word_next(c->text, eol, &q, &rw) && n <= ACCLAIM_GREETING)
		n++;
	if (n == 0 || n > ACCLAIM_GREETING || last == p ||
	    c->text[last - 1] == '.' || c->text[last - 1] == '?')
		return p;
	for (q = eol; q < c->tlen && isspace((unsigned char)c->text[q]); q++)
		;
	return q < c->tlen ? q : p;
}

/* name_comma_end - past "Name, " opening the text at p ("Elena, qué
 * maravilla."): a capitalised word and a comma; p when there is none */
static size_t
name_comma_end(const struct cl *c, size_t p)
{
	struct rules_word rw;
	size_t q = p;

	if (!rules_word_next(c->text, c->tlen, &q, &rw) || rw.start != p ||
	    !isupper((unsigned char)c->text[p]) || q >= c->tlen ||
	    c->text[rw.end] != ',')
		return p;
	for (q = rw.end + 1; q < c->tlen && (c->text[q] == ' ' ||
	    c->text[q] == '\t'); q++)
		;
	return q;
}

/* turned_after - the words right after the sentence ending at se open on
 * an irony phrase ("What a joy. Another week without heating.") */
static bool
turned_after(const struct cl *c, size_t se)
{
	struct rules_word rw;
	size_t p = se;

	for (size_t n = 0; n < 2 && rules_word_next(c->text, c->tlen, &p, &rw);
	    n++)
		;
	return p > se && cl_near_between(c, se, p, "irony");
}

size_t
oc_acclaim_open(const struct cl *c, struct oc_shape *s)
{
	size_t cand[3], nc = 0, p = c->first, g;
	struct cl_span at;

	if (c->text == NULL || p >= c->tlen ||
	    memchr(c->text, '?', c->tlen) != NULL ||
	    oc_has_hit(c, "offer", 0, c->tlen, NULL))
		return 0;	/* mail that asks, or talks of a price */
	cand[nc++] = p;
	if ((g = greeting_end(c, p)) != p)
		cand[nc++] = g;
	if ((g = name_comma_end(c, p)) != p)
		cand[nc++] = g;
	for (size_t i = 0; i < nc; i++) {
		size_t sb, se;

		if (!cheer_at(c, cand[i], &at))
			continue;
		cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
		if (turned_after(c, se) || cl_booked_slot(c, se, c->tlen))
			return 0;	/* "What a relief! Thursday at ten suits
					 * us" is glad of a date */
		if (s != NULL) {
			hit_word(c, at, s->word[0], sizeof(s->word[0]));
			s->open = (struct cl_outhit){ "open", s->word[0], at };
		}
		return 2;
	}
	return 0;
}

/* ---- thanks tacked onto a judgement ---- */

/* Words after such thanks that make them a sneer: "vielen Dank auch.",
 * "thanks a lot", "thanks a bunch". */
static const char *const sneer_tail[] = { "auch", "lot", "bunch" };

/* mark_before - text[p - 1] ends a clause mark: a comma, semicolon or
 * colon, or a dash with a blank either side (" - ", " – ", " — ") */
static bool
mark_before(const struct cl *c, size_t p)
{
	const char *t = c->text;

	if (strchr(",;:", t[p - 1]) != NULL)
		return true;
	if (p >= 2 && t[p - 1] == '-' && t[p - 2] == ' ')
		return true;
	return p >= 4 && t[p - 4] == ' ' && (unsigned char)t[p - 3] == 0xe2 &&
	    (unsigned char)t[p - 2] == 0x80 &&
	    ((unsigned char)t[p - 1] == 0x93 || (unsigned char)t[p - 1] == 0x94);
}

bool
oc_thanks_tacked(const struct cl *c, struct cl_span t, size_t pb, size_t tb,
    size_t te, size_t lead)
{
	struct rules_word w;
	size_t cb = tb, p, n = 0;

	for (p = t.start; p > tb; p--)
		if (mark_before(c, p) && (p >= c->tlen || c->text[p] == ' ' ||
		    c->text[p] == '\n')) {
			cb = p;
			break;
		}
	if (cb == tb)
		return false;	/* thanks inside a clause of the judgement */
	for (size_t i = 0; i < c->ntags; i++)
		if ((strcmp(c->tags[i].tag, "complaint") == 0 ||
		    strcmp(c->tags[i].tag, "rude") == 0) &&
		    c->tags[i].at.end <= te && c->tags[i].at.start >= pb)
			return false;	/* "The haulage firm are a bunch of
					 * idiots.  The posts look fine, thanks." */
	for (p = cb; rules_word_next(c->text, t.start, &p, &w) && n <= lead;)
		n++;
	if (n > lead)
		return false;
	for (p = t.end, n = 0; rules_word_next(c->text, te, &p, &w); n++)
		if (n >= ACCLAIM_TAIL ||
		    str_in_list(sneer_tail, NELEMS(sneer_tail), w.folded))
			return false;	/* "vielen Dank auch." */
	return true;
}

/* ---- more work promised ---- */

/* Money by its plain name, which no payment list holds: "I'll send the
 * rest of the money". */
static const char *const money[] = {
	"money", "cash", "geld", "argent", "sous", "dinero", "pasta",
};

/* counted - a digit or a word for money in text[sb, se): "the other 3",
 * "the rest of the money" */
static bool
counted(const struct cl *c, size_t sb, size_t se)
{
	struct rules_word w;
	size_t p = sb;

	for (size_t i = sb; i < se; i++)
		if (c->text[i] >= '0' && c->text[i] <= '9')
			return true;
	while (rules_word_next(c->text, se, &p, &w))
		if (str_in_list(money, NELEMS(money), w.folded))
			return true;
	return false;
}

bool
oc_acclaim_more(const struct cl *c, struct oc_shape *s)
{
	struct cl_span at;
	size_t p = 0;

	while (p < c->tlen &&
	    cl_money_seek(c, c->text, p, c->tlen, RULES_AIM, "sendmore", &at)) {
		size_t sb, se;

		p = at.end;
		cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
		if (!cl_near_between(c, sb, se, "more") ||
		    cl_asks(c->text, sb, se) ||
		    cl_near_between(c, sb, se, "negation") ||
		    oc_has_hit(c, "hedge", sb, se, NULL) ||
		    oc_has_hit(c, "offer", sb, se, NULL) ||
		    cl_near_between(c, sb, se, "bill") ||
		    cl_money_seek(c, c->text, sb, se, RULES_WEAK, "slow-payer",
		    NULL) ||
		    cl_money_seek(c, c->text, sb, se, RULES_WEAK, "haggler",
		    NULL) || counted(c, sb, se))
			continue;	/* "I'll send the rest of the payment" */
		if (cl_bill_thread(c))	/* read last: it reads the quote */
			return false;	/* "I'll send the rest of it on Friday" */
		hit_word(c, at, s->word[1], sizeof(s->word[1]));
		s->more = (struct cl_outhit){ "again", s->word[1], at };
		return true;
	}
	return false;
}

/*
 * gift_ends - the [outcome gift] hit g ends its noun phrase: punctuation,
 * the end of the text, or a preposition follows ("a real gift for it",
 * "ein Händchen für Holz", "un don para enseñar"), not another noun ("a
 * gift voucher", "ein Talentwettbewerb" is one word already)
 */
static bool
gift_ends(const struct cl *c, const struct cl_outhit *g)
{
	static const char *const preps[] = {
		"for", "with", "when", "f\xc3\xbcr", "mit", "wenn", "pour",
		"avec", "quand", "para", "con", "cuando", "de", "dans",
	};
	size_t p = g->at.end, w;

	while (p < c->tlen && (c->text[p] == ' ' || c->text[p] == '\t'))
		p++;
	if (p >= c->tlen || !(isalpha((unsigned char)c->text[p]) ||
	    (unsigned char)c->text[p] >= 0x80))
		return true;
	w = p;
	while (p < c->tlen && (isalpha((unsigned char)c->text[p]) ||
	    (unsigned char)c->text[p] >= 0x80))
		p++;
	for (size_t i = 0; i < sizeof(preps) / sizeof(preps[0]); i++)
		if (strlen(preps[i]) == p - w &&
		    strncasecmp(c->text + w, preps[i], p - w) == 0)
			return true;
	return false;
}

const struct cl_outhit *
oc_acclaim_noun(const struct cl *c, const struct cl_outhit *h, size_t from,
    size_t to)
{
	bool gift = oc_is_name(h, "endowed");

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *n = &c->outc[i];

		if (n->at.start < from || n->at.end > to)
			continue;
		if (gift ? oc_is_name(n, "gift") && gift_ends(c, n) :
		    oc_is_name(n, "laud"))
			return n;
	}
	return NULL;
}
