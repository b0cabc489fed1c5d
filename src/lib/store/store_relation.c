/*
 * store_relation - what the store knows of the owner's side of each
 * relationship, for the questions that need it.
 *
 * What it is for: store_enquiries, the list `clientele enquiries` and the
 * digest open with: contacts whose first personal message came before
 * the owner had ever written to them, and whom the owner has not written
 * to since (store_apply keeps enquiry_at, enquiry_subject and
 * answered_at); and store_answers_owner, whether a message answers mail
 * the owner sent to its sender (the `sent` table), which the value-set
 * form's replies must.
 *
 * It also holds the writes store_apply and the owner's edits share about
 * the relationship: a prospect becoming a customer, whether a message
 * answers the owner's thread, and the addresses of mailing lists.
 *
 * The enquiry list is the caller's, freed with enquiry_list_free.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char SQL_BECOME_CUSTOMER[] =
    "UPDATE customers SET customer = 1 WHERE id = ?1 AND customer = 0";
static const char SQL_FROM_OWNER[] =
    "SELECT 1 FROM messages WHERE key = ?1 AND kind = 'outgoing'";
static const char SQL_LIST[] =
    "INSERT INTO lists(email, at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
static const char SQL_ENQUIRIES[] =
    "SELECT email, name, enquiry_subject, enquiry_at FROM customers"
    " WHERE enquiry_at IS NOT NULL AND enquiry_at >= ?1"
    " AND (answered_at IS NULL OR answered_at < enquiry_at)"
    " ORDER BY enquiry_at, email";

/*
 * store_become_customer - a prospect becomes a customer (0 also when they
 * already were); whoever referred them, and their own referrals, now count.
 */
int
store_become_customer(struct store *s, int64_t id, struct err *e)
{
	struct db_stmt *st = store_stmt_id(s, SQL_BECOME_CUSTOMER, id, e);
	int64_t by;
	int rc;

	if (st == NULL)
		return -1;
	if (store_run(s, st, e) < 0)
		return -1;
	if (db_changes(s->db) == 0)
		return 0;
	if (store_touch(s, id, e) < 0 ||
	    (rc = store_referrer_of(s, id, &by, e)) < 0)
		return -1;
	return rc == 1 ? store_touch(s, by, e) : 0;
}

/* store_owner_thread - f answers one of the owner's messages: 1, 0, -1 */
int
store_owner_thread(struct store *s, const struct facts *f, struct err *e)
{
	for (size_t i = 0; i < f->nthread; i++) {
		struct db_stmt *st = store_stmt(s, SQL_FROM_OWNER, e);
		int64_t one;
		int rc;

		if (st == NULL)
			return -1;
		db_bind_text(st, 1, f->thread[i], -1);
		if ((rc = store_int_row(s, st, &one, e)) != 0)
			return rc;
	}
	return 0;
}

/* store_learn_list - remember a mailing list's own address */
int
store_learn_list(struct store *s, const char *email, time_t at, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_LIST, e);

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, email, -1);
	db_bind_int64(st, 2, (int64_t)at);
	return store_run(s, st, e);
}

int
store_enquiries(struct store *s, time_t since, struct enquiry_list *out,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_ENQUIRIES, e);
	size_t cap = 0;
	int rc;

	out->v = NULL;
	out->n = 0;
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, (int64_t)since);
	while ((rc = db_step(st)) == DB_ROW) {
		struct enquiry *q = mem_grow(out->v, out->n, &cap, sizeof(*q),
		    16);

		if (q == NULL)
			break;
		out->v = q;
		q = &out->v[out->n++];
		q->email = xstrdup(db_column_text(st, 0));
		q->name = xstrdup(db_column_text(st, 1));
		q->subject = xstrdup(db_column_text(st, 2));
		q->at = (time_t)db_column_int64(st, 3);
		if (q->email == NULL)
			break;
	}
	if (store_rows_end(s, st, rc, "enquiries", e) < 0) {
		enquiry_list_free(out);
		return -1;
	}
	return 0;
}

static const char SQL_SENT_TO[] =
    "SELECT 1 FROM sent s JOIN addresses a ON a.customer_id = s.customer_id"
    " WHERE s.key = ?1 AND a.email = ?2";

/* store_answers_owner - f's thread holds mail the owner sent to email */
int
store_answers_owner(struct store *s, const struct facts *f,
    const char *email, struct err *e)
{
	for (size_t i = 0; i < f->nthread; i++) {
		struct db_stmt *st = store_stmt(s, SQL_SENT_TO, e);
		int64_t one;
		int rc;

		if (st == NULL)
			return -1;
		db_bind_text(st, 1, f->thread[i], -1);
		db_bind_text(st, 2, email, -1);
		if ((rc = store_int_row(s, st, &one, e)) != 0)
			return rc;
	}
	return 0;
}

/* enquiry_list_free - every entry and the array; the list is left empty */
void
enquiry_list_free(struct enquiry_list *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].email);
		free(l->v[i].name);
		free(l->v[i].subject);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
