/*
 * classify_self - praise the sender gives their own side, and the
 * courtesy of a welcome.
 *
 * DESCRIPTION
 *	Two shapes of a praise word that judges nothing of the owner's:
 *
 *	The sender's own side named as the best.  The praise word is the
 *	predicate of a first person of the plural ("Our clients call us the
 *	best SEO agency", "wir sind die Besten", "nous sommes les
 *	meilleurs", "nos consideran los mejores"): the pronoun ([we] below)
 *	stands at most SELF_GAP words before it in its clause, an article
 *	opens the noun group the word stands in, only verbs of being or
 *	naming ([naming]) stand between the two, and nothing of the owner
 *	([aim]) stands in the clause before the word.  "We are delighted"
 *	(no article) is the sender's feeling about the work and stays
 *	praise; so does "you made us the happiest couple" (the owner
 *	before it).
 *
 *	A welcome looked forward to.  A word of delight in the conditional
 *	or the future of its clause ([would] below: "we would be delighted
 *	to", "nous serions ravis de vous compter parmi", "wir würden uns
 *	freuen, Sie", "estaríamos encantados de contar con usted"), followed
 *	by a tie to what the sender hopes to do ([ties]: "to", "de", "d'",
 *	"zu", "Sie"), is the courtesy of an invitation or an offer: it
 *	judges nothing done.
 *
 * OWNS
 *	Nothing: the closed word classes below are static.
 *
 * NEVER
 *	Reads outside the clause of the praise word (and the few words
 *	after it).
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define SELF_GAP	4	/* words from the pronoun to the praise word */
#define SELF_WORDS	16	/* words of the clause before it read */

/* The first person of the plural, and its copulas that carry it. */
static const char *const we[] = {
	"we", "us", "we're", "wir", "uns", "nous", "nos", "nosotros",
	"nosotras", "somos",
};

/* Verbs of being and of naming between the pronoun and the article
 * ("we are the best", "nos consideran los mejores", "uns als die
 * Besten"): not "we had a great time", which is the sender's day. */
static const char *const naming[] = {
	"are", "re", "were", "call", "called", "consider", "rate", "rated",
	"voted", "named", "as", "sind", "waren", "nennen", "halten",
	"als", "sommes", "etions", "considerent", "appellent", "nomment",
	"comme", "somos", "eramos", "fuimos", "consideran", "llaman",
	"como",
};

/* Articles that open a noun group the praise word names the side by. */
static const char *const articles[] = {
	"the", "a", "an", "der", "die", "das", "den", "ein", "eine",
	"einen", "le", "la", "les", "l", "un", "une", "el", "los", "las",
	"una",
};

/* The conditional and the future of a wish. */
static const char *const would[] = {
	"would", "d", "will", "shall", "wurden", "wurde", "werden",
	"serions", "serons", "serais", "serait", "serai", "seront",
	"seraient", "estariamos", "estaremos", "estaria", "estare",
	"seriamos", "seremos", "seria", "sere",
};

/* What a welcome's delight ties on: the sender's hoped-for act. */
static const char *const ties[] = {
	"to", "de", "d", "zu", "sie", "dich", "euch",
};

struct words {
	struct rules_word w[SELF_WORDS];
	size_t n;
};

/* clause_words - the last SELF_WORDS words of text[from, to) into *ws */
static void
clause_words(const struct cl *c, size_t from, size_t to, struct words *ws)
{
	struct rules_word rw;
	size_t p = from;

	ws->n = 0;
	while (rules_word_next(c->text, to, &p, &rw)) {
		if (ws->n == SELF_WORDS) {
			memmove(ws->w, ws->w + 1,
			    (SELF_WORDS - 1) * sizeof(ws->w[0]));
			ws->n--;
		}
		ws->w[ws->n++] = rw;
	}
}

bool
cl_self_praised(const struct cl *c, struct cl_span at)
{
	struct words ws;
	struct rules_word rw;
	size_t sb, se, cb, i, p = at.start;
	bool article;

	/* the article may open the hit itself ("[the best]") */
	article = rules_word_next(c->text, at.end, &p, &rw) &&
	    rules_word_in(&rw, articles, NELEMS(articles));
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	if (cl_near_between(c, cb, at.start, "aim"))
		return false;	/* "you made us the happiest couple" */
	clause_words(c, cb, at.start, &ws);
	for (i = ws.n; i-- > 0 && ws.n - i <= SELF_GAP; ) {
		if (rules_word_in(&ws.w[i], we, NELEMS(we)))
			return article;
		if (article && !rules_word_in(&ws.w[i], naming, NELEMS(naming)))
			return false;	/* "we had a great time" */
		article = article ||
		    rules_word_in(&ws.w[i], articles, NELEMS(articles));
	}
	return false;
}

bool
cl_welcome_courtesy(const struct cl *c, struct cl_span at)
{
	struct words ws;
	struct rules_word rw;
	size_t sb, se, cb, p = at.end;
	bool modal = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	clause_words(c, cb, at.start, &ws);
	for (size_t i = 0; i < ws.n; i++)
		modal = modal || rules_word_in(&ws.w[i], would, NELEMS(would));
	if (!modal)
		return false;
	/* the tie right after the word ("ravis de", "delighted to"), or
	 * after a German comma ("würden uns freuen, Sie ...") */
	return rules_word_next(c->text, se, &p, &rw) &&
	    rules_word_in(&rw, ties, NELEMS(ties));
}
