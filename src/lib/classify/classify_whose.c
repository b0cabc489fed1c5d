/*
 * classify_whose - whether a judgement hit of the scan is the sender's own.
 *
 * DESCRIPTION
 *	classify_tags.c weighs each tag phrase before it becomes a tag; here
 *	are the tests that say a praise, complaint, rudeness or haggling
 *	hit is not the sender's judgement of the owner's work: cancelled by
 *	an exception ([not NAME]) in its sentence (for a referral cue, not
 *	one in a later clause that "when", "als", "quand", "cuando" opens), inside quotation marks,
 *	beside a referral or introduction cue, negated or denied just before
 *	it, in a question about how to complain or about whether something
 *	is broken at all, or said of a third party the sender names ([aim
 *	other]) before it, or after it by a tie, with nothing aiming it at
 *	the owner, or with the owner cleared of the trouble in its
 *	paragraph ([aim exonerate]); praise of the one the owner
 *	recommended ([aim vouched]) is that one's, and praise in a clause
 *	said by name to somebody else the mail goes to, the owner unnamed,
 *	is said to them.
 *
 * OWNS
 *	Nothing: every test reads the scan's hits and the text.
 *
 * NEVER
 *	Adds a tag, or scans more than the sentences around a hit.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

/*
 * shorter_reading - the exception x is a shorter reading of the rude
 * hit's own words: it overlaps the hit, and the hit goes on past its end
 * to words that speak to the owner ([aim]).  "You have no idea what
 * you're doing" is the rude "no idea what you're doing", not the
 * sender's own "have no idea"; an exception that covers the hit to its
 * end ("not a joke" over "joke") still cancels it.
 */
static bool
shorter_reading(const struct cl *c, const char *name, struct cl_span x,
    struct cl_span at)
{
	return strcmp(name, "rude") == 0 && x.start < at.end &&
	    x.end > at.start && x.end < at.end &&
	    cl_near_between(c, x.end, at.end, "aim");
}

/*
 * later_clause - the referral exception x stands after the cue at, in a
 * clause of its own ("Priya Nair recommended you to me when I mentioned
 * we needed a crane"): the sender's words there tell of the sender, not
 * of who recommended whom.
 */
static bool
later_clause(const struct cl *c, const char *name, struct cl_span x,
    struct cl_span at)
{
	return strcmp(name, "referral") == 0 && x.start >= at.end &&
	    cl_subordinate_between(c->text, at.end, x.start);
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
		    c->except[i].at.start >= sb && c->except[i].at.end <= se &&
		    !shorter_reading(c, name, c->except[i].at, at) &&
		    !later_clause(c, name, c->except[i].at, at))
			return true;
	return false;
}

/* drop_cancelled - remove the cues of kind `name` an exception cancels */
size_t
cl_drop_cancelled(const struct cl *c, const char *name, struct cl_span *v,
    size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++)
		if (!cl_cancelled(c, name, v[i]))
			v[o++] = v[i];
	return o;
}
#define NEGATION_WORDS	6	/* words before a judgement a negation reaches */
#define NEGATION_WORDS_COMPLAINT 2	/* ... before a complaint word */

/*
 * cl_quoted_words - the hit stands inside quotation marks in its sentence:
 * somebody else's words the sender reports ("a review said 'never
 * again'"), not the sender's own judgement.  An odd number of marks
 * before it, or after it when the quotation opened in an earlier
 * sentence.
 */
bool
cl_quoted_words(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_quote_marks(c->text, sb, at.start) % 2 == 1)
		return true;
	return cl_quote_marks(c->text, sb, at.start) == 0 &&
	    cl_quote_marks(c->text, at.end, se) % 2 == 1;
}

/* span_within - one of the n spans v lies in [sb, se) */
static bool
span_within(const struct cl_span *v, size_t n, size_t sb, size_t se)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].start >= sb && v[i].end <= se)
			return true;
	return false;
}

/*
 * cl_cue_in_sentence - a referral or introduction cue shares the hit's
 * sentence: "Dana is delighted with you and gave me your number",
 * "I've copied in Karim, who has a leak under his sink".  What it judges
 * belongs to the person recommended or introduced, not to the sender.
 * With announce, so does the owner's number passed on ("j'ai donné votre
 * numéro à mon beau-frère, qui a deux peupliers qui penchent").
 */
bool
cl_cue_in_sentence(const struct cl *c, struct cl_span at, bool announce)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return span_within(c->ref, c->nref, sb, se) ||
	    span_within(c->intro, c->nintro, sb, se) ||
	    (announce && (span_within(c->give, c->ngive, sb, se) ||
	    span_within(c->come, c->ncome, sb, se)));
}

