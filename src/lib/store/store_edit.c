/*
 * store_edit - the owner's edits: tag, untag, categorize, merge, forget, code.
 *
 * What it is for: the commands that change a customer by hand.  Each edit
 * runs in one transaction (or a savepoint inside the caller's), leaves
 * every derived count consistent (referral tags, categories of the people
 * linked to the one changed) and returns 1 when there is no such customer.
 *
 * What it owns: the meaning of each edit: a manual tag keeps its message
 * count and gains a manual mark; a hand-set category stays until set back
 * to auto; merge keeps one referrer per person and never a self-referral;
 * forget leaves no row that names the person; a referral code is handed
 * out once and never changes.
 *
 * What it never does: guess which customer was meant.  Addresses must be
 * known (any case).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify/category.h"
#include "store_int.h"

/* Letters and digits nobody misreads: no 0/o, 1/l/i. */
static const char code_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
#define CODE_LEN 8

static const char SQL_TAG_MANUAL[] =
    "INSERT INTO tags(customer_id, tag, count, manual) VALUES (?1, ?2, 0, 1)"
    " ON CONFLICT(customer_id, tag) DO UPDATE SET manual = 1";
static const char SQL_TAG_NOTE[] =
    "INSERT INTO evidence(customer_id, kind, label, how, at)"
    " VALUES (?1, 'tag', ?2, 'manual', ?3)";
static const char SQL_UNTAG[] =
    "DELETE FROM tags WHERE customer_id = ?1 AND tag = ?2";
static const char SQL_UNTAG_EVIDENCE[] =
    "DELETE FROM evidence WHERE customer_id = ?1 AND kind = 'tag'"
    " AND label = ?2";
static const char SQL_CATEGORY_OF[] =
    "SELECT category FROM customers WHERE id = ?1";
static const char SQL_SET_MANUAL[] =
    "UPDATE customers SET category = ?2, category_manual = 1 WHERE id = ?1";
static const char SQL_SET_AUTO[] =
    "UPDATE customers SET category_manual = 0 WHERE id = ?1";

