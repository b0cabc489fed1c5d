/*
 * check_spool - the spool: durable files of mail the store could not take.
 *
 * Every test gets a fresh temporary directory (mkdtemp) whose "spool"
 * subdirectory does not exist yet, so spool_write's creation is exercised
 * too.  Replays use a callback that records what it was handed.
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/spool.h"
#include "testlib.h"

static char base[64];
static char dir[96];

/* rm_tree - remove a directory of files (one level of subdirectories) */
static void
rm_tree(const char *path)
{
	struct dirent *de;
	char sub[512];
	struct stat sb;
	DIR *d = opendir(path);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (lstat(sub, &sb) == 0 && S_ISDIR(sb.st_mode))
			rm_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

static void
setup(void)
{
	snprintf(base, sizeof(base), "/tmp/clientele-spool-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(base));
	snprintf(dir, sizeof(dir), "%s/spool", base);
}

static void
teardown(void)
{
	rm_tree(base);
}

/* put - spool one message from `from` with body text; its name into name */
static void
put(const char *from, const char *text, char *name, size_t namelen)
{
	const char *rcpt[] = { "owner@example.org", NULL };
	struct envelope env = { .mail_from = from, .rcpt = rcpt };
	struct err e = { "" };

	ck_assert_msg(spool_write(dir, text, strlen(text), 0, &env, name,
	    namelen, &e) == 0, "spool_write: %s", e.msg);
}

/* write_raw - a file with these exact bytes in the spool directory */
static void
write_raw(const char *name, const char *bytes, size_t len)
{
	char path[256];
	FILE *fp;

	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(bytes, 1, len, fp), len);
	fclose(fp);
}

static bool
exists(const char *sub, const char *name)
{
	char path[256];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s%s%s", dir, sub, *sub ? "/" : "",
	    name);
	return stat(path, &sb) == 0;
}

/* What the replay callback saw, and when it should fail or reject. */
struct seen {
	char text[16][64];
	size_t n;
	size_t fail_at;		/* fail on the call with this index (+1); 0 never */
	size_t reject_at;	/* reject the call with this index (+1); 0 never */
};

static enum spool_verdict
record(const struct spool_msg *m, void *arg, struct err *e)
{
	struct seen *s = arg;
	size_t i = s->n;

	if (s->fail_at == i + 1) {
		err_set(e, "store is locked");
		return SPOOL_FAIL;
	}
	ck_assert_uint_lt(i, 16);
	snprintf(s->text[i], sizeof(s->text[i]), "%.*s", (int)m->len, m->data);
	s->n++;
	if (s->reject_at == i + 1) {
		err_set(e, "never a message");
		return SPOOL_REJECT;
	}
	return SPOOL_DONE;
}

