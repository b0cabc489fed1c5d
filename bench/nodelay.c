/*
 * nodelay.so - LD_PRELOAD shim that sets TCP_NODELAY on accepted sockets.
 *
 * SYNOPSIS
 *	LD_PRELOAD=bench/nodelay.so clientele-milter ...
 *	NODELAY_SHIM=off LD_PRELOAD=bench/nodelay.so clientele-milter ...
 *
 * DESCRIPTION
 *	A diagnostic for the mail bench, never shipped: it wraps accept() and
 *	accept4() and turns Nagle's algorithm off on every connection the
 *	process accepts.  The "clientele-tcp-nodelay" configuration of
 *	bench/mail.sh runs clientele-milter under it, to show how much of the
 *	TCP figures is the Nagle / delayed-ACK stall that follows a milter
 *	reply sent as two small writes (SMFIR_ADDHEADER, then SMFIR_ACCEPT).
 *	With NODELAY_SHIM=off in the environment it does the opposite and
 *	turns Nagle back on, undoing what clientele-milter sets on its
 *	listening socket: bench/longsession.sh uses that as its control, a
 *	configuration known to stall, to show that the measurement sees it.
 *	Errors of setsockopt are ignored: a unix socket simply refuses it.
 *
 * OWNS
 *	Nothing; it keeps the resolved addresses of the real functions.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

typedef int (*accept_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*accept4_fn)(int, struct sockaddr *, socklen_t *, int);

int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

static void
nodelay(int s)
{
	const char *mode = getenv("NODELAY_SHIM");
	int on = mode != NULL && strcmp(mode, "off") == 0 ? 0 : 1;

	if (s >= 0)
		(void)setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
}

int
accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	static accept_fn real;
	int s;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "accept");
	s = real(fd, addr, len);
	nodelay(s);
	return s;
}

int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	static accept4_fn real;
	int s;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "accept4");
	s = real(fd, addr, len, flags);
	nodelay(s);
	return s;
}
