/*
 * classify_theirs - a judgement said of a noun group that is not the owner.
 *
 * DESCRIPTION
 *	A judgement, praise, a complaint or an insult, is somebody else's
 *	when the noun group a clause opens on (the sentence, a clause after
 *	a comma, or a content clause after "that", "dass", "que") says by
 *	its own words that it is not the owner (judged_theirs):
 *
 *	- somebody the sender engaged or bought from elsewhere, the first
 *	  person with a verb of engaging, or of buying with where from:
 *	  "The courier I booked", "The garden centre I bought it from",
 *	  "Die Taufkerze, die wir im Baumarkt gekauft hatten", "le plombier
 *	  que j'avais appelé", "el fontanero que contraté";
 *	- a former one, a word of formerness or a past year beside a
 *	  relative: "the last firm who sealed it", "der Dachdecker, der 2019
 *	  die Abdichtung gemacht hat";
 *	- a person of the sender's, named: "unser Gärtner Herr Kuhn", "our
 *	  builder Dave", "mi fontanero Paco".
 *
 *	A noun group alone says nothing: "the second draft was useless" is
 *	the owner's work, "the garden centre was useless" is not, and only
 *	the words above tell them apart.
 *
 *	Not when the noun group or the judgement names the owner ([aim]:
 *	"the plumber you sent", "the table I bought from you"), nor when
 *	the sentence names the owner's work ([aim work]).
 *
 *	Irony or a sneer whose account tells of a third party, and praise
 *	in a sentence that tells a defect of the owner's work, are read by
 *	classify_irony.c (cl_irony_theirs, cl_praise_in_defects).
 *
 *	A sentence naming a group of people by a demonstrative or a
 *	third-person recipient, and a complaint that is the sender's own
 *	slip, are read by classify_plain.c.
 *
 *	Every path that records a judgement asks cl_theirs first, so a
 *	judgement read from defects, from results, from a sneer or from a
 *	dismissal is weighed by the same readers as one read from a phrase.
 *	classify_scorn.c does not: the novice it reads ("Mi sobrino de
 *	diez años lo hace mejor") is the subject of its sentence by design,
 *	and the comparison is what aims it at the owner.
 *
 * OWNS
 *	Nothing: it reads the words of one sentence and scans it for [aim].
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

/* Determiners that open a noun group of the sentence's own subject (the
 * sender's "my", "our" too: "My last builder was a cowboy"). */
static const char *const dets[] = {
	"the", "this", "that", "these", "those", "my", "our",
	"der", "die", "das", "dieser", "diese", "dieses", "mein", "meine",
	"unser", "unsere",
	"le", "la", "les", "ce", "cet", "cette", "ces", "mon", "ma", "mes",
	"notre", "nos",
	"el", "los", "las", "este", "esta", "estos", "estas", "ese", "esa",
	"esos", "esas", "aquel", "aquella", "mi", "mis", "nuestro",
	"nuestra",
};

#define NP_WORDS	14	/* words of a noun group read up to the judgement */
#define CONTENT_WORDS	3	/* words from a judgement to its "that" */

/* The sender as subject of a relative: "I booked", "wir ... gekauft". */
static const char *const first_person[] = {
	"i", "we", "ich", "wir", "je", "j'", "nous", "on",
};
/* Verbs of engaging somebody; French and Spanish forms that hold their
 * person ("j'avais", "contraté") count as the first person too. */
static const char *const engaged[] = {
	"booked", "hired", "called", "used", "chose", "engaged", "employed",
	"gebucht", "beauftragt", "geholt", "angerufen", "engagiert",
	"appele", "engage", "choisi", "contacte", "pris",
	"contrate", "contratamos", "llame", "llamamos", "elegi", "elegimos",
};
static const char *const engaged_own[] = {
	"j'avais", "j'ai", "contrate", "contratamos", "llame", "llamamos",
	"elegi", "elegimos", "compre", "compramos",
};
/* Verbs of buying: somebody else's only with where from. */
static const char *const bought[] = {
	"bought", "got", "gekauft", "besorgt", "achete", "achetee",
	"compre", "compramos", "comprado",
};
static const char *const source[] = {
	"from", "at", "im", "bei", "beim", "chez", "dans", "en",
};
/* Relatives after the noun ("der", "die" only after a comma). */
static const char *const relative[] = {
	"who", "whom", "which", "that", "der", "die", "qui", "que", "quien",
};
/* Words of formerness. */
static const char *const former[] = {
	"last", "previous", "old", "former", "ago", "letzte", "letzten",
	"fruhere", "fruheren", "vorherige", "vorherigen", "damals",
	"dernier", "derniere", "ancien", "ancienne", "precedent",
	"precedente", "ultimo", "ultima", "anterior", "antiguo", "antigua",
};
/* The sender's possessives. */
static const char *const own[] = {
	"our", "my", "unser", "unsere", "mein", "meine", "notre", "mon",
	"ma", "nuestro", "nuestra", "mi",
};
/* What opens a content clause. */
static const char *const content[] = { "that", "dass", "que", "qu'" };

/* Titles before a name: "unser Gärtner Herr Kuhn". */
static const char *const title[] = {
	"mr", "mrs", "ms", "herr", "frau", "m", "mme", "monsieur", "madame",
	"don", "dona", "senor", "senora",
};