START_TEST(round_trip_keeps_envelope_and_bytes)
{
	const char data[] = "From: a@b.test\r\n\r\nline one\n\0after a NUL\r\n";
	const char *rcpt[] = { "owner@example.org", "sales@example.org", NULL };
	struct envelope env = { .mail_from = "dana@customer.test",
	    .auth_user = "dana", .rcpt = rcpt, .local = true };
	struct spool_msg m;
	struct err e = { "" };
	char name[128], path[256];
	time_t before = time(NULL);

	ck_assert_int_eq(spool_write(dir, data, sizeof(data) - 1, 0, &env,
	    name, sizeof(name), &e), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_msg(spool_read(path, &m, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(m.name, name);
	ck_assert_str_eq(m.mail_from, "dana@customer.test");
	ck_assert_str_eq(m.auth_user, "dana");
	ck_assert_uint_eq(m.rcpts.n, 2);
	ck_assert_str_eq(m.env.rcpt[0], "owner@example.org");
	ck_assert_str_eq(m.env.rcpt[1], "sales@example.org");
	ck_assert_ptr_null(m.env.rcpt[2]);
	ck_assert_str_eq(m.env.mail_from, "dana@customer.test");
	ck_assert(m.env.local);		/* locally submitted stays so */
	ck_assert_uint_eq(m.len, sizeof(data) - 1);
	ck_assert_mem_eq(m.data, data, sizeof(data) - 1);
	/* replayed mail arrived when it was spooled, not when replayed */
	ck_assert_int_ge(m.env.received_at, before);
	/* time() reads a coarse clock that may trail CLOCK_REALTIME, which
	 * names the file, by one tick across a second boundary */
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	ck_assert_int_le(m.env.received_at, now.tv_sec);
	spool_msg_clear(&m);
}
END_TEST

START_TEST(null_sender_and_bound)
{
	struct envelope env = { .mail_from = "" };
	struct spool_msg m;
	struct err e = { "" };
	char name[128], path[256];

	/* MaxScanBytes 10: only the first ten bytes are kept */
	ck_assert_int_eq(spool_write(dir, "0123456789abcdef", 16, 10, &env,
	    name, sizeof(name), &e), 0);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_msg(spool_read(path, &m, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(m.mail_from, "");
	ck_assert_ptr_null(m.auth_user);
	ck_assert_uint_eq(m.rcpts.n, 0);
	ck_assert_ptr_null(m.env.rcpt[0]);
	ck_assert_uint_eq(m.len, 10);
	ck_assert_str_eq(m.data, "0123456789");
	spool_msg_clear(&m);
}
END_TEST

START_TEST(names_sort_in_arrival_order)
{
	char names[8][128];
	char text[32];
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };

	for (int i = 0; i < 8; i++) {
		snprintf(text, sizeof(text), "message %d", i);
		put("a@customer.test", text, names[i], sizeof(names[i]));
		if (i > 0)
			ck_assert_int_lt(strcmp(names[i - 1], names[i]), 0);
	}
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert_uint_eq(s.n, 8);
	for (int i = 0; i < 8; i++) {
		snprintf(text, sizeof(text), "message %d", i);
		ck_assert_str_eq(s.text[i], text);
	}
	ck_assert_uint_eq(st.replayed, 8);
	ck_assert_uint_eq(st.left, 0);
	ck_assert_int_eq(spool_depth(dir, &e), 0);
}
END_TEST

START_TEST(depth_counts_finished_files_only)
{
	struct err e = { "" };
	char name[128];

	ck_assert_int_eq(spool_depth(dir, &e), 0);	/* no directory yet */
	put("a@customer.test", "one", name, sizeof(name));
	put("b@customer.test", "two", name, sizeof(name));
	put("c@customer.test", "three", name, sizeof(name));
	/* a half-written temporary file and a quarantined one do not count */
	write_raw(".tmp-00000000000000000001-0000000000-1.msg", "x", 1);
	snprintf(name, sizeof(name), "%s/%s", dir, SPOOL_BAD_DIR);
	ck_assert_int_eq(mkdir(name, 0700), 0);
	write_raw(SPOOL_BAD_DIR "/00000000000000000001-0000000000-1.msg",
	    "x", 1);
	ck_assert_int_eq(spool_depth(dir, &e), 3);
}
END_TEST

START_TEST(replay_stops_at_failure_and_keeps_order)
{
	struct seen s = { .n = 0, .fail_at = 3 };
	struct spool_stats st;
	struct err e = { "" };
	char names[5][128];
	char text[32];

	for (int i = 0; i < 5; i++) {
		snprintf(text, sizeof(text), "m%d", i);
		put("a@customer.test", text, names[i], sizeof(names[i]));
	}
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), -1);
	ck_assert_str_eq(e.msg, "store is locked");
	ck_assert_uint_eq(st.replayed, 2);
	ck_assert_uint_eq(st.left, 3);
	ck_assert(!exists("", names[0]) && !exists("", names[1]));
	ck_assert(exists("", names[2]) && exists("", names[4]));
	ck_assert_int_eq(spool_depth(dir, &e), 3);

	/* the store is back: the rest, in order, from where it stopped */
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_str_eq(s.text[0], "m2");
	ck_assert_str_eq(s.text[1], "m3");
	ck_assert_str_eq(s.text[2], "m4");
	ck_assert_int_eq(spool_depth(dir, &e), 0);
}
END_TEST

START_TEST(replay_is_bounded)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	char name[128];

	put("a@customer.test", "first", name, sizeof(name));
	put("a@customer.test", "second", name, sizeof(name));
	put("a@customer.test", "third", name, sizeof(name));
	ck_assert_int_eq(spool_replay(dir, 2, record, &s, &st, &e), 0);
	ck_assert_uint_eq(st.replayed, 2);
	ck_assert_uint_eq(st.left, 1);
	ck_assert_str_eq(s.text[1], "second");
	ck_assert_int_eq(spool_depth(dir, &e), 1);
}
END_TEST

START_TEST(bad_file_is_quarantined)
{
	const char *garbage = "this is not a spool file\n";
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	char name[128];

	/* sorts before anything spool_write names now */
	write_raw("00000000000000000001-0000000000-1.msg", garbage,
	    strlen(garbage));
	put("a@customer.test", "good one", name, sizeof(name));
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert_uint_eq(st.quarantined, 1);
	ck_assert_uint_eq(st.replayed, 1);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.text[0], "good one");
	ck_assert(exists(SPOOL_BAD_DIR, "00000000000000000001-0000000000-1.msg"));
	ck_assert_int_eq(spool_depth(dir, &e), 0);
}
END_TEST

