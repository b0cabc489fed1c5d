/*
 * classify_intro - whom the sender introduces to the owner.
 *
 * DESCRIPTION
 *	An introduction needs two things: a new person among the visible
 *	recipients (To or Cc), and text that introduces them.  The text
 *	introduces a recipient when
 *
 *	- an [introduction] cue is in the sender's own words and the
 *	  recipient's name (first name, full name, or the name part of the
 *	  address) or address is written there too;
 *	- an [introduction] cue is there and the recipient is the only new
 *	  person, in a message that starts a conversation;
 *	- the greeting line of a new conversation addresses both sides
 *	  ("Anna, Ben," / "Anna, meet Ben" / "Liebe Frau Dr. Albers,
 *	  lieber Herr Seidel");
 *	- a new conversation presents them by name ("Carys meet Lee",
 *	  "this is Carys", "voici Lucie");
 *	- a new conversation turns to them by name, the name opening a
 *	  line or sentence before a comma ("Tobias, das ist der
 *	  Installateur, von dem ich dir erzählt habe").
 *
 *	Nobody copied in as the sender's own side of the same job is
 *	introduced (own_party): "my fiancé", "so he knows the dates" beside
 *	their name, unless the sender turns to them or the text gives them a
 *	job of their own ("my husband Jo, who needs his own ...").
 *
 *	A subject that introduces ("Introduction: Anna / Ben") is a cue, and
 *	names written in it count as named.
 *
 *	Nobody is introduced by mass mail (more than MAX_INTRODUCED new
 *	people, or more than MAX_VISIBLE visible recipients), by a reply
 *	unless its own new text names the person beside a cue, and the
 *	sender's own other addresses (same display name, or the same local
 *	part at another domain), the owner's addresses and domains, role
 *	addresses and people the store already knows are never introduced.
 *	Exceptions in the rules ([not introduction]: "introduce myself",
 *	"introduce our new range") were already applied to the cues.
 *
 *	cl_introduced_trouble tells whether a place in the text follows,
 *	in its paragraph, a cue that introduces or recommends somebody (in
 *	mail that records the referral) or passes the owner's details on:
 *	a fault told there may be the newcomer's.
 *
 * NEVER
 *	Reads quoted text or signatures; looks at more than the first
 *	GREETING_BYTES of the text for the greeting; costs more than one pass
 *	over the text per candidate.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify_int.h"
#include "rules_int.h"

#define MAX_INTRODUCED	3	/* more new recipients than this: mass mail */
#define MAX_VISIBLE	8	/* more visible recipients than this: mass mail */
#define GREETING_BYTES	120	/* a greeting line is at most this long */
#define GREETING_WORDS	8	/* ... and has at most this many words */
#define MIN_TOKEN	3	/* bytes of a name part worth looking for */
#define PRESENT_BYTES	240	/* bytes at the top where someone is presented */

