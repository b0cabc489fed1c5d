/*
 * check_rules - the rules file format and phrase matching.
 *
 * Loading: the shipped conf/rules.conf (compiled in) loads and knows every
 * built-in tag; each kind of mistake in a rules file is reported as
 * "FILE:LINE: reason".  Matching: whole words only, any case, both
 * apostrophes, punctuation and line breaks between words ignored, matches
 * reported in order of start with exact byte offsets.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/rules.h"
#include "testlib.h"

/* ---- the shipped rules ---- */

START_TEST(default_rules_load)
{
	static const char *const builtin[] = {
		"enquiry", "referrer", "referred", "praise", "complaint",
		"rude", "haggler", "slow-payer",
	};
	struct err e = { "" };
	struct rules *r = rules_default(&e);

	ck_assert_msg(r != NULL, "rules_default: %s", e.msg);
	ck_assert_uint_ge(rules_tag_count(r), 8);
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(rules_tag_name(r, i), builtin[i]);
	ck_assert_ptr_null(rules_tag_name(r, rules_tag_count(r)));
	rules_free(r);
}
END_TEST

static bool
has_value(const char *const *v, const char *key)
{
	for (; *v; v++)
		if (strcmp(*v, key) == 0)
			return true;
	return false;
}

START_TEST(default_values_against)
{
	struct err e = { "" };
	struct rules *r = rules_default(&e);

	ck_assert_ptr_nonnull(r);
	ck_assert(has_value(rules_values_against(r, "rude"), "respect"));
	ck_assert(has_value(rules_values_against(r, "complaint"), "respect"));
	ck_assert(has_value(rules_values_against(r, "haggler"), "self-worth"));
	ck_assert(has_value(rules_values_against(r, "slow-payer"), "integrity"));
	ck_assert(!has_value(rules_values_against(r, "praise"), "respect"));
	ck_assert_ptr_null(rules_values_against(r, "praise")[0]);
	ck_assert_ptr_null(rules_values_against(r, "no-such-tag")[0]);
	rules_free(r);
}
END_TEST

/* ---- collecting matches as "name:phrase" joined by '|' ---- */

struct collect {
	char out[1024];
	size_t n;
	size_t start[16], end[16];
};

static void
collect_fn(void *ctx, const struct rules_match *m)
{
	struct collect *c = ctx;
	size_t used = strlen(c->out);

	snprintf(c->out + used, sizeof(c->out) - used, "%s%s:%s",
	    c->n ? "|" : "", m->name, m->phrase);
	if (c->n < 16) {
		c->start[c->n] = m->start;
		c->end[c->n] = m->end;
	}
	c->n++;
}

static void
scan_str(const struct rules *r, const char *text, struct collect *c)
{
	memset(c, 0, sizeof(*c));
	rules_scan(r, text, strlen(text), collect_fn, c);
}

/* Each section of the shipped file recognises its typical wording. */
static const struct {
	const char *text;
	const char *name;	/* a match of this name must be reported */
} default_cases[] = {
	{ "Dana sent me your way last week", "referral" },
	{ "She said you were the person to talk to", "referral" },
	{ "I heard about you from my sister", "referral" },
	{ "Let me introduce my friend Dana", "introduction" },
	{ "I'm looping in Dana here", "introduction" },
	{ "Could you knock something off the total?", "haggler" },
	{ "Is there any wiggle room on price", "haggler" },
	{ "Can I pay you next month?", "slow-payer" },
	{ "Do you offer weekend slots?", "enquiry" },
	{ "I\xe2\x80\x99" "d like a quote for a fence", "enquiry" },
	{ "You are an idiot", "rude" },
	{ "This is the third time I have asked", "complaint" },
	{ "You're a star, thank you", "praise" },
	{ "I am out of the office until Monday", "autoreply" },
	/* every language has its sections */
	{ "Frau Petra Schulz hat Sie mir empfohlen", "referral" },
	{ "Ich setze Jonas in CC", "introduction" },
	{ "Das ist nicht in Ordnung", "complaint" },
	{ "Ich bin derzeit nicht im B\xc3\xbcro", "autoreply" },
	{ "Dominique m'a parl\xc3\xa9 de vous", "referral" },
	{ "Je vous pr\xc3\xa9sente Bruno", "introduction" },
	{ "Les photos sont superbes", "praise" },
	{ "Je suis absente jusqu'au 3 mai", "autoreply" },
	{ "Me lo recomend\xc3\xb3 Pablo", "referral" },
	{ "Te presento a Lucia", "introduction" },
	{ "\xc2\xbf" "Podr\xc3\xad" "an hacerme un precio?", "haggler" },
	{ "Estoy fuera de la oficina hasta el lunes", "autoreply" },
	/* exceptions are reported as such */
	{ "If the link does not work, copy it", "complaint" },
	{ "Let me introduce myself", "introduction" },
};

