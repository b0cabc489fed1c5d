/*
 * classify_text - sentences of the text a classification reads.
 *
 * DESCRIPTION
 *	Where the sentence around a match begins and ends (a period that
 *	follows a title or an initial ends none; a blank line ends one),
 *	the evidence string shown for a fact (that sentence trimmed and
 *	capped), whether a phrase runs across two sentences, whether a match
 *	opens its sentence (after a short greeting on the same line), the
 *	first word of a text, whether a subordinating word ("when",
 *	"weil", "quand", "cuando") stands between two points, and whether a
 *	word starts with a capital.
 *
 * OWNS
 *	Nothing: every function reads the text it is given; cl_evidence
 *	returns a string the caller frees.
 *
 * NEVER
 *	Looks at the message, the rules' sections or the facts; each call
 *	looks at a bounded window around its match.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define SENTENCE_WINDOW 400	/* bytes looked at on each side of a match */
#define EVIDENCE_LEAD	60	/* bytes kept before a match in long sentences */
#define GREETING_MAX	24	/* bytes of a greeting before a comma */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	    ch == '\f' || ch == '\v';
}

/* is_blank - a blank between the words cl_words counts */
static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

size_t
cl_words(const char *text, size_t from, size_t to, size_t max)
{
	size_t n = 0;
	bool in_word = false;

	for (size_t i = from; i < to && n <= max; i++) {
		if (is_blank(text[i])) {
			in_word = false;
		} else if (!in_word) {
			in_word = true;
			n++;
		}
	}
	return n;
}

size_t
cl_words_back(const char *text, size_t from, size_t at, size_t words)
{
	size_t n = 0;
	bool in_word = false;

	while (at > from) {
		bool blank = is_blank(text[at - 1]);

		if (blank && in_word && ++n >= words)
			break;
		in_word = !blank;
		at--;
	}
	return at;
}

size_t
cl_paragraph_start(const char *text, size_t p)
{
	bool nl = false;

	for (; p > 0; p--) {
		char ch = text[p - 1];

		if (ch == '\n') {
			if (nl)
				break;
			nl = true;
		} else if (ch != ' ' && ch != '\t' && ch != '\r') {
			nl = false;
		}
	}
	return p;
}

size_t
cl_paragraph_end(const char *text, size_t len, size_t p)
{
	bool nl = false;

	for (; p < len; p++) {
		if (text[p] == '\n') {
			if (nl)
				break;
			nl = true;
		} else if (text[p] != ' ' && text[p] != '\t' &&
		    text[p] != '\r') {
			nl = false;
		}
	}
	return p;
}

bool
cl_blank_line_in(const char *text, size_t from, size_t to)
{
	return cl_paragraph_end(text, to, from) < to;
}

/* blank_line_at - text[i] is '\n' and the line after or before it is blank */
static bool
blank_line_at(const char *text, size_t len, size_t i, bool backwards)
{
	if (backwards) {
		while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' ||
		    text[i - 1] == '\r'))
			i--;
		return i > 0 && text[i - 1] == '\n';
	}
	for (i++; i < len && (text[i] == ' ' || text[i] == '\t' ||
	    text[i] == '\r'); i++)
		;
	return i < len && text[i] == '\n';
}

/* Abbreviations before a name whose period ends no sentence ("Mr. Tom"). */
static const char *const title_abbrevs[] = {
	"dr", "fr", "hr", "jr", "mlle", "mme", "mr", "mrs", "ms", "prof",
	"sr", "sra", "srta", "st",
};

/* abbreviation - the word before text[i] (a '.') is a title or an initial */
static bool
abbreviation(const char *text, size_t i)
{
	size_t b = i;
	char w[8];

	while (b > 0 && ((text[b - 1] >= 'a' && text[b - 1] <= 'z') ||
	    (text[b - 1] >= 'A' && text[b - 1] <= 'Z')) && i - b < sizeof(w))
		b--;
	if (b == i || i - b >= sizeof(w) ||
	    (b > 0 && !is_space(text[b - 1]) && text[b - 1] != '('))
		return false;
	if (i - b == 1)
		return text[b] >= 'A' && text[b] <= 'Z';	/* "Dana M. Reyes" */
	for (size_t k = 0; k < i - b; k++)
		w[k] = (char)(text[b + k] | 0x20);
	w[i - b] = '\0';
	for (size_t k = 0; k < NELEM(title_abbrevs); k++)
		if (strcmp(title_abbrevs[k], w) == 0)
			return true;
	return false;
}

