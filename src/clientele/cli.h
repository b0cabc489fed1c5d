/*
 * cli.h - private to the clientele command: the dispatch table and the
 * helpers every subcommand shares.
 *
 * Adding a command: write cmd_NAME.c with `int cmd_NAME(struct cli *, int,
 * char **)`, declare it below, and add one row to the table in main.c.  A
 * command gets argv with argv[0] = its name; it returns the exit status
 * (CLI_OK, CLI_FAIL, CLI_USAGE).  `COMMAND --help` is answered by main.c
 * from the row's usage and help text before the command runs.
 */
#ifndef CLIENTELE_CLI_H
#define CLIENTELE_CLI_H

#include <stdbool.h>

#include "mail/config.h"
#include "report/report.h"
#include "store/store.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

struct cli {
	const char *config_path;	/* --config, or NULL for the default */
	const char *db_path;		/* --db, or cfg->database */
	struct config *cfg;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage;	/* arguments after the name */
	const char *summary;	/* one line for `clientele --help` */
	const char *help;	/* more lines for `clientele help NAME`, or NULL */
	bool needs_config;	/* load the configuration before running */
};

extern const struct cli_command cli_commands[];

/* Options the report commands share; parsed by cli_parse_opts. */
enum {
	CLI_OPT_FORMAT = 1 << 0,
	CLI_OPT_LIMIT = 1 << 1,
	CLI_OPT_SINCE = 1 << 2,
	CLI_OPT_CATEGORY = 1 << 3,
	CLI_OPT_TAG = 1 << 4,
	CLI_OPT_ALL = 1 << 5,		/* --all (show: the whole history) */
	CLI_OPT_COMPANY = 1 << 6,	/* --company DOMAIN */
	CLI_OPT_STATUS = 1 << 7,	/* --status customer|prospect|all */
};

struct cli_opts {
	enum report_format format;
	long limit;		/* 0: none */
	long long since;	/* seconds, 0: ever */
	const char *category;
	const char *tag;
	bool all;
	const char *company;
	const char *status;	/* customer, prospect, all; NULL: customer */
	int nargs;		/* positional arguments left */
	char **args;
};

/*
 * cli_parse_opts - parse the options in `allowed` and check that between
 * min and max positional arguments remain.  CLI_OK, or CLI_USAGE after
 * printing the one-line hint.
 */
int cli_parse_opts(const char *cmd, int argc, char **argv, unsigned allowed,
    int min, int max, struct cli_opts *o);

/*
 * A command's own long options, for those that take more than the report
 * options: --name with a value (stored, borrowed from argv, in *value) or
 * a flag (*set becomes true).  A table ends with a NULL name.
 */
struct cli_flag {
	const char *name;
	const char **value;	/* NULL: a flag */
	bool *set;		/* a flag's place, when value is NULL */
};
#define CLI_FLAGS_MAX 8

/*
 * cli_flags - parse flags (at most CLI_FLAGS_MAX) in argv after argv[0];
 * with in_order the first argument ends the options, so later words may
 * look like options.  The index in argv of the first argument, or -1
 * after printing the usage hint (unknown option, missing value).
 */
int cli_flags(const char *cmd, int argc, char **argv,
    const struct cli_flag *flags, bool in_order);

/*
 * cli_since_parse - a --since value: a DURATION (duration_parse) or a
 * past date YYYY-MM-DD (from its midnight UTC), as seconds back from now.
 * 0, or -1 when it is neither.
 */
int cli_since_parse(const char *arg, long long *seconds);

/* cli_usage - print "clientele: <text>; try 'clientele CMD --help'"; returns CLI_USAGE */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* cli_error - print "clientele: <text>" on stderr; returns CLI_FAIL */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * cli_outcome - the exit status for a store call's r (1 done, 0 nothing
 * of that name, -1 error): CLI_OK; or CLI_FAIL after printing e's words
 * (r < 0) or the text of none_fmt (r == 0).
 */
