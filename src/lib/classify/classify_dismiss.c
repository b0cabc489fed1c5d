/*
 * classify_dismiss - the owner sent away with contempt.
 *
 * DESCRIPTION
 *	Rudeness needs no insult noun when the sender does two things in
 *	one mail, in any words: sends the owner away ([aim dismiss]: the
 *	curses that send off, "get lost", "que te zurzan"; never to call or
 *	write again, "don't ever ring me again", "melden Sie sich nie
 *	wieder", "ne m'écrivez plus"; the owner's thing or reminders handed
 *	back, "keep your", "Verschonen Sie mich mit", "gardez vos",
 *	"arrêtez vos", "quédese con su"; and the [aim rebuff] phrases of
 *	classify_epithet.c, "stop chasing me", outside a bill's thread too)
 *	and shows contempt for the owner
 *	or the owner's thing ([aim scorn]: "the arrogance", "airs and
 *	graces", "kleinlich", "prétention", "de pacotilla"; or an insult
 *	noun, [outcome insult] and [weak rude], in a sentence that speaks
 *	to the owner: "your amateur outfit", not "the frame is crooked").
 *
 *	The dismissal must stand as the sender's own order: it opens its
 *	clause (a few words at most before it, none a subject of the first
 *	or third person: "and", "Anda y", "Jetzt hören Sie mal", not "he
 *	told him to"), in a sentence that asks nothing, reports nobody ([aim
 *	report]), sets no condition before it ([outcome hedge]) and neither
 *	quotes it ("mon mari lui a répondu : « gardez vos prospectus »") nor
 *	gives it after a colon as what somebody said ("I told him: keep your
 *	brochures").
 *	The contempt must stand too: not reported, quoted or negated just
 *	before, and not aimed at a third party named before it
 *	(cl_insult_at_other: "The bank's app is a joke").  Alone, either is
 *	nothing: "Thanks, but don't call me again about it" declines, and
 *	"the arrogance of the man" may be a salesman's.
 *
 *	Never in mail that thanks ([outcome thanks]) or praises, says sorry
 *	or owns a debt ([aim owed]), or says it paid ([outcome paid], a
 *	[not slow-payer] phrase): "I paid it on Monday, so you can stop your
 *	reminders" is curt, not rude.
 *
 *	Contempt needs no dismissal when it heads a short exclamation on
 *	the owner's thing, in mail that is no first request for work (the
 *	problem brought) ("Vaya empresa de pacotilla.", "What a two-bit
 *	outfit.", "Was für eine Klitsche."): the sentence opens on an
 *	exclamative ([aim jeer]: "what a", "was für ein", "quelle",
 *	"vaya", "menudo"), holds at most a few words and ends on the word
 *	of contempt or the noun it qualifies, asks nothing and
 *	names no third party ([aim other]); the word of contempt stands as
 *	above, in mail that is not civil.
 *
 *	A complaint word inside a dismissal ("nie wieder" of "melden Sie
 *	sich nie wieder") ends contact, and is no fault of the work
 *	(cl_in_dismissal, asked by classify_tags.c).
 *
 *	The evidence is the dismissal's sentence.
 *
 * OWNS
 *	Nothing beyond the rude tag it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again: it reads the [aim dismiss] and [aim
 *	scorn] spans the one scan noted (cl_dismiss_note), the [aim rebuff]
 *	ones classify_money.c noted, its insult hits, and the sentence
 *	around each.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "classify_int.h"
#include "tags_int.h"

/* words that may open a dismissal's clause before it: "and", "Anda y",
 * "Rufen Sie hier" (bloß nicht mehr an), "Jetzt hören Sie mal" (auf mit
 * Ihren) */
#define DISMISS_LEAD	4
/* words before a word of contempt a negation reaches: "not petty" */
#define SCORN_NEGATION	2
/* words a jeer's sentence holds at most ("Vaya empresa de pacotilla."),
 * and words before its exclamative ("Ehrlich, was für ein") */
#define JEER_WORDS	8
#define JEER_LEAD	2
/* words after the word of contempt, the noun it qualifies ("two-bit
 * outfit"): more tell a scene ("What a lot of junk came out of the
 * loft") */
#define JEER_TAIL	2

/* keep - the span of rm into v[*n] while there is room */
static void
keep(struct cl_span *v, size_t *n, size_t max, const struct rules_match *rm)
{
	if (*n < max)
		v[(*n)++] = (struct cl_span){ rm->start, rm->end };
}

