/*
 * report - render customers as text tables, JSON or CSV.
 *
 * Owns: nothing beyond a scratch buffer per call.  Reads the customer
 * structs the store filled and appends their rendering to a struct buf;
 * the _file variants flush that buffer to a FILE * every REPORT_FLUSH
 * bytes so a long list streams.  Never: queries the store, changes what it
 * is given, or prints a byte of customer text without escaping it for the
 * target (esc_term, esc_json, esc_csv).
 * Calls, one way: report_cell.c (numbers, times, escaped text, terminal
 * cells), which calls nothing here.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/json_write.h"
#include "report/report.h"
#include "classify/revenue.h"
#include "report_int.h"

#define REPORT_FLUSH	(64 * 1024)
#define COL_EMAIL_MAX	40
#define COL_NAME_MAX	28
#define COL_TAGS_MAX	36

/* Where rendered bytes go: the buffer, emptied into fp when there is one. */
struct sink {
	struct buf *b;
	FILE *fp;
	int failed;		/* a write or append failed */
};

static int
sink_flush(struct sink *s, int force)
{
	if (s->fp == NULL || (!force && s->b->len < REPORT_FLUSH))
		return s->failed ? -1 : 0;
	if (s->b->len && fwrite(s->b->data, 1, s->b->len, s->fp) != s->b->len)
		s->failed = 1;
	buf_reset(s->b);
	return s->failed ? -1 : 0;
}

int
report_format_parse(const char *s, enum report_format *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "text") == 0)
		*out = REPORT_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = REPORT_JSON;
	else if (strcmp(s, "csv") == 0)
		*out = REPORT_CSV;
	else
		return -1;
	return 0;
}

/* ---- text table ---- */

/* text_list sets this internally when some row has revenue (12 months) */
#define REPORT_REVENUE_COL	0x100u

struct widths {
	size_t email, name, tags;
	size_t pending;		/* width of " (+N pending)" after REFS, 0: none */
};

static int
text_cell(struct buf *out, struct buf *tmp, const char *s, size_t width,
    int padded)
{
	if (s == NULL || *s == '\0')
		s = "-";
	if (esc_term_plain(s)) {
		if (report_cell_put(out, s, strlen(s), width, padded) < 0)
			return -1;
	} else {
		buf_reset(tmp);
		if (report_term_put(tmp, s) < 0 ||
		    report_cell_put(out, buf_cstr(tmp), tmp->len, width, padded) < 0)
			return -1;
	}
	return padded ? buf_puts(out, "  ") : 0;
}

/* pending_cell - " (+N pending)", or blanks, in width columns */
static int
pending_cell(struct buf *out, int n, size_t width)
{
	char cell[48] = "";

	if (n > 0)
		snprintf(cell, sizeof(cell), " (+%d pending)", n);
	return buf_printf(out, "%-*s", (int)width, cell);
}

static int
text_row(struct buf *out, struct buf *tmp, const struct customer *c,
    const struct widths *w, unsigned flags)
{
	char date[32];

	report_date_of(c->last_seen, date);
	if (text_cell(out, tmp, c->email, w->email, 1) < 0 ||
	    text_cell(out, tmp, c->name, w->name, 1) < 0 ||
	    report_pad(out, c->category ? c->category : "-", 8) < 0 ||
	    report_put_int(out, c->referrals, 6) < 0 ||
	    (w->pending > 0 && pending_cell(out, c->referrals_pending,
	    w->pending) < 0) ||
	    report_put_int(out, c->messages, 6) < 0 || buf_puts(out, "  ") < 0 ||
	    report_pad(out, date, 10) < 0 || buf_puts(out, "  ") < 0)
		return -1;
	if (flags & REPORT_REVENUE_COL) {
		char amount[32];

		revenue_format(c->revenue, amount);
		if (buf_printf(out, "%11s  ", c->has_revenue ? amount : "-") < 0)
			return -1;
	}
	buf_reset(tmp);
	if (report_join_term(tmp, &c->tags, ",") < 0 ||
	    report_cell_put(out, buf_cstr(tmp), tmp->len,
	        (flags & REPORT_REASONS) ? w->tags : (size_t)-1,
	        (flags & REPORT_REASONS) != 0) < 0)
		return -1;
	if (flags & REPORT_REASONS) {
		if (buf_puts(out, "  ") < 0 || report_join_term(out, &c->reasons, "; ") < 0)
			return -1;
	}
	return buf_putc(out, '\n');
}

