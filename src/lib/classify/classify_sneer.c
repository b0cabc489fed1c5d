/*
 * classify_sneer - praise words that mean their opposite.
 *
 * DESCRIPTION
 *	An exclamation of praise that opens its sentence and is turned by
 *	what follows is irony: echoed ("Great, just great."), beside an
 *	[aim irony] word, insisted on after a comma ("Genial, de verdad."),
 *	followed or just preceded by a complaint, or by a colon and a
 *	failure ("Bravo pour la ponctualité : trois heures de retard"); a
 *	cheer that is its whole sentence, followed by an account of a
 *	standing fault or of one come soon after the work ("Bravo.  Un
 *	mois après la fin du chantier, les pavés bougent déjà"), praises
 *	nothing.
 *	Praise said of paying or waiting ([aim cost]) is a sneer too.
 *	classify_tags.c asks these questions and decides what is tagged.
 *
 * OWNS
 *	Nothing: every test reads the scan's hits and the text.
 *
 * NEVER
 *	Adds a tag, or scans more than the sentences around a hit (the
 *	text after a colon at most once, for a weak complaint word).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define IRONY_OPEN	12	/* bytes before praise that opens a sentence */
#define IRONY_ECHO	40	/* bytes after it where its echo is looked for */
#define IRONY_WORDS	3	/* words of an exclamation ("Oh wonderful") */

/* words_in - how many words text[from, to) holds */
static size_t
words_in(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;
	size_t n = 0;

	while (rules_word_next(c->text, to, &from, &rw))
		n++;
	return n;
}

/* hit_word - the folded last word of the hit into w (RULES_MAX_WORD + 4) */
static bool
hit_word(const struct cl *c, struct cl_span at, char *w)
{
	struct rules_word rw;
	size_t pos = at.start;
	bool any = false;

	while (rules_word_next(c->text, at.end, &pos, &rw))
		if (!rw.overflow) {
			memcpy(w, rw.folded, rw.flen + 1);
			any = true;
		}
	return any;
}

/* Intensifiers of an ironic echo: "great, just great", "bravo, vraiment
 * bravo" (a plain "merci, merci, merci" is sincere). */
static const char *const echo_links[] = {
	"just", "really", "simply", "absolutely", "truly", "wirklich",
	"einfach", "echt", "vraiment", "simplement", "simplemente",
	"realmente", "verdaderamente",
};

/* echoed - the hit's word comes again after an intensifier: "great, just
 * great", "Genial, simplemente genial" */
static bool
echoed(const struct cl *c, struct cl_span at, size_t se)
{
	char w[RULES_MAX_WORD + 4];
	struct rules_word rw;
	size_t pos = at.end, lim = se - at.end > IRONY_ECHO ?
	    at.end + IRONY_ECHO : se;
	bool link = false;

	if (!hit_word(c, at, w))
		return false;
	while (rules_word_next(c->text, lim, &pos, &rw)) {
		if (rw.overflow)
			continue;
		if (strcmp(rw.folded, w) == 0)
			return link;
		for (size_t i = 0; i < sizeof(echo_links) /
		    sizeof(echo_links[0]); i++)
			link = link || strcmp(rw.folded, echo_links[i]) == 0;
	}
	return false;
}

/* Words that may close an ironic tag-on after a comma: "Genial, de
 * verdad.", "Super gemacht, wirklich." */
static const char *const tag_ons[] = {
	"really", "honestly", "wirklich", "ehrlich", "echt", "vraiment",
	"verdad", "serio",
};

/*
 * tagged_on - a bare exclamation (the hit opens its sentence at sb),
 * then a comma and at most two words that end the sentence with an
 * intensifier: praise said and then insisted on, the shape of a sneer
 * ("Genial, de verdad.", "Super gemacht, wirklich."); sincere praise
 * names what it praises ("Un trabajo estupendo, de verdad") or puts its
 * intensifier first ("really great").
 */
static bool
tagged_on(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	struct rules_word rw;
	size_t p = at.end, n = 0;
	bool last = false;

	for (size_t i = sb; i < at.start; i++)
		if (c->text[i] != ' ' && c->text[i] != '\t' &&
		    c->text[i] != '\n' && c->text[i] != '\r')
			return false;

	while (p < se && (c->text[p] == ' ' || c->text[p] == '\t'))
		p++;
	if (p >= se || c->text[p] != ',')
		return false;
	while (rules_word_next(c->text, se, &p, &rw)) {
		if (++n > 2 || rw.overflow)
			return false;
		last = false;
		for (size_t i = 0; i < sizeof(tag_ons) / sizeof(tag_ons[0]);
		    i++)
			last = last || strcmp(rw.folded, tag_ons[i]) == 0;
	}
	return last;
}

