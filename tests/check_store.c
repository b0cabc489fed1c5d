/*
 * check_store - the store: applying facts, reports and edits.
 *
 * Every test gets a fresh store (testlib: a SQLite file in /tmp, or
 * CLIENTELE_TEST_DATABASE emptied) and builds facts by hand, so no parser
 * or classifier is involved.  A second store opened on the same database
 * reads it where a test needs to look behind the API (store_test.h).  The
 * tests of SQLite files as such (foreign files, old schemas) use a raw
 * connection (testlib_sqlite.h) and are skipped on another backend.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify/category.h"
#include "store/store.h"
#include "store/store_ideal.h"
#include "store/store_test.h"
#include "testlib.h"
#include "testlib_sqlite.h"

TL_STORE_FIXTURE("store")

/* side_int - one integer from the database through a separate store */
static long long
side_int(const char *sql)
{
	return tl_side_int(db_path, sql);
}


/* apply - one message's facts; returns whether it was a duplicate */
static bool
apply(enum facts_kind kind, const char *key, time_t date,
    struct fact_person *people, size_t np, struct fact_tag *tags, size_t nt,
    struct fact_referral *refs, size_t nr)
{
	return tl_apply(S, kind, key, "hello", date, people, np, tags, nt,
	    refs, nr);
}

/* wrote - `email` (named `name`) sent message key at date, with one optional tag */
static void
wrote(const char *key, const char *email, const char *name, time_t date,
    const char *tag)
{
	tl_wrote(S, key, email, name, date, tag);
}

/* referred - `referred` wrote message key, crediting referrer (NULL: by name only) */
static void
referred(const char *key, const char *who, const char *referrer,
    const char *referrer_name, const char *how)
{
	struct fact_person p[] = { { (char *)who, NULL, true } };
	struct fact_referral r[] = { { (char *)referrer,
	    (char *)referrer_name, (char *)who, (char *)how,
	    (char *)"they sent me your way" } };

	apply(FACTS_INCOMING, key, 1000, p, 1, NULL, 0, r, 1);
}

/* show - the detail of email, which must exist; caller frees */
static struct customer_detail *
show(const char *email)
{
	struct customer_detail *d = NULL;
	struct err e = { "" };
	int rc = store_show(S, email, &d, &e);

	ck_assert_msg(rc == 1, "show %s: %d %s", email, rc, e.msg);
	return d;
}

static bool
has_tag(const struct customer *c, const char *tag)
{
	return strvec_contains(&c->tags, tag);
}

START_TEST(test_idempotent)
{
	struct customer_detail *d;

	ck_assert(!apply(FACTS_INCOMING, "<a@x>", 1000,
	    (struct fact_person[]){ { "ann@example.com", "Ann", true } }, 1,
	    NULL, 0, NULL, 0));
	ck_assert(apply(FACTS_INCOMING, "<a@x>", 1000,
	    (struct fact_person[]){ { "ann@example.com", "Ann", true } }, 1,
	    NULL, 0, NULL, 0));
	d = show("ANN@example.com");
	ck_assert_int_eq(d->c.messages, 1);
	ck_assert_str_eq(d->c.email, "ann@example.com");
	ck_assert_str_eq(d->c.name, "Ann");
	ck_assert_str_eq(d->c.category, "ok");
	ck_assert_str_eq(d->c.reasons.v[0], "no strong signals yet");
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events WHERE kind = 'new'"),
	    1);
}
END_TEST

START_TEST(test_first_referrer_wins)
{
	struct customer_detail *d;

	referred("<1@x>", "carol@example.com", "alice@example.com", "Alice",
	    "address");
	referred("<2@x>", "carol@example.com", "bob@example.com", "Bob",
	    "address");
	d = show("carol@example.com");
	ck_assert_str_eq(d->c.referred_by, "alice@example.com");
	ck_assert(has_tag(&d->c, "referred"));
	customer_detail_free(d);
	d = show("alice@example.com");
	ck_assert_int_eq(d->c.referrals, 1);
	ck_assert(has_tag(&d->c, "referrer"));
	ck_assert_str_eq(d->c.category, "good");
	ck_assert_str_eq(d->c.reasons.v[0], "made 1 referral");
	ck_assert_uint_eq(d->referred.n, 1);
	ck_assert_str_eq(d->referred.v[0], "carol@example.com");
	customer_detail_free(d);
	d = show("bob@example.com");
	ck_assert_int_eq(d->c.referrals, 0);
	ck_assert(!has_tag(&d->c, "referrer"));
	customer_detail_free(d);
}
END_TEST

START_TEST(test_no_self_referral)
{
	struct customer_detail *d;

	referred("<1@x>", "carol@example.com", "Carol@Example.com", "Carol",
	    "address");
	d = show("carol@example.com");
	ck_assert_ptr_null(d->c.referred_by);
	ck_assert_int_eq(d->c.referrals, 0);
	ck_assert(!has_tag(&d->c, "referred"));
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM referrals"), 0);
}
END_TEST

START_TEST(test_pending_linked)
{
	struct customer_detail *d;

	referred("<1@x>", "erin@example.com", NULL, "Dana  Reyes", "pending");
	d = show("erin@example.com");
	ck_assert_ptr_null(d->c.referred_by);
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM pending"), 1);
	wrote("<2@x>", "dana@example.com", "dana reyes", 2000, NULL);
	d = show("erin@example.com");
	ck_assert_ptr_nonnull(d->c.referred_by);
	ck_assert_str_eq(d->c.referred_by, "dana@example.com");
	customer_detail_free(d);
	d = show("dana@example.com");
	ck_assert_int_eq(d->c.referrals, 1);
	ck_assert_str_eq(d->c.category, "good");
	ck_assert_str_eq(d->ev[0].kind, "referral");
	ck_assert_str_eq(d->ev[0].how, "pending");
	ck_assert_str_eq(d->ev[0].text, "they sent me your way");
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM pending"), 0);
	/* a later namesake does not take the credit */
	wrote("<3@x>", "dana2@example.com", "Dana Reyes", 3000, NULL);
	d = show("dana2@example.com");
	ck_assert_int_eq(d->c.referrals, 0);
	customer_detail_free(d);
}
END_TEST

