/*
 * message_body - the human text of a message body, as UTF-8.
 *
 * For: walking the MIME tree below a parsed header (libetpan parses each
 * part's header fields; the boundaries are split here so that depth and
 * part count stay bounded), undoing the transfer encoding and charset of
 * each text part (message_codec.c) and reducing HTML to plain text
 * (message_decode.c).
 * text/plain wins over text/html inside multipart/alternative; inline text
 * parts of other multiparts are concatenated; attached messages go to a
 * separate buffer because they are not the sender's words.
 * Owns: the buffers of struct body_text until body_text_free.
 * Never: reads outside the given bytes, recurses deeper than max_depth,
 * looks at more than max_parts parts, or keeps more than max_text bytes.
 * Every pass over input is linear.
 * Calls, one way: message_body -> message_decode (html_to_text),
 * message_codec, message_header, message_text (header_from); nothing in
 * those calls back here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libetpan/libetpan.h>

#include "util/strutil.h"
#include "message_int.h"

#define BOUNDARY_MAX 200
#define CHARSET_MAX 64
#define PART_MAX_FIELDS 100	/* header fields read per MIME part */

enum part_kind {
	PART_OTHER,
	PART_PLAIN,
	PART_HTML,
	PART_MULTIPART,
	PART_MESSAGE,		/* message/rfc822 and message/global */
	PART_DSN,		/* message/delivery-status */
};

struct part {
	const char *body;
	size_t blen;
	enum part_kind kind;
	bool alternative;	/* multipart/alternative */
	bool report;		/* multipart/report */
	bool digest;		/* multipart/digest: children default to rfc822 */
	bool attachment;	/* Content-Disposition: attachment */
	int encoding;		/* MAILMIME_MECHANISM_* */
	char boundary[BOUNDARY_MAX + 1];
	char charset[CHARSET_MAX + 1];
};

struct walk {
	const struct message_limits *lim;
	struct body_text *bt;
	size_t parts;
	bool saw_plain;
	bool saw_html;
};

/* ---- part headers ------------------------------------------------------ */

static void
copy_bounded(char *dst, size_t size, const char *src)
{
	size_t n = src != NULL ? strlen(src) : 0;

	if (n >= size)
		n = 0;		/* too long to be real: treat as absent */
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *
type_name(const struct mailmime_content *ct)
{
	const struct mailmime_type *t = ct->ct_type;

	if (t == NULL)
		return "";
	if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
		switch (t->tp_data.tp_discrete_type->dt_type) {
		case MAILMIME_DISCRETE_TYPE_TEXT:
			return "text";
		case MAILMIME_DISCRETE_TYPE_EXTENSION:
			return t->tp_data.tp_discrete_type->dt_extension;
		default:
			return "binary";
		}
	}
	switch (t->tp_data.tp_composite_type->ct_type) {
	case MAILMIME_COMPOSITE_TYPE_MESSAGE:
		return "message";
	case MAILMIME_COMPOSITE_TYPE_MULTIPART:
		return "multipart";
	default:
		return t->tp_data.tp_composite_type->ct_token;
	}
}

static void
part_classify(struct part *p, const struct mailmime_content *ct)
{
	const char *type = type_name(ct), *sub = ct->ct_subtype;

	if (type == NULL || sub == NULL)
		return;
	if (strcasecmp(type, "text") == 0) {
		if (strcasecmp(sub, "plain") == 0)
			p->kind = PART_PLAIN;
		else if (strcasecmp(sub, "html") == 0)
			p->kind = PART_HTML;
	} else if (strcasecmp(type, "multipart") == 0) {
		p->kind = PART_MULTIPART;
		p->alternative = strcasecmp(sub, "alternative") == 0;
		p->report = strcasecmp(sub, "report") == 0;
		p->digest = strcasecmp(sub, "digest") == 0;
	} else if (strcasecmp(type, "message") == 0) {
		if (strcasecmp(sub, "rfc822") == 0 ||
		    strcasecmp(sub, "global") == 0)
			p->kind = PART_MESSAGE;
		else if (strcasecmp(sub, "delivery-status") == 0 ||
		    strcasecmp(sub, "global-delivery-status") == 0)
			p->kind = PART_DSN;
	}
}

/*
 * content_parse - a Content-Type value parsed as libetpan's
 * mailmime_fields_parse parses it.  That first decodes the value as an
 * encoded phrase, opening an iconv for every word; a value of plain ASCII
 * with no encoded word parses the same without it, so only the others
 * take that way.  NULL when it does not parse.
 */
