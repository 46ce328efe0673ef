/* Fuzz target: route matching (src/core/router.c) over the real tables. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_arena *a;
	struct cl_match m;
	unsigned method;
	char *path;
	int rc;

	if (size < 1)
		return 0;
	a = cl_arena_new();
	method = 1u << (data[0] % 7);
	path = cl_arena_strndup(a, (const char *)data + 1, size - 1);
	rc = cl_router_match(cl_modules, method, path, a, &m);
	if (rc == CL_OK && (m.route == NULL || m.route->method != method) &&
	    !(method == CL_HEAD && m.route && m.route->method == CL_GET))
		__builtin_trap();
	if (rc == CL_EMETHOD && m.allow == 0)
		__builtin_trap();
	cl_arena_free(a);
	return 0;
}
