/*
 * classify_facts - the facts one classification builds, and their checks.
 *
 * DESCRIPTION
 *	Who may be a customer at all (cl_excluded: an invalid, own or role
 *	address never is); adding a person, a tag or a referral to the facts
 *	once each, with the rules that hold for every form (at most one
 *	referrer per person, the first; never oneself, the owner or a role
 *	address); whether the sender already has a tag (cl_sender_tagged);
 *	the text invariant over every string of the facts and its
 *	repair; facts_free.
 *
 *	Every finder (classify.c, classify_tags.c, classify_referral.c,
 *	classify_intro.c, classify_signs.c) records through here, so the
 *	dependencies run one way: the finders call this file, never the
 *	reverse.
 *
 * OWNS
 *	The strings it copies into struct facts; the evidence strings it is
 *	handed (freed when refused).
 *
 * NEVER
 *	Reads the text or the rules; decides what the mail means.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify/noise.h"
#include "classify_int.h"

/* classify_is_role - the noise gate's list of role and automated mailboxes */
bool
classify_is_role(const char *email)
{
	return noise_is_role(email);
}

static bool
is_own(const struct cl *c, const char *email)
{
	return c->cfg != NULL && email != NULL && config_is_own(c->cfg, email);
}

bool
cl_excluded(const struct cl *c, const char *email)
{
	return email == NULL || !email_valid(email) || is_own(c, email) ||
	    classify_is_role(email);
}

int
cl_add_person(struct cl *c, const char *email, const char *name, bool sender)
{
	struct facts *f = c->f;
	struct fact_person *np, *p;

	for (size_t i = 0; i < f->npeople; i++)
		if (strcasecmp(f->people[i].email, email) == 0)
			return 0;
	if (f->npeople >= CL_MAX_PEOPLE)
		return 0;
	np = realloc(f->people, (f->npeople + 1) * sizeof(*np));
	if (np == NULL)
		return -1;
	f->people = np;
	p = &np[f->npeople];
	p->email = str_lower(email);
	p->name = name && *name ? xstrdup(name) : NULL;
	p->sender = sender;
	if (p->email == NULL || (name && *name && p->name == NULL)) {
		free(p->email);
		free(p->name);
		return -1;
	}
	f->npeople++;
	return 0;
}

/* cl_sender_tagged - the facts already give the sender tag (beside
 * cl_add_tag, so that the outcome, defects and tags files all read it
 * from below them) */
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

void
cl_drop_tag(struct cl *c, const char *email, const char *tag)
{
	struct facts *f = c->f;

	for (size_t i = 0; i < f->ntags; i++) {
		struct fact_tag *t = &f->tags[i];

		if (strcmp(t->email, email) != 0 || strcmp(t->tag, tag) != 0)
			continue;
		free(t->email);
		free(t->tag);
		free(t->evidence);
		memmove(t, t + 1, (f->ntags - i - 1) * sizeof(*t));
		f->ntags--;
		return;
	}
}

int
cl_add_tag(struct cl *c, const char *email, const char *tag, char *evidence)
{
	struct facts *f = c->f;
	struct fact_tag *nt, *t;

	for (size_t i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i].email, email) == 0 &&
		    strcmp(f->tags[i].tag, tag) == 0) {
			free(evidence);
			return 0;
		}
	}
	if ((nt = realloc(f->tags, (f->ntags + 1) * sizeof(*nt))) == NULL)
		goto fail;
	f->tags = nt;
	t = &nt[f->ntags];
	t->email = xstrdup(email);
	t->tag = xstrdup(tag);
	t->evidence = evidence;
	if (t->email == NULL || t->tag == NULL) {
		free(t->email);
		free(t->tag);
		goto fail;
	}
	f->ntags++;
	return 0;
fail:
	free(evidence);
	return -1;
}

int
cl_add_referral(struct cl *c, const char *referrer, const char *referrer_name,
    const char *referred, const char *how, char *evidence)
{
	struct facts *f = c->f;
	struct fact_referral *nr, *rf;
	char *from = NULL;

	if (referred == NULL || cl_excluded(c, referred) ||
	    (referrer == NULL && (referrer_name == NULL || !*referrer_name)))
		goto refuse;
	if (referrer != NULL) {
		if ((from = str_lower(referrer)) == NULL)
			goto fail;
		if (cl_excluded(c, from) || strcasecmp(from, referred) == 0)
			goto refuse;
	}
	/* at most one referrer per referred person: the first one wins */
	for (size_t i = 0; i < f->nreferrals; i++)
		if (strcasecmp(f->referrals[i].referred, referred) == 0)
			goto refuse;
	nr = realloc(f->referrals, (f->nreferrals + 1) * sizeof(*nr));
	if (nr == NULL)
		goto fail;
	f->referrals = nr;
	rf = &nr[f->nreferrals];
	rf->referrer = from;
	rf->referrer_name = xstrdup(referrer_name);
	rf->referred = str_lower(referred);
	rf->how = xstrdup(how);
	rf->evidence = evidence;
	if (rf->referred == NULL || rf->how == NULL ||
	    (referrer_name && rf->referrer_name == NULL)) {
		free(rf->referrer_name);
		free(rf->referred);
		free(rf->how);
		goto fail;
	}
	f->nreferrals++;
	return 1;
refuse:
	free(from);
	free(evidence);
	return 0;
fail:
	free(from);
	free(evidence);
	return -1;
}

/* text_ok - is s (NULL allowed) text by the invariant? */
static bool
text_ok(const char *s)
{
	return s == NULL || utf8_valid(s, strlen(s));
}

