/*
 * revenue - exact amounts and the owner's revenue CSV.
 *
 * Pure: parses memory, reports through callbacks, never touches the store.
 * Every field is capped (REVENUE_FIELD_MAX) so a hostile file cannot make a
 * row grow without bound.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "classify/revenue.h"

#define REVENUE_FIELD_MAX 1024
#define REVENUE_MAX_FIELDS 64

int
revenue_amount_parse(const char *s, long long *out, struct err *e)
{
	const char *p = s;
	long long whole = 0, frac = 0;
	int fdigits = 0;
	bool neg = false, digits = false;

	while (*p == ' ')
		p++;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; isdigit((unsigned char)*p); p++) {
		digits = true;
		whole = whole * 10 + (*p - '0');
		if (whole > REVENUE_AMOUNT_MAX / 100)
			return err_set(e, "amount '%s' is too large", s);
	}
	if (*p == ',' && isdigit((unsigned char)p[1]))
		return err_set(e, "amount '%s': thousands separators and decimal "
		    "commas are not accepted; write 1234.56", s);
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (++fdigits > 2)
				return err_set(e, "amount '%s' has more than two "
				    "decimals", s);
			frac = frac * 10 + (*p - '0');
		}
		digits = digits || fdigits > 0;
	}
	while (*p == ' ')
		p++;
	if (!digits || *p != '\0')
		return err_set(e, "amount '%s' is not a number like 1234.56", s);
	if (fdigits == 1)
		frac *= 10;
	*out = (whole * 100 + frac) * (neg ? -1 : 1);
	return 0;
}

int
revenue_date_parse(const char *s, time_t *out)
{
	struct tm tm;
	int y, m, d;
	char *end;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = (int)strtol(s, &end, 10);
	if (end != s + 4)
		return -1;
	m = (int)strtol(s + 5, &end, 10);
	if (end != s + 7)
		return -1;
	d = (int)strtol(s + 8, &end, 10);
	if (end != s + 10 || y < 1970 || y > 9999 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	*out = timegm(&tm);
	/* 2026-02-31 normalises to March: refuse it */
	struct tm back;
	gmtime_r(out, &back);
	return back.tm_mday == d ? 0 : -1;
}

long long
revenue_total_add(long long a, long long b)
{
	long long r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? LLONG_MAX : LLONG_MIN;
	return r;
}

void
revenue_format(long long minor, char out[32])
{
	/* unsigned: the most negative total has no positive long long */
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor :
	    (unsigned long long)minor;

	snprintf(out, 32, "%s%llu.%02llu", minor < 0 ? "-" : "", a / 100,
	    a % 100);
}

/* One parsed CSV record: fields borrowed from the parser's buffers. */
struct csv_record {
	struct buf field[REVENUE_MAX_FIELDS];
	size_t n;
	size_t line;
	bool too_long;
};

/*
 * csv_next - parse one RFC 4180 record at *pos; 0 ok, 1 end of data,
 * -1 with reason (unterminated quote).  Line numbers advance over quoted
 * line breaks too.
 */
static int
csv_next(const char *d, size_t len, size_t *pos, size_t *line,
    struct csv_record *r, const char **reason)
{
	size_t i = *pos;

	if (i >= len)
		return 1;
	for (size_t k = 0; k < r->n; k++)
		buf_reset(&r->field[k]);
	r->n = 1;
	r->line = *line;
	r->too_long = false;
	buf_reset(&r->field[0]);
	bool quoted = false, was_quoted = false;
	for (; i < len; i++) {
		char c = d[i];
		struct buf *f = &r->field[r->n - 1];

		if (quoted) {
			if (c == '"' && i + 1 < len && d[i + 1] == '"') {
				i++;
			} else if (c == '"') {
				quoted = false;
				continue;
			}
			if (c == '\n')
				(*line)++;
		} else if (c == '"' && f->len == 0 && !was_quoted) {
			quoted = was_quoted = true;
			continue;
		} else if (c == ',') {
			if (r->n == REVENUE_MAX_FIELDS) {
				r->too_long = true;
				continue;
			}
			buf_reset(&r->field[r->n++]);
			was_quoted = false;
			continue;
		} else if (c == '\r' || c == '\n') {
			if (c == '\r' && i + 1 < len && d[i + 1] == '\n')
				i++;
			(*line)++;
			i++;
			break;
		}
		if (buf_putc(f, c) < 0)
			r->too_long = true;
	}
	*pos = i;
	if (quoted) {
		*reason = "unterminated quoted field";
		return -1;
	}
	return 0;
}

