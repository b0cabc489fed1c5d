/*
 * message_codec - bytes in a transfer encoding or a charset, as UTF-8.
 *
 * For: base64 and quoted-printable (bodies and RFC 2047 words alike), and
 * any charset iconv knows turned into valid UTF-8 (windows-1252 for the
 * labels that mean "Western", as browsers read them; U+FFFD for what
 * cannot be read).
 * Owns: per thread, the last few iconv converters it opened (closed when
 * the thread ends); every string it returns belongs to the caller.
 * Never: reads past the given length, writes more than the caller's
 * buffer was promised (len bytes for the decoders), or calls anything
 * else of the message module: message_body and message_decode call it,
 * not the other way round.
 */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "message_int.h"

/* Longest charset name a converter is kept for. */
#define CODEC_CHARSET_MAX 64

/* ---- transfer encodings ------------------------------------------------ */

static int
b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

size_t
b64_decode(const char *s, size_t len, char *out)
{
	unsigned long acc = 0;
	size_t o = 0;
	int n = 0;

	for (size_t i = 0; i < len; i++) {
		int v = b64_value((unsigned char)s[i]);

		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned long)v;
		if (++n == 4) {
			out[o++] = (char)(acc >> 16);
			out[o++] = (char)(acc >> 8);
			out[o++] = (char)acc;
			acc = 0;
			n = 0;
		}
	}
	if (n == 2) {
		out[o++] = (char)(acc >> 4);
	} else if (n == 3) {
		out[o++] = (char)(acc >> 10);
		out[o++] = (char)(acc >> 2);
	}
	return o;
}

static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

size_t
qp_decode(const char *s, size_t len, char *out, bool header)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '_' && header) {
			out[o++] = ' ';
			continue;
		}
		if (c != '=') {
			out[o++] = (char)c;
			continue;
		}
		/* soft line break: '=', optional blanks, then a line end */
		size_t j = i + 1;

		while (j < len && (s[j] == ' ' || s[j] == '\t'))
			j++;
		if (j < len && (s[j] == '\r' || s[j] == '\n')) {
			if (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n')
				j++;
			i = j;
			continue;
		}
		if (j == len) {
			i = j;
			continue;
		}
		if (i + 2 < len && hex_value((unsigned char)s[i + 1]) >= 0 &&
		    hex_value((unsigned char)s[i + 2]) >= 0) {
			out[o++] = (char)(hex_value((unsigned char)s[i + 1]) * 16 +
			    hex_value((unsigned char)s[i + 2]));
			i += 2;
			continue;
		}
		out[o++] = '=';	/* a stray '=' is kept as it is */
	}
	return o;
}

/* ---- charsets ---------------------------------------------------------- */

/* windows-1252 at 0x80..0x9f; the rest of it is ISO-8859-1 */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};


/* The labels that mean "Western", read as windows-1252 like browsers do. */
static bool
charset_is_latin1(const char *cs)
{
	static const char *const names[] = {
		"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
		"l1", "windows-1252", "cp1252", "us-ascii", "ascii", NULL,
	};

	for (size_t i = 0; names[i] != NULL; i++)
		if (strcasecmp(cs, names[i]) == 0)
			return true;
	return false;
}

