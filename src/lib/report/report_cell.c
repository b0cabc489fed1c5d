/*
 * report_cell - the small pieces every report format is made of: text
 * escaped for the terminal or JSON only when it needs it, numbers right
 * aligned, RFC 3339 times without the libc calls, and the width of UTF-8
 * text in terminal cells (combining marks none, East Asian wide two), cut
 * with "..." to fit a column.
 *
 * For: report.c (tables, JSON, CSV, the one-customer block), through the
 * private report_int.h; report_text_width is public (report.h).
 * Owns: nothing; it appends to the caller's struct buf.
 * Never: reads the store or a customer struct, or prints a byte of
 * customer text unescaped (esc_term, esc_json).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util/escape.h"
#include "report/report.h"
#include "report_int.h"

/* ---- fast paths: most text needs no escaping, most numbers are small ---- */

/* plain_term - nothing in s that esc_term would change */
static bool
plain_term(const char *s)
{
	return esc_term_plain(s);
}

int
report_term_put(struct buf *out, const char *s)
{
	if (s == NULL)
		return 0;
	return plain_term(s) ? buf_puts(out, s) : esc_term(out, s);
}

/* report_term_around - nothing for NULL, else open, s escaped, close */
int
report_term_around(struct buf *out, const char *open, const char *s,
    const char *close)
{
	if (s == NULL)
		return 0;
	if (buf_puts(out, open) < 0 || report_term_put(out, s) < 0)
		return -1;
	return buf_puts(out, close);
}

/*
 * json_put - s as a JSON string (null for NULL), through esc_json when it
 * holds anything that may need escaping: ASCII controls, quotes, and any
 * byte past ASCII (C1 and bidi controls, bytes that are not UTF-8)
 */
int
report_json_put(struct buf *out, const char *s)
{
	const unsigned char *p;
	size_t n;

	if (s == NULL)
		return buf_append(out, "null", 4);
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == '"' || *p == '\\' || *p >= 0x7f)
			return esc_json(out, s);
	n = (size_t)(p - (const unsigned char *)s);
	if (buf_putc(out, '"') < 0 || buf_append(out, s, n) < 0)
		return -1;
	return buf_putc(out, '"');
}

/* put_int - v in decimal, right-aligned in width cells (0: as is) */
int
report_put_int(struct buf *out, long long v, size_t width)
{
	char tmp[32];
	size_t i = sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		tmp[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		tmp[--i] = '-';
	while (sizeof(tmp) - i < width && i > 0)
		tmp[--i] = ' ';
	return buf_append(out, tmp + i, sizeof(tmp) - i);
}

/* pad - s, then spaces up to width bytes (ASCII callers only) */
int
report_pad(struct buf *out, const char *s, size_t width)
{
	size_t n = strlen(s);

	if (buf_append(out, s, n) < 0)
		return -1;
	while (n++ < width)
		if (buf_putc(out, ' ') < 0)
			return -1;
	return 0;
}

static void
put2(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

/*
 * fmt_time - "YYYY-MM-DDTHH:MM:SSZ", the same as time_rfc3339 without the
 * libc calls (days to civil date by the proleptic Gregorian calendar).
 */
void
report_fmt_time(time_t t, char out[32])
{
	long long days = (long long)t / 86400, secs = (long long)t % 86400;
	long long era, y;
	unsigned doe, yoe, doy, mp, d, m;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = (long long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	if (y < 0 || y > 9999) {
		time_rfc3339(t, out);
		return;
	}
	put2(out, (unsigned)(y / 100));
	put2(out + 2, (unsigned)(y % 100));
	out[4] = '-';
	put2(out + 5, m);
	out[7] = '-';
	put2(out + 8, d);
	out[10] = 'T';
	put2(out + 11, (unsigned)(secs / 3600));
	out[13] = ':';
	put2(out + 14, (unsigned)(secs / 60 % 60));
	out[16] = ':';
	put2(out + 17, (unsigned)(secs % 60));
	out[19] = 'Z';
	out[20] = '\0';
}

/* ---- terminal cells of UTF-8 text ---- */

/* cell_decode - code point at s (n bytes left); *used bytes taken; -1 if invalid */
static long
cell_decode(const unsigned char *s, size_t n, size_t *used)
{
	unsigned long cp;

	if ((*used = utf8_decode(s, n, &cp)) != 0)
		return (long)cp;
	*used = 1;
	return s[0] == 0 ? 0 : -1;
}

static int
cp_width(long cp)
{
	if (cp < 0)
		return 1;
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xfe20 && cp <= 0xfe2f) ||
	    (cp >= 0x200b && cp <= 0x200f) || cp == 0xfeff)
		return 0;
	if ((cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

size_t
report_text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, used;

	for (size_t i = 0; i < len; i += used) {
		if (p[i] < 0x80) {
			used = 1;
			w++;
		} else {
			w += (size_t)cp_width(cell_decode(p + i, len - i, &used));
		}
	}
	return w;
}

/*
 * cell_put - append s (already escaped) in a column of `width` cells,
 * padded with spaces, cut with "..." when wider than `width`.
 */
int
report_cell_put(struct buf *out, const char *s, size_t len, size_t width, int padded)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = report_text_width(s, len), used, i, cw = 0;

	if (w <= width) {
		if (buf_append(out, s, len) < 0)
			return -1;
		while (padded && w++ < width)
			if (buf_putc(out, ' ') < 0)
				return -1;
		return 0;
	}
	/* keep what fits in width - 3 cells, then "..." */
	for (i = 0; i < len; i += used) {
		int c = cp_width(cell_decode(p + i, len - i, &used));

		if (cw + (size_t)c + 3 > width)
			break;
		cw += (size_t)c;
	}
	while (i > 0 && s[i - 1] == ' ') {
		i--;
		cw--;
	}
	if (buf_append(out, s, i) < 0 || buf_puts(out, "...") < 0)
		return -1;
	while (padded && cw + 3 < width) {
		if (buf_putc(out, ' ') < 0)
			return -1;
		cw++;
	}
	return 0;
}

size_t
report_escaped_width(struct buf *tmp, const char *s)
{
	if (s == NULL || *s == '\0')
		return 1;
	if (plain_term(s))
		return report_text_width(s, strlen(s));
	buf_reset(tmp);
	if (report_term_put(tmp, s) < 0)
		return 0;
	return report_text_width(buf_cstr(tmp), tmp->len);
}

void
report_date_of(time_t t, char out[32])
{
	if (t == 0) {
		memcpy(out, "-", 2);
		return;
	}
	report_fmt_time(t, out);
	out[10] = '\0';
}

int
report_join_term(struct buf *out, const struct strvec *sv, const char *sep)
{
	if (sv->n == 0)
		return buf_putc(out, '-');
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_puts(out, sep) < 0) || report_term_put(out, sv->v[i]) < 0)
			return -1;
	return 0;
}
