/*
 * classify_tags - which of the scan's tag phrases the sender earns.
 *
 * DESCRIPTION
 *	The one scan in classify.c remembered every tag phrase; here each is
 *	weighed in its sentence before it becomes a tag with that sentence as
 *	evidence: an exception ([not NAME]) in the sentence cancels it,
 *	unless a contrast word stands between them; a complaint in a request
 *	for new work names the problem the owner is asked to fix, not the
 *	owner's work; praise in a first enquiry that is not aimed at the
 *	owner is praise for others; a judgement followed by its opposite
 *	after a contrast word means the latter; praise of somebody of a
 *	trade the sender has is theirs (classify_subject.c).  An insult to
 *	the owner that stands complains too, outside talk of money; a bare
 *	exclamation turned at once by irony complains and never praises.
 *	Then the enquiry tag (a
 *	first message, not a reply) and the referrer/referred tags of the
 *	referrals found.
 *
 * OWNS
 *	Nothing beyond what it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again: only the sentences around its hits.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

bool
cl_cancelled(const struct cl *c, const char *name, struct cl_span at)
{
	size_t sb, se;
	bool any = false;

	for (size_t i = 0; i < c->nexcept && !any; i++)
		any = strcmp(c->except[i].tag, name) == 0;
	if (!any)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t i = 0; i < c->nexcept; i++)
		if (strcmp(c->except[i].tag, name) == 0 &&
		    c->except[i].at.start >= sb && c->except[i].at.end <= se)
			return true;
	return false;
}

/* drop_cancelled - remove the cues of kind `name` an exception cancels */
size_t
cl_drop_cancelled(const struct cl *c, const char *name, struct cl_span *v,
    size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if (!cl_cancelled(c, name, v[i]))
			v[o++] = v[i];
	return o;
}

/*
 * asks_new_work - a first message, not a reply, from someone who is not a
 * customer yet, that asks for work (an [enquiry] phrase, or an [aim
 * request] one: "can you come", "könnten Sie"): what it says is wrong is
 * the problem the owner is asked to fix ("our roof leaks, can you come
 * and look?"), not a complaint about the owner's work, unless the
 * sentence names that work ([aim work]: "your invoice", "the kitchen you
 * fitted").  In any message, a sentence that itself asks for work ("our
 * gutter is leaking too, could you look at it?") is held to the same.
 */
static bool
asks_new_work(const struct cl *c)
{
	bool asks = c->asks;

	for (size_t i = 0; i < c->ntags && !asks; i++)
		asks = strcmp(c->tags[i].tag, "enquiry") == 0;
	return asks && !cl_is_reply(c->m) && !(c->known &&
	    c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, c->sender));
}

/*
 * judgement_cancelled - cl_cancelled, except that an exception before a
 * contrast word does not reach a praise or complaint after it: "sorry
 * for writing again, but I'm still waiting" complains.
 */
static bool
judgement_cancelled(const struct cl *c, const char *name, struct cl_span at)
{
	size_t sb, se;

	if (!cl_cancelled(c, name, at))
		return false;
	if (strcmp(name, "praise") != 0 && strcmp(name, "complaint") != 0)
		return true;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t i = 0; i < c->nexcept; i++) {
		const struct cl_span *x = &c->except[i].at;

		if (strcmp(c->except[i].tag, name) != 0 || x->start < sb ||
		    x->end > se)
			continue;
		if (x->end > at.start ||
		    !cl_near_between(c, x->end, at.start, "contrast"))
			return true;	/* this one stands */
	}
	return false;
}

/*
 * overturned - hit i is a judgement (praise or complaint) that the
 * opposite judgement follows in the same sentence after a contrast word
 * ([aim contrast]: "but", "aber", "mais", "pero"): the sentence means
 * what comes after ("the hotel was awful, but your photos are lovely"
 * praises; "it looks lovely, but the doors still don't close"
 * complains).  At most CL_MAX_TAGS scans of one sentence each.
 */
