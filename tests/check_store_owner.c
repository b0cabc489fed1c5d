/*
 * check_store_owner - the owner's word is final: credit set by hand,
 * ignored addresses and domains, tombstones, notes, history, find,
 * companies, duplicates, and an export that comes back byte for byte.
 *
 * Facts are built by hand (no parser); a second SQLite connection looks
 * behind the API where a test needs to see that a trace is gone.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/category.h"
#include "report/digest.h"
#include "store/store.h"
#include "store/store_digest.h"
#include "store/store_ideal.h"
#include "store/store_owner.h"
#include "testlib.h"

TL_STORE_FIXTURE("owner")

/* side_int - one integer from a separate connection */
static long long
side_int(const char *sql)
{
	return tl_side_int(db_path, sql);
}

/* message - one incoming message: from `who` (named), cc `cc`, a tag, a referral */
static void
message(const char *key, const char *who, const char *name, const char *cc,
    const char *tag, const char *referrer, const char *referred,
    const char *subject, time_t date)
{
	struct fact_person p[2] = { { (char *)who, (char *)name, true },
	    { (char *)cc, NULL, false } };
	struct fact_tag t = { (char *)who, (char *)tag, (char *)"they said" };
	struct fact_referral r = { (char *)referrer, NULL, (char *)referred,
	    (char *)"address", (char *)"sent me your way" };
	struct facts f = { 0 };

	f.kind = FACTS_INCOMING;
	f.key = (char *)key;
	f.subject = (char *)subject;
	f.date = date;
	f.arrived = date + 60;
	f.people = p;
	f.npeople = cc ? 2 : 1;
	f.tags = &t;
	f.ntags = tag ? 1 : 0;
	f.referrals = &r;
	f.nreferrals = referred ? 1 : 0;
	tl_apply_facts(S, &f);
}

static struct customer_detail *
show_all(const char *email)
{
	struct customer_detail *d = NULL;
	struct err e = { "" };

	ck_assert_msg(store_show_history(S, email, 0, &d, &e) == 1,
	    "show %s: %s", email, e.msg);
	return d;
}

static bool
known(const char *email)
{
	struct customer c;
	struct err e = { "" };
	int rc = store_summary(S, email, &c, &e);

	ck_assert_int_ge(rc, 0);
	customer_clear(&c);
	return rc == 1;
}

/* Bob says Alice sent him; the owner knows it was Carol, and mail says Dave later. */
START_TEST(test_manual_credit_final)
{
	struct customer_detail *d;
	struct err e = { "" };
	const char *unknown = NULL;

	message("<1@x>", "alice@a.example", "Alice", NULL, NULL, NULL, NULL,
	    "hi", 1000);
	message("<2@x>", "carol@c.example", "Carol", NULL, NULL, NULL, NULL,
	    "hi", 1000);
	message("<3@x>", "bob@b.example", "Bob", NULL, NULL, "alice@a.example",
	    "bob@b.example", "quote", 2000);
	ck_assert_int_eq(side_int("SELECT referrals_made FROM customers"
	    " WHERE email = 'alice@a.example'"), 1);

	ck_assert_int_eq(store_referral(S, "bob@b.example", "carol@c.example",
	    NULL, &e), 1);
	d = show_all("bob@b.example");
	ck_assert_str_eq(d->c.referred_by, "carol@c.example");
	ck_assert(d->referral_manual);
	customer_detail_free(d);
	d = show_all("alice@a.example");
	ck_assert_int_eq(d->c.referrals, 0);
	ck_assert(!strvec_contains(&d->c.tags, "referrer"));
	ck_assert_str_eq(d->c.category, "ok");		/* reasons followed */
	customer_detail_free(d);
	d = show_all("carol@c.example");
	ck_assert_int_eq(d->c.referrals, 1);
	ck_assert(strvec_contains(&d->c.tags, "referrer"));
	ck_assert_str_eq(d->c.category, "good");
	customer_detail_free(d);
	/* the digest's log moved with it */
	ck_assert_int_eq(side_int("SELECT count(*) FROM events e JOIN customers"
	    " c ON c.id = e.customer_id WHERE e.kind = 'referral'"
	    " AND c.email = 'alice@a.example'"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events e JOIN customers"
	    " c ON c.id = e.customer_id WHERE e.kind = 'referral'"
	    " AND c.email = 'carol@c.example'"), 1);

	/* conflicting mail, new and old, changes nothing */
	message("<4@x>", "bob@b.example", "Bob", NULL, NULL, "dave@d.example",
	    "bob@b.example", "again", 3000);
	d = show_all("bob@b.example");
	ck_assert_str_eq(d->c.referred_by, "carol@c.example");
	customer_detail_free(d);

	/* --none: nobody, and still final */
	ck_assert_int_eq(store_referral(S, "bob@b.example", NULL, NULL, &e),
	    1);
	message("<5@x>", "bob@b.example", "Bob", NULL, NULL, "alice@a.example",
	    "bob@b.example", "more", 4000);
	d = show_all("bob@b.example");
	ck_assert_ptr_null(d->c.referred_by);
	ck_assert(d->referral_manual);
	ck_assert(!strvec_contains(&d->c.tags, "referred"));
	customer_detail_free(d);
	ck_assert_int_eq(side_int("SELECT referrals_made FROM customers"
	    " WHERE email = 'carol@c.example'"), 0);

	/* unknown people and self-referral */
	ck_assert_int_eq(store_referral(S, "nobody@x.example", NULL, &unknown,
	    &e), 0);
	ck_assert_str_eq(unknown, "nobody@x.example");
	ck_assert_int_eq(store_referral(S, "bob@b.example", "other@x.example",
	    &unknown, &e), 0);
	ck_assert_str_eq(unknown, "other@x.example");
	ck_assert_int_eq(store_referral(S, "bob@b.example", "BOB@b.example",
	    NULL, &e), -1);
}
END_TEST

