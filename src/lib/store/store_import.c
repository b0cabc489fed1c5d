/*
 * store_import - read `clientele export --format json` back into a store.
 *
 * What it is for: moving a store to another machine or rebuilding it, so
 * that exporting the imported store gives the same file again.  This file
 * holds the order of the import (store_import) and the store-wide tables:
 * the digest's events and digests, ignores, tombstones and their salt;
 * store_import_customers.c the customers and everything that is theirs,
 * store_import_check.c the grammar every record is checked against.
 *
 * Every member is checked against the grammar of its field (fields.h) as
 * strictly as mail is: addresses by email_valid, tags and codes by their
 * character sets, counts, amounts and times in range, and each customer
 * has at least one address, its own among them.  The tables below say,
 * per kind of record, which members there are, of what kind, and which
 * are required; a reader of another table adds one.
 *
 * What it never does: mix with existing data (the store must hold no
 * customers) or leave half an import behind: everything is one
 * transaction, rolled back on the first bad record, whose place the error
 * names ("customers[12].tags[0].tag: ...").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "store/store_digest.h"
#include "store_int.h"

static const char SQL_I_COUNT[] = "SELECT count(*) FROM customers";
static const char SQL_I_NO_EVENTS[] = "DELETE FROM events";
static const char SQL_I_NEVENTS[] = "SELECT count(*) FROM events";
/* ?4, ?5: the bounds as places in the event list (store_export.c), made numbers again */
static const char SQL_I_DIGEST[] =
    "INSERT INTO digests (sent_at, since, until, after_event, upto_event)"
    " VALUES (?1, ?2, ?3,"
    " CASE WHEN ?4 = 0 THEN 0 ELSE"
    "  (SELECT id FROM events ORDER BY id LIMIT 1 OFFSET ?4 - 1) END,"
    " CASE WHEN ?5 = 0 THEN 0 ELSE"
    "  (SELECT id FROM events ORDER BY id LIMIT 1 OFFSET ?5 - 1) END)";
static const char SQL_I_IGNORE[] =
    "INSERT INTO ignores (pattern, reason, at) VALUES (lower(?1), ?2, ?3)";
static const char SQL_I_TOMBSTONE[] =
    "INSERT INTO tombstones (hash, at) VALUES (?1, ?2)";
static const char SQL_I_SALT[] = "UPDATE tombstone_salt SET value = ?1";
static const char SQL_I_IDS[] = "SELECT id FROM customers";

static const struct imp_member event_members[] = {
	{ "at", MK_TIME, true }, { "kind", MK_WORD, true },
	{ "customer", MK_EMAIL, false }, { "other", MK_EMAIL, false },
	{ "detail", MK_TEXT, false },
};
static const struct imp_member digest_members[] = {
	{ "sent_at", MK_TIME, true }, { "since", MK_TIME, true },
	{ "until", MK_TIME, true }, { "after_event", MK_COUNT, true },
	{ "upto_event", MK_COUNT, true },
};
static const struct imp_member ignore_members[] = {
	{ "pattern", MK_LINE, true }, { "reason", MK_TEXT, false },
	{ "at", MK_TIME, true },
};
static const struct imp_member tombstone_members[] = {
	{ "hash", MK_LINE, true }, { "at", MK_TIME, true },
};

/* bind_who - the customer named by j[key] (email or null) at i */
static int
bind_who(struct imp *im, struct db_stmt *st, int i, const struct json *j,
    const char *key)
{
	const struct json *v = json_get(j, key);
	int64_t id;

	if (v == NULL || v->type == JSON_NULL)
		return 0;
	if (v->type != JSON_STRING || store_id_for(im->s, v->s, &id,
	    im->e) != 1)
		return -1;
	db_bind_int64(st, i, id);
	return 0;
}

/* import_events - the digest's log, replacing what recomputing wrote */
static int
import_events(struct imp *im, const struct json *root)
{
	const struct json *a;
	struct db_stmt *st;

	imp_at(im, root, "file");
	if (imp_list(im, root, "events", &a) < 0)
		return -1;
	if (a == NULL)
		return 0;
	if (store_run(im->s, store_stmt(im->s, SQL_I_NO_EVENTS, im->e),
	    im->e) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct json *v = a->items[i];

		imp_at(im, v, "events[%zu]", i);
		if ((st = imp_stmt(im, v, event_members,
		    NMEMBERS(event_members), SQL_ADD_EVENT)) == NULL)
			return -1;
		if (v->type != JSON_OBJECT || json_str(v, "kind") == NULL ||
		    imp_time(st, 1, v, "at") || imp_text(st, 2, v, "kind") ||
		    bind_who(im, st, 3, v, "customer") ||
		    bind_who(im, st, 4, v, "other") ||
		    imp_text(st, 5, v, "detail"))
			return imp_refuse(im, st, "not an event (at, kind, and "
			    "customers in the file)");
		if (imp_run(im, st) < 0)
			return -1;
	}
	return 0;
}

/*
 * import_digests - what each digest sent covered, after the events: the
 * window is sane (since <= until, after_event <= upto_event) and its
 * bounds are places in the imported event list.
 */
