/*
 * classify - decide what one parsed message means for the customer list.
 *
 * SYNOPSIS
 *	#include "classify/classify.h"
 *
 *	f = classify(m, env, cfg, rules, &known);
 *	facts_free(f);
 *
 * DESCRIPTION
 *	Who: mail from the owner (an own address, or an authenticated SMTP
 *	session) is FACTS_OUTGOING and names the recipients only.  Bounces,
 *	delivery reports, lists and bulk mail, auto-replies, role senders and
 *	mail without a usable From are FACTS_IGNORED with a reason.  Anything
 *	else is FACTS_INCOMING from the sender.
 *
 *	What: the text the sender wrote now (never the quoted part or the
 *	signature) is scanned once with rules_scan; the first occurrence of
 *	each tag's phrases gives the tag, with the sentence around it as
 *	evidence.  A first message that is not a reply is an enquiry.
 *	Referrals are found by classify_referral.c.
 *
 * OWNS
 *	Nothing beyond the returned facts, which the caller frees with
 *	facts_free.
 *
 * NEVER
 *	Does I/O, reads clocks or keeps globals: what the store knows comes
 *	through struct classify_known, so tests feed it a table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "classify/classify.h"
#include "classify/noise.h"
#include "classify/trust.h"
#include "classify_int.h"
#include "rules_int.h"

#define SENTENCE_WINDOW 400	/* bytes looked at on each side of a match */
#define EVIDENCE_LEAD	60	/* bytes kept before a match in long sentences */
#define GREETING_MAX	24	/* bytes of a greeting before a comma */

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* classify_is_role - the noise gate's list of role and automated mailboxes */
bool
classify_is_role(const char *email)
{
	return noise_is_role(email);
}

static bool
is_own(const struct cl *c, const char *email)
{
	return c->cfg != NULL && email != NULL && config_is_own(c->cfg, email);
}

bool
cl_excluded(const struct cl *c, const char *email)
{
	return email == NULL || !email_valid(email) || is_own(c, email) ||
	    classify_is_role(email);
}

static bool
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' ||
	    ch == '\f' || ch == '\v';
}

/* blank_line_at - text[i] is '\n' and the line after or before it is blank */
static bool
blank_line_at(const char *text, size_t len, size_t i, bool backwards)
{
	if (backwards) {
		while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' ||
		    text[i - 1] == '\r'))
			i--;
		return i > 0 && text[i - 1] == '\n';
	}
	for (i++; i < len && (text[i] == ' ' || text[i] == '\t' ||
	    text[i] == '\r'); i++)
		;
	return i < len && text[i] == '\n';
}

/* Abbreviations before a name whose period ends no sentence ("Mr. Tom"). */
static const char *const title_abbrevs[] = {
	"dr", "fr", "hr", "jr", "mlle", "mme", "mr", "mrs", "ms", "prof",
	"sr", "sra", "srta", "st",
};

/* abbreviation - the word before text[i] (a '.') is a title or an initial */
static bool
abbreviation(const char *text, size_t i)
{
	size_t b = i;
	char w[8];

	while (b > 0 && ((text[b - 1] >= 'a' && text[b - 1] <= 'z') ||
	    (text[b - 1] >= 'A' && text[b - 1] <= 'Z')) && i - b < sizeof(w))
		b--;
	if (b == i || i - b >= sizeof(w) ||
	    (b > 0 && !is_space(text[b - 1]) && text[b - 1] != '('))
		return false;
	if (i - b == 1)
		return text[b] >= 'A' && text[b] <= 'Z';	/* "Dana M. Reyes" */
	for (size_t k = 0; k < i - b; k++)
		w[k] = (char)(text[b + k] | 0x20);
	w[i - b] = '\0';
	for (size_t k = 0; k < NELEM(title_abbrevs); k++)
		if (strcmp(title_abbrevs[k], w) == 0)
			return true;
	return false;
}

static bool
ends_sentence(const char *text, size_t len, size_t i)
{
	char ch = text[i];

	return (ch == '.' || ch == '!' || ch == '?') &&
	    (i + 1 == len || is_space(text[i + 1])) &&
	    !(ch == '.' && abbreviation(text, i));
}

void
cl_sentence(const char *text, size_t len, size_t start, size_t end,
    size_t *sb, size_t *se)
{
	size_t lo = start > SENTENCE_WINDOW ? start - SENTENCE_WINDOW : 0;
	size_t hi = len - end > SENTENCE_WINDOW ? end + SENTENCE_WINDOW : len;
	size_t i;

	for (i = start; i > lo; i--) {
		if (ends_sentence(text, len, i - 1) ||
		    (text[i - 1] == '\n' && blank_line_at(text, len, i - 1, true)))
			break;
	}
	/* a cut in the middle of a UTF-8 sequence moves to the next character */
	while (i < start && ((unsigned char)text[i] & 0xc0) == 0x80)
		i++;
	*sb = i;
	for (i = end; i < hi; i++) {
		if (ends_sentence(text, len, i)) {
			i++;
			break;
		}
		if (text[i] == '\n' && blank_line_at(text, len, i, false))
			break;
	}
	while (i > end && i < len && ((unsigned char)text[i] & 0xc0) == 0x80)
		i--;
	*se = i;
}

