/*
 * check_store_import - `import` trusts nothing: every member of an export
 * is checked by the grammar of its field, and a file with one bad member
 * is refused whole, naming the record ("customers[0].tags[0].tag: ...").
 *
 * One valid export (two customers with every kind of list, a referral and
 * a message) is imported as it is, then once per case with one member
 * changed: a tag or code carrying a line break (it reached the milter's
 * header), an empty address list, a count that overflows, an address with
 * a bidi override, amounts, times, verdicts and keys out of their grammar,
 * an announced name of one word.  And the round trip: export, import into
 * the emptied store, export again gives the same file, announced names
 * and the owner's messages with what each said (absent from the base,
 * as from older exports) included, on any backend.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_digest.h"
#include "testlib.h"

static const char base[] =
    "{\"clientele_export\":1,\"customers\":[\n"
    "{\"email\":\"dana@example.com\",\"name\":\"Dana Reyes\",\"category\":\"good\","
    "\"category_manual\":false,\"messages\":3,"
    "\"first_seen\":\"2026-11-01T09:00:00Z\",\"last_seen\":\"2026-11-05T09:00:00Z\","
    "\"code\":\"k7m2p9\",\"addresses\":[\"dana@example.com\",\"d.reyes@example.org\"],"
    "\"tags\":[{\"tag\":\"praise\",\"count\":2,\"manual\":false}],"
    "\"evidence\":[{\"kind\":\"tag\",\"label\":\"praise\",\"text\":\"wonderful\","
    "\"how\":null,\"message_key\":\"<a@x>\",\"at\":\"2026-11-02T09:00:00Z\"}],"
    "\"referral\":null,"
    "\"revenue\":[{\"amount_minor\":12345,\"currency\":null,"
    "\"at\":\"2026-11-03T00:00:00Z\",\"reference\":\"INV-1\"}],"
    "\"assessments\":[{\"value_key\":\"integrity\",\"verdict\":\"yes\","
    "\"source\":\"owner\",\"at\":\"2026-11-04T00:00:00Z\"}],"
    "\"pending\":[{\"name\":\"Sam Lee\",\"evidence\":\"ask Sam\","
    "\"message_key\":\"<b@x>\",\"at\":\"2026-11-02T09:00:00Z\"}],"
    "\"announced\":[{\"name\":\"Jo Bloggs\",\"evidence\":\"I gave Jo Bloggs "
    "your number\",\"message_key\":\"<a@x>\",\"at\":\"2026-11-02T09:00:00Z\"},"
    "{\"name\":\"Kim Ode\",\"evidence\":null,\"message_key\":null,"
    "\"at\":\"2026-11-04T10:00:00Z\"}]},\n"
    "{\"email\":\"lee@example.net\",\"name\":null,\"category\":\"ok\","
    "\"category_manual\":false,\"messages\":1,"
    "\"first_seen\":\"2026-11-02T09:00:00Z\",\"last_seen\":\"2026-11-02T09:00:00Z\","
    "\"code\":null,\"addresses\":[\"lee@example.net\"],\"tags\":[],\"evidence\":[],"
    "\"referral\":{\"referrer\":\"dana@example.com\",\"how\":\"introduction\","
    "\"evidence\":\"let me introduce\",\"message_key\":\"<c@x>\","
    "\"at\":\"2026-11-02T09:00:00Z\"},"
    "\"revenue\":[],\"assessments\":[],\"pending\":[]}\n"
    "],\"messages\":[{\"key\":\"<a@x>\",\"customer\":\"dana@example.com\","
    "\"kind\":\"incoming\",\"date\":1793610000,\"seen_at\":1793610000}],"
    "\"events\":[{\"at\":\"2026-11-02T09:00:00Z\",\"kind\":\"new\","
    "\"customer\":\"dana@example.com\",\"other\":null,\"detail\":\"first\"}],"
    "\"digests\":[{\"sent_at\":\"2026-11-06T07:00:00Z\","
    "\"since\":\"2026-11-05T07:00:00Z\",\"until\":\"2026-11-06T07:00:00Z\","
    "\"after_event\":0,\"upto_event\":1}]}\n";

static const struct {
	const char *from, *to;	/* the one change to base */
	const char *says;	/* in the error */
} cases[] = {
	{ "\"tag\":\"praise\"", "\"tag\":\"praise\\r\\nBcc: evil@example.com\"",
	  "customers[0].tags[0].tag: not a tag" },
	{ "\"code\":\"k7m2p9\"", "\"code\":\"k7\\r\\nm2\"",
	  "customers[0].code: not a referral code" },
	{ "\"addresses\":[\"lee@example.net\"]", "\"addresses\":[]",
	  "customers[1].addresses: a customer needs at least one address" },
	{ "\"addresses\":[\"lee@example.net\"]", "\"addresses\":null",
	  "customers[1].addresses: a customer needs at least one address" },
	{ "\"messages\":3,", "\"messages\":2147483648,",
	  "customers[0].messages: not a count" },
	{ "\"messages\":3,", "\"messages\":-1,",
	  "customers[0].messages: not a count" },
	{ "\"messages\":3,", "\"messages\":\"3\",",
	  "customers[0].messages: not a count" },
	{ "\"d.reyes@example.org\"", "\"d.reyes\\u202e@example.org\"",
	  "customers[0].addresses[1]: not an email address" },
	{ "\"d.reyes@example.org\"", "\"d.reyes\\u009b@example.org\"",
	  "customers[0].addresses[1]: not an email address" },
	{ "[\"dana@example.com\",\"d.reyes@example.org\"]",
	  "[\"d.reyes@example.org\"]", "is not among them" },
	{ "\"email\":\"lee@example.net\"", "\"email\":\"lee@example\"",
	  "customers[1].email: not an email address" },
	{ "\"category\":\"good\"", "\"category\":\"great\"",
	  "customers[0].category: not good, ok or bad" },
	{ "\"amount_minor\":12345", "\"amount_minor\":100000000000001",
	  "customers[0].revenue[0].amount_minor: not an amount" },
	{ "\"currency\":null", "\"currency\":\"eur\"",
	  "customers[0].revenue[0].currency: not a currency" },
	{ "\"verdict\":\"yes\"", "\"verdict\":\"maybe\"",
	  "customers[0].assessments[0].verdict: not yes, no or unknown" },
	{ "\"source\":\"owner\"", "\"source\":\"boss\"",
	  "customers[0].assessments[0].source: not owner or self" },
	{ "\"value_key\":\"integrity\"", "\"value_key\":\"Integrity\"",
	  "customers[0].assessments[0].value_key: not a value key" },
	{ "\"at\":\"2026-11-03T00:00:00Z\"", "\"at\":\"2026-13-03T00:00:00Z\"",
	  "customers[0].revenue[0].at: not a time" },
	{ "\"count\":2", "\"count\":-5", "customers[0].tags[0].count: not a count" },
	{ "\"kind\":\"incoming\"", "\"kind\":\"in\\ncoming\"",
	  "messages[0].kind: not a word" },
	{ "\"date\":1793610000", "\"date\":999999999999999",
	  "messages[0].date: not a time in seconds" },
	{ "\"referrer\":\"dana@example.com\"", "\"referrer\":\"lee@example.net\"",
	  "customers[1].referral: a customer cannot refer themselves" },
	{ "\"referrer\":\"dana@example.com\"", "\"referrer\":\"eve@example.com\"",
	  "customers[1].referral: the referrer is not a customer" },
	{ "\"tags\":[],", "\"tags\":\"vip\",", "customers[1].tags: not a list" },
	{ "\"name\":\"Sam Lee\"", "\"name\":\"Sam\\nLee\"",
	  "customers[0].pending[0].name: not one line of text" },
	/* a name announced: one line, two words at least, a time */
	{ "\"name\":\"Jo Bloggs\"", "\"name\":\"Jo\\nBloggs\"",
	  "customers[0].announced[0].name: not one line of text" },
	{ "\"name\":\"Kim Ode\"", "\"name\":\"Kim\"",
	  "customers[0].announced[1]: name: a single word waits for nobody" },
	{ "\"name\":\"Kim Ode\",", "",
	  "customers[0].announced[1].name: missing" },
	{ "\"at\":\"2026-11-04T10:00:00Z\"", "\"at\":1793700000",
	  "customers[0].announced[1].at: not a time" },
	{ "\"announced\":[", "\"announced\":\"Jo Bloggs\",\"x\":[",
	  "customers[0].announced: not a list" },
	{ "\"kind\":\"tag\"", "\"kind\":\"tag\\r\\n\"",
	  "customers[0].evidence[0].kind: not a word" },
	{ "\"first_seen\":\"2026-11-01T09:00:00Z\",", "",
	  "customers[0].first_seen: missing" },
	{ "\"manual\":false", "\"manual\":1",
	  "customers[0].tags[0].manual: not true or false" },
	{ "\"email\":\"lee@example.net\",", "\"email\":\"dana@example.com\",",
	  "customers[1].addresses: the customer's email" },
	{ "\"addresses\":[\"lee@example.net\"]",
	  "\"addresses\":[\"lee@example.net\",\"dana@example.com\"]",
	  "customers[1].addresses[1]: " },
	/* a digest covers events of the file, in a window that runs forward */
	{ "\"upto_event\":1", "\"upto_event\":2",
	  "digests[0]: not a digest" },
	{ "\"after_event\":0", "\"after_event\":-1",
	  "digests[0].after_event: not a count" },
	{ "\"after_event\":0,\"upto_event\":1",
	  "\"after_event\":1,\"upto_event\":0", "digests[0]: not a digest" },
	{ "\"since\":\"2026-11-05T07:00:00Z\"", "\"since\":\"2026-11-07T07:00:00Z\"",
	  "digests[0]: not a digest" },
	{ "\"sent_at\":\"2026-11-06T07:00:00Z\",", "",
	  "digests[0].sent_at: missing" },
	{ "\"digests\":[", "\"digests\":\"all\",\"x\":[",
	  "digests: not a list" },
};

