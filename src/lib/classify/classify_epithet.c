/*
 * classify_epithet - calling the owner names over a fault of the work.
 *
 * DESCRIPTION
 *	An insult to the owner's competence is made of two things in any
 *	words: the owner called something ([outcome epithet]: "you're a",
 *	"vous êtes un", "Sie sind ein", "eres un") and a fault the mail
 *	reports (a complaint already found, a defect that stands as the
 *	sender's report, or a demand to put the work right in a sentence
 *	that asks nothing).  Whatever noun follows ("cowboy", "charlatan", "Pfuscher",
 *	"chapuzas"), the sentence is name-calling: the sender is rude, and
 *	complains.  The epithet does not count in a question, in words the
 *	sender reports ([aim report]), after a condition ([outcome hedge]),
 *	nor in mail with any cue of praise (a praise phrase, weak or not,
 *	[outcome good], [outcome thanks], [outcome best]): the noun may be
 *	"magicien" ("plus une goutte d'eau ... Vous êtes un magicien !").
 *	Calling the owner names in a mail that puts off paying their bill
 *	(the sender already tagged slow-payer) is rude without a fault.
 *	So is an epithet whose noun, a few words on, is an insult by
 *	itself ([outcome insult]: "you're a complete joke", "ihr seid
 *	Stümper", "vous êtes des escrocs", "sois unos sinvergüenzas"): the
 *	noun says the contempt, whatever the mail says of the work.  Only
 *	the sender's own thanks or praise tag, or a praise cue in the
 *	epithet's own sentence, keep it teasing; a praise cue elsewhere may
 *	be sarcasm ("Oh wonderful, 3 April came and went").
 *
 *	Contempt for the owner's reminder is rude with no epithet at all
 *	(rebuffed): in mail that answers a bill (cl_bill_thread), an [aim
 *	rebuff] phrase that stands as the sender's own words: an order to
 *	stop asking ("Hören Sie auf, mir ständig Mahnungen zu schicken",
 *	"deja de darme la lata"), the owner sent away ("fichez-moi la
 *	paix"), or the bill paid at the payer's whim ("je paierai quand je
 *	voudrai", "gezahlt wird, wenn ich es sage").  Not in a question, in
 *	words reported or after a condition, beside a payment made ([not
 *	slow-payer]) or a [not rude] exception, nor in mail that owns the
 *	debt or says sorry ([aim owed]), thanks, or says it paid ([outcome
 *	paid]).
 *
 *	The evidence is the epithet's (or the rebuff's) sentence.
 *
 * OWNS
 *	Nothing beyond the tags it adds to the facts.
 *
 * NEVER
 *	Reads anything but the [outcome] hits and [aim rebuff] notes of the
 *	one scan, the sentence around one, and (for a rebuff) the subject
 *	and top of the quote through cl_bill_thread.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "tags_int.h"

/*
 * fault_told - the mail reports a fault the epithet can be about: a
 * complaint, a defect that stands, or a demand to put the work right
 * ("I want that castle redone") in a sentence that asks nothing
 */
static bool
fault_told(const struct cl *c)
{
	static const char *const kinds[] = { "back", "redo" };

	if (cl_sender_tagged(c, "complaint") || cl_defect_stands(c))
		return true;
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			if (strcmp(h->name, kinds[k]) != 0)
				continue;
			cl_sentence(c->text, c->tlen, h->at.start, h->at.end,
			    &sb, &se);
			if (!cl_asks(c->text, sb, se))
				return true;
		}
	}
	return false;
}

/* sneered - the mail's praise is a sneer (classify_sneer.c) or a cheer
 * closing an account of failure (classify_closing.c): it praises
 * nothing, so it keeps no epithet teasing ("Bravo, vraiment. ... Vous
 * êtes un charlot") */
static bool
sneered(const struct cl *c)
{
	struct cl_span at;
	struct cl_mock m;

	return cl_sneer_at(c, &at) || cl_closing_cheer(c, &m);
}

/* praised - a cue of praise anywhere, unless the mail sneers: the
 * epithet may be "magicien" */
static bool
praised(const struct cl *c)
{
	if (sneered(c))
		return false;
	if (cl_cue_scanned(c, "praise"))
		return true;
	for (size_t i = 0; i < c->nweak; i++)
		if (strcmp(c->weak[i].tag, "praise") == 0)
			return true;
	return c->nfaint > 0 || cl_outcome_in(c, "good", 0, c->tlen) ||
	    cl_outcome_in(c, "thanks", 0, c->tlen) ||
	    cl_outcome_in(c, "best", 0, c->tlen);
}

bool
cl_stated(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	return !cl_asks(c->text, sb, se) &&
	    !cl_near_between(c, sb, at.start, "report") &&
	    !cl_outcome_in(c, "hedge", sb, at.start);
}

/* tag_with - add tag for the hit at to the sender, with the sentence
 * [sb, se) as evidence */
static int
tag_with(struct cl *c, const char *tag, size_t sb, size_t se,
    struct cl_span at)
{
	char *ev;

