/*
 * outcome_int.h - private to the [outcome NAME] files of src/lib/classify:
 * classify_outcome.c (the entry), classify_defects.c (complaint),
 * classify_results.c (praise), classify_aftercare.c (faults told as
 * facts after the work, for defects), classify_redress.c (a demand to
 * put the work right, for defects), classify_acclaim.c and
 * classify_superlative.c (praise by its shape, for results),
 * classify_letdown.c (what came set against what was expected, for
 * defects) and classify_stands.c (the tests all share).  Calls go one
 * way: outcome asks defects, results and stands; defects asks redress
 * and letdown; defects, redress, letdown and results ask stands; results asks acclaim and superlative
 * too; those two ask stands; stands asks none of them.
 */
#ifndef CLIENTELE_CLASSIFY_OUTCOME_INT_H
#define CLIENTELE_CLASSIFY_OUTCOME_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "classify_int.h"

#define OC_NEGATION_WORDS 2	/* words before a defect a negation reaches */
#define OC_NEGATION_GOOD 3	/* ... before a good result ("not for the") */
#define OC_FIXED_WORDS	3	/* words before a defect a repair verb reaches */
#define OC_SPARED_WORDS	4	/* ... a denial reaches, for a good result */
#define OC_WHY_MAX	72	/* bytes of the predicate list in the evidence */
#define OC_SCOPE_GAP	24	/* bytes from a superlative to its scope */
#define OC_BREACH_WORDS	4	/* words before what was agreed a negation
				 * reaches ("isn't quite what we paid for") */
#define OC_DUE_SENTENCES 2	/* sentences either side of a promise read for
				 * its persistence or date reached */
#define OC_SIGNOFF_LINE	80	/* bytes of a sign-off's first line read */
#define OC_PLAIN_WORD	40	/* bytes of a plain judgement's word kept */
#define OC_GONE_WORDS	6	/* words from a defect to its "has gone" */
#define OC_ACCOUNT_WORDS 15	/* words of account before thanks that close
				 * a paragraph (classify_results.c) */
#define OC_NAME_MIN	3	/* bytes of a first name thanks end on */
#define OC_NAME_MAX	24
#define OC_THANKS_LEAD	2	/* words before such thanks in their sentence
				 * ("Ganz herzlichen Dank!") */
#define OC_VERDICT_WORDS 4	/* words before a bare verdict ("we're all
				 * very happy.") */
#define OC_PROMISE_QUOTE 160	/* bytes a promise quoted back may span */
#define OC_PROMISE_GAP	160	/* bytes from its closing mark to the time
				 * gone by ("Ten weeks on") */
