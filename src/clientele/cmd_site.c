/*
 * cmd_site - `clientele report --html DIR`: the browsable report.
 *
 * Parses the arguments, loads the value set and rules when there is a
 * value set (the customer pages then show where values fit), and hands
 * the rest to report_site_write.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "classify/rules.h"
#include "report/report_site.h"
#include "classify/valueset.h"

int
cmd_report(struct cli *c, int argc, char **argv)
{
	const char *dir = NULL;
	struct valueset *vs = NULL;
	struct rules *rules = NULL;
	struct store *s;
	struct err e = { "" };
	size_t n = 0;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--html") == 0 && i + 1 < argc && !dir)
			dir = argv[++i];
		else if (strncmp(argv[i], "--html=", 7) == 0 && !dir)
			dir = argv[i] + 7;
		else
			return cli_usage(argv[0], "unexpected argument '%s'",
			    argv[i]);
	}
	if (dir == NULL || *dir == '\0')
		return cli_usage(argv[0], "give the folder: --html DIR");
	if ((rc = cli_load_valueset(c->cfg, &vs)) != CLI_OK)
		return rc;
	if (vs && (rc = cli_load_rules(c->cfg, &rules)) != CLI_OK) {
		valueset_free(vs);
		return rc;
	}
	if ((s = cli_store(c, false, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	rc = report_site_write(s, dir, vs, rules, time(NULL), &n, &e);
	store_close(s);
	if (rc < 0)
		rc = cli_error("%s", e.msg);
	else
		fprintf(stderr, "wrote %zu files under %s; open %s/index.html\n",
		    n, dir, dir);
out:
	rules_free(rules);
	valueset_free(vs);
	return rc;
}
