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
 *	month"); cl_their_verdict that a third-person pronoun opens the
 *	judgement's clause ("der ist ... sehr zufrieden").  Each reads only
 *	the hit's sentence.
 *
 * OWNS
 *	Nothing: the word lists below are static.
 *
 * NEVER
 *	Records a fact, or reads outside the sentence of the hit.
 */
#include <ctype.h>
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

static bool owner_aimed(const struct cl *c, size_t sb, size_t se);

/* Words that tie a name to what comes before: "de Camille", "of Jo's" */
static const char *const of[] = { "of", "von", "de", "du", "del", "d" };
/* Third-person possessives: "their chef", "son traiteur", "sein Koch";
 * German "ihr" only in lower case (checked by the caller), Spanish "su"
 * never: it is also the owner's "usted". */
static const char *const theirs[] = {
	"his", "her", "their", "sein", "seine", "seinem", "seinen",
	"seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer", "son", "sa",
	"ses", "leur", "leurs",
};
/* Relative pronouns a name may follow as the subject of the clause they
 * open: "el DJ que tuvo Lucía", "the caterer that Jo had" */
static const char *const which[] = {
	"that", "who", "whom", "which", "qui", "que", "qu", "quien",
	"quienes",
};

/* third_person - the word rw is a third-person possessive as written
 * ("ihre" in lower case; "Ihre" is the owner's) */
static bool
third_person(const struct cl *c, const struct rules_word *rw)
{
	return !rw->overflow && str_in_list(theirs, NELEMS(theirs),
	    rw->folded) && !(rw->folded[0] == 'i' && cl_capital(c->text +
	    rw->start));
}

#define NAME_AFTER_WHICH	2	/* words from a relative to its subject */

/*
 * someone_named - between from and to, a word of the first or third
 * person ("den wir beauftragt hatten", "who did my sister's wedding",
 * "at her wedding"), a name tied on by "of" ("le traiteur du mariage de
 * Camille") or a name or "su" within two words after a relative pronoun
 * ("el DJ que tuvo Lucía en su boda", "que eligió su hermano")
 */
static bool
someone_named(const struct cl *c, size_t from, size_t to)
{
	struct rules_word rw;
	size_t p = from, after_which = NAME_AFTER_WHICH + 1;
	bool tie = false;

	while (rules_word_next(c->text, to, &p, &rw)) {
		if (rw.overflow) {
			tie = false;
			after_which++;
			continue;
		}
		if (str_in_list(we, NELEMS(we), rw.folded) ||
		    third_person(c, &rw) ||
		    ((tie || after_which <= NAME_AFTER_WHICH) &&
		    cl_capital(c->text + rw.start)) ||
		    (after_which <= NAME_AFTER_WHICH && (strcmp(rw.folded,
		    "su") == 0 || strcmp(rw.folded, "sus") == 0)))
			return true;	/* "que eligió su hermano" */
		tie = str_in_list(of, NELEMS(of), rw.folded);
		after_which = str_in_list(which, NELEMS(which), rw.folded) ?
		    1 : after_which + 1;
	}
	return false;
}

/*
 * aimed_past_ties - something in text[sb, se) aims at the owner, the
 * words that tie a name on left out: French "du" is German "you"
 */
static bool
aimed_past_ties(const struct cl *c, size_t sb, size_t se)
{
	struct rules_word rw;
	size_t p = sb, seg = sb;

	while (rules_word_next(c->text, se, &p, &rw)) {
		if (rw.overflow || !str_in_list(of, NELEMS(of), rw.folded))
			continue;
		if (owner_aimed(c, seg, rw.start))
			return true;
		seg = rw.end;
	}
	return owner_aimed(c, seg, se);
}

/* Number words a mark out of ten ends on: "de diez", "une note de dix". */
static const char *const tens[] = { "ten", "zehn", "dix", "diez" };

#define LABEL_MAX	3	/* bytes of a class or model after a word */

/*
 * next_token - the bytes of the token after at on its line, past blanks:
 * its start in *w, its length returned (0 at a line end or punctuation)
 */
static size_t
next_token(const struct cl *c, size_t at, size_t *w)
{
	size_t p = at;

	while (p < c->tlen && (c->text[p] == ' ' || c->text[p] == '\t'))
		p++;
	*w = p;
	while (p < c->tlen && (isalnum((unsigned char)c->text[p]) ||
	    (unsigned char)c->text[p] >= 0x80))
		p++;
	return p - *w;
}

