/*
 * classify_stands - whether an [outcome NAME] phrase stands as the
 * sender's own report, and the verdict being built from such phrases.
 *
 * DESCRIPTION
 *	The tests classify_defects.c and classify_results.c share (see
 *	classify_outcome.c for what they decide): a phrase stands unless
 *	its sentence is a question, it is quoted, a condition opens its
 *	clause, a negation or a repair word comes just before it, or its
 *	sentence speaks of a third party.  Also the predicate list and the
 *	evidence of a verdict (struct oc_case), and whether the mail is a
 *	first message asking for new work.
 *
 * OWNS
 *	Nothing: the evidence string it makes belongs to the caller.
 *
 * NEVER
 *	Adds a tag, or looks beyond one sentence (and the clause mark before
 *	it) for any one test.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"

bool
oc_is_name(const struct cl_outhit *h, const char *name)
{
	return strcmp(h->name, name) == 0;
}

/* oc_sentence_of - the bounds of h's sentence */
void
oc_sentence_of(const struct cl *c, struct cl_span at, size_t *sb,
    size_t *se)
{
	cl_sentence(c->text, c->tlen, at.start, at.end, sb, se);
}

/* oc_quoted - an odd number of quotation marks before at in its sentence */
bool
oc_quoted(const struct cl *c, size_t sb, struct cl_span at)
{
	return cl_quote_marks(c->text, sb, at.start) % 2 == 1;
}

/* find - the first [outcome name] phrase in [from, to) other than skip */
static const struct cl_outhit *
find(const struct cl *c, const char *name, size_t from, size_t to,
    const struct cl_outhit *skip)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];

		if (h != skip && oc_is_name(h, name) && h->at.start >= from &&
		    h->at.end <= to)
			return h;
	}
	return NULL;
}

/* oc_has_hit - an [outcome name] phrase lies in [from, to), other than skip */
bool
oc_has_hit(const struct cl *c, const char *name, size_t from, size_t to,
    const struct cl_outhit *skip)
{
	return find(c, name, from, to, skip) != NULL;
}

/*
 * oc_negated - an [aim negation] word among the `words` words before at, in
 * its clause: "no leaks", "nothing is missing", "nicht gerissen".
 */
bool
oc_negated(const struct cl *c, size_t cb, struct cl_span at,
    size_t words)
{
	size_t from = cl_words_back(c->text, cb, at.start, words);

	return from < at.start && cl_near_between(c, from, at.start,
	    "negation");
}

/* word_is - the word at text[p, q) is one of the words of set */
static bool
word_is(const struct cl *c, size_t p, size_t q, const char *const *set)
{
	for (size_t i = 0; set[i] != NULL; i++)
		if (strlen(set[i]) == q - p &&
		    strncasecmp(c->text + p, set[i], q - p) == 0)
			return true;
	return false;
}

/* The words that join the members of a list, in the four languages. */
static const char *const oc_joiners[] = {
	"or", "nor", "and", "oder", "und", "noch", "weder", "ou", "ni", "et",
	"o", "u", "y", "e", NULL
};

/* The characters that end a word of a list. */
#define OC_WORD_STOP " \t\r\n,.;:"

/* token_back - where the word that ends at text[p] begins, within [sb, p) */
static size_t
token_back(const struct cl *c, size_t sb, size_t p)
{
	while (p > sb && strchr(OC_WORD_STOP, c->text[p - 1]) == NULL)
		p--;
	return p;
}

/*
 * oc_list_start - where the list the hit at ends lies, within [sb, at):
 * "not a shelf has bowed, sagged or cracked", "kein Brett hat sich
 * verzogen oder gespalten", "pas une vis ne s'est desserrée ni cassée",
 * "ni un barrote se ha movido ni oxidado".  Each member before a joiner
 * or a comma is one word; at most OC_LIST_MEMBERS of them.  at.start when
 * at stands alone.  A denial before the list's first member reaches every
 * member.
 */
