/*
 * check_json - known answers for the JSON reader behind `import`: values,
 * escapes and surrogate pairs, the text invariant (no NUL, no lone
 * surrogate, valid UTF-8), bounds, and where an error is reported.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/json_write.h"
#include "testlib.h"

static struct json *
parse(const char *text, struct err *e)
{
	return json_parse(text, strlen(text), e);
}

START_TEST(test_values)
{
	const char *text = "\xef\xbb\xbf{ \"name\": \"Dana\", \"n\": -42,"
	    " \"big\": 1000000000000000000, \"ok\": true, \"no\": false,"
	    " \"nil\": null, \"list\": [1, [], {}, \"x\"],"
	    " \"o\": {\"k\": \"v\"} }\n";
	struct err e = { "" };
	struct json *j = parse(text, &e);
	const struct json *l;

	ck_assert_msg(j != NULL, "%s", e.msg);
	ck_assert_int_eq(j->type, JSON_OBJECT);
	ck_assert_uint_eq(j->n, 8);
	ck_assert_str_eq(json_str(j, "name"), "Dana");
	ck_assert_int_eq(json_int(j, "n", 0), -42);
	ck_assert_int_eq(json_int(j, "big", 0), 1000000000000000000LL);
	ck_assert_int_eq(json_int(j, "missing", 7), 7);
	ck_assert_ptr_null(json_str(j, "n"));	/* not a string */
	ck_assert(json_get(j, "ok")->b);
	ck_assert(!json_get(j, "no")->b);
	ck_assert_int_eq(json_get(j, "nil")->type, JSON_NULL);
	l = json_get(j, "list");
	ck_assert_int_eq(l->type, JSON_ARRAY);
	ck_assert_uint_eq(l->n, 4);
	ck_assert_int_eq(l->items[0]->i, 1);
	ck_assert_int_eq(l->items[1]->type, JSON_ARRAY);
	ck_assert_uint_eq(l->items[1]->n, 0);
	ck_assert_int_eq(l->items[2]->type, JSON_OBJECT);
	ck_assert_str_eq(l->items[3]->s, "x");
	ck_assert_ptr_null(json_get(l, "x"));	/* not an object */
	ck_assert_str_eq(json_str(json_get(j, "o"), "k"), "v");
	json_free(j);
	j = parse("  [ ]  ", &e);	/* white space around */
	ck_assert_msg(j != NULL && j->type == JSON_ARRAY && j->n == 0, "%s",
	    e.msg);
	json_free(j);
	json_free(NULL);
}
END_TEST

static const struct {
	const char *json;
	const char *text;
} string_cases[] = {
	{ "\"plain\"", "plain" },
	{ "\"\"", "" },
	{ "\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\"", "q\" b\\ s/ \b\f\n\r\t" },
	{ "\"\\u00e9\\u00C9\"", "\xc3\xa9\xc3\x89" },
	{ "\"\\u20ac\"", "\xe2\x82\xac" },
	{ "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80" },	/* a pair */
	{ "\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf" },
	{ "\"x\\u00e9\\ud83d\\ude00\"", "x\xc3\xa9\xf0\x9f\x98\x80" },
	{ "\"caf\xc3\xa9\"", "caf\xc3\xa9" },
};

START_TEST(test_strings)
{
	struct err e = { "" };
	struct json *j = parse(string_cases[_i].json, &e);

	ck_assert_msg(j != NULL, "%s: %s", string_cases[_i].json, e.msg);
	ck_assert_int_eq(j->type, JSON_STRING);
	ck_assert_str_eq(j->s, string_cases[_i].text);
	json_free(j);
}
END_TEST

static const struct {
	const char *json;
	const char *error;
} bad_cases[] = {
	{ "", "line 1, column 1: unexpected end of input" },
	{ "\"\\u0000\"", "bad code point in string" },
	{ "\"\\ud800\"", "unpaired surrogate" },
	{ "\"\\ud800\\u0041\"", "unpaired surrogate" },
	{ "\"\\udc00\"", "bad code point in string" },
	{ "\"\\u12\"", "bad escape" },
	{ "\"\\x\"", "bad escape" },
	{ "\"a\nb\"", "control character in string" },
	{ "\"\xff\"", "string is not UTF-8" },
	{ "\"\xed\xa0\x80\"", "string is not UTF-8" },
	{ "\"open", "unterminated string" },
	{ "1.5", "fractions are not expected" },
	{ "1e3", "fractions are not expected" },
	{ "-", "bad number" },
	{ "10000000000000000000", "number too large" },
	{ "[1 2]", "expected ',' or ']'" },
	{ "{\"a\" 1}", "expected ':'" },
	{ "{1: 2}", "expected a member name" },
	{ "{\"a\": 1,}", "expected a member name" },
	{ "{\"a\":1,}", "line 1, column 8: expected a member name" },
	{ "{\"a\":\n  nope}", "line 2, column 3: unexpected character" },
	{ "[\"\\ud800\"]", "unpaired surrogate" },
	{ "nul", "unexpected character" },
	{ "[1]\n x", "line 2, column 2: trailing characters" },
};

START_TEST(test_refused)
{
	struct err e = { "" };
	struct json *j = parse(bad_cases[_i].json, &e);

	ck_assert_msg(j == NULL, "accepted: %s", bad_cases[_i].json);
	ck_assert_msg(strstr(e.msg, bad_cases[_i].error) != NULL,
	    "%s: \"%s\"", bad_cases[_i].json, e.msg);
}
END_TEST

START_TEST(test_depth)
{
	char deep[2 * (JSON_MAX_DEPTH + 2) + 1];
	struct err e = { "" };
	struct json *j;
	size_t n;

	/* JSON_MAX_DEPTH + 1 arrays, one inside the other, are accepted */
	n = JSON_MAX_DEPTH + 1;
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	j = json_parse(deep, 2 * n, &e);
	ck_assert_msg(j != NULL, "%s", e.msg);
	json_free(j);
	/* one more is refused */
	n++;
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	ck_assert_ptr_null(json_parse(deep, 2 * n, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "nested too deeply"));
}
END_TEST

/* the writer's members, in order, escaped, null for NULL, and read back */
START_TEST(test_write_members)
{
	struct err e = { "" };
	struct json *j;
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(buf_putc(&b, '{'), 0);
	ck_assert_int_eq(JSON_STRS(&b, true, { "email", "dana@example.com" },
	    { "name", NULL }), 0);
	ck_assert_int_eq(buf_puts(&b, ",\"n\":1"), 0);
	ck_assert_int_eq(JSON_STRS(&b, false, { "said", "a \"quote\"\n" }), 0);
	ck_assert_int_eq(buf_putc(&b, '}'), 0);
	ck_assert_str_eq(buf_cstr(&b), "{\"email\":\"dana@example.com\","
	    "\"name\":null,\"n\":1,\"said\":\"a \\\"quote\\\"\\n\"}");
	j = json_parse(b.data, b.len, &e);
	ck_assert_msg(j != NULL, "%s", e.msg);
	ck_assert_str_eq(json_str(j, "said"), "a \"quote\"\n");
	ck_assert_int_eq(json_get(j, "name")->type, JSON_NULL);
	json_free(j);
	/* past the buffer's cap: -1 */
	buf_free(&b);
	buf_init(&b, 8);
	ck_assert_int_eq(JSON_STRS(&b, true, { "email", "dana@example.com" }),
	    -1);
	buf_free(&b);
}
END_TEST

TL_SUITE(json, test_values, 0, test_write_members, 0, test_strings, TL_LOOPS(string_cases),
    test_refused, TL_LOOPS(bad_cases), test_depth, 0)
