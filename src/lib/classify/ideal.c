/*
 * ideal - rank the good customers: revenue, referrals and the owner's values.
 *
 * What it is for: turning what the store gathered about each candidate into
 * a score with reasons a person can check (see ideal.h for the formula),
 * judging each value of the value set from the owner's verdict, the tags
 * counting against it and the customer's own verdict (report/ideal_render.c
 * renders the list).
 *
 * What it owns: the formula and the order of precedence between verdicts.
 * Each struct ideal owns its strings until ideal_list_free.
 *
 * What it never does: I/O, reading the clock, or ranking a customer who is
 * not good: a bad customer never appears, however much they pay.  Amounts
 * stay integers in minor units from end to end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "classify/ideal.h"
#include "classify/revenue.h"

enum verdict
value_overall(enum verdict owner, enum verdict self, int against)
{
	if (owner != VERDICT_UNKNOWN)
		return owner;
	if (against > 0)
		return VERDICT_NO;
	return self;
}

void
alignment_tally(struct alignment *a)
{
	a->fit = 0;
	a->misfit = 0;
	for (size_t i = 0; i < a->n; i++) {
		struct value_check *v = &a->v[i];

		v->overall = value_overall(v->owner, v->self, v->against);
		if (v->overall == VERDICT_YES)
			a->fit++;
		else if (v->overall == VERDICT_NO)
			a->misfit++;
	}
}

/* detail_part - append "; " between parts, then the part */
static int
detail_part(struct buf *out, bool *first, const char *label,
    enum verdict v)
{
	if (v == VERDICT_UNKNOWN)
		return 0;
	if ((!*first && buf_puts(out, ", ") < 0) ||
	    buf_printf(out, "%s: %s", label, verdict_name(v)) < 0)
		return -1;
	*first = false;
	return 0;
}

int
alignment_text(struct buf *out, const struct alignment *a)
{
	static const char *const mark[] = { "?", "\xe2\x9c\x93", "\xe2\x9c\x97" };

	if (buf_printf(out, "  %-12s %d/%zu fit\n", "values:", a->fit,
	    a->n) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct value_check *v = &a->v[i];
		bool first = true;

		if (buf_puts(out, "    ") < 0 || esc_term(out, v->key) < 0 ||
		    buf_printf(out, ": %s", mark[v->overall]) < 0)
			return -1;
		if (v->owner == VERDICT_UNKNOWN && v->self == VERDICT_UNKNOWN &&
		    v->evidence[0] == '\0') {
			if (buf_putc(out, '\n') < 0)
				return -1;
			continue;
		}
		if (buf_puts(out, " (") < 0 ||
		    detail_part(out, &first, "owner", v->owner) < 0 ||
		    detail_part(out, &first, "self", v->self) < 0)
			return -1;
		if (v->evidence[0] != '\0' &&
		    ((!first && buf_puts(out, ", ") < 0) ||
		    esc_term(out, v->evidence) < 0))
			return -1;
		if (buf_puts(out, ")\n") < 0)
			return -1;
	}
	return 0;
}

/* verdict_json - a verdict as a JSON string, null when unknown */
static int
verdict_json(struct buf *out, enum verdict v)
{
	return v == VERDICT_UNKNOWN ? buf_puts(out, "null") :
	    buf_printf(out, "\"%s\"", verdict_name(v));
}

int
alignment_json(struct buf *out, const struct alignment *a)
{
	if (buf_printf(out, "{\"fit\":%d,\"misfit\":%d,\"of\":%zu,"
	    "\"checks\":[", a->fit, a->misfit, a->n) < 0)
		return -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct value_check *v = &a->v[i];

		if (buf_puts(out, i ? ",{\"key\":" : "{\"key\":") < 0 ||
		    esc_json(out, v->key) < 0 ||
		    buf_puts(out, ",\"verdict\":") < 0 ||
		    verdict_json(out, v->overall) < 0 ||
		    buf_puts(out, ",\"owner\":") < 0 ||
		    verdict_json(out, v->owner) < 0 ||
		    buf_puts(out, ",\"self\":") < 0 ||
		    verdict_json(out, v->self) < 0 ||
		    buf_puts(out, ",\"evidence\":") < 0 ||
		    esc_json(out, v->evidence[0] ? v->evidence : NULL) < 0 ||
		    buf_putc(out, '}') < 0)
			return -1;
	}
	return buf_puts(out, "]}");
}

