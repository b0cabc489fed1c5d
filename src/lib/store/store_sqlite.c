/*
 * store_sqlite - the SQLite store: open, schema, transactions, lookups.
 *
 * What it is for: opening (or creating) the one database file the milter
 * and the command share, bringing its schema up to date, and the
 * transaction and prepared-statement machinery the other store_*.c files
 * use.  Also the three lookups classify needs (store_known).
 *
 * What it owns: the connection, the statement cache, the schema and its
 * migration steps (PRAGMA user_version counts the steps applied; later
 * issues append steps, never edit old ones).
 *
 * What it never does: build SQL out of customer text (every value is a
 * bound parameter), or write to a file that is not already ours: a file
 * that is not SQLite, or is SQLite with another application id or with
 * tables we did not make, is refused untouched.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "classify/category.h"
#include "mail/name_key.h"
#include "store_int.h"

/*
 * The migration steps.  Step i (from 0) takes user_version i to i + 1.
 * Each runs inside the one transaction that migrates the file.
 */
static const char *const migrations[] = {
	/* v1: customers, what they sent, tags, referrals, digest events */
	"CREATE TABLE customers ("
	" id INTEGER PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE,"		/* primary address, lower case */
	" name TEXT,"
	" category TEXT NOT NULL DEFAULT 'ok',"
	" category_manual INTEGER NOT NULL DEFAULT 0,"
	" score INTEGER NOT NULL DEFAULT 0,"
	" reasons TEXT,"			/* newline-joined sentences */
	" messages INTEGER NOT NULL DEFAULT 0,"
	" first_seen INTEGER NOT NULL,"
	" last_seen INTEGER NOT NULL,"
	" code TEXT UNIQUE);"
	"CREATE INDEX customers_category ON customers(category);"
	"CREATE INDEX customers_last_seen ON customers(last_seen);"
	"CREATE INDEX customers_name ON customers(name COLLATE NOCASE);"
	"CREATE TABLE addresses ("
	" email TEXT PRIMARY KEY COLLATE NOCASE,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE);"
	"CREATE INDEX addresses_customer ON addresses(customer_id);"
	"CREATE TABLE messages ("
	" key TEXT PRIMARY KEY,"
	" customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,"
	" kind TEXT NOT NULL,"
	" date INTEGER,"
	" seen_at INTEGER NOT NULL);"
	"CREATE INDEX messages_customer ON messages(customer_id);"
	"CREATE TABLE tags ("
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" tag TEXT NOT NULL,"
	" count INTEGER NOT NULL DEFAULT 0,"
	" manual INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY (customer_id, tag)) WITHOUT ROWID;"
	"CREATE INDEX tags_tag ON tags(tag, customer_id);"
	"CREATE TABLE evidence ("
	" id INTEGER PRIMARY KEY,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" kind TEXT NOT NULL,"
	" label TEXT,"
	" text TEXT,"
	" how TEXT,"
	" message_key TEXT,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX evidence_customer ON evidence(customer_id, at);"
	"CREATE TABLE referrals ("
	" referred_id INTEGER PRIMARY KEY REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" referrer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" how TEXT,"
	" evidence TEXT,"
	" message_key TEXT,"
	" at INTEGER NOT NULL,"
	" CHECK (referred_id <> referrer_id));"
	"CREATE INDEX referrals_referrer ON referrals(referrer_id, at);"
	"CREATE INDEX referrals_at ON referrals(at);"
	"CREATE TABLE pending ("
	" id INTEGER PRIMARY KEY,"
	" name_norm TEXT NOT NULL,"
	" name TEXT,"
	" referred_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" evidence TEXT,"
	" message_key TEXT,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX pending_name ON pending(name_norm);"
	"CREATE INDEX pending_referred ON pending(referred_id);"
	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" at INTEGER NOT NULL,"
	" kind TEXT NOT NULL,"			/* new, referral, tag, category */
	" customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,"
	" other_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,"
	" detail TEXT);"
	"CREATE INDEX events_at ON events(at);"
	"CREATE INDEX events_customer ON events(customer_id);"
	"CREATE INDEX events_other ON events(other_id);"
	"CREATE TABLE revenue ("
	" id INTEGER PRIMARY KEY,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" amount_minor INTEGER NOT NULL,"
	" currency TEXT,"
	" at INTEGER NOT NULL,"
	" reference TEXT UNIQUE);"
	"CREATE INDEX revenue_customer ON revenue(customer_id, at);"
	"CREATE TABLE assessments ("
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" value_key TEXT NOT NULL,"
	" verdict TEXT NOT NULL,"
	" source TEXT NOT NULL CHECK (source IN ('owner', 'self')),"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (customer_id, value_key, source)) WITHOUT ROWID;",
	/*
	 * v2: what the digest's standing picture reads, kept current by
	 * triggers so that its cost does not grow with the store: customers
	 * per category, and referrals made per customer (with a partial
	 * index for the top referrers).
	 */
	"CREATE TABLE category_counts ("
	" category TEXT PRIMARY KEY,"
	" n INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO category_counts"
	" SELECT category, count(*) FROM customers GROUP BY category;"
	"CREATE TRIGGER customers_count_insert AFTER INSERT ON customers BEGIN"
	" INSERT INTO category_counts VALUES (new.category, 1)"
	"  ON CONFLICT (category) DO UPDATE SET n = n + 1;"
	" END;"
	"CREATE TRIGGER customers_count_delete AFTER DELETE ON customers BEGIN"
	" UPDATE category_counts SET n = n - 1 WHERE category = old.category;"
	" END;"
	"CREATE TRIGGER customers_count_update AFTER UPDATE OF category"
	" ON customers WHEN old.category IS NOT new.category BEGIN"
	" UPDATE category_counts SET n = n - 1 WHERE category = old.category;"
	" INSERT INTO category_counts VALUES (new.category, 1)"
	"  ON CONFLICT (category) DO UPDATE SET n = n + 1;"
	" END;"
	"ALTER TABLE customers ADD COLUMN referrals_made INTEGER NOT NULL"
	" DEFAULT 0;"
	"UPDATE customers SET referrals_made = (SELECT count(*) FROM referrals r"
	" WHERE r.referrer_id = customers.id);"
	"CREATE INDEX customers_referrals ON customers(referrals_made DESC, email)"
	" WHERE referrals_made > 0;"
	"CREATE TRIGGER referrals_made_insert AFTER INSERT ON referrals BEGIN"
	" UPDATE customers SET referrals_made = referrals_made + 1"
	"  WHERE id = new.referrer_id;"
	" END;"
	"CREATE TRIGGER referrals_made_delete AFTER DELETE ON referrals BEGIN"
	" UPDATE customers SET referrals_made = referrals_made - 1"
	"  WHERE id = old.referrer_id;"
	" END;"
	"CREATE TRIGGER referrals_made_update AFTER UPDATE OF referrer_id"
	" ON referrals WHEN old.referrer_id IS NOT new.referrer_id BEGIN"
	" UPDATE customers SET referrals_made = referrals_made - 1"
	"  WHERE id = old.referrer_id;"
	" UPDATE customers SET referrals_made = referrals_made + 1"
	"  WHERE id = new.referrer_id;"
	" END;",
	/*
	 * v3: the owner in control.  A referral credit set by hand is final
	 * (customers.referral_manual); each message keeps its subject, when
	 * it arrived and what it produced, for `show`; the owner's notes;
	 * addresses and domains never to be a contact (ignores); salted
	 * hashes of forgotten addresses (tombstones), whose salt lives in
	 * the store and nowhere else.
	 */
	"ALTER TABLE customers ADD COLUMN referral_manual INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE messages ADD COLUMN subject TEXT;"
	"ALTER TABLE messages ADD COLUMN arrived INTEGER;"
	"ALTER TABLE messages ADD COLUMN facts TEXT;"
	"CREATE TABLE notes ("
	" id INTEGER PRIMARY KEY,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" text TEXT NOT NULL,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX notes_customer ON notes(customer_id, id);"
	"CREATE TABLE ignores ("
	" pattern TEXT PRIMARY KEY,"		/* lower case: a@b or @domain */
	" reason TEXT,"
	" at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE tombstones ("
	" hash TEXT PRIMARY KEY,"		/* hex SHA-256 of salt:address */
	" at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE tombstone_salt (value TEXT NOT NULL);"
	"INSERT INTO tombstone_salt VALUES (lower(hex(randomblob(16))));",
	/*
	 * v4: what each digest sent covered, so that the next one starts
	 * where it stopped (store_digest_plan, store_digest_mark).
	 */
	"CREATE TABLE digests ("
	" id INTEGER PRIMARY KEY,"
	" sent_at INTEGER NOT NULL,"
	" since INTEGER NOT NULL,"
	" until INTEGER NOT NULL,"
	" after_event INTEGER NOT NULL,"
	" upto_event INTEGER NOT NULL);",
	/*
	 * v5: contacts and customers (CustomerPolicy).  `customer` is 1 for a
	 * customer and 0 for a prospect; rows recorded before this step were
	 * made under the old rule (every sender a customer) and stay
	 * customers.  `unverified` counts messages whose From the MTA could
	 * not vouch for; enquiry_* is the first personal message of a
	 * contact the owner had not written to, answered_at the owner's last
	 * mail to them.  `sent` pairs the owner's messages with their
	 * recipients (replies to the value-set form); `lists` holds the
	 * addresses of mailing lists, which the owner's posts never make
	 * contacts.
	 */
	"ALTER TABLE customers ADD COLUMN customer INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE customers ADD COLUMN unverified INTEGER NOT NULL"
	" DEFAULT 0;"
	"ALTER TABLE customers ADD COLUMN enquiry_subject TEXT;"
	"ALTER TABLE customers ADD COLUMN enquiry_at INTEGER;"
	"ALTER TABLE customers ADD COLUMN answered_at INTEGER;"
	"CREATE INDEX customers_enquiry ON customers(enquiry_at)"
	" WHERE enquiry_at IS NOT NULL;"
	"CREATE TABLE sent ("
	" key TEXT NOT NULL,"
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (key, customer_id)) WITHOUT ROWID;"
	"CREATE INDEX sent_customer ON sent(customer_id);"
	"CREATE TABLE lists ("
	" email TEXT PRIMARY KEY COLLATE NOCASE,"
	" at INTEGER NOT NULL) WITHOUT ROWID;",
	/*
	 * v6: a customer whose own signature names another address
	 * (facts.signs_as): the same person, suggested by `duplicates`,
	 * never merged by itself.  `email` need not be anyone's yet; forget
	 * removes the rows naming the forgotten person's addresses.
	 */
	"CREATE TABLE signs ("
	" customer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" email TEXT NOT NULL COLLATE NOCASE,"
	" message_key TEXT,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (customer_id, email)) WITHOUT ROWID;"
	"CREATE INDEX signs_email ON signs(email);",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static const char SQL_COUNT_TABLES[] =
    "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'";

