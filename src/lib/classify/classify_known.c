/*
 * classify_known - the people of the text the store already knows.
 *
 * DESCRIPTION
 *	The lookups of the name finder: a name (or, for "Frau Vogel", a
 *	surname) asked of the store through struct classify_known, a
 *	three-word run tried without its first or last word, and any known
 *	person named in the sentence of a referral cue when the name nearest
 *	the cue is not one.  The names themselves are found by
 *	classify_names.c.  And whether the sender writes as a first contact
 *	(cl_first_contact, cl_first_asks): the store has no customer for
 *	them.
 *
 * OWNS
 *	Nothing: the caller's buffers get the name and the address.
 *
 * NEVER
 *	Records anything, or does I/O other than through struct
 *	classify_known.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"
#include "classify_int.h"
#include "names_int.h"
#include "rules_int.h"

/* cl_lookup - ask the store; out gets a lower-case address */
bool
cl_lookup(bool (*fn)(void *, const char *, char *, size_t), void *ctx,
    const char *key, char *out, size_t outlen)
{
	if (fn == NULL || !fn(ctx, key, out, outlen))
		return false;
	out[outlen - 1] = '\0';
	str_lower_inplace(out);
	return true;
}

/*
 * known_name - the address of a name the store knows; a three-word run
 * is also tried without its first word ("Kollegin Anna Schmidt") and
 * without its last ("Lucía Márquez Ortega", a second surname the store
 * never saw), and name is shortened to what was found.
 */
bool
cl_known_name(const struct cl *c, char *name, char *email, size_t elen)
{
	char *sp, *last, head[CL_NAME_MAX];

	if (c->known == NULL)
		return false;
	if (cl_lookup(c->known->email_for_name, c->known->ctx, name, email, elen))
		return true;
	if ((sp = strchr(name, ' ')) == NULL || strchr(sp + 1, ' ') == NULL)
		return false;
	if (cl_lookup(c->known->email_for_name, c->known->ctx, sp + 1, email,
	    elen)) {
		memmove(name, sp + 1, strlen(sp + 1) + 1);
		return true;
	}
	last = strrchr(name, ' ');
	if ((size_t)(last - name) >= sizeof(head))
		return false;
	memcpy(head, name, (size_t)(last - name));
	head[last - name] = '\0';
	if (!cl_lookup(c->known->email_for_name, c->known->ctx, head, email,
	    elen))
		return false;
	*last = '\0';
	return true;
}

/* by_surname - "Frau Vogel": the one known person of that surname */
bool
cl_by_surname(const struct cl *c, const char *surname, char *email,
    size_t elen)
{
	return c->known != NULL && cl_lookup(c->known->email_for_surname,
	    c->known->ctx, surname, email, elen);
}

/*
 * sentence_known - any known person named in the sentence of cue k, when
 * the name nearest the cue is not one ("Herr Werner Hofmann von der
 * Apotheke am Markt hat uns an Sie verwiesen"); name gets the name.
 */
bool
cl_sentence_known(const struct cl *c, size_t k, char *name, char *email,
    size_t elen)
{
	struct nword nw[NAME_SLOTS];
	size_t sb, se, lo, hi, n;

	cl_sentence(c->text, c->tlen, c->ref[k].start, c->ref[k].end, &sb, &se);
	lo = c->ref[k].start - sb > NAME_WINDOW ? c->ref[k].start - NAME_WINDOW : sb;
	hi = se - c->ref[k].end > NAME_WINDOW ? c->ref[k].end + NAME_WINDOW : se;
	while (lo > sb && lo < c->ref[k].start && c->text[lo - 1] != ' ' &&
	    c->text[lo - 1] != '\n')
		lo++;
	n = cl_near_words(c->text, lo, hi, nw);
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		if (!nw[i].name || (i > 0 && nw[i - 1].name && nw[i].joined))
			continue;	/* not the start of a run */
		while (j + 1 < n && nw[j + 1].name && nw[j + 1].joined &&
		    j + 1 - i < 2 * NAME_MAX_WORDS)
			j++;
		if (j == i)
			continue;	/* one word alone is no one's full name */
		if (cl_name_run(c, nw, i, j, name) && !cl_is_party(c, name) &&
		    cl_known_name(c, name, email, elen))
			return true;
	}
	return false;
}

bool
cl_first_contact(const struct cl *c)
{
	return !cl_is_reply(c->m) && !(c->known && c->known->is_customer &&
	    c->known->is_customer(c->known->ctx, c->sender));
}

bool
cl_first_asks(const struct cl *c)
{
	return cl_first_contact(c) && cl_asks_work(c);
}
