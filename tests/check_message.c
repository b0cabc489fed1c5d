/*
 * check_message - the message parser against fixture mails and hostile
 * input: headers, RFC 2047 names, body decoding, the now/quoted/signature
 * split, markers and limits.  Fixtures live in tests/fixtures/.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/message.h"
#include "util/strutil.h"
#include "testlib.h"

static struct message *
parse_fixture(const char *name)
{
	struct err e = { { 0 } };
	struct message *m;
	size_t len;
	char *data = tl_fixture(name, &len);

	m = message_parse(data, len, NULL, &e);
	free(data);
	ck_assert_msg(m != NULL, "%s: %s", name, e.msg);
	return m;
}

/*
 * parse_made - the message fmt makes of the arguments (at most 1 KiB),
 * which must parse; caller frees
 */
static struct message *parse_made(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static struct message *
parse_made(const char *fmt, ...)
{
	char mail[1024];
	struct message *m;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(mail, sizeof(mail), fmt, ap);
	va_end(ap);
	ck_assert_int_lt(n, (int)sizeof(mail));
	m = message_parse(mail, (size_t)n, NULL, NULL);
	ck_assert_msg(m != NULL, "not parsed: %s", mail);
	return m;
}

/* every string a message holds is valid UTF-8 */
static void
assert_utf8(const struct message *m)
{
	const char *s[] = { m->from.email, m->from.name, m->subject,
		m->message_id, m->list_id, m->text, m->quoted, m->signature };

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		if (s[i] != NULL)
			ck_assert(utf8_valid(s[i], strlen(s[i])));
	for (size_t i = 0; i < m->to.n; i++)
		ck_assert(utf8_valid(m->to.v[i].email,
		    strlen(m->to.v[i].email)));
}

/* ---- the same mail with LF, CRLF and CR line ends ---------------------- */

static const char *const line_end_fixtures[] = {
	"plain-lf.eml", "plain-crlf.eml", "plain-cr.eml",
};

START_TEST(test_line_ends)
{
	struct message *m = parse_fixture(line_end_fixtures[_i]);
	struct message *lf = parse_fixture("plain-lf.eml");

	ck_assert_str_eq(m->from.email, "dana.reyes@example.com");
	ck_assert_str_eq(m->from.name, "Reyes, Dana");
	ck_assert_uint_eq(m->to.n, 2);
	ck_assert_str_eq(m->to.v[0].email, "owner@shop.example");
	ck_assert_str_eq(m->to.v[0].name, "Owner");
	ck_assert_str_eq(m->to.v[1].email, "sam@example.org");
	ck_assert_ptr_null(m->to.v[1].name);
	/* the Cc group is flattened */
	ck_assert_uint_eq(m->cc.n, 2);
	ck_assert_str_eq(m->cc.v[0].email, "pat@example.net");
	ck_assert_str_eq(m->cc.v[1].email, "lee@example.net");
	ck_assert_str_eq(m->subject, "Quote for the garden fence, please");
	ck_assert_str_eq(m->message_id, "garden-1@mail.example.com");
	ck_assert_str_eq(message_key(m), "garden-1@mail.example.com");
	ck_assert_str_eq(m->in_reply_to, "ask-0@shop.example");
	ck_assert_uint_eq(m->nreferences, 3);
	ck_assert_str_eq(m->references[0], "root@shop.example");
	ck_assert_str_eq(m->references[2], "mid@x.example");
	/* 10:00 at +0200 is 08:00 UTC */
	ck_assert_int_eq((long long)m->date, 1717401600LL);
	ck_assert_str_eq(m->text,
	    "Hello,\n\ncould you send me a quote for the fence?\n\nDana");
	ck_assert_str_eq(m->quoted, "");
	ck_assert_str_eq(m->signature, "");
	ck_assert(!m->truncated);
	/* with a Message-ID the header digest is not needed, nor computed */
	ck_assert_ptr_null(m->header_digest);
	message_free(lf);
	message_free(m);
}
END_TEST

/* ---- display names ----------------------------------------------------- */

struct name_case {
	const char *fixture;
	const char *email;
	const char *name;
};

static const struct name_case name_cases[] = {
	{ "name-utf8-q.eml", "jm@example.de", "J\xc3\xbcrgen M\xc3\xbcller" },
	{ "name-latin1-q.eml", "renee@example.fr", "Ren\xc3\xa9" "e Dubois" },
	{ "name-utf8-b.eml", "zoe@example.se",
	    "Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m" },
	{ "name-split-words.eml", "cafe@example.com", "Caf\xc3\xa9 Owner" },
	{ "name-unknown-charset.eml", "cafe@example.com", "Caf\xc3\xa9" },
	{ "name-invalid-bytes.eml", "bad@example.com",
	    "Bad\xef\xbf\xbd\xef\xbf\xbdname" },
	{ "name-raw-8bit.eml", "rene@example.fr", "Ren\xef\xbf\xbd" },
};

START_TEST(test_names)
{
	const struct name_case *c = &name_cases[_i];
	struct message *m = parse_fixture(c->fixture);

	ck_assert_str_eq(m->from.email, c->email);
	ck_assert_str_eq(m->from.name, c->name);
	assert_utf8(m);
	message_free(m);
}
END_TEST

/* From values as found in the wild, and the address each should give */
struct from_case {
	const char *value;
	const char *email;	/* NULL: no sender */
	const char *name;
};

static const struct from_case from_cases[] = {
	{ "Dana Reyes <Dana@Example.com>", "dana@example.com", "Dana Reyes" },
	{ "\"'Dana Reyes'\" <d@example.com>", "d@example.com", "Dana Reyes" },
	{ "dana@example.com (Dana Reyes)", "dana@example.com", NULL },
	{ "Dana Reyes <dana@example.com", "dana@example.com", NULL },
	{ "Dana@Example.com;", "dana@example.com", NULL },
	{ "\"Dana =?utf-8?q?R=C3=A9yes?=\" <d@example.com>", "d@example.com",
	    "Dana R\xc3\xa9yes" },
	{ "<>", NULL, NULL },
	{ "undisclosed-recipients:;", NULL, NULL },
};

START_TEST(test_from_forms)
{
	const struct from_case *c = &from_cases[_i];
	struct message *m = parse_made("From: %s\nSubject: t\n\nhi\n",
	    c->value);

	if (c->email == NULL)
		ck_assert_ptr_null(m->from.email);
	else
		ck_assert_str_eq(m->from.email, c->email);
	if (c->name == NULL)
		ck_assert_ptr_null(m->from.name);
	else
		ck_assert_str_eq(m->from.name, c->name);
	message_free(m);
}
END_TEST

START_TEST(test_subject_raw_8bit)
{
	struct message *m = parse_fixture("name-raw-8bit.eml");

	ck_assert_str_eq(m->subject, "caf\xef\xbf\xbd");
	message_free(m);
}
END_TEST

/* ---- body text --------------------------------------------------------- */

struct body_case {
	const char *fixture;
	const char *text;	/* exact */
	bool html_only;
};

static const struct body_case body_cases[] = {
	{ "qp-body.eml", "It\xe2\x80\x99s a long line that was wrapped by "
	    "the quoted-printable encoder, and 1+1=2.\n"
	    "Stray = sign and bad =ZZ escape.", false },
	/* "À bientôt." is a closing: it goes with the signature */
	{ "base64-latin1.eml", "Tr\xc3\xa8s bien, merci pour le devis.",
	    false },
	{ "alternative.eml", "Plain words win.", false },
	{ "mixed-attachment.eml",
	    "First inline part.\nSecond inline part.", false },
	{ "html-only.eml", "Fish & chips <3 \xc3\xa9t\xc3\xa9 \xc3\xa9 "
	    "&bogus; done\n\nSecond line\nThird line\none\ntwo", true },
};

START_TEST(test_body)
{
	const struct body_case *c = &body_cases[_i];
	struct message *m = parse_fixture(c->fixture);

	ck_assert_str_eq(m->text, c->text);
	ck_assert_int_eq(m->html_only, c->html_only);
	assert_utf8(m);
	message_free(m);
}
END_TEST

START_TEST(test_html_hidden_parts)
{
	struct message *m = parse_fixture("html-only.eml");

	ck_assert_ptr_null(strstr(m->text, "Ignore me"));
	ck_assert_ptr_null(strstr(m->text, "color"));
	ck_assert_ptr_null(strstr(m->text, "not text"));
	ck_assert_ptr_null(strstr(m->text, "hidden"));
	ck_assert_str_eq(m->quoted, "> quoted in html");
	message_free(m);
}
END_TEST

/* ---- now / quoted / signature ------------------------------------------ */

struct split_case {
	const char *fixture;
	const char *text;
	const char *quoted_start;	/* quoted begins with this */
	const char *signature;
};

static const struct split_case split_cases[] = {
	{ "reply-on-wrote.eml", "Thanks, that price works for us.",
	    "On Mon, 3 Jun 2024 at 10:00, Owner of the Shop\n"
	    "<owner@shop.example> wrote:\n> Here is our quote.", "" },
	{ "quoted-lines.eml", "Yes, Monday is fine.\nOf course.",
	    "> Can you come on Monday?\n> And bring the ladder?", "" },
	{ "signature.eml", "You were great, thank you!", "",
	    "Sam Example\nDirector, Example Org" },
	{ "forwarded.eml", "Have a look at this one.",
	    "---------- Forwarded message ---------\nFrom: Lee", "" },
	{ "outlook-original.eml", "Paid today.",
	    "-----Original Message-----\nFrom: Owner", "" },
	{ "outlook-underscores.eml", "Paid yesterday.", "____", "" },
	{ "french-reply.eml", "Parfait, merci.", "Le lun. 3 juin", "" },
	{ "attached-message.eml", "See below, this one is a keeper.",
	    "You are rude and slow.", "" },
	{ "bounce-report.eml", "Your message could not be delivered.",
	    "The original words.", "" },
};

START_TEST(test_split)
{
	const struct split_case *c = &split_cases[_i];
	struct message *m = parse_fixture(c->fixture);

	ck_assert_str_eq(m->text, c->text);
	ck_assert_msg(strncmp(m->quoted, c->quoted_start,
	    strlen(c->quoted_start)) == 0, "%s: quoted is [%s]", c->fixture,
	    m->quoted);
	if (c->quoted_start[0] == '\0')
		ck_assert_str_eq(m->quoted, "");
	ck_assert_str_eq(m->signature, c->signature);
	message_free(m);
}
END_TEST

/* one body each: what stays the sender's words */
struct attr_case {
	const char *body;
	const char *text;
};

static const struct attr_case attr_cases[] = {
	{ "Ok.\n\nOn Mon, 3 Jun 2024, Dana <d@x.com> wrote:\n> hi\n", "Ok." },
	{ "Ok.\nAm 3. Juni 2024 um 10:00 schrieb Dana <d@x.com>:\nHallo\n",
	    "Ok." },
	{ "Ok.\nEl lun, 3 jun 2024, Dana escribi\xc3\xb3:\nHola\n", "Ok." },
	{ "Ok.\n\nBegin forwarded message:\n\nFrom: Lee\nHi\n", "Ok." },
	{ "Ok.\n----- Original Message -----\nFrom: Lee\n", "Ok." },
	{ "Ok.\nFrom: Lee <l@x.com>\nSent: Monday\nHi\n", "Ok." },
	{ "Ok.\nVon: Lee <l@x.com>\nGesendet: Montag\nHallo\n", "Ok." },
	{ "Ok.\nDe : Lee <l@x.com>\nEnvoy\xc3\xa9 : lundi\nSalut\n", "Ok." },
	{ "Ok.\nDe: Lee <l@x.com>\nEnviado el: lunes\nHola\n", "Ok." },
	/* Outlook's other orders: Para before Enviado, a wrapped From */
	{ "Ok.\nDe: Lee <l@x.com>\nPara: Ana <a@x.com>\nEnviado el: lunes\n"
	    "Hola\n", "Ok." },
	{ "Ok.\nDe: \"Lee Serrano\"\n<l@x.com>\nEnviado el: lunes\nHola\n",
	    "Ok." },
	{ "Ok.\nDe: Lee <l@x.com>\nPara: Ana\nAsunto: Factura\nHola\n", "Ok." },
	{ "Ok.\n-------- Weitergeleitete Nachricht --------\nHallo\n", "Ok." },
	{ "Ok.\n---------- Message transf\xc3\xa9r\xc3\xa9 ---------\nSalut\n",
	    "Ok." },
	{ "Ok.\nInicio del mensaje reenviado:\nHola\n", "Ok." },
	{ "Ok.\n-----Urspr\xc3\xbcngliche Nachricht-----\nHallo\n", "Ok." },
	/* answers between or below a reply's '>' lines are the sender's */
	{ "Hi,\nOn Mon, 3 Jun 2024, Dana <d@x.com> wrote:\n> Tuesday?\n"
	    "Yes, Tuesday works.\n> And the price?\nThe price is fine.\n",
	    "Hi,\nYes, Tuesday works.\nThe price is fine." },
	{ "On Mon, 3 Jun 2024 at 10:00, Dana Reyes\n<d@x.com> wrote:\n"
	    "> Tuesday?\n\nYes.\n", "Yes." },
	{ "Hola\nEl 1 jul 2026, a las 17:00, Ana <a@x.com> escribi\xc3\xb3:\n"
	    "> Listo.\nGracias, te pago el lunes.\n",
	    "Hola\nGracias, te pago el lunes." },
	/* not attributions */
	{ "On Monday we start.\nSee you.\n", "On Monday we start.\nSee you." },
	{ "Ok.\n---\nmore\n", "Ok.\n---\nmore" },
	{ "Ok.\n__________\nnot a header\n", "Ok.\n__________\nnot a header" },
	{ "Ok.\nDe: mi parte, todo bien.\nPara: ma\xc3\xb1" "ana.\n",
	    "Ok.\nDe: mi parte, todo bien.\nPara: ma\xc3\xb1" "ana." },
};

START_TEST(test_attributions)
{
	const struct attr_case *c = &attr_cases[_i];
	struct message *m = parse_made("From: a@example.com\n\n%s", c->body);

	ck_assert_str_eq(m->text, c->text);
	message_free(m);
}
END_TEST

START_TEST(test_split_signature_then_quote)
{
	static const char mail[] =
	    "From: a@example.com\n\nYes.\n--\nAl\n> earlier words\n";
	struct message *m = message_parse(mail, sizeof(mail) - 1, NULL, NULL);

	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->text, "Yes.");
	ck_assert_str_eq(m->signature, "Al");
	ck_assert_str_eq(m->quoted, "> earlier words");
	message_free(m);
}
END_TEST

