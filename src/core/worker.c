/* Workers and the jobs child. A worker waits for the listening socket and
 * the FastCGI connections it holds with its signals unblocked only while
 * it waits (epoll_pwait), so a stop or retire request either ends the wait
 * at once or is seen after the request in flight: never lost in the gap
 * before accept(2), never cutting a request short.
 *
 * SIGTERM stops a worker (the pool is stopping). SIGQUIT, from a reload or
 * a log reopen, and reaching max_requests retire it: it stops accepting
 * and answers what nginx sends on the connections it keeps until nginx has
 * closed them all, each answer released (fcgi_end.h) so nginx closes that
 * connection itself; idle ones nginx closes at its upstream
 * keepalive_timeout, which must stay below [server] retire_timeout. A
 * worker that closed a kept connection itself could meet a request nginx
 * is sending on it at that instant, and nginx does not pass a POST it has
 * sent to another worker. */
#include "config.h"

#include "core/worker.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
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
#include "core/fcgi_end.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/request.h"
#include "core/response.h"
#include "core/router.h"
#include "core/timeutil.h"
#include "core/banned.h"

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t retire_requested;

static void
on_stop(int sig)
{
	if (sig == SIGQUIT)
		retire_requested = 1;
	else
		stop_requested = 1;
}

/* Installs handlers that just set the flags, and blocks their signals:
 * they are let in only while waiting (wait_mask). The master forks with
 * them blocked, so one sent before the handlers exist waits here instead
 * of taking its default action. */
static void
worker_signals(sigset_t *wait_mask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGQUIT, &sa, NULL) != 0)
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
	sigaddset(&block, SIGQUIT);
	if (sigprocmask(SIG_SETMASK, &block, NULL) != 0)
		abort();
	sigemptyset(wait_mask);
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

/* The FastCGI connections one worker holds. nginx keeps idle connections
 * to the pool (fastcgi_keep_conn on, upstream keepalive), and a blocking
 * libfcgi worker that served only its one kept connection would leave every
 * other connection waiting in the listen backlog (DESIGN.md, "Measured
 * facts": p99 of seconds). So a worker holds up to CONN_MAX connections,
 * each its own FCGX_Request, polls them with the listening socket and
 * serves whichever has a request, one request at a time. */
enum { CONN_MAX = 256, LISTEN_KEY = CONN_MAX };

struct conns {
	FCGX_Request	 req[CONN_MAX];
	int		 fd[CONN_MAX];	/* the fd registered in epoll, or -1 */
	/* Bumped when a slot takes a new connection: an event still queued
	 * in this batch for the slot's previous connection must not make
	 * the worker block reading the new one, which nginx may leave idle. */
	uint32_t	 gen[CONN_MAX];
	int		 open;		/* slots holding a connection */
	int		 ep;
	int		 listen_fd;
	bool		 listening;	/* listen_fd is in the epoll set */
	bool		 accepting;	/* false once draining */
};

/* Keeps the listening socket in the set while a slot is free. */
static void
conns_listen(struct conns *c, bool want)
{
	struct epoll_event ev;

	if (want == c->listening)
		return;
	memset(&ev, 0, sizeof(ev));
	/* EPOLLEXCLUSIVE wakes one idle worker per connection, not all. */
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ev.data.u64 = LISTEN_KEY;
	if (epoll_ctl(c->ep, want ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, c->listen_fd,
	    &ev) != 0) {
		cl_log_msg("error", "epoll on the listening socket: %s",
		    strerror(errno));
		_exit(1);
	}
	c->listening = want;
}

/* Follows libfcgi's view of slot i after an accept or a finish: a closed
 * connection left the epoll set when it was closed, a new one joins it. */
static void
conns_sync(struct conns *c, int i)
{
	struct epoll_event ev;
	int fd = c->req[i].ipcFd;

	if (fd == c->fd[i])
		return;
	if (c->fd[i] >= 0)
		c->open--;
	c->fd[i] = -1;
	if (fd >= 0) {
		memset(&ev, 0, sizeof(ev));
		ev.events = EPOLLIN;
		ev.data.u64 = (uint64_t)++c->gen[i] << 32 | (uint32_t)i;
		if (epoll_ctl(c->ep, EPOLL_CTL_ADD, fd, &ev) != 0) {
			cl_log_msg("error", "epoll on a connection: %s",
			    strerror(errno));
			FCGX_Free(&c->req[i], 1);
		} else {
			c->fd[i] = fd;
			c->open++;
		}
	}
	conns_listen(c, c->accepting && c->open < CONN_MAX);
}