static int
text_list(struct sink *s, const struct customer_list *l, unsigned flags)
{
	struct widths w = { 5, 4, 4, 0 };
	struct buf tmp;
	int rc = -1;

	if (l->n == 0)
		return buf_puts(s->b, "no customers\n");
	buf_init(&tmp, 0);
	for (size_t i = 0; i < l->n; i++) {
		size_t e = report_escaped_width(&tmp, l->v[i].email);
		size_t n = report_escaped_width(&tmp, l->v[i].name);

		buf_reset(&tmp);
		report_join_term(&tmp, &l->v[i].tags, ",");
		size_t t = report_text_width(buf_cstr(&tmp), tmp.len);

		w.email = e > w.email ? e : w.email;
		w.name = n > w.name ? n : w.name;
		w.tags = t > w.tags ? t : w.tags;
		if (l->v[i].referrals_pending > 0) {
			char cell[48];
			int pw = snprintf(cell, sizeof(cell), " (+%d pending)",
			    l->v[i].referrals_pending);

			if (pw > 0 && (size_t)pw > w.pending)
				w.pending = (size_t)pw;
		}
	}
	w.email = w.email > COL_EMAIL_MAX ? COL_EMAIL_MAX : w.email;
	w.name = w.name > COL_NAME_MAX ? COL_NAME_MAX : w.name;
	w.tags = w.tags > COL_TAGS_MAX ? COL_TAGS_MAX : w.tags;
	/* a REVENUE column only when some row has revenue recorded */
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].has_revenue)
			flags |= REPORT_REVENUE_COL;

	if (report_cell_put(s->b, "EMAIL", 5, w.email, 1) < 0 ||
	    buf_puts(s->b, "  ") < 0 ||
	    report_cell_put(s->b, "NAME", 4, w.name, 1) < 0 ||
	    buf_puts(s->b, "  CATEGORY  REFS") < 0 ||
	    buf_printf(s->b, "%*s", (int)w.pending, "") < 0 ||
	    buf_puts(s->b, "  MSGS  LAST SEEN   ") < 0 ||
	    ((flags & REPORT_REVENUE_COL) &&
	        buf_puts(s->b, "    REVENUE  ") < 0) ||
	    report_cell_put(s->b, "TAGS", 4, w.tags, (flags & REPORT_REASONS) != 0) < 0 ||
	    ((flags & REPORT_REASONS) && buf_puts(s->b, "  REASONS") < 0) ||
	    buf_putc(s->b, '\n') < 0)
		goto out;
	for (size_t i = 0; i < l->n; i++)
		if (text_row(s->b, &tmp, &l->v[i], &w, flags) < 0 ||
		    sink_flush(s, 0) < 0)
			goto out;
	rc = 0;
out:
	buf_free(&tmp);
	return rc;
}

/* ---- JSON ---- */

static int
json_time(struct buf *out, time_t t)
{
	char ts[32];

	if (t == 0)
		return buf_puts(out, "null");
	report_fmt_time(t, ts);
	ts[20] = '"';
	ts[21] = '\0';
	return buf_putc(out, '"') < 0 ? -1 : buf_append(out, ts, 21);
}

static int
json_strings(struct buf *out, const struct strvec *sv)
{
	if (buf_putc(out, '[') < 0)
		return -1;
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_putc(out, ',') < 0) || report_json_put(out, sv->v[i]) < 0)
			return -1;
	return buf_putc(out, ']');
}

