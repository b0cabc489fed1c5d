/*
 * message - raw RFC 5322 bytes to a struct message.
 *
 * For: the entry point of parsing.  Line ends are made CRLF in a bounded
 * copy (libetpan wants CRLF), the header block is found and hashed, its
 * fields are parsed by libetpan's mailimf_* parser and turned into decoded
 * UTF-8 (RFC 2047 words in any charset iconv knows), identifiers, a UTC
 * date and the list / auto-reply markers; the body goes to message_body.c
 * and its text to message_text.c.
 * Owns: every string of the struct message it returns, until message_free.
 * Never: reads past max_bytes of the input, keeps invalid UTF-8, touches
 * files, clocks or globals.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "util/buf.h"
#include "mail/message.h"
#include "util/strutil.h"
#include "message_int.h"
#include "util/sha256.h"


/* text_ok - is s (NULL allowed) text by the invariant of strutil.h? */
static bool
text_ok(const char *s)
{
	return s == NULL || utf8_valid(s, strlen(s));
}

static bool
addrlist_ok(const struct addrlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (!text_ok(l->v[i].email) || !text_ok(l->v[i].name))
			return false;
	return true;
}

bool
message_text_ok(const struct message *m)
{
	const struct address *one[] = { &m->from, &m->sender, &m->reply_to,
		&m->forwarded };

	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (!text_ok(one[i]->email) || !text_ok(one[i]->name))
			return false;
	for (size_t i = 0; i < m->nreferences; i++)
		if (!text_ok(m->references[i]))
			return false;
	return addrlist_ok(&m->to) && addrlist_ok(&m->cc) &&
	    text_ok(m->subject) && text_ok(m->message_id) &&
	    text_ok(m->in_reply_to) && text_ok(m->list_id) &&
	    text_ok(m->text) && text_ok(m->quoted) && text_ok(m->signature);
}

void
message_limits_default(struct message_limits *lim)
{
	lim->max_bytes = 1024 * 1024;
	lim->max_headers = 1000;
	lim->max_addresses = 1000;
	lim->max_depth = 20;
	lim->max_parts = 500;
	lim->max_text = 256 * 1024;
	lim->max_references = 100;
}

/* clean_id - a message id without <> and blanks, valid UTF-8; or NULL */
static char *
clean_id(const char *s)
{
	size_t n;
	char *r;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
	    *s == '<')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n' || s[n - 1] == '>'))
		n--;
	if (n == 0)
		return NULL;
	r = utf8_sanitize(s, n);
	return r;
}

static bool
addr_delim(char c)
{
	return c == '\0' || strchr(" \t\r\n<>,;:\"()[]'", c) != NULL;
}

/*
 * addr_salvage - the first plausible local@domain inside a value libetpan
 * could not make sense of, lower case; NULL if none (or ENOMEM).  One pass.
 */
static char *
addr_salvage(const char *v)
{
	const char *at, *from = v;

	while ((at = strchr(from, '@')) != NULL) {
		const char *b = at, *e = at + 1;
		char *cand;

		while (b > from && !addr_delim(b[-1]))
			b--;
		while (!addr_delim(*e))
			e++;
		if ((cand = utf8_sanitize(b, (size_t)(e - b))) == NULL)
			return NULL;
		str_lower_inplace(cand);
		if (email_valid(cand))
			return cand;
		free(cand);
		from = *e != '\0' ? e + 1 : e;
	}
	return NULL;
}

static int
address_set(struct address *a, const struct mailimf_mailbox *mb)
{
	char *email;

	if (mb == NULL || mb->mb_addr_spec == NULL)
		return 0;
	email = utf8_sanitize(mb->mb_addr_spec, strlen(mb->mb_addr_spec));
	if (email == NULL)
		return -1;
	str_trim(email);
	str_lower_inplace(email);
	if (!email_valid(email)) {
		/* libetpan is lenient: "Dana <d@x" gives "dana<d@x" */
		char *fixed = addr_salvage(email);

		free(email);
		if ((email = fixed) == NULL)
			return 0;
	}
	a->email = email;
	a->name = phrase_decode(mb->mb_display_name);
	return 0;
}

