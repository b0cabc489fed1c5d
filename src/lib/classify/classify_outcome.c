/*
 * classify_outcome - complaint and praise from what the sender describes,
 * not from the words that judge.
 *
 * DESCRIPTION
 *	People mostly complain by saying what is wrong with what the owner
 *	delivered ("the grout has already cracked and two tiles sit proud")
 *	and praise by saying what now works, with thanks ("the fire draws
 *	for the first time since we moved in.  Thank you").  The one scan
 *	of the text remembered the [outcome NAME] phrases of the rules;
 *	here they are weighed by where they stand.
 *
 *	A defect ([outcome defect]: cracked, leaking, missing, "doesn't
 *	close", "instead of") stands unless its sentence is a question, a
 *	condition opens its clause ([outcome hedge]: "if", "falls") or a
 *	denial of any ([outcome none]: "not a single thing", "rien"), a
 *	negation comes just before it, it is inside quotation marks,
 *	somebody else's words are reported, or a third party ([aim other]:
 *	the courier, our last cleaner) is what the sentence speaks of.
 *	A persistence word in the same sentence ([outcome still]: "still",
 *	"again", "already", "schon wieder", "déjà", "sigue") makes it weigh
 *	double.  Asking for the work to be put right ([outcome back]: "come
 *	back", "nachbessern", "refaire", "sin coste") and holding the
 *	payment back ([outcome withhold]: "before I pay") weigh one each.
 *	Saying what one paid for it ([outcome paid]: "I paid 75 for the
 *	service", "Bezahlt habe ich") or that one cannot call oneself
 *	content ([outcome unhappy]: "I can't say we're happy") ties the
 *	defects to the owner's work and weighs one.
 *	What the sender agreed with the owner ([outcome agreed]: "what we
 *	paid for", "lo que pedí") with a negation just before it ("it isn't
 *	what we paid for") or a clause opening on one after it ("I asked for
 *	a tidy, not a shave") is a breach: a defect tied to the owner's work
 *	whatever words the fault is told in, weighing two.
 *	A complaint needs a standing defect, a weight of two, and a tie to
 *	the owner's work: a request to put it right, a held payment, the
 *	work named, or persistence beside two defects ("die Tür klemmt immer
 *	noch, und am Rahmen fehlt eine Leiste"; one that persists alone may
 *	be the sender's: "il manque encore la facture") ([aim work]: "the tap you fitted";
 *	[outcome link]: "your lads").  Never in a first message asking for
 *	new work (the problem the owner is asked to fix), never when the
 *	sender owns the trouble ([outcome self]: "my fault", "I dropped
 *	it") or clears the owner ([aim exonerate]).
 *
 *	Chasing a message of one's own that went unanswered ([outcome
 *	earlier]: "I wrote on the 3rd", "le escribí"; beside [outcome
 *	unanswered]: "and have had no answer", "keine Antwort") in one
 *	sentence that stands is a complaint by itself.
 *
 *	Praise needs a weight of two from good results and thanks.  A good
 *	result ([outcome good]: "for the first time", "not a single
 *	problem", "like new", "zum ersten Mal", "un éxito"; [outcome prior]
 *	beside [outcome compare]: "our previous translator never managed";
 *	[outcome was] with [outcome now] after it: "the C that used to buzz
 *	is silent now") weighs one; a superlative measured against
 *	something ([outcome best] with [outcome scope] just after it: "the
 *	best 30 quid I've spent", "the nicest on the street", "lo mejor de
 *	la boda") or a credit by what would not have been without the owner
 *	([outcome without] with [outcome had] and a negation: "Ohne Ihre
 *	Geduld hätte er das Abi nicht geschafft") weighs two.  Each stands
 *	by the same tests, with no condition, hope or request anywhere in
 *	its sentence and no defect or talk of quotes beside it; a sentence
 *	counts once, for its strongest.  Thanks to the addressee ([outcome
 *	thanks]) that is not for a quote or in advance ([outcome offer])
 *	weighs one, and so does saying one will order or come again ([outcome
 *	again]: "we'll be ordering again", "repetiré seguro") beside a good
 *	result or such thanks.  Never in mail with a standing defect, or asking for new
 *	work as a first message.
 *
 *	The evidence is the sentence, then the predicates that decided it
 *	in brackets: "the grout has already cracked [cracked, already; come
 *	back]".
 *
 * OWNS
 *	Nothing beyond the tags it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again, except once for [aim work] or [aim
 *	exonerate] when a complaint is otherwise made; every other test
 *	looks at one sentence.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define OC_NEGATION_WORDS 2	/* words before a defect a negation reaches */