size_t
oc_list_start(const struct cl *c, size_t sb, struct cl_span at)
{
	size_t start = at.start, p = at.start;

	for (size_t n = 0; n < OC_LIST_MEMBERS; n++) {
		size_t q, w;
		bool joined = false;

		while (p > sb && strchr(" \t\r\n", c->text[p - 1]) != NULL)
			p--;
		if (p > sb && c->text[p - 1] == ',') {
			p--;
			joined = true;
		} else {
			q = token_back(c, sb, p);
			if (q == p || !word_is(c, q, p, oc_joiners))
				break;
			p = q;
			joined = true;
		}
		while (p > sb && strchr(" \t\r\n", c->text[p - 1]) != NULL)
			p--;
		w = token_back(c, sb, p);
		if (!joined || w == p)
			break;
		start = p = w;	/* the member before: "sagged", "bowed" */
	}
	return start;
}

/*
 * oc_list_denied - h is a later member of a list whose first member a
 * denial of any ([outcome none]) or a negation reaches: "not a shelf has
 * bowed, sagged or cracked" denies the cracking as much as the bowing
 */
bool
oc_list_denied(const struct cl *c, size_t sb, const struct cl_outhit *h)
{
	size_t ls = oc_list_start(c, sb, h->at);
	struct cl_span first = { ls, ls };

	if (ls == h->at.start)
		return false;
	sb = cl_clause_start(c->text, sb, ls);
	return oc_has_hit(c, "none", cl_words_back(c->text, sb, first.start,
	    OC_SPARED_WORDS + 1), ls, h) || oc_negated(c, sb, first,
	    OC_NEGATION_WORDS);
}

/*
 * returned - an [outcome still] word ("again", "otra vez", "wieder", "de
 * nouveau") between the last [outcome fixed] verb in [from, h) and the
 * defect h: "el crucificado que restauraron hace dos años tiene otra vez
 * grietas" tells the fault come back after the repair, not one it ended.
 */
static bool
returned(const struct cl *c, size_t from, const struct cl_outhit *h)
{
	size_t fix_end = 0;
	bool fixed = false;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *o = &c->outc[i];

		if (oc_is_name(o, "fixed") && o->at.start >= from &&
		    o->at.end <= h->at.start && (!fixed || o->at.end > fix_end)) {
			fix_end = o->at.end;
			fixed = true;
		}
	}
	return fixed && oc_has_hit(c, "still", fix_end, h->at.start, h);
}

/* repaired - an [outcome fixed] verb ("u even fixed the wobbly bell") or
 * an [outcome was] ("the tap that used to drip") among the
 * OC_FIXED_WORDS words before the defect at: a defect of the past,
 * unless it came back after the repair (returned) */
static bool
repaired(const struct cl *c, size_t cb, const struct cl_outhit *h)
{
	size_t from = cl_words_back(c->text, cb, h->at.start, OC_FIXED_WORDS);

	if (oc_has_hit(c, "was", from, h->at.start, h))
		return true;
	return oc_has_hit(c, "fixed", from, h->at.start, h) &&
	    !returned(c, from, h);
}

/* The words that open a noun phrase: a new subject after a joiner. */
static const char *const oc_determiners[] = {
	"the", "a", "an", "my", "our", "his", "her", "their", "all", "die",
	"der", "das", "den", "ein", "eine", "mein", "meine", "unser", "unsere",
	"alle", "le", "la", "les", "un", "une", "mon", "ma", "mes", "notre",
	"nos", "tous", "toutes", "el", "los", "las", "una", "mi", "mis",
	"nuestro", "nuestra", "nuestros", "todos", NULL
};

/*
 * new_subject - where, in [from, se), a joiner or a comma is followed by
 * a determiner ("... has stopped and the fish are feeding again", "hat
 * aufgehört und die Katze schläft wieder"): a clause about something
 * else begins there.  se when none does.  One pass over the words.
 */
static size_t
new_subject(const struct cl *c, size_t from, size_t se)
{
	size_t p = from, joint = se;

	while (p < se) {
		size_t q;

		while (p < se && strchr(" \t\r\n", c->text[p]) != NULL)
			p++;
		if (p < se && c->text[p] == ',') {
			joint = ++p;
			continue;
		}
		for (q = p; q < se && strchr(OC_WORD_STOP, c->text[q]) == NULL;
		    q++)
			;
		if (q == p)
			return se;
		if (joint != se && word_is(c, p, q, oc_determiners))
			return joint;
		joint = word_is(c, p, q, oc_joiners) ? p : se;
		p = q;
	}
	return se;
}

