/*
 * digest.h - the owner's daily report: what changed, and the standing picture.
 *
 * The store gathers a struct digest_data for a time window
 * (store_digest_data); this module only renders it, so it is pure and
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

#include "clientele/buf.h"
#include "clientele/store.h"
#include "clientele/strutil.h"

/* One thing that happened in the window. */
struct digest_item {
	char *email;		/* the customer it is about */
	char *name;		/* their name, or NULL */
	char *other;		/* referrals: the referrer's email; else NULL */
	char *detail;		/* human text: subject, how recognised, reason, "ok -> bad" */
	time_t at;
	char *other_name;	/* referrals: the referrer's name, or NULL */
	bool waiting;		/* enquiries: nothing either way since their first message */
};

struct digest_items {
	struct digest_item *v;
	size_t n;
	size_t total;		/* how many there were; n may be cut short */
};

/*
 * The headline numbers, for this period and the one before, so the
 * digest can say which way each moved and by how much.
 */
enum digest_figure {
	DF_ENQUIRIES,		/* new enquiries (a first message) */
	DF_WAITING,		/* of those, still waiting for a reply */
	DF_CUSTOMERS,		/* new customers (enquiries and those copied in) */
	DF_REFERRALS,		/* referrals recognised */
	DF_PROBLEMS,		/* problem flags raised */
	DF_REVENUE,		/* revenue recorded, minor units */
	DF_COUNT
};

struct digest_figures {
	long long v[DF_COUNT];
};

/* digest_figure_key - the JSON key: "new_enquiries", ... */
const char *digest_figure_key(enum digest_figure f);

struct digest_data {
	time_t since;
	time_t until;
	struct digest_items enquiries;	/* new customers who wrote */
	struct digest_items referrals;	/* email = referred, other = referrer */
	struct digest_items problems;	/* new problem flags, detail = reason */
	struct digest_items changes;	/* category changes, detail = "ok -> bad" */
	struct customer_list top_referrers;
	int ngood, nok, nbad;
	bool has_ideal;
	struct customer_list ideal;	/* good customers, best first */
	int *ideal_score;		/* 0-100 per ideal customer, or NULL */
	struct digest_figures now;	/* this period */
	struct digest_figures before;	/* the period before, when has_before */
	bool has_before;
	bool has_revenue;		/* any revenue recorded at all */
	time_t before_since, before_until;
	const char *zone;		/* shown beside local times; borrowed, may be NULL */
};

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

/* digest_data_clear - free everything the data holds; accepts zeroed data */
void digest_data_clear(struct digest_data *d);

/* qp_encode - quoted-printable of UTF-8 text with CRLF line ends (RFC 2045) */
int qp_encode(const char *text, size_t len, struct buf *out);

#endif
