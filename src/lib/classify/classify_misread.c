/*
 * classify_misread - words and figures of haggling that question no price.
 *
 * DESCRIPTION
 *	Not haggling (cl_money_misread): a sum of a sentence that says it
 *	is paid ([not slow-payer]: "I've paid the £190 already so it's one
 *	less thing", "ich habe die 190 € schon überwiesen"), whatever price
 *	word stands beside it; nor a price word that qualifies the name the
 *	sender calls the owner, between an [outcome epithet] and its [outcome
 *	insult] noun ("You're an overpriced bodger", "Sie sind ein
 *	überteuerter Pfuscher"): that is rude, not a price questioned; nor
 *	the owner's discount thanked for or accepted (classify_taken.c:
 *	"Muchas gracias por el descuento"), nor named back in a sentence
 *	whose every percentage is one the quoted owner's mail gave ("we
 *	accept your quotation of £418.50, including the 10% discount"); nor
 *	a price word ([weak haggler]: "la facture", "die Rechnung") made
 *	haggling only by an aim word, in mail that puts a payment off ("la
 *	facture ne pourra pas être réglée avant le vote du budget"): the
 *	money is asked about when, not how much; nor a price asked with the
 *	indefinite article alone in a first mail that names no sum and sets
 *	no condition ("Pouvez-vous me faire un prix pour l'ensemble ?"): a
 *	quote asked, with no price yet to push against; nor a comparative
 *	that weighs one kind of job against another named with the
 *	indefinite article, in a question with no sum ("Is it cheaper than
 *	a full set?", "Ist das günstiger als ein kompletter Satz?", "Est-ce
 *	moins cher qu'un jeu complet ?", "¿Sale más barato que un juego
 *	completo?"): which of the owner's own prices is lower is asked;
 *	nor a walk-away ([aim walkaway]: "I'll take my business elsewhere")
 *	in mail whose text, subject, quote and the owner's mail it answers
 *	name no price, sum or haggling word: the owner left, no price
 *	pushed against.
 *
 *	Not an [aim haggler] word at all (cl_money_rough): the far end of a
 *	pair of opposites joined by "or" ("more or less", "mehr oder
 *	weniger", "plus ou moins", "más o menos") gives a sum roughly
 *	("¿Cuánto cuesta más o menos un arreglo así?"), no lower price
 *	pushed for.
 *
 *	The owner's own discounted price taken up (cl_money_owner_cut):
 *	the sender's figure is the quoted price less the quoted percentage
 *	("comes to £45; I'll take 10% off" ... "I've paid the £40.50").
 *
 * OWNS
 *	Nothing: it reads the text, the top of the quote and the scan's
 *	notes.
 *
 * NEVER
 *	Records a tag itself (classify_tags.c does), or reads past the
 *	texts it is given.
 */
#include <stdbool.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "figures_int.h"
#include "rules_int.h"

#define NAME_REACH 28	/* bytes from a price word to the insult noun */

/*
 * owners_percent - the sentence t[sb, se) of the text names percentages,
 * and each is one the quoted owner's mail gave ("we accept your quote
 * of £418.50, including the 10% discount", "avec la remise de 15 %
 * comprise"): the owner's own discount named back, not one asked for
 */
static bool
owners_percent(const struct cl *c, size_t sb, size_t se)
{
	struct figure s[MONEY_MAX_FIGURES], q[MONEY_MAX_FIGURES];
	const char *quoted = c->m->quoted;
	size_t ns, nq, named = 0;

	if (quoted == NULL || se <= sb)
		return false;
	ns = cl_figures(c, c->text + sb, se - sb, s, MONEY_MAX_FIGURES, false);
	nq = cl_figures(c, quoted, strnlen(quoted, CL_QUOTE_WINDOW), q,
	    MONEY_MAX_FIGURES, false);
	for (size_t i = 0; i < ns; i++) {
		size_t j;

		if (!s[i].percent)
			continue;
		for (j = 0; j < nq; j++)
			if (q[j].percent && q[j].cents == s[i].cents)
				break;
		if (j == nq)
			return false;	/* a percentage of the sender's own */
		named++;
	}
	return named > 0;
}

