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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_digest.h"
#include "store_int.h"

#define DIGEST_MAX_ITEMS 500
#define DIGEST_TOP 10
#define DAY ((time_t)24 * 60 * 60)

/*
 * DIGEST_AT - the time an event counts at for a window chosen by time
 * (--since, summary, the first digest): the event's time, which
 * store_apply takes from when the message arrived (the milter's moment of
 * receipt, or ingest's top Received: hop), else from its Date:.  A digest
 * since the last one goes by event number and depends on neither.
 */
#define DIGEST_AT(e) e ".at"

/*
 * The window: ?1 since, ?2 until (times, only when by time: otherwise the
 * caller binds the whole range), ?3 after_event, ?4 upto_event.
 */
#define IN_WINDOW(e) \
	" " e ".id > ?3 AND " e ".id <= ?4 AND " DIGEST_AT(e) " >= ?1 AND " \
	DIGEST_AT(e) " < ?2"

/*
 * A new enquiry still waits while the owner has not written to that
 * person since it came: the same rule as `clientele enquiries`
 * (store_relation.c), so the digest and the command agree.
 */
#define WAITING "(c.enquiry_at IS NOT NULL AND" \
    " (c.answered_at IS NULL OR c.answered_at < c.enquiry_at))"

/* first messages of the window, each saying whether it still waits */
static const char SQL_EV_NEW[] =
    "SELECT c.email, c.name, NULL, substr(e.detail, 16), e.at, NULL, "
    WAITING " FROM events e JOIN customers c ON c.id = e.customer_id"
    " WHERE e.kind = 'new' AND" IN_WINDOW("e")
    " AND e.detail LIKE 'first message: %'"
    " ORDER BY e.id LIMIT 500";
static const char SQL_EV_REFERRALS[] =
    "SELECT d.email, d.name, f.email,"
    " coalesce(r.how, '') || coalesce(': ' || r.evidence, ''), e.at, f.name, 0"
    " FROM events e JOIN customers f ON f.id = e.customer_id"
    " JOIN customers d ON d.id = e.other_id"
    " LEFT JOIN referrals r ON r.referred_id = e.other_id"
    " WHERE e.kind = 'referral' AND" IN_WINDOW("e")
    " AND f.customer = 1 AND d.customer = 1"	/* referrals that count */
    " ORDER BY e.id LIMIT 500";
static const char SQL_EV_TAGS[] =
    "SELECT c.email, c.name, NULL, e.detail, e.at, NULL, 0"
    " FROM events e JOIN customers c ON c.id = e.customer_id"
    " WHERE e.kind = 'tag' AND" IN_WINDOW("e") " AND c.customer = 1"
    " ORDER BY e.id LIMIT 500";
static const char SQL_EV_CATEGORY[] =
    "SELECT c.email, c.name, NULL, e.detail, e.at, NULL, 0"
    " FROM events e JOIN customers c ON c.id = e.customer_id"
    " WHERE e.kind = 'category' AND" IN_WINDOW("e") " AND c.customer = 1"
    " ORDER BY e.id LIMIT 500";
/* A referral event counts when both people are customers (CustomerPolicy). */
#define COUNTS_REFERRAL \
	"c.customer = 1 AND EXISTS (SELECT 1 FROM customers d" \
	" WHERE d.id = e.other_id AND d.customer = 1)"
/* The headline figures, in enum digest_figure order (revenue apart), then category changes. */
static const char SQL_FIGURES[] =
    "SELECT"
    " count(*) FILTER (WHERE e.kind = 'new'"
    "  AND e.detail LIKE 'first message: %'),"
    " count(*) FILTER (WHERE e.kind = 'new'"
    "  AND e.detail LIKE 'first message: %' AND " WAITING "),"
    " count(*) FILTER (WHERE e.kind = 'new'),"
    " count(*) FILTER (WHERE e.kind = 'referral' AND " COUNTS_REFERRAL "),"
    " count(*) FILTER (WHERE e.kind = 'tag' AND c.customer = 1),"
    " count(*) FILTER (WHERE e.kind = 'category' AND c.customer = 1)"
    " FROM events e LEFT JOIN customers c ON c.id = e.customer_id"
    " WHERE" IN_WINDOW("e");
/* Revenue is dated by payment, not numbered: by time always. */
static const char SQL_REVENUE[] =
    "SELECT coalesce(money_sum(amount_minor), 0), (SELECT count(*) FROM revenue)"
    " FROM revenue WHERE at >= ?1 AND at < ?2";
/* customers only: prospects have no category that means anything yet */
static const char SQL_COUNTS[] =
    "SELECT category, count(*) FROM customers WHERE customer = 1"
    " GROUP BY category";
