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

#include "clientele/classify.h"
#include "clientele/config.h"
#include "clientele/message.h"
#include "clientele/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rules *rules;
static struct config *cfg;

static bool
fake_name(void *ctx, const char *name, char *out, size_t outlen)
{
	if (strcmp(name, "Dana Reyes") != 0)
		return false;
	snprintf(out, outlen, "dana@example.com");
	return true;
}

static bool
fake_code(void *ctx, const char *code, char *out, size_t outlen)
{
	if (strcmp(code, "K7Q2M9XA") != 0)
		return false;
	snprintf(out, outlen, "ana@example.org");
	return true;
}

static bool
fake_customer(void *ctx, const char *email)
{
	return strcmp(email, "ana@example.org") == 0;
}

/* text - abort unless s (NULL allowed) is text by the invariant */
static void
text(const char *s)
{
	if (s != NULL && !utf8_valid(s, strlen(s))) {
		fprintf(stderr, "fuzz_parse: invalid UTF-8 handed on: \"%s\"\n",
		    s);
		abort();
	}
}

static void
address_text(const struct address *a)
{
	text(a->email);
	text(a->name);
}

/* message_text - every string of a parsed message */
static void
message_text(const struct message *m)
{
	address_text(&m->from);
	address_text(&m->sender);
	address_text(&m->reply_to);
	for (size_t i = 0; i < m->to.n; i++)
		address_text(&m->to.v[i]);
	for (size_t i = 0; i < m->cc.n; i++)
		address_text(&m->cc.v[i]);
	for (size_t i = 0; i < m->nreferences; i++)
		text(m->references[i]);
	text(m->subject);
	text(m->message_id);
	text(m->in_reply_to);
	text(m->list_id);
	text(m->text);
	text(m->quoted);
	text(m->signature);
}

/* facts_text - every string classify hands to the store */
static void
facts_text(const struct facts *f)
{
	text(f->ignore_reason);
	text(f->key);
	text(f->subject);
	for (size_t i = 0; i < f->npeople; i++) {
		text(f->people[i].email);
		text(f->people[i].name);
	}
	for (size_t i = 0; i < f->ntags; i++) {
		text(f->tags[i].email);
		text(f->tags[i].tag);
		text(f->tags[i].evidence);
	}
	for (size_t i = 0; i < f->nreferrals; i++) {
		text(f->referrals[i].referrer);
		text(f->referrals[i].referrer_name);
		text(f->referrals[i].referred);
		text(f->referrals[i].how);
		text(f->referrals[i].evidence);
	}
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
	message_text(m);
	f = classify(m, NULL, cfg, rules, &known);
	if (f != NULL)
		facts_text(f);
	facts_free(f);
	message_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct message_limits lim;
	struct err e;

	if (rules == NULL) {
		rules = rules_default(&e);
		cfg = config_defaults();
		if (rules == NULL || cfg == NULL)
			abort();
		strvec_push(&cfg->own_domains, "brightdesk.example");
		strvec_push(&cfg->own_addresses, "sam@brightdesk.example");
		/* read Authentication-Results and Return-Path (sender trust) */
		cfg->authserv_id = strdup("mx.brightdesk.example");
		cfg->sender_match = MATCH_ALWAYS;
	}
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
