/*
 * check_classify_joined - rudeness, sarcasm and a newcomer's job told by
 * their structure (session ten, recog22b), with the shipped rules.
 *
 * A rude phrase that runs on past an exception's shorter reading of its
 * own words ("You have no idea what you're doing" is not the sender's
 * "have no idea"); being made a fool of in either address ("tu te fous
 * de moi"); an insult noun in its feminine form ("une amatrice"); the
 * owner unable to manage the simplest thing, beside a dismissal; a
 * cheer after an account whose object is a virtue ("..., bravo le
 * professionnalisme.") praises nothing (classify_virtue.c); an
 * appointment the owner moved at short notice complains
 * (classify_notice.c); a reply that
 * joins a thread where the owner wrote to another party of the mail,
 * never to the sender, brings the sender's own job (cl_thread_joined,
 * classify_thread.c).  Each with the traps that must still tag, or must
 * not.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "classify/rules.h"
#include "mail/config.h"
#include "mail/message.h"
#include "testlib.h"

TL_OWNER_FIXTURE

/* is_customer - every sender is a customer (CustomerPolicy incoming) */
static bool
is_customer(void *ctx, const char *email)
{
	(void)ctx;
	(void)email;
	return true;
}

struct joined_case {
	const char *body;
	const char *tag;	/* the tag weighed */
	bool want;		/* the sender gets it */
};

/* has_tag - the facts give pat@example.net the tag */
static bool
has_tag(const struct facts *f, const char *email, const char *tag)
{
	for (size_t i = 0; i < f->ntags; i++)
		if (strcmp(f->tags[i].tag, tag) == 0 &&
		    strcmp(f->tags[i].email, email) == 0)
			return true;
	return false;
}

/* rudeness told by its shape, and the traps */
static const struct joined_case rude[] = {
	{ "The latch is a joke. You clearly have no idea what you're "
	  "doing.", "rude", true },
	{ "Honestly, you have no idea what you're doing.", "rude", true },
	{ "90 balles pour changer une carte ?? Tu te fous de moi.", "rude",
	  true },
	{ "Tu te moques de moi ? Trois semaines pour un frein.", "rude",
	  true },
	{ "Drei Wochen f\xc3\xbcr eine Bremse? Willst du mich auf den Arm "
	  "nehmen?", "rude", true },
	{ "Vous \xc3\xaates une amatrice, ni plus ni moins. Remboursez-moi.",
	  "rude", true },
	{ "Cancel the whole thing. You lot couldn't organise a piss-up in a "
	  "brewery. Don't bother replying.", "rude", true },
	{ "Annulez tout. Vous n'\xc3\xaates pas fichus de tenir un "
	  "rendez-vous. Ne m'\xc3\xa9" "crivez plus.", "rude", true },
	/* traps: the sender's own ignorance, a dismissal or contempt alone,
	 * contempt for a third party */
	{ "I have no idea what happened to the parcel.", "rude", false },
	{ "We have no idea what you'd charge for this, could you quote?",
	  "rude", false },
	{ "Don't bother replying, I'll ring you on Monday.", "rude", false },
	{ "The council couldn't organise a piss-up in a brewery, so the "
	  "road is still shut. Could you come on Friday instead?", "rude",
	  false },
};

/* a cheer after an account whose object is a virtue, and the traps */
static const struct joined_case virtue[] = {
	{ "Annuler un atelier la veille par mail, bravo le "
	  "professionnalisme. J'avais pris ma journ\xc3\xa9" "e.", "praise",
	  false },
	{ "Tres citas anuladas el mismo d\xc3\xad" "a, bravo por la "
	  "seriedad.", "praise", false },
	/* traps: thanks in the mail, the cheer that names the work */
	{ "Tout est arriv\xc3\xa9 \xc3\xa0 l'heure, bravo le "
	  "professionnalisme. Merci beaucoup !", "praise", true },
	{ "Le mur a \xc3\xa9t\xc3\xa9 mont\xc3\xa9 en deux jours, bravo "
	  "\xc3\xa0 toute l'\xc3\xa9quipe.", "praise", true },
	{ "The wall went up in two days, you did a brilliant job.", "praise",
	  true },
};

