/*
 * strutil - small string helpers shared by every module.
 *
 * Pure functions over memory; nothing here does I/O or keeps state.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"

int
err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
strvec_init(struct strvec *sv)
{
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void
strvec_free(struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	strvec_init(sv);
}

void *
mem_grow(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t ncap;

	if (n < *cap)
		return v;
	ncap = *cap ? *cap * 2 : first;
	if (ncap < *cap || size == 0 || ncap > SIZE_MAX / size)
		return NULL;
	if ((v = realloc(v, ncap * size)) != NULL)
		*cap = ncap;
	return v;
}

int
strvec_push_owned(struct strvec *sv, char *s)
{
	char **nv;

	if (s == NULL)
		return -1;
	if ((nv = mem_grow(sv->v, sv->n, &sv->cap, sizeof(*nv), 8)) == NULL) {
		free(s);
		return -1;
	}
	sv->v = nv;
	sv->v[sv->n++] = s;
	return 0;
}

int
strvec_push(struct strvec *sv, const char *s)
{
	return strvec_push_owned(sv, strdup(s));
}

/* contains_by - is there a string in sv that cmp finds equal to s? */
static bool
contains_by(const struct strvec *sv, const char *s,
    int (*cmp)(const char *, const char *))
{
	for (size_t i = 0; i < sv->n; i++)
		if (cmp(sv->v[i], s) == 0)
			return true;
	return false;
}

bool
strvec_contains(const struct strvec *sv, const char *s)
{
	return contains_by(sv, s, strcmp);
}

bool
strvec_contains_case(const struct strvec *sv, const char *s)
{
	return contains_by(sv, s, strcasecmp);
}

bool
str_in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static int
strvec_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strvec_sort(struct strvec *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(*sv->v), strvec_cmp);
}

char *
xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *
xstrndup(const char *s, size_t n)
{
	return s ? strndup(s, n) : NULL;
}

