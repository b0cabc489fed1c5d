/*
 * store_people - who belongs together: companies and likely duplicates.
 *
 * What it is for: `clientele companies` (firms by mail domain, with their
 * people, referrals and revenue), `customers --company` and `clientele
 * duplicates` (two addresses that look like one person).
 *
 * What it owns: how people are grouped: a company is the domain of the
 * primary address unless it is free mail (company.c); a duplicate is two
 * customers with the same full name (accents and case aside), or one whose
 * address spells the other's full name (dana.reyes@... and "Dana Reyes"),
 * or one who writes under the other's address as their name, or one whose
 * own signature names the other's address (the `signs` table,
 * store_signs.c).
 *
 * What it never does: write.  Duplicates are suggestions for `merge`.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mail/company.h"
#include "classify/revenue.h"
#include "util/find.h"
#include "store/store_owner.h"
#include "store_int.h"

static const char SQL_NAMES[] =
    "SELECT email, name FROM customers ORDER BY email";
static const char SQL_ADDRESSES[] =
    "SELECT c.email, a.email FROM addresses a JOIN customers c"
    " ON c.id = a.customer_id";
/* signer, signer's primary address, the other's primary, the address signed as */
static const char SQL_SIGNS[] =
    "SELECT c.email, o.email, s.email FROM signs s"
    " JOIN customers c ON c.id = s.customer_id"
    " JOIN addresses a ON a.email = s.email"
    " JOIN customers o ON o.id = a.customer_id"
    " WHERE o.id <> c.id ORDER BY c.email, s.email";
static const char SQL_COMPANY_ROWS[] =
    "SELECT c.email, c.referrals_made, (SELECT money_sum(v.amount_minor) FROM"
    " revenue v WHERE v.customer_id = c.id AND v.at >= ?1) FROM customers c"
    " ORDER BY c.email";
static const char SQL_COMPANY_LIKE[] =
    "SELECT email FROM customers WHERE email LIKE '%' || ?1 ESCAPE '\\'"
    " ORDER BY email";

/* ---- companies ------------------------------------------------------------ */

struct member {
	char *company;
	char *email;
	int referrals;
	long long revenue;
};

static int
member_cmp(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->company, y->company);

	return c ? c : strcmp(x->email, y->email);
}

static int
company_cmp(const void *a, const void *b)
{
	const struct company *x = a, *y = b;

	if (x->people.n != y->people.n)
		return x->people.n < y->people.n ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void
members_free(struct member *m, size_t n)
{
	for (size_t i = 0; m != NULL && i < n; i++) {
		free(m[i].company);
		free(m[i].email);
	}
	free(m);
}

/* read_members - every customer with a company */
static int
read_members(struct store *s, struct member **out, size_t *n, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_COMPANY_ROWS, e);
	struct member *v = NULL, *nv;
	size_t cap = 0;
	int rc;

	*n = 0;
	if (st == NULL)
		return -1;
	/* revenue of the last twelve months, from the clock */
	db_bind_int64(st, 1, (int64_t)time(NULL) - 31536000);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *email = db_column_text(st, 0);
		char *co = company_of(email);

		if (co == NULL)
			continue;
		if ((nv = mem_grow(v, *n, &cap, sizeof(*nv), 64)) == NULL) {
			free(co);
			break;
		}
		v = nv;
		v[*n].company = co;
		if ((v[*n].email = xstrdup(email)) == NULL) {
			free(co);
			break;
		}
		v[*n].referrals = (int)db_column_int64(st, 1);
		v[*n].revenue = db_column_int64(st, 2);
		(*n)++;
	}
	*out = v;
	return store_rows_end(s, st, rc, "companies", e);
}

