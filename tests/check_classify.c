/*
 * check_classify - who a message is from, which tags, which referrals.
 *
 * Messages are built by hand here (no parser), the rules are the shipped
 * ones, and what the store knows is a small table.  Each case states the
 * facts it expects as short strings:
 *
 *	people		"email* email" (* marks the sender)
 *	tags		"email:tag email:tag" in the order produced
 *	referrals	"referrer>referred/how", referrer "?Name" when pending
 *	ev		evidence of the first referral, else of the first tag
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify/classify.h"
#include "testlib.h"

/* ---- what the store knows ---- */

static const char *const known_names[][2] = {
	{ "Dana Reyes", "dana@reyes.example" },
	{ "Pat Lee", "pat@lee.example" },
};
static const char *const known_codes[][2] = {
	{ "abc123", "carol@customer.example" },
	{ "ownref", "me@gmail.example" },
};
static const char *const known_customers[] = {
	"amy@client.example", "old@customer.example", "pat@lee.example",
};

static bool
table_lookup(const char *const tbl[][2], size_t n, const char *key,
    char *out, size_t outlen)
{
	for (size_t i = 0; i < n; i++) {
		if (strcasecmp(tbl[i][0], key) == 0) {
			snprintf(out, outlen, "%s", tbl[i][1]);
			return true;
		}
	}
	return false;
}

static bool
email_for_name(void *ctx, const char *name, char *out, size_t outlen)
{
	(void)ctx;
	return table_lookup(known_names, 2, name, out, outlen);
}

static bool
email_for_code(void *ctx, const char *code, char *out, size_t outlen)
{
	(void)ctx;
	return table_lookup(known_codes, 2, code, out, outlen);
}

/* one known Reyes (Dana), two known Lees: a surname alone finds Dana only */
static bool
email_for_surname(void *ctx, const char *surname, char *out, size_t outlen)
{
	(void)ctx;
	if (strcasecmp(surname, "Reyes") != 0)
		return false;
	snprintf(out, outlen, "%s", "dana@reyes.example");
	return true;
}

static bool
is_customer(void *ctx, const char *email)
{
	(void)ctx;
	for (size_t i = 0; i < 3; i++)
		if (strcmp(known_customers[i], email) == 0)
			return true;
	return false;
}

static const struct classify_known known = {
	NULL, email_for_name, email_for_code, is_customer, email_for_surname,
	NULL, NULL,
};

/* ---- the owner's configuration and the rules ---- */

static struct config cfg;
static struct rules *rules;

static void
setup(void)
{
	tl_classify_make(&cfg, &rules);
	strvec_push(&cfg.own_addresses, "me@gmail.example");
}

static void
teardown(void)
{
	tl_classify_done(&cfg, &rules);
}

/* ---- building messages ---- */

enum {
	F_LIST = 1, F_UNSUB = 2, F_BULK = 4, F_AUTO = 8, F_AUTOHDR = 16,
	F_AUTOSUBJ = 32, F_DSN = 64, F_NULLENV = 128,
};

struct mcase {
	const char *from;	/* "email|Display Name" */
	const char *to;		/* "email|Name,email" */
	const char *cc, *subject, *text, *quoted, *signature, *in_reply_to;
	unsigned flags;
	const char *auth;	/* envelope auth_user */
	const char *rcpt;	/* envelope recipients, ',' separated */
	const char *fwd;	/* "email|Name" of a forwarded message's From */
	/* expected */
	enum facts_kind kind;
	const char *reason, *people, *tags, *referrals, *ev;
};

static void
set_addr(struct address *a, const char *spec, size_t n)
{
	const char *bar = memchr(spec, '|', n);

	a->email = strndup(spec, bar ? (size_t)(bar - spec) : n);
	a->name = bar ? strndup(bar + 1, n - (size_t)(bar - spec) - 1) : NULL;
}

static struct addrlist
mk_list(const char *spec)
{
	struct addrlist l = { NULL, 0 };

	for (const char *p = spec; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		l.v = realloc(l.v, (l.n + 1) * sizeof(*l.v));
		set_addr(&l.v[l.n++], p, n);
		p = comma ? comma + 1 : NULL;
	}
	return l;
}

static void
free_list(struct addrlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].email);
		free(l->v[i].name);
	}
	free(l->v);
}

static void
mk_message(struct message *m, const struct mcase *c, int i)
{
	char id[64];

	memset(m, 0, sizeof(*m));
	if (c->from)
		set_addr(&m->from, c->from, strlen(c->from));
	m->to = mk_list(c->to ? c->to : "owner@mybiz.example|Sam Owner");
	m->cc = mk_list(c->cc);
	m->subject = c->subject ? strdup(c->subject) : NULL;
	snprintf(id, sizeof(id), "case-%d@test.example", i);
	m->message_id = strdup(id);
	m->in_reply_to = c->in_reply_to ? strdup(c->in_reply_to) : NULL;
	m->date = 1700000000 + i;
	m->list_id = c->flags & F_LIST ? strdup("<news.list.example>") : NULL;
	m->has_list_unsubscribe = c->flags & F_UNSUB;
	m->precedence_bulk = c->flags & F_BULK;
	m->auto_submitted = c->flags & F_AUTO;
	m->autoreply_header = c->flags & F_AUTOHDR;
	m->autoreply_subject = c->flags & F_AUTOSUBJ;
	m->delivery_report = c->flags & F_DSN;
	m->text = strdup(c->text ? c->text : "");
	m->quoted = c->quoted ? strdup(c->quoted) : NULL;
	m->signature = c->signature ? strdup(c->signature) : NULL;
	if (c->fwd)
		set_addr(&m->forwarded, c->fwd, strlen(c->fwd));
}

static void
free_message(struct message *m)
{
	free(m->from.email);
	free(m->from.name);
	free_list(&m->to);
	free_list(&m->cc);
	free(m->subject);
	free(m->message_id);
	free(m->in_reply_to);
	free(m->list_id);
	free(m->text);
	free(m->quoted);
	free(m->signature);
	free(m->forwarded.email);
	free(m->forwarded.name);
}

static void
cat(char *out, size_t outlen, const char *a, const char *b, const char *c)
{
	size_t used = strlen(out);

	snprintf(out + used, outlen - used, "%s%s%s%s", used ? " " : "", a, b, c);
}

/* summarise - the facts as the strings the cases expect */
static void
summarise(const struct facts *f, char *people, char *tags, char *refs,
    size_t len)
{
	people[0] = tags[0] = refs[0] = '\0';
	for (size_t i = 0; i < f->npeople; i++)
		cat(people, len, f->people[i].email,
		    f->people[i].sender ? "*" : "", "");
	for (size_t i = 0; i < f->ntags; i++)
		cat(tags, len, f->tags[i].email, ":", f->tags[i].tag);
	for (size_t i = 0; i < f->nreferrals; i++) {
		const struct fact_referral *r = &f->referrals[i];
		char who[200];

		if (r->referrer)
			snprintf(who, sizeof(who), "%s>", r->referrer);
		else
			snprintf(who, sizeof(who), "?%s>", r->referrer_name);
		cat(refs, len, who, r->referred, "");
		snprintf(refs + strlen(refs), len - strlen(refs), "/%s", r->how);
	}
}

