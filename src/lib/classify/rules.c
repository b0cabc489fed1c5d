/*
 * rules - load the phrase rules (conf/rules.conf) and find them in text.
 *
 * SYNOPSIS
 *	#include "classify/rules.h"
 *
 *	r = rules_load_file(path, &e);
 *	rules_scan(r, text, len, fn, ctx);
 *	rules_free(r);
 *
 * DESCRIPTION
 *	A rules file is line oriented: section headers ([tag NAME],
 *	[enquiry], [referral], [introduction], [autoreply], [not NAME],
 *	[weak NAME], [aim], [against KEY]), each but [against] optionally followed by a
 *	two-letter language ("[tag praise de]"), one phrase per line below
 *	them, '#' comments and blank lines.  Sections of a language the
 *	caller did not ask for are checked but not loaded.  The format itself
 *	is documented at the top of conf/rules.conf.
 *
 *	Loading turns every phrase into a sequence of folded words (see
 *	rules_word.c) and builds a trie whose edges are words: a hash of
 *	(node, word id) -> child node.  Scanning folds the text into words
 *	once, looks each word up in the word hash, and from every word walks
 *	the trie at most RULES_MAX_WORDS steps, so the cost is linear in the
 *	length of the text and independent of the number of phrases.  Words
 *	live in a small ring, so a scan allocates nothing.
 *
 *	A phrase word written with a trailing '*' ("empfehl*") is a stem:
 *	it matches every word that begins with it.  A stem is kept in the
 *	word table as "empfehl*"; a text word is looked up as itself and,
 *	when a filter on its first three bytes lets it through, as each of
 *	its prefixes whose length some stem has (one pass computes every
 *	prefix's hash).  A word may thus stand for up to RULES_ALT words, and
 *	the trie walk follows at most RULES_FRONT nodes at once, so the cost
 *	stays linear in the text.
 *
 *	The struct rules is immutable after loading and may be shared
 *	between threads; each scan keeps its state on the stack.
 *
 * OWNS
 *	The struct rules and every string in it; rules_free releases them.
 *
 * NEVER
 *	Keeps global state, or allocates while scanning.
 *
 * DIAGNOSTICS
 *	Load errors read "FILE:LINE: reason" (unknown section, phrase outside
 *	a section, a phrase with no words, too many or too long words, an
 *	overlong line, invalid UTF-8, a bad tag or value name, an [against]
 *	entry naming a tag that does not exist).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/rules.h"
#include "rules_int.h"

#define RULES_MAX_LINE	512		/* bytes per line, without the newline */
#define RULES_MAX_NAME	32		/* bytes of a tag or value name */
#define RULES_MAX_FILE	(4u * 1024 * 1024)	/* bytes of a rules file */
#define RULES_RING	32		/* words kept while scanning (> MAX_WORDS) */
#define RULES_MIN_STEM	3		/* bytes of a stem before its '*' */
#define RULES_ALT	3		/* ids one text word may stand for: its own,
					 * then stems, longest first */
#define RULES_FRONT	8		/* trie nodes followed at once */
#define RULES_BLOOM	4096		/* bits of the stem-start filter */
#define RULES_MAX_OWN_AIM 16		/* names with an [aim NAME] of their own */

static const char *const builtin_tags[] = {
	"enquiry", "referrer", "referred", "praise", "complaint", "rude",
	"haggler", "slow-payer",
};

static const char *const no_values[] = { NULL };

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
	uint32_t *wslot;	/* word hash: id + 1, or 0 */
	size_t wmask;		/* slots - 1 */

	struct redge *edges;	/* edge hash */
	size_t nedges;
	size_t emask;

	int32_t *node_first;	/* first entry per node, -1 if none */
	size_t nnodes;

	struct rentry *entries;
	size_t nentries;

	size_t max_depth;	/* most words of any phrase */

	/* stems ("empfehl*") are words "empfehl*" in the word table */
	uint64_t stem_lens;	/* bit p: some stem is p bytes long */
	uint64_t stem_bloom[RULES_BLOOM / 64];	/* first three bytes seen */
	uint64_t stem_len_bloom[RULES_BLOOM / 64];	/* ... with a length */

	const char *own_aim[RULES_MAX_OWN_AIM];	/* names with an [aim NAME];
						 * borrowed from tags or literals */
	size_t nown_aim;
};

