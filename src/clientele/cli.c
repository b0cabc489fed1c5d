/*
 * cli - the helpers every command of clientele shares: messages and
 * usage hints on stderr, option parsing, loading the rules and the value
 * set, opening the store, the value checklist under `show`.
 *
 * Calls, one way: main.c dispatches to the commands (cmd_*.c), and they
 * and main.c call these; nothing here calls a command or main.c.
 */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "app/spool.h"
#include "classify/category.h"
#include "classify/ideal.h"
#include "classify/revenue.h"
#include "classify/rules.h"
#include "classify/valueset.h"
#include "store/store_ideal.h"
#include "util/escape.h"
#include "util/log.h"

/*
 * say - one line on stderr, "clientele: " and the text escaped for a
 * terminal: the arguments may hold a file name, a field of a file or a
 * message's text, never to reach the terminal raw
 */
static void say(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void
say(const char *fmt, va_list ap)
{
	struct buf b;

	buf_init(&b, 0);
	fputs("clientele: ", stderr);
	if (esc_term_vprintf(&b, fmt, ap) == 0)
		fputs(buf_cstr(&b), stderr);
	else
		fputs("(message too long to show)", stderr);
	buf_free(&b);
}

int
cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "; try 'clientele %s --help'\n", cmd);
	else
		fputs("; try 'clientele --help'\n", stderr);
	return CLI_USAGE;
}

/* fail - say's line, ended; CLI_FAIL */
static int fail(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static int
fail(const char *fmt, va_list ap)
{
	say(fmt, ap);
	fputc('\n', stderr);
	return CLI_FAIL;
}

int
cli_error(const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = fail(fmt, ap);
	va_end(ap);
	return rc;
}

int
cli_outcome(int r, const struct err *e, const char *none_fmt, ...)
{
	va_list ap;

	if (r < 0)
		return cli_error("%s", e->msg);
	if (r > 0)
		return CLI_OK;
	va_start(ap, none_fmt);
	r = fail(none_fmt, ap);
	va_end(ap);
	return r;
}

int
cli_put(const struct buf *b)
{
	if (b->len > 0 && fwrite(b->data, 1, b->len, stdout) != b->len)
		return cli_error("cannot write the output: %s",
		    strerror(errno));
	return CLI_OK;
}

/* bad_option - the usage hint for getopt_long's ':' (no value) or '?' */
static int
bad_option(const char *cmd, int ch, char **argv)
{
	if (ch == ':')
		return cli_usage(cmd, "option '%s' needs a value",
		    argv[optind - 1]);
	return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
}

int
cli_flags(const char *cmd, int argc, char **argv,
    const struct cli_flag *flags, bool in_order)
{
	struct option lo[CLI_FLAGS_MAX + 1];
	size_t n = 0;
	int ch;

	for (; flags[n].name != NULL; n++) {
		assert(n < CLI_FLAGS_MAX);
		lo[n] = (struct option){ flags[n].name, flags[n].value ?
		    required_argument : no_argument, NULL, 256 + (int)n };
	}
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	opterr = 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, in_order ? "+:" : ":", lo,
	    NULL)) != -1) {
		const struct cli_flag *f;

		if (ch < 256 || ch >= 256 + (int)n) {
			bad_option(cmd, ch, argv);
			return -1;
		}
		f = &flags[ch - 256];
		if (f->value != NULL)
			*f->value = optarg;
		else
			*f->set = true;
	}
	return optind;
}

