/*
 * category.h - good / ok / bad from tags and referrals, with reasons.
 *
 * Pure: counts and weights in, a category and plain sentences out ("made 4
 * referrals", "rude in 2 messages").  The store calls it whenever a
 * customer's counts change and keeps the result, unless the owner has set
 * the category by hand.
 */
#ifndef CLIENTELE_CATEGORY_H
#define CLIENTELE_CATEGORY_H

#include <stddef.h>

#include "mail/config.h"
#include "util/strutil.h"

struct category_tagcount {
	const char *tag;
	int count;		/* messages carrying the tag (or 1 if set by hand) */
};

struct category_input {
	int referrals;		/* distinct people referred */
	int messages;
	const struct category_tagcount *tags;
	size_t ntags;
};

/*
 * category_compute - "good", "ok" or "bad" (static strings); appends the
 * reasons to `reasons` when it is not NULL.
 */
const char *category_compute(const struct category_input *in,
    const struct category_weights *w, struct strvec *reasons);

/* category_score - the weighted sum category_compute compares with good_at/bad_at */
int category_score(const struct category_input *in,
    const struct category_weights *w);

/* category_valid - true for "good", "ok", "bad" */
int category_valid(const char *s);
/* category_rank - bad 0, ok 1, good 2 (for sorting); -1 if invalid */
int category_rank(const char *s);

#endif
