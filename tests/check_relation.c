/*
 * check_relation - contacts, prospects and customers, and sender trust,
 * through the whole pipeline into a real store.
 *
 * CustomerPolicy two-way (the default): a contact becomes a customer once
 * the owner wrote to them, they answer the owner's thread, or the owner
 * confirms them; referrals count between customers only; prospects'
 * tags make no problem customer.  Sender trust (issue 18, item 3): a
 * forged From cannot tag a customer, a throwaway address cannot make
 * itself good with introductions, Authentication-Results of this host
 * decide, and live mail claiming the owner's From is not the owner's.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/pipeline.h"
#include "store/store.h"
#include "store/store_owner.h"
#include "testlib.h"

static char dir[64];
static char db[96];
static struct config *cfg;
static struct rules *rules;
static struct store *store;

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/check_relation.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/clientele.db", dir);
	tl_owner_make(&cfg, &rules);
	store = tl_store_open(db, cfg, STORE_CREATE);
}

static void
teardown(void)
{
	store_close(store);
	tl_owner_done(&cfg, &rules);
	tl_db_done(db);
}

/*
 * feed - one message: headers (one string, '\n' ends) then body, through
 * the pipeline with env (NULL: ingest).
 */
static void
feed(const struct envelope *env, const char *headers, const char *body)
{
	struct pipeline p;
	struct pipeline_result res;
	struct err e = { "" };
	char msg[8192];
	int n;

	n = snprintf(msg, sizeof(msg), "%sDate: Mon, 02 Mar 2026 10:00:00 "
	    "+0000\n\n%s", headers, body);
	ck_assert(n > 0 && (size_t)n < sizeof(msg));
	pipeline_init(&p, cfg, rules, store);
	ck_assert_msg(pipeline_process(&p, msg, (size_t)n, env, &res, &e) == 0,
	    "%s", e.msg);
	pipeline_result_clear(&res);
}

/* status - "customer", "prospect" or "none" for email */
static const char *
status(const char *email)
{
	struct customer c;
	struct err e = { "" };
	int rc = store_summary(store, email, &c, &e);
	const char *r;

	ck_assert_msg(rc >= 0, "%s", e.msg);
	if (rc == 0)
		return "none";
	r = c.prospect ? "prospect" : "customer";
	customer_clear(&c);
	return r;
}

/* has_tag - the contact carries tag */
static bool
has_tag(const char *email, const char *tag)
{
	struct customer c;
	struct err e = { "" };
	bool found = false;

	if (store_summary(store, email, &c, &e) != 1)
		return false;
	found = strvec_contains(&c.tags, tag);
	customer_clear(&c);
	return found;
}

static const char ENQUIRY[] =
    "From: Dana Reyes <dana@reyes.example>\n"
    "To: Sam Carter <sam@brightdesk.example>\n"
    "Subject: A logo for my shop\n"
    "Message-ID: <enq-1@reyes.example>\n";

START_TEST(enquiry_then_answer)
{
	struct enquiry_list l;
	struct err e = { "" };

	feed(NULL, ENQUIRY, "Hello Sam, could you quote me for a logo?\n");
	ck_assert_str_eq(status("dana@reyes.example"), "prospect");
	ck_assert_int_eq(store_enquiries(store, 0, &l, &e), 0);
	ck_assert_int_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].email, "dana@reyes.example");
	ck_assert_str_eq(l.v[0].subject, "A logo for my shop");
	enquiry_list_free(&l);

	/* a second enquirer the owner never answers */
	feed(NULL, "From: Lee Park <lee@park.example>\n"
	    "To: sam@brightdesk.example\nSubject: Menu boards\n"
	    "Message-ID: <enq-2@park.example>\n", "Do you do menu boards?\n");

	feed(NULL, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: Dana Reyes <dana@reyes.example>\n"
	    "Subject: Re: A logo for my shop\n"
	    "Message-ID: <ans-1@brightdesk.example>\n"
	    "In-Reply-To: <enq-1@reyes.example>\n", "Gladly, here is a quote.\n");
	ck_assert_str_eq(status("dana@reyes.example"), "customer");
	ck_assert_int_eq(store_enquiries(store, 0, &l, &e), 0);
	ck_assert_int_eq(l.n, 1);
	ck_assert_str_eq(l.v[0].email, "lee@park.example");
	enquiry_list_free(&l);
}
END_TEST

