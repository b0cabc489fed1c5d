/*
 * classify_said - what the owner's own mail says that its replies answer.
 *
 * DESCRIPTION
 *	Mail from phones and many clients answers without quoting: then the
 *	reply alone does not show the price the owner named ("£240?? Are
 *	you having a laugh", "¿No me lo puede dejar en 300?") or that the
 *	owner's mail was a bill.  So when the owner's mail passes through
 *	(FACTS_OUTGOING), the two things the replies need are read from the
 *	owner's new text, never its quote, and handed to the store in
 *	facts.said: the highest money amount (cl_money_top: a sum, or a
 *	number in a sentence with a money word) and whether it is about a
 *	bill (an [aim bill] phrase in the subject or the top of the text,
 *	as cl_bill_thread reads a quote).  A reply gets them back through
 *	cl_owner_said (classify_thread.c).
 *
 * OWNS
 *	Nothing: it fills c->f->said.
 *
 * NEVER
 *	Keeps any of the owner's text, or does I/O.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"

void
cl_said_of_owner(struct cl *c)
{
	const char *t = c->m->text, *subj = c->m->subject;
	size_t n = t != NULL ? strnlen(t, CL_QUOTE_WINDOW) : 0;
	struct classify_said *said = &c->f->said;

	memset(said, 0, sizeof(*said));
	if (c->r == NULL)
		return;
	if (n > 0)
		said->cents = cl_money_top(c, t, strlen(t));
	said->bill = (subj != NULL && cl_money_seek(c, subj, 0, strlen(subj),
	    RULES_AIM, "bill", NULL)) || (n > 0 && cl_money_seek(c, t, 0, n,
	    RULES_AIM, "bill", NULL));
}
