/*
 * classify_taken - a price or a discount the sender takes up, not asks for.
 *
 * DESCRIPTION
 *	A word of haggling ("discount", "Rabatt", "remise", "descuento",
 *	"special price") is the sender's demand only when it is asked for.
 *	Named as the object of thanks ([outcome thanks]: "Muchas gracias
 *	por el descuento", "thanks so much for the generous discount",
 *	"vielen Dank für den Nachlass") or of acceptance ([aim accept]: "we
 *	accept your special price", "nous acceptons volontiers la remise",
 *	"aceptamos el descuento"), it is what the owner offered, taken up.
 *	The object may also open the clause with its verb after it, as
 *	German puts it ("Den Rabatt nehmen wir gerne an", "The discount is
 *	much appreciated").
 *
 *	The object is a noun group of its own: after the cue, a few words
 *	and a preposition at most ("so much for"), then a definite
 *	article, a possessive or a demonstrative ("the", "your", "den",
 *	"votre", "ce", "el", "su") and at most TAKEN_MODS words before the
 *	word of haggling or of price.  It runs on over what a preposition
 *	hangs on it ("the discount on the invoice", "el descuento del 10 %
 *	en la factura"), up to a conjunction, a relative pronoun, the end
 *	of its clause or TAKEN_TAIL words; every haggling hit inside it is
 *	taken up.
 *
 *	Weighed back with thanks as the predicate of a clause that points
 *	at the offer ("Thank you Rob, that's a kind discount", "Danke, das
 *	ist ein großzügiger Rabatt", "Merci, c'est une belle remise"), it is
 *	the owner's offer named back, not one asked for.
 *
 *	Thanks whose object is such a noun group, of a discount or of a
 *	price ("Thank you so much for the discount", "merci beaucoup pour le
 *	devis"), are manners towards the offer, not praise of work
 *	(cl_taken_thanks).
 *
 *	Not when the sentence asks, its clause sets a condition ([aim if])
 *	or a negation stands before the object, thanks come in advance
 *	("thanks in advance for your best price" asks for it), the object
 *	has no article of its own ("I'd accept a discount", "gracias por
 *	cualquier descuento" still ask for one) or what the owner can do
 *	follows it ("we'll take the best price you can do").
 *
 * OWNS
 *	Nothing: the word lists below are static.
 *
 * NEVER
 *	Records a tag, or reads outside the sentence of the hit.
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define TAKEN_LEAD	3	/* words between a cue and its preposition
				 * ("thank you so much for") */
#define TAKEN_MODS	2	/* words between the article and the noun */
#define TAKEN_TAIL	5	/* words of what hangs on the noun */
#define TAKEN_AFTER	3	/* words from an object that opens the clause
				 * to its verb ("nehmen wir gerne an") */

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* What makes the object definite: articles, possessives, demonstratives
 * (French "du", Spanish "del" bring their preposition with them). */
static const char *const definite[] = {
	"the", "your", "this", "that", "these", "those", "our", "my",
	"der", "die", "das", "den", "dem", "des", "ihr", "ihre", "ihren",
	"ihrem", "dein", "deine", "deinen", "diesen", "diese", "dieses",
	"diesem", "unseren", "unsere",
	"le", "la", "les", "l", "du", "au", "votre", "vos", "ton", "ta",
	"tes", "ce", "cet", "cette", "ces",
	"el", "los", "las", "del", "al", "su", "sus", "tu", "tus", "este",
	"esta", "estos", "estas", "ese", "esa", "esos", "esas",
};
/* What thanks and acceptance take their object with. */
static const char *const prep[] = {
	"for", "with", "on", "fur", "mit", "pour", "de", "d", "avec",
	"por", "para", "con",
};
/* What hangs a further noun on the object ("on the invoice", "del 10 %"). */
static const char *const hang[] = {
	"on", "of", "off", "for", "in", "auf", "fur", "bei", "von", "vom",
	"sur", "de", "du", "des", "pour", "en", "del", "sobre", "para",
};
/* Thanks given before anything came: the sender asks. */
static const char *const ahead[] = {
	"advance", "voraus", "vorab", "avance", "antemano", "adelantado",
};
/* A price asked for after it: "the best price you can do", "le meilleur
 * prix que vous pouvez faire". */
static const char *const able[] = {
	"can", "could", "konnen", "konnten", "kannst", "pouvez", "pourriez",
	"puedes", "puede", "pueda", "puedas", "podria", "podrias",
};
#define TAKEN_ABLE	3	/* words after the noun group read for one */
/* Where the object's noun group ends: a conjunction, a relative, or a
 * pronoun that opens a clause of its own. */
static const char *const stop[] = {
	"and", "but", "or", "which", "that", "who", "it", "is", "und",
	"aber", "oder", "ist", "et", "mais", "ou", "qui", "que", "est",
	"y", "e", "pero", "o", "es", "lo", "aunque",
};

/* What a scan for a phrase starting at one place is looking for. */
struct starts {
	enum rules_kind kind;
	const char *name;
	bool found;
};

