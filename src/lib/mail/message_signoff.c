/*
 * message_signoff - the sign-off block at the end of what the sender wrote.
 *
 * For: finding where a letter's closing starts in m->text (a closing
 * phrase such as "Best regards," or "Mit freundlichen Grüßen", perhaps
 * with a name after it; the sender's own name alone on a line; a device
 * line such as "Sent from my phone"; a legal disclaimer), after at least
 * one line of the message, and moving it to the front of m->signature,
 * so that what a signature says never tags anyone.
 * Owns: nothing past the call; m's strings are replaced by new ones.
 * A line of thanks followed by more prose ("Merci !", then "Je mets en
 * copie Hugo ...") is the letter going on, not its closing.
 * Never: looks at more than the last SIGNOFF_LINES non-blank lines, or
 * at more than the first bytes of a line, so its cost stays bounded;
 * calls nothing else of the message module (message_text calls it).
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "message_int.h"

#define SIGNOFF_LINES	20	/* last non-blank lines searched for a sign-off */
#define CLOSING_FOLD	48	/* bytes of a line folded to find a closing */

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

	text_trim_span(&s, &len);
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

	text_trim_span(&s, &len);
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

/* Closings that are thanks, which a writer also puts mid-letter on a
 * line of their own before going on ("Merci !", then a new paragraph). */
static const char *const thanks_openers[] = {
	"danke", "besten dank", "herzlichen dank", "vielen dank", "gracias",
	"mil gracias", "muchas gracias", "many thanks", "merci", "thank",
	"thx",
};

/* thanks_line - the line opens with thanks */
static bool
thanks_line(const char *s, size_t len)
{
	char f[32];
	size_t n = ascii_fold(s, len < 24 ? len : 24, f, sizeof(f));

	for (size_t i = 0; i < sizeof(thanks_openers) /
	    sizeof(thanks_openers[0]); i++)
		if (n >= strlen(thanks_openers[i]) && memcmp(f,
		    thanks_openers[i], strlen(thanks_openers[i])) == 0)
			return true;
	return false;
}

/*
 * prose_line - the line is the sender writing on, not a signature: at
 * least six words, three of them in lower case ("Je mets en copie Hugo
 * Lefèvre, un de mes élèves, qui cherche"), and no device line or
 * disclaimer.
 */
static bool
prose_line(const char *s, size_t len)
{
	size_t words = 0, lower = 0, i = 0;

	text_trim_span(&s, &len);
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			break;
		words++;
		lower += s[i] >= 'a' && s[i] <= 'z';
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
	}
	return words >= 6 && lower >= 3 && !tail_line(s, len);
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
		struct text_line l = text_line_at(text, len, starts[k]);
		const char *t = l.s;
		size_t tl = l.len;

		text_trim_span(&t, &tl);
		if (closing_line(t, tl)) {
			struct text_line nx;

			if (k == 0 || !thanks_line(t, tl))
				return starts[k];
			/* "Merci !" and the letter goes on: no sign-off */
			nx = text_line_at(text, len, starts[k - 1]);
			if (!prose_line(nx.s, nx.len))
				return starts[k];
			continue;
		}
		if (tail_line(t, tl) || own_name_line(t, tl, nf, nn, given))
			return starts[k];
	}
	return len;
}

/*
 * postscript_at - offset of a postscript line ("PS", "P.S.", "PD:", the
 * sender writing on after the name) in text[from, len), or len
 */
static size_t
postscript_at(const char *text, size_t len, size_t from)
{
	for (size_t i = from; i < len; i++) {
		const char *t = text + i;
		size_t n = len - i, k = 0;

		if (i > from && text[i - 1] != '\n')
			continue;
		if (n > 1 && (t[0] == 'P' || t[0] == 'p'))
			k = 1;
		if (k == 1 && n > 2 && t[1] == '.')
			k = 2;
		if (k > 0 && n > k + 1 && strchr("SsDd", t[k]) != NULL)
			k++;
		else
			continue;
		if (k < n && t[k] == '.')
			k++;
		if (k < n && strchr(" :\t", t[k]) != NULL)
			return i;
	}
	return len;
}

/*
 * text_split_signoff - move the sign-off block at the end of m->text to the
 * front of m->signature, leaving a postscript after it in the text; -1 on
 * ENOMEM.
 */
int
text_split_signoff(struct message *m)
{
	size_t len = strlen(m->text);
	size_t at = signoff_at(m->text, len, m->from.name), ps, keep;
	struct buf b, t;
	char *text;

	if (at >= len)
		return 0;
	ps = postscript_at(m->text, len, at);
	buf_init(&b, 0);
	if (buf_append(&b, m->text + at, ps - at) < 0 ||
	    (*m->signature != '\0' && (buf_putc(&b, '\n') < 0 ||
	    buf_puts(&b, m->signature) < 0))) {
		buf_free(&b);
		return -1;
	}
	keep = at;
	while (ps < len && keep > 0 && strchr(" \t\r\n", m->text[keep - 1]))
		keep--;		/* one blank line before the postscript */
	buf_init(&t, 0);
	if (buf_append(&t, m->text, keep) < 0 || (ps < len &&
	    (buf_puts(&t, "\n\n") < 0 ||
	    buf_append(&t, m->text + ps, len - ps) < 0)) ||
	    (text = buf_steal(&t)) == NULL) {
		buf_free(&t);
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
