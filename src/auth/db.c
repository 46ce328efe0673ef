/* Module identity: all of its SQL, one data function per purpose with its
 * prepared statement directly above it. Times that decide a rule (OTP
 * age, the login window) are computed by MariaDB's clock, so every host
 * of a cluster judges them alike. */
#include "config.h"

#include "auth/internal.h"

#include <stdlib.h>

#include "core/arena.h"
#include "core/claim.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/banned.h"


/* A locking read outside a transaction would lock nothing: a bug in the
 * route table (the route lacks CL_TX), never bad input. */
static void
need_tx(struct cl_db *db, const char *fn)
{
	if (cl_db_in_tx(db))
		return;
	cl_log_msg("error", "BUG: %s outside a transaction", fn);
	abort();
}

/* Columns of user_from_row, in order. */
#define USER_COLUMNS \
	"u.id, u.user_xid, u.email, u.username, u.first_name, u.last_name, " \
	"u.password_hash, u.is_superuser, u.is_active, u.presence, " \
	"u.platform, u.tokens_valid_after"

static void
user_from_row(const struct cl_rows *rows, size_t i, struct auth_user *u)
{
	u->id = cl_rows_int(rows, i, 0);
	u->xid = cl_rows_str(rows, i, 1);
	u->email = cl_rows_str(rows, i, 2);
	u->username = cl_rows_str(rows, i, 3);
	u->first_name = cl_rows_str(rows, i, 4);
	u->last_name = cl_rows_str(rows, i, 5);
	u->password_hash = cl_rows_str(rows, i, 6);
	u->is_superuser = cl_rows_bool(rows, i, 7);
	u->is_active = cl_rows_bool(rows, i, 8);
	u->presence = cl_rows_str(rows, i, 9);
	u->platform = cl_rows_str(rows, i, 10);
	u->tokens_valid_after = cl_rows_int(rows, i, 11);
}

static int
user_by(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const struct cl_bind *param, struct auth_user *out)
{
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, st, param, 1, &rows);
	if (rc != CL_OK)
		return rc;
	user_from_row(&rows, 0, out);
	return CL_OK;
}

static struct cl_stmt user_get_sql = CL_STMT(
    "SELECT " USER_COLUMNS " FROM users u WHERE u.id = ?");

int
auth_user_get(struct cl_db *db, struct cl_arena *a, int64_t id,
    struct auth_user *out)
{
	struct cl_bind p = CL_BIND_INT(id);

	return user_by(db, a, &user_get_sql, &p, out);
}

static struct cl_stmt user_by_email_sql = CL_STMT(
    "SELECT " USER_COLUMNS " FROM users u WHERE u.email = ?");

int
auth_user_find_by_email(struct cl_db *db, struct cl_arena *a,
    const char *email, struct auth_user *out)
{
	struct cl_bind p = CL_BIND_STR(email);

	return user_by(db, a, &user_by_email_sql, &p, out);
}

static struct cl_stmt user_by_username_sql = CL_STMT(
    "SELECT " USER_COLUMNS " FROM users u WHERE u.username = ?");

int
auth_user_find_by_username(struct cl_db *db, struct cl_arena *a,
    const char *username, struct auth_user *out)
{
	struct cl_bind p = CL_BIND_STR(username);

	return user_by(db, a, &user_by_username_sql, &p, out);
}

static struct cl_stmt user_by_phone_sql = CL_STMT(
    "SELECT " USER_COLUMNS ", ph.id, ph.phone, ph.is_verified, "
    "ph.is_primary FROM user_phones ph JOIN users u ON u.id = ph.user_id "
    "WHERE ph.phone = ?");

