/*
 * store_revenue - revenue, value-set verdicts and the ideal candidates.
 *
 * What it is for: the store's half of "who are my ideal customers": what
 * each customer paid (store_revenue_add), what the owner and the customer
 * think of their fit with each value (store_assess, and store_self_assess
 * for a ticked reply to the published form, read by ideal_reply_read),
 * how that adds up with the tags that count against a value
 * (store_alignment), and the good customers gathered for ideal_rank
 * (store_ideal).
 *
 * What it owns: the revenue and assessments tables (schema v1).  A
 * payment is recorded once: by its reference when it has one, otherwise by
 * a key made from the address, amount and date ("row:" + SHA-256), held in
 * the same UNIQUE reference column, so importing a file twice changes
 * nothing.  The owner's verdicts and the customer's own are separate rows
 * (source 'owner' / 'self') and never overwrite each other.
 *
 * What it never does: decide the score or the precedence between verdicts
 * (ideal.c does), or build SQL from customer text (bound parameters only).
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_ideal.h"
#include "util/sha256.h"
#include "store_int.h"

static const char SQL_REVENUE_ADD[] =
    "INSERT INTO revenue(customer_id, amount_minor, at, reference)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(reference) DO NOTHING";
static const char SQL_NEW_CUSTOMER[] =
    "INSERT INTO customers(email, first_seen, last_seen) VALUES (?1, ?2, ?2)"
    " RETURNING id";
static const char SQL_ASSESS[] =
    "INSERT INTO assessments(customer_id, value_key, verdict, source, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT(customer_id, value_key, source) DO UPDATE SET"
    " verdict = excluded.verdict, at = excluded.at";
static const char SQL_UNASSESS[] =
    "DELETE FROM assessments WHERE customer_id = ?1 AND value_key = ?2"
    " AND source = ?3";
static const char SQL_FORGET_SELF[] =
    "DELETE FROM assessments WHERE customer_id = ?1 AND source = 'self'";
static const char SQL_VERDICTS[] =
    "SELECT value_key, verdict, source FROM assessments"
    " WHERE customer_id = ?1";
static const char SQL_GOOD[] =
    "SELECT c.id, c.email, c.name, c.category,"
    " (SELECT money_sum(v.amount_minor) FROM revenue v"
    "   WHERE v.customer_id = c.id AND v.at >= ?1),"
    " (SELECT count(*) FROM referrals r JOIN customers x"
    "   ON x.id = r.referred_id WHERE r.referrer_id = c.id AND x.customer = 1)"
    " FROM customers c WHERE c.customer = 1 AND c.category = 'good'"
    " ORDER BY c.id";
/*
 * Their verdicts and tags, all at once and in the same order (align_pool),
 * rather than two statements per customer.
 */
static const char SQL_GOOD_VERDICTS[] =
    "SELECT a.customer_id, a.value_key, a.verdict, a.source"
    " FROM assessments a JOIN customers c ON c.id = a.customer_id"
    " WHERE c.customer = 1 AND c.category = 'good' ORDER BY a.customer_id";
static const char SQL_GOOD_TAGS[] =
    "SELECT t.customer_id, t.tag, t.count, t.manual"
    " FROM tags t JOIN customers c ON c.id = t.customer_id"
    " WHERE c.customer = 1 AND c.category = 'good'"
    " ORDER BY t.customer_id, t.tag";
/*
 * With a limit, the good customers are read in three parts so that the
 * scan can stop early (store_ideal): those with payments in the window or
 * any verdict on the value set (the only ones whose score can exceed what
 * their referrals give), then the others by referrals made, best first,
 * through the top referrers' index, then those who referred no one.
 */
static const char SQL_GOOD_NOTED[] =
    "SELECT c.id, c.email, c.name, c.category,"
    " (SELECT money_sum(v.amount_minor) FROM revenue v"
    "   WHERE v.customer_id = c.id AND v.at >= ?1),"
    " (SELECT count(*) FROM referrals r JOIN customers x"
    "   ON x.id = r.referred_id WHERE r.referrer_id = c.id AND x.customer = 1)"
    " FROM customers c WHERE c.customer = 1 AND c.category = 'good' AND c.id IN"
    " (SELECT customer_id FROM revenue WHERE at >= ?1"
    "  UNION SELECT customer_id FROM assessments)"
    " ORDER BY c.id";