/* answering in a thread the owner started makes a customer */
START_TEST(reply_in_owner_thread)
{
	/* (no enquiry: every message here answers something) */
	feed(NULL, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: Dana Reyes <dana@reyes.example>\n"
	    "Subject: Your logo\nMessage-ID: <own-1@brightdesk.example>\n",
	    "Here are the sketches.\n");
	feed(NULL, "From: Kim Reyes <kim@reyes.example>\n"
	    "To: sam@brightdesk.example\nSubject: Re: Your logo\n"
	    "Message-ID: <kim-1@reyes.example>\n"
	    "References: <own-1@brightdesk.example>\n",
	    "Dana forwarded these to me, I love them.\n");
	ck_assert_str_eq(status("kim@reyes.example"), "customer");
	/* a reply to someone else's thread does not */
	feed(NULL, "From: Max Pike <max@pike.example>\n"
	    "To: sam@brightdesk.example\nSubject: Re: something\n"
	    "Message-ID: <max-1@pike.example>\n"
	    "In-Reply-To: <nobody@elsewhere.example>\n", "Hi.\n");
	ck_assert_str_eq(status("max@pike.example"), "prospect");
	/* and, being a reply, it is no enquiry waiting for an answer */
	{
		struct enquiry_list l;
		struct err e = { "" };

		ck_assert_int_eq(store_enquiries(store, 0, &l, &e), 0);
		ck_assert_int_eq(l.n, 0);
		enquiry_list_free(&l);
	}
}
END_TEST

/* referrals: pending until both are customers; prospects' tags harmless */
START_TEST(pending_referral)
{
	struct customer_list l;
	struct err e = { "" };

	feed(NULL, ENQUIRY, "Hello Sam, could you quote me for a logo?\n");
	ck_assert_int_eq(store_confirm(store, "dana@reyes.example", &e), 1);
	feed(NULL, "From: Dana Reyes <dana@reyes.example>\n"
	    "To: Sam Carter <sam@brightdesk.example>\n"
	    "Cc: Tom Becker <tom@becker.example>\n"
	    "Subject: Meet Tom\nMessage-ID: <intro-1@reyes.example>\n",
	    "Sam, let me introduce Tom Becker, who runs the bike shop.\n");
	ck_assert_str_eq(status("tom@becker.example"), "prospect");
	ck_assert_int_eq(store_referrers(store, 0, 0, &l, &e), 0);
	ck_assert_int_eq(l.n, 1);
	ck_assert_int_eq(l.v[0].referrals, 0);
	ck_assert_int_eq(l.v[0].referrals_pending, 1);
	customer_list_free(&l);

	feed(NULL, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: Tom Becker <tom@becker.example>\n"
	    "Subject: Hello Tom\nMessage-ID: <tom-1@brightdesk.example>\n",
	    "Nice to meet you.\n");
	ck_assert_str_eq(status("tom@becker.example"), "customer");
	ck_assert_int_eq(store_referrers(store, 0, 0, &l, &e), 0);
	ck_assert_int_eq(l.n, 1);
	ck_assert_int_eq(l.v[0].referrals, 1);
	ck_assert_int_eq(l.v[0].referrals_pending, 0);
	customer_list_free(&l);

	/* a rude prospect is kept but is nobody's problem customer */
	feed(NULL, "From: Max Pike <max@pike.example>\n"
	    "To: sam@brightdesk.example\nSubject: quote\n"
	    "Message-ID: <max-2@pike.example>\n",
	    "You are idiots and your prices are a rip-off.\n");
	ck_assert(has_tag("max@pike.example", "rude"));
	ck_assert_int_eq(store_problems(store, &l, &e), 0);
	ck_assert_int_eq(l.n, 0);
	customer_list_free(&l);
	ck_assert_int_eq(store_confirm(store, "max@pike.example", &e), 1);
	ck_assert_int_eq(store_problems(store, &l, &e), 0);
	ck_assert_int_eq(l.n, 1);
	customer_list_free(&l);
	ck_assert_int_eq(store_confirm(store, "nobody@x.example", &e), 0);
}
END_TEST

