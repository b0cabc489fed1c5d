/*
 * digest_int.h - what the digest's text/JSON renderer (digest.c), its
 * HTML renderer (digest_html.c) and the mail around both (digest_mail.c)
 * share; private to those files.
 */
#ifndef CLIENTELE_DIGEST_INT_H
#define CLIENTELE_DIGEST_INT_H

#include "report/digest.h"

#define TOP_REFERRERS 10

/* The four lists, in the order both parts print them. */
struct digest_section {
	const char *key;	/* JSON key */
	const char *title;
	size_t off;		/* of its struct digest_items in digest_data */
};

extern const struct digest_section digest_sections[];
extern const size_t digest_nsections;

const struct digest_items *digest_section_items(const struct digest_data *d,
    size_t i);
/* digest_shown_total - the true count of a list (at least what it holds) */
size_t digest_shown_total(const struct digest_items *it);
/* digest_shown - "(12)", or "(500 of 40,000)" when the list was cut */
void digest_shown(struct buf *b, const struct digest_items *it);
/* digest_figure_title - "New enquiries", ... */
const char *digest_figure_title(enum digest_figure f);
/* digest_money - 1234.50 from minor units */
void digest_money(struct buf *b, long long minor);
/* digest_change - "up 2 from 1", "down 1 from 3", "no change" */
void digest_change(struct buf *b, enum digest_figure f, long long now,
    long long before);
/*
 * digest_window - "SINCE<to>UNTIL" in local time, then " (ZONE, ABBR)",
 * " (ZONE)" or " (ABBR)"; the configured zone name escaped by esc
 */
void digest_window(struct buf *b, const struct digest_data *d, const char *to,
    int (*esc)(struct buf *, const char *));
/* digest_max_referrals - the most referrals among the top referrers shown */
int digest_max_referrals(const struct customer_list *l);
/* digest_figure_shown - whether a figure belongs in this digest (revenue only when known) */
bool digest_figure_shown(const struct digest_data *d, enum digest_figure f);

/* digest_render_html - the HTML part (digest_html.c) */
void digest_render_html(const struct digest_data *d, struct buf *b);

#endif
