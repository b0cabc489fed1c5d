/*
 * store_learn - what a message teaches the store beyond its people, tags
 * and referrals: names a contact announced, and codes the owner handed out.
 *
 * What it is for: the announced referral (a contact wrote "I gave my
 * neighbour Jo Bloggs your number"): store_announce_record keeps the name
 * under the key a pending name waits under (store_norm_name), with the
 * contact, the sentence and the message (its subject and day in the
 * evidence `show` prints); store_announce_link (store_pending.c, with
 * the other links made when a sender first writes) makes the contact that
 * sender's referrer ("how" announce) for every key their name answers to.  And a referral code the
 * owner handed to one person in their own words (facts.code):
 * store_learn_code gives it to them when they have none and nobody else
 * has it.  store_announced_of reads, for `show`, the names a contact
 * announced that nobody answering to them has written under yet.
 *
 * What it owns: the `announced` table (migration v8 on SQLite, v7 on
 * PostgreSQL; store_export.c writes it out and store_import_customers.c
 * reads it back) and the learning of customers.code from mail.
 *
 * What it never does: credit anyone who was a contact before they wrote
 * (the caller links new senders only), move a referral that exists
 * (store_add_referral keeps the first), or take a code from its holder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "store_int.h"

static const char SQL_ANNOUNCE[] =
    "INSERT INTO announced(name_norm, name, referrer_id, evidence,"
    " message_key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/*
 * The names a contact announced, once each (the first time), that no
 * contact is named yet (the same name, in any case: one who became a
 * contact another way, say the owner wrote first, is no longer waited
 * for), with the subject of the message they came in.
 */
static const char SQL_ANNOUNCED_OF[] =
    "SELECT a.name, a.at,"
    " CASE WHEN m.key IS NULL THEN NULL ELSE coalesce(m.subject, '') END,"
    " a.evidence FROM announced a"
    " LEFT JOIN messages m ON m.key = a.message_key"
    " WHERE a.referrer_id = ?1"
    " AND a.id = (SELECT min(b.id) FROM announced b"
    "  WHERE b.referrer_id = a.referrer_id AND b.name_norm = a.name_norm)"
    " AND NOT EXISTS (SELECT 1 FROM customers c"
    "  WHERE lower(c.name) = lower(a.name))"
    " ORDER BY a.at, a.id";
/* a code taken already, or a customer with one, changes nothing */
static const char SQL_LEARN_CODE[] =
    "UPDATE customers SET code = ?2 WHERE id = ?1 AND code IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM customers WHERE code = ?2)";

/*
 * announce_evidence - the sentence and the message it came from: what
 * `show` prints for the credit ("... (in \"your number\" of 2026-03-04)").
 * Caller frees; NULL on ENOMEM.
 */
static char *
announce_evidence(const struct facts *f, const struct fact_announce *a,
    time_t at)
{
	const char *subj = f->subject && *f->subject ? f->subject :
	    "(no subject)";
	char day[16] = "";
	struct tm tm;
	struct buf b;

	if (gmtime_r(&at, &tm) != NULL)
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	buf_init(&b, 0);
	/* a subject cut whole characters at a time */
	if (buf_printf(&b, "%s (in \"%.*s\" of %s)",
	    a->evidence ? a->evidence : "", (int)utf8_prefix(subj, 120), subj,
	    day) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

int
store_announce_record(struct store *s, const struct facts *f,
    const struct fact_announce *a, time_t at, struct err *e)
{
	struct db_stmt *st;
	int64_t referrer;
	char *norm, *ev;
	int rc;

	if (a->referrer == NULL || a->name == NULL)
		return 0;
	if ((rc = store_id_for(s, a->referrer, &referrer, e)) <= 0)
		return rc;	/* ignored or forgotten: nobody to credit */
	if ((norm = store_norm_name(a->name)) == NULL)
		return err_set(e, "store: out of memory");
	/* a first name alone ("dana") waits for nobody */
	if (strchr(norm, ' ') == NULL) {
		free(norm);
		return 0;
	}
	if ((ev = announce_evidence(f, a, at)) == NULL) {
		free(norm);
		return err_set(e, "store: out of memory");
	}
	if ((st = store_stmt(s, SQL_ANNOUNCE, e)) == NULL) {
		free(norm);
		free(ev);
		return -1;
	}
	BIND_TEXT(st, 1, norm);
	BIND_TEXT(st, 2, a->name);
	db_bind_int64(st, 3, referrer);
	BIND_TEXT(st, 4, ev);
	BIND_TEXT(st, 5, f->key);
	db_bind_int64(st, 6, (int64_t)at);
	rc = store_run(s, st, e);
	free(norm);
	free(ev);
	return rc;
}

/* announced_row - one row of SQL_ANNOUNCED_OF onto d->announced */
static int
announced_row(struct db_stmt *st, void *arg, size_t *cap)
{
	struct customer_detail *d = arg;
	struct announced_name *v = mem_grow(d->announced, d->nannounced, cap,
	    sizeof(*v), 4);

	if (v == NULL)
		return -1;
	d->announced = v;
	v = &d->announced[d->nannounced++];
	v->name = xstrdup(db_column_text(st, 0));
	v->at = (time_t)db_column_int64(st, 1);
	v->subject = xstrdup(db_column_text(st, 2));
	v->evidence = xstrdup(db_column_text(st, 3));
	return 0;
}

int
store_announced_of(struct store *s, int64_t id, struct customer_detail *d,
    struct err *e)
{
	return store_each_row(s, store_stmt_id(s, SQL_ANNOUNCED_OF, id, e),
	    announced_row, d, "show", e);
}

int
store_learn_code(struct store *s, const struct facts *f, struct err *e)
{
	struct db_stmt *st;
	int64_t id;
	int rc;

	if (f->code_for == NULL || f->code == NULL || *f->code == '\0')
		return 0;
	if ((rc = store_id_for(s, f->code_for, &id, e)) <= 0)
		return rc;
	if ((st = store_stmt(s, SQL_LEARN_CODE, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, f->code);
	return store_run(s, st, e);
}
