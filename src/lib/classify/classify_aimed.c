/*
 * classify_aimed - a complaint stands only when it is aimed at the owner.
 *
 * DESCRIPTION
 *	Every path that makes a complaint (the phrase hits weighed in
 *	classify_tags.c, the sneers and mock cheers, the defects of
 *	classify_defects.c, the unheeded chase, the insult, the notice)
 *	asks whether the words are the sender's own judgement; none of
 *	them asked, until this gate, whether the judgement is of the
 *	owner's work.  Trouble that belongs to somebody else (a previous
 *	tradesman, the courier, the bank, a shop, the sender's own slip)
 *	is told in the same words.  So a complaint the paths made is kept
 *	only with positive evidence that it is aimed at the owner, the
 *	first of:
 *
 *	- the sentence of the evidence speaks to the owner ([aim]: "you",
 *	  "Ihre", "votre", "su empresa") or names the owner's job ([aim
 *	  work]: "you fitted", "votre devis");
 *	- the mail answers the owner: an id of its thread was made at an
 *	  own domain, or its quote's attribution names an own address
 *	  (cl_answers_owner), or the store knows the owner's mail it
 *	  answers (cl_owner_said);
 *	- the paragraph of the evidence speaks to the owner or names the
 *	  job ("Your fitters left on Friday.  The fence is still not
 *	  finished.");
 *	- the defects or an unheeded chase made it (classify_outcome.c):
 *	  their own tie to the owner's work is in their evidence;
 *	- the sender is a customer already: the job is theirs with the
 *	  owner;
 *	- the mail speaks to nobody: no [aim] or [aim work] phrase
 *	  anywhere, so what it tells is told to the one it was sent to
 *	  ("Thanks for nothing.  Nobody turned up.").
 *
 *	Without any of them the complaint is taken back: a newcomer's mail
 *	that speaks to the owner in one paragraph and tells of a fence
 *	"still not finished" in another tells of somebody else's job.  The
 *	evidence kept for `show` is the path's own sentence, with the
 *	structure that aimed it in parentheses when that is not in the
 *	sentence ("(answers the owner's mail)").

 * OWNS
 *	Nothing beyond the complaint it may take back.
 *
 * NEVER
 *	Adds a tag; scans the whole text only when nothing nearer aimed the
 *	complaint.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define AIMED_LOCATE 48		/* evidence bytes matched to find it */

/* aim_seen - an [aim] or [aim work] phrase was scanned */
static void
aim_seen(void *ctx, const struct rules_match *m)
{
	bool *seen = ctx;

	if (m->kind == RULES_AIM && (strcmp(m->name, "aim") == 0 ||
	    strcmp(m->name, "work") == 0))
		*seen = true;
}

/* spoken_to - text[0, len) speaks to the owner or names their job */
static bool
spoken_to(const struct cl *c, const char *text, size_t len)
{
	bool seen = false;

	rules_scan(c->r, text, len, aim_seen, &seen);
	return seen;
}

/* is_blank - a byte cl_evidence folds into one space */
static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	    ((unsigned char)ch < 0x20);
}

/*
 * located - where in the text the evidence ev starts (its first
 * AIMED_LOCATE bytes, blanks folded as cl_evidence folds them), or
 * (size_t)-1
 */
static size_t
located(const struct cl *c, const char *ev)
{
	size_t want = strlen(ev);

	if (want > AIMED_LOCATE)
		want = AIMED_LOCATE;
	if (want == 0)
		return (size_t)-1;
	for (size_t i = 0; i < c->tlen; i++) {
		size_t p = i, k = 0;

		if (c->text[i] != ev[0])
			continue;
		while (k < want && p < c->tlen) {
			if (ev[k] == ' ' && is_blank(c->text[p])) {
				while (p < c->tlen && is_blank(c->text[p]))
					p++;
				k++;
			} else if (ev[k] == c->text[p]) {
				p++;
				k++;
			} else
				break;
		}
		if (k == want)
			return i;
	}
	return (size_t)-1;
}

/* paragraph_aimed - the paragraph holding the evidence ev speaks to the
 * owner or names their job */
static bool
paragraph_aimed(const struct cl *c, const char *ev)
{
	size_t at = located(c, ev), pb, pe;

	if (at == (size_t)-1)
		return false;
	pb = cl_paragraph_start(c->text, at);
	pe = cl_paragraph_end(c->text, c->tlen, at);
	return pe > pb && spoken_to(c, c->text + pb, pe - pb);
}

/*
 * addressed_whole - the mail speaks to nobody in it: no [aim] or [aim
 * work] phrase in the whole text.  What it tells is told to the one it was
 * sent to ("Thanks for nothing.  Nobody turned up on Tuesday"); a third
 * party named in the complaint's sentence was weighed by the path
 * (classify_whose.c).  One scan of the text.
 */
static bool
addressed_whole(const struct cl *c)
{
	return !spoken_to(c, c->text, c->tlen);
}

/* customer - the store has the sender as a customer already: the job
 * complained of is theirs with the owner */
static bool
customer(const struct cl *c)
{
	return c->known != NULL && c->known->is_customer != NULL &&
	    c->known->is_customer(c->known->ctx, c->sender);
}

/*
 * aimed_why - the structure that aims the complaint of evidence ev at
 * the owner, as a note for `show` ("" when the evidence sentence holds
 * it), or NULL when nothing does
 */
static const char *
aimed_why(struct cl *c, const char *ev)
{
	if (ev != NULL && spoken_to(c, ev, strlen(ev)))
		return "";
	if (cl_answers_owner(c) || cl_owner_said(c) != NULL)
		return "answers the owner's mail";
	if (ev != NULL && paragraph_aimed(c, ev))
		return "its paragraph speaks to the owner";
	if (c->tied)
		return "";	/* the defects' own tie is in the evidence */
	if (customer(c))
		return "a customer's mail";
	if (addressed_whole(c))
		return "the mail speaks to nobody else";
	return NULL;
}

int
cl_aimed_gate(struct cl *c)
{
	struct fact_tag *t = NULL;
	const char *why;
	char *ev;
	size_t keep;

	for (size_t i = 0; i < c->f->ntags && t == NULL; i++)
		if (strcmp(c->f->tags[i].email, c->sender) == 0 &&
		    strcmp(c->f->tags[i].tag, "complaint") == 0)
			t = &c->f->tags[i];
	if (t == NULL)
		return 0;
	why = aimed_why(c, t->evidence);
	if (why == NULL) {
		cl_drop_tag(c, c->sender, "complaint");
		return 0;
	}
	if (*why == '\0' || t->evidence == NULL)
		return 0;
	/* the evidence, cut to leave room, and what aimed it */
	keep = strlen(t->evidence);
	if (keep + strlen(why) + 3 > CL_MAX_EVIDENCE)
		keep = utf8_prefix(t->evidence, CL_MAX_EVIDENCE -
		    strlen(why) - 3);
	if ((ev = malloc(keep + strlen(why) + 4)) == NULL)
		return -1;
	snprintf(ev, keep + strlen(why) + 4, "%.*s (%s)", (int)keep,
	    t->evidence, why);
	free(t->evidence);
	t->evidence = ev;
	return 0;
}