/* Words of a greeting line that are not the names it greets (folded). */
static const char *const greeting_words[] = {
	"and", "buenas", "buenos", "cher", "chere", "chers", "cheres", "dear",
	"dias", "estimada", "estimado", "estimados", "et", "good", "guten",
	"hallo", "hello", "hey", "hi", "hola", "liebe", "lieber", "meet",
	"morning", "querida", "querido", "salut", "bonjour", "tag", "und",
	"y", "you", "both", "two", "all", "mr", "mrs", "ms", "dr", "herr",
	"frau", "monsieur", "madame", "senor", "senora", "sehr", "geehrte",
	"geehrter", "afternoon", "evening",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* fold_first - the folded form of the first word of s[0..len) into out */
static bool
fold_first(const char *s, size_t len, char *out, size_t outlen)
{
	struct rules_word w;
	size_t pos = 0;

	if (!rules_word_next(s, len, &pos, &w) || w.overflow ||
	    w.flen + 1 > outlen)
		return false;
	memcpy(out, w.folded, w.flen + 1);
	return true;
}

/*
 * given_name - the folded given name of a display name ("Anna Schmidt",
 * "Schmidt, Anna", "Dr. Anna Schmidt"), or of the address's local part
 * ("anna.schmidt@..."); false when none is long enough to look for.
 */
static bool
given_name(const struct address *a, char *out, size_t outlen)
{
	const char *n = a->name;

	if (n != NULL && *n != '\0') {
		const char *comma = strchr(n, ',');
		struct rules_word w;
		size_t pos = comma ? (size_t)(comma - n) + 1 : 0, len = strlen(n);

		while (rules_word_next(n, len, &pos, &w)) {
			if (w.overflow || w.flen < 2)
				continue;
			if (strcmp(w.folded, "dr") == 0 ||
			    strcmp(w.folded, "mr") == 0 ||
			    strcmp(w.folded, "mrs") == 0 ||
			    strcmp(w.folded, "ms") == 0 ||
			    strcmp(w.folded, "prof") == 0)
				continue;
			if (w.flen + 1 > outlen)
				return false;
			memcpy(out, w.folded, w.flen + 1);
			return w.flen >= MIN_TOKEN;
		}
	}
	if (a->email == NULL)
		return false;
	return fold_first(a->email, strcspn(a->email, "@._-+0123456789"), out,
	    outlen) && strlen(out) >= MIN_TOKEN;
}

/*
 * family_name - the folded last word of a display name
 * ("Dr. Anke Albers" -> "albers"), false when it has a single word.
 */
static bool
family_name(const char *n, char *out, size_t outlen)
{
	struct rules_word w;
	size_t pos = 0, len, words = 0;

	if (n == NULL || strchr(n, ',') != NULL)
		return false;
	len = strlen(n);
	while (rules_word_next(n, len, &pos, &w)) {
		if (w.overflow || w.flen + 1 > outlen)
			return false;
		memcpy(out, w.folded, w.flen + 1);
		words++;
	}
	return words >= 2 && strlen(out) >= MIN_TOKEN;
}

/* Titles that put a family name after them in a greeting, folded. */
static const char *const greeting_titles[] = {
	"dr", "frau", "herr", "madame", "monsieur", "mr", "mrs", "ms", "prof",
	"senor", "senora", "sr", "sra", "mme",
};

/* word_at - where the folded word first occurs in text[lo, hi), or hi */
static size_t
word_at(const char *text, size_t lo, size_t hi, const char *folded)
{
	struct rules_word w;
	size_t pos = lo;

	while (rules_word_next(text, hi, &pos, &w))
		if (!w.overflow && strcmp(w.folded, folded) == 0)
			return w.start;
	return hi;
}

/* word_in - the folded word occurs in text[lo, hi) as a whole word */
static bool
word_in(const char *text, size_t lo, size_t hi, const char *folded)
{
	return word_at(text, lo, hi, folded) < hi;
}

/* has_address - the address occurs in s[0..len), any case, found by its '@' */
static bool
has_address(const char *s, size_t len, const char *email)
{
	const char *at = strchr(email, '@');
	size_t local, dom;

	if (at == NULL)
		return false;
	local = (size_t)(at - email);
	dom = strlen(at);
	for (const char *p = s; (p = memchr(p, '@', len - (size_t)(p - s)));
	    p++) {
		if ((size_t)(p - s) >= local && (size_t)(s + len - p) >= dom &&
		    strncasecmp(p - local, email, local) == 0 &&
		    strncasecmp(p, at, dom) == 0)
			return true;
	}
	return false;
}

/*
 * named - the recipient's given name or address is in the sender's words,
 * or in a subject that introduces
 */
static bool
named(const struct cl *c, const struct address *a)
{
	char given[RULES_MAX_WORD + 4];
	const char *subj = c->subject_intro;
	size_t sl = subj ? strlen(subj) : 0;

	if (a->email != NULL && (has_address(c->text, c->tlen, a->email) ||
	    (subj && has_address(subj, sl, a->email))))
		return true;
	return given_name(a, given, sizeof(given)) &&
	    (word_in(c->text, 0, c->tlen, given) ||
	    (subj && word_in(subj, 0, sl, given)));
}

/* same_words - two display names agree on their first two words */
static bool
same_person_name(const char *x, const char *y)
{
	struct rules_word a, b;
	size_t pa = 0, pb = 0, lx, ly;
	int agree = 0;

	if (x == NULL || y == NULL || *x == '\0' || *y == '\0')
		return false;
	lx = strlen(x);
	ly = strlen(y);
	while (agree < 2 && rules_word_next(x, lx, &pa, &a)) {
		if (!rules_word_next(y, ly, &pb, &b) ||
		    strcmp(a.folded, b.folded) != 0)
			return false;
		agree++;
	}
	return agree == 2 || (agree == 1 && !rules_word_next(y, ly, &pb, &b));
}

bool
cl_sender_alias(const struct cl *c, const struct address *a)
{
	const char *se = c->sender, *sat = strrchr(se, '@');
	const char *at = strrchr(a->email, '@');
	size_t n = sat ? (size_t)(sat - se) : 0;

	if (same_person_name(c->m->from.name, a->name))
		return true;
	return at != NULL && sat != NULL && n >= MIN_TOKEN &&
	    (size_t)(at - a->email) == n && strncasecmp(se, a->email, n) == 0;
}

static bool
known_customer(const struct cl *c, const char *email)
{
	return c->known != NULL && c->known->is_customer != NULL &&
	    c->known->is_customer(c->known->ctx, email);
}

/* greeting - [0, *end) is the first line of the text, if it is short */
static bool
greeting(const struct cl *c, size_t *end)
{
	const char *nl = memchr(c->text + c->first, '\n', c->tlen - c->first);
	size_t e = nl ? (size_t)(nl - c->text) : c->tlen;

	if (e - c->first > GREETING_BYTES || e == c->first)
		return false;
	*end = e;
	return true;
}

/*
 * greets_both - the greeting names the recipient and someone else: "Anna,
 * Ben," or "Hi Sam and Anna" or "Sam, meet Anna", or by title and family
 * name ("Liebe Frau Dr. Albers, lieber Herr Seidel").  A greeting line
 * holds nothing but greeting words and names (at most GREETING_WORDS
 * words).
 */
static bool
greets_both(const struct cl *c, const struct address *a)
{
	char given[RULES_MAX_WORD + 4], family[RULES_MAX_WORD + 4];
	struct rules_word w;
	size_t end, pos;
	bool mine = false, other = false, titled = false, fam;

	if (!greeting(c, &end) || !given_name(a, given, sizeof(given)))
		return false;
	fam = family_name(a->name, family, sizeof(family));
	pos = c->first;
	for (size_t words = 0; rules_word_next(c->text, end, &pos, &w);) {
		bool stop = false, title = titled;
		unsigned char ch = (unsigned char)c->text[w.start];

		if (w.overflow || ++words > GREETING_WORDS)
			return false;
		titled = str_in_list(greeting_titles, NELEM(greeting_titles),
		    w.folded) || (titled && strcmp(w.folded, "dr") == 0);
		if (strcmp(w.folded, given) == 0 ||
		    (fam && title && strcmp(w.folded, family) == 0)) {
			mine = true;
			continue;
		}
		for (size_t i = 0; i < NELEM(greeting_words) && !stop; i++)
			stop = strcmp(w.folded, greeting_words[i]) == 0;
		if (stop)
			continue;
		/* another name: capitalised; any other word: no greeting */
		if (!((ch >= 'A' && ch <= 'Z') || ch >= 0xc3) ||
		    strcmp(w.folded, "i") == 0)
			return false;
		other = true;
	}
	return mine && other;
}

/* Words that present the person named right after them, folded. */
static const char *const present_before[][2] = {
	{ "this", "is" }, { NULL, "meet" }, { "das", "ist" }, { NULL, "voici" },
	{ "este", "es" }, { "esta", "es" }, { NULL, "conoce" },
};

/*
 * presents_in - s[0..len) presents the recipient by name: "Carys meet
 * Lee", "meet Carys", "this is Carys", "das ist Kathi", "voici Lucie".
 */
static bool
presents_in(const char *s, size_t len, const char *given)
{
	char prev[2][RULES_MAX_WORD + 4] = { "", "" };
	struct rules_word w;
	size_t pos = 0;
	bool after_given = false;

	while (rules_word_next(s, len, &pos, &w)) {
		if (w.overflow) {
			prev[0][0] = prev[1][0] = '\0';
			after_given = false;
			continue;
		}
		if (after_given && strcmp(w.folded, "meet") == 0)
			return true;
		after_given = strcmp(w.folded, given) == 0;
		if (after_given) {
			for (size_t i = 0; i < NELEM(present_before); i++)
				if (strcmp(prev[1], present_before[i][1]) == 0 &&
				    (present_before[i][0] == NULL ||
				    strcmp(prev[0], present_before[i][0]) == 0))
					return true;
		}
		memcpy(prev[0], prev[1], sizeof(prev[0]));
		memcpy(prev[1], w.folded, w.flen + 1);
	}
	return false;
}

/* presents - the text or the subject presents the recipient by name */
static bool
presents(const struct cl *c, const struct address *a)
{
	char given[RULES_MAX_WORD + 4];
	const char *subj = c->m->subject;

	if (!given_name(a, given, sizeof(given)))
		return false;
	return presents_in(c->text, c->tlen < PRESENT_BYTES ? c->tlen :
	    PRESENT_BYTES, given) ||
	    (subj != NULL && presents_in(subj, strlen(subj), given));
}

/* opens_paragraph_or_sentence - before `at`, past the blanks, a sentence
 * ends, a blank line stands, or the text starts */
static bool
opens_paragraph_or_sentence(const char *text, size_t at)
{
	size_t nl = 0;

	while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' ||
	    text[at - 1] == '\r' || text[at - 1] == '\n'))
		nl += text[--at] == '\n';
	return at == 0 || nl >= 2 || strchr(".!?:", text[at - 1]) != NULL;
}

