/*
 * classify_subject - who a judgement is about, from the words that open it.
 *
 * DESCRIPTION
 *	classify_tags asks here whether a praise is the sender's judgement
 *	of the owner at all: cl_own_subject says the sentence opens with
 *	somebody of a trade ([aim party]) who is the sender's own or is tied
 *	to the sender or to somebody named ("Our vet, Dr Malik, is
 *	brilliant", "le traiteur du mariage de Camille était génial");
 *	cl_in_a_name says the word of approval is part of a place's name
 *	("Valle de Bravo"); cl_named_other that the one judged is somebody of
 *	the sender's named in apposition ("our venue coordinator, Fiona, has
 *	been brilliant"); cl_own_lot that a complaint word is of what the
 *	sender went through ("I've had an awful month"); cl_own_thing that
 *	it is of the sender's own thing ("my fan is broken"); cl_own_time
 *	that it judges a span of time the sender lived through ("an awful
 *	month").  Each reads only
 *	the hit's sentence.
 *
 * OWNS
 *	Nothing: the word lists below are static.
 *
 * NEVER
 *	Records a fact, or reads outside the sentence of the hit.
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

/* First-person possessives that open a subject: "our vet", "unser
 * Statiker"; and the first person inside one: "den wir beauftragt
 * hatten", "who did my sister's wedding". */
static const char *const ours[] = {
	"our", "my", "unser", "unsere", "mein", "meine", "notre",
	"nos", "mon", "ma", "mes", "nuestro", "nuestra", "mi", "mis",
};
static const char *const we[] = {
	"we", "my", "our", "wir", "ich", "mein", "meine", "unser", "unsere",
	"nous", "mon", "ma", "mes", "notre", "nosotros", "mi", "mis",
	"nuestro", "nuestra",
};
/* Definite articles that open a subject: "the", "der", "le", "el" ... */
static const char *const the[] = {
	"the", "der", "die", "das", "le", "la", "les", "l", "el", "los", "las",
};

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Words that tie a name to what comes before: "de Camille", "of Jo's" */
static const char *const of[] = { "of", "von", "de", "du", "del", "d" };

/* capital - the word at s starts with a capital letter, Latin-1 included */
static bool
capital(const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];

	return (a >= 'A' && a <= 'Z') || (a == 0xc3 && b >= 0x80 && b <= 0x9e);
}

/*
 * someone_named - between from and to, a word of the first person ("den
 * wir beauftragt hatten", "who did my sister's wedding") or a name tied
 * on by "of" ("le traiteur du mariage de Camille")
 */
static bool
someone_named(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;
	size_t p = from;
	bool tie = false;

	while (rules_word_next(c->text, to, &p, &rw)) {
		if (rw.overflow) {
			tie = false;
			continue;
		}
		if (str_in_list(we, NELEMS(we), rw.folded) ||
		    (tie && capital(c->text + rw.start)))
			return true;
		tie = str_in_list(of, NELEMS(of), rw.folded);
	}
	return false;
}

/*
 * cl_in_a_name - the hit is a capitalised word tied on by "of" inside its
 * sentence: part of a place or firm's name ("Valle de Bravo", "Café de
 * Genial"), not a judgement.
 */
bool
cl_in_a_name(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p;
	bool tie = false;

	if (!capital(c->text + at.start))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = sb; rules_word_next(c->text, at.start, &p, &rw);)
		tie = !rw.overflow && str_in_list(of, NELEMS(of), rw.folded);
	return tie;
}

/* owner_aimed - something in text[sb, se) aims at the owner or their work */
static bool
owner_aimed(const struct cl *c, size_t sb, size_t se)
{
	return cl_near_between(c, sb, se, "aim") ||
	    cl_near_between(c, sb, se, "work");
}

