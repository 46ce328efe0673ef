/* Usage messages of admin commands, shared by clientelectl and the
 * modules' commands so that every wrong-argument message looks alike. */
#include "config.h"

#include "core/command.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

void
cl_command_print(FILE *f, const char *usage)
{
	const char *u = usage, *nl;

	/* Usage strings may hold several lines. */
	while (*u) {
		nl = strchr(u, '\n');
		fprintf(f, "  clientelectl %.*s\n",
		    (int)(nl ? (size_t)(nl - u) : strlen(u)), u);
		u = nl ? nl + 1 : u + strlen(u);
	}
}

int
cl_command_usage(const char *usage)
{
	fprintf(stderr, "usage: clientelectl [-c CONFIG] COMMAND [ARGS]\n");
	cl_command_print(stderr, usage);
	return 2;
}
