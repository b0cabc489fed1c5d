/*
 * config - the one configuration file of clientele and clientele-milter.
 *
 * What it is for: reading OpenDKIM-style "Key value" lines over a set of
 * defaults into a struct config, and answering "is this address the
 * owner's?" (config_is_own).
 *
 * Syntax: one "Key value" per line; keys are case-insensitive; the value is
 * the rest of the line with white space trimmed at both ends.  '#' starts a
 * comment at the start of a line or after white space, so a '#' inside a
 * value ("/srv/mail#2") stays.  CRLF line ends and a UTF-8 byte order mark
 * are accepted.  Scalar keys given twice keep the last value; the list keys
 * (OwnDomains, OwnAddresses) append.
 *
 * What it owns: every string in the struct config it returns, freed by
 * config_free.  Once returned the struct is never changed, so threads may
 * share it.
 *
 * What it never does: act on the values (open the database, bind the
 * socket, read the rules file).  It checks their form only, through the
 * checkers of config_value.c (which call nothing here).
 *
 * DIAGNOSTICS: "FILE:LINE: reason" for a line, "FILE: reason" for the file
 * as a whole (missing, unreadable, writable by others, too large).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "mail/config.h"
#include "util/log.h"
#include "config_int.h"

#define CONFIG_MAX_FILE		((size_t)1024 * 1024)	/* whole file */
#define CONFIG_MAX_LINE		((size_t)8192)		/* one line */
#define CONFIG_MIN_SCAN		((size_t)1024)
#define CONFIG_MAX_SCAN		((size_t)1024 * 1024 * 1024)
#define CONFIG_DEFAULT_SCAN	((size_t)1024 * 1024)
#define CONFIG_MAX_WEIGHT	1000000L
#define CONFIG_DEFAULT_MILTER_TIMEOUT	330	/* above Postfix smtpd_timeout */
#define CONFIG_MAX_MILTER_TIMEOUT	86400

#define CONFIG_DEFAULT_SOCKET	"inet:8895@127.0.0.1"
#define CONFIG_DEFAULT_SENDMAIL	"/usr/sbin/sendmail"
#define CONFIG_DEFAULT_SPOOL	"/var/lib/clientele/spool"
#define CONFIG_DEFAULT_REFTAG	"ref-"

/* What a key's value is, and so how it is checked and stored. */
enum key_type {
	K_STRING,		/* any non-empty text */
	K_PATH,			/* same, used for file names */
	K_LIST,			/* addresses, appended */
	K_DOMAINS,		/* domains, appended */
	K_SOCKET,
	K_MODE,
	K_BOOL,
	K_FACILITY,
	K_LOGLEVEL,
	K_ONERROR,
	K_SIZE,
	K_WEIGHT,
	K_RULES,		/* a path, and rules_file_set */
	K_VALUESET,		/* a path, and value_set_set */
	K_REFTAG,
	K_LANGS,		/* two-letter language codes */
	K_TIMEZONE,		/* a TZ name: a zoneinfo file, or POSIX form */
	K_POLICY,		/* CustomerPolicy two-way|incoming */
	K_MATCH,		/* RequireSenderMatch milter|yes|no */
	K_SECONDS,		/* a whole number of seconds, 1..1 day */
};

struct key {
	const char *name;
	enum key_type type;
	size_t off;		/* of the field in struct config */
};

#define F(field) offsetof(struct config, field)
#define W(field) (offsetof(struct config, weights) + \
	offsetof(struct category_weights, field))

