/*
 * classify_stranger - whether a reply answers the owner or somebody else.
 *
 * DESCRIPTION
 *	A newcomer often writes first as a reply: to the friend who
 *	introduced them, to a forward, under a "Re:" of someone else's
 *	thread.  What such a mail says went wrong was done by somebody else
 *	(the last builder, a former dressmaker), since the owner has not
 *	worked for the sender yet.  cl_answers_owner tells the two apart by
 *	the thread alone: a reply answers the owner when a message id it
 *	answers was made at an own domain, or when the quoted mail's
 *	attribution (its lines before the first '>' line) names an own
 *	address or the name the sender gave an own address in To or Cc.
 *	Nothing else is taken for the owner's: a "Re:" subject alone
 *	answers nobody known.  A reply that joins a thread in which the
 *	owner wrote to somebody else, never to the sender
 *	(cl_thread_joined, classify_thread.c), answers nobody's mail to the
 *	sender either.
 *
 * OWNS
 *	Nothing.
 *
 * NEVER
 *	Reads more of the quoted mail than its first lines
 *	(CL_ATTRIBUTION_SPAN bytes), or looks anything up in the store
 *	itself.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "mail/config.h"
#include "util/strutil.h"
#include "classify_int.h"

/* how far into the quoted mail its attribution line may reach */
#define CL_ATTRIBUTION_SPAN 400
/* what ends an address written in running text */
#define ADDR_STOP " \t\r\n<>()\"',;:[]"

/* attribution_len - the quoted mail's lines before its first '>' line */
static size_t
attribution_len(const char *q)
{
	size_t n = strnlen(q, CL_ATTRIBUTION_SPAN);
	const char *gt = q[0] == '>' ? q : NULL;

	for (size_t i = 0; i + 1 < n && gt == NULL; i++)
		if (q[i] == '\n' && q[i + 1] == '>')
			gt = q + i;
	return gt != NULL ? (size_t)(gt - q) : n;
}

/* names_own_address - an own address among the words of a[0, n) */
static bool
names_own_address(const struct cl *c, const char *a, size_t n)
{
	const char *end = a + n, *at;
	char addr[CL_EMAIL_MAX];

	for (at = memchr(a, '@', n); at != NULL;
	    at = memchr(at + 1, '@', (size_t)(end - at - 1))) {
		const char *b = at, *e = at + 1;
		size_t len;

		while (b > a && strchr(ADDR_STOP, b[-1]) == NULL)
			b--;
		while (e < end && strchr(ADDR_STOP, *e) == NULL)
			e++;
		if ((len = (size_t)(e - b)) >= sizeof(addr) || len < 3)
			continue;
		memcpy(addr, b, len);
		addr[len] = '\0';
		if (config_is_own(c->cfg, addr))
			return true;
	}
	return false;
}

/* name_within - the display name, three bytes or more, is in a[0, n) */
static bool
name_within(const char *name, const char *a, size_t n)
{
	return strlen(name) >= 3 && str_casestrn(a, n, name) != NULL;
}

/*
 * names_own_recipient - the display name the sender gave an own address
 * in To or Cc ("Étienne Perrault a écrit :" over a reply to
 * etienne@...), in a[0, n)
 */
static bool
names_own_recipient(const struct cl *c, const char *a, size_t n)
{
	return cl_recipient_by(c, true, name_within, a, n) != NULL;
}

bool
cl_name_opens(const char *name, const char *w, size_t n)
{
	for (const char *p = name; p != NULL && *p != '\0'; p++) {
		if (p != name && p[-1] != ' ' && p[-1] != '-' && p[-1] != '"')
			continue;
		if (strncasecmp(p, w, n) == 0)
			return true;
	}
	return false;
}

/*
 * cl_recipient_by - the first address of To, then Cc, that is the owner's
 * (own) or neither the owner's nor the sender's (!own), with a display
 * name that fits the n bytes at s; NULL if none
 */
const struct address *
cl_recipient_by(const struct cl *c, bool own, cl_name_fit fits,
    const char *s, size_t n)
{
	const struct addrlist *lists[2] = { &c->m->to, &c->m->cc };

	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			const struct address *r = &lists[l]->v[i];

			if (r->name != NULL &&
			    config_is_own(c->cfg, r->email) == own &&
			    (own || !cl_sender_alias(c, r)) &&
			    fits(r->name, s, n))
				return r;
		}
	return NULL;
}

/* quote_names_owner - the quoted mail's attribution names the owner */
static bool
quote_names_owner(const struct cl *c)
{
	const char *q = c->m->quoted;
	size_t n;

	if (q == NULL || (n = attribution_len(q)) == 0)
		return false;
	return names_own_address(c, q, n) || names_own_recipient(c, q, n);
}

bool
cl_answers_owner(const struct cl *c)
{
	const struct message *m = c->m;

	if (c->cfg == NULL)
		return true;	/* nothing known of the owner: assume so */
	if (cl_id_is_own(c, m->in_reply_to))
		return true;
	for (size_t i = 0; i < m->nreferences; i++)
		if (cl_id_is_own(c, m->references[i]))
			return true;
	return quote_names_owner(c);
}

bool
cl_asks_work(const struct cl *c)
{
	bool asks = c->asks;

	for (size_t i = 0; i < c->ntags && !asks; i++)
		asks = strcmp(c->tags[i].tag, "enquiry") == 0;
	return asks;
}

bool
cl_stranger_asks(const struct cl *c)
{
	return cl_is_reply(c->m) && (c->favour || cl_asks_work(c)) &&
	    (!cl_answers_owner(c) || cl_thread_joined(c));
}
