/*
 * classify_chased - complaint from chasing one's own unheeded message.
 *
 * DESCRIPTION
 *	The sender chases a message of their own: the earlier message
 *	([outcome earlier]: "I wrote on the 3rd", "le escribí") beside the
 *	silence ([outcome unanswered]: "and have had no answer", "keine
 *	Antwort") in one sentence that stands, or the asking counted
 *	([outcome repeated]: "twice", "schon zweimal", "plusieurs fois",
 *	"varias veces") after the ask in its clause with a persistence word
 *	in its sentence ("I have asked your office twice to have them
 *	collected and they are still there"): a complaint by itself.
 *	Moved out of classify_defects.c in session eleven.
 *
 * OWNS
 *	Nothing beyond the complaint tag it adds to the facts.
 *
 * NEVER
 *	Scans the text again: it reads the [outcome] hits.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "classify_int.h"
#include "outcome_int.h"
#include "tags_int.h"

/* isdigit_before - the sentence before sb ended on a number's dot */
static bool
isdigit_before(const struct cl *c, size_t sb)
{
	size_t i = sb;

	while (i > 0 && strchr(" \t\r\n", c->text[i - 1]) != NULL)
		i--;
	return i >= 2 && c->text[i - 1] == '.' && c->text[i - 2] >= '0' &&
	    c->text[i - 2] <= '9';
}

/*
 * asked_again - h counts the sender's asks ([outcome repeated]: "twice",
 * "schon zweimal", "plusieurs fois", "varias veces") after an [outcome
 * earlier] ask in its clause, and a persistence word ([outcome still])
 * stands in its sentence: the asking went unheeded ("I have asked your
 * office twice to have them collected and they are still there")
 */
static bool
asked_again(const struct cl *c, const struct cl_outhit *h)
{
	size_t sb, se;

	if (!oc_is_name(h, "repeated"))
		return false;
	oc_sentence_of(c, h->at, &sb, &se);
	return oc_has_hit(c, "earlier", cl_clause_start(c->text, sb,
	    h->at.start), h->at.start, h) &&
	    oc_has_hit(c, "still", sb, se, h);
}

/*
 * oc_chased - the sender chases a message of theirs that went unanswered:
 * an [outcome earlier] and an [outcome unanswered] in one sentence, the
 * latter standing, or the asking repeated and unheeded (asked_again); 1
 * when tagged, 0, -1 on ENOMEM
 */
int
oc_chased(struct cl *c)
{
	for (size_t i = 0; i < c->noutc; i++) {
		const struct cl_outhit *h = &c->outc[i];
		struct oc_case k = { 0 };
		size_t sb, se;
		char *ev;

		if (!oc_is_name(h, "unanswered") && !asked_again(c, h))
			continue;
		oc_sentence_of(c, h->at, &sb, &se);
		/* "ich hatte Ihnen am 14. geschrieben": a date's dot ends none */
		if (!oc_has_hit(c, "earlier", sb, se, h) && sb > 0) {
			size_t pb, pe;

			oc_sentence_of(c, (struct cl_span){ sb - 1, sb - 1 }, &pb,
			    &pe);
			if (oc_has_hit(c, "earlier", pb, se, h) && pe + 2 >= sb &&
			    pb < sb && isdigit_before(c, sb))
				sb = pb;
		}
		if (!oc_has_hit(c, "earlier", sb, se, h) || cl_asks(c->text, sb, se) ||
		    oc_quoted(c, sb, h->at) || oc_third_party(c, sb, se) ||
		    oc_has_hit(c, "hedge", sb, se, h) ||
		    cl_cancelled(c, "complaint", h->at) ||
		    cl_theirs(c, "complaint", h->at))
			continue;
		for (size_t j = 0; j < c->noutc; j++)
			if (oc_is_name(&c->outc[j], "earlier") &&
			    c->outc[j].at.start >= sb && c->outc[j].at.end <= se)
				oc_note(&k, &c->outc[j]);
		k.lead = h;
		oc_note(&k, h);
		if ((ev = oc_evidence(c, &k)) == NULL ||
		    cl_add_tag(c, c->sender, "complaint", ev) < 0)
			return -1;
		return 1;
	}
	return 0;
}