/*
 * A pending name links when its person first writes, however either side
 * wrote the name; a bare first name, or an address two pending names
 * could spell, links nobody.
 */
static const struct {
	const char *mentioned;	/* the name in the referral */
	const char *email;	/* who writes later */
	const char *name;	/* their display name, or NULL */
	bool linked;
} pending_cases[] = {
	{ "Dana Reyes", "d@example.com", "Reyes, Dana", true },
	{ "Dana Reyes", "d@example.com", "REYES Dana", true },
	{ "Zo\xc3\xab M\xc3\xbcller", "z@example.com", "Zoe Muller", true },
	{ "Ana Ruiz", "a@example.com", "Ana Bel\xc3\xa9n Ruiz", true },
	{ "Ana B. Ruiz", "a@example.com", "Ana Ruiz", true },
	{ "Mar\xc3\xad" "a Garc\xc3\xad" "a", "m@example.com",
	    "Mar\xc3\xad" "a Garc\xc3\xad" "a L\xc3\xb3pez", true },
	{ "Mrs Dana Reyes", "d@example.com", "Dana Reyes", true },
	{ "Dana Reyes", "dana.reyes@example.com", NULL, true },
	{ "Dana Reyes", "reyes_dana@example.com", NULL, true },
	{ "Dana Reyes", "dreyes@example.com", NULL, true },
	{ "Dana Reyes", "dreyes@example.com", "Dana", true },
	{ "Dana Reyes", "dreyes@example.com", "Dora", false },
	{ "Dana Reyes", "dana@example.com", "Dana", false },
	{ "Dana Reyes", "d@example.com", "Dana Rees", false },
	{ "Dana", "d@example.com", "Dana Reyes", false },
};

START_TEST(test_pending_flexible)
{
	struct customer_detail *d;

	referred("<1@x>", "erin@example.com", NULL, pending_cases[_i].mentioned,
	    "pending");
	wrote("<2@x>", pending_cases[_i].email, pending_cases[_i].name, 2000,
	    NULL);
	d = show("erin@example.com");
	if (pending_cases[_i].linked) {
		ck_assert_msg(d->c.referred_by != NULL, "%s / %s <%s>: not linked",
		    pending_cases[_i].mentioned, pending_cases[_i].name,
		    pending_cases[_i].email);
		ck_assert_str_eq(d->c.referred_by, pending_cases[_i].email);
	} else {
		ck_assert_msg(d->c.referred_by == NULL, "%s / %s <%s>: linked",
		    pending_cases[_i].mentioned, pending_cases[_i].name,
		    pending_cases[_i].email);
	}
	customer_detail_free(d);
}
END_TEST

/* "dreyes@" with two pending Reyes whose initial is d: nobody */
START_TEST(test_pending_local_ambiguous)
{
	struct customer_detail *d;

	referred("<1@x>", "erin@example.com", NULL, "Dana Reyes", "pending");
	referred("<2@x>", "fay@example.com", NULL, "Dora Reyes", "pending");
	wrote("<3@x>", "dreyes@example.com", NULL, 2000, NULL);
	d = show("erin@example.com");
	ck_assert_ptr_null(d->c.referred_by);
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM pending"), 2);
}
END_TEST

START_TEST(test_outgoing_last_seen_only)
{
	struct fact_person to[] = { { "frank@example.com", "Someone Else",
	    false } };
	struct fact_tag rude[] = { { "frank@example.com", "rude", "x" } };
	struct fact_referral r[] = { { "owner@example.com", NULL,
	    "frank@example.com", "introduction", "x" } };
	struct customer_detail *d;

	wrote("<1@x>", "frank@example.com", "Frank", 1000, "praise");
	apply(FACTS_OUTGOING, "<2@x>", 5000, to, 1, rude, 1, r, 1);
	apply(FACTS_OUTGOING, "<3@x>", 500, to, 1, NULL, 0, NULL, 0);
	d = show("frank@example.com");
	ck_assert_int_eq(d->c.messages, 1);
	ck_assert_int_eq(d->c.first_seen, 1000);
	ck_assert_int_eq(d->c.last_seen, 5000);
	ck_assert_str_eq(d->c.name, "Frank");
	ck_assert_uint_eq(d->c.tags.n, 1);
	ck_assert_str_eq(d->c.tags.v[0], "praise");
	ck_assert_ptr_null(d->c.referred_by);
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"), 1);
}
END_TEST

START_TEST(test_tags_per_message)
{
	struct fact_person p[] = { { "gus@example.com", "Gus", true } };
	struct fact_tag twice[] = {
		{ "gus@example.com", "rude", "first rude sentence" },
		{ "gus@example.com", "rude", "second rude sentence" },
	};
	struct customer_list l = { 0 };
	struct customer_detail *d;
	struct err e = { "" };

	apply(FACTS_INCOMING, "<1@x>", 1000, p, 1, twice, 2, NULL, 0);
	ck_assert_int_eq(side_int("SELECT count FROM tags WHERE tag = 'rude'"),
	    1);
	wrote("<2@x>", "gus@example.com", "Gus", 2000, "rude");
	d = show("gus@example.com");
	ck_assert_str_eq(d->c.category, "bad");
	ck_assert_str_eq(d->c.reasons.v[0], "rude in 2 messages");
	ck_assert_uint_eq(d->nev, 2);
	ck_assert_str_eq(d->ev[0].label, "rude");
	ck_assert_str_eq(d->ev[0].text, "first rude sentence");
	customer_detail_free(d);
	wrote("<3@x>", "hal@example.com", "Hal", 2000, "haggler");
	wrote("<4@x>", "ida@example.com", "Ida", 2000, "praise");
	ck_assert_int_eq(store_problems(S, &l, &e), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0].email, "gus@example.com");
	ck_assert_str_eq(l.v[1].email, "hal@example.com");
	customer_list_free(&l);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events WHERE kind = 'tag'"),
	    3);
}
END_TEST