/* ---- forwarded messages: who wrote the original ------------------------ */

struct fwd_case {
	const char *fixture;
	const char *email;	/* m->forwarded.email, NULL: none */
	const char *name;
};

static const struct fwd_case fwd_cases[] = {
	{ "forwarded.eml", "lee@example.net", "Lee" },		/* Gmail */
	{ "fwd-outlook-de.eml", "birgit.haas@example.de", "Birgit Haas" },
	{ "fwd-apple-blockquote.eml", "selin@example.org", "Selin Aydin" },
	{ "fwd-thunderbird-fr.eml", "gilles@example.fr", "Gilles Barbier" },
	{ "fwd-gmail-es.eml", "pablo.ruiz@example.es", "Pablo Ruiz" },
	{ "attached-message.eml", "lee@example.net", "Lee" },	/* rfc822 */
	/* Outlook's copy under "RE:" quotes a reply: nobody is forwarded */
	{ "reply-outlook-not-forward.eml", NULL, NULL },
	{ "reply-on-wrote.eml", NULL, NULL },
};

START_TEST(test_forwarded_from)
{
	const struct fwd_case *c = &fwd_cases[_i];
	struct message *m = parse_fixture(c->fixture);

	if (c->email == NULL) {
		ck_assert_msg(m->forwarded.email == NULL, "%s: forwarded %s",
		    c->fixture, m->forwarded.email);
	} else {
		ck_assert_msg(m->forwarded.email != NULL, "%s: no forward",
		    c->fixture);
		ck_assert_str_eq(m->forwarded.email, c->email);
		ck_assert_str_eq(m->forwarded.name, c->name);
	}
	/* the forwarded words are never the sender's own */
	ck_assert_ptr_null(strstr(m->text, "Von:"));
	ck_assert_ptr_null(strstr(m->text, "De :"));
	message_free(m);
}
END_TEST

