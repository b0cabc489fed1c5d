/*
 * config_int.h - the value checkers of config_value.c, for config.c only.
 *
 * Each looks at one value (NUL-terminated, trimmed) and says whether it
 * has the form its key needs; the parse_ ones also convert it.  Nothing
 * here reads a file or knows which key a value belongs to.
 */
#ifndef CLIENTELE_CONFIG_INT_H
#define CLIENTELE_CONFIG_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strutil.h"

/* config_parse_bool - yes/no, true/false, on/off, 1/0: 1 or 0; -1 if none */
int config_parse_bool(const char *v);
/* config_parse_size - "1048576", "64k", "1M", "1g" into *out; -1 if not a size */
int config_parse_size(const char *v, size_t *out);
/* config_parse_int - a decimal integer with optional sign; -1 if not one */
int config_parse_int(const char *v, long *out);
/* config_zone_valid - a time zone name this system (or POSIX TZ) knows */
bool config_zone_valid(const char *v);
/* config_mode_valid - 3 or 4 octal digits, e.g. 660 or 0660 */
bool config_mode_valid(const char *v);
/*
 * config_add_list - split v (changed in place) on blanks and commas,
 * lower-case each item and append the new ones to sv; domains: items are
 * domains, else addresses.  0, or -1 with e set naming key name (without
 * file:line; the caller adds it).
 */
int config_add_list(struct strvec *sv, const char *name, char *v,
    bool domains, struct err *e);
/* config_langs_valid - codes of two lower-case letters, separated by blanks or commas */
bool config_langs_valid(const char *v);

#endif
