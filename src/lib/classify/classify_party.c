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
 *	As the subject the sentence opens on: a noun group of formerness
 *	("last", "before", "letzte", "dernier", "último") whose relative
 *	clause says the sender had or used it ("we had", "den wir hatten",
 *	"qu'on avait", "que tuvimos"): "The last farrier we had was a
 *	total cowboy", "Der letzte Hufschmied, den wir hatten, kam nie",
 *	"El último herrador que tuvimos nunca llegaba" (cl_party_had).
 *	Not "the shoes we had fitted", the owner's work had done.
 *
 *	As the one the sender took the thing to, named with the indefinite
 *	article near the sentence's start, beside a verb of taking: "I took it to a shop in
 *	Harrogate two years ago and they made a right mess of it: ... the
 *	glass is scratched", "Ich habe sie zu einem Uhrmacher gebracht",
 *	"Je l'ai porté chez un horloger", "Lo llevé a una tienda"; the
 *	sentence tells what that party did, and names nothing of the owner
 *	(cl_party_taken).  Not "je m'attendais à un travail plus solide",
 *	which takes nothing anywhere.
 *
 *	As a former one who did something, opening a clause: a noun group
 *	of formerness and a relative of a person ("the last man who
 *	touched this trap", "the previous owner who", "le dernier qui",
 *	"el último que", "el anterior quien") (cl_party_former, for
 *	classify_about.c).  Not "the last coat" alone, which may be the
 *	owner's work.
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

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define PARTY_TIE_WORDS	4	/* words after the tie the party may start */
#define PARTY_HAD_WORDS	8	/* words of a subject up to its "we had" */
#define PARTY_TAKER_WORDS 3	/* words opening a sentence the taker is in */
#define PARTY_TAKEN_WORDS 10	/* words opening it the "to a" is in */
#define PARTY_FORMER_WORDS 4	/* words of a former one up to its "who" */

/* Ties that join a judgement to whom it was had with. */
static const char *const ties[] = { "with", "mit", "avec", "con" };

/* Words of formerness that make a noun group a past supplier. */
static const char *const former[] = {
	"old", "former", "previous", "alten", "altem", "alter", "alte",
	"vorigen", "vorherigen", "fruheren", "ancien", "ancienne",
	"precedent", "precedente", "anterior", "antiguo", "antigua",
};

/* Determiners that open a noun group of the sentence's subject. */
static const char *const dets[] = {
	"the", "our", "my", "der", "die", "den", "unser", "unsere", "mein",
	"meine", "le", "la", "les", "notre", "mon", "ma", "el", "los", "las",
	"nuestro", "nuestra", "mi",
};

/* Words of formerness a past supplier's noun group or relative holds. */
static const char *const earlier[] = {
	"last", "previous", "old", "former", "before", "previously",
	"letzte", "letzten", "alte", "alten", "fruhere", "fruheren",
	"vorherige", "vorherigen", "vorher", "davor", "dernier", "derniere",
	"ancien", "ancienne", "precedent", "precedente", "avant", "ultimo",
	"ultima", "anterior", "antiguo", "antigua", "antes",
};

/* The sender's past having, as subject and verb ("we had") or one word
 * ("tuvimos", "j'avais"); an empty subject is none written.  German puts
 * the verb last, past what comes between ("den wir vorher hatten"): its
 * subject may stand anywhere before it (far).  Not "tenía", which is as
 * often the thing's ("la última herradura tenía"). */
static const struct {
	const char *who, *verb;
	bool far;
} had[] = {
	{ "we", "had", false }, { "i", "had", false },
	{ "we", "used", false }, { "i", "used", false },
	{ "we've", "had", false }, { "i've", "had", false },
	{ "wir", "hatten", true }, { "ich", "hatte", true },
	{ "qu'on", "avait", false }, { "on", "avait", false },
	{ "nous", "avions", false }, { "", "j'avais", false },
	{ "", "tuvimos", false }, { "", "teniamos", false },
	{ "", "tuve", false },
};

/* Words of the owner's work had done after "had": "the shoes we had
 * fitted", "the work we had done" (an English participle) */
static bool
participle(const char *w)
{
	static const char *const done[] = { "done", "made", "put", "set",
	    "built", "sent", "seen", "him", "her", "them", "you" };
	size_t n = strlen(w);

	if (n > 2 && strcmp(w + n - 2, "ed") == 0)
		return true;
	for (size_t i = 0; i < sizeof(done) / sizeof(done[0]); i++)
		if (strcmp(done[i], w) == 0)
			return true;
	return false;
}

/* The sender taking the thing somewhere: a first person's subject, or a
 * Spanish verb that holds one. */
static const char *const taker[] = {
	"i", "we", "ich", "wir", "je", "j'ai", "nous", "on", "lleve",
	"llevamos", "mande", "mandamos", "deje", "dejamos",
};

/* Verbs of taking the thing somewhere, the German participle after its
 * tie ("zu einem Uhrmacher gebracht"): not "à un travail plus solide". */
static const char *const takes[] = {
	"took", "taken", "brought", "sent", "gebracht", "gegeben",
	"geschickt", "porte", "apporte", "confie", "envoye", "emmene",
	"lleve", "llevamos", "mande", "mandamos", "deje", "dejamos",
};

/* A tie of destination and the indefinite article after it ("to a"). */
static const struct { const char *tie, *one; } taken_to[] = {
	{ "to", "a" }, { "to", "an" }, { "zu", "einem" }, { "zu", "einer" },
	{ "bei", "einem" }, { "bei", "einer" }, { "chez", "un" },
	{ "chez", "une" }, { "a", "un" }, { "a", "una" },
};

/* Words that open a content clause. */
static const char *const opens[] = { "that", "dass", "que", "qu'" };

