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
 *	the quoted one, or beside an [aim haggler] word ("nachlassen").
 *
 *	Not haggling (cl_money_misread): a sum of a sentence that says it
 *	is paid ([not slow-payer]: "I've paid the £190 already so it's one
 *	less thing", "ich habe die 190 € schon überwiesen"), whatever price
 *	word stands beside it; nor a price word that qualifies the name the
 *	sender calls the owner, between an [outcome epithet] and its [outcome
 *	insult] noun ("You're an overpriced bodger", "Sie sind ein
 *	überteuerter Pfuscher"): that is rude, not a price questioned; nor
 *	the owner's discount thanked for or accepted (classify_taken.c:
 *	"Muchas gracias por el descuento").
 *
 *	The owner's mail a reply answers without quoting it is read as a
 *	quote would be (cl_owner_said): its highest amount is a price the
 *	counter-figure is weighed against, and its bill makes a bill's
 *	thread.
 *
 *	Whether the thread is about a bill (cl_bill_thread: an [aim bill]
 *	word in the subject or the top of the quoted owner's mail) is read
 *	here for both: slow payment, read from the same scan's notes, is
 *	classify_defer.c's, and calls nothing back here but this and the
 *	phrase finder (cl_money_seek).
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
#include "rules_int.h"

#define MONEY_MAX_FIGURES 24	/* figures weighed per text */
#define COUNTER_GAP 6		/* bytes between a cue and its figure */
#define COUNTER_HALF 50		/* a counter is at least half the price */
#define RIVAL_FIFTH 20		/* a rival's figure at least a fifth of it */
#define FIRM_WINDOW 48		/* bytes after a figure read for its terms */
#define DEAL_WINDOW 64		/* bytes after a sum read for a commitment */
#define DEAL_BARE 100		/* a bare number set as a price is at least
				 * this: not a day, an hour, a count */
#define SPELT_LEAST 20		/* a number in words with no unit is at
				 * least this: "two weeks" counts no money */

/* What one scan for a phrase of a section is looking for. */
struct seek {
	enum rules_kind kind;
	const char *name;
	size_t to;		/* only phrases ending by to */
	struct cl_span at;	/* the first found */
	bool found;
};

static void
seek_fn(void *ctx, const struct rules_match *m)
{
	struct seek *s = ctx;

	if (s->found || m->kind != s->kind || strcmp(m->name, s->name) != 0 ||
	    m->end > s->to)
		return;
	s->at.start = m->start;
	s->at.end = m->end;
	s->found = true;
}

/* cl_money_seek - a phrase of section (kind, name) in t[from, to) */
bool
cl_money_seek(const struct cl *c, const char *t, size_t from, size_t to,
    enum rules_kind kind, const char *name, struct cl_span *at)
{
	struct seek s = { kind, name, to - from, { 0, 0 }, false };

	if (t == NULL || from >= to)
		return false;
	rules_scan(c->r, t + from, to - from, seek_fn, &s);
	if (s.found && at != NULL) {
		at->start = from + s.at.start;
		at->end = from + s.at.end;
	}
	return s.found;
}

/* A figure of the text. */
struct figure {
	struct cl_span at;
	unsigned long long cents;
	bool money;		/* a sign or unit, or a money word beside it */
	bool percent;
	bool proposed;		/* an [aim counter] phrase right before it */
	bool rival;		/* an [aim rival] phrase right before it */
	bool asked;		/* its sentence is a question */
	bool dealt;		/* an [aim deal] commitment follows it */
	bool said;		/* the owner's price of the mail answered
				 * unquoted (cl_owner_said) */
	bool off;		/* proposed as a cut: "knock fifty off" */
	size_t sb;		/* where its sentence starts */
};

static bool
blank_or_sign(char ch)
{
	return ch == ' ' || ch == '\n' || ch == '\t' || ch == '~' ||
	    ch == '$' || (unsigned char)ch >= 0x80;	/* £, € */
}

/* What the scan before a figure found ending right before it, or (firm)
 * after one, starting by start. */
struct cue_seek {
	size_t end, start;
	bool counter, rival, firm;
	size_t lead;		/* (firm) a rival's verb starts by here */
	bool late;		/* ... and did: "85 Euro berechnet" */
};

static void
cue_fn(void *ctx, const struct rules_match *m)
{
	struct cue_seek *s = ctx;

	if (m->kind != RULES_AIM)
		return;
	if (m->start <= s->start && strcmp(m->name, "firm") == 0)
		s->firm = true;
	if (m->start <= s->lead && strcmp(m->name, "rival") == 0)
		s->late = true;
	if (m->end != s->end)
		return;
	if (strcmp(m->name, "counter") == 0)
		s->counter = true;
	else if (strcmp(m->name, "rival") == 0)
		s->rival = true;
}

/* cues - an [aim counter] or [aim rival] phrase ends just before
 * text[at], only blanks or a currency sign between ("do 200", "faire
 * 60", "charge about £300", "a 0,06"), or an [aim bid] verb stands
 * before the figure f->at with light words between ("leave it at 800",
 * "me las dejaríais en 35": classify_bid.c) */
static void
cues(const struct cl *c, size_t at, struct figure *f)
{
	size_t from = at > 48 ? at - 48 : 0, k = at;
	struct cue_seek s = { 0, 0, false, false, false, 0, false };

	while (k > from && at - k < COUNTER_GAP && blank_or_sign(c->text[k - 1]))
		k--;
	while (from > 0 && from < k && c->text[from - 1] != ' ' &&
	    c->text[from - 1] != '\n')
		from++;		/* start at a word */
	if (k > from && k < at) {
		s.end = k - from;
		rules_scan(c->r, c->text + from, k - from, cue_fn, &s);
	}
	f->proposed = s.counter || cl_bid_before(c, f->at, f->money ||
	    f->percent);
	f->rival = s.rival;
}

static size_t unit_after(const char *t, size_t len, size_t end, size_t *ub);

/* dealt - an [aim deal] phrase of the scan opens within DEAL_WINDOW after
 * the sum f of the text, before the end se of its sentence, and no other
 * figure stands between ("à 900 €, je signe"); a bare number is at least
 * DEAL_BARE */
static bool
dealt(const struct cl *c, const struct figure *f, size_t se)
{
	const struct cl_money_seen *s = &c->money;

	if (!f->money && f->cents < DEAL_BARE * 100ULL)
		return false;
	for (size_t i = 0; i < s->ndeal; i++) {
		size_t k = s->deal[i].start;

		if (k < f->at.end || k >= se || k - f->at.end > DEAL_WINDOW)
			continue;
		while (k > f->at.end && !(c->text[k - 1] >= '0' &&
		    c->text[k - 1] <= '9'))
			k--;
		if (k == f->at.end)
			return true;
	}
	return false;
}

/* firm_after - an [aim firm] phrase opens within the words after the
 * figure ending at text[end], past its unit ("6.000 und keinen Cent
 * mehr", "£50 a metre and you can start Monday"); anywhere within
 * FIRM_WINDOW when far ("£1.80 a head. I'll pay that and not a penny
 * more"); *late (when not NULL) says whether an [aim rival] verb follows
 * the figure and its unit, the way German puts it last ("hat mir 85 Euro
 * berechnet") */
static bool
firm_after(const struct cl *c, size_t end, bool far, bool *late)
{
	size_t ub, ul = unit_after(c->text, c->tlen, end, &ub), from = end;
	struct cue_seek s = { (size_t)-1, 0, false, false, false, 0, false };

	while (from < c->tlen && strchr(" ,\t\r\n", c->text[from]) != NULL)
		from++;		/* a line may break before the terms */
	if (far)
		s.start = FIRM_WINDOW;
	else if (ul > 0 && ub + ul <= c->tlen)
		s.start = ub + ul + 1 - from;	/* the unit may come first */
	if (from >= c->tlen)
		return false;
	if (late != NULL && ul > 0 && ub >= from)
		s.lead = ub + ul + 1 - from;
	rules_scan(c->r, c->text + from, c->tlen - from < FIRM_WINDOW ?
	    c->tlen - from : FIRM_WINDOW, cue_fn, &s);
	if (late != NULL)
		*late = s.late && ul > 0;
	return s.firm;
}

/* unit_after - the one or two words after a figure ending at t[end]
 * ("a dozen", "das Kilo", "por palabra"): their span, 0 for none */
static size_t
unit_after(const char *t, size_t len, size_t end, size_t *ub)
{
	size_t j = end, words = 0, start;

	while (j < len && t[j] == ' ')
		j++;
	start = j;
	while (j < len && words < 2) {
		size_t w = j;

		while (j < len && t[j] != ' ' && t[j] != '\n' && t[j] != ',' &&
		    t[j] != '.' && t[j] != '?' && t[j] != '!' &&
		    !(t[j] >= '0' && t[j] <= '9'))
			j++;
		if (j == w)
			break;
		words++;
		if (j - w > 2)
			break;	/* "dozen", "Kilo": the unit itself */
		while (j < len && t[j] == ' ')
			j++;
	}
	*ub = start;
	return words > 0 && j > start ? j - start : 0;
}

/* same_unit - figures a and b of t are followed by the same words */
static bool
same_unit(const char *t, size_t len, struct cl_span a, struct cl_span b)
{
	size_t ab, bb, al = unit_after(t, len, a.end, &ab),
	    bl = unit_after(t, len, b.end, &bb);

	while (al > 0 && t[ab + al - 1] == ' ')
		al--;
	while (bl > 0 && t[bb + bl - 1] == ' ')
		bl--;
	return al > 0 && al == bl && strncasecmp(t + ab, t + bb, al) == 0;
}

/* percent_after - a percent sign or word follows text[end]: its end */
static size_t
percent_after(const char *t, size_t len, size_t end)
{
	static const char *const words[] = {
		"%", "percent", "per cent", "prozent", "pour cent",
		"pourcent", "por ciento", "por cien",
	};

	return cl_near_unit(t, len, end, words, sizeof(words) / sizeof(words[0]));
}

/* percent_fig - f is the percentage p written at t[i, pend) ("15%",
 * "fünfzehn Prozent"); proposed, in the sender's own text (own), by a
 * cue before it or by its terms after it ("20 Prozent, sonst lohnt sich
 * das nicht") */
static void
percent_fig(const struct cl *c, struct figure *f, size_t i, size_t pend,
    unsigned long long p, bool own)
{
	f->at = (struct cl_span){ i, pend };
	f->cents = p * 100;
	f->money = f->asked = false;
	f->percent = true;
	f->proposed = f->rival = f->dealt = f->off = f->said = false;
	if (own) {
		cues(c, i, f);
		f->proposed = f->proposed || firm_after(c, pend, false, NULL);
	}
	f->rival = false;
	f->sb = i;
}

/*
 * spelt - a figure written in words at t[i] (cl_spelt_at) into f: a sum,
 * a percentage, or, open, a number of at least SPELT_LEAST that is a
 * round hundred or thousand ("a round thousand") or that the sender
 * proposes (a cue right before it: "knock fifty off", "do it for a
 * hundred"); its end, or 0
 */
static size_t
spelt(const struct cl *c, const char *t, size_t len, size_t i, bool own,
    struct figure *f)
{
	struct cl_spelt s;

	f->percent = false;
	if (!cl_spelt_at(t, len, i, &s))
		return 0;
	if (s.percent) {
		if (s.value < 2 || s.value >= 100)
			return 0;	/* "cien por cien": wholly */
		percent_fig(c, f, i, s.end, s.value, own);
		return s.end;
	}
	if (!s.money && (s.value < SPELT_LEAST || (!s.round && !own)))
		return 0;
	f->at = (struct cl_span){ i, s.end };
	f->money = s.money;
	if (!s.money && !s.round) {
		cues(c, i, f);
		if (!f->proposed && !f->rival)
			return 0;
	}
	f->cents = s.value * 100;
	return s.end;
}

/* word_end - the end of the word at t[i] */
static size_t
word_end(const char *t, size_t len, size_t i)
{
	while (i < len && (((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'z') ||
	    (unsigned char)t[i] >= 0x80 || t[i] == '\''))
		i++;
	return i;
}

/* figures - the figures of t[0, len), at most max, in digits or in words
 * (spelt); money words of their sentence count as a unit */
static size_t
figures(const struct cl *c, const char *t, size_t len, struct figure *v,
    size_t max, bool own)
{
	size_t n = 0, last_sb = (size_t)-1;
	bool worded = false;

	for (size_t i = 0; i < len && n < max; i++) {
		struct figure *f = &v[n];
		size_t end, pend, sb, se;

		while (i < len && !cl_near_figure_starts[(unsigned char)t[i]] &&
		    !cl_spelt_starts[(unsigned char)t[i]])
			i++;	/* no figure starts at any byte skipped */
		if (i == len)
			break;
		if (cl_spelt_starts[(unsigned char)t[i]]) {
			if ((end = spelt(c, t, len, i, own, f)) == 0) {
				i = word_end(t, len, i) - 1;
				continue;
			}
			if (f->percent) {
				n++;
				i = end;
				continue;
			}
			goto found;
		}
		if (i > 0 && t[i - 1] >= '0' && t[i - 1] <= '9')
			continue;
		if (t[i] >= '0' && t[i] <= '9') {
			size_t d = i;

			while (d < len && t[d] >= '0' && t[d] <= '9')
				d++;
			if ((pend = percent_after(t, len, d)) > 0) {
				unsigned long long p = 0;	/* "15%" */

				for (size_t k = i; k < d && p < 1000; k++)
					p = p * 10 + (unsigned long long)
					    (t[k] - '0');
				percent_fig(c, f, i, pend, p, own);
				n++;
				i = pend;
				continue;
			}
		}
		if ((end = cl_near_figure(t, len, i, &f->cents, &f->money)) == 0)
			continue;
found:
		f->at = (struct cl_span){ i, end };
		f->asked = false;
		f->sb = i;
		f->percent = f->proposed = f->rival = f->dealt = f->off = false;
		f->said = false;
		n++;
		i = end;
		cl_sentence(t, len, f->at.start, end, &sb, &se);
		if (sb != last_sb)	/* once a sentence */
			worded = cl_money_seek(c, t, sb, se, RULES_WEAK,
			    "haggler", NULL);
		last_sb = sb;
		f->money = f->money || worded;
		if (!own)
			continue;
		cues(c, f->at.start, f);
		f->proposed = f->proposed || firm_after(c, f->at.end, false, NULL);
		f->sb = sb;
		while (se > sb && (t[se - 1] == ' ' || t[se - 1] == '\n'))
			se--;
		f->asked = se > sb && t[se - 1] == '?';
		f->dealt = !f->asked && dealt(c, f, se);
		f->off = f->proposed && cl_bid_off(c, f->at.end);
	}
	return n;
}

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

/* The figures of the sender's text (v[0, n)) and of the quoted mail. */
struct figures {
	struct figure v[MONEY_MAX_FIGURES], q[MONEY_MAX_FIGURES];
	size_t n, nq;
	bool owes;		/* the mail puts a payment off */
};

/*
 * as_percent - a bare whole number the sender proposes, from 2 to 99, in
 * a text whose other figures are percentages and none a sum, is a
 * percentage too: "5 % sind ein Witz. Andere geben 15 %. Machen Sie
 * uns 15", "10% is nothing, make it 20".
 */
static void
as_percent(struct figures *fs)
{
	bool pct = false;

	for (size_t i = 0; i < fs->n; i++) {
		if (fs->v[i].money)
			return;
		pct = pct || fs->v[i].percent;
	}
	for (size_t i = 0; pct && i < fs->n; i++) {
		struct figure *f = &fs->v[i];

		if (f->proposed && !f->percent && f->cents % 100 == 0 &&
		    f->cents >= 200 && f->cents < 10000)
			f->percent = true;
	}
}

static void
figures_of(const struct cl *c, struct figures *fs)
{
	const char *quoted = c->m->quoted;
	const struct classify_said *said;

	bool any = false;

	fs->n = figures(c, c->text, c->tlen, fs->v, MONEY_MAX_FIGURES, true);
	as_percent(fs);
	for (size_t i = 0; i < fs->n && !any; i++)
		any = fs->v[i].proposed || fs->v[i].rival || fs->v[i].asked ||
		    fs->v[i].dealt;
	/* the quote is read only when the sender proposes a figure */
	fs->nq = quoted && any ? figures(c, quoted, strnlen(quoted,
	    CL_QUOTE_WINDOW), fs->q, MONEY_MAX_FIGURES, false) : 0;
	/* or the owner's price of the mail answered unquoted */
	if (any && fs->nq < MONEY_MAX_FIGURES &&
	    (said = cl_owner_said(c)) != NULL && said->cents > 0)
		fs->q[fs->nq++] = (struct figure){ .cents = said->cents,
		    .money = true, .said = true };
	fs->owes = false;
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
	if (!r->money && !(own && same_unit(c->text, c->tlen, l->at, r->at)) &&
	    !(own && r->asked && l->proposed && r->sb != l->sb))
		return false;	/* "2,400 for a repaint? I'll give you 1,800" */
	return l->cents * 100 >= r->cents * (l->rival ? RIVAL_FIFTH :
	    COUNTER_HALF);
}

/* outbids - text percentage i, proposed, is above percentage j */
static bool
outbids(const struct cl *c, const struct figures *fs, size_t i, size_t j)
{
	const struct figure *r = other(fs, j);

	return fs->v[i].proposed && fs->v[i].percent && r->percent &&
	    r->cents < fs->v[i].cents;
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
		if (!l->proposed && !l->percent && firm_after(c, l->at.end,
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

	figures_of(c, &fs);
	fs.owes = owes;
	return first_pair(c, &fs, undercuts, at) || asks_cut(c, &fs, at) ||
	    first_pair(c, &fs, outbids, at) || alone(c, &fs, at) ||
	    conditioned(c, &fs, at);
}

#define NAME_REACH 28	/* bytes from a price word to the insult noun */

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
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return cl_outcome_in(c, "epithet", sb, at.start) &&
	    cl_outcome_in(c, "insult", at.end, at.end + NAME_REACH < se ?
	    at.end + NAME_REACH : se);
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

/*
 * cl_money_owner_cut - the sender's figure at is what the quoted owner's
 * mail asked less a percentage the same mail gave ("comes to £45; I'll
 * take 10% off" ... "I've paid the £40.50"): the owner's own offer taken
 * up, not a counter-offer, unless the sender names a lower sum of their
 * own ("405 still feels steep, my old accountant charged 250").  Within a
 * unit of the currency for rounding.
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
	nq = figures(c, c->text, c->tlen, q, MONEY_MAX_FIGURES, false);
	for (size_t i = 0; i < nq; i++)
		if (!q[i].percent && q[i].money && q[i].cents < v)
			return false;	/* "405 feels steep, my old one did 250" */
	nq = figures(c, quoted, strnlen(quoted, CL_QUOTE_WINDOW), q,
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

/* a_bill - an [aim bill] phrase in t[0, len) (t NULL: none) */
static bool
a_bill(const struct cl *c, const char *t, size_t len)
{
	return t != NULL && cl_money_seek(c, t, 0, len, RULES_AIM, "bill",
	    NULL);
}

/* cl_bill_named - the subject or the top of the quoted owner's mail names
 * a bill ([aim bill]) */
bool
cl_bill_named(const struct cl *c)
{
	return (c->m->subject && a_bill(c, c->m->subject,
	    strlen(c->m->subject))) || (c->m->quoted && a_bill(c,
	    c->m->quoted, strnlen(c->m->quoted, CL_QUOTE_WINDOW)));
}

/* cl_bill_thread - cl_bill_named, or the owner's mail answered unquoted
 * was about a bill */
bool
cl_bill_thread(const struct cl *c)
{
	const struct classify_said *said;

	return cl_bill_named(c) || ((said = cl_owner_said(c)) != NULL &&
	    said->bill);
}

/* cl_money_top - the highest money amount of t[0, len), 0 for none */
unsigned long long
cl_money_top(const struct cl *c, const char *t, size_t len)
{
	struct figure v[MONEY_MAX_FIGURES];
	unsigned long long top = 0;
	size_t n = figures(c, t, len, v, MONEY_MAX_FIGURES, false);

	for (size_t i = 0; i < n; i++)
		if (v[i].money && !v[i].percent && v[i].cents > top)
			top = v[i].cents;
	return top;
}