static void
run_case(const struct mcase *c, int i)
{
	struct message m;
	struct envelope env = { .mail_from = NULL };
	const char *rcpt[4] = { NULL };
	char *rcopy = NULL;
	struct facts *f;
	char people[1024], tags[1024], refs[1024];

	mk_message(&m, c, i);
	env.mail_from = c->flags & F_NULLENV ? "" : "sender@bounce.example";
	env.auth_user = c->auth;
	if (c->rcpt) {
		size_t n = 0;

		rcopy = strdup(c->rcpt);
		for (char *p = rcopy; p && n < 3;) {
			char *comma = strchr(p, ',');

			if (comma)
				*comma++ = '\0';
			rcpt[n++] = p;
			p = comma;
		}
		env.rcpt = rcpt;
	}
	f = classify(&m, &env, &cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(f->kind == c->kind, "case %d: kind %d, want %d (%s)", i,
	    f->kind, c->kind, f->ignore_reason ? f->ignore_reason : "");
	if (c->kind == FACTS_IGNORED)
		ck_assert_msg(f->ignore_reason &&
		    strstr(f->ignore_reason, c->reason) != NULL,
		    "case %d: reason '%s', want '%s'", i,
		    f->ignore_reason ? f->ignore_reason : "(null)", c->reason);
	else
		ck_assert_ptr_null(f->ignore_reason);
	summarise(f, people, tags, refs, sizeof(people));
	tl_case_eq(i, "people", people, c->people);
	tl_case_eq(i, "tags", tags, c->tags);
	tl_case_eq(i, "referrals", refs, c->referrals);
	if (c->ev) {
		const char *ev = f->nreferrals ? f->referrals[0].evidence :
		    f->ntags ? f->tags[0].evidence : NULL;

		ck_assert_msg(ev && strcmp(ev, c->ev) == 0,
		    "case %d: evidence '%s', want '%s'", i, ev ? ev : "", c->ev);
	}
	/* the message's own facts are always copied */
	ck_assert_str_eq(f->key, m.message_id);
	ck_assert_int_eq(f->date, m.date);
	if (m.subject)
		ck_assert_str_eq(f->subject, m.subject);
	else
		ck_assert_ptr_null(f->subject);
	facts_free(f);
	free(rcopy);
	free_message(&m);
}

#define AMY "amy@client.example|Amy Chen"	/* a known customer */
#define LEE "lee@newco.example|Lee Park"	/* someone new */
#define RE "<earlier@mybiz.example>"
#define IGN(why) .kind = FACTS_IGNORED, .reason = why

/* ---- referrals: every form, the refusals, the dedupe ---- */

static const struct mcase referral_cases[] = {
	/* introduction: a cue, and a new person copied in */
	{ .from = AMY, .cc = "dana@new.example|Dana Fox",
	  .text = "Hi Sam,\n\nLet me introduce Dana, who is opening a bakery. "
	  "I think you two should talk.\n\nAmy",
	  .kind = FACTS_INCOMING,
	  .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction",
	  .ev = "Let me introduce Dana, who is opening a bakery." },
	/* ... or in To beside the owner; the typographic apostrophe */
	{ .from = AMY,
	  .to = "owner@mybiz.example|Sam Owner,dana@new.example|Dana Fox",
	  .text = "I\xe2\x80\x99m looping in Dana Fox, who needs a logo.",
	  .kind = FACTS_INCOMING,
	  .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction" },
	/* two people introduced at once */
	{ .from = AMY, .cc = "dana@new.example|Dana Fox,kim@other.example",
	  .text = "I\xe2\x80\x99m cc\xe2\x80\x99ing Dana and Kim here.",
	  .kind = FACTS_INCOMING,
	  .people = "amy@client.example* dana@new.example kim@other.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred "
	  "kim@other.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction "
	  "amy@client.example>kim@other.example/introduction" },
	/* a Cc without an introduction cue is just a Cc */
	{ .from = AMY, .cc = "dana@new.example|Dana Fox",
	  .text = "See the attached plans.", .in_reply_to = RE,
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* own and role addresses are never introduced */
	{ .from = AMY,
	  .cc = "me@gmail.example,noreply@tool.example,sam@mybiz.example",
	  .text = "Let me introduce my assistant.", .in_reply_to = RE,
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* address in the sentence of a cue */
	{ .from = LEE,
	  .text = "Hello! Dana (dana@example.com) sent me your way. Could you "
	  "quote for a logo?",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry lee@newco.example:referred",
	  .referrals = "dana@example.com>lee@newco.example/address",
	  .ev = "Dana (dana@example.com) sent me your way." },
	/* a name the store knows, in apposition, before and after the cue */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Our accountant, Dana Reyes, told us to contact you about "
	  "the books.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@reyes.example>lee@newco.example/name",
	  .ev = "Our accountant, Dana Reyes, told us to contact you about "
	  "the books." },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Dana Reyes RECOMMENDED you to me.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@reyes.example>lee@newco.example/name" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "I was referred by Pat Lee last week.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "pat@lee.example>lee@newco.example/name" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "I was referred to you by my colleague Dana Reyes at Acme.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@reyes.example>lee@newco.example/name" },
	/*
	 * the sender's own words in a later clause ("when I mentioned")
	 * leave the referrer before the cue standing; in the cue's own
	 * clause they still cancel it
	 */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Dana Reyes at Acme recommended you to me when I mentioned "
	  "we were looking for a new roofer.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@reyes.example>lee@newco.example/name" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Pat Lee recommended you to us because I mentioned we were "
	  "moving.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "pat@lee.example>lee@newco.example/name" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "I mentioned you to Dana Reyes and she recommended you too.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* telling about the owner, giving the owner's name (es) */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Nos han hablado de usted Marisa Puig, nuestra vecina.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Marisa Puig>lee@newco.example/pending" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Nos ha dado su nombre Jaime Soto, el encargado de la "
	  "ferreter\xc3\xad" "a.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Jaime Soto>lee@newco.example/pending" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Le he hablado de usted a mi vecina Marisa Puig.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/*
	 * the one the sender copies in and recommends the owner to is
	 * introduced, never the sender's referrer as well; another name
	 * still waits
	 */
	{ .from = AMY, .cc = "jo@new.example|Jo Marsh",
	  .text = "I'm copying in my friend Jo Marsh, who needs a farrier; "
	  "I've warmly recommended you to her.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* jo@new.example",
	  .tags = "amy@client.example:referrer jo@new.example:referred",
	  .referrals = "amy@client.example>jo@new.example/introduction" },
	{ .from = AMY, .cc = "bernard@new.example|Bernard Roux",
	  .text = "Je mets en copie Bernard Roux, qui cherche un doreur ; je "
	  "lui ai chaudement recommand\xc3\xa9 votre atelier.",
	  .kind = FACTS_INCOMING,
	  .people = "amy@client.example* bernard@new.example",
	  .tags = "amy@client.example:referrer bernard@new.example:referred",
	  .referrals = "amy@client.example>bernard@new.example/introduction" },
	{ .from = LEE, .cc = "jo@new.example|Jo Marsh", .in_reply_to = RE,
	  .text = "My neighbour Kim Lowe recommended you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Kim Lowe>lee@newco.example/pending" },
	/* names the store does not know yet: pending */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "My neighbour Jo Marsh speaks highly of you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Jo Marsh>lee@newco.example/pending",
	  .ev = "My neighbour Jo Marsh speaks highly of you." },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Priya recommended you, so here I am.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Priya>lee@newco.example/pending" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Dana at Acme recommended you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Dana>lee@newco.example/pending" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "My sister-in-law Anne-Marie told me about you!",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?Anne-Marie>lee@newco.example/pending" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "We got your name from John at the bakery.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "?John>lee@newco.example/pending" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "I heard about you from Dana Reyes and Pat Lee.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@reyes.example>lee@newco.example/name" },
	/* no person: a company, a search engine, a vague friend */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "I was referred to you by O\xe2\x80\x99" "Brien Consulting Ltd.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Thanks, I heard about you from a friend at Google.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "The Chamber of Commerce referred me to you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* codes: subaddress, subject, envelope recipient */
	{ .from = LEE, .in_reply_to = RE,
	  .to = "owner+ref-abc123@mybiz.example", .text = "Hi, can we chat?",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "carol@customer.example>lee@newco.example/code",
	  .ev = "referral code abc123 to owner+ref-abc123@mybiz.example" },
	{ .from = LEE, .in_reply_to = RE, .subject = "Kitchen job [ref-ABC123]",
	  .text = "Hi, can we chat?",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "carol@customer.example>lee@newco.example/code",
	  .ev = "referral code ABC123 in the subject" },
	{ .from = LEE, .in_reply_to = RE, .rcpt = "owner+ref-abc123@mybiz.example",
	  .text = "Hi, can we chat?",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "carol@customer.example>lee@newco.example/code" },
	/* unknown code, code at a foreign domain, code of the owner */
	{ .from = LEE, .in_reply_to = RE, .to = "owner+ref-zzz999@mybiz.example",
	  .text = "Hi.", .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE,
	  .to = "owner@mybiz.example,bob+ref-abc123@other.example",
	  .text = "Hi.", .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE, .subject = "Hello [ref-ownref]",
	  .text = "Hi.", .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE, .subject = "xref-abc123 and pref-abc123",
	  .text = "Hi.", .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* one referrer per person: code, then address, then known name */
	{ .from = LEE, .in_reply_to = RE, .subject = "[ref-abc123]",
	  .text = "Dana Reyes recommended you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "carol@customer.example>lee@newco.example/code" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Pat Lee recommended you. Also dana@example.com sent me "
	  "your way.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@example.com>lee@newco.example/address",
	  .ev = "Also dana@example.com sent me your way." },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Jo Marsh recommended you. Pat Lee also speaks highly of you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "pat@lee.example>lee@newco.example/name" },
	/* never oneself, the owner, an own domain or a role address */
	{ .from = "pat@lee.example", .in_reply_to = RE,
	  .text = "I was referred by Pat Lee.",
	  .kind = FACTS_INCOMING, .people = "pat@lee.example*" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "My other address lee@newco.example recommended you.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Sam (sam@mybiz.example) sent me your way.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Your form at noreply@tool.example sent me your way.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* quoted text and signatures never count */
	{ .from = LEE, .in_reply_to = RE, .text = "Sounds good, see you then.",
	  .quoted = "> Dana Reyes recommended you. You are the best!",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .in_reply_to = RE, .text = "Cheers.",
	  .signature = "Dana Reyes recommended you\nidiot",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
};

/* ---- introductions by who is in To/Cc and what the text says ---- */

#define OWNER "owner@mybiz.example|Sam Owner"
#define DANA "dana@new.example|Dana Fox"
#define BEN "ben@new.example|Ben Ortiz"

static const struct mcase intro_cases[] = {
	/* mass mail: many new people, or many visible recipients */
	{ .from = AMY, .in_reply_to = RE,
	  .cc = "a@one.example,b@two.example,c@three.example,d@four.example",
	  .text = "Let me introduce everyone to Sam.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .to = OWNER ",a@1.example,b@2.example,c@3.example,d@4.example,"
	  "e@5.example,f@6.example,g@7.example", .cc = DANA,
	  .text = "Please meet Dana at the party!",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* the sender's own other address: same name, or same local part */
	{ .from = AMY, .cc = "amy.home@home.example|Amy Chen",
	  .subject = "Hi", .text = "I've copied in my home address.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .cc = "amy@gmail.example|A. C.", .in_reply_to = RE,
	  .text = "Let me introduce my other address, amy@gmail.example.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* introducing oneself introduces nobody */
	{ .from = LEE, .cc = "kim@other.example|Kim Wu",
	  .text = "Let me introduce myself: I run a bakery with Kim.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry" },
	/* a reply keeping others in Cc: only its own new text introduces */
	{ .from = AMY, .in_reply_to = RE, .cc = DANA,
	  .text = "I've cc'd everyone as before.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE, .cc = DANA,
	  .text = "I'm looping in Dana, who needs a logo.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction" },
	/* a greeting to both sides, no cue: "Sam, Ben," / "Ben, meet Sam" */
	{ .from = AMY, .to = OWNER "," BEN, .subject = "Website",
	  .text = "Sam, Ben,\n\nBen runs a caf\xc3\xa9 and needs a website.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* ben@new.example",
	  .tags = "amy@client.example:referrer ben@new.example:referred",
	  .referrals = "amy@client.example>ben@new.example/introduction",
	  .ev = "Sam, Ben," },
	{ .from = AMY, .to = OWNER "," BEN, .subject = "Website",
	  .text = "Ben, meet Sam.\nSam built our site.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* ben@new.example",
	  .tags = "amy@client.example:referrer ben@new.example:referred",
	  .referrals = "amy@client.example>ben@new.example/introduction" },
	/* presenting by name in a new conversation */
	{ .from = AMY, .to = OWNER, .cc = BEN, .subject = "Rewiring",
	  .text = "Sam, this is Ben, my cousin. He needs a quote.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* ben@new.example",
	  .tags = "amy@client.example:referrer ben@new.example:referred",
	  .referrals = "amy@client.example>ben@new.example/introduction" },
	{ .from = AMY, .to = OWNER "," BEN, .subject = "Ben meet Sam",
	  .text = "He has an old boat that needs work.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* ben@new.example",
	  .tags = "amy@client.example:referrer ben@new.example:referred",
	  .referrals = "amy@client.example>ben@new.example/introduction" },
	{ .from = AMY, .to = OWNER "," BEN, .subject = "Lunch",
	  .text = "Shall we meet on Tuesday? Ben is coming too.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* ... but a greeting in a reply is just a greeting */
	{ .from = AMY, .to = OWNER "," BEN, .in_reply_to = RE,
	  .text = "Sam, Ben,\n\nThursday works for us.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* someone already known is not new */
	{ .from = AMY, .cc = "old@customer.example|Old Timer", .in_reply_to = RE,
	  .text = "Let me introduce Old Timer.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* the subject introduces */
	{ .from = AMY, .cc = DANA, .subject = "Introduction: Sam / Dana",
	  .text = "See below.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction",
	  .ev = "Introduction: Sam / Dana" },
	/* a cue and one new person, named or not */
	{ .from = AMY, .cc = "kim@other.example", .in_reply_to = NULL,
	  .subject = "Gym", .text = "Let me introduce my friend from the gym.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* kim@other.example",
	  .tags = "amy@client.example:referrer kim@other.example:referred",
	  .referrals = "amy@client.example>kim@other.example/introduction" },
	/* two new people, one named: only she is introduced */
	{ .from = AMY, .cc = DANA ",kim@other.example|Kim Wu", .subject = "Logo",
	  .text = "Let me introduce Dana, who needs a logo.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction" },
	/* other languages */
	{ .from = AMY, .cc = DANA, .in_reply_to = RE,
	  .text = "Ich setze Dana mal in CC, sie braucht ein Logo.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction" },
	{ .from = AMY, .cc = DANA, .in_reply_to = RE,
	  .text = "Je vous pr\xc3\xa9sente Dana, qui ouvre une boulangerie.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* dana@new.example",
	  .tags = "amy@client.example:referrer dana@new.example:referred",
	  .referrals = "amy@client.example>dana@new.example/introduction" },
	{ .from = AMY, .cc = DANA, .in_reply_to = RE,
	  .text = "Me presento a mi empresa.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* a new conversation that turns to the copied person by name */
	{ .from = AMY, .cc = "tobias@new.example|Tobias Seidel",
	  .subject = "Mein Bruder",
	  .text = "Hallo Sam,\n\nmein Bruder baut um.\n\nTobias, das ist der "
	  "Installateur, von dem ich dir erz\xc3\xa4hlt habe.",
	  .kind = FACTS_INCOMING,
	  .people = "amy@client.example* tobias@new.example",
	  .tags = "amy@client.example:referrer tobias@new.example:referred",
	  .referrals = "amy@client.example>tobias@new.example/introduction" },
	/* ... but the name in the middle of a sentence does not */
	{ .from = AMY, .cc = "tobias@new.example|Tobias Seidel",
	  .subject = "Termin", .text = "Hallo Sam, ich komme mit Tobias, ok?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*", },
	/* someone copied in who acts for the sender is not introduced */
	{ .from = AMY, .cc = "sam.c@other.example|Sam Carter",
	  .subject = "Quote", .text = "I've cc'd my partner Sam so we're both "
	  "in the loop on dates.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*", },
	{ .from = AMY, .cc = "luis@other.example|Luis M\xc3\xa9ndez",
	  .subject = "Ba\xc3\xb1o", .text = "Pongo en copia a mi marido, que "
	  "est\xc3\xa1 m\xc3\xa1s en casa.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*", },
};

START_TEST(introductions)
{
	run_case(&intro_cases[_i], _i);
}
END_TEST

/* ---- forwarded messages, subjects and surnames ---- */

static const struct mcase forward_cases[] = {
	/* a customer forwards a friend's request: the friend is referred,
	 * and it is the friend's enquiry */
	{ .from = AMY, .subject = "Fwd: logo", .fwd = "rosa@example.com|Rosa Lind",
	  .text = "My friend needs a logo, see below.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example* rosa@example.com",
	  .tags = "rosa@example.com:enquiry amy@client.example:referrer "
	  "rosa@example.com:referred",
	  .referrals = "amy@client.example>rosa@example.com/forward" },
	/* the owner's colleague forwards it: a contact, no credit */
	{ .from = "kim@mybiz.example|Kim", .auth = "kim", .to = OWNER,
	  .subject = "Fwd: logo",
	  .fwd = "rosa@example.com|Rosa Lind", .text = "For you.",
	  .kind = FACTS_OUTGOING, .people = "rosa@example.com" },
	/* forwarding one's own mail, or a machine's, credits nobody */
	{ .from = AMY, .subject = "Fwd: my order", .in_reply_to = RE,
	  .fwd = "amy.chen@home.example|Amy Chen", .text = "As promised.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .subject = "Fwd: receipt",
	  .fwd = "noreply@shop.example|Shop", .text = "Is this right?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* the subject carries the referral */
	{ .from = LEE, .in_reply_to = RE, .subject = "Referred by Pat Lee",
	  .text = "Hello, could we talk on Monday?",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "pat@lee.example>lee@newco.example/name",
	  .ev = "Referred by Pat Lee" },
	/* a title and a surname: the one known Reyes */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Frau Reyes hat Sie mir empfohlen.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "dana@reyes.example>lee@newco.example/name" },
	/* a known full name anywhere in the recommendation sentence */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "Herr Pat Lee von der Apotheke am Markt hat uns an Sie "
	  "verwiesen.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:referred",
	  .referrals = "pat@lee.example>lee@newco.example/name" },
	/* a cue is never read across two sentences */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "CVS access is recommended. You get the idea, Jo Marsh.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* a third person's recommendation of something else is no referral */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "We use an app recommended by David Coursey.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* the sender recommending the owner to others is no referral */
	{ .from = LEE, .in_reply_to = RE,
	  .text = "I recommended you to Jo Marsh last week.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
};

START_TEST(forwards)
{
	run_case(&forward_cases[_i], _i);
}
END_TEST

START_TEST(referrals)
{
	run_case(&referral_cases[_i], _i);
}
END_TEST

/* ---- tags ---- */

/* A reply of Amy's to the owner's mail: its text and the tags it earns. */
#define AMY_REPLIES(t, want) { .from = AMY, .in_reply_to = RE, .text = (t), \
	.kind = FACTS_INCOMING, .people = "amy@client.example*", .tags = (want) }
/* AMY_ANSWERS - the same, in a thread whose subject is subj */
#define AMY_ANSWERS(subj, t, want) { .from = AMY, .in_reply_to = RE, \
	.subject = (subj), .text = (t), .kind = FACTS_INCOMING, \
	.people = "amy@client.example*", .tags = (want) }

static const struct mcase tag_cases[] = {
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Thank you so much for the lovely work! See you soon.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise",
	  .ev = "Thank you so much for the lovely work!" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "The paint is peeling. I am very disappointed with the finish.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint",
	  .ev = "I am very disappointed with the finish. "
	      "(answers the owner's mail)" },
	/* an insult to the owner complains too, unless the talk is of money */
	{ .from = AMY, .in_reply_to = RE, .text = "You are an idiot. Fix it.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint",
	  .ev = "You are an idiot." },
	{ .from = AMY, .in_reply_to = RE, .subject = "Re: Quote 1182",
	  .text = "Don't waste my time then.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude" },
	/* ... or the mail it answers stood on the price; a quoted mail
	 * about the job itself leaves the insult a complaint */
	{ .from = AMY, .in_reply_to = RE, .subject = "Re: Kegel",
	  .quoted = "Der Preis bleibt, das sind acht Monate Arbeit.",
	  .text = "Sie sind ein gieriger Halsabschneider.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude" },
	{ .from = AMY, .in_reply_to = RE, .subject = "Re: the shed",
	  .quoted = "The shed went up on Friday, as agreed.",
	  .text = "You are an idiot. Fix it.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint",
	  .ev = "You are an idiot." },
	/* a newcomer answering a friend's introduction tells of somebody
	 * else's work while asking the owner's price: no complaint; the
	 * same words answering the owner's own mail (an own id, or only
	 * the owner's name in the attribution) complain */
#define BEN_REPLY(id, subj, q, t, tg) \
	{ .from = BEN, .in_reply_to = id, .subject = subj, .quoted = q, \
	  .text = t, .kind = FACTS_INCOMING, .people = "ben@new.example*", \
	  .tags = tg }
	BEN_REPLY("<intro-7@friend.example>", "Re: meet Sam",
	    "On Mon, Dana Reyes <dana@friend.example> wrote:\n> Sam, meet Ben.",
	    "Thanks Dana! The last firm did an awful job on our stairs. "
	    "What would you charge for new ones?", NULL),
	BEN_REPLY("<intro-8@friend.example>", "Re: Vorstellung",
	    "Am 3. M\xc3\xa4rz schrieb Dana Reyes:\n> Sam, das ist Ben.",
	    "Der Tischler damals hat nur Pfusch abgeliefert. "
	    "H\xc3\xa4tten Sie im April Zeit?", NULL),
	BEN_REPLY("<CAx-9@mail.gmail.example>", "Re: stairs",
	    "On Mon, Sam Owner wrote:\n> The stairs are done.",
	    "You did an awful job on our stairs. What would you charge to "
	    "redo them?", "ben@new.example:complaint"),
	BEN_REPLY(RE, "Re: stairs", NULL, "The last firm did an awful job on "
	    "our stairs. What would you charge for new ones?",
	    "ben@new.example:complaint"),
#undef BEN_REPLY
	/* rudeness of somebody else, the owner cleared of it */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "The delivery firm have been useless all month, nothing "
	  "to do with you obviously!",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* owning up to a late payment, in the sentence or the next */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Paying it today. Sorry for the delay.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer",
	  .ev = "Paying it today." },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Ihre Rechnung ist mir v\xc3\xb6llig durchgerutscht. "
	  "Ich \xc3\xbc" "berweise heute.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer" },
	/* a hard word in a mail that puts off the sender's own payment is
	 * the sender's trouble, not a complaint (classify_blame.c) ... */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Je suis d\xc3\xa9sol\xc3\xa9" "e, c'est la catastrophe chez "
	  "nous en ce moment. Je vous r\xc3\xa8gle la facture d\xc3\xa9" "but "
	  "avril sans faute.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer" },
	/* ... unless it is aimed at the owner's work */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "The panels are still streaked, your cleaner missed half of "
	  "them. It's a shoddy job and I'm not paying until someone comes "
	  "back and does it properly.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Sorry, I forgot to ask: can I pay by card?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I will pay the deposit now. See you next week!",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* a bare exclamation insisted on is a sneer; named praise is not */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Genial, de verdad. El coche sigue haciendo el mismo ruido.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Un trabajo estupendo, de verdad.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	/* thanks insisted on are meant: no sneer */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Llegaron a tiempo, ni una ampolla. Mil gracias, de verdad.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	/* a bare exclamation turned at once by irony complains; said with
	 * thanks, or followed by anything else, it is nothing */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Oh brilliant, another 40 minutes sitting in reception.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Na toll, schon wieder kein Strom.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE, .text = "Perfect, thanks again!",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Great, see you again on Tuesday.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* praise of somebody of a trade who is the sender's, not the owner */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Our vet, Dr Malik, is brilliant by the way.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Der Statiker, den wir selbst beauftragt hatten, hat "
	  "hervorragende Arbeit geleistet.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Our party food was a triumph, everyone loved it.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Our former cleaner was excellent, but she retired.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* round seventeen: whom a praise is about, and whose it is */
	AMY_REPLIES("We ate at the Harbour Inn last night and their chef is "
	    "superb, you should try it.", NULL),
	AMY_REPLIES("Gestern waren wir im Gasthaus, und ihr Koch ist "
	    "hervorragend, da sollten Sie auch hin.", NULL),
	AMY_REPLIES("Otra cosa: el DJ que tuvo Luc\xc3\xad" "a en su boda "
	    "estuvo incre\xc3\xad" "ble.", NULL),
	AMY_REPLIES("Petite question : le traiteur du mariage de Camille "
	    "\xc3\xa9tait g\xc3\xa9nial.", NULL),
	AMY_REPLIES("Your roof is superb, not a drop since you fixed it. "
	    "Thank you!", "amy@client.example:praise"),
	/* a word of approval that names a class or counts */
	AMY_REPLIES("Die Geb\xc3\xbchr ist \xc3\xbc" "berwiesen, "
	    "Verwendungszweck \"Amy Klasse B\".", NULL),
	AMY_REPLIES("Das Bad ist Klasse! Vielen Dank f\xc3\xbcr die tolle "
	    "Arbeit.", "amy@client.example:praise"),
	/* what the sender went through is not the owner's doing */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I've had an awful month - night shifts and a landlord who "
	  "won't fix the heating, so I'm exhausted.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "He tenido una semana horrible, perdona el retraso.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I have to say the food last night was a disappointment.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I've had an awful experience with your fitter.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	/* a first message about the sender's own broken thing brings a job,
	 * not a complaint; the owner's work named, it complains */
	{ .from = LEE, .text = "Hi, my fan is broken.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry" },
	{ .from = LEE, .text = "My fan is broken again, the one you repaired.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:complaint lee@newco.example:enquiry" },
	/* a first mail that asks the owner something and tells of no
	 * earlier job: its fault is the job brought (classify_blame.c);
	 * the owner's work named, it complains */
#define LEE_FIRST(t, tg) { .from = LEE, .text = (t), \
	.kind = FACTS_INCOMING, .people = "lee@newco.example*", .tags = (tg) }
	LEE_FIRST("J'ai six chaises dont l'assise en paille est \xc3\xa0 "
	    "refaire. Est-ce que vous faites le paillage ?",
	    "lee@newco.example:enquiry"),
	LEE_FIRST("Ewan, can your lads have a look at the slipway cradle? "
	    "One of the runners has cracked through.",
	    "lee@newco.example:enquiry"),
	LEE_FIRST("My fan is broken again, the one you repaired. Are you open "
	    "on Saturday?",
	    "lee@newco.example:complaint lee@newco.example:enquiry"),
#undef LEE_FIRST
	/* a colour named with a word of damage judges nothing */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Le cadre est en blanc cass\xc3\xa9, comme convenu.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* the owner called a swindler: rude, and a complaint */
	{ .from = AMY, .in_reply_to = RE, .text = "Sois unos timadores.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Lassen Sie mich in Ruhe, Sie Geier.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint" },
	/* an insult over a price only quoted, the sender walking away, is
	 * rude and no complaint; after a job done badly it complains too
	 * (classify_target.c) */
	{ .from = AMY, .in_reply_to = RE, .tags = "amy@client.example:rude",
	  .text = "Dann eben nicht. Sie sind ein Halsabschneider.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE, .kind = FACTS_INCOMING,
	  .text = "Two panels are leaning and the gate won't shut. You're a "
	  "bunch of cowboys.", .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint" },
	/* round twenty: contempt for the owner's reminder, in a bill's
	 * thread, is rude with no insult noun; the same words outside a
	 * bill's thread, after an apology or beside a payment made are not
	 * (classify_epithet.c, rebuffed) */
	{ .from = AMY, .in_reply_to = RE, .subject = "Re: Invoice 118",
	  .text = "Quit hassling me. I'll pay when I'm good and ready.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude", .ev = "Quit hassling me." },
	AMY_ANSWERS("RE: Factura 118", "D\xc3\xa9jeme en paz, cobrar\xc3\xa1 "
	    "cuando me d\xc3\xa9 la gana.", "amy@client.example:rude"),
	AMY_ANSWERS("Re: Garden party", "Leave me alone for a week, I need a "
	    "holiday.", NULL),
	AMY_ANSWERS("AW: Mahnung 118", "Entschuldigen Sie die "
	    "Versp\xc3\xa4tung, ich habe es vergessen. Ich zahle, sobald ich "
	    "kann.", "amy@client.example:slow-payer"),
	AMY_ANSWERS("Re: Relance facture 118", "J'ai pay\xc3\xa9 hier par "
	    "virement, arr\xc3\xaatez de me relancer.", NULL),
	/* an imperative counter-figure after the owner's price haggles */
	AMY_ANSWERS("Re: Quote", "That's steep. Give me 20% off and I'll sign "
	    "today.", "amy@client.example:haggler"),
	AMY_ANSWERS("RE: Presupuesto", "\xc2\xbf" "220? Es mucho. "
	    "D\xc3\xa9jamelo en 150 y lo hacemos.", "amy@client.example:haggler"),
	/* later than agreed, and the mess left */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Sie kamen drei Stunden sp\xc3\xa4ter als verabredet und "
	  "haben Ru\xc3\x9fspuren auf dem neuen Teppich hinterlassen.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	/* thanks for nothing */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Gracias por nada, de verdad.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	/* the sender's bank, a carrier, the helpline: somebody else */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I paid on the due date but my bank held it for four days. "
	  "Their app is useless and the helpline kept me on hold.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "El transportista, eso s\xc3\xad, un desastre: me dej\xc3\xb3 "
	  "la caja abierta en el portal.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* an insult aimed at a third party named before it: neither */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "El banco me ha devuelto la transferencia por un error suyo, "
	  "un desastre de banco. Lo vuelvo a intentar hoy.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* gratitude promised for a request praises nothing */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I'd really appreciate it if you could look at a partial "
	  "refund.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Ich w\xc3\xa4re Ihnen sehr dankbar, wenn Sie mir ein "
	  "Angebot schicken.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* praise words in mail whose facts complain, thanking for nothing */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Great job. The grout has already cracked and two tiles "
	  "have come loose. Please come back and redo it.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	/* a word of approval inside a place's name */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Quiero pedirle matrimonio a mi novia en Valle de Bravo.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE, .text = "Bravo, du travail superbe !",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Could you knock something off the price?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler",
	  .ev = "Could you knock something off the price?" },
	/* a lower counter-figure after a price haggles; a count does not */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Your quote says 4.280 \xe2\x82\xac. If we land at 3.700 "
	  "I will sign today.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler",
	  .ev = "If we land at 3.700 I will sign today." },
	/* round nine: a figure proposed under a price in any mail, a
	 * rival's figure, a bigger percentage; two options priced, a
	 * discount offered and a part payment are no haggling */
	{ .from = AMY, .text = "Your price list says 45 a cut. Any chance you'd "
	  "do ours at 38?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:enquiry amy@client.example:haggler" },
	{ .from = AMY, .text = "Your price list says 45 a cut. Could you do "
	  "ours on Friday?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:enquiry" },
	{ .from = AMY, .text = "bonjour, 90\xe2\x82\xac pour une revision "
	  "? vous pourriez faire 60 ?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I'm taken aback by \xc2\xa3" "950. The online firms "
	  "charge about \xc2\xa3" "300 for a return.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "For 30 cases we'd want at least 15% to go ahead.",
	  .quoted = "Our best offer is 5% off the list price.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler" },
	{ .from = AMY, .text = "Is it 45 for a small lawn or 60 for a large "
	  "one?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Thanks for the 10% off for regulars you mentioned.",
	  .quoted = "Regulars get 10% off.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Este mes voy justa: te pago 240 ahora y el resto a "
	  "primeros de junio.",
	  .quoted = "Te adjunto la factura por 480 euros.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer" },
	/* a payment put off in a thread about a bill, or beside a debt
	 * owned; a bill paid on time or a coffee owed is none */
	{ .from = AMY, .subject = "June account",
	  .text = "Trade has been slow. Could you hold off till July?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer",
	  .ev = "Could you hold off till July?" },
	{ .from = AMY,
	  .text = "sorry i havent paid for the last 3 cleans. pension comes "
	  "in on the 28th",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer" },
	{ .from = AMY, .subject = "Rechnung September",
	  .text = "Die Rechnung ist heute fristgerecht im September "
	  "\xc3\xbc" "berwiesen worden.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .text = "I owe you a coffee for the tip. See you next "
	  "week!",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "We are 300 guests on 12.06.2026 and the menu at 480 "
	  "\xe2\x82\xac a head suits us.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "The menu at 480 \xe2\x82\xac a head suits us, see you "
	  "at 7:30 on 2026-06-12.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* round fourteen: a later month named with a paying word puts a
	 * bill off; a visit booked for a month, a plea for somebody
	 * else's time, a sum paid at the owner's own discount, a verdict
	 * on a carrier's doing and a bad month are nobody's fault here */
#define R14(subj, q, t, tg) { .from = AMY, .subject = subj, \
	.in_reply_to = (subj) ? NULL : RE, .quoted = q, .text = t, \
	.kind = FACTS_INCOMING, .people = "amy@client.example*", .tags = tg }
#define R14_CUT "The repair comes to \xc2\xa3" "45; I'll take 10% off."
	R14("Invoice 12", NULL, "The committee signs cheques once a quarter, "
	    "so it goes out with the January payments.",
	    "amy@client.example:slow-payer"),
	R14("Invoice 12", NULL, "Paid it today. Could you come back in "
	    "February for the other piano?", NULL),
	R14("Invoice 12", NULL, "My brother is slow with forms, so be "
	    "patient with him when he calls.", NULL),
	R14(NULL, R14_CUT, "Thanks, the \xc2\xa3" "40.50 went by transfer "
	    "this morning.", NULL),
	R14(NULL, R14_CUT, "\xc2\xa3" "40.50 still feels steep, my last "
	    "repairer charged \xc2\xa3" "25.", "amy@client.example:haggler"),
	R14(NULL, NULL, "La Poste m'a perdu un colis, une honte, alors je "
	    "vous apporte la chaise moi-m\xc3\xaame.", NULL),
	R14(NULL, NULL, "It's been an awful month with my back, so forgive "
	    "the short note.", NULL),
	R14(NULL, NULL, "Qu\xc3\xa9 semana tan horrible con la gripe, "
	    "perdona la brevedad.", NULL),
#undef R14_CUT
	/* round fifteen: a fault told as a fact after the work (counted
	 * from it, the work done over by the sender, a contrast with no
	 * comma), name-calling in text-speak and German slang; a day the
	 * sender had to finish early, a roof that is literally not tight
	 * and a transfer made "already" are nobody's fault */
	R14(NULL, NULL, "A week after you left, the new gutter drips at "
	    "every joint.", "amy@client.example:complaint"),
	R14(NULL, NULL, "Two ewes were left half shorn again, so I had to "
	    "finish them myself.", "amy@client.example:complaint"),
	R14(NULL, NULL, "I had to finish work early, so I'll collect it "
	    "on Friday.", NULL),
	R14(NULL, NULL, "I asked for a trim not a felling.",
	    "amy@client.example:complaint"),
	R14(NULL, NULL, "whatever. ur a joke mate",
	    "amy@client.example:rude amy@client.example:complaint"),
	R14(NULL, NULL, "Sie sind ja wohl nicht ganz dicht.",
	    "amy@client.example:rude amy@client.example:complaint"),
	R14(NULL, NULL, "Unser Schuppendach ist nicht ganz dicht, Sie "
	    "sollten es sich ansehen.", NULL),
	R14(NULL, NULL, "Te he hecho ya la transferencia para que no se me "
	    "olvide.", NULL),
#undef R14
	/* round fifteen: a figure the sender sets in a reply with no price
	 * beside it (the owner's stood in a mail not quoted) haggles, and
	 * so does a rival's price capped; a part payment, a deposit, a
	 * bill's thread and the owner's own price named back are none */
#define R15(subj, q, t, tg) { .from = AMY, .subject = subj, \
	.in_reply_to = RE, .quoted = q, .text = t, \
	.kind = FACTS_INCOMING, .people = "amy@client.example*", .tags = tg }
	R15(NULL, NULL, "Can you do 200 cash for the four of them?",
	    "amy@client.example:haggler"),
	R15(NULL, NULL, "Wir bieten Ihnen 0,30 Euro pro Liter, mehr ist "
	    "nicht drin.", "amy@client.example:haggler"),
	R15(NULL, NULL, "\xc2\xbf" "Me las dejas a 12 euros la unidad?",
	    "amy@client.example:haggler"),
	R15(NULL, NULL, "Would you take \xc2\xa3" "50 for the deposit, and "
	    "I'll bring it on Saturday?", NULL),
	R15(NULL, NULL, "Je vous propose 50 \xe2\x82\xac d'acompte, en liquide "
	    "samedi.", NULL),
	R15(NULL, NULL, "I can offer \xc2\xa3" "200 now as a part payment "
	    "towards the invoice.", NULL),
	R15("Invoice 231", NULL, "We can offer \xc2\xa3" "200 this week.",
	    NULL),
	R15(NULL, "The cushions come to \xc2\xa3" "480 in all.", "We offer "
	    "\xc2\xa3" "480 as quoted, please go ahead.", NULL),
	R15(NULL, NULL, "Last year's bloke charged me \xc2\xa3" "1.80 a "
	    "head. I'll pay that and not a penny more.",
	    "amy@client.example:haggler"),
	R15(NULL, NULL, "Last year's bloke charged me \xc2\xa3" "1.80 a "
	    "head and did a tidy job, so see you in May.", NULL),
	R15(NULL, NULL, "Der alte Korbmacher hat mir 85 Euro berechnet, und "
	    "mehr zahle ich auch diesmal nicht.", "amy@client.example:haggler"),
	R15(NULL, NULL, "Der alte Korbmacher hat mir 85 Euro berechnet, war "
	    "aber nie p\xc3\xbcnktlich.", NULL),
	R15(NULL, NULL, "El de Tolosa me cobraba 45 euros por uno as\xc3\xad, "
	    "y m\xc3\xa1s no pago.", "amy@client.example:haggler"),
#undef R15
	/* round seventeen: a sum set as the condition of the order haggles
	 * when the mail contests the price, not when it takes the owner's
	 * quoted price up or contests nothing; a price worked out with a
	 * discount already granted bargains for nothing; a sum that has to
	 * wait is a debt put off, a payment made within the terms is not */
#define R17(q, t, tg) { .from = AMY, .in_reply_to = RE, .quoted = q, \
	.text = t, .kind = FACTS_INCOMING, .people = "amy@client.example*", \
	.tags = tg }
	R17(NULL, "C'est cher pour deux portes. \xc3\x80 900 \xe2\x82\xac, je "
	    "signe tout de suite.", "amy@client.example:haggler"),
	R17(NULL, "Es mucho dinero. Por 2.400 lo encargo ya.",
	    "amy@client.example:haggler"),
	R17(NULL, "Der Nachbar macht das f\xc3\xbcr 6.500. Wenn Sie auf 6.800 "
	    "runtergehen, k\xc3\xb6nnen Sie im April anfangen.",
	    "amy@client.example:haggler"),
	R17("The doors come to \xc2\xa3" "900 fitted.", "That's steep, but "
	    "at \xc2\xa3" "900 I'll sign today.", NULL),
	R17(NULL, "Thanks for coming round. For 1,250 you can start "
	    "whenever suits you.", NULL),
	R17(NULL, "What would a repair cost with the discount, please?",
	    NULL),
	R17(NULL, "The \xc2\xa3" "925 will have to wait till the summer "
	    "holidays.", "amy@client.example:slow-payer"),
	R17(NULL, "Ya te pagar\xc3\xa9 despu\xc3\xa9s de fallas, antes no "
	    "puedo.", "amy@client.example:slow-payer"),
	R17(NULL, "My sister will have to wait till the summer holidays.",
	    NULL),
	R17(NULL, "Le mandat de paiement pour votre facture a \xc3\xa9t\xc3\xa9 "
	    "\xc3\xa9mis hier, dans le d\xc3\xa9lai pr\xc3\xa9vu.", NULL),
