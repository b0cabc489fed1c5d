/*
 * store_int.h - private to the store's rules (store_*.c): struct store and
 * the helpers its files share, all over the backend interface
 * (store_backend.h).  Nothing outside src/lib/store/ includes
 * this; everyone else sees only clientele/store.h.
 *
 * A struct store belongs to one thread at a time (see store.h), so nothing
 * here is locked.
 */
#ifndef CLIENTELE_STORE_INT_H
#define CLIENTELE_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "store/store.h"
#include "store/store_backend.h"

/*
 * The statement texts more than one store file runs (store_sql.c), one
 * fact each; the comment there gives each one's parameters.
 */
extern const char SQL_ADD_ADDRESS[];	/* an address of a customer */
extern const char SQL_ADD_EVENT[];	/* a line of the digest's log */
extern const char SQL_ADD_REFERRAL[];	/* a credit, as given */
extern const char SQL_ADD_PENDING[];	/* a name waiting to write */
extern const char SQL_EMAIL_OF[];	/* a customer's primary address */
extern const char SQL_REFERRAL_MANUAL[];	/* was the credit set by hand */
extern const char SQL_LOCK_REFERRAL[];	/* the credit is the owner's now */
extern const char SQL_TAGS_BY_NAME[];	/* tag, count, manual */
extern const char SQL_IGNORES[];	/* pattern, reason, at */
extern const char SQL_SALT[];		/* the tombstone salt */

/* Most statements one store caches (each file's static SQL strings). */
#define STORE_MAX_STMTS 256
/* Longest address or name the lookups copy. */
#define STORE_MAX_TEXT 1024

/*
 * STORE_SQL - where the engines' SQL truly differs, a statement is two
 * static strings NAME_SQLITE and NAME_PGSQL; this picks the one s speaks.
 */
