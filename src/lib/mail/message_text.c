/*
 * message_text - what the sender wrote now, what they quoted, and their
 * signature.
 *
 * For: splitting decoded text (message_decode makes it readable) into
 * three parts:
 * `text` (the sender's own words), `quoted` (lines starting with ">", an
 * attribution line such as "On ... wrote:" above them, and everything from
 * a forwarded-message banner or an attribution without '>' lines to the
 * end) and `signature` (from a "-- " line to the end, or to the next
 * quoted block, and the sign-off block that message_signoff.c finds).
 * Words written below or between '>' lines are the sender's.
 * Owns: nothing past the call; results are new strings or bytes in the
 * caller's buffer.
 * Never: backtracks; every function here is one pass over its input plus
 * bounded look-ahead, so hostile input costs linear time.
 * Calls, one way: message_signoff (the sign-off block) and message_decode
 * (a forwarded From); message.c and message_body.c call it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "message_int.h"

/* ---- splitting --------------------------------------------------------- */

static bool
starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static bool
ends(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static bool
starts_case(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncasecmp(s, prefix, n) == 0;
}

static bool
all_of(const char *s, size_t len, char c, size_t min)
{
	if (len < min)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] != c)
			return false;
	return true;
}

/*
 * Banners that mail clients put above a forwarded message (Gmail,
 * Thunderbird, Apple Mail, in English, German, French and Spanish), and
 * above the copy of the original in Outlook, which is a reply or a forward
 * depending on the subject.
 */
static const char *const forward_words[] = {
	"forwarded message", "weitergeleitete nachricht",
	"weitergeleiteten nachricht", "message transf\xc3\xa9r\xc3\xa9",
	"message transfere", "message r\xc3\xa9" "exp\xc3\xa9" "di\xc3\xa9",
	"message reexpedie", "mensaje reenviado",
};
static const char *const original_words[] = {
	"original message", "urspr\xc3\xbcngliche nachricht",
	"ursprungliche nachricht", "message d'origine", "mensaje original",
};

static bool
any_in(const char *s, size_t len, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (str_casestrn(s, len, words[i]) != NULL)
			return true;
	return false;
}

/* forward_marker - a banner above a forwarded message, in any client */
static bool
forward_marker(const char *s, size_t len)
{
	/* every banner is framed by dashes or ends with a colon, and has
	 * words: most lines fail these before any search */
	if (len < 10 || len >= 100 || !((s[0] == '-' && s[len - 1] == '-') ||
	    s[len - 1] == ':' || s[len - 2] == ':') ||
	    memchr(s, ' ', len) == NULL)
		return false;
	return any_in(s, len, forward_words,
	    sizeof(forward_words) / sizeof(forward_words[0]));
}

/* original_marker - Outlook's "-----Original Message-----" and kin */
static bool
original_marker(const char *s, size_t len)
{
	if (len < 10 || s[len - 1] != '-' || memchr(s, ' ', len) == NULL)
		return false;	/* "-----Original Message-----" */
	return len < 100 && any_in(s, len, original_words,
	    sizeof(original_words) / sizeof(original_words[0]));
}

/* "On <date>, <name> wrote:" and its cousins in other languages */
bool
text_is_attribution(const char *s, size_t len)
{
	text_trim_span(&s, &len);
	if (len == 0 || len > 400)
		return false;
	if (starts(s, len, "On ") && ends(s, len, "wrote:"))
		return true;
	if (starts(s, len, "Le ") && (ends(s, len, "crit :") ||
	    ends(s, len, "crit:")))
		return true;
	if (starts(s, len, "Am ") && ends(s, len, ":") &&
	    str_casestrn(s, len, "schrieb") != NULL)
		return true;
	if (starts(s, len, "El ") && ends(s, len, "escribi\xc3\xb3:"))
		return true;
	if (starts(s, len, "Il ") && ends(s, len, "ha scritto:"))
		return true;
	if (starts(s, len, "Op ") && ends(s, len, ":") &&
	    str_casestrn(s, len, "schreef") != NULL)
		return true;
	if (starts(s, len, "Em ") && ends(s, len, "escreveu:"))
		return true;
	if (s[0] == '-' && original_marker(s, len))
		return true;
	return forward_marker(s, len);
}

/* Header names of a copied message's From, in the four languages. */
static const char *const from_keys[] = {
	"From:", "*From:*", "Von:", "*Von:*", "De :", "De:", "*De :*", "*De:*",
};
/* ... and of the line that follows it in Outlook's copy. */
static const char *const sent_keys[] = {
	"Sent:", "Date:", "Gesendet:", "Datum:", "Envoy\xc3\xa9 :",
	"Envoy\xc3\xa9:", "Date :", "Enviado:", "Enviado el:", "Fecha:",
	"*Sent:*", "*Gesendet:*", "*Envoy\xc3\xa9 :*", "*Enviado el:*",
	"*Date:*",
};

