/*
 * check_classify_said - the owner's word a reply answers without quoting
 * it (classify_said.c, cl_owner_said in classify_thread.c), with the
 * shipped rules.
 *
 * The owner's own mail: the highest money amount of its new text (never
 * its quote; a percentage is none) and whether it names a bill (a deposit
 * asked is one), in facts.said.  A reply: what the store says of the mail
 * it answers comes from a table standing in for owner_said, keyed by the
 * id answered and the sender; it is the price a counter-figure is weighed
 * against, makes an insult over it a quarrel over money (rude, no
 * complaint), and makes a bill's thread, where a payment put off in a
 * sentence about paying is slow payment and contempt for it rude.  Traps: the owner's price taken
 * up, a fault insulted after mail that named no money, a day named in
 * reply to a bill, a reply that quotes (the quote is read, the store not
 * asked), the owner's price to somebody else.
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

#define ANSWERED "job-1@brightdesk.example"
#define SENDER "pat@example.net"

/* ---- the owner's own mail ---- */

static const struct {
	const char *subject, *text;
	unsigned long long cents;
	bool bill;
} owners[] = {
	{ "Re: the kiln", "Hi Tom, a full service and safety check is "
	  "\xc2\xa3" "240 plus parts, or \xc2\xa3" "95 for the check alone.",
	  24000, false },
	{ "Re: figuras", "Hola: las tres figuras ser\xc3\xad" "an 480 \xe2\x82"
	  "\xac, o 170 \xe2\x82\xac una sola.", 48000, false },
	/* a number in a sentence that speaks of money */
	{ "Re: Hecke", "Der Preis w\xc3\xa4re 350 f\xc3\xbcr die ganze "
	  "Hecke.", 35000, false },
	/* a deposit asked is a bill; a percentage is no sum */
	{ "Re: pupitre", "Para empezar necesito un anticipo del 30 %.", 0,
	  true },
	{ "Re: Tische", "Ich brauche vorab eine Anzahlung von einem "
	  "Drittel.", 0, true },
	{ "Re: the mirror", "I'll need a 40% deposit before I order the "
	  "glass.", 0, true },
	/* the bill in the subject, or in the text */
	{ "Facture 2026-118", "Bonjour, vous trouverez le d\xc3\xa9tail "
	  "ci-joint.", 0, true },
	{ "Re: Standuhr", "Die Uhr ist fertig, die Rechnung \xc3\xbc" "ber "
	  "1.250 Euro liegt bei.", 125000, true },
	/* nothing of money */
	{ "Re: visit", "We can come on Tuesday the 12th at 9 if that "
	  "suits.", 0, false },
};

/* raw_mail - the bytes of a mail from from to to; NULL quote: none */
static struct message *
mail_of(const char *from, const char *to, const char *subject,
    const char *extra, const char *text, const char *quote)
{
	char raw[4096];
	struct err e;
	struct message *m;

	snprintf(raw, sizeof(raw),
	    "From: %s\r\n"
	    "To: %s\r\n"
	    "Subject: %s\r\n"
	    "Message-ID: <said-%zu@example.net>\r\n"
	    "%s"
	    "Date: Tue, 4 Mar 2025 10:00:00 +0000\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n%s%s",
	    from, to, subject, strlen(text), extra, text,
	    quote != NULL ? "\r\n> " : "", quote != NULL ? quote : "");
	m = message_parse(raw, strlen(raw), NULL, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	return m;
}

START_TEST(owner_said)
{
	struct message *m = mail_of("Sam <sam@brightdesk.example>",
	    "Pat Doyle <" SENDER ">", owners[_i].subject, "", owners[_i].text,
	    NULL);
	struct facts *f = classify(m, NULL, cfg, rules, NULL);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, FACTS_OUTGOING);
	ck_assert_msg(f->said.cents == owners[_i].cents,
	    "case %d: %llu cents, wanted %llu (%s)", _i, f->said.cents,
	    owners[_i].cents, owners[_i].text);
	ck_assert_msg(f->said.bill == owners[_i].bill, "case %d: bill %d (%s)",
	    _i, f->said.bill, owners[_i].text);
	facts_free(f);
	message_free(m);
}
END_TEST

