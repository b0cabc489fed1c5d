/*
 * check_report - text tables, JSON and CSV of hand-made customers: exact
 * bytes, escaping of hostile names, UTF-8 column widths, streaming.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "testlib.h"

/* 2026-11-02T09:00:00Z and 2026-11-20T17:30:00Z */
#define T1 ((time_t)1793610000)
#define T2 ((time_t)1795195800)

static void
add_strings(struct strvec *sv, const char *const *s)
{
	strvec_init(sv);
	for (; s && *s; s++)
		ck_assert_int_eq(strvec_push(sv, *s), 0);
}

static void
fill(struct customer *c, const char *email, const char *name,
    const char *category, int referrals, const char *by,
    const char *const *tags, int messages, time_t first, time_t last,
    const char *const *reasons)
{
	memset(c, 0, sizeof(*c));
	c->email = xstrdup(email);
	c->name = xstrdup(name);
	c->category = xstrdup(category);
	c->referrals = referrals;
	c->referred_by = xstrdup(by);
	add_strings(&c->tags, tags);
	c->messages = messages;
	c->first_seen = first;
	c->last_seen = last;
	add_strings(&c->reasons, reasons);
}

/* list_of - l holds n customers, zeroed, for fill or one_message */
static void
list_of(struct customer_list *l, size_t n)
{
	l->n = n;
	l->v = calloc(n, sizeof(*l->v));
	ck_assert_ptr_nonnull(l->v);
}

/* one_message - c is email (named name), ok, with one message at T1 and
 * nothing else */
static void
one_message(struct customer *c, const char *email, const char *name)
{
	fill(c, email, name, "ok", 0, NULL, NULL, 1, T1, T1, NULL);
}

/* two customers: a good referrer and a hostile-looking one */
static void
sample(struct customer_list *l)
{
	static const char *const t1[] = { "enquiry", "praise", "referrer", NULL };
	static const char *const r1[] = { "made 2 referrals", "praised the work",
		NULL };
	static const char *const t2[] = { "haggler", "rude", NULL };
	static const char *const r2[] = { "rude in 1 message", NULL };

	list_of(l, 2);
	fill(&l->v[0], "dana@example.com", "Dana Reyes", "good", 2, NULL, t1, 3,
	    T1, T2, r1);
	fill(&l->v[1], "max@example.net", "Max \"the, \x1b[31mBoss\"", "bad", 0,
	    "dana@example.com", t2, 1, T2, T2, r2);
}

static char *
render(const struct customer_list *l, enum report_format f, unsigned flags)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(report_list(&b, l, f, flags), 0);
	return buf_steal(&b);
}

