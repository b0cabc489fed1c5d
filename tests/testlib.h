/*
 * testlib.h - helpers the Check suites share.
 *
 * For: reading fixtures, writing small files, a store in a private temporary directory, reading
 * that store's file behind the API, an owner configuration, the shipped
 * rules, and facts built by hand.  Every helper fails the running test (ck_assert) instead of
 * returning an error, so a suite never checks their results itself.
 * Paths are relative to tests/, where the runner is started.
 */
#ifndef CLIENTELE_TESTLIB_H
#define CLIENTELE_TESTLIB_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "classify/classify.h"
#include "classify/rules.h"
#include "mail/config.h"
#include "store/store.h"

#define TL_NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define TL_PATH_MAX 256

/*
 * TL_REQUIRE - ck_assert_msg for a loop that runs thousands of times.
 * Every ck_assert that passes sends the parent process a message, which
 * the parent keeps: a loop of 200000 of them made it hundreds of MB, and
 * under ASan every test forked after that one ran tens of times slower.
 * This one says nothing unless it fails.
 */
#define TL_REQUIRE(cond, ...)						\
	do {								\
		if (!(cond))						\
			ck_abort_msg(__VA_ARGS__);			\
	} while (0)

/* tl_slurp - the bytes of the file at path, NUL-terminated; caller frees */
char *tl_slurp(const char *path, size_t *len);
/* tl_fixture - tl_slurp of fixtures/name */
char *tl_fixture(const char *name, size_t *len);
/* tl_mkstemp - mkstemp(path) that must succeed: path (a template ending
 * in XXXXXX, rewritten) names a new empty file, its descriptor closed */
void tl_mkstemp(char *path);
/* tl_write_file - text into the file at path, created or emptied first */
void tl_write_file(const char *path, const char *text);
/* tl_case_eq - table case i's `what` is want (NULL meaning empty), or the
 * test fails naming the case, what, and both strings */
void tl_case_eq(int i, const char *what, const char *got, const char *want);

/*
 * Which store the suites use.  By default each test gets a fresh SQLite
 * file in a private directory.  With CLIENTELE_TEST_DATABASE set (a
 * Database value: "postgresql://...", "pgsql:CONNINFO", "sqlite:PATH"),
 * every temporary store is that one instead, and before each test
 * tl_db_make runs the shell command in CLIENTELE_TEST_DB_RESET (through
 * system(); it must succeed) whose job is to leave it empty, e.g.
 *	CLIENTELE_TEST_DATABASE=postgresql:///clientele_test
 *	CLIENTELE_TEST_DB_RESET='psql -q -d clientele_test -c "DROP SCHEMA
 *	    public CASCADE; CREATE SCHEMA public"'
 * The store suites reach the store only through its API and store_test.h,
 * so they run on any backend; a test that is SQLite's by nature (files,
 * modes, WAL) calls tl_sqlite_only first and is skipped, saying so.
 */
/* tl_test_database - CLIENTELE_TEST_DATABASE, or NULL when unset or empty */
const char *tl_test_database(void);
/*
 * tl_sqlite_only - true (after printing "skipped on pgsql: why") when
 * the suites run on CLIENTELE_TEST_DATABASE: the caller returns at once.
 */
bool tl_sqlite_only(const char *why);

/*
 * tl_db_make - a database path (absent yet) in a new private directory
 * under /tmp named for tag: path gets TL_PATH_MAX bytes at most; or the
 * CLIENTELE_TEST_DATABASE, emptied (see above).  tl_db_done removes the
 * database, what SQLite keeps beside it, and the directory; tl_db_remove
 * only the files (for paths not made here); neither touches
 * CLIENTELE_TEST_DATABASE.
 */
void tl_db_make(char *path, size_t len, const char *tag);
void tl_db_remove(const char *path);
void tl_db_done(const char *path);

/* tl_store_open - store_open that must succeed; caller closes */
struct store *tl_store_open(const char *path, const struct config *cfg,
    int flags);

/*
 * tl_store_make - the store most store suites start each test from: a
 * fresh database (tl_db_make with tag; its path in path, len bytes at
 * most) opened with STORE_CREATE under a bare configuration, shipped
 * weights and CustomerPolicy incoming (hand-made mail carries no replies
 * from the owner, so every sender counts), stored in *cfg.  tl_store_done
 * closes *s, frees *cfg, sets both to NULL and removes the database.
 */
struct store *tl_store_make(char *path, size_t len, const char *tag,
    struct config **cfg);
void tl_store_done(struct store **s, struct config **cfg, const char *path);
/*
 * TL_STORE_FIXTURE(tag) - the fixture of a suite whose every test starts
 * from tl_store_make: defines the statics db_path, cfg and S, and setup
 * and teardown (tl_store_make with tag, tl_store_done) for
 * TL_SUITE_AROUND.
 */
#define TL_STORE_FIXTURE(tag)						\
	static char db_path[TL_PATH_MAX];				\
	static struct config *cfg;					\
	static struct store *S;						\
	static void							\
	setup(void)							\
	{								\
		S = tl_store_make(db_path, sizeof(db_path), tag, &cfg);	\
	}								\
	static void							\
	teardown(void)							\
	{								\
		tl_store_done(&S, &cfg, db_path);			\
	}

/* tl_side_int - the first column of the first row of sql, read through a
 * separate read-only store opened on path (store_debug_int); -1 when
 * there is no row */
long long tl_side_int(const char *path, const char *sql);
/* tl_side_exec - run sql on path through a separate store (store_debug_exec) */
void tl_side_exec(const char *path, const char *sql);

/* tl_owner_config - the defaults, owned by sam@brightdesk.example; caller
 * frees with config_free */
