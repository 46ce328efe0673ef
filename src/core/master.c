/* The master: opens the listening socket once, forks the workers and the
 * jobs child, and supervises them with sigtimedwait(2), so signals are
 * handled in the main loop rather than in handlers. A worker that dies
 * is replaced; one that dies young is replaced after a growing delay, so a
 * crash loop cannot spin. SIGHUP starts a new generation of workers before
 * retiring the old one (SIGQUIT: worker.c says how a worker retires), so
 * no request is refused during a reload; SIGUSR1 reopens the log file
 * (logrotate moved it) and does the same, so every process writes to the
 * new file. A worker retiring by itself (max_requests) says so with
 * SIGRTMIN and is replaced at once. Under systemd (Type=notify) the master
 * reports ready, reloading and stopping. */
#include "config.h"

#include "core/master.h"

#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/conf.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/notify.h"
#include "core/router.h"
#include "core/timeutil.h"
#include "core/worker.h"
#include "core/banned.h"

#define MAX_CHILDREN (CL_METRICS_MAX_WORKERS)
#define BACKOFF_MIN 0.1     /* s before replacing a worker that died young */
#define BACKOFF_MAX 10.0
#define YOUNG 2.0           /* a worker dying before this age counts as a crash */
#define STOP_GRACE 30.0     /* s for in-flight requests before SIGKILL */

enum child_kind { CHILD_NONE, CHILD_WORKER, CHILD_JOBS };

struct child {
	enum child_kind	kind;
	pid_t		pid;
	unsigned	gen;       /* configuration generation it runs */
	double		started;
	bool		stopping;  /* stopping or retiring: no longer counted */
};

static struct child children[MAX_CHILDREN + 1];
static int listen_fd = -1;
static unsigned generation = 1;
static double backoff;           /* current delay for replacing a crash */
static double respawn_at;        /* 0: nothing pending */

/* Only nginx may talk to the pool, which trusts the parameters it sends
 * (REMOTE_ADDR, HTTPS, REQUEST_ID): the socket is 0660 with nginx's group
 * ([server] listen_group), or 0600 when both run as one user. */
static int
restrict_socket(const char *path)
{
	const char *group = cl_conf.listen_group;
	struct group *g;

	if (group[0] == '\0') {
		if (chmod(path, 0600) != 0) {
			cl_log_msg("error", "chmod %s: %s", path, strerror(errno));
			return CL_EIO;
		}
		return CL_OK;
	}
	errno = 0;
	g = getgrnam(group);
	if (g == NULL) {
		cl_log_msg("error", "listen_group %s: no such group", group);
		return CL_EINVAL;
	}
	if (chown(path, (uid_t)-1, g->gr_gid) != 0 || chmod(path, 0660) != 0) {
		cl_log_msg("error", "giving %s to group %s: %s", path, group,
		    strerror(errno));
		return CL_EIO;
	}
	return CL_OK;
}

int
cl_master_split_listen(const char *listen, char *host, size_t hostlen,
    char *port, size_t portlen)
{
	const char *colon, *h = listen, *p;
	size_t hl, pl;

	/* A path: absolute, or relative without a colon. */
	if (listen[0] == '/' || strchr(listen, ':') == NULL)
		return listen[0] != '\0' ? 0 : CL_EINVAL;
	if (listen[0] == '[') {
		/* [v6 address]:port */
		colon = strstr(listen, "]:");
		if (colon == NULL)
			return CL_EINVAL;
		h = listen + 1;
		hl = (size_t)(colon - h);
		p = colon + 2;
	} else {
		colon = strrchr(listen, ':');
		hl = (size_t)(colon - listen);
		p = colon + 1;
		if (memchr(listen, ':', hl) != NULL)
			return CL_EINVAL; /* a bare v6 address needs brackets */
	}
	pl = strlen(p);
	/* No wildcard by omission: the pool trusts whoever reaches it, so
	 * the operator names the private address to bind. */
	if (hl == 0 || hl >= hostlen || pl == 0 || pl >= portlen ||
	    strspn(p, "0123456789") != pl || pl > 5)
		return CL_EINVAL;
	memcpy(host, h, hl);
	host[hl] = '\0';
	memcpy(port, p, pl + 1);
	if (strtol(port, NULL, 10) < 1 || strtol(port, NULL, 10) > 65535)
		return CL_EINVAL;
	return 1;
}

