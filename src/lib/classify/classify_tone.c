/*
 * classify_tone - a judgement the tone of its mail turns: teasing and the
 * mock cheer.
 *
 * DESCRIPTION
 *	Two shapes say the words of a judgement are not meant, whatever
 *	the words are:
 *
 *	- Teasing.  A complaint phrase, or a word that tells or ties a
 *	  fault ([outcome due], [outcome still], ...), whose sentence ends
 *	  in a wink or a laugh (an emoji that laughs or winks, ";-)",
 *	  ":D", "haha", "jaja", "mdr", "lol": after the phrase in its
 *	  sentence, or opening the next) is a joke told as a complaint
 *	  ("Nur eine Beschwerde: seit Ihrem Fenster will mein Mann jeden
 *	  Abend Glühwein 😉"): it complains of nothing, and the rest of
 *	  the mail decides.  Not when that sentence tells a defect that
 *	  stands or asks for the work to be put right ([outcome back],
 *	  [outcome redo]): a fault told with a smile is still told.
 *	- The mock cheer.  An exclamation of praise with no subject, a
 *	  sentence of at most CHEER_WORDS words ("Marvellous.", "Toll.",
 *	  "Du grand art.", "Money well spent."), set inside a paragraph
 *	  between two sentences of account, in mail that asks the owner to
 *	  put the work right, judges the account around it, and the
 *	  account is a failure: the cheer is sarcasm, the mail praises
 *	  nothing, and the account with the request is the complaint.
 *	  Sincere praise followed by a small problem stays praise: never
 *	  in a first contact (its trouble is the job brought), nor in mail
 *	  that thanks (thanks in the sentence that asks are a way of
 *	  asking: "merci de venir"), tells a good result, how the sender's
 *	  people took the work or an order to come; nor when either
 *	  sentence around the cheer asks, praises, turns ([aim contrast]:
 *	  "but", "aber"), calls the trouble small ([aim minor]: "a little",
 *	  "ein bisschen", "un peu", "un poco") or is the request itself.
 *	  The request is a word of putting right ([outcome back], [outcome
 *	  redo], or a repair of [outcome finish] not done by the sender:
 *	  "myself", "selbst", "moi-même", "yo mismo", "I had to") in a
 *	  sentence that asks the owner: a question, a sentence that speaks
 *	  to them ([aim]), or one with a word of asking ("please",
 *	  "bitte", "merci de", "por favor"), not negated ("no need to
 *	  come back").
 *
 *	The mock cheer's evidence is the account before it, then the cheer
 *	and the request in brackets: "The new matting lasted all of three
 *	weekends before the seams lifted. [Marvellous; Please come and fix
 *	it.]".  classify_tags.c drops the teased hits before it weighs any,
 *	and asks for the mock cheer beside the sneers of classify_sneer.c.
 *	The cheer and account tests (cl_tone_cheer, cl_tone_account) serve
 *	classify_closing.c too.
 *
 * OWNS
 *	Nothing: it reads the scan's hits and the text, and takes the
 *	teased ones out of the scan's lists.
 *
 * NEVER
 *	Adds a tag, or scans more than the sentences around a hit (a
 *	sentence of at most CHEER_WORDS words and its two neighbours, each
 *	once for [aim contrast] and [aim minor]), except, in mail whose
 *	cheer stands so framed, the text from each [aim mend] phrase on,
 *	at most MEND_TRIES times.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define CHEER_WORDS	4	/* words of a cheer's whole sentence */
#define CHEER_BYTES	120	/* bytes of it: a longer one is read no further */
#define ACCOUNT_WORDS	3	/* words of an account beside a cheer */
#define MEND_NEGATION	4	/* words before a word of putting right a
				 * negation reaches ("no need to come back") */
#define LAUGH_MAX	12	/* bytes of a word of laughter */
#define MEND_OPEN	2	/* words opening a sentence where an
				 * imperative of putting right stands */
