/*
 * store_derive - who a customer is, and what follows from their records:
 * the helpers store_apply and the owner's edits share.
 *
 * What it is for: finding a customer by address (store_id_for) and their
 * referrer, remembering whom a change touched (store_touch), logging the
 * digest's events, keeping the 'referrer'/'referred' tags in step with the
 * referrals table, and recomputing a customer's category, score and
 * reasons from their tags and referrals (store_recompute).
 *
 * What it owns: the derived state: automatic tag counts that follow the
 * referrals, the computed category and its reasons, the events log; and
 * the key a pending name waits under (store_norm_name).
 *
 * What it never does: record a message or a referral (store_apply.c and
 * store_pending.c do), or touch a category the owner set by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "classify/category.h"
#include "mail/name_key.h"
#include "store_int.h"

static const char SQL_ID_FOR[] =
    "SELECT customer_id FROM addresses WHERE email = ?1";
/* store_ensure_customer's: whether the owner of the address is a customer
 * comes with it, so that a customer's mail asks nothing more */
static const char SQL_ID_CUSTOMER_FOR[] =
    "SELECT a.customer_id, coalesce(c.customer, 0) FROM addresses a"
    " LEFT JOIN customers c ON c.id = a.customer_id WHERE a.email = ?1";
static const char SQL_REFERRER_OF[] =
    "SELECT referrer_id FROM referrals WHERE referred_id = ?1";
static const char SQL_COUNT_MADE[] =
    "SELECT count(*) FROM referrals WHERE referrer_id = ?1";
static const char SQL_SET_TAG_COUNT[] =
    "INSERT INTO tags(customer_id, tag, count, manual) VALUES (?1, ?2, ?3, 0)"
    " ON CONFLICT(customer_id, tag) DO UPDATE SET count = excluded.count";
static const char SQL_DROP_AUTO_TAG[] =
    "DELETE FROM tags WHERE customer_id = ?1 AND tag = ?2 AND manual = 0";
static const char SQL_ZERO_TAG[] =
    "UPDATE tags SET count = 0 WHERE customer_id = ?1 AND tag = ?2";
/*
 * the row and its tags in one statement (one row per tag, or one with no
 * tag), with the referrals that count: only those between customers
 */
static const char SQL_STATE[] =
    "SELECT c.category, c.category_manual, c.messages,"
    " (SELECT count(*) FROM referrals r"
    "  JOIN customers x ON x.id = r.referred_id"
    "  JOIN customers y ON y.id = r.referrer_id"
    "  WHERE r.referrer_id = ?1 AND x.customer = 1 AND y.customer = 1),"
    " t.tag, t.count, t.manual"
    " FROM customers c LEFT JOIN tags t ON t.customer_id = c.id"
    " WHERE c.id = ?1 ORDER BY t.tag";
static const char SQL_SET_CATEGORY[] =
    "UPDATE customers SET category = ?2, score = ?3, reasons = ?4"
    " WHERE id = ?1";

/* store_problem_tag - the tags `problems` lists */
bool
store_problem_tag(const char *tag)
{
	return tag != NULL && (strcmp(tag, "rude") == 0 ||
	    strcmp(tag, "complaint") == 0 || strcmp(tag, "haggler") == 0 ||
	    strcmp(tag, "slow-payer") == 0);
}

/*
 * store_norm_name - the key a pending name waits under: name_key's
 * "first last" for a full name ("Reyes, Dana M." -> "dana reyes"), else
 * the name in lower case with single spaces ("dana"), which no sender's
 * key ever equals.  Caller frees.
 */
char *
store_norm_name(const char *name)
{
	char key[NAME_KEY_MAX];

	if (name_key(name, key, sizeof(key)))
		return xstrdup(key);
	return store_legacy_norm(name);
}

/* store_legacy_norm - "  Dana   REYES " -> "dana reyes": keys of older stores */
char *
store_legacy_norm(const char *name)
{
	char *out = malloc(strlen(name) + 1), *o = out;
	bool space = false;

	if (out == NULL)
		return NULL;
	for (const char *p = name; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (char)c;
	}
	*o = '\0';
	return out;
}

/* store_id_for - customer owning email (the index is case-insensitive) */
int
store_id_for(struct store *s, const char *email, int64_t *id,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_ID_FOR, e);

	if (st == NULL)
		return -1;
	if (store_bind_lower(st, 1, email) < 0) {
		db_reset(st);
		return err_set(e, "store: out of memory");
	}
	return store_int_row(s, st, id, e);
}

int
store_referrer_of(struct store *s, int64_t id, int64_t *out,
    struct err *e)
{
	return store_int_of(s, SQL_REFERRER_OF, id, out, e);
}

/* store_email_of - primary address of id; caller frees; NULL if none or error */
char *
store_email_of(struct store *s, int64_t id, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_EMAIL_OF, e);
	char *v = NULL;

	if (st == NULL)
		return NULL;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW)
		v = xstrdup(db_column_text(st, 0));
	db_reset(st);
	return v;
}

