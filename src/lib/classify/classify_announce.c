/*
 * classify_announce - the announced referral: a contact tells the owner
 * they passed the owner's details on to someone named.
 *
 * DESCRIPTION
 *	The other direction of a pending name.  An existing contact writes
 *	"my neighbour Jo Bloggs asked who does my garden, so I gave her your
 *	number", "Ich habe Ihre Nummer an meine Schwägerin Petra Lang
 *	weitergegeben", "Ana Ruiz will be in touch"; the person named writes
 *	later, often without naming the contact.  cl_announcements records
 *	the name in f->announced, and the store credits the contact when a
 *	sender of that full name first writes.  Two shapes, read by the
 *	structure of one sentence of what the sender wrote now (never quoted
 *	text or a signature):
 *
 *	give	a [weak announce] verb ("gave", "passed", "weitergegeben",
 *		"donné", "pasado") beside an [aim announce] phrase naming
 *		the owner or their details ("your number", "about you",
 *		"Ihre Nummer", "vos coordonnées", "tu contacto"), whose
 *		subject is the sender: a first-person word in its clause
 *		("I", "ich", "je", "yo", "he" of "le he pasado") or just
 *		after it ("gebe ich"), or a verb that is first person by
 *		itself ("le di", "le pasé").  The recipient is the full
 *		name of the sentence nearest the verb, or, when an object
 *		pronoun stands by the verb ("I sent her your email"), the
 *		one full name of the sentence before.
 *	come	an [announce] phrase ("will be in touch", "wird sich bei
 *		Ihnen melden", "va vous contacter", "se pondrá en
 *		contacto") whose subject is a full name just before it, or
 *		a subject pronoun there pointing back to the full name
 *		earlier in the sentence or to the one of the sentence
 *		before.
 *
 *	Never from a stranger (the announcer is a contact already, or
 *	writes a reply, or about work the owner did without asking for
 *	more), a question or a sentence an [not announce]
 *	phrase cancels ("if", "should I"), a first name alone, a name the
 *	store already knows (that person wrote before: nobody sent them), or
 *	a party to the mail.  The owner's mail never reaches here.
 *
 *	Each cue looks at its own sentence and the one before, through
 *	the bounded windows of classify_names.c, so the cost stays linear.
 *
 * NEVER
 *	Credits anyone by itself (the store links the name when its owner
 *	writes), or does I/O other than through struct classify_known.
 */
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "rules_int.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define ANN_AFTER	2	/* words after a verb that may be its subject */
#define ANN_OBJECT	3	/* words around a verb that may be its object */
#define ANN_SUBJECT_GAP	3	/* words between a name and "will be in touch" */
#define ANN_GIVEN	5	/* words before a verb that may be its receiver */

/* The sender as the subject (folded). */
static const char *const first_person[] = {
	"i", "i've", "i'd", "i'll", "we", "we've", "we'd", "we'll",
	"ich", "wir", "hab", "habe",
	"je", "j'ai", "j'", "nous",
	"yo", "nosotros", "nosotras",
};

/* Spanish auxiliaries of the first person ("le he pasado"), which count
 * only before a participle: English "he gave" is somebody else. */
static const char *const first_aux[] = { "he", "hemos" };

/* Verbs that are the sender by themselves (es preterite, first person). */
static const char *const self_verbs[] = {
	"di", "pase", "dije", "hable", "recomende", "mande", "envie",
	"comente", "facilite", "deje",
};

/* Auxiliaries of the passive just before the verb: "I was given your
 * number", "mir wurde ... gegeben", "j'ai été", "me fue": the sender
 * received, somebody else gave. */
static const char *const passive_aux[] = {
	"was", "were", "been", "being", "wurde", "wurden", "worden", "ete",
	"fue", "fui", "sido",
};

/* The sender as the one given to, by the verb: "gave me", "hat mir",
 * "m'a", "me dio" (folded; "m" is the elided "m'"). */
