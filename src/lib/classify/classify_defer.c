/*
 * classify_defer - slow payment: a bill the sender puts off.
 *
 * DESCRIPTION
 *	A deferred bill (cl_money_defers): in a thread about a bill (an [aim
 *	bill] word in the subject or the quoted owner's mail: "invoice",
 *	"Rechnung", "facture", "mensualidad"; or in the owner's mail the
 *	reply answers unquoted, cl_owner_said, when the sentence that puts
 *	off speaks of paying) or in mail that owns a debt
 *	(an [aim debt] phrase: "I owe you for", "still unpaid", "sigue
 *	pendiente"), the sender puts the payment off: an [aim slow-payer]
 *	phrase ("until the end of July"), an [aim owed] one ("sorry for the
 *	delay") or an [aim when] one (a month after a preposition, money
 *	that comes from somewhere else: "pension comes in", "hasta julio").
 *	So does a payment the sender ties to a later event of theirs: a
 *	payment word before an [aim until] in its sentence, not a question
 *	("I'll pay it when I get round to it", "Sie kriegen Ihr Geld, wenn
 *	ich es habe", "je réglerai quand je pourrai").
 *	So does a month after the mail's own, named in a statement about
 *	paying ("with the September payments", "je te les donne fin juin"),
 *	or a span of weeks or months ahead in one ("La pagaremos ... dentro
 *	de dos o tres meses", "in zwei bis drei Monaten"; not "within", nor
 *	days, which are terms kept).
 *	So does a sum or a payment word followed in its sentence by an [aim
 *	wait] phrase, even outside a bill's thread: the sum is the debt
 *	("The £925 will have to wait till the summer holidays", "ya te
 *	pagaré después de fallas, antes no puedo").
 *	A [not slow-payer] exception anywhere in the text ("already paid",
 *	"paid today") makes none, nor a plea for time made for somebody
 *	else ("be patient with him"), nor a payment put before its due
 *	point in its sentence (cl_paid_early: "Paid your invoice today, a
 *	week before it's due, as I'm away next week").
 *
 * OWNS
 *	Nothing: it reads what the scan noted in c->money (cl_money_note,
 *	classify_money.c) and the text; whether the thread is about a bill
 *	is classify_money.c's (cl_bill_thread).
 *
 * NEVER
 *	Records a tag itself (classify_tags.c does), or reads past the
 *	texts it is given.
 */
#include <stdbool.h>
#include <string.h>
#include <time.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

/*
 * tied_later - a payment the sender ties to a later event of theirs: a
 * payment word ([weak slow-payer]: "pay", "Ihr Geld", "te pagaré") before
 * an [aim until] in its sentence ("I'll pay it when I get round to it",
 * "Sie kriegen Ihr Geld, wenn ich es habe", "ya te pagaré cuando
 * pueda"), in a sentence that asks nothing.  One scan of a sentence's
 * head per [aim until], at most CL_MAX_UNTIL.
 */
static bool
tied_later(const struct cl *c, struct cl_span *at)
{
	const struct cl_money_seen *s = &c->money;

	for (size_t i = 0; i < s->nuntil; i++) {
		size_t sb, se;

		cl_sentence(c->text, c->tlen, s->until[i].start,
		    s->until[i].end, &sb, &se);
		if (cl_asks(c->text, sb, se))
			continue;	/* "when I pay, which reference?" */
		if (cl_money_seek(c, c->text, sb, s->until[i].start, RULES_WEAK,
		    "slow-payer", NULL)) {
			*at = s->until[i];
			return true;
		}
	}
	return false;
}

#define FOR_WORDS	4	/* words after a plea read for whom it is */

/*
 * for_another - the plea for time at is made for somebody else: "with"
 * and a third person follow it within FOR_WORDS words ("be patient with
 * him", "haben Sie Geduld mit ihm", "soyez patient avec lui", "ten
 * paciencia con él"), so it defers nothing of the sender's.
 */
static bool
for_another(const struct cl *c, struct cl_span at)
{
	static const char *const with[] = { "with", "mit", "avec", "con" };
	static const char *const third[] = {
		"him", "her", "them", "ihm", "ihr", "ihnen", "lui", "elle",
		"eux", "elles", "el", "ella", "ellos", "ellas",
	};
	struct rules_word rw;
	size_t sb, se, p = at.end;
	bool prep = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t n = 0; n < FOR_WORDS &&
	    rules_word_next(c->text, se, &p, &rw); n++) {
		if (rw.overflow)
			return false;
		if (prep && str_in_list(third, sizeof(third) / sizeof(third[0]),
		    rw.folded))
			return true;
		prep = str_in_list(with, sizeof(with) / sizeof(with[0]),
		    rw.folded);
	}
	return false;
}

