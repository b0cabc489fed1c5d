/*
 * check_ideal - ranking the good customers, the reasons, the value checks.
 *
 * Pure: inputs are built by hand, so the score formula of ideal.h is
 * asserted to the point and no store is involved.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/ideal.h"
#include "report/ideal_render.h"
#include "testlib.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Four good customers, a bad one who pays the most and an ok one. */
static const struct ideal_input people[] = {
	{ "ada@example.com", "Ada", "good", 100000, true, 0, 0, 0, 0, NULL },
	{ "bo@example.com", "Bo", "good", 50000, true, 3, 0, 0, 0, NULL },
	{ "cy@example.com", NULL, "good", 0, false, 1, 0, 0, 0, NULL },
	{ "dee@example.com", "Dee", "good", -5000, true, 0, 0, 0, 0, NULL },
	{ "evil@example.com", "Evil", "bad", 9900000, true, 9, 0, 0, 0, NULL },
	{ "meh@example.com", "Meh", "ok", 200000, true, 0, 0, 0, 0, NULL },
};

/* rank - ideal_rank of in[0..n) cut at limit (0: none), which must
 * succeed and keep want of them, into *l; caller frees */
static void
rank(const struct ideal_input *in, size_t n, size_t limit,
    struct ideal_list *l, size_t want)
{
	struct err e;

	ck_assert_int_eq(ideal_rank(in, n, limit, l, &e), 0);
	ck_assert_uint_eq(l->n, want);
}

/* ranked - l's i-th is email, with score (-1: not looked at) */
static void
ranked(const struct ideal_list *l, size_t i, const char *email, int score)
{
	ck_assert_msg(strcmp(l->v[i].email, email) == 0, "#%zu is %s, want %s",
	    i, l->v[i].email, email);
	if (score >= 0)
		ck_assert_int_eq(l->v[i].score, score);
}

/* rendered - ideal_render of l as format is exactly want */
static void
rendered(const struct ideal_list *l, enum report_format format,
    const char *want)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(ideal_render(&b, l, format), 0);
	ck_assert_str_eq(buf_cstr(&b), want);
	buf_free(&b);
}

START_TEST(test_rank_order_and_scores)
{
	struct ideal_list l;

	rank(people, NELEM(people), 0, &l, 4);
	/* bo: 25 for half the top revenue + 30 for three referrals */
	ranked(&l, 0, "bo@example.com", 55);
	/* ada: the top revenue among the good ones, 50 */
	ranked(&l, 1, "ada@example.com", 50);
	ranked(&l, 2, "cy@example.com", 10);
	/* a net refund earns nothing, and never goes below zero */
	ranked(&l, 3, "dee@example.com", 0);
	ck_assert(l.v[3].revenue == -5000);
	ideal_list_free(&l);
	ck_assert_ptr_null(l.v);
}
END_TEST

START_TEST(test_bad_never_appear)
{
	struct ideal_input only_bad[] = { people[4], people[5] };
	struct ideal_list l;

	rank(people, NELEM(people), 0, &l, 4);
	for (size_t i = 0; i < l.n; i++) {
		ck_assert_str_ne(l.v[i].email, "evil@example.com");
		ck_assert_str_ne(l.v[i].email, "meh@example.com");
	}
	ideal_list_free(&l);
	rank(only_bad, 2, 0, &l, 0);
	ideal_list_free(&l);
}
END_TEST

START_TEST(test_limit)
{
	struct ideal_list l;

	rank(people, NELEM(people), 2, &l, 2);
	ranked(&l, 0, "bo@example.com", -1);
	ranked(&l, 1, "ada@example.com", -1);
	ideal_list_free(&l);
}
END_TEST

