/*
 * message.h - a parsed mail message, as the rest of the pipeline sees it.
 *
 * message_parse turns raw RFC 5322 bytes (LF, CRLF or CR line ends) into a
 * struct message with libetpan: decoded addresses and display names (RFC
 * 2047, any charset iconv knows, invalid bytes replaced), identifiers, list
 * and auto-reply markers, and the human text of the body as UTF-8, split
 * into what the sender wrote now, what they quoted, and their signature.
 *
 * Pure: memory in, struct out; no files, clocks or globals.  Every string
 * in the struct is valid UTF-8, NUL-terminated and owned by the message;
 * message_free releases all of it.  Email addresses are lower case.
 */
#ifndef CLIENTELE_MESSAGE_H
#define CLIENTELE_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/strutil.h"

struct address {
	char *email;	/* lower case addr-spec; never NULL in a list */
	char *name;	/* decoded display name, or NULL */
};

struct addrlist {
	struct address *v;
	size_t n;
};

/* A header field kept as written (unfolded, RFC 2047 decoded, UTF-8). */
struct header_field {
	char *name;
	char *value;
};

/* Most fields kept in message.fields, and bytes of each value. */
#define MESSAGE_MAX_FIELDS	64
#define MESSAGE_MAX_FIELD_LEN	2048

/* Bounds that keep the memory and CPU of one message bounded. */
struct message_limits {
	size_t max_bytes;	/* bytes of input looked at (MaxScanBytes) */
	size_t max_headers;	/* header fields looked at */
	size_t max_addresses;	/* addresses kept per field */
	size_t max_depth;	/* MIME nesting followed */
	size_t max_parts;	/* MIME parts looked at */
	size_t max_text;	/* bytes of decoded body text kept */
	size_t max_references;	/* References ids kept */
};

/* message_limits_default - sensible bounds (1 MiB scanned, depth 20, ...) */
void message_limits_default(struct message_limits *lim);

struct message {
	struct address from;	/* first From mailbox, else Sender; email NULL if none */
	struct address sender;	/* Sender: (email NULL if absent) */
	struct address reply_to;
	struct addrlist to;
	struct addrlist cc;
	char *subject;		/* decoded, or NULL */
	char *message_id;	/* without <>, or NULL */
	char *in_reply_to;	/* first id, without <>, or NULL */
	char **references;	/* ids without <> */
	size_t nreferences;
	time_t date;		/* 0 if absent or unparsable */
	time_t received;	/* date of the top Received: field, or 0 */
	char *header_digest;	/* hex SHA-256 of the header block, only when there is no Message-ID */

	/* markers */
	char *list_id;		/* List-Id value, or NULL */
	bool has_list_unsubscribe;
	bool precedence_bulk;	/* Precedence: bulk, list or junk */
	bool auto_submitted;	/* Auto-Submitted other than "no" */
	bool autoreply_header;	/* X-Autoreply, X-Autorespond, X-Auto-Response-Suppress... */
	bool autoreply_subject;	/* "Out of office", "Automatic reply", "Auto:" ... */
	bool delivery_report;	/* multipart/report or message/delivery-status */
	/*
	 * The fields the noise gate and sender trust read (spam verdicts,
	 * list and mailing-service fields, Return-Path,
	 * Authentication-Results, the raw To and Cc, Content-Type, ...: see
	 * message_field_kept), in header order, at most MESSAGE_MAX_FIELDS.
	 */
	struct header_field *fields;
	size_t nfields;
	size_t fields_cap;	/* private: room in fields */

	/* body, all UTF-8 */
	char *text;		/* what the sender wrote now */
	char *quoted;		/* quoted replies and forwarded blocks */
	char *signature;	/* after "-- ", or the sign-off block */
	struct address forwarded;	/* From of the first forwarded message
					 * (inline block or attached message);
					 * email NULL if none */
	bool html_only;		/* text came from an HTML part */
	bool truncated;		/* some limit was reached; what was seen is kept */
	size_t size;		/* bytes of input given */
	char *key;		/* "sha256:" + header_digest (message_key's fallback) */
	struct message_pending *pending;	/* private: the body not parsed yet */
};

/*
 * message_parse - parse len bytes of a message.  Returns a message, or NULL
 * with e set when the bytes hold no message at all (empty input, no header).
 * A message with odd parts is still returned: broken pieces are skipped and
 * `truncated` or empty fields tell what was lost.  Caller frees.
 */
struct message *message_parse(const char *data, size_t len,
    const struct message_limits *lim, struct err *e);
void message_free(struct message *m);
/*
 * message_text_ok - does every string of m hold text by the invariant of
 * strutil.h (valid UTF-8, no NUL, no surrogate)?  The parser asserts it
 * before handing a message on: false is a bug in the parser, not in the
 * mail.  For assert() and tests.  A string added to struct message is
 * added here too.
 */
bool message_text_ok(const struct message *m);

/*
 * message_parse_header / message_parse_body - the same in two steps, for a
 * caller that may not need the body (mail that is ignored whatever it
 * says).  After message_parse_header every header field is set and text,
 * quoted and signature are ""; message_parse_body fills them (0, or -1
 * with e set on ENOMEM, the message still to be freed by the caller) and
 * is a no-op the second time.
 */
struct message *message_parse_header(const char *data, size_t len,
    const struct message_limits *lim, struct err *e);
int message_parse_body(struct message *m, struct err *e);

/* message_subject_forward - the subject opens with Fwd:, Fw:, WG:, TR:, RV: */
bool message_subject_forward(const char *subject);
/*
 * message_field - the value of the first kept field called name (any
 * case), or NULL; borrowed.  message_field_next finds the one after
 * *pos (start with *pos = 0).
 */
const char *message_field(const struct message *m, const char *name);
const char *message_field_next(const struct message *m, const char *name,
    size_t *pos);
/* message_field_kept - whether a field of this name is kept in fields */
bool message_field_kept(const char *name, size_t len);

/* message_key - Message-ID, or "sha256:" + header digest; borrowed */
const char *message_key(const struct message *m);

#endif