/* month_of - the month (0-11) a month's name t[at] names, -1 for none */
static int
month_of(const char *t, struct cl_span at)
{
	static const char *const names[][5] = {
		{ "january", "januar", "janner", "janvier", "enero" },
		{ "february", "februar", "feber", "fevrier", "febrero" },
		{ "march", "marz", "mars", "marzo", NULL },
		{ "april", "avril", "abril", NULL, NULL },
		{ "mai", "mayo", NULL, NULL, NULL },
		{ "june", "juni", "juin", "junio", NULL },
		{ "july", "juli", "juillet", "julio", NULL },
		{ "august", "aout", "agosto", NULL, NULL },
		{ "september", "septembre", "septiembre", "setiembre", NULL },
		{ "october", "oktober", "octobre", "octubre", NULL },
		{ "november", "novembre", "noviembre", NULL, NULL },
		{ "december", "dezember", "decembre", "diciembre", NULL },
	};
	struct rules_word rw;
	size_t p = at.start;

	if (!rules_word_next(t, at.end, &p, &rw) || rw.overflow)
		return -1;
	for (int m = 0; m < 12; m++)
		for (size_t k = 0; k < 5 && names[m][k] != NULL; k++)
			if (strcmp(rw.folded, names[m][k]) == 0)
				return m;
	return -1;
}

#define MONTHS_AHEAD	6	/* a month named this far ahead is later */

/*
 * later_month - a month after the mail's own one (within MONTHS_AHEAD),
 * named in a statement, not a question, that speaks of paying (a [weak
 * slow-payer] word): "it will now go out with the September payments",
 * "les 120 je te les donne fin juin", "den Rest zahle ich Ende Oktober".
 * The payment is put off to it; "any day the last week of June suits"
 * is a date for the work.
 */
static bool
later_month(const struct cl *c, struct cl_span *at)
{
	const struct cl_money_seen *s = &c->money;
	struct tm tm;
	time_t when = c->m->date;

	if (s->nmonth == 0 || when == 0 || gmtime_r(&when, &tm) == NULL)
		return false;
	for (size_t i = 0; i < s->nmonth; i++) {
		int m = month_of(c->text, s->month[i]), ahead;
		size_t sb, se;

		if (m < 0)
			continue;
		ahead = (m - tm.tm_mon + 12) % 12;
		if (ahead == 0 || ahead > MONTHS_AHEAD)
			continue;
		cl_sentence(c->text, c->tlen, s->month[i].start,
		    s->month[i].end, &sb, &se);
		if (cl_asks(c->text, sb, se))
			continue;
		if (cl_money_seek(c, c->text, sb, se, RULES_WEAK,
		    "slow-payer", NULL)) {
			*at = s->month[i];
			return true;
		}
	}
	return false;
}

#define AHEAD_WORDS 5	/* count words between "in" and its unit */

/*
 * unit_ahead - from the preposition ending at p, a count and a unit of
 * weeks or months: digits or a number in words, a few, a couple, "or"
 * and a second count ("two or three months", "zwei bis drei Monaten",
 * "quelques semaines", "unos meses"); the unit's end into *end
 */
static bool
unit_ahead(const struct cl *c, size_t p, size_t *end)
{
	static const char *const unit[] = {
		"week", "weeks", "fortnight", "month", "months", "woche",
		"wochen", "monat", "monate", "monaten", "semaine", "semaines",
		"mois", "semana", "semanas", "mes", "meses",
	};
	/* a count of a few weeks or months, in words */
	static const char *const many[] = {
		"a", "few", "couple", "two", "three", "four", "six", "paar",
		"einigen", "zwei", "drei", "vier", "sechs", "quelques", "deux",
		"trois", "quatre", "six", "unos", "unas", "algunos", "algunas",
		"dos", "tres", "cuatro", "seis",
	};
	/* what joins two counts, or a count to its unit */
	static const char *const join[] = {
		"of", "or", "to", "oder", "bis", "ou", "o",
	};
	struct rules_word rw;
	bool counted = false;

	for (size_t n = 0; n <= AHEAD_WORDS &&
	    rules_word_next(c->text, c->tlen, &p, &rw); n++) {
		if (rules_word_in(&rw, unit, sizeof(unit) / sizeof(unit[0]))) {
			*end = rw.end;
			return counted;
		}
		if ((rw.folded[0] >= '0' && rw.folded[0] <= '9') ||
		    rules_word_in(&rw, many, sizeof(many) / sizeof(many[0])))
			counted = true;
		else if (!rules_word_in(&rw, join,
		    sizeof(join) / sizeof(join[0])))
			return false;
	}
	return false;
}

/*
 * span_ahead - weeks or months from now, after a preposition of time to
 * come ("in two or three months", "dentro de dos o tres meses", "in
 * ein paar Wochen", "dans quelques semaines", "d'ici deux mois"), in a
 * statement that speaks of paying (a [weak slow-payer] word): "La
 * pagaremos ... dentro de dos o tres meses".  Not "within" a time,
 * which is a term kept, nor days, which are terms.  One pass over the
 * words of the text.
 */
