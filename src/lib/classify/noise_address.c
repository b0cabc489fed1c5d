/*
 * noise_address - the shapes of addresses no person writes from.
 *
 * SYNOPSIS
 *	#include "classify/noise.h"
 *
 *	if (noise_is_role(email)) ... noreply@, postmaster@, *-bounces@ ...
 *	if (noise_is_verp(email)) ... made for one message or recipient ...
 *
 * DESCRIPTION
 *	Role and automated mailboxes by their local part (whole words,
 *	prefixes and suffixes, in the languages of the shipped rules), a
 *	desk role a small firm's staff also answer from by hand
 *	(noise_person_at_desk), and the VERP, SRS and bounce-tracking
 *	shapes of return paths.
 *
 * OWNS
 *	Nothing.
 *
 * NEVER
 *	Does I/O or keeps state; never calls a signed return path (BATV,
 *	SRS) VERP.
 */
#include <stdbool.h>
#include <string.h>

#include "classify/noise.h"
#include "noise_int.h"
#include "util/strutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- roles and VERP ------------------------------------------------------ */

/* Local parts of role addresses, and prefixes and suffixes that mark them. */
static const char *const role_exact[] = {
	"abuse", "admin", "administrator", "alert", "alerts", "announce",
	"apache", "auto-reply", "autoreply", "autoresponder", "automailer",
	"bounce", "bounces", "bugzilla", "calendar", "cron", "daemon",
	"digest", "do-not-reply", "do.not.reply", "do_not_reply",
	"donotreply", "dont-reply", "dontreply", "hostmaster", "httpd",
	"jenkins", "list", "listmaster", "lists", "listserv", "mail",
	"mailer", "mailer-daemon", "mailerdaemon", "mailman", "majordomo",
	"monitoring", "nagios", "news", "newsletter", "newsletters",
	"no-reply", "no.reply", "no_reply", "nobody", "noreply",
	"notification", "notifications", "notifier", "notify", "postmaster",
	"replies",
	"reminder", "reminders", "root", "system", "unsubscribe", "updates",
	"webmaster", "www", "www-data",
};
static const char *const role_prefix[] = {
	"bounce", "do-not-reply", "donotreply", "mailer-daemon", "no-reply",
	"no_reply", "noreply", "owner-", "nobody", "notification",
	/* the same in German, French, Spanish, Italian, Dutch */
	"no-responder", "noresponder", "no_responder", "no-responda",
	"noresponda", "no-contestar", "nocontestar", "ne-pas-repondre",
	"nepasrepondre", "ne_pas_repondre", "ne-pas-r\xc3\xa9pondre",
	"nicht-antworten", "nichtantworten", "keine-antwort", "keineantwort",
	"noreplica", "non-rispondere", "nonrispondere", "niet-beantwoorden",
	"nietbeantwoorden", "benachrichtigung",
};
static const char *const role_suffix[] = {
	"-admin", "-alerts", "-announce", "-bounce", "-bounces", "-daemon",
	"-digest", "-errors", "-no-reply", "-noreply", "-notification",
	"-notifications", "-owner", "-request", "-return", "-reply",
};

/*
 * Role names a small firm's own staff also write from by hand
 * ("Administración de Fincas Levante" <admin@...> answering a bill,
 * <mail@...> of a one-person business): still roles for introductions,
 * but a sender at one who answers a thread is a person (noise_person_at_desk).
 */
static const char *const desk_roles[] = { "admin", "administrator", "mail" };

/* noise_local_of - the local part of email, lower case, into out; false if none */
bool
noise_local_of(const char *email, char *out, size_t outlen)
{
	const char *at;
	size_t n;

	if (email == NULL || (at = strrchr(email, '@')) == NULL)
		return false;
	n = (size_t)(at - email);
	if (n == 0 || n >= outlen)
		return false;
	memcpy(out, email, n);
	out[n] = '\0';
	str_lower_inplace(out);
	return true;
}