/* the owner's word on a person (a credit, a note) makes them customers */
START_TEST(owner_word_confirms)
{
	struct customer_list l;
	struct err e = { "" };
	long long note;

	feed(NULL, ENQUIRY, "Hello Sam, could you quote me for a logo?\n");
	feed(NULL, "From: Lee Park <lee@park.example>\n"
	    "To: sam@brightdesk.example\nSubject: Menu boards\n"
	    "Message-ID: <enq-3@park.example>\n", "Do you do menu boards?\n");
	ck_assert_str_eq(status("lee@park.example"), "prospect");
	/* Sam knows Dana sent Lee: both are his customers now */
	ck_assert_int_eq(store_referral(store, "lee@park.example",
	    "dana@reyes.example", NULL, &e), 1);
	ck_assert_str_eq(status("lee@park.example"), "customer");
	ck_assert_str_eq(status("dana@reyes.example"), "customer");
	ck_assert_int_eq(store_referrers(store, 0, 0, &l, &e), 0);
	ck_assert_int_eq(l.n, 1);
	ck_assert_int_eq(l.v[0].referrals, 1);
	customer_list_free(&l);
	feed(NULL, "From: Max Pike <max@pike.example>\n"
	    "To: sam@brightdesk.example\nSubject: quote\n"
	    "Message-ID: <max-3@pike.example>\n", "How much?\n");
	ck_assert_int_eq(store_note_add(store, "max@pike.example",
	    "met him at the fair", &note, &e), 1);
	ck_assert_str_eq(status("max@pike.example"), "customer");
}
END_TEST

/* issue 18: a throwaway address introducing twelve people stays a prospect */
START_TEST(throwaway_introductions)
{
	struct customer_list l;
	struct customer c;
	struct err e = { "" };
	char hdr[2048];
	int n;

	n = snprintf(hdr, sizeof(hdr), "From: Fresh <fresh@throwaway.example>\n"
	    "To: sam@brightdesk.example\nCc: ");
	for (int i = 0; i < 12; i++)
		n += snprintf(hdr + n, sizeof(hdr) - (size_t)n, "%sFriend %d "
		    "<f%d@friends.example>", i ? ", " : "", i, i);
	snprintf(hdr + n, sizeof(hdr) - (size_t)n, "\nSubject: friends\n"
	    "Message-ID: <throw-1@throwaway.example>\n");
	feed(NULL, hdr, "Sam, let me introduce you to my friends.\n");
	ck_assert_str_eq(status("fresh@throwaway.example"), "prospect");
	ck_assert_int_eq(store_referrers(store, 0, 0, &l, &e), 0);
	ck_assert_int_eq(l.n, 0);
	customer_list_free(&l);

	/* with fewer recipients it is a contact, and still not good */
	feed(NULL, "From: Fresh <fresh@throwaway.example>\n"
	    "To: sam@brightdesk.example\nCc: Ann <ann@friends.example>, "
	    "Bo <bo@friends.example>\nSubject: friends\n"
	    "Message-ID: <throw-2@throwaway.example>\n",
	    "Sam, let me introduce you to Ann and Bo.\n");
	ck_assert_int_eq(store_summary(store, "fresh@throwaway.example", &c,
	    &e), 1);
	ck_assert(c.prospect);
	ck_assert_str_ne(c.category, "good");
	ck_assert_int_eq(c.referrals, 0);
	customer_clear(&c);
}
END_TEST

