/*
 * classify_spelt - figures written in words, read as numbers.
 *
 * DESCRIPTION
 *	A price or a counter-offer is often spelt out: "fifty", "a hundred
 *	and twenty", "a round thousand", "fifteen hundred", "zweihundert",
 *	"fünfundzwanzig", "deux cents", "quatre-vingts", "soixante et
 *	onze", "cincuenta", "trescientos", "mil quinientos".
 *	cl_spelt_at reads such a run of number words from the word at
 *	t[i], all of one language (en, de, fr or es; "fifty cents" is no
 *	5,000): its value, and what follows it.  A currency word after it
 *	("quid", "Euro", "balles", "pavos") makes it a sum, a percent word
 *	("Prozent", "por ciento") a percentage.  Otherwise it is open when
 *	nothing it counts follows: the end of the clause, or a word that
 *	joins what comes next ("off", "and", "wenn", "sinon", "y",
 *	"cash"); a noun after it ("sixty feet", "trois jours", "mil
 *	gracias", "tausend Dank") makes it a count, and no run at all.
 *	Words restated in digits ("thirty percent (30%)") are left to the
 *	digits.
 *
 *	A word that is also an article or a pronoun ("one", "a", "ein",
 *	"un", "une", "uno", "una") is never a number alone; "a" and "an"
 *	count only before a hundred or a thousand, a "round" or "flat" one
 *	between ("a round thousand").  "grand" multiplies an English number
 *	of at least two and is money ("two grand").  Which of the rest is
 *	an amount is the caller's to say (classify_money.c: one after a
 *	counter-offer's cue, or a round hundred or thousand).
 *
 * NEVER
 *	Reads past len, allocates, or calls into the rest of classify.
 */
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"

#define SPELT_GAP 4		/* bytes of blanks or hyphens between */

enum { EN = 1, DE = 2, FR = 4, ES = 8, ALL = 15 };

enum kind {
	K_NUM,			/* a value of its own: "fifty" */
	K_HUNDRED,		/* multiplies what stands before: "cent" */
	K_THOUSAND,		/* "thousand", "mille", "mil" */
	K_GRAND,		/* "two grand": thousands of money */
	K_ART,			/* "a", "an": one, before a hundred */
	K_ROUND,		/* "a round thousand" */
	K_AND,			/* "and", "et", "y" inside a number */
};

struct tok {
	const char *w;		/* folded */
	unsigned short v;
	unsigned char kind, langs;
};

/* The number words, folded as rules_word folds them: runs of a language
 * whose values rise by a step ("one" 1 ... "nineteen" 19; "twenty" 20 ...
 * "ninety" 90), then the words of a kind of their own.  German compounds
 * are read by de_number, not listed. */
static const char *const en_small[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen",
};
static const char *const en_tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety",
};
static const char *const fr_small[] = {
	"un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
	"dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
};
static const char *const fr_tens[] = {
	"vingt", "trente", "quarante", "cinquante", "soixante",
};
static const char *const es_small[] = {
	"uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho",
	"nueve", "diez", "once", "doce", "trece", "catorce", "quince",
	"dieciseis", "diecisiete", "dieciocho", "diecinueve", "veinte",
	"veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco",
	"veintiseis", "veintisiete", "veintiocho", "veintinueve",
};
static const char *const es_tens[] = {
	"treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta",
	"noventa",
};
static const char *const es_hundreds[] = {
	"ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos",
	"seiscientos", "setecientos", "ochocientos", "novecientos",
};
static const char *const es_hundreds_f[] = {	/* "doscientas personas" */
	"doscientas", "trescientas", "cuatrocientas", "quinientas",
	"seiscientas", "setecientas", "ochocientas", "novecientas",
};

#define LIST(v) (v), sizeof(v) / sizeof((v)[0])

static const struct word_run {
	const char *const *w;
	size_t n;
	unsigned short first, step;
	unsigned char langs;
} runs[] = {
	{ LIST(en_small), 1, 1, EN }, { LIST(en_tens), 20, 10, EN },
	{ LIST(fr_small), 1, 1, FR }, { LIST(fr_tens), 20, 10, FR },
	{ LIST(es_small), 1, 1, ES }, { LIST(es_tens), 30, 10, ES },
	{ LIST(es_hundreds), 100, 100, ES },
	{ LIST(es_hundreds_f), 200, 100, ES },
};

