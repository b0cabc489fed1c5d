/*
 * rules_trie - the tables the loaded rules live in: words, stems, the trie.
 *
 * DESCRIPTION
 *	Folded words are interned in an open-addressed hash (id = index);
 *	a stem ("empfehl*") is a word of its own, and two bit filters on its
 *	first bytes and length let a scan skip the prefixes no stem has.
 *	Trie edges (parent node, word id) -> child node live in a second
 *	hash.  Each phrase hangs a struct rentry off the node where its last
 *	word ends.  Tags and the value keys they count against are kept here
 *	too.  rules_load.c builds these tables; rules.c walks them.
 *
 * OWNS
 *	Nothing itself: every table belongs to the struct rules it grows,
 *	which rules_free releases.
 *
 * NEVER
 *	Reads files or text to scan; allocates once loading is over.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classify/rules.h"
#include "rules_int.h"
#include "rules_trie_int.h"
#include "util/strutil.h"

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static uint32_t
hash_edge(uint32_t parent, uint32_t word)
{
	uint64_t k = ((uint64_t)parent << 32) | word;

	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (uint32_t)k;
}

/* word_find - id of a folded word, or -1 */
int32_t
rt_word_find(const struct rules *r, const char *w, size_t n)
{
	size_t i;

	if (r->wslot == NULL)
		return -1;
	for (i = hash_bytes(w, n) & r->wmask; r->wslot[i]; i = (i + 1) & r->wmask) {
		uint32_t id = r->wslot[i] - 1;

		if (r->wordlen[id] == n && memcmp(r->words[id], w, n) == 0)
			return (int32_t)id;
	}
	return -1;
}

static int
word_rehash(struct rules *r, size_t slots)
{
	uint32_t *ns = calloc(slots, sizeof(*ns));

	if (ns == NULL)
		return -1;
	for (size_t id = 0; id < r->nwords; id++) {
		size_t i = hash_bytes(r->words[id], r->wordlen[id]) & (slots - 1);

		while (ns[i])
			i = (i + 1) & (slots - 1);
		ns[i] = (uint32_t)id + 1;
	}
	free(r->wslot);
	r->wslot = ns;
	r->wmask = slots - 1;
	return 0;
}

/* word_intern - id of w, adding it if new; -1 on ENOMEM */
static int32_t
word_intern(struct rules *r, const char *w, size_t n)
{
	int32_t id = rt_word_find(r, w, n);
	char **nw;
	size_t *nl, slot;
	char *copy;

	if (id >= 0)
		return id;
	if ((r->nwords + 1) * 2 > r->wmask + 1 || r->wslot == NULL) {
		if (word_rehash(r, r->wslot ? (r->wmask + 1) * 2 : 256) < 0)
			return -1;
	}
	nw = mem_grow(r->words, r->nwords, &r->words_cap, sizeof(*nw), 1024);
	if (nw == NULL)
		return -1;
	r->words = nw;
	nl = mem_grow(r->wordlen, r->nwords, &r->wordlen_cap, sizeof(*nl),
	    1024);
	if (nl == NULL)
		return -1;
	r->wordlen = nl;
	if ((copy = xstrndup(w, n)) == NULL)
		return -1;
	r->words[r->nwords] = copy;
	r->wordlen[r->nwords] = n;
	/* room was made above: the table is at most half full */
	slot = hash_bytes(w, n) & r->wmask;
	while (r->wslot[slot])
		slot = (slot + 1) & r->wmask;
	r->wslot[slot] = (uint32_t)r->nwords + 1;
	return (int32_t)r->nwords++;
}

/* bloom_bit - the filter bit of a word's first RULES_MIN_STEM bytes */
static inline size_t
bloom_bit(const char *w)
{
	const unsigned char *u = (const unsigned char *)w;

	return ((size_t)u[0] * 961 + (size_t)u[1] * 31 + u[2]) & (RULES_BLOOM - 1);
}

/* bloom_len_bit - the filter bit of a word's first bytes and a stem length */
static inline size_t
bloom_len_bit(size_t b, size_t n)
{
	return (b * 67 + n * 2654435761u) & (RULES_BLOOM - 1);
}

static inline bool
bit_has(const uint64_t *set, size_t b)
{
	return (set[b / 64] & ((uint64_t)1 << (b % 64))) != 0;
}

