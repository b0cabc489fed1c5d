/*
 * store_owner - the owner in control: referral credit set by hand,
 * ignored addresses and domains, forgetting that lasts, notes, a
 * customer's message history, finding people, companies and duplicates.
 *
 * What it is for: the store side of `referral`, `ignore`, `unignore`,
 * `forget`, `note`, `find`, `companies`, `duplicates` and the history and
 * notes `show` prints, plus store_blocked, which store_apply asks before a
 * person of a message becomes a contact.
 *
 * What it owns: the rules that make the owner's word final.  A credit set
 * by hand (customers.referral_manual) is never moved by mail; an ignored
 * address or domain never becomes a contact, and ignoring it erases what
 * it left; a tombstone is the SHA-256 of the store's own random salt, ':'
 * and the lower-case address, so the store can recognise a forgotten
 * address without keeping it.
 *
 * What it never does: merge people by itself (duplicates are suggestions)
 * or keep a forgotten address in clear.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/company.h"
#include "util/find.h"
#include "store/store_owner.h"
#include "util/sha256.h"
#include "store_int.h"

static const char SQL_BLOCKED[] =
    "SELECT EXISTS (SELECT 1 FROM ignores WHERE pattern = ?1 OR pattern = ?2)"
    " OR EXISTS (SELECT 1 FROM tombstones WHERE hash = ?3)";
#define ANY_BLOCKED \
    "EXISTS (SELECT 1 FROM ignores) OR EXISTS (SELECT 1 FROM tombstones)"
static const char SQL_ANY_BLOCKED[] = "SELECT " ANY_BLOCKED;
/* the same, with the owner of ?1 (NULL: nobody) and whether a customer */
static const char SQL_PROBE[] =
    "SELECT " ANY_BLOCKED ", a.customer_id, coalesce(c.customer, 0)"
    " FROM (SELECT 1) AS one LEFT JOIN addresses a ON a.email = ?1"
    " LEFT JOIN customers c ON c.id = a.customer_id";
static const char SQL_DROP_REFERRAL[] =
    "DELETE FROM referrals WHERE referred_id = ?1";
static const char SQL_DROP_PENDING[] =
    "DELETE FROM pending WHERE referred_id = ?1";
static const char SQL_DROP_REF_EVENT[] =
    "DELETE FROM events WHERE kind = 'referral' AND customer_id = ?1"
    " AND other_id = ?2";
static const char SQL_MANUAL_REFERRAL[] =
    "INSERT INTO referrals(referred_id, referrer_id, how, evidence,"
    " message_key, at) VALUES (?1, ?2, 'manual', NULL, NULL, ?3)";
static const char SQL_MARK_MANUAL[] =
    "UPDATE referrals SET how = 'manual' WHERE referred_id = ?1";
static const char SQL_IGNORE[] =
    "INSERT INTO ignores(pattern, reason, at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(pattern) DO UPDATE SET reason = excluded.reason";
static const char SQL_UNIGNORE[] = "DELETE FROM ignores WHERE pattern = ?1";
static const char SQL_MATCH_ADDRESS[] =
    "SELECT DISTINCT c.email FROM addresses a JOIN customers c"
    " ON c.id = a.customer_id WHERE a.email = ?1";
static const char SQL_MATCH_DOMAIN[] =
    "SELECT DISTINCT c.email FROM addresses a JOIN customers c"
    " ON c.id = a.customer_id WHERE"
    " lower(substr(a.email, length(a.email) - length(?1) + 1)) = ?1"
    " ORDER BY c.email";
static const char SQL_ADDRESSES_OF[] =
    "SELECT email FROM addresses WHERE customer_id = ?1";
static const char SQL_TOMBSTONE[] =
    "INSERT INTO tombstones(hash, at) VALUES (?1, ?2)"
    " ON CONFLICT DO NOTHING";
static const char SQL_UNTOMBSTONE[] = "DELETE FROM tombstones WHERE hash = ?1";
static const char SQL_NOTE[] =
    "INSERT INTO notes(customer_id, text, at) VALUES (?1, ?2, ?3)"
    " RETURNING id";
static const char SQL_NOTE_DELETE[] = "DELETE FROM notes WHERE id = ?1";
static const char SQL_NOTES_OF[] =
    "SELECT id, text, at FROM notes WHERE customer_id = ?1 ORDER BY id";
static const char SQL_HISTORY_COUNT[] =
    "SELECT count(*) FROM messages WHERE customer_id = ?1";
