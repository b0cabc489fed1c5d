/*
 * classify_redress - a demand that the owner's work be put right, told by
 * its structure rather than its words.
 *
 * DESCRIPTION
 *	An obligation or the sender's will laid on the thing ([outcome
 *	must]: "needs to be", "will have to be", "I want it", "muss", "doit
 *	être", "il faut", "je veux que", "hay que") and a
 *	verb that does the work again or corrects it ([outcome mend]:
 *	"remade", "nachgearbeitet", "überarbeitet", "refaits", "reprenne",
 *	"rehacerlas"), in either order within one clause ("das muss
 *	nachgearbeitet werden", "dass es überarbeitet werden muss"), demand
 *	the work put right whatever the trade's verb (cl_redress_demanded).
 *	The sentence must be stated: no question, no condition opening its
 *	clause ([aim if]), no negation just before the obligation or between
 *	the two, not quoted, no third party ([aim other]).  The mail must ask
 *	the owner nothing (no question aimed at them): "the spine has split
 *	and it needs to be redone.  Could you take that on as well?" brings
 *	a new job.  Only verbs that presuppose a first doing count: "it
 *	needs to be repaired" may be anybody's thing.  The sender's own
 *	will or expectation so laid on the work ([outcome will]: "I want
 *	it", "ich erwarte, dass", "j'exige que", "exijo que") is a
 *	demand whatever else the mail asks (cl_redress_willed): "Ich
 *	erwarte, dass das nachgebessert wird."; not beside a sum in its
 *	sentence or a deal struck ([aim deal]): "£3,000 then, and I expect
 *	it done properly this time round" looks to work still to come.
 *
 *	A first message asking for work tells of a problem to be fixed, not
 *	of the owner's work, unless it names the owner's past work and
 *	demands it put right (cl_redress_recalled): "the ladder you fitted
 *	on Friday doesn't reach the floor ... I need someone back this
 *	week".  The owner's past work is an [aim work] or [outcome link]
 *	phrase, or, in any trade's verb, an English clause on the owner's
 *	doing ("You rebuilt the wall", "the albums you bound", "the shelf
 *	you put up") or a Spanish preterite of the plural you ("que nos
 *	plantasteis").  The
 *	demand is one of the obligations above, or an [outcome back] or
 *	[outcome redo] phrase ("someone back", "noch einmal vorbeikommt",
 *	"redo the binding", asked or not: "Pouvez-vous les reprendre ?").
 *
 * OWNS
 *	Nothing: it reads the [outcome] hits and the text.
 *
 * NEVER
 *	Adds a tag, or scans anything but one clause a hit, the question
 *	sentences of the mail, and (for a first message) its text once for
 *	[aim work] and once for its words.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "classify_int.h"
#include "outcome_int.h"
#include "tags_int.h"

/* words before a determiner the owner's verb may stand after "you" ("the
 * two wedding albums you bound") */
#define REDRESS_NOUN_WORDS 4

/* stated - the sentence of h stands as the sender's statement: no
 * question, not quoted, no third party */
static bool
stated(const struct cl *c, const struct cl_outhit *h, size_t *sb,
    size_t *se)
{
	oc_sentence_of(c, h->at, sb, se);
	return !cl_asks(c->text, *sb, *se) && !oc_quoted(c, *sb, h->at) &&
	    !oc_third_party(c, *sb, *se);
}

/* obliged_with - the obligation m has a verb of doing again in its
 * clause, neither conditioned nor negated: that verb, or NULL */
static const struct cl_outhit *
obliged_with(const struct cl *c, const struct cl_outhit *m)
{
	size_t sb, se, cb, ce;

	if (!stated(c, m, &sb, &se))
		return NULL;
	cb = cl_clause_start(c->text, sb, m->at.start);
	ce = cl_clause_end(c->text, m->at.end, se);
	if (cl_near_between(c, cb, m->at.start, "if") ||
	    oc_negated(c, cb, m->at, OC_NEGATION_WORDS))
		return NULL;	/* "if it has to be redone", "doesn't need" */
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *v = &c->outc[i];
		size_t lo, hi;

		if (!oc_is_name(v, "mend") || v->at.start < cb ||
		    v->at.end > ce || (v->at.start < m->at.end &&
		    v->at.end > m->at.start))
			continue;
		lo = v->at.start < m->at.start ? v->at.end : m->at.end;
		hi = v->at.start < m->at.start ? m->at.start : v->at.start;
		if (!cl_near_between(c, lo, hi, "negation"))
			return v;	/* "muss nicht überarbeitet werden" */
	}
	return NULL;
}

/* obliged - the first obligation of the mail ([outcome must], or the
 * sender's will, [outcome will]) with its verb of doing again: that
 * verb, or NULL */
static const struct cl_outhit *
obliged(const struct cl *c)
{
	const struct cl_outhit *v;

	for (size_t i = 0; i < c->noutc; i++)
		if ((oc_is_name(&c->outc[i], "will") ||
		    oc_is_name(&c->outc[i], "must")) &&
		    (v = obliged_with(c, &c->outc[i])) != NULL)
			return v;
	return NULL;
}

const struct cl_outhit *
cl_redress_willed(const struct cl *c)
{
	const struct cl_outhit *v;
	size_t sb, se;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *m = &c->outc[i];

		if (!oc_is_name(m, "will"))
			continue;
		oc_sentence_of(c, m->at, &sb, &se);
		if (cl_near_between(c, sb, m->at.start, "if") ||
		    oc_has_hit(c, "hedge", sb, m->at.start, NULL))
			continue;	/* "If the sizes change, I expect" */
		if (c->money.ndeal > 0 || cl_near_sum_in(c->text, sb, se))
			continue;	/* "£3,000 then, and I expect it done
					 * properly": the work paid for is to
					 * come */
		if ((v = obliged_with(c, m)) != NULL)
			return v;
	}
	return NULL;
}

