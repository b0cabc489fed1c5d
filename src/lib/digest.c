/*
 * digest - render the owner's report: mail, terminal text and JSON.
 *
 * Owns nothing but what digest_data_clear frees.  Pure: the data arrives
 * gathered (store_digest_data), the clock arrives in the options, and the
 * output goes to a struct buf.  Customer text is placed only in bodies,
 * escaped for the part it is in; headers are built from the configured
 * addresses, numbers and the `unique` string, each checked to hold no line
 * break or control character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientele/digest.h"
#include "clientele/escape.h"

#define BAR_WIDTH 24
#define TOP_REFERRERS 10

bool
digest_is_quiet(const struct digest_data *d)
{
	return d->enquiries.n == 0 && d->referrals.n == 0 &&
	    d->problems.n == 0 && d->changes.n == 0;
}


/* total_of - how many happened: the list's length unless it was cut */
static size_t
total_of(const struct digest_items *it)
{
	return it->total > it->n ? it->total : it->n;
}

/* grouped - n with thousands separators: 40000 -> "40,000" */
static void
grouped(struct buf *b, size_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n);

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, digits[i]);
	}
}

static void
plural(struct buf *b, size_t n, const char *one, const char *many)
{
	grouped(b, n);
	buf_printf(b, " %s", n == 1 ? one : many);
}

/* shown - "(12)", or "(500 of 40,000)" when the list was cut */
static void
shown(struct buf *b, const struct digest_items *it)
{
	buf_putc(b, '(');
	grouped(b, it->n);
	if (total_of(it) > it->n) {
		buf_puts(b, " of ");
		grouped(b, total_of(it));
	}
	buf_putc(b, ')');
}

char *
digest_subject(const struct digest_data *d)
{
	struct buf b;

	buf_init(&b, 1024);
	buf_puts(&b, "clientele: ");
	if (digest_is_quiet(d)) {
		buf_puts(&b, "nothing new");
	} else {
		plural(&b, total_of(&d->enquiries), "enquiry", "enquiries");
		buf_puts(&b, ", ");
		plural(&b, total_of(&d->referrals), "referral", "referrals");
		buf_puts(&b, ", ");
		plural(&b, total_of(&d->problems), "problem", "problems");
		if (d->changes.n) {
			buf_puts(&b, ", ");
			plural(&b, total_of(&d->changes), "category change",
			    "category changes");
		}
	}
	return buf_steal(&b);
}

/* Who an item is about: "Name <email>" or just the email. */
static void
who(struct buf *b, const char *name, const char *email, bool html)
{
	int (*esc)(struct buf *, const char *) = html ? esc_html : esc_term;

	if (name && *name) {
		esc(b, name);
		buf_puts(b, html ? " &lt;" : " <");
		esc(b, email);
		buf_puts(b, html ? "&gt;" : ">");
	} else {
		esc(b, email);
	}
}

static void
item_line(struct buf *b, const char *section, const struct digest_item *it,
    bool html)
{
	int (*esc)(struct buf *, const char *) = html ? esc_html : esc_term;

	if (strcmp(section, "referrals") == 0) {
		who(b, NULL, it->other ? it->other : "someone", html);
		buf_puts(b, " referred ");
		who(b, it->name, it->email, html);
	} else {
		who(b, it->name, it->email, html);
	}
	if (it->detail && *it->detail) {
		buf_puts(b, html ? " &mdash; " : " - ");
		esc(b, it->detail);
	}
}