static const char SQL_LAST_EVENT[] =
    "SELECT coalesce(max(id), 0) FROM events";
static const char SQL_LAST_DIGEST[] =
    "SELECT since, until, after_event, upto_event FROM digests"
    " ORDER BY id DESC LIMIT 1";
/*
 * A row no cascade deletes (it names no customer), so that the highest
 * event number never falls back below what a digest covered: SQLite
 * numbers a new row after the highest one left, and without it a forget
 * of the newest events would let the next ones reuse numbers already
 * reported, and the next digest would skip them.
 */
static const char SQL_KEEP_NUMBERS[] =
    "INSERT INTO events(at, kind, detail) VALUES (?1, 'digest', 'sent')";
static const char SQL_MARK[] =
    "INSERT INTO digests(sent_at, since, until, after_event, upto_event)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

/* bind_window - ?1..?4 as IN_WINDOW reads them */
static void
bind_window(struct db_stmt *st, const struct digest_window *w)
{
	db_bind_int64(st, 1, w->by_time ? (int64_t)w->since :
	    INT64_MIN);
	db_bind_int64(st, 2, w->by_time ? (int64_t)w->until :
	    INT64_MAX);
	db_bind_int64(st, 3, (int64_t)w->after_event);
	db_bind_int64(st, 4, (int64_t)w->upto_event);
}

/* items - run one of the window queries into its list */
static int
items(struct store *s, const char *sql, const struct digest_window *w,
    struct digest_items *out, struct err *e)
{
	struct db_stmt *st = store_stmt(s, sql, e);
	int rc = DB_DONE;

	if (st == NULL)
		return -1;
	bind_window(st, w);
	if ((out->v = calloc(DIGEST_MAX_ITEMS, sizeof(*out->v))) == NULL) {
		db_reset(st);
		return err_set(e, "digest: out of memory");
	}
	while (out->n < DIGEST_MAX_ITEMS &&
	    (rc = db_step(st)) == DB_ROW) {
		struct digest_item *it = &out->v[out->n++];

		it->email = store_col_dup(st, 0);
		it->name = store_col_dup(st, 1);
		it->other = store_col_dup(st, 2);
		it->detail = store_col_dup(st, 3);
		it->at = (time_t)db_column_int64(st, 4);
		it->other_name = store_col_dup(st, 5);
		it->waiting = (int)db_column_int64(st, 6) != 0;
	}
	if (out->n < DIGEST_MAX_ITEMS && rc != DB_DONE) {
		db_reset(st);
		return store_dberr(s, e, "digest");
	}
	db_reset(st);
	out->total = out->n;
	return 0;
}

/* figures - the headline numbers of window w */
static int
figures(struct store *s, const struct digest_window *w,
    struct digest_figures *f, bool *has_revenue, size_t *changes,
    struct err *e)
{
	struct db_stmt *st;

	memset(f, 0, sizeof(*f));
	if ((st = store_stmt(s, SQL_FIGURES, e)) == NULL)
		return -1;
	bind_window(st, w);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return store_dberr(s, e, "digest");
	}
	for (int i = 0; i < DF_REVENUE; i++)
		f->v[i] = db_column_int64(st, i);
	if (changes)
		*changes = (size_t)db_column_int64(st, DF_REVENUE);
	db_reset(st);
	if ((st = store_stmt(s, SQL_REVENUE, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, (int64_t)w->since);
	db_bind_int64(st, 2, (int64_t)w->until);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return store_dberr(s, e, "digest");
	}
	f->v[DF_REVENUE] = db_column_int64(st, 0);
	if (has_revenue)
		*has_revenue = db_column_int64(st, 1) > 0;
	db_reset(st);
	return 0;
}

static int
last_event(struct store *s, long long *out, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_LAST_EVENT, e);

	if (st == NULL)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return store_dberr(s, e, "digest");
	}
	*out = db_column_int64(st, 0);
	db_reset(st);
	return 0;
}

int
store_digest_plan(struct store *s, time_t now, long long window,
    struct digest_window *cur, struct digest_window *prev, struct err *e)
{
	struct db_stmt *st;
	long long upto = 0;
	int rc;

