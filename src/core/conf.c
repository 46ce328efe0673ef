/* clientele.conf parser: INI sections and key = value lines, '#' or ';'
 * comments. One table lists every key with its type and bounds, so the
 * parser, the defaults and the README stay in step. */
#include "config.h"

#include "core/conf.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/banned.h"

struct cl_conf cl_conf;

enum key_type { K_STR, K_INT, K_BOOL };

struct key {
	const char	*section;
	const char	*name;
	enum key_type	type;
	size_t		offset;
	size_t		size;     /* K_STR: buffer size; K_INT: sizeof the int */
	int64_t		min, max; /* K_INT bounds */
};

#define STR(sec, n, m) { sec, n, K_STR, offsetof(struct cl_conf, m), sizeof(((struct cl_conf *)0)->m), 0, 0 }
#define INT(sec, n, m, lo, hi) { sec, n, K_INT, offsetof(struct cl_conf, m), sizeof(((struct cl_conf *)0)->m), lo, hi }
#define BOOL(sec, n, m) { sec, n, K_BOOL, offsetof(struct cl_conf, m), sizeof(bool), 0, 1 }

static const struct key keys[] = {
	STR("server", "listen", listen),
	INT("server", "workers", workers, 0, 256),
	INT("server", "max_requests", max_requests, 0, INT64_C(1000000000)),
	INT("server", "body_limit", body_limit, 1024, INT64_C(1073741824)),
	STR("server", "prefix", prefix),
	STR("server", "log_file", log_file),
	STR("server", "pid_file", pid_file),
	BOOL("server", "debug_routes", debug_routes),
	INT("server", "jobs_interval", jobs_interval, 1, 86400),
	STR("database", "socket", db_socket),
	STR("database", "host", db_host),
	INT("database", "port", db_port, 0, 65535),
	STR("database", "user", db_user),
	STR("database", "password", db_password),
	STR("database", "name", db_name),
	INT("database", "timeout", db_timeout, 1, 3600),
	STR("auth", "jwt_secret", jwt_secret),
	INT("auth", "access_ttl", access_ttl, 1, INT64_C(31536000)),
	INT("auth", "refresh_ttl", refresh_ttl, 1, INT64_C(31536000)),
	INT("auth", "login_ttl", login_ttl, 1, INT64_C(31536000)),
	BOOL("loyalty", "open", loyalty_open),
};

static void
copy_str(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

void
cl_conf_defaults(struct cl_conf *c)
{
	memset(c, 0, sizeof(*c));
	copy_str(c->listen, sizeof(c->listen), "/run/clientele/clientele.sock");
	c->workers = 0;
	c->max_requests = 10000;
	c->body_limit = 1048576;
	copy_str(c->prefix, sizeof(c->prefix), "/api/v1");
	c->jobs_interval = 10;
	copy_str(c->db_host, sizeof(c->db_host), "localhost");
	c->db_port = 3306;
	copy_str(c->db_user, sizeof(c->db_user), "clientele");
	copy_str(c->db_name, sizeof(c->db_name), "clientele");
	c->db_timeout = 2;
	c->access_ttl = 600;
	c->refresh_ttl = 86400;
	c->login_ttl = 86400;
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
set_value(struct cl_conf *c, const struct key *k, const char *v,
    const char *where, char *err, size_t errlen)
{
	char *p = (char *)c + k->offset;

	switch (k->type) {
	case K_STR:
		if (strlen(v) >= k->size) {
			snprintf(err, errlen, "%s: value of '%s' is longer than %zu bytes",
			    where, k->name, k->size - 1);
			return CL_EINVAL;
		}
		copy_str(p, k->size, v);
		return CL_OK;
	case K_BOOL:
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
	case K_INT: {
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

int
cl_conf_parse(struct cl_conf *c, const char *name, const char *text,
    size_t len, char *err, size_t errlen)
{
	char section[64] = "";
	char line[2048];
	size_t pos = 0;
	int lineno = 0;

	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char where[600];
		char *s, *eq, *key, *val;
		size_t i;

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
			bool known = false;

			if (close == NULL || close[1] != '\0') {
				snprintf(err, errlen, "%s: malformed section header", where);
				return CL_EINVAL;
			}
			*close = '\0';
			copy_str(section, sizeof(section), trim(s + 1));
			for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
				if (strcmp(keys[i].section, section) == 0)
					known = true;
			if (!known) {
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
		if (section[0] == '\0') {
			snprintf(err, errlen, "%s: key '%s' outside of any section",
			    where, key);
			return CL_EINVAL;
		}
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if (strcmp(keys[i].section, section) == 0 &&
			    strcmp(keys[i].name, key) == 0)
				break;
		}
		if (i == sizeof(keys) / sizeof(keys[0])) {
			snprintf(err, errlen, "%s: unknown key '%s' in [%s]", where,
			    key, section);
			return CL_EINVAL;
		}
		if (set_value(c, &keys[i], val, where, err, errlen) != CL_OK)
			return CL_EINVAL;
	}
	return CL_OK;
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
	rc = cl_conf_parse(c, path, buf, len, err, errlen);
	free(buf);
	if (rc == CL_OK && c->workers == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		/* Workers block on MariaDB, so two per core keep the CPUs
		 * busy (DESIGN.md, measured facts). */
		c->workers = (int)(n > 0 ? (n * 2 > 256 ? 256 : n * 2) : 2);
	}
	return rc;
}