static const struct {
	const char *key;
	const char *title;
	size_t off;
} sections[] = {
	{ "enquiries", "New enquiries", offsetof(struct digest_data, enquiries) },
	{ "referrals", "New referrals", offsetof(struct digest_data, referrals) },
	{ "problems", "New problem flags", offsetof(struct digest_data, problems) },
	{ "changes", "Category changes", offsetof(struct digest_data, changes) },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

static const struct digest_items *
section_items(const struct digest_data *d, size_t i)
{
	return (const struct digest_items *)((const char *)d + sections[i].off);
}

static int
max_referrals(const struct customer_list *l)
{
	int m = 0;

	for (size_t i = 0; i < l->n && i < TOP_REFERRERS; i++)
		if (l->v[i].referrals > m)
			m = l->v[i].referrals;
	return m;
}

static void
money(struct buf *b, long long minor)
{
	long long a = minor < 0 ? -minor : minor;

	buf_printf(b, "%s%lld.%02lld", minor < 0 ? "-" : "", a / 100, a % 100);
}

static void
window_line(struct buf *b, const struct digest_data *d)
{
	char s[32], u[32];

	time_rfc3339(d->since, s);
	time_rfc3339(d->until, u);
	buf_printf(b, "From %s to %s", s, u);
}

/* The plain-text report; colour adds ANSI bold to headings. */
int
digest_render_text(const struct digest_data *d, bool colour, struct buf *b)
{
	const char *on = colour ? "\033[1m" : "", *off = colour ? "\033[0m" : "";
	int most = max_referrals(&d->top_referrers);

	buf_printf(b, "%sclientele digest%s\n", on, off);
	window_line(b, d);
	buf_puts(b, "\n\n");
	if (digest_is_quiet(d))
		buf_puts(b, "Nothing new in this window.\n\n");
	for (size_t s = 0; s < NSECTIONS; s++) {
		const struct digest_items *it = section_items(d, s);

		if (it->n == 0)
			continue;
		buf_printf(b, "%s%s ", on, sections[s].title);
		shown(b, it);
		buf_printf(b, "%s\n", off);
		for (size_t i = 0; i < it->n; i++) {
			buf_puts(b, "  * ");
			item_line(b, sections[s].key, &it->v[i], false);
			buf_putc(b, '\n');
		}
		buf_putc(b, '\n');
	}
	buf_printf(b, "%sTop referrers%s\n", on, off);
	if (d->top_referrers.n == 0)
		buf_puts(b, "  nobody has referred anyone yet\n");
	for (size_t i = 0; i < d->top_referrers.n && i < TOP_REFERRERS; i++) {
		const struct customer *c = &d->top_referrers.v[i];
		int w = most ? (c->referrals * BAR_WIDTH + most - 1) / most : 0;

		buf_puts(b, "  ");
		for (int k = 0; k < w; k++)
			buf_puts(b, "\xe2\x96\x88");	/* U+2588 full block */
		buf_printf(b, "%*s %3d  ", BAR_WIDTH - w, "", c->referrals);
		who(b, c->name, c->email, false);
		if (c->has_revenue) {
			buf_puts(b, "  revenue ");
			money(b, c->revenue);
		}
		buf_putc(b, '\n');
	}
	buf_printf(b, "\n%sCustomers%s\n  good %d, ok %d, bad %d\n", on, off,
	    d->ngood, d->nok, d->nbad);
	if (d->has_ideal) {
		buf_printf(b, "\n%sIdeal customers%s\n", on, off);
		if (d->ideal.n == 0)
			buf_puts(b, "  none yet\n");
		for (size_t i = 0; i < d->ideal.n; i++) {
			buf_printf(b, "  %zu. ", i + 1);
			who(b, d->ideal.v[i].name, d->ideal.v[i].email, false);
			buf_putc(b, '\n');
		}
	}
	return b->len >= b->cap ? -1 : 0;
}

static void
render_html(const struct digest_data *d, struct buf *b)
{
	int most = max_referrals(&d->top_referrers);

	buf_puts(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "<title>clientele digest</title></head>\n<body style=\"font-family:"
	    "sans-serif\">\n<h1>clientele digest</h1>\n<p>");
	window_line(b, d);
	buf_puts(b, "</p>\n");
	if (digest_is_quiet(d))
		buf_puts(b, "<p>Nothing new in this window.</p>\n");
	for (size_t s = 0; s < NSECTIONS; s++) {
		const struct digest_items *it = section_items(d, s);

		if (it->n == 0)
			continue;
		buf_printf(b, "<h2>%s ", sections[s].title);
		shown(b, it);
		buf_puts(b, "</h2>\n<ul>\n");
		for (size_t i = 0; i < it->n; i++) {
			buf_puts(b, "<li>");
			item_line(b, sections[s].key, &it->v[i], true);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	buf_puts(b, "<h2>Top referrers</h2>\n");
	if (d->top_referrers.n == 0)
		buf_puts(b, "<p>Nobody has referred anyone yet.</p>\n");
	else
		buf_puts(b, "<table cellspacing=\"2\">\n");
	for (size_t i = 0; i < d->top_referrers.n && i < TOP_REFERRERS; i++) {
		const struct customer *c = &d->top_referrers.v[i];
		int pct = most ? c->referrals * 100 / most : 0;

		buf_puts(b, "<tr><td>");
		who(b, c->name, c->email, true);
		buf_printf(b, "</td><td width=\"200\"><table width=\"%d%%\" "
		    "cellspacing=\"0\"><tr><td bgcolor=\"#3b7dd8\">&nbsp;</td>"
		    "</tr></table></td><td align=\"right\">%d</td>", pct > 0 ? pct : 1,
		    c->referrals);
		if (c->has_revenue) {
			buf_puts(b, "<td align=\"right\">");
			money(b, c->revenue);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	if (d->top_referrers.n)
		buf_puts(b, "</table>\n");
	buf_printf(b, "<h2>Customers</h2>\n<p>good %d, ok %d, bad %d</p>\n",
	    d->ngood, d->nok, d->nbad);
	if (d->has_ideal) {
		buf_puts(b, "<h2>Ideal customers</h2>\n<ol>\n");
		for (size_t i = 0; i < d->ideal.n; i++) {
			buf_puts(b, "<li>");
			who(b, d->ideal.v[i].name, d->ideal.v[i].email, true);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ol>\n");
	}
	buf_puts(b, "</body></html>\n");
}

/* header_safe - true if s may stand in a header: printable ASCII only */
static bool
header_safe(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return false;
	return true;
}

int
qp_encode(const char *text, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		char enc[4];
		size_t n;

		if (c == '\r')
			continue;
		if (c == '\n') {
			buf_puts(out, "\r\n");
			col = 0;
			continue;
		}
		bool at_eol = i + 1 == len || text[i + 1] == '\n' ||
		    text[i + 1] == '\r';
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && !at_eol)) {
			enc[0] = (char)c;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			n = 3;
		}
		/* Soft line break keeps every line within 76 characters. */
		if (col + n > 75) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		buf_append(out, enc, n);
		col += n;
	}
	if (col)
		buf_puts(out, "\r\n");
	return out->len >= out->cap ? -1 : 0;
}

static void
rfc5322_date(time_t t, char out[64])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 64, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

int
digest_render_mail(const struct digest_data *d,
    const struct digest_mail_opts *o, struct buf *out, struct err *e)
{
	struct buf part;
	char date[64];
	char *subject;
	const char *domain;

	if (!header_safe(o->from) || !email_valid(o->from))
		return err_set(e, "DigestFrom '%s' is not a usable address",
		    o->from ? o->from : "");
	if (!header_safe(o->to) || !email_valid(o->to))
		return err_set(e, "digest recipient '%s' is not a usable address",
		    o->to ? o->to : "");
	if (!header_safe(o->unique) || strpbrk(o->unique, " <>@\"") != NULL)
		return err_set(e, "digest: unusable unique string");
	domain = email_domain(o->from);
	rfc5322_date(o->now, date);
	subject = digest_subject(d);	/* numbers and fixed words only */

	buf_printf(out, "From: %s\r\nTo: %s\r\nDate: %s\r\n", o->from, o->to, date);
	buf_printf(out, "Message-ID: <digest.%lld.%s@%s>\r\n",
	    (long long)o->now, o->unique, domain);
	buf_printf(out, "Subject: %s\r\n", subject);
	buf_puts(out, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
	    "X-Auto-Response-Suppress: All\r\n");
	buf_printf(out, "Content-Type: multipart/alternative; "
	    "boundary=\"=_clientele_%s\"\r\n\r\n", o->unique);
	buf_puts(out, "This is a MIME message: a text part and an HTML part.\r\n");
	free(subject);

	buf_init(&part, 0);
	digest_render_text(d, false, &part);
	buf_printf(out, "\r\n--=_clientele_%s\r\n", o->unique);
	buf_puts(out, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	qp_encode(part.data, part.len, out);

	buf_reset(&part);
	render_html(d, &part);
	buf_printf(out, "\r\n--=_clientele_%s\r\n", o->unique);
	buf_puts(out, "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	qp_encode(part.data, part.len, out);
	buf_printf(out, "\r\n--=_clientele_%s--\r\n", o->unique);
	buf_free(&part);
	if (out->len >= out->cap)
		return err_set(e, "digest: message too large");
	return 0;
}

static void
json_items(struct buf *b, const char *key, const struct digest_items *it)
{
	buf_printf(b, "\"%s\":[", key);
	for (size_t i = 0; i < it->n; i++) {
		char at[32];

		time_rfc3339(it->v[i].at, at);
		buf_puts(b, i ? ",{\"email\":" : "{\"email\":");
		esc_json(b, it->v[i].email);
		buf_puts(b, ",\"name\":");
		esc_json(b, it->v[i].name);
		buf_puts(b, ",\"other\":");
		esc_json(b, it->v[i].other);
		buf_puts(b, ",\"detail\":");
		esc_json(b, it->v[i].detail);
		buf_printf(b, ",\"at\":\"%s\"}", at);
	}
	buf_putc(b, ']');
}

static void
json_people(struct buf *b, const char *key, const struct customer_list *l)
{
	buf_printf(b, "\"%s\":[", key);
	for (size_t i = 0; i < l->n; i++) {
		buf_puts(b, i ? ",{\"email\":" : "{\"email\":");
		esc_json(b, l->v[i].email);
		buf_puts(b, ",\"name\":");
		esc_json(b, l->v[i].name);
		buf_printf(b, ",\"referrals\":%d", l->v[i].referrals);
		if (l->v[i].has_revenue) {
			buf_puts(b, ",\"revenue\":\"");
			money(b, l->v[i].revenue);
			buf_putc(b, '"');
		}
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

int
digest_render_json(const struct digest_data *d, struct buf *b)
{
	char s[32], u[32];

	time_rfc3339(d->since, s);
	time_rfc3339(d->until, u);
	buf_printf(b, "{\"since\":\"%s\",\"until\":\"%s\",", s, u);
	for (size_t i = 0; i < NSECTIONS; i++) {
		json_items(b, sections[i].key, section_items(d, i));
		buf_putc(b, ',');
	}
	/* how many of each happened, when a list above was cut short */
	buf_puts(b, "\"totals\":{");
	for (size_t i = 0; i < NSECTIONS; i++)
		buf_printf(b, "%s\"%s\":%zu", i ? "," : "", sections[i].key,
		    total_of(section_items(d, i)));
	buf_puts(b, "},");
	json_people(b, "top_referrers", &d->top_referrers);
	buf_printf(b, ",\"counts\":{\"good\":%d,\"ok\":%d,\"bad\":%d}",
	    d->ngood, d->nok, d->nbad);
	if (d->has_ideal) {
		buf_putc(b, ',');
		json_people(b, "ideal", &d->ideal);
	}
	buf_puts(b, "}\n");
	return b->len >= b->cap ? -1 : 0;
}

static void
items_clear(struct digest_items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].email);
		free(it->v[i].name);
		free(it->v[i].other);
		free(it->v[i].detail);
	}
	free(it->v);
	it->v = NULL;
	it->n = 0;
}

void
digest_data_clear(struct digest_data *d)
{
	items_clear(&d->enquiries);
	items_clear(&d->referrals);
	items_clear(&d->problems);
	items_clear(&d->changes);
	customer_list_free(&d->top_referrers);
	customer_list_free(&d->ideal);
}
