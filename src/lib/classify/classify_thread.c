/*
 * classify_thread - what the headers say about the conversation.
 *
 * DESCRIPTION
 *	Whether a message is a reply (In-Reply-To, References, or a reply
 *	prefix on the subject: "Re:", "AW:", "SV:", ...), the thread ids the
 *	store links messages by, and a list's own address (List-Post,
 *	Mailing-List) so that the owner's posts to it make no contact.
 *
 *	What the owner said in the mail a reply answers (cl_owner_said):
 *	the id it answers (In-Reply-To, else the last References id) asked
 *	of the store once, through struct classify_known, so that a reply
 *	that quotes nothing ("£240?? Are you having a laugh") is read
 *	against the owner's price or bill as a quoted one is.  It stands
 *	in for a quote only: a reply that quotes answers what it quotes.
 *	Only the owner's mail to the sender counts: a price written to
 *	somebody else is not the owner's word to them.
 *
 *	Whether a reply joins somebody else's thread (cl_thread_joined): it
 *	answers a mail that is not the owner's, and the owner's mail its
 *	References hold went to another party of this mail, never to the
 *	sender: the sister-in-law copied in who first writes to the owner
 *	("the roof has bowed so the front won't close") brings her own job.
 *
 * OWNS
 *	Nothing beyond what it adds to the facts, and the answer kept in
 *	c->said.
 *
 * NEVER
 *	Reads the body, or does I/O other than through struct
 *	classify_known.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mail/config.h"
#include "util/strutil.h"
#include "classify_int.h"

/*
 * subject_is_reply - "Re:", "RE:", "Aw:", "Sv:", "Antw:", "Réf:"-style
 * prefixes that mail clients put on replies whose In-Reply-To was lost.
 */
static bool subject_is_reply(const char *subject);

bool
cl_is_reply(const struct message *m)
{
	return m->in_reply_to != NULL || m->nreferences > 0 ||
	    subject_is_reply(m->subject);
}

static bool
subject_is_reply(const char *subject)
{
	static const char *const prefixes[] = { "re:", "re :", "aw:", "sv:",
		"antw:", "vs:", "r:", "rif:", "odp:" };

	if (subject == NULL)
		return false;
	while (*subject == ' ' || *subject == '\t')
		subject++;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (str_has_prefix_case(subject, prefixes[i]))
			return true;
	return false;
}

/*
 * list_address - bulk mail's own list address (List-Post's mailto:, or
 * the address Mailing-List names), so that the owner's later posts to it
 * make no contact.  0, or -1 on ENOMEM.
 */
int
cl_list_address(struct facts *f, const struct message *m)
{
	const char *v = message_field(m, "List-Post"), *p;
	char addr[CL_EMAIL_MAX];
	size_t n;

	if (v != NULL && (p = str_casestrn(v, strlen(v), "mailto:")) != NULL)
		p += 7;
	else if ((v = message_field(m, "Mailing-List")) != NULL &&
	    (p = str_casestrn(v, strlen(v), "list ")) != NULL)
		p += 5;
	else
		return 0;
	n = strcspn(p, ">?; \t,");
	if (n == 0 || n >= sizeof(addr))
		return 0;
	memcpy(addr, p, n);
	addr[n] = '\0';
	if (!email_valid(addr))
		return 0;
	return (f->list_address = str_lower(addr)) == NULL ? -1 : 0;
}