/* a_year - the word w is a year ("2019") */
static bool
a_year(const struct rules_word *w)
{
	return w->flen == 4 && (w->folded[0] == '1' || w->folded[0] == '2') &&
	    w->folded[1] >= '0' && w->folded[1] <= '9' &&
	    w->folded[2] >= '0' && w->folded[2] <= '9' &&
	    w->folded[3] >= '0' && w->folded[3] <= '9';
}

/* after_comma - the word at w is right after a comma ("Dachdecker, der") */
static bool
after_comma(const struct cl *c, size_t from, const struct rules_word *w)
{
	size_t q = w->start;

	while (q > from && c->text[q - 1] == ' ')
		q--;
	return q > from && c->text[q - 1] == ',';
}

/*
 * np_theirs - the noun group opening at `from`, read up to `to`, says it
 * is not the owner
 */
static bool
np_theirs(const struct cl *c, size_t from, size_t to)
{
	struct rules_word w;
	size_t p = from, n = 0;
	bool is_own, me = false, engage = false, buy = false, whence = false;
	bool gone = false, rel = false, named = false, low1 = false;

	if (!rules_word_next(c->text, to, &p, &w) || w.overflow)
		return false;
	is_own = rules_word_in(&w, own, NELEMS(own));
	if (!is_own && !rules_word_in(&w, dets, NELEMS(dets)))
		return false;	/* the clause opens on a noun group */
	while (n++ < NP_WORDS && rules_word_next(c->text, to, &p, &w)) {
		if (w.overflow)
			return false;
		if (rules_word_in(&w, first_person, NELEMS(first_person)) ||
		    rules_word_in(&w, engaged_own, NELEMS(engaged_own)))
			me = true;
		engage = engage || rules_word_in(&w, engaged, NELEMS(engaged));
		buy = buy || rules_word_in(&w, bought, NELEMS(bought));
		whence = whence || rules_word_in(&w, source, NELEMS(source));
		gone = gone || rules_word_in(&w, former, NELEMS(former)) ||
		    a_year(&w);
		if (n > 1 && rules_word_in(&w, relative, NELEMS(relative)) &&
		    (w.folded[0] != 'd' || after_comma(c, from, &w)))
			rel = true;	/* "the last firm who", "der
					 * Dachdecker, der" */
		if (n == 1)
			low1 = !cl_capital(c->text + w.start);
		/* a possessive, a noun, then a name: "our builder Dave",
		 * "unser Gärtner Herr Kuhn" */
		if (is_own && (n == 2 || n == 3) && rules_word_in(&w, title,
		    NELEMS(title)) && rules_word_next(c->text, to, &p, &w) &&
		    !w.overflow && cl_capital(c->text + w.start))
			named = true;
		else if (is_own && n == 2 && low1 &&
		    cl_capital(c->text + w.start))
			named = true;
	}
	return (me && engage) || (me && buy && whence) || (gone && rel) ||
	    named;
}

/*
 * judged_theirs - the judgement at is said of a noun group that is not
 * the owner: somebody the sender engaged or bought from elsewhere, a
 * former one, a named person of the sender's, and nothing of the owner
 * is named
 */
static bool
judged_theirs(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_near_between(c, sb, se, "work"))
		return false;	/* "the job you did" */
	if (np_theirs(c, sb, at.start) &&
	    !cl_near_between(c, sb, at.end, "aim"))
		return true;
	/* each clause after a comma, each content clause after "that" */
	for (p = sb; rules_word_next(c->text, at.start, &p, &w); ) {
		size_t from = w.end;

		if (w.overflow)
			continue;
		if (!rules_word_in(&w, content, NELEMS(content)) &&
		    strncmp(w.folded, "qu'", 3) != 0) {
			while (from < at.start && c->text[from] == ' ')
				from++;
			if (from >= at.start || strchr(",;:", c->text[from]) ==
			    NULL)
				continue;
			from++;
		}
		if (np_theirs(c, from, at.start) &&
		    !cl_near_between(c, from, at.end, "aim"))
			return true;
	}
	/* a judgement of what its content clause tells: "Ärgerlich ist
	 * nur, dass der Dachdecker, der 2019 ... gemacht hat, ..." */
	for (p = at.end; rules_word_next(c->text, se, &p, &w); )
		if (!w.overflow && (rules_word_in(&w, content,
		    NELEMS(content)) || strncmp(w.folded, "qu'", 3) == 0))
			return rules_words(c->text, at.end, w.start,
			    CONTENT_WORDS) <= CONTENT_WORDS &&
			    np_theirs(c, w.end, se) &&
			    !cl_near_between(c, sb, se, "aim");
	return false;
}

bool
cl_theirs(const struct cl *c, const char *tag, struct cl_span at)
{
	bool complaint = strcmp(tag, "complaint") == 0;

	if (c->text == NULL || at.end > c->tlen || at.start >= at.end ||
	    !(complaint || strcmp(tag, "praise") == 0 ||
	    strcmp(tag, "rude") == 0))
		return false;	/* judgements only */
	if (cl_irony_theirs(c, tag, at) || cl_praise_in_defects(c, tag, at))
		return true;	/* "die Bahn ... mal wieder ..., ganz
				 * großartig"; "Le chapeau me serre ..." */
	if (complaint && (cl_plain_own(c, at) ||
	    (cl_first_contact(c) && cl_plain_part(c, at))))
		return true;	/* "Perdona que te escriba tan tarde"; "La
				 * hoja tiene óxido" of "mi navaja" */
	return cl_plain_party(c, at) ||	/* "Une honte, ces gens-là" */
	    judged_theirs(c, at);
}