/*
 * Same time: the later recorded first.  SQLite keeps that order as the
 * rowid; PostgreSQL has none, and falls back to the key.
 */
#define SQL_HISTORY(LATER) \
    "SELECT kind, subject, facts, date, arrived FROM messages" \
    " WHERE customer_id = ?1" \
    " ORDER BY coalesce(arrived, date, seen_at) DESC, " LATER " DESC LIMIT ?2"
static const char SQL_HISTORY_SQLITE[] = SQL_HISTORY("rowid");
static const char SQL_HISTORY_PGSQL[] = SQL_HISTORY("key");
/* ---- helpers ---------------------------------------------------------- */

/* run_id - one statement with ?1 = a (and ?2 = b when b != 0) */
static int
run_id(struct store *s, const char *sql, int64_t a, int64_t b,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, a);
	if (b != 0)
		db_bind_int64(st, 2, b);
	return store_run(s, st, e);
}

/* column_strings - column 0 of every row of st into sv (st bound by the caller) */
static int
column_strings(struct store *s, struct db_stmt *st, struct strvec *sv,
    struct err *e)
{
	int rc;

	while ((rc = db_step(st)) == DB_ROW)
		if (strvec_push(sv, db_column_text(st,
		    0)) < 0)
			break;
	db_reset(st);
	if (rc == DB_ROW)
		return err_set(e, "store: out of memory");
	return rc == DB_DONE ? 0 : store_dberr(s, e, "read");
}

/* ---- tombstones and the check store_apply makes ------------------------ */

/* store_any_blocked - anyone ignored or forgotten? read once a transaction */
int
store_any_blocked(struct store *s, const char *email, struct err *e)
{
	size_t n = email != NULL ? strlen(email) : 0;
	struct db_stmt *st;
	int rc;

	if (n == 0 || n >= sizeof(s->probe.email)) {
		int64_t v = 0;

		if (s->any_blocked < 0) {
			if ((st = store_stmt(s, SQL_ANY_BLOCKED, e)) == NULL ||
			    store_int_row(s, st, &v, e) < 0)
				return -1;
			s->any_blocked = v != 0;
		}
		return s->any_blocked;
	}
	if ((st = store_stmt(s, SQL_PROBE, e)) == NULL)
		return -1;
	for (size_t i = 0; i <= n; i++)
		s->probe.email[i] = email[i] >= 'A' && email[i] <= 'Z' ?
		    (char)(email[i] - 'A' + 'a') : email[i];
	BIND_BORROWED(st, 1, s->probe.email);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? err_set(e, "store: no probe row") :
		    store_dberr(s, e, "query");
	}
	s->any_blocked = db_column_int64(st, 0) != 0;
	s->probe.id = db_column_type(st, 1) == DB_NULL ? 0 :
	    db_column_int64(st, 1);
	s->probe.customer = db_column_int64(st, 2) != 0;
	s->probe.valid = true;
	db_reset(st);
	return s->any_blocked;
}

/* tomb_hash - hex SHA-256 of salt ":" lower-case email */
static int
tomb_hash(struct store *s, const char *email, char out[SHA256_HEX_LEN + 1],
    struct err *e)
{
	struct sha256 c;
	unsigned char d[SHA256_DIGEST_LEN];
	static const char hex[] = "0123456789abcdef";

