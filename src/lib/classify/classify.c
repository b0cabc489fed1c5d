/*
 * classify - decide what one parsed message means for the customer list.
 *
 * SYNOPSIS
 *	#include "classify/classify.h"
 *
 *	f = classify(m, env, cfg, rules, &known);
 *	facts_free(f);
 *
 * DESCRIPTION
 *	Who: mail from the owner (an own address, or an authenticated SMTP
 *	session) is FACTS_OUTGOING and names the recipients only.  Bounces,
 *	delivery reports, lists and bulk mail, auto-replies, role senders and
 *	mail without a usable From are FACTS_IGNORED with a reason.  Anything
 *	else is FACTS_INCOMING from the sender.
 *
 *	What: the text the sender wrote now (never the quoted part or the
 *	signature) is scanned once with rules_scan; the first occurrence of
 *	each tag's phrases gives the tag, with the sentence around it as
 *	evidence.  A first message that is not a reply is an enquiry.
 *	This file is the pipeline: the gate, the owner's mail, the one scan
 *	of the text and of the subject, auto-replies; the tags are weighed
 *	in classify_tags.c (a complaint kept only when aimed at the owner:
 *	classify_aimed.c), referrals found by classify_referral.c and
 *	classify_intro.c, facts recorded through classify_facts.c.  The
 *	owner's mail keeps what its replies may answer unquoted
 *	(classify_said.c).
 *
 * OWNS
 *	Nothing beyond the returned facts, which the caller frees with
 *	facts_free.
 *
 * NEVER
 *	Does I/O, reads clocks or keeps globals: what the store knows comes
 *	through struct classify_known, so tests feed it a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "classify/classify.h"
#include "classify/noise.h"
#include "classify/trust.h"
#include "classify_int.h"
#include "rules_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* on_match - remember what the one scan of the text found */
static void
on_match(void *ctx, const struct rules_match *rm)
{
	struct cl *c = ctx;
	struct cl_span sp = { rm->start, rm->end };
	size_t same = 0;

	if (rm->kind == RULES_AIM) {
		if (cl_money_rough(c, rm))
			return;		/* "más o menos": roughly */
		if (!cl_money_note(c, rm) &&	/* classify_money's own */
		    !cl_dismiss_note(c, rm))	/* classify_dismiss's */
			cl_near_add(c, rm);	/* for cl_near_resolve */
		return;
	}
	if (c->text != NULL && rm->kind != RULES_AUTOREPLY &&
	    cl_across_sentences(c->text, rm->start, rm->end))
		return;

	switch (rm->kind) {
	case RULES_TAG:
		/* a few occurrences per tag, so an exception may skip one */
		for (size_t i = 0; i < c->ntags; i++)
			if (strcmp(c->tags[i].tag, rm->name) == 0 && ++same >= 4)
				return;
		if (c->ntags < CL_MAX_TAGS) {
			c->tags[c->ntags].tag = rm->name;
			c->tags[c->ntags++].at = sp;
		}
		break;
	case RULES_REFERRAL:
		if (c->nref < CL_MAX_CUES)
			c->ref[c->nref++] = sp;
		break;
	case RULES_INTRODUCTION:
		if (c->nintro < CL_MAX_CUES)
			c->intro[c->nintro++] = sp;
		break;
	case RULES_ANNOUNCE:
		if (c->ncome < CL_MAX_CUES)
			c->come[c->ncome++] = sp;
		break;
	case RULES_AUTOREPLY:
		if (rm->start == c->first)
			c->autoreply = true;
		else if (rm->start < CL_AUTOREPLY_WINDOW && c->naway < CL_MAX_CUES)
			c->away[c->naway++] = sp;
		break;
	case RULES_EXCEPT:
		if (c->nexcept < CL_MAX_EXCEPT) {
			c->except[c->nexcept].tag = rm->name;
			c->except[c->nexcept++].at = sp;
		}
		break;
	case RULES_WEAK:
		cl_near_add(c, rm);
		break;
	case RULES_OUTCOME:
		if (c->noutc < CL_MAX_OUTCOME) {
			c->outc[c->noutc].name = rm->name;
			c->outc[c->noutc].phrase = rm->phrase;
			c->outc[c->noutc++].at = sp;
		}
		break;
	case RULES_AIM:
		break;
	}
}

/* body_autoreply - an out-of-office sentence among the first lines */
static bool
body_autoreply(const struct cl *c)
{
	if (c->autoreply)
		return !cl_cancelled(c, "autoreply", (struct cl_span){ c->first,
		    c->first });
	for (size_t i = 0; i < c->naway; i++)
		if (cl_sentence_opens(c->text, c->away[i].start) &&
		    !cl_cancelled(c, "autoreply", c->away[i]))
			return true;
	return false;
}

