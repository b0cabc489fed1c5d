/*
 * classify_results - praise from the good results the sender describes.
 *
 * DESCRIPTION
 *	The praise half of classify_outcome.c (whose comment says what makes
 *	it): good results that stand, superlatives measured against
 *	something or against the state before the work, credits by what
 *	would not have been, damage spared, how the sender's own people
 *	took the work ([outcome reaction]), thanks to the addressee in the
 *	text or the sign-off (classify_thanks.c says which thanks count),
 *	and saying one will order or come again ([outcome again]) or send
 *	more work; with classify_acclaim.c, the shapes praise is told in
 *	whatever its words.
 *
 * OWNS
 *	Nothing beyond the praise tag it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again, except one memchr for a question beside
 *	a reaction; every other test looks at one sentence.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"
#include "tags_int.h"

/*
 * good_result - a good result that stands and has no defect beside it:
 * an [outcome good] phrase, or [outcome prior] beside [outcome compare]
 */
static bool
good_result(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if (!oc_is_name(h, "good") && !oc_is_name(h, "prior"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	if (oc_is_name(h, "prior") && !oc_has_hit(c, "compare", sb, se, h))
		return false;
	if (cl_defect_stands_in(c, sb, se) ||
	    oc_has_hit(c, "offer", sb, se, NULL))
		return false;	/* "le do ne grince plus" denies its defect */
	if (oc_is_name(h, "prior")) {
		/* the former supplier is the point, not a third party */
		return !cl_asks(c->text, sb, se) && !oc_quoted(c, sb, h->at) &&
		    !oc_has_hit(c, "hedge", sb, se, h);
	}
	return oc_stands(c, h, true);
}

/* hit_after - an [outcome name] phrase within OC_SCOPE_GAP bytes after at
 * in [.., se), no clause mark between: the scope of a superlative ("the
 * best 30 quid I've spent"), or the state before the work after a
 * comparison ([outcome then]: "better than the day we bought it",
 * "schöner als damals", "mejor que cuando lo compramos") */
static bool
hit_after(const struct cl *c, const char *name, struct cl_span at, size_t se)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *s = &c->outc[i];

		if (!oc_is_name(s, name) || s->at.start < at.end ||
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
	return !oc_has_hit(c, "defect", sb, se, NULL) &&
	    !oc_has_hit(c, "offer", sb, se, NULL) && !cl_asks(c->text, sb, se) &&
	    !oc_quoted(c, sb, h->at);
}

/*
 * judged_result - the weight of a good result the sender gives at h:
 * 2 for a superlative measured against something ("the best 30 quid
 * I've spent", "lo mejor de la boda"), a comparison with the state before
 * the work ("better than when I bought them", "schöner als damals") or
 * with all the time before ([outcome ever]: "comme jamais", "better than
 * it has in years", "ni nuevos"), any superlative form before such a
 * measure (oc_superlative: "the clearest we've ever had"), or a
 * credit by what would not
 * have been without the owner ("Ohne Ihre Geduld hätte er das Abi nicht
 * geschafft"), 1 for the trouble that was and is gone ("the C that used
 * to buzz is silent now"); 0 otherwise.
 */
static size_t
judged_result(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	oc_sentence_of(c, h->at, &sb, &se);
	if (!fair_sentence(c, h, sb, se))
		return 0;
	if (oc_is_name(h, "best"))
		return hit_after(c, "scope", h->at, se) && oc_stands(c, h, true) ? 2 : 0;
	if (oc_is_name(h, "scope"))	/* "the clearest we've ever had" */
		return oc_superlative(c, h, sb) && oc_stands(c, h, true) ? 2 : 0;
	if (oc_is_name(h, "compare"))	/* "better than the day we bought it" */
		return hit_after(c, "then", h->at, se) && oc_stands(c, h, true) ? 2 : 0;
	if (oc_is_name(h, "ever"))	/* "wie seit Jahrzehnten nicht mehr" */
		return oc_stands(c, h, true) ? 2 : 0;
	if (oc_is_name(h, "without"))
		return oc_has_hit(c, "had", h->at.end, se, NULL) &&
		    cl_near_between(c, h->at.end, se, "negation") &&
		    !cl_near_between(c, sb, h->at.start, "negation") ? 2 : 0;
	if (oc_is_name(h, "was"))
		return oc_has_hit(c, "now", h->at.end, se, NULL) &&
		    oc_stands(c, h, true) ? 1 : 0;
	return 0;
}

/*
 * spared - a defect denied outright in its clause, none standing beside it
 * ("ni un vaso roto", "not a single crack", "keine einzige Scherbe"), or
 * a verb of giving way ([outcome budge]: "shifted", "hat sich gelöst",
 * "a bougé", "se ha soltado") or a symptom ([outcome trouble]: "drop",
 * "crackle", "Scheppern") denied by any or by a negation just before
 * it ("not a stone shifted", "there wasn't a drop", "no se ha soltado ni
 * un botón"): the damage that did not happen is a good result
 */
static bool
spared(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb;
	bool denied;

	if (!oc_is_name(h, "defect") && !oc_is_name(h, "budge") &&
	    !oc_is_name(h, "trouble"))
		return false;	/* "plus une seule fuite" */
	oc_sentence_of(c, h->at, &sb, &se);
	cb = cl_clause_start(c->text, sb, h->at.start);
	denied = oc_has_hit(c, "none", cl_words_back(c->text, cb, h->at.start,
	    OC_SPARED_WORDS), h->at.start, h);
	if (!denied && !oc_is_name(h, "defect"))	/* "wasn't a drop" */
		denied = oc_negated(c, cb, h->at, OC_NEGATION_WORDS);
	if (!denied)	/* "not one has cupped or split" */
		denied = oc_list_denied(c, sb, h);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at) || !denied ||
	    oc_has_hit(c, "hedge", sb, se, h))
		return false;
	return !cl_defect_stands_in(c, sb, se);
}