#define MEND_TRIES	4	/* [aim mend] phrases weighed in one mail */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Emoji that laugh, wink, grin or cover a giggle, in UTF-8 (a smile
 * alone, 🙂 or 😊, may be meant sourly; a smirk or 🙃 is a sneer's). */
static const char *const grins[] = {
	"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x81", "\xf0\x9f\x98\x82",
	"\xf0\x9f\x98\x83", "\xf0\x9f\x98\x84", "\xf0\x9f\x98\x85",
	"\xf0\x9f\x98\x86", "\xf0\x9f\x98\x87", "\xf0\x9f\x98\x89",
	"\xf0\x9f\x98\x8b", "\xf0\x9f\x98\x9b", "\xf0\x9f\x98\x9c",
	"\xf0\x9f\x98\x9d", "\xf0\x9f\x98\xb8", "\xf0\x9f\x98\xb9",
	"\xf0\x9f\x99\x88", "\xf0\x9f\xa4\xa3", "\xf0\x9f\xa4\xaa",
	"\xf0\x9f\xa4\xad",
};

/* Emoticons that wink or laugh (those of letters only after a blank or
 * at a line's start), and the starred stage directions of German mail. */
static const char *const winks[] = {
	";-)", ";)", ";-D", ";D", ":-D", ":D", "xD", "XD", ":-P", ":P",
	";-P", ";P", ":-)", ":)", ";o)", ":o)", "^^", "^_^", "*lach*",
	"*grins*", "*g*",
};

/* Words of laughter that are no syllable repeated ("haha", "jaja"). */
static const char *const laughs[] = { "lol", "lool", "mdr", "ptdr", "xd" };

/* Syllables whose repetition laughs: "haha", "hehe", "hihi", "jaja",
 * "jeje", "jiji". */
static const char *const syllables[] = { "ha", "he", "hi", "ja", "je", "ji" };

/* laughed - text[p, q) is a word of laughter */
static bool
laughed(const char *t, size_t p, size_t q)
{
	char w[LAUGH_MAX + 1];
	size_t n = q - p;

	if (n < 2 || n > LAUGH_MAX)
		return false;
	if (strchr("lLmMpPxX", t[p]) != NULL) {
		if (n > 4)
			return false;	/* "lol", "mdr", "ptdr", "xd" */
		for (size_t i = 0; i < n; i++)
			w[i] = (char)tolower((unsigned char)t[p + i]);
		w[n] = '\0';
		return str_in_list(laughs, NELEM(laughs), w);
	}
	if (n < 4 ||
	    tolower((unsigned char)t[p]) != tolower((unsigned char)t[p + 2]) ||
	    tolower((unsigned char)t[p + 1]) != tolower((unsigned char)t[p + 3]))
		return false;	/* a laugh of syllables says one twice */
	for (size_t i = 0; i < n; i++)
		w[i] = (char)tolower((unsigned char)t[p + i]);
	w[n] = '\0';
	for (size_t s = 0; s < NELEM(syllables); s++) {
		size_t i = 0;

		while (i + 2 <= n && memcmp(w + i, syllables[s], 2) == 0)
			i += 2;
		if (i >= 4 && (i == n || (i + 1 == n && w[i] == 'h')))
			return true;	/* "haha", "hahah", "jajaja" */
	}
	return false;
}

/* laughed_twice - the two letters at w are a laughing syllable, said
 * twice apart ("ha ha", "hi-hi"); not "ja, ja", a weary yes */
static bool
laughed_twice(const char *w)
{
	char syl[3] = { (char)tolower((unsigned char)w[0]),
	    (char)tolower((unsigned char)w[1]), '\0' };

	return strcmp(syl, "ha") == 0 || strcmp(syl, "he") == 0 ||
	    strcmp(syl, "hi") == 0;
}

/* The bytes a wink or a laugh can start with: an emoji's first byte, an
 * emoticon's, a laugh's first letter.  marker_at is 0 at every other
 * byte, so a scan skips those with one load each. */