START_TEST(default_sections_match)
{
	struct err e = { "" };
	struct rules *r = rules_default(&e);
	struct collect c;
	char want[64];

	ck_assert_ptr_nonnull(r);
	scan_str(r, default_cases[_i].text, &c);
	snprintf(want, sizeof(want), "%s:", default_cases[_i].name);
	ck_assert_msg(strncmp(c.out, want, strlen(want)) == 0 ||
	    strstr(c.out, want) != NULL, "'%s' gave '%s', wanted %s",
	    default_cases[_i].text, c.out, want);
	rules_free(r);
}
END_TEST

/* ---- matching: word boundaries, case, apostrophes, order ---- */

static const struct {
	const char *rules;
	const char *text;
	const char *want;
} match_cases[] = {
	/* whole words only: decided, "discount" does not match "discounted" */
	{ "[tag rude]\nrude\n", "a prudent reply", "" },
	{ "[tag rude]\nrude\n", "rudeness", "" },
	{ "[tag rude]\nrude\n", "That was RUDE!", "rude:rude" },
	{ "[tag rude]\nrude\n", "'rude'", "rude:rude" },
	{ "[tag haggler]\ndiscount\n", "a discounted rate", "" },
	{ "[tag haggler]\ndiscount\n", "any Discount?", "haggler:discount" },
	{ "[tag haggler]\nbest price\n", "your best\nprice, please",
	  "haggler:best price" },
	{ "[tag haggler]\nbest price\n", "best prices", "" },
	/* both apostrophes, either way round */
	{ "[tag x]\ndon't\n", "I don\xe2\x80\x99t know", "x:don't" },
	{ "[tag x]\ndon\xe2\x80\x99t\n", "I DON'T know",
	  "x:don\xe2\x80\x99t" },
	{ "[enquiry]\ni'd like a quote\n", "I\xe2\x80\x98" "D LIKE A QUOTE",
	  "enquiry:i'd like a quote" },
	{ "[tag x]\ndon't\n", "don t", "" },
	/* a French elision before a name is "de" and the name */
	{ "[referral fr]\nde la part de\n", "De la part d'Odile Marchetti",
	  "referral:de la part de" },
	{ "[referral fr]\nsur les conseils de\n",
	  "sur les conseils d\xe2\x80\x99\xc3\x89lodie Roux",
	  "referral:sur les conseils de" },
	/* ... but before a small letter or shouting it stays one word */
	{ "[tag x]\nj'ai pay\xc3\xa9\n", "J'AI PAY\xc3\x89", "x:j'ai pay\xc3\xa9" },
	{ "[tag x]\nde accord\n", "d'accord", "" },
	/* hyphens separate words */
	{ "[tag x]\nfollow-up\n", "a follow up call", "x:follow-up" },
	/* non-ASCII letters fold and are word characters */
	{ "[tag x]\ncaf\xc3\xa9\n", "CAF\xc3\x89 au lait", "x:caf\xc3\xa9" },
	{ "[tag x]\ncaf\n", "caf\xc3\xa9", "" },
	/* in order of start; several at one start shortest first */
	{ "[tag a]\nb c\n[tag x]\na b c d\n", "a b c d", "x:a b c d|a:b c" },
	{ "[referral]\nreferred by\nreferred\n", "Referred by Dana",
	  "referral:referred|referral:referred by" },
	{ "[tag praise]\ngreat\n[tag x]\ngreat\n", "great",
	  "praise:great|x:great" },
	{ "[tag praise]\ngreat\ngreat\nGREAT\n", "great", "praise:great" },
	{ "[tag a]\nx y z\n", "x y x y z", "a:x y z" },
	{ "[tag a]\nnet 90\n", "NET 90 terms", "a:net 90" },
	{ "[tag a]\nnet 90\n", "net 900", "" },
	{ "[introduction]\ncc'ing\n", "I'm cc\xe2\x80\x99ing Dana",
	  "introduction:cc'ing" },
	{ "[autoreply]\nout of office\n", "out of office", "autoreply:out of office" },
	{ "[tag a]\nfoo\n", "", "" },
	/* accents and the sharp s fold away, either way round */
	{ "[tag x]\nb\xc3\xbcro\n", "im BURO", "x:b\xc3\xbcro" },
	{ "[tag x]\nburo\n", "im B\xc3\x9cRO", "x:buro" },
	{ "[tag x]\nstra\xc3\x9f" "e\n", "STRASSE", "x:stra\xc3\x9f" "e" },
	{ "[tag x]\nstrasse\n", "Stra\xc3\x9f" "e", "x:strasse" },
	{ "[tag x]\ntr\xc3\xa8s bien\n", "TRES BIEN", "x:tr\xc3\xa8s bien" },
	{ "[tag x]\nsoeur\n", "ma s\xc5\x93ur", "x:soeur" },
	{ "[tag x]\nespa\xc3\xb1" "a\n", "ESPANA", "x:espa\xc3\xb1" "a" },
	/* a letter stretched on a phone: its run once, else twice, and
	 * only for a word that stands for no phrase word as written */
	{ "[tag x]\ngracias de verdad\n", "graciasss de verdad",
	  "x:gracias de verdad" },
	{ "[tag x]\nmerci\n", "MERCIIII !", "x:merci" },
	{ "[tag x]\ngood\n", "so goooood", "x:good" },
	{ "[tag x]\nvielen dank*\n", "vieeelen Dankeee", "x:vielen dank*" },
	{ "[tag x]\nthanks\n", "thankss", "" },
	{ "[tag x]\nthank*\n[tag y]\nthanks\n", "thanksss", "x:thank*|y:thanks" },
	{ "[tag x]\nthank*\n", "thankyouuu", "x:thank*" },
	{ "[tag x]\nzzz\n[tag y]\nz\n", "zzz", "x:zzz" },
	/* language sections load whole (every language is wanted here) */
	{ "[tag praise de]\nsuper arbeit\n", "Super Arbeit!",
	  "praise:super arbeit" },
	/* exceptions: [not NAME] names what they cancel */
	{ "[not complaint]\nif the link does not work\n",
	  "If the link does not work", "complaint:if the link does not work" },
	{ "[not introduction fr]\nme pr\xc3\xa9senter\n", "me presenter",
	  "introduction:me pr\xc3\xa9senter" },
};

