/*
 * report_html - the browsable report's pages: overview, customer table and
 * one page per customer (the referral network is report_html_net.c).
 *
 * Pure: every function takes gathered data and appends a page to a
 * struct buf.  Everything that came from mail (names, addresses, phrases,
 * tags, notes) goes through esc_html once, here, as it is printed; the
 * page names are hashes of addresses, so no customer text ever reaches a
 * file name or a URL path.  Dates are printed in the local time zone (the
 * command sets TZ from the TimeZone key).  No page fetches anything from
 * outside; the only script is table.js, and every page works without it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "classify/revenue.h"
#include "report_html_int.h"
#include "util/sha256.h"

#define TOP_N 10		/* referrers and payers on the overview */
#define CHART_MONTHS 24		/* months the overview's charts show */

const char report_html_css[] =
    ":root{--good:#1a7f37;--ok:#9a6700;--bad:#cf222e;--ink:#1f2328;"
    "--dim:#59636e;--line:#d1d9e0;--bar:#3b6fd4}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;font:16px/1.45 system-ui,-apple-system,'Segoe UI',"
    "Roboto,sans-serif;color:var(--ink);background:#f6f8fa}\n"
    "header{background:#24292f;color:#fff;padding:.6em 1em}\n"
    "header a{color:#fff;margin-right:1em;text-decoration:none}\n"
    "header a[aria-current]{text-decoration:underline}\n"
    "main{max-width:1000px;margin:0 auto;padding:1em;background:#fff;"
    "overflow-wrap:anywhere}\n"
    "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin-top:1.6em}\n"
    "small,.dim{color:var(--dim)}\n"
    ".cat{display:inline-block;padding:0 .45em;border-radius:.6em;"
    "color:#fff;font-size:.85em;font-weight:600}\n"
    ".cat.good{background:var(--good)}.cat.ok{background:var(--ok)}"
    ".cat.bad{background:var(--bad)}\n"
    ".cat.good::before{content:'\\2714  '}.cat.bad::before{content:'\\2716  '}"
    ".cat.ok::before{content:'\\25CF  '}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:.6em;padding:0;list-style:none}\n"
    ".cards li{flex:1 1 8em;border:1px solid var(--line);border-radius:6px;"
    "padding:.5em .8em}\n.cards b{display:block;font-size:1.6em}\n"
    ".cards b.d{font-size:1.1em}\n"
    "svg{display:block;width:100%;height:auto}\n"
    "svg .good{fill:var(--good);stroke:var(--good)}"
    "svg .ok{fill:var(--ok);stroke:var(--ok)}"
    "svg .bad{fill:var(--bad);stroke:var(--bad)}"
    "svg .bar{fill:var(--bar)}svg text{font-size:11px;fill:var(--ink);"
    "stroke:none}svg path{fill:none;stroke:var(--dim)}"
    "svg .t{fill:var(--dim);font-size:10px}\n"
    ".legend span{margin-right:1em;white-space:nowrap}\n"
    ".sw{display:inline-block;width:.8em;height:.8em;margin-right:.3em}\n"
    ".sw.good{background:var(--good)}.sw.ok{background:var(--ok)}"
    ".sw.bad{background:var(--bad)}\n"
    "ol.bars{padding:0;list-style:none}\n"
    "ol.bars li{display:grid;grid-template-columns:minmax(0,12em) 1fr 5em;"
    "gap:.5em;align-items:center;margin:.2em 0}\n"
    ".bars i{display:block;height:.9em;background:var(--bar);min-width:2px}\n"
    ".bars .n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid "
    "var(--line);vertical-align:top}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "th button{font:inherit;font-weight:600;background:none;border:0;"
    "padding:0;cursor:pointer;color:inherit}\n"
    "[hidden]{display:none!important}\n"
    "input[type=search]{width:100%;font:inherit;padding:.4em;margin:.5em 0}\n"
    "@media (max-width:640px){\n"
    " table.list thead{display:none}\n"
    " table.list tr{display:block;border-bottom:2px solid var(--line);"
    "padding:.3em 0}\n"
    " table.list td{display:flex;gap:.5em;border:0;padding:.1em 0;"
    "text-align:left}\n"
    " table.list td::before{content:attr(data-label);flex:0 0 7em;"
    "color:var(--dim)}\n"
    " ol.bars li{grid-template-columns:minmax(0,9em) 1fr 4em}\n"
    "}\n";

/*
 * The customer table's search and sort.  Rows carry their sort keys in
 * data-v where the text would sort wrongly (numbers, dates).
 */
const char report_html_js[] =
    "(function () {\n"
    "\t'use strict';\n"
    "\tvar table = document.getElementById('customers');\n"
    "\tvar input = document.getElementById('search');\n"
    "\tvar shown = document.getElementById('shown');\n"
    "\tif (!table || !input)\n\t\treturn;\n"
    "\tvar body = table.tBodies[0];\n"
    "\tvar rows = Array.prototype.slice.call(body.rows);\n"
    "\tvar text = rows.map(function (r) {\n"
    "\t\treturn r.textContent.toLowerCase();\n\t});\n"
    "\tinput.hidden = false;\n"
    "\tfunction filter() {\n"
    "\t\tvar q = input.value.trim().toLowerCase(), n = 0;\n"
    "\t\trows.forEach(function (r, i) {\n"
    "\t\t\tvar hit = q === '' || text[i].indexOf(q) >= 0;\n"
    "\t\t\tr.hidden = !hit;\n\t\t\tif (hit)\n\t\t\t\tn++;\n\t\t});\n"
    "\t\tshown.textContent = String(n);\n\t}\n"
    "\tinput.addEventListener('input', filter);\n"
    "\tfunction key(r, col, num) {\n"
    "\t\tvar c = r.cells[col], v = c.getAttribute('data-v');\n"
    "\t\tif (v === null)\n\t\t\tv = c.textContent.toLowerCase();\n"
    "\t\treturn num ? Number(v) : v;\n\t}\n"
    "\tArray.prototype.forEach.call(table.tHead.rows[0].cells,\n"
    "\t    function (th, col) {\n"
    "\t\tvar b = th.querySelector('button');\n"
    "\t\tif (!b)\n\t\t\treturn;\n"
    "\t\tb.addEventListener('click', function () {\n"
    "\t\t\tvar num = th.classList.contains('n');\n"
    "\t\t\tvar up = th.getAttribute('aria-sort') !== 'ascending';\n"
    "\t\t\tArray.prototype.forEach.call(th.parentNode.cells,\n"
    "\t\t\t    function (o) { o.removeAttribute('aria-sort'); });\n"
    "\t\t\tth.setAttribute('aria-sort', up ? 'ascending' : "
    "'descending');\n"
    "\t\t\trows.sort(function (a, z) {\n"
    "\t\t\t\tvar x = key(a, col, num), y = key(z, col, num);\n"
    "\t\t\t\treturn (x < y ? -1 : x > y ? 1 : 0) * (up ? 1 : -1);\n"
    "\t\t\t});\n"
    "\t\t\tvar f = document.createDocumentFragment();\n"
    "\t\t\trows.forEach(function (r) { f.appendChild(r); });\n"
    "\t\t\tbody.appendChild(f);\n"
    "\t\t\ttext = rows.map(function (r) {\n"
    "\t\t\t\treturn r.textContent.toLowerCase();\n\t\t\t});\n"
    "\t\t});\n\t});\n"
    "})();\n";

void
report_html_page_name(const char *email, char out[REPORT_PAGE_NAME])
{
	char hex[SHA256_HEX_LEN + 1];

	sha256_hex(email, strlen(email), hex);
	snprintf(out, REPORT_PAGE_NAME, "c/%.16s.html", hex);
}

static int
by_email(const void *key, const void *elem)
{
	return strcmp((const char *)key, ((const struct customer *)elem)->email);
}

const struct customer *
report_html_find(const struct report_data *d, const char *email)
{
	if (email == NULL || d->customers.n == 0)
		return NULL;
	return bsearch(email, d->customers.v, d->customers.n,
	    sizeof(*d->customers.v), by_email);
}

int
rh_cat_index(const char *category)
{
	if (category && strcmp(category, "good") == 0)
		return 0;
	if (category && strcmp(category, "bad") == 0)
		return 2;
	return 1;
}

void
rh_day(time_t t, char out[16])
{
	struct tm tm;

	if (t <= 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(out, 16, "%Y-%m-%d", &tm) == 0)
		snprintf(out, 16, "-");
}

void
rh_head(struct buf *b, const char *title, const char *root,
    const char *current)
{
	static const struct {
		const char *page, *label;
	} nav[] = {
		{ "index.html", "Overview" },
		{ "customers.html", "Customers" },
		{ "network.html", "Referrals" },
	};

	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	esc_html(b, title);
	buf_printf(b, " &middot; clientele</title>\n<link rel=\"stylesheet\" "
	    "href=\"%sstyle.css\">\n</head><body>\n<header><nav>", root);
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		buf_printf(b, "<a href=\"%s%s\"%s>%s</a>", root, nav[i].page,
		    current && strcmp(current, nav[i].page) == 0 ?
		    " aria-current=\"page\"" : "", nav[i].label);
	buf_puts(b, "</nav></header>\n<main>\n");
}

void
rh_foot(struct buf *b, const char *root, bool with_js)
{
	buf_puts(b, "</main>\n");
	if (with_js)
		buf_printf(b, "<script src=\"%stable.js\"></script>\n", root);
	buf_puts(b, "</body></html>\n");
}

void
rh_name(struct buf *b, const char *name, const char *email)
{
	esc_html(b, name && *name ? name : email);
}

void
rh_link(struct buf *b, const char *root, const char *name, const char *email)
{
	char page[REPORT_PAGE_NAME];

	report_html_page_name(email, page);
	buf_printf(b, "<a href=\"%s%s\" title=\"", root, page);
	esc_html(b, email);
	buf_puts(b, "\">");
	rh_name(b, name, email);
	buf_puts(b, "</a>");
}

void
rh_badge(struct buf *b, const char *category)
{
	static const char *const names[] = { "good", "ok", "bad" };
	const char *n = names[rh_cat_index(category)];

	buf_printf(b, "<span class=\"cat %s\">%s</span>", n, n);
}

/* html_around - nothing for NULL, else open, s escaped, close */
static void
html_around(struct buf *b, const char *open, const char *s, const char *close)
{
	if (s == NULL)
		return;
	buf_puts(b, open);
	esc_html(b, s);
	buf_puts(b, close);
}

/* html_join - the strings of sv escaped, sep between them */
static void
html_join(struct buf *b, const struct strvec *sv, const char *sep)
{
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			buf_puts(b, sep);
		esc_html(b, sv->v[i]);
	}
}

