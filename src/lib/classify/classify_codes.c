/*
 * classify_codes - referral codes the owner hands out in their own words.
 *
 * DESCRIPTION
 *	`clientele code` is not the only way a code is born: an owner writes
 *	to a customer "ask your friends to write to
 *	hello+ref-grace7@stillpoint.example" or "qu'ils donnent le code
 *	NOEL-24", "que ponga el código ref-alicia9 en el asunto" (a word
 *	that opens with the ReferralTag is a code in any case).
 *	cl_learn_code reads the owner's mail to exactly one
 *	person (To, nobody in Cc; a mail to several hands nobody a code)
 *	and puts the first such code of the new text into f->code for that
 *	person; the store keeps it unless it is someone else's already.
 *
 *	cl_body_codes is the other end: a newcomer quotes a code in the text
 *	or the subject ("Ich habe den Code GARTEN-12", "vengo con el código
 *	LUZ-5"); a code
 *	the store knows credits its holder, as an owner+ref-CODE@ recipient
 *	or a subject's [ref-CODE] does (classify_referral.c).
 *
 *	A code is what follows "code", "Code", "código", "Gutscheincode" or
 *	"Empfehlungscode" (after ':', ',' or '.' and at most CODE_LINKS
 *	words: a verb "is", "ist", "est", "es", a pronoun "yours", "le
 *	vôtre", "el tuyo", or a complement "de parrainage", "de
 *	recomendación"):
 *	3 to CL_MAX_CODE letters, digits, '-' and '_' with at least one
 *	letter and one digit (a door code "4521" is none), or at least 5
 *	of them that join words by '-' or '_' ("ROSS-VOGEL", "EAUVIVE-ASD").  The owner's must also have no lower-case letter ("FL-77",
 *	not "code is ready"); a quoted one needs only to be known.  Each
 *	scan is one pass over the text.  classify_code_hint tells the
 *	pipeline from the raw bytes whether the owner's body is worth
 *	parsing for a code at all.
 *
 * NEVER
 *	Stores anything (the store decides whether the code is free), or
 *	reads quoted text or signatures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define CODE_MIN	3	/* bytes of a code read from text */
#define CODE_MIN_JOINED	5	/* bytes of a code of joined words */

/* Words a code follows (folded). */
static const char *const code_words[] = {
	"code", "codigo", "gutscheincode", "empfehlungscode", "rabattcode",
};

/*
 * Words that may stand between the code word and the code: a verb, or
 * the pronoun that names whose code it is ("referral code. Yours is
 * HARTLEY-RM", "le vôtre est", "el tuyo es", "Ihrer lautet").
 */
static const char *const code_links[] = {
	"is", "ist", "est", "es", "lautet", "number", "nummer", "numero",
	"yours", "votre", "tien", "le", "la", "el", "tuyo", "suyo",
	"vuestro", "ihrer", "deiner", "ihr", "dein",
};

/*
 * Words that open a one-word complement of the code word ("code de
 * parrainage", "código de recomendación", "Code für Freunde").
 */
static const char *const code_of[] = {
	"de", "d", "for", "fur", "para", "pour",
};

#define CODE_LINKS	3	/* words between the code word and the code */

static bool
in_words(const char *w)
{
	return str_in_list(code_words, NELEM(code_words), w);
}

static bool
in_links(const char *w)
{
	return str_in_list(code_links, NELEM(code_links), w);
}

/* referral_tag - the configured ReferralTag, "ref-" by default */
static const char *
referral_tag(const struct cl *c)
{
	return c->cfg && c->cfg->referral_tag && *c->cfg->referral_tag ?
	    c->cfg->referral_tag : "ref-";
}