/* store_dberr - e from the connection's last error */
int
store_dberr(struct store *s, struct err *e, const char *what)
{
	if (s->db != NULL)
		s->last_rc = sqlite3_extended_errcode(s->db);
	return err_set(e, "store: %s: %s", what,
	    s->db ? sqlite3_errmsg(s->db) : "no database");
}

/* store_stmt - cached statement for a static sql string (see store_int.h) */
sqlite3_stmt *
store_stmt(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < s->nstmts; i++) {
		if (s->stmts[i].sql == sql) {
			st = s->stmts[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL) != SQLITE_OK) {
		store_dberr(s, e, "prepare");
		return NULL;
	}
	if (s->nstmts == STORE_MAX_STMTS) {
		/* more distinct statements than the cache was sized for */
		sqlite3_finalize(st);
		err_set(e, "store: statement cache full");
		return NULL;
	}
	s->stmts[s->nstmts].sql = sql;
	s->stmts[s->nstmts].st = st;
	s->nstmts++;
	return st;
}

/* store_run - step to the end; 0 or -1 */
int
store_run(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_dberr(s, e, "step");
	return 0;
}

/* store_int_row - first integer of the first row */
int
store_int_row(struct store *s, sqlite3_stmt *st, sqlite3_int64 *out,
    struct err *e)
{
	int rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return store_dberr(s, e, "query");
}