static char db_path[TL_PATH_MAX];
static struct store *S;

static void
setup(void)
{
	tl_db_make(db_path, sizeof(db_path), "import");
	S = tl_store_open(db_path, NULL, STORE_CREATE);
}

static void
teardown(void)
{
	store_close(S);
	S = NULL;
	tl_db_done(db_path);
}

static size_t
customers_held(void)
{
	struct customer_list l = { NULL, 0 };
	struct customer_filter f;
	struct err e = { "" };
	size_t n;

	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(store_customers(S, &f, &l, &e), 0);
	n = l.n;
	customer_list_free(&l);
	return n;
}

START_TEST(test_valid_export)
{
	struct err e = { "" };
	size_t n = 0;

	ck_assert_msg(store_import(S, base, strlen(base), &n, &e) == 0, "%s",
	    e.msg);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(customers_held(), 2);
}
END_TEST

START_TEST(test_bad_member)
{
	const char *at = strstr(base, cases[_i].from);
	char text[sizeof(base) + 256];
	struct err e = { "" };
	size_t n = 99, pre;

	ck_assert_msg(at != NULL, "case %d: '%s' not in the base", _i,
	    cases[_i].from);
	pre = (size_t)(at - base);
	snprintf(text, sizeof(text), "%.*s%s%s", (int)pre, base, cases[_i].to,
	    at + strlen(cases[_i].from));
	ck_assert_int_eq(store_import(S, text, strlen(text), &n, &e), -1);
	ck_assert_msg(strstr(e.msg, cases[_i].says) != NULL,
	    "case %d: '%s' does not say '%s'", _i, e.msg, cases[_i].says);
	ck_assert_uint_eq(n, 0);
	/* refused whole: nothing of it stays */
	ck_assert_uint_eq(customers_held(), 0);
}
END_TEST

