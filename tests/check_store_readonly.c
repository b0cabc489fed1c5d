/*
 * check_store_readonly - the reports read a store they may not write to.
 *
 * The digest unit reads the database from a read-only directory, and the
 * owner may read it as another user.  A WAL database needs its "-shm"
 * index to be read, which SQLite creates next to the file; so writers keep
 * "-wal" and "-shm" when they close, and a reader that cannot open the
 * index reads the main file alone when the "-wal" holds nothing.
 *
 * Each reader runs in a child process that cannot write the directory:
 * as root the child becomes nobody (uid and gid 65534), otherwise the
 * directory is made 0555.  The child opens the store read-only, lists the
 * customers and writes the store's error (or "ok") to a pipe.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_test.h"
#include "testlib.h"

static char dir[64];
static char db[128];

/* side - PATH-wal or PATH-shm into out */
static const char *
side(char *out, size_t outlen, const char *path, const char *suffix)
{
	snprintf(out, outlen, "%s-%s", path, suffix);
	return out;
}

static void
setup(void)
{
	struct err e = { "" };
	struct store *s;

	snprintf(dir, sizeof(dir), "/tmp/clientele-ro-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/clientele.db", dir);
	s = store_open(db, NULL, STORE_CREATE, &e);
	ck_assert_msg(s != NULL, "%s", e.msg);
	store_close(s);
}

static void
teardown(void)
{
	char p[160];

	chmod(dir, 0700);
	unlink(db);
	unlink(side(p, sizeof(p), db, "wal"));
	unlink(side(p, sizeof(p), db, "shm"));
	rmdir(dir);
}

/* open_for_others - let a reader of another uid in, but not write */
static void
open_for_others(void)
{
	char p[160];

	chmod(db, 0644);
	chmod(side(p, sizeof(p), db, "wal"), 0644);
	chmod(side(p, sizeof(p), db, "shm"), 0644);
	ck_assert_int_eq(chmod(dir, 0555), 0);
}

/*
 * read_without_write - open db read-only in a child that may not write
 * the directory and list the customers; "ok" or the error, in out.
 */
static void
read_without_write(char *out, size_t outlen)
{
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	open_for_others();
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct customer_filter f;
		struct customer_list l;
		struct err e = { "" };
		struct store *s;
		const char *msg = "ok";

		close(fds[0]);
		if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(3);
		/* the test is worth nothing if this child could write */
		if (access(dir, W_OK) == 0)
			_exit(4);
		memset(&f, 0, sizeof(f));
		memset(&l, 0, sizeof(l));
		s = store_open(db, NULL, STORE_READONLY, &e);
		if (s == NULL || store_customers(s, &f, &l, &e) < 0)
			msg = e.msg;
		if (write(fds[1], msg, strlen(msg)) < 0)
			_exit(5);
		customer_list_free(&l);
		store_close(s);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], out, outlen - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "reader child failed (status %d)", status);
}

START_TEST(writer_keeps_wal_and_shm)
{
	struct stat sb;
	char p[160];

	if (tl_sqlite_only("the files SQLite keeps beside its database"))
		return;
	ck_assert_int_eq(stat(side(p, sizeof(p), db, "shm"), &sb), 0);
	ck_assert_int_eq(stat(side(p, sizeof(p), db, "wal"), &sb), 0);
	ck_assert_int_eq(sb.st_size, 0);
}
END_TEST

START_TEST(reads_with_shm_left_by_writer)
{
	char out[1024];

	if (tl_sqlite_only("reading a SQLite file without write access"))
		return;
	read_without_write(out, sizeof(out));
	ck_assert_str_eq(out, "ok");
}
END_TEST

START_TEST(reads_without_shm)
{
	char out[1024], p[160];

	if (tl_sqlite_only("reading a SQLite file without write access"))
		return;
	/* as an older clientele, or the SQLite shell, leaves it after closing */
	ck_assert_int_eq(unlink(side(p, sizeof(p), db, "shm")), 0);
	ck_assert_int_eq(unlink(side(p, sizeof(p), db, "wal")), 0);
	read_without_write(out, sizeof(out));
	ck_assert_str_eq(out, "ok");
}
END_TEST

START_TEST(unmerged_wal_is_explained)
{
	char out[1024], p[160], q[1024];
	struct err e = { "" };
	struct store *raw;

	if (tl_sqlite_only("a SQLite write-ahead log left by a crash"))
		return;
	/* a writer that died with commits only in its log */
	raw = tl_store_open(db, NULL, 0);
	ck_assert_int_eq(store_debug_exec(raw, "PRAGMA wal_autocheckpoint = 0;"
	    "INSERT INTO customers (email, first_seen, last_seen) "
	    "VALUES ('late@example.com', 1, 1)", &e), 0);
	/* copy the file and its log aside, as a crash would leave them */
	snprintf(q, sizeof(q), "cp %s %s.copy && cp %s %s-wal.copy", db, db,
	    side(p, sizeof(p), db, "wal"), db);
	ck_assert_int_eq(system(q), 0);
	store_close(raw);
	unlink(side(p, sizeof(p), db, "shm"));
	snprintf(q, sizeof(q), "mv %s.copy %s && mv %s-wal.copy %s-wal", db,
	    db, db, db);
	ck_assert_int_eq(system(q), 0);
	read_without_write(out, sizeof(out));
	ck_assert_msg(strstr(out, "-wal") != NULL &&
	    strstr(out, "write access") != NULL &&
	    strstr(out, "corrupt") == NULL, "got: %s", out);
}
END_TEST

TL_SUITE_AROUND(store_readonly, setup, teardown, 0,
    writer_keeps_wal_and_shm, 0, reads_with_shm_left_by_writer, 0,
    reads_without_shm, 0, unmerged_wal_is_explained, 0)
