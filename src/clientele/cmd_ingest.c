/*
 * cmd_ingest - backfill history: clientele ingest PATH...
 *
 * Walks each path with the mailbox module and feeds every message to the
 * pipeline, batching INGEST_BATCH messages per store transaction.  The
 * batch runs without a savepoint per message (store_set_guarded), keeping
 * a copy of each message instead: when the store fails on one, the batch
 * is rolled back and gone over again guarded, so that the failure costs
 * that message alone and is reported once.  A
 * message that cannot be parsed or has no sender is reported as
 * "clientele: FILE[:#N]: reason" and skipped; a path that cannot be read is
 * reported and the other paths go on (exit 1 at the end), and so is a
 * message the store failed to record.  Shows progress on stderr only when
 * stderr is a terminal; always ends with one count line.  Never: decides
 * what a message means (pipeline_process does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util/escape.h"
#include "mail/mailbox.h"
#include "app/pipeline.h"
#include "classify/rules.h"
#include "classify/valueset.h"

#define INGEST_BATCH	1000
#define INGEST_KEPT_BYTES	((size_t)32 << 20)	/* copies held per batch */
#define PROGRESS_NS	250000000LL	/* at most four refreshes a second */

struct counts {
	unsigned long long seen, recorded, duplicates, ignored, errors;
	unsigned long long outgoing;	/* the owner's own mail seen */
	bool store_failed;	/* a message could not be recorded: exit 1 */
};

/* A message of the open batch, copied so the batch can be gone over again. */
struct kept {
	char *data;
	size_t len;
	char *label;
};

struct ingest {
	struct pipeline p;
	const struct envelope *env;	/* the path's origin (--sent), or NULL */
	bool explain;		/* --explain: one verdict line per message */
	struct store *store;
	struct counts n;
	struct counts n_open;	/* as they were when the batch opened */
	unsigned long long bytes_total, bytes_before;
	size_t in_batch;
	unsigned long long between;	/* read, rolled back, not yet replayed */
	bool in_txn;
	bool guarded;		/* a savepoint per message in this batch */
	bool replaying;		/* going over a batch again: report only the store */
	struct kept *kept;
	size_t nkept, kept_cap, kept_bytes;
	bool tty;
	long long start_ns, shown_ns;
	bool shown;
};

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void
progress(struct ingest *in, const struct mailbox *mb, bool force)
{
	long long t = now_ns();
	double secs, rate, left = -1;
	unsigned long long done;

	if (!in->tty || (!force && t - in->shown_ns < PROGRESS_NS))
		return;
	in->shown_ns = t;
	secs = (double)(t - in->start_ns) / 1e9;
	rate = secs > 0 ? (double)in->n.seen / secs : 0;
	done = in->bytes_before + (mb ? mailbox_bytes_done(mb) : 0);
	if (done > 0 && in->bytes_total > done && secs > 0.5)
		left = secs * (double)(in->bytes_total - done) / (double)done;
	fprintf(stderr, "\r%llu messages, %.0f msgs/s", in->n.seen, rate);
	if (left >= 0)
		fprintf(stderr, ", %d:%02d left   ", (int)(left / 60),
		    (int)left % 60);
	else
		fputs("               ", stderr);
	in->shown = true;
}

static void
progress_clear(struct ingest *in)
{
	if (in->shown)
		fprintf(stderr, "\r%60s\r", "");
	in->shown = false;
}

static void
kept_clear(struct ingest *in)
{
	for (size_t i = 0; i < in->nkept; i++) {
		free(in->kept[i].data);
		free(in->kept[i].label);
	}
	in->nkept = 0;
	in->kept_bytes = 0;
}

/* keep - copy a message of the batch; false when memory runs short */
static bool
keep(struct ingest *in, const char *data, size_t len, const char *label)
{
	struct kept *k;

	if (in->nkept == in->kept_cap) {
		size_t ncap = in->kept_cap ? in->kept_cap * 2 : 64;

		if ((k = realloc(in->kept, ncap * sizeof(*k))) == NULL)
			return false;
		in->kept = k;
		in->kept_cap = ncap;
	}
	k = &in->kept[in->nkept];
	k->data = malloc(len ? len : 1);
	k->label = strdup(label);
	if (k->data == NULL || k->label == NULL) {
		free(k->data);
		free(k->label);
		return false;
	}
	memcpy(k->data, data, len);
	k->len = len;
	in->nkept++;
	in->kept_bytes += len;
	return true;
}

