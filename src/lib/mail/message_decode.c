/*
 * message_decode - header and HTML text made readable as UTF-8.
 *
 * For: decoding RFC 2047 encoded words in header values (adjacent words in
 * one charset joined before conversion, so split characters survive) and
 * display names, and reducing HTML to readable text (tags dropped,
 * script/style/head content dropped, block elements as line breaks,
 * entities decoded, blockquotes marked with "> ").  What the sender wrote
 * now, quoted or signed is message_text's job.
 * Owns: nothing past the call; results are new strings or bytes appended
 * to the caller's buffer.
 * Never: backtracks; one pass over the input plus bounded look-ahead.
 * Calls, one way: message_codec (base64, quoted-printable, charsets);
 * message.c, message_header.c, message_text.c and message_body.c call it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "message_int.h"
#define EW_CHARSET_MAX 64	/* longest charset name in an encoded word */
#define EW_TEXT_MAX 1024	/* longest encoded text we try to decode */

/* ---- RFC 2047 ---------------------------------------------------------- */

struct ew {
	char charset[EW_CHARSET_MAX + 1];
	char enc;
	const char *text;
	size_t tlen;
	size_t consumed;
};

/* ew_parse - an encoded word "=?cs?B|Q?text?=" at s; bounded look-ahead */
static bool
ew_parse(const char *s, size_t len, struct ew *w)
{
	size_t i = 2, n = 0;

	if (len < 8 || s[0] != '=' || s[1] != '?')
		return false;
	while (i < len && s[i] != '?' && n < EW_CHARSET_MAX) {
		if ((unsigned char)s[i] <= 32 || (unsigned char)s[i] >= 127)
			return false;
		w->charset[n++] = s[i++];
	}
	if (n == 0 || i + 2 >= len || s[i] != '?')
		return false;
	w->charset[n] = '\0';
	char *star = strchr(w->charset, '*');	/* RFC 2231 language */
	if (star != NULL)
		*star = '\0';
	w->enc = (char)(s[i + 1] | 0x20);
	if ((w->enc != 'b' && w->enc != 'q') || s[i + 2] != '?')
		return false;
	i += 3;
	w->text = s + i;
	for (n = 0; i < len && n <= EW_TEXT_MAX; i++, n++) {
		if (s[i] == '?' && i + 1 < len && s[i + 1] == '=') {
			w->tlen = n;
			w->consumed = i + 2;
			return true;
		}
		if ((unsigned char)s[i] <= 32 || (unsigned char)s[i] >= 127)
			return false;
	}
	return false;
}

struct hdec {
	struct buf out;
	struct buf pend;	/* decoded bytes of adjacent words, one charset */
	char cs[EW_CHARSET_MAX + 1];
	bool nomem;
};

static void
hdec_flush(struct hdec *d)
{
	size_t ulen;
	char *u;

	if (d->pend.len == 0)
		return;
	u = charset_to_utf8(d->cs, d->pend.data, d->pend.len, &ulen);
	if (u == NULL || buf_append(&d->out, u, ulen) < 0)
		d->nomem = true;
	free(u);
	buf_reset(&d->pend);
}

/* plain_value - no encoded word, line break, tab or run of spaces */
static bool
plain_value(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		switch (s[i]) {
		case '\r': case '\n': case '\t': case '\0':
			return false;
		case '=':
			if (i + 1 < len && s[i + 1] == '?')
				return false;
			break;
		case ' ':
			if (i + 1 < len && s[i + 1] == ' ')
				return false;
			break;
		default:
			break;
		}
	return true;
}

/*
 * hdr_decode - a header value as UTF-8: folds removed, encoded words
 * decoded (blanks between adjacent words dropped), raw bytes sanitized.
 * Caller frees; NULL on ENOMEM.
 */
