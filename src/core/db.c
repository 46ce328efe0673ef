/* The database layer: one MariaDB connection per process. Statements are
 * prepared once per connection (a struct cl_stmt remembers its handle and
 * the connection generation it belongs to); a lost connection bumps the
 * generation so every statement is prepared again on the new one. Results
 * are copied into the request arena as strings. */
#include "config.h"

#include "core/db.h"

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/timeutil.h"
#define CL_DB_C
#include "core/banned.h"

/* Values up to this size are fetched in one go; longer ones are fetched
 * again into a buffer of their own size. */
#define FETCH_BUF 256
#define MAX_COLS 128
#define MAX_PARAMS 256

struct cl_db {
	MYSQL		*conn;      /* NULL while disconnected */
	unsigned	gen;        /* bumped on every new connection */
	bool		in_tx;
	bool		tx_conflict;   /* a deadlock or lock wait since begin */
	struct cl_stmt	*stmts;     /* prepared on this connection */
	char		err[512];
	unsigned	err_no;        /* mysql_errno of the last failure */
	char		err_key[128];  /* key or constraint of the last EDUP/EFOREIGN */
	unsigned	slot;          /* 0: primary, 1: replica (struct cl_stmt) */

	char		socket[CL_CONF_STR_MAX];
	char		host[256];
	unsigned	port;
	char		user[128];
	char		password[256];
	char		name[128];
	unsigned	timeout;
};

static uint64_t error_count;
/* Every connection of the process gets a new generation, so a statement
 * handle never passes for one of another connection in its slot. */
static unsigned generations;

uint64_t
cl_db_error_count(void)
{
	return error_count;
}

const char *
cl_db_error(const struct cl_db *db)
{
	return db->err;
}

const char *
cl_db_error_key(const struct cl_db *db)
{
	return db->err_key;
}

/* Copies the text from after start up to the next stop character. */
static void
copy_until(const char *start, char stop, char *buf, size_t size)
{
	const char *end = strchr(start, stop);
	size_t n = end ? (size_t)(end - start) : strlen(start);

	if (n >= size)
		n = size - 1;
	memcpy(buf, start, n);
	buf[n] = '\0';
}

void
cl_db_key_from_message(const char *msg, char *buf, size_t size)
{
	const char *p;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (msg == NULL)
		return;
	/* "Duplicate entry 'a-b' for key 'k'": the entry may hold quotes,
	 * so look for the last "for key '". */
	p = strstr(msg, "for key '");
	if (p != NULL) {
		const char *q, *dot;

		while ((q = strstr(p + 1, "for key '")) != NULL)
			p = q;
		copy_until(p + strlen("for key '"), '\'', buf, size);
		/* MySQL 8 writes "table.key". */
		dot = strrchr(buf, '.');
		if (dot != NULL)
			memmove(buf, dot + 1, strlen(dot + 1) + 1);
		return;
	}
	p = strstr(msg, "CONSTRAINT `");
	if (p != NULL)
		copy_until(p + strlen("CONSTRAINT `"), '`', buf, size);
}

bool
cl_db_in_tx(const struct cl_db *db)
{
	return db->in_tx;
}

bool
cl_db_tx_conflicted(const struct cl_db *db)
{
	return db->tx_conflict;
}

static bool
is_lost(unsigned e)
{
	switch (e) {
	case CR_CONNECTION_ERROR:
	case CR_CONN_HOST_ERROR:
	case CR_SERVER_GONE_ERROR:
	case CR_SERVER_LOST:
	case CR_SERVER_LOST_EXTENDED:
	case ER_CONNECTION_KILLED:
	case ER_SERVER_SHUTDOWN:
	case 4031: /* ER_CLIENT_INTERACTION_TIMEOUT */
		return true;
	default:
		return false;
	}
}