START_TEST(test_category_changes)
{
	struct customer_detail *d;

	wrote("<1@x>", "jo@example.com", "Jo", 1000, "praise");
	wrote("<2@x>", "jo@example.com", "Jo", 1001, "praise");
	d = show("jo@example.com");
	ck_assert_str_eq(d->c.category, "ok");
	customer_detail_free(d);
	wrote("<3@x>", "jo@example.com", "Jo", 1002, "praise");
	d = show("jo@example.com");
	ck_assert_str_eq(d->c.category, "good");
	ck_assert_uint_eq(d->c.reasons.n, 1);
	ck_assert_str_eq(d->c.reasons.v[0], "praised the work in 3 messages");
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events"
	    " WHERE kind = 'category' AND detail LIKE 'ok -> good%'"), 1);
	/* events carry the message's date, so backfilled mail stays in the past */
	ck_assert_int_eq(side_int("SELECT at FROM events"
	    " WHERE kind = 'category'"), 1002);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events WHERE kind ="
	    " 'new' AND detail = 'first message: hello' AND at = 1000"), 1);
}
END_TEST

START_TEST(test_manual_category)
{
	struct customer_detail *d;
	struct err e = { "" };

	wrote("<1@x>", "kim@example.com", "Kim", 1000, "praise");
	ck_assert_int_eq(store_categorize(S, "KIM@example.com", "bad", &e), 1);
	wrote("<2@x>", "kim@example.com", "Kim", 1001, "praise");
	wrote("<3@x>", "kim@example.com", "Kim", 1002, "praise");
	d = show("kim@example.com");
	ck_assert_str_eq(d->c.category, "bad");
	ck_assert(d->c.category_manual);
	ck_assert_str_eq(d->c.reasons.v[0], "set by the owner");
	customer_detail_free(d);
	ck_assert_int_eq(store_categorize(S, "kim@example.com", NULL, &e), 1);
	d = show("kim@example.com");
	ck_assert_str_eq(d->c.category, "good");
	ck_assert(!d->c.category_manual);
	customer_detail_free(d);
	ck_assert_int_eq(store_categorize(S, "nobody@example.com", "ok", &e),
	    0);
	ck_assert_int_eq(store_categorize(S, "kim@example.com", "great", &e),
	    -1);
	ck_assert_int_eq(store_tag(S, "nobody@example.com", "vip", true, &e),
	    0);
}
END_TEST

START_TEST(test_manual_tags)
{
	struct customer_detail *d;
	struct customer_list l = { 0 };
	struct customer_filter f = { NULL, "slow-payer", NULL };
	struct err e = { "" };

	wrote("<1@x>", "lee@example.com", "Lee", 1000, "complaint");
	ck_assert_int_eq(store_tag(S, "lee@example.com", "slow-payer", true,
	    &e), 1);
	ck_assert_int_eq(store_tag(S, "lee@example.com", "complaint", true,
	    &e), 1);
	d = show("lee@example.com");
	ck_assert_uint_eq(d->c.tags.n, 2);
	ck_assert_str_eq(d->c.tags.v[0], "complaint");
	ck_assert_str_eq(d->c.tags.v[1], "slow-payer");
	ck_assert_str_eq(d->c.category, "bad");	/* -2 -2 */
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count FROM tags WHERE tag ="
	    " 'complaint'"), 1);
	ck_assert_int_eq(store_customers(S, &f, &l, &e), 0);
	ck_assert_uint_eq(l.n, 1);
	customer_list_free(&l);
	ck_assert_int_eq(store_tag(S, "lee@example.com", "slow-payer", false,
	    &e), 1);
	d = show("lee@example.com");
	ck_assert_uint_eq(d->c.tags.n, 1);
	ck_assert_str_eq(d->c.category, "ok");
	customer_detail_free(d);
	ck_assert_int_eq(store_customers(S, &f, &l, &e), 0);
	ck_assert_uint_eq(l.n, 0);
	customer_list_free(&l);
}
END_TEST

START_TEST(test_merge)
{
	struct customer_detail *d;
	struct err e = { "" };
	char *code = NULL, *code2 = NULL;
	const char *unknown = NULL;

	wrote("<1@x>", "amy@example.com", "Amy", 1000, "praise");
	wrote("<2@x>", "amy@work.example", NULL, 500, "praise");
	wrote("<3@x>", "amy@work.example", NULL, 3000, "praise");
	referred("<4@x>", "ben@example.com", "amy@work.example", NULL,
	    "address");
	referred("<5@x>", "amy@work.example", "cat@example.com", NULL,
	    "address");
	referred("<6@x>", "amy@example.com", "amy@work.example", NULL,
	    "address");
	ck_assert_int_eq(store_code(S, "amy@work.example", &code, &e), 1);
	ck_assert_int_eq(store_merge(S, "amy@example.com", "AMY@work.example",
	    NULL, &e), 1);
	d = show("amy@work.example");
	ck_assert_str_eq(d->c.email, "amy@example.com");
	ck_assert_str_eq(d->c.name, "Amy");
	ck_assert_int_eq(d->c.messages, 5);
	ck_assert_int_eq(d->c.first_seen, 500);
	ck_assert_int_eq(d->c.last_seen, 3000);
	ck_assert_uint_eq(d->addresses.n, 2);
	ck_assert_str_eq(d->addresses.v[0], "amy@example.com");
	ck_assert_int_eq(d->c.referrals, 1);		/* ben only, not herself */
	ck_assert_str_eq(d->c.referred_by, "cat@example.com");
	ck_assert_str_eq(d->code, code);
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count FROM tags WHERE tag = 'praise'"),
	    3);
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"), 3);
	ck_assert_int_eq(store_code(S, "amy@example.com", &code2, &e), 1);
	ck_assert_str_eq(code2, code);
	ck_assert_int_eq(store_merge(S, "amy@example.com", "who@example.com",
	    &unknown, &e), 0);
	ck_assert_str_eq(unknown, "who@example.com");
	ck_assert_int_eq(store_merge(S, "who@example.com", "amy@example.com",
	    &unknown, &e), 0);
	ck_assert_str_eq(unknown, "who@example.com");
	ck_assert_int_eq(store_merge(S, "amy@example.com", "amy@example.com",
	    &unknown, &e), 1);
	ck_assert_ptr_null(unknown);
	free(code);
	free(code2);
}
END_TEST

