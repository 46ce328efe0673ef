/* Fuzz target: the configuration parser (src/core/conf.c), with the
 * sections of the real modules. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/conf.h"
#include "core/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every string value of every module section is NUL-terminated in its
 * buffer. */
static int
module_strings_terminated(void)
{
	const struct cl_conf_section *s;
	const struct cl_conf_key *k;
	size_t mi;

	for (mi = 0; cl_modules[mi] != NULL; mi++)
		for (s = cl_modules[mi]->conf; s && s->name; s++)
			for (k = s->keys; k->name; k++)
				if (k->type == CL_K_STR &&
				    memchr((char *)s->storage + k->offset, '\0',
				    k->size) == NULL)
					return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cl_conf c;
	char err[1024];

	cl_conf_defaults(&c);
	err[0] = '\0';
	if (cl_conf_parse(&c, cl_modules, "fuzz.conf", (const char *)data,
	    size, err, sizeof(err)) == 0) {
		if (memchr(c.listen, '\0', sizeof(c.listen)) == NULL ||
		    !module_strings_terminated())
			__builtin_trap();
	} else if (strncmp(err, "fuzz.conf:", 10) != 0) {
		__builtin_trap(); /* every error names the file and line */
	}
	return 0;
}
