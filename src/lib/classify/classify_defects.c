/*
 * classify_defects - complaint from the defects the sender describes.
 *
 * DESCRIPTION
 *	The complaint half of classify_outcome.c (whose comment says what
 *	makes one): standing defects, persistence, asking for the work to
 *	be put right, a held payment, what was paid, a breach of what was
 *	agreed ([outcome agreed]), work late against a promised time
 *	([outcome due] beside [outcome still] or [outcome now]), asking
 *	outright in a reply for the work to be redone or the money back
 *	([outcome redo]), defects beside contempt for the owner in a reply
 *	(the rude tag), what the sender expected for the price paid
 *	([outcome expect] beside [outcome priced] or a sum: "I was
 *	expecting kit in working order for that money", "Bei 290 Euro
 *	erwarte ich"), and the
 *	sender's will laid on doing the work again (cl_redress_willed:
 *	"Ich erwarte, dass das nachgebessert wird"), a tied fault by itself
 *	in mail that asks for no work.
 *
 * OWNS
 *	Nothing beyond the complaint tag it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again, except once for [aim work] or [aim
 *	exonerate] when a complaint is otherwise made.
 */
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

/*
 * defects - weigh the standing defects of the text into k (and excess
 * beside a process's participle, oc_overdone: "tostado de más"): one each
 * (at most two per sentence), one more for persistence in the sentence; a
 * defect word that judges a span of time the sender lived through
 * (cl_own_time) is none, nor one standing alone as a verdict on a third
 * party the sentence before it names ("mon assurance refuse de
 * rembourser.  Lamentable.": cl_verdict_on_other), nor one in a
 * sentence that recommends the owner to somebody or introduces them
 * (cl_cue_in_sentence: "j'ai donné votre numéro à mon beau-frère, qui a
 * deux peupliers qui penchent" tells the newcomer's trouble), nor one
 * the owner's work found in the sender's things (cl_found_by_owner:
 * "vous avez repéré deux mousquetons fatigués").
 */
static void
defects(const struct cl *c, struct oc_case *k)
{
	size_t last_sb = (size_t)-1, in_sentence = 0;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!(oc_is_name(h, "defect") || oc_overdone(c, h)) ||
		    !oc_stands(c, h, false) ||
		    cl_own_time(c, h->at) || cl_verdict_on_other(c, h->at) ||
		    cl_found_by_owner(c, h->at) ||
		    cl_cue_in_sentence(c, h->at, true))
			continue;	/* "what a rotten fortnight" is lived */
		oc_sentence_of(c, h->at, &sb, &se);
		if (sb != last_sb) {
			last_sb = sb;
			in_sentence = 0;
		}
		if (++in_sentence > 2)
			continue;
		if (k->lead == NULL)
			k->lead = h;
		k->weight++;
		k->ndefects++;
		/* "the hatch shuts snugly now instead of rattling": what it
		 * used to do */
		if (!oc_has_hit(c, "good", sb, se, NULL) &&
		    !oc_has_hit(c, "now", sb, se, NULL))
			k->nbare++;
		oc_note(k, h);
		for (size_t j = 0; j < c->noutc && in_sentence == 1; j++) {
			const struct cl_outhit *s = &c->outc[j];

			if (oc_is_name(s, "still") && s->at.start >= sb &&
			    s->at.end <= se && s != h &&
			    !(s->at.start >= h->at.start &&
			    s->at.end <= h->at.end)) {
				k->weight++;
				k->persists = true;
				oc_note(k, s);
				break;
			}
		}
	}
}

/*
 * grounds - what the sender paid for the work, or that they are not
 * content with it ([outcome unhappy], or a letdown: "it's not what I
 * expected", cl_letdown): each a tie weighing one, once
 */