/*
 * negated - an [aim negation] word ("not", "nicht", "pas", "no") among
 * the `words` words before the hit, in the same clause (no comma,
 * semicolon or colon between): "I can't say I was impressed", "nicht
 * zufrieden", "keine Reklamationen".  A negation inside the phrase
 * itself ("couldn't be happier") is the phrase's own business.
 */
static bool
negated(const struct cl *c, struct cl_span at, size_t words)
{
	size_t sb, se, from = at.start, n = 0;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (from > sb && n < words) {
		char ch = c->text[from - 1];

		if (ch == ',' || ch == ';' || ch == ':')
			break;
		from--;
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r' &&
		    (from == sb || c->text[from - 1] == ' ' ||
		    c->text[from - 1] == '\t' || c->text[from - 1] == '\n' ||
		    c->text[from - 1] == '\r'))
			n++;
	}
	return cl_near_between(c, from, at.start, "negation");
}

/*
 * asks_how_to_complain - a complaint word in a question that asks how,
 * where or to whom to complain ([aim ask]: "who do I complain to",
 * "wo kann ich mich", "dónde puedo"): a complaint about somebody else.
 */
static bool
asks_how_to_complain(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	while (se > sb && (c->text[se - 1] == ' ' || c->text[se - 1] == '\n' ||
	    c->text[se - 1] == '\r' || c->text[se - 1] == '\t'))
		se--;
	return se > sb && c->text[se - 1] == '?' &&
	    cl_near_aimed(c, at, "ask");
}

/* Verbs and nouns of knowing that a negation turns into doubt, and the
 * words that open the indirect question doubted, in four languages. */
static const char *const knowing[] = {
	"know", "sure", "certain", "idea", "weiss", "wissen", "sicher",
	"ahnung", "sais", "sait", "savons", "sur", "certaine", "idee",
	"se", "sabemos", "seguro", "segura",
};
static const char *const whether[] = { "whether", "if", "ob", "si" };

/*
 * in_doubt - a complaint word inside an indirect question the sender
 * cannot answer: a negated verb of knowing, then "whether" at most two
 * words on, then the word in the same clause with nothing of the owner
 * ([aim]) between: "Ich weiß nicht, ob die Heizung kaputt ist oder das
 * Thermostat", "I'm not sure whether the pump is faulty", "je ne sais
 * pas si la résistance est cassée", "no sé si está roto".  The sender
 * asks what is wrong; "I don't know if you realise how badly it was
 * done" speaks to the owner and stands.
 */
static bool
in_doubt(const struct cl *c, struct cl_span at)
{
	struct rules_word w;
	size_t sb, se, p, since = 3, kb = 0;
	bool knew = false;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = sb; rules_word_next(c->text, at.start, &p, &w); since++) {
		if (w.overflow)
			continue;
		if (str_in_list(knowing, sizeof(knowing) / sizeof(knowing[0]),
		    w.folded)) {
			kb = cl_clause_start(c->text, sb, w.start);
			knew = true;
			since = 0;
			continue;
		}
		if (since > 2 || !knew ||
		    !str_in_list(whether, sizeof(whether) / sizeof(whether[0]),
		    w.folded))
			continue;
		if (cl_near_between(c, kb, w.start, "negation") &&
		    cl_clause_end(c->text, w.end, at.start) == at.start &&
		    !cl_near_between(c, w.start, at.end, "aim"))
			return true;
	}
	return false;
}

/* clause_of - bounds of the clause around at: , ; : ( ) end one */
static void
clause_of(const struct cl *c, struct cl_span at, size_t *cb, size_t *ce)
{
	size_t sb, se, b = at.start, e = at.end;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	b = cl_clause_start(c->text, sb, b);
	while (e < se && strchr(",;:()", c->text[e]) == NULL)
		e++;
	*cb = b;
	*ce = e;
}

#define VERDICT_WORDS	2	/* words before a verdict standing alone */

/*
 * verdict_of - a clause that is only a verdict on what the clause before
 * it told ("The carrier lost my parcel, a disgrace, so ...", "die Post hat
 * es verschlampt, eine Frechheit", "une honte", "una vergüenza"): at most
 * VERDICT_WORDS words before the judgement and none after it in its
 * clause, set off by a comma (after a colon it is what the sentence
 * opened on: "... cette semaine : un travail impeccable").  Its subject
 * is the clause before, so that clause's start is where the judgement's
 * own clause begins.
 */
