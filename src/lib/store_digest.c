/*
 * store_digest - gather what the owner's digest and summary report.
 *
 * What it is for: filling a struct digest_data for a window: the events
 * store_apply logged (new customers, problem flags, category changes), the
 * referrals recognised in the window, the top referrers and the counts by
 * category.  Every query is bounded by an indexed time range or a LIMIT.
 *
 * What it never does: write.  The data is the caller's, freed with
 * digest_data_clear.
 */
#include <stdlib.h>
#include <string.h>

#include "clientele/store_digest.h"
#include "store_int.h"

#define DIGEST_MAX_ITEMS 500
#define DIGEST_TOP 10

static const char SQL_EV_NEW[] =
    "SELECT c.email, c.name, NULL, substr(e.detail, 16), e.at"
    " FROM events e JOIN customers c ON c.id = e.customer_id"
    " WHERE e.kind = 'new' AND e.at >= ?1 AND e.at < ?2"
    " AND e.detail LIKE 'first message: %'"
    " ORDER BY e.at, e.id LIMIT " "500";
static const char SQL_EV_REFERRALS[] =
    "SELECT d.email, d.name, f.email,"
    " r.how || coalesce(': ' || r.evidence, ''), r.at"
    " FROM referrals r JOIN customers d ON d.id = r.referred_id"
    " JOIN customers f ON f.id = r.referrer_id"
    " WHERE r.at >= ?1 AND r.at < ?2 ORDER BY r.at LIMIT 500";
static const char SQL_EV_TAGS[] =
    "SELECT c.email, c.name, NULL, e.detail, e.at"
    " FROM events e JOIN customers c ON c.id = e.customer_id"
    " WHERE e.kind = 'tag' AND e.at >= ?1 AND e.at < ?2"
    " ORDER BY e.at, e.id LIMIT 500";
static const char SQL_EV_CATEGORY[] =
    "SELECT c.email, c.name, NULL, e.detail, e.at"
    " FROM events e JOIN customers c ON c.id = e.customer_id"
    " WHERE e.kind = 'category' AND e.at >= ?1 AND e.at < ?2"
    " ORDER BY e.at, e.id LIMIT 500";
/* The true totals, read only when a list above was cut at its LIMIT. */
static const char SQL_N_NEW[] =
    "SELECT count(*) FROM events WHERE kind = 'new' AND at >= ?1 AND at < ?2"
    " AND detail LIKE 'first message: %'";
static const char SQL_N_REFERRALS[] =
    "SELECT count(*) FROM referrals WHERE at >= ?1 AND at < ?2";
static const char SQL_N_TAGS[] =
    "SELECT count(*) FROM events WHERE kind = 'tag' AND at >= ?1 AND at < ?2";
static const char SQL_N_CATEGORY[] =
    "SELECT count(*) FROM events WHERE kind = 'category' AND at >= ?1"
    " AND at < ?2";
static const char SQL_COUNTS[] =
    "SELECT category, n FROM category_counts";

static char *
col_dup(sqlite3_stmt *st, int i)
{
	return xstrdup((const char *)sqlite3_column_text(st, i));
}

/* total - out->total: out->n, or the count in the window when the list was cut */
static int
total(struct store *s, const char *count_sql, time_t since, time_t until,
    struct digest_items *out, struct err *e)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = 0;

	out->total = out->n;
	if (out->n < DIGEST_MAX_ITEMS)
		return 0;
	if ((st = store_stmt(s, count_sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)until);
	if (store_int_row(s, st, &n, e) < 0)
		return -1;
	if ((size_t)n > out->total)
		out->total = (size_t)n;
	return 0;
}

/* items - run one of the window queries into its list, and count it */
static int
items(struct store *s, const char *sql, time_t since, time_t until,
    struct digest_items *out, struct err *e)
{
	const char *count_sql = sql == SQL_EV_NEW ? SQL_N_NEW :
	    sql == SQL_EV_REFERRALS ? SQL_N_REFERRALS :
	    sql == SQL_EV_TAGS ? SQL_N_TAGS : SQL_N_CATEGORY;
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)until);
	if ((out->v = calloc(DIGEST_MAX_ITEMS, sizeof(*out->v))) == NULL) {
		sqlite3_reset(st);
		return err_set(e, "digest: out of memory");
	}
	while (out->n < DIGEST_MAX_ITEMS &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct digest_item *it = &out->v[out->n++];

		it->email = col_dup(st, 0);
		it->name = col_dup(st, 1);
		it->other = col_dup(st, 2);
		it->detail = col_dup(st, 3);
		it->at = (time_t)sqlite3_column_int64(st, 4);
	}
	if (out->n < DIGEST_MAX_ITEMS && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_dberr(s, e, "digest");
	}
	sqlite3_reset(st);
	return total(s, count_sql, since, until, out, e);
}

int
store_digest_data(struct store *s, time_t since, time_t until,
    struct digest_data *d, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	memset(d, 0, sizeof(*d));
	d->since = since;
	d->until = until;
	if (items(s, SQL_EV_NEW, since, until, &d->enquiries, e) < 0 ||
	    items(s, SQL_EV_REFERRALS, since, until, &d->referrals, e) < 0 ||
	    items(s, SQL_EV_TAGS, since, until, &d->problems, e) < 0 ||
	    items(s, SQL_EV_CATEGORY, since, until, &d->changes, e) < 0 ||
	    store_referrers(s, 0, DIGEST_TOP, &d->top_referrers, e) < 0)
		goto fail;
	if ((st = store_stmt(s, SQL_COUNTS, e)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cat = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_int(st, 1);

		if (cat && strcmp(cat, "good") == 0)
			d->ngood = n;
		else if (cat && strcmp(cat, "bad") == 0)
			d->nbad = n;
		else
			d->nok += n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_dberr(s, e, "digest");
		goto fail;
	}
	return 0;
fail:
	digest_data_clear(d);
	return -1;
}
