/*
 * noise_pitch - an unsolicited offer that no filter marked.
 *
 * SYNOPSIS
 *	#include "noise_int.h"
 *
 *	if (noise_pitch(m, why, sizeof(why))) ... spam ...
 *
 * DESCRIPTION
 *	Spam that reached the mailbox with no verdict of the MTA's filter
 *	still shows its trade: it comes from a sales mailbox (offers@,
 *	ventas@, vertrieb@), shouts ("FINAL NOTICE", "!!"), urges the reader
 *	to act now ("click here", "limited offer", "cliquez ici"), greets
 *	nobody in particular ("Dear Business Owner"), announces a prize,
 *	offers a price cut ("70% OFF"), sends the reader to a link to
 *	follow within so many hours (the parcel or bill that phishes:
 *	"confirme sus datos en el siguiente enlace en las próximas 24
 *	horas"), or tells how to stop its mail
 *	("répondez STOP", under the name too).  A person writing may show one of
 *	these (an angry customer shouts, a supplier writes from sales@), and
 *	a worried one two of the kinds that only set a tone (shouting and
 *	"Dear Sir or Madam" over a leaking roof): a first message is a pitch
 *	when it shows two different kinds and one of them is an offer's own
 *	(a call to act now, a prize, a way to stop further mail, a price
 *	cut, a link to follow within hours), or three kinds of any sort.  A reply in a thread (In-Reply-To
 *	or References) never is.
 *
 * OWNS
 *	Nothing: the reason is written into the caller's buffer.
 *
 * NEVER
 *	Reads what the sender quoted (the signature only for a way out),
 *	keeps state, or
 *	judges mail that answers another message.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "classify/noise.h"
#include "noise_int.h"
#include "util/phrase_set.h"
#include "util/strutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Letters in a shouted word, and shouted words that make shouting. */
#define PITCH_SHOUT_LETTERS	4
#define PITCH_SHOUTS		2
/* Bytes of the text searched: a pitch says its piece at once. */
#define PITCH_HEAD		2048

/* Local parts of mailboxes that sell (and win, and renew). */
static const char *const sales_boxes[] = {
	"sales", "offers", "offer", "deals", "promo", "promos", "promotion",
	"promotions", "marketing", "renewals", "renewal", "winners",
	"ofertas", "oferta", "ventas", "promociones", "premios",
	"vertrieb", "angebot", "angebote", "aktion", "aktionen", "gewinn",
	"offre", "offres", "commercial",
};

/* Calls to act at once. */
static const char *const urges[] = {
	"click here", "click below", "reply yes", "limited offer",
	"limited time", "offer ends", "act now", "order now", "buy now",
	"don't miss", "stock is limited", "while stocks last",
	"money back", "expires in", "renew now", "claim your",
	"hier klicken", "jetzt klicken", "jetzt sichern", "nur noch heute",
	"nur noch 24", "nur noch 48", "solange der vorrat",
	"cliquez ici", "cliquez sur", "offre limit\xc3\xa9" "e",
	"offre exclusive", "d\xc3\xa8s maintenant", "jusqu'\xc3\xa0 \xc3\xa9puisement",
	"haga clic", "pulse aqu\xc3\xad", "oferta exclusiva",
	"oferta limitada", "solo hoy", "hasta agotar",
};

/* Salutations to nobody in particular. */
static const char *const nobodies[] = {
	"dear business owner", "dear customer", "dear valued",
	"dear friend", "dear sir/madam", "dear sir or madam",
	"dear website owner", "hello business owner",
	"lieber kunde", "liebe kundin", "sehr geehrter kunde",
	"cher client", "ch\xc3\xa8re cliente", "cher partenaire",
	"estimado cliente", "estimada clienta", "querido cliente",
};

/* A way out of further mail, also under the name. */
static const char *const optouts[] = {
	"no longer wish to receive", "reply stop", "reply remove",
	"keine weiteren", "nicht mehr erhalten", "ne plus recevoir",
	"r\xc3\xa9pondez stop", "no desea recibir", "responda baja",
	"no quiere recibir",
};

/* A prize announced. */
static const char *const prizes[] = {
	"you have won", "you've won", "you are a winner", "winner of",
	"gewonnen", "gewinner", "vous avez gagn\xc3\xa9", "gagnant",
	"ha ganado", "ganador", "has ganado",
};