/* an appointment called off at short notice, and the traps */
static const struct joined_case notice[] = {
	{ "Cancel the whole thing. That's the third time your site visit has "
	  "been moved at the last minute.", "complaint", true },
	{ "Sie haben den Termin kurzfristig abgesagt, und ich hatte extra "
	  "freigenommen.", "complaint", true },
	{ "Vous avez encore annul\xc3\xa9 le rendez-vous \xc3\xa0 la "
	  "derni\xc3\xa8re minute.", "complaint", true },
	{ "Otra vez me has cambiado tu visita a \xc3\xbaltima hora.",
	  "complaint", true },
	{ "Your engineer rang at eight, and he cancelled your visit at the "
	  "last minute.", "complaint", true },
	/* traps: the sender's own doing, asked, a condition, thanks */
	{ "Sorry, I've moved your visit at the last minute again.",
	  "complaint", false },
	{ "Perdona, he cancelado tu visita a \xc3\xbaltima hora.",
	  "complaint", false },
	{ "Could your visit be moved at short notice?", "complaint", false },
	{ "If your visit is cancelled at the last minute, just ring me.",
	  "complaint", false },
	{ "Your visit was moved at the last minute, but thanks for fitting "
	  "us in on Friday.", "complaint", false },
};

/* check_case - classify a reply from Pat and assert the tag */
static void
check_case(const char *what, int n, const struct joined_case *k)
{
	char *ev = tl_reply_tag(cfg, rules, "Job", k->body, k->tag);

	ck_assert_msg((ev != NULL) == k->want, "%s %d: %s %s (%s)", what, n,
	    k->tag, ev != NULL ? "given" : "missed", k->body);
	free(ev);
}

START_TEST(rude_shape)
{
	check_case("rude", _i, &rude[_i]);
}
END_TEST

START_TEST(short_notice)
{
	check_case("notice", _i, &notice[_i]);
}
END_TEST

START_TEST(virtue_cheer)
{
	check_case("virtue", _i, &virtue[_i]);
}
END_TEST

/* ---- a reply that joins somebody else's thread ---- */

#define OWNERS_MAIL "q-1@brightdesk.example"

/* the owner's mail OWNERS_MAIL went to gwen, and to tessa when to_both */
static bool
said_to(void *ctx, const char *key, const char *email,
    struct classify_said *out)
{
	const bool *to_both = ctx;

	memset(out, 0, sizeof(*out));
	if (strcmp(key, OWNERS_MAIL) != 0)
		return false;
	return strcmp(email, "gwen@example.net") == 0 ||
	    (*to_both && strcmp(email, "tessa@example.org") == 0);
}

/* tessa_reply - Tessa answers Gwen's mail, Gwen copied in */
static struct facts *
tessa_reply(bool *to_both, const char *in_reply_to, const char *text)
{
	struct classify_known known = { .ctx = to_both,
	    .is_customer = is_customer, .owner_said = said_to };
	char raw[2048];
	struct err e;
	struct message *m;
	struct facts *f;

	snprintf(raw, sizeof(raw),
	    "From: Tessa Crane <tessa@example.org>\r\n"
	    "To: Sam <sam@brightdesk.example>\r\n"
	    "Cc: Gwen Ashby <gwen@example.net>\r\n"
	    "Subject: Re: restoration?\r\n"
	    "Message-ID: <t-1@example.org>\r\n"
	    "In-Reply-To: <%s>\r\n"
	    "References: <g-0@example.net> <" OWNERS_MAIL "> <g-1@example.net>"
	    "\r\n"
	    "Date: Tue, 4 Mar 2025 10:00:00 +0000\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
	    in_reply_to, text);
	m = message_parse(raw, strlen(raw), NULL, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	f = classify(m, NULL, cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	message_free(m);
	return f;
}

#define ROOF "Thanks Gwen for the intro. The roof has bowed so the front " \
	"won't close and one window is cracked. Would you do it for " \
	"\xc2\xa3" "120?"

START_TEST(thread_joined)
{
	bool to_both = false;
	struct facts *f = tessa_reply(&to_both, "g-1@example.net", ROOF);

	ck_assert_msg(!has_tag(f, "tessa@example.org", "complaint"),
	    "the newcomer's own job is no complaint");
	facts_free(f);
	/* traps: the owner wrote to her too; she answers the owner's mail */
	to_both = true;
	f = tessa_reply(&to_both, "g-1@example.net", ROOF);
	ck_assert_msg(has_tag(f, "tessa@example.org", "complaint"),
	    "the owner wrote to her: it complains");
	facts_free(f);
	to_both = false;
	f = tessa_reply(&to_both, OWNERS_MAIL, ROOF);
	ck_assert_msg(has_tag(f, "tessa@example.org", "complaint"),
	    "she answers the owner's mail: it complains");
	facts_free(f);
}
END_TEST

TL_SUITE_AROUND(classify_joined, setup, teardown, 0, rude_shape,
    TL_LOOPS(rude), virtue_cheer, TL_LOOPS(virtue), short_notice,
    TL_LOOPS(notice), thread_joined, 0)
