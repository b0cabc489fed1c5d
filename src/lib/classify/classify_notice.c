/*
 * classify_notice - an appointment the owner called off at short notice.
 *
 * DESCRIPTION
 *	"That's the third time your site visit has been moved at the last
 *	minute", "Sie haben den Termin kurzfristig abgesagt", "vous avez
 *	annulé à la dernière minute", "nos cambiaron la cita a última hora":
 *	a participle of calling off or moving ([outcome calledoff]) and a
 *	short notice ([outcome notice]) in one sentence that speaks to the
 *	owner ([aim]: "your", "Sie", "vous") is a commitment broken: a
 *	complaint, with that sentence as evidence.  Not when the sentence
 *	asks, sets a condition ([outcome hedge]), or tells the sender's own
 *	doing (a first-person subject before the participle in its clause:
 *	"I've moved it at the last minute", "j'ai annulé", "he cancelado";
 *	English "he cancelled" is somebody else's), nor in mail
 *	that thanks ([outcome thanks]) or praises.
 *
 * OWNS
 *	Nothing beyond the complaint tag it adds to the facts.
 *
 * NEVER
 *	Scans the text again: it reads the [outcome] hits the one scan kept
 *	and the sentence around each.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

/* Subjects of the first person: the sender called it off themself. */
static const char *const own_subjects[] = {
	"i", "i've", "i'd", "we", "we've", "we'd", "ich", "wir", "je",
	"j'ai", "yo", "hemos",
};

/* Endings of a Spanish participle ("cancelado", "movido", "puesto",
 * "hecho"): after one, "he" is the auxiliary of the first person. */
static const char *const participle_ends[] = { "ado", "ido", "to", "cho" };

/* spanish_he - the word he is "he" and the word after it (from next on)
 * ends as a Spanish participle ("he cancelado"); English "he cancelled"
 * is somebody else */
static bool
spanish_he(const struct cl *c, const struct rules_word *he, size_t next)
{
	struct rules_word rw;

	if (strcmp(he->folded, "he") != 0 ||
	    !rules_word_next(c->text, c->tlen, &next, &rw) || rw.overflow)
		return false;
	for (size_t i = 0; i < sizeof(participle_ends) /
	    sizeof(participle_ends[0]); i++) {
		size_t n = strlen(participle_ends[i]);

		if (rw.flen > n && memcmp(rw.folded + rw.flen - n,
		    participle_ends[i], n) == 0)
			return true;
	}
	return false;
}

/* told_by_sender - a first-person subject in text[from, to) */
static bool
told_by_sender(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;

	while (rules_word_next(c->text, to, &from, &rw)) {
		if (rw.overflow)
			continue;
		if (spanish_he(c, &rw, from))
			return true;
		for (size_t i = 0; i < sizeof(own_subjects) /
		    sizeof(own_subjects[0]); i++)
			if (strcmp(rw.folded, own_subjects[i]) == 0)
				return true;
	}
	return false;
}

/* broken - the calling off at stands as the owner's, told by the sender */
static bool
broken(const struct cl *c, struct cl_span at)
{
	size_t sb, se, cb;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	return cl_outcome_in(c, "notice", sb, se) &&
	    cl_near_between(c, sb, se, "aim") &&
	    !cl_asks(c->text, sb, se) &&
	    !cl_outcome_in(c, "hedge", sb, se) &&
	    !told_by_sender(c, cb, at.start);
}

int
cl_notice_tags(struct cl *c)
{
	size_t sb, se;
	char *ev;

	if (c->sender == NULL || c->f->unverified || c->text == NULL ||
	    cl_sender_tagged(c, "complaint") ||
	    cl_sender_tagged(c, "praise") ||
	    cl_outcome_in(c, "thanks", 0, c->tlen))
		return 0;
	for (size_t i = 0; i < c->noutc; i++) {
		if (strcmp(c->outc[i].name, "calledoff") != 0 ||
		    !broken(c, c->outc[i].at) ||
		    cl_theirs(c, "complaint", c->outc[i].at))
			continue;
		cl_sentence(c->text, c->tlen, c->outc[i].at.start,
		    c->outc[i].at.end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se,
		    c->outc[i].at.start)) == NULL)
			return -1;
		return cl_add_tag(c, c->sender, "complaint", ev) < 0 ? -1 : 0;
	}
	return 0;
}