/*
 * oc_gone - a fault the sender reports gone: an [outcome gone] phrase
 * ("has disappeared", "ist verschwunden", "a séché", "ha desaparecido")
 * within OC_GONE_WORDS words after the defect h, in its clause ("the
 * squeak by the front door has disappeared").  A comma, semicolon or
 * colon between them ends the clause; a negation between them, or a
 * persistence word after ("but it's back again"), keeps the fault.
 */
bool
oc_gone(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, words = 0;
	bool in_word = false;

	oc_sentence_of(c, h->at, &sb, &se);
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *g = &c->outc[i];

		if (!oc_is_name(g, "gone") || g->at.start < h->at.end ||
		    g->at.end > se)
			continue;
		for (size_t p = h->at.end; p < g->at.start; p++) {
			char ch = c->text[p];
			bool blank = ch == ' ' || ch == '\t' || ch == '\n' ||
			    ch == '\r';

			if (ch == ',' || ch == ';' || ch == ':')
				return false;
			if (!blank && !in_word && ++words > OC_GONE_WORDS)
				return false;
			in_word = !blank;
		}
		/* "hasn't gone", "had stopped for a day, but it's back again";
		 * not the persistence of a new subject: "the grinding has
		 * stopped and the fish are feeding again" */
		return !cl_near_between(c, h->at.end, g->at.start, "negation") &&
		    !oc_has_hit(c, "still", g->at.end, new_subject(c, g->at.end,
		    se), NULL);
	}
	return false;
}

/*
 * oc_third_party - the sentence speaks of someone else ([aim other]: "the
 * courier", "our last cleaner"; or the one the sender took the thing to,
 * cl_party_taken: "I took it to a shop ...") and nothing ties it to the
 * owner (an [aim] or [aim work] phrase, an [outcome link]); or it opens
 * on the third party and names the owner only in a bracket
 * (cl_about_sentence: "The courier ... was useless - ... soaked through
 * (luckily you'd double-bagged them)").
 */
bool
oc_third_party(const struct cl *c, size_t sb, size_t se)
{
	if (oc_has_hit(c, "link", sb, se, NULL))
		return false;
	return ((cl_near_between(c, sb, se, "other") ||
	    cl_party_taken(c, sb, se)) &&
	    !cl_near_between(c, sb, se, "aim") &&
	    !cl_near_between(c, sb, se, "work")) ||
	    cl_about_sentence(c, sb, se);
}

/*
 * oc_stands - hit h is the sender's own statement: no question, no
 * condition before it in its clause (or, for a good result, anywhere in
 * its sentence), no negation just before it, not in quotation marks,
 * not (for a defect) somebody else's words reported, not about a third
 * party.
 */
bool
oc_stands(const struct cl *c, const struct cl_outhit *h, bool good)
{
	size_t sb, se, cb;

	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at))
		return false;
	cb = cl_clause_start(c->text, sb, h->at.start);
	if (oc_has_hit(c, "hedge", good ? sb : cb, good ? se : h->at.start, h))
		return false;
	if (!good && (oc_has_hit(c, "none", cb, h->at.start, h) ||
	    repaired(c, cb, h) || oc_gone(c, h) || oc_list_denied(c, sb, h)))
		return false;	/* "not a single drip", "fixed the wobbly bell",
				 * "the stain has dried" */
	if (oc_negated(c, cb, h->at, good ? OC_NEGATION_GOOD : OC_NEGATION_WORDS))
		return false;
	/* a fault somebody else reports is theirs; a good result the sender
	 * passes on ("los chicos dicen que no los tenían así ni nuevos") is
	 * the sender's news of the work, told to its maker: oc_praise weighs
	 * it as one */
	if (!good && cl_near_between(c, sb, h->at.start, "report"))
		return false;
	/* "accepted without a single query, which our previous translator
	 * never once managed": the former supplier is the foil */
	if (good && oc_has_hit(c, "prior", h->at.end, se, NULL))
		return true;
	return !oc_third_party(c, sb, se);
}

/* The endings of a participle of a process: Spanish, French, English;
 * German participles are told by their "ge-" (participle). */
static const char *const oc_participle_ends[] = {
	"ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
	"\xc3\xa9", "\xc3\xa9" "e", "\xc3\xa9" "s", "\xc3\xa9" "es", "it", "ite",
	"its", "ites", "ed", NULL
};

/* participle - the word text[p, q) is a participle of a process:
 * "tostado", "cuit", "salé", "roasted", "geröstet", "gebacken" */
