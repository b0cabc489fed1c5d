/*
 * message_int.h - what the three files of the message module share.
 *
 * message.c parses the header and drives; message_header.c normalises
 * and splits the header block; message_body.c walks the MIME tree;
 * message_codec.c undoes transfer encodings and charsets;
 * message_decode.c makes header words and HTML readable; message_text.c
 * splits the text into what the sender wrote now, what they quoted and
 * their signature, and message_signoff.c finds the sign-off block.
 * Nothing here is for other modules.
 *
 * Calls go one way, from the top of this list to the bottom, never back:
 *
 *	message.c -> message_header.c, message_body.c, message_text.c,
 *	             message_decode.c
 *	message_body.c -> message_header.c, message_text.c, message_decode.c,
 *	             message_codec.c
 *	message_header.c, message_text.c -> message_decode.c
 *	message_text.c -> message_signoff.c
 *	message_decode.c -> message_codec.c
 *
 * (the few line helpers both text files need are static inline below).
 */
#ifndef CLIENTELE_MESSAGE_INT_H
#define CLIENTELE_MESSAGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "util/buf.h"
#include "mail/message.h"

struct mailimf_fields;

/*
 * header_block_end - where the header of a CRLF entity ends: the returned
 * offset is the end of its last field line, *body_off where the body
 * starts (past the empty line, if there is one).  Stops at the first line
 * that is neither a field nor a continuation.
 */
size_t header_block_end(const char *s, size_t len, size_t *body_off);

/*
 * message_normalise - a copy of len bytes with every line end made CRLF
 * (LF, CRLF and lone CR alike), NUL bytes made spaces and a final CRLF
 * added when missing; *outlen its length.  Caller frees; NULL on ENOMEM.
 */
char *message_normalise(const char *s, size_t len, size_t *outlen);

/*
 * fields_parse - libetpan's parse of the fields we read (see wanted_fields
 * in message.c) among the hend bytes of a header block at s, looking at
 * no more than max_fields fields (*cut set, when cut is not NULL, if there
 * were more).  0 and *out set (caller frees with mailimf_fields_free), or
 * -1 and *out NULL when nothing could be parsed (or ENOMEM).
 */
int fields_parse(const char *s, size_t hend, size_t max_fields,
    struct mailimf_fields **out, bool *cut);

/*
 * fields_keep - copy into m->fields every field of the header block (hend
 * bytes at s, CRLF) that message_field_kept names, decoded; -1 on ENOMEM.
 */
int fields_keep(struct message *m, const char *s, size_t hend);

/* What the MIME walk hands back: text in the message's own words and text
 * of attached messages (which is never the sender's words). */
struct body_text {
	struct buf now;		/* UTF-8, LF line ends */
	struct buf attached;
	bool html_only;		/* only HTML parts fed `now` */
	bool report;		/* multipart/report or message/delivery-status */
	bool truncated;		/* a limit was hit */
	struct address fwd;	/* From of the first attached message */
};

/*
 * body_extract - walk the body below a parsed header (fields may be NULL:
 * plain text assumed).  body is CRLF text of blen bytes.  Fills bt, whose
 * buffers the caller frees with body_text_free.  Returns -1 only on ENOMEM.
 */
int body_extract(const struct mailimf_fields *fields, const char *body,
    size_t blen, const struct message_limits *lim, struct body_text *bt);
void body_text_free(struct body_text *bt);

/*
 * charset_to_utf8 - len bytes in charset cs (NULL: UTF-8) as a new valid
 * UTF-8 string without NULs; bad bytes become U+FFFD, an unknown charset is
 * read as UTF-8.  *outlen gets the length.  NULL on ENOMEM.  Caller frees.
 */
char *charset_to_utf8(const char *cs, const char *s, size_t len,
    size_t *outlen);

/* b64_decode/qp_decode - decode into out (at least len bytes); skip bad
 * input; return bytes written.  qp_decode with `header` maps '_' to space. */
size_t b64_decode(const char *s, size_t len, char *out);
size_t qp_decode(const char *s, size_t len, char *out, bool header);

/*
 * hdr_decode - a header value as UTF-8: folds removed, RFC 2047 words
 * decoded, raw bytes sanitized, trimmed.  Caller frees; NULL on ENOMEM.
 */
char *hdr_decode(const char *s, size_t len);
/* phrase_decode - a display name: decoded, outer quotes gone; NULL if empty */
char *phrase_decode(const char *s);

/* html_to_text - append the readable text of len bytes of UTF-8 HTML to
 * out, in one pass; -1 when out is full (what fitted is kept). */
int html_to_text(const char *s, size_t len, struct buf *out);

/* One line of text: its start and length without the '\n'. */
struct text_line {
	const char *s;
	size_t len;
};

/* text_line_at - the line of s (len bytes) that starts at pos (< len) */
static inline struct text_line
text_line_at(const char *s, size_t len, size_t pos)
{
	const char *nl = memchr(s + pos, '\n', len - pos);
	struct text_line l = { s + pos, nl ? (size_t)(nl - s) - pos : len - pos };

	return l;
}

/* text_trim_span - narrow *s, *len past blanks at both ends (and a CR) */
static inline void
text_trim_span(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	    (*s)[*len - 1] == '\r'))
		(*len)--;
}

/*
 * text_split_signoff - move the sign-off block at the end of m->text
 * (message_signoff.c) to the front of m->signature; -1 on ENOMEM.
 */
int text_split_signoff(struct message *m);

/*
 * text_split - split UTF-8 text (LF line ends) into m->text, m->quoted and
 * m->signature (each a new string, "" when empty).  -1 on ENOMEM.
 */
int text_split(const char *s, size_t len, struct message *m);

/* text_is_attribution - the line (no newline) introduces quoted mail. */
bool text_is_attribution(const char *line, size_t len);

/*
 * text_address - the mailbox in a From value as a forward or a header shows
 * it ("Name <a@b>", "a@b (Name)", "Name [mailto:a@b]", "a@b") into out:
 * email lower case, name decoded or NULL.  false (out untouched) when
 * there is no plausible address.  -1 is not possible: on ENOMEM false.
 * The caller frees out's strings.
 */
bool text_address(const char *s, size_t len, struct address *out);

/*
 * header_from - the From of a header block (hend bytes at s, CRLF or LF)
 * into out, as text_address; false when there is none.
 */
bool header_from(const char *s, size_t hend, struct address *out);

#endif
