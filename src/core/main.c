/* clientele: the FastCGI application server. Reads the configuration,
 * then runs the master, which sets up the modules (master.c). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/master.h"
#include "core/router.h"
#include "core/schema.h"
#include "core/banned.h"

static void
usage(void)
{
	fprintf(stderr, "usage: clientele [-c CONFIG] [-t] [-v] [-S] [--dump-config]\n"
	    "  -c CONFIG  configuration file (default %s/clientele.conf)\n"
	    "  -t         check the configuration and exit\n"
	    "  -v         print the version and exit\n"
	    "  -S         print the routes and their JSON Schemas (the input\n"
	    "             of docs/build-openapi) and exit; reads no config\n"
	    "  --dump-config  print every configuration key with its type,\n"
	    "             default and bounds, and exit; reads no config\n",
	    CL_SYSCONFDIR);
}

int
main(int argc, char **argv)
{
	const char *path = CL_SYSCONFDIR "/clientele.conf";
	char err[1024];
	bool test_only = false;
	static const struct option longopts[] = {
		{ "dump-config", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "c:tvSh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		case 't':
			test_only = true;
			break;
		case 'v':
			printf("clientele %s\n", PACKAGE_VERSION);
			return 0;
		case 'S':
			return cl_schema_dump(stdout) == CL_OK ? 0 : 1;
		case 'K':
			cl_conf_dump(stdout, cl_modules);
			return fflush(stdout) == 0 ? 0 : 1;
		default:
			usage();
			return 2;
		}
	}
	if (optind != argc) {
		usage();
		return 2;
	}
	if (cl_conf_load(&cl_conf, path, err, sizeof(err)) != CL_OK) {
		fprintf(stderr, "clientele: %s\n", err);
		return 1;
	}
	if (test_only) {
		printf("clientele: %s is valid\n", path);
		return 0;
	}
	if (cl_log_open(cl_conf.log_file) != CL_OK) {
		fprintf(stderr, "clientele: cannot open log file %s\n",
		    cl_conf.log_file);
		return 1;
	}
	return cl_master_run(path);
}
