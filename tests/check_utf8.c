/*
 * check_strutil - known answers for the small string helpers: UTF-8
 * (validity, sanitizing, encoding, decoding and the text invariant),
 * string vectors, case-blind search, trimming, RFC 3339 times and e-mail
 * addresses (durations: check_duration).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "testlib.h"

#define FFFD "\xef\xbf\xbd"

/* ---- UTF-8 ------------------------------------------------------------- */

static const struct {
	const char *s;
	size_t len;
	bool valid;
} valid_cases[] = {
	{ "", 0, true },
	{ "plain ascii", 11, true },
	{ "caf\xc3\xa9", 5, true },
	{ "\xe2\x82\xac", 3, true },			/* U+20AC */
	{ "\xf0\x9f\x98\x80", 4, true },		/* U+1F600 */
	{ "\xf4\x8f\xbf\xbf", 4, true },		/* U+10FFFF, the last */
	{ FFFD, 3, true },
	{ "a\0b", 3, false },				/* NUL inside */
	{ "\xc0\xaf", 2, false },			/* overlong '/' */
	{ "\xe0\x80\xaf", 3, false },			/* overlong, 3 bytes */
	{ "\xf0\x80\x80\xaf", 4, false },		/* overlong, 4 bytes */
	{ "\xed\xa0\x80", 3, false },			/* U+D800 */
	{ "\xed\xbf\xbf", 3, false },			/* U+DFFF */
	{ "\xf4\x90\x80\x80", 4, false },		/* U+110000 */
	{ "\xf5\x80\x80\x80", 4, false },
	{ "\xe2\x82", 2, false },			/* cut short */
	{ "\x80", 1, false },				/* lone continuation */
	{ "\xff", 1, false },
	{ "ok \xc3", 4, false },			/* cut at the end */
};

START_TEST(test_utf8_valid)
{
	ck_assert_msg(utf8_valid(valid_cases[_i].s, valid_cases[_i].len) ==
	    valid_cases[_i].valid, "case %d", _i);
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	const char *out;
} sanitize_cases[] = {
	{ "hello", 5, "hello" },
	{ "caf\xc3\xa9", 5, "caf\xc3\xa9" },
	{ "a\xff" "b", 3, "a" FFFD "b" },
	{ "a\0b", 3, "a" FFFD "b" },
	{ "\xed\xa0\x80", 3, FFFD FFFD FFFD },		/* a surrogate */
	{ "\xf4\x90\x80\x80!", 5, FFFD FFFD FFFD FFFD "!" },
	{ "x\xe2\x82", 3, "x" FFFD FFFD },
	{ "\xc0\xaf", 2, FFFD FFFD },
};

START_TEST(test_utf8_sanitize)
{
	char *out = utf8_sanitize(sanitize_cases[_i].in, sanitize_cases[_i].len);

	ck_assert_ptr_nonnull(out);
	ck_assert_str_eq(out, sanitize_cases[_i].out);
	ck_assert(utf8_valid(out, strlen(out)));
	free(out);
}
END_TEST

/*
 * Plain ASCII is read eight bytes at a time: a NUL, a byte from 0x80 up
 * or a good sequence at every offset of a 40-byte run, at every start,
 * is seen where the byte-at-a-time reading sees it.
 */
START_TEST(test_utf8_every_offset)
{
	static const char *const odd[] = { "\0", "\x80", "\xff", "\x7f",
	    "\xc3\xa9", "\xed\xa0\x80" };
	static const bool ok[] = { false, false, false, true, true, false };
	static const char *const fixed[] = { FFFD, FFFD, FFFD, "\x7f",
	    "\xc3\xa9", FFFD FFFD FFFD };

	for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++) {
		size_t ol = k == 0 ? 1 : strlen(odd[k]);

		for (size_t at = 0; at < 40; at++) {
			char s[48], want[64];
			size_t fl = strlen(fixed[k]);
			char *out;

			memset(s, 'a', sizeof(s));
			memcpy(s + at, odd[k], ol);
			ck_assert_msg(utf8_valid(s, 40 + ol) == ok[k],
			    "odd %zu at %zu", k, at);
			ck_assert_msg(utf8_valid(s, at), "prefix %zu", at);
			memset(want, 'a', at);
			memcpy(want + at, fixed[k], fl);
			memset(want + at + fl, 'a', 40 - at);
			want[fl + 40] = '\0';
			out = utf8_sanitize(s, 40 + ol);
			ck_assert_ptr_nonnull(out);
			ck_assert_str_eq(out, want);
			free(out);
		}
	}
}
END_TEST

