/*
 * classify_placed - a judgement of somebody known by where they are from.
 *
 * DESCRIPTION
 *	The owner is "you" to the sender; somebody else is named by what
 *	they are and where or whose ("le brocanteur de Vanves", "the lad in
 *	Hove", "der Schreiner aus Giesing", "el tapicero de Triana", "the
 *	florist of Anna's wedding").  cl_placed_doer says that the clause
 *	of a judgement opens on such a subject: a definite article, one or
 *	two words, a word that ties on a place or a person ([of] below)
 *	and a capitalised name, then a verb that acts ("a fait un travail
 *	remarquable", "did a lovely job", "hat ... gebaut", "hizo"), with
 *	the judgement after the verb and nothing in the sentence speaking
 *	to the owner ([aim]).  The one judged did the work, and is not the
 *	owner: no trade needs to be on a list.
 *
 *	A verb of being or of seeming ("is", "looks", "ist", "sieht",
 *	"est", "semble", "queda", "luce") or one of a thing's lasting or
 *	working ("holds", "hält", "tient", "aguanta") judges a thing as
 *	well as a person: "the bench at St Mary's looks wonderful" is the
 *	owner's work at a place, and stays theirs.  So does a subject named
 *	as a crew ("the lads from Hove", "l'équipe de Vanves"), which is
 *	mostly the owner's own, and a name that is the owner's (a word of
 *	the display name of an own address in To or Cc, or of an own
 *	domain or address).
 *
 * OWNS
 *	Nothing: the word lists below are static.
 *
 * NEVER
 *	Records a fact, or reads outside the sentence of the judgement.
 */
#include <stdbool.h>
#include <string.h>

#include "mail/config.h"
#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define PLACED_HEAD	2	/* words between the article and the tie */
#define PLACED_NAME	3	/* capitalised words of the name */
#define PLACED_WORD	64	/* bytes of a name word compared */

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Definite articles that open the subject. */
static const char *const article[] = {
	"the", "der", "die", "das", "le", "la", "les", "l", "el", "los",
	"las",
};
/* Conjunctions that may open the clause before it. */
static const char *const joins[] = {
	"and", "but", "und", "aber", "et", "mais", "y", "pero",
};
/* Words that tie a place or a person to the subject. */
static const char *const of[] = {
	"of", "from", "in", "at", "aus", "von", "vom", "im", "bei",
	"am", "de", "du", "des", "d", "del",
};
/* A crew: mostly the owner's own people. */
static const char *const crew[] = {
	"team", "crew", "lads", "guys", "boys", "men", "staff", "fitters",
	"gang", "people", "folks", "jungs", "leute", "manner",
	"mannschaft", "monteure", "handwerker", "equipe", "gars", "ouvriers",
	"hommes", "equipo", "chicos", "muchachos", "operarios", "hombres",
	"cuadrilla", "gente",
};
/* Verbs of being, seeming, lasting or working: a thing's as well. */
static const char *const state[] = {
	"is", "was", "are", "were", "looks", "looked", "look", "seems",
	"seemed", "feels", "felt", "sounds", "sounded", "appears",
	"appeared", "remains", "remained", "stays", "stayed", "became",
	"becomes", "works", "worked", "runs", "ran", "holds", "held",
	"lasts", "lasted", "fits", "stands", "sits",
	"ist", "war", "sind", "waren", "wirkt", "wirkte", "sieht", "sah",
	"scheint", "schien", "bleibt", "blieb", "halt", "hielt", "passt",
	"passte", "lauft", "lief", "funktioniert", "steht", "stand", "wird",
	"est", "etait", "sont", "etaient", "semble", "semblait", "parait",
	"paraissait", "reste", "restait", "tient", "tenait", "fonctionne",
	"marche", "rend", "sera",
	"es", "era", "fue", "son", "eran", "esta", "estaba", "estan",
	"parece", "parecia", "queda", "quedo", "quedan", "luce", "lucia",
	"sigue", "siguio", "resulta", "funciona", "aguanta", "va",
};
/* Auxiliaries, and the participles of state after them ("has held up",
 * "a été", "ha quedado"). */
static const char *const aux[] = {
	"has", "have", "had", "will", "hat", "hatte", "a", "avait", "ont",
	"ha", "han", "habia",
};
static const char *const state_done[] = {
	"been", "be", "held", "stayed", "lasted", "looked", "remained",
	"worked", "gewesen", "geblieben", "ete", "tenu", "reste", "l'air",
	"sido", "quedado", "aguantado", "resultado", "estado",
	"funcionado",
};