/*
 * batch_abort - the store can record nothing more (disk full, locked
 * beyond the busy timeout, I/O error): roll back the open batch, count
 * its messages as not recorded, say so with why, and return -1 so the
 * run stops.  The counts then hold what the store holds: a run again
 * records the rest (what is recorded is skipped as duplicates).
 */
static int
batch_abort(struct ingest *in, const char *why)
{
	unsigned long long lost = in->between;

	store_rollback(in->store);
	if (in->in_txn) {
		lost += in->n.seen - in->n_open.seen;
		in->n = in->n_open;
	}
	in->n.seen += lost;
	in->n.errors += lost;
	in->between = 0;
	in->n.store_failed = true;
	in->in_txn = false;
	in->in_batch = 0;
	kept_clear(in);
	progress_clear(in);
	cli_error("%s", why);
	if (lost > 0)
		cli_error("stopped: the last %llu message%s read %s not "
		    "recorded; run ingest again to record the rest", lost,
		    lost == 1 ? "" : "s", lost == 1 ? "was" : "were");
	else
		cli_error("stopped: run ingest again to record the rest");
	return -1;
}

/*
 * batch_open - make sure a transaction is open, unguarded unless asked;
 * -1 when the store fails (the run stops, see batch_abort)
 */
static int
batch_open(struct ingest *in, bool guarded)
{
	struct err e = { "" };

	if (in->in_txn)
		return 0;
	if (store_begin(in->store, &e) < 0)
		return batch_abort(in, e.msg);
	in->in_txn = true;
	in->guarded = guarded;
	store_set_guarded(in->store, guarded);
	in->n_open = in->n;
	return 0;
}

/*
 * batch_close - commit when the batch is full (or `last`); -1 when the
 * commit fails, which loses the whole batch (batch_abort counts it)
 */
static int
batch_close(struct ingest *in, bool last)
{
	struct err e = { "" };

	if (!in->in_txn || (!last && in->in_batch < INGEST_BATCH &&
	    in->kept_bytes < INGEST_KEPT_BYTES))
		return 0;
	if (store_commit(in->store, &e) < 0)
		return batch_abort(in, e.msg);
	in->in_txn = false;
	in->in_batch = 0;
	kept_clear(in);
	return 0;
}

/* explain - ingest --explain: the verdict on one message and why */
static void
explain(const char *label, const struct pipeline_result *res)
{
	const struct facts *f = res->facts;
	struct buf b;

	buf_init(&b, 4096);
	esc_term(&b, label);
	buf_puts(&b, ": ");
	if (res->kind == FACTS_IGNORED) {
		buf_puts(&b, "noise, ");
		esc_term(&b, res->ignore_reason ? res->ignore_reason : "ignored");
	} else if (res->kind == FACTS_OUTGOING) {
		buf_printf(&b, "the owner's mail to %zu contact%s", f->npeople,
		    f->npeople == 1 ? "" : "s");
	} else {
		buf_puts(&b, "personal, from ");
		esc_term(&b, res->customer ? res->customer : "?");
		buf_printf(&b, " (%s)", res->prospect ? "prospect" : "customer");
		if (f->unverified) {
			buf_puts(&b, ", unverified: ");
			esc_term(&b, f->trust ? f->trust : "");
		}
		buf_printf(&b, "; %zu tag%s, %zu referral%s", f->ntags,
		    f->ntags == 1 ? "" : "s", f->nreferrals,
		    f->nreferrals == 1 ? "" : "s");
	}
	if (res->duplicate)
		buf_puts(&b, " (already recorded)");
	printf("%s\n", buf_cstr(&b));
	buf_free(&b);
}

/* one_message results */
enum {
	MSG_DONE = 0,		/* recorded, or counted and reported */
	MSG_REPLAY = 1,		/* store failed in an unguarded batch */
	MSG_STOP = -1,		/* the store can go on no more (batch_abort) */
};

/*
 * one_message - the pipeline on one message, counted and, where it went
 * wrong, reported.  MSG_REPLAY when the store failed in an unguarded
 * batch: the transaction is half-applied and nothing was reported.
 * MSG_STOP when the failure is the store's, not the message's (see
 * store_fatal): the batch is rolled back and the run must stop.
 */
