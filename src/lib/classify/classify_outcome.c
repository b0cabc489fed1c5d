/*
 * classify_outcome - complaint and praise from what the sender describes,
 * not from the words that judge.
 *
 * DESCRIPTION
 *	People mostly complain by saying what is wrong with what the owner
 *	delivered ("the grout has already cracked and two tiles sit proud")
 *	and praise by saying what now works, with thanks ("the fire draws
 *	for the first time since we moved in.  Thank you").  The one scan
 *	of the text remembered the [outcome NAME] phrases of the rules;
 *	here they are weighed by where they stand.
 *
 *	A defect ([outcome defect]: cracked, leaking, missing, "doesn't
 *	close", "instead of") stands unless its sentence is a question, a
 *	condition opens its clause ([outcome hedge]: "if", "falls") or a
 *	denial of any ([outcome none]: "not a single thing", "rien"), a
 *	negation comes just before it, it is inside quotation marks,
 *	somebody else's words are reported, or a third party ([aim other]:
 *	the courier, our last cleaner) is what the sentence speaks of.
 *	A persistence word in the same sentence ([outcome still]: "still",
 *	"again", "already", "schon wieder", "déjà", "sigue") makes it weigh
 *	double.  Asking for the work to be put right ([outcome back]: "come
 *	back", "nachbessern", "refaire", "sin coste") and holding the
 *	payment back ([outcome withhold]: "before I pay") weigh one each.
 *	Saying what one paid for it ([outcome paid]: "I paid 75 for the
 *	service", "Bezahlt habe ich") or that one cannot call oneself
 *	content ([outcome unhappy]: "I can't say we're happy") ties the
 *	defects to the owner's work and weighs one.
 *	What the sender agreed with the owner ([outcome agreed]: "what we
 *	paid for", "lo que pedí") with a negation just before it ("it isn't
 *	what we paid for") or a clause opening on one after it ("I asked for
 *	a tidy, not a shave") is a breach: a defect tied to the owner's work
 *	whatever words the fault is told in, weighing two.
 *	A complaint needs a standing defect, a weight of two, and a tie to
 *	the owner's work: a request to put it right, a held payment, the
 *	work named, or persistence beside two defects ("die Tür klemmt immer
 *	noch, und am Rahmen fehlt eine Leiste"; one that persists alone may
 *	be the sender's: "il manque encore la facture") ([aim work]: "the tap you fitted";
 *	[outcome link]: "your lads").  Never in a first message asking for
 *	new work (the problem the owner is asked to fix), never when the
 *	sender owns the trouble ([outcome self]: "my fault", "I dropped
 *	it") or clears the owner ([aim exonerate]).
 *
 *	Chasing a message of one's own that went unanswered ([outcome
 *	earlier]: "I wrote on the 3rd", "le escribí"; beside [outcome
 *	unanswered]: "and have had no answer", "keine Antwort") in one
 *	sentence that stands is a complaint by itself.
 *
 *	Praise needs a weight of two from good results and thanks.  A good
 *	result ([outcome good]: "for the first time", "not a single
 *	problem", "like new", "zum ersten Mal", "un éxito"; [outcome prior]
 *	beside [outcome compare]: "our previous translator never managed";
 *	[outcome was] with [outcome now] after it: "the C that used to buzz
 *	is silent now") weighs one; a superlative measured against
 *	something ([outcome best] with [outcome scope] just after it: "the
 *	best 30 quid I've spent", "the nicest on the street", "lo mejor de
 *	la boda") or a credit by what would not have been without the owner
 *	([outcome without] with [outcome had] and a negation: "Ohne Ihre
 *	Geduld hätte er das Abi nicht geschafft") weighs two.  Each stands
 *	by the same tests, with no condition, hope or request anywhere in
 *	its sentence and no defect or talk of quotes beside it; a clause
 *	counts once, for its strongest.  Thanks to the addressee ([outcome
 *	thanks]) that is not for a quote or in advance ([outcome offer])
 *	weighs one, and so does saying one will order or come again ([outcome
 *	again]: "we'll be ordering again", "repetiré seguro") beside a good
 *	result or such thanks.  Never in mail with a standing defect, or asking for new
 *	work as a first message.
 *
 *	Praise words ([tag praise]) in mail whose facts make a complaint and
 *	that thanks for nothing are irony ("Well done. Two weeks in and the
 *	coping stones have come off"): the praise tag of the message is
 *	taken back.
 *
 *	The evidence is the sentence, then the predicates that decided it
 *	in brackets: "the grout has already cracked [cracked, already; come
 *	back]".
 *
 *	This file holds the entry, cl_outcome_tags, which asks in turn:
 *	classify_defects.c (chasing, then complaint), classify_results.c
 *	(praise), both built on the tests of classify_stands.c.
 *
 * OWNS
 *	Nothing beyond the tags it adds to the facts.
 *
 * NEVER
 *	Scans the whole text again, except once for [aim work] or [aim
 *	exonerate] when a complaint is otherwise made; every other test
 *	looks at one sentence.
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

int
cl_outcome_tags(struct cl *c)
{
	int rc;

	if (c->sender == NULL || c->f->unverified)
		return 0;
	if (c->noutc == 0 && oc_acclaim_open(c, NULL) == 0)
		return 0;	/* nothing told, and no "Qué maravilla." */
	if (!cl_sender_tagged(c, "complaint") && (rc = oc_chased(c)) != 0) {
		c->tied = rc > 0;	/* for cl_aimed_gate */
		return rc < 0 ? -1 : 0;
	}
	if (!cl_sender_tagged(c, "complaint") && (rc = oc_complaint(c)) != 0) {
		c->tied = rc > 0;
		/* "Well done. Two weeks in and the coping stones are on the
		 * lane": the words that praise, in mail whose facts complain
		 * and that thanks for nothing, are irony */
		if (rc > 0 && !cl_outcome_in(c, "thanks", 0, c->tlen))
			cl_drop_tag(c, c->sender, "praise");
		return rc < 0 ? -1 : 0;
	}
	if (cl_sender_tagged(c, "praise") || cl_sender_tagged(c, "complaint") || cl_owner_fault_stands(c))
		return 0;
	return oc_praise(c) < 0 ? -1 : 0;
}