/* What a scan of a haggler hit's own words found. */
struct hit_words {
	size_t len;
	bool weak;		/* a [weak haggler] phrase is the whole hit */
	bool strong;		/* a [tag haggler] phrase stands in it */
};

static void
hit_words_fn(void *ctx, const struct rules_match *m)
{
	struct hit_words *h = ctx;

	if (strcmp(m->name, "haggler") != 0)
		return;
	if (m->kind == RULES_WEAK && m->start == 0 && m->end == h->len)
		h->weak = true;
	if (m->kind == RULES_TAG)
		h->strong = true;
}

/*
 * about_when - the haggler hit at is only a word of price ([weak
 * haggler]: "la facture", "die Rechnung") that an aim word made
 * haggling, in mail that puts a payment off (a slow-payer hit its
 * exceptions leave): "la facture ne pourra pas être réglée avant le vote
 * du budget", "Unser Träger gibt das Budget erst im neuen Jahr frei ...
 * in zwei Raten".  The money is asked about when, not how much; a
 * figure proposed below the price still haggles (counter_offer).
 */
static bool
about_when(const struct cl *c, struct cl_span at)
{
	struct hit_words h = { at.end - at.start, false, false };
	bool owes = false;

	for (size_t i = 0; i < c->ntags && !owes; i++)
		owes = strcmp(c->tags[i].tag, "slow-payer") == 0 &&
		    !cl_cancelled(c, "slow-payer", c->tags[i].at);
	if (!owes || at.end <= at.start)
		return false;
	rules_scan(c->r, c->text + at.start, h.len, hit_words_fn, &h);
	return h.weak && !h.strong;
}

/*
 * quote_asked - the haggler hit at ends on a price asked with the
 * indefinite article and nothing to qualify it ("me faire un prix",
 * "do me a price", "hacerme un precio", "uns einen Preis machen"), in a
 * first mail that names no sum and sets no condition in its sentence:
 * the sender asks what the work costs, a quote, with no price yet to
 * push against ("Pouvez-vous me faire un prix pour l'ensemble ?").  "un
 * petit prix", "a better price", "si je prends aussi ..., vous me faites
 * un prix" still push.
 */
static bool
quote_asked(const struct cl *c, struct cl_span at)
{
	static const char *const article[] = { "a", "un", "einen", "ein" };
	static const char *const price[] = { "price", "prix", "preis",
	    "precio" };
	struct rules_word rw, last[2];
	size_t p = at.start, n = 0, sb, se;

	if (cl_is_reply(c->m) || (c->m->quoted != NULL && *c->m->quoted) ||
	    cl_near_sum_in(c->text, 0, c->tlen))
		return false;
	while (rules_word_next(c->text, at.end, &p, &rw)) {
		if (rw.overflow)
			return false;
		last[0] = last[1];
		last[1] = rw;
		n++;
	}
	if (n < 2 || !str_in_list(article, sizeof(article) /
	    sizeof(article[0]), last[0].folded) || !str_in_list(price,
	    sizeof(price) / sizeof(price[0]), last[1].folded))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return !cl_near_between(c, sb, se, "if");
}

/*
 * options_weighed - the haggler hit at is a comparative that its "than"
 * ("than", "als", "que", "qu'un") ties to a kind of job named with the
 * indefinite article ("cheaper than a full set", "más barato que un
 * juego completo"), in a question with no sum, no third party and
 * nothing said to the owner: the sender asks which of two jobs costs
 * less, not for a lower price ("Is it cheaper than a new one?";
 * "cheaper than £200", "than your quote", "than that", "can you do it
 * cheaper than a big firm would?" still push)
 */
static bool
options_weighed(const struct cl *c, struct cl_span at)
{
	static const char *const than[] = { "than", "als", "que" };
	static const char *const one[] = { "a", "an", "ein", "eine",
	    "einen", "einem", "un", "une", "uno", "una", "qu'un", "qu'une" };
	struct rules_word w;
	size_t sb, se, p = at.end;
	bool ask = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (!rules_word_next(c->text, se, &p, &w) || w.overflow)
		return false;
	if (strncmp(w.folded, "qu'", 3) != 0) {
		if (!str_in_list(than, sizeof(than) / sizeof(than[0]),
		    w.folded) || !rules_word_next(c->text, se, &p, &w) ||
		    w.overflow)
			return false;
	}
	if (!str_in_list(one, sizeof(one) / sizeof(one[0]), w.folded))
		return false;
	for (size_t i = w.end; i < c->tlen && i < se + 2 && !ask; i++)
		ask = c->text[i] == '?';
	return ask && !cl_near_sum_in(c->text, sb, se) &&
	    !cl_near_between(c, sb, se, "other") &&
	    !cl_near_between(c, sb, se, "aim");
}

