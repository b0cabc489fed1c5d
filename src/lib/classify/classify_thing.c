/*
 * classify_thing - whether an insult word names a thing of the sender's.
 *
 * DESCRIPTION
 *	An insult is said of somebody: "vous êtes un clown", "what a clown",
 *	"Clowns!", "Sie Clown".  The same word names a thing when it heads a
 *	noun group the sender owns or asks to have mended: opened by a
 *	first-person possessive ("my clown automaton", "mein alter Clown",
 *	"mon clown", "mi payaso de cuerda"), by the sender's having and an
 *	article ("J'ai un petit clown musicien", "I've got a clown",
 *	"Ich habe einen Clown", "tengo un payaso"; the Spanish "tengo a un
 *	payaso" marks a person and is no thing), or by a verb of repair and
 *	an article ("repair the clown", "réparer le clown", "reparar el
 *	payaso", "den Clown reparieren").  At most THING_WORDS words
 *	(adjectives) stand between the article and the word, none of them
 *	the owner addressed ("I have a feeling you clowns ..." stays rude).
 *	A hit of more words is read by its last word, when the words before
 *	it are articles ("un payaso"): "a bunch of clowns" judges a crew.
 *
 *	A collective ("bunch of", "bande de", "Haufen", "panda de") is
 *	contempt only before people: a plural noun or a name called within
 *	COLLECTIVE_WORDS words of its clause ("une bande d'incapables", "a
 *	bunch of useless cowboys", "ein Haufen Idioten").  Before a singular
 *	thing it names the thing ("une bande de réduction", "a bunch of
 *	flowers" is plural and stays with the rest of its sentence).
 *
 * OWNS
 *	Nothing: the word lists below are static.
 *
 * NEVER
 *	Looks outside the clause of the hit.
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define THING_WORDS	2	/* adjectives between an article and the noun */
#define THING_BACK	(THING_WORDS + 4)	/* words of the clause kept */

#define COLLECTIVE_WORDS 3	/* words after a collective read for people */

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* First-person possessives that open a noun group. */
static const char *const mine[] = {
	"my", "our", "mein", "meine", "meinen", "meinem", "meiner", "unser",
	"unsere", "unseren", "unserem", "unserer", "mon", "ma", "mes",
	"notre", "nos", "mi", "mis", "nuestro", "nuestra", "nuestros",
	"nuestras",
};
/* Articles that open a noun group after a having or a repair. */
static const char *const article[] = {
	"a", "an", "the", "this", "that", "ein", "eine", "einen", "einem",
	"den", "die", "das", "dem", "un", "une", "le", "la", "l", "ce",
	"cet", "cette", "el", "una", "este", "esta",
};
/* The sender's having alone, or after a first-person pronoun. */
static const char *const have_alone[] = {
	"j'ai", "tengo", "tenemos", "i've", "we've",
};
static const char *const have_after[] = {
	"have", "got", "habe", "haben", "hab", "ai", "avons",
};
static const char *const i_we[] = {
	"i", "we", "ich", "wir", "je", "nous", "i've", "we've",
};
/* Verbs of repair that take the thing as object after them. */
static const char *const mend[] = {
	"repair", "repaired", "repairing", "fix", "fixed", "fixing", "mend",
	"mended", "restore", "restored", "reparer", "repare", "reparez",
	"restaurer", "reparar", "reparado", "reparada", "reparen", "repare",
	"arreglar", "arreglado", "arreglen", "restaurar",
};
/* German verbs of repair, after the thing: "den Clown reparieren". */
static const char *const mend_after[] = {
	"reparieren", "repariert", "richten", "gerichtet", "restaurieren",
	"restauriert", "instandsetzen",
};
/* The owner addressed, which no noun group of the sender's holds. */
static const char *const you[] = {
	"you", "your", "ye", "sie", "ihr", "ihre", "du", "dich", "dir",
	"vous", "votre", "tu", "toi", "te", "usted", "ustedes", "vosotros",
	"tu", "os",
};

/* Collective nouns, and the tie after them ("bande de", "bunch of"). */
static const char *const collective[] = {
	"bunch", "pack", "gang", "lot", "haufen", "bande", "tas", "panda",
	"pandilla", "bola",
};
static const char *const col_tie[] = { "of", "de", "d'", "du", "des" };

