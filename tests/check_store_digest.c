/*
 * check_store_digest - the store's side of the owner's digest: a window
 * gathered from applied facts.  (The JSON reader is check_json's.)
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/category.h"
#include "report/digest.h"
#include "store/store_digest.h"
#include "testlib.h"

static char db_path[TL_PATH_MAX];
static struct config *cfg;
static struct store *S;

static void
setup(void)
{
	tl_db_make(db_path, sizeof(db_path), "digest");
	cfg = config_defaults();
	/* hand-made mail without the owner's replies: every sender counts */
	cfg->customer_policy = POLICY_INCOMING;
	S = tl_store_open(db_path, cfg, STORE_CREATE);
}

static void
teardown(void)
{
	store_close(S);
	config_free(cfg);
	tl_db_done(db_path);
}

/* apply_arrived - one incoming message dated `at` that arrived at `arrived` (0: unknown) */
static void
apply_arrived(const char *key, const char *from, const char *name, time_t at,
    time_t arrived, const char *tag, const char *referrer);

/* apply - one incoming message from `from` at time `at` */
static void
apply(const char *key, const char *from, const char *name, time_t at,
    const char *tag, const char *referrer)
{
	apply_arrived(key, from, name, at, 0, tag, referrer);
}

static void
apply_arrived(const char *key, const char *from, const char *name, time_t at,
    time_t arrived, const char *tag, const char *referrer)
{
	struct fact_person people[1] = { { (char *)from, (char *)name, true } };
	struct fact_tag tags[1] = { { (char *)from, (char *)tag, "evidence text" } };
	struct fact_referral refs[1] = { { (char *)referrer, NULL, (char *)from,
		"address", "sent me your way" } };
	struct facts f = { 0 };

	f.kind = FACTS_INCOMING;
	f.key = (char *)key;
	f.subject = "Hello there";
	f.date = at;
	f.arrived = arrived;
	f.people = people;
	f.npeople = 1;
	f.tags = tags;
	f.ntags = tag ? 1 : 0;
	f.referrals = refs;
	f.nreferrals = referrer ? 1 : 0;
	tl_apply_facts(S, &f);
}

START_TEST(test_window)
{
	struct digest_data d;
	struct err e;
	time_t day = 1790000000;

	/* yesterday: outside the window */
	apply("m1", "old@example.org", "Old Friend", day - 2 * 86400, NULL, NULL);
	/* today: an enquiry, a referral by old@, a rude one */
	apply("m2", "new@example.org", "New Person", day - 3600, "enquiry",
	    "old@example.org");
	apply("m3", "rex@example.com", "Rex", day - 600, "rude", NULL);
	apply("m4", "rex@example.com", "Rex", day - 500, "rude", NULL);

	ck_assert_int_eq(store_digest_data(S, day - 86400, day, &d, &e), 0);
	ck_assert_uint_eq(d.enquiries.n, 2);
	ck_assert_str_eq(d.enquiries.v[0].email, "new@example.org");
	ck_assert_str_eq(d.enquiries.v[0].detail, "Hello there");
	ck_assert_str_eq(d.enquiries.v[1].email, "rex@example.com");
	ck_assert_uint_eq(d.referrals.n, 1);
	ck_assert_str_eq(d.referrals.v[0].email, "new@example.org");
	ck_assert_str_eq(d.referrals.v[0].other, "old@example.org");
	ck_assert_ptr_nonnull(strstr(d.referrals.v[0].detail, "address"));
	ck_assert_uint_eq(d.problems.n, 2);
	ck_assert_str_eq(d.problems.v[0].email, "rex@example.com");
	ck_assert_ptr_nonnull(strstr(d.problems.v[0].detail, "rude"));
	/* Rex turned bad after the second rude message */
	ck_assert_uint_ge(d.changes.n, 1);
	bool rex_bad = false;
	for (size_t i = 0; i < d.changes.n; i++)
		if (strcmp(d.changes.v[i].email, "rex@example.com") == 0 &&
		    strstr(d.changes.v[i].detail, "-> bad"))
			rex_bad = true;
	ck_assert(rex_bad);
	ck_assert_uint_eq(d.top_referrers.n, 1);
	ck_assert_str_eq(d.top_referrers.v[0].email, "old@example.org");
	ck_assert_int_eq(d.nbad, 1);
	ck_assert_int_eq(d.ngood + d.nok + d.nbad, 3);
	digest_data_clear(&d);

	/* the standing picture follows edits: forget the rude one and the
	 * person referred, and the counts and the top referrers follow */
	ck_assert_int_eq(store_forget(S, "rex@example.com", &e), 1);
	ck_assert_int_eq(store_forget(S, "new@example.org", &e), 1);
	ck_assert_int_eq(store_digest_data(S, day - 86400, day, &d, &e), 0);
	ck_assert_int_eq(d.nbad, 0);
	ck_assert_int_eq(d.ngood + d.nok + d.nbad, 1);
	ck_assert_uint_eq(d.top_referrers.n, 0);
	digest_data_clear(&d);

	/* a window before anything happened is quiet */
	ck_assert_int_eq(store_digest_data(S, day - 10 * 86400,
	    day - 9 * 86400, &d, &e), 0);
	ck_assert(digest_is_quiet(&d));
	digest_data_clear(&d);
}
END_TEST

