/*
 * pipeline.h - raw bytes -> parse -> classify -> store, for both front doors.
 *
 * The milter and `clientele ingest` both call pipeline_process with the
 * bytes of one message; nothing about mail or customers is decided in
 * them.  A pipeline borrows its config, rules and store; it owns nothing.
 *
 * pipeline_process is two steps a caller may also take apart:
 * pipeline_classify (parse and classify: CPU, no writes) and
 * pipeline_record (the store).  The milter classifies outside its store
 * lock and records under it; the lookups classify makes then go through
 * the lock one at a time (struct pipeline_lookups).
 */
#ifndef CLIENTELE_PIPELINE_H
#define CLIENTELE_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/classify.h"
#include "mail/config.h"
#include "mail/message.h"
#include "classify/rules.h"
#include "classify/ideal.h"
#include "store/store.h"

struct valueset;

/*
 * How classify reads a store that other threads write (the milter):
 * lock takes the caller's store lock and returns the store to read (NULL:
 * nothing is known, the lock is still taken), unlock lets go.  Each
 * lookup classify makes runs between the two.
 */
struct pipeline_lookups {
	struct store *(*lock)(void *arg);
	void (*unlock)(void *arg);
	void *arg;
};

struct pipeline {
	const struct config *cfg;
	const struct rules *rules;
	struct store *store;		/* NULL: classify only (milter -t, tests) */
	struct message_limits limits;
	/* don't read the customer back (category, tags): ingest; the milter
	 * reads it after its commit (pipeline_summary) */
	bool skip_summary;
	/* the owner's value set, set by front doors that loaded ValueSet (NULL:
	 * replies to the value-set form are not read); borrowed */
	const struct valueset *valueset;
	/* set by a front door whose store is shared (NULL: p->store is
	 * read directly); borrowed */
	const struct pipeline_lookups *lookups;
};

/* A message parsed and classified, not yet recorded. */
struct pipeline_staged {
	struct facts *facts;
	bool is_reply;			/* a reply to the value-set form */
	struct value_reply reply;	/* its ticked boxes, when is_reply */
	/*
	 * a lookup under p->lookups hit a database error: pipeline_record
	 * then records nothing and fails with it (the milter spools)
	 */
	bool lookup_failed;
	struct err lookup_err;
	/*
	 * a lookup while classifying found the sender a customer already, so
	 * pipeline_record need not ask again (false: it asks)
	 */
	bool sender_known;
};

/* What happened to one message, for logs and the X-Clientele header. */
struct pipeline_result {
	enum facts_kind kind;
	bool duplicate;
	char *ignore_reason;	/* borrowed-from-facts copy; freed by pipeline_result_clear */
	char *customer;		/* sender customer's email, or NULL */
	char *category;		/* their category after this message, or NULL */
	int referrals;
	char *tags;		/* comma-separated, sorted, or NULL */
	int ntags_added;
	int nreferrals_added;
	struct facts *facts;	/* the facts themselves (for -t and logs) */
	bool known_before;	/* the sender was a customer before this message */
	bool prospect;		/* the sender is a contact, not a customer (store) */
};

void pipeline_init(struct pipeline *p, const struct config *cfg,
    const struct rules *rules, struct store *store);
/*
 * pipeline_process - one message.  Returns 0 (recorded, ignored or
 * duplicate: see res) or -1 with e set when the message could not be parsed
 * or the store failed.  The caller runs it inside a store transaction when
 * it batches (ingest); otherwise the store opens one itself.  On -1,
 * res->facts is NULL when the bytes were not understood (parse) and set
 * when they were and the store failed.  res is always safe to clear.
 */
int pipeline_process(struct pipeline *p, const char *data, size_t len,
    const struct envelope *env, struct pipeline_result *res, struct err *e);
void pipeline_result_clear(struct pipeline_result *res);

/*
 * pipeline_classify - parse and classify one message into st, reading
 * what the store knows through p->lookups if set, else p->store (if any).
 * 0, or -1 with e set when the bytes are not a message (or on ENOMEM);
 * st is always safe to clear.
 */
int pipeline_classify(struct pipeline *p, const char *data, size_t len,
    const struct envelope *env, struct pipeline_staged *st, struct err *e);
/*
 * pipeline_record - what pipeline_process does after classifying: record
 * st in p->store (if any) and fill res.  Takes over st's facts (res owns
 * them, even on error).  0, or -1 with e set (res->facts set: the store
 * failed).
 */
int pipeline_record(struct pipeline *p, struct pipeline_staged *st,
    struct pipeline_result *res, struct err *e);
/*
 * pipeline_summary - res's customer read back from p->store (category,
 * referrals, tags) after pipeline_record ran with skip_summary: the
 * milter reads it after its commit, outside the writers' lock.  Nothing
 * to do without a store or a customer, or when it was read already.  0,
 * or -1 with e set.
 */
int pipeline_summary(struct pipeline *p, struct pipeline_result *res,
    struct err *e);
/* pipeline_staged_clear - free what st holds and zero it */
void pipeline_staged_clear(struct pipeline_staged *st);

#endif