/* The words of a kind of their own, and second spellings. */
static const struct tok toks[] = {
	{ "a", 1, K_ART, EN }, { "an", 1, K_ART, EN }, { "and", 0, K_AND, EN },
	{ "et", 0, K_AND, FR }, { "y", 0, K_AND, ES },
	{ "round", 0, K_ROUND, EN }, { "flat", 0, K_ROUND, EN },
	{ "even", 0, K_ROUND, EN }, { "cool", 0, K_ROUND, EN },
	{ "hundred", 100, K_HUNDRED, EN }, { "cent", 100, K_HUNDRED, FR },
	{ "cents", 100, K_HUNDRED, FR }, { "thousand", 1000, K_THOUSAND, EN },
	{ "mille", 1000, K_THOUSAND, FR }, { "mil", 1000, K_THOUSAND, ES },
	{ "grand", 1000, K_GRAND, EN }, { "six", 6, K_NUM, EN | FR },
	{ "une", 1, K_NUM, FR }, { "un", 1, K_NUM, FR | ES },
	{ "vingts", 20, K_NUM, FR }, { "una", 1, K_NUM, ES },
	{ "cien", 100, K_NUM, ES }, { "veintiun", 21, K_NUM, ES },
	{ "veintiuna", 21, K_NUM, ES },
};

/* prefix - w starts with p: what follows it */
static const char *
prefix(const char *w, const char *p)
{
	size_t n;

	if (*w != *p)
		return NULL;	/* most fail here */
	n = strlen(p);
	return strncmp(w, p, n) == 0 ? w + n : NULL;
}

/* de_small - a German number below 100 at the start of w ("zwölf",
 * "fünfundzwanzig", "ein" before "hundert"): its value, *rest past it;
 * 0 for none */
static unsigned
de_small(const char *w, const char **rest)
{
	static const char *const tens[] = {
		"zwanzig", "dreissig", "vierzig", "funfzig", "sechzig",
		"siebzig", "achtzig", "neunzig",
	};
	static const char *const teens[] = {
		"zehn", "elf", "zwolf", "dreizehn", "vierzehn", "funfzehn",
		"sechzehn", "siebzehn", "achtzehn", "neunzehn",
	};
	static const char *const units[] = {
		"eins", "ein", "zwei", "drei", "vier", "funf", "sechs",
		"sieben", "acht", "neun",
	};
	const char *p;

	for (size_t k = 0; k < 8; k++)
		if ((p = prefix(w, tens[k])) != NULL) {
			*rest = p;
			return 20 + 10 * (unsigned)k;
		}
	for (size_t k = 0; k < 10; k++)
		if ((p = prefix(w, teens[k])) != NULL) {
			*rest = p;
			return 10 + (unsigned)k;
		}
	if ((p = prefix(w, "zwo")) != NULL) {
		*rest = p;
		return 2;
	}
	for (size_t k = 0; k < 10; k++) {
		const char *q;

		if ((p = prefix(w, units[k])) == NULL)
			continue;
		if (k == 0 && *p != '\0')
			continue;	/* "eins" ends a number */
		if ((q = prefix(p, "und")) != NULL)
			for (size_t j = 0; j < 8; j++)
				if (prefix(q, tens[j]) != NULL) {
					*rest = q + strlen(tens[j]);
					return 20 + 10 * (unsigned)j +
					    (k == 0 ? 1 : (unsigned)k);
				}
		*rest = p;
		return k == 0 ? 1 : (unsigned)k;
	}
	return 0;
}

/* de_hundreds - [unit] "hundert" [below 100], or below 100, at w */
static unsigned
de_hundreds(const char *w, const char **rest)
{
	const char *p = w, *q;
	unsigned u = de_small(w, &p), v;

	if (u < 10 && (q = prefix(u ? p : w, "hundert")) != NULL) {
		v = (u ? u : 1) * 100;
		if ((u = de_small(q, &p)) == 0)
			p = q;
		*rest = p;
		return v + u;
	}
	*rest = p;
	return u;
}

/* de_number - the whole folded word w is a German number ("zweihundert",
 * "tausendfünfhundert", "neunzehn"): its value, or 0 */
