/*
 * store_query - the reports' questions: customers, referrers, problems, show.
 *
 * What it is for: reading customers out of the store into struct customer
 * (and struct customer_detail for `show`), sorted the way the command-line
 * contract promises.
 *
 * What it owns: the report queries, and the merge of the list of
 * everyone.  That list reads each table once, its own statement, and
 * merges the rows by id here (everyone_sql, merge_extras); a filtered
 * list is one statement whose per-customer parts (referral counts,
 * referrer, tag list, revenue) are aggregated once per table and joined
 * (LIST_JOINS); one customer's, and the short lists' (referrers,
 * problems), are correlated subqueries on indexed columns
 * (CUSTOMER_COLS).  A report over 100,000 customers is a few passes and
 * never a query per row from C.
 *
 * What it never does: write.  Everything returned is the caller's, freed
 * with customer_list_free or customer_detail_free.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"

/*
 * The columns every report reads, in this order (see fill_customer): the
 * customer's own row (OWN_COLS, the first NOWN), then what comes from
 * other tables (referrals counted, referrer, tags, revenue, referrals
 * pending).  TAGS is how the engine joins a customer's tags with
 * newlines; YEAR the parameter holding the start of the last twelve
 * months (bound from the clock: the rules never ask the engine what time
 * it is).
 */
#define OWN_COLS \
	"c.id, c.email, c.name, c.category, c.category_manual, c.messages," \
	" c.first_seen, c.last_seen, c.reasons, c.customer, c.unverified"
#define NOWN 11
#define TAGS_SQLITE "group_concat(t.tag, char(10))"
#define TAGS_PGSQL "string_agg(t.tag, chr(10))"
#define COUNTED_SUB \
	"(SELECT count(*) FROM referrals r JOIN customers x" \
	"   ON x.id = r.referred_id WHERE r.referrer_id = c.id" \
	"   AND x.customer = 1 AND c.customer = 1)"
#define PENDING_SUB \
	"(SELECT count(*) FROM referrals r JOIN customers x" \
	"   ON x.id = r.referred_id WHERE r.referrer_id = c.id" \
	"   AND NOT (x.customer = 1 AND c.customer = 1))"
/* ... with COUNTED and PENDING for the referral counts' columns */
#define CUSTOMER_COLS_WITH(TAGS, YEAR, COUNTED, PENDING) \
	OWN_COLS ", " COUNTED "," \
	" (SELECT rc.email FROM referrals r JOIN customers rc" \
	"   ON rc.id = r.referrer_id WHERE r.referred_id = c.id)," \
	" (SELECT " TAGS " FROM tags t" \
	"   WHERE t.customer_id = c.id)," \
	" (SELECT money_sum(v.amount_minor) FROM revenue v WHERE v.customer_id = c.id" \
	"   AND v.at >= " YEAR "), " PENDING
#define CUSTOMER_COLS(TAGS, YEAR) \
	CUSTOMER_COLS_WITH(TAGS, YEAR, COUNTED_SUB, PENDING_SUB)
#define NCOLS 16

/*
 * The same columns for a list of customers, set-based: what a customer
 * made, got and carries is aggregated once per table and joined by id
 * (LIST_JOINS), rather than five subqueries run for every row listed.
 * Over 100,000 customers the engine then does a few scans and hash joins
 * in place of half a million index probes (BENCHMARKS.md 6).  Only for
 * `customers` with a category or tag (everyone is everyone_sql, below): a
 * shorter list (problems, referrers) is cheaper with the probes.  A referred
 * person has at most one referrer (referrals' key), so no join repeats a
 * customer.  The counts answer as CUSTOMER_COLS' subqueries do: a
 * referral counts when both people are customers, else it is pending.
 */
#define LIST_COLS \
	OWN_COLS "," \
	" CASE WHEN c.customer = 1 THEN coalesce(m.n, 0) ELSE 0 END," \
	" rc.email, g.tags, v.total," \
	" CASE WHEN c.customer = 1 THEN coalesce(m.total - m.n, 0)" \
	"  ELSE coalesce(m.total, 0) END"