START_TEST(test_forget)
{
	struct customer_detail *d = NULL;
	struct err e = { "" };

	referred("<1@x>", "bob@example.com", "alice@example.com", NULL,
	    "address");
	referred("<2@x>", "carl@example.com", "alice@example.com", NULL,
	    "address");
	referred("<3@x>", "alice@example.com", "dave@example.com", NULL,
	    "address");
	wrote("<4@x>", "alice@example.com", "Alice", 1000, "praise");
	d = show("dave@example.com");
	ck_assert_str_eq(d->c.category, "good");
	customer_detail_free(d);
	ck_assert_int_eq(store_forget(S, "Alice@example.com", &e), 1);
	ck_assert_int_eq(store_show(S, "alice@example.com", &d, &e), 0);
	ck_assert_ptr_null(d);
	d = show("bob@example.com");
	ck_assert_ptr_null(d->c.referred_by);
	ck_assert(!has_tag(&d->c, "referred"));
	customer_detail_free(d);
	d = show("dave@example.com");
	ck_assert_int_eq(d->c.referrals, 0);
	ck_assert(!has_tag(&d->c, "referrer"));
	ck_assert_str_eq(d->c.category, "ok");
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events"
	    " WHERE detail LIKE '%alice%'"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM addresses"
	    " WHERE email LIKE 'alice%'"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM messages"
	    " WHERE key = '<4@x>'"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM referrals"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM tags t WHERE NOT EXISTS"
	    " (SELECT 1 FROM customers c WHERE c.id = t.customer_id)"), 0);
	ck_assert_int_eq(store_forget(S, "alice@example.com", &e), 0);
}
END_TEST

START_TEST(test_code_stable)
{
	struct classify_known k = store_known(S);
	struct err e = { "" };
	char *a = NULL, *b = NULL, *c = NULL, out[128];

	wrote("<1@x>", "max@example.com", "Max", 1000, NULL);
	wrote("<2@x>", "ned@example.com", "Ned", 1000, NULL);
	ck_assert_int_eq(store_code(S, "max@example.com", &a, &e), 1);
	ck_assert_int_eq(store_code(S, "MAX@example.com", &b, &e), 1);
	ck_assert_int_eq(store_code(S, "ned@example.com", &c, &e), 1);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_uint_eq(strlen(a), 8);
	ck_assert_uint_eq(strspn(a, "23456789abcdefghjkmnpqrstuvwxyz"), 8);
	ck_assert(k.email_for_code(k.ctx, a, out, sizeof(out)));
	ck_assert_str_eq(out, "max@example.com");
	ck_assert(!k.email_for_code(k.ctx, "zzzzzzzz", out, sizeof(out)));
	free(a);
	free(b);
	free(c);
	ck_assert_int_eq(store_code(S, "nobody@example.com", &b, &e), 0);
	ck_assert_ptr_null(b);
}
END_TEST

START_TEST(test_known_lookups)
{
	struct classify_known k = store_known(S);
	char out[128], tiny[4];

	wrote("<1@x>", "dana@home.example", "Dana Reyes", 1000, NULL);
	wrote("<2@x>", "dana@work.example", "Dana Reyes", 1000, NULL);
	wrote("<3@x>", "dana@work.example", "Dana Reyes", 1001, NULL);
	ck_assert(k.email_for_name(k.ctx, "dana REYES", out, sizeof(out)));
	ck_assert_str_eq(out, "dana@work.example");
	ck_assert(!k.email_for_name(k.ctx, "Dana", out, sizeof(out)));
	ck_assert(!k.email_for_name(k.ctx, "Dana Reyes", tiny, sizeof(tiny)));
	ck_assert(k.is_customer(k.ctx, "DANA@home.example"));
	ck_assert(!k.is_customer(k.ctx, "dana@elsewhere.example"));
}
END_TEST

/* A mentioned name finds the one person who answers to its key. */
START_TEST(test_known_by_key)
{
	struct classify_known k = store_known(S);
	char out[128];

	wrote("<1@x>", "dana@reyes.example", "Reyes, Dana", 1000, NULL);
	wrote("<2@x>", "kai.berger@example.de", NULL, 1000, NULL);
	wrote("<3@x>", "ana@ruiz.example", "Ana Bel\xc3\xa9n RUIZ", 1000, NULL);
	wrote("<4@x>", "lee@one.example", "Lee Park", 1000, NULL);
	wrote("<5@x>", "lee@two.example", "Lee J. Park", 1000, NULL);
	ck_assert(k.email_for_name(k.ctx, "Dana Reyes", out, sizeof(out)));
	ck_assert_str_eq(out, "dana@reyes.example");
	ck_assert(k.email_for_name(k.ctx, "Kai Berger", out, sizeof(out)));
	ck_assert_str_eq(out, "kai.berger@example.de");
	ck_assert(k.email_for_name(k.ctx, "Ana Ruiz", out, sizeof(out)));
	ck_assert_str_eq(out, "ana@ruiz.example");
	/* the exact name first; a key two people answer to is nobody's */
	ck_assert(k.email_for_name(k.ctx, "Lee Park", out, sizeof(out)));
	ck_assert_str_eq(out, "lee@one.example");
	ck_assert(!k.email_for_name(k.ctx, "Lee Q. Park", out, sizeof(out)));
	ck_assert(!k.email_for_name(k.ctx, "Reyes", out, sizeof(out)));
	ck_assert(!k.email_for_name(k.ctx, "Dora Reyes", out, sizeof(out)));
}
END_TEST