	if (cl_sender_tagged(c, tag) || cl_theirs(c, tag, at))
		return 0;
	if ((ev = cl_evidence(c->text, sb, se, at.start)) == NULL)
		return -1;
	return cl_add_tag(c, c->sender, tag, ev) < 0 ? -1 : 0;
}

/* CL_INSULT_REACH - how far past an epithet its noun may stand ("you're
 * a complete and utter joke") */
#define CL_INSULT_REACH 28

/*
 * insulted - the epithet at is followed within its sentence [sb, se) by
 * an insult noun, or by a word of contempt ([aim scorn]: "Sie sind ein
 * arroganter Wichtigtuer", "you are a pompous old windbag", "vous êtes
 * d'une lenteur affligeante") in the epithet's own clause, and that
 * sentence holds no cue of praise
 */
static bool
insulted(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	size_t reach = at.end + CL_INSULT_REACH < se ?
	    at.end + CL_INSULT_REACH : se;
	size_t ce = cl_clause_end(c->text, at.end, reach);

	if ((!cl_outcome_in(c, "insult", at.end, reach) &&
	    !cl_money_seek(c, c->text, at.end, ce, RULES_AIM, "scorn",
	    NULL)) ||
	    cl_outcome_in(c, "good", sb, se) ||
	    cl_outcome_in(c, "best", sb, se))
		return false;
	for (size_t i = 0; i < c->nweak; i++)
		if (strcmp(c->weak[i].tag, "praise") == 0 &&
		    c->weak[i].at.start >= sb && c->weak[i].at.end <= se)
			return false;
	return true;
}

/*
 * next_called - the first epithet hit from *i on that stands as the
 * sender's own name-calling (and, when insult, has an insult noun), with
 * its sentence in [*sb, *se); *i is left on it; NULL if none
 */
static const struct cl_outhit *
next_called(const struct cl *c, bool insult, size_t *i, size_t *sb,
    size_t *se)
{
	for (; *i < c->noutc; (*i)++) {
		const struct cl_outhit *h = &c->outc[*i];

		if (strcmp(h->name, "epithet") != 0)
			continue;
		cl_sentence(c->text, c->tlen, h->at.start, h->at.end, sb, se);
		if (cl_stated(c, h->at, *sb, *se) &&
		    (!insult || insulted(c, h->at, *sb, *se)))
			return h;
	}
	return NULL;
}

/*
 * bare_insult - rude with no fault: an epithet with an insult noun, in
 * mail that neither thanks nor earned praise
 */
static int
bare_insult(struct cl *c)
{
	const struct cl_outhit *h;
	size_t i = 0, sb, se;

	if (cl_sender_tagged(c, "praise") || cl_cue_scanned(c, "praise") ||
	    cl_outcome_in(c, "thanks", 0, c->tlen))
		return 0;
	if ((h = next_called(c, true, &i, &sb, &se)) == NULL)
		return 0;
	return tag_with(c, "rude", sb, se, h->at);
}

/*
 * rebuffed - rude with no epithet: contempt for the owner's reminder in
 * mail that answers a bill (see the contract above)
 */
static int
rebuffed(struct cl *c)
{
	size_t sb, se;

	if (c->money.nrebuff == 0 || c->money.have[1] ||
	    cl_sender_tagged(c, "rude") ||
	    cl_outcome_in(c, "thanks", 0, c->tlen) ||
	    cl_outcome_in(c, "paid", 0, c->tlen))
		return 0;	/* [aim owed]: "sorry for the delay" */
	for (size_t i = 0; i < c->money.nrebuff; i++) {
		struct cl_span at = c->money.rebuff[i];

		cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
		if (!cl_stated(c, at, sb, se) ||
		    cl_cancelled(c, "slow-payer", at) ||
		    cl_cancelled(c, "rude", at))
			continue;
		/* the thread is read last: only mail with a rebuff pays */
		return cl_bill_thread(c) ?
		    tag_with(c, "rude", sb, se, at) : 0;
	}
	return 0;
}

bool
cl_cue_scanned(const struct cl *c, const char *tag)
{
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, tag) == 0)
			return true;
	return false;
}

int
cl_epithet_tags(struct cl *c)
{
	const struct cl_outhit *h;
	size_t i = 0, sb, se;
	bool fault;

	if (c->sender == NULL || c->f->unverified || c->text == NULL)
		return 0;
	if (rebuffed(c) < 0)
		return -1;
	if (c->noutc == 0)
		return 0;
	if (cl_sender_tagged(c, "praise") || praised(c))
		return bare_insult(c);
	/* "ya te pagaré cuando pueda ... que eres un pesado": contempt for
	 * the owner who asks for their money is rude, and no complaint */
	if (!(fault = fault_told(c)) && !cl_sender_tagged(c, "slow-payer"))
		return bare_insult(c);
	if ((h = next_called(c, false, &i, &sb, &se)) == NULL)
		return 0;
	if (tag_with(c, "rude", sb, se, h->at) < 0 ||
	    (fault && tag_with(c, "complaint", sb, se, h->at) < 0))
		return -1;
	return 0;
}
