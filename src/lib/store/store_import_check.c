/*
 * store_import_check - the grammar of an export's records, and binding
 * their members (store_import.c and store_import_customers.c).
 *
 * What it is for: checking one record against the table of its members
 * (struct imp_member, store_int.h): each member of the kind it says, the
 * required ones present, as strictly as mail is checked (fields.h), and
 * naming the first that is not by the record's place in the file
 * ("customers[12].tags[0].tag: not a tag ..."); then binding members to
 * a statement and running it with the failure named the same way.
 *
 * What it owns: the words each kind of member is refused with.
 *
 * What it never does: decide which records there are, or their order
 * (store_import.c does), or build SQL from the file's text (bound only).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "classify/category.h"
#include "store/fields.h"
#include "util/json.h"
#include "store_int.h"

/* imp_rfc3339 - "YYYY-MM-DDTHH:MM:SSZ" as clientele writes it */
int
imp_rfc3339(const char *s, time_t *out)
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

void
imp_at(struct imp *im, const struct json *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(im->where, sizeof(im->where), fmt, ap);
	va_end(ap);
	if (j != NULL)
		im->line = j->line;
}

int
imp_bad(struct imp *im, const char *what)
{
	return err_set(im->e, "%s: %s", im->where, what);
}

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
	case MK_TIME: return imp_rfc3339(v->s, &t) == 0;
	default: return false;
	}
}

/*
 * imp_check - j is an object whose members in m[] fit their kinds;
 * the first that does not is named after im->where, with (the start of)
 * its value.  Members not in m[] are left alone (a later export may add
 * some).
 */
int
imp_check(struct imp *im, const struct json *j, const struct imp_member *m,
    size_t n)
{
	if (j == NULL || j->type != JSON_OBJECT)
		return imp_bad(im, "not an object");
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

/* imp_text - bind j[key] (string or null) at i; -1 if of another type */
int
imp_text(struct db_stmt *st, int i, const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	if (v == NULL || v->type == JSON_NULL)
		return db_bind_null(st, i) == DB_OK ? 0 : -1;
	if (v->type != JSON_STRING)
		return -1;
	return db_bind_text(st, i, v->s, -1) == DB_OK ?
	    0 : -1;
}

int
imp_time(struct db_stmt *st, int i, const struct json *j, const char *key)
{
	time_t t;

	if (imp_rfc3339(json_str(j, key), &t) < 0)
		return -1;
	db_bind_int64(st, i, (int64_t)t);
	return 0;
}

/* imp_int_or_null - j[key] (integer or null/absent) at i */
int
imp_int_or_null(struct db_stmt *st, int i, const struct json *j,
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

const struct json *
imp_array(const struct json *j, const char *key)
{
	const struct json *a = json_get(j, key);

	return a && a->type == JSON_ARRAY ? a : NULL;
}

/* imp_list - j[key] as an array; NULL when absent or null, -1 if another type */
int
imp_list(struct imp *im, const struct json *j, const char *key,
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

/* imp_stmt - the record checked, then its statement */
struct db_stmt *
imp_stmt(struct imp *im, const struct json *j, const struct imp_member *m,
    size_t n, const char *sql)
{
	if (imp_check(im, j, m, n) < 0)
		return NULL;
	return store_stmt(im->s, sql, im->e);
}

/* imp_refuse - a record whose members would not bind */
int
imp_refuse(struct imp *im, struct db_stmt *st, const char *what)
{
	db_reset(st);
	return imp_bad(im, what);
}

/* imp_failed - "WHERE: " before what went wrong */
int
imp_failed(struct imp *im)
{
	char why[sizeof(im->e->msg)];

	memcpy(why, im->e->msg, sizeof(why));
	return err_set(im->e, "%s: %.400s", im->where, why);
}

/* imp_run - the statement, its failure named after the record */
int
imp_run(struct imp *im, struct db_stmt *st)
{
	return store_run(im->s, st, im->e) < 0 ? imp_failed(im) : 0;
}

/* imp_rows - one INSERT per item of j[key], each checked first */
int
imp_rows(struct imp *im, const struct json *c, size_t ci, const char *key,
    const char *sql, int64_t id, const struct imp_member *m, size_t nm,
    int (*binder)(struct db_stmt *, const struct json *))
{
	const struct json *a;

	imp_at(im, c, "customers[%zu]", ci);
	if (imp_list(im, c, key, &a) < 0)
		return -1;
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		struct db_stmt *st;

		imp_at(im, a->items[i], "customers[%zu].%s[%zu]", ci, key, i);
		if ((st = imp_stmt(im, a->items[i], m, nm, sql)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		if (binder(st, a->items[i]) < 0)
			return imp_refuse(im, st,
			    "a member is missing or of the wrong type");
		if (imp_run(im, st) < 0)
			return -1;
	}
	return 0;
}
