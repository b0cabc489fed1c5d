/*
 * classify_tags - which of the scan's tag phrases the sender earns.
 *
 * DESCRIPTION
 *	The one scan in classify.c remembered every tag phrase; here each is
 *	weighed in its sentence before it becomes a tag with that sentence as
 *	evidence: an exception ([not NAME]) in the sentence cancels it,
 *	unless a contrast word stands between them; a complaint in a request
 *	for new work names the problem the owner is asked to fix, not the
 *	owner's work; praise in a first enquiry that is not aimed at the
 *	owner is praise for others; a judgement followed by its opposite
 *	after a contrast word means the latter; praise of somebody of a
 *	trade the sender has is theirs (classify_subject.c).  An insult to
 *	the owner that stands complains too, outside talk of money; a bare
 *	exclamation turned at once by irony complains and never praises;
 *	praise after a condition that opens its sentence is none yet; a
 *	complaint word in a clause about what the sender went through ("I've
 *	had an awful month") is the sender's lot, not the owner's doing, and
 *	in a first message one about the sender's own thing ("my fan is
 *	broken") is the job brought to the owner.
 *	Then the enquiry tag (a
 *	first message, not a reply) and the referrer/referred tags of the
 *	referrals found.
 *
 *	Whether a hit is the sender's own judgement at all (quoted,
 *	negated, of a third party) is asked of classify_whose.c; whether
 *	praise is irony or a sneer, of classify_sneer.c.
 *
 * OWNS
 *	Nothing beyond what it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again: only the sentences around its hits.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

/*
 * judgement_cancelled - cl_cancelled, except that an exception before a
 * contrast word does not reach a praise or complaint after it: "sorry
 * for writing again, but I'm still waiting" complains; nor does hearsay
 * ("dicen que") the sender's own people speak reach a praise
 * (cl_ours_say: "Nuestras amazonas dicen que son una maravilla").
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
		if (strcmp(name, "praise") == 0 && cl_ours_say(c, *x))
			continue;	/* the sender's people say it */
		if (x->end > at.start ||
		    !cl_near_between(c, x->end, at.start, "contrast"))
			return true;	/* this one stands */
	}
	return false;
}

/* contrast_seen - the end of the first [aim contrast] phrase, into ctx */
static void
contrast_seen(void *ctx, const struct rules_match *m)
{
	size_t *turn = ctx;

	if (m->kind == RULES_AIM && strcmp(m->name, "contrast") == 0 &&
	    m->end < *turn)
		*turn = m->end;
}

static bool aimed_elsewhere(const struct cl *c, const struct cl_taghit *h);

/*
 * turned_to_failure - text[turn, se), the end of a sentence after its
 * contrast word, is account (cl_tone_account) that the next sentence of
 * its paragraph closes with the sender's complaint of the owner ("Le
 * mariage était superbe, mais je dois vous dire que trois bouteilles
 * ... étaient troubles ...  Je suis déçue, pour ce prix-là."); not a
 * complaint of somebody else ("... I'm very disappointed with the
 * courier.")
 */
static bool
turned_to_failure(const struct cl *c, size_t turn, size_t se)
{
	size_t nb, ne, p;

	for (p = se; p < c->tlen && strchr(" \t\r\n", c->text[p]) != NULL; p++)
		;
	if (p >= c->tlen)
		return false;
	cl_sentence(c->text, c->tlen, p, p, &nb, &ne);
	if (!cl_tone_account(c, turn, se, se, nb))
		return false;
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "complaint") == 0 &&
		    c->tags[j].at.start >= nb && c->tags[j].at.end <= ne &&
		    !cl_cancelled(c, "complaint", c->tags[j].at) &&
		    !cl_not_the_senders(c, &c->tags[j], false) &&
		    !aimed_elsewhere(c, &c->tags[j]))
			return true;
	return false;
}

/*
 * overturned - hit i is a judgement (praise or complaint) that the
 * opposite judgement follows in the same sentence after a contrast word
 * ([aim contrast]: "but", "aber", "mais", "pero"): the sentence means
 * what comes after ("the hotel was awful, but your photos are lovely"
 * praises; "it looks lovely, but the doors still don't close"
 * complains); praise is overturned too by an account after the contrast
 * that a complaint closes in the next sentence (turned_to_failure).  At
 * most CL_MAX_TAGS scans of one sentence each.
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
	/* or an account after the contrast that a complaint closes ("Le
	 * mariage était superbe, mais ... trois bouteilles ... étaient
	 * troubles ...  Je suis déçue") */
	if (strcmp(h->tag, "praise") == 0 && h->at.end < se) {
		size_t turn = (size_t)-1;

		rules_scan(c->r, c->text + h->at.end, se - h->at.end,
		    contrast_seen, &turn);
		return turn != (size_t)-1 &&
		    turned_to_failure(c, h->at.end + turn, se);
	}
	return false;
}

