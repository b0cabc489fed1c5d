/*
 * rules_config - choose between the owner's rules file and the built-in rules.
 *
 * The one policy both programs follow: a RulesFile named in the
 * configuration must exist; the default path is used when present, and
 * otherwise the rules compiled into the program (the same text as
 * conf/rules.conf) apply, so a fresh install works without the file.
 */
#include <errno.h>
#include <unistd.h>

#include "classify/rules.h"

struct rules *
rules_load_configured(const char *path, bool named, struct err *e)
{
	return rules_load_configured_langs(path, named, NULL, e);
}

struct rules *
rules_load_configured_langs(const char *path, bool named, const char *langs,
    struct err *e)
{
	if (path == NULL || *path == '\0')
		return rules_default_langs(langs, e);
	if (!named && access(path, F_OK) != 0 && errno == ENOENT)
		return rules_default_langs(langs, e);
	return rules_load_file_langs(path, langs, e);
}