static char *
latin1_to_utf8(const char *s, size_t len, size_t *outlen)
{
	char *out = malloc(len * 3 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c > 0 && c < 0x80)
			*o++ = (char)c;	/* ASCII, most of any text */
		else if (c == 0)
			o += utf8_encode(o, 0xfffd);
		else if (c < 0xa0)
			o += utf8_encode(o, cp1252_high[c - 0x80]);
		else
			o += utf8_encode(o, c);
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

static char *
sanitize_len(const char *s, size_t len, size_t *outlen)
{
	char *out = utf8_sanitize(s, len);

	if (out != NULL)
		*outlen = strlen(out);
	return out;
}

/*
 * Converters from other charsets are costly to open (glibc looks the name
 * up and sets up its conversion steps every time, 2% of ingest on the
 * SpamAssassin corpus): each thread keeps the last few it used, names
 * that iconv does not know included, and closes them when it ends.  The
 * thread-local pointer keeps the main thread's cache reachable at exit.
 */
#define CONV_CACHE 4

struct conv_cache {
	struct {
		char cs[CODEC_CHARSET_MAX];	/* "" when the slot is free */
		iconv_t cd;		/* (iconv_t)-1: iconv does not know it */
	} slot[CONV_CACHE];
	unsigned next;
};

static pthread_key_t conv_key;
static pthread_once_t conv_once = PTHREAD_ONCE_INIT;
static bool conv_keyed;
static __thread struct conv_cache *conv_mine;

static void
conv_cache_free(void *p)
{
	struct conv_cache *c = p;

	for (size_t i = 0; i < CONV_CACHE; i++)
		if (c->slot[i].cs[0] != '\0' && c->slot[i].cd != (iconv_t)-1)
			iconv_close(c->slot[i].cd);
	free(c);
	conv_mine = NULL;
}

static void
conv_setup(void)
{
	conv_keyed = pthread_key_create(&conv_key, conv_cache_free) == 0;
}

/* conv_cache - this thread's cache, or NULL (then nothing is kept) */
static struct conv_cache *
conv_cache(void)
{
	struct conv_cache *c;

	if (conv_mine != NULL)
		return conv_mine;
	pthread_once(&conv_once, conv_setup);
	if (!conv_keyed || (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (pthread_setspecific(conv_key, c) != 0) {
		free(c);
		return NULL;
	}
	return conv_mine = c;
}

/*
 * conv_open - a converter from cs to UTF-8 in its initial state, or
 * (iconv_t)-1; *kept says it belongs to the cache (conv_close leaves it).
 */
static iconv_t
conv_open(const char *cs, bool *kept)
{
	struct conv_cache *c = conv_cache();
	iconv_t cd;
	size_t i;

	*kept = false;
	if (c == NULL || strlen(cs) >= CODEC_CHARSET_MAX)
		return iconv_open("UTF-8", cs);
	for (i = 0; i < CONV_CACHE; i++)
		if (c->slot[i].cs[0] != '\0' &&
		    strcasecmp(c->slot[i].cs, cs) == 0) {
			cd = c->slot[i].cd;
			if (cd != (iconv_t)-1) {
				iconv(cd, NULL, NULL, NULL, NULL);
				*kept = true;
			}
			return cd;
		}
	cd = iconv_open("UTF-8", cs);
	i = c->next++ % CONV_CACHE;
	if (c->slot[i].cs[0] != '\0' && c->slot[i].cd != (iconv_t)-1)
		iconv_close(c->slot[i].cd);
	snprintf(c->slot[i].cs, sizeof(c->slot[i].cs), "%s", cs);
	c->slot[i].cd = cd;
	*kept = cd != (iconv_t)-1;
	return cd;
}

static void
conv_close(iconv_t cd, bool kept)
{
	if (!kept)
		iconv_close(cd);
}

char *
charset_to_utf8(const char *cs, const char *s, size_t len, size_t *outlen)
{
	iconv_t cd;
	bool kept;
	struct buf b;
	char tmp[4096];
	char *in = (char *)s, *res;
	size_t inleft = len;

	if (cs == NULL || *cs == '\0' || strcasecmp(cs, "utf-8") == 0 ||
	    strcasecmp(cs, "utf8") == 0)
		return sanitize_len(s, len, outlen);
	/* "US-ASCII" mail is often 8-bit: UTF-8 if it is, else Western */
	if ((strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0) &&
	    utf8_valid(s, len))
		return sanitize_len(s, len, outlen);
	if (charset_is_latin1(cs))
		return latin1_to_utf8(s, len, outlen);
	cd = conv_open(cs, &kept);
	if (cd == (iconv_t)-1)
		return sanitize_len(s, len, outlen);
	buf_init(&b, 0);
	while (inleft > 0) {
		char *o = tmp;
		size_t oleft = sizeof(tmp);
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		int saved = errno;

		if (buf_append(&b, tmp, sizeof(tmp) - oleft) < 0)
			goto nomem;
		if (r != (size_t)-1)
			break;
		if (saved == E2BIG)
			continue;
		/* an invalid or cut-off sequence: one U+FFFD, skip a byte */
		if (buf_append(&b, "\xef\xbf\xbd", 3) < 0)
			goto nomem;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	conv_close(cd, kept);
	/* iconv output is UTF-8, but may hold NULs: sanitize once more */
	res = sanitize_len(b.data != NULL ? b.data : "", b.len, outlen);
	buf_free(&b);
	return res;
nomem:
	conv_close(cd, kept);
	buf_free(&b);
	return NULL;
}