#define LIST_JOINS(TAGS, YEAR) \
	" LEFT JOIN (SELECT r.referrer_id AS rid," \
	"  sum(CASE WHEN x.customer = 1 THEN 1 ELSE 0 END) AS n," \
	"  count(*) AS total FROM referrals r" \
	"  JOIN customers x ON x.id = r.referred_id GROUP BY r.referrer_id) m" \
	"  ON m.rid = c.id" \
	" LEFT JOIN referrals rb ON rb.referred_id = c.id" \
	" LEFT JOIN customers rc ON rc.id = rb.referrer_id" \
	" LEFT JOIN (SELECT t.customer_id AS cid, " TAGS " AS tags" \
	"  FROM tags t GROUP BY t.customer_id) g ON g.cid = c.id" \
	" LEFT JOIN (SELECT customer_id AS cid, money_sum(amount_minor) AS total" \
	"  FROM revenue WHERE at >= " YEAR " GROUP BY customer_id) v" \
	"  ON v.cid = c.id"

/*
 * Everyone (no category or tag filter: the whole store, 100,000 rows) is
 * read table by table instead: the customers in email order with the
 * list's extra columns empty, then the tags, referrals and revenue, each
 * in one pass of its own, merged into the list by id here (merge_extras).
 * Joined in one statement (LIST_JOINS), PostgreSQL hashed 100,000 wide
 * rows for every join and sorted them after: 290 ms of server time where
 * these passes take under 130 (BENCHMARKS.md 6, round four).
 *
 * The extras answer as LIST_COLS does.  A referral counts when both
 * people are customers (customer = 1), else it is pending; both are
 * listed then, as the list is everyone, or every customer.  A referrer
 * is named from the list; one who is not listed (a prospect, in a list
 * of customers) by a last pass over the referrers of the status not
 * listed, only when there is one (everyone_sql[EV_REFERRERS]).
 * Tags come in byte order (tags.tag is COLLATE "C" in PostgreSQL, BINARY
 * in SQLite), as strvec_sort would put them.
 */
enum everyone_pass { EV_LIST, EV_TAGS, EV_REFERRALS, EV_REFERRERS,
	EV_REVENUE };
static const char *const everyone_sql[] = {
	[EV_LIST] = "SELECT " OWN_COLS " FROM customers c"
	    " WHERE (?1 IS NULL OR c.customer = ?1) ORDER BY c.email",
	[EV_TAGS] = "SELECT customer_id, tag FROM tags"
	    " ORDER BY customer_id, tag",
	[EV_REFERRALS] = "SELECT referrer_id, referred_id FROM referrals",
	/* the referred, and their referrer's address, where not of status ?1 */
	[EV_REFERRERS] = "SELECT r.referred_id, rc.email FROM referrals r"
	    " JOIN customers rc ON rc.id = r.referrer_id"
	    " WHERE NOT (rc.customer = ?1)",
	[EV_REVENUE] = "SELECT customer_id, money_sum(amount_minor)"
	    " FROM revenue WHERE at >= ?1 GROUP BY customer_id",
};

#define PROBLEM_TAGS "('rude', 'complaint', 'haggler', 'slow-payer')"

#define SQL_CUSTOMERS(TAGS) \
    "SELECT " LIST_COLS " FROM customers c" LIST_JOINS(TAGS, "?4") \
    " WHERE (?3 IS NULL OR c.customer = ?3)" \
    " AND (?1 IS NULL OR c.category = ?1)" \
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM tags t2" \
    "  WHERE t2.customer_id = c.id AND t2.tag = ?2))" \
    " ORDER BY c.email"
static const char SQL_CUSTOMERS_SQLITE[] = SQL_CUSTOMERS(TAGS_SQLITE);
static const char SQL_CUSTOMERS_PGSQL[] = SQL_CUSTOMERS(TAGS_PGSQL);
/*
 * Referrers: customers only, by referrals that count (the referred person
 * a customer too), then by those still pending.  Referrals are few beside
 * customers, so one pass over them grouped by referrer is cheap.  The
 * counts are w's (run_list reads them past NCOLS): the list's own count
 * columns are constants, not two subqueries per referrer for nothing.
 * A referrer list is a sixth of the customers or less, so its other
 * columns stay per-row subqueries: aggregating every customer's tags for
 * it costs more (SQLite 113 -> 158 ms at 100,000 customers).
 */