static const unsigned char marker_starts[256] = {
	[0xf0] = 1, [':'] = 1, [';'] = 1, ['^'] = 1, ['*'] = 1, ['x'] = 1,
	['X'] = 1, ['h'] = 1, ['H'] = 1, ['j'] = 1, ['J'] = 1, ['l'] = 1,
	['L'] = 1, ['m'] = 1, ['M'] = 1, ['p'] = 1, ['P'] = 1,
};

/* marker_at - a wink or a laugh starts at text[p] */
static bool
marker_at(const struct cl *c, size_t p)
{
	const char *t = c->text;
	unsigned char b = (unsigned char)t[p];
	size_t q, r;

	if (!marker_starts[b])
		return false;
	if (b == 0xf0) {
		for (size_t i = 0; i < NELEM(grins); i++)
			if (c->tlen - p >= 4 && memcmp(t + p, grins[i], 4) == 0)
				return true;
		return false;
	}
	/* an emoticon of letters ("xD") only after a blank or a bracket */
	for (size_t i = 0; i < NELEM(winks) && (!isalpha(b) || ((b == 'x' ||
	    b == 'X') && (p == 0 || strchr(" \t\r\n(", t[p - 1]) != NULL)));
	    i++) {
		size_t n = strlen(winks[i]);

		if (c->tlen - p >= n && memcmp(t + p, winks[i], n) == 0 &&
		    (p + n == c->tlen || !isalnum((unsigned char)t[p + n])))
			return true;
	}
	if (!isalpha(b) || (p > 0 && isalnum((unsigned char)t[p - 1])))
		return false;
	for (q = p; q < c->tlen && isalpha((unsigned char)t[q]); q++)
		;
	/* "ha ha", "hi-hi", "ha, ha": a syllable said twice apart */
	r = q + 1 + (q + 1 < c->tlen && t[q] == ',' && t[q + 1] == ' ');
	if (q - p == 2 && q < c->tlen && strchr(" ,-", t[q]) != NULL &&
	    r + 2 <= c->tlen && strncasecmp(t + p, t + r, 2) == 0 &&
	    (r + 2 == c->tlen || !isalpha((unsigned char)t[r + 2])) &&
	    laughed_twice(t + p))
		return true;
	/* "jajá" goes on in another letter; "haha😂" does not */
	return (q == c->tlen || (unsigned char)t[q] < 0x80 ||
	    (unsigned char)t[q] == 0xf0) && laughed(t, p, q);
}

/*
 * teased - the complaint hit at is followed by a wink or a laugh in its
 * sentence, or by one that opens the next sentence, and that sentence
 * tells no standing defect and asks nothing put right
 */
static bool
teased(const struct cl *c, struct cl_span at)
{
	size_t sb, se, p;
	bool wink = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = at.end; p < se && !wink; p++)
		wink = marker_at(c, p);
	for (p = se; !wink && p < c->tlen &&
	    strchr(" \t\r\n", c->text[p]) != NULL; p++)
		;
	if (!wink && (p >= c->tlen || !marker_at(c, p)))
		return false;
	return !cl_defect_stands_in(c, sb, se) &&
	    !cl_outcome_in(c, "back", sb, se) &&
	    !cl_outcome_in(c, "redo", sb, se);
}

/* [outcome] sections that tell or tie a fault: in a teased sentence
 * they are part of the joke ("wants you booked for every room now
 * haha") */
static const char *const faulting[] = {
	"defect", "still", "link", "back", "withhold", "unhappy", "earlier",
	"unanswered", "due", "agreed", "paid", "redo", "trouble", "elapsed",
	"budge", "soon", "mustdo", "finish", "expect", "expectnow", "priced",
	"insult", "epithet", "lapse",
};

