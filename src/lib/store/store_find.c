/*
 * store_find - `clientele find`: customers whose name or any address
 * matches a few words, accent-blind, best first (util/find.c scores).
 *
 * What it never does: change the store.  Calls, one way: the customer
 * row reader (store_summary) and the scorer; nothing calls back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/find.h"
#include "store/store_owner.h"
#include "store_int.h"

static const char SQL_FIND_ALL[] =
    "SELECT a.customer_id, a.email, c.name, c.email FROM addresses a"
    " JOIN customers c ON c.id = a.customer_id ORDER BY a.customer_id";

struct hit {
	int score;
	char *email;	/* primary address */
};

static int
hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->score != y->score)
		return y->score - x->score;
	return strcmp(x->email, y->email);
}

/* gather_hits - the best score of each customer that matches q */
static int
gather_hits(struct store *s, const char *q, struct hit **out, size_t *n,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_FIND_ALL, e);
	struct hit *v = NULL, *nv;
	int64_t last = -1;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_column_int64(st, 0);
		int sc = find_score(q, db_column_text(st, 2),
		    db_column_text(st, 1));

		if (sc == 0)
			continue;
		if (id == last && *n > 0) {
			if (sc > v[*n - 1].score)
				v[*n - 1].score = sc;
			continue;
		}
		if ((nv = mem_grow(v, *n, &cap, sizeof(*nv), 32)) == NULL)
			break;
		v = nv;
		v[*n].score = sc;
		if ((v[*n].email = xstrdup(db_column_text(st, 3))) == NULL)
			break;
		(*n)++;
		last = id;
	}
	*out = v;
	return store_rows_end(s, st, rc, "find", e);
}

int
store_find(struct store *s, const char *text, size_t limit,
    struct customer_list *out, int **scores, struct err *e)
{
	struct hit *hits = NULL;
	size_t nhits = 0, keep;
	char *q = find_fold(text);
	int rc = -1;

	out->v = NULL;
	out->n = 0;
	if (scores != NULL)
		*scores = NULL;
	if (q == NULL)
		return err_set(e, "store: out of memory");
	if (gather_hits(s, q, &hits, &nhits, e) < 0)
		goto out;
	if (nhits > 0)
		qsort(hits, nhits, sizeof(*hits), hit_cmp);
	keep = limit != 0 && nhits > limit ? limit : nhits;
	if (keep > 0 && ((out->v = calloc(keep, sizeof(*out->v))) == NULL ||
	    (scores != NULL &&
	    (*scores = calloc(keep, sizeof(**scores))) == NULL))) {
		err_set(e, "store: out of memory");
		goto out;
	}
	for (size_t i = 0; i < keep; i++) {
		if (store_summary(s, hits[i].email, &out->v[out->n], e) != 1)
			goto out;
		if (scores != NULL)
			(*scores)[out->n] = hits[i].score;
		out->n++;
	}
	rc = 0;
out:
	for (size_t i = 0; hits != NULL && i < nhits; i++)
		free(hits[i].email);
	free(hits);
	free(q);
	if (rc < 0) {
		customer_list_free(out);
		if (scores != NULL) {
			free(*scores);
			*scores = NULL;
		}
	}
	return rc;
}
