/*
 * classify_away - an out-of-office told by its shape, not its header.
 *
 * DESCRIPTION
 *	An auto-reply that carries no Auto-Submitted or X-Autoreply field
 *	still reads like one: a short answer to the owner's mail, asking
 *	nothing, that says nobody will read it now.  It tells two different
 *	things of these, and at least one of them about the mailbox or the
 *	desk rather than the person: that the sender or the office is away
 *	([aim absent]: "I'm currently away", "im Urlaub", "nicht besetzt",
 *	"en congé", "de vacaciones"), that mail goes unread or is not
 *	passed on ([aim unread]: "not checking emails", "wird nicht
 *	weitergeleitet", "je n'ai pas accès", "sin acceso al correo"),
 *	when somebody will answer ([aim back]: "back on", "wieder
 *	erreichbar", "vous répondra dans", "a mi regreso"), where to turn
 *	in the meantime ([aim urgent]: "for urgent matters", "in dringenden
 *	Fällen", "pour toute demande urgente", "en caso de urgencia"), and,
 *	opening the text, the receipt of the mail thanked for ([aim
 *	received]: "Thank you for your message", "Merci pour votre
 *	message").  A person who writes back at length, asks a question,
 *	or only says they are away and thanks for the mail is a person.
 *
 * OWNS
 *	Nothing: it reads the sender's text and the scan's rules.
 *
 * NEVER
 *	Reads what the sender quoted, or judges a first message (an
 *	out-of-office answers one).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "classify_int.h"
#include "rules_int.h"

#define AWAY_MAX_TEXT	360	/* bytes: an out-of-office says it briefly */

/* The kinds of sign, the [aim] sections that hold them. */
enum { AWAY_ABSENT, AWAY_UNREAD, AWAY_BACK, AWAY_URGENT, AWAY_RECEIVED,
	AWAY_KINDS };
static const char *const away_aims[AWAY_KINDS] = {
	"absent", "unread", "back", "urgent", "received",
};

/* asks - a question mark in text[0, n) */
static bool
asks(const char *t, size_t n)
{
	return memchr(t, '?', n) != NULL;
}

bool
cl_away_text(const struct cl *c, char *why, size_t whylen)
{
	struct cl_span at;
	const char *seen[AWAY_KINDS];
	size_t nseen = 0, n = c->tlen;
	bool desk = false;

	if (c->text == NULL || c->r == NULL || !cl_is_reply(c->m))
		return false;
	while (n > 0 && (c->text[n - 1] == ' ' || c->text[n - 1] == '\n' ||
	    c->text[n - 1] == '\r' || c->text[n - 1] == '\t'))
		n--;
	if (n == 0 || n - c->first > AWAY_MAX_TEXT || asks(c->text, n))
		return false;
	for (size_t k = 0; k < AWAY_KINDS; k++) {
		if (!cl_money_seek(c, c->text, c->first, n, RULES_AIM,
		    away_aims[k], &at))
			continue;
		/* the receipt thanked for opens the text */
		if (k == AWAY_RECEIVED && at.start != c->first)
			continue;
		seen[nseen++] = away_aims[k];
		desk |= k == AWAY_UNREAD || k == AWAY_URGENT;
	}
	if (nseen < 2 || !desk)
		return false;
	snprintf(why, whylen, "automated: out-of-office text (%s and %s)",
	    seen[0], seen[1]);
	return true;
}
