/*
 * check_duration - duration_parse, behind every --since: units, months
 * and years, and what is refused.
 */
#include <check.h>

#include "util/strutil.h"
#include "testlib.h"

static const struct {
	const char *in;
	long long want;
} cases[] = {
	{ "90", 90 },
	{ "90s", 90 },
	{ "30m", 30 * 60 },		/* m stays minutes */
	{ "24h", 24 * 3600 },
	{ "7d", 7 * 86400 },
	{ "2w", 14 * 86400 },
	{ "1mo", 30 * 86400 },
	{ "3mo", 90 * 86400 },
	{ "1y", 365 * 86400 },
	{ "2y", 730 * 86400 },
	{ "1x", -1 },
	{ "1mon", -1 },
	{ "1ym", -1 },
	{ "-1d", -1 },
	{ "d", -1 },
	{ "", -1 },
};

START_TEST(test_duration)
{
	ck_assert_int_eq(duration_parse(cases[_i].in), cases[_i].want);
}
END_TEST

TL_SUITE(duration, test_duration, TL_LOOPS(cases))
