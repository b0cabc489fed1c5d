/*
 * log - one logging family for both programs.
 *
 * The sink is chosen once by log_open; after that the functions only read
 * it, so they may be called from any thread.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include "util/escape.h"
#include "util/log.h"

static const char *log_prog = "clientele";
static bool log_syslog;
static enum log_level log_level = LOG_LVL_INFO;

void
log_open(const char *progname, bool use_syslog, int facility)
{
	log_prog = progname;
	log_syslog = use_syslog;
	if (use_syslog)
		openlog(progname, LOG_PID | LOG_NDELAY, facility);
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

enum log_level
log_get_level(void)
{
	return log_level;
}

int
log_level_parse(const char *s)
{
	static const char *names[] = { "error", "warning", "info", "debug" };

	for (int i = 0; i < 4; i++)
		if (strcasecmp(s, names[i]) == 0)
			return i;
	if (strcasecmp(s, "warn") == 0)
		return LOG_LVL_WARN;
	if (s[0] >= '0' && s[0] <= '3' && s[1] == '\0')
		return s[0] - '0';
	return -1;
}

int
log_facility_parse(const char *s)
{
	static const struct { const char *name; int fac; } tab[] = {
		{ "mail", LOG_MAIL }, { "daemon", LOG_DAEMON }, { "user", LOG_USER },
		{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
		{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
		{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
		{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcasecmp(s, tab[i].name) == 0)
			return tab[i].fac;
	return -1;
}

static void log_emit(enum log_level lvl, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void
log_emit(enum log_level lvl, const char *fmt, va_list ap)
{
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	static const char *tag[] = { "error: ", "warning: ", "", "debug: " };

	char line[4096], shown[4096];
	struct buf b;

	if (lvl > log_level)
		return;
	/* names, subjects and file names in a line never reach a terminal raw */
	vsnprintf(line, sizeof(line), fmt, ap);
	buf_init(&b, sizeof(shown) * 4);
	if (esc_term(&b, line) == 0) {
		snprintf(shown, sizeof(shown), "%s", buf_cstr(&b));
	} else {
		snprintf(shown, sizeof(shown), "(a line too long to log)");
	}
	buf_free(&b);
	if (log_syslog)
		syslog(prio[lvl], "%s", shown);
	else
		fprintf(stderr, "%s: %s%s\n", log_prog, tag[lvl], shown);
}

#define LOG_FN(name, lvl)                          \
	void name(const char *fmt, ...)            \
	{                                          \
		va_list ap;                        \
		va_start(ap, fmt);                 \
		log_emit(lvl, fmt, ap);            \
		va_end(ap);                        \
	}

LOG_FN(msg_debug, LOG_LVL_DEBUG)
LOG_FN(msg_info, LOG_LVL_INFO)
LOG_FN(msg_warn, LOG_LVL_WARN)
LOG_FN(msg_error, LOG_LVL_ERROR)