#define OC_NEGATION_GOOD 3	/* ... before a good result ("not for the") */
#define OC_FIXED_WORDS	3	/* words before a defect a repair verb reaches */
#define OC_SPARED_WORDS	4	/* ... a denial reaches, for a good result */
#define OC_WHY_MAX	72	/* bytes of the predicate list in the evidence */
#define OC_SCOPE_GAP	24	/* bytes from a superlative to its scope */
#define OC_BREACH_WORDS	4	/* words before what was agreed a negation
				 * reaches ("isn't quite what we paid for") */
#define OC_SIGNOFF_LINE	80	/* bytes of a sign-off's first line read */

/* A verdict being built: its weight, and the predicates behind it. */
struct oc_case {
	size_t weight;
	size_t ndefects;
	bool tied;			/* to the owner's work */
	bool persists;			/* a defect with persistence */
	const struct cl_outhit *lead;	/* the hit whose sentence is shown */
	char why[OC_WHY_MAX + 8];
	size_t wlen;
};

static bool
is_name(const struct cl_outhit *h, const char *name)
{
	return strcmp(h->name, name) == 0;
}

/* sentence_of - the bounds of h's sentence */
static void
sentence_of(const struct cl *c, struct cl_span at, size_t *sb, size_t *se)
{
	cl_sentence(c->text, c->tlen, at.start, at.end, sb, se);
}

/* question - the sentence [sb, se) ends with a question mark */
static bool
question(const struct cl *c, size_t sb, size_t se)
{
	while (se > sb && strchr(" \t\r\n\"')", c->text[se - 1]) != NULL)
		se--;
	return se > sb && c->text[se - 1] == '?';
}

/* quote_len - bytes of the quotation mark at s (n available), or 0 */
static size_t
quote_len(const char *s, size_t n)
{
	static const char *const marks[] = {
		"\"", "\xe2\x80\x9e", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xc2\xab", "\xc2\xbb",
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t k = strlen(marks[i]);

		if (n >= k && memcmp(s, marks[i], k) == 0)
			return k;
	}
	return 0;
}

/* quoted - an odd number of quotation marks before at in its sentence */
static bool
quoted(const struct cl *c, size_t sb, struct cl_span at)
{
	size_t marks = 0, k;

	for (size_t i = sb; i < at.start; i += k ? k : 1)
		if ((k = quote_len(c->text + i, at.start - i)) > 0)
			marks++;
	return marks % 2 == 1;
}

/* clause_start - where the clause around at begins within [sb, ...) */
static size_t
clause_start(const struct cl *c, size_t sb, struct cl_span at)
{
	size_t b = at.start;

	while (b > sb && strchr(",;:()", c->text[b - 1]) == NULL)
		b--;
	return b;
}

/* has_hit - an [outcome name] phrase lies in [from, to), other than skip */
static bool
has_hit(const struct cl *c, const char *name, size_t from, size_t to,
    const struct cl_outhit *skip)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];

		if (h != skip && is_name(h, name) && h->at.start >= from &&
		    h->at.end <= to)
			return true;
	}
	return false;
}