static bool
participle(const struct cl *c, size_t p, size_t q)
{
	if (q - p > 4 && strncasecmp(c->text + p, "ge", 2) == 0 &&
	    (c->text[q - 1] == 't' || strncmp(c->text + q - 2, "en", 2) == 0))
		return true;
	for (size_t i = 0; oc_participle_ends[i] != NULL; i++) {
		size_t n = strlen(oc_participle_ends[i]);

		if (q - p > n + 1 && strncasecmp(c->text + q - n,
		    oc_participle_ends[i], n) == 0)
			return true;
	}
	return false;
}

/* The first person opening a clause: its excess is the sender's own
 * state ("I was way too busy", "je suis trop occupée", "estoy demasiado
 * cansado"), not the thing's. */
static const char *const oc_self_subjects[] = {
	"i", "i'm", "i've", "i'd", "we", "we're", "we've", "we'd", "ich", "wir",
	"je", "j'ai", "j'etais", "nous", "yo", "estoy", "estaba", "estuve",
	"estamos", "nosotros", NULL
};

/* self_said - the clause of at opens on the first person */
static bool
self_said(const struct cl *c, struct cl_span at)
{
	size_t sb, se, p, q;

	oc_sentence_of(c, at, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	while (p < at.start && strchr(" \t\r\n", c->text[p]) != NULL)
		p++;
	for (q = p; q < at.start && strchr(OC_WORD_STOP "!?", c->text[q]) ==
	    NULL; q++)
		;
	return word_is(c, p, q, oc_self_subjects);
}

/* comparing - the excess ending at `at` opens a comparison: "de más de
 * diez años" (more than), "too much of", a figure after it */
static bool
comparing(const struct cl *c, size_t at)
{
	static const char *const next[] = { "de", "que", "of", "than", NULL };
	size_t p = at, q;

	while (p < c->tlen && strchr(" \t", c->text[p]) != NULL)
		p++;
	for (q = p; q < c->tlen && strchr(OC_WORD_STOP "!?", c->text[q]) == NULL;
	    q++)
		;
	return (q > p && c->text[p] >= '0' && c->text[p] <= '9') ||
	    word_is(c, p, q, next);
}

/*
 * oc_overdone - the excess h stands beside the participle of a process on
 * its side: after one ([outcome excess]: "tostado de más", "roasted too
 * long", "cuit à l'excès") or before one ([outcome overly]: "zu stark
 * geröstet", "trop cuit", "demasiado tostado"): the thing was overdone.
 * "una bolsa de más", "trop tard", "too much trouble" are none, and so are
 * a comparison ("usado de más de diez años") and the sender's own state
 * (a clause that opens on the first person: "I was way too tired").
 */
bool
oc_overdone(const struct cl *c, const struct cl_outhit *h)
{
	size_t p, q;

	if (oc_is_name(h, "excess")) {
		if (comparing(c, h->at.end))
			return false;	/* "usado de más de diez años" */
		for (q = h->at.start; q > 0 && strchr(" \t", c->text[q - 1]); q--)
			;
		p = token_back(c, 0, q);
	} else if (oc_is_name(h, "overly")) {
		for (p = h->at.end; p < c->tlen && strchr(" \t", c->text[p]); p++)
			;
		for (q = p; q < c->tlen && strchr(OC_WORD_STOP "!?", c->text[q]) ==
		    NULL; q++)
			;
	} else {
		return false;
	}
	if (q <= p || !participle(c, p, q) || self_said(c, h->at))
		return false;
	/* "trop serré" is a defect of its own: counted once */
	return !oc_has_hit(c, "defect", p < h->at.start ? p : h->at.start,
	    q > h->at.end ? q : h->at.end, NULL) &&
	    !oc_has_hit(c, "defect", h->at.start, h->at.end, NULL);
}

/* oc_note - add the phrase of h to the case's predicate list, once */
void
oc_note(struct oc_case *k, const struct cl_outhit *h)
{
	size_t n = strlen(h->phrase);

	if (k->wlen > 0 && strstr(k->why, h->phrase) != NULL)
		return;
	if (k->wlen + n + 2 > OC_WHY_MAX)
		return;
	if (k->wlen > 0) {
		memcpy(k->why + k->wlen, ", ", 2);
		k->wlen += 2;
	}
	memcpy(k->why + k->wlen, h->phrase, n);
	k->wlen += n;
	k->why[k->wlen] = '\0';
}

/* oc_tied_fault - h is a defect tied to the owner's work, weighing two */
void
oc_tied_fault(struct oc_case *k, const struct cl_outhit *h)
{
	if (k->lead == NULL)
		k->lead = h;
	k->weight += 2;
	k->ndefects++;
	k->tied = true;
	oc_note(k, h);
}

/*
 * oc_stated - h stands as the sender's own statement in its sentence: not a
 * question, not quoted, no condition or negation before it in its clause
 */
bool
oc_stated(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb;

	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at))
		return false;
	cb = cl_clause_start(c->text, sb, h->at.start);
	return !oc_has_hit(c, "hedge", cb, h->at.start, h) &&
	    !oc_negated(c, cb, h->at, OC_NEGATION_WORDS);
}