static const char *const first_receiver[] = {
	"me", "us", "mir", "uns", "m", "m'a", "m'avait", "moi", "nos",
};

/* Object pronouns by the verb that point back to a person: "gave her". */
static const char *const object_pronouns[] = {
	"her", "him", "them", "ihr", "ihm", "lui", "leur", "le", "les", "se",
};

/* Subject pronouns before "will be in touch" ("she'll" is one word). */
static const char *const subject_pronouns[] = {
	"he", "she", "they", "he'll", "she'll", "they'll", "er", "sie",
	"il", "elle", "ils", "elles", "el", "ella",
};

/* participle - a Spanish past participle: "pasado", "dado", "dicho" */
static bool
participle(const char *w)
{
	size_t n = strlen(w);

	if (strcmp(w, "sido") == 0)
		return false;	/* "he sido": a passive, not the giving */
	return (n >= 4 && (strcmp(w + n - 3, "ado") == 0 ||
	    strcmp(w + n - 3, "ido") == 0)) || strcmp(w, "dicho") == 0 ||
	    strcmp(w, "escrito") == 0 || strcmp(w, "puesto") == 0;
}

/*
 * giver_is_sender - the verb at v (in the sentence [sb, se)) has the
 * sender as its subject.
 */
static bool
giver_is_sender(const struct cl *c, size_t sb, size_t se, struct cl_span v)
{
	struct rules_word w;
	size_t pos = cl_clause_start(c->text, sb, v.start), k = 0;
	bool aux = false, passive = false, subject = false;

	while (rules_word_next(c->text, v.end, &pos, &w)) {
		if (w.overflow) {
			aux = passive = false;
			continue;
		}
		if (w.start >= v.start && passive)
			return false;	/* "I was given": the sender got it */
		if ((aux && participle(w.folded)) || (w.start < v.start &&
		    str_in_list(first_person, NELEM(first_person), w.folded)))
			subject = true;
		passive = str_in_list(passive_aux, NELEM(passive_aux),
		    w.folded);
		aux = str_in_list(first_aux, NELEM(first_aux), w.folded);
	}
	if (subject)
		return true;
	pos = v.start;
	if (rules_word_next(c->text, v.end, &pos, &w) && !w.overflow &&
	    str_in_list(self_verbs, NELEM(self_verbs), w.folded))
		return true;
	pos = v.end;
	while (k++ < ANN_AFTER && rules_word_next(c->text, se, &pos, &w))
		if (!w.overflow && str_in_list(first_person, NELEM(first_person),
		    w.folded))
			return true;
	return false;
}

/* Words that join two clauses: a receiver before them belongs to the
 * other verb ("me preguntó ... y le di"). */
static const char *const joiners[] = {
	"and", "but", "und", "aber", "et", "mais", "y", "e", "pero", "o",
};

/*
 * sender_given - the sender is the one given to: a first-person object
 * among the ANN_GIVEN words before the verb at v, since the last joining
 * word, or just after it ("Jo hat mir Ihre Nummer gegeben", "gave me",
 * "qui m'a passé", "me pasó").
 */
static bool
sender_given(const struct cl *c, size_t sb, size_t se, struct cl_span v)
{
	struct rules_word w;
	size_t pos = cl_clause_start(c->text, sb, v.start), since = 0;
	bool mine[ANN_GIVEN] = { false };

	while (rules_word_next(c->text, v.start, &pos, &w)) {
		if (!w.overflow && str_in_list(joiners, NELEM(joiners),
		    w.folded)) {
			memset(mine, 0, sizeof(mine));
			continue;
		}
		mine[since++ % ANN_GIVEN] = !w.overflow && str_in_list(
		    first_receiver, NELEM(first_receiver), w.folded);
	}
	for (size_t i = 0; i < ANN_GIVEN; i++)
		if (mine[i])
			return true;
	pos = v.end;
	return rules_word_next(c->text, se, &pos, &w) && !w.overflow &&
	    str_in_list(first_receiver, NELEM(first_receiver), w.folded);
}

