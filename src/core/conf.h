/* clientele.conf: an INI file read by the master at start and on SIGHUP.
 * Core declares [server] and [database]; each module declares its own
 * sections in its descriptor (struct cl_module, router.h). Unknown
 * sections and keys and bad values are errors naming file, line and key,
 * so a typo never silently falls back to a default. */
#ifndef CL_CORE_CONF_H
#define CL_CORE_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct cl_module;

#define CL_CONF_STR_MAX 512

struct cl_conf {
	/* [server] */
	char		listen[CL_CONF_STR_MAX];     /* socket path, or host:port */
	int		workers;                     /* 0: 2 x cores */
	int64_t		max_requests;                /* recycle a worker after this many */
	int		retire_timeout;              /* s a retiring worker waits for nginx */
	int64_t		body_limit;                  /* bytes; larger bodies get 413 */
	char		prefix[64];                  /* URL prefix stripped before routing */
	char		log_file[CL_CONF_STR_MAX];   /* empty: stderr */
	char		pid_file[CL_CONF_STR_MAX];   /* empty: none */
	bool		debug_routes;                /* serve /debug/... (tests only) */
	int		jobs_interval;               /* seconds between periodic job runs */
	char		listen_group[64];            /* Unix socket: group nginx runs in
	                                              * (mode 0660); empty: 0600 */
	char		public_url[CL_CONF_STR_MAX]; /* base of absolute links; empty:
	                                              * scheme://localhost:port */

	/* [database] */
	char		db_socket[CL_CONF_STR_MAX];  /* Unix socket; wins over host */
	char		db_host[256];
	int		db_port;
	char		db_user[128];
	char		db_password[256];
	char		db_name[128];
	int		db_timeout;                  /* connect/read/write timeout, s */
	/* A replica for reads that tolerate lag (cl_db_for_lagged_read);
	 * none when both host and socket are empty. Same user, password
	 * and database name as the primary (replicated with it). */
	char		replica_socket[CL_CONF_STR_MAX];
	char		replica_host[256];
	int		replica_port;
	int		replica_max_lag;             /* s behind the primary, at most */
	int		replica_retry;               /* s before retrying a dead one */
};

enum cl_conf_type {
	CL_K_STR,   /* char[size], the value at most size - 1 bytes */
	CL_K_INT,   /* int or int64_t (size tells), min..max */
	CL_K_BOOL,  /* bool: true/yes/on/1 or false/no/off/0 */
};

/* One key of a section: its type and bounds, its default, and where its
 * value goes in the section's storage struct. */
struct cl_conf_key {
	const char		*name;
	enum cl_conf_type	type;
	size_t			offset;   /* in the storage struct */
	size_t			size;     /* STR: buffer; INT: 4 or 8 */
	int64_t			min, max; /* CL_K_INT bounds */
	int64_t			def;      /* CL_K_INT and CL_K_BOOL default */
	const char		*def_str; /* CL_K_STR default */
};

#define CL_CONF_STR(n, T, m, d) \
	{ (n), CL_K_STR, offsetof(T, m), sizeof(((T *)0)->m), 0, 0, 0, (d) }
/* A string the file must give at least minlen bytes of when it gives it
 * (a secret); the default applies when the key is absent. */
#define CL_CONF_SECRET(n, T, m, minlen, d) \
	{ (n), CL_K_STR, offsetof(T, m), sizeof(((T *)0)->m), (minlen), 0, 0, (d) }
#define CL_CONF_INT(n, T, m, lo, hi, d) \
	{ (n), CL_K_INT, offsetof(T, m), sizeof(((T *)0)->m), (lo), (hi), \
	  (d), NULL }
#define CL_CONF_BOOL(n, T, m, d) \
	{ (n), CL_K_BOOL, offsetof(T, m), sizeof(bool), 0, 1, (d), NULL }

/* A module's [name] section. storage holds the live values; a load writes
 * it only when the whole file is valid, so a refused reload changes none
 * of them. */
struct cl_conf_section {
	const char			*name;
	const struct cl_conf_key	*keys;    /* ends with a zeroed entry */
	void				*storage;
	size_t				size;     /* sizeof *storage */
};

/* Fills c with core's defaults (the key tables of conf.c, documented in
 * the README). */
void cl_conf_defaults(struct cl_conf *c);

/* Parses INI text (len bytes): [server] and [database] over the values
 * already in c, and the sections of modules (NULL-terminated) each over
 * its defaults, in scratch copies. Only when the whole text is valid are
 * the copies written to the sections' storage. name is the file name used
 * in messages. On error writes "name:line: message" into err (errlen
 * bytes) and returns CL_EINVAL; no module storage has changed, but c may
 * be partly updated (parse into a fresh struct cl_conf, and keep it only
 * on success, as master.c's reload does). */
int cl_conf_parse(struct cl_conf *c, const struct cl_module *const *modules,
    const char *name, const char *text, size_t len, char *err,
    size_t errlen);

/* Reads and parses the file at path over the defaults, with the sections
 * of cl_modules (all or nothing, as cl_conf_parse). Returns CL_OK, CL_EIO
 * (err says why) or CL_EINVAL. */
int cl_conf_load(struct cl_conf *c, const char *path, char *err, size_t errlen);

/* Writes every key of core's sections and then of each module's (modules
 * NULL-terminated) to f, one line each, tab-separated: section, key, type
 * (string, integer or boolean), default, min, max. A string's min and max
 * are its lengths in bytes; a boolean has neither. clientele --dump-config
 * prints it so that tests/lint/manpages.py can hold clientele.conf(5) to
 * the tables. */
void cl_conf_dump(FILE *f, const struct cl_module *const *modules);

/* The process-wide configuration (set by the master before forking). */
extern struct cl_conf cl_conf;

#endif
