/*
 * pipeline - raw bytes -> parse -> classify -> store, for both front doors.
 *
 * SYNOPSIS
 *	#include "app/pipeline.h"
 *
 *	pipeline_init(&p, cfg, rules, store);
 *	if (pipeline_process(&p, data, len, env, &res, &e) < 0) ...
 *	pipeline_result_clear(&res);
 *
 * DESCRIPTION
 *	One message at a time: message_parse within the limits of the
 *	configuration (MaxScanBytes), classify with what the store knows,
 *	store_apply when there is a store, then a summary in struct
 *	pipeline_result for the log line and the X-Clientele header.
 *
 *	pipeline_process is pipeline_classify (parse and classify: no
 *	writes) followed by pipeline_record (the store).  A front door whose
 *	store other threads write (the milter) calls the two itself: it
 *	classifies without its store lock, setting p->lookups so that each
 *	lookup classify makes takes the lock for that lookup alone, and then
 *	records under the lock.  Dependencies go one way: app calls classify
 *	and store, never the other way round.
 *
 *	The summary of an incoming message's sender (category, referrals,
 *	tags) is read back with store_summary, one indexed row; callers that
 *	do not need it (ingest) set skip_summary after pipeline_init to save
 *	even that.  Without a store it comes from the facts alone and has no
 *	category.
 *
 * OWNS
 *	Nothing between calls: the pipeline borrows its config, rules and
 *	store.  Each result owns its strings and facts until
 *	pipeline_result_clear.
 *
 * NEVER
 *	Decides anything about mail or customers itself (classify and the
 *	store do), opens transactions of its own (store_apply does when the
 *	caller has none), or logs: the caller logs once with its own context.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "app/pipeline.h"
#include "store/store_ideal.h"

/* Longest tags string kept in a result (the X-Clientele header). */
#define PIPELINE_MAX_TAGS	((size_t)4096)

/* pipeline_init - borrow cfg, rules and store (NULL: classify only) */
void
pipeline_init(struct pipeline *p, const struct config *cfg,
    const struct rules *rules, struct store *store)
{
	p->cfg = cfg;
	p->rules = rules;
	p->store = store;
	p->skip_summary = false;
	p->valueset = NULL;
	p->lookups = NULL;
	message_limits_default(&p->limits);
	if (cfg != NULL && cfg->max_scan_bytes != 0)
		p->limits.max_bytes = cfg->max_scan_bytes;
}

/* sender_of - the person who wrote an incoming message, or NULL */
static const struct fact_person *
sender_of(const struct facts *f)
{
	if (f->kind != FACTS_INCOMING || f->npeople == 0)
		return NULL;
	for (size_t i = 0; i < f->npeople; i++)
		if (f->people[i].sender)
			return &f->people[i];
	return &f->people[0];
}