/*
 * A lookup the database cannot answer is an error, not "unknown": classify
 * hears "unknown", and the message it classified is not recorded from
 * those facts (store_apply fails with the lookup's error), so the milter
 * spools it and ingest reports it.  The next message starts clean.
 */
START_TEST(test_known_lookup_error)
{
	struct fact_person p[] = { { (char *)"ann@example.com", NULL, true } };
	struct facts f = { .kind = FACTS_INCOMING, .key = (char *)"<2@x>",
		.subject = (char *)"hi", .date = 2000, .people = p,
		.npeople = 1 };
	struct classify_known k;
	struct err e = { "" };
	char out[128];
	bool dup = true;

	wrote("<1@x>", "dana@home.example", "Dana Reyes", 1000, NULL);
	ck_assert_int_eq(store_debug_exec(S,
	    "ALTER TABLE customers RENAME TO customers_away", &e), 0);
	k = store_known(S);
	ck_assert(!k.email_for_name(k.ctx, "Dana Reyes", out, sizeof(out)));
	ck_assert_int_eq(store_debug_exec(S,
	    "ALTER TABLE customers_away RENAME TO customers", &e), 0);
	/* the table is back, but the facts were made without it */
	ck_assert(k.email_for_name(k.ctx, "Dana Reyes", out, sizeof(out)));
	e.msg[0] = '\0';
	ck_assert_int_eq(store_apply(S, &f, &dup, &e), -1);
	ck_assert_msg(strstr(e.msg, "lookup") != NULL, "error: %s", e.msg);
	ck_assert(!dup);
	ck_assert_int_eq(side_int("SELECT count(*) FROM messages"), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM addresses"
	    " WHERE email = 'ann@example.com'"), 0);
	/* reported once: the same facts again (or the next message) apply */
	k = store_known(S);
	ck_assert(k.is_customer(k.ctx, "dana@home.example"));
	ck_assert_int_eq(store_apply(S, &f, &dup, &e), 0);
	ck_assert(!dup);
	ck_assert_int_eq(side_int("SELECT count(*) FROM messages"), 2);

	/* an address lookup fails the same way */
	ck_assert_int_eq(store_debug_exec(S,
	    "ALTER TABLE addresses RENAME TO addresses_away", &e), 0);
	k = store_known(S);
	ck_assert(!k.is_customer(k.ctx, "dana@home.example"));
	ck_assert_int_eq(store_debug_exec(S,
	    "ALTER TABLE addresses_away RENAME TO addresses", &e), 0);
	f.key = (char *)"<3@x>";
	ck_assert_int_eq(store_apply(S, &f, &dup, &e), -1);
	ck_assert_msg(strstr(e.msg, "lookup") != NULL, "error: %s", e.msg);
	ck_assert_int_eq(side_int("SELECT count(*) FROM messages"), 2);
}
END_TEST

START_TEST(test_hostile_names)
{
	static const char bobby[] = "Robert'); DROP TABLE customers;--";
	struct classify_known k = store_known(S);
	struct customer_detail *d;
	struct customer_filter f = { "ok'; --", NULL, NULL };
	struct customer_list l = { 0 };
	struct err e = { "" };
	char out[128];

	wrote("<'); DELETE FROM messages;--@x>", "bobby@example.com", bobby,
	    1000, "x'); DROP TABLE tags;--");
	d = show("bobby@example.com");
	ck_assert_str_eq(d->c.name, bobby);
	ck_assert_str_eq(d->c.tags.v[0], "x'); DROP TABLE tags;--");
	customer_detail_free(d);
	ck_assert(k.email_for_name(k.ctx, bobby, out, sizeof(out)));
	ck_assert_int_eq(store_customers(S, &f, &l, &e), 0);
	ck_assert_uint_eq(l.n, 0);
	customer_list_free(&l);
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM messages"), 1);
}
END_TEST

/* foreign_db - a SQLite file made by someone else with `sql` */
static void
foreign_db(const char *path, const char *sql)
{
	tl_db_remove(path);
	tl_sqlite_exec(path, sql);
}

START_TEST(test_refuse_foreign)
{
	char path[] = "/tmp/clientele-foreign-XXXXXX", junk[4096];
	struct err e = { "" };
	struct stat sb;
	int fd;

	if (tl_sqlite_only("SQLite files made by other programs"))
		return;
	tl_mkstemp(path);
	tl_write_file(path, "Key value\nthis is not a database at all\n");
	ck_assert_ptr_null(store_open(path, cfg, STORE_CREATE, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "not a SQLite database"));
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_size, 40);

	foreign_db(path, "CREATE TABLE photos(id INTEGER, title TEXT);");
	ck_assert_ptr_null(store_open(path, cfg, STORE_CREATE, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "another application"));
	ck_assert_int_eq(tl_sqlite_int(path, "SELECT count(*) FROM"
	    " sqlite_schema"), 1);	/* untouched */

	foreign_db(path, "PRAGMA application_id = 1234;");
	ck_assert_ptr_null(store_open(path, cfg, STORE_CREATE, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "another application"));

	foreign_db(path, "PRAGMA application_id = 1131179636;"
	    " PRAGMA user_version = 99;");
	ck_assert_ptr_null(store_open(path, cfg, STORE_CREATE, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "newer"));

	/* a SQLite header followed by garbage */
	memset(junk, 'j', sizeof(junk));
	memcpy(junk, "SQLite format 3", 16);
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, junk, sizeof(junk)), (ssize_t)sizeof(junk));
	close(fd);
	ck_assert_ptr_null(store_open(path, cfg, 0, &e));
	tl_db_remove(path);
}
END_TEST

/* side_exec - run sql on the database through a raw SQLite connection */
static void
side_exec(const char *sql)
{
	tl_sqlite_exec(db_path, sql);
}

