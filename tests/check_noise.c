/*
 * check_noise - the noise gate against fixture mails: every verdict and
 * its reason (tests/fixtures/noise/), the role and VERP address shapes,
 * and the gate's place in classify (noise makes no contact, even under
 * CustomerPolicy incoming; the owner's post to a list makes nobody; an
 * out-of-office no header marks; a forward's recipient and a firm's desk
 * copied in by the owner are no contacts).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "mail/config.h"
#include "mail/message.h"
#include "classify/noise.h"
#include "classify/rules.h"
#include "testlib.h"

static struct config *cfg;

static void
setup(void)
{
	cfg = tl_owner_config();
}

static void
teardown(void)
{
	config_free(cfg);
	cfg = NULL;
}

/* parse - the fixture tests/fixtures/noise/NAME.eml, parsed whole */
static struct message *
parse(const char *name)
{
	char path[256], data[65536];
	struct err e = { "" };
	struct message *m;
	FILE *fp;
	size_t n;

	snprintf(path, sizeof(path), "fixtures/noise/%s.eml", name);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	m = message_parse(data, n, NULL, &e);
	ck_assert_msg(m != NULL, "%s: %s", path, e.msg);
	return m;
}

struct ncase {
	const char *fixture;
	enum noise_kind kind;
	const char *reason;	/* a part of the reason; NULL for NOISE_NONE */
};

static const struct ncase cases[] = {
	{ "spam-flag", NOISE_SPAM, "X-Spam-Flag: YES" },
	{ "spam-status", NOISE_SPAM, "X-Spam-Status: Yes" },
	{ "spam-status-no", NOISE_NONE, NULL },
	{ "rspamd-action", NOISE_SPAM, "X-Rspamd-Action: add header" },
	{ "rspamd-no-action", NOISE_NONE, NULL },
	{ "spam-level", NOISE_SPAM, "X-Spam-Level 7 stars" },
	{ "bogofilter", NOISE_SPAM, "X-Bogosity" },
	{ "newsletter-verp", NOISE_BULK, "Return-Path bounce-mc" },
	{ "newsletter-verp-from", NOISE_BULK, "VERP-shaped From" },
	{ "feedback-id", NOISE_BULK, "Feedback-ID" },
	{ "list-unsubscribe-post", NOISE_BULK, "List-Unsubscribe" },
	{ "list-archive", NOISE_BULK, "list tag and owner not in To/Cc" },
	{ "footer-unsubscribe", NOISE_BULK, "\"unsubscribe\" with a link" },
	{ "undisclosed", NOISE_BULK, "undisclosed recipients" },
	{ "many-recipients", NOISE_BULK, "17 visible recipients" },
	/* a pitch no filter marked: two kinds of its signs, first message */
	{ "spam-pitch-sales", NOISE_SPAM, "unsolicited offer (a sales mailbox and shouting" },
	{ "spam-pitch-optout", NOISE_SPAM, "a way to stop further mail and a price cut" },
	/* the bill that phishes: a link to follow within hours, to nobody */
	{ "spam-phish-bill", NOISE_SPAM, "a greeting to nobody in particular and a link to follow within hours" },
	/* a person sends a link and a time in hours: one kind */
	{ "personal-link-hours", NOISE_NONE, NULL },
	/* one kind alone (an angry customer shouts), or a reply, is no pitch */
	{ "personal-shouting", NOISE_NONE, NULL },
	/* two kinds that only set a tone: a worried customer, a shop's sales@ */
	{ "personal-urgent-madam", NOISE_NONE, NULL },
	{ "personal-sales-enquiry", NOISE_NONE, NULL },
	{ "personal-sales-reply", NOISE_NONE, NULL },
	{ "role-root", NOISE_AUTOMATED, "role sender root@server.example" },
	{ "role-admin", NOISE_AUTOMATED, "role sender ilug-admin@" },
	{ "role-owner", NOISE_AUTOMATED, "role sender owner-ilug@" },
	{ "role-notifications", NOISE_AUTOMATED, "role sender notifications@" },
	/* admin@, mail@ answering a thread by hand are somebody's desk; a
	 * first mail from one, a machine role's reply, bulk from one are not */
	{ "role-desk-reply", NOISE_NONE, NULL },
	{ "role-desk-first", NOISE_AUTOMATED, "role sender admin@hosting-panel" },
	{ "role-machine-reply", NOISE_AUTOMATED, "role sender notifications@" },
	{ "role-desk-bulk", NOISE_BULK, "List-Unsubscribe" },
	{ "auto-submitted", NOISE_AUTOMATED, "Auto-Submitted" },
	{ "bounce-return-path", NOISE_BOUNCE, "Return-Path: <>" },
	{ "bounce-empty-from", NOISE_BOUNCE, "From: MAILER-DAEMON" },
	{ "bounce-undeliverable", NOISE_BOUNCE, "subject \"Undeliverable\"" },
	{ "bounce-report", NOISE_BOUNCE, "multipart/report" },
	/* a delivery-status part the header does not announce */
	{ "bounce-report-inside", NOISE_BOUNCE, "delivery report" },
	{ "personal-enquiry", NOISE_NONE, NULL },
	{ "personal-batv", NOISE_NONE, NULL },
	{ "personal-subject-tag", NOISE_NONE, NULL },
	{ "personal-asks-unsubscribe", NOISE_NONE, NULL },
	{ "personal-cc", NOISE_NONE, NULL },
	{ "personal-auth-results", NOISE_NONE, NULL },
	/* an organisation's invitation to a handful, sent by hand: the
	 * display name names the domain, also beside the mailbox's word */
	{ "circular-firm", NOISE_BULK, "organisation's circular (\"Harbour Trade Fair\" to 4" },
	{ "circular-mailbox-word", NOISE_BULK, "organisation's circular" },
	/* a person inviting friends; the firm answering, or writing to three */
	{ "personal-invitation-many", NOISE_NONE, NULL },
	{ "personal-name-domain", NOISE_NONE, NULL },
	{ "circular-reply", NOISE_NONE, NULL },
	{ "circular-few", NOISE_NONE, NULL },
};

