/*
 * classify_irony - praise that judges somebody else, or judges nothing.
 *
 * DESCRIPTION
 *	Irony or a sneer judges what its account told.  A praise word that
 *	is irony (cl_ironic, or an [aim irony] word in its sentence: "mal
 *	wieder", "again", "comme d'habitude", "otra vez") or the sneer a
 *	complaint is read from is about the one that account is about.
 *	cl_irony_theirs reads the account: the sneer's own sentence before
 *	it, then the sentences before that in its paragraph, nearest
 *	first.  The first one that names a third party ([aim other]: "die
 *	Bahn", "the courier", "le transporteur", "el mensajero") and
 *	nothing of the owner ([aim], [aim work]) makes the sneer theirs:
 *	"Nur die Bahn war mal wieder „pünktlich wie immer“: 90 Minuten
 *	Verspätung, ganz großartig." and "The courier took it to Leeds and
 *	back.  Outstanding service, five stars, would be lost again." are
 *	neither praise nor a complaint of the owner.  One that names the
 *	owner first ("The chair you mended wobbles again.  Great.") keeps
 *	the sneer the owner's, and so does a sneer that names the owner
 *	itself or thanks.
 *
 *	A praise word in a sentence that is itself an account of the
 *	owner's work failing praises nothing (cl_praise_in_defects): the
 *	word names a thing, right after a definite, possessive or
 *	demonstrative determiner of the sender's or of nobody ("the", "le",
 *	"mon", "der", "el"), and a
 *	defect stands after it in that sentence (cl_defect_stands_in),
 *	with no turn ([aim contrast]: "but", "mais"), no thanks and no
 *	result the work brought ([outcome fixed], [outcome now]) beside
 *	it: "Le chapeau me serre tellement ..., et la doublure se décolle
 *	déjà" tells of the hat, it cries no "Chapeau !".  A defect word
 *	inside praise ("Cracking work.", "The rolls and drips look
 *	beautiful", "so patient with the sticky keys") is no account: the
 *	praise opens on no determiner.  "Un grand bravo" is praise: an
 *	indefinite article is no sign of a thing.
 *
 * OWNS
 *	Nothing: it reads the scan's hits and the text.
 *
 * NEVER
 *	Adds or removes a tag; cl_theirs asks it and the caller drops the
 *	hit.  Reads further back than the sneer's paragraph.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"
#include "tags_int.h"

#define ACCOUNT_SENTENCES	3	/* sentences read back for the account */

/* a_cheer - at is a praise hit of the scan, or a [weak praise] one: the
 * cheer a sneer's complaint is read from */
static bool
a_cheer(const struct cl *c, struct cl_span at)
{
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "praise") == 0 &&
		    c->tags[i].at.start == at.start &&
		    c->tags[i].at.end == at.end)
			return true;
	for (size_t i = 0; i < c->nfaint; i++)
		if (c->faint[i].start == at.start && c->faint[i].end == at.end)
			return true;
	return false;
}

/*
 * account_of - who text[from, to) tells of: 1 a third party and nothing
 * of the owner, -1 the owner, 0 neither
 */
static int
account_of(const struct cl *c, size_t from, size_t to)
{
	if (from >= to)
		return 0;
	if (cl_near_between(c, from, to, "aim") ||
	    cl_near_between(c, from, to, "work"))
		return -1;
	return cl_near_between(c, from, to, "other") ? 1 : 0;
}

bool
cl_irony_theirs(const struct cl *c, const char *tag, struct cl_span at)
{
	size_t sb, se, pb, p;
	int who;

	if (strcmp(tag, "praise") != 0 && (strcmp(tag, "complaint") != 0 ||
	    !a_cheer(c, at)))
		return false;	/* a complaint only as the sneer of a cheer */
	if (cl_thanked(c, at))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	if (!cl_near_between(c, sb, se, "irony") && cl_ironic(c, at) == 0)
		return false;	/* meant: "Great work on the stairs" */
	if (cl_near_between(c, sb, se, "aim"))
		return false;	/* "Great, you've done it again" */
	if ((who = account_of(c, sb, at.start)) != 0)
		return who > 0;
	pb = cl_paragraph_start(c->text, sb);
	for (size_t n = 0; n < ACCOUNT_SENTENCES && sb > pb; n++) {
		for (p = sb; p > pb && strchr(" \t\r\n", c->text[p - 1]); p--)
			;
		if (p <= pb)
			break;
		cl_sentence(c->text, c->tlen, p - 1, p, &sb, &se);
		if (sb < pb)
			sb = pb;
		if ((who = account_of(c, sb, se)) != 0)
			return who > 0;
	}
	return false;
}

/* Determiners that make the word after them a thing's name ("le
 * chapeau"); not the indefinite ones ("un grand bravo"), nor the
 * owner's ("your excellent work"). */
static const char *const dets[] = {
	"the", "this", "that", "my", "our",
	"der", "die", "das", "dieser", "diese", "mein", "meine", "unser",
	"le", "la", "ce", "cet", "cette", "mon", "ma", "notre",
	"el", "este", "esta", "ese", "esa", "mi", "nuestro",
};

/* a_thing - the word before at is a determiner: the praise word names a
 * thing */
static bool
a_thing(const struct cl *c, size_t sb, struct cl_span at)
{
	struct rules_word w;
	size_t p = cl_words_back(c->text, sb, at.start, 1);

	if (p >= at.start)
		return false;
	return rules_word_next(c->text, at.start, &p, &w) && !w.overflow &&
	    rules_word_in(&w, dets, sizeof(dets) / sizeof(dets[0]));
}

bool
cl_praise_in_defects(const struct cl *c, const char *tag, struct cl_span at)
{
	size_t sb, se;

	if (strcmp(tag, "praise") != 0 || cl_thanked(c, at))
		return false;
	cl_sentence(c->text, c->tlen, at.start, at.end, &sb, &se);
	return a_thing(c, sb, at) && cl_defect_stands_in(c, at.end, se) &&
	    !cl_near_between(c, sb, se, "contrast") &&
	    !cl_outcome_in(c, "fixed", sb, se) &&
	    !cl_outcome_in(c, "now", sb, se);
}