static inline void
bit_set(uint64_t *set, size_t b)
{
	set[b / 64] |= (uint64_t)1 << (b % 64);
}

/* stem_note - remember that a stem of n bytes starting like w exists */
static void
stem_note(struct rules *r, const char *w, size_t n)
{
	size_t b = bloom_bit(w);

	if (n < 64)
		r->stem_lens |= (uint64_t)1 << n;
	bit_set(r->stem_bloom, b);
	bit_set(r->stem_len_bloom, bloom_len_bit(b, n));
}

/*
 * stem_ids - ids of the stems "p*" whose p begins the folded word w (n
 * bytes), longest first, at most max of them.  Two filters keep the common
 * case cheap: one on the word's first three bytes, one on those bytes and
 * a prefix length; only a prefix that passes both is hashed and looked up.
 */
unsigned
rt_stem_ids(const struct rules *r, const char *w, size_t n, int32_t *out,
    unsigned max)
{
	int32_t found[RULES_MAX_WORD];
	uint32_t h = 2166136261u;
	size_t b, top;
	unsigned k = 0, nf = 0;

	if (r->stem_lens == 0 || n < RULES_MIN_STEM || n > RULES_MAX_WORD)
		return 0;
	b = bloom_bit(w);
	if (!bit_has(r->stem_bloom, b))
		return 0;
	top = n < 63 ? n : 63;
	for (size_t p = 1; p <= top; p++) {
		uint32_t hp;

		h ^= (unsigned char)w[p - 1];
		h *= 16777619u;
		if (p < RULES_MIN_STEM || !(r->stem_lens & ((uint64_t)1 << p)) ||
		    !bit_has(r->stem_len_bloom, bloom_len_bit(b, p)))
			continue;
		hp = (h ^ (unsigned char)'*') * 16777619u;
		for (size_t i = hp & r->wmask; r->wslot[i]; i = (i + 1) & r->wmask) {
			uint32_t id = r->wslot[i] - 1;

			if (r->wordlen[id] == p + 1 && r->words[id][p] == '*' &&
			    memcmp(r->words[id], w, p) == 0) {
				found[nf++] = (int32_t)id;
				break;
			}
		}
	}
	while (nf > 0 && k < max)
		out[k++] = found[--nf];
	return k;
}

uint32_t
rt_edge_find(const struct rules *r, uint32_t parent, uint32_t word)
{
	size_t i;

	if (r->edges == NULL)
		return 0;
	for (i = hash_edge(parent, word) & r->emask; r->edges[i].child;
	    i = (i + 1) & r->emask) {
		if (r->edges[i].parent == parent && r->edges[i].word == word)
			return r->edges[i].child;
	}
	return 0;
}

static int
edge_rehash(struct rules *r, size_t slots)
{
	struct redge *ne = calloc(slots, sizeof(*ne));

	if (ne == NULL)
		return -1;
	for (size_t j = 0; r->edges && j <= r->emask; j++) {
		struct redge *ed = &r->edges[j];
		size_t i;

		if (ed->child == 0)
			continue;
		i = hash_edge(ed->parent, ed->word) & (slots - 1);
		while (ne[i].child)
			i = (i + 1) & (slots - 1);
		ne[i] = *ed;
	}
	free(r->edges);
	r->edges = ne;
	r->emask = slots - 1;
	return 0;
}

int
rt_node_new(struct rules *r, uint32_t *out)
{
	int32_t *nf = mem_grow(r->node_first, r->nnodes, &r->nodes_cap,
	    sizeof(*nf), 1024);

	if (nf == NULL)
		return -1;
	r->node_first = nf;
	nf[r->nnodes] = -1;
	*out = (uint32_t)r->nnodes++;
	return 0;
}

/* edge_child - the child of parent by word, created if missing */
static int
edge_child(struct rules *r, uint32_t parent, uint32_t word, uint32_t *out)
{
	size_t i;

	if ((*out = rt_edge_find(r, parent, word)) != 0)
		return 0;
	if (r->edges == NULL || (r->nedges + 1) * 2 > r->emask + 1) {
		if (edge_rehash(r, r->edges ? (r->emask + 1) * 2 : 512) < 0)
			return -1;
	}
	if (rt_node_new(r, out) < 0)
		return -1;
	i = hash_edge(parent, word) & r->emask;
	while (r->edges[i].child)
		i = (i + 1) & r->emask;
	r->edges[i].parent = parent;
	r->edges[i].word = word;
	r->edges[i].child = *out;
	r->nedges++;
	return 0;
}