static void
grounds(const struct cl *c, struct oc_case *k)
{
	bool paid = false, unhappy = false;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		bool letdown = cl_letdown(c, h);	/* its negation is
							 * its own */
		bool *seen = oc_is_name(h, "paid") ? &paid :
		    oc_is_name(h, "unhappy") || letdown ? &unhappy : NULL;

		if (seen == NULL || *seen || (!letdown && !oc_stated(c, h)))
			continue;
		*seen = true;
		k->weight++;
		k->tied = true;
		oc_note(k, h);
	}
}

/* demands - asking for the work to be put right (by a phrase, or by an
 * obligation to do it again: cl_redress_demanded), or a held payment */
static void
demands(const struct cl *c, struct oc_case *k)
{
	const struct cl_outhit *mend;
	bool back = false, withhold = false;

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!(oc_is_name(h, "back") && !back) &&
		    !(oc_is_name(h, "withhold") && !withhold))
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		if (oc_quoted(c, sb, h->at) ||
		    oc_negated(c, cl_clause_start(c->text, sb, h->at.start), h->at,
		    OC_NEGATION_WORDS))
			continue;
		*(oc_is_name(h, "back") ? &back : &withhold) = true;
		k->weight++;
		k->tied = true;
		oc_note(k, h);
	}
	if (!back && cl_redress_demanded(c, &mend)) {
		k->weight++;
		k->tied = true;
		oc_note(k, mend);
	}
}

/* article_at - after blanks, s (n bytes) starts with an article */
static bool
article_at(const char *s, size_t n)
{
	static const char *const art[] = {
		"a", "an", "the", "un", "une", "le", "la", "les", "des", "el",
		"los", "las", "unos", "unas", "der", "die", "das", "ein",
		"eine", "einen",
	};
	size_t i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	for (k = i; k < n && s[k] != ' ' && s[k] != '\n' && s[k] != ','; k++)
		;
	for (size_t j = 0; j < sizeof(art) / sizeof(art[0]); j++)
		if (strlen(art[j]) == k - i &&
		    strncasecmp(s + i, art[j], k - i) == 0)
			return true;
	return false;
}

/*
 * contrast_after - the clause after at opens on a negation: "I asked for
 * a tidy, not a shave", "pedí un arreglo, no un rapado"
 */
static bool
contrast_after(const struct cl *c, struct cl_span at, size_t se)
{
	size_t w = at.end, e;

	while (w < se && strchr(",;", c->text[w]) == NULL)
		w++;
	if (w >= se)
		return false;
	for (w++; w < se && strchr(" \t\r\n", c->text[w]) != NULL; w++)
		;
	for (e = w; e < se && strchr(" \t\r\n,;.!", c->text[e]) == NULL; e++)
		;
	if (e == w || !cl_near_between(c, w, e, "negation"))
		return false;
	/* the negation sets a thing against a thing: "not a shave", "keine
	 * Glatze"; "not sure you got it" is no contrast */
	if (strncasecmp(c->text + w, "kein", 4) == 0)
		return true;
	return article_at(c->text + e, se - e);
}

/*
 * contrast_bare - among the OC_CONTRAST_WORDS words right after at, with
 * no comma between, a negation set against a thing: "i asked for a tidy
 * not a massacre", "ich wollte einen Schnitt keine Glatze"
 */
static bool
contrast_bare(const struct cl *c, struct cl_span at, size_t se)
{
	size_t w = at.end, e;

	for (size_t n = 0; n < OC_CONTRAST_WORDS && w < se; n++, w = e) {
		while (w < se && strchr(" \t\r\n", c->text[w]) != NULL)
			w++;
		for (e = w; e < se && strchr(" \t\r\n,;.!?", c->text[e]) == NULL;
		    e++)
			;
		if (e == w)
			return false;	/* a clause ends: contrast_after's */
		if (cl_near_between(c, w, e, "negation"))
			return strncasecmp(c->text + w, "kein", 4) == 0 ||
			    article_at(c->text + e, se - e);
	}
	return false;
}

