/*
 * check_category - good / ok / bad and the sentences behind it.
 *
 * Table-driven: each row is counts in, category and reasons (joined by
 * '|') out, under the shipped default weights.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "classify/category.h"
#include "testlib.h"

struct case_row {
	int referrals;
	struct category_tagcount tags[3];
	const char *category;
	const char *reasons;
};

static const struct case_row cases[] = {
	{ 0, { { NULL, 0 } }, "ok", "no strong signals yet" },
	{ 1, { { NULL, 0 } }, "good", "made 1 referral" },
	{ 4, { { NULL, 0 } }, "good", "made 4 referrals" },
	{ 0, { { "praise", 2 } }, "ok", "praised the work in 2 messages" },
	{ 0, { { "praise", 3 } }, "good", "praised the work in 3 messages" },
	{ 0, { { "rude", 1 } }, "bad", "rude in 1 message" },
	{ 0, { { "rude", 2 } }, "bad", "rude in 2 messages" },
	{ 0, { { "complaint", 1 } }, "ok", "complained in 1 message" },
	{ 0, { { "complaint", 2 } }, "bad", "complained in 2 messages" },
	{ 0, { { "haggler", 3 } }, "bad", "questioned the price in 3 messages" },
	{ 0, { { "slow-payer", 1 } }, "ok", "paid late in 1 message" },
	{ 1, { { "rude", 1 } }, "ok", "made 1 referral|rude in 1 message" },
	{ 2, { { "praise", 1 }, { "haggler", 1 } }, "good",
	    "made 2 referrals|praised the work in 1 message|"
	    "questioned the price in 1 message" },
	{ 0, { { "enquiry", 5 } }, "ok", "no strong signals yet" },
	{ 0, { { "vip", 9 }, { "referrer", 4 } }, "ok",
	    "no strong signals yet" },
	{ 0, { { "praise", 1 }, { "praise", 2 } }, "good",
	    "praised the work in 3 messages" },
};

START_TEST(test_compute_table)
{
	const struct case_row *c = &cases[_i];
	struct category_weights w;
	struct category_input in = { 0 };
	struct strvec reasons;
	struct buf b;
	size_t n = 0;
	const char *got;

	category_weights_default(&w);
	while (n < 3 && c->tags[n].tag != NULL)
		n++;
	in.referrals = c->referrals;
	in.tags = c->tags;
	in.ntags = n;
	strvec_init(&reasons);
	got = category_compute(&in, &w, &reasons);
	ck_assert_str_eq(got, c->category);
	buf_init(&b, 0);
	for (size_t i = 0; i < reasons.n; i++)
		buf_printf(&b, "%s%s", i ? "|" : "", reasons.v[i]);
	ck_assert_str_eq(buf_cstr(&b), c->reasons);
	/* without a reasons vector the answer is the same */
	ck_assert_str_eq(category_compute(&in, &w, NULL), c->category);
	buf_free(&b);
	strvec_free(&reasons);
}
END_TEST

START_TEST(test_weights_change_answer)
{
	struct category_tagcount t[] = { { "complaint", 1 } };
	struct category_input in = { .tags = t, .ntags = 1 };
	struct category_weights w;

	category_weights_default(&w);
	ck_assert_int_eq(category_score(&in, &w), -2);
	ck_assert_str_eq(category_compute(&in, &w, NULL), "ok");
	w.complaint = -10;
	ck_assert_int_eq(category_score(&in, &w), -10);
	ck_assert_str_eq(category_compute(&in, &w, NULL), "bad");
	w.bad_at = -20;
	ck_assert_str_eq(category_compute(&in, &w, NULL), "ok");
}
END_TEST

START_TEST(test_defaults)
{
	struct category_weights w;

	memset(&w, 0x55, sizeof(w));
	category_weights_default(&w);
	ck_assert_int_eq(w.referral, 3);
	ck_assert_int_eq(w.praise, 1);
	ck_assert_int_eq(w.enquiry, 0);
	ck_assert_int_eq(w.rude, -4);
	ck_assert_int_eq(w.complaint, -2);
	ck_assert_int_eq(w.haggler, -2);
	ck_assert_int_eq(w.slow_payer, -2);
	ck_assert_int_eq(w.good_at, 3);
	ck_assert_int_eq(w.bad_at, -4);
}
END_TEST

START_TEST(test_valid_and_rank)
{
	ck_assert(category_valid("good"));
	ck_assert(category_valid("ok"));
	ck_assert(category_valid("bad"));
	ck_assert(!category_valid("Good"));
	ck_assert(!category_valid("auto"));
	ck_assert(!category_valid(NULL));
	ck_assert_int_eq(category_rank("bad"), 0);
	ck_assert_int_eq(category_rank("ok"), 1);
	ck_assert_int_eq(category_rank("good"), 2);
	ck_assert_int_eq(category_rank("great"), -1);
}
END_TEST

TL_SUITE(category, test_compute_table, TL_LOOPS(cases),
    test_weights_change_answer, 0, test_defaults, 0, test_valid_and_rank, 0)