#undef R17
	/* round nineteen: a sum the sender says is paid, a price word in
	 * the name the owner is called, a debt of "everything", an hour,
	 * an early payment and a count of times are no haggling and no
	 * slow payment; a real counter-offer and a real deferral still
	 * are */
#define R19(subj, q, t, tg) { .from = AMY, .subject = subj, \
	.in_reply_to = RE, .quoted = q, .text = t, \
	.kind = FACTS_INCOMING, .people = "amy@client.example*", .tags = tg }
#define R19_Q "Twenty bags delivered is \xc2\xa3" "190."
	R19(NULL, R19_Q, "Lovely, go ahead - I've paid the \xc2\xa3" "190 "
	    "already so it's one less thing to remember.", NULL),
	R19(NULL, R19_Q, "Book us in. I transferred the \xc2\xa3" "190 "
	    "this morning, so that is less to chase.", NULL),
	R19(NULL, R19_Q, "Ya he pagado los 190 \xe2\x82\xac, as\xc3\xad "
	    "tengo una cosa menos en la cabeza.", NULL),
	R19(NULL, R19_Q, "That's \xc2\xa3" "190? Would you do it for "
	    "\xc2\xa3" "150?", "amy@client.example:haggler"),
	R19(NULL, NULL, "Don't give me excuses. You're an overpriced bodger "
	    "and the varnish is already peeling.",
	    "amy@client.example:rude amy@client.example:complaint"),
	R19(NULL, NULL, "Sie sind ein \xc3\xbc" "berteuerter Pfuscher, und "
	    "der Ofen qualmt immer noch.",
	    "amy@client.example:rude amy@client.example:complaint"),
	R19(NULL, NULL, "Your quote is overpriced, I'm afraid.",
	    "amy@client.example:haggler"),
	R19("Thank you", NULL, "Sorry this note comes so late, I'm behind "
	    "on everything since the move.", NULL),
	R19("Rechnung", NULL, "Ich bin mit der Rechnung leider im "
	    "R\xc3\xbc" "ckstand, ich zahle Ende des Monats.",
	    "amy@client.example:slow-payer"),
	R19("Thank you", NULL, "Sorry, I'm behind on the last two invoices; "
	    "can I pay at the end of next month?",
	    "amy@client.example:slow-payer"),
	R19("Nachhilfe", NULL, "Ich zahle gern f\xc3\xbc" "r eine Stunde "
	    "mehr.", NULL),
	R19("Rechnung 12", NULL, "K\xc3\xb6nnten Sie mir die Rechnung "
	    "stunden?", "amy@client.example:slow-payer"),
	R19("North aisle", NULL, "The first stage payment goes out today "
	    "rather than waiting for your invoice, as the deadline is "
	    "tight.", NULL),
	R19("Virement", NULL, "La banque a bloqu\xc3\xa9 mon virement, "
	    "c'est la troisi\xc3\xa8me fois ce mois-ci.", NULL),
	R19(NULL, NULL, "We're a charity with a tiny budget - is there any "
	    "way you could bring that down?", "amy@client.example:haggler"),
	R19(NULL, NULL, "Could you bring that down to the cellar on "
	    "Friday?", NULL),