/* words_back - where the `words` words before at begin, within [cb, at) */
static size_t
words_back(const struct cl *c, size_t cb, struct cl_span at, size_t words)
{
	size_t from = at.start, n = 0;
	bool in_word = false;

	while (from > cb) {
		char ch = c->text[from - 1];
		bool blank = ch == ' ' || ch == '\t' || ch == '\n' ||
		    ch == '\r';

		if (blank && in_word && ++n >= words)
			break;
		in_word = !blank;
		from--;
	}
	return from;
}

/*
 * negated - an [aim negation] word among the `words` words before at, in
 * its clause: "no leaks", "nothing is missing", "nicht gerissen".
 */
static bool
negated(const struct cl *c, size_t cb, struct cl_span at, size_t words)
{
	size_t from = words_back(c, cb, at, words);

	return from < at.start && cl_near_between(c, from, at.start,
	    "negation");
}

/* repaired - an [outcome fixed] verb ("u even fixed the wobbly bell") or
 * an [outcome was] ("the tap that used to drip") among the
 * OC_FIXED_WORDS words before the defect at: a defect of the past */
static bool
repaired(const struct cl *c, size_t cb, const struct cl_outhit *h)
{
	size_t from = words_back(c, cb, h->at, OC_FIXED_WORDS);

	return has_hit(c, "fixed", from, h->at.start, h) ||
	    has_hit(c, "was", from, h->at.start, h);
}

/*
 * third_party - the sentence speaks of someone else ([aim other]: "the
 * courier", "our last cleaner") and nothing ties it to the owner (an
 * [aim] or [aim work] phrase, an [outcome link]).
 */
static bool
third_party(const struct cl *c, size_t sb, size_t se)
{
	return cl_near_between(c, sb, se, "other") &&
	    !has_hit(c, "link", sb, se, NULL) &&
	    !cl_near_between(c, sb, se, "aim") &&
	    !cl_near_between(c, sb, se, "work");
}

/*
 * stands - hit h is the sender's own statement: no question, no
 * condition before it in its clause (or, for a good result, anywhere in
 * its sentence), no negation just before it, not in quotation marks,
 * not somebody else's words reported, not about a third party.
 */
static bool
stands(const struct cl *c, const struct cl_outhit *h, bool good)
{
	size_t sb, se, cb;

	sentence_of(c, h->at, &sb, &se);
	if (question(c, sb, se) || quoted(c, sb, h->at))
		return false;
	cb = clause_start(c, sb, h->at);
	if (has_hit(c, "hedge", good ? sb : cb, good ? se : h->at.start, h))
		return false;
	if (!good && (has_hit(c, "none", cb, h->at.start, h) ||
	    repaired(c, cb, h)))
		return false;	/* "not a single drip", "fixed the wobbly bell" */
	if (negated(c, cb, h->at, good ? OC_NEGATION_GOOD : OC_NEGATION_WORDS))
		return false;
	if (cl_near_between(c, sb, h->at.start, "report"))
		return false;
	/* "accepted without a single query, which our previous translator
	 * never once managed": the former supplier is the foil */
	if (good && has_hit(c, "prior", h->at.end, se, NULL))
		return true;
	return !third_party(c, sb, se);
}

/* note - add the phrase of h to the case's predicate list, once */
static void
note(struct oc_case *k, const struct cl_outhit *h)
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

/* first_asks - a first message from a non-customer that asks for work */
static bool
first_asks(const struct cl *c)
{
	bool asks = c->asks;

	if (cl_is_reply(c->m) || (c->known && c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, c->sender)))
		return false;
	for (size_t i = 0; i < c->ntags && !asks; i++)
		asks = strcmp(c->tags[i].tag, "enquiry") == 0;
	return asks;
}

/* first_contact - not a reply, and the store has no customer for the sender */
static bool
first_contact(const struct cl *c)
{
	return !cl_is_reply(c->m) && !(c->known && c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, c->sender));
}

