/*
 * cmd_ideal - the ideal-customer commands: revenue, assess, valueset, ideal.
 *
 *   revenue import FILE.csv [--create-unknown]
 *   revenue add ADDRESS AMOUNT [DATE] [--create-unknown]
 *   assess ADDRESS KEY=yes|no|unknown...
 *   valueset [--publish [--to ADDRESS]]
 *   ideal [--limit N] [--format text|json|csv]
 *
 * Also the value checklist `show` prints under a customer (cli_show_values).
 * Each command checks its arguments, loads what it needs (the ValueSet
 * file, the rules), makes its calls to the store and prints one result.
 * Never: scores, parses CSV or judges a value itself (ideal.c, revenue.c,
 * valueset.c and store_revenue.c do).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util/escape.h"
#include "classify/ideal.h"
#include "report/ideal_render.h"
#include "classify/revenue.h"
#include "classify/rules.h"
#include "store/store_ideal.h"
#include "classify/valueset.h"

/* Largest revenue file read into memory. */
#define REVENUE_FILE_MAX ((size_t)64 * 1024 * 1024)

/* read_all - the whole file into b (capped); -1 with e set */
static int
read_all(const char *path, struct buf *b, struct err *e)
{
	char chunk[65536];
	FILE *fp;
	size_t n;
	int rc = 0;

	buf_init(b, REVENUE_FILE_MAX);
	if ((fp = fopen(path, "rb")) == NULL)
		return err_set(e, "%s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(b, chunk, n) < 0) {
			rc = err_set(e, "%s: larger than %zu bytes", path,
			    REVENUE_FILE_MAX);
			break;
		}
	if (rc == 0 && ferror(fp))
		rc = err_set(e, "%s: %s", path, strerror(errno));
	fclose(fp);
	return rc;
}

/* today - midnight UTC of the current day */
static time_t
today(void)
{
	time_t now = time(NULL);

	return now - now % (24 * 60 * 60);
}

/* ---- revenue ---- */

struct import {
	struct store *s;
	const char *file;
	bool create_unknown;
	unsigned long recorded, duplicates, unknown, bad;
	struct err e;
};

static int
import_row(void *ctx, const struct revenue_row *r)
{
	struct import *im = ctx;
	int rc;

	rc = store_revenue_add(im->s, r->email, r->amount, r->date,
	    r->reference, im->create_unknown, &im->e);
	switch (rc) {
	case REVENUE_RECORDED:
		im->recorded++;
		return 0;
	case REVENUE_DUPLICATE:
		im->duplicates++;
		return 0;
	case REVENUE_UNKNOWN:
		im->unknown++;
		esc_term_fprintf(stderr, "%s:%zu: no customer %s; skipped (use "
		    "--create-unknown to add them)", im->file, r->line,
		    r->email);
		fputc('\n', stderr);
		return 0;
	default:
		return -1;
	}
}

static void
import_bad(void *ctx, size_t line, const char *reason)
{
	struct import *im = ctx;

	im->bad++;
	/* the reason may quote the row: shown escaped */
	esc_term_fprintf(stderr, "%s:%zu: %s", im->file, line, reason);
	fputc('\n', stderr);
}

/* revenue_args - positional arguments of argv[2..] and --create-unknown */
static int
revenue_args(int argc, char **argv, char **pos, int maxpos, int *npos,
    bool *create_unknown)
{
	*npos = 0;
	*create_unknown = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--create-unknown") == 0) {
			*create_unknown = true;
		} else if (strncmp(argv[i], "--", 2) == 0) {
			return cli_usage(argv[0], "unknown option '%s'", argv[i]);
		} else if (*npos == maxpos) {
			return cli_usage(argv[0], "unexpected argument '%s'",
			    argv[i]);
		} else {
			pos[(*npos)++] = argv[i];
		}
	}
	return CLI_OK;
}

static int
revenue_import(struct cli *c, int argc, char **argv)
{
	struct revenue_sink sink;
	struct import im;
	struct buf data;
	char *pos[1];
	int npos, rc;

	memset(&im, 0, sizeof(im));
	if ((rc = revenue_args(argc, argv, pos, 1, &npos,
	    &im.create_unknown)) != CLI_OK)
		return rc;
	if (npos != 1)
		return cli_usage(argv[0], "revenue import needs a FILE.csv");
	im.file = pos[0];
	if (read_all(im.file, &data, &im.e) < 0) {
		buf_free(&data);
		return cli_error("%s", im.e.msg);
	}
	if ((im.s = cli_store(c, true, 0)) == NULL) {
		buf_free(&data);
		return CLI_FAIL;
	}
	sink.ctx = &im;
	sink.row = import_row;
	sink.bad = import_bad;
	rc = CLI_OK;
	if (store_begin(im.s, &im.e) < 0 ||
	    revenue_parse_csv(data.data ? data.data : "", data.len, today(),
	    &sink, &im.e) < 0 || store_commit(im.s, &im.e) < 0) {
		store_rollback(im.s);
		rc = cli_error("%s: %s", im.file, im.e.msg);
	}
	store_close(im.s);
	buf_free(&data);
	if (rc != CLI_OK)
		return rc;
	esc_term_fprintf(stdout, "%s: %lu recorded, %lu already recorded, "
	    "%lu unknown address%s skipped, %lu bad row%s", im.file,
	    im.recorded, im.duplicates, im.unknown, im.unknown == 1 ? "" : "es",
	    im.bad, im.bad == 1 ? "" : "s");
	putchar('\n');
	/* the good rows are kept, but a skipped row is a failure to report */
	return im.unknown > 0 || im.bad > 0 ? CLI_FAIL : CLI_OK;
}