START_TEST(json_list_exact)
{
	struct customer_list l;
	char *s;

	sample(&l);
	s = render(&l, REPORT_JSON, 0);
	ck_assert_str_eq(s,
	    "[\n"
	    "{\"email\":\"dana@example.com\",\"name\":\"Dana Reyes\","
	    "\"category\":\"good\",\"referrals\":2,\"referred_by\":null,"
	    "\"tags\":[\"enquiry\",\"praise\",\"referrer\"],\"messages\":3,"
	    "\"first_seen\":\"2026-11-02T09:00:00Z\","
	    "\"last_seen\":\"2026-11-20T17:30:00Z\","
	    "\"reasons\":[\"made 2 referrals\",\"praised the work\"],"
	    "\"status\":\"customer\",\"referrals_pending\":0},\n"
	    "{\"email\":\"max@example.net\","
	    "\"name\":\"Max \\\"the, \\u001b[31mBoss\\\"\",\"category\":\"bad\","
	    "\"referrals\":0,\"referred_by\":\"dana@example.com\","
	    "\"tags\":[\"haggler\",\"rude\"],\"messages\":1,"
	    "\"first_seen\":\"2026-11-20T17:30:00Z\","
	    "\"last_seen\":\"2026-11-20T17:30:00Z\","
	    "\"reasons\":[\"rude in 1 message\"],"
	    "\"status\":\"customer\",\"referrals_pending\":0}\n"
	    "]\n");
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(json_nulls_and_empty)
{
	struct customer_list l = { NULL, 0 };
	char *s = render(&l, REPORT_JSON, 0);

	ck_assert_str_eq(s, "[]\n");
	free(s);
	list_of(&l, 1);
	fill(&l.v[0], "a@example.org", NULL, "ok", 0, NULL, NULL, 0, 0, 0, NULL);
	s = render(&l, REPORT_JSON, 0);
	ck_assert_str_eq(s, "[\n{\"email\":\"a@example.org\",\"name\":null,"
	    "\"category\":\"ok\",\"referrals\":0,\"referred_by\":null,"
	    "\"tags\":[],\"messages\":0,\"first_seen\":null,\"last_seen\":null,"
	    "\"reasons\":[],\"status\":\"customer\",\"referrals_pending\":0}"
	    "\n]\n");
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(csv_exact)
{
	struct customer_list l;
	char *s;

	sample(&l);
	s = render(&l, REPORT_CSV, 0);
	ck_assert_str_eq(s,
	    "email,name,category,referrals,referred_by,tags,messages,"
	    "first_seen,last_seen,reasons\r\n"
	    "dana@example.com,Dana Reyes,good,2,,enquiry;praise;referrer,3,"
	    "2026-11-02T09:00:00Z,2026-11-20T17:30:00Z,"
	    "made 2 referrals; praised the work\r\n"
	    "max@example.net,\"Max \"\"the, \x1b[31mBoss\"\"\",bad,0,"
	    "dana@example.com,haggler;rude,1,2026-11-20T17:30:00Z,"
	    "2026-11-20T17:30:00Z,rude in 1 message\r\n");
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(csv_formula_guard)
{
	struct customer_list l;
	char *s;

	list_of(&l, 1);
	one_message(&l.v[0], "e@example.org", "=HYPERLINK(\"x\")");
	s = render(&l, REPORT_CSV, 0);
	ck_assert(strstr(s, "\r\ne@example.org,\"'=HYPERLINK(\"\"x\"\")\",ok,")
	    != NULL);
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(text_table_exact)
{
	struct customer_list l;
	char *s;

	sample(&l);
	s = render(&l, REPORT_TEXT, 0);
	ck_assert_str_eq(s,
	    "EMAIL             NAME                     CATEGORY  REFS  MSGS  "
	    "LAST SEEN   TAGS\n"
	    "dana@example.com  Dana Reyes               good         2     3  "
	    "2026-11-20  enquiry,praise,referrer\n"
	    "max@example.net   Max \"the, \\x1b[31mBoss\"  bad          0     1  "
	    "2026-11-20  haggler,rude\n");
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(text_problems_has_reasons)
{
	struct customer_list l;
	char *s;

	sample(&l);
	s = render(&l, REPORT_TEXT, REPORT_REASONS);
	ck_assert(strstr(s, "TAGS                     REASONS\n") != NULL);
	ck_assert(strstr(s, "haggler,rude             rude in 1 message\n")
	    != NULL);
	ck_assert(strstr(s, "made 2 referrals; praised the work\n") != NULL);
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(text_wide_names_align)
{
	struct customer_list l;
	char *s, *line2, *line3;

	list_of(&l, 2);
	/* six CJK characters: 12 cells; "José" with a combining accent: 4 */
	one_message(&l.v[0], "li@example.cn", "\xe6\x9d\x8e\xe5\xb0\x8f"
	    "\xe9\xbe\x99\xe5\xb7\xa5\xe4\xbd\x9c\xe5\xae\xa4");
	one_message(&l.v[1], "jose@example.es", "Jose\xcc\x81");
	s = render(&l, REPORT_TEXT, 0);
	line2 = strchr(s, '\n') + 1;
	line3 = strchr(line2, '\n') + 1;
	/* "ok" starts at the same cell on both rows: 15 + 2 + 12 + 2 */
	ck_assert(strncmp(line2, "li@example.cn    \xe6\x9d\x8e", 20) == 0);
	ck_assert(strstr(line2, "\xae\xa4  ok  ") != NULL);
	ck_assert(strstr(line3, "Jose\xcc\x81          ok  ") != NULL);
	free(s);
	customer_list_free(&l);
}
END_TEST

START_TEST(text_long_name_cut)
{
	struct customer_list l;
	char *s;

	list_of(&l, 1);
	one_message(&l.v[0], "a@example.org",
	    "A Very Long Company Name Limited Of Somewhere");
	s = render(&l, REPORT_TEXT, 0);
	ck_assert(strstr(s, "  A Very Long Company Name...   ok") != NULL);
	free(s);
	customer_list_free(&l);
}
END_TEST

static const struct {
	const char *s;
	size_t width;
} widths[] = {
	{ "", 0 },
	{ "plain", 5 },
	{ "caf\xc3\xa9", 4 },
	{ "e\xcc\x81", 1 },
	{ "\xe6\x9d\x8e", 2 },
	{ "\xf0\x9f\x98\x80!", 3 },
	{ "\xff", 1 },
};

START_TEST(text_width_table)
{
	ck_assert_uint_eq(report_text_width(widths[_i].s, strlen(widths[_i].s)),
	    widths[_i].width);
}
END_TEST

/* times rendered by hand must match the C library's gmtime, across leap days */
START_TEST(json_times_match_libc)
{
	struct customer_list l;
	struct buf b;
	char want[64], ts[32];
	long long t;

	list_of(&l, 1);
	fill(&l.v[0], "t@example.org", NULL, "ok", 0, NULL, NULL, 1, 1, 1, NULL);
	buf_init(&b, 0);
	/* every 7 days and 3607 seconds from 1901 to 2200 */
	for (t = -2145916800LL; t < 7258118400LL; t += 7 * 86400 + 3607) {
		l.v[0].first_seen = (time_t)t;
		buf_reset(&b);
		TL_REQUIRE(report_list(&b, &l, REPORT_JSON, 0) == 0,
		    "t=%lld: report_list failed", t);
		time_rfc3339((time_t)t, ts);
		snprintf(want, sizeof(want), "\"first_seen\":\"%s\"", ts);
		TL_REQUIRE(strstr(buf_cstr(&b), want) != NULL, "t=%lld want %s",
		    t, want);
	}
	buf_free(&b);
	customer_list_free(&l);
}
END_TEST

static struct customer_detail *
sample_detail(void)
{
	static const char *const tags[] = { "praise", NULL };
	static const char *const addrs[] = { "dana@example.com",
		"dana@old.example", NULL };
	static const char *const referred[] = { "lee@example.org", NULL };
	struct customer_detail *d = calloc(1, sizeof(*d));

	fill(&d->c, "dana@example.com", "Dana", "good", 1, NULL, tags, 2, T1, T2,
	    NULL);
	add_strings(&d->addresses, addrs);
	add_strings(&d->referred, referred);
	d->nev = 2;
	d->ev = calloc(2, sizeof(*d->ev));
	d->ev[0].kind = xstrdup("tag");
	d->ev[0].label = xstrdup("praise");
	d->ev[0].text = xstrdup("You did a \"lovely\" job.\n");
	d->ev[0].when = T1;
	d->ev[1].kind = xstrdup("referral");
	d->ev[1].label = xstrdup("lee@example.org");
	d->ev[1].how = xstrdup("introduction");
	d->ev[1].when = T2;
	return d;
}

START_TEST(detail_json_exact)
{
	struct customer_detail *d = sample_detail();
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(report_detail(&b, d, REPORT_JSON), 0);
	ck_assert_str_eq(buf_cstr(&b),
	    "{\"email\":\"dana@example.com\",\"name\":\"Dana\",\"category\":\"good\","
	    "\"referrals\":1,\"referred_by\":null,\"tags\":[\"praise\"],"
	    "\"messages\":2,\"first_seen\":\"2026-11-02T09:00:00Z\","
	    "\"last_seen\":\"2026-11-20T17:30:00Z\",\"reasons\":[],"
	    "\"status\":\"customer\",\"referrals_pending\":0,"
	    "\"addresses\":[\"dana@example.com\",\"dana@old.example\"],"
	    "\"evidence\":[{\"kind\":\"tag\",\"label\":\"praise\","
	    "\"text\":\"You did a \\\"lovely\\\" job.\\n\",\"how\":null,"
	    "\"when\":\"2026-11-02T09:00:00Z\"},{\"kind\":\"referral\","
	    "\"label\":\"lee@example.org\",\"text\":null,\"how\":\"introduction\","
	    "\"when\":\"2026-11-20T17:30:00Z\"}],"
	    "\"referred\":[\"lee@example.org\"],\"announced\":[],\"code\":null,"
	    "\"company\":null,\"referral_manual\":false,\"notes\":[],"
	    "\"history_total\":0,\"history\":[]}\n");
	buf_reset(&b);
	d->code = xstrdup("k7q2");
	ck_assert_int_eq(report_detail(&b, d, REPORT_JSON), 0);
	ck_assert(strstr(buf_cstr(&b), ",\"code\":\"k7q2\",") != NULL);
	buf_free(&b);
	customer_detail_free(d);
}
END_TEST

/* announce - d announced two names: one in a kept message, one not */
static void
announce(struct customer_detail *d)
{
	d->nannounced = 2;
	d->announced = calloc(2, sizeof(*d->announced));
	ck_assert_ptr_nonnull(d->announced);
	d->announced[0].name = xstrdup("Jo \xe2\x80\xae" "Bloggs");
	d->announced[0].subject = xstrdup("Re: hedge");
	d->announced[0].evidence = xstrdup("I gave Jo Bloggs your number");
	d->announced[0].at = T1;
	d->announced[1].name = xstrdup("Kim Ode");
	d->announced[1].at = T2;
}

/* show's announced names: JSON (key "announced"), text (a line each), CSV */
START_TEST(detail_announced)
{
	struct customer_detail *d = sample_detail();
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(report_detail(&b, d, REPORT_TEXT), 0);
	ck_assert_ptr_null(strstr(buf_cstr(&b), "announced:"));
	announce(d);
	buf_reset(&b);
	ck_assert_int_eq(report_detail(&b, d, REPORT_JSON), 0);
	ck_assert_msg(strstr(buf_cstr(&b), "\"referred\":[\"lee@example.org\"],"
	    "\"announced\":[{\"name\":\"Jo \\u202eBloggs\","
	    "\"at\":\"2026-11-02T09:00:00Z\",\"subject\":\"Re: hedge\","
	    "\"evidence\":\"I gave Jo Bloggs your number\"},"
	    "{\"name\":\"Kim Ode\",\"at\":\"2026-11-20T17:30:00Z\","
	    "\"subject\":null,\"evidence\":null}],\"code\":") != NULL, "%s",
	    buf_cstr(&b));
	buf_reset(&b);
	ck_assert_int_eq(report_detail(&b, d, REPORT_TEXT), 0);
	ck_assert_msg(strstr(buf_cstr(&b), "  referred:    lee@example.org\n"
	    "  announced:   Jo \\u202eBloggs, 2026-11-02, in \"Re: hedge\"\n"
	    "               Kim Ode, 2026-11-20\n"
	    "  referred by: -\n") != NULL, "%s", buf_cstr(&b));
	/* a message without a subject says so */
	d->announced[1].subject = xstrdup("");
	buf_reset(&b);
	ck_assert_int_eq(report_detail(&b, d, REPORT_TEXT), 0);
	ck_assert_msg(strstr(buf_cstr(&b), "Kim Ode, 2026-11-20, in "
	    "\"(no subject)\"\n") != NULL, "%s", buf_cstr(&b));
	buf_reset(&b);
	ck_assert_int_eq(report_detail(&b, d, REPORT_CSV), 0);
	ck_assert_msg(strstr(buf_cstr(&b), ",code,announced\r\n") != NULL &&
	    strstr(buf_cstr(&b), ",Jo \xe2\x80\xae" "Bloggs;Kim Ode\r\n") !=
	    NULL, "%s", buf_cstr(&b));
	buf_free(&b);
	customer_detail_free(d);
}
END_TEST

START_TEST(detail_text_block)
{
	struct customer_detail *d = sample_detail();
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(report_detail(&b, d, REPORT_TEXT), 0);
	ck_assert(strncmp(buf_cstr(&b), "Dana <dana@example.com>\n", 24) == 0);
	ck_assert(strstr(buf_cstr(&b), "  category:    good (automatic)\n"));
	ck_assert(strstr(buf_cstr(&b),
	    "  addresses:   dana@example.com, dana@old.example\n"));
	ck_assert(strstr(buf_cstr(&b),
	    "    2026-11-02  tag praise: \"You did a \"lovely\" job.\\x0a\"\n"));
	ck_assert(strstr(buf_cstr(&b),
	    "    2026-11-20  referral lee@example.org (introduction)\n"));
	buf_free(&b);
	customer_detail_free(d);
}
END_TEST

START_TEST(file_matches_buffer)
{
	struct customer_list l;
	struct err e = { "" };
	char *want, *got = NULL;
	size_t gotlen = 0;
	FILE *fp;

	list_of(&l, 3000);
	for (size_t i = 0; i < l.n; i++) {
		char email[64];

		snprintf(email, sizeof(email), "c%zu@example.org", i);
		fill(&l.v[i], email, "Some Body", "ok", (int)(i % 5), NULL, NULL, 1,
		    T1, T2, NULL);
	}
	for (int f = REPORT_TEXT; f <= REPORT_CSV; f++) {
		want = render(&l, (enum report_format)f, 0);
		fp = open_memstream(&got, &gotlen);
		ck_assert_int_eq(report_list_file(fp, &l, (enum report_format)f, 0,
		    &e), 0);
		fclose(fp);
		ck_assert_uint_gt(gotlen, 64 * 1024);
		ck_assert_str_eq(got, want);
		free(want);
		free(got);
		got = NULL;
	}
	customer_list_free(&l);
}
END_TEST

START_TEST(format_parse)
{
	enum report_format f = REPORT_TEXT;

	ck_assert_int_eq(report_format_parse("json", &f), 0);
	ck_assert_int_eq(f, REPORT_JSON);
	ck_assert_int_eq(report_format_parse("csv", &f), 0);
	ck_assert_int_eq(f, REPORT_CSV);
	ck_assert_int_eq(report_format_parse("text", &f), 0);
	ck_assert_int_eq(f, REPORT_TEXT);
	ck_assert_int_eq(report_format_parse("JSON", &f), -1);
	ck_assert_int_eq(report_format_parse("xml", &f), -1);
}
END_TEST

TL_SUITE(report, json_list_exact, 0, json_nulls_and_empty, 0, csv_exact, 0,
    csv_formula_guard, 0, text_table_exact, 0, text_problems_has_reasons, 0,
    text_wide_names_align, 0, text_long_name_cut, 0,
    text_width_table, TL_LOOPS(widths), json_times_match_libc, 0,
    detail_json_exact, 0, detail_text_block, 0, detail_announced, 0,
    file_matches_buffer, 0, format_parse, 0)