static size_t
verdict_of(const struct cl *c, struct cl_span at, size_t cb, size_t ce)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cb <= sb || c->text[cb - 1] != ',' ||
	    rules_words(c->text, cb, at.start, VERDICT_WORDS) >
	    VERDICT_WORDS || rules_words(c->text, at.end, ce, 0) > 0)
		return cb;
	return cl_clause_start(c->text, sb, cb - 1);
}

/*
 * other_clause - the judgement's own clause names a third party ([aim
 * other]: "the delivery driver", "our last cleaner", "Correos") before
 * it and nothing of the owner ([aim]): "Our last cleaner was amazing, so
 * you've got big shoes to fill" praises the last cleaner.  A verdict
 * standing alone judges the clause before it (verdict_of); a content
 * clause after a frame told to the owner starts at its "that"
 * (cl_party_content: "Te escribo para avisarte de que el banco ...").
 */
static bool
other_clause(const struct cl *c, struct cl_span at)
{
	size_t cb, ce;

	clause_of(c, at, &cb, &ce);
	cb = cl_party_content(c, verdict_of(c, at, cb, ce), at);
	return cl_near_between(c, cb, at.start, "other") &&
	    !cl_near_between(c, cb, ce, "aim");
}

/*
 * told_before - the sentence before the one opening at sb, in the same
 * paragraph: its bounds, or false when sb opens a paragraph or the text
 */
static bool
told_before(const struct cl *c, size_t sb, size_t *pb, size_t *pe)
{
	size_t p = sb;
	int lines = 0;

	while (p > 0 && strchr(" \t\r\n", c->text[p - 1]) != NULL)
		if (c->text[--p] == '\n' && ++lines > 1)
			return false;
	if (p == 0)
		return false;
	cl_sentence(c->text, c->tlen, p - 1, p - 1, pb, pe);
	return *pb < *pe;
}

/*
 * cl_verdict_on_other - a verdict that is a sentence of its own ("Useless lot.",
 * "Service lamentable.", "Eine Frechheit, ich war den ganzen Tag zu
 * Hause."): its clause opens the sentence with at most VERDICT_WORDS
 * words before the judgement and one after it (the noun it qualifies:
 * "Useless lot", "Quelle honte"), and the sentence names
 * nothing of the owner ([aim]).  It judges what the sentence before it
 * told, so it is about a third party when that sentence names one ([aim
 * other]: "my bank froze my card", "La Poste a réussi à perdre mon
 * colis", "Der Paketdienst hat ... zugestellt") and nothing of the owner.
 */
bool
cl_verdict_on_other(const struct cl *c, struct cl_span at)
{
	size_t sb, se, cb, ce, pb, pe;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	clause_of(c, at, &cb, &ce);
	if (cl_clause_start(c->text, sb, at.start) != sb ||
	    rules_words(c->text, sb, at.start, VERDICT_WORDS) > VERDICT_WORDS ||
	    rules_words(c->text, at.end, ce, 1) > 1 ||
	    cl_near_between(c, sb, se, "aim") ||
	    !told_before(c, sb, &pb, &pe))
		return false;
	return cl_near_between(c, pb, pe, "other") &&
	    !cl_near_between(c, pb, pe, "aim");
}

/*
 * third_party - the judgement is about a third party: its clause names
 * one (other_clause), or a tie after it does (cl_party_after: "a
 * disaster with the old tuner"), or the sentence opens on a past one
 * (cl_party_had: "The last farrier we had was ...") or on the one the
 * sender took the thing to (cl_party_taken: "I took it to a shop ..."),
 * or its clause read past its asides opens on one (cl_about_subject: "The
 * courier, on the other hand, was useless"), or it is given "to them"
 * (cl_about_recipient: "une réclamation auprès d'eux"),
 * or its sentence does and nothing of the owner, with no contrast word before the judgement ("the driver was
 * rude to me, but the bike is perfect" praises the owner).
 */
static bool
third_party(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	if (other_clause(c, at) || cl_party_after(c, at) ||
	    cl_party_had(c, at) || cl_about_subject(c, at) ||
	    cl_about_recipient(c, at, false))
		return true;	/* "a disaster with the old tuner" */
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (cl_party_taken(c, sb, se))
		return true;	/* "I took it to a shop ... they ..." */
	if (!cl_near_aimed(c, at, "other") || cl_near_aimed(c, at, "aim"))
		return false;
	return !cl_near_between(c, sb, at.start, "contrast");
}

/* cl_praised_beside - an uncancelled praise hit stands in the sentence of at */
bool
cl_praised_beside(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (size_t j = 0; j < c->ntags; j++)
		if (strcmp(c->tags[j].tag, "praise") == 0 &&
		    c->tags[j].at.start >= sb && c->tags[j].at.end <= se &&
		    !cl_cancelled(c, "praise", c->tags[j].at))
			return true;
	return false;
}

