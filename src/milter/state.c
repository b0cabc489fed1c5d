/*
 * state - what every milter thread shares: the snapshot and the store.
 *
 * The snapshot (configuration + compiled rules) is immutable.  A callback
 * takes a reference at the start of a message (state_get) and drops it at
 * the end (state_put); SIGUSR1 makes the reload thread build a new snapshot
 * and swap the pointer under snap_lock, so a message never sees half of
 * one configuration and half of another, and no connection is dropped.
 *
 * The store is a small pool of connections (struct slot), each a struct
 * store opened lazily on first use (so after the privilege drop) and
 * guarded by its own lock.  A message is parsed and classified holding no
 * slot (pipeline_classify); each lookup classify makes into the store
 * takes a slot for that lookup alone (lookup_lock), and the record
 * (pipeline_record: the transaction and the summary read back) takes one
 * once.  A SQLite file gets one slot (its writers serialize on the file
 * anyway); a server's store (PostgreSQL) gets STATE_SERVER_SLOTS, so that
 * several messages are recorded at once and only the apply itself waits
 * for the server's writer lock.  A slot keeps a reference to
 * the snapshot it was opened with, because the store may borrow that
 * configuration; after a reload its next message reopens it with the new
 * one (a changed Database takes effect that way).
 *
 * When the store fails (locked, read-only, full, corrupt, missing, the
 * server gone) the message goes to the spool (SpoolDir) instead and the
 * mail is accepted; spool_pending, guarded by spool_lock, says the spool
 * may hold mail.  While it does, each message first replays a bounded
 * number of spooled files, and is itself spooled if any are left, so that
 * the store sees messages in the order they arrived.  A file is opened
 * with a short busy timeout, so a locked one fails in a fraction of a
 * second; a slot is closed after a failure, so that a repaired or
 * replaced file, or a restarted server, is reopened.  After a server's
 * store failed, messages go straight to the spool for STATE_SERVER_RETRY_S
 * seconds rather than each waiting for a connection attempt: mail flows
 * at its usual pace while the server is down, and the replay thread
 * finds it back.
 *
 * Lock order: spool_lock, then a slot (the replay holds both); a message
 * never waits for spool_lock while it holds a slot.
 *
 * A quiet server must not leave spooled mail waiting for the next message:
 * the replay thread (state_replayer_start) wakes every REPLAY_TICK_S
 * seconds while spool_pending is set and replays a bounded batch; while
 * the store stays unusable it waits twice as long after each failure, up
 * to REPLAY_MAX_WAIT_S.  It takes spool_lock and a slot like a replaying
 * message does.
 *
 * It never decides anything about mail; that is the pipeline's job.
 * Calls, one way: the pipeline, the store, the spool and result.c (the
 * log line of a replayed message); callbacks.c and main.c call it, and
 * nothing here calls them.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"
#include "app/spool.h"
#include "store/store.h"
#include "classify/valueset.h"
#include "milter.h"

/* How long a statement waits for another process's lock, in ms. */
#define STATE_BUSY_MS 250
/*
 * A server's store: connections per milter, how long one waits for the
 * writer lock (the other servers' milters hold it a few ms per message),
 * and how long messages skip it after it failed.
 */
#define STATE_SERVER_SLOTS 4
#define STATE_SERVER_BUSY_MS 3000
#define STATE_SERVER_RETRY_S 2
/* Spooled files replayed before one live message, and at start-up. */
#define REPLAY_PER_MESSAGE 50
#define REPLAY_AT_START 1000
/* The replay thread: first wait, batch, and longest wait after failures. */
#define REPLAY_TICK_S 2
#define REPLAY_PER_TICK 200
#define REPLAY_MAX_WAIT_S 16

static pthread_mutex_t snap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *current;	/* guarded by snap_lock */

/* One connection to the store; its fields guarded by its lock. */
struct slot {
	pthread_mutex_t lock;
	struct store *store;
	struct snapshot *snap;		/* holds a ref while store is open */
};
static struct slot slots[STATE_SERVER_SLOTS];
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;
/* Which slots a message is using: guarded by slots_lock. */
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slots_free = PTHREAD_COND_INITIALIZER;
static bool slot_taken[STATE_SERVER_SLOTS];

static pthread_mutex_t spool_lock = PTHREAD_MUTEX_INITIALIZER;
static bool spool_pending = true;	/* guarded by spool_lock */
static struct snapshot *spool_snap;	/* guarded by spool_lock; holds a ref */
static time_t server_retry_at;		/* guarded by spool_lock */

