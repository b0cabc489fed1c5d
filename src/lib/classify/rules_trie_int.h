/*
 * rules_trie_int.h - the loaded rules' tables, shared by rules.c (scanning),
 * rules_load.c (reading a rules file) and rules_trie.c (building them).
 *
 * struct rules is opaque outside these three files.  It is immutable once
 * rules_load_* returns, so scans may share it between threads.
 */
#ifndef CLIENTELE_RULES_TRIE_INT_H
#define CLIENTELE_RULES_TRIE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify/rules.h"

#define RULES_MIN_STEM	3		/* bytes of a stem before its '*' */
#define RULES_BLOOM	4096		/* bits of the stem-start filter */
#define RULES_MAX_OWN_AIM 16		/* names with an [aim NAME] of their own */

/* One phrase of one section, hanging off the trie node where it ends. */
struct rentry {
	enum rules_kind kind;
	const char *name;	/* tag or section name; borrowed from the rules */
	char *phrase;		/* as written (trimmed) */
	int32_t next;		/* next entry at the same node, or -1 */
};

struct rtag {
	char *name;
	char **against;		/* value keys, NULL-terminated */
	size_t nagainst;
};

/* A trie edge: node `parent` --word--> node `child` (child 0 = empty slot). */
struct redge {
	uint32_t parent;
	uint32_t word;
	uint32_t child;
};

struct rules {
	struct rtag *tags;
	size_t ntags;

	char **words;		/* folded words, id = index */
	size_t *wordlen;
	size_t nwords;
	size_t words_cap, wordlen_cap;	/* room in words and wordlen */
	uint32_t *wslot;	/* word hash: id + 1, or 0 */
	size_t wmask;		/* slots - 1 */

	struct redge *edges;	/* edge hash */
	size_t nedges;
	size_t emask;

	int32_t *node_first;	/* first entry per node, -1 if none */
	size_t nnodes;
	size_t nodes_cap;

	struct rentry *entries;
	size_t nentries;
	size_t entries_cap;

	size_t max_depth;	/* most words of any phrase */

	/* stems ("empfehl*") are words "empfehl*" in the word table */
	uint64_t stem_lens;	/* bit p: some stem is p bytes long */
	uint64_t stem_bloom[RULES_BLOOM / 64];	/* first three bytes seen */
	uint64_t stem_len_bloom[RULES_BLOOM / 64];	/* ... with a length */

	const char *own_aim[RULES_MAX_OWN_AIM];	/* names with an [aim NAME];
						 * borrowed from tags or literals */
	size_t nown_aim;
};

/* rt_word_find - id of a folded word, or -1 */
int32_t rt_word_find(const struct rules *r, const char *w, size_t n);

/*
 * rt_stem_ids - ids of the stems "p*" whose p begins the folded word w (n
 * bytes), longest first, at most max of them.
 */
unsigned rt_stem_ids(const struct rules *r, const char *w, size_t n,
    int32_t *out, unsigned max);

/* rt_edge_find - the child of parent by word, or 0 */
uint32_t rt_edge_find(const struct rules *r, uint32_t parent, uint32_t word);

/* rt_node_new - a new trie node into *out; -1 on ENOMEM */
int rt_node_new(struct rules *r, uint32_t *out);

/* rt_tag_find - the tag called name, or NULL */
struct rtag *rt_tag_find(const struct rules *r, const char *name);

/* rt_tag_add - the tag called name, added if new; NULL on ENOMEM */
struct rtag *rt_tag_add(struct rules *r, const char *name);

/* rt_tag_add_against - a value key the tag counts against; -1 on ENOMEM */
int rt_tag_add_against(struct rtag *t, const char *key);

/*
 * rt_add_phrase - put the words of phrase in the trie under (kind, name).
 * Returns 0, -1 on ENOMEM, or a positive rules_word error code.
 */
int rt_add_phrase(struct rules *r, enum rules_kind kind, const char *name,
    const char *phrase);

struct rules_word;

/*
 * rt_word_fault - the rules_word error code of w, the nth word of a phrase
 * (stem: written with a trailing '*'), or 0: the one check that loading
 * (which may only check) and adding share.
 */
int rt_word_fault(const struct rules_word *w, bool stem, size_t n);

#endif
