/*
 * mailbox.h - iterate the messages stored under a path.
 *
 * A path may be a single message file (.eml), an mbox file (its first line
 * starts with "From "), a directory (a Maildir with cur/ and new/, or any
 * tree: every regular file under it, in name order, each a message or an
 * mbox), or "-" for standard input (an mbox or one message).
 *
 * Files are read with read(2), never mapped, whole when small and through
 * a window when large, so that a file truncated or rewritten while it is
 * read cannot kill the process (SIGBUS): reading stops where the file now
 * ends, and the message cut there is an error (-1) naming it, skipped.
 * Nothing past the size a file had when opened is read.  An mbox is split
 * on lines that start with "From " and ">From " quoting is undone (">From "
 * becomes "From ", ">>From " becomes ">From ").  Each message is handed out with a
 * label for error messages: "FILE" for a file holding one message,
 * "FILE:#N" for the N-th message (from 1) of an mbox.  A message longer
 * than the cap given to mailbox_open is cut at the cap and marked.
 *
 * The bytes and label of a struct mailbox_msg are borrowed: they stay
 * valid until the next mailbox_next or mailbox_close.
 */
#ifndef CLIENTELE_MAILBOX_H
#define CLIENTELE_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strutil.h"

/* Most bytes of one message handed out when the caller passes cap 0. */
#define MAILBOX_DEFAULT_CAP ((size_t)64 * 1024 * 1024)
/* Most bytes read from standard input. */
#define MAILBOX_STDIN_CAP ((size_t)1024 * 1024 * 1024)

struct mailbox;

struct mailbox_msg {
	const char *data;	/* the message bytes; borrowed */
	size_t len;
	const char *label;	/* "FILE" or "FILE:#N"; borrowed */
	bool truncated;		/* cut at the cap */
};

/*
 * mailbox_open - look at path (a directory is listed now, so the total
 * size is known).  NULL with e set when the path cannot be read.  cap 0:
 * MAILBOX_DEFAULT_CAP.  Caller closes with mailbox_close.
 */
struct mailbox *mailbox_open(const char *path, size_t cap, struct err *e);
/*
 * mailbox_next - the next message: 1 and *msg filled, 0 at the end, -1
 * with e set when one file under a directory cannot be read, or a file
 * was cut short while read (the label names the file or the message
 * skipped; calling again goes on with the next file).
 */
int mailbox_next(struct mailbox *mb, struct mailbox_msg *msg, struct err *e);
/*
 * mailbox_bytes_total/done - for progress: size of every file (files not
 * sized while listed are looked at now), bytes passed
 */
unsigned long long mailbox_bytes_total(struct mailbox *mb);
unsigned long long mailbox_bytes_done(const struct mailbox *mb);
/* mailbox_close - close and free; accepts NULL */
void mailbox_close(struct mailbox *mb);

#endif
