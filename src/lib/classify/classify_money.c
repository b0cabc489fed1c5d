/*
 * classify_money - haggling read from the figures of the mail and its quote.
 *
 * DESCRIPTION
 *	Phrases name only the wordings somebody already wrote; these
 *	structures catch the situation however it is worded.
 *
 *	A counter-figure (cl_money_haggles): the sender proposes a figure of
 *	their own (an [aim counter] phrase right before it: "could you do
 *	them at something like 2", "on pourrait faire 60", "so 9 Euro",
 *	"lo hacen a 0,06") that is lower than another figure of the mail,
 *	and at least half of it.  A figure in a question counts as proposed
 *	when the price it is set against stands in another sentence ("your
 *	leaflet says 45 ... any chance you'd do ours at 38?"), never when
 *	both are the question's ("is it 45 for a small lawn or 60?").  The other figure is a price: a money
 *	amount, a number in a sentence that speaks of money (a [weak
 *	haggler] word: "rate", "Preis", "tarif", "precio"), or the highest
 *	amount of the quoted owner's mail, or a figure the sender asks back in
 *	a question of its own before proposing theirs ("9.600?? ... 6.000 und
 *	keinen Cent mehr").  A first enquiry haggles as well
 *	as a reply: "your day rate is 400 ... we could maybe do 200".
 *
 *	A figure followed at once by its terms ([aim firm]: "and not a
 *	penny more", "und keinen Cent mehr", "c'est mon dernier mot", "and
 *	you can start Monday") is proposed as much as one with a cue before;
 *	so is a percentage followed by an ultimatum ("einen Mengenrabatt von
 *	20 Prozent, sonst lohnt sich das für mich nicht").
 *
 *	A sum set as the condition of the order: an [aim deal] commitment
 *	of the sender's follows it in its sentence, not a question ("à 900
 *	€, je signe tout de suite", "Por 2.400 lo encargo ya", "Wenn Sie auf
 *	6.800 runtergehen, können Sie im April anfangen").  It is a price
 *	the sender proposes; in a reply outside a bill's thread that quotes
 *	no price at or below it, it haggles when the mail contests the price
 *	(another sum of the text, or a [weak haggler] or [aim haggler] word:
 *	"C'est cher", "es mucho dinero"), so an order placed at the owner's
 *	own price does not.
 *
 *	A bigger discount (cl_money_haggles too): a percentage the sender asks
 *	for (an [aim counter] phrase before it: "at least 15%", "wenn Sie
 *	mir 20 Prozent") above a percentage named elsewhere in the mail or
 *	the quoted one, or beside an [aim haggler] word ("nachlassen"); or
 *	a percentage asked on top of another ("¿me haces otro 10 % más?",
 *	"another 5% off", "10 % de plus"), proposed or in a question.
 *
 *	A figure a proposal replaces ("140 por uniforme en lugar de 165",
 *	"1,800 instead of 2,400", "au lieu de", "statt") is the price the
 *	proposal of its sentence is weighed against.
 *
 *	What looks like haggling and questions no price (a sum paid, the
 *	owner's discount named back or taken up, a bill put off for the
 *	sender's budget) is classify_misread.c's.
 *
 *	The owner's mail a reply answers without quoting it is read as a
 *	quote would be (cl_owner_said): its highest amount is a price the
 *	counter-figure is weighed against, and its bill makes a bill's
 *	thread.
 *
 *	The figures themselves, whether the thread is about a bill
 *	(cl_bill_thread) and the phrase finder (cl_money_seek) are
 *	classify_figures.c's; slow payment, read from the same scan's
 *	notes, is classify_defer.c's.
 *
 * OWNS
 *	c->money, what the one scan of the text noted for it
 *	(cl_money_note); it reads the text, the subject and the top of the
 *	quoted part (CL_QUOTE_WINDOW), the quote only when a figure is
 *	proposed.
 *
 * NEVER
 *	Records a tag itself (classify_tags.c does), or reads past the
 *	texts it is given.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "figures_int.h"
#include "rules_int.h"

#define COUNTER_HALF 50		/* a counter is at least half the price */
#define RIVAL_FIFTH 20		/* a rival's figure at least a fifth of it */