int
store_touch(struct store *s, int64_t id, struct err *e)
{
	int64_t *nv;

	for (size_t i = 0; i < s->ntouched; i++)
		if (s->touched[i] == id)
			return 0;
	nv = mem_grow(s->touched, s->ntouched, &s->touched_cap, sizeof(*nv), 16);
	if (nv == NULL)
		return err_set(e, "store: out of memory");
	s->touched = nv;
	s->touched[s->ntouched++] = id;
	return 0;
}

/* produced - note in the message's history what it produced ("praise", ...) */
void
store_produced(struct store *s, const char *what)
{
	if (s->produced != NULL && what != NULL)
		buf_printf(s->produced, "%s%s", s->produced->len ? " " : "",
		    what);
}

int
store_event(struct store *s, time_t at, const char *kind, int64_t id,
    int64_t other_id, const char *detail, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_ADD_EVENT, e);

	if (s->event_arrived != 0)
		at = s->event_arrived;
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, (int64_t)at);
	BIND_BORROWED(st, 2, kind);
	db_bind_int64(st, 3, id);
	if (other_id != 0)
		db_bind_int64(st, 4, other_id);
	BIND_BORROWED(st, 5, detail);
	return store_run(s, st, e);
}

/* set_tag_count - an automatic tag at n, or gone (a manual one stays at 0) */
static int
set_tag_count(struct store *s, int64_t id, const char *tag,
    int64_t n, struct err *e)
{
	struct db_stmt *st;

	if (n > 0) {
		if ((st = store_stmt(s, SQL_SET_TAG_COUNT, e)) == NULL)
			return -1;
		db_bind_int64(st, 3, n);
	} else {
		if ((st = store_stmt(s, SQL_DROP_AUTO_TAG, e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		BIND_BORROWED(st, 2, tag);
		if (store_run(s, st, e) < 0 ||
		    (st = store_stmt(s, SQL_ZERO_TAG, e)) == NULL)
			return -1;
	}
	db_bind_int64(st, 1, id);
	BIND_BORROWED(st, 2, tag);
	return store_run(s, st, e);
}

/* store_sync_ref_tags - 'referrer' counts people referred, 'referred' is 1 or gone */
int
store_sync_ref_tags(struct store *s, int64_t id, struct err *e)
{
	int64_t made = 0, by = 0;
	int rc;

	if (store_int_of(s, SQL_COUNT_MADE, id, &made, e) < 0 ||
	    (rc = store_referrer_of(s, id, &by, e)) < 0)
		return -1;
	if (set_tag_count(s, id, "referrer", made, e) < 0 ||
	    set_tag_count(s, id, "referred", rc, e) < 0)
		return -1;
	return 0;
}

/* join_reasons - reasons one a line; caller frees */
static char *
join_reasons(const struct strvec *r)
{
	struct buf b;

	buf_init(&b, 64 * 1024);
	for (size_t i = 0; i < r->n; i++)
		if (buf_printf(&b, "%s%s", i ? "\n" : "", r->v[i]) < 0)
			break;
	return buf_steal(&b);
}

/* add_tag - one tag row of SQL_STATE (columns 4-6) onto names/counts */
static int
add_tag(struct db_stmt *st, struct strvec *names, int **counts, size_t *cap)
{
	int n = (int)db_column_int64(st, 5), *nc;

	if (db_column_text(st, 4) == NULL)
		return 0;		/* no tags at all */
	if ((int)db_column_int64(st, 6) && n < 1)
		n = 1;		/* set by hand: counts once */
	if ((nc = mem_grow(*counts, names->n, cap, sizeof(*nc), 8)) == NULL)
		return -1;
	*counts = nc;
	if (strvec_push(names, db_column_text(st, 4)) < 0)
		return -1;
	(*counts)[names->n - 1] = n;
	return 0;
}

/* store_recompute - category (unless set by hand), score and reasons of id */
int
store_recompute(struct store *s, int64_t id, struct err *e)
{
	struct category_tagcount *tc = NULL;
	struct category_input in = { 0 };
	struct strvec names, reasons;
	struct db_stmt *st;
	char old[8] = "", *text = NULL;
	const char *cat;
	int *counts = NULL, manual = 0, rc = -1, step;
	size_t cap = 0;

	strvec_init(&names);
	strvec_init(&reasons);
	if ((st = store_stmt_id(s, SQL_STATE, id, e)) == NULL)
		return -1;
	if ((step = db_step(st)) != DB_ROW) {
		db_reset(st);
		if (step != DB_DONE)
			return store_dberr(s, e, "read customer");
		return 0;		/* gone (merged or forgotten) */
	}
	if (db_column_text(st, 0) != NULL)
		snprintf(old, sizeof(old), "%s", db_column_text(st, 0));
	manual = (int)db_column_int64(st, 1);
	in.messages = (int)db_column_int64(st, 2);
	/* only referrals between customers make anyone good */
	in.referrals = (int)db_column_int64(st, 3);
	do {
		if (add_tag(st, &names, &counts, &cap) < 0) {
			db_reset(st);
			err_set(e, "store: out of memory");
			goto out;
		}
	} while ((step = db_step(st)) == DB_ROW);
	if (store_rows_end(s, st, step, "read tags", e) < 0)
		goto out;
	if (names.n > 0 && (tc = calloc(names.n, sizeof(*tc))) == NULL) {
		err_set(e, "store: out of memory");
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		tc[i].tag = names.v[i];
		tc[i].count = counts[i];
	}
	in.tags = tc;
	in.ntags = names.n;
	if (manual) {
		struct strvec auto_r;

		strvec_init(&auto_r);
		cat = category_compute(&in, &s->weights, &auto_r);
		strvec_free(&auto_r);
		strvec_push(&reasons, "set by the owner");
		{
			char line[64];

			snprintf(line, sizeof(line), "the signals alone say %s",
			    cat);
			strvec_push(&reasons, line);
		}
		cat = old;
	} else {
		cat = category_compute(&in, &s->weights, &reasons);
	}
	text = join_reasons(&reasons);
	if ((st = store_stmt(s, SQL_SET_CATEGORY, e)) == NULL)
		goto out;
	db_bind_int64(st, 1, id);
	BIND_BORROWED(st, 2, cat);
	db_bind_int64(st, 3, category_score(&in, &s->weights));
	BIND_BORROWED(st, 4, text);
	if (store_run(s, st, e) < 0)
		goto out;
	rc = 0;
	if (!manual && strcmp(old, cat) != 0) {
		struct buf b;

		buf_init(&b, 4096);
		buf_printf(&b, "%s -> %s: %s", old, cat, text);
		for (char *p = b.data; p != NULL && *p != '\0'; p++)
			if (*p == '\n')
				*p = ';';
		rc = store_event(s, s->event_at ? s->event_at : time(NULL),
		    "category", id, 0,
		    buf_cstr(&b), e);
		buf_free(&b);
	}
out:
	free(text);
	free(tc);
	free(counts);
	strvec_free(&names);
	strvec_free(&reasons);
	return rc;
}

int
store_recompute_touched(struct store *s, struct err *e)
{
	int rc = 0;

	for (size_t i = 0; i < s->ntouched && rc == 0; i++)
		rc = store_recompute(s, s->touched[i], e);
	s->ntouched = 0;
	return rc;
}

static const char SQL_NEW_CUSTOMER[] =
    "INSERT INTO customers(email, name, first_seen, last_seen, customer)"
    " VALUES (?1, ?2, ?3, ?3, ?4) RETURNING id";

/* store_policy_incoming - every personal sender is a customer at once */
bool
store_policy_incoming(const struct store *s)
{
	return s->cfg != NULL && s->cfg->customer_policy == POLICY_INCOMING;
}

/* id_customer_for - id of lower's owner and whether a customer: 1, 0 or -1 */
static int
id_customer_for(struct store *s, const char *lower, int64_t *id,
    bool *customer, struct err *e)
{
	struct db_stmt *st;
	int rc;

	/* store_apply looked the first person up already (store_int.h) */
	if (s->probe.valid && strcmp(s->probe.email, lower) == 0) {
		s->probe.valid = false;
		*id = s->probe.id;
		*customer = s->probe.customer;
		return *id != 0;
	}
	if ((st = store_stmt(s, SQL_ID_CUSTOMER_FOR, e)) == NULL)
		return -1;
	BIND_BORROWED(st, 1, lower);
	if ((rc = db_step(st)) == DB_ROW) {
		*id = db_column_int64(st, 0);
		*customer = db_column_int64(st, 1) != 0;
	}
	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE)
		return rc == DB_ROW;
	return store_dberr(s, e, "query");
}

/* store_ensure_customer - id for email, creating a bare contact if unknown */
int
store_ensure_customer(struct store *s, const char *email, const char *name,
    time_t at, bool customer, int64_t *id, bool *created, bool *is_customer,
    struct err *e)
{
	char *lower = str_lower(email);
	struct db_stmt *st;
	bool is = false;
	int rc = -1;

	*created = false;
	if (lower == NULL)
		return err_set(e, "store: out of memory");
	if ((rc = id_customer_for(s, lower, id, &is, e)) != 0)
		goto out;	/* found, or error */
	rc = -1;
	if ((st = store_stmt(s, SQL_NEW_CUSTOMER, e)) == NULL)
		goto out;
	BIND_BORROWED(st, 1, lower);
	if (name != NULL && *name != '\0')
		BIND_BORROWED(st, 2, name);
	db_bind_int64(st, 3, (int64_t)at);
	db_bind_int64(st, 4, customer ? 1 : 0);
	if (store_insert_id(s, st, id, e) < 0)
		goto out;
	if ((st = store_stmt(s, SQL_ADD_ADDRESS, e)) == NULL)
		goto out;
	BIND_BORROWED(st, 1, lower);
	db_bind_int64(st, 2, *id);
	if (store_run(s, st, e) < 0)
		goto out;
	*created = true;
	is = customer;
	rc = 0;
out:
	free(lower);
	if (is_customer != NULL)
		*is_customer = is;
	return rc < 0 ? -1 : store_touch(s, *id, e);
}
