/* Fuzz target: query strings and percent-decoding (src/core/query.c). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_arena *a = cl_arena_new();
	char *s = cl_arena_strndup(a, (const char *)data, size);
	char *out = cl_arena_alloc(a, size + 1);
	struct cl_kvlist l;
	size_t i;

	(void)cl_percent_decode(out, (const char *)data, size, true);
	if (cl_query_parse(a, s, &l) == 0) {
		for (i = 0; i < l.n; i++) {
			char *enc = cl_url_encode(a, l.items[i].value);
			char *back = cl_arena_alloc(a, strlen(enc) + 1);

			/* Encoding then decoding gives back what was parsed. */
			if (cl_percent_decode(back, enc, strlen(enc), true) < 0 ||
			    strcmp(back, l.items[i].value) != 0)
				abort();
		}
	}
	cl_arena_free(a);
	return 0;
}
