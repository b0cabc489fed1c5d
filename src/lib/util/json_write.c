/*
 * json_write - a JSON object's text members, from a table (json_write.h).
 *
 * Owns nothing: appends to the caller's buffer.  Never opens or closes
 * the object, and never writes a value unescaped (esc_json does it).
 */
#include "util/escape.h"
#include "util/json_write.h"

int
json_put_strs(struct buf *out, bool first, const struct json_str *m,
    size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (buf_printf(out, "%s\"%s\":", first && i == 0 ? "" : ",",
		    m[i].key) < 0 || esc_json(out, m[i].value) < 0)
			return -1;
	return 0;
}