/* The one switch from MariaDB's error numbers to ours. */
static int
map_error(unsigned e)
{
	if (is_lost(e))
		return CL_EDOWN;
	switch (e) {
	case ER_DUP_ENTRY:
	case ER_DUP_ENTRY_WITH_KEY_NAME:
	case ER_DUP_KEY:
		return CL_EDUP;
	case ER_NO_REFERENCED_ROW:
	case ER_NO_REFERENCED_ROW_2:
		return CL_EFOREIGN;
	case ER_ROW_IS_REFERENCED:
	case ER_ROW_IS_REFERENCED_2:
		return CL_EINUSE;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT:
		return CL_ECONFLICT;
	case ER_DATA_TOO_LONG:
	case ER_WARN_DATA_OUT_OF_RANGE:
	case ER_TRUNCATED_WRONG_VALUE_FOR_FIELD:
	case ER_TRUNCATED_WRONG_VALUE:
	case ER_BAD_NULL_ERROR:
	case ER_CONSTRAINT_FAILED:
		return CL_EINVAL;
	default:
		return CL_EDB;
	}
}

static void
disconnect(struct cl_db *db)
{
	struct cl_stmt *st, *next;

	for (st = db->stmts; st != NULL; st = next) {
		next = st->_next[db->slot];
		if (st->_handle[db->slot] != NULL && st->_gen[db->slot] == db->gen)
			mysql_stmt_close(st->_handle[db->slot]);
		st->_handle[db->slot] = NULL;
		st->_next[db->slot] = NULL;
	}
	db->stmts = NULL;
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_tx = false;
	db->gen = ++generations;
}

/* Records an error of the connection or statement: counts it, logs the
 * number, MariaDB's text and the statement (never its parameters), and on
 * a lost connection drops it so the next call reconnects. */
static int
fail(struct cl_db *db, unsigned e, const char *msg, const char *sql)
{
	int rc = map_error(e);

	snprintf(db->err, sizeof(db->err), "%u: %s", e, msg ? msg : "");
	db->err_no = e;
	db->err_key[0] = '\0';
	if (rc == CL_EDUP || rc == CL_EFOREIGN || rc == CL_EINUSE)
		cl_db_key_from_message(msg, db->err_key, sizeof(db->err_key));
	/* Unique and foreign keys are answers, not faults. */
	if (rc != CL_EDUP && rc != CL_EFOREIGN && rc != CL_EINUSE) {
		error_count++;
		cl_metrics_db_error();
		cl_log_msg("error", "database error %s%s%.200s", db->err,
		    sql ? " in: " : "", sql ? sql : "");
	}
	if (rc == CL_ECONFLICT)
		db->tx_conflict = true;
	if (rc == CL_EDOWN)
		disconnect(db);
	return rc;
}

/* Closes st's handle and takes it out of the connection's registry. */
static void
forget(struct cl_db *db, struct cl_stmt *st)
{
	struct cl_stmt **pp;

	for (pp = &db->stmts; *pp != NULL; pp = &(*pp)->_next[db->slot])
		if (*pp == st) {
			*pp = st->_next[db->slot];
			break;
		}
	if (st->_handle[db->slot] != NULL && st->_gen[db->slot] == db->gen && db->conn != NULL)
		mysql_stmt_close(st->_handle[db->slot]);
	st->_handle[db->slot] = NULL;
	st->_next[db->slot] = NULL;
}

static int
connect_db(struct cl_db *db)
{
	MYSQL *m = mysql_init(NULL);
	unsigned connect_timeout = db->timeout;
	unsigned rw_timeout = db->timeout > 30 ? db->timeout : 30;
	bool no = false;

	if (m == NULL)
		return CL_EDOWN;
	/* Session defaults every statement relies on: UTC datetimes, strict
	 * type checks, utf8mb4, and a lock wait of CL_DB_LOCK_WAIT seconds
	 * (not InnoDB's 50): a request waits that long for a row lock, then
	 * its transaction runs again (dispatch.c), so even the last of
	 * CL_TX_ATTEMPTS answers well within nginx's timeout. */
	if (mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout) ||
	    mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &rw_timeout) ||
	    mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &rw_timeout) ||
	    mysql_options(m, MYSQL_OPT_RECONNECT, &no) ||
	    mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4") ||
	    mysql_options(m, MYSQL_INIT_COMMAND,
	    "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,"
	    "NO_ZERO_DATE,NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
	    "NO_ENGINE_SUBSTITUTION', innodb_lock_wait_timeout = "
	    CL_DB_LOCK_WAIT)) {
		mysql_close(m);
		return CL_EDOWN;
	}
	if (mysql_real_connect(m, db->socket[0] ? NULL : db->host, db->user,
	    db->password, db->name, db->port,
	    db->socket[0] ? db->socket : NULL, CLIENT_FOUND_ROWS) == NULL) {
		snprintf(db->err, sizeof(db->err), "connect: %u: %s",
		    mysql_errno(m), mysql_error(m));
		mysql_close(m);
		return CL_EDOWN;
	}
	db->conn = m;
	db->gen = ++generations;
	db->in_tx = false;
	return CL_OK;
}

