/*
 * classify_figures - the figures of a mail and of its quote, and whether
 * its thread is about a bill.
 *
 * DESCRIPTION
 *	A figure is a number of the sender's text or of the top of the
 *	quoted mail (CL_QUOTE_WINDOW), in digits or in words (spelt), with
 *	what stands around it: a money sign or unit, or a money word of its
 *	sentence; a percentage; an [aim counter] or [aim rival] phrase right
 *	before it (proposed, a rival's price); its sentence a question; an
 *	[aim deal] commitment after it ("à 900 €, je signe"); its terms
 *	([aim firm]: "and not a penny more").  cl_figures_of gathers them
 *	for the haggling rules of classify_money.c, with the owner's price
 *	of the mail answered unquoted (cl_owner_said) among the quoted ones.
 *
 *	Whether the thread is about a bill (cl_bill_thread: an [aim bill]
 *	word in the subject or the top of the quoted owner's mail, or the
 *	owner's mail answered unquoted was one), and the highest money
 *	amount of a text (cl_money_top), are read here too, as is the
 *	phrase finder every money rule shares (cl_money_seek).
 *
 * OWNS
 *	Nothing: it reads the texts it is given and the scan's notes.
 *
 * NEVER
 *	Judges whether a figure haggles (classify_money.c does), or reads
 *	past the texts it is given.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "figures_int.h"
#include "rules_int.h"

#define COUNTER_GAP 6		/* bytes between a cue and its figure */
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

#define BESIDE_BYTES 24	/* bytes before a figure read for its words */
#define BESIDE_WORDS 3	/* words before a figure kept */

/*
 * words_before - the last words of text[.., at), at most BESIDE_WORDS
 * within BESIDE_BYTES, folded, the last first, into w; how many
 */
static size_t
words_before(const struct cl *c, size_t at, struct rules_word *w)
{
	struct rules_word rw;
	size_t p = at > BESIDE_BYTES ? at - BESIDE_BYTES : 0, n = 0;

	while (p > 0 && p < at && c->text[p - 1] != ' ' &&
	    c->text[p - 1] != '\n')
		p++;		/* start at a word */
	while (rules_word_next(c->text, at, &p, &rw)) {
		if (rw.overflow)
			return 0;
		memmove(w + 1, w, sizeof(*w) * (BESIDE_WORDS - 1));
		w[0] = rw;
		if (n < BESIDE_WORDS)
			n++;
	}
	return n;
}

/* w_is - word k of w[0, n) is s */
static bool
w_is(const struct rules_word *w, size_t n, size_t k, const char *s)
{
	return k < n && strcmp(w[k].folded, s) == 0;
}

/*
 * replaced_at - the words right before the figure at say it is what a
 * proposal replaces: "instead of", "rather than", "statt", "anstatt",
 * "anstelle von", "au lieu de", "plutôt que", "en lugar de", "en vez
 * de" (a currency sign may stand between)
 */
static bool
replaced_at(const struct cl *c, size_t at)
{
	struct rules_word w[BESIDE_WORDS];
	size_t n, k = at;

	while (k > 0 && at - k < COUNTER_GAP && blank_or_sign(c->text[k - 1]))
		k--;
	if ((n = words_before(c, k, w)) == 0)
		return false;
	if (w_is(w, n, 0, "statt") || w_is(w, n, 0, "anstatt"))
		return true;
	return (w_is(w, n, 0, "of") && w_is(w, n, 1, "instead")) ||
	    (w_is(w, n, 0, "than") && w_is(w, n, 1, "rather")) ||
	    (w_is(w, n, 0, "von") && w_is(w, n, 1, "anstelle")) ||
	    (w_is(w, n, 0, "que") && w_is(w, n, 1, "plutot")) ||
	    ((w_is(w, n, 0, "de") || w_is(w, n, 0, "du") ||
	    w_is(w, n, 0, "del")) && ((w_is(w, n, 1, "lieu") &&
	    w_is(w, n, 2, "au")) || ((w_is(w, n, 1, "lugar") ||
	    w_is(w, n, 1, "vez")) && w_is(w, n, 2, "en"))));
}

/*
 * more_at - a word of addition stands right before the percentage f
 * ("another", "a further", "an extra", "weitere", "zusätzliche",
 * "otro", "otra") or right after it ("more", "extra", "mehr", "de
 * plus", "supplémentaires", "más", "adicional"): asked on top of one
 * already given
 */