/* cl_tone_tease - take the teased complaint hits and the teased hits of
 * a fault out of the scan's lists (decided first, then taken out, as
 * teased reads the defects) */
void
cl_tone_tease(struct cl *c)
{
	bool tag_off[CL_MAX_TAGS] = { false }, out_off[CL_MAX_OUTCOME] = {
	    false }, any = false;
	size_t o = 0;

	for (size_t p = 0; p < c->tlen && !any; p++)
		any = marker_starts[(unsigned char)c->text[p]] &&
		    (p == 0 || !isalpha((unsigned char)c->text[p - 1])) &&
		    marker_at(c, p);
	if (!any)
		return;	/* most mail neither winks nor laughs */

	for (size_t i = 0; i < c->ntags; i++)
		tag_off[i] = strcmp(c->tags[i].tag, "complaint") == 0 &&
		    teased(c, c->tags[i].at);
	for (size_t i = 0; i < c->noutc; i++)
		out_off[i] = str_in_list(faulting, NELEM(faulting),
		    c->outc[i].name) && teased(c, c->outc[i].at);
	for (size_t i = 0; i < c->ntags; i++)
		if (!tag_off[i])
			c->tags[o++] = c->tags[i];
	c->ntags = o;
	o = 0;
	for (size_t i = 0; i < c->noutc; i++)
		if (!out_off[i])
			c->outc[o++] = c->outc[i];
	c->noutc = o;
}

/* Repairs of [outcome finish] the sender does: no request to the owner. */
static const char *const by_self[] = {
	"myself", "ourselves", "selbst", "selber", "selbst machen",
	"selber machen", "selbst reparieren", "selber reparieren",
	"moi-m\xc3\xaame", "nous-m\xc3\xaames", "yo mismo", "yo misma",
	"nosotros mismos", "por mi cuenta",
};

/* Words of asking among the [outcome hedge] phrases. */
static const char *const asking[] = {
	"please", "bitte", "merci de", "por favor",
};

/* hit_among - an [outcome name] phrase of set lies in text[from, to) */
static bool
hit_among(const struct cl *c, const char *const *set, size_t n, size_t from,
    size_t to, const char *name)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (oc_is_name(&c->outc[i], name) &&
		    c->outc[i].at.start >= from && c->outc[i].at.end <= to &&
		    str_in_list(set, n, c->outc[i].phrase))
			return true;
	return false;
}

/* words_at_least - text[from, to) holds n words or more (read no further) */
static bool
words_at_least(const struct cl *c, size_t from, size_t to, size_t n)
{
	struct rules_word rw;

	while (n > 0 && rules_word_next(c->text, to, &from, &rw))
		n--;
	return n == 0;
}

/* word_end - where the n-th word from p ends, within [p, to) */
static size_t
word_end(const struct cl *c, size_t p, size_t to, size_t n)
{
	struct rules_word rw;

	while (n-- > 0 && rules_word_next(c->text, to, &p, &rw))
		;
	return p;
}

/*
 * mend_asks - the word of putting right at asks the owner for it: its
 * sentence is a question, holds a word of asking ("please", "bitte",
 * "merci de", "por favor") or of a favour asked ([aim favour], [aim
 * request]: "could you", "könnten Sie"), or opens on an [aim mend]
 * phrase ("Come and fix it.", "Venez réparer"); no negation just before
 * it ("no need to come back"), no quotation, and nobody else to do it
 * ("myself", "I had to")
 */
static bool
mend_asks(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	oc_sentence_of(c, at, &sb, &se);
	if (hit_among(c, by_self, NELEM(by_self), sb, se, "finish") ||
	    oc_has_hit(c, "mustdo", sb, se, NULL) || oc_quoted(c, sb, at) ||
	    oc_negated(c, cl_clause_start(c->text, sb, at.start), at,
	    MEND_NEGATION))
		return false;
	return cl_asks(c->text, sb, se) ||
	    hit_among(c, asking, NELEM(asking), sb, se, "hedge") ||
	    cl_near_between(c, sb, se, "favour") ||
	    cl_near_between(c, sb, se, "request") ||
	    cl_near_between(c, sb, word_end(c, sb, se, MEND_OPEN), "mend");
}

