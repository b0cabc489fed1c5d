/*
 * sqlite_open - opening the SQLite store's file (sqlite_connect).
 *
 * What it is for: opening (or creating) the one database file the milter
 * and the command share, with the settings every connection needs
 * (foreign keys, busy timeout, WAL kept for readers without write access,
 * bulk mode), then checking it is ours and migrating it (sqlite_schema.c).
 *
 * What it owns: the sqlite3 connection inside a struct db_sqlite.
 *
 * What it never does: write to a file that is not already ours: a file
 * that is not SQLite is refused before SQLite touches it.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sqlite_int.h"

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
#define SQLITE_WAL_LIMIT 67108864	/* bytes: 64 MiB */
#define SQLITE_STR2(x) #x
#define SQLITE_STR(x) SQLITE_STR2(x)

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

/* open_db - sqlite3_open_v2 into d->h; -1 with e set */
static int
open_db(struct db_sqlite *d, const char *name, int oflags, const char *path,
    struct err *e)
{
	if (sqlite3_open_v2(name, &d->h, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		err_set(e, "%s: %s", path, d->h ? sqlite3_errmsg(d->h) :
		    "cannot open");
		return -1;
	}
	sqlite3_extended_result_codes(d->h, 1);
	sqlite3_busy_timeout(d->h, 5000);
	if (sqlite_functions(d->h) < 0)
		return err_set(e, "store: money_sum: %s", sqlite3_errmsg(d->h));
	return 0;
}

/*
 * open_readonly - a read-only connection that works without write access
 * to the directory (see above); checks the file is ours.  -1 with e set.
 */
static int
open_readonly(struct db_sqlite *d, const char *path, bool *behind,
    struct err *e)
{
	char uri[8192];
	int code;

	if (open_db(d, path, SQLITE_OPEN_READONLY, path, e) == 0 &&
	    sqlite_schema_check(d->h, path, true, behind, e) == 0)
		return 0;
	code = d->h != NULL ? sqlite3_errcode(d->h) & 0xff : SQLITE_CANTOPEN;
	if (code != SQLITE_CANTOPEN && code != SQLITE_READONLY)
		return -1;
	sqlite3_close(d->h);
	d->h = NULL;
	if (!wal_is_empty(path)) {
		return err_set(e, "%s: cannot read it without write access to "
		    "its directory while its log %s-wal holds changes not yet "
		    "merged (a writer runs, or stopped uncleanly); read it as "
		    "the user that writes it", path, path);
	}
	if (immutable_uri(path, uri, sizeof(uri)) < 0)
		return err_set(e, "%s: path too long", path);
	if (open_db(d, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path,
	    e) < 0)
		return -1;
	return sqlite_schema_check(d->h, path, true, behind, e);
}

/* check_file - the file exists (or is created) and is SQLite or empty */
static int
check_file(const char *path, int flags, struct err *e)
{
	bool readonly = (flags & DB_OPEN_READONLY) != 0;
	struct stat sb;
	int hdr;

	if (path == NULL || *path == '\0')
		return err_set(e, "store: no database path");
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT || !(flags & DB_OPEN_CREATE) || readonly)
			return err_set(e, "%s: %s", path, strerror(errno));
		if (create_file(path, e) < 0)
			return -1;
	} else if (!S_ISREG(sb.st_mode)) {
		return err_set(e, "%s: not a regular file", path);
	}
	if ((hdr = check_header(path, e)) < 0)
		return -1;
	if (hdr == 0 && readonly)
		return err_set(e, "%s: empty database", path);
	return 0;
}

/*
 * settings - statement journals and sorter spills stay in memory: on disk
 * they cost about ten small writes per ingested message.  WAL comes
 * before the schema is created or upgraded, which then costs no fsync in
 * bulk mode (a rollback journal took eight, a tenth of a second on some
 * disks), and only after the file is known to be ours.
 */
static int
settings(sqlite3 *h, int flags, struct err *e)
{
	if (sqlite_exec(h, "PRAGMA foreign_keys = ON", e) < 0 ||
	    sqlite_exec(h, "PRAGMA temp_store = MEMORY", e) < 0)
		return -1;
	if (flags & DB_OPEN_READONLY)
		return 0;
	if (sqlite_exec(h, (flags & DB_OPEN_BULK) ?
	    "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL", e) < 0 ||
	    sqlite_exec(h, "PRAGMA journal_mode = WAL", e) < 0 ||
	    sqlite_exec(h, "PRAGMA journal_size_limit = "
	    SQLITE_STR(SQLITE_WAL_LIMIT), e) < 0)
		return -1;
	return 0;
}

/*
 * sqlite_connect - open path into d (its handle, checked, at the current
 * schema), creating it with DB_OPEN_CREATE; 0 or -1 with e set, d then
 * for sqlite_close to free
 */
int
sqlite_connect(struct db_sqlite *d, const char *path, int flags,
    struct err *e)
{
	bool behind = false;

	if (check_file(path, flags, e) < 0)
		return -1;
	pthread_once(&sqlite_once, sqlite_setup);
	if (flags & DB_OPEN_READONLY) {
		if (open_readonly(d, path, &behind, e) < 0)
			return -1;
	} else {
		int persist = 1;

		if (open_db(d, path, SQLITE_OPEN_READWRITE, path, e) < 0 ||
		    sqlite_schema_check(d->h, path, false, &behind, e) < 0)
			return -1;
		/* keep -wal and -shm for readers without write access */
		sqlite3_file_control(d->h, "main", SQLITE_FCNTL_PERSIST_WAL,
		    &persist);
	}
	if (settings(d->h, flags, e) < 0)
		return -1;
	if (behind && sqlite_schema_migrate(d->h, path, e) < 0)
		return -1;
	return 0;
}
