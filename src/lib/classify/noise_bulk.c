/*
 * noise_bulk - the signs of bulk and list mail.
 *
 * SYNOPSIS
 *	#include "noise_int.h"
 *
 *	if (noise_bulk_head(m, env, cfg, &h)) ... bulk by the header ...
 *	if (noise_bulk_body(m, &h, &v)) ... bulk by the body and header ...
 *
 * DESCRIPTION
 *	Strong signs decide alone: list and mailing-service fields,
 *	Precedence, a mass mailer, a list Sender, VERP-shaped senders, a
 *	mass-mail host, role return paths, undisclosed or many recipients,
 *	an organisation's circular (noise_circular.c), an unsubscribe word
 *	with a link near it.  Weak signs (a "[tag]" subject, the owner
 *	absent from To/Cc, Errors-To, several recipients, the unsubscribe
 *	word alone, an HTML-only body) make bulk two together.  The
 *	header's are judged once and kept in struct noise_head; the
 *	body's, when it is read, count before them.
 *
 * OWNS
 *	The footer phrase index, built once for the process.
 *
 * NEVER
 *	Does I/O; never reads what the sender quoted.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
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
 * noise_bulk_head - the header's bulk signs: a strong one is the verdict; the
 * weak ones are kept in h (noise_bulk_body counts the body's with them), and
 * two of them are the verdict of the header alone.
 */
bool
noise_bulk_head(const struct message *m, const struct envelope *env,
    const struct config *cfg, struct noise_head *h)
{
	struct noise_verdict *v = &h->v;
	const struct header_field *hf;
	const char *val;
	char addr[256], tag[32], circ[NOISE_MAX_REASON];
	size_t nrcpt = m->to.n + m->cc.n;

	for (size_t i = 0; i < NELEM(bulk_fields); i++)
		if ((val = message_field(m, bulk_fields[i])) != NULL)
			return noise_say(v, NOISE_BULK, "mailing list or bulk "
			    "mail (%s %.80s)", bulk_fields[i], val);
	if (m->list_id != NULL || m->has_list_unsubscribe)
		return noise_say(v, NOISE_BULK, "mailing list or bulk mail");
	if (m->precedence_bulk)
		return noise_say(v, NOISE_BULK, "Precedence: %.20s",
		    message_field(m, "Precedence") ? message_field(m, "Precedence") : "bulk");
	for (size_t i = 0; i < NELEM(service_prefix); i++)
		if ((hf = field_prefix(m, service_prefix[i])) != NULL)
			return noise_say(v, NOISE_BULK, "mailing service field %s",
			    hf->name);
	if ((val = message_field(m, "X-Mailer")) != NULL)
		for (size_t i = 0; i < NELEM(bulk_mailers); i++)
			if (str_casestrn(val, strlen(val), bulk_mailers[i]))
				return noise_say(v, NOISE_BULK, "X-Mailer %.60s",
				    val);
	if (m->sender.email != NULL && noise_is_role(m->sender.email) &&
	    !str_eq_case(m->sender.email, m->from.email))
		return noise_say(v, NOISE_BULK, "list Sender %s", m->sender.email);
	if (m->from.email != NULL && noise_is_verp(m->from.email))
		return noise_say(v, NOISE_BULK, "VERP-shaped From %s",
		    m->from.email);
	if (m->from.email != NULL && bulk_domain(m->from.email))
		return noise_say(v, NOISE_BULK, "mass-mail host in From %s",
		    m->from.email);
	if (env != NULL && env->mail_from != NULL && *env->mail_from &&
	    (noise_is_verp(env->mail_from) || (noise_is_role(env->mail_from) &&
	    !noise_own_desk(m, env->mail_from))))
		return noise_say(v, NOISE_BULK, "envelope sender %s",
		    env->mail_from);
	if ((val = message_field(m, "Return-Path")) != NULL) {
		noise_angle_addr(val, addr, sizeof(addr));
		if (noise_is_verp(addr) ||
		    (noise_is_role(addr) && !noise_own_desk(m, addr)))
			return noise_say(v, NOISE_BULK, "Return-Path %s", addr);
	}
	if (raw_undisclosed(m))
		return noise_say(v, NOISE_BULK, "undisclosed recipients");
	if (nrcpt >= NOISE_MANY_RCPTS)
		return noise_say(v, NOISE_BULK, "%zu visible recipients", nrcpt);
	/* an organisation's invitation to a handful (noise_circular.c) */
	if (noise_circular(m, cfg, circ, sizeof(circ)))
		return noise_say(v, NOISE_BULK, "%s", circ);
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
		return noise_say(v, NOISE_BULK, "%s and %s%s", h->weak[0],
		    h->weak[1], h->nweak > 2 ? " and more" : "");
	return false;
}

/*
 * noise_bulk_body - the body's bulk signs after the header's strong ones: an
 * unsubscribe word with a link decides alone; without one it is weak,
 * like an HTML-only body, and counts first with the header's weak signs.
 */
bool
noise_bulk_body(const struct message *m, const struct noise_head *h,
    struct noise_verdict *v)
{
	const char *weak[NOISE_HEAD_WEAK + 2];
	const char *ph;
	size_t nweak = 0;
	bool link = false;

	if ((ph = footer(m, &link)) != NULL && link)
		return noise_say(v, NOISE_BULK, "\"%s\" with a link", ph);
	if (ph != NULL)
		weak[nweak++] = "footer";
	if (m->html_only)
		weak[nweak++] = "HTML only";
	for (size_t i = 0; i < h->nweak; i++)
		weak[nweak++] = h->weak[i];
	if (nweak >= 2)
		return noise_say(v, NOISE_BULK, "%s and %s%s", weak[0], weak[1],
		    nweak > 2 ? " and more" : "");
	return false;
}

bool
noise_list_recipient(const struct message *m, const char *email)
{
	char tag[32], local[65];

	if (!list_tag(m->subject, tag, sizeof(tag)) ||
	    !noise_local_of(email, local, sizeof(local)))
		return false;
	str_lower_inplace(tag);
	if (strlen(local) < 3 || strlen(tag) < 3)
		return false;	/* too short to say anything */
	/* "[ILUG]" to ilug@, "[SAtalk]" to spamassassin-talk@ */
	return strstr(local, tag) != NULL || strstr(tag, local) != NULL ||
	    (strlen(tag) > 2 && strncmp(local, tag, 2) == 0 &&
	    strstr(local, tag + 2) != NULL);
}
