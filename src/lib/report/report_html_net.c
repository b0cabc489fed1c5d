/*
 * report_html_net - the referral network page: who brought whom, drawn as
 * one SVG tree per family (a referrer nobody brought, and everyone who
 * came through them), biggest family first.
 *
 * Pure like the rest of report_html: edges in, one page out.  Each person
 * has at most one referrer, so the network is a forest; a cycle (A
 * credited with B and B with A, after hand edits) is still drawn once,
 * starting from whichever member is met first.  The drawing is bounded:
 * past NET_MAX_NODES people the remaining families are listed by name.
 */
#include <stdlib.h>
#include <string.h>

#include "util/escape.h"
#include "report_html_int.h"

#define NET_MAX_NODES 4000
#define ROW 24			/* px per person */
#define INDENT 22		/* px per generation */
#define LABEL 240		/* px kept for a name */

struct net {
	const struct report_data *d;
	size_t n;		/* customers */
	size_t *first;		/* children of i: kids[first[i] .. first[i+1]) */
	size_t *kids;
	bool *has_parent;
	bool *seen;
	size_t *size;		/* people in i's family, i included */
};

static size_t
index_of(const struct report_data *d, const char *email)
{
	const struct customer *c = report_html_find(d, email);

	return c ? (size_t)(c - d->customers.v) : (size_t)-1;
}

/* net_build - children lists from the edges; -1 when out of memory */
static int
net_build(struct net *g, const struct report_data *d)
{
	size_t n = d->customers.n;
	size_t *fill;

	memset(g, 0, sizeof(*g));
	g->d = d;
	g->n = n;
	g->first = calloc(n + 1, sizeof(*g->first));
	g->kids = calloc(d->nedges + 1, sizeof(*g->kids));
	g->has_parent = calloc(n + 1, sizeof(*g->has_parent));
	g->seen = calloc(n + 1, sizeof(*g->seen));
	g->size = calloc(n + 1, sizeof(*g->size));
	fill = calloc(n + 1, sizeof(*fill));
	if (!g->first || !g->kids || !g->has_parent || !g->seen || !g->size ||
	    !fill) {
		free(fill);
		return -1;
	}
	for (size_t i = 0; i < d->nedges; i++) {
		size_t from = index_of(d, d->edges[i].referrer);
		size_t to = index_of(d, d->edges[i].referred);

		if (from < n && to < n)
			g->first[from + 1]++;
	}
	for (size_t i = 0; i < n; i++)
		g->first[i + 1] += g->first[i];
	for (size_t i = 0; i < d->nedges; i++) {
		size_t from = index_of(d, d->edges[i].referrer);
		size_t to = index_of(d, d->edges[i].referred);

		if (from < n && to < n) {
			g->kids[g->first[from] + fill[from]++] = to;
			g->has_parent[to] = true;
		}
	}
	free(fill);
	return 0;
}

static void
net_free(struct net *g)
{
	free(g->first);
	free(g->kids);
	free(g->has_parent);
	free(g->seen);
	free(g->size);
}

/*
 * walk - visit root's family depth first (children in the order they were
 * brought), marking each seen; calls row() for each person unless row is
 * NULL.  Iterative, so a long chain cannot exhaust the stack.
 */
struct frame {
	size_t node;
	size_t next;		/* next child to visit */
	size_t depth;
};

typedef void (*row_fn)(void *ctx, size_t node, size_t depth, size_t row,
    size_t parent_row);

static size_t
walk(struct net *g, size_t root, row_fn row, void *ctx, size_t *maxdepth)
{
	struct frame *st = calloc(g->n + 1, sizeof(*st));
	size_t *rows = calloc(g->n + 1, sizeof(*rows));
	size_t sp = 0, count = 0;

	if (st == NULL || rows == NULL) {
		free(st);
		free(rows);
		return 0;
	}
	g->seen[root] = true;
	st[sp++] = (struct frame){ root, g->first[root], 0 };
	rows[0] = 0;
	if (row)
		row(ctx, root, 0, count, (size_t)-1);
	count++;
	while (sp > 0) {
		struct frame *f = &st[sp - 1];

		if (f->next == g->first[f->node + 1]) {
			sp--;
			continue;
		}
		size_t k = g->kids[f->next++];

		if (g->seen[k])
			continue;
		g->seen[k] = true;
		if (maxdepth && f->depth + 1 > *maxdepth)
			*maxdepth = f->depth + 1;
		rows[sp] = count;
		if (row)
			row(ctx, k, f->depth + 1, count, rows[sp - 1]);
		count++;
		st[sp] = (struct frame){ k, g->first[k], f->depth + 1 };
		sp++;
	}
	free(st);
	free(rows);
	return count;
}

struct draw {
	struct buf *b;
	const struct report_data *d;
	size_t *depth_of;	/* by row, for the elbow to the parent */
};

