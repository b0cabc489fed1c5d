/*
 * store_apply - record the facts of one message, and keep each customer's
 * derived state (referral tags, category, reasons) in step.
 *
 * What it is for: store_apply, called once per message by the pipeline,
 * and the helpers the owner's edits share with it: finding a customer by
 * address, logging digest events, recomputing categories.
 *
 * What it owns: the rules of recording: a message key is applied once; a
 * person has at most one referrer, the first one recorded, and never
 * themselves; a pending referral (a name not yet known) waits in the
 * pending table until someone of that name writes; only incoming mail
 * counts messages and carries tags and referrals, outgoing mail moves the
 * recipients' last contact.
 *
 * What it never does: decide what a message means (classify did that), or
 * touch a category the owner set by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "classify/category.h"
#include "mail/name_key.h"
#include "store_int.h"

static const char SQL_ID_FOR[] =
    "SELECT customer_id FROM addresses WHERE email = ?1";
static const char SQL_REFERRER_OF[] =
    "SELECT referrer_id FROM referrals WHERE referred_id = ?1";
static const char SQL_EVENT[] =
    "INSERT INTO events(at, kind, customer_id, other_id, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_COUNT_MADE[] =
    "SELECT count(*) FROM referrals WHERE referrer_id = ?1";
static const char SQL_SET_TAG_COUNT[] =
    "INSERT INTO tags(customer_id, tag, count, manual) VALUES (?1, ?2, ?3, 0)"
    " ON CONFLICT(customer_id, tag) DO UPDATE SET count = excluded.count";
static const char SQL_DROP_AUTO_TAG[] =
    "DELETE FROM tags WHERE customer_id = ?1 AND tag = ?2 AND manual = 0";
static const char SQL_ZERO_TAG[] =
    "UPDATE tags SET count = 0 WHERE customer_id = ?1 AND tag = ?2";
static const char SQL_STATE[] =
    "SELECT category, category_manual, messages FROM customers WHERE id = ?1";
static const char SQL_TAGS_OF[] =
    "SELECT tag, count, manual FROM tags WHERE customer_id = ?1";
static const char SQL_SET_CATEGORY[] =
    "UPDATE customers SET category = ?2, score = ?3, reasons = ?4"
    " WHERE id = ?1";
static const char SQL_EMAIL_OF[] =
    "SELECT email FROM customers WHERE id = ?1";
static const char SQL_MESSAGE[] =
    "INSERT INTO messages(key, customer_id, kind, date, seen_at, subject,"
    " arrived) VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT(key) DO NOTHING";
static const char SQL_MESSAGE_OWNER[] =
    "UPDATE messages SET customer_id = ?2, facts = ?3 WHERE key = ?1";
static const char SQL_NEW_CUSTOMER[] =
    "INSERT INTO customers(email, name, first_seen, last_seen, customer)"
    " VALUES (?1, ?2, ?3, ?3, ?4) RETURNING id";
static const char SQL_COUNT_COUNTED[] =
    "SELECT count(*) FROM referrals r JOIN customers x ON x.id = r.referred_id"
    " JOIN customers y ON y.id = r.referrer_id"
    " WHERE r.referrer_id = ?1 AND x.customer = 1 AND y.customer = 1";
static const char SQL_UNVERIFIED[] =
    "UPDATE customers SET unverified = unverified + 1,"
    " first_seen = CASE WHEN ?2 < first_seen THEN ?2 ELSE first_seen END,"
    " last_seen = CASE WHEN ?2 > last_seen THEN ?2 ELSE last_seen END"
    " WHERE id = ?1";
static const char SQL_ENQUIRY[] =
    "UPDATE customers SET enquiry_at = ?2, enquiry_subject = ?3"
    " WHERE id = ?1 AND enquiry_at IS NULL AND answered_at IS NULL";
static const char SQL_ANSWERED[] =
    "UPDATE customers SET answered_at ="
    " CASE WHEN ?2 > coalesce(answered_at, 0) THEN ?2"
    " ELSE coalesce(answered_at, 0) END,"
    " enquiry_at = CASE WHEN enquiry_at > ?2 THEN NULL ELSE enquiry_at END"
    " WHERE id = ?1";
static const char SQL_SENT[] =
    "INSERT INTO sent(key, customer_id, at) VALUES (?3, ?1, ?2)"
    " ON CONFLICT DO NOTHING";
static const char SQL_NEW_ADDRESS[] =
    "INSERT INTO addresses(email, customer_id) VALUES (?1, ?2)";
/* a sender's new display name replaces the old one unless it is shorter
 * or all lower case ("Dana" or "dana reyes" never replace "Dana Reyes") */