/* role_word - w is one of role_exact */
static bool
role_word(const char *w)
{
	for (size_t i = 0; i < NELEM(role_exact); i++)
		if (w[0] == role_exact[i][0] && strcmp(w, role_exact[i]) == 0)
			return true;
	return false;
}

bool
noise_is_role(const char *email)
{
	char local[65];
	char *plus;
	size_t n;

	if (!noise_local_of(email, local, sizeof(local)))
		return false;
	/* the first byte turns away nearly every name before a compare */
	for (size_t i = 0; i < NELEM(role_prefix); i++)
		if (local[0] == role_prefix[i][0] && strncmp(local,
		    role_prefix[i], strlen(role_prefix[i])) == 0)
			return true;
	/* a role tag (qtopic+admin@) marks it; any other says nothing */
	if ((plus = strchr(local, '+')) != NULL) {
		if (role_word(plus + 1))
			return true;
		*plus = '\0';
	}
	n = strlen(local);
	if (role_word(local))
		return true;
	/* every suffix opens with '-': only a local part holding one */
	if (strchr(local, '-') == NULL)
		return false;
	for (size_t i = 0; i < NELEM(role_suffix); i++) {
		size_t sl = strlen(role_suffix[i]);

		if (n > sl && strcmp(local + n - sl, role_suffix[i]) == 0)
			return true;
	}
	return false;
}

/*
 * noise_person_at_desk - the From address is a desk role (desk_roles, nothing
 * around it) and the mail answers a thread: somebody of the sender's
 * firm replying by hand, not a machine.  Only the role sign is waived;
 * the auto-reply, bulk and pitch signs still judge the mail.
 */
bool
noise_person_at_desk(const struct message *m)
{
	char local[65];

	if (m->in_reply_to == NULL && m->nreferences == 0)
		return false;
	if (!noise_local_of(m->from.email, local, sizeof(local)))
		return false;
	for (size_t i = 0; i < NELEM(desk_roles); i++)
		if (strcmp(local, desk_roles[i]) == 0)
			return true;
	return false;
}

/* noise_own_desk - addr, a bounce address, is the From of a person at a desk */
bool
noise_own_desk(const struct message *m, const char *addr)
{
	return noise_person_at_desk(m) && str_eq_case(addr, m->from.email);
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

bool
noise_is_verp(const char *email)
{
	/* signed return paths of personal mail (BATV, SRS) are not VERP */
	static const char *const signed_prefix[] = { "prvs=", "msprvs1=",
	    "btv1=", "srs0=", "srs1=" };
	char local[257];
	size_t digits = 0, hex = 0, hexdigits = 0, maxd = 0, maxh = 0;
	size_t alldigits = 0, seps = 0;
	const char *eq;

	if (!noise_local_of(email, local, sizeof(local)))
		return false;
	for (size_t i = 0; i < NELEM(signed_prefix); i++)
		if (strncmp(local, signed_prefix[i], strlen(signed_prefix[i]))
		    == 0)
			return false;
	/* a recipient folded in: list-bounces+dana=example.com@ */
	if ((eq = strrchr(local, '=')) != NULL && strchr(eq, '.') != NULL)
		return true;
	for (const char *p = local; *p != '\0'; p++) {
		digits = (*p >= '0' && *p <= '9') ? digits + 1 : 0;
		alldigits += digits > 0;
		seps += *p == '.' || *p == '-' || *p == '_' || *p == '#';
		if (is_hex(*p)) {
			hex++;
			if (*p <= '9')
				hexdigits++;
		} else {
			hex = hexdigits = 0;
		}
		if (digits > maxd)
			maxd = digits;
		if (hex > maxh && hexdigits >= 2 && hexdigits < hex)
			maxh = hex;
	}
	/* 2.20290.44-t9bsgc0tywdu.1@: numbered pieces of a mailing */
	return maxd >= 7 || maxh >= 16 || strlen(local) >= 48 ||
	    (alldigits >= 8 && seps >= 3);
}