/* paying - a payment word ([weak slow-payer]) in the sentence of at: a
 * part payment ("I can pay 200 now"), not a counter-offer */
static bool
paying(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return cl_money_seek(c, c->text, sb, se, RULES_WEAK, "slow-payer",
	    NULL);
}

/* other - figure j of fs, counting the quoted ones after the text's */
static const struct figure *
other(const struct figures *fs, size_t j)
{
	return j < fs->n ? &fs->v[j] : &fs->q[j - fs->n];
}

/* undercuts - text figure i is proposed below price j, at least half of
 * it (a fifth for a rival's), or proposed as a cut smaller than it
 * ("£180 ... knock fifty off"), and not a part payment of mail that
 * owes */
static bool
undercuts(const struct cl *c, const struct figures *fs, size_t i, size_t j)
{
	const struct figure *l = &fs->v[i], *r = other(fs, j);
	bool own = j < fs->n;

	if ((!l->proposed && !l->rival && !l->asked && !l->dealt) ||
	    l->percent ||
	    r->percent || r->cents <= l->cents || (fs->owes &&
	    paying(c, l->at)))
		return false;
	if (l->off)
		return r->money;
	if (!l->proposed && !l->rival && !l->dealt && own && r->sb == l->sb)
		return false;	/* a question's two options */
	if (!r->money &&
	    !(own && cl_same_unit(c->text, c->tlen, l->at, r->at)) &&
	    !(own && r->asked && l->proposed && r->sb != l->sb) &&
	    !(own && r->replaced && l->proposed && r->sb == l->sb))
		return false;	/* "2,400 for a repaint? I'll give you 1,800" */
	return l->cents * 100 >= r->cents * (l->rival ? RIVAL_FIFTH :
	    COUNTER_HALF);
}

/* outbids - text percentage i, proposed, is above percentage j, or is
 * asked on top of it ("con el código me haces el 10 %, pero ... ¿me
 * haces otro 10 % más?", "could we have another 5% off the 10%?") */
static bool
outbids(const struct cl *c, const struct figures *fs, size_t i, size_t j)
{
	const struct figure *l = &fs->v[i], *r = other(fs, j);
	size_t sb, se;

	if (!l->percent || !r->percent)
		return false;
	if (l->proposed && r->cents < l->cents)
		return true;
	if (!l->more)
		return false;
	cl_sentence(c->text, c->tlen, l->at.start, l->at.end, &sb, &se);
	return l->proposed || cl_asks(c->text, sb, se);
}

/* first_pair - a figure i of the text that test() holds for against
 * another figure j of the text or the quote: its span */
static bool
first_pair(const struct cl *c, const struct figures *fs,
    bool (*test)(const struct cl *, const struct figures *, size_t, size_t),
    struct cl_span *at)
{
	for (size_t i = 0; i < fs->n; i++)
		for (size_t j = 0; j < fs->n + fs->nq; j++)
			if (j != i && test(c, fs, i, j)) {
				*at = fs->v[i].at;
				return true;
			}
	return false;
}

/* asks_cut - a percentage the sender proposes beside an [aim haggler]
 * word ("wenn Sie mir 20 Prozent nachlassen"): its span */
static bool
asks_cut(const struct cl *c, const struct figures *fs, struct cl_span *at)
{
	for (size_t i = 0; i < fs->n; i++) {
		size_t sb, se;

		if (!fs->v[i].proposed || !fs->v[i].percent)
			continue;
		cl_sentence(c->text, c->tlen, fs->v[i].at.start,
		    fs->v[i].at.end, &sb, &se);
		if (cl_money_seek(c, c->text, sb, se, RULES_AIM, "haggler",
		    NULL)) {
			*at = fs->v[i].at;
			return true;
		}
	}
	return false;
}

