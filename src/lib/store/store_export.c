/*
 * store_export - everything the store knows, out to a file and back in.
 *
 * What it is for: `clientele export` (JSON for another tool or a backup,
 * CSV with one row per customer for a spreadsheet) and `clientele import`,
 * which reads the JSON back into an empty store so that a second export is
 * the same as the first.
 *
 * What it owns: the export format, versioned by its "clientele_export"
 * member.  Everything is exported: customers with their notes, the
 * addresses their signatures name (signs) and the names they announced
 * that have not written yet (announced; CSV joins them in one column), the
 * messages with their history, the digest's events and what each digest
 * sent covered (its events given by their place in the exported list, so
 * that the next digest after an import starts where the last one ended),
 * the ignored addresses and domains, and the tombstones of forgotten addresses with
 * the salt that makes them recognisable (never the addresses).  Each
 * customer's "sent" lists the owner's messages to them (the value-set
 * form's replies are checked against it) with the figure and bill each
 * said for the replies; older exports have none, and import as nothing
 * known.
 *
 * What it never does: import into a store that holds customers, or write
 * part of an import: it is one transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/json.h"
#include "store/store_digest.h"
#include "store_int.h"

#define EXPORT_VERSION 1

/* JOIN(x) joins the values of x with spaces, as each engine spells it */
#define JOIN_SQLITE(x) "group_concat(" x ", ' ')"
#define JOIN_PGSQL(x) "string_agg(" x ", ' ')"
/*
 * ORDER BY customers.email, qualified: the referrer's subquery is an
 * output column named email too, and PostgreSQL finds a bare one ambiguous
 */
#define SQL_X_CUSTOMERS(JOIN) \
    "SELECT id, email, name, category, category_manual, messages, first_seen," \
    " last_seen, code," \
    " (SELECT " JOIN("a.email") " FROM addresses a" \
    "   WHERE a.customer_id = customers.id)," \
    " (SELECT " JOIN("t.tag || ':' || t.count") " FROM tags t" \
    "   WHERE t.customer_id = customers.id)," \
    " (SELECT rc.email FROM referrals r JOIN customers rc" \
    "   ON rc.id = r.referrer_id WHERE r.referred_id = customers.id)," \
    " (SELECT r.how FROM referrals r WHERE r.referred_id = customers.id)," \
    " (SELECT count(*) FROM referrals r WHERE r.referrer_id = customers.id)," \
    " customer, unverified, enquiry_subject, enquiry_at, answered_at" \
    " FROM customers ORDER BY customers.email"
static const char SQL_X_CUSTOMERS_SQLITE[] = SQL_X_CUSTOMERS(JOIN_SQLITE);
static const char SQL_X_CUSTOMERS_PGSQL[] = SQL_X_CUSTOMERS(JOIN_PGSQL);
static const char SQL_X_ADDRESSES[] =
    "SELECT email FROM addresses WHERE customer_id = ?1 ORDER BY email";
static const char SQL_X_EVIDENCE[] =
    "SELECT kind, label, text, how, message_key, at FROM evidence"
    " WHERE customer_id = ?1 ORDER BY at, id";
static const char SQL_X_REFERRAL[] =
    "SELECT rc.email, r.how, r.evidence, r.message_key, r.at FROM referrals r"
    " JOIN customers rc ON rc.id = r.referrer_id WHERE r.referred_id = ?1";
static const char SQL_X_REVENUE[] =
    "SELECT amount_minor, currency, at, reference FROM revenue"
    " WHERE customer_id = ?1 ORDER BY at, id";
static const char SQL_X_ASSESS[] =
    "SELECT value_key, verdict, source, at FROM assessments"
    " WHERE customer_id = ?1 ORDER BY value_key, source";
static const char SQL_X_PENDING[] =
    "SELECT name, evidence, message_key, at FROM pending"
    " WHERE referred_id = ?1 ORDER BY at, id";
/* name_norm is not exported: import derives it from name, as mail does */
static const char SQL_X_ANNOUNCED[] =
    "SELECT name, evidence, message_key, at FROM announced"
    " WHERE referrer_id = ?1 ORDER BY at, id";
static const char SQL_X_MESSAGES[] =
    "SELECT m.key, c.email, m.kind, m.date, m.seen_at, m.subject, m.arrived,"
    " m.facts FROM messages m"
    " LEFT JOIN customers c ON c.id = m.customer_id ORDER BY m.key";