/* ---- sign-offs without "-- " ------------------------------------------- */

struct signoff_case {
	const char *from;	/* From header value */
	const char *body;
	const char *text;	/* what the sender wrote now */
	const char *sig;	/* the signature starts with this */
};

static const struct signoff_case signoff_cases[] = {
	{ "Sam Okoro <sam@x.example>",
	    "Hi,\n\nThe boards look great.\n\nBest regards,\nSam Okoro\n"
	    "Okoro Lettings\nAsk about our student discount!\n",
	    "Hi,\n\nThe boards look great.", "Best regards," },
	{ "Sam Okoro <sam@x.example>",
	    "Morning,\nAll good here.\nSam\nOkoro Lettings\nNot happy with "
	    "our service? See our complaints procedure.\n",
	    "Morning,\nAll good here.", "Sam\nOkoro Lettings" },
	{ "Claire <c@x.example>", "The food was great.\n\nClaire x\n"
	    "07700 900123\n", "The food was great.", "Claire x" },
	{ "a@x.example", "Hallo,\nalles erledigt.\nMit freundlichen Gr\xc3\xbc"
	    "\xc3\x9f" "en\nAnna Schmidt\nGesch\xc3\xa4" "ftsf\xc3\xbchrerin\n",
	    "Hallo,\nalles erledigt.", "Mit freundlichen" },
	{ "a@x.example", "Merci pour le devis.\nCordialement,\nJean\n",
	    "Merci pour le devis.", "Cordialement," },
	{ "a@x.example", "Perfecto.\nUn saludo,\nPablo\n", "Perfecto.",
	    "Un saludo," },
	{ "a@x.example", "Gern.\nGru\xc3\x9f Frank\nFirma Seidel\n", "Gern.",
	    "Gru\xc3\x9f Frank" },
	{ "a@x.example", "Done.\nThanks, Anna\nThis email and any attachments "
	    "are confidential.\n", "Done.", "Thanks, Anna" },
	{ "a@x.example", "See you Monday.\n\nSent from my iPhone\n",
	    "See you Monday.", "Sent from my iPhone" },
	/* thanks on a line of its own, then the letter goes on */
	{ "Th\xc3\xa9o Bernard <t@x.example>", "Salut Yann,\n\nElle sonne "
	    "bien.\nMerci !\n\nJe mets en copie Hugo L\xc3\xa9ger, un de mes "
	    "\xc3\xa9l\xc3\xa8ves, qui cherche un luthier.\n\nTh\xc3\xa9o\n",
	    "Salut Yann,\n\nElle sonne bien.\nMerci !\n\nJe mets en copie "
	    "Hugo L\xc3\xa9ger, un de mes \xc3\xa9l\xc3\xa8ves, qui cherche "
	    "un luthier.", "Th\xc3\xa9o" },
	{ "a@x.example", "All done.\n\nThanks!\nJo Bloggs\nBloggs and Sons "
	    "Ltd\n", "All done.", "Thanks!" },
	/* a postscript after the name is the sender writing on */
	{ "Alison Crane <a@x.example>", "Greg,\n\nNot a drop came through."
	    "\n\nAlison\n\nPS I've passed your details to Rob Keating.\n",
	    "Greg,\n\nNot a drop came through.\n\nPS I've passed your "
	    "details to Rob Keating.", "Alison" },
	{ "a@x.example", "Todo perfecto.\nUn saludo,\nPablo\nP.D.: Mi "
	    "vecina Rosa Gil te llamar\xc3\xa1.\n", "Todo perfecto.\n\nP.D.: "
	    "Mi vecina Rosa Gil te llamar\xc3\xa1.", "Un saludo," },
	/* not sign-offs: a thanks that goes on, a first line, a sentence */
	{ "a@x.example", "Hi,\nThanks, the new logo looks great.\n",
	    "Hi,\nThanks, the new logo looks great.", "" },
	{ "a@x.example", "Thanks!\nCan you send the invoice?\n",
	    "Thanks!\nCan you send the invoice?", "" },
	{ "a@x.example", "Hi,\nThanks Bob for the quote.\n",
	    "Hi,\nThanks Bob for the quote.", "" },
};

