/*
 * check_store_revenue - revenue, value-set verdicts and ideal candidates in
 * the store.
 *
 * Each test gets a fresh database in /tmp and builds customers from facts
 * made by hand; a second plain SQLite connection counts rows behind the
 * API where a test needs to.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/category.h"
#include "store/store_ideal.h"
#include "testlib.h"

#define DAY ((time_t)24 * 60 * 60)

static char db_path[TL_PATH_MAX];
static struct config *cfg;
static struct store *S;
static struct rules *R;
static struct valueset *VS;
static time_t now;

static const char values[] =
    "integrity: keeps their word\n"
    "respect: treats people well\n"
    "growth: builds something\n"
    "compassion: kind to people\n";

static void
setup(void)
{
	struct err e = { "" };

	S = tl_store_make(db_path, sizeof(db_path), "rev", &cfg);
	R = tl_rules_default();
	VS = valueset_load_string("vs", values, strlen(values), &e);
	ck_assert_msg(VS != NULL, "valueset: %s", e.msg);
	now = time(NULL);
}

static void
teardown(void)
{
	rules_free(R);
	valueset_free(VS);
	tl_store_done(&S, &cfg, db_path);
}

static long long
side_int(const char *sql)
{
	return tl_side_int(db_path, sql);
}

/* incoming - email sent message key, with these tags and referrals */
static void
incoming(const char *key, const char *email, struct fact_tag *t, size_t nt,
    struct fact_referral *rf, size_t nr)
{
	struct fact_person p[] = { { (char *)email, NULL, true } };

	tl_apply(S, FACTS_INCOMING, key, "hello", now - DAY, p, 1, t, nt, rf,
	    nr);
}

/* wrote - email sent message key, carrying tag (or none) */
static void
wrote(const char *key, const char *email, const char *tag)
{
	tl_wrote(S, key, email, NULL, now - DAY, tag);
}

static int
add(const char *email, long long amount, time_t date, const char *ref,
    bool create)
{
	struct err e = { "" };
	int rc = store_revenue_add(S, email, amount, date, ref, create, &e);

	ck_assert_msg(rc >= 0, "revenue: %s", e.msg);
	return rc;
}

/* revenue_of - what show says for the last 12 months */
static long long
revenue_of(const char *email, bool *has)
{
	struct customer_detail *d;
	struct err e = { "" };
	long long v;

	ck_assert_int_eq(store_show(S, email, &d, &e), 1);
	v = d->c.revenue;
	*has = d->c.has_revenue;
	customer_detail_free(d);
	return v;
}

START_TEST(test_idempotent_by_reference)
{
	bool has;

	wrote("m1", "ann@example.com", NULL);
	ck_assert_int_eq(add("ann@example.com", 10000, now - DAY, "INV-1",
	    false), REVENUE_RECORDED);
	/* the same invoice again, even with another amount: once */
	ck_assert_int_eq(add("ANN@example.com", 10000, now - DAY, "INV-1",
	    false), REVENUE_DUPLICATE);
	ck_assert_int_eq(add("ann@example.com", 999, now, "INV-1", false),
	    REVENUE_DUPLICATE);
	ck_assert_int_eq(side_int("SELECT count(*) FROM revenue"), 1);
	ck_assert(revenue_of("ann@example.com", &has) == 10000);
	ck_assert(has);
}
END_TEST

START_TEST(test_idempotent_by_content)
{
	bool has;

	wrote("m1", "ann@example.com", NULL);
	ck_assert_int_eq(add("ann@example.com", 2500, now - 2 * DAY, NULL,
	    false), REVENUE_RECORDED);
	ck_assert_int_eq(add("ann@example.com", 2500, now - 2 * DAY, "",
	    false), REVENUE_DUPLICATE);
	/* another day or another amount is another payment */
	ck_assert_int_eq(add("ann@example.com", 2500, now - 3 * DAY, NULL,
	    false), REVENUE_RECORDED);
	ck_assert_int_eq(add("ann@example.com", 2600, now - 2 * DAY, NULL,
	    false), REVENUE_RECORDED);
	ck_assert_int_eq(side_int("SELECT count(*) FROM revenue"), 3);
	ck_assert(revenue_of("ann@example.com", &has) == 7600);
}
END_TEST

