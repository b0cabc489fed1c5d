/*
 * classify_letdown - what came, set against what the sender expected.
 *
 * DESCRIPTION
 *	A letdown names the sender's expectation ([outcome hoped]:
 *	"expected", "vorgestellt", "j'attendais", "esperaba") as what the
 *	work is not: a negation, then within a few words a relative that
 *	stands for the thing expected, then the verb ("it's not what I
 *	expected", "nicht das, was ich erwartet hatte", "ce n'est pas ce
 *	que j'attendais", "no es lo que esperaba de una empresa"); or, in
 *	German, a negation just before the participle in a clause that
 *	opens on "so", or with "so" between them ("So habe ich mir das
 *	nicht vorgestellt", "Das hatte ich mir nicht so vorgestellt").
 *	Denying the expecting itself is a surprise, good or bad ("I hadn't
 *	expected it so soon", "no esperaba que quedara tan bien"), and a
 *	comparison measures ("nicht so teuer wie erwartet"): neither is a
 *	letdown.  The sentence must be stated: no question, not quoted, no
 *	third party.  Like [outcome unhappy], a letdown ties the defects the
 *	mail tells to the owner's work; it is no defect by itself.
 *
 * OWNS
 *	Nothing: it reads the [outcome] hits and the text.
 *
 * NEVER
 *	Scans anything but the few words before one hit.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "classify_int.h"
#include "outcome_int.h"

#define LETDOWN_SUBJECT_WORDS 3	/* words from the relative to the verb
				 * ("what we were expecting") */
#define LETDOWN_NEGATION_WORDS 3 /* words from a negation to the relative
				 * ("isn't quite what", "nicht ganz das,
				 * was") */

/* The characters that end a word here. */
#define LETDOWN_STOP " \t\r\n,;:\"()"

/* word_before - the word ending before text[p], not before lo: its
 * bounds into *ws, *we; false when none is left */
static bool
word_before(const char *t, size_t lo, size_t p, size_t *ws, size_t *we)
{
	while (p > lo && strchr(LETDOWN_STOP, t[p - 1]) != NULL)
		p--;
	if (p == lo)
		return false;
	*we = p;
	while (p > lo && strchr(LETDOWN_STOP, t[p - 1]) == NULL)
		p--;
	*ws = p;
	return true;
}

/* is - text[s, e) is the word w (any case) */
static bool
is(const char *t, size_t s, size_t e, const char *w)
{
	return strlen(w) == e - s && strncasecmp(t + s, w, e - s) == 0;
}

/*
 * relative - text[s, e) stands for the thing expected: "what", "was",
 * "que" or "qu'..." after "ce", "que" after "lo" or "la"; the
 * start of the phrase into *rs
 */
static bool
relative(const char *t, size_t lo, size_t s, size_t e, size_t *rs)
{
	size_t ps, pe;

	*rs = s;
	if (is(t, s, e, "what") || is(t, s, e, "was"))
		return true;
	if (!is(t, s, e, "que") && strncasecmp(t + s, "qu'", 3) != 0 &&
	    strncasecmp(t + s, "qu\xe2\x80\x99", 5) != 0)
		return false;
	if (!word_before(t, lo, s, &ps, &pe) || !(is(t, ps, pe, "ce") ||
	    is(t, ps, pe, "lo") || is(t, ps, pe, "la")))
		return false;
	*rs = ps;
	return true;
}

/* so_framed - a German letdown: "nicht" just before the participle, the
 * clause opening on "so" ("So habe ich mir das nicht vorgestellt") or
 * "so" between them ("nicht so vorgestellt") */
static bool
so_framed(const char *t, size_t cb, size_t at)
{
	size_t ws, we, fs, fe;

	if (!word_before(t, cb, at, &ws, &we))
		return false;
	if (is(t, ws, we, "so"))
		return word_before(t, cb, ws, &ws, &we) &&
		    is(t, ws, we, "nicht");
	if (!is(t, ws, we, "nicht"))
		return false;
	fe = cb;
	while (fe < at && strchr(LETDOWN_STOP, t[fe]) != NULL)
		fe++;
	fs = fe;
	while (fe < at && strchr(LETDOWN_STOP ".!?", t[fe]) == NULL)
		fe++;
	return is(t, fs, fe, "so");
}

bool
cl_letdown(const struct cl *c, const struct cl_outhit *h)
{
	const char *t = c->text;
	size_t sb, se, cb, p = h->at.start, ws, we, rs;

	if (!oc_is_name(h, "hoped"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(t, sb, se) || oc_quoted(c, sb, h->at) ||
	    oc_third_party(c, sb, se))
		return false;
	cb = cl_clause_start(t, sb, h->at.start);
	if (so_framed(t, cb, h->at.start))
		return true;
	for (size_t n = 0; n <= LETDOWN_SUBJECT_WORDS; n++) {
		if (!word_before(t, sb, p, &ws, &we))
			return false;
		if (relative(t, sb, ws, we, &rs))
			return oc_negated(c, sb, (struct cl_span){ rs, we },
			    LETDOWN_NEGATION_WORDS);
		p = ws;
	}
	return false;
}