	if (s->salt[0] == '\0') {
		struct db_stmt *st = store_stmt(s, SQL_SALT, e);
		const char *v;

		if (st == NULL)
			return -1;
		if (db_step(st) != DB_ROW ||
		    (v = db_column_text(st, 0)) == NULL ||
		    strlen(v) >= sizeof(s->salt)) {
			db_reset(st);
			return err_set(e, "store: no tombstone salt");
		}
		snprintf(s->salt, sizeof(s->salt), "%s", v);
		db_reset(st);
	}
	sha256_init(&c);
	sha256_update(&c, s->salt, strlen(s->salt));
	sha256_update(&c, ":", 1);
	for (const char *p = email; *p != '\0'; p++) {
		char ch = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;

		sha256_update(&c, &ch, 1);
	}
	sha256_final(&c, d);
	for (int i = 0; i < SHA256_DIGEST_LEN; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[SHA256_HEX_LEN] = '\0';
	return 0;
}

int
store_blocked(struct store *s, const char *email, struct err *e)
{
	char lower[STORE_MAX_TEXT], hash[SHA256_HEX_LEN + 1];
	const char *at;
	size_t n = strlen(email);
	struct db_stmt *st;
	int64_t v = 0;

	if (n >= sizeof(lower))
		return 0;
	if (store_any_blocked(s, NULL, e) < 0)
		return -1;
	if (s->any_blocked == 0)
		return 0;
	for (size_t i = 0; i <= n; i++)
		lower[i] = email[i] >= 'A' && email[i] <= 'Z' ?
		    (char)(email[i] - 'A' + 'a') : email[i];
	if (tomb_hash(s, lower, hash, e) < 0 ||
	    (st = store_stmt(s, SQL_BLOCKED, e)) == NULL)
		return -1;
	at = strrchr(lower, '@');
	BIND_TEXT(st, 1, lower);
	BIND_TEXT(st, 2, at != NULL ? at : lower);
	BIND_TEXT(st, 3, hash);
	if (store_int_row(s, st, &v, e) < 0)
		return -1;
	return v != 0;
}

int
store_referral_locked(struct store *s, int64_t id, struct err *e)
{
	int64_t v = 0;

	if (store_int_of(s, SQL_REFERRAL_MANUAL, id, &v, e) < 0)
		return -1;
	return v != 0;
}

/* ---- referral by hand -------------------------------------------------- */

/* email_of - primary address of id into out; "" if none */
static void
email_of(struct store *s, int64_t id, char *out, size_t outlen)
{
	struct db_stmt *st;
	struct err e;

	out[0] = '\0';
	if ((st = store_stmt(s, SQL_EMAIL_OF, &e)) == NULL)
		return;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW && db_column_text(st, 0))
		snprintf(out, outlen, "%s", db_column_text(st, 0));
	db_reset(st);
}