/* oc_evidence - the lead's sentence and the predicates, for the facts */
char *
oc_evidence(const struct cl *c, const struct oc_case *k)
{
	size_t sb, se, n;
	char *ev, *out;

	oc_sentence_of(c, k->lead->at, &sb, &se);
	if ((ev = cl_evidence(c->text, sb, se, k->lead->at.start)) == NULL)
		return NULL;
	n = utf8_prefix(ev, CL_MAX_EVIDENCE - OC_WHY_MAX - 4);
	if ((out = malloc(n + k->wlen + 4)) == NULL) {
		free(ev);
		return NULL;
	}
	memcpy(out, ev, n);
	snprintf(out + n, k->wlen + 4, " [%s]", k->why);
	free(ev);
	return out;
}

/* cl_defect_stands - a defect stands anywhere in the text */
bool
cl_defect_stands(const struct cl *c)
{
	return cl_defect_stands_in(c, 0, (size_t)-1);
}

/* oc_own_deed - the word right before the defect d is the sender as its
 * subject ("I'd never touched willow before", "we never finished it"):
 * the sender's own doing or past, no fault of the owner's work */
bool
oc_own_deed(const struct cl *c, const struct cl_outhit *d)
{
	size_t q = d->at.start;

	while (q > 0 && (c->text[q - 1] == ' ' || c->text[q - 1] == '\t'))
		q--;
	return word_is(c, token_back(c, 0, q), q, oc_self_subjects);
}

/*
 * cl_owner_fault_stands - cl_defect_stands, leaving out a defect the
 * sender is the subject of (oc_own_deed), and one that
 * follows, in its paragraph, a cue introducing somebody or passing the
 * owner's details on, when its clause does not speak to the owner and
 * its sentence not of the owner's work ("I've copied in Tessa.  Her roof
 * has warped badly"): that is the newcomer's job, which does not keep
 * the sender's praise of the owner's own work from counting
 */
bool
cl_owner_fault_stands(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *d = &c->outc[i];
		size_t sb, se;

		if (!oc_is_name(d, "defect") || !oc_stands(c, d, false) ||
		    oc_own_deed(c, d))
			continue;
		oc_sentence_of(c, d->at, &sb, &se);
		if (!cl_introduced_trouble(c, d->at) ||
		    cl_near_between(c, cl_clause_start(c->text, sb,
		    d->at.start), d->at.end, "aim") ||
		    cl_near_between(c, sb, se, "work") ||
		    oc_has_hit(c, "link", sb, se, NULL))
			return true;
	}
	return false;
}

/* cl_defect_stands_in - a defect that stands lies in text[from, to) */
bool
cl_defect_stands_in(const struct cl *c, size_t from, size_t to)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *d = &c->outc[i];

		if (oc_is_name(d, "defect") && d->at.start >= from &&
		    d->at.end <= to && oc_stands(c, d, false))
			return true;
	}
	return false;
}

/* cl_outcome_in - an [outcome name] phrase lies in text[from, to) */
bool
cl_outcome_in(const struct cl *c, const char *name, size_t from, size_t to)
{
	return find(c, name, from, to, NULL) != NULL;
}

/* cl_outcome_first - the first [outcome name] phrase in text[from, to) */
const struct cl_outhit *
cl_outcome_first(const struct cl *c, const char *name, size_t from,
    size_t to)
{
	return find(c, name, from, to, NULL);
}
