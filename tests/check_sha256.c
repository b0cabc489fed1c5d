/*
 * check_sha256 - known answers (FIPS 180-4 examples and lengths around
 * the 64-byte block and its 56-byte padding edge) for the digest that keys
 * messages without a Message-ID, whole and fed in pieces.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sha256.h"
#include "testlib.h"

static const struct {
	char fill;		/* the message: `len` copies of fill ... */
	size_t len;
	const char *text;	/* ... or this text */
	const char *hex;
} cases[] = {
	{ 0, 0, "",
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ 0, 0, "abc",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ 0, 0, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ 'x', 55, NULL,
	    "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
	{ 'x', 56, NULL,
	    "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
	{ 'x', 64, NULL,
	    "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
	{ 'x', 119, NULL,
	    "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
	{ 'a', 1000000, NULL,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

static char *
message(int i, size_t *len)
{
	char *m;

	if (cases[i].text != NULL) {
		*len = strlen(cases[i].text);
		m = strdup(cases[i].text);
	} else {
		*len = cases[i].len;
		m = malloc(*len);
		if (m != NULL)
			memset(m, cases[i].fill, *len);
	}
	ck_assert_ptr_nonnull(m);
	return m;
}

START_TEST(test_whole)
{
	char hex[SHA256_HEX_LEN + 1];
	size_t len;
	char *m = message(_i, &len);

	sha256_hex(m, len, hex);
	ck_assert_str_eq(hex, cases[_i].hex);
	free(m);
}
END_TEST

/* the same digest whatever the pieces: 1, 3, 63, 64 and 65 bytes at a time */
START_TEST(test_pieces)
{
	static const size_t steps[] = { 1, 3, 63, 64, 65 };
	size_t len;
	char *m = message(_i, &len);

	for (size_t s = 0; s < TL_NELEM(steps); s++) {
		unsigned char d[SHA256_DIGEST_LEN];
		char hex[SHA256_HEX_LEN + 1];
		struct sha256 c;

		sha256_init(&c);
		for (size_t at = 0; at < len; at += steps[s])
			sha256_update(&c, m + at,
			    len - at < steps[s] ? len - at : steps[s]);
		sha256_final(&c, d);
		for (size_t k = 0; k < SHA256_DIGEST_LEN; k++)
			snprintf(hex + 2 * k, 3, "%02x", d[k]);
		ck_assert_msg(strcmp(hex, cases[_i].hex) == 0,
		    "case %d in steps of %zu: %s", _i, steps[s], hex);
	}
	free(m);
}
END_TEST

TL_SUITE(sha256, test_whole, TL_LOOPS(cases), test_pieces, TL_LOOPS(cases))
