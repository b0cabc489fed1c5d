/*
 * nullmilter - a libmilter filter that reads every message and does nothing.
 *
 * SYNOPSIS
 *	bench/nullmilter -p SOCKET [-t SECONDS] [-v]
 *
 * DESCRIPTION
 *	The baseline that clientele-milter is measured against, and a stand-in
 *	for it when the private-Postfix harness (scripts/postfix-lab.sh) is
 *	tested on its own.  It asks the MTA for the same events clientele-milter
 *	needs (DATA, each header, end of headers, each body chunk, end of
 *	message), counts the bytes it is handed so the work cannot be skipped,
 *	and lets every message through unchanged.  It never adds a header,
 *	never rejects and never delays mail.
 *
 *	-p SOCKET  inet:PORT@HOST, inet6:PORT@HOST, unix:PATH or local:PATH
 *	-t SECONDS libmilter's I/O timeout (default 30)
 *	-v         print one line per message on stderr (headers, body bytes)
 *
 *	It runs in the foreground until SIGTERM or SIGINT.
 *
 * OWNS
 *	One small counter struct per connection, set with smfi_setpriv and
 *	freed at close.  Nothing is shared between threads.
 *
 * DIAGNOSTICS
 *	Exit 2 on a usage error, 1 when the socket cannot be opened.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#define NULLMILTER_NAME "nullmilter"

/* Per-connection counters: what the filter "read". */
struct nm_conn {
	size_t messages;
	size_t headers;
	size_t header_bytes;
	size_t body_bytes;
};

static bool verbose;

/* nm_conn_get - the connection's counters, created on first use; NULL on ENOMEM */
static struct nm_conn *
nm_conn_get(SMFICTX *ctx)
{
	struct nm_conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		return c;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	if (smfi_setpriv(ctx, c) != MI_SUCCESS) {
		free(c);
		return NULL;
	}
	return c;
}

/* nm_reset - forget the current message's counts (new transaction) */
static void
nm_reset(struct nm_conn *c)
{
	c->headers = 0;
	c->header_bytes = 0;
	c->body_bytes = 0;
}

static sfsistat
nm_data(SMFICTX *ctx)
{
	struct nm_conn *c = nm_conn_get(ctx);

	if (c == NULL)
		return SMFIS_ACCEPT;
	nm_reset(c);
	return SMFIS_CONTINUE;
}

static sfsistat
nm_header(SMFICTX *ctx, char *name, char *value)
{
	struct nm_conn *c = nm_conn_get(ctx);

	if (c == NULL)
		return SMFIS_ACCEPT;
	c->headers++;
	c->header_bytes += strlen(name) + strlen(value) + 3;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_eoh(SMFICTX *ctx)
{
	return nm_conn_get(ctx) != NULL ? SMFIS_CONTINUE : SMFIS_ACCEPT;
}

static sfsistat
nm_body(SMFICTX *ctx, unsigned char *chunk, size_t len)
{
	struct nm_conn *c = nm_conn_get(ctx);

	if (c == NULL)
		return SMFIS_ACCEPT;
	(void)chunk;
	c->body_bytes += len;
	return SMFIS_CONTINUE;
}

static sfsistat
nm_eom(SMFICTX *ctx)
{
	struct nm_conn *c = nm_conn_get(ctx);

	if (c == NULL)
		return SMFIS_ACCEPT;
	c->messages++;
	if (verbose)
		fprintf(stderr, "%s: message %zu: %zu headers, %zu header bytes, "
		    "%zu body bytes\n", NULLMILTER_NAME, c->messages, c->headers,
		    c->header_bytes, c->body_bytes);
	nm_reset(c);
	return SMFIS_ACCEPT;
}

static sfsistat
nm_abort(SMFICTX *ctx)
{
	struct nm_conn *c = smfi_getpriv(ctx);

	if (c != NULL)
		nm_reset(c);
	return SMFIS_CONTINUE;
}

/* nm_close - frees the connection's counters */
static sfsistat
nm_close(SMFICTX *ctx)
{
	struct nm_conn *c = smfi_getpriv(ctx);

	free(c);
	smfi_setpriv(ctx, NULL);
	return SMFIS_CONTINUE;
}

static struct smfiDesc nm_desc = {
	.xxfi_name = NULLMILTER_NAME,
	.xxfi_version = SMFI_VERSION,
	.xxfi_flags = 0,
	.xxfi_header = nm_header,
	.xxfi_eoh = nm_eoh,
	.xxfi_body = nm_body,
	.xxfi_eom = nm_eom,
	.xxfi_abort = nm_abort,
	.xxfi_close = nm_close,
	.xxfi_data = nm_data,
};

static void
usage(void)
{
	fprintf(stderr, "usage: %s -p SOCKET [-t SECONDS] [-v]\n",
	    NULLMILTER_NAME);
}

/* parse_seconds - a timeout in 1..3600; -1 if invalid */
static int
parse_seconds(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 3600)
		return -1;
	return (int)v;
}

int
main(int argc, char **argv)
{
	char *sock = NULL;
	int timeout = 30;
	int ch;

	while ((ch = getopt(argc, argv, "p:t:vh")) != -1) {
		switch (ch) {
		case 'p':
			sock = optarg;
			break;
		case 't':
			timeout = parse_seconds(optarg);
			if (timeout < 0) {
				fprintf(stderr, "%s: bad timeout: %s\n",
				    NULLMILTER_NAME, optarg);
				return 2;
			}
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage();
			return 0;
		default:
			usage();
			return 2;
		}
	}
	if (sock == NULL || optind != argc) {
		usage();
		return 2;
	}
	if (smfi_setconn(sock) != MI_SUCCESS ||
	    smfi_settimeout(timeout) != MI_SUCCESS ||
	    smfi_register(nm_desc) != MI_SUCCESS) {
		fprintf(stderr, "%s: cannot set up libmilter\n", NULLMILTER_NAME);
		return 1;
	}
	/* true: remove a stale unix socket left by an earlier run */
	if (smfi_opensocket(true) != MI_SUCCESS) {
		fprintf(stderr, "%s: cannot open %s\n", NULLMILTER_NAME, sock);
		return 1;
	}
	return smfi_main() == MI_SUCCESS ? 0 : 1;
}
