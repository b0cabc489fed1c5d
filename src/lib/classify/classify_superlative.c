/*
 * classify_superlative - what a superlative is measured by.
 *
 * DESCRIPTION
 *	"The clearest we've ever had" praises whatever the adjective: a
 *	superlative form ("the clearest", "the most accurate", "die
 *	klarsten", "am schönsten", "les plus nets", "le mieux", "los más
 *	claros", "la montura más cómoda") a few words before the measure of
 *	the sender's experience or of a place ([outcome scope]: "we've ever
 *	had", ", die wir je hatten", "qu'on ait jamais eus", "que hemos
 *	tenido", "in the village") weighs two, as a superlative word of
 *	[outcome best] does (classify_results.c asks, for each measure).
 *	Not when the adjective blames or only measures a wait or a cost
 *	([aim worst]: "the longest wait", "die teuersten", "le plus cher",
 *	"el más caro"), nor when the superlative judges a person the clause
 *	does not speak to ("the most patient man I've ever dealt with",
 *	"l'homme le plus serviable") or a third person's clause ("he was
 *	the kindest teacher I've ever had").
 *
 * OWNS
 *	Nothing: the closed word classes below are static.
 *
 * NEVER
 *	Reads more than SUPER_WINDOW bytes of the measure's sentence
 *	before it.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

#define SUPER_WORDS	4	/* words from a superlative to its measure */
#define SUPER_WINDOW	160	/* bytes before a measure read for it */

/* English words in -est that are no superlative. */
static const char *const not_est[] = {
	"interest", "request", "harvest", "forest", "contest", "protest",
	"conquest", "manifest", "bequest", "behest", "digest", "inquest",
	"honest", "modest", "earnest", "suggest", "invest", "arrest",
	"latest",
};
/* German forms in -st- that are no superlative of quality. */
static const char *const not_ste[] = {
	"nachste", "nachsten", "nachster", "nachstes", "nachstem", "meiste",
	"meisten", "meister", "meistes", "selbst", "sonstige", "sonstigen",
};
static const char *const articles_de[] = {
	"der", "die", "das", "den", "dem", "des", "am", "unser", "unsere",
	"unseren", "unserem",
};
static const char *const articles_fr[] = { "le", "la", "les", "l" };
static const char *const articles_es[] = { "el", "la", "los", "las", "lo" };
/* Nouns of a person: a superlative said of one ("the kindest man we've
 * ever met", "l'homme le plus serviable") judges that person, the owner
 * only when the clause speaks to them. */
static const char *const person[] = {
	"man", "woman", "person", "people", "guy", "bloke", "chap", "lady",
	"gentleman", "fellow", "mann", "frau", "mensch", "menschen", "kerl",
	"typ", "person", "herr", "dame", "homme", "femme", "personne",
	"personnes", "type", "gars", "monsieur", "hombre", "mujer", "persona",
	"personas", "tipo", "chico", "chica", "senor", "senora",
};
static const char *const relative[] = {
	"die", "der", "das", "den", "dem", "that", "which", "que", "qu",
};

/* ends_in - the folded word ends in suffix */
static bool
ends_in(const struct rules_word *w, const char *suffix)
{
	size_t n = strlen(suffix);

	return w->flen >= n && memcmp(w->folded + w->flen - n, suffix, n) == 0;
}

/* german_superlative - "klarsten", "schönste": lower case in the text,
 * -st- and an ending, three letters of stem before it */
static bool
german_superlative(const struct cl *c, const struct rules_word *w)
{
	static const char *const end[] = { "ste", "sten", "ster", "stes", "stem" };

	if (!islower((unsigned char)c->text[w->start]) ||
	    str_in_list(not_ste, NELEMS(not_ste), w->folded))
		return false;
	for (size_t i = 0; i < NELEMS(end); i++)
		if (ends_in(w, end[i]) && w->flen >= strlen(end[i]) + 3)
			return true;
	return false;
}

/*
 * superlative - w[j] ends a superlative form whose article stands before
 * it in w[]: "the clearest", "the most accurate", "die klarsten", "am
 * schönsten", "les plus nets", "le mieux", "los más claros", "las
 * banquetas más cómodas".  Where the form starts into *from.
 */
