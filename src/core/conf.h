/* clientele.conf: an INI file read by the master at start and on SIGHUP.
 * Unknown sections and keys and bad values are errors naming file, line
 * and key, so a typo never silently falls back to a default. */
#ifndef CL_CORE_CONF_H
#define CL_CORE_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CL_CONF_STR_MAX 512

struct cl_conf {
	/* [server] */
	char		listen[CL_CONF_STR_MAX];     /* socket path, or host:port */
	int		workers;                     /* 0: 2 x cores */
	int64_t		max_requests;                /* recycle a worker after this many */
	int64_t		body_limit;                  /* bytes; larger bodies get 413 */
	char		prefix[64];                  /* URL prefix stripped before routing */
	char		log_file[CL_CONF_STR_MAX];   /* empty: stderr */
	char		pid_file[CL_CONF_STR_MAX];   /* empty: none */
	bool		debug_routes;                /* serve /debug/... (tests only) */
	int		jobs_interval;               /* seconds between periodic job runs */

	/* [database] */
	char		db_socket[CL_CONF_STR_MAX];  /* Unix socket; wins over host */
	char		db_host[256];
	int		db_port;
	char		db_user[128];
	char		db_password[256];
	char		db_name[128];
	int		db_timeout;                  /* connect/read/write timeout, s */

	/* [auth] */
	char		jwt_secret[CL_CONF_STR_MAX];
	int64_t		access_ttl;                  /* s, seed 001 access token */
	int64_t		refresh_ttl;                 /* s, seed 001 refresh token */
	int64_t		login_ttl;                   /* s, seed 000 /auth/login token */

	/* [loyalty] */
	bool		loyalty_open;
};

/* Fills c with the defaults documented in the README. */
void cl_conf_defaults(struct cl_conf *c);

/* Parses INI text (len bytes) over the values already in c. name is the
 * file name used in messages. On error writes "name:line: message" into
 * err (errlen bytes) and returns CL_EINVAL; c may be partly updated. */
int cl_conf_parse(struct cl_conf *c, const char *name, const char *text,
    size_t len, char *err, size_t errlen);

/* Reads and parses the file at path over the defaults. Returns CL_OK,
 * CL_EIO (err says why) or CL_EINVAL. */
int cl_conf_load(struct cl_conf *c, const char *path, char *err, size_t errlen);

/* The process-wide configuration (set by the master before forking). */
extern struct cl_conf cl_conf;

#endif
