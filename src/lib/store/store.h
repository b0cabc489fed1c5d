/*
 * store.h - where clientele keeps what it learns: the narrow interface.
 *
 * Everything above the store (pipeline, commands, milter, reports) talks to
 * it only through these functions.  Below them, the product's rules are
 * written once over a backend interface (store_backend.h); each engine is
 * a folder (store/sqlite: versioned schema, WAL, foreign keys; store/pgsql
 * when built with it), chosen by the Database setting (store_open).
 *
 * A struct store is used by one thread at a time; the milter opens one per
 * worker or guards one with a mutex (see milter).  Addresses are matched
 * case-insensitively.
 *
 * One return convention, here and in every store_*.h:
 *   - a call about someone or something that may not exist (a customer,
 *     a note, an ignored pattern) returns 1 found (or done), 0 none (and
 *     changes nothing), -1 error with e set;
 *   - a call with nothing to look up (open, begin, apply, the lists)
 *     returns 0 done or -1 error with e set;
 *   - a database error is never "none": lookups report it.  The lookups
 *     classify makes (store_known) can only answer yes or no, so a failed
 *     one is remembered and the next store_apply fails with it.
 */
#ifndef CLIENTELE_STORE_H
#define CLIENTELE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "classify/classify.h"
#include "mail/config.h"
#include "store/customer.h"
#include "util/strutil.h"

struct store;

enum store_flags {
	STORE_READONLY = 1 << 0,	/* reports only */
	STORE_CREATE = 1 << 1,		/* create the file (and schema) if missing */
	STORE_BULK = 1 << 2,		/* ingest: synchronous=OFF, big batches */
};

/*
 * store_open - open or create the store `database` names: a path or
 * "sqlite:PATH" (SQLite), "postgresql://...", "postgres://..." or
 * "pgsql:CONNINFO" (PostgreSQL, when built in).  Refuses a foreign or
 * corrupt store.
 */
struct store *store_open(const char *database, const struct config *cfg, int flags,
    struct err *e);
/*
 * store_database_file - the file a Database setting names when it is a
 * SQLite store (a bare path, or PATH of "sqlite:PATH"; a pointer into
 * database), NULL when it is a server or not understood (store_open says
 * why).  For the checks only a file has: exists, writable directory.
 */
const char *store_database_file(const char *database);
/*
 * store_database_check - whether this build can open the kind of store
 * database names (without opening it): 0, or -1 with e saying why.
 */
int store_database_check(const char *database, struct err *e);
/*
 * store_database_probe - for a server (PostgreSQL): connect now and check
 * that this role could use or create the store there, changing nothing;
 * 0, or -1 with e in the server's (or libpq's) words, never echoing a
 * password.  A SQLite file is not opened (0: its checks are the file's).
 */
int store_database_probe(const char *database, struct err *e);
/* store_close - finish and close; accepts NULL */
void store_close(struct store *s);

/*
 * store_set_busy_timeout - how long a statement waits for another
 * process's lock before failing (store_open sets 5000 ms); the milter
 * sets a short one so that a locked store fails fast and mail is spooled.
 */
void store_set_busy_timeout(struct store *s, int ms);

/* Transactions: ingest batches many messages in one; the milter one each. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
/*
 * store_set_guarded - whether store_apply, inside the caller's
 * transaction, puts each message under a savepoint of its own (the
 * default) so that a failure undoes that message alone.  Unguarded is
 * faster (a savepoint copies aside every page the message touches) but a
 * failure leaves the transaction half-applied: the caller must then roll
 * it back whole.  Bulk ingest runs unguarded and, after a failure, goes
 * over the batch again guarded.
 */
void store_set_guarded(struct store *s, bool guarded);
/*
 * store_fatal - after a call failed: true when the store can record
 * nothing more in this run (disk full, I/O error, a lock held by another
 * process beyond the busy timeout, a read-only or corrupt file, out of
 * memory), or when SQLite rolled back the caller's transaction.  A bulk
 * writer then rolls back and stops instead of going on message by message.
 */
bool store_fatal(const struct store *s);

/*
 * store_apply - record the facts of one message.  Idempotent by facts->key:
 * a key already seen changes nothing and sets *duplicate.  Links a pending
 * referral when its named person first writes; keeps the first referrer of
 * each person; recomputes the categories it touched.  Opens a transaction
 * of its own outside one (store_begin), and a savepoint inside one unless
 * unguarded (store_set_guarded).
 */