#undef R19_Q
#undef R19
	/* the owner cleared, a judgement reported from someone else */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "The courier left the box crushed and I am very "
	  "disappointed. Not your fault, though.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "My neighbour reckons you are the best in town.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Sorry, can I pay you next month instead?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer" },
	{ .from = AMY, .in_reply_to = RE, .text = "Do you offer gift wrapping?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:enquiry",
	  .ev = "Do you offer gift wrapping?" },
	/* first contact that is not a reply is an enquiry */
	{ .from = LEE, .subject = "New website", .text = "Hello there.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry",
	  .ev = "first message, not a reply: New website" },
	{ .from = LEE, .in_reply_to = RE, .text = "Hello there.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	/* a reply whose In-Reply-To was lost still says so in its subject */
	{ .from = LEE, .subject = "RE: brochure proofs", .text = "Hello there.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .subject = "Aw: Angebot", .text = "Hello there.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*" },
	{ .from = LEE, .subject = "Rebranding ideas", .text = "Hello there.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry" },
	{ .from = AMY, .text = "Hello again.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* one tag per message, evidence from the first occurrence */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "You idiot. Honestly, what an idiot.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint",
	  .ev = "You idiot." },
	/* several tags in order of appearance */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "This is too expensive and you are useless.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler amy@client.example:rude" },
	/* case, apostrophes, word boundaries */
	{ .from = AMY, .in_reply_to = RE, .text = "YOU\xe2\x80\x99RE AMAZING, thanks",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	{ .from = AMY, .in_reply_to = RE, .text = "That was a prudent, crude idea.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* evidence is trimmed, spaces collapsed, cut at a blank line */
	/* exceptions: boilerplate, scheduling, negation, a third person */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "If the link does not work, copy it into your browser.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Tuesday doesn't work for me, could we do Wednesday?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "We were not disappointed, thank you so much!",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Our previous builder was useless, you were brilliant.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:praise" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Sorry if this is a stupid question: is it oak?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* the first occurrence is cancelled, the second counts */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "If the link does not work, fine. The heater does not work.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint",
	  .ev = "The heater does not work. (answers the owner's mail)" },
	/* a complaint stands only when aimed at the owner (classify_aimed.c):
	 * a newcomer's first mail whose paragraph of the complaint speaks to
	 * nobody, while another paragraph speaks to the owner, tells of
	 * somebody else's job */
	{ .from = LEE,
	  .text = "Hello,\n\nThe new fence next door is still not finished, it "
	      "leans right over the lawn.\n\nYour name came up at the residents' "
	      "meeting on Monday.\n\nLee",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry" },
	{ .from = LEE,
	  .text = "Hallo,\n\nder neue Zaun hinten am Garten ist "
	      "inakzeptabel, er steht halb auf dem Rasen.\n\nIhren Namen habe ich beim "
	      "Nachbarschaftstreffen gehört.\n\nLee",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry" },
	/* ... the same complaint, with the owner in its paragraph */
	{ .from = LEE,
	  .text = "Hello,\n\nYour fitters left on Friday. The new fence is "
	      "still not finished, it leans right over the lawn.\n\nLee",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:complaint lee@newco.example:enquiry",
	  .ev = "The new fence is still not finished, it leans right over "
	      "the lawn. "
	      "(its paragraph speaks to the owner)" },
	/* ... in mail that speaks to nobody at all */
	{ .from = LEE,
	  .text = "The new fence is still not finished, it leans right "
	      "over the lawn.\n\nLee",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:complaint lee@newco.example:enquiry",
	  .ev = "The new fence is still not finished, it leans right over "
	      "the lawn. "
	      "(the mail speaks to nobody else)" },
	/* ... from a customer of the owner's */
	{ .from = AMY,
	  .text = "Hello,\n\nThe new fence is still not finished, it "
	      "leans right over the lawn.\n\nYour name came up at the residents' "
	      "meeting on Monday.\n\nAmy",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint",
	  .ev = "The new fence is still not finished, it leans right over "
	      "the lawn. "
	      "(a customer's mail)" },
	/* German, French, Spanish, with and without their accents */
	{ .from = AMY, .in_reply_to = RE, .text = "Sie sind unf\xc3\xa4hig.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE, .text = "Wir zahlen in Monatsraten.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:slow-payer" },
	{ .from = AMY, .in_reply_to = RE, .text = "Je suis tres decue.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "\xc2\xbf" "Podr\xc3\xad" "an hacerme un precio?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:haggler" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Hi.\n\n   You are  an\n idiot   \n\nBye",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:rude amy@client.example:complaint",
	  .ev = "You are an idiot" },
	/* whose judgement: a quoted review, a negation, a question about
	 * complaining elsewhere, the person recommended, a former supplier */
	{ .from = AMY, .in_reply_to = RE,
	  .text = "A review said \"rude staff, overpriced\" but I don't "
	  "believe it.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "I can't say I was impressed, to be honest.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Who do I complain to about the courier?",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Where can I send it back? The heater does not work.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Die Vasen stehen im Laden, bislang keine Reklamationen.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Is the oil fresh? One I bought in another shop smelt awful.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Better than the other shop? The one you sold me smelt awful.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*",
	  .tags = "amy@client.example:complaint" },
	{ .from = LEE, .subject = "Fotos",
	  .text = "Unser bisheriger Fotograf war hervorragend, hat aber "
	  "aufgeh\xc3\xb6rt.",
	  .kind = FACTS_INCOMING, .people = "lee@newco.example*",
	  .tags = "lee@newco.example:enquiry" },
};

START_TEST(tags)
{
	run_case(&tag_cases[_i], _i);
}
END_TEST

/* ---- who: ignored and outgoing mail ---- */

static const struct mcase who_cases[] = {
	{ .from = AMY, .flags = F_AUTO, .text = "You are amazing.",
	  IGN("automated") },
	{ .from = AMY, .flags = F_AUTOHDR, .text = "Hi.", IGN("automated") },
	{ .from = AMY, .flags = F_AUTOSUBJ, .text = "Hi.", IGN("automated") },
	{ .from = AMY,
	  .text = "I am out of the office until Monday. Dana Reyes "
	  "recommended you.",
	  IGN("automated") },
	{ .from = AMY, .subject = "Automatic reply: your quote",
	  .text = "Thanks for your mail.",
	  IGN("automated") },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Sorry for the delay, I was out of the office.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	/* out of office without headers, in the first lines, four languages */
	{ .from = AMY, .text = "Hello,\n\nI am on annual leave until 3 May "
	  "with no access to email.", IGN("auto-reply") },
	{ .from = AMY, .text = "Guten Tag,\nich bin derzeit nicht im B\xc3\xbcro "
	  "und ab dem 4. Mai wieder erreichbar.", IGN("auto-reply") },
	{ .from = AMY, .text = "Bonjour,\nJe suis absente jusqu'au 3 mai.",
	  IGN("auto-reply") },
	{ .from = AMY, .text = "Hola,\nEstoy fuera de la oficina hasta el lunes.",
	  IGN("auto-reply") },
	{ .from = AMY, .text = "Hola, estar\xc3\xa9 fuera del 1 al 31 de agosto.",
	  IGN("auto-reply") },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Yes please, I'm on leave next week, so Monday it is.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .in_reply_to = RE,
	  .text = "Great, thanks. While I was away from the office my "
	  "colleague handled it.",
	  .kind = FACTS_INCOMING, .people = "amy@client.example*" },
	{ .from = AMY, .flags = F_LIST, .text = "You are amazing.",
	  IGN("bulk") },
	{ .from = AMY, .flags = F_UNSUB, .text = "Hi.",
	  IGN("bulk") },
	{ .from = AMY, .flags = F_BULK, .text = "Hi.",
	  IGN("bulk") },
	{ .from = AMY, .flags = F_NULLENV, .text = "Hi.", IGN("bounce") },
	{ .from = "mailer-daemon@mx.example", .flags = F_DSN, .text = "Hi.",
	  IGN("delivery report") },
	{ .from = "noreply@shop.example|Shop", .text = "Thank you so much!",
	  IGN("role sender") },
	{ .from = "MAILER-DAEMON@mx.example", .text = "Hi.",
	  IGN("bounce: From MAILER-DAEMON@mx.example") },
	{ .from = "bounces+x=y@lists.example", .text = "Hi.",
	  IGN("automated: role sender") },
	{ .from = "postmaster@mx.example", .text = "Hi.",
	  IGN("automated: role sender") },
	{ .text = "Hi.", IGN("no sender") },
	{ .from = "not-an-address", .text = "Hi.", IGN("no sender") },
	/* the owner writes: recipients only, no tags, no referrals */
	{ .from = "me@gmail.example|Sam", .auth = "sam",
	  .to = "a@x.example|Al,noreply@z.example",
	  .cc = "b@y.example,owner@mybiz.example,a@x.example",
	  .text = "You're amazing. Dana Reyes recommended you. Let me "
	  "introduce Kim.",
	  .kind = FACTS_OUTGOING, .people = "a@x.example b@y.example" },
	{ .from = "sam@mybiz.example", .auth = "sam", .to = "a@x.example",
	  .subject = "[ref-abc123]",
	  .text = "Idiot.", .kind = FACTS_OUTGOING, .people = "a@x.example" },
	{ .from = "me+shop@gmail.example", .auth = "sam", .to = "a@x.example",
	  .text = "Hi.", .kind = FACTS_OUTGOING, .people = "a@x.example" },
	/* live mail claiming the owner's From, nobody vouching: forged */
	{ .from = "sam@mybiz.example", .to = "a@x.example", .text = "Hi.",
	  IGN("spam: the owner's From without authentication") },
	{ .from = LEE, .auth = "sam", .to = "a@x.example,lee@newco.example",
	  .text = "You idiot.", .kind = FACTS_OUTGOING,
	  .people = "a@x.example lee@newco.example" },
};

START_TEST(who)
{
	run_case(&who_cases[_i], _i);
}
END_TEST

/* ---- classify_is_role ---- */

/* '+' a role address, '-' an ordinary one: local parts at x.example */
static const char *const role_cases[] = {
	"+noreply", "+no-reply", "+NoReply", "+donotreply", "+do-not-reply",
	"+mailer-daemon", "+MAILER-DAEMON", "+postmaster", "+bounce", "+bounces",
	"+bounces+abc=d.example", "+bounce-123-456", "+notifications",
	"+list-request", "+list-bounces", "+owner-list", "+noreply+tag",
	"+no-reply-billing", "+hostmaster", "-dana", "-info", "-sales", "-reply",
	"-norman", "-postmistress",
};

START_TEST(roles)
{
	char email[64];

	snprintf(email, sizeof(email), "%s@x.example", role_cases[_i] + 1);
	ck_assert_msg(classify_is_role(email) == (role_cases[_i][0] == '+'),
	    "%s", email);
	ck_assert(!classify_is_role(NULL) && !classify_is_role("") &&
	    !classify_is_role("noreply"));
}
END_TEST

/* ---- classify_needs_body ---- */

/* The header alone decides ignored mail and the owner's posts to a list:
 * no body needed; the owner's mail to people says what its replies may
 * answer unquoted (facts.said). */
START_TEST(needs_body)
{
	struct message m;
	struct envelope env = { .mail_from = "" };

	memset(&m, 0, sizeof(m));
	m.from.email = "amy@client.example";
	ck_assert(classify_needs_body(&m, NULL, &cfg));
	m.list_id = "news.client.example";
	ck_assert(!classify_needs_body(&m, NULL, &cfg));
	m.list_id = NULL;
	m.auto_submitted = true;
	ck_assert(!classify_needs_body(&m, NULL, &cfg));
	m.auto_submitted = false;
	ck_assert(!classify_needs_body(&m, &env, &cfg));	/* null sender */
	m.from.email = "owner@mybiz.example";
	ck_assert(classify_needs_body(&m, NULL, &cfg));	/* outgoing */
	m.list_id = "news.client.example";
	ck_assert(!classify_needs_body(&m, NULL, &cfg));	/* to a list */
	m.list_id = NULL;
	m.from.email = "noreply@client.example";
	ck_assert(!classify_needs_body(&m, NULL, &cfg));
	m.from.email = NULL;
	ck_assert(!classify_needs_body(&m, NULL, &cfg));
}
END_TEST

/* ---- the rest ---- */

/* With nothing known: every first message is an enquiry, names pend. */
START_TEST(nothing_known)
{
	struct message m;
	struct mcase c = { .from = LEE, .subject = "[ref-abc123]",
	    .text = "Dana Reyes recommended you." };
	struct facts *f;

	mk_message(&m, &c, 0);
	f = classify(&m, NULL, &cfg, rules, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, FACTS_INCOMING);
	ck_assert_uint_eq(f->nreferrals, 1);
	ck_assert_ptr_null(f->referrals[0].referrer);
	ck_assert_str_eq(f->referrals[0].referrer_name, "Dana Reyes");
	ck_assert_str_eq(f->referrals[0].how, "pending");
	ck_assert_str_eq(f->referrals[0].referred, "lee@newco.example");
	ck_assert_uint_eq(f->ntags, 2);
	ck_assert_str_eq(f->tags[0].tag, "enquiry");
	ck_assert_str_eq(f->tags[1].tag, "referred");
	ck_assert_str_eq(f->people[0].name, "Lee Park");
	facts_free(f);
	free_message(&m);
}
END_TEST

/* repeat - head, unit n times, tail into out (callers size it) */
static void
repeat(char *out, const char *head, const char *unit, size_t n,
    const char *tail)
{
	size_t o = strlen(head), ul = strlen(unit);

	memcpy(out, head, o);
	for (size_t i = 0; i < n; i++, o += ul)
		memcpy(out + o, unit, ul);
	memcpy(out + o, tail, strlen(tail) + 1);
}

/* Evidence stays within its cap and is valid UTF-8 even mid-character. */
START_TEST(evidence_cap)
{
	struct message m;
	struct mcase c = { .from = AMY, .in_reply_to = RE };
	char text[1024];
	struct facts *f;

	repeat(text, "Thank you so much ", "\xc3\xa9", 300, ".");
	c.text = text;
	mk_message(&m, &c, 0);
	f = classify(&m, NULL, &cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->ntags, 1);
	ck_assert_uint_le(strlen(f->tags[0].evidence), 200);
	ck_assert_uint_ge(strlen(f->tags[0].evidence), 190);
	ck_assert(utf8_valid(f->tags[0].evidence, strlen(f->tags[0].evidence)));
	ck_assert(strncmp(f->tags[0].evidence, "Thank you so much \xc3\xa9", 20) == 0);
	facts_free(f);
	free_message(&m);
}
END_TEST

/* A tag added by the owner's rules is given like a built-in one. */
START_TEST(added_tag)
{
	static const char text[] = "[tag vip]\nplatinum member\n";
	struct err e = { "" };
	struct rules *own = rules_load_string("t", text, strlen(text), &e);
	struct mcase c = { .from = AMY, .in_reply_to = RE,
	    .text = "As a Platinum   member I expect more. You idiot." };
	struct message m;
	struct facts *f;

	ck_assert_ptr_nonnull(own);
	mk_message(&m, &c, 0);
	f = classify(&m, NULL, &cfg, own, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->ntags, 1);	/* these rules know no "idiot" */
	ck_assert_str_eq(f->tags[0].tag, "vip");
	ck_assert_str_eq(f->tags[0].evidence, "As a Platinum member I expect more.");
	facts_free(f);
	/* no rules at all: still who, never a tag from the text */
	f = classify(&m, NULL, &cfg, NULL, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, FACTS_INCOMING);
	ck_assert_uint_eq(f->ntags, 0);
	facts_free(f);
	free_message(&m);
	rules_free(own);
}
END_TEST

/* In a long sentence the evidence keeps the matching words in view. */
START_TEST(evidence_long_sentence)
{
	struct message m;
	struct mcase c = { .from = AMY, .in_reply_to = RE };
	char text[1024];
	struct facts *f;

	repeat(text, "", "and then ", 40, "you idiot and then some more");
	c.text = text;
	mk_message(&m, &c, 0);
	f = classify(&m, NULL, &cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->ntags, 2);	/* rude, and so a complaint */
	ck_assert_ptr_nonnull(strstr(f->tags[0].evidence, "you idiot and then"));
	ck_assert(strncmp(f->tags[0].evidence, "and then", 8) == 0);
	ck_assert_uint_le(strlen(f->tags[0].evidence), 200);
	facts_free(f);
	free_message(&m);
}
END_TEST

/* A long text full of cues is classified quickly and stays bounded. */
START_TEST(many_cues)
{
	struct message m;
	struct mcase c = { .from = LEE, .in_reply_to = RE };
	size_t reps = 20000, unit = 40, len = reps * unit;
	char *text = malloc(len + 1);
	struct facts *f;

	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < reps; i++)
		memcpy(text + i * unit, "Jo Marsh recommended you, idiot. Hi Al. ", unit);
	text[len] = '\0';
	c.text = text;
	mk_message(&m, &c, 0);
	f = classify(&m, NULL, &cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->nreferrals, 1);
	ck_assert_str_eq(f->referrals[0].referrer_name, "Jo Marsh");
	ck_assert_uint_eq(f->ntags, 3);	/* referred, rude, complaint */
	facts_free(f);
	free_message(&m);
	free(text);
}
END_TEST

TL_SUITE_AROUND(classify, setup, teardown, 0,
    referrals, TL_LOOPS(referral_cases),
    introductions, TL_LOOPS(intro_cases), forwards, TL_LOOPS(forward_cases),
    tags, TL_LOOPS(tag_cases), evidence_cap, 0, evidence_long_sentence, 0,
    added_tag, 0, who, TL_LOOPS(who_cases), roles, TL_LOOPS(role_cases),
    nothing_known, 0, needs_body, 0, many_cues, 0)
