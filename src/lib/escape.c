/*
 * escape - escaping once, at the edge, for each place text is printed.
 *
 * Pure: strings in, escaped bytes appended to a struct buf.  Never
 * validates UTF-8 (the parser guarantees it); escapes only what the target
 * format gives a meaning to.
 */
#include <stdio.h>
#include <stdbool.h>
#include <string.h>

#include "clientele/escape.h"

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
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* C0 controls, DEL, and the C1 range as UTF-8 (U+0080..U+009F) */
		if (*p < 0x20 || *p == 0x7f) {
			if (buf_printf(out, "\\x%02x", *p) < 0)
				return -1;
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			if (buf_printf(out, "\\u%04x", p[1]) < 0)
				return -1;
			p++;
		} else if (buf_putc(out, *p) < 0) {
			return -1;
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
