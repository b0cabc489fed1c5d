/*
 * escape - escaping once, at the edge, for each place text is printed.
 *
 * Pure: strings in, escaped bytes appended to a struct buf.  Escapes what
 * the target format gives a meaning to and, for a terminal and JSON, what
 * could deceive whoever reads it: controls (C0, DEL, C1), bidi controls
 * that reorder what follows (U+202A-E, U+2066-9, LRM, RLM, ALM) and bytes
 * that are not UTF-8.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/escape.h"
#include "util/strutil.h"

/* seq_at - the code point at p and its length: 0 when not valid UTF-8 */
static size_t
seq_at(const unsigned char *p, unsigned long *cp)
{
	size_t avail = 1;

	/* utf8_decode checks continuation bytes, which stop at the NUL */
	while (avail < 4 && p[avail - 1] != '\0' && p[avail] != '\0')
		avail++;
	return utf8_decode(p, avail, cp);
}

/* shown_escaped - a code point the terminal and JSON get as \uXXXX */
static bool
shown_escaped(unsigned long cp)
{
	return unicode_is_control(cp) || unicode_is_bidi(cp);
}

bool
esc_term_plain(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n;

	if (s == NULL)
		return true;
	while (*p) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return false;
			p++;
			continue;
		}
		if ((n = seq_at(p, &cp)) == 0 || shown_escaped(cp))
			return false;
		p += n;
	}
	return true;
}

int
esc_json(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	if (s == NULL)
		return buf_puts(out, "null");
	if (buf_putc(out, '"') < 0)
		return -1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const char *rep = NULL;
		char u[7];

		switch (*p) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				memcpy(u, "\\u00", 4);
				u[4] = hex[*p >> 4];
				u[5] = hex[*p & 15];
				u[6] = '\0';
				rep = u;
			}
		}
		if (*p >= 0x80) {
			unsigned long cp;
			size_t n = seq_at(p, &cp);

			/* C1 and bidi controls escaped; what is not UTF-8 replaced */
			if (n == 0 ? buf_puts(out, "\\ufffd") < 0 :
			    shown_escaped(cp) ? buf_printf(out, "\\u%04lx", cp) < 0 :
			    buf_append(out, p, n) < 0)
				return -1;
			p += n ? n - 1 : 0;
			continue;
		}
		if (rep ? buf_puts(out, rep) : buf_putc(out, *p))
			return -1;
	}
	return buf_putc(out, '"');
}

int
esc_csv(struct buf *out, const char *s)
{
	if (s == NULL)
		return 0;
	/* A leading = + - @ would be a formula to a spreadsheet. */
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = strchr("=+-@", s[0]) != NULL && s[0] != '\0';

	if (!quote && !formula)
		return buf_puts(out, s);
	if (buf_putc(out, '"') < 0 || (formula && buf_putc(out, '\'') < 0))
		return -1;
	for (const char *p = s; *p; p++)
		if ((*p == '"' && buf_putc(out, '"') < 0) || buf_putc(out, *p) < 0)
			return -1;
	return buf_putc(out, '"');
}

int
esc_term(struct buf *out, const char *s)
{
	if (s == NULL)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned long cp;
		size_t n;

		if (*p < 0x80) {
			/* C0 controls and DEL */
			if ((*p < 0x20 || *p == 0x7f) ?
			    buf_printf(out, "\\x%02x", *p) < 0 :
			    buf_putc(out, *p) < 0)
				return -1;
			p++;
		} else if ((n = seq_at(p, &cp)) == 0) {
			/* not UTF-8: the byte, shown */
			if (buf_printf(out, "\\x%02x", *p) < 0)
				return -1;
			p++;
		} else {
			/* C1 and bidi controls shown, the rest as it is */
			if (shown_escaped(cp) ?
			    buf_printf(out, "\\u%04lx", cp) < 0 :
			    buf_append(out, p, n) < 0)
				return -1;
			p += n;
		}
	}
	return 0;
}

int
esc_html(struct buf *out, const char *s)
{
	if (s == NULL)
		return 0;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;

		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		}
		if (rep ? buf_puts(out, rep) : buf_putc(out, *p))
			return -1;
	}
	return 0;
}

int
esc_url(struct buf *out, const char *s, bool at_ok)
{
	static const char hex[] = "0123456789ABCDEF";

	if (s == NULL)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int rc;

		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || (at_ok && *p == '@'))
			rc = buf_putc(out, *p);
		else
			rc = buf_printf(out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
esc_term_vprintf(struct buf *out, const char *fmt, va_list ap)
{
	struct buf raw;
	int rc;

	buf_init(&raw, out->cap);
	rc = buf_vprintf(&raw, fmt, ap);
	if (rc == 0)
		rc = esc_term(out, buf_cstr(&raw));
	buf_free(&raw);
	return rc;
}

int
esc_term_fprintf(FILE *fp, const char *fmt, ...)
{
	struct buf out;
	va_list ap;
	int rc;

	buf_init(&out, 0);
	va_start(ap, fmt);
	rc = esc_term_vprintf(&out, fmt, ap);
	va_end(ap);
	if (rc == 0 && fputs(buf_cstr(&out), fp) == EOF)
		rc = -1;
	buf_free(&out);
	return rc;
}
