/* Generic handlers over a resource description, the record functions they
 * use, and the one mapping of data results to replies. A handler here is
 * the shape every hand-written one had: read input, call data functions,
 * map their CL_E*, render, reply. */
#include "config.h"

#include "core/resource.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/audit.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/log.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

static int64_t *
int_slot(const struct cl_resource *res, const void *row, const char *name)
{
	const struct cl_field *f = cl_fields_find(res->cols, name);

	if (f == NULL)
		return NULL;
	return (int64_t *)((char *)row + f->offset);
}

int64_t
cl_record_id(const struct cl_resource *res, const void *row)
{
	int64_t *id = int_slot(res, row, "id");

	if (id == NULL)
		CL_BUG("resource %s has no id field", res->noun);
	return *id;
}

int
cl_record_get(struct cl_db *db, struct cl_arena *a,
    const struct cl_resource *res, int64_t id, bool for_update, void *out)
{
	struct cl_stmt *st =
	    for_update ? res->sql->get_for_update : res->sql->get;
	struct cl_bind param = cl_bind_int(id);
	struct cl_rows rows;
	int rc;

	if (for_update && !cl_db_in_tx(db))
		CL_BUG("%s: a locking read outside a transaction", res->noun);
	rc = cl_db_query_row(db, a, st, &param, 1, &rows);
	if (rc != CL_OK)
		return rc;
	return cl_cols_read(res->cols, &rows, 0, out);
}

int
cl_record_insert(struct cl_db *db, struct cl_arena *a,
    const struct cl_resource *res, void *row)
{
	struct cl_bind binds[CL_COLS_MAX];
	size_t n =
	    cl_cols_bind(a, res->cols, CL_INSERT, row, binds, CL_NELEMS(binds));
	uint64_t id;
	int rc;

	rc = cl_db_exec(db, res->sql->insert, binds, n, NULL, &id);
	if (rc == CL_OK)
		*int_slot(res, row, "id") = (int64_t)id;
	return rc;
}

int
cl_record_update(struct cl_db *db, struct cl_arena *a,
    const struct cl_resource *res, const void *row)
{
	struct cl_bind binds[CL_COLS_MAX + 1];
	size_t n =
	    cl_cols_bind(a, res->cols, CL_UPDATE, row, binds, CL_COLS_MAX);

	binds[n++] = cl_bind_int(cl_record_id(res, row));
	return cl_db_exec_one(db, res->sql->update, binds, n);
}

int
cl_record_remove(struct cl_db *db, const struct cl_resource *res, int64_t id)
{
	struct cl_bind param = cl_bind_int(id);

	return cl_db_exec_one(db, res->sql->remove, &param, 1);
}

static cJSON *
render(const struct cl_resource *res, const void *row)
{
	return res->render ? res->render(row) : cl_cols_render(res->cols, row);
}