/*
 * conditioned - the sentence of a judgement at opens on a condition
 * ([aim if] its first word: "If", "Falls", "Si") whose clause ends before
 * it: "Falls der Bezug den Winter übersteht, bin ich rundum zufrieden"
 * judges nothing yet.  One scan of that first word.
 */
static bool
conditioned(const struct cl *c, struct cl_span at)
{
	size_t sb, se, p, q;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = sb; p < at.start && strchr(" \t\r\n\"'", c->text[p]); p++)
		;
	for (q = p; q < at.start && c->text[q] != ' ' && c->text[q] != '\n'; q++)
		;
	return q < at.start && cl_clause_start(c->text, sb, at.start) > q &&
	    cl_near_between(c, p, q, "if");
}

/* judged - record tag for the sender with the sentence of at as evidence */
static int
judged(struct cl *c, const char *tag, struct cl_span at)
{
	size_t sb, se;
	char *ev;

	if (cl_theirs(c, tag, at))
		return 0;	/* somebody else's */
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if ((ev = cl_evidence(c->text, sb, se, at.start)) == NULL)
		return -1;
	return cl_add_tag(c, c->sender, tag, ev);
}

/* has_hit - a hit of tag stands in text[from, to); a haggler hit that
 * questions no price (cl_money_misread) is none */
static bool
has_hit(const struct cl *c, const char *tag, size_t from, size_t to)
{
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, tag) == 0 &&
		    c->tags[j].at.start >= from && c->tags[j].at.end <= to &&
		    !cl_cancelled(c, tag, c->tags[j].at) &&
		    !(strcmp(tag, "haggler") == 0 &&
		    cl_money_misread(c, c->tags[j].at)))
			return true;
	return false;
}

/*
 * own_trouble - a complaint word in a sentence where the sender owes
 * money (a slow-payer hit stands in it): "veuillez excuser le retard de
 * paiement", "your invoice is three weeks overdue, I must apologise"
 * speak of the sender's own lateness, not of the owner's work.
 */
static bool
own_trouble(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return has_hit(c, "slow-payer", sb, se);
}

/*
 * reported - a judgement somebody else made, reported by the sender
 * ([aim report] before it in its sentence: "Fran reckons you're the
 * best", "Carmen me ha dicho que", "m'a dit que"), not the sender's own.
 * Praise the sender's own people say is the sender's (cl_others_report:
 * "Die ganze Mannschaft sagt danke, saubere Arbeit!").  An insult is
 * reported when nothing of the owner ([aim]) stands from the clause of
 * the report to it: "Joan says that's nonsense" dismisses a review,
 * while "you told me it was done, nonsense" is said to the owner.
 */
static bool
reported(const struct cl *c, const struct cl_taghit *h)
{
	struct cl_span r;
	size_t sb, se, p;

	cl_sentence(c->text, c->tlen, h->at.start, h->at.end, &sb, &se);
	if (strcmp(h->tag, "praise") == 0)
		return cl_others_report(c, sb, h->at.start);
	if (strcmp(h->tag, "rude") != 0)
		return cl_near_between(c, sb, h->at.start, "report");
	for (p = sb; p < h->at.start && cl_money_seek(c, c->text, p,
	    h->at.start, RULES_AIM, "report", &r); p = r.end)
		if (!cl_near_between(c, cl_clause_start(c->text, sb, r.start),
		    h->at.end, "aim"))
			return true;
	return false;
}

/*
 * aimed_elsewhere - a rude hit, or a complaint hit inside one ("un
 * desastre" of "un desastre de banco"), whose insult is aimed at a third
 * party (cl_insult_at_other) or at the sender (cl_insult_at_self): the
 * sender vents about the bank, the courier, the post, or runs themself
 * down ("I am hopeless with computers"), not the owner.
 */
static bool
aimed_elsewhere(const struct cl *c, const struct cl_taghit *h)
{
	if (strcmp(h->tag, "rude") == 0)
		return cl_insult_at_other(c, h->at) ||
		    cl_insult_at_self(c, h->at);
	if (strcmp(h->tag, "complaint") != 0)
		return false;
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "rude") == 0 &&
		    c->tags[j].at.start <= h->at.start &&
		    c->tags[j].at.end >= h->at.end)
			return cl_insult_at_other(c, c->tags[j].at) ||
			    cl_insult_at_self(c, c->tags[j].at);
	return false;
}

