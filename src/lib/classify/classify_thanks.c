/*
 * classify_thanks - when the sender's thanks are for the owner's work.
 *
 * DESCRIPTION
 *	classify_results.c weighs good results; these tests say which
 *	thanks it may add to them.  Thanks count when they are said to the
 *	addressee: not for a quote or in advance ([outcome offer]), not
 *	asked, quoted or denied, and not ended on the name of somebody
 *	else the mail goes to (oc_thanked); or when the sign-off the
 *	parser split opens on them (oc_signed_thanks).  A clause that opens
 *	on the owner's earlier job ties thanks beside it to that job
 *	(oc_thanked_since), and thanks that close a paragraph after an
 *	account of what happened are for what it tells (oc_closing_thanks).
 *
 * OWNS
 *	Nothing: each test reads the facts and answers.
 *
 * NEVER
 *	Tags anything; scans the whole text, except the sign-off's first
 *	line once and one memchr for a question mark.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "classify_int.h"
#include "outcome_int.h"
#include "rules_int.h"
#include "tags_int.h"

/*
 * thanks_to_other - the thanks at t end their sentence on the name of
 * somebody else the mail goes to ("Thank you, Daniel.", "gracias
 * Montse.", "Danke, Jana!", "Merci Paul."): in a reply to an
 * introduction, thanks to the one who introduced, not to the owner
 */
static bool
thanks_to_other(const struct cl *c, const struct cl_outhit *t)
{
	size_t p = t->at.end, w;

	while (p < c->tlen && strchr(" \t,", c->text[p]) != NULL)
		p++;
	w = p;
	while (p < c->tlen && (isalpha((unsigned char)c->text[p]) ||
	    (unsigned char)c->text[p] >= 0x80))
		p++;
	if (p - w < OC_NAME_MIN || p - w > OC_NAME_MAX ||
	    !isupper((unsigned char)c->text[w]))
		return false;
	if (p < c->tlen && strchr(".!;:\r\n", c->text[p]) == NULL)
		return false;	/* "Thanks Bob and Sue for ..." names more */
	return cl_recipient_by(c, false, cl_name_opens, c->text + w,
	    p - w) != NULL;	/* somebody else copied in */
}

/* thanked - thanks to the addressee, not for a quote or in advance */
const struct cl_outhit *
oc_thanked(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!oc_is_name(h, "thanks"))
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		if (oc_has_hit(c, "offer", sb, se, NULL) ||
		    cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at) ||
		    oc_negated(c, cl_clause_start(c->text, sb, h->at.start), h->at,
		    OC_NEGATION_WORDS) || thanks_to_other(c, h))
			continue;
		return h;
	}
	return NULL;
}

/* The first line of a sign-off, and what its scan found. */
struct oc_signoff {
	bool thanks;
	bool offer;
};

static void
signoff_seen(void *ctx, const struct rules_match *m)
{
	struct oc_signoff *so = ctx;

	if (m->kind != RULES_OUTCOME)
		return;
	so->thanks = so->thanks || strcmp(m->name, "thanks") == 0;
	so->offer = so->offer || strcmp(m->name, "offer") == 0;
}

/*
 * signed_thanks - the sign-off the parser split from the text opens with
 * thanks ("Thank you.\nSusan Tate", "Muchas gracias,\nMarta"), not for a
 * quote or in advance: thanks to the addressee as much as in the text.
 * One scan of its first line.
 */
bool
oc_signed_thanks(const struct cl *c)
{
	const char *sig = c->m->signature, *nl;
	struct oc_signoff so = { false, false };
	size_t n;

	if (sig == NULL || c->r == NULL)
		return false;
	sig += strspn(sig, " \t\r\n");
	n = (nl = strchr(sig, '\n')) != NULL ? (size_t)(nl - sig) : strlen(sig);
	if (n == 0 || n > OC_SIGNOFF_LINE)
		return false;
	rules_scan(c->r, sig, n, signoff_seen, &so);
	return so.thanks && !so.offer;
}

/*
 * thanked_since - a clause opens on the owner's earlier job ([outcome
 * link] at its first word: "Since you rebuilt the soundboard", "seit Sie
 * den Zug freigemacht haben") and asks nothing, and thanks to the
 * addressee stand in it or the next sentence, before any sentence that
 * asks: the thanks are for that job, not in advance for the new one,
 * and what the clause tells is its result.  t is oc_thanked(c).  That link
 * hit, or NULL.
 */
const struct cl_outhit *
oc_thanked_since(const struct cl *c, const struct cl_outhit *t)
{
	size_t sb, se, tb, te;

	if (t == NULL)
		return NULL;
	oc_sentence_of(c, t->at, &tb, &te);
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t p;

		if (!oc_is_name(h, "link") || h->at.start > t->at.start)
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		for (p = cl_clause_start(c->text, sb, h->at.start);
		    p < h->at.start && strchr(" \t\r\n", c->text[p]); p++)
			;
		if (p != h->at.start || cl_asks(c->text, sb, se))
			continue;
		if (tb == sb)
			return h;	/* in the same sentence */
		/* or the very next one, which asks nothing */
		for (p = se; p < tb && strchr(" \t\r\n.!", c->text[p]); p++)
			;
		if (p == tb && !cl_asks(c->text, tb, te))
			return h;
	}
	return NULL;
}

