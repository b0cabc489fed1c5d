/*
 * classify_closing - a cheer that closes an account of failure: a sneer.
 *
 * DESCRIPTION
 *	"Une semaine sans réponse.  Bravo."  "The trophies turned up on
 *	Sunday - the day AFTER presentation night.  Great job, really, top
 *	service.  ...  two of them say "Dart Vadars" instead of "Dart
 *	Vaders"."  A cheer that is its whole sentence (cl_tone_cheer: at
 *	most CLOSE_WORDS words, no subject, no thanks, no question, no
 *	turn), opening that sentence, judges the sentence of account just
 *	before it in its paragraph (cl_tone_account: no praise, no question,
 *	no "but", nothing called small).  When that sentence tells a
 *	failure of the work (a defect that stands, or a message left
 *	unanswered: [outcome unanswered]), or tells it late (late[]: "the
 *	day after", "already") and a failure follows the cheer in its
 *	paragraph, the cheer hails what the account showed missing: it
 *	praises nothing, and the account with the cheer is the complaint.
 *	A fault told further back may be one the work ended ("The old
 *	boiler broke down every winter.  Since you fitted ...").
 *
 *	A sincere cheer after a failure closes a story that ends well, so
 *	none is read so in mail that thanks, tells a good result
 *	(cl_closing_went_well), praises outside the cheer's paragraph, or
 *	is a first contact (whose trouble is the job brought).  A cheer
 *	that opens its paragraph judges what follows (recog20a's
 *	undone_after in classify_sneer.c), and one followed by a request
 *	to put the work right is the mock cheer (classify_tone.c); this
 *	is the one that closes an account and asks for nothing.
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

#define CLOSE_WORDS	5	/* words of the cheer's whole sentence */
#define CLOSE_OPEN	12	/* bytes before the cheer in its sentence */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Results that say the work went well, read anywhere in the mail (as the
 * mock cheer's went_well reads them). */
static const char *const well[] = {
	"good", "reaction", "again", "gone", "best", "compare", "laud",
	"thanks",
};

/* cl_closing_failed_in - text[from, to) tells a failure of the work: a
 * defect that stands, a message of the sender's left unanswered, or a
 * part left undone by the owner's side ([outcome lapse]: "vous avez
 * oublié", "una multa"), and no state the work brought about ([outcome
 * now], [outcome fixed]: "Die Tür fällt jetzt leise ins Schloss und es
 * zieht nicht mehr") */
bool
cl_closing_failed_in(const struct cl *c, size_t from, size_t to)
{
	return from < to && (cl_defect_stands_in(c, from, to) ||
	    cl_outcome_in(c, "unanswered", from, to) ||
	    cl_outcome_in(c, "lapse", from, to)) &&
	    !cl_outcome_in(c, "now", from, to) &&
	    !cl_outcome_in(c, "fixed", from, to);
}

/* Words of a fault in time ("the day after", "already", "overdue"): in
 * the account just before the cheer they tie it to a failure told after
 * it in its paragraph. */
static const char *const late[] = {
	"still", "soon", "due", "elapsed",
};

/* late_in - text[from, to) holds a word of late[] */
static bool
late_in(const struct cl *c, size_t from, size_t to)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (str_in_list(late, NELEM(late), c->outc[i].name) &&
		    c->outc[i].at.start >= from && c->outc[i].at.end <= to)
			return true;
	return false;
}

/* cl_closing_went_well - the mail tells a result of well[] outside
 * text[skip_b, skip_e) */
bool
cl_closing_went_well(const struct cl *c, size_t skip_b, size_t skip_e)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (str_in_list(well, NELEM(well), c->outc[i].name) &&
		    (c->outc[i].at.start < skip_b ||
		    c->outc[i].at.end > skip_e))
			return true;
	return false;
}

/* cl_closing_well_in - a result of well[] lies inside text[from, to) */
bool
cl_closing_well_in(const struct cl *c, size_t from, size_t to)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (str_in_list(well, NELEM(well), c->outc[i].name) &&
		    c->outc[i].at.start >= from && c->outc[i].at.end <= to)
			return true;
	return false;
}

bool
cl_praised_outside(const struct cl *c, size_t pb, size_t pe)
{
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    (c->tags[i].at.start < pb || c->tags[i].at.end > pe))
			return true;
	return false;
}

/* closing_of - at is a cheer closing an account of failure: fill *m */
static bool
closing_of(const struct cl *c, struct cl_span at, struct cl_mock *m)
{
	size_t sb, se, p, ab, ae, pb, pe;

	if (cl_quoted_words(c, at) ||
	    !cl_tone_cheer(c, at, CLOSE_WORDS, &sb, &se) ||
	    at.start - sb > CLOSE_OPEN)
		return false;
	for (p = sb; p > 0 && strchr(" \t\r\n", c->text[p - 1]) != NULL; p--)
		;
	if (p == 0)
		return false;	/* nothing told before it */
	cl_sentence(c->text, c->tlen, p - 1, p - 1, &ab, &ae);
	if (!cl_tone_account(c, ab, ae, ae, sb))
		return false;	/* it opens its paragraph, or praises a
				 * sentence that praises */
	pb = cl_paragraph_start(c->text, sb);
	pe = cl_paragraph_end(c->text, c->tlen, se);
	/* the account it judges fails, or is late and a failure follows
	 * ("... the day AFTER presentation night.  Great job, really.  ...
	 * instead of ..."); a fault told earlier may be one the work
	 * ended ("The old boiler broke down every winter.  Since you
	 * fitted the new one ...  Brilliant.") */
	if (!cl_closing_failed_in(c, ab, ae) &&
	    !(late_in(c, ab, ae) && cl_closing_failed_in(c, se, pe)))
		return false;
	if (cl_praised_outside(c, pb, pe))
		return false;
	*m = (struct cl_mock){ .cheer = at, .account = { ab, ae } };
	return true;
}

bool
cl_closing_cheer(const struct cl *c, struct cl_mock *m)
{
	bool found = false;

	if (c->sender == NULL || cl_closing_went_well(c, 0, 0))
		return false;
	for (size_t i = 0; i < c->ntags && !found; i++)
		found = strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_cancelled(c, "praise", c->tags[i].at) &&
		    closing_of(c, c->tags[i].at, m);
	for (size_t i = 0; i < c->nfaint && !found; i++)
		found = closing_of(c, c->faint[i], m);
	/* the store is asked whether the sender is a customer last */
	return found && !cl_first_contact(c);
}

char *
cl_closing_evidence(const struct cl *c, const struct cl_mock *m)
{
	char out[CL_MAX_EVIDENCE + 8];
	size_t sb, se;

	cl_sentence(c->text, c->tlen, m->cheer.start, m->cheer.end, &sb, &se);
	/* the account gets what the cheer leaves */
	struct cl_part p[] = {
		{ m->account.start, m->account.end, m->account.start, 0,
		    NULL, 0 },
		{ sb, se, m->cheer.start, CL_MAX_EVIDENCE / 3, NULL, 0 },
	};

	if (!cl_evidence_parts(c->text, p, 2, 4))
		return NULL;
	snprintf(out, sizeof(out), "%.*s [%.*s]", p[0].len, p[0].ev,
	    p[1].len, p[1].ev);
	cl_parts_free(p, 2);
	return xstrdup(out);
}
