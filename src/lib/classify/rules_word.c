/*
 * rules_word - split UTF-8 text into folded words, for rules matching.
 *
 * DESCRIPTION
 *	The one definition of "a word" that phrases and texts share: runs of
 *	letters and digits (any script; punctuation, symbols and emoji
 *	separate), with an apostrophe kept inside a word ("don't", "cc'd")
 *	and its typographic forms (U+2018, U+2019, U+02BC) folded to '.
 *	A French elision before a name is two words, the first spelt out:
 *	"d'Odile" is "de" and "odile", "l'Atelier" "le" and "atelier";
 *	"j'ai" and "l'équipe" stay one word each.
 *	Case is folded for ASCII, Latin-1, Latin Extended-A, Greek and
 *	Cyrillic, which covers the languages customers of our users write in;
 *	other scripts are compared as written.  Latin letters also lose
 *	their accents and ligatures are spelt out (é -> e, ß -> ss, œ -> oe),
 *	so a phrase matches whether or not the writer typed the accents.
 *
 * NEVER
 *	Allocates, or reads past the length it is given.
 */
#include <string.h>

#include "util/strutil.h"
#include "rules_int.h"


static enum rules_char
classify_cp(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return RULES_CH_WORD;
		return cp == '\'' ? RULES_CH_APOS : RULES_CH_SEP;
	}
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x02bc)
		return RULES_CH_APOS;
	if (cp < 0xc0)		/* C1 controls, Latin-1 punctuation and signs */
		return (cp == 0xaa || cp == 0xb5 || cp == 0xba) ?
		    RULES_CH_WORD : RULES_CH_SEP;
	if (cp == 0xd7 || cp == 0xf7 ||			/* x and / signs */
	    (cp >= 0x2000 && cp <= 0x2bff) ||		/* punctuation, symbols */
	    (cp >= 0x2e00 && cp <= 0x2e7f) ||
	    (cp >= 0x3000 && cp <= 0x303f) ||		/* CJK punctuation */
	    (cp >= 0xfe00 && cp <= 0xfe0f) ||		/* variation selectors */
	    cp == 0xfeff || cp == 0xfffd ||
	    (cp >= 0xff00 && cp <= 0xff0f) ||
	    (cp >= 0x1f000 && cp <= 0x1faff))		/* emoji */
		return RULES_CH_SEP;
	return RULES_CH_WORD;
}

/*
 * Latin Extended-A (U+0100..U+017F) reduced to its base letters, in code
 * point order; '*' marks the ligatures fold_latin spells out.
 */
static const char ext_a_base[] =
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
    "**" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "**" "rrrrrr"
    "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";

/* Latin-1 letters U+00C0..U+00FF reduced the same way ('*': ligature). */
static const char latin1_base[] =
    "aaaaaa*ceeeeiiiidnooooo/ouuuuyt*" "aaaaaa*ceeeeiiiidnooooo/ouuuuyty";

/*
 * fold_latin - the folded spelling of a Latin letter: lower case without
 * its accent, and the ligatures and sharp s written out (ß, ẞ -> ss;
 * æ -> ae; œ -> oe; ĳ -> ij), so that "Büro", "BÜRO" and "buro" or
 * "Straße" and "STRASSE" compare equal.  Returns the bytes written to out
 * (at most 2), or 0 when cp is not such a letter.
 */
static size_t
fold_latin(uint32_t cp, char out[2])
{
	char b;

	if (cp == 0x1e9e || cp == 0xdf) {
		out[0] = out[1] = 's';
		return 2;
	}
	if (cp >= 0xc0 && cp <= 0xff)
		b = latin1_base[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		b = ext_a_base[cp - 0x100];
	else
		return 0;
	if (b == '/')
		return 0;
	if (b != '*') {
		out[0] = b;
		return 1;
	}
	if ((cp | 0x20) == 0xe6)
		out[0] = 'a', out[1] = 'e';
	else if (cp == 0x132 || cp == 0x133)
		out[0] = 'i', out[1] = 'j';
	else
		out[0] = 'o', out[1] = 'e';	/* U+0152, U+0153 */
	return 2;
}

/* fold - simple lower-case mapping for the other scripts we fold */
static uint32_t
fold(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 0x20;
	if (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2)
		return cp + 0x20;
	if (cp >= 0x410 && cp <= 0x42f)
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	return cp;
}

enum rules_char
rules_char_at(const char *s, size_t len, size_t *n, uint32_t *cp)
{
	unsigned long v = 0;

	*n = utf8_decode((const unsigned char *)s, len, &v);
	*cp = (uint32_t)v;
	if (*n == 0) {
		*n = 1;
		*cp = 0xfffd;
		return RULES_CH_SEP;
	}
	return classify_cp(*cp);
}

static void
put(struct rules_word *w, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80)
		b[0] = (unsigned char)cp, n = 1;
	else if (cp < 0x800)
		b[0] = 0xc0 | (cp >> 6), b[1] = 0x80 | (cp & 0x3f), n = 2;
	else if (cp < 0x10000)
		b[0] = 0xe0 | (cp >> 12), b[1] = 0x80 | ((cp >> 6) & 0x3f),
		b[2] = 0x80 | (cp & 0x3f), n = 3;
	else
		b[0] = 0xf0 | (cp >> 18), b[1] = 0x80 | ((cp >> 12) & 0x3f),
		b[2] = 0x80 | ((cp >> 6) & 0x3f), b[3] = 0x80 | (cp & 0x3f),
		n = 4;
	if (w->overflow || w->flen + n > RULES_MAX_WORD) {
		w->overflow = true;
		return;
	}
	memcpy(w->folded + w->flen, b, n);
	w->flen += n;
}