static int
revenue_add(struct cli *c, int argc, char **argv)
{
	struct store *s;
	struct err e = { "" };
	char *pos[3], *addr, amount_s[32];
	long long amount;
	time_t date = today();
	bool create;
	int npos, rc;

	if ((rc = revenue_args(argc, argv, pos, 3, &npos, &create)) != CLI_OK)
		return rc;
	if (npos < 2)
		return cli_usage(argv[0], "revenue add needs ADDRESS AMOUNT "
		    "[DATE]");
	if (revenue_amount_parse(pos[1], &amount, &e) < 0)
		return cli_usage(argv[0], "%s", e.msg);
	if (npos == 3 && revenue_date_parse(pos[2], &date) < 0)
		return cli_usage(argv[0], "date '%s' is not YYYY-MM-DD", pos[2]);
	if ((addr = cli_address(argv[0], pos[0])) == NULL)
		return CLI_USAGE;
	if ((s = cli_store(c, true, 0)) == NULL) {
		free(addr);
		return CLI_FAIL;
	}
	rc = store_revenue_add(s, addr, amount, date, NULL, create, &e);
	store_close(s);
	revenue_format(amount, amount_s);
	if (rc < 0)
		rc = cli_error("%s", e.msg);
	else if (rc == REVENUE_UNKNOWN)
		rc = cli_error("no customer %s (use --create-unknown to add "
		    "them)", addr);
	else {
		printf("%s: %s %s\n", addr, amount_s, rc == REVENUE_DUPLICATE ?
		    "already recorded" : "recorded");
		rc = CLI_OK;
	}
	free(addr);
	return rc;
}

int
cmd_revenue(struct cli *c, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(argv[0], "revenue needs 'import' or 'add'");
	if (strcmp(argv[1], "import") == 0)
		return revenue_import(c, argc, argv);
	if (strcmp(argv[1], "add") == 0)
		return revenue_add(c, argc, argv);
	return cli_usage(argv[0], "unknown revenue command '%s' (import or "
	    "add)", argv[1]);
}

/* ---- assess ---- */

/* valid_keys - "integrity, clear-values, ..." into out */
static void
valid_keys(const struct valueset *vs, struct buf *out)
{
	for (size_t i = 0; i < vs->n; i++)
		if ((i && buf_puts(out, ", ") < 0) ||
		    buf_puts(out, vs->v[i].key) < 0)
			return;
}