static struct cl_db *
db_new(const struct cl_conf *c, const char *socket, const char *host,
    int port, unsigned slot)
{
	struct cl_db *db = cl_xcalloc(1, sizeof(*db));

	snprintf(db->socket, sizeof(db->socket), "%s", socket);
	snprintf(db->host, sizeof(db->host), "%s", host);
	db->port = (unsigned)port;
	snprintf(db->user, sizeof(db->user), "%s", c->db_user);
	snprintf(db->password, sizeof(db->password), "%s", c->db_password);
	snprintf(db->name, sizeof(db->name), "%s", c->db_name);
	db->timeout = (unsigned)c->db_timeout;
	db->slot = slot;
	db->gen = ++generations;
	return db;
}

struct cl_db *
cl_db_open(const struct cl_conf *c)
{
	struct cl_db *db = db_new(c, c->db_socket, c->db_host, c->db_port, 0);

	if (connect_db(db) != CL_OK)
		cl_log_msg("warn", "database not reachable at start (%s); "
		    "will retry on each request", db->err);
	return db;
}

void
cl_db_close(struct cl_db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	explicit_bzero(db->password, sizeof(db->password));
	free(db);
}

int
cl_db_ensure(struct cl_db *db)
{
	if (db->conn != NULL)
		return CL_OK;
	return connect_db(db);
}

static int
prepare(struct cl_db *db, struct cl_stmt *st, MYSQL_STMT **out)
{
	MYSQL_STMT *h;

	if (st->_handle[db->slot] != NULL && st->_gen[db->slot] == db->gen) {
		*out = st->_handle[db->slot];
		return CL_OK;
	}
	h = mysql_stmt_init(db->conn);
	if (h == NULL)
		return fail(db, mysql_errno(db->conn), mysql_error(db->conn),
		    st->sql);
	if (mysql_stmt_prepare(h, st->sql, strlen(st->sql)) != 0) {
		unsigned e = mysql_stmt_errno(h);
		char msg[256];

		snprintf(msg, sizeof(msg), "%s", mysql_stmt_error(h));
		mysql_stmt_close(h);
		return fail(db, e, msg, st->sql);
	}
	st->_handle[db->slot] = h;
	st->_gen[db->slot] = db->gen;
	st->_next[db->slot] = db->stmts;
	db->stmts = st;
	*out = h;
	return CL_OK;
}

static int
bind_params(struct cl_db *db, struct cl_stmt *st, MYSQL_STMT *h,
    const struct cl_bind *params, size_t n)
{
	MYSQL_BIND b[MAX_PARAMS];
	size_t i;

	if (n > MAX_PARAMS || mysql_stmt_param_count(h) != n) {
		cl_log_msg("error", "statement takes %lu parameters, given %zu: %.200s",
		    mysql_stmt_param_count(h), n, st->sql);
		return CL_EDB;
	}
	if (n == 0)
		return CL_OK;
	memset(b, 0, sizeof(b[0]) * n);
	for (i = 0; i < n; i++) {
		switch (params[i].type) {
		case CL_B_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&params[i].i;
			break;
		case CL_B_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)params[i].s;
			b[i].buffer_length = params[i].len;
			b[i].length = (unsigned long *)&b[i].buffer_length;
			break;
		case CL_B_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		}
	}
	if (mysql_stmt_bind_param(h, b) != 0)
		return fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), st->sql);
	return CL_OK;
}

