/*
 * store_import_customers - an export's customers back into a store: each
 * customer's row, addresses, tags, evidence, revenue and assessments, then
 * (once everyone exists) referrals, pending names, the names they
 * announced, the owner's notes and credits and the signatures, and the
 * message history.
 *
 * What it is for: the customer half of store_import (store_import.c says
 * in which order these run).
 *
 * What it owns: the rules a customer record must keep beyond its
 * grammar: at least one address, its own among them; a referrer in the
 * file and never oneself; a message's customer in the file; an announced
 * name of two words at least (the store keeps no other).
 *
 * What it never does: recompute categories (store_import.c does, once),
 * or leave a record half-inserted outside the import's transaction.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/json.h"
#include "store_int.h"

static const char SQL_I_CUSTOMER[] =
    "INSERT INTO customers (email, name, category, category_manual, messages,"
    " first_seen, last_seen, code, customer, unverified, enquiry_subject,"
    " enquiry_at, answered_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    " RETURNING id";
static const char SQL_I_TAG[] =
    "INSERT INTO tags (customer_id, tag, count, manual) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_I_EVIDENCE[] =
    "INSERT INTO evidence (customer_id, kind, label, text, how, message_key, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_I_REVENUE[] =
    "INSERT INTO revenue (customer_id, amount_minor, currency, at, reference)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_I_ASSESS[] =
    "INSERT INTO assessments (customer_id, value_key, verdict, source, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_I_ANNOUNCED[] =
    "INSERT INTO announced (referrer_id, name_norm, name, evidence,"
    " message_key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_I_MESSAGE[] =
    "INSERT INTO messages (key, customer_id, kind, date, seen_at, subject,"
    " arrived, facts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_I_NOTE[] =
    "INSERT INTO notes (customer_id, text, at) VALUES (?1, ?2, ?3)";
static const char SQL_I_SENT[] =
    "INSERT INTO sent (customer_id, key, at, said_minor, said_bill)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
static const char SQL_I_SIGN[] =
    "INSERT INTO signs (customer_id, email, message_key, at)"
    " VALUES (?1, lower(?2), ?3, ?4)";

static const struct imp_member customer_members[] = {
	{ "email", MK_EMAIL, true }, { "name", MK_TEXT, false },
	{ "category", MK_CATEGORY, true }, { "category_manual", MK_BOOL, false },
	{ "messages", MK_COUNT, false }, { "first_seen", MK_TIME, true },
	{ "last_seen", MK_TIME, true }, { "code", MK_CODE, false },
	{ "referral_manual", MK_BOOL, false }, { "status", MK_WORD, false },
	{ "unverified", MK_COUNT, false }, { "enquiry_subject", MK_TEXT, false },
	{ "enquiry_at", MK_TIME, false }, { "answered_at", MK_TIME, false },
};
static const struct imp_member tag_members[] = {
	{ "tag", MK_TAG, true }, { "count", MK_COUNT, false },
	{ "manual", MK_BOOL, false },
};
static const struct imp_member evidence_members[] = {
	{ "kind", MK_WORD, true }, { "label", MK_LINE, false },
	{ "text", MK_TEXT, false }, { "how", MK_LINE, false },
	{ "message_key", MK_LINE, false }, { "at", MK_TIME, true },
};
static const struct imp_member referral_members[] = {
	{ "referrer", MK_EMAIL, true }, { "how", MK_LINE, false },
	{ "evidence", MK_TEXT, false }, { "message_key", MK_LINE, false },
	{ "at", MK_TIME, true },
};
static const struct imp_member revenue_members[] = {
	{ "amount_minor", MK_AMOUNT, true }, { "currency", MK_CURRENCY, false },
	{ "at", MK_TIME, true }, { "reference", MK_LINE, false },
};
static const struct imp_member assessment_members[] = {
	{ "value_key", MK_VALUE_KEY, true }, { "verdict", MK_VERDICT, true },
	{ "source", MK_SOURCE, true }, { "at", MK_TIME, true },
};
static const struct imp_member pending_members[] = {
	{ "name", MK_LINE, true }, { "evidence", MK_TEXT, false },
	{ "message_key", MK_LINE, false }, { "at", MK_TIME, true },
};
static const struct imp_member announced_members[] = {
	{ "name", MK_LINE, true }, { "evidence", MK_TEXT, false },
	{ "message_key", MK_LINE, false }, { "at", MK_TIME, true },
};
static const struct imp_member message_members[] = {
	{ "key", MK_LINE, true }, { "customer", MK_EMAIL, false },
	{ "kind", MK_WORD, true }, { "date", MK_EPOCH, false },
	{ "seen_at", MK_EPOCH, false }, { "subject", MK_TEXT, false },
	{ "arrived", MK_EPOCH, false }, { "facts", MK_TEXT, false },
};
static const struct imp_member note_members[] = {
	{ "text", MK_TEXT, true }, { "at", MK_TIME, true },
};
static const struct imp_member sent_members[] = {
	{ "key", MK_LINE, true }, { "at", MK_TIME, true },
	{ "said_minor", MK_AMOUNT, false }, { "said_bill", MK_BOOL, false },
};
static const struct imp_member sign_members[] = {
	{ "email", MK_EMAIL, true }, { "message_key", MK_LINE, false },
	{ "at", MK_TIME, true },
};
static int
bind_tag(struct db_stmt *st, const struct json *j)
{
	const struct json *m = json_get(j, "manual");

	db_bind_int64(st, 3, json_int(j, "count", 0));
	db_bind_int64(st, 4, m && m->type == JSON_BOOL && m->b);
	return json_str(j, "tag") ? imp_text(st, 2, j, "tag") : -1;
}

static int
bind_evidence(struct db_stmt *st, const struct json *j)
{
	return json_str(j, "kind") == NULL || imp_text(st, 2, j, "kind") ||
	    imp_text(st, 3, j, "label") || imp_text(st, 4, j, "text") ||
	    imp_text(st, 5, j, "how") || imp_text(st, 6, j, "message_key") ||
	    imp_time(st, 7, j, "at") ? -1 : 0;
}

static int
bind_revenue(struct db_stmt *st, const struct json *j)
{
	const struct json *a = json_get(j, "amount_minor");

	if (a == NULL || a->type != JSON_INT)
		return -1;
	db_bind_int64(st, 2, a->i);
	return imp_text(st, 3, j, "currency") || imp_time(st, 4, j, "at") ||
	    imp_text(st, 5, j, "reference") ? -1 : 0;
}

static int
bind_assessment(struct db_stmt *st, const struct json *j)
{
	return json_str(j, "value_key") == NULL || json_str(j, "verdict") == NULL ||
	    json_str(j, "source") == NULL || imp_text(st, 2, j, "value_key") ||
	    imp_text(st, 3, j, "verdict") || imp_text(st, 4, j, "source") ||
	    imp_time(st, 5, j, "at") ? -1 : 0;
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
	return imp_text(st, 2, j, "name") || imp_text(st, 4, j, "evidence") ||
	    imp_text(st, 5, j, "message_key") || imp_time(st, 6, j, "at") ? -1 : 0;
}

/*
 * bind_announced - ?2..?6 of one announced name; its key derived as
 * store_announce_record derives it.  0, -1 when a member is missing or
 * of the wrong type, 1 when the name is a single word (no sender's key
 * ever equals it, and the store never keeps one).
 */
