/*
 * store_open - the store over its backend: open, statements, transactions.
 *
 * What it is for: opening the store a Database setting names (through
 * store_backend_for), and the prepared-statement and transaction
 * machinery the other store_*.c files use.
 *
 * What it owns: the backend connection and the statement cache (keyed by
 * the address of each file's static SQL string).
 *
 * What it never does: build SQL out of customer text (every value is a
 * bound parameter), or know which engine it runs on beyond db_dialect():
 * files, pragmas and schemas are the backend's (store/sqlite/, ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/category.h"
#include "store_int.h"

/* store_dberr - e from the connection's last error */
int
store_dberr(struct store *s, struct err *e, const char *what)
{
	if (s->db != NULL)
		s->last_status = s->db->be->errstatus(s->db);
	return err_set(e, "store: %s: %s", what,
	    s->db ? db_errmsg(s->db) : "no database");
}

/* store_stmt - cached statement for a static sql string (see store_int.h) */
struct db_stmt *
store_stmt(struct store *s, const char *sql, struct err *e)
{
	struct db_stmt *st;

	for (size_t i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].st;
			db_reset(st);
			return st;
		}
	}
	if (s->db->be->prepare(s->db, sql, &st) != DB_OK) {
		store_dberr(s, e, "prepare");
		return NULL;
	}
	if (s->nstmts == STORE_MAX_STMTS) {
		/* more distinct statements than the cache was sized for */
		s->db->be->finalize(st);
		err_set(e, "store: statement cache full");
		return NULL;
	}
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts].st = st;
	s->nstmts++;
	return st;
}

struct db_stmt *
store_stmt_id(struct store *s, const char *sql, int64_t id, struct err *e)
{
	struct db_stmt *st = store_stmt(s, sql, e);

	if (st != NULL)
		db_bind_int64(st, 1, id);
	return st;
}

/* store_run - step to the end; 0 or -1 */
int
store_run(struct store *s, struct db_stmt *st, struct err *e)
{
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		;
	if (rc != DB_DONE) {
		store_dberr(s, e, "step");
		db_reset(st);
		return -1;
	}
	db_reset(st);
	return 0;
}

/* store_rows_end - reset st; how a row loop that stopped at rc ended */
int
store_rows_end(struct store *s, struct db_stmt *st, int rc,
    const char *what, struct err *e)
{
	db_reset(st);
	if (rc == DB_DONE)
		return 0;
	return rc == DB_ROW ? err_set(e, "store: out of memory") :
	    store_dberr(s, e, what);
}

/* store_each_row - a row loop ended by store_rows_end */
int
store_each_row(struct store *s, struct db_stmt *st,
    int (*row)(struct db_stmt *st, void *arg, size_t *cap), void *arg,
    const char *what, struct err *e)
{
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		if (row(st, arg, &cap) < 0)
			break;
	return store_rows_end(s, st, rc, what, e);
}

char *
store_col_dup(struct db_stmt *st, int i)
{
	return xstrdup(db_column_text(st, i));
}

/* store_int_row - first integer of the first row */
int
store_int_row(struct store *s, struct db_stmt *st, int64_t *out,
    struct err *e)
{
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_column_int64(st, 0);
		db_reset(st);
		return 1;
	}
	if (rc == DB_DONE) {
		db_reset(st);
		return 0;
	}
	store_dberr(s, e, "query");
	db_reset(st);
	return -1;
}

int
store_int_of(struct store *s, const char *sql, int64_t id, int64_t *out,
    struct err *e)
{
	return store_int_row(s, store_stmt_id(s, sql, id, e), out, e);
}

/* store_insert_id - INSERT ... RETURNING id, stepped to its end */
int
store_insert_id(struct store *s, struct db_stmt *st, int64_t *id,
    struct err *e)
{
	int rc;
	bool got = false;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if (!got)
			*id = db_column_int64(st, 0);
		got = true;
	}
	if (rc != DB_DONE) {
		store_dberr(s, e, "step");
		db_reset(st);
		return -1;
	}
	db_reset(st);
	if (!got)
		return err_set(e, "store: step: no row inserted");
	return 0;
}