/* A price cut offered: after a number and "%", or before them. */
static const char *const cuts[] = {
	"off", "rabatt", "nachlass", "de remise", "de r\xc3\xa9" "duction",
	"de descuento", "dto",
};

static const char *const cuts_before[] = {
	"discount", "remise", "rabatt", "descuento", "r\xc3\xa9" "duction",
};

/* Bytes from a cut word to its "NN %". */
#define PITCH_CUT_GAP	12

/* any_of - one of list in s[0, n) */
static bool
any_of(const char *const *list, size_t k, const char *s, size_t n)
{
	for (size_t i = 0; s != NULL && i < k; i++)
		if (str_casestrn(s, n, list[i]) != NULL)
			return true;
	return false;
}

/* sales_box - the From's local part is a mailbox that sells */
static bool
sales_box(const char *email)
{
	const char *at = email != NULL ? strchr(email, '@') : NULL;

	for (size_t i = 0; at != NULL && i < NELEM(sales_boxes); i++)
		if (strlen(sales_boxes[i]) == (size_t)(at - email) &&
		    strncasecmp(email, sales_boxes[i], (size_t)(at - email)) == 0)
			return true;
	return false;
}

/*
 * shouts - "!!", or PITCH_SHOUTS words with PITCH_SHOUT_LETTERS capital
 * letters or more and no small one ("FINAL NOTICE", "PRÉ-ACCEPTÉE")
 */
static bool
shouts(const char *s, size_t n)
{
	size_t words = 0, caps = 0;
	bool small = false;

	if (s == NULL)
		return false;
	for (size_t i = 0; i <= n; i++) {
		unsigned char ch = i < n ? (unsigned char)s[i] : ' ';

		if (ch == '!' && i + 1 < n && s[i + 1] == '!')
			return true;
		if ((ch >= 'A' && ch <= 'Z') || ch >= 0x80) {
			caps += ch < 0x80;
			continue;
		}
		if (ch >= 'a' && ch <= 'z') {
			small = true;
			continue;
		}
		if (ch == '-' || ch == '\'')
			continue;	/* one word still */
		if (!small && caps >= PITCH_SHOUT_LETTERS &&
		    ++words >= PITCH_SHOUTS)
			return true;
		caps = 0;
		small = false;
	}
	return false;
}

/* cut_before - a cut word shortly before "NN %": "Remise 25 %" */
static bool
cut_before(const char *s, size_t n, size_t pct)
{
	size_t from = pct > PITCH_CUT_GAP + 8 ? pct - PITCH_CUT_GAP - 8 : 0;

	for (size_t k = 0; k < NELEM(cuts_before); k++) {
		const char *at = str_casestrn(s + from, pct - from,
		    cuts_before[k]);

		if (at != NULL && (size_t)(s + pct - at) <=
		    strlen(cuts_before[k]) + PITCH_CUT_GAP)
			return true;
	}
	return false;
}

/*
 * cut - a price cut offered: "70% OFF", "-60%", "60 % de descuento",
 * "Remise 25 %"
 */
static bool
cut(const char *s, size_t n)
{
	for (size_t i = 1; s != NULL && i < n; i++) {
		size_t d = i, j = i + 1;

		if (s[i] != '%')
			continue;
		if (d > 0 && s[d - 1] == ' ')
			d--;	/* "60 %" */
		if (d == 0 || s[d - 1] < '0' || s[d - 1] > '9')
			continue;
		while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9')
			d--;
		if ((d > 0 && s[d - 1] == '-') || cut_before(s, n, d))
			return true;
		while (j < n && s[j] == ' ')
			j++;
		for (size_t k = 0; k < NELEM(cuts); k++) {
			size_t len = strlen(cuts[k]);

			if (j + len <= n && strncasecmp(s + j, cuts[k], len) == 0 &&
			    (j + len == n || !((s[j + len] | 0x20) >= 'a' &&
			    (s[j + len] | 0x20) <= 'z')))
				return true;
		}
	}
	return false;
}

/* Words of hours after a count: "24 hours", "48 Stunden", "24 heures". */
static const char *const hour_words[] = {
	"hours", "hrs", "stunden", "heures", "horas",
};

/* hours - a count of hours ("within 24 hours", "en las próximas 24
 * horas", a line break between them too) in s[0, n) */
