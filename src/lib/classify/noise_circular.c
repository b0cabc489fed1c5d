/*
 * noise_circular - an organisation's circular sent to many by hand.
 *
 * SYNOPSIS
 *	#include "noise_int.h"
 *
 *	if (noise_circular(m, cfg, why, sizeof(why))) ... bulk ...
 *
 * DESCRIPTION
 *	An invitation or an announcement of a chamber, a town hall, an
 *	association or a trade fair often goes out from an ordinary mail
 *	client, with no list field, to a handful of addresses in To and Cc.
 *	Its shape gives it away: a first message (no In-Reply-To or
 *	References), to CIRCULAR_RCPTS or more visible recipients who are
 *	not the owner, from a sender who writes as the organisation, not as
 *	a person in it: two words or more of the display name are the name
 *	of the From domain ("VendEx Expo" <events@vendex-expo.example>,
 *	"IHK Hannover Veranstaltungen" <veranstaltungen@ihk-hannover...>),
 *	leaving out a word the mailbox is named after.  A person inviting
 *	friends writes under their own name ("Grace Adeyemi"
 *	<grace@thewharfgallery...>, "Anna Berg" <anna@anna-berg...>) and
 *	stays a person.
 *
 * OWNS
 *	Nothing: the reason is written into the caller's buffer.
 *
 * NEVER
 *	Judges the owner's own mail, a reply, or mail to fewer people.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "classify/classify.h"
#include "noise_int.h"
#include "util/strutil.h"

/* Visible recipients besides the owner that make a circular. */
#define CIRCULAR_RCPTS		4
/* Letters of a display-name word that may name a domain. */
#define CIRCULAR_WORD		3
#define CIRCULAR_LONGEST	40
/* Display-name words found in the domain that make an organisation. */
#define CIRCULAR_WORDS		2

/* others - visible recipients (To and Cc) who are not the owner */
static size_t
others(const struct message *m, const struct config *cfg)
{
	const struct addrlist *l[2] = { &m->to, &m->cc };
	size_t n = 0;

	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < l[k]->n; i++)
			n += !config_is_own(cfg, l[k]->v[i].email);
	return n;
}

/* ascii_word - name[0, n) is CIRCULAR_WORD ASCII letters or more */
static bool
ascii_word(const char *name, size_t n)
{
	if (n < CIRCULAR_WORD)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = (char)(name[i] | 0x20);

		if (ch < 'a' || ch > 'z')
			return false;
	}
	return true;
}

/*
 * as_firm - the display name names the From domain in CIRCULAR_WORDS
 * words or more, not counting a word the local part carries
 */
static bool
as_firm(const struct address *from)
{
	const char *name = from->name, *at, *dom, *tld;
	size_t found = 0, local;

	if (name == NULL || (at = strrchr(from->email, '@')) == NULL)
		return false;
	local = (size_t)(at - from->email);
	dom = at + 1;
	if ((tld = strrchr(dom, '.')) == NULL)
		return false;
	for (const char *p = name; *p != '\0';) {
		char word[CIRCULAR_LONGEST + 1];
		size_t n = 0;

		/* a word: its letters only ("Asociación" is none) */
		while (*p != '\0' && *p != ' ' && *p != '-' && *p != '\'')
			p++, n++;
		if (ascii_word(p - n, n) && n <= CIRCULAR_LONGEST) {
			memcpy(word, p - n, n);
			word[n] = '\0';
			if (str_casestrn(dom, (size_t)(tld - dom), word) != NULL &&
			    str_casestrn(from->email, local, word) == NULL)
				found++;
		}
		while (*p == ' ' || *p == '-' || *p == '\'')
			p++;
	}
	return found >= CIRCULAR_WORDS;
}

bool
noise_circular(const struct message *m, const struct config *cfg,
    char *why, size_t whylen)
{
	size_t n;

	if (cfg == NULL || m->from.email == NULL ||
	    config_is_own(cfg, m->from.email) || m->in_reply_to != NULL ||
	    m->nreferences > 0)
		return false;
	if ((n = others(m, cfg)) < CIRCULAR_RCPTS || !as_firm(&m->from))
		return false;
	snprintf(why, whylen, "an organisation's circular (\"%.40s\" to %zu "
	    "recipients)", m->from.name, n);
	return true;
}
