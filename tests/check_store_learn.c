/*
 * check_store_learn - names a contact announced, and codes the owner
 * handed out in their own words (store_learn.c), on any backend.
 *
 * Facts are built by hand: an announcing message from a known contact,
 * then senders who answer (or do not answer) to the name; the owner's
 * mail to one person carrying a code, then a message crediting it.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "classify/category.h"
#include "classify/classify.h"
#include "store/store.h"
#include "testlib.h"

TL_STORE_FIXTURE("learn")

#define SUE "sue@example.com"
#define SAID "My neighbour Jo Bloggs asked, so I gave her your number."

/* announce - SUE (already a contact) announces name in message key */
static void
announce(const char *key, const char *name, time_t date)
{
	struct fact_person p[] = { { (char *)SUE, (char *)"Sue Parker", true } };
	struct fact_announce a[] = { { (char *)SUE, (char *)name,
	    (char *)SAID } };
	struct facts f = { .kind = FACTS_INCOMING, .key = (char *)key,
		.subject = (char *)"your number", .date = date, .people = p,
		.npeople = 1, .announced = a, .nannounced = 1 };

	tl_apply_facts(S, &f);
}

static struct customer_detail *
show(const char *email)
{
	struct customer_detail *d = NULL;
	struct err e = { "" };

	ck_assert_msg(store_show(S, email, &d, &e) == 1, "show %s: %s", email,
	    e.msg);
	return d;
}

/* the named person's first message: SUE referred them, with her sentence */
START_TEST(test_announce_linked)
{
	struct customer_detail *d;

	tl_wrote(S, "<0@x>", SUE, "Sue Parker", 1000, NULL);
	announce("<1@x>", "Jo Bloggs", 2000);
	ck_assert_int_eq(tl_side_int(db_path,
	    "SELECT count(*) FROM announced"), 1);
	/* show lists the name while it waits */
	d = show(SUE);
	ck_assert_uint_eq(d->nannounced, 1);
	ck_assert_str_eq(d->announced[0].name, "Jo Bloggs");
	customer_detail_free(d);
	tl_wrote(S, "<2@x>", "jo@example.net", "Bloggs, Jo", 3000, NULL);
	d = show("jo@example.net");
	ck_assert_ptr_nonnull(d->c.referred_by);
	ck_assert_str_eq(d->c.referred_by, SUE);
	customer_detail_free(d);
	d = show(SUE);
	ck_assert_int_eq(d->c.referrals, 1);
	ck_assert_str_eq(d->ev[0].how, "announce");
	/* the sentence, and the message it came from */
	ck_assert_str_eq(d->ev[0].text, SAID " (in \"your number\" of "
	    "1970-01-01)");
	/* and no longer once Jo wrote */
	ck_assert_uint_eq(d->nannounced, 0);
	customer_detail_free(d);
	ck_assert_int_eq(tl_side_int(db_path,
	    "SELECT count(*) FROM announced"), 0);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM referrals"
	    " WHERE how = 'announce' AND message_key = '<1@x>'"), 1);
}
END_TEST

/*
 * Nobody else is credited: another surname, a first name alone, a person
 * who was a contact before the announcement, and a first-name-only
 * announcement that a full name later matches by its first word.
 */
START_TEST(test_announce_refused)
{
	struct customer_detail *d;

	tl_wrote(S, "<0@x>", SUE, "Sue Parker", 1000, NULL);
	tl_wrote(S, "<1@x>", "ana@example.org", "Ana Ruiz", 1500, NULL);
	announce("<2@x>", "Jo Bloggs", 2000);
	announce("<3@x>", "Ana Ruiz", 2100);
	announce("<4@x>", "Kate", 2200);
	tl_wrote(S, "<5@x>", "jo.black@example.net", "Jo Black", 3000, NULL);
	tl_wrote(S, "<6@x>", "jo@example.com", "Jo", 3100, NULL);
	tl_wrote(S, "<7@x>", "ana@example.org", "Ana Ruiz", 3200, NULL);
	tl_wrote(S, "<8@x>", "kate@example.org", "Kate Morris", 3300, NULL);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM referrals"),
	    0);
	/* the name still waits for its owner */
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM announced"
	    " WHERE name_norm = 'jo bloggs'"), 1);
	d = show(SUE);
	ck_assert_int_eq(d->c.referrals, 0);
	/*
	 * show: Jo Bloggs waits, with the message she was named in; Ana Ruiz
	 * is a contact already (nobody waits for her), Kate was never kept
	 */
	ck_assert_uint_eq(d->nannounced, 1);
	ck_assert_str_eq(d->announced[0].name, "Jo Bloggs");
	ck_assert_str_eq(d->announced[0].subject, "your number");
	ck_assert_int_eq(d->announced[0].at, 2000);
	ck_assert_str_eq(d->announced[0].evidence, SAID " (in \"your number\" "
	    "of 1970-01-01)");
	customer_detail_free(d);
}
END_TEST