static int
import_digests(struct imp *im, const struct json *root)
{
	const struct json *a;
	int64_t nevents = 0;
	struct db_stmt *st;

	imp_at(im, root, "file");
	if (imp_list(im, root, "digests", &a) < 0)
		return -1;
	if (a == NULL || a->n == 0)
		return 0;
	if (store_int_row(im->s, store_stmt(im->s, SQL_I_NEVENTS, im->e),
	    &nevents, im->e) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct json *v = a->items[i];
		time_t since, until;
		long long after, upto;

		imp_at(im, v, "digests[%zu]", i);
		if (imp_check(im, v, digest_members,
		    NMEMBERS(digest_members)) < 0)
			return -1;
		after = json_int(v, "after_event", -1);
		upto = json_int(v, "upto_event", -1);
		if (imp_rfc3339(json_str(v, "since"), &since) < 0 ||
		    imp_rfc3339(json_str(v, "until"), &until) < 0 ||
		    since > until || after > upto || upto > nevents)
			return imp_bad(im, "not a digest (since <= until, after_event "
			    "<= upto_event <= the number of events)");
		if ((st = store_stmt(im->s, SQL_I_DIGEST, im->e)) == NULL)
			return -1;
		if (imp_time(st, 1, v, "sent_at") || imp_time(st, 2, v, "since") ||
		    imp_time(st, 3, v, "until"))
			return imp_refuse(im, st, "not a digest");
		db_bind_int64(st, 4, (int64_t)after);
		db_bind_int64(st, 5, (int64_t)upto);
		if (imp_run(im, st) < 0)
			return -1;
	}
	return 0;
}

/* import_ignores - addresses and domains never to be contacts */
static int
import_ignores(struct imp *im, const struct json *root)
{
	const struct json *a;
	struct db_stmt *st;

	imp_at(im, root, "file");
	if (imp_list(im, root, "ignores", &a) < 0)
		return -1;
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		const struct json *v = a->items[i];
		const char *p = json_str(v, "pattern");

		imp_at(im, v, "ignores[%zu]", i);
		if ((st = imp_stmt(im, v, ignore_members,
		    NMEMBERS(ignore_members), SQL_I_IGNORE)) == NULL)
			return -1;
		if (p == NULL || (p[0] == '@' ? strchr(p + 1, '.') == NULL ||
		    strchr(p + 1, '@') != NULL : !email_valid(p)) ||
		    imp_text(st, 1, v, "pattern") ||
		    imp_text(st, 2, v, "reason") || imp_time(st, 3, v, "at"))
			return imp_refuse(im, st, "not an ignore (pattern is an "
			    "address or @domain; at)");
		if (imp_run(im, st) < 0)
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
	const struct json *a;
	const char *salt = json_str(root, "tombstone_salt");
	struct db_stmt *st;

	imp_at(im, root, "file");
	if (imp_list(im, root, "tombstones", &a) < 0)
		return -1;
	imp_at(im, json_get(root, "tombstone_salt"), "tombstone_salt");
	if (salt != NULL) {
		if (!hex_of(salt, 32))
			return imp_bad(im, "not 32 hex digits");
		if ((st = store_stmt(im->s, SQL_I_SALT, im->e)) == NULL)
			return -1;
		db_bind_text(st, 1, salt, -1);
		if (imp_run(im, st) < 0)
			return -1;
		im->s->salt[0] = '\0';	/* read again on next use */
		im->s->any_blocked = -1;
	} else if (a != NULL && a->n > 0) {
		return imp_bad(im, "tombstones need their salt");
	}
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		const struct json *v = a->items[i];

		imp_at(im, v, "tombstones[%zu]", i);
		if ((st = imp_stmt(im, v, tombstone_members,
		    NMEMBERS(tombstone_members), SQL_I_TOMBSTONE)) == NULL)
			return -1;
		if (!hex_of(json_str(v, "hash"), 64) ||
		    imp_text(st, 1, v, "hash") || imp_time(st, 2, v, "at"))
			return imp_refuse(im, st,
			    "not a tombstone (hash: 64 hex digits; at)");
		if (imp_run(im, st) < 0)
			return -1;
	}
	return 0;
}

/* recompute_all - category, score and reasons of every imported customer */
static int
recompute_all(struct store *s, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_I_IDS, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (store_touch(s, db_column_int64(st, 0), e) < 0)
			break;
	if (store_rows_end(s, st, rc, "import", e) < 0)
		return -1;
	return store_recompute_touched(s, e);
}

int
store_import(struct store *s, const char *text, size_t len,
    size_t *ncustomers, struct err *e)
{
	struct imp im = { s, e, "", 0 };
	struct json *root = json_parse(text, len, e);
	const struct json *cs;
	int64_t n = 0, *ids = NULL;
	bool ok = false;

	*ncustomers = 0;
	if (root == NULL)
		return -1;
	if (json_int(root, "clientele_export", 0) != 1 ||
	    (cs = imp_array(root, "customers")) == NULL) {
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
		if (imp_customer(&im, cs->items[i], i, &ids[i]) < 0)
			goto out;
	for (size_t i = 0; i < cs->n; i++)
		if (imp_links(&im, cs->items[i], i, ids[i]) < 0 ||
		    imp_owner(&im, cs->items[i], i, ids[i]) < 0)
			goto out;
	if (imp_messages(&im, root) < 0 || recompute_all(s, e) < 0 ||
	    import_events(&im, root) < 0 || import_digests(&im, root) < 0 ||
	    import_ignores(&im, root) < 0 ||
	    import_tombstones(&im, root) < 0)
		goto out;
	ok = true;
	*ncustomers = cs->n;
out:
	if (!ok && im.line > 0) {
		/* the line too: the export writes a customer a line */
		char why[sizeof(e->msg)];

		memcpy(why, e->msg, sizeof(why));
		err_set(e, "line %zu: %.900s", im.line, why);
	}
	if (store_tx_leave(s, ok, ok ? e : NULL) < 0)
		ok = false;
	free(ids);
	json_free(root);
	return ok ? 0 : -1;
}