/* store_bind_lower - text lower-cased, copied only when it has capitals */
int
store_bind_lower(struct db_stmt *st, int i, const char *text)
{
	char small[STORE_MAX_TEXT], *big = NULL, *p;
	size_t n;
	int rc;

	if (text == NULL)
		return db_bind_null(st, i) == DB_OK ? 0 : -1;
	n = strlen(text);
	if (strpbrk(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL)
		return db_bind_text_borrowed(st, i, text, (int)n) == DB_OK ?
		    0 : -1;
	if (n < sizeof(small))
		p = small;
	else if ((p = big = malloc(n + 1)) == NULL)
		return -1;
	for (size_t k = 0; k <= n; k++)
		p[k] = (text[k] >= 'A' && text[k] <= 'Z') ?
		    (char)(text[k] - 'A' + 'a') : text[k];
	rc = db_bind_text(st, i, p, (int)n);
	free(big);
	return rc == DB_OK ? 0 : -1;
}

/* store_exec - constant SQL only */
int
store_exec(struct store *s, const char *sql, struct err *e)
{
	if (s->db->be->exec(s->db, sql) != DB_OK) {
		s->last_status = s->db->be->errstatus(s->db);
		return err_set(e, "store: %s", db_errmsg(s->db));
	}
	return 0;
}

/*
 * err_prefix - "PREFIX (what e said)", dropping the "store: step: " e
 * starts with; e may be NULL.  Returns -1.
 */
static int
err_prefix(struct err *e, const char *prefix)
{
	char why[sizeof(e->msg)];
	const char *p = why;

	if (e == NULL)
		return -1;
	memcpy(why, e->msg, sizeof(why));
	if (strncmp(p, "store: ", 7) == 0)
		p += 7;
	if (strncmp(p, "step: ", 6) == 0)
		p += 6;
	return err_set(e, "%s (%.400s)", prefix, p);
}

/*
 * Transactions: the backend's write transaction at depth 0 (it serializes
 * with every other writer), savepoints inside.  Live mail runs one
 * transaction per message; the backend keeps these statements prepared.
 */
int
store_begin(struct store *s, struct err *e)
{
	if (s->depth == 0) {
		s->last_status = DB_OK;
		if (s->db->be->begin(s->db) != DB_OK) {
			store_dberr(s, e, "step");
			return err_prefix(e, "store: cannot start a "
			    "transaction");
		}
		s->any_blocked = -1;	/* another process may have ignored someone */
	}
	s->depth++;
	return 0;
}

int
store_commit(struct store *s, struct err *e)
{
	if (s->depth <= 0)
		return err_set(e, "store: commit without a transaction");
	if (s->depth == 1 && s->db->be->commit(s->db) != DB_OK) {
		store_dberr(s, e, "step");
		store_rollback(s);
		return err_prefix(e, "store: commit failed, nothing of it "
		    "recorded");
	}
	s->depth--;
	return 0;
}

/* store_rollback - abandon the whole transaction, however deep */
void
store_rollback(struct store *s)
{
	if (s == NULL || s->depth == 0)
		return;
	s->db->be->rollback(s->db);
	s->depth = 0;
}

/*
 * store_fatal - the failures after which nothing more can be recorded in
 * this run: the disk, the connection or the lock is the trouble, not the
 * message.
 */
bool
store_fatal(const struct store *s)
{
	if (s == NULL || s->db == NULL)
		return true;
	switch (s->last_status) {
	case DB_FULL:
	case DB_GONE:
	case DB_BUSY:
	case DB_NOMEM:
	case DB_READONLY:
	case DB_CORRUPT:
	case DB_CANTOPEN:
		return true;
	default:
		/* the backend rolled the caller's transaction back under it */
		return s->depth > 0 && !s->db->be->in_transaction(s->db);
	}
}

void
store_set_guarded(struct store *s, bool guarded)
{
	s->unguarded = !guarded;
}

/* the one savepoint name the rules use */
#define STORE_SAVEPOINT "clientele_edit"

int
store_tx_enter(struct store *s, struct err *e)
{
	if (s->depth == 0)
		return store_begin(s, e);
	if (s->db->be->savepoint(s->db, STORE_SAVEPOINT) != DB_OK)
		return store_dberr(s, e, "step");
	s->depth++;
	return 0;
}

/* store_tx_leave - commit or undo what store_tx_enter started */
int
store_tx_leave(struct store *s, bool ok, struct err *e)
{
	if (s->depth == 1) {
		if (ok)
			return store_commit(s, e);
		store_rollback(s);
		return -1;
	}
	if (s->depth <= 0)
		return -1;
	s->depth--;
	if (!ok) {
		s->db->be->rollback_to(s->db, STORE_SAVEPOINT);
		s->db->be->release(s->db, STORE_SAVEPOINT);
		return -1;
	}
	if (s->db->be->release(s->db, STORE_SAVEPOINT) != DB_OK)
		return store_dberr(s, e, "step");
	return 0;
}

/* open_flags - the backend's flags for the store's */
static int
open_flags(int flags)
{
	int f = 0;

	if (flags & STORE_READONLY)
		f |= DB_OPEN_READONLY;
	if (flags & STORE_BULK)
		f |= DB_OPEN_BULK;
	if (flags & STORE_CREATE)
		f |= DB_OPEN_CREATE;
	return f;
}

/*
 * store_open - open the store database names (a path, sqlite:PATH,
 * postgresql://...; see store_backend_for), creating it with STORE_CREATE;
 * cfg is borrowed for the store's lifetime.  The caller frees the result
 * with store_close.
 */
struct store *
store_open(const char *database, const struct config *cfg, int flags,
    struct err *e)
{
	const struct store_backend *be;
	const char *target = NULL;
	struct err scratch;
	struct store *s;

	if (e == NULL)
		e = &scratch;
	if ((be = store_backend_for(database, &target, e)) == NULL)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		err_set(e, "store: out of memory");
		return NULL;
	}
	s->cfg = cfg;
	s->flags = flags;
	s->any_blocked = -1;
	if (cfg != NULL)
		s->weights = cfg->weights;
	else
		category_weights_default(&s->weights);
	if (be->open(target, open_flags(flags), &s->db, e) != DB_OK) {
		s->db = NULL;
		store_close(s);
		return NULL;
	}
	return s;
}

/* store_close - roll back anything unfinished, free the statements, close */
void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL) {
		store_rollback(s);
		for (size_t i = 0; i < s->nstmts; i++)
			s->db->be->finalize(s->stmts[i].st);
		s->db->be->close(s->db);
	}
	free(s->touched);
	free(s);
}

/*
 * store_set_busy_timeout - lock wait for later statements, in ms: a
 * setting each engine spells its own way.
 */
void
store_set_busy_timeout(struct store *s, int ms)
{
	char sql[64];

	if (s == NULL || s->db == NULL || ms < 0)
		return;
	snprintf(sql, sizeof(sql), db_dialect(s->db) == DB_SQLITE ?
	    "PRAGMA busy_timeout = %d" : "SET lock_timeout = %d", ms);
	(void)s->db->be->exec(s->db, sql);
}