/* set_credit - replace id's referrer (old, may be 0) by rid (0: nobody) */
static int
set_credit(struct store *s, int64_t id, int64_t old,
    int64_t rid, struct err *e)
{
	time_t now = time(NULL);
	struct db_stmt *st;

	if (old != 0 && old == rid)
		return run_id(s, SQL_MARK_MANUAL, id, 0, e);
	if (run_id(s, SQL_DROP_REFERRAL, id, 0, e) < 0 ||
	    (old != 0 && run_id(s, SQL_DROP_REF_EVENT, old, id, e) < 0))
		return -1;
	if (rid != 0) {
		char a[STORE_MAX_TEXT], b[STORE_MAX_TEXT], detail[600];

		if ((st = store_stmt(s, SQL_MANUAL_REFERRAL, e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, rid);
		db_bind_int64(st, 3, (int64_t)now);
		if (store_run(s, st, e) < 0)
			return -1;
		email_of(s, rid, a, sizeof(a));
		email_of(s, id, b, sizeof(b));
		snprintf(detail, sizeof(detail), "%.250s referred %.250s "
		    "(set by the owner)", a, b);
		if (store_event(s, now, "referral", rid, id, detail, e) < 0)
			return -1;
	}
	return 0;
}

int
store_referral(struct store *s, const char *email, const char *referrer,
    const char **unknown, struct err *e)
{
	int64_t id, rid = 0, old = 0;
	int rc;

	if ((rc = store_edit_pair(s, email, referrer, &id, &rid, unknown,
	    e)) <= 0)
		return rc;
	rc = -1;
	if (referrer != NULL && rid == id) {
		err_set(e, "%s cannot have referred themselves", email);
		goto out;
	}
	if (store_referrer_of(s, id, &old, e) < 0 ||
	    set_credit(s, id, old, rid, e) < 0 ||
	    run_id(s, SQL_DROP_PENDING, id, 0, e) < 0 ||
	    run_id(s, SQL_LOCK_REFERRAL, id, 0, e) < 0 ||
	    store_sync_ref_tags(s, id, e) < 0 || store_touch(s, id, e) < 0)
		goto out;
	if (old != 0 && (store_sync_ref_tags(s, old, e) < 0 ||
	    store_touch(s, old, e) < 0))
		goto out;
	/* crediting someone by hand vouches for them too */
	if (rid != 0 && (store_become_customer(s, rid, e) < 0 ||
	    store_sync_ref_tags(s, rid, e) < 0 || store_touch(s, rid, e) < 0))
		goto out;
	rc = 0;
out:
	return store_edit_end(s, rc, e);
}

/* ---- ignore, unignore, forget for good --------------------------------- */

/* pattern_valid - an address, or '@' and a domain with a dot */
static bool
pattern_valid(const char *p)
{
	if (p[0] != '@')
		return email_valid(p);
	if (p[1] == '\0' || strchr(p + 1, '@') != NULL ||
	    strchr(p + 1, '.') == NULL)
		return false;
	for (const char *c = p + 1; *c != '\0'; c++)
		if ((unsigned char)*c <= ' ' || *c == '\\' || *c == '%' ||
		    *c == '_')
			return false;
	return true;
}

int
store_ignore(struct store *s, const char *pattern, const char *reason,
    size_t *removed, struct err *e)
{
	struct strvec who;
	struct db_stmt *st;
	char *p = str_lower(pattern);
	int rc = -1;

	*removed = 0;
	strvec_init(&who);
	if (p == NULL)
		return err_set(e, "store: out of memory");
	if (!pattern_valid(p)) {
		err_set(e, "'%s' is neither an address nor @domain", pattern);
		free(p);
		return -1;
	}
	if (store_tx_enter(s, e) < 0) {
		free(p);
		return -1;
	}
	if ((st = store_stmt(s, SQL_IGNORE, e)) == NULL)
		goto out;
	BIND_TEXT(st, 1, p);
	BIND_TEXT(st, 2, reason);
	db_bind_int64(st, 3, (int64_t)time(NULL));
	s->any_blocked = 1;
	if (store_run(s, st, e) < 0 ||
	    (st = store_stmt(s, p[0] == '@' ? SQL_MATCH_DOMAIN :
	    SQL_MATCH_ADDRESS, e)) == NULL)
		goto out;
	BIND_TEXT(st, 1, p);
	if (column_strings(s, st, &who, e) < 0)
		goto out;
	/* each as if never seen: store_forget nests in this transaction */
	for (size_t i = 0; i < who.n; i++)
		if (store_forget(s, who.v[i], e) < 0)
			goto out;
	*removed = who.n;
	rc = 0;
out:
	strvec_free(&who);
	free(p);
	if (store_tx_leave(s, rc == 0, e) < 0)
		return -1;
	return rc;
}

int
store_unignore(struct store *s, const char *pattern, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_UNIGNORE, e);
	char *p = str_lower(pattern);
	int rc;

	if (st == NULL || p == NULL) {
		free(p);
		return st == NULL ? -1 : err_set(e, "store: out of memory");
	}
	BIND_TEXT(st, 1, p);
	rc = store_run(s, st, e);
	free(p);
	if (rc < 0)
		return -1;
	return db_changes(s->db) > 0 ? 1 : 0;
}

int
store_ignores(struct store *s, struct ignore_entry **out, size_t *n,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_IGNORES, e);
	struct ignore_entry *v = NULL, *nv;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((nv = mem_grow(v, *n, &cap, sizeof(*nv), 8)) == NULL)
			break;
		v = nv;
		v[*n].pattern = xstrdup(db_column_text(st, 0));
		v[*n].reason = xstrdup(db_column_text(st, 1));
		v[*n].at = (time_t)db_column_int64(st, 2);
		(*n)++;
	}
	if (store_rows_end(s, st, rc, "ignores", e) < 0) {
		ignore_list_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void
ignore_list_free(struct ignore_entry *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].pattern);
		free(v[i].reason);
	}
	free(v);
}

/* hash_statement - tombstone (add) or lift it for one address */
static int
hash_statement(struct store *s, const char *sql, const char *email,
    struct err *e)
{
	char hash[SHA256_HEX_LEN + 1];
	struct db_stmt *st;

	if (tomb_hash(s, email, hash, e) < 0 ||
	    (st = store_stmt(s, sql, e)) == NULL)
		return -1;
	BIND_TEXT(st, 1, hash);
	if (sql == SQL_TOMBSTONE)
		db_bind_int64(st, 2, (int64_t)time(NULL));
	s->any_blocked = -1;
	return store_run(s, st, e);
}

int
store_forget_for_good(struct store *s, const char *email, bool allow_return,
    struct err *e)
{
	struct strvec addrs;
	struct db_stmt *st;
	int64_t id;
	int rc;