void
str_lower_inplace(char *s)
{
	for (; s && *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

char *
str_lower(const char *s)
{
	char *r = xstrdup(s);

	str_lower_inplace(r);
	return r;
}

char *
str_trim(char *s)
{
	char *e;

	while (*s && isspace((unsigned char)*s))
		memmove(s, s + 1, strlen(s));
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/*
 * first_folded - the first byte in [p, end) equal to the ASCII letter lo
 * (lower case) in either case, or NULL.  Eight bytes a step: OR-ing 0x20
 * into each byte folds upper-case letters onto lower case (and only them
 * onto lo, since lo has that bit set), and the classic zero-byte test
 * finds the first byte equal to lo.  It is the inner loop of every phrase
 * search in the body, so it matters.
 */
static const char *
first_folded(const char *p, const char *end, unsigned char lo)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ULL;
	const uint64_t want = ones * lo, fold = ones * 0x20, high = ones * 0x80;

	while (end - p >= 8) {
		uint64_t v, z;

		memcpy(&v, p, sizeof(v));
		v = (v | fold) ^ want;
		z = (v - ones) & ~v & high;
		/* the lowest flagged byte is exact (higher ones may not be) */
		if (z != 0)
			return p + (__builtin_ctzll(z) >> 3);
		p += 8;
	}
#endif
	for (; p < end; p++)
		if (((unsigned char)*p | 0x20) == lo)
			return p;
	return NULL;
}

/*
 * str_casestrn - the first place needle occurs in hay[0, haylen), ASCII
 * letters compared without case; NULL if nowhere
 */
const char *
str_casestrn(const char *hay, size_t haylen, const char *needle)
{
	size_t nl = strlen(needle);
	unsigned char c0 = (unsigned char)needle[0];
	const char *p, *last;

	if (nl == 0)
		return hay;
	if (nl > haylen)
		return NULL;
	/* candidates for the first byte end where the needle no longer fits */
	last = hay + (haylen - nl) + 1;
	c0 = (unsigned char)(c0 >= 'A' && c0 <= 'Z' ? c0 - 'A' + 'a' : c0);
	for (p = hay; p < last; p++) {
		p = c0 >= 'a' && c0 <= 'z' ? first_folded(p, last, c0) :
		    memchr(p, c0, (size_t)(last - p));
		if (p == NULL)
			return NULL;
		if (strncasecmp(p + 1, needle + 1, nl - 1) == 0)
			return p;
	}
	return NULL;
}

bool
str_has_prefix_case(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

bool
str_eq_case(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

size_t
utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned char c = s[0];
	unsigned long v;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return c == 0 ? 0 : 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, v = c & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

size_t
utf8_encode(char *o, unsigned long cp)
{
	/* the text invariant: no NUL, no surrogate, nothing past U+10FFFF */
	if (!utf8_cp_ok(cp))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* utf8_seqlen - length of the valid sequence at s, or 0 if invalid */
/*
 * ascii_run - how many bytes of p[0, len) are plain ASCII (1 to 0x7f)
 * before the first that is not: eight at a time, as most mail is.  In a
 * word of eight such bytes, neither a byte nor the byte less one has its
 * top bit set; a NUL or a byte from 0x80 up sets one.
 */
static size_t
ascii_run(const unsigned char *p, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, tops = ones << 7;
	size_t i = 0;

	for (; len - i >= 8; i += 8) {
		uint64_t v;

		memcpy(&v, p + i, 8);
		if ((((v - ones) | v) & tops) != 0)
			break;
	}
	while (i < len && p[i] != 0 && p[i] < 0x80)
		i++;
	return i;
}

static size_t
utf8_seqlen(const unsigned char *s, size_t len)
{
	unsigned long cp;

	return utf8_decode(s, len, &cp);
}

size_t
utf8_prefix(const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	/* only a cut inside the string can split a character */
	if (n < max || s[n] == '\0')
		return n;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n;

		if (p[i] != 0 && p[i] < 0x80) {
			i += ascii_run(p + i, len - i);
			continue;
		}
		if ((n = utf8_seqlen(p + i, len - i)) == 0)
			return false;
		i += n;
	}
	return true;
}

char *
utf8_sanitize(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	size_t clean = 0, n;

	/* Most text is clean already: find out, and then copy it once. */
	while (clean < len) {
		if (p[clean] == 0)
			break;
		if (p[clean] < 0x80) {
			clean += ascii_run(p + clean, len - clean);
			continue;
		}
		if ((n = utf8_seqlen(p + clean, len - clean)) == 0)
			break;
		clean += n;
	}
	if ((out = malloc(clean == len ? len + 1 : len * 3 + 1)) == NULL)
		return NULL;
	memcpy(out, p, clean);
	o = out + clean;
	for (size_t i = clean; i < len;) {
		/* runs of plain ASCII (most mail) are copied as they are */
		size_t run = i + ascii_run(p + i, len - i);

		if (run > i) {
			memcpy(o, p + i, run - i);
			o += run - i;
			i = run;
			continue;
		}
		n = utf8_seqlen(p + i, len - i);
		if (n == 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(o, p + i, n);
			o += n;
			i += n;
		}
	}
	*o = '\0';
	return out;
}

/* utc_tm - t broken down in UTC; a time gmtime cannot take is the epoch */
static void
utc_tm(time_t t, struct tm *tm)
{
	/* printed as the epoch, never junk */
	if (gmtime_r(&t, tm) == NULL) {
		t = 0;
		gmtime_r(&t, tm);
	}
}

void
time_rfc3339(time_t t, char out[32])
{
	struct tm tm;

	utc_tm(t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
time_rfc5322(time_t t, char out[64])
{
	struct tm tm;

	utc_tm(t, &tm);
	strftime(out, 64, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

long long
duration_parse(const char *s)
{
	char *end;
	long long v, mul = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	v = strtoll(s, &end, 10);
	if (strcmp(end, "mo") == 0) {
		mul = 30 * 86400;	/* a month; "m" stays minutes */
	} else if (*end) {
		if (end[1] != '\0')
			return -1;
		switch (*end) {
		case 's': mul = 1; break;
		case 'm': mul = 60; break;
		case 'h': mul = 3600; break;
		case 'd': mul = 86400; break;
		case 'w': mul = 7 * 86400; break;
		case 'y': mul = 365 * 86400; break;
		default: return -1;
		}
	}
	/* more than DURATION_MAX back is before any mail: a mistake */
	if (v < 0 || v > DURATION_MAX / mul)
		return -1;
	return v * mul;
}

bool
unicode_is_control(unsigned long cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

bool
unicode_is_bidi(unsigned long cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* unseen - spaces other than ' ', zero-width characters, BOM, U+FFFD */
static bool
unseen(unsigned long cp)
{
	return cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200d) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x2060 || cp == 0x3000 || cp == 0xfeff || cp == 0xfffd;
}

/* domain_ok - dot-separated labels, none empty or longer than 63 bytes */
static bool
domain_ok(const char *d)
{
	size_t label = 0, len = strlen(d);

	if (len > EMAIL_DOMAIN_MAX)
		return false;
	if (strchr(d, '.') == NULL)
		return strcasecmp(d, "localhost") == 0;
	for (const char *p = d;; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || label > 63)
				return false;
			if (*p == '\0')
				return true;
			label = 0;
		} else {
			label++;
		}
	}
}

bool
email_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	const char *at;
	unsigned long cp;
	size_t len, n;

	if (s == NULL || (len = strlen(s)) == 0 || len > EMAIL_MAX)
		return false;
	at = strrchr(s, '@');
	if (at == NULL || at == s || !domain_ok(at + 1))
		return false;
	for (size_t i = 0; i < len; i += n) {
		if (p[i] < 0x80) {	/* ASCII, nearly every address */
			n = 1;
			if (p[i] <= ' ' || p[i] == 0x7f || p[i] == '<' ||
			    p[i] == '>' || p[i] == ',' || p[i] == ';' ||
			    p[i] == '(' || p[i] == ')' || p[i] == '\\' ||
			    p[i] == '"')
				return false;
			continue;
		}
		if ((n = utf8_decode(p + i, len - i, &cp)) == 0)
			return false;	/* not UTF-8 */
		if (cp <= ' ' || unicode_is_control(cp) || unicode_is_bidi(cp) ||
		    unseen(cp) || (cp < 0x80 && strchr("<>,;()\\\"", (int)cp)))
			return false;
	}
	return true;
}

const char *
email_domain(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;

	return at ? at + 1 : NULL;
}
