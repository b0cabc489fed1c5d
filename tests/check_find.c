/*
 * check_find - folding, find's ranking and companies from domains: pure
 * functions, table-driven.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mail/company.h"
#include "util/find.h"
#include "testlib.h"

static const struct {
	const char *in;
	const char *want;
} folds[] = {
	{ "Zo\xc3\xab M\xc3\xbcller", "zoe muller" },
	{ "ZOE   MULLER ", "zoe muller" },
	{ "Fran\xc3\xa7ois L\xc3\xa9vesque", "francois levesque" },
	{ "Stra\xc3\x9f" "e", "strasse" },
	{ "\xc3\x86sa \xc3\x98stergaard", "aesa ostergaard" },
	{ "\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82kiewicz", "lukasz zolkiewicz" },
	{ "Zoe\xcc\x88", "zoe" },		/* e + combining diaeresis */
	{ "\xe6\x9d\x8e \xe5\xb0\x8f\xe9\xbe\x8d", "\xe6\x9d\x8e \xe5\xb0\x8f\xe9\xbe\x8d" },
	{ "", "" },
};

START_TEST(test_fold)
{
	char *f = find_fold(folds[_i].in);

	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f, folds[_i].want);
	free(f);
}
END_TEST

static const struct {
	const char *q;		/* folded query */
	const char *name;
	const char *email;
	int want;		/* exact score, or -1 for "more than 0" */
} scores[] = {
	{ "zoe muller", "Zo\xc3\xab M\xc3\xbcller", "zoe@studio.example", 100 },
	{ "zoe", "Zo\xc3\xab M\xc3\xbcller", "zm@studio.example", 90 },
	{ "muller", "Zo\xc3\xab M\xc3\xbcller", "zm@studio.example", 80 },
	{ "muller zoe", "Zo\xc3\xab M\xc3\xbcller", "zm@studio.example", 70 },
	{ "ller", "Zo\xc3\xab M\xc3\xbcller", "zm@studio.example", 50 },
	{ "zm@studio.example", "Zo\xc3\xab", "zm@studio.example", 100 },
	{ "@studio.example", NULL, "zm@studio.example", 85 },
	{ "studio.example", NULL, "zm@studio.example", 85 },
	{ "studio", NULL, "zm@studio.example", 75 },
	{ "zm", NULL, "zm@studio.example", 85 },
	{ "tud", NULL, "zm@studio.example", 40 },
	{ "nobody", "Zo\xc3\xab M\xc3\xbcller", "zm@studio.example", 0 },
	{ "", "Anyone", "a@b.example", 0 },
};

START_TEST(test_score)
{
	int got = find_score(scores[_i].q, scores[_i].name, scores[_i].email);

	ck_assert_msg(got == scores[_i].want, "%s vs %s <%s>: %d, want %d",
	    scores[_i].q, scores[_i].name ? scores[_i].name : "-",
	    scores[_i].email, got, scores[_i].want);
}
END_TEST

static const struct {
	const char *email;
	const char *want;	/* NULL: no company */
} companies[] = {
	{ "dana@Reyes-Accounting.example", "reyes-accounting.example" },
	{ "dana@www.reyes.example", "reyes.example" },
	{ "ops@mail.acme.example", "acme.example" },
	{ "zoe@gmail.com", NULL },
	{ "zoe@GMAIL.COM", NULL },
	{ "zoe@mx.gmx.net", NULL },		/* a subdomain of free mail */
	{ "zoe@yahoo.co.uk", NULL },
	{ "zoe@co.uk", "co.uk" },
	{ "nodomain", NULL },
};

START_TEST(test_company)
{
	char *c = company_of(companies[_i].email);

	if (companies[_i].want == NULL)
		ck_assert_msg(c == NULL, "%s: %s", companies[_i].email, c);
	else
		ck_assert_str_eq(c, companies[_i].want);
	free(c);
}
END_TEST

TL_SUITE(find, test_fold, TL_LOOPS(folds), test_score, TL_LOOPS(scores),
    test_company, TL_LOOPS(companies))
