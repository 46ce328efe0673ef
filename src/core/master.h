/* The master process: owns the listening socket, forks and supervises
 * the workers and the jobs child, handles SIGTERM, SIGINT and SIGHUP. */
#ifndef CL_CORE_MASTER_H
#define CL_CORE_MASTER_H

#include <stdbool.h>
#include <stddef.h>

/* Runs the pool with the configuration in cl_conf, read from conf_path
 * (re-read on SIGHUP), and the modules of cl_modules: their credential
 * checks go to dispatch.c before the first fork. Returns the exit
 * status. */
int cl_master_run(const char *conf_path);

/* The crash-loop policy: given the current replacement delay (0: none)
 * and how a child ended (crashed or not, after age seconds), the delay
 * before the next replacement: doubling from 0.1 s up to 10 s while
 * children die young, back to 0 once one has lived a while. Pure. */
double cl_master_backoff(double current, bool crashed, double age);

/* Reads [server] listen: 0 for a Unix socket path (absolute, or without
 * a colon); 1 for TCP "host:port" or "[v6]:port", with host and port
 * copied out (hostlen and portlen bytes); CL_EINVAL for an empty value,
 * a missing host (no wildcard by omission), a port outside 1..65535 or
 * an unbracketed v6 address. Pure. */
int cl_master_split_listen(const char *listen, char *host, size_t hostlen,
    char *port, size_t portlen);

#endif
