/*
 * fields - the grammar of each kind of field the store keeps.
 *
 * Pure predicates, one per kind of value; see fields.h.  What they never
 * do: change a value (lower-casing is the caller's, before the check) or
 * accept a line break where the value may reach a header or a one-line
 * report.
 */
#include <limits.h>
#include <string.h>

#include "store/fields.h"
#include "classify/revenue.h"
#include "util/strutil.h"

/* charset - 1..max bytes, each a-z, 0-9 or one of extra */
static bool
charset(const char *s, size_t max, const char *extra)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > max)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    strchr(extra, *s) != NULL))
			return false;
	return true;
}

bool
field_tag(const char *s)
{
	return charset(s, FIELD_TAG_MAX, "-_");
}

bool
field_code(const char *s)
{
	return charset(s, FIELD_CODE_MAX, "-_");
}

bool
field_value_key(const char *s)
{
	return charset(s, 64, "-") && s[0] >= 'a' && s[0] <= 'z';
}

bool
field_word(const char *s)
{
	return charset(s, FIELD_WORD_MAX, "-_");
}

bool
field_text(const char *s)
{
	size_t n;

	return s != NULL && (n = strlen(s)) <= FIELD_TEXT_MAX &&
	    utf8_valid(s, n);
}

bool
field_line(const char *s)
{
	return field_text(s) && *s != '\0' && strpbrk(s, "\r\n") == NULL;
}

bool
field_verdict(const char *s)
{
	return s != NULL && (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0 ||
	    strcmp(s, "unknown") == 0);
}

bool
field_count(long long v)
{
	return v >= 0 && v <= INT_MAX;
}

bool
field_amount(long long v)
{
	return v >= -REVENUE_AMOUNT_MAX && v <= REVENUE_AMOUNT_MAX;
}

bool
field_time(long long v)
{
	return v >= FIELD_TIME_MIN && v <= FIELD_TIME_MAX;
}

bool
field_currency(const char *s)
{
	return s != NULL && strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' &&
	    s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}
