/*
 * phrase_set.h - look for many short phrases in a text in one pass.
 *
 * The noise gate asks, of the head of every message, whether any of some
 * seventy phrases occurs ("click here", "dear customer", "unsubscribe"...).
 * One strstr per phrase reads the text seventy times; a phrase set reads
 * it once and, like a Boyer-Moore search for many phrases at once (the
 * method of Wu and Manber), skips ahead by the distance the two bytes
 * under its window allow: where no phrase can end, by nearly the length
 * of the shortest phrase.
 *
 * Phrases are written in lower case and compared with ASCII letters of
 * the text folded to lower case (bytes above 0x7f compare as they are):
 * the answer of one str_casestrn per phrase.  Each phrase belongs to a
 * group (0 to 31); a scan answers which groups occurred.  A set borrows
 * its phrases (string literals, in practice) and owns nothing else, so it
 * needs no freeing; a fixed list is indexed once (under pthread_once, say)
 * and then scanned by any number of threads, as a scan only reads it.
 *
 *	struct phrase_set ps;
 *
 *	phrase_set_init(&ps);
 *	phrase_set_add(&ps, greetings, NGREETINGS, 0);
 *	phrase_set_add(&ps, urges, NURGES, 1);
 *	phrase_set_index(&ps);
 *	seen = phrase_set_scan(&ps, text, len, UINT32_MAX);
 */
#ifndef CLIENTELE_PHRASE_SET_H
#define CLIENTELE_PHRASE_SET_H

#include <stddef.h>
#include <stdint.h>

#define PHRASE_SET_MAX		160	/* phrases in one set */
#define PHRASE_SET_BUCKETS	1024	/* two-byte pairs, hashed */
#define PHRASE_SET_WINDOW	16	/* the longest window looked at */

struct phrase_set {
	const char *phrase[PHRASE_SET_MAX];
	unsigned char group[PHRASE_SET_MAX];
	unsigned char next[PHRASE_SET_MAX];	/* 1 + next in the bucket */
	unsigned char head[PHRASE_SET_BUCKETS];	/* 1 + first whose window
						 * ends in the bucket */
	unsigned char shift[PHRASE_SET_BUCKETS];
	size_t n;
	size_t window;		/* the shortest phrase, at most WINDOW */
};

/* phrase_set_init - an empty set */
void phrase_set_init(struct phrase_set *ps);

/*
 * phrase_set_add - file list[0, n) under group g (0 to 31).  Every phrase
 * is at least two bytes long, in lower case.  -1 when the set would hold
 * more than PHRASE_SET_MAX phrases, a phrase is shorter or g too large
 * (a programming error: nothing is added).
 */
int phrase_set_add(struct phrase_set *ps, const char *const *list, size_t n,
    unsigned g);

/* phrase_set_index - build the tables a scan reads; after the last add */
void phrase_set_index(struct phrase_set *ps);

/*
 * phrase_set_scan - the groups (bit g for group g) of which a phrase
 * occurs in s[0, len), comparing ASCII letters of s in lower case.  The
 * scan stops early once every group in want has been seen (pass
 * UINT32_MAX to see them all).
 */
uint32_t phrase_set_scan(const struct phrase_set *ps, const char *s,
    size_t len, uint32_t want);

#endif