static int
conns_free_slot(const struct conns *c)
{
	int i;

	for (i = 0; i < CONN_MAX; i++)
		if (c->fd[i] < 0)
			return i;
	return -1;
}

/* The next request on slot i: from the listening socket when the slot is
 * free, else from its kept connection. The request's listen_sock is -1
 * while it reads a kept connection, so that when nginx has closed it
 * libfcgi's retry does not accept a connection behind our back (it gets
 * EBADF and the slot is free again). 0 when a request is ready. */
static int
conns_accept(struct conns *c, int i)
{
	int rc;

	c->req[i].listen_sock = c->fd[i] < 0 ? c->listen_fd : -1;
	rc = FCGX_Accept_r(&c->req[i]);
	conns_sync(c, i);
	return rc;
}

/* Serves one request on slot i (accepted). Once the worker has stopped
 * accepting, or when this request is its last (max_requests), the answer
 * is released: nginx closes that connection rather than keep it. */
static void
conns_serve(struct conns *c, int i, struct cl_arena *arena, struct cl_db *db,
    int slot, bool last)
{
	FCGX_Request *f = &c->req[i];
	struct cl_req r;

	memset(&r, 0, sizeof(r));
	r.arena = arena;
	r.db = db;
	r.fcgi = f;
	r.started = cl_monotonic();
	serve(&r, f, slot);
	if (r.in_tx || cl_db_in_tx(db))
		cl_db_rollback(db);
	cl_response_send(&r);
	/* Flushes the answer; closes the connection unless nginx keeps it. */
	if (f->keepConnection && (last || !c->accepting))
		cl_fcgi_finish_released(f);
	else
		FCGX_Finish_r(f);
	conns_sync(c, i);
	cl_metrics_slot_route(slot, -1);
	cl_arena_reset(arena);
}

/* Serves the request an epoll event announces: 1 when one was served. */
static int
conns_event(struct conns *c, uint64_t key, struct cl_arena *arena,
    struct cl_db *db, int slot, bool last)
{
	int i;

	if (key == LISTEN_KEY) {
		if (!c->listening || (i = conns_free_slot(c)) < 0)
			return 0;
	} else {
		i = (int)(key & 0xffffffffu);
		/* Closed, or closed and replaced, earlier in this batch. */
		if (i >= CONN_MAX || c->fd[i] < 0 || key >> 32 != c->gen[i])
			return 0;
	}
	/* The listening socket is non-blocking: another worker may have
	 * taken the connection (EAGAIN). */
	if (conns_accept(c, i) < 0)
		return 0;
	conns_serve(c, i, arena, db, slot, last);
	return 1;
}

/* Stops accepting: connections nginx opens from now on go to the other
 * workers. */
static void
conns_stop_accepting(struct conns *c)
{
	c->accepting = false;
	conns_listen(c, false);
}

/* On a stop: answer what nginx has already sent on the kept connections,
 * one round, released, and close them all. A request nginx sends in the
 * instant before the close fails; the pool is stopping. */
static void
conns_close(struct conns *c, struct epoll_event *evs, struct cl_arena *arena,
    struct cl_db *db, int slot, bool answer_pending)
{
	int n, e, i;

	conns_stop_accepting(c);
	n = answer_pending ? epoll_wait(c->ep, evs, CONN_MAX, 0) : 0;
	for (e = 0; e < n; e++)
		if ((uint32_t)evs[e].data.u64 != LISTEN_KEY)
			conns_event(c, evs[e].data.u64, arena, db, slot, true);
	for (i = 0; i < CONN_MAX; i++) {
		if (c->fd[i] >= 0)
			FCGX_Free(&c->req[i], 1);
		c->fd[i] = -1;
	}
}