/* ascii_fold - the folded form of an ASCII word byte (a letter in small,
 * a digit), 0 for every other byte */
#define L2(c) [c] = c, [c - 0x20] = c
static const unsigned char ascii_fold[256] = {
	L2('a'), L2('b'), L2('c'), L2('d'), L2('e'), L2('f'), L2('g'),
	L2('h'), L2('i'), L2('j'), L2('k'), L2('l'), L2('m'), L2('n'),
	L2('o'), L2('p'), L2('q'), L2('r'), L2('s'), L2('t'), L2('u'),
	L2('v'), L2('w'), L2('x'), L2('y'), L2('z'),
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
};
#undef L2

static inline bool
ascii_word(unsigned char b)
{
	return ascii_fold[b] != 0;
}

/* word_at - the character at s[0] is a word character */
static inline bool
word_at(const char *s, size_t len)
{
	size_t n;
	uint32_t cp;
	unsigned char b = (unsigned char)s[0];

	if (b < 0x80)
		return ascii_word(b);
	return rules_char_at(s, len, &n, &cp) == RULES_CH_WORD;
}

/*
 * named_after - s opens a capitalised word ("Odile", "Élodie"): a capital
 * then a small letter, so that shouting ("J'AI PAYÉ") is no name.
 */
static bool
named_after(const char *s, size_t len)
{
	unsigned char a = (unsigned char)s[0];
	size_t k;

	if (a >= 'A' && a <= 'Z')
		k = 1;
	else if (a == 0xc3 && len > 1 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9e && (unsigned char)s[1] != 0x97)
		k = 2;		/* À to Þ, not the sign × */
	else
		return false;
	if (k >= len)
		return false;
	a = (unsigned char)s[k];
	return (a >= 'a' && a <= 'z') || (a == 0xc3 && k + 1 < len &&
	    (unsigned char)s[k + 1] >= 0x9f);
}

/*
 * elided - the word so far is a French article, pronoun or "de" that lost
 * its vowel before an apostrophe and a name ("d'Odile", "l'Atelier"): it
 * becomes the whole word, so that "de la part de" reads "de la part
 * d'Odile" and the name starts a word of its own.  Before a small letter
 * ("j'ai", "l'équipe") the elision stays one word, as the rules write it.
 */
static bool
elided(struct rules_word *w)
{
	static const char *const full[26] = {
		['c' - 'a'] = "ce", ['d' - 'a'] = "de", ['j' - 'a'] = "je",
		['l' - 'a'] = "le", ['m' - 'a'] = "me", ['n' - 'a'] = "ne",
		['s' - 'a'] = "se", ['t' - 'a'] = "te",
	};
	const char *to = NULL;

	if (w->flen == 1 && w->folded[0] >= 'a' && w->folded[0] <= 'z')
		to = full[w->folded[0] - 'a'];
	else if (w->flen == 2 && memcmp(w->folded, "qu", 2) == 0)
		to = "que";
	if (to == NULL)
		return false;
	w->flen = strlen(to);
	memcpy(w->folded, to, w->flen);
	return true;
}

bool
rules_word_next(const char *s, size_t len, size_t *pos, struct rules_word *w)
{
	size_t i = *pos, n;
	uint32_t cp;
	enum rules_char c;

	/* skip to the first word character; ASCII takes the short way */
	for (;;) {
		if (i >= len) {
			*pos = len;
			return false;
		}
		if ((unsigned char)s[i] < 0x80) {
			if (ascii_word((unsigned char)s[i]))
				break;
			i++;
			continue;
		}
		if (rules_char_at(s + i, len - i, &n, &cp) == RULES_CH_WORD)
			break;
		i += n;
	}
	w->start = i;
	w->flen = 0;
	w->overflow = false;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (ascii_fold[b] != 0) {
			/* a run of ASCII word bytes, its length kept in a
			 * register: the stores into folded may alias w */
			size_t f = w->flen;

			for (; i < len && (b = (unsigned char)s[i],
			    ascii_fold[b] != 0); i++) {
				if (f < RULES_MAX_WORD)
					w->folded[f++] = (char)ascii_fold[b];
				else
					w->overflow = true;
			}
			w->flen = f;
			continue;
		}
		c = b < 0x80 ? (b == '\'' ? RULES_CH_APOS : RULES_CH_SEP) :
		    rules_char_at(s + i, len - i, &n, &cp);
		if (b < 0x80)
			n = 1;
		if (c == RULES_CH_WORD) {
			char lat[2];
			size_t ln = fold_latin(cp, lat);

			for (size_t k = 0; k < ln; k++)
				put(w, (unsigned char)lat[k]);
			if (ln == 0)
				put(w, fold(cp));
			i += n;
			continue;
		}
		/* an apostrophe stays only between two word characters */
		if (c == RULES_CH_APOS && i + n < len && word_at(s + i + n,
		    len - i - n)) {
			if (named_after(s + i + n, len - i - n) && elided(w)) {
				/* "d'Odile": "de", then "Odile" */
				i += n;
				break;
			}
			put(w, '\'');
			i += n;
			continue;
		}
		break;
	}
	w->folded[w->flen] = '\0';
	w->end = i;
	*pos = i;
	return true;
}

size_t
rules_words(const char *s, size_t from, size_t to, size_t max)
{
	struct rules_word w;
	size_t n = 0;

	while (n <= max && rules_word_next(s, to, &from, &w))
		n++;
	return n;
}

bool
rules_word_in(const struct rules_word *w, const char *const *list, size_t n)
{
	return !w->overflow && str_in_list(list, n, w->folded);
}