/* Merge: each statement binds ?1 = keep, ?2 = other, in this order. */
static const char *const merge_steps[] = {
	"UPDATE addresses SET customer_id = ?1 WHERE customer_id = ?2",
	"UPDATE messages SET customer_id = ?1 WHERE customer_id = ?2",
	/* one person now: what either signed as, less their own addresses */
	"UPDATE signs SET customer_id = ?1 WHERE customer_id = ?2"
	" AND NOT EXISTS (SELECT 1 FROM signs k WHERE k.customer_id = ?1"
	" AND k.email = signs.email)",
	"DELETE FROM signs WHERE customer_id IN (?1, ?2) AND email IN"
	" (SELECT email FROM addresses WHERE customer_id = ?1)",
	"INSERT INTO tags(customer_id, tag, count, manual)"
	" SELECT ?1, tag, count, manual FROM tags WHERE customer_id = ?2"
	" ON CONFLICT(customer_id, tag) DO UPDATE SET"
	" count = tags.count + excluded.count, manual = CASE WHEN"
	" excluded.manual > tags.manual THEN excluded.manual ELSE tags.manual END",
	"DELETE FROM tags WHERE customer_id = ?2",
	"UPDATE evidence SET customer_id = ?1 WHERE customer_id = ?2",
	/* referrals between the two would become self-referrals */
	"DELETE FROM referrals WHERE (referrer_id = ?1 AND referred_id = ?2)"
	" OR (referrer_id = ?2 AND referred_id = ?1)",
	/* a credit set by hand beats one recognised in mail */
	"DELETE FROM referrals WHERE referred_id = ?1"
	" AND (SELECT referral_manual FROM customers WHERE id = ?2) <> 0"
	" AND (SELECT referral_manual FROM customers WHERE id = ?1) = 0",
	"DELETE FROM referrals WHERE referred_id = ?2"
	" AND (SELECT referral_manual FROM customers WHERE id = ?1) <> 0",
	"UPDATE customers SET referral_manual = 1 WHERE id = ?1"
	" AND (SELECT referral_manual FROM customers WHERE id = ?2) <> 0",
	/* other's referrer moves over only if keep has none */
	"UPDATE referrals SET referred_id = ?1 WHERE referred_id = ?2"
	" AND NOT EXISTS (SELECT 1 FROM referrals WHERE referred_id = ?1)",
	"DELETE FROM referrals WHERE referred_id = ?2",
	"UPDATE referrals SET referrer_id = ?1 WHERE referrer_id = ?2",
	"UPDATE pending SET referred_id = ?1 WHERE referred_id = ?2",
	"UPDATE announced SET referrer_id = ?1 WHERE referrer_id = ?2",
	"UPDATE events SET customer_id = ?1 WHERE customer_id = ?2",
	"UPDATE events SET other_id = ?1 WHERE other_id = ?2",
	"UPDATE revenue SET customer_id = ?1 WHERE customer_id = ?2",
	"UPDATE notes SET customer_id = ?1 WHERE customer_id = ?2",
	"UPDATE assessments SET customer_id = ?1 WHERE customer_id = ?2"
	" AND NOT EXISTS (SELECT 1 FROM assessments k WHERE k.customer_id = ?1"
	" AND k.value_key = assessments.value_key"
	" AND k.source = assessments.source)",
	"DELETE FROM assessments WHERE customer_id = ?2",
	"UPDATE customers SET"
	" messages = messages + (SELECT messages FROM customers WHERE id = ?2),"
	" first_seen = (SELECT CASE WHEN o.first_seen < customers.first_seen"
	"  THEN o.first_seen ELSE customers.first_seen END"
	"  FROM customers o WHERE o.id = ?2),"
	" last_seen = (SELECT CASE WHEN o.last_seen > customers.last_seen"
	"  THEN o.last_seen ELSE customers.last_seen END"
	"  FROM customers o WHERE o.id = ?2),"
	" name = coalesce(name, (SELECT name FROM customers WHERE id = ?2))"
	" WHERE id = ?1",
	"DELETE FROM customers WHERE id = ?2",
};

#define FORGET_IN_FACTS \
	"UPDATE messages SET facts = rtrim(replace(replace(facts || ' '," \
	" ':' || a.email || '>', ':(forgotten)>'), '>' || a.email || ' '," \
	" '>(forgotten) '), ' ') FROM addresses a WHERE a.customer_id = ?1" \
	" AND messages.facts LIKE '%' || a.email || '%'"

/* Forget: each statement binds ?1 = the customer. */
static const char *const forget_steps[] = {
	"DELETE FROM messages WHERE customer_id = ?1",
	"DELETE FROM tags WHERE customer_id = ?1",
	"DELETE FROM evidence WHERE customer_id = ?1",
	"DELETE FROM referrals WHERE referrer_id = ?1 OR referred_id = ?1",
	"DELETE FROM pending WHERE referred_id = ?1",
	"DELETE FROM announced WHERE referrer_id = ?1",
	"DELETE FROM events WHERE customer_id = ?1 OR other_id = ?1",
	"DELETE FROM revenue WHERE customer_id = ?1",
	"DELETE FROM assessments WHERE customer_id = ?1",
	/*
	 * Other people's messages name them in what they produced
	 * ("referral:A>B"): the address goes, the fact stays.  One address
	 * per message per run, so twice, for a message naming two of them.
	 */
	FORGET_IN_FACTS,
	FORGET_IN_FACTS,
	/* who signed as them, and what they signed as */
	("DELETE FROM signs WHERE customer_id = ?1 OR email IN"
	 " (SELECT email FROM addresses WHERE customer_id = ?1)"),
	"DELETE FROM addresses WHERE customer_id = ?1",
	"DELETE FROM customers WHERE id = ?1",
};

static const char SQL_CODE_OF[] =
    "SELECT code FROM customers WHERE id = ?1";
/* a code taken already changes nothing (no constraint failure: in
 * PostgreSQL that would abort the transaction) */