static const struct cl_key_error *
find_key(const struct cl_resource *res, const char *key)
{
	const struct cl_key_error *k;

	for (k = res->keys; k && k->key; k++)
		if (strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

/* The value of field in row as text, for "Invalid pk \"7\"". */
static const char *
field_text(struct cl_req *r, const struct cl_resource *res, const void *row,
    const char *field)
{
	const struct cl_field *f = cl_fields_find(res->cols, field);
	const char *slot;

	if (f == NULL || row == NULL)
		return "?";
	slot = (const char *)row + f->offset;
	if (f->type == CL_F_ID || f->type == CL_F_INT)
		return cl_arena_printf(
		    r->arena, "%lld", (long long)*(const int64_t *)slot);
	if (f->type == CL_F_STR || f->type == CL_F_ENUM)
		return *(const char *const *)slot;
	return "?";
}

int
cl_resource_fail(
    struct cl_req *r, const struct cl_resource *res, int rc, const void *row)
{
	const struct cl_key_error *k;

	switch (rc) {
	case CL_ENOTFOUND:
		return cl_fail(r, 404, "not_found",
		    cl_arena_printf(r->arena, "No %s has this id.", res->noun));
	case CL_EDUP:
	case CL_EFOREIGN:
		k = find_key(res, cl_db_error_key(r->db));
		if (k == NULL) {
			cl_log_err(r, "%s: key %s is not mapped to a field",
			    res->noun, cl_db_error_key(r->db));
			return cl_fail(r, 409, "conflict",
			    "This change conflicts with other records.");
		}
		if (k->problem)
			cl_fail_field(r, k->field, k->problem);
		else if (rc == CL_EDUP)
			cl_fail_field(r, k->field,
			    cl_arena_printf(r->arena,
			        "%s with this %s already exists.", res->noun,
			        k->field));
		else
			cl_fail_field(r, k->field,
			    cl_arena_printf(r->arena,
			        "Invalid pk \"%s\" - object does not exist.",
			        field_text(r, res, row, k->field)));
		return cl_fail_validation(r);
	case CL_EINUSE:
		return cl_fail(r, 409, "in_use",
		    cl_arena_printf(r->arena, "Other records refer to this %s.",
		        res->noun));
	default:
		return cl_fail_db(r, rc);
	}
}

int
cl_resource_list(struct cl_req *r, const struct cl_resource *res)
{
	struct cl_list_query q;
	void *rows;
	size_t n;
	int rc;

	rc = cl_list_or_reply(r, res->sql->list, &q);
	if (rc == 0 && res->list_where)
		rc = res->list_where(r, &q);
	if (rc != 0)
		return rc;
	q.stamp_sql = cl_caller_stamp_sql(r);
	rc =
	    cl_list_fetch(r->db, r->arena, &q, res->cols, res->size, &rows, &n);
	/* A cached caller confirmed by the page's own statement: nothing
	 * of the page goes out otherwise (dispatch.h). */
	if (rc == CL_OK && q.stamp != NULL &&
	    (rc = cl_caller_confirm_or_reply(r, q.stamp)) != 0)
		return rc;
	if (rc == CL_EFOREIGN) {
		cl_fail_field(r, q.bad_param,
		    "Select a valid choice. That choice is not one of the "
		    "available choices.");
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, NULL);
	if (res->render == NULL)
		return cl_list_reply(
		    r, &q, cl_cols_render_all(res->cols, rows, n, res->size));
	{
		cJSON *arr = cJSON_CreateArray();
		size_t i;

		if (arr == NULL)
			abort();
		for (i = 0; i < n; i++)
			if (!cJSON_AddItemToArray(
			        arr, res->render((char *)rows + i * res->size)))
				abort();
		return cl_list_reply(r, &q, arr);
	}
}

int
cl_resource_show(struct cl_req *r, const struct cl_resource *res)
{
	void *row = cl_arena_alloc(r->arena, res->size);
	int64_t id;
	int rc;

	if ((rc = cl_param_id_or_reply(r, "id", &id)) != 0)
		return rc;
	rc = cl_record_get(r->db, r->arena, res, id, false, row);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, NULL);
	return cl_reply_json(r, 200, render(res, row));
}

/* A generic write without a transaction could leave a row without its
 * audit row, or answer 500 for a row it made: a bug in the route table. */
static void
need_tx(const struct cl_req *r, const struct cl_resource *res)
{
	if (!cl_db_in_tx(r->db))
		CL_BUG("%s written outside a transaction: flag it CL_TX",
		    res->noun);
}

/* The server, never the body, says who wrote a record. */
static void
stamp(const struct cl_resource *res, struct cl_req *r, void *row, bool create)
{
	int64_t *by;

	if (create && (by = int_slot(res, row, "created_by")) != NULL)
		*by = r->caller.user_id;
	if ((by = int_slot(res, row, "updated_by")) != NULL)
		*by = r->caller.user_id;
}

/* Audits the change when the resource is audited; before and after are
 * the stored rows (NULL for none). The trees are the request's. */
static int
audit(struct cl_req *r, const struct cl_resource *res, int64_t id,
    enum cl_audit_action action, const void *before, const void *after)
{
	cJSON *b, *a;

	if (res->table == NULL)
		return CL_OK;
	b = before ? render(res, before) : NULL;
	a = after ? render(res, after) : NULL;
	cl_arena_defer(r->arena, cl_json_free, b);
	cl_arena_defer(r->arena, cl_json_free, a);
	return cl_audit_record(
	    r->db, r->caller.user_id, res->table, id, action, b, a);
}

int
cl_resource_create(struct cl_req *r, const struct cl_resource *res)
{
	void *row = cl_arena_alloc(r->arena, res->size);
	void *stored = cl_arena_alloc(r->arena, res->size);
	int64_t id;
	int rc;

	need_tx(r, res);
	if (res->defaults)
		memcpy(row, res->defaults, res->size);
	rc = cl_fields_or_reply(r, res->cols, row, CL_FIELDS_FULL, NULL);
	if (rc != 0)
		return rc;
	if (res->check && (rc = res->check(r, row, NULL)) != 0)
		return rc;
	stamp(res, r, row, true);
	rc = cl_record_insert(r->db, r->arena, res, row);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, row);
	id = cl_record_id(res, row);
	if (res->after && (rc = res->after(r, row, NULL)) != 0)
		return rc;
	/* Read back what the database made of it (defaults, timestamps,
	 * computed columns), so the answer is the stored record. */
	rc = cl_record_get(r->db, r->arena, res, id, false, stored);
	if (rc == CL_OK)
		rc = audit(r, res, id, CL_AUDIT_CREATE, NULL, stored);
	if (rc != CL_OK)
		return cl_fail_db(r, rc == CL_ENOTFOUND ? CL_EDB : rc);
	return cl_reply_json(r, 201, render(res, stored));
}