static struct mailmime_content *
content_parse(const char *value)
{
	struct mailmime_content *ct = NULL;
	char *decoded = NULL;
	size_t tok = 0, len = strlen(value);
	bool plain = strstr(value, "=?") == NULL;

	for (size_t i = 0; plain && i < len; i++)
		plain = (unsigned char)value[i] < 0x80;
	if (!plain && mailmime_encoded_phrase_parse("us-ascii", value, len,
	    &tok, "utf-8", &decoded) == MAILIMF_NO_ERROR) {
		tok = 0;
		if (mailmime_content_parse(decoded, strlen(decoded), &tok, &ct)
		    != MAILIMF_NO_ERROR)
			ct = NULL;
		free(decoded);
		return ct;
	}
	tok = 0;
	if (mailmime_content_parse(value, len, &tok, &ct) != MAILIMF_NO_ERROR)
		ct = NULL;
	return ct;
}

/* content_params - a Content-Type's charset and boundary, when it has them */
static void
content_params(struct part *p, const struct mailmime_content *ct)
{
	if (ct->ct_parameters == NULL)
		return;
	for (clistiter *it = clist_begin(ct->ct_parameters); it != NULL;
	    it = clist_next(it)) {
		const struct mailmime_parameter *pa = clist_content(it);

		if (pa->pa_name == NULL)
			continue;
		if (strcasecmp(pa->pa_name, "boundary") == 0)
			copy_bounded(p->boundary, sizeof(p->boundary),
			    pa->pa_value);
		else if (strcasecmp(pa->pa_name, "charset") == 0)
			copy_bounded(p->charset, sizeof(p->charset),
			    pa->pa_value);
	}
}

/*
 * part_from_fields - what a part is, from its parsed header (may be NULL).
 * As mailmime_single_fields_init reads a part: the first Content-Type that
 * parses gives the kind; every one gives its charset and boundary, the
 * last saying last; the last Content-Transfer-Encoding and
 * Content-Disposition that parse decide.
 */
static void
part_from_fields(struct part *p, const struct mailimf_fields *f,
    bool in_digest)
{
	bool typed = false;

	memset(p, 0, sizeof(*p));
	p->kind = in_digest ? PART_MESSAGE : PART_PLAIN;
	p->encoding = MAILMIME_MECHANISM_7BIT;
	if (f == NULL)
		return;
	for (clistiter *it = clist_begin(f->fld_list); it != NULL;
	    it = clist_next(it)) {
		const struct mailimf_field *fl = clist_content(it);
		const struct mailimf_optional_field *o;
		size_t tok = 0;

		if (fl->fld_type != MAILIMF_FIELD_OPTIONAL_FIELD)
			continue;
		o = fl->fld_data.fld_optional_field;
		if (o->fld_name == NULL || o->fld_value == NULL)
			continue;
		if (strcasecmp(o->fld_name, "Content-Type") == 0) {
			struct mailmime_content *ct = content_parse(o->fld_value);

			if (ct == NULL)
				continue;
			if (!typed) {
				p->kind = PART_OTHER;
				part_classify(p, ct);
				typed = true;
			}
			content_params(p, ct);
			mailmime_content_free(ct);
		} else if (strcasecmp(o->fld_name,
		    "Content-Transfer-Encoding") == 0) {
			struct mailmime_mechanism *enc = NULL;

			if (mailmime_encoding_parse(o->fld_value,
			    strlen(o->fld_value), &tok, &enc) != MAILIMF_NO_ERROR)
				continue;
			p->encoding = enc->enc_type;
			mailmime_encoding_free(enc);
		} else if (strcasecmp(o->fld_name, "Content-Disposition") == 0) {
			struct mailmime_disposition *d = NULL;

			if (mailmime_disposition_parse(o->fld_value,
			    strlen(o->fld_value), &tok, &d) != MAILIMF_NO_ERROR)
				continue;
			p->attachment = d->dsp_type != NULL &&
			    d->dsp_type->dsp_type ==
			    MAILMIME_DISPOSITION_TYPE_ATTACHMENT;
			mailmime_disposition_free(d);
		}
	}
}