/*
 * labelled_or_counted - the word of approval at names a class or a model
 * (a capital letter or a number follows it: "Klasse B", "classe A",
 * "Super 8", "Top 10") or counts (a mark out of ten followed by a noun:
 * "niños de 10 años", "un bono de diez sesiones", "ten pupils"): not a
 * judgement
 */
static bool
labelled_or_counted(const struct cl *c, struct cl_span at)
{
	struct rules_word rw, last = { 0 };
	size_t w, n = next_token(c, at.end, &w), p = at.start;
	bool upper = true;

	if (n == 0 || w == at.end)
		return false;
	for (size_t i = w; i < w + n; i++)
		upper = upper && (isupper((unsigned char)c->text[i]) ||
		    isdigit((unsigned char)c->text[i]));
	if (upper && n <= LABEL_MAX && !(n == 1 && c->text[w] == 'I'))
		return true;	/* "Klasse B", not "great I think" */
	while (rules_word_next(c->text, at.end, &p, &rw))
		last = rw;
	if (!islower((unsigned char)c->text[w]))
		return false;
	return isdigit((unsigned char)c->text[at.end - 1]) ||
	    (!last.overflow && last.end == at.end &&
	    str_in_list(tens, NELEMS(tens), last.folded));
}

/*
 * cl_in_a_name - the hit is a capitalised word tied on by "of" inside its
 * sentence: part of a place or firm's name ("Valle de Bravo", "Café de
 * Genial"), not a judgement; or it names a class or counts
 * (labelled_or_counted: "Klasse B", "niños de 10 años").
 */