static const struct {
	unsigned long cp;
	const char *bytes;
} encode_cases[] = {
	{ 'A', "A" },
	{ 0x7f, "\x7f" },
	{ 0x80, "\xc2\x80" },
	{ 0xe9, "\xc3\xa9" },
	{ 0x7ff, "\xdf\xbf" },
	{ 0x800, "\xe0\xa0\x80" },
	{ 0x20ac, "\xe2\x82\xac" },
	{ 0xd7ff, "\xed\x9f\xbf" },
	{ 0xe000, "\xee\x80\x80" },
	{ 0xfffd, FFFD },
	{ 0x10000, "\xf0\x90\x80\x80" },
	{ 0x1f600, "\xf0\x9f\x98\x80" },
	{ 0x10ffff, "\xf4\x8f\xbf\xbf" },
	/* what the text invariant forbids comes out as U+FFFD */
	{ 0, FFFD },
	{ 0xd800, FFFD },
	{ 0xdbff, FFFD },
	{ 0xdc00, FFFD },
	{ 0xdfff, FFFD },
	{ 0x110000, FFFD },
	{ 0xffffffffUL, FFFD },
};

START_TEST(test_utf8_encode)
{
	char o[5] = { 0 };
	size_t n = utf8_encode(o, encode_cases[_i].cp);

	ck_assert_uint_eq(n, strlen(encode_cases[_i].bytes));
	ck_assert_mem_eq(o, encode_cases[_i].bytes, n);
	ck_assert(utf8_valid(o, n));
}
END_TEST

static const struct {
	const char *s;
	size_t max, keep;
} prefix_cases[] = {
	{ "abcdef", 3, 3 },
	{ "ab", 5, 2 },
	{ "ab", 2, 2 },
	{ "a\xc3\xa9", 2, 1 },		/* would cut e-acute */
	{ "a\xc3\xa9", 3, 3 },
	{ "\xe2\x82\xac\xe2\x82\xac", 4, 3 },
	{ "\xe2\x82\xac\xe2\x82\xac", 5, 3 },
	{ "\xf0\x9f\x98\x80!", 3, 0 },
	{ "\xf0\x9f\x98\x80!", 4, 4 },
	{ "", 4, 0 },
};

START_TEST(test_utf8_prefix)
{
	ck_assert_uint_eq(utf8_prefix(prefix_cases[_i].s, prefix_cases[_i].max),
	    prefix_cases[_i].keep);
}
END_TEST

/* every code point the invariant allows goes there and back unchanged;
 * the others (the surrogates, here) come back as U+FFFD */
START_TEST(test_utf8_round_trip)
{
	size_t bad = 0, replaced = 0;

	for (unsigned long cp = 1; cp <= 0x10ffff; cp++) {
		char o[4];
		unsigned long back = 0;
		size_t n = utf8_encode(o, cp);
		bool ok = utf8_cp_ok(cp);

		if (utf8_decode((const unsigned char *)o, n, &back) != n ||
		    back != (ok ? cp : 0xfffd) ||
		    (n > 1 && utf8_decode((const unsigned char *)o, n - 1,
		    &back) != 0))
			bad++;
		replaced += !ok;
	}
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_eq(replaced, 0xe000 - 0xd800);
}
END_TEST