/* has_email - whether a list holds the address */
static bool
has_email(const struct digest_items *it, const char *email)
{
	for (size_t i = 0; i < it->n; i++)
		if (strcmp(it->v[i].email, email) == 0)
			return true;
	return false;
}

/* since_last - plan and gather the next digest as `digest` would */
static void
since_last(time_t now, struct digest_window *w, struct digest_data *d)
{
	struct digest_window prev;
	struct err e;

	ck_assert_msg(store_digest_plan(S, now, 0, w, &prev, &e) == 0, "%s",
	    e.msg);
	ck_assert_msg(store_digest_gather(S, w, &prev, d, &e) == 0, "%s",
	    e.msg);
}

/*
 * Consecutive digests: the second starts where the first stopped, so
 * nothing is reported twice or missed, and mail dated days back but
 * recorded after the first digest is in the second.
 */
START_TEST(test_since_last)
{
	struct digest_window w, again;
	struct digest_data d;
	struct err e;
	time_t now = 1790000000;

	apply("a1", "ana@example.org", "Ana", now - 3600, "enquiry", NULL);
	apply("b1", "ben@example.org", "Ben", now - 1800, "enquiry", NULL);
	/* the first digest: the last 24 hours */
	since_last(now, &w, &d);
	ck_assert(w.by_time);
	ck_assert_uint_eq(d.enquiries.n, 2);
	ck_assert_int_eq(d.now.v[DF_ENQUIRIES], 2);
	ck_assert(d.has_before);
	ck_assert_int_eq(d.before.v[DF_ENQUIRIES], 0);
	digest_data_clear(&d);
	ck_assert_int_eq(store_digest_mark(S, &w, now, &e), 0);

	/* after it: a message dated three days back, and a rude one */
	apply("c1", "cat@example.org", "Cat", now - 3 * 86400, "enquiry", NULL);
	apply("d1", "dan@example.org", "Dan", now + 60, "rude", NULL);
	since_last(now + 3600, &w, &d);
	ck_assert(!w.by_time);
	ck_assert_int_eq(w.since, now + 1);	/* the last one's end */
	ck_assert_uint_eq(d.enquiries.n, 2);
	ck_assert(has_email(&d.enquiries, "cat@example.org"));
	ck_assert(has_email(&d.enquiries, "dan@example.org"));
	ck_assert(!has_email(&d.enquiries, "ana@example.org"));
	ck_assert(!has_email(&d.enquiries, "ben@example.org"));
	ck_assert_uint_eq(d.problems.n, 1);
	/* against what the last digest covered */
	ck_assert_int_eq(d.before.v[DF_ENQUIRIES], 2);
	ck_assert_int_eq(d.now.v[DF_PROBLEMS], 1);
	ck_assert_int_eq(d.before.v[DF_PROBLEMS], 0);
	ck_assert_int_eq(d.now.v[DF_WAITING], 2);
	digest_data_clear(&d);

	/* not sent: the next run covers the same again */
	since_last(now + 7200, &again, &d);
	ck_assert_int_eq(again.after_event, w.after_event);
	ck_assert_int_eq(again.upto_event, w.upto_event);
	digest_data_clear(&d);

	/* sent: the one after it is quiet */
	ck_assert_int_eq(store_digest_mark(S, &w, now + 3600, &e), 0);
	since_last(now + 7200, &w, &d);
	ck_assert(digest_is_quiet(&d));
	ck_assert_int_eq(d.now.v[DF_ENQUIRIES], 0);
	ck_assert_int_eq(d.before.v[DF_ENQUIRIES], 2);
	digest_data_clear(&d);

	/* erasing the newest people reported cannot make the next ones reuse
	 * their numbers and slip under the mark */
	ck_assert_int_eq(store_forget(S, "dan@example.org", &e), 1);
	ck_assert_int_eq(store_forget(S, "cat@example.org", &e), 1);
	apply("e1", "eve@example.org", "Eve", now + 7300, "enquiry", NULL);
	since_last(now + 7400, &w, &d);
	ck_assert_uint_eq(d.enquiries.n, 1);
	ck_assert_str_eq(d.enquiries.v[0].email, "eve@example.org");
	digest_data_clear(&d);
}
END_TEST

