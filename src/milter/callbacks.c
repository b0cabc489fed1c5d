/*
 * callbacks - the libmilter callbacks of clientele-milter.
 *
 * A thin adapter: it captures the envelope (MAIL FROM, {auth_authen},
 * RCPT TO, the {i} queue id), buffers the header and body of one message
 * up to MaxScanBytes, hands the bytes to the same pipeline as `clientele
 * ingest` at end of message, and adds X-Clientele to incoming mail from a
 * customer.  Nothing about mail or customers is decided here.  When the
 * store cannot take the message, state.c spools it and the mail is
 * accepted (it is safe on disk), with one warning naming the spool depth.
 *
 * Calls, one way: state.c (snapshot, state_process) and result.c (the
 * log line and the X-Clientele value); neither calls back here.
 *
 * It owns the per-connection struct conn (only through smfi_setpriv) and
 * one cleanup routine, message_reset, used by end-of-message, abort and
 * close.  It never rejects mail, never calls exit() and never logs fatally:
 * every path ends in CONTINUE (accept), or TEMPFAIL when OnInternalError
 * says so and something of ours failed.
 *
 * Protocol choice (see milter_negotiate): we ask the MTA to leave out
 * CONNECT, HELO and unknown commands, and not to wait for our answer to
 * MAIL, RCPT, each header and end-of-header (SMFIP_NR_*), on every kind
 * of socket.  Postfix keeps such commands in its output buffer and sends
 * them with the next command it does wait for, so a message costs fewer
 * round trips, writes and wake-ups on both sides (about 150 µs of our CPU
 * per message over TCP).  The replies we still send over TCP can be small
 * writes in a row (a header change, then the verdict): main.c turns Nagle
 * off on the listening socket so that none waits 40 ms for the MTA's
 * delayed ACK.  Long SMTP sessions, hundreds of messages on one
 * connection, showed no stall with the no-reply steps either (BENCHMARKS.md,
 * "the mail path").  DATA and BODY stay answered, so that SMFIS_SKIP can end
 * the body once MaxScanBytes is reached.
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmilter/mfapi.h>

#include "util/buf.h"
#include "util/log.h"
#include "milter.h"

#define HEADER_NAME "X-Clientele"
/* Recipients kept per message: enough for any real enquiry. */
#define MAX_RCPTS 1000
/* Longest envelope address kept. */
#define MAX_ADDR 1024
/*
 * Every field name that is ours: a copy that arrives with a message is a
 * forgery or stale, and is deleted however many there are and however
 * the name is cased.  A name added later goes here too.
 */
static const char *const ours_names[] = { HEADER_NAME };
#define NOURS_NAMES (sizeof(ours_names) / sizeof(ours_names[0]))

/* Per-connection state; per-message fields are reset by message_reset. */
struct conn {
	unsigned long pflags;	/* protocol steps agreed in negotiate */
	bool can_add;		/* SMFIF_ADDHDRS granted */
	bool can_change;	/* SMFIF_CHGHDRS granted */

	struct snapshot *snap;	/* reference taken at MAIL FROM */
	struct buf data;	/* header and body, at most cap bytes */
	size_t cap;
	char *mail_from;
	char *auth_user;
	bool local;		/* submitted on this machine (see milter_envfrom) */
	char *qid;
	struct strvec rcpts;
	const char **rcpt_ptrs;	/* NULL-terminated view of rcpts for the envelope */
	size_t nours[NOURS_NAMES];	/* copies of each in the message */
	bool truncated;		/* MaxScanBytes reached */
	bool failed;		/* out of memory while buffering */
};

/* message_reset - forget the message; the one cleanup of eom, abort, close */
static void
message_reset(struct conn *c)
{
	state_put(c->snap);
	c->snap = NULL;
	buf_free(&c->data);
	free(c->mail_from);
	c->mail_from = NULL;
	free(c->auth_user);
	c->auth_user = NULL;
	free(c->qid);
	c->qid = NULL;
	strvec_free(&c->rcpts);
	free(c->rcpt_ptrs);
	c->rcpt_ptrs = NULL;
	memset(c->nours, 0, sizeof(c->nours));
	c->local = false;
	c->truncated = false;
	c->failed = false;
}

/* conn_get - this connection's state, created on first use; NULL on ENOMEM */
static struct conn *
conn_get(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		return c;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	strvec_init(&c->rcpts);
	buf_init(&c->data, 1);
	if (smfi_setpriv(ctx, c) != MI_SUCCESS) {
		free(c);
		return NULL;
	}
	return c;
}