static bool
ends_sentence(const char *text, size_t len, size_t i)
{
	char ch = text[i];

	return (ch == '.' || ch == '!' || ch == '?') &&
	    (i + 1 == len || is_space(text[i + 1])) &&
	    !(ch == '.' && abbreviation(text, i));
}

void
cl_sentence(const char *text, size_t len, size_t start, size_t end,
    size_t *sb, size_t *se)
{
	size_t lo = start > SENTENCE_WINDOW ? start - SENTENCE_WINDOW : 0;
	size_t hi = len - end > SENTENCE_WINDOW ? end + SENTENCE_WINDOW : len;
	size_t i;

	for (i = start; i > lo; i--) {
		if (ends_sentence(text, len, i - 1) ||
		    (text[i - 1] == '\n' && blank_line_at(text, len, i - 1, true)))
			break;
	}
	/* a cut in the middle of a UTF-8 sequence moves to the next character */
	while (i < start && ((unsigned char)text[i] & 0xc0) == 0x80)
		i++;
	*sb = i;
	for (i = end; i < hi; i++) {
		if (ends_sentence(text, len, i)) {
			i++;
			break;
		}
		if (text[i] == '\n' && blank_line_at(text, len, i, false))
			break;
	}
	while (i > end && i < len && ((unsigned char)text[i] & 0xc0) == 0x80)
		i--;
	*se = i;
}

char *
cl_evidence(const char *text, size_t sb, size_t se, size_t at)
{
	char out[CL_MAX_EVIDENCE + 4];
	size_t o = 0, i = sb;
	bool space = false;

	/* a long sentence: start a few words before the match */
	if (se - sb > CL_MAX_EVIDENCE && at > sb + EVIDENCE_LEAD) {
		i = at - EVIDENCE_LEAD;
		while (i < at && !is_space(text[i]))
			i++;
	}
	while (i < se && is_space(text[i]))
		i++;
	while (i < se) {
		size_t n;
		uint32_t cp;

		if (is_space(text[i])) {
			space = true;
			i++;
			continue;
		}
		rules_char_at(text + i, se - i, &n, &cp);
		if (o + (space ? 1 : 0) + (n == 1 && cp == 0xfffd ? 3 : n) >
		    CL_MAX_EVIDENCE)
			break;
		if (space && o > 0)
			out[o++] = ' ';
		space = false;
		if (n == 1 && cp == 0xfffd) {
			memcpy(out + o, "\xef\xbf\xbd", 3);	/* invalid byte */
			o += 3;
		} else if (n == 1 && (unsigned char)text[i] < 0x20) {
			out[o++] = ' ';
		} else {
			memcpy(out + o, text + i, n);
			o += n;
		}
		i += n;
	}
	return xstrndup(out, o);
}

bool
cl_evidence_parts(const char *text, struct cl_part *p, size_t n,
    size_t frame)
{
	size_t left = CL_MAX_EVIDENCE - frame;

	for (size_t i = 0; i < n; i++)
		p[i].ev = NULL;
	for (size_t i = 0; i < n; i++)
		if ((p[i].ev = cl_evidence(text, p[i].sb, p[i].se,
		    p[i].at)) == NULL) {
			cl_parts_free(p, n);
			return false;
		}
	/* the parts with a share first; the others get what they leave */
	for (size_t i = 0; i < n; i++)
		if (p[i].share > 0)
			left -= (p[i].len = (int)utf8_prefix(p[i].ev,
			    p[i].share));
	for (size_t i = 0; i < n; i++)
		if (p[i].share == 0)
			p[i].len = (int)utf8_prefix(p[i].ev, left);
	return true;
}

void
cl_parts_free(struct cl_part *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p[i].ev);
		p[i].ev = NULL;
	}
}

bool
cl_asks(const char *text, size_t sb, size_t se)
{
	while (se > sb && strchr(" \t\r\n\"')", text[se - 1]) != NULL)
		se--;
	return se > sb && text[se - 1] == '?';
}

/*
 * across_sentences - a sentence ends inside [start, end): "is recommended.
 * You get the idea" holds no "recommended you".
 */
