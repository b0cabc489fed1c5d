/*
 * pg_driver - drives the PostgreSQL backend (store_backend_pgsql) directly,
 * for tests/t_pgsql.sh: one subcommand per behaviour the script checks.
 *
 *	pg_driver open URI [ro|bulk]     open (create or migrate), say "ok"
 *	pg_driver sql URI NCOLS SQL [ARG...]
 *	                                 one statement: ARG is i:N, t:TEXT or
 *	                                 n (NULL); NCOLS columns of each row,
 *	                                 tab-separated, NULL as "NULL", then
 *	                                 "changes N"
 *	pg_driver gone URI               the connection dies mid-transaction
 *	pg_driver busy URI               a second writer times out, then goes
 *	pg_driver aborted URI            a failed statement inside a
 *	                                 transaction, with and without savepoint
 *	pg_driver race URI N M           N processes each count M messages of
 *	                                 the same M keys; each once in all
 *
 * Each prints what it saw, one line per step, and exits 0 when every step
 * went as the backend's contract says (1 otherwise, 2 on usage).  It owns
 * nothing beyond its process; what it writes goes to the database named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store_backend.h"

extern const struct store_backend store_backend_pgsql;

static const struct store_backend *be = &store_backend_pgsql;
static int failures;

static const char *
status_name(int s)
{
	static const char *const names[] = { "OK", "ROW", "DONE", "BUSY",
		"CONSTRAINT", "FULL", "READONLY", "CANTOPEN", "CORRUPT",
		"GONE", "NOMEM", "ERROR" };

	return s >= 0 && s <= DB_ERROR ? names[s] : "?";
}

/* expect - one step: what happened against what should have */
static void
expect(const char *what, int got, int want, struct db *db)
{
	if (got == want) {
		printf("%s: %s\n", what, status_name(got));
		return;
	}
	failures++;
	printf("%s: %s, wanted %s (%s)\n", what, status_name(got),
	    status_name(want), db != NULL ? db_errmsg(db) : "");
}

static struct db *
open_or_die(const char *uri, int flags)
{
	struct db *db = NULL;
	struct err e;
	int s = be->open(uri, flags, &db, &e);

	if (s != DB_OK) {
		printf("open: %s: %s\n", status_name(s), e.msg);
		exit(1);
	}
	return db;
}

/* run - prepare sql, bind one text (or none), step to the end */
static int
run(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt *st;
	int s;

	if ((s = be->prepare(db, sql, &st)) != DB_OK)
		return s;
	if (arg != NULL)
		db_bind_text(st, 1, arg, -1);
	while ((s = db_step(st)) == DB_ROW)
		;
	be->finalize(st);
	return s == DB_DONE ? DB_OK : s;
}

/* count - count(*) of sql with one text parameter, -1 on failure */
static long long
count(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt *st;
	long long n = -1;

	if (be->prepare(db, sql, &st) != DB_OK)
		return -1;
	db_bind_text(st, 1, arg, -1);
	if (db_step(st) == DB_ROW)
		n = db_column_int64(st, 0);
	be->finalize(st);
	return n;
}

static int
cmd_open(const char *uri, const char *mode)
{
	int flags = 0;
	struct db *db;

	if (mode != NULL && strcmp(mode, "ro") == 0)
		flags = DB_OPEN_READONLY;
	else if (mode != NULL && strcmp(mode, "bulk") == 0)
		flags = DB_OPEN_BULK;
	db = open_or_die(uri, flags);
	printf("ok\n");
	be->close(db);
	return 0;
}

static int
bind_arg(struct db_stmt *st, int i, const char *a)
{
	if (strncmp(a, "i:", 2) == 0)
		return db_bind_int64(st, i, strtoll(a + 2, NULL, 10));
	if (strncmp(a, "t:", 2) == 0)
		return db_bind_text(st, i, a + 2, -1);
	return db_bind_null(st, i);
}

static int
cmd_sql(const char *uri, int ncols, const char *sql, int argc, char **argv)
{
	struct db *db = open_or_die(uri, 0);
	struct db_stmt *st;
	int s;

	if ((s = be->prepare(db, sql, &st)) != DB_OK) {
		printf("prepare: %s: %s\n", status_name(s), db_errmsg(db));
		return 1;
	}
	for (int i = 0; i < argc; i++)
		bind_arg(st, i + 1, argv[i]);
	while ((s = db_step(st)) == DB_ROW) {
		for (int c = 0; c < ncols; c++) {
			const char *v = db_column_text(st, c);

			printf("%s%s", c ? "\t" : "", v ? v : "NULL");
		}
		printf("\n");
	}
	if (s != DB_DONE) {
		printf("step: %s: %s\n", status_name(s), db_errmsg(db));
		return 1;
	}
	printf("changes %lld\n", (long long)db_changes(db));
	be->finalize(st);
	be->close(db);
	return 0;
}