char *
hdr_decode(const char *s, size_t len)
{
	struct hdec d = { .nomem = false };
	bool last_ew = false;
	size_t ws = 0, ws_len = 0, plain = len;
	char *res;

	while (plain > 0 && (s[plain - 1] == '\n' || s[plain - 1] == '\r'))
		plain--;	/* the line's own end: the walk skips it too */
	/* nearly every value is one line of words and single spaces, no
	 * encoded word: the walk below would give back the same bytes */
	if (plain_value(s, plain)) {
		if ((res = utf8_sanitize(s, plain)) != NULL)
			str_trim(res);
		return res;
	}
	buf_init(&d.out, 0);
	buf_init(&d.pend, 0);
	for (size_t i = 0; i < len;) {
		struct ew w;
		char c = s[i];
		size_t run;

		if (c == '\r' || c == '\n') {
			i++;
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (ws_len == 0)
				ws = i;
			ws_len = i - ws + 1;
			i++;
			continue;
		}
		if (c == '=' && ew_parse(s + i, len - i, &w)) {
			char *tmp = malloc(w.tlen + 1);
			size_t n;

			if (tmp == NULL) {
				d.nomem = true;
				break;
			}
			n = w.enc == 'b' ? b64_decode(w.text, w.tlen, tmp) :
			    qp_decode(w.text, w.tlen, tmp, true);
			if (!last_ew || strcasecmp(w.charset, d.cs) != 0)
				hdec_flush(&d);
			if (!last_ew && ws_len > 0)
				buf_putc(&d.out, ' ');
			memcpy(d.cs, w.charset, sizeof(d.cs));
			if (buf_append(&d.pend, tmp, n) < 0)
				d.nomem = true;
			free(tmp);
			ws_len = 0;
			last_ew = true;
			i += w.consumed;
			continue;
		}
		hdec_flush(&d);
		if (ws_len > 0)
			buf_putc(&d.out, ' ');
		ws_len = 0;
		last_ew = false;
		/* a run of plain bytes goes in at once; '=' may open a word */
		run = i + 1;
		while (run < len && s[run] != '=' && s[run] != ' ' &&
		    s[run] != '\t' && s[run] != '\r' && s[run] != '\n')
			run++;
		if (buf_append(&d.out, s + i, run - i) < 0)
			d.nomem = true;
		i = run;
	}
	hdec_flush(&d);
	res = d.nomem ? NULL : utf8_sanitize(buf_cstr(&d.out), d.out.len);
	buf_free(&d.out);
	buf_free(&d.pend);
	if (res != NULL)
		str_trim(res);
	return res;
}

/* phrase_decode - a display name: decoded, outer quotes gone; NULL if empty */
char *
phrase_decode(const char *s)
{
	char *r;
	size_t n;

	if (s == NULL || (r = hdr_decode(s, strlen(s))) == NULL)
		return NULL;
	n = strlen(r);
	while (n >= 2 && ((r[0] == '"' && r[n - 1] == '"') ||
	    (r[0] == '\'' && r[n - 1] == '\''))) {
		memmove(r, r + 1, n - 2);
		r[n - 2] = '\0';
		str_trim(r);
		n = strlen(r);
	}
	if (n == 0) {
		free(r);
		return NULL;
	}
	return r;
}

/* ---- HTML to text ------------------------------------------------------ */

struct hout {
	struct buf *b;
	int nl;			/* newlines at the end of the output */
	bool space;		/* a space is owed before the next word */
	int quote;		/* <blockquote> depth */
	bool full;
};

static void
h_raw(struct hout *h, const char *s, size_t n)
{
	if (!h->full && buf_append(h->b, s, n) < 0)
		h->full = true;
}

static void
h_word(struct hout *h, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (h->nl > 0 || h->b->len == 0) {
		for (int i = 0; i < h->quote && i < 8; i++)
			h_raw(h, ">", 1);
		if (h->quote > 0)
			h_raw(h, " ", 1);
	} else if (h->space && h->b->len > 0) {
		h_raw(h, " ", 1);
	}
	h_raw(h, s, n);
	h->nl = 0;
	h->space = false;
}

/* h_break - end the line; `blank` asks for an empty line after it */
static void
h_break(struct hout *h, int want)
{
	if (h->b->len == 0)
		return;
	while (h->nl < want) {
		h_raw(h, "\n", 1);
		h->nl++;
	}
	h->space = false;
}

struct entity {
	const char *name;
	unsigned long cp;
};

