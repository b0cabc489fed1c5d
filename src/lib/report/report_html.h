/*
 * report_html.h - the owner's report as a static site to browse.
 *
 * `clientele report --html DIR` writes a handful of pages that work from
 * file:// with nothing fetched from outside:
 *   index.html      overview: customers by category over time, referrals
 *                   per month, top referrers, revenue by customer;
 *   network.html    who brought whom, drawn as SVG trees;
 *   customers.html  every customer in a table that table.js searches and
 *                   sorts (the page reads well without the script too);
 *   c/HASH.html     one page per customer: category and reasons, evidence,
 *                   referrals both ways, notes, value-set answers;
 *   style.css, table.js.
 *
 * Split in two like the digest: store_report_data (store_report.c) gathers
 * a struct report_data, and the report_html_* renderers below are pure:
 * they append one page to a buffer and escape everything that came from
 * mail as they print it.  report_site_write (report_site.c) is the edge
 * that walks the customers and writes the files.
 */
#ifndef CLIENTELE_REPORT_HTML_H
#define CLIENTELE_REPORT_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"
#include "classify/ideal.h"
#include "store/store.h"
#include "store/store_report.h"

/* Longest page name report_html_page_name writes, with its NUL. */
#define REPORT_PAGE_NAME 32

/* report_html_page_name - "c/<16 hex>.html": stable per address, safe as a file name */
void report_html_page_name(const char *email, char out[REPORT_PAGE_NAME]);

/* report_html_find - the customer with this email in d, or NULL (binary search) */
const struct customer *report_html_find(const struct report_data *d,
    const char *email);

/* The pages.  Each appends one complete HTML document to out; 0 or -1 at the buffer's cap. */
int report_html_overview(const struct report_data *d, struct buf *out);
int report_html_network(const struct report_data *d, struct buf *out);
int report_html_table(const struct report_data *d, struct buf *out);
/*
 * report_html_customer - one customer's page.  al is the value-set
 * alignment or NULL when there is no value set.
 */
int report_html_customer(const struct report_data *d,
    const struct customer_detail *cd, const struct alignment *al,
    struct buf *out);

/* The two static files every page links to. */
extern const char report_html_css[];
extern const char report_html_js[];

#endif