START_TEST(test_signoff)
{
	const struct signoff_case *c = &signoff_cases[_i];
	struct message *m = parse_made("From: %s\n\n%s", c->from, c->body);

	ck_assert_str_eq(m->text, c->text);
	ck_assert_msg(strncmp(m->signature, c->sig, strlen(c->sig)) == 0,
	    "case %d: signature [%s]", _i, m->signature);
	if (c->sig[0] == '\0')
		ck_assert_str_eq(m->signature, "");
	message_free(m);
}
END_TEST

/* ---- markers ----------------------------------------------------------- */

START_TEST(test_list_headers)
{
	struct message *m = parse_fixture("list-headers.eml");

	ck_assert_str_eq(m->list_id, "Weekly News <weekly.lists.example.com>");
	ck_assert(m->has_list_unsubscribe);
	ck_assert(m->precedence_bulk);
	ck_assert(!m->auto_submitted && !m->autoreply_header);
	message_free(m);
}
END_TEST

START_TEST(test_autoreply)
{
	struct message *a = parse_fixture("autoreply-submitted.eml");
	struct message *b = parse_fixture("autoreply-subject.eml");
	struct message *plain = parse_fixture("plain-lf.eml");

	ck_assert(a->auto_submitted);
	ck_assert(!a->autoreply_subject);
	/* "Auto-Submitted: no" is not an auto-reply; the subject and
	 * X-Autoreply are */
	ck_assert(!b->auto_submitted);
	ck_assert(b->autoreply_subject);
	ck_assert(b->autoreply_header);
	ck_assert(!plain->auto_submitted && !plain->autoreply_subject &&
	    !plain->autoreply_header && !plain->precedence_bulk &&
	    !plain->has_list_unsubscribe && !plain->delivery_report);
	ck_assert_ptr_null(plain->list_id);
	message_free(a);
	message_free(b);
	message_free(plain);
}
END_TEST

