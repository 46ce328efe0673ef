/* Result codes of core and data functions: 0 is success, every failure is a
 * negative CL_E* from this one enum. Handlers return HTTP statuses instead. */
#ifndef CL_CORE_ERRORS_H
#define CL_CORE_ERRORS_H

enum cl_error {
	CL_OK = 0,
	CL_ENOTFOUND = -1,  /* no row, no route, no such key */
	CL_EDUP = -2,       /* a unique key refused the write */
	CL_EDOWN = -3,      /* the database is unreachable: 503 */
	CL_EDB = -4,        /* any other database failure: 500 */
	CL_EINVAL = -5,     /* input that does not parse or is out of range */
	CL_ECONFLICT = -6,  /* state conflict (lock wait, deadlock): 409 */
	CL_EFOREIGN = -7,   /* a foreign key refused the write: no such parent */
	CL_EMETHOD = -8,    /* router: path known, method not */
	CL_EIO = -9,        /* a system call failed; errno tells */
	CL_ETOOBIG = -10,   /* input over its configured limit */
	CL_EINUSE = -11,    /* a foreign key keeps the row: others refer to it */
	CL_EOUTCOME = -12,  /* the connection died during a COMMIT: it may or
	                     * may not have been applied (503, said so) */
};

/* An impossible state (a programming error, never bad input): logs file,
 * line and message, then aborts; the master replaces the worker and
 * MariaDB rolls back its transaction. */
#define CL_BUG(...) cl_bug(__FILE__, __LINE__, __VA_ARGS__)
void cl_bug(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4), noreturn));

/* Elements of a true array. */
#define CL_NELEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif
