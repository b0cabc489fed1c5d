/*
 * check_strutil - the one address validator every door uses (mail, the
 * command line, revenue, import, configuration): what it lets in and what
 * it keeps out (invalid UTF-8, controls, bidi and unseen characters,
 * lengths past RFC 5321, broken domains); and the bounded case-blind
 * search every phrase rule runs over the body (str_casestrn), against a
 * byte-by-byte reference; and mem_grow, which every growing array uses.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "testlib.h"

static const struct {
	const char *addr;
	bool ok;
} addrs[] = {
	{ "dana@example.com", true },
	{ "Dana.Reyes+ref-x7@mail.example.co.uk", true },
	{ "josé@exemple.fr", true },			/* UTF-8 local part */
	{ "owner@localhost", true },
	{ "a@b.c", true },
	{ "", false },
	{ "dana", false },
	{ "@example.com", false },
	{ "dana@", false },
	{ "dana@example", false },			/* no dot, not localhost */
	{ "dana@example..com", false },
	{ "dana@.example.com", false },
	{ "dana@example.com.", false },
	{ "da na@example.com", false },
	{ "dana@exa\tmple.com", false },
	{ "dana\r\nBcc: x@evil.example@example.com", false },
	{ "<dana@example.com>", false },
	{ "dana,lee@example.com", false },
	{ "\"dana\"@example.com", false },
	{ "dana@exam\x7fple.com", false },		/* DEL */
	{ "dana\x9b@example.com", false },		/* a raw C1 byte: not UTF-8 */
	{ "dana\xc2\x9b@example.com", false },		/* U+009B CSI */
	{ "dana\xc3@example.com", false },		/* cut sequence */
	{ "dana\xc0\xaf@example.com", false },		/* overlong */
	{ "dana\xed\xa0\x80@example.com", false },	/* surrogate */
	{ "dana\xe2\x80\xae" "moc.elpmaxe@example.com", false },	/* U+202E */
	{ "dana\xe2\x81\xa6@example.com", false },	/* U+2066 */
	{ "dana\xe2\x80\x8f@example.com", false },	/* RLM */
	{ "dana\xe2\x80\x8b@example.com", false },	/* zero width space */
	{ "dana\xc2\xa0@example.com", false },		/* no-break space */
	{ "dana\xef\xbb\xbf@example.com", false },	/* BOM */
	{ "dana\xef\xbf\xbd@example.com", false },	/* U+FFFD */
};

START_TEST(test_email_valid)
{
	ck_assert_msg(email_valid(addrs[_i].addr) == addrs[_i].ok,
	    "case %d: '%s' should be %s", _i, addrs[_i].addr,
	    addrs[_i].ok ? "valid" : "refused");
}
END_TEST