/* paragraph_end - only blanks and closing marks from p to a blank line or
 * the end of the text */
static bool
paragraph_end(const struct cl *c, size_t p)
{
	bool nl = false;

	for (; p < c->tlen; p++) {
		if (c->text[p] == '\n') {
			if (nl)
				return true;
			nl = true;
		} else if (strchr(" \t\r.!)", c->text[p]) == NULL) {
			return false;
		}
	}
	return true;
}

#define OC_SIGNED_WORDS 3	/* words of the sender's name after thanks */

/*
 * signed_end - from p only the sender's own name (at most
 * OC_SIGNED_WORDS words, each opening a word of the From display name)
 * stands before the paragraph ends: the sign-off written on the line of
 * the thanks ("Thank you. Robin", "Danke! Jutta K.", "Merci. Inès").
 * Looks at those few words only.
 */
static bool
signed_end(const struct cl *c, size_t p)
{
	const char *name = c->m->from.name;
	size_t words = 0;

	if (name == NULL || *name == '\0')
		return false;
	for (;;) {
		size_t w;

		while (p < c->tlen && strchr(" \t,", c->text[p]) != NULL)
			p++;
		w = p;
		while (p < c->tlen && (isalpha((unsigned char)c->text[p]) ||
		    (unsigned char)c->text[p] >= 0x80 || c->text[p] == '-'))
			p++;
		if (p == w)
			break;
		if (++words > OC_SIGNED_WORDS ||
		    !cl_name_opens(name, c->text + w, p - w))
			return false;
		if (p < c->tlen && c->text[p] == '.')
			p++;	/* an initial: "Jutta K." */
	}
	return words > 0 && paragraph_end(c, p);
}

/*
 * closing_thanks - the thanks t close their paragraph after an account of
 * at least OC_ACCOUNT_WORDS words ("We're home.  Ziggy has shed in one
 * perfect piece ...  Thank you!", "erste Regatta mit dem neuen Großsegel
 * ...  Danke!", "l'eau est claire jusqu'au fond ...  Un grand merci !"):
 * what the sender tells is what the thanks are for, whatever words tell
 * it.  Only in mail that asks nothing (no question mark anywhere, no
 * [outcome offer]: no quote, payment or thanks in advance) and in a
 * paragraph that asks no new work ([aim request]), names no day or hour
 * being arranged ([aim slot], cl_booked_slot: "since Sunday" and "we
 * went up on Sunday" are not one)
 * and no bill or debt ([aim bill], [aim debt]), in mail that owns up
 * to no late payment of the sender's (a slow-payer tag, whatever words
 * tell the lateness: "le mandat ne partira pas avant la fin septembre.
 * Je vous remercie de votre patience."): thanks
 * after arrangements ("the key is under the mat, come on Tuesday.
 * Thanks!") or for patience with a late payment ("je ne pourrai régler
 * la facture qu'à la fin du mois.  Merci de votre patience.") are
 * courtesy, and thanks after an account of the one the owner recommended
 * ([aim vouched]: "der Hufschmied, den Sie mir empfohlen haben, ist
 * großartig ...  Danke für den Tipp!") are for the tip, not for work.
 * The thanks open their sentence (at most OC_THANKS_LEAD
 * words before them), or the clause after a judgement's comma or dash
 * with no sneer after them (oc_thanks_tacked: "Un trabajo de primera,
 * muchas gracias.", not "Ein Erlebnis der Extraklasse, vielen Dank
 * auch.").  Weighs one.
 */
bool
oc_closing_thanks(const struct cl *c, const struct cl_outhit *t)
{
	size_t tb, te, pb;

	if (t == NULL || memchr(c->text, '?', c->tlen) != NULL ||
	    oc_has_hit(c, "offer", 0, c->tlen, NULL))
		return false;
	oc_sentence_of(c, t->at, &tb, &te);
	if (!(paragraph_end(c, te) || signed_end(c, te)))
		return false;
	pb = cl_paragraph_start(c->text, tb);
	if (cl_words(c->text, tb, t->at.start, OC_THANKS_LEAD) >
	    OC_THANKS_LEAD && !oc_thanks_tacked(c, t->at, pb, tb, te,
	    OC_THANKS_LEAD))
		return false;	/* "Ein Erlebnis der Extraklasse, vielen
				 * Dank auch." a sneer */
	if (cl_words(c->text, pb, tb, OC_ACCOUNT_WORDS - 1) < OC_ACCOUNT_WORDS)
		return false;
	return !cl_sender_tagged(c, "slow-payer") &&
	    !cl_near_between(c, pb, te, "request") &&
	    !cl_near_between(c, pb, te, "vouched") &&
	    !cl_booked_slot(c, pb, te) &&
	    !cl_near_between(c, pb, te, "bill") &&
	    !cl_near_between(c, pb, te, "debt");
}
