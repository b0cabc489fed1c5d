/*
 * trust - may this message speak for the address in its From?
 *
 * SYNOPSIS
 *	#include "classify/trust.h"
 *
 *	char why[TRUST_MAX_WHY];
 *	if (trust_judge(m, env, cfg, why, sizeof(why)) == TRUST_UNVERIFIED) ...
 *
 * DESCRIPTION
 *	Reads the Authentication-Results fields the message module kept
 *	(RFC 8601: "authserv-id; method=result prop=value; ..."), only those
 *	written under cfg->authserv_id; then, without results, compares the
 *	envelope sender's domain with the From domain.  See trust.h for the
 *	rules.
 *
 * OWNS
 *	Nothing.
 *
 * NEVER
 *	Does DNS, I/O or keeps globals: the MTA's filters did the checking,
 *	this only reads what they wrote.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "classify/classify.h"
#include "classify/trust.h"

/* Longest domain or token copied. */
#define TRUST_MAX_TOKEN 256

bool
trust_aligned(const char *a, const char *b)
{
	size_t la, lb;

	if (a == NULL || b == NULL || *a == '\0' || *b == '\0')
		return false;
	la = strlen(a);
	lb = strlen(b);
	if (la == lb)
		return strcasecmp(a, b) == 0;
	if (la > lb)
		return a[la - lb - 1] == '.' && strcasecmp(a + la - lb, b) == 0;
	return b[lb - la - 1] == '.' && strcasecmp(b + lb - la, a) == 0;
}

/* token - copy the run of s up to a delimiter into out; returns the end */
static const char *
token(const char *s, const char *delims, char *out, size_t outlen)
{
	size_t n = strcspn(s, delims);

	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return s + strcspn(s, delims);
}

/* skip_blank - past spaces, tabs and (comments) */
static const char *
skip_blank(const char *s)
{
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '(')
			return s;
		for (int depth = 0; *s != '\0'; s++) {
			if (*s == '(')
				depth++;
			else if (*s == ')' && --depth == 0) {
				s++;
				break;
			}
		}
	}
}

/* What the results of our authserv-id say about the From domain. */
struct auth {
	int dmarc;		/* 1 pass, -1 fail, 0 none */
	bool dkim_aligned;	/* an aligned DKIM pass */
	bool spf_pass;
	bool any;		/* any method result at all */
	char dkim_other[TRUST_MAX_TOKEN];	/* a DKIM pass for another domain */
};

/* resinfo - one "method=result prop=value ..." clause */
static void
resinfo(const char *s, const char *from_dom, struct auth *a)
{
	char method[32], result[32], prop[64], val[TRUST_MAX_TOKEN];
	char dkim_d[TRUST_MAX_TOKEN] = "", dmarc_from[TRUST_MAX_TOKEN] = "";

	s = skip_blank(s);
	s = token(s, "= \t;", method, sizeof(method));
	s = skip_blank(s);
	if (*s != '=')
		return;
	s = skip_blank(s + 1);
	s = token(s, " \t;(", result, sizeof(result));
	while (*(s = skip_blank(s)) != '\0' && *s != ';') {
		const char *at;

		s = token(s, "= \t;", prop, sizeof(prop));
		if (*s != '=') {
			if (*s != '\0' && *s != ';')
				s++;
			continue;
		}
		s = token(s + 1, " \t;", val, sizeof(val));
		if (strcasecmp(prop, "header.d") == 0)
			snprintf(dkim_d, sizeof(dkim_d), "%s", val);
		else if (strcasecmp(prop, "header.i") == 0 && dkim_d[0] == '\0' &&
		    (at = strrchr(val, '@')) != NULL)
			snprintf(dkim_d, sizeof(dkim_d), "%s", at + 1);
		else if (strcasecmp(prop, "header.from") == 0)
			snprintf(dmarc_from, sizeof(dmarc_from), "%s",
			    (at = strrchr(val, '@')) ? at + 1 : val);
	}
	a->any = true;
	if (strcasecmp(method, "dmarc") == 0) {
		/* a result for another domain says nothing about this From */
		if (dmarc_from[0] != '\0' && strcasecmp(dmarc_from, from_dom))
			return;
		if (strcasecmp(result, "pass") == 0)
			a->dmarc = 1;
		else if (strcasecmp(result, "fail") == 0 && a->dmarc == 0)
			a->dmarc = -1;
	} else if (strcasecmp(method, "dkim") == 0 &&
	    strcasecmp(result, "pass") == 0) {
		if (trust_aligned(dkim_d, from_dom))
			a->dkim_aligned = true;
		else
			snprintf(a->dkim_other, sizeof(a->dkim_other), "%s",
			    dkim_d);
	} else if (strcasecmp(method, "spf") == 0 &&
	    strcasecmp(result, "pass") == 0) {
		a->spf_pass = true;
	}
}

