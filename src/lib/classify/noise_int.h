/*
 * noise_int.h - what the noise_*.c files share; private to
 * src/lib/classify.
 */
#ifndef CLIENTELE_NOISE_INT_H
#define CLIENTELE_NOISE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/config.h"
#include "mail/message.h"
#include "classify/noise.h"

struct envelope;

/* noise_say - fill v with "<kind>: <reason>" (controls blanked); true */
bool noise_say(struct noise_verdict *v, enum noise_kind k, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* noise_angle_addr - the address inside <...> of v (or v trimmed), lower
 * case, into out */
void noise_angle_addr(const char *v, char *out, size_t outlen);

/* noise_local_of - the local part of email, lower case, into out; false
 * if none or too long */
bool noise_local_of(const char *email, char *out, size_t outlen);

/* noise_person_at_desk - m's From is a desk role (admin@, mail@) answering
 * a thread: a person of the firm by hand (noise_address.c) */
bool noise_person_at_desk(const struct message *m);

/* noise_own_desk - addr, a return path, is the From of a person at a desk */
bool noise_own_desk(const struct message *m, const char *addr);

/*
 * noise_bulk_head - the header's bulk signs (noise_bulk.c): a strong one
 * fills h->v; weak ones are kept in h, and two of them fill h->v too.
 * True when h->v says bulk.
 */
bool noise_bulk_head(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct noise_head *h);

/*
 * noise_bulk_body - the body's bulk signs after the header's strong ones
 * (h from noise_judge_head, which found none): true with v filled when
 * they, or they and the header's weak signs, say bulk.
 */
bool noise_bulk_body(const struct message *m, const struct noise_head *h,
    struct noise_verdict *v);

/*
 * noise_pitch - m, a first message (no In-Reply-To or References), is an
 * unsolicited offer by its own signs: two different kinds of them among a
 * sales mailbox, shouting, a call to act at once, a salutation to nobody
 * in particular, a prize, a price cut offered and a link to follow
 * within so many hours.  On true, why (at
 * least 64 bytes) names the two signs.  Reads the subject and what the
 * sender wrote; borrows m.
 */
bool noise_pitch(const struct message *m, char *why, size_t whylen);

/*
 * noise_circular - m, a first message not the owner's, goes to
 * CIRCULAR_RCPTS or more people besides the owner from a sender writing
 * as an organisation (its display name names the From domain): an
 * invitation or announcement sent to many by hand.  On true, why (at
 * least 64 bytes) says so.  Borrows m and cfg (NULL: never).
 */
bool noise_circular(const struct message *m, const struct config *cfg,
    char *why, size_t whylen);

#endif