/* from_key - length of a From header name opening the line, or 0 */
static size_t
from_key(const char *s, size_t len)
{
	text_trim_span(&s, &len);
	if (len == 0 || strchr("FfVvDd*", s[0]) == NULL)
		return 0;	/* From, Von, De and their bold forms only */
	for (size_t i = 0; i < sizeof(from_keys) / sizeof(from_keys[0]); i++)
		if (starts_case(s, len, from_keys[i]))
			return strlen(from_keys[i]);
	return 0;
}

static bool
sent_key(const char *s, size_t len)
{
	text_trim_span(&s, &len);
	for (size_t i = 0; i < sizeof(sent_keys) / sizeof(sent_keys[0]); i++)
		if (starts_case(s, len, sent_keys[i]))
			return true;
	return false;
}

/* ... and the other fields of a copied header, in the four languages. */
static const char *const other_keys[] = {
	"To:", "Cc:", "Subject:", "An:", "Betreff:", "\xc3\x80 :",
	"\xc3\x80:", "Objet :", "Objet:", "Para:", "CC:", "Asunto:",
	"*To:*", "*An:*", "*Para:*", "*Asunto:*", "*Betreff:*", "*Objet :*",
};

#define HEADER_REACH	3	/* lines after a From where its Sent may stand */

/*
 * header_follows - within HEADER_REACH lines from `next` (the line after
 * a From field), a Sent field, or two other fields of a copied header:
 * Outlook writes "De:, Para:, Enviado el:", and a long From wraps its
 * address onto a line of its own.
 */
static bool
header_follows(const char *s, size_t len, struct text_line next)
{
	struct text_line l = next;
	size_t keys = 0;

	for (size_t i = 0; i < HEADER_REACH && l.len > 0; i++) {
		const char *t = l.s;
		size_t tl = l.len, npos = (size_t)(l.s - s) + l.len + 1;

		text_trim_span(&t, &tl);
		if (sent_key(t, tl))
			return true;
		for (size_t k = 0; k < sizeof(other_keys) /
		    sizeof(other_keys[0]); k++)
			if (starts_case(t, tl, other_keys[k])) {
				keys++;
				break;
			}
		if (keys >= 2 || npos >= len)
			break;
		l = text_line_at(s, len, npos);
	}
	return keys >= 2;
}

/*
 * quote_starts - the line at pos (with its follower) opens a quoted block
 * that runs to the end: an attribution, possibly wrapped over two lines,
 * a line of underscores or an Outlook "From:/Sent:" header (its Sent a
 * few lines down, or two other fields: header_follows).
 */
static bool
quote_starts(const char *s, size_t len, struct text_line cur)
{
	size_t npos = (size_t)(cur.s - s) + cur.len + 1;
	struct text_line next = { "", 0 };
	const char *t = cur.s;
	size_t tl = cur.len;

	if (text_is_attribution(cur.s, cur.len))
		return true;
	if (npos < len)
		next = text_line_at(s, len, npos);
	text_trim_span(&t, &tl);
	if (all_of(t, tl, '_', 10))
		return from_key(next.s, next.len) > 0;
	if (from_key(t, tl) > 0 && (sent_key(next.s, next.len) ||
	    header_follows(s, len, next)))
		return true;
	if (tl > 0 && tl < 300 && next.len > 0 && next.len < 300 &&
	    (starts(t, tl, "On ") || starts(t, tl, "Le ") ||
	    starts(t, tl, "Am ") || starts(t, tl, "El "))) {
		char joined[640];

		memcpy(joined, t, tl);
		joined[tl] = ' ';
		memcpy(joined + tl + 1, next.s, next.len);
		return text_is_attribution(joined, tl + 1 + next.len);
	}
	return false;
}

static int
put_line(struct buf *b, struct text_line l)
{
	size_t n = l.len;

	while (n > 0 && l.s[n - 1] == '\r')
		n--;
	if (buf_append(b, l.s, n) < 0 || buf_putc(b, '\n') < 0)
		return -1;
	return 0;
}

