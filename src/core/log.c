/* Log lines as JSON objects, one per line, appended with one write(2) so
 * lines from concurrent workers never interleave (O_APPEND, under
 * PIPE_BUF for all but the longest error lines).
 *
 * In a worker (cl_log_hold), request lines wait in a buffer of PIPE_BUF
 * bytes and go out together: when the next would not fit, before any
 * other line (lines keep their order), when the worker has nothing to do,
 * and once the oldest has waited CL_LOG_HOLD seconds. Under load that is
 * one write for many requests instead of one for each; a worker killed by
 * a signal loses at most that long of request lines (the master logs the
 * kill and the route it was in). */
#include "config.h"

#include "core/log.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/errors.h"
#include "core/request.h"
#include "core/timeutil.h"
#include "core/banned.h"

static int log_fd = STDERR_FILENO;
static bool holding;
static char held[PIPE_BUF];
static size_t nheld;
static double held_since;       /* cl_monotonic() of the oldest held line */
/* The process's pid, read when it opens its log (each worker does after
 * its fork): a request's log line needs no getpid(2). 0: not yet. */
static pid_t log_pid;

int
cl_log_open(const char *path)
{
	int fd;

	cl_log_flush();
	log_pid = getpid();
	if (path == NULL || *path == '\0') {
		if (log_fd != STDERR_FILENO)
			close(log_fd);
		log_fd = STDERR_FILENO;
		return CL_OK;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		return CL_EIO;
	if (log_fd != STDERR_FILENO)
		close(log_fd);
	log_fd = fd;
	return CL_OK;
}

void
cl_log_escape(char *buf, size_t len, const char *s)
{
	size_t o = 0;

	if (len == 0)
		return;
	for (; s && *s && o + 7 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			o += (size_t)snprintf(buf + o, len - o, "\\u%04x", c);
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o] = '\0';
}

static void
timestamp(char *buf, size_t len)
{
	struct timeval tv;
	struct tm tm;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (long)tv.tv_usec);
}

static void
emit(const char *line, size_t n)
{
	ssize_t w;

	do {
		w = write(log_fd, line, n);
	} while (w < 0 && errno == EINTR);
	/* A failed log write has nowhere better to go. */
}

void
cl_log_hold(bool on)
{
	if (!on)
		cl_log_flush();
	holding = on;
}

void
cl_log_flush(void)
{
	if (nheld > 0)
		emit(held, nheld);
	nheld = 0;
}

double
cl_log_due(double now)
{
	if (nheld == 0)
		return -1;
	return held_since + CL_LOG_HOLD > now ? held_since + CL_LOG_HOLD - now :
	    0;
}

/* A request line: held when holding, else written at once. */
static void
emit_request(const char *line, size_t n)
{
	if (!holding || n > sizeof(held)) {
		cl_log_flush();
		emit(line, n);
		return;
	}
	if (nheld + n > sizeof(held))
		cl_log_flush();
	if (nheld == 0)
		held_since = cl_monotonic();
	memcpy(held + nheld, line, n);
	nheld += n;
}

void
cl_log_request(const struct cl_req *r, double seconds)
{
	char line[1024], ts[96], id[80], route[300], method[16];
	int n;

	timestamp(ts, sizeof(ts));
	cl_log_escape(id, sizeof(id), r->request_id);
	cl_log_escape(route, sizeof(route),
	    r->match.route ? r->match.route->pattern : "-");
	cl_log_escape(method, sizeof(method), r->method_name);
	n = snprintf(line, sizeof(line),
	    "{\"time\":\"%s\",\"level\":\"info\",\"request_id\":\"%s\","
	    "\"method\":\"%s\",\"route\":\"%s\",\"status\":%d,"
	    "\"duration_ms\":%.3f,\"pid\":%ld}\n",
	    ts, id, method, route, r->resp.status, seconds * 1000.0,
	    (long)(log_pid ? log_pid : getpid()));
	if (n > 0)
		emit_request(line,
		    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

static void
vlog(const char *level, const struct cl_req *r, const char *fmt, va_list ap)
{
	char line[2048], ts[96], msg[1024], emsg[1200], id[80], route[300];
	int n;

	timestamp(ts, sizeof(ts));
	vsnprintf(msg, sizeof(msg), fmt, ap);
	cl_log_escape(emsg, sizeof(emsg), msg);
	if (r != NULL) {
		cl_log_escape(id, sizeof(id), r->request_id);
		cl_log_escape(route, sizeof(route),
		    r->match.route ? r->match.route->pattern : "-");
		n = snprintf(line, sizeof(line),
		    "{\"time\":\"%s\",\"level\":\"%s\",\"request_id\":\"%s\","
		    "\"route\":\"%s\",\"pid\":%ld,\"msg\":\"%s\"}\n",
		    ts, level, id, route, (long)getpid(), emsg);
	} else {
		n = snprintf(line, sizeof(line),
		    "{\"time\":\"%s\",\"level\":\"%s\",\"pid\":%ld,\"msg\":\"%s\"}\n",
		    ts, level, (long)getpid(), emsg);
	}
	cl_log_flush();
	if (n > 0)
		emit(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

void
cl_log_err(const struct cl_req *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error", r, fmt, ap);
	va_end(ap);
}

void
cl_bug(const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cl_log_msg("error", "BUG at %s:%d: %s", file, line, msg);
	abort();
}

void
cl_log_msg(const char *level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(level, NULL, fmt, ap);
	va_end(ap);
}
