/*
 * ideal_render.h - rendering the ranked ideal customers (ideal_render.c).
 */
#ifndef CLIENTELE_IDEAL_RENDER_H
#define CLIENTELE_IDEAL_RENDER_H

#include "util/buf.h"
#include "classify/ideal.h"
#include "report/report.h"

/*
 * ideal_render - the list as text, JSON or CSV.  JSON is one array of
 * {"email", "name", "revenue", "referrals", "alignment", "score",
 * "reasons"}: revenue is a string with exactly two decimals ("1234.56",
 * "0.00" when nothing is recorded) so no amount goes through floating
 * point, alignment is "N/M" or null without a value set.  -1 at the cap.
 */
int ideal_render(struct buf *out, const struct ideal_list *l,
    enum report_format f);

#endif
