/* Workers and the jobs child. A worker waits for the listening socket with
 * SIGTERM unblocked only while it waits (epoll_pwait), so a stop request
 * either ends the wait at once or is seen after the request in flight:
 * never lost in the gap before accept(2), never cutting a request short. */
#include "config.h"

#include "core/worker.h"

#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/request.h"
#include "core/response.h"
#include "core/router.h"
#include "core/timeutil.h"
#include "core/banned.h"

static volatile sig_atomic_t stop_requested;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Blocks the stop signals (they are let in only while waiting) and
 * installs handlers that just set the flag. */
static void
worker_signals(sigset_t *wait_mask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
		abort();
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGHUP, &sa, NULL) != 0 || sigaction(SIGPIPE, &sa, NULL) != 0)
		abort();
	sa.sa_handler = SIG_DFL;
	if (sigaction(SIGCHLD, &sa, NULL) != 0)
		abort();
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	if (sigprocmask(SIG_BLOCK, &block, wait_mask) != 0)
		abort();
	sigdelset(wait_mask, SIGTERM);
	sigdelset(wait_mask, SIGINT);
}

/* FCGX_Init installs libfcgi's SIGUSR1 handler, which makes every later
 * FCGX_Accept_r fail, so a stray SIGUSR1 (one sent to the whole group
 * rather than to the master, whose signal it is: log reopen) would leave
 * the worker spinning in the accept loop. Ignore it after FCGX_Init. */
static void
ignore_sigusr1(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		abort();
}

/* Parses, routes, dispatches and answers one request. */
static void
serve(struct cl_req *r, FCGX_Request *f, int slot)
{
	int rc;

	cl_req_read_params(r, f->envp);
	rc = cl_req_split_uri(r, cl_conf.prefix);
	if (rc == CL_ENOTFOUND) {
		cl_fail(r, 404, "not_found", "No route matches this path.");
		return;
	}
	if (rc != CL_OK) {
		cl_fail(r, 400, "bad_request",
		    "The query string is malformed or not UTF-8.");
		return;
	}
	rc = cl_router_match(cl_modules, r->method, r->path, r->arena, &r->match);
	if (rc == CL_EINVAL) {
		cl_fail(r, 400, "bad_request",
		    "A path parameter is not valid UTF-8.");
		return;
	}
	if (rc == CL_EMETHOD) {
		char allow[128];

		cl_method_list(r->match.allow, allow, sizeof(allow));
		cl_reply_header(r, "Allow", allow);
		cl_fail(r, 405, "method_not_allowed",
		    "This path does not accept this method.");
		return;
	}
	if (rc != CL_OK) {
		cl_fail(r, 404, "not_found", "No route matches this path.");
		return;
	}
	cl_metrics_slot_route(slot, (long)r->match.index);
	rc = cl_req_read_body(r, f->envp, cl_conf.body_limit);
	if (rc == CL_ETOOBIG) {
		cl_fail(r, 413, "payload_too_large",
		    cl_arena_printf(r->arena, "The body is larger than %lld bytes.",
		    (long long)cl_conf.body_limit));
		return;
	}
	if (rc != CL_OK) {
		cl_fail(r, 400, "bad_request", "The body could not be read.");
		return;
	}
	cl_dispatch(r);
}

void
cl_worker_main(int listen_fd, int slot)
{
	struct epoll_event ev;
	struct cl_arena *arena;
	struct cl_db *db;
	FCGX_Request f;
	sigset_t wait_mask;
	int64_t served = 0;
	int ep;

	worker_signals(&wait_mask);
	if (cl_log_open(cl_conf.log_file) != CL_OK)
		cl_log_msg("warn", "cannot open log file %s", cl_conf.log_file);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&f, listen_fd, 0) != 0) {
		cl_log_msg("error", "libfcgi initialisation failed");
		_exit(1);
	}
	ignore_sigusr1();
	ep = epoll_create1(EPOLL_CLOEXEC);
	memset(&ev, 0, sizeof(ev));
	/* EPOLLEXCLUSIVE wakes one idle worker per connection, not all. */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev) != 0) {
		cl_log_msg("error", "epoll on the listening socket: %s",
		    strerror(errno));
		_exit(1);
	}
	db = cl_db_open(&cl_conf);
	arena = cl_arena_new();
	while (!stop_requested) {
		struct cl_req r;
		int n;

		n = epoll_pwait(ep, &ev, 1, -1, &wait_mask);
		if (n < 0 && errno != EINTR) {
			cl_log_msg("error", "epoll_pwait: %s", strerror(errno));
			break;
		}
		/* A stop signal pending since the last request is delivered
		 * inside epoll_pwait even when a connection is ready too. */
		if (n <= 0 || stop_requested)
			continue;
		/* The socket is non-blocking: another worker may have taken
		 * the connection, and then accept says EAGAIN. */
		if (FCGX_Accept_r(&f) < 0)
			continue;
		memset(&r, 0, sizeof(r));
		r.arena = arena;
		r.db = db;
		r.fcgi = &f;
		r.started = cl_monotonic();
		serve(&r, &f, slot);
		if (r.in_tx || cl_db_in_tx(db))
			cl_db_rollback(db);
		cl_response_send(&r);
		FCGX_Finish_r(&f);
		cl_metrics_slot_route(slot, -1);
		cl_arena_reset(arena);
		if (cl_conf.max_requests > 0 && ++served >= cl_conf.max_requests)
			break;
	}
	cl_arena_free(arena);
	cl_db_close(db);
	close(ep);
	FCGX_Free(&f, 0);
	exit(0);
}

void
cl_jobs_main(void)
{
	struct timespec timeout;
	struct cl_arena *arena;
	struct cl_db *db;
	sigset_t wait_mask, set;
	siginfo_t info;
	size_t m;

	worker_signals(&wait_mask);
	if (cl_log_open(cl_conf.log_file) != CL_OK)
		cl_log_msg("warn", "cannot open log file %s", cl_conf.log_file);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	db = cl_db_open(&cl_conf);
	arena = cl_arena_new();
	while (!stop_requested) {
		for (m = 0; cl_modules[m] != NULL; m++) {
			const struct cl_job *j;

			for (j = cl_modules[m]->jobs; j && j->name; j++) {
				int rc = j->run(db, arena);

				if (rc != CL_OK)
					cl_log_msg("error", "job %s failed (%d)",
					    j->name, rc);
				cl_arena_reset(arena);
			}
		}
		/* Sleep until the next round or a stop signal. */
		timeout.tv_sec = cl_conf.jobs_interval;
		timeout.tv_nsec = 0;
		if (sigtimedwait(&set, &info, &timeout) > 0)
			break;
	}
	cl_arena_free(arena);
	cl_db_close(db);
	exit(0);
}