/* A TCP listener on host:port. TCP_NODELAY on the listener is inherited
 * by every accepted connection on Linux: a reply must not wait for
 * nginx's delayed ACK. */
static int
open_tcp(const char *host, const char *port)
{
	struct addrinfo hints, *res = NULL;
	int fd, rc, on = 1;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0) {
		cl_log_msg("error", "listen %s:%s: %s", host, port,
		    gai_strerror(rc));
		return -1;
	}
	fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC,
	    res->ai_protocol);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on)) != 0 ||
	    bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 1024) != 0) {
		cl_log_msg("error", "cannot listen on %s:%s: %s", host, port,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	if (strcmp(host, "0.0.0.0") == 0 || strcmp(host, "::") == 0 ||
	    strcmp(host, "*") == 0)
		cl_log_msg("warn", "listening on every address (%s): the pool "
		    "trusts nginx's parameters, bind a private address", host);
	freeaddrinfo(res);
	return fd;
}

static int
open_listener(void)
{
	const char *addr = cl_conf.listen;
	char host[256], port[8];
	int fd, flags, kind;

	kind = cl_master_split_listen(addr, host, sizeof(host), port,
	    sizeof(port));
	if (kind < 0) {
		cl_log_msg("error", "listen = %s: neither a socket path nor "
		    "host:port ([v6]:port)", addr);
		return -1;
	}
	if (kind == 1) {
		fd = open_tcp(host, port);
		if (fd < 0)
			return -1;
	} else {
		/* A socket file left by a crashed master would make bind
		 * fail; nobody can be serving on it, since the pid file
		 * check in the scripts ran first. */
		if (unlink(addr) != 0 && errno != ENOENT)
			cl_log_msg("warn", "cannot remove old socket %s: %s",
			    addr, strerror(errno));
		fd = FCGX_OpenSocket(addr, 1024);
		if (fd < 0) {
			cl_log_msg("error", "cannot listen on %s: %s", addr,
			    strerror(errno));
			return -1;
		}
		if (restrict_socket(addr) != CL_OK) {
			close(fd);
			return -1;
		}
	}
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
		cl_log_msg("error", "fcntl on the listening socket: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
write_pid_file(void)
{
	char buf[32];
	int fd, n;

	if (cl_conf.pid_file[0] == '\0')
		return CL_OK;
	fd = open(cl_conf.pid_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return CL_EIO;
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (write(fd, buf, (size_t)n) != n) {
		close(fd);
		return CL_EIO;
	}
	return close(fd) == 0 ? CL_OK : CL_EIO;
}

static void
spawn(int slot, enum child_kind kind)
{
	pid_t pid = fork();

	if (pid < 0) {
		cl_log_msg("error", "fork: %s", strerror(errno));
		respawn_at = cl_monotonic() + 1.0;
		return;
	}
	if (pid == 0) {
		struct sigaction ign;

		/* The child starts with the master's blocked set, so a stop
		 * or retire signal sent before it has its handlers waits for
		 * them (worker.c sets its own mask). SIGUSR1 is the master's
		 * (log reopen): a stray one sent to the whole group must not
		 * kill a worker. */
		memset(&ign, 0, sizeof(ign));
		ign.sa_handler = SIG_IGN;
		sigaction(SIGUSR1, &ign, NULL);
		if (kind == CHILD_JOBS) {
			close(listen_fd);
			cl_jobs_main();
		}
		cl_worker_main(listen_fd, slot);
	}
	children[slot].kind = kind;
	children[slot].pid = pid;
	children[slot].gen = generation;
	children[slot].started = cl_monotonic();
	children[slot].stopping = false;
	if (kind == CHILD_WORKER)
		cl_metrics_slot_set(slot, pid);
}

static int
count(enum child_kind kind, bool current_only)
{
	int i, n = 0;

	for (i = 0; i <= MAX_CHILDREN; i++)
		if (children[i].kind == kind &&
		    (!current_only || (children[i].gen == generation &&
		    !children[i].stopping)))
			n++;
	return n;
}

/* Starts workers and the jobs child until the current generation has all
 * it should. The jobs child uses the last slot. */
static void
fill(void)
{
	int i, want = cl_conf.workers, have = count(CHILD_WORKER, true);

	for (i = 0; i < MAX_CHILDREN && have < want; i++) {
		if (children[i].kind != CHILD_NONE)
			continue;
		spawn(i, CHILD_WORKER);
		have++;
	}
	if (count(CHILD_JOBS, true) == 0 &&
	    children[MAX_CHILDREN].kind == CHILD_NONE)
		spawn(MAX_CHILDREN, CHILD_JOBS);
	cl_metrics_workers_alive(count(CHILD_WORKER, true));
}

double
cl_master_backoff(double current, bool crashed, double age)
{
	if (crashed && age < YOUNG)
		return current == 0 ? BACKOFF_MIN :
		    (current * 2 > BACKOFF_MAX ? BACKOFF_MAX : current * 2);
	if (age > 10 * YOUNG)
		return 0;
	return current;
}

static const char *
describe(int status, char *buf, size_t len)
{
	if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d (%s)", WTERMSIG(status),
		    strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "exited with status %d", WEXITSTATUS(status));
	return buf;
}

static void
reap(bool stopping)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		int i;

		for (i = 0; i <= MAX_CHILDREN; i++) {
			struct child *c = &children[i];
			bool crashed;
			double age;
			char how[96];

			if (c->pid != pid || c->kind == CHILD_NONE)
				continue;
			age = cl_monotonic() - c->started;
			crashed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
			if (crashed && !c->stopping) {
				const struct cl_route *rt = NULL;
				long route = c->kind == CHILD_WORKER ?
				    cl_metrics_slot_current(i) : -1;

				if (route >= 0)
					rt = cl_router_at(cl_modules, (size_t)route);
				cl_log_msg("error", "%s %ld %s%s%s%s%s",
				    c->kind == CHILD_JOBS ? "jobs child" : "worker",
				    (long)pid, describe(status, how, sizeof(how)),
				    rt ? " in " : "", rt ? cl_method_name(rt->method) : "",
				    rt ? " " : "", rt ? rt->pattern : "");
			}
			if (!stopping && !c->stopping) {
				backoff = cl_master_backoff(backoff, crashed, age);
				/* A young crash waits, even at the cap. */
				if (crashed && age < YOUNG) {
					respawn_at = cl_monotonic() + backoff;
					cl_log_msg("warn", "replacing it in %.1f s",
					    backoff);
				}
			}
			c->kind = CHILD_NONE;
			c->pid = 0;
			cl_metrics_slot_set(i, 0);
		}
	}
	cl_metrics_workers_alive(count(CHILD_WORKER, true));
}

/* sig to every child, or to those of older generations, where workers
 * get retire_sig instead (the jobs child has no connections to keep). */
static void
signal_all(int sig, int retire_sig, bool old_only)
{
	int i;

	for (i = 0; i <= MAX_CHILDREN; i++) {
		struct child *c = &children[i];
		int s = c->kind == CHILD_WORKER ? retire_sig : sig;

		if (c->kind == CHILD_NONE || (old_only && c->gen == generation))
			continue;
		if (s == SIGTERM || s == SIGQUIT)
			c->stopping = true;
		if (kill(c->pid, s) != 0 && errno != ESRCH)
			cl_log_msg("warn", "kill %ld: %s", (long)c->pid,
			    strerror(errno));
	}
}

/* New workers first: they accept alongside the old ones, which retire:
 * they answer what nginx sends on their kept connections until nginx has
 * closed them, then exit. */
static void
new_generation(void)
{
	generation++;
	fill();
	signal_all(SIGTERM, SIGQUIT, true);
}

/* SIGRTMIN from worker pid: it reached max_requests and retires by
 * itself; start its replacement now, not when it exits. */
static void
worker_retiring(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i].kind == CHILD_WORKER && children[i].pid == pid)
			children[i].stopping = true;
}

