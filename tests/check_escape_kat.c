/*
 * check_escape - known answers for escaping at the edge: JSON strings,
 * CSV fields (quotes and spreadsheet formulas), the terminal (controls
 * shown, never sent) and HTML; and the buffer cap reported as -1.
 */
#include <check.h>
#include <string.h>

#include "util/escape.h"
#include "testlib.h"

typedef int (*escaper)(struct buf *, const char *);

static const struct {
	escaper fn;
	const char *in;
	const char *out;
} cases[] = {
	{ esc_json, NULL, "null" },
	{ esc_json, "", "\"\"" },
	{ esc_json, "Dana \"D\" \\ R", "\"Dana \\\"D\\\" \\\\ R\"" },
	{ esc_json, "a\nb\rc\td", "\"a\\nb\\rc\\td\"" },
	{ esc_json, "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
	{ esc_json, "caf\xc3\xa9 </script>", "\"caf\xc3\xa9 </script>\"" },
	{ esc_csv, NULL, "" },
	{ esc_csv, "plain", "plain" },
	{ esc_csv, "a,b", "\"a,b\"" },
	{ esc_csv, "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ esc_csv, "two\nlines", "\"two\nlines\"" },
	{ esc_csv, "=1+1", "\"'=1+1\"" },
	{ esc_csv, "+44 20", "\"'+44 20\"" },
	{ esc_csv, "-5", "\"'-5\"" },
	{ esc_csv, "@SUM(A1)", "\"'@SUM(A1)\"" },
	{ esc_csv, "a=b", "a=b" },
	{ esc_term, NULL, "" },
	{ esc_term, "ok caf\xc3\xa9", "ok caf\xc3\xa9" },
	{ esc_term, "\x1b[31mred", "\\x1b[31mred" },
	{ esc_term, "bell\x07 del\x7f", "bell\\x07 del\\x7f" },
	{ esc_term, "c1 \xc2\x9b" "2J", "c1 \\u009b2J" },
	{ esc_term, "nbsp\xc2\xa0", "nbsp\xc2\xa0" },
	{ esc_html, NULL, "" },
	{ esc_html, "<b>Tom & \"Jerry\"</b> 'x'",
	    "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#39;x&#39;" },
	{ esc_html, "caf\xc3\xa9", "caf\xc3\xa9" },
};

START_TEST(test_known)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(cases[_i].fn(&b, cases[_i].in), 0);
	ck_assert_str_eq(buf_cstr(&b), cases[_i].out);
	buf_free(&b);
}
END_TEST

/* a value that does not fit under the cap is an error, not a cut */
START_TEST(test_cap)
{
	static const escaper all[] = { esc_json, esc_csv, esc_term, esc_html };

	for (size_t i = 0; i < TL_NELEM(all); i++) {
		struct buf b;

		buf_init(&b, 8);
		ck_assert_int_eq(all[i](&b, "\"<more than eight bytes>\""), -1);
		buf_free(&b);
	}
}
END_TEST

TL_SUITE(escape_kat, test_known, TL_LOOPS(cases), test_cap, 0)