/* Pending [against KEY] line, checked once every tag is known. */
struct against_line {
	char *key;
	char *tag;
	size_t line;
};

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
static int32_t
word_find(const struct rules *r, const char *w, size_t n)
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
	int32_t id = word_find(r, w, n);
	char **nw;
	size_t *nl, slot;
	char *copy;

	if (id >= 0)
		return id;
	if ((r->nwords + 1) * 2 > r->wmask + 1 || r->wslot == NULL) {
		if (word_rehash(r, r->wslot ? (r->wmask + 1) * 2 : 256) < 0)
			return -1;
	}
	nw = realloc(r->words, (r->nwords + 1) * sizeof(*nw));
	if (nw == NULL)
		return -1;
	r->words = nw;
	nl = realloc(r->wordlen, (r->nwords + 1) * sizeof(*nl));
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
static unsigned
stem_ids(const struct rules *r, const char *w, size_t n, int32_t *out,
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

static uint32_t
edge_find(const struct rules *r, uint32_t parent, uint32_t word)
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

static int
node_new(struct rules *r, uint32_t *out)
{
	int32_t *nf = realloc(r->node_first, (r->nnodes + 1) * sizeof(*nf));

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

	if ((*out = edge_find(r, parent, word)) != 0)
		return 0;
	if (r->edges == NULL || (r->nedges + 1) * 2 > r->emask + 1) {
		if (edge_rehash(r, r->edges ? (r->emask + 1) * 2 : 512) < 0)
			return -1;
	}
	if (node_new(r, out) < 0)
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

static struct rtag *
tag_find(const struct rules *r, const char *name)
{
	for (size_t i = 0; i < r->ntags; i++)
		if (strcmp(r->tags[i].name, name) == 0)
			return &r->tags[i];
	return NULL;
}

/* tag_add - the tag called name, added if new; NULL on ENOMEM */
static struct rtag *
tag_add(struct rules *r, const char *name)
{
	struct rtag *t = tag_find(r, name), *nt;

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

static int
tag_add_against(struct rtag *t, const char *key)
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
 * add_phrase - put the words of phrase in the trie under (kind, name).
 * Returns 0, -1 on ENOMEM, or a positive rules_word error code.
 */
static int
add_phrase(struct rules *r, enum rules_kind kind, const char *name,
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

		if (w.overflow || (stem && w.flen + 1 > RULES_MAX_WORD))
			return 2;
		if (++nw > RULES_MAX_WORDS)
			return 3;
		if (stem && w.flen < RULES_MIN_STEM)
			return 4;
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
	ne = realloc(r->entries, (r->nentries + 1) * sizeof(*ne));
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

/* name_valid - a tag or value key: [a-z][a-z0-9-]*, at most RULES_MAX_NAME */
static bool
name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > RULES_MAX_NAME || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

/* Where the lines being read go. */
struct section {
	enum { SEC_NONE, SEC_PHRASES, SEC_AGAINST } type;
	enum rules_kind kind;
	const char *name;	/* tag name (borrowed from rules) or section name */
	char key[RULES_MAX_NAME + 1];	/* [against KEY] */
	bool skip;		/* a language the configuration leaves out */
};

/* lang_code - a language suffix: two lower-case ASCII letters */
static bool
lang_code(const char *s)
{
	return s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' &&
	    s[2] == '\0';
}

/* lang_wanted - code is in langs (codes separated by blanks or commas) */
static bool
lang_wanted(const char *langs, const char *code)
{
	if (langs == NULL)
		return true;
	for (const char *p = langs; *p != '\0';) {
		size_t n = strcspn(p, " \t,");

		if (n == 2 && p[0] == code[0] && p[1] == code[1])
			return true;
		p += n;
		p += strspn(p, " \t,");
	}
	return false;
}

/*
 * split_lang - cut a trailing language code off a header's argument: "praise
 * de" gives "praise" and "de", "fr" alone gives "" and "fr".  *lang is ""
 * when there is none.
 */
static void
split_lang(char *arg, char lang[3])
{
	char *sp;

	lang[0] = '\0';
	if (arg == NULL)
		return;
	sp = strrchr(arg, ' ');
	if (sp == NULL)
		sp = strrchr(arg, '\t');
	if (sp != NULL && lang_code(str_trim(sp + 1))) {
		memcpy(lang, str_trim(sp + 1), 3);
		*sp = '\0';
		str_trim(arg);
	} else if (sp == NULL && lang_code(arg)) {
		memcpy(lang, arg, 3);
		arg[0] = '\0';
	}
}

/* parse_header - read "[...]" (brackets included) into sec; -1 with e set */
static int
parse_header(struct rules *r, char *line, struct section *sec,
    const char *langs, const char *file, size_t lineno, struct err *e)
{
	size_t n = strlen(line);
	char *word, *arg, *sp, lang[3];
	struct rtag *t;

	if (n < 2 || line[n - 1] != ']')
		return err_set(e, "%s:%zu: malformed section header", file, lineno);
	line[n - 1] = '\0';
	word = str_trim(line + 1);
	arg = NULL;
	if ((sp = strpbrk(word, " \t")) != NULL) {
		*sp = '\0';
		arg = str_trim(sp + 1);
	}
	if (strcmp(word, "against") != 0)
		split_lang(arg, lang);
	else
		lang[0] = '\0';
	sec->skip = lang[0] != '\0' && !lang_wanted(langs, lang);
	if (strcmp(word, "weak") == 0) {
		/* [weak TAG|referral|introduction]: needs an [aim] nearby */
		if (arg == NULL || *arg == '\0')
			return err_set(e, "%s:%zu: [weak] needs a tag, referral "
			    "or introduction", file, lineno);
		sec->type = SEC_PHRASES;
		sec->kind = RULES_WEAK;
		if (strcmp(arg, "referral") == 0 ||
		    strcmp(arg, "introduction") == 0) {
			sec->name = arg[0] == 'r' ? "referral" : "introduction";
			return 0;
		}
		if ((t = tag_find(r, arg)) == NULL)
			return err_set(e, "%s:%zu: [weak %s] names no known tag "
			    "(declare it with [tag %s] first)", file, lineno,
			    arg, arg);
		sec->name = t->name;
		return 0;
	}
	if (strcmp(word, "aim") == 0) {
		/* [aim]: for every weak phrase; [aim NAME]: for NAME's alone */
		sec->type = SEC_PHRASES;
		sec->kind = RULES_AIM;
		sec->name = "aim";
		if (arg == NULL || *arg == '\0')
			return 0;
		if (strcmp(arg, "referral") == 0 ||
		    strcmp(arg, "introduction") == 0)
			sec->name = arg[0] == 'r' ? "referral" : "introduction";
		else if (strcmp(arg, "work") == 0 ||
		    strcmp(arg, "request") == 0 ||
		    strcmp(arg, "contrast") == 0) {
			/* classify.c's own: the owner's work and asking for
			 * new work tell a complaint from an enquiry's
			 * problem; a contrast ("but") lets the judgement
			 * after it win */
			sec->name = arg[0] == 'w' ? "work" :
			    arg[0] == 'r' ? "request" : "contrast";
			return 0;
		} else if ((t = tag_find(r, arg)) != NULL)
			sec->name = t->name;
		else
			return err_set(e, "%s:%zu: [aim %s] names no known tag "
			    "(declare it with [tag %s] first)", file, lineno,
			    arg, arg);
		if (sec->skip)
			return 0;
		for (size_t i = 0; i < r->nown_aim; i++)
			if (strcmp(r->own_aim[i], sec->name) == 0)
				return 0;
		if (r->nown_aim == RULES_MAX_OWN_AIM)
			return err_set(e, "%s:%zu: more than %d [aim NAME] names",
			    file, lineno, RULES_MAX_OWN_AIM);
		r->own_aim[r->nown_aim++] = sec->name;
		return 0;
	}
	if (strcmp(word, "not") == 0) {
		/* [not TAG|referral|introduction|autoreply]: exceptions */
		if (arg == NULL || *arg == '\0')
			return err_set(e, "%s:%zu: [not] needs a tag or a section "
			    "name", file, lineno);
		sec->type = SEC_PHRASES;
		sec->kind = RULES_EXCEPT;
		if (strcmp(arg, "referral") == 0 ||
		    strcmp(arg, "introduction") == 0 ||
		    strcmp(arg, "autoreply") == 0) {
			sec->name = arg[0] == 'r' ? "referral" : arg[0] == 'i' ?
			    "introduction" : "autoreply";
			return 0;
		}
		if ((t = tag_find(r, arg)) == NULL)
			return err_set(e, "%s:%zu: [not %s] names no known tag "
			    "(declare it with [tag %s] first)", file, lineno,
			    arg, arg);
		sec->name = t->name;
		return 0;
	}
	if (strcmp(word, "tag") == 0 || strcmp(word, "against") == 0) {
		if (arg == NULL || *arg == '\0' || !name_valid(arg))
			return err_set(e, "%s:%zu: bad %s name '%s' (lower-case "
			    "letters, digits and '-', at most %d bytes)", file,
			    lineno, strcmp(word, "tag") == 0 ? "tag" : "value",
			    arg ? arg : "", RULES_MAX_NAME);
		if (word[0] == 'a') {
			sec->type = SEC_AGAINST;
			memcpy(sec->key, arg, strlen(arg) + 1);
			return 0;
		}
		if ((t = tag_add(r, arg)) == NULL)
			return err_set(e, "%s:%zu: out of memory", file, lineno);
		sec->type = SEC_PHRASES;
		sec->kind = RULES_TAG;
		sec->name = t->name;
		return 0;
	}
	if (arg != NULL && *arg != '\0')
		return err_set(e, "%s:%zu: unknown section [%s %s]", file, lineno,
		    word, arg);
	sec->type = SEC_PHRASES;
	if (strcmp(word, "enquiry") == 0) {
		sec->kind = RULES_TAG;
		sec->name = tag_find(r, "enquiry")->name;
	} else if (strcmp(word, "referral") == 0) {
		sec->kind = RULES_REFERRAL;
		sec->name = "referral";
	} else if (strcmp(word, "introduction") == 0) {
		sec->kind = RULES_INTRODUCTION;
		sec->name = "introduction";
	} else if (strcmp(word, "autoreply") == 0) {
		sec->kind = RULES_AUTOREPLY;
		sec->name = "autoreply";
	} else {
		return err_set(e, "%s:%zu: unknown section [%s]", file, lineno,
		    word);
	}
	return 0;
}

/* check_phrase - the errors add_phrase would find, without adding */
static int
check_phrase(const char *phrase)
{
	struct rules_word w;
	size_t pos = 0, len = strlen(phrase), nw = 0;

	while (rules_word_next(phrase, len, &pos, &w)) {
		bool stem = w.end < len && phrase[w.end] == '*';

		if (w.overflow || (stem && w.flen + 1 > RULES_MAX_WORD))
			return 2;
		if (++nw > RULES_MAX_WORDS)
			return 3;
		if (stem && w.flen < RULES_MIN_STEM)
			return 4;
	}
	return nw == 0 ? 1 : 0;
}

static int
parse_phrase(struct rules *r, const struct section *sec, const char *line,
    const char *file, size_t lineno, struct err *e)
{
	switch (sec->skip ? check_phrase(line) :
	    add_phrase(r, sec->kind, sec->name, line)) {
	case 0:
		return 0;
	case 1:
		return err_set(e, "%s:%zu: empty phrase (no words in '%s')",
		    file, lineno, line);
	case 2:
		return err_set(e, "%s:%zu: a word longer than %d bytes", file,
		    lineno, RULES_MAX_WORD);
	case 3:
		return err_set(e, "%s:%zu: phrase has more than %d words", file,
		    lineno, RULES_MAX_WORDS);
	case 4:
		return err_set(e, "%s:%zu: a stem needs at least %d letters "
		    "before its '*'", file, lineno, RULES_MIN_STEM);
	default:
		return err_set(e, "%s:%zu: out of memory", file, lineno);
	}
}

static void
against_free(struct against_line *al, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(al[i].key);
		free(al[i].tag);
	}
	free(al);
}

/* parse_lines - read every line of text into r; -1 with e set */
static int
parse_lines(struct rules *r, const char *file, const char *text, size_t len,
    const char *langs, struct against_line **alp, size_t *nalp,
    struct err *e)
{
	struct section sec = { .type = SEC_NONE };
	char line[RULES_MAX_LINE + 1];
	size_t pos = 0, lineno = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
		char *hash, *s;

		lineno++;
		if (n > 0 && text[end - 1] == '\r')
			n--;
		if (n > RULES_MAX_LINE)
			return err_set(e, "%s:%zu: line longer than %d bytes",
			    file, lineno, RULES_MAX_LINE);
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos = end + 1;
		if (memchr(line, '\0', n) != NULL || !utf8_valid(line, n))
			return err_set(e, "%s:%zu: invalid UTF-8", file, lineno);
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		s = str_trim(line);
		if (*s == '\0')
			continue;
		if (*s == '[') {
			if (parse_header(r, s, &sec, langs, file, lineno, e) < 0)
				return -1;
			continue;
		}
		if (sec.type == SEC_NONE)
			return err_set(e, "%s:%zu: phrase outside a section",
			    file, lineno);
		if (sec.type == SEC_PHRASES) {
			if (parse_phrase(r, &sec, s, file, lineno, e) < 0)
				return -1;
			continue;
		}
		/* SEC_AGAINST: one tag per line, checked at the end */
		if (!name_valid(s))
			return err_set(e, "%s:%zu: bad tag name '%s'", file,
			    lineno, s);
		struct against_line *na = realloc(*alp, (*nalp + 1) * sizeof(*na));

		if (na == NULL)
			return err_set(e, "%s:%zu: out of memory", file, lineno);
		*alp = na;
		na[*nalp].key = xstrdup(sec.key);
		na[*nalp].tag = xstrdup(s);
		na[*nalp].line = lineno;
		(*nalp)++;
		if (na[*nalp - 1].key == NULL || na[*nalp - 1].tag == NULL)
			return err_set(e, "%s:%zu: out of memory", file, lineno);
	}
	return 0;
}

struct rules *
rules_load_string(const char *name, const char *text, size_t len,
    struct err *e)
{
	return rules_load_string_langs(name, text, len, NULL, e);
}

struct rules *
rules_load_string_langs(const char *name, const char *text, size_t len,
    const char *langs, struct err *e)
{
	struct rules *r = calloc(1, sizeof(*r));
	struct against_line *al = NULL;
	size_t nal = 0;
	uint32_t root;

	if (name == NULL)
		name = "(rules)";
	if (r == NULL || node_new(r, &root) < 0) {
		err_set(e, "%s: out of memory", name);
		goto fail;
	}
	for (size_t i = 0; i < sizeof(builtin_tags) / sizeof(builtin_tags[0]); i++) {
		if (tag_add(r, builtin_tags[i]) == NULL) {
			err_set(e, "%s: out of memory", name);
			goto fail;
		}
	}
	if (parse_lines(r, name, text, len, langs, &al, &nal, e) < 0)
		goto fail;
	for (size_t i = 0; i < nal; i++) {
		struct rtag *t = tag_find(r, al[i].tag);

		if (t == NULL) {
			err_set(e, "%s:%zu: unknown tag '%s' in [against %s]",
			    name, al[i].line, al[i].tag, al[i].key);
			goto fail;
		}
		if (tag_add_against(t, al[i].key) < 0) {
			err_set(e, "%s: out of memory", name);
			goto fail;
		}
	}
	against_free(al, nal);
	return r;
fail:
	against_free(al, nal);
	rules_free(r);
	return NULL;
}

struct rules *
rules_load_file(const char *path, struct err *e)
{
	return rules_load_file_langs(path, NULL, e);
}

struct rules *
rules_load_file_langs(const char *path, const char *langs, struct err *e)
{
	FILE *fp = fopen(path, "rb");
	struct rules *r = NULL;
	char *data = NULL;
	size_t n;

	if (fp == NULL) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((data = malloc(RULES_MAX_FILE + 1)) == NULL) {
		err_set(e, "%s: out of memory", path);
		goto out;
	}
	n = fread(data, 1, RULES_MAX_FILE + 1, fp);
	if (ferror(fp)) {
		err_set(e, "%s: read error", path);
		goto out;
	}
	if (n > RULES_MAX_FILE) {
		err_set(e, "%s: file larger than %u bytes", path, RULES_MAX_FILE);
		goto out;
	}
	r = rules_load_string_langs(path, data, n, langs, e);
out:
	free(data);
	fclose(fp);
	return r;
}

/* The shipped rules: conf/rules.conf as C string literals, one per line. */
static const char rules_default_text[] =
#include "rules_default.inc"
    ;

struct rules *
rules_default(struct err *e)
{
	return rules_default_langs(NULL, e);
}

struct rules *
rules_default_langs(const char *langs, struct err *e)
{
	return rules_load_string_langs("rules.conf (built in)",
	    rules_default_text, sizeof(rules_default_text) - 1, langs, e);
}

void
rules_free(struct rules *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->ntags; i++) {
		for (size_t j = 0; j < r->tags[i].nagainst; j++)
			free(r->tags[i].against[j]);
		free(r->tags[i].against);
		free(r->tags[i].name);
	}
	free(r->tags);
	for (size_t i = 0; i < r->nwords; i++)
		free(r->words[i]);
	free(r->words);
	free(r->wordlen);
	free(r->wslot);
	free(r->edges);
	free(r->node_first);
	for (size_t i = 0; i < r->nentries; i++)
		free(r->entries[i].phrase);
	free(r->entries);
	free(r);
}

/* One word of the text being scanned. */
struct scan_word {
	size_t start, end;
	int32_t id[RULES_ALT];	/* its own id, then stems; none: in no phrase */
	unsigned nid;
};

/* report - every phrase that ends at node, from word `from` to word `to` */
static void
report(const struct rules *r, uint32_t node, const struct scan_word *from,
    const struct scan_word *to, rules_match_fn fn, void *ctx)
{
	for (int32_t k = r->node_first[node]; k >= 0; k = r->entries[k].next) {
		struct rules_match m = {
			.kind = r->entries[k].kind,
			.name = r->entries[k].name,
			.phrase = r->entries[k].phrase,
			.start = from->start,
			.end = to->end,
		};

		fn(ctx, &m);
	}
}

void
rules_scan(const struct rules *r, const char *text, size_t len,
    rules_match_fn fn, void *ctx)
{
	struct scan_word ring[RULES_RING];
	struct rules_word w;
	size_t have = 0, pos = 0, depth;
	bool more = true;

	if (r == NULL || text == NULL || r->max_depth == 0)
		return;
	depth = r->max_depth;
	for (size_t i = 0;; i++) {
		uint32_t front[RULES_FRONT], next[RULES_FRONT];
		size_t nf = 1;

		/* keep the words i .. i + depth - 1 in the ring */
		while (more && have < i + depth) {
			struct scan_word *sw = &ring[have % RULES_RING];
			int32_t id;

			if (!(more = rules_word_next(text, len, &pos, &w)))
				break;
			sw->start = w.start;
			sw->end = w.end;
			sw->nid = 0;
			if (w.overflow) {
				have++;
				continue;
			}
			if ((id = word_find(r, w.folded, w.flen)) >= 0)
				sw->id[sw->nid++] = id;
			sw->nid += stem_ids(r, w.folded, w.flen, sw->id + sw->nid,
			    RULES_ALT - sw->nid);
			have++;
		}
		if (i >= have)
			break;
		/*
		 * Follow the trie from word i; a word that is also a stem's
		 * may lead to several nodes, at most RULES_FRONT of them, so
		 * the work per word stays bounded.
		 */
		front[0] = 0;
		for (size_t j = i; j < have && j < i + depth && nf > 0; j++) {
			const struct scan_word *sw = &ring[j % RULES_RING];
			size_t nn = 0;

			if (sw->nid == 0)
				break;
			if (nf == 1 && sw->nid == 1) {	/* the common case */
				uint32_t child = edge_find(r, front[0],
				    (uint32_t)sw->id[0]);

				if (child == 0)
					break;
				if (r->node_first[child] >= 0)
					report(r, child, &ring[i % RULES_RING], sw,
					    fn, ctx);
				front[0] = child;
				continue;
			}

			for (size_t f = 0; f < nf; f++) {
				for (unsigned a = 0; a < sw->nid; a++) {
					uint32_t child = edge_find(r, front[f],
					    (uint32_t)sw->id[a]);

					if (child == 0 || nn == RULES_FRONT)
						continue;
					next[nn++] = child;
					if (r->node_first[child] < 0)
						continue;
					report(r, child, &ring[i % RULES_RING], sw,
					    fn, ctx);
				}
			}
			memcpy(front, next, nn * sizeof(*front));
			nf = nn;
		}
	}
}

bool
rules_aim_own(const struct rules *r, const char *name)
{
	for (size_t i = 0; r && name && i < r->nown_aim; i++)
		if (strcmp(r->own_aim[i], name) == 0)
			return true;
	return false;
}

size_t
rules_tag_count(const struct rules *r)
{
	return r ? r->ntags : 0;
}

const char *
rules_tag_name(const struct rules *r, size_t i)
{
	return r && i < r->ntags ? r->tags[i].name : NULL;
}

const char *const *
rules_values_against(const struct rules *r, const char *tag)
{
	const struct rtag *t = r && tag ? tag_find(r, tag) : NULL;

	return t ? (const char *const *)t->against : no_values;
}
