/* The only door to MariaDB. One connection per process, reconnected after a
 * loss; every statement prepared once per connection and cached in its
 * struct cl_stmt; results come back as arena strings so data functions
 * convert them with the helpers below (money stays a decimal string until
 * cl_money_parse turns it into cents). mysql_errno is mapped to CL_E* here
 * and nowhere else. */
#ifndef CL_CORE_DB_H
#define CL_CORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct cl_arena;
struct cl_conf;
struct cl_db;

/* One slot per connection a process holds (the primary, the replica of
 * cl_db_for_lagged_read), so a statement run on both is prepared once on
 * each rather than re-prepared at every switch. */
#define CL_DB_SLOTS 2

/* A statement: SQL text plus this connection's prepared handle. Declare
 * each one static, directly above the data function that runs it:
 *   static struct cl_stmt plan_get_sql = CL_STMT("SELECT ... WHERE id = ?");
 */
struct cl_stmt {
	const char	*sql;
	void		*_handle[CL_DB_SLOTS]; /* MYSQL_STMT *, valid while _gen matches */
	unsigned	_gen[CL_DB_SLOTS];
	struct cl_stmt	*_next[CL_DB_SLOTS];   /* registry of prepared statements */
};
#define CL_STMT(text) { .sql = (text) }

enum cl_bind_type { CL_B_NULL, CL_B_INT, CL_B_STR };

/* One parameter of a statement. Strings are borrowed for the call. */
struct cl_bind {
	enum cl_bind_type	type;
	int64_t			i;
	const char		*s;
	size_t			len;
};
/* Functions, not macros, so each argument is evaluated once. A NULL
 * string binds SQL NULL. */
static inline struct cl_bind
cl_bind_str(const char *s)
{
	struct cl_bind b = { .type = s ? CL_B_STR : CL_B_NULL, .s = s,
		.len = s ? strlen(s) : 0 };

	return b;
}

static inline struct cl_bind
cl_bind_int(int64_t v)
{
	struct cl_bind b = { .type = CL_B_INT, .i = v };

	return b;
}

#define CL_BIND_INT(v)  cl_bind_int((int64_t)(v))
#define CL_BIND_STR(v)  cl_bind_str(v)
#define CL_BIND_STRN(v, n) ((struct cl_bind){ .type = CL_B_STR, .s = (v), .len = (n) })
#define CL_BIND_NULL    ((struct cl_bind){ .type = CL_B_NULL })
#define CL_BIND_BOOL(v) CL_BIND_INT((v) ? 1 : 0)

/* A result set: nrows x ncols values, each a NUL-terminated arena string or
 * NULL for SQL NULL. */
struct cl_rows {
	size_t		nrows;
	unsigned	ncols;
	char		**v;        /* v[row * ncols + col] */
};

/* Seconds (as SQL text) a statement waits for a row lock before it fails
 * and its transaction is retried (dispatch.h CL_TX_ATTEMPTS). */
#define CL_DB_LOCK_WAIT "5"

/* Opens a connection with c's [database] settings. Never fails: a server
 * that is down leaves the handle disconnected, and the next call retries. */
struct cl_db *cl_db_open(const struct cl_conf *c);
void cl_db_close(struct cl_db *db);

/* A read that tolerates seconds of lag (reports, exports): the replica
 * of [database] replica_host/replica_socket when one is configured, up,
 * replicating (both threads running) and at most replica_max_lag seconds
 * behind (Seconds_Behind_Master); otherwise primary. Checks the replica
 * with one SHOW SLAVE STATUS per call; after a failed connection it
 * leaves the replica alone for replica_retry seconds, so a dead replica
 * costs one connect timeout, not one per request. The replica's
 * connection is the process's own (opened on first use, from cl_conf).
 * Never for a read of the request's own writes, nor inside a
 * transaction: those stay on primary. */
struct cl_db *cl_db_for_lagged_read(struct cl_db *primary);

/* Whether a replica whose SHOW SLAVE STATUS says io and sql (Slave_IO_
 * Running, Slave_SQL_Running: "Yes" when running) and behind
 * (Seconds_Behind_Master, NULL when not replicating) may serve a read
 * that tolerates max_lag seconds. Pure. */
bool cl_db_replica_usable(const char *io, const char *sql, const char *behind,
    int max_lag);

/* False once the connection is lost (until the next call reconnects). */
bool cl_db_connected(const struct cl_db *db);

/* Ensures a live connection (reconnecting when needed). CL_OK or CL_EDOWN. */
int cl_db_ensure(struct cl_db *db);

/* Runs a SELECT; rows are allocated from a. Returns CL_OK (possibly zero
 * rows) or a negative CL_E*. Outside a transaction a statement that fails
 * because the connection was lost is retried once on a new connection. */