/* The replay thread's sleep; replay_stop guarded by replay_lock. */
static pthread_mutex_t replay_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t replay_cond = PTHREAD_COND_INITIALIZER;
static bool replay_stop;
static pthread_t replayer;
static bool replayer_running;

struct snapshot *
snapshot_load(const char *path, bool missing_ok, struct err *e)
{
	struct snapshot *s;

	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		err_set(e, "out of memory");
		return NULL;
	}
	s->cfg = config_load(path, missing_ok, e);
	if (s->cfg == NULL)
		goto fail;
	s->rules = rules_load_configured_langs(s->cfg->rules_file,
	    s->cfg->rules_file_set, s->cfg->languages, e);
	if (s->rules == NULL)
		goto fail;
	/* the named file, the installed one, or the built-in value set */
	s->valueset = valueset_load_configured(s->cfg->value_set,
	    s->cfg->value_set_set, e);
	if (s->valueset == NULL)
		goto fail;
	s->refs = 1;
	return s;
fail:
	snapshot_free(s);
	return NULL;
}

void
snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	rules_free(s->rules);
	valueset_free(s->valueset);
	config_free(s->cfg);
	free(s);
}

void
state_init(struct snapshot *s)
{
	pthread_mutex_lock(&snap_lock);
	current = s;
	pthread_mutex_unlock(&snap_lock);
}

struct snapshot *
state_get(void)
{
	struct snapshot *s;

	pthread_mutex_lock(&snap_lock);
	s = current;
	if (s != NULL)
		s->refs++;
	pthread_mutex_unlock(&snap_lock);
	return s;
}

void
state_put(struct snapshot *s)
{
	bool last;

	if (s == NULL)
		return;
	pthread_mutex_lock(&snap_lock);
	last = --s->refs == 0;
	pthread_mutex_unlock(&snap_lock);
	if (last)
		snapshot_free(s);
}

int
state_reload(const char *path, bool missing_ok, struct err *e)
{
	struct snapshot *s, *old;

	s = snapshot_load(path, missing_ok, e);
	if (s == NULL)
		return -1;
	pthread_mutex_lock(&snap_lock);
	old = current;
	current = s;
	pthread_mutex_unlock(&snap_lock);
	state_put(old);
	return 0;
}

/* slots_init - the slots' locks (pthread_once) */
static void
slots_init(void)
{
	for (size_t i = 0; i < STATE_SERVER_SLOTS; i++)
		pthread_mutex_init(&slots[i].lock, NULL);
}

/* is_server - snap's Database is a server's store (not a SQLite file) */
static bool
is_server(const struct snapshot *snap)
{
	return store_database_file(snap->cfg->database) == NULL;
}

/*
 * slot_take - a free slot for snap's store, waiting for one: one slot for
 * a SQLite file, STATE_SERVER_SLOTS for a server.  Returned locked.
 */
static struct slot *
slot_take(const struct snapshot *snap)
{
	size_t n = is_server(snap) ? STATE_SERVER_SLOTS : 1, i;

	pthread_once(&slots_once, slots_init);
	pthread_mutex_lock(&slots_lock);
	for (;;) {
		for (i = 0; i < n && slot_taken[i]; i++)
			;
		if (i < n)
			break;
		pthread_cond_wait(&slots_free, &slots_lock);
	}
	slot_taken[i] = true;
	pthread_mutex_unlock(&slots_lock);
	pthread_mutex_lock(&slots[i].lock);
	return &slots[i];
}

/* slot_give - unlock sl and let another message have it */
static void
slot_give(struct slot *sl)
{
	pthread_mutex_unlock(&sl->lock);
	pthread_mutex_lock(&slots_lock);
	slot_taken[sl - slots] = false;
	pthread_cond_broadcast(&slots_free);
	pthread_mutex_unlock(&slots_lock);
}

/* slot_drop - close sl's store (after a failure, or to reopen it) */
static void
slot_drop(struct slot *sl)
{
	store_close(sl->store);
	sl->store = NULL;
	state_put(sl->snap);
	sl->snap = NULL;
}

/* slot_ready - sl's store opened with snap's configuration; sl held */
static int
slot_ready(struct slot *sl, struct snapshot *snap, struct err *e)
{
	if (sl->store != NULL && sl->snap == snap)
		return 0;
	if (sl->store != NULL)
		slot_drop(sl);
	sl->store = store_open(snap->cfg->database, snap->cfg, STORE_CREATE,
	    e);
	if (sl->store == NULL)
		return -1;
	store_set_busy_timeout(sl->store, is_server(snap) ?
	    STATE_SERVER_BUSY_MS : STATE_BUSY_MS);
	/* record_locked rolls a failed message back whole: no savepoint */
	store_set_guarded(sl->store, false);
	pthread_mutex_lock(&snap_lock);
	snap->refs++;
	pthread_mutex_unlock(&snap_lock);
	sl->snap = snap;
	return 0;
}

