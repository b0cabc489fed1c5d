/*
 * store_ideal.h - the store's side of ideal customers: revenue, the owner's
 * and the customers' own verdicts on the value set, and the candidates.
 *
 * Kept apart from store.h so the narrow interface stays narrow; the same
 * rules hold (store.h's return convention; addresses any case; one
 * thread at a time).  Implemented in store_revenue.c.
 */
#ifndef CLIENTELE_STORE_IDEAL_H
#define CLIENTELE_STORE_IDEAL_H

#include <stdbool.h>
#include <time.h>

#include "classify/ideal.h"
#include "classify/rules.h"
#include "store/store.h"
#include "classify/valueset.h"

/* What store_revenue_add did (0 none, 1 done, as store.h says; 2 a kind of done). */
enum revenue_added {
	REVENUE_UNKNOWN = 0,	/* no such customer and create_unknown not set */
	REVENUE_RECORDED = 1,	/* a new payment or refund */
	REVENUE_DUPLICATE = 2,	/* same reference, or same address, amount and date */
};

/*
 * store_revenue_add - record amount (minor units; negative for a refund)
 * paid by email on date.  Idempotent: a row with a reference is recorded
 * once per reference; one without is recorded once per (address, amount,
 * date).  create_unknown: an unknown address becomes a customer.  Returns
 * enum revenue_added, or -1 with e set.
 */
int store_revenue_add(struct store *s, const char *email, long long amount,
    time_t date, const char *reference, bool create_unknown, struct err *e);

/* Who judged: the owner (`assess`) or the customer (a reply to the form). */
enum assess_source { ASSESS_OWNER, ASSESS_SELF };

/*
 * store_assess - record one verdict on value key (VERDICT_UNKNOWN forgets
 * it).  The owner's and the customer's verdicts are kept apart.  1 done,
 * 0 no such customer, -1 with e set.
 */
int store_assess(struct store *s, const char *email, const char *key,
    enum verdict v, enum assess_source source, struct err *e);

/*
 * store_alignment - the customer's fit with each value of vs: owner and
 * self verdicts, tags counting against (r may be NULL: none), tallied.
 * 1 found, 0 no such customer, -1 with e set.  out is the caller's; its
 * keys are borrowed from vs.
 */
int store_alignment(struct store *s, const char *email,
    const struct valueset *vs, const struct rules *r, struct alignment *out,
    struct err *e);

/*
 * store_ideal - the good customers ranked (ideal_rank) with revenue since
 * `since` and, when vs is given, their fit with it.  limit 0: all.  out is
 * freed with ideal_list_free.
 */
int store_ideal(struct store *s, time_t since, const struct valueset *vs,
    const struct rules *r, size_t limit, struct ideal_list *out,
    struct err *e);

/*
 * store_self_assess - record a reply to the published value-set form, as
 * the caller read it from the message (ideal_reply_read), as the
 * customer's own verdicts, replacing any earlier ones.  1 recorded, 0 no
 * such customer, -1 with e set.  The store never reads a message itself.
 */
int store_self_assess(struct store *s, const char *email,
    const struct valueset *vs, const struct value_reply *r, struct err *e);

#endif
