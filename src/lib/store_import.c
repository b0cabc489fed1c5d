/*
 * store_import - read `clientele export --format json` back into a store.
 *
 * What it is for: moving a store to another machine or rebuilding it, so
 * that exporting the imported store gives the same file again.
 *
 * What it never does: mix with existing data (the store must hold no
 * customers) or leave half an import behind: everything is one
 * transaction, rolled back on the first bad record, whose place the error
 * names ("customers[12].tags[0]: ...").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientele/category.h"
#include "clientele/json.h"
#include "clientele/store_digest.h"
#include "store_int.h"

static const char SQL_I_COUNT[] = "SELECT count(*) FROM customers";
static const char SQL_I_CUSTOMER[] =
    "INSERT INTO customers (email, name, category, category_manual, messages,"
    " first_seen, last_seen, code, customer, unverified, enquiry_subject,"
    " enquiry_at, answered_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_I_ADDRESS[] =
    "INSERT INTO addresses (email, customer_id) VALUES (?1, ?2)";
static const char SQL_I_TAG[] =
    "INSERT INTO tags (customer_id, tag, count, manual) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_I_EVIDENCE[] =
    "INSERT INTO evidence (customer_id, kind, label, text, how, message_key, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_I_REFERRAL[] =
    "INSERT INTO referrals (referred_id, referrer_id, how, evidence,"
    " message_key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_I_REVENUE[] =
    "INSERT INTO revenue (customer_id, amount_minor, currency, at, reference)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_I_ASSESS[] =
    "INSERT INTO assessments (customer_id, value_key, verdict, source, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_I_PENDING[] =
    "INSERT INTO pending (name_norm, name, referred_id, evidence, message_key,"
    " at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_I_MESSAGE[] =
    "INSERT INTO messages (key, customer_id, kind, date, seen_at, subject,"
    " arrived, facts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_I_MANUAL[] =
    "UPDATE customers SET referral_manual = 1 WHERE id = ?1";
static const char SQL_I_NOTE[] =
    "INSERT INTO notes (customer_id, text, at) VALUES (?1, ?2, ?3)";
static const char SQL_I_NO_EVENTS[] = "DELETE FROM events";
static const char SQL_I_EVENT[] =
    "INSERT INTO events (at, kind, customer_id, other_id, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_I_IGNORE[] =
    "INSERT INTO ignores (pattern, reason, at) VALUES (lower(?1), ?2, ?3)";
static const char SQL_I_TOMBSTONE[] =
    "INSERT INTO tombstones (hash, at) VALUES (?1, ?2)";
static const char SQL_I_SALT[] = "UPDATE tombstone_salt SET value = ?1";
static const char SQL_I_IDS[] = "SELECT id FROM customers";

/* rfc3339_parse - "YYYY-MM-DDTHH:MM:SSZ" as clientele writes it */
static int
rfc3339_parse(const char *s, time_t *out)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if (s == NULL || strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return -1;
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	*out = timegm(&tm);
	return 0;
}

struct imp {
	struct store *s;
	struct err *e;
	char where[96];
};

static int
bad(struct imp *im, const char *what)
{
	return err_set(im->e, "%s: %s", im->where, what);
}

/* bind_text_member - bind j[key] (string or null) at i; -1 if of another type */
static int
bind_text(sqlite3_stmt *st, int i, const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	if (v == NULL || v->type == JSON_NULL)
		return sqlite3_bind_null(st, i) == SQLITE_OK ? 0 : -1;
	if (v->type != JSON_STRING)
		return -1;
	return sqlite3_bind_text(st, i, v->s, -1, SQLITE_TRANSIENT) == SQLITE_OK ?
	    0 : -1;
}

static int
bind_time(sqlite3_stmt *st, int i, const struct json *j, const char *key)
{
	time_t t;

	if (rfc3339_parse(json_str(j, key), &t) < 0)
		return -1;
	sqlite3_bind_int64(st, i, (sqlite3_int64)t);
	return 0;
}

/* bind_int_or_null - j[key] (integer or null/absent) at i */
static int
bind_int_or_null(sqlite3_stmt *st, int i, const struct json *j,
    const char *key)
{
	const struct json *v = json_get(j, key);

	if (v == NULL || v->type == JSON_NULL)
		return sqlite3_bind_null(st, i) == SQLITE_OK ? 0 : -1;
	if (v->type != JSON_INT)
		return -1;
	sqlite3_bind_int64(st, i, v->i);
	return 0;
}