static unsigned
de_number(const char *w)
{
	const char *p, *q;
	unsigned v = de_hundreds(w, &p), low;

	if ((q = prefix(v ? p : w, "tausend")) != NULL) {
		v = (v ? v : 1) * 1000;
		if ((low = de_hundreds(q, &p)) == 0)
			p = q;
		v += low;
	}
	return *p == '\0' ? v : 0;
}

/* look - the token of the folded word w: one of toks, one of a run (a
 * K_NUM of the run's value there), or a German compound */
static bool
look(const char *w, struct tok *t)
{
	unsigned v;

	for (size_t k = 0; k < sizeof(toks) / sizeof(toks[0]); k++)
		if (toks[k].w[0] == w[0] && toks[k].w[1] == w[1] &&
		    strcmp(toks[k].w, w) == 0) {
			*t = toks[k];
			return true;
		}
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++)
		for (size_t k = 0; k < runs[r].n; k++)
			if (runs[r].w[k][0] == w[0] &&
			    runs[r].w[k][1] == w[1] &&
			    strcmp(runs[r].w[k], w) == 0) {
				*t = (struct tok){ runs[r].w[k],
				    (unsigned short)(runs[r].first +
				    k * runs[r].step), K_NUM, runs[r].langs };
				return true;
			}
	if ((v = de_number(w)) == 0)
		return false;
	*t = (struct tok){ w, (unsigned short)v, K_NUM, DE };
	return true;
}

/* room - what may still be added to cur: below 100 after a round
 * hundred, below 10 after the tens, below 20 after French 60 and 80 */
static unsigned
room(unsigned cur, unsigned langs)
{
	unsigned r = cur % 100;

	if (r == 0)
		return 100;
	if ((langs & FR) && (r == 60 || r == 80))
		return 20;
	return r >= 20 && r % 10 == 0 ? 10 : 0;
}

/* blanks - t[a, b) holds only blanks and hyphens, at most SPELT_GAP */
static bool
blanks(const char *t, size_t a, size_t b)
{
	if (b < a || b - a > SPELT_GAP)
		return false;
	for (size_t k = a; k < b; k++)
		if (t[k] != ' ' && t[k] != '-' && t[k] != '\t' && t[k] != '\n')
			return false;
	return true;
}

/* The run read so far. */
struct run {
	unsigned total, cur, langs;
	size_t n, end;		/* tokens taken, end of the last */
	size_t aend;		/* end of a joining word taken */
	enum kind last;
	bool quatre;		/* the last word was "quatre" */
	bool and;		/* a joining word waits for its number */
	bool grand;
};

/* take - token k (word folded w ending at end) continues the run */
static bool
take(struct run *r, const struct tok *k, const char *w, size_t end)
{
	unsigned v = k->v;

	if (!(k->langs & r->langs) || (r->and && k->kind != K_NUM))
		return false;
	if (r->n > 0 && (r->last == K_ART || r->last == K_ROUND) &&
	    k->kind != K_ROUND && k->kind != K_HUNDRED &&
	    k->kind != K_THOUSAND)
		return false;	/* "a" only before a hundred */
	switch (k->kind) {
	case K_ART:
		if (r->n > 0)
			return false;
		break;
	case K_ROUND:
		if (r->n != 1 || r->last != K_ART)
			return false;
		break;
	case K_AND:
		if (r->n == 0 || r->last == K_AND || r->last == K_ART)
			return false;
		r->and = true;
		r->aend = end;
		r->langs &= k->langs;
		return true;	/* the end stays before it */
	case K_NUM:
		if (r->n == 0 || (r->cur == 0 && r->total > 0))
			r->cur = v;
		else if (r->quatre && v == 20 && strncmp(w, "vingt", 5) == 0)
			r->cur += 76;	/* "quatre-vingts" */
		else if (v < room(r->cur, r->langs & k->langs))
			r->cur += v;
		else
			return false;
		break;
	case K_HUNDRED:
		if (r->cur >= 100 || (r->n > 0 && r->cur == 0 &&
		    r->last != K_ART && r->last != K_ROUND && r->total == 0))
			return false;
		r->cur = (r->cur ? r->cur : 1) * 100;
		break;
	case K_THOUSAND:
		if (r->total > 0 || r->cur >= 1000)
			return false;
		r->total = (r->cur ? r->cur : 1) * 1000;
		r->cur = 0;
		break;
	case K_GRAND:
		if (r->total > 0 || r->cur < 2 || r->last == K_ART)
			return false;
		r->total = r->cur * 1000;
		r->cur = 0;
		r->grand = true;
		break;
	}
	r->and = false;
	r->langs &= k->langs;
	r->quatre = strcmp(w, "quatre") == 0;
	r->last = (enum kind)k->kind;
	r->n++;
	r->end = end;
	return true;
}