/*
 * A time window goes by arrival: a message dated three days back that
 * arrived an hour ago is in the last 24 hours; one dated an hour ago
 * that arrived (was ingested from history) a year ago is not.
 */
START_TEST(test_by_arrival)
{
	struct digest_data d;
	struct err e;
	time_t now = 1790000000;

	apply_arrived("a1", "late@example.org", "Late", now - 3 * 86400,
	    now - 3600, "rude", NULL);
	apply_arrived("b1", "old@example.org", "Old", now - 3600,
	    now - 365 * 86400, "rude", NULL);
	ck_assert_int_eq(store_digest_data(S, now - 86400, now, &d, &e), 0);
	ck_assert_uint_eq(d.enquiries.n, 1);
	ck_assert_str_eq(d.enquiries.v[0].email, "late@example.org");
	ck_assert_uint_eq(d.problems.n, 1);
	ck_assert_str_eq(d.problems.v[0].email, "late@example.org");
	digest_data_clear(&d);
}
END_TEST

/* --since: a time window, and the same length before it */
START_TEST(test_by_time)
{
	struct digest_window w, prev;
	struct digest_data d;
	struct err e;
	time_t now = 1790000000;

	apply("a1", "ana@example.org", "Ana", now - 3600, "enquiry", NULL);
	apply("b1", "ben@example.org", "Ben", now - 86400 - 3600, NULL,
	    NULL);
	apply("c1", "cat@example.org", "Cat", now - 86400 - 1800, NULL,
	    NULL);
	ck_assert_int_eq(store_digest_plan(S, now, 86400, &w, &prev, &e), 0);
	ck_assert(w.by_time && prev.by_time);
	ck_assert_int_eq(prev.until, w.since);
	ck_assert_int_eq(store_digest_gather(S, &w, &prev, &d, &e), 0);
	ck_assert_int_eq(d.now.v[DF_CUSTOMERS], 1);
	ck_assert_int_eq(d.before.v[DF_CUSTOMERS], 2);
	digest_data_clear(&d);
}
END_TEST

TL_SUITE_AROUND(store_digest, setup, teardown, 0, test_window, 0,
    test_since_last, 0, test_by_time, 0, test_by_arrival, 0)
