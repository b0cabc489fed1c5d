/*
 * classify_swear - whether a swear word is aimed at the owner.
 *
 * DESCRIPTION
 *	A rude hit that survived every exclusion tags only when its words
 *	aim it at the owner, the owner's firm or the owner's work.  An
 *	insult or a word of contempt ("clowns", "Frechheit", "minable",
 *	"sinvergüenzas") judges somebody by itself: what it judges is
 *	decided by the exclusions before (classify_target.c, classify_whose.c)
 *	and it stands as "insult".  A swear word ([aim swear]: "bloody",
 *	"shit", "Scheiße", "verdammt", "putain", "mierda") judges nothing:
 *	the sender swears at the rain, the traffic, the courier or the day
 *	("this bloody rain", "Scheißwetter heute", "putain de bouchons",
 *	"la puta lluvia") unless its sentence speaks to the owner ([aim]:
 *	"you", "Sie", "vous", "usted", evidence "you") or names the owner's
 *	job ([aim work], evidence "work"): "do your bloody job", "you're a
 *	bloody joke".  A curse said to the reader ("piss off", "allez au
 *	diable") is no [aim swear] phrase and stands as an insult.
 *
 * OWNS
 *	Nothing: it rescans the hit's sentence.
 *
 * NEVER
 *	Adds or removes a tag; the caller keeps the sentence as evidence.
 */
#include <stdbool.h>
#include <string.h>

#include "rules_int.h"
#include "classify_int.h"
#include "tags_int.h"

/* aimed_seek - what the hit's sentence names; hit is the hit's offset in
 * the span scanned */
struct aimed_seek {
	size_t hit, hit_end;
	bool swear;	/* an [aim swear] phrase overlaps the hit */
	bool you;	/* an [aim] phrase */
	bool work;	/* an [aim work] phrase */
};

static void
aimed_fn(void *ctx, const struct rules_match *m)
{
	struct aimed_seek *s = ctx;

	if (m->kind != RULES_AIM)
		return;
	if (strcmp(m->name, "aim") == 0)
		s->you = true;
	else if (strcmp(m->name, "work") == 0)
		s->work = true;
	else if (strcmp(m->name, "swear") == 0 && m->start < s->hit_end &&
	    m->end > s->hit)
		s->swear = true;
}

const char *
cl_rude_aimed(const struct cl *c, struct cl_span at)
{
	struct aimed_seek s;
	size_t sb, se;

	if (c->text == NULL || at.end > c->tlen || at.start >= at.end)
		return "insult";
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	s.hit = at.start - sb;
	s.hit_end = at.end - sb;
	s.swear = s.you = s.work = false;
	rules_scan(c->r, c->text + sb, se - sb, aimed_fn, &s);
	if (!s.swear)
		return "insult";
	if (s.you)
		return "you";
	return s.work ? "work" : NULL;
}
