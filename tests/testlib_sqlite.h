/*
 * testlib_sqlite.h - raw SQLite for the tests that are SQLite's by nature:
 * files another program made, a schema taken back to an older version.
 * Every other test reaches the store through its API (testlib.h), and
 * these tests call tl_sqlite_only first, so on another backend they are
 * skipped, saying so.
 */
#ifndef CLIENTELE_TESTLIB_SQLITE_H
#define CLIENTELE_TESTLIB_SQLITE_H

/* tl_sqlite_int - first column of the first row of sql, through a raw
 * read-only connection to path; -1 when there is no row */
long long tl_sqlite_int(const char *path, const char *sql);
/* tl_sqlite_exec - run sql on path through a raw connection (creating
 * the file if missing) */
void tl_sqlite_exec(const char *path, const char *sql);

#endif