/* json_fields - the customer's keys without the braces */
static int
json_fields(struct buf *out, const struct customer *c)
{
	if (buf_puts(out, "\"email\":") < 0 || report_json_put(out, c->email) < 0 ||
	    buf_puts(out, ",\"name\":") < 0 || report_json_put(out, c->name) < 0 ||
	    buf_puts(out, ",\"category\":") < 0 ||
	    report_json_put(out, c->category) < 0 ||
	    buf_puts(out, ",\"referrals\":") < 0 ||
	    report_put_int(out, c->referrals, 0) < 0 ||
	    buf_puts(out, ",\"referred_by\":") < 0 ||
	    report_json_put(out, c->referred_by) < 0 ||
	    buf_puts(out, ",\"tags\":") < 0 || json_strings(out, &c->tags) < 0 ||
	    buf_puts(out, ",\"messages\":") < 0 ||
	    report_put_int(out, c->messages, 0) < 0 ||
	    buf_puts(out, ",\"first_seen\":") < 0 ||
	    json_time(out, c->first_seen) < 0 ||
	    buf_puts(out, ",\"last_seen\":") < 0 ||
	    json_time(out, c->last_seen) < 0 ||
	    buf_puts(out, ",\"reasons\":") < 0 ||
	    json_strings(out, &c->reasons) < 0 ||
	    buf_printf(out, ",\"status\":\"%s\",\"referrals_pending\":%d",
	    c->prospect ? "prospect" : "customer", c->referrals_pending) < 0)
		return -1;
	/* messages whose From the mail server could not vouch for */
	if (c->unverified > 0 &&
	    buf_printf(out, ",\"unverified\":%d", c->unverified) < 0)
		return -1;
	if (c->has_revenue) {
		/* last 12 months, only when known: a string, two decimals */
		char amount[32];

		revenue_format(c->revenue, amount);
		if (buf_printf(out, ",\"revenue\":\"%s\"", amount) < 0)
			return -1;
	}
	return 0;
}

static int
json_list(struct sink *s, const struct customer_list *l)
{
	if (l->n == 0)
		return buf_puts(s->b, "[]\n");
	if (buf_puts(s->b, "[\n") < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		if (buf_putc(s->b, '{') < 0 || json_fields(s->b, &l->v[i]) < 0 ||
		    buf_puts(s->b, i + 1 < l->n ? "},\n" : "}\n") < 0 ||
		    sink_flush(s, 0) < 0)
			return -1;
	}
	return buf_puts(s->b, "]\n");
}

/* json_owner - what the owner added and the history: company, notes, messages */
static int
json_owner(struct buf *out, const struct customer_detail *d)
{
	if (buf_puts(out, ",\"company\":") < 0 || report_json_put(out, d->company) < 0 ||
	    buf_printf(out, ",\"referral_manual\":%s,\"notes\":[",
	    d->referral_manual ? "true" : "false") < 0)
		return -1;
	for (size_t i = 0; i < d->nnotes; i++)
		if (buf_printf(out, "%s{\"id\":%lld,\"text\":", i ? "," : "",
		    d->notes[i].id) < 0 || report_json_put(out, d->notes[i].text) < 0 ||
		    buf_puts(out, ",\"at\":") < 0 ||
		    json_time(out, d->notes[i].at) < 0 || buf_putc(out, '}') < 0)
			return -1;
	if (buf_printf(out, "],\"history_total\":%zu,\"history\":[",
	    d->nhist_total) < 0)
		return -1;
	for (size_t i = 0; i < d->nhist; i++) {
		const struct history_entry *h = &d->hist[i];

		if (buf_puts(out, i ? ",{\"date\":" : "{\"date\":") < 0 ||
		    json_time(out, h->date) < 0 ||
		    buf_puts(out, ",\"arrived\":") < 0 ||
		    json_time(out, h->arrived) < 0 ||
		    JSON_STRS(out, false, { "direction", h->direction },
		    { "subject", h->subject }, { "facts", h->facts }) < 0 ||
		    buf_putc(out, '}') < 0)
			return -1;
	}
	return buf_putc(out, ']');
}