/* finish - the buffer without blank lines at either end, as a string */
static char *
finish(struct buf *b)
{
	const char *s = b->data != NULL ? b->data : "";
	size_t start = 0, end = b->len;

	while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == ' ' ||
	    s[end - 1] == '\t'))
		end--;
	/* drop whole blank lines at the start, keep indentation of the first */
	for (size_t i = 0; i < end; i++) {
		if (s[i] == '\n')
			start = i + 1;
		else if (s[i] != ' ' && s[i] != '\t')
			break;
	}
	return xstrndup(s + start, end - start);
}

/* ---- addresses in forwarded headers ------------------------------------ */

#define FWD_LOOKAHEAD	12	/* lines after a banner searched for its From */
#define ADDR_LINE_MAX	400	/* bytes of a From value looked at */

static bool
addr_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '%' ||
	    ch == '+' || ch == '-' || ch == '\'';
}

/* name_part - s[0..n) trimmed of blanks, quotes and brackets, or NULL */
static char *
name_part(const char *s, size_t n)
{
	char *r;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '"' || *s == '\'' ||
	    *s == '(' || *s == '*'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')' ||
	    s[n - 1] == '*' || s[n - 1] == '\r'))
		n--;
	if (n == 0 || memchr(s, '@', n) != NULL)
		return NULL;
	if ((r = xstrndup(s, n)) != NULL)
		str_trim(r);
	return r;
}

bool
text_address(const char *s, size_t len, struct address *out)
{
	const char *at, *lo, *hi, *lt;
	char *email, *name = NULL;

	if (len > ADDR_LINE_MAX)
		len = ADDR_LINE_MAX;
	if ((at = memchr(s, '@', len)) == NULL)
		return false;
	for (lo = at; lo > s && addr_char(lo[-1]); lo--)
		;
	for (hi = at + 1; hi < s + len && addr_char(*hi); hi++)
		;
	while (hi > at + 1 && (hi[-1] == '.' || hi[-1] == '-'))
		hi--;
	if (lo == at || hi == at + 1)
		return false;
	if ((email = xstrndup(lo, (size_t)(hi - lo))) == NULL)
		return false;
	str_lower_inplace(email);
	if (!email_valid(email) || strchr(email, '.') == NULL) {
		free(email);
		return false;
	}
	/* the name: before "<" or "[mailto:", else in parentheses after */
	lt = lo;
	while (lt > s && (lt[-1] == '<' || lt[-1] == '[' || lt[-1] == ':' ||
	    lt[-1] == ' '))
		lt--;
	if (lt - s >= 7 && strncasecmp(lt - 6, "mailto", 6) == 0)
		lt -= 6;
	while (lt > s && (lt[-1] == '[' || lt[-1] == '<' || lt[-1] == ' '))
		lt--;
	if (lt > s)
		name = name_part(s, (size_t)(lt - s));
	else if (hi < s + len && memchr(hi, '(', (size_t)(s + len - hi)))
		name = name_part(hi, (size_t)(s + len - hi));
	out->email = email;
	out->name = name;
	return true;
}

bool
header_from(const char *s, size_t hend, struct address *out)
{
	for (size_t pos = 0; pos < hend;) {
		const char *nl = memchr(s + pos, '\n', hend - pos);
		size_t end = nl ? (size_t)(nl - s) : hend, vend;
		char *v;
		bool ok;

		if (!starts_case(s + pos, end - pos, "From:")) {
			pos = end + 1;
			continue;
		}
		/* the value, continuation lines included */
		for (vend = end; vend + 1 < hend && (s[vend + 1] == ' ' ||
		    s[vend + 1] == '\t');) {
			nl = memchr(s + vend + 1, '\n', hend - vend - 1);
			vend = nl ? (size_t)(nl - s) : hend;
		}
		if (vend - pos - 5 > ADDR_LINE_MAX)
			vend = pos + 5 + ADDR_LINE_MAX;
		if ((v = hdr_decode(s + pos + 5, vend - pos - 5)) == NULL)
			return false;
		ok = text_address(v, strlen(v), out);
		free(v);
		return ok;
	}
	return false;
}

bool
message_subject_forward(const char *subj)
{
	static const char *const pre[] = { "fwd", "fw", "wg", "tr", "rv",
		"enc" };

	if (subj == NULL)
		return false;
	while (*subj == ' ' || *subj == '\t')
		subj++;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t n = strlen(pre[i]);
		const char *p = subj + n;

		if (strncasecmp(subj, pre[i], n) != 0)
			continue;
		while (*p == ' ')
			p++;
		if (*p == ':')
			return true;
	}
	return false;
}

/* unquote - the line without its "> " quoting and outer blanks */
static void
unquote(const char **s, size_t *len)
{
	text_trim_span(s, len);
	while (*len > 0 && **s == '>') {
		(*s)++;
		(*len)--;
		text_trim_span(s, len);
	}
}