static bool
span_ahead(const struct cl *c, struct cl_span *at)
{
	static const char *const prep[] = { "in", "dans", "d'ici", "en" };
	struct rules_word rw;
	size_t p = 0, end;
	bool dentro = false;

	if (c->text == NULL)
		return false;
	while (rules_word_next(c->text, c->tlen, &p, &rw)) {
		size_t sb, se, start = rw.start;
		bool lead = rules_word_in(&rw, prep,
		    sizeof(prep) / sizeof(prep[0])) ||
		    (dentro && strcmp(rw.folded, "de") == 0);

		dentro = !rw.overflow && strcmp(rw.folded, "dentro") == 0;
		if (!lead || !unit_ahead(c, rw.end, &end))
			continue;
		cl_sentence(c->text, c->tlen, start, end, &sb, &se);
		if (cl_asks(c->text, sb, se) || !cl_money_seek(c, c->text, sb,
		    se, RULES_WEAK, "slow-payer", NULL))
			continue;
		*at = (struct cl_span){ start, end };
		return true;
	}
	return false;
}

#define EARLY_WORDS 4	/* words from "before" to the due point */

/*
 * cl_paid_early - the sentence of at puts its payment before the due
 * point: a word of earliness, then within EARLY_WORDS words the word of
 * the due point ("a week before it's due", "ahead of the deadline",
 * "bevor sie fällig ist", "avant qu'elle soit due", "antes de que
 * venza"): on time, not put off
 */
bool
cl_paid_early(const struct cl *c, struct cl_span at)
{
	static const char *const early[] = {
		"before", "ahead", "bevor", "vor", "avant", "antes",
	};
	static const char *const due[] = {
		"due", "deadline", "fallig", "falligkeit", "frist", "echeance",
		"dues", "vencimiento", "venza", "venzan", "vence",
	};
	struct rules_word rw;
	size_t sb, se, p, after = EARLY_WORDS + 1;

	if (c->text == NULL || at.end > c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = sb; rules_word_next(c->text, se, &p, &rw); after++) {
		if (after < EARLY_WORDS + 1 &&
		    rules_word_in(&rw, due, sizeof(due) / sizeof(due[0])))
			return true;
		if (rules_word_in(&rw, early, sizeof(early) / sizeof(early[0])))
			after = 0;
	}
	return false;
}

/* speaks_of_paying - text[sb, se) holds a money sum ("the £925") or a
 * payment word ([weak slow-payer]: "pay", "settle", "Ihr Geld") */
static bool
speaks_of_paying(const struct cl *c, size_t sb, size_t se)
{
	return cl_near_sum_in(c->text, sb, se) || cl_money_seek(c, c->text,
	    sb, se, RULES_WEAK, "slow-payer", NULL);
}

/*
 * sum_waits - the first [aim wait] phrase follows a money sum or a
 * payment word in its sentence, not a question, nor a plea made for
 * somebody else: the sum the sender owes is what waits ("The £925 will
 * have to wait till the summer holidays", "ya te pagaré después de
 * fallas, antes no puedo"), a debt owned outside a bill's thread.  One
 * pass over the sentence's head.
 */
static bool
sum_waits(const struct cl *c, struct cl_span *at)
{
	const struct cl_money_seen *s = &c->money;
	size_t sb, se;

	if (!s->have_wait || for_another(c, s->wait))
		return false;
	cl_sentence(c->text, c->tlen, s->wait.start, s->wait.end, &sb, &se);
	if (cl_asks(c->text, sb, se))
		return false;
	*at = s->wait;
	return speaks_of_paying(c, sb, s->wait.start);	/* what waits
							 * comes before */
}

/* put_off - what the mail puts off (k: the first of the scan's [aim
 * slow-payer], [aim owed], [aim when] for the sender, 3 for none) */
static bool
put_off(const struct cl *c, size_t k, struct cl_span *at)
{
	const struct cl_money_seen *s = &c->money;

	if (k < 3) {
		*at = s->at[k];
		return true;
	}
	return tied_later(c, at) || later_month(c, at) || span_ahead(c, at);
}

/* paying_sentence - the sentence of at speaks of paying */
static bool
paying_sentence(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return speaks_of_paying(c, sb, se);
}

bool
cl_money_defers(const struct cl *c, struct cl_span *at)
{
	const struct cl_money_seen *s = &c->money;
	size_t k;
	bool named;

	for (size_t i = 0; i < c->nexcept; i++)
		if (strcmp(c->except[i].tag, "slow-payer") == 0)
			return false;	/* "already paid", "paid today" */
	for (k = 0; k < 3 && (!s->have[k] || for_another(c, s->at[k])); k++)
		;
	named = s->debt || cl_bill_named(c);
	if (!named && !cl_bill_thread(c))
		return sum_waits(c, at);
	/* a bill only the owner's mail answered named, unquoted: what is
	 * put off is the payment when its sentence speaks of paying ("I'll
	 * settle it next month"), not the job ("See you in May", "Seven
	 * weeks later the chair is still there") */
	if (put_off(c, k, at) && (named || paying_sentence(c, *at)))
		return !cl_paid_early(c, *at);
	return !named && sum_waits(c, at);
}