bool
cl_dismiss_note(struct cl *c, const struct rules_match *rm)
{
	if (strcmp(rm->name, "dismiss") == 0)
		keep(c->dismiss, &c->ndismiss, CL_MAX_DISMISS, rm);
	else if (strcmp(rm->name, "scorn") == 0)
		keep(c->scorn, &c->nscorn, CL_MAX_SCORN, rm);
	else
		return false;
	return true;
}

bool
cl_in_dismissal(const struct cl *c, struct cl_span at)
{
	for (size_t i = 0; i < c->ndismiss; i++)
		if (c->dismiss[i].start <= at.start &&
		    at.end <= c->dismiss[i].end)
			return true;
	return false;
}

/* is_blank - a blank between words */
static bool
is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Subjects of the first and third person: a clause that opens on one
 * tells what somebody did ("he told him to get lost"), orders nobody. */
static const char *const narrators[] = {
	"i", "he", "she", "we", "they", "ich", "er", "wir", "je", "il",
	"elle", "nous", "ils", "elles", "on", "yo", "nosotros", "ellos",
	"ellas", NULL
};

/* narrated - a word of text[from, to) is one of narrators */
static bool
narrated(const char *t, size_t from, size_t to)
{
	size_t p = from, q;

	while (p < to) {
		while (p < to && is_blank(t[p]))
			p++;
		for (q = p; q < to && !is_blank(t[q]); q++)
			;
		for (size_t i = 0; narrators[i] != NULL && q > p; i++)
			if (strlen(narrators[i]) == q - p &&
			    strncasecmp(t + p, narrators[i], q - p) == 0)
				return true;
		p = q;
	}
	return false;
}

/* said_as_own - at stands as the sender's own words in its sentence
 * [sb, se): not asked, reported or quoted */
static bool
said_as_own(const struct cl *c, struct cl_span at, size_t sb, size_t se)
{
	return !cl_asks(c->text, sb, se) &&
	    !cl_near_between(c, sb, at.start, "report") &&
	    cl_quote_marks(c->text, sb, at.start) % 2 == 0;
}

/*
 * ordered - the dismissal at stands as the sender's order to the owner:
 * its own words, opening its clause, with no condition before it
 */
static bool
ordered(const struct cl *c, struct cl_span at)
{
	size_t sb, se, cb;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	cb = cl_clause_start(c->text, sb, at.start);
	/* "I told him: keep your brochures" tells what was said */
	if (cb > sb && c->text[cb - 1] == ':' &&
	    (narrated(c->text, sb, cb) || cl_near_between(c, sb, cb, "report")))
		return false;
	return said_as_own(c, at, sb, se) &&
	    cl_words(c->text, cb, at.start, DISMISS_LEAD) <= DISMISS_LEAD &&
	    !narrated(c->text, cb, at.start) &&
	    !cl_outcome_in(c, "hedge", sb, at.start) &&
	    !cl_cancelled(c, "rude", at);
}

/*
 * scorned - the word of contempt at stands: the sender's own, not asked
 * of anyone, not negated just before, not aimed at a third party.  A
 * rhetorical question scorns ("Für wen halten Sie sich?"), so a question
 * mark does not stop it; reported or quoted words do.
 */
static bool
scorned(const struct cl *c, struct cl_span at)
{
	size_t sb, se, from;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	from = cl_words_back(c->text, cl_clause_start(c->text, sb, at.start),
	    at.start, SCORN_NEGATION);
	return !cl_near_between(c, sb, at.start, "report") &&
	    cl_quote_marks(c->text, sb, at.start) % 2 == 0 &&
	    !(from < at.start && cl_near_between(c, from, at.start,
	    "negation")) &&
	    !cl_cancelled(c, "rude", at) && !cl_insult_at_other(c, at);
}

/* aimed_scorn - an insult noun or [weak rude] word at scorns the owner
 * only in a sentence that speaks to them ("your amateur outfit"): alone
 * it may be a stem's other word ("crooked") or somebody's trade */
static bool
aimed_scorn(const struct cl *c, struct cl_span at)
{
	return cl_near_aimed(c, at, "aim") && scorned(c, at);
}

/* contempt - a word of contempt stands in the mail: [aim scorn], or an
 * insult noun ([outcome insult]) or a [weak rude] word aimed at the
 * owner */
