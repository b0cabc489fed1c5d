/*
 * check_digest - the owner's digest: structure checked by parsing it back
 * with libetpan, content, escaping, and that no customer text reaches a
 * header.
 */
#include <check.h>
#include <libetpan/libetpan.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/digest.h"
#include "testlib.h"

static struct digest_item
item(const char *email, const char *name, const char *other, const char *detail)
{
	struct digest_item it = { xstrdup(email), xstrdup(name), xstrdup(other),
		xstrdup(detail), 1790000000, NULL, false };
	return it;
}

static void
push(struct digest_items *its, struct digest_item it)
{
	its->v = realloc(its->v, (its->n + 1) * sizeof(*its->v));
	its->v[its->n++] = it;
}

static void
add_referrer(struct customer_list *l, const char *email, const char *name, int n)
{
	struct customer c;

	memset(&c, 0, sizeof(c));
	c.email = strdup(email);
	c.name = xstrdup(name);
	c.referrals = n;
	strvec_init(&c.tags);
	strvec_init(&c.reasons);
	l->v = realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = c;
}

/* A day with one of everything, and a hostile name. */
static void
busy_day(struct digest_data *d)
{
	memset(d, 0, sizeof(*d));
	d->since = 1790000000 - 86400;
	d->until = 1790000000;
	push(&d->enquiries, item("ana@example.org", "Ana Lima", NULL,
	    "Quote for a new logo"));
	push(&d->enquiries, item("evil@example.net",
	    "Eve\r\nBcc: victim@example.com <script>x</script>", NULL,
	    "hello"));
	push(&d->referrals, item("ben@example.org", "Ben Okafor",
	    "ana@example.org", "introduction"));
	push(&d->problems, item("rex@example.com", "Rex", NULL,
	    "rude: \"you people are useless\""));
	push(&d->changes, item("rex@example.com", "Rex", NULL, "ok -> bad"));
	add_referrer(&d->top_referrers, "ana@example.org", "Ana Lima", 4);
	add_referrer(&d->top_referrers, "joe@example.org", "Joé Ünïcode", 1);
	d->ngood = 2;
	d->nok = 5;
	d->nbad = 1;
}

static char *
render(const struct digest_data *d)
{
	struct digest_mail_opts o = { "clientele@brightdesk.example",
		"sam@brightdesk.example", 1790000000, "abc123" };
	struct buf b;
	struct err e;

	buf_init(&b, 0);
	ck_assert_int_eq(digest_render_mail(d, &o, &b, &e), 0);
	return buf_steal(&b);
}

/* render_into - the mail into b (for searching its HTML part); returns NULL */
static char *
render_into(const struct digest_data *d, struct buf *b)
{
	struct digest_mail_opts o = { "clientele@brightdesk.example",
		"sam@brightdesk.example", 1790000000, "abc123" };
	struct err e;

	ck_assert_int_eq(digest_render_mail(d, &o, b, &e), 0);
	return NULL;
}

/* header_block - the bytes before the first empty line */
static char *
header_block(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");

	ck_assert_ptr_nonnull(end);
	return strndup(msg, (size_t)(end - msg) + 2);
}

/*
 * has_all - each string after text, up to the NULL that ends the list, is
 * in text; the failure names the first that is not (and shows the start
 * of text: Check's messages are short)
 */