/*
 * breached - what the sender agreed with the owner ([outcome agreed]:
 * "what we paid for", "was ich bestellt habe", "ce que j'avais
 * commandé", "lo que pedí") set against what came: a negation just
 * before it that denies it (oc_agreed_denied: "it isn't what we paid
 * for"; not "nicht abgeschreckt, ich wollte es Ihnen nur sagen") or a
 * clause that opens on one after it ("I asked for a tidy, not a shave",
 * with or without the comma), with nobody else named up to it (what came may be "the old shop's number").  Whatever the
 * words of the fault, the work fell short of the agreement; unless the
 * sender, putting off their own payment, admits the breach as theirs
 * (cl_blame_admitted: "I know that's not what we agreed").
 */
static bool
breached(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at) ||
	    oc_has_hit(c, "hedge", sb, h->at.start, h) ||
	    oc_third_party(c, sb, h->at.end) || cl_blame_admitted(c, h->at))
		return false;	/* "what our last printer promised"; "I'll pay
				 * in March.  I know that's not what we agreed" */
	return oc_agreed_denied(c, sb, h->at) ||
	    contrast_after(c, h->at, se) || contrast_bare(c, h->at, se);
}

/* breaches - the first breach of the text: a defect and its tie to the
 * owner's work, weighing two */
static void
breaches(const struct cl *c, struct oc_case *k)
{
	for (size_t i = 0; i < c->noutc; i++)
		if (oc_is_name(&c->outc[i], "agreed") &&
		    breached(c, &c->outc[i])) {
			oc_tied_fault(k, &c->outc[i]);
			return;
		}
}

/* next_sentence - the bounds of the sentence after [.., se), or false */
static bool
next_sentence(const struct cl *c, size_t se, size_t *nb, size_t *ne)
{
	if (se >= c->tlen)
		return false;
	oc_sentence_of(c, (struct cl_span){ se, se }, nb, ne);
	return *nb >= se && *ne > *nb;
}

/* prev_sentence - the bounds of the sentence before [sb, ..), or false */
static bool
prev_sentence(const struct cl *c, size_t sb, size_t *pb, size_t *pe)
{
	if (sb == 0)
		return false;
	oc_sentence_of(c, (struct cl_span){ sb - 1, sb - 1 }, pb, pe);
	return *pb < sb;
}

/*
 * overdue - a time or a result the owner promised, or the sender
 * expected ([outcome due]: "was due", "I was told it would", "we had
 * thought that was fixed", "vous deviez", "quedamos en que"), stated in
 * a sentence that is no question and speaks of no third party, with a
 * persistence ([outcome still]) or a date reached ([outcome now]: "it's
 * now the 24th", "nous sommes le 28") within OC_DUE_SENTENCES sentences
 * either side: the promise is set against what came
 */
static bool
overdue(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, from, to, b, e;

	oc_sentence_of(c, h->at, &sb, &se);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at) ||
	    oc_has_hit(c, "hedge", sb, h->at.start, h) ||
	    oc_third_party(c, sb, se))
		return false;
	/* "I know your invoice was due at the end of last month": what is
	 * late is the sender's payment of the owner's bill */
	if (cl_near_between(c, sb, se, "bill") ||
	    cl_near_between(c, sb, se, "owed"))
		return false;
	from = sb;
	to = se;
	for (int n = 0; n < OC_DUE_SENTENCES && prev_sentence(c, from, &b, &e);
	    n++)
		from = b;
	for (int n = 0; n < OC_DUE_SENTENCES && next_sentence(c, to, &b, &e);
	    n++)
		to = e;
	return oc_has_hit(c, "still", from, to, h) ||
	    oc_has_hit(c, "now", from, to, h) ||
	    oc_has_hit(c, "elapsed", from, to, h);
}

