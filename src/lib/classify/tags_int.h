/*
 * tags_int.h - private to classify_tags.c and the files it asks:
 * classify_whose.c (is a judgement hit the sender's own?),
 * classify_sneer.c (is a praise hit irony?), classify_tone.c (does a
 * wink or a mock cheer turn the mail's judgements?) and
 * classify_dismiss.c (does a complaint word end contact?),
 * classify_swear.c (is a swear word aimed at the owner?).  Calls go one
 * way: tags asks whose, sneer, tone, dismiss and aimed; tone asks sneer
 * and whose; sneer asks whose; whose asks none of them.
 */
#ifndef CLIENTELE_CLASSIFY_TAGS_INT_H
#define CLIENTELE_CLASSIFY_TAGS_INT_H

#include <stdbool.h>

#include "classify_int.h"

/* classify_whose.c */

/* cl_quoted_words - the hit stands inside quotation marks in its sentence */
bool cl_quoted_words(const struct cl *c, struct cl_span at);

/* cl_praised_beside - an uncancelled praise hit stands in the sentence of at */
bool cl_praised_beside(const struct cl *c, struct cl_span at);

/*
 * classify_target.c, whom an insult at is aimed at:
 * cl_insult_at_other - at a third party: the last party named before it
 * ([aim other]) is not the owner, and its clause names nothing of the
 * owner;
 * cl_insult_at_self - at the sender: an [aim myself] phrase ends at most
 * SELF_GAP words before it in its clause, with nothing of the owner
 * ([aim]) between;
 * cl_insult_over_price - at a price only quoted: no defect stands, and the
 * mail walks away ([aim walkaway]) or names a price in its sentence.
 */
bool cl_insult_at_other(const struct cl *c, struct cl_span at);
bool cl_insult_at_self(const struct cl *c, struct cl_span at);
bool cl_insult_over_price(const struct cl *c, struct cl_span at);

/*
 * cl_not_the_senders - a judgement hit that the sender does not make;
 * first: the mail is a first contact (not a reply, no customer yet)
 */
bool cl_not_the_senders(const struct cl *c, const struct cl_taghit *h,
    bool first);

/* cl_cue_in_sentence - a referral or introduction cue (with announce, also
 * the owner's details passed on) shares at's sentence: what it tells
 * belongs to the person recommended, introduced or announced */
bool cl_cue_in_sentence(const struct cl *c, struct cl_span at, bool announce);

/* cl_verdict_on_other - at is a verdict standing as a sentence of its own
 * ("Useless lot.") on a sentence before it that names a third party */
bool cl_verdict_on_other(const struct cl *c, struct cl_span at);

/* cl_exonerated - the sender clears the owner in at's sentence or a later
 * one of its paragraph, not before a contrast turning to at
 * (classify_about.c) */
bool cl_exonerated(const struct cl *c, struct cl_span at);

/* classify_sneer.c */

/* cl_ironic - praise turned by what follows: 1 drop it, 2 it complains */
int cl_ironic(const struct cl *c, struct cl_span at);

/* cl_thanked - a word of thanks in the sentence of at */
bool cl_thanked(const struct cl *c, struct cl_span at);

/* classify_epithet.c */

/*
 * cl_stated - the hit at is said outright in its sentence [sb, se): the
 * sentence does not ask, and no [aim report] phrase nor [outcome hedge]
 * stands before the hit; the sender's own name-calling or comparison,
 * not a question, words reported or a guess
 */
bool cl_stated(const struct cl *c, struct cl_span at, size_t sb, size_t se);

/* classify_swear.c */

/*
 * cl_rude_aimed - what aims the rude hit at at the owner: "insult" (its
 * word is contempt for a person or their work), or, for a swear word
 * ([aim swear]), "you" ([aim] in its sentence) or "work" ([aim work]
 * there); NULL when a swear word is aimed at nothing of the owner's
 */
