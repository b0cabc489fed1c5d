/*
 * check_hostile - hostile mail through parse, classify and the pipeline.
 *
 * Each test builds (in code, so the tree stays small) or reads (small
 * fixtures under tests/fixtures/hostile/) mail made to hurt a parser:
 * garbage, NULs, giant lines, header and address floods, MIME nesting
 * and broken boundaries, bad encodings and charsets, encoded-word bombs,
 * HTML built to be slow, a huge References list and a 5,000-message mbox.
 * Every input goes through message_parse and classify (shipped rules, an
 * owner config); some also through pipeline_process into a temporary
 * store.  A test passes when nothing crashes, the run ends within the
 * test case timeout (a hang fails it), and the output is sensible: a
 * message or NULL with an error, valid UTF-8 everywhere, lists capped by
 * the limits and `truncated` set when a limit was hit.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "mail/mailbox.h"
#include "app/pipeline.h"
#include "testlib.h"

#define HOSTILE_TIMEOUT 20	/* seconds per test (ASan: 6 at most): a hang fails */
#define BIG_CAP ((size_t)64 * 1024 * 1024)

static struct config *cfg;
static struct rules *rules;

static void
setup(void)
{
	tl_owner_make(&cfg, &rules);
	/* hand-made mail without the owner's replies: every sender counts */
	cfg->customer_policy = POLICY_INCOMING;
}

static void
teardown(void)
{
	tl_owner_done(&cfg, &rules);
}

/* ---- helpers ----------------------------------------------------------- */

/* slurp - the bytes of fixtures/hostile/name; caller frees */
static char *
slurp(const char *name, size_t *len)
{
	char path[TL_PATH_MAX];

	snprintf(path, sizeof(path), "hostile/%s", name);
	return tl_fixture(path, len);
}

static void
put(struct buf *b, const char *s)
{
	TL_REQUIRE(buf_puts(b, s) == 0, "out of memory");
}

static void
putn(struct buf *b, const char *s, size_t times)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < times; i++)
		TL_REQUIRE(buf_append(b, s, n) == 0, "out of memory");
}

/* head - the usual opening lines of a customer's message to the owner */
static void
head(struct buf *b)
{
	buf_init(b, BIG_CAP);
	put(b, "From: Dana Reyes <dana@customer.example>\n"
	    "To: Sam <sam@brightdesk.example>\n"
	    "Message-ID: <hostile@customer.example>\n"
	    "Date: Mon, 23 Nov 2026 10:00:00 +0000\n");
}

static void
assert_utf8(const char *s)
{
	if (s != NULL)
		ck_assert_msg(utf8_valid(s, strlen(s)), "invalid UTF-8 kept");
}

/* assert_sane - every string valid UTF-8, every list within its limit */
static void
assert_sane(const struct message *m, const struct message_limits *lim)
{
	const struct address *one[] = { &m->from, &m->sender, &m->reply_to };

	for (size_t i = 0; i < 3; i++) {
		assert_utf8(one[i]->email);
		assert_utf8(one[i]->name);
	}
	ck_assert_uint_le(m->to.n, lim->max_addresses);
	ck_assert_uint_le(m->cc.n, lim->max_addresses);
	for (size_t i = 0; i < m->to.n; i++)
		ck_assert_ptr_nonnull(m->to.v[i].email);
	for (size_t i = 0; i < m->cc.n; i++)
		ck_assert_ptr_nonnull(m->cc.v[i].email);
	ck_assert_uint_le(m->nreferences, lim->max_references);
	for (size_t i = 0; i < m->nreferences; i++)
		assert_utf8(m->references[i]);
	assert_utf8(m->subject);
	assert_utf8(m->message_id);
	assert_utf8(m->in_reply_to);
	assert_utf8(m->list_id);
	ck_assert_ptr_nonnull(m->text);
	ck_assert_ptr_nonnull(m->quoted);
	ck_assert_ptr_nonnull(m->signature);
	assert_utf8(m->text);
	assert_utf8(m->quoted);
	assert_utf8(m->signature);
	/* the words of the body are capped; quoted adds attached messages */
	ck_assert_uint_le(strlen(m->text), lim->max_text);
	ck_assert_uint_le(strlen(m->signature), lim->max_text);
	ck_assert_uint_le(strlen(m->quoted), 2 * lim->max_text + 1);
	ck_assert_ptr_nonnull(message_key(m));
}