	memset(cur, 0, sizeof(*cur));
	memset(prev, 0, sizeof(*prev));
	if (last_event(s, &upto, e) < 0)
		return -1;
	cur->until = now + 1;
	cur->upto_event = upto;
	if (window > 0) {
		cur->since = now + 1 - (time_t)window;
		cur->by_time = true;
		*prev = (struct digest_window){ cur->since - (time_t)window,
		    cur->since, 0, upto, true };
		return 0;
	}
	if ((st = store_stmt(s, SQL_LAST_DIGEST, e)) == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		prev->since = (time_t)db_column_int64(st, 0);
		prev->until = (time_t)db_column_int64(st, 1);
		prev->after_event = db_column_int64(st, 2);
		prev->upto_event = db_column_int64(st, 3);
		prev->by_time = false;
		cur->since = prev->until;
		cur->after_event = prev->upto_event;
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc != DB_DONE)
		return store_dberr(s, e, "digest");
	/* The first digest: the last 24 hours, by time. */
	cur->since = now + 1 - DAY;
	cur->by_time = true;
	*prev = (struct digest_window){ cur->since - DAY, cur->since, 0, upto,
	    true };
	return 0;
}

int
store_digest_gather(struct store *s, const struct digest_window *w,
    const struct digest_window *prev, struct digest_data *d, struct err *e)
{
	struct db_stmt *st;
	int rc;

	memset(d, 0, sizeof(*d));
	d->since = w->since;
	d->until = w->until;
	if (items(s, SQL_EV_NEW, w, &d->enquiries, e) < 0 ||
	    items(s, SQL_EV_REFERRALS, w, &d->referrals, e) < 0 ||
	    items(s, SQL_EV_TAGS, w, &d->problems, e) < 0 ||
	    items(s, SQL_EV_CATEGORY, w, &d->changes, e) < 0 ||
	    figures(s, w, &d->now, &d->has_revenue, &d->changes.total,
	    e) < 0 ||
	    store_referrers(s, 0, DIGEST_TOP, &d->top_referrers, e) < 0)
		goto fail;
	/* The true totals, where a list was cut at DIGEST_MAX_ITEMS. */
	d->enquiries.total = (size_t)d->now.v[DF_ENQUIRIES];
	d->referrals.total = (size_t)d->now.v[DF_REFERRALS];
	d->problems.total = (size_t)d->now.v[DF_PROBLEMS];
	if (prev) {
		if (figures(s, prev, &d->before, NULL, NULL, e) < 0)
			goto fail;
		d->has_before = true;
		d->before_since = prev->since;
		d->before_until = prev->until;
	}
	if ((st = store_stmt(s, SQL_COUNTS, e)) == NULL)
		goto fail;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *cat = db_column_text(st, 0);
		int n = (int)db_column_int64(st, 1);

		if (cat && strcmp(cat, "good") == 0)
			d->ngood = n;
		else if (cat && strcmp(cat, "bad") == 0)
			d->nbad = n;
		else
			d->nok += n;
	}
	if (store_rows_end(s, st, rc, "digest", e) < 0)
		goto fail;
	return 0;
fail:
	digest_data_clear(d);
	return -1;
}

int
store_digest_data(struct store *s, time_t since, time_t until,
    struct digest_data *d, struct err *e)
{
	struct digest_window w = { since, until, 0, INT64_MAX, true };

	return store_digest_gather(s, &w, NULL, d, e);
}

int
store_digest_mark(struct store *s, const struct digest_window *w,
    time_t sent, struct err *e)
{
	struct db_stmt *st;

	if (store_begin(s, e) < 0)
		return -1;
	if ((st = store_stmt(s, SQL_KEEP_NUMBERS, e)) == NULL)
		goto fail;
	db_bind_int64(st, 1, (int64_t)sent);
	if (store_run(s, st, e) < 0 ||
	    (st = store_stmt(s, SQL_MARK, e)) == NULL)
		goto fail;
	db_bind_int64(st, 1, (int64_t)sent);
	db_bind_int64(st, 2, (int64_t)w->since);
	db_bind_int64(st, 3, (int64_t)w->until);
	db_bind_int64(st, 4, (int64_t)w->after_event);
	db_bind_int64(st, 5, (int64_t)w->upto_event);
	if (store_run(s, st, e) < 0)
		goto fail;
	return store_commit(s, e);
fail:
	store_rollback(s);
	return -1;
}

static void
items_clear(struct digest_items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].email);
		free(it->v[i].name);
		free(it->v[i].other);
		free(it->v[i].detail);
		free(it->v[i].other_name);
	}
	free(it->v);
	it->v = NULL;
	it->n = 0;
}

void
digest_data_clear(struct digest_data *d)
{
	items_clear(&d->enquiries);
	items_clear(&d->referrals);
	items_clear(&d->problems);
	items_clear(&d->changes);
	customer_list_free(&d->top_referrers);
	customer_list_free(&d->ideal);
	free(d->ideal_score);
	d->ideal_score = NULL;
}