static bool
contempt(const struct cl *c)
{
	for (size_t i = 0; i < c->nscorn; i++)
		if (scorned(c, c->scorn[i]))
			return true;
	for (size_t i = 0; i < c->noutc; i++)
		if (strcmp(c->outc[i].name, "insult") == 0 &&
		    aimed_scorn(c, c->outc[i].at))
			return true;
	for (size_t i = 0; i < c->nweak; i++)
		if (strcmp(c->weak[i].tag, "rude") == 0 &&
		    aimed_scorn(c, c->weak[i].at))
			return true;
	return false;
}

/* word_end - where the first `words` words of text[from, to) end */
static size_t
word_end(const char *t, size_t from, size_t to, size_t words)
{
	size_t n = 0;

	while (from < to) {
		while (from < to && is_blank(t[from]))
			from++;
		if (from == to || n++ == words)
			break;
		while (from < to && !is_blank(t[from]))
			from++;
	}
	return from;
}

/* what jeer_fn looks for: an [aim jeer] phrase starting by lead */
struct jeer_seek {
	size_t lead;
	bool found;
};

static void
jeer_fn(void *ctx, const struct rules_match *m)
{
	struct jeer_seek *j = ctx;

	if (m->kind == RULES_AIM && m->start <= j->lead &&
	    strcmp(m->name, "jeer") == 0)
		j->found = true;
}

/*
 * jeered - the word of contempt at (standing: scorned) heads a short
 * exclamation that opens on an exclamative ([aim jeer]: "Vaya empresa
 * de pacotilla.", "What a two-bit outfit.", "Was für eine Klitsche.",
 * "Quelle boîte de quatre sous !"): a verdict on the owner's thing, not
 * asked, with no third party ([aim other]) in its sentence
 */
static bool
jeered(const struct cl *c, struct cl_span at)
{
	struct jeer_seek seek = { 0, false };
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_first_asks(c) || cl_stranger_asks(c) ||
	    cl_asks(c->text, sb, se) ||
	    cl_words(c->text, sb, se, JEER_WORDS) > JEER_WORDS ||
	    cl_words(c->text, at.end, se, JEER_TAIL) > JEER_TAIL ||
	    cl_near_between(c, sb, se, "other") || !scorned(c, at))
		return false;
	seek.lead = word_end(c->text, sb, at.start, JEER_LEAD) - sb;
	rules_scan(c->r, c->text + sb, at.start - sb, jeer_fn, &seek);
	return seek.found;
}

/* civil - the mail thanks or praises, says sorry or owns a debt, or says
 * it paid: a dismissal there declines or closes a matter */
static bool
civil(const struct cl *c)
{
	if (cl_sender_tagged(c, "praise") || c->money.have[1] ||
	    cl_outcome_in(c, "thanks", 0, c->tlen) ||
	    cl_outcome_in(c, "paid", 0, c->tlen))
		return true;
	for (size_t i = 0; i < c->nexcept; i++)
		if (strcmp(c->except[i].tag, "slow-payer") == 0)
			return true;	/* "I've paid", "bereits überwiesen" */
	return false;
}

int
cl_dismiss_tags(struct cl *c)
{
	size_t sb, se, n = c->ndismiss + c->money.nrebuff;
	char *ev;

	if (c->sender == NULL || c->f->unverified || c->text == NULL ||
	    n + c->nscorn == 0 || cl_sender_tagged(c, "rude") || civil(c))
		return 0;
	/* the dismissals, then the reminders rebuffed ("stop chasing me",
	 * classify_epithet.c's outside a bill's thread) */
	for (size_t i = 0; i < n; i++) {
		struct cl_span at = i < c->ndismiss ? c->dismiss[i] :
		    c->money.rebuff[i - c->ndismiss];

		if (!ordered(c, at) || cl_theirs(c, "rude", at))
			continue;
		/* the contempt is read only once a dismissal stands */
		if (!contempt(c))
			return 0;
		cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se, at.start)) == NULL)
			return -1;
		return cl_add_tag(c, c->sender, "rude", ev) < 0 ? -1 : 0;
	}
	/* contempt said as an exclamation on the owner's thing needs no
	 * dismissal: "Vaya empresa de pacotilla." */
	for (size_t i = 0; i < c->nscorn; i++) {
		if (!jeered(c, c->scorn[i]) || cl_theirs(c, "rude", c->scorn[i]))
			continue;
		cl_sentence(c->text, c->tlen, c->scorn[i].start,
		    c->scorn[i].end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se,
		    c->scorn[i].start)) == NULL)
			return -1;
		return cl_add_tag(c, c->sender, "rude", ev) < 0 ? -1 : 0;
	}
	return 0;
}
