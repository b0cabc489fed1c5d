/*
 * pgsql_stmt - statements of the PostgreSQL backend: the rules' ?N made
 * $N, values bound as text, prepared once per connection, rows read from
 * the result.
 *
 * What it is for: giving the store's rules the step/column interface of
 * store_backend.h over libpq, where a statement runs whole at the first
 * step and its rows are then handed out one by one.
 *
 * What it owns: each statement's translated SQL, its bound values (copies),
 * its prepared variants and the result being read.
 *
 * Types: a parameter is declared int8 when an integer is bound to it and
 * text when text is, so that `?1 + 1`, `?1 IS NULL` and comparisons mean
 * what they mean under SQLite; a NULL's parameter takes the type an
 * earlier prepare learnt, or is left for the server to infer, or tried as
 * text then int8 where it cannot (prepare_as).  One statement prepared per
 * set of declared types (at most PG_MAX_VARIANTS; past that the oldest is
 * deallocated); once the server has typed every parameter, NULLs declare
 * those types, so most statements need one.  A prepare that fails inside a transaction is fenced by
 * a savepoint, so that trying another pattern does not abort the
 * transaction.
 *
 * While the store asks for it (queue_writes), a write that returns nothing
 * is queued rather than run (pgsql_pipe.c) and goes with the next
 * statement that returns rows.
 *
 * What it never does: put a value into SQL text.  The only text it builds
 * is statement names of its own ("clientele_N").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pgsql/pgsql_int.h"

enum { K_NULL = 0, K_INT = 1, K_TEXT = 2 };

/* skip_quoted - past the literal or identifier that opens at p */
static const char *
skip_quoted(const char *p)
{
	char q = *p++;

	for (; *p != '\0'; p++) {
		if (*p == q) {
			if (p[1] != q)
				return p + 1;
			p++;	/* a doubled quote stands for itself */
		}
	}
	return NULL;
}

/*
 * pg_translate - a copy of sql with each ?N (outside literals, quoted
 * identifiers and comments) written $N, and the highest N in *nparams.
 * NULL with why set when sql is malformed or numbers past PG_MAX_PARAMS.
 * The caller frees the result.
 */
char *
pg_translate(const char *sql, int *nparams, char *why, size_t whylen)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	const char *p = sql, *end;
	int max = 0;

	if (out == NULL) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	memcpy(out, sql, n + 1);
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			if ((end = skip_quoted(p)) == NULL)
				goto unterminated;
			p = end;
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			if ((end = strstr(p + 2, "*/")) == NULL)
				goto unterminated;
			p = end + 2;
		} else if (*p == '?') {
			long v = 0;

			out[p - sql] = '$';
			if (!(p[1] >= '0' && p[1] <= '9')) {
				snprintf(why, whylen, "a parameter without "
				    "its number (write ?1, ?2, ...)");
				goto fail;
			}
			for (p++; *p >= '0' && *p <= '9'; p++)
				if ((v = v * 10 + (*p - '0')) > PG_MAX_PARAMS)
					break;
			if (v < 1 || v > PG_MAX_PARAMS) {
				snprintf(why, whylen, "parameter number out of "
				    "range 1..%d", PG_MAX_PARAMS);
				goto fail;
			}
			if (v > max)
				max = (int)v;
		} else {
			p++;
		}
	}
	*nparams = max;
	return out;
unterminated:
	snprintf(why, whylen, "unterminated literal or comment");
fail:
	free(out);
	return NULL;
}

/* pg_prepare - a statement for sql; nothing is sent to the server yet */
int
pg_prepare(struct db *d, const char *sql, struct db_stmt **out)
{
	struct pg_db *db = (struct pg_db *)d;
	struct pg_stmt *st;
	char why[128];

	*out = NULL;
	if ((st = calloc(1, sizeof(*st))) == NULL)
		return pg_fail(db, DB_NOMEM, "prepare: out of memory");
	st->base.db = d;
	st->pdb = db;
	st->row = -1;
	if ((st->sql = pg_translate(sql, &st->nparams, why, sizeof(why))) ==
	    NULL) {
		free(st);
		return pg_fail(db, DB_ERROR, "prepare: %s in: %.200s", why,
		    sql);
	}
	st->queueable = pg_pipe_writes_only(sql);
	*out = &st->base;
	return DB_OK;
}