START_TEST(test_refunds_and_window)
{
	bool has;

	wrote("m1", "ann@example.com", NULL);
	wrote("m2", "old@example.com", NULL);
	ck_assert(revenue_of("ann@example.com", &has) == 0);
	ck_assert(!has);
	add("ann@example.com", 10000, now - 10 * DAY, "A", false);
	add("ann@example.com", -2050, now - 5 * DAY, "A-refund", false);
	ck_assert(revenue_of("ann@example.com", &has) == 7950);
	ck_assert(has);
	/* two years ago does not count in the last 12 months */
	add("old@example.com", 50000, now - 730 * DAY, NULL, false);
	ck_assert(revenue_of("old@example.com", &has) == 0);
	ck_assert(!has);
}
END_TEST

START_TEST(test_unknown_address)
{
	struct customer_detail *d;
	struct err e = { "" };

	ck_assert_int_eq(add("new@example.com", 100, now, NULL, false),
	    REVENUE_UNKNOWN);
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM revenue"), 0);
	ck_assert_int_eq(add("New@Example.com", 100, now, NULL, true),
	    REVENUE_RECORDED);
	ck_assert_int_eq(store_show(S, "new@example.com", &d, &e), 1);
	ck_assert_str_eq(d->c.email, "new@example.com");
	ck_assert_str_eq(d->c.category, "ok");
	ck_assert(d->c.revenue == 100);
	customer_detail_free(d);
}
END_TEST

/*
 * self_reply - what the pipeline does with m from email: read it as a
 * reply to the value-set form (ideal_reply_read), then record it
 * (store_self_assess).  0 when m is not such a reply.
 */
static int
self_reply(const struct message *m, const char *email)
{
	struct value_reply r;
	struct err e = { "" };
	int rc;

	if (!ideal_reply_read(VS, m, &r))
		return 0;
	rc = store_self_assess(S, email, VS, &r, &e);
	ck_assert_msg(rc >= 0, "self assess: %s", e.msg);
	return rc;
}

START_TEST(test_owner_and_self_apart)
{
	struct alignment a;
	struct message m;
	struct err e = { "" };

	wrote("m1", "ann@example.com", NULL);
	ck_assert_int_eq(store_assess(S, "ann@example.com", "respect",
	    VERDICT_NO, ASSESS_OWNER, &e), 1);
	ck_assert_int_eq(store_assess(S, "nobody@example.com", "respect",
	    VERDICT_NO, ASSESS_OWNER, &e), 0);
	memset(&m, 0, sizeof(m));
	m.subject = (char *)"Re: " VALUESET_SUBJECT;
	m.text = (char *)"[x] integrity\n[x] respect\n[ ] growth\n";
	ck_assert_int_eq(self_reply(&m, "ann@example.com"), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM assessments"), 4);
	ck_assert_int_eq(store_alignment(S, "ann@example.com", VS, R, &a, &e),
	    1);
	ck_assert_uint_eq(a.n, 4);
	ck_assert_int_eq(a.v[0].owner, VERDICT_UNKNOWN);
	ck_assert_int_eq(a.v[0].self, VERDICT_YES);
	ck_assert_int_eq(a.v[1].owner, VERDICT_NO);
	ck_assert_int_eq(a.v[1].self, VERDICT_YES);
	ck_assert_int_eq(a.v[1].overall, VERDICT_NO);	/* the owner decides */
	ck_assert_int_eq(a.v[2].self, VERDICT_NO);
	ck_assert_int_eq(a.v[3].overall, VERDICT_UNKNOWN);
	ck_assert_int_eq(a.fit, 1);
	ck_assert_int_eq(a.misfit, 2);
	/* a second reply replaces the first; the owner's verdict stays */
	m.text = (char *)"[x] growth\n[x] compassion\n";
	ck_assert_int_eq(self_reply(&m, "ann@example.com"), 1);
	ck_assert_int_eq(store_alignment(S, "ann@example.com", VS, R, &a, &e),
	    1);
	ck_assert_int_eq(a.v[0].self, VERDICT_UNKNOWN);
	ck_assert_int_eq(a.v[1].owner, VERDICT_NO);
	ck_assert_int_eq(a.v[1].self, VERDICT_UNKNOWN);
	ck_assert_int_eq(a.v[2].self, VERDICT_YES);
	/* unknown forgets the owner's verdict */
	ck_assert_int_eq(store_assess(S, "ann@example.com", "respect",
	    VERDICT_UNKNOWN, ASSESS_OWNER, &e), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM assessments"
	    " WHERE source = 'owner'"), 0);
	/* not a reply to the form: nothing recorded */
	m.subject = (char *)"Re: lunch";
	ck_assert_int_eq(self_reply(&m, "ann@example.com"), 0);
}
END_TEST

