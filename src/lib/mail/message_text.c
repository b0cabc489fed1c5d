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
 * quoted block, and the sign-off block: a closing line, the sender's name
 * alone, a device line or a disclaimer).  Words written below or between
 * '>' lines are the sender's.
 * Owns: nothing past the call; results are new strings or bytes in the
 * caller's buffer.
 * Never: backtracks; every function here is one pass over its input plus
 * bounded look-ahead, so hostile input costs linear time.
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

static void
trim_span(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	    (*s)[*len - 1] == '\r'))
		(*len)--;
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
	trim_span(&s, &len);
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

struct line {
	const char *s;
	size_t len;
};

static struct line
line_at(const char *s, size_t len, size_t pos)
{
	const char *nl = memchr(s + pos, '\n', len - pos);
	struct line l = { s + pos, nl ? (size_t)(nl - s) - pos : len - pos };

	return l;
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
	trim_span(&s, &len);
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
	trim_span(&s, &len);
	for (size_t i = 0; i < sizeof(sent_keys) / sizeof(sent_keys[0]); i++)
		if (starts_case(s, len, sent_keys[i]))
			return true;
	return false;
}

/*
 * quote_starts - the line at pos (with its follower) opens a quoted block
 * that runs to the end: an attribution, possibly wrapped over two lines,
 * a line of underscores or an Outlook "From:/Sent:" header.
 */
static bool
quote_starts(const char *s, size_t len, struct line cur)
{
	size_t npos = (size_t)(cur.s - s) + cur.len + 1;
	struct line next = { "", 0 };
	const char *t = cur.s;
	size_t tl = cur.len;

	if (text_is_attribution(cur.s, cur.len))
		return true;
	if (npos < len)
		next = line_at(s, len, npos);
	trim_span(&t, &tl);
	if (all_of(t, tl, '_', 10))
		return from_key(next.s, next.len) > 0;
	if (from_key(t, tl) > 0 && sent_key(next.s, next.len))
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
put_line(struct buf *b, struct line l)
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
#define SIGNOFF_LINES	20	/* last non-blank lines searched for a sign-off */
#define CLOSING_FOLD	48	/* bytes of a line folded to find a closing */
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
	trim_span(s, len);
	while (*len > 0 && **s == '>') {
		(*s)++;
		(*len)--;
		trim_span(s, len);
	}
}

/*
 * forwarded_from - the quoted block opening at line `cur` is a forwarded
 * message: its From (among the next few lines) into m->forwarded.
 */
static void
forwarded_from(const char *s, size_t len, struct line cur, struct message *m)
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
		struct line l = line_at(s, len, pos);
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
quoted_forward(struct line l)
{
	const char *t = l.s;
	size_t tl = l.len;

	unquote(&t, &tl);
	return forward_marker(t, tl);
}

/* ---- sign-offs --------------------------------------------------------- */

/*
 * Closing phrases that end a letter, folded to ASCII lower case: after one
 * of them (alone on its line, or with a name after a comma) comes the
 * sender's name, title, firm, phone and disclaimers, never their message.
 */
static const char *const closings[] = {
	/* English, German, French and Spanish, sorted (closing_range) */
	"a bientot", "abrazos", "all the best", "amicalement", "atentamente",
	"besos", "best", "best regards", "best wishes",
	"best wishes and thanks", "beste gruesse", "beste grusse",
	"besten dank", "bien a toi", "bien a vous", "bien cordialement",
	"bises", "bisous", "bonne journee", "bonne soiree", "cheers",
	"cordialement", "cordialmente", "danke", "danke und gruss",
	"danke und grusse", "freundliche gruesse", "freundliche grusse",
	"gracias", "gracias de antemano", "gruesse", "gruss", "grusse",
	"hasta pronto", "herzliche gruesse", "herzliche grusse",
	"herzlichen dank", "kind regards", "kindest regards", "lg",
	"liebe gruesse", "liebe grusse", "many thanks",
	"meilleures salutations", "merci", "merci beaucoup", "merci d'avance",
	"merci encore", "mfg", "mil gracias", "mit besten grussen",
	"mit freundlichem gruss", "mit freundlichen gruessen",
	"mit freundlichen grussen", "mit herzlichen grussen",
	"mit lieben grussen", "muchas gracias", "muchos saludos", "regards",
	"saludos", "saludos cordiales", "salutations",
	"salutations distinguees", "schone grusse", "sincerely",
	"sinceres salutations", "sonnige grusse", "speak soon", "take care",
	"talk soon", "thank you", "thanks", "thanks again",
	"thanks and regards", "thanks in advance", "thanks so much", "thx",
	"tres cordialement", "un abrazo", "un cordial saludo", "un saludo",
	"vg", "viele gruesse", "viele grusse", "vielen dank", "warm regards",
	"warm wishes", "warmest regards", "with best wishes", "with thanks",
	"yours", "yours faithfully", "yours sincerely", "yours truly",
};

