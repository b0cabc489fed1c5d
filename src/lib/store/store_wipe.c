/*
 * store_wipe - whether a store holds anything, and emptying it, for
 * `clientele migrate` (a copy goes only into an empty store, or into one
 * the owner said to replace).
 *
 * What it owns: the list of the tables that hold what the store knows
 * (every table of the schema but its bookkeeping: the category counts,
 * which the triggers keep, and the tombstone salt, which an import of
 * tombstones replaces).  A later table is added here as well as to the
 * export.
 *
 * What it never does: drop or alter a table, or commit on its own inside
 * the caller's transaction: store_wipe runs in the caller's transaction
 * (a savepoint) or one of its own, all of it or nothing.
 */
#include "store/store_digest.h"
#include "store_int.h"

/* children before parents, so that no foreign key is ever left dangling */
static const char *const SQL_WIPE[] = {
	"DELETE FROM signs", "DELETE FROM sent", "DELETE FROM notes",
	"DELETE FROM assessments", "DELETE FROM revenue",
	"DELETE FROM events", "DELETE FROM pending", "DELETE FROM announced",
	"DELETE FROM referrals",
	"DELETE FROM evidence", "DELETE FROM tags", "DELETE FROM messages",
	"DELETE FROM addresses", "DELETE FROM customers",
	"DELETE FROM ignores", "DELETE FROM tombstones", "DELETE FROM digests",
	"DELETE FROM lists", "DELETE FROM category_counts",
};

static const char SQL_ROWS[] =
    "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM messages)"
    " + (SELECT count(*) FROM events) + (SELECT count(*) FROM ignores)"
    " + (SELECT count(*) FROM tombstones) + (SELECT count(*) FROM digests)"
    " + (SELECT count(*) FROM lists)";

/* store_rows - rows of what the store knows (0: empty), or -1 with e set */
long long
store_rows(struct store *s, struct err *e)
{
	int64_t n = 0;

	if (store_int_row(s, store_stmt(s, SQL_ROWS, e), &n, e) < 0)
		return -1;
	return (long long)n;
}

/* store_wipe - empty the store, all or nothing; 0 or -1 with e set */
int
store_wipe(struct store *s, struct err *e)
{
	bool ok = true;

	if (store_tx_enter(s, e) < 0)
		return -1;
	for (size_t i = 0; ok && i < sizeof(SQL_WIPE) / sizeof(SQL_WIPE[0]);
	    i++)
		ok = store_exec(s, SQL_WIPE[i], e) == 0;
	if (store_tx_leave(s, ok, ok ? e : NULL) < 0)
		return -1;
	return ok ? 0 : -1;
}
