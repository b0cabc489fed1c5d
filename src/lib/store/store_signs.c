/*
 * store_signs - who signed as another address (facts.signs_as).
 *
 * What it is for: `clientele duplicates` suggests a merge when a
 * customer's own signature names another customer's address ("signs
 * as"); this module records the pairs as mail brings them.
 *
 * What it owns: the `signs` table (store migration v6): the signer, by
 * customer id (gone with them), and the address signed as, which need
 * not be anyone's yet.  Forget and merge keep it tidy (store_edit.c),
 * export and import carry it (store_export.c, store_import.c).
 *
 * What it never does: merge, or keep an address that is ignored or
 * forgotten, or one of the signer's own.
 */
#include "classify/classify.h"
#include "store_int.h"

static const char SQL_SIGNS_ADD[] =
    "INSERT INTO signs (customer_id, email, message_key, at)"
    " SELECT ?1, lower(?2), ?3, ?4 WHERE NOT EXISTS"
    " (SELECT 1 FROM addresses WHERE email = lower(?2) AND customer_id = ?1)"
    " ON CONFLICT DO NOTHING";

int
store_signs_record(struct store *s, int64_t id, const struct facts *f,
    time_t at, struct err *e)
{
	for (size_t i = 0; i < f->nsigns_as && i < CLASSIFY_MAX_SIGNS_AS; i++) {
		const char *email = f->signs_as[i];
		struct db_stmt *st;
		int blocked;

		if (email == NULL || !email_valid(email))
			continue;
		if ((blocked = store_blocked(s, email, e)) < 0)
			return -1;
		if (blocked)
			continue;
		if ((st = store_stmt(s, SQL_SIGNS_ADD, e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		BIND_BORROWED(st, 2, email);
		BIND_BORROWED(st, 3, f->key);
		db_bind_int64(st, 4, (int64_t)at);
		if (store_run(s, st, e) < 0)
			return -1;
	}
	return 0;
}