static const char SQL_SET_CODE[] =
    "UPDATE customers SET code = ?2 WHERE id = ?1"
    " AND NOT EXISTS (SELECT 1 FROM customers WHERE code = ?2)";
static const char SQL_TAKE_CODE[] =
    "UPDATE customers SET code = NULL WHERE id = ?1";
static const char SQL_GIVE_CODE[] =
    "UPDATE customers SET code = ?2 WHERE id = ?1 AND code IS NULL";
static const char SQL_REFERRED_BY[] =
    "SELECT referred_id FROM referrals WHERE referrer_id = ?1";

/* store_edit_begin - transaction and the customer's id: 1 found, 0 none, -1 error */
int
store_edit_begin(struct store *s, const char *email, int64_t *id,
    struct err *e)
{
	int rc;

	if (email == NULL)
		return err_set(e, "store: no address given");
	if (store_tx_enter(s, e) < 0)
		return -1;
	s->ntouched = 0;
	rc = store_id_for(s, email, id, e);
	/* any edit by hand says the owner knows them: a customer now */
	if (rc == 1 && store_become_customer(s, *id, e) < 0)
		rc = -1;
	if (rc <= 0)
		store_tx_leave(s, rc == 0, e);
	return rc;
}

/* store_edit_pair - see store_int.h */
int
store_edit_pair(struct store *s, const char *email, const char *other,
    int64_t *id, int64_t *oid, const char **unknown, struct err *e)
{
	int rc;

	if (unknown != NULL)
		*unknown = NULL;
	*oid = 0;
	if ((rc = store_edit_begin(s, email, id, e)) <= 0) {
		if (rc == 0 && unknown != NULL)
			*unknown = email;
		return rc;
	}
	if (other == NULL)
		return 1;
	switch (store_id_for(s, other, oid, e)) {
	case 1:
		return 1;
	case 0:
		s->ntouched = 0;
		if (unknown != NULL)
			*unknown = other;	/* email is known, other is not */
		return store_tx_leave(s, true, e) < 0 ? -1 : 0;
	default:
		return store_edit_end(s, -1, e);
	}
}

/*
 * store_edit_end - recompute what was touched, then commit (rc 0) or undo
 * (rc -1): 1 committed, -1 undone or failed (e set)
 */
int
store_edit_end(struct store *s, int rc, struct err *e)
{
	if (rc == 0 && store_recompute_touched(s, e) < 0)
		rc = -1;
	s->ntouched = 0;
	if (store_tx_leave(s, rc == 0, e) < 0)
		return -1;
	return rc == 0 ? 1 : -1;
}

/* store_confirm - the contact owning email is a customer, by the owner's word */
int
store_confirm(struct store *s, const char *email, struct err *e)
{
	int64_t id;
	int rc;

	if ((rc = store_edit_begin(s, email, &id, e)) <= 0)
		return rc;
	return store_edit_end(s, 0, e);
}

/* store_tag - add (manual) or remove a tag on the customer owning email */
int
store_tag(struct store *s, const char *email, const char *tag, bool add,
    struct err *e)
{
	int64_t id;
	struct db_stmt *st;
	int rc;

	if (tag == NULL || *tag == '\0')
		return err_set(e, "store: empty tag");
	if ((rc = store_edit_begin(s, email, &id, e)) <= 0)
		return rc;
	rc = -1;
	if ((st = store_stmt(s, add ? SQL_TAG_MANUAL : SQL_UNTAG, e)) == NULL)
		goto out;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, tag);
	if (store_run(s, st, e) < 0)
		goto out;
	st = store_stmt(s, add ? SQL_TAG_NOTE : SQL_UNTAG_EVIDENCE, e);
	if (st == NULL)
		goto out;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, tag);
	if (add)
		db_bind_int64(st, 3, (int64_t)time(NULL));
	if (store_run(s, st, e) < 0 || store_touch(s, id, e) < 0)
		goto out;
	rc = 0;
out:
	return store_edit_end(s, rc, e);
}