static bool
overturned(const struct cl *c, size_t i)
{
	const struct cl_taghit *h = &c->tags[i];
	const char *other;
	size_t sb, se;

	if (strcmp(h->tag, "praise") == 0)
		other = "complaint";
	else if (strcmp(h->tag, "complaint") == 0)
		other = "praise";
	else
		return false;
	cl_sentence(c->text, c->tlen, h->at.start, h->at.end, &sb, &se);
	for (size_t j = 0; j < c->ntags; j++) {
		const struct cl_taghit *o = &c->tags[j];

		if (strcmp(o->tag, other) != 0 || o->at.start < h->at.end ||
		    o->at.end > se || cl_cancelled(c, other, o->at))
			continue;
		if (cl_near_between(c, h->at.end, o->at.start, "contrast"))
			return true;
	}
	return false;
}

#define NEGATION_WORDS	6	/* words before a judgement a negation reaches */
#define NEGATION_WORDS_COMPLAINT 2	/* ... before a complaint word */

/* first_contact - not a reply, from someone the store has no customer for */
static bool
first_contact(const struct cl *c)
{
	return !cl_is_reply(c->m) && !(c->known && c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, c->sender));
}

/* quote_mark - length of the quotation mark at s (n bytes), or 0 */
static size_t
quote_mark(const char *s, size_t n)
{
	static const char *const marks[] = {
		"\"", "\xe2\x80\x9e", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xc2\xab", "\xc2\xbb", "\xe2\x80\xb9", "\xe2\x80\xba",
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t k = strlen(marks[i]);

		if (n >= k && memcmp(s, marks[i], k) == 0)
			return k;
	}
	return 0;
}

/* marks_between - how many quotation marks text[from, to) holds */
static size_t
marks_between(const char *text, size_t from, size_t to)
{
	size_t count = 0, k;

	for (size_t i = from; i < to; i += k ? k : 1)
		if ((k = quote_mark(text + i, to - i)) > 0)
			count++;
	return count;
}

/*
 * quoted_words - the hit stands inside quotation marks in its sentence:
 * somebody else's words the sender reports ("a review said 'never
 * again'"), not the sender's own judgement.  An odd number of marks
 * before it, or after it when the quotation opened in an earlier
 * sentence.
 */
static bool
quoted_words(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (marks_between(c->text, sb, at.start) % 2 == 1)
		return true;
	return marks_between(c->text, sb, at.start) == 0 &&
	    marks_between(c->text, at.end, se) % 2 == 1;
}

/*
 * cue_in_sentence - a referral or introduction cue shares the hit's
 * sentence: "Dana is delighted with you and gave me your number",
 * "I've copied in Karim, who has a leak under his sink".  What it judges
 * belongs to the person recommended or introduced, not to the sender.
 */
static bool
cue_in_sentence(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t i = 0; i < c->nref; i++)
		if (c->ref[i].start >= sb && c->ref[i].end <= se)
			return true;
	for (size_t i = 0; i < c->nintro; i++)
		if (c->intro[i].start >= sb && c->intro[i].end <= se)
			return true;
	return false;
}

/*
 * negated - an [aim negation] word ("not", "nicht", "pas", "no") among
 * the `words` words before the hit, in the same clause (no comma,
 * semicolon or colon between): "I can't say I was impressed", "nicht
 * zufrieden", "keine Reklamationen".  A negation inside the phrase
 * itself ("couldn't be happier") is the phrase's own business.
 */
static bool
negated(const struct cl *c, struct cl_span at, size_t words)
{
	size_t sb, se, from = at.start, n = 0;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (from > sb && n < words) {
		char ch = c->text[from - 1];

		if (ch == ',' || ch == ';' || ch == ':')
			break;
		from--;
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' &&
		    (from == sb || c->text[from - 1] == ' ' ||
		    c->text[from - 1] == '\t' || c->text[from - 1] == '\n' ||
		    c->text[from - 1] == '\r'))
			n++;
	}
	return cl_near_between(c, from, at.start, "negation");
}

/*
 * asks_how_to_complain - a complaint word in a question that asks how,
 * where or to whom to complain ([aim ask]: "who do I complain to",
 * "wo kann ich mich", "dónde puedo"): a complaint about somebody else.
 */
static bool
asks_how_to_complain(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (se > sb && (c->text[se - 1] == ' ' || c->text[se - 1] == '\n' ||
	    c->text[se - 1] == '\r' || c->text[se - 1] == '\t'))
		se--;
	return se > sb && c->text[se - 1] == '?' &&
	    cl_near_aimed(c, at, "ask");
}

