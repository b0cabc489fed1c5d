/*
 * noise.h - the gate between parse and classify: is this mail a person
 * writing, or noise?
 *
 * Noise is mail no relationship comes from: the MTA's spam filter said so
 * (SpamAssassin, rspamd, Amavis, bogofilter, DSPAM, Barracuda, Exchange's
 * SCL, ...), bulk and list mail (List-* fields, Precedence, the fields of
 * the mailing services, VERP-shaped senders, unsubscribe links in the
 * footer, undisclosed or many recipients, list-archive "[tag]" subjects,
 * the owner absent from To/Cc together with another bulk sign), automated
 * and role senders (auto-replies, root@, nobody@, *-bounces@, owner-*@,
 * notifications@, ...) and bounces (null sender, Return-Path: <>,
 * MAILER-DAEMON, delivery reports).  Noise makes no contact, no tag and
 * no referral, whatever the CustomerPolicy.
 *
 * Pure: a parsed message (and the envelope, when there is one) in, a
 * verdict with a short reason out.  No I/O, clocks or globals.
 */
#ifndef CLIENTELE_NOISE_H
#define CLIENTELE_NOISE_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/config.h"
#include "mail/message.h"

struct envelope;

enum noise_kind {
	NOISE_NONE,		/* a person writing */
	NOISE_SPAM,		/* the MTA's filter said spam */
	NOISE_BULK,		/* list, newsletter, mass mail */
	NOISE_AUTOMATED,	/* auto-reply, role or automated sender */
	NOISE_BOUNCE,		/* delivery failure or report */
};

/* Longest reason kept in a verdict. */
#define NOISE_MAX_REASON 200

struct noise_verdict {
	enum noise_kind kind;
	char reason[NOISE_MAX_REASON];	/* "" for NOISE_NONE */
};

/*
 * noise_judge - the verdict on m.  With body false only the header is
 * looked at (m may have been parsed with message_parse_header); with body
 * true the text is read too (an unsubscribe link in the footer).  env may
 * be NULL (ingest), cfg may be NULL (no owner known).  Returns true when m
 * is noise, with v filled; false and v->kind NOISE_NONE otherwise.
 */
bool noise_judge(const struct message *m, const struct envelope *env,
    const struct config *cfg, bool body, struct noise_verdict *v);

/* Weak signs the header can hold (the subject's "[tag]", the owner
 * absent, Errors-To, several recipients). */
#define NOISE_HEAD_WEAK 4

/*
 * What the header alone says, kept so that the body's signs can be added
 * without judging the header again (classify_read_header).
 */
struct noise_head {
	struct noise_verdict v;		/* the header's verdict */
	const char *weak[NOISE_HEAD_WEAK];	/* its weak signs, static */
	size_t nweak;
	bool by_weak;			/* v is bulk by weak signs alone,
					 * which the body's come before */
	bool after_report;		/* v came from a sign judged after a
					 * delivery report in the body */
};

/*
 * noise_judge_head - noise_judge with body false, keeping what the body
 * is judged with in h.  Returns true when the header alone makes noise.
 */
bool noise_judge_head(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct noise_head *h);

/*
 * noise_judge_body - the whole verdict (noise_judge with body true) from
 * the header's part h, judged with the same m, env and cfg.
 */
bool noise_judge_body(const struct message *m, const struct noise_head *h,
    struct noise_verdict *v);

/* noise_kind_name - "spam", "bulk", "automated", "bounce" or "personal" */
const char *noise_kind_name(enum noise_kind k);

/*
 * noise_is_role - the address is a role or automated mailbox: noreply@,
 * mailer-daemon@, postmaster@, root@, nobody@, *-admin@, *-bounces@,
 * owner-*@, *-request@, notifications@, alerts@, ...
 */
bool noise_is_role(const char *email);

/*
 * noise_is_verp - the address looks made for one message or recipient
 * (VERP, SRS, bounce tracking): a recipient address folded into the
 * local part, or a long run of digits or hex in it.
 */
bool noise_is_verp(const char *email);

/*
 * noise_list_recipient - the subject's "[tag]" names this recipient: the
 * address is the list's own ("[ILUG] ..." to ilug@linux.example).
 */
bool noise_list_recipient(const struct message *m, const char *email);

#endif