START_TEST(verdicts)
{
	const struct ncase *c = &cases[_i];
	struct noise_verdict v;
	struct message *m = parse(c->fixture);
	bool noise = noise_judge(m, NULL, cfg, true, &v);

	ck_assert_msg(noise == (c->kind != NOISE_NONE) && v.kind == c->kind,
	    "%s: kind %s (%s), want %s", c->fixture, noise_kind_name(v.kind),
	    v.reason, noise_kind_name(c->kind));
	if (c->reason != NULL)
		ck_assert_msg(strstr(v.reason, c->reason) != NULL &&
		    strncmp(v.reason, noise_kind_name(c->kind),
		    strlen(noise_kind_name(c->kind))) == 0,
		    "%s: reason '%s', want '%s'", c->fixture, v.reason,
		    c->reason);
	else
		ck_assert_str_eq(v.reason, "");
	message_free(m);
}
END_TEST

/*
 * the verdict in two halves, as the pipeline judges it: the header's part
 * before the body is parsed, the body's signs added after, is the verdict
 * on the whole message, reason and all (the body's delivery report too)
 */
START_TEST(verdict_in_halves)
{
	const struct ncase *c = &cases[_i];
	char path[256], data[65536];
	struct err e = { "" };
	struct noise_verdict whole, halves;
	struct noise_head h;
	struct message *m;
	FILE *fp;
	size_t n;
	bool head_noise;

	snprintf(path, sizeof(path), "fixtures/noise/%s.eml", c->fixture);
	ck_assert_msg((fp = fopen(path, "rb")) != NULL, "cannot open %s", path);
	n = fread(data, 1, sizeof(data), fp);
	fclose(fp);
	m = message_parse_header(data, n, NULL, &e);
	ck_assert_msg(m != NULL, "%s: %s", path, e.msg);
	head_noise = noise_judge_head(m, NULL, cfg, &h);
	ck_assert(head_noise == (h.v.kind != NOISE_NONE));
	ck_assert_int_eq(message_parse_body(m, &e), 0);
	ck_assert_int_eq(noise_judge_body(m, &h, &halves),
	    noise_judge(m, NULL, cfg, true, &whole));
	ck_assert_msg(halves.kind == whole.kind &&
	    strcmp(halves.reason, whole.reason) == 0,
	    "%s: halves '%s', whole '%s'", c->fixture, halves.reason,
	    whole.reason);
	message_free(m);
}
END_TEST

/* a desk's reply sent with its own address as envelope sender is a person's;
 * another role as envelope sender still marks bulk */