/* store_exec - constant SQL only */
int
store_exec(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;

	if ((s->last_rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg)) !=
	    SQLITE_OK) {
		err_set(e, "store: %s", msg ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/*
 * err_prefix - "PREFIX (what e said)", dropping the "store: step: " e
 * starts with; e may be NULL.  Returns -1.
 */
static int
err_prefix(struct err *e, const char *prefix)
{
	char why[sizeof(e->msg)];
	const char *p = why;

	if (e == NULL)
		return -1;
	memcpy(why, e->msg, sizeof(why));
	if (strncmp(p, "store: ", 7) == 0)
		p += 7;
	if (strncmp(p, "step: ", 6) == 0)
		p += 6;
	return err_set(e, "%s (%.400s)", prefix, p);
}

/*
 * Transactions: BEGIN IMMEDIATE at depth 0, savepoints inside.  Live mail
 * runs one transaction per message, so these statements, like the
 * savepoints, are prepared once and not parsed again for every message.
 */
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";

int
store_begin(struct store *s, struct err *e)
{
	if (s->depth == 0) {
		s->last_rc = SQLITE_OK;
		if (store_run(s, store_stmt(s, SQL_BEGIN, e), e) < 0)
			return err_prefix(e, "store: cannot start a "
			    "transaction");
		s->any_blocked = -1;	/* another process may have ignored someone */
	}
	s->depth++;
	return 0;
}

int
store_commit(struct store *s, struct err *e)
{
	if (s->depth <= 0)
		return err_set(e, "store: commit without a transaction");
	if (s->depth == 1 &&
	    store_run(s, store_stmt(s, SQL_COMMIT, e), e) < 0) {
		store_rollback(s);
		return err_prefix(e, "store: commit failed, nothing of it "
		    "recorded");
	}
	s->depth--;
	return 0;
}

/* store_rollback - abandon the whole transaction, however deep */
void
store_rollback(struct store *s)
{
	if (s == NULL || s->depth == 0)
		return;
	if (sqlite3_get_autocommit(s->db) == 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->depth = 0;
}

/*
 * store_fatal - the primary result codes after which nothing more can be
 * recorded in this run: the disk, the file or the lock is the trouble,
 * not the message.
 */
bool
store_fatal(const struct store *s)
{
	if (s == NULL || s->db == NULL)
		return true;
	switch (s->last_rc & 0xff) {
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_NOMEM:
	case SQLITE_READONLY:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CANTOPEN:
	case SQLITE_PROTOCOL:
		return true;
	default:
		/* SQLite rolled the caller's transaction back under it */
		return s->depth > 0 && sqlite3_get_autocommit(s->db) != 0;
	}
}

void
store_set_guarded(struct store *s, bool guarded)
{
	s->unguarded = !guarded;
}

/* Savepoints run once per ingested message: prepared once, not parsed each time. */
static const char SQL_SAVEPOINT[] = "SAVEPOINT clientele_edit";
static const char SQL_RELEASE[] = "RELEASE clientele_edit";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO clientele_edit";

/* savepoint_run - one of the statements above; 0 or -1 */
static int
savepoint_run(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, sql, e);

	return st == NULL ? -1 : store_run(s, st, e);
}

int
store_tx_enter(struct store *s, struct err *e)
{
	if (s->depth == 0)
		return store_begin(s, e);
	if (savepoint_run(s, SQL_SAVEPOINT, e) < 0)
		return -1;
	s->depth++;
	return 0;
}

/* store_tx_leave - commit or undo what store_tx_enter started */
int
store_tx_leave(struct store *s, bool ok, struct err *e)
{
	if (s->depth == 1) {
		if (ok)
			return store_commit(s, e);
		store_rollback(s);
		return -1;
	}
	if (s->depth <= 0)
		return -1;
	s->depth--;
	if (!ok) {
		savepoint_run(s, SQL_ROLLBACK_TO, NULL);
		savepoint_run(s, SQL_RELEASE, NULL);
		return -1;
	}
	return savepoint_run(s, SQL_RELEASE, e);
}

/* pragma_int - value of an integer PRAGMA (constant SQL) */
static int
pragma_int(struct store *s, const char *sql, sqlite3_int64 *out,
    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_dberr(s, e, "read the file header");
	rc = store_int_row(s, st, out, e);
	sqlite3_finalize(st);
	if (rc == 0)
		*out = 0;
	return rc < 0 ? -1 : 0;
}

/*
 * check_header - the file's first bytes: 1 SQLite, 0 empty, -1 foreign
 * (e set).  Done before SQLite touches it, so nothing is ever written to a
 * file that is not a database.
 */
static int
check_header(const char *path, struct err *e)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (n == 0)
		return 0;
	if ((size_t)n < sizeof(head) || memcmp(head, magic, sizeof(head)) != 0)
		return err_set(e, "%s: not a SQLite database; refusing to use "
		    "it", path);
	return 1;
}

/* migrate - bring the schema to NMIGRATIONS in one transaction */
static int
migrate(struct store *s, const char *path, struct err *e)
{
	sqlite3_int64 version, appid, ntables;
	char sql[80];

	if (store_exec(s, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	if (pragma_int(s, "PRAGMA application_id", &appid, e) < 0 ||
	    pragma_int(s, "PRAGMA user_version", &version, e) < 0 ||
	    pragma_int(s, SQL_COUNT_TABLES, &ntables, e) < 0)
		goto fail;
	if (appid == 0 && version == 0 && ntables > 0) {
		err_set(e, "%s: a SQLite database of another application; "
		    "refusing to use it", path);
		goto fail;
	}
	for (int v = (int)version; v < NMIGRATIONS; v++) {
		if (store_exec(s, migrations[v], e) < 0) {
			char why[sizeof(e->msg)];

			memcpy(why, e->msg, sizeof(why));
			err_set(e, "%s: migration to version %d: %.400s", path,
			    v + 1, why);
			goto fail;
		}
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; "
	    "PRAGMA user_version = %d", STORE_APPLICATION_ID, NMIGRATIONS);
	if (store_exec(s, sql, e) < 0 || store_exec(s, "COMMIT", e) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * check_identity - is the open file ours, and how far behind is it?  Only
 * reads: *behind says the caller must migrate (never when readonly).
 */
static int
check_identity(struct store *s, const char *path, bool readonly,
    bool *behind, struct err *e)
{
	sqlite3_int64 appid, version, ntables;

	if (pragma_int(s, "PRAGMA application_id", &appid, e) < 0 ||
	    pragma_int(s, "PRAGMA user_version", &version, e) < 0 ||
	    pragma_int(s, SQL_COUNT_TABLES, &ntables, e) < 0) {
		char why[sizeof(e->msg)];

		memcpy(why, e->msg, sizeof(why));
		return err_set(e, "%s: unreadable or corrupt database (%.400s)",
		    path, why);
	}
	if (appid != STORE_APPLICATION_ID && !(appid == 0 && ntables == 0))
		return err_set(e, "%s: a SQLite database of another "
		    "application; refusing to use it", path);
	if (version > NMIGRATIONS)
		return err_set(e, "%s: schema version %lld is newer than this "
		    "clientele (%d); upgrade clientele", path, (long long)version,
		    NMIGRATIONS);
	*behind = version < NMIGRATIONS;
	if (*behind && readonly)
		return err_set(e, "%s: schema version %lld needs an "
		    "upgrade; open it once with write access", path,
		    (long long)version);
	return 0;
}

/* create_file - a new empty file, mode 0600, never clobbering one */
static int
create_file(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return err_set(e, "%s: cannot create: %s", path,
		    strerror(errno));
	close(fd);
	return 0;
}

/*
 * sqlite_setup - process-wide settings, before SQLite's first use.  Its
 * memory statistics take a global mutex around every allocation (about
 * 80 per ingested message); nothing here reads them.  Too late (SQLite
 * already started by someone else) is harmless: the call just fails.
 */
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

static void
sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/*
 * Reading without write access.  A WAL database needs its "-shm" index
 * to be read: SQLite creates it next to the file when the first
 * connection opens and, by default, deletes it (and "-wal") when the last
 * one closes.  A reader that may not write the directory (the digest unit
 * with a read-only /var/lib/clientele, or another user) then fails with
 * "unable to open database file" whenever no writer is running.  So
 * writers keep both files (SQLITE_FCNTL_PERSIST_WAL; the "-wal" is cut to
 * nothing at close by journal_size_limit), and a reader that still cannot
 * open the index falls back, when the "-wal" is missing or empty (every
 * commit is then in the main file), to reading the main file alone
 * (immutable=1).  A writer that starts during such a read may make a
 * report miss its newest messages; the file is never written that way.
 */
#define STORE_WAL_LIMIT 67108864	/* bytes: 64 MiB */
#define STORE_STR2(x) #x
#define STORE_STR(x) STORE_STR2(x)

/* wal_is_empty - no "-wal" file next to path, or an empty one */
static bool
wal_is_empty(const char *path)
{
	char wal[4096];
	struct stat sb;
	int n = snprintf(wal, sizeof(wal), "%s-wal", path);

	if (n < 0 || (size_t)n >= sizeof(wal))
		return false;
	if (stat(wal, &sb) < 0)
		return errno == ENOENT;
	return S_ISREG(sb.st_mode) && sb.st_size == 0;
}

/*
 * immutable_uri - "file:PATH?mode=ro&immutable=1" with PATH
 * percent-encoded; -1 when it does not fit.
 */
static int
immutable_uri(const char *path, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	if (outlen < 64)
		return -1;
	memcpy(out, "file:", 5);
	o = 5;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (o + 4 >= outlen)
			return -1;
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '/' || *p == '.' ||
		    *p == '-' || *p == '_' || *p == '~') {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	if (o + sizeof("?mode=ro&immutable=1") > outlen)
		return -1;
	memcpy(out + o, "?mode=ro&immutable=1", sizeof("?mode=ro&immutable=1"));
	return 0;
}

/* open_db - sqlite3_open_v2 into s->db; -1 with e set */
static int
open_db(struct store *s, const char *name, int oflags, const char *path,
    struct err *e)
{
	if (sqlite3_open_v2(name, &s->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		err_set(e, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) :
		    "cannot open");
		return -1;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	return store_revenue_functions(s, e);
}

/*
 * open_readonly - a read-only connection that works without write access
 * to the directory (see above); checks the file is ours.  -1 with e set.
 */
static int
open_readonly(struct store *s, const char *path, bool *behind, struct err *e)
{
	char uri[8192];
	int code;

	if (open_db(s, path, SQLITE_OPEN_READONLY, path, e) == 0 &&
	    check_identity(s, path, true, behind, e) == 0)
		return 0;
	code = s->db != NULL ? sqlite3_errcode(s->db) & 0xff : SQLITE_CANTOPEN;
	if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY)
		return -1;
	sqlite3_close(s->db);
	s->db = NULL;
	if (!wal_is_empty(path)) {
		return err_set(e, "%s: cannot read it without write access to "
		    "its directory while its log %s-wal holds changes not yet "
		    "merged (a writer runs, or stopped uncleanly); read it as "
		    "the user that writes it", path, path);
	}
	if (immutable_uri(path, uri, sizeof(uri)) < 0)
		return err_set(e, "%s: path too long", path);
	if (open_db(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path,
	    e) < 0)
		return -1;
	return check_identity(s, path, true, behind, e);
}

/*
 * store_open - open path (creating it with STORE_CREATE); cfg is borrowed
 * for the store's lifetime.  The caller frees the result with store_close.
 */
struct store *
store_open(const char *path, const struct config *cfg, int flags,
    struct err *e)
{
	bool readonly = (flags & STORE_READONLY) != 0, behind = false;
	struct err scratch;
	struct store *s;
	struct stat sb;
	int hdr;

	if (e == NULL)
		e = &scratch;
	if (path == NULL || *path == '\0') {
		err_set(e, "store: no database path");
		return NULL;
	}
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE) || readonly) {
			err_set(e, "%s: %s", path, strerror(errno));
			return NULL;
		}
		if (create_file(path, e) < 0)
			return NULL;
	} else if (!S_ISREG(sb.st_mode)) {
		err_set(e, "%s: not a regular file", path);
		return NULL;
	}
	if ((hdr = check_header(path, e)) < 0)
		return NULL;
	if (hdr == 0 && readonly) {
		err_set(e, "%s: empty database", path);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		err_set(e, "store: out of memory");
		return NULL;
	}
	s->cfg = cfg;
	s->flags = flags;
	s->any_blocked = -1;
	if (cfg != NULL)
		s->weights = cfg->weights;
	else
		category_weights_default(&s->weights);
	pthread_once(&sqlite_once, sqlite_setup);
	if (readonly) {
		if (open_readonly(s, path, &behind, e) < 0)
			goto fail;
	} else {
		int persist = 1;

		if (open_db(s, path, SQLITE_OPEN_READWRITE, path, e) < 0 ||
		    check_identity(s, path, false, &behind, e) < 0)
			goto fail;
		/* keep -wal and -shm for readers without write access */
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &persist);
	}
	/*
	 * Statement journals and sorter spills stay in memory: on disk they
	 * cost about ten small writes per ingested message.  WAL comes before
	 * the schema is created or upgraded, which then costs no fsync in
	 * bulk mode (a rollback journal took eight, a tenth of a second on
	 * some disks), and only after the file is known to be ours.
	 */
	if (store_exec(s, "PRAGMA foreign_keys = ON", e) < 0 ||
	    store_exec(s, "PRAGMA temp_store = MEMORY", e) < 0)
		goto fail;
	if (!readonly && (store_exec(s, (flags & STORE_BULK) ?
	    "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL", e) < 0 ||
	    store_exec(s, "PRAGMA journal_mode = WAL", e) < 0 ||
	    store_exec(s, "PRAGMA journal_size_limit = "
	    STORE_STR(STORE_WAL_LIMIT), e) < 0))
		goto fail;
	if (behind && migrate(s, path, e) < 0)
		goto fail;
	return s;
fail:
	store_close(s);
	return NULL;
}

/* store_close - roll back anything unfinished, free the statements, close */
void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL)
		store_rollback(s);
	for (size_t i = 0; i < s->nstmts; i++)
		sqlite3_finalize(s->stmts[i].st);
	if (s->db != NULL)
		sqlite3_close(s->db);
	free(s->touched);
	free(s);
}

