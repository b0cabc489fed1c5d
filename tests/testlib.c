/*
 * testlib - helpers the Check suites share (see testlib.h).
 *
 * Owns nothing between calls; every failure fails the running test.
 */
#include <check.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mail/message.h"
#include "store/store_test.h"
#include "testlib.h"

char *
tl_slurp(const char *path, size_t *len)
{
	char *data;
	FILE *fp;
	long n;

	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	ck_assert_int_ge(n, 0);
	rewind(fp);
	data = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(data);
	ck_assert_uint_eq(fread(data, 1, (size_t)n, fp), (size_t)n);
	data[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return data;
}

char *
tl_fixture(const char *name, size_t *len)
{
	char path[256];

	ck_assert_int_lt(snprintf(path, sizeof(path), "fixtures/%s", name),
	    (int)sizeof(path));
	return tl_slurp(path, len);
}

void
tl_case_eq(int i, const char *what, const char *got, const char *want)
{
	if (want == NULL)
		want = "";
	ck_assert_msg(got != NULL && strcmp(got, want) == 0,
	    "case %d: %s '%s', want '%s'", i, what, got ? got : "(null)", want);
}

void
tl_mkstemp(char *path)
{
	int fd = mkstemp(path);

	ck_assert_msg(fd >= 0, "mkstemp %s failed", path);
	close(fd);
}

void
tl_write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	ck_assert_msg(fp != NULL, "cannot write %s", path);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

const char *
tl_test_database(void)
{
	const char *db = getenv("CLIENTELE_TEST_DATABASE");

	return db != NULL && *db != '\0' ? db : NULL;
}

bool
tl_sqlite_only(const char *why)
{
	if (tl_test_database() == NULL)
		return false;
	printf("skipped on pgsql: %s\n", why);
	fflush(stdout);
	return true;
}

/* reset_database - CLIENTELE_TEST_DB_RESET's command, which must succeed */
static void
reset_database(void)
{
	const char *cmd = getenv("CLIENTELE_TEST_DB_RESET");
	int rc;

	if (cmd == NULL || *cmd == '\0')
		return;
	fflush(NULL);
	rc = system(cmd);
	ck_assert_msg(rc == 0, "CLIENTELE_TEST_DB_RESET (%s) failed: %d", cmd,
	    rc);
}

void
tl_db_make(char *path, size_t len, const char *tag)
{
	char dir[TL_PATH_MAX];

	if (tl_test_database() != NULL) {
		ck_assert_int_lt(snprintf(path, len, "%s", tl_test_database()),
		    (int)len);
		reset_database();
		return;
	}

	ck_assert_int_lt(snprintf(dir, sizeof(dir), "/tmp/clientele-%s.XXXXXX",
	    tag), (int)sizeof(dir));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_lt(snprintf(path, len, "%s/clientele.db", dir), (int)len);
}

void
tl_db_remove(const char *path)
{
	static const char *const beside[] = { "", "-wal", "-shm", "-journal" };
	char p[TL_PATH_MAX + 16];

	if (tl_test_database() != NULL &&
	    strcmp(path, tl_test_database()) == 0)
		return;
	for (size_t i = 0; i < TL_NELEM(beside); i++) {
		snprintf(p, sizeof(p), "%s%s", path, beside[i]);
		unlink(p);
	}
}

void
tl_db_done(const char *path)
{
	char dir[TL_PATH_MAX + 16];

	if (tl_test_database() != NULL &&
	    strcmp(path, tl_test_database()) == 0)
		return;
	tl_db_remove(path);
	snprintf(dir, sizeof(dir), "%s", path);
	rmdir(dirname(dir));
}

struct store *
tl_store_open(const char *path, const struct config *cfg, int flags)
{
	struct err e = { "" };
	struct store *s = store_open(path, cfg, flags, &e);

	ck_assert_msg(s != NULL, "store_open %s: %s", path, e.msg);
	return s;
}

struct store *
tl_store_make(char *path, size_t len, const char *tag, struct config **cfg)
{
	tl_db_make(path, len, tag);
	*cfg = calloc(1, sizeof(**cfg));
	ck_assert_ptr_nonnull(*cfg);
	category_weights_default(&(*cfg)->weights);
	(*cfg)->customer_policy = POLICY_INCOMING;
	return tl_store_open(path, *cfg, STORE_CREATE);
}

void
tl_store_done(struct store **s, struct config **cfg, const char *path)
{
	store_close(*s);
	*s = NULL;
	free(*cfg);
	*cfg = NULL;
	tl_db_done(path);
}

long long
tl_side_int(const char *path, const char *sql)
{
	struct err e = { "" };
	struct store *s = tl_store_open(path, NULL, STORE_READONLY);
	long long v = -1;
	int rc = store_debug_int(s, sql, &v, &e);

	store_close(s);
	ck_assert_msg(rc >= 0, "%s: %s", sql, e.msg);
	return rc == 1 ? v : -1;
}

void
tl_side_exec(const char *path, const char *sql)
{
	struct err e = { "" };
	struct store *s = tl_store_open(path, NULL, 0);
	int rc = store_debug_exec(s, sql, &e);

	store_close(s);
	ck_assert_msg(rc == 0, "%s: %s", sql, e.msg);
}

struct config *
tl_owner_config(void)
{
	struct config *cfg = config_defaults();

	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(strvec_push(&cfg->own_domains, "brightdesk.example"),
	    0);
	ck_assert_int_eq(strvec_push(&cfg->own_addresses,
	    "sam@brightdesk.example"), 0);
	return cfg;
}

struct message *
tl_mail_to_owner(const char *subject, const char *headers, const char *body)
{
	char raw[4096];
	struct err e;
	struct message *m;
	int n = snprintf(raw, sizeof(raw),
	    "From: Pat Doyle <pat@example.net>\r\n"
	    "To: Sam <sam@brightdesk.example>\r\n"
	    "Subject: %s\r\n"
	    "Message-ID: <pat-%zu@example.net>\r\n"
	    "%s"
	    "Date: Tue, 4 Mar 2025 10:00:00 +0000\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n",
	    subject, strlen(body), headers, body);

	ck_assert(n > 0 && (size_t)n < sizeof(raw));
	m = message_parse(raw, (size_t)n, NULL, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	return m;
}

void
tl_mybiz_config(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	strvec_init(&cfg->own_domains);
	strvec_init(&cfg->own_addresses);
	ck_assert_int_eq(strvec_push(&cfg->own_domains, "mybiz.example"), 0);
}

void
tl_mybiz_config_free(struct config *cfg)
{
	strvec_free(&cfg->own_domains);
	strvec_free(&cfg->own_addresses);
}

struct rules *
tl_rules_default(void)
{
	struct err e = { "" };
	struct rules *r = rules_default(&e);

	ck_assert_msg(r != NULL, "shipped rules: %s", e.msg);
	return r;
}

void
tl_classify_make(struct config *cfg, struct rules **rules)
{
	tl_mybiz_config(cfg);
	cfg->referral_tag = (char *)"ref-";
	cfg->sender_match = MATCH_NEVER;
	*rules = tl_rules_default();
}

void
tl_classify_done(struct config *cfg, struct rules **rules)
{
	tl_mybiz_config_free(cfg);
	rules_free(*rules);
	*rules = NULL;
}

void
tl_owner_make(struct config **cfg, struct rules **rules)
{
	*cfg = tl_owner_config();
	*rules = tl_rules_default();
}

void
tl_owner_done(struct config **cfg, struct rules **rules)
{
	rules_free(*rules);
	*rules = NULL;
	config_free(*cfg);
	*cfg = NULL;
}

struct message *
tl_pat_message(const char *subject, bool reply, const char *body)
{
	char subj[256];

	snprintf(subj, sizeof(subj), "%s%s", reply ? "Re: " : "", subject);
	return tl_mail_to_owner(subj, reply ?
	    "In-Reply-To: <job-1@brightdesk.example>\r\n" : "", body);
}

/* is_customer - every sender is a customer */
static bool
is_customer(void *ctx, const char *email)
{
	(void)ctx;
	(void)email;
	return true;
}

char *
tl_reply_tag(const struct config *cfg, const struct rules *rules,
    const char *subject, const char *body, const char *tag)
{
	struct classify_known known = { .ctx = NULL,
	    .is_customer = is_customer };
	struct message *m = tl_pat_message(subject, true, body);
	struct facts *f;
	char *ev = NULL;

	f = classify(m, NULL, cfg, rules, &known);
	ck_assert_ptr_nonnull(f);
	for (size_t i = 0; i < f->ntags && ev == NULL; i++)
		if (strcmp(f->tags[i].tag, tag) == 0 &&
		    strcmp(f->tags[i].email, "pat@example.net") == 0)
			ev = strdup(f->tags[i].evidence ? f->tags[i].evidence : "");
	facts_free(f);
	message_free(m);
	return ev;
}

char *
tl_reply_praise(const struct config *cfg, const struct rules *rules,
    const char *body)
{
	return tl_reply_tag(cfg, rules, "the job", body, "praise");
}

bool
tl_apply_facts(struct store *s, const struct facts *f)
{
	struct err e = { "" };
	bool dup = true;

	ck_assert_msg(store_apply(s, f, &dup, &e) == 0, "apply %s: %s",
	    f->key ? f->key : "(no key)", e.msg);
	return dup;
}

bool
tl_apply(struct store *s, enum facts_kind kind, const char *key,
    const char *subject, time_t date, struct fact_person *people, size_t np,
    struct fact_tag *tags, size_t nt, struct fact_referral *refs, size_t nr)
{
	struct facts f = { .kind = kind, .key = (char *)key,
		.subject = (char *)subject, .date = date, .people = people,
		.npeople = np, .tags = tags, .ntags = nt, .referrals = refs,
		.nreferrals = nr };

	return tl_apply_facts(s, &f);
}

void
tl_wrote(struct store *s, const char *key, const char *email,
    const char *name, time_t date, const char *tag)
{
	struct fact_person p[] = { { (char *)email, (char *)name, true } };
	struct fact_tag t[] = { { (char *)email, (char *)tag,
	    (char *)"it said so" } };

	tl_apply(s, FACTS_INCOMING, key, "hello", date, p, 1, t,
	    tag != NULL ? 1 : 0, NULL, 0);
}

/* suite_v - the suite of tl_suite and tl_suite_around */
static Suite *
suite_v(const char *name, void (*setup)(void), void (*teardown)(void),
    int timeout, va_list ap)
{
	Suite *s = suite_create(name);
	TCase *tc = tcase_create(name);
	const TTest *t;

	if (setup != NULL || teardown != NULL)
		tcase_add_checked_fixture(tc, setup, teardown);
	if (timeout > 0)
		tcase_set_timeout(tc, timeout);
	while ((t = va_arg(ap, const TTest *)) != NULL) {
		int loops = va_arg(ap, int);

		if (loops > 0)
			tcase_add_loop_test(tc, t, 0, loops);
		else
			tcase_add_test(tc, t);
	}
	suite_add_tcase(s, tc);
	return s;
}

Suite *
tl_suite(const char *name, ...)
{
	Suite *s;
	va_list ap;

	va_start(ap, name);
	s = suite_v(name, NULL, NULL, 0, ap);
	va_end(ap);
	return s;
}

Suite *
tl_suite_around(const char *name, void (*setup)(void), void (*teardown)(void),
    int timeout, ...)
{
	Suite *s;
	va_list ap;

	va_start(ap, timeout);
	s = suite_v(name, setup, teardown, timeout, ap);
	va_end(ap);
	return s;
}