/* field - the k-th field as a writable string, "" when empty */
static char *
field(struct csv_record *r, size_t k)
{
	if (r->field[k].data == NULL)
		buf_append(&r->field[k], "", 0);
	return r->field[k].data;
}

static bool
record_blank(const struct csv_record *r)
{
	return r->n == 1 && r->field[0].len == 0;
}

int
revenue_parse_csv(const char *data, size_t len, time_t default_date,
    const struct revenue_sink *sink, struct err *e)
{
	struct csv_record r;
	size_t pos = 0, line = 1;
	int col_email = -1, col_amount = -1, col_date = -1, col_ref = -1;
	const char *reason = NULL;
	int rc, ret = -1;

	if (e != NULL)
		e->msg[0] = '\0';	/* what a stopping sink says, if anything */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	for (size_t k = 0; k < REVENUE_MAX_FIELDS; k++)
		buf_init(&r.field[k], REVENUE_FIELD_MAX);
	r.n = 0;

	do {
		rc = csv_next(data, len, &pos, &line, &r, &reason);
	} while (rc == 0 && record_blank(&r));
	if (rc != 0) {
		err_set(e, "line %zu: %s", line, rc == 1 ? "no header row" : reason);
		goto out;
	}
	for (size_t k = 0; k < r.n; k++) {
		char *name = str_trim(field(&r, k));
		int *slot = strcasecmp(name, "email") == 0 ? &col_email :
		    strcasecmp(name, "amount") == 0 ? &col_amount :
		    strcasecmp(name, "date") == 0 ? &col_date :
		    strcasecmp(name, "reference") == 0 ? &col_ref : NULL;
		if (slot)
			*slot = (int)k;
	}
	if (col_email < 0 || col_amount < 0) {
		err_set(e, "line %zu: the header row must name the columns email "
		    "and amount (and may name date and reference)", r.line);
		goto out;
	}
	for (;;) {
		struct revenue_row row;
		struct err fe;
		int maxcol = col_email > col_amount ? col_email : col_amount;

		rc = csv_next(data, len, &pos, &line, &r, &reason);
		if (rc == 1)
			break;
		if (rc < 0) {
			sink->bad(sink->ctx, r.line, reason);
			break;
		}
		if (record_blank(&r))
			continue;
		if (r.too_long) {
			sink->bad(sink->ctx, r.line, "row too long");
			continue;
		}
		if (col_date > maxcol)
			maxcol = col_date;
		if ((int)r.n <= maxcol) {
			sink->bad(sink->ctx, r.line, "too few fields");
			continue;
		}
		char *email = str_trim(field(&r, (size_t)col_email));
		str_lower_inplace(email);
		if (!email_valid(email)) {
			char why[600];

			snprintf(why, sizeof(why), "'%s' is not an email address",
			    email);
			sink->bad(sink->ctx, r.line, why);
			continue;
		}
		if (revenue_amount_parse(str_trim(field(&r, (size_t)col_amount)),
		    &row.amount, &fe) < 0) {
			sink->bad(sink->ctx, r.line, fe.msg);
			continue;
		}
		row.date = default_date;
		if (col_date >= 0 && r.field[col_date].len > 0) {
			char *ds = str_trim(field(&r, (size_t)col_date));

			if (*ds && revenue_date_parse(ds, &row.date) < 0) {
				char why[600];

				snprintf(why, sizeof(why), "date '%s' is not "
				    "YYYY-MM-DD", ds);
				sink->bad(sink->ctx, r.line, why);
				continue;
			}
		}
		row.line = r.line;
		row.email = email;
		row.reference = NULL;
		if (col_ref >= 0 && (int)r.n > col_ref && r.field[col_ref].len)
			row.reference = str_trim(field(&r, (size_t)col_ref));
		if (row.reference && *row.reference == '\0')
			row.reference = NULL;
		if (sink->row(sink->ctx, &row) < 0) {
			/* the sink may have said why in e: keep it */
			char why[sizeof(e->msg)] = "";

			if (e != NULL)
				memcpy(why, e->msg, sizeof(why));
			why[sizeof(why) - 1] = '\0';
			err_set(e, "line %zu: could not be recorded%s%.400s%s",
			    r.line, why[0] ? " (" : "", why, why[0] ? ")" : "");
			goto out;
		}
	}
	ret = 0;
out:
	for (size_t k = 0; k < REVENUE_MAX_FIELDS; k++)
		buf_free(&r.field[k]);
	return ret;
}
