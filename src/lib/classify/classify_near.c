/*
 * classify_near - weak cues that count only in a sentence aimed at the owner.
 *
 * DESCRIPTION
 *	A [weak NAME] phrase of the rules ("exemplary", "recommend*",
 *	"empfohlen") says little alone: "the hotel was exemplary" praises
 *	nobody the owner knows.  In a sentence that also holds an [aim]
 *	phrase (the owner addressed: "you", "Ihre Arbeit", "vous", "usted";
 *	or the act of writing to them: "write to you", "mich an Sie wenden",
 *	"vous écrire") it counts like a phrase of NAME's own section: a tag,
 *	a referral cue or an introduction cue.  The [not NAME] exceptions
 *	then apply to it as to any other.  A subject line is written to the
 *	owner, so a weak referral cue there ("Recommended by Dana Reyes")
 *	needs no aim.  [weak tell] ("said", "meinte") is a referral cue
 *	beside an [aim tell] phrase ("I should give you a ring"), and
 *	[weak announce] ("gave", "weitergegeben") a cue that the sender passed
 *	the owner's details on beside an [aim announce] one ("your number",
 *	"vos coordonnées").  A NAME
 *	with [aim NAME] phrases
 *	of its own needs one of those instead: a payment word counts for
 *	slow-payer next to "next week", not next to "you".
 *
 *	A payment word with no [aim slow-payer] phrase in its sentence still
 *	counts for slow-payer beside an [aim owed] phrase, the sender owning
 *	up to lateness ("I forgot", "still owe", "sorry for the delay"), in
 *	its sentence or the one before or after: "Paying it today. Sorry
 *	for the delay."  (cl_near_owed)
 *
 *	A weak praise word nothing aims, and an [aim exclaim] word ("Oh
 *	brilliant, another hour in reception"), is kept aside (faint[]) for
 *	classify_tags to weigh as irony only.
 *
 *	A money amount in a reply ("could you do the four for £1,200?",
 *	"si lo dejamos en 5.500 euros") is a weak haggler word: with an
 *	[aim haggler] phrase beside it, it answers the owner's quote with a
 *	counter-offer (cl_near_amounts).
 *
 *	cl_near_add keeps the weak occurrences the one scan of the text
 *	reports (at most CL_MAX_WEAK); cl_near_resolve then scans the
 *	sentence of each (bounded by cl_sentence's window, each sentence
 *	once) for an [aim] phrase other than the weak phrase itself (a word
 *	listed as both, like "discount*" for haggler, needs a second one).  The
 *	work per message is bounded by CL_MAX_WEAK sentences.
 *
 * NEVER
 *	Allocates, or reads outside the text it was given.
 */
#include <string.h>
#include <strings.h>

#include "classify_int.h"

/* What one sentence's scan for an [aim] phrase is looking for. */
struct aim_seek {
	size_t wstart, wend;	/* the weak phrase, relative to the sentence */
	const char *want;	/* "aim", or the name with an [aim NAME] */
	const char *quotes;	/* the sentence, when an aim must stand on the
				 * weak phrase's side of any quotation mark */
	bool found;
};

/* quoted_at - text[0, at) opens a quotation it has not closed */
static bool
quoted_at(const char *text, size_t at)
{
	return cl_quote_marks(text, 0, at) % 2 == 1;
}

static void
aim_fn(void *ctx, const struct rules_match *m)
{
	struct aim_seek *s = ctx;

	if (m->kind != RULES_AIM || s->found || strcmp(m->name, s->want) != 0)
		return;
	/* a word that is both weak and an aim does not aim itself; a weak
	 * phrase that holds an aim word ("gave me your") is aimed */
	if (m->start == s->wstart && m->end == s->wend)
		return;
	if (s->quotes != NULL &&
	    quoted_at(s->quotes, m->start) != quoted_at(s->quotes, s->wstart))
		return;
	s->found = true;
}

void
cl_near_add(struct cl *c, const struct rules_match *rm)
{
	if (rm->kind == RULES_AIM) {
		if (strcmp(rm->name, "request") == 0)
			c->asks = true;
		else if (strcmp(rm->name, "favour") == 0)
			c->favour = true;
		if (c->naim == CL_MAX_AIM) {
			c->aim_full = true;
			return;
		}
		c->aim[c->naim].tag = rm->name;
		c->aim[c->naim].at.start = rm->start;
		c->aim[c->naim++].at.end = rm->end;
		return;
	}
	if (rm->kind != RULES_WEAK || c->nweak >= CL_MAX_WEAK)
		return;
	c->weak[c->nweak].tag = rm->name;
	c->weak[c->nweak].at.start = rm->start;
	c->weak[c->nweak++].at.end = rm->end;
}