char *
cl_evidence(const char *text, size_t sb, size_t se, size_t at)
{
	char out[CL_MAX_EVIDENCE + 4];
	size_t o = 0, i = sb;
	bool space = false;

	/* a long sentence: start a few words before the match */
	if (se - sb > CL_MAX_EVIDENCE && at > sb + EVIDENCE_LEAD) {
		i = at - EVIDENCE_LEAD;
		while (i < at && !is_space(text[i]))
			i++;
	}
	while (i < se && is_space(text[i]))
		i++;
	while (i < se) {
		size_t n;
		uint32_t cp;

		if (is_space(text[i])) {
			space = true;
			i++;
			continue;
		}
		rules_char_at(text + i, se - i, &n, &cp);
		if (o + (space ? 1 : 0) + (n == 1 && cp == 0xfffd ? 3 : n) >
		    CL_MAX_EVIDENCE)
			break;
		if (space && o > 0)
			out[o++] = ' ';
		space = false;
		if (n == 1 && cp == 0xfffd) {
			memcpy(out + o, "\xef\xbf\xbd", 3);	/* invalid byte */
			o += 3;
		} else if (n == 1 && (unsigned char)text[i] < 0x20) {
			out[o++] = ' ';
		} else {
			memcpy(out + o, text + i, n);
			o += n;
		}
		i += n;
	}
	return xstrndup(out, o);
}

int
cl_add_person(struct cl *c, const char *email, const char *name, bool sender)
{
	struct facts *f = c->f;
	struct fact_person *np, *p;

	for (size_t i = 0; i < f->npeople; i++)
		if (strcasecmp(f->people[i].email, email) == 0)
			return 0;
	if (f->npeople >= CL_MAX_PEOPLE)
		return 0;
	np = realloc(f->people, (f->npeople + 1) * sizeof(*np));
	if (np == NULL)
		return -1;
	f->people = np;
	p = &np[f->npeople];
	p->email = str_lower(email);
	p->name = name && *name ? xstrdup(name) : NULL;
	p->sender = sender;
	if (p->email == NULL || (name && *name && p->name == NULL)) {
		free(p->email);
		free(p->name);
		return -1;
	}
	f->npeople++;
	return 0;
}

int
cl_add_tag(struct cl *c, const char *email, const char *tag, char *evidence)
{
	struct facts *f = c->f;
	struct fact_tag *nt, *t;

	for (size_t i = 0; i < f->ntags; i++) {
		if (strcmp(f->tags[i].email, email) == 0 &&
		    strcmp(f->tags[i].tag, tag) == 0) {
			free(evidence);
			return 0;
		}
	}
	if ((nt = realloc(f->tags, (f->ntags + 1) * sizeof(*nt))) == NULL)
		goto fail;
	f->tags = nt;
	t = &nt[f->ntags];
	t->email = xstrdup(email);
	t->tag = xstrdup(tag);
	t->evidence = evidence;
	if (t->email == NULL || t->tag == NULL) {
		free(t->email);
		free(t->tag);
		goto fail;
	}
	f->ntags++;
	return 0;
fail:
	free(evidence);
	return -1;
}

int
cl_add_referral(struct cl *c, const char *referrer, const char *referrer_name,
    const char *referred, const char *how, char *evidence)
{
	struct facts *f = c->f;
	struct fact_referral *nr, *rf;
	char *from = NULL;

	if (referred == NULL || cl_excluded(c, referred) ||
	    (referrer == NULL && (referrer_name == NULL || !*referrer_name)))
		goto refuse;
	if (referrer != NULL) {
		if ((from = str_lower(referrer)) == NULL)
			goto fail;
		if (cl_excluded(c, from) || strcasecmp(from, referred) == 0)
			goto refuse;
	}
	/* at most one referrer per referred person: the first one wins */
	for (size_t i = 0; i < f->nreferrals; i++)
		if (strcasecmp(f->referrals[i].referred, referred) == 0)
			goto refuse;
	nr = realloc(f->referrals, (f->nreferrals + 1) * sizeof(*nr));
	if (nr == NULL)
		goto fail;
	f->referrals = nr;
	rf = &nr[f->nreferrals];
	rf->referrer = from;
	rf->referrer_name = xstrdup(referrer_name);
	rf->referred = str_lower(referred);
	rf->how = xstrdup(how);
	rf->evidence = evidence;
	if (rf->referred == NULL || rf->how == NULL ||
	    (referrer_name && rf->referrer_name == NULL)) {
		free(rf->referrer_name);
		free(rf->referred);
		free(rf->how);
		goto fail;
	}
	f->nreferrals++;
	return 1;
refuse:
	free(from);
	free(evidence);
	return 0;
fail:
	free(from);
	free(evidence);
	return -1;
}

