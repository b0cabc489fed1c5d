/*
 * classify.h - decide what one message means: who, which tags, which referrals.
 *
 * classify() is a pure function of (message, envelope, configuration,
 * rules, what the store already knows about names and referral codes) and
 * returns facts.  It does no I/O: "what the store knows" arrives through
 * the callbacks in struct classify_known, which tests replace with a table.
 * Each tag and referral carries its evidence (the phrase that matched, in
 * the sentence it came from) for `clientele show`.
 */
#ifndef CLIENTELE_CLASSIFY_H
#define CLIENTELE_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "mail/config.h"
#include "mail/message.h"
#include "classify/noise.h"
#include "classify/rules.h"

/* What the SMTP envelope says, when there is one (the milter); NULL for ingest. */
struct envelope {
	const char *mail_from;	/* MAIL FROM without <>; "" for the null sender */
	const char *auth_user;	/* {auth_authen}, or NULL */
	const char *const *rcpt;	/* RCPT TO addresses, NULL-terminated, or NULL */
	time_t received_at;	/* when the MTA handed it over; 0: now */
	bool local;		/* submitted on this machine ({daemon_name} ORIGINATING) */
	/* ingest, no SMTP session: */
	bool sent;		/* from the owner's Sent folder (ingest --sent) */
	bool stored;		/* any other folder while --sent is given */
};

/*
 * What the owner's own mail said that a reply may answer without quoting
 * it (mail from phones and many clients quotes nothing): the figure it
 * named and whether it was about a bill.  Classify reads it from the
 * owner's new text (never its quote) of FACTS_OUTGOING mail; the store
 * keeps it with the message's key for each recipient and hands it back
 * through owner_said when one of them answers that key.
 */
struct classify_said {
	unsigned long long cents;	/* the highest money amount, in cents
					 * (minor units); 0: none */
	bool bill;		/* an [aim bill] phrase in the subject or the
				 * top of the text (as cl_bill_thread reads a
				 * quote) */
};

/*
 * Lookups into what the store already knows.  Each writes a lower-case
 * address into out (outlen bytes) and returns true when found.  Any
 * callback may be NULL (nothing known).
 */
struct classify_known {
	void *ctx;
	bool (*email_for_name)(void *ctx, const char *name, char *out, size_t outlen);
	bool (*email_for_code)(void *ctx, const char *code, char *out, size_t outlen);
	bool (*is_customer)(void *ctx, const char *email);
	/* the one known person whose name ends in this surname ("Frau
	 * Vogel"); false when nobody or several have it */
	bool (*email_for_surname)(void *ctx, const char *surname, char *out,
	    size_t outlen);
	/* the address is known as a mailing list's (from List-Post, ...) */
	bool (*is_list)(void *ctx, const char *email);
	/* what the owner's own message of this key (Message-ID), written
	 * to email, said (facts.said when it was recorded) into *out;
	 * false when no mail of the owner's to email has that key */
	bool (*owner_said)(void *ctx, const char *key, const char *email,
	    struct classify_said *out);
};

enum facts_kind {
	FACTS_INCOMING,		/* a customer wrote to the owner */
	FACTS_OUTGOING,		/* the owner wrote: recipients' last contact only */
	FACTS_IGNORED,		/* list, bulk, auto-reply, bounce, role sender, ... */
};

struct fact_person {
	char *email;		/* lower case */
	char *name;		/* display name or NULL */
	bool sender;		/* wrote this message (counts as one message from them) */
};

struct fact_tag {
	char *email;		/* who carries the tag */
	char *tag;
	char *evidence;		/* the sentence that matched, trimmed */
};

struct fact_referral {
	char *referrer;		/* email, or NULL while pending */
	char *referrer_name;	/* name as written (pending and by-name forms) */
	char *referred;		/* email of the person referred */
	char *how;		/* "introduction", "address", "name", "pending", "code" */
	char *evidence;
};

/*
 * A name the sender passed the owner's details on to ("I gave my
 * neighbour Jo Bloggs your number", "Ana Ruiz will be in touch"): when a
 * sender of that full name first writes, the announcer is their referrer.
 */
struct fact_announce {
	char *referrer;		/* the sender's email */
	char *name;		/* the name as written */
	char *evidence;		/* the announcing sentence */
};

