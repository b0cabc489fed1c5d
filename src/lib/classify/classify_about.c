/*
 * classify_about - whom a judgement's own clause says it is about.
 *
 * DESCRIPTION
 *	classify_whose.c looks for a third party ([aim other]) in the
 *	judgement's clause, from the comma or bracket before it.  Two shapes
 *	name whom the judgement is about where that clause does not reach:
 *
 *	Its subject, read past asides.  A bracket ("the last man who
 *	touched this trap (Barlow's in Melton, years ago) did a shocking
 *	job") or a connective set off by commas ("The courier I booked to
 *	bring them back, on the other hand, was useless") stands between
 *	the subject and the judgement; read without them, the clause opens
 *	on a third party ([aim other]) or on a former one who did the work
 *	(cl_party_former: "the last man who", "le dernier qui", "der
 *	Letzte, der", "el último que"), and nothing of the owner ([aim])
 *	stands in the clause outside its asides ("Between you and me" is
 *	a clause of its own; "(luckily you'd double-bagged them)" an aside).
 *
 *	What a whole sentence tells of (for the defects and outcomes of
 *	classify_stands.c): its first clause opens on a third party ("The
 *	courier I booked to bring them back, on the other hand, was useless
 *	- ... it was soaked through (luckily you'd double-bagged them)") or
 *	a former one, and the owner stands only in a bracket, an aside of
 *	its own (cl_about_sentence).
 *
 *	Its recipient: the judgement is given "to them" (a tie and a
 *	pronoun of the third person right after it: "Bravo à eux", "well
 *	done to them", "una reclamación a ellos", "bei ihnen beschwert",
 *	lower case, not the owner's "Ihnen"), with nothing of the owner
 *	before it in its clause; for praise, the sentence before tells of
 *	nothing of the owner either ("Your lads were great, well done to
 *	them" praises the owner's men).
 *
 *	Somebody of the sender's (cl_about_own, complaints only): the
 *	judgement's clause opens on a relative of a person ("who", "der",
 *	"qui", "que") and the words right before its comma are a
 *	possessive of the first person and its noun ("forwarding this from
 *	our vicar, who has the same problem"); the trouble is theirs unless
 *	the clause speaks to the owner or the mail answers the owner's.
 *
 *	The owner cleared ([aim exonerate]: "not your fault", "je n'ai
 *	aucun reproche à vous faire", "nichts vorzuwerfen", "nada que
 *	reprocharle") in the complaint's sentence or a later one of its
 *	paragraph, not before a contrast that turns to the complaint
 *	(cl_exonerated).
 *
 * OWNS
 *	Nothing: it reads words of one sentence and the scan's aims.
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
#include "tags_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define ABOUT_ASIDES	4	/* asides read past, at most */
#define ABOUT_CONNECTIVE_WORDS 4	/* words of a connective aside */
#define ABOUT_TIE_WORDS	2	/* words after a judgement its tie may be */

/* Connectives set off by commas between a subject and its verb. */
static const char *const connectives[] = {
	"on the other hand", "however", "though", "by contrast", "in turn",
	"hingegen", "dagegen", "allerdings", "jedoch", "wiederum",
	"en revanche", "par contre", "quant a lui", "quant a eux",
	"en cambio", "sin embargo", "por otro lado", "por el contrario",
	/* the subject set against another ("Le traiteur, lui, a été
	 * parfait", "The caterer, for their part, ...") */
	"lui", "elle", "eux", "elles", "quant a elle", "quant a elles",
	"de son cote", "de leur cote", "pour sa part", "pour leur part",
	"for their part", "for his part", "for her part", "in contrast",
	"seinerseits", "ihrerseits", "por su parte",
};

/* Connectives of contrast that follow the subject with no comma ("Der
 * Caterer hingegen war perfekt"). */
static const char *const contrast_words[] = {
	"hingegen", "dagegen", "wiederum", "seinerseits", "ihrerseits",
};

/* A tie and a pronoun of the third person: whom a cheer or a complaint
 * is given to.  Not "with them" ("happy with them": the owner's goods). */
static const struct { const char *tie, *who; } given_to[] = {
	{ "to", "them" }, { "against", "them" }, { "at", "them" },
	{ "a", "eux" }, { "a", "elles" }, { "aupres", "d'eux" },
	{ "aupres", "d'elles" }, { "contre", "eux" }, { "contre", "elles" },
	{ "bei", "ihnen" }, { "vor", "ihnen" }, { "an", "sie" },
	{ "gegen", "sie" }, { "a", "ellos" }, { "a", "ellas" },
	{ "por", "ellos" }, { "por", "ellas" }, { "contra", "ellos" },
	{ "contra", "ellas" },
};