START_TEST(rejected_message_is_quarantined)
{
	struct seen s = { .n = 0, .reject_at = 1 };
	struct spool_stats st;
	struct err e = { "" };
	char first[128], second[128];

	put("a@customer.test", "junk", first, sizeof(first));
	put("a@customer.test", "mail", second, sizeof(second));
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert_uint_eq(st.quarantined, 1);
	ck_assert_uint_eq(st.replayed, 1);
	ck_assert(exists(SPOOL_BAD_DIR, first));
	ck_assert(!exists("", second));
}
END_TEST

/* Malformed files: each must be refused by spool_read. */
#define M(what, bytes) { what, bytes, sizeof(bytes) - 1 }
static const struct {
	const char *what;
	const char *bytes;
	size_t len;
} malformed[] = {
	M("empty", ""),
	M("wrong magic", "clientele-spool 2\nF 0\n\nD 0\n\n"),
	M("no message field", "clientele-spool 1\nF 1\na\n"),
	M("no sender field", "clientele-spool 1\nD 1\nx\n"),
	M("length past the end", "clientele-spool 1\nF 0\n\nD 99\nx\n"),
	M("bytes after the message", "clientele-spool 1\nF 0\n\nD 1\nx\nF 0\n\n"),
	M("unknown field", "clientele-spool 1\nF 0\n\nZ 1\nx\nD 1\nx\n"),
	M("two senders", "clientele-spool 1\nF 0\n\nF 0\n\nD 1\nx\n"),
	M("no length", "clientele-spool 1\nF \n\nD 1\nx\n"),
	M("missing newline after field", "clientele-spool 1\nF 1\nabD 1\nx\n"),
	M("NUL in an address", "clientele-spool 1\nF 3\na\0b\nD 1\nx\n"),
	M("huge length", "clientele-spool 1\nF 99999999999999999999\n"),
};

START_TEST(malformed_files_are_refused)
{
	struct spool_msg m;
	struct err e = { "" };
	char path[256];

	write_raw("x.msg", malformed[_i].bytes, malformed[_i].len);
	snprintf(path, sizeof(path), "%s/x.msg", dir);
	ck_assert_msg(spool_read(path, &m, &e) == -1, "%s was accepted",
	    malformed[_i].what);
	spool_msg_clear(&m);
}
END_TEST