/*
 * complaint_after - a complaint hit after `from`, in its sentence or the
 * next, or in the sentence just before the one starting at sb ("on m'a
 * livré des œillets orange, avec deux heures de retard. Vraiment bravo,
 * un travail de pro.")
 */
static bool
complaint_after(const struct cl *c, size_t sb, size_t from, size_t se)
{
	size_t nb, ne = se, pb = sb, pe;

	if (se < c->tlen)
		cl_sentence(c->text, c->tlen, se, se + 1, &nb, &ne);
	while (pb > 0 && strchr(" \t\r\n", c->text[pb - 1]) != NULL)
		pb--;
	if (pb > 0)
		cl_sentence(c->text, c->tlen, pb - 1, pb, &pb, &pe);
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "complaint") == 0 &&
		    ((c->tags[j].at.start >= from && c->tags[j].at.end <= ne) ||
		    (c->tags[j].at.start >= pb && c->tags[j].at.end <= sb)))
			return true;
	return false;
}

/* outcome_in - an [outcome name] phrase lies in text[from, to) */
static bool
outcome_in(const struct cl *c, const char *name, size_t from, size_t to)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (strcmp(c->outc[i].name, name) == 0 &&
		    c->outc[i].at.start >= from && c->outc[i].at.end <= to)
			return true;
	return false;
}

#define TURN_HEAD	5	/* words from the sentence's start to its colon */

/* weak_complaint_seen - a [weak complaint] phrase ("retard", "late") */
static void
weak_complaint_seen(void *ctx, const struct rules_match *m)
{
	bool *seen = ctx;

	if (m->kind == RULES_WEAK && strcmp(m->name, "complaint") == 0)
		*seen = true;
}

/* inner_mark - text[i] is a "!" or "?" the sentence runs on past: a
 * comma follows it ("Enhorabuena, ¡un trabajo de primera!, de verdad:") */
static bool
inner_mark(const struct cl *c, size_t i)
{
	return (c->text[i] == '!' || c->text[i] == '?') && i + 1 < c->tlen &&
	    c->text[i + 1] == ',';
}

/* head_words - the words of text[from, to) outside the praise phrases,
 * weak or not, and the intensifiers of tag_ons[]: the cheer itself may
 * be long ("Enhorabuena, ¡un trabajo de primera!, de verdad:"), what it
 * is run on with may not ("Lovely job on the fence, just one thing:") */
static size_t
head_words(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;
	size_t n = 0, p = from;

	while (rules_word_next(c->text, to, &p, &rw)) {
		bool cheer = false;

		for (size_t j = 0; j < c->ntags && !cheer; j++)
			cheer = strcmp(c->tags[j].tag, "praise") == 0 &&
			    rw.start >= c->tags[j].at.start &&
			    rw.end <= c->tags[j].at.end;
		for (size_t j = 0; j < c->nfaint && !cheer; j++)
			cheer = rw.start >= c->faint[j].start &&
			    rw.end <= c->faint[j].end;
		cheer = cheer || str_in_list(tag_ons,
		    sizeof(tag_ons) / sizeof(tag_ons[0]), rw.folded);
		n += !cheer;
	}
	return n;
}

/*
 * colon_turn - praise that opens its sentence, a colon within a few words
 * (past commas that thank nothing), and after the colon a failure: a
 * complaint phrase or word, a defect, or a persistence word ([outcome
 * still]), with no good result there ("Bravo pour la ponctualité :
 * trois heures de retard", "Genial: tercera versión del logo y sigue
 * pareciendo ...").  Sincere praise after a colon names
 * what went well ("Great news: it works perfectly").
 */
static bool
colon_turn(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	size_t colon = at.end;

	if (at.start - sb > IRONY_OPEN)
		return false;
	/* the cheer may run on past commas to its colon ("Bravo, vraiment,
	 * beau travail : ..."), but not past thanks ("Great, thanks, one
	 * thing: ...") */
	while (colon < se && (strchr(":.!?;\n", c->text[colon]) == NULL ||
	    inner_mark(c, colon)) &&
	    (c->text[colon] != ',' || !cl_thanked(c, at)))
		colon++;
	if (colon >= se || c->text[colon] != ':' ||
	    head_words(c, sb, colon) > TURN_HEAD)
		return false;
	if (outcome_in(c, "good", colon, se))
		return false;
	if (cl_defect_stands_in(c, colon, se) ||
	    outcome_in(c, "still", colon, se))
		return true;
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "complaint") == 0 &&
		    c->tags[j].at.start > colon && c->tags[j].at.end <= se)
			return true;
	/* a word of complaint that nothing aimed: the praise before the
	 * colon aims it ("trois heures de retard") */
	bool weak = false;

	rules_scan(c->r, c->text + colon + 1, se - colon - 1,
	    weak_complaint_seen, &weak);
	return weak;
}