/* word_at - the folded word starting right at t[p] (after blanks) */
static bool
word_at(const char *t, size_t len, size_t p, struct rules_word *w)
{
	size_t q = p;

	while (q < len && (t[q] == ' ' || t[q] == '\t'))
		q++;
	if (q >= len || !rules_word_next(t, len, &q, w) || w->overflow)
		return false;
	return w->start == p || blanks(t, p, w->start);
}

static bool
listed(const char *w, const char *const *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(w, v[k]) == 0)
			return true;
	return false;
}

/*
 * follow - what stands after the run ending at t[end]: a currency (a
 * sign or word: money), a percent sign or word, the end of the clause or
 * a joining word (open); its end into s->end when it belongs to the run
 */
static void
follow(const char *t, size_t len, size_t end, struct cl_spelt *s)
{
	static const char *const money[] = {
		"pounds", "pound", "quid", "euros", "euro", "eur", "dollars",
		"dollar", "bucks", "francs", "franc", "franken", "balles",
		"pavos", "pesos", "dolares", "francos",
	};
	static const char *const percent[] = {
		"percent", "prozent", "pourcent",
	};
	static const char *const joins[] = {
		"and", "or", "if", "then", "off", "for", "all", "cash", "tops",
		"max", "each", "but", "otherwise", "plus", "so", "please",
		"instead", "total", "including", "inc", "incl", "now", "today",
		"in", "und", "oder", "wenn", "dann", "sonst", "aber", "fur",
		"bar", "pauschal", "insgesamt", "komplett", "netto", "brutto",
		"inklusive", "inkl", "maximal", "bitte", "statt", "jetzt",
		"sofort", "heute", "et", "ou", "si", "sinon", "mais", "pour",
		"tout", "net", "ttc", "ht", "alors", "maintenant", "comptant",
		"en", "y", "o", "sino", "pero", "por", "todo", "efectivo",
		"iva", "ahora", "hoy", "maximo", "flat", "pile", "rond",
		"redondos", "justos", "glatt",
	};
	struct rules_word w, w2;
	size_t p = end;

	while (p < len && (t[p] == ' ' || t[p] == '\t'))
		p++;
	if (p >= len || strchr(".,;:!?)\r\n", t[p]) != NULL) {
		s->open = true;
		return;
	}
	if (t[p] == '%') {
		s->percent = true;
		s->end = p + 1;
		return;
	}
	if (t[p] == '$' || (len - p >= 2 && memcmp(t + p, "\xc2\xa3", 2) == 0)
	    || (len - p >= 3 && memcmp(t + p, "\xe2\x82\xac", 3) == 0)) {
		s->money = true;	/* "fifty €" */
		s->end = p + (t[p] == '$' ? 1 : t[p] == '\xc2' ? 2 : 3);
		return;
	}
	if (!word_at(t, len, p, &w))
		return;
	if (listed(w.folded, money, sizeof(money) / sizeof(money[0]))) {
		s->money = true;
		s->end = w.end;
	} else if (listed(w.folded, percent,
	    sizeof(percent) / sizeof(percent[0]))) {
		s->percent = true;
		s->end = w.end;
	} else if ((strcmp(w.folded, "per") == 0 ||
	    strcmp(w.folded, "pour") == 0 || strcmp(w.folded, "por") == 0) &&
	    word_at(t, len, w.end, &w2) && (strcmp(w2.folded, "cent") == 0 ||
	    strcmp(w2.folded, "ciento") == 0 ||
	    strcmp(w2.folded, "cien") == 0)) {
		s->percent = true;	/* "per cent", "por ciento" */
		s->end = w2.end;
	} else
		s->open = listed(w.folded, joins, sizeof(joins) /
		    sizeof(joins[0]));
}

