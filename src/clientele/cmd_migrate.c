/*
 * cmd_migrate - `clientele migrate --to DATABASE [--replace]`: copy the
 * configured store into another one (an SQLite file into PostgreSQL, as a
 * firm outgrows one mail server; or back), and prove the copy whole.
 *
 * How: the source is exported (store_export, JSON: everything the store
 * knows) and the export imported into the target (store_import), inside
 * one transaction on the target; the target is then exported in that same
 * transaction and the two exports compared byte for byte.  Only when they
 * are identical is the transaction committed, and the command says so;
 * otherwise nothing is written and it says where they first differ.
 *
 * A target that holds anything (customers, messages, ignores, ...) is
 * refused unless --replace, which empties it first in the same
 * transaction.  The target may never be the source itself.
 *
 * What it never does: print the target's connection string (it may hold
 * a password), or write to the source (it is opened read-only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store/store_digest.h"

/* An export held in memory (open_memstream). */
struct dump {
	char *text;
	size_t len;
};

/* dump_of - export s into d; 0, or -1 with e set */
static int
dump_of(struct store *s, struct dump *d, struct err *e)
{
	FILE *fp = open_memstream(&d->text, &d->len);
	int rc;

	if (fp == NULL)
		return err_set(e, "migrate: out of memory");
	rc = store_export(s, EXPORT_JSON, fp, e);
	if (fclose(fp) != 0 && rc == 0)
		rc = err_set(e, "migrate: out of memory");
	return rc;
}

/* first_difference - the line (from 1) where a and b first differ */
static size_t
first_difference(const struct dump *a, const struct dump *b)
{
	size_t line = 1;

	for (size_t i = 0; i < a->len && i < b->len; i++) {
		if (a->text[i] != b->text[i])
			return line;
		if (a->text[i] == '\n')
			line++;
	}
	return line;
}

/*
 * copy_into - wipe (when asked), import src's export, export again and
 * compare, all in one transaction on dst that is committed only when the
 * exports are identical.  CLI_OK or CLI_FAIL after saying why.
 */
static int
copy_into(struct store *dst, const struct dump *src, bool replace,
    size_t *ncustomers)
{
	struct dump got = { NULL, 0 };
	struct err e = { "" };
	long long rows;
	int rc = CLI_FAIL;

	if (store_begin(dst, &e) < 0)
		return cli_error("migrate: the target: %s", e.msg);
	if ((rows = store_rows(dst, &e)) < 0) {
		cli_error("migrate: the target: %s", e.msg);
		goto out;
	}
	if (rows > 0 && !replace) {
		cli_error("migrate: the target is not empty (%lld rows of "
		    "customers, messages and the like); nothing was copied "
		    "(--replace empties it first)", rows);
		goto out;
	}
	if (rows > 0 && store_wipe(dst, &e) < 0) {
		cli_error("migrate: emptying the target: %s", e.msg);
		goto out;
	}
	if (store_import(dst, src->text, src->len, ncustomers, &e) < 0) {
		cli_error("migrate: copying into the target: %s", e.msg);
		goto out;
	}
	if (dump_of(dst, &got, &e) < 0) {
		cli_error("migrate: exporting the target: %s", e.msg);
		goto out;
	}
	if (got.len != src->len || memcmp(got.text, src->text, src->len) != 0) {
		cli_error("migrate: the copy's export differs from the source's "
		    "at line %zu; nothing was written", first_difference(src,
		    &got));
		goto out;
	}
	if (store_commit(dst, &e) < 0) {
		cli_error("migrate: committing the copy: %s", e.msg);
		goto out;
	}
	rc = CLI_OK;
out:
	if (rc != CLI_OK)
		store_rollback(dst);
	free(got.text);
	return rc;
}

int
cmd_migrate(struct cli *c, int argc, char **argv)
{
	const char *to = NULL;
	bool replace = false;
	struct dump src = { NULL, 0 };
	struct store *from, *dst;
	struct err e = { "" };
	size_t n = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "--replace") == 0)
			replace = true;
		else
			return cli_usage(argv[0], "unexpected '%s'", argv[i]);
	}
	if (to == NULL || *to == '\0')
		return cli_usage(argv[0], "--to DATABASE is required");
	if (strcmp(to, c->db_path) == 0)
		return cli_usage(argv[0], "the target is the configured store "
		    "itself");
	if ((from = cli_store(c, false, 0)) == NULL)
		return CLI_FAIL;
	rc = dump_of(from, &src, &e);
	store_close(from);
	if (rc < 0) {
		free(src.text);
		return cli_error("migrate: exporting the source: %s", e.msg);
	}
	/* its errors name the server, never the whole string */
	if ((dst = store_open(to, c->cfg, STORE_CREATE, &e)) == NULL) {
		free(src.text);
		return cli_error("migrate: %s", e.msg);
	}
	rc = copy_into(dst, &src, replace, &n);
	store_close(dst);
	if (rc == CLI_OK)
		printf("migrated %zu customers; the export of the copy is "
		    "identical to the source's (%zu bytes)\n", n, src.len);
	free(src.text);
	return rc == CLI_OK && fflush(stdout) != 0 ?
	    cli_error("migrate: write failed") : rc;
}