/* json_announced - ,"announced":[{name, at, subject, evidence}, ...] */
static int
json_announced(struct buf *out, const struct customer_detail *d)
{
	if (buf_puts(out, ",\"announced\":[") < 0)
		return -1;
	for (size_t i = 0; i < d->nannounced; i++) {
		const struct announced_name *a = &d->announced[i];

		if (buf_puts(out, i ? ",{" : "{") < 0 ||
		    JSON_STRS(out, true, { "name", a->name }) < 0 ||
		    buf_puts(out, ",\"at\":") < 0 || json_time(out, a->at) < 0 ||
		    JSON_STRS(out, false, { "subject", a->subject },
		    { "evidence", a->evidence }) < 0 || buf_putc(out, '}') < 0)
			return -1;
	}
	return buf_putc(out, ']');
}

static int
json_detail(struct buf *out, const struct customer_detail *d)
{
	if (buf_putc(out, '{') < 0 || json_fields(out, &d->c) < 0 ||
	    buf_puts(out, ",\"addresses\":") < 0 ||
	    json_strings(out, &d->addresses) < 0 ||
	    buf_puts(out, ",\"evidence\":[") < 0)
		return -1;
	for (size_t i = 0; i < d->nev; i++) {
		const struct evidence *ev = &d->ev[i];

		if (buf_puts(out, i ? ",{" : "{") < 0 ||
		    JSON_STRS(out, true, { "kind", ev->kind },
		    { "label", ev->label }, { "text", ev->text },
		    { "how", ev->how }) < 0 ||
		    buf_puts(out, ",\"when\":") < 0 || json_time(out, ev->when) < 0 ||
		    buf_putc(out, '}') < 0)
			return -1;
	}
	if (buf_puts(out, "],\"referred\":") < 0 ||
	    json_strings(out, &d->referred) < 0 || json_announced(out, d) < 0 ||
	    buf_puts(out, ",\"code\":") < 0 || report_json_put(out, d->code) < 0 ||
	    json_owner(out, d) < 0)
		return -1;
	return buf_puts(out, "}\n");
}

/* ---- CSV ---- */

static const char csv_header[] =
    "email,name,category,referrals,referred_by,tags,messages,"
    "first_seen,last_seen,reasons";

static int
csv_time(struct buf *out, time_t t)
{
	char ts[32];

	if (t == 0)
		return 0;
	report_fmt_time(t, ts);
	return buf_puts(out, ts);
}

static int
csv_join(struct buf *out, struct buf *tmp, const struct strvec *sv,
    const char *sep)
{
	buf_reset(tmp);
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_puts(tmp, sep) < 0) || buf_puts(tmp, sv->v[i]) < 0)
			return -1;
	return esc_csv(out, buf_cstr(tmp));
}

static int
csv_fields(struct buf *out, struct buf *tmp, const struct customer *c)
{
	if (esc_csv(out, c->email) < 0 || buf_putc(out, ',') < 0 ||
	    esc_csv(out, c->name) < 0 || buf_putc(out, ',') < 0 ||
	    esc_csv(out, c->category) < 0 ||
	    buf_putc(out, ',') < 0 || report_put_int(out, c->referrals, 0) < 0 ||
	    buf_putc(out, ',') < 0 ||
	    esc_csv(out, c->referred_by) < 0 || buf_putc(out, ',') < 0 ||
	    csv_join(out, tmp, &c->tags, ";") < 0 ||
	    buf_putc(out, ',') < 0 || report_put_int(out, c->messages, 0) < 0 ||
	    buf_putc(out, ',') < 0 ||
	    csv_time(out, c->first_seen) < 0 || buf_putc(out, ',') < 0 ||
	    csv_time(out, c->last_seen) < 0 || buf_putc(out, ',') < 0 ||
	    csv_join(out, tmp, &c->reasons, "; ") < 0)
		return -1;
	return 0;
}