/* word_within - the display name holds the word s[0, n) */
static bool
word_within(const char *name, const char *s, size_t n)
{
	char w[PLACED_WORD];

	if (n < 3 || n >= sizeof(w))
		return false;
	memcpy(w, s, n);
	w[n] = '\0';
	return str_casestrn(name, strlen(name), w) != NULL;
}

/* list_holds - one of the strings of sv holds the folded word */
static bool
list_holds(const struct strvec *sv, const char *folded)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strstr(sv->v[i], folded) != NULL)
			return true;
	return false;
}

/*
 * owners_name - a word of the name text[from, to) is the owner's: in the
 * display name of an own address in To or Cc, or in an own domain or
 * address ("the lads at Hartley did ..." to hartley-roofing.example)
 */
static bool
owners_name(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;
	size_t p = from;

	while (rules_word_next(c->text, to, &p, &rw)) {
		if (rw.overflow || rw.flen < 3)
			continue;
		if (cl_recipient_by(c, true, word_within, c->text + rw.start,
		    rw.end - rw.start) != NULL)
			return true;
		if (c->cfg != NULL && (list_holds(&c->cfg->own_domains,
		    rw.folded) || list_holds(&c->cfg->own_addresses,
		    rw.folded)))
			return true;
	}
	return false;
}

/*
 * acts - the verb rw (and the word after it, read from *p up to to) acts:
 * no verb of state, nor an auxiliary before a participle of state
 */
static bool
acts(const struct cl *c, const struct rules_word *rw, size_t p, size_t to)
{
	struct rules_word next;

	if (rw->overflow || cl_capital(c->text + rw->start) ||
	    rules_word_in(rw, state, NELEMS(state)) ||
	    rules_word_in(rw, of, NELEMS(of)))
		return false;
	if (!rules_word_in(rw, aux, NELEMS(aux)))
		return true;
	return !rules_word_next(c->text, to, &p, &next) ||
	    !rules_word_in(&next, state_done, NELEMS(state_done));
}

/* elided - the word is an elided article or tie ("l'ébéniste",
 * "d'Ivry"): where what it elides onto starts, or 0 */
static size_t
elided(const struct rules_word *rw, char first)
{
	if (rw->overflow || rw->flen < 3 || rw->folded[0] != first ||
	    rw->folded[1] != '\'')
		return 0;
	return rw->start + 2;
}

/*
 * subject_tie - from *p (just past the article, or inside an elided one
 * at the head's first byte), the subject's one or two words and the word
 * that ties on a name: *p past the tie, or at the name inside an elided
 * "d'"; false for a crew or no tie
 */
static bool
subject_tie(const struct cl *c, size_t *p, size_t to, bool headed)
{
	struct rules_word rw;
	size_t n, q;

	for (n = headed ? 1 : 0; n <= PLACED_HEAD; n++) {
		if (!rules_word_next(c->text, to, p, &rw) || rw.overflow)
			return false;
		if (n > 0 && (q = elided(&rw, 'd')) != 0 &&
		    cl_capital(c->text + q)) {
			*p = q;		/* "l'ébéniste d'Ivry" */
			return true;
		}
		if (n > 0 && rules_word_in(&rw, of, NELEMS(of)))
			return true;
		if (rules_word_in(&rw, crew, NELEMS(crew)))
			return false;	/* "the lads from Hove": the owner's */
	}
	return false;
}

bool
cl_placed_doer(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p, q, name, n;
	bool headed = false;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	if (!rules_word_next(c->text, at.start, &p, &rw))
		return false;
	if (rules_word_in(&rw, joins, NELEMS(joins)) &&
	    !rules_word_next(c->text, at.start, &p, &rw))
		return false;
	if ((q = elided(&rw, 'l')) != 0) {
		struct rules_word head;
		size_t h = q;

		/* "l'équipe de Vanves": the head is in the article's word */
		if (!rules_word_next(c->text, at.start, &h, &head) ||
		    rules_word_in(&head, crew, NELEMS(crew)))
			return false;
		headed = true;
	} else if (!rules_word_in(&rw, article, NELEMS(article))) {
		return false;
	}
	if (!subject_tie(c, &p, at.start, headed))
		return false;
	/* the name: capitalised words; then the verb, which may open the
	 * judgement itself ("did a fantastic job") */
	name = p;
	for (n = 0; n <= PLACED_NAME; n++) {
		if (!rules_word_next(c->text, se, &p, &rw) ||
		    rw.start > at.start)
			return false;
		if (!cl_capital(c->text + rw.start))
			break;
	}
	if (n == 0 || n > PLACED_NAME || !acts(c, &rw, p, se))
		return false;
	return !cl_near_between(c, sb, se, "aim") &&
	    !owners_name(c, name, rw.start);
}