static bool
code_letter(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* code_shape - text[at, ...) starts a code: its length, else 0 */
static size_t
code_shape(const struct cl *c, size_t at, bool owner)
{
	size_t n = cl_code_len(c->text + at, c->tlen - at < CL_MAX_CODE + 1 ?
	    c->tlen - at : CL_MAX_CODE + 1);
	bool digit = false, letter = false, lower = false, joined = false;

	/* a sentence's full stop is not part of the code */
	while (n > 0 && (c->text[at + n - 1] == '-' ||
	    c->text[at + n - 1] == '_'))
		n--;
	if (n < CODE_MIN || n > CL_MAX_CODE)
		return 0;
	if (at + n < c->tlen && c->text[at + n] == '@')
		return 0;	/* an address, not a code */
	for (size_t i = 0; i < n; i++) {
		char ch = c->text[at + i];

		digit = digit || (ch >= '0' && ch <= '9');
		lower = lower || (ch >= 'a' && ch <= 'z');
		letter = letter || lower || (ch >= 'A' && ch <= 'Z');
		/* "ROSS-VOGEL": two words joined, a code without a digit */
		joined = joined || (i > 0 && (ch == '-' || ch == '_') &&
		    code_letter(c->text[at + i - 1]) &&
		    code_letter(c->text[at + i + 1]));
	}
	if (!letter || (owner && lower))
		return 0;
	return digit || (joined && n >= CODE_MIN_JOINED) ? n : 0;
}

/*
 * skip_to_code_word - move *pos to the start of the next word holding
 * "cod" or "cód" (every code word does): a plain search, so that text
 * without one is not walked word by word.  false when there is none.
 */
static bool
skip_to_code_word(const struct cl *c, size_t *pos)
{
	const char *a, *b, *p;

	if (*pos >= c->tlen)
		return false;
	a = str_casestrn(c->text + *pos, c->tlen - *pos, "cod");
	b = str_casestrn(c->text + *pos, c->tlen - *pos, "c\xc3\xb3" "d");
	if (a == NULL && b == NULL)
		return false;
	p = a == NULL || (b != NULL && b < a) ? b : a;
	/* back to the start of its word ("Gutscheincode") */
	while (p > c->text + *pos && p[-1] != ' ' && p[-1] != '\n' &&
	    p[-1] != '\t' && p[-1] != '\r' && p[-1] != '(' && p[-1] != '"')
		p--;
	*pos = (size_t)(p - c->text);
	return true;
}

/*
 * next_code - from *pos on, the next code after a code word, into code;
 * *at gets where it starts.  false at the end of the text.
 */
static bool
next_code(const struct cl *c, size_t *pos, bool owner, char *code, size_t *at)
{
	struct rules_word w;

	while (skip_to_code_word(c, pos) &&
	    rules_word_next(c->text, c->tlen, pos, &w)) {
		struct rules_word x;
		size_t p = w.end, n;
		int links = 0;

		if (w.overflow || !in_words(w.folded))
			continue;
		/*
		 * "code: FL-77", "Code ist GARTEN-12", "code FL-77", "code
		 * de parrainage : GIRAUD-LF7", "code. Yours is HARTLEY-RM"
		 */
		for (;;) {
			size_t q = p;

			while (q < c->tlen && (c->text[q] == ' ' ||
			    c->text[q] == ':' || c->text[q] == '\t' ||
			    c->text[q] == ',' || c->text[q] == '.' ||
			    c->text[q] == '\r' || c->text[q] == '\n' ||
			    c->text[q] == '"' || c->text[q] == '\'' ||
			    c->text[q] == '[' || c->text[q] == '('))
				q++;
			if ((n = code_shape(c, q, owner)) > 0) {
				memcpy(code, c->text + q, n);
				code[n] = '\0';
				*at = q;
				*pos = q + n;
				return true;
			}
			if (links++ >= CODE_LINKS || !rules_word_next(c->text,
			    c->tlen, &q, &x) || x.overflow)
				break;
			if (str_in_list(code_of, NELEM(code_of), x.folded)) {
				/* the complement: one word more */
				if (!rules_word_next(c->text, c->tlen, &q, &x) ||
				    x.overflow)
					break;
			} else if (!in_links(x.folded)) {
				break;
			}
			p = x.end;
		}
	}
	return false;
}

/* quoted_codes - every code of c's text the store knows credits its holder */
static int
quoted_codes(struct cl *c, const char *where)
{
	char code[CL_MAX_CODE + 1];
	size_t pos = 0, at;

	while (next_code(c, &pos, false, code, &at))
		if (cl_try_code(c, code, where) < 0)
			return -1;
	return 0;
}

int
cl_body_codes(struct cl *c)
{
	struct cl s;

	if (quoted_codes(c, "quoted in the text") < 0)
		return -1;
	if (c->m->subject == NULL || *c->m->subject == '\0')
		return 0;
	/* "Identité visuelle - code FAUVE-NG12" */
	s = *c;
	s.text = c->m->subject;
	s.tlen = strlen(s.text);
	return quoted_codes(&s, "in the subject");
}

/* address_code - an owner+<tag>CODE@own.domain address in the text */
static bool
address_code(const struct cl *c, char *code, size_t *at)
{
	const char *tag = referral_tag(c);
	size_t tl = strlen(tag);

	for (const char *p = c->text, *end = c->text + c->tlen;
	    (p = memchr(p, '+', (size_t)(end - p))) != NULL; p++) {
		size_t lo = (size_t)(p - c->text), hi, n;
		char addr[CL_EMAIL_MAX + 1];

		if ((size_t)(end - p) <= tl + 1 ||
		    strncasecmp(p + 1, tag, tl) != 0)
			continue;
		while (lo > 0 && (c->text[lo - 1] == '.' ||
		    c->text[lo - 1] == '_' || c->text[lo - 1] == '-' ||
		    (c->text[lo - 1] >= 'a' && c->text[lo - 1] <= 'z') ||
		    (c->text[lo - 1] >= 'A' && c->text[lo - 1] <= 'Z') ||
		    (c->text[lo - 1] >= '0' && c->text[lo - 1] <= '9')))
			lo--;
		hi = (size_t)(p - c->text) + 1;
		while (hi < c->tlen && c->text[hi] != ' ' &&
		    c->text[hi] != '\n' && c->text[hi] != '\r' &&
		    c->text[hi] != '>' && c->text[hi] != ')' &&
		    c->text[hi] != ',' && c->text[hi] != ';')
			hi++;
		while (hi > lo && (c->text[hi - 1] == '.' ||
		    c->text[hi - 1] == ':'))
			hi--;
		n = hi - lo;
		if (n == 0 || n > CL_EMAIL_MAX)
			continue;
		memcpy(addr, c->text + lo, n);
		addr[n] = '\0';
		if (cl_code_in_address(c, addr, tag, code)) {
			*at = lo;
			return true;
		}
	}
	return false;
}

/*
 * tagged_code - a word of the owner's text that opens with the
 * ReferralTag ("ref-alicia9", "REF-GARTEN12"): the tag itself marks the
 * code, so its case does not matter ("que ponga el código ref-alicia9 en
 * el asunto"); what follows the tag needs a code's shape (a letter and a
 * digit).  The code is what follows the tag, as in a subject's ref-CODE.
 */
static bool
tagged_code(const struct cl *c, char *code, size_t *at)
{
	const char *tag = referral_tag(c);
	size_t tl = strlen(tag), n;
	const char *end = c->text + c->tlen;

	for (const char *s = c->text, *p;
	    (p = str_casestrn(s, (size_t)(end - s), tag)) != NULL; s = p + tl) {
		size_t from = (size_t)(p - c->text) + tl;
		char before = p > c->text ? p[-1] : ' ';

		if ((before >= 'a' && before <= 'z') ||
		    (before >= 'A' && before <= 'Z') ||
		    (before >= '0' && before <= '9') || before == '+' ||
		    before == '-' || before == '_' || before == '.')
			continue;	/* inside a word or an address */
		if ((n = code_shape(c, from, false)) == 0)
			continue;
		memcpy(code, c->text + from, n);
		code[n] = '\0';
		*at = (size_t)(p - c->text);
		return true;
	}
	return false;
}

/* one_recipient - the one person the owner's mail goes to, or NULL */
static const struct address *
one_recipient(const struct cl *c)
{
	if (c->m->to.n != 1 || c->m->cc.n != 0 ||
	    c->m->to.v[0].email == NULL || cl_excluded(c, c->m->to.v[0].email))
		return NULL;
	return &c->m->to.v[0];
}

int
cl_learn_code(struct cl *c)
{
	const struct address *to;
	char code[CL_MAX_CODE + 1];
	size_t pos = 0, at, sb, se;
	bool found;

	if (c->m->text == NULL || (to = one_recipient(c)) == NULL)
		return 0;
	c->text = c->m->text;
	c->tlen = strlen(c->text);
	found = address_code(c, code, &at) || tagged_code(c, code, &at) ||
	    next_code(c, &pos, true, code, &at);
	if (!found)
		return 0;
	cl_sentence(c->text, c->tlen, at, at + strlen(code), &sb, &se);
	str_lower_inplace(code);
	if ((c->f->code_for = str_lower(to->email)) == NULL ||
	    (c->f->code = xstrdup(code)) == NULL ||
	    (c->f->code_evidence = cl_evidence(c->text, sb, se, at)) == NULL)
		return -1;
	return 0;
}

/* letter - an ASCII letter, or a byte of a multi-byte character */
static bool
letter(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    (unsigned char)ch >= 0x80;
}

/*
 * word_at - needle occurs in data[0, len) at the start of a word, or, with
 * ends, at the end of one too ("Empfehlungscode", "Gutscheincode")
 */
static bool
word_at(const char *data, size_t len, const char *needle, bool ends)
{
	const char *p;
	size_t n = strlen(needle);

	for (size_t from = 0; from < len &&
	    (p = str_casestrn(data + from, len - from, needle)) != NULL;
	    from = (size_t)(p - data) + 1) {
		size_t after = (size_t)(p - data) + n;

		if (!(p > data && letter(p[-1])) ||
		    (ends && !(after < len && letter(data[after]))))
			return true;
	}
	return false;
}

bool
classify_code_hint(const struct message *m, const struct envelope *env,
    const struct config *cfg, const char *data, size_t len)
{
	const char *tag = cfg && cfg->referral_tag && *cfg->referral_tag ?
	    cfg->referral_tag : "ref-";
	const char *body;
	char plus[64];

	if (data == NULL || m->to.n != 1 || m->cc.n != 0 ||
	    classify_owner(m, env, cfg) != OWNER_YES)
		return false;
	/* the body: after the header's blank line */
	if ((body = str_casestrn(data, len, "\n\r\n")) == NULL &&
	    (body = str_casestrn(data, len, "\n\n")) == NULL)
		return false;
	len -= (size_t)(body - data);
	snprintf(plus, sizeof(plus), "+%s", tag);
	return str_casestrn(body, len, plus) != NULL ||
	    word_at(body, len, tag, false) || word_at(body, len, "code", true) ||
	    str_casestrn(body, len, "digo") ||
	    str_casestrn(data, (size_t)(body - data) + len, "base64");
}

/* cl_code_len - a referral code: 1..CL_MAX_CODE of [A-Za-z0-9_-] */
size_t
cl_code_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] && ((s[n] >= 'a' && s[n] <= 'z') ||
	    (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
	    s[n] == '-' || s[n] == '_'))
		n++;
	return n;
}