static int
csv_list(struct sink *s, const struct customer_list *l)
{
	struct buf tmp;
	int rc = -1;

	buf_init(&tmp, 0);
	if (buf_puts(s->b, csv_header) < 0 || buf_puts(s->b, "\r\n") < 0)
		goto out;
	for (size_t i = 0; i < l->n; i++)
		if (csv_fields(s->b, &tmp, &l->v[i]) < 0 ||
		    buf_puts(s->b, "\r\n") < 0 || sink_flush(s, 0) < 0)
			goto out;
	rc = 0;
out:
	buf_free(&tmp);
	return rc;
}

/* csv_announced - the announced names in one cell, joined by ";" */
static int
csv_announced(struct buf *out, struct buf *tmp, const struct customer_detail *d)
{
	buf_reset(tmp);
	for (size_t i = 0; i < d->nannounced; i++)
		if ((i && buf_putc(tmp, ';') < 0) ||
		    buf_puts(tmp, d->announced[i].name ? d->announced[i].name :
		    "") < 0)
			return -1;
	return esc_csv(out, buf_cstr(tmp));
}

static int
csv_detail(struct buf *out, const struct customer_detail *d)
{
	struct buf tmp;
	struct strvec code = { NULL, 0, 0 };
	int rc = -1;

	buf_init(&tmp, 0);
	if (d->code)
		code = (struct strvec){ (char **)&d->code, 1, 1 };
	if (buf_puts(out, csv_header) < 0 ||
	    buf_puts(out, ",addresses,referred,code,announced\r\n") < 0 ||
	    csv_fields(out, &tmp, &d->c) < 0 || buf_putc(out, ',') < 0 ||
	    csv_join(out, &tmp, &d->addresses, ";") < 0 ||
	    buf_putc(out, ',') < 0 ||
	    csv_join(out, &tmp, &d->referred, ";") < 0 ||
	    buf_putc(out, ',') < 0 || csv_join(out, &tmp, &code, "") < 0 ||
	    buf_putc(out, ',') < 0 || csv_announced(out, &tmp, d) < 0 ||
	    buf_puts(out, "\r\n") < 0)
		goto out;
	rc = 0;
out:
	buf_free(&tmp);
	return rc;
}

/* ---- text block for one customer ---- */

static int
text_line(struct buf *out, const char *label, const char *value)
{
	if (buf_printf(out, "  %-12s ", label) < 0 ||
	    report_term_put(out, value && *value ? value : "-") < 0)
		return -1;
	return buf_putc(out, '\n');
}

static int
text_list_line(struct buf *out, const char *label, const struct strvec *sv,
    const char *sep)
{
	if (buf_printf(out, "  %-12s ", label) < 0 || report_join_term(out, sv, sep) < 0)
		return -1;
	return buf_putc(out, '\n');
}

static int
text_evidence(struct buf *out, const struct evidence *ev)
{
	char date[32];

	report_date_of(ev->when, date);
	if (buf_printf(out, "    %-10s  ", date) < 0 ||
	    report_term_put(out, ev->kind ? ev->kind : "note") < 0 ||
	    buf_putc(out, ' ') < 0 || report_term_put(out, ev->label) < 0 ||
	    report_term_around(out, " (", ev->how, ")") < 0 ||
	    report_term_around(out, ": \"", ev->text, "\"") < 0)
		return -1;
	return buf_putc(out, '\n');
}

/*
 * text_announced - "  announced:   Jo Bloggs, 2026-03-02, in "Re: hedge"",
 * a line per name (the label on the first); nothing when there is none
 */