/* priced_other - a figure of fs besides text figure i, of the same kind
 * (a sum, or a percentage), is a price or a percentage; the owner's price
 * of the mail answered unquoted is weighed by undercuts and at_or_below
 * only (a unit price the sender sets beside that total is still alone) */
static bool
priced_other(const struct figures *fs, size_t i)
{
	const struct figure *l = &fs->v[i];

	for (size_t j = 0; j < fs->n + fs->nq; j++) {
		const struct figure *r = other(fs, j);

		if (j != i && !r->said && r->percent == l->percent &&
		    (r->money || r->percent))
			return true;
	}
	return false;
}

static bool at_or_below(const struct figures *fs, size_t i);

/*
 * alone - a figure the sender sets with no price of the mail or its quote
 * to weigh it against (the owner's price stood in an earlier mail the
 * reply does not quote): in a reply outside a bill's thread, a sum or a
 * percentage the sender proposes, not in a sentence about paying ("can
 * u do 200 cash", "Wir bieten Ihnen 0,30 Euro pro Liter", "je vous en
 * donne 2 500 en liquide", "¿me haces un 20 %?"); in any mail, a rival's
 * price the sender caps with their terms ("last year's bloke charged me
 * £1.80 a head. I'll pay that and not a penny more", "hat mir 85 Euro
 * berechnet, und mehr zahle ich nicht").  The owner's price of the mail
 * answered, when the store knows it (cl_owner_said), is no such price
 * (a unit price is not weighed against a total: "12 € cada una" against
 * 900 € for fifty), but a sum at or above it is that price named back.
 * One bounded scan after each sum nobody proposed.
 */
static bool
alone(const struct cl *c, const struct figures *fs, struct cl_span *at)
{
	int reply = -1;		/* worked out once, when first needed */

	for (size_t i = 0; i < fs->n; i++) {
		const struct figure *l = &fs->v[i];

		bool late = false;

		if ((!l->money && !l->percent) || priced_other(fs, i) ||
		    (!l->percent && at_or_below(fs, i)))
			continue;	/* ... or the owner's price named back */
		if (!l->proposed && !l->percent && cl_firm_after(c, l->at.end,
		    true, &late) && (l->rival || late)) {
			*at = l->at;
			return true;
		}
		if (!l->proposed || paying(c, l->at))
			continue;
		if (reply < 0)
			reply = cl_is_reply(c->m) && !fs->owes &&
			    !cl_bill_thread(c);
		if (reply) {
			*at = l->at;
			return true;
		}
	}
	return false;
}

static void
contest_fn(void *ctx, const struct rules_match *m)
{
	bool *seen = ctx;

	if ((m->kind == RULES_WEAK || m->kind == RULES_AIM) &&
	    strcmp(m->name, "haggler") == 0)
		*seen = true;
}

/* contested - the text contests a price: a sum besides text figure i, or
 * a [weak haggler] or [aim haggler] phrase ("C'est cher", "too much");
 * one scan of the text, made only for a sum set as a condition */
static bool
contested(const struct cl *c, const struct figures *fs, size_t i)
{
	bool seen = false;

	for (size_t j = 0; j < fs->n; j++)
		if (j != i && !fs->v[j].percent)
			return true;
	rules_scan(c->r, c->text, c->tlen, contest_fn, &seen);
	return seen;
}

/* at_or_below - a sum of the quote is at most text figure i's: the
 * owner's own price, taken up */
static bool
at_or_below(const struct figures *fs, size_t i)
{
	for (size_t j = 0; j < fs->nq; j++)
		if (!fs->q[j].percent && fs->q[j].money &&
		    fs->q[j].cents <= fs->v[i].cents)
			return true;
	return false;
}

/*
 * conditioned - a sum the sender sets as the condition of the order
 * (dealt) in a reply outside a bill's thread, in mail that contests the
 * price and quotes none at or below it: its span.
 */