/*
 * across_sentences - a sentence ends inside [start, end): "is recommended.
 * You get the idea" holds no "recommended you".
 */
static bool
across_sentences(const char *text, size_t start, size_t end)
{
	for (size_t i = start; i + 1 < end; i++)
		if (((text[i] == '.' || text[i] == '!' || text[i] == '?' ||
		    text[i] == ';') && (text[i + 1] == ' ' || text[i + 1] == '\n' ||
		    text[i + 1] == '\t' || text[i + 1] == '\r')) ||
		    (text[i] == '\n' && text[i + 1] == '\n'))
			return true;
	return false;
}

/* on_match - remember what the one scan of the text found */
static void
on_match(void *ctx, const struct rules_match *rm)
{
	struct cl *c = ctx;
	struct cl_span sp = { rm->start, rm->end };
	size_t same = 0;

	if (rm->kind == RULES_AIM) {
		cl_near_add(c, rm);	/* for cl_near_resolve */
		return;
	}
	if (c->text != NULL && rm->kind != RULES_AUTOREPLY &&
	    across_sentences(c->text, rm->start, rm->end))
		return;

	switch (rm->kind) {
	case RULES_TAG:
		/* a few occurrences per tag, so an exception may skip one */
		for (size_t i = 0; i < c->ntags; i++)
			if (strcmp(c->tags[i].tag, rm->name) == 0 && ++same >= 4)
				return;
		if (c->ntags < CL_MAX_TAGS) {
			c->tags[c->ntags].tag = rm->name;
			c->tags[c->ntags++].at = sp;
		}
		break;
	case RULES_REFERRAL:
		if (c->nref < CL_MAX_CUES)
			c->ref[c->nref++] = sp;
		break;
	case RULES_INTRODUCTION:
		if (c->nintro < CL_MAX_CUES)
			c->intro[c->nintro++] = sp;
		break;
	case RULES_AUTOREPLY:
		if (rm->start == c->first)
			c->autoreply = true;
		else if (rm->start < CL_AUTOREPLY_WINDOW && c->naway < CL_MAX_CUES)
			c->away[c->naway++] = sp;
		break;
	case RULES_EXCEPT:
		if (c->nexcept < CL_MAX_EXCEPT) {
			c->except[c->nexcept].tag = rm->name;
			c->except[c->nexcept++].at = sp;
		}
		break;
	case RULES_WEAK:
		cl_near_add(c, rm);
		break;
	case RULES_AIM:
		break;
	}
}

bool
cl_cancelled(const struct cl *c, const char *name, struct cl_span at)
{
	size_t sb, se;
	bool any = false;

	for (size_t i = 0; i < c->nexcept && !any; i++)
		any = strcmp(c->except[i].tag, name) == 0;
	if (!any)
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t i = 0; i < c->nexcept; i++)
		if (strcmp(c->except[i].tag, name) == 0 &&
		    c->except[i].at.start >= sb && c->except[i].at.end <= se)
			return true;
	return false;
}

/* drop_cancelled - remove the cues of kind `name` an exception cancels */
static size_t
drop_cancelled(const struct cl *c, const char *name, struct cl_span *v,
    size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if (!cl_cancelled(c, name, v[i]))
			v[o++] = v[i];
	return o;
}

/* Words that open a greeting line ("Hola, ..."), any case. */
static const char *const greetings[] = {
	"bonjour", "bonsoir", "buenas", "buenos", "dear", "estimada",
	"estimado", "good", "guten", "hallo", "hello", "hey", "hi", "hola",
	"liebe", "lieber", "moin", "salut", "servus",
};

/*
 * sentence_opens - only blanks stand between the start of a line or of a
 * sentence and `at`: "I am on annual leave" opens its sentence, "sorry, I
 * was out of the office" does not.
 */
static bool
sentence_opens(const char *text, size_t at)
{
	size_t b;

	while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' ||
	    text[at - 1] == '\r'))
		at--;
	if (at == 0 || text[at - 1] == '\n' || text[at - 1] == '.' ||
	    text[at - 1] == '!' || text[at - 1] == '?')
		return true;
	/* after a short greeting on the same line: "Hola, estaré fuera" */
	if (text[at - 1] != ',')
		return false;
	for (b = at - 1; b > 0 && text[b - 1] != '\n' && at - b <= GREETING_MAX;
	    b--)
		if (text[b - 1] == '.' || text[b - 1] == ',' ||
		    text[b - 1] == '!' || text[b - 1] == '?')
			return false;
	if (at - b > GREETING_MAX)
		return false;
	while (b < at && (text[b] == ' ' || text[b] == '\t'))
		b++;
	for (size_t i = 0; i < NELEM(greetings); i++) {
		size_t n = strlen(greetings[i]);

		if (at - b >= n && strncasecmp(text + b, greetings[i], n) == 0 &&
		    (at - b == n + 1 || text[b + n] == ' ' || text[b + n] == ','))
			return true;
	}
	return false;
}

