/*
 * log.h - one logging family for both programs.
 *
 * msg_debug/msg_info/msg_warn/msg_error write to stderr (the command, the
 * milter in the foreground) or syslog (the daemon), filtered by a level.
 * There is deliberately no msg_fatal: library code returns errors and the
 * front doors decide what to do.  Thread-safe: the sink and level are set
 * once at start-up (log_open), before any thread runs.
 */
#ifndef CLIENTELE_LOG_H
#define CLIENTELE_LOG_H

#include <stdbool.h>

enum log_level { LOG_LVL_ERROR = 0, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

/* log_open - choose the sink: syslog with a facility, or stderr with a program name */
void log_open(const char *progname, bool use_syslog, int facility);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);
/* log_level_parse - "error", "warning", "info", "debug" or 0..3; -1 if neither */
int log_level_parse(const char *s);
/* log_facility_parse - "mail", "daemon", "local0".."local7", "user"; -1 if unknown */
int log_facility_parse(const char *s);

void msg_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void msg_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