/*
 * defects - weigh the standing defects of the text into k: one each (at
 * most two per sentence), one more for persistence in the sentence.
 */
static void
defects(const struct cl *c, struct oc_case *k)
{
	size_t last_sb = (size_t)-1, in_sentence = 0;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!is_name(h, "defect") || !stands(c, h, false))
			continue;
		sentence_of(c, h->at, &sb, &se);
		if (sb != last_sb) {
			last_sb = sb;
			in_sentence = 0;
		}
		if (++in_sentence > 2)
			continue;
		if (k->lead == NULL)
			k->lead = h;
		k->weight++;
		k->ndefects++;
		note(k, h);
		for (size_t j = 0; j < c->noutc && in_sentence == 1; j++) {
			const struct cl_outhit *s = &c->outc[j];

			if (is_name(s, "still") && s->at.start >= sb &&
			    s->at.end <= se && s != h &&
			    !(s->at.start >= h->at.start &&
			    s->at.end <= h->at.end)) {
				k->weight++;
				k->persists = true;
				note(k, s);
				break;
			}
		}
	}
}

/*
 * stated - h stands as the sender's own statement in its sentence: not a
 * question, not quoted, no condition or negation before it in its clause
 */
static bool
stated(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb;

	sentence_of(c, h->at, &sb, &se);
	if (question(c, sb, se) || quoted(c, sb, h->at))
		return false;
	cb = clause_start(c, sb, h->at);
	return !has_hit(c, "hedge", cb, h->at.start, h) &&
	    !negated(c, cb, h->at, OC_NEGATION_WORDS);
}

/*
 * grounds - what the sender paid for the work, or that they are not
 * content with it: each a tie weighing one, once
 */
static void
grounds(const struct cl *c, struct oc_case *k)
{
	bool paid = false, unhappy = false;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		bool *seen = is_name(h, "paid") ? &paid :
		    is_name(h, "unhappy") ? &unhappy : NULL;

		if (seen == NULL || *seen || !stated(c, h))
			continue;
		*seen = true;
		k->weight++;
		k->tied = true;
		note(k, h);
	}
}

/* demands - asking for the work to be put right, or a held payment */
static void
demands(const struct cl *c, struct oc_case *k)
{
	bool back = false, withhold = false;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!(is_name(h, "back") && !back) &&
		    !(is_name(h, "withhold") && !withhold))
			continue;
		sentence_of(c, h->at, &sb, &se);
		if (quoted(c, sb, h->at) ||
		    negated(c, clause_start(c, sb, h->at), h->at,
		    OC_NEGATION_WORDS))
			continue;
		*(is_name(h, "back") ? &back : &withhold) = true;
		k->weight++;
		k->tied = true;
		note(k, h);
	}
}

/* article_at - after blanks, s (n bytes) starts with an article */
static bool
article_at(const char *s, size_t n)
{
	static const char *const art[] = {
		"a", "an", "the", "un", "une", "le", "la", "les", "des", "el",
		"los", "las", "unos", "unas", "der", "die", "das", "ein",
		"eine", "einen",
	};
	size_t i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	for (k = i; k < n && s[k] != ' ' && s[k] != '\n' && s[k] != ','; k++)
		;
	for (size_t j = 0; j < sizeof(art) / sizeof(art[0]); j++)
		if (strlen(art[j]) == k - i &&
		    strncasecmp(s + i, art[j], k - i) == 0)
			return true;
	return false;
}

/*
 * contrast_after - the clause after at opens on a negation: "I asked for
 * a tidy, not a shave", "pedí un arreglo, no un rapado"
 */