/* Steps whose reply the MTA need not wait for (see the top of this file). */
static const unsigned long noreply_steps = SMFIP_NR_MAIL | SMFIP_NR_RCPT |
    SMFIP_NR_HDR | SMFIP_NR_EOH;

/* noreply - the answer for a step whose reply the MTA may not wait for */
static sfsistat
noreply(const struct conn *c, unsigned long nr_flag)
{
	if (c != NULL && (c->pflags & nr_flag) != 0)
		return SMFIS_NOREPLY;
	return SMFIS_CONTINUE;
}

/* on_error - the reply after an internal failure, per OnInternalError */
static sfsistat
on_error(const struct snapshot *snap)
{
	if (snap != NULL && snap->cfg->on_internal_error == ON_ERROR_TEMPFAIL)
		return SMFIS_TEMPFAIL;
	return SMFIS_CONTINUE;
}

/* envelope_addr - copy of an envelope argument without <>; NULL on ENOMEM */
static char *
envelope_addr(const char *arg)
{
	size_t len;

	if (arg == NULL)
		return xstrdup("");
	while (*arg == ' ')
		arg++;
	if (*arg == '<')
		arg++;
	len = strcspn(arg, ">");
	if (len > MAX_ADDR)
		len = MAX_ADDR;
	return xstrndup(arg, len);
}

/* keep - buffer bytes within the cap; sets truncated or failed */
static void
keep(struct conn *c, const char *p, size_t len)
{
	size_t room;

	if (c->truncated || c->failed)
		return;
	room = c->cap - c->data.len;
	if (len > room) {
		len = room;
		c->truncated = true;
	}
	if (len > 0 && buf_append(&c->data, p, len) < 0)
		c->failed = true;
}

/* keep_crlf - buffer text, turning bare LF (folded headers) into CRLF */
static void
keep_crlf(struct conn *c, const char *s)
{
	const char *lf;

	while ((lf = strchr(s, '\n')) != NULL) {
		keep(c, s, (size_t)(lf - s));
		if (lf == s || lf[-1] != '\r')
			keep(c, "\r\n", 2);
		else
			keep(c, "\n", 1);
		s = lf + 1;
	}
	keep(c, s, strlen(s));
}

static sfsistat
milter_negotiate(SMFICTX *ctx, unsigned long f0, unsigned long f1,
    unsigned long f2, unsigned long f3, unsigned long *pf0,
    unsigned long *pf1, unsigned long *pf2, unsigned long *pf3)
{
	/* Steps we never need: the MTA may leave them out. */
	const unsigned long skip = SMFIP_NOCONNECT | SMFIP_NOHELO |
	    SMFIP_NOUNKNOWN;
	unsigned long actions = f0 & (SMFIF_ADDHDRS | SMFIF_CHGHDRS);
	unsigned long steps = f1 & (skip | SMFIP_SKIP);
	struct conn *c = conn_get(ctx);

	/* Without our state we could not remember the agreement: no NR_*. */
	if (c != NULL) {
		steps |= f1 & noreply_steps;
		c->pflags = steps;
		c->can_add = (actions & SMFIF_ADDHDRS) != 0;
		c->can_change = (actions & SMFIF_CHGHDRS) != 0;
	}
	*pf0 = actions;
	*pf1 = steps;
	*pf2 = 0;
	*pf3 = 0;
	return SMFIS_CONTINUE;
}

static sfsistat
milter_envfrom(SMFICTX *ctx, char **argv)
{
	struct conn *c = conn_get(ctx);
	const char *v;

	if (c == NULL)
		return SMFIS_CONTINUE;	/* no state: eom accepts */
	message_reset(c);
	c->snap = state_get();
	c->cap = c->snap->cfg->max_scan_bytes;
	if (c->cap == 0 || c->cap > BUF_DEFAULT_CAP)
		c->cap = BUF_DEFAULT_CAP;
	buf_init(&c->data, c->cap);
	c->mail_from = envelope_addr(argv[0]);
	if ((v = smfi_getsymval(ctx, "{auth_authen}")) != NULL && *v != '\0')
		c->auth_user = xstrndup(v, MAX_ADDR);
	/*
	 * Submitted here: Postfix's milter_macro_daemon_name set to
	 * ORIGINATING on the submission service or for non_smtpd_milters (as
	 * OpenDKIM reads it), or a loopback client when {client_addr} is sent.
	 */
	if (((v = smfi_getsymval(ctx, "{daemon_name}")) != NULL &&
	    strcmp(v, "ORIGINATING") == 0) ||
	    ((v = smfi_getsymval(ctx, "{client_addr}")) != NULL &&
	    (strcmp(v, "127.0.0.1") == 0 || strcmp(v, "::1") == 0 ||
	    strcmp(v, "IPv6:::1") == 0)))
		c->local = true;
	if ((v = smfi_getsymval(ctx, "i")) != NULL && *v != '\0')
		c->qid = xstrndup(v, 64);
	if (c->mail_from == NULL)
		c->failed = true;
	return noreply(c, SMFIP_NR_MAIL);
}

