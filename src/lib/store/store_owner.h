/*
 * store_owner.h - the owner's corrections and lookups beyond the basic
 * edits of store.h: who referred whom (by hand, final), addresses and
 * domains that are never contacts, forgetting that lasts, notes, finding
 * people, companies and likely duplicates.
 *
 * Return values follow store.h's convention (1 found or done, 0 none, -1
 * error with e set); addresses are matched case-insensitively.
 */
#ifndef CLIENTELE_STORE_OWNER_H
#define CLIENTELE_STORE_OWNER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "store/store.h"

/*
 * store_referral - set (referrer) or clear (NULL) who referred email.  The
 * credit is then final: mail never sets or moves it again.  Counts, tags,
 * categories and the digest's events follow.  1 done, 0 when email or
 * referrer is no customer (*unknown, may be NULL, then points to that
 * argument), -1 error (also for a self-referral).
 */
int store_referral(struct store *s, const char *email, const char *referrer,
    const char **unknown, struct err *e);

/* One ignored address ("a@b.example") or domain ("@b.example"). */
struct ignore_entry {
	char *pattern;
	char *reason;		/* may be NULL */
	time_t at;
};

/*
 * store_ignore - never a contact again: pattern is an address or
 * "@domain".  Every customer it matches is erased as if never seen (their
 * credits given and received, tags, messages); *removed says how many.
 * Ignoring again only updates the reason.
 */
int store_ignore(struct store *s, const char *pattern, const char *reason,
    size_t *removed, struct err *e);
/* store_unignore - 1 done, 0 not ignored, -1 error; what was erased stays erased */
int store_unignore(struct store *s, const char *pattern, struct err *e);
/* store_ignores - every entry, by pattern; free with ignore_list_free */
int store_ignores(struct store *s, struct ignore_entry **out, size_t *n,
    struct err *e);
void ignore_list_free(struct ignore_entry *v, size_t n);

/*
 * store_forget_for_good - store_forget, and unless allow_return a
 * tombstone for each of the person's addresses (a salted hash, never the
 * address) so that old mail ingested again does not bring them back.
 * 1, 0 no such customer (with allow_return: nor tombstone), -1.
 */
int store_forget_for_good(struct store *s, const char *email,
    bool allow_return, struct err *e);

/* store_note_add - a note on the customer; *id its number.  1, 0 no such customer, -1 */
int store_note_add(struct store *s, const char *email, const char *text,
    long long *id, struct err *e);
/* store_note_delete - 1, 0 no such note, -1 */
int store_note_delete(struct store *s, long long id, struct err *e);

/*
 * store_find - customers whose name (accents and case aside), address or
 * domain matches text, best first (at most limit, 0: all); scores[i] (may
 * be NULL, caller frees) the match of out->v[i], 1 to 100.
 */
int store_find(struct store *s, const char *text, size_t limit,
    struct customer_list *out, int **scores, struct err *e);

/* One suggested merge: two customers who look like one person. */
struct duplicate {
	char *a;		/* primary addresses, a < b */
	char *b;
	char *why;		/* "same name Dana Reyes", ... */
};

/* store_duplicates - suggestions only; nothing is merged.  Free with duplicate_list_free. */
int store_duplicates(struct store *s, struct duplicate **out, size_t *n,
    struct err *e);
void duplicate_list_free(struct duplicate *v, size_t n);

/* A firm: the contacts at one non-free-mail domain. */
struct company {
	char *name;		/* the domain */
	struct strvec people;	/* primary addresses, sorted */
	int referrals;		/* made by its people */
	long long revenue;	/* minor units, last 12 months */
};

/* store_companies - firms with their people, most people first; free with company_list_free */
int store_companies(struct store *s, struct company **out, size_t *n,
    struct err *e);
void company_list_free(struct company *v, size_t n);

/* store_company_customers - the customers of one company (domain) matching f (may be NULL), by email */
int store_company_customers(struct store *s, const char *company,
    const struct customer_filter *f, struct customer_list *out,
    struct err *e);

#endif