/* clause_of - bounds of the clause around at: , ; : ( ) end one */
static void
clause_of(const struct cl *c, struct cl_span at, size_t *cb, size_t *ce)
{
	size_t sb, se, b = at.start, e = at.end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (b > sb && strchr(",;:()", c->text[b - 1]) == NULL)
		b--;
	while (e < se && strchr(",;:()", c->text[e]) == NULL)
		e++;
	*cb = b;
	*ce = e;
}

/*
 * other_clause - the judgement's own clause names a third party ([aim
 * other]: "the delivery driver", "our last cleaner", "Correos") before
 * it and nothing of the owner ([aim]): "Our last cleaner was amazing, so
 * you've got big shoes to fill" praises the last cleaner.
 */
static bool
other_clause(const struct cl *c, struct cl_span at)
{
	size_t cb, ce;

	clause_of(c, at, &cb, &ce);
	return cl_near_between(c, cb, at.start, "other") &&
	    !cl_near_between(c, cb, ce, "aim");
}

/*
 * third_party - the judgement is about a third party: its clause names
 * one (other_clause), or its sentence does and nothing of the owner, with
 * no contrast word before the judgement ("the driver was rude to me, but
 * the bike is perfect" praises the owner).
 */
static bool
third_party(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	if (other_clause(c, at))
		return true;
	if (!cl_near_aimed(c, at, "other") || cl_near_aimed(c, at, "aim"))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return !cl_near_between(c, sb, at.start, "contrast");
}

/*
 * exonerated - the sender clears the owner of the trouble they describe
 * ([aim exonerate]: "not your fault", "nicht an Ihnen", "por tu parte no
 * hay ningún problema") in its sentence or the next: the complaint is
 * about somebody else.
 */
static bool
exonerated(const struct cl *c, struct cl_span at)
{
	size_t sb, se, nb, ne;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	ne = se;
	if (se < c->tlen)
		cl_sentence(c->text, c->tlen, se, se + 1, &nb, &ne);
	return cl_near_between(c, sb, ne, "exonerate");
}

/* praised_beside - an uncancelled praise hit stands in the sentence of at */
static bool
praised_beside(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "praise") == 0 &&
		    c->tags[j].at.start >= sb && c->tags[j].at.end <= se &&
		    !cl_cancelled(c, "praise", c->tags[j].at))
			return true;
	return false;
}

#define DENIAL_WORDS	4	/* words before a complaint a denial reaches */

/*
 * denied - an outright denial ([outcome none] other than "without":
 * "ni un", "not a single", "kein einziges", "pas une seule") among the
 * DENIAL_WORDS words before a complaint word, in its clause: "ni un vaso
 * roto" says nothing broke.  "Without" is a want, not a denial ("three
 * weeks without hot water").
 */
static bool
denied(const struct cl *c, struct cl_span at)
{
	static const char *const wants[] = { "without", "ohne", "sans", "sin" };
	size_t cb, ce, from = at.start, n = 0;

	clause_of(c, at, &cb, &ce);
	while (from > cb && n < DENIAL_WORDS) {
		from--;
		if (from > cb && c->text[from - 1] == ' ' &&
		    c->text[from] != ' ')
			n++;
	}
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		bool want = false;

		if (strcmp(h->name, "none") != 0 || h->at.start < from ||
		    h->at.end > at.start)
			continue;
		for (size_t k = 0; k < sizeof(wants) / sizeof(wants[0]); k++)
			want = want || strcmp(h->phrase, wants[k]) == 0;
		if (!want)
			return true;
	}
	return false;
}

/*
 * not_the_senders - a judgement hit that the sender does not make:
 * somebody else's quoted reproach, the judgement of the person they
 * recommend or introduce, a negated one, a complaint about a third party
 * asked about, or a judgement of a former or other supplier ([aim
 * other]) with nothing aiming it at the owner ("one I bought in another
 * shop smelt awful", "the courier lost the envelope"; for praise only in
 * a first message: "our last photographer was excellent"), somebody of a
 * trade the sender has (cl_own_subject), a word of a place's name
 * (cl_in_a_name: "Valle de Bravo"); rudeness
 * about such a third party, or with the owner cleared of it, is no
 * rudeness to the owner either, nor is a blunt word beside praise in its
 * sentence ("You lot are always so quick - much appreciated").
 */
