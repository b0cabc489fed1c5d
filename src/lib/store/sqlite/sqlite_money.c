/*
 * sqlite_money - money_sum(), the store's overflow-free sum of amounts, as
 * a SQLite aggregate registered on each connection (sqlite_connect).
 *
 * What it never does: anything but add integers.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "sqlite_int.h"

/*
 * money_sum - SQL aggregate: the sum of integer amounts in minor units,
 * added in 128 bits so that no number of rows overflows it (SQLite's
 * sum() fails the whole query instead), then held to the 64-bit range a
 * report prints.  NULL when there are no rows, like sum().
 */
struct money_acc {
	/* an __int128, copied in and out: SQLite aligns the context to 8 */
	unsigned char sum[sizeof(__int128)];
	bool any;
};

static void
money_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct money_acc *a = sqlite3_aggregate_context(ctx, sizeof(*a));
	__int128 sum;

	(void)argc;
	if (a == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return;
	memcpy(&sum, a->sum, sizeof(sum));
	if (!a->any)
		sum = 0;
	sum += sqlite3_value_int64(argv[0]);
	memcpy(a->sum, &sum, sizeof(sum));
	a->any = true;
}

static void
money_final(sqlite3_context *ctx)
{
	struct money_acc *a = sqlite3_aggregate_context(ctx, 0);
	__int128 sum;

	if (a == NULL || !a->any) {
		sqlite3_result_null(ctx);
		return;
	}
	memcpy(&sum, a->sum, sizeof(sum));
	if (sum > INT64_MAX)
		sqlite3_result_int64(ctx, INT64_MAX);
	else if (sum < INT64_MIN)
		sqlite3_result_int64(ctx, INT64_MIN);
	else
		sqlite3_result_int64(ctx, (sqlite3_int64)sum);
}

/* sqlite_functions - money_sum() on this connection */
int
sqlite_functions(sqlite3 *h)
{
	return sqlite3_create_function_v2(h, "money_sum", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, NULL, money_step,
	    money_final, NULL) == SQLITE_OK ? 0 : -1;
}