/*
 * aimed_at - an [aim] phrase for `want` lies in [sb, se) and is not the
 * weak phrase h itself: from what the scan remembered, or, when it could
 * not remember them all, by scanning the sentence again.  Words inside a
 * quotation and words outside it are two speakers' ("Mein Mann meint:
 * ,Das ist viel zu teuer' - aber ich finde Ihren Preis fair"): an aim
 * on one side never aims a weak phrase on the other.
 */
static bool
aimed_at(const struct cl *c, const struct cl_taghit *h, const char *want,
    size_t sb, size_t se)
{
	struct aim_seek s = { h->at.start - sb, h->at.end - sb, want,
		c->text + sb, false };
	bool inside = quoted_at(c->text + sb, h->at.start - sb);

	if (!c->aim_full) {
		for (size_t i = 0; i < c->naim; i++) {
			const struct cl_taghit *a = &c->aim[i];

			if (a->at.start < sb || a->at.end > se ||
			    strcmp(a->tag, want) != 0 ||
			    (a->at.start == h->at.start && a->at.end == h->at.end) ||
			    quoted_at(c->text + sb, a->at.start - sb) != inside)
				continue;
			return true;
		}
		return false;
	}
	rules_scan(c->r, c->text + sb, se - sb, aim_fn, &s);
	return s.found;
}

/* insert_span - put sp into v (n kept, cap max) in order of start */
static void
insert_span(struct cl_span *v, size_t *n, size_t max, struct cl_span sp)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (v[i].start == sp.start && v[i].end == sp.end)
			return;		/* the same cue found twice */
		if (v[i].start > sp.start)
			break;
	}
	if (*n >= max)
		return;
	memmove(v + i + 1, v + i, (*n - i) * sizeof(*v));
	v[i] = sp;
	(*n)++;
}

/* promote - a weak hit whose sentence is aimed at the owner counts fully */
static void
promote(struct cl *c, const struct cl_taghit *h)
{
	size_t same = 0;

	if (strcmp(h->tag, "referral") == 0 || strcmp(h->tag, "tell") == 0) {
		insert_span(c->ref, &c->nref, CL_MAX_CUES, h->at);
		return;
	}
	if (strcmp(h->tag, "introduction") == 0) {
		insert_span(c->intro, &c->nintro, CL_MAX_CUES, h->at);
		return;
	}
	if (strcmp(h->tag, "announce") == 0) {
		insert_span(c->give, &c->ngive, CL_MAX_CUES, h->at);
		return;
	}
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, h->tag) == 0 && ++same >= 4)
			return;
	if (c->ntags < CL_MAX_TAGS)
		c->tags[c->ntags++] = *h;
}

size_t
cl_near_unit(const char *t, size_t len, size_t j, const char *const *units,
    size_t n)
{
	while (j < len && t[j] == ' ')
		j++;
	if (j == len)
		return 0;
	for (size_t u = 0; u < n; u++) {
		size_t ul;

		/* the units are in lower case: most fail on the first byte */
		if ((unsigned char)units[u][0] != ((unsigned char)t[j] |
		    ((t[j] >= 'A' && t[j] <= 'Z') ? 0x20 : 0)))
			continue;
		ul = strlen(units[u]);
		if (len - j >= ul && strncasecmp(t + j, units[u], ul) == 0)
			return j + ul;
	}
	return 0;
}

const unsigned char cl_near_figure_starts[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['$'] = 1,
	[0xc2] = 1,		/* "£" */
	[0xe2] = 1,		/* "€" */
};