/* body_autoreply - an out-of-office sentence among the first lines */
static bool
body_autoreply(const struct cl *c)
{
	if (c->autoreply)
		return !cl_cancelled(c, "autoreply", (struct cl_span){ c->first,
		    c->first });
	for (size_t i = 0; i < c->naway; i++)
		if (sentence_opens(c->text, c->away[i].start) &&
		    !cl_cancelled(c, "autoreply", c->away[i]))
			return true;
	return false;
}

/* first_word - offset of the first word of s, or len if it has none */
static size_t
first_word(const char *s, size_t len)
{
	struct rules_word w;
	size_t pos = 0;

	return rules_word_next(s, len, &pos, &w) ? w.start : len;
}

/*
 * subject_introduces - "Introduction: ...", "Intro - ...", "Vorstellung:",
 * "Présentation :", "Presentación:" open the subject.
 */
static bool
subject_introduces(const char *subject)
{
	static const char *const words[] = {
		"introduction", "intro", "introducing", "vorstellung",
		"kennenlernen", "pr\xc3\xa9sentation", "presentation",
		"presentaci\xc3\xb3n", "presentacion", "mise en relation",
		"puesta en contacto",
	};

	if (subject == NULL)
		return false;
	subject += strspn(subject, " \t");
	for (size_t i = 0; i < NELEM(words); i++) {
		size_t n = strlen(words[i]);
		const char *p = subject + n;

		if (strncasecmp(subject, words[i], n) != 0)
			continue;
		p += strspn(p, " \t");
		if (*p == ':' || *p == '-' || *p == '|' ||
		    strncmp(p, "\xe2\x80\x93", 3) == 0)
			return true;
	}
	return false;
}

/*
 * subject_cues - a subject that states the referral ("Referred by Dana
 * Reyes", "Introduction: Anna / Ben") counts like the body.  The subject is
 * scanned once: whether it opens like an auto-reply, whether it
 * introduces (remembered for cl_introductions), and its referral cues,
 * read with the same finders as the body's once those had their turn.
 */
static int
subject_cues(struct cl *c, bool after)
{
	const char *subj = c->m->subject;
	struct cl *sc = c->subj;

	if (subj == NULL || *subj == '\0' || c->r == NULL)
		return 0;
	if (after) {
		/* the referral cues, once the body's forms had their turn */
		if (sc == NULL || sc->nref == 0)
			return 0;
		sc->sender = c->sender;
		return cl_mentions(sc);
	}
	if ((sc = c->subj = calloc(1, sizeof(*sc))) == NULL)
		return -1;
	sc->m = c->m;
	sc->env = c->env;
	sc->cfg = c->cfg;
	sc->r = c->r;
	sc->known = c->known;
	sc->f = c->f;
	sc->text = subj;
	sc->tlen = strlen(subj);
	sc->first = first_word(subj, sc->tlen);
	rules_scan(c->r, subj, sc->tlen, on_match, sc);
	cl_near_resolve(sc);
	sc->nref = drop_cancelled(sc, "referral", sc->ref, sc->nref);
	sc->nintro = drop_cancelled(sc, "introduction", sc->intro, sc->nintro);
	if (sc->nintro > 0 || subject_introduces(subj))
		c->subject_intro = subj;
	return 0;
}

/* noise_reason - the gate's verdict on m (body read when `body`), or NULL */
static bool
gate(const struct cl *c, bool body, struct noise_verdict *v)
{
	if (noise_judge(c->m, c->env, c->cfg, body, v))
		return true;
	if (c->m->from.email == NULL || !email_valid(c->m->from.email)) {
		v->kind = NOISE_AUTOMATED;
		snprintf(v->reason, sizeof(v->reason), "no sender");
		return true;
	}
	return false;
}

static int ignored(struct facts *f, enum noise_kind k, const char *reason);

/*
 * outgoing - the owner wrote: the recipients are contacts the owner wrote
 * to, unless the post went to a list or bulk address (the owner's post to
 * a list, with the list's fields on the copy; a list-archive "[tag]"
 * subject; a recipient the store knows as a list), which makes nobody.
 */