static const char SQL_IGNORE[] =
    "INSERT INTO ignores (pattern, reason, at) VALUES (?1, 'test', 1)";
static const char SQL_IGNORED[] =
    "SELECT count(*) FROM ignores WHERE pattern = ?1";

/* open_clean - open_or_die, then the rows these commands insert removed */
static struct db *
open_clean(const char *uri)
{
	struct db *db = open_or_die(uri, 0);

	run(db, "DELETE FROM ignores WHERE reason = 'test'", NULL);
	return db;
}

/* ignored - whether pattern is in ignores want times; if not, a failure
 * saying why */
static bool
ignored(struct db *db, const char *pattern, long long want, const char *why)
{
	if (count(db, SQL_IGNORED, pattern) == want)
		return true;
	failures++;
	printf("FAIL: %s\n", why);
	return false;
}

static int
cmd_gone(const char *uri)
{
	struct db *db = open_clean(uri);

	expect("begin", be->begin(db), DB_OK, db);
	expect("insert", run(db, SQL_IGNORE, "gone@example.org"), DB_OK, db);
	/* the server ends this very session, as a crash or restart would */
	expect("terminate", run(db, "SELECT pg_terminate_backend("
	    "pg_backend_pid())", NULL), DB_GONE, db);
	printf("message: %s\n", db_errmsg(db));
	expect("insert after", run(db, SQL_IGNORE, "after@example.org"),
	    DB_GONE, db);
	expect("savepoint after", be->savepoint(db, "sp"), DB_GONE, db);
	expect("commit after", be->commit(db), DB_GONE, db);
	be->rollback(db);
	expect("begin again", be->begin(db), DB_OK, db);
	if (ignored(db, "gone@example.org", 0,
	    "the lost transaction left its insert"))
		printf("nothing half-applied\n");
	expect("insert again", run(db, SQL_IGNORE, "gone@example.org"), DB_OK,
	    db);
	expect("commit", be->commit(db), DB_OK, db);
	ignored(db, "gone@example.org", 1, "the new transaction was not recorded");
	be->close(db);
	return failures != 0;
}

static int
cmd_busy(const char *uri)
{
	struct db *a = open_or_die(uri, 0), *b = open_or_die(uri, 0);

	/* the lock goes with a transaction's first statement */
	expect("a begin", be->begin(a), DB_OK, a);
	expect("a writes", run(a, SQL_IGNORE, "busy-a@example.org"), DB_OK, a);
	expect("b begin while a writes", be->begin(b), DB_OK, b);
	expect("b's first statement waits, then", run(b, SQL_IGNORE,
	    "busy-b@example.org"), DB_BUSY, b);
	printf("message: %s\n", db_errmsg(b));
	expect("b commit after the timeout", be->commit(b), DB_BUSY, b);
	expect("b not in a transaction", be->in_transaction(b), false, b);
	expect("a commit", be->commit(a), DB_OK, a);
	expect("b begin after", be->begin(b), DB_OK, b);
	expect("b writes after", run(b, SQL_IGNORE, "busy-b@example.org"),
	    DB_OK, b);
	expect("b commit", be->commit(b), DB_OK, b);
	ignored(b, "busy-a@example.org", 1, "a's write was lost");
	ignored(b, "busy-b@example.org", 1, "b's write was not recorded once");
	be->close(a);
	be->close(b);
	return failures != 0;
}

