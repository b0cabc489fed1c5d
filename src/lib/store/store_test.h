/*
 * store_test.h - calls for the test suites only: a look under the hood of
 * a store, through the backend interface, so that the same suite runs on
 * every engine.  Nothing in the programs calls these.
 */
#ifndef CLIENTELE_STORE_TEST_H
#define CLIENTELE_STORE_TEST_H

#include "store/store.h"

/*
 * store_debug_int - the first column of the first row of constant sql as
 * an integer: 1 found, 0 no row, -1 error (e set).  Prepared, run and
 * finalized here: the statement cache never sees it.
 */
int store_debug_int(struct store *s, const char *sql, long long *out,
    struct err *e);
/* store_debug_exec - run constant sql (several statements may follow) */
int store_debug_exec(struct store *s, const char *sql, struct err *e);

#endif