/* the owner's quote of the customer's mail names no price of the owner's */
START_TEST(owner_quote_not_read)
{
	struct message *m = mail_of("Sam <sam@brightdesk.example>",
	    "Pat Doyle <" SENDER ">", "Re: shelves", "",
	    "Tuesday at nine is fine.", "Another firm wants \xc2\xa3" "900 "
	    "for the invoice they sent.");
	struct facts *f = classify(m, NULL, cfg, rules, NULL);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, FACTS_OUTGOING);
	ck_assert_msg(f->said.cents == 0 && !f->said.bill, "%llu %d",
	    f->said.cents, f->said.bill);
	facts_free(f);
	message_free(m);
}
END_TEST

/* ---- replies ---- */

/* What the store is asked and what it knows: the owner's mail ANSWERED
 * to SENDER said said; the last question asked is kept. */
struct table {
	bool known;
	struct classify_said said;
	int asked;
	char key[128], email[128];
};

static bool
table_said(void *ctx, const char *key, const char *email,
    struct classify_said *out)
{
	struct table *t = ctx;

	t->asked++;
	snprintf(t->key, sizeof(t->key), "%s", key);
	snprintf(t->email, sizeof(t->email), "%s", email);
	if (!t->known || strcmp(key, ANSWERED) != 0 ||
	    strcmp(email, SENDER) != 0)
		return false;
	*out = t->said;
	return true;
}

/* tags_of - the sender's tags but enquiry, in order, space-separated */
static void
tags_of(const struct facts *f, char *out, size_t len)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < f->ntags && n < len; i++)
		if (strcmp(f->tags[i].email, SENDER) == 0 &&
		    strcmp(f->tags[i].tag, "enquiry") != 0)
			n += (size_t)snprintf(out + n, len - n, "%s%s",
			    n ? " " : "", f->tags[i].tag);
}

/* reply - classify text from SENDER answering ANSWERED (unquoted unless
 * quote) with what the table knows; the sender's tags into got */
static struct facts *
reply(struct table *t, const char *text, const char *quote, char *got,
    size_t len)
{
	struct classify_known known = { .ctx = t, .owner_said = table_said };
	struct message *m = mail_of("Pat Doyle <" SENDER ">",
	    "Sam <sam@brightdesk.example>", "Re: your mail",
	    "In-Reply-To: <" ANSWERED ">\r\n", text, quote);
	struct facts *f = classify(m, NULL, cfg, rules, &known);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, FACTS_INCOMING);
	tags_of(f, got, len);
	message_free(m);
	return f;
}

#define EUR(n) ((unsigned long long)(n) * 100)

static const struct {
	unsigned long long cents;	/* what the owner's mail said */
	bool bill;
	const char *text;
	const char *with, *without;	/* tags with it known, and not */
} replies[] = {
	/* an insult over the price only the unquoted mail named */
	{ EUR(240), false, "\xc2\xa3" "240?? You must think I was born "
	  "yesterday. You people are all the same.", "rude",
	  "rude complaint" },
	/* ... or over a deposit asked */
	{ 0, true, "Es usted un sinverg\xc3\xbc" "enza. El anticipo se lo "
	  "puede ahorrar.", "rude", "rude complaint" },
	/* a counter-figure asked against the owner's price */
	{ EUR(480), false, "\xc2\xbfY si lo dejamos en 320?", "haggler", "" },
	{ EUR(1200), false, "Would you take 950 if I book today?", "haggler",
	  "" },
	/* the owner's price taken up, or named back */
	{ EUR(480), false, "Vale, 480 me parece bien. \xc2\xbf" "Cu\xc3\xa1ndo "
	  "las tendr\xc3\xad" "a?", "", "" },
	/* a unit price is no counter-offer to a total */
	{ EUR(900), false, "Could you do them at \xc2\xa3" "12 each?",
	  "haggler", "haggler" },
	/* a payment put off in reply to a bill; a day for the work is none */
	{ 0, true, "You will have the \xc2\xa3" "420 after the holidays.",
	  "slow-payer", "" },
	{ 0, true, "Thanks, the clock runs beautifully. See you in May for "
	  "the next one.", "praise", "praise" },
	/* contempt for the owner's unquoted reminder */
	{ 0, true, "Stop chasing me every other day, I know what I owe.",
	  "rude", "" },
	/* the owner's mail named no money: an insult over a fault complains */
	{ 0, false, "You cowboys. The kiln door is cracked again.",
	  "rude complaint", "rude complaint" },
};

