/*
 * pgsql_pipe - writes inside a transaction sent without waiting for their
 * results (libpq pipeline mode), and the one round trip that collects them.
 *
 * What it is for: a message's transaction is about fifteen statements,
 * and every milter of every server waits for it (the writer lock), so
 * each round trip to the server is paid by all of them.  Most of those
 * statements are INSERTs and UPDATEs whose result nobody reads: they are
 * queued here (pg_pipe_send) and go to the server together with the next
 * statement whose result is needed (a SELECT, an INSERT ... RETURNING,
 * db_changes(), a savepoint or the COMMIT): one round trip for all of
 * them (pg_pipe_sync).  The BEGIN and the writer lock that open the
 * transaction are queued the same way (pg_pipe_send_text, pgsql.c).
 *
 * What it owns: the connection's pipeline state (queued, broken).
 *
 * Failures: a queued statement that fails is reported by the sync that
 * collects it, so by the statement (or savepoint, or COMMIT) that follows
 * it, with its own words; the rules treat any failure in a message alike
 * (the message is undone), so this changes no outcome.  After one the
 * transaction is lost on the server: every further statement in it fails
 * with the same words without being sent (broken), until rollback (or a
 * rollback to a savepoint).  Only statements inside a transaction (and
 * the BEGIN that opens it) are queued; outside one nothing changes.
 *
 * What it never does: queue a statement whose rows are read (the writer
 * lock's one row is not) or whose row count is read before the next sync
 * (pg_changes syncs first), or leave the connection in pipeline mode
 * between syncs.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/pgsql/pgsql_int.h"

/*
 * pg_pipe_writes_only - sql (the rules' constant text) is an INSERT,
 * UPDATE or DELETE that returns no rows: one that may be queued
 */
bool
pg_pipe_writes_only(const char *sql)
{
	sql += strspn(sql, " \t\r\n");
	if (strncasecmp(sql, "INSERT", 6) != 0 &&
	    strncasecmp(sql, "UPDATE", 6) != 0 &&
	    strncasecmp(sql, "DELETE", 6) != 0)
		return false;
	return strcasestr(sql, "RETURNING") == NULL;
}

/* enter - pipeline mode for the first statement queued since a sync */
static int
enter(struct pg_db *db)
{
	int status;

	if (db->broken)
		return db->status;
	if (db->queued >= PG_PIPE_MAX &&
	    (status = pg_pipe_sync(db, NULL)) != DB_OK)
		return status;
	if (db->queued == 0 && PQenterPipelineMode(db->conn) != 1)
		return pg_fail(db, DB_ERROR, "%s: cannot enter pipeline mode",
		    db->where);
	return DB_OK;
}

/* sent - account for a statement libpq took (ok), or fail as it says */
static int
sent(struct pg_db *db, bool ok)
{
	if (!ok) {
		if (db->queued == 0)
			PQexitPipelineMode(db->conn);
		return pg_result_status(db, NULL);
	}
	db->queued++;
	return DB_OK;
}

/*
 * pg_pipe_send - queue one execution of the prepared statement name with
 * vals (copied by libpq).  DB_OK, or a failure recorded on db (nothing
 * queued then).  Past PG_PIPE_MAX queued statements it syncs first.
 */
int
pg_pipe_send(struct pg_db *db, const char *name, int nparams,
    const char *const *vals)
{
	int status;

	if ((status = enter(db)) != DB_OK)
		return status;
	return sent(db, PQsendQueryPrepared(db->conn, name, nparams, vals,
	    NULL, NULL, 0) == 1);
}

/*
 * pg_pipe_send_text - queue one constant statement without parameters
 * (BEGIN, the writer lock, COMMIT), as pg_pipe_send does
 */
int
pg_pipe_send_text(struct pg_db *db, const char *sql)
{
	int status;

	if ((status = enter(db)) != DB_OK)
		return status;
	return sent(db, PQsendQueryParams(db->conn, sql, 0, NULL, NULL, NULL,
	    NULL, 0) == 1);
}

/* one_result - the result of one queued statement (NULL: none came) */
static PGresult *
one_result(struct pg_db *db)
{
	PGresult *res, *first = NULL;

	while ((res = PQgetResult(db->conn)) != NULL) {
		if (first == NULL)
			first = res;
		else
			PQclear(res);
	}
	return first;
}

/* count_changes - remember the row count of a successful write */
static void
count_changes(struct pg_db *db, const PGresult *res)
{
	const char *tag = PQcmdStatus((PGresult *)res);

	if (strncmp(tag, "INSERT ", 7) == 0 || strncmp(tag, "UPDATE ", 7) == 0 ||
	    strncmp(tag, "DELETE ", 7) == 0)
		db->changes = strtoll(PQcmdTuples((PGresult *)res), NULL, 10);
}

/* end_pipeline - past the Sync's own result, and out of pipeline mode */
static void
end_pipeline(struct pg_db *db)
{
	PGresult *res;

	/* bounded: the Sync's result, or nothing once the connection broke */
	for (int i = 0; i < 4 && (res = PQgetResult(db->conn)) != NULL; i++) {
		bool sync = PQresultStatus(res) == PGRES_PIPELINE_SYNC;

		PQclear(res);
		if (sync)
			break;
	}
	if (PQexitPipelineMode(db->conn) != 1 && !db->gone) {
		db->gone = true;	/* out of step with the server */
		pg_fail(db, DB_GONE, "%s: the pipeline did not end: %s",
		    db->where, PQerrorMessage(db->conn));
	}
}

/*
 * pg_pipe_sync - send what is queued, and read every result.  With last,
 * the last queued statement's result is handed over (the caller checks
 * and clears it) when everything before it succeeded.  DB_OK, or the
 * first failure (recorded on db; db->broken set).
 */
int
pg_pipe_sync(struct pg_db *db, PGresult **last)
{
	int n = db->queued, status = DB_OK;

	if (last != NULL)
		*last = NULL;
	if (n == 0)
		return db->broken ? db->status : DB_OK;
	db->queued = 0;
	if (PQpipelineSync(db->conn) != 1) {
		/* nothing can be read back: the connection is given up */
		db->gone = true;
		db->broken = true;
		return pg_fail(db, DB_GONE, "%s: cannot send to the server: %s",
		    db->where, PQerrorMessage(db->conn));
	}
	for (int i = 0; i < n; i++) {
		PGresult *res = one_result(db);

		if (status != DB_OK) {
			PQclear(res);	/* aborted behind the failure */
			continue;
		}
		if (i == n - 1 && last != NULL && res != NULL) {
			*last = res;
			continue;
		}
		if ((status = pg_result_status(db, res)) == DB_OK)
			count_changes(db, res);
		PQclear(res);
	}
	end_pipeline(db);
	if (status == DB_OK && db->gone) {
		status = db->status;
		PQclear(last != NULL ? *last : NULL);
		if (last != NULL)
			*last = NULL;
	}
	if (status != DB_OK)
		db->broken = true;
	return status;
}