/* RFC 5321 lengths: 254 bytes in all, labels of 63, domain of 253 */
START_TEST(test_email_lengths)
{
	char a[512];
	size_t n;

	memset(a, 'x', sizeof(a));
	/* 241 x's + "@example.com" (12) = 253, then 254, then 255 */
	memcpy(a + 241, "@example.com", 13);
	ck_assert(email_valid(a));
	memset(a, 'x', sizeof(a));
	memcpy(a + 242, "@example.com", 13);
	ck_assert_uint_eq(strlen(a), 254);
	ck_assert(email_valid(a));
	memset(a, 'x', sizeof(a));
	memcpy(a + 243, "@example.com", 13);
	ck_assert(!email_valid(a));

	n = (size_t)snprintf(a, sizeof(a), "d@%.*s.example.com", 63,
	    "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
	ck_assert_uint_gt(n, 63);
	ck_assert(email_valid(a));
	snprintf(a, sizeof(a), "d@%.*s.example.com", 64,
	    "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy");
	ck_assert(!email_valid(a));
}
END_TEST

START_TEST(test_unicode_classes)
{
	static const unsigned long bidi[] = { 0x202a, 0x202b, 0x202c, 0x202d,
	    0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c };

	for (size_t i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++)
		ck_assert(unicode_is_bidi(bidi[i]));
	ck_assert(!unicode_is_bidi(0x2029));
	ck_assert(!unicode_is_bidi('a'));
	for (unsigned long c = 0; c < 0x20; c++)
		ck_assert(unicode_is_control(c));
	ck_assert(unicode_is_control(0x7f));
	for (unsigned long c = 0x80; c <= 0x9f; c++)
		ck_assert(unicode_is_control(c));
	ck_assert(!unicode_is_control(0xa0));
	ck_assert(!unicode_is_control(' '));
}
END_TEST

/* naive_casestrn - the obvious definition str_casestrn must agree with */
static const char *
naive_casestrn(const char *hay, size_t haylen, const char *needle)
{
	size_t nl = strlen(needle);

	for (size_t i = 0; i + nl <= haylen; i++)
		if (strncasecmp(hay + i, needle, nl) == 0)
			return hay + i;
	return NULL;
}

START_TEST(test_casestrn_cases)
{
	const char *hay = "Please UNSUBSCRIBE here: @@ [x] ~~";

	ck_assert_ptr_eq(str_casestrn(hay, strlen(hay), "unsubscribe"), hay + 7);
	ck_assert_ptr_eq(str_casestrn(hay, strlen(hay), "HERE"), hay + 19);
	ck_assert_ptr_eq(str_casestrn(hay, strlen(hay), "@@"), hay + 25);
	/* '`' is '@' with 0x20 set: folding must not make them equal */
	ck_assert_ptr_null(str_casestrn(hay, strlen(hay), "`"));
	ck_assert_ptr_eq(str_casestrn(hay, strlen(hay), "[X]"), hay + 28);
	ck_assert_ptr_eq(str_casestrn(hay, strlen(hay), "~~"), hay + 32);
	/* a match that would run past the bound does not count */
	ck_assert_ptr_null(str_casestrn(hay, 10, "unsubscribe"));
	ck_assert_ptr_eq(str_casestrn(hay, 18, "unsubscribe"), hay + 7);
	ck_assert_ptr_null(str_casestrn(hay, 17, "unsubscribe"));
	/* bytes above ASCII are compared as they are */
	ck_assert_ptr_null(str_casestrn("x d\xc3\xa9sinscrire", 13,
	    "d\xc3\x89sinscri"));
	ck_assert_ptr_nonnull(str_casestrn("x d\xc3\xa9sinscrire", 13,
	    "D\xc3\xa9SINSCRI"));
}
END_TEST

/*
 * Random haystacks over a small alphabet (so that matches, near misses
 * and both cases are frequent), every offset and length: the fast search
 * finds exactly what the reference finds.
 */
START_TEST(test_casestrn_reference)
{
	static const char alphabet[] = "aAbB` @zZ{\xc3";
	static const char *const needles[] = { "a", "ab", "AbA", "ba@", "`",
	    "@z", "zZz", "{", "b\xc3", "aaaaaaaaa", "bAbAbAbAbA" };
	char hay[80];

	srand(1234);
	for (int round = 0; round < 400; round++) {
		size_t len = (size_t)rand() % sizeof(hay);

		for (size_t i = 0; i < len; i++)
			hay[i] = alphabet[(size_t)rand() % (sizeof(alphabet) - 1)];
		for (size_t k = 0; k < sizeof(needles) / sizeof(needles[0]); k++)
			for (size_t off = 0; off <= len && off < 9; off++)
				ck_assert_ptr_eq(str_casestrn(hay + off, len - off,
				    needles[k]), naive_casestrn(hay + off, len - off,
				    needles[k]));
	}
}
END_TEST

/* mem_grow: room while there is some, doubling, nothing changed on failure */
START_TEST(test_mem_grow)
{
	size_t cap = 0, big = SIZE_MAX / 4 + 1;
	int *v = NULL;

	v = mem_grow(v, 0, &cap, sizeof(*v), 3);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(cap, 3);
	v[0] = 7;
	ck_assert_ptr_eq(mem_grow(v, 2, &cap, sizeof(*v), 3), v);
	ck_assert_uint_eq(cap, 3);
	v = mem_grow(v, 3, &cap, sizeof(*v), 3);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(cap, 6);
	ck_assert_int_eq(v[0], 7);
	v[5] = 1;
	/* too large: NULL, and the array and its size stay as they were */
	ck_assert_ptr_null(mem_grow(v, big, &big, sizeof(*v), 3));
	ck_assert_uint_eq(big, SIZE_MAX / 4 + 1);
	ck_assert_ptr_null(mem_grow(v, 6, &cap, 0, 3));
	ck_assert_uint_eq(cap, 6);
	ck_assert_int_eq(v[5], 1);
	free(v);
}
END_TEST

/* buf_putc: terminated after every byte, growing, and never past cap */
START_TEST(test_buf_putc)
{
	struct buf b;

	buf_init(&b, 100);
	for (int i = 0; i < 100; i++) {
		ck_assert_int_eq(buf_putc(&b, 'a' + i % 26), 0);
		ck_assert_uint_eq(b.len, (size_t)i + 1);
		ck_assert_uint_eq(strlen(b.data), b.len);
	}
	ck_assert_int_eq(buf_putc(&b, 'z'), -1);
	ck_assert_uint_eq(b.len, 100);
	ck_assert_int_eq(b.data[99], 'a' + 99 % 26);
	buf_reset(&b);
	ck_assert_int_eq(buf_putc(&b, 'q'), 0);
	ck_assert_str_eq(b.data, "q");
	buf_free(&b);
}
END_TEST

/* str_in_list: an exact member, case and all; nothing in no list */
START_TEST(test_in_list)
{
	ck_assert(str_in_list((const char *const[]){ "a", "sir" }, 2, "sir"));
	ck_assert(!str_in_list((const char *const[]){ "a", "sir" }, 2, "SIR"));
	ck_assert(!str_in_list(NULL, 0, "sir"));
}
END_TEST

TL_SUITE(strutil, test_in_list, 0, test_buf_putc, 0, test_mem_grow, 0, test_email_valid, TL_LOOPS(addrs),
    test_email_lengths, 0, test_unicode_classes, 0, test_casestrn_cases, 0,
    test_casestrn_reference, 0)