/*
 * cl_own_subject - the judgement's sentence opens with somebody of a trade
 * ([aim party]) who is not the owner, and nothing in it aims at the
 * owner: the sender's own ("Our vet, Dr Malik, is brilliant", "Our
 * structural engineer is excellent"), or one the words after them tie
 * to the sender or to somebody named ("Der Statiker, den wir selbst
 * beauftragt hatten, hat hervorragende Arbeit geleistet", "le traiteur du
 * mariage de Camille était génial"); after a colon, the clause after it
 * ("Petite question : le traiteur ...").  "Our party food was a triumph"
 * praises the owner's work; "the plumber was great" may be the owner's.
 */
bool
cl_own_subject(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = at.start; p > sb; p--)
		if (c->text[p - 1] == ':') {
			sb = p;	/* "Otra cosa: el DJ que tuvo Lucía" */
			break;
		}
	p = sb;
	if (!rules_word_next(c->text, at.start, &p, &rw) || rw.overflow)
		return false;
	if (!cl_near_between(c, sb, at.start, "party") ||
	    owner_aimed(c, sb, se))
		return false;
	if (str_in_list(ours, NELEMS(ours), rw.folded))
		return true;
	if (!str_in_list(the, NELEMS(the), rw.folded))
		return false;
	return someone_named(c, p, at.start);	/* after the article */
}

/*
 * apposed_name - text[from, to) holds ", Name," : a capitalised word or
 * two set off by commas, the name of the person just described
 */
static bool
apposed_name(const struct cl *c, size_t from, size_t to)
{
	for (size_t p = from; p < to; p++) {
		struct rules_word rw;
		size_t q = p + 1, words = 0;
		bool caps = true;

		if (c->text[p] != ',')
			continue;
		while (rules_word_next(c->text, to, &q, &rw) && words < 3) {
			words++;
			caps = caps && capital(c->text + rw.start);
			while (q < to && (c->text[q] == ' ' || c->text[q] == '\t'))
				q++;
			if (q < to && c->text[q] == ',')
				break;
		}
		if (q < to && c->text[q] == ',' && words >= 1 && words <= 2 &&
		    caps)
			return true;
	}
	return false;
}

/*
 * cl_named_other - the judgement's subject is somebody of the sender's
 * named in apposition before it: a first-person possessive, then ",
 * Name," and the judgement, with nothing aimed at the owner before it
 * ("Also, our venue coordinator at Holcombe, Fiona, has been brilliant",
 * "Mi vecino, Andrés, quedó encantado con ..." is the neighbour's).
 * What follows the judgement ("so you'll be in good hands") may speak to
 * the owner.
 */
bool
cl_named_other(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p, own = (size_t)-1;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = sb; own == (size_t)-1 &&
	    rules_word_next(c->text, at.start, &p, &rw);)
		if (!rw.overflow && str_in_list(ours, NELEMS(ours), rw.folded))
			own = rw.end;
	return own != (size_t)-1 && apposed_name(c, own, at.start) &&
	    !cl_near_between(c, sb, at.start, "aim") &&
	    !cl_near_between(c, sb, at.start, "work");
}


/* Who opens a clause about the sender's own lot: "I", "we", "ich", "je";
 * in Spanish the verb itself ("he tenido", "estamos"). */
static const char *const self_opens[] = {
	"i", "i've", "i'd", "we", "we've", "we'd", "ich", "wir", "je",
	"j'ai", "nous", "yo", "nosotros", "nosotras",
	"he", "hemos", "tuve", "tuvimos", "llevo", "llevamos", "pase",
	"pasamos",
};
/* What one has been through: "had", "hatte", "eu", "passé", "tenido";
 * not "have" ("I have to say the food was a disappointment") nor a verb
 * of being ("estoy muy molesto" is the sender's verdict). */
static const char *const went_through[] = {
	"had", "hatte", "hatten", "gehabt", "eu", "passe", "vecu", "tenido",
	"tuve", "tuvimos", "llevo", "llevamos", "pasado", "pase", "pasamos",
};

#define LOT_WORDS	3	/* words from the clause start to the verb */

