/*
 * fdguard - keep file descriptors in reserve for the store and the spool.
 *
 * Every MTA connection holds a descriptor for as long as the MTA (or
 * anyone who can reach the socket) keeps it open.  With a low
 * RLIMIT_NOFILE, idle connections could take every descriptor: the store
 * and the spool could then open nothing (mail would pass with its facts
 * lost), and libmilter's listener, whose accept() fails with EMFILE,
 * counts each failure, sleeps longer after each, and after sixteen in a
 * row gives up: smfi_main returns and the milter stops.
 *
 * libmilter does not let a filter decide which connections to accept, so
 * this module defines accept() itself: libmilter's listener is its only
 * caller in this program, and the executable's definition takes precedence
 * over libc's (the call goes through the listener's PLT).  Our accept
 * takes a connection only while the lowest free descriptor lies below the
 * reserved band, the top fdguard_reserve descriptors of the soft limit:
 * those are left to the store (database, journal), the spool and the log,
 * which open into them after every lower one is taken.  When there is no
 * room it waits, looking again every FDGUARD_PAUSE_MS, for at most
 * FDGUARD_WAIT_MS, and then returns -1 with EINTR, which libmilter retries
 * at once without counting a failure (so it checks for a stop request
 * every second and never gives up).  The connection waits in the kernel's
 * backlog meanwhile; MilterTimeout (smfi_settimeout) is what frees
 * descriptors that idle connections hold.  At most one warning a minute
 * says that descriptors are short.
 *
 * The only state is the limit and the band, set once by fdguard_init
 * before smfi_main starts the listener, and the time of the last warning;
 * all three are atomics.  Nothing else here is shared.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"
#include "milter.h"

/* How often a waiting accept looks again, and how long it waits at most. */
#define FDGUARD_PAUSE_MS 50
#define FDGUARD_WAIT_MS 1000
/* At most one "descriptors are short" warning this often, in seconds. */
#define FDGUARD_WARN_S 60

static atomic_int guard_limit;		/* soft RLIMIT_NOFILE; 0: no guard */
static atomic_int guard_reserve;	/* descriptors at the top kept free */
static atomic_llong guard_warned;	/* time of the last warning */

int
fdguard_init(void)
{
	struct rlimit rl;
	int limit, reserve;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return -1;
	limit = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > INT_MAX ?
	    INT_MAX : (int)rl.rlim_cur;
	/* a tiny limit keeps a quarter, so that connections still fit */
	reserve = limit >= 2 * MILTER_FD_RESERVE ? MILTER_FD_RESERVE :
	    limit / 4;
	atomic_store(&guard_reserve, reserve);
	atomic_store(&guard_limit, limit);
	return reserve;
}

/*
 * fdguard_room - whether the lowest free descriptor lies below the band:
 * dup s to find it (then close the copy).
 */
static int
fdguard_room(int s, int limit, int reserve)
{
	int fd = fcntl(s, F_DUPFD_CLOEXEC, 0);

	if (fd < 0)
		return 0;
	close(fd);
	return fd < limit - reserve;
}

/* fdguard_warn - say descriptors are short, at most once a minute */
static void
fdguard_warn(int limit, int reserve)
{
	long long now = (long long)time(NULL);
	long long last = atomic_load(&guard_warned);

	if (last != 0 && now - last < FDGUARD_WARN_S)
		return;
	if (!atomic_compare_exchange_strong(&guard_warned, &last, now))
		return;
	msg_warn("file descriptors are short: new MTA connections wait, "
	    "keeping %d of %d for the store and the spool (idle "
	    "connections? raise RLIMIT_NOFILE or lower MilterTimeout)",
	    reserve, limit);
}

/*
 * accept - libmilter's listener's accept(2), refusing to take one of the
 * reserved descriptors (see the top).  addr and len as for accept(2).
 */
int
accept(int s, struct sockaddr *addr, socklen_t *len)
{
	const struct timespec pause = { 0, FDGUARD_PAUSE_MS * 1000000L };
	int limit = atomic_load(&guard_limit);
	int reserve = atomic_load(&guard_reserve);
	socklen_t len0 = len != NULL ? *len : 0;
	int waited, fd;

	if (limit <= 0)
		return accept4(s, addr, len, 0);
	for (waited = 0; waited < FDGUARD_WAIT_MS;
	    waited += FDGUARD_PAUSE_MS) {
		if (fdguard_room(s, limit, reserve)) {
			if (len != NULL)
				*len = len0;
			fd = accept4(s, addr, len, 0);
			if (fd >= 0 || (errno != EMFILE && errno != ENFILE))
				return fd;
		}
		if (waited == 0)
			fdguard_warn(limit, reserve);
		nanosleep(&pause, NULL);
	}
	errno = EINTR;
	return -1;
}
