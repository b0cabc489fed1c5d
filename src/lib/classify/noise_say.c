/*
 * noise_say - the words of the noise gate's verdicts.
 *
 * SYNOPSIS
 *	#include "noise_int.h"
 *
 *	return noise_say(v, NOISE_BULK, "List-Id %.80s", val);
 *
 * DESCRIPTION
 *	Every verdict reads "<kind>: <reason>", the reason naming the sign
 *	that decided it, with the sender's control bytes blanked so that it
 *	is safe in a log line.  Also the kinds' names and the address
 *	inside a field's angle brackets, which the signs quote.
 *
 * OWNS
 *	Nothing: written into the caller's struct or buffer.
 *
 * NEVER
 *	Does I/O or keeps state.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "classify/noise.h"
#include "noise_int.h"
#include "util/strutil.h"

/* noise_kind_name - the kind as a verdict and the log name it */
const char *
noise_kind_name(enum noise_kind k)
{
	switch (k) {
	case NOISE_SPAM: return "spam";
	case NOISE_BULK: return "bulk";
	case NOISE_AUTOMATED: return "automated";
	case NOISE_BOUNCE: return "bounce";
	default: return "personal";
	}
}

/* noise_say - fill v: "<kind>: <reason>"; returns true */
bool
noise_say(struct noise_verdict *v, enum noise_kind k, const char *fmt, ...)
{
	char why[NOISE_MAX_REASON];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* field values are the sender's: no controls in a log line */
	for (char *p = why; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	v->kind = k;
	snprintf(v->reason, sizeof(v->reason), "%s: %.*s", noise_kind_name(k),
	    (int)sizeof(v->reason) - 12, why);
	return true;
}

/* noise_angle_addr - the address inside <...> of v (or v trimmed), into out */
void
noise_angle_addr(const char *v, char *out, size_t outlen)
{
	const char *lt = strchr(v, '<'), *end;
	size_t n;

	if (lt != NULL) {
		v = lt + 1;
		end = strchr(v, '>');
		n = end != NULL ? (size_t)(end - v) : strlen(v);
	} else {
		while (*v == ' ' || *v == '\t')
			v++;
		n = strcspn(v, " \t");
	}
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, v, n);
	out[n] = '\0';
	str_lower_inplace(out);
}
