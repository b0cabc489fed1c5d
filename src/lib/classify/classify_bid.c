/*
 * classify_bid - the shape of a counter-offer: a verb of bidding, a few
 * light words, then the figure.
 *
 * DESCRIPTION
 *	"Leave it at 800", "Machen Sie uns 15", "Lassen Sie es bei 800",
 *	"laissez-le à 800", "¿me las dejaríais en 35?", "hágamelo por
 *	150": whatever the person, mood and pronouns, a verb of the family
 *	of setting a price ([aim bid]: leave, make, do, give, sell;
 *	machen, lassen, geben; faire, laisser, mettre, céder; dejar, hacer,
 *	poner, dar, in the forms the section lists or stems) followed in
 *	its clause by nothing but light words (pronouns, articles, a whole,
 *	and the preposition of a price: "it", "uns", "le tout", "me las",
 *	"for", "bei", "à", "en", "por"; one to BID_WORDS of them) up to the
 *	figure proposes that figure (cl_bid_before), unless a noun after
 *	the figure says what it counts ("give us 10 minutes", "lass uns 2
 *	Stunden"; cl_spelt_counted): a sum or a percentage is money
 *	whatever follows.  Not after the sender's own "I" ("I make it
 *	£450", "ich lasse Ihnen 300 da"): that tells, it bids nothing.
 *
 *	A figure so proposed may be a cut rather than a price: a word of
 *	taking off follows it ("knock fifty off", "lassen Sie 50 Euro
 *	nach", "faites-moi 50 € de moins", "hágame 50 € menos";
 *	cl_bid_off).
 *
 * NEVER
 *	Scans the rules itself: the verbs are the spans the one scan of the
 *	text noted (c->money.bid, cl_money_note).
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"

#define BID_REACH 48		/* bytes from the verb to the figure */
#define BID_WORDS 4		/* light words between them */

/* light - a word that may stand between the verb and its figure */
static bool
light(const char *w)
{
	static const char *const words[] = {
		/* en */
		"me", "us", "it", "them", "the", "a", "an", "this",
		"that", "these", "those", "lot", "job", "whole", "thing",
		"both", "all", "each", "for", "at", "to", "on", "down", "up",
		"just", "then", "please", "so", "off", "round",
		/* de */
		"mir", "uns", "es", "das", "den",
		"die", "dem", "der", "ihn", "ihm", "sie", "wir", "ihr",
		"ganze", "ganzen", "ganzes", "alles", "beides", "beide",
		"fur", "auf", "bei", "zu", "um", "noch", "doch", "einfach",
		"dann", "mal", "halt", "also", "bitte", "runter", "herunter",
		/* fr */
		"moi", "nous", "le", "la", "les", "lui", "leur",
		"tout", "ca", "pour", "en", "au", "aux", "donc", "alors", "te",
		"y",
		/* es */
		"nos", "os", "lo", "los", "las", "se", "todo", "toda", "todos",
		"todas", "ambos", "ambas", "por", "al", "ya", "pues",
	};

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (strcmp(w, words[k]) == 0)
			return true;
	return false;
}

/* joined - t[a, b) holds only blanks, hyphens and apostrophes: one
 * clause ("laissez-le-moi", "mach's") */
static bool
joined(const char *t, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (t[k] != ' ' && t[k] != '\t' && t[k] != '\n' &&
		    t[k] != '-' && t[k] != '\'')
			return false;
	return true;
}

/* lightly - only light words, one to BID_WORDS, stand in text[from, at):
 * a verb right before a figure is no bid ("make $25 an hour" earns) */
static bool
lightly(const struct cl *c, size_t from, size_t at)
{
	struct rules_word w;
	size_t p = from, prev = from, n = 0;

	while (p < at && rules_word_next(c->text, at, &p, &w)) {
		if (w.overflow || ++n > BID_WORDS || !joined(c->text, prev,
		    w.start) || !light(w.folded))
			return false;
		prev = w.end;
	}
	return n > 0 && joined(c->text, prev, at);
}

/* by_sender - the word before text[start] is the sender's own "I" ("I
 * make it £450", "ich lasse", "je laisse", "yo dejo"): no bid */
static bool
by_sender(const struct cl *c, size_t start)
{
	static const char *const own[] = { "i", "we", "ich", "je", "yo" };
	char w[4];
	size_t k = start, n = 0;

	while (k > 0 && (c->text[k - 1] == ' ' || c->text[k - 1] == '\t'))
		k--;
	while (k > 0 && n < sizeof(w) && (c->text[k - 1] | 0x20) >= 'a' &&
	    (c->text[k - 1] | 0x20) <= 'z')
		w[sizeof(w) - 1 - n++] = (char)(c->text[--k] | 0x20);
	if (n == 0 || n >= sizeof(w) || (k > 0 && ((c->text[k - 1] | 0x20) >=
	    'a' && (c->text[k - 1] | 0x20) <= 'z')))
		return false;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (strlen(own[i]) == n && memcmp(own[i], w + sizeof(w) - n,
		    n) == 0)
			return true;
	return false;
}

bool
cl_bid_before(const struct cl *c, struct cl_span fig, bool money)
{
	const struct cl_money_seen *s = &c->money;

	if (c->text == NULL || fig.end > c->tlen)
		return false;
	for (size_t i = 0; i < s->nbid; i++) {
		size_t end = s->bid[i].end;

		if (end > fig.start || fig.start - end > BID_REACH ||
		    !lightly(c, end, fig.start) ||
		    by_sender(c, s->bid[i].start))
			continue;
		return money || !cl_spelt_counted(c->text, c->tlen, fig.end);
	}
	return false;
}

bool
cl_bid_off(const struct cl *c, size_t end)
{
	static const char *const off[] = {
		"off", "nach", "nachlassen", "weniger", "runter", "menos",
	};
	static const char *const of[] = {	/* after "de", "en" */
		"moins", "remise", "rabais", "reduction", "descuento",
		"rebaja", "menos",
	};
	struct rules_word w;
	size_t p = end;

	if (c->text == NULL || end > c->tlen ||
	    !rules_word_next(c->text, c->tlen, &p, &w) || w.overflow ||
	    !joined(c->text, end, w.start))
		return false;
	for (size_t k = 0; k < sizeof(off) / sizeof(off[0]); k++)
		if (strcmp(w.folded, off[k]) == 0)
			return true;
	if (strcmp(w.folded, "de") != 0 && strcmp(w.folded, "en") != 0)
		return false;
	end = w.end;
	if (!rules_word_next(c->text, c->tlen, &p, &w) || w.overflow ||
	    !joined(c->text, end, w.start))
		return false;
	for (size_t k = 0; k < sizeof(of) / sizeof(of[0]); k++)
		if (strcmp(w.folded, of[k]) == 0)
			return true;
	return false;
}
