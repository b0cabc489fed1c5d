/*
 * main - the clientele-milter process: options, daemon, privileges, pid
 * file and signals.
 *
 *	clientele-milter [-c FILE] [-p SOCKET] [-f] [-u USER] [-P PIDFILE]
 *	                 [-t FILE...] [-n] [-V]
 *
 * Order of start-up: read the configuration; open the milter socket (as
 * root, so it may live in a root-owned directory) and set its mode and
 * group; detach unless -f; write the pid file; drop to UserID; then run
 * libmilter.  The store is opened after the drop, by the replay of any
 * spooled mail (state_replay) or by the first message.
 *
 * Signals: SIGUSR1 reloads the configuration and rules without dropping a
 * connection (a dedicated thread sigwait()s for it; every other thread has
 * it blocked).  SIGTERM and SIGINT make libmilter stop cleanly; libmilter
 * treats SIGHUP as a stop too, so reload is SIGUSR1, never SIGHUP.
 *
 * It owns the process-wide things (pid file, reload thread); the snapshot
 * and the store belong to state.c, the connections to callbacks.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <libmilter/mfapi.h>

#if defined(__has_include)
#if __has_include("clientele/version.h")
#include "util/version.h"
#endif
#endif
#ifndef CLIENTELE_VERSION
#define CLIENTELE_VERSION "0.1.0"
#endif

#include "util/log.h"
#include "milter.h"

struct options {
	const char *config;	/* -c, or NULL for the default path */
	const char *socket;	/* -p overrides Socket */
	const char *user;	/* -u overrides UserID */
	const char *pid_file;	/* -P overrides PidFile */
	bool foreground;	/* -f */
	bool test;		/* -t */
	bool check;		/* -n or -N */
	bool server_warns;	/* -N: an unreachable store server only warns */
	bool version;		/* -V */
};

/* For the reload thread: set once before it starts, then only read. */
static const char *reload_path;
static bool reload_missing_ok;
static atomic_bool stopping;

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [-c FILE] [-p SOCKET] [-f] [-u USER] [-P PIDFILE] [-n|-N] [-V]\n"
	    "       %s [-c FILE] -t FILE...\n"
	    "  -c FILE     configuration file (default %s)\n"
	    "  -p SOCKET   inet:PORT@HOST, inet6:PORT@HOST, unix:PATH or local:PATH\n"
	    "  -f          stay in the foreground and log to stderr\n"
	    "  -u USER     run as USER (or USER:GROUP) after opening the socket\n"
	    "  -P PIDFILE  write the process id to PIDFILE\n"
	    "  -t          run the pipeline on message files, print the facts\n"
	    "  -n          check the configuration and rules, then exit\n"
	    "  -N          as -n, but a store server that cannot be reached now\n"
	    "              only warns (the filter starts and spools)\n"
	    "  -V          print the version and exit\n",
	    MILTER_NAME, MILTER_NAME, CONFIG_DEFAULT_PATH);
}

/* parse_options - 0, or 2 on a usage error (already reported) */
static int
parse_options(int argc, char **argv, struct options *o)
{
	int ch;

	memset(o, 0, sizeof(*o));
	while ((ch = getopt(argc, argv, "c:p:fu:P:tnNVh")) != -1) {
		switch (ch) {
		case 'c': o->config = optarg; break;
		case 'p': o->socket = optarg; break;
		case 'f': o->foreground = true; break;
		case 'u': o->user = optarg; break;
		case 'P': o->pid_file = optarg; break;
		case 't': o->test = true; break;
		case 'n': o->check = true; break;
		case 'N': o->check = o->server_warns = true; break;
		case 'V': o->version = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return 2;
		}
	}
	if (!o->test && optind < argc) {
		fprintf(stderr, "%s: unexpected argument: %s\n", MILTER_NAME,
		    argv[optind]);
		usage(stderr);
		return 2;
	}
	if (o->test && optind >= argc) {
		fprintf(stderr, "%s: -t needs at least one message file\n",
		    MILTER_NAME);
		return 2;
	}
	return 0;
}

/* parse_mode - an octal file mode such as "0660"; -1 if invalid */
static long
parse_mode(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 8);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 07777)
		return -1;
	return v;
}

