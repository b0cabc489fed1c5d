/*
 * spool - mail the store could not take, kept on disk until it can.
 *
 * What it is for: clientele-milter must never lose a message because the
 * store is locked, read-only, full or corrupt.  spool_write puts the
 * bounded raw message and its envelope in one file of the spool directory,
 * durably (temporary name, fsync, rename, fsync of the directory);
 * spool_replay hands the files back oldest first and deletes each only
 * after its consumer recorded it.
 *
 * What it owns: the file format and names.  A file is
 *
 *	clientele-spool 1\n
 *	F <len>\n<MAIL FROM>\n
 *	A <len>\n<auth user>\n		(at most once)
 *	L 1\n1\n			(submitted on this machine; at most once)
 *	R <len>\n<recipient>\n		(any number)
 *	D <len>\n<raw message>\n	(exactly once, last)
 *
 * every field length-prefixed, so no byte of the message needs escaping.
 * Names are "<20-digit ns>-<10-digit seq>-<pid>.msg": they sort in
 * arrival order within a process (the clock used is made strictly
 * increasing) and roughly across processes.
 *
 * What it never does: decide what a message means or talk to the store
 * (the replay callback does), follow a symbolic link (the directory is
 * opened with O_NOFOLLOW and every file is reached through its descriptor
 * with openat, renameat and unlinkat: a planted link is moved or removed
 * itself), read a file with other hard links, or use a directory that
 * group or others may write to or that is not ours.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/log.h"
#include "app/spool.h"

#define SPOOL_MAGIC "clientele-spool 1\n"
#define SPOOL_SUFFIX ".msg"
#define SPOOL_TMP_PREFIX ".tmp-"
/* Largest spool file read back: the message cap plus the envelope. */
#define SPOOL_MAX_FILE ((size_t)512 * 1024 * 1024)
/* Longest path we build (dir + "/bad/" + name). */
#define SPOOL_PATH_MAX 4096

/* spool_read_file results besides 0 */
#define READ_IO (-1)		/* could not read: leave the file alone */
#define READ_BAD (-2)		/* not a spool file: quarantine it */
#define READ_GONE (-3)		/* vanished meanwhile */

static atomic_ullong last_ns;
static atomic_uint seq;

/* next_ns - wall-clock nanoseconds, strictly increasing in this process */
static unsigned long long
next_ns(void)
{
	struct timespec ts;
	unsigned long long now, old, next;

	clock_gettime(CLOCK_REALTIME, &ts);
	now = (unsigned long long)ts.tv_sec * 1000000000ULL +
	    (unsigned long long)ts.tv_nsec;
	old = atomic_load(&last_ns);
	do {
		next = now > old ? now : old + 1;
	} while (!atomic_compare_exchange_weak(&last_ns, &old, next));
	return next;
}

/* is_spool_name - a finished spool file's name (not a temporary, not bad/) */
static bool
is_spool_name(const char *name)
{
	size_t n = strlen(name), sl = strlen(SPOOL_SUFFIX);

	return name[0] != '.' && n > sl &&
	    strcmp(name + n - sl, SPOOL_SUFFIX) == 0;
}

/* join - dir/name into out; -1 with e set when too long */
static int
join(char *out, size_t outlen, const char *dir, const char *name,
    struct err *e)
{
	int n = snprintf(out, outlen, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= outlen)
		return err_set(e, "spool: path too long: %s/%s", dir, name);
	return 0;
}

/*
 * dir_open - open dir, a directory of ours that group and others cannot
 * write to, without following a symbolic link to it; create it (mode
 * 0700) when create is set.  Every later step works from the descriptor
 * (openat, renameat, unlinkat), so a link planted in the spool is moved
 * or removed itself, never what it points to.  Returns the descriptor,
 * SPOOL_MISSING (missing and not created), or -1 with e set.
 */
#define SPOOL_MISSING (-2)