static int
one_message(struct ingest *in, const char *data, size_t len,
    const char *label)
{
	struct pipeline_result res;
	struct err e = { "" };

	memset(&res, 0, sizeof(res));
	in->n.seen++;
	in->in_batch++;
	if (pipeline_process(&in->p, data, len, in->env, &res, &e) < 0) {
		/* with facts the message was understood: the store failed */
		if (res.facts != NULL && store_fatal(in->store)) {
			char why[sizeof(e.msg) + 64];

			pipeline_result_clear(&res);
			snprintf(why, sizeof(why), "%s: %s", label, e.msg);
			return batch_abort(in, why);
		}
		if (res.facts != NULL && !in->guarded) {
			pipeline_result_clear(&res);
			return MSG_REPLAY;
		}
		if (!in->replaying || res.facts != NULL) {
			progress_clear(in);
			cli_error("%s: %s", label, e.msg);
		}
		in->n.errors++;
		if (res.facts != NULL)
			in->n.store_failed = true;
	} else if (res.kind == FACTS_IGNORED && res.ignore_reason &&
	    strncmp(res.ignore_reason, "no sender", 9) == 0) {
		/* reported on every run, even when its key was seen before */
		if (!in->replaying) {
			progress_clear(in);
			cli_error("%s: %s", label, res.ignore_reason);
		}
		in->n.errors++;
	} else if (res.duplicate) {
		in->n.duplicates++;
		if (res.kind == FACTS_OUTGOING)
			in->n.outgoing++;
	} else if (res.kind == FACTS_IGNORED) {
		in->n.ignored++;
	} else {
		in->n.recorded++;
		if (res.kind == FACTS_OUTGOING)
			in->n.outgoing++;
	}
	if (in->explain && !in->replaying && res.facts != NULL) {
		progress_clear(in);
		explain(label, &res);
	}
	pipeline_result_clear(&res);
	return MSG_DONE;
}

/*
 * batch_replay - the store failed on the last message of an unguarded
 * batch: roll the batch back and go over its messages again, each under
 * a savepoint, so that only the failing one is lost (and reported).
 * Messages reported the first time (unparsable, no sender) are counted
 * again but not reported twice.  -1 when the store cannot go on.
 */
static int
batch_replay(struct ingest *in)
{
	store_rollback(in->store);
	in->in_txn = false;
	in->in_batch = 0;
	in->between = in->n.seen - in->n_open.seen;
	in->n = in->n_open;
	if (batch_open(in, true) < 0)
		return -1;
	in->between = 0;
	in->replaying = true;
	for (size_t i = 0; i < in->nkept; i++) {
		if (one_message(in, in->kept[i].data, in->kept[i].len,
		    in->kept[i].label) == MSG_STOP) {
			in->replaying = false;
			return -1;
		}
	}
	in->replaying = false;
	return batch_close(in, true);
}

/* batch_message - one message into the open batch; -1 if the store failed */
static int
batch_message(struct ingest *in, const struct mailbox_msg *m)
{
	int r;

	/*
	 * Without a copy this message could not be gone over again: guard it
	 * and the rest of the batch (what came before was recorded whole).
	 */
	if (!in->guarded && !keep(in, m->data, m->len, m->label)) {
		in->guarded = true;
		store_set_guarded(in->store, true);
	}
	if ((r = one_message(in, m->data, m->len, m->label)) == MSG_DONE)
		return 0;
	if (r == MSG_STOP)
		return -1;
	return batch_replay(in);
}

/* one_path - every message under path; -1 if the store failed, 1 if unreadable */
static int
one_path(struct ingest *in, const char *path)
{
	struct mailbox_msg m;
	struct mailbox *mb;
	struct err e = { "" };
	int r, status = 0;

	if ((mb = mailbox_open(path, 0, &e)) == NULL) {
		progress_clear(in);
		cli_error("%s", e.msg);
		return 1;
	}
	while ((r = mailbox_next(mb, &m, &e)) != 0) {
		if (r < 0) {
			/* a file (of a Maildir) or a message skipped: counted */
			progress_clear(in);
			cli_error("%s", e.msg);
			in->n.seen++;
			in->n.errors++;
			status = 1;
			continue;
		}
		if (batch_open(in, false) < 0 || batch_message(in, &m) < 0 ||
		    batch_close(in, false) < 0) {
			mailbox_close(mb);
			return -1;
		}
		progress(in, mb, false);
	}
	in->bytes_before += mailbox_bytes_done(mb);
	mailbox_close(mb);
	return status;
}

/* total_bytes - sizes of every path, for the time-left estimate */
static unsigned long long
total_bytes(int n, char **paths)
{
	unsigned long long total = 0;

	for (int i = 0; i < n; i++) {
		struct mailbox *mb;
		struct err e;

		if (strcmp(paths[i], "-") == 0)
			continue;
		if ((mb = mailbox_open(paths[i], 0, &e)) != NULL)
			total += mailbox_bytes_total(mb);
		mailbox_close(mb);
	}
	return total;
}