static bool
not_the_senders(const struct cl *c, const struct cl_taghit *h, bool first)
{
	bool praise = strcmp(h->tag, "praise") == 0;
	bool complaint = strcmp(h->tag, "complaint") == 0;
	bool rude = strcmp(h->tag, "rude") == 0;

	if (!praise && !complaint && !rude && strcmp(h->tag, "haggler") != 0)
		return false;
	/* praise in quotation marks is often the sender's own testimonial;
	 * a quoted reproach is a review or a saying reported */
	if (!praise && quoted_words(c, h->at))
		return true;
	/* "c'est lamentable" of the energy supplier insults nobody here,
	 * nor "useless, nothing to do with you obviously" */
	if (rude)
		return third_party(c, h->at) || exonerated(c, h->at) ||
		    praised_beside(c, h->at);
	if (!praise && !complaint)
		return false;
	if (cue_in_sentence(c, h->at))
		return true;
	if (negated(c, h->at, praise ? NEGATION_WORDS :
	    NEGATION_WORDS_COMPLAINT))
		return true;
	if (complaint && denied(c, h->at))
		return true;
	if (complaint && asks_how_to_complain(c, h->at))
		return true;
	if (praise && (cl_own_subject(c, h->at) || cl_in_a_name(c, h->at) ||
	    cl_named_other(c, h->at)))
		return true;
	if (praise && !first)
		return other_clause(c, h->at);
	return third_party(c, h->at);
}

#define IRONY_OPEN	12	/* bytes before praise that opens a sentence */
#define IRONY_ECHO	40	/* bytes after it where its echo is looked for */
#define IRONY_WORDS	3	/* words of an exclamation ("Oh wonderful") */

/* words_in - how many words text[from, to) holds */
static size_t
words_in(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;
	size_t n = 0;

	while (rules_word_next(c->text, to, &from, &rw))
		n++;
	return n;
}

/* hit_word - the folded last word of the hit into w (RULES_MAX_WORD + 4) */
static bool
hit_word(const struct cl *c, struct cl_span at, char *w)
{
	struct rules_word rw;
	size_t pos = at.start;
	bool any = false;

	while (rules_word_next(c->text, at.end, &pos, &rw))
		if (!rw.overflow) {
			memcpy(w, rw.folded, rw.flen + 1);
			any = true;
		}
	return any;
}

/* Intensifiers of an ironic echo: "great, just great", "bravo, vraiment
 * bravo" (a plain "merci, merci, merci" is sincere). */
static const char *const echo_links[] = {
	"just", "really", "simply", "absolutely", "truly", "wirklich",
	"einfach", "echt", "vraiment", "simplement", "simplemente",
	"realmente", "verdaderamente",
};

/* echoed - the hit's word comes again after an intensifier: "great, just
 * great", "Genial, simplemente genial" */
static bool
echoed(const struct cl *c, struct cl_span at, size_t se)
{
	char w[RULES_MAX_WORD + 4];
	struct rules_word rw;
	size_t pos = at.end, lim = se - at.end > IRONY_ECHO ?
	    at.end + IRONY_ECHO : se;
	bool link = false;

	if (!hit_word(c, at, w))
		return false;
	while (rules_word_next(c->text, lim, &pos, &rw)) {
		if (rw.overflow)
			continue;
		if (strcmp(rw.folded, w) == 0)
			return link;
		for (size_t i = 0; i < sizeof(echo_links) /
		    sizeof(echo_links[0]); i++)
			link = link || strcmp(rw.folded, echo_links[i]) == 0;
	}
	return false;
}

/* Words that may close an ironic tag-on after a comma: "Genial, de
 * verdad.", "Super gemacht, wirklich." */
static const char *const tag_ons[] = {
	"really", "honestly", "wirklich", "ehrlich", "echt", "vraiment",
	"verdad", "serio",
};

/*
 * tagged_on - a bare exclamation (the hit opens its sentence at sb),
 * then a comma and at most two words that end the sentence with an
 * intensifier: praise said and then insisted on, the shape of a sneer
 * ("Genial, de verdad.", "Super gemacht, wirklich."); sincere praise
 * names what it praises ("Un trabajo estupendo, de verdad") or puts its
 * intensifier first ("really great").
 */