int
store_companies(struct store *s, struct company **out, size_t *n,
    struct err *e)
{
	struct member *m = NULL;
	struct company *v = NULL;
	size_t nm = 0, nc = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (read_members(s, &m, &nm, e) < 0)
		goto out;
	if (nm > 0)
		qsort(m, nm, sizeof(*m), member_cmp);
	if (nm > 0 && (v = calloc(nm, sizeof(*v))) == NULL) {
		err_set(e, "store: out of memory");
		goto out;
	}
	for (size_t i = 0; i < nm; i++) {
		struct company *c;

		if (nc == 0 || strcmp(v[nc - 1].name, m[i].company) != 0) {
			c = &v[nc++];
			c->name = m[i].company;
			m[i].company = NULL;
			strvec_init(&c->people);
		}
		c = &v[nc - 1];
		if (strvec_push(&c->people, m[i].email) < 0) {
			err_set(e, "store: out of memory");
			goto out;
		}
		c->referrals += m[i].referrals;
		c->revenue = revenue_total_add(c->revenue, m[i].revenue);
	}
	if (nc > 0)
		qsort(v, nc, sizeof(*v), company_cmp);
	*out = v;
	*n = nc;
	v = NULL;
	rc = 0;
out:
	company_list_free(v, nc);
	members_free(m, nm);
	return rc;
}

void
company_list_free(struct company *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		strvec_free(&v[i].people);
	}
	free(v);
}

/* like_escape - s with LIKE's % _ and \ escaped by \; caller frees */
static char *
like_escape(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* keeps - does c pass the filter? */
static bool
keeps(const struct customer *c, const struct customer_filter *f)
{
	if (f == NULL)
		return true;
	if (f->category != NULL && strcmp(c->category, f->category) != 0)
		return false;
	return f->tag == NULL || strvec_contains(&c->tags, f->tag);
}

int
store_company_customers(struct store *s, const char *company,
    const struct customer_filter *f, struct customer_list *out,
    struct err *e)
{
	struct strvec who;
	struct db_stmt *st;
	char *want = str_lower(company), *pat = NULL;
	int rc = -1, step;

	out->v = NULL;
	out->n = 0;
	strvec_init(&who);
	if (want == NULL || (pat = like_escape(want)) == NULL) {
		err_set(e, "store: out of memory");
		goto out;
	}
	if ((st = store_stmt(s, SQL_COMPANY_LIKE, e)) == NULL)
		goto out;
	db_bind_text(st, 1, pat, -1);
	while ((step = db_step(st)) == DB_ROW) {
		char *co = company_of(db_column_text(st, 0));
		bool same = co != NULL && strcmp(co, want) == 0;

		free(co);
		if (same && strvec_push(&who,
		    db_column_text(st, 0)) < 0)
			break;
	}
	if (store_rows_end(s, st, step, "company", e) < 0)
		goto out;
	if (who.n > 0 && (out->v = calloc(who.n, sizeof(*out->v))) == NULL) {
		err_set(e, "store: out of memory");
		goto out;
	}
	for (size_t i = 0; i < who.n; i++) {
		if (store_summary(s, who.v[i], &out->v[out->n], e) != 1)
			goto out;
		if (keeps(&out->v[out->n], f))
			out->n++;
		else
			customer_clear(&out->v[out->n]);
	}
	rc = 0;
out:
	if (rc < 0)
		customer_list_free(out);
	strvec_free(&who);
	free(want);
	free(pat);
	return rc;
}

/* ---- duplicates ------------------------------------------------------------ */

/*
 * A key two customers may share: a folded full name, the name an address
 * spells, an address, or a display name that is an address.  Address keys
 * start with '\1' so that they never meet a name.
 */
enum key_kind {
	KEY_NAME,	/* the customer's full name */
	KEY_SPELT,	/* the name their address spells */
	KEY_ADDRESS,	/* one of their addresses */
	KEY_SHOWN,	/* their display name is this address */
};

struct key {
	char *key;
	char *email;		/* the customer's primary address */
	enum key_kind kind;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->email, y->email);
}

