/*
 * classify_denial - whether a negation before what the sender agreed with
 * the owner denies it.
 *
 * DESCRIPTION
 *	"It isn't what we paid for", "Das ist nicht, was ich wollte", "ce
 *	n'est pas ce que j'avais commandé", "no es lo que pedí": the
 *	negation denies the agreement when it stands in the agreement's own
 *	clause, or in the clause before when the agreement's clause opens on
 *	a relative word that makes it the object of the denial ("nicht, was
 *	ich wollte").  A clause of its own that opens on anything else is a
 *	new statement, and the negation before it denies something else:
 *	"Das hat uns nicht abgeschreckt, ich wollte es Ihnen nur sagen",
 *	"It didn't put us off, I ordered anyway".
 *
 * OWNS
 *	Nothing: the word list below is static.
 *
 * NEVER
 *	Looks outside the sentence it is given.
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"

/* Relative words that make a clause the object of the clause before:
 * "what", "was", "wofür", "ce que", "lo que". */
static const char *const relative[] = {
	"what", "which", "was", "wofur", "wofür", "das", "ce", "ceux",
	"celui", "celle", "que", "qu", "lo", "la", "los", "las", "el",
};

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

bool
oc_agreed_denied(const struct cl *c, size_t sb, struct cl_span at)
{
	struct rules_word rw;
	size_t cb = cl_clause_start(c->text, sb, at.start), p = cb;

	if (oc_negated(c, cb, at, OC_BREACH_WORDS))
		return true;
	if (cb == sb || !rules_word_next(c->text, at.end, &p, &rw) ||
	    rw.overflow || !str_in_list(relative, NELEMS(relative),
	    rw.folded))
		return false;	/* "nicht abgeschreckt, ich wollte" */
	return oc_negated(c, sb, at, OC_BREACH_WORDS);
}
