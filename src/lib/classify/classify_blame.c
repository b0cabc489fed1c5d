/*
 * classify_blame - whose fault a complaint hit tells of, by the mail's
 * structure rather than its words.
 *
 * DESCRIPTION
 *	A complaint is the sender's judgement that the owner's work went
 *	wrong.  A mail in which the sender puts off their own payment
 *	("I'll pay it all in December, I'm broke right now", "je suis en
 *	retard, on ne pourra pas payer avant octobre", "estamos fatal de
 *	liquidez") tells of the sender's own trouble: the hard word is
 *	the reason for the delay, not a fault of the owner.  Such a hit
 *	stands only where its sentence is aimed at the owner's work ([aim
 *	work]), as when payment is held back over a defect.
 *
 * OWNS
 *	Nothing: it reads the scan's hits and the money the scan saw.
 *
 * NEVER
 *	Adds or removes a tag, or scans text: the deferral is the one
 *	classify_defer.c found, or a [slow-payer] phrase the scan hit.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "tags_int.h"

/* own_debt - the sender puts off a payment of theirs in this mail */
static bool
own_debt(const struct cl *c)
{
	struct cl_span at;

	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "slow-payer") == 0)
			return true;
	return cl_money_defers(c, &at);
}

bool
cl_blame_own_debt(const struct cl *c, struct cl_span at)
{
	return !cl_near_aimed(c, at, "work") && own_debt(c);
}