static int
text_announced(struct buf *out, const struct customer_detail *d)
{
	char date[32];

	for (size_t i = 0; i < d->nannounced; i++) {
		const struct announced_name *a = &d->announced[i];

		report_date_of(a->at, date);
		if (buf_printf(out, "  %-12s ", i ? "" : "announced:") < 0 ||
		    report_term_put(out, a->name ? a->name : "-") < 0 ||
		    buf_printf(out, ", %s", date) < 0 ||
		    report_term_around(out, ", in \"", a->subject == NULL ? NULL :
		    *a->subject ? a->subject : "(no subject)", "\"") < 0 ||
		    buf_putc(out, '\n') < 0)
			return -1;
	}
	return 0;
}

/* text_history - one message: date, in/out, subject, what it produced */
static int
text_history(struct buf *out, const struct history_entry *h)
{
	char date[32];

	report_date_of(h->arrived ? h->arrived : h->date, date);
	if (buf_printf(out, "    %-10s  %-3s ", date, h->direction) < 0 ||
	    report_term_put(out, h->subject && *h->subject ? h->subject :
	    "(no subject)") < 0 ||
	    report_term_around(out, "  [", h->facts, "]") < 0)
		return -1;
	return buf_putc(out, '\n');
}

/* text_owner - notes and messages below the evidence */
static int
text_owner(struct buf *out, const struct customer_detail *d)
{
	char date[32];

	if (d->nnotes == 0 && text_line(out, "notes:", NULL) < 0)
		return -1;
	if (d->nnotes > 0 && buf_puts(out, "  notes:\n") < 0)
		return -1;
	for (size_t i = 0; i < d->nnotes; i++) {
		report_date_of(d->notes[i].at, date);
		if (buf_printf(out, "    %-10s  #%lld ", date,
		    d->notes[i].id) < 0 || report_term_put(out, d->notes[i].text) < 0 ||
		    buf_putc(out, '\n') < 0)
			return -1;
	}
	if (d->nhist == 0)
		return text_line(out, "history:", NULL);
	if (d->nhist < d->nhist_total) {
		if (buf_printf(out, "  history:     the last %zu of %zu messages "
		    "(--all for every one)\n", d->nhist, d->nhist_total) < 0)
			return -1;
	} else if (buf_printf(out, "  history:     %zu message%s\n", d->nhist,
	    d->nhist == 1 ? "" : "s") < 0) {
		return -1;
	}
	for (size_t i = 0; i < d->nhist; i++)
		if (text_history(out, &d->hist[i]) < 0)
			return -1;
	return 0;
}

