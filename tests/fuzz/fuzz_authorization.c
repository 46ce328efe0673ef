/* Fuzz target: the Authorization header parser (auth_scheme_parse in
 * src/auth/caller.c's rules). What it accepts names one of the three
 * schemes and a credential inside the header. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/internal.h"
#include "core/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_arena *a = cl_arena_new();
	char *header = cl_arena_strndup(a, (const char *)data, size);
	enum auth_scheme scheme;
	const char *cred = NULL;

	if (auth_scheme_parse(header, &scheme, &cred) == 0) {
		size_t n = strlen(header);

		if (cred == NULL || cred < header || cred > header + n ||
		    (scheme != AUTH_SCHEME_BEARER && scheme != AUTH_SCHEME_JWT &&
		    scheme != AUTH_SCHEME_TOKEN))
			abort();
	}
	cl_arena_free(a);
	return 0;
}
