/*
 * classify_tense - whether a day a mail names is being arranged or was
 * lived, by the tense of the clause it stands in.
 *
 * DESCRIPTION
 *	A day or an hour ([aim slot]) in mail that thanks may be the day
 *	being arranged ("the key is under the mat, come on Tuesday.
 *	Thanks!", "Pour vendredi : 3 kg de comté") or the day a result was
 *	seen ("Picked up the euphonium on Saturday", "Le buffet de samedi a
 *	fait l'unanimité", "El domingo salió a navegar").  cl_booked_slot
 *	finds one being arranged: not set in the past or spread over a
 *	stretch by an [aim lasting] phrase beside it ("since Sunday", "el
 *	domingo pasado"), and not in a clause told in the past.
 *
 *	cl_past_clause reads that tense from the forms of the verbs:
 *
 *	  English: a simple past in -ed with no auxiliary of the present
 *	  right before it ("I've booked you in", "it is cleaned weekly" are
 *	  no account), or an [aim past] form ("went", "sat", "was");
 *	  German: a participle ("abgeholt", "gewonnen") in a clause with an
 *	  auxiliary of the perfect ("hat", "sind"), or an [aim past] form
 *	  ("war", "kam", "hatte");
 *	  French: "avoir" and within two words a participle (-é, -i, -is,
 *	  -it, -u, -ert), "être" and one in -é or -u ("est arrivé", "sont
 *	  venus"), or an imperfect (-aient, or -ait after its subject: "il
 *	  marchait", "c'était");
 *	  Spanish: a preterite with its written accent ("llegó") or in
 *	  -aron, -ieron, an imperfect in -aba, -aban, a perfect ("ha
 *	  quedado", "hemos salido"), or an [aim past] form ("fue", "hizo").
 *
 *	A clause that also speaks of what will be or has just been done
 *	("I've booked you in for Tuesday morning and cleared the garage",
 *	"we'll come on Friday as we said") is no account: its day stays
 *	arranged.  A writer who drops the accents ("llego") or writes an
 *	irregular form no list holds is read in the present: the day then
 *	stays arranged, as it was before these tests.
 *
 * OWNS
 *	Nothing: the closed word classes below are static.
 *
 * NEVER
 *	Reads outside the clause (for a slot) or range it is given.
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

#define TENSE_SLOTS	8	/* days and times of a range weighed */

/* English words in -ed that are no past ("hundred", "need"). */
static const char *const not_ed[] = {
	"hundred", "sacred", "naked", "wicked", "rugged", "ragged", "beloved",
	"kindred", "shed", "bed", "red", "wed", "sled", "bred", "embed",
	"usted", "pied", "sed", "pared",
};
/* What makes a following -ed form present: "I've booked you in for
 * Tuesday", "it's fixed", "is cleaned every week", "will be collected". */
static const char *const present_aux[] = {
	"have", "has", "is", "are", "am", "be", "been", "being", "get",
	"gets", "getting", "will", "i've", "we've", "you've", "they've",
	"it's", "that's", "he's", "she's", "we're", "you're", "they're",
	"i'm", "i'll", "we'll", "you'll", "it'll", "ive", "weve", "im",
};
/* What sets a clause in the future or the present perfect, whatever
 * past form it also holds: "I've booked you in for Tuesday morning and
 * cleared the garage", "we'll come on Friday as we said". */
static const char *const ahead[] = {
	"will", "shall", "going", "i've", "we've", "i'll", "we'll", "you'll",
	"werde", "wird", "werden", "vais", "allons", "vont",
	"voy", "vamos",
};
/* German auxiliaries of the perfect and the past perfect. */
static const char *const aux_de[] = {
	"hat", "haben", "habe", "hast", "habt", "ist", "sind", "bin", "bist",
	"seid", "hatte", "hatten", "war", "waren",
};
/* German words in ge- that are no participle. */
static const char *const not_ge_de[] = {
	"gegen", "genug", "geben", "gehen", "gelten", "gewinnen", "geniessen",
	"gestalten", "gestern", "gerne", "gern", "genau", "gesamt",
};
/* French auxiliaries: avoir, then être.  "a" and "as" are words of the
 * other languages too ("a visit", "a mi casa"): after them only a
 * participle in -é or one of the irregular ones below is read. */