static void
reload(const char *conf_path)
{
	struct cl_conf next;
	char err[1024];
	char listen[CL_CONF_STR_MAX];

	if (cl_conf_load(&next, conf_path, err, sizeof(err)) != CL_OK) {
		cl_log_msg("error", "reload refused, keeping the old configuration: %s",
		    err);
		return;
	}
	if (strcmp(next.listen, cl_conf.listen) != 0) {
		memcpy(listen, cl_conf.listen, sizeof(listen));
		cl_log_msg("warn", "listen cannot change on reload (restart); "
		    "still on %s", listen);
		memcpy(next.listen, listen, sizeof(listen));
	}
	cl_conf = next;
	if (cl_log_open(cl_conf.log_file) != CL_OK)
		cl_log_msg("warn", "cannot open log file %s", cl_conf.log_file);
	new_generation();
	cl_log_msg("info", "reloaded %s: generation %u, %d workers", conf_path,
	    generation, cl_conf.workers);
}

/* SIGUSR1, after logrotate renamed the log: the master reopens it, and the
 * workers, which hold the old file open since their fork, are replaced by
 * ones forked after the reopen (children cannot be handed a new fd). */
static void
reopen_log(void)
{
	if (cl_log_open(cl_conf.log_file) != CL_OK) {
		cl_log_msg("error", "cannot reopen log file %s: %s",
		    cl_conf.log_file, strerror(errno));
		return;
	}
	new_generation();
	cl_log_msg("info", "reopened the log file: generation %u, %d workers",
	    generation, cl_conf.workers);
}