int
auth_user_find_by_phone(struct cl_db *db, struct cl_arena *a,
    const char *phone, struct auth_user *out, struct auth_phone *ph)
{
	struct cl_bind params[] = { CL_BIND_STR(phone) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &user_by_phone_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	user_from_row(&rows, 0, out);
	ph->id = cl_rows_int(&rows, 0, 12);
	ph->user_id = out->id;
	ph->phone = cl_rows_str(&rows, 0, 13);
	ph->is_verified = cl_rows_bool(&rows, 0, 14);
	ph->is_primary = cl_rows_bool(&rows, 0, 15);
	return CL_OK;
}

static struct cl_stmt user_insert_sql = CL_STMT(
    "INSERT INTO users (user_xid, email, username, first_name, last_name, "
    "password_hash, is_superuser) VALUES (?, ?, ?, ?, ?, ?, ?)");

int
auth_user_insert(struct cl_db *db, struct auth_user *u)
{
	char xid[AUTH_UUID_BUF];
	uint64_t id;
	int rc;

	rc = auth_uuid4(xid);
	if (rc != CL_OK)
		return rc;
	{
		struct cl_bind params[] = {
			CL_BIND_STRN(xid, strlen(xid)), CL_BIND_STR(u->email),
			CL_BIND_STR(u->username), CL_BIND_STR(u->first_name),
			CL_BIND_STR(u->last_name), CL_BIND_STR(u->password_hash),
			CL_BIND_BOOL(u->is_superuser),
		};

		rc = cl_db_exec(db, &user_insert_sql, params, CL_NELEMS(params),
		    NULL, &id);
	}
	if (rc != CL_OK)
		return rc;
	u->id = (int64_t)id;
	return CL_OK;
}

static struct cl_stmt user_set_password_sql = CL_STMT(
    "UPDATE users SET password_hash = ?, "
    "tokens_valid_after = GREATEST(tokens_valid_after, ?) WHERE id = ?");

int
auth_user_set_password(struct cl_db *db, int64_t id, const char *hash,
    int64_t valid_after)
{
	struct cl_bind params[] = {
		CL_BIND_STR(hash), CL_BIND_INT(valid_after), CL_BIND_INT(id),
	};

	return cl_db_exec(db, &user_set_password_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt user_set_hash_sql = CL_STMT(
    "UPDATE users SET password_hash = ? WHERE id = ?");

int
auth_user_set_hash(struct cl_db *db, int64_t id, const char *hash)
{
	struct cl_bind params[] = { CL_BIND_STR(hash), CL_BIND_INT(id) };

	return cl_db_exec(db, &user_set_hash_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt user_set_login_sql = CL_STMT(
    "UPDATE users SET last_login = UTC_TIMESTAMP(6), "
    "platform = COALESCE(?, platform) WHERE id = ?");

int
auth_user_set_login(struct cl_db *db, int64_t id, const char *platform)
{
	struct cl_bind params[] = { CL_BIND_STR(platform), CL_BIND_INT(id) };

	return cl_db_exec(db, &user_set_login_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt user_set_presence_sql = CL_STMT(
    "UPDATE users SET presence = ? WHERE id = ?");

int
auth_user_set_presence(struct cl_db *db, int64_t id, const char *presence)
{
	struct cl_bind params[] = { CL_BIND_STR(presence), CL_BIND_INT(id) };

	return cl_db_exec(db, &user_set_presence_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt user_roles_json_sql = CL_STMT(
    "SELECT COALESCE(JSON_ARRAYAGG(r.name), '[]') FROM user_roles ur "
    "JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ?");

int
auth_user_roles_json(struct cl_db *db, struct cl_arena *a, int64_t id,
    const char **json)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &user_roles_json_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*json = cl_rows_str(&rows, 0, 0);
	if (*json == NULL)
		*json = "[]";
	return CL_OK;
}

/* The caller's flags and the permissions stamp (sql/0060): primary-key
 * lookups only. The permissions themselves come from perms_for, cached. */
#define CALLER_COLUMNS \
	"u.is_active, u.is_superuser, u.tokens_valid_after, " \
	"(SELECT st.perms FROM auth_stamps st WHERE st.id = 1), u.id"

static void
caller_from_row(const struct cl_rows *rows, struct auth_caller_row *out)
{
	out->is_active = cl_rows_bool(rows, 0, 0);
	out->is_superuser = cl_rows_bool(rows, 0, 1);
	out->tokens_valid_after = cl_rows_int(rows, 0, 2);
	out->perms_stamp = cl_rows_int(rows, 0, 3);
	out->user_id = cl_rows_int(rows, 0, 4);
	out->perms = NULL;
	out->stamp = NULL;
	out->session_ttl = -1;
}

/* Permission names hold no comma (API.md §2 lists them all), so one
 * GROUP_CONCAT carries them. */
static struct cl_stmt caller_perms_sql = CL_STMT(
    "SELECT GROUP_CONCAT(DISTINCT p.name SEPARATOR ',') "
    "FROM user_roles ur JOIN role_permissions rp ON rp.role_id = ur.role_id "
    "JOIN permissions p ON p.id = rp.permission_id "
    "WHERE ur.user_id = ?");

/* Per process (each worker its own): the permissions of recent callers
 * with the stamp read before them. Direct-mapped by user id; an entry
 * whose stamp is not the one just read with the user is read again. The
 * stamp is read first and the permissions after, so a change landing in
 * between leaves newer permissions under an older stamp: read again on
 * the next request, never an older list kept under a newer stamp. */
enum { PERMS_CACHE = 64 };

static struct {
	int64_t	 user_id;   /* 0: empty */
	int64_t	 stamp;
	char	*perms;     /* NULL: no permission (owned) */
} perms_cache[PERMS_CACHE];

static int
perms_for(struct cl_db *db, struct cl_arena *a, struct auth_caller_row *row)
{
	size_t k = (size_t)((uint64_t)row->user_id % PERMS_CACHE);
	struct cl_bind params[] = { CL_BIND_INT(row->user_id) };
	struct cl_rows rows;
	const char *csv;
	int rc;

	if (perms_cache[k].user_id == row->user_id && row->user_id != 0 &&
	    perms_cache[k].stamp == row->perms_stamp) {
		row->perms = perms_cache[k].perms;
		return CL_OK;
	}
	rc = cl_db_query_row(db, a, &caller_perms_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	csv = cl_rows_str(&rows, 0, 0);
	free(perms_cache[k].perms);
	perms_cache[k].perms = csv ? cl_xstrdup(csv) : NULL;
	perms_cache[k].user_id = row->user_id;
	perms_cache[k].stamp = row->perms_stamp;
	row->perms = perms_cache[k].perms;
	return CL_OK;
}

/* One round trip for a JWT: the user, the jti's revocation and, for a
 * token of a session, that session's state (a primary-key lookup): 0
 * ended or unknown, 1 live, 2 live and last used over AUTH_SESSION_TOUCH
 * (60) seconds ago. A token of no session counts as live. A second one
 * only when this worker has not the caller's permissions at this stamp. */
static struct cl_stmt caller_get_sql = CL_STMT(
    "SELECT " CALLER_COLUMNS ", "
    "EXISTS (SELECT 1 FROM revoked_tokens t WHERE t.jti = ?), "
    "IF(? = 0, 1, COALESCE((SELECT IF(s.last_used_at < UTC_TIMESTAMP(6) - "
    "INTERVAL 60 SECOND, 2, 1) "
    "FROM auth_sessions s WHERE s.id = ? "
    "AND s.user_id = u.id AND s.revoked_at IS NULL "
    "AND s.expires_at > UTC_TIMESTAMP(6)), 0)), "
    AUTH_STAMP_SQL ", "
    "IF(? = 0, -1, COALESCE((SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), "
    "s.expires_at) FROM auth_sessions s WHERE s.id = ?), 0)) "
    "FROM users u WHERE u.id = ?");

int
auth_caller_get(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *jti, int64_t sid, struct auth_caller_row *out)
{
	struct cl_bind params[] = {
		CL_BIND_STR(jti), CL_BIND_INT(sid), CL_BIND_INT(sid),
		CL_BIND_INT(sid), CL_BIND_INT(sid), CL_BIND_INT(user_id),
	};
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &caller_get_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	caller_from_row(&rows, out);
	out->is_revoked = cl_rows_bool(&rows, 0, 5);
	out->session_live = cl_rows_int(&rows, 0, 6) > 0;
	out->session_stale = cl_rows_int(&rows, 0, 6) > 1;
	out->stamp = cl_rows_str(&rows, 0, 7);
	out->session_ttl = cl_rows_int(&rows, 0, 8);
	/* A refused caller needs no permissions. */
	if (!out->is_active || out->is_revoked || !out->session_live)
		return CL_OK;
	return perms_for(db, a, out);
}

static struct cl_stmt stamp_get_sql = CL_STMT("SELECT " AUTH_STAMP_SQL);

int
auth_stamp_get(struct cl_db *db, struct cl_arena *a, const char **stamp)
{
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &stamp_get_sql, NULL, 0, &rows);
	if (rc != CL_OK)
		return rc;
	*stamp = cl_rows_str(&rows, 0, 0);
	return *stamp != NULL ? CL_OK : CL_EDB;
}

static struct cl_stmt caller_get_by_token_sql = CL_STMT(
    "SELECT " CALLER_COLUMNS " FROM api_tokens t "
    "JOIN users u ON u.id = t.user_id "
    "WHERE t.token_hash = ? AND t.revoked_at IS NULL");

int
auth_caller_get_by_token(struct cl_db *db, struct cl_arena *a,
    const char *hash, struct auth_caller_row *out)
{
	struct cl_bind params[] = { CL_BIND_STR(hash) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &caller_get_by_token_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	caller_from_row(&rows, out);
	out->is_revoked = false;
	out->session_live = true;
	out->session_stale = false;
	if (!out->is_active)
		return CL_OK;
	return perms_for(db, a, out);
}

static struct cl_stmt revoked_insert_sql = CL_STMT(
    "INSERT IGNORE INTO revoked_tokens (jti, user_id, expires_at) "
    "VALUES (?, ?, FROM_UNIXTIME(?))");

int
auth_revoked_insert(struct cl_db *db, const char *jti, int64_t user_id,
    int64_t exp)
{
	struct cl_bind params[] = {
		CL_BIND_STR(jti), CL_BIND_INT(user_id), CL_BIND_INT(exp),
	};

	return cl_db_exec(db, &revoked_insert_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt api_token_insert_sql = CL_STMT(
    "INSERT INTO api_tokens (user_id, token_hash) VALUES (?, ?)");

int
auth_api_token_insert(struct cl_db *db, int64_t user_id, const char *hash)
{
	struct cl_bind params[] = { CL_BIND_INT(user_id), CL_BIND_STR(hash) };

	return cl_db_exec(db, &api_token_insert_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt api_token_revoke_sql = CL_STMT(
    "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP(6) "
    "WHERE token_hash = ? AND revoked_at IS NULL");

int
auth_api_token_revoke(struct cl_db *db, const char *hash)
{
	struct cl_bind params[] = { CL_BIND_STR(hash) };

	return cl_db_exec(db, &api_token_revoke_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt api_token_revoke_user_sql = CL_STMT(
    "UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP(6) "
    "WHERE user_id = ? AND revoked_at IS NULL");

int
auth_api_token_revoke_user(struct cl_db *db, int64_t user_id)
{
	struct cl_bind params[] = { CL_BIND_INT(user_id) };

	return cl_db_exec(db, &api_token_revoke_user_sql, params,
	    CL_NELEMS(params), NULL, NULL);
}

static struct cl_stmt session_insert_sql = CL_STMT(
    "INSERT INTO auth_sessions (user_id, platform, refresh_jti, expires_at) "
    "VALUES (?, ?, ?, UTC_TIMESTAMP(6) + INTERVAL ? SECOND)");

int
auth_session_insert(struct cl_db *db, int64_t user_id, const char *platform,
    const char *refresh_jti, int64_t ttl, int64_t *id)
{
	struct cl_bind params[] = {
		CL_BIND_INT(user_id), CL_BIND_STR(platform),
		CL_BIND_STR(refresh_jti), CL_BIND_INT(ttl),
	};
	uint64_t insert_id;
	int rc;

	rc = cl_db_exec(db, &session_insert_sql, params, CL_NELEMS(params),
	    NULL, &insert_id);
	if (rc != CL_OK)
		return rc;
	*id = (int64_t)insert_id;
	return CL_OK;
}

/* The WHERE names the one valid refresh token: a spent one matches no row,
 * and InnoDB re-reads the row under its lock, so of two refreshes with
 * the same token the second finds refresh_jti already changed. */
static struct cl_stmt session_rotate_sql = CL_STMT(
    "UPDATE auth_sessions SET refresh_jti = ?, "
    "last_used_at = UTC_TIMESTAMP(6), expires_at = GREATEST(expires_at, "
    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND) "
    "WHERE id = ? AND user_id = ? AND refresh_jti = ? "
    "AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP(6)");

int
auth_session_rotate(struct cl_db *db, int64_t id, int64_t user_id,
    const char *old_jti, const char *new_jti, int64_t ttl)
{
	struct cl_bind params[] = {
		CL_BIND_STR(new_jti), CL_BIND_INT(ttl), CL_BIND_INT(id),
		CL_BIND_INT(user_id), CL_BIND_STR(old_jti),
	};

	return cl_db_exec_one(db, &session_rotate_sql, params,
	    CL_NELEMS(params));
}

static struct cl_stmt session_touch_sql = CL_STMT(
    "UPDATE auth_sessions SET last_used_at = UTC_TIMESTAMP(6) WHERE id = ?");

int
auth_session_touch(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };

	return cl_db_exec(db, &session_touch_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt session_revoke_sql = CL_STMT(
    "UPDATE auth_sessions SET revoked_at = UTC_TIMESTAMP(6), "
    "refresh_jti = NULL WHERE id = ? AND user_id = ? "
    "AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP(6)");

int
auth_session_revoke(struct cl_db *db, int64_t id, int64_t user_id)
{
	struct cl_bind params[] = { CL_BIND_INT(id), CL_BIND_INT(user_id) };

	return cl_db_exec_one(db, &session_revoke_sql, params,
	    CL_NELEMS(params));
}

static struct cl_stmt session_revoke_user_sql = CL_STMT(
    "UPDATE auth_sessions SET revoked_at = UTC_TIMESTAMP(6), "
    "refresh_jti = NULL WHERE user_id = ? AND revoked_at IS NULL");

int
auth_session_revoke_user(struct cl_db *db, int64_t user_id)
{
	struct cl_bind params[] = { CL_BIND_INT(user_id) };

	return cl_db_exec(db, &session_revoke_user_sql, params,
	    CL_NELEMS(params), NULL, NULL);
}

static struct cl_stmt session_list_sql = CL_STMT(
    "SELECT id, created_at, last_used_at, platform FROM auth_sessions "
    "WHERE user_id = ? AND revoked_at IS NULL "
    "AND expires_at > UTC_TIMESTAMP(6) ORDER BY id DESC LIMIT ?");

int
auth_session_list(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    size_t max, struct auth_session **out, size_t *n)
{
	struct cl_bind params[] = {
		CL_BIND_INT(user_id), CL_BIND_INT((int64_t)max),
	};
	struct cl_rows rows;
	size_t i;
	int rc;

	rc = cl_db_query(db, a, &session_list_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	*out = CL_NEW_ARRAY(a, struct auth_session, rows.nrows + 1);
	for (i = 0; i < rows.nrows; i++) {
		struct auth_session *s = &(*out)[i];

		s->id = cl_rows_int(&rows, i, 0);
		s->created_at = cl_rows_str(&rows, i, 1);
		s->last_used_at = cl_rows_str(&rows, i, 2);
		s->platform = cl_rows_str(&rows, i, 3);
	}
	*n = rows.nrows;
	return CL_OK;
}

static struct cl_stmt apikey_find_sql = CL_STMT(
    "SELECT id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL");

int
auth_apikey_find(struct cl_db *db, struct cl_arena *a, const char *hash,
    int64_t *id)
{
	struct cl_bind params[] = { CL_BIND_STR(hash) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &apikey_find_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	*id = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

static struct cl_stmt apikey_insert_sql = CL_STMT(
    "INSERT INTO api_keys (name, key_hash) VALUES (?, ?)");

int
auth_apikey_insert(struct cl_db *db, const char *name, const char *hash)
{
	struct cl_bind params[] = { CL_BIND_STR(name), CL_BIND_STR(hash) };

	return cl_db_exec(db, &apikey_insert_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

#define PHONE_COLUMNS "id, user_id, phone, is_verified, is_primary"

static void
phone_from_row(const struct cl_rows *rows, struct auth_phone *ph)
{
	ph->id = cl_rows_int(rows, 0, 0);
	ph->user_id = cl_rows_int(rows, 0, 1);
	ph->phone = cl_rows_str(rows, 0, 2);
	ph->is_verified = cl_rows_bool(rows, 0, 3);
	ph->is_primary = cl_rows_bool(rows, 0, 4);
}

static struct cl_stmt phone_get_sql = CL_STMT(
    "SELECT " PHONE_COLUMNS " FROM user_phones WHERE phone = ?");

int
auth_phone_get(struct cl_db *db, struct cl_arena *a, const char *phone,
    struct auth_phone *out)
{
	struct cl_bind params[] = { CL_BIND_STR(phone) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &phone_get_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	phone_from_row(&rows, out);
	return CL_OK;
}

static struct cl_stmt phone_get_for_update_sql = CL_STMT(
    "SELECT " PHONE_COLUMNS " FROM user_phones WHERE phone = ? FOR UPDATE");

int
auth_phone_get_for_update(struct cl_db *db, struct cl_arena *a,
    const char *phone, struct auth_phone *out)
{
	struct cl_bind params[] = { CL_BIND_STR(phone) };
	struct cl_rows rows;
	int rc;

	need_tx(db, __func__);
	rc = cl_db_query_row(db, a, &phone_get_for_update_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	phone_from_row(&rows, out);
	return CL_OK;
}

static struct cl_stmt phone_insert_sql = CL_STMT(
    "INSERT INTO user_phones (user_id, phone, is_verified, is_primary, "
    "verified_at) VALUES (?, ?, ?, ?, IF(?, UTC_TIMESTAMP(6), NULL))");

int
auth_phone_insert(struct cl_db *db, int64_t user_id, const char *phone,
    bool verified, bool primary)
{
	struct cl_bind params[] = {
		CL_BIND_INT(user_id), CL_BIND_STR(phone), CL_BIND_BOOL(verified),
		CL_BIND_BOOL(primary), CL_BIND_BOOL(verified),
	};

	return cl_db_exec(db, &phone_insert_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt phone_set_verified_sql = CL_STMT(
    "UPDATE user_phones SET is_verified = TRUE, "
    "verified_at = COALESCE(verified_at, UTC_TIMESTAMP(6)) WHERE id = ?");

int
auth_phone_set_verified(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };

	return cl_db_exec(db, &phone_set_verified_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

/* MariaDB checks a unique key row by row, so the old primary phone must
 * lose its flag before the new one gets it: ORDER BY is_primary DESC
 * visits it first, in one statement. */
static struct cl_stmt phone_set_primary_sql = CL_STMT(
    "UPDATE user_phones SET is_primary = (id = ?) WHERE user_id = ? "
    "ORDER BY is_primary DESC");

int
auth_phone_set_primary(struct cl_db *db, int64_t user_id, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id), CL_BIND_INT(user_id) };

	return cl_db_exec(db, &phone_set_primary_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt otp_insert_sql = CL_STMT(
    "INSERT INTO otp_codes (user_id, phone, code_hash) VALUES (?, ?, ?)");

int
auth_otp_insert(struct cl_db *db, int64_t user_id, const char *phone,
    const char *hash)
{
	struct cl_bind params[] = {
		CL_BIND_INT(user_id), CL_BIND_STR(phone), CL_BIND_STR(hash),
	};

	return cl_db_exec(db, &otp_insert_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt otp_latest_sql = CL_STMT(
    "SELECT id, user_id, code_hash, tries, UNIX_TIMESTAMP(created_at) DIV 1, "
    "UNIX_TIMESTAMP(), used_at IS NOT NULL "
    "FROM otp_codes WHERE phone = ? ORDER BY id DESC LIMIT 1");

int
auth_otp_latest(struct cl_db *db, struct cl_arena *a, const char *phone,
    struct auth_otp *out)
{
	struct cl_bind params[] = { CL_BIND_STR(phone) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &otp_latest_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	out->id = cl_rows_int(&rows, 0, 0);
	out->user_id = cl_rows_int(&rows, 0, 1);
	out->code_hash = cl_rows_str(&rows, 0, 2);
	out->tries = cl_rows_int(&rows, 0, 3);
	out->created = cl_rows_int(&rows, 0, 4);
	out->now = cl_rows_int(&rows, 0, 5);
	out->is_used = cl_rows_bool(&rows, 0, 6);
	return CL_OK;
}

/* The conditions repeat auth_otp_is_usable so that two parallel guesses
 * cannot both spend the fifth try. */
static struct cl_stmt otp_spend_try_sql = CL_STMT(
    "UPDATE otp_codes SET tries = tries + 1 WHERE id = ? AND tries < ? "
    "AND used_at IS NULL "
    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND");

int
auth_otp_spend_try(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = {
		CL_BIND_INT(id), CL_BIND_INT(AUTH_OTP_TRIES),
		CL_BIND_INT(AUTH_OTP_LIFE),
	};
	uint64_t n = 0;
	int rc;

	rc = cl_db_exec(db, &otp_spend_try_sql, params, CL_NELEMS(params), &n,
	    NULL);
	if (rc != CL_OK)
		return rc;
	return n == 1 ? CL_OK : CL_ENOTFOUND;
}

static struct cl_stmt otp_use_sql = CL_STMT(
    "UPDATE otp_codes SET used_at = UTC_TIMESTAMP(6) "
    "WHERE id = ? AND used_at IS NULL");

int
auth_otp_use(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };
	uint64_t n = 0;
	int rc;

	rc = cl_db_exec(db, &otp_use_sql, params, CL_NELEMS(params), &n, NULL);
	if (rc != CL_OK)
		return rc;
	return n == 1 ? CL_OK : CL_ENOTFOUND;
}

static struct cl_stmt outbox_insert_sql = CL_STMT(
    "INSERT INTO outbox (channel, recipient, subject, body, secret_until) "
    "VALUES (?, ?, ?, ?, IF(? > 0, UTC_TIMESTAMP(6) + INTERVAL ? SECOND, "
    "NULL))");

int
auth_outbox_insert(struct cl_db *db, const char *channel,
    const char *recipient, const char *subject, const char *body,
    int64_t secret_life)
{
	struct cl_bind params[] = {
		CL_BIND_STR(channel), CL_BIND_STR(recipient),
		CL_BIND_STR(subject), CL_BIND_STR(body),
		CL_BIND_INT(secret_life), CL_BIND_INT(secret_life),
	};

	return cl_db_exec(db, &outbox_insert_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt outbox_list_sql = CL_STMT(
    "SELECT id, channel, recipient, subject, body, created_at, sent_at "
    "FROM outbox WHERE ? IS NULL OR recipient = ? ORDER BY id DESC");

int
auth_outbox_list(struct cl_db *db, struct cl_arena *a, const char *recipient,
    struct cl_rows *out)
{
	struct cl_bind params[] = {
		CL_BIND_STR(recipient), CL_BIND_STR(recipient),
	};

	return cl_db_query(db, a, &outbox_list_sql, params, CL_NELEMS(params),
	    out);
}

static struct cl_stmt attempt_insert_sql = CL_STMT(
    "INSERT INTO login_attempts (user_id, ip) VALUES (?, ?)");

int
auth_attempt_insert(struct cl_db *db, int64_t user_id, const char *ip,
    int64_t *id)
{
	struct cl_bind params[] = {
		user_id > 0 ? CL_BIND_INT(user_id) : CL_BIND_NULL,
		CL_BIND_STR(ip),
	};
	uint64_t n;
	int rc;

	rc = cl_db_exec(db, &attempt_insert_sql, params, CL_NELEMS(params), NULL,
	    &n);
	if (rc != CL_OK)
		return rc;
	*id = (int64_t)n;
	return CL_OK;
}

static struct cl_stmt attempt_count_sql = CL_STMT(
    "SELECT (SELECT COUNT(*) FROM login_attempts WHERE user_id = ? "
    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND), "
    "(SELECT COUNT(*) FROM login_attempts WHERE ip = ? "
    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND)");

int
auth_attempt_count(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *ip, int64_t *by_user, int64_t *by_ip)
{
	struct cl_bind params[] = {
		CL_BIND_INT(user_id), CL_BIND_INT(AUTH_ATTEMPT_WINDOW),
		CL_BIND_STR(ip), CL_BIND_INT(AUTH_ATTEMPT_WINDOW),
	};
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &attempt_count_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	*by_user = cl_rows_int(&rows, 0, 0);
	*by_ip = cl_rows_int(&rows, 0, 1);
	return CL_OK;
}

/* The limit-th newest attempt leaves the window last among those that
 * hold the count at the limit: once it is out, a login may try again. */
static struct cl_stmt attempt_wait_user_sql = CL_STMT(
    "SELECT CEILING(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), "
    "created_at + INTERVAL ? SECOND) / 1000000) FROM login_attempts "
    "WHERE user_id = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
    "ORDER BY created_at DESC LIMIT 1 OFFSET ?");

static struct cl_stmt attempt_wait_ip_sql = CL_STMT(
    "SELECT CEILING(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), "
    "created_at + INTERVAL ? SECOND) / 1000000) FROM login_attempts "
    "WHERE ip = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
    "ORDER BY created_at DESC LIMIT 1 OFFSET ?");

int
auth_attempt_wait(struct cl_db *db, struct cl_arena *a, int64_t user_id,
    const char *ip, int64_t *seconds)
{
	struct cl_bind params[] = {
		CL_BIND_INT(AUTH_ATTEMPT_WINDOW),
		user_id > 0 ? CL_BIND_INT(user_id) : CL_BIND_STR(ip),
		CL_BIND_INT(AUTH_ATTEMPT_WINDOW),
		CL_BIND_INT(AUTH_ATTEMPT_LIMIT - 1),
	};
	struct cl_rows rows;
	int rc;

	rc = cl_db_query(db, a, user_id > 0 ? &attempt_wait_user_sql :
	    &attempt_wait_ip_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*seconds = rows.nrows ? cl_rows_int(&rows, 0, 0) : 0;
	if (*seconds < 0)
		*seconds = 0;
	return CL_OK;
}

static struct cl_stmt attempt_delete_sql = CL_STMT(
    "DELETE FROM login_attempts WHERE id = ?");

int
auth_attempt_delete(struct cl_db *db, int64_t id)
{
	struct cl_bind params[] = { CL_BIND_INT(id) };

	return cl_db_exec(db, &attempt_delete_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt attempt_clear_user_sql = CL_STMT(
    "DELETE FROM login_attempts WHERE user_id = ?");

int
auth_attempt_clear_user(struct cl_db *db, int64_t user_id)
{
	struct cl_bind params[] = { CL_BIND_INT(user_id) };

	return cl_db_exec(db, &attempt_clear_user_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt role_insert_sql = CL_STMT(
    "INSERT INTO roles (name) VALUES (?)");

int
auth_role_insert(struct cl_db *db, const char *name, int64_t *id)
{
	struct cl_bind params[] = { CL_BIND_STR(name) };
	uint64_t n;
	int rc;

	rc = cl_db_exec(db, &role_insert_sql, params, CL_NELEMS(params), NULL, &n);
	if (rc != CL_OK)
		return rc;
	*id = (int64_t)n;
	return CL_OK;
}

static int
id_by_name(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const char *name, int64_t *id)
{
	struct cl_bind params[] = { CL_BIND_STR(name) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, st, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*id = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

static struct cl_stmt role_find_sql = CL_STMT(
    "SELECT id FROM roles WHERE name = ?");

int
auth_role_find(struct cl_db *db, struct cl_arena *a, const char *name,
    int64_t *id)
{
	return id_by_name(db, a, &role_find_sql, name, id);
}

static struct cl_stmt permission_find_sql = CL_STMT(
    "SELECT id FROM permissions WHERE name = ?");

int
auth_permission_find(struct cl_db *db, struct cl_arena *a, const char *name,
    int64_t *id)
{
	return id_by_name(db, a, &permission_find_sql, name, id);
}

static struct cl_stmt role_grant_sql = CL_STMT(
    "INSERT IGNORE INTO role_permissions (role_id, permission_id) "
    "VALUES (?, ?)");

int
auth_role_grant(struct cl_db *db, int64_t role_id, int64_t perm_id)
{
	struct cl_bind params[] = { CL_BIND_INT(role_id), CL_BIND_INT(perm_id) };

	return cl_db_exec(db, &role_grant_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt user_role_insert_sql = CL_STMT(
    "INSERT IGNORE INTO user_roles (user_id, role_id) VALUES (?, ?)");

int
auth_user_role_insert(struct cl_db *db, int64_t user_id, int64_t role_id)
{
	struct cl_bind params[] = { CL_BIND_INT(user_id), CL_BIND_INT(role_id) };

	return cl_db_exec(db, &user_role_insert_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt limit_lock_sql = CL_STMT(
    "INSERT INTO otp_limit_keys (k) VALUES (?) "
    "ON DUPLICATE KEY UPDATE touched_at = UTC_TIMESTAMP(6)");

int
auth_limit_lock(struct cl_db *db, const char *key)
{
	struct cl_bind params[] = { CL_BIND_STR(key) };

	need_tx(db, __func__);
	return cl_db_exec(db, &limit_lock_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt send_count_sql = CL_STMT(
    "SELECT (SELECT COUNT(*) FROM otp_sends WHERE phone = ? "
    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND), "
    "(SELECT COUNT(*) FROM otp_sends WHERE ip = ? "
    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND)");

int
auth_send_count(struct cl_db *db, struct cl_arena *a, const char *phone,
    const char *ip, int64_t window, int64_t *by_phone, int64_t *by_ip)
{
	struct cl_bind params[] = {
		CL_BIND_STR(phone), CL_BIND_INT(window), CL_BIND_STR(ip),
		CL_BIND_INT(window),
	};
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &send_count_sql, params, CL_NELEMS(params),
	    &rows);
	if (rc != CL_OK)
		return rc;
	*by_phone = cl_rows_int(&rows, 0, 0);
	*by_ip = cl_rows_int(&rows, 0, 1);
	return CL_OK;
}

/* Seconds until the row whose leaving the window frees a slot leaves it:
 * the limit-th newest (OFFSET limit - 1). */
static struct cl_stmt send_wait_phone_sql = CL_STMT(
    "SELECT CEILING(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), "
    "created_at + INTERVAL ? SECOND) / 1000000) FROM otp_sends "
    "WHERE phone = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
    "ORDER BY created_at DESC LIMIT 1 OFFSET ?");
static struct cl_stmt send_wait_ip_sql = CL_STMT(
    "SELECT CEILING(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), "
    "created_at + INTERVAL ? SECOND) / 1000000) FROM otp_sends "
    "WHERE ip = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
    "ORDER BY created_at DESC LIMIT 1 OFFSET ?");
static struct cl_stmt failure_wait_sql = CL_STMT(
    "SELECT CEILING(TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), "
    "created_at + INTERVAL ? SECOND) / 1000000) FROM otp_failures "
    "WHERE phone = ? AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND "
    "ORDER BY created_at DESC LIMIT 1 OFFSET ?");

static int
window_wait(struct cl_db *db, struct cl_arena *a, struct cl_stmt *st,
    const char *value, int64_t window, int64_t limit, int64_t *seconds)
{
	struct cl_bind params[] = {
		CL_BIND_INT(window), CL_BIND_STR(value), CL_BIND_INT(window),
		CL_BIND_INT(limit > 0 ? limit - 1 : 0),
	};
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, st, params, CL_NELEMS(params), &rows);
	if (rc == CL_ENOTFOUND) {
		*seconds = 0;
		return CL_OK;
	}
	if (rc != CL_OK)
		return rc;
	*seconds = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

int
auth_send_wait(struct cl_db *db, struct cl_arena *a, bool by_phone,
    const char *value, int64_t window, int64_t limit, int64_t *seconds)
{
	return window_wait(db, a, by_phone ? &send_wait_phone_sql :
	    &send_wait_ip_sql, value, window, limit, seconds);
}

static struct cl_stmt send_insert_sql = CL_STMT(
    "INSERT INTO otp_sends (phone, ip) VALUES (?, ?)");

int
auth_send_insert(struct cl_db *db, const char *phone, const char *ip)
{
	struct cl_bind params[] = { CL_BIND_STR(phone), CL_BIND_STR(ip) };

	return cl_db_exec(db, &send_insert_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt failure_insert_sql = CL_STMT(
    "INSERT INTO otp_failures (phone) VALUES (?)");

int
auth_otp_failure_insert(struct cl_db *db, const char *phone)
{
	struct cl_bind params[] = { CL_BIND_STR(phone) };

	return cl_db_exec(db, &failure_insert_sql, params, CL_NELEMS(params),
	    NULL, NULL);
}

static struct cl_stmt failure_count_sql = CL_STMT(
    "SELECT COUNT(*) FROM otp_failures WHERE phone = ? "
    "AND created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND");

int
auth_otp_failure_count(struct cl_db *db, struct cl_arena *a,
    const char *phone, int64_t window, int64_t *n)
{
	struct cl_bind params[] = { CL_BIND_STR(phone), CL_BIND_INT(window) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(db, a, &failure_count_sql, params,
	    CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	*n = cl_rows_int(&rows, 0, 0);
	return CL_OK;
}

int
auth_otp_failure_wait(struct cl_db *db, struct cl_arena *a,
    const char *phone, int64_t window, int64_t limit, int64_t *seconds)
{
	return window_wait(db, a, &failure_wait_sql, phone, window, limit,
	    seconds);
}

/* A lapsed claim is an unverified phone older than the claim time. */
static struct cl_stmt phone_lapse_sql = CL_STMT(
    "DELETE FROM user_phones WHERE phone = ? AND is_verified = FALSE "
    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? HOUR");

int
auth_phone_lapse(struct cl_db *db, const char *phone, int64_t hours)
{
	struct cl_bind params[] = { CL_BIND_STR(phone), CL_BIND_INT(hours) };

	return cl_db_exec(db, &phone_lapse_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt phones_lapse_sql = CL_STMT(
    "DELETE FROM user_phones WHERE is_verified = FALSE "
    "AND created_at < UTC_TIMESTAMP(6) - INTERVAL ? HOUR");

int
auth_phones_lapse(struct cl_db *db, int64_t hours)
{
	struct cl_bind params[] = { CL_BIND_INT(hours) };

	return cl_db_exec(db, &phones_lapse_sql, params, CL_NELEMS(params), NULL,
	    NULL);
}

static struct cl_stmt sends_prune_sql = CL_STMT(
    "DELETE FROM otp_sends WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
static struct cl_stmt failures_prune_sql = CL_STMT(
    "DELETE FROM otp_failures "
    "WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
static struct cl_stmt limit_keys_prune_sql = CL_STMT(
    "DELETE FROM otp_limit_keys "
    "WHERE touched_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");

static struct cl_stmt sessions_prune_sql = CL_STMT(
    "DELETE FROM auth_sessions WHERE expires_at < UTC_TIMESTAMP(6)");
static struct cl_stmt revoked_prune_sql = CL_STMT(
    "DELETE FROM revoked_tokens WHERE expires_at < UTC_TIMESTAMP(6)");
static struct cl_stmt attempts_prune_sql = CL_STMT(
    "DELETE FROM login_attempts "
    "WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
static struct cl_stmt otp_prune_sql = CL_STMT(
    "DELETE FROM otp_codes WHERE created_at < UTC_TIMESTAMP(6) - INTERVAL 1 DAY");
/* The messages whose secret is spent, claimed a batch at a time: the
 * jobs child of every host runs this, each takes other rows. */
static struct cl_stmt outbox_secret_claim_sql = CL_STMT(
    "SELECT id FROM outbox WHERE secret_until IS NOT NULL AND "
    "(secret_until < UTC_TIMESTAMP(6) OR sent_at IS NOT NULL) "
    "ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED");
static struct cl_stmt outbox_secret_blank_sql = CL_STMT(
    "UPDATE outbox SET body = '(code removed)', secret_until = NULL "
    "WHERE id = ?");

int
auth_expired_delete(struct cl_db *db)
{
	int rc;

	rc = cl_db_exec(db, &revoked_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &attempts_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &otp_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &sessions_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &sends_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &failures_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = cl_db_exec(db, &limit_keys_prune_sql, NULL, 0, NULL, NULL);
	if (rc == CL_OK)
		rc = auth_phones_lapse(db, auth_conf.phone_claim_hours);
	return rc;
}

static int
outbox_secret_blank(struct cl_db *db, struct cl_arena *a,
    const struct cl_rows *rows, size_t i, void *ctx)
{
	struct cl_bind p[] = { CL_BIND_INT(cl_rows_int(rows, i, 0)) };

	(void)a;
	(void)ctx;
	return cl_db_exec_one(db, &outbox_secret_blank_sql, p, CL_NELEMS(p));
}

int
auth_outbox_secrets_blank(struct cl_db *db, struct cl_arena *a,
    size_t *blanked)
{
	size_t done;
	int rc;

	*blanked = 0;
	do {
		rc = cl_claim_rows(db, a, &outbox_secret_claim_sql, NULL, 0,
		    outbox_secret_blank, NULL, &done);
		*blanked += done;
	} while (rc == CL_OK && done > 0);
	return rc;
}
