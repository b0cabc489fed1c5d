/*
 * noise - is this mail a person writing, or noise?
 *
 * SYNOPSIS
 *	#include "classify/noise.h"
 *
 *	struct noise_verdict v;
 *	if (noise_judge(m, env, cfg, true, &v)) ... v.kind, v.reason ...
 *
 * DESCRIPTION
 *	Sits between parse and classify.  Four kinds of noise, looked for in
 *	this order: bounces, the MTA's spam verdict, automated and role
 *	senders, bulk and list mail (an organisation's circular to a
 *	handful among it: noise_circular.c); last, with the body read, a
 *	pitch no filter marked (noise_pitch.c).  Most signs decide alone ("strong");
 *	a few are only suspicious ("weak": the owner absent from To/Cc, a
 *	"[tag]" subject, Errors-To, several visible recipients, an HTML-only
 *	body, an unsubscribe word without a link) and two of them together
 *	make bulk.  Every verdict says which sign decided it, e.g.
 *	"spam: X-Spam-Flag: YES" or "bulk: List-Id <ilug.linux.ie>".
 *
 * OWNS
 *	Nothing: the verdict is written into the caller's struct.
 *
 * NEVER
 *	Does I/O, reads clocks or keeps globals; never looks at what the
 *	sender quoted (a person quoting a newsletter is still a person).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "classify/classify.h"
#include "classify/noise.h"
#include "noise_int.h"
#include "util/phrase_set.h"
#include "util/strutil.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Visible recipients (To + Cc) that make mass mail alone, or a weak sign. */
#define NOISE_MANY_RCPTS	15
#define NOISE_SOME_RCPTS	8
/* Bytes on each side of a mass-mail phrase searched for a link. */
#define NOISE_NEAR		200
/* Bytes at the head and at the tail of the text searched for those phrases. */
#define NOISE_EDGE		4096
/* Exchange's spam confidence level from which mail is junk. */
#define NOISE_SCL_SPAM		5
/* SpamAssassin's default threshold, in X-Spam-Level stars. */
#define NOISE_SA_STARS		5

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
 * but a sender at one who answers a thread is a person (person_at_desk).
 */
static const char *const desk_roles[] = { "admin", "administrator", "mail" };

/* local_of - the local part of email, lower case, into out; false if none */
static bool
local_of(const char *email, char *out, size_t outlen)
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

	if (!local_of(email, local, sizeof(local)))
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
 * person_at_desk - the From address is a desk role (desk_roles, nothing
 * around it) and the mail answers a thread: somebody of the sender's
 * firm replying by hand, not a machine.  Only the role sign is waived;
 * the auto-reply, bulk and pitch signs still judge the mail.
 */
static bool
person_at_desk(const struct message *m)
{
	char local[65];

	if (m->in_reply_to == NULL && m->nreferences == 0)
		return false;
	if (!local_of(m->from.email, local, sizeof(local)))
		return false;
	for (size_t i = 0; i < NELEM(desk_roles); i++)
		if (strcmp(local, desk_roles[i]) == 0)
			return true;
	return false;
}