/*
 * mend_asked - the first word of putting right ([outcome back], [outcome
 * redo], or [aim mend]: "fix", "reparieren", "réparer", "arreglarlo")
 * that asks the owner for it (mend_asks), into *at; the text is read
 * for [aim mend] at most MEND_TRIES times, and only when a cheer stands
 * framed already
 */
static bool
mend_asked(const struct cl *c, struct cl_span *at)
{
	size_t from = 0;

	for (size_t i = 0; i < c->noutc; i++)
		if ((oc_is_name(&c->outc[i], "back") ||
		    oc_is_name(&c->outc[i], "redo")) &&
		    mend_asks(c, c->outc[i].at)) {
			*at = c->outc[i].at;
			return true;
		}
	for (size_t n = 0; n < MEND_TRIES && cl_money_seek(c, c->text, from,
	    c->tlen, RULES_AIM, "mend", at); n++) {
		if (mend_asks(c, *at))
			return true;
		from = at->end;
	}
	return false;
}

/* Results that say the work went well, read anywhere in the mail. */
static const char *const well[] = {
	"good", "reaction", "again", "gone", "best", "compare", "laud",
};

/* went_well - thanks outside the sentence of the request (whose "merci
 * de" asks), or a result of well[], in the mail */
static bool
went_well(const struct cl *c, struct cl_span mend)
{
	size_t sb, se;

	oc_sentence_of(c, mend, &sb, &se);
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];

		if (oc_is_name(h, "thanks") &&
		    (h->at.start < sb || h->at.end > se))
			return true;
		if (str_in_list(well, NELEM(well), h->name))
			return true;
	}
	return false;
}

/* praise_in - a praise hit or an unaimed word of praise in [from, to) */
static bool
praise_in(const struct cl *c, size_t from, size_t to)
{
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    c->tags[i].at.start >= from && c->tags[i].at.end <= to)
			return true;
	for (size_t i = 0; i < c->nfaint; i++)
		if (c->faint[i].start >= from && c->faint[i].end <= to)
			return true;
	return cl_outcome_in(c, "verdict", from, to) ||
	    cl_outcome_in(c, "thanks", from, to);
}

/*
 * cl_tone_account - text[sb, se), a sentence beside a cheer in its
 * paragraph (no blank line in [gap_from, gap_to)), is one of account: a
 * statement of ACCOUNT_WORDS words or more that neither praises, turns,
 * calls the trouble small nor asks
 */
bool
cl_tone_account(const struct cl *c, size_t sb, size_t se, size_t gap_from,
    size_t gap_to)
{
	if (se <= sb || cl_blank_line_in(c->text, gap_from, gap_to) ||
	    !words_at_least(c, sb, se, ACCOUNT_WORDS) ||
	    cl_asks(c->text, sb, se) || praise_in(c, sb, se))
		return false;
	return !cl_near_between(c, sb, se, "contrast") &&
	    !cl_near_between(c, sb, se, "minor");
}

/* framed - the cheer's sentence [sb, se) stands between two sentences of
 * account in its paragraph, into m->account and m->after */
static bool
framed(const struct cl *c, size_t sb, size_t se, struct cl_mock *m)
{
	size_t p = sb, pb, pe, nb, ne;

	while (p > 0 && strchr(" \t\r\n", c->text[p - 1]) != NULL)
		p--;
	if (p == 0)
		return false;
	cl_sentence(c->text, c->tlen, p - 1, p - 1, &pb, &pe);
	for (p = se; p < c->tlen && strchr(" \t\r\n", c->text[p]) != NULL; p++)
		;
	if (p >= c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, p, p, &nb, &ne);
	if (!cl_tone_account(c, pb, pe, pe, sb) ||
	    !cl_tone_account(c, nb, ne, se, nb))
		return false;
	m->account = (struct cl_span){ pb, pe };
	m->after = (struct cl_span){ nb, ne };
	return true;
}