int store_apply(struct store *s, const struct facts *f, bool *duplicate,
    struct err *e);

/*
 * store_known - the lookups classify needs, bound to this store, for one
 * message.  A lookup that fails (a database error, not "unknown") answers
 * "unknown" to classify, and the store keeps the error: the next
 * store_apply fails with it, so the message is not recorded from facts a
 * failure distorted.  Calling store_known again forgets it.
 */
struct classify_known store_known(struct store *s);
/*
 * store_known_as_of - make is_customer answer "known by time t" (first
 * seen at or before t) for the message about to be classified, so that
 * ingesting a Sent folder before the inbox does not make people
 * introduced later look known already; 0 (the default): known ever.
 */
void store_known_as_of(struct store *s, time_t t);
/*
 * store_lookup_failure - the failure a store_known lookup kept, now in e
 * and forgotten: -1; 0 when none.  store_apply calls it itself; a caller
 * that classifies under a lock shared with other messages (the milter)
 * calls it after each lookup, so the failure stays with its own message.
 */
int store_lookup_failure(struct store *s, struct err *e);

/*
 * The reports' questions.  What they return (struct customer,
 * customer_list, customer_detail) is plain data in customer.h, freed
 * there without the store.
 */
struct customer_filter {
	const char *category;	/* NULL: any */
	const char *tag;	/* NULL: any */
	const char *status;	/* "customer" (NULL), "prospect" or "all" */
};

int store_customers(struct store *s, const struct customer_filter *f,
    struct customer_list *out, struct err *e);
/* store_referrers - by referrals made (since `since`, 0 = ever), most first */
int store_referrers(struct store *s, time_t since, size_t limit,
    struct customer_list *out, struct err *e);
/* store_problems - bad or carrying rude/complaint/haggler/slow-payer, worst first */
int store_problems(struct store *s, struct customer_list *out, struct err *e);
/*
 * store_summary - one customer's row as the reports print it (no evidence):
 * cheap whatever the history, for the milter's header.  1 found, 0 none,
 * -1 error; *out cleared with customer_clear.
 */
int store_summary(struct store *s, const char *email, struct customer *out,
    struct err *e);
/* store_show - 1 found, 0 no such customer, -1 error; the last 10 messages */
int store_show(struct store *s, const char *email, struct customer_detail **out,
    struct err *e);
/* store_show_history - the same with the last `history` messages (0: all) */
int store_show_history(struct store *s, const char *email, size_t history,
    struct customer_detail **out, struct err *e);

/* Owner's edits.  Each returns 1 done, 0 no such customer, -1 error. */
int store_tag(struct store *s, const char *email, const char *tag, bool add,
    struct err *e);
/* store_categorize - "good"/"ok"/"bad" by hand, or NULL for auto */
int store_categorize(struct store *s, const char *email, const char *category,
    struct err *e);
/*
 * store_merge - move everything of `other` into `keep`; other becomes an
 * address of keep.  0 when either is no customer: *unknown (may be NULL)
 * is then keep or other, whichever it is (borrowed).
 */
int store_merge(struct store *s, const char *keep, const char *other,
    const char **unknown, struct err *e);
/* store_forget - erase the person and every trace, fixing others' counts */
int store_forget(struct store *s, const char *email, struct err *e);
/* store_confirm - the owner says this contact is a customer */
int store_confirm(struct store *s, const char *email, struct err *e);

/* An enquiry waiting for the owner's reply. */
struct enquiry {
	char *email;
	char *name;
	char *subject;		/* of the first message */
	time_t at;		/* when it was written */
};
struct enquiry_list {
	struct enquiry *v;
	size_t n;
};
/*
 * store_enquiries - contacts whose first message (at or after since; 0:
 * ever) the owner has not answered yet, oldest first.  Freed with
 * enquiry_list_free.
 */
int store_enquiries(struct store *s, time_t since, struct enquiry_list *out,
    struct err *e);
void enquiry_list_free(struct enquiry_list *l);

/*
 * store_answers_owner - whether f's In-Reply-To/References hold a message
 * the owner sent to email (outgoing mail recorded by store_apply): 1 yes,
 * 0 no, -1 error.
 */
int store_answers_owner(struct store *s, const struct facts *f,
    const char *email, struct err *e);

/* store_code - the customer's referral code (created on first use); caller frees; 1, 0 none, -1 */
int store_code(struct store *s, const char *email, char **code, struct err *e);

#endif