/* store_set_busy_timeout - lock wait for later statements, in ms */
void
store_set_busy_timeout(struct store *s, int ms)
{
	if (s != NULL && s->db != NULL)
		sqlite3_busy_timeout(s->db, ms);
}

/* copy_out - column 0 of st into out if it fits */
static bool
copy_out(sqlite3_stmt *st, char *out, size_t outlen)
{
	const unsigned char *v = sqlite3_column_text(st, 0);
	size_t n;

	if (v == NULL)
		return false;
	n = strlen((const char *)v);
	if (n + 1 > outlen)
		return false;
	memcpy(out, v, n + 1);
	return true;
}

/* lookup_text - bind one text, copy the first row's text column 0 */
static bool
lookup_text(struct store *s, const char *sql, const char *arg, char *out,
    size_t outlen)
{
	sqlite3_stmt *st;
	bool found = false;
	struct err e;

	if (arg == NULL || (st = store_stmt(s, sql, &e)) == NULL)
		return false;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_ROW)
		found = copy_out(st, out, outlen);
	sqlite3_reset(st);
	return found;
}

static const char SQL_EMAIL_FOR_NAME[] =
    "SELECT email FROM customers WHERE name = ?1 COLLATE NOCASE"
    " ORDER BY messages DESC, email LIMIT 1";
