/*
 * milter.h - private interfaces between the parts of clientele-milter.
 *
 * main.c      options, daemon, privileges, pid file, signals (the process)
 * offline.c   -t (dry run on files) and socket spec helpers
 * check.c     -n (is the configuration ready to run?)
 * state.c     the shared snapshot (config + rules), the one store, the spool
 * callbacks.c the libmilter callbacks (per-connection state, protocol)
 * result.c    the log line and the X-Clientele value of one result
 * fdguard.c   descriptors kept in reserve: libmilter's accept() (see there)
 *
 * Locks: state.c owns them.  snap_lock guards the current snapshot
 * pointer and every snapshot's reference count; spool_lock guards the
 * spool-pending flag and is held for a bounded spool replay or one spool
 * write; each store connection of the pool (one for a SQLite file, a few
 * for a server's store) has a lock of its own, held for one lookup of
 * classify or one record (pipeline_record); never while a message is
 * parsed or classified.  Nothing else in the milter is shared between
 * threads.
 */
#ifndef CLIENTELE_MILTER_H
#define CLIENTELE_MILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "classify/classify.h"
#include "mail/config.h"
#include "app/pipeline.h"
#include "classify/rules.h"
#include "util/strutil.h"

#define MILTER_NAME "clientele-milter"

/*
 * An immutable configuration and its compiled rules.  Shared by every
 * message that started while it was current; freed when the last one lets
 * go of it after a reload replaced it.
 */
struct snapshot {
	struct config *cfg;
	struct rules *rules;
	struct valueset *valueset;	/* ValueSet file, or NULL when absent */
	int refs;		/* guarded by snap_lock in state.c */
};

/*
 * snapshot_load - read the configuration at path (missing_ok: a missing
 * file means the defaults) and its rules.  NULL with e set ("FILE:LINE:
 * reason") on error.  The result has one reference; snapshot_put frees it.
 */
struct snapshot *snapshot_load(const char *path, bool missing_ok,
    struct err *e);
/* snapshot_free - release a snapshot nobody references; accepts NULL */
void snapshot_free(struct snapshot *s);

/* state_init - make s (taking over its reference) the current snapshot */
void state_init(struct snapshot *s);
/* state_get - the current snapshot with one more reference; never NULL after state_init */
struct snapshot *state_get(void);
/* state_put - drop a reference taken by state_get; accepts NULL */
void state_put(struct snapshot *s);
/*
 * state_reload - load the configuration again from path and make it
 * current.  Messages in flight keep the snapshot they started with.  On
 * error the old snapshot stays and e says why.
 */
int state_reload(const char *path, bool missing_ok, struct err *e);
/*
 * state_process - run the pipeline on one message with the store
 * connections of the pool, opened lazily (after privileges were dropped):
 * parse and classify holding none, a connection for each lookup and for
 * the record, first replaying a bounded part of the spool if it holds
 * mail.  Returns 0,
 * STATE_NOT_MESSAGE when the bytes were no message at all (the sender's
 * doing), STATE_SPOOLED when the store could not take it (or older
 * spooled mail must go first) and it was written to SpoolDir instead (e
 * says why, *depth is the spool depth), or -1 when something of ours
 * failed (store and spool, memory); e says why.  res is the caller's to
 * clear in every case.
 */
#define STATE_NOT_MESSAGE (-2)
#define STATE_SPOOLED (-3)
int state_process(struct snapshot *snap, const char *data, size_t len,
    const struct envelope *env, struct pipeline_result *res, long *depth,
    struct err *e);
/* state_replay - at start-up: replay what the spool holds, if the store works */
void state_replay(void);
/*
 * state_replayer_start - the thread that replays the spool every few
 * seconds while it holds mail (backing off while the store fails); 0 or
 * -1.  state_replayer_stop ends it (no-op if it never started).
 */
int state_replayer_start(void);
void state_replayer_stop(void);
/* state_shutdown - close the store and drop the current snapshot */
void state_shutdown(void);

/*
 * Descriptors at the top of the soft RLIMIT_NOFILE that MTA connections
 * never take: the store, its journal, the spool and the log open into
 * them (fdguard.c; a limit below twice this keeps a quarter).
 */
#define MILTER_FD_RESERVE 32
/*
 * fdguard_init - after the limit is final, before smfi_main: from then on
 * libmilter accepts a connection only while the reserve stays free.  The
 * number of descriptors kept, or -1 (errno set) when the limit is unknown.
 */
int fdguard_init(void);

/* The libmilter registration (callbacks.c). */
struct smfiDesc;
extern struct smfiDesc milter_desc;

/* result.c */
/* milter_header_value - "category=good; referrals=4; tags=a,b"; caller frees; NULL on ENOMEM */
char *milter_header_value(const struct pipeline_result *res);
/* milter_log_result - the one info line per message */
void milter_log_result(const char *qid, const struct pipeline_result *res);

/* check.c */
/*
 * offline_check - -n: 0 when the configuration is ready to run (file,
 * rules, socket, owner keys, users, directories, database and spool
 * writable by the user, a server's store reachable), else 1 after one
 * line per problem, or 3 when the only problem is that the server's store
 * cannot be used now (0 then with server_warns, -N: the systemd unit's
 * check, since the filter starts and spools while the server is down).
 * The overrides are -p, -u and -P (NULL: none).
 */
int offline_check(const char *config_path, bool missing_ok,
    const char *socket_override, const char *user_override,
    const char *pid_override, bool server_warns);

/* offline.c */
/* offline_test - -t: run the pipeline without a store on each file; 0 or 1 */
int offline_test(const char *config_path, bool missing_ok, char **files,
    int nfiles);
/* socket_check - a usable libmilter socket spec; -1 with e set if not */
int socket_check(const char *spec, struct err *e);
/* socket_unix_path - the file of a unix:/local: socket, or NULL (borrowed) */
const char *socket_unix_path(const char *spec);

#endif