static const char *const avoir[] = {
	"ai", "avons", "avez", "ont", "avait", "avaient", "avions", "aviez",
	"avais",
};
static const char *const avoir_a[] = { "a", "as" };
static const char *const etre[] = {
	"suis", "est", "sommes", "etes", "sont", "etait", "etaient", "etions",
	"etais",
};
static const char *const irregular_fr[] = {
	"fait", "faits", "pris", "mis", "dit", "eu", "vu", "ouvert", "recu",
	"su", "pu", "voulu", "du", "lu", "bu", "cru", "couru", "tenu",
	"offert", "ecrit", "conduit", "construit", "compris", "appris",
	"permis", "promis", "remis", "surpris", "rendu", "vendu", "perdu",
	"attendu", "entendu", "repondu", "descendu", "suivi", "fini", "choisi",
	"reussi", "servi", "dormi", "parti", "sorti", "senti",
};
/* Subjects an imperfect in -ait follows: "il marchait", "on croyait". */
static const char *const subject_fr[] = {
	"il", "elle", "on", "ca", "ce", "qui", "tout", "cela",
};
/* Spanish auxiliaries of the perfect. */
static const char *const haber[] = {
	"he", "has", "ha", "hemos", "habeis", "han", "habia", "habias",
	"habiamos", "habian",
};

/* ends_in - the folded word ends in suffix, with at least `stem` bytes
 * before it */
static bool
ends_in(const struct rules_word *w, const char *suffix, size_t stem)
{
	size_t n = strlen(suffix);

	return w->flen >= n + stem &&
	    memcmp(w->folded + w->flen - n, suffix, n) == 0;
}

/* raw_ends - the word as written ends in the UTF-8 bytes s ("ó", "é") */
static bool
raw_ends(const struct cl *c, const struct rules_word *w, const char *s)
{
	size_t n = strlen(s);

	return w->end - w->start > n &&
	    memcmp(c->text + w->end - n, s, n) == 0;
}

/* past_en - an English simple past in -ed, prev the word before it */
static bool
past_en(const struct rules_word *w, const char *prev)
{
	return ends_in(w, "ed", 2) && !ends_in(w, "eed", 1) &&
	    !str_in_list(not_ed, NELEMS(not_ed), w->folded) &&
	    !str_in_list(present_aux, NELEMS(present_aux), prev);
}

/* participle_de - "abgeholt", "gewonnen", "eingebaut": ge- in the word,
 * -t or -en at its end, in lower case ("das Angebot" is a noun) */
static bool
participle_de(const struct cl *c, const struct rules_word *w)
{
	const char *ge = strstr(w->folded, "ge");

	return ge != NULL && ge - w->folded <= 4 && w->flen >= 6 &&
	    !(c->text[w->start] >= 'A' && c->text[w->start] <= 'Z') &&
	    (ends_in(w, "t", 4) || ends_in(w, "en", 4)) &&
	    !str_in_list(not_ge_de, NELEMS(not_ge_de), w->folded);
}

/* past_fr - a French participle after an auxiliary among the two words
 * before it, or an imperfect */
static bool
past_fr(const struct cl *c, const struct rules_word *w, const char *prev,
    const char *prev2)
{
	static const char *const pp[] = { "i", "is", "it", "u", "us", "ue",
	    "ues", "ert", "erts" };
	bool acute = raw_ends(c, w, "\xc3\xa9") || raw_ends(c, w, "\xc3\xa9" "e") ||
	    raw_ends(c, w, "\xc3\xa9s") || raw_ends(c, w, "\xc3\xa9" "es");

	if (str_in_list(avoir, NELEMS(avoir), prev) ||
	    str_in_list(avoir, NELEMS(avoir), prev2)) {
		if (acute)
			return true;	/* "ont fonctionné" */
		for (size_t i = 0; i < NELEMS(pp); i++)
			if (ends_in(w, pp[i], 1))
				return true;	/* "ont pris", "avons eu" */
	}
	if ((str_in_list(avoir_a, NELEMS(avoir_a), prev) ||
	    str_in_list(avoir_a, NELEMS(avoir_a), prev2)) &&
	    (acute || str_in_list(irregular_fr, NELEMS(irregular_fr),
	    w->folded)))
		return true;	/* "a fonctionné", "a fait" */
	if ((str_in_list(etre, NELEMS(etre), prev) ||
	    str_in_list(etre, NELEMS(etre), prev2)) &&
	    (acute || ends_in(w, "u", 2) || ends_in(w, "us", 2)))
		return true;	/* "est arrivé", "sont venus" */
	if (ends_in(w, "aient", 1))
		return true;	/* "ils marchaient" */
	return ends_in(w, "ait", 1) &&
	    (str_in_list(subject_fr, NELEMS(subject_fr), prev) ||
	    strncmp(w->folded, "c'", 2) == 0);	/* "il marchait", "c'était" */
}

