/*
 * rules_load - read a rules file (conf/rules.conf) into a struct rules.
 *
 * DESCRIPTION
 *	Line by line: section headers ([tag NAME], [enquiry], [referral],
 *	[introduction], [autoreply], [announce], [not NAME], [weak NAME], [aim NAME],
 *	[outcome NAME], [against KEY]) with an optional two-letter language,
 *	one phrase per line, '#' comments and blank lines.  Sections of a language the
 *	caller did not ask for are checked but not loaded.  [against] lines
 *	are resolved once every tag is known.
 *
 * OWNS
 *	The struct rules it returns, until the caller's rules_free.
 *
 * NEVER
 *	Keeps a partial struct rules: any error frees it and says
 *	"FILE:LINE: reason".
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/rules.h"
#include "rules_int.h"
#include "rules_trie_int.h"

#define RULES_MAX_LINE	512		/* bytes per line, without the newline */
#define RULES_MAX_NAME	32		/* bytes of a tag or value name */
#define RULES_MAX_FILE	(4u * 1024 * 1024)	/* bytes of a rules file */

static const char *const builtin_tags[] = {
	"enquiry", "referrer", "referred", "praise", "complaint", "rude",
	"haggler", "slow-payer",
};

/* Pending [against KEY] line, checked once every tag is known. */
struct against_line {
	char *key;
	char *tag;
	size_t line;
};

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


/*
 * own_aim - classify_tags.c's own [aim NAME] sections, as a static name,
 * or NULL: the owner's work and asking for new work tell a complaint from
 * an enquiry's problem; a contrast ("but") lets the judgement after it
 * win; a negation just before a judgement denies it; asking how or where
 * to complain is no complaint; a former or other supplier's praise is not
 * the owner's; irony ("again", "schon wieder") turns praise that opens a
 * sentence; clearing the owner ("not your fault") and reporting another's
 * words ("Fran reckons") make a judgement somebody else's; owning up to
 * a late payment ("I forgot", "sorry for the delay") makes a payment word
 * beside it, in its sentence or the next, a slow payer's; a bare
 * exclamation ("Oh brilliant") is weighed for irony only, a trouble
 * called small ("a little") keeps one from mocking and a word of
 * putting right asked for ("come and fix it") lets one mock; the sender's
 * own person of a trade ("our vet") is praised, not the owner; a figure
 * the sender proposes, a bill, a debt owned, a later moment to pay and a
 * clause tying a payment to a later event ("when I") are
 * classify_money.c's and classify_defer.c's, a verb that sets a price
 * ("leave it at", "dejaríais en") classify_bid.c's; accepting what the
 * owner offered ("we accept") is classify_taken.c's; owning up ("I
 * know", "désolé") classify_blame.c's; delight, superlatives and more
 * work sent ("Qué maravilla", "the best we've ever had")
 * classify_acclaim.c's; past forms no ending shows ("went", "kam")
 * classify_tense.c's; the owner sent away and scorned ("keep your", "the
 * arrogance") or jeered ("Vaya empresa de pacotilla") classify_dismiss.c's;
 * the virtues a cheer hails in a sneer ("bravo le professionnalisme")
 * classify_virtue.c's; the owner's work finding a defect ("you
 * spotted", "vous avez repéré") classify_found.c's; the signs of an
 * out-of-office with no header ("not checking emails", "in dringenden
 * Fällen") classify_away.c's; a novice who would do better ("a child",
 * "better") and the lesser alternative of a question ("or just some")
 * classify_scorn.c's; the owner's work back with the sender ("has come
 * back with", "zurückbekommen") and a complaint lodged in so many words
 * ("reklamieren") classify_finished.c's.
 */
static const char *
own_aim(const char *arg)
{
	static const char *const names[] = {
		"work", "request", "contrast", "negation", "ask", "other",
		"irony", "exonerate", "report", "owed", "exclaim", "party", "cost",
		"if", "household", "own-job",	/* classify_intro */
		"counter", "rival", "bill", "debt", "when", "firm", "until",
		"month", "deal", "wait",	/* classify_money, _defer */
		"copula", "slot", "lasting",	/* classify_results */
		"favour",	/* classify_stranger */
		"returned", "lodge",	/* classify_finished */
		"walkaway", "myself",	/* classify_target */
		"swear",	/* classify_swear */
		"found",	/* classify_found */
		"rebuff",	/* classify_epithet */
		"novice", "outdo", "mere",	/* classify_scorn */
		"bid",		/* classify_bid */
		"dismiss", "scorn", "jeer",	/* classify_dismiss */
		"vouched",	/* classify_whose */
		"accept",	/* classify_taken */
		"admit",	/* classify_blame */
		"wonder", "worst", "sendmore", "more",	/* classify_acclaim */
		"past",		/* classify_tense */
		"minor", "mend",	/* classify_tone */
		"virtue",	/* classify_virtue */
		"absent", "unread", "back", "urgent", "received",
				/* classify_away */
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(arg, names[i]) == 0)
			return names[i];
	return NULL;
}
/*
 * outcome_name - the [outcome NAME] sections classify_outcome.c reads, as a
 * static name, or NULL: what is wrong with the delivered work, what ties
 * it to the owner's work, asking for it to be put right or holding back
 * the payment, what came out well, thanks, and what keeps a sentence
 * from being the sender's judgement (a condition, the sender's own doing,
 * a quote rather than a job, "not a single thing" before a defect), what
 * the sender paid or how content they are not, a message of theirs
 * that went unanswered, a bare verdict, a fault that is gone, the time
 * gone by since a promise, the state before the work, a verb of giving
 * way, how the sender's people took it, a good state measured against
 * all the time before, a time counted from the work, and having had to
 * finish or redo it oneself, the noun of an insult, what the sender
 * expected (past or present) and the price it is set against, the
 * noun of praise said of a person and the gift said to be theirs (with
 * the second person who has it), an obligation laid on the thing
 * or the sender's will laid on it with the verb that does the work
 * again, excess after or before the participle of a process, an
 * appointment called off or moved at short notice, and the verb of
 * expecting a letdown names.
 */
