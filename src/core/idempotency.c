/* Idempotency-Key: the claim of a key before the handler, the stored
 * answer after it, and the prune job. The whole protocol is one row per
 * (caller, key) written in the request's own transaction; see
 * idempotency.h for why that makes concurrent repeats apply once. */
#include "config.h"

#include "core/idempotency.h"

#include <stdint.h>
#include <string.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* The row is claimed by inserting it; a concurrent claimant of the same
 * key blocks on this INSERT's duplicate-key check until the holder ends.
 * The fingerprint is computed by MariaDB (SHA2), so core needs no hash. */
static struct cl_stmt claim_sql =
    CL_STMT("INSERT INTO idempotency_keys (user_id, idem_key, fingerprint) "
            "VALUES (?, ?, SHA2(?, 256))");

/* A locking read: it sees the row the holder committed, whatever this
 * transaction's snapshot. */
static struct cl_stmt stored_sql = CL_STMT(
    "SELECT fingerprint = SHA2(?, 256), status, content_type, response, "
    "created_at < UTC_TIMESTAMP(6) - INTERVAL 86400 SECOND "
    "FROM idempotency_keys WHERE user_id = ? AND idem_key = ? "
    "LOCK IN SHARE MODE");

static struct cl_stmt expire_sql =
    CL_STMT("DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ?");

static struct cl_stmt finish_sql =
    CL_STMT("UPDATE idempotency_keys SET status = ?, content_type = ?, "
            "response = ? WHERE user_id = ? AND idem_key = ?");

static struct cl_stmt prune_sql = CL_STMT(
    "DELETE FROM idempotency_keys "
    "WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 86400 SECOND LIMIT 1000");

static bool
is_valid_key(const char *k)
{
	size_t n = strlen(k), i;

	if (n == 0 || n > CL_IDEM_KEY_MAX)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e)
			return false;
	return true;
}

/* What makes two requests "the same": method, path (its trailing slash
 * is optional, API.md §1, so it is left out) and body bytes. */
static const char *
fingerprint_text(struct cl_req *r)
{
	size_t n = strlen(r->path);

	if (n > 1 && r->path[n - 1] == '/')
		n--;
	return cl_arena_printf(r->arena, "%s %.*s\n%.*s", r->method_name,
	    (int)n, r->path, (int)r->body_len, r->body ? r->body : "");
}

int
cl_idem_begin_or_reply(struct cl_req *r, bool *replayed)
{
	const char *key = cl_req_header(r, "idempotency-key");
	const char *fp;
	struct cl_rows rows;
	int attempt, rc;

	*replayed = false;
	r->idem_key = NULL;
	if (key == NULL || r->caller.user_id == 0)
		return 0;
	if (!is_valid_key(key)) {
		cl_fail_field(r, "Idempotency-Key",
		    "Ensure this header has 1 to 255 printable ASCII "
		    "characters.");
		return cl_fail_validation(r);
	}
	if (!cl_db_in_tx(r->db))
		CL_BUG("Idempotency-Key outside a transaction: flag it CL_TX");
	fp = fingerprint_text(r);
	for (attempt = 0; attempt < 2; attempt++) {
		rc = cl_db_exec(r->db, &claim_sql,
		    (struct cl_bind[]){ CL_BIND_INT(r->caller.user_id),
		        CL_BIND_STR(key), CL_BIND_STR(fp) },
		    3, NULL, NULL);
		if (rc == CL_OK) {
			r->idem_key = key;
			return 0;
		}
		if (rc != CL_EDUP)
			return cl_fail_db(r, rc);
		rc = cl_db_query_row(r->db, r->arena, &stored_sql,
		    (struct cl_bind[]){ CL_BIND_STR(fp),
		        CL_BIND_INT(r->caller.user_id), CL_BIND_STR(key) },
		    3, &rows);
		if (rc == CL_ENOTFOUND) /* pruned in between: claim again */
			continue;
		if (rc != CL_OK)
			return cl_fail_db(r, rc);
		if (cl_rows_bool(&rows, 0, 4)) {
			/* Older than the TTL: a new request under an old key.
			 */
			rc = cl_db_exec(r->db, &expire_sql,
			    (struct cl_bind[]){ CL_BIND_INT(r->caller.user_id),
			        CL_BIND_STR(key) },
			    2, NULL, NULL);
			if (rc != CL_OK)
				return cl_fail_db(r, rc);
			continue;
		}
		if (!cl_rows_bool(&rows, 0, 0))
			return cl_fail(r, 422, "idempotency_key_reused",
			    "This Idempotency-Key was used with another "
			    "request; use a new key for a new request.");
		{
			const char *ct = cl_rows_str(&rows, 0, 2);
			const char *body = cl_rows_str(&rows, 0, 3);
			int status = (int)cl_rows_int(&rows, 0, 1);

			if (status < 200 || status > 299) {
				/* Committed rows always hold a 2xx answer. */
				cl_log_err(r,
				    "idempotency key row without "
				    "an answer (status %d)",
				    status);
				return cl_fail_db(r, CL_EDB);
			}
			*replayed = true;
			if (body == NULL)
				cl_reply_empty(r, status);
			else
				cl_reply_raw(r, status,
				    ct ? ct : "application/json", body,
				    strlen(body));
			cl_reply_header(r, "Idempotent-Replayed", "true");
			return status;
		}
	}
	return cl_fail_db(r, CL_ECONFLICT);
}

int
cl_idem_finish(struct cl_req *r)
{
	if (r->idem_key == NULL)
		return CL_OK;
	return cl_db_exec_one(r->db, &finish_sql,
	    (struct cl_bind[]){ CL_BIND_INT(r->resp.status),
	        CL_BIND_STR(r->resp.content_type),
	        r->resp.body ? CL_BIND_STRN(r->resp.body, r->resp.body_len)
	                     : CL_BIND_NULL,
	        CL_BIND_INT(r->caller.user_id), CL_BIND_STR(r->idem_key) },
	    5);
}

int
cl_idem_prune(struct cl_db *db, struct cl_arena *a)
{
	(void)a;
	return cl_db_exec(db, &prune_sql, NULL, 0, NULL, NULL);
}