static bool
more_at(const struct cl *c, const struct figure *f)
{
	static const char *const before[] = {
		"another", "further", "extra", "additional", "weitere",
		"weiteren", "zusatzliche", "zusatzlichen", "autre",
		"supplementaire", "otro", "otra", "adicional",
	};
	static const char *const after[] = {
		"more", "extra", "mehr", "zusatzlich", "supplementaires",
		"supplementaire", "plus", "mas", "adicional", "adicionales",
	};
	struct rules_word w[BESIDE_WORDS], rw;
	size_t n = words_before(c, f->at.start, w), p = f->at.end;

	if (n > 0 && str_in_list(before, sizeof(before) / sizeof(before[0]),
	    w[0].folded))
		return true;
	if (!rules_word_next(c->text, c->tlen, &p, &rw) || rw.overflow)
		return false;
	if (strcmp(rw.folded, "de") == 0 &&
	    (!rules_word_next(c->text, c->tlen, &p, &rw) || rw.overflow))
		return false;	/* "10 % de plus" */
	return str_in_list(after, sizeof(after) / sizeof(after[0]),
	    rw.folded);
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

/* cl_firm_after - an [aim firm] phrase opens within the words after the
 * figure ending at text[end], past its unit ("6.000 und keinen Cent
 * mehr", "£50 a metre and you can start Monday"); anywhere within
 * FIRM_WINDOW when far ("£1.80 a head. I'll pay that and not a penny
 * more"); *late (when not NULL) says whether an [aim rival] verb follows
 * the figure and its unit, the way German puts it last ("hat mir 85 Euro
 * berechnet") */
bool
cl_firm_after(const struct cl *c, size_t end, bool far, bool *late)
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

/* cl_same_unit - figures a and b of t are followed by the same words */
bool
cl_same_unit(const char *t, size_t len, struct cl_span a, struct cl_span b)
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
	f->replaced = f->more = false;
	if (own) {
		cues(c, i, f);
		f->proposed = f->proposed ||
		    cl_firm_after(c, pend, false, NULL);
		f->more = more_at(c, f);
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

/* cl_figures - the figures of t[0, len), at most max, in digits or in words
 * (spelt); money words of their sentence count as a unit */
size_t
cl_figures(const struct cl *c, const char *t, size_t len, struct figure *v,
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
		f->said = f->replaced = f->more = false;
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
		f->proposed = f->proposed ||
		    cl_firm_after(c, f->at.end, false, NULL);
		f->sb = sb;
		while (se > sb && (t[se - 1] == ' ' || t[se - 1] == '\n'))
			se--;
		f->asked = se > sb && t[se - 1] == '?';
		f->dealt = !f->asked && dealt(c, f, se);
		f->off = f->proposed && cl_bid_off(c, f->at.end);
		f->replaced = replaced_at(c, f->at.start);
	}
	return n;
}


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

void
cl_figures_of(const struct cl *c, struct figures *fs)
{
	const char *quoted = c->m->quoted;
	const struct classify_said *said;

	bool any = false;

	fs->n = cl_figures(c, c->text, c->tlen, fs->v, MONEY_MAX_FIGURES, true);
	as_percent(fs);
	for (size_t i = 0; i < fs->n && !any; i++)
		any = fs->v[i].proposed || fs->v[i].rival || fs->v[i].asked ||
		    fs->v[i].dealt || fs->v[i].more;
	/* the quote is read only when the sender proposes a figure or asks
	 * one on top */
	fs->nq = quoted && any ? cl_figures(c, quoted, strnlen(quoted,
	    CL_QUOTE_WINDOW), fs->q, MONEY_MAX_FIGURES, false) : 0;
	/* or the owner's price of the mail answered unquoted */
	if (any && fs->nq < MONEY_MAX_FIGURES &&
	    (said = cl_owner_said(c)) != NULL && said->cents > 0)
		fs->q[fs->nq++] = (struct figure){ .cents = said->cents,
		    .money = true, .said = true };
	fs->owes = false;
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
	size_t n = cl_figures(c, t, len, v, MONEY_MAX_FIGURES, false);

	for (size_t i = 0; i < n; i++)
		if (v[i].money && !v[i].percent && v[i].cents > top)
			top = v[i].cents;
	return top;
}
