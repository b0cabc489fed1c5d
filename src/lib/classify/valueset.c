/*
 * valueset - the owner's ideal client value set: file, form and replies.
 *
 * Owns the struct valueset and its strings.  Pure: no I/O beyond reading
 * the named file in valueset_load_file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "util/escape.h"
#include "classify/valueset.h"

#define VALUESET_LINE_MAX 1024
#define VALUESET_FILE_MAX (256 * 1024)

static bool
key_ok(const char *k)
{
	if (!islower((unsigned char)*k))
		return false;
	for (; *k; k++)
		if (!islower((unsigned char)*k) && !isdigit((unsigned char)*k) &&
		    *k != '-')
			return false;
	return true;
}

struct valueset *
valueset_load_string(const char *name, const char *text, size_t len,
    struct err *e)
{
	struct valueset *vs = calloc(1, sizeof(*vs));
	size_t lineno = 0;

	if (vs == NULL) {
		err_set(e, "%s: out of memory", name);
		return NULL;
	}
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - (text + i)) : len - i;
		char line[VALUESET_LINE_MAX + 1], *colon, *k, *d;

		lineno++;
		if (ll > VALUESET_LINE_MAX) {
			err_set(e, "%s:%zu: line too long", name, lineno);
			goto fail;
		}
		memcpy(line, text + i, ll);
		line[ll] = '\0';
		i += ll + (nl ? 1 : 0);
		k = str_trim(line);
		if (*k == '\0' || *k == '#')
			continue;
		if ((colon = strchr(k, ':')) == NULL) {
			err_set(e, "%s:%zu: expected 'key: description'", name,
			    lineno);
			goto fail;
		}
		*colon = '\0';
		d = str_trim(colon + 1);
		str_trim(k);
		if (!key_ok(k)) {
			err_set(e, "%s:%zu: '%s' is not a key (lower case letters, "
			    "digits and dashes)", name, lineno, k);
			goto fail;
		}
		if (*d == '\0' || !utf8_valid(d, strlen(d))) {
			err_set(e, "%s:%zu: value '%s' needs a description in "
			    "UTF-8", name, lineno, k);
			goto fail;
		}
		if (valueset_find(vs, k) >= 0) {
			err_set(e, "%s:%zu: value '%s' is listed twice", name,
			    lineno, k);
			goto fail;
		}
		if (vs->n == VALUESET_MAX) {
			err_set(e, "%s:%zu: more than %d values", name, lineno,
			    VALUESET_MAX);
			goto fail;
		}
		vs->v[vs->n].key = strdup(k);
		vs->v[vs->n].description = strdup(d);
		vs->n++;
	}
	if (vs->n == 0) {
		err_set(e, "%s: no values defined", name);
		goto fail;
	}
	return vs;
fail:
	valueset_free(vs);
	return NULL;
}

struct valueset *
valueset_load_file(const char *path, struct err *e)
{
	FILE *fp = fopen(path, "r");
	char *data;
	size_t n;
	struct valueset *vs;

	if (fp == NULL) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((data = malloc(VALUESET_FILE_MAX + 1)) == NULL) {
		fclose(fp);
		err_set(e, "%s: out of memory", path);
		return NULL;
	}
	n = fread(data, 1, VALUESET_FILE_MAX + 1, fp);
	fclose(fp);
	if (n > VALUESET_FILE_MAX) {
		free(data);
		err_set(e, "%s: file too large", path);
		return NULL;
	}
	vs = valueset_load_string(path, data, n, e);
	free(data);
	return vs;
}

/* The shipped value set, compiled in from conf/valueset.conf (Makefile). */
static const char valueset_default_text[] =
#include "valueset_default.inc"
    ;

struct valueset *
valueset_default(struct err *e)
{
	return valueset_load_string("valueset.conf (built in)",
	    valueset_default_text, sizeof(valueset_default_text) - 1, e);
}