#define SQL_REFERRERS(TAGS) \
    "SELECT " CUSTOMER_COLS_WITH(TAGS, "?3", "0", "0") ", w.n, w.p FROM" \
    " (SELECT r.referrer_id AS rid, sum(x.customer) AS n," \
    "  count(*) - sum(x.customer) AS p FROM referrals r" \
    "  JOIN customers x ON x.id = r.referred_id" \
    "  WHERE r.at >= ?1 GROUP BY r.referrer_id) w" \
    " JOIN customers c ON c.id = w.rid WHERE c.customer = 1" \
    " ORDER BY w.n DESC, w.p DESC, c.email LIMIT ?2"
static const char SQL_REFERRERS_SQLITE[] = SQL_REFERRERS(TAGS_SQLITE);
static const char SQL_REFERRERS_PGSQL[] = SQL_REFERRERS(TAGS_PGSQL);
#define SQL_PROBLEMS(TAGS) \
    "SELECT " CUSTOMER_COLS(TAGS, "?1") "," \
    " (SELECT coalesce(sum(CASE WHEN t.count > 1 THEN t.count ELSE 1 END), 0)" \
    "  FROM tags t WHERE t.customer_id = c.id AND t.tag IN " PROBLEM_TAGS ")" \
    " AS p FROM customers c WHERE c.customer = 1 AND c.id IN" \
    " (SELECT id FROM customers WHERE category = 'bad'" \
    "  UNION SELECT customer_id FROM tags WHERE tag IN " PROBLEM_TAGS ")" \
    " ORDER BY (c.category = 'bad') DESC, p DESC, c.email"
static const char SQL_PROBLEMS_SQLITE[] = SQL_PROBLEMS(TAGS_SQLITE);
static const char SQL_PROBLEMS_PGSQL[] = SQL_PROBLEMS(TAGS_PGSQL);
#define SQL_ONE(TAGS) \
    "SELECT " CUSTOMER_COLS(TAGS, "?2") ", c.code FROM customers c" \
    " WHERE c.id = ?1"
static const char SQL_ONE_SQLITE[] = SQL_ONE(TAGS_SQLITE);
static const char SQL_ONE_PGSQL[] = SQL_ONE(TAGS_PGSQL);
/* the same row by an address (lower case): the milter's summary, one trip */
#define SQL_ONE_BY_EMAIL(TAGS) \
    "SELECT " CUSTOMER_COLS(TAGS, "?2") " FROM addresses a" \
    " JOIN customers c ON c.id = a.customer_id WHERE a.email = ?1"
static const char SQL_ONE_BY_EMAIL_SQLITE[] = SQL_ONE_BY_EMAIL(TAGS_SQLITE);
static const char SQL_ONE_BY_EMAIL_PGSQL[] = SQL_ONE_BY_EMAIL(TAGS_PGSQL);

/* year_ago - the start of "the last 12 months" the revenue column sums */
static int64_t
year_ago(void)
{
	return (int64_t)time(NULL) - 31536000;
}
static const char SQL_ADDRESSES[] =
    "SELECT a.email FROM addresses a JOIN customers c ON c.id = a.customer_id"
    " WHERE a.customer_id = ?1 ORDER BY (a.email = c.email) DESC, a.email";
static const char SQL_EVIDENCE[] =
    "SELECT kind, label, text, how, at, id FROM evidence"
    "  WHERE customer_id = ?1"
    " UNION ALL SELECT 'referral', rc.email, r.evidence, r.how, r.at, 0"
    "  FROM referrals r JOIN customers rc ON rc.id = r.referred_id"
    "  WHERE r.referrer_id = ?1"
    " UNION ALL SELECT 'referred', rc.email, r.evidence, r.how, r.at, 0"
    "  FROM referrals r JOIN customers rc ON rc.id = r.referrer_id"
    "  WHERE r.referred_id = ?1"
    " ORDER BY 5, 6";