/* clear_result - forget the rows of the last execution */
static void
clear_result(struct pg_stmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->queued = false;
	st->row = -1;
	st->nrows = 0;
	st->done = false;
}

/* pg_reset - ready to run again, with every parameter unbound */
void
pg_reset(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	clear_result(st);
	for (int i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
		st->kinds[i] = K_NULL;
	}
}

/* pg_finalize - free the statement (its server twin dies with the session) */
void
pg_finalize(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	if (st == NULL)
		return;
	pg_reset(s);
	free(st->sql);
	free(st);
}

/* bind - parameter i (from 1) takes v (owned now; NULL for SQL NULL) */
static int
bind(struct pg_stmt *st, int i, char *v, char kind)
{
	if (i < 1 || i > st->nparams) {
		free(v);
		return pg_fail(st->pdb, DB_ERROR, "bind: no parameter ?%d", i);
	}
	clear_result(st);
	free(st->vals[i - 1]);
	st->vals[i - 1] = v;
	st->kinds[i - 1] = kind;
	return DB_OK;
}

int
pg_bind_int64(struct db_stmt *s, int i, int64_t v)
{
	char buf[24], *copy;

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	if ((copy = strdup(buf)) == NULL)
		return pg_fail(((struct pg_stmt *)s)->pdb, DB_NOMEM,
		    "bind: out of memory");
	return bind((struct pg_stmt *)s, i, copy, K_INT);
}

/* pg_bind_text - a copy of s (len bytes, or up to its NUL when len < 0) */
int
pg_bind_text(struct db_stmt *s, int i, const char *text, int len)
{
	char *copy;

	if (text == NULL)
		return bind((struct pg_stmt *)s, i, NULL, K_NULL);
	copy = len < 0 ? strdup(text) : strndup(text, (size_t)len);
	if (copy == NULL)
		return pg_fail(((struct pg_stmt *)s)->pdb, DB_NOMEM,
		    "bind: out of memory");
	return bind((struct pg_stmt *)s, i, copy, K_TEXT);
}

int
pg_bind_null(struct db_stmt *s, int i)
{
	return bind((struct pg_stmt *)s, i, NULL, K_NULL);
}

/* state - the SQLSTATE of a failed result ("" when none) */
static const char *
state(const PGresult *res)
{
	const char *s = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return s != NULL ? s : "";
}

/*
 * unresolved - the parameter (from 0) the server could not type: the one
 * at the error's position in the statement, else the first "$N" in its
 * words; -1 when neither says.
 */
static int
unresolved(const struct pg_stmt *st, const PGresult *res)
{
	const char *pos = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	const char *w = PQresultErrorMessage(res), *p = NULL;
	long n;

	if (pos != NULL && (n = strtol(pos, NULL, 10)) >= 1 &&
	    (size_t)n <= strlen(st->sql) && st->sql[n - 1] == '$')
		p = st->sql + n;
	for (; p == NULL && w != NULL && *w != '\0'; w++)
		if (w[0] == '$' && w[1] >= '1' && w[1] <= '9')
			p = w + 1;
	if (p == NULL || (n = strtol(p, NULL, 10)) < 1 || n > st->nparams)
		return -1;
	return (int)n - 1;
}

/* first_untyped - the first parameter still left to the server, or -1 */
static int
first_untyped(const struct pg_stmt *st, const Oid *types)
{
	for (int i = 0; i < st->nparams; i++)
		if (types[i] == 0)
			return i;
	return -1;
}

/*
 * prepare_once - one PQprepare, fenced by a savepoint inside a transaction
 * so that a failure does not abort it.  *res is the caller's to clear.
 */
