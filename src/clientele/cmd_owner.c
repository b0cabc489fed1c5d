/*
 * cmd_owner - the owner in control: referral, ignore, unignore, note,
 * find, companies, duplicates.
 *
 * Each checks its arguments, opens the store, makes one call (store_owner.h)
 * and says in one line what it did, or prints the answer escaped for the
 * chosen format.  Never: decides anything about a customer itself.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util/escape.h"
#include "util/json_write.h"
#include "classify/revenue.h"
#include "store/store_owner.h"

/* put_out - write b to stdout and free it; the exit status */
static int
put_out(struct buf *b)
{
	int rc = cli_put(b);

	buf_free(b);
	return rc;
}

/* day_of - YYYY-MM-DD of t */
static void
day_of(time_t t, char out[32])
{
	time_rfc3339(t, out);
	out[10] = '\0';
}

/* ---- referral --------------------------------------------------------- */

int
cmd_referral(struct cli *c, int argc, char **argv)
{
	const char *by = NULL;
	bool none = false;
	const struct cli_flag flags[] = {
		{ "by", &by, NULL },
		{ "none", NULL, &none },
		{ NULL, NULL, NULL },
	};
	char *addr = NULL, *ref = NULL;
	const char *unknown = NULL;	/* addr or ref when no customer */
	struct store *s;
	struct err e = { "" };
	int first, rc, r;

	if ((first = cli_flags(argv[0], argc, argv, flags, false)) < 0)
		return CLI_USAGE;
	if (argc - first != 1)
		return cli_usage(argv[0], "referral needs one ADDRESS");
	if ((by == NULL) == !none)
		return cli_usage(argv[0], "give either --by REFERRER or --none");
	if ((addr = cli_address(argv[0], argv[first])) == NULL ||
	    (by != NULL && (ref = cli_address(argv[0], by)) == NULL)) {
		free(addr);
		return CLI_USAGE;
	}
	if (ref != NULL && strcmp(ref, addr) == 0) {
		rc = cli_usage(argv[0], "%s cannot have referred themselves",
		    addr);
		goto out;
	}
	if ((s = cli_store(c, true, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	r = store_referral(s, addr, ref, &unknown, &e);
	store_close(s);
	rc = cli_outcome(r, &e, unknown == addr ? "no customer %s" :
	    "no customer %s (the referrer)", unknown == addr ? addr : ref);
	if (rc == CLI_OK)
		printf("%s: referred by %s (set by hand; mail will not change "
		    "it)\n", addr, ref ? ref : "nobody");
out:
	free(addr);
	free(ref);
	return rc;
}

/* ---- ignore, unignore ---------------------------------------------------- */

/* list_ignores - `clientele ignore` with no pattern */
static int
list_ignores(struct store *s)
{
	struct ignore_entry *v;
	struct err e = { "" };
	struct buf b;
	size_t n;

	if (store_ignores(s, &v, &n, &e) < 0)
		return cli_error("%s", e.msg);
	buf_init(&b, 0);
	for (size_t i = 0; i < n; i++) {
		char day[32];

		day_of(v[i].at, day);
		buf_printf(&b, "%s  ", day);
		esc_term(&b, v[i].pattern);
		if (v[i].reason != NULL) {
			buf_puts(&b, "  ");
			esc_term(&b, v[i].reason);
		}
		buf_putc(&b, '\n');
	}
	ignore_list_free(v, n);
	return put_out(&b);
}

/* pattern_arg - lower-case copy of ADDRESS or @DOMAIN, or NULL after a hint */
static char *
pattern_arg(const char *cmd, const char *arg)
{
	if (arg[0] == '@') {
		char probe[300];

		snprintf(probe, sizeof(probe), "x%s", arg);
		if (strlen(arg) >= sizeof(probe) - 1 || !email_valid(probe) ||
		    strchr(arg + 1, '.') == NULL) {
			cli_usage(cmd, "'%s' is not @DOMAIN", arg);
			return NULL;
		}
		return str_lower(arg);
	}
	return cli_address(cmd, arg);
}

int
cmd_ignore(struct cli *c, int argc, char **argv)
{
	const char *reason = NULL;
	const struct cli_flag flags[] = {
		{ "reason", &reason, NULL },
		{ NULL, NULL, NULL },
	};
	struct store *s;
	struct err e = { "" };
	size_t removed = 0;
	char *pat;
	int first, rc;

	if ((first = cli_flags(argv[0], argc, argv, flags, false)) < 0)
		return CLI_USAGE;
	if (argc - first > 1)
		return cli_usage(argv[0], "unexpected argument '%s'",
		    argv[first + 1]);
	if (argc - first == 0) {
		if (reason != NULL)
			return cli_usage(argv[0], "--reason needs ADDRESS or "
			    "@DOMAIN");
		if ((s = cli_store(c, false, 0)) == NULL)
			return CLI_FAIL;
		rc = list_ignores(s);
		store_close(s);
		return rc;
	}
	if ((rc = cli_arg_store(c, argv[0], argv[first], pattern_arg,
	    true, &pat, &s)) != CLI_OK)
		return rc;
	rc = store_ignore(s, pat, reason, &removed, &e);
	store_close(s);
	if (rc < 0)
		rc = cli_error("%s", e.msg);
	else
		printf("ignoring %s; %zu contact%s removed\n", pat, removed,
		    removed == 1 ? "" : "s");
	free(pat);
	return rc;
}

int
cmd_unignore(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	char *pat;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, 0, 1, 1, &o)) != CLI_OK)
		return rc;
	if ((rc = cli_arg_store(c, argv[0], o.args[0], pattern_arg,
	    true, &pat, &s)) != CLI_OK)
		return rc;
	rc = cli_outcome(store_unignore(s, pat, &e), &e, "%s is not ignored",
	    pat);
	store_close(s);
	if (rc == CLI_OK)
		printf("no longer ignoring %s\n", pat);
	free(pat);
	return rc;
}