struct config *tl_owner_config(void);

/*
 * tl_mail_to_owner - a plain-text mail of Pat Doyle <pat@example.net> to
 * Sam, the owner of tl_owner_config, parsed (it must parse): its subject,
 * more header lines ("Name: value\r\n" each, or ""), and body; its
 * Message-ID differs with the body's length.  Caller frees (message_free).
 */
struct message *tl_mail_to_owner(const char *subject, const char *headers,
    const char *body);

/* tl_rules_default - the shipped rules, which must load; caller frees */
struct rules *tl_rules_default(void);

/*
 * tl_mybiz_config - *cfg zeroed but for its lists and one own domain,
 * mybiz.example: the owner of the messages the classify suites build by
 * hand.  tl_mybiz_config_free frees the lists.
 */
void tl_mybiz_config(struct config *cfg);
void tl_mybiz_config_free(struct config *cfg);
/*
 * tl_classify_make - what the classify tables start each test from:
 * tl_mybiz_config with ReferralTag ref- and sender trust off (the tables
 * are about words and people; sender trust has its own) in *cfg, and the
 * shipped rules in *rules.  tl_classify_done frees both.
 */
void tl_classify_make(struct config *cfg, struct rules **rules);
void tl_classify_done(struct config *cfg, struct rules **rules);

/*
 * tl_pat_message - a plain-text message from Pat Doyle <pat@example.net>
 * to the owner of tl_owner_config with body: a reply to the owner's
 * mail ("Re: " subject, In-Reply-To) when reply; it must parse.  Caller
 * frees with message_free.
 */
struct message *tl_pat_message(const char *subject, bool reply,
    const char *body);

/*
 * tl_owner_make - what the classify and pipeline suites start each test
 * from: tl_owner_config in *cfg and the shipped rules in *rules.
 * tl_owner_done frees both and sets them to NULL.
 */
void tl_owner_make(struct config **cfg, struct rules **rules);
void tl_owner_done(struct config **cfg, struct rules **rules);
/*
 * tl_reply_praise - classify body as a customer's reply (from
 * pat@example.net, in answer to the owner's mail) with cfg and rules: the
 * evidence of the praise it earns the sender, copied (caller frees), or
 * NULL for none
 */
char *tl_reply_praise(const struct config *cfg, const struct rules *rules,
    const char *body);
/* tl_reply_tag - the same for any tag, the reply's subject "Re: " subject */
char *tl_reply_tag(const struct config *cfg, const struct rules *rules,
    const char *subject, const char *body, const char *tag);
/*
 * TL_OWNER_FIXTURE - the fixture of a suite whose every test starts from
 * tl_owner_make: defines the statics cfg and rules, and setup and
 * teardown (tl_owner_make, tl_owner_done) for TL_SUITE_AROUND.
 */
#define TL_OWNER_FIXTURE						\
	static struct config *cfg;					\
	static struct rules *rules;					\
	static void							\
	setup(void)							\
	{								\
		tl_owner_make(&cfg, &rules);				\
	}								\
	static void							\
	teardown(void)							\
	{								\
		tl_owner_done(&cfg, &rules);				\
	}

/* tl_apply_facts - store_apply(s, f), which must succeed; returns whether
 * the store had seen the message key already */
bool tl_apply_facts(struct store *s, const struct facts *f);
/*
 * tl_apply - store_apply of one message's facts made of the caller's
 * arrays (borrowed, nothing copied), which must succeed; returns whether
 * the store had seen the message key already.
 */
bool tl_apply(struct store *s, enum facts_kind kind, const char *key,
    const char *subject, time_t date, struct fact_person *people, size_t np,
    struct fact_tag *tags, size_t nt, struct fact_referral *refs, size_t nr);
/* tl_wrote - email (named name, or NULL) wrote message key "hello" at
 * date, carrying tag (NULL: no tag) with the evidence "it said so" */
void tl_wrote(struct store *s, const char *key, const char *email,
    const char *name, time_t date, const char *tag);

/*
 * tl_suite - a suite called name with one test case of the tests given
 * after it: each a test (START_TEST) followed by an int, how many times
 * it loops (_i from 0; 0: once, no loop), the list ended by NULL.
 *	return tl_suite("json", test_values, 0, test_strings, TL_LOOPS(cases),
 *	    NULL);
 */
Suite *tl_suite(const char *name, ...);
/*
 * tl_suite_around - tl_suite whose tests each run between setup and
 * teardown (a checked fixture: in the test's own process), with timeout
 * seconds each (0: Check's default)
 */
Suite *tl_suite_around(const char *name, void (*setup)(void),
    void (*teardown)(void), int timeout, ...);
#define TL_LOOPS(table) ((int)TL_NELEM(table))

/*
 * TL_SUITE(module, tests...) - defines module_suite(), the function the
 * runner calls for tests/check_module.c (tests/suites.h names it from the
 * file), as tl_suite("module", tests..., NULL); TL_SUITE_AROUND(module,
 * setup, teardown, timeout, tests...) likewise with tl_suite_around.
 *	TL_SUITE(json, test_values, 0, test_strings, TL_LOOPS(cases))
 */
#define TL_SUITE(m, ...)						\
	Suite *m##_suite(void);						\
	Suite *m##_suite(void) { return tl_suite(#m, __VA_ARGS__, NULL); }
#define TL_SUITE_AROUND(m, setup, teardown, timeout, ...)		\
	Suite *m##_suite(void);						\
	Suite *m##_suite(void)						\
	{								\
		return tl_suite_around(#m, setup, teardown, timeout,	\
		    __VA_ARGS__, NULL);					\
	}

#endif
