/*
 * digest - render the owner's report: mail, terminal text and JSON.
 *
 * Owns nothing but what digest_data_clear frees.  Pure: the data arrives
 * gathered (store_digest_data), the clock arrives in the options, and the
 * output goes to a struct buf.  Customer text is placed only in bodies,
 * escaped for the part it is in; headers are built from the configured
 * addresses, numbers and the `unique` string, each checked to hold no line
 * break or control character.
 * Calls nothing of digest_html.c or digest_mail.c: those call it (the
 * mail, built in digest_mail.c, has a text part from here and an HTML
 * part from digest_html.c).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/digest.h"
#include "util/escape.h"
#include "util/json_write.h"
#include "digest_int.h"

#define BAR_WIDTH 24

const struct digest_section digest_sections[] = {
	{ "enquiries", "New enquiries", offsetof(struct digest_data, enquiries) },
	{ "referrals", "New referrals", offsetof(struct digest_data, referrals) },
	{ "problems", "New problem flags", offsetof(struct digest_data, problems) },
	{ "changes", "Category changes", offsetof(struct digest_data, changes) },
};
const size_t digest_nsections =
    sizeof(digest_sections) / sizeof(digest_sections[0]);

static const struct {
	const char *key, *title;
} figure_names[DF_COUNT] = {
	[DF_ENQUIRIES] = { "new_enquiries", "New enquiries" },
	[DF_WAITING] = { "waiting_enquiries", "Still waiting for a reply" },
	[DF_CUSTOMERS] = { "new_customers", "New customers" },
	[DF_REFERRALS] = { "referrals", "Referrals" },
	[DF_PROBLEMS] = { "problem_flags", "Problem flags" },
	[DF_REVENUE] = { "revenue", "Revenue" },
};

const char *
digest_figure_key(enum digest_figure f)
{
	return f < DF_COUNT ? figure_names[f].key : "";
}

const char *
digest_figure_title(enum digest_figure f)
{
	return f < DF_COUNT ? figure_names[f].title : "";
}

bool
digest_figure_shown(const struct digest_data *d, enum digest_figure f)
{
	return f != DF_REVENUE || d->has_revenue;
}

const struct digest_items *
digest_section_items(const struct digest_data *d, size_t i)
{
	return (const struct digest_items *)((const char *)d +
	    digest_sections[i].off);
}

size_t
digest_shown_total(const struct digest_items *it)
{
	return it->total > it->n ? it->total : it->n;
}

bool
digest_is_quiet(const struct digest_data *d)
{
	return d->enquiries.n == 0 && d->referrals.n == 0 &&
	    d->problems.n == 0 && d->changes.n == 0;
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

void
digest_shown(struct buf *b, const struct digest_items *it)
{
	buf_putc(b, '(');
	grouped(b, it->n);
	if (digest_shown_total(it) > it->n) {
		buf_puts(b, " of ");
		grouped(b, digest_shown_total(it));
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
		plural(&b, digest_shown_total(&d->enquiries), "enquiry",
		    "enquiries");
		buf_puts(&b, ", ");
		plural(&b, digest_shown_total(&d->referrals), "referral",
		    "referrals");
		buf_puts(&b, ", ");
		plural(&b, digest_shown_total(&d->problems), "problem",
		    "problems");
		if (d->changes.n) {
			buf_puts(&b, ", ");
			plural(&b, digest_shown_total(&d->changes),
			    "category change", "category changes");
		}
	}
	return buf_steal(&b);
}

void
digest_money(struct buf *b, long long minor)
{
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor :
	    (unsigned long long)minor;

	buf_printf(b, "%s%llu.%02llu", minor < 0 ? "-" : "", a / 100, a % 100);
}

void
digest_change(struct buf *b, enum digest_figure f, long long now,
    long long before)
{
	/* in 128 bits: totals near the 64-bit limit, refunds below zero */
	__int128 d = (__int128)now - before;
	long long diff = d > LLONG_MAX ? LLONG_MAX : d < -LLONG_MAX ?
	    -LLONG_MAX : (long long)d;

	if (diff == 0) {
		buf_puts(b, "no change");
		return;
	}
	buf_puts(b, diff > 0 ? "up " : "down ");
	if (f == DF_REVENUE) {
		digest_money(b, diff > 0 ? diff : -diff);
		buf_puts(b, " from ");
		digest_money(b, before);
	} else {
		buf_printf(b, "%lld from %lld", diff > 0 ? diff : -diff, before);
	}
}

/* digest_local - "Sun 29 Nov 2026 16:26" in the local time zone */
static void
digest_local(time_t t, char out[64])
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(out, 64, "%a %d %b %Y %H:%M", &tm) == 0)
		snprintf(out, 64, "?");
}