bool
ideal_reply_read(const struct valueset *vs, const struct message *m,
    struct value_reply *out)
{
	enum verdict quoted[VALUESET_MAX];

	memset(out, 0, sizeof(*out));
	if (vs == NULL || vs->n == 0 || m == NULL || m->subject == NULL ||
	    str_casestrn(m->subject, strlen(m->subject),
	    VALUESET_SUBJECT) == NULL)
		return false;
	valueset_parse_reply(vs, m->text ? m->text : "", out->v);
	valueset_parse_reply(vs, m->quoted ? m->quoted : "", quoted);
	for (size_t i = 0; i < vs->n && i < VALUESET_MAX; i++) {
		if (out->v[i] == VERDICT_UNKNOWN)
			out->v[i] = quoted[i];
		if (out->v[i] != VERDICT_UNKNOWN)
			out->found++;
	}
	return out->found > 0 && out->found * 2 >= vs->n;
}

int
ideal_score(const struct ideal_input *in, long long max_revenue)
{
	int score = 0, refs;

	if (in->has_revenue && in->revenue > 0 && max_revenue > 0)
		/* 128 bits: a total near the 64-bit limit times the points */
		score += (int)((__int128)IDEAL_POINTS_REVENUE * in->revenue /
		    max_revenue);
	refs = in->referrals < IDEAL_MAX_REFERRALS ? in->referrals :
	    IDEAL_MAX_REFERRALS;
	if (refs > 0)
		score += IDEAL_POINTS_REFERRAL * refs;
	if (in->nvalues > 0)
		score += IDEAL_POINTS_VALUES * (in->fit - in->misfit) /
		    in->nvalues;
	return score;
}

/* add_reason - printf a reason onto sv; -1 on ENOMEM */
static int
add_reason(struct strvec *sv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
add_reason(struct strvec *sv, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	int rc;

	buf_init(&b, 4096);
	va_start(ap, fmt);
	rc = buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		buf_free(&b);
		return -1;
	}
	return strvec_push_owned(sv, buf_steal(&b));
}

/* reasons_for - the sentences behind one score */
static int
reasons_for(const struct ideal_input *in, long long max_revenue,
    struct strvec *sv)
{
	char amount[32];

	revenue_format(in->revenue, amount);
	if (!in->has_revenue) {
		if (add_reason(sv, "no payments recorded in the last 12 "
		    "months") < 0)
			return -1;
	} else if (in->revenue > 0 && in->revenue == max_revenue) {
		if (add_reason(sv, "paid %s in the last 12 months, the most "
		    "of any good customer", amount) < 0)
			return -1;
	} else if (add_reason(sv, "paid %s in the last 12 months",
	    amount) < 0) {
		return -1;
	}
	if (in->referrals > 0 && add_reason(sv, "referred %d %s",
	    in->referrals, in->referrals == 1 ? "person" : "people") < 0)
		return -1;
	if (in->nvalues > 0) {
		if (in->fit == 0 && in->misfit == 0) {
			if (add_reason(sv, "not yet judged against the %d "
			    "values", in->nvalues) < 0)
				return -1;
		} else if (add_reason(sv, "fits %d of %d values", in->fit,
		    in->nvalues) < 0) {
			return -1;
		}
		if (in->misfits != NULL && *in->misfits != '\0' &&
		    add_reason(sv, "does not fit: %s", in->misfits) < 0)
			return -1;
	}
	return 0;
}