const char *cl_rude_aimed(const struct cl *c, struct cl_span at);

/* classify_hoped.c */

/*
 * cl_praise_hoped - the praise hit at is the object of the sender's
 * expecting or demanding ("Für 3.200 € erwarte ich saubere Arbeit")
 */
bool cl_praise_hoped(const struct cl *c, struct cl_span at);

/* classify_theirs.c */

/*
 * cl_theirs - the judgement tag ("praise", "complaint", "rude") at at is
 * somebody else's: a noun group that says it is not the owner, or the
 * readers of classify_irony.c and classify_plain.c below; every path
 * that records a judgement asks it
 */
bool cl_theirs(const struct cl *c, const char *tag, struct cl_span at);

/*
 * cl_irony_theirs - the praise at, irony or a sneer read as tag ("praise"
 * or "complaint"), judges an account of a third party that names nothing
 * of the owner (classify_irony.c)
 */
bool cl_irony_theirs(const struct cl *c, const char *tag, struct cl_span at);

/*
 * cl_praise_in_defects - the praise at lies in a sentence that tells a
 * defect of the owner's work standing, with no turn, thanks or good
 * result beside it: it praises nothing (classify_irony.c)
 */
bool cl_praise_in_defects(const struct cl *c, const char *tag,
    struct cl_span at);

/* classify_plain.c */

/*
 * cl_plain_party - the judgement's sentence names a group of people by a
 * demonstrative ("ces gens-là") or a third-person recipient ("je leur ai
 * envoyé"), and nothing of the owner
 */
bool cl_plain_party(const struct cl *c, struct cl_span at);

/*
 * cl_plain_own - the complaint at is the sender's own slip: its sentence
 * opens on an apology for the sender's act ("Perdona que te escriba tan
 * tarde"), or it or the rest of its paragraph owns the mistake ("My
 * mistake")
 */
bool cl_plain_own(const struct cl *c, struct cl_span at);

/*
 * cl_plain_part - the complaint at opens on a part ("La hoja tiene
 * óxido") of the sender's own thing the sentence before names ("la
 * navaja de mi abuelo"), nothing of the owner between: asked for a first
 * contact's mail only
 */
bool cl_plain_part(const struct cl *c, struct cl_span at);

/*
 * cl_plain_disputed - the sentence of the late payment at dares the owner
 * to send the bill ("vous osez m'envoyer la facture complète ?"): a
 * dispute, not a payment put off
 */
bool cl_plain_disputed(const struct cl *c, struct cl_span at);
/* cl_virtue_cheer - a cheer after an account whose object is a virtue
 * ("..., bravo le professionnalisme."): it praises nothing
 * (classify_virtue.c) */
bool cl_virtue_cheer(const struct cl *c, struct cl_span at);

/* cl_sneer_next - what follows the exclamation at `at` turns it at once */
bool cl_sneer_next(const struct cl *c, struct cl_span at);

/* cl_sneer_at - the praise of the mail that is a sneer, into *at */
bool cl_sneer_at(const struct cl *c, struct cl_span *at);

/* classify_tone.c */

/* cl_tone_tease - take out of c->tags the complaint hits a wink or a laugh
 * closing their sentence makes a joke ("Nur eine Beschwerde: ... 😉") */
void cl_tone_tease(struct cl *c);

/* A mock cheer: the cheer, the sentences of account before and after it,
 * and the request to put the work right. */
struct cl_mock {
	struct cl_span cheer;
	struct cl_span account;
	struct cl_span after;
	struct cl_span mend;
};

/* cl_mock_cheer - a cheer with no subject set between two sentences of
 * account, in mail asking the owner to put the work right and thanking
 * for nothing: sarcasm ("... the seams lifted.  Marvellous.  Children
 * trip on it.  Please come and fix it."), into *m */
bool cl_mock_cheer(const struct cl *c, struct cl_mock *m);