START_TEST(test_ignore_domain)
{
	struct err e = { "" };
	size_t removed = 0;
	struct ignore_entry *v;
	size_t n;

	/* the supplier's people credit and are credited by a customer */
	message("<1@x>", "ann@supply.example", "Ann", NULL, "praise", NULL,
	    NULL, "order", 1000);
	message("<2@x>", "ben@supply.example", "Ben", NULL, NULL, NULL, NULL,
	    "order", 1000);
	message("<3@x>", "cat@client.example", "Cat", NULL, NULL,
	    "ann@supply.example", "cat@client.example", "enquiry", 2000);
	message("<4@x>", "dan@client.example", "Dan", NULL, NULL,
	    "cat@client.example", "ben@supply.example", "intro", 2000);
	ck_assert(known("ann@supply.example"));

	ck_assert_int_eq(store_ignore(S, "@Supply.example", "our supplier",
	    &removed, &e), 0);
	ck_assert_uint_eq(removed, 2);
	ck_assert(!known("ann@supply.example"));
	ck_assert(!known("ben@supply.example"));
	ck_assert_int_eq(side_int("SELECT count(*) FROM referrals"), 0);
	ck_assert_int_eq(side_int("SELECT referrals_made FROM customers"
	    " WHERE email = 'cat@client.example'"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM tags t JOIN customers c"
	    " ON c.id = t.customer_id WHERE c.email = 'cat@client.example'"
	    " AND t.tag IN ('referred', 'referrer')"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM events"
	    " WHERE detail LIKE '%supply%'"), 0);

	/* their mail, old and new, makes nothing */
	message("<1@x>", "ann@supply.example", "Ann", NULL, "praise", NULL,
	    NULL, "order", 1000);
	message("<9@x>", "eve@supply.example", "Eve", "fay@client.example",
	    NULL, NULL, NULL, "invoice", 5000);
	message("<10@x>", "fay@client.example", "Fay", NULL, NULL,
	    "eve@supply.example", "fay@client.example", "hello", 5000);
	ck_assert(!known("eve@supply.example"));
	ck_assert(known("fay@client.example"));
	ck_assert_int_eq(side_int("SELECT count(*) FROM referrals"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"
	    " WHERE email LIKE '%supply%'"), 0);

	ck_assert_int_eq(store_ignores(S, &v, &n, &e), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].pattern, "@supply.example");
	ck_assert_str_eq(v[0].reason, "our supplier");
	ignore_list_free(v, n);
	ck_assert_int_eq(store_ignore(S, "supply.example", NULL, &removed, &e),
	    -1);

	ck_assert_int_eq(store_unignore(S, "@supply.example", &e), 1);
	ck_assert_int_eq(store_unignore(S, "@supply.example", &e), 0);
	message("<11@x>", "eve@supply.example", "Eve", NULL, NULL, NULL, NULL,
	    "back", 6000);
	ck_assert(known("eve@supply.example"));
}
END_TEST