/* a name announced twice is shown once, as first announced */
START_TEST(test_announce_shown_once)
{
	struct customer_detail *d;

	tl_wrote(S, "<0@x>", SUE, "Sue Parker", 1000, NULL);
	announce("<1@x>", "Jo Bloggs", 2000);
	announce("<2@x>", "JO BLOGGS", 2500);
	announce("<3@x>", "Kim Ode", 2400);
	d = show(SUE);
	ck_assert_uint_eq(d->nannounced, 2);
	ck_assert_str_eq(d->announced[0].name, "Jo Bloggs");
	ck_assert_int_eq(d->announced[0].at, 2000);
	ck_assert_str_eq(d->announced[1].name, "Kim Ode");
	customer_detail_free(d);
	/* the person announced has none of their own */
	tl_wrote(S, "<4@x>", "kim@example.org", "Kim Ode", 3000, NULL);
	d = show("kim@example.org");
	ck_assert_uint_eq(d->nannounced, 0);
	customer_detail_free(d);
	d = show(SUE);
	ck_assert_uint_eq(d->nannounced, 1);
	customer_detail_free(d);
}
END_TEST

/* forgetting the announcer leaves no row naming her */
START_TEST(test_announce_forgotten)
{
	struct err e = { "" };

	tl_wrote(S, "<0@x>", SUE, "Sue Parker", 1000, NULL);
	announce("<1@x>", "Jo Bloggs", 2000);
	ck_assert_msg(store_forget(S, SUE, &e) == 1, "forget: %s", e.msg);
	ck_assert_int_eq(tl_side_int(db_path,
	    "SELECT count(*) FROM announced"), 0);
	tl_wrote(S, "<2@x>", "jo@example.net", "Jo Bloggs", 3000, NULL);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM referrals"),
	    0);
}
END_TEST

/* owner - the owner's mail to email handing out code */
static void
owner(const char *key, const char *email, const char *code)
{
	struct fact_person p[] = { { (char *)email, NULL, false } };
	struct facts f = { .kind = FACTS_OUTGOING, .key = (char *)key,
		.subject = (char *)"Re: hello", .date = 1500, .people = p,
		.npeople = 1, .code_for = (char *)email, .code = (char *)code,
		.code_evidence = (char *)"quote code FL-77" };

	tl_apply_facts(S, &f);
}

/* a code learnt from the owner's mail is its holder's; never taken from them */
START_TEST(test_learn_code)
{
	struct classify_known k = store_known(S);
	char out[320];

	owner("<1@x>", "leanne@example.com", "fl-77");
	ck_assert(k.email_for_code(k.ctx, "FL-77", out, sizeof(out)));
	ck_assert_str_eq(out, "leanne@example.com");
	/* the same code to another: still Leanne's */
	owner("<2@x>", "tom@example.net", "fl-77");
	ck_assert(k.email_for_code(k.ctx, "fl-77", out, sizeof(out)));
	ck_assert_str_eq(out, "leanne@example.com");
	/* a second code for Leanne: she keeps her first */
	owner("<3@x>", "leanne@example.com", "fl-88");
	ck_assert(!k.email_for_code(k.ctx, "fl-88", out, sizeof(out)));
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM customers"
	    " WHERE code IS NOT NULL"), 1);
}
END_TEST

TL_SUITE_AROUND(store_learn, setup, teardown, 0,
    test_announce_linked, 0, test_announce_refused, 0,
    test_announce_shown_once, 0, test_announce_forgotten, 0,
    test_learn_code, 0)
