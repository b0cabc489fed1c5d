/*
 * cmd_digest - the owner's reports: digest, summary, export, import.
 *
 * Each command gathers from the store and hands the data to the digest or
 * export module.  The one piece of I/O here that is not a file is
 * `digest --send`, which pipes the message to the configured Sendmail
 * (no shell: the program and its arguments are passed as they are).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "report/digest.h"
#include "classify/ideal.h"
#include "classify/rules.h"
#include "store/store_digest.h"
#include "store/store_ideal.h"
#include "classify/valueset.h"

/* Ideal customers the digest names. */
#define DIGEST_IDEAL 5
#define IMPORT_MAX ((size_t)2 * 1024 * 1024 * 1024)

/* unique_token - 16 hex characters from the kernel's random source */
static void
unique_token(char out[17])
{
	unsigned char r[8];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, r, sizeof(r)) : -1;

	if (fd >= 0)
		close(fd);
	if (n != (ssize_t)sizeof(r)) {
		unsigned long long v = (unsigned long long)time(NULL) ^
		    ((unsigned long long)getpid() << 32);

		memcpy(r, &v, sizeof(r));
	}
	for (int i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", r[i]);
}

/* send_mail - hand msg to `sendmail -i -- to`; CLI_OK or CLI_FAIL with why */
static int
send_mail(const char *sendmail, const char *to, const struct buf *msg)
{
	int fds[2], status;
	pid_t pid;
	size_t off = 0;

	if (pipe(fds) < 0)
		return cli_error("digest: pipe: %s", strerror(errno));
	if ((pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return cli_error("digest: fork: %s", strerror(errno));
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		execl(sendmail, sendmail, "-i", "--", to, (char *)NULL);
		fprintf(stderr, "clientele: digest: %s: %s\n", sendmail,
		    strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	while (off < msg->len) {
		ssize_t n = write(fds[1], msg->data + off, msg->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && off == msg->len)
		return CLI_OK;
	if (WIFEXITED(status))
		return cli_error("digest: %s exited with status %d", sendmail,
		    WEXITSTATUS(status));
	return cli_error("digest: %s was killed by signal %d", sendmail,
	    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* ideal_into - the best few ideal customers as the digest lists them */
static int
ideal_into(struct cli *c, struct store *s, time_t now, struct digest_data *d,
    struct err *e)
{
	struct ideal_list il = { NULL, 0 };
	struct valueset *vs = NULL;
	struct rules *rules = NULL;
	int rc = -1;

	if (cli_load_valueset(c->cfg, &vs) != CLI_OK ||
	    cli_load_rules(c->cfg, &rules) != CLI_OK) {
		err_set(e, "digest: cannot load the value set or rules");
		goto out;
	}
	if (store_ideal(s, now - IDEAL_WINDOW, vs, rules, DIGEST_IDEAL, &il,
	    e) < 0)
		goto out;
	if (il.n > 0 && (d->ideal.v = calloc(il.n, sizeof(*d->ideal.v))) == NULL) {
		err_set(e, "digest: out of memory");
		goto out;
	}
	if (il.n > 0 && (d->ideal_score = calloc(il.n,
	    sizeof(*d->ideal_score))) == NULL) {
		err_set(e, "digest: out of memory");
		goto out;
	}
	for (size_t i = 0; i < il.n; i++) {
		struct customer *cu = &d->ideal.v[d->ideal.n];

		d->ideal_score[d->ideal.n++] = il.v[i].score;

		strvec_init(&cu->tags);
		strvec_init(&cu->reasons);
		cu->email = xstrdup(il.v[i].email);
		cu->name = xstrdup(il.v[i].name);
		cu->referrals = il.v[i].referrals;
		cu->revenue = il.v[i].revenue;
		cu->has_revenue = il.v[i].has_revenue;
	}
	d->has_ideal = true;
	rc = 0;
out:
	ideal_list_free(&il);
	valueset_free(vs);
	rules_free(rules);
	return rc;
}

/*
 * gather - open the store read-only and fill d: the last `window`
 * seconds, or (window 0) everything since the last digest sent.  *w says
 * what the digest covers, for store_digest_mark once it is sent.
 */
static int
gather(struct cli *c, long long window, struct digest_data *d,
    struct digest_window *w)
{
	struct store *s = cli_store(c, false, 0);
	struct digest_window prev;
	struct err e = { "" };
	time_t now = time(NULL);
	int rc;

	if (s == NULL)
		return CLI_FAIL;
	rc = store_digest_plan(s, now, window, w, &prev, &e);
	if (rc == 0)
		rc = store_digest_gather(s, w, &prev, d, &e);
	if (rc == 0 && (rc = ideal_into(c, s, now, d, &e)) < 0)
		digest_data_clear(d);
	store_close(s);
	if (rc < 0)
		return cli_error("%s", e.msg);
	d->zone = c->cfg->time_zone;
	return CLI_OK;
}

/* mark_sent - remember what the digest just sent covered */
static int
mark_sent(struct cli *c, const struct digest_window *w)
{
	struct store *s = cli_store(c, true, 0);
	struct err e = { "" };
	int rc;

	if (s == NULL)
		return CLI_FAIL;
	rc = store_digest_mark(s, w, time(NULL), &e);
	store_close(s);
	if (rc < 0)
		return cli_error("digest sent, but not recorded as sent: %s",
		    e.msg);
	return CLI_OK;
}

int
cmd_digest(struct cli *c, int argc, char **argv)
{
	const char *since = NULL;
	long long window = 0;
	const char *to = c->cfg->digest_to;
	struct digest_window w;
	bool send = false, skip_empty = false;
	const struct cli_flag flags[] = {
		{ "since", &since, NULL },
		{ "to", &to, NULL },
		{ "send", NULL, &send },
		{ "skip-empty", NULL, &skip_empty },
		{ NULL, NULL, NULL },
	};
	struct digest_data d;
	struct digest_mail_opts mo;
	struct buf msg;
	struct err e = { "" };
	char unique[17];
	int first, rc;

	if ((first = cli_flags(argv[0], argc, argv, flags, false)) < 0)
		return CLI_USAGE;
	if (since != NULL && cli_since_parse(since, &window) < 0)
		return cli_usage(argv[0], "bad --since '%s' (e.g. 24h, 7d, 3mo, "
		    "1y or 2026-01-31; at most 100 years)", since);
	if (first < argc)
		return cli_usage(argv[0], "unexpected argument '%s'", argv[first]);
	if (to == NULL)
		return cli_usage(argv[0], "no recipient: set DigestTo or give --to");
	if ((rc = gather(c, window, &d, &w)) != CLI_OK)
		return rc;
	if (skip_empty && digest_is_quiet(&d)) {
		digest_data_clear(&d);
		return CLI_OK;
	}
	unique_token(unique);
	mo.from = c->cfg->digest_from ? c->cfg->digest_from :
	    c->cfg->own_addresses.n ? c->cfg->own_addresses.v[0] : to;
	mo.to = to;
	mo.now = time(NULL);
	mo.unique = unique;
	buf_init(&msg, 0);
	if (digest_render_mail(&d, &mo, &msg, &e) < 0) {
		rc = cli_error("%s", e.msg);
	} else if (send) {
		rc = send_mail(c->cfg->sendmail, to, &msg);
		/* only a digest Sendmail accepted moves the mark */
		if (rc == CLI_OK)
			rc = mark_sent(c, &w);
	} else {
		fwrite(msg.data, 1, msg.len, stdout);
		rc = fflush(stdout) == 0 ? CLI_OK : cli_error("digest: write failed");
	}
	buf_free(&msg);
	digest_data_clear(&d);
	return rc;
}

int
cmd_summary(struct cli *c, int argc, char **argv)
{
	struct digest_data d;
	struct digest_window w;
	struct cli_opts o;
	struct buf out;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv,
	    CLI_OPT_FORMAT | CLI_OPT_SINCE, 0, 0, &o)) != CLI_OK)
		return rc;
	if (o.format == REPORT_CSV)
		return cli_usage(argv[0], "summary prints text or json");
	if ((rc = gather(c, o.since ? o.since : 86400, &d, &w)) != CLI_OK)
		return rc;
	buf_init(&out, 0);
	if (o.format == REPORT_JSON)
		digest_render_json(&d, &out);
	else
		digest_render_text(&d, isatty(STDOUT_FILENO) &&
		    getenv("NO_COLOR") == NULL, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	digest_data_clear(&d);
	return fflush(stdout) == 0 ? CLI_OK : cli_error("summary: write failed");
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, CLI_OPT_FORMAT, 0, 0,
	    &o)) != CLI_OK)
		return rc;
	if (o.format == REPORT_TEXT)
		o.format = REPORT_JSON;
	if ((s = cli_store(c, false, 0)) == NULL)
		return CLI_FAIL;
	rc = store_export(s, o.format == REPORT_CSV ? EXPORT_CSV : EXPORT_JSON,
	    stdout, &e);
	store_close(s);
	if (rc < 0 || fflush(stdout) != 0)
		return cli_error("%s", e.msg[0] ? e.msg : "export: write failed");
	return CLI_OK;
}

/* slurp - the whole of a file (or stdin for "-"), capped */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	struct buf b;
	char chunk[65536];
	size_t n;

	if (fp == NULL)
		return NULL;
	buf_init(&b, IMPORT_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_append(&b, chunk, n) < 0) {
			errno = EFBIG;
			break;
		}
	if (ferror(fp) || errno == EFBIG) {
		if (fp != stdin)
			fclose(fp);
		buf_free(&b);
		return NULL;
	}
	if (fp != stdin)
		fclose(fp);
	*len = b.len;
	return buf_steal(&b);
}

int
cmd_import(struct cli *c, int argc, char **argv)
{
	struct cli_opts o;
	struct store *s;
	struct err e = { "" };
	size_t len = 0, n = 0;
	char *text;
	int rc;

	if ((rc = cli_parse_opts(argv[0], argc, argv, 0, 1, 1, &o)) != CLI_OK)
		return rc;
	errno = 0;
	if ((text = slurp(o.args[0], &len)) == NULL)
		return cli_error("%s: %s", o.args[0], strerror(errno ? errno : EIO));
	if ((s = cli_store(c, true, 0)) == NULL) {
		free(text);
		return CLI_FAIL;
	}
	rc = store_import(s, text, len, &n, &e);
	store_close(s);
	free(text);
	if (rc < 0)
		return cli_error("%s: %s", o.args[0], e.msg);
	fprintf(stderr, "imported %zu customers\n", n);
	return CLI_OK;
}