struct asides {
	struct cl_span at[ABOUT_ASIDES];
	size_t n;
	bool contrast;		/* one is a connective, not a bracket */
};

/* connective - text[from, to) is only a connective of the list */
static bool
connective(const struct cl *c, size_t from, size_t to)
{
	struct rules_word w;
	char said[64] = "";
	size_t p = from, n = 0, len = 0;

	while (rules_word_next(c->text, to, &p, &w)) {
		if (w.overflow || ++n > ABOUT_CONNECTIVE_WORDS ||
		    len + w.flen + 2 > sizeof(said))
			return false;
		if (len > 0)
			said[len++] = ' ';
		memcpy(said + len, w.folded, w.flen + 1);
		len += w.flen;
	}
	return n > 0 && str_in_list(connectives, NELEMS(connectives), said);
}

/* contrast_in - a word of contrast_words[] stands in text[from, to) */
static bool
contrast_in(const struct cl *c, size_t from, size_t to)
{
	struct rules_word w;
	size_t p = from;

	while (rules_word_next(c->text, to, &p, &w))
		if (!w.overflow &&
		    str_in_list(contrast_words, NELEMS(contrast_words), w.folded))
			return true;
	return false;
}

/*
 * subject_start - where the clause holding at begins once the asides
 * before it are read past: a bracket closed right before it, or a
 * connective between two commas.  The asides are kept in *a.
 */
static size_t
subject_start(const struct cl *c, size_t sb, size_t at, struct asides *a)
{
	size_t cb = cl_clause_start(c->text, sb, at), p, q;

	a->n = 0;
	a->contrast = false;
	while (a->n < ABOUT_ASIDES) {
		for (p = cb; p > sb && strchr(" \t\r\n", c->text[p - 1]); p--)
			;
		if (p > sb && c->text[p - 1] == ')') {
			for (q = p - 1; q > sb && c->text[q - 1] != '('; q--)
				;
			if (q == sb)
				break;
			a->at[a->n++] = (struct cl_span){ q - 1, p };
			cb = cl_clause_start(c->text, sb, q - 1);
			continue;
		}
		if (p <= sb || c->text[p - 1] != ',')
			break;
		q = cl_clause_start(c->text, sb, p - 1);
		if (q <= sb || c->text[q - 1] != ',' ||
		    !connective(c, q, p - 1))
			break;
		a->at[a->n++] = (struct cl_span){ q - 1, p };
		a->contrast = true;
		cb = cl_clause_start(c->text, sb, q - 1);
	}
	return cb;
}

/* outside - [aim want] stands in text[from, to) outside the asides */
static bool
outside(const struct cl *c, size_t from, size_t to, const struct asides *a,
    const char *want)
{
	/* the asides run from the latest back */
	for (size_t i = a->n; i-- > 0; ) {
		if (a->at[i].start > from &&
		    cl_near_between(c, from, a->at[i].start, want))
			return true;
		if (a->at[i].end > from)
			from = a->at[i].end;
	}
	return from < to && cl_near_between(c, from, to, want);
}

/* The relatives that open a clause about a person, and the possessives
 * of the first person that make that person the sender's own. */
static const char *const person_relatives[] = {
	"who", "whom", "der", "die", "qui", "quien", "quienes", "que",
};
static const char *const own_possessives[] = {
	"our", "my", "unser", "unsere", "unserem", "unseren", "unserer",
	"mein", "meine", "meinem", "meinen", "meiner", "notre", "nos",
	"mon", "ma", "mes", "nuestro", "nuestra", "nuestros", "nuestras",
	"mi", "mis",
};

/* article - the word after `at` opens on a capital: a German noun, so
 * the "der" or "die" before it is its article */
static bool
article(const struct cl *c, size_t at)
{
	while (at < c->tlen && (c->text[at] == ' ' || c->text[at] == '\t'))
		at++;
	return at + 1 < c->tlen && cl_capital(c->text + at);
}

#define ABOUT_OWN_WORDS	3	/* words of the sender's person before "who" */

/*
 * own_relative - the judgement's clause opens on a relative of a person
 * whose antecedent, right before the comma, is somebody of the sender's
 * ("forwarding this from our vicar, who has the same problem", "mi
 * vecino, que tiene el mismo problema"): the trouble is theirs.  Not
 * when the clause or the antecedent speaks to the owner or the mail
 * answers the owner's.
 */
