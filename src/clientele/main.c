/*
 * main - the clientele command: global options, dispatch, help.
 *
 * Owns: the configuration snapshot for the run and the table of
 * subcommands.  Parses `[--config FILE] [--db FILE] COMMAND [ARGS]`, loads
 * the configuration, and hands argv to the command's row.  The helpers
 * every command shares (option parsing, opening the store, usage hints)
 * are in cli.c, which calls no command.  Never: decides anything about
 * mail or customers; the commands call the library for that.
 *
 * Exit status: 0 success, 1 runtime failure, 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli.h"
#include "classify/rules.h"
#include "classify/category.h"
#include "util/escape.h"
#include "util/log.h"
#include "classify/revenue.h"
#include "app/spool.h"
#include "util/version.h"

/* The dispatch table: one row per command, in the order --help lists them. */
const struct cli_command cli_commands[] = {
	{ "ingest", cmd_ingest, "[--sent PATH]... [--explain] PATH...",
	  "read .eml files, Maildir folders, mbox files, - for stdin",
	  "Each message is parsed, classified and recorded once (by\n"
	  "Message-ID), so a mailbox may be ingested again safely.  A message\n"
	  "that cannot be parsed or has no sender is reported on stderr as\n"
	  "FILE or FILE:#N (its place in an mbox) and skipped.\n"
	  "--sent PATH names your Sent folder: read first, its mail is yours\n"
	  "and makes its recipients customers; an own From elsewhere is then\n"
	  "ignored.  --explain prints each message's verdict (noise and why,\n"
	  "your mail, or personal mail and its sender's status).", true },
	{ "customers", cmd_customers,
	  "[--category C] [--tag T] [--company DOMAIN] [--status S]\n"
	  "    [--format text|json|csv]",
	  "list customers", "--company lists the people of one firm (see\n"
	  "'clientele companies').  --status prospect lists the contacts who\n"
	  "are not customers yet, --status all everyone; the default is\n"
	  "customers only.  Under CustomerPolicy two-way a contact becomes a\n"
	  "customer once you wrote to them, they answered your thread, or you\n"
	  "confirmed them.", true },
	{ "referrers", cmd_referrers,
	  "[--limit N] [--since DURATION] [--format text|json|csv]",
	  "who sends you business, most referrals first",
	  "DURATION is like 24h, 30d, 2w, 3mo (30 days each), 1y or a date\n"
	  "(YYYY-MM-DD, from its midnight UTC); 30m is minutes.  --since\n"
	  "counts referrals made in that window only.  A referral counts\n"
	  "once both people are customers; until then it shows as pending:\n"
	  "2 (+1 pending).", true },
	{ "problems", cmd_problems, "[--format text|json|csv]",
	  "bad customers, and the rude, complaining, haggling, late-paying",
	  NULL, true },
	{ "show", cmd_show, "ADDRESS [--all] [--format text|json|csv]",
	  "everything known about one customer, with the evidence",
	  "Lists the company, the names the customer announced that have not\n"
	  "written yet (\"announced:\"), the owner's notes and the last 10\n"
	  "messages (date, in or out, subject and what each produced); --all\n"
	  "lists the whole history.", true },
	{ "enquiries", cmd_enquiries, "[--since DURATION] [--format text|json|csv]",
	  "first messages still waiting for your reply, oldest first",
	  "A contact's first message counts as an enquiry until you write to\n"
	  "them (outgoing mail through the milter, or ingest --sent).  The\n"
	  "digest opens with the same list.", true },
	{ "confirm", cmd_confirm, "ADDRESS",
	  "make a contact a customer by hand",
	  "Under CustomerPolicy two-way a contact becomes a customer once you\n"
	  "have written to them or they answer your mail; confirm says so\n"
	  "yourself.  Any other edit of the person (tag, categorize, merge,\n"
	  "code, referral, note) does the same.", true },
	{ "tag", cmd_tag, "ADDRESS TAG", "add a tag by hand",
	  "The referrer and referred tags follow the referrals: change them\n"
	  "with 'clientele referral'.", true },
	{ "untag", cmd_untag, "ADDRESS TAG", "remove a tag", NULL, true },
	{ "categorize", cmd_categorize, "ADDRESS good|ok|bad|auto",
	  "set the category by hand, or back to automatic", NULL, true },
	{ "merge", cmd_merge, "KEEP_ADDRESS OTHER_ADDRESS",
	  "treat OTHER as another address of KEEP", NULL, true },
	{ "forget", cmd_forget, "ADDRESS [--allow-return]",
	  "erase a person completely (right to erasure)",
	  "Leaves a tombstone, a salted hash of each of the person's\n"
	  "addresses (never the address), so that old mail ingested again\n"
	  "does not bring them back.  --allow-return leaves none, so their\n"
	  "next message makes them a contact again; on an address already\n"
	  "forgotten it lifts the tombstone.", true },
	{ "code", cmd_code, "ADDRESS",
	  "print the customer's referral address", NULL, true },
	{ "summary", cmd_summary, "[--since DURATION] [--format text|json]",
	  "what changed (default: the last 24h) and the standing picture",
	  "The same report as the digest, for the terminal; colour only when\n"
	  "standard output is a terminal (and NO_COLOR is not set).", true },
	{ "digest", cmd_digest,
	  "[--since DURATION] [--to ADDR] [--send] [--skip-empty]",
	  "the daily digest as a mail message (stdout, or --send it)",
	  "Writes one RFC 5322 message: From DigestFrom, To DigestTo or --to,\n"
	  "a text and an HTML part.  --send hands it to the configured\n"
	  "Sendmail with -i; --skip-empty sends nothing on a quiet day.\n"
	  "Without --since it covers everything recorded since the last digest\n"
	  "sent (the first time, the last 24 hours), however the messages were\n"
	  "dated; only a digest Sendmail accepted counts as sent.  Times are\n"
	  "shown in TimeZone (default: the system's).", true },
	{ "export", cmd_export, "[--format json|csv]",
	  "everything the store knows, for a spreadsheet or another tool",
	  "JSON (the default) can be read back by 'clientele import' into an\n"
	  "empty store; CSV has one row per customer.", true },
	{ "import", cmd_import, "FILE",
	  "read an export (JSON) into an empty store", NULL, true },
	{ "migrate", cmd_migrate, "--to DATABASE [--replace]",
	  "copy the store into another (SQLite into PostgreSQL), verified",
	  "DATABASE is written as in the Database key: postgresql://...,\n"
	  "pgsql:CONNINFO, or a SQLite file.  Everything 'clientele export'\n"
	  "writes is copied in one transaction, then the copy is exported and\n"
	  "compared with the source's export: the copy is kept only when the\n"
	  "two are identical, and the command says so.  A target that holds\n"
	  "anything is refused; --replace empties it first.  Point Database\n"
	  "at the new store afterwards, and stop the milter while copying.",
	  true },
	{ "revenue", cmd_revenue,
	  "import FILE.csv [--create-unknown] | add ADDRESS AMOUNT [DATE]",
	  "record what customers paid (refunds are negative amounts)",
	  "The CSV has a header row naming email, amount and optionally date\n"
	  "(YYYY-MM-DD, default today) and reference.  Amounts are like\n"
	  "1234.56; thousands separators are refused.  Each payment is\n"
	  "recorded once (by reference, or by address, amount and date), so a\n"
	  "file may be imported again safely.  Bad rows and unknown addresses\n"
	  "are reported as FILE:LINE and skipped; --create-unknown adds the\n"
	  "unknown ones as customers.", true },
	{ "assess", cmd_assess, "ADDRESS KEY=yes|no|unknown...",
	  "your own judgement of a customer against your value set", NULL,
	  true },
	{ "valueset", cmd_valueset,
	  "[--publish [--to ADDRESS | --html FILE]]",
	  "list your value set, or print a form a customer can tick",
	  "--publish prints a message (From: DigestFrom or the first of\n"
	  "OwnAddresses) listing each value with a [ ] box; a customer's reply\n"
	  "with [x] ticks is recorded as their own verdicts when ingested.\n"
	  "--publish --html FILE writes the same as a web page for your site,\n"
	  "with a link that opens that reply addressed to you.",
	  true },
	{ "ideal", cmd_ideal, "[--limit N] [--format text|json|csv]",
	  "your ideal customers: good, profitable, referring, aligned",
	  "Only good customers are ranked.  The score (0-100) is up to 50 for\n"
	  "revenue in the last 12 months relative to the best payer, 10 per\n"
	  "person referred (at most 30), and up to +/-20 for values that fit\n"
	  "or do not.  In JSON, revenue is a string with two decimals.", true },
	{ "spool", cmd_spool, "[--replay]",
	  "mail the milter kept while the store was down",
	  "Prints how many messages wait in SpoolDir.  --replay records them,\n"
	  "oldest first, and removes each once recorded (the milter also does\n"
	  "this by itself once the store works again).", true },
	{ "referral", cmd_referral, "ADDRESS --by REFERRER | --none",
	  "set, move or clear who referred a person (final)",
	  "A credit set by hand is final: later mail never sets or moves it.\n"
	  "Referral counts, tags, categories and the digest follow at once.",
	  true },
	{ "ignore", cmd_ignore, "[ADDRESS|@DOMAIN [--reason TEXT]]",
	  "never a contact again; erase what it left (no argument: list)",
	  "Mail from or to the address (or anyone at the domain) no longer\n"
	  "makes a contact, a tag or a referral, and the contacts it already\n"
	  "made are erased with their credits given and received.", true },
	{ "unignore", cmd_unignore, "ADDRESS|@DOMAIN",
	  "stop ignoring; what was erased stays erased", NULL, true },
	{ "note", cmd_note, "ADDRESS [TEXT...] | --delete ID",
	  "keep a note on a customer; with no TEXT list them",
	  "Notes are shown by 'clientele show' (with their numbers by\n"
	  "'clientele note ADDRESS') and written by 'clientele export'.", true },
	{ "find", cmd_find, "TEXT... [--limit N] [--format text|json|csv]",
	  "customers by name, domain or part of an address, best first",
	  "Names match whatever their case and accents: 'zoe muller' finds\n"
	  "Zo\xc3\xab M\xc3\xbcller.", true },
	{ "companies", cmd_companies, "[--format text|json|csv]",
	  "firms (by mail domain) with their people, referrals and revenue",
	  "Free-mail and Internet-provider domains (conf/freemail.conf,\n"
	  "compiled in) are no company.", true },
	{ "duplicates", cmd_duplicates, "[--format text|json|csv]",
	  "people who may be one person under two addresses",
	  "Suggestions only (same full name, an address that spells\n"
	  "another's name, or one writing under another's address as its\n"
	  "name); 'clientele merge' joins them.", true },
	{ "report", cmd_report, "--html DIR",
	  "write a static site to browse: overview, referrals, customers",
	  "Writes index.html (overview), network.html (who brought whom),\n"
	  "customers.html (searchable, sortable) and one page per customer\n"
	  "under c/.  Nothing is fetched from outside; open DIR/index.html\n"
	  "in a browser.  Running it again brings the folder up to date.",
	  true },
	{ NULL, NULL, NULL, NULL, NULL, false },
};

