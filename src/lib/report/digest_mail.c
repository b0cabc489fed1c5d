/*
 * digest_mail - the owner's digest as one mail: headers, a text part and
 * an HTML part (multipart/alternative, both quoted-printable).
 *
 * For: `clientele digest`, through digest_render_mail (digest.h).
 * Owns: nothing past the call; the mail is appended to the caller's buf.
 * Never: puts customer text in a header (only the configured addresses,
 * numbers, fixed words and the caller's unique string, each checked to be
 * printable ASCII), or lets a part carry a line longer than 76 bytes.
 * Calls, one way: digest.c (subject, text part) and digest_html.c (HTML
 * part); neither calls it.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/digest.h"
#include "util/strutil.h"
#include "digest_int.h"

/* header_safe - true if s may stand in a header: printable ASCII only */
static bool
header_safe(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return false;
	return true;
}

int
qp_encode(const char *text, size_t len, struct buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		char enc[4];
		size_t n;

		if (c == '\r')
			continue;
		if (c == '\n') {
			buf_puts(out, "\r\n");
			col = 0;
			continue;
		}
		bool at_eol = i + 1 == len || text[i + 1] == '\n' ||
		    text[i + 1] == '\r';
		if ((c >= 33 && c <= 126 && c != '=') ||
		    ((c == ' ' || c == '\t') && !at_eol)) {
			enc[0] = (char)c;
			n = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			n = 3;
		}
		/* Soft line break keeps every line within 76 characters. */
		if (col + n > 75) {
			buf_puts(out, "=\r\n");
			col = 0;
		}
		buf_append(out, enc, n);
		col += n;
	}
	if (col)
		buf_puts(out, "\r\n");
	return out->len >= out->cap ? -1 : 0;
}

int
digest_render_mail(const struct digest_data *d,
    const struct digest_mail_opts *o, struct buf *out, struct err *e)
{
	struct buf part;
	char date[64];
	char *subject;
	const char *domain;

	if (!header_safe(o->from) || !email_valid(o->from))
		return err_set(e, "DigestFrom '%s' is not a usable address",
		    o->from ? o->from : "");
	if (!header_safe(o->to) || !email_valid(o->to))
		return err_set(e, "digest recipient '%s' is not a usable address",
		    o->to ? o->to : "");
	if (!header_safe(o->unique) || strpbrk(o->unique, " <>@\"") != NULL)
		return err_set(e, "digest: unusable unique string");
	domain = email_domain(o->from);
	time_rfc5322(o->now, date);
	subject = digest_subject(d);	/* numbers and fixed words only */

	buf_printf(out, "From: %s\r\nTo: %s\r\nDate: %s\r\n", o->from, o->to, date);
	buf_printf(out, "Message-ID: <digest.%lld.%s@%s>\r\n",
	    (long long)o->now, o->unique, domain);
	buf_printf(out, "Subject: %s\r\n", subject);
	buf_puts(out, "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n"
	    "X-Auto-Response-Suppress: All\r\n");
	buf_printf(out, "Content-Type: multipart/alternative; "
	    "boundary=\"=_clientele_%s\"\r\n\r\n", o->unique);
	buf_puts(out, "This is a MIME message: a text part and an HTML part.\r\n");
	free(subject);

	buf_init(&part, 0);
	digest_render_text(d, false, &part);
	buf_printf(out, "\r\n--=_clientele_%s\r\n", o->unique);
	buf_puts(out, "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	qp_encode(part.data, part.len, out);

	buf_reset(&part);
	digest_render_html(d, &part);
	buf_printf(out, "\r\n--=_clientele_%s\r\n", o->unique);
	buf_puts(out, "Content-Type: text/html; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	qp_encode(part.data, part.len, out);
	buf_printf(out, "\r\n--=_clientele_%s--\r\n", o->unique);
	buf_free(&part);
	if (out->len >= out->cap)
		return err_set(e, "digest: message too large");
	return 0;
}