/* past_es - a Spanish preterite, imperfect or perfect */
static bool
past_es(const struct cl *c, const struct rules_word *w, const char *prev)
{
	static const char *const pp[] = { "ado", "ada", "ados", "adas", "ido",
	    "ida", "idos", "idas" };

	if (raw_ends(c, w, "\xc3\xb3") || ends_in(w, "aron", 2) ||
	    ends_in(w, "ieron", 1))
		return true;	/* "llegó", "quedaron", "vinieron" */
	if ((ends_in(w, "aba", 2) || ends_in(w, "aban", 2)) &&
	    strncmp(w->folded, "acaba", 5) != 0)
		return true;	/* "funcionaba", not "acaba de" */
	if (str_in_list(haber, NELEMS(haber), prev))
		for (size_t i = 0; i < NELEMS(pp); i++)
			if (ends_in(w, pp[i], 1))
				return true;	/* "ha quedado" */
	return false;
}

bool
cl_past_clause(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	char prev[RULES_MAX_WORD + 4] = "", prev2[RULES_MAX_WORD + 4] = "";
	size_t sb, se, cb, ce, p;
	bool aux = false, part = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	for (ce = at.end; ce < se && strchr(",;:()", c->text[ce]) == NULL; ce++)
		;
	for (p = cb; rules_word_next(c->text, ce, &p, &w);)
		if (!w.overflow && str_in_list(ahead, NELEMS(ahead), w.folded))
			return false;	/* "I've booked you in for Tuesday" */
	if (cl_near_between(c, cb, ce, "past"))
		return true;	/* "went", "war", "fue" */
	for (p = cb; rules_word_next(c->text, ce, &p, &w);) {
		if (w.overflow)
			continue;
		aux = aux || str_in_list(aux_de, NELEMS(aux_de), w.folded);
		part = part || participle_de(c, &w);
		if (past_en(&w, prev) || past_fr(c, &w, prev, prev2) ||
		    past_es(c, &w, prev) || (aux && part))
			return true;
		memcpy(prev2, prev, sizeof(prev2));
		memcpy(prev, w.folded, w.flen + 1);
	}
	return false;
}

/* The [aim slot] and [aim lasting] phrases of one scan. */
struct slot_seek {
	struct cl_span slot[TENSE_SLOTS], lasting[TENSE_SLOTS];
	size_t ns, nl;
	bool full;		/* more slots than slot[] holds */
};

static void
slot_fn(void *ctx, const struct rules_match *m)
{
	struct slot_seek *s = ctx;
	struct cl_span at = { m->start, m->end };

	if (m->kind != RULES_AIM)
		return;
	if (strcmp(m->name, "slot") == 0) {
		if (s->ns < TENSE_SLOTS)
			s->slot[s->ns++] = at;
		else
			s->full = true;
	} else if (strcmp(m->name, "lasting") == 0 && s->nl < TENSE_SLOTS) {
		s->lasting[s->nl++] = at;
	}
}

/* blanks_only - t[a, b) is one or two blanks */
static bool
blanks_only(const char *t, size_t a, size_t b)
{
	if (b <= a || b - a > 2)
		return false;
	for (size_t i = a; i < b; i++)
		if (t[i] != ' ' && t[i] != '\n')
			return false;
	return true;
}

bool
cl_booked_slot(const struct cl *c, size_t from, size_t to)
{
	struct slot_seek s = { .ns = 0 };

	if (from >= to)
		return false;
	rules_scan(c->r, c->text + from, to - from, slot_fn, &s);
	if (s.full)
		return true;
	for (size_t i = 0; i < s.ns; i++) {
		struct cl_span at = { from + s.slot[i].start,
		    from + s.slot[i].end };
		bool anchored = false;

		for (size_t j = 0; j < s.nl && !anchored; j++)
			anchored = blanks_only(c->text + from,
			    s.lasting[j].end, s.slot[i].start) ||
			    blanks_only(c->text + from, s.slot[i].end,
			    s.lasting[j].start);
		if (!anchored && !cl_past_clause(c, at))
			return true;
	}
	return false;
}
