/*
 * classify_scorn - the owner's skill belittled, by comparison or by a
 * question that answers itself.
 *
 * DESCRIPTION
 *	Two shapes of rudeness that name no epithet the sender states
 *	(classify_epithet.c reads those), in mail that reports a fault of
 *	the work (a complaint the sender earned, or a defect that stands)
 *	and neither thanks nor praises:
 *
 *	A novice outdoes the owner (belittled): a person of no skill
 *	([aim novice]: "a child", "ein Lehrling", "un amateur", "un niño",
 *	"mi sobrino de diez años") with a comparison in its clause ([aim
 *	outdo]: "better", "besser", "ferait mieux", "lo hace mejor", or the
 *	simile "looks like a", "als hätte", "on dirait", "como si"): "it
 *	looks like a child did it with a nail", "jeder Lehrling bekommt das
 *	besser hin", "un amateur ferait mieux".  Not in a question, in words
 *	reported ([aim report]) or after a condition ([outcome hedge]), nor
 *	when the novice is somebody the sender blames (cl_insult_at_other)
 *	or the sender themself (cl_insult_at_self, or a sentence where the
 *	sender speaks of themself, [aim myself], and not to the owner: "I'm
 *	a beginner, a child would do it better than me").
 *
 *	The owner asked whether they are "just" a name (asked_mere): a
 *	question that speaks to the owner ([aim]) before a word that makes
 *	its alternative the lesser one ([aim mere]: "or just some", "oder
 *	nur", "ou juste", "o solo"), an insult noun ([outcome insult]) or a
 *	word of contempt ([aim scorn]) a few words on in the same clause:
 *	"Are you an actual pewterer or just some cowboy with a catalogue?".
 *	"Are you an amateur or a professional?" asks.
 *
 *	The evidence is the sentence.
 *
 * OWNS
 *	Nothing beyond the tag it adds to the facts.
 *
 * NEVER
 *	Reads anything but the text, the tags and [outcome] hits already
 *	found, and the sentence around a hit.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

/* SCORN_REACH - bytes past a [aim mere] word its insult noun may stand
 * ("or just some cowboy") */
#define SCORN_REACH 28

#define SCORN_HITS 16	/* [aim novice] and [aim mere] hits kept per mail */

/* The [aim novice] and [aim mere] phrases of the text, in order of start,
 * from one scan; past SCORN_HITS of a kind the rest are sought one by
 * one (full). */
struct scorn_hits {
	struct cl_span novice[SCORN_HITS], mere[SCORN_HITS];
	size_t nnovice, nmere;
	bool novice_full, mere_full;
};

static void
scorn_fn(void *ctx, const struct rules_match *m)
{
	struct scorn_hits *h = ctx;

	if (m->kind != RULES_AIM)
		return;
	if (strcmp(m->name, "novice") == 0) {
		if (h->nnovice < SCORN_HITS)
			h->novice[h->nnovice++] = (struct cl_span){ m->start,
			    m->end };
		else
			h->novice_full = true;
	} else if (strcmp(m->name, "mere") == 0) {
		if (h->nmere < SCORN_HITS)
			h->mere[h->nmere++] = (struct cl_span){ m->start,
			    m->end };
		else
			h->mere_full = true;
	}
}

/*
 * next_hit - the i-th phrase of a kind kept in v[0, n), or past them, when
 * more were found than kept, the next one sought from p on; false when
 * there is none
 */
static bool
next_hit(const struct cl *c, const struct cl_span *v, size_t n, bool full,
    const char *name, size_t i, size_t p, struct cl_span *at)
{
	if (i < n) {
		*at = v[i];
		return true;
	}
	return full && cl_money_seek(c, c->text, p, c->tlen, RULES_AIM, name,
	    at);
}

/* fault_cheerless - the mail reports a fault and neither thanks nor
 * praises: a comparison there can only belittle */
static bool
fault_cheerless(const struct cl *c)
{
	if (cl_sender_tagged(c, "praise") ||
	    cl_outcome_in(c, "thanks", 0, c->tlen))
		return false;
	return cl_sender_tagged(c, "complaint") || cl_defect_stands(c);
}

/*
 * belittled - the first [aim novice] phrase with an [aim outdo] phrase in
 * its clause, stated, aimed at nobody else; its span into *at
 */
static bool
belittled(const struct cl *c, const struct scorn_hits *h, struct cl_span *at)
{
	struct cl_span n;
	size_t p = 0, sb, se, cb, ce;

	for (size_t i = 0; next_hit(c, h->novice, h->nnovice, h->novice_full,
	    "novice", i, p, &n); i++) {
		if (n.start < p)
			continue;	/* inside the one before */
		p = n.end;
		cl_sentence(c->text, c->tlen, n.start, n.end, &sb, &se);
		cb = cl_clause_start(c->text, sb, n.start);
		ce = cl_clause_end(c->text, n.end, se);
		if (!cl_near_between(c, cb, ce, "outdo") ||
		    !cl_stated(c, n, sb, se) || cl_insult_at_other(c, n) ||
		    cl_insult_at_self(c, n))
			continue;
		if (cl_near_between(c, sb, se, "myself") &&
		    !cl_near_between(c, sb, se, "aim"))
			continue;	/* "I'm a beginner, a child would do it
					 * better than me" */
		*at = n;
		return true;
	}
	return false;
}

/*
 * asked_mere - a question speaking to the owner whose lesser alternative
 * ([aim mere]) is an insult noun or a word of contempt; its span into *at
 */
static bool
asked_mere(const struct cl *c, const struct scorn_hits *h, struct cl_span *at)
{
	struct cl_span m, s;
	size_t p = 0, sb, se, ce, reach;

	for (size_t i = 0; next_hit(c, h->mere, h->nmere, h->mere_full,
	    "mere", i, p, &m); i++) {
		if (m.start < p)
			continue;	/* inside the one before */
		p = m.end;
		cl_sentence(c->text, c->tlen, m.start, m.end, &sb, &se);
		if (!cl_asks(c->text, sb, se) ||
		    !cl_near_between(c, sb, m.start, "aim") ||
		    cl_near_between(c, sb, m.start, "report"))
			continue;
		reach = m.end + SCORN_REACH < se ? m.end + SCORN_REACH : se;
		ce = cl_clause_end(c->text, m.end, reach);
		if (!cl_outcome_in(c, "insult", m.end, ce) &&
		    !cl_money_seek(c, c->text, m.end, ce, RULES_AIM, "scorn",
		    &s))
			continue;
		*at = m;
		return true;
	}
	return false;
}

int
cl_scorn_tags(struct cl *c)
{
	struct scorn_hits h;
	struct cl_span at;
	size_t sb, se;
	char *ev;

	if (c->sender == NULL || c->f->unverified || c->text == NULL ||
	    cl_sender_tagged(c, "rude") || !fault_cheerless(c))
		return 0;
	h.nnovice = h.nmere = 0;
	h.novice_full = h.mere_full = false;
	rules_scan(c->r, c->text, c->tlen, scorn_fn, &h);
	if (!belittled(c, &h, &at) && !asked_mere(c, &h, &at))
		return 0;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if ((ev = cl_evidence(c->text, sb, se, at.start)) == NULL)
		return -1;
	return cl_add_tag(c, c->sender, "rude", ev) < 0 ? -1 : 0;
}
