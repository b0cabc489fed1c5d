/*
 * classify_hoped - praise that is only what the sender expects.
 *
 * DESCRIPTION
 *	A word of praise as the object of the sender's expecting or
 *	demanding ("For that money I expect excellent work", "Für 3.200 €
 *	erwarte ich saubere Arbeit", "Pour ce prix, j'attends un travail
 *	impeccable", "Por ese precio exijo un trabajo impecable") names
 *	what the work should be, not what it was: no praise.  The verb
 *	stands before the praise in its clause, in the present and the
 *	first person ("I expect", "we expect", "erwarte ich", "wir
 *	erwarten", "j'attends", "nous exigeons", "espero"), with no
 *	negation before it ("I didn't expect such a beautiful result" is
 *	praise by surprise).  Not "I want to thank you for the excellent
 *	work", which says the thanks.
 *
 * OWNS
 *	Nothing: it reads the words of one clause.
 *
 * NEVER
 *	Adds or removes a tag; the caller drops the hit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Verbs of expecting and demanding that need a first person beside them. */
static const char *const expect[] = {
	"expect", "demand", "erwarte", "erwarten", "verlange", "verlangen",
	"attends", "attendons", "exige", "exigeons",
};
/* Verbs that hold their first person in themselves. */
static const char *const expect_own[] = {
	"j'attends", "j'exige", "espero", "esperamos", "exijo", "exigimos",
};
/* The first person, before the verb or, in German, right after it. */
static const char *const me[] = {
	"i", "we", "i'd", "we'd", "ich", "wir", "je", "nous",
};
/* Negation before the verb: "I didn't expect", "nicht erwartet". */
static const char *const never[] = {
	"not", "don't", "didn't", "never", "nicht", "nie", "ne", "n'",
	"pas", "jamais", "no", "nunca",
};

bool
cl_praise_hoped(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	size_t sb, se, p;
	bool person = false, verb = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	while (rules_word_next(c->text, at.start, &p, &w)) {
		if (w.overflow)
			continue;
		if (rules_word_in(&w, never, NELEMS(never)) ||
		    strncmp(w.folded, "n'", 2) == 0)
			return false;	/* "I didn't expect" */
		if (rules_word_in(&w, expect_own, NELEMS(expect_own)))
			verb = person = true;
		else if (rules_word_in(&w, expect, NELEMS(expect)))
			verb = true;	/* "erwarte ich": its person after */
		else if (rules_word_in(&w, me, NELEMS(me)))
			person = true;
	}
	return verb && person;
}
