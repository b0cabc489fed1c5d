/*
 * check_config - the configuration file: every key, its default, its
 * checks, the file:line errors, and config_is_own.
 *
 * Fixtures are tests/fixtures/conf-*.conf; cases that need one odd line
 * write it to a temporary file (see with_text).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "mail/config.h"
#include "util/log.h"
#include "testlib.h"

static char tmp_path[64];

/* with_text - write text to a fresh temporary file of the given mode */
static const char *
with_text(const char *text, mode_t mode)
{
	size_t len = strlen(text);
	int fd;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/check_config.XXXXXX");
	fd = mkstemp(tmp_path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
	return tmp_path;
}

/* load_text - config_load of text in a 0644 temporary file, removed after */
static struct config *
load_text(const char *text, struct err *e)
{
	struct config *c;

	with_text(text, 0644);
	c = config_load(tmp_path, false, e);
	unlink(tmp_path);
	return c;
}

/* text_ok - load_text of text, which must load; caller frees */
static struct config *
text_ok(const char *text)
{
	struct err e;
	struct config *c = load_text(text, &e);

	ck_assert_msg(c != NULL, "'%s': %s", text, e.msg);
	return c;
}

/* load_ok - config_load of the file at path, which must load; caller frees */
static struct config *
load_ok(const char *path)
{
	struct err e;
	struct config *c = config_load(path, false, &e);

	ck_assert_msg(c != NULL, "%s", e.msg);
	return c;
}

/* weights_are - each of got's weights (named when it differs) is want's */
static void
weights_are(const struct category_weights *got,
    const struct category_weights *want)
{
	ck_assert_int_eq(got->referral, want->referral);
	ck_assert_int_eq(got->praise, want->praise);
	ck_assert_int_eq(got->enquiry, want->enquiry);
	ck_assert_int_eq(got->rude, want->rude);
	ck_assert_int_eq(got->complaint, want->complaint);
	ck_assert_int_eq(got->haggler, want->haggler);
	ck_assert_int_eq(got->slow_payer, want->slow_payer);
	ck_assert_int_eq(got->good_at, want->good_at);
	ck_assert_int_eq(got->bad_at, want->bad_at);
}

/* like_defaults - c says what config_defaults() says, key by key */
static void
like_defaults(const struct config *c)
{
	struct config *d = config_defaults();

	ck_assert_str_eq(c->database, d->database);
	ck_assert_str_eq(c->socket, d->socket);
	ck_assert_uint_eq(c->max_scan_bytes, d->max_scan_bytes);
	ck_assert_int_eq(c->milter_timeout, d->milter_timeout);
	ck_assert_str_eq(c->rules_file, d->rules_file);
	ck_assert_str_eq(c->value_set, d->value_set);
	ck_assert_str_eq(c->referral_tag, d->referral_tag);
	ck_assert_str_eq(c->languages, d->languages);
	ck_assert_str_eq(c->sendmail, d->sendmail);
	ck_assert_str_eq(c->spool_dir, d->spool_dir);
	ck_assert_int_eq(c->on_internal_error, d->on_internal_error);
	ck_assert_int_eq(c->add_headers, d->add_headers);
	ck_assert_int_eq(c->log_level, d->log_level);
	ck_assert_int_eq(c->syslog, d->syslog);
	ck_assert_int_eq(c->syslog_facility, d->syslog_facility);
	weights_are(&c->weights, &d->weights);
	config_free(d);
}

START_TEST(test_defaults)
{
	struct config *c = config_defaults();

	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(c->path);
	ck_assert_str_eq(c->database, "/var/lib/clientele/clientele.db");
	ck_assert_uint_eq(c->own_domains.n, 0);
	ck_assert_uint_eq(c->own_addresses.n, 0);
	ck_assert_str_eq(c->socket, "inet:8895@127.0.0.1");
	ck_assert_ptr_null(c->socket_mode);
	ck_assert_ptr_null(c->socket_group);
	ck_assert_ptr_null(c->user_id);
	ck_assert_ptr_null(c->pid_file);
	ck_assert(c->syslog);
	ck_assert_int_eq(c->syslog_facility, LOG_MAIL);
	ck_assert_int_eq(c->log_level, LOG_LVL_INFO);
	ck_assert_int_eq(c->on_internal_error, ON_ERROR_ACCEPT);
	ck_assert(c->add_headers);
	ck_assert_uint_eq(c->max_scan_bytes, 1024 * 1024);
	ck_assert_str_eq(c->rules_file, SYSCONFDIR "/clientele/rules.conf");
	ck_assert(!c->rules_file_set);
	ck_assert_str_eq(c->value_set, SYSCONFDIR "/clientele/valueset.conf");
	ck_assert_str_eq(c->referral_tag, "ref-");
	ck_assert_str_eq(c->languages, "en de fr es");
	ck_assert_ptr_null(c->digest_to);
	ck_assert_ptr_null(c->digest_from);
	ck_assert_str_eq(c->sendmail, "/usr/sbin/sendmail");
	ck_assert_str_eq(c->spool_dir, "/var/lib/clientele/spool");
	weights_are(&c->weights, &(struct category_weights){ .referral = 3,
	    .praise = 1, .enquiry = 0, .rude = -4, .complaint = -2,
	    .haggler = -2, .slow_payer = -2, .good_at = 3, .bad_at = -4 });
	config_free(c);
	config_free(NULL);
}
END_TEST

START_TEST(test_missing_ok)
{
	struct err e;
	struct config *c;

	c = config_load("fixtures/conf-no-such-file.conf", true, &e);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_null(c->path);
	ck_assert_str_eq(c->database, CONFIG_DEFAULT_DB);
	config_free(c);
}
END_TEST

START_TEST(test_every_key)
{
	struct config *c = load_ok("fixtures/conf-full.conf");

	ck_assert_str_eq(c->path, "fixtures/conf-full.conf");
	ck_assert_str_eq(c->database, "/srv/clientele/customers.db");
	ck_assert_uint_eq(c->own_domains.n, 1);
	ck_assert_str_eq(c->own_domains.v[0], "brightdesk.example");
	ck_assert_uint_eq(c->own_addresses.n, 1);
	ck_assert_str_eq(c->own_addresses.v[0], "sam@brightdesk.example");
	ck_assert_str_eq(c->socket, "unix:/run/clientele/clientele.sock");
	ck_assert_str_eq(c->socket_mode, "0660");
	ck_assert_str_eq(c->socket_group, "postfix");
	ck_assert_str_eq(c->user_id, "clientele");
	ck_assert_str_eq(c->pid_file, "/run/clientele/clientele-milter.pid");
	ck_assert(!c->syslog);
	ck_assert_int_eq(c->syslog_facility, LOG_LOCAL3);
	ck_assert_int_eq(c->log_level, LOG_LVL_DEBUG);
	ck_assert_int_eq(c->on_internal_error, ON_ERROR_TEMPFAIL);
	ck_assert(!c->add_headers);
	ck_assert_uint_eq(c->max_scan_bytes, 256 * 1024);
	ck_assert_str_eq(c->rules_file, "/srv/clientele/rules.conf");
	ck_assert(c->rules_file_set);
	ck_assert_str_eq(c->value_set, "/srv/clientele/valueset.conf");
	ck_assert_str_eq(c->referral_tag, "friend-");
	ck_assert_str_eq(c->languages, "en, de");
	ck_assert_str_eq(c->digest_to, "sam@brightdesk.example");
	ck_assert_str_eq(c->digest_from, "clientele@brightdesk.example");
	ck_assert_str_eq(c->sendmail, "/usr/lib/sendmail");
	ck_assert_str_eq(c->time_zone, "UTC");
	ck_assert_str_eq(c->spool_dir, "/srv/clientele/spool");
	weights_are(&c->weights, &(struct category_weights){ .referral = 5,
	    .praise = 2, .enquiry = 1, .rude = -6, .complaint = -3,
	    .haggler = -1, .slow_payer = -5, .good_at = 8, .bad_at = -7 });
	config_free(c);
}
END_TEST

/* The shipped example must load, and say what the defaults say. */
START_TEST(test_shipped_example)
{
	struct config *c = load_ok("../conf/clientele.conf");

	like_defaults(c);
	config_free(c);
}
END_TEST

/*
 * Every "#Key value" line of the shipped example, uncommented, must load
 * and give the defaults: the example documents each key and its default.
 */
START_TEST(test_shipped_example_uncommented)
{
	static const char *const all[] = {
		"Database", "OwnDomains", "OwnAddresses", "Socket",
		"SocketMode", "SocketGroup", "UserID", "PidFile", "MilterTimeout", "Syslog",
		"SyslogFacility", "LogLevel", "OnInternalError", "AddHeaders",
		"MaxScanBytes", "RulesFile", "ValueSet", "ReferralTag",
		"Languages", "DigestTo", "DigestFrom", "Sendmail", "SpoolDir", "TimeZone",
		"WeightReferral", "WeightPraise", "WeightEnquiry", "WeightRude",
		"WeightComplaint", "WeightHaggler", "WeightSlowPayer", "GoodAt",
		"BadAt",
	};
	char line[1024], text[16384];
	size_t len = 0;
	bool seen[sizeof(all) / sizeof(all[0])] = { false };
	FILE *fp = fopen("../conf/clientele.conf", "r");
	struct config *c;

	ck_assert_ptr_nonnull(fp);
	while (fgets(line, sizeof(line), fp) != NULL) {
		size_t n;

		if (line[0] != '#' || line[1] < 'A' || line[1] > 'Z')
			continue;
		n = strcspn(line + 1, " \t");
		for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
			if (strlen(all[i]) == n &&
			    strncmp(line + 1, all[i], n) == 0)
				seen[i] = true;
		n = strlen(line + 1);
		ck_assert_uint_lt(len + n, sizeof(text));
		memcpy(text + len, line + 1, n);
		len += n;
	}
	fclose(fp);
	text[len] = '\0';
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		ck_assert_msg(seen[i], "%s is not in conf/clientele.conf",
		    all[i]);
	c = text_ok(text);
	like_defaults(c);
	config_free(c);
}
END_TEST

START_TEST(test_crlf)
{
	struct config *c = load_ok("fixtures/conf-crlf.conf");

	ck_assert_str_eq(c->database, "/tmp/crlf.db");
	ck_assert_uint_eq(c->own_domains.n, 1);
	ck_assert_str_eq(c->own_domains.v[0], "crlf.example");
	ck_assert(c->add_headers);
	ck_assert_uint_eq(c->max_scan_bytes, 2 * 1024 * 1024);
	config_free(c);
}
END_TEST

START_TEST(test_comments)
{
	struct config *c = load_ok("fixtures/conf-comments.conf");

	/* '#' inside a value stays; after white space it starts a comment */
	ck_assert_str_eq(c->database, "/var/db/with#hash.db");
	ck_assert_str_eq(c->spool_dir, "/var/spool/x");
	ck_assert_int_eq(c->log_level, LOG_LVL_WARN);
	config_free(c);
}
END_TEST

START_TEST(test_only_comments)
{
	struct config *c = load_ok("fixtures/conf-empty.conf");

	ck_assert_str_eq(c->path, "fixtures/conf-empty.conf");
	ck_assert_str_eq(c->database, CONFIG_DEFAULT_DB);
	config_free(c);
	c = text_ok("");
	config_free(c);
}
END_TEST

START_TEST(test_lists)
{
	struct config *c = load_ok("fixtures/conf-lists.conf");

	ck_assert_uint_eq(c->own_domains.n, 5);
	ck_assert_str_eq(c->own_domains.v[0], "example.com");
	ck_assert_str_eq(c->own_domains.v[1], "brightdesk.example");
	ck_assert_str_eq(c->own_domains.v[2], "second.example");
	ck_assert_str_eq(c->own_domains.v[3], "third.example");
	ck_assert_str_eq(c->own_domains.v[4], "fourth.example");
	/* lower-cased, and the repeat is not added twice */
	ck_assert_uint_eq(c->own_addresses.n, 2);
	ck_assert_str_eq(c->own_addresses.v[0], "sam@elsewhere.example");
	ck_assert_str_eq(c->own_addresses.v[1], "sam.owner@gmail.example");
	config_free(c);
}
END_TEST

START_TEST(test_keys_any_case)
{
	struct config *c = text_ok("dAtAbAsE /x.db\nMAXSCANBYTES 4k\n"
	    "addheaders NO\n");

	ck_assert_str_eq(c->database, "/x.db");
	ck_assert_uint_eq(c->max_scan_bytes, 4096);
	ck_assert(!c->add_headers);
	config_free(c);
}
END_TEST

START_TEST(test_last_scalar_wins)
{
	struct config *c = text_ok("Database /a.db\nDatabase /b.db\n");

	ck_assert_str_eq(c->database, "/b.db");
	config_free(c);
}
END_TEST

/*
 * Whole files refused: a named file with the exact error, or text (in a
 * temporary file) with the end of the error after its name.
 */
static const struct {
	const char *file;
	const char *text;
	const char *why;
} refused[] = {
	{ "fixtures/conf-no-such-file.conf", NULL,
	    "fixtures/conf-no-such-file.conf: No such file or directory" },
	{ "fixtures/conf-unknown-key.conf", NULL,
	    "fixtures/conf-unknown-key.conf:3: unknown key 'Foo'" },
	{ "fixtures/conf-bad-size.conf", NULL,
	    "fixtures/conf-bad-size.conf:4: MaxScanBytes: '12q' is not a size" },
	{ "fixtures", NULL, "fixtures: not a regular file" },
	/* no white space before '#': "warning#x" is the value, and wrong */
	{ NULL, "LogLevel warning#x\n", ":1: LogLevel: 'warning#x' is not" },
	{ NULL, "GoodAt -5\n", ": GoodAt (-5) must be greater than BadAt (-4)" },
};

START_TEST(test_refused)
{
	struct err e;

	if (refused[_i].file != NULL) {
		ck_assert_ptr_null(config_load(refused[_i].file, false, &e));
		ck_assert_str_eq(e.msg, refused[_i].why);
		return;
	}
	ck_assert_ptr_null(load_text(refused[_i].text, &e));
	ck_assert_msg(strstr(e.msg, refused[_i].why) != NULL,
	    "'%s': got '%s', want '%s'", refused[_i].text, e.msg,
	    refused[_i].why);
}
END_TEST

/* One bad line each; the error must name line 2 and say this. */
static const struct {
	const char *line;
	const char *why;
} bad[] = {
	{ "Database", "Database: missing value" },
	{ "Syslog maybe", "Syslog: 'maybe' is not yes or no" },
	{ "TimeZone Europe/Nowhere", "TimeZone: 'Europe/Nowhere' is not a time zone" },
	{ "TimeZone ../../etc/passwd", "TimeZone: '../../etc/passwd' is not" },
	{ "TimeZone Mars Base", "is not a time zone" },
	{ "AddHeaders 2", "AddHeaders: '2' is not yes or no" },
	{ "SyslogFacility kernel", "SyslogFacility: 'kernel' is not a syslog" },
	{ "LogLevel loud", "LogLevel: 'loud' is not" },
	{ "OnInternalError reject", "OnInternalError: 'reject' is not accept" },
	{ "MilterTimeout 0", "MilterTimeout: '0' is out of range" },
	{ "MilterTimeout 5m", "MilterTimeout: '5m' is not a whole number" },
	{ "MaxScanBytes 1023", "MaxScanBytes: '1023' is below the minimum" },
	{ "MaxScanBytes 10kb", "MaxScanBytes: '10kb' is not a size" },
	{ "MaxScanBytes -5", "MaxScanBytes: '-5' is not a size" },
	{ "MaxScanBytes 99999999999999999999", "is not a size" },
	{ "MaxScanBytes 2g", "MaxScanBytes: '2g' is above the maximum" },
	{ "Socket 8895", "Socket: '8895' is not inet:PORT@HOST" },
	{ "Socket inet:0@localhost", "Socket: 'inet:0@localhost' has no valid port" },
	{ "Socket inet:70000", "has no valid port" },
	{ "Socket inet:port@localhost", "has no valid port" },
	{ "Socket inet:25@", "has no host after '@'" },
	{ "Socket unix:", "Socket: 'unix:' has no path" },
	{ "SocketMode 0999", "SocketMode: '0999' is not an octal mode" },
	{ "SocketMode rw-rw----", "is not an octal mode" },
	{ "WeightRude lots", "WeightRude: 'lots' is not an integer" },
	{ "GoodAt 3.5", "GoodAt: '3.5' is not an integer" },
	{ "BadAt -99999999", "BadAt: '-99999999' is out of range" },
	{ "OwnAddresses sam", "OwnAddresses: 'sam' is not an address" },
	{ "OwnAddresses a@b.example, <c@d.example>",
	    "'<c@d.example>' is not an address" },
	{ "OwnDomains sam@example.com",
	    "OwnDomains: 'sam@example.com' is not a domain" },
	{ "ReferralTag ref @", "ReferralTag: 'ref @' may not contain" },
	{ "Languages english", "Languages: 'english' is not a list of "
	    "two-letter language codes" },
	{ "Languages en DE", "is not a list of two-letter" },
	{ "Languages ,", "is not a list of two-letter" },
	{ "Database/x.db", "unknown key 'Database/x.db'" },
	{ "Own-Domains example.com", "unknown key 'Own-Domains'" },
};

START_TEST(test_bad_values)
{
	char text[256], want[512];
	struct err e;

	snprintf(text, sizeof(text), "# first line\n%s\nDatabase /x.db\n",
	    bad[_i].line);
	with_text(text, 0644);
	ck_assert_ptr_null(config_load(tmp_path, false, &e));
	snprintf(want, sizeof(want), "%s:2: ", tmp_path);
	unlink(tmp_path);
	ck_assert_msg(strncmp(e.msg, want, strlen(want)) == 0,
	    "'%s': got '%s'", bad[_i].line, e.msg);
	ck_assert_msg(strstr(e.msg, bad[_i].why) != NULL,
	    "'%s': got '%s', want '%s'", bad[_i].line, e.msg, bad[_i].why);
}
END_TEST

static const struct {
	const char *text;
	size_t bytes;
} sizes[] = {
	{ "1024", 1024 }, { "64k", 64 * 1024 }, { "64K", 64 * 1024 },
	{ "3m", 3 * 1024 * 1024 }, { "3M", 3 * 1024 * 1024 },
	{ "1g", 1024 * 1024 * 1024 }, { "1G", 1024 * 1024 * 1024 },
	{ "1000000", 1000000 },
};

START_TEST(test_sizes)
{
	char text[128];
	struct config *c;

	snprintf(text, sizeof(text), "MaxScanBytes %s\n", sizes[_i].text);
	c = text_ok(text);
	ck_assert_uint_eq(c->max_scan_bytes, sizes[_i].bytes);
	config_free(c);
}
END_TEST

static const struct {
	const char *text;
	bool value;
} bools[] = {
	{ "yes", true }, { "YES", true }, { "true", true }, { "1", true },
	{ "on", true }, { "no", false }, { "No", false }, { "false", false },
	{ "0", false }, { "off", false },
};

START_TEST(test_bools)
{
	char text[128];
	struct config *c;

	snprintf(text, sizeof(text), "Syslog %s\nAddHeaders %s\n",
	    bools[_i].text, bools[_i].text);
	c = text_ok(text);
	ck_assert_int_eq(c->syslog, bools[_i].value);
	ck_assert_int_eq(c->add_headers, bools[_i].value);
	config_free(c);
}
END_TEST

static const char *const good_sockets[] = {
	"inet:8895@127.0.0.1", "inet:8895", "inet:1@mail.example",
	"inet6:8895@::1", "inet6:65535", "unix:/run/clientele.sock",
	"local:/var/run/clientele/milter", "unix:relative.sock",
	"INET:8895@127.0.0.1", "Unix:/run/clientele.sock", "/run/clientele.sock",
};

START_TEST(test_good_sockets)
{
	char text[128];
	struct config *c;

	snprintf(text, sizeof(text), "Socket %s\n", good_sockets[_i]);
	c = text_ok(text);
	ck_assert_str_eq(c->socket, good_sockets[_i]);
	config_free(c);
}
END_TEST

/* config_socket_parse: what each spec means, or why it is refused */
static const struct {
	const char *spec;
	int rc;
	enum config_socket_kind kind;
	const char *path_or_host;	/* path (UNIX), host (INET*), or the error */
	unsigned port;
} socket_cases[] = {
	{ "inet:8895@127.0.0.1", 0, CONFIG_SOCKET_INET, "127.0.0.1", 8895 },
	{ "INET:8895@127.0.0.1", 0, CONFIG_SOCKET_INET, "127.0.0.1", 8895 },
	{ "inet:25", 0, CONFIG_SOCKET_INET, NULL, 25 },
	{ "inet6:65535@::1", 0, CONFIG_SOCKET_INET6, "::1", 65535 },
	{ "Inet6:1", 0, CONFIG_SOCKET_INET6, NULL, 1 },
	{ "unix:/run/c.sock", 0, CONFIG_SOCKET_UNIX, "/run/c.sock", 0 },
	{ "LOCAL:/run/c.sock", 0, CONFIG_SOCKET_UNIX, "/run/c.sock", 0 },
	{ "unix:rel:ative", 0, CONFIG_SOCKET_UNIX, "rel:ative", 0 },
	{ ":/run/c.sock", 0, CONFIG_SOCKET_UNIX, "/run/c.sock", 0 },
	{ "/run/c.sock", 0, CONFIG_SOCKET_UNIX, "/run/c.sock", 0 },
	{ "", -1, 0, "is empty", 0 },
	{ "8895", -1, 0, "is not inet:PORT@HOST", 0 },
	{ "c.sock", -1, 0, "is not inet:PORT@HOST", 0 },
	{ "tcp:25@host", -1, 0, "is not inet:PORT@HOST", 0 },
	{ "/run/a:b", -1, 0, "is not inet:PORT@HOST", 0 },
	{ "inetx:25", -1, 0, "is not inet:PORT@HOST", 0 },
	{ "unix:", -1, 0, "has no path", 0 },
	{ "inet:0@localhost", -1, 0, "has no valid port", 0 },
	{ "inet:65536", -1, 0, "has no valid port", 0 },
	{ "inet:smtp@localhost", -1, 0, "has no valid port", 0 },
	{ "inet:@localhost", -1, 0, "has no valid port", 0 },
	{ "inet:25@", -1, 0, "has no host after '@'", 0 },
};

START_TEST(test_socket_parse)
{
	struct config_socket cs;
	struct err e = { "" };
	int rc = config_socket_parse(socket_cases[_i].spec, &cs, &e);

	ck_assert_msg(rc == socket_cases[_i].rc, "%s: %d (%s)",
	    socket_cases[_i].spec, rc, e.msg);
	if (rc < 0) {
		ck_assert_msg(strstr(e.msg, socket_cases[_i].path_or_host) !=
		    NULL, "%s: %s", socket_cases[_i].spec, e.msg);
		return;
	}
	ck_assert_int_eq(cs.kind, socket_cases[_i].kind);
	if (cs.kind == CONFIG_SOCKET_UNIX) {
		ck_assert_str_eq(cs.path, socket_cases[_i].path_or_host);
		ck_assert_ptr_null(cs.host);
		ck_assert_uint_eq(cs.port, 0);
		return;
	}
	ck_assert_ptr_null(cs.path);
	ck_assert_uint_eq(cs.port, socket_cases[_i].port);
	if (socket_cases[_i].path_or_host == NULL)
		ck_assert_ptr_null(cs.host);
	else
		ck_assert_str_eq(cs.host, socket_cases[_i].path_or_host);
}
END_TEST

START_TEST(test_levels_and_facilities)
{
	struct config *c = text_ok("LogLevel error\nSyslogFacility daemon\n");

	ck_assert_int_eq(c->log_level, LOG_LVL_ERROR);
	ck_assert_int_eq(c->syslog_facility, LOG_DAEMON);
	config_free(c);
	c = text_ok("LogLevel 2\nSyslogFacility LOCAL7\n"
	    "OnInternalError Accept\n");
	ck_assert_int_eq(c->log_level, LOG_LVL_INFO);
	ck_assert_int_eq(c->syslog_facility, LOG_LOCAL7);
	ck_assert_int_eq(c->on_internal_error, ON_ERROR_ACCEPT);
	config_free(c);
}
END_TEST

START_TEST(test_long_line)
{
	size_t n = 9000;
	char *text = malloc(n + 16);
	struct err e;
	struct config *c;

	ck_assert_ptr_nonnull(text);
	memcpy(text, "Database /", 10);
	memset(text + 10, 'a', n);
	memcpy(text + 10 + n, "\n", 2);
	ck_assert_ptr_null(load_text(text, &e));
	ck_assert_ptr_nonnull(strstr(e.msg, ":1: line longer than 8192"));
	/* just under the cap is fine */
	text[8000] = '\n';
	text[8001] = '\0';
	c = text_ok(text);
	ck_assert_uint_eq(strlen(c->database), 8000 - 9);
	config_free(c);
	free(text);
}
END_TEST

START_TEST(test_nul_byte)
{
	static const char text[] = "Database /x.db\nOwnDomains a\0b.example\n";
	struct err e;
	int fd;

	snprintf(tmp_path, sizeof(tmp_path), "/tmp/check_config.XXXXXX");
	fd = mkstemp(tmp_path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, sizeof(text) - 1),
	    (ssize_t)sizeof(text) - 1);
	close(fd);
	ck_assert_ptr_null(config_load(tmp_path, false, &e));
	unlink(tmp_path);
	ck_assert_ptr_nonnull(strstr(e.msg, ":2: NUL byte"));
}
END_TEST