/* SQLite must be told to walk the partial index; PostgreSQL finds it */
#define SQL_GOOD_REFERRERS(INDEXED) \
    "SELECT c.id, c.email, c.name, c.category, NULL," \
    " (SELECT count(*) FROM referrals r JOIN customers x" \
    "   ON x.id = r.referred_id WHERE r.referrer_id = c.id AND x.customer = 1)" \
    " FROM customers c" INDEXED \
    " WHERE c.referrals_made > 0 AND c.customer = 1" \
    " AND c.category = 'good'" \
    " ORDER BY c.referrals_made DESC, c.email"
static const char SQL_GOOD_REFERRERS_SQLITE[] =
    SQL_GOOD_REFERRERS(" INDEXED BY customers_referrals");
static const char SQL_GOOD_REFERRERS_PGSQL[] = SQL_GOOD_REFERRERS("");
static const char SQL_GOOD_OTHERS[] =
    "SELECT c.id, c.email, c.name, c.category, NULL, 0"
    " FROM customers c WHERE c.customer = 1 AND c.category = 'good'"
    " AND c.referrals_made = 0"
    " ORDER BY c.email";

static const char *
source_name(enum assess_source src)
{
	return src == ASSESS_SELF ? "self" : "owner";
}

/* row_key - "row:" + SHA-256 of the row's address, amount and date */
static void
row_key(const char *email, long long amount, time_t date, char out[80])
{
	char text[STORE_MAX_TEXT + 64], hex[SHA256_HEX_LEN + 1];
	int n;

	n = snprintf(text, sizeof(text), "%s\n%lld\n%lld", email, amount,
	    (long long)date);
	if (n < 0 || (size_t)n >= sizeof(text))
		n = (int)sizeof(text) - 1;
	sha256_hex(text, (size_t)n, hex);
	snprintf(out, 80, "row:%s", hex);
}

/* new_customer - a bare customer for an address first seen in the accounts */
static int
new_customer(struct store *s, const char *email, time_t at,
    int64_t *id, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_NEW_CUSTOMER, e);

	if (st == NULL)
		return -1;
	BIND_TEXT(st, 1, email);
	db_bind_int64(st, 2, (int64_t)at);
	if (store_insert_id(s, st, id, e) < 0)
		return -1;
	if ((st = store_stmt(s, SQL_ADD_ADDRESS, e)) == NULL)
		return -1;
	BIND_TEXT(st, 1, email);
	db_bind_int64(st, 2, *id);
	if (store_run(s, st, e) < 0)
		return -1;
	return store_recompute(s, *id, e);
}

int
store_revenue_add(struct store *s, const char *email, long long amount,
    time_t date, const char *reference, bool create_unknown, struct err *e)
{
	char key[80], *lower;
	int64_t id;
	struct db_stmt *st;
	int rc, found;

	if (email == NULL || (lower = str_lower(email)) == NULL)
		return err_set(e, "store: no address given");
	if (strlen(lower) >= STORE_MAX_TEXT) {
		free(lower);
		return err_set(e, "store: address too long");
	}
	if (store_tx_enter(s, e) < 0) {
		free(lower);
		return -1;
	}
	rc = -1;
	if ((found = store_id_for(s, lower, &id, e)) < 0)
		goto out;
	if (found == 0 && !create_unknown) {
		rc = REVENUE_UNKNOWN;
		goto out;
	}
	if (found == 0 && new_customer(s, lower, date, &id, e) < 0)
		goto out;
	if (reference == NULL || *reference == '\0') {
		row_key(lower, amount, date, key);
		reference = key;
	}
	if ((st = store_stmt(s, SQL_REVENUE_ADD, e)) == NULL)
		goto out;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, (int64_t)amount);
	db_bind_int64(st, 3, (int64_t)date);
	BIND_TEXT(st, 4, reference);
	if (store_run(s, st, e) < 0)
		goto out;
	rc = db_changes(s->db) > 0 ? REVENUE_RECORDED : REVENUE_DUPLICATE;
out:
	free(lower);
	if (store_tx_leave(s, rc >= 0, e) < 0)
		return -1;
	return rc;
}

