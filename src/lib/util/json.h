/*
 * json.h - a small JSON reader for clientele's own files (`import`).
 *
 * json_parse builds a tree from UTF-8 text with bounded depth and size;
 * numbers are kept as 64-bit integers (clientele writes no fractions), so
 * nothing is lost to floating point.  The tree owns its strings;
 * json_free releases it.  Errors say where: "line 3, column 14: ...".
 */
#ifndef CLIENTELE_JSON_H
#define CLIENTELE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strutil.h"

#define JSON_MAX_DEPTH 32

enum json_type { JSON_NULL, JSON_BOOL, JSON_INT, JSON_STRING, JSON_ARRAY,
	JSON_OBJECT };

struct json {
	enum json_type type;
	bool b;
	long long i;
	char *s;		/* JSON_STRING; object member names in keys[] */
	struct json **items;	/* array items or object values */
	char **keys;		/* object member names, parallel to items */
	size_t n;
	size_t line;		/* where the value starts in the text, from 1 */
};

struct json *json_parse(const char *text, size_t len, struct err *e);
void json_free(struct json *j);
/* json_get - member of an object by name, or NULL (also when j is not an object) */
const struct json *json_get(const struct json *j, const char *key);
/* json_str - string member or NULL; json_int - integer member or dflt */
const char *json_str(const struct json *j, const char *key);
long long json_int(const struct json *j, const char *key, long long dflt);

#endif