bool
cl_in_a_name(const struct cl *c, struct cl_span at)
{
	struct rules_word rw;
	size_t sb, se, p;
	bool tie = false;

	if (labelled_or_counted(c, at))
		return true;
	if (!cl_capital(c->text + at.start))
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

#define SUBJECT_WORDS	4	/* words before a judgement its subject is */

/* Conjunctions that may open a clause before its subject. */
static const char *const and_[] = {
	"and", "but", "und", "aber", "et", "mais", "y", "e", "pero",
};

/*
 * article_subject - the clause of the judgement at opens (past an "and")
 * on an article, somebody of a trade and a person tied to them, with
 * nothing aimed at the owner up to the judgement ("..., y el DJ que
 * eligió su hermano fue increíble")
 */
static bool
article_subject(const struct cl *c, size_t cb, struct cl_span at)
{
	struct rules_word rw;
	size_t p = cb;

	if (!rules_word_next(c->text, at.start, &p, &rw) || rw.overflow)
		return false;
	if (str_in_list(and_, NELEMS(and_), rw.folded) &&
	    (!rules_word_next(c->text, at.start, &p, &rw) || rw.overflow))
		return false;
	return str_in_list(the, NELEMS(the), rw.folded) &&
	    cl_near_between(c, p, at.start, "party") &&
	    someone_named(c, p, at.start) && !owner_aimed(c, p, at.end);
}

/*
 * possessed_subject - among the few words before the judgement at, in its
 * clause, a possessive of the first or third person opens somebody of a
 * trade ([aim party]) with nothing aimed at the owner up to the judgement
 * ("we ate at the Harbour Inn and their chef is superb", "leur cuisinier
 * est génial", "mein Chor­leiter ist wunderbar"): the one judged is theirs
 */
static bool
possessed_subject(const struct cl *c, size_t sb, struct cl_span at)
{
	struct rules_word rw;
	size_t cb = cl_clause_start(c->text, sb, at.start), p, n = 0;
	size_t from = (size_t)-1;

	for (p = cb; rules_word_next(c->text, at.start, &p, &rw);)
		n++;
	for (p = cb; rules_word_next(c->text, at.start, &p, &rw); n--) {
		if (n > SUBJECT_WORDS || rw.overflow)
			continue;
		if (str_in_list(ours, NELEMS(ours), rw.folded) ||
		    third_person(c, &rw)) {
			from = rw.end;	/* "ihr Koch": "ihr" aims at nobody */
			break;
		}
	}
	if (from == (size_t)-1)
		return article_subject(c, cb, at);
	return cl_near_between(c, from, at.start, "party") &&
	    !owner_aimed(c, from, at.end);
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
	if (!cl_near_between(c, sb, at.start, "party"))
		return false;
	if (possessed_subject(c, sb, at))
		return true;
	if (aimed_past_ties(c, sb, se))
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
			caps = caps && cl_capital(c->text + rw.start);
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

/* The sender's own having, alone ("tengo", "j'ai", "I've") or after a
 * first-person pronoun ("I have", "ich habe", "nous avons"). */
static const char *const have_alone[] = {
	"tengo", "tenemos", "j'ai", "i've", "we've",
};
static const char *const have_after[] = {
	"have", "habe", "haben", "hab", "ai", "avons", "got", "tengo",
	"tenemos",
};
static const char *const i_we[] = {
	"i", "we", "ich", "wir", "je", "nous", "yo", "nosotros",
};
/* What opens a thing possessed: an article, a possessive or a count. */
static const char *const a_thing[] = {
	"a", "an", "the", "my", "our", "two", "three", "some", "this",
	"ein", "eine", "einen", "den", "die", "das", "meinen", "meine",
	"mein", "unseren", "unsere", "zwei", "drei",
	"un", "une", "le", "la", "les", "mon", "ma", "mes", "notre", "nos",
	"deux", "trois", "des",
	"el", "los", "las", "una", "mi", "mis", "nuestro", "nuestra", "dos",
	"tres", "unos", "unas",
};

/*
 * having_opens - the clause opens, at its first word w, on the sender's
 * own having ("Tengo el mantón de mi abuela con los flecos deshechos",
 * "I have a chair whose leg is split", "J'ai une commode dont ...",
 * "Ich habe einen Schrank, ...") followed at once by an article, a
 * possessive or a count: the thing the sender owns, as much as "my
 * chair"; "I have been waiting" has no thing.  p is just past w.
 */
static bool
having_opens(const struct cl *c, const struct rules_word *w, size_t p,
    size_t end)
{
	struct rules_word rw;

	if (str_in_list(i_we, NELEMS(i_we), w->folded)) {
		if (!rules_word_next(c->text, end, &p, &rw) || rw.overflow ||
		    !str_in_list(have_after, NELEMS(have_after), rw.folded))
			return false;
		if (strcmp(rw.folded, "have") == 0 &&
		    rules_word_next(c->text, end, &p, &rw) && !rw.overflow &&
		    strcmp(rw.folded, "got") != 0)
			return str_in_list(a_thing, NELEMS(a_thing), rw.folded);
	} else if (!str_in_list(have_alone, NELEMS(have_alone), w->folded)) {
		return false;
	}
	if (strcmp(w->folded, "i've") == 0 || strcmp(w->folded, "we've") == 0) {
		if (!rules_word_next(c->text, end, &p, &rw) || rw.overflow ||
		    strcmp(rw.folded, "got") != 0)
			return false;	/* "I've been waiting" */
	}
	return rules_word_next(c->text, end, &p, &rw) && !rw.overflow &&
	    str_in_list(a_thing, NELEMS(a_thing), rw.folded);
}

/*
 * cl_own_thing - the clause of the judgement at opens on a first-person
 * possessive ("my fan is broken", "unser Dach ist undicht", "mi abanico
 * está roto") or on the sender's own having (having_opens: "tengo el
 * mantón ... roto") and nothing in its sentence aims at the owner or the
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
	if (!rules_word_next(c->text, at.start, &p, &rw) || rw.overflow)
		return false;
	if (!str_in_list(ours, NELEMS(ours), rw.folded) &&
	    !having_opens(c, &rw, p, at.start))
		return false;
	return !owner_aimed(c, sb, se);
}

/* Pronouns of the third person that open a clause as its subject; German
 * "sie" only in lower case, "der" and "die" only before a verb. */
static const char *const they[] = {
	"he", "she", "they", "he's", "she's", "they're", "er", "sie", "der",
	"die", "il", "elle", "ils", "elles", "ella", "ellos", "ellas",
};

bool
cl_their_verdict(const struct cl *c, struct cl_span at)
{
	struct rules_word rw, next;
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	p = cl_clause_start(c->text, sb, at.start);
	if (!rules_word_next(c->text, at.start, &p, &rw) || rw.overflow)
		return false;
	if (strncmp(c->text + rw.start, "\xc3\xa9l ", 4) == 0 ||
	    strncmp(c->text + rw.start, "\xc3\x89l ", 4) == 0)
		return true;	/* "él está encantado", not "el trabajo" */
	if (!str_in_list(they, NELEMS(they), rw.folded) ||
	    (rw.folded[0] == 's' && rw.folded[1] == 'i' &&
	    cl_capital(c->text + rw.start)))
		return false;	/* "Sie sind" is the owner */
	if (strcmp(rw.folded, "der") != 0 && strcmp(rw.folded, "die") != 0)
		return true;
	/* "der ist", not "der Service ist" */
	return rules_word_next(c->text, at.start, &p, &next) &&
	    !cl_capital(c->text + next.start);
}
