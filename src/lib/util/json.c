/*
 * json - a small JSON reader for clientele's own export files.
 *
 * Recursive descent with an explicit depth bound (JSON_MAX_DEPTH); strings
 * are decoded (\uXXXX with surrogate pairs) to UTF-8 and checked valid.
 * Fractions and exponents are refused: the export never writes them.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/json.h"

struct jp {
	const char *s;
	size_t len, pos;
	struct err *e;
	bool failed;
	size_t line;		/* of pos: only white space holds line breaks */
};

static struct json *jp_value(struct jp *p, int depth);

static void
jp_fail(struct jp *p, const char *what)
{
	size_t line = 1, col = 1;

	if (p->failed)
		return;
	for (size_t i = 0; i < p->pos && i < p->len; i++) {
		if (p->s[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	err_set(p->e, "line %zu, column %zu: %s", line, col, what);
	p->failed = true;
}

static void
jp_ws(struct jp *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
	    p->s[p->pos] == '\n' || p->s[p->pos] == '\r')) {
		if (p->s[p->pos] == '\n')
			p->line++;
		p->pos++;
	}
}

static bool
jp_lit(struct jp *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->len - p->pos >= n && memcmp(p->s + p->pos, lit, n) == 0) {
		p->pos += n;
		return true;
	}
	return false;
}

static int
hex4(const char *s, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}


static char *
jp_string(struct jp *p)
{
	struct buf b;

	buf_init(&b, 16 * 1024 * 1024);
	p->pos++;	/* opening quote */
	while (p->pos < p->len && p->s[p->pos] != '"') {
		unsigned char c = (unsigned char)p->s[p->pos++];

		if (c < 0x20) {
			jp_fail(p, "control character in string");
			goto fail;
		}
		if (c != '\\') {
			if (buf_putc(&b, c) < 0) {
				jp_fail(p, "string too long");
				goto fail;
			}
			continue;
		}
		if (p->pos >= p->len)
			break;
		c = (unsigned char)p->s[p->pos++];
		const char *simple = strchr("\"\\/bfnrt", c);
		if (simple && c) {
			static const char rep[] = "\"\\/\b\f\n\r\t";
			buf_putc(&b, rep[simple - "\"\\/bfnrt"]);
			continue;
		}
		unsigned cp, lo;
		if (c != 'u' || p->len - p->pos < 4 || hex4(p->s + p->pos, &cp) < 0) {
			jp_fail(p, "bad escape in string");
			goto fail;
		}
		p->pos += 4;
		if (cp >= 0xd800 && cp <= 0xdbff) {
			if (p->len - p->pos < 6 || p->s[p->pos] != '\\' ||
			    p->s[p->pos + 1] != 'u' ||
			    hex4(p->s + p->pos + 2, &lo) < 0 || lo < 0xdc00 ||
			    lo > 0xdfff) {
				jp_fail(p, "unpaired surrogate in string");
				goto fail;
			}
			p->pos += 6;
			cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		} else if ((cp >= 0xdc00 && cp <= 0xdfff) || cp == 0) {
			jp_fail(p, "bad code point in string");
			goto fail;
		}
		{
			char u[4];

			buf_append(&b, u, utf8_encode(u, cp));
		}
	}
	if (p->pos >= p->len) {
		jp_fail(p, "unterminated string");
		goto fail;
	}
	p->pos++;
	if (!utf8_valid(buf_cstr(&b), b.len)) {
		jp_fail(p, "string is not UTF-8");
		goto fail;
	}
	return buf_steal(&b);
fail:
	buf_free(&b);
	return NULL;
}

static int
jp_push(struct json *j, char *key, struct json *v)
{
	struct json **ni = realloc(j->items, (j->n + 1) * sizeof(*ni));

	if (ni == NULL)
		return -1;
	j->items = ni;
	if (j->type == JSON_OBJECT) {
		char **nk = realloc(j->keys, (j->n + 1) * sizeof(*nk));

		if (nk == NULL)
			return -1;
		j->keys = nk;
		j->keys[j->n] = key;
	}
	j->items[j->n++] = v;
	return 0;
}

