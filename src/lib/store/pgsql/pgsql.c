/*
 * pgsql - the PostgreSQL backend of the store: one libpq connection per
 * struct db, its errors, its transactions and its reconnects.
 *
 * What it is for: letting the milters of several mail servers record into
 * one shared store.  It fills in store_backend_pgsql (store_backend.h);
 * pgsql_stmt.c runs the statements, pgsql_pipe.c sends writes ahead,
 * pgsql_schema.c creates and migrates the schema, and pgsql_conn.c holds
 * what they all share (errors, the session, reconnecting): the files call
 * one way, this one -> stmt -> pipe -> conn, and schema -> conn.
 *
 * What it owns: the PGconn, the transaction state, the last error.
 *
 * How writers serialize: begin opens a READ COMMITTED transaction and takes
 * (with the transaction's first statement, in one round trip)
 * one transaction-level advisory lock (PG_LOCK_WRITER), the same constant on
 * every server, so writers run one at a time as under SQLite's BEGIN
 * IMMEDIATE, and each statement after the lock sees what the previous
 * writer committed.  The unique keys stay the second line of defence.  A
 * writer that waits longer than lock_timeout (PG_LOCK_WAIT unless the
 * conninfo sets one) gets DB_BUSY with nothing applied.
 *
 * A lost connection: the transaction in flight is gone (the server rolled
 * it back); everything on it reports DB_GONE until rollback, and the next
 * begin (or a statement outside a transaction) tries one PQreset;
 * statements are prepared again lazily on the new connection.
 *
 * The session: UTF-8, READ COMMITTED, no JIT compilation (it costs more
 * than it saves on every statement the store runs), and the TimeZone of
 * this process (TZ, else /etc/localtime), so that the reports' calendar
 * months are the ones SQLite's 'localtime' gives on the same machine.
 *
 * What it never does: build SQL from mail text (values are bound; the only
 * SQL it formats holds savepoint names it has checked are identifiers),
 * echo the connection string (it may hold a password), or print to stderr
 * (notices are dropped).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/pgsql/pgsql_int.h"

/* pg_exec - constant SQL, possibly several statements, no parameters */
int
pg_exec(struct db *d, const char *sql)
{
	struct pg_db *db = (struct pg_db *)d;

	if (db->gone && db->in_tx)
		return pg_lost(db, "earlier in this transaction");
	if (!db->in_tx && pg_ensure_connected(db) != DB_OK)
		return db->status;
	if (pg_pipe_sync(db, NULL) != DB_OK)
		return db->status;
	return pg_check(db, PQexec(db->conn, sql));
}

static void pg_close(struct db *d);

/*
 * pg_open - target is a whole postgresql:// URI or a libpq conninfo string;
 * connect, check the server, create or migrate the schema.  *out is the
 * caller's to close, also on failure when set (it is not: NULL then).
 */
static int
pg_open(const char *target, int flags, struct db **out, struct err *e)
{
	/* before dbname: the conninfo's own connect_timeout wins */
	const char *const keys[] = { "connect_timeout", "dbname",
		"fallback_application_name", NULL };
	const char *values[] = { PG_CONNECT_WAIT, target, "clientele", NULL };
	struct pg_db *db;
	char w[400];
	int status;

	*out = NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL) {
		err_set(e, "pgsql: out of memory");
		return DB_NOMEM;
	}
	db->base.be = &store_backend_pgsql;
	db->flags = flags;
	db->conn = PQconnectdbParams(keys, values, 1);
	if (db->conn == NULL) {
		free(db);
		err_set(e, "pgsql: out of memory");
		return DB_NOMEM;
	}
	pg_describe(db);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		pg_trim_copy(w, sizeof(w), PQerrorMessage(db->conn));
		/* refused, unknown role or database, no server: libpq has
		 * no SQLSTATE for these, only its words */
		err_set(e, "%s: cannot connect: %s", db->where, w);
		pg_close(&db->base);
		return DB_CANTOPEN;
	}
	if ((status = pg_session_setup(db)) != DB_OK) {
		err_set(e, "%s", db->msg);
		pg_close(&db->base);
		return status == DB_GONE ? DB_CANTOPEN : status;
	}
	if ((status = pg_schema_ready(db, e)) != DB_OK) {
		pg_close(&db->base);
		return status == DB_GONE ? DB_CANTOPEN : status;
	}
	*out = &db->base;
	return DB_OK;
}

