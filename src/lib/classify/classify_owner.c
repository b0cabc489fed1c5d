/*
 * classify_owner - is this message the owner's own mail, somebody else's,
 * or somebody forging the owner's From?
 *
 * What it is for: every part of classify that must not take the owner's
 * words for a customer's (codes the owner hands out, names the owner
 * writes) asks here.  Pure: reads the message, its envelope and the
 * configuration.  Calls nothing else in classify.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "classify_int.h"

/* foreign_return_path - stored mail whose Return-Path is not the owner's */
static bool
foreign_return_path(const struct message *m, const struct config *cfg)
{
	const char *rp = message_field(m, "Return-Path"), *lt;
	char addr[CL_EMAIL_MAX];
	size_t n;

	if (rp == NULL)
		return false;
	if ((lt = strchr(rp, '<')) != NULL)
		rp = lt + 1;
	while (*rp == ' ' || *rp == '\t')
		rp++;
	n = strcspn(rp, "> \t");
	if (n == 0 || n >= sizeof(addr))
		return false;	/* <> is the gate's business */
	memcpy(addr, rp, n);
	addr[n] = '\0';
	return !config_is_own(cfg, addr);
}

enum classify_owner
classify_owner(const struct message *m, const struct envelope *env,
    const struct config *cfg)
{
	bool own_from = m->from.email != NULL && cfg != NULL &&
	    config_is_own(cfg, m->from.email);

	/* ingest: the Sent folder is the owner's; elsewhere an own From is a copy */
	if (env != NULL && env->sent)
		return OWNER_YES;
	if (env != NULL && env->stored)
		return own_from ? OWNER_FORGED : OWNER_NO;

	/* the MTA vouches: SASL login, or submitted on this machine */
	if (env != NULL && ((env->auth_user && *env->auth_user) || env->local))
		return own_from || (env->auth_user && *env->auth_user) ?
		    OWNER_YES : OWNER_NO;
	if (!own_from)
		return OWNER_NO;
	/* live mail claiming the owner's From with nobody vouching: forged */
	if (env != NULL)
		return OWNER_FORGED;
	/* stored mail: the owner's From over somebody else's Return-Path */
	return foreign_return_path(m, cfg) ? OWNER_FORGED : OWNER_YES;
}