static const struct json *
array_of(const struct json *j, const char *key)
{
	const struct json *a = json_get(j, key);

	return a && a->type == JSON_ARRAY ? a : NULL;
}

/* insert_rows - one INSERT per item of j[key]; binder fills the statement */
static int
insert_rows(struct imp *im, const struct json *c, size_t ci, const char *key,
    const char *sql, sqlite3_int64 id,
    int (*binder)(sqlite3_stmt *, const struct json *))
{
	const struct json *a = array_of(c, key);

	if (a == NULL)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		sqlite3_stmt *st = store_stmt(im->s, sql, im->e);

		snprintf(im->where, sizeof(im->where), "customers[%zu].%s[%zu]",
		    ci, key, i);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (a->items[i]->type != JSON_OBJECT || binder(st, a->items[i]) < 0) {
			sqlite3_reset(st);
			return bad(im, "a member is missing or of the wrong type");
		}
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return 0;
}

static int
bind_tag(sqlite3_stmt *st, const struct json *j)
{
	const struct json *m = json_get(j, "manual");

	sqlite3_bind_int64(st, 3, json_int(j, "count", 0));
	sqlite3_bind_int(st, 4, m && m->type == JSON_BOOL && m->b);
	return json_str(j, "tag") ? bind_text(st, 2, j, "tag") : -1;
}

static int
bind_evidence(sqlite3_stmt *st, const struct json *j)
{
	return json_str(j, "kind") == NULL || bind_text(st, 2, j, "kind") ||
	    bind_text(st, 3, j, "label") || bind_text(st, 4, j, "text") ||
	    bind_text(st, 5, j, "how") || bind_text(st, 6, j, "message_key") ||
	    bind_time(st, 7, j, "at") ? -1 : 0;
}

static int
bind_revenue(sqlite3_stmt *st, const struct json *j)
{
	const struct json *a = json_get(j, "amount_minor");

	if (a == NULL || a->type != JSON_INT)
		return -1;
	sqlite3_bind_int64(st, 2, a->i);
	return bind_text(st, 3, j, "currency") || bind_time(st, 4, j, "at") ||
	    bind_text(st, 5, j, "reference") ? -1 : 0;
}

static int
bind_assessment(sqlite3_stmt *st, const struct json *j)
{
	return json_str(j, "value_key") == NULL || json_str(j, "verdict") == NULL ||
	    json_str(j, "source") == NULL || bind_text(st, 2, j, "value_key") ||
	    bind_text(st, 3, j, "verdict") || bind_text(st, 4, j, "source") ||
	    bind_time(st, 5, j, "at") ? -1 : 0;
}