static bool
tagged_on(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	struct rules_word rw;
	size_t p = at.end, n = 0;
	bool last = false;

	for (size_t i = sb; i < at.start; i++)
		if (c->text[i] != ' ' && c->text[i] != '\t' &&
		    c->text[i] != '\n' && c->text[i] != '\r')
			return false;

	while (p < se && (c->text[p] == ' ' || c->text[p] == '\t'))
		p++;
	if (p >= se || c->text[p] != ',')
		return false;
	while (rules_word_next(c->text, se, &p, &rw)) {
		if (++n > 2 || rw.overflow)
			return false;
		last = false;
		for (size_t i = 0; i < sizeof(tag_ons) / sizeof(tag_ons[0]);
		    i++)
			last = last || strcmp(rw.folded, tag_ons[i]) == 0;
	}
	return last;
}

/* complaint_after - a complaint hit after `from`, in its sentence or the next */
static bool
complaint_after(const struct cl *c, size_t from, size_t se)
{
	size_t nb, ne = se;

	if (se < c->tlen)
		cl_sentence(c->text, c->tlen, se, se + 1, &nb, &ne);
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "complaint") == 0 &&
		    c->tags[j].at.start >= from && c->tags[j].at.end <= ne)
			return true;
	return false;
}

/* outcome_in - an [outcome name] phrase lies in text[from, to) */
static bool
outcome_in(const struct cl *c, const char *name, size_t from, size_t to)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (strcmp(c->outc[i].name, name) == 0 &&
		    c->outc[i].at.start >= from && c->outc[i].at.end <= to)
			return true;
	return false;
}

#define TURN_HEAD	5	/* words from the sentence's start to its colon */

/* weak_complaint_seen - a [weak complaint] phrase ("retard", "late") */
static void
weak_complaint_seen(void *ctx, const struct rules_match *m)
{
	bool *seen = ctx;

	if (m->kind == RULES_WEAK && strcmp(m->name, "complaint") == 0)
		*seen = true;
}

/*
 * colon_turn - praise that opens its sentence, a colon within a few words,
 * and after the colon a failure: a complaint phrase or word, a defect, or a
 * persistence word ([outcome still]), with no good result there ("Bravo
 * pour la ponctualité : trois heures de retard", "Genial: tercera versión
 * del logo y sigue pareciendo ...").  Sincere praise after a colon names
 * what went well ("Great news: it works perfectly").
 */
static bool
colon_turn(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	size_t colon = at.end;

	if (at.start - sb > IRONY_OPEN)
		return false;
	while (colon < se && strchr(":.!?;,\n", c->text[colon]) == NULL)
		colon++;
	if (colon >= se || c->text[colon] != ':' ||
	    words_in(c, sb, colon) > TURN_HEAD)
		return false;
	if (outcome_in(c, "good", colon, se))
		return false;
	if (outcome_in(c, "defect", colon, se) ||
	    outcome_in(c, "still", colon, se))
		return true;
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "complaint") == 0 &&
		    c->tags[j].at.start > colon && c->tags[j].at.end <= se)
			return true;
	/* a word of complaint that nothing aimed: the praise before the
	 * colon aims it ("trois heures de retard") */
	bool weak = false;

	rules_scan(c->r, c->text + colon + 1, se - colon - 1,
	    weak_complaint_seen, &weak);
	return weak;
}

#define COST_WORDS	2	/* words after praise where a cost is looked for */

/*
 * cost_sneer - praise said of paying or waiting ([aim cost] among the
 * words right after it: "it was lovely to pay £12 extra for ...", "me
 * encanta pagar por esperar"), with nothing that makes it a wish or an
 * offer in its sentence ([outcome hedge]: "I'd love to pay by card"):
 * nobody enjoys paying, so it is a sneer.
 */
static bool
cost_sneer(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p = at.end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t n = 0; n < COST_WORDS &&
	    rules_word_next(c->text, se, &p, &rw); n++)
		;
	return p > at.end && cl_near_between(c, at.end, p, "cost") &&
	    !outcome_in(c, "hedge", sb, se);
}

