/*
 * store_known - the lookups classify needs, answered by the store.
 *
 * What it is for: struct classify_known bound to a store: who a mentioned
 * name or referral code is, whether an address is known, whether it is a
 * mailing list's, and what the owner's own message of a key said (the
 * figure and bill store_apply kept for its replies).
 *
 * What it owns: the time is_customer answers for (store_known_as_of), and
 * the first lookup of a message that failed: classify's callbacks answer
 * only yes or no, so a database error answers "unknown" and is kept for
 * store_apply to fail with (store_lookup_failure).
 *
 * What it never does: write, or build SQL from the text it is given
 * (bound parameters only), or let a database error pass for "unknown".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/name_key.h"
#include "util/strutil.h"
#include "store_int.h"

/* copy_out - column 0 of st into out if it fits */
static bool
copy_out(struct db_stmt *st, char *out, size_t outlen)
{
	const char *v = db_column_text(st, 0);
	size_t n;

	if (v == NULL)
		return false;
	n = strlen(v);
	if (n + 1 > outlen)
		return false;
	memcpy(out, v, n + 1);
	return true;
}

/*
 * failed - keep the first failure of this message's lookups (e's words)
 * for store_apply; answers false, "unknown", to classify
 */
static bool
failed(struct store *s, const struct err *e)
{
	if (!s->lookup_failed) {
		s->lookup_failed = true;
		s->lookup_err = *e;
	}
	return false;
}

/* store_lookup_failure - the kept failure into e, then forgotten (store_int.h) */
int
store_lookup_failure(struct store *s, struct err *e)
{
	if (!s->lookup_failed)
		return 0;
	s->lookup_failed = false;
	return err_set(e, "%s (a lookup while classifying)",
	    s->lookup_err.msg);
}

/*
 * first_row - step st once: DB_ROW or DB_DONE, else the failure kept
 * (failed) and DB_ERROR; st is not reset
 */
static int
first_row(struct store *s, struct db_stmt *st, const char *what)
{
	struct err e;
	int rc = db_step(st);

	if (rc == DB_ROW || rc == DB_DONE)
		return rc;
	store_dberr(s, &e, what);
	failed(s, &e);
	return DB_ERROR;
}

/*
 * prepared - the cached statement for sql with arg bound lower-cased as
 * ?1 (addresses, codes and the lower(name) the queries compare are all
 * lower case); NULL with the failure kept
 */
static struct db_stmt *
prepared(struct store *s, const char *sql, const char *arg)
{
	struct db_stmt *st;
	struct err e;

	if ((st = store_stmt(s, sql, &e)) == NULL) {
		failed(s, &e);
		return NULL;
	}
	if (store_bind_lower(st, 1, arg) < 0) {
		db_reset(st);
		err_set(&e, "store: lookup: cannot bind its text");
		failed(s, &e);
		return NULL;
	}
	return st;
}

/* lookup_text - the first row's text column 0 of sql(arg) into out */
static bool
lookup_text(struct store *s, const char *sql, const char *arg, char *out,
    size_t outlen)
{
	struct db_stmt *st;
	bool found = false;

	if (arg == NULL || (st = prepared(s, sql, arg)) == NULL)
		return false;
	if (first_row(s, st, "lookup") == DB_ROW)
		found = copy_out(st, out, outlen);
	db_reset(st);
	return found;
}

static const char SQL_EMAIL_FOR_NAME[] =
    "SELECT email FROM customers WHERE lower(name) = ?1"
    " ORDER BY messages DESC, email LIMIT 1";
static const char SQL_EMAIL_FOR_CODE[] =
    "SELECT email FROM customers WHERE code = ?1";
static const char SQL_EMAIL_FOR_SURNAME[] =
    "SELECT min(email) FROM customers WHERE lower(name) LIKE '% ' || ?1"
    " HAVING count(*) = 1";
static const char SQL_IS_CUSTOMER[] =
    "SELECT email FROM addresses WHERE email = ?1";
/* known by the time of the message being classified (ingest may read the
 * Sent folder, dated later, before the inbox) */
static const char SQL_IS_CUSTOMER_AT[] =
    "SELECT a.email FROM addresses a JOIN customers c ON c.id = a.customer_id"
    " WHERE a.email = ?1 AND c.first_seen <= ?2";
static const char SQL_IS_LIST[] =
    "SELECT email FROM lists WHERE email = ?1";

/* at most this many people who share a word of a name are compared */
#define NAME_CANDIDATES 64

static const char SQL_NAME_CANDIDATES[] =
    "SELECT email, name FROM customers"
    " WHERE lower(name) LIKE '%' || ?1 || '%'"
    " OR email LIKE '%' || ?1 || '%' LIMIT 64";

