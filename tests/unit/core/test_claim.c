/* Tests of src/core/claim.c against the test stack's MariaDB (the one
 * script/test starts; CLIENTELE_CONF names its configuration): two
 * processes, standing for the jobs children of two hosts, claim rows of
 * one table at once, and every row is worked exactly once; a named job
 * lock is held by one connection at a time. Fails without the stack. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/claim.h"
#include "core/conf.h"
#include "core/db.h"
#include "core/errors.h"

#define ROWS 60
#define BATCH 4

static char table[64];

/* Statements over this run's table: built once the name is known. */
static char claim_text[256], work_text[256], pause_text[64];
static struct cl_stmt claim_sql, work_sql, pause_sql;

static int
work(struct cl_db *db, struct cl_arena *a, const struct cl_rows *rows,
    size_t i, void *ctx)
{
	struct cl_bind p[] = { CL_BIND_INT(*(int *)ctx),
		CL_BIND_INT(cl_rows_int(rows, i, 0)) };
	struct cl_rows r;
	int rc;

	rc = cl_db_exec_one(db, &work_sql, p, CL_NELEMS(p));
	/* Hold the claim a moment so the other process runs meanwhile. */
	if (rc == CL_OK)
		rc = cl_db_query(db, a, &pause_sql, NULL, 0, &r);
	return rc;
}

/* One "host": claims batches until none is left; exits with the number
 * of rows it worked (0..ROWS), or 255 on an error. */
static void
host(int id)
{
	struct cl_db *db = cl_db_open(&cl_conf);
	struct cl_arena *a = cl_arena_new();
	size_t done, total = 0;
	int rc;

	do {
		rc = cl_claim_rows(db, a, &claim_sql, NULL, 0, work, &id, &done);
		total += done;
		cl_arena_reset(a);
	} while (rc == CL_OK && done > 0);
	cl_arena_free(a);
	cl_db_close(db);
	_exit(rc == CL_OK ? (int)total : 255);
}

static struct cl_db *
setup_db(void)
{
	const char *conf = getenv("CLIENTELE_CONF");
	char err[512];

	if (conf == NULL || cl_conf_load(&cl_conf, conf, err, sizeof(err)) != CL_OK) {
		fprintf(stderr, "needs the test stack (run script/test): %s\n",
		    conf ? err : "CLIENTELE_CONF is not set");
		return NULL;
	}
	return cl_db_open(&cl_conf);
}

/* Works the first row of a batch, then fails. */
static int
work_then_fail(struct cl_db *db, struct cl_arena *a, const struct cl_rows *rows,
    size_t i, void *ctx)
{
	int id = 3;

	(void)ctx;
	return i == 0 ? work(db, a, rows, i, &id) : CL_ECONFLICT;
}

static void
test_claim_rows_two_hosts_work_each_row_once(void **state)
{
	struct cl_db *db = *state;
	struct cl_arena *a = cl_arena_new();
	struct cl_rows rows;
	pid_t pids[2];
	int got[2], i, st;
	char sql[256];

	for (i = 0; i < 2; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			host(i + 1);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pids[i], &st, 0), pids[i]);
		assert_true(WIFEXITED(st));
		got[i] = WEXITSTATUS(st);
		assert_int_not_equal(got[i], 255);
	}
	/* Both hosts took part, and between them they took every row. */
	assert_true(got[0] > 0 && got[1] > 0);
	assert_int_equal(got[0] + got[1], ROWS);
	/* No row was worked twice or not at all, and each names the host
	 * that claimed it, matching the hosts' own counts. */
	snprintf(sql, sizeof(sql), "SELECT COUNT(*), SUM(done = 1), "
	    "SUM(host = 1), SUM(host = 2) FROM %s", table);
	assert_int_equal(cl_db_query_text(db, a, sql, NULL, 0, &rows), CL_OK);
	assert_int_equal(cl_rows_int(&rows, 0, 0), ROWS);
	assert_int_equal(cl_rows_int(&rows, 0, 1), ROWS);
	assert_int_equal(cl_rows_int(&rows, 0, 2), got[0]);
	assert_int_equal(cl_rows_int(&rows, 0, 3), got[1]);
	cl_arena_free(a);
}