/* thread_ids - In-Reply-To and References into f->thread, once each */
int
cl_thread_ids(struct facts *f, const struct message *m)
{
	size_t n = m->nreferences + 1;

	if ((f->thread = calloc(n, sizeof(*f->thread))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const char *id = i == 0 ? m->in_reply_to : m->references[i - 1];
		bool seen = false;

		if (id == NULL || *id == '\0')
			continue;
		for (size_t j = 0; j < f->nthread && !seen; j++)
			seen = strcmp(f->thread[j], id) == 0;
		if (seen)
			continue;
		if ((f->thread[f->nthread] = strdup(id)) == NULL)
			return -1;
		f->nthread++;
	}
	return 0;
}

/* answered_id - the id a reply answers: In-Reply-To, else the last
 * References id; NULL for none */
static const char *
answered_id(const struct message *m)
{
	if (m->in_reply_to != NULL && *m->in_reply_to != '\0')
		return m->in_reply_to;
	if (m->nreferences > 0 && m->references[m->nreferences - 1] != NULL &&
	    *m->references[m->nreferences - 1] != '\0')
		return m->references[m->nreferences - 1];
	return NULL;
}

const struct classify_said *
cl_owner_said(const struct cl *c)
{
	struct cl_said_memo *memo = c->said;
	const char *id;

	/* a quote is what the reply answers: the store stands in for none */
	if (memo == NULL || (c->m->quoted != NULL && *c->m->quoted != '\0'))
		return NULL;
	if (!memo->asked) {
		memo->asked = true;
		memset(&memo->v, 0, sizeof(memo->v));
		memo->found = c->known != NULL && c->known->owner_said != NULL &&
		    c->sender != NULL && (id = answered_id(c->m)) != NULL &&
		    c->known->owner_said(c->known->ctx, id, c->sender,
		    &memo->v);
	}
	return memo->found ? &memo->v : NULL;
}

/* cl_id_is_own - a Message-ID ("local@domain", "<...>" or not) made at an
 * own domain */
bool
cl_id_is_own(const struct cl *c, const char *id)
{
	const char *at = id != NULL ? strchr(id, '@') : NULL;
	char addr[CL_EMAIL_MAX];
	size_t n;

	if (at == NULL)
		return false;
	n = strcspn(at, "> \t");
	if (n < 2 || n + 2 > sizeof(addr))
		return false;
	addr[0] = 'x';	/* the domain is what counts */
	memcpy(addr + 1, at, n);
	addr[n + 1] = '\0';
	return config_is_own(c->cfg, addr);
}

#define THREAD_OWN_IDS	8	/* the owner's mails of a thread looked up */
#define THREAD_PARTIES	16	/* recipients of this mail looked up, each */

/* said_to_party - the owner's mail id went to a recipient of this mail
 * other than the sender and the owner (among its first THREAD_PARTIES:
 * more make mass mail, which introduces nobody either) */
static bool
said_to_party(const struct cl *c, const char *id)
{
	const struct addrlist *lists[2] = { &c->m->to, &c->m->cc };
	struct classify_said said;
	char email[CL_EMAIL_MAX];
	size_t asked = 0;

	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n &&
		    asked < THREAD_PARTIES; i++) {
			const char *e = lists[l]->v[i].email;
			size_t n = e != NULL ? strlen(e) : 0;

			if (n == 0 || n >= sizeof(email) ||
			    config_is_own(c->cfg, e))
				continue;
			for (size_t j = 0; j <= n; j++)
				email[j] = (char)(e[j] >= 'A' && e[j] <= 'Z' ?
				    e[j] - 'A' + 'a' : e[j]);
			if (strcmp(email, c->sender) == 0)
				continue;
			asked++;
			if (c->known->owner_said(c->known->ctx, id, email,
			    &said))
				return true;
		}
	return false;
}

bool
cl_thread_joined(const struct cl *c)
{
	const struct message *m = c->m;
	struct classify_said said;
	bool other = false;

	if (c->cfg == NULL || c->known == NULL ||
	    c->known->owner_said == NULL || c->sender == NULL ||
	    m->in_reply_to == NULL || cl_id_is_own(c, m->in_reply_to))
		return false;	/* it answers the owner's mail itself */
	/* the owner's latest few mails of the thread, newest first: each is
	 * a store lookup, and a hostile mail may list a hundred */
	for (size_t i = m->nreferences, own = 0; i-- > 0 &&
	    own < THREAD_OWN_IDS;) {
		const char *id = m->references[i];

		if (!cl_id_is_own(c, id))
			continue;
		own++;
		if (c->known->owner_said(c->known->ctx, id, c->sender, &said))
			return false;	/* the owner wrote to the sender */
		other = other || said_to_party(c, id);
	}
	return other;
}
