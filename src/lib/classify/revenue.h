/*
 * revenue.h - what customers paid: exact amounts and the CSV the owner imports.
 *
 * Amounts are integer minor units (cents): "1234.5" is 123450, "-20" is a
 * refund of 2000.  Floating point is never used.  revenue_parse_csv reads
 * a file the owner exported from their accounts (header row naming the
 * columns email, amount, date and optionally reference, in any order; a
 * UTF-8 BOM, CRLF and RFC 4180 quoting are fine) and calls back once per
 * good row and once per bad row with its line number, so one bad row never
 * stops the rest.  Pure: bytes in, callbacks out.
 */
#ifndef CLIENTELE_REVENUE_H
#define CLIENTELE_REVENUE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/strutil.h"

/* The largest amount of one payment, either sign: 10^14 minor units. */
#define REVENUE_AMOUNT_MAX 100000000000000LL

struct revenue_row {
	size_t line;		/* 1-based line where the row starts */
	const char *email;	/* lower case; borrowed for the callback */
	long long amount;	/* minor units; negative for refunds */
	time_t date;		/* midnight UTC of the date, or the default */
	const char *reference;	/* or NULL */
};

struct revenue_sink {
	void *ctx;
	/* row - one good row; return -1 to stop (store failure) */
	int (*row)(void *ctx, const struct revenue_row *r);
	/* bad - one bad row, with its line and a reason */
	void (*bad)(void *ctx, size_t line, const char *reason);
};

/* revenue_total_add - a + b held to the 64-bit range: a total never wraps */
long long revenue_total_add(long long a, long long b);
/* revenue_amount_parse - "1234.56", "-20", "12.5" -> minor units; -1 with e set */
int revenue_amount_parse(const char *s, long long *out, struct err *e);
/* revenue_date_parse - "YYYY-MM-DD" -> midnight UTC; -1 if invalid */
int revenue_date_parse(const char *s, time_t *out);
/*
 * revenue_parse_csv - walk the file; default_date for rows with no date.
 * Returns -1 with e set only when the file as a whole is unusable (no
 * header, missing columns) or the sink stopped; bad rows go to sink->bad.
 */
int revenue_parse_csv(const char *data, size_t len, time_t default_date,
    const struct revenue_sink *sink, struct err *e);
/* revenue_format - "1234.56" / "-20.00" into out (at least 32 bytes) */
void revenue_format(long long minor, char out[32]);

#endif