static bool
own_relative(const struct cl *c, size_t sb, size_t se, struct cl_span at)
{
	struct rules_word w, v[ABOUT_OWN_WORDS];
	size_t cb = cl_clause_start(c->text, sb, at.start), p = cb, pb, n = 0;
	size_t ce = cl_clause_end(c->text, at.end, se);

	if (cb == sb || !rules_word_next(c->text, at.start, &p, &w) ||
	    !rules_word_in(&w, person_relatives, NELEMS(person_relatives)) ||
	    c->text[cb - 1] != ',' || cl_answers_owner(c))
		return false;
	pb = cl_clause_start(c->text, sb, cb - 1);
	p = cl_words_back(c->text, pb, cb - 1, ABOUT_OWN_WORDS);
	while (n < ABOUT_OWN_WORDS && rules_word_next(c->text, cb - 1, &p,
	    &v[n]))
		n++;
	/* the possessive and its noun end at the comma: "our vicar," (not
	 * "Unsere Jugendgruppe sagt, die Boote ..."); a German "der", "die"
	 * before a noun is its article */
	if (n < 2 || !rules_word_in(&v[n - 2], own_possessives,
	    NELEMS(own_possessives)) || (w.flen == 3 && (strcmp(w.folded,
	    "der") == 0 || strcmp(w.folded, "die") == 0) &&
	    article(c, w.end)))
		return false;
	return !cl_near_between(c, v[n - 2].start, ce, "aim") &&
	    !cl_near_between(c, sb, ce, "work");
}

bool
cl_about_own(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return own_relative(c, sb, se, at);
}

bool
cl_about_subject(const struct cl *c, struct cl_span at)
{
	struct asides a;
	size_t sb, se, cb, ce;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = subject_start(c, sb, at.start, &a);
	ce = cl_clause_end(c->text, at.end, se);
	for (size_t i = at.end; i < ce; i++)
		if (c->text[i] == '(' || c->text[i] == ')') {
			ce = i;
			break;
		}
	if (!outside(c, cb, ce, &a, "aim") &&
	    (outside(c, cb, at.start, &a, "other") ||
	    cl_party_former(c, cb, at.start)))
		return true;	/* not "Your man, however, was useless" */
	/* a person of a trade set against another by a connective ("Le
	 * traiteur, lui, a été parfait du début à la fin", "Der Caterer
	 * hingegen war perfekt"): somebody beside the owner, whose part
	 * the clause judges; the owner is looked for up to the judgement
	 * (French "du" is German "you") */
	return (a.contrast || contrast_in(c, cb, at.start)) &&
	    outside(c, cb, at.start, &a, "party") &&
	    !outside(c, cb, at.end, &a, "aim") &&
	    !outside(c, cb, ce, &a, "work");
}

/* unbracketed - [aim want] stands in text[sb, se) outside brackets */
static bool
unbracketed(const struct cl *c, size_t sb, size_t se, const char *want)
{
	size_t from = sb, depth = 0;

	for (size_t i = sb; i < se; i++) {
		if (c->text[i] == '(' && depth++ == 0) {
			if (i > from && cl_near_between(c, from, i, want))
				return true;
		} else if (c->text[i] == ')' && depth > 0 && --depth == 0) {
			from = i + 1;
		}
	}
	return depth == 0 && from < se && cl_near_between(c, from, se, want);
}

bool
cl_about_sentence(const struct cl *c, size_t sb, size_t se)
{
	struct rules_word w;
	size_t ce = sb, p = sb;

	while (ce < se && strchr(",;:()", c->text[ce]) == NULL)
		ce++;
	if (!rules_word_next(c->text, ce, &p, &w))
		return false;
	/* an [aim other] phrase opens it: none starts past its first word
	 * ("The other chair" is no third party) */
	if (!(cl_near_between(c, sb, ce, "other") &&
	    !cl_near_between(c, w.end, ce, "other")) &&
	    !cl_party_former(c, sb, ce))
		return false;
	return !unbracketed(c, sb, se, "aim") &&
	    !unbracketed(c, sb, se, "work");
}


/* before_aims - the sentence before the one opening at sb, in the text,
 * speaks to the owner or of the owner's job */
