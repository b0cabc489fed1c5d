/*
 * result - what clientele-milter says about one message: the info line
 * in the log and the value of the X-Clientele field.
 *
 * For: callbacks.c (live mail), state.c (mail replayed from the spool)
 * and offline.c (-t), which all describe a struct pipeline_result the
 * same way.
 * Owns: nothing; milter_header_value's string is the caller's.
 * Never: touches the store, the snapshot or libmilter, and calls no other
 * file of the milter: they call it.
 */
#include <stdlib.h>

#include "util/buf.h"
#include "util/log.h"
#include "milter.h"

/* milter_header_value - "status=customer; category=...; ..."; NULL on ENOMEM */
char *
milter_header_value(const struct pipeline_result *res)
{
	struct buf b;

	buf_init(&b, 64 * 1024);
	/* a prospect has no category that means anything yet */
	if (res->prospect ? buf_printf(&b, "status=prospect; referrals=%d",
	    res->referrals) < 0 : buf_printf(&b, "status=customer; category=%s; "
	    "referrals=%d", res->category != NULL ? res->category : "ok",
	    res->referrals) < 0)
		goto fail;
	if (res->tags != NULL && *res->tags != '\0' &&
	    buf_printf(&b, "; tags=%s", res->tags) < 0)
		goto fail;
	return buf_steal(&b);
fail:
	buf_free(&b);
	return NULL;
}

/* milter_log_result - the one info line per message, under label qid */
void
milter_log_result(const char *qid, const struct pipeline_result *res)
{
	const struct facts *f = res->facts;
	size_t npeople = f != NULL ? f->npeople : 0;

	if (res->kind == FACTS_IGNORED) {
		msg_info("%s: ignored (%s)", qid,
		    res->ignore_reason != NULL ? res->ignore_reason : "not a customer");
	} else if (res->duplicate) {
		msg_info("%s: duplicate (already recorded)", qid);
	} else if (res->kind == FACTS_OUTGOING) {
		msg_info("%s: outgoing, last contact of %zu %s", qid, npeople,
		    npeople == 1 ? "person" : "people");
	} else if (res->customer == NULL) {
		msg_info("%s: no customer", qid);
	} else {
		msg_info("%s: customer=%s category=%s referrals=%d tags=%s "
		    "facts: %d %s, %d %s", qid, res->customer,
		    res->category != NULL ? res->category : "-",
		    res->referrals, res->tags != NULL ? res->tags : "",
		    res->ntags_added, res->ntags_added == 1 ? "tag" : "tags",
		    res->nreferrals_added,
		    res->nreferrals_added == 1 ? "referral" : "referrals");
	}
}
