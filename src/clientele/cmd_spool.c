/*
 * cmd_spool - mail the milter spooled while the store was down:
 * clientele spool [--replay]
 *
 * Without options prints how many messages wait in SpoolDir.  With
 * --replay feeds each of them, oldest first, through the same pipeline as
 * the milter into the store (idempotent by Message-ID, so a message the
 * milter already replayed records nothing twice), deletes each once
 * recorded, and stops at the first store failure so that order is kept.
 * Never: decides what a message means (pipeline_process does) or writes
 * to the spool (only the milter does).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "app/pipeline.h"
#include "classify/rules.h"
#include "app/spool.h"
#include "classify/valueset.h"

/* replay_one - the spool_replay callback: one message into the store */
static enum spool_verdict
replay_one(const struct spool_msg *m, void *arg, struct err *e)
{
	struct pipeline_result res;
	enum spool_verdict v = SPOOL_DONE;

	if (pipeline_process(arg, m->data, m->len, &m->env, &res, e) < 0)
		/* with facts the store failed; without, never a message */
		v = res.facts != NULL ? SPOOL_FAIL : SPOOL_REJECT;
	pipeline_result_clear(&res);
	return v;
}

/* replay - the whole spool into the store; CLI_OK or CLI_FAIL */
static int
replay(struct cli *c, const char *dir)
{
	struct spool_stats st;
	struct pipeline p;
	struct rules *rules;
	struct valueset *vs = NULL;
	struct store *s;
	struct err e = { "" };
	int rc = CLI_OK;

	rules = rules_load_configured_langs(c->cfg->rules_file,
	    c->cfg->rules_file_set, c->cfg->languages, &e);
	if (rules == NULL)
		return cli_error("%s", e.msg);
	if (cli_load_valueset(c->cfg, &vs) != CLI_OK) {
		rules_free(rules);
		return CLI_FAIL;
	}
	if ((s = cli_store(c, true, 0)) == NULL) {
		valueset_free(vs);
		rules_free(rules);
		return CLI_FAIL;
	}
	pipeline_init(&p, c->cfg, rules, s);
	p.skip_summary = true;
	p.valueset = vs;
	if (spool_replay(dir, 0, replay_one, &p, &st, &e) < 0)
		rc = cli_error("%s", e.msg);
	else if (st.busy)
		rc = cli_error("%s is being replayed by another process (the "
		    "milter?); try again", dir);
	printf("replayed %zu messages, %zu moved to %s/, %zu left in %s\n",
	    st.replayed, st.quarantined, SPOOL_BAD_DIR, st.left, dir);
	store_close(s);
	valueset_free(vs);
	rules_free(rules);
	return rc;
}

int
cmd_spool(struct cli *c, int argc, char **argv)
{
	const char *dir = c->cfg->spool_dir;
	struct err e = { "" };
	bool do_replay = false;
	long depth;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--replay") == 0)
			do_replay = true;
		else
			return cli_usage(argv[0], "unexpected argument '%s'",
			    argv[i]);
	}
	if ((depth = spool_depth(dir, &e)) < 0)
		return cli_error("%s", e.msg);
	/* nothing to replay: do not open (or create) the store */
	if (do_replay && depth > 0)
		return replay(c, dir);
	printf("%ld %s waiting in %s\n", depth,
	    depth == 1 ? "message" : "messages", dir);
	return CLI_OK;
}