/* replay_message - the spool_replay callback: one spooled message */
static enum spool_verdict
replay_message(const struct spool_msg *m, void *arg, struct err *e)
{
	struct pipeline_result res;
	char label[160];
	int rc;

	rc = pipeline_process(arg, m->data, m->len, &m->env, &res, e);
	if (rc < 0) {
		/* facts: the store failed again; none: never a message */
		rc = res.facts != NULL ? SPOOL_FAIL : SPOOL_REJECT;
		pipeline_result_clear(&res);
		return (enum spool_verdict)rc;
	}
	snprintf(label, sizeof(label), "spool %s", m->name);
	milter_log_result(label, &res);
	pipeline_result_clear(&res);
	return SPOOL_DONE;
}

/*
 * store_failed - a server's store just failed: messages skip it for a
 * while (see the top of the file); spool_lock held
 */
static void
store_failed(const struct snapshot *snap)
{
	if (is_server(snap))
		server_retry_at = time(NULL) + STATE_SERVER_RETRY_S;
}

/*
 * replay_locked - replay at most max spooled files into the store, oldest
 * first; spool_lock held, takes a slot.  Clears spool_pending when the
 * spool is empty.  0, or -1 with e set when the store (or the spool) is
 * still unusable.
 */
static int
replay_locked(struct snapshot *snap, size_t max, struct err *e)
{
	const char *dir = snap->cfg->spool_dir;
	struct spool_stats st;
	struct pipeline p;
	struct slot *sl;
	int rc;

	if (spool_depth(dir, e) == 0) {
		spool_pending = false;
		return 0;
	}
	sl = slot_take(snap);
	if (slot_ready(sl, snap, e) < 0) {
		slot_give(sl);
		store_failed(snap);
		return -1;
	}
	pipeline_init(&p, snap->cfg, snap->rules, sl->store);
	p.valueset = snap->valueset;
	rc = spool_replay(dir, max, replay_message, &p, &st, e);
	if (rc < 0) {
		slot_drop(sl);
		store_failed(snap);
	}
	slot_give(sl);
	if (st.replayed + st.quarantined > 0)
		msg_info("spool: replayed %zu messages from %s (%zu moved to "
		    "%s/), %zu left", st.replayed, dir, st.quarantined,
		    SPOOL_BAD_DIR, st.left);
	spool_pending = rc < 0 || st.busy || st.left > 0;
	if (rc == 0)
		server_retry_at = 0;
	if (rc == 0 && st.busy)
		err_set(e, "spool: another process is replaying %s", dir);
	return rc;
}

/*
 * spool_locked - keep the message in the spool; spool_lock held.
 * STATE_SPOOLED with e left as the caller set it (why the store was not
 * used) and *depth set, or -1 with both reasons in e.
 */
static int
spool_locked(struct snapshot *snap, const char *data, size_t len,
    const struct envelope *env, long *depth, struct err *e)
{
	const struct config *cfg = snap->cfg;
	struct err se;

	if (spool_write(cfg->spool_dir, data, len, cfg->max_scan_bytes, env,
	    NULL, 0, &se) < 0) {
		struct err why = *e;

		err_set(e, "%s; and it could not be spooled: %s", why.msg,
		    se.msg);
		return -1;
	}
	spool_pending = true;
	*depth = spool_depth(cfg->spool_dir, &se);
	return STATE_SPOOLED;
}

/* spool_see - note snap as the one whose SpoolDir counts; spool_lock held */
static void
spool_see(struct snapshot *snap)
{
	if (spool_snap == snap)
		return;
	/* a new configuration may name another SpoolDir: look at it */
	spool_pending = true;
	server_retry_at = 0;
	state_put(spool_snap);
	pthread_mutex_lock(&snap_lock);
	snap->refs++;
	pthread_mutex_unlock(&snap_lock);
	spool_snap = snap;
}

/*
 * spool_first - before a message uses the store: 1 when it may, 0 when
 * it must be spooled (older mail still waits, or a server's store failed
 * a moment ago: e says why); spool_lock held
 */