int
cl_resource_update(struct cl_req *r, const struct cl_resource *res)
{
	enum cl_fields_mode mode =
	    r->method == CL_PATCH ? CL_FIELDS_PARTIAL : CL_FIELDS_FULL;
	void *before = cl_arena_alloc(r->arena, res->size);
	void *row = cl_arena_alloc(r->arena, res->size);
	void *stored = cl_arena_alloc(r->arena, res->size);
	int64_t id;
	int rc;

	need_tx(r, res);
	if ((rc = cl_param_id_or_reply(r, "id", &id)) != 0)
		return rc;
	rc = cl_record_get(r->db, r->arena, res, id, true, before);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, NULL);
	memcpy(row, before, res->size);
	rc = cl_fields_or_reply(r, res->cols, row, mode, NULL);
	if (rc != 0)
		return rc;
	if (res->check && (rc = res->check(r, row, before)) != 0)
		return rc;
	stamp(res, r, row, false);
	rc = cl_record_update(r->db, r->arena, res, row);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, row);
	if (res->after && (rc = res->after(r, row, before)) != 0)
		return rc;
	rc = cl_record_get(r->db, r->arena, res, id, false, stored);
	if (rc == CL_OK)
		rc = audit(r, res, id, CL_AUDIT_UPDATE, before, stored);
	if (rc != CL_OK)
		return cl_fail_db(r, rc == CL_ENOTFOUND ? CL_EDB : rc);
	return cl_reply_json(r, 200, render(res, stored));
}

int
cl_resource_delete(struct cl_req *r, const struct cl_resource *res)
{
	void *row = cl_arena_alloc(r->arena, res->size);
	int64_t id;
	int rc;

	need_tx(r, res);
	if ((rc = cl_param_id_or_reply(r, "id", &id)) != 0)
		return rc;
	rc = cl_record_get(r->db, r->arena, res, id, true, row);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, NULL);
	if (res->check_delete && (rc = res->check_delete(r, row)) != 0)
		return rc;
	rc = cl_record_remove(r->db, res, id);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, row);
	if (res->after && (rc = res->after(r, NULL, row)) != 0)
		return rc;
	rc = audit(r, res, id, CL_AUDIT_DELETE, row, NULL);
	if (rc != CL_OK)
		return cl_resource_fail(r, res, rc, row);
	return cl_reply_empty(r, 204);
}
