/*
 * cmd_report - the read-only reports: customers, referrers, problems, show.
 *
 * Each command parses its options, opens the store read-only, asks it one
 * question and hands the answer to the report module to print.  Never:
 * filters, sorts or judges customers itself (the store's queries do).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "store/store_owner.h"

/*
 * print_list - the list the store answered with (rc < 0: it failed, as e
 * says) rendered in f, then freed; the exit status
 */
static int
print_list(int rc, const struct err *e, struct customer_list *l,
    enum report_format f, unsigned flags)
{
	struct err re = { "" };

	if (rc < 0)
		rc = cli_error("%s", e->msg);
	else if (report_list_file(stdout, l, f, flags, &re) < 0)
		rc = cli_error("%s", re.msg);
	else
		rc = CLI_OK;
	customer_list_free(l);
	return rc;
}

/* A list report's question to the store, from the options parsed. */
typedef int (*list_query)(struct store *s, const struct cli_opts *o,
    struct customer_list *l, struct err *e);

/*
 * list_report - a list command: the options in `allowed` and no argument,
 * the store opened for reading and asked q, the answer printed
 */
static int
list_report(struct cli *c, int argc, char **argv, unsigned allowed,
    list_query q, unsigned flags)
{
	struct customer_list l = { NULL, 0 };
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, allowed, 0, 0, &o)) !=
	    CLI_OK)
		return rc;
	if ((s = cli_store(c, false, 0)) == NULL)
		return CLI_FAIL;
	rc = q(s, &o, &l, &e);
	store_close(s);
	return print_list(rc, &e, &l, o.format, flags);
}

static int
customers_query(struct store *s, const struct cli_opts *o,
    struct customer_list *l, struct err *e)
{
	struct customer_filter flt = { .category = o->category,
	    .tag = o->tag, .status = o->status };

	if (o->company != NULL)
		return store_company_customers(s, o->company, &flt, l, e);
	return store_customers(s, &flt, l, e);
}

int
cmd_customers(struct cli *c, int argc, char **argv)
{
	return list_report(c, argc, argv, CLI_OPT_FORMAT | CLI_OPT_CATEGORY |
	    CLI_OPT_TAG | CLI_OPT_COMPANY | CLI_OPT_STATUS, customers_query, 0);
}

static int
referrers_query(struct store *s, const struct cli_opts *o,
    struct customer_list *l, struct err *e)
{
	time_t since = o->since > 0 ? time(NULL) - (time_t)o->since : 0;

	return store_referrers(s, since, (size_t)o->limit, l, e);
}

int
cmd_referrers(struct cli *c, int argc, char **argv)
{
	return list_report(c, argc, argv, CLI_OPT_FORMAT | CLI_OPT_LIMIT |
	    CLI_OPT_SINCE, referrers_query, 0);
}

static int
problems_query(struct store *s, const struct cli_opts *o,
    struct customer_list *l, struct err *e)
{
	return store_problems(s, l, e);
}

int
cmd_problems(struct cli *c, int argc, char **argv)
{
	return list_report(c, argc, argv, CLI_OPT_FORMAT, problems_query,
	    REPORT_REASONS);
}

/* show_json - the detail object with the value checklist as "values" */
static int
show_json(struct cli *c, const char *addr, const struct customer_detail *d)
{
	struct buf b;
	int rc;

	buf_init(&b, 0);
	if (report_detail(&b, d, REPORT_JSON) < 0 || b.len < 2) {
		buf_free(&b);
		return cli_error("report too large to render");
	}
	b.len -= 2;		/* the closing "}\n" comes after the values */
	b.data[b.len] = '\0';
	if ((rc = cli_values(c, addr, REPORT_JSON, &b)) == CLI_OK &&
	    buf_puts(&b, "}\n") < 0)
		rc = cli_error("report too large to render");
	if (rc == CLI_OK)
		rc = cli_put(&b);
	buf_free(&b);
	return rc;
}

int
cmd_show(struct cli *c, int argc, char **argv)
{
	struct customer_detail *d = NULL;
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	char *addr;
	int rc, found;

	if ((rc = cli_address_start(c, argc, argv, CLI_OPT_FORMAT | CLI_OPT_ALL,
	    false, &o, &addr, &s)) != CLI_OK)
		return rc;
	found = store_show_history(s, addr, o.all ? 0 : 10, &d, &e);
	store_close(s);
	if (found < 0)
		rc = cli_error("%s", e.msg);
	else if (found == 0)
		rc = cli_error("no customer %s", addr);
	else if (o.format == REPORT_JSON)
		rc = show_json(c, addr, d);
	else if (report_detail_file(stdout, d, o.format, &e) < 0)
		rc = cli_error("%s", e.msg);
	else if (o.format == REPORT_TEXT)
		rc = cli_show_values(c, addr);	/* cmd_ideal.c: value checklist */
	customer_detail_free(d);
	free(addr);
	return rc;
}
