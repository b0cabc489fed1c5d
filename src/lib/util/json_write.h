/*
 * json_write.h - a JSON object's text members written in one call.
 *
 * A report that prints an object names its string members once, in a
 * table, instead of writing each key, its escaping and the comma before
 * it by hand:
 *
 *	JSON_STRS(out, true, { "email", c->email }, { "name", c->name })
 *
 * appends "email":"...","name":null (no brace: the caller opens and
 * closes the object, and writes its other members where they belong).
 */
#ifndef CLIENTELE_JSON_WRITE_H
#define CLIENTELE_JSON_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* One member: a key (plain ASCII, not escaped) and its text (NULL: null). */
struct json_str {
	const char *key;
	const char *value;
};

/*
 * json_put_strs - the n members of m, in order, as "key":value with the
 * value escaped (esc_json); a comma before each, but before the first
 * when first is true.  0, or -1 when out hits its cap.
 */
int json_put_strs(struct buf *out, bool first, const struct json_str *m,
    size_t n);

/* JSON_STRS - json_put_strs of the members listed, as { key, value } */
#define JSON_STRS(out, first, ...) \
	json_put_strs((out), (first), (const struct json_str[]){ __VA_ARGS__ }, \
	    sizeof((const struct json_str[]){ __VA_ARGS__ }) / \
	    sizeof(struct json_str))

#endif