/* shown_address - "\1" + the display name when it is an address; caller frees */
static char *
shown_address(const char *name, const char *email)
{
	char *lower, *key;

	if (name == NULL || !email_valid(name) || str_eq_case(name, email) ||
	    (lower = str_lower(name)) == NULL)
		return NULL;
	key = malloc(strlen(lower) + 2);
	if (key != NULL) {
		key[0] = '\1';
		memcpy(key + 1, lower, strlen(lower) + 1);
	}
	free(lower);
	return key;
}

/* address_key - "\1" + email; caller frees */
static char *
address_key(const char *email)
{
	char *key = malloc(strlen(email) + 2);

	if (key != NULL) {
		key[0] = '\1';
		memcpy(key + 1, email, strlen(email) + 1);
	}
	return key;
}

/* full_name - a folded name of at least two words, else NULL; caller frees */
static char *
full_name(const char *name)
{
	char *f = find_fold(name);

	if (f != NULL && strchr(f, ' ') == NULL) {
		free(f);
		return NULL;
	}
	return f;
}

/* spelt_name - "dana.reyes@x" -> "dana reyes"; NULL if one word; caller frees */
static char *
spelt_name(const char *email)
{
	const char *at = strrchr(email, '@');
	char *local, *f;

	if (at == NULL || (local = xstrndup(email, (size_t)(at - email))) ==
	    NULL)
		return NULL;
	for (char *p = local; *p != '\0'; p++)
		if (*p == '.' || *p == '_' || *p == '-')
			*p = ' ';
	f = full_name(local);
	free(local);
	return f;
}

static int
push_key(struct key **v, size_t *n, size_t *cap, char *key, const char *email,
    enum key_kind kind)
{
	struct key *nv;

	if (key == NULL)
		return 0;
	if ((nv = mem_grow(*v, *n, cap, sizeof(*nv), 64)) == NULL) {
		free(key);
		return -1;
	}
	*v = nv;
	(*v)[*n].key = key;
	(*v)[*n].kind = kind;
	if (((*v)[*n].email = xstrdup(email)) == NULL) {
		free(key);
		return -1;
	}
	(*n)++;
	return 0;
}

/* seen_pair - already suggested a with b? */
static bool
seen_pair(const struct duplicate *v, size_t n, const char *a, const char *b)
{
	for (size_t i = n; i-- > 0;)
		if (strcmp(v[i].a, a) == 0 && strcmp(v[i].b, b) == 0)
			return true;
	return false;
}

/* suggest - one pair of a key's group (x before y in key order) */
static int
suggest(struct duplicate **v, size_t *n, size_t *cap, const struct key *x,
    const struct key *y)
{
	const char *a = strcmp(x->email, y->email) < 0 ? x->email : y->email;
	const char *b = a == x->email ? y->email : x->email;
	struct duplicate *nv, *d;
	struct buf why;

	if (strcmp(a, b) == 0 || seen_pair(*v, *n, a, b) ||
	    (x->kind == KEY_ADDRESS && y->kind == KEY_ADDRESS))
		return 0;
	if ((nv = mem_grow(*v, *n, cap, sizeof(*nv), 16)) == NULL)
		return -1;
	*v = nv;
	buf_init(&why, 4096);
	if (x->kind == KEY_NAME && y->kind == KEY_NAME)
		buf_printf(&why, "same name \"%s\"", x->key);
	else if (x->kind == KEY_SPELT && y->kind == KEY_SPELT)
		buf_printf(&why, "both addresses spell \"%s\"", x->key);
	else if (x->kind == KEY_NAME)
		buf_printf(&why, "%s spells the name \"%s\"", y->email, x->key);
	else if (x->kind == KEY_ADDRESS)
		buf_printf(&why, "%s writes under the name %s", y->email,
		    x->key + 1);
	else
		buf_printf(&why, "both write under the name %s", x->key + 1);
	d = &(*v)[*n];
	d->a = xstrdup(a);
	d->b = xstrdup(b);
	d->why = buf_steal(&why);
	(*n)++;
	return d->a && d->b ? 0 : -1;
}

