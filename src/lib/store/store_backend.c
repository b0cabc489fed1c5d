/*
 * store_backend - which backend a Database setting names.
 *
 * What it is for: turning the one `Database` value of the configuration
 * into a backend and the part of the value that backend opens, so that a
 * second engine is a new folder under store/ and one line here.
 *
 * What it owns: nothing; the backends are constant tables.
 *
 * What it never does: open anything (but for store_database_probe, which
 * connects to a server and closes again), or guess: an unknown scheme is an
 * error, never a file name.
 */
#include <string.h>

#include "store/store.h"
#include "store/store_backend.h"

extern const struct store_backend store_backend_sqlite;
#ifdef CLIENTELE_PGSQL
extern const struct store_backend store_backend_pgsql;
#endif

/* starts - s begins with prefix */
static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * has_scheme - s starts "word://", a URI of some kind, as opposed to a
 * path (which may hold a colon: "backup:2024.db" stays a file name).
 */
static bool
has_scheme(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

	return n > 0 && strncmp(s + n, "://", 3) == 0;
}

/* store_backend_for - the backend database names (see store_backend.h) */
const struct store_backend *
store_backend_for(const char *database, const char **target, struct err *e)
{
	if (database == NULL || *database == '\0') {
		err_set(e, "store: no database path");
		return NULL;
	}
	if (starts(database, "sqlite:")) {
		*target = database + strlen("sqlite:");
		return &store_backend_sqlite;
	}
	if (starts(database, "postgresql://") ||
	    starts(database, "postgres://") || starts(database, "pgsql:")) {
#ifdef CLIENTELE_PGSQL
		*target = starts(database, "pgsql:") ?
		    database + strlen("pgsql:") : database;
		return &store_backend_pgsql;
#else
		err_set(e, "store: this build has no PostgreSQL support");
		return NULL;
#endif
	}
	if (has_scheme(database)) {
		err_set(e, "store: %.200s: unknown kind of database (use a "
		    "path, sqlite:PATH, postgresql://... or pgsql:CONNINFO)",
		    database);
		return NULL;
	}
	*target = database;
	return &store_backend_sqlite;
}

/* store_database_file - the SQLite file of database, or NULL (store.h) */
const char *
store_database_file(const char *database)
{
	const char *target = NULL;
	struct err e;

	if (store_backend_for(database, &target, &e) != &store_backend_sqlite)
		return NULL;
	return target;
}

/* store_database_check - a backend of this build for database (store.h) */
int
store_database_check(const char *database, struct err *e)
{
	const char *target = NULL;

	return store_backend_for(database, &target, e) != NULL ? 0 : -1;
}

/* store_database_probe - connect to a server's store, change nothing (store.h) */
int
store_database_probe(const char *database, struct err *e)
{
	const struct store_backend *be;
	const char *target = NULL;
	struct db *db = NULL;

	if ((be = store_backend_for(database, &target, e)) == NULL)
		return -1;
	if (be == &store_backend_sqlite)
		return 0;
	if (be->open(target, DB_OPEN_READONLY | DB_OPEN_PROBE, &db, e) !=
	    DB_OK)
		return -1;
	be->close(db);
	return 0;
}
