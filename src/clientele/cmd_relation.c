/*
 * cmd_relation - contacts and customers: enquiries, confirm.
 *
 * `enquiries` lists the first messages still waiting for the owner's
 * reply; `confirm` makes a contact a customer by hand.  Thin: the store
 * decides who is waiting and what confirming changes; the report module
 * prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

int
cmd_enquiries(struct cli *c, int argc, char **argv)
{
	struct enquiry_list l = { NULL, 0 };
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	struct buf out;
	time_t now = time(NULL), since = 0;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv,
	    CLI_OPT_FORMAT | CLI_OPT_SINCE, 0, 0, &o)) != CLI_OK)
		return rc;
	if (o.since > 0)
		since = now - (time_t)o.since;
	if ((s = cli_store(c, false, 0)) == NULL)
		return CLI_FAIL;
	rc = store_enquiries(s, since, &l, &e);
	store_close(s);
	if (rc < 0)
		return cli_error("%s", e.msg);
	buf_init(&out, 0);
	if (report_enquiries(&out, &l, o.format, now) < 0)
		rc = cli_error("out of memory");
	else
		rc = cli_put(&out);
	buf_free(&out);
	enquiry_list_free(&l);
	return rc;
}

int
cmd_confirm(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	char *addr;
	int rc;

	if ((rc = cli_address_start(c, argc, argv, 0, true, &o, &addr,
	    &s)) != CLI_OK)
		return rc;
	rc = store_confirm(s, addr, &e);
	store_close(s);
	rc = cli_outcome(rc, &e, "no contact %s", addr);
	free(addr);
	return rc;
}