static int
fetch_rows(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    MYSQL_STMT *h, struct cl_rows *out)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(h);
	MYSQL_BIND b[MAX_COLS];
	char bufs[MAX_COLS][FETCH_BUF];
	unsigned long lens[MAX_COLS];
	my_bool nulls[MAX_COLS], errs[MAX_COLS];
	unsigned ncols, c;
	size_t row = 0, nrows;
	int rc = CL_OK, f;

	out->nrows = 0;
	out->ncols = 0;
	out->v = NULL;
	if (meta == NULL)
		return CL_OK; /* not a statement that returns rows */
	ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	if (ncols > MAX_COLS) {
		cl_log_msg("error", "too many columns (%u): %.200s", ncols, st->sql);
		return CL_EDB;
	}
	if (mysql_stmt_store_result(h) != 0)
		return fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), st->sql);
	nrows = (size_t)mysql_stmt_num_rows(h);
	memset(b, 0, sizeof(b[0]) * ncols);
	for (c = 0; c < ncols; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = bufs[c];
		b[c].buffer_length = FETCH_BUF;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		b[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(h, b) != 0) {
		rc = fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), st->sql);
		goto out;
	}
	out->ncols = ncols;
	out->v = CL_NEW_ARRAY(a, char *, nrows * ncols + 1);
	while ((f = mysql_stmt_fetch(h)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (row == nrows)
			break;
		for (c = 0; c < ncols; c++) {
			char **slot = &out->v[row * ncols + c];

			if (nulls[c]) {
				*slot = NULL;
			} else if (lens[c] < FETCH_BUF) {
				*slot = cl_arena_strndup(a, bufs[c], lens[c]);
			} else {
				/* Longer than the shared buffer: fetch the
				 * column again at its real size. */
				MYSQL_BIND big;
				char *s = cl_arena_alloc(a, lens[c] + 1);

				memset(&big, 0, sizeof(big));
				big.buffer_type = MYSQL_TYPE_STRING;
				big.buffer = s;
				big.buffer_length = lens[c] + 1;
				if (mysql_stmt_fetch_column(h, &big, c, 0) != 0) {
					rc = fail(db, mysql_stmt_errno(h),
					    mysql_stmt_error(h), st->sql);
					goto out;
				}
				s[lens[c]] = '\0';
				*slot = s;
			}
		}
		row++;
	}
	if (f == 1) {
		rc = fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), st->sql);
		goto out;
	}
	out->nrows = row;
out:
	/* The handle may be gone if fail() dropped the connection. */
	if (db->conn != NULL && st->_gen[db->slot] == db->gen && st->_handle[db->slot] == h)
		mysql_stmt_free_result(h);
	return rc;
}

bool
cl_db_can_retry(unsigned err, bool executed, bool read_only)
{
	/* Found dead on writing the request: the server never saw it. */
	if (!executed || err == CR_SERVER_GONE_ERROR)
		return true;
	/* Lost during or after execution (CR_SERVER_LOST, a killed
	 * connection, a shutdown): a write may have been applied. */
	return read_only;
}