int
cli_parse_opts(const char *cmd, int argc, char **argv, unsigned allowed,
    int min, int max, struct cli_opts *o)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ "since", required_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'C' },
		{ "tag", required_argument, NULL, 't' },
		{ "all", no_argument, NULL, 'a' },
		{ "company", required_argument, NULL, 'o' },
		{ "status", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int ch;

	memset(o, 0, sizeof(*o));
	o->format = REPORT_TEXT;
	opterr = 0;
	optind = 0;
	while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		unsigned bit = ch == 'f' ? CLI_OPT_FORMAT : ch == 'l' ? CLI_OPT_LIMIT :
		    ch == 's' ? CLI_OPT_SINCE : ch == 'C' ? CLI_OPT_CATEGORY :
		    ch == 't' ? CLI_OPT_TAG : ch == 'a' ? CLI_OPT_ALL :
		    ch == 'o' ? CLI_OPT_COMPANY : ch == 'S' ? CLI_OPT_STATUS : 0;

		if (bit == 0 || !(allowed & bit))
			return bad_option(cmd, ch, argv);
		switch (ch) {
		case 'f':
			if (report_format_parse(optarg, &o->format) < 0)
				return cli_usage(cmd, "unknown format '%s'", optarg);
			break;
		case 'l':
			errno = 0;
			o->limit = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || o->limit < 1)
				return cli_usage(cmd, "bad --limit '%s'", optarg);
			break;
		case 's':
			if (cli_since_parse(optarg, &o->since) < 0)
				return cli_usage(cmd, "bad --since '%s' (e.g. 24h, "
				    "30d, 2w, 3mo, 1y or 2026-01-31; at most 100 "
				    "years)", optarg);
			break;
		case 'C':
			if (!category_valid(optarg))
				return cli_usage(cmd, "unknown category '%s'", optarg);
			o->category = optarg;
			break;
		case 't':
			o->tag = optarg;
			break;
		case 'a':
			o->all = true;
			break;
		case 'o':
			o->company = optarg;
			break;
		case 'S':
			if (strcmp(optarg, "customer") != 0 &&
			    strcmp(optarg, "prospect") != 0 &&
			    strcmp(optarg, "all") != 0)
				return cli_usage(cmd, "unknown status '%s' "
				    "(customer, prospect or all)", optarg);
			o->status = optarg;
			break;
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
	if (o->nargs < min)
		return cli_usage(cmd, "%s needs %d argument%s", cmd, min,
		    min == 1 ? "" : "s");
	if (max >= 0 && o->nargs > max)
		return cli_usage(cmd, "unexpected argument '%s'", o->args[max]);
	return CLI_OK;
}

int
cli_since_parse(const char *arg, long long *seconds)
{
	time_t day, now = time(NULL);

	if (strlen(arg) == 10 && arg[4] == '-') {
		if (revenue_date_parse(arg, &day) < 0 || day >= now ||
		    (long long)(now - day) > DURATION_MAX)
			return -1;
		*seconds = (long long)(now - day);
		return 0;
	}
	*seconds = duration_parse(arg);
	return *seconds > 0 ? 0 : -1;
}

int
cli_load_rules(const struct config *cfg, struct rules **out)
{
	struct err e = { "" };

	*out = rules_load_configured_langs(cfg->rules_file, cfg->rules_file_set,
	    cfg->languages, &e);
	if (*out == NULL)
		return cli_error("%s", e.msg);
	return CLI_OK;
}

/*
 * spool_note - a report opened from the store says so when the milter
 * holds mail it could not record yet (the store was locked or broken):
 * the numbers below leave those messages out until it replays them.  A
 * spool this user cannot read says nothing.
 */
static void
spool_note(const struct cli *c)
{
	long n = spool_depth(c->cfg->spool_dir, NULL);

	if (n > 0)
		fprintf(stderr, "clientele: note: %ld %s in %s not yet in the "
		    "store (the milter records %s within seconds once the "
		    "store is free; see 'clientele spool')\n", n,
		    n == 1 ? "message waits" : "messages wait",
		    c->cfg->spool_dir, n == 1 ? "it" : "them");
}

struct store *
cli_store(struct cli *c, bool write, int extra)
{
	struct store *s;
	struct stat st;
	struct err e = { "" };
	const char *file = store_database_file(c->db_path);

	if (file != NULL && stat(file, &st) != 0 && errno == ENOENT && !write) {
		cli_error("no database at %s; run 'clientele ingest' first",
		    c->db_path);
		return NULL;
	}
	s = store_open(c->db_path, c->cfg,
	    (write ? STORE_CREATE : STORE_READONLY) | extra, &e);
	if (s != NULL && !write)
		spool_note(c);
	/*
	 * most of the store's errors name the file already: say it once; a
	 * server's name its server, and its string may hold a password
	 */
	if (s == NULL && (file == NULL ||
	    strncmp(e.msg, c->db_path, strlen(c->db_path)) == 0))
		cli_error("%s", e.msg);
	else if (s == NULL)
		cli_error("%s: %s", c->db_path, e.msg);
	return s;
}

int
cli_report_start(struct cli *c, int argc, char **argv, struct cli_opts *o,
    struct store **s)
{
	int rc = cli_parse_opts(argv[0], argc, argv, CLI_OPT_FORMAT, 0, 0, o);

	if (rc != CLI_OK)
		return rc;
	return (*s = cli_store(c, false, 0)) != NULL ? CLI_OK : CLI_FAIL;
}