static int
cmd_aborted(const char *uri)
{
	struct db *db = open_clean(uri);

	expect("begin", be->begin(db), DB_OK, db);
	expect("insert", run(db, SQL_IGNORE, "dup@example.org"), DB_OK, db);
	expect("savepoint", be->savepoint(db, "one_fact"), DB_OK, db);
	expect("duplicate", run(db, SQL_IGNORE, "dup@example.org"),
	    DB_CONSTRAINT, db);
	expect("rollback to", be->rollback_to(db, "one_fact"), DB_OK, db);
	expect("release", be->release(db, "one_fact"), DB_OK, db);
	expect("insert after", run(db, SQL_IGNORE, "next@example.org"), DB_OK,
	    db);
	expect("commit", be->commit(db), DB_OK, db);
	ignored(db, "next@example.org", 1,
	    "the savepoint did not keep the transaction");
	expect("begin", be->begin(db), DB_OK, db);
	expect("duplicate", run(db, SQL_IGNORE, "dup@example.org"),
	    DB_CONSTRAINT, db);
	expect("insert in aborted", run(db, SQL_IGNORE, "lost@example.org"),
	    DB_ERROR, db);
	expect("commit of aborted", be->commit(db), DB_ERROR, db);
	printf("message: %s\n", db_errmsg(db));
	expect("bad savepoint name", (be->begin(db), be->savepoint(db,
	    "x; DROP TABLE ignores")), DB_ERROR, db);
	be->rollback(db);
	ignored(db, "lost@example.org", 0, "an aborted transaction was recorded");
	be->close(db);
	return failures != 0;
}

/*
 * race_child - count each of m messages once: the key is the guard, the
 * counter is bumped only when this process inserted the key.
 */
static int
race_child(const char *uri, int m)
{
	struct db *db = open_or_die(uri, 0);
	struct db_stmt *ins, *bump;
	char key[32];

	if (be->prepare(db, "INSERT INTO messages (key, kind, seen_at)"
	    " VALUES (?1, 'in', ?2) ON CONFLICT (key) DO NOTHING", &ins) !=
	    DB_OK || be->prepare(db, "UPDATE customers SET messages ="
	    " messages + ?1 WHERE email = 'race@example.org'", &bump) != DB_OK)
		return 1;
	for (int i = 0; i < m; i++) {
		int s;

		snprintf(key, sizeof(key), "<m%d@race>", i);
		while ((s = be->begin(db)) == DB_BUSY)
			;
		if (s != DB_OK)
			return 1;
		db_reset(ins);
		db_bind_text(ins, 1, key, -1);
		db_bind_int64(ins, 2, i);
		if (db_step(ins) != DB_DONE)
			return 1;
		db_reset(bump);
		db_bind_int64(bump, 1, db_changes(db));
		if (db_step(bump) != DB_DONE || be->commit(db) != DB_OK)
			return 1;
	}
	be->finalize(ins);
	be->finalize(bump);
	be->close(db);
	return 0;
}

static int
cmd_race(const char *uri, int n, int m)
{
	struct db *db;
	struct db_stmt *st;
	long long total = -1;
	int bad = 0;

	db = open_or_die(uri, 0);
	if (run(db, "INSERT INTO customers (email, first_seen, last_seen)"
	    " VALUES ('race@example.org', 0, 0) ON CONFLICT DO NOTHING",
	    NULL) != DB_OK)
		return 1;
	be->close(db);
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			fflush(stdout);
			_exit(race_child(uri, m));
		}
	}
	for (int i = 0; i < n; i++) {
		int ws;

		if (wait(&ws) < 0 || !WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
			bad++;
	}
	db = open_or_die(uri, 0);
	if (be->prepare(db, "SELECT messages FROM customers"
	    " WHERE email = 'race@example.org'", &st) == DB_OK &&
	    db_step(st) == DB_ROW)
		total = db_column_int64(st, 0);
	printf("writers failed: %d\nmessages counted: %lld of %d\n", bad,
	    total, m);
	be->close(db);
	return bad != 0 || total != m;
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc >= 3 && strcmp(argv[1], "open") == 0)
		return cmd_open(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc >= 5 && strcmp(argv[1], "sql") == 0)
		return cmd_sql(argv[2], (int)strtol(argv[3], NULL, 10), argv[4],
		    argc - 5, argv + 5);
	if (argc == 3 && strcmp(argv[1], "gone") == 0)
		return cmd_gone(argv[2]);
	if (argc == 3 && strcmp(argv[1], "busy") == 0)
		return cmd_busy(argv[2]);
	if (argc == 3 && strcmp(argv[1], "aborted") == 0)
		return cmd_aborted(argv[2]);
	if (argc == 5 && strcmp(argv[1], "race") == 0)
		return cmd_race(argv[2], (int)strtol(argv[3], NULL, 10),
		    (int)strtol(argv[4], NULL, 10));
	fprintf(stderr, "usage: pg_driver open|sql|gone|busy|aborted|race "
	    "URI ...\n");
	return 2;
}
