/*
 * store_apply - record the facts of one message: claim its key, see its
 * people, count its tags, and hand its referrals on.
 *
 * What it is for: store_apply, called once per message by the pipeline:
 * the message key (applied once), its people created or updated (who is a
 * customer, who a prospect, enquiries and answers, last contact), its tags
 * with their evidence, and what it produced for the customer's history.
 * Referrals and pending names are store_pending.c's; categories and
 * events store_derive.c's.
 *
 * What it owns: the rules of recording a message: a key is applied once;
 * only incoming mail counts messages and carries tags and referrals,
 * outgoing mail moves the recipients' last contact and answers their
 * enquiries, and keeps with each of them what the replies may answer
 * unquoted (facts.said: a figure and a flag, never the text); a From the
 * MTA could not vouch for names, tags and credits nobody; ignored and
 * forgotten people are never contacts.
 *
 * What it never does: decide what a message means (classify did that), or
 * touch a category the owner set by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "classify/revenue.h"
#include "store_int.h"

static const char SQL_MESSAGE[] =
    "INSERT INTO messages(key, customer_id, kind, date, seen_at, subject,"
    " arrived) VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT(key) DO NOTHING";
static const char SQL_MESSAGE_OWNER[] =
    "UPDATE messages SET customer_id = ?2, facts = ?3 WHERE key = ?1";
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
    "INSERT INTO sent(key, customer_id, at, said_minor, said_bill)"
    " VALUES (?3, ?1, ?2, ?4, ?5) ON CONFLICT DO NOTHING";
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
		BIND_BORROWED(st, 3, text);
	return store_run(s, st, e);
}

/*
 * see_sent - the owner's message f went to id, with the figure and bill
 * its replies may answer unquoted (store_known.c reads them back)
 */
static int
see_sent(struct store *s, const struct facts *f, int64_t id, time_t at,
    struct err *e)
{
	struct db_stmt *st = store_stmt(s, SQL_SENT, e);

	if (st == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, (int64_t)at);
	BIND_BORROWED(st, 3, f->key);
	/* a sum past what a payment may be is no price anybody named */
	if (f->said.cents > 0 &&
	    f->said.cents <= (unsigned long long)REVENUE_AMOUNT_MAX)
		db_bind_int64(st, 4, (int64_t)f->said.cents);
	db_bind_int64(st, 5, f->said.bill ? 1 : 0);
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
	bool incoming = f->kind == FACTS_INCOMING, created, is_customer;
	bool sender = incoming && p->sender;
	bool verified = !(incoming && f->unverified);
	bool customer = !incoming || (verified && (store_policy_incoming(s) ||
	    (sender && owner_thread)));
	struct db_stmt *st;

	if (store_ensure_customer(s, p->email, verified ? p->name : NULL, at,
	    customer, id, &created, &is_customer, e) < 0)
		return -1;
	if (customer && !is_customer && store_become_customer(s, *id, e) < 0)
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
		    run_id_at(s, SQL_ANSWERED, *id, at, NULL, e) < 0)
			return -1;
		return see_sent(s, f, *id, at, e);
	}
	if (!verified)
		return sender ? run_id_at(s, SQL_UNVERIFIED, *id, at, NULL, e) : 0;
	if ((st = store_stmt(s, SQL_SAW_INCOMING, e)) == NULL)
		return -1;
	BIND_BORROWED(st, 2, p->name);
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
	return store_link_pending(s, *id, p->name, p->email, sender && created, at,
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
	BIND_BORROWED(st, 2, t->tag);
	if (store_run(s, st, e) < 0 ||
	    (st = store_stmt(s, SQL_TAG_EVIDENCE, e)) == NULL)
		return -1;
	db_bind_int64(st, 1, id);
	BIND_BORROWED(st, 2, t->tag);
	BIND_BORROWED(st, 3, t->evidence);
	BIND_BORROWED(st, 4, f->key);
	db_bind_int64(st, 5, (int64_t)at);
	if (store_run(s, st, e) < 0 || store_touch(s, id, e) < 0)
		return -1;
	store_produced(s, t->tag);
	if (store_problem_tag(t->tag)) {
		char detail[600];

		snprintf(detail, sizeof(detail), "%s: %.500s", t->tag,
		    t->evidence ? t->evidence : "");
		return store_event(s, at, "tag", id, 0, detail, e);
	}
	return 0;
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
			if (store_apply_referral(s, f, &f->referrals[i], at, e) < 0)
				goto out;
		for (size_t i = 0; i < f->nannounced; i++)
			if (store_announce_record(s, f, &f->announced[i], at,
			    e) < 0)
				goto out;
		if (owner != 0 && f->nsigns_as > 0 && !f->unverified &&
		    store_signs_record(s, owner, f, at, e) < 0)
			goto out;
	}
	if (f->kind == FACTS_OUTGOING && store_learn_code(s, f, e) < 0)
		goto out;
	if (owner != 0) {
		if ((st = store_stmt(s, SQL_MESSAGE_OWNER, e)) == NULL)
			goto out;
		BIND_BORROWED(st, 1, f->key);
		db_bind_int64(st, 2, owner);
		if (made.len > 0)
			BIND_BORROWED(st, 3, made.data);
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

/* first_email - the address of the first person apply_facts sees, or NULL */
static const char *
first_email(const struct facts *f)
{
	for (size_t i = 0; i < f->npeople; i++)
		if (f->people[i].email != NULL && *f->people[i].email != '\0')
			return f->people[i].email;
	return NULL;
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
	/* a server may send its writes with the next read (store_backend.h) */
	db_queue_writes(s->db, true);
	s->ntouched = 0;
	s->event_at = at;
	s->event_arrived = f->arrived;
	if ((st = store_stmt(s, SQL_MESSAGE, e)) == NULL)
		goto out;
	BIND_BORROWED(st, 1, f->key);
	BIND_BORROWED(st, 2, kinds[f->kind <= FACTS_IGNORED ? f->kind : 2]);
	if (f->date != 0)
		db_bind_int64(st, 3, (int64_t)f->date);
	db_bind_int64(st, 4, (int64_t)time(NULL));
	/* the history keeps subjects of mail that concerns someone only */
	if (f->kind != FACTS_IGNORED)
		BIND_BORROWED(st, 5, f->subject);
	if (f->arrived != 0)
		db_bind_int64(st, 6, (int64_t)f->arrived);
	if (store_run(s, st, e) < 0)
		goto out;
	/*
	 * What apply_facts asks first (is anyone blocked, who is the first
	 * person), asked before the key's row count: a server answers all in
	 * the one round trip
	 */
	if (f->kind != FACTS_IGNORED &&
	    store_any_blocked(s, first_email(f), e) < 0)
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
	/* what is still queued belongs to this message, failures too */
	if (db_queue_writes(s->db, false) != DB_OK && rc == 0)
		rc = store_dberr(s, e, "step");
	s->ntouched = 0;
	s->event_at = 0;
	s->event_arrived = 0;
	s->probe.valid = false;
	if (own_tx ? store_tx_leave(s, rc == 0, e) < 0 : rc < 0)
		return -1;
	if (duplicate != NULL)
		*duplicate = dup;
	return 0;
}