/*
 * vanished - a fault ([outcome defect], or a symptom named by [outcome
 * trouble]: "the squeak", "das Knarren") the sender reports gone ("the
 * squeak by the door has disappeared", "la tache a séché"), in a
 * sentence that asks nothing, has no condition, is not quoted, speaks of
 * no third party and holds no other fault that stands: the trouble that
 * was is a good result
 */
static bool
vanished(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if ((!oc_is_name(h, "defect") && !oc_is_name(h, "trouble")) ||
	    !oc_gone(c, h))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at) ||
	    oc_has_hit(c, "hedge", sb, se, h) || oc_third_party(c, sb, se))
		return false;
	return !cl_defect_stands_in(c, sb, se);
}

/*
 * greeted - the word at `at` follows a greeting and its comma on its line
 * ("Bonjour Nadia, ravie.", "Hola Carmen, encantada.", "Hi Sam,
 * delighted."): a verdict there is the courtesy of meeting somebody, not
 * a judgement of work
 */
static bool
greeted(const struct cl *c, size_t at)
{
	size_t p = at;

	while (p > 0 && (c->text[p - 1] == ' ' || c->text[p - 1] == '\t'))
		p--;
	return p > 0 && c->text[p - 1] == ',' && cl_sentence_opens(c->text, at);
}

/*
 * bare_verdict - an [outcome verdict] ("really pleased", "rundum
 * zufrieden", "très satisfaite", "encantadísima") that is a sentence of
 * its own: at most OC_VERDICT_WORDS words before it, nothing after it but
 * punctuation, and standing (no question, condition, negation, third
 * party).  A judgement with no object, in mail to the owner, judges the
 * owner's work; weighs two, none in mail that talks of a quote, none
 * after a greeting (greeted), and none when irony turns it (cl_ironic:
 * an account of a failure follows).
 */
static size_t
bare_verdict(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if (!oc_is_name(h, "verdict"))
		return 0;
	oc_sentence_of(c, h->at, &sb, &se);
	for (size_t p = h->at.end; p < se; p++)
		if (isalnum((unsigned char)c->text[p]) ||
		    (unsigned char)c->text[p] >= 0x80)
			return 0;	/* "happy new year", "happy to pay" */
	if (greeted(c, h->at.start))
		return 0;	/* "Bonjour Nadia, ravie." meets her */
	if (cl_words(c->text, sb, h->at.start, OC_VERDICT_WORDS) >
	    OC_VERDICT_WORDS || oc_has_hit(c, "offer", 0, c->tlen, NULL) ||
	    oc_has_hit(c, "defect", sb, se, NULL) || cl_ironic(c, h->at) > 0)
		return 0;	/* "Well done, Meg.  ... a bulge by the gate" */
	return oc_stands(c, h, true) ? 2 : 0;
}

/*
 * interjection - the word at opens its clause and punctuation follows it
 * at once ("Carmen, encantada.", "Superbe !"): a greeting or an
 * exclamation, not a judgement of something
 */