static const char *
outcome_name(const char *arg)
{
	static const char *const names[] = {
		"defect", "still", "link", "back", "withhold", "good",
		"thanks", "prior", "compare", "hedge", "self", "offer",
		"none", "paid", "unhappy", "earlier", "unanswered", "best",
		"scope", "was", "now", "without", "had", "fixed", "agreed",
		"epithet", "again", "due", "redo", "verdict", "gone", "trouble",
		"elapsed", "then", "budge", "reaction", "ever", "soon",
		"mustdo", "finish", "insult", "expect", "expectnow", "priced",
		"laud", "must", "will", "mend", "excess", "overly", "endowed",
		"gift", "hoped", "otherwise", "repeated", "adept",
		"notice", "calledoff",	/* classify_notice */
		"lapse",	/* classify_closing, classify_bracket */
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(arg, names[i]) == 0)
			return names[i];
	return NULL;
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
		if (strcmp(arg, "tell") == 0) {
			/* a referral cue beside an [aim tell] phrase only */
			sec->name = "tell";
			return 0;
		}
		if (strcmp(arg, "announce") == 0) {
			/* the sender passing the owner's details on, beside
			 * an [aim announce] phrase only */
			sec->name = "announce";
			return 0;
		}
		if ((t = rt_tag_find(r, arg)) == NULL)
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
		else if (strcmp(arg, "tell") == 0)
			sec->name = "tell";
		else if (strcmp(arg, "announce") == 0)
			sec->name = "announce";
		else if ((sec->name = own_aim(arg)) != NULL) {
			return 0;
		} else if ((t = rt_tag_find(r, arg)) != NULL)
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
	if (strcmp(word, "outcome") == 0) {
		/* [outcome NAME]: classify_outcome.c's words */
		if (arg == NULL || (sec->name = outcome_name(arg)) == NULL)
			return err_set(e, "%s:%zu: [outcome %s] is none of "
			    "defect, still, link, back, withhold, good, thanks, "
			    "prior, compare, hedge, self, offer, none, paid, "
			    "unhappy, earlier, unanswered, best, scope, was, now, "
			    "without, had, fixed", file, lineno,
			    arg ? arg : "");
		sec->type = SEC_PHRASES;
		sec->kind = RULES_OUTCOME;
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
		    strcmp(arg, "autoreply") == 0 ||
		    strcmp(arg, "announce") == 0) {
			sec->name = arg[0] == 'r' ? "referral" : arg[0] == 'i' ?
			    "introduction" : arg[1] == 'u' ? "autoreply" :
			    "announce";
			return 0;
		}
		if ((t = rt_tag_find(r, arg)) == NULL)
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
		if ((t = rt_tag_add(r, arg)) == NULL)
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
		sec->name = rt_tag_find(r, "enquiry")->name;
	} else if (strcmp(word, "referral") == 0) {
		sec->kind = RULES_REFERRAL;
		sec->name = "referral";
	} else if (strcmp(word, "introduction") == 0) {
		sec->kind = RULES_INTRODUCTION;
		sec->name = "introduction";
	} else if (strcmp(word, "autoreply") == 0) {
		sec->kind = RULES_AUTOREPLY;
		sec->name = "autoreply";
	} else if (strcmp(word, "announce") == 0) {
		sec->kind = RULES_ANNOUNCE;
		sec->name = "announce";
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
		int bad = rt_word_fault(&w, w.end < len && phrase[w.end] == '*',
		    ++nw);

		if (bad != 0)
			return bad;
	}
	return nw == 0 ? 1 : 0;
}

static int
parse_phrase(struct rules *r, const struct section *sec, const char *line,
    const char *file, size_t lineno, struct err *e)
{
	switch (sec->skip ? check_phrase(line) :
	    rt_add_phrase(r, sec->kind, sec->name, line)) {
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
	if (r == NULL || rt_node_new(r, &root) < 0) {
		err_set(e, "%s: out of memory", name);
		goto fail;
	}
	for (size_t i = 0; i < sizeof(builtin_tags) / sizeof(builtin_tags[0]); i++) {
		if (rt_tag_add(r, builtin_tags[i]) == NULL) {
			err_set(e, "%s: out of memory", name);
			goto fail;
		}
	}
	if (parse_lines(r, name, text, len, langs, &al, &nal, e) < 0)
		goto fail;
	for (size_t i = 0; i < nal; i++) {
		struct rtag *t = rt_tag_find(r, al[i].tag);

		if (t == NULL) {
			err_set(e, "%s:%zu: unknown tag '%s' in [against %s]",
			    name, al[i].line, al[i].tag, al[i].key);
			goto fail;
		}
		if (rt_tag_add_against(t, al[i].key) < 0) {
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

/* rules_free - everything the loader built (rules.h) */
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