/* answers_to - a person (email, name) answers to the key of a mention */
static bool
answers_to(const char *email, const char *name, const char *key)
{
	char keys[NAME_KEY_ALL + 2][NAME_KEY_MAX];
	size_t n = name != NULL ? name_key_all(name, keys, NAME_KEY_ALL) : 0;

	if (name_key_local(email, keys[n], NAME_KEY_MAX)) {
		const char *k = keys[n], *sp = strchr(k, ' ');

		if (sp != NULL && snprintf(keys[n + 1], NAME_KEY_MAX, "%s %.*s",
		    sp + 1, (int)(sp - k), k) > 0)
			n++;
		n++;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

/*
 * known_email_for_name - the person a mentioned name is: exactly their
 * name, else the one person whose name or address answers to its key
 * (name_key: "Dana Reyes" finds "Reyes, Dana", "Dana M. Reyes", "REYES
 * Dana" and dana.reyes@).  Candidates share the surname's letters, at
 * most NAME_CANDIDATES of them; two people answering is nobody.
 */
static bool
known_email_for_name(void *ctx, const char *name, char *out, size_t outlen)
{
	struct store *s = ctx;
	char key[NAME_KEY_MAX], found[STORE_MAX_TEXT] = "";
	const char *last;
	struct db_stmt *st;
	bool one = true;
	int rc = DB_DONE;

	if (lookup_text(ctx, SQL_EMAIL_FOR_NAME, name, out, outlen))
		return true;
	if (name == NULL || !name_key(name, key, sizeof(key)) ||
	    (last = strrchr(key, ' ')) == NULL || strlen(last + 1) < 2 ||
	    (st = prepared(s, SQL_NAME_CANDIDATES, last + 1)) == NULL)
		return false;
	while (one && (rc = first_row(s, st, "name lookup")) == DB_ROW) {
		const char *em = db_column_text(st, 0);
		const char *nm = db_column_text(st, 1);

		if (em == NULL || !answers_to(em, nm, key))
			continue;
		if (found[0] != '\0' && strcmp(found, em) != 0)
			one = false;
		snprintf(found, sizeof(found), "%s", em);
	}
	db_reset(st);
	if (rc == DB_ERROR || !one || found[0] == '\0' ||
	    strlen(found) >= outlen)
		return false;
	memcpy(out, found, strlen(found) + 1);
	return true;
}

static bool
known_email_for_surname(void *ctx, const char *surname, char *out,
    size_t outlen)
{
	if (surname == NULL || strpbrk(surname, "%_ ") != NULL)
		return false;
	return lookup_text(ctx, SQL_EMAIL_FOR_SURNAME, surname, out, outlen);
}

static bool
known_email_for_code(void *ctx, const char *code, char *out, size_t outlen)
{
	return lookup_text(ctx, SQL_EMAIL_FOR_CODE, code, out, outlen);
}

static bool
known_is_customer(void *ctx, const char *email)
{
	struct store *s = ctx;
	struct db_stmt *st;
	bool found;

	if (s->known_as_of == 0) {
		char buf[STORE_MAX_TEXT];

		return lookup_text(ctx, SQL_IS_CUSTOMER, email, buf,
		    sizeof(buf));
	}
	if (email == NULL ||
	    (st = prepared(s, SQL_IS_CUSTOMER_AT, email)) == NULL)
		return false;
	db_bind_int64(st, 2, (int64_t)s->known_as_of);
	found = first_row(s, st, "customer lookup") == DB_ROW;
	db_reset(st);
	return found;
}

void
store_known_as_of(struct store *s, time_t t)
{
	s->known_as_of = t;
}

static bool
known_is_list(void *ctx, const char *email)
{
	char buf[STORE_MAX_TEXT];

	return lookup_text(ctx, SQL_IS_LIST, email, buf, sizeof(buf));
}

/* the address is ?1, lower case (prepared); the key, a Message-ID as
 * written, ?2, never lower-cased */
static const char SQL_OWNER_SAID[] =
    "SELECT s.said_minor, s.said_bill FROM sent s"
    " JOIN addresses a ON a.customer_id = s.customer_id"
    " WHERE a.email = ?1 AND s.key = ?2";

/* known_owner_said - what the owner's message of key said to email, as
 * store_apply kept it (mail recorded before it kept that says nothing) */
static bool
known_owner_said(void *ctx, const char *key, const char *email,
    struct classify_said *out)
{
	struct store *s = ctx;
	struct db_stmt *st;
	bool found = false;

	memset(out, 0, sizeof(*out));
	if (key == NULL || email == NULL ||
	    (st = prepared(s, SQL_OWNER_SAID, email)) == NULL)
		return false;
	db_bind_text(st, 2, key, -1);
	if (first_row(s, st, "owner's mail lookup") == DB_ROW) {
		int64_t v = db_column_type(st, 0) == DB_NULL ? 0 :
		    db_column_int64(st, 0);

		out->cents = v > 0 ? (unsigned long long)v : 0;
		out->bill = db_column_type(st, 1) != DB_NULL &&
		    db_column_int64(st, 1) != 0;
		found = true;
	}
	db_reset(st);
	return found;
}

/*
 * store_known - lookups bound to s (borrowed: valid while s is open), for
 * a new message: an earlier message's failed lookup is forgotten
 */
struct classify_known
store_known(struct store *s)
{
	struct classify_known k = {
		.ctx = s,
		.email_for_name = known_email_for_name,
		.email_for_code = known_email_for_code,
		.is_customer = known_is_customer,
		.email_for_surname = known_email_for_surname,
		.is_list = known_is_list,
		.owner_said = known_owner_said,
	};

	s->lookup_failed = false;
	return k;
}