/* priced_fn - a word of price ([weak haggler] "price", "quote") or of
 * haggling ([aim haggler] "too much", another [tag haggler] phrase
 * outside the walk-away) was scanned; ctx is the walk-away's span */
struct away_seen {
	struct cl_span away;
	bool price;
};

static void
priced_fn(void *ctx, const struct rules_match *m)
{
	struct away_seen *s = ctx;

	if (strcmp(m->name, "haggler") != 0)
		return;
	if (m->kind == RULES_WEAK || m->kind == RULES_AIM ||
	    (m->kind == RULES_TAG &&
	    (m->start < s->away.start || m->end > s->away.end)))
		s->price = true;
}

/*
 * walked_off - the haggler hit at lies inside an [aim walkaway] phrase
 * ("I'll take my business elsewhere", "I'll go elsewhere") in mail that
 * names no price, sum or haggling word anywhere, nor does the top of its
 * quote, nor the owner's mail it answers unquoted: the sender walks away
 * from the owner ("you are a pompous old windbag and I'll take my
 * business elsewhere"), with no price to push against (recog29b)
 */
static bool
walked_off(const struct cl *c, struct cl_span at)
{
	const struct classify_said *said;
	struct away_seen s = { { 0, 0 }, false };
	size_t sb, se, p, n;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = sb; cl_money_seek(c, c->text, p, se, RULES_AIM, "walkaway",
	    &s.away); p = s.away.end)
		if (s.away.start <= at.start && s.away.end >= at.end)
			break;
	if (s.away.start > at.start || s.away.end < at.end)
		return false;
	if (cl_near_sum_in(c->text, 0, c->tlen))
		return false;
	rules_scan(c->r, c->text, c->tlen, priced_fn, &s);
	s.away.start = s.away.end = 0;
	if (c->m->subject != NULL)
		rules_scan(c->r, c->m->subject, strlen(c->m->subject),
		    priced_fn, &s);
	if (s.price)
		return false;
	if (c->m->quoted != NULL) {
		n = strnlen(c->m->quoted, CL_QUOTE_WINDOW);
		rules_scan(c->r, c->m->quoted, n, priced_fn, &s);
		if (s.price || cl_near_sum_in(c->m->quoted, 0, n))
			return false;
	}
	return !((said = cl_owner_said(c)) != NULL &&
	    (said->cents > 0 || said->bill));
}

bool
cl_money_misread(const struct cl *c, struct cl_span at)
{
	unsigned long long v;
	bool money;
	size_t sb, se;

	if (cl_near_figure(c->text, c->tlen, at.start, &v, &money) > 0 &&
	    cl_cancelled(c, "slow-payer", at))
		return true;	/* "I've paid the £190 already" */
	if (cl_taken_up(c, at))
		return true;	/* "Muchas gracias por el descuento" */
	if (about_when(c, at))
		return true;	/* "reporter le paiement ... du budget" */
	if (quote_asked(c, at))
		return true;	/* "Pouvez-vous me faire un prix ... ?" */
	if (options_weighed(c, at))
		return true;	/* "Is it cheaper than a full set?" */
	if (walked_off(c, at))
		return true;	/* "... and I'll take my business elsewhere" */
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (owners_percent(c, sb, se))
		return true;	/* "including the 10% discount" */
	return cl_outcome_in(c, "epithet", sb, at.start) &&
	    cl_outcome_in(c, "insult", at.end, at.end + NAME_REACH < se ?
	    at.end + NAME_REACH : se);
}

#define PAIR_REACH 24	/* bytes before a word its "more or" may take */

