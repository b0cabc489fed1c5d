/*
 * fuzz_parse - libFuzzer target over parse + classify.
 *
 * Every input is a message: it is parsed twice, with the usual limits (at
 * most 256 KiB scanned) and with tiny ones (so that every cap is hit and
 * its cut-off path runs), and each time it parses it is classified
 * against the shipped rules and an owner configuration with a fake store
 * that knows one name and one code.  Any crash, leak or sanitizer report
 * is a bug, and so is a string out of the parser or the classifier that
 * breaks the text invariant of strutil.h (not valid UTF-8, a NUL, a
 * surrogate): the target aborts on it, so libFuzzer keeps the input; each one found becomes a fixture under tests/fixtures/hostile/
 * and a test in tests/check_hostile.c.  Built and run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "mail/config.h"
#include "mail/message.h"
#include "classify/rules.h"
#include "util/strutil.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rules *rules;
static struct config *cfg;

/* known_key - the store's answer for key when only known is known, as
 * email's: email in out, or false */
static bool
known_key(const char *key, const char *known, const char *email, char *out,
    size_t outlen)
{
	if (strcmp(key, known) != 0)
		return false;
	snprintf(out, outlen, "%s", email);
	return true;
}

static bool
fake_name(void *ctx, const char *name, char *out, size_t outlen)
{
	return known_key(name, "Dana Reyes", "dana@example.com", out, outlen);
}

static bool
fake_code(void *ctx, const char *code, char *out, size_t outlen)
{
	return known_key(code, "K7Q2M9XA", "ana@example.org", out, outlen);
}

static bool
fake_customer(void *ctx, const char *email)
{
	return strcmp(email, "ana@example.org") == 0;
}

/* one - parse and classify data within lim */
static void
one(const uint8_t *data, size_t size, const struct message_limits *lim)
{
	struct classify_known known = { NULL, fake_name, fake_code, fake_customer,
	    NULL };
	struct message *m;
	struct facts *f;
	struct err e;

	m = message_parse((const char *)data, size, lim, &e);
	if (m == NULL)
		return;
	if (!message_text_ok(m)) {
		fprintf(stderr, "fuzz_parse: the parser handed on invalid text\n");
		abort();
	}
	f = classify(m, NULL, cfg, rules, &known);
	if (f != NULL && !facts_text_ok(f)) {
		fprintf(stderr, "fuzz_parse: classify handed on invalid text\n");
		abort();
	}
	facts_free(f);
	message_free(m);
}

/*
 * The rules and the configuration are loaded once, before the first input:
 * loading the shipped rules under the sanitizers takes seconds, which must
 * not count against the first input's -timeout.
 */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e;

	(void)argc;
	(void)argv;
	rules = rules_default(&e);
	cfg = config_defaults();
	if (rules == NULL || cfg == NULL)
		abort();
	strvec_push(&cfg->own_domains, "brightdesk.example");
	strvec_push(&cfg->own_addresses, "sam@brightdesk.example");
	/* read Authentication-Results and Return-Path (sender trust) */
	cfg->authserv_id = strdup("mx.brightdesk.example");
	cfg->sender_match = MATCH_ALWAYS;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message_limits lim;

	message_limits_default(&lim);
	lim.max_bytes = 256 * 1024;
	one(data, size, &lim);
	lim.max_bytes = size / 2 + 1;
	lim.max_headers = 6;
	lim.max_addresses = 2;
	lim.max_depth = 2;
	lim.max_parts = 3;
	lim.max_text = 64;
	lim.max_references = 2;
	one(data, size, &lim);
	return 0;
}