/*
 * cl_tone_cheer - the hit at is an exclamation with no subject that is its
 * whole sentence [*sb, *se): at most `words` words, no question, no
 * linking verb or word to the owner ("It's great", "you were great" say
 * of what), no thanks and no turn
 */
bool
cl_tone_cheer(const struct cl *c, struct cl_span at, size_t words, size_t *sb,
    size_t *se)
{
	cl_sentence(c->text, c->tlen, at.start, at.end, sb, se);
	return *se - *sb <= CHEER_BYTES &&
	    !words_at_least(c, *sb, *se, words + 1) &&
	    !cl_asks(c->text, *sb, *se) && !cl_thanked(c, at) &&
	    !cl_near_between(c, *sb, *se, "copula") &&
	    !cl_near_between(c, *sb, *se, "aim") &&
	    !cl_near_between(c, *sb, *se, "contrast");
}

/* mock_of - at is a cheer framed by an account: fill *m but the request */
static bool
mock_of(const struct cl *c, struct cl_span at, struct cl_mock *m)
{
	size_t sb, se;

	if (!cl_tone_cheer(c, at, CHEER_WORDS, &sb, &se) ||
	    cl_quoted_words(c, at) ||
	    !framed(c, sb, se, m))
		return false;
	m->cheer = at;
	return true;
}

/* framed_cheer - the first cheer of the mail framed by an account */
static bool
framed_cheer(const struct cl *c, struct cl_mock *m)
{
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_cancelled(c, "praise", c->tags[i].at) &&
		    mock_of(c, c->tags[i].at, m))
			return true;
	for (size_t i = 0; i < c->nfaint; i++)
		if (mock_of(c, c->faint[i], m))
			return true;
	for (size_t i = 0; i < c->noutc; i++)
		if (oc_is_name(&c->outc[i], "verdict") &&
		    mock_of(c, c->outc[i].at, m))
			return true;
	return false;
}

/* cl_mock_cheer - the mail's mock cheer, its account and its request */
bool
cl_mock_cheer(const struct cl *c, struct cl_mock *m)
{
	size_t sb, se;

	/* the store is asked whether the sender is a customer last, in the
	 * few mails that get so far */
	if (c->sender == NULL || !framed_cheer(c, m) ||
	    !mend_asked(c, &m->mend) || went_well(c, m->mend) ||
	    cl_first_contact(c))
		return false;
	/* the request is no sentence of the account around the cheer */
	oc_sentence_of(c, m->mend, &sb, &se);
	return sb != m->account.start && sb != m->after.start;
}

/* cl_mock_evidence - the account's sentence, then the cheer and the
 * request's sentence in brackets; the caller frees */
char *
cl_mock_evidence(const struct cl *c, const struct cl_mock *m)
{
	char out[CL_MAX_EVIDENCE + 8];
	size_t sb, se;

	oc_sentence_of(c, m->mend, &sb, &se);
	/* the account gets what the cheer and the request leave */
	struct cl_part p[] = {
		{ m->account.start, m->account.end, m->account.start, 0,
		    NULL, 0 },
		{ m->cheer.start, m->cheer.end, m->cheer.start,
		    CL_MAX_EVIDENCE / 6, NULL, 0 },
		{ sb, se, m->mend.start, CL_MAX_EVIDENCE / 3, NULL, 0 },
	};

	if (!cl_evidence_parts(c->text, p, 3, 6))
		return NULL;
	snprintf(out, sizeof(out), "%.*s [%.*s; %.*s]", p[0].len, p[0].ev,
	    p[1].len, p[1].ev, p[2].len, p[2].ev);
	cl_parts_free(p, 3);
	return xstrdup(out);
}
