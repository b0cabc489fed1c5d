/*
 * offline - the modes of clientele-milter that talk to no MTA.
 *
 *	-n	is in check.c.
 *	-t	run the pipeline on message files with no store (store=NULL)
 *		and print what the milter would record and the header it
 *		would add; exit 1 if any file could not be read or parsed.
 *
 * Also the socket spec checks shared with main.c.  It opens no store and
 * writes nothing but stdout and stderr.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "classify/category.h"
#include "util/escape.h"
#include "util/log.h"
#include "milter.h"

/* Tags of one message that -t weighs for its category. */
#define PIPELINE_TEST_MAX_TAGS 64

/* The socket spec is read by config_socket_parse alone (config.h). */
const char *
socket_unix_path(const char *spec)
{
	struct config_socket cs;
	struct err e;

	if (config_socket_parse(spec, &cs, &e) < 0 ||
	    cs.kind != CONFIG_SOCKET_UNIX)
		return NULL;
	return cs.path;
}

int
socket_check(const char *spec, struct err *e)
{
	struct config_socket cs;
	struct err why;

	if (config_socket_parse(spec, &cs, &why) < 0)
		return err_set(e, "socket '%s' %s", spec ? spec : "", why.msg);
	return 0;
}

/* read_file - at most max bytes of path into b; -1 with e set */
static int
read_file(const char *path, size_t max, struct buf *b, struct err *e)
{
	char chunk[65536];
	FILE *fp;
	size_t n, want;

	fp = fopen(path, "rb");
	if (fp == NULL)
		return err_set(e, "%s", strerror(errno));
	while (b->len < max) {
		want = max - b->len < sizeof(chunk) ? max - b->len : sizeof(chunk);
		n = fread(chunk, 1, want, fp);
		if (n == 0)
			break;
		if (buf_append(b, chunk, n) < 0) {
			fclose(fp);
			return err_set(e, "out of memory");
		}
	}
	if (ferror(fp)) {
		fclose(fp);
		return err_set(e, "read error");
	}
	fclose(fp);
	return 0;
}

static const char *
kind_name(enum facts_kind k)
{
	switch (k) {
	case FACTS_INCOMING: return "incoming";
	case FACTS_OUTGOING: return "outgoing";
	case FACTS_IGNORED: return "ignored";
	}
	return "?";
}

static const char *
str_or(const char *s, const char *dflt)
{
	return s != NULL ? s : dflt;
}

/*
 * message_category - with no store, the category this message alone
 * gives its sender (each tag counted once), as a static string
 */
static const char *
message_category(const struct pipeline_result *res,
    const struct category_weights *w)
{
	struct category_tagcount tc[PIPELINE_TEST_MAX_TAGS];
	struct category_input in = { 0 };
	char tags[1024], *t = tags, *comma;

	snprintf(tags, sizeof(tags), "%s", str_or(res->tags, ""));
	while (*t != '\0' && in.ntags < PIPELINE_TEST_MAX_TAGS) {
		if ((comma = strchr(t, ',')) != NULL)
			*comma = '\0';
		tc[in.ntags].tag = t;
		tc[in.ntags].count = 1;
		in.ntags++;
		if (comma == NULL)
			break;
		t = comma + 1;
	}
	in.tags = tc;
	in.referrals = res->referrals;
	in.messages = 1;
	return category_compute(&in, w, NULL);
}

/*
 * line - one line of the -t report on stdout, escaped for a terminal:
 * subjects, names and quoted phrases come from the message and may hold
 * controls or bidi overrides
 */
static void line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
line(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b, 0);
	va_start(ap, fmt);
	if (esc_term_vprintf(&b, fmt, ap) == 0)
		puts(buf_cstr(&b));
	else
		puts("(a line too long to show)");
	va_end(ap);
	buf_free(&b);
}

