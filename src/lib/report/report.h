/*
 * report.h - render customers as text, JSON or CSV.
 *
 * Pure rendering: a struct customer_list or customer_detail from the store
 * in, bytes out, escaped once for the target:
 *   REPORT_TEXT - an aligned table (or a readable block for one customer);
 *                 control characters shown as \xNN, column widths counted in
 *                 terminal cells (wide and combining UTF-8 handled);
 *   REPORT_JSON - one array of customer objects (one object for a detail),
 *                 keys exactly as PRODUCT.md, RFC 3339 UTC times, null where
 *                 absent;
 *   REPORT_CSV  - RFC 4180: a header row, CRLF line ends, quoted fields.
 *
 * The _file variants stream: they render into a small buffer that is
 * written out every few kilobytes, so 100,000 rows never sit in memory
 * as text.  Nothing here frees or changes what it is given.
 */
#ifndef CLIENTELE_REPORT_H
#define CLIENTELE_REPORT_H

#include <stdio.h>
#include <time.h>

#include "util/buf.h"
#include "store/store.h"
#include "util/strutil.h"

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_CSV };

/* Flags for the text table. */
#define REPORT_REASONS	0x1u	/* add a REASONS column (problems) */

/* report_format_parse - "text", "json" or "csv"; 0, or -1 if none of them */
int report_format_parse(const char *s, enum report_format *out);

/* report_list - append the whole list to out; -1 when out hits its cap */
int report_list(struct buf *out, const struct customer_list *l,
    enum report_format f, unsigned flags);
/* report_list_file - stream the list to fp; -1 with e set on a write error */
int report_list_file(FILE *fp, const struct customer_list *l,
    enum report_format f, unsigned flags, struct err *e);

/* report_detail - one customer with addresses, evidence, referred and code */
int report_detail(struct buf *out, const struct customer_detail *d,
    enum report_format f);
int report_detail_file(FILE *fp, const struct customer_detail *d,
    enum report_format f, struct err *e);

/*
 * report_enquiries - the enquiries waiting for a reply, with their age
 * as of `now`; -1 when out hits its cap.
 */
int report_enquiries(struct buf *out, const struct enquiry_list *l,
    enum report_format f, time_t now);

/* report_text_width - terminal cells taken by UTF-8 text s (len bytes) */
size_t report_text_width(const char *s, size_t len);

#endif