START_TEST(test_reasons)
{
	struct ideal_input in[] = {
		{ "ada@example.com", "Ada", "good", 123456, true, 1, 9, 2, 12,
		  "respect, integrity" },
		{ "bo@example.com", "Bo", "good", 100, true, 2, 0, 0, 12, NULL },
		{ "cy@example.com", "Cy", "good", 0, false, 0, 0, 0, 0, NULL },
	};
	struct ideal_list l;

	rank(in, NELEM(in), 0, &l, 3);
	/* 50 revenue + 10 referral + 20 * (9 - 2) / 12 = 11 */
	ranked(&l, 0, "ada@example.com", 71);
	ck_assert_uint_eq(l.v[0].reasons.n, 4);
	ck_assert_str_eq(l.v[0].reasons.v[0], "paid 1234.56 in the last 12 "
	    "months, the most of any good customer");
	ck_assert_str_eq(l.v[0].reasons.v[1], "referred 1 person");
	ck_assert_str_eq(l.v[0].reasons.v[2], "fits 9 of 12 values");
	ck_assert_str_eq(l.v[0].reasons.v[3], "does not fit: respect, integrity");
	ck_assert_str_eq(l.v[1].reasons.v[0], "paid 1.00 in the last 12 months");
	ck_assert_str_eq(l.v[1].reasons.v[1], "referred 2 people");
	ck_assert_str_eq(l.v[1].reasons.v[2], "not yet judged against the 12 "
	    "values");
	ck_assert_uint_eq(l.v[2].reasons.n, 1);
	ck_assert_str_eq(l.v[2].reasons.v[0], "no payments recorded in the "
	    "last 12 months");
	ideal_list_free(&l);
}
END_TEST

START_TEST(test_values_lower_the_score)
{
	struct ideal_input fits = { "a@example.com", NULL, "good", 0, false,
		0, 12, 0, 12, NULL };
	struct ideal_input clashes = { "b@example.com", NULL, "good", 0, false,
		2, 0, 12, 12, NULL };

	ck_assert_int_eq(ideal_score(&fits, 0), IDEAL_POINTS_VALUES);
	ck_assert_int_eq(ideal_score(&clashes, 0), 20 - 20);
	/* referrals are capped */
	clashes.referrals = 7;
	clashes.misfit = 0;
	ck_assert_int_eq(ideal_score(&clashes, 0), 30);
}
END_TEST

START_TEST(test_render_json)
{
	struct ideal_input in[] = {
		{ "ada@example.com", "Ada \"A\"", "good", 123456, true, 1, 10, 0,
		  12, NULL },
		{ "cy@example.com", NULL, "good", 0, false, 0, 0, 0, 0, NULL },
	};
	struct ideal_list l;

	rank(in, NELEM(in), 0, &l, 2);
	rendered(&l, REPORT_JSON,
	    "[\n"
	    "{\"email\":\"ada@example.com\",\"name\":\"Ada \\\"A\\\"\","
	    "\"revenue\":\"1234.56\",\"referrals\":1,\"alignment\":\"10/12\","
	    "\"score\":76,\"reasons\":[\"paid 1234.56 in the last 12 months, "
	    "the most of any good customer\",\"referred 1 person\","
	    "\"fits 10 of 12 values\"]},\n"
	    "{\"email\":\"cy@example.com\",\"name\":null,\"revenue\":\"0.00\","
	    "\"referrals\":0,\"alignment\":null,\"score\":0,\"reasons\":"
	    "[\"no payments recorded in the last 12 months\"]}\n"
	    "]\n");
	rendered(&l, REPORT_CSV,
	    "email,name,revenue,referrals,alignment,score,reasons\r\n"
	    "ada@example.com,\"Ada \"\"A\"\"\",1234.56,1,10/12,76,\"paid "
	    "1234.56 in the last 12 months, the most of any good customer; "
	    "referred 1 person; fits 10 of 12 values\"\r\n"
	    "cy@example.com,,0.00,0,,0,no payments recorded in the last 12 "
	    "months\r\n");
	ideal_list_free(&l);
}
END_TEST

