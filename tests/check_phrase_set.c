/*
 * check_phrase_set - the one-pass search of many phrases the noise gate
 * runs over the head and tail of every message: known answers (a phrase
 * at the first and the last byte, cut off by the length, in capitals, in
 * UTF-8, the early stop, what add refuses), and against a reference (one
 * case-blind search per phrase) on random texts and random sets, where
 * the skipping and the hashed pairs could lose a match.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/phrase_set.h"
#include "util/strutil.h"
#include "testlib.h"

#define BIT(g) ((uint32_t)1 << (g))

static void
set_of(struct phrase_set *ps, const char *const *a, size_t na,
    const char *const *b, size_t nb)
{
	phrase_set_init(ps);
	ck_assert_int_eq(phrase_set_add(ps, a, na, 0), 0);
	ck_assert_int_eq(phrase_set_add(ps, b, nb, 5), 0);
	phrase_set_index(ps);
}

START_TEST(test_known_answers)
{
	static const char *const greet[] = { "dear customer", "cher client" };
	static const char *const urge[] = { "click here", "act now",
	    "d\xc3\xa8s maintenant" };
	struct phrase_set ps;
	const char *t;

	set_of(&ps, greet, 2, urge, 3);
	t = "Dear Customer, CLICK HERE";
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t), UINT32_MAX),
	    BIT(0) | BIT(5));
	/* the length bounds the search: the phrase cut off is not there */
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t) - 1, UINT32_MAX),
	    BIT(0));
	ck_assert_uint_eq(phrase_set_scan(&ps, t, 12, UINT32_MAX), 0);
	/* at the very end and the very start; a text shorter than any */
	t = "act now";
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t), UINT32_MAX),
	    BIT(5));
	ck_assert_uint_eq(phrase_set_scan(&ps, "act", 3, UINT32_MAX), 0);
	ck_assert_uint_eq(phrase_set_scan(&ps, "", 0, UINT32_MAX), 0);
	/* bytes above 0x7f compare as they are; ASCII around them folds */
	t = "Offre D\xc3\xa8S MAINTENANT";
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t), UINT32_MAX),
	    BIT(5));
	t = "Offre D\xc3\x88S MAINTENANT";	/* È: not folded */
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t), UINT32_MAX), 0);
	/* not a near miss: "click her" then "e" elsewhere */
	t = "click her, then e";
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t), UINT32_MAX), 0);
	/* the early stop answers the group wanted, at least */
	t = "cher client, act now";
	ck_assert(phrase_set_scan(&ps, t, strlen(t), BIT(0)) & BIT(0));
	ck_assert_uint_eq(phrase_set_scan(&ps, t, strlen(t), UINT32_MAX),
	    BIT(0) | BIT(5));
}
END_TEST

/* what add refuses, leaving the set as it was */
START_TEST(test_add_refuses)
{
	static const char *const one[] = { "ok", "x" };
	static const char *const many[PHRASE_SET_MAX + 1] = { NULL };
	const char *two[] = { "ab" };
	struct phrase_set ps;

	phrase_set_init(&ps);
	ck_assert_int_eq(phrase_set_add(&ps, one, 2, 0), -1);
	ck_assert_int_eq(phrase_set_add(&ps, two, 1, 32), -1);
	ck_assert_int_eq(phrase_set_add(&ps, many, PHRASE_SET_MAX + 1, 0), -1);
	ck_assert_uint_eq(ps.n, 0);
	phrase_set_index(&ps);
	ck_assert_uint_eq(phrase_set_scan(&ps, "ab ok", 5, UINT32_MAX), 0);
	ck_assert_int_eq(phrase_set_add(&ps, two, 1, 31), 0);
	phrase_set_index(&ps);
	ck_assert_uint_eq(phrase_set_scan(&ps, "xAB", 3, UINT32_MAX), BIT(31));
}
END_TEST

/*
 * Random texts over a small alphabet (so phrases do occur, overlapping and
 * repeated) against random sets of phrases of 2 to 9 bytes in several
 * groups: the scan answers what one str_casestrn per phrase answers.
 */
START_TEST(test_reference)
{
	static const char alphabet[] = "abAB c\xc3-";
	static const char lower[] = "ab c\xc3-";
	char phrases[40][10], text[200];
	const char *list[40];

	srand(4321);
	for (int round = 0; round < 300; round++) {
		size_t np = 1 + (size_t)rand() % 40;
		size_t len = (size_t)rand() % sizeof(text);
		struct phrase_set ps;
		uint32_t want = 0;

		phrase_set_init(&ps);
		for (size_t k = 0; k < np; k++) {
			size_t pl = 2 + (size_t)rand() % 8;

			for (size_t i = 0; i < pl; i++)
				phrases[k][i] = lower[(size_t)rand() %
				    (sizeof(lower) - 1)];
			phrases[k][pl] = '\0';
			list[k] = phrases[k];
			ck_assert_int_eq(phrase_set_add(&ps, &list[k], 1,
			    (unsigned)k % 7), 0);
		}
		phrase_set_index(&ps);
		for (size_t i = 0; i < len; i++)
			text[i] = alphabet[(size_t)rand() % (sizeof(alphabet) - 1)];
		for (size_t k = 0; k < np; k++)
			if (str_casestrn(text, len, list[k]) != NULL)
				want |= BIT(k % 7);
		ck_assert_uint_eq(phrase_set_scan(&ps, text, len, UINT32_MAX),
		    want);
	}
}
END_TEST

TL_SUITE(phrase_set, test_known_answers, 0, test_add_refuses, 0,
    test_reference, 0)