static void
draw_row(void *ctx, size_t node, size_t depth, size_t row, size_t parent_row)
{
	struct draw *dr = ctx;
	const struct customer *c = &dr->d->customers.v[node];
	static const char *const cls[] = { "good", "ok", "bad" };
	size_t x = 10 + depth * INDENT, y = 14 + row * ROW;
	char page[REPORT_PAGE_NAME];

	dr->depth_of[row] = depth;
	if (parent_row != (size_t)-1) {
		size_t px = 10 + dr->depth_of[parent_row] * INDENT;
		size_t py = 14 + parent_row * ROW;

		buf_printf(dr->b, "<path d=\"M%zu %zuV%zuH%zu\"/>", px, py + 6, y,
		    x - 6);
	}
	report_html_page_name(c->email, page);
	buf_printf(dr->b, "<a href=\"%s\"><title>", page);
	esc_html(dr->b, c->email);
	buf_printf(dr->b, " (%s, %d referred)</title><circle class=\"%s\" "
	    "cx=\"%zu\" cy=\"%zu\" r=\"5\"/><text x=\"%zu\" y=\"%zu\">",
	    cls[rh_cat_index(c->category)], c->referrals,
	    cls[rh_cat_index(c->category)], x, y, x + 10, y + 4);
	rh_name(dr->b, c->name, c->email);
	buf_printf(dr->b, "<tspan class=\"t\"> &middot; %s</tspan></text></a>\n",
	    cls[rh_cat_index(c->category)]);
}

static int
by_size(const void *a, const void *b, void *ctx)
{
	const size_t *size = ctx;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (size[x] != size[y])
		return size[x] > size[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

int
report_html_network(const struct report_data *d, struct buf *b)
{
	struct net g;
	size_t *roots = NULL, nroots = 0, drawn = 0, left = 0;
	size_t *depth_of = NULL;

	rh_head(b, "Referrals", "", "network.html");
	buf_printf(b, "<h1>Who brought whom</h1>\n<p>%zu referrals. Each "
	    "tree starts with someone nobody referred; below them, everyone "
	    "who came through them. Each name is followed by their "
	    "category.</p>\n<p class=\"legend\"><span><i class=\"sw "
	    "good\"></i>good</span><span><i class=\"sw ok\"></i>ok</span>"
	    "<span><i class=\"sw bad\"></i>bad</span></p>\n", d->nedges);
	if (net_build(&g, d) < 0 ||
	    (roots = calloc(d->customers.n + 1, sizeof(*roots))) == NULL ||
	    (depth_of = calloc(d->customers.n + 1, sizeof(*depth_of))) == NULL)
		goto out;
	/* Families: the root of each tree, then anyone left (a cycle). */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < g.n; i++) {
			if (g.seen[i] || g.first[i] == g.first[i + 1] ||
			    (pass == 0 && g.has_parent[i]))
				continue;
			g.size[i] = walk(&g, i, NULL, NULL, NULL);
			roots[nroots++] = i;
		}
	qsort_r(roots, nroots, sizeof(*roots), by_size, g.size);
	memset(g.seen, 0, g.n * sizeof(*g.seen));
	if (nroots == 0)
		buf_puts(b, "<p class=\"dim\">Nobody has referred anyone yet.</p>\n");
	for (size_t r = 0; r < nroots; r++) {
		struct draw dr = { b, d, depth_of };
		size_t deep = 0, rows, width;
		const struct customer *c = &d->customers.v[roots[r]];

		if (drawn + g.size[roots[r]] > NET_MAX_NODES) {
			left++;
			continue;
		}
		/* measure first (depth), then draw */
		bool *save = g.seen;
		bool *scratch = calloc(g.n + 1, sizeof(*scratch));

		if (scratch == NULL)
			goto out;
		memcpy(scratch, save, g.n * sizeof(*save));
		g.seen = scratch;
		rows = walk(&g, roots[r], NULL, NULL, &deep);
		g.seen = save;
		free(scratch);
		width = 20 + deep * INDENT + LABEL;
		buf_puts(b, "<h2>");
		rh_name(b, c->name, c->email);
		buf_printf(b, " <small>(%zu people)</small></h2>\n<svg viewBox=\"0 "
		    "0 %zu %zu\" style=\"max-width:%zupx\" role=\"img\" "
		    "aria-label=\"referral tree\">\n", rows, width, rows * ROW + 4,
		    width + width / 3);
		walk(&g, roots[r], draw_row, &dr, NULL);
		buf_puts(b, "</svg>\n");
		drawn += rows;
	}
	if (left) {
		buf_printf(b, "<h2>And %zu more families</h2>\n<p>", left);
		for (size_t r = 0, k = 0; r < nroots; r++) {
			const struct customer *c = &d->customers.v[roots[r]];

			if (g.seen[roots[r]])
				continue;
			buf_puts(b, k++ ? ", " : "");
			rh_link(b, "", c->name, c->email);
			buf_printf(b, " (%zu)", g.size[roots[r]]);
		}
		buf_puts(b, "</p>\n");
	}
out:
	net_free(&g);
	free(roots);
	free(depth_of);
	rh_foot(b, "", false);
	return b->len >= b->cap ? -1 : 0;
}