START_TEST(test_alignment_tag_evidence)
{
	struct alignment a;
	struct err e = { "" };

	wrote("m1", "rex@example.com", "rude");
	wrote("m2", "rex@example.com", "rude");
	wrote("m3", "rex@example.com", "praise");
	ck_assert_int_eq(store_assess(S, "rex@example.com", "compassion",
	    VERDICT_YES, ASSESS_OWNER, &e), 1);
	ck_assert_int_eq(store_alignment(S, "rex@example.com", VS, R, &a, &e),
	    1);
	ck_assert_int_eq(a.v[1].against, 2);
	ck_assert_str_eq(a.v[1].evidence, "rude in 2 messages");
	ck_assert_int_eq(a.v[1].overall, VERDICT_NO);
	/* the owner overrides the evidence */
	ck_assert_int_eq(a.v[3].against, 2);
	ck_assert_int_eq(a.v[3].overall, VERDICT_YES);
	ck_assert_int_eq(a.v[0].against, 0);
	ck_assert_str_eq(a.v[0].evidence, "");
	ck_assert_int_eq(a.fit, 1);
	ck_assert_int_eq(a.misfit, 1);
	ck_assert_int_eq(store_alignment(S, "nobody@example.com", VS, R, &a,
	    &e), 0);
}
END_TEST

START_TEST(test_ideal_only_good)
{
	struct ideal_list l;
	struct err e = { "" };

	wrote("m1", "ann@example.com", NULL);
	wrote("m2", "bob@example.com", NULL);
	wrote("m3", "rex@example.com", "rude");
	wrote("m4", "oli@example.com", NULL);
	ck_assert_int_eq(store_categorize(S, "ann@example.com", "good", &e), 1);
	ck_assert_int_eq(store_categorize(S, "bob@example.com", "good", &e), 1);
	ck_assert_int_eq(store_categorize(S, "rex@example.com", "bad", &e), 1);
	add("ann@example.com", 20000, now - DAY, NULL, false);
	add("bob@example.com", 40000, now - DAY, NULL, false);
	add("bob@example.com", 90000, now - 800 * DAY, NULL, false);
	add("rex@example.com", 9000000, now - DAY, NULL, false);
	add("oli@example.com", 9000000, now - DAY, NULL, false);
	ck_assert_int_eq(store_assess(S, "ann@example.com", "integrity",
	    VERDICT_YES, ASSESS_OWNER, &e), 1);
	ck_assert_int_eq(store_ideal(S, now - IDEAL_WINDOW, VS, R, 0, &l, &e),
	    0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0].email, "bob@example.com");
	ck_assert(l.v[0].revenue == 40000);
	ck_assert_int_eq(l.v[0].score, 50);
	ck_assert_str_eq(l.v[1].email, "ann@example.com");
	ck_assert_int_eq(l.v[1].fit, 1);
	ck_assert_int_eq(l.v[1].nvalues, 4);
	/* 25 for half the top revenue + 20 * 1 / 4 */
	ck_assert_int_eq(l.v[1].score, 30);
	ideal_list_free(&l);
	ck_assert_int_eq(store_ideal(S, now - IDEAL_WINDOW, NULL, R, 1, &l,
	    &e), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.v[0].nvalues, 0);
	ideal_list_free(&l);
}
END_TEST

/* referred - who wrote message key, saying that referrer sent them */
static void
referred(const char *key, const char *referrer, const char *who)
{
	struct fact_referral rf[] = { { (char *)referrer, NULL, (char *)who,
	    (char *)"address", (char *)"they sent me your way" } };

	incoming(key, who, NULL, 0, rf, 1);
}

/*
 * With a limit the store reads only the customers that can make the list;
 * whatever it skips, the list must be the head of the full ranking, ties
 * and all: equal referrals, equal scores from different sources, refunds,
 * verdicts either way, rude customers losing a value, bad referrers.
 */
