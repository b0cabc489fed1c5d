/*
 * escape.h - escaping once, at the edge, for each place text is printed.
 *
 * Text inside clientele is UTF-8; these append a value to a buffer escaped
 * for JSON (a quoted string, or null for NULL), CSV (RFC 4180 field),
 * a terminal (control characters shown as \xNN, never sent raw) or HTML.
 * Each returns 0, or -1 when the buffer hits its cap.
 */
#ifndef CLIENTELE_ESCAPE_H
#define CLIENTELE_ESCAPE_H

#include <stdbool.h>

#include "clientele/buf.h"

int esc_json(struct buf *out, const char *s);
int esc_csv(struct buf *out, const char *s);
int esc_term(struct buf *out, const char *s);
int esc_html(struct buf *out, const char *s);
/* esc_url - percent-encode every byte but A-Z a-z 0-9 - . _ ~ (and @ when at_ok) */
int esc_url(struct buf *out, const char *s, bool at_ok);

#endif
