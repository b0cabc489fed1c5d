/*
 * phrase_set.c - many short phrases found in one pass (see phrase_set.h).
 *
 * Every phrase is looked at through a window of its first `window` bytes
 * (the length of the shortest phrase).  For each pair of bytes, shift is
 * how far the window may move when that pair lies under its last two
 * bytes: 0 when some phrase's window ends in the pair (those phrases are
 * then compared in full), else the distance from the pair's last place in
 * any window to the window's end, or window - 1 for a pair no window
 * holds.  Pairs are hashed into buckets; two pairs sharing a bucket share
 * the smaller shift, so the hash only ever costs speed, never a match.
 *
 * OWNS nothing: the set borrows its phrases.  NEVER allocates.
 */
#include <string.h>

#include "util/phrase_set.h"

/* fold - c with an ASCII capital made small */
static unsigned
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned)c + 0x20 : c;
}

/*
 * bucket - the bucket of the pair a, b.  Setting bit 0x20 folds capitals
 * (and a few other bytes, harmlessly: they only share a bucket).
 */
static size_t
bucket(unsigned char a, unsigned char b)
{
	return ((((size_t)a | 0x20) << 5) ^ ((size_t)b | 0x20)) &
	    (PHRASE_SET_BUCKETS - 1);
}

void
phrase_set_init(struct phrase_set *ps)
{
	ps->n = 0;
	ps->window = 0;
}

int
phrase_set_add(struct phrase_set *ps, const char *const *list, size_t n,
    unsigned g)
{
	if (g > 31 || n > PHRASE_SET_MAX - ps->n)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (list[i][0] == '\0' || list[i][1] == '\0')
			return -1;
	for (size_t i = 0; i < n; i++) {
		ps->phrase[ps->n] = list[i];
		ps->group[ps->n] = (unsigned char)g;
		ps->n++;
	}
	return 0;
}

void
phrase_set_index(struct phrase_set *ps)
{
	size_t w = PHRASE_SET_WINDOW;

	for (size_t i = 0; i < ps->n; i++) {
		size_t len = strnlen(ps->phrase[i], PHRASE_SET_WINDOW);

		if (len < w)
			w = len;
	}
	ps->window = w;
	memset(ps->head, 0, sizeof(ps->head));
	memset(ps->shift, (int)(w - 1), sizeof(ps->shift));
	for (size_t i = 0; i < ps->n; i++) {
		const unsigned char *p = (const unsigned char *)ps->phrase[i];

		for (size_t j = 1; j < w; j++) {	/* pair p[j - 1], p[j] */
			size_t b = bucket(p[j - 1], p[j]);

			if (w - 1 - j < ps->shift[b])
				ps->shift[b] = (unsigned char)(w - 1 - j);
		}
		size_t b = bucket(p[w - 2], p[w - 1]);

		ps->next[i] = ps->head[b];
		ps->head[b] = (unsigned char)(i + 1);
	}
}

/* at - phrase p (lower case) at s[0, len), case-blind for ASCII letters */
static int
at(const unsigned char *s, size_t len, const unsigned char *p)
{
	for (size_t i = 0; p[i] != '\0'; i++)
		if (i == len || fold(s[i]) != p[i])
			return 0;
	return 1;
}

uint32_t
phrase_set_scan(const struct phrase_set *ps, const char *s, size_t len,
    uint32_t want)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w = ps->window;
	uint32_t seen = 0;

	if (ps->n == 0)
		return 0;
	/* pos: the last byte of the window, which starts at pos + 1 - w */
	for (size_t pos = w - 1; pos < len;) {
		size_t b = bucket(u[pos - 1], u[pos]);
		size_t from = pos + 1 - w;

		if (ps->shift[b] != 0) {
			pos += ps->shift[b];
			continue;
		}
		for (unsigned k = ps->head[b]; k != 0; k = ps->next[k - 1]) {
			uint32_t bit = (uint32_t)1 << ps->group[k - 1];

			if ((seen & bit) != 0 || !at(u + from, len - from,
			    (const unsigned char *)ps->phrase[k - 1]))
				continue;
			seen |= bit;
			if ((seen & want) == want)
				return seen;
		}
		pos++;
	}
	return seen;
}