static sfsistat
milter_envrcpt(SMFICTX *ctx, char **argv)
{
	struct conn *c = smfi_getpriv(ctx);
	char *a;

	if (c == NULL || c->snap == NULL)
		return noreply(c, SMFIP_NR_RCPT);
	if (c->rcpts.n < MAX_RCPTS) {
		a = envelope_addr(argv[0]);
		if (a == NULL || strvec_push_owned(&c->rcpts, a) < 0)
			c->failed = true;
	}
	return noreply(c, SMFIP_NR_RCPT);
}

static sfsistat
milter_data(SMFICTX *ctx)
{
	/* Answered on every socket: see the top of this file. */
	return SMFIS_CONTINUE;
}

static sfsistat
milter_header(SMFICTX *ctx, char *name, char *value)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->snap == NULL)
		return noreply(c, SMFIP_NR_HDR);
	for (size_t i = 0; i < NOURS_NAMES; i++)
		if (str_eq_case(name, ours_names[i]))
			c->nours[i]++;
	keep(c, name, strlen(name));
	keep(c, ": ", 2);
	keep_crlf(c, value);
	keep(c, "\r\n", 2);
	return noreply(c, SMFIP_NR_HDR);
}

static sfsistat
milter_eoh(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL && c->snap != NULL)
		keep(c, "\r\n", 2);
	return noreply(c, SMFIP_NR_EOH);
}

static sfsistat
milter_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c == NULL || c->snap == NULL)
		return SMFIS_CONTINUE;
	keep(c, (const char *)chunk, len);
	/* Past the bound the rest of the body is of no use to us. */
	if ((c->truncated || c->failed) && (c->pflags & SMFIP_SKIP) != 0)
		return SMFIS_SKIP;
	return SMFIS_CONTINUE;
}

/*
 * remove_ours - delete every field of ours that came with the message,
 * last first so that the MTA's indexes of the others stay right
 */
static void
remove_ours(SMFICTX *ctx, const struct conn *c, const char *qid)
{
	for (size_t k = 0; k < NOURS_NAMES; k++) {
		size_t failed = 0;

		if (c->nours[k] == 0)
			continue;
		if (!c->can_change || c->nours[k] > INT_MAX) {
			msg_warn("%s: cannot remove %zu forged %s field(s)", qid,
			    c->nours[k], ours_names[k]);
			continue;
		}
		for (size_t i = c->nours[k]; i >= 1; i--)
			if (smfi_chgheader(ctx, (char *)ours_names[k], (int)i,
			    NULL) != MI_SUCCESS)
				failed++;
		if (failed > 0)
			msg_warn("%s: could not remove %zu of %zu forged %s "
			    "fields", qid, failed, c->nours[k], ours_names[k]);
		else
			msg_info("%s: removed %zu forged %s field%s", qid,
			    c->nours[k], ours_names[k],
			    c->nours[k] == 1 ? "" : "s");
	}
}

/* add_ours - X-Clientele for incoming mail from a customer known before it */
static void
add_ours(SMFICTX *ctx, const struct conn *c, const char *qid,
    const struct pipeline_result *res)
{
	char *value;

	if (!c->can_add || res->kind != FACTS_INCOMING || !res->known_before ||
	    res->customer == NULL || res->category == NULL)
		return;
	value = milter_header_value(res);
	if (value == NULL) {
		msg_warn("%s: out of memory for %s", qid, HEADER_NAME);
		return;
	}
	if (smfi_addheader(ctx, HEADER_NAME, value) != MI_SUCCESS)
		msg_warn("%s: could not add %s", qid, HEADER_NAME);
	free(value);
}

