/*
 * check_message_text - HTML to text: character references by name, in
 * decimal and in hex, and the text invariant where a reference names what
 * text may not hold (NUL, a surrogate, past U+10FFFF): U+FFFD instead, so
 * "&#0;" cannot cut the text short and nothing invalid reaches the store.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/message.h"
#include "util/strutil.h"
#include "testlib.h"

#define FFFD "\xef\xbf\xbd"

static const struct {
	const char *html;
	const char *text;
} cases[] = {
	{ "<p>Hello&#0;World</p>", "Hello" FFFD "World" },
	{ "<p>a&#x0;b&#00000;c</p>", "a" FFFD "b" FFFD "c" },
	{ "<p>x&#xD800;y</p>", "x" FFFD "y" },
	{ "<p>x&#xdfff;y</p>", "x" FFFD "y" },
	{ "<p>x&#55296;y</p>", "x" FFFD "y" },
	{ "<p>x&#x110000;y</p>", "x" FFFD "y" },
	{ "<p>x&#xFFFFFFFF;y</p>", "x" FFFD "y" },
	{ "<p>x&#x10FFFF;y</p>", "x\xf4\x8f\xbf\xbfy" },
	{ "<p>&#65;&#x42;&#X43;</p>", "ABC" },
	{ "<p>caf&eacute; &euro;5 &amp; &lt;3</p>",
	    "caf\xc3\xa9 \xe2\x82\xac" "5 & <3" },
	{ "<p>&#x; &#; &nosuch; &amp</p>", "&#x; &#; &nosuch; &amp" },
};

START_TEST(test_references)
{
	char raw[512];
	struct err e = { "" };
	struct message *m;
	int n;

	n = snprintf(raw, sizeof(raw), "From: Dana <dana@customer.example>\n"
	    "To: sam@brightdesk.example\nSubject: html\n"
	    "Content-Type: text/html; charset=utf-8\n\n%s\n", cases[_i].html);
	ck_assert_int_lt(n, (int)sizeof(raw));
	m = message_parse(raw, (size_t)n, NULL, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	ck_assert(m->html_only);
	ck_assert_str_eq(m->text, cases[_i].text);
	ck_assert(utf8_valid(m->text, strlen(m->text)));
	message_free(m);
}
END_TEST

TL_SUITE(message_text, test_references, TL_LOOPS(cases))