static void
starts_fn(void *ctx, const struct rules_match *m)
{
	struct starts *s = ctx;

	if (m->start == 0 && m->kind == s->kind && strcmp(m->name, s->name) == 0)
		s->found = true;
}

/*
 * haggling_at - a word of haggling or of price starts at text[p]: a
 * haggler hit of the scan, or an [aim haggler] or [weak haggler] phrase
 * ("discount", "Rabatt", "quote", "devis")
 */
static bool
haggling_at(const struct cl *c, size_t p, size_t se)
{
	struct starts aim = { RULES_AIM, "haggler", false };
	struct starts weak = { RULES_WEAK, "haggler", false };

	for (size_t i = 0; i < c->ntags; i++)
		if (c->tags[i].at.start == p &&
		    strcmp(c->tags[i].tag, "haggler") == 0)
			return true;
	rules_scan(c->r, c->text + p, se - p, starts_fn, &aim);
	if (aim.found)
		return true;
	rules_scan(c->r, c->text + p, se - p, starts_fn, &weak);
	return weak.found;
}

/* clause_end - where the clause holding at ends within [.., se): a , ; :
 * ( ) or a dash set off by a blank */
static size_t
clause_end(const struct cl *c, size_t at, size_t se)
{
	for (; at < se; at++) {
		if (strchr(",;:()", c->text[at]) != NULL)
			break;
		if (at > 0 && c->text[at - 1] == ' ' && (c->text[at] == '-' ||
		    (se - at >= 3 && memcmp(c->text + at, "\xe2\x80", 2) == 0 &&
		    (c->text[at + 2] == '\x93' || c->text[at + 2] == '\x94'))))
			break;
	}
	return at;
}

/*
 * noun_group - from the definite word ending at d, the word of haggling
 * after at most TAKEN_MODS words, and what hangs on it by a preposition:
 * its span into *g (g->start the noun), or false
 */
static bool
noun_group(const struct cl *c, size_t d, size_t ce, struct cl_span *g)
{
	struct rules_word rw;
	size_t p = d, n;

	for (n = 0; n <= TAKEN_MODS; n++) {
		size_t w = p;

		if (!rules_word_next(c->text, ce, &w, &rw) || rw.overflow ||
		    rules_word_in(&rw, stop, NELEMS(stop)))
			return false;
		if (haggling_at(c, rw.start, ce))
			break;
		p = rw.end;
	}
	if (n > TAKEN_MODS)
		return false;
	g->start = rw.start;
	g->end = rw.end;
	p = rw.end;
	/* the phrase may be longer than its first word ("special price") */
	for (size_t i = 0; i < c->ntags; i++)
		if (c->tags[i].at.start == g->start && c->tags[i].at.end > g->end)
			g->end = p = c->tags[i].at.end;
	if (!rules_word_next(c->text, ce, &p, &rw) ||
	    !rules_word_in(&rw, hang, NELEMS(hang)))
		return true;
	for (n = 0; n < TAKEN_TAIL; n++) {
		if (rules_word_in(&rw, stop, NELEMS(stop)))
			break;
		g->end = rw.end;
		if (!rules_word_next(c->text, ce, &p, &rw))
			break;
	}
	return true;
}

/* asked_after - a modal of ability follows the noun group within
 * TAKEN_ABLE words: "the best price you can do" is still asked for */
static bool
asked_after(const struct cl *c, size_t end, size_t ce)
{
	struct rules_word rw;
	size_t p = end;

	for (size_t n = 0; n < TAKEN_ABLE &&
	    rules_word_next(c->text, ce, &p, &rw); n++)
		if (rules_word_in(&rw, able, NELEMS(able)))
			return true;
	return false;
}

/*
 * object_after - the words after a cue ending at from make an object
 * noun group (noun_group, into *g) that nothing asks for after it: a few
 * lead words and a preposition at most, then the definite word; none of
 * them tells of thanks in advance
 */
static bool
object_after(const struct cl *c, size_t from, size_t to, size_t ce,
    struct cl_span *g)
{
	struct rules_word rw;
	size_t p = from;
	bool after_prep = false;

	for (size_t k = 0; k <= TAKEN_LEAD + 1 &&
	    rules_word_next(c->text, to, &p, &rw); k++) {
		if (rw.overflow || rules_word_in(&rw, ahead, NELEMS(ahead)))
			return false;
		if (rules_word_in(&rw, definite, NELEMS(definite)) &&
		    (k == 0 || after_prep))
			return noun_group(c, rw.end, ce, g) &&
			    !asked_after(c, g->end, ce);
		after_prep = rules_word_in(&rw, prep, NELEMS(prep));
	}
	return false;
}

/* What a scan for the [aim accept] cues of a clause found. */
struct cues {
	struct cl_span v[CL_MAX_CUES];
	size_t n;
};

static void
accept_fn(void *ctx, const struct rules_match *m)
{
	struct cues *k = ctx;

	if (m->kind == RULES_AIM && strcmp(m->name, "accept") == 0 &&
	    k->n < CL_MAX_CUES)
		k->v[k->n++] = (struct cl_span){ m->start, m->end };
}

