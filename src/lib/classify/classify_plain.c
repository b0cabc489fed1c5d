/*
 * classify_plain - judgements that are plainly not of the owner: said of
 * a group of other people, or the sender's own slip.
 *
 * DESCRIPTION
 *	Somebody else's (cl_plain_party): the judgement's sentence names a
 *	group of people by a demonstrative ("these people", "diese Leute",
 *	"ces gens-là", "esa gente") or gives something to a third-person
 *	pronoun as recipient ("I sent them", "ich habe ihnen", "je leur
 *	ai envoyé", "les he enviado"), and names nothing of the owner
 *	([aim], [aim work]): "Une honte, ces gens-là, je leur ai envoyé
 *	une réclamation en recommandé."
 *
 *	The sender's own slip (cl_plain_own, complaints only): the
 *	sentence opens on the sender's apology for an act of their own
 *	("sorry for", "sorry I", "perdona que", "désolé de", "entschuldige,
 *	dass"), with no contrast word between it and the complaint ("Sorry,
 *	but ..." complains), nor the apology for news ("sorry to say");
 *	or the sentence or a later one of its paragraph owns the mistake
 *	("My mistake entirely", "mein Fehler", "ma faute", "culpa mía"),
 *	not denied ("not my fault").
 *
 *	A part of the sender's own thing (cl_plain_part, complaints of a
 *	first mail only): the clause opens on a definite article ("La hoja
 *	tiene óxido", "The spring is loose") and the sentence before it
 *	names a thing of the sender's by a first-person possessive ("tengo
 *	la navaja de mi abuelo", "my grandfather's knife", "la montre de mon
 *	père", "meine alte Uhr"); nothing from that sentence to the
 *	complaint speaks to the owner or names the owner's work.
 *
 *	A bill disputed in outrage (cl_plain_disputed, late payment): the
 *	sentence dares the owner to send the bill ("you dare send me the
 *	full invoice?", "Sie wagen es, mir die Rechnung zu schicken", "vous
 *	osez m'envoyer la facture", "se atreve a mandarme la factura"): a
 *	dispute of the bill, not a payment put off; a lateness told in it
 *	("à cause du retard de livraison") is the owner's.
 *
 * OWNS
 *	Nothing: the word lists below are static.
 *
 * NEVER
 *	Adds or removes a tag; the caller drops the hit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define PLAIN_WORDS	64	/* words of a sentence read */

/* A demonstrative, then a noun of people. */
static const char *const demonstr[] = {
	"these", "those", "diese", "solche", "ces", "esa", "esta", "esos",
	"estos", "aquella", "aquellos",
};
static const char *const people[] = {
	"people", "guys", "folks", "lot", "leute", "typen", "menschen",
	"gens", "gens-la", "types", "gars", "gente", "tipos", "senores",
};
/* A third-person pronoun as recipient: the word before it, the pronoun */
static const struct { const char *before, *who; } recipient[] = {
	{ "sent", "them" }, { "wrote", "them" }, { "emailed", "them" },
	{ "told", "them" }, { "gave", "them" }, { "to", "them" },
	{ "habe", "ihnen" }, { "hab", "ihnen" }, { "haben", "ihnen" },
	{ "je", "leur" }, { "nous", "leur" }, { "on", "leur" },
	{ "les", "he" }, { "les", "hemos" }, { "les", "envie" },
	{ "les", "mande" }, { "les", "escribi" }, { "les", "puse" },
};
/* An apology for the sender's own act: the word and what follows. */
static const struct { const char *word, *next; } apology[] = {
	{ "sorry", "for" }, { "sorry", "i" }, { "sorry", "i'm" },
	{ "sorry", "i've" }, { "sorry", "about" }, { "apologies", "for" },
	{ "entschuldige", "dass" }, { "entschuldigen", "dass" },
	{ "entschuldigung", "dass" }, { "entschuldige", "fur" },
	{ "entschuldigen", "fur" }, { "verzeih", "dass" },
	{ "verzeihen", "dass" }, { "desole", "de" }, { "desolee", "de" },
	{ "desole", "pour" }, { "desolee", "pour" }, { "pardon", "de" },
	{ "pardon", "pour" }, { "excusez-moi", "de" }, { "perdona", "que" },
	{ "perdone", "que" }, { "perdona", "por" }, { "perdone", "por" },
	{ "disculpa", "que" }, { "disculpe", "que" }, { "disculpa", "por" },
	{ "disculpe", "por" }, { "perdon", "por" },
};
/* Words of contrast that turn an apology to a complaint. */
static const char *const contrast[] = {
	"but", "however", "aber", "jedoch", "mais", "pero", "sin",
};
/* A mistake owned: a first-person possessive and the mistake. */
static const struct { const char *mine, *slip; } owned[] = {
	{ "my", "mistake" }, { "my", "fault" }, { "my", "error" },
	{ "my", "bad" }, { "mein", "fehler" }, { "meine", "schuld" },
	{ "mon", "erreur" }, { "ma", "faute" }, { "ma", "part" },
	{ "mi", "error" }, { "mi", "culpa" }, { "culpa", "mia" },
	{ "error", "mio" }, { "fallo", "mio" },
};
/* Denials before an owned mistake: "not my fault". */
static const char *const denial[] = {
	"not", "no", "nicht", "kein", "keine", "pas", "ni", "never",
};

