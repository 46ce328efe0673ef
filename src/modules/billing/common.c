/* Module billing: what several resources share. A sub-route list
 * (/customers/customers/{id}/entitlements/) is its child's list spec
 * scoped to the parent; rows with JSON-text columns (a package's
 * pricings, a utility's details) render them as JSON. */
#include "config.h"

#include "modules/billing/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/audit.h"
#include "core/columns.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/request.h"
#include "core/resource.h"
#include "core/response.h"
#include "core/banned.h"

int
bill_invalid_pk(struct cl_req *r, const char *field, int64_t id)
{
	cl_fail_field(r, field,
	    cl_arena_printf(r->arena,
	        "Invalid pk \"%lld\" - object does not exist.", (long long)id));
	return cl_fail_validation(r);
}

int
bill_parent_or_reply(struct cl_req *r, struct cl_stmt *lock_sql,
    const char *field, int64_t id, const int64_t *old_id, const char *moved,
    struct cl_rows *rows)
{
	int rc;

	if (old_id != NULL && id != *old_id) {
		cl_fail_field(r, field, moved);
		return cl_fail_validation(r);
	}
	rc = cl_db_query_row(r->db, r->arena, lock_sql,
	    (struct cl_bind[]){ CL_BIND_INT(id) }, 1, rows);
	if (rc == CL_ENOTFOUND)
		return bill_invalid_pk(r, field, id);
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}

int
bill_sublist(struct cl_req *r, const struct cl_resource *parent,
    const struct cl_resource *child, const char *cond)
{
	struct cl_list_query q;
	void *rows;
	size_t i, n;
	int64_t id;
	int rc;

	if ((rc = cl_param_id_or_reply(r, "id", &id)) != 0)
		return rc;
	rc = cl_record_get(r->db, r->arena, parent, id, false,
	    cl_arena_alloc(r->arena, parent->size));
	if (rc != CL_OK)
		return cl_resource_fail(r, parent, rc, NULL);
	if ((rc = cl_list_or_reply(r, child->sql->list, &q)) != 0)
		return rc;
	cl_list_scope(r->arena, &q, cond, CL_BIND_INT(id));
	rc = cl_list_fetch(
	    r->db, r->arena, &q, child->cols, child->size, &rows, &n);
	if (rc == CL_EFOREIGN) {
		cl_fail_field(r, q.bad_param,
		    "Select a valid choice. That choice is not one of the "
		    "available choices.");
		return cl_fail_validation(r);
	}
	if (rc != CL_OK)
		return cl_resource_fail(r, child, rc, NULL);
	if (child->render == NULL)
		return cl_list_reply(r, &q,
		    cl_cols_render_all(child->cols, rows, n, child->size));
	{
		cJSON *arr = cJSON_CreateArray();

		if (arr == NULL)
			abort();
		for (i = 0; i < n; i++)
			if (!cJSON_AddItemToArray(arr,
			        child->render((char *)rows + i * child->size)))
				abort();
		return cl_list_reply(r, &q, arr);
	}
}

cJSON *
bill_render_json_cols(
    const struct cl_field *cols, const void *row, const char *const *names)
{
	cJSON *obj = cl_cols_render(cols, row);
	size_t k;

	for (k = 0; names[k]; k++) {
		const struct cl_field *f = cl_fields_find(cols, names[k]);
		const char *text =
		    *(const char *const *)((const char *)row + f->offset);
		cJSON *v = text ? cJSON_Parse(text) : cJSON_CreateNull();

		if (v == NULL) /* MariaDB's JSON_OBJECT made it: cannot fail */
			abort();
		if (!cJSON_AddItemToObject(obj, names[k], v))
			abort();
	}
	return obj;
}

int
bill_audit_cascade_or_reply(struct cl_req *r, struct cl_stmt *sql,
    int64_t parent_id, const struct cl_resource *child)
{
	struct cl_rows rows;
	void *all;
	size_t i;
	int rc;

	rc = cl_db_query(r->db, r->arena, sql,
	    (struct cl_bind[]){ CL_BIND_INT(parent_id) }, 1, &rows);
	if (rc == CL_OK)
		rc = cl_cols_read_all(r->arena, child->cols, &rows, child->size,
		    &all);
	for (i = 0; rc == CL_OK && i < rows.nrows; i++) {
		const void *row = (const char *)all + i * child->size;
		cJSON *before = cl_cols_render(child->cols, row);

		cl_arena_defer(r->arena, cl_json_free, before);
		rc = cl_audit_record(r->db, r->caller.user_id, child->table,
		    cl_record_id(child, row), CL_AUDIT_DELETE, before, NULL);
	}
	return rc == CL_OK ? 0 : cl_fail_db(r, rc);
}
