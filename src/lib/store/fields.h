/*
 * fields.h - the grammar of each kind of field the store keeps, checked
 * the same way at every door (mail goes through classify; the command
 * line, `import` and other readers of files call these).
 *
 * Each is a pure predicate on one value: true when it may be stored.  A
 * field that ends up in a header (tags, in X-Clientele) or on one line of
 * a report can hold no line break by its grammar; free text (names,
 * evidence) is escaped when printed instead.  Addresses are email_valid
 * (strutil.h), categories category_valid (category.h).
 */
#ifndef CLIENTELE_FIELDS_H
#define CLIENTELE_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#define FIELD_TAG_MAX	64	/* bytes of a tag */
#define FIELD_CODE_MAX	64	/* bytes of a referral code */
#define FIELD_WORD_MAX	32	/* bytes of a kind or a "how" */
/* bytes of a name, subject, evidence or key: what mail can give (MaxScanBytes) */
#define FIELD_TEXT_MAX	((size_t)1024 * 1024)
#define FIELD_TIME_MIN	(-62167219200LL)	/* 0000-01-01T00:00:00Z */
#define FIELD_TIME_MAX	253402300799LL	/* 9999-12-31T23:59:59Z */

/* field_tag - 1..FIELD_TAG_MAX of a-z 0-9 - _ (lower case: the stored form) */
bool field_tag(const char *s);
/* field_code - a referral code: 1..FIELD_CODE_MAX of a-z 0-9 - _ */
bool field_code(const char *s);
/* field_value_key - a value-set key: a-z first, then a-z 0-9 -, at most 64 */
bool field_value_key(const char *s);
/* field_word - a kind, source or "how": 1..FIELD_WORD_MAX of a-z 0-9 - _ */
bool field_word(const char *s);
/* field_line - one line of text: 1..FIELD_TEXT_MAX bytes, no CR, LF or NUL */
bool field_line(const char *s);
/* field_text - free text: at most FIELD_TEXT_MAX bytes, valid UTF-8 */
bool field_text(const char *s);
/* field_verdict - "yes", "no" or "unknown" */
bool field_verdict(const char *s);
/* field_count - a count of messages or of a tag: 0..INT_MAX */
bool field_count(long long v);
/* field_amount - minor units of one payment, |v| <= REVENUE_AMOUNT_MAX */
bool field_amount(long long v);
/* field_time - seconds since the epoch, FIELD_TIME_MIN..FIELD_TIME_MAX (years 0 to 9999) */
bool field_time(long long v);
/* field_currency - three upper-case letters (ISO 4217) */
bool field_currency(const char *s);

#endif