START_TEST(test_ignore_address)
{
	struct err e = { "" };
	size_t removed = 0;

	message("<1@x>", "acct@firm.example", "Accountant", NULL, "praise",
	    NULL, NULL, "books", 1000);
	message("<2@x>", "boss@firm.example", "Boss", NULL, NULL, NULL, NULL,
	    "hi", 1000);
	ck_assert_int_eq(store_ignore(S, "acct@firm.example", NULL, &removed,
	    &e), 0);
	ck_assert_uint_eq(removed, 1);
	ck_assert(!known("acct@firm.example"));
	ck_assert(known("boss@firm.example"));
	ck_assert_int_eq(store_ignore(S, "acct@firm.example", "twice", &removed,
	    &e), 0);
	ck_assert_uint_eq(removed, 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM ignores"), 1);
}
END_TEST

START_TEST(test_forget_tombstone)
{
	struct customer_detail *d;
	struct err e = { "" };

	message("<1@x>", "zed@z.example", "Zed", NULL, "rude", NULL, NULL,
	    "angry", 1000);
	message("<2@x>", "amy@a.example", "Amy", NULL, NULL, "zed@z.example",
	    "amy@a.example", "enquiry", 2000);
	ck_assert_int_eq(store_forget_for_good(S, "ZED@z.example", false, &e),
	    1);
	ck_assert(!known("zed@z.example"));
	/* no address in clear anywhere */
	ck_assert_int_eq(side_int("SELECT count(*) FROM tombstones"), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM tombstones"
	    " WHERE hash LIKE '%zed%'"), 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM ignores"), 0);

	/* the same old mail again: Zed stays gone, Amy keeps no credit from him */
	message("<1@x>", "zed@z.example", "Zed", NULL, "rude", NULL, NULL,
	    "angry", 1000);
	message("<2@x>", "amy@a.example", "Amy", NULL, NULL, "zed@z.example",
	    "amy@a.example", "enquiry", 2000);
	ck_assert(!known("zed@z.example"));
	d = show_all("amy@a.example");
	ck_assert_ptr_null(d->c.referred_by);
	customer_detail_free(d);

	/* lifted: his next message makes him a contact again */
	ck_assert_int_eq(store_forget_for_good(S, "zed@z.example", true, &e),
	    1);
	ck_assert_int_eq(store_forget_for_good(S, "zed@z.example", true, &e),
	    0);
	message("<3@x>", "zed@z.example", "Zed", NULL, NULL, NULL, NULL,
	    "sorry", 3000);
	ck_assert(known("zed@z.example"));
	/* --allow-return on a known person: forgotten, no tombstone */
	ck_assert_int_eq(store_forget_for_good(S, "zed@z.example", true, &e),
	    1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM tombstones"), 0);
	message("<4@x>", "zed@z.example", "Zed", NULL, NULL, NULL, NULL,
	    "again", 4000);
	ck_assert(known("zed@z.example"));
}
END_TEST

START_TEST(test_notes_and_history)
{
	struct customer_detail *d;
	struct err e = { "" };
	long long id1 = 0, id2 = 0;

	message("<1@x>", "liz@l.example", "Liz", NULL, "enquiry", NULL, NULL,
	    "A quote please", 1000);
	message("<2@x>", "liz@l.example", "Liz", NULL, "praise", NULL, NULL,
	    "Thanks!", 2000);
	message("<3@x>", "max@m.example", "Max", NULL, NULL, "liz@l.example",
	    "max@m.example", "Liz sent me", 3000);
	ck_assert_int_eq(store_note_add(S, "liz@l.example",
	    "prefers phone calls", &id1, &e), 1);
	ck_assert_int_eq(store_note_add(S, "liz@l.example", "paid late in 2025",
	    &id2, &e), 1);
	ck_assert_int_eq(store_note_add(S, "who@l.example", "x", &id2, &e), 0);
	d = show_all("liz@l.example");
	ck_assert_uint_eq(d->nnotes, 2);
	ck_assert_str_eq(d->notes[0].text, "prefers phone calls");
	ck_assert_str_eq(d->company, "l.example");
	ck_assert_uint_eq(d->nhist, 2);
	ck_assert_uint_eq(d->nhist_total, 2);
	ck_assert_str_eq(d->hist[0].subject, "Thanks!");	/* newest first */
	ck_assert_str_eq(d->hist[0].direction, "in");
	ck_assert_str_eq(d->hist[0].facts, "praise");
	ck_assert_int_eq(d->hist[0].date, 2000);
	ck_assert_int_eq(d->hist[0].arrived, 2060);
	customer_detail_free(d);
	d = show_all("max@m.example");
	ck_assert_str_eq(d->hist[0].facts,
	    "referral:liz@l.example>max@m.example");
	customer_detail_free(d);

	ck_assert_int_eq(store_note_delete(S, id1, &e), 1);
	ck_assert_int_eq(store_note_delete(S, id1, &e), 0);
	d = show_all("liz@l.example");
	ck_assert_uint_eq(d->nnotes, 1);
	ck_assert_str_eq(d->notes[0].text, "paid late in 2025");
	customer_detail_free(d);
	/* a limit keeps the newest and says how many there are */
	ck_assert_int_eq(store_show_history(S, "liz@l.example", 1, &d, &e), 1);
	ck_assert_uint_eq(d->nhist, 1);
	ck_assert_uint_eq(d->nhist_total, 2);
	customer_detail_free(d);
	/* notes go with the person: merged and forgotten */
	ck_assert_int_eq(store_merge(S, "max@m.example", "liz@l.example", NULL,
	    &e), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM notes n JOIN customers"
	    " c ON c.id = n.customer_id WHERE c.email = 'max@m.example'"), 1);
	ck_assert_int_eq(store_forget(S, "max@m.example", &e), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM notes"), 0);
}
END_TEST

START_TEST(test_find)
{
	struct customer_list l;
	struct err e = { "" };
	int *sc = NULL;

	message("<1@x>", "zm@studio.example", "Zo\xc3\xab M\xc3\xbcller", NULL,
	    NULL, NULL, NULL, "hi", 1000);
	message("<2@x>", "zoe.k@gmail.com", "Zoe Kim", NULL, NULL, NULL, NULL,
	    "hi", 1000);
	message("<3@x>", "pat@studio.example", "Pat Lee", NULL, NULL, NULL,
	    NULL, "hi", 1000);
	ck_assert_int_eq(store_find(S, "Zoe Muller", 0, &l, &sc, &e), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].email, "zm@studio.example");
	ck_assert_int_eq(sc[0], 100);
	customer_list_free(&l);
	free(sc);
	ck_assert_int_eq(store_find(S, "ZOE", 0, &l, NULL, &e), 0);
	ck_assert_uint_eq(l.n, 2);
	customer_list_free(&l);
	/* a domain finds its people; a limit keeps the best */
	ck_assert_int_eq(store_find(S, "studio.example", 0, &l, NULL, &e), 0);
	ck_assert_uint_eq(l.n, 2);
	customer_list_free(&l);
	ck_assert_int_eq(store_find(S, "pat", 1, &l, NULL, &e), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].email, "pat@studio.example");
	customer_list_free(&l);
	ck_assert_int_eq(store_find(S, "nobody at all", 0, &l, NULL, &e), 0);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

/* a pair store_duplicates should suggest; why NULL: not looked at */
struct dup_want {
	const char *a, *b, *why;
};

/* duplicates_are - store_duplicates suggests want[0..n), in that order */
static void
duplicates_are(const struct dup_want *want, size_t n)
{
	struct duplicate *du;
	struct err e = { "" };
	size_t got;

	ck_assert_int_eq(store_duplicates(S, &du, &got, &e), 0);
	ck_assert_uint_eq(got, n);
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(strcmp(du[i].a, want[i].a) == 0 &&
		    strcmp(du[i].b, want[i].b) == 0, "pair %zu: got %s ~ %s, "
		    "want %s ~ %s", i, du[i].a, du[i].b, want[i].a, want[i].b);
		if (want[i].why != NULL)
			ck_assert_str_eq(du[i].why, want[i].why);
	}
	duplicate_list_free(du, got);
}