static struct json *
jp_container(struct jp *p, int depth, bool object)
{
	struct json *j = calloc(1, sizeof(*j));
	char close = object ? '}' : ']';

	if (j == NULL)
		return NULL;
	j->type = object ? JSON_OBJECT : JSON_ARRAY;
	j->line = p->line;
	p->pos++;
	jp_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return j;
	}
	for (;;) {
		char *key = NULL;
		struct json *v;

		jp_ws(p);
		if (object) {
			if (p->pos >= p->len || p->s[p->pos] != '"') {
				jp_fail(p, "expected a member name");
				break;
			}
			if ((key = jp_string(p)) == NULL)
				break;
			jp_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				free(key);
				jp_fail(p, "expected ':'");
				break;
			}
			p->pos++;
		}
		if ((v = jp_value(p, depth + 1)) == NULL || jp_push(j, key, v) < 0) {
			free(key);
			json_free(v);
			break;
		}
		jp_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == close) {
			p->pos++;
			return j;
		}
		jp_fail(p, object ? "expected ',' or '}'" : "expected ',' or ']'");
		break;
	}
	json_free(j);
	return NULL;
}

static struct json *
jp_value(struct jp *p, int depth)
{
	struct json *j;

	if (depth > JSON_MAX_DEPTH) {
		jp_fail(p, "nested too deeply");
		return NULL;
	}
	jp_ws(p);
	if (p->pos >= p->len) {
		jp_fail(p, "unexpected end of input");
		return NULL;
	}
	char c = p->s[p->pos];
	if (c == '{' || c == '[')
		return jp_container(p, depth, c == '{');
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return NULL;
	j->line = p->line;
	if (c == '"') {
		j->type = JSON_STRING;
		if ((j->s = jp_string(p)) == NULL)
			goto fail;
	} else if (jp_lit(p, "null")) {
		j->type = JSON_NULL;
	} else if (jp_lit(p, "true") || jp_lit(p, "false")) {
		j->type = JSON_BOOL;
		j->b = p->s[p->pos - 1] == 'e' && p->s[p->pos - 2] == 'u';
	} else if (c == '-' || isdigit((unsigned char)c)) {
		bool neg = c == '-';
		unsigned long long v = 0;

		j->type = JSON_INT;
		if (neg)
			p->pos++;
		if (p->pos >= p->len || !isdigit((unsigned char)p->s[p->pos])) {
			jp_fail(p, "bad number");
			goto fail;
		}
		while (p->pos < p->len && isdigit((unsigned char)p->s[p->pos])) {
			v = v * 10 + (unsigned)(p->s[p->pos++] - '0');
			if (v > (unsigned long long)1e18) {
				jp_fail(p, "number too large");
				goto fail;
			}
		}
		if (p->pos < p->len && strchr(".eE", p->s[p->pos]) &&
		    p->s[p->pos] != '\0') {
			jp_fail(p, "fractions are not expected here");
			goto fail;
		}
		j->i = neg ? -(long long)v : (long long)v;
	} else {
		jp_fail(p, "unexpected character");
		goto fail;
	}
	return j;
fail:
	json_free(j);
	return NULL;
}

struct json *
json_parse(const char *text, size_t len, struct err *e)
{
	struct jp p = { text, len, 0, e, false, 1 };
	struct json *j;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p.pos = 3;
	j = jp_value(&p, 0);
	if (j == NULL) {
		jp_fail(&p, "out of memory");
		return NULL;
	}
	jp_ws(&p);
	if (p.pos != len) {
		jp_fail(&p, "trailing characters after the value");
		json_free(j);
		return NULL;
	}
	return j;
}

void
json_free(struct json *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->n; i++) {
		json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->s);
	free(j);
}

const struct json *
json_get(const struct json *j, const char *key)
{
	if (j == NULL || j->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < j->n; i++)
		if (strcmp(j->keys[i], key) == 0)
			return j->items[i];
	return NULL;
}

const char *
json_str(const struct json *j, const char *key)
{
	const struct json *v = json_get(j, key);

	return v && v->type == JSON_STRING ? v->s : NULL;
}

long long
json_int(const struct json *j, const char *key, long long dflt)
{
	const struct json *v = json_get(j, key);

	return v && v->type == JSON_INT ? v->i : dflt;
}
