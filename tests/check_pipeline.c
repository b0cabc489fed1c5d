/*
 * check_pipeline - real fixture mail end to end: parse -> classify -> store.
 *
 * Each test gets a fresh store in a temporary directory, the compiled-in
 * rules, a config whose owner is sam@brightdesk.example and pl, a pipeline
 * over the three.  Fixtures are tests/fixtures/pipe-*.eml.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/pipeline.h"
#include "store/store_test.h"
#include "testlib.h"

static char db[TL_PATH_MAX];
static struct config *cfg;
static struct rules *rules;
static struct store *store;
static struct pipeline pl;	/* over store, made by setup */

static void
setup(void)
{
	tl_db_make(db, sizeof(db), "pipeline");
	tl_owner_make(&cfg, &rules);
	/* hand-made mail without the owner's replies: every sender counts */
	cfg->customer_policy = POLICY_INCOMING;
	store = tl_store_open(db, cfg, STORE_CREATE);
	pipeline_init(&pl, cfg, rules, store);
}

static void
teardown(void)
{
	store_close(store);
	store = NULL;
	tl_owner_done(&cfg, &rules);
	tl_db_done(db);
}

/* run - one fixture through p; asserts success */
static void
run(struct pipeline *p, const char *name, struct pipeline_result *res)
{
	struct err e;
	size_t len;
	char *data = tl_fixture(name, &len);
	int rc = pipeline_process(p, data, len, NULL, res, &e);

	free(data);
	ck_assert_msg(rc == 0, "%s: %s", name, e.msg);
	ck_assert_ptr_nonnull(res->facts);
}

/* shown - the stored customer for email; fails the test if absent */
static struct customer_detail *
shown(const char *email)
{
	struct customer_detail *d = NULL;
	struct err e;
	int rc = store_show(store, email, &d, &e);

	ck_assert_msg(rc == 1, "%s: store_show gave %d (%s)", email, rc,
	    rc < 0 ? e.msg : "no such customer");
	return d;
}

/* messages_of - how many messages the stored customer email sent */
static int
messages_of(const char *email)
{
	struct customer_detail *d = shown(email);
	int n = d->c.messages;

	customer_detail_free(d);
	return n;
}

/* absent - email is no customer in the store */
static void
absent(const char *email)
{
	struct customer_detail *d = NULL;
	struct err e;

	ck_assert_msg(store_show(store, email, &d, &e) == 0,
	    "%s: stored, or the lookup failed", email);
	ck_assert_ptr_null(d);
}

/* the shared-lock lookups (the milter's): lock hands out the one store */
static struct store *
lock_store(void *arg)
{
	return arg;
}

static void
unlock_store(void *arg)
{
	(void)arg;
}

/*
 * A lookup that fails under the milter's shared lock stays with its own
 * message: that message is not recorded and says why; the next one is.
 */
START_TEST(test_locked_lookup_failure)
{
	struct pipeline_lookups lk = { lock_store, unlock_store, NULL };
	struct pipeline_staged st;
	struct pipeline_result res;
	struct pipeline p;
	struct err e = { "" };
	size_t len;
	char *data = tl_fixture("pipe-intro-cc.eml", &len);

	lk.arg = store;
	pipeline_init(&p, cfg, rules, NULL);
	p.lookups = &lk;
	ck_assert_int_eq(store_debug_exec(store,
	    "ALTER TABLE addresses RENAME TO addresses_away", &e), 0);
	ck_assert_int_eq(pipeline_classify(&p, data, len, NULL, &st, &e), 0);
	ck_assert_int_eq(store_debug_exec(store,
	    "ALTER TABLE addresses_away RENAME TO addresses", &e), 0);
	ck_assert(st.lookup_failed);
	p.store = store;
	p.lookups = NULL;
	e.msg[0] = '\0';
	ck_assert_int_eq(pipeline_record(&p, &st, &res, &e), -1);
	ck_assert_msg(strstr(e.msg, "lookup") != NULL, "error: %s", e.msg);
	pipeline_result_clear(&res);
	pipeline_staged_clear(&st);
	/* nobody was recorded from the distorted facts */
	absent("dana@customer.example");

	/* the same message again, with the store whole: recorded */
	p.lookups = &lk;
	p.store = NULL;
	ck_assert_int_eq(pipeline_classify(&p, data, len, NULL, &st, &e), 0);
	ck_assert(!st.lookup_failed);
	p.store = store;
	p.lookups = NULL;
	ck_assert_msg(pipeline_record(&p, &st, &res, &e) == 0, "%s", e.msg);
	ck_assert(!res.duplicate);
	pipeline_result_clear(&res);
	pipeline_staged_clear(&st);
	free(data);
}
END_TEST