/*
 * cl_own_lot - the judgement is of something the sender went through, not
 * of the owner: its clause opens on the first person and a verb of
 * having or going through ("I've had an awful month", "Ich hatte eine
 * furchtbare Woche", "j'ai passé une semaine horrible", "he tenido una
 * semana fatal"), and nothing in its sentence aims at the owner or the
 * owner's work.
 */
bool
cl_own_lot(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p, n = 0;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = cl_clause_start(c->text, sb, at.start); n < LOT_WORDS &&
	    rules_word_next(c->text, at.start, &p, &rw); n++) {
		if (rw.overflow)
			return false;
		if (n == 0 && !str_in_list(self_opens, NELEMS(self_opens),
		    rw.folded))
			return false;
		if (str_in_list(went_through, NELEMS(went_through), rw.folded))
			return !owner_aimed(c, sb, se);
	}
	return false;
}

/* Spans of time one lives through: "an awful month", "eine furchtbare
 * Woche", "une semaine épouvantable", "una semana horrible". */
static const char *const periods[] = {
	"day", "days", "week", "weeks", "weekend", "fortnight", "month",
	"months", "year", "years", "morning", "afternoon", "evening", "night",
	"summer", "winter", "spring", "autumn", "season", "spell", "stretch",
	"tag", "tage", "tagen", "woche", "wochen", "wochenende", "monat",
	"monate", "monaten", "jahr", "jahre", "jahren", "vormittag",
	"nachmittag", "abend", "nacht", "sommer", "zeit", "phase",
	"jour", "jours", "journee", "journees", "semaine", "semaines", "mois",
	"annee", "annees", "matinee", "soiree", "nuit", "ete", "hiver",
	"periode", "saison",
	"dia", "dias", "semana", "semanas", "mes", "meses", "ano", "anos",
	"manana", "tarde", "noche", "verano", "invierno", "temporada",
	"racha", "epoca", "quincena",
};

#define PERIOD_BEFORE	2	/* words before a judgement its noun may be */
#define PERIOD_AFTER	2	/* ... or after it */

/* period_beside - a span of time is named among the few words before or
 * after the judgement at, inside its clause [cb, ce) */
static bool
period_beside(const struct cl *c, struct cl_span at, size_t cb, size_t ce)
{
	struct rules_word rw, last[PERIOD_BEFORE];
	size_t p = cb, n = 0;

	while (rules_word_next(c->text, at.start, &p, &rw))
		last[n++ % PERIOD_BEFORE] = rw;
	for (size_t i = 0; i < n && i < PERIOD_BEFORE; i++)
		if (!last[i].overflow && str_in_list(periods, NELEMS(periods),
		    last[i].folded))
			return true;
	p = at.end;
	for (n = 0; n < PERIOD_AFTER && rules_word_next(c->text, ce, &p, &rw);
	    n++)
		if (!rw.overflow && str_in_list(periods, NELEMS(periods),
		    rw.folded))
			return true;
	return false;
}

/*
 * cl_own_time - the complaint word judges a span of time the sender lived
 * through ("It's been an awful month with my hip", "was für eine
 * furchtbare Woche", "quelle semaine épouvantable", "qué semana tan
 * horrible"), and nothing in its clause aims at the owner or the owner's
 * work: the sender's lot, however the clause opens.
 */
bool
cl_own_time(const struct cl *c, struct cl_span at)
{
	size_t sb, se, cb, ce = at.end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	while (ce < se && strchr(",;:()", c->text[ce]) == NULL)
		ce++;
	return period_beside(c, at, cb, ce) && !owner_aimed(c, cb, ce);
}

/*
 * cl_own_thing - the clause of the judgement at opens on a first-person
 * possessive ("my fan is broken", "unser Dach ist undicht", "mi abanico
 * está roto") and nothing in its sentence aims at the owner or the
 * owner's work: the sender's own thing, whose trouble a first message
 * brings to the owner to fix.
 */
bool
cl_own_thing(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	return rules_word_next(c->text, at.start, &p, &rw) && !rw.overflow &&
	    str_in_list(ours, NELEMS(ours), rw.folded) &&
	    !owner_aimed(c, sb, se);
}