bool
cl_db_is_read_only(const char *sql)
{
	while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(')
		sql++;
	return strncasecmp(sql, "SELECT ", 7) == 0;
}

static int
run(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const struct cl_bind *params, size_t n, struct cl_rows *out,
    uint64_t *affected, uint64_t *insert_id)
{
	int attempt, rc = CL_EDOWN;

	/* A connection lost between requests (MariaDB restarted) is only
	 * noticed on use; outside a transaction one retry on a fresh
	 * connection is safe when the statement cannot have been applied,
	 * or only reads; inside one the work is gone anyway. */
	for (attempt = 0; attempt < 2; attempt++) {
		bool was_tx = db->in_tx, executed = false;
		MYSQL_STMT *h;

		rc = cl_db_ensure(db);
		if (rc != CL_OK)
			return rc;
		db->err_no = 0;
		rc = prepare(db, st, &h);
		if (rc == CL_OK)
			rc = bind_params(db, st, h, params, n);
		if (rc == CL_OK) {
			executed = true;
			if (mysql_stmt_execute(h) != 0)
				rc = fail(db, mysql_stmt_errno(h),
				    mysql_stmt_error(h), st->sql);
		}
		if (rc == CL_OK && out != NULL)
			rc = fetch_rows(db, a, st, h, out);
		if (rc == CL_OK) {
			if (affected)
				*affected = mysql_stmt_affected_rows(h);
			if (insert_id)
				*insert_id = mysql_stmt_insert_id(h);
			return CL_OK;
		}
		if (rc != CL_EDOWN || was_tx)
			return rc;
		if (!cl_db_can_retry(db->err_no, executed,
		    cl_db_is_read_only(st->sql))) {
			cl_log_msg("error", "connection lost after sending a write; "
			    "not retried, it may have been applied: %.200s",
			    st->sql);
			return rc;
		}
	}
	return rc;
}

int
cl_db_query(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams, struct cl_rows *out)
{
	return run(db, a, st, params, nparams, out, NULL, NULL);
}

int
cl_db_query_row(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams, struct cl_rows *out)
{
	int rc = run(db, a, st, params, nparams, out, NULL, NULL);

	if (rc == CL_OK && out->nrows == 0)
		return CL_ENOTFOUND;
	return rc;
}

/* Statements of assembled text, by text. They live as long as the process
 * (a worker is recycled after max_requests anyway); each is prepared once
 * per connection like any other. */
static struct cl_stmt *text_stmts[CL_DB_TEXT_CACHE];
static size_t ntext_stmts;

static struct cl_stmt *
text_stmt(const char *sql)
{
	struct cl_stmt *st;
	size_t i;

	for (i = 0; i < ntext_stmts; i++)
		if (strcmp(text_stmts[i]->sql, sql) == 0)
			return text_stmts[i];
	if (ntext_stmts == CL_DB_TEXT_CACHE)
		return NULL;
	st = cl_xcalloc(1, sizeof(*st));
	st->sql = cl_xstrdup(sql);
	text_stmts[ntext_stmts++] = st;
	return st;
}

int
cl_db_query_text(struct cl_db *db, struct cl_arena *a, const char *sql,
    const struct cl_bind *params, size_t nparams, struct cl_rows *out)
{
	struct cl_stmt *st = text_stmt(sql);
	struct cl_stmt once = CL_STMT(sql);
	int rc;

	if (st != NULL)
		return run(db, a, st, params, nparams, out, NULL, NULL);
	/* The cache is full: prepare, run and close this one. */
	rc = run(db, a, &once, params, nparams, out, NULL, NULL);
	forget(db, &once);
	return rc;
}

/* One streamed row to fn: columns longer than the shared buffers are
 * fetched again at their size into big (grown with realloc, freed by the
 * caller). */
static int
each_row(struct cl_db *db, struct cl_stmt *st, MYSQL_STMT *h, unsigned ncols,
    char bufs[][FETCH_BUF], unsigned long *lens, my_bool *nulls,
    char **big, cl_db_row_fn fn, void *ctx)
{
	char *v[MAX_COLS];
	size_t need = 0, at = 0;
	struct cl_rows row = { .nrows = 1, .ncols = ncols, .v = v };
	unsigned c;

	for (c = 0; c < ncols; c++)
		if (!nulls[c] && lens[c] >= FETCH_BUF)
			need += lens[c] + 1;
	if (need > 0)
		*big = cl_xrealloc(*big, need);
	for (c = 0; c < ncols; c++) {
		if (nulls[c]) {
			v[c] = NULL;
		} else if (lens[c] < FETCH_BUF) {
			bufs[c][lens[c]] = '\0';
			v[c] = bufs[c];
		} else {
			MYSQL_BIND b;

			memset(&b, 0, sizeof(b));
			b.buffer_type = MYSQL_TYPE_STRING;
			b.buffer = *big + at;
			b.buffer_length = lens[c] + 1;
			if (mysql_stmt_fetch_column(h, &b, c, 0) != 0)
				return fail(db, mysql_stmt_errno(h),
				    mysql_stmt_error(h), st->sql);
			(*big)[at + lens[c]] = '\0';
			v[c] = *big + at;
			at += lens[c] + 1;
		}
	}
	return fn(ctx, &row);
}

int
cl_db_query_each(struct cl_db *db, const char *sql,
    const struct cl_bind *params, size_t nparams, cl_db_row_fn fn, void *ctx)
{
	struct cl_stmt *st = text_stmt(sql), once = CL_STMT(sql);
	MYSQL_BIND b[MAX_COLS];
	/* A value fits when shorter than FETCH_BUF, leaving room for its
	 * NUL; static, as the worker streams one result at a time. */
	static char bufs[MAX_COLS][FETCH_BUF];
	unsigned long lens[MAX_COLS];
	my_bool nulls[MAX_COLS], errs[MAX_COLS];
	MYSQL_RES *meta;
	MYSQL_STMT *h;
	char *big = NULL;
	unsigned ncols, c;
	int rc, f;

	if (st == NULL)
		st = &once;
	if ((rc = cl_db_ensure(db)) != CL_OK)
		return rc;
	db->err_no = 0;
	if ((rc = prepare(db, st, &h)) != CL_OK ||
	    (rc = bind_params(db, st, h, params, nparams)) != CL_OK)
		goto out;
	if (mysql_stmt_execute(h) != 0) {
		rc = fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), st->sql);
		goto out;
	}
	meta = mysql_stmt_result_metadata(h);
	if (meta == NULL)
		goto done;
	ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	if (ncols > MAX_COLS) {
		cl_log_msg("error", "too many columns (%u): %.200s", ncols, sql);
		rc = CL_EDB;
		goto done;
	}
	memset(b, 0, sizeof(b[0]) * ncols);
	for (c = 0; c < ncols; c++) {
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = bufs[c];
		b[c].buffer_length = FETCH_BUF;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
		b[c].error = &errs[c];
	}
	if (mysql_stmt_bind_result(h, b) != 0) {
		rc = fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), sql);
		goto done;
	}
	/* No mysql_stmt_store_result: each fetch reads the next row off the
	 * connection, so only one row is ever held here. */
	while ((f = mysql_stmt_fetch(h)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		rc = each_row(db, st, h, ncols, bufs, lens,
		    nulls, &big, fn, ctx);
		if (rc != CL_OK)
			break;
	}
	if (rc == CL_OK && f == 1)
		rc = fail(db, mysql_stmt_errno(h), mysql_stmt_error(h), sql);
done:
	/* Drains what fn left unread, so the connection is usable again. */
	if (db->conn != NULL && st->_gen[db->slot] == db->gen && st->_handle[db->slot] == h)
		mysql_stmt_free_result(h);
out:
	free(big);
	if (st == &once)
		forget(db, &once);
	return rc;
}