/*
 * ironic - praise that opens its sentence as an exclamation and is
 * turned by what follows: echoed ("Great, just great.", "Bravo, vraiment
 * bravo", "Genial, simplemente genial"), beside an [aim irony] word
 * after it ("Oh wonderful, another letter", "Ganz toll, schon wieder"),
 * insisted on after a comma (tagged_on: "Genial, de verdad."), or
 * followed by a complaint.  1: drop the praise; 2: it is itself the
 * complaint.
 */
static int
ironic(const struct cl *c, struct cl_span at)
{
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (colon_turn(c, at, sb, se))
		return 2;
	if (at.start - sb > IRONY_OPEN || words_in(c, sb, at.end) > IRONY_WORDS)
		return 0;	/* "Your team was wonderful, thanks again" */
	for (p = at.end; p < se && (c->text[p] == ' ' || c->text[p] == '\t');
	    p++)
		;
	if (p < se && strchr(",:;!.", c->text[p]) == NULL &&
	    !echoed(c, at, se))
		return 0;	/* "Great job on the stairs" */
	if (echoed(c, at, se) || cl_near_between(c, at.end, se, "irony") ||
	    tagged_on(c, at, sb, se))
		return 2;
	return complaint_after(c, at.end, se) ? 1 : 0;
}

/* judged - record tag for the sender with the sentence of at as evidence */
static int
judged(struct cl *c, const char *tag, struct cl_span at)
{
	size_t sb, se;
	char *ev;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if ((ev = cl_evidence(c->text, sb, se, at.start)) == NULL)
		return -1;
	return cl_add_tag(c, c->sender, tag, ev);
}

/* has_hit - a hit of tag stands in text[from, to) */
static bool
has_hit(const struct cl *c, const char *tag, size_t from, size_t to)
{
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, tag) == 0 &&
		    c->tags[j].at.start >= from && c->tags[j].at.end <= to &&
		    !cl_cancelled(c, tag, c->tags[j].at))
			return true;
	return false;
}

/*
 * own_trouble - a complaint word in a sentence where the sender owes
 * money (a slow-payer hit stands in it): "veuillez excuser le retard de
 * paiement", "your invoice is three weeks overdue, I must apologise"
 * speak of the sender's own lateness, not of the owner's work.
 */
static bool
own_trouble(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return has_hit(c, "slow-payer", sb, se);
}

/*
 * reported - a judgement somebody else made, reported by the sender
 * ([aim report] before it in its sentence: "Fran reckons you're the
 * best", "Carmen me ha dicho que", "m'a dit que"), not the sender's own.
 */
static bool
reported(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return cl_near_between(c, sb, at.start, "report");
}

/*
 * counter_offer - a reply that answers a price with a lower figure of its
 * own (cl_near_counter), or any mail proposing a figure below a price it
 * names (cl_money_haggles), haggles, in mail that owes nothing (a
 * slow-payer's part payment is no counter-offer) and has no haggler hit
 * already; a figure proposed beside a payment put off, outside the
 * payment's sentence, and a bigger percentage asked for
 * haggle even so.
 */
static int
counter_offer(struct cl *c)
{
	struct cl_span at;
	bool owes = has_hit(c, "slow-payer", 0, c->tlen);

	if (has_hit(c, "haggler", 0, c->tlen))
		return 0;
	if ((!owes && cl_is_reply(c->m) && cl_near_counter(c, &at)) ||
	    cl_money_haggles(c, owes, &at))
		return judged(c, "haggler", at);
	return 0;
}

/* deferred - a payment put off in a thread about a bill (classify_money) */
static int
deferred(struct cl *c)
{
	struct cl_span at;

	if (has_hit(c, "slow-payer", 0, c->tlen) || !cl_money_defers(c, &at))
		return 0;
	return judged(c, "slow-payer", at);
}

/* money_seen - a [weak haggler] word (price, quote, bill) was scanned */
static void
money_seen(void *ctx, const struct rules_match *m)
{
	bool *seen = ctx;

	if (m->kind == RULES_WEAK && strcmp(m->name, "haggler") == 0)
		*seen = true;
}

