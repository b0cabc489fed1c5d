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
 *	work]), as when payment is held back over a defect; and not even
 *	there when what it tells is the owner's bill ([aim bill]: "votre
 *	facture ... est toujours en attente") or the sender admits it ([aim
 *	admit]: "I know that's not what we agreed", "Désolé, je sais que",
 *	"lo sé"): that is the sender's own lateness, owned up to.  An
 *	admitted breach of what was agreed (classify_defects.c) is the
 *	sender's too (cl_blame_admitted).
 *
 *	A first contact (not a reply, from nobody the store knows as a
 *	customer) can tell of no earlier job of the owner's: a fault in it
 *	is the job brought ("J'ai six chaises dont l'assise est à refaire",
 *	"One of the runners has cracked through"), the sender's own trouble
 *	("je fais encore beaucoup des fautes") or another's doing ("no
 *	estoy contento con mi gestor actual").  It stands only where its
 *	sentence speaks to the owner ([aim]: "you", "Ihr", "vous", "usted")
 *	or of the owner's work ([aim work]).
 *
 * OWNS
 *	Nothing: it reads the scan's hits and the money the scan saw.
 *
 * NEVER
 *	Adds or removes a tag, or scans more than the sentence of a hit:
 *	the deferral is the one classify_defer.c found, or a [slow-payer]
 *	phrase the scan hit.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"
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

/*
 * owned_up - the sender admits what the sentence of at tells ([aim
 * admit]: "I know", "je sais", "tut mir leid", "lo sé") before it with
 * no contrast between ("sorry, but the door still sticks" complains),
 * or after it: "that's not what we agreed, I know"
 */
static bool
owned_up(const struct cl *c, struct cl_span at)
{
	struct cl_span a;
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_money_seek(c, c->text, at.end, se, RULES_AIM, "admit", NULL))
		return true;
	for (size_t p = sb; p < at.start && cl_money_seek(c, c->text, p,
	    at.start, RULES_AIM, "admit", &a); p = a.end)
		if (!cl_near_between(c, a.end, at.start, "contrast"))
			return true;
	return false;
}

bool
cl_blame_own_debt(const struct cl *c, struct cl_span at)
{
	if (!own_debt(c))
		return false;
	return !cl_near_aimed(c, at, "work") || cl_near_aimed(c, at, "bill") ||
	    owned_up(c, at);
}

bool
cl_blame_admitted(const struct cl *c, struct cl_span at)
{
	return owned_up(c, at) && own_debt(c);
}

/* how many questions of a mail asks_owner weighs */
#define BLAME_QUESTIONS 8

/*
 * cl_blame_asks_owner - a sentence of the mail asks the owner something:
 * it ends on a question mark and speaks to them ([aim]: "can your lads
 * have a look?", "est-ce que vous faites le paillage ?", "¿Tienes algún
 * grupo...?").  One pass over the text for question marks, a sentence
 * scan for each of the first BLAME_QUESTIONS.
 */
bool
cl_blame_asks_owner(const struct cl *c)
{
	const char *p = c->text, *end = c->text + c->tlen;
	size_t sb, se;

	for (int n = 0; n < BLAME_QUESTIONS &&
	    (p = memchr(p, '?', (size_t)(end - p))) != NULL; n++, p++) {
		size_t q = (size_t)(p - c->text);

		cl_sentence(c->text, c->tlen, q, q, &sb, &se);
		if (cl_near_between(c, sb, q, "aim"))
			return true;
	}
	return false;
}

bool
cl_blame_first_fault(const struct cl *c, struct cl_span at)
{
	return cl_first_contact(c) && !cl_near_aimed(c, at, "aim") &&
	    !cl_near_between(c, 0, c->tlen, "work") && cl_blame_asks_owner(c);
}