static int
text_detail(struct buf *out, const struct customer_detail *d)
{
	const struct customer *c = &d->c;
	char ts[32], num[64], by_hand[600];

	snprintf(by_hand, sizeof(by_hand), "%.500s (set by hand)",
	    c->referred_by ? c->referred_by : "");
	if (c->name && *c->name) {
		if (report_term_put(out, c->name) < 0 || buf_puts(out, " <") < 0 ||
		    report_term_put(out, c->email) < 0 || buf_puts(out, ">\n") < 0)
			return -1;
	} else if (report_term_put(out, c->email) < 0 || buf_putc(out, '\n') < 0) {
		return -1;
	}
	snprintf(num, sizeof(num), "%s (%s)", c->category ? c->category : "-",
	    c->category_manual ? "set by hand" : "automatic");
	if (text_line(out, "category:", num) < 0 ||
	    text_list_line(out, "reasons:", &c->reasons, "; ") < 0)
		return -1;
	if (text_line(out, "status:", c->prospect ? "prospect (no two-way "
	    "exchange yet)" : "customer") < 0)
		return -1;
	if (c->unverified > 0) {
		snprintf(num, sizeof(num), "%d message%s the mail server could "
		    "not verify", c->unverified, c->unverified == 1 ? "" : "s");
		if (text_line(out, "unverified:", num) < 0)
			return -1;
	}
	if (c->referrals_pending > 0)
		snprintf(num, sizeof(num), "%d (+%d pending)", c->referrals,
		    c->referrals_pending);
	else
		snprintf(num, sizeof(num), "%d", c->referrals);
	if (text_line(out, "referrals:", num) < 0 ||
	    text_list_line(out, "referred:", &d->referred, ", ") < 0 ||
	    text_announced(out, d) < 0 ||
	    text_line(out, "referred by:", d->referral_manual && c->referred_by ?
	    by_hand : d->referral_manual ? "nobody (set by hand)" :
	    c->referred_by) < 0 ||
	    text_list_line(out, "tags:", &c->tags, ", ") < 0)
		return -1;
	snprintf(num, sizeof(num), "%d", c->messages);
	if (text_line(out, "messages:", num) < 0)
		return -1;
	if (c->has_revenue) {
		char amount[32];

		revenue_format(c->revenue, amount);
		snprintf(num, sizeof(num), "%s (last 12 months)", amount);
		if (text_line(out, "revenue:", num) < 0)
			return -1;
	}
	report_date_of(c->first_seen, ts);
	if (c->first_seen)
		report_fmt_time(c->first_seen, ts);
	if (text_line(out, "first seen:", ts) < 0)
		return -1;
	report_date_of(c->last_seen, ts);
	if (c->last_seen)
		report_fmt_time(c->last_seen, ts);
	if (text_line(out, "last seen:", ts) < 0 ||
	    text_list_line(out, "addresses:", &d->addresses, ", ") < 0 ||
	    text_line(out, "company:", d->company) < 0 ||
	    text_line(out, "code:", d->code) < 0)
		return -1;
	if (d->nev == 0) {
		if (text_line(out, "evidence:", NULL) < 0)
			return -1;
	} else {
		if (buf_puts(out, "  evidence:\n") < 0)
			return -1;
		for (size_t i = 0; i < d->nev; i++)
			if (text_evidence(out, &d->ev[i]) < 0)
				return -1;
	}
	return text_owner(out, d);
}

/* ---- entry points ---- */

static int
list_to(struct sink *s, const struct customer_list *l, enum report_format f,
    unsigned flags)
{
	switch (f) {
	case REPORT_JSON:
		return json_list(s, l);
	case REPORT_CSV:
		return csv_list(s, l);
	case REPORT_TEXT:
	default:
		return text_list(s, l, flags);
	}
}

int
report_list(struct buf *out, const struct customer_list *l,
    enum report_format f, unsigned flags)
{
	struct sink s = { out, NULL, 0 };

	return list_to(&s, l, f, flags);
}

int
report_list_file(FILE *fp, const struct customer_list *l,
    enum report_format f, unsigned flags, struct err *e)
{
	struct buf b;
	struct sink s = { &b, fp, 0 };
	int rc;

	buf_init(&b, 0);
	rc = list_to(&s, l, f, flags);
	if (sink_flush(&s, 1) < 0 || fflush(fp) != 0)
		rc = err_set(e, "cannot write the report: %s", strerror(errno));
	else if (rc < 0)
		err_set(e, "report too large to render");
	buf_free(&b);
	return rc;
}

int
report_detail(struct buf *out, const struct customer_detail *d,
    enum report_format f)
{
	switch (f) {
	case REPORT_JSON:
		return json_detail(out, d);
	case REPORT_CSV:
		return csv_detail(out, d);
	case REPORT_TEXT:
	default:
		return text_detail(out, d);
	}
}

int
report_detail_file(FILE *fp, const struct customer_detail *d,
    enum report_format f, struct err *e)
{
	struct buf b;
	int rc;

	buf_init(&b, 0);
	rc = report_detail(&b, d, f);
	if (rc < 0)
		err_set(e, "report too large to render");
	else if ((b.len && fwrite(b.data, 1, b.len, fp) != b.len) ||
	    fflush(fp) != 0)
		rc = err_set(e, "cannot write the report: %s", strerror(errno));
	buf_free(&b);
	return rc;
}
