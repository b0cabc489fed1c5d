/*
 * rules_int.h - internals shared by the rules and classify modules.
 *
 * The word folding that rules_scan applies to text and to phrases, so that
 * classify can walk words exactly the way the rules see them.  Not part of
 * the public interface.
 */
#ifndef CLIENTELE_RULES_INT_H
#define CLIENTELE_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RULES_MAX_WORDS	16	/* words in one phrase */
#define RULES_MAX_WORD	64	/* bytes of one folded word */

enum rules_char {
	RULES_CH_SEP,		/* space, punctuation, symbols, invalid bytes */
	RULES_CH_WORD,		/* letters and digits, ASCII or not */
	RULES_CH_APOS,		/* ' and its typographic kin */
};

/* One word of a text: where it is, and its folded (lower-case) form. */
struct rules_word {
	size_t start;		/* first byte of the word in the text */
	size_t end;		/* one past its last byte */
	char folded[RULES_MAX_WORD + 4];	/* NUL-terminated */
	size_t flen;
	bool overflow;		/* folded form longer than RULES_MAX_WORD */
};

/*
 * rules_char_at - class of the character at s (len bytes available); *n is
 * set to its length in bytes (1 for an invalid byte) and *cp to its code
 * point (U+FFFD for an invalid byte).
 */
enum rules_char rules_char_at(const char *s, size_t len, size_t *n,
    uint32_t *cp);

/*
 * rules_word_next - the next word of s at or after *pos; false at the end.
 * A word is a run of word characters; an apostrophe between two of them
 * stays in the word, folded to '.  Letters are folded to lower case (ASCII,
 * Latin-1, Latin Extended-A, Greek and Cyrillic), Latin letters without
 * their accents, ß and the ligatures spelt out (ss, ae, oe, ij).
 */
bool rules_word_next(const char *s, size_t len, size_t *pos,
    struct rules_word *w);

/*
 * rules_words - the words of s[from, to) as rules_word_next reads them
 * (punctuation is no word), counted up to max + 1.
 */
size_t rules_words(const char *s, size_t from, size_t to, size_t max);

/*
 * rules_word_in - w, as rules_word_next folded it, is one of list[0, n)
 * (a word too long to fold whole is none of them)
 */
bool rules_word_in(const struct rules_word *w, const char *const *list,
    size_t n);

#endif