static const struct cli_command *
find_command(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void
usage_all(FILE *fp)
{
	fprintf(fp,
	    "usage: clientele [--config FILE] [--db FILE] COMMAND [ARGS]\n"
	    "       clientele --help | --version | help COMMAND\n\ncommands:\n");
	for (const struct cli_command *c = cli_commands; c->name; c++)
		fprintf(fp, "  %-11s %s\n  %-11s   %s\n", c->name, c->usage, "",
		    c->summary);
	fprintf(fp,
	    "\noptions:\n"
	    "  -c, --config FILE  configuration (default %s)\n"
	    "      --db FILE      database (overrides Database)\n"
	    "\nexit status: 0 success, 1 failure, 2 usage error\n",
	    CONFIG_DEFAULT_PATH);
}

static void
usage_command(FILE *fp, const struct cli_command *c)
{
	fprintf(fp, "usage: clientele [--config FILE] [--db FILE] %s %s\n\n%s\n",
	    c->name, c->usage, c->summary);
	if (c->help)
		fprintf(fp, "\n%s\n", c->help);
}

/* ---- main ---- */

static bool
wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return false;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	}
	return false;
}

static int
load_config(struct cli *c, const char *db)
{
	struct err e = { "" };

	c->cfg = config_load(c->config_path ? c->config_path : CONFIG_DEFAULT_PATH,
	    c->config_path == NULL, &e);
	if (c->cfg == NULL)
		return cli_error("%s", e.msg);
	c->db_path = db ? db : c->cfg->database;
	if (c->db_path == NULL)
		c->db_path = CONFIG_DEFAULT_DB;
	log_set_level((enum log_level)c->cfg->log_level);
	/* Reports print local times in the owner's zone (TimeZone). */
	if (c->cfg->time_zone && setenv("TZ", c->cfg->time_zone, 1) < 0)
		return cli_error("TimeZone: %s", strerror(errno));
	tzset();
	return CLI_OK;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct cli cli = { NULL, NULL, NULL };
	const struct cli_command *cmd;
	const char *db = NULL;
	int ch, rc;

	log_open("clientele", false, 0);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cli.config_path = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'h':
			usage_all(stdout);
			return CLI_OK;
		case 'V':
			printf("clientele %s\n", CLIENTELE_VERSION);
			return CLI_OK;
		case ':':
			return cli_usage(NULL, "option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return cli_usage(NULL, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage(NULL, "no command given");
	argc -= optind;
	argv += optind;
	if (strcmp(argv[0], "help") == 0) {
		if (argc < 2) {
			usage_all(stdout);
			return CLI_OK;
		}
		if ((cmd = find_command(argv[1])) == NULL)
			return cli_usage(NULL, "unknown command '%s'", argv[1]);
		usage_command(stdout, cmd);
		return CLI_OK;
	}
	if ((cmd = find_command(argv[0])) == NULL)
		return cli_usage(NULL, "unknown command '%s'", argv[0]);
	if (wants_help(argc, argv)) {
		usage_command(stdout, cmd);
		return CLI_OK;
	}
	if (cmd->needs_config && (rc = load_config(&cli, db)) != CLI_OK)
		return rc;
	rc = cmd->run(&cli, argc, argv);
	config_free(cli.cfg);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error("cannot write the output: %s", strerror(errno));
	return rc;
}
