/*
 * pgsql_conn - what every file of the PostgreSQL backend shares: turning
 * libpq's results and SQLSTATEs into enum db_status with words that never
 * hold the password, the session's settings (UTF-8, READ COMMITTED, no
 * JIT, this process's TimeZone), and reconnecting after a lost
 * connection (pg_ensure_connected).
 *
 * Calls nothing else in the backend.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/pgsql/pgsql_int.h"

/* pg_fail - record status and words on db; returns status */
int
pg_fail(struct pg_db *db, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(db->msg, sizeof(db->msg), fmt, ap);
	va_end(ap);
	db->status = status;
	return status;
}

/* sqlstate_status - the db_status a SQLSTATE stands for */
static int
sqlstate_status(const char *st)
{
	static const struct {
		const char *code;	/* a full code, or a class of two */
		int status;
	} map[] = {
		{ "40001", DB_BUSY }, { "40P01", DB_BUSY }, { "55P03", DB_BUSY },
		{ "53100", DB_FULL }, { "53200", DB_NOMEM },
		{ "25006", DB_READONLY },
		{ "57P01", DB_GONE }, { "57P02", DB_GONE }, { "57P03", DB_GONE },
		{ "XX001", DB_CORRUPT }, { "XX002", DB_CORRUPT },
		{ "23", DB_CONSTRAINT }, { "08", DB_GONE },
	};

	if (st == NULL || strlen(st) != 5)
		return DB_ERROR;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strncmp(st, map[i].code, strlen(map[i].code)) == 0)
			return map[i].status;
	return DB_ERROR;
}

/*
 * trim_copy - libpq's words on one line: its "ERROR:  " dropped, each run
 * of newlines and tabs one space, no trailing space
 */
void
pg_trim_copy(char *out, size_t outlen, const char *words)
{
	size_t o = 0;
	bool space = false;

	if (words == NULL || *words == '\0')
		words = "unknown error";
	if (strncmp(words, "ERROR:  ", 8) == 0)
		words += 8;
	for (const char *p = words; *p != '\0' && o + 1 < outlen; p++) {
		if (*p == '\n' || *p == '\t' || *p == ' ') {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < outlen)
			out[o++] = ' ';
		space = false;
		out[o++] = *p;
	}
	out[o] = '\0';
}

/*
 * lost - the connection is gone: note it, so that nothing more runs on it
 * in this transaction.  Returns DB_GONE.
 */
int
pg_lost(struct pg_db *db, const char *words)
{
	char w[400];

	pg_trim_copy(w, sizeof(w), words);
	db->gone = true;
	return pg_fail(db, DB_GONE, "connection to %s lost: %s", db->where, w);
}

/*
 * pg_result_status - DB_OK, or the failure res stands for (recorded on db).
 * res may be NULL (libpq could not even allocate it, or the connection
 * broke); it is not freed.
 */
int
pg_result_status(struct pg_db *db, const PGresult *res)
{
	ExecStatusType rs = res != NULL ? PQresultStatus(res) :
	    PGRES_FATAL_ERROR;
	char w[400];
	int status;

	if (rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK ||
	    rs == PGRES_EMPTY_QUERY)
		return DB_OK;
	if (PQstatus(db->conn) == CONNECTION_BAD)
		return pg_lost(db, res != NULL ? PQresultErrorMessage(res) :
		    PQerrorMessage(db->conn));
	if (res == NULL)
		return pg_fail(db, DB_NOMEM, "%s: out of memory", db->where);
	status = sqlstate_status(PQresultErrorField(res, PG_DIAG_SQLSTATE));
	if (status == DB_GONE)
		return pg_lost(db, PQresultErrorMessage(res));
	pg_trim_copy(w, sizeof(w), PQresultErrorMessage(res));
	if (status == DB_BUSY)
		return pg_fail(db, status, "another writer holds %s: %s",
		    db->where, w);
	return pg_fail(db, status, "%s", w);
}

/* pg_check - pg_result_status, then PQclear(res) */
int
pg_check(struct pg_db *db, PGresult *res)
{
	int status = pg_result_status(db, res);

	PQclear(res);
	return status;
}

/* ignore_notice - libpq would print NOTICEs on stderr; the store logs */
static void
ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* describe - "database D on HOST port P" from what libpq tried */
void
pg_describe(struct pg_db *db)
{
	const char *host = PQhost(db->conn), *port = PQport(db->conn);
	const char *name = PQdb(db->conn);

	snprintf(db->where, sizeof(db->where), "PostgreSQL database \"%s\" "
	    "on %s%s port %s", name != NULL && *name ? name : "?",
	    host != NULL && host[0] == '/' ? "socket directory " : "",
	    host != NULL && *host ? host : "localhost",
	    port != NULL && *port ? port : "5432");
}