START_TEST(hand_written_file_is_read)
{
	const char ok[] = "clientele-spool 1\nF 1\na\nR 1\nb\nD 2\nxy\n";
	struct spool_msg m;
	struct err e = { "" };
	char path[256];

	write_raw("y.msg", ok, sizeof(ok) - 1);
	snprintf(path, sizeof(path), "%s/y.msg", dir);
	ck_assert_msg(spool_read(path, &m, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(m.mail_from, "a");
	ck_assert_str_eq(m.env.rcpt[0], "b");
	ck_assert_str_eq(m.data, "xy");
	spool_msg_clear(&m);
}
END_TEST

START_TEST(modes_are_owner_only)
{
	struct stat sb;
	char name[128], path[256];
	mode_t old = umask(0);

	put("a@customer.test", "private", name, sizeof(name));
	umask(old);
	ck_assert_int_eq(stat(dir, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 07777, 0700);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 07777, 0600);
}
END_TEST

START_TEST(shared_directory_is_refused)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	const mode_t modes[] = { 0777, 0770, 0702 };

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		ck_assert_int_eq(chmod(dir, modes[i]), 0);
		ck_assert_int_eq(spool_write(dir, "x", 1, 0, NULL, NULL, 0, &e),
		    -1);
		ck_assert_ptr_nonnull(strstr(e.msg, "writable"));
		ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), -1);
	}
	ck_assert_int_eq(spool_depth(dir, &e), 0);
}
END_TEST

START_TEST(not_a_directory_is_refused)
{
	struct err e = { "" };
	FILE *fp = fopen(dir, "w");

	ck_assert_ptr_nonnull(fp);
	fclose(fp);
	ck_assert_int_eq(spool_write(dir, "x", 1, 0, NULL, NULL, 0, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "not a directory"));
}
END_TEST

START_TEST(one_replay_at_a_time)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	char name[128];
	int fd;

	put("a@customer.test", "waiting", name, sizeof(name));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(flock(fd, LOCK_EX), 0);
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert(st.busy);
	ck_assert_uint_eq(s.n, 0);
	close(fd);
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert(!st.busy);
	ck_assert_uint_eq(s.n, 1);
}
END_TEST

START_TEST(missing_directory_is_an_empty_spool)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };

	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	ck_assert_uint_eq(st.left, 0);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_int_eq(access(dir, F_OK), -1);	/* not created by reading */
}
END_TEST

/*
 * Links planted in the spool.  The milter may run these paths as root
 * (clientele spool --replay by root, or before a privilege drop), so a
 * link must never make it read, move or remove anything outside the spool.
 * "outside" is a directory beside the spool with one file in it.
 */
static char outside[160];

/* plant_outside - base/outside/secret holding "secret"; its path in out */
static void
plant_outside(char *out, size_t outlen)
{
	FILE *fp;

	snprintf(outside, sizeof(outside), "%s/outside", base);
	ck_assert_int_eq(mkdir(outside, 0700), 0);
	snprintf(out, outlen, "%s/secret", outside);
	fp = fopen(out, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("secret", fp);
	fclose(fp);
}

/* outside_untouched - only "secret", still holding "secret" */
static void
outside_untouched(const char *secret)
{
	struct dirent *de;
	char text[16] = "";
	size_t n = 0;
	FILE *fp;
	DIR *d = opendir(outside);

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	ck_assert_uint_eq(n, 1);
	fp = fopen(secret, "r");
	ck_assert_ptr_nonnull(fp);
	ck_assert_ptr_nonnull(fgets(text, sizeof(text), fp));
	fclose(fp);
	ck_assert_str_eq(text, "secret");
}

START_TEST(spool_dir_link_is_not_followed)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	char secret[200];

	plant_outside(secret, sizeof(secret));
	ck_assert_int_eq(symlink(outside, dir), 0);
	ck_assert_int_eq(spool_write(dir, "x", 1, 0, NULL, NULL, 0, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "symbolic link"));
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), -1);
	ck_assert_uint_eq(s.n, 0);
	outside_untouched(secret);
}
END_TEST

