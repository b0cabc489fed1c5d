/*
 * digest.h - the owner's daily report: what changed, and the standing picture.
 *
 * The store gathers a struct digest_data for a time window
 * (store/store_digest.h); this module only renders it, so it is pure and
 * tested on hand-made data:
 *   digest_render_mail  - one complete RFC 5322 message (multipart/
 *                         alternative, UTF-8 text and HTML parts, quoted-
 *                         printable, Auto-Submitted: auto-generated) whose
 *                         headers hold only the configured addresses and
 *                         numbers: no customer text ever reaches a header;
 *   digest_render_text  - the same report for a terminal (`summary`);
 *   digest_render_json  - the same as one JSON object.
 */
#ifndef CLIENTELE_DIGEST_H
#define CLIENTELE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"
#include "store/store.h"
#include "store/store_digest.h"
#include "util/strutil.h"

/* digest_figure_key - the JSON key: "new_enquiries", ... */
const char *digest_figure_key(enum digest_figure f);

struct digest_mail_opts {
	const char *from;	/* DigestFrom */
	const char *to;		/* DigestTo or --to */
	time_t now;		/* Date: */
	const char *unique;	/* random text for Message-ID and boundary */
};

/* digest_is_quiet - nothing happened in the window */
bool digest_is_quiet(const struct digest_data *d);
/* digest_subject - "clientele: 2 enquiries, 1 referral, 1 problem" (caller frees) */
char *digest_subject(const struct digest_data *d);

/* Each render appends to out; -1 with e set when a value is unusable. */
int digest_render_mail(const struct digest_data *d,
    const struct digest_mail_opts *o, struct buf *out, struct err *e);
int digest_render_text(const struct digest_data *d, bool colour, struct buf *out);
int digest_render_json(const struct digest_data *d, struct buf *out);

/* qp_encode - quoted-printable of UTF-8 text with CRLF line ends (RFC 2045) */
int qp_encode(const char *text, size_t len, struct buf *out);

#endif