START_TEST(test_init_limits)
{
	struct message_limits def;
	struct pipeline p;

	cfg->max_scan_bytes = 4096;
	pipeline_init(&p, cfg, rules, store);
	message_limits_default(&def);
	ck_assert_ptr_eq(p.cfg, cfg);
	ck_assert_ptr_eq(p.rules, rules);
	ck_assert_ptr_eq(p.store, store);
	ck_assert_uint_eq(p.limits.max_bytes, 4096);
	ck_assert_uint_eq(p.limits.max_depth, def.max_depth);
	ck_assert_uint_eq(p.limits.max_parts, def.max_parts);
}
END_TEST

START_TEST(test_enquiry_creates_customer)
{
	struct pipeline_result res;
	struct customer_detail *d;

	run(&pl, "pipe-enquiry.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_INCOMING);
	ck_assert(!res.duplicate);
	ck_assert_ptr_null(res.ignore_reason);
	ck_assert_str_eq(res.customer, "dana@customer.example");
	ck_assert_str_eq(res.category, "ok");
	ck_assert_int_eq(res.referrals, 0);
	ck_assert_str_eq(res.tags, "enquiry");
	ck_assert_int_eq(res.ntags_added, (int)res.facts->ntags);
	ck_assert_int_ge(res.ntags_added, 1);
	ck_assert_int_eq(res.nreferrals_added, 0);
	pipeline_result_clear(&res);
	ck_assert_ptr_null(res.customer);
	ck_assert_ptr_null(res.facts);

	d = shown("dana@customer.example");
	ck_assert_str_eq(d->c.name, "Dana Reyes");
	ck_assert_int_eq(d->c.messages, 1);
	ck_assert_uint_eq(d->c.tags.n, 1);
	ck_assert_str_eq(d->c.tags.v[0], "enquiry");
	customer_detail_free(d);
}
END_TEST

START_TEST(test_intro_cc_makes_referral)
{
	struct pipeline_result res;
	struct customer_detail *d;

	run(&pl, "pipe-enquiry.eml", &res);
	pipeline_result_clear(&res);
	run(&pl, "pipe-intro-cc.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_INCOMING);
	ck_assert_str_eq(res.customer, "dana@customer.example");
	ck_assert_int_eq(res.referrals, 1);
	ck_assert_int_eq(res.nreferrals_added, 1);
	ck_assert_ptr_nonnull(res.tags);
	ck_assert_ptr_nonnull(strstr(res.tags, "referrer"));
	ck_assert_uint_eq(res.facts->nreferrals, 1);
	ck_assert_str_eq(res.facts->referrals[0].referred, "lee@newco.example");
	ck_assert_str_eq(res.facts->referrals[0].how, "introduction");
	pipeline_result_clear(&res);

	d = shown("lee@newco.example");
	ck_assert_ptr_nonnull(d->c.referred_by);
	ck_assert_str_eq(d->c.referred_by, "dana@customer.example");
	ck_assert(strvec_contains(&d->c.tags, "referred"));
	customer_detail_free(d);
	d = shown("dana@customer.example");
	ck_assert_int_eq(d->c.referrals, 1);
	ck_assert_int_eq(d->c.messages, 2);
	customer_detail_free(d);
}
END_TEST

START_TEST(test_duplicate_counts_once)
{
	struct pipeline_result res;

	run(&pl, "pipe-enquiry.eml", &res);
	ck_assert(!res.duplicate);
	ck_assert(!res.known_before);	/* a first contact */
	pipeline_result_clear(&res);
	run(&pl, "pipe-enquiry.eml", &res);
	ck_assert(res.duplicate);
	ck_assert(res.known_before);
	ck_assert_int_eq(res.kind, FACTS_INCOMING);
	ck_assert_int_eq(res.ntags_added, 0);
	ck_assert_int_eq(res.nreferrals_added, 0);
	/* the header still says what the store knows */
	ck_assert_str_eq(res.customer, "dana@customer.example");
	ck_assert_str_eq(res.category, "ok");
	pipeline_result_clear(&res);
	ck_assert_int_eq(messages_of("dana@customer.example"), 1);
}
END_TEST

/* No Message-ID: the header digest is the key, so a resend is still caught. */
START_TEST(test_duplicate_without_message_id)
{
	struct pipeline_result res;

	run(&pl, "pipe-duplicate-no-id.eml", &res);
	ck_assert(!res.duplicate);
	ck_assert_str_eq(res.customer, "ola@fjord.example");
	pipeline_result_clear(&res);
	run(&pl, "pipe-duplicate-no-id.eml", &res);
	ck_assert(res.duplicate);
	pipeline_result_clear(&res);
	ck_assert_int_eq(messages_of("ola@fjord.example"), 1);
}
END_TEST

START_TEST(test_list_ignored)
{
	struct pipeline_result res;

	run(&pl, "pipe-list.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_IGNORED);
	ck_assert_ptr_nonnull(res.ignore_reason);
	ck_assert_ptr_nonnull(strstr(res.ignore_reason, "list"));
	/* a copy, not the facts' own string */
	ck_assert_ptr_ne(res.ignore_reason, res.facts->ignore_reason);
	ck_assert_ptr_null(res.customer);
	ck_assert_ptr_null(res.category);
	ck_assert_ptr_null(res.tags);
	pipeline_result_clear(&res);
	absent("editor@designweekly.example");
}
END_TEST

START_TEST(test_outgoing)
{
	struct pipeline_result res;
	struct customer_detail *d;

	run(&pl, "pipe-enquiry.eml", &res);
	pipeline_result_clear(&res);
	run(&pl, "pipe-outgoing.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_OUTGOING);
	ck_assert(!res.duplicate);
	ck_assert_ptr_null(res.customer);
	ck_assert_ptr_null(res.category);
	ck_assert_uint_eq(res.facts->npeople, 1);
	ck_assert_str_eq(res.facts->people[0].email, "dana@customer.example");
	pipeline_result_clear(&res);

	/* the owner's praise words tag nobody, and Sam is no customer */
	d = shown("dana@customer.example");
	ck_assert(!strvec_contains(&d->c.tags, "praise"));
	ck_assert_int_eq(d->c.messages, 1);
	customer_detail_free(d);
	absent("sam@brightdesk.example");
}
END_TEST

START_TEST(test_empty_message_fails)
{
	struct pipeline_result res;
	struct err e;

	e.msg[0] = '\0';
	ck_assert_int_eq(pipeline_process(&pl, "", 0, NULL, &res, &e), -1);
	ck_assert_msg(e.msg[0] != '\0', "no error message");
	/* the result is empty and safe to clear */
	ck_assert_ptr_null(res.facts);
	ck_assert_ptr_null(res.customer);
	pipeline_result_clear(&res);
}
END_TEST

/* store NULL (milter -t): classify only, tags come from the facts. */
START_TEST(test_without_store)
{
	struct pipeline p;
	struct pipeline_result res;

	pipeline_init(&p, cfg, rules, NULL);
	run(&p, "pipe-enquiry.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_INCOMING);
	ck_assert(!res.duplicate);
	ck_assert_str_eq(res.customer, "dana@customer.example");
	ck_assert_ptr_null(res.category);
	ck_assert_str_eq(res.tags, "enquiry");
	pipeline_result_clear(&res);

	run(&p, "pipe-intro-cc.eml", &res);
	ck_assert_int_eq(res.referrals, 1);
	ck_assert_ptr_nonnull(strstr(res.tags, "referrer"));
	pipeline_result_clear(&res);
	/* and nothing was written */
	absent("dana@customer.example");
}
END_TEST

/* An envelope with the null sender makes anything a bounce. */
START_TEST(test_envelope_null_sender)
{
	static const char *const rcpt[] = { "sam@brightdesk.example", NULL };
	struct envelope env = { .mail_from = "", .auth_user = NULL,
	    .rcpt = rcpt };
	struct pipeline_result res;
	struct err e;
	size_t len;
	char *data = tl_fixture("pipe-enquiry.eml", &len);

	ck_assert_int_eq(pipeline_process(&pl, data, len, &env, &res, &e), 0);
	free(data);
	ck_assert_int_eq(res.kind, FACTS_IGNORED);
	ck_assert_ptr_nonnull(res.ignore_reason);
	ck_assert_ptr_null(res.customer);
	pipeline_result_clear(&res);
}
END_TEST

/* skip_summary (ingest): recorded all the same, nothing read back. */
START_TEST(test_skip_summary)
{
	struct pipeline_result res;

	ck_assert(!pl.skip_summary);
	pl.skip_summary = true;
	run(&pl, "pipe-enquiry.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_INCOMING);
	ck_assert_str_eq(res.customer, "dana@customer.example");
	ck_assert_ptr_null(res.category);
	ck_assert_ptr_null(res.tags);
	pipeline_result_clear(&res);
	ck_assert_int_eq(messages_of("dana@customer.example"), 1);
}
END_TEST

/* A store that cannot write: -1, and the facts say the mail was understood. */
START_TEST(test_store_failure_keeps_facts)
{
	struct pipeline p;
	struct pipeline_result res;
	struct err e;
	size_t len;
	char *data;
	int rc;

	store_close(store);
	store = store_open(db, cfg, STORE_READONLY, &e);
	ck_assert_msg(store != NULL, "%s", e.msg);
	pipeline_init(&p, cfg, rules, store);
	data = tl_fixture("pipe-enquiry.eml", &len);
	e.msg[0] = '\0';
	rc = pipeline_process(&p, data, len, NULL, &res, &e);
	free(data);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(e.msg[0] != '\0', "no error message");
	ck_assert_ptr_nonnull(res.facts);
	pipeline_result_clear(&res);
}
END_TEST

/* What classify asked of the store, recorded by a table around it. */
#define ASKED_MAX 64
struct asked {
	struct classify_known store;	/* what answers */
	size_t n, distinct;
	char q[ASKED_MAX][400];		/* "kind key" of each call */
};

/* asked_note - one question; counts it once more, distinct if new */
static void
asked_note(struct asked *a, char kind, const char *key)
{
	char q[400];
	bool seen = false;

	snprintf(q, sizeof(q), "%c %s", kind, key != NULL ? key : "");
	for (size_t i = 0; i < a->n && i < ASKED_MAX; i++)
		seen = seen || strcmp(a->q[i], q) == 0;
	if (!seen)
		a->distinct++;
	if (a->n < ASKED_MAX)
		memcpy(a->q[a->n], q, sizeof(q));
	a->n++;
}

static bool
asked_name(void *ctx, const char *k, char *out, size_t outlen)
{
	struct asked *a = ctx;

	asked_note(a, 'n', k);
	return a->store.email_for_name(a->store.ctx, k, out, outlen);
}

static bool
asked_code(void *ctx, const char *k, char *out, size_t outlen)
{
	struct asked *a = ctx;

	asked_note(a, 'c', k);
	return a->store.email_for_code(a->store.ctx, k, out, outlen);
}

static bool
asked_surname(void *ctx, const char *k, char *out, size_t outlen)
{
	struct asked *a = ctx;

	asked_note(a, 's', k);
	return a->store.email_for_surname(a->store.ctx, k, out, outlen);
}

static bool
asked_customer(void *ctx, const char *k)
{
	struct asked *a = ctx;

	asked_note(a, 'u', k);
	return a->store.is_customer(a->store.ctx, k);
}

static bool
asked_list(void *ctx, const char *k)
{
	struct asked *a = ctx;

	asked_note(a, 'l', k);
	return a->store.is_list(a->store.ctx, k);
}

/* counting lock: each lookup that reaches the store takes it once */
static int locks;

static struct store *
lock_counting(void *arg)
{
	locks++;
	return arg;
}

/*
 * One message's lookups reach the store once per question: classify asks
 * whether its known sender is a customer more than once (the tag and the
 * announcement rules), the pipeline asks the store once, and the record
 * does not ask again whether the sender was known before.
 */
START_TEST(test_lookups_once_per_message)
{
	struct pipeline_lookups lk = { lock_counting, unlock_store, NULL };
	struct asked *a = calloc(1, sizeof(*a));
	struct pipeline_staged st;
	struct pipeline_result res;
	struct classify_known known;
	struct message *m;
	struct facts *f;
	struct pipeline p;
	struct err e;
	size_t len;
	char *data = tl_fixture("pipe-intro-cc.eml", &len);

	ck_assert_ptr_nonnull(a);
	run(&pl, "pipe-intro-cc.eml", &res);	/* Dana is known from here */
	pipeline_result_clear(&res);

	/* what classify asks, each time it asks */
	m = message_parse(data, len, &pl.limits, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	a->store = store_known(store);
	known = (struct classify_known){ .ctx = a,
	    .email_for_name = asked_name, .email_for_code = asked_code,
	    .is_customer = asked_customer, .email_for_surname = asked_surname,
	    .is_list = asked_list };
	f = classify(m, NULL, cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	facts_free(f);
	message_free(m);
	ck_assert_int_le(a->n, ASKED_MAX);
	ck_assert_msg(a->distinct < a->n,
	    "the fixture no longer asks anything twice (%zu questions)", a->n);

	/* the milter's way: each lookup takes the store's lock */
	locks = 0;
	lk.arg = store;
	pipeline_init(&p, cfg, rules, NULL);
	p.lookups = &lk;
	ck_assert_int_eq(pipeline_classify(&p, data, len, NULL, &st, &e), 0);
	ck_assert_int_eq(locks, (int)a->distinct);
	ck_assert(st.sender_known);
	p.store = store;
	p.lookups = NULL;
	ck_assert_msg(pipeline_record(&p, &st, &res, &e) == 0, "%s", e.msg);
	ck_assert(res.known_before);
	ck_assert(res.duplicate);
	pipeline_result_clear(&res);
	pipeline_staged_clear(&st);
	free(data);
	free(a);
}
END_TEST

/* tags_are - the tags f gives email, but enquiry, space-separated */
static void
tags_are(const struct facts *f, const char *email, const char *want)
{
	char got[256] = "";
	size_t n = 0;

	for (size_t i = 0; i < f->ntags && n < sizeof(got); i++)
		if (strcmp(f->tags[i].email, email) == 0 &&
		    strcmp(f->tags[i].tag, "enquiry") != 0)
			n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s",
			    n ? " " : "", f->tags[i].tag);
	ck_assert_str_eq(got, want);
}

/*
 * The owner's price passes through (ingest or the milter: one pipeline)
 * and is kept; a reply that answers it without quoting ("£1,350?! ...
 * a bunch of crooks") is then read against it, through either door: a
 * quarrel over the price, rude and no complaint.  Without the owner's
 * mail in the store the same reply complains too.
 */
START_TEST(test_reply_reads_owner_said)
{
	struct pipeline_lookups lk = { lock_counting, unlock_store, store };
	struct pipeline_result res;
	struct pipeline_staged st;
	struct pipeline p;
	struct err e;
	size_t len;
	char *data = tl_fixture("pipe-reply-price-unquoted.eml", &len);

	pipeline_init(&p, cfg, rules, NULL);
	ck_assert_int_eq(pipeline_process(&p, data, len, NULL, &res, &e), 0);
	tags_are(res.facts, "rita@vance.example", "rude complaint");
	pipeline_result_clear(&res);

	run(&pl, "pipe-owner-price.eml", &res);
	ck_assert_int_eq(res.kind, FACTS_OUTGOING);
	ck_assert(res.facts->said.cents == 135000 && !res.facts->said.bill);
	pipeline_result_clear(&res);

	/* the milter's way: classified with the lookups under the lock */
	p.lookups = &lk;
	ck_assert_int_eq(pipeline_classify(&p, data, len, NULL, &st, &e), 0);
	tags_are(st.facts, "rita@vance.example", "rude");
	pipeline_staged_clear(&st);

	/* ingest's way, recorded */
	run(&pl, "pipe-reply-price-unquoted.eml", &res);
	tags_are(res.facts, "rita@vance.example", "rude");
	pipeline_result_clear(&res);
	free(data);
}
END_TEST

START_TEST(test_clear_accepts_null_and_twice)
{
	struct pipeline_result res;

	memset(&res, 0, sizeof(res));
	pipeline_result_clear(&res);
	pipeline_result_clear(&res);
	pipeline_result_clear(NULL);
	ck_assert_ptr_null(res.facts);
}
END_TEST

TL_SUITE_AROUND(pipeline, setup, teardown, 0, test_init_limits, 0,
    test_enquiry_creates_customer, 0, test_intro_cc_makes_referral, 0,
    test_duplicate_counts_once, 0, test_duplicate_without_message_id, 0,
    test_list_ignored, 0, test_outgoing, 0, test_empty_message_fails, 0,
    test_without_store, 0, test_envelope_null_sender, 0, test_skip_summary, 0,
    test_store_failure_keeps_facts, 0, test_clear_accepts_null_and_twice, 0,
    test_locked_lookup_failure, 0, test_lookups_once_per_message, 0,
    test_reply_reads_owner_said, 0)