static int
stop_all(void)
{
	double deadline = cl_monotonic() + STOP_GRACE;

	cl_notify("STOPPING=1");
	signal_all(SIGTERM, SIGTERM, false);
	while (count(CHILD_WORKER, false) + count(CHILD_JOBS, false) > 0) {
		struct timespec ts = { 0, 50 * 1000000L };

		reap(true);
		if (cl_monotonic() > deadline) {
			cl_log_msg("warn", "children still busy after %.0f s: killing",
			    STOP_GRACE);
			signal_all(SIGKILL, SIGKILL, false);
			deadline = cl_monotonic() + 5;
		}
		nanosleep(&ts, NULL);
	}
	{
		char host[256], port[8];

		if (cl_master_split_listen(cl_conf.listen, host, sizeof(host),
		    port, sizeof(port)) == 0)
			unlink(cl_conf.listen);
	}
	if (cl_conf.pid_file[0])
		unlink(cl_conf.pid_file);
	close(listen_fd);
	cl_log_msg("info", "stopped");
	return 0;
}

int
cl_master_run(const char *conf_path)
{
	sigset_t set;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) != 0)
		return 1;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0)
		return 1;
	/* Blocked, never waited for: children are forked with it blocked,
	 * so a retire sent before a worker has its handler waits for it. */
	{
		sigset_t quit;

		sigemptyset(&quit);
		sigaddset(&quit, SIGQUIT);
		if (sigprocmask(SIG_BLOCK, &quit, NULL) != 0)
			return 1;
	}
	cl_dispatch_init(cl_modules);
	if (cl_metrics_init(cl_router_count(cl_modules)) != CL_OK) {
		cl_log_msg("error", "cannot map shared metrics: %s", strerror(errno));
		return 1;
	}
	listen_fd = open_listener();
	if (listen_fd < 0)
		return 1;
	if (write_pid_file() != CL_OK) {
		cl_log_msg("error", "cannot write pid file %s: %s", cl_conf.pid_file,
		    strerror(errno));
		return 1;
	}
	/* Before the workers start: their first request lines must not come
	 * ahead of it in the log (tests/api/core/tcp_listen.py reads it). */
	cl_log_msg("info", "listening on %s with %d workers", cl_conf.listen,
	    cl_conf.workers);
	fill();
	if (cl_notifyf("READY=1\nMAINPID=%ld\n"
	    "STATUS=listening on %s with %d workers", (long)getpid(),
	    cl_conf.listen, cl_conf.workers) != CL_OK)
		cl_log_msg("warn", "cannot notify systemd (NOTIFY_SOCKET): %s",
		    strerror(errno));
	for (;;) {
		struct timespec timeout = { 1, 0 };
		siginfo_t info;
		int sig;

		if (respawn_at > 0) {
			double wait = respawn_at - cl_monotonic();

			if (wait <= 0) {
				respawn_at = 0;
				fill();
				continue;
			}
			timeout.tv_sec = (time_t)wait;
			timeout.tv_nsec = (long)((wait - (double)timeout.tv_sec) * 1e9);
		}
		sig = sigtimedwait(&set, &info, &timeout);
		if (sig == SIGTERM || sig == SIGINT)
			return stop_all();
		if (sig == SIGHUP) {
			/* systemd waits for READY=1 again, also after a
			 * refused reload (the old configuration serves). */
			cl_notifyf("RELOADING=1\nMONOTONIC_USEC=%llu",
			    (unsigned long long)(cl_monotonic() * 1e6));
			reload(conf_path);
			cl_notify("READY=1");
		}
		if (sig == SIGUSR1)
			reopen_log();
		if (sig == SIGRTMIN)
			worker_retiring(info.si_pid);
		reap(false);
		if (respawn_at == 0)
			fill();
	}
}
