/*
 * category - good / ok / bad from tags and referrals, with reasons.
 *
 * What it is for: turning a customer's counts (people referred, messages
 * carrying praise, rudeness, complaints, haggling, late payment) into one
 * of three categories and the plain sentences behind it, so the owner can
 * see why somebody is on the bad list.
 *
 * What it owns: the mapping from tag names to weights, the shipped default
 * weights and the wording of the reasons.
 *
 * What it never does: I/O, allocation beyond the reasons it appends, or
 * remembering anything between calls.  The store calls it and keeps the
 * result; a category set by hand never reaches it.
 */
#include <stdio.h>
#include <string.h>

#include "classify/category.h"

/* One signal: the tag that carries it, its weight and how to say it. */
struct signal {
	const char *tag;	/* NULL: the referral count */
	size_t weight_off;	/* offset of its weight in struct category_weights */
	const char *lead;	/* words before the count */
	const char *one;	/* noun after a count of one */
	const char *many;	/* noun after any other count */
};

#define W(f) offsetof(struct category_weights, f)

static const struct signal signals[] = {
	{ NULL, W(referral), "made", "referral", "referrals" },
	{ "praise", W(praise), "praised the work in", "message", "messages" },
	{ "enquiry", W(enquiry), "sent", "enquiry", "enquiries" },
	{ "rude", W(rude), "rude in", "message", "messages" },
	{ "complaint", W(complaint), "complained in", "message", "messages" },
	{ "haggler", W(haggler), "questioned the price in", "message",
	    "messages" },
	{ "slow-payer", W(slow_payer), "paid late in", "message", "messages" },
};

#undef W

#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

/* signal_weight - the weight of signal sg under w */
static int
signal_weight(const struct signal *sg, const struct category_weights *w)
{
	int v;

	memcpy(&v, (const char *)w + sg->weight_off, sizeof(v));
	return v;
}

/* signal_count - how many times the signal shows in the input */
static int
signal_count(const struct signal *sg, const struct category_input *in)
{
	int n = 0;

	if (sg->tag == NULL)
		return in->referrals > 0 ? in->referrals : 0;
	for (size_t i = 0; i < in->ntags; i++) {
		const struct category_tagcount *t = &in->tags[i];

		if (t->tag != NULL && strcmp(t->tag, sg->tag) == 0 &&
		    t->count > 0)
			n += t->count;
	}
	return n;
}

/* category_score - weighted sum of every signal; saturates instead of overflowing */
int
category_score(const struct category_input *in,
    const struct category_weights *w)
{
	long long score = 0;

	for (size_t i = 0; i < NSIGNALS; i++) {
		score += (long long)signal_weight(&signals[i], w) *
		    signal_count(&signals[i], in);
		if (score > 1000000000LL)
			score = 1000000000LL;
		if (score < -1000000000LL)
			score = -1000000000LL;
	}
	return (int)score;
}

/*
 * category_compute - category for the input under w (static string).
 * Reasons, one per weighted signal present, are appended to `reasons`
 * (copies the caller frees with the strvec) when it is not NULL.
 */
const char *
category_compute(const struct category_input *in,
    const struct category_weights *w, struct strvec *reasons)
{
	int score = category_score(in, w);
	const char *cat;
	size_t added = 0;

	if (score >= w->good_at)
		cat = "good";
	else if (score <= w->bad_at)
		cat = "bad";
	else
		cat = "ok";
	if (reasons == NULL)
		return cat;
	for (size_t i = 0; i < NSIGNALS; i++) {
		const struct signal *sg = &signals[i];
		int n = signal_count(sg, in);
		char line[96];

		if (n == 0 || signal_weight(sg, w) == 0)
			continue;
		snprintf(line, sizeof(line), "%s %d %s", sg->lead, n,
		    n == 1 ? sg->one : sg->many);
		if (strvec_push(reasons, line) == 0)
			added++;
	}
	if (added == 0)
		strvec_push(reasons, "no strong signals yet");
	return cat;
}

/* category_valid - true for "good", "ok", "bad" */
int
category_valid(const char *s)
{
	return category_rank(s) >= 0;
}

/* category_rank - bad 0, ok 1, good 2; -1 for anything else */
int
category_rank(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "bad") == 0)
		return 0;
	if (strcmp(s, "ok") == 0)
		return 1;
	if (strcmp(s, "good") == 0)
		return 2;
	return -1;
}