/* cl_mock_evidence - the account, then "[cheer; request]"; caller frees */
char *cl_mock_evidence(const struct cl *c, const struct cl_mock *m);

/* cl_tone_cheer - at is a cheer that is its whole sentence [*sb, *se), of
 * at most `words` words, asking, thanking, turning and addressing nothing */
bool cl_tone_cheer(const struct cl *c, struct cl_span at, size_t words,
    size_t *sb, size_t *se);
/* cl_tone_account - text[sb, se) is a sentence of account in the cheer's
 * paragraph (no blank line in [gap_from, gap_to)): no praise, question,
 * turn or trouble called small */
bool cl_tone_account(const struct cl *c, size_t sb, size_t se,
    size_t gap_from, size_t gap_to);

/* classify_closing.c */

/* cl_closing_cheer - a cheer after a sentence of account in a paragraph
 * that tells a failure of the work, in mail that thanks for nothing and
 * tells nothing that went well: sarcasm ("Une semaine sans réponse.
 * Bravo."); m->cheer and m->account are filled, the rest zero */
bool cl_closing_cheer(const struct cl *c, struct cl_mock *m);

/* cl_closing_evidence - the account, then "[cheer]"; the caller frees */
char *cl_closing_evidence(const struct cl *c, const struct cl_mock *m);
/* cl_closing_failed_in - text[from, to) tells a failure of the work that
 * stands, and no state the work brought about */
bool cl_closing_failed_in(const struct cl *c, size_t from, size_t to);
/* cl_praised_outside - a praise hit of the mail lies outside [pb, pe) */
bool cl_praised_outside(const struct cl *c, size_t pb, size_t pe);
/* cl_closing_went_well - the mail tells a result that says the work went
 * well (good, gone, thanks, ...) outside text[skip_b, skip_e) */
bool cl_closing_went_well(const struct cl *c, size_t skip_b, size_t skip_e);
/* cl_closing_well_in - such a result lies inside text[from, to) */
bool cl_closing_well_in(const struct cl *c, size_t from, size_t to);

/* classify_bracket.c */

/* cl_bracket_cheer - a short cheer opening a paragraph and praise closing
 * it, with only an account of failure between: sarcasm ("Genial.  Me acaba
 * de llegar una multa ...  Muchísimas gracias, de verdad, un trabajo
 * fantástico."); m->cheer, m->account and m->after (the closing praise's
 * sentence) are filled */
bool cl_bracket_cheer(const struct cl *c, struct cl_mock *m);

/* cl_bracket_evidence - "[cheer] account [closing praise]"; caller frees */
char *cl_bracket_evidence(const struct cl *c, const struct cl_mock *m);

/* classify_blame.c */

/* cl_blame_own_debt - a complaint hit at is the sender's reason for
 * putting off their own payment, not aimed at the owner's work (or at it,
 * but only at the owner's bill, or admitted);
 * cl_blame_first_fault - a fault at in a first contact that asks the
 * owner something, whose sentence speaks neither to the owner nor of
 * their work: the job brought, the sender's own trouble or another's */
bool cl_blame_own_debt(const struct cl *c, struct cl_span at);
/* cl_blame_admitted - in mail putting off the sender's own payment, the
 * sender admits what the sentence of at tells ("I know that's not what
 * we agreed"): their own doing, not a fault of the owner's */
bool cl_blame_admitted(const struct cl *c, struct cl_span at);
bool cl_blame_first_fault(const struct cl *c, struct cl_span at);
/* cl_blame_asks_owner - a question of the mail speaks to the owner */
bool cl_blame_asks_owner(const struct cl *c);

/* classify_dismiss.c */

/* cl_in_dismissal - at lies inside an [aim dismiss] phrase ("nie wieder"
 * of "melden Sie sich nie wieder"): contact ended, no fault told */
bool cl_in_dismissal(const struct cl *c, struct cl_span at);

#endif
