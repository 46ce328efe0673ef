/* The master process: owns the listening socket, forks and supervises
 * the workers and the jobs child, handles SIGTERM, SIGINT and SIGHUP. */
#ifndef CL_CORE_MASTER_H
#define CL_CORE_MASTER_H

/* Runs the pool with the configuration in cl_conf, read from conf_path
 * (re-read on SIGHUP). Returns the exit status. */
int cl_master_run(const char *conf_path);

#endif