static const struct key keys[] = {
	{ "Database", K_PATH, F(database) },
	{ "OwnDomains", K_DOMAINS, F(own_domains) },
	{ "OwnAddresses", K_LIST, F(own_addresses) },
	{ "Socket", K_SOCKET, F(socket) },
	{ "SocketMode", K_MODE, F(socket_mode) },
	{ "SocketGroup", K_STRING, F(socket_group) },
	{ "UserID", K_STRING, F(user_id) },
	{ "PidFile", K_PATH, F(pid_file) },
	{ "MilterTimeout", K_SECONDS, F(milter_timeout) },
	{ "Syslog", K_BOOL, F(syslog) },
	{ "SyslogFacility", K_FACILITY, F(syslog_facility) },
	{ "LogLevel", K_LOGLEVEL, F(log_level) },
	{ "OnInternalError", K_ONERROR, F(on_internal_error) },
	{ "AddHeaders", K_BOOL, F(add_headers) },
	{ "MaxScanBytes", K_SIZE, F(max_scan_bytes) },
	{ "RulesFile", K_RULES, F(rules_file) },
	{ "ValueSet", K_VALUESET, F(value_set) },
	{ "ReferralTag", K_REFTAG, F(referral_tag) },
	{ "Languages", K_LANGS, F(languages) },
	{ "DigestTo", K_STRING, F(digest_to) },
	{ "DigestFrom", K_STRING, F(digest_from) },
	{ "Sendmail", K_PATH, F(sendmail) },
	{ "TimeZone", K_TIMEZONE, F(time_zone) },
	{ "SpoolDir", K_PATH, F(spool_dir) },
	{ "CustomerPolicy", K_POLICY, F(customer_policy) },
	{ "AuthservID", K_STRING, F(authserv_id) },
	{ "RequireSenderMatch", K_MATCH, F(sender_match) },
	{ "WeightReferral", K_WEIGHT, W(referral) },
	{ "WeightPraise", K_WEIGHT, W(praise) },
	{ "WeightEnquiry", K_WEIGHT, W(enquiry) },
	{ "WeightRude", K_WEIGHT, W(rude) },
	{ "WeightComplaint", K_WEIGHT, W(complaint) },
	{ "WeightHaggler", K_WEIGHT, W(haggler) },
	{ "WeightSlowPayer", K_WEIGHT, W(slow_payer) },
	{ "GoodAt", K_WEIGHT, W(good_at) },
	{ "BadAt", K_WEIGHT, W(bad_at) },
};

#undef F
#undef W

_Static_assert(sizeof(keys) / sizeof(keys[0]) <= CONFIG_MAX_KEYS,
    "struct config's key_line is too small for the key table");

#define FIELD(c, k, type) ((type *)(void *)((char *)(c) + (k)->off))

/* set_string - replace the string field at *slot with a copy of v */
static int
set_string(char **slot, const char *v)
{
	char *s = strdup(v);

	if (s == NULL)
		return -1;
	free(*slot);
	*slot = s;
	return 0;
}

/* category_weights_default - fill w with the shipped weights */
void
category_weights_default(struct category_weights *w)
{
	w->referral = 3;
	w->praise = 1;
	w->enquiry = 0;
	w->rude = -4;
	w->complaint = -2;
	w->haggler = -2;
	w->slow_payer = -2;
	w->good_at = 3;
	w->bad_at = -4;
}

/* config_defaults - every default; caller frees with config_free */
struct config *
config_defaults(void)
{
	struct config *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	strvec_init(&c->own_domains);
	strvec_init(&c->own_addresses);
	c->syslog = true;
	c->syslog_facility = log_facility_parse("mail");
	c->log_level = LOG_LVL_INFO;
	c->on_internal_error = ON_ERROR_ACCEPT;
	c->add_headers = true;
	c->max_scan_bytes = CONFIG_DEFAULT_SCAN;
	c->milter_timeout = CONFIG_DEFAULT_MILTER_TIMEOUT;
	category_weights_default(&c->weights);
	if (set_string(&c->database, CONFIG_DEFAULT_DB) < 0 ||
	    set_string(&c->socket, CONFIG_DEFAULT_SOCKET) < 0 ||
	    set_string(&c->rules_file, CONFIG_DEFAULT_RULES) < 0 ||
	    set_string(&c->value_set, CONFIG_DEFAULT_VALUESET) < 0 ||
	    set_string(&c->referral_tag, CONFIG_DEFAULT_REFTAG) < 0 ||
	    set_string(&c->languages, CONFIG_DEFAULT_LANGUAGES) < 0 ||
	    set_string(&c->sendmail, CONFIG_DEFAULT_SENDMAIL) < 0 ||
	    set_string(&c->spool_dir, CONFIG_DEFAULT_SPOOL) < 0) {
		config_free(c);
		return NULL;
	}
	return c;
}

