/*
 * store_sql - the statement texts more than one file of the store runs.
 *
 * What it is for: one fact, one statement: adding an address or an event,
 * crediting a referral, keeping a pending name, reading or setting the
 * hand-set referral flag, the tags, the ignores and the tombstone salt read
 * the same way whether mail, an edit, an export or an import needs them.
 * The statement cache (store_open.c) is keyed by a text's address, so one
 * text is also one prepared statement.
 *
 * What it owns: these strings, in the SQL both engines speak
 * (store_backend.h).  A statement one file alone runs stays in that file.
 *
 * What it never does: run anything, or hold SQL particular to one engine.
 */
#include "store_int.h"

/* ?1 address (lower case), ?2 customer */
const char SQL_ADD_ADDRESS[] =
    "INSERT INTO addresses(email, customer_id) VALUES (?1, ?2)";
/* ?1 at, ?2 kind, ?3 customer, ?4 the other one (or NULL), ?5 detail */
const char SQL_ADD_EVENT[] =
    "INSERT INTO events(at, kind, customer_id, other_id, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
/* ?1 referred, ?2 referrer, ?3 how, ?4 evidence, ?5 message key, ?6 at */
const char SQL_ADD_REFERRAL[] =
    "INSERT INTO referrals(referred_id, referrer_id, how, evidence,"
    " message_key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* ?1 name key, ?2 name, ?3 referred, ?4 evidence, ?5 message key, ?6 at */
const char SQL_ADD_PENDING[] =
    "INSERT INTO pending(name_norm, name, referred_id, evidence,"
    " message_key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
const char SQL_EMAIL_OF[] = "SELECT email FROM customers WHERE id = ?1";
const char SQL_REFERRAL_MANUAL[] =
    "SELECT referral_manual FROM customers WHERE id = ?1";
const char SQL_LOCK_REFERRAL[] =
    "UPDATE customers SET referral_manual = 1 WHERE id = ?1";
const char SQL_TAGS_BY_NAME[] =
    "SELECT tag, count, manual FROM tags WHERE customer_id = ?1 ORDER BY tag";
const char SQL_IGNORES[] =
    "SELECT pattern, reason, at FROM ignores ORDER BY pattern";
const char SQL_SALT[] = "SELECT value FROM tombstone_salt LIMIT 1";
