/*
 * ideal_render - the ranked ideal customers as text, JSON or CSV.
 *
 * What it is for: `clientele ideal` and the reports that show the list
 * classify/ideal.c ranked.  Pure: reads the list, appends to a buffer.
 *
 * What it never does: rank, score or read the store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "util/json_write.h"
#include "classify/ideal.h"
#include "classify/revenue.h"
#include "report/ideal_render.h"

#define COL_EMAIL_MAX	40
#define COL_NAME_MAX	28

/* joined - the reasons as one string ("; "), or NULL on ENOMEM */
static char *
joined(const struct strvec *sv)
{
	struct buf b;

	buf_init(&b, 0);
	for (size_t i = 0; i < sv->n; i++)
		if ((i && buf_puts(&b, "; ") < 0) || buf_puts(&b, sv->v[i]) < 0) {
			buf_free(&b);
			return NULL;
		}
	return buf_steal(&b);
}

/* The cells of a row that are formatted rather than copied. */
struct cells {
	char amount[32];	/* revenue_format */
	char align[32];		/* "N/M", or "" without a value set */
};

static void
cells_of(const struct ideal *d, struct cells *c)
{
	revenue_format(d->revenue, c->amount);
	if (d->nvalues > 0)
		snprintf(c->align, sizeof(c->align), "%d/%d", d->fit,
		    d->nvalues);
	else
		c->align[0] = '\0';
}

static int
render_json(struct buf *out, const struct ideal_list *l)
{
	if (l->n == 0)
		return buf_puts(out, "[]\n");
	if (buf_puts(out, "[\n") < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct ideal *d = &l->v[i];
		struct cells c;

		cells_of(d, &c);
		if (buf_putc(out, '{') < 0 ||
		    JSON_STRS(out, true, { "email", d->email },
		    { "name", d->name }) < 0 ||
		    buf_printf(out, ",\"revenue\":\"%s\",\"referrals\":%d,"
		        "\"alignment\":", c.amount, d->referrals) < 0 ||
		    esc_json(out, c.align[0] ? c.align : NULL) < 0 ||
		    buf_printf(out, ",\"score\":%d,\"reasons\":[", d->score) < 0)
			return -1;
		for (size_t k = 0; k < d->reasons.n; k++)
			if ((k && buf_putc(out, ',') < 0) ||
			    esc_json(out, d->reasons.v[k]) < 0)
				return -1;
		if (buf_puts(out, i + 1 < l->n ? "]},\n" : "]}\n") < 0)
			return -1;
	}
	return buf_puts(out, "]\n");
}

static int
render_csv(struct buf *out, const struct ideal_list *l)
{
	if (buf_puts(out, "email,name,revenue,referrals,alignment,score,"
	    "reasons\r\n") < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct ideal *d = &l->v[i];
		char *why = joined(&d->reasons);
		struct cells c;
		int rc;

		if (why == NULL)
			return -1;
		cells_of(d, &c);
		rc = esc_csv(out, d->email) < 0 || buf_putc(out, ',') < 0 ||
		    esc_csv(out, d->name) < 0 ||
		    buf_printf(out, ",%s,%d,%s,%d,", c.amount, d->referrals,
		        c.align, d->score) < 0 ||
		    esc_csv(out, why) < 0 || buf_puts(out, "\r\n") < 0;
		free(why);
		if (rc)
			return -1;
	}
	return 0;
}

/* term_cell - s escaped for a terminal, cut or padded to width cells */
static int
term_cell(struct buf *out, const char *s, size_t width)
{
	struct buf tmp;
	size_t w, cut;
	int rc = -1;

	buf_init(&tmp, 0);
	if (esc_term(&tmp, s && *s ? s : "-") < 0)
		goto out;
	cut = tmp.len;
	while ((w = report_text_width(buf_cstr(&tmp), cut)) > width && cut > 0) {
		cut--;
		while (cut > 0 && ((unsigned char)tmp.data[cut] & 0xc0) == 0x80)
			cut--;
	}
	if (buf_append(out, tmp.len ? tmp.data : "", cut) < 0)
		goto out;
	for (; w < width; w++)
		if (buf_putc(out, ' ') < 0)
			goto out;
	rc = buf_puts(out, "  ");
out:
	buf_free(&tmp);
	return rc;
}

/* term_width - cells s takes once escaped, at most max */
static size_t
term_width(const char *s, size_t max)
{
	struct buf tmp;
	size_t w = 1;

	buf_init(&tmp, 0);
	if (s && *s && esc_term(&tmp, s) == 0)
		w = report_text_width(buf_cstr(&tmp), tmp.len);
	buf_free(&tmp);
	return w > max ? max : w;
}

static int
render_text(struct buf *out, const struct ideal_list *l)
{
	size_t we = 5, wn = 4;

	if (l->n == 0)
		return buf_puts(out, "no ideal customers yet: no customer is "
		    "good\n");
	for (size_t i = 0; i < l->n; i++) {
		size_t e = term_width(l->v[i].email, COL_EMAIL_MAX);
		size_t n = term_width(l->v[i].name, COL_NAME_MAX);

		we = e > we ? e : we;
		wn = n > wn ? n : wn;
	}
	if (term_cell(out, "EMAIL", we) < 0 || term_cell(out, "NAME", wn) < 0 ||
	    buf_puts(out, "     REVENUE  REFS  VALUES  SCORE  REASONS\n") < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++) {
		const struct ideal *d = &l->v[i];
		struct cells c;

		cells_of(d, &c);
		if (term_cell(out, d->email, we) < 0 ||
		    term_cell(out, d->name, wn) < 0 ||
		    buf_printf(out, "%12s  %4d  %6s  %5d  ",
		        d->has_revenue ? c.amount : "-", d->referrals,
		        c.align[0] ? c.align : "-", d->score) < 0)
			return -1;
		for (size_t k = 0; k < d->reasons.n; k++)
			if ((k && buf_puts(out, "; ") < 0) ||
			    esc_term(out, d->reasons.v[k]) < 0)
				return -1;
		if (buf_putc(out, '\n') < 0)
			return -1;
	}
	return 0;
}

int
ideal_render(struct buf *out, const struct ideal_list *l,
    enum report_format f)
{
	switch (f) {
	case REPORT_JSON:
		return render_json(out, l);
	case REPORT_CSV:
		return render_csv(out, l);
	case REPORT_TEXT:
	default:
		return render_text(out, l);
	}
}