bool
cl_across_sentences(const char *text, size_t start, size_t end)
{
	for (size_t i = start; i + 1 < end; i++)
		if (((text[i] == '.' || text[i] == '!' || text[i] == '?' ||
		    text[i] == ';') && (text[i + 1] == ' ' || text[i + 1] == '\n' ||
		    text[i + 1] == '\t' || text[i + 1] == '\r')) ||
		    (text[i] == '\n' && text[i + 1] == '\n'))
			return true;
	return false;
}

/* Words that open a greeting line ("Hola, ..."), any case. */
static const char *const greetings[] = {
	"bonjour", "bonsoir", "buenas", "buenos", "dear", "estimada",
	"estimado", "good", "guten", "hallo", "hello", "hey", "hi", "hola",
	"liebe", "lieber", "moin", "salut", "servus",
};

/*
 * sentence_opens - only blanks stand between the start of a line or of a
 * sentence and `at`: "I am on annual leave" opens its sentence, "sorry, I
 * was out of the office" does not.
 */
bool
cl_sentence_opens(const char *text, size_t at)
{
	size_t b;

	while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' ||
	    text[at - 1] == '\r'))
		at--;
	if (at == 0 || text[at - 1] == '\n' || text[at - 1] == '.' ||
	    text[at - 1] == '!' || text[at - 1] == '?')
		return true;
	/* after a short greeting on the same line: "Hola, estaré fuera" */
	if (text[at - 1] != ',')
		return false;
	for (b = at - 1; b > 0 && text[b - 1] != '\n' && at - b <= GREETING_MAX;
	    b--)
		if (text[b - 1] == '.' || text[b - 1] == ',' ||
		    text[b - 1] == '!' || text[b - 1] == '?')
			return false;
	if (at - b > GREETING_MAX)
		return false;
	while (b < at && (text[b] == ' ' || text[b] == '\t'))
		b++;
	for (size_t i = 0; i < NELEM(greetings); i++) {
		size_t n = strlen(greetings[i]);

		if (at - b >= n && strncasecmp(text + b, greetings[i], n) == 0 &&
		    (at - b == n + 1 || text[b + n] == ' ' || text[b + n] == ','))
			return true;
	}
	return false;
}

/* first_word - offset of the first word of s, or len if it has none */
size_t
cl_first_word(const char *s, size_t len)
{
	struct rules_word w;
	size_t pos = 0;

	return rules_word_next(s, len, &pos, &w) ? w.start : len;
}

/* quote_mark - bytes of the quotation mark at s (n bytes), or 0 */
static size_t
quote_mark(const char *s, size_t n)
{
	static const char *const marks[] = {
		"\"", "\xe2\x80\x9e", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xc2\xab", "\xc2\xbb", "\xe2\x80\xb9", "\xe2\x80\xba",
	};
	unsigned char b = (unsigned char)s[0];

	if (b != '"' && b != 0xe2 && b != 0xc2)
		return 0;	/* the lead byte of none of them */
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t k = strlen(marks[i]);

		if (n >= k && memcmp(s, marks[i], k) == 0)
			return k;
	}
	return 0;
}

size_t
cl_quote_marks(const char *text, size_t from, size_t to)
{
	size_t count = 0, k;

	for (size_t i = from; i < to; i += k ? k : 1)
		if ((k = quote_mark(text + i, to - i)) > 0)
			count++;
	return count;
}

size_t
cl_clause_start(const char *text, size_t sb, size_t at)
{
	while (at > sb && text[at - 1] != ',' && text[at - 1] != ';' &&
	    text[at - 1] != ':' && text[at - 1] != '(' && text[at - 1] != ')')
		at--;
	return at;
}

size_t
cl_clause_end(const char *text, size_t from, size_t se)
{
	for (size_t i = from; i < se; i++)
		if (strchr(",;:", text[i]) != NULL)
			return i;
	return se;
}

bool
cl_subordinate_between(const char *text, size_t from, size_t to)
{
	static const char *const opens[] = {
		"when", "while", "because", "after", "als", "wenn", "weil",
		"nachdem", "quand", "lorsque", "lorsqu", "parce", "cuando",
		"porque", "mientras",
	};
	struct rules_word w;
	size_t pos = from;

	while (rules_word_next(text, to, &pos, &w))
		if (!w.overflow && str_in_list(opens,
		    sizeof(opens) / sizeof(opens[0]), w.folded))
			return true;
	return false;
}

bool
cl_capital(const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];

	return (a >= 'A' && a <= 'Z') || (a == 0xc3 && b >= 0x80 && b <= 0x9e);
}