static int
outgoing(struct cl *c)
{
	const struct addrlist *lists[2] = { &c->m->to, &c->m->cc };
	const struct address *fw = cl_forwarded(c);
	struct noise_verdict v;

	/* the filter's spam verdict on "the owner's" mail: a forged From */
	if (noise_judge(c->m, NULL, NULL, false, &v) && v.kind == NOISE_SPAM) {
		char why[NOISE_MAX_REASON + 40];

		snprintf(why, sizeof(why), "%s (the owner's From, forged)",
		    v.reason);
		return ignored(c->f, NOISE_SPAM, why);
	}
	if (v.kind == NOISE_BULK) {
		char why[NOISE_MAX_REASON + 32];

		snprintf(why, sizeof(why), "owner's post to a list (%s)",
		    v.reason);
		return ignored(c->f, NOISE_BULK, why);
	}
	c->f->kind = FACTS_OUTGOING;
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct address *a = &lists[l]->v[i];

			if (cl_excluded(c, a->email) ||
			    noise_is_verp(a->email) ||
			    noise_list_recipient(c->m, a->email) ||
			    (c->known && c->known->is_list &&
			    c->known->is_list(c->known->ctx, a->email)))
				continue;
			if (cl_add_person(c, a->email, a->name, false) < 0)
				return -1;
		}
	}
	/* the owner or a colleague passed on someone's message: a contact */
	if (fw != NULL && cl_add_person(c, fw->email, fw->name, false) < 0)
		return -1;
	return 0;
}

static int
ignored(struct facts *f, enum noise_kind k, const char *reason)
{
	f->kind = FACTS_IGNORED;
	f->noise = k;
	free(f->ignore_reason);
	/* the gate quotes header values, and "%.60s" may cut a character */
	return (f->ignore_reason = utf8_sanitize(reason, strlen(reason))) ==
	    NULL ? -1 : 0;
}

/*
 * subject_is_reply - "Re:", "RE:", "Aw:", "Sv:", "Antw:", "Réf:"-style
 * prefixes that mail clients put on replies whose In-Reply-To was lost.
 */
static bool
subject_is_reply(const char *subject);

bool
cl_is_reply(const struct message *m)
{
	return m->in_reply_to != NULL || m->nreferences > 0 ||
	    subject_is_reply(m->subject);
}

static bool
subject_is_reply(const char *subject)
{
	static const char *const prefixes[] = { "re:", "re :", "aw:", "sv:",
		"antw:", "vs:", "r:", "rif:", "odp:" };

	if (subject == NULL)
		return false;
	while (*subject == ' ' || *subject == '\t')
		subject++;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (str_has_prefix_case(subject, prefixes[i]))
			return true;
	return false;
}

/*
 * asks_new_work - a first message, not a reply, from someone who is not a
 * customer yet, that asks for work (an [enquiry] phrase, or an [aim
 * request] one: "can you come", "könnten Sie"): what it says is wrong is
 * the problem the owner is asked to fix ("our roof leaks, can you come
 * and look?"), not a complaint about the owner's work, unless the
 * sentence names that work ([aim work]: "your invoice", "the kitchen you
 * fitted").  In any message, a sentence that itself asks for work ("our
 * gutter is leaking too, could you look at it?") is held to the same.
 */
static bool
asks_new_work(const struct cl *c)
{
	bool asks = c->asks;

	for (size_t i = 0; i < c->ntags && !asks; i++)
		asks = strcmp(c->tags[i].tag, "enquiry") == 0;
	return asks && !cl_is_reply(c->m) && !(c->known &&
	    c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, c->sender));
}

/*
 * judgement_cancelled - cl_cancelled, except that an exception before a
 * contrast word does not reach a praise or complaint after it: "sorry
 * for writing again, but I'm still waiting" complains.
 */
static bool
judgement_cancelled(const struct cl *c, const char *name, struct cl_span at)
{
	size_t sb, se;

	if (!cl_cancelled(c, name, at))
		return false;
	if (strcmp(name, "praise") != 0 && strcmp(name, "complaint") != 0)
		return true;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t i = 0; i < c->nexcept; i++) {
		const struct cl_span *x = &c->except[i].at;

		if (strcmp(c->except[i].tag, name) != 0 || x->start < sb ||
		    x->end > se)
			continue;
		if (x->end > at.start ||
		    !cl_near_between(c, x->end, at.start, "contrast"))
			return true;	/* this one stands */
	}
	return false;
}

/*
 * overturned - hit i is a judgement (praise or complaint) that the
 * opposite judgement follows in the same sentence after a contrast word
 * ([aim contrast]: "but", "aber", "mais", "pero"): the sentence means
 * what comes after ("the hotel was awful, but your photos are lovely"
 * praises; "it looks lovely, but the doors still don't close"
 * complains).  At most CL_MAX_TAGS scans of one sentence each.
 */
static bool
overturned(const struct cl *c, size_t i)
{
	const struct cl_taghit *h = &c->tags[i];
	const char *other;
	size_t sb, se;

	if (strcmp(h->tag, "praise") == 0)
		other = "complaint";
	else if (strcmp(h->tag, "complaint") == 0)
		other = "praise";
	else
		return false;
	cl_sentence(c->text, c->tlen, h->at.start, h->at.end, &sb, &se);
	for (size_t j = 0; j < c->ntags; j++) {
		const struct cl_taghit *o = &c->tags[j];

		if (strcmp(o->tag, other) != 0 || o->at.start < h->at.end ||
		    o->at.end > se || cl_cancelled(c, other, o->at))
			continue;
		if (cl_near_between(c, h->at.end, o->at.start, "contrast"))
			return true;
	}
	return false;
}