/*
 * details_in_clause - an [aim announce] phrase (the owner's details) lies
 * in the clause of the verb at v: from the clause start to the next comma
 * or the end of the sentence.  "hat mir Ihre Nummer gegeben, als ich ihr
 * davon erzählt habe": the number goes with "gegeben", not "erzählt".
 */
static bool
details_in_clause(const struct cl *c, size_t sb, size_t se, struct cl_span v)
{
	size_t cb = cl_clause_start(c->text, sb, v.start), ce = v.end;

	while (ce < se && c->text[ce] != ',' && c->text[ce] != ';')
		ce++;
	/* one bounded scan: the clause, only for a give verb beside a cue */
	return cl_near_between(c, cb, ce, "announce");
}

/*
 * cl_sender_gives - the sentence [sb, se) has the sender giving the
 * owner's details away ("Meiner Schwägerin, Gisela Hartung, habe ich Ihre
 * Nummer gegeben", "I passed your number on to Tom Hale"): the person
 * named there was sent by the sender, never the one who sent them.
 */
bool
cl_sender_gives(const struct cl *c, size_t sb, size_t se)
{
	for (size_t k = 0; k < c->ngive; k++) {
		struct cl_span v = c->give[k];

		if (v.start >= sb && v.end <= se &&
		    details_in_clause(c, sb, se, v) &&
		    giver_is_sender(c, sb, se, v) &&
		    !sender_given(c, sb, se, v))
			return true;
	}
	return false;
}

/* pronoun_by - an object pronoun among the ANN_OBJECT words around v */
static bool
pronoun_by(const struct cl *c, size_t sb, size_t se, struct cl_span v)
{
	struct rules_word w, last[ANN_OBJECT];
	size_t pos = sb, seen = 0, k = 0;

	while (rules_word_next(c->text, v.start, &pos, &w))
		last[seen++ % ANN_OBJECT] = w;
	for (size_t i = 0; i < ANN_OBJECT && i < seen; i++)
		if (!last[i].overflow && str_in_list(object_pronouns,
		    NELEM(object_pronouns), last[i].folded))
			return true;
	pos = v.end;
	while (k++ < ANN_OBJECT && rules_word_next(c->text, se, &pos, &w))
		if (!w.overflow && str_in_list(object_pronouns,
		    NELEM(object_pronouns), w.folded))
			return true;
	return false;
}

/* pronoun_before - a subject pronoun among the two words before at */
static bool
pronoun_before(const struct cl *c, size_t sb, size_t at)
{
	struct rules_word w;
	size_t pos = cl_clause_start(c->text, sb, at), seen = 0;
	bool last2[2] = { false, false };

	while (rules_word_next(c->text, at, &pos, &w))
		last2[seen++ % 2] = !w.overflow && str_in_list(subject_pronouns,
		    NELEM(subject_pronouns), w.folded);
	return last2[0] || last2[1];
}

/* question - the sentence [sb, se) asks ("Can I give ... your number?") */
static bool
question(const struct cl *c, size_t se)
{
	size_t e = se;

	while (e > 0 && (c->text[e - 1] == ' ' || c->text[e - 1] == '\n' ||
	    c->text[e - 1] == '\r' || c->text[e - 1] == '\t'))
		e--;
	if (e < c->tlen && c->text[e] == '?')
		return true;
	return e > 0 && c->text[e - 1] == '?';
}

/* sender_known - the sender was a contact before this message */
static bool
sender_known(const struct cl *c)
{
	return c->known != NULL && c->known->is_customer != NULL &&
	    c->sender != NULL && c->known->is_customer(c->known->ctx, c->sender);
}

/* record - a name nobody knows yet, with its sentence as evidence */
static int
record(struct cl *c, char *name, size_t eb, size_t se, size_t at)
{
	char email[CL_EMAIL_MAX + 1], *ev;