static int
ideal_cmp(const void *a, const void *b)
{
	const struct ideal *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->revenue != y->revenue)
		return x->revenue > y->revenue ? -1 : 1;
	if (x->referrals != y->referrals)
		return x->referrals > y->referrals ? -1 : 1;
	return strcmp(x->email, y->email);
}

static bool
is_good(const struct ideal_input *in)
{
	return in->email != NULL && in->category != NULL &&
	    strcmp(in->category, "good") == 0;
}

long long
ideal_max_revenue(const struct ideal_input *in, size_t n)
{
	long long max_revenue = 0;

	for (size_t i = 0; i < n; i++)
		if (is_good(&in[i]) && in[i].has_revenue &&
		    in[i].revenue > max_revenue)
			max_revenue = in[i].revenue;
	return max_revenue;
}

/* list_cut - free the entries from keep on; the list holds keep after */
static void
list_cut(struct ideal_list *l, size_t keep)
{
	for (size_t i = keep; i < l->n; i++) {
		free(l->v[i].email);
		free(l->v[i].name);
		strvec_free(&l->v[i].reasons);
	}
	l->n = keep;
}

int
ideal_rank(const struct ideal_input *in, size_t n, size_t limit,
    struct ideal_list *out, struct err *e)
{
	long long max_revenue = ideal_max_revenue(in, n);
	size_t k = 0;

	out->v = NULL;
	out->n = 0;
	if (n == 0)
		return 0;
	if ((out->v = calloc(n, sizeof(*out->v))) == NULL)
		return err_set(e, "ideal: out of memory");
	for (size_t i = 0; i < n; i++) {
		struct ideal *d;

		if (!is_good(&in[i]))
			continue;
		d = &out->v[k++];
		out->n = k;
		d->email = xstrdup(in[i].email);
		d->name = xstrdup(in[i].name);
		d->revenue = in[i].has_revenue ? in[i].revenue : 0;
		d->has_revenue = in[i].has_revenue;
		d->referrals = in[i].referrals;
		d->fit = in[i].fit;
		d->nvalues = in[i].nvalues;
		d->score = ideal_score(&in[i], max_revenue);
		if (d->email == NULL || (in[i].name && d->name == NULL) ||
		    reasons_for(&in[i], max_revenue, &d->reasons) < 0) {
			ideal_list_free(out);
			return err_set(e, "ideal: out of memory");
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), ideal_cmp);
	if (limit > 0 && out->n > limit)
		list_cut(out, limit);
	return 0;
}

void
ideal_list_free(struct ideal_list *l)
{
	if (l == NULL)
		return;
	list_cut(l, 0);
	free(l->v);
	l->v = NULL;
}

/* ---- pruning a scan ---- */

int
ideal_top_init(struct ideal_top *t, size_t cap, struct err *e)
{
	t->n = 0;
	t->cap = cap;
	if ((t->v = calloc(cap ? cap : 1, sizeof(*t->v))) == NULL)
		return err_set(e, "ideal: out of memory");
	return 0;
}

void
ideal_top_offer(struct ideal_top *t, const struct ideal_input *in,
    long long max_revenue)
{
	struct ideal key = { 0 };
	size_t at;

	if (!is_good(in) || t->cap == 0)
		return;
	key.email = (char *)in->email;
	key.revenue = in->has_revenue ? in->revenue : 0;
	key.referrals = in->referrals;
	key.score = ideal_score(in, max_revenue);
	if (t->n == t->cap && ideal_cmp(&key, &t->v[t->n - 1]) >= 0)
		return;
	/* insertion: cap is the few the digest or --limit shows */
	at = t->n < t->cap ? t->n++ : t->n - 1;
	while (at > 0 && ideal_cmp(&key, &t->v[at - 1]) < 0) {
		t->v[at] = t->v[at - 1];
		at--;
	}
	t->v[at] = key;
}

bool
ideal_top_closed(const struct ideal_top *t, const struct ideal *rest)
{
	return t->cap > 0 && t->n == t->cap &&
	    ideal_cmp(&t->v[t->n - 1], rest) < 0;
}

void
ideal_top_free(struct ideal_top *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
