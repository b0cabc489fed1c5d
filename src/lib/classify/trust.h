/*
 * trust.h - may this message speak for the address in its From?
 *
 * A From is only a claim.  When the MTA that received the message wrote
 * Authentication-Results (OpenDKIM, OpenDMARC, rspamd, ...) under this
 * host's authserv-id (AuthservID), they decide: DMARC pass for the From
 * domain verifies, DMARC fail does not; without a DMARC result an aligned
 * DKIM pass or an SPF pass verifies and anything else does not.  Results
 * under another id are the sender's own words and are ignored.  Without
 * results, the envelope sender (the milter's MAIL FROM, or Return-Path in
 * stored mail) must be in the From domain when RequireSenderMatch says so
 * (default: in the milter only).
 *
 * Pure: message, envelope and configuration in, a verdict out.
 */
#ifndef CLIENTELE_TRUST_H
#define CLIENTELE_TRUST_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/config.h"
#include "mail/message.h"

struct envelope;

enum trust_result {
	TRUST_UNCHECKED,	/* nothing to check against */
	TRUST_VERIFIED,
	TRUST_UNVERIFIED,
};

/* Longest explanation written. */
#define TRUST_MAX_WHY 200

/*
 * trust_judge - the verdict on m's From, with a short explanation in why
 * (whylen bytes, always terminated).  env may be NULL (ingest).
 */
enum trust_result trust_judge(const struct message *m,
    const struct envelope *env, const struct config *cfg, char *why,
    size_t whylen);

/*
 * trust_aligned - domain a is b, or one is a subdomain of the other
 * (relaxed alignment, as DMARC's "r" mode reads it closely enough).
 */
bool trust_aligned(const char *a, const char *b);

#endif