static bool
contrast_after(const struct cl *c, struct cl_span at, size_t se)
{
	size_t w = at.end, e;

	while (w < se && strchr(",;", c->text[w]) == NULL)
		w++;
	if (w >= se)
		return false;
	for (w++; w < se && strchr(" \t\r\n", c->text[w]) != NULL; w++)
		;
	for (e = w; e < se && strchr(" \t\r\n,;.!", c->text[e]) == NULL; e++)
		;
	if (e == w || !cl_near_between(c, w, e, "negation"))
		return false;
	/* the negation sets a thing against a thing: "not a shave", "keine
	 * Glatze"; "not sure you got it" is no contrast */
	if (strncasecmp(c->text + w, "kein", 4) == 0)
		return true;
	return article_at(c->text + e, se - e);
}

/*
 * breached - what the sender agreed with the owner ([outcome agreed]:
 * "what we paid for", "was ich bestellt habe", "ce que j'avais
 * commandé", "lo que pedí") set against what came: a negation just
 * before it ("it isn't what we paid for") or a clause that opens on one
 * after it ("I asked for a tidy, not a shave"), with nobody else named
 * up to it (what came may be "the old shop's number").  Whatever the
 * words of the fault, the work fell short of the agreement.
 */
static bool
breached(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	sentence_of(c, h->at, &sb, &se);
	if (question(c, sb, se) || quoted(c, sb, h->at) ||
	    has_hit(c, "hedge", sb, h->at.start, h) ||
	    third_party(c, sb, h->at.end))
		return false;	/* "what our last printer promised" */
	return negated(c, sb, h->at, OC_BREACH_WORDS) ||
	    contrast_after(c, h->at, se);
}

/* breaches - the first breach of the text: a defect and its tie to the
 * owner's work, weighing two */
static void
breaches(const struct cl *c, struct oc_case *k)
{
	const struct cl_outhit *h = NULL;

	for (size_t i = 0; i < c->noutc && h == NULL; i++)
		if (is_name(&c->outc[i], "agreed") &&
		    breached(c, &c->outc[i]))
			h = &c->outc[i];
	if (h == NULL)
		return;
	if (k->lead == NULL)
		k->lead = h;
	k->weight += 2;
	k->ndefects++;
	k->tied = true;
	note(k, h);
}

/* evidence - the lead's sentence and the predicates, for the facts */
static char *
evidence(const struct cl *c, const struct oc_case *k)
{
	size_t sb, se, n;
	char *ev, *out;

	sentence_of(c, k->lead->at, &sb, &se);
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

/* complaint - the defects described make a complaint: 1, 0, -1 on ENOMEM */
static int
complaint(struct cl *c)
{
	struct oc_case k = { 0 };
	char *ev;

	if (first_asks(c) || has_hit(c, "self", 0, c->tlen, NULL))
		return 0;
	defects(c, &k);
	breaches(c, &k);
	if (k.lead == NULL)
		return 0;
	demands(c, &k);
	grounds(c, &k);
	if (k.weight < 2)
		return 0;
	if (k.persists && k.ndefects >= 2)
		k.tied = true;
	if (!k.tied && (has_hit(c, "link", 0, c->tlen, NULL) ||
	    cl_near_between(c, 0, c->tlen, "work")))
		k.tied = true;
	if (!k.tied || cl_near_between(c, 0, c->tlen, "exonerate"))
		return 0;
	if ((ev = evidence(c, &k)) == NULL ||
	    cl_add_tag(c, c->sender, "complaint", ev) < 0)
		return -1;
	return 1;
}

/* isdigit_before - the sentence before sb ended on a number's dot */
static bool
isdigit_before(const struct cl *c, size_t sb)
{
	size_t i = sb;

	while (i > 0 && strchr(" \t\r\n", c->text[i - 1]) != NULL)
		i--;
	return i >= 2 && c->text[i - 1] == '.' && c->text[i - 2] >= '0' &&
	    c->text[i - 2] <= '9';
}

/*
 * chased - the sender chases a message of theirs that went unanswered:
 * an [outcome earlier] and an [outcome unanswered] in one sentence, the
 * latter standing; 1 when tagged, 0, -1 on ENOMEM
 */
static int
chased(struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		struct oc_case k = { 0 };
		size_t sb, se;
		char *ev;

		if (!is_name(h, "unanswered"))
			continue;
		sentence_of(c, h->at, &sb, &se);
		/* "ich hatte Ihnen am 14. geschrieben": a date's dot ends none */
		if (!has_hit(c, "earlier", sb, se, h) && sb > 0) {
			size_t pb, pe;

			sentence_of(c, (struct cl_span){ sb - 1, sb - 1 }, &pb,
			    &pe);
			if (has_hit(c, "earlier", pb, se, h) && pe + 2 >= sb &&
			    pb < sb && isdigit_before(c, sb))
				sb = pb;
		}
		if (!has_hit(c, "earlier", sb, se, h) || question(c, sb, se) ||
		    quoted(c, sb, h->at) || third_party(c, sb, se) ||
		    has_hit(c, "hedge", sb, se, h) ||
		    cl_cancelled(c, "complaint", h->at))
			continue;
		for (size_t j = 0; j < c->noutc; j++)
			if (is_name(&c->outc[j], "earlier") &&
			    c->outc[j].at.start >= sb && c->outc[j].at.end <= se)
				note(&k, &c->outc[j]);
		k.lead = h;
		note(&k, h);
		if ((ev = evidence(c, &k)) == NULL ||
		    cl_add_tag(c, c->sender, "complaint", ev) < 0)
			return -1;
		return 1;
	}
	return 0;
}

