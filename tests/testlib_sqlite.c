/*
 * testlib_sqlite - raw SQLite connections for the SQLite-only tests (see
 * testlib_sqlite.h).  Owns nothing between calls; a failure fails the
 * running test.
 */
#include <check.h>
#include <sqlite3.h>

#include "testlib_sqlite.h"

long long
tl_sqlite_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

void
tl_sqlite_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	char *why = NULL;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(db, sql, NULL, NULL, &why) == SQLITE_OK,
	    "%s", why ? why : "?");
	sqlite3_close(db);
}