static const char SQL_REFERRED[] =
    "SELECT rc.email FROM referrals r JOIN customers rc"
    " ON rc.id = r.referred_id WHERE r.referrer_id = ?1 ORDER BY rc.email";

/* split_lines - push each non-empty line of text onto sv */
static int
split_lines(const char *text, struct strvec *sv)
{
	const char *p = text, *nl;

	if (text == NULL)
		return 0;
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (nl > p && strvec_push_owned(sv, xstrndup(p,
		    (size_t)(nl - p))) < 0)
			return -1;
		p = *nl ? nl + 1 : nl;
	}
	return 0;
}

/* fill_own - the OWN_COLS of a row into c (zeroed by the caller) */
static int
fill_own(struct db_stmt *st, struct customer *c)
{
	c->email = store_col_dup(st, 1);
	c->name = store_col_dup(st, 2);
	c->category = store_col_dup(st, 3);
	c->category_manual = (int)db_column_int64(st, 4) != 0;
	c->messages = (int)db_column_int64(st, 5);
	c->first_seen = (time_t)db_column_int64(st, 6);
	c->last_seen = (time_t)db_column_int64(st, 7);
	c->prospect = (int)db_column_int64(st, 9) == 0;
	c->unverified = (int)db_column_int64(st, 10);
	if (split_lines(db_column_text(st, 8), &c->reasons) < 0 ||
	    c->email == NULL || c->category == NULL)
		return -1;
	return 0;
}

/* fill_customer - one row of CUSTOMER_COLS into c (zeroed by the caller) */
static int
fill_customer(struct db_stmt *st, struct customer *c)
{
	if (fill_own(st, c) < 0)
		return -1;
	c->referrals = (int)db_column_int64(st, NOWN);
	c->referred_by = store_col_dup(st, NOWN + 1);
	if (split_lines(db_column_text(st, NOWN + 2), &c->tags) < 0)
		return -1;
	strvec_sort(&c->tags);
	/* revenue of the last 12 months (365 days); NULL: none recorded */
	c->has_revenue = db_column_type(st, NOWN + 3) != DB_NULL;
	c->revenue = c->has_revenue ? db_column_int64(st, NOWN + 3) : 0;
	c->referrals_pending = (int)db_column_int64(st, NOWN + 4);
	return 0;
}

/* A listed customer, by id: what merge_extras looks rows up by. */
struct by_id {
	int64_t id;
	size_t i;		/* index in the list */
	bool counts;		/* customer = 1: their referrals may count */
};

/*
 * run_list - every row of st into out; referrals_col >= 0 overrides
 * referrals, and the column after it the pending ones.  ids, when not
 * NULL, says the rows are OWN_COLS only (everyone_sql[EV_LIST]) and
 * receives each row's id (column 0), place and status, in list order, for
 * the caller to free.
 */
static int
run_list(struct store *s, struct db_stmt *st, int referrals_col,
    struct customer_list *out, struct by_id **ids, struct err *e)
{
	size_t cap = 0, idcap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (ids != NULL)
		*ids = NULL;
	while ((rc = db_step(st)) == DB_ROW) {
		struct customer *c = mem_grow(out->v, out->n, &cap,
		    sizeof(*c), 64);

		if (c == NULL)
			goto nomem;
		out->v = c;
		if (ids != NULL) {
			struct by_id *b = mem_grow(*ids, out->n, &idcap,
			    sizeof(*b), 64);

			if (b == NULL)
				goto nomem;
			*ids = b;
			b[out->n].id = db_column_int64(st, 0);
			b[out->n].i = out->n;
			b[out->n].counts = db_column_int64(st, 9) == 1;
		}
		c = &out->v[out->n++];
		memset(c, 0, sizeof(*c));
		if ((ids != NULL ? fill_own(st, c) : fill_customer(st, c)) < 0)
			goto nomem;
		if (referrals_col >= 0) {
			c->referrals = (int)db_column_int64(st, referrals_col);
			c->referrals_pending = (int)db_column_int64(st,
			    referrals_col + 1);
		}
	}
	db_reset(st);
	if (rc != DB_DONE) {
		store_dberr(s, e, "report");
		goto fail;
	}
	return 0;
nomem:
	db_reset(st);
	err_set(e, "store: out of memory");
fail:
	customer_list_free(out);
	if (ids != NULL) {
		free(*ids);
		*ids = NULL;
	}
	return -1;
}