int
cl_db_exec(struct cl_db *db, struct cl_stmt *st, const struct cl_bind *params,
    size_t nparams, uint64_t *affected, uint64_t *insert_id)
{
	return run(db, NULL, st, params, nparams, NULL, affected, insert_id);
}

int
cl_db_exec_one(struct cl_db *db, struct cl_stmt *st,
    const struct cl_bind *params, size_t nparams)
{
	uint64_t affected;
	int rc = run(db, NULL, st, params, nparams, NULL, &affected, NULL);

	if (rc != CL_OK)
		return rc;
	return affected ? CL_OK : CL_ENOTFOUND;
}

static int
simple(struct cl_db *db, const char *sql)
{
	if (db->conn == NULL)
		return CL_EDOWN;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0)
		return fail(db, mysql_errno(db->conn), mysql_error(db->conn), sql);
	return CL_OK;
}

int
cl_db_begin(struct cl_db *db)
{
	int attempt, rc = CL_EDOWN;

	for (attempt = 0; attempt < 2; attempt++) {
		rc = cl_db_ensure(db);
		if (rc != CL_OK)
			return rc;
		db->tx_conflict = false;
		rc = simple(db, "START TRANSACTION");
		if (rc == CL_OK) {
			db->in_tx = true;
			return CL_OK;
		}
		if (rc != CL_EDOWN)
			return rc;
	}
	return rc;
}