/* store_categorize - set by hand, or NULL to go back to the computed one */
int
store_categorize(struct store *s, const char *email, const char *category,
    struct err *e)
{
	int64_t id;
	struct db_stmt *st;
	char old[8] = "";
	int rc;

	if (category != NULL && !category_valid(category))
		return err_set(e, "store: unknown category \"%.40s\"", category);
	if ((rc = store_edit_begin(s, email, &id, e)) <= 0)
		return rc;
	rc = -1;
	if ((st = store_stmt_id(s, SQL_CATEGORY_OF, id, e)) == NULL)
		goto out;
	if (db_step(st) == DB_ROW && db_column_text(st, 0))
		snprintf(old, sizeof(old), "%s", db_column_text(st, 0));
	db_reset(st);
	if ((st = store_stmt(s, category ? SQL_SET_MANUAL : SQL_SET_AUTO,
	    e)) == NULL)
		goto out;
	db_bind_int64(st, 1, id);
	if (category != NULL)
		BIND_TEXT(st, 2, category);
	if (store_run(s, st, e) < 0 || store_touch(s, id, e) < 0)
		goto out;
	if (category != NULL && strcmp(old, category) != 0) {
		char detail[64];

		snprintf(detail, sizeof(detail), "%s -> %s: set by the owner",
		    old, category);
		if (store_event(s, time(NULL), "category", id, 0, detail,
		    e) < 0)
			goto out;
	}
	rc = 0;
out:
	return store_edit_end(s, rc, e);
}

/* run_steps - each statement of steps with ?1 = a (and ?2 = b when b != 0) */
static int
run_steps(struct store *s, const char *const *steps, size_t n,
    int64_t a, int64_t b, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct db_stmt *st = store_stmt(s, steps[i], e);

		if (st == NULL)
			return -1;
		db_bind_int64(st, 1, a);
		if (b != 0)
			db_bind_int64(st, 2, b);
		if (store_run(s, st, e) < 0)
			return -1;
	}
	return 0;
}

/* move_code - keep gets other's code when it has none of its own */
static int
move_code(struct store *s, int64_t keep, int64_t other,
    struct err *e)
{
	struct db_stmt *st = store_stmt_id(s, SQL_CODE_OF, other, e);
	char *code = NULL;
	int rc = -1;

	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		code = xstrdup(db_column_text(st, 0));
	db_reset(st);
	if (code == NULL)
		return 0;
	if ((st = store_stmt_id(s, SQL_TAKE_CODE, other, e)) == NULL)
		goto out;
	if (store_run(s, st, e) < 0 ||
	    (st = store_stmt(s, SQL_GIVE_CODE, e)) == NULL)
		goto out;
	db_bind_int64(st, 1, keep);
	BIND_TEXT(st, 2, code);
	rc = store_run(s, st, e);
out:
	free(code);
	return rc;
}

/* store_merge - fold other into keep; other's addresses become keep's */
int
store_merge(struct store *s, const char *keep, const char *other,
    const char **unknown, struct err *e)
{
	int64_t k, o, kref = 0, oref = 0;
	int rc;

	if ((rc = store_edit_pair(s, keep, other, &k, &o, unknown, e)) <= 0)
		return rc;
	rc = -1;
	if (other == NULL) {
		err_set(e, "store: merge: no address to merge");
		goto out;
	}
	if (k == o) {
		rc = 0;
		goto out;
	}
	if (store_referrer_of(s, k, &kref, e) < 0 ||
	    store_referrer_of(s, o, &oref, e) < 0 ||
	    move_code(s, k, o, e) < 0 ||
	    run_steps(s, merge_steps, sizeof(merge_steps) /
	    sizeof(merge_steps[0]), k, o, e) < 0 ||
	    store_sync_ref_tags(s, k, e) < 0 || store_touch(s, k, e) < 0)
		goto out;
	if (kref != 0 && kref != o && (store_sync_ref_tags(s, kref, e) < 0 ||
	    store_touch(s, kref, e) < 0))
		goto out;
	if (oref != 0 && oref != k && (store_sync_ref_tags(s, oref, e) < 0 ||
	    store_touch(s, oref, e) < 0))
		goto out;
	rc = 0;
out:
	return store_edit_end(s, rc, e);
}