/* issue 18: a forged From cannot make a customer rude */
START_TEST(forged_from_in_milter)
{
	struct envelope genuine = { .mail_from = "dana@reyes.example" };
	struct envelope forged = { .mail_from = "attacker@evil.example" };
	struct customer c;
	struct err e = { "" };

	feed(&genuine, ENQUIRY, "Hello Sam, could you quote me for a logo?\n");
	ck_assert_int_eq(store_confirm(store, "dana@reyes.example", &e), 1);
	feed(&forged, "From: Dana Reyes <dana@reyes.example>\n"
	    "To: sam@brightdesk.example\nSubject: you\n"
	    "Message-ID: <forged-1@evil.example>\n",
	    "You are rude idiots and I will never pay.\n");
	ck_assert_int_eq(store_summary(store, "dana@reyes.example", &c, &e), 1);
	ck_assert(!strvec_contains(&c.tags, "rude"));
	ck_assert_str_ne(c.category, "bad");
	ck_assert_int_eq(c.unverified, 1);
	ck_assert_int_eq(c.messages, 1);
	customer_clear(&c);
	/* RequireSenderMatch no: the envelope is not compared */
	cfg->sender_match = MATCH_NEVER;
	feed(&forged, "From: Dana Reyes <dana@reyes.example>\n"
	    "To: sam@brightdesk.example\nSubject: you\n"
	    "Message-ID: <forged-2@evil.example>\n",
	    "You are rude idiots.\n");
	ck_assert(has_tag("dana@reyes.example", "rude"));
}
END_TEST

/* Authentication-Results of this host decide; others' are ignored */
START_TEST(authentication_results)
{
	struct envelope env = { .mail_from = "relay@esp.example" };
	struct customer c;
	struct err e = { "" };

	cfg->authserv_id = strdup("mx.brightdesk.example");
	ck_assert_ptr_nonnull(cfg->authserv_id);
	feed(&env, "From: Ann Lee <ann@lee.example>\n"
	    "To: sam@brightdesk.example\nSubject: hi\n"
	    "Message-ID: <ar-1@lee.example>\n"
	    "Authentication-Results: mx.brightdesk.example; dmarc=fail "
	    "(p=reject) header.from=lee.example; spf=pass "
	    "smtp.mailfrom=esp.example\n",
	    "Your prices are a rip-off, give me a discount.\n");
	ck_assert_int_eq(store_summary(store, "ann@lee.example", &c, &e), 1);
	ck_assert_int_eq(c.unverified, 1);
	ck_assert(!strvec_contains(&c.tags, "haggler"));
	customer_clear(&c);

	/* DMARC pass verifies whatever the envelope says */
	feed(&env, "From: Bo Lee <bo@lee.example>\n"
	    "To: sam@brightdesk.example\nSubject: hi\n"
	    "Message-ID: <ar-2@lee.example>\n"
	    "Authentication-Results: mx.brightdesk.example;\n"
	    "\tdkim=pass header.d=lee.example; dmarc=pass header.from=lee.example\n",
	    "Your prices are a rip-off, give me a discount.\n");
	ck_assert(has_tag("bo@lee.example", "haggler"));

	/* no DMARC: an aligned DKIM pass verifies, another domain's does not */
	feed(&env, "From: Cy Lee <cy@lee.example>\n"
	    "To: sam@brightdesk.example\nSubject: hi\n"
	    "Message-ID: <ar-3@lee.example>\n"
	    "Authentication-Results: mx.brightdesk.example; "
	    "dkim=pass header.d=mail.lee.example\n",
	    "Your prices are a rip-off, give me a discount.\n");
	ck_assert(has_tag("cy@lee.example", "haggler"));
	feed(&env, "From: Di Lee <di@lee.example>\n"
	    "To: sam@brightdesk.example\nSubject: hi\n"
	    "Message-ID: <ar-4@lee.example>\n"
	    "Authentication-Results: mx.brightdesk.example; "
	    "dkim=pass header.d=esp.example; spf=fail\n",
	    "Your prices are a rip-off, give me a discount.\n");
	ck_assert(!has_tag("di@lee.example", "haggler"));

	/* results under another id are the sender's words: the envelope decides */
	feed(&env, "From: Ed Lee <ed@lee.example>\n"
	    "To: sam@brightdesk.example\nSubject: hi\n"
	    "Message-ID: <ar-5@lee.example>\n"
	    "Authentication-Results: mx.elsewhere.example; dmarc=pass "
	    "header.from=lee.example\n",
	    "Your prices are a rip-off, give me a discount.\n");
	ck_assert(!has_tag("ed@lee.example", "haggler"));
}
END_TEST