static int
addrlist_push(struct addrlist *l, const struct mailimf_mailbox *mb,
    const struct message_limits *lim, bool *truncated)
{
	struct address a = { NULL, NULL };

	if (l->n >= lim->max_addresses) {
		*truncated = true;
		return 0;
	}
	if (address_set(&a, mb) < 0)
		return -1;
	if (a.email == NULL)
		return 0;
	/* grow at powers of two */
	if (l->n == 0 || (l->n >= 4 && (l->n & (l->n - 1)) == 0)) {
		size_t cap = l->n == 0 ? 4 : l->n * 2;
		struct address *nv = realloc(l->v, cap * sizeof(*nv));

		if (nv == NULL) {
			free(a.email);
			free(a.name);
			return -1;
		}
		l->v = nv;
	}
	l->v[l->n++] = a;
	return 0;
}

static int
addrlist_add(struct addrlist *l, const struct mailimf_address_list *al,
    const struct message_limits *lim, bool *truncated)
{
	if (al == NULL)
		return 0;
	for (clistiter *it = clist_begin(al->ad_list); it != NULL;
	    it = clist_next(it)) {
		const struct mailimf_address *ad = clist_content(it);

		if (ad->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			if (addrlist_push(l, ad->ad_data.ad_mailbox, lim,
			    truncated) < 0)
				return -1;
			continue;
		}
		const struct mailimf_mailbox_list *ml =
		    ad->ad_data.ad_group->grp_mb_list;

		if (ml == NULL)
			continue;
		for (clistiter *g = clist_begin(ml->mb_list); g != NULL;
		    g = clist_next(g))
			if (addrlist_push(l, clist_content(g), lim,
			    truncated) < 0)
				return -1;
	}
	return 0;
}

/* first_mailbox - the first mailbox of an address list (groups flattened) */
static const struct mailimf_mailbox *
first_mailbox(const struct mailimf_address_list *al)
{
	if (al == NULL)
		return NULL;
	for (clistiter *it = clist_begin(al->ad_list); it != NULL;
	    it = clist_next(it)) {
		const struct mailimf_address *ad = clist_content(it);
		const struct mailimf_mailbox_list *ml;

		if (ad->ad_type == MAILIMF_ADDRESS_MAILBOX)
			return ad->ad_data.ad_mailbox;
		ml = ad->ad_data.ad_group->grp_mb_list;
		if (ml != NULL && clist_begin(ml->mb_list) != NULL)
			return clist_content(clist_begin(ml->mb_list));
	}
	return NULL;
}