/*
 * A store written by the first schema: build one with the API, take away
 * what version 2 added, and check that opening it again rebuilds the
 * counts from the data and that the triggers keep them current after.
 */
START_TEST(test_migrate_v1)
{
	struct err e = { "" };

	if (tl_sqlite_only("SQLite's schema migrations from version 1"))
		return;
	referred("m1", "bob@b.example", "alice@a.example", NULL, "mention");
	referred("m2", "carol@c.example", "alice@a.example", NULL, "mention");
	wrote("m3", "dave@d.example", "Dave", 1000, "rude");
	wrote("m4", "dave@d.example", "Dave", 1100, "rude");
	store_close(S);
	S = NULL;
	side_exec("BEGIN;"
	    " DROP TRIGGER customers_count_insert;"
	    " DROP TRIGGER customers_count_delete;"
	    " DROP TRIGGER customers_count_update;"
	    " DROP TRIGGER referrals_made_insert;"
	    " DROP TRIGGER referrals_made_delete;"
	    " DROP TRIGGER referrals_made_update;"
	    " DROP INDEX customers_referrals;"
	    " DROP TABLE category_counts;"
	    " ALTER TABLE customers DROP COLUMN referrals_made;"
	    /* and what version 3 added */
	    " DROP TABLE notes; DROP TABLE ignores; DROP TABLE tombstones;"
	    " DROP TABLE tombstone_salt;"
	    " ALTER TABLE customers DROP COLUMN referral_manual;"
	    " ALTER TABLE messages DROP COLUMN subject;"
	    " ALTER TABLE messages DROP COLUMN arrived;"
	    " ALTER TABLE messages DROP COLUMN facts;"
	    /* and what version 4 added */
	    " DROP TABLE digests;"
	    /* and what version 5 added */
	    " DROP INDEX customers_enquiry;"
	    " DROP TABLE sent;"
	    " DROP TABLE lists;"
	    " ALTER TABLE customers DROP COLUMN customer;"
	    " ALTER TABLE customers DROP COLUMN unverified;"
	    " ALTER TABLE customers DROP COLUMN enquiry_subject;"
	    " ALTER TABLE customers DROP COLUMN enquiry_at;"
	    " ALTER TABLE customers DROP COLUMN answered_at;"
	    /* and what version 6 added */
	    " DROP TABLE signs;"
	    /* and what version 8 added */
	    " DROP TABLE announced;"
	    " PRAGMA user_version = 1;"
	    " COMMIT;");
	ck_assert_int_eq(tl_sqlite_int(db_path, "PRAGMA user_version"), 1);

	/* reports only read: they ask for an upgrade and change nothing */
	ck_assert_ptr_null(store_open(db_path, cfg, STORE_READONLY, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "needs an upgrade"));
	ck_assert_int_eq(tl_sqlite_int(db_path, "PRAGMA user_version"), 1);

	S = store_open(db_path, cfg, 0, &e);
	ck_assert_msg(S != NULL, "reopen: %s", e.msg);
	/* every later step ran too */
	ck_assert_int_ge(side_int("PRAGMA user_version"), 4);
	ck_assert_int_eq(side_int("SELECT count(*) FROM tombstone_salt"
	    " WHERE length(value) = 32"), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM digests"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM signs"), 0);
	ck_assert_int_eq(side_int("SELECT referrals_made FROM customers"
	    " WHERE email = 'alice@a.example'"), 2);
	ck_assert_int_eq(side_int("SELECT sum(n) FROM category_counts"),
	    side_int("SELECT count(*) FROM customers"));
	ck_assert_int_eq(side_int("SELECT n FROM category_counts"
	    " WHERE category = 'bad'"), 1);

	/* the triggers take it from there */
	referred("m5", "erin@e.example", "alice@a.example", NULL, "mention");
	ck_assert_int_eq(side_int("SELECT referrals_made FROM customers"
	    " WHERE email = 'alice@a.example'"), 3);
	ck_assert_int_eq(side_int("SELECT sum(n) FROM category_counts"), 5);
	ck_assert_int_eq(store_forget(S, "dave@d.example", &e), 1);
	ck_assert_int_eq(side_int("SELECT n FROM category_counts"
	    " WHERE category = 'bad'"), 0);
	ck_assert_int_eq(side_int("SELECT sum(n) FROM category_counts"), 4);
}
END_TEST

START_TEST(test_create_and_migrate)
{
	char path[] = "/tmp/clientele-new-XXXXXX";
	struct err e = { "" };
	struct store *s2;
	struct stat sb;
	char saved[sizeof(db_path)];

	if (tl_sqlite_only("a SQLite file's creation, mode and schema"))
		return;
	tl_mkstemp(path);
	unlink(path);
	ck_assert_ptr_null(store_open(path, cfg, 0, &e));
	ck_assert_ptr_null(store_open(path, cfg, STORE_READONLY, &e));
	s2 = store_open(path, cfg, STORE_CREATE | STORE_BULK, &e);
	ck_assert_msg(s2 != NULL, "%s", e.msg);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	store_close(s2);
	memcpy(saved, db_path, sizeof(saved));
	snprintf(db_path, sizeof(db_path), "%s", path);
	ck_assert_int_ge(side_int("PRAGMA user_version"), 4);
	ck_assert_int_eq(side_int("PRAGMA application_id"), 0x436c6e74);
	ck_assert_int_eq(side_int("SELECT count(*) FROM sqlite_schema WHERE"
	    " name IN ('customers', 'addresses', 'messages', 'tags',"
	    " 'evidence', 'referrals', 'pending', 'events', 'revenue',"
	    " 'assessments')"), 10);
	memcpy(db_path, saved, sizeof(saved));
	s2 = store_open(path, cfg, STORE_READONLY, &e);
	ck_assert_msg(s2 != NULL, "%s", e.msg);
	store_close(s2);
	tl_db_remove(path);
}
END_TEST

