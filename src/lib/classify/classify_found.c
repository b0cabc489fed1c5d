/*
 * classify_found - defects the owner found in the sender's things.
 *
 * DESCRIPTION
 *	A defect the owner's work found is no fault of that work: an
 *	inspection, a survey or a service that spots the worn part tells
 *	its result ("you spotted two worn carabiners that nobody had
 *	seen", "vous avez repéré deux mousquetons fatigués", "Sie haben
 *	zwei gerissene Gurte entdeckt", "ha detectado una fuga").  The
 *	defect's clause holds a verb of finding whose subject is the owner
 *	([aim found]): in English, French and Spanish the phrase carries
 *	the person ("you spotted", "vous avez repéré", "has detectado")
 *	and stands before the defect; in German the participle closes the
 *	clause after it ("entdeckt", "festgestellt"), or its verb group
 *	before "und" ("gefunden und getauscht"), and an [aim] phrase of the
 *	owner ("Sie haben", "Ihr Monteur") stands before the defect, in
 *	the clause or, when the clause opens on the auxiliary ("hat den
 *	defekten Lüfter gefunden"), in the sentence before it.  A negation
 *	before the finding ("you never noticed the crack", "Sie haben den
 *	Riss nicht bemerkt") is a fault missed, and the defect stands.
 *
 * OWNS
 *	Nothing: it reads the scan's hits and one clause.
 *
 * NEVER
 *	Adds or removes a tag.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"

/* clause_closes - only blanks and a stop stand in text[from, to), or the
 * verb group closes on a coordinator ("gefunden und getauscht") */
static bool
clause_closes(const char *text, size_t from, size_t to)
{
	static const char *const ands[] = { "und", "oder", "sowie" };
	struct rules_word w;
	size_t p = from;

	for (size_t i = from; i < to; i++)
		if (strchr(" \t\r\n.!,;:", text[i]) == NULL)
			goto word;
	return true;
word:
	if (!rules_word_next(text, to, &p, &w) || w.overflow)
		return false;
	for (size_t i = 0; i < sizeof(ands) / sizeof(ands[0]); i++)
		if (strcmp(w.folded, ands[i]) == 0)
			return true;
	return false;
}

/*
 * subject_before - where the subject of the clause at cb may stand: the
 * clause itself, or, when it opens on an auxiliary of the perfect
 * ("hat", "haben"), the sentence before it, whose subject it shares:
 * "Ihr Herr Kastner war super, hat den defekten Lüfter gleich gefunden".
 */
static size_t
subject_before(const struct cl *c, size_t sb, size_t cb)
{
	static const char *const aux[] = {
		"hat", "haben", "hatte", "hatten", "habt", "hast",
	};
	struct rules_word w;
	size_t p = cb;

	if (!rules_word_next(c->text, c->tlen, &p, &w) || w.overflow)
		return cb;
	for (size_t i = 0; i < sizeof(aux) / sizeof(aux[0]); i++)
		if (strcmp(w.folded, aux[i]) == 0)
			return sb;
	return cb;
}

bool
cl_found_by_owner(const struct cl *c, struct cl_span at)
{
	struct cl_span r;
	size_t sb, se, cb, ce, p;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	/* "you spotted two worn carabiners": the finding, then its object */
	for (p = cb; p < at.start && cl_money_seek(c, c->text, p, at.start,
	    RULES_AIM, "found", &r); p = r.end)
		if (!cl_near_between(c, cb, r.start, "negation"))
			return true;
	/* "Sie haben zwei gerissene Gurte entdeckt": the participle last */
	ce = cl_clause_end(c->text, at.end, se);
	if (!cl_money_seek(c, c->text, at.end, ce, RULES_AIM, "found", &r) ||
	    !clause_closes(c->text, r.end, ce))
		return false;
	p = subject_before(c, sb, cb);
	return cl_near_between(c, p, at.start, "aim") &&
	    !cl_near_between(c, p, r.start, "negation");
}
