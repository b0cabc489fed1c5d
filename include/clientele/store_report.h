/*
 * store_report.h - the store's side of the browsable report, and the edge
 * that writes it to a folder.
 *
 *   store_report_data - gather a struct report_data (store_report.c);
 *   report_site_write - gather, render every page (report_html) and write
 *                       the site under dir (report_site.c).
 */
#ifndef CLIENTELE_STORE_REPORT_H
#define CLIENTELE_STORE_REPORT_H

#include <stddef.h>
#include <time.h>

#include "clientele/report_html.h"
#include "clientele/rules.h"
#include "clientele/store.h"
#include "clientele/valueset.h"

/* store_report_data - every customer, every referral, counts per month; cleared on failure */
int store_report_data(struct store *s, time_t now, struct report_data *d,
    struct err *e);

/*
 * report_site_write - write the site into dir (created if missing).  vs
 * and r may be NULL (no value set: customer pages have no values part).
 * Pages of people no longer in the store are removed, so an erased
 * customer leaves no page behind.  *npages counts the files written.
 */
int report_site_write(struct store *s, const char *dir,
    const struct valueset *vs, const struct rules *r, time_t now,
    size_t *npages, struct err *e);

#endif