/* mark_len - the opening (or, closing, the closing) quotation mark at s */
static size_t
mark_len(const char *s, size_t n, bool closing)
{
	static const char *const open[] = {
		"\"", "\xe2\x80\x9c", "\xc2\xab", "\xe2\x80\x9e",
	};
	static const char *const close[] = {
		"\"", "\xe2\x80\x9d", "\xc2\xbb", "\xe2\x80\x9c",
	};
	const char *const *set = closing ? close : open;

	for (size_t i = 0; i < sizeof(open) / sizeof(open[0]); i++) {
		size_t k = strlen(set[i]);

		if (k <= n && memcmp(s, set[i], k) == 0)
			return k;
	}
	return 0;
}

/* skip_blank - the first byte at or after i that is no blank */
static size_t
skip_blank(const struct cl *c, size_t i)
{
	while (i < c->tlen && strchr(" \t\r\n", c->text[i]) != NULL)
		i++;
	return i;
}

/*
 * promise_quoted - the mail opens (after a greeting line, if any) on a
 * short quotation: the owner's own words set back before them ("“Back
 * inside a fortnight.”", "«Prête fin juillet»");
 * the end of its closing mark, or 0
 */
static size_t
promise_quoted(const struct cl *c)
{
	size_t p = skip_blank(c, 0), nl, k, q;

	for (nl = p; nl < c->tlen && nl - p < OC_GREETING_LINE &&
	    c->text[nl] != '\n'; nl++)
		;
	if (nl > p && nl < c->tlen && c->text[nl] == '\n' &&
	    strchr(",:", c->text[nl - 1]) != NULL)
		p = skip_blank(c, nl);
	if ((k = mark_len(c->text + p, c->tlen - p, false)) == 0)
		return 0;
	for (q = p + k; q < c->tlen && q - p < OC_PROMISE_QUOTE; q++) {
		size_t e;

		if (c->text[q] == '\n' && q + 1 < c->tlen &&
		    c->text[q + 1] == '\n')
			return 0;	/* a paragraph, not a promise */
		if ((e = mark_len(c->text + q, c->tlen - q, true)) != 0)
			return q > p + k ? q + e : 0;
	}
	return 0;
}

/*
 * promise_lapsed - the time gone by since a promise quoted back at the
 * mail's opening ([outcome elapsed]: "Seven weeks later", "Ya van siete
 * semanas", "Nous sommes mi-septembre"), standing shortly after its
 * closing mark: the hit, or NULL
 */
static const struct cl_outhit *
promise_lapsed(const struct cl *c)
{
	size_t qe = promise_quoted(c);

	if (qe == 0)
		return NULL;
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se;

		if (!oc_is_name(h, "elapsed") || h->at.start < qe ||
		    h->at.start - qe > OC_PROMISE_GAP)
			continue;
		/* the closing mark may share the sentence ("» Ça fait deux
		 * mois."): it is read from the mark on */
		oc_sentence_of(c, h->at, &sb, &se);
		if (sb < qe)
			sb = qe;
		if (!cl_asks(c->text, sb, se) &&
		    !oc_has_hit(c, "hedge", sb, h->at.start, h) &&
		    !oc_negated(c, sb, h->at, OC_NEGATION_WORDS))
			return h;
	}
	return NULL;
}

/*
 * put_right - asking outright for the work to be done again or the money
 * back ([outcome redo]: "redo it", "rembourser", "rehacer"), in a reply
 * to the owner, neither negated, hedged nor quoted: a fault put to the
 * owner by its remedy
 */
static bool
put_right(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb;

	if (!cl_is_reply(c->m))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	cb = cl_clause_start(c->text, sb, h->at.start);
	return !oc_quoted(c, sb, h->at) &&
	    !oc_has_hit(c, "hedge", cb, h->at.start, h) &&
	    !oc_has_hit(c, "offer", sb, se, h) &&
	    !oc_negated(c, cb, h->at, OC_NEGATION_WORDS) &&
	    !oc_third_party(c, sb, se);
}