struct subject_case {
	const char *subject;
	bool autoreply;
};

static const struct subject_case subject_cases[] = {
	{ "Out of Office: back Monday", true },
	{ "out of office", true },
	{ "Automatic reply: Your quote", true },
	{ "Auto: holiday", true },
	{ "AutoReply: away", true },
	{ "Auto-Reply from Lee", true },
	{ "Away from my desk", true },
	{ "On vacation until June", true },
	{ "Re: Out of office hours pricing", false },
	{ "Quote for the office", false },
	{ "Automobile repair", false },
};

START_TEST(test_autoreply_subjects)
{
	const struct subject_case *c = &subject_cases[_i];
	struct message *m = parse_made(
	    "From: lee@example.net\nSubject: %s\n\nbody\n", c->subject);

	ck_assert_msg(m->autoreply_subject == c->autoreply, "%s", c->subject);
	message_free(m);
}
END_TEST

START_TEST(test_bounce)
{
	struct message *m = parse_fixture("bounce-report.eml");

	ck_assert(m->delivery_report);
	ck_assert_str_eq(m->from.email, "mailer-daemon@mx.example.com");
	message_free(m);
}
END_TEST

START_TEST(test_no_message_id)
{
	struct message *m = parse_fixture("no-message-id.eml");
	const char *k = message_key(m);

	ck_assert_ptr_null(m->message_id);
	ck_assert_int_eq(strncmp(k, "sha256:", 7), 0);
	ck_assert_str_eq(k + 7, m->header_digest);
	ck_assert_uint_eq(strlen(k), 7 + 64);
	message_free(m);
}
END_TEST

