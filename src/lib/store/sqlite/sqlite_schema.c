/*
 * sqlite_schema - the SQLite store's schema and its migrations.
 *
 * What it is for: telling whether an open file is a clientele store, and
 * bringing an older one up to the current schema.
 *
 * What it owns: the migration steps.  PRAGMA user_version counts the
 * steps applied; later issues append steps, never edit old ones.
 * PRAGMA application_id marks the file as ours.
 *
 * What it never does: touch a file that is SQLite with another
 * application id or with tables we did not make (refused untouched).
 */
#include <stdio.h>
#include <string.h>

#include "sqlite_int.h"

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
	/*
	 * v7: a mentioned name is matched as lower(name) = lower-cased text,
	 * the form both engines speak (COLLATE NOCASE is SQLite's own).
	 */
	"DROP INDEX IF EXISTS customers_name;"
	"CREATE INDEX IF NOT EXISTS customers_name_lower"
	" ON customers(lower(name));",
	/*
	 * v8: the announced referral.  A contact told the owner they passed
	 * the owner's details on to someone named ("I gave my neighbour Jo
	 * Bloggs your number"); the name waits here, under the key a pending
	 * name waits under, until a sender of that full name first writes,
	 * and the contact becomes their referrer.
	 */
	"CREATE TABLE announced ("
	" id INTEGER PRIMARY KEY,"
	" name_norm TEXT NOT NULL,"
	" name TEXT,"
	" referrer_id INTEGER NOT NULL REFERENCES customers(id)"
	"  ON DELETE CASCADE,"
	" evidence TEXT,"
	" message_key TEXT,"
	" at INTEGER NOT NULL);"
	"CREATE INDEX announced_name ON announced(name_norm);"
	"CREATE INDEX announced_referrer ON announced(referrer_id);",
	/*
	 * v9: what the owner's own message said that its replies may answer
	 * without quoting it (facts.said), kept with each of its recipients:
	 * the highest money amount of its new text in minor units (NULL:
	 * none) and whether it is about a bill (NULL for mail recorded
	 * before: nothing known).  Forget erases them with the person.
	 */
	"ALTER TABLE sent ADD COLUMN said_minor INTEGER;"
	"ALTER TABLE sent ADD COLUMN said_bill INTEGER;",
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

static const char SQL_COUNT_TABLES[] =
    "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'";

/* sqlite_exec - constant SQL only */
int
sqlite_exec(sqlite3 *h, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, "store: %s", msg ? msg : sqlite3_errmsg(h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* pragma_int - value of an integer PRAGMA (constant SQL); 0 when no row */
static int
pragma_int(sqlite3 *h, const char *sql, sqlite3_int64 *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return err_set(e, "store: read the file header: %s",
		    sqlite3_errmsg(h));
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return err_set(e, "store: query: %s", sqlite3_errmsg(h));
	return 0;
}

/* sqlite_schema_migrate - bring the schema to NMIGRATIONS in one transaction */
int
sqlite_schema_migrate(sqlite3 *h, const char *path, struct err *e)
{
	sqlite3_int64 version, appid, ntables;
	char sql[80];

	if (sqlite_exec(h, "BEGIN IMMEDIATE", e) < 0)
		return -1;
	if (pragma_int(h, "PRAGMA application_id", &appid, e) < 0 ||
	    pragma_int(h, "PRAGMA user_version", &version, e) < 0 ||
	    pragma_int(h, SQL_COUNT_TABLES, &ntables, e) < 0)
		goto fail;
	if (appid == 0 && version == 0 && ntables > 0) {
		err_set(e, "%s: a SQLite database of another application; "
		    "refusing to use it", path);
		goto fail;
	}
	for (int v = (int)version; v < NMIGRATIONS; v++) {
		if (sqlite_exec(h, migrations[v], e) < 0) {
			char why[sizeof(e->msg)];

			memcpy(why, e->msg, sizeof(why));
			err_set(e, "%s: migration to version %d: %.400s", path,
			    v + 1, why);
			goto fail;
		}
	}
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; "
	    "PRAGMA user_version = %d", SQLITE_APPLICATION_ID, NMIGRATIONS);
	if (sqlite_exec(h, sql, e) < 0 || sqlite_exec(h, "COMMIT", e) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* sqlite_schema_check - is the file ours, and is it behind? */
int
sqlite_schema_check(sqlite3 *h, const char *path, bool readonly,
    bool *behind, struct err *e)
{
	sqlite3_int64 appid, version, ntables;

	if (pragma_int(h, "PRAGMA application_id", &appid, e) < 0 ||
	    pragma_int(h, "PRAGMA user_version", &version, e) < 0 ||
	    pragma_int(h, SQL_COUNT_TABLES, &ntables, e) < 0) {
		char why[sizeof(e->msg)];

		memcpy(why, e->msg, sizeof(why));
		return err_set(e, "%s: unreadable or corrupt database (%.400s)",
		    path, why);
	}
	if (appid != SQLITE_APPLICATION_ID && !(appid == 0 && ntables == 0))
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