/*
 * The list being completed by merge_extras, its customers found by id in
 * an open-addressing table (a power of two, at least twice the list, so
 * a probe ends at an empty slot).  The ids are the engines' row numbers,
 * handed out in sequence, so an id's own low bits are its slot: ids in a
 * row take slots in a row, and the tags, read in id order, walk the table
 * from one end to the other instead of jumping about it.
 */
struct merge {
	struct customer_list *l;
	struct by_id *slot;	/* i is the index in the list + 1; 0: empty */
	size_t mask;
	size_t unnamed;		/* listed people referred by someone not */
};

/* merge_index - m's table of the l->n customers in ids; -1 out of memory */
static int
merge_index(struct merge *m, const struct by_id *ids)
{
	size_t size = 16;

	while (size < 2 * m->l->n)
		size *= 2;
	if ((m->slot = calloc(size, sizeof(*m->slot))) == NULL)
		return -1;
	m->mask = size - 1;
	for (size_t k = 0; k < m->l->n; k++) {
		size_t h = (size_t)ids[k].id & m->mask;

		while (m->slot[h].i != 0)
			h = (h + 1) & m->mask;
		m->slot[h] = ids[k];
		m->slot[h].i = ids[k].i + 1;
	}
	return 0;
}

/* listed - the listed customer with id id (and *counts), or NULL */
static struct customer *
listed(const struct merge *m, int64_t id, bool *counts)
{
	for (size_t h = (size_t)id & m->mask; m->slot[h].i != 0;
	    h = (h + 1) & m->mask) {
		if (m->slot[h].id == id) {
			if (counts != NULL)
				*counts = m->slot[h].counts;
			return &m->l->v[m->slot[h].i - 1];
		}
	}
	return NULL;
}

/* tags_row - a row of everyone_sql[EV_TAGS]: one tag of a listed customer */
static int
tags_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct customer *c = listed(arg, db_column_int64(st, 0), NULL);

	return c != NULL ? strvec_push(&c->tags, db_column_text(st, 1)) : 0;
}

/*
 * referral_row - a row of everyone_sql[EV_REFERRALS]: one more referral for
 * the referrer (counted when both are listed customers, else pending),
 * and the referrer's address for the referred (one referrer at most),
 * from the list; counted in unnamed when the referrer is not listed
 */
static int
referral_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct merge *m = arg;
	bool by_counts = false, to_counts = false;
	struct customer *by = listed(m, db_column_int64(st, 0), &by_counts);
	struct customer *to = listed(m, db_column_int64(st, 1), &to_counts);

	if (by != NULL && by_counts && to != NULL && to_counts)
		by->referrals++;
	else if (by != NULL)
		by->referrals_pending++;
	if (to == NULL || to->referred_by != NULL)
		return 0;
	if (by == NULL) {
		m->unnamed++;
		return 0;
	}
	return (to->referred_by = strdup(by->email)) != NULL ? 0 : -1;
}

/* referrer_row - a row of everyone_sql[EV_REFERRERS]: a referrer not listed */
static int
referrer_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct customer *to = listed(arg, db_column_int64(st, 0), NULL);

	if (to == NULL || to->referred_by != NULL)
		return 0;
	return (to->referred_by = store_col_dup(st, 1)) != NULL ? 0 : -1;
}

/* revenue_row - a row of everyone_sql[EV_REVENUE]: the last 12 months' sum */
static int
revenue_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct customer *c = listed(arg, db_column_int64(st, 0), NULL);

	if (c != NULL && db_column_type(st, 1) != DB_NULL) {
		c->has_revenue = true;
		c->revenue = db_column_int64(st, 1);
	}
	return 0;
}

