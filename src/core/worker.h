/* A worker process: accepts FastCGI connections on the shared listening
 * socket, holds several of them (nginx keeps them open) and serves their
 * requests one at a time, holds one database connection, and dispatches
 * each request through the route table. */
#ifndef CL_CORE_WORKER_H
#define CL_CORE_WORKER_H

/* Runs the accept loop until SIGTERM (after the request in flight) or
 * max_requests; never returns. slot is the worker's metrics slot. */
void cl_worker_main(int listen_fd, int slot) __attribute__((noreturn));

/* The jobs child: runs every module's periodic jobs until SIGTERM. */
void cl_jobs_main(void) __attribute__((noreturn));

#endif
