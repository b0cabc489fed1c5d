/*
 * report_int.h - the pieces of report_cell.c, for report.c only.
 *
 * Each appends to out and returns 0, or -1 when out is full (what fitted
 * is kept); none reads anything but its arguments.
 */
#ifndef CLIENTELE_REPORT_INT_H
#define CLIENTELE_REPORT_INT_H

#include <stddef.h>
#include <time.h>

#include "util/buf.h"
#include "util/strutil.h"

/* report_term_put - s escaped for a terminal (esc_term) when it needs it; NULL: nothing */
int report_term_put(struct buf *out, const char *s);
/* report_term_around - nothing for NULL, else open, s escaped, close */
int report_term_around(struct buf *out, const char *open, const char *s,
    const char *close);
/* report_json_put - s as a JSON string (null for NULL), escaped only when needed */
int report_json_put(struct buf *out, const char *s);
/* report_put_int - v in decimal, right-aligned in width cells (0: as is) */
int report_put_int(struct buf *out, long long v, size_t width);
/* report_pad - s, then spaces up to width bytes (ASCII callers only) */
int report_pad(struct buf *out, const char *s, size_t width);
/* report_fmt_time - "YYYY-MM-DDTHH:MM:SSZ" into out */
void report_fmt_time(time_t t, char out[32]);
/*
 * report_cell_put - s (len bytes, already escaped) in a column of width
 * terminal cells, cut with "..." when wider; padded: spaces up to width
 */
int report_cell_put(struct buf *out, const char *s, size_t len, size_t width,
    int padded);
/* report_escaped_width - cells s takes once escaped (tmp is scratch); "-" for empty */
size_t report_escaped_width(struct buf *tmp, const char *s);
/* report_date_of - "YYYY-MM-DD", or "-" for 0 */
void report_date_of(time_t t, char out[32]);
/* report_join_term - the strings of sv escaped, joined by sep; "-" when none */
int report_join_term(struct buf *out, const struct strvec *sv,
    const char *sep);

#endif
