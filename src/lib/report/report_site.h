/*
 * report_site.h - the edge that writes the browsable report to a folder:
 * gather (store/store_report.h), render every page (report_html.h) and
 * write the site under dir (report_site.c).
 */
#ifndef CLIENTELE_REPORT_SITE_H
#define CLIENTELE_REPORT_SITE_H

#include <stddef.h>
#include <time.h>

#include "classify/rules.h"
#include "classify/valueset.h"
#include "store/store.h"

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