static const char SQL_SAW_INCOMING[] =
    "UPDATE customers SET"
    " name = CASE WHEN ?2 IS NOT NULL AND ?2 <> '' AND"
    "  (name IS NULL OR name = '' OR (?4 <> 0 AND length(?2) >= length(name)"
    "  AND (?2 <> lower(?2) OR name = lower(name)))) THEN ?2 ELSE name END,"
    " first_seen = CASE WHEN ?3 < first_seen THEN ?3 ELSE first_seen END,"
    " last_seen = CASE WHEN ?3 > last_seen THEN ?3 ELSE last_seen END,"
    " messages = messages + ?4 WHERE id = ?1";
static const char SQL_SAW_OUTGOING[] =
    "UPDATE customers SET"
    " last_seen = CASE WHEN ?2 > last_seen THEN ?2 ELSE last_seen END"
    " WHERE id = ?1";
static const char SQL_TAG_PLUS[] =
    "INSERT INTO tags(customer_id, tag, count, manual) VALUES (?1, ?2, 1, 0)"
    " ON CONFLICT(customer_id, tag) DO UPDATE SET count = tags.count + 1";
static const char SQL_TAG_EVIDENCE[] =
    "INSERT INTO evidence(customer_id, kind, label, text, how, message_key, at)"
    " VALUES (?1, 'tag', ?2, ?3, 'rule', ?4, ?5)";
static const char SQL_REFERRAL[] =
    "INSERT INTO referrals(referred_id, referrer_id, how, evidence,"
    " message_key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_PENDING[] =
    "INSERT INTO pending(name_norm, name, referred_id, evidence, message_key,"
    " at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_PENDING_FOR[] =
    "SELECT referred_id, evidence, message_key FROM pending"
    " WHERE name_norm = ?1 ORDER BY id";
static const char SQL_PENDING_DONE[] =
    "DELETE FROM pending WHERE name_norm = ?1";
static const char SQL_PENDING_KEYS[] =
    "SELECT DISTINCT name_norm FROM pending";

#define BIND_TEXT(st, i, v) db_bind_text((st), (i), (v), -1)

static char *legacy_norm(const char *name);

/* store_problem_tag - the tags `problems` lists */
bool
store_problem_tag(const char *tag)
{
	return tag != NULL && (strcmp(tag, "rude") == 0 ||
	    strcmp(tag, "complaint") == 0 || strcmp(tag, "haggler") == 0 ||
	    strcmp(tag, "slow-payer") == 0);
}

/*
 * store_norm_name - the key a pending name waits under: name_key's
 * "first last" for a full name ("Reyes, Dana M." -> "dana reyes"), else
 * the name in lower case with single spaces ("dana"), which no sender's
 * key ever equals.  Caller frees.
 */
char *
store_norm_name(const char *name)
{
	char key[NAME_KEY_MAX];

	if (name_key(name, key, sizeof(key)))
		return xstrdup(key);
	return legacy_norm(name);
}