/* money_at - a money amount starts at text[i]: its end, or 0 */
static size_t
money_at(const char *t, size_t len, size_t i)
{
	static const char *const units[] = {
		"\xe2\x82\xac", "euro", "eur", "pounds", "dollars", "%",
		"quid", "bucks", "pesos", "pavos", "francs", "chf",
	};
	size_t j = i, digits = 0;
	bool sign = false;

	if (!cl_near_figure_starts[(unsigned char)t[i]])
		return 0;
	if (i > 0 && ((t[i - 1] >= '0' && t[i - 1] <= '9') ||
	    (t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
	    (t[i - 1] >= 'A' && t[i - 1] <= 'Z')))
		return 0;
	if (t[j] == '$') {
		sign = true;
		j++;
	} else if (len - j >= 2 && memcmp(t + j, "\xc2\xa3", 2) == 0) {
		sign = true;	/* £ */
		j += 2;
	} else if (len - j >= 3 && memcmp(t + j, "\xe2\x82\xac", 3) == 0) {
		sign = true;	/* € */
		j += 3;
	}
	/* "1,480", "2.850", "2 400", "5.500,00" */
	while (j < len && ((t[j] >= '0' && t[j] <= '9') ||
	    ((t[j] == ',' || t[j] == '.' || t[j] == ' ') && digits > 0 &&
	    j + 1 < len && t[j + 1] >= '0' && t[j + 1] <= '9'))) {
		if (t[j] >= '0' && t[j] <= '9')
			digits++;
		j++;
	}
	if (digits == 0)
		return 0;
	if (sign)
		return j;
	return cl_near_unit(t, len, j, units, sizeof(units) / sizeof(units[0]));
}

#define COUNTER_MIN_PERCENT 50	/* a counter-figure is at least half the price */

static bool
isdig(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* number_at - a bare number ("3.700", "2 200", "60") starts at t[i]: its
 * value in whole units into *v and its end, or 0; decimals are dropped */
static size_t
number_at(const char *t, size_t len, size_t i, unsigned long long *v)
{
	size_t j = i, digits = 0, group = 0;
	unsigned long long n = 0;

	if (i > 0 && ((t[i - 1] >= '0' && t[i - 1] <= '9') ||
	    (t[i - 1] >= 'a' && t[i - 1] <= 'z') ||
	    (t[i - 1] >= 'A' && t[i - 1] <= 'Z') || t[i - 1] == '/' ||
	    t[i - 1] == ':' || t[i - 1] == '-' || t[i - 1] == '.' ||
	    t[i - 1] == '+' || t[i - 1] == '#'))
		return 0;
	while (j < len && digits < 12) {
		if (t[j] >= '0' && t[j] <= '9') {
			n = n * 10 + (unsigned long long)(t[j] - '0');
			digits++;
			group++;
			j++;
		} else if ((t[j] == ',' || t[j] == '.' || t[j] == ' ') &&
		    digits > 0 && j + 3 < len && t[j + 1] >= '0' &&
		    t[j + 1] <= '9' && t[j + 2] >= '0' && t[j + 2] <= '9' &&
		    t[j + 3] >= '0' && t[j + 3] <= '9' && (j + 4 == len ||
		    t[j + 4] < '0' || t[j + 4] > '9')) {
			j++;	/* a thousands separator: "3.700" */
			group = 0;
		} else
			break;
	}
	if (digits == 0 || digits >= 12)
		return 0;
	if (digits == 4 && group == 4 && n >= 1950 && n <= 2099)
		return 0;	/* a year */
	if (j + 2 < len && (t[j] == '.' || t[j] == ',') && isdig(t[j + 1]) &&
	    isdig(t[j + 2]) && (j + 3 == len || (!isdig(t[j + 3]) &&
	    (t[j + 3] != '.' || j + 4 == len || !isdig(t[j + 4])))))
		j += 3;		/* cents: "85,50", "a 0,06." */
	/* a date, time, phone number or fraction, not a sum */
	if (j < len && (t[j] == ':' || t[j] == '/' || t[j] == '-' ||
	    t[j] == '%' || ((t[j] == '.' || t[j] == ',') && j + 1 < len &&
	    isdig(t[j + 1]))))
		return 0;
	*v = n;
	return j;
}

/*
 * glued - a bare number ending at t[end] runs into a word: it is an
 * ordinal, a time, a unit or a code ("2nd", "4pm", "90min", "500®"),
 * not a sum
 */
static bool
glued(const char *t, size_t len, size_t end)
{
	unsigned char ch = end < len ? (unsigned char)t[end] : ' ';

	return ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch >= 0x80;
}

size_t
cl_near_figure(const char *t, size_t len, size_t i, unsigned long long *cents,
    bool *money)
{
	size_t end = money_at(t, len, i), k = i, nend;
	unsigned long long v;

	*money = end > 0;
	while (*money && k < end && !isdig(t[k]))
		k++;	/* past "$", "£", "€" */
	if ((nend = number_at(t, *money ? end : len, k, &v)) == 0)
		return 0;
	if (!*money && glued(t, len, nend))
		return 0;
	*cents = v * 100;
	if (nend >= k + 3 && (t[nend - 3] == '.' || t[nend - 3] == ',') &&
	    isdig(t[nend - 2]) && isdig(t[nend - 1]))
		*cents += (unsigned long long)((t[nend - 2] - '0') * 10 +
		    (t[nend - 1] - '0'));
	return *money ? end : nend;
}

bool
cl_near_sum_in(const char *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		unsigned long long cents;
		bool money = false;
		size_t end;

		if (!cl_near_figure_starts[(unsigned char)t[i]] ||
		    (i > from && t[i - 1] >= '0' && t[i - 1] <= '9'))
			continue;	/* none starts here, or inside a number */
		if ((end = cl_near_figure(t, to, i, &cents, &money)) == 0)
			continue;
		if (money)
			return true;
		i = end - 1;
	}
	return false;
}

/*
 * money_value - a money amount starts at t[i]: its end, or 0; *v its
 * number in whole units, or 0 when the number does not read as a sum
 */
static size_t
money_value(const char *t, size_t len, size_t i, unsigned long long *v)
{
	size_t end = money_at(t, len, i), k = i;

	*v = 0;
	if (end == 0)
		return 0;
	while (k < end && !isdig(t[k]))
		k++;	/* past "$", "£", "€" */
	if (number_at(t, end, k, v) == 0)
		*v = 0;
	return end;
}

/* priced_max - the largest money amount of t[0, len) (0: none) */
static unsigned long long
priced_max(const char *t, size_t len)
{
	unsigned long long best = 0, v;

	for (size_t i = 0; i < len; i++) {
		size_t end = money_value(t, len, i, &v);

		if (end == 0)
			continue;
		if (v > best)
			best = v;
		i = end;
	}
	return best;
}

/*
 * an_age - the bare number at t[i, end) is somebody's age: a verb of
 * coming of age before it ("he's turning 40", "cumple 40") or a word of
 * years after it ("40 years", "40 Jahre", "40 ans", "40 años"), not a sum
 */
static bool
an_age(const char *t, size_t len, size_t i, size_t end)
{
	static const char *const before[] = { "turning", "turned", "turns",
	    "aged", "cumple", "cumplir", "cumplirá" };
	static const char *const after[] = { "years", "year", "yrs",
	    "jahre", "jahren", "ans", "años", "anos", "anni" };
	size_t b = i, e, u;

	while (b > 0 && t[b - 1] == ' ')
		b--;
	e = b;
	while (b > 0 && (((t[b - 1] | 0x20) >= 'a' && (t[b - 1] | 0x20) <=
	    'z') || (unsigned char)t[b - 1] >= 0x80))
		b--;
	for (size_t k = 0; e > b && k < sizeof(before) / sizeof(before[0]);
	    k++)
		if (strlen(before[k]) == e - b &&
		    strncasecmp(t + b, before[k], e - b) == 0)
			return true;
	u = cl_near_unit(t, len, end, after, sizeof(after) / sizeof(after[0]));
	return u > 0 && (u == len || !(((t[u] | 0x20) >= 'a' &&
	    (t[u] | 0x20) <= 'z') || (unsigned char)t[u] >= 0x80));
}

bool
cl_near_counter(const struct cl *c, struct cl_span *at)
{
	const char *q = c->m->quoted;
	unsigned long long price = q ? priced_max(q, strlen(q)) : 0, v;

	for (size_t i = 0; i < c->tlen; i++) {
		size_t end, nend;

		if (!cl_near_figure_starts[(unsigned char)c->text[i]])
			continue;	/* neither a sum nor a number starts here */
		if ((end = money_value(c->text, c->tlen, i, &v)) > 0) {
			/* the sender names the price itself */
			if (price > 0 && v < price &&
			    v * 100 >= price * COUNTER_MIN_PERCENT)
				goto found;
			if (v > price)
				price = v;
			i = end;
			continue;
		}
		if ((nend = number_at(c->text, c->tlen, i, &v)) == 0 ||
		    glued(c->text, c->tlen, nend) ||
		    an_age(c->text, c->tlen, i, nend))
			continue;
		if (price > 0 && v < price &&
		    v * 100 >= price * COUNTER_MIN_PERCENT) {
			end = nend;
			goto found;
		}
		i = nend;
		continue;
found:
		at->start = i;
		at->end = end;
		return true;
	}
	return false;
}

void
cl_near_amounts(struct cl *c, const char *tag)
{
	for (size_t i = 0; i < c->tlen && c->nweak < CL_MAX_WEAK; i++) {
		size_t end = money_at(c->text, c->tlen, i);

		if (end == 0)
			continue;
		c->weak[c->nweak].tag = tag;
		c->weak[c->nweak].at.start = i;
		c->weak[c->nweak++].at.end = end;
		i = end;
	}
}

/*
 * owned_up - a weak slow-payer phrase h, in [sb, se), has an [aim owed]
 * phrase in its sentence or the sentence before or after it
 */
static bool
owned_up(const struct cl *c, const struct cl_taghit *h, size_t sb, size_t se)
{
	size_t pb = sb, pe, nb, ne = se;

	if (strcmp(h->tag, "slow-payer") != 0)
		return false;
	if (sb > 0) {
		size_t p = sb;

		while (p > 0 && (c->text[p - 1] == ' ' ||
		    c->text[p - 1] == '\n' || c->text[p - 1] == '\r' ||
		    c->text[p - 1] == '\t'))
			p--;
		if (p > 0)	/* the stop that ends the sentence before */
			cl_sentence(c->text, c->tlen, p - 1, p - 1, &pb, &pe);
	}
	if (se < c->tlen)
		cl_sentence(c->text, c->tlen, se, se + 1, &nb, &ne);
	return aimed_at(c, h, "owed", pb, ne);
}

void
cl_near_resolve(struct cl *c)
{
	size_t last_sb = 0, last_se = 0;
	const char *last_want = NULL;
	bool last_aimed = false, have_last = false, last_inside = false;

	for (size_t k = 0; k < c->nweak; k++) {
		const struct cl_taghit *h = &c->weak[k];
		const char *want = rules_aim_own(c->r, h->tag) ? h->tag : "aim";
		size_t sb, se;
		bool aimed, inside;

		if (c->text == c->m->subject && strcmp(h->tag, "referral") == 0) {
			promote(c, h);	/* a subject speaks to the owner */
			continue;
		}
		cl_sentence(c->text, c->tlen, h->at.start, h->at.end, &sb, &se);
		inside = quoted_at(c->text + sb, h->at.start - sb);
		if (have_last && sb == last_sb && se == last_se &&
		    last_aimed && last_want == want && last_inside == inside) {
			aimed = true;	/* another weak phrase of an aimed
					 * sentence: its aim is elsewhere */
		} else {
			aimed = aimed_at(c, h, want, sb, se);
		}
		last_sb = sb;
		last_se = se;
		last_aimed = aimed;
		last_inside = inside;
		last_want = want;
		have_last = true;
		if (aimed || owned_up(c, h, sb, se))
			promote(c, h);
		else if (strcmp(h->tag, "praise") == 0 &&
		    c->nfaint < CL_MAX_FAINT)
			c->faint[c->nfaint++] = h->at;
	}
	c->nplain = c->nfaint;
	for (size_t i = 0; i < c->naim && c->nfaint < CL_MAX_FAINT; i++)
		if (strcmp(c->aim[i].tag, "exclaim") == 0)
			c->faint[c->nfaint++] = c->aim[i].at;
	c->nweak = 0;
	c->naim = 0;
	c->aim_full = false;
}

bool
cl_near_aimed(const struct cl *c, struct cl_span at, const char *want)
{
	struct aim_seek s;
	size_t sb, se;

	if (c->text == NULL)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	s.wstart = at.start - sb;
	s.wend = at.end - sb;
	s.want = want;
	s.quotes = NULL;
	s.found = false;
	rules_scan(c->r, c->text + sb, se - sb, aim_fn, &s);
	return s.found;
}

bool
cl_near_between(const struct cl *c, size_t from, size_t to, const char *want)
{
	struct aim_seek s = { (size_t)-1, (size_t)-1, want, NULL, false };

	if (c->text == NULL || from >= to || to > c->tlen)
		return false;
	rules_scan(c->r, c->text + from, to - from, aim_fn, &s);
	return s.found;
}