START_TEST(test_utf8_decode_refuses)
{
	unsigned long cp = 42;

	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\0", 1, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xed\xa0\x80",
	    3, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80",
	    4, &cp), 0);
	ck_assert_uint_eq(utf8_decode((const unsigned char *)"\xc3\xa9!", 3,
	    &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert(!utf8_cp_ok(0));
	ck_assert(!utf8_cp_ok(0xd800));
	ck_assert(!utf8_cp_ok(0x110000));
	ck_assert(utf8_cp_ok(0x10ffff));
	ck_assert(utf8_cp_ok(0xfffd));
}
END_TEST

/* ---- strings ----------------------------------------------------------- */

START_TEST(test_err_set)
{
	struct err e = { "" };

	ck_assert_int_eq(err_set(&e, "line %d: %s", 3, "bad"), -1);
	ck_assert_str_eq(e.msg, "line 3: bad");
	ck_assert_int_eq(err_set(NULL, "ignored"), -1);
}
END_TEST

START_TEST(test_strvec)
{
	struct strvec sv;

	strvec_init(&sv);
	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(strvec_push(&sv, i % 2 ? "Beta" : "alpha"), 0);
	ck_assert_int_eq(strvec_push_owned(&sv, strdup("Gamma")), 0);
	ck_assert_int_eq(strvec_push_owned(&sv, NULL), -1);
	ck_assert_uint_eq(sv.n, 21);
	ck_assert(strvec_contains(&sv, "Beta"));
	ck_assert(!strvec_contains(&sv, "beta"));
	ck_assert(strvec_contains_case(&sv, "beta"));
	ck_assert(!strvec_contains_case(&sv, "delta"));
	strvec_sort(&sv);
	ck_assert_str_eq(sv.v[0], "Beta");
	ck_assert_str_eq(sv.v[10], "Gamma");
	ck_assert_str_eq(sv.v[11], "alpha");
	strvec_free(&sv);
	ck_assert_uint_eq(sv.n, 0);
	ck_assert_ptr_null(sv.v);
}
END_TEST

START_TEST(test_strings)
{
	char trim[] = " \t two words \r\n";
	char blank[] = " \t ";
	const char *hay = "Hello World";
	char *s;

	ck_assert_ptr_null(xstrdup(NULL));
	ck_assert_ptr_null(xstrndup(NULL, 3));
	s = xstrndup("abcdef", 3);
	ck_assert_str_eq(s, "abc");
	free(s);
	s = str_lower("MiXeD \xc3\x89");
	ck_assert_str_eq(s, "mixed \xc3\x89");	/* ASCII only */
	free(s);
	ck_assert_str_eq(str_trim(trim), "two words");
	ck_assert_str_eq(str_trim(blank), "");
	ck_assert_ptr_eq(str_casestrn(hay, 11, "WORLD"), hay + 6);
	ck_assert_ptr_null(str_casestrn(hay, 10, "WORLD"));	/* bounded */
	ck_assert_ptr_eq(str_casestrn(hay, 0, ""), hay);
	ck_assert(str_has_prefix_case("Re: quote", "RE:"));
	ck_assert(!str_has_prefix_case("Re", "Re:"));
	ck_assert(str_eq_case("Dana@Example.ORG", "dana@example.org"));
	ck_assert(!str_eq_case(NULL, "x"));
	ck_assert(!str_eq_case("x", NULL));
}
END_TEST

START_TEST(test_time_rfc3339)
{
	char out[32];

	time_rfc3339(0, out);
	ck_assert_str_eq(out, "1970-01-01T00:00:00Z");
	time_rfc3339(1790000000, out);
	ck_assert_str_eq(out, "2026-09-21T14:13:20Z");
}
END_TEST

static const struct {
	const char *s;
	bool valid;
	const char *domain;
} email_cases[] = {
	{ "dana@example.org", true, "example.org" },
	{ "root@localhost", true, "localhost" },
	{ "\"odd\"@example.org", false, "example.org" },
	{ "a@b@example.org", true, "example.org" },
	{ "dana@example", false, "example" },
	{ "@example.org", false, "example.org" },
	{ "dana@", false, "" },
	{ "dana example.org", false, NULL },
	{ "da na@example.org", false, "example.org" },
	{ "<dana@example.org>", false, "example.org>" },
	{ "dana\x01@example.org", false, "example.org" },
	{ "", false, NULL },
};

START_TEST(test_email)
{
	const char *d = email_domain(email_cases[_i].s);

	ck_assert_msg(email_valid(email_cases[_i].s) == email_cases[_i].valid,
	    "%s", email_cases[_i].s);
	if (email_cases[_i].domain == NULL)
		ck_assert_ptr_null(d);
	else
		ck_assert_str_eq(d, email_cases[_i].domain);
}
END_TEST

TL_SUITE(utf8, test_utf8_valid, TL_LOOPS(valid_cases),
    test_utf8_sanitize, TL_LOOPS(sanitize_cases), test_utf8_every_offset, 0,
    test_utf8_encode, TL_LOOPS(encode_cases),
    test_utf8_prefix, TL_LOOPS(prefix_cases), test_utf8_round_trip, 0,
    test_utf8_decode_refuses, 0, test_err_set, 0, test_strvec, 0,
    test_strings, 0, test_time_rfc3339, 0, test_email, TL_LOOPS(email_cases))