START_TEST(desk_envelope)
{
	struct envelope env = { .mail_from = "admin@fincas-norte.example" };
	struct noise_verdict v;
	struct message *m = parse("role-desk-reply");

	ck_assert_msg(!noise_judge(m, &env, cfg, true, &v), "%s", v.reason);
	env.mail_from = "bounces@fincas-norte.example";
	ck_assert(noise_judge(m, &env, cfg, true, &v));
	ck_assert_int_eq(v.kind, NOISE_BULK);
	message_free(m);
}
END_TEST

/* the null envelope sender of live mail is a bounce whatever it says */
START_TEST(null_envelope)
{
	struct envelope env = { .mail_from = "" };
	struct noise_verdict v;
	struct message *m = parse("personal-enquiry");

	ck_assert(noise_judge(m, &env, cfg, true, &v));
	ck_assert_int_eq(v.kind, NOISE_BOUNCE);
	ck_assert_str_eq(v.reason, "bounce: null envelope sender");
	env.mail_from = "news-4711-sam=brightdesk.example@bulk.example";
	ck_assert(noise_judge(m, &env, cfg, true, &v));
	ck_assert_int_eq(v.kind, NOISE_BULK);
	message_free(m);
}
END_TEST

/* '+' role, '-' a person: local parts at x.example */
static const char *const roles[] = {
	"+root", "+nobody", "+mail", "+daemon", "+ilug-admin", "+spam-bounces",
	"+owner-ilug", "+ilug-request", "+notifications", "+alerts",
	"+noreply", "+mailer-daemon", "+postmaster", "+www-data",
	"+bounces+x=y", "+no-responder", "+ne-pas-repondre",
	"+nicht-antworten", "-dana", "-mail.dana", "-rooter", "-admiral",
	"-sales", "-info", "-dana+shop",
};

START_TEST(role_shapes)
{
	char email[64];

	snprintf(email, sizeof(email), "%s@x.example", roles[_i] + 1);
	ck_assert_msg(noise_is_role(email) == (roles[_i][0] == '+'),
	    "%s: role %d", email, noise_is_role(email));
}
END_TEST

static const char *const verps[] = {
	"+list-bounces+dana=example.com@lists.example",
	"+bounce-mc.us5_4817.2210-sam=brightdesk.example@mail.example",
	"+lcx8472219430@weekly.example", "+a1b2c3d4e5f6a7b8c9d0@x.example",
	"-prvs=1234567890=dana@x.example", "-srs0=ab=cd=x.example=dana@y.example",
	"-dana.reyes@x.example", "-dana1985@x.example", "-cafe@x.example",
};

START_TEST(verp_shapes)
{
	const char *a = verps[_i] + 1;

	ck_assert_msg(noise_is_verp(a) == (verps[_i][0] == '+'), "%s", a);
}
END_TEST

/* classify: noise makes no contact, even when every sender counts */
START_TEST(noise_makes_nobody)
{
	static const char *const noisy[] = { "spam-flag", "list-archive",
	    "newsletter-verp", "role-root", "bounce-empty-from",
	    "footer-unsubscribe" };
	struct err e = { "" };
	struct rules *r = rules_default(&e);

	ck_assert_ptr_nonnull(r);
	cfg->customer_policy = POLICY_INCOMING;
	for (size_t i = 0; i < sizeof(noisy) / sizeof(noisy[0]); i++) {
		struct message *m = parse(noisy[i]);
		struct facts *f = classify(m, NULL, cfg, r, NULL);

		ck_assert_ptr_nonnull(f);
		ck_assert_msg(f->kind == FACTS_IGNORED && f->npeople == 0 &&
		    f->ntags == 0 && f->nreferrals == 0,
		    "%s: kind %d, %zu people", noisy[i], f->kind, f->npeople);
		ck_assert_ptr_nonnull(f->ignore_reason);
		facts_free(f);
		message_free(m);
	}
	rules_free(r);
}
END_TEST

/* the owner's post to a list makes no contact of the list */
START_TEST(owner_post_to_list)
{
	static const char list_post[] =
	    "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: ilug@linux.example\n"
	    "Subject: [ILUG] which distribution for a small office?\n"
	    "Message-ID: <post@brightdesk.example>\n"
	    "List-Id: Irish Linux Users <ilug.linux.example>\n\n"
	    "Any advice?\n";
	struct err e = { "" };
	struct message *m = message_parse(list_post, sizeof(list_post) - 1,
	    NULL, &e);
	struct facts *f;

	ck_assert_ptr_nonnull(m);
	f = classify(m, NULL, cfg, NULL, NULL);
	ck_assert_int_eq(f->kind, FACTS_IGNORED);
	ck_assert_int_eq(f->npeople, 0);
	ck_assert_ptr_nonnull(strstr(f->ignore_reason, "owner's post to a list"));
	facts_free(f);
	message_free(m);
}
END_TEST