bool
cl_money_rough(const struct cl *c, const struct rules_match *m)
{
	static const char *const less[] = { "less", "weniger", "moins",
	    "menos" };
	static const char *const more[] = { "more", "mehr", "plus", "mas" };
	static const char *const or[] = { "or", "oder", "ou", "o" };
	struct rules_word w, last[2];
	size_t p, n = 0, i;

	if (c->text == NULL || m->end > c->tlen ||
	    strcmp(m->name, "haggler") != 0)
		return false;
	p = m->start;
	if (!rules_word_next(c->text, m->end, &p, &w) || w.end != m->end)
		return false;	/* one word makes the match */
	if (!str_in_list(less, sizeof(less) / sizeof(less[0]), w.folded))
		return false;
	p = m->start > PAIR_REACH ? m->start - PAIR_REACH : 0;
	while (rules_word_next(c->text, m->start, &p, &w)) {
		last[0] = last[1];
		last[1] = w;
		n++;
	}
	if (n < 2 || (n < 3 && m->start > PAIR_REACH))
		return false;	/* the first word may be cut */
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		if (strcmp(more[i], last[0].folded) == 0 &&
		    strcmp(or[i], last[1].folded) == 0)
			return true;
	return false;
}

#define DATE_GAP 5	/* bytes between a day and its month's name */

/* gap_only - t[from, to) is short and holds blanks, full stops and the
 * "de" of Spanish dates only: "12 March", "12. März", "12 de marzo" */
static bool
gap_only(const char *t, size_t from, size_t to)
{
	if (to - from > DATE_GAP)
		return false;
	for (size_t p = from; p < to; p++) {
		if (t[p] == ' ' || t[p] == '.')
			continue;
		if (to - p < 2 || strncmp(t + p, "de", 2) != 0)
			return false;
		p++;
	}
	return true;
}

/*
 * dated - figure f of the text is the day of a date: an [aim month]
 * name stands right after it or right before it ("book in 12 March",
 * "le 12 mars", "el 12 de marzo", "March 12"), a day and no sum
 */
static bool
dated(const struct cl *c, const struct figure *f)
{
	const struct cl_money_seen *s = &c->money;

	for (size_t i = 0; i < s->nmonth; i++)
		if ((s->month[i].start >= f->at.end &&
		    gap_only(c->text, f->at.end, s->month[i].start)) ||
		    (s->month[i].end <= f->at.start &&
		    gap_only(c->text, s->month[i].end, f->at.start)))
			return true;
	return false;
}

/*
 * cl_money_owner_cut - the sender's figure at is what the quoted owner's
 * mail asked less a percentage the same mail gave ("comes to £45; I'll
 * take 10% off" ... "I've paid the £40.50"): the owner's own offer taken
 * up, not a counter-offer, unless the sender names a lower sum of their
 * own ("405 still feels steep, my old accountant charged 250"; the day
 * of a date is none: "please book in 12 March").  Within a unit of the
 * currency for rounding.
 */
bool
cl_money_owner_cut(const struct cl *c, struct cl_span at)
{
	struct figure q[MONEY_MAX_FIGURES];
	const char *quoted = c->m->quoted;
	unsigned long long v;
	bool money;
	size_t nq;

	if (quoted == NULL || cl_near_figure(c->text, c->tlen, at.start, &v,
	    &money) == 0)
		return false;
	nq = cl_figures(c, c->text, c->tlen, q, MONEY_MAX_FIGURES, false);
	for (size_t i = 0; i < nq; i++)
		if (!q[i].percent && q[i].money && q[i].cents < v &&
		    !dated(c, &q[i]))
			return false;	/* "405 feels steep, my old one did 250" */
	nq = cl_figures(c, quoted, strnlen(quoted, CL_QUOTE_WINDOW), q,
	    MONEY_MAX_FIGURES, false);
	for (size_t i = 0; i < nq; i++) {
		if (q[i].percent || !q[i].money)
			continue;
		for (size_t j = 0; j < nq; j++) {
			unsigned long long want, pct = q[j].cents / 100;

			if (!q[j].percent || pct == 0 || pct >= 100)
				continue;
			want = q[i].cents * (100 - pct);	/* cents x 100 */
			if (v * 100 + 100 * 100 >= want &&
			    v * 100 <= want + 100 * 100)
				return true;
		}
	}
	return false;
}