/*
 * insult_complains - rudeness to the owner that stood complains too:
 * "Absolute cowboys.", "Pathetic service." judge the work.  Not in mail
 * that haggles or answers about money (its subject names a price, quote
 * or bill: "Re: Quote 1182", "RE: your bill"): "don't waste my time"
 * there is a quarrel over money, not a judgement of work done.  Nor
 * where a [not complaint] phrase is in its sentence ("I don't need a
 * lecture from a freelancer" waves the owner's advice away).
 */
static int
insult_complains(struct cl *c, const struct cl_span *rude)
{
	const char *subj = c->m->subject;
	bool money = false;

	if (rude == NULL || has_hit(c, "haggler", 0, c->tlen) ||
	    cl_cancelled(c, "complaint", *rude))
		return 0;
	if (subj != NULL)
		rules_scan(c->r, subj, strlen(subj), money_seen, &money);
	return money ? 0 : judged(c, "complaint", *rude);
}

/* Words of thanks: "Perfect, thanks again" is no sneer. */
static const char *const thanks[] = {
	"thank", "thanks", "cheers", "danke", "merci", "gracias",
};

/* thanked - a word of thanks in the sentence of at */
static bool
thanked(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (rules_word_next(c->text, se, &sb, &rw))
		for (size_t i = 0; !rw.overflow &&
		    i < sizeof(thanks) / sizeof(thanks[0]); i++)
			if (strcmp(rw.folded, thanks[i]) == 0)
				return true;
	return false;
}

/*
 * sneer_next - what follows the exclamation at `at` turns it at once: the
 * words right after its comma are an irony phrase ("Oh brilliant,
 * another hour", "Na toll, schon wieder"), or it is insisted on
 * (tagged_on); "Great, see you again on Tuesday" is sincere.
 */
static bool
sneer_next(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p = at.end, end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (tagged_on(c, at, sb, se))
		return true;
	for (size_t n = 0; n < 2 && rules_word_next(c->text, se, &p, &rw); n++)
		;
	end = p;
	return cl_near_between(c, at.end, end, "irony");
}

/*
 * faint_irony - weak praise that nothing aimed at the owner (so no praise)
 * and that irony turns is a complaint: "Oh brilliant, another 40 minutes
 * in reception"; so is a bare exclamation ([aim exclaim]) turned so.  A
 * sentence with a praise phrase of its own was weighed already, and one
 * with thanks is sincere ("Perfect, thanks again").
 */
static int
faint_irony(struct cl *c)
{
	for (size_t i = 0; i < c->nfaint; i++)
		if (!praised_beside(c, c->faint[i]) && !thanked(c, c->faint[i]) &&
		    !cl_cancelled(c, "praise", c->faint[i]) &&
		    !quoted_words(c, c->faint[i]) &&
		    ironic(c, c->faint[i]) == 2 && sneer_next(c, c->faint[i]))
			return judged(c, "complaint", c->faint[i]);
	return 0;
}

/*
 * sneer_at - the praise of the mail that is a sneer (turned at once by
 * irony or a colon, or said of paying or waiting), into *at: praise
 * words in a mail whose facts are a failure praise nothing, not even
 * the "Really top service, thank you so much" that closes it.
 */
static bool
sneer_at(const struct cl *c, struct cl_span *at)
{
	for (size_t i = 0; i < c->ntags; i++) {
		const struct cl_taghit *h = &c->tags[i];

		if (strcmp(h->tag, "praise") != 0 ||
		    cl_cancelled(c, "praise", h->at) ||
		    quoted_words(c, h->at))
			continue;
		if (ironic(c, h->at) == 2 || cost_sneer(c, h->at)) {
			*at = h->at;
			return true;
		}
	}
	for (size_t i = 0; i < c->nfaint; i++)
		if (!quoted_words(c, c->faint[i]) && cost_sneer(c, c->faint[i])) {
			*at = c->faint[i];
			return true;
		}
	return false;
}