struct rtag *
rt_tag_find(const struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->ntags; i++)
		if (strcmp(r->tags[i].name, name) == 0)
			return &r->tags[i];
	return NULL;
}

/* tag_add - the tag called name, added if new; NULL on ENOMEM */
struct rtag *
rt_tag_add(struct rules *r, const char *name)
{
	struct rtag *t = rt_tag_find(r, name), *nt;

	if (t != NULL)
		return t;
	nt = realloc(r->tags, (r->ntags + 1) * sizeof(*nt));
	if (nt == NULL)
		return NULL;
	r->tags = nt;
	t = &r->tags[r->ntags];
	t->name = xstrdup(name);
	t->against = calloc(1, sizeof(*t->against));
	t->nagainst = 0;
	if (t->name == NULL || t->against == NULL) {
		free(t->name);
		free(t->against);
		return NULL;
	}
	r->ntags++;
	return t;
}

int
rt_tag_add_against(struct rtag *t, const char *key)
{
	char **na;

	for (size_t i = 0; i < t->nagainst; i++)
		if (strcmp(t->against[i], key) == 0)
			return 0;
	na = realloc(t->against, (t->nagainst + 2) * sizeof(*na));
	if (na == NULL)
		return -1;
	t->against = na;
	if ((na[t->nagainst] = xstrdup(key)) == NULL)
		return -1;
	na[++t->nagainst] = NULL;
	return 0;
}

/*
 * rt_word_fault - what is wrong with w, the nth word of a phrase (stem: it
 * ends in '*'): 2 too long, 3 one word too many, 4 a stem too short, or 0.
 */
int
rt_word_fault(const struct rules_word *w, bool stem, size_t n)
{
	if (w->overflow || (stem && w->flen + 1 > RULES_MAX_WORD))
		return 2;
	if (n > RULES_MAX_WORDS)
		return 3;
	if (stem && w->flen < RULES_MIN_STEM)
		return 4;
	return 0;
}

/*
 * add_phrase - put the words of phrase in the trie under (kind, name).
 * Returns 0, -1 on ENOMEM, or a positive rules_word error code.
 */
int
rt_add_phrase(struct rules *r, enum rules_kind kind, const char *name,
    const char *phrase)
{
	struct rules_word w;
	size_t pos = 0, len = strlen(phrase), nw = 0;
	uint32_t node = 0;
	struct rentry *ne;
	int32_t *link;

	while (rules_word_next(phrase, len, &pos, &w)) {
		int32_t id;
		bool stem = w.end < len && phrase[w.end] == '*';
		int bad = rt_word_fault(&w, stem, ++nw);

		if (bad != 0)
			return bad;
		if (stem) {
			w.folded[w.flen++] = '*';
			w.folded[w.flen] = '\0';
			stem_note(r, w.folded, w.flen - 1);
		}
		if ((id = word_intern(r, w.folded, w.flen)) < 0)
			return -1;
		if (edge_child(r, node, (uint32_t)id, &node) < 0)
			return -1;
	}
	if (nw == 0)
		return 1;
	/* a phrase listed twice in one section (e.g. two apostrophes) counts once */
	for (link = &r->node_first[node]; *link >= 0;
	    link = &r->entries[*link].next) {
		struct rentry *en = &r->entries[*link];

		if (en->kind == kind && strcmp(en->name, name) == 0)
			return 0;
	}
	ne = mem_grow(r->entries, r->nentries, &r->entries_cap, sizeof(*ne),
	    1024);
	if (ne == NULL)
		return -1;
	r->entries = ne;
	ne = &r->entries[r->nentries];
	ne->kind = kind;
	ne->name = name;
	ne->next = -1;
	if ((ne->phrase = xstrdup(phrase)) == NULL)
		return -1;
	/* link may point into the old entries array: walk again */
	for (link = &r->node_first[node]; *link >= 0;
	    link = &r->entries[*link].next)
		;
	*link = (int32_t)r->nentries++;
	if (nw > r->max_depth)
		r->max_depth = nw;
	return 0;
}