/* pg_close - roll back what is unfinished and hang up; accepts NULL */
static void
pg_close(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;

	if (db == NULL)
		return;
	pg_pipe_sync(db, NULL);
	if (db->in_tx && !db->gone && PQstatus(db->conn) == CONNECTION_OK)
		PQclear(PQexec(db->conn, "ROLLBACK"));
	PQfinish(db->conn);
	free(db);
}

/* pg_changes - rows changed by the last INSERT, UPDATE or DELETE */
static int64_t
pg_changes(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;

	/* a queued write's count comes back with its sync; a failure
	 * stays recorded for the next statement (pgsql_pipe.c) */
	pg_pipe_sync(db, NULL);
	return db->changes;
}

/*
 * pg_begin - a READ COMMITTED transaction holding the writer lock.  BEGIN
 * and the lock are only queued (pgsql_pipe.c): they reach the server with
 * the transaction's first statement, so the lock is held one round trip
 * less.  A lock timeout is reported by that statement (DB_BUSY, nothing
 * applied), and the caller rolls back as after any failure.
 */
static int
pg_begin(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;
	int status;
	char sql[64];

	if (db->in_tx)
		return pg_fail(db, DB_ERROR, "begin: a transaction is already "
		    "open");
	if ((status = pg_ensure_connected(db)) != DB_OK)
		return status;
	db->broken = false;
	snprintf(sql, sizeof(sql), "SELECT pg_advisory_xact_lock(%lld)",
	    (long long)PG_LOCK_WRITER);
	if ((status = pg_pipe_send_text(db, "BEGIN ISOLATION LEVEL READ "
	    "COMMITTED")) != DB_OK || (status = pg_pipe_send_text(db,
	    sql)) != DB_OK) {
		pg_pipe_sync(db, NULL);
		if (!db->gone)
			PQclear(PQexec(db->conn, "ROLLBACK"));
		db->broken = false;
		return status;
	}
	db->in_tx = true;
	db->queue_ok = false;
	return DB_OK;
}

/* pg_queue_writes - store_backend.h; pgsql_pipe.c does the queueing */
static int
pg_queue_writes(struct db *d, bool on)
{
	struct pg_db *db = (struct pg_db *)d;

	db->queue_ok = on && db->in_tx;
	return on || !db->in_tx ? DB_OK : pg_pipe_sync(db, NULL);
}

/*
 * pg_commit - make the transaction durable.  A transaction an earlier
 * error aborted is rolled back instead, and that is a failure: the
 * server's COMMIT would say ROLLBACK and succeed.
 */
static int
pg_commit(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;
	PGresult *res = NULL;
	int status;

	if (!db->in_tx)
		return pg_fail(db, DB_ERROR, "commit without a transaction");
	if (db->gone) {
		db->in_tx = false;
		return pg_lost(db, "before commit; nothing of the transaction "
		    "was recorded");
	}
	/* queued writes go with the COMMIT: one round trip for them all */
	if (db->queued > 0 && ((status = pg_pipe_send_text(db,
	    "COMMIT")) != DB_OK || (status = pg_pipe_sync(db, &res)) != DB_OK)) {
		db->in_tx = false;
		if (!db->gone)
			PQclear(PQexec(db->conn, "ROLLBACK"));
		return status;
	}
	if (db->broken || PQtransactionStatus(db->conn) == PQTRANS_INERROR) {
		PQclear(PQexec(db->conn, "ROLLBACK"));
		db->in_tx = false;
		if (db->broken)
			return db->status;
		return pg_fail(db, DB_ERROR, "commit: an earlier statement "
		    "failed, so the transaction was rolled back");
	}
	if (res == NULL)
		res = PQexec(db->conn, "COMMIT");
	status = pg_result_status(db, res);
	if (status == DB_OK && strcmp(PQcmdStatus(res), "COMMIT") != 0)
		status = pg_fail(db, DB_ERROR, "commit: the server rolled the "
		    "transaction back");
	PQclear(res);
	db->in_tx = false;
	return status;
}

/* pg_rollback - abandon the transaction (a lost one is already gone) */
static void
pg_rollback(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;

	if (!db->in_tx)
		return;
	pg_pipe_sync(db, NULL);		/* whatever it says is undone now */
	if (!db->gone && PQstatus(db->conn) == CONNECTION_OK)
		PQclear(PQexec(db->conn, "ROLLBACK"));
	db->in_tx = false;
	db->broken = false;
}

static bool
pg_in_transaction(struct db *d)
{
	return ((struct pg_db *)d)->in_tx;
}