static int
spool_first(struct snapshot *snap, struct err *e)
{
	spool_see(snap);
	if (spool_pending && server_retry_at != 0 &&
	    time(NULL) < server_retry_at) {
		err_set(e, "the store failed a moment ago; mail waits in the "
		    "spool until it works again");
		return 0;
	}
	/* Older mail first: what is spooled goes in before this message. */
	if (spool_pending && replay_locked(snap, REPLAY_PER_MESSAGE, e) == 0 &&
	    spool_pending)
		err_set(e, "earlier spooled mail is still being replayed");
	return spool_pending ? 0 : 1;
}

/*
 * One message's way into the store: each lookup of classify, and then the
 * record, takes a slot (msg_store_take) and gives it back.  When a slot's
 * store cannot be opened the message is spooled, and nothing tries again
 * for it, so a locked or absent store costs one attempt per message.
 */
struct msg_store {
	struct snapshot *snap;
	struct slot *sl;	/* taken, or NULL */
	bool failed;		/* the store could not be opened for it */
	struct err why;		/* ... and why */
};

/* msg_store_take - a ready slot for ms's message: 0, or -1 (ms->why) */
static int
msg_store_take(struct msg_store *ms)
{
	if (ms->failed)
		return -1;
	ms->sl = slot_take(ms->snap);
	if (slot_ready(ms->sl, ms->snap, &ms->why) == 0)
		return 0;
	slot_give(ms->sl);
	ms->sl = NULL;
	ms->failed = true;
	pthread_mutex_lock(&spool_lock);
	store_failed(ms->snap);
	pthread_mutex_unlock(&spool_lock);
	return -1;
}

/* msg_store_give - give back the slot ms holds, if any */
static void
msg_store_give(struct msg_store *ms)
{
	if (ms->sl != NULL) {
		slot_give(ms->sl);
		ms->sl = NULL;
	}
}

/*
 * lookup_lock, lookup_unlock - struct pipeline_lookups for classify: one
 * lookup on a slot of its own, between other messages' records.  Nothing
 * is known while the message would be spooled anyway.
 */
static struct store *
lookup_lock(void *arg)
{
	struct msg_store *ms = arg;

	return msg_store_take(ms) == 0 ? ms->sl->store : NULL;
}

static void
lookup_unlock(void *arg)
{
	msg_store_give(arg);
}

/*
 * record_locked - the message's facts into the store in one transaction,
 * with what is read before (was the sender known?) inside it; the summary
 * for the header (category, tags) is read after the commit, so that the
 * writers' lock is not held for it.  The slot held.  0, or -1 with e set
 * and nothing recorded.
 */
static int
record_locked(struct store *s, struct pipeline *p,
    struct pipeline_staged *st, struct pipeline_result *res, struct err *e)
{
	struct err why;

	if (store_begin(s, e) < 0) {
		pipeline_staged_clear(st);
		return -1;
	}
	p->skip_summary = true;
	if (pipeline_record(p, st, res, e) < 0) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, e) < 0)
		return -1;
	/* recorded: a summary that cannot be read only loses the header */
	if (pipeline_summary(p, res, &why) < 0)
		msg_warn("%s: no summary for the header: %s",
		    res->customer != NULL ? res->customer : "(no sender)",
		    why.msg);
	return 0;
}

int
state_process(struct snapshot *snap, const char *data, size_t len,
    const struct envelope *env, struct pipeline_result *res, long *depth,
    struct err *e)
{
	struct msg_store ms = { .snap = snap, .sl = NULL, .failed = false };
	const struct pipeline_lookups lookups = { lookup_lock, lookup_unlock,
	    &ms };
	struct pipeline_staged st;
	struct pipeline p;
	int rc;

	memset(res, 0, sizeof(*res));
	*depth = 0;
	pthread_mutex_lock(&spool_lock);
	if (spool_first(snap, e) == 0)
		goto spool;
	pthread_mutex_unlock(&spool_lock);

	/* Parse and classify first: a slot only for what reads the store. */
	pipeline_init(&p, snap->cfg, snap->rules, NULL);
	p.valueset = snap->valueset;
	p.lookups = &lookups;
	if (pipeline_classify(&p, data, len, env, &st, e) < 0) {
		pipeline_staged_clear(&st);
		return STATE_NOT_MESSAGE;
	}
	if (msg_store_take(&ms) < 0) {
		*e = ms.why;
		pipeline_staged_clear(&st);
		pthread_mutex_lock(&spool_lock);
		goto spool;
	}
	p.store = ms.sl->store;
	p.lookups = NULL;
	if (record_locked(ms.sl->store, &p, &st, res, e) < 0) {
		slot_drop(ms.sl);
		msg_store_give(&ms);
		pthread_mutex_lock(&spool_lock);
		store_failed(snap);
		goto spool;
	}
	msg_store_give(&ms);
	return 0;
spool:
	rc = spool_locked(snap, data, len, env, depth, e);
	pthread_mutex_unlock(&spool_lock);
	return rc;
}

