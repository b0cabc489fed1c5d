/*
 * classify_deed - damage the sender did or suffered, told to ask for a
 * repair.
 *
 * DESCRIPTION
 *	A word of damage ("beschädigt", "broken", "cassé", "roto") is a
 *	complaint word, and a fault of the owner's work when the work
 *	is its subject.  When the sender is: "ich habe bei einer Landung
 *	die Tragfläche meiner Piper beschädigt", "I've broken the handle",
 *	"j'ai cassé le pied", "he roto la cremallera", or the damage
 *	befell the sender ("se me cayó y se rompió"), the trouble is the
 *	sender's own, and a mail that asks for the owner's work tells it
 *	to have it repaired: no complaint.
 *
 *	The shape, within the damage word's clause (from the last comma,
 *	semicolon or colon before it; a bracket is read past): the clause
 *	opens (within its first two words) on a subject of the first person
 *	and an auxiliary of the active perfect ("ich habe", "I have", "j'ai",
 *	"he", "hemos"), or an English subject right before a damage verb
 *	("I dropped and broke"), and the damage word follows within two
 *	words, or, after a German auxiliary, ends its clause (the
 *	participle closes it: "ich habe ... beschädigt,"); a dative of the
 *	sender ("se me", "se nos") stands close before it in its clause.
 *	Nothing between them speaks to the owner ([aim]), denies it
 *	("nicht", "not", "pas", "no") or makes it a state or a passive
 *	("been", "bin", "worden", "été", "sido").  The damage word is an
 *	[outcome defect] phrase; the mail asks for work (cl_asks_work) or
 *	asks a question after it, and does not answer the owner's mail.
 *
 * OWNS
 *	Nothing.
 *
 * NEVER
 *	Tags; reads beyond the damage word's sentence but for the ask.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "classify_int.h"

#define DEED_NEAR	2	/* words between the subject and the damage */
#define DEED_FAR	14	/* ... when the damage ends its clause */
#define DEED_WORDS	24	/* words of a clause looked at */

/* The subjects of the first person, alone and joined to an auxiliary. */
static const char *const deed_subjects[] = {
	"i", "we", "ich", "wir", "je", "nous", "on", "yo", "nosotros",
	"nosotras", NULL
};
static const char *const deed_joined[] = {
	"i've", "we've", "i'd", "we'd", "j'ai", "j'avais", "l'ai", "hab's",
	"he", "hemos", "habíamos", NULL	/* Spanish drops the pronoun */
};

/* The auxiliaries of the active perfect. */
static const char *const deed_aux[] = {
	"have", "had", "habe", "hab", "haben", "hatte", "hatten", "ai",
	"avons", "avais", "avions", "he", "hemos", "habíamos",
	"l'ai", "l'avons", NULL
};

/* The German ones, whose participle ends the clause. */
static const char *const deed_aux_de[] = {
	"habe", "hab", "haben", "hatte", "hatten", "hab's", NULL
};

/* What makes the damage no deed of the sender's: a state or passive, a
 * denial, and the second person. */
static const char *const deed_bars[] = {
	"been", "being", "am", "was", "were", "bin", "sind", "war", "waren",
	"worden", "wurde", "wurden", "été", "suis", "sommes", "étais",
	"sido", "estado", "fui", "estoy", "estaba", "not", "never", "n't",
	"haven't", "hadn't", "nicht", "nie", "kein", "keine", "pas",
	"jamais", "no", "nunca", "you", "your", "vous", "votre", "usted",
	"dass", "weil", "that", "que", "qu'il", "qui", "who",
	NULL
};

/* The datives of the sender that damage befalls ("se me rompió"). */
static const char *const deed_dative[] = { "me", "nos", NULL };

struct deed_word {
	size_t p, q;
};

/* in_set - text[p, q) is one of the words of set, case aside */
static bool
in_set(const char *text, size_t p, size_t q, const char *const *set)
{
	for (size_t i = 0; set[i] != NULL; i++)
		if (strlen(set[i]) == q - p &&
		    strncasecmp(text + p, set[i], q - p) == 0)
			return true;
	return false;
}

/*
 * clause_words - the words of the clause that ends at `at` within [sb,
 * at), a bracket read past, into w (at most DEED_WORDS, the last ones):
 * their number
 */
