/*
 * classify_virtue - a cheer whose object is a virtue: a sneer.
 *
 * DESCRIPTION
 *	"Annuler un atelier la veille par mail, bravo le professionnalisme."
 *	A cheer (a praise hit) that does not open its sentence but follows
 *	an account in it, whose object, after at most VIRTUE_LINK words ("le",
 *	"for the", "por la"), is a quality a firm is supposed to have
 *	([aim virtue]: professionalism, reliability, punctuality, the
 *	service, in four languages) and ends the sentence, hails the virtue
 *	the account just showed missing.  Sincere praise names the work or
 *	the person ("great job on the stairs", "bravo à toute l'équipe") or
 *	says what went well; so the cheer praises nothing when its sentence
 *	tells no good result and the mail thanks for nothing.  No
 *	complaint is added: the failure complains by its own path or not.
 *
 * OWNS
 *	Nothing: the test reads the scan's hits and the text.
 *
 * NEVER
 *	Adds a tag, or scans more than the sentence around the hit.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define VIRTUE_LINK	2	/* words between the cheer and its virtue */
#define VIRTUE_ACCOUNT	3	/* words of account before the cheer, at least */

/* the first [aim virtue] phrase of a scanned span */
struct virtue_seek {
	size_t start, end;
	bool found;
};

static void
virtue_fn(void *ctx, const struct rules_match *m)
{
	struct virtue_seek *s = ctx;

	if (m->kind == RULES_AIM && strcmp(m->name, "virtue") == 0 &&
	    !s->found) {
		s->start = m->start;
		s->end = m->end;
		s->found = true;
	}
}

bool
cl_virtue_cheer(const struct cl *c, struct cl_span at)
{
	struct virtue_seek s = { 0, 0, false };
	struct rules_word rw;
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (rules_words(c->text, sb, at.start, VIRTUE_ACCOUNT) < VIRTUE_ACCOUNT)
		return false;	/* the cheer opens its sentence */
	rules_scan(c->r, c->text + at.start, se - at.start, virtue_fn, &s);
	if (!s.found)
		return false;
	s.start += at.start;
	s.end += at.start;
	if (s.start > at.end &&
	    rules_words(c->text, at.end, s.start, VIRTUE_LINK) > VIRTUE_LINK)
		return false;
	p = s.end;
	if (rules_word_next(c->text, se, &p, &rw))
		return false;	/* the virtue does not end the sentence */
	return !oc_has_hit(c, "good", sb, se, NULL) &&
	    !oc_has_hit(c, "thanks", 0, c->tlen, NULL);
}