/* the error names the line too: the export writes a customer a line */
START_TEST(test_line_named)
{
	static const char from[] = "\"addresses\":[\"lee@example.net\"]";
	const char *at = strstr(base, from);
	char text[sizeof(base) + 64];
	struct err e = { "" };
	size_t n;

	ck_assert_ptr_nonnull(at);
	snprintf(text, sizeof(text), "%.*s\"addresses\":[]%s", (int)(at - base),
	    base, at + strlen(from));
	ck_assert_int_eq(store_import(S, text, strlen(text), &n, &e), -1);
	ck_assert_msg(strncmp(e.msg, "line 3: customers[1].addresses: ", 32) == 0,
	    "%s", e.msg);
}
END_TEST

/* export_of - S exported in fmt, as a string; caller frees */
static char *
export_of(enum export_format fmt)
{
	struct err e = { "" };
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(fp);
	ck_assert_msg(store_export(S, fmt, fp, &e) == 0, "export: %s", e.msg);
	ck_assert_int_eq(fclose(fp), 0);
	return text;
}

/*
 * export -> import into an emptied store -> export is the same file, on
 * any backend, with the names a customer announced carried as they were
 * (the derived key too: an imported name still waits for its owner)
 */
START_TEST(test_round_trip_announced)
{
	static const char announced[] = "\"announced\":[{\"name\":\"Jo Bloggs\","
	    "\"evidence\":\"I gave Jo Bloggs your number\",\"message_key\":"
	    "\"<a@x>\",\"at\":\"2026-11-02T09:00:00Z\"},{\"name\":\"Kim Ode\","
	    "\"evidence\":null,\"message_key\":null,\"at\":"
	    "\"2026-11-04T10:00:00Z\"}]";
	struct err e = { "" };
	char *one, *two, *csv;
	size_t n;

	ck_assert_msg(store_import(S, base, strlen(base), &n, &e) == 0, "%s",
	    e.msg);
	one = export_of(EXPORT_JSON);
	ck_assert_msg(strstr(one, announced) != NULL, "%s", one);
	/* lee announced nobody: an empty list */
	ck_assert_ptr_nonnull(strstr(one, "\"pending\":[],\"announced\":[],"));
	ck_assert_msg(store_wipe(S, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM announced"),
	    0);
	ck_assert_msg(store_import(S, one, strlen(one), &n, &e) == 0,
	    "import: %s", e.msg);
	two = export_of(EXPORT_JSON);
	ck_assert_str_eq(two, one);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM announced"
	    " WHERE name_norm = 'jo bloggs' AND referrer_id = (SELECT id FROM"
	    " customers WHERE email = 'dana@example.com')"), 1);
	/* CSV: one cell of names per customer, after the referrals */
	csv = export_of(EXPORT_CSV);
	ck_assert_msg(strncmp(csv, "email,", 6) == 0 &&
	    strstr(csv, ",referrals,announced\r\n") != NULL, "%s", csv);
	ck_assert_msg(strstr(csv, ",1,Jo Bloggs; Kim Ode\r\n") != NULL, "%s",
	    csv);
	ck_assert_msg(strstr(csv, ",introduction,0,\r\n") != NULL, "%s", csv);
	/* the imported name is live: Jo Bloggs writes, and Dana is credited */
	tl_wrote(S, "<j@x>", "jo@bloggs.example", "Jo Bloggs", 1793800000,
	    NULL);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM referrals r"
	    " JOIN customers c ON c.id = r.referrer_id WHERE r.how = 'announce'"
	    " AND c.email = 'dana@example.com'"), 1);
	ck_assert_int_eq(tl_side_int(db_path, "SELECT count(*) FROM announced"
	    " WHERE name_norm = 'jo bloggs'"), 0);
	free(one);
	free(two);
	free(csv);
}
END_TEST