/* setting - one session variable's value into out ("" when unreadable) */
static void
setting(struct pg_db *db, const char *name, char *out, size_t outlen)
{
	const char *values[1] = { name };
	PGresult *res = PQexecParams(db->conn, "SELECT current_setting($1)",
	    1, NULL, values, NULL, NULL, 0);

	out[0] = '\0';
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		snprintf(out, outlen, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
}

/* copy_bounded - s into out, cut to fit; out always terminated */
static void
copy_bounded(char *out, size_t outlen, const char *s)
{
	size_t n = strlen(s);

	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

/*
 * local_zone - the name of this process's time zone, as the C library
 * reads it: TZ when set (without glibc's leading ':'; a path under a
 * zoneinfo directory gives the name after it; empty means UTC), else the
 * link /etc/localtime, else /etc/timezone, else UTC.  out is always set.
 */
static void
local_zone(char *out, size_t outlen)
{
	const char *tz = getenv("TZ"), *z;
	char link[PATH_MAX];
	ssize_t n;
	FILE *fp;

	snprintf(out, outlen, "UTC");
	if (tz != NULL) {
		if (*tz == ':')
			tz++;
		if (*tz == '/' && (z = strstr(tz, "zoneinfo/")) != NULL)
			tz = z + strlen("zoneinfo/");
		if (*tz != '\0' && *tz != '/')
			copy_bounded(out, outlen, tz);
		return;
	}
	n = readlink("/etc/localtime", link, sizeof(link) - 1);
	if (n > 0) {
		link[n] = '\0';
		if ((z = strstr(link, "zoneinfo/")) != NULL) {
			copy_bounded(out, outlen, z + strlen("zoneinfo/"));
			return;
		}
	}
	if ((fp = fopen("/etc/timezone", "r")) != NULL) {
		if (fgets(link, sizeof(link), fp) != NULL) {
			link[strcspn(link, " \t\r\n")] = '\0';
			if (link[0] != '\0')
				copy_bounded(out, outlen, link);
		}
		fclose(fp);
	}
}

/*
 * set_zone - the session's TimeZone is the process's (local_zone), so
 * that a month in the reports (to_char(to_timestamp(..))) is the month
 * SQLite's 'localtime' gives.  Bound, never spliced into SQL.
 */
static int
set_zone(struct pg_db *db)
{
	char zone[128];
	const char *values[1] = { zone };
	PGresult *res;
	int status;

	local_zone(zone, sizeof(zone));
	values[0] = zone;
	res = PQexecParams(db->conn, "SELECT set_config('TimeZone', $1, "
	    "false)", 1, NULL, values, NULL, NULL, 0);
	status = pg_result_status(db, res);
	PQclear(res);
	if (status != DB_OK && !db->gone) {
		char why[256];

		copy_bounded(why, sizeof(why), db->msg);
		return pg_fail(db, DB_CANTOPEN, "%s: the server does not know "
		    "this machine's time zone \"%.60s\" (set TZ to a zone name "
		    "it knows, such as Europe/Berlin): %s", db->where, zone,
		    why);
	}
	return status;
}

/*
 * session_setup - what every connection (and every reconnect) needs:
 * UTF-8 both ways, the process's time zone, a bounded wait for the
 * writer lock, read-only or bulk mode.  DB_OK or a failure recorded on db.
 */
int
pg_session_setup(struct pg_db *db)
{
	const char *enc = PQparameterStatus(db->conn, "server_encoding");
	char v[64];

	PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
	if (PQserverVersion(db->conn) < PG_MIN_SERVER)
		return pg_fail(db, DB_CANTOPEN, "%s: server version %d is too "
		    "old; clientele needs PostgreSQL 13 or later", db->where,
		    PQserverVersion(db->conn));
	if (enc == NULL || strcmp(enc, "UTF8") != 0)
		return pg_fail(db, DB_CANTOPEN, "%s: the database's encoding is "
		    "%s; clientele needs UTF8", db->where, enc ? enc : "unknown");
	if (PQsetClientEncoding(db->conn, "UTF8") != 0)
		return pg_fail(db, DB_CANTOPEN, "%s: cannot speak UTF-8 to it",
		    db->where);
	/*
	 * jit off: the reports' one pass over 100,000 customers costs enough
	 * to cross jit_above_cost, and compiling it took longer (about a
	 * second) than running it; the store's statements are all short.
	 */
	if (pg_check(db, PQexec(db->conn, "SET client_min_messages = warning;"
	    " SET default_transaction_isolation = 'read committed';"
	    " SET jit = off")) != DB_OK)
		return db->status;
	if (set_zone(db) != DB_OK)
		return db->status;
	setting(db, "lock_timeout", v, sizeof(v));
	if (strcmp(v, "0") == 0 && pg_check(db, PQexec(db->conn,
	    "SET lock_timeout = '" PG_LOCK_WAIT "'")) != DB_OK)
		return db->status;
	/*
	 * a reader is a report: its one sort of every row listed (10 MB of
	 * customers at 100,000) stays in memory instead of spilling to disk
	 */
	if ((db->flags & DB_OPEN_READONLY) && pg_check(db, PQexec(db->conn,
	    "SET default_transaction_read_only = on;"
	    " SET work_mem = '" PG_REPORT_WORK_MEM "'")) != DB_OK)
		return db->status;
	if ((db->flags & DB_OPEN_BULK) && pg_check(db, PQexec(db->conn,
	    "SET synchronous_commit = off")) != DB_OK)
		return db->status;
	return DB_OK;
}

/*
 * pg_ensure_connected - outside a transaction: a lost connection is tried
 * again once (PQreset); prepared statements die with the old one.
 */
int
pg_ensure_connected(struct pg_db *db)
{
	char w[400];

	if (!db->gone && PQstatus(db->conn) == CONNECTION_OK)
		return DB_OK;
	PQreset(db->conn);
	db->gen++;
	if (PQstatus(db->conn) != CONNECTION_OK) {
		db->gone = true;
		pg_trim_copy(w, sizeof(w), PQerrorMessage(db->conn));
		return pg_fail(db, DB_GONE, "cannot reconnect to %s: %s",
		    db->where, w);
	}
	db->gone = false;
	if (pg_session_setup(db) != DB_OK) {
		db->gone = true;
		return db->status;
	}
	return DB_OK;
}