void
state_replay(void)
{
	struct snapshot *snap = state_get();
	struct err e = { "" };
	long depth;

	size_t removed;

	if (snap == NULL)
		return;
	pthread_mutex_lock(&spool_lock);
	spool_see(snap);
	/* what a crash left half-written: never a whole message, never ours */
	if (spool_clean(snap->cfg->spool_dir, &removed, &e) < 0)
		msg_warn("%s", e.msg);
	if (replay_locked(snap, REPLAY_AT_START, &e) < 0) {
		depth = spool_depth(snap->cfg->spool_dir, NULL);
		msg_warn("spool: %ld messages wait in %s: %s", depth,
		    snap->cfg->spool_dir, e.msg);
	}
	pthread_mutex_unlock(&spool_lock);
	state_put(snap);
}

/*
 * replay_tick - one timed replay if the spool holds mail: 1 when it was
 * emptied or nothing waits, 0 when mail is still waiting (store busy or
 * more than one batch), -1 when the store failed (e says why).
 */
static int
replay_tick(struct err *e)
{
	struct snapshot *snap = state_get();
	int rc = 1;

	if (snap == NULL)
		return 1;
	pthread_mutex_lock(&spool_lock);
	spool_see(snap);
	/* the thread that finds a failed server back: never held off */
	if (spool_pending) {
		if (replay_locked(snap, REPLAY_PER_TICK, e) < 0)
			rc = -1;
		else
			rc = spool_pending ? 0 : 1;
	}
	pthread_mutex_unlock(&spool_lock);
	state_put(snap);
	return rc;
}

/* replay_main - the replay thread: every few seconds while mail waits */
static void *
replay_main(void *arg)
{
	unsigned wait = REPLAY_TICK_S, failures = 0;
	struct timespec until;
	struct err e;
	int rc;

	(void)arg;
	pthread_mutex_lock(&replay_lock);
	while (!replay_stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += wait;
		while (!replay_stop && pthread_cond_timedwait(&replay_cond, &replay_lock,
		    &until) == 0)
			;
		if (replay_stop)
			break;
		pthread_mutex_unlock(&replay_lock);
		e.msg[0] = '\0';
		rc = replay_tick(&e);
		pthread_mutex_lock(&replay_lock);
		if (rc >= 0) {
			if (failures > 0)
				msg_info("spool: the store works again after "
				    "%u failed replays", failures);
			failures = 0;
			wait = REPLAY_TICK_S;
			continue;
		}
		/* one line when it starts failing, then one at each 32nd */
		if (failures++ % 32 == 0)
			msg_warn("spool: replay failed, trying again within "
			    "%u s: %s", REPLAY_MAX_WAIT_S, e.msg);
		wait = wait * 2 > REPLAY_MAX_WAIT_S ? REPLAY_MAX_WAIT_S :
		    wait * 2;
	}
	pthread_mutex_unlock(&replay_lock);
	return NULL;
}

int
state_replayer_start(void)
{
	sigset_t all, saved;
	int rc;

	/* signals belong to libmilter's thread and the reload thread */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &saved);
	rc = pthread_create(&replayer, NULL, replay_main, NULL);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (rc != 0)
		return -1;
	replayer_running = true;
	return 0;
}

void
state_replayer_stop(void)
{
	if (!replayer_running)
		return;
	pthread_mutex_lock(&replay_lock);
	replay_stop = true;
	pthread_cond_signal(&replay_cond);
	pthread_mutex_unlock(&replay_lock);
	pthread_join(replayer, NULL);
	replayer_running = false;
}

void
state_shutdown(void)
{
	struct snapshot *s;

	pthread_once(&slots_once, slots_init);
	for (size_t i = 0; i < STATE_SERVER_SLOTS; i++) {
		pthread_mutex_lock(&slots[i].lock);
		slot_drop(&slots[i]);
		pthread_mutex_unlock(&slots[i].lock);
	}
	pthread_mutex_lock(&spool_lock);
	state_put(spool_snap);
	spool_snap = NULL;
	pthread_mutex_unlock(&spool_lock);

	pthread_mutex_lock(&snap_lock);
	s = current;
	current = NULL;
	pthread_mutex_unlock(&snap_lock);
	state_put(s);
}