#define OC_LIST_MEMBERS	3	/* members of a list before a fault a
				 * denial of the first reaches ("not a
				 * shelf has bowed, sagged or cracked") */
#define OC_CONTRAST_WORDS 5	/* words after what was agreed read for
				 * "not a ..." with no comma */
#define OC_DID_GAP	48	/* bytes from "I had to" to "finish" ("had
				 * to catch her again and finish her") */
#define OC_SELF_WORDS	4	/* words before a trouble the sender owns
				 * a denial reaches ("ohne dass ich sie
				 * fallen gelassen habe") */
#define OC_GREETING_LINE 60	/* bytes of a greeting line skipped before
				 * a quoted promise */

/* A verdict being built: its weight, and the predicates behind it. */
struct oc_case {
	size_t weight;
	size_t ndefects;
	size_t nbare;			/* defects in sentences with no good
					 * result and no "now" beside them */
	bool tied;			/* to the owner's work */
	bool persists;			/* a defect with persistence */
	const struct cl_outhit *lead;	/* the hit whose sentence is shown */
	char why[OC_WHY_MAX + 8];
	size_t wlen;
};

/* classify_stands.c: each reads the hits and the text, borrows all */

/* oc_is_name - h is an [outcome name] hit */
bool oc_is_name(const struct cl_outhit *h, const char *name);

/* oc_sentence_of - the bounds of at's sentence */
void oc_sentence_of(const struct cl *c, struct cl_span at, size_t *sb,
    size_t *se);

/* oc_quoted - at stands inside quotation marks in its sentence from sb */
bool oc_quoted(const struct cl *c, size_t sb, struct cl_span at);

/* oc_has_hit - an [outcome name] phrase lies in [from, to), other than skip */
bool oc_has_hit(const struct cl *c, const char *name, size_t from, size_t to,
    const struct cl_outhit *skip);

/* oc_negated - a negation among the `words` words before at, from cb */
bool oc_negated(const struct cl *c, size_t cb, struct cl_span at,
    size_t words);

/* oc_agreed_denied - a negation before what was agreed at (sentence from
 * sb) denies it: in its clause, or before a clause opening on a relative
 * word ("nicht, was ich wollte"); classify_denial.c */
bool oc_agreed_denied(const struct cl *c, size_t sb, struct cl_span at);

/* oc_list_start - where the list the hit at ends begins (at.start: none) */
size_t oc_list_start(const struct cl *c, size_t sb, struct cl_span at);

/* oc_list_denied - a denial before the first member of the list h ends */
bool oc_list_denied(const struct cl *c, size_t sb, const struct cl_outhit *h);

/* oc_gone - an [outcome gone] phrase follows the defect h in its clause */
bool oc_gone(const struct cl *c, const struct cl_outhit *h);

/* oc_third_party - the sentence [sb, se) speaks of a third party */
bool oc_third_party(const struct cl *c, size_t sb, size_t se);

/* oc_overdone - the [outcome excess] or [outcome overly] hit h stands
 * beside a participle on its side ("tostado de más", "trop cuit") */
bool oc_overdone(const struct cl *c, const struct cl_outhit *h);

/* oc_stands - the defect (or, good, the result) h stands as reported */
bool oc_stands(const struct cl *c, const struct cl_outhit *h, bool good);

/* oc_note - add the phrase of h to the case's predicate list, once */
void oc_note(struct oc_case *k, const struct cl_outhit *h);

/* oc_tied_fault - h is a defect tied to the owner's work, weighing two */
void oc_tied_fault(struct oc_case *k, const struct cl_outhit *h);

/* oc_own_deed - the defect d follows the sender as its subject ("I'd never
 * touched"): the sender's doing, not the owner's fault */
bool oc_own_deed(const struct cl *c, const struct cl_outhit *d);

/* oc_stated - h stands as the sender's own statement in its sentence */
bool oc_stated(const struct cl *c, const struct cl_outhit *h);

/* oc_evidence - the lead's sentence and the predicates; caller frees */
char *oc_evidence(const struct cl *c, const struct oc_case *k);

/* classify_defects.c and classify_results.c: 1 tagged, 0, -1 on ENOMEM */

/* oc_chased - the sender chases an unanswered or unheeded message of
 * theirs (classify_chased.c) */
int oc_chased(struct cl *c);

/* oc_complaint - the defects described make a complaint */
int oc_complaint(struct cl *c);

/* oc_aftercare - faults told as facts after the work (classify_aftercare.c):
 * ties and weight added to k */
void oc_aftercare(const struct cl *c, struct oc_case *k);

/* classify_redress.c: each reads the hits and the text, borrows all */

/* cl_redress_demanded - an obligation and a verb of doing again in one
 * stated clause ("will need to be remade", "muss überarbeitet werden"),
 * in mail that asks the owner nothing: the verb's hit into *at */
bool cl_redress_demanded(const struct cl *c, const struct cl_outhit **at);

/* cl_redress_willed - the sender's will or expectation laid on doing the
 * work again in one stated clause ("Ich erwarte, dass das nachgebessert
 * wird"), asked beside or not, with no condition before it in its
 * sentence: the verb's hit, or NULL */
const struct cl_outhit *cl_redress_willed(const struct cl *c);

/* cl_redress_recalled - the mail names the owner's past work ("the ladder
 * you fitted") and demands it put right ("I need someone back") */
bool cl_redress_recalled(const struct cl *c);

/* classify_letdown.c: reads the hits and the text, borrows all */

/* cl_letdown - the [outcome hoped] hit h names what the work is not ("it's
 * not what I expected", "So habe ich mir das nicht vorgestellt") */
bool cl_letdown(const struct cl *c, const struct cl_outhit *h);

/* oc_praise - good results with thanks make praise */
int oc_praise(struct cl *c);

/* classify_acclaim.c: praise by its shape; each borrows c */

/* The hits the shapes make, kept in the caller's frame for the case's
 * lead and notes. */
struct oc_shape {
	struct cl_outhit open;		/* "Qué maravilla." */
	struct cl_outhit more;		/* "we'll send the rest ..." */
	char word[2][OC_PLAIN_WORD];
};

/* oc_acclaim_open - the mail opens on an exclamation of delight and
 * nothing more ("What a joy!"): its weight (2, or 0), its hit into
 * s->open when s is not NULL */
size_t oc_acclaim_open(const struct cl *c, struct oc_shape *s);

/* oc_acclaim_more - the sender says they will send the rest of the work
 * ("We'll send the rest of the fleet your way"): its hit into s->more */
bool oc_acclaim_more(const struct cl *c, struct oc_shape *s);

/* oc_acclaim_noun - the noun of praise an [outcome epithet] ([outcome
 * laud]: "star") or [outcome endowed] hit h ([outcome gift] ending its
 * phrase: "a real gift", not "a gift voucher") leads to in [from, to),
 * or NULL */
const struct cl_outhit *oc_acclaim_noun(const struct cl *c,
    const struct cl_outhit *h, size_t from, size_t to);

/* oc_acclaim_group - the reaction h is a sentence of its own whose
 * subject is the sender's own people ("Los cadetes están encantados.",
 * "Die ganze Familie ist begeistert."): a verdict of the sender's own */
bool oc_acclaim_group(const struct cl *c, const struct cl_outhit *h);

/* oc_thanks_tacked - the thanks t, in the sentence [tb, te) of the
 * paragraph from pb, open the clause after a comma or a dash with at most
 * lead words before them, end it but for a few words that do not sneer,
 * and the paragraph holds no complaint or insult ("Un trabajo de primera,
 * muchas gracias.", not "vielen Dank auch.") */
bool oc_thanks_tacked(const struct cl *c, struct cl_span t, size_t pb,
    size_t tb, size_t te, size_t lead);

/* classify_thanks.c: which thanks are for the owner's work */

/* oc_thanked - the first thanks to the addressee: not for a quote or in
 * advance, not asked, quoted or denied, not ended on the name of
 * somebody else the mail goes to; or NULL */
const struct cl_outhit *oc_thanked(const struct cl *c);

/* oc_signed_thanks - the parsed sign-off opens with such thanks */
bool oc_signed_thanks(const struct cl *c);

/* oc_thanked_since - the [outcome link] hit ("Since you rebuilt ...")
 * whose clause the thanks t (oc_thanked) are for, or NULL */
const struct cl_outhit *oc_thanked_since(const struct cl *c,
    const struct cl_outhit *t);

/* oc_closing_thanks - the thanks t close their paragraph after an account
 * of what happened, in mail that asks and arranges nothing */
bool oc_closing_thanks(const struct cl *c, const struct cl_outhit *t);

/* classify_superlative.c */

/* oc_superlative - a superlative form stands a few words before the
 * measure scope of the sentence from sb ("the clearest we've ever had") */
bool oc_superlative(const struct cl *c, const struct cl_outhit *scope,
    size_t sb);

#endif
