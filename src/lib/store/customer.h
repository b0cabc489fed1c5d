/*
 * customer.h - a customer as the store hands it out: what the reports,
 * `show` and the milter's header read, and how it is freed.
 *
 * Pure data: no database, no I/O.  The store fills these (store.h:
 * store_customers, store_show, ...); anyone may free them with the
 * functions below, which need nothing else of the store.  Every pointer
 * in them is owned by the struct (strings and arrays on the heap).
 */
#ifndef CLIENTELE_CUSTOMER_H
#define CLIENTELE_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/strutil.h"

/* One customer as the reports print it. */
struct customer {
	char *email;		/* primary address */
	char *name;
	char *category;		/* "good", "ok", "bad" */
	bool category_manual;
	int referrals;		/* distinct people referred */
	char *referred_by;	/* email or NULL */
	struct strvec tags;	/* sorted */
	int messages;
	time_t first_seen;
	time_t last_seen;
	struct strvec reasons;
	long long revenue;	/* minor units, last 12 months; 0 when none */
	bool has_revenue;
	bool prospect;		/* a contact, not (yet) a customer */
	int referrals_pending;	/* referred people not customers yet (or
				 * all of them, while this one is a prospect) */
	int unverified;		/* messages whose From the MTA could not vouch for */
};

struct customer_list {
	struct customer *v;
	size_t n;
};

/* A piece of evidence behind a tag or referral, for `show`. */
struct evidence {
	char *kind;		/* "tag", "referral", "referred", "note" */
	char *label;		/* tag name, or the other person's address */
	char *text;		/* the phrase in its sentence; may be NULL */
	char *how;		/* referral form, or "manual" */
	time_t when;
};

/* A note the owner wrote about a customer. */
struct note {
	long long id;		/* for `note --delete ID` */
	char *text;
	time_t at;
};

/* One message in a customer's history, newest first. */
struct history_entry {
	char *direction;	/* "in" or "out" */
	char *subject;		/* may be NULL */
	char *facts;		/* what it produced, space-separated; may be NULL */
	time_t date;		/* Date: (0 if none) */
	time_t arrived;		/* when it reached the owner (0 if unknown) */
};

/* A name the customer announced that has not written yet, for `show`. */
struct announced_name {
	char *name;
	char *subject;		/* of the message it came in; NULL when that
				 * message is not kept, "" for no subject */
	char *evidence;		/* the sentence, and the message; may be NULL */
	time_t at;
};

struct customer_detail {
	struct customer c;
	struct strvec addresses;	/* every address, primary first */
	struct evidence *ev;
	size_t nev;
	struct strvec referred;		/* emails of those they referred */
	struct announced_name *announced;	/* oldest first */
	size_t nannounced;
	char *code;			/* referral code, or NULL if none handed out */
	bool referral_manual;		/* referred_by (or none) set by hand: final */
	char *company;			/* from the domain; NULL for free mail */
	struct note *notes;		/* oldest first */
	size_t nnotes;
	struct history_entry *hist;	/* newest first */
	size_t nhist;
	size_t nhist_total;		/* messages in the whole history */
};

/* customer_clear - free what c holds and zero it; the struct stays the caller's; accepts NULL */
void customer_clear(struct customer *c);
/* customer_list_free - every customer and the array; the list is left empty; accepts NULL */
void customer_list_free(struct customer_list *l);
/* customer_detail_free - a detail and everything in it (store_show's); accepts NULL */
void customer_detail_free(struct customer_detail *d);

#endif