static int
prepare_once(struct pg_stmt *st, const char *name, const Oid *types,
    PGresult **res)
{
	struct pg_db *db = st->pdb;
	int status, s2;

	*res = NULL;
	if (db->in_tx && (status = pg_check(db, PQexec(db->conn,
	    "SAVEPOINT clientele_prepare"))) != DB_OK)
		return status;
	*res = PQprepare(db->conn, name, st->sql, st->nparams, types);
	status = pg_result_status(db, *res);
	if (db->in_tx && !db->gone) {
		s2 = pg_check(db, PQexec(db->conn, status == DB_OK ?
		    "RELEASE SAVEPOINT clientele_prepare" :
		    "ROLLBACK TO SAVEPOINT clientele_prepare; "
		    "RELEASE SAVEPOINT clientele_prepare"));
		if (status == DB_OK)
			status = s2;
	}
	return status;
}

/* learn - remember the server's type of every parameter of name */
static void
learn(struct pg_stmt *st, const char *name)
{
	PGresult *res = PQdescribePrepared(st->pdb->conn, name);

	if (PQresultStatus(res) == PGRES_COMMAND_OK &&
	    PQnparams(res) == st->nparams)
		for (int i = 0; i < st->nparams; i++)
			st->known[i] = PQparamtype(res, i);
	PQclear(res);
}

/* declared - the types to prepare st with for its present bindings */
static void
declared(const struct pg_stmt *st, Oid *types)
{
	memset(types, 0, sizeof(Oid) * PG_MAX_PARAMS);
	for (int i = 0; i < st->nparams; i++)
		types[i] = st->kinds[i] == K_INT ? PG_OID_INT8 :
		    st->kinds[i] == K_TEXT ? PG_OID_TEXT : st->known[i];
}

/* is_state - the failure res reports is one of the SQLSTATEs given */
static bool
is_state(const PGresult *res, const char *a, const char *b)
{
	return strcmp(state(res), a) == 0 || strcmp(state(res), b) == 0;
}

/* as_known - declare each parameter the server typed otherwise as it did */
static bool
as_known(const struct pg_stmt *st, Oid *types)
{
	bool changed = false;

	for (int i = 0; i < st->nparams; i++) {
		if (st->known[i] != 0 && types[i] != st->known[i]) {
			types[i] = st->known[i];
			changed = true;
		}
	}
	return changed;
}

/*
 * prepare_as - PQprepare name with types (declared()), adjusting a copy:
 * where the server cannot type a NULL's parameter (`?1 IS NULL OR col =
 * ?1`), it is tried as text, then as int8; a value whose type the server
 * refuses is sent as the type it gave before, or left for it to infer
 * (text compared with an integer column, as SQLite's affinity would).  Bounded: two tries per parameter.
 * DB_OK or the failure.
 */
static int
prepare_as(struct pg_stmt *st, const char *name, const Oid *want)
{
	struct pg_db *db = st->pdb;
	Oid types[PG_MAX_PARAMS];
	int guessed[PG_MAX_PARAMS], nguessed = 0, status = DB_ERROR;
	PGresult *res = NULL;
	bool untyped = false, relaxed = false;

	memcpy(types, want, sizeof(types));
	for (int i = 0; i < st->nparams; i++)
		untyped = untyped || types[i] == 0;
	for (int tries = 0; tries <= 2 * st->nparams + 1; tries++) {
		int i;

		PQclear(res);
		if ((status = prepare_once(st, name, types, &res)) == DB_OK ||
		    db->gone || res == NULL)
			break;
		/* 42P18 indeterminate, 42P08 ambiguous: both untyped */
		if (is_state(res, "42P18", "42P08") &&
		    ((i = unresolved(st, res)) >= 0 && types[i] == 0 ?
		    true : (i = first_untyped(st, types)) >= 0)) {
			types[i] = PG_OID_TEXT;	/* cannot infer: try text */
			guessed[nguessed++] = i;
		} else if (is_state(res, "42883", "42804") && nguessed > 0 &&
		    types[guessed[nguessed - 1]] == PG_OID_TEXT) {
			/* a guessed text does not fit: it is an integer */
			types[guessed[nguessed - 1]] = PG_OID_INT8;
		} else if (is_state(res, "42883", "42804") && !relaxed) {
			/* as the server typed it before, else as it infers */
			if (!as_known(st, types))
				memset(types, 0, sizeof(types));
			relaxed = untyped = true;
		} else {
			break;
		}
	}
	PQclear(res);
	if (status == DB_OK && (untyped || nguessed > 0))
		learn(st, name);
	return status;
}