/* A worker that retires by itself (max_requests) tells the master, which
 * starts its replacement at once rather than when it exits; a real-time
 * signal, so that several retiring together are each counted. */
static void
tell_master_retiring(pid_t master)
{
	if (getppid() == master && kill(master, SIGRTMIN) != 0)
		cl_log_msg("warn", "cannot tell the master this worker retires: %s",
		    strerror(errno));
}

void
cl_worker_main(int listen_fd, int slot)
{
	static struct conns c;
	struct epoll_event evs[CONN_MAX + 1];
	struct cl_arena *arena;
	struct cl_db *db;
	sigset_t wait_mask;
	pid_t master = getppid();
	int64_t served = 0;
	double retire_by = 0; /* 0: not retiring */
	int i;

	worker_signals(&wait_mask);
	if (cl_log_open(cl_conf.log_file) != CL_OK)
		cl_log_msg("warn", "cannot open log file %s", cl_conf.log_file);
	if (FCGX_Init() != 0) {
		cl_log_msg("error", "libfcgi initialisation failed");
		_exit(1);
	}
	ignore_sigusr1();
	for (i = 0; i < CONN_MAX; i++) {
		if (FCGX_InitRequest(&c.req[i], listen_fd, 0) != 0) {
			cl_log_msg("error", "libfcgi initialisation failed");
			_exit(1);
		}
		c.fd[i] = -1;
	}
	c.listen_fd = listen_fd;
	c.accepting = true;
	c.ep = epoll_create1(EPOLL_CLOEXEC);
	if (c.ep < 0) {
		cl_log_msg("error", "epoll_create1: %s", strerror(errno));
		_exit(1);
	}
	conns_listen(&c, true);
	db = cl_db_open(&cl_conf);
	arena = cl_arena_new();
	cl_log_hold(true);
	while (!stop_requested) {
		int n, e, timeout = -1;
		double log_due;
		bool at_limit = cl_conf.max_requests > 0 &&
		    served >= cl_conf.max_requests;

		if (retire_by == 0 && (retire_requested || at_limit)) {
			if (!retire_requested)
				tell_master_retiring(master);
			conns_stop_accepting(&c);
			retire_by = cl_monotonic() + (double)cl_conf.retire_timeout;
		}
		if (retire_by > 0) {
			double left = retire_by - cl_monotonic();

			/* nginx closed them all, or should have by now. */
			if (c.open == 0 || left <= 0)
				break;
			timeout = (int)(left * 1000) + 1;
		}
		/* Held request lines go out when due, or when the wait below
		 * ends with nothing to do. */
		log_due = cl_log_due(cl_monotonic());
		if (log_due == 0)
			cl_log_flush();
		else if (log_due > 0 &&
		    (timeout < 0 || (int)(log_due * 1000) + 1 < timeout))
			timeout = (int)(log_due * 1000) + 1;
		n = epoll_pwait(c.ep, evs, CL_NELEMS(evs), timeout, &wait_mask);
		if (n < 0 && errno != EINTR) {
			cl_log_msg("error", "epoll_pwait: %s", strerror(errno));
			break;
		}
		if (n == 0)
			cl_log_flush();
		/* In the order epoll reports them, which rotates ready
		 * connections: none waits behind a busy neighbour forever. A
		 * stop signal pending since the last request is delivered
		 * inside epoll_pwait even when a connection is ready too. */
		for (e = 0; e < n && !stop_requested; e++) {
			bool last = cl_conf.max_requests > 0 &&
			    served + 1 >= cl_conf.max_requests;

			served += conns_event(&c, evs[e].data.u64, arena, db,
			    slot, last);
		}
	}
	if (retire_by > 0 && c.open > 0 && !stop_requested)
		cl_log_msg("warn", "retiring worker closes %d kept connections "
		    "after retire_timeout (%d s): keep nginx's upstream "
		    "keepalive_timeout below it", c.open,
		    cl_conf.retire_timeout);
	conns_close(&c, evs, arena, db, slot, stop_requested != 0);
	cl_log_hold(false);
	for (i = 0; i < CONN_MAX; i++)
		FCGX_Free(&c.req[i], 0);
	cl_arena_free(arena);
	cl_db_close(db);
	close(c.ep);
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