/* settled - the figure at is a sum paid ([not slow-payer] in its sentence)
 * or the owner's own discounted price (cl_money_owner_cut) */
static bool
settled(const struct cl *c, struct cl_span at)
{
	return cl_cancelled(c, "slow-payer", at) || cl_money_owner_cut(c, at);
}

/*
 * counter_offer - a reply that answers a price with a lower figure of its
 * own (cl_near_counter), or any mail proposing a figure below a price it
 * names (cl_money_haggles), haggles, in mail that owes nothing (a
 * slow-payer's part payment is no counter-offer) and has no haggler hit
 * already; a figure proposed beside a payment put off, outside the
 * payment's sentence, and a bigger percentage asked for
 * haggle even so.  Not a figure in a sentence that says it is paid ([not
 * slow-payer]: "I've paid the 40.50") nor the owner's own discounted
 * price taken up (cl_money_owner_cut).
 */
static int
counter_offer(struct cl *c)
{
	struct cl_span at;
	bool owes = has_hit(c, "slow-payer", 0, c->tlen);

	if (has_hit(c, "haggler", 0, c->tlen))
		return 0;
	if (!owes && cl_is_reply(c->m) && cl_near_counter(c, &at) &&
	    !settled(c, at))
		return judged(c, "haggler", at);
	if (cl_money_haggles(c, owes, &at) && !settled(c, at))
		return judged(c, "haggler", at);
	return 0;
}

/* deferred - a payment put off in a thread about a bill (classify_money) */
static int
deferred(struct cl *c)
{
	struct cl_span at;

	if (has_hit(c, "slow-payer", 0, c->tlen) || !cl_money_defers(c, &at))
		return 0;
	return judged(c, "slow-payer", at);
}

/* money_seen - a [weak haggler] word (price, quote, bill) was scanned */
static void
money_seen(void *ctx, const struct rules_match *m)
{
	bool *seen = ctx;

	if (m->kind == RULES_WEAK && strcmp(m->name, "haggler") == 0)
		*seen = true;
}

/* how much of the quoted mail may show it was about money */
#define QUOTE_MONEY_SPAN 600

/*
 * insult_complains - rudeness to the owner that stood complains too:
 * "Absolute cowboys.", "Pathetic service." judge the work.  Not in mail
 * that haggles or answers about money (its subject names a price, quote
 * or bill: "Re: Quote 1182", "RE: your bill", or the mail it quotes
 * does, "The price stands.", or the owner's mail it answers unquoted
 * named a sum or a bill): "don't waste my time" there is a quarrel over
 * money, not a judgement of work done.  Nor
 * where a [not complaint] phrase is in its sentence ("I don't need a
 * lecture from a freelancer" waves the owner's advice away), nor where
 * it quarrels over a price only quoted and walks away (cl_insult_over_price:
 * "Dann eben nicht. Sie sind ein Halsabschneider").
 */
static int
insult_complains(struct cl *c, const struct cl_span *rude)
{
	const char *subj = c->m->subject;
	const struct classify_said *said;
	bool money = false;

	if (rude == NULL || has_hit(c, "haggler", 0, c->tlen) ||
	    cl_sender_tagged(c, "haggler") ||
	    cl_cancelled(c, "complaint", *rude) ||
	    cl_insult_over_price(c, *rude))
		return 0;
	if (subj != NULL)
		rules_scan(c->r, subj, strlen(subj), money_seen, &money);
	/* the reply answers the owner's word on the price ("The price
	 * stands."): the quoted mail's first lines are read once; or the
	 * owner's mail it answers unquoted named a sum or a bill */
	if (!money && cl_is_reply(c->m) && c->m->quoted != NULL)
		rules_scan(c->r, c->m->quoted, utf8_prefix(c->m->quoted,
		    QUOTE_MONEY_SPAN), money_seen, &money);
	if (!money && (said = cl_owner_said(c)) != NULL)
		money = said->cents > 0 || said->bill;
	return money ? 0 : judged(c, "complaint", *rude);
}

/*
 * faint_irony - weak praise that nothing aimed at the owner (so no praise)
 * and that irony turns is a complaint: "Oh brilliant, another 40 minutes
 * in reception"; so is a bare exclamation ([aim exclaim]) turned so.  A
 * sentence with a praise phrase of its own was weighed already, and one
 * with thanks is sincere ("Perfect, thanks again").
 */