/* ---- overview ---- */

/* month_label - "Nov 26" from "2026-11" */
static void
month_label(struct buf *b, const char *ym)
{
	static const char *const names[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int m = (ym[5] - '0') * 10 + (ym[6] - '0');

	if (strlen(ym) == 7 && m >= 1 && m <= 12)
		buf_printf(b, "%s %.2s", names[m - 1], ym + 2);
	else
		buf_puts(b, ym);
}

/* chart_categories - cumulative customers by category, stacked, per month */
static void
chart_categories(const struct report_data *d, struct buf *b)
{
	static const char *const cls[] = { "good", "ok", "bad" };
	size_t first = d->nmonths > CHART_MONTHS ? d->nmonths - CHART_MONTHS : 0;
	size_t n = d->nmonths - first;
	long total[3] = { 0, 0, 0 }, most = 1;
	const int bw = 24, h = 160, top = 8, base = 176;

	if (n == 0) {
		buf_puts(b, "<p class=\"dim\">No customers yet.</p>\n");
		return;
	}
	for (size_t i = 0; i < d->nmonths; i++) {
		for (int k = 0; k < 3; k++)
			total[k] += d->months[i].added[k];
	}
	most = total[0] + total[1] + total[2];
	if (most < 1)
		most = 1;
	memset(total, 0, sizeof(total));
	for (size_t i = 0; i < first; i++)
		for (int k = 0; k < 3; k++)
			total[k] += d->months[i].added[k];
	buf_printf(b, "<svg viewBox=\"0 0 %zu 200\" role=\"img\" "
	    "aria-label=\"customers by category, month by month\" "
	    "style=\"max-width:%zupx\">\n", n * bw + 60, (n * bw + 60) * 3 / 2);
	for (size_t i = 0; i < n; i++) {
		const struct report_month *m = &d->months[first + i];
		double y = base;

		for (int k = 0; k < 3; k++)
			total[k] += m->added[k];
		buf_printf(b, "<g><title>%s: %ld good, %ld ok, %ld bad</title>",
		    m->ym, total[0], total[1], total[2]);
		for (int k = 0; k < 3; k++) {
			double hh = (double)total[k] * h / (double)most;

			y -= hh;
			if (hh > 0)
				buf_printf(b, "<rect class=\"%s\" x=\"%zu\" y=\"%.1f\" "
				    "width=\"%d\" height=\"%.1f\"/>", cls[k],
				    30 + i * bw, y, bw - 4, hh);
		}
		buf_puts(b, "</g>\n");
		if ((n - 1 - i) % 3 == 0) {
			buf_printf(b, "<text x=\"%zu\" y=\"194\">", 30 + i * bw);
			month_label(b, m->ym);
			buf_puts(b, "</text>\n");
		}
	}
	buf_printf(b, "<text x=\"0\" y=\"%d\">%ld</text><text x=\"0\" y=\"%d\">"
	    "0</text></svg>\n", top + 8, most, base);
	buf_printf(b, "<p class=\"legend\"><span><i class=\"sw good\"></i>good "
	    "%ld</span><span><i class=\"sw ok\"></i>ok %ld</span><span>"
	    "<i class=\"sw bad\"></i>bad %ld</span></p>\n", total[0], total[1],
	    total[2]);
}

/* chart_referrals - referrals recognised per month */
static void
chart_referrals(const struct report_data *d, struct buf *b)
{
	size_t first = d->nmonths > CHART_MONTHS ? d->nmonths - CHART_MONTHS : 0;
	size_t n = d->nmonths - first;
	int most = 1, all = 0;
	const int bw = 24, h = 100, base = 116;

	for (size_t i = first; i < d->nmonths; i++) {
		if (d->months[i].referrals > most)
			most = d->months[i].referrals;
		all += d->months[i].referrals;
	}
	if (all == 0) {
		buf_printf(b, "<p class=\"dim\">%s</p>\n", d->nedges ?
		    "No referrals in the last 24 months." : "No referrals yet.");
		return;
	}
	buf_printf(b, "<svg viewBox=\"0 0 %zu 140\" role=\"img\" "
	    "aria-label=\"referrals per month\" style=\"max-width:%zupx\">\n",
	    n * bw + 60, (n * bw + 60) * 3 / 2);
	for (size_t i = 0; i < n; i++) {
		const struct report_month *m = &d->months[first + i];
		double hh = (double)m->referrals * h / most;

		buf_printf(b, "<g><title>%s: %d referrals</title><rect class=\"bar\" "
		    "x=\"%zu\" y=\"%.1f\" width=\"%d\" height=\"%.1f\"/></g>\n",
		    m->ym, m->referrals, 30 + i * bw, base - hh, bw - 4, hh);
		if ((n - 1 - i) % 3 == 0) {
			buf_printf(b, "<text x=\"%zu\" y=\"134\">", 30 + i * bw);
			month_label(b, m->ym);
			buf_puts(b, "</text>\n");
		}
	}
	buf_printf(b, "<text x=\"0\" y=\"20\">%d</text><text x=\"0\" y=\"%d\">0"
	    "</text></svg>\n<p>%d referrals in these months.</p>\n", most, base,
	    all);
}

/* bar_figure - what a bar of the overview measures */
static long long
bar_figure(const struct customer *c, bool revenue)
{
	return revenue ? c->revenue : c->referrals;
}

/* by_figure - qsort_r order: the larger figure first, then by address */
static int
by_figure(const void *a, const void *b, void *revenue)
{
	const struct customer *x = *(const struct customer *const *)a;
	const struct customer *y = *(const struct customer *const *)b;
	long long fx = bar_figure(x, *(bool *)revenue);
	long long fy = bar_figure(y, *(bool *)revenue);

	if (fx != fy)
		return fx > fy ? -1 : 1;
	return strcmp(x->email, y->email);
}

/* top_bars - the best TOP_N by bar_figure as a list of CSS bars; false if none qualify */
static bool
top_bars(const struct report_data *d, struct buf *b, bool revenue)
{
	const struct customer **v;
	size_t n = 0;
	long long most;

	if ((v = calloc(d->customers.n + 1, sizeof(*v))) == NULL)
		return false;
	for (size_t i = 0; i < d->customers.n; i++) {
		const struct customer *c = &d->customers.v[i];

		if (revenue ? c->has_revenue && c->revenue > 0 : c->referrals > 0)
			v[n++] = c;
	}
	if (n == 0) {
		free(v);
		return false;
	}
	qsort_r(v, n, sizeof(*v), by_figure, &revenue);
	most = bar_figure(v[0], revenue);
	buf_puts(b, "<ol class=\"bars\">\n");
	for (size_t i = 0; i < n && i < TOP_N; i++) {
		long long x = bar_figure(v[i], revenue);
		char amount[32];

		buf_puts(b, "<li><span>");
		rh_link(b, "", v[i]->name, v[i]->email);
		buf_printf(b, "</span><i style=\"width:%lld%%\"></i><span "
		    "class=\"n\">", most > 0 ?
		    (long long)((__int128)x * 100 / most) : 0);
		if (revenue) {
			revenue_format(x, amount);
			buf_puts(b, amount);
		} else {
			buf_printf(b, "%lld", x);
		}
		buf_puts(b, "</span></li>\n");
	}
	buf_puts(b, "</ol>\n");
	if (n > TOP_N)
		buf_printf(b, "<p class=\"dim\">and %zu more.</p>\n", n - TOP_N);
	free(v);
	return true;
}

int
report_html_overview(const struct report_data *d, struct buf *b)
{
	int cat[3] = { 0, 0, 0 };
	char day[16];

	for (size_t i = 0; i < d->customers.n; i++)
		cat[rh_cat_index(d->customers.v[i].category)]++;
	rh_head(b, "Overview", "", "index.html");
	rh_day(d->now, day);
	buf_printf(b, "<h1>Your customers</h1>\n<p class=\"dim\">As of %s.</p>\n"
	    "<ul class=\"cards\"><li><b>%zu</b>customers</li><li><b>%d</b>"
	    "<span class=\"cat good\">good</span></li><li><b>%d</b><span "
	    "class=\"cat ok\">ok</span></li><li><b>%d</b><span class=\"cat "
	    "bad\">bad</span></li><li><b>%zu</b>referrals</li></ul>\n", day,
	    d->customers.n, cat[0], cat[1], cat[2], d->nedges);
	buf_puts(b, "<h2 id=\"categories\">Customers by category over time</h2>\n");
	chart_categories(d, b);
	buf_puts(b, "<h2 id=\"referrals\">Referrals per month</h2>\n");
	chart_referrals(d, b);
	buf_puts(b, "<h2 id=\"referrers\">Top referrers</h2>\n");
	if (!top_bars(d, b, false))
		buf_puts(b, "<p class=\"dim\">Nobody has referred anyone yet.</p>\n");
	buf_puts(b, "<h2 id=\"revenue\">Revenue by customer</h2>\n"
	    "<p class=\"dim\">What each paid in the last 12 months, where "
	    "known.</p>\n");
	if (!top_bars(d, b, true))
		buf_puts(b, "<p class=\"dim\">No revenue recorded yet "
		    "(<code>clientele revenue import</code>).</p>\n");
	rh_foot(b, "", false);
	return b->len >= b->cap ? -1 : 0;
}

/* ---- the customer table ---- */

int
report_html_table(const struct report_data *d, struct buf *b)
{
	rh_head(b, "Customers", "", "customers.html");
	buf_printf(b, "<h1>Customers</h1>\n<p><span id=\"shown\">%zu</span> of "
	    "%zu shown.</p>\n<label><span class=\"dim\">Search names, addresses, "
	    "tags</span>\n<input type=\"search\" id=\"search\" hidden "
	    "autocomplete=\"off\"></label>\n", d->customers.n, d->customers.n);
	buf_puts(b, "<table class=\"list\" id=\"customers\">\n<thead><tr>"
	    "<th><button type=\"button\">Name</button></th>"
	    "<th><button type=\"button\">Category</button></th>"
	    "<th class=\"n\"><button type=\"button\">Referrals</button></th>"
	    "<th class=\"n\"><button type=\"button\">Messages</button></th>"
	    "<th class=\"n\"><button type=\"button\">Revenue</button></th>"
	    "<th class=\"n\"><button type=\"button\">Last seen</button></th>"
	    "<th><button type=\"button\">Tags</button></th>"
	    "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < d->customers.n; i++) {
		const struct customer *c = &d->customers.v[i];
		char day[16], amount[32] = "";

		rh_day(c->last_seen, day);
		if (c->has_revenue)
			revenue_format(c->revenue, amount);
		buf_puts(b, "<tr><td data-label=\"Name\"><span>");
		rh_link(b, "", c->name, c->email);
		buf_puts(b, " <small>");
		esc_html(b, c->email);
		buf_printf(b, "</small></span></td><td data-label=\"Category\" data-v=\"%d\">",
		    rh_cat_index(c->category));
		rh_badge(b, c->category);
		buf_printf(b, "</td><td class=\"n\" data-label=\"Referrals\">%d</td>"
		    "<td class=\"n\" data-label=\"Messages\">%d</td>"
		    "<td class=\"n\" data-label=\"Revenue\" data-v=\"%lld\">%s</td>"
		    "<td class=\"n\" data-label=\"Last seen\" data-v=\"%lld\">%s</td>"
		    "<td data-label=\"Tags\">", c->referrals, c->messages,
		    c->has_revenue ? c->revenue : 0, amount,
		    (long long)c->last_seen, day);
		html_join(b, &c->tags, ", ");
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	rh_foot(b, "", true);
	return b->len >= b->cap ? -1 : 0;
}

/* ---- one customer ---- */

static void
evidence_rows(struct buf *b, const struct customer_detail *cd, bool notes)
{
	bool any = false;

	for (size_t i = 0; i < cd->nev; i++) {
		const struct evidence *ev = &cd->ev[i];
		char day[16];

		if ((strcmp(ev->kind, "note") == 0) != notes)
			continue;
		if (!any)
			buf_puts(b, notes ? "<ul>\n" : "<table class=\"list\"><thead>"
			    "<tr><th>When</th><th>What</th><th>Their words</th>"
			    "</tr></thead><tbody>\n");
		any = true;
		rh_day(ev->when, day);
		if (notes) {
			buf_printf(b, "<li>%s: ", day);
			esc_html(b, ev->text ? ev->text : ev->label);
			buf_puts(b, "</li>\n");
			continue;
		}
		buf_printf(b, "<tr><td data-label=\"When\">%s</td><td "
		    "data-label=\"What\"><span>", day);
		esc_html(b, ev->kind);
		html_around(b, ": ", ev->label, "");
		html_around(b, " <small>(", ev->how, ")</small>");
		buf_puts(b, "</span></td><td data-label=\"Their words\">");
		html_around(b, "&ldquo;", ev->text, "&rdquo;");
		buf_puts(b, "</td></tr>\n");
	}
	if (any)
		buf_puts(b, notes ? "</ul>\n" : "</tbody></table>\n");
	else
		buf_puts(b, notes ? "<p class=\"dim\">No notes.</p>\n" :
		    "<p class=\"dim\">Nothing recorded yet.</p>\n");
}

/* history - every message the page was given, newest first, both ways */
static void
history(struct buf *b, const struct customer_detail *cd)
{
	buf_printf(b, "<h2 id=\"history\">History</h2>\n<p>%zu messages, "
	    "either way.</p>\n", cd->nhist_total > cd->nhist ?
	    cd->nhist_total : cd->nhist);
	if (cd->nhist == 0)
		return;
	buf_puts(b, "<table class=\"list\"><thead><tr><th>Arrived</th><th>"
	    "Way</th><th>Subject</th><th>What it told</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < cd->nhist; i++) {
		const struct history_entry *h = &cd->hist[i];
		char day[16];

		rh_day(h->arrived ? h->arrived : h->date, day);
		buf_printf(b, "<tr><td data-label=\"Arrived\">%s</td><td "
		    "data-label=\"Way\">%s</td><td data-label=\"Subject\">", day,
		    h->direction && strcmp(h->direction, "out") == 0 ?
		    "from you" : "to you");
		esc_html(b, h->subject);
		buf_puts(b, "</td><td data-label=\"What it told\">");
		esc_html(b, h->facts);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	if (cd->nhist_total > cd->nhist)
		buf_printf(b, "<p class=\"dim\">and %zu older (clientele show "
		    "--all).</p>\n", cd->nhist_total - cd->nhist);
}

/* notes - the owner's notes, oldest first, and notes kept as evidence */
static void
notes(struct buf *b, const struct customer_detail *cd)
{
	buf_puts(b, "<h2 id=\"notes\">Notes</h2>\n");
	if (cd->nnotes == 0) {
		evidence_rows(b, cd, true);
		return;
	}
	buf_puts(b, "<ul>\n");
	for (size_t i = 0; i < cd->nnotes; i++) {
		char day[16];

		rh_day(cd->notes[i].at, day);
		buf_printf(b, "<li>%s: ", day);
		esc_html(b, cd->notes[i].text);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
}

static const char *
verdict_word(enum verdict v)
{
	return v == VERDICT_YES ? "yes" : v == VERDICT_NO ? "no" : "&ndash;";
}

/* values - where the customer's values align and where they break down */
static void
values(struct buf *b, const struct alignment *al)
{
	buf_printf(b, "<h2 id=\"values\">Values</h2>\n<p>%d of %zu values fit, "
	    "%d do not.</p>\n", al->fit, al->n, al->misfit);
	for (int pass = 0; pass < 2; pass++) {
		enum verdict want = pass == 0 ? VERDICT_YES : VERDICT_NO;
		bool any = false;

		buf_printf(b, "<h3>%s</h3>\n", pass == 0 ? "Where values align" :
		    "Where they break down");
		for (size_t i = 0; i < al->n; i++) {
			const struct value_check *v = &al->v[i];

			if (v->overall != want)
				continue;
			if (!any)
				buf_puts(b, "<ul>\n");
			any = true;
			buf_puts(b, "<li><b>");
			esc_html(b, v->key);
			buf_printf(b, "</b> <small>(you: %s, they: %s",
			    verdict_word(v->owner), verdict_word(v->self));
			if (v->evidence[0]) {
				buf_puts(b, "; ");
				esc_html(b, v->evidence);
			}
			buf_puts(b, ")</small></li>\n");
		}
		buf_puts(b, any ? "</ul>\n" : "<p class=\"dim\">None known.</p>\n");
	}
}

int
report_html_customer(const struct report_data *d,
    const struct customer_detail *cd, const struct alignment *al,
    struct buf *b)
{
	const struct customer *c = &cd->c;
	const struct customer *by = report_html_find(d, c->referred_by);
	char first[16], last[16], amount[32];

	rh_head(b, c->name && *c->name ? c->name : c->email, "../", NULL);
	buf_puts(b, "<h1>");
	rh_name(b, c->name, c->email);
	buf_puts(b, "</h1>\n<p>");
	rh_badge(b, c->category);
	if (c->category_manual)
		buf_puts(b, " <small>(set by hand)</small>");
	html_around(b, " <small>at ", cd->company, "</small>");
	buf_puts(b, " <a href=\"mailto:");
	esc_url(b, c->email, true);
	buf_puts(b, "\">");
	esc_html(b, c->email);
	buf_puts(b, "</a></p>\n");
	for (size_t i = 1; i < cd->addresses.n; i++) {
		buf_puts(b, i == 1 ? "<p class=\"dim\">Also writes from " : ", ");
		esc_html(b, cd->addresses.v[i]);
		if (i + 1 == cd->addresses.n)
			buf_puts(b, ".</p>\n");
	}
	if (c->reasons.n) {
		buf_puts(b, "<ul>\n");
		for (size_t i = 0; i < c->reasons.n; i++) {
			buf_puts(b, "<li>");
			esc_html(b, c->reasons.v[i]);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	rh_day(c->first_seen, first);
	rh_day(c->last_seen, last);
	buf_printf(b, "<ul class=\"cards\"><li><b>%d</b>messages</li><li><b>%d"
	    "</b>referred</li>", c->messages, c->referrals);
	if (c->has_revenue) {
		revenue_format(c->revenue, amount);
		buf_printf(b, "<li><b>%s</b>paid, last 12 months</li>", amount);
	}
	buf_printf(b, "<li><b class=\"d\">%s</b>first seen</li><li><b "
	    "class=\"d\">%s</b>last seen</li></ul>\n", first, last);
	if (c->tags.n) {
		buf_puts(b, "<p>Tags: ");
		html_join(b, &c->tags, ", ");
		buf_puts(b, "</p>\n");
	}

	buf_puts(b, "<h2 id=\"referrals\">Referrals</h2>\n<p>");
	if (by) {
		buf_puts(b, "Referred by ");
		rh_link(b, "../", by->name, by->email);
		buf_puts(b, ".");
	} else if (c->referred_by) {
		buf_puts(b, "Referred by ");
		esc_html(b, c->referred_by);
		buf_puts(b, ".");
	} else {
		buf_puts(b, "Nobody is credited with bringing them.");
	}
	if (cd->referral_manual)
		buf_puts(b, " <small>(set by hand)</small>");
	buf_puts(b, "</p>\n");
	if (cd->referred.n) {
		buf_printf(b, "<p>Brought %zu:</p>\n<ul>\n", cd->referred.n);
		for (size_t i = 0; i < cd->referred.n; i++) {
			const struct customer *r = report_html_find(d,
			    cd->referred.v[i]);

			buf_puts(b, "<li>");
			if (r)
				rh_link(b, "../", r->name, r->email);
			else
				esc_html(b, cd->referred.v[i]);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	html_around(b, "<p class=\"dim\">Referral code: ", cd->code, "</p>\n");

	history(b, cd);
	buf_puts(b, "<h2 id=\"evidence\">Evidence</h2>\n");
	evidence_rows(b, cd, false);
	notes(b, cd);
	if (al)
		values(b, al);
	rh_foot(b, "../", false);
	return b->len >= b->cap ? -1 : 0;
}
