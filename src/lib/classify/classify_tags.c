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
 *	after a contrast word means the latter.  Then the enquiry tag (a
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

/*
 * not_the_senders - a judgement hit that the sender does not make:
 * somebody else's quoted reproach, the judgement of the person they
 * recommend or introduce, a negated one, a complaint about a third party
 * asked about, or a judgement of a former or other supplier ([aim
 * other]) with nothing aiming it at the owner ("one I bought in another
 * shop smelt awful", "the courier lost the envelope"; for praise only in
 * a first message: "our last photographer was excellent"); rudeness
 * about such a third party is no rudeness to the owner either.
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
	/* "c'est lamentable" of the energy supplier insults nobody here */
	if (rude)
		return cl_near_aimed(c, h->at, "other") &&
		    !cl_near_aimed(c, h->at, "aim");
	if (!praise && !complaint)
		return false;
	if (cue_in_sentence(c, h->at))
		return true;
	if (negated(c, h->at, praise ? NEGATION_WORDS :
	    NEGATION_WORDS_COMPLAINT))
		return true;
	if (complaint && asks_how_to_complain(c, h->at))
		return true;
	if (praise && !first)
		return false;
	return cl_near_aimed(c, h->at, "other") &&
	    !cl_near_aimed(c, h->at, "aim");
}

/* cl_tag_facts - the tags the sender's own words earned, plus referral tags */
int
cl_tag_facts(struct cl *c)
{
	const struct message *m = c->m;
	struct facts *f = c->f;
	size_t sb, se;
	bool fresh = asks_new_work(c), first = first_contact(c);

	for (size_t i = 0; i < c->ntags; i++) {
		char *ev;

		if (judgement_cancelled(c, c->tags[i].tag, c->tags[i].at))
			continue;
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    (fresh || cl_near_aimed(c, c->tags[i].at, "request")) &&
		    !cl_near_aimed(c, c->tags[i].at, "work"))
			continue;	/* a problem the owner is asked to fix */
		if (fresh && strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_near_aimed(c, c->tags[i].at, "aim"))
			continue;	/* an enquiry's compliment for others */
		if (overturned(c, i))
			continue;
		if (not_the_senders(c, &c->tags[i], first))
			continue;
		cl_sentence(c->text, c->tlen, c->tags[i].at.start,
		    c->tags[i].at.end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se,
		    c->tags[i].at.start)) == NULL ||
		    cl_add_tag(c, c->sender, c->tags[i].tag, ev) < 0)
			return -1;
	}
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