/* assert_facts - classify's answer is well formed */
static void
assert_facts(const struct facts *f, const struct message_limits *lim)
{
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(f->key);
	ck_assert_uint_le(f->npeople, 2 * lim->max_addresses + 4);
	for (size_t i = 0; i < f->npeople; i++) {
		ck_assert_ptr_nonnull(f->people[i].email);
		assert_utf8(f->people[i].email);
		assert_utf8(f->people[i].name);
	}
	for (size_t i = 0; i < f->ntags; i++) {
		ck_assert_ptr_nonnull(f->tags[i].tag);
		assert_utf8(f->tags[i].evidence);
	}
	for (size_t i = 0; i < f->nreferrals; i++) {
		ck_assert_ptr_nonnull(f->referrals[i].referred);
		assert_utf8(f->referrals[i].evidence);
	}
	if (f->kind == FACTS_IGNORED)
		ck_assert_ptr_nonnull(f->ignore_reason);
}

/*
 * through - parse with lim (NULL: defaults) and classify; returns the
 * message (NULL when the parser said there was none, with a reason), which
 * the caller frees.  *kind gets the facts' kind (-1 when not parsed).
 */
static struct message *
through(const char *data, size_t len, const struct message_limits *lim,
    int *kind)
{
	struct message_limits def;
	struct message *m;
	struct facts *f;
	struct err e = { "" };

	if (lim == NULL) {
		message_limits_default(&def);
		lim = &def;
	}
	if (kind != NULL)
		*kind = -1;
	m = message_parse(data, len, lim, &e);
	if (m == NULL) {
		ck_assert_msg(e.msg[0] != '\0', "NULL without a reason");
		return NULL;
	}
	assert_sane(m, lim);
	f = classify(m, NULL, cfg, rules, NULL);
	assert_facts(f, lim);
	if (kind != NULL)
		*kind = (int)f->kind;
	facts_free(f);
	return m;
}

/* through_buf - through() on a buf, which it frees */
static struct message *
through_buf(struct buf *b, const struct message_limits *lim, int *kind)
{
	struct message *m = through(buf_cstr(b), b->len, lim, kind);

	buf_free(b);
	return m;
}

/*
 * through_scanned - through_buf of b under the default limits with all of
 * b scanned (max_bytes its length), which must give a message; *lim gets
 * the limits used
 */
static struct message *
through_scanned(struct buf *b, struct message_limits *lim)
{
	struct message *m;

	message_limits_default(lim);
	lim->max_bytes = b->len;
	m = through_buf(b, lim, NULL);
	ck_assert_ptr_nonnull(m);
	return m;
}

/* through_fixture - through() of fixtures/name under the default limits,
 * which must give a message; caller frees */
static struct message *
through_fixture(const char *name)
{
	size_t len;
	char *data = slurp(name, &len);
	struct message *m = through(data, len, NULL, NULL);

	free(data);
	ck_assert_msg(m != NULL, "%s not parsed", name);
	return m;
}