/* days_since_epoch - days from 1970-01-01 to y-m-d (proleptic Gregorian) */
static long long
days_since_epoch(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static time_t
date_to_time(const struct mailimf_date_time *d)
{
	long long y = d->dt_year, t;
	int zone = d->dt_zone, zh, zm;

	if (y < 50)
		y += 2000;
	else if (y < 1000)
		y += 1900;
	if (y < 1970 || y > 9999 || d->dt_month < 1 || d->dt_month > 12 ||
	    d->dt_day < 1 || d->dt_day > 31 || d->dt_hour < 0 ||
	    d->dt_hour > 23 || d->dt_min < 0 || d->dt_min > 59 ||
	    d->dt_sec < 0 || d->dt_sec > 60)
		return 0;
	zh = (zone < 0 ? -zone : zone) / 100;
	zm = (zone < 0 ? -zone : zone) % 100;
	if (zh > 23 || zm > 59)
		return 0;
	t = days_since_epoch(y, d->dt_month, d->dt_day) * 86400 +
	    d->dt_hour * 3600LL + d->dt_min * 60LL + d->dt_sec;
	t -= (zone < 0 ? -1 : 1) * (zh * 3600LL + zm * 60LL);
	return t > 0 ? (time_t)t : 0;
}

static bool
value_is(const char *v, const char *word)
{
	size_t n = strlen(word);

	while (*v == ' ' || *v == '\t')
		v++;
	return strncasecmp(v, word, n) == 0 &&
	    (v[n] == '\0' || v[n] == ' ' || v[n] == '\t' || v[n] == ';' ||
	    v[n] == '\r' || v[n] == '(');
}

static int
optional_field(struct message *m, const struct mailimf_optional_field *f)
{
	static const char *const autoreply[] = {
		"X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress",
		"X-Mail-Autoreply", "X-Autoreply-From", NULL,
	};
	const char *name = f->fld_name, *v = f->fld_value;

	if (name == NULL || v == NULL)
		return 0;
	if (strcasecmp(name, "List-Id") == 0 && m->list_id == NULL) {
		if ((m->list_id = hdr_decode(v, strlen(v))) == NULL)
			return -1;
	} else if (strcasecmp(name, "List-Unsubscribe") == 0) {
		m->has_list_unsubscribe = true;
	} else if (strcasecmp(name, "Precedence") == 0 ||
	    strcasecmp(name, "X-Precedence") == 0) {
		if (value_is(v, "bulk") || value_is(v, "list") ||
		    value_is(v, "junk"))
			m->precedence_bulk = true;
		if (value_is(v, "auto_reply"))
			m->autoreply_header = true;
	} else if (strcasecmp(name, "Auto-Submitted") == 0) {
		if (!value_is(v, "no"))
			m->auto_submitted = true;
	} else if (strcasecmp(name, "X-Autogenerated") == 0) {
		if (value_is(v, "reply"))
			m->autoreply_header = true;
	} else if (strcasecmp(name, "From") == 0 && m->from.email == NULL) {
		/* a From libetpan could not parse: find the address in it */
		m->from.email = addr_salvage(v);
	} else if (strcasecmp(name, "Message-ID") == 0 &&
	    m->message_id == NULL) {
		/* an id libetpan would not parse: keep it as written */
		m->message_id = clean_id(v);
	} else {
		for (size_t i = 0; autoreply[i] != NULL; i++)
			if (strcasecmp(name, autoreply[i]) == 0)
				m->autoreply_header = true;
	}
	return 0;
}

static int
field_take(struct message *m, const struct mailimf_field *f,
    const struct message_limits *lim)
{
	switch (f->fld_type) {
	case MAILIMF_FIELD_FROM: {
		const struct mailimf_mailbox_list *ml =
		    f->fld_data.fld_from->frm_mb_list;

		if (m->from.email == NULL && ml != NULL &&
		    clist_begin(ml->mb_list) != NULL)
			return address_set(&m->from,
			    clist_content(clist_begin(ml->mb_list)));
		break;
	}
	case MAILIMF_FIELD_SENDER:
		if (m->sender.email == NULL)
			return address_set(&m->sender,
			    f->fld_data.fld_sender->snd_mb);
		break;
	case MAILIMF_FIELD_REPLY_TO:
		if (m->reply_to.email == NULL)
			return address_set(&m->reply_to, first_mailbox(
			    f->fld_data.fld_reply_to->rt_addr_list));
		break;
	case MAILIMF_FIELD_TO:
		return addrlist_add(&m->to, f->fld_data.fld_to->to_addr_list,
		    lim, &m->truncated);
	case MAILIMF_FIELD_CC:
		return addrlist_add(&m->cc, f->fld_data.fld_cc->cc_addr_list,
		    lim, &m->truncated);
	case MAILIMF_FIELD_SUBJECT: {
		const char *v = f->fld_data.fld_subject->sbj_value;

		if (m->subject == NULL && v != NULL &&
		    (m->subject = hdr_decode(v, strlen(v))) == NULL)
			return -1;
		break;
	}
	case MAILIMF_FIELD_MESSAGE_ID:
		if (m->message_id == NULL)
			m->message_id = clean_id(
			    f->fld_data.fld_message_id->mid_value);
		break;
	case MAILIMF_FIELD_IN_REPLY_TO: {
		clist *l = f->fld_data.fld_in_reply_to->mid_list;

		if (m->in_reply_to == NULL && l != NULL &&
		    clist_begin(l) != NULL)
			m->in_reply_to = clean_id(clist_content(clist_begin(l)));
		break;
	}
	case MAILIMF_FIELD_REFERENCES: {
		clist *l = f->fld_data.fld_references->mid_list;

		if (m->references != NULL || l == NULL)
			break;
		size_t n = 0, cnt = (size_t)clist_count(l);

		if (cnt > lim->max_references) {
			cnt = lim->max_references;
			m->truncated = true;
		}
		if (cnt == 0 ||
		    (m->references = calloc(cnt, sizeof(char *))) == NULL)
			return cnt == 0 ? 0 : -1;
		for (clistiter *it = clist_begin(l); it != NULL && n < cnt;
		    it = clist_next(it)) {
			char *id = clean_id(clist_content(it));

			if (id != NULL)
				m->references[n++] = id;
		}
		m->nreferences = n;
		break;
	}
	case MAILIMF_FIELD_ORIG_DATE:
		if (m->date == 0)
			m->date = date_to_time(
			    f->fld_data.fld_orig_date->dt_date_time);
		break;
	case MAILIMF_FIELD_OPTIONAL_FIELD:
		return optional_field(m, f->fld_data.fld_optional_field);
	default:
		break;
	}
	return 0;
}

static bool
subject_is_autoreply(const char *s)
{
	static const char *const forms[] = {
		"Out of Office", "Out-of-Office", "Automatic reply",
		"Automatic response", "Auto:", "Autoreply", "Auto-Reply",
		"Auto Reply", "Auto Response", "Away from", "On vacation",
		"Vacation reply", "I am out of the office",
		"I'm out of the office", "Abwesenheitsnotiz",
		"Automatische Antwort", "R\xc3\xa9ponse automatique",
		"Absence du bureau", "Respuesta autom\xc3\xa1tica", NULL,
	};

	if (s == NULL)
		return false;
	for (size_t i = 0; forms[i] != NULL; i++)
		if (str_has_prefix_case(s, forms[i]))
			return true;
	return false;
}

/* ---- the entry point --------------------------------------------------- */

static int
body_take(struct message *m, const struct mailimf_fields *fields,
    const char *body, size_t blen, const struct message_limits *lim)
{
	struct body_text bt;
	int rc = -1;

	if (body_extract(fields, body, blen, lim, &bt) < 0)
		goto out;
	if (text_split(buf_cstr(&bt.now), bt.now.len, m) < 0)
		goto out;
	if (bt.attached.len > 0) {
		/* attached messages are quoted matter, never the sender's */
		struct buf q;

		buf_init(&q, 0);
		if (buf_puts(&q, m->quoted) < 0 ||
		    (q.len > 0 && buf_putc(&q, '\n') < 0) ||
		    buf_append(&q, bt.attached.data, bt.attached.len) < 0) {
			buf_free(&q);
			goto out;
		}
		while (q.len > 0 && (q.data[q.len - 1] == '\n' ||
		    q.data[q.len - 1] == ' '))
			q.data[--q.len] = '\0';
		free(m->quoted);
		m->quoted = buf_steal(&q);
	}
	if (m->forwarded.email == NULL && bt.fwd.email != NULL) {
		m->forwarded = bt.fwd;	/* taken over */
		bt.fwd.email = bt.fwd.name = NULL;
	}
	m->html_only = bt.html_only;
	m->delivery_report = bt.report;
	if (bt.truncated)
		m->truncated = true;
	rc = 0;
out:
	body_text_free(&bt);
	return rc;
}

/*
 * What message_parse_header keeps for message_parse_body: the normalised
 * copy, where its body starts, the parsed fields the MIME walk reads and
 * the limits.  Freed once the body is parsed, or with the message.
 */
struct message_pending {
	char *norm;
	const char *body;
	size_t blen;
	struct mailimf_fields *fields;
	struct message_limits lim;
};

static void
pending_free(struct message_pending *p)
{
	if (p == NULL)
		return;
	if (p->fields != NULL)
		mailimf_fields_free(p->fields);
	free(p->norm);
	free(p);
}

/*
 * top_received - the date after the last ';' of the first Received: field
 * among the hend header bytes at hdr (the hop nearest the owner: when the
 * mail arrived), or 0 when there is none or it does not parse.  Only the
 * first field is looked at, and only its first RECEIVED_MAX bytes.
 */
#define RECEIVED_MAX 2048
static time_t
top_received(const char *hdr, size_t hend)
{
	char copy[RECEIVED_MAX + 1];
	struct mailimf_date_time *dt = NULL;
	size_t pos = 0, n = 0, idx = 0;
	const char *semi;
	time_t t = 0;

	while (pos < hend) {
		const char *nl = memchr(hdr + pos, '\n', hend - pos);
		size_t next = nl != NULL ? (size_t)(nl - hdr) + 1 : hend;

		if (next - pos > 9 && strncasecmp(hdr + pos, "Received:", 9) == 0)
			break;
		pos = next;
	}
	if (pos >= hend)
		return 0;
	pos += 9;
	/* the field with its continuation lines, unfolded */
	while (pos < hend && n < RECEIVED_MAX) {
		char c = hdr[pos++];

		if (c == '\n') {
			if (pos >= hend || (hdr[pos] != ' ' && hdr[pos] != '\t'))
				break;
			continue;
		}
		copy[n++] = c == '\r' ? ' ' : c;
	}
	copy[n] = '\0';
	if ((semi = strrchr(copy, ';')) == NULL)
		return 0;
	semi++;
	if (mailimf_date_time_parse(semi, strlen(semi), &idx, &dt) ==
	    MAILIMF_NO_ERROR && dt != NULL) {
		t = date_to_time(dt);
		mailimf_date_time_free(dt);
	}
	return t;
}

struct message *
message_parse_header(const char *data, size_t len,
    const struct message_limits *lim, struct err *e)
{
	struct message_limits deflim;
	struct message_pending *pd = NULL;
	struct message *m = NULL;
	char *norm = NULL, *hdr, digest[SHA256_HEX_LEN + 1];
	size_t n, nlen, hend, body_off;
	bool blank = true;

	if (lim == NULL) {
		message_limits_default(&deflim);
		lim = &deflim;
	}
	n = len < lim->max_bytes ? len : lim->max_bytes;
	for (size_t i = 0; data != NULL && i < n && blank; i++)
		blank = data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
		    data[i] == '\n';
	if (data == NULL || n == 0 || blank) {
		err_set(e, "empty message");
		return NULL;
	}
	if ((norm = message_normalise(data, n, &nlen)) == NULL)
		goto nomem;
	hdr = norm;
	/* an mbox "From " separator is not part of the header */
	if (nlen > 5 && memcmp(hdr, "From ", 5) == 0) {
		char *nl = memchr(hdr, '\n', nlen);

		hdr = nl + 1;
		nlen -= (size_t)(hdr - norm);
	}
	hend = header_block_end(hdr, nlen, &body_off);
	if (hend == 0) {
		err_set(e, "no header found");
		free(norm);
		return NULL;
	}
	if ((m = calloc(1, sizeof(*m))) == NULL ||
	    (pd = calloc(1, sizeof(*pd))) == NULL)
		goto nomem;
	m->pending = pd;
	pd->norm = norm;
	norm = NULL;
	pd->body = hdr + body_off;
	pd->blen = nlen - body_off;
	pd->lim = *lim;
	m->size = len;
	m->truncated = len > n;
	fields_parse(hdr, hend, lim->max_headers, &pd->fields, &m->truncated);
	m->received = top_received(hdr, hend);
	if (fields_keep(m, hdr, hend) < 0)
		goto nomem;
	for (clistiter *it = pd->fields ? clist_begin(pd->fields->fld_list) :
	    NULL; it != NULL; it = clist_next(it)) {
		if (field_take(m, clist_content(it), lim) < 0)
			goto nomem;
	}
	/* no usable From: the Sender field names who sent it (RFC 5322 3.6.2) */
	if (m->from.email == NULL && m->sender.email != NULL) {
		if ((m->from.email = strdup(m->sender.email)) == NULL ||
		    (m->sender.name != NULL &&
		    (m->from.name = strdup(m->sender.name)) == NULL))
			goto nomem;
	}
	/* the digest is the key only without a Message-ID: spare its cost */
	if (m->message_id == NULL) {
		sha256_hex(hdr, hend, digest);
		if ((m->header_digest = xstrdup(digest)) == NULL ||
		    (m->key = malloc(sizeof("sha256:") + SHA256_HEX_LEN)) == NULL)
			goto nomem;
		memcpy(m->key, "sha256:", 7);
		memcpy(m->key + 7, digest, SHA256_HEX_LEN + 1);
	}
	m->autoreply_subject = subject_is_autoreply(m->subject);
	/* until the body is parsed, the sender has said nothing */
	if ((m->text = strdup("")) == NULL || (m->quoted = strdup("")) == NULL ||
	    (m->signature = strdup("")) == NULL)
		goto nomem;
	TEXT_INVARIANT(message_text_ok(m));
	return m;
nomem:
	err_set(e, "out of memory parsing message");
	free(norm);
	message_free(m);
	return NULL;
}

int
message_parse_body(struct message *m, struct err *e)
{
	struct message_pending *pd = m->pending;
	int rc;

	if (pd == NULL)
		return 0;
	free(m->text);
	free(m->quoted);
	free(m->signature);
	m->text = m->quoted = m->signature = NULL;
	rc = body_take(m, pd->fields, pd->body, pd->blen, &pd->lim);
	m->pending = NULL;
	pending_free(pd);
	if (rc < 0)
		return err_set(e, "out of memory parsing message");
	TEXT_INVARIANT(message_text_ok(m));
	return 0;
}

struct message *
message_parse(const char *data, size_t len, const struct message_limits *lim,
    struct err *e)
{
	struct message *m = message_parse_header(data, len, lim, e);

	if (m != NULL && message_parse_body(m, e) < 0) {
		message_free(m);
		return NULL;
	}
	return m;
}

static void
address_free(struct address *a)
{
	free(a->email);
	free(a->name);
}

static void
addrlist_free(struct addrlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		address_free(&l->v[i]);
	free(l->v);
}

void
message_free(struct message *m)
{
	if (m == NULL)
		return;
	pending_free(m->pending);
	address_free(&m->from);
	address_free(&m->sender);
	address_free(&m->reply_to);
	address_free(&m->forwarded);
	addrlist_free(&m->to);
	addrlist_free(&m->cc);
	free(m->subject);
	free(m->message_id);
	free(m->in_reply_to);
	for (size_t i = 0; i < m->nreferences; i++)
		free(m->references[i]);
	free(m->references);
	free(m->header_digest);
	free(m->list_id);
	for (size_t i = 0; i < m->nfields; i++) {
		free(m->fields[i].name);
		free(m->fields[i].value);
	}
	free(m->fields);
	free(m->text);
	free(m->quoted);
	free(m->signature);
	free(m->key);
	free(m);
}

const char *
message_key(const struct message *m)
{
	if (m->message_id != NULL && *m->message_id != '\0')
		return m->message_id;
	if (m->key != NULL)
		return m->key;
	return m->header_digest != NULL ? m->header_digest : "";
}

const char *
message_field_next(const struct message *m, const char *name, size_t *pos)
{
	/* the first letters differ for nearly every field: compare those
	 * before the whole name */
	int first = tolower((unsigned char)name[0]);

	for (size_t i = *pos; i < m->nfields; i++) {
		if (tolower((unsigned char)m->fields[i].name[0]) == first &&
		    strcasecmp(m->fields[i].name, name) == 0) {
			*pos = i + 1;
			return m->fields[i].value;
		}
	}
	*pos = m->nfields;
	return NULL;
}

const char *
message_field(const struct message *m, const char *name)
{
	size_t pos = 0;

	return message_field_next(m, name, &pos);
}
