/* clientele.conf parser: INI sections and key = value lines, '#' or ';'
 * comments. Each section is a table of keys with their types, bounds and
 * defaults: core's [server] and [database] here, each module's in its
 * descriptor. The tables drive the parser and the defaults; the README
 * documents them. */
#include "config.h"

#include "core/conf.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/router.h"
#include "core/banned.h"

struct cl_conf cl_conf;

static const struct cl_conf_key server_keys[] = {
	CL_CONF_STR("listen", struct cl_conf, listen,
	    "/run/clientele/clientele.sock"),
	CL_CONF_INT("workers", struct cl_conf, workers, 0, 256, 0),
	CL_CONF_INT("max_requests", struct cl_conf, max_requests, 0,
	    INT64_C(1000000000), 10000),
	CL_CONF_INT("retire_timeout", struct cl_conf, retire_timeout, 1, 600,
	    10),
	CL_CONF_INT("body_limit", struct cl_conf, body_limit, 1024,
	    INT64_C(1073741824), 1048576),
	CL_CONF_STR("prefix", struct cl_conf, prefix, "/api/v1"),
	CL_CONF_STR("log_file", struct cl_conf, log_file, ""),
	CL_CONF_STR("pid_file", struct cl_conf, pid_file, ""),
	CL_CONF_BOOL("debug_routes", struct cl_conf, debug_routes, false),
	CL_CONF_INT("jobs_interval", struct cl_conf, jobs_interval, 1, 86400,
	    10),
	CL_CONF_STR("public_url", struct cl_conf, public_url, ""),
	CL_CONF_STR("listen_group", struct cl_conf, listen_group, ""),
	{ 0 }
};

static const struct cl_conf_key database_keys[] = {
	CL_CONF_STR("socket", struct cl_conf, db_socket, ""),
	CL_CONF_STR("host", struct cl_conf, db_host, "localhost"),
	CL_CONF_INT("port", struct cl_conf, db_port, 0, 65535, 3306),
	CL_CONF_STR("user", struct cl_conf, db_user, "clientele"),
	CL_CONF_STR("password", struct cl_conf, db_password, ""),
	CL_CONF_STR("name", struct cl_conf, db_name, "clientele"),
	CL_CONF_INT("timeout", struct cl_conf, db_timeout, 1, 3600, 2),
	CL_CONF_STR("replica_socket", struct cl_conf, replica_socket, ""),
	CL_CONF_STR("replica_host", struct cl_conf, replica_host, ""),
	CL_CONF_INT("replica_port", struct cl_conf, replica_port, 1, 65535, 3306),
	CL_CONF_INT("replica_max_lag", struct cl_conf, replica_max_lag, 0, 86400,
	    5),
	CL_CONF_INT("replica_retry", struct cl_conf, replica_retry, 1, 3600, 5),
	{ 0 }
};

/* Core's sections have no storage of their own: they fill the struct
 * cl_conf being loaded. */
static const struct cl_conf_section core_sections[] = {
	{ .name = "server", .keys = server_keys },
	{ .name = "database", .keys = database_keys },
};

/* A section being read and where its values go: the caller's struct
 * cl_conf for core's, a scratch copy for a module's. */
struct target {
	const struct cl_conf_section	*sec;
	char				*base;
};

static void
copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

static void
set_defaults(const struct cl_conf_key *keys, char *base)
{
	const struct cl_conf_key *k;

	for (k = keys; k->name; k++) {
		char *p = base + k->offset;

		switch (k->type) {
		case CL_K_STR:
			copy_str(p, k->size, k->def_str ? k->def_str : "");
			break;
		case CL_K_INT:
			if (k->size == sizeof(int))
				*(int *)p = (int)k->def;
			else
				*(int64_t *)p = k->def;
			break;
		case CL_K_BOOL:
			*(bool *)p = k->def != 0;
			break;
		}
	}
}

