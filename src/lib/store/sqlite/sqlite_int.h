/*
 * sqlite_int.h - private to the SQLite backend (the files of store/sqlite):
 * its connection and statement, and the helpers its files share.  Nothing
 * outside this folder includes it; the store sees only store_backend.h.
 *
 * A struct db_sqlite belongs to one thread at a time, like struct store.
 */
#ifndef CLIENTELE_STORE_SQLITE_INT_H
#define CLIENTELE_STORE_SQLITE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "store/store_backend.h"

/* "Clnt": written at creation, checked on every open. */
#define SQLITE_APPLICATION_ID 0x436c6e74
/* savepoint names a connection keeps prepared statements for */
#define SQLITE_MAX_SAVEPOINTS 4

struct sqlite_savepoint {
	char name[32];
	sqlite3_stmt *enter, *release, *undo;
};

struct db_sqlite {
	struct db base;			/* first: a struct db * is this */
	sqlite3 *h;
	sqlite3_stmt *begin, *commit;	/* prepared once: one pair a message */
	struct sqlite_savepoint sp[SQLITE_MAX_SAVEPOINTS];
	int nsp;
};

struct db_stmt_sqlite {
	struct db_stmt base;		/* first */
	sqlite3_stmt *st;
	/*
	 * bound or stepped since the last reset: a reset of a clean
	 * statement (the store resets before each use and after it) is then
	 * skipped
	 */
	bool used;
};

/* sqlite_status - the db_status a SQLite result code means */
int sqlite_status(int rc);

/* sqlite_functions - register money_sum() on h (sqlite_money.c); 0 or -1 */
int sqlite_functions(sqlite3 *h);

/*
 * sqlite_schema_check - is the open file ours, and how far behind is it?
 * Only reads; *behind says the caller must migrate (never when readonly).
 * sqlite_schema_migrate - bring it to the current version in one
 * transaction.  Both 0 or -1 with e set (path names the file).
 */
int sqlite_schema_check(sqlite3 *h, const char *path, bool readonly,
    bool *behind, struct err *e);
int sqlite_schema_migrate(sqlite3 *h, const char *path, struct err *e);

/* sqlite_exec - constant SQL; 0 or -1 with e set ("store: MESSAGE") */
int sqlite_exec(sqlite3 *h, const char *sql, struct err *e);

/*
 * The files call one way: sqlite_stmt.c (the backend: open, close,
 * statements, transactions) -> sqlite_open.c (the connection's settings)
 * -> sqlite_schema.c and sqlite_money.c.
 */
/* store_backend_sqlite's open and close (sqlite_stmt.c) */
int sqlite_open(const char *path, int flags, struct db **out, struct err *e);
void sqlite_close(struct db *db);
/* sqlite_connect - open path into d (sqlite_open.c); 0 or -1 with e set */
int sqlite_connect(struct db_sqlite *d, const char *path, int flags,
    struct err *e);

/* The statement half (sqlite_stmt.c). */
int sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out);
void sqlite_finalize(struct db_stmt *st);
void sqlite_close_tx(struct db_sqlite *d);

extern const struct store_backend store_backend_sqlite;

#endif
