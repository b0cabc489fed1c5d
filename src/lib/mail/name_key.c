/*
 * name_key - the comparable key of a person's full name.
 *
 * What it is for: a referral names someone the store does not know yet
 * ("Ana Belén Ruiz suggested we write"); it waits under the key of that
 * name until a sender answers to it, and the two sides seldom write the
 * name alike: "Ruiz, Ana", "RUIZ Ana", "Sra. Ana Ruiz", "Ana B. Ruiz", no
 * display name at all but ana.ruiz@.  Reading the name: what follows a
 * '(' or " | " is dropped, "Last, First" is turned round (unless what
 * follows the comma is a suffix such as "PhD"), a surname written first
 * in capitals ("RUIZ Ana") goes last, then the name is folded (find_fold)
 * and cut into words (a hyphen parts them too: "García-Ortega"), leaving
 * out titles, initials, particles ("de", "van") and suffixes.  The key is
 * the first word and the last, or the first part of a double-barrelled
 * last name (people drop its second part more often than its first).
 *
 * What it owns: the lists of titles, particles and suffixes.
 *
 * What it never does: I/O, or allocate beyond find_fold's one copy.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/find.h"
#include "mail/name_key.h"

#define NAME_MAX_BYTES	256	/* of a name read; the rest is ignored */
#define NAME_MAX_WORDS	8	/* words of a name kept */
#define NAME_WORD_MAX	48	/* bytes of one word */

/* Words that are no part of a name: titles, particles, suffixes (folded). */
static const char *const skipped[] = {
	"da", "das", "de", "del", "den", "der", "di", "dipl", "do", "don",
	"dona", "dos", "dott", "dr", "du", "frau", "herr", "ii", "iii", "ing",
	"jr", "la", "las", "le", "les", "los", "madame", "mademoiselle", "mba",
	"md", "miss", "mlle", "mme", "monsieur", "mr", "mrs", "ms", "mx", "phd",
	"prof", "senor", "senora", "senorita", "sr", "sra", "srta", "ten",
	"ter", "van", "von", "zu",
};

struct words {
	char w[NAME_MAX_WORDS][NAME_WORD_MAX];
	bool hyphen[NAME_MAX_WORDS];	/* joined by '-' to the word before */
	size_t n;
};

static bool
is_skipped(const char *w)
{
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++)
		if (strcmp(skipped[i], w) == 0)
			return true;
	return false;
}

/* shouting - a word of two or more letters with capitals and no small ones */
static bool
shouting(const char *s, size_t n)
{
	size_t upper = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			return false;
		if (c >= 'A' && c <= 'Z')
			upper++;
	}
	return upper >= 2;
}

/*
 * arrange - the name in given-name-first order into out: cut at '(' and
 * " | ", "Last, First" turned round, a capitalised surname written first
 * moved last.
 */
static void
arrange(const char *name, char *out, size_t outlen)
{
	char tmp[NAME_MAX_BYTES];
	char *comma, *cut;
	size_t n;

	snprintf(tmp, sizeof(tmp), "%s", name);
	if ((cut = strchr(tmp, '(')) != NULL)
		*cut = '\0';
	if ((cut = strstr(tmp, " | ")) != NULL)
		*cut = '\0';
	for (char *p = tmp; *p != '\0'; p++)
		if (*p == '"' || *p == '\t' || *p == '\r' || *p == '\n')
			*p = ' ';
	if ((comma = strchr(tmp, ',')) != NULL) {
		char *after = comma + 1, suffix[NAME_WORD_MAX];
		char *folded;
		size_t k = 0;

		*comma = '\0';
		if ((cut = strchr(after, ',')) != NULL)
			*cut = '\0';
		after += strspn(after, " ");
		for (const char *p = after; *p != '\0' && k + 1 < sizeof(suffix);
		    p++)
			if (*p != '.' && *p != ' ')
				suffix[k++] = *p;
		suffix[k] = '\0';
		folded = find_fold(suffix);
		/* "Reyes, Dana" -> "Dana Reyes"; "Reyes, PhD" -> "Reyes" */
		n = strlen(after);
		if (*after == '\0' || (folded != NULL && is_skipped(folded)))
			n = 0;
		if (n + 1 + strlen(tmp) < outlen) {
			memcpy(out, after, n);
			out[n] = n > 0 ? ' ' : '\0';
			memcpy(out + n + (n > 0), tmp, strlen(tmp) + 1);
		} else {
			snprintf(out, outlen, "%s", tmp);
		}
		free(folded);
	} else {
		snprintf(out, outlen, "%s", tmp);
	}
	/* "REYES Dana" -> "Dana REYES" (not when every word shouts) */
	{
		const char *p = out + strspn(out, " ");
		size_t first = strcspn(p, " ");
		const char *rest = p + first;
		bool quiet = false;

		for (const char *q = rest; *q != '\0';) {
			q += strspn(q, " ");
			n = strcspn(q, " ");
			if (n > 0 && !shouting(q, n))
				quiet = true;
			q += n;
		}
		if (first > 0 && quiet && shouting(p, first)) {
			char sw[NAME_MAX_BYTES];

			snprintf(sw, sizeof(sw), "%s %.*s", rest, (int)first, p);
			snprintf(out, outlen, "%s", sw);
		}
	}
}