static bool
interjection(const struct cl *c, size_t sb, struct cl_span at)
{
	size_t p = at.end;

	if (cl_words(c->text, cl_clause_start(c->text, sb, at.start),
	    at.start, 0) > 0)
		return false;
	while (p < c->tlen && (c->text[p] == ' ' || c->text[p] == '\t'))
		p++;
	return p >= c->tlen || strchr(",.!;:\r\n", c->text[p]) != NULL;
}

/*
 * plain_judgement - a [weak praise] word nothing aims at the owner ("the
 * gate is gorgeous", "la mesa ha quedado preciosa"), stated as the
 * sender's own in a fair sentence with no condition, not an exception's
 * ("lovely to meet you") nor an interjection: the work judged by its
 * looks or its quality, which weighs one beside thanks or a result
 */
static bool
plain_judgement(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if (!oc_is_name(h, "plain") || cl_cancelled(c, "praise", h->at) ||
	    cl_in_a_name(c, h->at))
		return false;	/* "lovely to meet you", "de 10 años" */
	oc_sentence_of(c, h->at, &sb, &se);
	if (interjection(c, sb, h->at))
		return false;	/* "Carmen, encantada." */
	return fair_sentence(c, h, sb, se) && oc_stands(c, h, true);
}

/*
 * reacted - an [outcome reaction] ("all our friends ask where it's from",
 * "die Kinder reden von nichts anderem", "ils ne veulent plus en
 * sortir", "no paran de hablar de ello"): how the sender's own people
 * took the work, told by the sender in a fair sentence with no condition
 * or hope in it ("the kids will love it, I'm sure, if ..."), in mail that
 * asks nothing and talks of no quote: the sender's report of a good
 * effect of work done for them, which weighs one.  One look at the whole
 * text, only for a reaction that otherwise stands.
 */