/*
 * slot - where a new variant goes: a free one, one from a lost
 * connection, or the next in turn (deallocated on the server first)
 */
static struct pg_variant *
slot(struct pg_stmt *st)
{
	struct pg_db *db = st->pdb;
	struct pg_variant *v;
	char sql[64];

	for (int i = 0; i < st->nvar; i++)
		if (st->var[i].gen != db->gen)
			return &st->var[i];
	if (st->nvar < PG_MAX_VARIANTS)
		return &st->var[st->nvar++];
	v = &st->var[st->evict++ % PG_MAX_VARIANTS];
	snprintf(sql, sizeof(sql), "DEALLOCATE %s", v->name);
	PQclear(PQexec(db->conn, sql));
	return v;
}

/*
 * variant - the server-side name of st prepared for the types its
 * bindings declare.  DB_OK or failure.
 */
static int
variant(struct pg_stmt *st, const char **name)
{
	struct pg_db *db = st->pdb;
	struct pg_variant *v;
	Oid want[PG_MAX_PARAMS];
	int status;

	declared(st, want);
	for (int i = 0; i < st->nvar; i++) {
		if (st->var[i].gen == db->gen &&
		    memcmp(st->var[i].key, want, sizeof(want)) == 0) {
			*name = st->var[i].name;
			return DB_OK;
		}
	}
	/* preparing is synchronous: what is queued goes first */
	if ((status = pg_pipe_sync(db, NULL)) != DB_OK)
		return status;
	v = slot(st);
	snprintf(v->name, sizeof(v->name), "clientele_%u", db->next_name++);
	if ((status = prepare_as(st, v->name, want)) != DB_OK) {
		v->gen = db->gen - 1;	/* not prepared: a free slot */
		return status;
	}
	v->gen = db->gen;
	memcpy(v->key, want, sizeof(want));
	/* the same bindings now find the types the server settled on too */
	*name = v->name;
	return DB_OK;
}

/* is_change - the command tag of an INSERT, UPDATE, DELETE or MERGE */
static bool
is_change(const char *tag)
{
	return strncmp(tag, "INSERT ", 7) == 0 ||
	    strncmp(tag, "UPDATE ", 7) == 0 ||
	    strncmp(tag, "DELETE ", 7) == 0 || strncmp(tag, "MERGE ", 6) == 0;
}

/*
 * execute - st's result in st->res: at once, or (writes queued before it
 * in this transaction) sent behind them and collected with them in one
 * round trip.  DB_OK or a failure, st->res possibly set either way.
 */
static int
execute(struct pg_stmt *st, const char *name)
{
	struct pg_db *db = st->pdb;
	const char *const *vals = (const char *const *)st->vals;
	int status;

	if (db->queued == 0) {
		st->res = PQexecPrepared(db->conn, name, st->nparams, vals,
		    NULL, NULL, 0);
		return pg_result_status(db, st->res);
	}
	if ((status = pg_pipe_send(db, name, st->nparams, vals)) != DB_OK ||
	    (status = pg_pipe_sync(db, &st->res)) != DB_OK)
		return status;
	return pg_result_status(db, st->res);
}

/*
 * run - execute st with its bindings; its rows wait in st->res.  While
 * writes may be queued (queue_writes), a write returning nothing is only
 * queued (pgsql_pipe.c): no rows, and its row count once something syncs.
 */
