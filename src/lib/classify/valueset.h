/*
 * valueset.h - the owner's ideal client value set.
 *
 * A ValueSet file holds `key: description` lines (conf/valueset.conf ships
 * a twelve-value example), '#' comments.  Keys are lower case words with
 * dashes.  The owner judges a customer against each value (`assess`), a
 * customer may judge themselves (a reply to `valueset --publish` with the
 * boxes ticked), and tags may count against a value (rules: rude ->
 * respect).  Pure: parsing and rendering memory only.
 */
#ifndef CLIENTELE_VALUESET_H
#define CLIENTELE_VALUESET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "util/buf.h"
#include "util/strutil.h"

#define VALUESET_MAX 64

struct value {
	char *key;
	char *description;
};

struct valueset {
	struct value v[VALUESET_MAX];
	size_t n;
};

enum verdict { VERDICT_UNKNOWN = 0, VERDICT_YES = 1, VERDICT_NO = 2 };

struct valueset *valueset_load_file(const char *path, struct err *e);
/* valueset_load_string - name is used in "NAME:LINE: reason" errors */
struct valueset *valueset_load_string(const char *name, const char *text,
    size_t len, struct err *e);
/* valueset_default - the shipped value set, compiled in; caller frees */
struct valueset *valueset_default(struct err *e);
/*
 * valueset_load_configured - the ValueSet file at path; when the file was
 * not named in the configuration (named false) and is not installed, the
 * built-in one.  A file that was named must exist.  Caller frees.
 */
struct valueset *valueset_load_configured(const char *path, bool named,
    struct err *e);
void valueset_free(struct valueset *vs);
/* valueset_find - index of key, or -1 */
int valueset_find(const struct valueset *vs, const char *key);
/* verdict_parse - "yes"/"no"/"unknown" (also y/n/?); -1 if neither */
int verdict_parse(const char *s);
const char *verdict_name(enum verdict v);

/*
 * valueset_publish - a message the owner can send to a customer: every value
 * with a "[ ]" box and instructions to reply with "[x]" on those that fit.
 * from/to must be plain addresses; to may be NULL (left for the owner).
 */
int valueset_publish(const struct valueset *vs, const char *from,
    const char *to, time_t now, const char *unique, struct buf *out,
    struct err *e);

/*
 * valueset_parse_reply - find the ticked boxes in a customer's reply (text
 * and the quote they edited).  verdicts[i] gets YES for "[x]" and NO for
 * "[ ]" next to value i.  Returns how many values were found; a reply is a
 * self-assessment when it names at least half of the values.  A reply
 * with no box ticked (the blank form quoted back) answers nothing: 0, and
 * every verdict unknown.
 */
size_t valueset_parse_reply(const struct valueset *vs, const char *text,
    enum verdict verdicts[VALUESET_MAX]);

/* The marker the published form carries in its subject, for recognising replies. */
#define VALUESET_SUBJECT "Our values: which of these fit you?"

/*
 * valueset_publish_html - the value set as a web page for the firm's site:
 * each value with its description, and a mailto: link to `reply_to` whose
 * subject and body are the form, so that the customer's reply, boxes
 * ticked, is read as their self-evaluation.  Appends to out; 0, or -1
 * with e set when reply_to is not a plain address.
 */
int valueset_publish_html(const struct valueset *vs, const char *reply_to,
    struct buf *out, struct err *e);

#endif