static bool
reacted(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if (!oc_is_name(h, "reaction"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	if (!fair_sentence(c, h, sb, se) || oc_has_hit(c, "hedge", sb, se, h) ||
	    cl_others_report(c, sb, h->at.start))
		return false;
	/* mail that asks for work or prices quotes another's delight as its
	 * reason ("Chloe hasn't stopped talking about her photos.  Could you
	 * send me your prices?"): the work judged is not the sender's */
	return !oc_has_hit(c, "offer", 0, c->tlen, NULL) &&
	    memchr(c->text, '?', c->tlen) == NULL;
}

/*
 * predicated - a bare word of approval ([aim exclaim]: "perfect",
 * "wunderbar", "magnifique") said of something: a copula ([aim copula]:
 * "are", "it's", "ist", "sont", "ha quedado") within the two words
 * before it ("the chimes are perfect", "it's just wonderful"), in a
 * clause that names no day or hour ([aim slot]: "Tuesday is perfect"
 * agrees to a time), ending its clause, under the tests of a plain
 * judgement.  Without a copula it is a greeting or an agreement ("super
 * danke", "2.30 perfect thanks"); followed by a word, it qualifies that
 * word ("les cordes sont super hautes").
 */
static bool
predicated(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb, p;

	if (!oc_is_name(h, "bare") || cl_cancelled(c, "praise", h->at))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	cb = cl_clause_start(c->text, sb, h->at.start);
	p = cl_words_back(c->text, cb, h->at.start, 2);
	if (p >= h->at.start || !cl_near_between(c, p, h->at.start, "copula") ||
	    cl_near_between(c, cb, h->at.end, "slot"))
		return false;
	for (p = h->at.end; p < c->tlen && strchr(" \t", c->text[p]); p++)
		;
	if (p < c->tlen && strchr(",.!;:)\r\n", c->text[p]) == NULL)
		return false;	/* "super hautes": it qualifies a word */
	return fair_sentence(c, h, sb, se) && oc_stands(c, h, true);
}

/* OC_LAUD_REACH - how far past "you're a" its noun of praise may stand
 * ("you're an absolute star", "eres un auténtico artista") */
#define OC_LAUD_REACH 28

/*
 * adept - a word of a person's gift or manner at their work ([outcome
 * adept]: "patient", "begnadeter", "talentueux", "paciente") in the noun
 * phrase an epithet h opens, within [from, to) and no clause mark before
 * it: "you're a very patient teacher", "vous êtes un professeur très
 * patient"; said of the second person, it praises as a noun of praise
 * does
 */
static bool
adept(const struct cl *c, size_t from, size_t to)
{
	const struct cl_outhit *a = cl_outcome_first(c, "adept", from, to);

	if (a == NULL)
		return false;
	for (size_t p = from; p < a->at.start; p++)
		if (strchr(",;:()", c->text[p]) != NULL)
			return false;
	return true;
}

/*
 * lauded - the owner called something good: an [outcome epithet] said to
 * the owner ("you're a", "Sie sind ein", "vous êtes un", "eres un")
 * followed within OC_LAUD_REACH bytes of its sentence by a noun that
 * only praises a person ([outcome laud]: "star", "Künstler", "génie",
 * "artista") or by a word of the owner's gift or manner (adept: "a very
 * patient teacher"), or a gift the owner is said to have ([outcome
 * endowed] then [outcome gift] ending its phrase: "You have a real
 * gift", "Vous avez des doigts de fée"), stated as the sender's own (no
 * question, condition, negation, report or quotation) in a sentence that
 * tells no money and no defect but the sender's own deed (oc_own_deed:
 * "I'd never touched willow before"), in mail that tells no standing
 * defect ("you're a real genius" beside a leak is a sneer; the trouble
 * of somebody the mail introduces does not count:
 * cl_owner_fault_stands).  The second person is the subject, so it is
 * the owner's praise whatever the noun; it weighs one: "Eres un artista"
 * beside a result, "you're a star" beside thanks.
 */
static bool
lauded(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, reach;

	if (!oc_is_name(h, "epithet") && !oc_is_name(h, "endowed"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	reach = h->at.end + OC_LAUD_REACH < se ? h->at.end + OC_LAUD_REACH : se;
	for (size_t i = 0; i < c->noutc; i++)
		if (oc_is_name(&c->outc[i], "defect") &&
		    c->outc[i].at.start >= sb && c->outc[i].at.end <= se &&
		    !oc_own_deed(c, &c->outc[i]))
			return false;	/* "I'd never touched willow" is none */
	return (oc_acclaim_noun(c, h, h->at.end, reach) != NULL ||
	    (oc_is_name(h, "epithet") && adept(c, h->at.end, reach))) &&
	    !cl_owner_fault_stands(c) && !oc_has_hit(c, "offer", sb, se, NULL) &&
	    !cl_asks(c->text, sb, se) && !oc_quoted(c, sb, h->at) &&
	    oc_stated(c, h) &&
	    !cl_others_report(c, sb, h->at.start);
}

/* result_weight - what the hit h weighs as a good result (0: none) */
static size_t
result_weight(const struct cl *c, const struct cl_outhit *h)
{
	if (reacted(c, h))	/* "Los cadetes están encantados." speaks
				 * for the sender's own people */
		return oc_acclaim_group(c, h) ? 2 : 1;
	if (good_result(c, h) || spared(c, h) || vanished(c, h) ||
	    plain_judgement(c, h) || predicated(c, h) || lauded(c, h))
		return 1;
	if (oc_is_name(h, "verdict"))
		return bare_verdict(c, h);
	return judged_result(c, h);
}

/* The [outcome] hits and the plain judgements (c->faint[0, nplain)), in
 * the order of the text, with the words of the latter for the evidence. */
struct oc_seq {
	struct cl_outhit plain[CL_MAX_FAINT];
	char word[CL_MAX_FAINT][OC_PLAIN_WORD];
	const struct cl_outhit *v[CL_MAX_OUTCOME + CL_MAX_FAINT];
	size_t n;
};

/* seq_build - merge c->outc and the plain judgements by their start */
static void
seq_build(const struct cl *c, struct oc_seq *q)
{
	size_t i = 0, j = 0, np = c->nfaint < CL_MAX_FAINT ? c->nfaint :
	    CL_MAX_FAINT;

	for (size_t k = 0; k < np; k++) {
		struct cl_span at = c->faint[k];
		size_t n = at.end - at.start;

		if (n >= OC_PLAIN_WORD)
			n = utf8_prefix(c->text + at.start, OC_PLAIN_WORD - 1);
		memcpy(q->word[k], c->text + at.start, n);
		q->word[k][n] = '\0';
		q->plain[k] = (struct cl_outhit){ k < c->nplain ? "plain" :
		    "bare", q->word[k], at };
	}
	q->n = 0;
	while (i < c->noutc || j < np) {
		if (j >= np || (i < c->noutc &&
		    c->outc[i].at.start <= q->plain[j].at.start))
			q->v[q->n++] = &c->outc[i++];
		else
			q->v[q->n++] = &q->plain[j++];
	}
}

/*
 * returning - a first message that asks for work may still praise work
 * done before: it names that work ([aim work]: "Sie haben", "the tap you
 * fitted", or an [outcome link]) and credits the owner with a result
 * that weighs two ("Ohne Ihre Geduld hätte er das Abi nicht geschafft.
 * Könnten Sie ihn noch zwei-, dreimal auffrischen?"), or thanks the owner
 * for it (since: what oc_thanked_since found).
 */
static bool
returning(const struct cl *c, const struct cl_outhit *since)
{
	if (!oc_has_hit(c, "link", 0, c->tlen, NULL) &&
	    !cl_near_between(c, 0, c->tlen, "work"))
		return false;
	for (size_t i = 0; i < c->noutc; i++)
		if (judged_result(c, &c->outc[i]) >= 2)
			return true;
	return since != NULL;
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
		if (oc_is_name(&c->outc[i], "again") && oc_stated(c, &c->outc[i]))
			return &c->outc[i];
	return NULL;
}

/*
 * oc_praise - good results with thanks: each clause with a good result
 * weighs its strongest one ("the stove draws now, not a wisp of smoke
 * in the room" weighs two), an opening exclamation of delight two
 * (oc_acclaim_open), thanks to the addressee one more; two make
 * praise ("the fire draws for the first time ... Thank you", "the C that
 * used to buzz is silent now ... I wanted to thank you", "Ben painted our
 * sign and it's still the nicest on the street").  A result somebody
 * else's words judge ([aim report]: "the wool man says") weighs one at
 * most: it needs the sender's own thanks or result beside it.  1, 0, -1
 * on ENOMEM.
 */
int
oc_praise(struct cl *c)
{
	struct oc_case k = { 0 };
	struct oc_seq q;
	struct oc_shape shape;
	const struct cl_outhit *t = oc_thanked(c), *r;
	const struct cl_outhit *since = oc_thanked_since(c, t);
	size_t last_sb = (size_t)-1, best = 0;
	char *ev;

	if (cl_first_asks(c) && !returning(c, since))
		return 0;
	if (t != NULL || oc_signed_thanks(c))
		k.weight++;
	seq_build(c, &q);
	for (size_t i = 0; i < q.n; i++) {
		const struct cl_outhit *h = q.v[i];
		size_t w = result_weight(c, h), sb, se;

		if (w == 0)
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		if (cl_vouched(c, h->at) || cl_placed_doer(c, h->at) ||
		    cl_self_praised(c, h->at))
			continue;	/* "der Hufschmied, den Sie mir empfohlen
					 * haben, ...: mein Wallach läuft wieder";
					 * "the joiner in Hove did a fantastic
					 * job"; "call us the best" */
		if (w > 1 && cl_others_report(c, sb, h->at.start))
			w = 1;	/* another's verdict passed on: half the
				 * sender's own ("the wool man says it's the
				 * best in the parish"); "die ganze Mannschaft
				 * sagt" is the sender's people */
		sb = cl_clause_start(c->text, sb, h->at.start);
		if (sb != last_sb) {
			k.weight += best;
			best = 0;
			last_sb = sb;
		}
		if (w > best)
			best = w;
		if (k.lead == NULL || w > 1)
			oc_note(&k, h);	/* the first, and the strong ones */
		if (k.lead == NULL)
			k.lead = h;
	}
	k.weight += best;
	if ((best = oc_acclaim_open(c, &shape)) > 0) {
		k.weight += best;	/* "Qué maravilla.  Las hojas ..." */
		oc_note(&k, &shape.open);
		if (k.lead == NULL)
			k.lead = &shape.open;
	}
	if (k.weight < 2 && t != NULL && oc_closing_thanks(c, t)) {
		k.weight++;	/* "the roof tiles ... and not a drip since.
				 * Thank you!" */
		if (k.lead == NULL)
			k.lead = t;
	}
	if (k.weight < 2 && since != NULL) {
		k.weight++;	/* "Since you rebuilt it, the bass ... Thank you" */
		oc_note(&k, since);
		if (k.lead == NULL)
			k.lead = since;
	}
	if (k.lead != NULL || t != NULL) {
		if ((r = coming_back(c)) == NULL && oc_acclaim_more(c, &shape))
			r = &shape.more;	/* "We'll send the rest of
						 * the fleet your way" */
		if (r != NULL) {
			k.weight++;	/* "Thanks for the great
					 * recommendation, I'll be back" */
			oc_note(&k, r);
			if (k.lead == NULL)
				k.lead = r;
		}
	}
	if (k.lead == NULL || k.weight < 2 ||
	    cl_theirs(c, "praise", k.lead->at))
		return 0;
	if (t != NULL)
		oc_note(&k, t);
	if ((ev = oc_evidence(c, &k)) == NULL ||
	    cl_add_tag(c, c->sender, "praise", ev) < 0)
		return -1;
	return 1;
}