/*
 * good_result - a good result that stands and has no defect beside it:
 * an [outcome good] phrase, or [outcome prior] beside [outcome compare]
 */
static bool
good_result(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if (!is_name(h, "good") && !is_name(h, "prior"))
		return false;
	sentence_of(c, h->at, &sb, &se);
	if (is_name(h, "prior") && !has_hit(c, "compare", sb, se, h))
		return false;
	if (has_hit(c, "defect", sb, se, NULL) ||
	    has_hit(c, "offer", sb, se, NULL))
		return false;
	if (is_name(h, "prior")) {
		/* the former supplier is the point, not a third party */
		return !question(c, sb, se) && !quoted(c, sb, h->at) &&
		    !has_hit(c, "hedge", sb, se, h);
	}
	return stands(c, h, true);
}

/* thanked - thanks to the addressee, not for a quote or in advance */
static const struct cl_outhit *
thanked(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!is_name(h, "thanks"))
			continue;
		sentence_of(c, h->at, &sb, &se);
		if (has_hit(c, "offer", sb, se, NULL) ||
		    question(c, sb, se) || quoted(c, sb, h->at) ||
		    negated(c, clause_start(c, sb, h->at), h->at,
		    OC_NEGATION_WORDS))
			continue;
		return h;
	}
	return NULL;
}

/* The first line of a sign-off, and what its scan found. */
struct oc_signoff {
	bool thanks;
	bool offer;
};

static void
signoff_seen(void *ctx, const struct rules_match *m)
{
	struct oc_signoff *so = ctx;

	if (m->kind != RULES_OUTCOME)
		return;
	so->thanks = so->thanks || strcmp(m->name, "thanks") == 0;
	so->offer = so->offer || strcmp(m->name, "offer") == 0;
}

/*
 * signed_thanks - the sign-off the parser split from the text opens with
 * thanks ("Thank you.\nSusan Tate", "Muchas gracias,\nMarta"), not for a
 * quote or in advance: thanks to the addressee as much as in the text.
 * One scan of its first line.
 */
static bool
signed_thanks(const struct cl *c)
{
	const char *sig = c->m->signature, *nl;
	struct oc_signoff so = { false, false };
	size_t n;

	if (sig == NULL || c->r == NULL)
		return false;
	sig += strspn(sig, " \t\r\n");
	n = (nl = strchr(sig, '\n')) != NULL ? (size_t)(nl - sig) : strlen(sig);
	if (n == 0 || n > OC_SIGNOFF_LINE)
		return false;
	rules_scan(c->r, sig, n, signoff_seen, &so);
	return so.thanks && !so.offer;
}