/* digest_zone - the zone's short name at t ("CET"), for beside the times */
static void
digest_zone(time_t t, char out[16])
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(out, 16, "%Z", &tm) == 0)
		out[0] = '\0';
}

int
digest_max_referrals(const struct customer_list *l)
{
	int m = 0;

	for (size_t i = 0; i < l->n && i < TOP_REFERRERS; i++)
		if (l->v[i].referrals > m)
			m = l->v[i].referrals;
	return m;
}

/* Who an item is about, for the terminal: "Name <email>" or the email. */
static void
who(struct buf *b, const char *name, const char *email)
{
	if (name && *name) {
		esc_term(b, name);
		buf_puts(b, " <");
		esc_term(b, email);
		buf_puts(b, ">");
	} else {
		esc_term(b, email);
	}
}

static void
item_line(struct buf *b, const char *section, const struct digest_item *it)
{
	if (strcmp(section, "referrals") == 0) {
		who(b, it->other_name, it->other ? it->other : "someone");
		buf_puts(b, " referred ");
	}
	who(b, it->name, it->email);
	if (it->detail && *it->detail) {
		buf_puts(b, " - ");
		esc_term(b, it->detail);
	}
	if (it->waiting) {
		buf_puts(b, " [waiting: reply to ");
		esc_term(b, it->email);
		buf_putc(b, ']');
	}
}

void
digest_window(struct buf *b, const struct digest_data *d, const char *to,
    int (*esc)(struct buf *, const char *))
{
	char s[64], u[64], z[16];

	digest_local(d->since, s);
	digest_local(d->until, u);
	digest_zone(d->until, z);
	buf_printf(b, "%s%s%s", s, to, u);
	if (d->zone && *d->zone) {
		buf_puts(b, " (");
		esc(b, d->zone);
		buf_printf(b, "%s%s)", *z ? ", " : "", z);
	} else if (*z) {
		buf_printf(b, " (%s)", z);
	}
}

/* The plain-text report; colour adds ANSI bold to headings. */
int
digest_render_text(const struct digest_data *d, bool colour, struct buf *b)
{
	const char *on = colour ? "\033[1m" : "", *off = colour ? "\033[0m" : "";
	int most = digest_max_referrals(&d->top_referrers);

	buf_printf(b, "%sclientele digest%s\n", on, off);
	buf_puts(b, "From ");
	digest_window(b, d, " to ", esc_term);
	buf_puts(b, "\n\n");
	buf_printf(b, "%sAt a glance%s%s\n", on, off, d->has_before ?
	    " (against the period before)" : "");
	for (int f = 0; f < DF_COUNT; f++) {
		if (!digest_figure_shown(d, (enum digest_figure)f))
			continue;
		struct buf num;

		buf_init(&num, 64);
		if (f == DF_REVENUE)
			digest_money(&num, d->now.v[f]);
		else
			buf_printf(&num, "%lld", d->now.v[f]);
		buf_printf(b, "  %-26s %10s", digest_figure_title(
		    (enum digest_figure)f), buf_cstr(&num));
		buf_free(&num);
		if (d->has_before) {
			buf_puts(b, "  (");
			digest_change(b, (enum digest_figure)f, d->now.v[f],
			    d->before.v[f]);
			buf_putc(b, ')');
		}
		buf_putc(b, '\n');
	}
	buf_putc(b, '\n');
	if (digest_is_quiet(d))
		buf_puts(b, "Nothing new in this window.\n\n");
	for (size_t s = 0; s < digest_nsections; s++) {
		const struct digest_items *it = digest_section_items(d, s);
		size_t total = digest_shown_total(it);

		if (it->n == 0)
			continue;
		buf_printf(b, "%s%s ", on, digest_sections[s].title);
		digest_shown(b, it);
		buf_printf(b, "%s\n", off);
		for (size_t i = 0; i < it->n; i++) {
			buf_puts(b, "  * ");
			item_line(b, digest_sections[s].key, &it->v[i]);
			buf_putc(b, '\n');
		}
		if (total > it->n)
			buf_printf(b, "  ... and %zu more\n", total - it->n);
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
		who(b, c->name, c->email);
		if (c->has_revenue) {
			buf_puts(b, "  revenue ");
			digest_money(b, c->revenue);
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
			const struct customer *c = &d->ideal.v[i];

			buf_printf(b, "  %zu. ", i + 1);
			who(b, c->name, c->email);
			if (d->ideal_score)
				buf_printf(b, "  score %d", d->ideal_score[i]);
			if (c->has_revenue) {
				buf_puts(b, "  revenue ");
				digest_money(b, c->revenue);
			}
			if (c->referrals)
				buf_printf(b, "  referred %d", c->referrals);
			buf_putc(b, '\n');
		}
	}
	return b->len >= b->cap ? -1 : 0;
}