void
cl_conf_defaults(struct cl_conf *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < CL_NELEMS(core_sections); i++)
		set_defaults(core_sections[i].keys, (char *)c);
}

static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static int
set_value(char *base, const struct cl_conf_key *k, const char *v,
    const char *where, char *err, size_t errlen)
{
	char *p = base + k->offset;

	switch (k->type) {
	case CL_K_STR:
		if (strlen(v) >= k->size) {
			snprintf(err, errlen, "%s: value of '%s' is longer than %zu bytes",
			    where, k->name, k->size - 1);
			return CL_EINVAL;
		}
		if ((int64_t)strlen(v) < k->min) {
			snprintf(err, errlen,
			    "%s: '%s' must be at least %lld bytes (openssl rand -hex 32)",
			    where, k->name, (long long)k->min);
			return CL_EINVAL;
		}
		copy_str(p, k->size, v);
		return CL_OK;
	case CL_K_BOOL:
		if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 ||
		    strcmp(v, "on") == 0 || strcmp(v, "1") == 0)
			*(bool *)p = true;
		else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 ||
		    strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
			*(bool *)p = false;
		else {
			snprintf(err, errlen, "%s: '%s' must be true or false, not '%s'",
			    where, k->name, v);
			return CL_EINVAL;
		}
		return CL_OK;
	case CL_K_INT: {
		char *end;
		long long n;

		errno = 0;
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0 || n < k->min ||
		    n > k->max) {
			snprintf(err, errlen,
			    "%s: '%s' must be an integer from %lld to %lld, not '%s'",
			    where, k->name, (long long)k->min, (long long)k->max, v);
			return CL_EINVAL;
		}
		if (k->size == sizeof(int))
			*(int *)p = (int)n;
		else
			*(int64_t *)p = n;
		return CL_OK;
	}
	}
	return CL_EINVAL;
}

/* The target of section name, or NULL. */
static const struct target *
find_target(const struct target *t, size_t nt, const char *name)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (strcmp(t[i].sec->name, name) == 0)
			return &t[i];
	return NULL;
}

static int
parse_lines(const struct target *t, size_t nt, const char *name,
    const char *text, size_t len, char *err, size_t errlen)
{
	const struct target *cur = NULL;
	char section[64] = "";
	char line[2048];
	size_t pos = 0;
	int lineno = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		const struct cl_conf_key *k;
		char where[600];
		char *s, *eq, *key, *val;

		lineno++;
		snprintf(where, sizeof(where), "%s:%d", name, lineno);
		if (n >= sizeof(line)) {
			snprintf(err, errlen, "%s: line too long", where);
			return CL_EINVAL;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + (nl ? 1 : 0);
		if (memchr(line, '\0', n) != NULL) {
			snprintf(err, errlen, "%s: NUL byte in line", where);
			return CL_EINVAL;
		}
		s = trim(line);
		if (*s == '\0' || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *close = strchr(s, ']');

			if (close == NULL || close[1] != '\0') {
				snprintf(err, errlen, "%s: malformed section header", where);
				return CL_EINVAL;
			}
			*close = '\0';
			copy_str(section, sizeof(section), trim(s + 1));
			cur = find_target(t, nt, section);
			if (cur == NULL) {
				snprintf(err, errlen, "%s: unknown section [%s]", where,
				    section);
				return CL_EINVAL;
			}
			continue;
		}
		eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s: expected 'key = value'", where);
			return CL_EINVAL;
		}
		*eq = '\0';
		key = trim(s);
		val = trim(eq + 1);
		if (cur == NULL) {
			snprintf(err, errlen, "%s: key '%s' outside of any section",
			    where, key);
			return CL_EINVAL;
		}
		for (k = cur->sec->keys; k->name; k++)
			if (strcmp(k->name, key) == 0)
				break;
		if (k->name == NULL) {
			snprintf(err, errlen, "%s: unknown key '%s' in [%s]", where,
			    key, section);
			return CL_EINVAL;
		}
		if (set_value(cur->base, k, val, where, err, errlen) != CL_OK)
			return CL_EINVAL;
	}
	return CL_OK;
}