/*
 * cues_in - the cues of thanks ([outcome thanks]) and acceptance ([aim
 * accept]) of text[from, to), into *k
 */
static void
cues_in(const struct cl *c, size_t from, size_t to, struct cues *k)
{
	struct cues more = { .n = 0 };

	k->n = 0;
	for (size_t i = 0; i < c->noutc && k->n < CL_MAX_CUES; i++)
		if (strcmp(c->outc[i].name, "thanks") == 0 &&
		    c->outc[i].at.start >= from && c->outc[i].at.end <= to)
			k->v[k->n++] = c->outc[i].at;
	if (from >= to)
		return;
	rules_scan(c->r, c->text + from, to - from, accept_fn, &more);
	for (size_t i = 0; i < more.n && k->n < CL_MAX_CUES; i++)
		k->v[k->n++] = (struct cl_span){ from + more.v[i].start,
		    from + more.v[i].end };
}

/*
 * object_first - the clause opens on the object (a preposition at most,
 * then the definite word and its noun group holding at) and a cue
 * follows within TAKEN_AFTER words: "Den Rabatt nehmen wir gerne an"
 */
static bool
object_first(const struct cl *c, size_t cb, struct cl_span at, size_t ce)
{
	struct rules_word rw;
	struct cl_span g;
	struct cues k;
	size_t p = cb, q;

	if (!rules_word_next(c->text, at.start, &p, &rw))
		return false;
	if (rules_word_in(&rw, prep, NELEMS(prep)) &&
	    !rules_word_next(c->text, at.start, &p, &rw))
		return false;
	if (!rules_word_in(&rw, definite, NELEMS(definite)) ||
	    !noun_group(c, rw.end, ce, &g) || at.start < g.start ||
	    at.end > g.end || asked_after(c, g.end, ce))
		return false;
	q = g.end;
	for (size_t n = 0; n < TAKEN_AFTER &&
	    rules_word_next(c->text, ce, &q, &rw); n++)
		;
	cues_in(c, g.end, q, &k);
	return k.n > 0;
}

/* A clause that points at what was offered and weighs it: "that's",
 * "it is", "what", "das ist", "c'est", "es", "qué". */
static const char *const pointer[] = {
	"that's", "it's", "that", "it", "this", "what", "das", "dies",
	"c'est", "ce", "eso", "esto", "es", "que",
};
static const char *const copula[] = {
	"is", "was", "ist", "war", "est", "etait", "es", "era", "fue",
};
static const char *const indefinite[] = {
	"a", "an", "ein", "eine", "einen", "un", "une", "una", "uno",
};

/*
 * appraised - the haggling word at is the predicate of a clause that
 * points back at the offer and weighs it, in a sentence that thanks and
 * asks nothing: "Thank you Rob, that's a kind discount", "Danke, das ist
 * ein großzügiger Rabatt", "Merci, c'est une belle remise", "Gracias, es
 * un descuento muy generoso".  The offer is the owner's, named back.
 */
static bool
appraised(const struct cl *c, size_t cb, struct cl_span at)
{
	struct rules_word w;
	size_t p = cb, mods = 0, sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (!cl_outcome_in(c, "thanks", sb, se) ||
	    !rules_word_next(c->text, at.start, &p, &w) || w.overflow ||
	    !str_in_list(pointer, NELEMS(pointer), w.folded))
		return false;
	if (!rules_word_next(c->text, at.start, &p, &w) || w.overflow)
		return false;
	if (str_in_list(copula, NELEMS(copula), w.folded) &&
	    (!rules_word_next(c->text, at.start, &p, &w) || w.overflow))
		return false;
	if (!str_in_list(indefinite, NELEMS(indefinite), w.folded))
		return false;	/* "that's a", "c'est une" */
	while (rules_word_next(c->text, at.start, &p, &w))
		if (w.overflow || ++mods > TAKEN_MODS + 1)
			return false;	/* "a kind", "ein sehr großzügiger" */
	return true;
}

bool
cl_taken_up(const struct cl *c, struct cl_span at)
{
	struct cues k;
	struct cl_span g;
	size_t sb, se, cb, ce;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_asks(c->text, sb, se))
		return false;
	cb = cl_clause_start(c->text, sb, at.start);
	ce = clause_end(c, at.end, se);
	if (cl_near_between(c, cb, ce, "if") ||
	    cl_near_between(c, cb, at.start, "negation"))
		return false;
	cues_in(c, cb, at.start, &k);
	for (size_t i = 0; i < k.n; i++)
		if (object_after(c, k.v[i].end, at.start, ce, &g) &&
		    at.start >= g.start && at.end <= g.end)
			return true;
	return object_first(c, cb, at, ce) || appraised(c, cb, at);
}

bool
cl_taken_thanks(const struct cl *c, struct cl_span at)
{
	struct cl_span g;
	size_t sb, se;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_asks(c->text, sb, se) || !cl_outcome_in(c, "thanks", at.start,
	    at.end))
		return false;
	return object_after(c, at.end, se, clause_end(c, at.end, se), &g);
}