START_TEST(test_transactions)
{
	struct err e = { "" };
	struct customer_list l = { 0 };

	ck_assert_int_eq(store_begin(S, &e), 0);
	wrote("<1@x>", "ola@example.com", "Ola", 1000, NULL);
	wrote("<2@x>", "pat@example.com", "Pat", 1000, NULL);
	store_rollback(S);
	ck_assert_int_eq(store_customers(S, NULL, &l, &e), 0);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_int_eq(store_begin(S, &e), 0);
	wrote("<1@x>", "ola@example.com", "Ola", 1000, NULL);
	ck_assert_int_eq(store_begin(S, &e), 0);
	wrote("<2@x>", "pat@example.com", "Pat", 1000, NULL);
	ck_assert_int_eq(store_commit(S, &e), 0);
	ck_assert_int_eq(store_commit(S, &e), 0);
	ck_assert_int_eq(store_commit(S, &e), -1);
	ck_assert_int_eq(store_customers(S, NULL, &l, &e), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0].email, "ola@example.com");
	customer_list_free(&l);
}
END_TEST

/* test_scale - 2,000 customers; referrers sorted by count, then email */
/* joined - sv's strings as "a,b" (they are sorted) into out */
static void
joined(const struct strvec *sv, char *out, size_t len)
{
	size_t at = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sv->n && at < len; i++)
		at += (size_t)snprintf(out + at, len - at, "%s%s", i ? "," : "",
		    sv->v[i]);
}

/*
 * some_of_each - a store with each kind of answer a list gives: referrals
 * counted and pending, a referrer, several tags, revenue recent and old,
 * prospects, and a prospect (pia) who referred a customer (dee)
 */
static void
some_of_each(void)
{
	struct err e = { "" };

	wrote("<a1@x>", "ann@example.com", "Ann", 1000, "praise");
	wrote("<a2@x>", "ann@example.com", "Ann", 1010, "enquiry");
	referred("<b1@x>", "bo@example.com", "ann@example.com", NULL, "address");
	referred("<c1@x>", "cy@example.com", "bo@example.com", NULL, "address");
	cfg->customer_policy = POLICY_TWO_WAY;	/* from here: prospects */
	referred("<p1@x>", "pat@example.com", "ann@example.com", NULL, "address");
	wrote("<q1@x>", "quin@example.com", NULL, 1020, "rude");
	cfg->customer_policy = POLICY_INCOMING;
	ck_assert_int_eq(store_revenue_add(S, "ann@example.com", 1250,
	    time(NULL) - 86400, "inv-1", false, &e), 1);
	ck_assert_int_eq(store_revenue_add(S, "ann@example.com", 50,
	    time(NULL) - 3600, "inv-2", false, &e), 1);
	ck_assert_int_eq(store_revenue_add(S, "bo@example.com", 700,
	    time(NULL) - 3 * 31536000, "inv-3", false, &e), 1);
}

/* same_as_one - every row of l says what the one-customer row says */
static void
same_as_one(const struct customer_list *l)
{
	struct err e = { "" };
	char a[512], b[512];

	for (size_t i = 0; i < l->n; i++) {
		const struct customer *c = &l->v[i];
		struct customer one;

		if (i > 0)
			ck_assert_int_lt(strcmp(l->v[i - 1].email, c->email), 0);
		ck_assert_int_eq(store_summary(S, c->email, &one, &e), 1);
		ck_assert_int_eq(c->referrals, one.referrals);
		ck_assert_int_eq(c->referrals_pending, one.referrals_pending);
		ck_assert_int_eq(c->prospect, one.prospect);
		ck_assert_int_eq(c->has_revenue, one.has_revenue);
		ck_assert_int_eq(c->revenue, one.revenue);
		ck_assert_int_eq(c->messages, one.messages);
		ck_assert_str_eq(c->category, one.category);
		ck_assert_str_eq(c->referred_by ? c->referred_by : "-",
		    one.referred_by ? one.referred_by : "-");
		ck_assert_int_eq(c->unverified, one.unverified);
		ck_assert_int_eq(c->last_seen, one.last_seen);
		ck_assert_str_eq(c->name ? c->name : "-",
		    one.name ? one.name : "-");
		joined(&c->tags, a, sizeof(a));
		joined(&one.tags, b, sizeof(b));
		ck_assert_str_eq(a, b);
		joined(&c->reasons, a, sizeof(a));
		joined(&one.reasons, b, sizeof(b));
		ck_assert_str_eq(a, b);
		customer_clear(&one);
	}
}

/*
 * The customers list (everyone: each table read once and merged by id;
 * filtered: aggregated and joined) says of every person what the
 * one-customer row (per-row subqueries) says: referrals counted and
 * pending, referrer, tags, revenue, status.
 */
START_TEST(test_list_as_one)
{
	struct customer_filter all = { NULL, NULL, "all" };
	struct customer_list l = { 0 };
	struct err e = { "" };
	bool pending = false, revenue = false, by = false, prospect = false;

	some_of_each();
	ck_assert_int_eq(store_customers(S, &all, &l, &e), 0);
	ck_assert_uint_eq(l.n, 5);
	same_as_one(&l);
	for (size_t i = 0; i < l.n; i++) {
		const struct customer *c = &l.v[i];

		pending = pending || c->referrals_pending > 0;
		revenue = revenue || c->has_revenue;
		by = by || c->referred_by != NULL;
		prospect = prospect || c->prospect;
	}
	/* the store above has each kind of answer at least once */
	ck_assert(pending && revenue && by && prospect);
	ck_assert_str_eq(l.v[0].email, "ann@example.com");
	ck_assert_int_eq(l.v[0].referrals, 1);
	ck_assert_int_eq(l.v[0].referrals_pending, 1);
	ck_assert_int_eq(l.v[0].revenue, 1300);
	ck_assert(!l.v[1].has_revenue);	/* bo's payment is too old */
	customer_list_free(&l);
}
END_TEST