static void
has_all(const char *text, ...)
{
	va_list ap;
	const char *want;

	va_start(ap, text);
	while ((want = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(strstr(text, want) != NULL,
		    "no \"%s\" in (its start):\n%.500s", want, text);
	va_end(ap);
}

/* part - the decoded text (0) or HTML (1) part of the rendered mail */
static char *
part(const struct digest_data *d, int which)
{
	struct mailmime *top = NULL;
	size_t idx = 0;
	char *msg = render(d), *out = NULL;
	int i = 0;

	ck_assert_int_eq(mailmime_parse(msg, strlen(msg), &idx, &top),
	    MAILIMF_NO_ERROR);
	struct mailmime *mime = top->mm_data.mm_message.mm_msg_mime;
	for (clistiter *it = clist_begin(mime->mm_data.mm_multipart.mm_mp_list);
	    it; it = clist_next(it), i++) {
		struct mailmime *p = clist_content(it);
		struct mailmime_data *body = p->mm_data.mm_single;
		char *dec = NULL;
		size_t declen = 0, cur = 0;

		if (i != which)
			continue;
		ck_assert_int_eq(mailmime_part_parse(body->dt_data.dt_text.dt_data,
		    body->dt_data.dt_text.dt_length, &cur,
		    MAILMIME_MECHANISM_QUOTED_PRINTABLE, &dec, &declen),
		    MAILIMF_NO_ERROR);
		out = strndup(dec, declen);
		mailmime_decoded_part_free(dec);
	}
	mailmime_free(top);
	free(msg);
	ck_assert_ptr_nonnull(out);
	return out;
}

START_TEST(test_structure)
{
	static const char *const subtype[] = { "plain", "html" };
	struct digest_data d;
	struct mailmime *top = NULL, *mime;
	clist *parts;
	size_t idx = 0;
	char *msg;

	busy_day(&d);
	msg = render(&d);
	ck_assert_int_eq(mailmime_parse(msg, strlen(msg), &idx, &top),
	    MAILIMF_NO_ERROR);
	ck_assert_int_eq(top->mm_type, MAILMIME_MESSAGE);
	mime = top->mm_data.mm_message.mm_msg_mime;
	ck_assert_ptr_nonnull(mime);
	ck_assert_int_eq(mime->mm_type, MAILMIME_MULTIPLE);
	ck_assert_str_eq(mime->mm_content_type->ct_subtype, "alternative");
	parts = mime->mm_data.mm_multipart.mm_mp_list;
	ck_assert_int_eq(clist_count(parts), 2);
	for (int i = 0; i < 2; i++) {
		struct mailmime *p = clist_nth_data(parts, i);

		ck_assert_str_eq(p->mm_content_type->ct_subtype, subtype[i]);
	}
	mailmime_free(top);
	free(msg);

	for (int i = 0; i < 2; i++) {
		char *text = part(&d, i);

		has_all(text, "Ana Lima", "ben@example.org",
		    "good 2, ok 5, bad 1", "Joé Ünïcode", NULL);
		if (i == 0) {
			/* a text bar chart of block characters */
			has_all(text, "\xe2\x96\x88\xe2\x96\x88", "ok -> bad",
			    NULL);
		} else {
			ck_assert_ptr_null(strstr(text, "<script>"));
			/* a chart without images or scripts: inline widths */
			has_all(text, "&lt;script&gt;", "width:100%",
			    "name=\"viewport\"", NULL);
			ck_assert_ptr_null(strstr(text, "<img"));
			ck_assert_ptr_null(strstr(text, "<script"));
		}
		free(text);
	}
	digest_data_clear(&d);
}
END_TEST

START_TEST(test_headers)
{
	struct digest_data d;
	struct mailimf_fields *f = NULL;
	size_t idx = 0;
	char *msg, *hdr;

	busy_day(&d);
	msg = render(&d);
	hdr = header_block(msg);
	ck_assert_int_eq(mailimf_fields_parse(msg, strlen(msg), &idx, &f),
	    MAILIMF_NO_ERROR);
	ck_assert_ptr_nonnull(strstr(hdr, "\r\nAuto-Submitted: auto-generated\r\n"));
	ck_assert_ptr_nonnull(strstr(hdr, "\r\nMIME-Version: 1.0\r\n"));
	ck_assert_ptr_nonnull(strstr(hdr, "From: clientele@brightdesk.example\r\n"));
	ck_assert_ptr_nonnull(strstr(hdr, "\r\nTo: sam@brightdesk.example\r\n"));
	ck_assert_ptr_nonnull(strstr(hdr,
	    "Subject: clientele: 2 enquiries, 1 referral, 1 problem, 1 category change\r\n"));
	ck_assert_ptr_nonnull(strstr(hdr,
	    "Message-ID: <digest.1790000000.abc123@brightdesk.example>"));
	ck_assert_ptr_nonnull(strstr(hdr, "Date: "));
	/* no customer text in any header */
	ck_assert_ptr_null(strstr(hdr, "Bcc"));
	ck_assert_ptr_null(strstr(hdr, "victim"));
	ck_assert_ptr_null(strstr(hdr, "Ana"));
	/* every line within RFC 5322's 78 + CRLF */
	for (const char *p = msg; *p;) {
		const char *nl = strstr(p, "\r\n");
		ck_assert_ptr_nonnull(nl);
		ck_assert_uint_le((size_t)(nl - p), 78);
		p = nl + 2;
	}
	mailimf_fields_free(f);
	free(hdr);
	free(msg);
	digest_data_clear(&d);
}
END_TEST

START_TEST(test_quiet_day)
{
	struct digest_data d;
	char *subject, *msg;

	memset(&d, 0, sizeof(d));
	d.since = 0;
	d.until = 86400;
	ck_assert(digest_is_quiet(&d));
	subject = digest_subject(&d);
	ck_assert_str_eq(subject, "clientele: nothing new");
	msg = render(&d);
	ck_assert_ptr_nonnull(strstr(msg, "Nothing new in this window."));
	free(msg);
	free(subject);
}
END_TEST

START_TEST(test_refuses_bad_addresses)
{
	struct digest_data d;
	struct digest_mail_opts o = { "clientele@brightdesk.example",
		"sam@example.com\r\nBcc: x@example.com", 0, "u1" };
	struct buf b;
	struct err e;

	memset(&d, 0, sizeof(d));
	buf_init(&b, 0);
	ck_assert_int_eq(digest_render_mail(&d, &o, &b, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "recipient"));
	o.to = "sam@brightdesk.example";
	o.from = "not an address";
	ck_assert_int_eq(digest_render_mail(&d, &o, &b, &e), -1);
	buf_free(&b);
}
END_TEST

START_TEST(test_text_and_json)
{
	struct digest_data d;
	struct buf b;

	busy_day(&d);
	buf_init(&b, 0);
	ck_assert_int_eq(digest_render_text(&d, false, &b), 0);
	ck_assert_ptr_null(strchr(b.data, '\033'));
	/* the control characters of the hostile name are shown, not sent */
	ck_assert_ptr_nonnull(strstr(b.data, "Eve\\x0d\\x0aBcc"));
	buf_reset(&b);
	ck_assert_int_eq(digest_render_text(&d, true, &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "\033[1m"));
	buf_reset(&b);
	ck_assert_int_eq(digest_render_json(&d, &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data,
	    "\"counts\":{\"good\":2,\"ok\":5,\"bad\":1}"));
	ck_assert_ptr_nonnull(strstr(b.data, "Eve\\r\\nBcc"));
	ck_assert_ptr_nonnull(strstr(b.data, "\"other\":\"ana@example.org\""));
	buf_free(&b);
	digest_data_clear(&d);
}
END_TEST

/* a list cut at its limit says how many there really were */
START_TEST(test_cut_lists_say_the_total)
{
	struct digest_data d;
	struct buf b;
	char *subject;

	busy_day(&d);
	d.enquiries.total = 40000;	/* two listed of 40,000 */
	subject = digest_subject(&d);
	ck_assert_str_eq(subject, "clientele: 40,000 enquiries, 1 referral, "
	    "1 problem, 1 category change");
	free(subject);
	buf_init(&b, 0);
	ck_assert_int_eq(digest_render_text(&d, false, &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "New enquiries (2 of 40,000)\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "New referrals (1)\n"));
	buf_reset(&b);
	ck_assert_int_eq(digest_render_json(&d, &b), 0);
	ck_assert_ptr_nonnull(strstr(b.data, "\"totals\":{\"enquiries\":40000,"
	    "\"referrals\":1,\"problems\":1,\"changes\":1}"));
	buf_reset(&b);
	free(render_into(&d, &b));
	ck_assert_ptr_nonnull(strstr(b.data, "New enquiries (2 of 40,000)</h2>"));
	buf_free(&b);
	digest_data_clear(&d);
}
END_TEST

/* quoted-printable: long lines are soft-broken, '=' and 8-bit encoded */
START_TEST(test_qp)
{
	struct buf b;
	char line[300];

	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	buf_init(&b, 0);
	qp_encode(line, strlen(line), &b);
	for (const char *p = b.data; *p;) {
		const char *nl = strstr(p, "\r\n");
		ck_assert_uint_le((size_t)(nl - p), 76);
		p = nl + 2;
	}
	buf_reset(&b);
	qp_encode("a=b é \n", 8, &b);
	ck_assert_str_eq(b.data, "a=3Db =C3=A9=20\r\n");
	buf_free(&b);
}
END_TEST

/*
 * The headline figures against the period before, in the text part, the
 * HTML part and JSON; lists cut short say how many more there were.
 */
START_TEST(test_figures_and_totals)
{
	struct digest_data d;
	struct buf b;
	char *text, *html;

	busy_day(&d);
	d.enquiries.total = 7;		/* two shown of seven */
	d.now.v[DF_ENQUIRIES] = 7;
	d.before.v[DF_ENQUIRIES] = 4;
	d.now.v[DF_REFERRALS] = 1;
	d.before.v[DF_REFERRALS] = 3;
	d.now.v[DF_PROBLEMS] = 1;
	d.before.v[DF_PROBLEMS] = 1;
	d.now.v[DF_REVENUE] = 12050;
	d.before.v[DF_REVENUE] = 20000;
	d.has_revenue = true;
	d.has_before = true;
	d.before_since = d.since - 86400;
	d.before_until = d.since;

	text = part(&d, 0);
	has_all(text, "New enquiries (2 of 7)", "... and 5 more",
	    "(up 3 from 4)", "(down 2 from 3)", "(no change)",
	    "120.50  (down 79.50 from 200.00)", NULL);
	html = part(&d, 1);
	has_all(html, "New enquiries (2 of 7)</h2>", "and 5 more",
	    "up 3 from 4", "down 2 from 3", NULL);
	free(text);
	free(html);

	buf_init(&b, 0);
	ck_assert_int_eq(digest_render_json(&d, &b), 0);
	has_all(b.data, "\"new_enquiries\":{\"value\":7,"
	    "\"previous\":4,\"change\":3,\"direction\":\"up\"}",
	    "\"referrals\":{\"value\":1,"
	    "\"previous\":3,\"change\":-2,\"direction\":\"down\"}",
	    "\"problem_flags\":{\"value\":1,"
	    "\"previous\":1,\"change\":0,\"direction\":\"same\"}",
	    "\"revenue\":{\"value\":\"120.50\","
	    "\"previous\":\"200.00\",\"change\":\"-79.50\",\"direction\":"
	    "\"down\"}",
	    "\"totals\":{\"enquiries\":7,", "\"previous_since\":", NULL);
	/* no revenue recorded: no revenue figure at all */
	d.has_revenue = false;
	buf_reset(&b);
	digest_render_json(&d, &b);
	ck_assert_ptr_null(strstr(b.data, "\"revenue\":{"));
	buf_free(&b);
	digest_data_clear(&d);
}
END_TEST

/*
 * The HTML part: names before addresses, a reply link on a waiting
 * enquiry with its subject percent-encoded, categories in words beside
 * their colour, local time in the configured zone.
 */
START_TEST(test_html_part)
{
	struct digest_data d;
	char *html, *text;
	const char *tz = getenv("TZ");
	char *saved = tz ? strdup(tz) : NULL;

	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	busy_day(&d);
	d.enquiries.v[1].waiting = true;	/* the hostile one */
	d.zone = "Asia/Tokyo";
	html = part(&d, 1);
	text = part(&d, 0);
	/* 1790000000 is 2026-09-21 14:13:20 UTC: 23:13 in Tokyo */
	has_all(text, "Mon 21 Sep 2026 23:13",
	    "[waiting: reply to evil@example.net]", NULL);
	has_all(html, "Mon 21 Sep 2026 23:13", "Asia/Tokyo",
	    "<b title=\"ana@example.org\"><bdi>"
	    "Ana Lima</bdi></b> <small>ana@example.org</small>",
	    "href=\"mailto:evil@example.net?subject=Re%3A%20hello\">Reply</a>",
	    /* "ok -> bad" as two badges that say it */
	    ">ok</span> &rarr; ", "&#10006; bad</span>", "name=\"viewport\"",
	    NULL);
	ck_assert_ptr_null(strstr(html, "mailto:ana@example.org"));	/* not waiting */
	free(html);
	free(text);
	digest_data_clear(&d);
	if (saved) {
		setenv("TZ", saved, 1);
		free(saved);
	} else {
		unsetenv("TZ");
	}
	tzset();
}
END_TEST

TL_SUITE(digest, test_structure, 0, test_headers, 0, test_quiet_day, 0,
    test_refuses_bad_addresses, 0, test_text_and_json, 0, test_qp, 0,
    test_cut_lists_say_the_total, 0, test_figures_and_totals, 0,
    test_html_part, 0)