bool
cl_redress_demanded(const struct cl *c, const struct cl_outhit **at)
{
	const struct cl_outhit *v = obliged(c);

	if (v == NULL || cl_blame_asks_owner(c))
		return false;	/* "... Could you take that on as well?" */
	*at = v;
	return true;
}

/* asked_back - an [outcome back] or [outcome redo] phrase stands, asked
 * or not ("Pouvez-vous les reprendre ?"), neither quoted, about a third
 * party, negated nor conditioned in its clause */
static bool
asked_back(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se, cb;

		if (!oc_is_name(h, "back") && !oc_is_name(h, "redo"))
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		if (oc_quoted(c, sb, h->at) || oc_third_party(c, sb, se))
			continue;
		cb = cl_clause_start(c->text, sb, h->at.start);
		if (!cl_near_between(c, cb, h->at.start, "if") &&
		    !oc_negated(c, cb, h->at, OC_NEGATION_WORDS))
			return true;
	}
	return false;
}

/* word_at - the word of t starting at p, its end into *e */
static bool
word_at(const char *t, size_t len, size_t p, size_t *e)
{
	size_t q = p;

	while (q < len && strchr(" \t\r\n,.;:!?()\"", t[q]) == NULL)
		q++;
	*e = q;
	return q > p;
}

/* is_word - t[p, e) is one of the words of set (any case) */
static bool
is_word(const char *t, size_t p, size_t e, const char *const *set,
    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(set[i]) == e - p &&
		    strncasecmp(t + p, set[i], e - p) == 0)
			return true;
	return false;
}

/* ends_with - t[p, e) ends in suffix (any case) */
static bool
ends_with(const char *t, size_t p, size_t e, const char *suffix)
{
	size_t n = strlen(suffix);

	return e - p > n + 2 && strncasecmp(t + e - n, suffix, n) == 0;
}

/*
 * you_did - "you" at t[p], followed by a past form, tells the owner's
 * doing: it opens its clause ("You rebuilt the wall in January") or a
 * relative clause on a noun a determiner opens ("the ladder you fitted",
 * "those two albums you bound")
 */
static bool
you_did(const char *t, size_t len, size_t p)
{
	static const char *const det[] = {
		"the", "that", "those", "these", "this",
	};
	static const char *const past[] = {
		"made", "built", "bound", "sent", "laid", "put", "cut", "set",
		"hung", "did", "sewed", "sewn", "sold", "brought", "wrote",
		"dug", "spun", "wove", "knitted", "fit", "took", "left",
		"rebuilt", "relaid", "rehung", "remade", "redid", "resewn",
	};
	size_t e, q, w;

	if (!word_at(t, len, p + 4, &e) || !(ends_with(t, p + 4, e, "ed") ||
	    is_word(t, p + 4, e, past, sizeof(past) / sizeof(past[0]))))
		return false;
	for (q = p; q > 0 && strchr(" \t\r", t[q - 1]) != NULL; q--)
		;
	if (q == 0 || strchr(".!?,;:\n", t[q - 1]) != NULL)
		return true;	/* "You rebuilt the wall" */
	q = p;
	for (int n = 0; n < REDRESS_NOUN_WORDS && q > 0; n++) {
		while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t'))
			q--;
		for (w = q; w > 0 && strchr(" \t\r\n,.;:!?()\"", t[w - 1]) ==
		    NULL; w--)
			;
		if (w == q)
			return false;	/* punctuation: the clause began */
		if (n > 0 && is_word(t, w, q, det, sizeof(det) / sizeof(det[0])))
			return true;
		q = w;
	}
	return false;
}

/* what work_fn looks for: an [aim work] phrase that is no demand */
struct work_seek {
	const struct cl *c;
	bool found;
};

/* demand_at - an [outcome back] or [outcome redo] hit overlaps [s, e) */
static bool
demand_at(const struct cl *c, size_t s, size_t e)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];

		if ((oc_is_name(h, "back") || oc_is_name(h, "redo")) &&
		    h->at.start < e && s < h->at.end)
			return true;
	}
	return false;
}

static void
work_fn(void *ctx, const struct rules_match *m)
{
	struct work_seek *w = ctx;

	if (!w->found && m->kind == RULES_AIM && strcmp(m->name, "work") == 0 &&
	    !demand_at(w->c, m->start, m->end))
		w->found = true;
}

/*
 * owner_did - the text names the owner's past work: [aim work] or
 * [outcome link], an English clause on the owner's doing, or a Spanish
 * preterite of the plural you ("plantasteis", "pusisteis").  The demand
 * does not name it by itself: "could you come back and quote for the
 * bathroom?" asks for a new visit.
 */
static bool
owner_did(const struct cl *c)
{
	struct work_seek w = { c, false };
	const char *t = c->text;
	size_t e;

	rules_scan(c->r, c->text, c->tlen, work_fn, &w);
	if (w.found || oc_has_hit(c, "link", 0, c->tlen, NULL))
		return true;
	for (size_t p = 0; p < c->tlen; p = e + 1) {
		if (!word_at(t, c->tlen, p, &e))
			continue;
		if (e - p == 3 && strncasecmp(t + p, "you", 3) == 0 &&
		    e < c->tlen && t[e] == ' ' && you_did(t, c->tlen, p))
			return true;
		if (ends_with(t, p, e, "asteis") || ends_with(t, p, e, "isteis"))
			return true;
	}
	return false;
}

bool
cl_redress_recalled(const struct cl *c)
{
	return (asked_back(c) || obliged(c) != NULL) && owner_did(c);
}