static bool
before_aims(const struct cl *c, size_t sb)
{
	size_t p = sb, pb, pe;

	while (p > 0 && strchr(" \t\r\n", c->text[p - 1]) != NULL)
		p--;
	if (p == 0)
		return false;
	cl_sentence(c->text, c->tlen, p - 1, p - 1, &pb, &pe);
	return cl_near_between(c, pb, pe, "aim") ||
	    cl_near_between(c, pb, pe, "work");
}

/* lower_word - the word at text[p] opens in lower case ("ihnen", not
 * the owner's "Ihnen") */
static bool
lower_word(const struct cl *c, size_t p)
{
	return !(c->text[p] >= 'A' && c->text[p] <= 'Z');
}

/* given_in - a tie and its pronoun among the words of text[from, to):
 * the German verb comes last ("bei ihnen beschwert"); *tie is where */
static bool
given_in(const struct cl *c, size_t from, size_t to, size_t *tie)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "";
	size_t p = from, pstart = from;

	while (rules_word_next(c->text, to, &p, &w)) {
		if (w.overflow)
			return false;
		for (size_t i = 0; *prev && i < NELEMS(given_to); i++)
			if (strcmp(given_to[i].tie, prev) == 0 &&
			    strcmp(given_to[i].who, w.folded) == 0 &&
			    lower_word(c, w.start)) {
				*tie = pstart;
				return true;
			}
		memcpy(prev, w.folded, w.flen + 1);
		pstart = w.start;
	}
	return false;
}

bool
cl_about_recipient(const struct cl *c, struct cl_span at, bool praise)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "";
	size_t sb, se, cb, ce, p = at.start, tie = at.start, from;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	ce = cl_clause_end(c->text, at.end, se);
	cb = cl_clause_start(c->text, sb, at.start);
	from = at.start;
	for (size_t n = 0; n <= ABOUT_TIE_WORDS && from > cb; ) {
		from--;
		if (from > cb && strchr(" \t\r\n", c->text[from - 1]) &&
		    !strchr(" \t\r\n", c->text[from]))
			n++;
	}
	if (given_in(c, from, at.start, &tie))
		goto given;	/* "bei ihnen beschwert" */
	tie = at.start;
	/* the hit's last word may be the tie itself ("bravo à") */
	while (rules_word_next(c->text, at.end, &p, &w))
		if (!w.overflow) {
			memcpy(prev, w.folded, w.flen + 1);
			tie = w.start;
		}
	p = at.end;
	for (size_t n = 0; n <= ABOUT_TIE_WORDS &&
	    rules_word_next(c->text, ce, &p, &w); n++) {
		if (w.overflow)
			return false;
		for (size_t i = 0; *prev && i < NELEMS(given_to); i++)
			if (strcmp(given_to[i].tie, prev) == 0 &&
			    strcmp(given_to[i].who, w.folded) == 0 &&
			    lower_word(c, w.start))
				goto given;
		memcpy(prev, w.folded, w.flen + 1);
		tie = w.start;
	}
	return false;
given:
	if (cl_near_between(c, cb, tie, "aim"))
		return false;	/* "your men, bravo à eux" */
	return !praise || (!cl_near_between(c, sb, cb, "aim") &&
	    !before_aims(c, sb));
}

/*
 * cl_exonerated - the sender clears the owner of the trouble they describe
 * ([aim exonerate]: "not your fault", "nicht an Ihnen", "por tu parte no
 * hay ningún problema") in its sentence, the next, or a later one of its
 * paragraph ("... the box had split open.  The courier was hopeless
 * ...  Your side was fine."): the complaint is about somebody else.
 * Not when a contrast word stands between the clearing before it and
 * the complaint ("je n'ai aucun reproche à vous faire sur l'accueil,
 * mais le travail est bâclé").
 */
bool
cl_exonerated(const struct cl *c, struct cl_span at)
{
	struct cl_span x;
	size_t sb, se, nb, ne, pe, p, last = 0;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	ne = se;
	if (se < c->tlen)
		cl_sentence(c->text, c->tlen, se, se + 1, &nb, &ne);
	if (ne < (pe = cl_paragraph_end(c->text, c->tlen, se)))
		ne = pe;
	if (cl_near_between(c, at.start, ne, "exonerate"))
		return true;
	/* cleared only before a contrast that turns to the complaint:
	 * "nothing to reproach you for, but the seams are crooked" */
	for (p = sb; cl_money_seek(c, c->text, p, at.start, RULES_AIM,
	    "exonerate", &x); p = x.end)
		last = x.end;
	return last > 0 && !cl_near_between(c, last, at.start, "contrast");
}