/*
 * remedies - the first late work (a promise with persistence or a date
 * reached beside it, or quoted back at the opening with the time gone by
 * after it) and the first outright request to put it right: each a
 * defect tied to the owner's work, weighing two
 */
static void
remedies(const struct cl *c, struct oc_case *k)
{
	bool late = false, redo = false;
	/* "I know your invoice was due on Friday": the sender's payment is
	 * what is late */
	struct cl_span put_off;
	bool owes = cl_sender_tagged(c, "slow-payer") ||
	    cl_money_defers(c, &put_off);

	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];

		if (oc_is_name(h, "due") && !late && !owes && overdue(c, h))
			late = true;
		else if (oc_is_name(h, "redo") && !redo && put_right(c, h))
			redo = true;
		else
			continue;
		oc_tied_fault(k, h);
	}
	if (!late && !owes) {
		const struct cl_outhit *h = promise_lapsed(c);

		if (h != NULL)
			oc_tied_fault(k, h);
	}
}

/*
 * priced - what the sender expected ([outcome expect]: "I was
 * expecting", "erwarte ich", "je m'attendais", "esperaba") set against
 * the price in its own sentence ([outcome priced]: "for that money",
 * "für das Geld", "à ce prix", "por ese precio"; or a sum: "Bei 290 Euro
 * erwarte ich"), stated: no question, condition or negation before it,
 * not quoted, no third party.  The sender weighs what came against what
 * they paid the owner: a fault of the work, whatever its words.  The
 * sentence is read for a sum only for an expectation that stands, and
 * never in mail that haggles.
 */
static bool
priced(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se, cb;

	oc_sentence_of(c, h->at, &sb, &se);
	cb = cl_clause_start(c->text, sb, h->at.start);
	if (cl_asks(c->text, sb, se) || oc_quoted(c, sb, h->at) ||
	    oc_has_hit(c, "hedge", sb, h->at.start, h) ||
	    oc_negated(c, cb, h->at, OC_NEGATION_WORDS) ||
	    oc_third_party(c, sb, se))
		return false;	/* "if you'd expect more for that price" */
	/* "£3,000 then, and I expect it done properly": a sum still
	 * bargained over is a price to come, not one paid */
	return oc_has_hit(c, "priced", sb, se, h) ||
	    (!cl_sender_tagged(c, "haggler") &&
	    cl_near_sum_in(c->text, sb, se));
}

/* fault_told - a defect, trouble or part that gives way in the mail */
static bool
fault_told(const struct cl *c)
{
	return oc_has_hit(c, "defect", 0, c->tlen, NULL) ||
	    oc_has_hit(c, "trouble", 0, c->tlen, NULL) ||
	    oc_has_hit(c, "budge", 0, c->tlen, NULL);
}

/*
 * expectations - the first expectation set against the price: a defect
 * tied to the owner's work, weighing two.  One in the present ([outcome
 * expectnow]: "I expect", "erwarte ich") may look forward to work to come
 * ("d'accord pour 1 800 euros.  Pour ce prix, je m'attends à ce que le
 * cerclage soit en acier"): it counts only beside a fault the mail tells.
 */
static void
expectations(const struct cl *c, struct oc_case *k)
{
	bool fault = fault_told(c);

	for (size_t i = 0; i < c->noutc; i++)
		if ((oc_is_name(&c->outc[i], "expect") ||
		    (fault && oc_is_name(&c->outc[i], "expectnow"))) &&
		    priced(c, &c->outc[i])) {
			oc_tied_fault(k, &c->outc[i]);
			return;
		}
}

/*
 * owns_trouble - the sender owns the trouble ([outcome self]: "my fault",
 * "I dropped it"), unless a negation or a denial ([outcome none]:
 * "without", "ohne", "sans que", "sin") stands just before it in its
 * clause: "ohne dass ich sie fallen gelassen habe", "it's not my fault"
 */