static int
bind_pending(sqlite3_stmt *st, const struct json *j)
{
	const char *name = json_str(j, "name");
	char *norm;

	if (name == NULL || (norm = store_norm_name(name)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, norm, -1, free);
	return bind_text(st, 2, j, "name") || bind_text(st, 4, j, "evidence") ||
	    bind_text(st, 5, j, "message_key") || bind_time(st, 6, j, "at") ? -1 : 0;
}

/*
 * relation - the relationship members (absent in older exports: a
 * customer, as the store made everyone then) bound as ?9 to ?13; -1 when
 * one is present but malformed.
 */
static int
relation(sqlite3_stmt *st, const struct json *c)
{
	const char *status = json_str(c, "status");
	const struct json *v;
	long long unverified = json_int(c, "unverified", 0);
	time_t t;

	if (json_get(c, "status") != NULL && (status == NULL ||
	    (strcmp(status, "customer") != 0 && strcmp(status, "prospect") != 0)))
		return -1;
	if (unverified < 0 || unverified > INT32_MAX)
		return -1;
	sqlite3_bind_int(st, 9, status == NULL || strcmp(status, "customer") == 0);
	sqlite3_bind_int64(st, 10, unverified);
	if (bind_text(st, 11, c, "enquiry_subject") < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		const char *key = i == 0 ? "enquiry_at" : "answered_at";

		v = json_get(c, key);
		if (v == NULL || v->type == JSON_NULL)
			continue;
		if (rfc3339_parse(json_str(c, key), &t) < 0)
			return -1;
		sqlite3_bind_int64(st, 12 + i, (sqlite3_int64)t);
	}
	return 0;
}

/* one_customer - the customers row, its addresses and its own lists */
static int
one_customer(struct imp *im, const struct json *c, size_t ci,
    sqlite3_int64 *id)
{
	sqlite3_stmt *st = store_stmt(im->s, SQL_I_CUSTOMER, im->e);
	const char *email = json_str(c, "email");
	const char *cat = json_str(c, "category");
	const struct json *man = json_get(c, "category_manual");
	const struct json *addrs = array_of(c, "addresses");

	snprintf(im->where, sizeof(im->where), "customers[%zu]", ci);
	if (st == NULL)
		return -1;
	if (c->type != JSON_OBJECT || email == NULL || !email_valid(email) ||
	    cat == NULL || category_valid(cat) == 0 || addrs == NULL ||
	    bind_text(st, 1, c, "email") || bind_text(st, 2, c, "name") ||
	    bind_text(st, 3, c, "category") || bind_time(st, 6, c, "first_seen") ||
	    bind_time(st, 7, c, "last_seen") || bind_text(st, 8, c, "code")) {
		sqlite3_reset(st);
		return bad(im, "not a customer record (email, category, addresses, "
		    "first_seen and last_seen are required)");
	}
	sqlite3_bind_int(st, 4, man && man->type == JSON_BOOL && man->b);
	sqlite3_bind_int64(st, 5, json_int(c, "messages", 0));
	if (relation(st, c) < 0) {
		sqlite3_reset(st);
		return bad(im, "bad status, unverified, enquiry_subject, "
		    "enquiry_at or answered_at");
	}
	if (store_run(im->s, st, im->e) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(im->s->db);
	for (size_t i = 0; i < addrs->n; i++) {
		if (addrs->items[i]->type != JSON_STRING ||
		    !email_valid(addrs->items[i]->s))
			return bad(im, "an address is not an email address");
		if ((st = store_stmt(im->s, SQL_I_ADDRESS, im->e)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, addrs->items[i]->s, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, *id);
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return insert_rows(im, c, ci, "tags", SQL_I_TAG, *id, bind_tag) < 0 ||
	    insert_rows(im, c, ci, "evidence", SQL_I_EVIDENCE, *id,
	    bind_evidence) < 0 ||
	    insert_rows(im, c, ci, "revenue", SQL_I_REVENUE, *id,
	    bind_revenue) < 0 ||
	    insert_rows(im, c, ci, "assessments", SQL_I_ASSESS, *id,
	    bind_assessment) < 0 ? -1 : 0;
}

/* links - referrals and pending rows, once every customer exists */
static int
links(struct imp *im, const struct json *c, size_t ci, sqlite3_int64 id)
{
	const struct json *r = json_get(c, "referral");
	const struct json *p = array_of(c, "pending");
	sqlite3_int64 rid;
	sqlite3_stmt *st;

	snprintf(im->where, sizeof(im->where), "customers[%zu].referral", ci);
	if (r && r->type == JSON_OBJECT) {
		const char *who = json_str(r, "referrer");

		if (who == NULL || store_id_for(im->s, who, &rid, im->e) != 1)
			return bad(im, "the referrer is not a customer in the file");
		if ((st = store_stmt(im->s, SQL_I_REFERRAL, im->e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, rid);
		if (bind_text(st, 3, r, "how") || bind_text(st, 4, r, "evidence") ||
		    bind_text(st, 5, r, "message_key") || bind_time(st, 6, r, "at")) {
			sqlite3_reset(st);
			return bad(im, "a member is missing or of the wrong type");
		}
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	for (size_t i = 0; p && i < p->n; i++) {
		snprintf(im->where, sizeof(im->where), "customers[%zu].pending[%zu]",
		    ci, i);
		if ((st = store_stmt(im->s, SQL_I_PENDING, im->e)) == NULL)
			return -1;
		if (p->items[i]->type != JSON_OBJECT ||
		    bind_pending(st, p->items[i]) < 0) {
			sqlite3_reset(st);
			return bad(im, "a member is missing or of the wrong type");
		}
		sqlite3_bind_int64(st, 3, id);
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return 0;
}

static int
messages(struct imp *im, const struct json *root)
{
	const struct json *a = array_of(root, "messages");

	for (size_t i = 0; a && i < a->n; i++) {
		const struct json *m = a->items[i];
		const char *who = json_str(m, "customer");
		sqlite3_stmt *st;
		sqlite3_int64 id = 0;

		snprintf(im->where, sizeof(im->where), "messages[%zu]", i);
		if (json_str(m, "key") == NULL || json_str(m, "kind") == NULL)
			return bad(im, "a message needs key and kind");
		if (who && store_id_for(im->s, who, &id, im->e) != 1)
			return bad(im, "the message's customer is not in the file");
		if ((st = store_stmt(im->s, SQL_I_MESSAGE, im->e)) == NULL)
			return -1;
		bind_text(st, 1, m, "key");
		if (who)
			sqlite3_bind_int64(st, 2, id);
		bind_text(st, 3, m, "kind");
		sqlite3_bind_int64(st, 4, json_int(m, "date", 0));
		sqlite3_bind_int64(st, 5, json_int(m, "seen_at", 0));
		if (bind_text(st, 6, m, "subject") < 0 ||
		    bind_int_or_null(st, 7, m, "arrived") < 0 ||
		    bind_text(st, 8, m, "facts") < 0) {
			sqlite3_reset(st);
			return bad(im, "subject, arrived or facts of the wrong type");
		}
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return 0;
}

static int
bind_note(sqlite3_stmt *st, const struct json *j)
{
	const char *t = json_str(j, "text");

	return t == NULL || *t == '\0' || bind_text(st, 2, j, "text") ||
	    bind_time(st, 3, j, "at") ? -1 : 0;
}

/* customer_owner - the manual credit flag and the notes of one customer */
static int
customer_owner(struct imp *im, const struct json *c, size_t ci,
    sqlite3_int64 id)
{
	const struct json *m = json_get(c, "referral_manual");
	sqlite3_stmt *st;

	snprintf(im->where, sizeof(im->where), "customers[%zu]", ci);
	if (m != NULL && m->type != JSON_BOOL)
		return bad(im, "referral_manual is not true or false");
	if (m != NULL && m->b) {
		if ((st = store_stmt(im->s, SQL_I_MANUAL, im->e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return insert_rows(im, c, ci, "notes", SQL_I_NOTE, id, bind_note);
}

/* bind_who - the customer named by j[key] (email or null) at i */
static int
bind_who(struct imp *im, sqlite3_stmt *st, int i, const struct json *j,
    const char *key)
{
	const struct json *v = json_get(j, key);
	sqlite3_int64 id;

	if (v == NULL || v->type == JSON_NULL)
		return 0;
	if (v->type != JSON_STRING || store_id_for(im->s, v->s, &id,
	    im->e) != 1)
		return -1;
	sqlite3_bind_int64(st, i, id);
	return 0;
}

/* import_events - the digest's log, replacing what recomputing wrote */
static int
import_events(struct imp *im, const struct json *root)
{
	const struct json *a = array_of(root, "events");
	sqlite3_stmt *st;

	if (a == NULL)
		return 0;
	if (store_run(im->s, store_stmt(im->s, SQL_I_NO_EVENTS, im->e),
	    im->e) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct json *v = a->items[i];

		snprintf(im->where, sizeof(im->where), "events[%zu]", i);
		if ((st = store_stmt(im->s, SQL_I_EVENT, im->e)) == NULL)
			return -1;
		if (v->type != JSON_OBJECT || json_str(v, "kind") == NULL ||
		    bind_time(st, 1, v, "at") || bind_text(st, 2, v, "kind") ||
		    bind_who(im, st, 3, v, "customer") ||
		    bind_who(im, st, 4, v, "other") ||
		    bind_text(st, 5, v, "detail")) {
			sqlite3_reset(st);
			return bad(im, "not an event (at, kind, and customers "
			    "in the file)");
		}
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return 0;
}

/* import_ignores - addresses and domains never to be contacts */
static int
import_ignores(struct imp *im, const struct json *root)
{
	const struct json *a = array_of(root, "ignores");
	sqlite3_stmt *st;

	for (size_t i = 0; a != NULL && i < a->n; i++) {
		const struct json *v = a->items[i];
		const char *p = json_str(v, "pattern");

		snprintf(im->where, sizeof(im->where), "ignores[%zu]", i);
		if ((st = store_stmt(im->s, SQL_I_IGNORE, im->e)) == NULL)
			return -1;
		if (p == NULL || (p[0] == '@' ? strchr(p + 1, '.') == NULL ||
		    strchr(p + 1, '@') != NULL : !email_valid(p)) ||
		    bind_text(st, 1, v, "pattern") ||
		    bind_text(st, 2, v, "reason") || bind_time(st, 3, v, "at")) {
			sqlite3_reset(st);
			return bad(im, "not an ignore (pattern is an address or "
			    "@domain; at)");
		}
		if (store_run(im->s, st, im->e) < 0)
			return -1;
		im->s->any_blocked = -1;
	}
	return 0;
}

/* hex_of - n lower-case hex digits exactly? */
static bool
hex_of(const char *s, size_t n)
{
	if (s == NULL || strlen(s) != n)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* import_tombstones - forgotten addresses' hashes, and the salt they need */
static int
import_tombstones(struct imp *im, const struct json *root)
{
	const struct json *a = array_of(root, "tombstones");
	const char *salt = json_str(root, "tombstone_salt");
	sqlite3_stmt *st;

	snprintf(im->where, sizeof(im->where), "tombstone_salt");
	if (salt != NULL) {
		if (!hex_of(salt, 32))
			return bad(im, "not 32 hex digits");
		if ((st = store_stmt(im->s, SQL_I_SALT, im->e)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, salt, -1, SQLITE_STATIC);
		if (store_run(im->s, st, im->e) < 0)
			return -1;
		im->s->salt[0] = '\0';	/* read again on next use */
		im->s->any_blocked = -1;
	} else if (a != NULL && a->n > 0) {
		return bad(im, "tombstones need their salt");
	}
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		const struct json *v = a->items[i];

		snprintf(im->where, sizeof(im->where), "tombstones[%zu]", i);
		if ((st = store_stmt(im->s, SQL_I_TOMBSTONE, im->e)) == NULL)
			return -1;
		if (!hex_of(json_str(v, "hash"), 64) ||
		    bind_text(st, 1, v, "hash") || bind_time(st, 2, v, "at")) {
			sqlite3_reset(st);
			return bad(im, "not a tombstone (hash: 64 hex digits; at)");
		}
		if (store_run(im->s, st, im->e) < 0)
			return -1;
	}
	return 0;
}

/* recompute_all - category, score and reasons of every imported customer */
static int
recompute_all(struct store *s, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, SQL_I_IDS, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (store_touch(s, sqlite3_column_int64(st, 0), e) < 0)
			break;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_dberr(s, e, "import");
	return store_recompute_touched(s, e);
}

int
store_import(struct store *s, const char *text, size_t len,
    size_t *ncustomers, struct err *e)
{
	struct imp im = { s, e, "" };
	struct json *root = json_parse(text, len, e);
	const struct json *cs;
	sqlite3_int64 n = 0, *ids = NULL;
	bool ok = false;

	*ncustomers = 0;
	if (root == NULL)
		return -1;
	if (json_int(root, "clientele_export", 0) != 1 ||
	    (cs = array_of(root, "customers")) == NULL) {
		json_free(root);
		return err_set(e, "not a clientele export (version 1)");
	}
	if (store_int_row(s, store_stmt(s, SQL_I_COUNT, e), &n, e) < 0 ||
	    n != 0) {
		json_free(root);
		return n ? err_set(e, "import needs an empty store; this one has "
		    "%lld customers", (long long)n) : -1;
	}
	if ((ids = calloc(cs->n + 1, sizeof(*ids))) == NULL ||
	    store_tx_enter(s, e) < 0) {
		free(ids);
		json_free(root);
		return ids ? -1 : err_set(e, "import: out of memory");
	}
	for (size_t i = 0; i < cs->n; i++)
		if (one_customer(&im, cs->items[i], i, &ids[i]) < 0)
			goto out;
	for (size_t i = 0; i < cs->n; i++)
		if (links(&im, cs->items[i], i, ids[i]) < 0 ||
		    customer_owner(&im, cs->items[i], i, ids[i]) < 0)
			goto out;
	if (messages(&im, root) < 0 || recompute_all(s, e) < 0 ||
	    import_events(&im, root) < 0 || import_ignores(&im, root) < 0 ||
	    import_tombstones(&im, root) < 0)
		goto out;
	ok = true;
	*ncustomers = cs->n;
out:
	if (store_tx_leave(s, ok, ok ? e : NULL) < 0)
		ok = false;
	free(ids);
	json_free(root);
	return ok ? 0 : -1;
}
