/*
 * check_revenue - exact amounts and the revenue CSV: quoted fields, BOM,
 * CRLF, thousands separators rejected clearly, refunds, line numbers.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/revenue.h"
#include "testlib.h"

static const struct {
	const char *in;
	int ok;
	long long minor;
} amounts[] = {
	{ "1234.56", 0, 123456 }, { "12.5", 0, 1250 }, { "20", 0, 2000 },
	{ "-20.00", 0, -2000 }, { "+7.05", 0, 705 }, { ".50", 0, 50 },
	{ " 3.10 ", 0, 310 }, { "0", 0, 0 },
	{ "1,234.00", -1, 0 }, { "12,50", -1, 0 }, { "1.234", -1, 0 },
	{ "abc", -1, 0 }, { "", -1, 0 }, { "12.3.4", -1, 0 },
	{ "€12", -1, 0 }, { "99999999999999999999", -1, 0 }, { "-", -1, 0 },
};

START_TEST(test_amount)
{
	long long v = -1;
	struct err e;
	int rc = revenue_amount_parse(amounts[_i].in, &v, &e);

	ck_assert_msg(rc == amounts[_i].ok, "'%s': rc %d", amounts[_i].in, rc);
	if (rc == 0)
		ck_assert_int_eq(v, amounts[_i].minor);
}
END_TEST

START_TEST(test_thousands_message)
{
	long long v;
	struct err e;

	ck_assert_int_eq(revenue_amount_parse("1,234.00", &v, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "thousands separators"));
}
END_TEST

START_TEST(test_dates)
{
	time_t t;

	ck_assert_int_eq(revenue_date_parse("2026-11-23", &t), 0);
	ck_assert_int_eq((long long)t, 1795392000LL);
	ck_assert_int_eq(revenue_date_parse("2026-02-31", &t), -1);
	ck_assert_int_eq(revenue_date_parse("23/11/2026", &t), -1);
	ck_assert_int_eq(revenue_date_parse("2026-13-01", &t), -1);
}
END_TEST

struct seen {
	char rows[16][160];
	size_t nrows;
	char bad[16][300];
	size_t nbad;
};

static int
on_row(void *ctx, const struct revenue_row *r)
{
	struct seen *s = ctx;
	char amt[32];

	revenue_format(r->amount, amt);
	snprintf(s->rows[s->nrows++], 160, "%zu %s %s %lld %s", r->line, r->email,
	    amt, (long long)r->date, r->reference ? r->reference : "-");
	return 0;
}

static void
on_bad(void *ctx, size_t line, const char *reason)
{
	struct seen *s = ctx;

	snprintf(s->bad[s->nbad++], 300, "%zu: %s", line, reason);
}

static struct seen *
parse(const char *csv, int want_rc)
{
	static struct seen s;
	struct revenue_sink sink = { &s, on_row, on_bad };
	struct err e;

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(revenue_parse_csv(csv, strlen(csv), 1000, &sink, &e),
	    want_rc);
	return &s;
}

START_TEST(test_csv_edge_cases)
{
	const char *csv =
	    "\xef\xbb\xbf" "Email,Amount,Date,Reference\r\n"
	    "Ana@Example.org,1200.00,2026-11-01,INV-1\r\n"
	    "\"ben@example.org\",\"350.5\",2026-11-02,\"INV-2, part \"\"a\"\"\"\r\n"
	    "\r\n"
	    "cy@example.org,\"1,000.00\",2026-11-03,INV-3\r\n"
	    "dee@example.org,-50,,REFUND-9\r\n"
	    "not-an-address,10,2026-11-04,X\r\n"
	    "eve@example.org,10,yesterday,\r\n"
	    "fay@example.org\r\n"
	    "\"gus@example.org\",\"12\nquoted line\",2026-11-05,Z\r\n"
	    "hal@example.org,5,2026-11-06";
	struct seen *s = parse(csv, 0);

	ck_assert_uint_eq(s->nrows, 4);
	ck_assert_str_eq(s->rows[0], "2 ana@example.org 1200.00 1793491200 INV-1");
	ck_assert_str_eq(s->rows[1],
	    "3 ben@example.org 350.50 1793577600 INV-2, part \"a\"");
	ck_assert_str_eq(s->rows[2], "6 dee@example.org -50.00 1000 REFUND-9");
	/* the quoted line break moved the line count on: hal is on line 12 */
	ck_assert_str_eq(s->rows[3], "12 hal@example.org 5.00 1793923200 -");
	ck_assert_uint_eq(s->nbad, 5);
	ck_assert_ptr_nonnull(strstr(s->bad[0], "5: "));
	ck_assert_ptr_nonnull(strstr(s->bad[0], "thousands separators"));
	ck_assert_ptr_nonnull(strstr(s->bad[1], "7: "));
	ck_assert_ptr_nonnull(strstr(s->bad[2], "8: date 'yesterday'"));
	ck_assert_ptr_nonnull(strstr(s->bad[3], "9: too few fields"));
	ck_assert_ptr_nonnull(strstr(s->bad[4], "10: "));
}
END_TEST

START_TEST(test_csv_header_errors)
{
	struct seen *s = parse("", -1);

	ck_assert_uint_eq(s->nrows, 0);
	parse("name,total\nana@example.org,1\n", -1);
	s = parse("amount,email\n5,ana@example.org\n", 0);
	ck_assert_uint_eq(s->nrows, 1);
	ck_assert_str_eq(s->rows[0], "2 ana@example.org 5.00 1000 -");
}
END_TEST

START_TEST(test_format)
{
	char out[32];

	revenue_format(-5, out);
	ck_assert_str_eq(out, "-0.05");
	revenue_format(123456, out);
	ck_assert_str_eq(out, "1234.56");
}
END_TEST

TL_SUITE(revenue, test_amount, TL_LOOPS(amounts), test_thousands_message, 0,
    test_dates, 0, test_csv_edge_cases, 0, test_csv_header_errors, 0,
    test_format, 0)