/* the owner's messages to them, with what each said for the replies */
static const char SQL_X_SENT[] =
    "SELECT key, at, said_minor, said_bill FROM sent WHERE customer_id = ?1"
    " ORDER BY at, key";
static const char SQL_X_NOTES[] =
    "SELECT text, at FROM notes WHERE customer_id = ?1 ORDER BY id";
static const char SQL_X_SIGNS[] =
    "SELECT email, message_key, at FROM signs WHERE customer_id = ?1"
    " ORDER BY email";
static const char SQL_X_EVENTS[] =
    "SELECT e.at, e.kind, c.email, o.email, e.detail FROM events e"
    " LEFT JOIN customers c ON c.id = e.customer_id"
    " LEFT JOIN customers o ON o.id = e.other_id ORDER BY e.id";
/*
 * A digest covers events (after_event, upto_event] by number; numbers are
 * not exported (import numbers the events 1..n in their order), so each
 * bound is written as how many events up to it remain: after import that
 * is the event's number again, and the window covers the same events.
 */
static const char SQL_X_DIGESTS[] =
    "SELECT d.sent_at, d.since, d.until,"
    " (SELECT count(*) FROM events e WHERE e.id <= d.after_event),"
    " (SELECT count(*) FROM events e WHERE e.id <= d.upto_event)"
    " FROM digests d ORDER BY d.id";
static const char SQL_X_TOMBSTONES[] =
    "SELECT hash, at FROM tombstones ORDER BY hash";

/* One column printed as a JSON value: text, integer, time or null. */
enum col_kind { COL_TEXT, COL_INT, COL_TIME, COL_BOOL };

struct col {
	const char *name;
	enum col_kind kind;
};

static void
json_col(struct buf *b, struct db_stmt *st, int i, enum col_kind k)
{
	if (db_column_type(st, i) == DB_NULL) {
		buf_puts(b, "null");
		return;
	}
	switch (k) {
	case COL_TEXT:
		esc_json(b, db_column_text(st, i));
		break;
	case COL_INT:
		buf_printf(b, "%lld", (long long)db_column_int64(st, i));
		break;
	case COL_BOOL:
		buf_puts(b, (int)db_column_int64(st, i) ? "true" : "false");
		break;
	case COL_TIME: {
		char t[32];

		time_rfc3339((time_t)db_column_int64(st, i), t);
		buf_printf(b, "\"%s\"", t);
		break;
	}
	}
}

/* json_rows - "name":[{...},...] from a per-customer query */
static int
json_rows(struct store *s, struct buf *b, const char *name, const char *sql,
    int64_t id, const struct col *cols, int ncols, bool single,
    struct err *e)
{
	struct db_stmt *st = store_stmt_id(s, sql, id, e);
	int rc, n = 0;