/*
 * merge_extras - the tags, referrals and revenue of every customer of l
 * (everyone_sql[EV_LIST]'s rows, whose ids are in ids; status the ?1 it
 * was run with, NULL for everyone), one pass over each table.  0, or -1
 * with e set (l is left for the caller).
 */
static int
merge_extras(struct store *s, struct customer_list *l,
    const struct by_id *ids, const int64_t *status, struct err *e)
{
	struct merge m = { l, NULL, 0, 0 };
	struct db_stmt *st;
	int rc = -1;

	if (merge_index(&m, ids) < 0)
		return err_set(e, "store: out of memory");
	if (store_each_row(s, store_stmt(s, everyone_sql[EV_TAGS], e), tags_row,
	    &m, "report", e) < 0 ||
	    store_each_row(s, store_stmt(s, everyone_sql[EV_REFERRALS], e),
	    referral_row, &m, "report", e) < 0)
		goto out;
	/* everyone listed (status NULL) names every referrer */
	if (m.unnamed > 0 && status != NULL) {
		if ((st = store_stmt(s, everyone_sql[EV_REFERRERS], e)) == NULL)
			goto out;
		db_bind_int64(st, 1, *status);
		if (store_each_row(s, st, referrer_row, &m, "report", e) < 0)
			goto out;
	}
	if ((st = store_stmt(s, everyone_sql[EV_REVENUE], e)) == NULL)
		goto out;
	db_bind_int64(st, 1, year_ago());
	rc = store_each_row(s, st, revenue_row, &m, "report", e);
out:
	free(m.slot);
	return rc;
}

/* everyone - every customer whose status is *status (NULL: any) */
static int
everyone(struct store *s, const int64_t *status, struct customer_list *out,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, everyone_sql[EV_LIST], e);
	struct by_id *ids;
	int rc;

	if (st == NULL)
		return -1;
	if (status != NULL)
		db_bind_int64(st, 1, *status);
	if (run_list(s, st, -1, out, &ids, e) < 0)
		return -1;
	rc = out->n > 0 ? merge_extras(s, out, ids, status, e) : 0;
	free(ids);
	if (rc < 0)
		customer_list_free(out);
	return rc;
}

/* store_customers - every customer matching f (NULL: all), by email */
int
store_customers(struct store *s, const struct customer_filter *f,
    struct customer_list *out, struct err *e)
{
	/* customers only, unless the filter asks for prospects or everyone */
	static const int64_t customer = 1, prospect = 0;
	const int64_t *status = &customer;
	struct db_stmt *st;

	if (f != NULL && f->status != NULL &&
	    strcmp(f->status, "customer") != 0)
		status = strcmp(f->status, "prospect") == 0 ? &prospect : NULL;
	if (f == NULL || (f->category == NULL && f->tag == NULL))
		return everyone(s, status, out, e);
	if ((st = store_stmt(s, STORE_SQL(s, SQL_CUSTOMERS), e)) == NULL)
		return -1;
	if (status != NULL)
		db_bind_int64(st, 3, *status);
	db_bind_int64(st, 4, year_ago());
	if (f->category != NULL)
		db_bind_text(st, 1, f->category, -1);
	if (f->tag != NULL)
		db_bind_text(st, 2, f->tag, -1);
	return run_list(s, st, -1, out, NULL, e);
}

/* store_referrers - referrals made since `since`, most first; limit 0: all */
int
store_referrers(struct store *s, time_t since, size_t limit,
    struct customer_list *out, struct err *e)
{
	struct db_stmt *st = store_stmt(s, STORE_SQL(s, SQL_REFERRERS), e);

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, (int64_t)(since > 0 ? since : 0));
	db_bind_int64(st, 2, limit == 0 || limit > (size_t)INT64_MAX ?
	    INT64_MAX : (int64_t)limit);
	db_bind_int64(st, 3, year_ago());
	return run_list(s, st, NCOLS, out, NULL, e);
}

