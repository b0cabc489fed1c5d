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
 *	nicht vorgestellt", "Das hatte ich mir nicht so vorgestellt");
 *	or a word of otherness ([outcome otherwise]: "differently",
 *	"anders", "autrement", "de otra manera") within a few words of the
 *	verb in its clause, no negation before it there ("Für 2.350 EUR
 *	hatten wir uns das anders vorgestellt", "I had imagined it quite
 *	differently", "on s'attendait à mieux"; "nicht anders erwartet"
 *	expected just that).
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

/* word_after - the word starting after text[p], before hi: its bounds
 * into *ws, *we; false when none is left */
static bool
word_after(const char *t, size_t hi, size_t p, size_t *ws, size_t *we)
{
	while (p < hi && strchr(LETDOWN_STOP, t[p]) != NULL)
		p++;
	if (p >= hi || strchr(".!?", t[p]) != NULL)
		return false;
	*ws = p;
	while (p < hi && strchr(LETDOWN_STOP ".!?", t[p]) == NULL)
		p++;
	*we = p;
	return true;
}

/* otherwise_at - an [outcome otherwise] hit holds text[ws, we): its span
 * into *o */
static bool
otherwise_at(const struct cl *c, size_t ws, size_t we, struct cl_span *o)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (oc_is_name(&c->outc[i], "otherwise") &&
		    c->outc[i].at.start <= ws && we <= c->outc[i].at.end) {
			*o = c->outc[i].at;
			return true;
		}
	return false;
}

/*
 * otherwise_framed - a word of otherness within LETDOWN_SUBJECT_WORDS
 * words before the verb h or after it in its clause [cb, ce), with no
 * negation in the clause around it ("hatten wir uns das anders
 * vorgestellt", "I had imagined it differently"); the word's span into
 * *o
 */
static bool
otherwise_framed(const struct cl *c, const struct cl_outhit *h, size_t cb,
    size_t ce, struct cl_span *o)
{
	const char *t = c->text;
	size_t p = h->at.start, ws, we, n;
	bool near = false;

	for (n = 0; n <= LETDOWN_SUBJECT_WORDS && !near &&
	    word_before(t, cb, p, &ws, &we); n++, p = ws)
		near = otherwise_at(c, ws, we, o);
	for (n = 0, p = h->at.end; n <= LETDOWN_SUBJECT_WORDS && !near &&
	    word_after(t, ce, p, &ws, &we); n++, p = we)
		near = otherwise_at(c, ws, we, o);
	/* the verbs of expecting are [aim negation] phrases themselves */
	return near && !cl_near_between(c, cb, h->at.start, "negation") &&
	    !cl_near_between(c, h->at.end, ce, "negation");
}

bool
cl_letdown(const struct cl *c, const struct cl_outhit *h)
{
	const char *t = c->text;
	size_t sb, se, cb, p = h->at.start, ws, we, rs;
	struct cl_span o;

	if (!oc_is_name(h, "hoped"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(t, sb, se) || oc_quoted(c, sb, h->at))
		return false;
	cb = cl_clause_start(t, sb, h->at.start);
	/* "otra", "another" in the word of otherness is no third party */
	if (otherwise_framed(c, h, cb, cl_clause_end(t, h->at.end, se), &o))
		return !oc_third_party(c, sb, o.start) &&
		    !oc_third_party(c, o.end, se);
	if (oc_third_party(c, sb, se))
		return false;
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
