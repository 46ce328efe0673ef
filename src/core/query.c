/* Query strings and percent-decoding. Pure: the request parser and the
 * router call these on slices of the request line. */
#include "config.h"

#include "core/query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/banned.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long
cl_percent_decode(char *dst, const char *src, size_t len, bool plus_is_space)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		char c = src[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return -1;
			hi = hexval(src[i + 1]);
			lo = hexval(src[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi << 4 | lo);
			if (c == '\0')
				return -1; /* would cut C strings short */
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		} else if (c == '\0') {
			return -1;
		}
		dst[o++] = c;
	}
	dst[o] = '\0';
	return (long)o;
}

static int
decode_into(struct cl_arena *a, const char *s, size_t len, const char **out)
{
	char *buf = cl_arena_alloc(a, len + 1);
	long n = cl_percent_decode(buf, s, len, true);

	/* Every string a handler sees is UTF-8: "%FF" is malformed input,
	 * not a byte to bind into SQL or echo in an error. */
	if (n < 0 || !cl_utf8_valid(buf, (size_t)n))
		return CL_EINVAL;
	*out = buf;
	return CL_OK;
}

int
cl_query_parse(struct cl_arena *a, const char *qs, struct cl_kvlist *out)
{
	size_t n = 1, i = 0;
	const char *p;

	out->items = NULL;
	out->n = 0;
	if (qs == NULL || *qs == '\0')
		return CL_OK;
	for (p = qs; *p; p++)
		if (*p == '&')
			n++;
	out->items = CL_NEW_ARRAY(a, struct cl_kv, n);
	p = qs;
	while (*p) {
		const char *end = strchr(p, '&');
		const char *eq;
		size_t len = end ? (size_t)(end - p) : strlen(p);

		eq = memchr(p, '=', len);
		if (len > 0) {
			struct cl_kv *kv = &out->items[i];
			size_t klen = eq ? (size_t)(eq - p) : len;

			if (decode_into(a, p, klen, &kv->key) != CL_OK)
				return CL_EINVAL;
			if (eq == NULL)
				kv->value = "";
			else if (decode_into(a, eq + 1, len - klen - 1,
			    &kv->value) != CL_OK)
				return CL_EINVAL;
			i++;
		}
		p += len;
		if (*p == '&')
			p++;
	}
	out->n = i;
	return CL_OK;
}

const char *
cl_kvlist_get(const struct cl_kvlist *l, const char *key)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}

char *
cl_url_encode(struct cl_arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = cl_arena_alloc(a, strlen(s) * 3 + 1), *o = out;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

int
cl_parse_int(const char *s, int64_t *v)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0)
		return CL_EINVAL;
	*v = n;
	return CL_OK;
}
