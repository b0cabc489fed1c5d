/*
 * classify_aftercare - a fault told as a plain fact of the job, after it.
 *
 * DESCRIPTION
 *	Many complaints judge nothing: they tell what the sender's thing
 *	is like since the owner worked on it ("Zwei Wochen nach Ihrem
 *	Abzug hat die Wand Risse", "a la semana de recogerlo la costura ya
 *	se abre") or what the sender had to do about it ("I've had to
 *	catch her again and finish her with the hand shears").  What makes
 *	such facts a fault of the owner's work is where they stand, not a
 *	word that judges:
 *
 *	- a time counted from the owner's work or the handover ([outcome
 *	  soon]: "two weeks after you left", "nach Ihrem Abzug", "à peine
 *	  récupéré", "a la semana de recoger") in the sentence of a
 *	  standing defect, or the one before it, ties that defect to the
 *	  work and weighs one;
 *	- having had to ([outcome mustdo]: "I had to", "musste ich", "j'ai
 *	  dû", "tuve que") finish, redo or put right ([outcome finish]) a
 *	  few words on, or doing it oneself ("myself", "selbst", "moi-même",
 *	  "yo mismo"), told by a customer, stated, no third party, beside
 *	  a defect in the mail or a persistence in its sentence or the one
 *	  before ("catch her again"): the sender did the owner's work
 *	  over, a fault tied to it weighing two ("I had to finish early"
 *	  alone is the sender's day).
 *
 *	Neither counts in a first contact (no reply, and the sender not
 *	yet a customer): the trouble there is what the owner is asked to
 *	fix.
 *
 * OWNS
 *	Nothing: it adds weight and ties to the case oc_complaint builds.
 *
 * NEVER
 *	Scans the text: it reads the [outcome] hits of the one scan, and
 *	one clause or two sentences around them.
 */
#include <stdbool.h>
#include <stddef.h>

#include "classify_int.h"
#include "outcome_int.h"

/* two_sentences - the bounds of the sentence of h and the one before it */
static void
two_sentences(const struct cl *c, const struct cl_outhit *h, size_t *sb,
    size_t *se)
{
	size_t pb, pe;

	oc_sentence_of(c, h->at, sb, se);
	if (*sb > 0) {
		oc_sentence_of(c, (struct cl_span){ *sb - 1, *sb - 1 }, &pb,
		    &pe);
		if (pb < *sb)
			*sb = pb;
	}
}

/* soon_before - an [outcome soon] stated in the sentence of h or the one
 * before it, ahead of h */
static const struct cl_outhit *
soon_before(const struct cl *c, const struct cl_outhit *h)
{
	size_t from, se;

	two_sentences(c, h, &from, &se);
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *s = &c->outc[i];

		if (oc_is_name(s, "soon") && s->at.start >= from &&
		    s->at.end <= h->at.start && oc_stated(c, s))
			return s;
	}
	return NULL;
}

/* soon_tie - the first standing defect counted from the work ties the
 * case and weighs one more */
static void
soon_tie(const struct cl *c, struct oc_case *k)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i], *s;

		if (!oc_is_name(h, "defect") || !oc_stands(c, h, false) ||
		    (s = soon_before(c, h)) == NULL)
			continue;
		k->weight++;
		k->tied = true;
		oc_note(k, s);
		return;
	}
}

/* did_over - h, an [outcome mustdo], stated, has an [outcome finish]
 * within OC_DID_GAP bytes after it, and its sentence names no third
 * party */
static bool
did_over(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	oc_sentence_of(c, h->at, &sb, &se);
	if (!oc_stated(c, h) || oc_third_party(c, sb, se))
		return false;
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *f = &c->outc[i];

		if (oc_is_name(f, "finish") && f->at.start >= h->at.end &&
		    f->at.end <= se && f->at.start - h->at.end <= OC_DID_GAP)
			return true;
	}
	return false;
}

/* sentence_persists - an [outcome still] ("again", "already") in the
 * sentence of h or the one before: "I've had to catch her again and
 * finish her", "Es hatte schon wieder einen Schlag, und ich musste ..." */
static bool
sentence_persists(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	two_sentences(c, h, &sb, &se);
	return oc_has_hit(c, "still", sb, se, NULL);
}

/* oc_aftercare - add to k the ties and weight of faults told as facts
 * after the work; borrows c, writes only k */
void
oc_aftercare(const struct cl *c, struct oc_case *k)
{
	if (cl_first_contact(c))
		return;
	soon_tie(c, k);
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];

		if (!oc_is_name(h, "mustdo") || !did_over(c, h) ||
		    !(k->ndefects > 0 || sentence_persists(c, h)))
			continue;	/* "I had to finish early" is a day */
		oc_tied_fault(k, h);
		return;
	}
}
