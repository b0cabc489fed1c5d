/*
 * check_name_key - the key of a full name, however either side wrote it:
 * order, capitals, accents, titles, initials, middle names, particles,
 * and the names an address's local part spells.  A single word is no
 * full name.
 */
#include <check.h>
#include <string.h>

#include "mail/name_key.h"
#include "testlib.h"

/* key_is - a key function's answer (ok, out) for input is want (NULL: none) */
static void
key_is(const char *input, bool ok, const char *out, const char *want)
{
	if (want == NULL) {
		ck_assert_msg(!ok, "'%s': got '%s', want none", input, out);
		return;
	}
	ck_assert_msg(ok, "'%s': no key", input);
	ck_assert_str_eq(out, want);
}

static const struct {
	const char *name;
	const char *want;	/* NULL: no key */
} key_cases[] = {
	{ "Dana Reyes", "dana reyes" },
	{ "  dana   REYES ", "dana reyes" },
	{ "Reyes, Dana", "dana reyes" },
	{ "REYES Dana", "dana reyes" },
	{ "DANA REYES", "dana reyes" },
	{ "Dana M. Reyes", "dana reyes" },
	{ "Dana Maria Reyes", "dana reyes" },
	{ "Mrs Dana Reyes", "dana reyes" },
	{ "Dr. Dana Reyes, PhD", "dana reyes" },
	{ "Dana Reyes (Acme Ltd)", "dana reyes" },
	{ "Dana Reyes | Acme", "dana reyes" },
	{ "Dana Reyes's", "dana reyes" },
	{ "Dana Reyes\xe2\x80\x99s", "dana reyes" },
	{ "Zo\xc3\xab M\xc3\xbcller", "zoe muller" },
	{ "Herr J\xc3\xbcrgen Stra\xc3\x9f" "e", "jurgen strasse" },
	{ "Sra. Ana Bel\xc3\xa9n Ruiz", "ana ruiz" },
	{ "Jan van Dijk", "jan dijk" },
	{ "Mme Claire Dupont-Martin", "claire dupont" },
	{ "Anne-Marie Dupont", "anne dupont" },
	{ "Miriam Lehmann-Berg", "miriam lehmann" },
	{ "Mar\xc3\xad" "a Jos\xc3\xa9 Garc\xc3\xad" "a-Ortega", "maria garcia" },
	{ "M. Dupont", NULL },
	{ "Dana", NULL },
	{ "Frau Vogel", NULL },
	{ "", NULL },
};

START_TEST(key)
{
	char out[NAME_KEY_MAX];
	bool ok = name_key(key_cases[_i].name, out, sizeof(out));

	key_is(key_cases[_i].name, ok, out, key_cases[_i].want);
}
END_TEST

START_TEST(all_keys)
{
	char keys[NAME_KEY_ALL][NAME_KEY_MAX];
	size_t n;

	n = name_key_all("Mar\xc3\xad" "a Garc\xc3\xad" "a L\xc3\xb3pez", keys,
	    NAME_KEY_ALL);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(keys[0], "maria garcia");
	ck_assert_str_eq(keys[1], "maria lopez");
	n = name_key_all("Reyes Dana", keys, NAME_KEY_ALL);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(keys[0], "reyes dana");
	ck_assert_str_eq(keys[1], "dana reyes");
	ck_assert_uint_eq(name_key_all("Dana", keys, NAME_KEY_ALL), 0);
	ck_assert_uint_eq(name_key_all("Ana Bel\xc3\xa9n Ruiz", keys, 1), 1);
}
END_TEST

static const struct {
	const char *email;
	const char *want;
} local_cases[] = {
	{ "dana.reyes@example.com", "dana reyes" },
	{ "Dana_Reyes@example.com", "dana reyes" },
	{ "dana-reyes@example.com", "dana reyes" },
	{ "dana.m.reyes@example.com", "dana reyes" },
	{ "dana.reyes2@example.com", "dana reyes" },
	{ "dreyes@example.com", NULL },
	{ "dana@example.com", NULL },
	{ "d.r@example.com", NULL },
	{ "dana+shop@example.com", NULL },
	{ "no-address", NULL },
};

START_TEST(local)
{
	char out[NAME_KEY_MAX];
	bool ok = name_key_local(local_cases[_i].email, out, sizeof(out));

	key_is(local_cases[_i].email, ok, out, local_cases[_i].want);
}
END_TEST

START_TEST(local_matches)
{
	ck_assert(name_key_local_matches("dreyes@example.com", "dana reyes"));
	ck_assert(name_key_local_matches("DanaReyes@example.com",
	    "dana reyes"));
	ck_assert(name_key_local_matches("dreyes7@example.com", "dana reyes"));
	ck_assert(!name_key_local_matches("dana@example.com", "dana reyes"));
	ck_assert(!name_key_local_matches("dreyes@example.com", "anna reyes"));
	ck_assert(!name_key_local_matches("d.reyes@example.com",
	    "dana reyes"));
	ck_assert(!name_key_local_matches("dli@example.com", "dana li"));
	ck_assert(!name_key_local_matches("dreyes@example.com", "dana"));
}
END_TEST

TL_SUITE(name_key, key, TL_LOOPS(key_cases), all_keys, 0,
    local, TL_LOOPS(local_cases), local_matches, 0)
