/*
 * store_backend.h - what the store's rules need of a database, and nothing
 * more: a connection, prepared statements with numbered parameters,
 * transactions and savepoints, and the schema at the current version.
 *
 * Private to src/lib/store: the recording rules (store_apply.c,
 * store_people.c, ...) and the report queries are written once, in the SQL
 * both engines speak, over this interface; each backend is a folder below
 * (sqlite/, pgsql/) that fills in one struct store_backend.  Nothing above
 * the store layer sees it.
 *
 * The SQL the rules write (one dialect, checked by the store suite on both
 * engines):
 *   - parameters are ?1, ?2, ... (a backend renumbers them as it needs);
 *   - INSERT ... ON CONFLICT (...) DO NOTHING / DO UPDATE, RETURNING id,
 *     COALESCE, CASE, standard aggregates; no INSERT OR IGNORE/REPLACE,
 *     no last_insert_rowid(), no IFNULL, no two-argument max()/min();
 *   - integers are 64-bit; flags are integers compared with <> 0, never
 *     used as booleans; times are Unix seconds held as integers;
 *   - money_sum(x): the overflow-free sum of minor units (an aggregate
 *     every backend provides), NULL when it would not fit in 64 bits;
 *   - text is UTF-8 and compared as bytes; addresses are stored lower case.
 * Where the engines truly differ (a month in the owner's time zone, say) the
 * rule asks the backend through db_dialect() and picks one of two strings.
 *
 * Threads: a struct db belongs to one thread at a time, like struct store.
 */
#ifndef CLIENTELE_STORE_BACKEND_H
#define CLIENTELE_STORE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/strutil.h"

/* What a call or a step reports. */
enum db_status {
	DB_OK = 0,
	DB_ROW,		/* step: a row is ready to read */
	DB_DONE,	/* step: no more rows */
	DB_BUSY,	/* another writer holds the lock, or a serialization
			 * conflict: nothing was applied; try again later */
	DB_CONSTRAINT,	/* a key or check refused the change */
	DB_FULL,	/* the disk (or quota) is full */
	DB_READONLY,	/* the store cannot be written by this process */
	DB_CANTOPEN,	/* no such store, or not reachable */
	DB_CORRUPT,	/* not a clientele store, or damaged */
	DB_GONE,	/* the connection was lost mid-way */
	DB_NOMEM,
	DB_ERROR	/* anything else; db_errmsg says what */
};

/* The type of a column in the current row. */
enum db_type { DB_NULL, DB_INTEGER, DB_TEXT };

/* Where the SQL of the two engines differs (see above). */
enum db_dialect { DB_SQLITE, DB_PGSQL };

/* db_open flags (the store's own, store.h, are mapped onto these). */
#define DB_OPEN_READONLY	0x01	/* never write, never create */
#define DB_OPEN_BULK		0x02	/* one writer, many messages: trade
					 * durability per transaction for speed */
#define DB_OPEN_CREATE		0x04	/* a file-backed store may create its
					 * file; without it a missing file is
					 * an error (a server ignores this) */
#define DB_OPEN_PROBE		0x08	/* a server only: connect and check
					 * that the store could be used (an
					 * empty or older schema is fine if
					 * this role may create it), change
					 * nothing; the caller closes at once */

struct db;
struct db_stmt;

/*
 * One backend.  Every function pointer is set but queue_writes, which an
 * engine in this process (SQLite) leaves NULL.  Statements are prepared
 * once per connection and reused: reset clears the bindings too.
 */
struct store_backend {
	const char *name;		/* "sqlite", "pgsql" */
	enum db_dialect dialect;

	/* open (creating it if missing and writable) and migrate to the current schema */
	int (*open)(const char *target, int flags, struct db **out,
	    struct err *e);
	void (*close)(struct db *db);

	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
	void (*finalize)(struct db_stmt *st);
	void (*reset)(struct db_stmt *st);

	/* parameters count from 1; text is copied */
	int (*bind_int64)(struct db_stmt *st, int i, int64_t v);
	int (*bind_text)(struct db_stmt *st, int i, const char *s, int len);
	int (*bind_null)(struct db_stmt *st, int i);
	/*
	 * text the caller keeps valid, unchanged, until the statement is
	 * reset: a backend may read it in place instead of copying (SQLite
	 * does; a backend that copies anyway points this at bind_text)
	 */
	int (*bind_text_borrowed)(struct db_stmt *st, int i, const char *s,
	    int len);