static const struct entity entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "copy", 0xa9 }, { "reg", 0xae },
	{ "trade", 0x2122 }, { "euro", 0x20ac }, { "pound", 0xa3 },
	{ "yen", 0xa5 }, { "cent", 0xa2 }, { "sect", 0xa7 }, { "deg", 0xb0 },
	{ "middot", 0xb7 }, { "bull", 0x2022 }, { "hellip", 0x2026 },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "laquo", 0xab }, { "raquo", 0xbb }, { "times", 0xd7 },
	{ "eacute", 0xe9 }, { "egrave", 0xe8 }, { "ecirc", 0xea },
	{ "agrave", 0xe0 }, { "aacute", 0xe1 }, { "acirc", 0xe2 },
	{ "auml", 0xe4 }, { "ouml", 0xf6 }, { "uuml", 0xfc }, { "szlig", 0xdf },
	{ "Auml", 0xc4 }, { "Ouml", 0xd6 }, { "Uuml", 0xdc }, { "ccedil", 0xe7 },
	{ "ntilde", 0xf1 }, { "iacute", 0xed }, { "oacute", 0xf3 },
	{ "uacute", 0xfa }, { "Eacute", 0xc9 }, { "zwnj", 0x200c },
	{ "shy", 0xad },
};


/*
 * entity_decode - the character reference at s ("&...;"), at most 12
 * bytes looked at.  Returns the bytes consumed (0: not an entity) and puts
 * the code point in *cp, never 0, a surrogate or past U+10FFFF (those are
 * U+FFFD): a "&#0;" must not cut the text short.
 */
static size_t
entity_decode(const char *s, size_t len, unsigned long *cp)
{
	size_t i = 1, max = len < 12 ? len : 12;

	if (i < max && s[i] == '#') {
		unsigned long v = 0;
		bool hex = false, any = false;

		i++;
		if (i < max && (s[i] == 'x' || s[i] == 'X')) {
			hex = true;
			i++;
		}
		for (; i < max && s[i] != ';'; i++) {
			char c = s[i];
			int d = c >= '0' && c <= '9' ? c - '0' :
			    hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			    hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

			if (d < 0)
				return 0;
			v = v * (hex ? 16 : 10) + (unsigned long)d;
			any = true;
		}
		if (!any || i >= max)
			return 0;
		/* &#0;, a surrogate or past U+10FFFF: U+FFFD, as HTML says */
		*cp = utf8_cp_ok(v) ? v : UTF8_REPLACEMENT;
		return i + 1;
	}
	for (; i < max && s[i] != ';'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	if (i >= max)
		return 0;
	for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++)
		if (strlen(entities[e].name) == i - 1 &&
		    memcmp(entities[e].name, s + 1, i - 1) == 0) {
			*cp = entities[e].cp;
			return i + 1;
		}
	return 0;
}

/* tag_end - offset just past the '>' closing the tag at s, or len */
static size_t
tag_end(const char *s, size_t len)
{
	char quote = 0;

	for (size_t i = 1; i < len; i++) {
		if (quote) {
			if (s[i] == quote)
				quote = 0;
		} else if (s[i] == '>') {
			return i + 1;
		} else if ((s[i] == '"' || s[i] == '\'') && s[i - 1] == '=') {
			quote = s[i];	/* quotes count only as attribute values */
		}
	}
	return len;
}

static bool
name_in(const char *name, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++)
		if (list[i][0] == name[0] && strcmp(name, list[i]) == 0)
			return true;
	return false;
}

/* What a tag does to the text around it. */
enum tag_kind { TAG_OTHER, TAG_BR, TAG_PARA, TAG_LINE, TAG_CELL, TAG_QUOTE };