static bool
list_is_ilug(void *ctx, const char *email)
{
	(void)ctx;
	return strcmp(email, "ilug@linux.example") == 0;
}

START_TEST(known_list_skipped)
{
	static const char post[] =
	    "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: ilug@linux.example, Dana <dana@reyes.example>\n"
	    "Subject: which distribution?\n"
	    "Message-ID: <post3@brightdesk.example>\n\n"
	    "Any advice?\n";
	struct classify_known k = { .is_list = list_is_ilug };
	struct err e = { "" };
	struct message *m = message_parse(post, sizeof(post) - 1, NULL, &e);
	struct facts *f = classify(m, NULL, cfg, NULL, &k);

	ck_assert_int_eq(f->kind, FACTS_OUTGOING);
	ck_assert_int_eq(f->npeople, 1);
	ck_assert_str_eq(f->people[0].email, "dana@reyes.example");
	facts_free(f);
	message_free(m);
}
END_TEST

/* bulk mail names its list's address for the store to remember */
START_TEST(list_address_learnt)
{
	static const char msg[] =
	    "From: Kim <kim@lee.example>\n"
	    "To: ilug@linux.example\n"
	    "Subject: [ILUG] patch\n"
	    "Message-ID: <l1@lee.example>\n"
	    "List-Post: <mailto:ilug@linux.example>\n\n"
	    "Patch attached.\n";
	struct err e = { "" };
	struct message *m = message_parse(msg, sizeof(msg) - 1, NULL, &e);
	struct facts *f = classify(m, NULL, cfg, NULL, NULL);

	ck_assert_int_eq(f->kind, FACTS_IGNORED);
	ck_assert_ptr_nonnull(f->list_address);
	ck_assert_str_eq(f->list_address, "ilug@linux.example");
	facts_free(f);
	message_free(m);
}
END_TEST

/* An out-of-office no header marks: a short answer, asking nothing,
 * with two kinds of its signs, one of them about the mailbox. */
struct away_case {
	const char *subject, *headers, *body;
	bool away;
};

static const struct away_case aways[] = {
	{ "Re: your order is ready", "", "Hello, I'm currently away on "
	    "annual leave until Monday 20th July and not checking emails. Deb",
	    true },
	{ "AW: Anfrage", "In-Reply-To: <q@brightdesk.example>\r\n",
	    "Vielen Dank f\xc3\xbcr Ihre Nachricht.\n\nDie Gesch\xc3\xa4"
	    "ftsstelle ist vom 30.06. bis 01.08. nicht besetzt. In dringenden "
	    "F\xc3\xa4llen wenden Sie sich bitte an das Sekretariat.", true },
	{ "Re: Nettoyage", "", "Merci pour votre message.\n\nNotre "
	    "\xc3\xa9quipe vous r\xc3\xa9pondra dans les 48 heures. Pour "
	    "toute demande urgente, appelez la r\xc3\xa9" "ception.", true },
	{ "Re: presupuesto", "", "Hola, me encuentro actualmente de "
	    "vacaciones hasta el 3 de agosto, sin acceso al correo. Un "
	    "saludo, Marta", true },
	/* a person: asking, writing at length, only away and thankful, or
	 * writing first */
	{ "Re: your order is ready", "", "Hello, I'm currently away on "
	    "annual leave with no access to email. Could you deliver on "
	    "Tuesday instead?", false },
	{ "Re: quote", "", "Thanks for your email. We are on holiday until "
	    "the 5th, so let's start the work the week after.", false },
	{ "Brochure", "", "Hello, I'm currently away on annual leave and not "
	    "checking emails, so please post the brochure to the shop.",
	    false },
	{ "Re: the fence", "", "Hello, I'm currently away on annual leave and "
	    "not checking emails, but I wanted to say the fence looks "
	    "wonderful: the panels are straight, the posts are solid and the "
	    "gate closes without a sound. The neighbours have already asked "
	    "who did it, and I gave them your number. Thank you again for the "
	    "care you took with the old hedge, and for tidying up so well "
	    "afterwards. We will certainly be in touch about the shed in "
	    "spring, once the weather turns and the ground has dried out.",
	    false },
};