int
cl_try_code(struct cl *c, const char *code, const char *where)
{
	char email[CL_EMAIL_MAX + 1];
	struct buf b;

	if (c->known == NULL ||
	    !cl_lookup(c->known->email_for_code, c->known->ctx, code, email,
	    sizeof(email)))
		return 0;
	buf_init(&b, 0);
	if (buf_printf(&b, "referral code %s %s", code, where) < 0) {
		buf_free(&b);
		return -1;
	}
	return cl_add_referral(c, email, NULL, c->sender, "code",
	    buf_steal(&b)) < 0 ? -1 : 0;
}

/* cl_code_in_address - owner+<tag>CODE@own.domain gives CODE */
bool
cl_code_in_address(const struct cl *c, const char *addr, const char *tag,
    char *code)
{
	const char *at = addr ? strrchr(addr, '@') : NULL, *plus;
	size_t tl = strlen(tag), n;
	char base[CL_EMAIL_MAX + 1];

	if (at == NULL || (plus = memchr(addr, '+', (size_t)(at - addr))) == NULL)
		return false;
	if ((size_t)(at - plus - 1) <= tl || strncasecmp(plus + 1, tag, tl) != 0)
		return false;
	n = (size_t)(at - plus - 1) - tl;
	if (n > CL_MAX_CODE || cl_code_len(plus + 1 + tl, n) != n)
		return false;
	/* the address must be the owner's, with or without its tag */
	if ((size_t)(plus - addr) + strlen(at) > CL_EMAIL_MAX)
		return false;
	memcpy(base, addr, (size_t)(plus - addr));
	memcpy(base + (plus - addr), at, strlen(at) + 1);
	if (c->cfg == NULL || (!config_is_own(c->cfg, addr) &&
	    !config_is_own(c->cfg, base)))
		return false;
	memcpy(code, plus + 1 + tl, n);
	code[n] = '\0';
	return true;
}

