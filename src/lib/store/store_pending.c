/*
 * store_pending - referrals, and names waiting to become referrers.
 *
 * What it is for: one referral of a message (store_apply_referral): a
 * referrer with an address is credited at once; one known only by name
 * waits in the pending table under its key (store_norm_name); and when a
 * person of incoming mail answers to a waiting name (store_link_pending),
 * the referrals waiting for it become theirs.
 *
 * What it owns: the referral rules: a person has at most one referrer, the
 * first one recorded, never themselves, never against the owner's word
 * (a credit set by hand is final); a single word never links a pending
 * name, and an address that spells two waiting names links neither.
 *
 * What it never does: decide who referred whom from the text (classify
 * did), or create the message's people (store_apply.c does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "mail/name_key.h"
#include "store_int.h"

static const char SQL_PENDING_FOR[] =
    "SELECT referred_id, evidence, message_key FROM pending"
    " WHERE name_norm = ?1 ORDER BY id";
static const char SQL_PENDING_DONE[] =
    "DELETE FROM pending WHERE name_norm = ?1";
static const char SQL_PENDING_KEYS[] =
    "SELECT DISTINCT name_norm FROM pending";

/* add_referral - referrer -> referred unless referred has one (or it is self) */
static int
add_referral(struct store *s, int64_t referrer, int64_t referred,
    const char *how, const char *evidence, const char *key, time_t at,
    struct err *e)
{
	int64_t prior;
	struct db_stmt *st;
	char *a, *b, detail[600];
	int rc;

