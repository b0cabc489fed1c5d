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
 *	A text word that is no phrase word as written and stretches a
 *	letter to three or more ("graciasss", "merciii", "sooo", "Daaanke",
 *	"thanksss", as people type on a phone) stands also for the word
 *	with each such run written twice, or else once ("good" of
 *	"goooood", "gracias" of "graciasss"), after the stems it matches
 *	as written; a word that is a phrase word as written is only that.
 *
 *	The struct rules is immutable after loading and may be shared
 *	between threads; each scan keeps its state on the stack.
 *
 *	This file scans and answers about loaded rules; rules_load.c reads a
 *	rules file, rules_trie.c holds the tables both of them use.
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
#include "rules_trie_int.h"

#define RULES_RING	32		/* words kept while scanning (> MAX_WORDS) */
#define RULES_ALT	3		/* ids one text word may stand for: its own,
					 * then stems, longest first */
#define RULES_FRONT	8		/* trie nodes followed at once */

static const char *const no_values[] = { NULL };

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

/* One word of the text being scanned. */
struct scan_word {
	size_t start, end;
	int32_t id[RULES_ALT];	/* its own id, then stems; none: in no phrase */
	unsigned nid;
};

#define RULES_STRETCH	3		/* a letter written this often or more is
					 * a stretched word ("thanksss") */

/* unstretch - w[0, n) with every run of RULES_STRETCH or more of one
 * letter written `keep` times, into out (n + 1 bytes); its length, or 0
 * when w has no such run */
static size_t
unstretch(const char *w, size_t n, size_t keep, char *out)
{
	size_t o = 0;
	bool stretched = false;

	for (size_t i = 0; i < n;) {
		size_t run = 1;

		while (i + run < n && w[i + run] == w[i])
			run++;
		if (run >= RULES_STRETCH && w[i] >= 'a' && w[i] <= 'z') {
			stretched = true;
			memset(out + o, w[i], keep);
			o += keep;
		} else {
			memcpy(out + o, w + i, run);
			o += run;
		}
		i += run;
	}
	out[o] = '\0';
	return stretched ? o : 0;
}

/* stretched - w[0, n) writes one letter RULES_STRETCH times in a row */
static bool
stretched(const char *w, size_t n)
{
	for (size_t i = 2; i < n; i++)
		if (w[i] == w[i - 1] && w[i] == w[i - 2] && w[i] >= 'a' &&
		    w[i] <= 'z')
			return true;
	return false;
}

/* stretched_ids - the ids of a stretched word ("graciasss") written with
 * its runs twice, else once, after the have ids it has as written (a
 * stem's: "thank*" of "thanksss"), each once; at most max in all, the
 * new count returned */
static unsigned
stretched_ids(const struct rules *r, const char *w, size_t n, int32_t *ids,
    unsigned have, unsigned max)
{
	char buf[RULES_MAX_WORD + 4];

	for (size_t keep = 2; keep >= 1 && have < max; keep--) {
		size_t len = unstretch(w, n, keep, buf);
		int32_t found[RULES_ALT];
		unsigned k = 0, before = have;

		if (len == 0)
			break;	/* no run of three: a plain word */
		if ((found[0] = rt_word_find(r, buf, len)) >= 0)
			k++;
		k += rt_stem_ids(r, buf, len, found + k, RULES_ALT - k);
		for (unsigned i = 0; i < k && have < max; i++) {
			bool dup = false;

			for (unsigned j = 0; j < have; j++)
				dup = dup || ids[j] == found[i];
			if (!dup)
				ids[have++] = found[i];
		}
		if (have > before)
			break;
	}
	return have;
}

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
			if ((id = rt_word_find(r, w.folded, w.flen)) >= 0)
				sw->id[sw->nid++] = id;
			sw->nid += rt_stem_ids(r, w.folded, w.flen, sw->id + sw->nid,
			    RULES_ALT - sw->nid);
			if (id < 0 && stretched(w.folded, w.flen))	/* "graciasss" */
				sw->nid = stretched_ids(r, w.folded, w.flen,
				    sw->id, sw->nid, RULES_ALT);
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
				uint32_t child = rt_edge_find(r, front[0],
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
					uint32_t child = rt_edge_find(r, front[f],
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
	const struct rtag *t = r && tag ? rt_tag_find(r, tag) : NULL;

	return t ? (const char *const *)t->against : no_values;
}