/* tag_facts - the tags the sender's own words earned, plus referral tags */
static int
tag_facts(struct cl *c)
{
	const struct message *m = c->m;
	struct facts *f = c->f;
	size_t sb, se;
	bool fresh = asks_new_work(c);

	for (size_t i = 0; i < c->ntags; i++) {
		char *ev;

		if (judgement_cancelled(c, c->tags[i].tag, c->tags[i].at))
			continue;
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    (fresh || cl_near_aimed(c, c->tags[i].at, "request")) &&
		    !cl_near_aimed(c, c->tags[i].at, "work"))
			continue;	/* a problem the owner is asked to fix */
		if (fresh && strcmp(c->tags[i].tag, "praise") == 0 &&
		    !cl_near_aimed(c, c->tags[i].at, "aim"))
			continue;	/* an enquiry's compliment for others */
		if (overturned(c, i))
			continue;
		cl_sentence(c->text, c->tlen, c->tags[i].at.start,
		    c->tags[i].at.end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se,
		    c->tags[i].at.start)) == NULL ||
		    cl_add_tag(c, c->sender, c->tags[i].tag, ev) < 0)
			return -1;
	}
	/* a first message that is not a reply is an enquiry: a forwarded
	 * request is the enquiry of the person who wrote it */
	const char *asker = c->sender;

	for (size_t i = 0; i < f->nreferrals; i++)
		if (strcmp(f->referrals[i].how, "forward") == 0)
			asker = f->referrals[i].referred;
	if (asker == c->sender && m->forwarded.email != NULL)
		asker = NULL;	/* a forward that is no request: no enquiry */
	if (asker != NULL && m->in_reply_to == NULL && m->nreferences == 0 &&
	    !subject_is_reply(m->subject) &&
	    !(c->known && c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, asker))) {
		struct buf b;

		buf_init(&b, 0);
		if (buf_puts(&b, "first message, not a reply") < 0 ||
		    (m->subject && *m->subject &&
		    buf_printf(&b, ": %.*s", (int)utf8_prefix(m->subject,
		    CL_MAX_EVIDENCE - 30), m->subject) < 0)) {
			buf_free(&b);
			return -1;
		}
		if (cl_add_tag(c, asker, "enquiry", buf_steal(&b)) < 0)
			return -1;
	}
	for (size_t i = 0; i < f->nreferrals; i++) {
		const struct fact_referral *rf = &f->referrals[i];

		for (size_t j = 0; j < f->npeople; j++) {
			const char *who = f->people[j].email;
			char *ev;

			if (strcmp(who, rf->referred) != 0 &&
			    (rf->referrer == NULL || strcmp(who, rf->referrer) != 0))
				continue;
			if ((ev = xstrdup(rf->evidence)) == NULL && rf->evidence)
				return -1;
			if (cl_add_tag(c, who, strcmp(who, rf->referred) == 0 ?
			    "referred" : "referrer", ev) < 0)
				return -1;
		}
	}
	return 0;
}

/*
 * list_address - bulk mail's own list address (List-Post's mailto:, or
 * the address Mailing-List names), so that the owner's later posts to it
 * make no contact.  0, or -1 on ENOMEM.
 */
static int
list_address(struct facts *f, const struct message *m)
{
	const char *v = message_field(m, "List-Post"), *p;
	char addr[CL_EMAIL_MAX];
	size_t n;

	if (v != NULL && (p = str_casestrn(v, strlen(v), "mailto:")) != NULL)
		p += 7;
	else if ((v = message_field(m, "Mailing-List")) != NULL &&
	    (p = str_casestrn(v, strlen(v), "list ")) != NULL)
		p += 5;
	else
		return 0;
	n = strcspn(p, ">?; \t,");
	if (n == 0 || n >= sizeof(addr))
		return 0;
	memcpy(addr, p, n);
	addr[n] = '\0';
	if (!email_valid(addr))
		return 0;
	return (f->list_address = str_lower(addr)) == NULL ? -1 : 0;
}