int cl_db_query(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams, struct cl_rows *out);

/* Like cl_db_query for exactly one row: CL_ENOTFOUND when none. */
int cl_db_query_row(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams, struct cl_rows *out);

/* Runs INSERT/UPDATE/DELETE. affected and insert_id may be NULL. */
int cl_db_exec(struct cl_db *db, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams, uint64_t *affected,
    uint64_t *insert_id);

/* cl_db_exec for a write that must match a row (UPDATE or DELETE by
 * key): CL_ENOTFOUND when none matched. Rows count as matched even when
 * unchanged (the connection uses CLIENT_FOUND_ROWS). */
int cl_db_exec_one(struct cl_db *db, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams);

/* cl_db_query for SQL text assembled from fixed fragments (listing.c):
 * the statement is prepared once per connection for each distinct text
 * and cached by it (up to CL_DB_TEXT_CACHE texts; past that, prepared and
 * closed per call). Never pass request text: only the binds carry it. */
#define CL_DB_TEXT_CACHE 256
int cl_db_query_text(struct cl_db *db, struct cl_arena *a, const char *sql,
    const struct cl_bind *params, size_t nparams, struct cl_rows *out);

/* Streams a SELECT of text assembled from fixed fragments (as
 * cl_db_query_text; never request text) row by row, without storing the
 * result: each row is fetched from the server as fn consumes it, so
 * memory stays flat whatever the row count (CSV exports). fn gets one
 * row (nrows 1) whose values are valid only during the call, and returns
 * CL_OK to go on or any other value to stop (returned as is). No other
 * statement may run on db until this returns. Not retried on a lost
 * connection (rows may already have been consumed). */
typedef int (*cl_db_row_fn)(void *ctx, const struct cl_rows *row);
int cl_db_query_each(struct cl_db *db, const char *sql,
    const struct cl_bind *params, size_t nparams, cl_db_row_fn fn,
    void *ctx);

/* Whether a statement whose connection was lost may run again on a new
 * one without risk of applying it twice: always when nothing was sent
 * (the connection was found gone on writing, CR_SERVER_GONE_ERROR, or the
 * failure came before execution), and otherwise only for a read-only
 * statement. err is mysql_errno's value. Pure. */
bool cl_db_can_retry(unsigned err, bool executed, bool read_only);

/* True when sql reads only (a SELECT). Pure. */
bool cl_db_is_read_only(const char *sql);

/* Transactions. Begin fails with CL_EDOWN if the server is gone; a commit
 * whose connection died on the way is CL_EOUTCOME: nobody can tell
 * whether it was applied. */
int cl_db_begin(struct cl_db *db);
int cl_db_commit(struct cl_db *db);
int cl_db_rollback(struct cl_db *db);
bool cl_db_in_tx(const struct cl_db *db);

/* True when a statement or the commit of the transaction begun last
 * failed on a deadlock or a lock wait timeout: InnoDB rolled back the
 * work (or the statement), so the whole transaction may run again from
 * its start. Cleared by cl_db_begin. */
bool cl_db_tx_conflicted(const struct cl_db *db);

/* Runs unprepared SQL text that takes no input (migrations and demo data
 * files only; never request text). Statements separated by ";" at the end
 * of a line; "--" lines are comments. */
int cl_db_exec_script(struct cl_db *db, const char *sql);

/* Whether the server answers (COM_PING): CL_OK or CL_EDOWN. */
int cl_db_ping(struct cl_db *db);

/* The last error's text, for logs only. */
const char *cl_db_error(const struct cl_db *db);

/* The name of the unique key or foreign-key constraint the last CL_EDUP,
 * CL_EFOREIGN or CL_EINUSE was about ("customers_number"), or "" when
 * MariaDB named none. Valid until the next statement. */
const char *cl_db_error_key(const struct cl_db *db);

/* Extracts that name from a MariaDB message into buf (size bytes):
 * "Duplicate entry 'x' for key 'k'" gives k (also "t.k" gives k), a
 * foreign-key message gives its CONSTRAINT `name`. Pure. */
void cl_db_key_from_message(const char *msg, char *buf, size_t size);

/* Counter of database errors in this process (for metrics). */
uint64_t cl_db_error_count(void);

/* Value helpers on a result. Each returns the value at (row, col). */
#define CL_ROW(rows, row, col) ((rows)->v[(size_t)(row) * (rows)->ncols + (col)])
int64_t cl_rows_int(const struct cl_rows *rows, size_t row, unsigned col);
bool cl_rows_bool(const struct cl_rows *rows, size_t row, unsigned col);
const char *cl_rows_str(const struct cl_rows *rows, size_t row, unsigned col);

#endif
