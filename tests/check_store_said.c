/*
 * check_store_said - what the owner's own messages said, kept for the
 * replies (store_apply's `sent` rows, store_known's owner_said).
 *
 * The owner's message to two people keeps its figure and bill with each
 * of them; the store answers for the message's key and one of its
 * recipients only (another person, another key, the key in other case:
 * nothing), says "nothing known" of mail recorded with no figure, and
 * keeps no figure past what a payment may be.  Forget erases the
 * forgotten person's rows and leaves the other recipient's.  A store of
 * the schema before (SQLite version 8) is upgraded in place: the owner's
 * old mail is still known, saying nothing, and new mail keeps its
 * figure.  Facts are built by hand; on any backend but the upgrade
 * (PostgreSQL's is tests/t_pgsql.sh's).
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "classify/revenue.h"
#include "store/store.h"
#include "testlib.h"
#include "testlib_sqlite.h"

TL_STORE_FIXTURE("said")

static struct fact_person both[] = {
	{ (char *)"tom@reyes.example", (char *)"Tom Reyes", false },
	{ (char *)"fiona@claypit.example", NULL, false },
};

/* sent - the owner's message key to people[0, n) saying cents and bill;
 * whether the store had it already */
static bool
sent(const char *key, struct fact_person *people, size_t n,
    unsigned long long cents, bool bill)
{
	struct facts f = { .kind = FACTS_OUTGOING, .key = (char *)key,
		.subject = (char *)"Re: the kiln", .date = 1000,
		.people = people, .npeople = n, .said = { cents, bill } };

	return tl_apply_facts(S, &f);
}

/* said - what the store says key said to email: -1 nothing known, else
 * the cents, and the bill into *bill */
static long long
said(const char *key, const char *email, bool *bill)
{
	struct classify_known k = store_known(S);
	struct classify_said out = { 99, true };

	ck_assert_ptr_nonnull(k.owner_said);
	if (!k.owner_said(k.ctx, key, email, &out))
		return -1;
	*bill = out.bill;
	return (long long)out.cents;
}

START_TEST(test_said_kept)
{
	bool bill = false;

	sent("<Quote-7@kilndoctor.example>", both, 2, 24000, false);
	sent("<bill-8@kilndoctor.example>", both, 1, 0, true);
	sent("<hello-9@kilndoctor.example>", both, 1, 0, false);
	ck_assert_int_eq(said("<Quote-7@kilndoctor.example>",
	    "tom@reyes.example", &bill), 24000);
	ck_assert(!bill);
	ck_assert_int_eq(said("<Quote-7@kilndoctor.example>",
	    "FIONA@claypit.example", &bill), 24000);
	ck_assert_int_eq(said("<bill-8@kilndoctor.example>",
	    "tom@reyes.example", &bill), 0);
	ck_assert(bill);
	ck_assert_int_eq(said("<hello-9@kilndoctor.example>",
	    "tom@reyes.example", &bill), 0);
	ck_assert(!bill);
	/* to nobody else, under no other key (a Message-ID keeps its case) */
	ck_assert_int_eq(said("<bill-8@kilndoctor.example>",
	    "fiona@claypit.example", &bill), -1);
	ck_assert_int_eq(said("<Quote-7@kilndoctor.example>",
	    "kim@example.net", &bill), -1);
	ck_assert_int_eq(said("<quote-7@kilndoctor.example>",
	    "tom@reyes.example", &bill), -1);
	/* a second record of the same message changes nothing */
	ck_assert(sent("<Quote-7@kilndoctor.example>", both, 2, 99900, true));
	ck_assert_int_eq(said("<Quote-7@kilndoctor.example>",
	    "tom@reyes.example", &bill), 24000);
	ck_assert(!bill);
	/* no figure past what a payment may be */
	sent("<huge@kilndoctor.example>", both, 1,
	    (unsigned long long)REVENUE_AMOUNT_MAX + 1, false);
	ck_assert_int_eq(said("<huge@kilndoctor.example>",
	    "tom@reyes.example", &bill), 0);
}
END_TEST

START_TEST(test_said_forgotten)
{
	struct err e = { "" };
	bool bill;

	sent("<q@kilndoctor.example>", both, 2, 24000, true);
	ck_assert_int_eq(store_forget(S, "tom@reyes.example", &e), 1);
	ck_assert_int_eq(said("<q@kilndoctor.example>", "tom@reyes.example",
	    &bill), -1);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM sent"
	    " WHERE said_minor IS NOT NULL"), 1);
	ck_assert_int_eq(said("<q@kilndoctor.example>",
	    "fiona@claypit.example", &bill), 24000);
	ck_assert(bill);
}
END_TEST

/* a SQLite store of version 8 is upgraded in place */
START_TEST(test_said_upgrade)
{
	bool bill = true;

	if (tl_sqlite_only("a SQLite file's schema version"))
		return;
	sent("<old@kilndoctor.example>", both, 1, 0, false);
	store_close(S);
	S = NULL;
	tl_sqlite_exec(db_path, "BEGIN;"
	    " ALTER TABLE sent DROP COLUMN said_minor;"
	    " ALTER TABLE sent DROP COLUMN said_bill;"
	    " PRAGMA user_version = 8;"
	    " COMMIT;");
	ck_assert_int_eq(tl_sqlite_int(db_path, "PRAGMA user_version"), 8);
	S = tl_store_open(db_path, cfg, 0);
	ck_assert_int_ge(tl_sqlite_int(db_path, "PRAGMA user_version"), 9);
	ck_assert_int_eq(said("<old@kilndoctor.example>", "tom@reyes.example",
	    &bill), 0);
	ck_assert(!bill);
	sent("<new@kilndoctor.example>", both, 1, 48000, true);
	ck_assert_int_eq(said("<new@kilndoctor.example>", "tom@reyes.example",
	    &bill), 48000);
	ck_assert(bill);
}
END_TEST

TL_SUITE_AROUND(store_said, setup, teardown, 0, test_said_kept, 0,
    test_said_forgotten, 0, test_said_upgrade, 0)