START_TEST(test_world_writable_refused)
{
	char want[128];
	struct err e;
	struct config *c;

	with_text("Database /x.db\n", 0666);
	c = config_load(tmp_path, false, &e);
	snprintf(want, sizeof(want), "%s: writable by others; fix with "
	    "chmod go-w", tmp_path);
	ck_assert_ptr_null(c);
	ck_assert_str_eq(e.msg, want);
	/* missing_ok does not excuse it */
	ck_assert_ptr_null(config_load(tmp_path, true, &e));
	/* group-writable is accepted */
	ck_assert_int_eq(chmod(tmp_path, 0664), 0);
	c = config_load(tmp_path, false, &e);
	unlink(tmp_path);
	ck_assert_msg(c != NULL, "%s", e.msg);
	config_free(c);
}
END_TEST

static const struct {
	const char *email;
	bool own;
} owns[] = {
	{ "sam@brightdesk.example", true },
	{ "SAM@BrightDesk.Example", true },
	{ "anyone@brightdesk.example", true },
	{ "help@mail.brightdesk.example", true },
	{ "x@a.b.brightdesk.example", true },
	{ "x@notbrightdesk.example", false },
	{ "x@brightdesk.example.org", false },
	{ "sam.owner@gmail.example", true },
	{ "Sam.Owner+ref-K7Q2@Gmail.example", true },
	{ "sam.owner+@gmail.example", true },
	{ "sam.owne+x@gmail.example", false },
	{ "other@gmail.example", false },
	{ "sam.owner@gmail.example.evil", false },
	{ "dana@customer.example", false },
	{ "", false },
	{ "no-at-sign", false },
	{ "trailing@", false },
};