/* Lines that open the tail of a mail whatever precedes them. */
static const char *const tail_openers[] = {
	"sent from my", "get outlook for", "von meinem", "gesendet von",
	"envoye de mon", "envoye depuis", "enviado desde mi",
	"this email and any", "this e-mail and any", "this message and any",
	"this email is confidential", "this e-mail is confidential",
	"this message is confidential", "confidentiality notice",
	"disclaimer:", "diese e-mail enthalt vertrauliche",
	"diese e-mail ist vertraulich", "diese nachricht ist vertraulich",
	"ce message et ses pieces jointes", "ce message est confidentiel",
	"ce courriel est confidentiel", "este mensaje y sus anexos",
	"este mensaje es confidencial", "este correo es confidencial",
	"este correo electronico y", "please consider the environment",
};

/* Latin-1 letters U+00C0..U+00FF as ASCII ('*': sharp s, '?': other) */
static const char latin1_ascii[] =
    "AAAAAA?CEEEEIIIIDNOOOOO?OUUUUY?*" "aaaaaa?ceeeeiiiidnooooo?ouuuuy?y";

/*
 * ascii_fold - the line in ASCII lower case, accents dropped, ß as "ss",
 * blanks collapsed, at most outlen - 1 bytes; returns its length.
 */
static size_t
ascii_fold(const char *s, size_t len, char *out, size_t outlen)
{
	size_t o = 0;
	bool space = false;

	for (size_t i = 0; i < len && o + 3 < outlen; i++) {
		unsigned char c = (unsigned char)s[i];
		char a;

		if (c == ' ' || c == '\t' || c == '\r') {
			space = o > 0;
			continue;
		}
		if (c == 0xc3 && i + 1 < len && ((unsigned char)s[i + 1] & 0xc0) ==
		    0x80) {
			a = latin1_ascii[(unsigned char)s[++i] & 0x3f];
		} else if (c == 0xe2 && i + 2 < len &&
		    (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			a = '\'';	/* the typographic apostrophe */
			i += 2;
		} else {
			a = c >= 'A' && c <= 'Z' ? (char)(c + 0x20) : (char)c;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		if (a == '*') {
			out[o++] = 's';
			out[o++] = 's';
			continue;
		}
		out[o++] = a >= 'A' && a <= 'Z' ? (char)(a + 0x20) : a;
	}
	out[o] = '\0';
	return o;
}

/*
 * closing_range - the closings that start with the folded letters a, b
 * (b 0: any), as [*lo, *hi) of the sorted table; empty when none.
 */
static void
closing_range(char a, char b, size_t *lo, size_t *hi)
{
	size_t n = sizeof(closings) / sizeof(closings[0]), l = 0, h = n;

	while (l < h) {		/* the first closing >= "ab" */
		size_t m = (l + h) / 2;

		if (closings[m][0] < a || (closings[m][0] == a && b != 0 &&
		    closings[m][1] < b))
			l = m + 1;
		else
			h = m;
	}
	*lo = l;
	while (l < n && closings[l][0] == a && (b == 0 || closings[l][1] == b))
		l++;
	*hi = l;
}

static bool
in_closings(const char *folded, size_t n, size_t lo, size_t hi)
{
	for (size_t i = lo; i < hi; i++)
		if (strlen(closings[i]) == n &&
		    memcmp(closings[i], folded, n) == 0)
			return true;
	return false;
}

/* name_words - s is at most three words that each start in upper case */
static bool
name_words(const char *s, size_t len)
{
	size_t words = 0;
	bool inword = false;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\r') {
			inword = false;
			continue;
		}
		if (c == '?' || c == ':' || c == ';' || c == ',')
			return false;
		if (!inword) {
			if (!((c >= 'A' && c <= 'Z') || c == 0xc3 || c == '-'))
				return false;
			if (++words > 3)
				return false;
			inword = true;
		}
	}
	return words > 0;
}