static size_t
clause_words(const char *text, size_t sb, size_t at, struct deed_word *w)
{
	size_t n = 0, p = sb;
	int depth = 0;

	while (p < at) {
		char ch = text[p];
		size_t q;

		if (ch == '(') {
			depth++;
			p++;
			continue;
		}
		if (ch == ')') {
			depth -= depth > 0;
			p++;
			continue;
		}
		if (ch == ',' || ch == ';' || ch == ':') {
			if (depth == 0)
				n = 0;	/* a new clause */
			p++;
			continue;
		}
		if (strchr(" \t\r\n.!?\"", ch) != NULL) {
			p++;
			continue;
		}
		for (q = p; q < at && strchr(" \t\r\n,;:()!?\"", text[q]) ==
		    NULL; q++)
			;
		if (depth == 0) {
			if (n == DEED_WORDS) {
				memmove(w, w + 1, (n - 1) * sizeof(*w));
				n--;
			}
			w[n].p = p;
			w[n].q = q;
			n++;
		}
		p = q;
	}
	return n;
}

/* ends_clause - nothing but blanks stand between at and the end of its
 * clause or sentence */
static bool
ends_clause(const struct cl *c, size_t at)
{
	while (at < c->tlen && (c->text[at] == ' ' || c->text[at] == '\t'))
		at++;
	return at >= c->tlen || strchr(",;:.!?\r\n", c->text[at]) != NULL;
}

/* damage_word - at is (within) an [outcome defect] phrase */
static bool
damage_word(const struct cl *c, struct cl_span at)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (strcmp(c->outc[i].name, "defect") == 0 &&
		    c->outc[i].at.start < at.end &&
		    at.start < c->outc[i].at.end)
			return true;
	return false;
}

/* barred - one of the words w[from, to) bars the deed */
static bool
barred(const char *text, const struct deed_word *w, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (in_set(text, w[i].p, w[i].q, deed_bars))
			return true;
	return false;
}

/* senders_deed - the clause words w[0, n) before the damage at make it
 * the sender's deed or mishap */
static bool
senders_deed(const struct cl *c, const struct deed_word *w, size_t n,
    struct cl_span at)
{
	const char *t = c->text;
	bool english;

	/* "se me rompió", "se me cayó y se rompió" */
	for (size_t i = 0; i + 1 < n; i++)
		if (in_set(t, w[i].p, w[i].q, (const char *const[]){ "se",
		    NULL }) && in_set(t, w[i + 1].p, w[i + 1].q, deed_dative) &&
		    n - i - 2 <= DEED_NEAR + 2 && !barred(t, w, i + 2, n))
			return true;
	for (size_t s = 0; s < n && s < 2; s++) {
		size_t from;

		if (in_set(t, w[s].p, w[s].q, deed_joined))
			from = s + 1;
		else if (in_set(t, w[s].p, w[s].q, deed_subjects) &&
		    s + 1 < n && in_set(t, w[s + 1].p, w[s + 1].q, deed_aux))
			from = s + 2;
		else if (in_set(t, w[s].p, w[s].q, deed_subjects) &&
		    s + 1 < n && in_set(t, w[s + 1].p, w[s + 1].q, deed_joined))
			from = s + 2;	/* "je l'ai cassé" */
		else {
			/* "I broke", "we dropped and broke" */
			english = (w[s].q - w[s].p == 1 &&
			    (t[w[s].p] == 'I')) || (w[s].q - w[s].p == 2 &&
			    strncasecmp(t + w[s].p, "we", 2) == 0);
			if (!english || n - s - 1 > DEED_NEAR ||
			    barred(t, w, s + 1, n))
				continue;
			return true;
		}
		if (barred(t, w, from, n))
			continue;
		/* the German participle closes its clause, far from its
		 * auxiliary; elsewhere the object follows the verb */
		if (n - from <= DEED_NEAR || (n - from <= DEED_FAR &&
		    in_set(t, w[from - 1].p, w[from - 1].q, deed_aux_de) &&
		    ends_clause(c, at.end)))
			return true;
	}
	return false;
}

/* asks_after - a question mark follows at in the text */
static bool
asks_after(const struct cl *c, size_t at)
{
	return memchr(c->text + at, '?', c->tlen - at) != NULL;
}

bool
cl_own_damage(const struct cl *c, struct cl_span at)
{
	struct deed_word w[DEED_WORDS];
	size_t sb, se, n;

	if (!damage_word(c, at) || cl_answers_owner(c) ||
	    !(cl_asks_work(c) || asks_after(c, at.end)))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	n = clause_words(c->text, sb, at.start, w);
	if (n == 0 || cl_near_between(c, w[0].p, at.start, "aim"))
		return false;
	return senders_deed(c, w, n, at);
}