/* config_free - release c and everything it holds; accepts NULL */
void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->database);
	strvec_free(&c->own_domains);
	strvec_free(&c->own_addresses);
	free(c->authserv_id);
	free(c->socket);
	free(c->socket_mode);
	free(c->socket_group);
	free(c->user_id);
	free(c->pid_file);
	free(c->rules_file);
	free(c->value_set);
	free(c->referral_tag);
	free(c->languages);
	free(c->digest_to);
	free(c->digest_from);
	free(c->sendmail);
	free(c->time_zone);
	free(c->spool_dir);
	free(c);
}

/* set_value - check v for key k and store it in c; -1 with e set if bad */
static int
set_value(struct config *c, const struct key *k, char *v, struct err *e)
{
	size_t size;
	long n;
	int b;

	switch (k->type) {
	case K_LIST:
	case K_DOMAINS:
		return config_add_list(FIELD(c, k, struct strvec), k->name, v,
		    k->type == K_DOMAINS, e);
	case K_SOCKET: {
		struct config_socket cs;
		struct err why;

		if (config_socket_parse(v, &cs, &why) < 0)
			return err_set(e, "%s: '%.200s' %s", k->name, v, why.msg);
		break;
	}
	case K_MODE:
		if (!config_mode_valid(v))
			return err_set(e, "%s: '%.200s' is not an octal mode "
			    "such as 0660", k->name, v);
		break;
	case K_BOOL:
		if ((b = config_parse_bool(v)) < 0)
			return err_set(e, "%s: '%.200s' is not yes or no",
			    k->name, v);
		*FIELD(c, k, bool) = b == 1;
		return 0;
	case K_FACILITY:
		if ((b = log_facility_parse(v)) < 0)
			return err_set(e, "%s: '%.200s' is not a syslog facility "
			    "(mail, daemon, user, local0..local7)", k->name, v);
		*FIELD(c, k, int) = b;
		return 0;
	case K_LOGLEVEL:
		if ((b = log_level_parse(v)) < 0)
			return err_set(e, "%s: '%.200s' is not error, warning, "
			    "info or debug", k->name, v);
		*FIELD(c, k, int) = b;
		return 0;
	case K_ONERROR:
		if (strcasecmp(v, "accept") == 0)
			c->on_internal_error = ON_ERROR_ACCEPT;
		else if (strcasecmp(v, "tempfail") == 0)
			c->on_internal_error = ON_ERROR_TEMPFAIL;
		else
			return err_set(e, "%s: '%.200s' is not accept or "
			    "tempfail", k->name, v);
		return 0;
	case K_SIZE:
		if (config_parse_size(v, &size) < 0)
			return err_set(e, "%s: '%.200s' is not a size", k->name, v);
		if (size < CONFIG_MIN_SCAN)
			return err_set(e, "%s: '%.200s' is below the minimum "
			    "of 1024 bytes", k->name, v);
		if (size > CONFIG_MAX_SCAN)
			return err_set(e, "%s: '%.200s' is above the maximum "
			    "of 1G", k->name, v);
		*FIELD(c, k, size_t) = size;
		return 0;
	case K_WEIGHT:
		if (config_parse_int(v, &n) < 0)
			return err_set(e, "%s: '%.200s' is not an integer",
			    k->name, v);
		if (n < -CONFIG_MAX_WEIGHT || n > CONFIG_MAX_WEIGHT)
			return err_set(e, "%s: '%.200s' is out of range "
			    "(-%ld..%ld)", k->name, v, CONFIG_MAX_WEIGHT,
			    CONFIG_MAX_WEIGHT);
		*FIELD(c, k, int) = (int)n;
		return 0;
	case K_SECONDS:
		if (config_parse_int(v, &n) < 0)
			return err_set(e, "%s: '%.200s' is not a whole number "
			    "of seconds", k->name, v);
		if (n < 1 || n > CONFIG_MAX_MILTER_TIMEOUT)
			return err_set(e, "%s: '%.200s' is out of range "
			    "(1..%d)", k->name, v, CONFIG_MAX_MILTER_TIMEOUT);
		*FIELD(c, k, int) = (int)n;
		return 0;
	case K_RULES:
		c->rules_file_set = true;
		break;
	case K_VALUESET:
		c->value_set_set = true;
		break;
	case K_POLICY:
		if (strcasecmp(v, "two-way") == 0)
			c->customer_policy = POLICY_TWO_WAY;
		else if (strcasecmp(v, "incoming") == 0)
			c->customer_policy = POLICY_INCOMING;
		else
			return err_set(e, "%s: '%.200s' is not two-way or "
			    "incoming", k->name, v);
		return 0;
	case K_MATCH:
		if (strcasecmp(v, "milter") == 0)
			c->sender_match = MATCH_MILTER;
		else if ((b = config_parse_bool(v)) >= 0)
			c->sender_match = b == 1 ? MATCH_ALWAYS : MATCH_NEVER;
		else
			return err_set(e, "%s: '%.200s' is not milter, yes or "
			    "no", k->name, v);
		return 0;
	case K_REFTAG:
		if (strcspn(v, " \t@+") != strlen(v))
			return err_set(e, "%s: '%.200s' may not contain spaces, "
			    "'@' or '+'", k->name, v);
		break;
	case K_LANGS:
		if (!config_langs_valid(v))
			return err_set(e, "%s: '%.200s' is not a list of "
			    "two-letter language codes such as \"en de fr es\"",
			    k->name, v);
		break;
	case K_TIMEZONE:
		if (!config_zone_valid(v))
			return err_set(e, "%s: '%.200s' is not a time zone (such "
			    "as Europe/Berlin or UTC)", k->name, v);
		break;
	case K_STRING:
	case K_PATH:
		break;
	}
	if (set_string(FIELD(c, k, char *), v) < 0)
		return err_set(e, "out of memory");
	return 0;
}