struct valueset *
valueset_load_configured(const char *path, bool named, struct err *e)
{
	if (path == NULL || *path == '\0')
		return valueset_default(e);
	if (!named && access(path, F_OK) != 0 && errno == ENOENT)
		return valueset_default(e);
	return valueset_load_file(path, e);
}

void
valueset_free(struct valueset *vs)
{
	if (vs == NULL)
		return;
	for (size_t i = 0; i < vs->n; i++) {
		free(vs->v[i].key);
		free(vs->v[i].description);
	}
	free(vs);
}

int
valueset_find(const struct valueset *vs, const char *key)
{
	for (size_t i = 0; i < vs->n; i++)
		if (strcasecmp(vs->v[i].key, key) == 0)
			return (int)i;
	return -1;
}

int
verdict_parse(const char *s)
{
	if (strcasecmp(s, "yes") == 0 || strcasecmp(s, "y") == 0)
		return VERDICT_YES;
	if (strcasecmp(s, "no") == 0 || strcasecmp(s, "n") == 0)
		return VERDICT_NO;
	if (strcasecmp(s, "unknown") == 0 || strcmp(s, "?") == 0)
		return VERDICT_UNKNOWN;
	return -1;
}

const char *
verdict_name(enum verdict v)
{
	return v == VERDICT_YES ? "yes" : v == VERDICT_NO ? "no" : "unknown";
}

static bool
plain_address(const char *s)
{
	if (!email_valid(s))
		return false;
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f)
			return false;
	return true;
}

int
valueset_publish(const struct valueset *vs, const char *from, const char *to,
    time_t now, const char *unique, struct buf *out, struct err *e)
{
	char date[64];
	struct tm tm;

	if (!plain_address(from))
		return err_set(e, "'%s' is not a usable From address", from);
	if (to && !plain_address(to))
		return err_set(e, "'%s' is not a usable To address", to);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(out, "From: %s\r\n", from);
	if (to)
		buf_printf(out, "To: %s\r\n", to);
	buf_printf(out, "Date: %s\r\nMessage-ID: <valueset.%lld.%s@%s>\r\n",
	    date, (long long)now, unique, email_domain(from));
	buf_printf(out, "Subject: %s\r\n", VALUESET_SUBJECT);
	buf_puts(out, "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	buf_puts(out, "Hello,\r\n\r\n"
	    "We do our best work with people who share our values. Below is\r\n"
	    "the list we hold ourselves to. Would you tell us which of them fit\r\n"
	    "you too? Reply to this message and put an x in the box of each one\r\n"
	    "that does, like [x], and leave the others empty.\r\n\r\n");
	for (size_t i = 0; i < vs->n; i++)
		buf_printf(out, "[ ] %s: %s\r\n", vs->v[i].key,
		    vs->v[i].description);
	buf_puts(out, "\r\nThank you.\r\n");
	return 0;
}

/*
 * box_line - if the line (after any '>' quoting and spaces) opens with a
 * box, return the verdict and set *rest to what follows it; else -1.
 */
static int
box_line(const char *p, const char *end, const char **rest)
{
	while (p < end && (*p == '>' || *p == ' ' || *p == '\t'))
		p++;
	if (end - p < 3 || p[0] != '[')
		return -1;
	const char *close = memchr(p, ']', (size_t)(end - p) < 6 ? (size_t)(end - p) : 6);
	if (close == NULL)
		return -1;
	bool ticked = false;
	for (const char *q = p + 1; q < close; q++) {
		if (*q == 'x' || *q == 'X' || *q == '*' || *q == '+')
			ticked = true;
		else if (*q != ' ')
			return -1;
	}
	*rest = close + 1;
	return ticked ? VERDICT_YES : VERDICT_NO;
}

size_t
valueset_parse_reply(const struct valueset *vs, const char *text,
    enum verdict verdicts[VALUESET_MAX])
{
	size_t found = 0;
	bool seen[VALUESET_MAX] = { false };

	for (size_t i = 0; i < VALUESET_MAX; i++)
		verdicts[i] = VERDICT_UNKNOWN;
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		const char *rest;
		int v = box_line(p, end, &rest);