static enum tag_kind
tag_kind(const char *name)
{
	static const struct {
		const char *name;
		enum tag_kind kind;
	} tags[] = {
		{ "br", TAG_BR }, { "p", TAG_PARA }, { "h1", TAG_PARA },
		{ "h2", TAG_PARA }, { "h3", TAG_PARA }, { "h4", TAG_PARA },
		{ "h5", TAG_PARA }, { "h6", TAG_PARA }, { "table", TAG_PARA },
		{ "div", TAG_LINE }, { "li", TAG_LINE }, { "tr", TAG_LINE },
		{ "ul", TAG_LINE }, { "ol", TAG_LINE }, { "dl", TAG_LINE },
		{ "dt", TAG_LINE }, { "dd", TAG_LINE }, { "hr", TAG_LINE },
		{ "pre", TAG_LINE }, { "section", TAG_LINE },
		{ "article", TAG_LINE }, { "header", TAG_LINE },
		{ "footer", TAG_LINE }, { "blockquote", TAG_QUOTE },
		{ "td", TAG_CELL }, { "th", TAG_CELL },
	};

	/* most tags are a, span, font, img...: the first letter rules them out */
	if (strchr("bpthdluosaf", name[0]) == NULL || name[0] == '\0')
		return TAG_OTHER;
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (tags[i].name[0] == name[0] && strcmp(name, tags[i].name) == 0)
			return tags[i].kind;
	return TAG_OTHER;
}

static void
html_tag(struct hout *h, const char *name, bool closing)
{
	switch (tag_kind(name)) {
	case TAG_BR:
		if (h->nl < 2 && h->b->len > 0) {
			h_raw(h, "\n", 1);
			h->nl++;
		}
		h->space = false;
		break;
	case TAG_PARA:
		h_break(h, 2);
		break;
	case TAG_QUOTE:
		h_break(h, 1);	/* a line of its own, then quoted or not */
		if (!closing)
			h->quote++;
		else if (h->quote > 0)
			h->quote--;
		break;
	case TAG_LINE:
		h_break(h, 1);
		break;
	case TAG_CELL:
		h->space = true;
		break;
	case TAG_OTHER:
		break;
	}
}

int
html_to_text(const char *s, size_t len, struct buf *out)
{
	static const char *const hidden[] = {
		"script", "style", "head", "title", "template", NULL,
	};
	struct hout h = { .b = out };
	size_t i = 0;

	while (i < len && !h.full) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<' && i + 1 < len && s[i + 1] == '!') {
			/* comment or declaration */
			const char *e;

			if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
				e = memmem(s + i + 4, len - i - 4, "-->", 3);
				i = e != NULL ? (size_t)(e - s) + 3 : len;
			} else {
				i += tag_end(s + i, len - i);
			}
			continue;
		}
		if (c == '<' && i + 1 < len && (s[i + 1] == '/' ||
		    ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))) {
			char name[16];
			size_t j = i + 1, n = 0;
			bool closing = s[j] == '/';

			if (closing)
				j++;
			while (j < len && n < sizeof(name) - 1 &&
			    (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') ||
			    (s[j] >= '0' && s[j] <= '9')))
				name[n++] = (char)(s[j++] | 0x20);
			name[n] = '\0';
			i += tag_end(s + i, len - i);
			html_tag(&h, name, closing);
			if (!closing && name_in(name, hidden)) {
				/* skip to the matching close tag, in one scan */
				char close[20] = "</";
				const char *e;

				memcpy(close + 2, name, n + 1);
				e = str_casestrn(s + i, len - i, close);
				i = e != NULL ? (size_t)(e - s) : len;
			}
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
		    c == '\f') {
			h.space = true;
			i++;
			continue;
		}
		if (c == '&') {
			unsigned long cp;
			size_t n = entity_decode(s + i, len - i, &cp);
			char u[4];

			if (n == 0) {
				h_word(&h, "&", 1);
				i++;
			} else if (cp == ' ') {
				h.space = true;
				i += n;
			} else {
				h_word(&h, u, utf8_encode(u, cp));
				i += n;
			}
			continue;
		}
		/* a run of ordinary bytes */
		size_t j = i + 1;

		while (j < len && s[j] != '<' && s[j] != '&' && s[j] != ' ' &&
		    s[j] != '\t' && s[j] != '\r' && s[j] != '\n' && s[j] != '\f')
			j++;
		h_word(&h, s + i, j - i);
		i = j;
	}
	return h.full ? -1 : 0;
}
