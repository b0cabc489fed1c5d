/*
 * store_digest.h - the store's side of the owner's reports: gathering a
 * digest window, and exporting / importing everything it knows.
 *
 * Kept apart from store.h so the pipeline's interface stays narrow; a
 * second backend implements these too.
 */
#ifndef CLIENTELE_STORE_DIGEST_H
#define CLIENTELE_STORE_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "store/store.h"

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

/* digest_data_clear - free everything the data holds; accepts zeroed data */
void digest_data_clear(struct digest_data *d);

/* store_digest_data - what happened in [since, until) and the standing picture */
int store_digest_data(struct store *s, time_t since, time_t until,
    struct digest_data *d, struct err *e);

/*
 * What one digest covers.  Events are numbered as the store records them,
 * so (after_event, upto_event] says exactly which happenings a digest
 * reported, whatever dates the messages carried and however late they
 * arrived: consecutive digests neither overlap nor leave a gap.  since and
 * until are the times shown to the owner and, when by_time, also bound
 * the events by the time they count at (DIGEST_AT in store_digest.c).
 */
struct digest_window {
	time_t since, until;
	long long after_event, upto_event;
	bool by_time;
};

/*
 * store_digest_plan - the window of the next digest and the one before
 * it.  window > 0: the last `window` seconds by time (--since), the
 * previous period being the same length before it.  window == 0: since
 * the last digest sent (store_digest_mark), the previous period being
 * what that digest covered; the first time, the last 24 hours.
 */
int store_digest_plan(struct store *s, time_t now, long long window,
    struct digest_window *cur, struct digest_window *prev, struct err *e);

/* store_digest_gather - store_digest_data for cur, with figures for prev (may be NULL) */
int store_digest_gather(struct store *s, const struct digest_window *cur,
    const struct digest_window *prev, struct digest_data *d, struct err *e);

/* store_digest_mark - remember that a digest covering w was sent at `sent` */
int store_digest_mark(struct store *s, const struct digest_window *w,
    time_t sent, struct err *e);

enum export_format { EXPORT_JSON, EXPORT_CSV };

/* store_export - everything the store knows, written to out */
int store_export(struct store *s, enum export_format fmt, FILE *out,
    struct err *e);
/*
 * store_import - read an export (JSON) into an empty store, in one
 * transaction: nothing is written unless all of it is good.
 */
int store_import(struct store *s, const char *text, size_t len,
    size_t *ncustomers, struct err *e);

/*
 * store_rows - how many rows of what the store knows it holds (customers,
 * messages, events, ignores, tombstones, digests, lists): 0 when empty,
 * -1 with e set (store_wipe.c)
 */
long long store_rows(struct store *s, struct err *e);
/* store_wipe - delete all of it, in one transaction (or savepoint) */
int store_wipe(struct store *s, struct err *e);

#endif