/* cl_codes - the codes the message was sent to or names in its subject */
int
cl_codes(struct cl *c)
{
	const struct message *m = c->m;
	const char *tag = c->cfg && c->cfg->referral_tag && *c->cfg->referral_tag ?
	    c->cfg->referral_tag : "ref-";
	const struct addrlist *lists[2] = { &m->to, &m->cc };
	char code[CL_MAX_CODE + 1], where[CL_EMAIL_MAX + 16];
	size_t tl = strlen(tag);

	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const char *a = lists[l]->v[i].email;

			if (!cl_code_in_address(c, a, tag, code))
				continue;
			snprintf(where, sizeof(where), "to %s", a);
			if (cl_try_code(c, code, where) < 0)
				return -1;
		}
	}
	for (size_t i = 0; c->env && c->env->rcpt && c->env->rcpt[i]; i++) {
		if (!cl_code_in_address(c, c->env->rcpt[i], tag, code))
			continue;
		snprintf(where, sizeof(where), "to %s", c->env->rcpt[i]);
		if (cl_try_code(c, code, where) < 0)
			return -1;
	}
	/* "[ref-CODE]", "(ref-CODE)" or a bare ref-CODE in the subject */
	if (m->subject == NULL)
		return 0;
	const char *end = m->subject + strlen(m->subject);

	for (const char *s = m->subject, *p;
	    (p = str_casestrn(s, (size_t)(end - s), tag)) != NULL; s = p + tl) {
		size_t n;
		char before = p > m->subject ? p[-1] : ' ';

		if ((before >= 'a' && before <= 'z') ||
		    (before >= 'A' && before <= 'Z') ||
		    (before >= '0' && before <= '9') || before == '+')
			continue;
		n = cl_code_len(p + tl, CL_MAX_CODE + 1);
		if (n == 0 || n > CL_MAX_CODE)
			continue;
		memcpy(code, p + tl, n);
		code[n] = '\0';
		if (cl_try_code(c, code, "in the subject") < 0)
			return -1;
	}
	return 0;
}