	/* DB_ROW, DB_DONE, or a failure status */
	int (*step)(struct db_stmt *st);

	/* columns count from 0 and are valid until the next step or reset */
	enum db_type (*column_type)(struct db_stmt *st, int i);
	int64_t (*column_int64)(struct db_stmt *st, int i);
	const char *(*column_text)(struct db_stmt *st, int i);	/* NULL for NULL */
	int (*column_bytes)(struct db_stmt *st, int i);

	/* rows changed by the last INSERT, UPDATE or DELETE stepped to its end */
	int64_t (*changes)(struct db *db);

	/* constant SQL, possibly several statements; no parameters */
	int (*exec)(struct db *db, const char *sql);

	/*
	 * A write transaction that serializes with every other writer of the
	 * same store (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-level
	 * lock, sent with the transaction's first statement, which then
	 * reports DB_BUSY if it could not be had), then named savepoints
	 * inside it.
	 */
	int (*begin)(struct db *db);
	int (*commit)(struct db *db);
	void (*rollback)(struct db *db);
	bool (*in_transaction)(struct db *db);
	int (*savepoint)(struct db *db, const char *name);
	int (*release)(struct db *db, const char *name);
	int (*rollback_to)(struct db *db, const char *name);

	/*
	 * queue_writes - on (inside a transaction): an INSERT, UPDATE or
	 * DELETE returning no rows may be sent later, with the next statement
	 * that returns rows, changes(), a savepoint or commit, where its
	 * failure is then reported (a server saves a round trip each).  off:
	 * what is queued is sent now; its status is returned.  Ends with the
	 * transaction.  NULL: nothing is ever queued.
	 */
	int (*queue_writes)(struct db *db, bool on);

	/* the last failure on this connection: its status and words */
	int (*errstatus)(struct db *db);
	const char *(*errmsg)(struct db *db);
};

/* Every backend's connection and statement start with these. */
struct db {
	const struct store_backend *be;
};
struct db_stmt {
	struct db *db;
};

/*
 * store_backend_for - the backend a Database setting names, and the part
 * the backend opens: "sqlite:PATH" or a bare PATH is SQLite;
 * "postgresql://..." or "postgres://..." (a libpq URI, passed whole) and
 * "pgsql:CONNINFO" are PostgreSQL.  NULL with e set when the scheme is
 * unknown or the backend was not built in.
 */
const struct store_backend *store_backend_for(const char *database,
    const char **target, struct err *e);

/* The calls the rules make: thin, so a statement reads like SQL. */
static inline int
db_step(struct db_stmt *st)
{
	return st->db->be->step(st);
}

static inline void
db_reset(struct db_stmt *st)
{
	st->db->be->reset(st);
}

static inline int
db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	return st->db->be->bind_int64(st, i, v);
}

static inline int
db_bind_text(struct db_stmt *st, int i, const char *s, int len)
{
	return st->db->be->bind_text(st, i, s, len);
}

static inline int
db_bind_text_borrowed(struct db_stmt *st, int i, const char *s, int len)
{
	return st->db->be->bind_text_borrowed(st, i, s, len);
}

static inline int
db_bind_null(struct db_stmt *st, int i)
{
	return st->db->be->bind_null(st, i);
}

static inline enum db_type
db_column_type(struct db_stmt *st, int i)
{
	return st->db->be->column_type(st, i);
}

static inline int64_t
db_column_int64(struct db_stmt *st, int i)
{
	return st->db->be->column_int64(st, i);
}

static inline const char *
db_column_text(struct db_stmt *st, int i)
{
	return st->db->be->column_text(st, i);
}

static inline int
db_column_bytes(struct db_stmt *st, int i)
{
	return st->db->be->column_bytes(st, i);
}

static inline int64_t
db_changes(struct db *db)
{
	return db->be->changes(db);
}

static inline int
db_queue_writes(struct db *db, bool on)
{
	return db->be->queue_writes != NULL ? db->be->queue_writes(db, on) :
	    DB_OK;
}

static inline const char *
db_errmsg(struct db *db)
{
	return db->be->errmsg(db);
}

static inline enum db_dialect
db_dialect(const struct db *db)
{
	return db->be->dialect;
}

#endif
