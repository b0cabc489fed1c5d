/*
 * store_import - read `clientele export --format json` back into a store.
 *
 * What it is for: moving a store to another machine or rebuilding it, so
 * that exporting the imported store gives the same file again.
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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/category.h"
#include "store/fields.h"
#include "util/json.h"
#include "store/store_digest.h"
#include "store_int.h"

static const char SQL_I_COUNT[] = "SELECT count(*) FROM customers";
static const char SQL_I_CUSTOMER[] =
    "INSERT INTO customers (email, name, category, category_manual, messages,"
    " first_seen, last_seen, code, customer, unverified, enquiry_subject,"
    " enquiry_at, answered_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " RETURNING id";
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
static const char SQL_I_SIGN[] =
    "INSERT INTO signs (customer_id, email, message_key, at)"
    " VALUES (?1, lower(?2), ?3, ?4)";
static const char SQL_I_NO_EVENTS[] = "DELETE FROM events";
static const char SQL_I_EVENT[] =
    "INSERT INTO events (at, kind, customer_id, other_id, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
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
	char where[96];		/* the record: "customers[3].tags[0]" */
	size_t line;		/* where it starts in the file */
};

/* at - the record now looked at, and its line */
static void at(struct imp *im, const struct json *j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
at(struct imp *im, const struct json *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(im->where, sizeof(im->where), fmt, ap);
	va_end(ap);
	if (j != NULL)
		im->line = j->line;
}

static int
bad(struct imp *im, const char *what)
{
	return err_set(im->e, "%s: %s", im->where, what);
}

/* The kinds of member a record may have, each checked by its grammar. */
enum mkind {
	MK_EMAIL, MK_TEXT, MK_LINE, MK_TAG, MK_CODE, MK_WORD, MK_VALUE_KEY,
	MK_VERDICT, MK_SOURCE, MK_CATEGORY, MK_CURRENCY, MK_TIME, MK_EPOCH,
	MK_COUNT, MK_AMOUNT, MK_BOOL,
};

struct member {
	const char *key;
	enum mkind kind;
	bool required;		/* present and not null */
};

static const char *const mkind_says[] = {
	[MK_EMAIL] = "not an email address",
	[MK_TEXT] = "not text of at most 1 MiB",
	[MK_LINE] = "not one line of text (no line break, at most 1 MiB)",
	[MK_TAG] = "not a tag (a-z, 0-9, - and _, at most 64 bytes)",
	[MK_CODE] = "not a referral code (a-z, 0-9, - and _, at most 64 bytes)",
	[MK_WORD] = "not a word (a-z, 0-9, - and _, at most 32 bytes)",
	[MK_VALUE_KEY] = "not a value key (a-z first, then a-z, 0-9 and -)",
	[MK_VERDICT] = "not yes, no or unknown",
	[MK_SOURCE] = "not owner or self",
	[MK_CATEGORY] = "not good, ok or bad",
	[MK_CURRENCY] = "not a currency code (three capital letters)",
	[MK_TIME] = "not a time as YYYY-MM-DDTHH:MM:SSZ",
	[MK_EPOCH] = "not a time in seconds between the years 0 and 9999",
	[MK_COUNT] = "not a count (0 to 2147483647)",
	[MK_AMOUNT] = "not an amount in minor units (at most 10^14 either way)",
	[MK_BOOL] = "not true or false",
};

/* member_ok - does v (not NULL, not null) fit the kind? */
static bool
member_ok(const struct json *v, enum mkind k)
{
	time_t t;

	switch (k) {
	case MK_BOOL:
		return v->type == JSON_BOOL;
	case MK_EPOCH:
		return v->type == JSON_INT && field_time(v->i);
	case MK_COUNT:
		return v->type == JSON_INT && field_count(v->i);
	case MK_AMOUNT:
		return v->type == JSON_INT && field_amount(v->i);
	default:
		break;
	}
	if (v->type != JSON_STRING)
		return false;
	switch (k) {
	case MK_EMAIL: return email_valid(v->s);
	case MK_TEXT: return field_text(v->s);
	case MK_LINE: return field_line(v->s);
	case MK_TAG: return field_tag(v->s);
	case MK_CODE: return field_code(v->s);
	case MK_WORD: return field_word(v->s);
	case MK_VALUE_KEY: return field_value_key(v->s);
	case MK_VERDICT: return field_verdict(v->s);
	case MK_SOURCE:
		return strcmp(v->s, "owner") == 0 || strcmp(v->s, "self") == 0;
	case MK_CATEGORY: return category_valid(v->s) != 0;
	case MK_CURRENCY: return field_currency(v->s);
	case MK_TIME: return rfc3339_parse(v->s, &t) == 0;
	default: return false;
	}
}

/*
 * check_members - j is an object whose members in m[] fit their kinds;
 * the first that does not is named after im->where, with (the start of)
 * its value.  Members not in m[] are left alone (a later export may add
 * some).
 */
static int
check_members(struct imp *im, const struct json *j, const struct member *m,
    size_t n)
{
	if (j == NULL || j->type != JSON_OBJECT)
		return bad(im, "not an object");
	for (size_t i = 0; i < n; i++) {
		const struct json *v = json_get(j, m[i].key);

		if (v == NULL || v->type == JSON_NULL) {
			if (m[i].required)
				return err_set(im->e, "%s.%s: missing", im->where,
				    m[i].key);
			continue;
		}
		if (member_ok(v, m[i].kind))
			continue;
		if (v->type == JSON_STRING)
			return err_set(im->e, "%s.%s: %s: '%.60s%s'", im->where,
			    m[i].key, mkind_says[m[i].kind], v->s,
			    strlen(v->s) > 60 ? "..." : "");
		if (v->type == JSON_INT)
			return err_set(im->e, "%s.%s: %s: %lld", im->where,
			    m[i].key, mkind_says[m[i].kind], v->i);
		return err_set(im->e, "%s.%s: %s", im->where, m[i].key,
		    mkind_says[m[i].kind]);
	}
	return 0;
}

#define NMEMBERS(a) (sizeof(a) / sizeof(a[0]))

static const struct member customer_members[] = {
	{ "email", MK_EMAIL, true }, { "name", MK_TEXT, false },
	{ "category", MK_CATEGORY, true }, { "category_manual", MK_BOOL, false },
	{ "messages", MK_COUNT, false }, { "first_seen", MK_TIME, true },
	{ "last_seen", MK_TIME, true }, { "code", MK_CODE, false },
	{ "referral_manual", MK_BOOL, false }, { "status", MK_WORD, false },
	{ "unverified", MK_COUNT, false }, { "enquiry_subject", MK_TEXT, false },
	{ "enquiry_at", MK_TIME, false }, { "answered_at", MK_TIME, false },
};
static const struct member tag_members[] = {
	{ "tag", MK_TAG, true }, { "count", MK_COUNT, false },
	{ "manual", MK_BOOL, false },
};
static const struct member evidence_members[] = {
	{ "kind", MK_WORD, true }, { "label", MK_LINE, false },
	{ "text", MK_TEXT, false }, { "how", MK_LINE, false },
	{ "message_key", MK_LINE, false }, { "at", MK_TIME, true },
};
static const struct member referral_members[] = {
	{ "referrer", MK_EMAIL, true }, { "how", MK_LINE, false },
	{ "evidence", MK_TEXT, false }, { "message_key", MK_LINE, false },
	{ "at", MK_TIME, true },
};
static const struct member revenue_members[] = {
	{ "amount_minor", MK_AMOUNT, true }, { "currency", MK_CURRENCY, false },
	{ "at", MK_TIME, true }, { "reference", MK_LINE, false },
};
static const struct member assessment_members[] = {
	{ "value_key", MK_VALUE_KEY, true }, { "verdict", MK_VERDICT, true },
	{ "source", MK_SOURCE, true }, { "at", MK_TIME, true },
};
static const struct member pending_members[] = {
	{ "name", MK_LINE, true }, { "evidence", MK_TEXT, false },
	{ "message_key", MK_LINE, false }, { "at", MK_TIME, true },
};
static const struct member message_members[] = {
	{ "key", MK_LINE, true }, { "customer", MK_EMAIL, false },
	{ "kind", MK_WORD, true }, { "date", MK_EPOCH, false },
	{ "seen_at", MK_EPOCH, false }, { "subject", MK_TEXT, false },
	{ "arrived", MK_EPOCH, false }, { "facts", MK_TEXT, false },
};
static const struct member note_members[] = {
	{ "text", MK_TEXT, true }, { "at", MK_TIME, true },
};
static const struct member sign_members[] = {
	{ "email", MK_EMAIL, true }, { "message_key", MK_LINE, false },
	{ "at", MK_TIME, true },
};
static const struct member event_members[] = {
	{ "at", MK_TIME, true }, { "kind", MK_WORD, true },
	{ "customer", MK_EMAIL, false }, { "other", MK_EMAIL, false },
	{ "detail", MK_TEXT, false },
};
static const struct member digest_members[] = {
	{ "sent_at", MK_TIME, true }, { "since", MK_TIME, true },
	{ "until", MK_TIME, true }, { "after_event", MK_COUNT, true },
	{ "upto_event", MK_COUNT, true },
};
static const struct member ignore_members[] = {
	{ "pattern", MK_LINE, true }, { "reason", MK_TEXT, false },
	{ "at", MK_TIME, true },
};
static const struct member tombstone_members[] = {
	{ "hash", MK_LINE, true }, { "at", MK_TIME, true },
};

/* bind_text_member - bind j[key] (string or null) at i; -1 if of another type */
static int
bind_text(struct db_stmt *st, int i, const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	if (v == NULL || v->type == JSON_NULL)
		return db_bind_null(st, i) == DB_OK ? 0 : -1;
	if (v->type != JSON_STRING)
		return -1;
	return db_bind_text(st, i, v->s, -1) == DB_OK ?
	    0 : -1;
}

static int
bind_time(struct db_stmt *st, int i, const struct json *j, const char *key)
{
	time_t t;

	if (rfc3339_parse(json_str(j, key), &t) < 0)
		return -1;
	db_bind_int64(st, i, (int64_t)t);
	return 0;
}

/* bind_int_or_null - j[key] (integer or null/absent) at i */
static int
bind_int_or_null(struct db_stmt *st, int i, const struct json *j,
    const char *key)
{
	const struct json *v = json_get(j, key);

	if (v == NULL || v->type == JSON_NULL)
		return db_bind_null(st, i) == DB_OK ? 0 : -1;
	if (v->type != JSON_INT)
		return -1;
	db_bind_int64(st, i, v->i);
	return 0;
}

static const struct json *
array_of(const struct json *j, const char *key)
{
	const struct json *a = json_get(j, key);

	return a && a->type == JSON_ARRAY ? a : NULL;
}

/* list_of - j[key] as an array; NULL when absent or null, -1 if another type */
static int
list_of(struct imp *im, const struct json *j, const char *key,
    const struct json **out)
{
	const struct json *a = json_get(j, key);

	*out = NULL;
	if (a == NULL || a->type == JSON_NULL)
		return 0;
	if (a->type != JSON_ARRAY)
		return err_set(im->e, "%s.%s: not a list", im->where, key);
	*out = a;
	return 0;
}

/* run - the statement, its failure named after the record */
static int
run(struct imp *im, struct db_stmt *st)
{
	if (store_run(im->s, st, im->e) < 0) {
		char why[sizeof(im->e->msg)];

		memcpy(why, im->e->msg, sizeof(why));
		return err_set(im->e, "%s: %.400s", im->where, why);
	}
	return 0;
}

/* insert_rows - one INSERT per item of j[key], each checked first */
static int
insert_rows(struct imp *im, const struct json *c, size_t ci, const char *key,
    const char *sql, int64_t id, const struct member *m, size_t nm,
    int (*binder)(struct db_stmt *, const struct json *))
{
	const struct json *a;

	at(im, c, "customers[%zu]", ci);
	if (list_of(im, c, key, &a) < 0)
		return -1;
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		struct db_stmt *st;

		at(im, a->items[i], "customers[%zu].%s[%zu]", ci, key, i);
		if (check_members(im, a->items[i], m, nm) < 0)
			return -1;
		if ((st = store_stmt(im->s, sql, im->e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		if (binder(st, a->items[i]) < 0) {
			db_reset(st);
			return bad(im, "a member is missing or of the wrong type");
		}
		if (run(im, st) < 0)
			return -1;
	}
	return 0;
}

static int
bind_tag(struct db_stmt *st, const struct json *j)
{
	const struct json *m = json_get(j, "manual");

	db_bind_int64(st, 3, json_int(j, "count", 0));
	db_bind_int64(st, 4, m && m->type == JSON_BOOL && m->b);
	return json_str(j, "tag") ? bind_text(st, 2, j, "tag") : -1;
}

static int
bind_evidence(struct db_stmt *st, const struct json *j)
{
	return json_str(j, "kind") == NULL || bind_text(st, 2, j, "kind") ||
	    bind_text(st, 3, j, "label") || bind_text(st, 4, j, "text") ||
	    bind_text(st, 5, j, "how") || bind_text(st, 6, j, "message_key") ||
	    bind_time(st, 7, j, "at") ? -1 : 0;
}

static int
bind_revenue(struct db_stmt *st, const struct json *j)
{
	const struct json *a = json_get(j, "amount_minor");

	if (a == NULL || a->type != JSON_INT)
		return -1;
	db_bind_int64(st, 2, a->i);
	return bind_text(st, 3, j, "currency") || bind_time(st, 4, j, "at") ||
	    bind_text(st, 5, j, "reference") ? -1 : 0;
}

static int
bind_assessment(struct db_stmt *st, const struct json *j)
{
	return json_str(j, "value_key") == NULL || json_str(j, "verdict") == NULL ||
	    json_str(j, "source") == NULL || bind_text(st, 2, j, "value_key") ||
	    bind_text(st, 3, j, "verdict") || bind_text(st, 4, j, "source") ||
	    bind_time(st, 5, j, "at") ? -1 : 0;
}

static int
bind_pending(struct db_stmt *st, const struct json *j)
{
	const char *name = json_str(j, "name");
	char *norm;

	if (name == NULL || (norm = store_norm_name(name)) == NULL)
		return -1;
	db_bind_text(st, 1, norm, -1);
	free(norm);
	return bind_text(st, 2, j, "name") || bind_text(st, 4, j, "evidence") ||
	    bind_text(st, 5, j, "message_key") || bind_time(st, 6, j, "at") ? -1 : 0;
}

/*
 * relation - the relationship members (absent in older exports: a
 * customer, as the store made everyone then) bound as ?9 to ?13; -1 when
 * one is present but malformed.
 */
static int
relation(struct db_stmt *st, const struct json *c)
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
	db_bind_int64(st, 9, status == NULL || strcmp(status, "customer") == 0);
	db_bind_int64(st, 10, unverified);
	if (bind_text(st, 11, c, "enquiry_subject") < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		const char *key = i == 0 ? "enquiry_at" : "answered_at";

		v = json_get(c, key);
		if (v == NULL || v->type == JSON_NULL)
			continue;
		if (rfc3339_parse(json_str(c, key), &t) < 0)
			return -1;
		db_bind_int64(st, 12 + i, (int64_t)t);
	}
	return 0;
}

/*
 * check_addresses - at least one address, each valid, the customer's own
 * among them: a customer no address leads to could never be reached again
 */
static int
check_addresses(struct imp *im, const struct json *c, size_t ci,
    const struct json **out)
{
	const char *email = json_str(c, "email");
	const struct json *addrs;
	bool own = false;

	if (list_of(im, c, "addresses", &addrs) < 0)
		return -1;
	if (addrs == NULL || addrs->n == 0)
		return err_set(im->e, "%s.addresses: a customer needs at least "
		    "one address", im->where);
	for (size_t i = 0; i < addrs->n; i++) {
		const struct json *a = addrs->items[i];

		at(im, a, "customers[%zu].addresses[%zu]", ci, i);
		if (a->type != JSON_STRING || !email_valid(a->s))
			return err_set(im->e, "%s: not an email address%s%.60s%s",
			    im->where, a->type == JSON_STRING ? ": '" : "",
			    a->type == JSON_STRING ? a->s : "",
			    a->type == JSON_STRING ? "'" : "");
		if (strcasecmp(a->s, email) == 0)
			own = true;
	}
	at(im, c, "customers[%zu]", ci);
	if (!own)
		return err_set(im->e, "%s.addresses: the customer's email %.100s "
		    "is not among them", im->where, email);
	*out = addrs;
	return 0;
}

/* one_customer - the customers row, its addresses and its own lists */
static int
one_customer(struct imp *im, const struct json *c, size_t ci,
    int64_t *id)
{
	const struct json *man = json_get(c, "category_manual");
	const struct json *addrs = NULL;
	struct db_stmt *st;

	at(im, c, "customers[%zu]", ci);
	if (check_members(im, c, customer_members,
	    NMEMBERS(customer_members)) < 0 ||
	    check_addresses(im, c, ci, &addrs) < 0)
		return -1;
	if ((st = store_stmt(im->s, SQL_I_CUSTOMER, im->e)) == NULL)
		return -1;
	if (bind_text(st, 1, c, "email") || bind_text(st, 2, c, "name") ||
	    bind_text(st, 3, c, "category") || bind_time(st, 6, c, "first_seen") ||
	    bind_time(st, 7, c, "last_seen") || bind_text(st, 8, c, "code")) {
		db_reset(st);
		return bad(im, "not a customer record (email, category, addresses, "
		    "first_seen and last_seen are required)");
	}
	db_bind_int64(st, 4, man && man->type == JSON_BOOL && man->b);
	db_bind_int64(st, 5, json_int(c, "messages", 0));
	if (relation(st, c) < 0) {
		db_reset(st);
		return bad(im, "bad status, unverified, enquiry_subject, "
		    "enquiry_at or answered_at");
	}
	if (store_insert_id(im->s, st, id, im->e) < 0) {
		char why[sizeof(im->e->msg)];

		memcpy(why, im->e->msg, sizeof(why));
		return err_set(im->e, "%s: %.400s", im->where, why);
	}
	for (size_t i = 0; i < addrs->n; i++) {
		at(im, addrs->items[i], "customers[%zu].addresses[%zu]", ci, i);
		if ((st = store_stmt(im->s, SQL_I_ADDRESS, im->e)) == NULL)
			return -1;
		db_bind_text(st, 1, addrs->items[i]->s, -1);
		db_bind_int64(st, 2, *id);
		if (run(im, st) < 0)
			return -1;
	}
	return insert_rows(im, c, ci, "tags", SQL_I_TAG, *id, tag_members,
	    NMEMBERS(tag_members), bind_tag) < 0 ||
	    insert_rows(im, c, ci, "evidence", SQL_I_EVIDENCE, *id,
	    evidence_members, NMEMBERS(evidence_members), bind_evidence) < 0 ||
	    insert_rows(im, c, ci, "revenue", SQL_I_REVENUE, *id,
	    revenue_members, NMEMBERS(revenue_members), bind_revenue) < 0 ||
	    insert_rows(im, c, ci, "assessments", SQL_I_ASSESS, *id,
	    assessment_members, NMEMBERS(assessment_members),
	    bind_assessment) < 0 ? -1 : 0;
}

/* links - referrals and pending rows, once every customer exists */
static int
links(struct imp *im, const struct json *c, size_t ci, int64_t id)
{
	const struct json *r = json_get(c, "referral");
	const struct json *p;
	int64_t rid;
	struct db_stmt *st;

	at(im, c, "customers[%zu]", ci);
	if (list_of(im, c, "pending", &p) < 0)
		return -1;
	at(im, r != NULL ? r : c, "customers[%zu].referral", ci);
	if (r != NULL && r->type != JSON_NULL) {
		const char *who = json_str(r, "referrer");

		if (check_members(im, r, referral_members,
		    NMEMBERS(referral_members)) < 0)
			return -1;
		if (store_id_for(im->s, who, &rid, im->e) != 1)
			return bad(im, "the referrer is not a customer in the file");
		if (rid == id)
			return bad(im, "a customer cannot refer themselves");
		if ((st = store_stmt(im->s, SQL_I_REFERRAL, im->e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, rid);
		if (bind_text(st, 3, r, "how") || bind_text(st, 4, r, "evidence") ||
		    bind_text(st, 5, r, "message_key") || bind_time(st, 6, r, "at")) {
			db_reset(st);
			return bad(im, "a member is missing or of the wrong type");
		}
		if (run(im, st) < 0)
			return -1;
	}
	for (size_t i = 0; p && i < p->n; i++) {
		at(im, p->items[i], "customers[%zu].pending[%zu]", ci, i);
		if (check_members(im, p->items[i], pending_members,
		    NMEMBERS(pending_members)) < 0)
			return -1;
		if ((st = store_stmt(im->s, SQL_I_PENDING, im->e)) == NULL)
			return -1;
		if (bind_pending(st, p->items[i]) < 0) {
			db_reset(st);
			return bad(im, "a member is missing or of the wrong type");
		}
		db_bind_int64(st, 3, id);
		if (run(im, st) < 0)
			return -1;
	}
	return 0;
}

static int
messages(struct imp *im, const struct json *root)
{
	const struct json *a;

	at(im, root, "file");
	if (list_of(im, root, "messages", &a) < 0)
		return -1;
	for (size_t i = 0; a && i < a->n; i++) {
		const struct json *m = a->items[i];
		const char *who = json_str(m, "customer");
		struct db_stmt *st;
		int64_t id = 0;

		at(im, m, "messages[%zu]", i);
		if (check_members(im, m, message_members,
		    NMEMBERS(message_members)) < 0)
			return -1;
		if (who && store_id_for(im->s, who, &id, im->e) != 1)
			return bad(im, "the message's customer is not in the file");
		if ((st = store_stmt(im->s, SQL_I_MESSAGE, im->e)) == NULL)
			return -1;
		bind_text(st, 1, m, "key");
		if (who)
			db_bind_int64(st, 2, id);
		bind_text(st, 3, m, "kind");
		db_bind_int64(st, 4, json_int(m, "date", 0));
		db_bind_int64(st, 5, json_int(m, "seen_at", 0));
		if (bind_text(st, 6, m, "subject") < 0 ||
		    bind_int_or_null(st, 7, m, "arrived") < 0 ||
		    bind_text(st, 8, m, "facts") < 0) {
			db_reset(st);
			return bad(im, "subject, arrived or facts of the wrong type");
		}
		if (run(im, st) < 0)
			return -1;
	}
	return 0;
}

static int
bind_note(struct db_stmt *st, const struct json *j)
{
	const char *t = json_str(j, "text");

	return t == NULL || *t == '\0' || bind_text(st, 2, j, "text") ||
	    bind_time(st, 3, j, "at") ? -1 : 0;
}

static int
bind_sign(struct db_stmt *st, const struct json *j)
{
	return bind_text(st, 2, j, "email") || bind_text(st, 3, j,
	    "message_key") || bind_time(st, 4, j, "at") ? -1 : 0;
}

/* customer_owner - the manual credit flag, the notes and the signatures of one customer */
static int
customer_owner(struct imp *im, const struct json *c, size_t ci,
    int64_t id)
{
	const struct json *m = json_get(c, "referral_manual");
	struct db_stmt *st;

	at(im, c, "customers[%zu]", ci);
	if (m != NULL && m->type != JSON_BOOL)
		return bad(im, "referral_manual is not true or false");
	if (m != NULL && m->b) {
		if ((st = store_stmt(im->s, SQL_I_MANUAL, im->e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		if (run(im, st) < 0)
			return -1;
	}
	return insert_rows(im, c, ci, "notes", SQL_I_NOTE, id, note_members,
	    NMEMBERS(note_members), bind_note) < 0 ? -1 :
	    insert_rows(im, c, ci, "signs", SQL_I_SIGN, id, sign_members,
	    NMEMBERS(sign_members), bind_sign);
}

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

	at(im, root, "file");
	if (list_of(im, root, "events", &a) < 0)
		return -1;
	if (a == NULL)
		return 0;
	if (store_run(im->s, store_stmt(im->s, SQL_I_NO_EVENTS, im->e),
	    im->e) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct json *v = a->items[i];

		at(im, v, "events[%zu]", i);
		if (check_members(im, v, event_members,
		    NMEMBERS(event_members)) < 0)
			return -1;
		if ((st = store_stmt(im->s, SQL_I_EVENT, im->e)) == NULL)
			return -1;
		if (v->type != JSON_OBJECT || json_str(v, "kind") == NULL ||
		    bind_time(st, 1, v, "at") || bind_text(st, 2, v, "kind") ||
		    bind_who(im, st, 3, v, "customer") ||
		    bind_who(im, st, 4, v, "other") ||
		    bind_text(st, 5, v, "detail")) {
			db_reset(st);
			return bad(im, "not an event (at, kind, and customers "
			    "in the file)");
		}
		if (run(im, st) < 0)
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

	at(im, root, "file");
	if (list_of(im, root, "digests", &a) < 0)
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

		at(im, v, "digests[%zu]", i);
		if (check_members(im, v, digest_members,
		    NMEMBERS(digest_members)) < 0)
			return -1;
		after = json_int(v, "after_event", -1);
		upto = json_int(v, "upto_event", -1);
		if (rfc3339_parse(json_str(v, "since"), &since) < 0 ||
		    rfc3339_parse(json_str(v, "until"), &until) < 0 ||
		    since > until || after > upto || upto > nevents)
			return bad(im, "not a digest (since <= until, after_event "
			    "<= upto_event <= the number of events)");
		if ((st = store_stmt(im->s, SQL_I_DIGEST, im->e)) == NULL)
			return -1;
		if (bind_time(st, 1, v, "sent_at") || bind_time(st, 2, v, "since") ||
		    bind_time(st, 3, v, "until")) {
			db_reset(st);
			return bad(im, "not a digest");
		}
		db_bind_int64(st, 4, (int64_t)after);
		db_bind_int64(st, 5, (int64_t)upto);
		if (run(im, st) < 0)
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

	at(im, root, "file");
	if (list_of(im, root, "ignores", &a) < 0)
		return -1;
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		const struct json *v = a->items[i];
		const char *p = json_str(v, "pattern");

		at(im, v, "ignores[%zu]", i);
		if (check_members(im, v, ignore_members,
		    NMEMBERS(ignore_members)) < 0)
			return -1;
		if ((st = store_stmt(im->s, SQL_I_IGNORE, im->e)) == NULL)
			return -1;
		if (p == NULL || (p[0] == '@' ? strchr(p + 1, '.') == NULL ||
		    strchr(p + 1, '@') != NULL : !email_valid(p)) ||
		    bind_text(st, 1, v, "pattern") ||
		    bind_text(st, 2, v, "reason") || bind_time(st, 3, v, "at")) {
			db_reset(st);
			return bad(im, "not an ignore (pattern is an address or "
			    "@domain; at)");
		}
		if (run(im, st) < 0)
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

	at(im, root, "file");
	if (list_of(im, root, "tombstones", &a) < 0)
		return -1;
	at(im, json_get(root, "tombstone_salt"), "tombstone_salt");
	if (salt != NULL) {
		if (!hex_of(salt, 32))
			return bad(im, "not 32 hex digits");
		if ((st = store_stmt(im->s, SQL_I_SALT, im->e)) == NULL)
			return -1;
		db_bind_text(st, 1, salt, -1);
		if (run(im, st) < 0)
			return -1;
		im->s->salt[0] = '\0';	/* read again on next use */
		im->s->any_blocked = -1;
	} else if (a != NULL && a->n > 0) {
		return bad(im, "tombstones need their salt");
	}
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		const struct json *v = a->items[i];

		at(im, v, "tombstones[%zu]", i);
		if (check_members(im, v, tombstone_members,
		    NMEMBERS(tombstone_members)) < 0)
			return -1;
		if ((st = store_stmt(im->s, SQL_I_TOMBSTONE, im->e)) == NULL)
			return -1;
		if (!hex_of(json_str(v, "hash"), 64) ||
		    bind_text(st, 1, v, "hash") || bind_time(st, 2, v, "at")) {
			db_reset(st);
			return bad(im, "not a tombstone (hash: 64 hex digits; at)");
		}
		if (run(im, st) < 0)
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
	db_reset(st);
	if (rc != DB_DONE)
		return store_dberr(s, e, "import");
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