/* part_from_entity - header and body of a raw entity (CRLF text) */
static void
part_from_entity(struct part *p, const char *s, size_t len, bool in_digest)
{
	struct mailimf_fields *f = NULL;
	size_t body_off, hend = header_block_end(s, len, &body_off);

	fields_parse(s, hend, PART_MAX_FIELDS, &f, NULL);
	part_from_fields(p, f, in_digest);
	if (f != NULL)
		mailimf_fields_free(f);
	p->body = s + body_off;
	p->blen = len - body_off;
}

/* ---- text accumulation ------------------------------------------------- */

/*
 * append_text - add UTF-8 text with line ends made LF, clipped to the cap.
 * CRLF and a lone CR both become one LF, so the text never grows: it is
 * copied straight into the buffer a run between CRs at a time.
 */
static int
append_text(struct walk *w, struct buf *to, const char *s, size_t len)
{
	const char *end = s + len;
	size_t room, n = 0;
	char *out;

	if (len == 0)
		return 0;
	if (to->len > 0 && to->data[to->len - 1] != '\n' &&
	    buf_putc(to, '\n') < 0) {
		w->bt->truncated = true;
		return 0;
	}
	room = to->cap - to->len;
	if (room > len)
		room = len;
	if (buf_reserve(to, room) < 0)
		return -1;
	out = to->data + to->len;
	while (s < end && n < room) {
		const char *cr = memchr(s, '\r', (size_t)(end - s));
		size_t run = (size_t)((cr != NULL ? cr : end) - s);

		if (run > room - n)
			run = room - n;
		memcpy(out + n, s, run);
		n += run;
		s += run;
		if (s < end && *s == '\r' && n < room) {
			out[n++] = '\n';
			s += (s + 1 < end && s[1] == '\n') ? 2 : 1;
		}
	}
	if (s < end) {
		/* clipped: keep whole UTF-8 sequences only */
		unsigned char next = (unsigned char)*s;

		while (n > 0 && (next & 0xc0) == 0x80)
			next = (unsigned char)out[--n];
		w->bt->truncated = true;
	}
	to->len += n;
	to->data[to->len] = '\0';
	return 0;
}

/* decode_part - transfer-decoded bytes of a leaf part; caller frees */
static char *
decode_part(const struct part *p, size_t *outlen)
{
	char *out = malloc(p->blen + 1);

	if (out == NULL)
		return NULL;
	if (p->encoding == MAILMIME_MECHANISM_BASE64)
		*outlen = b64_decode(p->body, p->blen, out);
	else if (p->encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE)
		*outlen = qp_decode(p->body, p->blen, out, false);
	else {
		memcpy(out, p->body, p->blen);
		*outlen = p->blen;
	}
	out[*outlen] = '\0';
	return out;
}

static int
walk_text(struct walk *w, const struct part *p, bool attached)
{
	struct buf *to = attached ? &w->bt->attached : &w->bt->now;
	size_t rawlen, ulen;
	char *raw, *utf;
	int r;

	if (p->attachment)
		return 0;
	if ((raw = decode_part(p, &rawlen)) == NULL)
		return -1;
	utf = charset_to_utf8(p->charset, raw, rawlen, &ulen);
	free(raw);
	if (utf == NULL)
		return -1;
	if (p->kind == PART_HTML) {
		struct buf h;

		buf_init(&h, w->lim->max_text > 0 ? w->lim->max_text : 1);
		if (html_to_text(utf, ulen, &h) < 0)
			w->bt->truncated = true;
		r = append_text(w, to, h.data != NULL ? h.data : "", h.len);
		buf_free(&h);
	} else {
		r = append_text(w, to, utf, ulen);
	}
	free(utf);
	if (!attached && r == 0) {
		if (p->kind == PART_HTML)
			w->saw_html = true;
		else
			w->saw_plain = true;
	}
	return r;
}

/* ---- the walk ---------------------------------------------------------- */

static int walk_part(struct walk *w, const struct part *p, size_t depth,
    bool attached);

