/*
 * noise - is this mail a person writing, or noise?
 *
 * SYNOPSIS
 *	#include "classify/noise.h"
 *
 *	struct noise_verdict v;
 *	if (noise_judge(m, env, cfg, true, &v)) ... v.kind, v.reason ...
 *
 * DESCRIPTION
 *	Sits between parse and classify.  Four kinds of noise, looked for in
 *	this order: bounces, the MTA's spam verdict, automated and role
 *	senders (the address shapes: noise_address.c), bulk and list mail
 *	(noise_bulk.c; an organisation's circular to a handful among it:
 *	noise_circular.c); last, with the body read, a pitch no filter
 *	marked (noise_pitch.c).  The header is judged once
 *	(noise_judge_head) and the body's signs added to what it said
 *	(noise_judge_body).  Most signs decide alone ("strong");
 *	a few are only suspicious ("weak": the owner absent from To/Cc, a
 *	"[tag]" subject, Errors-To, several visible recipients, an HTML-only
 *	body, an unsubscribe word without a link) and two of them together
 *	make bulk.  Every verdict says which sign decided it, e.g.
 *	"spam: X-Spam-Flag: YES" or "bulk: List-Id <ilug.linux.ie>".
 *
 * OWNS
 *	Nothing: the verdict is written into the caller's struct.
 *
 * NEVER
 *	Does I/O, reads clocks or keeps globals; never looks at what the
 *	sender quoted (a person quoting a newsletter is still a person).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify/classify.h"
#include "classify/noise.h"
#include "noise_int.h"
#include "util/strutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Exchange's spam confidence level from which mail is junk. */
#define NOISE_SCL_SPAM		5
/* SpamAssassin's default threshold, in X-Spam-Level stars. */
#define NOISE_SA_STARS		5

/* ---- helpers ------------------------------------------------------------- */

/* word_at - value v (leading blanks skipped) starts with word, then a break */
static bool
word_at(const char *v, const char *word)
{
	size_t n = strlen(word);

	if (v == NULL)
		return false;
	while (*v == ' ' || *v == '\t')
		v++;
	return strncasecmp(v, word, n) == 0 &&
	    (v[n] == '\0' || v[n] == ' ' || v[n] == '\t' || v[n] == ';' ||
	    v[n] == ',' || v[n] == '(' || v[n] == ':');
}

/* ---- bounces ------------------------------------------------------------- */

/* bounce - the bounce signs; *late is set once a sign of the header is
 * judged after the body's (a delivery report among the parts) */
static bool
bounce(const struct message *m, const struct envelope *env,
    struct noise_verdict *v, bool *late)
{
	static const char *const subjects[] = {
		"Undeliverable", "Undelivered Mail", "Delivery Status Notification",
		"Delivery Failure", "Delivery failed", "Mail delivery failed",
		"Returned mail", "failure notice", "Mail System Error",
		"Nondeliverable", "Non-delivery", "DELIVERY FAILURE",
		"Message not delivered", "Unzustellbar",
	};
	const char *rp = message_field(m, "Return-Path"), *ct, *from;
	char local[65], addr[256];

	if (env != NULL && env->mail_from != NULL && env->mail_from[0] == '\0')
		return noise_say(v, NOISE_BOUNCE, "null envelope sender");
	if (rp != NULL) {
		noise_angle_addr(rp, addr, sizeof(addr));
		if (addr[0] == '\0')
			return noise_say(v, NOISE_BOUNCE, "Return-Path: <>");
	}
	if ((ct = message_field(m, "Content-Type")) != NULL &&
	    word_at(ct, "multipart/report"))
		return noise_say(v, NOISE_BOUNCE, "multipart/report");
	/* the body's sign comes here: noise_judge_body looks again */
	*late = true;
	if (m->delivery_report)
		return noise_say(v, NOISE_BOUNCE, "delivery report");
	if (noise_local_of(m->from.email, local, sizeof(local)) &&
	    (strncmp(local, "mailer-daemon", 13) == 0 ||
	    strcmp(local, "mailerdaemon") == 0))
		return noise_say(v, NOISE_BOUNCE, "From %s", m->from.email);
	/* From: MAILER-DAEMON <> has no address at all */
	if (m->from.email == NULL && (from = message_field(m, "From")) != NULL &&
	    (str_casestrn(from, strlen(from), "mailer-daemon") != NULL ||
	    str_casestrn(from, strlen(from), "postmaster") != NULL))
		return noise_say(v, NOISE_BOUNCE, "From: MAILER-DAEMON");
	for (size_t i = 0; m->subject != NULL && i < NELEM(subjects); i++)
		if (str_has_prefix_case(m->subject, subjects[i]) &&
		    (m->from.email == NULL || noise_is_role(m->from.email)))
			return noise_say(v, NOISE_BOUNCE, "subject \"%s\" from %s",
			    subjects[i], m->from.email ? m->from.email :
			    "nobody");
	return false;
}

/* ---- the MTA's spam verdict ----------------------------------------------- */

/* stars - count of '*' (or '+') in v */
static size_t
stars(const char *v)
{
	size_t n = 0;

	for (; *v != '\0'; v++)
		if (*v == '*' || *v == '+')
			n++;
	return n;
}

