/*
 * check - clientele-milter -n: is this configuration ready to run?
 *
 *	clientele-milter -n|-N [-c FILE] [-p SOCKET] [-u USER] [-P PIDFILE]
 *
 * Checks what can be checked without binding the socket or writing to the
 * store: the file exists and parses (with its rules and value set), the
 * socket spec, OwnDomains or OwnAddresses set, the UserID user and the
 * SocketGroup group exist, the directories of a unix socket and of the
 * pid file exist, and the user the filter will run as (UserID, or the
 * caller) can write the database and the spool.  A server's store
 * (PostgreSQL) is connected to and asked whether this role could use or
 * create it (store_database_probe): a wrong password, no such database or
 * no server is a problem in libpq's words, never echoing the password.
 * Each problem is one line on stderr, "FILE:LINE: Key: problem" when a
 * line of the file set the value, "FILE: problem" otherwise; exit 1 if
 * there was any, 3 if the only one is that the server's store cannot be
 * used now (the filter itself would start and spool; -N, the systemd
 * unit's check, exits 0 then, after the problem line and an "OK, but"
 * line), else one "configuration OK" line on stdout and exit 0.
 *
 * The write checks run in a child process that becomes that user (when
 * run as root), so they test the real permissions; as another user they
 * can only be done for the caller itself and say so.  Nothing is created
 * or changed.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "milter.h"

struct checker {
	const struct config *cfg;
	const char *path;	/* the configuration file */
	const char *pid_file;	/* NULL: none */
	const char *sock_path;	/* a unix socket's file, or NULL */
	bool overridden_pid, overridden_sock;	/* -P, -p: no line to name */
	bool probe;		/* a server's store: connect to it (as_user) */
	bool unreachable;	/* and it could not be used now */
	int problems;
};

/* problem - one line naming the file, and the key's line when set there */
__attribute__((format(printf, 3, 4)))
static void
problem(struct checker *k, const char *key, const char *fmt, ...)
{
	unsigned long line = key != NULL ? config_key_line(k->cfg, key) : 0;
	va_list ap;

	if (line > 0)
		fprintf(stderr, "%s:%lu: %s: ", k->path, line, key);
	else if (key != NULL)
		fprintf(stderr, "%s: %s: ", k->path, key);
	else
		fprintf(stderr, "%s: ", k->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	k->problems++;
}

/* parent_dir - the directory part of path into out ("." when none) */
static void
parent_dir(const char *path, char *out, size_t outlen)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(out, outlen, ".");
	else if (slash == path)
		snprintf(out, outlen, "/");
	else
		snprintf(out, outlen, "%.*s", (int)(slash - path), path);
}

