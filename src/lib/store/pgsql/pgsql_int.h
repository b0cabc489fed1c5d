/*
 * pgsql_int.h - private to the PostgreSQL backend (src/lib/store/pgsql):
 * the connection and statement structs its three files share.
 *
 * pgsql.c owns the connection (open, errors, transactions, reconnects),
 * pgsql_stmt.c the statements (translation, binding, execution, rows),
 * pgsql_pipe.c the writes queued in pipeline mode, pgsql_schema.c the
 * schema and its migrations.  Nothing outside this
 * folder includes this file; the store sees only store_backend_pgsql.
 *
 * Threads: a struct pg_db and its statements belong to one thread at a
 * time (store_backend.h), so nothing here is locked.
 */
#ifndef CLIENTELE_PGSQL_INT_H
#define CLIENTELE_PGSQL_INT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store_backend.h"

/* Type OIDs of the server's catalogue (stable since PostgreSQL 7). */
#define PG_OID_BOOL	16
#define PG_OID_INT8	20
#define PG_OID_INT2	21
#define PG_OID_INT4	23
#define PG_OID_TEXT	25
#define PG_OID_OID	26
#define PG_OID_NUMERIC	1700

/*
 * The advisory lock every writer of a store takes inside its transaction
 * (store_backend.h: begin), and the one that guards creating or migrating
 * the schema.  Constants: the same on every server that shares the store.
 * ("clnt" and "clsc" as big-endian bytes.)
 */
#define PG_LOCK_WRITER	0x636c6e74LL
#define PG_LOCK_SCHEMA	0x636c7363LL

/* The oldest server spoken to: gen_random_uuid() is in core from 13. */
#define PG_MIN_SERVER	130000

/*
 * How long a connection attempt may take, unless the conninfo says: a
 * milter must not hold mail for the operating system's TCP timeout while
 * a server is unreachable (it spools instead).
 */
#define PG_CONNECT_WAIT	"3"

/* How long a writer waits for another one, unless the conninfo says. */
#define PG_LOCK_WAIT	"5s"

/* The memory a report's sort may use before it spills to disk. */
#define PG_REPORT_WORK_MEM	"64MB"

/* Most parameters one statement may number (?1 .. ?PG_MAX_PARAMS). */
#define PG_MAX_PARAMS	64

/* Most writes queued in pipeline mode before they are sent (pgsql_pipe.c). */
#define PG_PIPE_MAX	64

/* Most prepared variants (one per set of declared types) a statement keeps. */
#define PG_MAX_VARIANTS	4

struct pg_db {
	struct db base;		/* first: a struct db * is a struct pg_db * */
	PGconn *conn;
	int flags;		/* DB_OPEN_* */
	bool in_tx;		/* begin succeeded, commit/rollback not yet */
	bool gone;		/* the connection was lost; reset at next begin */
	bool queue_ok;		/* queue_writes on, in this transaction */
	int queued;		/* statements sent in pipeline mode, unread */
	bool broken;		/* a queued write failed: the transaction is
				 * lost, status and msg say why (until
				 * rollback or rollback to a savepoint) */
	unsigned gen;		/* bumped by each reconnect: prepared names die */
	unsigned next_name;	/* for the server-side statement names */
	int64_t changes;	/* rows of the last INSERT/UPDATE/DELETE */
	int status;		/* enum db_status of the last failure */
	char msg[512];		/* its words */
	char where[256];	/* "database D on HOST port P", for messages */
};

/* One server-side prepared statement for one set of declared types. */
struct pg_variant {
	Oid key[PG_MAX_PARAMS];	/* the types the bindings declared */
	unsigned gen;		/* the connection generation it lives in */
	char name[24];		/* "clientele_N": ours, never from text */
};

struct pg_stmt {
	struct db_stmt base;	/* first */
	struct pg_db *pdb;
	char *sql;		/* with $N for ?N */
	int nparams;
	bool queueable;		/* a write returning nothing (pgsql_pipe.c) */
	char *vals[PG_MAX_PARAMS];	/* owned copies; NULL is SQL NULL */
	char kinds[PG_MAX_PARAMS];	/* 0 unbound/null, 1 integer, 2 text */
	Oid known[PG_MAX_PARAMS];	/* types the server gave (0: none yet) */
	struct pg_variant var[PG_MAX_VARIANTS];
	int nvar;
	unsigned evict;		/* the next variant to replace when full */
	PGresult *res;		/* the rows of the execution in progress */
	int row;		/* the current row, -1 before the first */
	int nrows;
	bool done;		/* stepped to its end */
	bool queued;		/* this execution was queued, not run */
};

/* the backend itself (pgsql.c) */
extern const struct store_backend store_backend_pgsql;

/* pgsql.c */
int pg_fail(struct pg_db *db, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int pg_result_status(struct pg_db *db, const PGresult *res);
int pg_check(struct pg_db *db, PGresult *res);
int pg_exec(struct db *d, const char *sql);
int pg_ensure_connected(struct pg_db *db);

/* pgsql_stmt.c */
int pg_prepare(struct db *d, const char *sql, struct db_stmt **out);
void pg_finalize(struct db_stmt *st);
void pg_reset(struct db_stmt *st);
int pg_bind_int64(struct db_stmt *st, int i, int64_t v);
int pg_bind_text(struct db_stmt *st, int i, const char *s, int len);
int pg_bind_null(struct db_stmt *st, int i);
int pg_step(struct db_stmt *st);
enum db_type pg_column_type(struct db_stmt *st, int i);
int64_t pg_column_int64(struct db_stmt *st, int i);
const char *pg_column_text(struct db_stmt *st, int i);
int pg_column_bytes(struct db_stmt *st, int i);
/* pg_translate - ?N to $N outside literals; NULL when malformed */
char *pg_translate(const char *sql, int *nparams, char *why, size_t whylen);

/* pgsql_pipe.c */
bool pg_pipe_writes_only(const char *sql);
int pg_pipe_send(struct pg_db *db, const char *name, int nparams,
    const char *const *vals);
int pg_pipe_send_text(struct pg_db *db, const char *sql);
int pg_pipe_sync(struct pg_db *db, PGresult **last);

/* pgsql_schema.c */
int pg_schema_ready(struct pg_db *db, struct err *e);
/* the schema version this build writes (steps, like SQLite's user_version) */
int pg_schema_version(void);

/* pgsql_conn.c, for pg_open and the transactions (pgsql.c) */
/* pg_describe - where db is connected, for messages ("host:port/dbname") */
void pg_describe(struct pg_db *db);
/* pg_trim_copy - libpq's words on one line, bounded, into out */
void pg_trim_copy(char *out, size_t outlen, const char *words);
/* pg_session_setup - the session's settings after (re)connecting; DB_OK or a status */
int pg_session_setup(struct pg_db *db);
/* pg_lost - the connection is gone: DB_GONE with words, remembered on db */
int pg_lost(struct pg_db *db, const char *words);

#endif