struct date_case {
	const char *date;
	long long t;
};

static const struct date_case date_cases[] = {
	{ "Mon, 3 Jun 2024 10:00:00 +0200", 1717401600LL },
	{ "Mon, 3 Jun 2024 03:00:00 -0500", 1717401600LL },
	{ "3 Jun 2024 08:00:00 +0000", 1717401600LL },
	{ "Sun, 2 Jun 2024 23:30:00 -0830", 1717401600LL },
	{ "not a date at all", 0 },
	{ "Mon, 3 Foo 2024 10:00:00 +0200", 0 },
};

START_TEST(test_dates)
{
	const struct date_case *c = &date_cases[_i];
	struct message *m = parse_made(
	    "From: lee@example.net\nDate: %s\n\nbody\n", c->date);

	ck_assert_msg((long long)m->date == c->t, "%s gave %lld", c->date,
	    (long long)m->date);
	message_free(m);
}
END_TEST

/* ---- refusals and hostile input ---------------------------------------- */

START_TEST(test_empty)
{
	struct err e = { { 0 } };

	ck_assert_ptr_null(message_parse("", 0, NULL, &e));
	ck_assert_str_eq(e.msg, "empty message");
	memset(&e, 0, sizeof(e));
	ck_assert_ptr_null(message_parse("\r\n\n  \n", 6, NULL, &e));
	ck_assert_str_eq(e.msg, "empty message");
}
END_TEST

START_TEST(test_no_header)
{
	static const char text[] = "Hello there, this is just text.\n\nBye\n";
	struct err e = { { 0 } };

	ck_assert_ptr_null(message_parse(text, sizeof(text) - 1, NULL, &e));
	ck_assert_str_eq(e.msg, "no header found");
}
END_TEST

START_TEST(test_garbage)
{
	unsigned long seed = 12345 + (unsigned long)_i;
	size_t len = 4096;
	char *data = malloc(len);
	struct message *m;

	ck_assert_ptr_nonnull(data);
	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245 + 12345;
		data[i] = (char)(seed >> 16);
	}
	/* half of the runs start like a header so the body code runs too */
	if (_i % 2 == 1)
		memcpy(data, "Content-Type: multipart/mixed; boundary=x\n"
		    "From: a@b.c\n\n--x\n", 59);
	m = message_parse(data, len, NULL, NULL);
	if (m != NULL) {
		assert_utf8(m);
		message_free(m);
	}
	free(data);
}
END_TEST

START_TEST(test_nul_bytes)
{
	static const char mail[] = "From: Nul\0Name <nul@example.com>\n"
	    "Subject: a\0b\n\nbefore\0after\n";
	struct message *m = message_parse(mail, sizeof(mail) - 1, NULL, NULL);

	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->from.email, "nul@example.com");
	ck_assert_str_eq(m->subject, "a b");
	ck_assert_str_eq(m->text, "before after");
	assert_utf8(m);
	message_free(m);
}
END_TEST