/* a small deterministic generator, so garbage is the same on every run */
static uint32_t
rnd(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* ---- a store in a temporary directory ---------------------------------- */

static char sdb[TL_PATH_MAX];

static struct store *
store_tmp(void)
{
	tl_db_make(sdb, sizeof(sdb), "hostile");
	return tl_store_open(sdb, cfg, STORE_CREATE | STORE_BULK);
}

static void
store_tmp_done(struct store *s)
{
	store_close(s);
	tl_db_done(sdb);
}

/* customers_in - how many customers the store holds */
static size_t
customers_in(struct store *s)
{
	struct customer_list l = { NULL, 0 };
	struct customer_filter none = { NULL, NULL, NULL };
	struct err e;
	size_t n;

	ck_assert_msg(store_customers(s, &none, &l, &e) == 0, "%s", e.msg);
	n = l.n;
	customer_list_free(&l);
	return n;
}

/* piped - one message through pipeline_process into s; returns its rc */
static int
piped(struct store *s, const char *data, size_t len)
{
	struct pipeline p;
	struct pipeline_result res;
	struct err e = { "" };
	int rc;

	pipeline_init(&p, cfg, rules, s);
	rc = pipeline_process(&p, data, len, NULL, &res, &e);
	if (rc < 0)
		ck_assert_msg(e.msg[0] != '\0', "-1 without a reason");
	pipeline_result_clear(&res);
	return rc;
}

/*
 * piped_any - input that may or may not be a message: refused (-1) and
 * nothing recorded, or recorded within the address limits
 */
static void
piped_any(const char *data, size_t len)
{
	struct message_limits lim;
	struct store *s = store_tmp();
	int rc = piped(s, data, len);

	message_limits_default(&lim);
	if (rc < 0)
		ck_assert_uint_eq(customers_in(s), 0);
	else
		ck_assert_uint_le(customers_in(s), 2 * lim.max_addresses + 3);
	store_tmp_done(s);
}


/* ---- nothing, garbage, NULs, line ends --------------------------------- */

START_TEST(test_empty)
{
	static const char *const inputs[] = { "", " ", "\n", "\r\n\r\n",
		" \t\r\n \n", };
	struct store *s;

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		ck_assert_ptr_null(through(inputs[i], strlen(inputs[i]), NULL,
		    NULL));
	ck_assert_ptr_null(through(NULL, 0, NULL, NULL));
	/* the pipeline reports it as not a message and records nothing */
	s = store_tmp();
	ck_assert_int_eq(piped(s, "", 0), -1);
	ck_assert_int_eq(piped(s, "\n\n", 2), -1);
	ck_assert_uint_eq(customers_in(s), 0);
	store_tmp_done(s);
}
END_TEST

/* binary garbage: random bytes, then random printable lines with ':' */
START_TEST(test_garbage)
{
	uint32_t st = 0x9e3779b9u + (uint32_t)_i;
	size_t len = 64 * 1024;
	char *data = malloc(len);
	struct message *m;

	ck_assert_ptr_nonnull(data);
	for (size_t i = 0; i < len; i++) {
		uint32_t r = rnd(&st);

		if (_i % 2 == 0)
			data[i] = (char)r;
		else	/* header-looking noise: more likely to go deep */
			data[i] = "ab:<>@=?\n \t\"()\\,;-B"[r % 20];
	}
	m = through(data, len, NULL, NULL);
	/* the same bytes give the same answer: same key, same text */
	{
		struct message *again = through(data, len, NULL, NULL);

		ck_assert_int_eq(m == NULL, again == NULL);
		if (m != NULL) {
			ck_assert_str_eq(message_key(m), message_key(again));
			ck_assert_str_eq(m->text, again->text);
		}
		message_free(again);
	}
	message_free(m);
	piped_any(data, len);
	free(data);
}
END_TEST

START_TEST(test_nul_bytes)
{
	struct message *m = through_fixture("nul-bytes.eml");

	ck_assert_str_eq(m->from.email, "dana@customer.example");
	ck_assert_ptr_nonnull(m->subject);
	ck_assert_ptr_nonnull(strstr(m->subject, "list please"));
	ck_assert_ptr_nonnull(strstr(m->text, "shop sign"));
	message_free(m);
}
END_TEST

START_TEST(test_cr_only)
{
	struct message *m = through_fixture("cr-only.eml");

	ck_assert_str_eq(m->from.email, "dana@customer.example");
	ck_assert_str_eq(m->subject, "Old Mac line ends");
	ck_assert_str_eq(m->message_id, "cr-only@customer.example");
	ck_assert_ptr_nonnull(strstr(m->text, "shop sign"));
	ck_assert_str_eq(m->signature, "Dana");
	message_free(m);
}
END_TEST

/* ---- floods ------------------------------------------------------------ */

/* a 3 MB header line: cut at MaxScanBytes, still a message from Dana */
START_TEST(test_huge_header_line)
{
	struct buf b;
	struct message *m;
	struct store *s;
	int kind;

	head(&b);
	put(&b, "Subject: ");
	putn(&b, "quote ", 3 * 1024 * 1024 / 6);
	put(&b, "\n\nCould you send me a quote?\n");
	s = store_tmp();
	ck_assert_int_eq(piped(s, buf_cstr(&b), b.len), 0);
	ck_assert_uint_eq(customers_in(s), 1);
	store_tmp_done(s);
	m = through_buf(&b, NULL, &kind);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	ck_assert_str_eq(m->from.email, "dana@customer.example");
	ck_assert_int_eq(kind, FACTS_INCOMING);
	message_free(m);
}
END_TEST

/* 200,000 header fields: the first ones count, the flood is cut */
START_TEST(test_header_flood)
{
	struct message_limits lim;
	struct buf b;
	struct message *m;

	head(&b);
	for (size_t i = 0; i < 200000; i++)
		TL_REQUIRE(buf_printf(&b, "X-Flood-%zu: %zu\n", i, i) == 0,
		    "out of memory");
	put(&b, "Subject: after the flood\n\nCould you send me a quote?\n");
	message_limits_default(&lim);
	/* first within MaxScanBytes, then with the whole of it scanned */
	m = through(buf_cstr(&b), b.len, &lim, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	ck_assert_str_eq(m->from.email, "dana@customer.example");
	message_free(m);
	lim.max_bytes = b.len;
	m = through_buf(&b, &lim, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);	/* max_headers */
	ck_assert_str_eq(m->from.email, "dana@customer.example");
	ck_assert_ptr_null(m->subject);	/* past max_headers: not looked at */
	message_free(m);
}
END_TEST

/* 50,000 addresses in From (and in To and Cc): capped, first one wins */
START_TEST(test_address_flood)
{
	static const char *const fields[] = { "From", "To", "Cc" };
	const char *field = fields[_i];
	struct message_limits lim;
	struct buf b;
	struct message *m;
	struct store *s;

	buf_init(&b, BIG_CAP);
	message_limits_default(&lim);
	lim.max_bytes = 8 * 1024 * 1024;
	if (strcmp(field, "From") != 0)
		put(&b, "From: sam@brightdesk.example\n");
	else
		put(&b, "To: sam@brightdesk.example\n");
	ck_assert_int_eq(buf_printf(&b, "%s: ", field), 0);
	for (size_t i = 0; i < 50000; i++)
		TL_REQUIRE(buf_printf(&b, "%s\"Person %zu\" <p%zu@"
		    "flood.example>", i ? ",\n " : "", i, i) == 0,
		    "out of memory");
	put(&b, "\nSubject: hello all\n\nThank you all, great work.\n");
	s = store_tmp();
	ck_assert_int_eq(piped(s, buf_cstr(&b), b.len), 0);
	ck_assert_uint_le(customers_in(s), lim.max_addresses);
	store_tmp_done(s);
	m = through_buf(&b, &lim, NULL);
	ck_assert_ptr_nonnull(m);
	if (strcmp(field, "From") == 0) {
		ck_assert_str_eq(m->from.email, "p0@flood.example");
		ck_assert_str_eq(m->from.name, "Person 0");
	} else {
		const struct addrlist *l = field[0] == 'T' ? &m->to : &m->cc;

		ck_assert(m->truncated);
		ck_assert_uint_eq(l->n, lim.max_addresses);
		ck_assert_str_eq(l->v[0].email, "p0@flood.example");
	}
	message_free(m);
}
END_TEST

/* 100,000 References ids: the first max_references kept */
START_TEST(test_references_flood)
{
	struct message_limits lim;
	struct buf b;
	struct message *m;

	head(&b);
	put(&b, "In-Reply-To: <r0@thread.example>\nReferences:");
	for (size_t i = 0; i < 100000; i++)
		TL_REQUIRE(buf_printf(&b, " <r%zu@thread.example>\n", i) == 0,
		    "out of memory");
	put(&b, "Subject: Re: the quote\n\nThanks, that works for us.\n");
	m = through_scanned(&b, &lim);
	ck_assert(m->truncated);
	ck_assert_uint_eq(m->nreferences, lim.max_references);
	ck_assert_str_eq(m->references[0], "r0@thread.example");
	ck_assert_str_eq(m->in_reply_to, "r0@thread.example");
	ck_assert_str_eq(m->subject, "Re: the quote");
	message_free(m);
}
END_TEST

/* thousands of encoded words, alike and in changing or unknown charsets */
START_TEST(test_encoded_word_bomb)
{
	struct message_limits lim;
	struct buf b;
	struct message *m;

	head(&b);
	put(&b, "Subject: ");
	for (size_t i = 0; i < 20000; i++) {
		size_t k = i % 16 + 1;

		switch (_i) {
		case 0:		/* alike: joined before conversion */
			put(&b, "=?utf-8?B?cXVvdGU=?=");
			break;
		case 1:		/* unknown charsets */
			TL_REQUIRE(buf_printf(&b,
			    "=?x-no-such-%zu?Q?quote?=", k) == 0,
			    "out of memory");
			break;
		case 2:		/* a new charset for every word */
			TL_REQUIRE(buf_printf(&b,
			    "=?iso-8859-%zu?Q?caf=E9?=", k) == 0,
			    "out of memory");
			break;
		default:	/* never closed */
			put(&b, "=?utf-8?B?");
			break;
		}
		put(&b, i % 8 == 7 ? "\n " : " ");
	}
	put(&b, "\nTo: =?utf-8?Q?");
	putn(&b, "=C3=A9", 50000);
	put(&b, "?= <x@y.example>\n\nCould you send me a quote?\n");
	m = through_scanned(&b, &lim);
	ck_assert_ptr_nonnull(m->subject);
	if (_i == 0)
		ck_assert_ptr_nonnull(strstr(m->subject, "quotequote"));
	message_free(m);
}
END_TEST

/* ---- MIME -------------------------------------------------------------- */

/* 5,000 nested multiparts (or attached messages): depth is capped */
START_TEST(test_nested_mime)
{
	struct message_limits lim;
	struct buf b;
	struct message *m;
	size_t depth = 5000;

	head(&b);
	for (size_t i = 0; i < depth; i++) {
		if (_i == 0)
			TL_REQUIRE(buf_printf(&b, "Content-Type: multipart"
			    "/mixed; boundary=\"n%zu\"\n\n--n%zu\n", i, i) == 0,
			    "out of memory");
		else
			put(&b, "Content-Type: message/rfc822\n\n"
			    "From: inner@nest.example\n");
	}
	put(&b, "Content-Type: text/plain\n\ndeep inside\n");
	for (size_t i = depth; _i == 0 && i-- > 0;)
		TL_REQUIRE(buf_printf(&b, "--n%zu--\n", i) == 0,
		    "out of memory");
	m = through_scanned(&b, &lim);
	ck_assert(m->truncated);
	ck_assert_ptr_null(strstr(m->text, "deep inside"));
	ck_assert_ptr_null(strstr(m->quoted, "deep inside"));
	message_free(m);
}
END_TEST

/* 100,000 sibling parts: only max_parts looked at */
START_TEST(test_many_parts)
{
	struct buf b;
	struct message *m;

	head(&b);
	put(&b, "Content-Type: multipart/mixed; boundary=\"p\"\n\n");
	putn(&b, "--p\nContent-Type: text/plain\n\nquote\n", 100000);
	put(&b, "--p--\n");
	m = through_buf(&b, NULL, NULL);
	ck_assert_ptr_nonnull(m);
	ck_assert(m->truncated);
	message_free(m);
}
END_TEST

/* broken MIME: each fixture still gives a message, with what can be read */
static const struct {
	const char *file;
	const char *text;	/* expected in m->text, or NULL */
} broken[] = {
	{ "boundary-never-seen.eml", NULL },
	{ "boundary-missing.eml", NULL },
	{ "boundary-unclosed.eml", "shop sign" },
	{ "base64-invalid.eml", NULL },
	{ "charset-unknown.eml", "Could you send me a quote?" },
	{ "utf8-invalid.eml", "Could you send me a quote?" },
};

START_TEST(test_broken_fixture)
{
	struct message *m = through_fixture(broken[_i].file);

	ck_assert_str_eq(m->from.email, "dana@customer.example");
	if (broken[_i].text != NULL)
		ck_assert_msg(strstr(m->text, broken[_i].text) != NULL,
		    "%s: text is \"%s\"", broken[_i].file, m->text);
	message_free(m);
}
END_TEST

START_TEST(test_unknown_charset_name)
{
	struct message *m = through_fixture("charset-unknown.eml");

	ck_assert_ptr_nonnull(m->from.name);
	ck_assert_ptr_nonnull(strstr(m->from.name, "Dana R"));
	ck_assert_ptr_nonnull(m->subject);
	ck_assert_ptr_nonnull(strstr(m->subject, "quote?"));
	message_free(m);
}
END_TEST

/*
 * Inputs the fuzzer (tests/fuzz) found: each once crashed, leaked or hung.
 * Leaks show under `make asan` and `make valgrind`, which run this test.
 */
static const struct {
	const char *file;
	const char *from;	/* expected sender, or NULL if none */
	const char *text;	/* expected in m->text, or NULL */
	const char *why;
} fuzz_found[] = {
	{ "fuzz-return-path-unclosed.eml", "dana@customer.example",
	    "quote?", "libetpan leaked parsing Return-Path: <a@b" },
	{ "fuzz-resent-bcc-unclosed.eml", "dana@customer.example",
	    "quote?", "libetpan leaked parsing Resent-Bcc: <a@b, parts too" },
	{ "fuzz-subject-cut.eml", "t@example.org", "Hello",
	    "enquiry evidence cut the subject inside a character" },
	{ "fuzz-spam-reason-cut.eml", "t@example.org", "Hello",
	    "the noise gate's reason cut a header value inside a character" },
};

START_TEST(test_fuzz_found)
{
	size_t len;
	char *data = slurp(fuzz_found[_i].file, &len);
	struct message *m = through(data, len, NULL, NULL);

	ck_assert_msg(m != NULL, "%s: %s", fuzz_found[_i].file,
	    fuzz_found[_i].why);
	if (fuzz_found[_i].from != NULL)
		ck_assert_str_eq(m->from.email, fuzz_found[_i].from);
	if (fuzz_found[_i].text != NULL)
		ck_assert_ptr_nonnull(strstr(m->text, fuzz_found[_i].text));
	message_free(m);
	piped_any(data, len);
	free(data);
}
END_TEST

/* ---- HTML built to be slow --------------------------------------------- */

static const char *const html_bombs[] = {
	"<div>",			/* deeply nested tags */
	"<blockquote>",			/* nested quotes */
	"<",				/* 1 MB of '<' */
	"<!-- ",			/* comments never closed */
	"<script>",			/* hidden content never closed */
	"<a href=\"x ",			/* attribute quotes never closed */
	"&#x1234567; &amp &",		/* entities, broken and not */
	"<p/><br><td>x",		/* line-breaking tags */
};

START_TEST(test_html_bomb)
{
	struct message_limits lim;
	struct buf b;
	struct message *m;
	size_t unit = strlen(html_bombs[_i]);

	head(&b);
	put(&b, "Content-Type: text/html; charset=utf-8\n\n<p>Hello</p>");
	putn(&b, html_bombs[_i], 1024 * 1024 / unit);
	put(&b, "\n");
	m = through_scanned(&b, &lim);
	ck_assert(m->html_only);
	message_free(m);
}
END_TEST

/* ---- a 5,000-message mbox through the mailbox reader and pipeline ------ */

#define MBOX_N 5000

START_TEST(test_mbox_5000)
{
	char path[TL_PATH_MAX + 8];
	struct buf b;
	struct mailbox *mb;
	struct mailbox_msg msg;
	struct pipeline p;
	struct store *s;
	struct err e;
	size_t n = 0, unquoted = 0;
	FILE *fp;
	int r;

	s = store_tmp();
	snprintf(path, sizeof(path), "/tmp/clientele-hostile-%ld.mbox",
	    (long)getpid());
	buf_init(&b, BIG_CAP);
	for (size_t i = 0; i < MBOX_N; i++)
		ck_assert_int_eq(buf_printf(&b,
		    "From c%zu@mbox.example Mon Nov 23 10:00:00 2026\n"
		    "From: Customer %zu <c%zu@mbox.example>\n"
		    "To: sam@brightdesk.example\n"
		    "Message-ID: <m%zu@mbox.example>\n"
		    "Subject: question %zu\n\n"
		    "Could you send me a quote?\n"
		    ">From the shop window it looks great.\n"
		    ">>From here on, quoted twice.\n\n", i, i, i, i, i), 0);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(b.data, 1, b.len, fp), b.len);
	ck_assert_int_eq(fclose(fp), 0);
	buf_free(&b);

	mb = mailbox_open(path, 0, &e);
	ck_assert_msg(mb != NULL, "%s", e.msg);
	pipeline_init(&p, cfg, rules, s);
	p.skip_summary = true;
	ck_assert_int_eq(store_begin(s, &e), 0);
	while ((r = mailbox_next(mb, &msg, &e)) != 0) {
		struct pipeline_result res;

		ck_assert_msg(r == 1, "%s", e.msg);
		ck_assert(!msg.truncated);
		/* mboxrd quoting undone: one '>' fewer on each From line */
		if (memmem(msg.data, msg.len, "\nFrom the shop", 14) != NULL &&
		    memmem(msg.data, msg.len, "\n>From here on", 14) != NULL)
			unquoted++;
		ck_assert_msg(pipeline_process(&p, msg.data, msg.len, NULL,
		    &res, &e) == 0, "%s: %s", msg.label, e.msg);
		ck_assert_int_eq(res.kind, FACTS_INCOMING);
		ck_assert(!res.duplicate);
		pipeline_result_clear(&res);
		n++;
	}
	ck_assert_int_eq(store_commit(s, &e), 0);
	mailbox_close(mb);
	ck_assert_uint_eq(n, MBOX_N);
	ck_assert_uint_eq(unquoted, MBOX_N);
	ck_assert_uint_eq(customers_in(s), MBOX_N);
	unlink(path);
	store_tmp_done(s);
}
END_TEST

/*
 * A production build repairs facts that break the text invariant rather
 * than abort the milter: bad bytes become U+FFFD, good text is kept.
 */
START_TEST(test_facts_repair)
{
	static const char mail[] = "From: Ann <ann@example.org>\r\n"
	    "To: sam@brightdesk.example\r\nSubject: hello\r\n\r\nHi.\r\n";
	struct message_limits lim;
	struct err e = { "" };
	struct message *m;
	struct facts *f;

	message_limits_default(&lim);
	m = message_parse(mail, sizeof(mail) - 1, &lim, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	f = classify(m, NULL, cfg, rules, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_ge(f->npeople, 1);
	free(f->subject);
	f->subject = strdup("cut \xe2\x82");
	free(f->people[0].name);
	f->people[0].name = strdup("Ann \xff\xfe");
	ck_assert(!facts_text_ok(f));
	ck_assert_int_eq(facts_text_repair(f), 0);
	ck_assert(facts_text_ok(f));
	ck_assert_int_eq(strncmp(f->subject, "cut \xef\xbf\xbd", 7), 0);
	ck_assert_ptr_nonnull(strstr(f->people[0].name, "Ann \xef\xbf\xbd"));
	ck_assert_str_eq(f->people[0].email, "ann@example.org");
	facts_free(f);
	message_free(m);
}
END_TEST

TL_SUITE_AROUND(hostile, setup, teardown, HOSTILE_TIMEOUT, test_empty, 0,
    test_facts_repair, 0, test_garbage, 4, test_nul_bytes, 0, test_cr_only, 0,
    test_huge_header_line, 0, test_header_flood, 0, test_address_flood, 3,
    test_references_flood, 0, test_encoded_word_bomb, 4, test_nested_mime, 2,
    test_many_parts, 0, test_broken_fixture, TL_LOOPS(broken),
    test_unknown_charset_name, 0, test_fuzz_found, TL_LOOPS(fuzz_found),
    test_html_bomb, TL_LOOPS(html_bombs), test_mbox_5000, 0)