static void
test_claim_rows_failure_keeps_nothing_of_the_batch(void **state)
{
	struct cl_db *db = *state;
	struct cl_arena *a = cl_arena_new();
	/* Static: the connection keeps a registry of its statements. */
	static struct cl_stmt again;
	static char text[256];
	struct cl_rows rows;
	char sql[256];
	size_t done = 7;

	/* Work that fails on the second row: the first row's write is
	 * rolled back with it, and the batch counts as not done. */
	snprintf(text, sizeof(text), "SELECT id FROM %s ORDER BY id LIMIT 2 "
	    "FOR UPDATE SKIP LOCKED", table);
	memset(&again, 0, sizeof(again));
	again.sql = text;
	assert_int_equal(cl_claim_rows(db, a, &again, NULL, 0,
	    work_then_fail, NULL, &done), CL_ECONFLICT);
	assert_int_equal(done, 0);
	assert_false(cl_db_in_tx(db));
	snprintf(sql, sizeof(sql), "SELECT SUM(done) FROM %s", table);
	assert_int_equal(cl_db_query_text(db, a, sql, NULL, 0, &rows), CL_OK);
	assert_int_equal(cl_rows_int(&rows, 0, 0), ROWS);
	cl_arena_free(a);
}

static void
test_job_lock_is_held_by_one_connection(void **state)
{
	struct cl_db *db = *state;
	char name[96];
	pid_t pid;
	int st;

	snprintf(name, sizeof(name), "clientele.test.%s", table);
	assert_int_equal(cl_job_lock(db, name), CL_OK);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Another host: refused while held, then free once released
		 * (the parent releases after it sees exit code 1). */
		struct cl_db *other = cl_db_open(&cl_conf);
		int rc = cl_job_lock(other, name);

		cl_db_close(other);
		_exit(rc == CL_ECONFLICT ? 1 : 2);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 1);
	assert_int_equal(cl_job_unlock(db, name), CL_OK);
	/* Not held any more: releasing again says so. */
	assert_int_equal(cl_job_unlock(db, name), CL_ENOTFOUND);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct cl_db *other = cl_db_open(&cl_conf);
		int rc = cl_job_lock(other, name);

		cl_db_close(other); /* the lock ends with the connection */
		_exit(rc == CL_OK ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(cl_job_lock(db, name), CL_OK);
	assert_int_equal(cl_job_unlock(db, name), CL_OK);
}

static int
group_setup(void **state)
{
	struct cl_db *db = setup_db();
	char sql[256];
	int i;

	if (db == NULL)
		return -1;
	snprintf(table, sizeof(table), "claim_test_%ld", (long)getpid());
	/* DDL has no statement of its own in the db layer: the script
	 * runner of the migrations takes fixed text. */
	snprintf(sql, sizeof(sql), "DROP TABLE IF EXISTS %s;\nCREATE TABLE %s ("
	    "id INT NOT NULL PRIMARY KEY, done INT NOT NULL DEFAULT 0, "
	    "host INT NULL) ENGINE=InnoDB;", table, table);
	if (cl_db_exec_script(db, sql) != CL_OK) {
		fprintf(stderr, "cannot create %s: %s\n", table, cl_db_error(db));
		cl_db_close(db);
		return -1;
	}
	for (i = 1; i <= ROWS; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO %s (id) VALUES (%d);",
		    table, i);
		if (cl_db_exec_script(db, sql) != CL_OK) {
			cl_db_close(db);
			return -1;
		}
	}
	snprintf(claim_text, sizeof(claim_text), "SELECT id FROM %s WHERE "
	    "done = 0 ORDER BY id LIMIT %d FOR UPDATE SKIP LOCKED", table, BATCH);
	snprintf(work_text, sizeof(work_text), "UPDATE %s SET done = done + 1, "
	    "host = ? WHERE id = ?", table);
	snprintf(pause_text, sizeof(pause_text), "SELECT SLEEP(0.005)");
	claim_sql.sql = claim_text;
	work_sql.sql = work_text;
	pause_sql.sql = pause_text;
	*state = db;
	return 0;
}

static int
group_teardown(void **state)
{
	struct cl_db *db = *state;
	char sql[128];

	if (db == NULL)
		return 0;
	snprintf(sql, sizeof(sql), "DROP TABLE IF EXISTS %s;", table);
	if (cl_db_exec_script(db, sql) != CL_OK)
		fprintf(stderr, "cannot drop %s: %s\n", table, cl_db_error(db));
	cl_db_close(db);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claim_rows_two_hosts_work_each_row_once),
		cmocka_unit_test(test_claim_rows_failure_keeps_nothing_of_the_batch),
		cmocka_unit_test(test_job_lock_is_held_by_one_connection),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
