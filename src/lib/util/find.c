/*
 * find - fold text for comparison and score a customer against a query.
 *
 * What it is for: `clientele find TEXT`, which must find "Zoë Müller" when
 * the owner types "zoe muller", a firm by its domain and a person by a
 * piece of an address.
 *
 * What it owns: the folding table (Latin-1 Supplement and Latin
 * Extended-A letters to their ASCII base letters) and the ranking.
 *
 * What it never does: I/O.  The store reads the candidates; this only
 * compares strings.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/find.h"
#include "util/strutil.h"

/* U+00C0..U+00FF; 0 where a letter needs two (see fold_special) or is not one */
static const char latin1[64] =
    "AAAAAA\0CEEEEIIIIDNOOOOO\0OUUUUY\0\0aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y";
/* U+0100..U+017F */
static const char latin_ext_a[128] =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi\0\0JjKkkLlLlLlLlLl"
    "NnNnNnnNnOoOoOo\0\0RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* fold_special - the letters that fold to two: æ, þ, ß, ĳ, œ; NULL if cp is none */
static const char *
fold_special(unsigned long cp)
{
	switch (cp) {
	case 0xc6: case 0xe6:
		return "ae";
	case 0xde: case 0xfe:
		return "th";
	case 0xdf:
		return "ss";
	case 0x132: case 0x133:
		return "ij";
	case 0x152: case 0x153:
		return "oe";
	default:
		return NULL;
	}
}

/* fold_char - cp's folded form into out (at most 4 bytes + NUL) */
static void
fold_char(unsigned long cp, char out[5])
{
	const char *sp;
	char c = 0;

	out[0] = '\0';
	if (cp >= 0x300 && cp <= 0x36f)
		return;		/* combining mark: the base letter stays */
	if ((sp = fold_special(cp)) != NULL) {
		memcpy(out, sp, 3);
		return;
	}
	if (cp < 0x80)
		c = (char)cp;
	else if (cp >= 0xc0 && cp <= 0xff)
		c = latin1[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		c = latin_ext_a[cp - 0x100];
	if (c == 0 && cp >= 0x80) {
		out[utf8_encode(out, cp)] = '\0';
		return;
	}
	if (c >= 'A' && c <= 'Z')
		c = (char)(c - 'A' + 'a');
	out[0] = c;
	out[1] = '\0';
}

char *
find_fold(const char *utf8)
{
	const unsigned char *p = (const unsigned char *)utf8;
	size_t left;
	struct buf b;
	bool space = false;

	if (utf8 == NULL)
		return NULL;
	left = strlen(utf8);
	buf_init(&b, 0);
	if (buf_reserve(&b, left) < 0)
		return NULL;
	while (left > 0) {
		unsigned long cp;
		size_t n = utf8_decode(p, left, &cp);
		char f[5];

		if (n == 0) {	/* not UTF-8: keep the byte */
			cp = *p;
			n = 1;
		}
		p += n;
		left -= n;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		    cp == 0xa0) {
			space = b.len > 0;
			continue;
		}
		fold_char(cp, f);
		if (f[0] == '\0')
			continue;
		if ((space && buf_putc(&b, ' ') < 0) || buf_puts(&b, f) < 0) {
			buf_free(&b);
			return NULL;
		}
		space = false;
	}
	if (b.len == 0) {	/* reserved but never written: no NUL yet */
		buf_free(&b);
		return strdup("");
	}
	return buf_steal(&b);
}

/* word_start - does q occur in s at the start of a word? */
static bool
word_start(const char *s, const char *q)
{
	size_t n = strlen(q);

	for (const char *p = s; (p = strstr(p, q)) != NULL; p++)
		if (p == s || p[-1] == ' ' || p[-1] == '-' || p[-1] == '.' ||
		    p[-1] == '\'')
			return n > 0;
	return false;
}

/* all_words - does every word of q start a word of s (any order)? */
static bool
all_words(const char *s, const char *q)
{
	char w[256];
	const char *p = q;
	int words = 0;

	while (*p != '\0') {
		size_t n = strcspn(p, " ");

		if (n == 0 || n >= sizeof(w))
			return false;
		memcpy(w, p, n);
		w[n] = '\0';
		if (!word_start(s, w))
			return false;
		words++;
		p += n;
		while (*p == ' ')
			p++;
	}
	return words > 1;
}

static int
max_of(int a, int b)
{
	return a > b ? a : b;
}

/* name_score - q against the folded name */
static int
name_score(const char *q, const char *fname)
{
	if (strcmp(fname, q) == 0)
		return 100;
	if (strncmp(fname, q, strlen(q)) == 0)
		return 90;
	if (word_start(fname, q))
		return 80;
	if (all_words(fname, q))
		return 70;
	if (strstr(fname, q) != NULL)
		return 50;
	return 0;
}

/* email_score - q against the address, its local part and its domain */
static int
email_score(const char *q, const char *email)
{
	const char *at = strrchr(email, '@');
	size_t qn = strlen(q), ln;

	if (strcmp(email, q) == 0)
		return 100;
	if (at == NULL)
		return strstr(email, q) ? 40 : 0;
	ln = (size_t)(at - email);
	/* "@acme.example" or "acme.example": the domain itself */
	if (strcmp(at, q) == 0 || strcmp(at + 1, q) == 0)
		return 85;
	if (ln == qn && strncmp(email, q, qn) == 0)
		return 85;
	/* "acme" for acme.example, mail.acme.example */
	if (word_start(at + 1, q) && (at[1 + qn] == '.' ||
	    strstr(at + 1, q)[qn] == '.'))
		return 75;
	if (strncmp(email, q, qn) == 0)
		return 60;
	if (strstr(email, q) != NULL)
		return 40;
	return 0;
}

int
find_score(const char *q, const char *name, const char *email)
{
	int score = 0;
	char *fname;

	if (q == NULL || *q == '\0')
		return 0;
	if (email != NULL)
		score = email_score(q, email);
	if (name != NULL && (fname = find_fold(name)) != NULL) {
		score = max_of(score, name_score(q, fname));
		free(fname);
	}
	return score;
}
