/*
 * store_report - gather what the browsable report draws: every customer,
 * every referral, and month-by-month counts.
 *
 * What it never does: write.  Months are calendar months in the local
 * time zone (SQLite's 'localtime', which follows TZ), filled so that a
 * month with nothing in it is still a bar of zero.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_report.h"
#include "store_int.h"

/* Months the report can show at most (100 years). */
#define REPORT_MAX_MONTHS 1200

static const char SQL_EDGES[] =
    "SELECT f.email, d.email, r.at FROM referrals r"
    " JOIN customers f ON f.id = r.referrer_id"
    " JOIN customers d ON d.id = r.referred_id"
    " ORDER BY f.email, r.at, d.email";
/*
 * A calendar month in the owner's time zone: each engine's own words (the
 * PostgreSQL session's TimeZone is the process's, set by its backend).
 */
#define MONTH_SQLITE(t) "strftime('%Y-%m', " t ", 'unixepoch', 'localtime')"
#define MONTH_PGSQL(t) "to_char(to_timestamp(" t "), 'YYYY-MM')"
#define SQL_ADDED(MONTH) \
    "SELECT " MONTH("first_seen") ", category, count(*) FROM customers" \
    " GROUP BY 1, 2"
#define SQL_REFERRED(MONTH) \
    "SELECT " MONTH("at") ", count(*) FROM referrals GROUP BY 1"
static const char SQL_ADDED_SQLITE[] = SQL_ADDED(MONTH_SQLITE);
static const char SQL_ADDED_PGSQL[] = SQL_ADDED(MONTH_PGSQL);
static const char SQL_REFERRED_SQLITE[] = SQL_REFERRED(MONTH_SQLITE);
static const char SQL_REFERRED_PGSQL[] = SQL_REFERRED(MONTH_PGSQL);

static int
ym_parse(const char *s)
{
	/* "YYYY-MM" to months since year 0; -1 if not that shape */
	int y = 0, m = 0;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	if (s[5] < '0' || s[5] > '1' || s[6] < '0' || s[6] > '9')
		return -1;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	return m >= 1 && m <= 12 ? y * 12 + m - 1 : -1;
}

/* edge_row - one referral onto the report_data's edges */
static int
edge_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct report_data *d = arg;
	struct report_edge *x = mem_grow(d->edges, d->nedges, cap,
	    sizeof(*x), 256);

	if (x == NULL)
		return -1;
	d->edges = x;
	x = &d->edges[d->nedges++];
	x->referrer = xstrdup(db_column_text(st, 0));
	x->referred = xstrdup(db_column_text(st, 1));
	x->at = (time_t)db_column_int64(st, 2);
	return 0;
}

static int
edges(struct store *s, struct report_data *d, struct err *e)
{
	return store_each_row(s, store_stmt(s, SQL_EDGES, e), edge_row, d,
	    "report", e);
}

/* What a pass over the two monthly queries reads, and where it counts. */
struct months_pass {
	struct report_data *d;
	int lo, hi;		/* the months kept (ym_parse) */
	bool referred;		/* SQL_REFERRED's rows, else SQL_ADDED's */
};

/* earliest_row - lower p->lo to the row's month */
static int
earliest_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct months_pass *p = arg;
	int m = ym_parse(db_column_text(st, 0));

	if (m >= 0 && (p->lo < 0 || m < p->lo))
		p->lo = m;
	return 0;
}

/* count_row - the row's referrals or customers added into its month */
static int
count_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct months_pass *p = arg;
	int m = ym_parse(db_column_text(st, 0));
	struct report_month *rm;

	if (m < p->lo || m > p->hi)
		return 0;
	rm = &p->d->months[m - p->lo];
	if (p->referred) {
		rm->referrals += (int)db_column_int64(st, 1);
	} else {
		const char *cat = db_column_text(st, 1);
		int k = cat && strcmp(cat, "good") == 0 ? 0 :
		    cat && strcmp(cat, "bad") == 0 ? 2 : 1;

		rm->added[k] += (int)db_column_int64(st, 2);
	}
	return 0;
}

/* months_pass - row over the rows of SQL_ADDED, then of SQL_REFERRED */
static int
months_pass(struct store *s, struct months_pass *p,
    int (*row)(struct db_stmt *, void *, size_t *), struct err *e)
{
	for (int q = 0; q < 2; q++) {
		p->referred = q == 1;
		if (store_each_row(s, store_stmt(s, q ? STORE_SQL(s,
		    SQL_REFERRED) : STORE_SQL(s, SQL_ADDED), e), row, p,
		    "report", e) < 0)
			return -1;
	}
	return 0;
}

/* months - per-month counts from first month with data to now's month */
static int
months(struct store *s, struct report_data *d, struct err *e)
{
	struct months_pass p = { d, -1, 0, false };
	struct tm tm;
	char now[32];

	localtime_r(&d->now, &tm);
	snprintf(now, sizeof(now), "%04d-%02d", (tm.tm_year + 1900) % 10000,
	    tm.tm_mon + 1);
	p.hi = ym_parse(now);
	/* first pass: the earliest month */
	if (months_pass(s, &p, earliest_row, e) < 0)
		return -1;
	if (p.lo < 0)
		return 0;
	if (p.hi < p.lo)
		p.hi = p.lo;
	if (p.hi - p.lo >= REPORT_MAX_MONTHS)
		p.lo = p.hi - REPORT_MAX_MONTHS + 1;
	d->nmonths = (size_t)(p.hi - p.lo + 1);
	if ((d->months = calloc(d->nmonths, sizeof(*d->months))) == NULL)
		return err_set(e, "report: out of memory");
	for (size_t i = 0; i < d->nmonths; i++)
		snprintf(d->months[i].ym, sizeof(d->months[i].ym), "%04d-%02d",
		    (int)((p.lo + (int)i) / 12), (int)((p.lo + (int)i) % 12) + 1);
	return months_pass(s, &p, count_row, e);
}

int
store_report_data(struct store *s, time_t now, struct report_data *d,
    struct err *e)
{
	struct customer_filter all = { NULL, NULL, NULL };	/* customers */

	memset(d, 0, sizeof(*d));
	d->now = now;
	if (store_customers(s, &all, &d->customers, e) < 0 ||
	    edges(s, d, e) < 0 || months(s, d, e) < 0) {
		report_data_clear(d);
		return -1;
	}
	return 0;
}

void
report_data_clear(struct report_data *d)
{
	customer_list_free(&d->customers);
	for (size_t i = 0; i < d->nedges; i++) {
		free(d->edges[i].referrer);
		free(d->edges[i].referred);
	}
	free(d->edges);
	free(d->months);
	memset(d, 0, sizeof(*d));
}
