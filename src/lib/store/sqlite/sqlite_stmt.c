/*
 * sqlite_stmt - statements, transactions and result codes of the SQLite
 * backend (the open half is sqlite_open.c).
 *
 * What it is for: the statement-level calls of struct store_backend over
 * one sqlite3 connection, SQLite's result codes mapped to enum db_status,
 * and the money_sum() aggregate the report queries use.
 *
 * What it owns: each struct db_stmt_sqlite it prepares (freed by
 * sqlite_finalize), and the connection's prepared BEGIN/COMMIT and
 * savepoint statements (freed by sqlite_close_tx).
 *
 * What it never does: cache the store's statements (the store does, by
 * SQL string), or build SQL from anything but constants and savepoint
 * names the store chooses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_int.h"

#define D(db) ((struct db_sqlite *)(db))
#define S(st) (((struct db_stmt_sqlite *)(st))->st)
/* USED(st) - st is bound or stepped: the next reset must do its work */
#define USED(st) (((struct db_stmt_sqlite *)(st))->used = true)

/*
 * sqlite_status - what a result code means to the store.  An I/O error is
 * the storage failing under us: like a lost connection, nothing more can
 * be recorded.
 */
int
sqlite_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_PROTOCOL:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_FULL:
		return DB_FULL;
	case SQLITE_READONLY:
		return DB_READONLY;
	case SQLITE_CANTOPEN:
		return DB_CANTOPEN;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return DB_CORRUPT;
	case SQLITE_IOERR:
		return DB_GONE;
	case SQLITE_NOMEM:
		return DB_NOMEM;
	default:
		return DB_ERROR;
	}
}

/* sqlite_prepare - a persistent statement; a status on failure */
int
sqlite_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct db_stmt_sqlite *s;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v3(D(db)->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL);
	if (rc != SQLITE_OK)
		return sqlite_status(rc);
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		sqlite3_finalize(st);
		return DB_NOMEM;
	}
	s->base.db = db;
	s->st = st;
	*out = &s->base;
	return DB_OK;
}

void
sqlite_finalize(struct db_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(S(st));
	free(st);
}

/* sq_reset - rewind and unbind, unless nothing was done since the last time */
static void
sq_reset(struct db_stmt *st)
{
	struct db_stmt_sqlite *s = (struct db_stmt_sqlite *)st;

	if (!s->used)
		return;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
	s->used = false;
}

static int
sq_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	USED(st);
	return sqlite_status(sqlite3_bind_int64(S(st), i, (sqlite3_int64)v));
}

static int
sq_bind_text(struct db_stmt *st, int i, const char *s, int len)
{
	USED(st);
	return sqlite_status(sqlite3_bind_text(S(st), i, s, len,
	    SQLITE_TRANSIENT));
}

/* sq_bind_text_borrowed - s read in place by the steps until the reset */
static int
sq_bind_text_borrowed(struct db_stmt *st, int i, const char *s, int len)
{
	USED(st);
	return sqlite_status(sqlite3_bind_text(S(st), i, s, len,
	    SQLITE_STATIC));
}

static int
sq_bind_null(struct db_stmt *st, int i)
{
	USED(st);
	return sqlite_status(sqlite3_bind_null(S(st), i));
}

static int
sq_step(struct db_stmt *st)
{
	USED(st);
	return sqlite_status(sqlite3_step(S(st)));
}

static enum db_type
sq_column_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(S(st), i)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		return DB_INTEGER;
	default:
		return DB_TEXT;
	}
}

static int64_t
sq_column_int64(struct db_stmt *st, int i)
{
	return (int64_t)sqlite3_column_int64(S(st), i);
}

static const char *
sq_column_text(struct db_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(S(st), i);
}

static int
sq_column_bytes(struct db_stmt *st, int i)
{
	return sqlite3_column_bytes(S(st), i);
}

static int64_t
sq_changes(struct db *db)
{
	return (int64_t)sqlite3_changes(D(db)->h);
}

static int
sq_exec(struct db *db, const char *sql)
{
	return sqlite_status(sqlite3_exec(D(db)->h, sql, NULL, NULL, NULL));
}

/* run_once - step a held statement to its end and reset it */
static int
run_once(sqlite3 *h, sqlite3_stmt **st, const char *sql)
{
	int rc;

	if (*st == NULL && (rc = sqlite3_prepare_v3(h, sql, -1,
	    SQLITE_PREPARE_PERSISTENT, st, NULL)) != SQLITE_OK)
		return sqlite_status(rc);
	while ((rc = sqlite3_step(*st)) == SQLITE_ROW)
		;
	sqlite3_reset(*st);
	return rc == SQLITE_DONE ? DB_OK : sqlite_status(rc);
}