#define DENIAL_WORDS	4	/* words before a complaint a denial reaches */

/*
 * denied - an outright denial ([outcome none] other than "without":
 * "ni un", "not a single", "kein einziges", "pas une seule") among the
 * DENIAL_WORDS words before a complaint word, in its clause: "ni un vaso
 * roto" says nothing broke.  "Without" is a want, not a denial ("three
 * weeks without hot water").
 */
static bool
denied(const struct cl *c, struct cl_span at)
{
	static const char *const wants[] = { "without", "ohne", "sans", "sin" };
	size_t cb, ce, from = at.start, n = 0;

	clause_of(c, at, &cb, &ce);
	while (from > cb && n < DENIAL_WORDS) {
		from--;
		if (from > cb && c->text[from - 1] == ' ' &&
		    c->text[from] != ' ')
			n++;
	}
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		bool want = false;

		if (strcmp(h->name, "none") != 0 || h->at.start < from ||
		    h->at.end > at.start)
			continue;
		for (size_t k = 0; k < sizeof(wants) / sizeof(wants[0]); k++)
			want = want || strcmp(h->phrase, wants[k]) == 0;
		if (!want)
			return true;
	}
	return false;
}

#define VOCATIVE_MAX	30	/* bytes of a name said to somebody */

/* name_at - the bytes of the name-like word at text[p] (a capital, or a
 * letter past ASCII), 0 if none */
static size_t
name_at(const struct cl *c, size_t p, size_t to)
{
	size_t w = p;

	if (p >= to || !(isupper((unsigned char)c->text[p]) ||
	    (unsigned char)c->text[p] >= 0x80))
		return 0;
	while (p < to && (isalpha((unsigned char)c->text[p]) ||
	    (unsigned char)c->text[p] >= 0x80 || c->text[p] == '-'))
		p++;
	return p - w >= 2 && p - w <= VOCATIVE_MAX ? p - w : 0;
}

/* word_of_name - a word of the display name, three bytes or more, opens
 * the n bytes at w, at most two bytes short of them: "Jule" in "Jules
 * Kurs", "Ana" in "Ana's" */
static bool
word_of_name(const char *name, const char *w, size_t n)
{
	for (const char *p = name; *p != '\0'; p++) {
		size_t k;

		if (p != name && p[-1] != ' ' && p[-1] != '-' && p[-1] != '"')
			continue;
		k = strcspn(p, " -\"");
		if (k >= 3 && k <= n && n - k <= 2 && strncasecmp(p, w, k) == 0)
			return true;
	}
	return false;
}

/*
 * told_to_other - the hit's clause (its sentence, or what follows a colon
 * in it) opens on the name of somebody else the mail goes to and a
 * comma, and the owner is not named after it: "Petite parenthèse :
 * Vincent, le notaire dont je te parlais, Maître Perrin, est vraiment
 * au top" tells Vincent of a third person; "you" in it is Vincent.
 * "Ben, Anna did our kitchen and it's superb" names the owner, and
 * praises her; so does "Kathi, Jules Kurs ... hat mir den Rücken
 * gerettet".
 */
static bool
told_to_other(const struct cl *c, struct cl_span at)
{
	size_t sb, se, p, n;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	for (p = at.start; p > sb; p--)
		if (c->text[p - 1] == ':') {
			sb = p;
			break;
		}
	while (sb < at.start && strchr(" \t\r\n", c->text[sb]) != NULL)
		sb++;
	if ((n = name_at(c, sb, at.start)) == 0)
		return false;
	for (p = sb + n; p < at.start && c->text[p] == ' '; p++)
		;
	if (p >= at.start || c->text[p] != ',' ||
	    cl_recipient_by(c, false, cl_name_opens, c->text + sb, n) == NULL)
		return false;
	for (p++; p < se; p++) {
		if (p > 0 && (isalpha((unsigned char)c->text[p - 1]) ||
		    (unsigned char)c->text[p - 1] >= 0x80))
			continue;
		if ((n = name_at(c, p, se)) > 0 &&
		    cl_recipient_by(c, true, word_of_name, c->text + p,
		    n) != NULL)
			return false;	/* the owner named: "Ben, Anna" */
	}
	return true;
}

