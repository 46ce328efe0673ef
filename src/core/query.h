/* URL query strings and percent-decoding: pure functions on slices, used by
 * the request parser. Keys may repeat; '+' means space in query strings. */
#ifndef CL_CORE_QUERY_H
#define CL_CORE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cl_arena;

struct cl_kv {
	const char	*key;
	const char	*value;
};

struct cl_kvlist {
	struct cl_kv	*items;
	size_t		n;
};

/* Decodes %XX escapes of src (len bytes) into dst, which must hold len + 1
 * bytes; plus_is_space also turns '+' into ' '. Returns the decoded length,
 * or -1 for a malformed escape or a decoded NUL byte. */
long cl_percent_decode(char *dst, const char *src, size_t len, bool plus_is_space);

/* Parses "a=1&b=x+y&a=2" into out, allocated from a, in order. A key
 * without '=' gets "". Returns CL_OK, or CL_EINVAL for a malformed escape
 * or a key or value that decodes to anything but UTF-8. */
int cl_query_parse(struct cl_arena *a, const char *qs, struct cl_kvlist *out);

/* Percent-encodes s for a query string (unreserved characters kept),
 * from a. */
char *cl_url_encode(struct cl_arena *a, const char *s);

/* A whole decimal number in int64 range, with nothing after it (strtoll's
 * syntax): CL_OK with *v, or CL_EINVAL. Pure. */
int cl_parse_int(const char *s, int64_t *v);

/* The first value of key, or NULL. */
const char *cl_kvlist_get(const struct cl_kvlist *l, const char *key);

#endif