	if (st == NULL)
		return -1;
	buf_printf(b, ",\"%s\":%s", name, single ? "" : "[");
	while ((rc = db_step(st)) == DB_ROW) {
		buf_puts(b, n++ ? ",{" : "{");
		for (int i = 0; i < ncols; i++) {
			buf_printf(b, "%s\"%s\":", i ? "," : "", cols[i].name);
			json_col(b, st, i, cols[i].kind);
		}
		buf_putc(b, '}');
		if (single)
			break;
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return store_dberr(s, e, "export");
	if (single && n == 0)
		buf_puts(b, "null");
	if (!single)
		buf_putc(b, ']');
	return 0;
}

static int
flush(struct buf *b, FILE *out, struct err *e)
{
	if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
		return err_set(e, "export: write failed");
	buf_reset(b);
	return 0;
}

static const struct col tag_cols[] = {
	{ "tag", COL_TEXT }, { "count", COL_INT }, { "manual", COL_BOOL } };
static const struct col ev_cols[] = {
	{ "kind", COL_TEXT }, { "label", COL_TEXT }, { "text", COL_TEXT },
	{ "how", COL_TEXT }, { "message_key", COL_TEXT }, { "at", COL_TIME } };
static const struct col ref_cols[] = {
	{ "referrer", COL_TEXT }, { "how", COL_TEXT }, { "evidence", COL_TEXT },
	{ "message_key", COL_TEXT }, { "at", COL_TIME } };
static const struct col rev_cols[] = {
	{ "amount_minor", COL_INT }, { "currency", COL_TEXT }, { "at", COL_TIME },
	{ "reference", COL_TEXT } };
static const struct col as_cols[] = {
	{ "value_key", COL_TEXT }, { "verdict", COL_TEXT }, { "source", COL_TEXT },
	{ "at", COL_TIME } };
static const struct col pend_cols[] = {
	{ "name", COL_TEXT }, { "evidence", COL_TEXT }, { "message_key", COL_TEXT },
	{ "at", COL_TIME } };
static const struct col ann_cols[] = {
	{ "name", COL_TEXT }, { "evidence", COL_TEXT }, { "message_key", COL_TEXT },
	{ "at", COL_TIME } };
static const struct col msg_cols[] = {
	{ "key", COL_TEXT }, { "customer", COL_TEXT }, { "kind", COL_TEXT },
	{ "date", COL_INT }, { "seen_at", COL_INT }, { "subject", COL_TEXT },
	{ "arrived", COL_INT }, { "facts", COL_TEXT } };
static const struct col sent_cols[] = {
	{ "key", COL_TEXT }, { "at", COL_TIME }, { "said_minor", COL_INT },
	{ "said_bill", COL_BOOL } };
static const struct col note_cols[] = {
	{ "text", COL_TEXT }, { "at", COL_TIME } };
static const struct col sign_cols[] = {
	{ "email", COL_TEXT }, { "message_key", COL_TEXT }, { "at", COL_TIME } };
static const struct col event_cols[] = {
	{ "at", COL_TIME }, { "kind", COL_TEXT }, { "customer", COL_TEXT },
	{ "other", COL_TEXT }, { "detail", COL_TEXT } };
static const struct col digest_cols[] = {
	{ "sent_at", COL_TIME }, { "since", COL_TIME }, { "until", COL_TIME },
	{ "after_event", COL_INT }, { "upto_event", COL_INT } };
static const struct col ignore_cols[] = {
	{ "pattern", COL_TEXT }, { "reason", COL_TEXT }, { "at", COL_TIME } };
static const struct col tomb_cols[] = {
	{ "hash", COL_TEXT }, { "at", COL_TIME } };
#define NC(a) ((int)(sizeof(a) / sizeof(a[0])))

/* json_table - ,\n"name":[ {row}, ... ] for a whole-store query */
static int
json_table(struct store *s, struct buf *b, FILE *out, const char *name,
    const char *sql, const struct col *cols, int ncols, struct err *e)
{
	struct db_stmt *st = store_stmt(s, sql, e);
	int rc, n = 0;

	if (st == NULL)
		return -1;
	buf_printf(b, ",\"%s\":[", name);
	while ((rc = db_step(st)) == DB_ROW) {
		buf_puts(b, n++ ? ",\n{" : "\n{");
		for (int i = 0; i < ncols; i++) {
			buf_printf(b, "%s\"%s\":", i ? "," : "", cols[i].name);
			json_col(b, st, i, cols[i].kind);
		}
		buf_putc(b, '}');
		if (b->len > 1 << 20 && flush(b, out, e) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	if (rc != DB_DONE)
		return store_dberr(s, e, "export");
	return buf_puts(b, n ? "\n]" : "]");
}

/* json_customer_owner - the manual credit flag, notes, what they signed
 * as, and the owner's messages to them */
static int
json_customer_owner(struct store *s, struct buf *b, int64_t id,
    struct err *e)
{
	int64_t manual = 0;

	if (store_int_of(s, SQL_REFERRAL_MANUAL, id, &manual, e) < 0)
		return -1;
	buf_printf(b, ",\"referral_manual\":%s", manual ? "true" : "false");
	if (json_rows(s, b, "notes", SQL_X_NOTES, id, note_cols,
	    NC(note_cols), false, e) < 0)
		return -1;
	/* the addresses their own signature names (store_signs.c) */
	if (json_rows(s, b, "signs", SQL_X_SIGNS, id, sign_cols,
	    NC(sign_cols), false, e) < 0)
		return -1;
	/* the owner's mail to them, and what its replies may answer */
	return json_rows(s, b, "sent", SQL_X_SENT, id, sent_cols,
	    NC(sent_cols), false, e);
}

/* json_store_owner - events, digests, ignores, tombstones and their salt */
static int
json_store_owner(struct store *s, struct buf *b, FILE *out, struct err *e)
{
	struct db_stmt *st;

	if (json_table(s, b, out, "events", SQL_X_EVENTS, event_cols,
	    NC(event_cols), e) < 0 ||
	    json_table(s, b, out, "digests", SQL_X_DIGESTS, digest_cols,
	    NC(digest_cols), e) < 0 ||
	    json_table(s, b, out, "ignores", SQL_IGNORES, ignore_cols,
	    NC(ignore_cols), e) < 0 ||
	    json_table(s, b, out, "tombstones", SQL_X_TOMBSTONES, tomb_cols,
	    NC(tomb_cols), e) < 0 || (st = store_stmt(s, SQL_SALT, e)) == NULL)
		return -1;
	buf_puts(b, ",\"tombstone_salt\":");
	if (db_step(st) == DB_ROW)
		json_col(b, st, 0, COL_TEXT);
	else
		buf_puts(b, "null");
	db_reset(st);
	return 0;
}

static int
export_json(struct store *s, FILE *out, struct err *e)
{
	struct db_stmt *st;
	struct buf b;
	int rc, n = 0;
	int ret = -1;

	buf_init(&b, 0);
	buf_printf(&b, "{\"clientele_export\":%d,\"customers\":[", EXPORT_VERSION);
	if ((st = store_stmt(s, STORE_SQL(s, SQL_X_CUSTOMERS), e)) == NULL)
		goto out;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_column_int64(st, 0);
		static const struct col cc[] = {
			{ NULL, COL_INT }, { "email", COL_TEXT }, { "name", COL_TEXT },
			{ "category", COL_TEXT }, { "category_manual", COL_BOOL },
			{ "messages", COL_INT }, { "first_seen", COL_TIME },
			{ "last_seen", COL_TIME }, { "code", COL_TEXT } };

		buf_puts(&b, n++ ? ",\n{" : "\n{");
		for (int i = 1; i < NC(cc); i++) {
			buf_printf(&b, "%s\"%s\":", i > 1 ? "," : "", cc[i].name);
			json_col(&b, st, i, cc[i].kind);
		}
		/* the relationship (store migration v3) */
		buf_printf(&b, ",\"status\":\"%s\",\"unverified\":%d",
		    (int)db_column_int64(st, 14) ? "customer" : "prospect",
		    (int)db_column_int64(st, 15));
		buf_puts(&b, ",\"enquiry_subject\":");
		json_col(&b, st, 16, COL_TEXT);
		buf_puts(&b, ",\"enquiry_at\":");
		json_col(&b, st, 17, COL_TIME);
		buf_puts(&b, ",\"answered_at\":");
		json_col(&b, st, 18, COL_TIME);
		/* the per-customer statements are distinct from st */
		buf_puts(&b, ",\"addresses\":[");
		{
			struct db_stmt *a = store_stmt(s, SQL_X_ADDRESSES, e);
			int k = 0;

			if (a == NULL)
				goto out_reset;
			db_bind_int64(a, 1, id);
			while (db_step(a) == DB_ROW) {
				buf_puts(&b, k++ ? "," : "");
				esc_json(&b, db_column_text(a, 0));
			}
			db_reset(a);
		}
		buf_putc(&b, ']');
		if (json_rows(s, &b, "tags", SQL_TAGS_BY_NAME, id, tag_cols,
		    NC(tag_cols), false, e) < 0 ||
		    json_rows(s, &b, "evidence", SQL_X_EVIDENCE, id, ev_cols,
		    NC(ev_cols), false, e) < 0 ||
		    json_rows(s, &b, "referral", SQL_X_REFERRAL, id, ref_cols,
		    NC(ref_cols), true, e) < 0 ||
		    json_rows(s, &b, "revenue", SQL_X_REVENUE, id, rev_cols,
		    NC(rev_cols), false, e) < 0 ||
		    json_rows(s, &b, "assessments", SQL_X_ASSESS, id, as_cols,
		    NC(as_cols), false, e) < 0 ||
		    json_rows(s, &b, "pending", SQL_X_PENDING, id, pend_cols,
		    NC(pend_cols), false, e) < 0 ||
		    json_rows(s, &b, "announced", SQL_X_ANNOUNCED, id, ann_cols,
		    NC(ann_cols), false, e) < 0 ||
		    json_customer_owner(s, &b, id, e) < 0)
			goto out_reset;
		buf_putc(&b, '}');
		if (b.len > 1 << 20 && flush(&b, out, e) < 0)
			goto out_reset;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		store_dberr(s, e, "export");
		goto out;
	}
	buf_puts(&b, "\n],\"messages\":");
	/* messages are not per customer: reuse json_rows' shape by hand */
	if ((st = store_stmt(s, SQL_X_MESSAGES, e)) == NULL)
		goto out;
	buf_putc(&b, '[');
	n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		buf_puts(&b, n++ ? ",\n{" : "\n{");
		for (int i = 0; i < NC(msg_cols); i++) {
			buf_printf(&b, "%s\"%s\":", i ? "," : "", msg_cols[i].name);
			json_col(&b, st, i, msg_cols[i].kind);
		}
		buf_putc(&b, '}');
		if (b.len > 1 << 20 && flush(&b, out, e) < 0)
			goto out_reset;
	}
	db_reset(st);
	buf_puts(&b, "\n]");
	if (json_store_owner(s, &b, out, e) < 0)
		goto out;
	buf_puts(&b, "}\n");
	ret = flush(&b, out, e);
	goto out;
out_reset:
	db_reset(st);
out:
	buf_free(&b);
	return ret;
}

/*
 * csv_announced - ",NAME; NAME" for a spreadsheet: the names customer id
 * announced that have not written yet, oldest first, as one cell
 */
static int
csv_announced(struct store *s, struct buf *b, int64_t id, struct err *e)
{
	struct db_stmt *st = store_stmt_id(s, SQL_X_ANNOUNCED, id, e);
	struct buf names;
	int rc, n = 0;

	if (st == NULL)
		return -1;
	buf_init(&names, 0);
	while ((rc = db_step(st)) == DB_ROW)
		if ((n++ && buf_puts(&names, "; ") < 0) ||
		    buf_puts(&names, db_column_text(st, 0) ?
		    db_column_text(st, 0) : "") < 0)
			break;
	db_reset(st);
	if (rc != DB_DONE) {
		buf_free(&names);
		return rc == DB_ROW ? err_set(e, "export: out of memory") :
		    store_dberr(s, e, "export");
	}
	rc = buf_putc(b, ',') < 0 || (n > 0 && esc_csv(b, names.data) < 0) ?
	    err_set(e, "export: out of memory") : 0;
	buf_free(&names);
	return rc;
}

static int
export_csv(struct store *s, FILE *out, struct err *e)
{
	static const char *head = "email,name,category,category_manual,messages,"
	    "first_seen,last_seen,code,addresses,tags,referred_by,referral_how,"
	    "referrals,announced\r\n";
	struct db_stmt *st = store_stmt(s, STORE_SQL(s, SQL_X_CUSTOMERS), e);
	struct buf b;
	int rc, failed = 0;

	if (st == NULL)
		return -1;
	buf_init(&b, 0);
	buf_puts(&b, head);
	while ((rc = db_step(st)) == DB_ROW) {
		for (int i = 1; i <= 13; i++) {
			char t[32];

			if (i > 1)
				buf_putc(&b, ',');
			if (i == 6 || i == 7) {
				time_rfc3339((time_t)db_column_int64(st, i), t);
				buf_puts(&b, t);
			} else if (i == 4) {
				buf_puts(&b, (int)db_column_int64(st, i) ? "yes" : "no");
			} else {
				esc_csv(&b, db_column_text(st, i));
			}
		}
		if ((failed = csv_announced(s, &b, db_column_int64(st, 0),
		    e)) < 0)
			break;
		buf_puts(&b, "\r\n");
		if (b.len > 1 << 20 && (failed = flush(&b, out, e)) < 0)
			break;
	}
	db_reset(st);
	if (failed < 0 || rc != DB_DONE) {
		buf_free(&b);
		return failed < 0 ? -1 : store_dberr(s, e, "export");
	}
	rc = flush(&b, out, e);
	buf_free(&b);
	return rc;
}

int
store_export(struct store *s, enum export_format fmt, FILE *out, struct err *e)
{
	return fmt == EXPORT_CSV ? export_csv(s, out, e) : export_json(s, out, e);
}