	strvec_init(&addrs);
	if (email == NULL)
		return err_set(e, "store: no address given");
	if (store_tx_enter(s, e) < 0)
		return -1;
	if ((rc = store_id_for(s, email, &id, e)) == 0 && allow_return) {
		/* nobody by that address: let a forgotten one come back */
		rc = hash_statement(s, SQL_UNTOMBSTONE, email, e);
		if (rc == 0)
			rc = db_changes(s->db) > 0 ? 1 : 0;
		goto out;
	}
	if (rc <= 0)
		goto out;
	rc = -1;
	if ((st = store_stmt_id(s, SQL_ADDRESSES_OF, id, e)) == NULL)
		goto out;
	if (column_strings(s, st, &addrs, e) < 0)
		goto out;
	for (size_t i = 0; i < addrs.n; i++)
		if (hash_statement(s, allow_return ? SQL_UNTOMBSTONE :
		    SQL_TOMBSTONE, addrs.v[i], e) < 0)
			goto out;
	rc = store_forget(s, email, e);
out:
	strvec_free(&addrs);
	if (store_tx_leave(s, rc >= 0, e) < 0)
		return -1;
	return rc;
}

/* ---- notes -------------------------------------------------------------- */

int
store_note_add(struct store *s, const char *email, const char *text,
    long long *id, struct err *e)
{
	int64_t cid, nid;
	struct db_stmt *st;
	int rc;

	if (text == NULL || *text == '\0')
		return err_set(e, "store: an empty note");
	if ((rc = store_edit_begin(s, email, &cid, e)) <= 0)
		return rc;
	rc = -1;
	if ((st = store_stmt(s, SQL_NOTE, e)) == NULL)
		goto out;
	db_bind_int64(st, 1, cid);
	BIND_TEXT(st, 2, text);
	db_bind_int64(st, 3, (int64_t)time(NULL));
	if (store_insert_id(s, st, &nid, e) < 0)
		goto out;
	*id = (long long)nid;
	rc = 0;
out:
	return store_edit_end(s, rc, e);
}

int
store_note_delete(struct store *s, long long id, struct err *e)
{
	if (run_id(s, SQL_NOTE_DELETE, (int64_t)id, 0, e) < 0)
		return -1;
	return db_changes(s->db) > 0 ? 1 : 0;
}

/* ---- what `show` adds: notes, company, history ---------------------------- */

/* note_row - one row of SQL_NOTES_OF onto the customer_detail's notes */
static int
note_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct customer_detail *d = arg;
	struct note *nv;

	if ((nv = mem_grow(d->notes, d->nnotes, cap, sizeof(*nv), 4)) == NULL)
		return -1;
	d->notes = nv;
	d->notes[d->nnotes].id = db_column_int64(st, 0);
	d->notes[d->nnotes].text = xstrdup(db_column_text(st, 1));
	d->notes[d->nnotes].at = (time_t)db_column_int64(st, 2);
	d->nnotes++;
	return 0;
}

static int
read_notes(struct store *s, int64_t id, struct customer_detail *d,
    struct err *e)
{
	return store_each_row(s, store_stmt_id(s, SQL_NOTES_OF, id, e), note_row,
	    d, "notes", e);
}

static int
read_history(struct store *s, int64_t id, size_t limit,
    struct customer_detail *d, struct err *e)
{
	struct db_stmt *st;
	int64_t total = 0;
	size_t cap = 0;
	int rc;

	if (store_int_of(s, SQL_HISTORY_COUNT, id, &total, e) < 0 ||
	    (st = store_stmt(s, STORE_SQL(s, SQL_HISTORY), e)) == NULL)
		return -1;
	d->nhist_total = (size_t)total;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, limit == 0 || limit > (size_t)INT64_MAX ?
	    INT64_MAX : (int64_t)limit);
	while ((rc = db_step(st)) == DB_ROW) {
		struct history_entry *nv, *h;
		const char *kind = db_column_text(st, 0);

		if ((nv = mem_grow(d->hist, d->nhist, &cap,
		    sizeof(*nv), 16)) == NULL)
			break;
		d->hist = nv;
		h = &d->hist[d->nhist++];
		h->direction = xstrdup(kind && strcmp(kind, "outgoing") == 0 ?
		    "out" : "in");
		h->subject = xstrdup(db_column_text(st, 1));
		h->facts = xstrdup(db_column_text(st, 2));
		h->date = (time_t)db_column_int64(st, 3);
		h->arrived = (time_t)db_column_int64(st, 4);
	}
	return store_rows_end(s, st, rc, "history", e);
}

int
store_detail_extras(struct store *s, int64_t id, size_t limit,
    struct customer_detail *d, struct err *e)
{
	int locked = store_referral_locked(s, id, e);

	if (locked < 0)
		return -1;
	d->referral_manual = locked != 0;
	d->company = company_of(d->c.email);
	return read_notes(s, id, d, e) < 0 ||
	    read_history(s, id, limit, d, e) < 0 ? -1 : 0;
}