/*
 * The owner's messages to a customer ("sent", with what each said for
 * the replies), which older exports (base) do not have: imported, they
 * answer the replies' lookups, and the round trip keeps them; a member
 * out of its grammar refuses the file.
 */
static const char sent_member[] = ",\"sent\":[{\"key\":\"<q@x>\","
    "\"at\":\"2026-11-03T09:00:00Z\",\"said_minor\":24000,"
    "\"said_bill\":false},{\"key\":\"<r@x>\",\"at\":"
    "\"2026-11-04T09:00:00Z\",\"said_minor\":null,\"said_bill\":true}]";

/* room for base with sent_member in it, however the compiler counts */
#define SENT_TEXT_MAX (2 * sizeof(base) + sizeof(sent_member) + 128)

/* with_sent - base with sent_member in Dana's record, its from changed
 * to to (NULL: none) */
static void
with_sent(char *out, size_t len, const char *from, const char *to)
{
	static const char end[] = "\"at\":\"2026-11-04T10:00:00Z\"}]";
	char member[sizeof(sent_member) + 64];
	const char *at = strstr(base, end), *f;

	ck_assert_ptr_nonnull(at);
	at += strlen(end);
	snprintf(member, sizeof(member), "%s", sent_member);
	if (from != NULL) {
		ck_assert_ptr_nonnull(f = strstr(sent_member, from));
		snprintf(member, sizeof(member), "%.*s%s%s",
		    (int)(f - sent_member), sent_member, to, f + strlen(from));
	}
	snprintf(out, len, "%.*s%s%s", (int)(at - base), base, member, at);
}