#define COST_WORDS	2	/* words after praise where a cost is looked for */

/*
 * cost_sneer - praise said of paying or waiting ([aim cost] among the
 * words right after it: "it was lovely to pay £12 extra for ...", "me
 * encanta pagar por esperar"), with nothing that makes it a wish or an
 * offer in its sentence ([outcome hedge]: "I'd love to pay by card"):
 * nobody enjoys paying, so it is a sneer.
 */
static bool
cost_sneer(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p = at.end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t n = 0; n < COST_WORDS &&
	    rules_word_next(c->text, se, &p, &rw); n++)
		;
	return p > at.end && cl_near_between(c, at.end, p, "cost") &&
	    !outcome_in(c, "hedge", sb, se);
}

/* Words of "already" among the [outcome still] phrases: a fault come
 * early, where "still" would be a result that lasts. */
static const char *const already[] = {
	"already", "bereits", "schon wieder", "d\xc3\xa9j\xc3\xa0", "ya",
};

/* account_after - the account a lone exclamation ending at se judges:
 * the rest of its paragraph, or the next paragraph when it ends its own
 * ("Bravo.\n\nUn mois après ..."), into [*from, *to) */
static void
account_after(const struct cl *c, size_t se, size_t *from, size_t *to)
{
	size_t p = se;

	while (p < c->tlen && strchr(" \t\r\n.!", c->text[p]) != NULL)
		p++;
	*from = p;
	*to = cl_paragraph_end(c->text, c->tlen, p);
}

/* early_fault - an [outcome soon] (a time counted from the work: "un mois
 * après la fin du chantier", "two weeks after you left") and an
 * "already" in one sentence of [from, to): what the work gave has failed
 * soon after it */
static bool
early_fault(const struct cl *c, size_t from, size_t to)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *s = &c->outc[i];
		size_t sb, se;

		if (strcmp(s->name, "soon") != 0 || s->at.start < from ||
		    s->at.end > to)
			continue;
		cl_sentence(c->text, c->tlen, s->at.start, s->at.end, &sb, &se);
		for (size_t j = 0; j < c->noutc; j++) {
			const struct cl_outhit *a = &c->outc[j];

			if (strcmp(a->name, "still") == 0 &&
			    a->at.start >= sb && a->at.end <= se &&
			    str_in_list(already, sizeof(already) /
			    sizeof(already[0]), a->phrase))
				return true;
		}
	}
	return false;
}

/* opens_paragraph - only blanks stand between sb and the start of the
 * text, a blank line, or the line of a salutation ending in , or : */
static bool
opens_paragraph(const struct cl *c, size_t sb)
{
	size_t p = sb;

	while (p > 0 && strchr(" \t\r", c->text[p - 1]) != NULL)
		p--;
	if (p == 0)
		return true;
	if (c->text[p - 1] != '\n')
		return false;
	for (p--; p > 0 && strchr(" \t\r", c->text[p - 1]) != NULL; p--)
		;
	/* after a blank line, or on the line after the salutation
	 * ("Mathieu,\nBravo.") */
	return p == 0 || strchr("\n,:", c->text[p - 1]) != NULL;
}

/*
 * undone_after - the account a lone exclamation judges (account_after)
 * tells a failure: a defect that stands ("Estupendo. El grifo nuevo se
 * atasca cada mañana", "Well done, Meg. ... a bulge by the gate") or a
 * fault come early (early_fault: "Bravo. Un mois après la fin du
 * chantier, les pavés bougent déjà"), and no good result.  The cheer
 * names no object, so its object is that account: it praises nothing.
 * Nothing here says it complains; whatever complains must do so by its
 * own path.
 */
static bool
undone_after(const struct cl *c, size_t se)
{
	size_t from, to;

	account_after(c, se, &from, &to);
	if (from >= to || outcome_in(c, "good", from, to))
		return false;	/* "la vasque est comme neuve" */
	return cl_defect_stands_in(c, from, to) || early_fault(c, from, to);
}

/*
 * cl_ironic - praise that opens its sentence as an exclamation and is
 * turned by what follows: echoed ("Great, just great.", "Bravo, vraiment
 * bravo", "Genial, simplemente genial"), beside an [aim irony] word
 * after it ("Oh wonderful, another letter", "Ganz toll, schon wieder"),
 * insisted on after a comma (tagged_on: "Genial, de verdad."), or
 * followed by a complaint, or a whole sentence of its own followed by
 * an account of a failure (undone_after), or a cheer of a virtue after
 * an account (cl_virtue_cheer).  1: drop the praise; 2: it is itself
 * the complaint.
 */
