/*
 * digest_html - the digest's HTML part: what the owner sees in a mail
 * client, on a phone (from 360 px) or a desktop (to 1000 px).
 *
 * Mail clients block scripts and remote images and many drop <style>, so
 * the part has neither scripts nor images: charts are tables and spans
 * with inline widths and colours, and every colour also says itself in
 * words (a category badge reads "good", a change reads "up 2").  A small
 * <style> block adds the narrow-screen layout where it is honoured; the
 * inline styles alone still read well.  Names come first with the address
 * in small print (and as a tooltip); waiting enquiries get a mailto:
 * reply link.  Everything from mail goes through esc_html once, here.
 */
#include <stdio.h>
#include <string.h>

#include "util/escape.h"
#include "digest_int.h"

#define C_GOOD "#1a7f37"
#define C_OK "#9a6700"
#define C_BAD "#cf222e"
#define C_DIM "#59636e"
#define C_BAR "#3b6fd4"

static const char STYLE[] =
    "body{margin:0;background:#f6f8fa;color:#1f2328;font:15px/1.45 "
    "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}"
    ".wrap{max-width:680px;margin:0 auto;background:#fff;padding:16px;"
    "overflow-wrap:anywhere;word-break:break-word}"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:22px 0 6px;"
    "border-bottom:1px solid #d1d9e0;padding-bottom:3px}"
    "ul{padding-left:18px;margin:4px 0}li{margin:4px 0}"
    "table{border-collapse:collapse;width:100%}"
    "td{padding:3px 4px;vertical-align:top}"
    "small{color:" C_DIM "}"
    "@media (max-width:480px){.wrap{padding:10px}}";

static void
badge(struct buf *b, const char *cat)
{
	const char *bg = strcmp(cat, "good") == 0 ? C_GOOD :
	    strcmp(cat, "bad") == 0 ? C_BAD : C_OK;
	const char *mark = strcmp(cat, "good") == 0 ? "&#10004; " :
	    strcmp(cat, "bad") == 0 ? "&#10006; " : "";

	buf_printf(b, "<span style=\"background:%s;color:#fff;padding:0 6px;"
	    "border-radius:8px;font-size:13px;font-weight:bold;"
	    "white-space:nowrap\">%s", bg, mark);
	esc_html(b, cat);
	buf_puts(b, "</span>");
}

static bool
is_category(const char *s, size_t n)
{
	return (n == 4 && strncmp(s, "good", 4) == 0) ||
	    (n == 2 && strncmp(s, "ok", 2) == 0) ||
	    (n == 3 && strncmp(s, "bad", 3) == 0);
}

/* person - the name first, the address small beside it (and on hover) */
static void
person(struct buf *b, const char *name, const char *email)
{
	if (name && *name) {
		buf_puts(b, "<b title=\"");
		esc_html(b, email);
		/* <bdi>: a bidi override in the name stays inside it */
		buf_puts(b, "\"><bdi>");
		esc_html(b, name);
		buf_puts(b, "</bdi></b> <small>");
		esc_html(b, email);
		buf_puts(b, "</small>");
	} else {
		buf_puts(b, "<b>");
		esc_html(b, email);
		buf_puts(b, "</b>");
	}
}

/* mailto - a reply link to email, with "Re: subject" */
static void
mailto(struct buf *b, const char *email, const char *subject)
{
	buf_puts(b, "mailto:");
	esc_url(b, email, true);
	if (subject && *subject) {
		buf_puts(b, "?subject=Re%3A%20");
		esc_url(b, subject, false);
	}
}

/* change_detail - "ok -> good: reason" as two badges and the reason */
static void
change_detail(struct buf *b, const char *detail)
{
	const char *arrow = strstr(detail, " -> ");
	const char *to, *rest;

	if (arrow == NULL || !is_category(detail, (size_t)(arrow - detail)))
		goto plain;
	to = arrow + 4;
	rest = to + strcspn(to, ":");
	if (!is_category(to, (size_t)(rest - to)))
		goto plain;
	{
		char from[8], dest[8];

		snprintf(from, sizeof(from), "%.*s", (int)(arrow - detail), detail);
		snprintf(dest, sizeof(dest), "%.*s", (int)(rest - to), to);
		buf_puts(b, "<br>");
		badge(b, from);
		buf_puts(b, " &rarr; ");
		badge(b, dest);
		if (*rest == ':') {
			buf_puts(b, " ");
			esc_html(b, rest + 1 + (rest[1] == ' '));
		}
	}
	return;
plain:
	buf_puts(b, "<br>");
	esc_html(b, detail);
}