/* store_problems - bad first, then by problem-tag count, then email */
int
store_problems(struct store *s, struct customer_list *out, struct err *e)
{
	struct db_stmt *st = store_stmt(s, STORE_SQL(s, SQL_PROBLEMS), e);

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, year_ago());
	return run_list(s, st, -1, out, NULL, e);
}

/* string_row - column 0 of a row onto the strvec arg */
static int
string_row(struct db_stmt *st, void *arg, size_t *cap)
{
	return strvec_push(arg, db_column_text(st, 0));
}

/* strings_of - column 0 of each row of st (id bound as ?1) into sv */
static int
strings_of(struct store *s, const char *sql, int64_t id,
    struct strvec *sv, struct err *e)
{
	return store_each_row(s, store_stmt_id(s, sql, id, e), string_row, sv,
	    "show", e);
}

/* evidence_row - one row of SQL_EVIDENCE onto the customer_detail's ev */
static int
evidence_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct customer_detail *d = arg;
	struct evidence *ev = mem_grow(d->ev, d->nev, cap, sizeof(*ev), 16);

	if (ev == NULL)
		return -1;
	d->ev = ev;
	ev = &d->ev[d->nev++];
	ev->kind = store_col_dup(st, 0);
	ev->label = store_col_dup(st, 1);
	ev->text = store_col_dup(st, 2);
	ev->how = store_col_dup(st, 3);
	ev->when = (time_t)db_column_int64(st, 4);
	return 0;
}

/* read_evidence - tags' evidence and referrals both ways, oldest first */
static int
read_evidence(struct store *s, int64_t id, struct customer_detail *d,
    struct err *e)
{
	return store_each_row(s, store_stmt_id(s, SQL_EVIDENCE, id, e),
	    evidence_row, d, "show", e);
}

/* store_summary - one statement from the address to the row (store.h) */
int
store_summary(struct store *s, const char *email, struct customer *out,
    struct err *e)
{
	struct db_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((st = store_stmt(s, STORE_SQL(s, SQL_ONE_BY_EMAIL), e)) == NULL)
		return -1;
	if (store_bind_lower(st, 1, email) < 0) {
		db_reset(st);
		return err_set(e, "store: out of memory");
	}
	db_bind_int64(st, 2, year_ago());
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 0 : store_dberr(s, e, "summary");
	}
	rc = fill_customer(st, out);
	db_reset(st);
	if (rc < 0) {
		customer_clear(out);
		return err_set(e, "store: out of memory");
	}
	return 1;
}

/* store_show - all about the customer owning email; *out freed by customer_detail_free */
int
store_show(struct store *s, const char *email, struct customer_detail **out,
    struct err *e)
{
	return store_show_history(s, email, 10, out, e);
}

/* store_show_history - store_show with the last `history` messages (0: all) */
int
store_show_history(struct store *s, const char *email, size_t history,
    struct customer_detail **out, struct err *e)
{
	struct customer_detail *d;
	int64_t id;
	struct db_stmt *st;
	int rc;

	*out = NULL;
	if ((rc = store_id_for(s, email, &id, e)) <= 0)
		return rc;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return err_set(e, "store: out of memory");
	if ((st = store_stmt(s, STORE_SQL(s, SQL_ONE), e)) == NULL)
		goto fail;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, year_ago());
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		store_dberr(s, e, "show");
		goto fail;
	}
	rc = fill_customer(st, &d->c);
	d->code = store_col_dup(st, NCOLS);
	db_reset(st);
	if (rc < 0) {
		err_set(e, "store: out of memory");
		goto fail;
	}
	if (strings_of(s, SQL_ADDRESSES, id, &d->addresses, e) < 0 ||
	    read_evidence(s, id, d, e) < 0 ||
	    strings_of(s, SQL_REFERRED, id, &d->referred, e) < 0 ||
	    store_announced_of(s, id, d, e) < 0 ||
	    store_detail_extras(s, id, history, d, e) < 0)
		goto fail;
	*out = d;
	return 1;
fail:
	customer_detail_free(d);
	return -1;
}