static bool
owns_trouble(const struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		size_t sb, se, cb;

		if (!oc_is_name(h, "self"))
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		cb = cl_clause_start(c->text, sb, h->at.start);
		if (oc_negated(c, cb, h->at, OC_SELF_WORDS) ||
		    oc_has_hit(c, "none", cl_words_back(c->text, cb,
		    h->at.start, OC_SELF_WORDS), h->at.start, h))
			continue;
		return true;
	}
	return false;
}

/*
 * new_job - a fault in a first request that asks nothing put right
 * ([outcome redo]) and whose sentence speaks neither to the owner nor of
 * their work (cl_blame_first_fault): "can your lads have a look at the
 * cradle?  One of the runners has cracked through." brings a job; an
 * account of a job gone wrong asks for it redone ("I want it redone
 * properly or my money back").
 */
static bool
new_job(const struct cl *c, const struct oc_case *k)
{
	return !oc_has_hit(c, "redo", 0, c->tlen, NULL) &&
	    cl_blame_first_fault(c, k->lead->at);
}

/* oc_complaint - the defects described make a complaint: 1, 0, -1 on ENOMEM */
int
oc_complaint(struct cl *c)
{
	struct oc_case k = { 0 };
	const struct cl_outhit *willed;
	char *ev;

	/* a first request tells the problem to fix, unless it recalls the
	 * owner's work and demands it put right ("the ladder you fitted ...
	 * I need someone back"); a reply to nobody known likewise, unless it
	 * reports on the owner's finished work (cl_finished_told) */
	if ((cl_first_asks(c) && !cl_redress_recalled(c)) ||
	    (cl_stranger_asks(c) && !cl_finished_told(c, c->tlen)) ||
	    owns_trouble(c))
		return 0;
	defects(c, &k);
	breaches(c, &k);
	expectations(c, &k);
	remedies(c, &k);
	oc_aftercare(c, &k);
	/* "Ich erwarte, dass das nachgebessert wird": the sender lays the
	 * redoing on the owner, whatever words the faults were told in; not
	 * in mail that asks for work ("we want it repainted; could you
	 * quote?" orders a new job) */
	if (k.lead == NULL && !cl_asks_work(c) &&
	    (willed = cl_redress_willed(c)) != NULL)
		oc_tied_fault(&k, willed);
	if (k.lead == NULL)
		return 0;
	demands(c, &k);
	grounds(c, &k);
	/* "ya he visto las molduras ... hay una grieta": a defect told after
	 * the sender says the owner's work is back with them weighs twice
	 * and is the owner's */
	if (cl_finished_told(c, k.lead->at.end)) {
		k.weight++;
		k.tied = true;
	}
	if (k.weight < 2 || new_job(c, &k))
		return 0;
	/* "die Tür klemmt immer noch, und am Rahmen fehlt eine Leiste"; or
	 * two faults told in a reply in a thread about the job */
	if ((k.persists && k.ndefects >= 2) ||
	    (cl_is_reply(c->m) && k.nbare >= 2))
		k.tied = true;
	if (!k.tied && (oc_has_hit(c, "link", 0, c->tlen, NULL) ||
	    cl_near_between(c, 0, c->tlen, "work")))
		k.tied = true;
	/* "schief verlegt ... Das nennen Sie Meisterarbeit?": contempt for
	 * the owner's competence says whose the defects are */
	if (!k.tied && cl_is_reply(c->m) && cl_sender_tagged(c, "rude"))
		k.tied = true;
	if (!k.tied || cl_near_between(c, 0, c->tlen, "exonerate") ||
	    cl_theirs(c, "complaint", k.lead->at))
		return 0;
	if ((ev = oc_evidence(c, &k)) == NULL ||
	    cl_add_tag(c, c->sender, "complaint", ev) < 0)
		return -1;
	return 1;
}