/*
 * Each status and filter lists whom it names, each row as the one-customer
 * row has it; a customer whose referrer is a prospect (not in a list of
 * customers) still shows who referred them, and that prospect's referral
 * stays pending.
 */
static const struct {
	struct customer_filter f;
	size_t n;		/* rows listed */
} list_cases[] = {
	{ { NULL, NULL, NULL }, 4 },
	{ { NULL, NULL, "customer" }, 4 },
	{ { NULL, NULL, "prospect" }, 3 },
	{ { NULL, NULL, "all" }, 7 },
	{ { "ok", NULL, "all" }, 4 },
	{ { NULL, "referrer", NULL }, 2 },
	{ { NULL, "rude", "prospect" }, 1 },
};

START_TEST(test_list_filters)
{
	struct customer_list l = { 0 };
	struct err e = { "" };
	const char *dee_by = NULL;

	some_of_each();
	cfg->customer_policy = POLICY_TWO_WAY;
	wrote("<p2@x>", "pia@example.com", "Pia", 1030, "praise");
	cfg->customer_policy = POLICY_INCOMING;
	referred("<d1@x>", "dee@example.com", "pia@example.com", NULL,
	    "address");
	ck_assert_int_eq(store_customers(S, &list_cases[_i].f, &l, &e), 0);
	ck_assert_uint_eq(l.n, list_cases[_i].n);
	same_as_one(&l);
	for (size_t i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].email, "dee@example.com") == 0)
			dee_by = l.v[i].referred_by;
		if (strcmp(l.v[i].email, "pia@example.com") == 0) {
			ck_assert(l.v[i].prospect);
			ck_assert_int_eq(l.v[i].referrals, 0);
			ck_assert_int_eq(l.v[i].referrals_pending, 1);
		}
	}
	if (_i == 0)
		ck_assert_str_eq(dee_by, "pia@example.com");
	customer_list_free(&l);
}
END_TEST

START_TEST(test_scale)
{
	struct customer_list l = { 0 };
	struct customer_filter good = { "good", NULL, NULL };
	struct err e = { "" };
	char who[64], by[64], key[64];
	int n = 0;

	ck_assert_int_eq(store_begin(S, &e), 0);
	/* r00..r39: rNN refers NN % 10 + 1 people */
	for (int r = 0; r < 40; r++) {
		for (int k = 0; k <= r % 10; k++) {
			struct fact_person p[] = { { who, NULL, true } };
			struct fact_referral ref[] = { { by, NULL, who,
			    "address", "x" } };

			snprintf(who, sizeof(who), "c%04d@example.com", n);
			snprintf(by, sizeof(by), "r%02d@example.com", r);
			snprintf(key, sizeof(key), "<%d@x>", n);
			apply(FACTS_INCOMING, key, 1000 + n, p, 1, NULL, 0,
			    ref, 1);
			n++;
		}
	}
	while (n < 2000) {
		snprintf(who, sizeof(who), "c%04d@example.com", n);
		snprintf(key, sizeof(key), "<%d@x>", n);
		wrote(key, who, NULL, 1000 + n, n % 3 ? NULL : "enquiry");
		n++;
	}
	ck_assert_int_eq(store_commit(S, &e), 0);
	ck_assert_int_eq(store_referrers(S, 0, 0, &l, &e), 0);
	ck_assert_uint_eq(l.n, 40);
	ck_assert_str_eq(l.v[0].email, "r09@example.com");
	ck_assert_int_eq(l.v[0].referrals, 10);
	ck_assert_str_eq(l.v[1].email, "r19@example.com");
	ck_assert_str_eq(l.v[3].email, "r39@example.com");
	ck_assert_str_eq(l.v[4].email, "r08@example.com");
	for (size_t i = 1; i < l.n; i++)
		ck_assert_int_le(l.v[i].referrals, l.v[i - 1].referrals);
	ck_assert(has_tag(&l.v[0], "referrer"));
	customer_list_free(&l);
	ck_assert_int_eq(store_referrers(S, 0, 5, &l, &e), 0);
	ck_assert_uint_eq(l.n, 5);
	customer_list_free(&l);
	/* since: only referrals dated after the first 200 messages */
	ck_assert_int_eq(store_referrers(S, 1200, 0, &l, &e), 0);
	ck_assert_uint_gt(l.n, 0);
	ck_assert_uint_lt(l.n, 40);
	customer_list_free(&l);
	ck_assert_int_eq(store_customers(S, NULL, &l, &e), 0);
	ck_assert_uint_eq(l.n, 2040);
	ck_assert_str_eq(l.v[0].email, "c0000@example.com");
	ck_assert_str_eq(l.v[0].referred_by, "r00@example.com");
	for (size_t i = 1; i < l.n; i++)
		ck_assert_int_lt(strcmp(l.v[i - 1].email, l.v[i].email), 0);
	customer_list_free(&l);
	ck_assert_int_eq(store_customers(S, &good, &l, &e), 0);
	ck_assert_uint_eq(l.n, 40);
	customer_list_free(&l);
}
END_TEST

TL_SUITE_AROUND(store, setup, teardown, 60, test_idempotent, 0,
    test_first_referrer_wins, 0, test_no_self_referral, 0,
    test_pending_linked, 0, test_pending_flexible, TL_LOOPS(pending_cases),
    test_pending_local_ambiguous, 0, test_outgoing_last_seen_only, 0,
    test_tags_per_message, 0, test_category_changes, 0,
    test_manual_category, 0, test_manual_tags, 0, test_merge, 0,
    test_forget, 0, test_code_stable, 0, test_known_lookups, 0,
    test_known_by_key, 0, test_known_lookup_error, 0, test_hostile_names, 0,
    test_refuse_foreign, 0, test_create_and_migrate, 0, test_migrate_v1, 0,
    test_transactions, 0, test_scale, 0, test_list_as_one, 0,
    test_list_filters, TL_LOOPS(list_cases))