bool
facts_text_ok(const struct facts *f)
{
	if (!text_ok(f->ignore_reason) || !text_ok(f->key) ||
	    !text_ok(f->subject) || !text_ok(f->trust) ||
	    !text_ok(f->list_address))
		return false;
	for (size_t i = 0; i < f->nthread; i++)
		if (!text_ok(f->thread[i]))
			return false;
	for (size_t i = 0; i < f->nsigns_as; i++)
		if (!text_ok(f->signs_as[i]))
			return false;
	for (size_t i = 0; i < f->npeople; i++)
		if (!text_ok(f->people[i].email) || !text_ok(f->people[i].name))
			return false;
	for (size_t i = 0; i < f->ntags; i++)
		if (!text_ok(f->tags[i].email) || !text_ok(f->tags[i].tag) ||
		    !text_ok(f->tags[i].evidence))
			return false;
	for (size_t i = 0; i < f->nreferrals; i++) {
		const struct fact_referral *r = &f->referrals[i];

		if (!text_ok(r->referrer) || !text_ok(r->referrer_name) ||
		    !text_ok(r->referred) || !text_ok(r->how) ||
		    !text_ok(r->evidence))
			return false;
	}
	for (size_t i = 0; i < f->nannounced; i++)
		if (!text_ok(f->announced[i].referrer) ||
		    !text_ok(f->announced[i].name) ||
		    !text_ok(f->announced[i].evidence))
			return false;
	return text_ok(f->code_for) && text_ok(f->code) &&
	    text_ok(f->code_evidence);
}

/* repair - s (NULL allowed) made text in place; -1 only on ENOMEM */
static int
repair(char **s)
{
	char *t;

	if (*s == NULL || utf8_valid(*s, strlen(*s)))
		return 0;
	if ((t = utf8_sanitize(*s, strlen(*s))) == NULL)
		return -1;
	free(*s);
	*s = t;
	return 0;
}

int
facts_text_repair(struct facts *f)
{
	int rc = repair(&f->ignore_reason) | repair(&f->key) |
	    repair(&f->subject) | repair(&f->trust) | repair(&f->list_address);

	for (size_t i = 0; i < f->nthread; i++)
		rc |= repair(&f->thread[i]);
	for (size_t i = 0; i < f->nsigns_as; i++)
		rc |= repair(&f->signs_as[i]);
	for (size_t i = 0; i < f->npeople; i++)
		rc |= repair(&f->people[i].email) | repair(&f->people[i].name);
	for (size_t i = 0; i < f->ntags; i++)
		rc |= repair(&f->tags[i].email) | repair(&f->tags[i].tag) |
		    repair(&f->tags[i].evidence);
	for (size_t i = 0; i < f->nreferrals; i++) {
		struct fact_referral *r = &f->referrals[i];

		rc |= repair(&r->referrer) | repair(&r->referrer_name) |
		    repair(&r->referred) | repair(&r->how) |
		    repair(&r->evidence);
	}
	for (size_t i = 0; i < f->nannounced; i++)
		rc |= repair(&f->announced[i].referrer) |
		    repair(&f->announced[i].name) |
		    repair(&f->announced[i].evidence);
	rc |= repair(&f->code_for) | repair(&f->code) |
	    repair(&f->code_evidence);
	return rc < 0 ? -1 : 0;
}

void
facts_free(struct facts *f)
{
	if (f == NULL)
		return;
	free(f->ignore_reason);
	free(f->trust);
	free(f->list_address);
	for (size_t i = 0; i < f->nthread; i++)
		free(f->thread[i]);
	free(f->thread);
	free(f->key);
	free(f->subject);
	for (size_t i = 0; i < f->npeople; i++) {
		free(f->people[i].email);
		free(f->people[i].name);
	}
	free(f->people);
	for (size_t i = 0; i < f->ntags; i++) {
		free(f->tags[i].email);
		free(f->tags[i].tag);
		free(f->tags[i].evidence);
	}
	free(f->tags);
	for (size_t i = 0; i < f->nreferrals; i++) {
		free(f->referrals[i].referrer);
		free(f->referrals[i].referrer_name);
		free(f->referrals[i].referred);
		free(f->referrals[i].how);
		free(f->referrals[i].evidence);
	}
	free(f->referrals);
	for (size_t i = 0; i < f->nannounced; i++) {
		free(f->announced[i].referrer);
		free(f->announced[i].name);
		free(f->announced[i].evidence);
	}
	free(f->announced);
	free(f->code_for);
	free(f->code);
	free(f->code_evidence);
	for (size_t i = 0; i < f->nsigns_as; i++)
		free(f->signs_as[i]);
	free(f->signs_as);
	free(f);
}

int
cl_add_announce(struct cl *c, const char *name, char *evidence)
{
	struct facts *f = c->f;
	struct fact_announce *na, *a;

	if (c->sender == NULL || name == NULL || *name == '\0')
		goto refuse;
	for (size_t i = 0; i < f->nannounced; i++)
		if (strcasecmp(f->announced[i].name, name) == 0)
			goto refuse;	/* once a name per message */
	if ((na = realloc(f->announced, (f->nannounced + 1) *
	    sizeof(*na))) == NULL)
		goto fail;
	f->announced = na;
	a = &na[f->nannounced];
	a->referrer = xstrdup(c->sender);
	a->name = xstrdup(name);
	a->evidence = evidence;
	if (a->referrer == NULL || a->name == NULL) {
		free(a->referrer);
		free(a->name);
		goto fail;
	}
	f->nannounced++;
	return 1;
refuse:
	free(evidence);
	return 0;
fail:
	free(evidence);
	return -1;
}