/* name_words - the words of a name that count (see the top) */
static bool
name_words(const char *name, struct words *ws)
{
	char arranged[NAME_MAX_BYTES], *folded;
	const char *p;

	ws->n = 0;
	if (name == NULL)
		return true;
	arrange(name, arranged, sizeof(arranged));
	/* the typographic apostrophe as the plain one */
	for (char *q = arranged; (q = strstr(q, "\xe2\x80\x99")) != NULL;) {
		*q = '\'';
		memmove(q + 1, q + 3, strlen(q + 3) + 1);
	}
	if ((folded = find_fold(arranged)) == NULL)
		return false;
	for (p = folded; *p != '\0' && ws->n < NAME_MAX_WORDS;) {
		char w[NAME_WORD_MAX];
		size_t k = 0;
		bool letter = false, hyphen = p > folded && p[-1] == '-';

		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') ||
		    (unsigned char)*p >= 0x80))
			hyphen = *p++ == '-';
		/* a hyphen parts words: "García-Ortega" is García and Ortega */
		while (*p != '\0' && ((*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '\'' ||
		    (unsigned char)*p >= 0x80)) {
			if (k + 1 < sizeof(w))
				w[k++] = *p;
			letter = letter || !(*p >= '0' && *p <= '9');
			p++;
		}
		/* "Reyes's", "Reyes'" */
		while (k > 0 && w[k - 1] == '\'')
			k--;
		if (k >= 2 && w[k - 1] == 's' && w[k - 2] == '\'')
			k -= 2;
		w[k] = '\0';
		if (k < 2 || !letter || is_skipped(w))
			continue;
		ws->hyphen[ws->n] = hyphen && ws->n > 0;
		memcpy(ws->w[ws->n++], w, k + 1);
	}
	free(folded);
	return true;
}

static bool
join(char *out, size_t outlen, const char *a, const char *b)
{
	int n = snprintf(out, outlen, "%s %s", a, b);

	return n > 0 && (size_t)n < outlen;
}

bool
name_key(const char *name, char *out, size_t outlen)
{
	struct words ws;

	size_t last;

	if (!name_words(name, &ws) || ws.n < 2)
		return false;
	/* a double-barrelled surname waits under its first part, which
	 * name_key_all gives with or without the second: "Miriam
	 * Lehmann-Berg" is found by "Miriam Lehmann" and by herself */
	for (last = ws.n - 1; last > 1 && ws.hyphen[last]; last--)
		;
	return join(out, outlen, ws.w[0], ws.w[last]);
}

size_t
name_key_all(const char *name, char keys[][NAME_KEY_MAX], size_t max)
{
	struct words ws;
	size_t k = 0;

	if (!name_words(name, &ws) || ws.n < 2)
		return 0;
	for (size_t j = 1; j < ws.n && k < max; j++)
		if (join(keys[k], NAME_KEY_MAX, ws.w[0], ws.w[j]))
			k++;
	if (ws.n == 2 && k < max && join(keys[k], NAME_KEY_MAX, ws.w[1],
	    ws.w[0]))
		k++;
	return k;
}

/* local_part - email's local part, lower case, into out; false if too long */
static bool
local_part(const char *email, char *out, size_t outlen)
{
	size_t n = email ? strcspn(email, "@") : 0;

	if (n == 0 || n >= outlen || email[n] != '@')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = email[i];

		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[n] = '\0';
	return true;
}

bool
name_key_local(const char *email, char *out, size_t outlen)
{
	char local[NAME_MAX_BYTES], spaced[NAME_MAX_BYTES];
	size_t k = 0;

	if (!local_part(email, local, sizeof(local)))
		return false;
	for (const char *p = local; *p != '\0' && k + 1 < sizeof(spaced); p++) {
		if (*p == '.' || *p == '_' || *p == '-')
			spaced[k++] = ' ';
		else if (*p >= 'a' && *p <= 'z')
			spaced[k++] = *p;
		else if (!(*p >= '0' && *p <= '9'))
			return false;	/* '+', '=' and the like: no name */
	}
	spaced[k] = '\0';
	if (strchr(spaced, ' ') == NULL)
		return false;
	return name_key(spaced, out, outlen);
}

bool
name_key_local_matches(const char *email, const char *key)
{
	char local[NAME_MAX_BYTES], want[NAME_MAX_BYTES];
	const char *sp = key ? strchr(key, ' ') : NULL;
	size_t k = 0, first, last;

	if (sp == NULL || !local_part(email, local, sizeof(local)))
		return false;
	first = (size_t)(sp - key);
	last = strlen(sp + 1);
	if (first == 0 || last < 3 || strchr(sp + 1, ' ') != NULL)
		return false;
	for (const char *p = local; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z')
			local[k++] = *p;
		else if (!(*p >= '0' && *p <= '9'))
			return false;	/* separators: name_key_local's job */
	}
	local[k] = '\0';
	/* "dreyes" */
	snprintf(want, sizeof(want), "%c%s", key[0], sp + 1);
	if (strcmp(local, want) == 0)
		return true;
	/* "danareyes" */
	snprintf(want, sizeof(want), "%.*s%s", (int)first, key, sp + 1);
	return strcmp(local, want) == 0;
}