/* savepoint_sql - "VERB name" when name is a plain identifier; -1 if not */
static int
savepoint_sql(struct pg_db *db, const char *verb, const char *name,
    char *out, size_t outlen)
{
	size_t n = name != NULL ? strlen(name) : 0;

	if (n == 0 || n > 63 || strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") != n ||
	    (name[0] >= '0' && name[0] <= '9')) {
		pg_fail(db, DB_ERROR, "savepoint: not an identifier");
		return -1;
	}
	snprintf(out, outlen, "%s %s", verb, name);
	return 0;
}

/* savepoint_op - one savepoint statement inside the open transaction */
static int
savepoint_op(struct db *d, const char *verb, const char *name)
{
	struct pg_db *db = (struct pg_db *)d;
	char sql[128];

	if (!db->in_tx)
		return pg_fail(db, DB_ERROR, "%s outside a transaction", verb);
	if (db->gone)
		return pg_lost(db, "earlier in this transaction");
	if (savepoint_sql(db, verb, name, sql, sizeof(sql)) < 0)
		return DB_ERROR;
	return pg_check(db, PQexec(db->conn, sql));
}

/*
 * undo_to - after a queued write failed inside savepoint name: back to
 * it and past it, so that the transaction goes on without what followed
 * it, as when a statement fails at once and the caller rolls back to it.
 * Returns the failure, still recorded on db.
 */
static int
undo_to(struct pg_db *db, const char *name)
{
	int status = db->status;
	char msg[sizeof(db->msg)];
	char sql[160];

	memcpy(msg, db->msg, sizeof(msg));
	if (!db->gone && savepoint_sql(db, "ROLLBACK TO SAVEPOINT", name, sql,
	    sizeof(sql)) == 0 && pg_check(db, PQexec(db->conn, sql)) ==
	    DB_OK && savepoint_sql(db, "RELEASE SAVEPOINT", name, sql,
	    sizeof(sql)) == 0 && pg_check(db, PQexec(db->conn, sql)) == DB_OK)
		db->broken = false;
	db->status = status;
	memcpy(db->msg, msg, sizeof(db->msg));
	return status;
}

static int
pg_savepoint(struct db *d, const char *name)
{
	struct pg_db *db = (struct pg_db *)d;

	if (db->in_tx && pg_pipe_sync(db, NULL) != DB_OK)
		return db->status;
	return savepoint_op(d, "SAVEPOINT", name);
}

/*
 * pg_release - what was queued since the savepoint runs first; if it
 * fails, the savepoint is rolled back and released (undo_to) and the
 * failure returned: the caller meant to keep work that did not happen.
 */
static int
pg_release(struct db *d, const char *name)
{
	struct pg_db *db = (struct pg_db *)d;

	if (db->in_tx && db->queued > 0 && pg_pipe_sync(db, NULL) != DB_OK)
		return undo_to(db, name);
	if (db->broken)
		return db->status;
	return savepoint_op(d, "RELEASE SAVEPOINT", name);
}

/* pg_rollback_to - what was queued is dropped with the rest */
static int
pg_rollback_to(struct db *d, const char *name)
{
	struct pg_db *db = (struct pg_db *)d;
	int status;

	if (db->in_tx)
		pg_pipe_sync(db, NULL);
	if ((status = savepoint_op(d, "ROLLBACK TO SAVEPOINT", name)) ==
	    DB_OK)
		db->broken = false;
	return status;
}

static int
pg_errstatus(struct db *d)
{
	return ((struct pg_db *)d)->status;
}

static const char *
pg_errmsg(struct db *d)
{
	struct pg_db *db = (struct pg_db *)d;

	return db->msg[0] != '\0' ? db->msg : "no error";
}

const struct store_backend store_backend_pgsql = {
	.name = "pgsql",
	.dialect = DB_PGSQL,
	.open = pg_open,
	.close = pg_close,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.reset = pg_reset,
	.bind_int64 = pg_bind_int64,
	.bind_text = pg_bind_text,
	.bind_text_borrowed = pg_bind_text,	/* copied all the same */
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_type = pg_column_type,
	.column_int64 = pg_column_int64,
	.column_text = pg_column_text,
	.column_bytes = pg_column_bytes,
	.changes = pg_changes,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.in_transaction = pg_in_transaction,
	.savepoint = pg_savepoint,
	.release = pg_release,
	.rollback_to = pg_rollback_to,
	.queue_writes = pg_queue_writes,
	.errstatus = pg_errstatus,
	.errmsg = pg_errmsg,
};
