/*
 * classify_referral - who referred the sender, or whom the sender introduces.
 *
 * DESCRIPTION
 *	cl_referrals tries the forms in a fixed order, and the first referrer
 *	found for a person wins (cl_add_referral refuses the rest):
 *
 *	forward		the sender forwarded someone's message to the
 *			owner: they refer its writer, who becomes a
 *			contact;
 *	code		mail to owner+<ReferralTag>CODE@own.domain, or the
 *			code in the subject ("[ref-CODE]"), that the store
 *			knows;
 *	introduction	a new person among the visible recipients whom
 *			the text introduces (classify_intro.c): the
 *			sender refers them, and they become a customer;
 *	address		a [referral] cue and an email address in one
 *			sentence ("Dana (dana@example.com) sent me your way");
 *	name		a [referral] cue next to a capitalised name the store
 *			knows ("Dana Reyes recommended you"), or a known
 *			name anywhere in the cue's sentence;
 *	pending		a full name the store does not know yet: next to
 *			the cue, else anywhere in its sentence ("my
 *			neighbour Jo Bloggs asked me ..., so she gave me
 *			your number"), else, when the sentence opens with
 *			a subject pronoun, the one full name of the
 *			sentence before ("Do you remember Gerald Finch?
 *			He gave me your number").  Never a lone word
 *			(a first name, a German noun), a place, a firm,
 *			a party to the mail, or when the sender is the
 *			one telling ("and I said you're the person") or
 *			giving the owner's details away ("habe ich Ihre
 *			Nummer gegeben": classify_announce.c).
 *
 *	Neither form credits a recipient whom the same mail introduces: the
 *	sender refers them, not the other way round.
 *
 *	Only the text the sender wrote now is read; the cues were found by
 *	the one rules_scan in classify.c, the names around them by
 *	classify_names.c.  Every step looks at a bounded
 *	window of the text, so the cost stays linear in its length.
 *
 * NEVER
 *	Credits the owner, an own domain, a role address or the referred
 *	person themselves; does I/O other than through struct classify_known.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "classify_int.h"
#include "rules_int.h"


static bool
sender_referred(const struct cl *c)
{
	for (size_t i = 0; i < c->f->nreferrals; i++)
		if (strcmp(c->f->referrals[i].referred, c->sender) == 0)
			return true;
	return false;
}

static bool
local_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '%' ||
	    ch == '+' || ch == '-';
}

static bool
domain_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-';
}

/* address - the first usable address in a sentence with a referral cue */
static int
address(struct cl *c)
{
	if (memchr(c->text, '@', c->tlen) == NULL)
		return 0;
	for (size_t k = 0; k < c->nref && !sender_referred(c); k++) {
		size_t sb, se;

		cl_sentence(c->text, c->tlen, c->ref[k].start, c->ref[k].end,
		    &sb, &se);
		for (size_t p = sb; p < se; p++) {
			size_t lo = p, hi = p + 1;
			char email[CL_EMAIL_MAX + 1], *ev;

			if (c->text[p] != '@')
				continue;
			while (lo > sb && local_char(c->text[lo - 1]))
				lo--;
			while (hi < se && domain_char(c->text[hi]))
				hi++;
			while (hi > p + 1 && (c->text[hi - 1] == '.' ||
			    c->text[hi - 1] == '-'))
				hi--;
			if (lo == p || hi == p + 1 || hi - lo > CL_EMAIL_MAX)
				continue;
			memcpy(email, c->text + lo, hi - lo);
			email[hi - lo] = '\0';
			str_lower_inplace(email);
			if (cl_excluded(c, email) || strcmp(email, c->sender) == 0)
				continue;
			if ((ev = cl_evidence(c->text, sb, se,
			    c->ref[k].start)) == NULL ||
			    cl_add_referral(c, email, NULL, c->sender, "address",
			    ev) < 0)
				return -1;
			break;
		}
	}
	return 0;
}

/*
 * names_recipient - name is how a person this very mail introduces is
 * called in To or Cc ("Bernard Roux", or "Bernard"): the sender refers
 * them ("je mets en copie mon ami Bernard Roux ... je lui ai recommandé
 * votre atelier"), so they are never the sender's referrer too.
 */
