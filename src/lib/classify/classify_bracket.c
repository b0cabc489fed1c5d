/*
 * classify_bracket - a cheer on each side of an account of failure: a sneer.
 *
 * DESCRIPTION
 *	"Genial.  Me acaba de llegar una multa de Hacienda porque alguien
 *	se olvidó de presentar mi modelo 303.  Muchísimas gracias, de
 *	verdad, un trabajo fantástico."  "Oh marvellous.  Half the puppets
 *	arrived without their strings ...  Really top value for £400, well
 *	done everyone."  A short cheer that is its whole sentence
 *	(cl_tone_cheer: at most OPEN_WORDS words, no subject, thanks or
 *	turn) opens its paragraph; praise closes the same paragraph; every
 *	sentence between is one of account (cl_tone_account: no praise,
 *	question, "but" or trouble called small), and together they tell
 *	a failure of the work that stands (cl_closing_failed_in).  Praise
 *	that brackets nothing but a failure hails what went wrong: the mail
 *	praises nothing, and the account is the complaint.  Thanks in the
 *	closing sentence do not save it ("vielen Dank auch"): the bracket
 *	decides, not the words.
 *
 *	The sender's will that the work be put right closes the account as
 *	well as praise does (cl_redress_willed): "Well done Martin, really
 *	impressive work.  £220 and three weeks later, and the hand still
 *	sticks ...  I expect you to put this right without charging me
 *	again."  A cheer that opens a paragraph, an account of failure that
 *	stands (or a complaint that stands in it) and a demand to redo the
 *	work: nobody who means the cheer
 *	asks for the work again.  The cheer may then be DEMAND_WORDS words
 *	long, the owner's name and a second exclamation in it.
 *
 *	A cheer alone before a failure is not enough (recog17d learnt a
 *	sincere writer opens so too, to tell what was wrong before the
 *	work), nor is praise alone after one (classify_closing.c reads that
 *	with its own guards).  A good result told anywhere outside the
 *	closing sentence, praise outside the paragraph, a state the work
 *	brought ("es zieht nicht mehr") or a first contact keep the praise
 *	sincere.
 *
 * OWNS
 *	Nothing: it reads the scan's hits and the text.
 *
 * NEVER
 *	Adds a tag, or reads more text than the cheer's paragraph (the
 *	mail's [outcome] hits are read, not its text).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define OPEN_WORDS	3	/* words of the opening cheer's sentence */
#define MIDDLE_MAX	4	/* sentences of account between the two */
#define DEMAND_WORDS	6	/* words of a cheer a demand to redo closes */

/* opens_paragraph - text[sb] starts its paragraph: only blanks before it
 * back to a blank line, the text's start, or a salutation's comma */
static bool
opens_paragraph(const struct cl *c, size_t sb)
{
	size_t p = sb;
	bool nl = false;

	for (; p > 0; p--) {
		char ch = c->text[p - 1];

		if (ch == '\n') {
			if (nl)
				return true;
			nl = true;
		} else if (strchr(" \t\r", ch) == NULL) {
			/* "Hi Ivy,\nOh marvellous." */
			return nl && ch == ',';
		}
	}
	return true;
}

/* praise_after - the first praise hit of the mail starting at or after
 * `from`, neither cancelled nor quoted, or NULL */
static const struct cl_taghit *
praise_after(const struct cl *c, size_t from)
{
	const struct cl_taghit *best = NULL;

	for (size_t i = 0; i < c->ntags; i++) {
		const struct cl_taghit *h = &c->tags[i];

		if (strcmp(h->tag, "praise") != 0 || h->at.start < from ||
		    cl_cancelled(c, "praise", h->at) ||
		    cl_quoted_words(c, h->at))
			continue;
		if (best == NULL || h->at.start < best->at.start)
			best = h;
	}
	return best;
}

/* middle_ok - text[from, to) is one to MIDDLE_MAX sentences of account */
static bool
middle_ok(const struct cl *c, size_t from, size_t to)
{
	size_t p = from, b, e, n = 0, prev = from;

	for (;;) {
		while (p < to && strchr(" \t\r\n", c->text[p]) != NULL)
			p++;
		if (p >= to)
			break;
		cl_sentence(c->text, c->tlen, p, p, &b, &e);
		if (e > to)
			e = to;
		if (++n > MIDDLE_MAX || !cl_tone_account(c, b, e, prev, b))
			return false;
		prev = e;
		p = e > p ? e : p + 1;
	}
	return n > 0;
}

/* bracket_of - at is a short cheer opening its paragraph, closed by
 * praise after an account of failure: fill *m */
