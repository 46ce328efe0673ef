/* Route matching over the modules' static tables. Patterns are literal
 * segments and {param} segments; a trailing slash on the path is optional.
 * Of the routes of the request's method that match, the most specific
 * wins (router.h), so neither the order of the tables nor the order within
 * them decides. When a path matches under other methods only, the answer
 * is 405 with the methods it has (collected here for the Allow header). */
#include "config.h"

#include "core/router.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/banned.h"

#define MAX_PARAMS 8

static const struct {
	unsigned	bit;
	const char	*name;
} methods[] = {
	{ CL_GET, "GET" }, { CL_POST, "POST" }, { CL_PUT, "PUT" },
	{ CL_PATCH, "PATCH" }, { CL_DELETE, "DELETE" }, { CL_HEAD, "HEAD" },
	{ CL_OPTIONS, "OPTIONS" },
};

unsigned
cl_method_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strcmp(methods[i].name, name) == 0)
			return methods[i].bit;
	return 0;
}

const char *
cl_method_name(unsigned method)
{
	size_t i;

	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (methods[i].bit == method)
			return methods[i].name;
	return "?";
}

void
cl_method_list(unsigned allow, char *buf, size_t len)
{
	size_t i, o = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		int n;

		if (!(allow & methods[i].bit))
			continue;
		n = snprintf(buf + o, len - o, "%s%s", o ? ", " : "",
		    methods[i].name);
		if (n < 0 || (size_t)n >= len - o)
			return;
		o += (size_t)n;
	}
}

/* Matches one pattern against path. On a match fills params (pointers into
 * the path, not yet decoded) and returns the count; -1 on no match. */
static int
pattern_match(const char *pat, const char *path, size_t pathlen,
    struct cl_kv *params, size_t *plens)
{
	const char *p = pat, *s = path, *end = path + pathlen;
	int n = 0;

	while (*p && s < end) {
		if (*p != '/' || *s != '/')
			return -1;
		p++;
		s++;
		if (*p == '{') {
			const char *close = strchr(p, '}');
			const char *seg = s;

			if (close == NULL || n == MAX_PARAMS)
				return -1;
			while (s < end && *s != '/')
				s++;
			if (s == seg)
				return -1; /* an empty parameter matches nothing */
			params[n].key = p + 1; /* up to '}', fixed below */
			plens[n * 2] = (size_t)(close - p - 1);
			params[n].value = seg;
			plens[n * 2 + 1] = (size_t)(s - seg);
			n++;
			p = close + 1;
		} else {
			while (*p && *p != '/' && s < end && *p == *s) {
				p++;
				s++;
			}
			if ((*p && *p != '/') || (s < end && *s != '/'))
				return -1;
		}
	}
	if (*p || s != end)
		return -1;
	return n;
}

/* Compares two matches of the same path by their params (raw values point
 * into the path, so a param's position names its segment). At the first
 * segment where one has a param and the other a literal, the literal is
 * more specific. Returns > 0 when a is more specific than b, < 0 when b is,
 * 0 when both have params in the same segments. */
static int
specificity_cmp(const struct cl_kv *a, int na, const struct cl_kv *b, int nb)
{
	int i;

	for (i = 0; i < na && i < nb; i++) {
		if (a[i].value != b[i].value)
			return a[i].value > b[i].value ? 1 : -1;
	}
	return nb - na; /* the one with params left over has one more */
}

int
cl_router_match(const struct cl_module *const *modules, unsigned method,
    const char *path, struct cl_arena *a, struct cl_match *m)
{
	/* Two scratch sets: the best match so far and the candidate. */
	struct cl_kv raw[2][MAX_PARAMS];
	size_t lens[2][MAX_PARAMS * 2];
	const struct cl_route *best = NULL;
	size_t pathlen = strlen(path), index = 0;
	unsigned want = method == CL_HEAD ? CL_HEAD | CL_GET : method;
	unsigned allow = 0;
	int cur = 0, nbest = 0;
	size_t mi;
	int i;

	memset(m, 0, sizeof(*m));
	/* "/plans/" = "/plans"; "/" alone stays as it is. */
	if (pathlen > 1 && path[pathlen - 1] == '/')
		pathlen--;
	for (mi = 0; modules[mi] != NULL; mi++) {
		const struct cl_route *rt;

		for (rt = modules[mi]->routes; rt->pattern; rt++, index++) {
			int n, cmp;

			/* Other methods only matter for Allow, and Allow
			 * only while no route of the method has matched. */
			if (best != NULL && !(rt->method & want))
				continue;
			n = pattern_match(rt->pattern, path, pathlen, raw[cur],
			    lens[cur]);
			if (n < 0)
				continue;
			if (!(rt->method & want)) {
				allow |= rt->method;
				continue;
			}
			if (best != NULL) {
				cmp = specificity_cmp(raw[cur], n, raw[!cur],
				    nbest);
				/* Equal patterns: the first stays, except
				 * that a HEAD route beats the GET that HEAD
				 * would follow. */
				if (cmp < 0 || (cmp == 0 && !(rt->method ==
				    method && best->method != method)))
					continue;
			}
			best = rt;
			nbest = n;
			m->module = modules[mi];
			m->index = index;
			cur = !cur;
		}
	}
	if (best == NULL) {
		if (allow == 0)
			return CL_ENOTFOUND;
		if (allow & CL_GET)
			allow |= CL_HEAD;
		m->allow = allow;
		return CL_EMETHOD;
	}
	/* The best match's params are in the set cur no longer points at. */
	cur = !cur;
	m->route = best;
	m->nparams = (size_t)nbest;
	m->params = CL_NEW_ARRAY(a, struct cl_kv, nbest ? nbest : 1);
	for (i = 0; i < nbest; i++) {
		char *v = cl_arena_alloc(a, lens[cur][i * 2 + 1] + 1);

		m->params[i].key = cl_arena_strndup(a, raw[cur][i].key,
		    lens[cur][i * 2]);
		long n = cl_percent_decode(v, raw[cur][i].value,
		    lens[cur][i * 2 + 1], false);

		if (n < 0)
			return CL_ENOTFOUND;
		if (!cl_utf8_valid(v, (size_t)n))
			return CL_EINVAL;
		m->params[i].value = v;
	}
	return CL_OK;
}

size_t
cl_router_count(const struct cl_module *const *modules)
{
	size_t n = 0, mi;
	const struct cl_route *rt;

	for (mi = 0; modules[mi] != NULL; mi++)
		for (rt = modules[mi]->routes; rt->pattern; rt++)
			n++;
	return n;
}

const struct cl_route *
cl_router_at(const struct cl_module *const *modules, size_t index)
{
	size_t n = 0, mi;
	const struct cl_route *rt;

	for (mi = 0; modules[mi] != NULL; mi++)
		for (rt = modules[mi]->routes; rt->pattern; rt++, n++)
			if (n == index)
				return rt;
	return NULL;
}