static bool
superlative(const struct cl *c, const struct rules_word *w, size_t j,
    size_t *from)
{
	const char *a = j >= 1 ? w[j - 1].folded : "";
	const char *b = j >= 2 ? w[j - 2].folded : "";

	*from = j >= 1 ? w[j - 1].start : w[j].start;
	if (j >= 1 && w[j].flen >= 6 && ends_in(&w[j], "est") &&
	    !str_in_list(not_est, NELEMS(not_est), w[j].folded) &&
	    (strcmp(a, "the") == 0 || strcmp(a, "our") == 0))
		return true;	/* "the clearest" */
	if (j >= 2 && strcmp(b, "the") == 0 && strcmp(a, "most") == 0)
		return true;	/* "the most accurate" */
	if (j >= 1 && german_superlative(c, &w[j]) &&
	    str_in_list(articles_de, NELEMS(articles_de), a))
		return true;	/* "die klarsten" */
	if (j >= 2 && (strcmp(a, "plus") == 0 || strcmp(a, "mieux") == 0) &&
	    str_in_list(articles_fr, NELEMS(articles_fr), b) &&
	    strcmp(w[j].folded, "de") != 0)
		return true;	/* "les plus nets", not "le plus de" */
	if (j >= 1 && strcmp(w[j].folded, "mieux") == 0 &&
	    str_in_list(articles_fr, NELEMS(articles_fr), a))
		return true;	/* "le mieux" */
	/* "los más claros", "las banquetas más cómodas" */
	return j >= 2 && strcmp(a, "mas") == 0 &&
	    (str_in_list(articles_es, NELEMS(articles_es), b) || (j >= 3 &&
	    str_in_list(articles_es, NELEMS(articles_es), w[j - 3].folded)));
}

bool
oc_superlative(const struct cl *c, const struct cl_outhit *scope, size_t sb)
{
	struct rules_word w[SUPER_WORDS + 3], rw;
	size_t lo = scope->at.start > sb + SUPER_WINDOW ?
	    scope->at.start - SUPER_WINDOW : sb, hi = scope->at.start, p, n = 0;

	/* the words of the measure's clause before it; when that clause is a
	 * relative one (", die wir je hatten", ", that we've ever had"), the
	 * words of the clause before its comma */
	for (p = hi; p > lo && strchr(",;:()", c->text[p - 1]) == NULL; p--)
		;
	if (p > lo) {
		size_t q = p;

		if (c->text[p - 1] == ',' &&
		    rules_word_next(c->text, hi, &q, &rw) &&
		    str_in_list(relative, NELEMS(relative), rw.folded) &&
		    !rules_word_next(c->text, hi, &q, &rw)) {
			hi = p - 1;
			for (p = hi; p > lo && strchr(",;:()",
			    c->text[p - 1]) == NULL; p--)
				;
		}
		lo = p;
	}
	for (p = lo; rules_word_next(c->text, hi, &p, &rw);) {
		if (rw.overflow)
			continue;
		if (n == NELEMS(w)) {
			memmove(w, w + 1, (n - 1) * sizeof(w[0]));
			n--;
		}
		w[n++] = rw;
	}
	for (size_t j = n; j-- > 0 && n - j <= SUPER_WORDS;) {
		size_t start;
		bool someone = false;

		if (!superlative(c, w, j, &start))
			continue;
		for (size_t k = 0; k < n; k++) {
			const char *f = w[k].folded;

			if (strncmp(f, "l'", 2) == 0)
				f += 2;	/* "l'homme le plus serviable" */
			someone = someone || str_in_list(person, NELEMS(person), f);
		}
		if (someone && !cl_near_between(c, lo, start, "aim"))
			return false;	/* "the harbourmaster is the kindest
					 * man we've ever met" */
		return !cl_near_between(c, start, w[j].end, "worst") &&
		    !cl_their_verdict(c, (struct cl_span){ w[j].start,
		    w[j].end });
	}
	return false;
}