static int
faint_irony(struct cl *c)
{
	for (size_t i = 0; i < c->nfaint; i++)
		if (!cl_praised_beside(c, c->faint[i]) && !cl_thanked(c, c->faint[i]) &&
		    !cl_cancelled(c, "praise", c->faint[i]) &&
		    !cl_quoted_words(c, c->faint[i]) &&
		    cl_ironic(c, c->faint[i]) == 2 && cl_sneer_next(c, c->faint[i]))
			return judged(c, "complaint", c->faint[i]);
	return 0;
}

/* cl_tag_facts - the tags the sender's own words earned, plus referral tags */
int
cl_tag_facts(struct cl *c)
{
	const struct message *m = c->m;
	struct facts *f = c->f;
	size_t sb, se, irony_b = 1, irony_e = 0;
	bool fresh = cl_first_asks(c), first = cl_first_contact(c);
	bool stranger = cl_stranger_asks(c);
	struct cl_span rude_at, sneer;
	const struct cl_span *rude = NULL;
	struct cl_mock mock;
	bool sneers;

	cl_tone_tease(c);	/* "Nur eine Beschwerde: ... ;-)" */
	if ((sneers = cl_sneer_at(c, &sneer)) &&
	    judged(c, "complaint", sneer) < 0)
		return -1;
	if (!sneers && cl_mock_cheer(c, &mock)) {
		char *ev = cl_mock_evidence(c, &mock);

		sneers = true;	/* "... the seams lifted.  Marvellous." */
		if (ev == NULL ||
		    cl_add_tag(c, c->sender, "complaint", ev) < 0)
			return -1;
	}
	if (!sneers && cl_closing_cheer(c, &mock)) {
		char *ev = cl_closing_evidence(c, &mock);

		sneers = true;	/* "Une semaine sans réponse.  Bravo." */
		if (ev == NULL ||
		    cl_add_tag(c, c->sender, "complaint", ev) < 0)
			return -1;
	}
	if (!sneers && cl_bracket_cheer(c, &mock)) {
		char *ev = cl_bracket_evidence(c, &mock);

		sneers = true;	/* "Genial.  ... multa ...  Un trabajo
				 * fantástico." */
		if (ev == NULL ||
		    cl_add_tag(c, c->sender, "complaint", ev) < 0)
			return -1;
	}
	for (size_t i = 0; i < c->ntags; i++) {
		char *ev;

		if (judgement_cancelled(c, c->tags[i].tag, c->tags[i].at))
			continue;
		if (sneers && strcmp(c->tags[i].tag, "praise") == 0)
			continue;	/* a sneer's or a mock cheer's mail
					 * praises nothing */
		if (strcmp(c->tags[i].tag, "haggler") == 0 &&
		    cl_money_misread(c, c->tags[i].at))
			continue;	/* a sum paid, an insult's adjective */
		if (strcmp(c->tags[i].tag, "slow-payer") == 0 &&
		    cl_paid_early(c, c->tags[i].at))
			continue;	/* "a week before it's due" */
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    c->tags[i].at.start >= irony_b &&
		    c->tags[i].at.end <= irony_e)
			continue;	/* the echo of ironic praise */
		/* a first contact's or a stranger's, or in any message a
		 * sentence that itself asks for work ("our gutter is leaking
		 * too, could you look at it?") */
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    cl_in_dismissal(c, c->tags[i].at))
			continue;	/* "melden Sie sich nie wieder" */
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    (fresh || stranger ||
		    cl_near_aimed(c, c->tags[i].at, "request")) &&
		    !cl_near_aimed(c, c->tags[i].at, "work") &&
		    !cl_finished_told(c, c->tags[i].at.end))
			continue;	/* a problem the owner is asked to fix;
					 * not after "the blades have come
					 * back" or "ich muss reklamieren" */
		if (strcmp(c->tags[i].tag, "praise") == 0) {
			int irony = cl_ironic(c, c->tags[i].at);

			if (irony == 2 && judged(c, "complaint",
			    c->tags[i].at) < 0)
				return -1;
			if (irony > 0) {
				cl_sentence(c->text, c->tlen,
				    c->tags[i].at.start, c->tags[i].at.end,
				    &irony_b, &irony_e);
				continue;	/* "Great, just great." */
			}
		}
		if (fresh && strcmp(c->tags[i].tag, "praise") == 0 &&
		    (!cl_near_aimed(c, c->tags[i].at, "aim") ||
		    cl_their_verdict(c, c->tags[i].at)))
			continue;	/* an enquiry's compliment for others,
					 * or another's satisfaction reported */
		if (overturned(c, i))
			continue;
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    (conditioned(c, c->tags[i].at) ||
		    cl_vouched(c, c->tags[i].at) ||
		    cl_praise_hoped(c, c->tags[i].at)))
			continue;	/* "if it stays dry, I'll be delighted";
					 * "the farrier you recommended is great";
					 * "I expect excellent work" */
		if (cl_not_the_senders(c, &c->tags[i], first))
			continue;
		if (strcmp(c->tags[i].tag, "complaint") == 0 &&
		    (own_trouble(c, c->tags[i].at) ||
		    cl_own_lot(c, c->tags[i].at) ||
		    cl_own_time(c, c->tags[i].at) ||
		    (first && (cl_own_thing(c, c->tags[i].at) ||
		    cl_blame_first_fault(c, c->tags[i].at))) ||
		    cl_exonerated(c, c->tags[i].at) ||
		    cl_blame_own_debt(c, c->tags[i].at)))
			continue;
		if ((strcmp(c->tags[i].tag, "praise") == 0 ||
		    strcmp(c->tags[i].tag, "complaint") == 0 ||
		    strcmp(c->tags[i].tag, "rude") == 0) &&
		    reported(c, &c->tags[i]))
			continue;
		if (aimed_elsewhere(c, &c->tags[i]))
			continue;	/* "The delivery firm are clowns" */
		if (cl_theirs(c, c->tags[i].tag, c->tags[i].at))
			continue;	/* "The courier I booked was useless" */
		if (strcmp(c->tags[i].tag, "slow-payer") == 0 &&
		    cl_plain_disputed(c, c->tags[i].at))
			continue;	/* "et vous osez m'envoyer la facture
					 * complète ?" */
		if (strcmp(c->tags[i].tag, "rude") == 0) {
			const char *aim = cl_rude_aimed(c, c->tags[i].at);

			if (aim == NULL)
				continue;	/* "this bloody rain", "putain
						 * de bouchons": swearing at
						 * no one */
			if (strcmp(aim, "insult") == 0 &&
			    cl_insult_thing(c, c->tags[i].at))
				continue;	/* "J'ai un petit clown
						 * musicien": a thing the
						 * sender owns */
		}
		/* the first insult weighs for a complaint; when an exception
		 * keeps it from complaining ("Jeder Lehrling bekommt das
		 * besser hin"), a name called beside it ([outcome insult]:
		 * "Was für eine Stümperin") weighs instead, or any insult
		 * beside a defect that stands ("bulleux au pied ... C'est du
		 * travail de cochon"), not scorn alone ("pas besoin de vos
		 * conseils ... trop compliqué pour vous") */
		if (strcmp(c->tags[i].tag, "rude") == 0 && (rude == NULL ||
		    (cl_cancelled(c, "complaint", *rude) &&
		    !cl_cancelled(c, "complaint", c->tags[i].at) &&
		    (cl_outcome_in(c, "insult", c->tags[i].at.start,
		    c->tags[i].at.end) || cl_defect_stands(c))))) {
			rude_at = c->tags[i].at;
			rude = &rude_at;
		}
		cl_sentence(c->text, c->tlen, c->tags[i].at.start,
		    c->tags[i].at.end, &sb, &se);
		if ((ev = cl_evidence(c->text, sb, se,
		    c->tags[i].at.start)) == NULL ||
		    cl_add_tag(c, c->sender, c->tags[i].tag, ev) < 0)
			return -1;
	}
	if (deferred(c) < 0 || counter_offer(c) < 0 ||
	    insult_complains(c, rude) < 0 ||
	    faint_irony(c) < 0)
		return -1;
	/* a first message that is not a reply is an enquiry: a forwarded
	 * request is the enquiry of the person who wrote it */
	const char *asker = c->sender;

	for (size_t i = 0; i < f->nreferrals; i++)
		if (strcmp(f->referrals[i].how, "forward") == 0)
			asker = f->referrals[i].referred;
	if (asker == c->sender && m->forwarded.email != NULL)
		asker = NULL;	/* a forward that is no request: no enquiry */
	if (asker != NULL && m->in_reply_to == NULL && m->nreferences == 0 &&
	    !cl_is_reply(m) &&
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
