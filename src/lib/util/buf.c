/*
 * buf - growable byte buffer with an explicit size cap.
 *
 * Owns: the bytes behind b->data.  Never: grows past b->cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void
buf_init(struct buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->size = 0;
	b->cap = cap ? cap : BUF_DEFAULT_CAP;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

int
buf_reserve(struct buf *b, size_t extra)
{
	size_t need, nsize;
	char *p;

	if (extra > b->cap || b->len > b->cap - extra)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->size)
		return 0;
	nsize = b->size ? b->size : 64;
	while (nsize < need)
		nsize = nsize > ((size_t)-1) / 2 ? need : nsize * 2;
	if ((p = realloc(b->data, nsize)) == NULL)
		return -1;
	b->data = p;
	b->size = nsize;
	return 0;
}

int
buf_append(struct buf *b, const void *p, size_t len)
{
	if (buf_reserve(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_putc(struct buf *b, int c)
{
	char ch = (char)c;

	/* the common case, room already there: what buf_append would do */
	if (b->len < b->cap && b->len + 2 <= b->size) {
		b->data[b->len++] = ch;
		b->data[b->len] = '\0';
		return 0;
	}
	return buf_append(b, &ch, 1);
}

int
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_reserve(b, (size_t)n) < 0)
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *
buf_steal(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->size = 0;
	return p;
}

const char *
buf_cstr(const struct buf *b)
{
	return b->data ? b->data : "";
}
