/*
 * check_classify_tense - a day the mail names is lived or arranged
 * (classify_tense.c), with the shipped rules, as the thanks that close an
 * account read it: in a reply of a customer, thanks after an account
 * whose day is told in the past (English -ed and irregular forms, a German
 * perfect, a French passé composé, a Spanish preterite) praise; thanks
 * after a day being arranged, also beside a form of the past in a clause
 * that books ahead, do not.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

TL_OWNER_FIXTURE

static const struct {
	bool praise;
	const char *body;
} cases[] = {
	/* a day lived: thanks close the account */
	{ true, "Collected the clock on Friday and hung it in the hall. It "
	  "has kept time to the minute all week and the chime rings clear "
	  "through the house. Thank you." },
	{ true, "We went up to the allotment on Sunday with the grandchildren "
	  "and the new shed door swung open with one finger, the lock turned "
	  "like butter. Thank you." },
	{ true, "Am Samstag haben wir die Truhe abgeholt, der Deckel "
	  "schlie\xc3\x9ft mit einem leisen Klick und innen riecht nichts mehr "
	  "nach Keller. Danke!" },
	{ true, "Le buffet de samedi a fait le tour de la salle en une "
	  "heure, tout le monde est reparti avec une part de tarte. "
	  "Merci !" },
	{ true, "El domingo sali\xc3\xb3 el barco por primera vez con toda la "
	  "familia y la vela aguant\xc3\xb3 el viento de la tarde sin un "
	  "crujido. Gracias." },
	/* a day being arranged: thanks are courtesy */
	{ false, "The key is under the mat and the side gate is open, so "
	  "come on Tuesday whenever suits you. Thanks!" },
	{ false, "I've booked you in for Tuesday morning and cleared the "
	  "garage so there is room for the van. Thanks!" },
	{ false, "Pour vendredi : trois kilos de farine, deux pains de "
	  "seigle et la tarte aux pommes de la semaine derni\xc3\xa8re. "
	  "Merci." },
	{ false, "Am Donnerstag bin ich ab zehn zu Hause, der Schl\xc3\xbc"
	  "ssel f\xc3\xbcr den Keller liegt bei der Nachbarin im ersten "
	  "Stock. Danke!" },
};

START_TEST(tense)
{
	char *ev = tl_reply_praise(cfg, rules, cases[_i].body);

	ck_assert_msg((ev != NULL) == cases[_i].praise, "case %d: praise %s "
	    "(%s)", _i, ev ? "given" : "missing", cases[_i].body);
	free(ev);
}
END_TEST

TL_SUITE_AROUND(classify_tense, setup, teardown, 0, tense, TL_LOOPS(cases))