int
cl_ironic(const struct cl *c, struct cl_span at)
{
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (colon_turn(c, at, sb, se))
		return 2;
	if (cl_virtue_cheer(c, at))
		return 1;	/* "..., bravo le professionnalisme." */
	if (at.start - sb > IRONY_OPEN || words_in(c, sb, at.end) > IRONY_WORDS)
		return 0;	/* "Your team was wonderful, thanks again" */
	for (p = at.end; p < se && (c->text[p] == ' ' || c->text[p] == '\t');
	    p++)
		;
	if (p < se && strchr(",:;!.", c->text[p]) == NULL &&
	    !echoed(c, at, se))
		return 0;	/* "Great job on the stairs" */
	/* thanks insisted on ("Mil gracias, de verdad.") are meant */
	if (echoed(c, at, se) || cl_near_between(c, at.end, se, "irony") ||
	    (tagged_on(c, at, sb, se) && !cl_thanked(c, at)))
		return 2;
	if (complaint_after(c, sb, at.end, se))
		return 1;
	/* a cheer that is its whole sentence and opens its paragraph
	 * ("Bravo.", "Well done, Meg."): what follows is what it judges;
	 * thanks ("Mil gracias.") close what came before */
	return words_in(c, sb, se) <= IRONY_WORDS && opens_paragraph(c, sb) &&
	    !cl_thanked(c, at) && undone_after(c, se) ? 1 : 0;
}
/* Words of thanks: "Perfect, thanks again" is no sneer. */
static const char *const thanks[] = {
	"thank", "thanks", "cheers", "danke", "merci", "gracias",
};

/* cl_thanked - a word of thanks in the sentence of at */
bool
cl_thanked(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (rules_word_next(c->text, se, &sb, &rw))
		for (size_t i = 0; !rw.overflow &&
		    i < sizeof(thanks) / sizeof(thanks[0]); i++)
			if (strcmp(rw.folded, thanks[i]) == 0)
				return true;
	return false;
}

/*
 * cl_sneer_next - what follows the exclamation at `at` turns it at once: the
 * words right after its comma are an irony phrase ("Oh brilliant,
 * another hour", "Na toll, schon wieder"), or it is insisted on
 * (tagged_on); "Great, see you again on Tuesday" is sincere.
 */
bool
cl_sneer_next(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p = at.end, end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (tagged_on(c, at, sb, se))
		return true;
	for (size_t n = 0; n < 2 && rules_word_next(c->text, se, &p, &rw); n++)
		;
	end = p;
	return cl_near_between(c, at.end, end, "irony");
}

/*
 * faint_sneer - a weak cheer turned at once by irony ("Oh great, another
 * \"next week\".", "Na toll, schon wieder", "Génial, encore un", "Genial,
 * otra vez") or run to a colon and a failure ("Enhorabuena, ¡un trabajo
 * de primera!, de verdad: cuatro de los trajes ... siguen entrando
 * agua"): a sneer as a praise phrase turned so is, so the cheers of its
 * mail ("Fantastic service, Ian, really first class.") hail the same
 * failure.  Not beside a praise phrase of its own sentence (weighed
 * already), nor with thanks ("Perfect, thanks again").
 */
static bool
faint_sneer(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	if (cl_praised_beside(c, at) || cl_thanked(c, at) ||
	    cl_cancelled(c, "praise", at))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return colon_turn(c, at, sb, se) ||
	    (cl_ironic(c, at) == 2 && cl_sneer_next(c, at));
}

/*
 * cl_sneer_at - the praise of the mail that is a sneer (turned at once by
 * irony or a colon, or said of paying or waiting), into *at: praise
 * words in a mail whose facts are a failure praise nothing, not even
 * the "Really top service, thank you so much" that closes it.
 */
bool
cl_sneer_at(const struct cl *c, struct cl_span *at)
{
	for (size_t i = 0; i < c->ntags; i++) {
		const struct cl_taghit *h = &c->tags[i];

		if (strcmp(h->tag, "praise") != 0 ||
		    cl_cancelled(c, "praise", h->at) ||
		    cl_quoted_words(c, h->at))
			continue;
		if (cl_ironic(c, h->at) == 2 || cost_sneer(c, h->at)) {
			*at = h->at;
			return true;
		}
	}
	for (size_t i = 0; i < c->nfaint; i++)
		if (!cl_quoted_words(c, c->faint[i]) &&
		    (cost_sneer(c, c->faint[i]) || faint_sneer(c, c->faint[i]))) {
			*at = c->faint[i];
			return true;
		}
	return false;
}
