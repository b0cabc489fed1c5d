/*
 * classify_finished - a report on the owner's finished work, not a new job.
 *
 * DESCRIPTION
 *	A mail that asks the owner to do something about a fault is read
 *	as a new job when it comes from a first contact or answers nobody
 *	known (cl_first_asks, cl_stranger_asks): "our gutter is leaking,
 *	could you look at it?" tells the problem to fix.  But the owner's
 *	reply is often missing from the mailbox, and the customer's next
 *	mail then answers only their own ("Re: Blades", In-Reply-To their
 *	own enquiry).  cl_finished_told tells the report on finished work
 *	by what it says before the fault: the owner's work is back with
 *	the sender ([aim returned]: "has come back with", "zurückbekommen",
 *	"j'ai récupéré", "ya he visto las molduras"), or the sender lodges
 *	a complaint in so many words ([aim lodge]: "leider muss ich
 *	reklamieren", "I want to make a complaint", "une réclamation",
 *	"quiero poner una reclamación").  Either counts only from a sender
 *	the store already knows, in mail that joins no other party's
 *	thread (cl_thread_joined), and only where it stands as the
 *	sender's own statement: not asked, not after a condition ([aim
 *	if]), not negated in its clause ([aim negation]: "I don't want to
 *	complain"), not reported ([aim report]) and in a sentence that
 *	names no third party ([aim other]: "I got it back from the
 *	courier").
 *
 * OWNS
 *	Nothing.
 *
 * NEVER
 *	Looks anything up in the store but whether the sender is known, or
 *	reads the quoted mail.
 */
#include <stdbool.h>
#include <stddef.h>

#include "classify_int.h"
#include "rules_int.h"

/* known_sender - the store knew the sender before this mail */
static bool
known_sender(const struct cl *c)
{
	return c->sender != NULL && c->known != NULL &&
	    c->known->is_customer != NULL &&
	    c->known->is_customer(c->known->ctx, c->sender);
}

/* stands - the cue at is the sender's own statement (see above) */
static bool
stands(const struct cl *c, struct cl_span at)
{
	size_t sb, se, cb;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	return !cl_asks(c->text, sb, se) &&
	    !cl_near_between(c, sb, at.start, "if") &&
	    !cl_near_between(c, cb, at.start, "negation") &&
	    !cl_near_between(c, sb, at.start, "report") &&
	    !cl_near_between(c, sb, se, "other");
}

/* cue_stands - a phrase of [aim name] stands in text[0, upto) */
static bool
cue_stands(const struct cl *c, const char *name, size_t upto)
{
	struct cl_span at;

	for (size_t p = 0; p < upto && cl_money_seek(c, c->text, p, upto,
	    RULES_AIM, name, &at); p = at.end)
		if (stands(c, at))
			return true;
	return false;
}

bool
cl_finished_told(const struct cl *c, size_t upto)
{
	size_t sb, se;

	if (c->text == NULL || c->tlen == 0 || !known_sender(c) ||
	    cl_thread_joined(c))
		return false;
	if (upto > c->tlen)
		upto = c->tlen;
	/* the fault's own sentence may open on the cue ("leider muss ich
	 * reklamieren: ...") */
	cl_sentence(c->text, c->tlen, upto > 0 ? upto - 1 : 0, upto, &sb,
	    &se);
	return cue_stands(c, "returned", se) || cue_stands(c, "lodge", se);
}