/*
 * addresses - the sender turns to the recipient by name, the name opening
 * a line or a sentence and a comma after it: "Tobias, das ist der
 * Installateur", "Priya, Tom's the one I told you about", "Inès, Lise
 * est la fleuriste".  Written to the owner with the recipient copied,
 * that speaks to both sides.  With `strict`, a wrapped line is not
 * enough: the name opens a sentence or a paragraph ("Je mets en copie mon
 * mari\nPaul, pour qu'il suive les dates" does not turn to Paul).
 */
static bool
addresses(const struct cl *c, const struct address *a, bool strict)
{
	char given[RULES_MAX_WORD + 4];
	struct rules_word w;
	size_t pos = 0;

	if (!given_name(a, given, sizeof(given)))
		return false;
	while (rules_word_next(c->text, c->tlen, &pos, &w))
		if (!w.overflow && w.end < c->tlen && c->text[w.end] == ',' &&
		    strcmp(w.folded, given) == 0 &&
		    cl_sentence_opens(c->text, w.start) &&
		    (!strict || opens_paragraph_or_sentence(c->text, w.start)))
			return true;
	return false;
}

/*
 * party_span - the sentence that names the recipient, else the first
 * cue's sentence; *ne gets the end of the sentence after it.  False when
 * there is neither.
 */