static int
bind_announced(struct db_stmt *st, const struct json *j)
{
	const char *name = json_str(j, "name");
	char *norm;
	bool one_word;

	if (name == NULL || (norm = store_norm_name(name)) == NULL)
		return -1;
	one_word = strchr(norm, ' ') == NULL;
	db_bind_text(st, 2, norm, -1);
	free(norm);
	if (one_word)
		return 1;
	return imp_text(st, 3, j, "name") || imp_text(st, 4, j, "evidence") ||
	    imp_text(st, 5, j, "message_key") || imp_time(st, 6, j, "at") ? -1 : 0;
}

/* imp_announced - the names customer ci announced, waiting for their owner */
static int
imp_announced(struct imp *im, const struct json *c, size_t ci, int64_t id)
{
	const struct json *a;
	struct db_stmt *st;
	int rc;

	imp_at(im, c, "customers[%zu]", ci);
	if (imp_list(im, c, "announced", &a) < 0)
		return -1;
	for (size_t i = 0; a != NULL && i < a->n; i++) {
		imp_at(im, a->items[i], "customers[%zu].announced[%zu]", ci, i);
		if ((st = imp_stmt(im, a->items[i], announced_members,
		    NMEMBERS(announced_members), SQL_I_ANNOUNCED)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		if ((rc = bind_announced(st, a->items[i])) != 0)
			return imp_refuse(im, st, rc > 0 ? "name: a single "
			    "word waits for nobody (first and last name)" :
			    "a member is missing or of the wrong type");
		if (imp_run(im, st) < 0)
			return -1;
	}
	return 0;
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
	if (imp_text(st, 11, c, "enquiry_subject") < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		const char *key = i == 0 ? "enquiry_at" : "answered_at";

		v = json_get(c, key);
		if (v == NULL || v->type == JSON_NULL)
			continue;
		if (imp_rfc3339(json_str(c, key), &t) < 0)
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

	if (imp_list(im, c, "addresses", &addrs) < 0)
		return -1;
	if (addrs == NULL || addrs->n == 0)
		return err_set(im->e, "%s.addresses: a customer needs at least "
		    "one address", im->where);
	for (size_t i = 0; i < addrs->n; i++) {
		const struct json *a = addrs->items[i];

		imp_at(im, a, "customers[%zu].addresses[%zu]", ci, i);
		if (a->type != JSON_STRING || !email_valid(a->s))
			return err_set(im->e, "%s: not an email address%s%.60s%s",
			    im->where, a->type == JSON_STRING ? ": '" : "",
			    a->type == JSON_STRING ? a->s : "",
			    a->type == JSON_STRING ? "'" : "");
		if (strcasecmp(a->s, email) == 0)
			own = true;
	}
	imp_at(im, c, "customers[%zu]", ci);
	if (!own)
		return err_set(im->e, "%s.addresses: the customer's email %.100s "
		    "is not among them", im->where, email);
	*out = addrs;
	return 0;
}

/* imp_customer - the customers row, its addresses and its own lists */
int
imp_customer(struct imp *im, const struct json *c, size_t ci,
    int64_t *id)
{
	const struct json *man = json_get(c, "category_manual");
	const struct json *addrs = NULL;
	struct db_stmt *st;

	imp_at(im, c, "customers[%zu]", ci);
	if (imp_check(im, c, customer_members,
	    NMEMBERS(customer_members)) < 0 ||
	    check_addresses(im, c, ci, &addrs) < 0)
		return -1;
	if ((st = store_stmt(im->s, SQL_I_CUSTOMER, im->e)) == NULL)
		return -1;
	if (imp_text(st, 1, c, "email") || imp_text(st, 2, c, "name") ||
	    imp_text(st, 3, c, "category") || imp_time(st, 6, c, "first_seen") ||
	    imp_time(st, 7, c, "last_seen") || imp_text(st, 8, c, "code"))
		return imp_refuse(im, st, "not a customer record (email, "
		    "category, addresses, first_seen and last_seen are "
		    "required)");
	db_bind_int64(st, 4, man && man->type == JSON_BOOL && man->b);
	db_bind_int64(st, 5, json_int(c, "messages", 0));
	if (relation(st, c) < 0)
		return imp_refuse(im, st, "bad status, unverified, "
		    "enquiry_subject, enquiry_at or answered_at");
	if (store_insert_id(im->s, st, id, im->e) < 0)
		return imp_failed(im);
	for (size_t i = 0; i < addrs->n; i++) {
		imp_at(im, addrs->items[i], "customers[%zu].addresses[%zu]", ci, i);
		if ((st = store_stmt(im->s, SQL_ADD_ADDRESS, im->e)) == NULL)
			return -1;
		db_bind_text(st, 1, addrs->items[i]->s, -1);
		db_bind_int64(st, 2, *id);
		if (imp_run(im, st) < 0)
			return -1;
	}
	return imp_rows(im, c, ci, "tags", SQL_I_TAG, *id, tag_members,
	    NMEMBERS(tag_members), bind_tag) < 0 ||
	    imp_rows(im, c, ci, "evidence", SQL_I_EVIDENCE, *id,
	    evidence_members, NMEMBERS(evidence_members), bind_evidence) < 0 ||
	    imp_rows(im, c, ci, "revenue", SQL_I_REVENUE, *id,
	    revenue_members, NMEMBERS(revenue_members), bind_revenue) < 0 ||
	    imp_rows(im, c, ci, "assessments", SQL_I_ASSESS, *id,
	    assessment_members, NMEMBERS(assessment_members),
	    bind_assessment) < 0 ? -1 : 0;
}

/* imp_links - referrals, pending and announced rows, once every customer exists */
int
imp_links(struct imp *im, const struct json *c, size_t ci, int64_t id)
{
	const struct json *r = json_get(c, "referral");
	const struct json *p;
	int64_t rid;
	struct db_stmt *st;

	imp_at(im, c, "customers[%zu]", ci);
	if (imp_list(im, c, "pending", &p) < 0)
		return -1;
	imp_at(im, r != NULL ? r : c, "customers[%zu].referral", ci);
	if (r != NULL && r->type != JSON_NULL) {
		const char *who = json_str(r, "referrer");

		if (imp_check(im, r, referral_members,
		    NMEMBERS(referral_members)) < 0)
			return -1;
		if (store_id_for(im->s, who, &rid, im->e) != 1)
			return imp_bad(im, "the referrer is not a customer in the file");
		if (rid == id)
			return imp_bad(im, "a customer cannot refer themselves");
		if ((st = store_stmt(im->s, SQL_ADD_REFERRAL, im->e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, rid);
		if (imp_text(st, 3, r, "how") || imp_text(st, 4, r, "evidence") ||
		    imp_text(st, 5, r, "message_key") || imp_time(st, 6, r, "at"))
			return imp_refuse(im, st,
			    "a member is missing or of the wrong type");
		if (imp_run(im, st) < 0)
			return -1;
	}
	for (size_t i = 0; p && i < p->n; i++) {
		imp_at(im, p->items[i], "customers[%zu].pending[%zu]", ci, i);
		if ((st = imp_stmt(im, p->items[i], pending_members,
		    NMEMBERS(pending_members), SQL_ADD_PENDING)) == NULL)
			return -1;
		if (bind_pending(st, p->items[i]) < 0)
			return imp_refuse(im, st,
			    "a member is missing or of the wrong type");
		db_bind_int64(st, 3, id);
		if (imp_run(im, st) < 0)
			return -1;
	}
	return imp_announced(im, c, ci, id);
}

int
imp_messages(struct imp *im, const struct json *root)
{
	const struct json *a;

	imp_at(im, root, "file");
	if (imp_list(im, root, "messages", &a) < 0)
		return -1;
	for (size_t i = 0; a && i < a->n; i++) {
		const struct json *m = a->items[i];
		const char *who = json_str(m, "customer");
		struct db_stmt *st;
		int64_t id = 0;

		imp_at(im, m, "messages[%zu]", i);
		if (imp_check(im, m, message_members,
		    NMEMBERS(message_members)) < 0)
			return -1;
		if (who && store_id_for(im->s, who, &id, im->e) != 1)
			return imp_bad(im, "the message's customer is not in the file");
		if ((st = store_stmt(im->s, SQL_I_MESSAGE, im->e)) == NULL)
			return -1;
		imp_text(st, 1, m, "key");
		if (who)
			db_bind_int64(st, 2, id);
		imp_text(st, 3, m, "kind");
		db_bind_int64(st, 4, json_int(m, "date", 0));
		db_bind_int64(st, 5, json_int(m, "seen_at", 0));
		if (imp_text(st, 6, m, "subject") < 0 ||
		    imp_int_or_null(st, 7, m, "arrived") < 0 ||
		    imp_text(st, 8, m, "facts") < 0)
			return imp_refuse(im, st,
			    "subject, arrived or facts of the wrong type");
		if (imp_run(im, st) < 0)
			return -1;
	}
	return 0;
}

static int
bind_note(struct db_stmt *st, const struct json *j)
{
	const char *t = json_str(j, "text");

	return t == NULL || *t == '\0' || imp_text(st, 2, j, "text") ||
	    imp_time(st, 3, j, "at") ? -1 : 0;
}

static int
bind_sign(struct db_stmt *st, const struct json *j)
{
	return imp_text(st, 2, j, "email") || imp_text(st, 3, j,
	    "message_key") || imp_time(st, 4, j, "at") ? -1 : 0;
}

/* bind_sent - one of the owner's messages to the customer; said_* may be
 * null or absent (nothing known) */
static int
bind_sent(struct db_stmt *st, const struct json *j)
{
	const struct json *bill = json_get(j, "said_bill");

	if (bill != NULL && bill->type == JSON_BOOL)
		db_bind_int64(st, 5, bill->b ? 1 : 0);
	return imp_text(st, 2, j, "key") || imp_time(st, 3, j, "at") ||
	    imp_int_or_null(st, 4, j, "said_minor") ? -1 : 0;
}

/* imp_owner - the manual credit flag, the notes, the signatures and the
 * owner's messages (absent in older exports) of one customer */
int
imp_owner(struct imp *im, const struct json *c, size_t ci,
    int64_t id)
{
	const struct json *m = json_get(c, "referral_manual");
	struct db_stmt *st;

	imp_at(im, c, "customers[%zu]", ci);
	if (m != NULL && m->type != JSON_BOOL)
		return imp_bad(im, "referral_manual is not true or false");
	if (m != NULL && m->b) {
		if ((st = store_stmt(im->s, SQL_LOCK_REFERRAL, im->e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		if (imp_run(im, st) < 0)
			return -1;
	}
	return imp_rows(im, c, ci, "notes", SQL_I_NOTE, id, note_members,
	    NMEMBERS(note_members), bind_note) < 0 ||
	    imp_rows(im, c, ci, "signs", SQL_I_SIGN, id, sign_members,
	    NMEMBERS(sign_members), bind_sign) < 0 ? -1 :
	    imp_rows(im, c, ci, "sent", SQL_I_SENT, id, sent_members,
	    NMEMBERS(sent_members), bind_sent);
}