/* lookup_group - a group name or number; -1 with e set if unknown */
static int
lookup_group(const char *name, gid_t *gid, struct err *e)
{
	struct group *gr = getgrnam(name);
	char *end;
	long v;

	if (gr != NULL) {
		*gid = gr->gr_gid;
		return 0;
	}
	errno = 0;
	v = strtol(name, &end, 10);
	if (errno == 0 && end != name && *end == '\0' && v >= 0) {
		*gid = (gid_t)v;
		return 0;
	}
	return err_set(e, "unknown group %s", name);
}

/* socket_permissions - SocketMode and SocketGroup on a unix socket */
static int
socket_permissions(const struct config *cfg, const char *spec, struct err *e)
{
	const char *path = socket_unix_path(spec);
	gid_t gid;
	long mode;

	if (path == NULL)
		return 0;
	if (cfg->socket_mode != NULL) {
		mode = parse_mode(cfg->socket_mode);
		if (mode < 0)
			return err_set(e, "bad SocketMode %s", cfg->socket_mode);
		if (chmod(path, (mode_t)mode) < 0)
			return err_set(e, "chmod %s: %s", path, strerror(errno));
	}
	if (cfg->socket_group != NULL) {
		if (lookup_group(cfg->socket_group, &gid, e) < 0)
			return -1;
		if (chown(path, (uid_t)-1, gid) < 0)
			return err_set(e, "chown %s: %s", path, strerror(errno));
	}
	return 0;
}

/*
 * drop_privileges - become USER (or USER:GROUP) with its supplementary
 * groups.  Without root it only checks that we already are that user.
 */
static int
drop_privileges(const char *spec, struct err *e)
{
	char name[256];
	const char *colon;
	struct passwd *pw;
	gid_t gid;
	size_t len;

	if (spec == NULL || *spec == '\0') {
		if (geteuid() == 0)
			msg_warn("running as root: set UserID or -u");
		return 0;
	}
	colon = strchr(spec, ':');
	len = colon != NULL ? (size_t)(colon - spec) : strlen(spec);
	if (len == 0 || len >= sizeof(name))
		return err_set(e, "bad user %s", spec);
	memcpy(name, spec, len);
	name[len] = '\0';
	pw = getpwnam(name);
	if (pw == NULL)
		return err_set(e, "unknown user %s", name);
	gid = pw->pw_gid;
	if (colon != NULL && lookup_group(colon + 1, &gid, e) < 0)
		return -1;
	if (geteuid() != 0) {
		if (geteuid() == pw->pw_uid)
			return 0;
		return err_set(e, "cannot become %s: not running as root",
		    name);
	}
	if (initgroups(name, gid) < 0)
		return err_set(e, "initgroups %s: %s", name, strerror(errno));
	if (setgid(gid) < 0)
		return err_set(e, "setgid %ld: %s", (long)gid, strerror(errno));
	if (setuid(pw->pw_uid) < 0)
		return err_set(e, "setuid %s: %s", name, strerror(errno));
	if (pw->pw_uid != 0 && setuid(0) == 0)
		return err_set(e, "could regain root after dropping to %s",
		    name);
	return 0;
}

/* pidfile_write - the process id, owner-only (0600), never through a symlink */
static int
pidfile_write(const char *path, struct err *e)
{
	char line[32];
	int fd, n;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0600);
	if (fd < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	/* a file left by an earlier run keeps its mode unless told */
	if (fchmod(fd, 0600) < 0) {
		err_set(e, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	n = snprintf(line, sizeof(line), "%ld\n", (long)getpid());
	if (write(fd, line, (size_t)n) != n) {
		err_set(e, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	if (close(fd) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

/* reload_main - the thread that turns SIGUSR1 into a configuration reload */
static void *
reload_main(void *arg)
{
	sigset_t set;
	struct err e;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			continue;
		if (atomic_load(&stopping))
			break;
		if (state_reload(reload_path, reload_missing_ok, &e) < 0)
			msg_error("reload failed, keeping the running "
			    "configuration: %s", e.msg);
		else
			msg_info("configuration reloaded from %s", reload_path);
	}
	return NULL;
}

/*
 * listen_nodelay - TCP_NODELAY on the listening TCP socket libmilter opened
 * (connections accepted from it inherit the option on Linux).  At the end
 * of a message we write a header change and then the verdict, two small
 * packets in a row: with Nagle the second waits for the MTA's delayed ACK
 * of the first, about 40 ms a message (measured: 22 msgs/s on one TCP
 * session, 400 without the stall).  libmilter does not hand out the
 * descriptor, so find it: the one socket of ours that is listening.
 */
static void
listen_nodelay(void)
{
	int one = 1;

	for (int fd = 3; fd < 1024; fd++) {
		int listening = 0, type = 0, domain = 0;
		socklen_t len = sizeof(int);

		if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening,
		    &len) != 0 || !listening)
			continue;
		len = sizeof(int);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 ||
		    type != SOCK_STREAM)
			continue;
		len = sizeof(int);
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) != 0 ||
		    (domain != AF_INET && domain != AF_INET6))
			continue;
		if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one)) != 0)
			msg_warn("cannot set TCP_NODELAY on the milter socket: %s",
			    strerror(errno));
	}
}