static int
dir_open(const char *dir, bool create, struct err *e)
{
	struct stat sb;
	int fd;

	if (dir == NULL || *dir == '\0')
		return err_set(e, "spool: no SpoolDir");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (!create)
			return SPOOL_MISSING;
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			return err_set(e, "spool: cannot create %s: %s", dir,
			    strerror(errno));
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			return err_set(e, "spool: %s: not a directory (a "
			    "symbolic link is not followed)", dir);
		return err_set(e, "spool: %s: %s", dir, strerror(errno));
	}
	if (fstat(fd, &sb) < 0) {
		err_set(e, "spool: %s: %s", dir, strerror(errno));
		goto fail;
	}
	if ((sb.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		err_set(e, "spool: %s: writable by group or others (mode "
		    "%04o); refusing it", dir, (unsigned)(sb.st_mode & 07777));
		goto fail;
	}
	if (sb.st_uid != geteuid() && geteuid() != 0) {
		err_set(e, "spool: %s: owned by uid %ld, not by us", dir,
		    (long)sb.st_uid);
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

/*
 * dir_list - dir_open (never creating) and a directory stream over it in
 * *d, which the caller closes with closedir.  0, SPOOL_MISSING, or -1
 * with e set.
 */
static int
dir_list(const char *dir, DIR **d, struct err *e)
{
	int dfd = dir_open(dir, false, e);

	if (dfd < 0)
		return dfd;
	if ((*d = fdopendir(dfd)) == NULL) {
		close(dfd);
		return err_set(e, "spool: %s: %s", dir, strerror(errno));
	}
	return 0;
}

/* write_all - every byte, retrying short writes; -1 with errno */
static int
write_all(int fd, const void *p, size_t len)
{
	const char *c = p;

	while (len > 0) {
		ssize_t n = write(fd, c, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

/* put_field - "K <len>\n<bytes>\n" for one envelope field */
static int
put_field(struct buf *b, char key, const char *v, struct err *e)
{
	size_t n = strlen(v);

	if (n > SPOOL_MAX_FIELD)
		return err_set(e, "spool: envelope field of %zu bytes is too "
		    "long", n);
	if (buf_printf(b, "%c %zu\n", key, n) < 0 ||
	    buf_append(b, v, n) < 0 || buf_putc(b, '\n') < 0)
		return err_set(e, "spool: out of memory");
	return 0;
}

/* envelope_head - the magic line and every field up to "D <len>\n" */
static int
envelope_head(struct buf *b, const struct envelope *env, size_t len,
    struct err *e)
{
	size_t n = 0;

	if (buf_puts(b, SPOOL_MAGIC) < 0)
		return err_set(e, "spool: out of memory");
	if (put_field(b, 'F', env != NULL && env->mail_from != NULL ?
	    env->mail_from : "", e) < 0)
		return -1;
	if (env != NULL && env->auth_user != NULL &&
	    put_field(b, 'A', env->auth_user, e) < 0)
		return -1;
	/* the owner's locally submitted mail stays the owner's on replay */
	if (env != NULL && env->local && put_field(b, 'L', "1", e) < 0)
		return -1;
	for (; env != NULL && env->rcpt != NULL && env->rcpt[n] != NULL; n++) {
		if (n == SPOOL_MAX_RCPTS)
			return err_set(e, "spool: more than %d recipients",
			    SPOOL_MAX_RCPTS);
		if (put_field(b, 'R', env->rcpt[n], e) < 0)
			return -1;
	}
	if (buf_printf(b, "D %zu\n", len) < 0)
		return err_set(e, "spool: out of memory");
	return 0;
}

int
spool_write(const char *dir, const char *data, size_t len, size_t max,
    const struct envelope *env, char *name, size_t namelen, struct err *e)
{
	char base[96], tmp_base[112];
	struct buf head;
	int dfd, fd = -1;

	if (max > 0 && len > max)
		len = max;
	if (data == NULL)
		len = 0;
	if ((dfd = dir_open(dir, true, e)) < 0)
		return -1;
	snprintf(base, sizeof(base), "%020llu-%010u-%ld" SPOOL_SUFFIX,
	    next_ns(), atomic_fetch_add(&seq, 1), (long)getpid());
	snprintf(tmp_base, sizeof(tmp_base), SPOOL_TMP_PREFIX "%s", base);

	buf_init(&head, (size_t)SPOOL_MAX_RCPTS * (SPOOL_MAX_FIELD + 32) +
	    4096);
	if (envelope_head(&head, env, len, e) < 0)
		goto fail;
	fd = openat(dfd, tmp_base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(e, "spool: cannot create %s/%s: %s", dir, tmp_base,
		    strerror(errno));
		goto fail;
	}
	/* exactly 0600 whatever the umask */
	if (fchmod(fd, 0600) < 0 || write_all(fd, head.data, head.len) < 0 ||
	    write_all(fd, data, len) < 0 || write_all(fd, "\n", 1) < 0 ||
	    fsync(fd) < 0) {
		err_set(e, "spool: cannot write %s/%s: %s", dir, tmp_base,
		    strerror(errno));
		goto fail_unlink;
	}
	if (close(fd) < 0) {
		fd = -1;
		err_set(e, "spool: cannot write %s/%s: %s", dir, tmp_base,
		    strerror(errno));
		goto fail_unlink;
	}
	fd = -1;
	if (renameat(dfd, tmp_base, dfd, base) < 0) {
		err_set(e, "spool: rename %s/%s: %s", dir, base,
		    strerror(errno));
		goto fail_unlink;
	}
	buf_free(&head);
	/* the file is there; a failure here only puts durability in doubt */
	if (fsync(dfd) < 0 && errno != EINVAL) {
		err_set(e, "spool: fsync %s: %s", dir, strerror(errno));
		close(dfd);
		return -1;
	}
	close(dfd);
	if (name != NULL && namelen > 0)
		snprintf(name, namelen, "%s", base);
	return 0;
fail_unlink:
	if (fd >= 0)
		close(fd);
	unlinkat(dfd, tmp_base, 0);
fail:
	buf_free(&head);
	close(dfd);
	return -1;
}

long
spool_depth(const char *dir, struct err *e)
{
	struct dirent *de;
	long n = 0;
	DIR *d;
	int dfd;

	/* only counts names: no ownership or mode check, but no link either */
	if (dir == NULL || *dir == '\0')
		return err_set(e, "spool: no SpoolDir");
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0 && errno == ENOENT)
		return 0;
	if (dfd < 0 || (d = fdopendir(dfd)) == NULL) {
		err_set(e, "spool: %s: %s", dir, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (is_spool_name(de->d_name))
			n++;
	closedir(d);
	return n;
}

int
spool_clean(const char *dir, size_t *removed, struct err *e)
{
	struct dirent *de;
	DIR *d;
	int rc;

	*removed = 0;
	if ((rc = dir_list(dir, &d, e)) < 0)
		return rc == SPOOL_MISSING ? 0 : -1;
	while ((de = readdir(d)) != NULL) {
		const char *dash;
		char *end;
		long pid;

		if (strncmp(de->d_name, SPOOL_TMP_PREFIX,
		    strlen(SPOOL_TMP_PREFIX)) != 0)
			continue;
		/* ".tmp-NS-SEQ-PID.msg": keep what a live writer is making */
		dash = strrchr(de->d_name, '-');
		pid = dash != NULL ? strtol(dash + 1, &end, 10) : 0;
		if (pid > 0 && pid != (long)getpid() &&
		    (kill((pid_t)pid, 0) == 0 || errno == EPERM))
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == 0) {
			msg_info("spool: removed %s/%s, left by a writer that "
			    "stopped", dir, de->d_name);
			(*removed)++;
		}
	}
	closedir(d);
	return 0;
}

void
spool_msg_clear(struct spool_msg *m)
{
	if (m == NULL)
		return;
	free(m->name);
	free(m->mail_from);
	free(m->auth_user);
	strvec_free(&m->rcpts);
	free(m->rcpt);
	free(m->data);
	memset(m, 0, sizeof(*m));
}

/* parse_len - "<digits>\n" at *pos; the value, or -1 (malformed) */
static long long
parse_len(const char *p, size_t end, size_t *pos)
{
	unsigned long long v = 0;
	size_t i = *pos, start = i;

	while (i < end && p[i] >= '0' && p[i] <= '9' && i - start < 12) {
		v = v * 10 + (unsigned long long)(p[i] - '0');
		i++;
	}
	if (i == start || i >= end || p[i] != '\n')
		return -1;
	*pos = i + 1;
	return (long long)v;
}

/*
 * parse - the fields of one file held in p (len bytes, owned by the caller
 * until the data field is found: then p becomes m->data).  0 or READ_BAD.
 */
static int
parse(char *p, size_t len, struct spool_msg *m, struct err *e)
{
	size_t pos = strlen(SPOOL_MAGIC), n;
	bool have_from = false;
	long long v;
	char key;

	if (len < pos || memcmp(p, SPOOL_MAGIC, pos) != 0) {
		err_set(e, "not a spool file (no header)");
		return READ_BAD;
	}
	while (pos < len) {
		key = p[pos];
		if (pos + 2 > len || p[pos + 1] != ' ') {
			err_set(e, "malformed field at byte %zu", pos);
			return READ_BAD;
		}
		pos += 2;
		if ((v = parse_len(p, len, &pos)) < 0 ||
		    (unsigned long long)v >= len - pos ||
		    p[pos + (size_t)v] != '\n') {
			err_set(e, "bad length at byte %zu", pos);
			return READ_BAD;
		}
		n = (size_t)v;
		if (key == 'D') {
			if (pos + n + 1 != len || !have_from) {
				err_set(e, "message is not the last field, "
				    "or no sender field");
				return READ_BAD;
			}
			memmove(p, p + pos, n);
			p[n] = '\0';
			m->data = p;
			m->len = n;
			return 0;
		}
		if (n > SPOOL_MAX_FIELD || memchr(p + pos, '\0', n) != NULL) {
			err_set(e, "bad envelope field at byte %zu", pos);
			return READ_BAD;
		}
		if (key == 'F' && !have_from) {
			have_from = true;
			if ((m->mail_from = xstrndup(p + pos, n)) == NULL)
				return err_set(e, "out of memory");
		} else if (key == 'A' && m->auth_user == NULL) {
			if ((m->auth_user = xstrndup(p + pos, n)) == NULL)
				return err_set(e, "out of memory");
		} else if (key == 'L' && n == 1 && p[pos] == '1') {
			m->env.local = true;
		} else if (key == 'R' && m->rcpts.n < SPOOL_MAX_RCPTS) {
			char *r = xstrndup(p + pos, n);

			if (r == NULL || strvec_push_owned(&m->rcpts, r) < 0)
				return err_set(e, "out of memory");
		} else {
			err_set(e, "unexpected field '%c' at byte %zu", key,
			    pos);
			return READ_BAD;
		}
		pos += n + 1;
	}
	err_set(e, "truncated: no message field");
	return READ_BAD;
}

/* envelope_view - point m->env at the fields; -1 on ENOMEM */
static int
envelope_view(struct spool_msg *m, struct err *e)
{
	m->rcpt = calloc(m->rcpts.n + 1, sizeof(*m->rcpt));
	if (m->rcpt == NULL)
		return err_set(e, "out of memory");
	for (size_t i = 0; i < m->rcpts.n; i++)
		m->rcpt[i] = m->rcpts.v[i];
	m->env.mail_from = m->mail_from;
	m->env.auth_user = m->auth_user;
	m->env.rcpt = m->rcpt;
	return 0;
}

/*
 * spool_read_file - name in the directory dfd (AT_FDCWD: a path); 0,
 * READ_IO, READ_BAD or READ_GONE; e says why.  A symbolic link, a
 * special file or a file with other hard links is READ_BAD: never read.
 */
static int
spool_read_file(int dfd, const char *path, struct spool_msg *m, struct err *e)
{
	struct stat sb;
	size_t got = 0;
	char *p = NULL;
	int fd, rc;

	memset(m, 0, sizeof(*m));
	strvec_init(&m->rcpts);
	fd = openat(dfd, path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		err_set(e, "%s", strerror(errno));
		if (errno == ENOENT)
			return READ_GONE;
		return errno == ELOOP ? READ_BAD : READ_IO;
	}
	if (fstat(fd, &sb) < 0) {
		err_set(e, "%s", strerror(errno));
		close(fd);
		return READ_IO;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_nlink != 1 ||
	    (size_t)sb.st_size > SPOOL_MAX_FILE) {
		err_set(e, "not a regular file with one link, or larger than "
		    "%zu bytes", SPOOL_MAX_FILE);
		close(fd);
		return READ_BAD;
	}
	if ((p = malloc((size_t)sb.st_size + 1)) == NULL) {
		err_set(e, "out of memory");
		close(fd);
		return READ_IO;
	}
	while (got < (size_t)sb.st_size) {
		ssize_t n = read(fd, p + got, (size_t)sb.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err_set(e, "%s", n < 0 ? strerror(errno) :
			    "shorter than its size");
			close(fd);
			free(p);
			return READ_IO;
		}
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	rc = parse(p, got, m, e);
	if (rc == 0 && envelope_view(m, e) < 0)
		rc = READ_IO;
	if (m->data != p)
		free(p);
	return rc;
}

/*
 * spooled_at - when a message was spooled, from the nanoseconds that start
 * its file name (spool_write); 0 when the name does not start so
 */
static time_t
spooled_at(const char *name)
{
	unsigned long long ns = 0;

	for (int i = 0; i < 20; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		ns = ns * 10 + (unsigned long long)(name[i] - '0');
	}
	return name[20] == '-' ? (time_t)(ns / 1000000000ULL) : 0;
}

int
spool_read(const char *path, struct spool_msg *m, struct err *e)
{
	const char *slash = strrchr(path, '/');
	int rc = spool_read_file(AT_FDCWD, path, m, e);

	if (rc == 0 && (m->name = strdup(slash ? slash + 1 : path)) == NULL) {
		err_set(e, "out of memory");
		return -1;
	}
	if (rc == 0)
		m->env.received_at = spooled_at(m->name);
	return rc == 0 ? 0 : -1;
}

/* list - the spool files of the open directory d, oldest first */
static int
list(DIR *d, const char *dir, struct strvec *names, struct err *e)
{
	struct dirent *de;

	errno = 0;
	while ((de = readdir(d)) != NULL) {
		if (is_spool_name(de->d_name) &&
		    strvec_push(names, de->d_name) < 0)
			return err_set(e, "spool: out of memory");
		errno = 0;
	}
	if (errno != 0)
		return err_set(e, "spool: %s: %s", dir, strerror(errno));
	strvec_sort(names);
	return 0;
}

/*
 * quarantine - move name into dir/bad/ with a warning; -1 with e set.
 * bad/ must be a directory of ours (a link named bad is not followed),
 * and the entry is moved by name, so a link moves as a link.
 */
static int
quarantine(int dfd, const char *dir, const char *name, const char *why,
    struct err *e)
{
	struct stat sb;
	int bfd;

	if (mkdirat(dfd, SPOOL_BAD_DIR, 0700) < 0 && errno != EEXIST)
		return err_set(e, "spool: cannot create %s/%s: %s", dir,
		    SPOOL_BAD_DIR, strerror(errno));
	bfd = openat(dfd, SPOOL_BAD_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (bfd < 0)
		return err_set(e, "spool: %s/%s: not a directory of ours (a "
		    "symbolic link is not followed): %s", dir, SPOOL_BAD_DIR,
		    strerror(errno));
	if (fstat(bfd, &sb) < 0 || (sb.st_uid != geteuid() &&
	    geteuid() != 0) || (sb.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		close(bfd);
		return err_set(e, "spool: %s/%s: not a directory of ours, or "
		    "writable by others", dir, SPOOL_BAD_DIR);
	}
	if (renameat(dfd, name, bfd, name) < 0) {
		err_set(e, "spool: cannot move %s/%s to %s/: %s", dir, name,
		    SPOOL_BAD_DIR, strerror(errno));
		close(bfd);
		return -1;
	}
	close(bfd);
	msg_warn("spool: %s/%s: %s; moved to %s/%s/", dir, name, why, dir,
	    SPOOL_BAD_DIR);
	return 0;
}

/* replay_one - read one file and offer it; a spool_verdict, or READ_* */
static int
replay_one(int dfd, const char *dir, const char *name, spool_fn fn,
    void *arg, struct spool_stats *st, struct err *e)
{
	char path[SPOOL_PATH_MAX];
	struct spool_msg m;
	struct err why;
	int rc;

	if (join(path, sizeof(path), dir, name, e) < 0)
		return SPOOL_FAIL;
	rc = spool_read_file(dfd, name, &m, &why);
	if (rc == 0 && (m.name = strdup(name)) == NULL) {
		err_set(&why, "out of memory");
		rc = READ_IO;
	}
	/* replayed mail keeps the moment it arrived, as spool_read gives it */
	if (rc == 0)
		m.env.received_at = spooled_at(name);
	if (rc == READ_GONE) {
		spool_msg_clear(&m);
		return SPOOL_DONE;
	}
	if (rc == READ_IO) {
		spool_msg_clear(&m);
		return err_set(e, "spool: %s: %s", path, why.msg);
	}
	if (rc == 0)
		rc = fn(&m, arg, &why);
	spool_msg_clear(&m);
	if (rc == SPOOL_FAIL) {
		*e = why;
		return SPOOL_FAIL;
	}
	if (rc != SPOOL_DONE) {
		if (quarantine(dfd, dir, name, why.msg, e) < 0)
			return SPOOL_FAIL;
		st->quarantined++;
		return SPOOL_DONE;
	}
	if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
		return err_set(e, "spool: cannot remove %s: %s", path,
		    strerror(errno));
	st->replayed++;
	return SPOOL_DONE;
}

int
spool_replay(const char *dir, size_t max, spool_fn fn, void *arg,
    struct spool_stats *st, struct err *e)
{
	struct strvec names;
	size_t i = 0;
	DIR *d;
	int dfd, rc = 0;

	memset(st, 0, sizeof(*st));
	if ((rc = dir_list(dir, &d, e)) < 0)
		return rc == SPOOL_MISSING ? 0 : -1;
	dfd = dirfd(d);
	if (flock(dfd, LOCK_EX | LOCK_NB) < 0) {
		closedir(d);
		if (errno == EWOULDBLOCK) {
			st->busy = true;
			return 0;
		}
		return err_set(e, "spool: lock %s: %s", dir, strerror(errno));
	}
	strvec_init(&names);
	if (list(d, dir, &names, e) < 0) {
		rc = -1;
		goto out;
	}
	for (; i < names.n && (max == 0 || i < max); i++) {
		if (replay_one(dfd, dir, names.v[i], fn, arg, st, e) != 0) {
			rc = -1;
			break;
		}
	}
	if (st->replayed + st->quarantined > 0 && fsync(dfd) < 0 &&
	    errno != EINVAL)
		msg_warn("spool: fsync %s: %s", dir, strerror(errno));
out:
	st->left = names.n - st->replayed - st->quarantined;
	strvec_free(&names);
	closedir(d);		/* releases the lock */
	return rc;
}