START_TEST(test_limits)
{
	struct message_limits lim;
	struct message *m;
	size_t len;
	char *data = tl_fixture("plain-lf.eml", &len);

	message_limits_default(&lim);
	ck_assert_uint_eq(lim.max_bytes, 1024 * 1024);
	ck_assert_uint_eq(lim.max_depth, 20);
	ck_assert_uint_eq(lim.max_text, 256 * 1024);
	lim.max_addresses = 1;
	lim.max_references = 2;
	lim.max_text = 10;
	m = message_parse(data, len, &lim, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	ck_assert_uint_eq(m->to.n, 1);
	ck_assert_uint_eq(m->nreferences, 2);
	ck_assert_str_eq(m->text, "Hello,\n\nco");
	message_free(m);

	/* only the first max_bytes are looked at */
	message_limits_default(&lim);
	lim.max_bytes = 60;
	m = message_parse(data, len, &lim, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	ck_assert_uint_eq(m->size, len);
	ck_assert_str_eq(m->from.email, "dana.reyes@example.com");
	ck_assert_ptr_null(m->subject);
	message_free(m);
	free(data);
}
END_TEST

/* deep nesting and many parts stay bounded and fast */
START_TEST(test_deep_nesting)
{
	struct message *m;
	size_t cap = 1024 * 1024, n = 0;
	char *data = malloc(cap);

	ck_assert_ptr_nonnull(data);
	n += (size_t)snprintf(data, cap, "From: deep@example.com\n");
	for (int i = 0; n + 200 < cap; i++)
		n += (size_t)snprintf(data + n, cap - n,
		    "Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n",
		    i, i);
	m = message_parse(data, n, NULL, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	message_free(m);

	/* 2000 sibling parts: only max_parts are read */
	n = (size_t)snprintf(data, cap, "From: wide@example.com\n"
	    "Content-Type: multipart/mixed; boundary=w\n\n");
	for (int i = 0; i < 2000; i++)
		n += (size_t)snprintf(data + n, cap - n,
		    "--w\nContent-Type: text/plain\n\npart %d\n", i);
	m = message_parse(data, n, NULL, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	ck_assert_ptr_nonnull(strstr(m->text, "part 0\npart 1\n"));
	ck_assert_ptr_null(strstr(m->text, "part 1999"));
	message_free(m);
	free(data);
}
END_TEST

/* HTML made to make a naive parser backtrack still finishes quickly */
START_TEST(test_hostile_html)
{
	static const char *const units[] = { "<a href=\"", "<!--", "&#x",
		"<script>", "<p", "&amp" };
	size_t cap = 900 * 1024, n = 0, ul = strlen(units[_i]);
	char *data = malloc(cap);
	struct message *m;

	ck_assert_ptr_nonnull(data);
	n = (size_t)snprintf(data, cap, "From: h@example.com\n"
	    "Content-Type: text/html\n\n");
	while (n + ul < cap) {
		memcpy(data + n, units[_i], ul);
		n += ul;
	}
	m = message_parse(data, n, NULL, NULL);
	ck_assert_ptr_nonnull(m);
	assert_utf8(m);
	message_free(m);
	free(data);
}
END_TEST

/* header values built to exhaust a recursive parser's stack or time */
START_TEST(test_hostile_header)
{
	static const char *const units[] = { "(", "(\n ", "<", "[", "g:",
		"=?a?q?", "\"\\" };
	size_t cap = 900 * 1024, n, ul = strlen(units[_i]);
	char *data = malloc(cap + 16);
	struct message *m;

	ck_assert_ptr_nonnull(data);
	n = (size_t)snprintf(data, cap, "From: a@example.com\nCc: ");
	while (n + ul < cap) {
		memcpy(data + n, units[_i], ul);
		n += ul;
	}
	memcpy(data + n, "\n\nhi\n", 5);
	m = message_parse(data, n + 5, NULL, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->from.email, "a@example.com");
	ck_assert_str_eq(m->text, "hi");
	assert_utf8(m);
	message_free(m);
	free(data);
}
END_TEST

/* An empty From with a valid Sender: the Sender is who sent it. */
START_TEST(test_sender_fallback)
{
	const char *mail = "From: \nSender: Kim Lee <kim@example.org>\n"
	    "Subject: hi\n\nhello\n";
	struct err e;
	struct message *m = message_parse(mail, strlen(mail), NULL, &e);

	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->from.email, "kim@example.org");
	ck_assert_str_eq(m->from.name, "Kim Lee");
	message_free(m);
}
END_TEST

/* In two steps: header fields first, the body only when asked for. */
START_TEST(test_header_then_body)
{
	const char *mail = "From: Dana <dana@example.org>\nTo: sam@example.com\n"
	    "Subject: Quote\nMessage-ID: <q1@example.org>\n\n"
	    "Could you quote for a fence?\n\n> old words\n";
	struct err e;
	struct message *m = message_parse_header(mail, strlen(mail), NULL, &e);

	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->from.email, "dana@example.org");
	ck_assert_str_eq(m->subject, "Quote");
	ck_assert_str_eq(message_key(m), "q1@example.org");
	ck_assert_str_eq(m->text, "");
	ck_assert_int_eq(message_parse_body(m, &e), 0);
	ck_assert_str_eq(m->text, "Could you quote for a fence?");
	ck_assert_str_eq(m->quoted, "> old words");
	ck_assert_int_eq(message_parse_body(m, &e), 0);	/* a no-op now */
	ck_assert_str_eq(m->text, "Could you quote for a fence?");
	message_free(m);
	/* freed without its body ever parsed: nothing leaks (valgrind) */
	m = message_parse_header(mail, strlen(mail), NULL, &e);
	ck_assert_ptr_nonnull(m);
	message_free(m);
}
END_TEST

/* Without a Message-ID the key is a digest taken after line ends are made
 * CRLF, so the LF, CRLF and CR-only copies of one message share it. */
START_TEST(test_digest_line_ends)
{
	static const char *const copies[] = {
		"From: a@example.org\nSubject: hi\n\nbody\n",
		"From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n",
		"From: a@example.org\rSubject: hi\r\rbody\r",
	};
	char first[80] = "";

	for (size_t i = 0; i < 3; i++) {
		struct err e;
		struct message *m = message_parse(copies[i], strlen(copies[i]),
		    NULL, &e);

		ck_assert_ptr_nonnull(m);
		ck_assert_uint_eq(strlen(m->header_digest), 64);
		if (i == 0)
			snprintf(first, sizeof(first), "%s", message_key(m));
		ck_assert_str_eq(message_key(m), first);
		message_free(m);
	}
}
END_TEST

/* when the mail arrived: the date of the first (top) Received: field */
static const struct {
	const char *header;
	time_t want;
} received_cases[] = {
	/* folded over three lines; the hop below is older and ignored */
	{ "Received: from mx.example (mx.example [192.0.2.1])\r\n"
	  "\tby mail.example with ESMTP id 1A2B;\r\n"
	  "\tFri, 13 Nov 2026 08:30:05 +0100\r\n"
	  "Received: from laptop by mx.example; Thu, 12 Nov 2026 23:59:00 +0000\r\n",
	  1794555005 },
	{ "Received: by mail.example; 2 Jan 2026 10:00:00 -0000\r\n",
	  1767348000 },
	{ "Received: from somewhere without a date\r\n", 0 },
	{ "Received: from x; not a date at all\r\n", 0 },
	{ "X-Received: by relay; Fri, 13 Nov 2026 08:30:05 +0000\r\n", 0 },
	{ "", 0 },
};

START_TEST(test_received)
{
	char msg[1024];
	struct err e = { { 0 } };
	struct message *m;

	snprintf(msg, sizeof(msg), "%sFrom: a@b.example\r\n"
	    "Date: Mon, 09 Nov 2026 10:00:00 +0000\r\n\r\nhi\r\n",
	    received_cases[_i].header);
	m = message_parse(msg, strlen(msg), NULL, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	ck_assert_int_eq(m->received, received_cases[_i].want);
	ck_assert_int_eq(m->date, 1794218400);
	message_free(m);
}
END_TEST

/*
 * the kept fields' values, decoded: a plain one-line value as it is (the
 * quick way), and every other shape through the walk (folds, tabs, runs
 * of spaces, encoded words, an '=' that opens none, bytes not UTF-8)
 */
static const struct {
	const char *line, *name, *want;
} field_cases[] = {
	{ "X-Mailer: Foo Mail 2.0\r\n", "X-Mailer", "Foo Mail 2.0" },
	{ "X-Mailer:Foo\n", "X-Mailer", "Foo" },
	{ "X-Mailer:   Foo   Mail  \r\n", "X-Mailer", "Foo Mail" },
	{ "X-Campaign: a=b c=d\n", "X-Campaign", "a=b c=d" },
	{ "X-Spam-Status: No,\r\n\ttests=NONE\r\n", "X-Spam-Status",
	    "No, tests=NONE" },
	{ "X-Mailer:\tTab\tMail\n", "X-Mailer", "Tab Mail" },
	{ "List-Id: =?utf-8?q?Caf=C3=A9?= <cafe.example>\n", "List-Id",
	    "Caf\xc3\xa9 <cafe.example>" },
	{ "X-Mailer: =?x\n", "X-Mailer", "=?x" },
	{ "X-Mailer: Mail \xff 1\n", "X-Mailer", "Mail \xef\xbf\xbd 1" },
	{ "X-Mailer: \n", "X-Mailer", "" },
};

START_TEST(test_field_values)
{
	struct message *m = parse_made("From: a@b.example\n%s"
	    "Date: Mon, 09 Nov 2026 10:00:00 +0000\n\nhi\n",
	    field_cases[_i].line);
	const char *v = message_field(m, field_cases[_i].name);

	ck_assert_msg(v != NULL, "%s: not kept", field_cases[_i].line);
	ck_assert_str_eq(v, field_cases[_i].want);
	message_free(m);
}
END_TEST

TL_SUITE(message, test_field_values, TL_LOOPS(field_cases),
    test_digest_line_ends, 0, test_header_then_body, 0,
    test_sender_fallback, 0, test_line_ends, TL_LOOPS(line_end_fixtures),
    test_names, TL_LOOPS(name_cases), test_from_forms, TL_LOOPS(from_cases),
    test_subject_raw_8bit, 0, test_body, TL_LOOPS(body_cases),
    test_html_hidden_parts, 0, test_split, TL_LOOPS(split_cases),
    test_attributions, TL_LOOPS(attr_cases),
    test_split_signature_then_quote, 0,
    test_forwarded_from, TL_LOOPS(fwd_cases),
    test_signoff, TL_LOOPS(signoff_cases), test_list_headers, 0,
    test_autoreply, 0, test_autoreply_subjects, TL_LOOPS(subject_cases),
    test_bounce, 0, test_received, TL_LOOPS(received_cases),
    test_no_message_id, 0, test_dates, TL_LOOPS(date_cases), test_empty, 0,
    test_no_header, 0, test_garbage, 8, test_nul_bytes, 0, test_limits, 0,
    test_deep_nesting, 0, test_hostile_html, 6, test_hostile_header, 7)
