/*
 * find.h - match what the owner types against a customer's name and
 * addresses, for `clientele find`.
 *
 * Pure: strings in, a number out.  find_fold makes text comparable
 * whatever its case and accents ("Zoë Müller" and "ZOE MULLER" both fold
 * to "zoe muller"); find_score ranks one customer against a folded query.
 */
#ifndef CLIENTELE_FIND_H
#define CLIENTELE_FIND_H

/*
 * find_fold - lower case, Latin accents removed (ß to ss, æ to ae, ...),
 * combining marks dropped, runs of white space made one space and trimmed.
 * Other characters are kept as they are.  Caller frees; NULL on ENOMEM.
 */
char *find_fold(const char *utf8);

/*
 * find_score - how well a customer matches the folded query q: 0 not at
 * all, up to 100 for an exact name or address.  name may be NULL and is
 * folded here; email is lower case.  An exact name or address ranks
 * above a name that starts with q, above a word of the name or the local
 * part or the domain, above q anywhere in them.
 */
int find_score(const char *q, const char *name, const char *email);

#endif