/* owner, self, tags against -> overall */
static const struct {
	enum verdict owner, self;
	int against;
	enum verdict want;
} overall[] = {
	{ VERDICT_UNKNOWN, VERDICT_UNKNOWN, 0, VERDICT_UNKNOWN },
	{ VERDICT_UNKNOWN, VERDICT_YES, 0, VERDICT_YES },
	{ VERDICT_UNKNOWN, VERDICT_NO, 0, VERDICT_NO },
	{ VERDICT_UNKNOWN, VERDICT_YES, 2, VERDICT_NO },	/* evidence beats self */
	{ VERDICT_YES, VERDICT_NO, 3, VERDICT_YES },		/* owner beats all */
	{ VERDICT_NO, VERDICT_YES, 0, VERDICT_NO },
};

START_TEST(test_value_overall)
{
	ck_assert_int_eq(value_overall(overall[_i].owner, overall[_i].self,
	    overall[_i].against), overall[_i].want);
}
END_TEST

START_TEST(test_alignment_text)
{
	struct alignment a;
	struct buf b;

	memset(&a, 0, sizeof(a));
	a.n = 3;
	a.v[0].key = "integrity";
	a.v[0].owner = VERDICT_YES;
	a.v[0].self = VERDICT_NO;
	a.v[1].key = "respect";
	a.v[1].against = 2;
	snprintf(a.v[1].evidence, sizeof(a.v[1].evidence), "%s",
	    "rude in 2 messages");
	a.v[2].key = "growth";
	alignment_tally(&a);
	ck_assert_int_eq(a.fit, 1);
	ck_assert_int_eq(a.misfit, 1);
	buf_init(&b, 0);
	ck_assert_int_eq(alignment_text(&b, &a), 0);
	ck_assert_str_eq(buf_cstr(&b),
	    "  values:      1/3 fit\n"
	    "    integrity: \xe2\x9c\x93 (owner: yes, self: no)\n"
	    "    respect: \xe2\x9c\x97 (rude in 2 messages)\n"
	    "    growth: ?\n");
	buf_free(&b);
}
END_TEST

static const char three[] =
    "integrity: keeps their word\n"
    "respect: treats people well\n"
    "growth: builds something\n";

START_TEST(test_reply_read)
{
	struct err e;
	struct valueset *vs = valueset_load_string("vs", three, strlen(three),
	    &e);
	struct message m;
	struct value_reply r;

	ck_assert_msg(vs != NULL, "%s", e.msg);
	memset(&m, 0, sizeof(m));
	m.subject = (char *)"RE: Re: " VALUESET_SUBJECT;
	/* what they wrote now wins over the quoted, unedited form */
	m.text = (char *)"[x] respect\n";
	m.quoted = (char *)"> [x] integrity: keeps their word\n"
	    "> [ ] respect: treats people well\n> [ ] growth: builds\n";
	ck_assert(ideal_reply_read(vs, &m, &r));
	ck_assert_uint_eq(r.found, 3);
	ck_assert_int_eq(r.v[0], VERDICT_YES);
	ck_assert_int_eq(r.v[1], VERDICT_YES);
	ck_assert_int_eq(r.v[2], VERDICT_NO);
	/* another subject: not a reply to the form */
	m.subject = (char *)"Re: our invoice";
	ck_assert(!ideal_reply_read(vs, &m, &r));
	/* fewer than half of the values named */
	m.subject = (char *)"Re: " VALUESET_SUBJECT;
	m.quoted = NULL;
	ck_assert(!ideal_reply_read(vs, &m, &r));
	ck_assert(!ideal_reply_read(NULL, &m, &r));
	valueset_free(vs);
}
END_TEST

TL_SUITE(ideal, test_rank_order_and_scores, 0, test_bad_never_appear, 0,
    test_limit, 0, test_reasons, 0, test_values_lower_the_score, 0,
    test_render_json, 0, test_value_overall, TL_LOOPS(overall),
    test_alignment_text, 0, test_reply_read, 0)