/* skip_words - s past its first n words (and the blanks after them) */
static const char *
skip_words(const char *s, const char *end, size_t n)
{
	for (size_t i = 0; i < n && s < end; i++) {
		while (s < end && *s != ' ' && *s != '\t')
			s++;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
	}
	return s;
}

/*
 * closing_line - "Best regards," / "Mit freundlichen Grüßen" / "Thanks,
 * Anna" / "Gruß Frank" / "Saludos." on a line of its own.  The line is
 * folded once and each closing compared with its start.
 */
static bool
closing_line(const char *s, size_t len)
{
	char f[96];
	const char *comma, *end;
	size_t n, lo = 0, hi = 0;

	trim_span(&s, &len);
	if (len < 2 || len > 80 || !((((unsigned char)s[0] | 0x20) >= 'a' &&
	    ((unsigned char)s[0] | 0x20) <= 'z') || (unsigned char)s[0] == 0xc3))
		return false;
	end = s + len;
	if ((unsigned char)s[0] < 0x80) {
		/* no closing starts with these two letters: no fold at all */
		closing_range((char)(s[0] | 0x20), (unsigned char)s[1] < 0x80 ?
		    (char)(s[1] | 0x20) : 0, &lo, &hi);
		if (lo == hi)
			return false;
	}
	/* closings are short: the start of the line is all they need */
	n = ascii_fold(s, len < CLOSING_FOLD ? len : CLOSING_FOLD, f, sizeof(f));
	while (n > 0 && strchr(" ,.!:;-~", f[n - 1]) != NULL)
		f[--n] = '\0';
	if (n == 0)
		return false;
	closing_range(f[0], f[1] == ' ' || f[1] == ',' ? 0 : f[1], &lo, &hi);
	if (len <= CLOSING_FOLD && in_closings(f, n, lo, hi))
		return true;
	/* a closing, then a name: after a comma ("Thanks, Anna") or not */
	comma = memchr(s, ',', len);
	for (size_t i = lo; i < hi; i++) {
		size_t cl, words = 1;
		const char *rest;

		cl = strlen(closings[i]);
		if (cl >= n || memcmp(f, closings[i], cl) != 0 ||
		    (f[cl] != ' ' && f[cl] != ','))
			continue;
		for (size_t k = 0; k < cl; k++)
			words += closings[i][k] == ' ';
		rest = skip_words(s, end, words);
		if (comma != NULL && rest > comma && rest - comma <= 2)
			rest = comma + 1;	/* "Thanks,Anna" */
		while (rest < end && (*rest == ' ' || *rest == ','))
			rest++;
		if (rest < end && name_words(rest, (size_t)(end - rest)))
			return true;
	}
	return false;
}

/* tail_line - a device line or a legal disclaimer */
static bool
tail_line(const char *s, size_t len)
{
	char f[64];
	size_t n;

	trim_span(&s, &len);
	if (len == 0 || strchr("sgvetcdpSGVETCDP", s[0]) == NULL)
		return false;	/* no opener starts otherwise */
	n = ascii_fold(s, len < 40 ? len : 40, f, sizeof(f));
	for (size_t i = 0; i < sizeof(tail_openers) / sizeof(tail_openers[0]);
	    i++)
		if (n >= strlen(tail_openers[i]) &&
		    memcmp(f, tail_openers[i], strlen(tail_openers[i])) == 0)
			return true;
	return false;
}

/*
 * own_name_line - the line is the sender signing: their given name or
 * full name alone ("Sam", "- Sam", "Claire x", "Sam Okoro.").  nf is the
 * sender's display name folded (ascii_fold), nn its length; given the
 * length of its first word.
 */
static bool
own_name_line(const char *s, size_t len, const char *nf, size_t nn,
    size_t given)
{
	char f[96];
	size_t n, lead;

	if (nn == 0 || len > 60 || len == 0)
		return false;
	/* the line must start like the name (or a dash before it) */
	if (((unsigned char)s[0] | 0x20) != (unsigned char)nf[0] &&
	    strchr("-~*", s[0]) == NULL && (unsigned char)s[0] < 0x80)
		return false;
	n = ascii_fold(s, len, f, sizeof(f));
	while (n > 0 && strchr(" ,.!-~", f[n - 1]) != NULL)
		n--;
	if (n > 2 && f[n - 1] == 'x' && (f[n - 2] == ' ' ||
	    (f[n - 2] == 'x' && n > 3 && f[n - 3] == ' ')))
		n -= f[n - 2] == ' ' ? 2 : 3;	/* "Claire x", "Jo xx" */
	lead = strspn(f, " -~*");
	if (lead >= n)
		return false;
	return (n - lead == nn && memcmp(f + lead, nf, nn) == 0) ||
	    (given >= 2 && n - lead == given && memcmp(f + lead, nf, given) == 0);
}