START_TEST(phrase_matching)
{
	struct err e = { "" };
	struct rules *r = rules_load_string("t.conf", match_cases[_i].rules,
	    strlen(match_cases[_i].rules), &e);
	struct collect c;

	ck_assert_msg(r != NULL, "%s", e.msg);
	scan_str(r, match_cases[_i].text, &c);
	ck_assert_msg(strcmp(c.out, match_cases[_i].want) == 0,
	    "rules '%s' text '%s': got '%s', want '%s'", match_cases[_i].rules,
	    match_cases[_i].text, c.out, match_cases[_i].want);
	rules_free(r);
}
END_TEST

START_TEST(match_offsets_and_kinds)
{
	static const char rules[] = "[referral]\nsent me your way\n"
	    "[introduction]\nlet me introduce\n[tag rude]\nrude\n";
	static const char text[] = "Hi, RUDE: Dana sent me\nyour way! Let me introduce";
	struct err e = { "" };
	struct rules *r = rules_load_string("t", rules, strlen(rules), &e);
	struct collect c;

	ck_assert_ptr_nonnull(r);
	scan_str(r, text, &c);
	ck_assert_uint_eq(c.n, 3);
	ck_assert_uint_eq(c.start[0], 4);
	ck_assert_uint_eq(c.end[0], 8);
	ck_assert_uint_eq(c.start[1], 15);
	ck_assert_uint_eq(c.end[1], 31);
	ck_assert(memcmp(text + c.start[2], "Let me introduce", 16) == 0);
	ck_assert_uint_eq(c.end[2], strlen(text));
	rules_free(r);
}
END_TEST

static enum rules_kind last_kind[4];
static size_t nkinds;

static void
kind_fn(void *ctx, const struct rules_match *m)
{
	(void)ctx;
	if (nkinds < 4)
		last_kind[nkinds++] = m->kind;
}

START_TEST(match_kinds)
{
	static const char rules[] = "[referral]\nalpha\n[introduction]\nbeta\n"
	    "[autoreply]\ngamma\n[enquiry]\ndelta\n";
	struct err e = { "" };
	struct rules *r = rules_load_string("t", rules, strlen(rules), &e);

	ck_assert_ptr_nonnull(r);
	nkinds = 0;
	rules_scan(r, "alpha beta gamma delta", 22, kind_fn, NULL);
	ck_assert_uint_eq(nkinds, 4);
	ck_assert_int_eq(last_kind[0], RULES_REFERRAL);
	ck_assert_int_eq(last_kind[1], RULES_INTRODUCTION);
	ck_assert_int_eq(last_kind[2], RULES_AUTOREPLY);
	ck_assert_int_eq(last_kind[3], RULES_TAG);
	/* the length bounds the scan: nothing past it is seen */
	nkinds = 0;
	rules_scan(r, "alpha beta", 3, kind_fn, NULL);
	ck_assert_uint_eq(nkinds, 0);
	rules_free(r);
}
END_TEST