/*
 * forwarded_from - the quoted block opening at line `cur` is a forwarded
 * message: its From (among the next few lines) into m->forwarded.
 */
static void
forwarded_from(const char *s, size_t len, struct text_line cur, struct message *m)
{
	size_t pos = (size_t)(cur.s - s);
	const char *t = cur.s;
	size_t tl = cur.len;

	if (m->forwarded.email != NULL)
		return;
	unquote(&t, &tl);
	if (!forward_marker(t, tl) && !message_subject_forward(m->subject))
		return;
	if (text_is_attribution(t, tl) && !forward_marker(t, tl) &&
	    !original_marker(t, tl))
		return;		/* "On ... wrote:" quotes a reply */
	for (size_t k = 0; k <= FWD_LOOKAHEAD && pos < len; k++) {
		struct text_line l = text_line_at(s, len, pos);
		size_t fk;

		pos += l.len + 1;
		t = l.s;
		tl = l.len;
		unquote(&t, &tl);
		if ((fk = from_key(t, tl)) == 0)
			continue;
		if (text_address(t + fk, tl - fk, &m->forwarded))
			return;
	}
}

/* quoted_forward - a "> " line holding a forward banner */
static bool
quoted_forward(struct text_line l)
{
	const char *t = l.s;
	size_t tl = l.len;

	unquote(&t, &tl);
	return forward_marker(t, tl);
}

/*
 * reply_quote - the line opens a reply's attribution ("On ... wrote:",
 * maybe wrapped over two lines: *extra is then 1) whose quote is marked
 * with '>' line by line.  Such a quote ends where the '>' lines do: what
 * follows is the sender's again (answers between or below the quote).
 */
static bool
reply_quote(const char *s, size_t len, struct text_line cur, size_t *extra)
{
	size_t pos = (size_t)(cur.s - s) + cur.len + 1;
	const char *t = cur.s;
	size_t tl = cur.len;

	text_trim_span(&t, &tl);
	if (forward_marker(t, tl) || original_marker(t, tl) ||
	    from_key(t, tl) > 0 || (tl > 0 && (t[0] == '-' || t[0] == '_')))
		return false;
	*extra = text_is_attribution(t, tl) ? 0 : 1;
	if (*extra == 1 && pos < len)
		pos += text_line_at(s, len, pos).len + 1;
	while (pos < len) {
		struct text_line l = text_line_at(s, len, pos);

		t = l.s;
		tl = l.len;
		text_trim_span(&t, &tl);
		if (tl > 0)
			return t[0] == '>';
		pos += l.len + 1;
	}
	return false;
}

int
text_split(const char *s, size_t len, struct message *m)
{
	enum { NOW, SIG, TAIL } state = NOW;
	struct buf now, quoted, sig;
	size_t pos = 0, extra = 0;
	int rc = -1;

	buf_init(&now, 0);
	buf_init(&quoted, 0);
	buf_init(&sig, 0);
	while (pos < len) {
		struct text_line l = text_line_at(s, len, pos);
		struct buf *to = &now;
		bool qs = false;

		pos += l.len + 1;
		if (state == TAIL || extra > 0) {
			to = &quoted;
			if (extra > 0)
				extra--;
		} else if ((qs = quote_starts(s, len, l)) &&
		    reply_quote(s, len, l, &extra)) {
			to = &quoted;	/* the quote's '>' lines follow */
		} else if (qs) {
			state = TAIL;
			to = &quoted;
			forwarded_from(s, len, l, m);
		} else if (l.len > 0 && l.s[0] == '>') {
			if (state == SIG)
				state = NOW;	/* a quote ends the signature */
			to = &quoted;
			/* a forward inside a quote (Apple Mail's HTML) */
			if (m->forwarded.email == NULL && quoted_forward(l))
				forwarded_from(s, len, l, m);
		} else if (state == NOW && (starts(l.s, l.len, "--") &&
		    (l.len == 2 || (l.len == 3 && (l.s[2] == ' ' ||
		    l.s[2] == '\r')) || (l.len == 4 && memcmp(l.s + 2, " \r",
		    2) == 0)))) {
			state = SIG;
			continue;
		} else if (state == SIG) {
			to = &sig;
		}
		if (put_line(to, l) < 0)
			goto out;
	}
	m->text = finish(&now);
	m->quoted = finish(&quoted);
	m->signature = finish(&sig);
	if (m->text != NULL && m->quoted != NULL && m->signature != NULL)
		rc = text_split_signoff(m);
out:
	buf_free(&now);
	buf_free(&quoted);
	buf_free(&sig);
	return rc;
}