int cli_outcome(int r, const struct err *e, const char *none_fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * cli_put - write b (borrowed; not freed) to stdout: CLI_OK, or CLI_FAIL
 * after saying the output could not be written
 */
int cli_put(const struct buf *b);

/*
 * cli_store - open the database: for reports read-only and only if it
 * exists; for writes with STORE_CREATE (and `extra` flags).  NULL after
 * printing why.
 */
struct store *cli_store(struct cli *c, bool write, int extra);
/*
 * cli_report_start - a report command that takes --format and no
 * argument: its options into o and the store opened for reading into *s.
 * CLI_OK, or the code to return (after saying why).
 */
int cli_report_start(struct cli *c, int argc, char **argv,
    struct cli_opts *o, struct store **s);

/* cli_load_rules - the configured rules (rules_load_configured); CLI_OK or CLI_FAIL after saying why */
struct rules;
int cli_load_rules(const struct config *cfg, struct rules **out);

/* cli_address - lower-case copy of a valid address argument, or NULL after a usage hint */
char *cli_address(const char *cmd, const char *arg);
/*
 * cli_arg_store - a command about one thing named by arg: what parse
 * makes of it (a copy the caller frees, or NULL after parse printed a
 * usage hint) into *out, and the store opened for writing or reading
 * (cli_store; the caller closes *s).  CLI_OK, or the code to return after
 * saying why, with nothing left to free.
 */
int cli_arg_store(struct cli *c, const char *cmd, const char *arg,
    char *(*parse)(const char *cmd, const char *arg), bool write,
    char **out, struct store **s);
/* cli_address_store - cli_arg_store of an address argument (cli_address) */
int cli_address_store(struct cli *c, const char *cmd, const char *arg,
    bool write, char **addr, struct store **s);
/*
 * cli_address_start - a command whose one argument is ADDRESS: the
 * options in `allowed` into o (cli_parse_opts), then cli_address_store.
 * CLI_OK, or the code to return after saying why, nothing left to free.
 */
int cli_address_start(struct cli *c, int argc, char **argv,
    unsigned allowed, bool write, struct cli_opts *o, char **addr,
    struct store **s);

/* The commands. */
int cmd_ingest(struct cli *c, int argc, char **argv);
int cmd_customers(struct cli *c, int argc, char **argv);
int cmd_referrers(struct cli *c, int argc, char **argv);
int cmd_problems(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_tag(struct cli *c, int argc, char **argv);
int cmd_untag(struct cli *c, int argc, char **argv);
int cmd_categorize(struct cli *c, int argc, char **argv);
int cmd_merge(struct cli *c, int argc, char **argv);
int cmd_forget(struct cli *c, int argc, char **argv);
int cmd_code(struct cli *c, int argc, char **argv);
int cmd_summary(struct cli *c, int argc, char **argv);
int cmd_digest(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_migrate(struct cli *c, int argc, char **argv);
int cmd_spool(struct cli *c, int argc, char **argv);
/* The browsable report (cmd_site.c). */
int cmd_report(struct cli *c, int argc, char **argv);
/* Contacts and customers (cmd_relation.c). */
int cmd_enquiries(struct cli *c, int argc, char **argv);
int cmd_confirm(struct cli *c, int argc, char **argv);

/* The owner in control (cmd_owner.c). */
int cmd_referral(struct cli *c, int argc, char **argv);
int cmd_ignore(struct cli *c, int argc, char **argv);
int cmd_unignore(struct cli *c, int argc, char **argv);
int cmd_note(struct cli *c, int argc, char **argv);
int cmd_find(struct cli *c, int argc, char **argv);
int cmd_companies(struct cli *c, int argc, char **argv);
int cmd_duplicates(struct cli *c, int argc, char **argv);

/* Ideal customers (cmd_ideal.c): revenue, values, ranking. */
struct valueset;
int cmd_revenue(struct cli *c, int argc, char **argv);
int cmd_assess(struct cli *c, int argc, char **argv);
int cmd_valueset(struct cli *c, int argc, char **argv);
int cmd_ideal(struct cli *c, int argc, char **argv);
/* cli_show_values - the value checklist `show` prints (text); CLI_OK when no value set */
int cli_show_values(struct cli *c, const char *addr);
/* cli_values - text on stdout, or for JSON ,"values":{...}|null appended to json_out */
int cli_values(struct cli *c, const char *addr, enum report_format f,
    struct buf *json_out);
/* cli_load_valueset - the ValueSet file if it exists (*out NULL if not); CLI_OK or CLI_FAIL */
int cli_load_valueset(const struct config *cfg, struct valueset **out);

#endif