int
cmd_ingest(struct cli *c, int argc, char **argv)
{
	struct ingest in;
	struct cli_opts o;
	struct rules *rules = NULL;
	struct valueset *vs = NULL;	/* ValueSet: replies to the form (cmd_ideal.c) */
	double secs;
	int rc, status = CLI_OK;

	/* --explain and --sent PATH: taken out before the common options */
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	char **sent = calloc((size_t)argc + 1, sizeof(*sent));
	int nrest = 0, nsent = 0;
	bool explain_opt = false;

	if (rest == NULL || sent == NULL) {
		free(rest);
		free(sent);
		return cli_error("out of memory");
	}
	for (int i = 0; i < argc; i++) {
		if (i > 0 && strcmp(argv[i], "--explain") == 0)
			explain_opt = true;
		else if (i > 0 && strcmp(argv[i], "--sent") == 0 &&
		    i + 1 < argc)
			sent[nsent++] = argv[++i];
		else if (i > 0 && strcmp(argv[i], "--sent") == 0) {
			free(rest);
			free(sent);
			return cli_usage(argv[0], "option '--sent' needs a value");
		} else
			rest[nrest++] = argv[i];
	}
	rc = cli_parse_opts(argv[0], nrest, rest, 0, nsent > 0 ? 0 : 1, -1,
	    &o);
	if (rc != CLI_OK) {
		free(rest);
		free(sent);
		return rc;
	}
	if ((rc = cli_load_rules(c->cfg, &rules)) != CLI_OK)
		goto early;
	if ((rc = cli_load_valueset(c->cfg, &vs)) != CLI_OK) {
		rules_free(rules);
		goto early;
	}
	memset(&in, 0, sizeof(in));
	if ((in.store = cli_store(c, true, STORE_BULK)) == NULL) {
		valueset_free(vs);
		rules_free(rules);
		rc = CLI_FAIL;
		goto early;
	}
	in.explain = explain_opt;
	pipeline_init(&in.p, c->cfg, rules, in.store);
	/* ingest prints no per-message header, unless it explains */
	in.p.skip_summary = !explain_opt;
	in.p.valueset = vs;
	in.tty = isatty(STDERR_FILENO) == 1;
	in.start_ns = in.shown_ns = now_ns();
	if (in.tty)
		in.bytes_total = total_bytes(o.nargs, o.args) +
		    total_bytes(nsent, sent);
	/* the owner's Sent folders first: the replies to them then count */
	for (int i = 0; i < nsent + o.nargs; i++) {
		static const struct envelope sent_env = { .sent = true };
		static const struct envelope stored_env = { .stored = true };
		int r;

		in.env = i < nsent ? &sent_env : nsent > 0 ? &stored_env : NULL;
		r = one_path(&in, i < nsent ? sent[i] : o.args[i - nsent]);

		if (r < 0) {
			status = CLI_FAIL;
			goto out;
		}
		if (r > 0)
			status = CLI_FAIL;
	}
	if (batch_close(&in, true) < 0 || in.n.store_failed)
		status = CLI_FAIL;
out:
	if (in.n.store_failed)
		status = CLI_FAIL;
	progress_clear(&in);
	if (in.in_txn)
		store_rollback(in.store);
	kept_clear(&in);
	free(in.kept);
	secs = (double)(now_ns() - in.start_ns) / 1e9;
	if (in.n.outgoing == 0 && in.n.seen > 0 &&
	    c->cfg->customer_policy == POLICY_TWO_WAY)
		fprintf(stderr, "clientele: warning: no mail from you was seen; "
		    "under CustomerPolicy two-way nobody becomes a customer "
		    "until you have written to them: ingest your Sent folder "
		    "too (--sent PATH), or set CustomerPolicy incoming\n");
	fprintf(stderr, "ingested %llu messages: %llu recorded, %llu duplicates, "
	    "%llu ignored, %llu errors (%.1fs, %.0f msgs/s)\n", in.n.seen,
	    in.n.recorded, in.n.duplicates, in.n.ignored, in.n.errors, secs,
	    secs > 0 ? (double)in.n.seen / secs : 0.0);
	store_close(in.store);
	rules_free(rules);
	valueset_free(vs);
	free(rest);
	free(sent);
	return status;
early:
	free(rest);
	free(sent);
	return rc;
}