/* find_key - the table entry for name (any case), or NULL */
static const struct key *
find_key(const char *name)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcasecmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* strip_comment - cut line at a '#' that opens it or follows white space */
static void
strip_comment(char *line)
{
	for (char *p = line; *p != '\0'; p++) {
		if (*p == '#' && (p == line || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			return;
		}
	}
}

/*
 * parse_line - one line (NUL-terminated, line end removed), modified in
 * place.  Returns 0 or -1 with e set to the reason (no file:line).
 */
static int
parse_line(struct config *c, char *line, unsigned long lineno, struct err *e)
{
	const struct key *k;
	char *name, *value;
	size_t n;

	strip_comment(line);
	name = str_trim(line);
	if (*name == '\0')
		return 0;
	n = strcspn(name, " \t");
	value = name + n;
	if (*value != '\0')
		*value++ = '\0';
	value = str_trim(value);
	if ((k = find_key(name)) == NULL)
		return err_set(e, "unknown key '%.64s'", name);
	if (*value == '\0')
		return err_set(e, "%s: missing value", k->name);
	c->key_line[k - keys] = lineno;
	return set_value(c, k, value, e);
}

/*
 * read_file - the whole file into b, refusing a file others can write.
 * -1 with e set to "PATH: reason"; errno_out gets the open errno.
 */
static int
read_file(const char *path, struct buf *b, int *errno_out, struct err *e)
{
	struct stat st;
	char chunk[8192];
	ssize_t n;
	int fd;

	*errno_out = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		*errno_out = errno;
		return err_set(e, "%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) < 0) {
		err_set(e, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err_set(e, "%s: not a regular file", path);
		goto fail;
	}
	if (st.st_mode & S_IWOTH) {
		err_set(e, "%s: writable by others; fix with chmod go-w", path);
		goto fail;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err_set(e, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (buf_append(b, chunk, (size_t)n) < 0) {
			err_set(e, "%s: larger than %zu bytes", path,
			    CONFIG_MAX_FILE);
			goto fail;
		}
	}
	close(fd);
	return 0;
fail:
	close(fd);
	return -1;
}

/* parse_text - every line of text (len bytes, NUL-terminated) into c */
static int
parse_text(struct config *c, const char *path, char *text, size_t len,
    struct err *e)
{
	struct err le;
	char *p = text, *end = text + len;
	unsigned long lineno = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *eol = nl != NULL ? nl : end;
		size_t n = (size_t)(eol - p);

		lineno++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > CONFIG_MAX_LINE)
			return err_set(e, "%s:%lu: line longer than %zu bytes",
			    path, lineno, CONFIG_MAX_LINE);
		if (memchr(p, '\0', n) != NULL)
			return err_set(e, "%s:%lu: NUL byte in line", path,
			    lineno);
		p[n] = '\0';
		if (parse_line(c, p, lineno, &le) < 0)
			return err_set(e, "%s:%lu: %s", path, lineno, le.msg);
		p = eol + 1;
	}
	return 0;
}

/* config_load - path read over the defaults; caller frees with config_free */
struct config *
config_load(const char *path, bool missing_ok, struct err *e)
{
	struct config *c;
	struct buf b;
	int oerr;

	if ((c = config_defaults()) == NULL) {
		err_set(e, "out of memory");
		return NULL;
	}
	if (path == NULL)
		return c;
	buf_init(&b, CONFIG_MAX_FILE);
	if (read_file(path, &b, &oerr, e) < 0) {
		buf_free(&b);
		if (missing_ok && oerr == ENOENT)
			return c;
		config_free(c);
		return NULL;
	}
	if ((c->path = strdup(path)) == NULL) {
		err_set(e, "out of memory");
		goto fail;
	}
	if (b.len > 0 && parse_text(c, path, b.data, b.len, e) < 0)
		goto fail;
	if (c->weights.good_at <= c->weights.bad_at) {
		err_set(e, "%s: GoodAt (%d) must be greater than BadAt (%d)",
		    path, c->weights.good_at, c->weights.bad_at);
		goto fail;
	}
	buf_free(&b);
	return c;
fail:
	buf_free(&b);
	config_free(c);
	return NULL;
}

unsigned long
config_key_line(const struct config *c, const char *key)
{
	const struct key *k = find_key(key);

	return c != NULL && k != NULL ? c->key_line[k - keys] : 0;
}

/*
 * is_subaddress - email is own+detail@domain of own (both lower case or
 * any case; compared case-insensitively).
 */
static bool
is_subaddress(const char *email, const char *own)
{
	const char *at = strrchr(email, '@');
	const char *plus = strchr(email, '+');
	const char *oat = strrchr(own, '@');

	if (at == NULL || plus == NULL || plus > at || oat == NULL)
		return false;
	if ((size_t)(plus - email) != (size_t)(oat - own))
		return false;
	return strncasecmp(email, own, (size_t)(plus - email)) == 0 &&
	    strcasecmp(at, oat) == 0;
}

/* domain_under - d equals dom or is a subdomain of it, any case */
static bool
domain_under(const char *d, const char *dom)
{
	size_t dl = strlen(d), ol = strlen(dom);

	if (dl == ol)
		return strcasecmp(d, dom) == 0;
	return dl > ol && d[dl - ol - 1] == '.' &&
	    strcasecmp(d + dl - ol, dom) == 0;
}

/* config_is_own - the owner's by address, subaddress, domain or subdomain */
bool
config_is_own(const struct config *c, const char *email)
{
	const char *d;

	if (c == NULL || email == NULL || *email == '\0')
		return false;
	for (size_t i = 0; i < c->own_addresses.n; i++) {
		if (strcasecmp(email, c->own_addresses.v[i]) == 0 ||
		    is_subaddress(email, c->own_addresses.v[i]))
			return true;
	}
	if ((d = email_domain(email)) == NULL || *d == '\0')
		return false;
	for (size_t i = 0; i < c->own_domains.n; i++)
		if (domain_under(d, c->own_domains.v[i]))
			return true;
	return false;
}