static size_t nexcept;

static void
except_fn(void *ctx, const struct rules_match *m)
{
	(void)ctx;
	if (m->kind == RULES_EXCEPT)
		nexcept++;
	else if (m->kind == RULES_TAG)
		nkinds++;
}

/* Languages: only the sections asked for, plus those without a language. */
START_TEST(languages)
{
	static const char rules[] = "[tag praise]\nbravo\n"
	    "[tag praise en]\ngreat work\n[tag praise de]\nsuper arbeit\n"
	    "[not praise de]\nnicht super arbeit\n";
	static const char text[] = "bravo, great work, super arbeit, "
	    "nicht super arbeit";
	static const struct {
		const char *langs;
		size_t tags, excepts;
	} cases[] = {
		{ NULL, 4, 1 }, { "en de fr es", 4, 1 }, { "en", 2, 0 },
		{ "de", 3, 1 }, { "fr,es", 1, 0 }, { " de , en ", 4, 1 },
	};
	struct err e = { "" };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rules *r = rules_load_string_langs("t", rules,
		    strlen(rules), cases[i].langs, &e);

		ck_assert_msg(r != NULL, "%s", e.msg);
		nkinds = nexcept = 0;
		rules_scan(r, text, strlen(text), except_fn, NULL);
		ck_assert_msg(nkinds == cases[i].tags &&
		    nexcept == cases[i].excepts, "langs '%s': %zu tags, %zu "
		    "exceptions", cases[i].langs ? cases[i].langs : "(all)",
		    nkinds, nexcept);
		rules_free(r);
	}
	/* a language left out is still checked for mistakes */
	ck_assert_ptr_null(rules_load_string_langs("t", "[tag x de]\n!!!\n", 14,
	    "en", &e));
	ck_assert_ptr_nonnull(strstr(e.msg, "empty phrase"));
	/* the shipped rules in one language know nothing of the others */
	struct rules *en = rules_default_langs("en", &e);

	ck_assert_ptr_nonnull(en);
	nkinds = nexcept = 0;
	rules_scan(en, "Sie sind unf\xc3\xa4hig", 16, except_fn, NULL);
	ck_assert_uint_eq(nkinds, 0);
	rules_scan(en, "You are useless", 15, except_fn, NULL);
	ck_assert_uint_eq(nkinds, 1);
	rules_free(en);
}
END_TEST

START_TEST(added_tags)
{
	static const char rules[] = "[tag vip]\nplatinum member\n"
	    "[tag praise]\nlovely\n[against community]\nvip\n";
	struct err e = { "" };
	struct rules *r = rules_load_string("t", rules, strlen(rules), &e);

	ck_assert_msg(r != NULL, "%s", e.msg);
	ck_assert_uint_eq(rules_tag_count(r), 9);
	ck_assert_str_eq(rules_tag_name(r, 8), "vip");
	ck_assert_str_eq(rules_values_against(r, "vip")[0], "community");
	ck_assert_ptr_null(rules_values_against(r, "vip")[1]);
	rules_free(r);
}
END_TEST

/* ---- errors: FILE:LINE: reason ---- */

static const struct {
	const char *text;
	const char *want;	/* prefix of the error */
} error_cases[] = {
	{ "[bogus]\nfoo\n", "t.conf:1: unknown section [bogus]" },
	{ "# header\n[referral extra]\n", "t.conf:2: unknown section" },
	{ "\n\nfoo\n", "t.conf:3: phrase outside a section" },
	{ "[tag praise]\nnice\n  !!! \n", "t.conf:3: empty phrase" },
	{ "[tag Bad_Name]\n", "t.conf:1: bad tag name" },
	{ "[tag]\n", "t.conf:1: bad tag name" },
	{ "[tag 9lives]\n", "t.conf:1: bad tag name" },
	{ "[against Respect]\n", "t.conf:1: bad value name" },
	{ "[against respect]\nrude\nBAD!\n", "t.conf:3: bad tag name" },
	{ "[against respect]\nrude\n\nnosuchtag\n",
	  "t.conf:4: unknown tag 'nosuchtag'" },
	{ "[referral\nfoo\n", "t.conf:1: malformed section header" },
	{ "[tag x]\none two three four five six seven eight nine ten eleven "
	  "twelve thirteen fourteen fifteen sixteen seventeen\n",
	  "t.conf:2: phrase has more than 16 words" },
	{ "[tag x]\nok\r\n\xff\xfe\n", "t.conf:3: invalid UTF-8" },
	{ "[referral english]\nfoo\n", "t.conf:1: unknown section" },
	{ "[not nosuchtag]\nfoo\n", "t.conf:1: [not nosuchtag] names no "
	  "known tag" },
	{ "[not]\nfoo\n", "t.conf:1: [not] needs a tag" },
	{ "[tag praise de]\none two three four five six seven eight nine ten "
	  "eleven twelve thirteen fourteen fifteen sixteen seventeen\n",
	  "t.conf:2: phrase has more than 16 words" },
};