static bool
hours(const char *s, size_t n)
{
	for (size_t i = 0; s != NULL && i < n; i++) {
		size_t j = i;

		if (s[i] < '0' || s[i] > '9' || (i > 0 && s[i - 1] >= '0' &&
		    s[i - 1] <= '9'))
			continue;
		while (j < n && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j == i || j - i > 3 || j == n || (s[j] != ' ' &&
		    s[j] != '\n' && s[j] != '\r'))
			continue;
		while (j < n && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r'))
			j++;
		for (size_t k = 0; k < NELEM(hour_words); k++) {
			size_t len = strlen(hour_words[k]);

			if (j + len <= n &&
			    strncasecmp(s + j, hour_words[k], len) == 0 &&
			    (j + len == n || !((s[j + len] | 0x20) >= 'a' &&
			    (s[j + len] | 0x20) <= 'z')))
				return true;
		}
	}
	return false;
}

/* link_within_hours - a link to follow and a count of hours to do it in:
 * "confirm your details at http://... within 24 hours" */
static bool
link_within_hours(const char *s, size_t n)
{
	return s != NULL && (str_casestrn(s, n, "http://") != NULL ||
	    str_casestrn(s, n, "https://") != NULL) && hours(s, n);
}

/* The groups of the pitch phrase set. */
enum { PITCH_NOBODY, PITCH_URGE, PITCH_PRIZE, PITCH_OPTOUT };

/* The phrases noise_pitch looks for in the text, in one set indexed
 * once for the process. */
static struct phrase_set pitch_set;
static pthread_once_t pitch_once = PTHREAD_ONCE_INIT;

static void
pitch_index(void)
{
	phrase_set_init(&pitch_set);
	(void)phrase_set_add(&pitch_set, nobodies, NELEM(nobodies),
	    PITCH_NOBODY);
	(void)phrase_set_add(&pitch_set, urges, NELEM(urges), PITCH_URGE);
	(void)phrase_set_add(&pitch_set, prizes, NELEM(prizes), PITCH_PRIZE);
	(void)phrase_set_add(&pitch_set, optouts, NELEM(optouts),
	    PITCH_OPTOUT);
	phrase_set_index(&pitch_set);
}

#define GROUP(g) ((uint32_t)1 << (g))

bool
noise_pitch(const struct message *m, char *why, size_t whylen)
{
	const char *sign[8];
	size_t nsign = 0, ntone, tlen, slen;
	const char *t = m->text, *subj = m->subject;
	uint32_t in_text;

	if (m->in_reply_to != NULL || m->nreferences > 0)
		return false;
	tlen = t != NULL ? strlen(t) : 0;
	if (tlen > PITCH_HEAD)
		tlen = PITCH_HEAD;
	slen = subj != NULL ? strlen(subj) : 0;
	pthread_once(&pitch_once, pitch_index);
	in_text = phrase_set_scan(&pitch_set, t != NULL ? t : "", tlen,
	    UINT32_MAX);
	if (sales_box(m->from.email))
		sign[nsign++] = "a sales mailbox";
	if (shouts(t, tlen) || shouts(subj, slen))
		sign[nsign++] = "shouting";
	if (in_text & GROUP(PITCH_NOBODY))
		sign[nsign++] = "a greeting to nobody in particular";
	ntone = nsign;		/* the kinds above only set a tone */
	if ((in_text & GROUP(PITCH_URGE)) ||
	    any_of(urges, NELEM(urges), subj, slen))
		sign[nsign++] = "a call to act now";
	if ((in_text & GROUP(PITCH_PRIZE)) ||
	    any_of(prizes, NELEM(prizes), subj, slen))
		sign[nsign++] = "a prize";
	if ((in_text & GROUP(PITCH_OPTOUT)) ||
	    any_of(optouts, NELEM(optouts), m->signature,
	    m->signature != NULL ? strlen(m->signature) : 0))
		sign[nsign++] = "a way to stop further mail";
	if (cut(t, tlen) || cut(subj, slen))
		sign[nsign++] = "a price cut offered";
	if (link_within_hours(t, tlen))
		sign[nsign++] = "a link to follow within hours";
	if (nsign < 2 || (nsign == ntone && nsign < 3))
		return false;
	snprintf(why, whylen, "spam: unsolicited offer (%s and %s)", sign[0],
	    sign[1]);
	return true;
}
