/*
 * store_debug - the test suites' look under the hood (store_test.h).
 *
 * What it is for: reading a count or a value, or running a statement,
 * through the store's own backend connection, so a suite never opens the
 * engine itself.
 *
 * What it owns: the one statement it prepares, for the length of a call.
 *
 * What it never does: serve the programs, or touch the statement cache.
 */
#include "store/store_test.h"
#include "store_int.h"

int
store_debug_int(struct store *s, const char *sql, long long *out,
    struct err *e)
{
	const struct store_backend *be = s->db->be;
	struct db_stmt *st;
	int rc;

	*out = 0;
	if (be->prepare(s->db, sql, &st) != DB_OK)
		return store_dberr(s, e, "prepare");
	rc = db_step(st);
	if (rc == DB_ROW)
		*out = (long long)db_column_int64(st, 0);
	else if (rc != DB_DONE)
		store_dberr(s, e, "step");
	be->finalize(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
store_debug_exec(struct store *s, const char *sql, struct err *e)
{
	return store_exec(s, sql, e);
}