static bool
spam(const struct message *m, struct noise_verdict *v)
{
	/* fields whose value opening with a word means spam */
	static const struct {
		const char *field, *word;
	} says[] = {
		{ "X-Spam-Flag", "yes" }, { "X-Spam-Status", "yes" },
		{ "X-Spam", "yes" }, { "X-Spam", "true" }, { "X-Spam", "spam" },
		{ "X-Spam-Verdict", "spam" }, { "X-Bogosity", "spam" },
		{ "X-Bogosity", "yes" }, { "X-DSPAM-Result", "spam" },
		{ "X-DSPAM-Result", "virus" }, { "X-CRM114-Status", "spam" },
		{ "X-Barracuda-Spam-Status", "yes" },
		{ "X-Barracuda-Spam-Flag", "yes" }, { "X-Virus-Status", "infected" },
		{ "X-Spam-Checker-Verdict", "spam" },
	};
	static const char *const subject_marks[] = { "[SPAM]", "***SPAM***",
	    "*****SPAM*****", "{Spam?}", "[Spam]", "SPAM:", "[Possible Spam]" };
	const char *val;

	for (size_t i = 0; i < NELEM(says); i++) {
		size_t pos = 0;

		while ((val = message_field_next(m, says[i].field, &pos)) != NULL)
			if (word_at(val, says[i].word))
				return noise_say(v, NOISE_SPAM, "%s: %.60s",
				    says[i].field, val);
	}
	if ((val = message_field(m, "X-Rspamd-Action")) != NULL &&
	    !word_at(val, "no action") && !word_at(val, "no_action"))
		return noise_say(v, NOISE_SPAM, "X-Rspamd-Action: %.60s", val);
	if ((val = message_field(m, "X-MS-Exchange-Organization-SCL")) != NULL) {
		long scl = strtol(val, NULL, 10);

		if (scl >= NOISE_SCL_SPAM)
			return noise_say(v, NOISE_SPAM, "Exchange SCL %ld", scl);
	}
	/* the level alone, when no status says otherwise */
	if (message_field(m, "X-Spam-Status") == NULL &&
	    (val = message_field(m, "X-Spam-Level")) != NULL &&
	    stars(val) >= NOISE_SA_STARS)
		return noise_say(v, NOISE_SPAM, "X-Spam-Level %zu stars",
		    stars(val));
	for (size_t i = 0; m->subject != NULL && i < NELEM(subject_marks); i++) {
		const char *s = m->subject;

		while (*s == ' ')
			s++;
		if (str_has_prefix_case(s, subject_marks[i]))
			return noise_say(v, NOISE_SPAM, "subject marked %s",
			    subject_marks[i]);
	}
	return false;
}

/* ---- automated and role senders ------------------------------------------ */

static bool
automated(const struct message *m, struct noise_verdict *v)
{
	if (m->auto_submitted)
		return noise_say(v, NOISE_AUTOMATED, "Auto-Submitted");
	if (m->autoreply_header)
		return noise_say(v, NOISE_AUTOMATED, "auto-reply header");
	if (m->autoreply_subject)
		return noise_say(v, NOISE_AUTOMATED, "auto-reply subject");
	if (m->from.email != NULL && noise_is_role(m->from.email) &&
	    !noise_person_at_desk(m))
		return noise_say(v, NOISE_AUTOMATED, "role sender %s",
		    m->from.email);
	return false;
}

/* ---- the entry point ----------------------------------------------------- */

bool
noise_judge_head(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct noise_head *h)
{
	memset(h, 0, sizeof(*h));
	h->v.kind = NOISE_NONE;
	if (m == NULL)
		return false;
	return bounce(m, env, &h->v, &h->after_report) || spam(m, &h->v) ||
	    automated(m, &h->v) || noise_bulk_head(m, env, cfg, h);
}

bool
noise_judge_body(const struct message *m, const struct noise_head *h,
    struct noise_verdict *v)
{
	v->kind = NOISE_NONE;
	v->reason[0] = '\0';
	if (m == NULL)
		return false;
	/* a delivery report among the parts is a bounce, unless the header
	 * said so first; then a strong sign of the header decides */
	if (m->delivery_report && (h->v.kind == NOISE_NONE || h->after_report))
		return noise_say(v, NOISE_BOUNCE, "delivery report");
	if (h->v.kind != NOISE_NONE && !h->by_weak) {
		*v = h->v;
		return true;
	}
	if (noise_bulk_body(m, h, v))
		return true;
	/* a pitch no filter marked shows itself in the text (noise_pitch.c) */
	if (noise_pitch(m, v->reason, sizeof(v->reason))) {
		v->kind = NOISE_SPAM;
		return true;
	}
	return false;
}

bool
noise_judge(const struct message *m, const struct envelope *env,
    const struct config *cfg, bool body, struct noise_verdict *v)
{
	struct noise_head h;
	bool noise = noise_judge_head(m, env, cfg, &h);

	if (body)
		return noise_judge_body(m, &h, v);
	*v = h.v;
	return noise;
}
