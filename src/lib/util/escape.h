/*
 * escape.h - escaping once, at the edge, for each place text is printed.
 *
 * Text inside clientele is UTF-8; these append a value to a buffer escaped
 * for JSON (a quoted string, or null for NULL), CSV (RFC 4180 field),
 * a terminal or HTML.  For a terminal, C0 controls and DEL are shown as
 * \xNN, C1 and bidi controls (U+202A-E, U+2066-9, LRM, RLM, ALM) as
 * \uXXXX and bytes that are not UTF-8 as \xNN: never sent raw.  JSON
 * escapes the same characters as \uXXXX (the value read back is the same)
 * and replaces bytes that are not UTF-8 with U+FFFD.
 * Each returns 0, or -1 when the buffer hits its cap.
 */
#ifndef CLIENTELE_ESCAPE_H
#define CLIENTELE_ESCAPE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "util/buf.h"

int esc_json(struct buf *out, const char *s);
int esc_csv(struct buf *out, const char *s);
int esc_term(struct buf *out, const char *s);
int esc_html(struct buf *out, const char *s);
/* esc_url - percent-encode every byte but A-Z a-z 0-9 - . _ ~ (and @ when at_ok) */
int esc_url(struct buf *out, const char *s, bool at_ok);
/* esc_term_plain - true when esc_term would print s unchanged (NULL too) */
bool esc_term_plain(const char *s);
/*
 * esc_term_vprintf - format, then append the whole result escaped for a
 * terminal: for a line whose arguments may hold anything (a file name, a
 * field of a file); the format itself should not end in a newline
 */
int esc_term_vprintf(struct buf *out, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* esc_term_fprintf - the same, written to fp (no newline added); 0 or -1 */
int esc_term_fprintf(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