struct facts {
	enum facts_kind kind;
	char *ignore_reason;	/* FACTS_IGNORED: the noise gate's "kind: reason" */
	enum noise_kind noise;	/* FACTS_IGNORED: which kind of noise */
	/*
	 * Sender trust (FACTS_INCOMING): unverified when the MTA's
	 * authentication failed for the From domain, or the envelope sender
	 * does not match it; such a message counts but tags, credits and
	 * answers nobody (tags and referrals are then empty).
	 */
	bool unverified;
	char *trust;		/* why, or how it was verified; may be NULL */
	char **thread;		/* In-Reply-To and References ids */
	size_t nthread;
	char *list_address;	/* bulk mail: the list's own address, or NULL */
	char *key;		/* message key (Message-ID or header digest) */
	char *subject;
	time_t date;		/* message date, 0 if unknown */
	time_t arrived;		/* when it reached the owner (set by the pipeline), 0 if unknown */
	struct fact_person *people;
	size_t npeople;
	struct fact_tag *tags;
	size_t ntags;
	struct fact_referral *referrals;
	size_t nreferrals;
	struct fact_announce *announced;	/* FACTS_INCOMING, verified */
	size_t nannounced;
	/*
	 * FACTS_OUTGOING to one person: a referral code the owner hands them
	 * in their own words (owner+ref-CODE@own.domain, "quote code
	 * FL-77"), or NULL; the store keeps it unless it is someone else's.
	 */
	char *code_for;
	char *code;
	char *code_evidence;
	/*
	 * FACTS_OUTGOING: what a reply to this mail may answer without
	 * quoting it (classify_said.c); zero otherwise.
	 */
	struct classify_said said;
	/*
	 * Verified incoming mail: addresses the sender's own signature names
	 * besides theirs (never quoted or forwarded text; not the owner's,
	 * not role mailboxes), lower case, at most CLASSIFY_MAX_SIGNS_AS:
	 * the same person at another address, for `duplicates`.
	 */
	char **signs_as;
	size_t nsigns_as;
};

#define CLASSIFY_MAX_SIGNS_AS	4

/* classify - facts about m; NULL only on ENOMEM.  Caller frees with facts_free. */
struct facts *classify(const struct message *m, const struct envelope *env,
    const struct config *cfg, const struct rules *r,
    const struct classify_known *known);
void facts_free(struct facts *f);
/* facts_text_ok - does every string of f hold text by the invariant of
 * strutil.h?  classify checks it (TEXT_INVARIANT): false is a bug, not bad
 * mail.  A string added to struct facts is added here too. */
bool facts_text_ok(const struct facts *f);
/* facts_text_repair - make every string of f text (invalid bytes become
 * U+FFFD), so a bug elsewhere cannot put bad bytes into the store; -1 only
 * on ENOMEM */
int facts_text_repair(struct facts *f);
/*
 * classify_needs_body - false when the header alone decides the facts
 * (lists, bulk, auto-replies, bounces, role or missing senders, the
 * owner's posts to a list), so that the caller may skip parsing the
 * body.  The owner's own mail to people needs it: what it says
 * (facts.said) is kept for the replies.  m needs only its header parsed
 * (message_parse_header).
 */
bool classify_needs_body(const struct message *m, const struct envelope *env,
    const struct config *cfg);

/*
 * What the header alone said (classify_read_header): whether the body is
 * needed, and the noise gate's header part, which classify_with then adds
 * the body's signs to instead of judging the header again.
 */
struct classify_header {
	bool needs_body;
	enum {
		CLASSIFY_JUDGED_NONE,	/* the gate did not look */
		CLASSIFY_JUDGED_OWNER,	/* as the owner's mail: no env, cfg */
		CLASSIFY_JUDGED_INCOMING,	/* with env and cfg */
	} judged;
	struct noise_head noise;
};

/* classify_read_header - classify_needs_body, keeping what it judged in h */
void classify_read_header(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct classify_header *h);

/*
 * classify_with - classify, for a message whose header h was read by
 * classify_read_header with the same m, env and cfg (NULL: none was).
 */
struct facts *classify_with(const struct message *m,
    const struct envelope *env, const struct config *cfg,
    const struct rules *r, const struct classify_known *known,
    const struct classify_header *h);

/*
 * classify_code_hint - the owner's mail to one person whose raw bytes
 * (data, len: the whole message) may hand out a referral code: they hold
 * "+<ReferralTag>", "code", "digo" (código) or a base64 part, which cannot
 * be searched undecoded.  The caller then parses the body, which
 * classify_needs_body alone would skip.  One search over the bytes.
 */
bool classify_code_hint(const struct message *m, const struct envelope *env,
    const struct config *cfg, const char *data, size_t len);

/* Who wrote a message, as far as the owner is concerned. */
enum classify_owner {
	OWNER_NO,	/* someone else */
	OWNER_YES,	/* the owner: own From, vouched for by the MTA if live */
	OWNER_FORGED,	/* live mail with the owner's From nobody vouched for */
};
/*
 * classify_owner - in the milter (env not NULL) the owner's mail is what
 * an authenticated (SASL) or locally submitted session sends; in ingest
 * (env NULL) a From of the owner's addresses or domains.
 */
enum classify_owner classify_owner(const struct message *m,
    const struct envelope *env, const struct config *cfg);

/* classify_is_role - noreply@, mailer-daemon@, postmaster@ and their kin */
bool classify_is_role(const char *email);

#endif