/* cl_tag_facts - the tags the sender's own words earned, plus referral tags */
int
cl_tag_facts(struct cl *c)
{
	const struct message *m = c->m;
	struct facts *f = c->f;
	size_t sb, se, irony_b = 1, irony_e = 0;
	bool fresh = asks_new_work(c), first = first_contact(c);
	struct cl_span rude_at, sneer;
	const struct cl_span *rude = NULL;
	bool sneers = sneer_at(c, &sneer);

	if (sneers && judged(c, "complaint", sneer) < 0)
		return -1;
	for (size_t i = 0; i < c->ntags; i++) {
		char *ev;

		if (judgement_cancelled(c, c->tags[i].tag, c->tags[i].at))
			continue;
		if (sneers && strcmp(c->tags[i].tag, "praise") == 0)
			continue;	/* a sneer's mail praises nothing */
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    c->tags[i].at.start >= irony_b &&
		    c->tags[i].at.end <= irony_e)
			continue;	/* the echo of ironic praise */
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    (fresh || cl_near_aimed(c, c->tags[i].at, "request")) &&
		    !cl_near_aimed(c, c->tags[i].at, "work"))
			continue;	/* a problem the owner is asked to fix */
		if (strcmp(c->tags[i].tag, "praise") == 0) {
			int irony = ironic(c, c->tags[i].at);

			if (irony == 2 && judged(c, "complaint",
			    c->tags[i].at) < 0)
				return -1;
			if (irony > 0) {
				cl_sentence(c->text, c->tlen,
				    c->tags[i].at.start, c->tags[i].at.end,
				    &irony_b, &irony_e);
				continue;	/* "Great, just great." */
			}
		}
		if (fresh && strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_near_aimed(c, c->tags[i].at, "aim"))
			continue;	/* an enquiry's compliment for others */
		if (overturned(c, i))
			continue;
		if (not_the_senders(c, &c->tags[i], first))
			continue;
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    (own_trouble(c, c->tags[i].at) ||
		    exonerated(c, c->tags[i].at)))
			continue;
		if ((strcmp(c->tags[i].tag, "praise") == 0 ||
		    strcmp(c->tags[i].tag, "complaint") == 0) &&
		    reported(c, c->tags[i].at))
			continue;
		if (strcmp(c->tags[i].tag, "rude") == 0 && rude == NULL) {
			rude_at = c->tags[i].at;
			rude = &rude_at;
		}
		cl_sentence(c->text, c->tlen, c->tags[i].at.start,
		    c->tags[i].at.end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se,
		    c->tags[i].at.start)) == NULL ||
		    cl_add_tag(c, c->sender, c->tags[i].tag, ev) < 0)
			return -1;
	}
	if (deferred(c) < 0 || counter_offer(c) < 0 ||
	    insult_complains(c, rude) < 0 ||
	    faint_irony(c) < 0)
		return -1;
	/* a first message that is not a reply is an enquiry: a forwarded
	 * request is the enquiry of the person who wrote it */
	const char *asker = c->sender;

	for (size_t i = 0; i < f->nreferrals; i++)
		if (strcmp(f->referrals[i].how, "forward") == 0)
			asker = f->referrals[i].referred;
	if (asker == c->sender && m->forwarded.email != NULL)
		asker = NULL;	/* a forward that is no request: no enquiry */
	if (asker != NULL && m->in_reply_to == NULL && m->nreferences == 0 &&
	    !cl_is_reply(m) &&
	    !(c->known && c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, asker))) {
		struct buf b;

		buf_init(&b, 0);
		if (buf_puts(&b, "first message, not a reply") < 0 ||
		    (m->subject && *m->subject &&
		    buf_printf(&b, ": %.*s", (int)utf8_prefix(m->subject,
		    CL_MAX_EVIDENCE - 30), m->subject) < 0)) {
			buf_free(&b);
			return -1;
		}
		if (cl_add_tag(c, asker, "enquiry", buf_steal(&b)) < 0)
			return -1;
	}
	for (size_t i = 0; i < f->nreferrals; i++) {
		const struct fact_referral *rf = &f->referrals[i];

		for (size_t j = 0; j < f->npeople; j++) {
			const char *who = f->people[j].email;
			char *ev;

			if (strcmp(who, rf->referred) != 0 &&
			    (rf->referrer == NULL || strcmp(who, rf->referrer) != 0))
				continue;
			if ((ev = xstrdup(rf->evidence)) == NULL && rf->evidence)
				return -1;
			if (cl_add_tag(c, who, strcmp(who, rf->referred) == 0 ?
			    "referred" : "referrer", ev) < 0)
				return -1;
		}
	}
	return 0;
}