static int
incoming(struct cl *c)
{
	const struct message *m = c->m;
	struct noise_verdict v;
	char why[TRUST_MAX_WHY];

	/* the body is read when there is one: its footer may say bulk */
	if (gate(c, m->pending == NULL, &v)) {
		if (v.kind == NOISE_BULK && list_address(c->f, m) < 0)
			return -1;
		return ignored(c->f, v.kind, v.reason);
	}
	c->text = m->text ? m->text : "";
	c->tlen = strlen(c->text);
	c->first = first_word(c->text, c->tlen);
	rules_scan(c->r, c->text, c->tlen, on_match, c);
	cl_near_resolve(c);
	if (subject_cues(c, false) < 0)
		return -1;
	if (body_autoreply(c) || (c->subj != NULL && c->subj->autoreply))
		return ignored(c->f, NOISE_AUTOMATED,
		    "automated: auto-reply text");
	c->nref = drop_cancelled(c, "referral", c->ref, c->nref);
	c->nintro = drop_cancelled(c, "introduction", c->intro, c->nintro);
	c->f->kind = FACTS_INCOMING;
	if (cl_add_person(c, m->from.email, m->from.name, true) < 0)
		return -1;
	c->sender = c->f->people[0].email;
	/* a From the MTA could not vouch for speaks for nobody */
	if (trust_judge(m, c->env, c->cfg, why, sizeof(why)) ==
	    TRUST_UNVERIFIED) {
		c->f->unverified = true;
		return (c->f->trust = utf8_sanitize(why, strlen(why))) ==
		    NULL ? -1 : 0;
	}
	/* why quotes header text, and snprintf may have cut a character */
	if ((c->f->trust = utf8_sanitize(why, strlen(why))) == NULL ||
	    cl_referrals(c) < 0 || cl_signs_as(c) < 0 ||
	    subject_cues(c, true) < 0)
		return -1;
	return tag_facts(c);
}

static int thread_ids(struct facts *f, const struct message *m);

struct facts *
classify(const struct message *m, const struct envelope *env,
    const struct config *cfg, const struct rules *r,
    const struct classify_known *known)
{
	struct facts *f = calloc(1, sizeof(*f));
	struct cl c;
	const char *key;
	int rc;

	if (f == NULL)
		return NULL;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.env = env;
	c.cfg = cfg;
	c.r = r;
	c.known = known;
	c.f = f;
	key = message_key(m);
	f->key = xstrdup(key);
	f->subject = xstrdup(m->subject);
	f->date = m->date;
	if ((key && f->key == NULL) || (m->subject && f->subject == NULL))
		goto fail;
	if (thread_ids(f, m) < 0)
		goto fail;
	switch (classify_owner(m, env, cfg)) {
	case OWNER_YES:
		rc = outgoing(&c);
		break;
	case OWNER_FORGED:
		rc = env == NULL ? ignored(f, NOISE_SPAM, "spam: the owner's "
		    "From with somebody else's Return-Path") :
		    env->stored ? ignored(f, NOISE_AUTOMATED, "automated: the "
		    "owner's From outside the Sent folder (--sent)") :
		    ignored(f, NOISE_SPAM, "spam: the owner's From without "
		    "authentication or local submission");
		break;
	default:
		rc = incoming(&c);
		break;
	}
	free(c.subj);
	if (rc < 0)
		goto fail;
	TEXT_INVARIANT(facts_text_ok(f));
	if (!facts_text_ok(f) && facts_text_repair(f) < 0)
		goto fail;
	return f;
fail:
	facts_free(f);
	return NULL;
}

/* text_ok - is s (NULL allowed) text by the invariant? */
static bool
text_ok(const char *s)
{
	return s == NULL || utf8_valid(s, strlen(s));
}

bool
facts_text_ok(const struct facts *f)
{
	if (!text_ok(f->ignore_reason) || !text_ok(f->key) ||
	    !text_ok(f->subject) || !text_ok(f->trust) ||
	    !text_ok(f->list_address))
		return false;
	for (size_t i = 0; i < f->nthread; i++)
		if (!text_ok(f->thread[i]))
			return false;
	for (size_t i = 0; i < f->nsigns_as; i++)
		if (!text_ok(f->signs_as[i]))
			return false;
	for (size_t i = 0; i < f->npeople; i++)
		if (!text_ok(f->people[i].email) || !text_ok(f->people[i].name))
			return false;
	for (size_t i = 0; i < f->ntags; i++)
		if (!text_ok(f->tags[i].email) || !text_ok(f->tags[i].tag) ||
		    !text_ok(f->tags[i].evidence))
			return false;
	for (size_t i = 0; i < f->nreferrals; i++) {
		const struct fact_referral *r = &f->referrals[i];

		if (!text_ok(r->referrer) || !text_ok(r->referrer_name) ||
		    !text_ok(r->referred) || !text_ok(r->how) ||
		    !text_ok(r->evidence))
			return false;
	}
	return true;
}

/* repair - s (NULL allowed) made text in place; -1 only on ENOMEM */
static int
repair(char **s)
{
	char *t;

	if (*s == NULL || utf8_valid(*s, strlen(*s)))
		return 0;
	if ((t = utf8_sanitize(*s, strlen(*s))) == NULL)
		return -1;
	free(*s);
	*s = t;
	return 0;
}