/* legacy_norm - "  Dana   REYES " -> "dana reyes": keys of older stores */
static char *
legacy_norm(const char *name)
{
	char *out = malloc(strlen(name) + 1), *o = out;
	bool space = false;

	if (out == NULL)
		return NULL;
	for (const char *p = name; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (char)c;
	}
	*o = '\0';
	return out;
}

/* store_id_for - customer owning email (the index is case-insensitive) */
int
store_id_for(struct store *s, const char *email, int64_t *id,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_ID_FOR, e);

	if (st == NULL)
		return -1;
	if (store_bind_lower(st, 1, email) < 0) {
		db_reset(st);
		return err_set(e, "store: out of memory");
	}
	return store_int_row(s, st, id, e);
}

int
store_referrer_of(struct store *s, int64_t id, int64_t *out,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_REFERRER_OF, e);

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	return store_int_row(s, st, out, e);
}

/* email_of - primary address of id; caller frees; NULL if none or error */
static char *
email_of(struct store *s, int64_t id, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_EMAIL_OF, e);
	char *v = NULL;

	if (st == NULL)
		return NULL;
	db_bind_int64(st, 1, id);
	if (db_step(st) == DB_ROW)
		v = xstrdup(db_column_text(st, 0));
	db_reset(st);
	return v;
}

int
store_touch(struct store *s, int64_t id, struct err *e)
{
	for (size_t i = 0; i < s->ntouched; i++)
		if (s->touched[i] == id)
			return 0;
	if (s->ntouched == s->touched_cap) {
		size_t ncap = s->touched_cap ? s->touched_cap * 2 : 16;
		int64_t *nv = realloc(s->touched, ncap * sizeof(*nv));

		if (nv == NULL)
			return err_set(e, "store: out of memory");
		s->touched = nv;
		s->touched_cap = ncap;
	}
	s->touched[s->ntouched++] = id;
	return 0;
}

/* produced - note in the message's history what it produced ("praise", ...) */
static void
produced(struct store *s, const char *what)
{
	if (s->produced != NULL && what != NULL)
		buf_printf(s->produced, "%s%s", s->produced->len ? " " : "",
		    what);
}

int
store_event(struct store *s, time_t at, const char *kind, int64_t id,
    int64_t other_id, const char *detail, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_EVENT, e);

	if (s->event_arrived != 0)
		at = s->event_arrived;
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, (int64_t)at);
	BIND_TEXT(st, 2, kind);
	db_bind_int64(st, 3, id);
	if (other_id != 0)
		db_bind_int64(st, 4, other_id);
	BIND_TEXT(st, 5, detail);
	return store_run(s, st, e);
}

/* set_tag_count - an automatic tag at n, or gone (a manual one stays at 0) */
static int
set_tag_count(struct store *s, int64_t id, const char *tag,
    int64_t n, struct err *e)
{
	struct db_stmt *st;

	if (n > 0) {
		if ((st = store_stmt(s, SQL_SET_TAG_COUNT, e)) == NULL)
			return -1;
		db_bind_int64(st, 3, n);
	} else {
		if ((st = store_stmt(s, SQL_DROP_AUTO_TAG, e)) == NULL)
			return -1;
		db_bind_int64(st, 1, id);
		BIND_TEXT(st, 2, tag);
		if (store_run(s, st, e) < 0 ||
		    (st = store_stmt(s, SQL_ZERO_TAG, e)) == NULL)
			return -1;
	}
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, tag);
	return store_run(s, st, e);
}

/* store_sync_ref_tags - 'referrer' counts people referred, 'referred' is 1 or gone */
int
store_sync_ref_tags(struct store *s, int64_t id, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_COUNT_MADE, e);
	int64_t made = 0, by = 0;
	int rc;

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	if (store_int_row(s, st, &made, e) < 0 ||
	    (rc = store_referrer_of(s, id, &by, e)) < 0)
		return -1;
	if (set_tag_count(s, id, "referrer", made, e) < 0 ||
	    set_tag_count(s, id, "referred", rc, e) < 0)
		return -1;
	return 0;
}