START_TEST(test_companies_and_duplicates)
{
	static const struct dup_want want[] = {
		{ "dana@reyes.example", "fwd@relay.example",
		    "fwd@relay.example writes under the name dana@reyes.example" },
		{ "d.reyes@gmail.com", "dana@reyes.example",
		    "same name \"dana reyes\"" },
		{ "sam.ortiz@gmail.com", "sam@works.example",
		    "sam.ortiz@gmail.com spells the name \"sam ortiz\"" },
	};
	struct company *co;
	struct customer_list l;
	struct err e = { "" };
	size_t n;

	message("<1@x>", "dana@reyes.example", "Dana Reyes", NULL, NULL, NULL,
	    NULL, "hi", 1000);
	message("<2@x>", "d.reyes@gmail.com", "Dana  REYES", NULL, NULL, NULL,
	    NULL, "hi", 1000);
	message("<3@x>", "lee@reyes.example", "Lee", NULL, NULL,
	    "dana@reyes.example", "lee@reyes.example", "hi", 1000);
	message("<4@x>", "sam.ortiz@gmail.com", NULL, NULL, NULL, NULL, NULL,
	    "hi", 1000);
	message("<5@x>", "sam@works.example", "Sam Ortiz", NULL, NULL, NULL,
	    NULL, "hi", 1000);
	/* a forwarding account that shows Dana's address as its name */
	message("<6@x>", "fwd@relay.example", "Dana@Reyes.example", NULL, NULL,
	    NULL, NULL, "fwd", 1000);
	ck_assert_int_eq(store_companies(S, &co, &n, &e), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(co[0].name, "reyes.example");
	ck_assert_uint_eq(co[0].people.n, 2);
	ck_assert_int_eq(co[0].referrals, 1);
	ck_assert_str_eq(co[1].name, "relay.example");
	ck_assert_str_eq(co[2].name, "works.example");
	company_list_free(co, n);
	ck_assert_int_eq(store_company_customers(S, "Reyes.example", NULL, &l,
	    &e), 0);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_str_eq(l.v[0].email, "dana@reyes.example");
	customer_list_free(&l);

	duplicates_are(want, TL_NELEM(want));
	/* suggestions only: nobody was merged */
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"), 6);
}
END_TEST

/* signed - a message from `who` whose own signature names `as` */
static void
signed_message(const char *key, const char *who, const char *name,
    const char *as)
{
	struct fact_person p = { (char *)who, (char *)name, true };
	char *sv[1] = { (char *)as };
	struct facts f = { 0 };

	f.kind = FACTS_INCOMING;
	f.key = (char *)key;
	f.subject = (char *)"hello";
	f.date = 5000;
	f.people = &p;
	f.npeople = 1;
	f.signs_as = sv;
	f.nsigns_as = 1;
	tl_apply_facts(S, &f);
}

/* "signs as": suggested once both are customers, never merged, tidied by forget */
START_TEST(test_duplicates_signs_as)
{
	static const struct dup_want want[] = {
		{ "dana@studio.example", "dreyes@home.example",
		    "dana@studio.example signs as dreyes@home.example" },
		{ "kim@k.example", "lee@l.example", NULL },
	};
	struct err e = { "" };
	size_t removed;

	/* Dana signs as an address nobody uses yet: nothing to suggest */
	signed_message("<s1@x>", "dana@studio.example", "Dana Reyes",
	    "dreyes@home.example");
	duplicates_are(NULL, 0);
	/* then that address writes, under another name */
	message("<s2@x>", "dreyes@home.example", "D R", NULL, NULL, NULL, NULL,
	    "hi", 6000);
	/* her own address in her signature is no pair; Kim signs as Lee */
	signed_message("<s3@x>", "dana@studio.example", "Dana Reyes",
	    "dana@studio.example");
	message("<s4@x>", "lee@l.example", "Lee", NULL, NULL, NULL, NULL, "hi",
	    6000);
	signed_message("<s5@x>", "kim@k.example", "Kim", "lee@l.example");
	duplicates_are(want, TL_NELEM(want));
	ck_assert_int_eq(side_int("SELECT count(*) FROM customers"), 4);
	ck_assert_int_eq(side_int("SELECT count(*) FROM signs"), 2);

	/* forgetting the one signed as takes the row naming them */
	ck_assert_int_eq(store_forget(S, "lee@l.example", &e), 1);
	ck_assert_int_eq(side_int("SELECT count(*) FROM signs WHERE"
	    " email = 'lee@l.example'"), 0);
	/* an ignored address is never recorded */
	ck_assert_int_eq(store_ignore(S, "@ignored.example", NULL, &removed,
	    &e), 0);
	signed_message("<s6@x>", "kim@k.example", "Kim", "kim@ignored.example");
	ck_assert_int_eq(side_int("SELECT count(*) FROM signs"), 1);
	/* merged, they are one person: nothing left to suggest */
	ck_assert_int_eq(store_merge(S, "dana@studio.example",
	    "dreyes@home.example", NULL, &e), 1);
	duplicates_are(NULL, 0);
	ck_assert_int_eq(side_int("SELECT count(*) FROM signs"), 0);
}
END_TEST

/* export_text - the JSON export of S as a string; caller frees */
static char *
export_text(struct store *s, size_t *len)
{
	struct err e = { "" };
	char *text = NULL;
	FILE *fp = open_memstream(&text, len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_msg(store_export(s, EXPORT_JSON, fp, &e) == 0, "%s", e.msg);
	fclose(fp);
	return text;
}

START_TEST(test_export_round_trip)
{
	static const char *const tables[] = {
		"customers", "addresses", "messages", "tags", "evidence",
		"referrals", "pending", "events", "revenue", "assessments",
		"notes", "ignores", "tombstones", "digests", "signs",
		"announced",
	};
	char path2[] = "/tmp/clientele-owner2-XXXXXX", sql[96], saved[64];
	struct store *s2;
	struct err e = { "" };
	struct fact_person p = { (char *)"una@u.example", NULL, true };
	struct fact_referral pend = { NULL, (char *)"Vic Vale",
	    (char *)"una@u.example", (char *)"pending", (char *)"Vic said" };
	struct fact_person amy = { (char *)"amy@a.example", (char *)"Amy", true };
	struct fact_announce ann = { (char *)"amy@a.example", (char *)"Vera Nash",
	    (char *)"I gave Vera Nash your number" };
	struct facts f = { 0 };
	size_t removed, n1, n2, nc;
	struct digest_window w, prev;
	char *one, *two;
	long long id;
	bool dup;

	if (tl_sqlite_only("a second store beside the first (export, import)"))
		return;

	message("<1@x>", "amy@a.example", "Amy", "bo@b.example", "praise", NULL,
	    NULL, "Thanks", 1000);
	message("<2@x>", "cy@c.example", "Cy", NULL, NULL, "amy@a.example",
	    "cy@c.example", "Amy sent me", 2000);
	message("<3@x>", "gus@g.example", "Gus", NULL, NULL, NULL, NULL, "x",
	    2000);
	f.kind = FACTS_INCOMING;
	f.key = (char *)"<4@x>";
	f.subject = (char *)"pending";
	f.date = 3000;
	f.people = &p;
	f.npeople = 1;
	f.referrals = &pend;
	f.nreferrals = 1;
	ck_assert_int_eq(store_apply(S, &f, &dup, &e), 0);
	signed_message("<5@x>", "amy@a.example", "Amy", "amy.home@h.example");
	/* Amy passed the owner's number on to someone who has not written */
	f.key = (char *)"<6@x>";
	f.subject = (char *)"Re: hedge";
	f.people = &amy;
	f.referrals = NULL;
	f.nreferrals = 0;
	f.announced = &ann;
	f.nannounced = 1;
	ck_assert_int_eq(store_apply(S, &f, &dup, &e), 0);
	/* a digest sent now covers the events so far, some of which forget removes */
	ck_assert_int_eq(store_digest_plan(S, 4000, 0, &w, &prev, &e), 0);
	ck_assert_int_eq(store_digest_mark(S, &w, 4000, &e), 0);
	ck_assert_int_eq(store_referral(S, "cy@c.example", "gus@g.example", NULL,
	    &e), 1);
	ck_assert_int_eq(store_note_add(S, "amy@a.example", "likes \"quotes\"",
	    &id, &e), 1);
	ck_assert_int_eq(store_ignore(S, "@spam.example", "noise", &removed,
	    &e), 0);
	ck_assert_int_eq(store_forget_for_good(S, "bo@b.example", false, &e),
	    1);
	ck_assert_int_eq(store_revenue_add(S, "amy@a.example", 12345, 1500,
	    "inv-1", false, &e), REVENUE_RECORDED);
	ck_assert_int_eq(store_assess(S, "amy@a.example", "integrity",
	    VERDICT_YES, ASSESS_OWNER, &e), 1);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", tables[i]);
		ck_assert_msg(side_int(sql) > 0, "%s is empty", tables[i]);
	}

	one = export_text(S, &n1);
	tl_mkstemp(path2);
	s2 = store_open(path2, cfg, STORE_CREATE, &e);
	ck_assert_msg(s2 != NULL, "%s", e.msg);
	ck_assert_msg(store_import(s2, one, n1, &nc, &e) == 0, "import: %s",
	    e.msg);
	two = export_text(s2, &n2);
	ck_assert_str_eq(two, one);
	ck_assert_uint_eq(n1, n2);
	/* the next digest starts where the sent one ended: the same events follow */
	ck_assert_int_eq(tl_side_int(path2, "SELECT count(*) FROM events WHERE"
	    " id > (SELECT upto_event FROM digests)"), side_int("SELECT count(*)"
	    " FROM events WHERE id > (SELECT upto_event FROM digests)"));
	ck_assert_int_gt(side_int("SELECT count(*) FROM events WHERE"
	    " id > (SELECT upto_event FROM digests)"), 0);
	ck_assert_int_eq(store_digest_plan(s2, 9000, 0, &w, &prev, &e), 0);
	ck_assert_int_eq(w.after_event, tl_side_int(path2,
	    "SELECT upto_event FROM digests"));
	ck_assert_int_eq(prev.upto_event, w.after_event);

	/* the tombstone still works in the new store */
	memcpy(saved, db_path, sizeof(saved));
	store_close(S);
	S = s2;
	message("<9@x>", "bo@b.example", "Bo", NULL, NULL, NULL, NULL, "back",
	    9000);
	ck_assert(!known("bo@b.example"));
	store_close(S);
	S = store_open(saved, cfg, 0, &e);
	ck_assert_ptr_nonnull(S);
	free(one);
	free(two);
	tl_db_remove(path2);
}
END_TEST

/* the digest's lists stop at 500 but its totals do not */
START_TEST(test_digest_totals)
{
	struct digest_data d;
	struct err e = { "" };
	char key[32], who[48];

	ck_assert_int_eq(store_begin(S, &e), 0);
	for (int i = 0; i < 502; i++) {
		snprintf(key, sizeof(key), "<%d@x>", i);
		snprintf(who, sizeof(who), "c%03d@c.example", i);
		message(key, who, NULL, NULL, NULL, NULL, NULL, "hello",
		    10000 + i);
	}
	ck_assert_int_eq(store_commit(S, &e), 0);
	ck_assert_int_eq(store_digest_data(S, 0, 20000, &d, &e), 0);
	ck_assert_uint_eq(d.enquiries.n, 500);
	ck_assert_uint_eq(d.enquiries.total, 502);
	ck_assert_uint_eq(d.referrals.total, 0);
	digest_data_clear(&d);
}
END_TEST

TL_SUITE_AROUND(store_owner, setup, teardown, 0, test_manual_credit_final, 0,
    test_ignore_domain, 0, test_ignore_address, 0, test_forget_tombstone, 0,
    test_notes_and_history, 0, test_find, 0, test_companies_and_duplicates, 0,
    test_duplicates_signs_as, 0, test_export_round_trip, 0,
    test_digest_totals, 0)