START_TEST(load_errors)
{
	struct err e = { "" };
	struct rules *r = rules_load_string("t.conf", error_cases[_i].text,
	    strlen(error_cases[_i].text), &e);

	ck_assert_ptr_null(r);
	ck_assert_msg(strncmp(e.msg, error_cases[_i].want,
	    strlen(error_cases[_i].want)) == 0, "got '%s', want '%s...'",
	    e.msg, error_cases[_i].want);
}
END_TEST

START_TEST(overlong_line_and_word)
{
	char text[1200];
	struct err e = { "" };
	struct rules *r;

	memcpy(text, "[tag x]\n", 8);
	memset(text + 8, 'a', 600);
	text[608] = '\0';
	r = rules_load_string("t.conf", text, strlen(text), &e);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(e.msg, "t.conf:2: line longer than 512 bytes");
	text[8 + 65] = '\0';	/* a 65-byte word on a short line */
	r = rules_load_string("t.conf", text, strlen(text), &e);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(e.msg, "t.conf:2: a word longer than 64 bytes");
	text[8 + 64] = '\0';	/* 64 bytes is allowed */
	r = rules_load_string("t.conf", text, strlen(text), &e);
	ck_assert_ptr_nonnull(r);
	rules_free(r);
}
END_TEST

START_TEST(load_file)
{
	char path[] = "/tmp/check_rules_XXXXXX";
	static const char good[] = "# ok\n[tag praise]\nsplendid\n";
	static const char bad[] = "[tag praise]\nsplendid\n[whatever]\n";
	struct err e = { "" };
	struct rules *r;
	char want[128];
	int fd = mkstemp(path);
	FILE *fp;

	ck_assert_int_ge(fd, 0);
	ck_assert_ptr_nonnull(fp = fdopen(fd, "w"));
	fputs(good, fp);
	fclose(fp);
	r = rules_load_file(path, &e);
	ck_assert_msg(r != NULL, "%s", e.msg);
	rules_free(r);

	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	fputs(bad, fp);
	fclose(fp);
	ck_assert_ptr_null(rules_load_file(path, &e));
	snprintf(want, sizeof(want), "%s:3: unknown section [whatever]", path);
	ck_assert_str_eq(e.msg, want);
	unlink(path);

	ck_assert_ptr_null(rules_load_file(path, &e));
	ck_assert(strncmp(e.msg, path, strlen(path)) == 0);
}
END_TEST

/* A long text with many near-misses is scanned in one pass. */
START_TEST(long_text)
{
	static const char rules[] = "[tag a]\na a a a a a a a a a a a a a a b\n";
	struct err e = { "" };
	struct rules *r = rules_load_string("t", rules, strlen(rules), &e);
	size_t len = 2 * 1000 * 1000;
	char *text = malloc(len + 3);
	struct collect c;

	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < len; i += 2)
		memcpy(text + i, "a ", 2);
	memcpy(text + len, "b", 2);
	memset(&c, 0, sizeof(c));
	rules_scan(r, text, len + 1, collect_fn, &c);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_uint_eq(c.end[0], len + 1);
	ck_assert_uint_eq(c.start[0], len - 30);
	free(text);
	rules_free(r);
}
END_TEST

TL_SUITE(rules, default_rules_load, 0, default_values_against, 0,
    added_tags, 0, load_errors, TL_LOOPS(error_cases),
    overlong_line_and_word, 0, load_file, 0,
    default_sections_match, TL_LOOPS(default_cases),
    phrase_matching, TL_LOOPS(match_cases), match_offsets_and_kinds, 0,
    match_kinds, 0, long_text, 0, languages, 0)