static void
item(struct buf *b, const char *section, const struct digest_item *it)
{
	bool referral = strcmp(section, "referrals") == 0;

	buf_puts(b, "<li>");
	if (referral) {
		person(b, it->other_name, it->other ? it->other : "someone");
		buf_puts(b, " referred ");
	}
	person(b, it->name, it->email);
	if (strcmp(section, "changes") == 0 && it->detail) {
		change_detail(b, it->detail);
	} else if (it->detail && *it->detail) {
		buf_puts(b, "<br><span style=\"color:" C_DIM "\">");
		if (strcmp(section, "enquiries") == 0)
			buf_puts(b, "&ldquo;");
		esc_html(b, it->detail);
		if (strcmp(section, "enquiries") == 0)
			buf_puts(b, "&rdquo;");
		buf_puts(b, "</span>");
	}
	if (it->waiting) {
		buf_puts(b, "<br><a style=\"color:" C_BAR ";font-weight:bold\" "
		    "href=\"");
		mailto(b, it->email, it->detail);
		buf_puts(b, "\">Reply</a> <small>waiting for your answer</small>");
	}
	buf_puts(b, "</li>\n");
}

static void
figures(struct buf *b, const struct digest_data *d)
{
	buf_printf(b, "<h2>At a glance</h2>\n%s<table style=\"max-width:"
	    "420px\">\n", d->has_before ?
	    "<p style=\"margin:0;color:" C_DIM "\"><small>Change against the "
	    "period before.</small></p>\n" : "");
	for (int f = 0; f < DF_COUNT; f++) {
		long long now = d->now.v[f], before = d->before.v[f];
		const char *colour = C_DIM, *arrow = "";

		if (!digest_figure_shown(d, (enum digest_figure)f))
			continue;
		/* more is better, except for problem flags and waiting */
		if (d->has_before && now != before) {
			bool good = (now > before) !=
			    (f == DF_PROBLEMS || f == DF_WAITING);

			colour = good ? C_GOOD : C_BAD;
			arrow = now > before ? "&#9650; " : "&#9660; ";
		}
		/* the change goes under the label, so that two columns fit 360 px */
		buf_printf(b, "<tr style=\"border-bottom:1px solid #eaeef2\"><td>%s",
		    digest_figure_title((enum digest_figure)f));
		if (d->has_before) {
			buf_printf(b, "<br><span style=\"color:%s;font-size:13px\">"
			    "%s", colour, arrow);
			digest_change(b, (enum digest_figure)f, now, before);
			buf_puts(b, "</span>");
		}
		buf_puts(b, "</td><td style=\"text-align:right;font-weight:bold;"
		    "font-size:18px;white-space:nowrap\">");
		if (f == DF_REVENUE)
			digest_money(b, now);
		else
			buf_printf(b, "%lld", now);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</table>\n");
}

static void
referrers(struct buf *b, const struct digest_data *d)
{
	int most = digest_max_referrals(&d->top_referrers);

	buf_puts(b, "<h2>Top referrers</h2>\n");
	if (d->top_referrers.n == 0) {
		buf_puts(b, "<p>Nobody has referred anyone yet.</p>\n");
		return;
	}
	buf_puts(b, "<table>\n");
	for (size_t i = 0; i < d->top_referrers.n && i < TOP_REFERRERS; i++) {
		const struct customer *c = &d->top_referrers.v[i];
		int pct = most ? c->referrals * 100 / most : 0;

		buf_puts(b, "<tr><td style=\"width:45%\">");
		person(b, c->name, c->email);
		buf_printf(b, "</td><td><div style=\"background:" C_BAR ";height:"
		    "12px;width:%d%%\"></div></td><td style=\"text-align:right;"
		    "white-space:nowrap\">%d", pct > 0 ? pct : 1, c->referrals);
		if (c->has_revenue) {
			buf_puts(b, "<br><small>");
			digest_money(b, c->revenue);
			buf_puts(b, "</small>");
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</table>\n");
}

/* customers - good/ok/bad as one stacked bar, and the same in words */
static void
customers(struct buf *b, const struct digest_data *d)
{
	int all = d->ngood + d->nok + d->nbad;
	const struct {
		int n;
		const char *colour;
	} seg[] = { { d->ngood, C_GOOD }, { d->nok, C_OK }, { d->nbad, C_BAD } };

	buf_puts(b, "<h2>Customers</h2>\n");
	if (all > 0) {
		buf_puts(b, "<table style=\"table-layout:fixed\"><tr>");
		for (size_t i = 0; i < 3; i++)
			if (seg[i].n > 0)
				buf_printf(b, "<td style=\"background:%s;height:14px;"
				    "padding:0;width:%d%%\"></td>", seg[i].colour,
				    seg[i].n * 100 / all > 0 ? seg[i].n * 100 / all :
				    1);
		buf_puts(b, "</tr></table>\n");
	}
	buf_puts(b, "<p>");
	badge(b, "good");
	buf_puts(b, " ");
	badge(b, "ok");
	buf_puts(b, " ");
	badge(b, "bad");
	buf_printf(b, "<br>good %d, ok %d, bad %d</p>\n", d->ngood, d->nok,
	    d->nbad);
}

static void
ideal(struct buf *b, const struct digest_data *d)
{
	buf_puts(b, "<h2>Ideal customers</h2>\n");
	if (d->ideal.n == 0) {
		buf_puts(b, "<p>None yet.</p>\n");
		return;
	}
	buf_puts(b, "<ol style=\"padding-left:22px\">\n");
	for (size_t i = 0; i < d->ideal.n; i++) {
		const struct customer *c = &d->ideal.v[i];

		buf_puts(b, "<li>");
		person(b, c->name, c->email);
		buf_puts(b, "<br><small>");
		if (d->ideal_score)
			buf_printf(b, "score %d", d->ideal_score[i]);
		if (c->has_revenue) {
			buf_puts(b, d->ideal_score ? ", revenue " : "revenue ");
			digest_money(b, c->revenue);
		}
		if (c->referrals)
			buf_printf(b, ", referred %d", c->referrals);
		buf_puts(b, "</small></li>\n");
	}
	buf_puts(b, "</ol>\n");
}

void
digest_render_html(const struct digest_data *d, struct buf *b)
{
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width="
	    "device-width, initial-scale=1\">\n<title>clientele digest</title>\n"
	    "<style>%s</style></head>\n<body style=\"margin:0;background:"
	    "#f6f8fa\">\n<div class=\"wrap\" style=\"max-width:680px;margin:0 "
	    "auto;background:#fff;padding:16px;font-family:sans-serif\">\n"
	    "<h1>Your customer digest</h1>\n<p style=\"margin:0;color:" C_DIM
	    "\">", STYLE);
	digest_window(b, d, " &ndash; ", esc_html);
	buf_puts(b, "</p>\n");
	figures(b, d);
	if (digest_is_quiet(d))
		buf_puts(b, "<p>Nothing new in this window.</p>\n");
	for (size_t i = 0; i < digest_nsections; i++) {
		const struct digest_items *it = digest_section_items(d, i);
		size_t total = digest_shown_total(it);

		if (it->n == 0)
			continue;
		buf_printf(b, "<h2>%s ", digest_sections[i].title);
		digest_shown(b, it);
		buf_puts(b, "</h2>\n<ul>\n");
		for (size_t k = 0; k < it->n; k++)
			item(b, digest_sections[i].key, &it->v[k]);
		buf_puts(b, "</ul>\n");
		if (total > it->n)
			buf_printf(b, "<p><small>and %zu more</small></p>\n",
			    total - it->n);
	}
	referrers(b, d);
	customers(b, d);
	if (d->has_ideal)
		ideal(b, d);
	buf_puts(b, "</div></body></html>\n");
}