/* envelope_rcpts - the NULL-terminated recipient list; -1 on ENOMEM */
static int
envelope_rcpts(struct conn *c)
{
	c->rcpt_ptrs = calloc(c->rcpts.n + 1, sizeof(*c->rcpt_ptrs));
	if (c->rcpt_ptrs == NULL)
		return -1;
	for (size_t i = 0; i < c->rcpts.n; i++)
		c->rcpt_ptrs[i] = c->rcpts.v[i];
	return 0;
}

static sfsistat
milter_eom(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);
	struct pipeline_result res;
	struct envelope env;
	struct err e;
	const char *qid;
	sfsistat rc = SMFIS_CONTINUE;
	long depth;
	int status;

	if (c == NULL || c->snap == NULL) {
		msg_warn("NOQUEUE: no state for this message (out of memory?); accepted");
		return SMFIS_CONTINUE;
	}
	qid = smfi_getsymval(ctx, "i");
	if (qid == NULL || *qid == '\0')
		qid = c->qid != NULL ? c->qid : "NOQUEUE";
	/*
	 * Forged fields go whatever happens next (even if we fail below), and
	 * with AddHeaders no too: a filter may still be looking for them.
	 */
	remove_ours(ctx, c, qid);
	if (!c->failed && envelope_rcpts(c) < 0)
		c->failed = true;
	if (c->failed) {
		rc = on_error(c->snap);
		msg_error("%s: out of memory while buffering; %s", qid,
		    rc == SMFIS_TEMPFAIL ? "tempfail" : "accepted");
		goto done;
	}
	if (c->data.len == 0)
		goto done;

	memset(&env, 0, sizeof(env));
	env.mail_from = c->mail_from;
	env.auth_user = c->auth_user;
	env.rcpt = c->rcpt_ptrs;
	env.local = c->local;
	status = state_process(c->snap, c->data.data, c->data.len, &env, &res,
	    &depth, &e);
	if (status == STATE_SPOOLED) {
		/* Safe on disk: accepted whatever OnInternalError says. */
		msg_warn("%s: store not used (%s); spooled, spool depth %ld; "
		    "accepted", qid, e.msg, depth);
		pipeline_result_clear(&res);
		goto done;
	}
	if (status == STATE_NOT_MESSAGE) {
		/* The sender's doing, not ours: the mail goes through as it is. */
		msg_warn("%s: not a message (%s); accepted", qid, e.msg);
		pipeline_result_clear(&res);
		goto done;
	}
	if (status < 0) {
		/* Our own failure: OnInternalError decides. */
		rc = on_error(c->snap);
		msg_error("%s: %s; %s", qid, e.msg,
		    rc == SMFIS_TEMPFAIL ? "tempfail" : "accepted");
		pipeline_result_clear(&res);
		goto done;
	}
	milter_log_result(qid, &res);
	if (c->truncated)
		msg_debug("%s: only the first %zu bytes were scanned", qid,
		    c->cap);
	if (c->snap->cfg->add_headers)
		add_ours(ctx, c, qid, &res);
	pipeline_result_clear(&res);
done:
	message_reset(c);
	return rc;
}

static sfsistat
milter_abort(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		message_reset(c);
	return SMFIS_CONTINUE;
}

static sfsistat
milter_close(SMFICTX *ctx)
{
	struct conn *c = smfi_getpriv(ctx);

	if (c != NULL) {
		message_reset(c);
		free(c);
		smfi_setpriv(ctx, NULL);
	}
	return SMFIS_CONTINUE;
}

struct smfiDesc milter_desc = {
	.xxfi_name = MILTER_NAME,
	.xxfi_version = SMFI_VERSION,
	/* add our header, and delete X-Clientele fields that came with the mail */
	.xxfi_flags = SMFIF_ADDHDRS | SMFIF_CHGHDRS,
	.xxfi_connect = NULL,
	.xxfi_helo = NULL,
	.xxfi_envfrom = milter_envfrom,
	.xxfi_envrcpt = milter_envrcpt,
	.xxfi_header = milter_header,
	.xxfi_eoh = milter_eoh,
	.xxfi_body = milter_body,
	.xxfi_eom = milter_eom,
	.xxfi_abort = milter_abort,
	.xxfi_close = milter_close,
	.xxfi_unknown = NULL,
	.xxfi_data = milter_data,
	.xxfi_negotiate = milter_negotiate,
};