START_TEST(bad_dir_link_is_not_followed)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	char secret[200], lpath[256];

	plant_outside(secret, sizeof(secret));
	write_raw("00000000000000000001-0000000000-1.msg", "garbage", 7);
	snprintf(lpath, sizeof(lpath), "%s/%s", dir, SPOOL_BAD_DIR);
	ck_assert_int_eq(symlink(outside, lpath), 0);
	/* the garbage cannot be quarantined through the link: it stays */
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "not a directory of ours"));
	ck_assert(exists("", "00000000000000000001-0000000000-1.msg"));
	outside_untouched(secret);
}
END_TEST

START_TEST(file_links_are_quarantined_not_followed)
{
	struct seen s = { .n = 0 };
	struct spool_stats st;
	struct err e = { "" };
	char secret[200], lpath[256];
	struct stat sb;

	plant_outside(secret, sizeof(secret));
	put("a@b.test", "real", NULL, 0);
	snprintf(lpath, sizeof(lpath), "%s/00000000000000000001-0000000000-1.msg",
	    dir);
	ck_assert_int_eq(symlink(secret, lpath), 0);
	snprintf(lpath, sizeof(lpath), "%s/00000000000000000002-0000000000-1.msg",
	    dir);
	ck_assert_int_eq(link(secret, lpath), 0);
	ck_assert_int_eq(spool_replay(dir, 0, record, &s, &st, &e), 0);
	/* the real message is replayed; both links go to bad/ as they are */
	ck_assert_uint_eq(s.n, 1);
	ck_assert_str_eq(s.text[0], "real");
	ck_assert_uint_eq(st.quarantined, 2);
	snprintf(lpath, sizeof(lpath), "%s/%s/00000000000000000001-0000000000-1.msg",
	    dir, SPOOL_BAD_DIR);
	ck_assert_int_eq(lstat(lpath, &sb), 0);
	ck_assert(S_ISLNK(sb.st_mode));
	ck_assert(exists(SPOOL_BAD_DIR, "00000000000000000002-0000000000-1.msg"));
	outside_untouched(secret);
}
END_TEST

START_TEST(clean_removes_what_dead_writers_left)
{
	struct err e = { "" };
	size_t removed;

	/* pid 1 is alive: its file may still be being written */
	write_raw(".tmp-00000000000000000001-0000000000-1.msg", "half", 4);
	/* no process has a pid this high (above the kernel's pid_max) */
	write_raw(".tmp-00000000000000000002-0000000000-99999999.msg", "h", 1);
	put("a@b.test", "kept", NULL, 0);
	ck_assert_int_eq(spool_clean(dir, &removed, &e), 0);
	ck_assert_uint_eq(removed, 1);
	ck_assert(exists("", ".tmp-00000000000000000001-0000000000-1.msg"));
	ck_assert(!exists("", ".tmp-00000000000000000002-0000000000-99999999.msg"));
	ck_assert_int_eq(spool_depth(dir, &e), 1);
	/* a missing spool has nothing to clean */
	rm_tree(dir);
	ck_assert_int_eq(spool_clean(dir, &removed, &e), 0);
	ck_assert_uint_eq(removed, 0);
}
END_TEST

TL_SUITE_AROUND(spool, setup, teardown, 0,
    round_trip_keeps_envelope_and_bytes, 0, null_sender_and_bound, 0,
    names_sort_in_arrival_order, 0, depth_counts_finished_files_only, 0,
    replay_stops_at_failure_and_keeps_order, 0, replay_is_bounded, 0,
    bad_file_is_quarantined, 0, rejected_message_is_quarantined, 0,
    malformed_files_are_refused, TL_LOOPS(malformed),
    hand_written_file_is_read, 0, modes_are_owner_only, 0,
    shared_directory_is_refused, 0, not_a_directory_is_refused, 0,
    one_replay_at_a_time, 0, missing_directory_is_an_empty_spool, 0,
    spool_dir_link_is_not_followed, 0, bad_dir_link_is_not_followed, 0,
    file_links_are_quarantined_not_followed, 0,
    clean_removes_what_dead_writers_left, 0)