int
cmd_assess(struct cli *c, int argc, char **argv)
{
	struct valueset *vs = NULL;
	struct cli_opts o;
	struct store *s = NULL;
	struct err e = { "" };
	enum verdict v[VALUESET_MAX];
	bool given[VALUESET_MAX] = { false };
	char *addr = NULL;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, 0, 2, -1, &o)) != CLI_OK)
		return rc;
	if ((addr = cli_address(argv[0], o.args[0])) == NULL)
		return CLI_USAGE;
	if ((rc = cli_load_valueset(c->cfg, &vs)) != CLI_OK)
		goto out;
	for (int i = 1; i < o.nargs; i++) {
		char *eq = strchr(o.args[i], '=');
		int k, verdict;

		if (eq)
			*eq = '\0';
		k = valueset_find(vs, o.args[i]);
		if (k < 0) {
			struct buf keys;

			buf_init(&keys, 0);
			valid_keys(vs, &keys);
			rc = cli_usage(argv[0], "unknown value '%s'; the values "
			    "are: %s", o.args[i], buf_cstr(&keys));
			buf_free(&keys);
			goto out;
		}
		if (eq == NULL || (verdict = verdict_parse(eq + 1)) < 0) {
			rc = cli_usage(argv[0], "write %s=yes, %s=no or "
			    "%s=unknown", o.args[i], o.args[i], o.args[i]);
			goto out;
		}
		v[k] = (enum verdict)verdict;
		given[k] = true;
	}
	if ((s = cli_store(c, true, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	if (store_begin(s, &e) < 0) {
		rc = cli_error("%s", e.msg);
		goto out;
	}
	for (size_t k = 0; k < vs->n; k++) {
		int r;

		if (!given[k])
			continue;
		r = store_assess(s, addr, vs->v[k].key, v[k], ASSESS_OWNER, &e);
		if (r <= 0) {
			store_rollback(s);
			rc = r < 0 ? cli_error("%s", e.msg) :
			    cli_error("no customer %s", addr);
			goto out;
		}
	}
	if (store_commit(s, &e) < 0) {
		rc = cli_error("%s", e.msg);
		goto out;
	}
	for (size_t k = 0; k < vs->n; k++)
		if (given[k])
			printf("%s: %s %s\n", addr, vs->v[k].key,
			    verdict_name(v[k]));
	rc = CLI_OK;
out:
	store_close(s);
	valueset_free(vs);
	free(addr);
	return rc;
}

/* ---- valueset ---- */

/*
 * publish_html - the value set as a page for the firm's website; the
 * mailto: link goes to the owner's first address (else DigestFrom), where
 * the filter reads the reply as a self-evaluation.
 */
static int
publish_html(struct cli *c, const struct valueset *vs, const char *path)
{
	const char *reply_to = c->cfg->own_addresses.n > 0 ?
	    c->cfg->own_addresses.v[0] : c->cfg->digest_from;
	struct err e = { "" };
	struct buf out;
	FILE *fp;
	int rc = CLI_OK;

	if (reply_to == NULL)
		return cli_error("no address to reply to: set OwnAddresses (or "
		    "DigestFrom) in the configuration");
	buf_init(&out, 0);
	if (valueset_publish_html(vs, reply_to, &out, &e) < 0) {
		buf_free(&out);
		return cli_error("%s", e.msg);
	}
	if (strcmp(path, "-") == 0)
		fp = stdout;
	else if ((fp = fopen(path, "w")) == NULL) {
		buf_free(&out);
		return cli_error("%s: %s", path, strerror(errno));
	}
	if (fwrite(out.data, 1, out.len, fp) != out.len || fflush(fp) != 0)
		rc = cli_error("%s: %s", path, strerror(errno));
	if (fp != stdout && fclose(fp) != 0 && rc == CLI_OK)
		rc = cli_error("%s: %s", path, strerror(errno));
	buf_free(&out);
	return rc;
}

int
cmd_valueset(struct cli *c, int argc, char **argv)
{
	struct valueset *vs = NULL;
	const char *from = NULL, *to = NULL, *html = NULL;
	bool publish = false;
	struct err e = { "" };
	struct buf out;
	char unique[32];
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--publish") == 0)
			publish = true;
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "--to") == 0)
			return cli_usage(argv[0], "option '--to' needs a value");
		else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc)
			html = argv[++i];
		else if (strcmp(argv[i], "--html") == 0)
			return cli_usage(argv[0], "option '--html' needs a file");
		else
			return cli_usage(argv[0], "unexpected argument '%s'",
			    argv[i]);
	}
	if ((to || html) && !publish)
		return cli_usage(argv[0], "--to and --html go with --publish");
	if (to && html)
		return cli_usage(argv[0], "--to is for the message; --html "
		    "writes a page");
	if (to && !email_valid(to))
		return cli_usage(argv[0], "'%s' is not an email address", to);
	if ((rc = cli_load_valueset(c->cfg, &vs)) != CLI_OK)
		return rc;
	buf_init(&out, 0);
	if (html) {
		rc = publish_html(c, vs, html);
		goto out;
	}
	if (!publish) {
		for (size_t i = 0; i < vs->n; i++)
			buf_printf(&out, "%s: %s\n", vs->v[i].key,
			    vs->v[i].description);
	} else {
		if (c->cfg->digest_from && *c->cfg->digest_from)
			from = c->cfg->digest_from;
		else if (c->cfg->own_addresses.n > 0)
			from = c->cfg->own_addresses.v[0];
		if (from == NULL) {
			rc = cli_error("no address to send from: set DigestFrom "
			    "or OwnAddresses in the configuration");
			goto out;
		}
		snprintf(unique, sizeof(unique), "%ld", (long)getpid());
		if (valueset_publish(vs, from, to, time(NULL), unique, &out,
		    &e) < 0) {
			rc = cli_error("%s", e.msg);
			goto out;
		}
	}
	rc = cli_put(&out);
out:
	buf_free(&out);
	valueset_free(vs);
	return rc;
}

/* ---- ideal ---- */

int
cmd_ideal(struct cli *c, int argc, char **argv)
{
	struct ideal_list l = { NULL, 0 };
	struct valueset *vs = NULL;
	struct rules *rules = NULL;
	struct cli_opts o;
	struct store *s = NULL;
	struct err e = { "" };
	struct buf out;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv,
	    CLI_OPT_FORMAT | CLI_OPT_LIMIT, 0, 0, &o)) != CLI_OK)
		return rc;
	if ((rc = cli_load_valueset(c->cfg, &vs)) != CLI_OK ||
	    (rc = cli_load_rules(c->cfg, &rules)) != CLI_OK)
		goto out;
	if ((s = cli_store(c, false, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	if (store_ideal(s, time(NULL) - IDEAL_WINDOW, vs, rules,
	    (size_t)o.limit, &l, &e) < 0) {
		rc = cli_error("%s", e.msg);
		goto out;
	}
	buf_init(&out, 0);
	if (ideal_render(&out, &l, o.format) < 0)
		rc = cli_error("report too large to render");
	else
		rc = cli_put(&out);
	buf_free(&out);
out:
	ideal_list_free(&l);
	store_close(s);
	rules_free(rules);
	valueset_free(vs);
	return rc;
}