START_TEST(test_ideal_limit_is_head_of_all)
{
	struct ideal_list all, some;
	struct err e = { "" };
	char email[64], other[64], key[64];
	const int n = 48;
	size_t limit;

	srand(7);
	for (int i = 0; i < n; i++) {
		snprintf(email, sizeof(email), "c%02d@example.com", (i * 29) % n);
		snprintf(key, sizeof(key), "w%d", i);
		wrote(key, email, i % 7 == 0 ? "rude" : NULL);
	}
	/* referrals: a few people refer many, most refer one or none */
	for (int i = 0; i < 3 * n; i++) {
		int from = rand() % n, to = rand() % n;

		from = from % 3 == 0 ? from : from % 9;
		snprintf(email, sizeof(email), "c%02d@example.com", from);
		snprintf(other, sizeof(other), "c%02d@example.com", to);
		snprintf(key, sizeof(key), "r%d", i);
		if (from != to)
			referred(key, email, other);
	}
	for (int i = 0; i < n; i++) {
		snprintf(email, sizeof(email), "c%02d@example.com", i);
		ck_assert_int_eq(store_categorize(S, email,
		    i % 11 == 5 ? "bad" : i % 13 == 4 ? "ok" : "good", &e), 1);
		if (i % 5 == 1)
			add(email, 1000 * (rand() % 4), now - DAY, NULL, false);
		if (i % 10 == 3)
			add(email, -500, now - 2 * DAY, NULL, false);
		if (i % 6 == 2)
			add(email, 70000, now - 900 * DAY, NULL, false);
		if (i % 8 == 0)
			ck_assert_int_eq(store_assess(S, email, "growth",
			    i % 16 ? VERDICT_YES : VERDICT_NO, ASSESS_OWNER,
			    &e), 1);
		if (i % 9 == 4)
			ck_assert_int_eq(store_assess(S, email, "integrity",
			    VERDICT_YES, ASSESS_SELF, &e), 1);
	}
	for (int with_values = 0; with_values < 2; with_values++) {
		const struct valueset *vs = with_values ? VS : NULL;

		ck_assert_int_eq(store_ideal(S, now - IDEAL_WINDOW, vs, R, 0,
		    &all, &e), 0);
		ck_assert_uint_gt(all.n, 30);
		for (limit = 1; limit <= all.n + 2; limit++) {
			ck_assert_int_eq(store_ideal(S, now - IDEAL_WINDOW, vs,
			    R, limit, &some, &e), 0);
			ck_assert_uint_eq(some.n, limit < all.n ? limit : all.n);
			for (size_t i = 0; i < some.n; i++) {
				ck_assert_str_eq(some.v[i].email, all.v[i].email);
				ck_assert_int_eq(some.v[i].score, all.v[i].score);
				ck_assert_uint_eq(some.v[i].reasons.n,
				    all.v[i].reasons.n);
				for (size_t j = 0; j < some.v[i].reasons.n; j++)
					ck_assert_str_eq(some.v[i].reasons.v[j],
					    all.v[i].reasons.v[j]);
			}
			ideal_list_free(&some);
		}
		ideal_list_free(&all);
	}
}
END_TEST

START_TEST(test_forget_and_merge_carry_revenue)
{
	struct err e = { "" };
	bool has;

	wrote("m1", "ann@example.com", NULL);
	wrote("m2", "ann.home@example.com", NULL);
	add("ann.home@example.com", 3000, now - DAY, NULL, false);
	ck_assert_int_eq(store_merge(S, "ann@example.com",
	    "ann.home@example.com", NULL, &e), 1);
	ck_assert(revenue_of("ann@example.com", &has) == 3000);
	/* the second address now finds the same customer */
	ck_assert_int_eq(add("ann.home@example.com", 100, now, "X", false),
	    REVENUE_RECORDED);
	ck_assert(revenue_of("ann@example.com", &has) == 3100);
	ck_assert_int_eq(store_forget(S, "ann@example.com", &e), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM revenue"), 0);
}
END_TEST

TL_SUITE_AROUND(store_revenue, setup, teardown, 0,
    test_idempotent_by_reference, 0, test_idempotent_by_content, 0,
    test_refunds_and_window, 0, test_unknown_address, 0,
    test_owner_and_self_apart, 0, test_alignment_tag_evidence, 0,
    test_ideal_only_good, 0, test_ideal_limit_is_head_of_all, 0,
    test_forget_and_merge_carry_revenue, 0)