int
facts_text_repair(struct facts *f)
{
	int rc = repair(&f->ignore_reason) | repair(&f->key) |
	    repair(&f->subject) | repair(&f->trust) | repair(&f->list_address);

	for (size_t i = 0; i < f->nthread; i++)
		rc |= repair(&f->thread[i]);
	for (size_t i = 0; i < f->nsigns_as; i++)
		rc |= repair(&f->signs_as[i]);
	for (size_t i = 0; i < f->npeople; i++)
		rc |= repair(&f->people[i].email) | repair(&f->people[i].name);
	for (size_t i = 0; i < f->ntags; i++)
		rc |= repair(&f->tags[i].email) | repair(&f->tags[i].tag) |
		    repair(&f->tags[i].evidence);
	for (size_t i = 0; i < f->nreferrals; i++) {
		struct fact_referral *r = &f->referrals[i];

		rc |= repair(&r->referrer) | repair(&r->referrer_name) |
		    repair(&r->referred) | repair(&r->how) |
		    repair(&r->evidence);
	}
	return rc < 0 ? -1 : 0;
}

bool
classify_needs_body(const struct message *m, const struct envelope *env,
    const struct config *cfg)
{
	struct noise_verdict v;

	switch (classify_owner(m, env, cfg)) {
	case OWNER_YES:
		/* outgoing: recipients only, and whom a forward passes on */
		return message_subject_forward(m->subject);
	case OWNER_FORGED:
		return false;
	default:
		break;
	}
	if (m->from.email == NULL || !email_valid(m->from.email))
		return false;
	return !noise_judge(m, env, cfg, false, &v);
}

/* foreign_return_path - stored mail whose Return-Path is not the owner's */
static bool
foreign_return_path(const struct message *m, const struct config *cfg)
{
	const char *rp = message_field(m, "Return-Path"), *lt;
	char addr[CL_EMAIL_MAX];
	size_t n;

	if (rp == NULL)
		return false;
	if ((lt = strchr(rp, '<')) != NULL)
		rp = lt + 1;
	while (*rp == ' ' || *rp == '\t')
		rp++;
	n = strcspn(rp, "> \t");
	if (n == 0 || n >= sizeof(addr))
		return false;	/* <> is the gate's business */
	memcpy(addr, rp, n);
	addr[n] = '\0';
	return !config_is_own(cfg, addr);
}

enum classify_owner
classify_owner(const struct message *m, const struct envelope *env,
    const struct config *cfg)
{
	bool own_from = m->from.email != NULL && cfg != NULL &&
	    config_is_own(cfg, m->from.email);

	/* ingest: the Sent folder is the owner's; elsewhere an own From is a copy */
	if (env != NULL && env->sent)
		return OWNER_YES;
	if (env != NULL && env->stored)
		return own_from ? OWNER_FORGED : OWNER_NO;

	/* the MTA vouches: SASL login, or submitted on this machine */
	if (env != NULL && ((env->auth_user && *env->auth_user) || env->local))
		return own_from || (env->auth_user && *env->auth_user) ?
		    OWNER_YES : OWNER_NO;
	if (!own_from)
		return OWNER_NO;
	/* live mail claiming the owner's From with nobody vouching: forged */
	if (env != NULL)
		return OWNER_FORGED;
	/* stored mail: the owner's From over somebody else's Return-Path */
	return foreign_return_path(m, cfg) ? OWNER_FORGED : OWNER_YES;
}

/* thread_ids - In-Reply-To and References into f->thread, once each */
static int
thread_ids(struct facts *f, const struct message *m)
{
	size_t n = m->nreferences + 1;

	if ((f->thread = calloc(n, sizeof(*f->thread))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *id = i == 0 ? m->in_reply_to : m->references[i - 1];
		bool seen = false;

		if (id == NULL || *id == '\0')
			continue;
		for (size_t j = 0; j < f->nthread && !seen; j++)
			seen = strcmp(f->thread[j], id) == 0;
		if (seen)
			continue;
		if ((f->thread[f->nthread] = strdup(id)) == NULL)
			return -1;
		f->nthread++;
	}
	return 0;
}

void
facts_free(struct facts *f)
{
	if (f == NULL)
		return;
	free(f->ignore_reason);
	free(f->trust);
	free(f->list_address);
	for (size_t i = 0; i < f->nthread; i++)
		free(f->thread[i]);
	free(f->thread);
	free(f->key);
	free(f->subject);
	for (size_t i = 0; i < f->npeople; i++) {
		free(f->people[i].email);
		free(f->people[i].name);
	}
	free(f->people);
	for (size_t i = 0; i < f->ntags; i++) {
		free(f->tags[i].email);
		free(f->tags[i].tag);
		free(f->tags[i].evidence);
	}
	free(f->tags);
	for (size_t i = 0; i < f->nreferrals; i++) {
		free(f->referrals[i].referrer);
		free(f->referrals[i].referrer_name);
		free(f->referrals[i].referred);
		free(f->referrals[i].how);
		free(f->referrals[i].evidence);
	}
	free(f->referrals);
	for (size_t i = 0; i < f->nsigns_as; i++)
		free(f->signs_as[i]);
	free(f->signs_as);
	free(f);
}
