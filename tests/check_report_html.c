/*
 * check_report_html - the browsable report's pages from hand-made data:
 * hostile text is escaped wherever it lands, page names are stable and
 * safe, links between pages agree with the names, the referral network
 * survives a cycle, and the table carries what its script sorts on.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_html.h"
#include "testlib.h"

static const char HOSTILE[] = "\"><img src=x onerror=alert(1)><script>x</script>";

static void
add(struct report_data *d, const char *email, const char *name,
    const char *category, int referrals, const char *by)
{
	struct customer *c;

	d->customers.v = realloc(d->customers.v,
	    (d->customers.n + 1) * sizeof(*d->customers.v));
	c = &d->customers.v[d->customers.n++];
	memset(c, 0, sizeof(*c));
	c->email = strdup(email);
	c->name = name ? strdup(name) : NULL;
	c->category = strdup(category);
	c->referrals = referrals;
	c->referred_by = by ? strdup(by) : NULL;
	c->first_seen = 1780000000;
	c->last_seen = 1790000000;
	strvec_init(&c->tags);
	strvec_init(&c->reasons);
	strvec_push(&c->tags, "<b>tag</b>");
}

static void
edge(struct report_data *d, const char *from, const char *to)
{
	d->edges = realloc(d->edges, (d->nedges + 1) * sizeof(*d->edges));
	d->edges[d->nedges].referrer = strdup(from);
	d->edges[d->nedges].referred = strdup(to);
	d->edges[d->nedges++].at = 1785000000;
}

/* Customers sorted by email, as the store gives them. */
static void
fixture(struct report_data *d)
{
	memset(d, 0, sizeof(*d));
	d->now = 1790000000;
	add(d, "ana@example.org", "Ana Lima", "good", 2, NULL);
	add(d, "ben@example.org", "Ben", "ok", 0, "ana@example.org");
	add(d, "evil@example.net", HOSTILE, "bad", 1, "ana@example.org");
	add(d, "x@example.com", NULL, "ok", 1, "y@example.com");
	add(d, "y@example.com", "Y", "ok", 1, "x@example.com");
	edge(d, "ana@example.org", "ben@example.org");
	edge(d, "ana@example.org", "evil@example.net");
	edge(d, "evil@example.net", "ben@example.org");	/* a second credit: ignored as seen */
	edge(d, "x@example.com", "y@example.com");	/* a cycle */
	edge(d, "y@example.com", "x@example.com");
	d->months = calloc(2, sizeof(*d->months));
	d->nmonths = 2;
	snprintf(d->months[0].ym, sizeof(d->months[0].ym), "2026-05");
	d->months[0].added[0] = 1;
	d->months[0].referrals = 2;
	snprintf(d->months[1].ym, sizeof(d->months[1].ym), "2026-06");
	d->months[1].added[1] = 3;
	d->months[1].added[2] = 1;
}

static void
no_raw_markup(const char *page)
{
	ck_assert_ptr_null(strstr(page, "<img"));
	ck_assert_ptr_null(strstr(page, "<script>x"));
	ck_assert_ptr_null(strstr(page, "<b>tag"));
}

START_TEST(test_pages_escape)
{
	struct report_data d;
	struct buf b;

	fixture(&d);
	buf_init(&b, 0);
	ck_assert_int_eq(report_html_overview(&d, &b), 0);
	no_raw_markup(b.data);
	ck_assert_ptr_nonnull(strstr(b.data, "name=\"viewport\""));
	buf_reset(&b);
	ck_assert_int_eq(report_html_table(&d, &b), 0);
	no_raw_markup(b.data);
	ck_assert_ptr_nonnull(strstr(b.data, "&quot;&gt;&lt;img src=x"));
	ck_assert_ptr_nonnull(strstr(b.data, "<script src=\"table.js\">"));
	ck_assert_ptr_nonnull(strstr(b.data, "data-label=\"Referrals\""));
	buf_reset(&b);
	ck_assert_int_eq(report_html_network(&d, &b), 0);
	no_raw_markup(b.data);
	buf_free(&b);
	report_data_clear(&d);
}
END_TEST

START_TEST(test_page_names)
{
	char a[REPORT_PAGE_NAME], b[REPORT_PAGE_NAME], c[REPORT_PAGE_NAME];

	report_html_page_name("ana@example.org", a);
	report_html_page_name("ana@example.org", b);
	report_html_page_name(HOSTILE, c);
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_uint_eq(strlen(a), strlen("c/0123456789abcdef.html"));
	ck_assert_uint_eq(strspn(c + 2, "0123456789abcdef"), 16);
	ck_assert_str_eq(c + 18, ".html");
}
END_TEST