START_TEST(answers_said)
{
	struct table t = { true, { replies[_i].cents, replies[_i].bill }, 0,
	    "", "" };
	char got[256];
	struct facts *f = reply(&t, replies[_i].text, NULL, got, sizeof(got));

	tl_case_eq(_i, "tags, the owner's mail known", got, replies[_i].with);
	ck_assert_int_eq(t.asked, 1);
	ck_assert_str_eq(t.key, ANSWERED);
	ck_assert_str_eq(t.email, SENDER);
	facts_free(f);
	t.known = false;
	f = reply(&t, replies[_i].text, NULL, got, sizeof(got));
	tl_case_eq(_i, "tags, nothing known", got, replies[_i].without);
	facts_free(f);
}
END_TEST

/* a reply that quotes answers what it quotes: the store is not asked */
START_TEST(quote_read_instead)
{
	struct table t = { true, { EUR(240), false }, 0, "", "" };
	char got[256];
	struct facts *f = reply(&t, "You cowboys. The kiln door is cracked "
	    "again.", "We'll come on Tuesday.", got, sizeof(got));

	ck_assert_str_eq(got, "rude complaint");
	ck_assert_int_eq(t.asked, 0);
	facts_free(f);
}
END_TEST

/* the owner's price to somebody else is not the owner's word to them;
 * the last References id is the one answered when In-Reply-To is lost */
START_TEST(whose_mail)
{
	struct table t = { true, { EUR(240), false }, 0, "", "" };
	struct classify_known known = { .ctx = &t, .owner_said = table_said };
	struct message *m = mail_of("Kim Roe <kim@example.net>",
	    "Sam <sam@brightdesk.example>", "Re: your mail",
	    "In-Reply-To: <" ANSWERED ">\r\n", "\xc2\xa3" "240?? You must "
	    "think I was born yesterday. You people are all the same.", NULL);
	struct facts *f = classify(m, NULL, cfg, rules, &known);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(t.asked, 1);
	ck_assert_str_eq(t.email, "kim@example.net");
	ck_assert_msg(f->ntags >= 2, "rude and complaint: %zu tags", f->ntags);
	facts_free(f);
	message_free(m);
	m = mail_of("Pat Doyle <" SENDER ">", "Sam <sam@brightdesk.example>",
	    "Re: your mail", "References: <first@example.net> <" ANSWERED
	    ">\r\n", "\xc2\xbfY si lo dejamos en 200?", NULL);
	f = classify(m, NULL, cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(t.key, ANSWERED);
	ck_assert_int_eq(f->ntags, 1);
	ck_assert_str_eq(f->tags[0].tag, "haggler");
	facts_free(f);
	message_free(m);
}
END_TEST

TL_SUITE_AROUND(classify_said, setup, teardown, 0,
    owner_said, TL_LOOPS(owners), owner_quote_not_read, 0,
    answers_said, TL_LOOPS(replies), quote_read_instead, 0, whose_mail, 0)