START_TEST(away_without_headers)
{
	const struct away_case *a = &aways[_i];
	struct rules *r = tl_rules_default();
	struct message *m = tl_mail_to_owner(a->subject, a->headers, a->body);
	struct facts *f = classify(m, NULL, cfg, r, NULL);

	ck_assert_ptr_nonnull(f);
	ck_assert_msg((f->kind == FACTS_IGNORED) == a->away, "%s: kind %d "
	    "(%s)", a->body, f->kind, f->ignore_reason ? f->ignore_reason : "");
	if (a->away)
		ck_assert_ptr_nonnull(strstr(f->ignore_reason,
		    "out-of-office text"));
	facts_free(f);
	message_free(m);
	rules_free(r);
}
END_TEST

static bool
knows_lee(void *ctx, const char *email)
{
	(void)ctx;
	return strcmp(email, "lee@park.example") == 0;
}

/* the owner forwards a customer's request to a supplier: the customer is
 * the contact, the supplier none (one already known stays one) */
START_TEST(owner_forward_to_supplier)
{
	static const char fwd[] =
	    "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: Orders <orders@paper-mill.example>, Lee Park <lee@park.example>\n"
	    "Subject: Fwd: Logo for the bakery\n"
	    "Message-ID: <fwd1@brightdesk.example>\n\n"
	    "Hello, can you hold 500 sheets of the cream card for this one?\n\n"
	    "Sam\n\n"
	    "-------- Forwarded Message --------\n"
	    "Subject: Logo for the bakery\n"
	    "From: Dana Reyes <dana@reyes.example>\n"
	    "To: Sam Carter <sam@brightdesk.example>\n\n"
	    "Could you design a logo and cards for my bakery?\n";
	struct classify_known k = { .is_customer = knows_lee };
	struct err e = { "" };
	struct message *m = message_parse(fwd, sizeof(fwd) - 1, NULL, &e);
	struct facts *f = classify(m, NULL, cfg, NULL, &k);
	bool dana = false, lee = false;

	ck_assert_int_eq(f->kind, FACTS_OUTGOING);
	for (size_t i = 0; i < f->npeople; i++) {
		ck_assert_str_ne(f->people[i].email, "orders@paper-mill.example");
		dana |= strcmp(f->people[i].email, "dana@reyes.example") == 0;
		lee |= strcmp(f->people[i].email, "lee@park.example") == 0;
	}
	ck_assert(dana && lee);
	facts_free(f);
	message_free(m);
}
END_TEST

/* the owner copies the office of the firm written to: the person in To
 * is the contact; a named colleague, or a bare address elsewhere, is one */
START_TEST(owner_copies_desk)
{
	static const char msg[] =
	    "From: Sam Carter <sam@brightdesk.example>\n"
	    "To: Lee Granger <lee@grangerhire.example>\n"
	    "Cc: accounts@grangerhire.example, Mia Holt <mia@grangerhire.example>,"
	    " jo@bloggs.example\n"
	    "Subject: Second reminder: invoice 1187\n"
	    "Message-ID: <rem2@brightdesk.example>\n\n"
	    "Hello Lee, invoice 1187 is still open.\n";
	struct err e = { "" };
	struct message *m = message_parse(msg, sizeof(msg) - 1, NULL, &e);
	struct facts *f = classify(m, NULL, cfg, NULL, NULL);

	ck_assert_int_eq(f->kind, FACTS_OUTGOING);
	ck_assert_int_eq(f->npeople, 3);
	for (size_t i = 0; i < f->npeople; i++)
		ck_assert_str_ne(f->people[i].email,
		    "accounts@grangerhire.example");
	facts_free(f);
	message_free(m);
}
END_TEST

TL_SUITE_AROUND(noise, setup, teardown, 0,
    verdicts, TL_LOOPS(cases), verdict_in_halves, TL_LOOPS(cases),
    null_envelope, 0, desk_envelope, 0, role_shapes, TL_LOOPS(roles),
    verp_shapes, TL_LOOPS(verps), noise_makes_nobody, 0,
    owner_post_to_list, 0, known_list_skipped, 0, list_address_learnt, 0,
    away_without_headers, TL_LOOPS(aways), owner_forward_to_supplier, 0,
    owner_copies_desk, 0)
