/*
 * check_classify_signs - facts.signs_as: the addresses a sender's own
 * signature names besides theirs, from the fixtures signs-as-*.eml.
 * Never from quoted replies or forwarded blocks; never the sender's own
 * address, the owner's, or a role mailbox.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify/classify.h"
#include "mail/config.h"
#include "mail/message.h"
#include "classify/rules.h"
#include "testlib.h"

TL_OWNER_FIXTURE

static const struct {
	const char *fixture;
	const char *signs_as;	/* the addresses kept, space-separated */
} cases[] = {
	/* a sign-off block: the Gmail address, not the sender's, not info@ */
	{ "signs-as-gmail.eml", "dana.reyes@gmail.example" },
	/* after "-- ": the work address (case folded, the full stop left
	 * out), not the owner's */
	{ "signs-as-dashdash.eml", "dana@reyes-studio.example" },
	/* the same block quoted, or forwarded, names nobody */
	{ "signs-as-quoted-only.eml", "" },
	{ "signs-as-forwarded-only.eml", "" },
};

START_TEST(signs_as)
{
	struct err e;
	size_t len;
	char *raw = tl_fixture(cases[_i].fixture, &len);
	struct message *m = message_parse(raw, len, NULL, &e);
	struct facts *f;
	char got[512] = "";

	ck_assert_msg(m != NULL, "%s: %s", cases[_i].fixture, e.msg);
	f = classify(m, NULL, cfg, rules, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->kind, FACTS_INCOMING);
	ck_assert_uint_le(f->nsigns_as, CLASSIFY_MAX_SIGNS_AS);
	for (size_t i = 0; i < f->nsigns_as; i++) {
		size_t n = strlen(got);

		snprintf(got + n, sizeof(got) - n, "%s%s", n ? " " : "",
		    f->signs_as[i]);
	}
	ck_assert_msg(strcmp(got, cases[_i].signs_as) == 0,
	    "%s: signs as '%s', not '%s'", cases[_i].fixture, got,
	    cases[_i].signs_as);
	facts_free(f);
	message_free(m);
	free(raw);
}
END_TEST

/* many addresses in one signature: at most CLASSIFY_MAX_SIGNS_AS kept */
START_TEST(signs_as_bounded)
{
	static const char raw[] =
	    "From: Kim <kim@k.example>\nTo: sam@brightdesk.example\n"
	    "Subject: hi\nMessage-ID: <many@k.example>\n\nHello Sam.\n\n-- \n"
	    "a@a.example b@b.example c@c.example d@d.example e@e.example\n"
	    "kim@k.example x@@y .@z.example\n";
	struct err e;
	struct message *m = message_parse(raw, sizeof(raw) - 1, NULL, &e);
	struct facts *f;

	ck_assert_ptr_nonnull(m);
	f = classify(m, NULL, cfg, rules, NULL);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(f->nsigns_as, CLASSIFY_MAX_SIGNS_AS);
	ck_assert_str_eq(f->signs_as[0], "a@a.example");
	ck_assert_str_eq(f->signs_as[3], "d@d.example");
	facts_free(f);
	message_free(m);
}
END_TEST

TL_SUITE_AROUND(classify_signs, setup, teardown, 0,
    signs_as, TL_LOOPS(cases), signs_as_bounded, 0)