/* may_start - the first three letters of the word at t[i] begin a
 * number word of the lists or a German compound, or the word is "a",
 * "an", "un": a cheap test before folding */
static bool
may_start(const char *t, size_t len, size_t i)
{
	static const char pre[] =	/* ascending, four bytes each */
	    "ach cat cen cie cin cua deu die dix doc dos dou dre eig ein "
	    "ele elf fif fiv for fou fun hui hun mil neu nin nov nue och "
	    "onc one onz qua qui sec sei sep ses set sev sie six soi tau "
	    "ten thi tho thr tre tro twe two una une uno vei vie vin zeh "
	    "zwa zwe zwo ";
	unsigned k = 0;
	size_t n = 0, lo = 0, hi = (sizeof(pre) - 1) / 4;

	for (; n < 3 && i + n < len; n++) {
		unsigned char b = (unsigned char)t[i + n];

		if (b >= 0x80)	/* "fünf", "zwölf" */
			return (n == 1 && k == 'f') || (n == 2 &&
			    k == ('z' << 8 | 'w'));
		if ((b | 0x20) < 'a' || (b | 0x20) > 'z')
			break;
		k = k << 8 | (b | 0x20);
	}
	if (n < 3)
		return (n == 1 && k == 'a') || (n == 2 && (k == ('a' << 8 |
		    'n') || k == ('u' << 8 | 'n')));
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *e = pre + 4 * mid;
		unsigned m = (unsigned)e[0] << 16 | (unsigned)e[1] << 8 |
		    (unsigned)e[2];

		if (m == k)
			return true;
		if (m < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* restated - digits in brackets follow t[end] ("thirty percent (30%)",
 * "cinquante (50) euros"): the figure is read once, from them */
static bool
restated(const char *t, size_t len, size_t end)
{
	while (end < len && (t[end] == ' ' || t[end] == '\t'))
		end++;
	return end + 1 < len && t[end] == '(' && t[end + 1] >= '0' &&
	    t[end + 1] <= '9';
}

bool
cl_spelt_at(const char *t, size_t len, size_t i, struct cl_spelt *s)
{
	struct run r = { 0, 0, ALL, 0, i, i, K_NUM, false, false, false };
	struct rules_word w;
	size_t p = i;

	memset(s, 0, sizeof(*s));
	if (t == NULL || i >= len || !cl_spelt_starts[(unsigned char)t[i]])
		return false;
	if (i > 0 && ((unsigned char)t[i - 1] >= 0x80 || t[i - 1] == '\'' ||
	    (t[i - 1] >= '0' && t[i - 1] <= '9') ||
	    ((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z')))
		return false;	/* inside a word */
	if (!may_start(t, len, i))
		return false;
	while (rules_word_next(t, len, &p, &w)) {
		struct tok k;

		if (w.overflow || (r.n > 0 && !blanks(t, r.and ? r.aend : r.end,
		    w.start)) || !look(w.folded, &k))
			break;
		if (!take(&r, &k, w.folded, w.end) || r.grand)
			break;
	}
	if (r.n == 0 || r.last == K_ART || r.last == K_ROUND ||
	    (r.n == 1 && r.total + r.cur <= 1))
		return false;	/* "a", "one", "un", "ein" alone */
	s->value = r.total + r.cur;
	s->end = r.end;
	s->round = s->value >= 100 && s->value % 100 == 0;
	if (r.grand)
		s->money = true;
	else
		follow(t, len, r.end, s);
	if (restated(t, len, s->end))
		return false;
	return !(!s->money && !s->percent && !s->open);
}

bool
cl_spelt_counted(const char *t, size_t len, size_t end)
{
	struct cl_spelt s;

	memset(&s, 0, sizeof(s));
	if (t == NULL || end > len)
		return false;
	follow(t, len, end, &s);
	return !s.open && !s.money && !s.percent;
}

/* The letters a number word starts with (either case). */
const unsigned char cl_spelt_starts[256] = {
	['a'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['h'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['q'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['z'] = 1,
	['A'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['H'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['Q'] = 1, ['S'] = 1, ['T'] = 1,
	['U'] = 1, ['V'] = 1, ['Z'] = 1,
};