/* scope_after - an [outcome scope] phrase within OC_SCOPE_GAP bytes after
 * at in [.., se), no clause mark between */
static bool
scope_after(const struct cl *c, struct cl_span at, size_t se)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *s = &c->outc[i];

		if (!is_name(s, "scope") || s->at.start < at.end ||
		    s->at.end > se || s->at.start - at.end > OC_SCOPE_GAP)
			continue;
		for (size_t p = at.end; p < s->at.start; p++)
			if (strchr(",;:()", c->text[p]) != NULL)
				return false;
		return true;
	}
	return false;
}

/*
 * fair_sentence - the good result h's sentence holds no defect and no
 * talk of money or quotes, asks nothing and is not in quotation marks
 */
static bool
fair_sentence(const struct cl *c, const struct cl_outhit *h, size_t sb,
    size_t se)
{
	return !has_hit(c, "defect", sb, se, NULL) &&
	    !has_hit(c, "offer", sb, se, NULL) && !question(c, sb, se) &&
	    !quoted(c, sb, h->at);
}

/*
 * judged_result - the weight of a good result the sender gives at h:
 * 2 for a superlative measured against something ("the best 30 quid
 * I've spent", "lo mejor de la boda") or a credit by what would not
 * have been without the owner ("Ohne Ihre Geduld hätte er das Abi nicht
 * geschafft"), 1 for the trouble that was and is gone ("the C that used
 * to buzz is silent now"); 0 otherwise.
 */
static size_t
judged_result(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	sentence_of(c, h->at, &sb, &se);
	if (!fair_sentence(c, h, sb, se))
		return 0;
	if (is_name(h, "best"))
		return scope_after(c, h->at, se) && stands(c, h, true) ? 2 : 0;
	if (is_name(h, "without"))
		return has_hit(c, "had", h->at.end, se, NULL) &&
		    cl_near_between(c, h->at.end, se, "negation") &&
		    !cl_near_between(c, sb, h->at.start, "negation") ? 2 : 0;
	if (is_name(h, "was"))
		return has_hit(c, "now", h->at.end, se, NULL) &&
		    stands(c, h, true) ? 1 : 0;
	return 0;
}

/*
 * spared - a defect denied outright in its clause, none standing beside it
 * ("ni un vaso roto", "not a single crack", "keine einzige Scherbe"): the
 * damage that did not happen is a good result
 */
static bool
spared(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb;

	if (!is_name(h, "defect"))
		return false;
	sentence_of(c, h->at, &sb, &se);
	cb = clause_start(c, sb, h->at);
	if (question(c, sb, se) || quoted(c, sb, h->at) ||
	    !has_hit(c, "none", words_back(c, cb, h->at, OC_SPARED_WORDS),
	    h->at.start, h) || has_hit(c, "hedge", sb, se, h))
		return false;
	for (size_t i = 0; i < c->noutc; i++)
		if (is_name(&c->outc[i], "defect") && c->outc[i].at.start >= sb &&
		    c->outc[i].at.end <= se && stands(c, &c->outc[i], false))
			return false;
	return true;
}

/* result_weight - what the hit h weighs as a good result (0: none) */
static size_t
result_weight(const struct cl *c, const struct cl_outhit *h)
{
	if (good_result(c, h) || spared(c, h))
		return 1;
	return judged_result(c, h);
}

/*
 * returning - a first message that asks for work may still praise work
 * done before: it names that work ([aim work]: "Sie haben", "the tap you
 * fitted", or an [outcome link]) and credits the owner with a result
 * that weighs two ("Ohne Ihre Geduld hätte er das Abi nicht geschafft.
 * Könnten Sie ihn noch zwei-, dreimal auffrischen?").
 */