/*
 * subject_introduces - "Introduction: ...", "Intro - ...", "Vorstellung:",
 * "Présentation :", "Presentación:" open the subject.
 */
static bool
subject_introduces(const char *subject)
{
	static const char *const words[] = {
		"introduction", "intro", "introducing", "vorstellung",
		"kennenlernen", "pr\xc3\xa9sentation", "presentation",
		"presentaci\xc3\xb3n", "presentacion", "mise en relation",
		"puesta en contacto",
	};

	if (subject == NULL)
		return false;
	subject += strspn(subject, " \t");
	for (size_t i = 0; i < NELEM(words); i++) {
		size_t n = strlen(words[i]);
		const char *p = subject + n;

		if (strncasecmp(subject, words[i], n) != 0)
			continue;
		p += strspn(p, " \t");
		if (*p == ':' || *p == '-' || *p == '|' ||
		    strncmp(p, "\xe2\x80\x93", 3) == 0)
			return true;
	}
	return false;
}

/*
 * subject_cues - a subject that states the referral ("Referred by Dana
 * Reyes", "Introduction: Anna / Ben") counts like the body.  The subject is
 * scanned once: whether it opens like an auto-reply, whether it
 * introduces (remembered for cl_introductions), and its referral cues,
 * read with the same finders as the body's once those had their turn.
 */
static int
subject_cues(struct cl *c, bool after)
{
	const char *subj = c->m->subject;
	struct cl *sc = c->subj;

	if (subj == NULL || *subj == '\0' || c->r == NULL)
		return 0;
	if (after) {
		/* the referral cues, once the body's forms had their turn */
		if (sc == NULL || sc->nref == 0)
			return 0;
		sc->sender = c->sender;
		return cl_mentions(sc);
	}
	if ((sc = c->subj = calloc(1, sizeof(*sc))) == NULL)
		return -1;
	sc->m = c->m;
	sc->env = c->env;
	sc->cfg = c->cfg;
	sc->r = c->r;
	sc->known = c->known;
	sc->said = c->said;
	sc->f = c->f;
	sc->text = subj;
	sc->tlen = strlen(subj);
	sc->first = cl_first_word(subj, sc->tlen);
	rules_scan(c->r, subj, sc->tlen, on_match, sc);
	cl_near_resolve(sc);
	sc->nref = cl_drop_cancelled(sc, "referral", sc->ref, sc->nref);
	sc->nintro = cl_drop_cancelled(sc, "introduction", sc->intro, sc->nintro);
	if (sc->nintro > 0 || subject_introduces(subj))
		c->subject_intro = subj;
	return 0;
}

/*
 * noise_head_of - the gate's header part: as classify_read_header kept it,
 * else judged now into own (the owner's mail without env and cfg, as
 * classify_needs_body judges it)
 */
static const struct noise_head *
noise_head_of(const struct cl *c, bool owner, struct noise_head *own)
{
	if (c->head != NULL && c->head->judged == (owner ?
	    CLASSIFY_JUDGED_OWNER : CLASSIFY_JUDGED_INCOMING))
		return &c->head->noise;
	if (owner)
		noise_judge_head(c->m, NULL, NULL, own);
	else
		noise_judge_head(c->m, c->env, c->cfg, own);
	return own;
}

/* gate - the noise gate's verdict on m (body read when `body`) */
static bool
gate(const struct cl *c, bool body, struct noise_verdict *v)
{
	struct noise_head own;
	const struct noise_head *h = noise_head_of(c, false, &own);

	if (body && noise_judge_body(c->m, h, v))
		return true;
	if (!body && h->v.kind != NOISE_NONE) {
		*v = h->v;
		return true;
	}
	if (c->m->from.email == NULL || !email_valid(c->m->from.email)) {
		v->kind = NOISE_AUTOMATED;
		snprintf(v->reason, sizeof(v->reason), "no sender");
		return true;
	}
	return false;
}

static int ignored(struct facts *f, enum noise_kind k, const char *reason);

/*
 * passed_on - the owner's mail forwards fw's message to email, somebody
 * it is passed on to (a supplier, a firm asked to quote) and not yet a
 * contact: fw is the contact, the one it is passed to is none.
 */
static bool
passed_on(const struct cl *c, const struct address *fw, const char *email)
{
	if (fw == NULL || str_eq_case(fw->email, email))
		return false;
	return c->known == NULL || c->known->is_customer == NULL ||
	    !c->known->is_customer(c->known->ctx, email);
}