/* peopled - the word w names people: a plural ("cowboys", "d'abrutis",
 * "inútiles", German "Idioten") */
static bool
peopled(const struct rules_word *w)
{
	const char *f = w->folded;
	size_t n = w->flen;

	if (n <= 3)
		return false;
	return f[n - 1] == 's' || f[n - 1] == 'x' ||
	    (f[n - 2] == 'e' && f[n - 1] == 'n');
}

/*
 * collective_thing - the hit at ends on a collective ("bande de",
 * "Haufen") and no word of people follows it in its clause: it names a
 * thing
 */
static bool
collective_thing(const struct cl *c, struct cl_span at, size_t ce)
{
	struct rules_word rw, last, before;
	size_t p = at.start, n = 0;

	while (rules_word_next(c->text, at.end, &p, &rw)) {
		if (rw.overflow)
			return false;
		before = last;
		last = rw;
		n++;
	}
	if (n == 0 || !(rules_word_in(&last, collective, NELEMS(collective)) ||
	    (n >= 2 && rules_word_in(&last, col_tie, NELEMS(col_tie)) &&
	    rules_word_in(&before, collective, NELEMS(collective)))))
		return false;
	p = at.end;
	for (n = 0; n < COLLECTIVE_WORDS &&
	    rules_word_next(c->text, ce, &p, &rw); n++) {
		if (rw.overflow || peopled(&rw) ||
		    cl_outcome_in(c, "insult", rw.start, rw.end))
			return false;
	}
	return n > 0;	/* a thing after it, not the end of the clause */
}

/* had - the words before the article at k are the sender's having */
static bool
had(const struct rules_word *w, size_t k)
{
	if (k >= 1 && rules_word_in(&w[k - 1], have_alone, NELEMS(have_alone)))
		return true;
	return k >= 2 &&
	    rules_word_in(&w[k - 1], have_after, NELEMS(have_after)) &&
	    rules_word_in(&w[k - 2], i_we, NELEMS(i_we));
}

/* mended_after - the word after the hit (or after "zu") is a German verb
 * of repair */
static bool
mended_after(const struct cl *c, size_t from, size_t ce)
{
	struct rules_word rw;
	size_t p = from;

	for (int n = 0; n < 2 && rules_word_next(c->text, ce, &p, &rw); n++) {
		if (rules_word_in(&rw, mend_after, NELEMS(mend_after)))
			return true;
		if (rw.overflow || strcmp(rw.folded, "zu") != 0)
			return false;
	}
	return false;
}

bool
cl_insult_thing(const struct cl *c, struct cl_span at)
{
	struct rules_word w[THING_BACK], rw;
	size_t sb, se, p, ce, n = 0, head = at.start;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	ce = cl_clause_end(c->text, at.end, se);
	if (collective_thing(c, at, ce))
		return true;	/* "une bande de réduction" */
	for (size_t i = at.start; i < at.end; i++)
		if (strchr(" \t\r\n", c->text[i]) != NULL)
			head = i + 1;	/* the hit's last word is its head */
	while (rules_word_next(c->text, head, &p, &rw)) {
		if (rw.start >= at.start &&
		    !rules_word_in(&rw, article, NELEMS(article)))
			return false;	/* "a bunch of clowns" judges a crew */
		if (n == THING_BACK) {
			memmove(w, w + 1, (THING_BACK - 1) * sizeof(w[0]));
			n--;
		}
		w[n++] = rw;
	}
	/* the article or possessive: at most THING_WORDS words back, with
	 * nothing of the owner's between it and the hit */
	for (size_t k = n; k-- > 0 && n - k <= THING_WORDS + 1;) {
		if (rules_word_in(&w[k], you, NELEMS(you)))
			return false;
		if (rules_word_in(&w[k], mine, NELEMS(mine)))
			return true;
		if (!rules_word_in(&w[k], article, NELEMS(article)))
			continue;
		return had(w, k) ||
		    (k >= 1 && rules_word_in(&w[k - 1], mend, NELEMS(mend))) ||
		    mended_after(c, at.end, ce);
	}
	return false;
}
