/*
 * config_value - one value of the configuration file, checked and
 * converted: booleans, sizes, integers, socket specifications, time
 * zones, file modes, domains, address and domain lists, language codes.
 *
 * For: config.c, which knows the keys and calls these checkers; and
 * config_socket_parse, the one parser of a Socket value every program
 * uses (config.h).
 * Owns: nothing past the call, except the list items add_list appends
 * (then the caller's strvec's).
 * Never: reads the configuration file, knows a key's name beyond the one
 * it is given for a message, or calls config.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "mail/config.h"
#include "util/strutil.h"
#include "config_int.h"

/* parse_bool - yes/no, true/false, on/off, 1/0; -1 if none of them */
int
config_parse_bool(const char *v)
{
	static const char *yes[] = { "yes", "true", "on", "1" };
	static const char *no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* parse_size - "1048576", "64k", "1M", "1g" into *out; -1 if not a size */
int
config_parse_size(const char *v, size_t *out)
{
	uint64_t n = 0, mult = 1;
	const char *p = v;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (UINT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	switch (*p) {
	case '\0':
		break;
	case 'k': case 'K':
		mult = 1024;
		p++;
		break;
	case 'm': case 'M':
		mult = 1024 * 1024;
		p++;
		break;
	case 'g': case 'G':
		mult = 1024 * 1024 * 1024;
		p++;
		break;
	default:
		return -1;
	}
	if (*p != '\0')
		return -1;
	if (n > UINT64_MAX / mult || n * mult > SIZE_MAX)
		return -1;
	*out = (size_t)(n * mult);
	return 0;
}

/* parse_int - a decimal integer with optional sign into *out; -1 if not one */
int
config_parse_int(const char *v, long *out)
{
	char *end;
	long n;

	if (*v == '\0' || (*v != '-' && *v != '+' && (*v < '0' || *v > '9')))
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0')
		return -1;
	*out = n;
	return 0;
}

/* port_parse - decimal 1..65535, exactly len bytes; 0 if not a port */
static unsigned
port_parse(const char *s, size_t len)
{
	unsigned long n = 0;

	if (len == 0 || len > 5)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		n = n * 10 + (unsigned long)(s[i] - '0');
	}
	return n <= 65535 ? (unsigned)n : 0;
}

int
config_socket_parse(const char *spec, struct config_socket *out,
    struct err *e)
{
	const char *colon, *rest, *at;
	size_t plen;

	memset(out, 0, sizeof(*out));
	if (spec == NULL || *spec == '\0')
		return err_set(e, "is empty");
	colon = strchr(spec, ':');
	if (colon == NULL && spec[0] == '/') {
		out->kind = CONFIG_SOCKET_UNIX;
		out->path = spec;
		return 0;
	}
	plen = colon != NULL ? (size_t)(colon - spec) : 0;
	if (colon != NULL && (plen == 0 ||
	    (plen == 4 && strncasecmp(spec, "unix", 4) == 0) ||
	    (plen == 5 && strncasecmp(spec, "local", 5) == 0))) {
		out->kind = CONFIG_SOCKET_UNIX;
		out->path = colon + 1;
		return *out->path == '\0' ? err_set(e, "has no path") : 0;
	}
	if (colon != NULL && plen == 4 && strncasecmp(spec, "inet", 4) == 0)
		out->kind = CONFIG_SOCKET_INET;
	else if (colon != NULL && plen == 5 && strncasecmp(spec, "inet6", 5) == 0)
		out->kind = CONFIG_SOCKET_INET6;
	else
		return err_set(e, "is not inet:PORT@HOST, inet6:PORT@HOST, "
		    "unix:PATH or local:PATH");
	rest = colon + 1;
	at = strchr(rest, '@');
	out->port = port_parse(rest, at != NULL ? (size_t)(at - rest) :
	    strlen(rest));
	if (out->port == 0)
		return err_set(e, "has no valid port (1-65535)");
	if (at != NULL && at[1] == '\0')
		return err_set(e, "has no host after '@'");
	out->host = at != NULL ? at + 1 : NULL;
	return 0;
}

/*
 * zone_valid - a name TZ understands: a file under the zoneinfo folder
 * (Europe/Berlin), or the POSIX form (UTC, CET-1CEST,M3.5.0,M10.5.0/3).
 * Where the system has no zoneinfo folder at all, any name in the TZ
 * alphabet is taken.
 */
bool
config_zone_valid(const char *v)
{
	const char *name = *v == ':' ? v + 1 : v;
	char path[512];
	size_t alpha = 0;

	if (*name == '\0' || strlen(name) > 200 || strstr(name, "..") ||
	    *name == '/' || strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij"
	    "klmnopqrstuvwxyz0123456789_+-/:,.<>") != strlen(name))
		return false;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	if (access(path, R_OK) == 0)
		return true;
	if (access("/usr/share/zoneinfo", F_OK) != 0)
		return true;
	while (isalpha((unsigned char)name[alpha]))
		alpha++;
	return *v != ':' && strchr(name, '/') == NULL && alpha >= 3 &&
	    (name[alpha] == '\0' || strchr("+-0123456789", name[alpha]));
}

/* mode_valid - 3 or 4 octal digits, e.g. 660 or 0660 */
bool
config_mode_valid(const char *v)
{
	size_t n = strlen(v);

	if (n < 3 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '7')
			return false;
	return true;
}

/*
 * domain_valid - letters, digits, '-', '.' and non-ASCII; not empty; and
 * what an address at it would pass (email_valid: UTF-8, no controls)
 */
static bool
domain_valid(const char *d)
{
	char probe[EMAIL_MAX + 2];

	if (*d == '\0' || *d == '.' || strlen(d) > 253)
		return false;
	for (const char *p = d; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (!(ch >= 0x80 || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '.'))
			return false;
	}
	snprintf(probe, sizeof(probe), "x@%s", d);
	return strlen(d) + 2 <= EMAIL_MAX && email_valid(probe);
}

/*
 * add_list - split v on spaces, tabs and commas, lower-case each item and
 * append the new ones to sv.  domains: items are domains, else addresses.
 * Returns 0, or -1 with e set (without file:line; the caller adds it).
 */
int
config_add_list(struct strvec *sv, const char *name, char *v, bool domains,
    struct err *e)
{
	char *p = v;

	while (*p != '\0') {
		size_t n = strcspn(p, " \t,");
		char *item;

		if (n == 0) {
			p++;
			continue;
		}
		item = strndup(p, n);
		if (item == NULL)
			return err_set(e, "out of memory");
		str_lower_inplace(item);
		if (domains && item[0] == '@')	/* "@example.com" */
			memmove(item, item + 1, strlen(item));
		if (domains ? !domain_valid(item) : !email_valid(item)) {
			err_set(e, "%s: '%.200s' is not %s", name, item,
			    domains ? "a domain" : "an address");
			free(item);
			return -1;
		}
		if (strvec_contains(sv, item))
			free(item);
		else if (strvec_push_owned(sv, item) < 0)
			return err_set(e, "out of memory");
		p += n;
	}
	return 0;
}

/* langs_valid - codes of two lower-case letters, separated by blanks or commas */
bool
config_langs_valid(const char *v)
{
	size_t codes = 0;

	for (const char *p = v + strspn(v, " \t,"); *p != '\0';
	    p += strspn(p, " \t,")) {
		size_t n = strcspn(p, " \t,");

		if (n != 2 || p[0] < 'a' || p[0] > 'z' || p[1] < 'a' ||
		    p[1] > 'z')
			return false;
		codes++;
		p += n;
	}
	return codes > 0;
}