static void
json_items(struct buf *b, const char *key, const struct digest_items *it)
{
	buf_printf(b, "\"%s\":[", key);
	for (size_t i = 0; i < it->n; i++) {
		char at[32];

		time_rfc3339(it->v[i].at, at);
		buf_puts(b, i ? ",{" : "{");
		JSON_STRS(b, true, { "email", it->v[i].email },
		    { "name", it->v[i].name }, { "other", it->v[i].other },
		    { "other_name", it->v[i].other_name },
		    { "detail", it->v[i].detail });
		buf_printf(b, ",\"waiting\":%s", it->v[i].waiting ? "true" :
		    "false");
		buf_printf(b, ",\"at\":\"%s\"}", at);
	}
	buf_putc(b, ']');
}

static void
json_people(struct buf *b, const char *key, const struct customer_list *l,
    const int *scores)
{
	buf_printf(b, "\"%s\":[", key);
	for (size_t i = 0; i < l->n; i++) {
		buf_puts(b, i ? ",{" : "{");
		JSON_STRS(b, true, { "email", l->v[i].email },
		    { "name", l->v[i].name });
		buf_printf(b, ",\"referrals\":%d", l->v[i].referrals);
		if (scores)
			buf_printf(b, ",\"score\":%d", scores[i]);
		if (l->v[i].has_revenue) {
			buf_puts(b, ",\"revenue\":\"");
			digest_money(b, l->v[i].revenue);
			buf_putc(b, '"');
		}
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/*
 * json_figures - "figures": {"new_enquiries": {"value", "previous",
 * "change", "direction"}, ...}; revenue as strings with two decimals.
 */
static void
json_figures(struct buf *b, const struct digest_data *d)
{
	buf_puts(b, "\"figures\":{");
	for (int f = 0, k = 0; f < DF_COUNT; f++) {
		long long now = d->now.v[f], before = d->before.v[f];

		if (!digest_figure_shown(d, (enum digest_figure)f))
			continue;
		buf_printf(b, "%s\"%s\":{\"value\":", k++ ? "," : "",
		    digest_figure_key((enum digest_figure)f));
		if (f == DF_REVENUE) {
			buf_putc(b, '"');
			digest_money(b, now);
			buf_putc(b, '"');
		} else {
			buf_printf(b, "%lld", now);
		}
		if (!d->has_before) {
			buf_puts(b, ",\"previous\":null,\"change\":null,"
			    "\"direction\":null}");
			continue;
		}
		buf_puts(b, ",\"previous\":");
		if (f == DF_REVENUE) {
			buf_putc(b, '"');
			digest_money(b, before);
			buf_puts(b, "\",\"change\":\"");
			digest_money(b, now - before);
			buf_putc(b, '"');
		} else {
			buf_printf(b, "%lld,\"change\":%lld", before, now - before);
		}
		buf_printf(b, ",\"direction\":\"%s\"}", now > before ? "up" :
		    now < before ? "down" : "same");
	}
	buf_puts(b, "},");
}

int
digest_render_json(const struct digest_data *d, struct buf *b)
{
	char s[32], u[32];

	time_rfc3339(d->since, s);
	time_rfc3339(d->until, u);
	buf_printf(b, "{\"since\":\"%s\",\"until\":\"%s\",", s, u);
	if (d->has_before) {
		time_rfc3339(d->before_since, s);
		time_rfc3339(d->before_until, u);
		buf_printf(b, "\"previous_since\":\"%s\",\"previous_until\":"
		    "\"%s\",", s, u);
	}
	for (size_t i = 0; i < digest_nsections; i++) {
		json_items(b, digest_sections[i].key, digest_section_items(d, i));
		buf_putc(b, ',');
	}
	buf_puts(b, "\"totals\":{");
	for (size_t i = 0; i < digest_nsections; i++)
		buf_printf(b, "%s\"%s\":%zu", i ? "," : "",
		    digest_sections[i].key,
		    digest_shown_total(digest_section_items(d, i)));
	buf_puts(b, "},");
	json_figures(b, d);
	json_people(b, "top_referrers", &d->top_referrers, NULL);
	buf_printf(b, ",\"counts\":{\"good\":%d,\"ok\":%d,\"bad\":%d}",
	    d->ngood, d->nok, d->nbad);
	if (d->has_ideal) {
		buf_putc(b, ',');
		json_people(b, "ideal", &d->ideal, d->ideal_score);
	}
	buf_puts(b, "}\n");
	return b->len >= b->cap ? -1 : 0;
}

