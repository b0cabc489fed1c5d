/*
 * company.h - which firm an address belongs to, from its domain.
 *
 * Pure.  A contact's company is the domain of their address, unless that
 * domain (or one it is a subdomain of) is a free mail service or an
 * Internet provider (conf/freemail.conf, compiled in), whose users share
 * nothing but their provider.
 */
#ifndef CLIENTELE_COMPANY_H
#define CLIENTELE_COMPANY_H

#include <stdbool.h>

/* company_is_freemail - is domain (any case) on the free-mail list? */
bool company_is_freemail(const char *domain);

/*
 * company_of - the company of email: its domain in lower case, without a
 * leading "www." or "mail."; NULL for free mail or no domain (or ENOMEM).
 * Caller frees.
 */
char *company_of(const char *email);

#endif
