/*
 * check_valueset - the value set file, the published form and the replies
 * that tick its boxes.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "classify/valueset.h"
#include "testlib.h"

static const char three[] =
    "# a comment\n"
    "integrity: keeps their word\n"
    "\n"
    "respect: treats people well\n"
    "hard-work: does their share\n";

START_TEST(test_shipped_file)
{
	struct err e;
	struct valueset *vs = valueset_load_file("../conf/valueset.conf", &e);
	static const char *keys[] = { "integrity", "clear-values",
		"self-improvement", "respect", "originality", "curation", "growth",
		"compassion", "hard-work", "community", "uplifting", "self-worth" };

	ck_assert_msg(vs != NULL, "%s", e.msg);
	ck_assert_uint_eq(vs->n, 12);
	for (size_t i = 0; i < 12; i++)
		ck_assert_int_eq(valueset_find(vs, keys[i]), (int)i);
	valueset_free(vs);
}
END_TEST

static const struct {
	const char *text;
	const char *err;
} bad[] = {
	{ "integrity keeps their word\n", "vs:1: expected 'key: description'" },
	{ "ok: fine\nBad Key: x\n", "vs:2: 'Bad Key' is not a key" },
	{ "respect:\n", "vs:1: value 'respect' needs a description" },
	{ "a: x\na: y\n", "vs:2: value 'a' is listed twice" },
	{ "# nothing\n", "vs: no values defined" },
};

START_TEST(test_errors)
{
	struct err e;
	struct valueset *vs = valueset_load_string("vs", bad[_i].text,
	    strlen(bad[_i].text), &e);

	ck_assert_ptr_null(vs);
	ck_assert_msg(strncmp(e.msg, bad[_i].err, strlen(bad[_i].err)) == 0,
	    "got '%s'", e.msg);
}
END_TEST

START_TEST(test_publish_and_reply)
{
	struct err e;
	struct valueset *vs = valueset_load_string("vs", three, strlen(three), &e);
	struct buf b;
	enum verdict v[VALUESET_MAX];

	buf_init(&b, 0);
	ck_assert_int_eq(valueset_publish(vs, "sam@brightdesk.example",
	    "ana@example.org", 1790000000, "u1", &b, &e), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "Subject: " VALUESET_SUBJECT "\r\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "[ ] integrity: keeps their word\r\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "[ ] hard-work: does their share\r\n"));
	/* the blank form quoted back, nothing ticked: no answer at all,
	 * not three "no" */
	ck_assert_uint_eq(valueset_parse_reply(vs, b.data, v), 0);
	ck_assert_int_eq(v[0], VERDICT_UNKNOWN);
	ck_assert_int_eq(v[2], VERDICT_UNKNOWN);

	/* a reply that ticks two, in the quote, with odd spacing */
	const char *reply = "Here you go!\n\n> [x] integrity: keeps their word\n"
	    ">[ ] respect: treats people well\n>  [X]hard-work: does their share\n";
	ck_assert_uint_eq(valueset_parse_reply(vs, reply, v), 3);
	ck_assert_int_eq(v[0], VERDICT_YES);
	ck_assert_int_eq(v[1], VERDICT_NO);
	ck_assert_int_eq(v[2], VERDICT_YES);
	/* a box next to something else, or a longer key, is not a value */
	ck_assert_uint_eq(valueset_parse_reply(vs,
	    "[x] integrity-ish\n[x] something\n", v), 0);
	ck_assert_int_eq(valueset_publish(vs, "sam@brightdesk.example",
	    "x@example.org\r\nBcc: y@example.org", 0, "u", &b, &e), -1);
	buf_free(&b);
	valueset_free(vs);
}
END_TEST

START_TEST(test_verdicts)
{
	ck_assert_int_eq(verdict_parse("yes"), VERDICT_YES);
	ck_assert_int_eq(verdict_parse("NO"), VERDICT_NO);
	ck_assert_int_eq(verdict_parse("unknown"), VERDICT_UNKNOWN);
	ck_assert_int_eq(verdict_parse("maybe"), -1);
	ck_assert_str_eq(verdict_name(VERDICT_NO), "no");
}
END_TEST

/* the shipped value set is compiled in and used when none is installed */
START_TEST(test_built_in)
{
	static const char *keys[] = { "integrity", "clear-values",
	    "self-improvement", "respect", "originality", "curation", "growth",
	    "compassion", "hard-work", "community", "uplifting", "self-worth" };
	struct err e = { "" };
	struct valueset *vs = valueset_default(&e);

	ck_assert_msg(vs != NULL, "%s", e.msg);
	ck_assert_uint_eq(vs->n, 12);
	for (size_t i = 0; i < 12; i++)
		ck_assert_int_eq(valueset_find(vs, keys[i]), (int)i);
	valueset_free(vs);
	/* the default path not installed: the built-in set */
	vs = valueset_load_configured("/nonexistent/valueset.conf", false, &e);
	ck_assert_msg(vs != NULL, "%s", e.msg);
	ck_assert_uint_eq(vs->n, 12);
	valueset_free(vs);
	/* a file the configuration names must exist */
	vs = valueset_load_configured("/nonexistent/valueset.conf", true, &e);
	ck_assert_ptr_null(vs);
	ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent/valueset.conf"));
}
END_TEST

TL_SUITE(valueset, test_shipped_file, 0, test_errors, TL_LOOPS(bad),
    test_publish_and_reply, 0, test_verdicts, 0, test_built_in, 0)