bool
cl_party_after(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	size_t sb, se, ce, p = at.end, tie;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	ce = cl_clause_end(c->text, at.end, se);
	/* the tie right after the judgement ("a disaster with") */
	if (!rules_word_next(c->text, ce, &p, &w) || w.overflow ||
	    !str_in_list(ties, NELEMS(ties), w.folded))
		return false;
	tie = w.end;
	if (cl_near_between(c, cl_clause_start(c->text, sb, at.start), ce,
	    "aim"))
		return false;	/* "a disaster with you", "your fitter" */
	if (cl_near_between(c, tie, ce, "other"))
		return true;
	for (size_t n = 0; n < PARTY_TIE_WORDS &&
	    rules_word_next(c->text, ce, &p, &w); n++)
		if (!w.overflow && str_in_list(former, NELEMS(former), w.folded))
			return true;
	return false;
}

/* elided - w without a French elided article ("l'ancien" -> "ancien") */
static const char *
elided(const char *w)
{
	return strncmp(w, "l'", 2) == 0 ? w + 2 : w;
}

bool
cl_party_had(const struct cl *c, struct cl_span at)
{
	struct rules_word w, prev;
	size_t sb, se, p, n = 0;
	bool gone = false, ours = false, wir = false, ich = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = sb;
	if (!rules_word_next(c->text, at.start, &p, &w) || w.overflow ||
	    !(str_in_list(dets, NELEMS(dets), w.folded) ||
	    strncmp(w.folded, "l'", 2) == 0))
		return false;	/* the sentence opens on a noun group */
	gone = str_in_list(earlier, NELEMS(earlier), elided(w.folded));
	prev = w;
	while (n++ < PARTY_HAD_WORDS && rules_word_next(c->text, at.start,
	    &p, &w) && !w.overflow) {
		if (str_in_list(earlier, NELEMS(earlier), elided(w.folded)))
			gone = true;
		for (size_t i = 0; i < NELEMS(had) && !ours; i++) {
			bool said = had[i].far ? (strcmp(had[i].who, "wir") ==
			    0 ? wir : ich) : strcmp(had[i].who, prev.folded) == 0;

			if (strcmp(had[i].verb, w.folded) != 0 ||
			    (*had[i].who && !said))
				continue;
			ours = true;
			if (rules_word_next(c->text, at.start, &p, &w) &&
			    !w.overflow && participle(w.folded))
				return false;	/* "the shoes we had fitted" */
			if (str_in_list(earlier, NELEMS(earlier), w.folded))
				gone = true;	/* "the farrier we had before" */
		}
		wir = wir || strcmp(w.folded, "wir") == 0;
		ich = ich || strcmp(w.folded, "ich") == 0;
		prev = w;
	}
	return gone && ours && !cl_near_between(c, sb, se, "aim");
}

bool
cl_party_taken(const struct cl *c, size_t sb, size_t se)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "";
	size_t p = sb;
	bool who = false, took = false, to = false;

	for (size_t n = 0; n < PARTY_TAKEN_WORDS &&
	    rules_word_next(c->text, se, &p, &w); n++) {
		if (w.overflow)
			return false;
		if (n < PARTY_TAKER_WORDS &&
		    str_in_list(taker, NELEMS(taker), w.folded))
			who = true;
		if (str_in_list(takes, NELEMS(takes), w.folded))
			took = true;	/* "took", "gebracht", "porté" */
		for (size_t i = 0; who && i < NELEMS(taken_to); i++)
			if (strcmp(taken_to[i].tie, prev) == 0 &&
			    strcmp(taken_to[i].one, w.folded) == 0)
				to = true;
		memcpy(prev, w.folded, w.flen + 1);
	}
	return who && took && to && !cl_near_between(c, sb, se, "aim") &&
	    !cl_near_between(c, sb, se, "work");
}

/* Relatives of a person after a noun group of formerness; "qui" and
 * "que" only right after the word of formerness ("le dernier qui"). */
static const char *const who_rel[] = { "who", "whom", "quien", "quienes" };
static const char *const next_rel[] = { "qui", "que", "who", "quien" };

bool
cl_party_former(const struct cl *c, size_t from, size_t to)
{
	struct rules_word w;
	size_t p = from, since = 0;
	bool gone = false;

	if (!rules_word_next(c->text, to, &p, &w) || w.overflow ||
	    !(str_in_list(dets, NELEMS(dets), w.folded) ||
	    strncmp(w.folded, "l'", 2) == 0))
		return false;	/* the clause opens on a noun group */
	gone = str_in_list(earlier, NELEMS(earlier), elided(w.folded));
	for (size_t n = 0; n < PARTY_FORMER_WORDS &&
	    rules_word_next(c->text, to, &p, &w) && !w.overflow; n++) {
		if (gone && ((since == 0 && str_in_list(next_rel,
		    NELEMS(next_rel), w.folded)) ||
		    str_in_list(who_rel, NELEMS(who_rel), w.folded)))
			return true;	/* "the last man who", "le dernier qui" */
		if (str_in_list(earlier, NELEMS(earlier), elided(w.folded))) {
			gone = true;
			since = 0;
		} else {
			since++;
		}
	}
	return false;
}

size_t
cl_party_content(const struct cl *c, size_t cb, struct cl_span at)
{
	struct rules_word w;
	size_t p = cb, from = cb;

	while (rules_word_next(c->text, at.start, &p, &w))
		if (!w.overflow &&
		    (str_in_list(opens, NELEMS(opens), w.folded) ||
		    strncmp(w.folded, "qu'", 3) == 0))
			from = w.end;
	if (from == cb || !cl_near_between(c, cb, from, "aim"))
		return cb;	/* no frame that speaks to the owner */
	return from;
}