/* own_desk - addr, a bounce address, is the From of a person at a desk */
static bool
own_desk(const struct message *m, const char *addr)
{
	return person_at_desk(m) && str_eq_case(addr, m->from.email);
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

	if (!local_of(email, local, sizeof(local)))
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

/* ---- helpers ------------------------------------------------------------- */

static bool
verdict(struct noise_verdict *v, enum noise_kind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* verdict - fill v: "<kind>: <reason>"; returns true */
static bool
verdict(struct noise_verdict *v, enum noise_kind k, const char *fmt, ...)
{
	char why[NOISE_MAX_REASON];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* field values are the sender's: no controls in a log line */
	for (char *p = why; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	v->kind = k;
	snprintf(v->reason, sizeof(v->reason), "%s: %.*s", noise_kind_name(k),
	    (int)sizeof(v->reason) - 12, why);
	return true;
}

/* word_at - value v (leading blanks skipped) starts with word, then a break */
static bool
word_at(const char *v, const char *word)
{
	size_t n = strlen(word);

	if (v == NULL)
		return false;
	while (*v == ' ' || *v == '\t')
		v++;
	return strncasecmp(v, word, n) == 0 &&
	    (v[n] == '\0' || v[n] == ' ' || v[n] == '\t' || v[n] == ';' ||
	    v[n] == ',' || v[n] == '(' || v[n] == ':');
}

/* field_prefix - the first kept field whose name starts with prefix */
static const struct header_field *
field_prefix(const struct message *m, const char *prefix)
{
	size_t n = strlen(prefix);

	for (size_t i = 0; i < m->nfields; i++)
		if (strncasecmp(m->fields[i].name, prefix, n) == 0)
			return &m->fields[i];
	return NULL;
}

/* angle_addr - the address inside <...> of v (or v trimmed), into out */
static void
angle_addr(const char *v, char *out, size_t outlen)
{
	const char *lt = strchr(v, '<'), *end;
	size_t n;

	if (lt != NULL) {
		v = lt + 1;
		end = strchr(v, '>');
		n = end != NULL ? (size_t)(end - v) : strlen(v);
	} else {
		while (*v == ' ' || *v == '\t')
			v++;
		n = strcspn(v, " \t");
	}
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, v, n);
	out[n] = '\0';
	str_lower_inplace(out);
}

/* ---- bounces ------------------------------------------------------------- */

/* bounce - the bounce signs; *late is set once a sign of the header is
 * judged after the body's (a delivery report among the parts) */
static bool
bounce(const struct message *m, const struct envelope *env,
    struct noise_verdict *v, bool *late)
{
	static const char *const subjects[] = {
		"Undeliverable", "Undelivered Mail", "Delivery Status Notification",
		"Delivery Failure", "Delivery failed", "Mail delivery failed",
		"Returned mail", "failure notice", "Mail System Error",
		"Nondeliverable", "Non-delivery", "DELIVERY FAILURE",
		"Message not delivered", "Unzustellbar",
	};
	const char *rp = message_field(m, "Return-Path"), *ct, *from;
	char local[65], addr[256];

	if (env != NULL && env->mail_from != NULL && env->mail_from[0] == '\0')
		return verdict(v, NOISE_BOUNCE, "null envelope sender");
	if (rp != NULL) {
		angle_addr(rp, addr, sizeof(addr));
		if (addr[0] == '\0')
			return verdict(v, NOISE_BOUNCE, "Return-Path: <>");
	}
	if ((ct = message_field(m, "Content-Type")) != NULL &&
	    word_at(ct, "multipart/report"))
		return verdict(v, NOISE_BOUNCE, "multipart/report");
	/* the body's sign comes here: noise_judge_body looks again */
	*late = true;
	if (m->delivery_report)
		return verdict(v, NOISE_BOUNCE, "delivery report");
	if (local_of(m->from.email, local, sizeof(local)) &&
	    (strncmp(local, "mailer-daemon", 13) == 0 ||
	    strcmp(local, "mailerdaemon") == 0))
		return verdict(v, NOISE_BOUNCE, "From %s", m->from.email);
	/* From: MAILER-DAEMON <> has no address at all */
	if (m->from.email == NULL && (from = message_field(m, "From")) != NULL &&
	    (str_casestrn(from, strlen(from), "mailer-daemon") != NULL ||
	    str_casestrn(from, strlen(from), "postmaster") != NULL))
		return verdict(v, NOISE_BOUNCE, "From: MAILER-DAEMON");
	for (size_t i = 0; m->subject != NULL && i < NELEM(subjects); i++)
		if (str_has_prefix_case(m->subject, subjects[i]) &&
		    (m->from.email == NULL || noise_is_role(m->from.email)))
			return verdict(v, NOISE_BOUNCE, "subject \"%s\" from %s",
			    subjects[i], m->from.email ? m->from.email :
			    "nobody");
	return false;
}

/* ---- the MTA's spam verdict ----------------------------------------------- */

/* stars - count of '*' (or '+') in v */
static size_t
stars(const char *v)
{
	size_t n = 0;

	for (; *v != '\0'; v++)
		if (*v == '*' || *v == '+')
			n++;
	return n;
}

static bool
spam(const struct message *m, struct noise_verdict *v)
{
	/* fields whose value opening with a word means spam */
	static const struct {
		const char *field, *word;
	} says[] = {
		{ "X-Spam-Flag", "yes" }, { "X-Spam-Status", "yes" },
		{ "X-Spam", "yes" }, { "X-Spam", "true" }, { "X-Spam", "spam" },
		{ "X-Spam-Verdict", "spam" }, { "X-Bogosity", "spam" },
		{ "X-Bogosity", "yes" }, { "X-DSPAM-Result", "spam" },
		{ "X-DSPAM-Result", "virus" }, { "X-CRM114-Status", "spam" },
		{ "X-Barracuda-Spam-Status", "yes" },
		{ "X-Barracuda-Spam-Flag", "yes" }, { "X-Virus-Status", "infected" },
		{ "X-Spam-Checker-Verdict", "spam" },
	};
	static const char *const subject_marks[] = { "[SPAM]", "***SPAM***",
	    "*****SPAM*****", "{Spam?}", "[Spam]", "SPAM:", "[Possible Spam]" };
	const char *val;

	for (size_t i = 0; i < NELEM(says); i++) {
		size_t pos = 0;

		while ((val = message_field_next(m, says[i].field, &pos)) != NULL)
			if (word_at(val, says[i].word))
				return verdict(v, NOISE_SPAM, "%s: %.60s",
				    says[i].field, val);
	}
	if ((val = message_field(m, "X-Rspamd-Action")) != NULL &&
	    !word_at(val, "no action") && !word_at(val, "no_action"))
		return verdict(v, NOISE_SPAM, "X-Rspamd-Action: %.60s", val);
	if ((val = message_field(m, "X-MS-Exchange-Organization-SCL")) != NULL) {
		long scl = strtol(val, NULL, 10);

		if (scl >= NOISE_SCL_SPAM)
			return verdict(v, NOISE_SPAM, "Exchange SCL %ld", scl);
	}
	/* the level alone, when no status says otherwise */
	if (message_field(m, "X-Spam-Status") == NULL &&
	    (val = message_field(m, "X-Spam-Level")) != NULL &&
	    stars(val) >= NOISE_SA_STARS)
		return verdict(v, NOISE_SPAM, "X-Spam-Level %zu stars",
		    stars(val));
	for (size_t i = 0; m->subject != NULL && i < NELEM(subject_marks); i++) {
		const char *s = m->subject;

		while (*s == ' ')
			s++;
		if (str_has_prefix_case(s, subject_marks[i]))
			return verdict(v, NOISE_SPAM, "subject marked %s",
			    subject_marks[i]);
	}
	return false;
}

/* ---- automated and role senders ------------------------------------------ */

static bool
automated(const struct message *m, struct noise_verdict *v)
{
	if (m->auto_submitted)
		return verdict(v, NOISE_AUTOMATED, "Auto-Submitted");
	if (m->autoreply_header)
		return verdict(v, NOISE_AUTOMATED, "auto-reply header");
	if (m->autoreply_subject)
		return verdict(v, NOISE_AUTOMATED, "auto-reply subject");
	if (m->from.email != NULL && noise_is_role(m->from.email) &&
	    !person_at_desk(m))
		return verdict(v, NOISE_AUTOMATED, "role sender %s",
		    m->from.email);
	return false;
}

/* ---- bulk and list mail --------------------------------------------------- */

/* Names of fields that only lists and mailing services write. */
static const char *const bulk_fields[] = {
	"List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Post",
	"List-Help", "List-Subscribe", "List-Archive", "List-Owner",
	"X-List-Unsubscribe", "Feedback-ID", "Mailing-List", "X-Mailing-List",
	"X-BeenThere", "X-Mailman-Version", "X-ML-Name", "X-Listmember",
	"X-CSA-Complaints", "X-MSFBL", "X-Campaign", "X-CampaignID",
	"X-Newsletter", "X-Report-Abuse",
};
/* Prefixes of the mailing services' own fields. */
static const char *const service_prefix[] = {
	"X-Mailgun-", "X-SES-", "X-SG-", "X-MC-", "X-Mailchimp", "X-Mailjet",
	"X-Sendinblue", "X-Sendgrid", "X-Mandrill", "X-Campaign-", "X-Emarsys",
	"X-Marketo", "X-Hubspot", "X-Ymlp", "X-Cmae",
};
/* Mailers that send mass mail, as X-Mailer names them (lower case). */
static const char *const bulk_mailers[] = {
	"mailchimp", "phplist", "constant contact", "sendblaster", "mailking",
	"group mail", "groupmail", "campaign", "newsletter", "bulk", "listserv",
	"majordomo", "mailman", "lyris", "exacttarget", "ymlp", "interspire",
	"acymailing", "mass mail", "massmail", "e-mail marketing",
	"email marketing", "mailwizz", "sendy", "mailerlite", "ezmlm",
	"advanced mass sender", "worldmerge", "stealth", "express mail sender",
};
/* Words that open a "[tag]" subject without naming a list. */
static const char *const tag_words[] = {
	"urgent", "important", "fwd", "fw", "ext", "external", "info",
	"question", "help", "draft", "update", "request", "reminder", "re",
	"private", "confidential", "action required",
};

/* list_tag - the subject opens with "[name]" as list archives write it */
static bool
list_tag(const char *subject, char *tag, size_t taglen)
{
	const char *s = subject, *close;
	size_t n;
	bool letter = false;

	if (s == NULL)
		return false;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (str_has_prefix_case(s, "re:") || str_has_prefix_case(s, "aw:"))
			s += 3;
		else if (str_has_prefix_case(s, "fwd:"))
			s += 4;
		else if (str_has_prefix_case(s, "fw:"))
			s += 3;
		else
			break;
	}
	if (*s != '[' || (close = strchr(s, ']')) == NULL)
		return false;
	n = (size_t)(close - s - 1);
	if (n < 2 || n > 30 || n >= taglen)
		return false;
	for (size_t i = 1; i <= n; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letter = true;
		else if (!((c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == ' ' || c == ':'))
			return false;
	}
	memcpy(tag, s + 1, n);
	tag[n] = '\0';
	for (size_t i = 0; i < NELEM(tag_words); i++)
		if (strcasecmp(tag, tag_words[i]) == 0)
			return false;
	return letter;
}

/* raw_undisclosed - the raw To or Cc hides its recipients */
static bool
raw_undisclosed(const struct message *m)
{
	static const char *const forms[] = { "undisclosed", "recipient list",
	    "recipients suppressed", "unlisted-recipients" };
	const char *names[] = { "To", "Cc" };

	for (size_t f = 0; f < NELEM(names); f++) {
		const char *val = message_field(m, names[f]);

		for (size_t i = 0; val != NULL && i < NELEM(forms); i++)
			if (str_casestrn(val, strlen(val), forms[i]) != NULL)
				return true;
	}
	return false;
}

/* owner_absent - the owner is known and in neither To nor Cc */
static bool
owner_absent(const struct message *m, const struct config *cfg)
{
	const struct addrlist *l[2] = { &m->to, &m->cc };

	if (cfg == NULL || (cfg->own_addresses.n == 0 &&
	    cfg->own_domains.n == 0))
		return false;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < l[k]->n; i++)
			if (config_is_own(cfg, l[k]->v[i].email))
				return false;
	return true;
}

/* The footer phrases, one group each (the lowest group found is the
 * first phrase of the list that occurs), indexed once for the process. */
static const char *const footer_phrases[] = {
	"unsubscribe", "opt out", "opt-out", "to be removed",
	"remove yourself", "no longer wish to receive",
	"manage your subscription", "email preferences",
	"you are receiving this", "you received this email because",
	"you received this e-mail because", "this email was sent to",
	"this message was sent to", "update your preferences",
	"mailing list options", "removed from this list",
	"your subscription", "subscription preferences",
	"abmelden", "desinscri", "d\xc3\xa9sinscri",
};
static struct phrase_set footer_set;
static pthread_once_t footer_once = PTHREAD_ONCE_INIT;

static void
footer_index(void)
{
	phrase_set_init(&footer_set);
	for (size_t i = 0; i < NELEM(footer_phrases); i++)
		(void)phrase_set_add(&footer_set, &footer_phrases[i], 1,
		    (unsigned)i);
	phrase_set_index(&footer_set);
}

/*
 * footer - a phrase of mass mail in what the sender wrote (the footer of a
 * newsletter, or its header block "to unsubscribe, visit ..."); *with_link
 * when a link or an address is near it.
 */
static const char *
footer(const struct message *m, bool *with_link)
{
	static const char *const links[] = { "http", "mailto:", "click",
	    "www.", "reply with", "send an email" };
	const char *parts[2] = { m->text, m->signature };

	pthread_once(&footer_once, footer_index);
	for (size_t k = 0; k < 2 * 2; k++) {
		/* the head and the tail of each part: where mass mail says it */
		const char *t = parts[k / 2], *at, *lo, *hi;
		size_t len, i;
		uint32_t found;

		if (t == NULL || (len = strlen(t)) == 0 ||
		    (k % 2 == 1 && len <= 2 * NOISE_EDGE))
			continue;
		if (k % 2 == 1) {
			t += len - NOISE_EDGE;
			len = NOISE_EDGE;
		} else if (len > 2 * NOISE_EDGE) {
			len = NOISE_EDGE;
		}
		if ((found = phrase_set_scan(&footer_set, t, len, UINT32_MAX)) == 0)
			continue;
		for (i = 0; (found & ((uint32_t)1 << i)) == 0; i++)
			;
		if ((at = str_casestrn(t, len, footer_phrases[i])) == NULL)
			continue;	/* not reached: the scan saw it */
		lo = at - t > NOISE_NEAR ? at - NOISE_NEAR : t;
		hi = (size_t)(t + len - at) > NOISE_NEAR ? at + NOISE_NEAR :
		    t + len;
		*with_link = false;
		for (size_t j = 0; j < NELEM(links) && !*with_link; j++)
			*with_link = str_casestrn(lo, (size_t)(hi - lo),
			    links[j]) != NULL;
		return footer_phrases[i];
	}
	return NULL;
}

/* bulk_domain - a host name that only mass mail comes from */
static bool
bulk_domain(const char *email)
{
	static const char *const labels[] = { "lists", "list", "alerts",
	    "newsletter", "newsletters", "bounce", "bounces", "mkt",
	    "marketing", "promo", "campaigns", "mailings" };
	static const char *const parts[] = { "mailer", "eblast", "newsletter",
	    "mailing" };
	const char *d = email_domain(email), *p;

	if (d == NULL)
		return false;
	for (size_t i = 0; i < NELEM(parts); i++)
		if (str_casestrn(d, strlen(d), parts[i]) != NULL)
			return true;
	for (p = d; p != NULL && *p != '\0'; p = strchr(p, '.'), p = p ? p + 1 : p) {
		size_t n = strcspn(p, ".");

		if (p[n] == '\0')
			break;	/* the top-level label */
		for (size_t i = 0; i < NELEM(labels); i++)
			if (strlen(labels[i]) == n && strncasecmp(p, labels[i], n) == 0)
				return true;
	}
	return false;
}

/*
 * bulk_head - the header's bulk signs: a strong one is the verdict; the
 * weak ones are kept in h (bulk_body counts the body's with them), and
 * two of them are the verdict of the header alone.
 */
static bool
bulk_head(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct noise_head *h)
{
	struct noise_verdict *v = &h->v;
	const struct header_field *hf;
	const char *val;
	char addr[256], tag[32], circ[NOISE_MAX_REASON];
	size_t nrcpt = m->to.n + m->cc.n;

	for (size_t i = 0; i < NELEM(bulk_fields); i++)
		if ((val = message_field(m, bulk_fields[i])) != NULL)
			return verdict(v, NOISE_BULK, "mailing list or bulk "
			    "mail (%s %.80s)", bulk_fields[i], val);
	if (m->list_id != NULL || m->has_list_unsubscribe)
		return verdict(v, NOISE_BULK, "mailing list or bulk mail");
	if (m->precedence_bulk)
		return verdict(v, NOISE_BULK, "Precedence: %.20s",
		    message_field(m, "Precedence") ? message_field(m, "Precedence") : "bulk");
	for (size_t i = 0; i < NELEM(service_prefix); i++)
		if ((hf = field_prefix(m, service_prefix[i])) != NULL)
			return verdict(v, NOISE_BULK, "mailing service field %s",
			    hf->name);
	if ((val = message_field(m, "X-Mailer")) != NULL)
		for (size_t i = 0; i < NELEM(bulk_mailers); i++)
			if (str_casestrn(val, strlen(val), bulk_mailers[i]))
				return verdict(v, NOISE_BULK, "X-Mailer %.60s",
				    val);
	if (m->sender.email != NULL && noise_is_role(m->sender.email) &&
	    !str_eq_case(m->sender.email, m->from.email))
		return verdict(v, NOISE_BULK, "list Sender %s", m->sender.email);
	if (m->from.email != NULL && noise_is_verp(m->from.email))
		return verdict(v, NOISE_BULK, "VERP-shaped From %s",
		    m->from.email);
	if (m->from.email != NULL && bulk_domain(m->from.email))
		return verdict(v, NOISE_BULK, "mass-mail host in From %s",
		    m->from.email);
	if (env != NULL && env->mail_from != NULL && *env->mail_from &&
	    (noise_is_verp(env->mail_from) || (noise_is_role(env->mail_from) &&
	    !own_desk(m, env->mail_from))))
		return verdict(v, NOISE_BULK, "envelope sender %s",
		    env->mail_from);
	if ((val = message_field(m, "Return-Path")) != NULL) {
		angle_addr(val, addr, sizeof(addr));
		if (noise_is_verp(addr) ||
		    (noise_is_role(addr) && !own_desk(m, addr)))
			return verdict(v, NOISE_BULK, "Return-Path %s", addr);
	}
	if (raw_undisclosed(m))
		return verdict(v, NOISE_BULK, "undisclosed recipients");
	if (nrcpt >= NOISE_MANY_RCPTS)
		return verdict(v, NOISE_BULK, "%zu visible recipients", nrcpt);
	/* an organisation's invitation to a handful (noise_circular.c) */
	if (noise_circular(m, cfg, circ, sizeof(circ)))
		return verdict(v, NOISE_BULK, "%s", circ);
	/* weak signs: two of them make bulk */
	if (list_tag(m->subject, tag, sizeof(tag)))
		h->weak[h->nweak++] = "list tag";
	if (owner_absent(m, cfg))
		h->weak[h->nweak++] = "owner not in To/Cc";
	if (message_field(m, "Errors-To") != NULL)
		h->weak[h->nweak++] = "Errors-To";
	if (nrcpt >= NOISE_SOME_RCPTS)
		h->weak[h->nweak++] = "several recipients";
	h->by_weak = h->nweak >= 2;
	if (h->by_weak)
		return verdict(v, NOISE_BULK, "%s and %s%s", h->weak[0],
		    h->weak[1], h->nweak > 2 ? " and more" : "");
	return false;
}

/*
 * bulk_body - the body's bulk signs after the header's strong ones: an
 * unsubscribe word with a link decides alone; without one it is weak,
 * like an HTML-only body, and counts first with the header's weak signs.
 */
static bool
bulk_body(const struct message *m, const struct noise_head *h,
    struct noise_verdict *v)
{
	const char *weak[NOISE_HEAD_WEAK + 2];
	const char *ph;
	size_t nweak = 0;
	bool link = false;

	if ((ph = footer(m, &link)) != NULL && link)
		return verdict(v, NOISE_BULK, "\"%s\" with a link", ph);
	if (ph != NULL)
		weak[nweak++] = "footer";
	if (m->html_only)
		weak[nweak++] = "HTML only";
	for (size_t i = 0; i < h->nweak; i++)
		weak[nweak++] = h->weak[i];
	if (nweak >= 2)
		return verdict(v, NOISE_BULK, "%s and %s%s", weak[0], weak[1],
		    nweak > 2 ? " and more" : "");
	return false;
}

bool
noise_list_recipient(const struct message *m, const char *email)
{
	char tag[32], local[65];

	if (!list_tag(m->subject, tag, sizeof(tag)) ||
	    !local_of(email, local, sizeof(local)))
		return false;
	str_lower_inplace(tag);
	if (strlen(local) < 3 || strlen(tag) < 3)
		return false;	/* too short to say anything */
	/* "[ILUG]" to ilug@, "[SAtalk]" to spamassassin-talk@ */
	return strstr(local, tag) != NULL || strstr(tag, local) != NULL ||
	    (strlen(tag) > 2 && strncmp(local, tag, 2) == 0 &&
	    strstr(local, tag + 2) != NULL);
}

/* ---- the entry point ----------------------------------------------------- */

const char *
noise_kind_name(enum noise_kind k)
{
	switch (k) {
	case NOISE_SPAM: return "spam";
	case NOISE_BULK: return "bulk";
	case NOISE_AUTOMATED: return "automated";
	case NOISE_BOUNCE: return "bounce";
	default: return "personal";
	}
}

bool
noise_judge_head(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct noise_head *h)
{
	memset(h, 0, sizeof(*h));
	h->v.kind = NOISE_NONE;
	if (m == NULL)
		return false;
	return bounce(m, env, &h->v, &h->after_report) || spam(m, &h->v) ||
	    automated(m, &h->v) || bulk_head(m, env, cfg, h);
}

bool
noise_judge_body(const struct message *m, const struct noise_head *h,
    struct noise_verdict *v)
{
	v->kind = NOISE_NONE;
	v->reason[0] = '\0';
	if (m == NULL)
		return false;
	/* a delivery report among the parts is a bounce, unless the header
	 * said so first; then a strong sign of the header decides */
	if (m->delivery_report && (h->v.kind == NOISE_NONE || h->after_report))
		return verdict(v, NOISE_BOUNCE, "delivery report");
	if (h->v.kind != NOISE_NONE && !h->by_weak) {
		*v = h->v;
		return true;
	}
	if (bulk_body(m, h, v))
		return true;
	/* a pitch no filter marked shows itself in the text (noise_pitch.c) */
	if (noise_pitch(m, v->reason, sizeof(v->reason))) {
		v->kind = NOISE_SPAM;
		return true;
	}
	return false;
}

bool
noise_judge(const struct message *m, const struct envelope *env,
    const struct config *cfg, bool body, struct noise_verdict *v)
{
	struct noise_head h;
	bool noise = noise_judge_head(m, env, cfg, &h);

	if (body)
		return noise_judge_body(m, &h, v);
	*v = h.v;
	return noise;
}