static int
run(struct pg_stmt *st)
{
	struct pg_db *db = st->pdb;
	const char *name;
	int status;

	if (db->gone && db->in_tx)
		return pg_fail(db, DB_GONE, "connection to %s lost earlier "
		    "in this transaction", db->where);
	if (db->broken && db->in_tx)
		return db->status;
	if (!db->in_tx && (status = pg_ensure_connected(db)) != DB_OK)
		return status;
	if ((status = variant(st, &name)) != DB_OK)
		return status;
	if (st->queueable && db->in_tx && db->queue_ok) {
		if ((status = pg_pipe_send(db, name, st->nparams,
		    (const char *const *)st->vals)) != DB_OK)
			return status;
		st->nrows = 0;
		st->queued = true;
		return DB_OK;
	}
	if ((status = execute(st, name)) != DB_OK) {
		clear_result(st);
		return status;
	}
	if (is_change(PQcmdStatus(st->res)))
		db->changes = strtoll(PQcmdTuples(st->res), NULL, 10);
	st->nrows = PQresultStatus(st->res) == PGRES_TUPLES_OK ?
	    PQntuples(st->res) : 0;
	return DB_OK;
}

/*
 * pg_step - DB_ROW with the next row, DB_DONE at the end, or a failure.
 * The statement runs whole at the first step; stepping again after
 * DB_DONE runs it again, as SQLite does.
 */
int
pg_step(struct db_stmt *s)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	int status;

	if (st->done)
		clear_result(st);
	if (st->res == NULL && !st->queued && (status = run(st)) != DB_OK)
		return status;
	if (++st->row < st->nrows)
		return DB_ROW;
	st->done = true;
	return DB_DONE;
}

/* have - a column i of the current row exists */
static bool
have(struct pg_stmt *st, int i)
{
	return st->res != NULL && st->row >= 0 && st->row < st->nrows &&
	    i >= 0 && i < PQnfields(st->res);
}

enum db_type
pg_column_type(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;

	if (!have(st, i) || PQgetisnull(st->res, st->row, i))
		return DB_NULL;
	switch (PQftype(st->res, i)) {
	case PG_OID_BOOL:
	case PG_OID_INT2:
	case PG_OID_INT4:
	case PG_OID_INT8:
	case PG_OID_OID:
	case PG_OID_NUMERIC:
		return DB_INTEGER;
	default:
		return DB_TEXT;
	}
}

/*
 * leading_int - the decimal integer v starts with: the server's own
 * digits (an optional '-', at most 18 digits) read here, anything else
 * (longer, signed with '+', spaces first) by strtoll, held to the 64-bit
 * range.  A report reads seven of these per row, 100,000 rows at a time.
 */
static int64_t
leading_int(const char *v)
{
	const char *p = v + (v[0] == '-');
	int64_t n = 0;
	int k;

	for (k = 0; k < 19 && p[k] >= '0' && p[k] <= '9'; k++)
		n = n * 10 + (p[k] - '0');
	if (k == 0 || k == 19)
		return (int64_t)strtoll(v, NULL, 10);
	return v[0] == '-' ? -n : n;
}

/*
 * pg_column_int64 - the value as an integer: a boolean is 1 or 0, text
 * its leading decimal integer (held to the 64-bit range), NULL 0.
 */
int64_t
pg_column_int64(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	const char *v;

	if (!have(st, i) || PQgetisnull(st->res, st->row, i))
		return 0;
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == PG_OID_BOOL)
		return v[0] == 't';
	return leading_int(v);
}

/* pg_column_text - the value as text (NULL for NULL; booleans "1"/"0") */
const char *
pg_column_text(struct db_stmt *s, int i)
{
	struct pg_stmt *st = (struct pg_stmt *)s;
	const char *v;

	if (!have(st, i) || PQgetisnull(st->res, st->row, i))
		return NULL;
	v = PQgetvalue(st->res, st->row, i);
	if (PQftype(st->res, i) == PG_OID_BOOL)
		return v[0] == 't' ? "1" : "0";
	return v;
}

int
pg_column_bytes(struct db_stmt *s, int i)
{
	const char *v = pg_column_text(s, i);

	return v != NULL ? (int)strlen(v) : 0;
}