/* join_reasons - reasons one a line; caller frees */
static char *
join_reasons(const struct strvec *r)
{
	struct buf b;

	buf_init(&b, 64 * 1024);
	for (size_t i = 0; i < r->n; i++)
		if (buf_printf(&b, "%s%s", i ? "\n" : "", r->v[i]) < 0)
			break;
	return buf_steal(&b);
}

/* read_tags - the customer's tags and counts into names/counts */
static int
read_tags(struct store *s, int64_t id, struct strvec *names,
    int **counts, struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_TAGS_OF, e);
	size_t cap = 0;
	int rc;

	*counts = NULL;
	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		int n = (int)db_column_int64(st, 1);

		if ((int)db_column_int64(st, 2) && n < 1)
			n = 1;		/* set by hand: counts once */
		if (names->n == cap) {
			int *nc;

			cap = cap ? cap * 2 : 8;
			if ((nc = realloc(*counts, cap * sizeof(*nc))) == NULL)
				break;
			*counts = nc;
		}
		if (strvec_push(names,
		    db_column_text(st, 0)) < 0)
			break;
		(*counts)[names->n - 1] = n;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc == DB_ROW ? err_set(e, "store: out of memory") :
		    store_dberr(s, e, "read tags");
	return 0;
}

/* store_recompute - category (unless set by hand), score and reasons of id */
int
store_recompute(struct store *s, int64_t id, struct err *e)
{
	struct category_tagcount *tc = NULL;
	struct category_input in = { 0 };
	struct strvec names, reasons;
	int64_t made = 0;
	struct db_stmt *st;
	char old[8] = "", *text = NULL;
	const char *cat;
	int *counts = NULL, manual = 0, rc = -1;

	strvec_init(&names);
	strvec_init(&reasons);
	if ((st = store_stmt(s, SQL_STATE, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return 0;		/* gone (merged or forgotten) */
	}
	if (db_column_text(st, 0) != NULL)
		snprintf(old, sizeof(old), "%s", db_column_text(st, 0));
	manual = (int)db_column_int64(st, 1);
	in.messages = (int)db_column_int64(st, 2);
	db_reset(st);
	/* only referrals between customers make anyone good */
	if ((st = store_stmt(s, SQL_COUNT_COUNTED, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	if (store_int_row(s, st, &made, e) < 0 ||
	    read_tags(s, id, &names, &counts, e) < 0)
		goto out;
	in.referrals = (int)made;
	if (names.n > 0 && (tc = calloc(names.n, sizeof(*tc))) == NULL) {
		err_set(e, "store: out of memory");
		goto out;
	}
	for (size_t i = 0; i < names.n; i++) {
		tc[i].tag = names.v[i];
		tc[i].count = counts[i];
	}
	in.tags = tc;
	in.ntags = names.n;
	if (manual) {
		struct strvec auto_r;

		strvec_init(&auto_r);
		cat = category_compute(&in, &s->weights, &auto_r);
		strvec_free(&auto_r);
		strvec_push(&reasons, "set by the owner");
		{
			char line[64];

			snprintf(line, sizeof(line), "the signals alone say %s",
			    cat);
			strvec_push(&reasons, line);
		}
		cat = old;
	} else {
		cat = category_compute(&in, &s->weights, &reasons);
	}
	text = join_reasons(&reasons);
	if ((st = store_stmt(s, SQL_SET_CATEGORY, e)) == NULL)
		goto out;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, cat);
	db_bind_int64(st, 3, category_score(&in, &s->weights));
	BIND_TEXT(st, 4, text);
	if (store_run(s, st, e) < 0)
		goto out;
	rc = 0;
	if (!manual && strcmp(old, cat) != 0) {
		struct buf b;

		buf_init(&b, 4096);
		buf_printf(&b, "%s -> %s: %s", old, cat, text);
		for (char *p = b.data; p != NULL && *p != '\0'; p++)
			if (*p == '\n')
				*p = ';';
		rc = store_event(s, s->event_at ? s->event_at : time(NULL),
		    "category", id, 0,
		    buf_cstr(&b), e);
		buf_free(&b);
	}
out:
	free(text);
	free(tc);
	free(counts);
	strvec_free(&names);
	strvec_free(&reasons);
	return rc;
}

int
store_recompute_touched(struct store *s, struct err *e)
{
	int rc = 0;

	for (size_t i = 0; i < s->ntouched && rc == 0; i++)
		rc = store_recompute(s, s->touched[i], e);
	s->ntouched = 0;
	return rc;
}

/* policy_incoming - every personal sender is a customer at once */
static bool
policy_incoming(const struct store *s)
{
	return s->cfg != NULL && s->cfg->customer_policy == POLICY_INCOMING;
}

/* ensure_customer - id for email, creating a bare contact if unknown */
static int
ensure_customer(struct store *s, const char *email, const char *name,
    time_t at, bool customer, int64_t *id, bool *created,
    struct err *e)
{
	char *lower = str_lower(email);
	struct db_stmt *st;
	int rc = -1;

	*created = false;
	if (lower == NULL)
		return err_set(e, "store: out of memory");
	if ((rc = store_id_for(s, lower, id, e)) != 0)
		goto out;	/* found, or error */
	rc = -1;
	if ((st = store_stmt(s, SQL_NEW_CUSTOMER, e)) == NULL)
		goto out;
	BIND_TEXT(st, 1, lower);
	if (name != NULL && *name != '\0')
		BIND_TEXT(st, 2, name);
	db_bind_int64(st, 3, (int64_t)at);
	db_bind_int64(st, 4, customer ? 1 : 0);
	if (store_insert_id(s, st, id, e) < 0)
		goto out;
	if ((st = store_stmt(s, SQL_NEW_ADDRESS, e)) == NULL)
		goto out;
	BIND_TEXT(st, 1, lower);
	db_bind_int64(st, 2, *id);
	if (store_run(s, st, e) < 0)
		goto out;
	*created = true;
	rc = 0;
out:
	free(lower);
	return rc < 0 ? -1 : store_touch(s, *id, e);
}

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
	if ((st = store_stmt(s, SQL_REFERRAL, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, referred);
	db_bind_int64(st, 2, referrer);
	BIND_TEXT(st, 3, how);
	BIND_TEXT(st, 4, evidence);
	BIND_TEXT(st, 5, key);
	db_bind_int64(st, 6, (int64_t)at);
	if (store_run(s, st, e) < 0 || store_sync_ref_tags(s, referrer, e) < 0 ||
	    store_sync_ref_tags(s, referred, e) < 0 ||
	    store_touch(s, referrer, e) < 0 || store_touch(s, referred, e) < 0)
		return -1;
	a = email_of(s, referrer, e);
	b = email_of(s, referred, e);
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
	BIND_TEXT(st, 1, norm);
	while ((step = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			if ((nr = realloc(rows, cap * sizeof(*nr))) == NULL)
				break;
			rows = nr;
		}
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
	BIND_TEXT(st, 1, norm);
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
	char *n = legacy_norm(name);
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
 * link_pending - a person of incoming mail: the pending referrals that
 * name them are theirs.  Their display name answers to every key of
 * name_key_all (and, for stores written before keys, its plain lower
 * case), their address to the name its local part spells ("dana.reyes@");
 * a new sender with no full display name also to "dreyes@" forms.  A
 * single word never links.
 */
static int
link_pending(struct store *s, int64_t id, const char *name,
    const char *email, bool new_sender, time_t at, struct err *e)
{
	char keys[NAME_KEY_ALL + 3][NAME_KEY_MAX];
	size_t n = 0, found = 0;
	bool full = name != NULL && full_name(name);

	if (name != NULL)
		n = name_key_all(name, keys, NAME_KEY_ALL);
	if (full) {
		char *old = legacy_norm(name);

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
	}
	if (found == 0 && new_sender && !full && email != NULL)
		return local_part_links(s, id, email, name, at, e);
	return 0;
}

/* run_id_at - st with ?1 = id, ?2 = at, and ?3 = text when not NULL */
static int
run_id_at(struct store *s, const char *sql, int64_t id, time_t at,
    const char *text, struct err *e)
{
	struct db_stmt *st = store_stmt(s, sql, e);

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, (int64_t)at);
	if (text != NULL)
		BIND_TEXT(st, 3, text);
	return store_run(s, st, e);
}

/*
 * see_person - one person of the message: create or update, maybe link
 * pending.  Who is a customer: everyone the owner writes to; under
 * CustomerPolicy incoming every verified person of incoming mail; under
 * two-way (the default) a sender answering in a thread the owner started.
 * Everyone else is a prospect until then.
 */
static int
see_person(struct store *s, const struct facts *f, const struct fact_person *p,
    time_t at, bool owner_thread, int64_t *id, struct err *e)
{
	bool incoming = f->kind == FACTS_INCOMING, created;
	bool sender = incoming && p->sender;
	bool verified = !(incoming && f->unverified);
	bool customer = !incoming || (verified && (policy_incoming(s) ||
	    (sender && owner_thread)));
	struct db_stmt *st;

	if (ensure_customer(s, p->email, verified ? p->name : NULL, at,
	    customer, id, &created, e) < 0)
		return -1;
	if (!created && customer && store_become_customer(s, *id, e) < 0)
		return -1;
	if (created && incoming) {
		char detail[600];

		snprintf(detail, sizeof(detail), "%s: %.500s",
		    sender ? "first message" : "copied in on",
		    f->subject && *f->subject ? f->subject : "(no subject)");
		if (store_event(s, at, "new", *id, 0, detail, e) < 0)
			return -1;
	}
	if (!incoming) {
		/* the owner wrote: an enquiry is answered */
		if (run_id_at(s, SQL_SAW_OUTGOING, *id, at, NULL, e) < 0 ||
		    run_id_at(s, SQL_ANSWERED, *id, at, NULL, e) < 0 ||
		    run_id_at(s, SQL_SENT, *id, at, f->key, e) < 0)
			return -1;
		return 0;
	}
	if (!verified)
		return sender ? run_id_at(s, SQL_UNVERIFIED, *id, at, NULL, e) : 0;
	if ((st = store_stmt(s, SQL_SAW_INCOMING, e)) == NULL)
		return -1;
	BIND_TEXT(st, 2, p->name);
	db_bind_int64(st, 3, (int64_t)at);
	db_bind_int64(st, 4, sender ? 1 : 0);
	db_bind_int64(st, 1, *id);
	if (store_run(s, st, e) < 0)
		return -1;
	/* the first word, not a reply, from someone the owner had not written to */
	if (sender && !owner_thread && f->nthread == 0 &&
	    run_id_at(s, SQL_ENQUIRY, *id, at,
	    f->subject && *f->subject ? f->subject : "(no subject)", e) < 0)
		return -1;
	/* a pending name is linked by a full name only, never a bare one */
	return link_pending(s, *id, p->name, p->email, sender && created, at,
	    e);
}

/* person_id - id of email among the message's people, else from the store */
static int
person_id(struct store *s, const struct facts *f, const int64_t *ids,
    const char *email, int64_t *id, struct err *e)
{
	for (size_t i = 0; i < f->npeople; i++)
		if (ids[i] != 0 && str_eq_case(f->people[i].email, email)) {
			*id = ids[i];
			return 1;
		}
	return store_id_for(s, email, id, e);
}

/* apply_tag - +1 for (customer, tag) in this message, with its evidence */
static int
apply_tag(struct store *s, const struct facts *f, size_t i,
    const int64_t *ids, time_t at, struct err *e)
{
	const struct fact_tag *t = &f->tags[i];
	int64_t id;
	struct db_stmt *st;
	int rc;

	if (t->email == NULL || t->tag == NULL ||
	    strcmp(t->tag, "referrer") == 0 || strcmp(t->tag, "referred") == 0)
		return 0;	/* referral tags follow the referrals table */
	for (size_t j = 0; j < i; j++)
		if (f->tags[j].email && f->tags[j].tag &&
		    str_eq_case(f->tags[j].email, t->email) &&
		    strcmp(f->tags[j].tag, t->tag) == 0)
			return 0;	/* once per message */
	if ((rc = person_id(s, f, ids, t->email, &id, e)) <= 0)
		return rc;	/* nobody to tag */
	if ((st = store_stmt(s, SQL_TAG_PLUS, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, t->tag);
	if (store_run(s, st, e) < 0 ||
	    (st = store_stmt(s, SQL_TAG_EVIDENCE, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	BIND_TEXT(st, 2, t->tag);
	BIND_TEXT(st, 3, t->evidence);
	BIND_TEXT(st, 4, f->key);
	db_bind_int64(st, 5, (int64_t)at);
	if (store_run(s, st, e) < 0 || store_touch(s, id, e) < 0)
		return -1;
	produced(s, t->tag);
	if (store_problem_tag(t->tag)) {
		char detail[600];

		snprintf(detail, sizeof(detail), "%s: %.500s", t->tag,
		    t->evidence ? t->evidence : "");
		return store_event(s, at, "tag", id, 0, detail, e);
	}
	return 0;
}

/* apply_referral - one referral, or a pending one when the referrer has no address */
static int
apply_referral(struct store *s, const struct facts *f,
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
	if (ensure_customer(s, r->referred, NULL, at, policy_incoming(s),
	    &referred, &created, e) < 0)
		return -1;
	if (r->referrer != NULL && *r->referrer != '\0') {
		if (ensure_customer(s, r->referrer, r->referrer_name, at,
		    policy_incoming(s), &referrer, &created, e) < 0)
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
		if ((st = store_stmt(s, SQL_PENDING, e)) == NULL) {
			free(norm);
			return -1;
		}
		BIND_TEXT(st, 1, norm);
		BIND_TEXT(st, 2, r->referrer_name);
		db_bind_int64(st, 3, referred);
		BIND_TEXT(st, 4, r->evidence);
		BIND_TEXT(st, 5, f->key);
		db_bind_int64(st, 6, (int64_t)at);
		rc = store_run(s, st, e);
	}
	free(norm);
	return rc;
}

/* apply_facts - everything a new message says */
static int
apply_facts(struct store *s, const struct facts *f, time_t at, struct err *e)
{
	int64_t *ids, owner = 0;
	struct db_stmt *st;
	struct buf made;
	int rc = -1, blocked, thread = 0;

	if (f->kind == FACTS_INCOMING && !f->unverified &&
	    (thread = store_owner_thread(s, f, e)) < 0)
		return -1;
	if ((ids = calloc(f->npeople + 1, sizeof(*ids))) == NULL)
		return err_set(e, "store: out of memory");
	buf_init(&made, 4096);
	s->produced = &made;
	for (size_t i = 0; i < f->npeople; i++) {
		const struct fact_person *p = &f->people[i];

		if (p->email == NULL || *p->email == '\0')
			continue;
		/* ignored or forgotten: not a contact, whatever the mail says */
		if ((blocked = store_blocked(s, p->email, e)) < 0)
			goto out;
		if (blocked)
			continue;
		if (see_person(s, f, p, at, thread == 1, &ids[i], e) < 0)
			goto out;
		/* whose history it joins: the sender's, or the first recipient's */
		if (owner == 0 && (f->kind != FACTS_INCOMING || p->sender))
			owner = ids[i];
	}
	if (f->kind == FACTS_INCOMING) {
		for (size_t i = 0; i < f->ntags; i++)
			if (apply_tag(s, f, i, ids, at, e) < 0)
				goto out;
		for (size_t i = 0; i < f->nreferrals; i++)
			if (apply_referral(s, f, &f->referrals[i], at, e) < 0)
				goto out;
		if (owner != 0 && f->nsigns_as > 0 && !f->unverified &&
		    store_signs_record(s, owner, f, at, e) < 0)
			goto out;
	}
	if (owner != 0) {
		if ((st = store_stmt(s, SQL_MESSAGE_OWNER, e)) == NULL)
			goto out;
		BIND_TEXT(st, 1, f->key);
		db_bind_int64(st, 2, owner);
		if (made.len > 0)
			BIND_TEXT(st, 3, made.data);
		if (store_run(s, st, e) < 0)
			goto out;
	}
	rc = 0;
out:
	s->produced = NULL;
	buf_free(&made);
	free(ids);
	return rc;
}

/*
 * store_apply - record one message's facts (borrowed).  *duplicate (may be
 * NULL) says the key was already recorded and nothing changed.
 */
int
store_apply(struct store *s, const struct facts *f, bool *duplicate,
    struct err *e)
{
	static const char *const kinds[] = { "incoming", "outgoing",
	    "ignored" };
	time_t at = f->date != 0 ? f->date : time(NULL);
	struct db_stmt *st;
	bool dup = false;
	/*
	 * Inside a transaction a message gets a savepoint, unless the caller
	 * said it will roll back the whole on failure (store_set_guarded).
	 * Ignored mail is one INSERT, atomic by itself, and needs none.
	 */
	bool own_tx = s->depth == 0 || (!s->unguarded &&
	    (f->kind != FACTS_IGNORED || f->list_address != NULL));
	int rc = -1;

	if (duplicate != NULL)
		*duplicate = false;
	if (f->key == NULL || *f->key == '\0')
		return err_set(e, "store: message has no key");
	/* facts classified without what the store could not say */
	if (store_lookup_failure(s, e) < 0)
		return -1;
	if (own_tx && store_tx_enter(s, e) < 0)
		return -1;
	s->ntouched = 0;
	s->event_at = at;
	s->event_arrived = f->arrived;
	if ((st = store_stmt(s, SQL_MESSAGE, e)) == NULL)
		goto out;
	BIND_TEXT(st, 1, f->key);
	BIND_TEXT(st, 2, kinds[f->kind <= FACTS_IGNORED ? f->kind : 2]);
	if (f->date != 0)
		db_bind_int64(st, 3, (int64_t)f->date);
	db_bind_int64(st, 4, (int64_t)time(NULL));
	/* the history keeps subjects of mail that concerns someone only */
	if (f->kind != FACTS_IGNORED)
		BIND_TEXT(st, 5, f->subject);
	if (f->arrived != 0)
		db_bind_int64(st, 6, (int64_t)f->arrived);
	if (store_run(s, st, e) < 0)
		goto out;
	dup = db_changes(s->db) == 0;
	if (!dup && f->kind != FACTS_IGNORED &&
	    (apply_facts(s, f, at, e) < 0 || store_recompute_touched(s, e) < 0))
		goto out;
	/* a list's own address: the owner's posts to it make no contact */
	if (!dup && f->list_address != NULL &&
	    store_learn_list(s, f->list_address, at, e) < 0)
		goto out;
	rc = 0;
out:
	s->ntouched = 0;
	s->event_at = 0;
	s->event_arrived = 0;
	if (own_tx ? store_tx_leave(s, rc == 0, e) < 0 : rc < 0)
		return -1;
	if (duplicate != NULL)
		*duplicate = dup;
	return 0;
}
