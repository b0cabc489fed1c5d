/*
 * names_int.h - private to classify_names.c (finds the names near a
 * referral cue) and classify_known.c (asks the store about them).  Calls
 * go one way: known asks names, names never asks known.
 */
#ifndef CLIENTELE_CLASSIFY_NAMES_INT_H
#define CLIENTELE_CLASSIFY_NAMES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "classify_int.h"
#include "rules_int.h"

#define NAME_MAX_WORDS	3	/* words of a personal name */
#define NAME_GAP	3	/* words allowed between a cue and a name */
#define NAME_WINDOW	240	/* bytes around a cue searched for a name */
#define NAME_SLOTS	64	/* words of that window looked at */

/* One word near a cue, as the name finder sees it. */
struct nword {
	size_t start, end;
	char folded[RULES_MAX_WORD + 4];
	bool name;		/* capitalised, not a common word */
	bool joined;		/* only blanks (or one '-') since the word before */
	bool part;		/* a particle, or after a '-': no word of its own
				 * in NAME_MAX_WORDS */
};

/*
 * cl_near_words - the words of text[lo, hi) into nw (NAME_SLOTS at most),
 * with what the name finder needs; returns how many
 */
size_t cl_near_words(const char *text, size_t lo, size_t hi,
    struct nword *nw);

/*
 * cl_name_run - the words nw[first, last] of c->text as written, blanks
 * made one space and a possessive dropped, into out (CL_NAME_MAX bytes);
 * false when they do not fit or are empty
 */
bool cl_name_run(const struct cl *c, const struct nword *nw, size_t first,
    size_t last, char *out);

/* cl_drop_possessive - "Dana Reyes's" and "Dana Reyes’s" name Dana Reyes */
void cl_drop_possessive(char *name);

/* cl_is_party - the name is the sender's or one of the owner's addresses' */
bool cl_is_party(const struct cl *c, const char *name);

#endif