/* read_results - every Authentication-Results of ours; false if none */
static bool
read_results(const struct message *m, const char *servid,
    const char *from_dom, struct auth *a)
{
	const char *v;
	size_t pos = 0;
	bool ours = false;

	while ((v = message_field_next(m, "Authentication-Results", &pos))) {
		char id[TRUST_MAX_TOKEN];
		const char *p = token(skip_blank(v), " \t;", id, sizeof(id));

		if (strcasecmp(id, servid) != 0)
			continue;	/* someone else's, or forged */
		ours = true;
		while ((p = strchr(p, ';')) != NULL) {
			p++;
			resinfo(p, from_dom, a);
		}
	}
	return ours;
}

/* envelope_sender - MAIL FROM, or Return-Path in stored mail; "" if none */
static void
envelope_sender(const struct message *m, const struct envelope *env,
    char *out, size_t outlen)
{
	const char *v = env != NULL ? env->mail_from : NULL;
	const char *lt;

	out[0] = '\0';
	if (v == NULL && (v = message_field(m, "Return-Path")) != NULL &&
	    (lt = strchr(v, '<')) != NULL)
		v = lt + 1;
	if (v == NULL)
		return;
	token(skip_blank(v), "> \t", out, outlen);
}

enum trust_result
trust_judge(const struct message *m, const struct envelope *env,
    const struct config *cfg, char *why, size_t whylen)
{
	const char *from_dom = email_domain(m->from.email), *env_dom;
	char sender[TRUST_MAX_TOKEN];
	struct auth a;
	bool check_env;

	snprintf(why, whylen, "not checked");
	if (from_dom == NULL || cfg == NULL)
		return TRUST_UNCHECKED;
	memset(&a, 0, sizeof(a));
	if (cfg->authserv_id != NULL && *cfg->authserv_id != '\0' &&
	    read_results(m, cfg->authserv_id, from_dom, &a) && a.any) {
		if (a.dmarc > 0) {
			snprintf(why, whylen, "DMARC pass for %s", from_dom);
			return TRUST_VERIFIED;
		}
		if (a.dmarc < 0) {
			snprintf(why, whylen, "DMARC fail for %s", from_dom);
			return TRUST_UNVERIFIED;
		}
		if (a.dkim_aligned || a.spf_pass) {
			snprintf(why, whylen, "%s pass for %s", a.dkim_aligned ?
			    "DKIM" : "SPF", from_dom);
			return TRUST_VERIFIED;
		}
		if (a.dkim_other[0] != '\0')
			snprintf(why, whylen, "no aligned DKIM pass and no SPF "
			    "pass for %s (DKIM passed for %s)", from_dom,
			    a.dkim_other);
		else
			snprintf(why, whylen, "no aligned DKIM pass and no SPF "
			    "pass for %s", from_dom);
		return TRUST_UNVERIFIED;
	}
	check_env = cfg->sender_match == MATCH_ALWAYS ||
	    (cfg->sender_match == MATCH_MILTER && env != NULL &&
	    !env->sent && !env->stored);
	if (!check_env)
		return TRUST_UNCHECKED;
	envelope_sender(m, env, sender, sizeof(sender));
	if (sender[0] == '\0' || (env_dom = email_domain(sender)) == NULL)
		return TRUST_UNCHECKED;
	if (trust_aligned(env_dom, from_dom)) {
		snprintf(why, whylen, "envelope sender in %s", from_dom);
		return TRUST_VERIFIED;
	}
	snprintf(why, whylen, "envelope sender %s is not in the From domain %s",
	    sender, from_dom);
	return TRUST_UNVERIFIED;
}