/*
 * desk_copied - a, in the owner's Cc, is the desk of the firm of a person
 * in To: a bare address (no display name) whose local part is one word
 * of letters ("accounts@", "geschaeftsstelle@") at the domain of a named
 * To recipient.  The person written to is the contact, not their office.
 */
static bool
desk_copied(const struct message *m, const struct address *a)
{
	const char *at = strrchr(a->email, '@');

	if (a->name != NULL && a->name[0] != '\0')
		return false;
	if (at == NULL || at == a->email)
		return false;
	for (const char *p = a->email; p < at; p++)
		if (!((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			return false;
	for (size_t i = 0; i < m->to.n; i++) {
		const struct address *t = &m->to.v[i];

		if (t->name != NULL && t->name[0] != '\0' &&
		    str_eq_case(email_domain(t->email), at + 1) &&
		    !str_eq_case(t->email, a->email))
			return true;
	}
	return false;
}

/*
 * outgoing - the owner wrote: the recipients are contacts the owner wrote
 * to, unless the post went to a list or bulk address (the owner's post to
 * a list, with the list's fields on the copy; a list-archive "[tag]"
 * subject; a recipient the store knows as a list), which makes nobody;
 * a forward makes its author a contact, not the one it is passed on to
 * (passed_on), and a copy to the desk of the firm written to is no
 * contact either (desk_copied).
 */
static int
outgoing(struct cl *c)
{
	const struct addrlist *lists[2] = { &c->m->to, &c->m->cc };
	const struct address *fw = cl_forwarded(c);
	struct noise_head own;
	const struct noise_verdict *v = &noise_head_of(c, true, &own)->v;

	/* the filter's spam verdict on "the owner's" mail: a forged From */
	if (v->kind == NOISE_SPAM) {
		char why[NOISE_MAX_REASON + 40];

		snprintf(why, sizeof(why), "%s (the owner's From, forged)",
		    v->reason);
		return ignored(c->f, NOISE_SPAM, why);
	}
	if (v->kind == NOISE_BULK) {
		char why[NOISE_MAX_REASON + 32];

		snprintf(why, sizeof(why), "owner's post to a list (%s)",
		    v->reason);
		return ignored(c->f, NOISE_BULK, why);
	}
	c->f->kind = FACTS_OUTGOING;
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct address *a = &lists[l]->v[i];

			if (cl_excluded(c, a->email) ||
			    passed_on(c, fw, a->email) ||
			    (l == 1 && desk_copied(c->m, a)) ||
			    noise_is_verp(a->email) ||
			    noise_list_recipient(c->m, a->email) ||
			    (c->known && c->known->is_list &&
			    c->known->is_list(c->known->ctx, a->email)))
				continue;
			if (cl_add_person(c, a->email, a->name, false) < 0)
				return -1;
		}
	}
	/* the owner or a colleague passed on someone's message: a contact */
	if (fw != NULL && cl_add_person(c, fw->email, fw->name, false) < 0)
		return -1;
	/* the price or bill a reply may answer without quoting it */
	cl_said_of_owner(c);
	/* a referral code handed to the one person written to */
	return cl_learn_code(c);
}

static int
ignored(struct facts *f, enum noise_kind k, const char *reason)
{
	f->kind = FACTS_IGNORED;
	f->noise = k;
	free(f->ignore_reason);
	/* the gate quotes header values, and "%.60s" may cut a character */
	return (f->ignore_reason = utf8_sanitize(reason, strlen(reason))) ==
	    NULL ? -1 : 0;
}

static int
incoming(struct cl *c)
{
	const struct message *m = c->m;
	struct noise_verdict v;
	char why[TRUST_MAX_WHY];

	/* the body is read when there is one: its footer may say bulk */
	if (gate(c, m->pending == NULL, &v)) {
		if (v.kind == NOISE_BULK && cl_list_address(c->f, m) < 0)
			return -1;
		return ignored(c->f, v.kind, v.reason);
	}
	c->text = m->text ? m->text : "";
	c->tlen = strlen(c->text);
	c->first = cl_first_word(c->text, c->tlen);
	rules_scan(c->r, c->text, c->tlen, on_match, c);
	if (cl_is_reply(m))
		cl_near_amounts(c, "haggler");	/* a counter-offer */
	cl_near_resolve(c);
	if (subject_cues(c, false) < 0)
		return -1;
	if (body_autoreply(c) || (c->subj != NULL && c->subj->autoreply))
		return ignored(c->f, NOISE_AUTOMATED,
		    "automated: auto-reply text");
	/* an out-of-office by its shape (classify_away.c) */
	if (cl_away_text(c, why, sizeof(why)))
		return ignored(c->f, NOISE_AUTOMATED, why);
	c->nref = cl_drop_cancelled(c, "referral", c->ref, c->nref);
	c->nintro = cl_drop_cancelled(c, "introduction", c->intro, c->nintro);
	c->f->kind = FACTS_INCOMING;
	if (cl_add_person(c, m->from.email, m->from.name, true) < 0)
		return -1;
	c->sender = c->f->people[0].email;
	/* a From the MTA could not vouch for speaks for nobody */
	if (trust_judge(m, c->env, c->cfg, why, sizeof(why)) ==
	    TRUST_UNVERIFIED) {
		c->f->unverified = true;
		return (c->f->trust = utf8_sanitize(why, strlen(why))) ==
		    NULL ? -1 : 0;
	}
	/* why quotes header text, and snprintf may have cut a character */
	if ((c->f->trust = utf8_sanitize(why, strlen(why))) == NULL ||
	    cl_referrals(c) < 0 || cl_signs_as(c) < 0 ||
	    subject_cues(c, true) < 0 || cl_tag_facts(c) < 0)
		return -1;
	if (cl_outcome_tags(c) < 0 || cl_epithet_tags(c) < 0 ||
	    cl_scorn_tags(c) < 0 ||
	    cl_dismiss_tags(c) < 0 || cl_notice_tags(c) < 0 ||
	    cl_aimed_gate(c) < 0)
		return -1;
	/* last: a customer's first mail in the mailbox is told by its tags
	 * ("Your notes were the best part of my holiday") */
	return cl_announcements(c);
}

struct facts *
classify(const struct message *m, const struct envelope *env,
    const struct config *cfg, const struct rules *r,
    const struct classify_known *known)
{
	return classify_with(m, env, cfg, r, known, NULL);
}

struct facts *
classify_with(const struct message *m, const struct envelope *env,
    const struct config *cfg, const struct rules *r,
    const struct classify_known *known, const struct classify_header *h)
{
	struct facts *f = calloc(1, sizeof(*f));
	struct cl_said_memo said = { false, false, { 0, false } };
	struct cl c;
	const char *key;
	int rc;

	if (f == NULL)
		return NULL;
	memset(&c, 0, sizeof(c));
	c.said = &said;
	c.m = m;
	c.env = env;
	c.cfg = cfg;
	c.r = r;
	c.known = known;
	c.head = h;
	c.f = f;
	key = message_key(m);
	f->key = xstrdup(key);
	f->subject = xstrdup(m->subject);
	f->date = m->date;
	if ((key && f->key == NULL) || (m->subject && f->subject == NULL))
		goto fail;
	if (cl_thread_ids(f, m) < 0)
		goto fail;
	switch (classify_owner(m, env, cfg)) {
	case OWNER_YES:
		rc = outgoing(&c);
		break;
	case OWNER_FORGED:
		rc = env == NULL ? ignored(f, NOISE_SPAM, "spam: the owner's "
		    "From with somebody else's Return-Path") :
		    env->stored ? ignored(f, NOISE_AUTOMATED, "automated: the "
		    "owner's From outside the Sent folder (--sent)") :
		    ignored(f, NOISE_SPAM, "spam: the owner's From without "
		    "authentication or local submission");
		break;
	default:
		rc = incoming(&c);
		break;
	}
	free(c.subj);
	if (rc < 0)
		goto fail;
	TEXT_INVARIANT(facts_text_ok(f));
	if (!facts_text_ok(f) && facts_text_repair(f) < 0)
		goto fail;
	return f;
fail:
	facts_free(f);
	return NULL;
}

void
classify_read_header(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct classify_header *h)
{
	memset(h, 0, sizeof(*h));
	h->judged = CLASSIFY_JUDGED_NONE;
	switch (classify_owner(m, env, cfg)) {
	case OWNER_YES:
		/* outgoing: the recipients, whom a forward passes on (a
		 * code it hands out: classify_code_hint), and what a reply
		 * may answer without quoting it (facts.said); the owner's
		 * post to a list, or spam with the owner's From, is none */
		h->judged = CLASSIFY_JUDGED_OWNER;
		h->needs_body = !noise_judge_head(m, NULL, NULL, &h->noise) ||
		    (h->noise.v.kind != NOISE_SPAM &&
		    h->noise.v.kind != NOISE_BULK);
		return;
	case OWNER_FORGED:
		return;
	default:
		break;
	}
	if (m->from.email == NULL || !email_valid(m->from.email))
		return;
	h->judged = CLASSIFY_JUDGED_INCOMING;
	h->needs_body = !noise_judge_head(m, env, cfg, &h->noise);
}

bool
classify_needs_body(const struct message *m, const struct envelope *env,
    const struct config *cfg)
{
	struct classify_header h;

	classify_read_header(m, env, cfg, &h);
	return h.needs_body;
}