static bool
party_span(const struct cl *c, const struct address *a, size_t *sb,
    size_t *se, size_t *ne)
{
	char given[RULES_MAX_WORD + 4];
	size_t at = c->tlen, nb;

	if (given_name(a, given, sizeof(given)))
		at = word_at(c->text, 0, c->tlen, given);
	if (at == c->tlen && c->nintro == 0)
		return false;
	if (at == c->tlen)
		at = c->intro[0].start;
	cl_sentence(c->text, c->tlen, at, at + 1, sb, se);
	*ne = *se;
	if (*se < c->tlen)
		cl_sentence(c->text, c->tlen, *se, *se + 1, &nb, ne);
	if (*ne < *se)
		*ne = *se;
	return true;
}

/*
 * own_party - the recipient is copied in as the sender's own side of the
 * same job, not introduced: the sentence naming them calls them the
 * sender's partner or copies them to follow along ([aim household]: "my
 * fiancé", "mein Mann", "pour qu'il suive les dates", "para que esté al
 * tanto"), the sender never turns to them ("Anya, this is Tess") and
 * neither that sentence nor the next gives them a job of their own ([aim
 * own-job]: "who needs her own", "er sucht für sein", "qui cherche",
 * "que busca").  A shared family name is no sign by itself: a sister
 * copied in is mostly introduced for her own wedding.  Runs only for a
 * recipient about to be credited, over two sentences: the cost stays
 * bounded.
 */