START_TEST(test_customer_page)
{
	struct report_data d;
	struct customer_detail cd;
	struct alignment al;
	struct buf b;
	char ana[REPORT_PAGE_NAME], link[64];

	fixture(&d);
	memset(&cd, 0, sizeof(cd));
	cd.c = d.customers.v[2];	/* evil, borrowed */
	strvec_init(&cd.addresses);
	strvec_init(&cd.referred);
	strvec_push(&cd.addresses, "evil@example.net");
	strvec_push(&cd.referred, "ben@example.org");
	struct evidence ev[2] = {
		{ "tag", "rude", "you are <i>useless</i>", "rule", 1785000000 },
		{ "note", NULL, "owner's <note>", NULL, 1786000000 },
	};
	cd.ev = ev;
	cd.nev = 2;
	struct note nt[1] = { { 1, "call <u>after</u> 5", 1786500000 } };
	struct history_entry hist[2] = {
		{ "in", "Re: \"><img src=x onerror=alert(2)>", "rude", 1785000000,
		  1785000100 },
		{ "out", "Quote", NULL, 1784000000, 0 },
	};
	cd.notes = nt;
	cd.nnotes = 1;
	cd.hist = hist;
	cd.nhist = 2;
	cd.nhist_total = 5;
	cd.company = "example.net";
	memset(&al, 0, sizeof(al));
	al.n = 2;
	al.v[0] = (struct value_check){ "integrity", VERDICT_YES,
		VERDICT_UNKNOWN, 0, "", VERDICT_YES };
	al.v[1] = (struct value_check){ "respect", VERDICT_UNKNOWN,
		VERDICT_UNKNOWN, 2, "rude in 2 messages", VERDICT_NO };
	al.fit = al.misfit = 1;
	buf_init(&b, 0);
	ck_assert_int_eq(report_html_customer(&d, &cd, &al, &b), 0);
	no_raw_markup(b.data);
	ck_assert_ptr_null(strstr(b.data, "<i>useless"));
	ck_assert_ptr_null(strstr(b.data, "&lt;note&gt;"));	/* notes table wins */
	ck_assert_ptr_nonnull(strstr(b.data, "call &lt;u&gt;after&lt;/u&gt; 5"));
	/* history: both ways, subject escaped, and how many more */
	ck_assert_ptr_nonnull(strstr(b.data, "5 messages, either way"));
	ck_assert_ptr_nonnull(strstr(b.data, "Re: &quot;&gt;&lt;img src=x"));
	ck_assert_ptr_nonnull(strstr(b.data, ">from you<"));
	ck_assert_ptr_nonnull(strstr(b.data, "and 3 older"));
	ck_assert_ptr_nonnull(strstr(b.data, "at example.net"));
	/* the referrer's page, from inside c/ */
	report_html_page_name("ana@example.org", ana);
	snprintf(link, sizeof(link), "href=\"../%s\"", ana);
	ck_assert_ptr_nonnull(strstr(b.data, link));
	ck_assert_ptr_nonnull(strstr(b.data, "href=\"../style.css\""));
	/* values: where they align, where they break down */
	const char *align = strstr(b.data, "Where values align");
	const char *misfit = strstr(b.data, "Where they break down");
	ck_assert_ptr_nonnull(align);
	ck_assert_ptr_nonnull(misfit);
	ck_assert_ptr_nonnull(strstr(align, "<b>integrity</b>"));
	ck_assert(strstr(align, "<b>integrity</b>") < misfit);
	ck_assert_ptr_nonnull(strstr(misfit, "<b>respect</b>"));
	/* no value set: no values part; no notes table: notes kept as evidence */
	cd.nnotes = 0;
	buf_reset(&b);
	ck_assert_int_eq(report_html_customer(&d, &cd, NULL, &b), 0);
	ck_assert_ptr_null(strstr(b.data, "Where values align"));
	ck_assert_ptr_nonnull(strstr(b.data, "owner&#39;s &lt;note&gt;"));
	buf_free(&b);
	strvec_free(&cd.addresses);
	strvec_free(&cd.referred);
	report_data_clear(&d);
}
END_TEST

START_TEST(test_find)
{
	struct report_data d;

	fixture(&d);
	ck_assert_ptr_eq(report_html_find(&d, "evil@example.net"),
	    &d.customers.v[2]);
	ck_assert_ptr_null(report_html_find(&d, "nobody@example.org"));
	ck_assert_ptr_null(report_html_find(&d, NULL));
	report_data_clear(&d);
}
END_TEST

TL_SUITE(report_html, test_pages_escape, 0, test_page_names, 0,
    test_customer_page, 0, test_find, 0)