	/* a person the store knows wrote before: nobody sent them now */
	if (cl_known_name(c, name, email, sizeof(email)))
		return 0;
	if ((ev = cl_evidence(c->text, eb, se, at)) == NULL)
		return -1;
	return cl_add_announce(c, name, ev) < 0 ? -1 : 0;
}

/* give - "I gave my neighbour Jo Bloggs your number" */
static int
give(struct cl *c, struct cl_span v)
{
	char name[CL_NAME_MAX];
	size_t sb, se, eb;

	cl_sentence(c->text, c->tlen, v.start, v.end, &sb, &se);
	eb = sb;
	if (question(c, se) || cl_cancelled(c, "announce", v) ||
	    !giver_is_sender(c, sb, se, v) || sender_given(c, sb, se, v))
		return 0;
	if (!cl_full_name_in(c, sb, se, v.start, name) &&
	    !(pronoun_by(c, sb, se, v) && cl_prev_name(c, sb, name, &eb)))
		return 0;
	return record(c, name, eb, se, v.start);
}

/* come - "Fiona Gray will be in touch", "..., sie meldet sich" */
static int
come(struct cl *c, struct cl_span v)
{
	char name[CL_NAME_MAX];
	size_t sb, se, eb;

	cl_sentence(c->text, c->tlen, v.start, v.end, &sb, &se);
	eb = sb;
	if (question(c, se) || cl_cancelled(c, "announce", v))
		return 0;
	if (cl_name_before(c, sb, v.start, ANN_SUBJECT_GAP, name))
		return record(c, name, eb, se, v.start);
	if (!pronoun_before(c, sb, v.start) &&
	    !(cl_first_word(c->text + sb, v.start - sb) == v.start - sb))
		return 0;
	/* "I've told Ana Ruiz about you, she'll be in touch" */
	if (cl_full_name_in(c, sb, v.start, v.start, name) ||
	    cl_prev_name(c, sb, name, &eb))
		return record(c, name, eb, se, v.start);
	return 0;
}

/*
 * asks_work - the text asks the owner for new work (an [enquiry] phrase
 * or an [aim request] one): a newcomer's first request, whose names are
 * the people who sent them, never people they sent on.
 */
static bool
asks_work(const struct cl *c)
{
	if (c->asks)
		return true;
	for (size_t i = 0; i < c->ntags; i++)
		if (strcmp(c->tags[i].tag, "enquiry") == 0)
			return true;
	return false;
}

/* work_done - the text speaks of work the owner did: a good result, a
 * tie to the owner's work ([outcome good], [outcome link], [aim work]), a
 * phrase of praise ("the prints are lovely, thank you so much") or the
 * praise the tags found in it */
static bool
work_done(const struct cl *c)
{
	if (cl_cue_scanned(c, "praise") || cl_sender_tagged(c, "praise"))
		return true;
	for (size_t i = 0; i < c->noutc; i++)
		if (strcmp(c->outc[i].name, "good") == 0 ||
		    strcmp(c->outc[i].name, "link") == 0)
			return true;
	return cl_near_between(c, 0, c->tlen, "work");
}

/*
 * announcer - who may announce: a contact the store knows, or a sender
 * whose mail is a reply, or speaks of work the owner did and asks for
 * nothing new (the mailbox began after their order: "the dress fits, at
 * last I can lift my arms ... I gave your number to my cousin Lola
 * Prieto" is a customer's).  A stranger's first words never announce.
 */
static bool
announcer(const struct cl *c)
{
	return sender_known(c) || cl_is_reply(c->m) ||
	    (work_done(c) && !asks_work(c));
}

int
cl_announcements(struct cl *c)
{
	if ((c->ngive == 0 && c->ncome == 0) || !announcer(c))
		return 0;
	for (size_t k = 0; k < c->ngive; k++)
		if (give(c, c->give[k]) < 0)
			return -1;
	for (size_t k = 0; k < c->ncome; k++)
		if (come(c, c->come[k]) < 0)
			return -1;
	return 0;
}