int
cl_conf_parse(struct cl_conf *c, const struct cl_module *const *modules,
    const char *name, const char *text, size_t len, char *err,
    size_t errlen)
{
	const size_t ncore = CL_NELEMS(core_sections);
	const struct cl_conf_section *sec;
	struct target *t;
	size_t nt = ncore, i, mi;
	int rc;

	for (mi = 0; modules[mi] != NULL; mi++)
		for (sec = modules[mi]->conf; sec && sec->name; sec++)
			nt++;
	t = cl_xcalloc(nt, sizeof(*t));
	for (i = 0; i < ncore; i++) {
		t[i].sec = &core_sections[i];
		t[i].base = (char *)c;
	}
	for (mi = 0; modules[mi] != NULL; mi++) {
		for (sec = modules[mi]->conf; sec && sec->name; sec++, i++) {
			t[i].sec = sec;
			t[i].base = cl_xcalloc(1, sec->size);
			set_defaults(sec->keys, t[i].base);
		}
	}
	rc = parse_lines(t, nt, name, text, len, err, errlen);
	/* All or nothing: a module sees none of a file that has an error. */
	for (i = ncore; i < nt; i++) {
		if (rc == CL_OK)
			memcpy(t[i].sec->storage, t[i].base, t[i].sec->size);
		free(t[i].base);
	}
	free(t);
	return rc;
}

static void
dump_keys(FILE *f, const char *section, const struct cl_conf_key *keys)
{
	const struct cl_conf_key *k;

	for (k = keys; k->name; k++) {
		switch (k->type) {
		case CL_K_STR:
			/* A string's bounds are its lengths in bytes. */
			fprintf(f, "%s\t%s\tstring\t%s\t%lld\t%zu\n", section,
			    k->name, k->def_str ? k->def_str : "",
			    (long long)k->min, k->size - 1);
			break;
		case CL_K_INT:
			fprintf(f, "%s\t%s\tinteger\t%lld\t%lld\t%lld\n", section,
			    k->name, (long long)k->def, (long long)k->min,
			    (long long)k->max);
			break;
		case CL_K_BOOL:
			fprintf(f, "%s\t%s\tboolean\t%s\t\t\n", section, k->name,
			    k->def ? "true" : "false");
			break;
		}
	}
}

void
cl_conf_dump(FILE *f, const struct cl_module *const *modules)
{
	const struct cl_conf_section *sec;
	size_t i, mi;

	for (i = 0; i < CL_NELEMS(core_sections); i++)
		dump_keys(f, core_sections[i].name, core_sections[i].keys);
	for (mi = 0; modules[mi] != NULL; mi++)
		for (sec = modules[mi]->conf; sec && sec->name; sec++)
			dump_keys(f, sec->name, sec->keys);
}

int
cl_conf_load(struct cl_conf *c, const char *path, char *err, size_t errlen)
{
	FILE *f;
	char *buf;
	size_t cap = 65536, len;
	int rc;

	cl_conf_defaults(c);
	f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return CL_EIO;
	}
	buf = malloc(cap);
	if (buf == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return CL_EIO;
	}
	len = fread(buf, 1, cap, f);
	if (ferror(f) || len == cap) {
		snprintf(err, errlen, "%s: %s", path,
		    len == cap ? "file larger than 64 KiB" : strerror(errno));
		free(buf);
		fclose(f);
		return CL_EIO;
	}
	fclose(f);
	rc = cl_conf_parse(c, cl_modules, path, buf, len, err, errlen);
	free(buf);
	if (rc == CL_OK && c->workers == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		/* Workers block on MariaDB, so two per core keep the CPUs
		 * busy (DESIGN.md, measured facts). */
		c->workers = (int)(n > 0 ? (n * 2 > 256 ? 256 : n * 2) : 2);
	}
	return rc;
}
