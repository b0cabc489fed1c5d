/*
 * cmd_edit - the owner's edits: tag, untag, categorize, merge, forget, code.
 *
 * Each checks its arguments (addresses, tag names, categories), opens the
 * store for writing, makes one call, and says in one line what it did.
 * Never: touches the database except through the store's edit functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "classify/category.h"
#include "store/fields.h"
#include "store/store_owner.h"


static int
tag_edit(struct cli *c, int argc, char **argv, bool add)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	char *addr = NULL, *tag = NULL;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, 0, 2, 2, &o)) != CLI_OK)
		return rc;
	if ((addr = cli_address(argv[0], o.args[0])) == NULL)
		return CLI_USAGE;
	/* the grammar import checks too (fields.h), after lower-casing */
	if ((tag = str_lower(o.args[1])) == NULL || !field_tag(tag)) {
		rc = cli_usage(argv[0], "bad tag '%s' (letters, digits, - and _, "
		    "at most %d)", o.args[1], FIELD_TAG_MAX);
		goto out;
	}
	if (strcmp(tag, "referrer") == 0 || strcmp(tag, "referred") == 0) {
		rc = cli_usage(argv[0], "the %s tag follows the referrals; use "
		    "'clientele referral ADDRESS --by REFERRER | --none'", tag);
		goto out;
	}
	if ((s = cli_store(c, true, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	rc = cli_outcome(store_tag(s, addr, tag, add, &e), &e,
	    "no customer %s", addr);
	store_close(s);
	if (rc == CLI_OK)
		printf("%s: tag %s %s\n", addr, tag, add ? "added" : "removed");
out:
	free(addr);
	free(tag);
	return rc;
}

int
cmd_tag(struct cli *c, int argc, char **argv)
{
	return tag_edit(c, argc, argv, true);
}

int
cmd_untag(struct cli *c, int argc, char **argv)
{
	return tag_edit(c, argc, argv, false);
}

int
cmd_categorize(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	const char *cat;
	char *addr;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, 0, 2, 2, &o)) != CLI_OK)
		return rc;
	cat = o.args[1];
	if (strcmp(cat, "auto") == 0)
		cat = NULL;
	else if (!category_valid(cat))
		return cli_usage(argv[0], "category must be good, ok, bad or auto");
	if ((rc = cli_address_store(c, argv[0], o.args[0], true, &addr,
	    &s)) != CLI_OK)
		return rc;
	rc = cli_outcome(store_categorize(s, addr, cat, &e), &e,
	    "no customer %s", addr);
	store_close(s);
	if (rc == CLI_OK && cat)
		printf("%s: category %s (set by hand)\n", addr, cat);
	else if (rc == CLI_OK)
		printf("%s: category automatic\n", addr);
	free(addr);
	return rc;
}

int
cmd_merge(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	char *keep = NULL, *other = NULL;
	const char *unknown = NULL;	/* which of the two is no customer */
	int rc, r;

	if ((rc = cli_parse_opts(argv[0], argc, argv, 0, 2, 2, &o)) != CLI_OK)
		return rc;
	if ((keep = cli_address(argv[0], o.args[0])) == NULL ||
	    (other = cli_address(argv[0], o.args[1])) == NULL) {
		rc = CLI_USAGE;
		goto out;
	}
	if (strcmp(keep, other) == 0) {
		rc = cli_usage(argv[0], "cannot merge %s into itself", keep);
		goto out;
	}
	if ((s = cli_store(c, true, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	r = store_merge(s, keep, other, &unknown, &e);
	store_close(s);
	rc = cli_outcome(r, &e, "no customer %s", unknown);
	if (rc == CLI_OK)
		printf("merged %s into %s\n", other, keep);
out:
	free(keep);
	free(other);
	return rc;
}

int
cmd_forget(struct cli *c, int argc, char **argv)
{
	struct store *s;
	struct err e = { "" };
	const char *arg = NULL;
	bool allow_return = false;
	char *addr;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--allow-return") == 0)
			allow_return = true;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage(argv[0], "unknown option '%s'", argv[i]);
		else if (arg == NULL)
			arg = argv[i];
		else
			return cli_usage(argv[0], "unexpected argument '%s'",
			    argv[i]);
	}
	if (arg == NULL)
		return cli_usage(argv[0], "forget needs 1 argument");
	if ((addr = cli_address(argv[0], arg)) == NULL)
		return CLI_USAGE;
	if ((s = cli_store(c, true, 0)) == NULL) {
		free(addr);
		return CLI_FAIL;
	}
	rc = cli_outcome(store_forget_for_good(s, addr, allow_return, &e), &e,
	    "no customer %s", addr);
	store_close(s);
	if (rc == CLI_OK)
		printf(allow_return ? "forgot %s; they may come back\n" :
		    "forgot %s\n", addr);
	free(addr);
	return rc;
}

/*
 * referral_address - OWNER+TAGCODE@DOMAIN from the first OwnAddresses
 * entry; the bare code when no owner address is configured.  Caller frees.
 */
static char *
referral_address(const struct config *cfg, const char *code)
{
	const char *tag = cfg->referral_tag ? cfg->referral_tag : "ref-";
	const char *own, *at;
	struct buf b;

	buf_init(&b, 4096);
	if (cfg->own_addresses.n == 0) {
		buf_puts(&b, code);
		return buf_steal(&b);
	}
	own = cfg->own_addresses.v[0];
	at = strrchr(own, '@');
	if (at == NULL)
		buf_printf(&b, "%s+%s%s", own, tag, code);
	else
		buf_printf(&b, "%.*s+%s%s%s", (int)(at - own), own, tag, code, at);
	return buf_steal(&b);
}

int
cmd_code(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	char *addr, *code = NULL, *ref;
	int rc;

	if ((rc = cli_address_start(c, argc, argv, 0, true, &o, &addr,
	    &s)) != CLI_OK)
		return rc;
	rc = cli_outcome(store_code(s, addr, &code, &e), &e, "no customer %s",
	    addr);
	store_close(s);
	if (rc == CLI_OK) {
		if (c->cfg->own_addresses.n == 0)
			fprintf(stderr, "clientele: no OwnAddresses configured; "
			    "printing the bare code\n");
		if ((ref = referral_address(c->cfg, code)) == NULL)
			rc = cli_error("out of memory");
		else
			printf("%s\n", ref);
		free(ref);
	}
	free(code);
	free(addr);
	return rc;
}