/* pair_in - text[from, to) holds two words in a row, the first in a and
 * the second b (a NULL list: any pair of the table) */
static bool
pair_in(const struct cl *c, size_t from, size_t to,
    const char *const *a, size_t na, const char *const *b, size_t nb)
{
	struct rules_word w, prev;
	size_t p = from;
	bool have = false;

	for (size_t n = 0; n < PLAIN_WORDS &&
	    rules_word_next(c->text, to, &p, &w); n++) {
		if (w.overflow)
			return false;
		if (have && rules_word_in(&prev, a, na) &&
		    rules_word_in(&w, b, nb))
			return true;
		prev = w;
		have = true;
	}
	return false;
}

/* any_in - text[from, to) holds a word of list */
static bool
any_in(const struct cl *c, size_t from, size_t to, const char *const *list,
    size_t n)
{
	struct rules_word w;
	size_t p = from;

	for (size_t k = 0; k < PLAIN_WORDS &&
	    rules_word_next(c->text, to, &p, &w); k++)
		if (!w.overflow && rules_word_in(&w, list, n))
			return true;
	return false;
}

/* recipient_in - text[from, to) gives something to a third-person
 * pronoun (German "ihnen" in lower case only: "Ihnen" is the owner),
 * into *who */
static bool
recipient_in(const struct cl *c, size_t from, size_t to, struct cl_span *who)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "";
	size_t p = from;

	for (size_t n = 0; n < PLAIN_WORDS &&
	    rules_word_next(c->text, to, &p, &w); n++) {
		if (w.overflow)
			return false;
		for (size_t i = 0; *prev && i < NELEMS(recipient); i++)
			if (strcmp(recipient[i].before, prev) == 0 &&
			    strcmp(recipient[i].who, w.folded) == 0 &&
			    !cl_capital(c->text + w.start)) {
				*who = (struct cl_span){ w.start, w.end };
				return true;
			}
		memcpy(prev, w.folded, w.flen + 1);
	}
	return false;
}

bool
cl_plain_party(const struct cl *c, struct cl_span at)
{
	struct cl_span who = { 0, 0 };
	size_t sb, se;
	bool given;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	given = recipient_in(c, sb, se, &who);
	if (!given)
		who = (struct cl_span){ se, se };
	/* [aim] reads "ihnen" as the owner's "Ihnen": not the recipient */
	if (cl_near_between(c, sb, who.start, "aim") ||
	    cl_near_between(c, who.end, se, "aim") ||
	    cl_near_between(c, sb, se, "work"))
		return false;	/* "those people you sent" */
	return given || pair_in(c, sb, se, demonstr, NELEMS(demonstr),
	    people, NELEMS(people));
}

/* apologised - the sentence text[sb, to) opens on an apology for the
 * sender's own act, no contrast after it */