#define STORE_SQL(s, name) \
	(db_dialect((s)->db) == DB_SQLITE ? name##_SQLITE : name##_PGSQL)

struct store_stmt {
	const char *sql;	/* static string: its address is the key */
	struct db_stmt *st;
};

struct store {
	struct db *db;
	const struct config *cfg;	/* borrowed; may be NULL (default weights) */
	struct category_weights weights;
	int flags;
	int depth;		/* store_begin nesting; savepoints below 1 */
	bool unguarded;		/* store_apply: no savepoint inside a batch */
	int last_status;	/* db_status of the last failure (store_fatal) */
	struct store_stmt stmts[STORE_MAX_STMTS];
	size_t nstmts;
	/* when the message being applied was written (0: now) for events */
	time_t event_at;
	/*
	 * when it arrived (0: unknown): what its digest events are dated by,
	 * so that a digest window is the time mail reached the owner
	 */
	time_t event_arrived;
	/* store_known's is_customer: known by then (0: ever); see store.h */
	time_t known_as_of;
	/* customers touched by the edit or message in progress */
	int64_t *touched;
	size_t ntouched;
	size_t touched_cap;
	/* store_owner.c: the tombstone salt, read on first use ("" until then) */
	char salt[80];
	/*
	 * store_owner.c: whether any address is ignored or tombstoned, as read
	 * at the start of this transaction (-1: not read yet).  Most stores
	 * have none, and then store_blocked costs nothing per person.
	 */
	int any_blocked;
	/*
	 * store_apply: the message's first person, looked up together with
	 * any_blocked before the key's row count (a server answers all in one
	 * round trip): the lower-case address, its owner (id 0: nobody) and
	 * whether a customer.  store_ensure_customer uses it once; store_apply
	 * forgets it when it returns.
	 */
	struct {
		char email[STORE_MAX_TEXT];
		int64_t id;
		bool customer;
		bool valid;
	} probe;
	/* store_apply: what the message in progress produced, or NULL */
	struct buf *produced;
	/*
	 * store_known.c: a lookup for the message being classified failed
	 * (the first failure's words); store_apply fails with it, store_known
	 * forgets it (see store.h)
	 */
	bool lookup_failed;
	struct err lookup_err;
};

/* BIND_TEXT - bind the NUL-terminated text v at i, copied */
#define BIND_TEXT(st, i, v) db_bind_text((st), (i), (v), -1)
/*
 * BIND_BORROWED - bind v at i read in place, not copied: only where the
 * statement is stepped to its end and reset before v goes away
 */
#define BIND_BORROWED(st, i, v) db_bind_text_borrowed((st), (i), (v), -1)

/*
 * store_stmt - the cached statement for sql (a static string), reset and
 * with bindings cleared; prepared on first use.  NULL and e set on error.
 * The statement stays owned by the store.
 */
struct db_stmt *store_stmt(struct store *s, const char *sql, struct err *e);
/* store_stmt_id - store_stmt(sql) with id bound to ?1; NULL with e set */
struct db_stmt *store_stmt_id(struct store *s, const char *sql, int64_t id,
    struct err *e);
/* store_run - step st to completion and reset it; 0 or -1 with e set */
int store_run(struct store *s, struct db_stmt *st, struct err *e);
/*
 * store_rows_end - end a loop `while ((rc = db_step(st)) == DB_ROW)` that
 * breaks off only when out of memory: resets st; 0 when every row was
 * read, else -1 with e set ("store: out of memory" when rc is DB_ROW, the
 * connection's error under what otherwise).
 */
int store_rows_end(struct store *s, struct db_stmt *st, int rc,
    const char *what, struct err *e);
/*
 * store_each_row - each row of st (NULL: e is set already, -1) handed to
 * row(st, arg, &cap), cap being the capacity of the one array row grows
 * (0 at first, kept from row to row); row answers 0, or -1 to stop when
 * out of memory.  Then store_rows_end: 0, or -1 with e set.
 */
int store_each_row(struct store *s, struct db_stmt *st,
    int (*row)(struct db_stmt *st, void *arg, size_t *cap), void *arg,
    const char *what, struct err *e);
/*
 * store_col_dup - text column i of st's row as a fresh string the caller
 * frees; NULL when SQL NULL (or out of memory)
 */
char *store_col_dup(struct db_stmt *st, int i);
/* store_int_row - first column of the first row as an integer: 1 found, 0 none, -1 error; resets st */
int store_int_row(struct store *s, struct db_stmt *st, int64_t *out,
    struct err *e);
/* store_int_of - store_int_row of sql with id bound to ?1: 1, 0 or -1 */
int store_int_of(struct store *s, const char *sql, int64_t id, int64_t *out,
    struct err *e);
/*
 * store_insert_id - run an INSERT ... RETURNING id and read the id: 0, or
 * -1 with e set (as store_run would) when it failed or made no row
 */
int store_insert_id(struct store *s, struct db_stmt *st, int64_t *id,
    struct err *e);
/*
 * store_bind_lower - bind text lower-cased (ASCII, as addresses are kept)
 * to parameter i: 0, or -1 when out of memory or the bind failed.  text
 * already in lower case is bound in place (db_bind_text_borrowed): it must
 * stay valid until st is reset.
 */
int store_bind_lower(struct db_stmt *st, int i, const char *text);
/* store_exec - run constant SQL (no parameters, no customer text) */
int store_exec(struct store *s, const char *sql, struct err *e);
/* store_dberr - set e from the connection's last error; returns -1 */
int store_dberr(struct store *s, struct err *e, const char *what);

/* store_tx_enter/leave - a transaction, or a savepoint inside one */
int store_tx_enter(struct store *s, struct err *e);
int store_tx_leave(struct store *s, bool ok, struct err *e);

/*
 * store_signs_record - the addresses f->signs_as (borrowed) as signed by
 * customer id, the message's sender (store_people.c); blocked addresses
 * and the customer's own are left out.
 */
int store_signs_record(struct store *s, int64_t id,
    const struct facts *f, time_t at, struct err *e);

/*
 * store_add_referral - referrer -> referred unless referred has one, the
 * owner locked it, or it is self (store_pending.c); evidence and key borrowed
 */
int store_add_referral(struct store *s, int64_t referrer, int64_t referred,
    const char *how, const char *evidence, const char *key, time_t at,
    struct err *e);
/* store_announce_record - keep a name the sender announced (store_learn.c) */
int store_announce_record(struct store *s, const struct facts *f,
    const struct fact_announce *a, time_t at, struct err *e);
/* store_announce_link - the new sender id answers to key: credit its announcer */
int store_announce_link(struct store *s, int64_t id, const char *key,
    time_t at, struct err *e);
/*
 * store_announced_of - into d, the names customer id announced that have
 * not written yet, oldest first (store_learn.c, for `show`)
 */
int store_announced_of(struct store *s, int64_t id,
    struct customer_detail *d, struct err *e);
/* store_learn_code - the code the owner's mail handed to f->code_for */
int store_learn_code(struct store *s, const struct facts *f, struct err *e);
/* store_id_for - customer id owning email (any case): 1 found, 0 none, -1 error */
int store_id_for(struct store *s, const char *email, int64_t *id,
    struct err *e);
/* store_touch - remember id for store_recompute_touched */
int store_touch(struct store *s, int64_t id, struct err *e);
/* store_recompute_touched - refresh every touched customer, then forget them */
int store_recompute_touched(struct store *s, struct err *e);
/* store_recompute - category, score and reasons of one customer */
int store_recompute(struct store *s, int64_t id, struct err *e);
/* store_sync_ref_tags - 'referrer'/'referred' tags from the referrals table */
int store_sync_ref_tags(struct store *s, int64_t id, struct err *e);
/* store_event - log one line for the digest (other_id 0: nobody else) */
int store_event(struct store *s, time_t at, const char *kind,
    int64_t id, int64_t other_id, const char *detail,
    struct err *e);
/* store_referrer_of - id of who referred id: 1 found, 0 none, -1 error */
int store_referrer_of(struct store *s, int64_t id, int64_t *out,
    struct err *e);

/* store_become_customer - prospect id is now a customer; touches who it affects */
int store_become_customer(struct store *s, int64_t id, struct err *e);
/* store_owner_thread - f's In-Reply-To/References name the owner's mail: 1, 0, -1 */
int store_owner_thread(struct store *s, const struct facts *f, struct err *e);
/* store_learn_list - remember email as a mailing list's own address */
int store_learn_list(struct store *s, const char *email, time_t at,
    struct err *e);

/* store_email_of - primary address of id; caller frees; NULL if none or error */
char *store_email_of(struct store *s, int64_t id, struct err *e);
/* store_produced - note in the message's history what it produced ("praise", ...) */
void store_produced(struct store *s, const char *what);

/* store_policy_incoming - CustomerPolicy incoming: every personal sender is a customer at once */
bool store_policy_incoming(const struct store *s);
/*
 * store_ensure_customer - id for email, creating a bare contact (a
 * customer when customer is set) if unknown; *created says so, and
 * *is_customer (may be NULL) whether the contact is a customer now; id is
 * touched either way.  0 or -1.
 */
int store_ensure_customer(struct store *s, const char *email,
    const char *name, time_t at, bool customer, int64_t *id, bool *created,
    bool *is_customer, struct err *e);
/*
 * store_link_pending - person id (display name, address) of incoming
 * mail: the pending referrals waiting under a name they answer to become
 * theirs (new_sender: the store just made them).  0 or -1.
 */
int store_link_pending(struct store *s, int64_t id, const char *name,
    const char *email, bool new_sender, time_t at, struct err *e);
/* store_apply_referral - one referral of message f, or a pending one (store_pending.c) */
int store_apply_referral(struct store *s, const struct facts *f,
    const struct fact_referral *r, time_t at, struct err *e);

/* store_problem_tag - rude, complaint, haggler, slow-payer */
bool store_problem_tag(const char *tag);
/* store_norm_name - lower case, single spaces, trimmed; caller frees; NULL on ENOMEM */
char *store_norm_name(const char *name);
/* store_legacy_norm - "  Dana   REYES " -> "dana reyes": keys of older stores; caller frees */
char *store_legacy_norm(const char *name);

/*
 * store_blocked - is email never to be a contact (store_owner.c): ignored
 * by address or by domain, or forgotten with a tombstone.  1 yes, 0 no,
 * -1 error.
 */
int store_blocked(struct store *s, const char *email, struct err *e);
/*
 * store_any_blocked - is anyone ignored or forgotten at all: 1, 0 or -1;
 * read once a transaction (store_begin forgets it).  With email (may be
 * NULL), that address's owner is looked up in the same statement and kept
 * for store_ensure_customer (struct store's probe).
 */
int store_any_blocked(struct store *s, const char *email, struct err *e);
/* store_detail_extras - notes, company and the last `limit` messages (0: all) of id into d */
int store_detail_extras(struct store *s, int64_t id, size_t limit,
    struct customer_detail *d, struct err *e);
/* store_referral_locked - was id's referral credit set by hand: 1, 0, -1 */
int store_referral_locked(struct store *s, int64_t id, struct err *e);

/*
 * store_edit_begin - a hand edit of email's record: opens a transaction
 * (or savepoint) and finds the id; the owner's word makes them a customer.
 * 1 found, 0 none (nothing left open), -1 error.  store_edit_end then
 * recomputes what was touched and commits when rc is 0, else undoes: 1
 * committed, -1 not (e set), the edit's own return (store.h).
 */
int store_edit_begin(struct store *s, const char *email, int64_t *id,
    struct err *e);
/*
 * store_edit_pair - store_edit_begin of email, then the id of other in
 * *oid (other NULL: *oid is 0).  1 both found (the edit open), 0 one of
 * them unknown (*unknown, when not NULL, names it; nothing left open), -1
 * error (nothing left open).  *unknown is NULL unless 0.
 */
int store_edit_pair(struct store *s, const char *email, const char *other,
    int64_t *id, int64_t *oid, const char **unknown, struct err *e);
int store_edit_end(struct store *s, int rc, struct err *e);


/*
 * ---- store_import*.c: reading an export back --------------------------
 * One import in progress: where in the file it is, for the error.
 */
struct json;

struct imp {
	struct store *s;
	struct err *e;
	char where[96];		/* the record: "customers[3].tags[0]" */
	size_t line;		/* where it starts in the file */
};

/* The kinds of member a record may have, each checked by its grammar. */
enum mkind {
	MK_EMAIL, MK_TEXT, MK_LINE, MK_TAG, MK_CODE, MK_WORD, MK_VALUE_KEY,
	MK_VERDICT, MK_SOURCE, MK_CATEGORY, MK_CURRENCY, MK_TIME, MK_EPOCH,
	MK_COUNT, MK_AMOUNT, MK_BOOL,
};

struct imp_member {
	const char *key;
	enum mkind kind;
	bool required;		/* present and not null */
};

/* NMEMBERS - the length of a member table */
#define NMEMBERS(a) (sizeof(a) / sizeof(a[0]))


/* imp_rfc3339 - "YYYY-MM-DDTHH:MM:SSZ" as clientele writes it: 0, or -1 */
int imp_rfc3339(const char *s, time_t *out);
/* imp_at - the record now looked at (printf-style), and j's line (j may be NULL) */
void imp_at(struct imp *im, const struct json *j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* imp_bad - "WHERE: what" into im->e; -1 */
int imp_bad(struct imp *im, const char *what);
/* imp_check - j is an object whose n members in m fit their kinds; 0, or -1 naming the first that does not */
int imp_check(struct imp *im, const struct json *j,
    const struct imp_member *m, size_t n);
/* imp_text - bind j[key] (string, or null/absent: NULL) at i; -1 if of another type */
int imp_text(struct db_stmt *st, int i, const struct json *j,
    const char *key);
/* imp_time - bind j[key], an RFC 3339 time, at i as seconds; -1 if not one */
int imp_time(struct db_stmt *st, int i, const struct json *j,
    const char *key);
/* imp_int_or_null - bind j[key] (integer, or null/absent) at i; -1 if of another type */
int imp_int_or_null(struct db_stmt *st, int i, const struct json *j,
    const char *key);
/* imp_array - j[key] when it is an array, else NULL */
const struct json *imp_array(const struct json *j, const char *key);
/* imp_list - *out = j[key] as an array, NULL when absent or null; -1 if another type */
int imp_list(struct imp *im, const struct json *j, const char *key,
    const struct json **out);
/*
 * imp_stmt - j checked against its n members in m (imp_check), then the
 * statement for sql (store_stmt); NULL with im->e set when either fails
 */
struct db_stmt *imp_stmt(struct imp *im, const struct json *j,
    const struct imp_member *m, size_t n, const char *sql);
/* imp_refuse - reset st, whose members would not bind, and imp_bad(what): -1 */
int imp_refuse(struct imp *im, struct db_stmt *st, const char *what);
/* imp_failed - put the record's place before what im->e says; -1 */
int imp_failed(struct imp *im);
/* imp_run - run st; its failure named after the record */
int imp_run(struct imp *im, struct db_stmt *st);
/*
 * imp_rows - one INSERT (sql, ?1 = id, the rest by binder) per item
 * of customer c's list key, each checked against m first
 */
int imp_rows(struct imp *im, const struct json *c, size_t ci,
    const char *key, const char *sql, int64_t id, const struct imp_member *m,
    size_t nm, int (*binder)(struct db_stmt *, const struct json *));

/* imp_customer - customers[ci]: its row, addresses and own lists; *id its new id */
int imp_customer(struct imp *im, const struct json *c, size_t ci,
    int64_t *id);
/*
 * imp_links - customers[ci]'s referral, pending and announced rows, once
 * every customer exists
 */
int imp_links(struct imp *im, const struct json *c, size_t ci,
    int64_t id);
/* imp_owner - customers[ci]'s manual credit flag, notes and signatures */
int imp_owner(struct imp *im, const struct json *c, size_t ci,
    int64_t id);
/* imp_messages - the file's message history, after the customers */
int imp_messages(struct imp *im, const struct json *root);

#endif
