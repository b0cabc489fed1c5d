/*
 * report_enquiry - render the enquiries waiting for the owner's reply.
 *
 * Text: one line each, oldest first, "AGE  EMAIL  NAME  SUBJECT" with
 * controls escaped for the terminal; JSON: an array of {"email", "name",
 * "subject", "since" (RFC 3339 UTC), "age_days"}; CSV: the same columns.
 * Pure: a list in, bytes appended to a buffer.
 */
#include <stdio.h>
#include <time.h>

#include "util/escape.h"
#include "util/json_write.h"
#include "report/report.h"

/* age - "3d", "5h", "12m" from at to now */
static void
age(time_t at, time_t now, char *out, size_t len)
{
	long long d = now > at ? (long long)(now - at) : 0;

	if (d >= 86400)
		snprintf(out, len, "%lldd", d / 86400);
	else if (d >= 3600)
		snprintf(out, len, "%lldh", d / 3600);
	else
		snprintf(out, len, "%lldm", d / 60);
}

static void
rfc3339(time_t t, char *out, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, len, "1970-01-01T00:00:00Z");
}

int
report_enquiries(struct buf *out, const struct enquiry_list *l,
    enum report_format f, time_t now)
{
	char a[32], when[32];
	int rc = 0;

	if (f == REPORT_JSON)
		rc = buf_putc(out, '[');
	else if (f == REPORT_CSV)
		rc = buf_puts(out, "email,name,subject,since,age_days\r\n");
	else if (l->n == 0)
		rc = buf_puts(out, "no enquiries waiting for a reply\n");
	for (size_t i = 0; i < l->n && rc == 0; i++) {
		const struct enquiry *q = &l->v[i];
		long long days = now > q->at ? (long long)(now - q->at) / 86400 : 0;

		age(q->at, now, a, sizeof(a));
		rfc3339(q->at, when, sizeof(when));
		if (f == REPORT_JSON) {
			rc = buf_puts(out, i > 0 ? ",{" : "{") < 0 ||
			    JSON_STRS(out, true, { "email", q->email },
			    { "name", q->name }, { "subject", q->subject }) < 0 ||
			    buf_printf(out, ",\"since\":\"%s\",\"age_days\":%lld}",
			    when, days) < 0 ? -1 : 0;
		} else if (f == REPORT_CSV) {
			rc = esc_csv(out, q->email) < 0 || buf_putc(out, ',') < 0 ||
			    esc_csv(out, q->name ? q->name : "") < 0 ||
			    buf_putc(out, ',') < 0 ||
			    esc_csv(out, q->subject ? q->subject : "") < 0 ||
			    buf_printf(out, ",%s,%lld\r\n", when, days) < 0 ?
			    -1 : 0;
		} else {
			rc = buf_printf(out, "%5s  ", a) < 0 ||
			    esc_term(out, q->email) < 0 ||
			    (q->name && *q->name && (buf_puts(out, " (") < 0 ||
			    esc_term(out, q->name) < 0 ||
			    buf_putc(out, ')') < 0)) ||
			    buf_puts(out, "  ") < 0 ||
			    esc_term(out, q->subject ? q->subject :
			    "(no subject)") < 0 || buf_putc(out, '\n') < 0 ?
			    -1 : 0;
		}
	}
	if (rc == 0 && f == REPORT_JSON)
		rc = buf_puts(out, "]\n");
	return rc;
}