/*
 * signoff_at - offset in text where the sign-off block starts (a closing
 * line, the sender's name alone on a line, a device line or a disclaimer,
 * after at least one line of the message), or len when there is none.
 * Only the last SIGNOFF_LINES non-blank lines are looked at: a sign-off
 * is at the end, and the cost stays bounded whatever the length.
 */
static size_t
signoff_at(const char *text, size_t len, const char *name)
{
	size_t starts[SIGNOFF_LINES], n = 0, first, end = len, nn = 0, given;
	char nf[96];

	/* the first non-blank line is the message's, whatever it says */
	for (first = 0; first < len && (text[first] == ' ' ||
	    text[first] == '\t' || text[first] == '\n' || text[first] == '\r');
	    first++)
		;
	while (first > 0 && text[first - 1] != '\n')
		first--;
	/* the last SIGNOFF_LINES non-blank lines after it, walking back */
	while (end > first && n < SIGNOFF_LINES) {
		size_t b = end;
		bool blank = true;

		while (b > first && text[b - 1] != '\n')
			b--;
		for (size_t i = b; i < end && blank; i++)
			blank = text[i] == ' ' || text[i] == '\t' ||
			    text[i] == '\r';
		if (!blank && b > first)
			starts[n++] = b;
		end = b > 0 ? b - 1 : 0;
	}
	if (n == 0)
		return len;
	if (name != NULL && strchr(name, ',') == NULL)
		nn = ascii_fold(name, strlen(name), nf, sizeof(nf));
	given = nn ? strcspn(nf, " ") : 0;
	for (size_t k = n; k-- > 0;) {
		struct line l = line_at(text, len, starts[k]);
		const char *t = l.s;
		size_t tl = l.len;

		trim_span(&t, &tl);
		if (closing_line(t, tl) || tail_line(t, tl) ||
		    own_name_line(t, tl, nf, nn, given))
			return starts[k];
	}
	return len;
}

/*
 * split_signoff - move the sign-off block at the end of m->text to the
 * front of m->signature; -1 on ENOMEM.
 */
static int
split_signoff(struct message *m)
{
	size_t len = strlen(m->text);
	size_t at = signoff_at(m->text, len, m->from.name);
	struct buf b;
	char *text;

	if (at >= len)
		return 0;
	buf_init(&b, 0);
	if (buf_append(&b, m->text + at, len - at) < 0 ||
	    (*m->signature != '\0' && (buf_putc(&b, '\n') < 0 ||
	    buf_puts(&b, m->signature) < 0))) {
		buf_free(&b);
		return -1;
	}
	if ((text = xstrndup(m->text, at)) == NULL) {
		buf_free(&b);
		return -1;
	}
	str_trim(text);
	free(m->text);
	m->text = text;
	free(m->signature);
	m->signature = buf_steal(&b);
	return m->signature == NULL ? -1 : 0;
}

/*
 * reply_quote - the line opens a reply's attribution ("On ... wrote:",
 * maybe wrapped over two lines: *extra is then 1) whose quote is marked
 * with '>' line by line.  Such a quote ends where the '>' lines do: what
 * follows is the sender's again (answers between or below the quote).
 */
static bool
reply_quote(const char *s, size_t len, struct line cur, size_t *extra)
{
	size_t pos = (size_t)(cur.s - s) + cur.len + 1;
	const char *t = cur.s;
	size_t tl = cur.len;

	trim_span(&t, &tl);
	if (forward_marker(t, tl) || original_marker(t, tl) ||
	    from_key(t, tl) > 0 || (tl > 0 && (t[0] == '-' || t[0] == '_')))
		return false;
	*extra = text_is_attribution(t, tl) ? 0 : 1;
	if (*extra == 1 && pos < len)
		pos += line_at(s, len, pos).len + 1;
	while (pos < len) {
		struct line l = line_at(s, len, pos);

		t = l.s;
		tl = l.len;
		trim_span(&t, &tl);
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
		struct line l = line_at(s, len, pos);
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
		rc = split_signoff(m);
out:
	buf_free(&now);
	buf_free(&quoted);
	buf_free(&sig);
	return rc;
}