	if (referrer == referred)
		return 0;
	if ((rc = store_referrer_of(s, referred, &prior, e)) != 0)
		return rc < 0 ? -1 : 0;	/* the first referrer keeps it */
	if ((rc = store_referral_locked(s, referred, e)) != 0)
		return rc < 0 ? -1 : 0;	/* the owner said: nobody */
	if ((st = store_stmt(s, SQL_ADD_REFERRAL, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, referred);
	db_bind_int64(st, 2, referrer);
	BIND_BORROWED(st, 3, how);
	BIND_BORROWED(st, 4, evidence);
	BIND_BORROWED(st, 5, key);
	db_bind_int64(st, 6, (int64_t)at);
	if (store_run(s, st, e) < 0 || store_sync_ref_tags(s, referrer, e) < 0 ||
	    store_sync_ref_tags(s, referred, e) < 0 ||
	    store_touch(s, referrer, e) < 0 || store_touch(s, referred, e) < 0)
		return -1;
	a = store_email_of(s, referrer, e);
	b = store_email_of(s, referred, e);
	snprintf(detail, sizeof(detail), "%.250s referred %.250s (%.60s)",
	    a ? a : "?", b ? b : "?", how ? how : "unknown");
	if (s->produced != NULL)
		buf_printf(s->produced, "%sreferral:%s>%s",
		    s->produced->len ? " " : "", a ? a : "?", b ? b : "?");
	free(a);
	free(b);
	return store_event(s, at, "referral", referrer, referred, detail, e);
}

/* Pending rows for one name, read out before they are acted on. */
struct pending_row {
	int64_t referred;
	char *evidence;
	char *key;
};

int
store_add_referral(struct store *s, int64_t referrer, int64_t referred,
    const char *how, const char *evidence, const char *key, time_t at,
    struct err *e)
{
	return add_referral(s, referrer, referred, how, evidence, key, at, e);
}

/*
 * link_key - the pending referrals waiting under key now name person id:
 * they referred whoever named them.  *found counts the rows linked.
 */
static int
link_key(struct store *s, int64_t id, const char *key, time_t at,
    size_t *found, struct err *e)
{
	struct pending_row *rows = NULL, *nr;
	size_t n = 0, cap = 0;
	char *norm = xstrdup(key);
	struct db_stmt *st;
	int rc = -1, step;

	if (norm == NULL)
		return err_set(e, "store: out of memory");
	if (*norm == '\0' || (st = store_stmt(s, SQL_PENDING_FOR, e)) == NULL) {
		rc = *norm == '\0' ? 0 : -1;
		goto out;
	}
	BIND_BORROWED(st, 1, norm);
	while ((step = db_step(st)) == DB_ROW) {
		if ((nr = mem_grow(rows, n, &cap, sizeof(*nr), 4)) == NULL)
			break;
		rows = nr;
		rows[n].referred = db_column_int64(st, 0);
		rows[n].evidence = xstrdup(db_column_text(st, 1));
		rows[n].key = xstrdup(db_column_text(st, 2));
		n++;
	}
	db_reset(st);
	if (step != DB_DONE) {
		err_set(e, "store: reading pending referrals failed");
		goto out;
	}
	*found += n;
	if (n == 0) {
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (add_referral(s, id, rows[i].referred, "pending",
		    rows[i].evidence, rows[i].key, at, e) < 0)
			goto out;
	if ((st = store_stmt(s, SQL_PENDING_DONE, e)) == NULL)
		goto out;
	BIND_BORROWED(st, 1, norm);
	rc = store_run(s, st, e);
out:
	for (size_t i = 0; i < n; i++) {
		free(rows[i].evidence);
		free(rows[i].key);
	}
	free(rows);
	free(norm);
	return rc;
}

/* full_name - at least two words: "Dana Reyes", not "Dana" */
static bool
full_name(const char *name)
{
	size_t words = 0;

	for (const char *p = name; *p != '\0';) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		words++;
		p += strcspn(p, " \t");
	}
	return words >= 2;
}

/* one_word_of - name is one word and is the first or last word of key */
static bool
one_word_of(const char *name, const char *key)
{
	char *n = store_legacy_norm(name);
	const char *sp = strchr(key, ' ');
	bool ok;

	if (n == NULL || sp == NULL)
		ok = false;
	else
		ok = strchr(n, ' ') == NULL && (strcmp(n, sp + 1) == 0 ||
		    ((size_t)(sp - key) == strlen(n) &&
		    strncmp(n, key, strlen(n)) == 0));
	free(n);
	return ok;
}

/*
 * local_part_links - a new sender whose display name is no full name
 * ("", "Dana"), with an address spelling one pending name ("dreyes@",
 * "danareyes@"; a display word must be one of that name's): link it.
 * Reads the pending names once; only for a sender the store just made.
 */
static int
local_part_links(struct store *s, int64_t id, const char *email,
    const char *name, time_t at, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_PENDING_KEYS, e);
	char key[NAME_KEY_MAX] = "";
	size_t matches = 0, found = 0;
	int step;

	if (st == NULL)
		return -1;
	while ((step = db_step(st)) == DB_ROW) {
		const char *k = db_column_text(st, 0);

		if (k == NULL || !name_key_local_matches(email, k) ||
		    (name != NULL && *name != '\0' && !one_word_of(name, k)))
			continue;
		if (strcmp(k, key) != 0)
			matches++;
		snprintf(key, sizeof(key), "%s", k);
	}
	db_reset(st);
	if (step != DB_DONE)
		return err_set(e, "store: reading pending names failed");
	/* one name only: "dreyes" for both Dana and Dora Reyes is nobody */
	if (matches != 1)
		return 0;
	return link_key(s, id, key, at, &found, e);
}

/*
 * store_link_pending - a person of incoming mail: the pending referrals that
 * name them are theirs.  Their display name answers to every key of
 * name_key_all (and, for stores written before keys, its plain lower
 * case), their address to the name its local part spells ("dana.reyes@");
 * a new sender with no full display name also to "dreyes@" forms.  A
 * single word never links.
 */
int
store_link_pending(struct store *s, int64_t id, const char *name,
    const char *email, bool new_sender, time_t at, struct err *e)
{
	char keys[NAME_KEY_ALL + 3][NAME_KEY_MAX];
	size_t n = 0, found = 0;
	bool full = name != NULL && full_name(name);

	if (name != NULL)
		n = name_key_all(name, keys, NAME_KEY_ALL);
	if (full) {
		char *old = store_legacy_norm(name);

		if (old == NULL)
			return err_set(e, "store: out of memory");
		snprintf(keys[n++], NAME_KEY_MAX, "%s", old);
		free(old);
	}
	if (email != NULL && name_key_local(email, keys[n], NAME_KEY_MAX)) {
		const char *k = keys[n], *sp = strchr(k, ' ');

		if (sp != NULL && snprintf(keys[n + 1], NAME_KEY_MAX, "%s %.*s",
		    sp + 1, (int)(sp - k), k) > 0)
			n++;	/* "reyes.dana@" */
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(keys[i], keys[j]) == 0;
		if (!seen && link_key(s, id, keys[i], at, &found, e) < 0)
			return -1;
		/* a name a contact announced: only someone new, writing */
		if (!seen && new_sender &&
		    store_announce_link(s, id, keys[i], at, e) < 0)
			return -1;
	}
	if (found == 0 && new_sender && !full && email != NULL)
		return local_part_links(s, id, email, name, at, e);
	return 0;
}

/* store_apply_referral - one referral, or a pending one when the referrer has no address */
int
store_apply_referral(struct store *s, const struct facts *f,
    const struct fact_referral *r, time_t at, struct err *e)
{
	int64_t referred, referrer, prior;
	struct db_stmt *st;
	bool created;
	char *norm;
	int rc;

	if (r->referred == NULL || *r->referred == '\0')
		return 0;
	if (r->referrer != NULL && str_eq_case(r->referrer, r->referred))
		return 0;	/* never oneself */
	/* an ignored or forgotten person neither gives nor gets credit */
	if ((rc = store_blocked(s, r->referred, e)) != 0 ||
	    (r->referrer != NULL && *r->referrer != '\0' &&
	    (rc = store_blocked(s, r->referrer, e)) != 0))
		return rc < 0 ? -1 : 0;
	/* people met only in a referral are contacts, customers under incoming */
	if (store_ensure_customer(s, r->referred, NULL, at, store_policy_incoming(s),
	    &referred, &created, NULL, e) < 0)
		return -1;
	if (r->referrer != NULL && *r->referrer != '\0') {
		if (store_ensure_customer(s, r->referrer, r->referrer_name, at,
		    store_policy_incoming(s), &referrer, &created, NULL, e) < 0)
			return -1;
		return add_referral(s, referrer, referred, r->how, r->evidence,
		    f->key, at, e);
	}
	if (r->referrer_name == NULL)
		return 0;
	if ((rc = store_referrer_of(s, referred, &prior, e)) != 0 ||
	    (rc = store_referral_locked(s, referred, e)) != 0)
		return rc < 0 ? -1 : 0;
	if ((norm = store_norm_name(r->referrer_name)) == NULL)
		return err_set(e, "store: out of memory");
	rc = 0;
	if (*norm != '\0') {
		if ((st = store_stmt(s, SQL_ADD_PENDING, e)) == NULL) {
			free(norm);
			return -1;
		}
		BIND_BORROWED(st, 1, norm);
		BIND_BORROWED(st, 2, r->referrer_name);
		db_bind_int64(st, 3, referred);
		BIND_BORROWED(st, 4, r->evidence);
		BIND_BORROWED(st, 5, f->key);
		db_bind_int64(st, 6, (int64_t)at);
		rc = store_run(s, st, e);
	}
	free(norm);
	return rc;
}

/*
 * store_announce_link - a name a contact announced (store_learn.c) is
 * answered by id, writing for the first time: the contact becomes id's
 * referrer, "how" announce, and the name stops waiting
 */
static const char SQL_ANNOUNCED_FOR[] =
    "SELECT referrer_id, evidence, message_key FROM announced"
    " WHERE name_norm = ?1 ORDER BY id LIMIT 1";
static const char SQL_ANNOUNCED_DONE[] =
    "DELETE FROM announced WHERE name_norm = ?1";

int
store_announce_link(struct store *s, int64_t id, const char *key, time_t at,
    struct err *e)
{
	struct db_stmt *st;
	int64_t referrer = 0;
	char *evidence = NULL, *mkey = NULL;
	int step, rc;

	if (key == NULL || *key == '\0' ||
	    (st = store_stmt(s, SQL_ANNOUNCED_FOR, e)) == NULL)
		return key == NULL || *key == '\0' ? 0 : -1;
	BIND_BORROWED(st, 1, key);
	if ((step = db_step(st)) == DB_ROW) {
		referrer = db_column_int64(st, 0);
		evidence = xstrdup(db_column_text(st, 1));
		mkey = xstrdup(db_column_text(st, 2));
	}
	db_reset(st);
	if (step != DB_ROW && step != DB_DONE)
		return err_set(e, "store: reading announced names failed");
	if (step == DB_DONE)
		return 0;
	rc = store_add_referral(s, referrer, id, "announce", evidence, mkey,
	    at, e);
	free(evidence);
	free(mkey);
	if (rc < 0 || (st = store_stmt(s, SQL_ANNOUNCED_DONE, e)) == NULL)
		return -1;
	BIND_BORROWED(st, 1, key);
	return store_run(s, st, e);
}
