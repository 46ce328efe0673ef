/* Fuzz target: the configuration parser (src/core/conf.c). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cl_conf c;
	char err[1024];

	cl_conf_defaults(&c);
	err[0] = '\0';
	if (cl_conf_parse(&c, "fuzz.conf", (const char *)data, size, err,
	    sizeof(err)) == 0) {
		/* Every string value stays NUL-terminated in its buffer. */
		if (memchr(c.listen, '\0', sizeof(c.listen)) == NULL ||
		    memchr(c.jwt_secret, '\0', sizeof(c.jwt_secret)) == NULL)
			__builtin_trap();
	} else if (strncmp(err, "fuzz.conf:", 10) != 0) {
		__builtin_trap(); /* every error names the file and line */
	}
	return 0;
}