/* ---- note ----------------------------------------------------------------- */

/* list_notes - the notes on addr, one a line with its number */
static int
list_notes(struct store *s, const char *addr)
{
	struct customer_detail *d;
	struct err e = { "" };
	struct buf b;
	int rc = cli_outcome(store_show(s, addr, &d, &e), &e,
	    "no customer %s", addr);

	if (rc != CLI_OK)
		return rc;
	buf_init(&b, 0);
	for (size_t i = 0; i < d->nnotes; i++) {
		char day[32];

		day_of(d->notes[i].at, day);
		buf_printf(&b, "%lld  %s  ", d->notes[i].id, day);
		esc_term(&b, d->notes[i].text);
		buf_putc(&b, '\n');
	}
	customer_detail_free(d);
	return put_out(&b);
}

int
cmd_note(struct cli *c, int argc, char **argv)
{
	const char *del = NULL;
	const struct cli_flag flags[] = {
		{ "delete", &del, NULL },
		{ NULL, NULL, NULL },
	};
	struct store *s;
	struct err e = { "" };
	struct buf text;
	long long id = 0;
	char *addr = NULL, *end;
	int first, rc;

	/* in order: the note's words may look like options after ADDRESS */
	if ((first = cli_flags(argv[0], argc, argv, flags, true)) < 0)
		return CLI_USAGE;
	if (del != NULL) {
		errno = 0;
		id = strtoll(del, &end, 10);
		if (errno || end == del || *end || id < 1)
			return cli_usage(argv[0], "bad note number '%s'", del);
		if (argc - first != 0)
			return cli_usage(argv[0], "--delete takes only ID");
		if ((s = cli_store(c, true, 0)) == NULL)
			return CLI_FAIL;
		rc = cli_outcome(store_note_delete(s, id, &e), &e,
		    "no note %lld", id);
		store_close(s);
		if (rc == CLI_OK)
			printf("note %lld deleted\n", id);
		return rc;
	}
	if (argc - first < 1)
		return cli_usage(argv[0], "note needs ADDRESS");
	if ((addr = cli_address(argv[0], argv[first])) == NULL)
		return CLI_USAGE;
	if (argc - first == 1) {
		if ((s = cli_store(c, false, 0)) == NULL) {
			free(addr);
			return CLI_FAIL;
		}
		rc = list_notes(s, addr);
		store_close(s);
		free(addr);
		return rc;
	}
	buf_init(&text, 64 * 1024);
	for (int i = first + 1; i < argc; i++)
		if (buf_printf(&text, "%s%s", i > first + 1 ? " " : "",
		    argv[i]) < 0) {
			buf_free(&text);
			free(addr);
			return cli_usage(argv[0], "the note is too long");
		}
	if (!utf8_valid(buf_cstr(&text), text.len) || text.len == 0) {
		buf_free(&text);
		free(addr);
		return cli_usage(argv[0], "the note must be UTF-8 text");
	}
	if ((s = cli_store(c, true, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	rc = cli_outcome(store_note_add(s, addr, buf_cstr(&text), &id, &e), &e,
	    "no customer %s", addr);
	store_close(s);
	if (rc == CLI_OK)
		printf("note %lld added to %s\n", id, addr);
out:
	buf_free(&text);
	free(addr);
	return rc;
}

/* ---- find ----------------------------------------------------------------- */

int
cmd_find(struct cli *c, int argc, char **argv)
{
	struct customer_list l = { NULL, 0 };
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	struct buf q;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv,
	    CLI_OPT_FORMAT | CLI_OPT_LIMIT, 1, -1, &o)) != CLI_OK)
		return rc;
	buf_init(&q, 4096);
	for (int i = 0; i < o.nargs; i++)
		if (buf_printf(&q, "%s%s", i ? " " : "", o.args[i]) < 0) {
			buf_free(&q);
			return cli_usage(argv[0], "the search text is too long");
		}
	if (q.len == 0 || !utf8_valid(q.data, q.len)) {
		buf_free(&q);
		return cli_usage(argv[0], "find needs UTF-8 text");
	}
	if ((s = cli_store(c, false, 0)) == NULL) {
		buf_free(&q);
		return CLI_FAIL;
	}
	rc = store_find(s, buf_cstr(&q), (size_t)o.limit, &l, NULL, &e);
	store_close(s);
	buf_free(&q);
	if (rc < 0)
		return cli_error("%s", e.msg);
	if (report_list_file(stdout, &l, o.format, 0, &e) < 0)
		rc = cli_error("%s", e.msg);
	customer_list_free(&l);
	return rc;
}