static bool
apologised(const struct cl *c, size_t sb, size_t to)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "";
	size_t p = sb;
	bool found = false;

	for (size_t n = 0; n < PLAIN_WORDS &&
	    rules_word_next(c->text, to, &p, &w); n++) {
		if (w.overflow)
			return false;
		if (found) {
			if (rules_word_in(&w, contrast, NELEMS(contrast)))
				return false;	/* "Sorry, but ..." */
			continue;
		}
		for (size_t i = 0; n <= 3 && *prev && i < NELEMS(apology); i++)
			if (strcmp(apology[i].word, prev) == 0 &&
			    strcmp(apology[i].next, w.folded) == 0)
				found = true;
		if (n > 3 && !found)
			return false;	/* not where the sentence opens */
		memcpy(prev, w.folded, w.flen + 1);
	}
	return found;
}

/* owned_in - text[from, to) owns a mistake, not denied */
static bool
owned_in(const struct cl *c, size_t from, size_t to)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "", before[RULES_MAX_WORD + 4] = "";
	size_t p = from;

	for (size_t n = 0; n < PLAIN_WORDS &&
	    rules_word_next(c->text, to, &p, &w); n++) {
		if (w.overflow)
			return false;
		for (size_t i = 0; *prev && i < NELEMS(owned); i++)
			if (strcmp(owned[i].mine, prev) == 0 &&
			    strcmp(owned[i].slip, w.folded) == 0 &&
			    !str_in_list(denial, NELEMS(denial), before))
				return true;
		memcpy(before, prev, sizeof(before));
		memcpy(prev, w.folded, w.flen + 1);
	}
	return false;
}

bool
cl_plain_own(const struct cl *c, struct cl_span at)
{
	size_t sb, se, pe;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (apologised(c, sb, at.start) || owned_in(c, sb, se))
		return true;
	pe = cl_paragraph_end(c->text, c->tlen, se);
	return se < pe && owned_in(c, se, pe);	/* "Mein Fehler" later in
						 * its paragraph */
}

/* Definite articles that open a clause on a part of a thing. */
static const char *const definite[] = {
	"the", "der", "die", "das", "le", "la", "les", "l'", "el", "los",
	"las",
};
/* First-person possessives. */
static const char *const mine[] = {
	"my", "our", "mein", "meine", "meinen", "meines", "meiner", "unser",
	"unsere", "unseres", "mon", "ma", "mes", "notre", "nos", "mi", "mis",
	"nuestro", "nuestra",
};

bool
cl_plain_part(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	size_t sb, se, pb, pe, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	if (!rules_word_next(c->text, at.start, &p, &w) || w.overflow ||
	    (!rules_word_in(&w, definite, NELEMS(definite)) &&
	    strncmp(w.folded, "l'", 2) != 0))
		return false;
	for (p = sb; p > 0 && strchr(" \t\r\n", c->text[p - 1]) != NULL; p--)
		;
	if (p == 0)
		return false;
	cl_sentence(c->text, c->tlen, p - 1, p - 1, &pb, &pe);
	if (cl_near_between(c, pb, se, "aim") ||
	    cl_near_between(c, pb, se, "work"))
		return false;	/* "my table you made ... The top" */
	for (p = pb; rules_word_next(c->text, pe, &p, &w); )
		if (!w.overflow && rules_word_in(&w, mine, NELEMS(mine)))
			return true;
	return false;
}

/* Verbs and nouns of daring to do something outrageous. */
static const char *const dare[] = {
	"dare", "dares", "nerve", "cheek", "gall", "wagen", "wagt",
	"erdreisten", "erdreistet", "osez", "oses", "osent", "culot",
	"atreve", "atreves", "atreven", "atreveis", "descaro",
};
/* The bill dared. */
static const char *const bill[] = {
	"invoice", "bill", "rechnung", "facture", "factura", "note",
};

bool
cl_plain_disputed(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return any_in(c, sb, se, dare, NELEMS(dare)) &&
	    any_in(c, sb, se, bill, NELEMS(bill));
}
