/*
 * check_escape - text escaped at the edge: what a terminal and JSON get for
 * controls (C0, DEL, C1), bidi controls and bytes that are not UTF-8, and
 * what they leave alone.
 */
#include <check.h>
#include <string.h>

#include "util/escape.h"
#include "testlib.h"

static const struct {
	const char *in, *term, *json;
} cases[] = {
	{ "Dana Reyes", "Dana Reyes", "\"Dana Reyes\"" },
	{ "Jos\xc3\xa9 \xe2\x9c\x93", "Jos\xc3\xa9 \xe2\x9c\x93",
	  "\"Jos\xc3\xa9 \xe2\x9c\x93\"" },
	{ "a\x1b[2Jb", "a\\x1b[2Jb", "\"a\\u001b[2Jb\"" },
	{ "bell\x07", "bell\\x07", "\"bell\\u0007\"" },
	{ "del\x7f", "del\\x7f", "\"del\\u007f\"" },
	{ "csi\xc2\x9b" "31m", "csi\\u009b31m", "\"csi\\u009b31m\"" },
	{ "x\xe2\x80\xaegnp.exe", "x\\u202egnp.exe", "\"x\\u202egnp.exe\"" },
	{ "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
	  "\\u202a\\u202b\\u202c\\u202d", "\"\\u202a\\u202b\\u202c\\u202d\"" },
	{ "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
	  "\\u2066\\u2067\\u2068\\u2069", "\"\\u2066\\u2067\\u2068\\u2069\"" },
	{ "rlm\xe2\x80\x8f", "rlm\\u200f", "\"rlm\\u200f\"" },
	{ "raw\x9b", "raw\\x9b", "\"raw\\ufffd\"" },
	{ "cut\xe2\x80", "cut\\xe2\\x80", "\"cut\\ufffd\\ufffd\"" },
	{ "tab\there", "tab\\x09here", "\"tab\\there\"" },
};

START_TEST(test_term_and_json)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(esc_term(&b, cases[_i].in), 0);
	ck_assert_str_eq(buf_cstr(&b), cases[_i].term);
	ck_assert(esc_term_plain(cases[_i].in) ==
	    (strcmp(cases[_i].in, cases[_i].term) == 0));
	buf_reset(&b);
	ck_assert_int_eq(esc_json(&b, cases[_i].in), 0);
	ck_assert_str_eq(buf_cstr(&b), cases[_i].json);
	buf_free(&b);
}
END_TEST

START_TEST(test_null)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(esc_term(&b, NULL), 0);
	ck_assert(esc_term_plain(NULL));
	buf_free(&b);
}
END_TEST

TL_SUITE(escape, test_term_and_json, TL_LOOPS(cases), test_null, 0)