/* ---- companies, duplicates -------------------------------------------------- */

/* company_row - one firm in the format */
static void
company_row(struct buf *b, enum report_format f, size_t i,
    const struct company *c)
{
	char amount[32];

	revenue_format(c->revenue, amount);
	if (f == REPORT_JSON) {
		buf_puts(b, i ? ",\n{" : "\n{");
		JSON_STRS(b, true, { "company", c->name });
		buf_puts(b, ",\"people\":[");
		for (size_t j = 0; j < c->people.n; j++) {
			buf_puts(b, j ? "," : "");
			esc_json(b, c->people.v[j]);
		}
		buf_printf(b, "],\"referrals\":%d,\"revenue\":\"%s\"}",
		    c->referrals, amount);
	} else if (f == REPORT_CSV) {
		struct buf people;

		buf_init(&people, 0);
		for (size_t k = 0; k < c->people.n; k++)
			buf_printf(&people, "%s%s", k ? ";" : "",
			    c->people.v[k]);
		esc_csv(b, c->name);
		buf_putc(b, ',');
		esc_csv(b, buf_cstr(&people));
		buf_printf(b, ",%d,%s\r\n", c->referrals, amount);
		buf_free(&people);
	} else {
		esc_term(b, c->name);
		buf_printf(b, ": %zu %s, %d referral%s, revenue %s\n",
		    c->people.n, c->people.n == 1 ? "person" : "people",
		    c->referrals, c->referrals == 1 ? "" : "s", amount);
		for (size_t j = 0; j < c->people.n; j++) {
			buf_puts(b, "  ");
			esc_term(b, c->people.v[j]);
			buf_putc(b, '\n');
		}
	}
}

/* duplicate_row - one suggested pair in the format */
static void
duplicate_row(struct buf *b, enum report_format f, size_t i,
    const struct duplicate *d)
{
	if (f == REPORT_JSON) {
		buf_puts(b, i ? ",\n{" : "\n{");
		JSON_STRS(b, true, { "a", d->a }, { "b", d->b },
		    { "why", d->why });
		buf_putc(b, '}');
	} else if (f == REPORT_CSV) {
		esc_csv(b, d->a);
		buf_putc(b, ',');
		esc_csv(b, d->b);
		buf_putc(b, ',');
		esc_csv(b, d->why);
		buf_puts(b, "\r\n");
	} else {
		esc_term(b, d->a);
		buf_puts(b, " and ");
		esc_term(b, d->b);
		buf_puts(b, ": ");
		esc_term(b, d->why);
		buf_puts(b, "; 'clientele merge' if they are one\n");
	}
}

/*
 * owner_list - companies (companies true) or duplicates: the store's list
 * in the chosen format, framed alike (a JSON array, or a CSV header line)
 */
static int
owner_list(struct cli *c, int argc, char **argv, bool companies)
{
	struct company *cv = NULL;
	struct duplicate *dv = NULL;
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	struct buf b;
	size_t n = 0;
	int rc;

	if ((rc = cli_report_start(c, argc, argv, &o, &s)) != CLI_OK)
		return rc;
	rc = companies ? store_companies(s, &cv, &n, &e) :
	    store_duplicates(s, &dv, &n, &e);
	store_close(s);
	if (rc < 0)
		return cli_error("%s", e.msg);
	buf_init(&b, 0);
	if (o.format == REPORT_JSON)
		buf_putc(&b, '[');
	else if (o.format == REPORT_CSV)
		buf_puts(&b, companies ? "company,people,referrals,revenue\r\n" :
		    "a,b,why\r\n");
	for (size_t i = 0; i < n; i++) {
		if (companies)
			company_row(&b, o.format, i, &cv[i]);
		else
			duplicate_row(&b, o.format, i, &dv[i]);
	}
	if (o.format == REPORT_JSON)
		buf_puts(&b, n ? "\n]\n" : "]\n");
	if (companies)
		company_list_free(cv, n);
	else
		duplicate_list_free(dv, n);
	return put_out(&b);
}

int
cmd_companies(struct cli *c, int argc, char **argv)
{
	return owner_list(c, argc, argv, true);
}

int
cmd_duplicates(struct cli *c, int argc, char **argv)
{
	return owner_list(c, argc, argv, false);
}