static bool
returning(const struct cl *c)
{
	if (!has_hit(c, "link", 0, c->tlen, NULL) &&
	    !cl_near_between(c, 0, c->tlen, "work"))
		return false;
	for (size_t i = 0; i < c->noutc; i++)
		if (judged_result(c, &c->outc[i]) >= 2)
			return true;
	return false;
}

/*
 * coming_back - the sender says they will order or come again ([outcome
 * again]: "we'll be ordering again", "repetiré seguro", "on reviendra"),
 * as their own statement: what a result was worth to them
 */
static const struct cl_outhit *
coming_back(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (is_name(&c->outc[i], "again") && stated(c, &c->outc[i]))
			return &c->outc[i];
	return NULL;
}

/*
 * praise - good results with thanks: each sentence with a good result
 * weighs its strongest one, thanks to the addressee one more; two make
 * praise ("the fire draws for the first time ... Thank you", "the C that
 * used to buzz is silent now ... I wanted to thank you", "Ben painted our
 * sign and it's still the nicest on the street").  1, 0, -1 on ENOMEM.
 */
static int
praise(struct cl *c)
{
	struct oc_case k = { 0 };
	const struct cl_outhit *t, *r;
	size_t last_sb = (size_t)-1, best = 0;
	char *ev;

	if (first_contact(c) && first_asks(c) && !returning(c))
		return 0;
	if ((t = thanked(c)) != NULL || signed_thanks(c))
		k.weight++;
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t w = result_weight(c, h), sb, se;

		if (w == 0)
			continue;
		sentence_of(c, h->at, &sb, &se);
		if (sb != last_sb) {
			k.weight += best;
			best = 0;
			last_sb = sb;
		}
		if (w > best)
			best = w;
		if (k.lead == NULL || w > 1)
			note(&k, h);	/* the first, and the strong ones */
		if (k.lead == NULL)
			k.lead = h;
	}
	k.weight += best;
	if ((k.lead != NULL || t != NULL) && (r = coming_back(c)) != NULL) {
		k.weight++;	/* "Thanks for the great recommendation, I'll
				 * be back for more" */
		note(&k, r);
		if (k.lead == NULL)
			k.lead = r;
	}
	if (k.lead == NULL || k.weight < 2)
		return 0;
	if (t != NULL)
		note(&k, t);
	if ((ev = evidence(c, &k)) == NULL ||
	    cl_add_tag(c, c->sender, "praise", ev) < 0)
		return -1;
	return 1;
}

/* any_defect - a defect stands anywhere in the text */
bool
cl_defect_stands(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (is_name(&c->outc[i], "defect") &&
		    stands(c, &c->outc[i], false))
			return true;
	return false;
}

/* cl_outcome_in - an [outcome name] phrase lies in text[from, to) */
bool
cl_outcome_in(const struct cl *c, const char *name, size_t from, size_t to)
{
	return has_hit(c, name, from, to, NULL);
}

/* cl_sender_tagged - the facts already give the sender tag */
bool
cl_sender_tagged(const struct cl *c, const char *tag)
{
	const struct facts *f = c->f;

	for (size_t i = 0; i < f->ntags; i++)
		if (strcmp(f->tags[i].email, c->sender) == 0 &&
		    strcmp(f->tags[i].tag, tag) == 0)
			return true;
	return false;
}

int
cl_outcome_tags(struct cl *c)
{
	int rc;

	if (c->noutc == 0 || c->sender == NULL || c->f->unverified)
		return 0;
	if (!cl_sender_tagged(c, "complaint") && (rc = chased(c)) != 0)
		return rc < 0 ? -1 : 0;
	if (!cl_sender_tagged(c, "complaint") && (rc = complaint(c)) != 0)
		return rc < 0 ? -1 : 0;
	if (cl_sender_tagged(c, "praise") || cl_sender_tagged(c, "complaint") || cl_defect_stands(c))
		return 0;
	return praise(c) < 0 ? -1 : 0;
}
