/*
 * classify_target - at whom an insult is aimed, and what it quarrels over.
 *
 * DESCRIPTION
 *	An insult tells the sender's contempt; whether it judges the owner's
 *	work depends on two things the words around it show, in any of the
 *	four languages.
 *
 *	Its target: the last party the mail names before the insult, in
 *	the insult's sentence or else the one before it.  When that is a
 *	third party ([aim other]: "the delivery firm", "el banco",
 *	"Correos") and the insult's own clause says nothing of the owner
 *	([aim]), the sender is venting about them ("The delivery firm are
 *	a bunch of clowns", "el banco me ha devuelto la transferencia ...,
 *	un desastre de banco"), not insulting the owner.
 *
 *	What it quarrels over: an insult in mail that tells no fault of
 *	the work (no defect stands) and either walks away from a deal
 *	never made ([aim walkaway]: "Dann eben nicht", "keep your wood
 *	then", "ya buscaré a otro", "je vais voir ailleurs") or, answering
 *	a mail that named a sum (the owner's quote), names a price in the
 *	insult's own sentence ([weak haggler] words or a sum: "Con esos
 *	precios") is a quarrel over a price only quoted: rude, but no
 *	complaint of the work.  The owner's mail answered names a sum
 *	whether the reply quotes it or not (cl_owner_said).  A price named
 *	with no quote answered is a job's ("ashamed to charge for it") and
 *	the complaint stands.
 *
 *	Or its target is the sender: "I am hopeless with computers", "je
 *	suis nulle en informatique" ([aim myself] within SELF_GAP words
 *	before it, nothing of the owner between) runs the sender down.
 *
 * OWNS
 *	Nothing: it reads the scan's hits and rescans at most two sentences.
 *
 * NEVER
 *	Adds or removes a tag, or reads anything but the text around the
 *	insult (and, for a walk-away, the sender's own text once) and what
 *	the owner's mail answered said.
 */
#include <stdbool.h>
#include <string.h>

#include "rules_int.h"
#include "classify_int.h"
#include "tags_int.h"

/* party_seek - the last party named in a scanned span: 1 the owner,
 * 2 a third party, 0 none yet; text is the span scanned */
struct party_seek {
	const char *text;
	int last;
};

/*
 * names_party - an [aim other] phrase names a party: a noun phrase ("the
 * delivery firm", "el banco", "die Bank") or a capitalised name
 * ("Correos", "Hausverwaltung"), not a bare modifier ("la dernière fois",
 * "the other day", "otro")
 */
static bool
names_party(const char *text, const struct rules_match *m)
{
	unsigned char ch = (unsigned char)text[m->start];

	return strchr(m->phrase, ' ') != NULL || (ch >= 'A' && ch <= 'Z');
}

static void
party_fn(void *ctx, const struct rules_match *m)
{
	struct party_seek *s = ctx;

	if (m->kind != RULES_AIM)
		return;
	if (strcmp(m->name, "aim") == 0)
		s->last = 1;
	else if (strcmp(m->name, "other") == 0 && names_party(s->text, m))
		s->last = 2;
}

/* last_party - who is named last in text[from, to): 0, 1 owner, 2 other */
static int
last_party(const struct cl *c, size_t from, size_t to)
{
	struct party_seek s = { c->text + from, 0 };

	if (from < to)
		rules_scan(c->r, c->text + from, to - from, party_fn, &s);
	return s.last;
}

bool
cl_insult_at_other(const struct cl *c, struct cl_span at)
{
	size_t sb, se, cb, ce, pb, pe;
	int who;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	ce = cl_clause_end(c->text, at.end, se);
	if (cl_near_between(c, cb, ce, "aim"))
		return false;	/* "you lot are clowns", "vuestra" */
	if ((who = last_party(c, sb, at.start)) != 0)
		return who == 2;
	/* nothing named yet in its sentence: the one before, in the same
	 * paragraph ("Correos dice que lo ha perdido. Qué desastre.") */
	pe = sb;
	while (pe > 0 && strchr(" \t\r", c->text[pe - 1]) != NULL)
		pe--;
	if (pe == 0 || (pe > 1 && c->text[pe - 1] == '\n' &&
	    c->text[pe - 2] == '\n'))
		return false;
	cl_sentence(c->text, c->tlen, pe - 1, pe - 1, &pb, &pe);
	return pb < pe && last_party(c, pb, pe) == 2;
}

#define SELF_GAP 3	/* words: "I am absolutely hopeless", "soy un desastre" */

bool
cl_insult_at_self(const struct cl *c, struct cl_span at)
{
	struct cl_span r;
	size_t sb, se, p, from = 0;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	/* the last [aim myself] phrase of the clause before the insult */
	while (p < at.start && cl_money_seek(c, c->text, p, at.start,
	    RULES_AIM, "myself", &r))
		from = p = r.end;
	if (from == 0)
		return false;
	return cl_words(c->text, from, at.start, SELF_GAP) <= SELF_GAP &&
	    !cl_near_between(c, from, at.start, "aim");
}

/* what money_fn saw: a [weak haggler] word (price, quote, bill), an
 * [aim walkaway] phrase */
#define SEEN_PRICE	1u
#define SEEN_AWAY	2u

static void
money_fn(void *ctx, const struct rules_match *m)
{
	unsigned *seen = ctx;

	if (m->kind == RULES_WEAK && strcmp(m->name, "haggler") == 0)
		*seen |= SEEN_PRICE;
	else if (m->kind == RULES_AIM && strcmp(m->name, "walkaway") == 0)
		*seen |= SEEN_AWAY;
}

/* quoted_sum - the mail answers one that named a sum (the owner's quote
 * or price), read from the top of the quoted text, or the owner's mail it
 * answers did and the reply quotes nothing (cl_owner_said) */
static bool
quoted_sum(const struct cl *c)
{
	const struct classify_said *said;
	const char *q = c->m->quoted;
	size_t n;

	if (!cl_is_reply(c->m))
		return false;
	if ((said = cl_owner_said(c)) != NULL && said->cents > 0)
		return true;
	if (q == NULL)
		return false;
	n = strlen(q);
	return cl_near_sum_in(q, 0, n < CL_QUOTE_WINDOW ? n : CL_QUOTE_WINDOW);
}

bool
cl_insult_over_price(const struct cl *c, struct cl_span at)
{
	unsigned seen = 0;
	size_t sb, se;

	if (c->text == NULL || at.end > c->tlen || cl_defect_stands(c))
		return false;
	rules_scan(c->r, c->text, c->tlen, money_fn, &seen);
	if (seen & SEEN_AWAY)
		return true;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (!quoted_sum(c))
		return false;	/* "ashamed to charge for it": a job's price */
	seen = 0;
	rules_scan(c->r, c->text + sb, se - sb, money_fn, &seen);
	return (seen & SEEN_PRICE) || cl_near_sum_in(c->text, sb, se);
}