START_TEST(test_is_own)
{
	struct config *c = text_ok("OwnDomains brightdesk.example\n"
	    "OwnAddresses sam.owner@gmail.example\n");

	ck_assert_msg(config_is_own(c, owns[_i].email) == owns[_i].own,
	    "%s: want %d", owns[_i].email, owns[_i].own);
	config_free(c);
}
END_TEST

START_TEST(test_is_own_nothing_configured)
{
	struct config *c = config_defaults();

	ck_assert(!config_is_own(c, "sam@brightdesk.example"));
	ck_assert(!config_is_own(c, NULL));
	ck_assert(!config_is_own(NULL, "sam@brightdesk.example"));
	config_free(c);
}
END_TEST

TL_SUITE(config, test_defaults, 0, test_missing_ok, 0,
    test_refused, TL_LOOPS(refused), test_every_key, 0,
    test_shipped_example, 0, test_shipped_example_uncommented, 0,
    test_crlf, 0, test_comments, 0, test_only_comments, 0, test_lists, 0,
    test_keys_any_case, 0, test_last_scalar_wins, 0, test_long_line, 0,
    test_nul_byte, 0, test_world_writable_refused, 0,
    test_bad_values, TL_LOOPS(bad), test_sizes, TL_LOOPS(sizes),
    test_bools, TL_LOOPS(bools), test_good_sockets, TL_LOOPS(good_sockets),
    test_socket_parse, TL_LOOPS(socket_cases), test_levels_and_facilities, 0,
    test_is_own, TL_LOOPS(owns), test_is_own_nothing_configured, 0)