/* assess_id - one verdict for customer id (inside a transaction) */
static int
assess_id(struct store *s, int64_t id, const char *key,
    enum verdict v, enum assess_source src, struct err *e)
{
	struct db_stmt *st;

	if (v == VERDICT_UNKNOWN) {
		if ((st = store_stmt(s, SQL_UNASSESS, e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		BIND_TEXT(st, 2, key);
		BIND_TEXT(st, 3, source_name(src));
		return store_run(s, st, e);
	}
	if ((st = store_stmt(s, SQL_ASSESS, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, key);
	BIND_TEXT(st, 3, verdict_name(v));
	BIND_TEXT(st, 4, source_name(src));
	db_bind_int64(st, 5, (int64_t)(s->event_at ? s->event_at :
	    time(NULL)));
	return store_run(s, st, e);
}

int
store_assess(struct store *s, const char *email, const char *key,
    enum verdict v, enum assess_source source, struct err *e)
{
	int64_t id;
	int rc;

	if (email == NULL || key == NULL)
		return err_set(e, "store: assess needs an address and a key");
	if (store_tx_enter(s, e) < 0)
		return -1;
	if ((rc = store_id_for(s, email, &id, e)) == 1)
		rc = assess_id(s, id, key, v, source, e) < 0 ? -1 : 1;
	if (store_tx_leave(s, rc >= 0, e) < 0)
		return -1;
	return rc;
}

/* add_evidence - "rude in 2 messages" onto the value's evidence */
static void
add_evidence(struct value_check *v, const char *tag, int count, bool manual)
{
	size_t used = strlen(v->evidence);
	char *p = v->evidence + used;
	size_t left = sizeof(v->evidence) - used;

	if (used > 0 && left > 2) {
		memcpy(p, ", ", 3);
		p += 2;
		left -= 2;
	}
	if (count > 0)
		snprintf(p, left, "%s in %d message%s", tag, count,
		    count == 1 ? "" : "s");
	else if (manual)
		snprintf(p, left, "%s (tagged by hand)", tag);
}

/* verdict_row - one verdict (columns from..from+2: key, verdict, source) */
static void
verdict_row(struct db_stmt *st, int from, const struct valueset *vs,
    struct alignment *a)
{
	const char *key = db_column_text(st, from);
	const char *verdict = db_column_text(st, from + 1);
	const char *src = db_column_text(st, from + 2);
	int i = key ? valueset_find(vs, key) : -1;
	int v = verdict ? verdict_parse(verdict) : -1;

	if (i < 0 || v < 0 || src == NULL)
		return;		/* a value no longer in the set */
	if (strcmp(src, "self") == 0)
		a->v[i].self = (enum verdict)v;
	else
		a->v[i].owner = (enum verdict)v;
}

/* against_row - one tag (columns from..from+2: tag, count, manual) */
static void
against_row(struct db_stmt *st, int from, const struct valueset *vs,
    const struct rules *r, struct alignment *a)
{
	const char *tag = db_column_text(st, from);
	int count = (int)db_column_int64(st, from + 1);
	bool manual = (int)db_column_int64(st, from + 2) != 0;
	const char *const *keys;

	if (tag == NULL || (count <= 0 && !manual))
		return;
	keys = rules_values_against(r, tag);
	for (size_t k = 0; keys != NULL && keys[k] != NULL; k++) {
		int i = valueset_find(vs, keys[k]);

		if (i < 0)
			continue;
		a->v[i].against += count > 0 ? count : 1;
		add_evidence(&a->v[i], tag, count, manual);
	}
}

/* read_verdicts - the owner's and the customer's verdicts into a */
static int
read_verdicts(struct store *s, int64_t id, const struct valueset *vs,
    struct alignment *a, struct err *e)
{
	struct db_stmt *st = store_stmt_id(s, SQL_VERDICTS, id, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		verdict_row(st, 0, vs, a);
	return store_rows_end(s, st, rc, "alignment", e);
}

/* read_against - tags of the customer that count against a value */
static int
read_against(struct store *s, int64_t id, const struct valueset *vs,
    const struct rules *r, struct alignment *a, struct err *e)
{
	struct db_stmt *st;
	int rc;

	if (r == NULL)
		return 0;
	if ((st = store_stmt_id(s, SQL_TAGS_BY_NAME, id, e)) == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		against_row(st, 0, vs, r, a);
	return store_rows_end(s, st, rc, "alignment", e);
}

/* alignment_start - a blank checklist of vs's values */
static void
alignment_start(struct alignment *a, const struct valueset *vs)
{
	memset(a, 0, sizeof(*a));
	a->n = vs->n < VALUESET_MAX ? vs->n : VALUESET_MAX;
	for (size_t i = 0; i < a->n; i++)
		a->v[i].key = vs->v[i].key;
}

/* alignment_of - the fit of customer id with vs */
static int
alignment_of(struct store *s, int64_t id, const struct valueset *vs,
    const struct rules *r, struct alignment *a, struct err *e)
{
	alignment_start(a, vs);
	if (read_verdicts(s, id, vs, a, e) < 0 ||
	    read_against(s, id, vs, r, a, e) < 0)
		return -1;
	alignment_tally(a);
	return 0;
}

int
store_alignment(struct store *s, const char *email,
    const struct valueset *vs, const struct rules *r, struct alignment *out,
    struct err *e)
{
	int64_t id;
	int rc;

	memset(out, 0, sizeof(*out));
	if (vs == NULL)
		return err_set(e, "store: no value set");
	if ((rc = store_id_for(s, email, &id, e)) <= 0)
		return rc;
	return alignment_of(s, id, vs, r, out, e) < 0 ? -1 : 1;
}

/* One good customer read out of the store, before ranking. */
struct candidate {
	int64_t id;
	char *email;
	char *name;
	char *category;
	char *misfits;
};

static void
candidates_free(struct candidate *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].email);
		free(c[i].name);
		free(c[i].category);
		free(c[i].misfits);
	}
	free(c);
}

/* misfits_of - keys that do not fit, joined by ", "; NULL when none */
static char *
misfits_of(const struct alignment *a)
{
	struct buf b;

	if (a->misfit == 0)
		return NULL;
	buf_init(&b, 4096);
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].overall == VERDICT_NO &&
		    ((b.len && buf_puts(&b, ", ") < 0) ||
		    buf_puts(&b, a->v[i].key) < 0))
			break;
	return buf_steal(&b);
}

/* Limits above this are read in full rather than pruned (ideal_top's size). */
#define IDEAL_PRUNE_MAX 10000

/* The candidates read so far, with what ideal_rank needs of each. */
struct pool {
	struct candidate *c;
	struct ideal_input *in;
	size_t n, cap;
	struct alignment a;	/* scratch for alignment_of */
};

static void
pool_free(struct pool *p)
{
	candidates_free(p->c, p->n);
	free(p->in);
}

/* pool_fit - candidate i takes the fit in p->a */
static void
pool_fit(struct pool *p, size_t i)
{
	p->in[i].fit = p->a.fit;
	p->in[i].misfit = p->a.misfit;
	p->in[i].nvalues = (int)p->a.n;
	p->in[i].misfits = p->c[i].misfits = misfits_of(&p->a);
}

/* pool_add - the row under st as a candidate, aligned with vs if given */
static int
pool_add(struct store *s, struct pool *p, struct db_stmt *st,
    const struct valueset *vs, const struct rules *r, struct err *e)
{
	struct candidate *c;
	struct ideal_input *in;

	if (p->n == p->cap) {
		size_t ncap = p->cap ? p->cap * 2 : 32;
		struct candidate *nc = realloc(p->c, ncap * sizeof(*nc));
		struct ideal_input *ni;

		if (nc == NULL)
			return err_set(e, "store: out of memory");
		p->c = nc;
		if ((ni = realloc(p->in, ncap * sizeof(*ni))) == NULL)
			return err_set(e, "store: out of memory");
		p->in = ni;
		p->cap = ncap;
	}
	c = &p->c[p->n];
	in = &p->in[p->n];
	memset(c, 0, sizeof(*c));
	memset(in, 0, sizeof(*in));
	p->n++;
	c->id = db_column_int64(st, 0);
	c->email = xstrdup(db_column_text(st, 1));
	c->name = xstrdup(db_column_text(st, 2));
	c->category = xstrdup(db_column_text(st, 3));
	if (c->email == NULL || c->category == NULL ||
	    (db_column_type(st, 2) != DB_NULL && c->name == NULL))
		return err_set(e, "store: out of memory");
	in->email = c->email;
	in->name = c->name;
	in->category = c->category;
	in->has_revenue = db_column_type(st, 4) != DB_NULL;
	in->revenue = db_column_int64(st, 4);
	in->referrals = (int)db_column_int64(st, 5);
	if (vs == NULL || vs->n == 0)
		return 0;
	if (alignment_of(s, c->id, vs, r, &p->a, e) < 0)
		return -1;
	pool_fit(p, p->n - 1);
	return 0;
}

/*
 * align_pool - every candidate's fit with vs, from two statements over
 * all the good customers, merged by id with the pool (which must be in
 * ascending id order, as SQL_GOOD reads it).  Rows of customers not in
 * the pool (one who became good after it was read) are passed over.
 */
static int
align_pool(struct store *s, struct pool *p, const struct valueset *vs,
    const struct rules *r, struct err *e)
{
	struct db_stmt *vst, *tst = NULL;
	int vrc, trc = DB_DONE, rc = 0;

	if ((vst = store_stmt(s, SQL_GOOD_VERDICTS, e)) == NULL)
		return -1;
	if (r != NULL && (tst = store_stmt(s, SQL_GOOD_TAGS, e)) == NULL) {
		db_reset(vst);
		return -1;
	}
	vrc = db_step(vst);
	if (tst != NULL)
		trc = db_step(tst);
	for (size_t i = 0; i < p->n; i++) {
		int64_t id = p->c[i].id;

		assert(i == 0 || p->c[i - 1].id < id);
		alignment_start(&p->a, vs);
		for (; vrc == DB_ROW && db_column_int64(vst, 0) <= id;
		    vrc = db_step(vst))
			if (db_column_int64(vst, 0) == id)
				verdict_row(vst, 1, vs, &p->a);
		for (; trc == DB_ROW && db_column_int64(tst, 0) <= id;
		    trc = db_step(tst))
			if (db_column_int64(tst, 0) == id)
				against_row(tst, 1, vs, r, &p->a);
		alignment_tally(&p->a);
		pool_fit(p, i);
	}
	if ((vrc != DB_ROW && vrc != DB_DONE) ||
	    (trc != DB_ROW && trc != DB_DONE))
		rc = store_dberr(s, e, "alignment");
	db_reset(vst);
	if (tst != NULL)
		db_reset(tst);
	return rc;
}

/*
 * id_cmp, has_id - the ids of the first part, sorted, so the later parts
 * skip them.
 */
static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a;
	int64_t y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static bool
has_id(const int64_t *ids, size_t n, int64_t id)
{
	return n > 0 && bsearch(&id, ids, n, sizeof(*ids), id_cmp) != NULL;
}

/*
 * read_part - run st, adding each candidate not in ids[0..nids).  With top,
 * stop before a row once nothing from there on can enter it: the rows come
 * by referrals made (descending) then email, and none of them has revenue
 * in the window or a favourable verdict, so each scores at most what its
 * referrals give.  *closed says whether it stopped so.
 */
static int
read_part(struct store *s, struct db_stmt *st, const int64_t *ids,
    size_t nids, struct pool *p, struct ideal_top *top,
    long long max_revenue, const struct valueset *vs, const struct rules *r,
    bool *closed, struct err *e)
{
	int rc;

	*closed = false;
	while ((rc = db_step(st)) == DB_ROW) {
		if (has_id(ids, nids, db_column_int64(st, 0)))
			continue;
		if (top != NULL) {
			struct ideal_input bound = { 0 };
			struct ideal rest = { 0 };

			bound.email = rest.email =
			    (char *)db_column_text(st, 1);
			bound.category = "good";
			bound.referrals = rest.referrals =
			    (int)db_column_int64(st, 5);
			bound.nvalues = vs != NULL ? (int)vs->n : 0;
			rest.score = ideal_score(&bound, max_revenue);
			if (rest.email != NULL && ideal_top_closed(top, &rest)) {
				*closed = true;
				break;
			}
		}
		if (pool_add(s, p, st, vs, r, e) < 0) {
			db_reset(st);
			return -1;
		}
		if (top != NULL)
			ideal_top_offer(top, &p->in[p->n - 1], max_revenue);
	}
	db_reset(st);
	if (!*closed && rc != DB_DONE)
		return store_dberr(s, e, "ideal");
	return 0;
}

/* read_pruned - the part of the good customers that can make the top limit */
static int
read_pruned(struct store *s, time_t since, size_t limit,
    const struct valueset *vs, const struct rules *r, struct pool *p,
    struct err *e)
{
	const char *const later[] = { STORE_SQL(s, SQL_GOOD_REFERRERS),
	    SQL_GOOD_OTHERS };
	struct ideal_top top;
	int64_t *ids = NULL;
	struct db_stmt *st;
	long long max_revenue;
	bool closed = false;
	int rc = -1;

	if ((st = store_stmt(s, SQL_GOOD_NOTED, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, (int64_t)since);
	if (read_part(s, st, NULL, 0, p, NULL, 0, vs, r, &closed, e) < 0)
		return -1;
	if (ideal_top_init(&top, limit, e) < 0)
		return -1;
	if (p->n > 0 && (ids = malloc(p->n * sizeof(*ids))) == NULL) {
		err_set(e, "store: out of memory");
		goto out;
	}
	/* SQL_GOOD_NOTED hands them out by id: ready for has_id's bsearch */
	for (size_t i = 0; i < p->n; i++)
		ids[i] = p->c[i].id;
	/* every payment in the window belongs to one of these */
	max_revenue = ideal_max_revenue(p->in, p->n);
	for (size_t i = 0; i < p->n; i++)
		ideal_top_offer(&top, &p->in[i], max_revenue);
	rc = 0;
	for (size_t i = 0, nids = p->n; i < 2 && !closed && rc == 0; i++) {
		if ((st = store_stmt(s, later[i], e)) == NULL)
			rc = -1;
		else
			rc = read_part(s, st, ids, nids, p, &top, max_revenue,
			    vs, r, &closed, e);
	}
out:
	free(ids);
	ideal_top_free(&top);
	return rc;
}

int
store_ideal(struct store *s, time_t since, const struct valueset *vs,
    const struct rules *r, size_t limit, struct ideal_list *out,
    struct err *e)
{
	struct pool *p;
	struct db_stmt *st;
	bool closed;
	int rc = -1;

	out->v = NULL;
	out->n = 0;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return err_set(e, "store: out of memory");
	/* a limit beyond any screen is as good as none: read them all */
	if (limit == 0 || limit > IDEAL_PRUNE_MAX) {
		if ((st = store_stmt(s, SQL_GOOD, e)) == NULL)
			goto out;
		db_bind_int64(st, 1, (int64_t)since);
		/* all of them: their fit afterwards, in two statements */
		if (read_part(s, st, NULL, 0, p, NULL, 0, NULL, r, &closed,
		    e) < 0 || (vs != NULL && vs->n > 0 &&
		    align_pool(s, p, vs, r, e) < 0))
			goto out;
	} else if (read_pruned(s, since, limit, vs, r, p, e) < 0) {
		goto out;
	}
	rc = ideal_rank(p->in, p->n, limit, out, e);
out:
	pool_free(p);
	free(p);
	return rc;
}

int
store_self_assess(struct store *s, const char *email,
    const struct valueset *vs, const struct value_reply *r, struct err *e)
{
	int64_t id;
	struct db_stmt *st;
	int rc;

	if (store_tx_enter(s, e) < 0)
		return -1;
	if ((rc = store_id_for(s, email, &id, e)) <= 0)
		goto out;
	rc = -1;
	if ((st = store_stmt_id(s, SQL_FORGET_SELF, id, e)) == NULL)
		goto out;
	if (store_run(s, st, e) < 0)
		goto out;
	for (size_t i = 0; i < vs->n && i < VALUESET_MAX; i++)
		if (r->v[i] != VERDICT_UNKNOWN &&
		    assess_id(s, id, vs->v[i].key, r->v[i], ASSESS_SELF, e) < 0)
			goto out;
	rc = 1;
out:
	if (store_tx_leave(s, rc >= 0, e) < 0)
		return -1;
	return rc;
}
