/*
 * spool.h - a directory where the milter keeps mail the store could not take.
 *
 * When the store is locked, read-only, full or corrupt, clientele-milter
 * still accepts the mail: it writes the bounded raw message and its
 * envelope to one file in SpoolDir and replays the files, oldest first,
 * once the store works again (the store is idempotent by Message-ID, so a
 * file replayed twice records nothing twice).  `clientele spool` shows the
 * depth and can replay by hand.
 *
 * Files: NAME = 20-digit nanoseconds, '-', 10-digit sequence, '-', pid,
 * ".msg", so that names sort in arrival order; written as ".tmp-NAME",
 * fsync'd, renamed, and the directory fsync'd; mode 0600 in a directory of
 * mode 0700 (a directory writable by group or others is refused).  A file
 * that cannot be read back is moved to "bad/" with a warning.
 *
 * Thread-safe: no shared state except an atomic clock for the names.
 */
#ifndef CLIENTELE_SPOOL_H
#define CLIENTELE_SPOOL_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/classify.h"
#include "util/strutil.h"

/* Longest envelope field (address, auth user) a spool file may hold. */
#define SPOOL_MAX_FIELD 4096
/* Most recipients a spool file may hold. */
#define SPOOL_MAX_RCPTS 10000
/* Name of the subdirectory for files that could not be parsed. */
#define SPOOL_BAD_DIR "bad"

/* One spooled message as read back; every pointer owned by the struct. */
struct spool_msg {
	char *name;		/* file name inside the spool directory */
	char *mail_from;	/* "" for the null sender */
	char *auth_user;	/* NULL when none */
	struct strvec rcpts;
	const char **rcpt;	/* NULL-terminated view of rcpts */
	struct envelope env;	/* points into the fields above */
	char *data;		/* raw message, NUL-terminated */
	size_t len;
};

/*
 * spool_write - store len bytes of data (at most max; 0: no bound) with
 * the envelope env (may be NULL) as a new file in dir, created with mode
 * 0700 if missing.  When name is not NULL the new file's name is copied
 * there (namelen bytes).  0, or -1 with e set; nothing is left behind on
 * failure.  Borrows everything.
 */
int spool_write(const char *dir, const char *data, size_t len, size_t max,
    const struct envelope *env, char *name, size_t namelen, struct err *e);

/*
 * spool_depth - how many messages wait in dir (0 when dir does not
 * exist).  -1 with e set when dir cannot be read.
 */
long spool_depth(const char *dir, struct err *e);

/*
 * spool_clean - remove the temporary files (".tmp-*") that writers which
 * are no longer running left in dir (a crash between create and rename);
 * *removed says how many.  0, or -1 with e set.
 */
int spool_clean(const char *dir, size_t *removed, struct err *e);

/*
 * spool_read - parse one spool file (path) into *m; 0, or -1 with e set
 * when it cannot be read or is not a well-formed spool file.  The caller
 * clears m with spool_msg_clear in both cases.
 */
int spool_read(const char *path, struct spool_msg *m, struct err *e);
/* spool_msg_clear - free what m holds; m may be reused */
void spool_msg_clear(struct spool_msg *m);

/*
 * What a replay callback says about one message: done (the file is
 * deleted), reject (it can never be recorded: moved to bad/), or fail
 * (the store is still down: stop here, keep this file and the rest).
 */
enum spool_verdict { SPOOL_DONE = 0, SPOOL_REJECT = 1, SPOOL_FAIL = -1 };
typedef enum spool_verdict (*spool_fn)(const struct spool_msg *m, void *arg,
    struct err *e);

struct spool_stats {
	size_t replayed;	/* callback said done */
	size_t quarantined;	/* moved to bad/ (unparsable or rejected) */
	size_t left;		/* still waiting afterwards */
	bool busy;		/* another process was replaying: nothing done */
};

/*
 * spool_replay - hand at most max files of dir (0: all), oldest first, to
 * fn; each is deleted only after fn said done.  Stops at the first
 * failure so that order is kept.  Only one replay runs at a time (a lock
 * on the directory): if another holds it, returns 0 with st->busy.
 * 0 when every file tried was done or quarantined, -1 with e set when fn
 * failed or the directory could not be used; st is filled in both cases.
 * A missing dir is an empty spool.
 */
int spool_replay(const char *dir, size_t max, spool_fn fn, void *arg,
    struct spool_stats *st, struct err *e);

#endif