/*
 * signed_as - "A signs as B" for each recorded signature naming another
 * customer's address; added to the reasons of a pair already suggested.
 */
static int
signed_as(struct store *s, struct duplicate **v, size_t *n, size_t *cap,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_SIGNS, e);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *x = db_column_text(st, 0);
		const char *y = db_column_text(st, 1);
		const char *as = db_column_text(st, 2);
		const char *a = strcmp(x, y) < 0 ? x : y;
		const char *b = a == x ? y : x;
		struct duplicate *d = NULL, *nv;
		struct buf why;

		for (size_t i = 0; i < *n && d == NULL; i++)
			if (strcmp((*v)[i].a, a) == 0 && strcmp((*v)[i].b, b) == 0)
				d = &(*v)[i];
		buf_init(&why, 4096);
		if (d != NULL) {
			buf_printf(&why, "%s; %s signs as %s", d->why, x, as);
			free(d->why);
		} else {
			if ((nv = mem_grow(*v, *n, cap,
			    sizeof(*nv), 16)) == NULL) {
				buf_free(&why);
				break;
			}
			*v = nv;
			d = &(*v)[(*n)++];
			d->a = xstrdup(a);
			d->b = xstrdup(b);
			buf_printf(&why, "%s signs as %s", x, as);
		}
		d->why = buf_steal(&why);
		if (d->a == NULL || d->b == NULL || d->why == NULL)
			break;
	}
	return store_rows_end(s, st, rc, "duplicates", e);
}

int
store_duplicates(struct store *s, struct duplicate **out, size_t *n,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_NAMES, e);
	struct key *k = NULL;
	struct duplicate *v = NULL;
	size_t nk = 0, kcap = 0, cap = 0;
	int rc, ret = -1;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *email = db_column_text(st, 0);
		const char *name = db_column_text(st, 1);

		if ((name != NULL && push_key(&k, &nk, &kcap, full_name(name),
		    email, KEY_NAME) < 0) ||
		    push_key(&k, &nk, &kcap, spelt_name(email), email,
		    KEY_SPELT) < 0 ||
		    push_key(&k, &nk, &kcap, shown_address(name, email), email,
		    KEY_SHOWN) < 0)
			break;
	}
	db_reset(st);
	if (rc == DB_DONE && (st = store_stmt(s, SQL_ADDRESSES, e)) != NULL) {
		while ((rc = db_step(st)) == DB_ROW)
			if (push_key(&k, &nk, &kcap, address_key(db_column_text(st, 1)), db_column_text(st, 0), KEY_ADDRESS) < 0)
				break;
		db_reset(st);
	} else if (rc == DB_DONE) {
		goto out;
	}
	if (rc != DB_DONE) {
		if (rc == DB_ROW)
			err_set(e, "store: out of memory");
		else
			store_dberr(s, e, "duplicates");
		goto out;
	}
	if (nk > 0)
		qsort(k, nk, sizeof(*k), key_cmp);
	/* within a group of one key, names first: pair each with the rest */
	for (size_t i = 0; i < nk;) {
		size_t j = i;

		while (j < nk && strcmp(k[j].key, k[i].key) == 0)
			j++;
		for (size_t x = i; x < j && x < i + 8; x++)
			for (size_t y = x + 1; y < j && y < i + 8; y++)
				if (suggest(&v, n, &cap, &k[x], &k[y]) < 0) {
					err_set(e, "store: out of memory");
					goto out;
				}
		i = j;
	}
	if (signed_as(s, &v, n, &cap, e) < 0)
		goto out;
	*out = v;
	v = NULL;
	ret = 0;
out:
	if (ret < 0) {
		duplicate_list_free(v, *n);
		*n = 0;
	}
	for (size_t i = 0; i < nk; i++) {
		free(k[i].key);
		free(k[i].email);
	}
	free(k);
	return ret;
}

void
duplicate_list_free(struct duplicate *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].a);
		free(v[i].b);
		free(v[i].why);
	}
	free(v);
}