/*
 * courtesy - a kind word in a sentence that thanks for a quote, a price or
 * an answer ([outcome thanks], then [outcome offer], before the word) and
 * tells no good result: "Muchas gracias por el presupuesto, muy amable",
 * "Danke für das Angebot, sehr nett von Ihnen" are manners towards the
 * answer, not a judgement of work; so are thanks whose very object is a
 * discount or a price (cl_taken_thanks: "Thank you so much for the
 * discount", "merci beaucoup pour le geste commercial").
 */
static bool
courtesy(const struct cl *c, struct cl_span at)
{
	const struct cl_outhit *t;
	size_t sb, se;

	if (cl_taken_thanks(c, at))
		return true;	/* "Thank you so much for the discount" */
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if ((t = cl_outcome_first(c, "thanks", sb, at.start)) == NULL)
		return false;
	return cl_outcome_in(c, "offer", t->at.end, at.start) &&
	    !cl_outcome_in(c, "good", sb, se);
}

/*
 * cl_not_the_senders - a judgement hit that the sender does not make:
 * somebody else's quoted reproach, the judgement of the person they
 * recommend, introduce or (a complaint) pass the owner's number on to,
 * a negated one, a defect the owner's work found in the sender's things
 * (cl_found_by_owner: "vous avez repéré ... une corde abîmée"), a
 * complaint about a third party asked about, or a judgement of a former or other supplier ([aim
 * other]) with nothing aiming it at the owner ("one I bought in another
 * shop smelt awful", "the courier lost the envelope"; for praise only in
 * a first message: "our last photographer was excellent"), somebody of a
 * trade the sender has (cl_own_subject), somebody known by a place or
 * a person who did what is praised (cl_placed_doer: "le brocanteur de
 * Vanves a fait un travail remarquable"), a word of a place's name
 * (cl_in_a_name: "Valle de Bravo"); an insult or complaint standing
 * alone as a verdict on a sentence about a third party (cl_verdict_on_other:
 * "My bank froze my card. Useless lot."); rudeness
 * about such a third party, or with the owner cleared of it, is no
 * rudeness to the owner either, nor is a blunt word beside praise in its
 * sentence ("You lot are always so quick - much appreciated").
 */
bool
cl_not_the_senders(const struct cl *c, const struct cl_taghit *h, bool first)
{
	bool praise = strcmp(h->tag, "praise") == 0;
	bool complaint = strcmp(h->tag, "complaint") == 0;
	bool rude = strcmp(h->tag, "rude") == 0;

	if (!praise && !complaint && !rude && strcmp(h->tag, "haggler") != 0)
		return false;
	/* praise in quotation marks is often the sender's own testimonial;
	 * a quoted reproach is a review or a saying reported */
	if (!praise && cl_quoted_words(c, h->at))
		return true;
	/* "c'est lamentable" of the energy supplier insults nobody here,
	 * nor "useless, nothing to do with you obviously" */
	if (rude)
		return third_party(c, h->at) || cl_verdict_on_other(c, h->at) ||
		    cl_exonerated(c, h->at) || cl_praised_beside(c, h->at);
	if (!praise && !complaint)
		return false;
	if (cl_cue_in_sentence(c, h->at, complaint))
		return true;
	if (negated(c, h->at, praise ? NEGATION_WORDS :
	    NEGATION_WORDS_COMPLAINT))
		return true;
	if (complaint && denied(c, h->at))
		return true;
	if (complaint && asks_how_to_complain(c, h->at))
		return true;
	if (complaint && in_doubt(c, h->at))
		return true;	/* "Ich weiß nicht, ob Heizung kaputt ist" */
	if (complaint && cl_found_by_owner(c, h->at))
		return true;	/* "vous avez repéré ... une corde abîmée" */
	if (complaint && cl_own_damage(c, h->at))
		return true;	/* "ich habe ... beschädigt. Reparieren Sie?" */
	if (complaint && cl_about_own(c, h->at))
		return true;	/* "our vicar, who has the same problem" */
	if (praise && (cl_own_subject(c, h->at) || cl_in_a_name(c, h->at) ||
	    cl_named_other(c, h->at) || courtesy(c, h->at) ||
	    told_to_other(c, h->at) || cl_self_praised(c, h->at) ||
	    cl_welcome_courtesy(c, h->at) ||
	    cl_placed_doer(c, h->at)))
		return true;
	if (praise && cl_about_recipient(c, h->at, true))
		return true;	/* "Bravo à eux" */
	if (praise && !first)
		return other_clause(c, h->at) || cl_about_subject(c, h->at);
	return third_party(c, h->at) || (complaint && cl_verdict_on_other(c, h->at));
}

bool
cl_vouched(const struct cl *c, struct cl_span at)
{
	size_t sb, se;

	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return cl_near_between(c, sb, se, "vouched");
}