/* join_tags - sv (sorted here) as "a,b,c"; NULL when empty or on ENOMEM */
static char *
join_tags(struct strvec *sv)
{
	struct buf b;

	if (sv->n == 0)
		return NULL;
	strvec_sort(sv);
	buf_init(&b, PIPELINE_MAX_TAGS);
	for (size_t i = 0; i < sv->n; i++) {
		if (i > 0 && strcmp(sv->v[i], sv->v[i - 1]) == 0)
			continue;
		if ((i > 0 && buf_putc(&b, ',') < 0) ||
		    buf_puts(&b, sv->v[i]) < 0)
			break;	/* past the cap: keep what fits */
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* from_facts - no store: tags and referrals of the customer from f alone */
static int
from_facts(struct pipeline_result *res, const struct facts *f)
{
	struct strvec tags, referred;
	int rc = 0;

	strvec_init(&tags);
	strvec_init(&referred);
	for (size_t i = 0; i < f->ntags && rc == 0; i++)
		if (f->tags[i].email != NULL &&
		    strcmp(f->tags[i].email, res->customer) == 0 &&
		    !strvec_contains(&tags, f->tags[i].tag))
			rc = strvec_push(&tags, f->tags[i].tag);
	for (size_t i = 0; i < f->nreferrals && rc == 0; i++) {
		const struct fact_referral *r = &f->referrals[i];

		if (r->referrer != NULL && r->referred != NULL &&
		    strcmp(r->referrer, res->customer) == 0 &&
		    !strvec_contains(&referred, r->referred))
			rc = strvec_push(&referred, r->referred);
	}
	if (rc == 0) {
		res->tags = join_tags(&tags);
		res->referrals = (int)referred.n;
	}
	strvec_free(&tags);
	strvec_free(&referred);
	return rc;
}

/* from_store - the customer as the store now has them */
static int
from_store(struct pipeline_result *res, struct store *s, struct err *e)
{
	struct customer c;
	int rc;

	rc = store_summary(s, res->customer, &c, e);
	if (rc <= 0)
		return rc;	/* 0: not recorded (nothing to say) */
	res->category = xstrdup(c.category);
	res->referrals = c.referrals;
	res->prospect = c.prospect;
	res->tags = join_tags(&c.tags);
	customer_clear(&c);
	if (res->category == NULL)
		return err_set(e, "out of memory");
	return 0;
}

/* customer_before - email is a customer (not a prospect): 1, 0, or -1 */
static int
customer_before(struct store *s, const char *email, struct err *e)
{
	struct customer c;
	int rc = store_summary(s, email, &c, e);

	if (rc <= 0)
		return rc;
	rc = c.prospect ? 0 : 1;
	customer_clear(&c);
	return rc;
}

/* What one lookup asks (struct classify_known has one callback each). */
enum lookup_kind {
	LOOKUP_NAME, LOOKUP_CODE, LOOKUP_SURNAME, LOOKUP_CUSTOMER, LOOKUP_LIST,
	LOOKUP_SAID
};

/* LOOKUP_SAID's question and answer, passed as its out (via_said) */
struct said_ask {
	const char *email;		/* to whom the owner wrote */
	struct classify_said said;	/* what the mail said */
};

/*
 * ask - one lookup through k's callback for kind (NULL: nothing known);
 * LOOKUP_SAID's out is a struct said_ask (outlen its size)
 */
static bool
ask(const struct classify_known *k, enum lookup_kind kind, const char *key,
    char *out, size_t outlen)
{
	struct said_ask *q;

	switch (kind) {
	case LOOKUP_NAME:
		return k->email_for_name != NULL &&
		    k->email_for_name(k->ctx, key, out, outlen);
	case LOOKUP_CODE:
		return k->email_for_code != NULL &&
		    k->email_for_code(k->ctx, key, out, outlen);
	case LOOKUP_SURNAME:
		return k->email_for_surname != NULL &&
		    k->email_for_surname(k->ctx, key, out, outlen);
	case LOOKUP_CUSTOMER:
		return k->is_customer != NULL && k->is_customer(k->ctx, key);
	case LOOKUP_LIST:
		return k->is_list != NULL && k->is_list(k->ctx, key);
	case LOOKUP_SAID:
		if (k->owner_said == NULL || outlen != sizeof(struct said_ask))
			return false;
		q = (struct said_ask *)(void *)out;
		return k->owner_said(k->ctx, key, q->email, &q->said);
	}
	return false;
}

/*
 * Something that answers a lookup by its kind: the first member of
 * struct locked_known and struct lookup_memo, so that one set of
 * classify_known callbacks (known_via) serves both.
 */
struct answerer {
	bool (*answer)(struct answerer *a, enum lookup_kind kind,
	    const char *key, char *out, size_t outlen);
};

static bool
via_name(void *ctx, const char *name, char *out, size_t outlen)
{
	struct answerer *a = ctx;

	return a->answer(a, LOOKUP_NAME, name, out, outlen);
}

static bool
via_code(void *ctx, const char *code, char *out, size_t outlen)
{
	struct answerer *a = ctx;

	return a->answer(a, LOOKUP_CODE, code, out, outlen);
}

static bool
via_surname(void *ctx, const char *surname, char *out, size_t outlen)
{
	struct answerer *a = ctx;

	return a->answer(a, LOOKUP_SURNAME, surname, out, outlen);
}

static bool
via_customer(void *ctx, const char *email)
{
	struct answerer *a = ctx;

	return a->answer(a, LOOKUP_CUSTOMER, email, NULL, 0);
}

static bool
via_list(void *ctx, const char *email)
{
	struct answerer *a = ctx;

	return a->answer(a, LOOKUP_LIST, email, NULL, 0);
}

static bool
via_said(void *ctx, const char *key, const char *email,
    struct classify_said *out)
{
	struct answerer *a = ctx;
	struct said_ask q = { email, { 0, false } };
	bool found = a->answer(a, LOOKUP_SAID, key, (char *)(void *)&q,
	    sizeof(q));

	*out = q.said;
	return found;
}

/* known_via - classify's callbacks, each asking a (borrowed) */
static struct classify_known
known_via(struct answerer *a)
{
	return (struct classify_known){ .ctx = a,
	    .email_for_name = via_name, .email_for_code = via_code,
	    .is_customer = via_customer, .email_for_surname = via_surname,
	    .is_list = via_list, .owner_said = via_said };
}

/* The lookups of one message classified against a shared store. */
struct locked_known {
	struct answerer a;	/* first: locked_lookup */
	const struct pipeline_lookups *l;
	time_t as_of;		/* the message's date (store_known_as_of) */
	bool failed;		/* a lookup hit a database error: err says it */
	struct err err;
};

/*
 * locked_lookup - one lookup under the caller's lock, as of the message's
 * date; false when the store is not there (nothing known)
 */
static bool
locked_lookup(struct answerer *a, enum lookup_kind kind, const char *key,
    char *out, size_t outlen)
{
	struct locked_known *k = (struct locked_known *)a;
	struct store *s = k->l->lock(k->l->arg);
	struct classify_known sk;
	bool found = false;

	if (s != NULL) {
		sk = store_known(s);
		store_known_as_of(s, k->as_of);
		found = ask(&sk, kind, key, out, outlen);
		store_known_as_of(s, 0);
		/* the store lock is shared: take this message's failure now */
		if (store_lookup_failure(s, &k->err) < 0)
			k->failed = true;
	}
	k->l->unlock(k->l->arg);
	return found;
}

/*
 * The answers of one message's lookups, so that classify asking the same
 * thing twice (is the sender a customer? the tag rules and the
 * announcement rules both ask) reaches the store once.  It lives on
 * pipeline_classify's stack for one message and no longer: another
 * thread or server may change the store before the next.  A failed
 * lookup is kept by the lookup itself (the store, or struct
 * locked_known) and fails the message however often it is answered
 * from here.  Past MEMO_MAX answers, or a key or an answer longer than
 * MEMO_TEXT, lookups go to the store as before.
 */
#define MEMO_MAX	16
#define MEMO_TEXT	320	/* CL_EMAIL_MAX: a lookup's longest answer */

struct memo_entry {
	enum lookup_kind kind;
	bool found;
	char key[MEMO_TEXT];
	char out[MEMO_TEXT];	/* the answer, when found and a text */
};

struct lookup_memo {
	struct answerer a;		/* first: memo_lookup */
	struct classify_known inner;	/* what answers a new question */
	size_t n;
	struct memo_entry e[MEMO_MAX];
};

/* memo_find - the answer to (kind, key) kept so far, or NULL */
static const struct memo_entry *
memo_find(const struct lookup_memo *m, enum lookup_kind kind, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->e[i].kind == kind && strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	return NULL;
}

/*
 * memo_lookup - (kind, key) from the memo, else from the store and kept;
 * out (outlen bytes, NULL for yes/no lookups) gets a found text answer
 */
static bool
memo_lookup(struct answerer *a, enum lookup_kind kind, const char *key,
    char *out, size_t outlen)
{
	struct lookup_memo *m = (struct lookup_memo *)a;
	const struct memo_entry *hit;
	struct memo_entry *ne;
	size_t n;

	/* classify asks LOOKUP_SAID once a message (cl_owner_said): no
	 * text answer to keep */
	if (kind == LOOKUP_SAID || key == NULL || strlen(key) >= MEMO_TEXT ||
	    outlen > MEMO_TEXT)
		return ask(&m->inner, kind, key, out, outlen);
	if ((hit = memo_find(m, kind, key)) != NULL) {
		if (!hit->found || out == NULL)
			return hit->found;
		/* the store's lookups answer no when the text does not fit */
		if ((n = strlen(hit->out)) >= outlen)
			return false;
		memcpy(out, hit->out, n + 1);
		return true;
	}
	if (m->n == MEMO_MAX)
		return ask(&m->inner, kind, key, out, outlen);
	ne = &m->e[m->n];
	ne->kind = kind;
	memcpy(ne->key, key, strlen(key) + 1);
	ne->out[0] = '\0';
	/* asked with the longest buffer any caller gives: then a "no" holds
	 * for every buffer, and a found text too long for a caller's is a
	 * "no" to that caller, as the store itself answers */
	ne->found = ask(&m->inner, kind, key, out != NULL ? ne->out : NULL,
	    out != NULL ? sizeof(ne->out) : 0);
	ne->out[sizeof(ne->out) - 1] = '\0';
	m->n++;
	return memo_lookup(a, kind, key, out, outlen);
}

/* memo_over - m answers in front of inner; returns the callbacks to use */
static struct classify_known
memo_over(struct lookup_memo *m, struct classify_known inner)
{
	m->a.answer = memo_lookup;
	m->inner = inner;
	m->n = 0;
	return known_via(&m->a);
}

/*
 * memo_sender_known - the memo says f's sender was a customer as of the
 * message's date (then known ever); false: ask the store.  A "no" is not
 * reused: the store may have learnt the sender since.
 */
static bool
memo_sender_known(const struct lookup_memo *m, const struct facts *f)
{
	const struct fact_person *who = sender_of(f);
	const struct memo_entry *hit;

	if (who == NULL || who->email == NULL)
		return false;
	for (size_t i = 0; i < m->n; i++) {
		hit = &m->e[i];
		if (hit->kind == LOOKUP_CUSTOMER && hit->found &&
		    strcasecmp(hit->key, who->email) == 0)
			return true;
	}
	return false;
}

/*
 * pipeline_classify - parse, then classify with what the store knows
 * (through the caller's lock when p->lookups is set).  st is zeroed first
 * and always safe to clear.
 */
int
pipeline_classify(struct pipeline *p, const char *data, size_t len,
    const struct envelope *env, struct pipeline_staged *st, struct err *e)
{
	struct locked_known lk;
	struct lookup_memo memo;
	struct classify_known known;
	struct classify_header head;
	struct message *m;

	memset(st, 0, sizeof(*st));
	m = message_parse_header(data, len, &p->limits, e);
	if (m == NULL)
		return -1;
	/* a newsletter's or auto-reply's body can change nothing: skip it */
	classify_read_header(m, env, p->cfg, &head);
	if ((head.needs_body ||
	    classify_code_hint(m, env, p->cfg, data, len)) &&
	    message_parse_body(m, e) < 0) {
		message_free(m);
		return -1;
	}
	memset(&known, 0, sizeof(known));
	if (p->lookups != NULL) {
		lk.l = p->lookups;
		lk.as_of = m->date;
		lk.failed = false;
		lk.a.answer = locked_lookup;
		known = known_via(&lk.a);
	} else if (p->store != NULL) {
		known = store_known(p->store);
		store_known_as_of(p->store, m->date);
	}
	if (p->lookups != NULL || p->store != NULL)
		known = memo_over(&memo, known);
	st->facts = classify_with(m, env, p->cfg, p->rules, &known, &head);
	if (p->lookups == NULL && p->store != NULL)
		store_known_as_of(p->store, 0);	/* known ever, from here on */
	st->sender_known = st->facts != NULL && known.ctx == &memo.a &&
	    memo_sender_known(&memo, st->facts);
	/*
	 * When it reached the owner: live mail now (or when it was
	 * spooled); history by its top Received: hop, else its Date:.
	 */
	if (st->facts != NULL)
		st->facts->arrived = env != NULL ? (env->received_at != 0 ?
		    env->received_at : time(NULL)) :
		    m->received != 0 ? m->received : m->date;
	st->is_reply = ideal_reply_read(p->valueset, m, &st->reply);
	message_free(m);
	if (st->facts == NULL)
		return err_set(e, "out of memory while classifying");
	/* facts a failed lookup distorted are not recorded (store.h) */
	if (p->lookups != NULL && lk.failed) {
		st->lookup_failed = true;
		st->lookup_err = lk.err;
	}
	return 0;
}

/*
 * known_before - the sender of f was a customer before it is recorded:
 * what classify learnt (sender_known), else asked of s
 */
static bool
known_before(struct store *s, const struct facts *f, bool sender_known)
{
	const struct fact_person *who;
	struct classify_known known;

	if (s == NULL || f->kind != FACTS_INCOMING ||
	    (who = sender_of(f)) == NULL || who->email == NULL)
		return false;
	if (sender_known)
		return true;
	known = store_known(s);
	return known.is_customer != NULL &&
	    known.is_customer(known.ctx, who->email);
}

/*
 * pipeline_record - st's facts into the store (when there is one), then
 * the summary in res, which takes the facts over.
 */
int
pipeline_record(struct pipeline *p, struct pipeline_staged *st,
    struct pipeline_result *res, struct err *e)
{
	const struct fact_person *who;
	struct facts *f = st->facts;
	bool dup = false;
	int was_customer = 0;

	memset(res, 0, sizeof(*res));
	res->facts = f;
	st->facts = NULL;
	if (st->lookup_failed)
		return err_set(e, "%s", st->lookup_err.msg);
	/*
	 * a lookup that failed while classifying against p->store directly:
	 * fail now, before known_before's store_known forgets it
	 */
	if (p->store != NULL && store_lookup_failure(p->store, e) < 0)
		return -1;
	/* known before this message: the milter marks only such senders' mail */
	res->known_before = known_before(p->store, f, st->sender_known);
	/* answers to the value set: was the sender a customer already? */
	if (st->is_reply && p->store != NULL && (who = sender_of(f)) != NULL &&
	    who->email != NULL && (was_customer = customer_before(p->store,
	    who->email, e)) < 0)
		return -1;
	if (p->store != NULL && store_apply(p->store, f, &dup, e) < 0)
		return -1;
	/*
	 * The sender's own verdicts on the owner's values (store_revenue.c):
	 * only from a verified sender, and in reply to the form the owner
	 * sent to that very address, or (the form on the firm's web page)
	 * from someone who was a customer already: anyone can write
	 * "Re: Our values" unasked.
	 */
	if (st->is_reply && p->store != NULL && !dup && !f->unverified &&
	    (who = sender_of(f)) != NULL && who->email != NULL) {
		int asked = store_answers_owner(p->store, f, who->email, e);

		if (asked < 0 || ((asked == 1 || was_customer == 1) &&
		    store_self_assess(p->store, who->email, p->valueset,
		    &st->reply, e) < 0))
			return -1;
	}

	res->kind = f->kind;
	res->duplicate = dup;
	if (f->ignore_reason != NULL &&
	    (res->ignore_reason = strdup(f->ignore_reason)) == NULL)
		return err_set(e, "out of memory");
	if (!dup) {
		res->ntags_added = (int)f->ntags;
		res->nreferrals_added = (int)f->nreferrals;
	}
	if ((who = sender_of(f)) == NULL || who->email == NULL)
		return 0;
	if ((res->customer = strdup(who->email)) == NULL)
		return err_set(e, "out of memory");
	if (p->store != NULL)
		return p->skip_summary ? 0 : from_store(res, p->store, e);
	if (from_facts(res, f) < 0)
		return err_set(e, "out of memory");
	return 0;
}

/* pipeline_summary - res's customer read back after the record (pipeline.h) */
int
pipeline_summary(struct pipeline *p, struct pipeline_result *res,
    struct err *e)
{
	if (p->store == NULL || res->customer == NULL || res->category != NULL)
		return 0;
	return from_store(res, p->store, e);
}

/*
 * pipeline_process - one message through parse, classify and (with a
 * store) store_apply.  res is zeroed first and always safe to clear; it
 * owns what it holds, freed by pipeline_result_clear.  -1 with e set when
 * the bytes are not a message, or on a store or memory failure.
 */
int
pipeline_process(struct pipeline *p, const char *data, size_t len,
    const struct envelope *env, struct pipeline_result *res, struct err *e)
{
	struct pipeline_staged st;

	memset(res, 0, sizeof(*res));
	if (pipeline_classify(p, data, len, env, &st, e) < 0) {
		pipeline_staged_clear(&st);
		return -1;
	}
	return pipeline_record(p, &st, res, e);
}

/* pipeline_staged_clear - free what st holds and zero it */
void
pipeline_staged_clear(struct pipeline_staged *st)
{
	if (st == NULL)
		return;
	facts_free(st->facts);
	memset(st, 0, sizeof(*st));
}

/* pipeline_result_clear - free what res holds (facts too) and zero it */
void
pipeline_result_clear(struct pipeline_result *res)
{
	if (res == NULL)
		return;
	free(res->ignore_reason);
	free(res->customer);
	free(res->category);
	free(res->tags);
	facts_free(res->facts);
	memset(res, 0, sizeof(*res));
}