START_TEST(test_round_trip_sent)
{
	static const char want[] = "\"sent\":[{\"key\":\"<q@x>\",\"at\":"
	    "\"2026-11-03T09:00:00Z\",\"said_minor\":24000,\"said_bill\":"
	    "false},{\"key\":\"<r@x>\",\"at\":\"2026-11-04T09:00:00Z\","
	    "\"said_minor\":null,\"said_bill\":true}]";
	char text[SENT_TEXT_MAX];
	struct classify_known k;
	struct classify_said said;
	struct err e = { "" };
	char *one, *two;
	size_t n;

	with_sent(text, sizeof(text), NULL, NULL);
	ck_assert_msg(store_import(S, text, strlen(text), &n, &e) == 0, "%s",
	    e.msg);
	k = store_known(S);
	ck_assert(k.owner_said(k.ctx, "<q@x>", "d.reyes@example.org", &said));
	ck_assert(said.cents == 24000 && !said.bill);
	ck_assert(k.owner_said(k.ctx, "<r@x>", "dana@example.com", &said));
	ck_assert(said.cents == 0 && said.bill);
	ck_assert(!k.owner_said(k.ctx, "<q@x>", "lee@example.net", &said));
	one = export_of(EXPORT_JSON);
	ck_assert_msg(strstr(one, want) != NULL, "%s", one);
	/* lee had no mail from the owner */
	ck_assert_ptr_nonnull(strstr(one, "\"signs\":[],\"sent\":[]}"));
	ck_assert_msg(store_wipe(S, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_import(S, one, strlen(one), &n, &e) == 0,
	    "import: %s", e.msg);
	two = export_of(EXPORT_JSON);
	ck_assert_str_eq(two, one);
	free(one);
	free(two);
}
END_TEST

static const struct {
	const char *from, *to, *says;
} sent_cases[] = {
	{ "\"said_minor\":24000", "\"said_minor\":100000000000001",
	  "customers[0].sent[0].said_minor: not an amount" },
	{ "\"said_minor\":24000", "\"said_minor\":\"240\"",
	  "customers[0].sent[0].said_minor: not an amount" },
	{ "\"said_bill\":true", "\"said_bill\":1",
	  "customers[0].sent[1].said_bill: not true or false" },
	{ "\"key\":\"<q@x>\",", "", "customers[0].sent[0].key: missing" },
	{ "\"key\":\"<q@x>\"", "\"key\":\"<q\\r\\n@x>\"",
	  "customers[0].sent[0].key: not one line of text" },
};

START_TEST(test_bad_sent)
{
	char text[SENT_TEXT_MAX];
	struct err e = { "" };
	size_t n = 99;

	with_sent(text, sizeof(text), sent_cases[_i].from, sent_cases[_i].to);
	ck_assert_int_eq(store_import(S, text, strlen(text), &n, &e), -1);
	ck_assert_msg(strstr(e.msg, sent_cases[_i].says) != NULL,
	    "case %d: '%s' does not say '%s'", _i, e.msg, sent_cases[_i].says);
	ck_assert_uint_eq(customers_held(), 0);
}
END_TEST

TL_SUITE_AROUND(store_import, setup, teardown, 0, test_valid_export, 0,
    test_line_named, 0, test_round_trip_announced, 0, test_bad_member,
    TL_LOOPS(cases), test_round_trip_sent, 0, test_bad_sent,
    TL_LOOPS(sent_cases))