int
cli_address_start(struct cli *c, int argc, char **argv, unsigned allowed,
    bool write, struct cli_opts *o, char **addr, struct store **s)
{
	int rc = cli_parse_opts(argv[0], argc, argv, allowed, 1, 1, o);

	if (rc != CLI_OK)
		return rc;
	return cli_address_store(c, argv[0], o->args[0], write, addr, s);
}

char *
cli_address(const char *cmd, const char *arg)
{
	char *a;

	if (!email_valid(arg)) {
		cli_usage(cmd, "'%s' is not an email address", arg);
		return NULL;
	}
	if ((a = str_lower(arg)) == NULL)
		cli_error("out of memory");
	return a;
}

int
cli_arg_store(struct cli *c, const char *cmd, const char *arg,
    char *(*parse)(const char *cmd, const char *arg), bool write,
    char **out, struct store **s)
{
	if ((*out = parse(cmd, arg)) == NULL)
		return CLI_USAGE;
	if ((*s = cli_store(c, write, 0)) == NULL) {
		free(*out);
		*out = NULL;
		return CLI_FAIL;
	}
	return CLI_OK;
}

int
cli_address_store(struct cli *c, const char *cmd, const char *arg,
    bool write, char **addr, struct store **s)
{
	return cli_arg_store(c, cmd, arg, cli_address, write, addr, s);
}

/*
 * cli_load_valueset - the ValueSet of the configuration: the file named there
 * (which must exist), the installed default file, or the built-in value
 * set when none is installed.  CLI_OK, or CLI_FAIL after printing why.
 */
int
cli_load_valueset(const struct config *cfg, struct valueset **out)
{
	const char *path = cfg && cfg->value_set ? cfg->value_set :
	    CONFIG_DEFAULT_VALUESET;
	bool named = cfg != NULL && cfg->value_set_set;
	struct err e = { "" };

	*out = valueset_load_configured(path, named, &e);
	if (*out == NULL) {
		if (access(path, F_OK) != 0)
			return cli_error("value set %s: %s (missing value set "
			    "named by ValueSet in the configuration)", path,
			    e.msg);
		return cli_error("value set %s: %s", path, e.msg);
	}
	return CLI_OK;
}

/* cli_show_values - the value checklist under `show` (text); CLI_OK when none */
int
cli_show_values(struct cli *c, const char *addr)
{
	return cli_values(c, addr, REPORT_TEXT, NULL);
}

/*
 * cli_values - the checklist as text on stdout, or (json) appended to
 * json_out as ,"values":{...} (null without a value set)
 */
int
cli_values(struct cli *c, const char *addr, enum report_format f,
    struct buf *json_out)
{
	struct valueset *vs = NULL;
	struct rules *rules = NULL;
	struct alignment *a = NULL;
	struct store *s = NULL;
	struct err e = { "" };
	struct buf out;
	int rc, found;

	buf_init(&out, 0);
	if (f == REPORT_JSON && buf_puts(json_out, ",\"values\":") < 0)
		return cli_error("report too large to render");
	if ((rc = cli_load_valueset(c->cfg, &vs)) != CLI_OK || vs == NULL ||
	    (rc = cli_load_rules(c->cfg, &rules)) != CLI_OK) {
		if (f == REPORT_JSON && rc == CLI_OK)
			buf_puts(json_out, "null");
		goto out;
	}
	if ((a = malloc(sizeof(*a))) == NULL) {
		rc = cli_error("out of memory");
		goto out;
	}
	if ((s = cli_store(c, false, 0)) == NULL) {
		rc = CLI_FAIL;
		goto out;
	}
	found = store_alignment(s, addr, vs, rules, a, &e);
	/*
	 * With only the built-in value set (no file installed) the list is
	 * shown once something is known about this customer's values; an
	 * owner who never wrote a value set is not shown twelve question
	 * marks under every customer.
	 */
	if (found > 0 && a->fit == 0 && a->misfit == 0 && !c->cfg->value_set_set &&
	    access(c->cfg->value_set, F_OK) != 0)
		found = 0;
	if (found < 0)
		rc = cli_error("%s", e.msg);
	else if (f == REPORT_JSON) {
		if ((found > 0 ? alignment_json(json_out, a) :
		    buf_puts(json_out, "null")) < 0)
			rc = cli_error("report too large to render");
	} else if (found > 0 && alignment_text(&out, a) < 0)
		rc = cli_error("report too large to render");
	else
		rc = cli_put(&out);
out:
	buf_free(&out);
	free(a);
	store_close(s);
	rules_free(rules);
	valueset_free(vs);
	return rc;
}