static int
sq_begin(struct db *db)
{
	return run_once(D(db)->h, &D(db)->begin, "BEGIN IMMEDIATE");
}

static int
sq_commit(struct db *db)
{
	return run_once(D(db)->h, &D(db)->commit, "COMMIT");
}

static bool
sq_in_transaction(struct db *db)
{
	return sqlite3_get_autocommit(D(db)->h) == 0;
}

static void
sq_rollback(struct db *db)
{
	if (sq_in_transaction(db))
		sqlite3_exec(D(db)->h, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * savepoint_for - the held statements of one savepoint name, NULL when
 * the name is not a plain word or too many names are in use.
 */
static struct sqlite_savepoint *
savepoint_for(struct db_sqlite *d, const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= sizeof(d->sp[0].name) ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz_0123456789") != n)
		return NULL;
	for (int i = 0; i < d->nsp; i++)
		if (strcmp(d->sp[i].name, name) == 0)
			return &d->sp[i];
	if (d->nsp == SQLITE_MAX_SAVEPOINTS)
		return NULL;
	memcpy(d->sp[d->nsp].name, name, n + 1);
	return &d->sp[d->nsp++];
}

/* savepoint_run - "VERB name" through its held statement */
static int
savepoint_run(struct db *db, const char *name, int which)
{
	static const char *const verbs[] = { "SAVEPOINT", "RELEASE",
	    "ROLLBACK TO" };
	struct sqlite_savepoint *sp = savepoint_for(D(db), name);
	sqlite3_stmt **st;
	char sql[64];

	if (sp == NULL)
		return DB_ERROR;
	st = which == 0 ? &sp->enter : which == 1 ? &sp->release : &sp->undo;
	snprintf(sql, sizeof(sql), "%s %s", verbs[which], sp->name);
	return run_once(D(db)->h, st, sql);
}

static int
sq_savepoint(struct db *db, const char *name)
{
	return savepoint_run(db, name, 0);
}

static int
sq_release(struct db *db, const char *name)
{
	return savepoint_run(db, name, 1);
}

static int
sq_rollback_to(struct db *db, const char *name)
{
	return savepoint_run(db, name, 2);
}

/* sqlite_close_tx - free the held transaction statements */
void
sqlite_close_tx(struct db_sqlite *d)
{
	sqlite3_finalize(d->begin);
	sqlite3_finalize(d->commit);
	for (int i = 0; i < d->nsp; i++) {
		sqlite3_finalize(d->sp[i].enter);
		sqlite3_finalize(d->sp[i].release);
		sqlite3_finalize(d->sp[i].undo);
	}
	d->begin = d->commit = NULL;
	d->nsp = 0;
}

static int
sq_errstatus(struct db *db)
{
	return sqlite_status(sqlite3_extended_errcode(D(db)->h));
}

static const char *
sq_errmsg(struct db *db)
{
	return sqlite3_errmsg(D(db)->h);
}

/*
 * sqlite_open - open path (creating it with DB_OPEN_CREATE) at the
 * current schema (sqlite_connect); the caller frees *out with
 * sqlite_close.
 */
int
sqlite_open(const char *path, int flags, struct db **out, struct err *e)
{
	struct db_sqlite *d;

	*out = NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return err_set(e, "store: out of memory");
	d->base.be = &store_backend_sqlite;
	if (sqlite_connect(d, path, flags, e) < 0) {
		sqlite_close(&d->base);
		return -1;
	}
	*out = &d->base;
	return 0;
}

/* sqlite_close - roll back anything unfinished and close; accepts NULL */
void
sqlite_close(struct db *db)
{
	struct db_sqlite *d = (struct db_sqlite *)db;

	if (d == NULL)
		return;
	if (d->h != NULL && sqlite3_get_autocommit(d->h) == 0)
		sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
	sqlite_close_tx(d);
	if (d->h != NULL)
		sqlite3_close(d->h);
	free(d);
}

/* The SQLite backend. */
const struct store_backend store_backend_sqlite = {
	.name = "sqlite",
	.dialect = DB_SQLITE,
	.open = sqlite_open,
	.close = sqlite_close,
	.prepare = sqlite_prepare,
	.finalize = sqlite_finalize,
	.reset = sq_reset,
	.bind_int64 = sq_bind_int64,
	.bind_text = sq_bind_text,
	.bind_text_borrowed = sq_bind_text_borrowed,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.column_type = sq_column_type,
	.column_int64 = sq_column_int64,
	.column_text = sq_column_text,
	.column_bytes = sq_column_bytes,
	.changes = sq_changes,
	.exec = sq_exec,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.in_transaction = sq_in_transaction,
	.savepoint = sq_savepoint,
	.release = sq_release,
	.rollback_to = sq_rollback_to,
	.errstatus = sq_errstatus,
	.errmsg = sq_errmsg,
};