static bool
own_party(const struct cl *c, const struct address *a)
{
	size_t sb, se, ne;

	if (!party_span(c, a, &sb, &se, &ne) ||
	    !cl_near_between(c, sb, se, "household") ||
	    addresses(c, a, true) || presents(c, a))
		return false;
	return !cl_near_between(c, sb, ne, "own-job");
}

/* evidence_for - the sentence of the first cue, else the greeting line */
static char *
evidence_for(const struct cl *c)
{
	size_t sb, se;

	if (c->nintro > 0) {
		cl_sentence(c->text, c->tlen, c->intro[0].start,
		    c->intro[0].end, &sb, &se);
		return cl_evidence(c->text, sb, se, c->intro[0].start);
	}
	if (c->subject_intro != NULL)
		return cl_evidence(c->subject_intro, 0,
		    strlen(c->subject_intro), 0);
	if (!greeting(c, &se))
		se = c->tlen;
	return cl_evidence(c->text, c->first, se, c->first);
}

int
cl_introductions(struct cl *c)
{
	const struct message *m = c->m;
	const struct addrlist *lists[2] = { &m->cc, &m->to };
	const struct address *cand[MAX_INTRODUCED + 1];
	size_t ncand = 0;
	bool reply, cue;

	if (m->to.n + m->cc.n > MAX_VISIBLE)
		return 0;
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct address *a = &lists[l]->v[i];
			bool dup = false;

			if (cl_excluded(c, a->email) ||
			    strcasecmp(a->email, c->sender) == 0 ||
			    cl_sender_alias(c, a))
				continue;
			for (size_t k = 0; k < ncand && !dup; k++)
				dup = strcasecmp(cand[k]->email, a->email) == 0;
			if (dup)
				continue;
			if (ncand == MAX_INTRODUCED)
				return 0;	/* mass mail introduces nobody */
			cand[ncand++] = a;
		}
	}
	reply = cl_is_reply(m);
	cue = c->nintro > 0 || c->subject_intro != NULL;
	if (reply && !cue)
		return 0;

	for (size_t k = 0; k < ncand; k++) {
		const struct address *a = cand[k];
		bool yes;
		char *ev;
		int rc;

		/* the cheap tests first: most mail has no cue */
		if (reply)
			yes = cue && named(c, a);
		else if (cue)
			yes = ncand == 1 || named(c, a) || greets_both(c, a);
		else
			yes = greets_both(c, a) || presents(c, a) ||
			    addresses(c, a, false);
		/* someone the store knows already is nobody new (asked last:
		 * it is a lookup) */
		if (!yes || own_party(c, a) || known_customer(c, a->email))
			continue;
		if ((ev = evidence_for(c)) == NULL)
			return -1;
		rc = cl_add_referral(c, c->sender, NULL, a->email,
		    "introduction", ev);
		if (rc < 0 ||
		    (rc == 1 && cl_add_person(c, a->email, a->name, false) < 0))
			return -1;
	}
	return 0;
}

/* paragraph_start - where the paragraph holding text[at] begins: after
 * the last blank line before it (only spaces or tabs between two line
 * ends), or 0 */
static size_t
paragraph_start(const char *t, size_t at)
{
	for (size_t p = at; p > 0; p--) {
		size_t q;

		if (t[p - 1] != '\n')
			continue;
		q = p - 1;
		while (q > 0 && (t[q - 1] == ' ' || t[q - 1] == '\t' ||
		    t[q - 1] == '\r'))
			q--;
		if (q > 0 && t[q - 1] == '\n')
			return p;
	}
	return 0;
}

/* cue_between - one of the n cues v starts in [from, to) */
static bool
cue_between(const struct cl_span *v, size_t n, size_t from, size_t to)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].start >= from && v[i].start < to)
			return true;
	return false;
}

bool
cl_introduced_trouble(const struct cl *c, struct cl_span at)
{
	size_t pb = paragraph_start(c->text, at.start);

	/* a referral or introduction cue counts once the mail records the
	 * referral ("a los dos" is also "two days on") */
	if (c->f->nreferrals > 0 &&
	    (cue_between(c->intro, c->nintro, pb, at.start) ||
	    cue_between(c->ref, c->nref, pb, at.start)))
		return true;
	return cue_between(c->give, c->ngive, pb, at.start) ||
	    cue_between(c->come, c->ncome, pb, at.start);
}