int
cl_db_commit(struct cl_db *db)
{
	int rc;

	if (!db->in_tx)
		return CL_OK;
	rc = db->conn == NULL ? CL_EDOWN : CL_OK;
	if (rc == CL_OK && mysql_commit(db->conn) != 0) {
		unsigned e = mysql_errno(db->conn);

		rc = fail(db, e, mysql_error(db->conn), "COMMIT");
		/* The COMMIT was sent unless the connection was found gone on
		 * writing it: then nobody knows whether it was applied. */
		if (rc == CL_EDOWN && e != CR_SERVER_GONE_ERROR) {
			cl_log_msg("error", "connection lost during COMMIT: the "
			    "transaction may or may not have been applied");
			rc = CL_EOUTCOME;
		}
	}
	db->in_tx = false;
	return rc;
}

int
cl_db_rollback(struct cl_db *db)
{
	int rc = CL_OK;

	if (!db->in_tx)
		return CL_OK;
	if (db->conn != NULL && mysql_rollback(db->conn) != 0)
		rc = fail(db, mysql_errno(db->conn), mysql_error(db->conn),
		    "ROLLBACK");
	db->in_tx = false;
	return rc;
}

int
cl_db_exec_script(struct cl_db *db, const char *sql)
{
	size_t len = strlen(sql), i = 0, start = 0;
	char *buf;
	int rc = cl_db_ensure(db);

	if (rc != CL_OK)
		return rc;
	buf = cl_xmalloc(len + 1);
	/* Copy without comment lines; split where a line ends in ';'. */
	while (i < len) {
		size_t e = i, o;
		const char *p;

		while (e < len && sql[e] != '\n')
			e++;
		p = sql + i;
		while (p < sql + e && (*p == ' ' || *p == '\t'))
			p++;
		if (!(p + 1 < sql + e && p[0] == '-' && p[1] == '-')) {
			o = start;
			memcpy(buf + o, sql + i, e - i);
			start = o + (e - i);
			buf[start++] = '\n';
			/* Statement ends when the trimmed line ends in ';'. */
			o = start - 1;
			while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == '\t' ||
			    buf[o - 1] == '\r' || buf[o - 1] == '\n'))
				o--;
			if (o > 0 && buf[o - 1] == ';') {
				buf[o - 1] = '\0';
				rc = simple(db, buf);
				start = 0;
				if (rc != CL_OK)
					break;
			}
		}
		i = e + 1;
	}
	if (rc == CL_OK && start > 0) {
		size_t k;

		buf[start] = '\0';
		for (k = 0; k < start && (buf[k] == ' ' || buf[k] == '\n' ||
		    buf[k] == '\t' || buf[k] == '\r'); k++)
			;
		if (k < start)
			rc = simple(db, buf);
	}
	free(buf);
	return rc;
}

/* --- the replica ---------------------------------------------------------- */

bool
cl_db_replica_usable(const char *io, const char *sql, const char *behind,
    int max_lag)
{
	char *end;
	long long lag;

	if (io == NULL || sql == NULL || behind == NULL ||
	    strcmp(io, "Yes") != 0 || strcmp(sql, "Yes") != 0)
		return false;
	lag = strtoll(behind, &end, 10);
	return end != behind && *end == '\0' && lag >= 0 && lag <= max_lag;
}

bool
cl_db_connected(const struct cl_db *db)
{
	return db->conn != NULL;
}

/* Reads SHOW SLAVE STATUS (the columns by name: their order changes
 * between versions) and judges it. CL_OK: usable; CL_ECONFLICT: up but
 * not replicating or too far behind; CL_EDOWN, CL_EDB: no answer. */
