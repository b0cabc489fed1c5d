/*
 * state - what every milter thread shares: the snapshot and the store.
 *
 * The snapshot (configuration + compiled rules) is immutable.  A callback
 * takes a reference at the start of a message (state_get) and drops it at
 * the end (state_put); SIGUSR1 makes the reload thread build a new snapshot
 * and swap the pointer under snap_lock, so a message never sees half of
 * one configuration and half of another, and no connection is dropped.
 *
 * The store is one struct store for the whole process, opened lazily on
 * the first message (so after the privilege drop) and guarded by
 * store_lock, held only for one pipeline_process call.  The store keeps a
 * reference to the snapshot it was opened with, because it may borrow that
 * configuration; after a reload the next message reopens it with the new
 * one (a changed Database takes effect that way).
 *
 * It never decides anything about mail; that is the pipeline's job.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientele/log.h"
#include "clientele/store.h"
#include "milter.h"

static pthread_mutex_t snap_lock = PTHREAD_MUTEX_INITIALIZER;
static struct snapshot *current;	/* guarded by snap_lock */

static pthread_mutex_t store_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *store;		/* guarded by store_lock */
static struct snapshot *store_snap;	/* guarded by store_lock; holds a ref */

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
	s->rules = rules_load_configured(s->cfg->rules_file,
	    s->cfg->rules_file_set, e);
	if (s->rules == NULL)
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

/* store_ready - the store opened with snap's configuration; store_lock held */
static int
store_ready(struct snapshot *snap, struct err *e)
{
	if (store != NULL && store_snap == snap)
		return 0;
	if (store != NULL) {
		store_close(store);
		store = NULL;
		state_put(store_snap);
		store_snap = NULL;
	}
	store = store_open(snap->cfg->database, snap->cfg, STORE_CREATE, e);
	if (store == NULL)
		return -1;
	pthread_mutex_lock(&snap_lock);
	snap->refs++;
	pthread_mutex_unlock(&snap_lock);
	store_snap = snap;
	return 0;
}

int
state_process(struct snapshot *snap, const char *data, size_t len,
    const struct envelope *env, struct pipeline_result *res, struct err *e)
{
	struct pipeline p;
	int rc;

	memset(res, 0, sizeof(*res));
	pthread_mutex_lock(&store_lock);
	if (store_ready(snap, e) < 0) {
		pthread_mutex_unlock(&store_lock);
		return -1;
	}
	pipeline_init(&p, snap->cfg, snap->rules, store);
	rc = pipeline_process(&p, data, len, env, res, e);
	pthread_mutex_unlock(&store_lock);
	/* The pipeline fails before it has facts only when parsing failed. */
	if (rc < 0 && res->facts == NULL)
		return STATE_NOT_MESSAGE;
	return rc;
}

void
state_shutdown(void)
{
	struct snapshot *s;

	pthread_mutex_lock(&store_lock);
	store_close(store);
	store = NULL;
	state_put(store_snap);
	store_snap = NULL;
	pthread_mutex_unlock(&store_lock);

	pthread_mutex_lock(&snap_lock);
	s = current;
	current = NULL;
	pthread_mutex_unlock(&snap_lock);
	state_put(s);
}