/* The most descriptors asked for, whatever the hard limit. */
#define MILTER_FD_WANT 65536

/*
 * fd_limits - raise the soft RLIMIT_NOFILE to the hard one (at most
 * MILTER_FD_WANT): each MTA connection holds a descriptor for as long as
 * the MTA keeps it, and the store and the spool need a few more for
 * every message, so a low soft limit lets idle connections starve them.
 * Logs how many connections the limit leaves room for.
 */
static void
fd_limits(void)
{
	struct rlimit rl;
	rlim_t want;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > MILTER_FD_WANT ?
	    MILTER_FD_WANT : rl.rlim_max;
	if (rl.rlim_cur < want) {
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur < 2 * MILTER_FD_RESERVE)
		msg_warn("only %ld file descriptors (RLIMIT_NOFILE): raise it "
		    "(LimitNOFILE in the unit); a few idle MTA connections "
		    "could leave none for the store and the spool",
		    (long)rl.rlim_cur);
	else
		msg_debug("%ld file descriptors: room for about %ld MTA "
		    "connections", (long)rl.rlim_cur,
		    (long)rl.rlim_cur - MILTER_FD_RESERVE);
}

/* run - the daemon proper; returns the exit status */
static int
run(const struct options *o, const char *config_path, bool missing_ok)
{
	struct snapshot *snap, *first = NULL;
	const struct config *cfg;
	const char *sock, *user, *pid_file;
	char pid_abs[PATH_MAX];
	pthread_t reloader;
	bool reloader_running = false;
	bool pid_written = false;
	sigset_t all, saved;
	struct err e;
	int status = 1, rc;

	snap = snapshot_load(config_path, missing_ok, &e);
	if (snap == NULL) {
		msg_error("%s", e.msg);
		return 1;
	}
	cfg = snap->cfg;
	sock = o->socket != NULL ? o->socket : cfg->socket;
	user = o->user != NULL ? o->user : cfg->user_id;
	pid_file = o->pid_file != NULL ? o->pid_file : cfg->pid_file;
	if (sock == NULL || *sock == '\0') {
		msg_error("no socket: set Socket in %s or use -p",
		    config_path);
		goto out;
	}
	if (socket_check(sock, &e) < 0) {
		msg_error("%s", e.msg);
		goto out;
	}
	/* A relative pid file stays where it was meant to be. */
	if (pid_file != NULL && pid_file[0] != '/') {
		char cwd[PATH_MAX];

		if (getcwd(cwd, sizeof(cwd)) == NULL ||
		    snprintf(pid_abs, sizeof(pid_abs), "%s/%s", cwd,
		    pid_file) >= (int)sizeof(pid_abs)) {
			msg_error("pid file path too long: %s", pid_file);
			goto out;
		}
		pid_file = pid_abs;
	}
	if (!o->foreground)
		log_open(MILTER_NAME, cfg->syslog, cfg->syslog_facility);
	log_set_level((enum log_level)cfg->log_level);

	if (smfi_register(milter_desc) != MI_SUCCESS) {
		msg_error("smfi_register failed");
		goto out;
	}
	if (smfi_setconn((char *)sock) != MI_SUCCESS) {
		msg_error("bad socket %s", sock);
		goto out;
	}
	/* true: remove a stale unix socket left by an earlier run */
	if (smfi_opensocket(true) != MI_SUCCESS) {
		msg_error("cannot open socket %s", sock);
		goto out;
	}
	if (socket_permissions(cfg, sock, &e) < 0) {
		msg_error("%s", e.msg);
		goto out;
	}
	listen_nodelay();
	/*
	 * Detach, keeping the working directory so that relative paths in
	 * the configuration mean the same with and without -f.
	 */
	if (!o->foreground && daemon(1, 0) < 0) {
		msg_error("daemon: %s", strerror(errno));
		goto out;
	}
	if (drop_privileges(user, &e) < 0) {
		msg_error("%s", e.msg);
		goto out;
	}
	/*
	 * The pid file is written as UserID, after the drop, so that the
	 * same user can remove it at exit: its directory must be writable
	 * by that user (-n checks), as must the unix socket's.
	 */
	if (pid_file != NULL && *pid_file != '\0') {
		if (pidfile_write(pid_file, &e) < 0) {
			msg_error("pid file %s", e.msg);
			goto out;
		}
		pid_written = true;
	}
	fd_limits();
	/* from now on connections leave the top of the limit free */
	if (fdguard_init() < 0)
		msg_warn("getrlimit: %s; no descriptors kept in reserve",
		    strerror(errno));
	/*
	 * How long libmilter waits for the MTA's next command before it
	 * drops a connection (MilterTimeout, 330 s by default: above
	 * Postfix's smtpd_timeout).  libmilter's own default is more than
	 * two hours, so connections left idle would pile up.  Read at start.
	 */
	if (smfi_settimeout(cfg->milter_timeout) != MI_SUCCESS)
		msg_warn("smfi_settimeout failed; libmilter's default applies");

	/*
	 * state.c takes over our reference; we keep one more on this first
	 * snapshot until the end, because sock and pid_file point into it
	 * and a reload may replace it as the current one.
	 */
	state_init(snap);
	first = state_get();
	snap = NULL;
	reload_path = config_path;
	reload_missing_ok = missing_ok;
	/*
	 * The reload thread starts with every signal blocked: SIGTERM and
	 * friends must reach libmilter's own sigwait() thread, not kill the
	 * process through ours.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &saved);
	rc = pthread_create(&reloader, NULL, reload_main, NULL);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	if (rc != 0) {
		msg_error("cannot start the reload thread");
		goto out;
	}
	reloader_running = true;
	/* Mail spooled while the store was down goes in first. */
	state_replay();
	if (state_replayer_start() < 0) {
		msg_error("cannot start the spool replay thread");
		goto out;
	}
	msg_info("version %s listening on %s", CLIENTELE_VERSION, sock);
	status = smfi_main() == MI_SUCCESS ? 0 : 1;
	if (socket_unix_path(sock) != NULL && unlink(socket_unix_path(sock)) < 0 &&
	    errno != ENOENT)
		msg_warn("cannot remove socket %s: %s", sock, strerror(errno));
	msg_info("stopped");
out:
	state_replayer_stop();
	if (reloader_running) {
		atomic_store(&stopping, true);
		pthread_kill(reloader, SIGUSR1);
		pthread_join(reloader, NULL);
	}
	snapshot_free(snap);
	state_shutdown();
	if (pid_written && unlink(pid_file) < 0)
		msg_warn("cannot remove pid file %s: %s", pid_file,
		    strerror(errno));
	state_put(first);
	return status;
}


int
main(int argc, char **argv)
{
	struct options o;
	const char *path;
	bool missing_ok;
	sigset_t set;
	int rc;

	/*
	 * Block SIGUSR1 before any thread exists, so that every thread
	 * (libmilter's too) inherits the mask and only the reload thread's
	 * sigwait() sees it.
	 */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc;
	if (o.version) {
		printf("%s %s\n", MILTER_NAME, CLIENTELE_VERSION);
		return 0;
	}
	log_open(MILTER_NAME, false, 0);
	path = o.config != NULL ? o.config : CONFIG_DEFAULT_PATH;
	missing_ok = o.config == NULL;
	if (o.check)
		return offline_check(path, missing_ok, o.socket, o.user,
		    o.pid_file, o.server_warns);
	if (o.test)
		return offline_test(path, missing_ok, argv + optind,
		    argc - optind);
	return run(&o, path, missing_ok);
}