static int
replica_check(struct cl_db *db, int max_lag, char *why, size_t whylen)
{
	const char *io = NULL, *sql = NULL, *behind = NULL;
	MYSQL_FIELD *fields;
	MYSQL_RES *res;
	MYSQL_ROW row;
	unsigned i, n;
	int rc = simple(db, "SHOW SLAVE STATUS");

	if (rc != CL_OK) {
		snprintf(why, whylen, "SHOW SLAVE STATUS: %.200s", db->err);
		return rc;
	}
	res = mysql_store_result(db->conn);
	if (res == NULL) {
		snprintf(why, whylen, "SHOW SLAVE STATUS: no result");
		return CL_EDB;
	}
	row = mysql_fetch_row(res);
	if (row == NULL) {
		mysql_free_result(res);
		snprintf(why, whylen, "not a replica (no slave status)");
		return CL_ECONFLICT;
	}
	n = mysql_num_fields(res);
	fields = mysql_fetch_fields(res);
	for (i = 0; i < n; i++) {
		if (strcmp(fields[i].name, "Slave_IO_Running") == 0)
			io = row[i];
		else if (strcmp(fields[i].name, "Slave_SQL_Running") == 0)
			sql = row[i];
		else if (strcmp(fields[i].name, "Seconds_Behind_Master") == 0)
			behind = row[i];
	}
	rc = cl_db_replica_usable(io, sql, behind, max_lag) ? CL_OK :
	    CL_ECONFLICT;
	snprintf(why, whylen, "io %s, sql %s, %s s behind (bound %d)",
	    io ? io : "?", sql ? sql : "?", behind ? behind : "NULL", max_lag);
	mysql_free_result(res);
	return rc;
}

static struct cl_db *replica;     /* this process's, opened on first use */
static double replica_retry_at;   /* monotonic time; before it, primary */
static int replica_used = -1;     /* last verdict, to log only changes */

struct cl_db *
cl_db_for_lagged_read(struct cl_db *primary)
{
	char why[256];
	int rc;

	if ((cl_conf.replica_host[0] == '\0' && cl_conf.replica_socket[0] == '\0') ||
	    primary->in_tx || primary->slot != 0 || cl_monotonic() < replica_retry_at)
		return primary;
	if (replica == NULL)
		replica = db_new(&cl_conf, cl_conf.replica_socket,
		    cl_conf.replica_host, cl_conf.replica_port, 1);
	rc = cl_db_ensure(replica);
	if (rc == CL_OK)
		rc = replica_check(replica, cl_conf.replica_max_lag, why,
		    sizeof(why));
	else
		snprintf(why, sizeof(why), "%.200s", replica->err);
	if (rc != CL_OK && rc != CL_ECONFLICT)
		replica_retry_at = cl_monotonic() + cl_conf.replica_retry;
	if ((rc == CL_OK) != replica_used)
		cl_log_msg(rc == CL_OK ? "info" : "warn", rc == CL_OK ?
		    "lag-tolerant reads go to the replica (%s)" :
		    "lag-tolerant reads go to the primary: replica %s", why);
	replica_used = rc == CL_OK;
	return rc == CL_OK ? replica : primary;
}

/* COM_PING: a round trip with nothing to parse, execute or fetch. A
 * connection found dead (the server restarted since) is replaced and
 * asked once more, as a read statement would be. */
int
cl_db_ping(struct cl_db *db)
{
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (cl_db_ensure(db) != CL_OK)
			return CL_EDOWN;
		if (mysql_ping(db->conn) == 0)
			return CL_OK;
		if (fail(db, mysql_errno(db->conn), mysql_error(db->conn),
		    "COM_PING") != CL_EDOWN)
			return CL_EDOWN;
	}
	return CL_EDOWN;
}

int64_t
cl_rows_int(const struct cl_rows *rows, size_t row, unsigned col)
{
	const char *s = CL_ROW(rows, row, col);

	return s ? strtoll(s, NULL, 10) : 0;
}

bool
cl_rows_bool(const struct cl_rows *rows, size_t row, unsigned col)
{
	return cl_rows_int(rows, row, col) != 0;
}

const char *
cl_rows_str(const struct cl_rows *rows, size_t row, unsigned col)
{
	return CL_ROW(rows, row, col);
}
