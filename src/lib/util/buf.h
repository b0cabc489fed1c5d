/*
 * buf.h - growable byte buffer with an explicit size cap.
 *
 * A struct buf owns its bytes; data is always NUL-terminated so it can be
 * used as a C string when it holds text.  Every append checks the cap given
 * at init (0 means BUF_DEFAULT_CAP) and fails with -1 instead of growing
 * past it, so a buffer fed by the network cannot eat the machine.
 */
#ifndef CLIENTELE_BUF_H
#define CLIENTELE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_DEFAULT_CAP ((size_t)256 * 1024 * 1024)

struct buf {
	char *data;	/* NUL-terminated; NULL until the first append */
	size_t len;	/* bytes used, not counting the NUL */
	size_t size;	/* bytes allocated */
	size_t cap;	/* most bytes it may hold */
};

/* buf_init - empty buffer that may grow to cap bytes (0: default cap) */
void buf_init(struct buf *b, size_t cap);
/* buf_free - release the bytes; the struct may be reused after buf_init */
void buf_free(struct buf *b);
/* buf_reset - forget the contents, keep the memory */
void buf_reset(struct buf *b);
/* buf_reserve - room for extra more bytes (and the NUL); -1 past the cap */
int buf_reserve(struct buf *b, size_t extra);
/* buf_append - add len bytes; -1 (buffer unchanged) past the cap or on ENOMEM */
int buf_append(struct buf *b, const void *p, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, int c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* buf_steal - hand the bytes (never NULL, NUL-terminated) to the caller, who frees them */
char *buf_steal(struct buf *b);
/* buf_cstr - the contents as a string ("" when empty); borrowed */
const char *buf_cstr(const struct buf *b);

#endif
