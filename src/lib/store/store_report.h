/*
 * store_report.h - the store's side of the browsable report: everything
 * report/report_html.h renders, gathered in one struct report_data
 * (store_report.c).  report/report_site.h writes the site.
 */
#ifndef CLIENTELE_STORE_REPORT_H
#define CLIENTELE_STORE_REPORT_H

#include <stddef.h>
#include <time.h>

#include "store/store.h"

/* One referral: referrer brought referred. */
struct report_edge {
	char *referrer;		/* email */
	char *referred;		/* email */
	time_t at;
};

/* One calendar month (in the owner's time zone, as SQLite's 'localtime'). */
struct report_month {
	char ym[16];		/* "2026-03" */
	int added[3];		/* customers first seen, by current category: good, ok, bad */
	int referrals;		/* referrals recognised */
};

struct report_data {
	time_t now;
	struct customer_list customers;	/* every customer, by email */
	struct report_edge *edges;	/* by referrer, then time */
	size_t nedges;
	struct report_month *months;	/* oldest first, no gaps */
	size_t nmonths;
};


/* store_report_data - every customer, every referral, counts per month; cleared on failure */
int store_report_data(struct store *s, time_t now, struct report_data *d,
    struct err *e);

/* report_data_clear - free what d holds; accepts zeroed data */
void report_data_clear(struct report_data *d);

#endif
