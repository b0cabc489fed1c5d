/*
 * noise_int.h - what noise.c borrows from the other noise_*.c files;
 * private to src/lib/classify.
 */
#ifndef CLIENTELE_NOISE_INT_H
#define CLIENTELE_NOISE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/config.h"
#include "mail/message.h"

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