/* live mail with the owner's From and nobody vouching makes nobody */
START_TEST(forged_owner)
{
	struct envelope anon = { .mail_from = "sam@brightdesk.example" };
	struct envelope authed = { .mail_from = "sam@brightdesk.example",
	    .auth_user = "sam" };
	struct envelope local = { .mail_from = "sam@brightdesk.example",
	    .local = true };

	feed(&anon, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: victim@prey.example\nSubject: invoice\n"
	    "Message-ID: <fake-1@brightdesk.example>\n", "Pay now.\n");
	ck_assert_str_eq(status("victim@prey.example"), "none");
	feed(&authed, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: ann@lee.example\nSubject: quote\n"
	    "Message-ID: <real-1@brightdesk.example>\n", "Here it is.\n");
	ck_assert_str_eq(status("ann@lee.example"), "customer");
	feed(&local, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: bo@lee.example\nSubject: quote\n"
	    "Message-ID: <real-2@brightdesk.example>\n", "Here it is.\n");
	ck_assert_str_eq(status("bo@lee.example"), "customer");
}
END_TEST

/* ingest --sent: the Sent folder is the owner's, an own From elsewhere is not */
START_TEST(sent_folder)
{
	struct envelope sent = { .sent = true };
	struct envelope stored = { .stored = true };

	feed(&stored, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: victim@prey.example\nSubject: invoice\n"
	    "Message-ID: <copy-1@brightdesk.example>\n", "Pay now.\n");
	ck_assert_str_eq(status("victim@prey.example"), "none");
	feed(&sent, "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: ann@lee.example\nSubject: quote\n"
	    "Message-ID: <sent-1@brightdesk.example>\n", "Here it is.\n");
	ck_assert_str_eq(status("ann@lee.example"), "customer");
}
END_TEST

/* CustomerPolicy incoming: a personal sender is a customer at once, noise never */
START_TEST(policy_incoming)
{
	cfg->customer_policy = POLICY_INCOMING;
	store_close(store);
	{
		struct err e = { "" };

		store = store_open(db, cfg, 0, &e);
		ck_assert_msg(store != NULL, "%s", e.msg);
	}
	feed(NULL, ENQUIRY, "Hello Sam, could you quote me for a logo?\n");
	ck_assert_str_eq(status("dana@reyes.example"), "customer");
	feed(NULL, "From: Shop <deals@shop.example>\n"
	    "To: sam@brightdesk.example\nSubject: Sale\n"
	    "Message-ID: <sale-1@shop.example>\n"
	    "X-Spam-Flag: YES\n", "Buy now.\n");
	ck_assert_str_eq(status("deals@shop.example"), "none");
}
END_TEST

TL_SUITE_AROUND(relation, setup, teardown, 0, enquiry_then_answer, 0,
    reply_in_owner_thread, 0, pending_referral, 0, owner_word_confirms, 0,
    throwaway_introductions, 0, forged_from_in_milter, 0,
    authentication_results, 0, forged_owner, 0, sent_folder, 0,
    policy_incoming, 0)
