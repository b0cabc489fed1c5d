/*
 * report_html_int.h - what the report's page files share; private to
 * src/lib/report/report_html*.c.
 */
#ifndef CLIENTELE_REPORT_HTML_INT_H
#define CLIENTELE_REPORT_HTML_INT_H

#include "report/report_html.h"

/* rh_head - doctype to <main>; root is "" or "../" (where style.css is) */
void rh_head(struct buf *b, const char *title, const char *root,
    const char *current);
/* rh_foot - </main> to </html>, with the script when with_js */
void rh_foot(struct buf *b, const char *root, bool with_js);
/* rh_name - the customer's name, else their address, escaped */
void rh_name(struct buf *b, const char *name, const char *email);
/* rh_link - <a href="ROOT+page">name</a> for a customer */
void rh_link(struct buf *b, const char *root, const char *name,
    const char *email);
/* rh_badge - the category as coloured text ("good", "ok", "bad") */
void rh_badge(struct buf *b, const char *category);
/* rh_day - a date in the local time zone, YYYY-MM-DD */
void rh_day(time_t t, char out[16]);
/* rh_cat_index - 0 good, 1 ok, 2 bad */
int rh_cat_index(const char *category);

#endif
