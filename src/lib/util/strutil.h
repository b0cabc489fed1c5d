/*
 * strutil.h - small string helpers shared by every module.
 *
 * Error reporting: functions that can fail take a struct err * and fill it
 * with one readable sentence; the caller adds file, line or Message-ID and
 * logs it once.  Strings returned as char * are the caller's to free.
 */
#ifndef CLIENTELE_STRUTIL_H
#define CLIENTELE_STRUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/*
 * TEXT_INVARIANT(ok) - stands where the parser and classifier hand text
 * on.  Fuzzing and sanitizer builds (-DCLIENTELE_STRICT_INVARIANTS) abort
 * when it fails, so that the fuzzer names the cause; a production build
 * never aborts on mail: one process filters every connection.  classify
 * repairs its facts there instead (facts_text_repair).
 */
#ifdef CLIENTELE_STRICT_INVARIANTS
#include <assert.h>
#define TEXT_INVARIANT(ok) assert(ok)
#else
#define TEXT_INVARIANT(ok) ((void)0)
#endif

struct err {
	char msg[512];
};

/* err_set - format the error text (printf-style); returns -1 for `return err_set(...)` */
int err_set(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * mem_grow - room for element n of the array v, which holds *cap elements
 * of size bytes (first: how many the first allocation holds; then it
 * doubles): the array to use from now on (v itself while it has room), or
 * NULL when out of memory or too large, with v and *cap unchanged.
 */
void *mem_grow(void *v, size_t n, size_t *cap, size_t size, size_t first);

/* A growable vector of owned strings. */
struct strvec {
	char **v;
	size_t n;
	size_t cap;
};
void strvec_init(struct strvec *sv);
void strvec_free(struct strvec *sv);
/* strvec_push - append a copy of s; -1 on ENOMEM */
int strvec_push(struct strvec *sv, const char *s);
/* strvec_push_owned - append s itself (taken over; freed on failure) */
int strvec_push_owned(struct strvec *sv, char *s);
bool strvec_contains(const struct strvec *sv, const char *s);
bool strvec_contains_case(const struct strvec *sv, const char *s);
void strvec_sort(struct strvec *sv);
/* str_in_list - is s one of the n strings of list (exactly)? */
bool str_in_list(const char *const *list, size_t n, const char *s);

/* xstrdup/xstrndup - strdup that accepts NULL (returns NULL) */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* str_lower - ASCII lower-case copy */
char *str_lower(const char *s);
void str_lower_inplace(char *s);
/* str_trim - strip ASCII white space at both ends, in place; returns s */
char *str_trim(char *s);
/* str_casestr - ASCII case-insensitive strstr over a length-bounded haystack */
const char *str_casestrn(const char *hay, size_t haylen, const char *needle);
bool str_has_prefix_case(const char *s, const char *prefix);
bool str_eq_case(const char *a, const char *b);

/*
 * UTF-8 inside.  Every string the parser hands on (struct message, the
 * facts, the store) is valid UTF-8 holding no NUL, no surrogate
 * (U+D800..U+DFFF) and nothing above U+10FFFF: anything else that arrives,
 * as raw bytes, an HTML character reference or a JSON escape, becomes
 * U+FFFD.  utf8_valid() is that invariant, and the parser asserts it.
 */
#define UTF8_REPLACEMENT 0xfffdUL

/* utf8_cp_ok - may code point cp appear in our text? (not 0, not a surrogate, at most U+10FFFF) */
static inline bool
utf8_cp_ok(unsigned long cp)
{
	return cp != 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

/* utf8_sanitize - copy of len bytes with invalid UTF-8 and NULs replaced by U+FFFD */
char *utf8_sanitize(const char *s, size_t len);
/* utf8_valid - are the len bytes at s text by the invariant above (so no NUL either)? */
bool utf8_valid(const char *s, size_t len);
/* utf8_prefix - how many of the first max bytes of s to keep so that no
 * character is cut in two (for "%.*s" and other cuts by size) */
size_t utf8_prefix(const char *s, size_t max);
/* utf8_decode - the valid sequence at s (len bytes left): its length and *cp; 0 if invalid or NUL */
size_t utf8_decode(const unsigned char *s, size_t len, unsigned long *cp);
/* utf8_encode - cp as 1 to 4 bytes at o (room for 4); returns the count.  A
 * code point the invariant forbids (0, a surrogate, past U+10FFFF) is
 * written as U+FFFD. */
size_t utf8_encode(char *o, unsigned long cp);

/* time helpers: RFC 3339 UTC ("2026-11-23T10:00:00Z") into a caller buffer */
void time_rfc3339(time_t t, char out[32]);
/* time_rfc5322 - a Date: field's value in UTC ("Mon, 23 Nov 2026 10:00:00 +0000") */
void time_rfc5322(time_t t, char out[64]);
/* The longest --since: a hundred years (of 366 days) in seconds. */
#define DURATION_MAX (100LL * 366 * 86400)
/*
 * duration_parse - "90s", "30m" (minutes), "24h", "7d", "2w", "3mo" (30
 * days each), "1y" (365 days) or plain seconds; -1 if invalid or past
 * DURATION_MAX
 */
long long duration_parse(const char *s);

/* email helpers */
/* Longest address (RFC 5321's path, less its brackets) and domain. */
#define EMAIL_MAX 254
#define EMAIL_DOMAIN_MAX 253
/*
 * email_valid - the one check of an address, whatever door it comes in by
 * (mail, command line, revenue, import, configuration): local@domain, at
 * most EMAIL_MAX bytes of valid UTF-8, no space, control (C0, DEL, C1),
 * bidi control, zero-width or other unseen character, none of <>,;()\",
 * and a domain of dot-separated labels (or localhost).
 */
bool email_valid(const char *s);
/* unicode_is_control - C0, DEL or C1 */
bool unicode_is_control(unsigned long cp);
/* unicode_is_bidi - a bidi embedding, override, isolate or mark (U+202A-E, U+2066-9, LRM, RLM, ALM) */
bool unicode_is_bidi(unsigned long cp);
/* email_domain - the part after the last '@' (borrowed) or NULL */
const char *email_domain(const char *email);

#endif