/* dir_exists - the directory of path exists, or one problem line */
static void
dir_exists(struct checker *k, const char *key, const char *what,
    const char *path)
{
	char dir[PATH_MAX];
	struct stat sb;

	parent_dir(path, dir, sizeof(dir));
	if (stat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
		problem(k, key, "the directory of the %s, %s, does not exist",
		    what, dir);
}

/* dir_of_exists - the directory of path exists (already reported if not) */
static bool
dir_of_exists(const char *path)
{
	char dir[PATH_MAX];
	struct stat sb;

	parent_dir(path, dir, sizeof(dir));
	return stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* writable - as the current user: path (if it exists) and its directory */
static void
writable(struct checker *k, const char *key, const char *what,
    const char *path, const char *who)
{
	char dir[PATH_MAX];
	struct stat sb;

	parent_dir(path, dir, sizeof(dir));
	if (stat(path, &sb) == 0) {
		if (access(path, R_OK | W_OK) < 0)
			problem(k, key, "%s %s is not writable by %s", what,
			    path, who);
	} else if (errno != ENOENT) {
		problem(k, key, "%s %s: %s", what, path, strerror(errno));
		return;
	}
	if (stat(dir, &sb) < 0)
		problem(k, key, "the directory of the %s, %s, does not exist",
		    what, dir);
	else if (access(dir, W_OK | X_OK) < 0)
		problem(k, key, "%s cannot create files in %s, where the %s "
		    "goes", who, dir, what);
}

/* spool_ok - SpoolDir as the current user: ours, private, writable */
static void
spool_ok(struct checker *k, const char *dir, const char *who)
{
	struct stat sb;

	if (lstat(dir, &sb) < 0) {
		if (errno == ENOENT) {
			/* the milter makes it on first use */
			writable(k, "SpoolDir", "spool directory", dir, who);
			return;
		}
		problem(k, "SpoolDir", "%s: %s", dir, strerror(errno));
		return;
	}
	if (!S_ISDIR(sb.st_mode))
		problem(k, "SpoolDir", "%s is not a directory (a symbolic link "
		    "is not followed)", dir);
	else if (sb.st_uid != geteuid())
		problem(k, "SpoolDir", "%s is owned by uid %ld, not by %s",
		    dir, (long)sb.st_uid, who);
	else if ((sb.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		problem(k, "SpoolDir", "%s is writable by group or others "
		    "(mode %04o); chmod 0700 it", dir,
		    (unsigned)(sb.st_mode & 07777));
	else if (access(dir, W_OK | X_OK) < 0)
		problem(k, "SpoolDir", "%s is not writable by %s", dir, who);
}

/*
 * server_ok - a server's store (PostgreSQL), connected to as the current
 * user (peer authentication goes by it): could it be used now?
 */
static void
server_ok(struct checker *k)
{
	struct err e = { "" };

	if (!k->probe || store_database_probe(k->cfg->database, &e) == 0)
		return;
	problem(k, "Database", "%s (the filter would start, and keep mail in "
	    "the spool until the store can be used)", e.msg);
	k->unreachable = true;
}

/* become - setgid/initgroups/setuid to pw in a child; -1 on failure */
static int
become(const struct passwd *pw)
{
	if (initgroups(pw->pw_name, pw->pw_gid) < 0 ||
	    setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0)
		return -1;
	return 0;
}

/*
 * as_user - the write checks as pw (NULL: the caller); the child's
 * problem lines go to stderr, its count comes back as the exit status.
 */
static void
as_user(struct checker *k, const struct passwd *pw)
{
	const char *who = pw != NULL ? pw->pw_name : "this user";
	int status;
	pid_t pid;

	if (pw != NULL && geteuid() != 0 && geteuid() != pw->pw_uid) {
		fprintf(stderr, "%s: note: not root, so the database and spool "
		    "were not checked as %s\n", k->path, pw->pw_name);
		server_ok(k);
		return;
	}
	/* a missing directory was reported already: say it once */
	if (k->pid_file != NULL && !dir_of_exists(k->pid_file))
		k->pid_file = NULL;
	if (k->sock_path != NULL && !dir_of_exists(k->sock_path))
		k->sock_path = NULL;
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		problem(k, NULL, "fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		struct checker c = *k;

		c.problems = 0;

		if (pw != NULL && geteuid() != pw->pw_uid && become(pw) < 0) {
			problem(&c, "UserID", "cannot become %s: %s",
			    pw->pw_name, strerror(errno));
			_exit(1);
		}
		/* a server's store has no file here, but a connection */
		server_ok(&c);
		if (store_database_file(k->cfg->database) != NULL)
			writable(&c, "Database", "database",
			    store_database_file(k->cfg->database), who);
		spool_ok(&c, k->cfg->spool_dir, who);
		/* written, and removed at exit, after the drop to UserID */
		if (k->pid_file != NULL)
			writable(&c, k->overridden_pid ? NULL : "PidFile",
			    "pid file", k->pid_file, who);
		/* made as root, but removed at exit as UserID */
		if (k->sock_path != NULL)
			writable(&c, k->overridden_sock ? NULL : "Socket",
			    "socket", k->sock_path, who);
		fflush(stderr);
		/* the count, and 128 when the server's store was unusable */
		_exit((c.problems > 100 ? 100 : c.problems) +
		    (c.unreachable ? 128 : 0));
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		problem(k, NULL, "the check as %s did not finish", who);
		return;
	}
	k->problems += WEXITSTATUS(status) & 127;
	k->unreachable = (WEXITSTATUS(status) & 128) != 0;
}

/* user_of - the user part of "USER" or "USER:GROUP" into out */
static const char *
user_of(const char *spec, char *out, size_t outlen)
{
	size_t n = strcspn(spec, ":");

	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, spec, n);
	out[n] = '\0';
	return out;
}

int
offline_check(const char *config_path, bool missing_ok,
    const char *socket_override, const char *user_override,
    const char *pid_override, bool server_warns)
{
	struct checker k = { .path = config_path };
	const struct passwd *pw = NULL;
	const char *sock, *user, *pid_file, *upath;
	char name[256];
	struct snapshot *s;
	struct stat sb;
	struct err e;

	(void)missing_ok;	/* -n wants the file, default path or not */
	if (stat(config_path, &sb) < 0) {
		fprintf(stderr, "%s: %s\n", config_path, strerror(errno));
		return 1;
	}
	s = snapshot_load(config_path, false, &e);
	if (s == NULL) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	k.cfg = s->cfg;
	sock = socket_override != NULL ? socket_override : s->cfg->socket;
	user = user_override != NULL ? user_override : s->cfg->user_id;
	pid_file = pid_override != NULL ? pid_override : s->cfg->pid_file;

	if (sock != NULL && socket_check(sock, &e) < 0)
		problem(&k, socket_override ? NULL : "Socket", "%s", e.msg);
	if ((upath = socket_unix_path(sock)) != NULL)
		dir_exists(&k, socket_override ? NULL : "Socket", "socket",
		    upath);
	if (store_database_check(s->cfg->database, &e) < 0)
		problem(&k, "Database", "%s", e.msg);
	else
		k.probe = store_database_file(s->cfg->database) == NULL;
	if (s->cfg->own_domains.n == 0 && s->cfg->own_addresses.n == 0)
		problem(&k, NULL, "neither OwnDomains nor OwnAddresses is set: "
		    "the owner's own mail would be taken for customers' mail");
	if (user != NULL && *user != '\0') {
		pw = getpwnam(user_of(user, name, sizeof(name)));
		if (pw == NULL)
			problem(&k, user_override ? NULL : "UserID",
			    "no user named %s", name);
		if (strchr(user, ':') != NULL &&
		    getgrnam(strchr(user, ':') + 1) == NULL)
			problem(&k, user_override ? NULL : "UserID",
			    "no group named %s", strchr(user, ':') + 1);
	}
	if (s->cfg->socket_group != NULL &&
	    getgrnam(s->cfg->socket_group) == NULL)
		problem(&k, "SocketGroup", "no group named %s",
		    s->cfg->socket_group);
	if (pid_file != NULL && *pid_file != '\0') {
		dir_exists(&k, pid_override ? NULL : "PidFile", "pid file",
		    pid_file);
		k.pid_file = pid_file;
		k.overridden_pid = pid_override != NULL;
	}
	k.sock_path = upath;
	k.overridden_sock = socket_override != NULL;
	/* without a known user the write checks would test the wrong one */
	if (user == NULL || *user == '\0' || pw != NULL)
		as_user(&k, pw);
	else
		server_ok(&k);
	if (k.problems == 0)
		printf("%s: configuration OK\n", config_path);
	else if (k.problems == 1 && k.unreachable && server_warns)
		printf("%s: configuration OK, but the store's server cannot be "
		    "used now: the filter keeps mail in the spool until it "
		    "can\n", config_path);
	snapshot_free(s);
	if (k.problems == 1 && k.unreachable)
		return server_warns ? 0 : 3;
	return k.problems == 0 ? 0 : 1;
}
