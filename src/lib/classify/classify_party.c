/*
 * classify_party - a third party a judgement is told of by its shape.
 *
 * DESCRIPTION
 *	classify_whose.c finds the third party ([aim other]) a judgement
 *	names before it in its clause.  Two shapes name it elsewhere:
 *
 *	After the judgement, joined by a tie ("with", "mit", "avec",
 *	"con"): "last year was a bit of a disaster with the old tuner",
 *	"eine Katastrophe mit dem alten Stimmer", "une catastrophe avec
 *	l'ancien accordeur", "un desastre con el antiguo afinador".  The
 *	party is an [aim other] phrase or a noun group of formerness ("the
 *	old", "dem alten", "l'ancien", "el anterior") within a few words
 *	of the tie (cl_party_after).
 *
 *	In a content clause ("that", "dass", "que") after a frame that
 *	speaks to the owner: "Te escribo para avisarte de que el banco me
 *	ha devuelto la transferencia por un error suyo", "I'm writing to
 *	let you know that the courier lost it".  The frame's "you" is whom
 *	the news is told to; the clause from its opening word is what the
 *	judgement belongs to (cl_party_content).
 *
 * OWNS
 *	Nothing: it reads words of one sentence and the scan's hits.
 *
 * NEVER
 *	Adds or removes a tag.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define PARTY_TIE_WORDS	4	/* words after the tie the party may start */

/* Ties that join a judgement to whom it was had with. */
static const char *const ties[] = { "with", "mit", "avec", "con" };

/* Words of formerness that make a noun group a past supplier. */
static const char *const former[] = {
	"old", "former", "previous", "alten", "altem", "alter", "alte",
	"vorigen", "vorherigen", "fruheren", "ancien", "ancienne",
	"precedent", "precedente", "anterior", "antiguo", "antigua",
};

/* Words that open a content clause. */
static const char *const opens[] = { "that", "dass", "que", "qu'" };

/* in_list - w is one of the n words of v */
static bool
in_list(const char *const *v, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], w) == 0)
			return true;
	return false;
}

bool
cl_party_after(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	size_t sb, se, ce, p = at.end, tie;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	ce = cl_clause_end(c->text, at.end, se);
	/* the tie right after the judgement ("a disaster with") */
	if (!rules_word_next(c->text, ce, &p, &w) || w.overflow ||
	    !in_list(ties, NELEMS(ties), w.folded))
		return false;
	tie = w.end;
	if (cl_near_between(c, cl_clause_start(c->text, sb, at.start), ce,
	    "aim"))
		return false;	/* "a disaster with you", "your fitter" */
	if (cl_near_between(c, tie, ce, "other"))
		return true;
	for (size_t n = 0; n < PARTY_TIE_WORDS &&
	    rules_word_next(c->text, ce, &p, &w); n++)
		if (!w.overflow && in_list(former, NELEMS(former), w.folded))
			return true;
	return false;
}

size_t
cl_party_content(const struct cl *c, size_t cb, struct cl_span at)
{
	struct rules_word w;
	size_t p = cb, from = cb;

	while (rules_word_next(c->text, at.start, &p, &w))
		if (!w.overflow && (in_list(opens, NELEMS(opens), w.folded) ||
		    strncmp(w.folded, "qu'", 3) == 0))
			from = w.end;
	if (from == cb || !cl_near_between(c, cb, from, "aim"))
		return cb;	/* no frame that speaks to the owner */
	return from;
}