		if (v >= 0) {
			while (rest < end && *rest == ' ')
				rest++;
			for (size_t i = 0; i < vs->n; i++) {
				size_t kl = strlen(vs->v[i].key);

				if ((size_t)(end - rest) >= kl &&
				    strncasecmp(rest, vs->v[i].key, kl) == 0 &&
				    (rest + kl == end || !isalnum((unsigned char)rest[kl]) ) &&
				    (rest + kl == end || rest[kl] != '-')) {
					if (!seen[i])
						found++;
					seen[i] = true;
					verdicts[i] = (enum verdict)v;
					break;
				}
			}
		}
		p = nl ? nl + 1 : NULL;
	}
	/* the blank form quoted back, nothing ticked, answers nothing */
	for (size_t i = 0; i < vs->n; i++)
		if (seen[i] && verdicts[i] == VERDICT_YES)
			return found;
	for (size_t i = 0; i < VALUESET_MAX; i++)
		verdicts[i] = VERDICT_UNKNOWN;
	return 0;
}

/* form_body - the text of the self-evaluation form, as the reply carries it */
static void
form_body(const struct valueset *vs, struct buf *b)
{
	buf_puts(b, "Put an x in the box of each value that fits you, like [x], "
	    "and leave the others empty.\r\n\r\n");
	for (size_t i = 0; i < vs->n; i++)
		buf_printf(b, "[ ] %s: %s\r\n", vs->v[i].key, vs->v[i].description);
}

int
valueset_publish_html(const struct valueset *vs, const char *reply_to,
    struct buf *out, struct err *e)
{
	struct buf form;

	if (!plain_address(reply_to))
		return err_set(e, "'%s' is not a usable address to reply to",
		    reply_to ? reply_to : "");
	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>Our values</title>\n"
	    "<style>body{margin:0;background:#f6f8fa;color:#1f2328;font:17px/1.5 "
	    "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}"
	    "main{max-width:720px;margin:0 auto;padding:1.2em;background:#fff;"
	    "overflow-wrap:anywhere}h1{font-size:1.7em;margin:.2em 0}"
	    "dl{margin:1.2em 0}dt{font-weight:700;margin-top:.9em}"
	    "dd{margin:.1em 0 0 0}"
	    ".ask{display:inline-block;background:#1a7f37;color:#fff;"
	    "padding:.6em 1em;border-radius:6px;text-decoration:none;"
	    "font-weight:700}small{color:#59636e}</style>\n</head><body><main>\n"
	    "<h1>Our values</h1>\n<p>We do our best work with people who share "
	    "what we care about. These are the values we hold ourselves to.</p>\n"
	    "<dl>\n");
	for (size_t i = 0; i < vs->n; i++) {
		buf_printf(out, "<dt id=\"v-%zu\">", i + 1);
		esc_html(out, vs->v[i].key);
		buf_puts(out, "</dt><dd>");
		esc_html(out, vs->v[i].description);
		buf_puts(out, "</dd>\n");
	}
	buf_puts(out, "</dl>\n<h2>Do they fit you?</h2>\n<p>Tell us which of "
	    "them describe you too: the link opens a message with the list; "
	    "tick the boxes that fit and send it.</p>\n<p><a class=\"ask\" "
	    "href=\"mailto:");
	esc_url(out, reply_to, true);
	buf_puts(out, "?subject=");
	esc_url(out, VALUESET_SUBJECT, false);
	buf_puts(out, "&amp;body=");
	buf_init(&form, 0);
	form_body(vs, &form);
	esc_url(out, buf_cstr(&form), false);
	buf_free(&form);
	buf_puts(out, "\">Tell us which fit you</a></p>\n<p><small>Or write to ");
	esc_html(out, reply_to);
	buf_puts(out, " with the subject &ldquo;");
	esc_html(out, VALUESET_SUBJECT);
	buf_puts(out, "&rdquo; and name the values that fit.</small></p>\n"
	    "</main></body></html>\n");
	return out->len >= out->cap ? err_set(e, "value set page too large") : 0;
}
