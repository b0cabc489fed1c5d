/*
 * ideal.h - who the ideal customers are: the score, the reasons, the values.
 *
 * Pure: what the store gathered about each good customer (revenue in the
 * last twelve months, people referred, how they fit the owner's value set)
 * goes in; a ranked list with a score and short human reasons comes out,
 * and renders as text, JSON or CSV.  No I/O, no clock: the caller chooses
 * the window.
 *
 * The score (0..100, documented so the owner can trust it):
 *   revenue    up to 50 points, in proportion to the customer's net
 *              revenue in the window over the largest among the candidates
 *              (refunds count against it; nothing or a net loss is 0);
 *   referrals  10 points per person referred, at most 30;
 *   values     20 * (values that fit - values that do not) / values in
 *              the set, so -20..20; 0 without a value set.
 * Only customers whose category is "good" are ranked: a bad customer
 * never appears, however much they pay.
 *
 * A value fits or not by, in this order: the owner's verdict (`assess`);
 * else tags that count against it (rules: rude -> respect); else the
 * customer's own verdict (a reply to the published form); else unknown.
 */
#ifndef CLIENTELE_IDEAL_H
#define CLIENTELE_IDEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"
#include "mail/message.h"
#include "util/strutil.h"
#include "classify/valueset.h"

/* Revenue is counted over the last twelve months (365 days). */
#define IDEAL_WINDOW ((time_t)365 * 24 * 60 * 60)

#define IDEAL_POINTS_REVENUE	50
#define IDEAL_POINTS_REFERRAL	10
#define IDEAL_MAX_REFERRALS	3
#define IDEAL_POINTS_VALUES	20

/* One value of the set, judged for one customer. */
struct value_check {
	const char *key;	/* borrowed from the value set */
	enum verdict owner;	/* the owner's judgement */
	enum verdict self;	/* the customer's own, from the form */
	int against;		/* messages carrying tags that count against it */
	char evidence[160];	/* "rude in 2 messages", or "" */
	enum verdict overall;	/* set by alignment_tally */
};

struct alignment {
	struct value_check v[VALUESET_MAX];
	size_t n;		/* values in the set */
	int fit;		/* values whose overall verdict is yes */
	int misfit;		/* ... is no */
};

/* value_overall - owner's verdict, else evidence against, else self */
enum verdict value_overall(enum verdict owner, enum verdict self, int against);
/* alignment_tally - fill each overall verdict and the fit/misfit counts */
void alignment_tally(struct alignment *a);
/*
 * alignment_text - the checklist for `show`: "  values:      10/12 fit"
 * then one "    KEY: ✓|✗|? (details)" line per value, escaped for a
 * terminal.  -1 when out hits its cap.
 */
int alignment_text(struct buf *out, const struct alignment *a);
/*
 * alignment_json - the same for `show --format json`: {"fit", "misfit",
 * "of", "checks": [{"key", "verdict", "owner", "self", "evidence"}]},
 * verdicts "yes"/"no" or null.  -1 when out hits its cap.
 */
int alignment_json(struct buf *out, const struct alignment *a);

/* A customer's reply to the published value-set form, read from a message. */
struct value_reply {
	enum verdict v[VALUESET_MAX];	/* YES ticked, NO left empty, UNKNOWN not named */
	size_t found;			/* values named */
};

/*
 * ideal_reply_read - is m a reply to the form (subject carries
 * VALUESET_SUBJECT, any case, "Re:" and all) naming at least half of the
 * values?  Boxes in what the sender wrote now win over those in the quote
 * they edited.  true and out filled if so; vs NULL: false.
 */
bool ideal_reply_read(const struct valueset *vs, const struct message *m,
    struct value_reply *out);

/* What the store gathered about one candidate (all borrowed). */
struct ideal_input {
	const char *email;
	const char *name;	/* or NULL */
	const char *category;	/* only "good" is ranked */
	long long revenue;	/* net, minor units, in the window */
	bool has_revenue;	/* any payment or refund in the window */
	int referrals;		/* distinct people referred */
	int fit;		/* values that fit */
	int misfit;		/* values that do not */
	int nvalues;		/* values in the set; 0: no value set */
	const char *misfits;	/* "respect, integrity", or NULL */
};

/* One ranked ideal customer; owns its strings. */
struct ideal {
	char *email;
	char *name;
	long long revenue;
	bool has_revenue;
	int referrals;
	int fit;
	int nvalues;
	int score;
	struct strvec reasons;
};

struct ideal_list {
	struct ideal *v;
	size_t n;
};

/* ideal_score - the score of one candidate against the largest revenue */
int ideal_score(const struct ideal_input *in, long long max_revenue);
/*
 * ideal_rank - the good candidates of in[0..n), best first (score, then
 * revenue, referrals, email), at most limit (0: all), each with reasons.
 * out is the caller's, freed with ideal_list_free.  -1 with e on ENOMEM.
 */
int ideal_rank(const struct ideal_input *in, size_t n, size_t limit,
    struct ideal_list *out, struct err *e);
/* ideal_list_free - free every entry and the array; the list is left empty */
void ideal_list_free(struct ideal_list *l);

/* ideal_max_revenue - the largest net revenue among the good of in[0..n) */
long long ideal_max_revenue(const struct ideal_input *in, size_t n);

/*
 * Pruning a scan for the best `cap` (store_ideal with a limit): the store
 * offers each candidate it reads, and stops reading once the cap-th best
 * so far ranks before the best that the unread rest could be.  Only the
 * ranking keys are kept (score, revenue, referrals, email); the email is
 * borrowed and must outlive the list.
 */
struct ideal_top {
	struct ideal *v;	/* best first */
	size_t n, cap;
};

/* ideal_top_init - an empty list of at most cap (> 0) keys; -1 on ENOMEM */
int ideal_top_init(struct ideal_top *t, size_t cap, struct err *e);
/* ideal_top_offer - keep in's keys if it ranks among the best cap */
void ideal_top_offer(struct ideal_top *t, const struct ideal_input *in,
    long long max_revenue);
/*
 * ideal_top_closed - true when the list is full and its last entry ranks
 * before rest (score, revenue, referrals and email of an upper bound on
 * everything not yet read): nothing unread can enter the list.
 */
bool ideal_top_closed(const struct ideal_top *t, const struct ideal *rest);
void ideal_top_free(struct ideal_top *t);

#endif