static bool
conditioned(const struct cl *c, const struct figures *fs, struct cl_span *at)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct figure *l = &fs->v[i];

		if (!l->dealt || at_or_below(fs, i) || !contested(c, fs, i) ||
		    paying(c, l->at))
			continue;
		if (!cl_is_reply(c->m) || fs->owes || cl_bill_thread(c))
			return false;
		*at = l->at;
		return true;
	}
	return false;
}

bool
cl_money_haggles(const struct cl *c, bool owes, struct cl_span *at)
{
	struct figures fs;

	cl_figures_of(c, &fs);
	fs.owes = owes;
	return first_pair(c, &fs, undercuts, at) || asks_cut(c, &fs, at) ||
	    first_pair(c, &fs, outbids, at) || alone(c, &fs, at) ||
	    conditioned(c, &fs, at);
}

/*
 * all_of - the word after a debt phrase ending at text[end] (past a
 * preposition) is a whole ("behind on everything", "behind with it
 * all", "en retard sur tout", "atrasado con todo"): the sender is behind
 * with their life, not with a bill
 */
static bool
all_of(const struct cl *c, size_t end)
{
	static const char *const whole[] = {
		"everything", "all", "things", "stuff", "alles",
		"allem", "tout", "todo", "toda", "todos", "todas",
	};
	struct rules_word rw;
	size_t p = end;

	if (c->text == NULL || end > c->tlen ||
	    !rules_word_next(c->text, c->tlen, &p, &rw) || rw.overflow)
		return false;
	if (strcmp(rw.folded, "con") == 0 || strcmp(rw.folded, "sur") == 0 ||
	    strcmp(rw.folded, "with") == 0 || strcmp(rw.folded, "mit") == 0)
		if (!rules_word_next(c->text, c->tlen, &p, &rw) || rw.overflow)
			return false;
	return str_in_list(whole, sizeof(whole) / sizeof(whole[0]),
	    rw.folded);
}

/* keep_span - the span of m into v[*n] while there is room: true */
static bool
keep_span(struct cl_span *v, size_t *n, size_t max,
    const struct rules_match *m)
{
	if (*n < max)
		v[(*n)++] = (struct cl_span){ m->start, m->end };
	return true;
}

bool
cl_money_note(struct cl *c, const struct rules_match *m)
{
	static const char *const later[] = { "slow-payer", "owed", "when" };
	static const char *const own[] = { "counter", "rival", "bill", "firm" };
	struct cl_money_seen *s = &c->money;

	if (strcmp(m->name, "debt") == 0) {
		if (!all_of(c, m->end))	/* "behind on everything" */
			s->debt = true;
		return true;
	}
	if (strcmp(m->name, "month") == 0)
		return keep_span(s->month, &s->nmonth, CL_MAX_MONTHS, m);
	if (strcmp(m->name, "deal") == 0)
		return keep_span(s->deal, &s->ndeal, CL_MAX_DEAL, m);
	if (strcmp(m->name, "until") == 0)
		return keep_span(s->until, &s->nuntil, CL_MAX_UNTIL, m);
	if (strcmp(m->name, "rebuff") == 0)	/* classify_epithet's */
		return keep_span(s->rebuff, &s->nrebuff, CL_MAX_REBUFF, m);
	if (strcmp(m->name, "bid") == 0)	/* classify_bid's */
		return keep_span(s->bid, &s->nbid, CL_MAX_BID, m);
	if (strcmp(m->name, "wait") == 0) {
		if (!s->have_wait)
			s->wait = (struct cl_span){ m->start, m->end };
		return s->have_wait = true;
	}
	for (size_t i = 0; i < 3; i++)
		if (!s->have[i] && strcmp(m->name, later[i]) == 0) {
			s->have[i] = true;
			s->at[i] = (struct cl_span){ m->start, m->end };
		}
	for (size_t i = 0; i < 4; i++)
		if (strcmp(m->name, own[i]) == 0)
			return true;
	return strcmp(m->name, "when") == 0;
}