static bool
names_recipient(const struct cl *c, const char *name)
{
	const struct addrlist *lists[2] = { &c->m->to, &c->m->cc };
	size_t n = strlen(name);

	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct address *a = &lists[l]->v[i];

			if (a->name == NULL || a->email == NULL ||
			    strncasecmp(a->name, name, n) != 0 ||
			    (a->name[n] != '\0' && a->name[n] != ' '))
				continue;
			for (size_t r = 0; r < c->f->nreferrals; r++)
				if (c->f->referrals[r].referrer != NULL &&
				    strcmp(c->f->referrals[r].referrer,
				    c->sender) == 0 &&
				    strcasecmp(c->f->referrals[r].referred,
				    a->email) == 0)
					return true;
		}
	return false;
}

/* names - referrers by name: known ones first, then pending ones */
static int
names(struct cl *c)
{
	char pending[CL_MAX_CUES][CL_NAME_MAX];
	struct cl_span psent[CL_MAX_CUES];
	size_t pcue[CL_MAX_CUES];
	size_t np = 0;

	for (size_t k = 0; k < c->nref && !sender_referred(c); k++) {
		char name[CL_NAME_MAX], other[CL_NAME_MAX];
		char email[CL_EMAIL_MAX + 1], *ev;
		size_t sb, se, fb;
		bool titled = false, lone = false, wait = false, near;

		cl_sentence(c->text, c->tlen, c->ref[k].start, c->ref[k].end,
		    &sb, &se);
		if (c->ngive > 0 && cl_sender_gives(c, sb, se))
			continue;	/* the sender gave: an announcement */
		near = cl_cue_name(c, k, name, &sb, &se, &titled, &lone);
		if (near && titled && cl_by_surname(c, name, email, sizeof(email)))
			;	/* "Frau Vogel": the one Vogel we know */
		else if (near && !lone &&
		    cl_known_name(c, name, email, sizeof(email)))
			;
		else if (cl_sentence_known(c, k, other, email, sizeof(email))) {
			memcpy(name, other, strlen(other) + 1);
			cl_sentence(c->text, c->tlen, c->ref[k].start,
			    c->ref[k].end, &sb, &se);
		} else if ((!near || lone) && cl_far_name(c, k, other, &fb)) {
			memcpy(name, other, strlen(other) + 1);
			sb = fb;
			wait = !cl_known_name(c, name, email, sizeof(email));
		} else if (!near) {
			continue;
		} else {
			wait = true;
		}
		if (names_recipient(c, name))
			continue;	/* the one the sender introduces */
		if (wait) {
			/* a name nobody knows yet waits for its owner */
			memcpy(pending[np], name, strlen(name) + 1);
			pcue[np] = c->ref[k].start;
			psent[np].start = sb;
			psent[np++].end = se;
			continue;
		}
		if ((ev = cl_evidence(c->text, sb, se, c->ref[k].start)) == NULL ||
		    cl_add_referral(c, email, name, c->sender, "name", ev) < 0)
			return -1;
	}
	for (size_t k = 0; k < np && !sender_referred(c); k++) {
		char *ev = cl_evidence(c->text, psent[k].start, psent[k].end,
		    pcue[k]);

		if (ev == NULL || cl_add_referral(c, NULL, pending[k], c->sender,
		    "pending", ev) < 0)
			return -1;
	}
	return 0;
}

int
cl_mentions(struct cl *c)
{
	return address(c) < 0 || names(c) < 0 ? -1 : 0;
}

const struct address *
cl_forwarded(const struct cl *c)
{
	const struct address *a = &c->m->forwarded;

	if (a->email == NULL || cl_excluded(c, a->email) ||
	    (c->sender != NULL && (strcasecmp(a->email, c->sender) == 0 ||
	    cl_sender_alias(c, a))))
		return NULL;
	return a;
}

int
cl_forward_referral(struct cl *c)
{
	const struct address *a = cl_forwarded(c);
	struct buf b;
	int rc;

	if (a == NULL)
		return 0;
	buf_init(&b, 0);
	if (buf_printf(&b, "forwarded the request of %s%s<%s>",
	    a->name ? a->name : "", a->name ? " " : "", a->email) < 0) {
		buf_free(&b);
		return -1;
	}
	rc = cl_add_referral(c, c->sender, NULL, a->email, "forward",
	    buf_steal(&b));
	if (rc < 0 || (rc == 1 && cl_add_person(c, a->email, a->name,
	    false) < 0))
		return -1;
	return 0;
}

int
cl_referrals(struct cl *c)
{
	if (cl_codes(c) < 0 || cl_body_codes(c) < 0 || cl_forward_referral(c) < 0 ||
	    cl_introductions(c) < 0 || cl_mentions(c) < 0)
		return -1;
	return 0;
}