static const char SQL_EMAIL_FOR_CODE[] =
    "SELECT email FROM customers WHERE code = lower(?1)";
static const char SQL_EMAIL_FOR_SURNAME[] =
    "SELECT min(email) FROM customers WHERE name LIKE '% ' || ?1"
    " HAVING count(*) = 1";
static const char SQL_IS_CUSTOMER[] =
    "SELECT email FROM addresses WHERE email = ?1";
/* known by the time of the message being classified (ingest may read the
 * Sent folder, dated later, before the inbox) */
static const char SQL_IS_CUSTOMER_AT[] =
    "SELECT a.email FROM addresses a JOIN customers c ON c.id = a.customer_id"
    " WHERE a.email = ?1 AND c.first_seen <= ?2";
static const char SQL_IS_LIST[] =
    "SELECT email FROM lists WHERE email = ?1";

/* at most this many people who share a word of a name are compared */
#define NAME_CANDIDATES 64

static const char SQL_NAME_CANDIDATES[] =
    "SELECT email, name FROM customers WHERE name LIKE '%' || ?1 || '%'"
    " OR email LIKE '%' || ?1 || '%' LIMIT 64";

/* answers_to - a person (email, name) answers to the key of a mention */
static bool
answers_to(const char *email, const char *name, const char *key)
{
	char keys[NAME_KEY_ALL + 2][NAME_KEY_MAX];
	size_t n = name != NULL ? name_key_all(name, keys, NAME_KEY_ALL) : 0;

	if (name_key_local(email, keys[n], NAME_KEY_MAX)) {
		const char *k = keys[n], *sp = strchr(k, ' ');

		if (sp != NULL && snprintf(keys[n + 1], NAME_KEY_MAX, "%s %.*s",
		    sp + 1, (int)(sp - k), k) > 0)
			n++;
		n++;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

/*
 * known_email_for_name - the person a mentioned name is: exactly their
 * name, else the one person whose name or address answers to its key
 * (name_key: "Dana Reyes" finds "Reyes, Dana", "Dana M. Reyes", "REYES
 * Dana" and dana.reyes@).  Candidates share the surname's letters, at
 * most NAME_CANDIDATES of them; two people answering is nobody.
 */
static bool
known_email_for_name(void *ctx, const char *name, char *out, size_t outlen)
{
	struct store *s = ctx;
	char key[NAME_KEY_MAX], found[STORE_MAX_TEXT] = "";
	const char *last;
	sqlite3_stmt *st;
	struct err e;
	bool one = true;

	if (lookup_text(ctx, SQL_EMAIL_FOR_NAME, name, out, outlen))
		return true;
	if (name == NULL || !name_key(name, key, sizeof(key)) ||
	    (last = strrchr(key, ' ')) == NULL || strlen(last + 1) < 2 ||
	    (st = store_stmt(s, SQL_NAME_CANDIDATES, &e)) == NULL)
		return false;
	sqlite3_bind_text(st, 1, last + 1, -1, SQLITE_TRANSIENT);
	while (one && sqlite3_step(st) == SQLITE_ROW) {
		const char *em = (const char *)sqlite3_column_text(st, 0);
		const char *nm = (const char *)sqlite3_column_text(st, 1);

		if (em == NULL || !answers_to(em, nm, key))
			continue;
		if (found[0] != '\0' && strcmp(found, em) != 0)
			one = false;
		snprintf(found, sizeof(found), "%s", em);
	}
	sqlite3_reset(st);
	if (!one || found[0] == '\0' || strlen(found) >= outlen)
		return false;
	memcpy(out, found, strlen(found) + 1);
	return true;
}

static bool
known_email_for_surname(void *ctx, const char *surname, char *out,
    size_t outlen)
{
	if (surname == NULL || strpbrk(surname, "%_ ") != NULL)
		return false;
	return lookup_text(ctx, SQL_EMAIL_FOR_SURNAME, surname, out, outlen);
}

static bool
known_email_for_code(void *ctx, const char *code, char *out, size_t outlen)
{
	return lookup_text(ctx, SQL_EMAIL_FOR_CODE, code, out, outlen);
}

static bool
known_is_customer(void *ctx, const char *email)
{
	struct store *s = ctx;
	sqlite3_stmt *st;
	struct err e;
	bool found;

	if (s->known_as_of == 0) {
		char buf[STORE_MAX_TEXT];

		return lookup_text(ctx, SQL_IS_CUSTOMER, email, buf,
		    sizeof(buf));
	}
	if (email == NULL || (st = store_stmt(s, SQL_IS_CUSTOMER_AT, &e)) == NULL)
		return false;
	sqlite3_bind_text(st, 1, email, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)s->known_as_of);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

void
store_known_as_of(struct store *s, time_t t)
{
	s->known_as_of = t;
}

static bool
known_is_list(void *ctx, const char *email)
{
	char buf[STORE_MAX_TEXT];

	return lookup_text(ctx, SQL_IS_LIST, email, buf, sizeof(buf));
}

/* store_known - lookups bound to s (borrowed: valid while s is open) */
struct classify_known
store_known(struct store *s)
{
	struct classify_known k = {
		.ctx = s,
		.email_for_name = known_email_for_name,
		.email_for_code = known_email_for_code,
		.is_customer = known_is_customer,
		.email_for_surname = known_email_for_surname,
		.is_list = known_is_list,
	};

	return k;
}