/* print_facts - what the milter would record for one message */
static void
print_facts(const char *file, const struct pipeline_result *res,
    const struct config *cfg)
{
	const struct category_weights *w = &cfg->weights;
	const struct facts *f = res->facts;
	char *hdr;

	if (res->kind == FACTS_IGNORED)
		line("%s: %s (%s)", file, kind_name(res->kind),
		    str_or(res->ignore_reason, "not a customer"));
	else
		line("%s: %s", file, kind_name(res->kind));
	/* the noise gate's verdict and the sender trust, with their reasons */
	if (res->kind == FACTS_IGNORED)
		line("  verdict: noise, %s", str_or(res->ignore_reason, "?"));
	else if (res->kind == FACTS_OUTGOING)
		line("  verdict: the owner's mail");
	else if (f != NULL)
		line("  verdict: personal; sender %s (%s)", f->unverified ?
		    "unverified" : "accepted", str_or(f->trust, "not checked"));
	if (f != NULL) {
		if (f->key != NULL)
			line("  key: %s", f->key);
		if (f->subject != NULL)
			line("  subject: %s", f->subject);
		for (size_t i = 0; i < f->npeople; i++)
			line("  person: %s%s%s%s%s", f->people[i].email,
			    f->people[i].name != NULL ? " (" : "",
			    str_or(f->people[i].name, ""),
			    f->people[i].name != NULL ? ")" : "",
			    f->people[i].sender ? " sender" : "");
		for (size_t i = 0; i < f->ntags; i++)
			line("  tag: %s %s: \"%s\"", f->tags[i].email,
			    f->tags[i].tag, str_or(f->tags[i].evidence, ""));
		for (size_t i = 0; i < f->nreferrals; i++) {
			const struct fact_referral *r = &f->referrals[i];

			line("  referral: %s -> %s (%s): \"%s\"",
			    str_or(r->referrer, str_or(r->referrer_name, "?")),
			    str_or(r->referred, "?"), str_or(r->how, "?"),
			    str_or(r->evidence, ""));
		}
	}
	line("  facts: %d %s, %d %s", res->ntags_added,
	    res->ntags_added == 1 ? "tag" : "tags", res->nreferrals_added,
	    res->nreferrals_added == 1 ? "referral" : "referrals");
	if (res->kind != FACTS_INCOMING || res->customer == NULL)
		return;
	/*
	 * Without the store only this message is known: the header is the
	 * one the milter would add if it were the sender's first.
	 */
	line("  customer: %s (from this message alone: referrals=%d "
	    "tags=%s)", res->customer, res->referrals, str_or(res->tags, ""));
	if (res->category == NULL) {
		struct pipeline_result alone = *res;

		alone.category = (char *)message_category(res, w);
		/* a first message makes a prospect, unless every sender counts */
		alone.prospect = cfg->customer_policy == POLICY_TWO_WAY ||
		    (res->facts != NULL && res->facts->unverified);
		hdr = milter_header_value(&alone);
	} else {
		hdr = milter_header_value(res);
	}
	if (hdr != NULL)
		line("  header: X-Clientele: %s", hdr);
	free(hdr);
}

int
offline_test(const char *config_path, bool missing_ok, char **files,
    int nfiles)
{
	struct snapshot *s;
	struct pipeline p;
	struct pipeline_result res;
	struct buf b;
	struct err e;
	size_t max;
	int rc = 0;

	s = snapshot_load(config_path, missing_ok, &e);
	if (s == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	/* The milter looks at no more than MaxScanBytes; neither do we. */
	max = s->cfg->max_scan_bytes != 0 ? s->cfg->max_scan_bytes :
	    BUF_DEFAULT_CAP;
	pipeline_init(&p, s->cfg, s->rules, NULL);
	for (int i = 0; i < nfiles; i++) {
		buf_init(&b, max);
		memset(&res, 0, sizeof(res));
		if (read_file(files[i], max, &b, &e) < 0 ||
		    pipeline_process(&p, b.data != NULL ? b.data : "", b.len,
		    NULL, &res, &e) < 0) {
			esc_term_fprintf(stderr, "%s: %s", files[i], e.msg);
			fputc('\n', stderr);
			rc = 1;
		} else {
			print_facts(files[i], &res, s->cfg);
		}
		pipeline_result_clear(&res);
		buf_free(&b);
	}
	snapshot_free(s);
	return rc;
}