/* is_delimiter - "--boundary" at s is followed by "--", blanks or a line end */
static bool
is_delimiter(const char *s, size_t left, size_t dlen, bool *close)
{
	size_t i = dlen;

	*close = false;
	if (i + 1 < left && s[i] == '-' && s[i + 1] == '-') {
		*close = true;
		return true;
	}
	while (i < left && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == left || s[i] == '\r' || s[i] == '\n';
}

/* next_delimiter - offset of the next delimiter line at or after pos */
static const char *
next_delimiter(const char *body, size_t blen, size_t pos, const char *delim,
    size_t dlen, bool *close)
{
	while (pos < blen) {
		const char *q = memmem(body + pos, blen - pos, delim, dlen);

		if (q == NULL)
			return NULL;
		if ((q == body || q[-1] == '\n') &&
		    is_delimiter(q, (size_t)(body + blen - q), dlen, close))
			return q;
		pos = (size_t)(q - body) + 1;
	}
	return NULL;
}

static int
walk_multipart(struct walk *w, const struct part *p, size_t depth,
    bool attached)
{
	char delim[BOUNDARY_MAX + 3];
	size_t dlen = strlen(p->boundary) + 2, pos = 0;
	struct part child, chosen;
	bool close = false, have_chosen = false, chosen_plain = false;
	const char *q;

	if (p->boundary[0] == '\0')
		return 0;
	delim[0] = delim[1] = '-';
	memcpy(delim + 2, p->boundary, dlen - 2);
	if ((q = next_delimiter(p->body, p->blen, 0, delim, dlen, &close)) ==
	    NULL)
		return 0;
	while (!close) {
		const char *start, *end, *nq;
		bool nclose = false;

		/* the part starts on the line after the delimiter */
		start = memchr(q, '\n', (size_t)(p->body + p->blen - q));
		if (start == NULL)
			break;
		start++;
		pos = (size_t)(start - p->body);
		nq = next_delimiter(p->body, p->blen, pos, delim, dlen,
		    &nclose);
		end = nq != NULL ? nq : p->body + p->blen;
		/* the line end before a delimiter belongs to the delimiter */
		if (nq != NULL && end > start && end[-1] == '\n')
			end--;
		if (nq != NULL && end > start && end[-1] == '\r')
			end--;
		if (w->parts >= w->lim->max_parts) {
			w->bt->truncated = true;
			break;
		}
		part_from_entity(&child, start, (size_t)(end - start),
		    p->digest);
		if (p->alternative) {
			/* plain wins; otherwise the last renderable one */
			if (!chosen_plain && (child.kind == PART_PLAIN ||
			    child.kind == PART_HTML ||
			    child.kind == PART_MULTIPART) && !child.attachment) {
				chosen = child;
				have_chosen = true;
				chosen_plain = child.kind == PART_PLAIN;
			}
			w->parts++;
		} else if (walk_part(w, &child, depth + 1, attached) < 0) {
			return -1;
		}
		if (nq == NULL)
			break;
		q = nq;
		close = nclose;
	}
	if (have_chosen)
		return walk_part(w, &chosen, depth + 1, attached);
	return 0;
}

static int
walk_part(struct walk *w, const struct part *p, size_t depth, bool attached)
{
	if (depth > w->lim->max_depth || w->parts >= w->lim->max_parts) {
		w->bt->truncated = true;
		return 0;
	}
	w->parts++;
	switch (p->kind) {
	case PART_PLAIN:
	case PART_HTML:
		return walk_text(w, p, attached);
	case PART_MULTIPART:
		if (p->report)
			w->bt->report = true;
		return walk_multipart(w, p, depth, attached);
	case PART_DSN:
		w->bt->report = true;
		return 0;
	case PART_MESSAGE: {
		struct part inner;

		/* an attached message is never the sender's own words */
		if (w->bt->fwd.email == NULL) {
			size_t off, hend = header_block_end(p->body, p->blen,
			    &off);

			header_from(p->body, hend, &w->bt->fwd);
		}
		part_from_entity(&inner, p->body, p->blen, false);
		return walk_part(w, &inner, depth + 1, true);
	}
	default:
		return 0;
	}
}

int
body_extract(const struct mailimf_fields *fields, const char *body,
    size_t blen, const struct message_limits *lim, struct body_text *bt)
{
	struct walk w = { .lim = lim, .bt = bt };
	struct part top;
	size_t cap = lim->max_text > 0 ? lim->max_text : 1;
	int r;

	memset(bt, 0, sizeof(*bt));
	buf_init(&bt->now, cap);
	buf_init(&bt->attached, cap);
	part_from_fields(&top, fields, false);
	top.body = body;
	top.blen = blen;
	r = walk_part(&w, &top, 0, false);
	bt->html_only = w.saw_html && !w.saw_plain;
	return r;
}

void
body_text_free(struct body_text *bt)
{
	if (bt == NULL)
		return;
	buf_free(&bt->now);
	buf_free(&bt->attached);
	free(bt->fwd.email);
	free(bt->fwd.name);
	bt->fwd.email = bt->fwd.name = NULL;
}