/* store_forget - erase the customer owning email and fix those linked to them */
int
store_forget(struct store *s, const char *email, struct err *e)
{
	int64_t id, ref = 0, *linked = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *st;
	int rc, step;

	if ((rc = store_edit_begin(s, email, &id, e)) <= 0)
		return rc;
	rc = -1;
	if (store_referrer_of(s, id, &ref, e) < 0 ||
	    (st = store_stmt_id(s, SQL_REFERRED_BY, id, e)) == NULL)
		goto out;
	while ((step = db_step(st)) == DB_ROW) {
		int64_t *nv = mem_grow(linked, n, &cap, sizeof(*nv), 16);

		if (nv == NULL)
			break;
		linked = nv;
		linked[n++] = db_column_int64(st, 0);
	}
	db_reset(st);
	if (step != DB_DONE) {
		err_set(e, "store: forget: cannot read referrals");
		goto out;
	}
	if (run_steps(s, forget_steps, sizeof(forget_steps) /
	    sizeof(forget_steps[0]), id, 0, e) < 0)
		goto out;
	if (ref != 0 && (store_sync_ref_tags(s, ref, e) < 0 ||
	    store_touch(s, ref, e) < 0))
		goto out;
	for (size_t i = 0; i < n; i++)
		if (store_sync_ref_tags(s, linked[i], e) < 0 ||
		    store_touch(s, linked[i], e) < 0)
			goto out;
	rc = 0;
out:
	free(linked);
	return store_edit_end(s, rc, e);
}

/* random_code - CODE_LEN letters of code_alphabet from /dev/urandom */
static int
random_code(char out[CODE_LEN + 1], struct err *e)
{
	const size_t nalpha = sizeof(code_alphabet) - 1;
	const unsigned limit = 256 - 256 % nalpha;	/* no modulo bias */
	unsigned char raw[64];
	size_t got = 0, used = sizeof(raw);
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return err_set(e, "/dev/urandom: %s", strerror(errno));
	while (got < CODE_LEN) {
		if (used == sizeof(raw)) {
			ssize_t r = read(fd, raw, sizeof(raw));

			if (r != (ssize_t)sizeof(raw)) {
				close(fd);
				return err_set(e, "/dev/urandom: short read");
			}
			used = 0;
		}
		if (raw[used] < limit)
			out[got++] = code_alphabet[raw[used] % nalpha];
		used++;
	}
	out[CODE_LEN] = '\0';
	close(fd);
	return 0;
}

/* store_code - the customer's referral code, made on first use; *code is the caller's */
int
store_code(struct store *s, const char *email, char **code, struct err *e)
{
	int64_t id;
	struct db_stmt *st;
	char fresh[CODE_LEN + 1];
	int rc;

	*code = NULL;
	if ((rc = store_edit_begin(s, email, &id, e)) <= 0)
		return rc;
	rc = -1;
	if ((st = store_stmt_id(s, SQL_CODE_OF, id, e)) == NULL)
		goto out;
	if (db_step(st) == DB_ROW && db_column_text(st, 0))
		*code = xstrdup(db_column_text(st, 0));
	db_reset(st);
	for (int tries = 0; *code == NULL && tries < 8; tries++) {
		if (random_code(fresh, e) < 0 ||
		    (st = store_stmt(s, SQL_SET_CODE, e)) == NULL)
			goto out;
		db_bind_int64(st, 1, id);
		BIND_TEXT(st, 2, fresh);
		if (db_step(st) != DB_DONE) {
			store_dberr(s, e, "code");
			db_reset(st);
			goto out;
		}
		if (db_changes(s->db) > 0)
			*code = xstrdup(fresh);
		db_reset(st);
	}
	if (*code == NULL) {
		err_set(e, "store: could not find a free referral code");
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		free(*code);
		*code = NULL;
	}
	return store_edit_end(s, rc, e);
}
