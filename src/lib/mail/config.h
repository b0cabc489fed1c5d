/*
 * config.h - the one configuration file of both programs.
 *
 * OpenDKIM-style "Key value" lines, '#' comments, keys case-insensitive.
 * config_load returns an immutable snapshot: once loaded nothing changes
 * it, so the milter can share it between threads and swap it on reload.
 * An unknown key or a bad value fails with "FILE:LINE: reason".
 */
#ifndef CLIENTELE_CONFIG_H
#define CLIENTELE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strutil.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif
#define CONFIG_DEFAULT_PATH SYSCONFDIR "/clientele/clientele.conf"
#define CONFIG_DEFAULT_DB "/var/lib/clientele/clientele.db"
#define CONFIG_DEFAULT_RULES SYSCONFDIR "/clientele/rules.conf"
#define CONFIG_DEFAULT_VALUESET SYSCONFDIR "/clientele/valueset.conf"
#define CONFIG_DEFAULT_LANGUAGES "en de fr es"

/* Room for the keys config.c knows (checked there at compile time). */
#define CONFIG_MAX_KEYS 48

enum on_error { ON_ERROR_ACCEPT, ON_ERROR_TEMPFAIL };
/* Who is a customer: after a two-way exchange (default), or any sender. */
enum customer_policy { POLICY_TWO_WAY, POLICY_INCOMING };
/* When the envelope sender must match the From domain (no auth results). */
enum sender_match { MATCH_MILTER, MATCH_ALWAYS, MATCH_NEVER };

/* Weights that turn tags and referrals into a good/ok/bad category. */
struct category_weights {
	int referral;		/* points per person referred */
	int praise;		/* points per praising message */
	int enquiry;		/* points per enquiry */
	int rude;		/* points (negative) per rude message */
	int complaint;
	int haggler;
	int slow_payer;
	int good_at;		/* score >= good_at: good */
	int bad_at;		/* score <= bad_at: bad */
};

struct config {
	char *path;		/* file it came from, or NULL for defaults */
	char *database;
	struct strvec own_domains;	/* lower case */
	struct strvec own_addresses;	/* lower case */
	char *socket;
	char *socket_mode;	/* octal string, e.g. "0660", or NULL */
	char *socket_group;
	char *user_id;
	char *pid_file;
	int milter_timeout;	/* MilterTimeout: seconds libmilter waits for the MTA */
	bool syslog;
	int syslog_facility;	/* LOG_MAIL etc. */
	int log_level;		/* enum log_level */
	enum on_error on_internal_error;
	bool add_headers;
	size_t max_scan_bytes;
	char *rules_file;
	bool rules_file_set;	/* RulesFile given in the file (else the default path) */
	char *value_set;
	bool value_set_set;	/* ValueSet given in the file (else the default path) */
	char *referral_tag;	/* "ref-" */
	char *languages;	/* rule languages, e.g. "en de fr es" */
	char *digest_to;
	char *digest_from;
	char *sendmail;
	char *time_zone;	/* TimeZone (TZ form), NULL: the system's */
	char *spool_dir;
	enum customer_policy customer_policy;
	char *authserv_id;	/* this host's Authentication-Results id, or NULL */
	enum sender_match sender_match;
	struct category_weights weights;
	/* line of the file that last set each key (0: the default), by key */
	unsigned long key_line[CONFIG_MAX_KEYS];
};

/* config_defaults - a config holding every default; caller frees with config_free */
struct config *config_defaults(void);
/*
 * config_load - read path over the defaults.  missing_ok: a missing file is
 * not an error (the default path when none was given).  NULL and e set on
 * error.
 */
struct config *config_load(const char *path, bool missing_ok, struct err *e);
void config_free(struct config *c);

/*
 * config_key_line - the line of c's file that set key (any case), or 0
 * when the key kept its default (or is not a key).
 */
unsigned long config_key_line(const struct config *c, const char *key);

/* config_is_own - true if the address (any case) is the owner's, by address or domain */
bool config_is_own(const struct config *c, const char *email);

/* A libmilter socket specification, read by config_socket_parse. */
enum config_socket_kind {
	CONFIG_SOCKET_UNIX,
	CONFIG_SOCKET_INET,
	CONFIG_SOCKET_INET6,
};

struct config_socket {
	enum config_socket_kind kind;
	const char *path;	/* UNIX: the file (points into the spec) */
	unsigned port;		/* INET, INET6: 1..65535 */
	const char *host;	/* INET, INET6: after '@' (into the spec), or NULL: any */
};

/*
 * config_socket_parse - the one reader of a socket specification (Socket,
 * clientele-milter -p): inet:PORT[@HOST], inet6:PORT[@HOST], unix:PATH,
 * local:PATH or an absolute path, the prefix in any case as libmilter
 * reads it; PORT is decimal.  0 and *out filled (pointers into spec), or
 * -1 with e set to the reason, a phrase to follow the spec ("has no valid
 * port (1-65535)").
 */
int config_socket_parse(const char *spec, struct config_socket *out,
    struct err *e);

/*
 * category_weights_default - the shipped weights (referral 3, praise 1,
 * enquiry 0, rude -4, complaint -2, haggler -2, slow-payer -2, good at 3 or
 * more, bad at -4 or less).  The config module starts from these.
 */
void category_weights_default(struct category_weights *w);

#endif