static bool
bracket_of(const struct cl *c, struct cl_span at, struct cl_mock *m)
{
	const struct cl_taghit *close;
	size_t sb, se, cb, ce;

	if (cl_quoted_words(c, at) ||
	    !cl_tone_cheer(c, at, OPEN_WORDS, &sb, &se) ||
	    !opens_paragraph(c, sb))
		return false;
	if ((close = praise_after(c, se)) == NULL)
		return false;
	cl_sentence(c->text, c->tlen, close->at.start, close->at.end, &cb,
	    &ce);
	if (cl_blank_line_in(c->text, se, cb) || !middle_ok(c, se, cb) ||
	    !cl_closing_failed_in(c, se, cb) ||
	    cl_praised_outside(c, sb, ce) ||
	    cl_closing_went_well(c, cb, ce))
		return false;
	*m = (struct cl_mock){ .cheer = at, .account = { se, cb },
	    .after = { cb, ce } };
	return true;
}

/* complained_in - a complaint hit of the mail that stands lies in
 * text[from, to): "It's no better than when I brought it in." */
static bool
complained_in(const struct cl *c, size_t from, size_t to)
{
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    c->tags[i].at.start >= from && c->tags[i].at.end <= to &&
		    !cl_cancelled(c, "complaint", c->tags[i].at))
			return true;
	return false;
}

/* well_between - a sentence of text[from, to) that holds no complaint
 * that stands tells a good result ("It's no better than when I brought
 * it in" compares, and complains) */
static bool
well_between(const struct cl *c, size_t from, size_t to)
{
	size_t p = from, b, e;

	while (p < to) {
		cl_sentence(c->text, c->tlen, p, p, &b, &e);
		if (e > to)
			e = to;
		if (!complained_in(c, b, e) && cl_closing_well_in(c, b, e))
			return true;
		p = e > p ? e : p + 1;
	}
	return false;
}

/* demand_of - at is a cheer of at most DEMAND_WORDS words opening its
 * paragraph, then an account of failure closed by the sender's will
 * that the work be put right in the same paragraph: fill *m */
static bool
demand_of(const struct cl *c, struct cl_span at, struct cl_mock *m)
{
	const struct cl_outhit *w;
	size_t sb, se, cb, ce;

	if (cl_quoted_words(c, at) ||
	    !cl_tone_cheer(c, at, DEMAND_WORDS, &sb, &se) ||
	    !opens_paragraph(c, sb) ||
	    (w = cl_redress_willed(c)) == NULL || w->at.start < se)
		return false;
	cl_sentence(c->text, c->tlen, w->at.start, w->at.end, &cb, &ce);
	if (cl_blank_line_in(c->text, se, cb) || !middle_ok(c, se, cb) ||
	    !(cl_closing_failed_in(c, se, cb) || complained_in(c, se, cb)) ||
	    cl_praised_outside(c, sb, se) ||
	    cl_closing_went_well(c, sb, ce) || well_between(c, se, cb))
		return false;	/* the cheer's own words are no result */
	*m = (struct cl_mock){ .cheer = at, .account = { se, cb },
	    .after = { cb, ce } };
	return true;
}

bool
cl_bracket_cheer(const struct cl *c, struct cl_mock *m)
{
	bool found = false;

	if (c->sender == NULL)
		return false;
	for (size_t i = 0; i < c->ntags && !found; i++)
		found = strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_cancelled(c, "praise", c->tags[i].at) &&
		    bracket_of(c, c->tags[i].at, m);
	for (size_t i = 0; i < c->nfaint && !found; i++)
		found = bracket_of(c, c->faint[i], m);
	for (size_t i = 0; i < c->ntags && !found; i++)
		found = strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_cancelled(c, "praise", c->tags[i].at) &&
		    demand_of(c, c->tags[i].at, m);
	/* the store is asked whether the sender is a customer last */
	return found && !cl_first_contact(c);
}

char *
cl_bracket_evidence(const struct cl *c, const struct cl_mock *m)
{
	char out[CL_MAX_EVIDENCE + 8];
	size_t sb, se, b;

	cl_sentence(c->text, c->tlen, m->cheer.start, m->cheer.end, &sb, &se);
	for (b = m->account.start; b < m->account.end &&
	    strchr(" \t\r\n", c->text[b]) != NULL; b++)
		;
	/* the account gets what the two cheers leave */
	struct cl_part p[] = {
		{ sb, se, m->cheer.start, CL_MAX_EVIDENCE / 6, NULL, 0 },
		{ b, m->account.end, b, 0, NULL, 0 },
		{ m->after.start, m->after.end, m->after.start,
		    CL_MAX_EVIDENCE / 3, NULL, 0 },
	};

	if (!cl_evidence_parts(c->text, p, 3, 6))
		return NULL;
	snprintf(out, sizeof(out), "[%.*s] %.*s [%.*s]", p[0].len, p[0].ev,
	    p[1].len, p[1].ev, p[2].len, p[2].ev);
	cl_parts_free(p, 3);
	return xstrdup(out);
}
