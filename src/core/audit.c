/* The audit log: one INSERT per change, inside the change's transaction,
 * and the read-back the admin CLI prints. Records are stored as the API
 * renders them, so the log shows what clients saw. */
#include "config.h"

#include "core/audit.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "core/banned.h"

static const char *const action_names[] = {
	[CL_AUDIT_CREATE] = "create",
	[CL_AUDIT_UPDATE] = "update",
	[CL_AUDIT_DELETE] = "delete",
};

/* Compact JSON text, malloc'd (cJSON's), or NULL for no tree. */
static char *
print(const cJSON *tree)
{
	char *s;

	if (tree == NULL)
		return NULL;
	s = cJSON_PrintUnformatted(tree);
	if (s == NULL)
		abort();
	return s;
}

static struct cl_stmt audit_insert_sql =
    CL_STMT("INSERT INTO audit_log (table_name, row_id, action, user_id, "
            "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)");

int
cl_audit_record(struct cl_db *db, int64_t user_id, const char *table,
    int64_t row_id, enum cl_audit_action action, const cJSON *before,
    const cJSON *after)
{
	char *b, *af;
	int rc;

	/* Outside a transaction the change and its row could part ways. */
	if (!cl_db_in_tx(db))
		CL_BUG("audit of %s %lld outside a transaction", table,
		    (long long)row_id);
	b = print(before);
	af = print(after);
	{
		struct cl_bind params[] = {
			CL_BIND_STR(table),
			CL_BIND_INT(row_id),
			CL_BIND_STR(action_names[action]),
			user_id > 0 ? CL_BIND_INT(user_id) : CL_BIND_NULL,
			CL_BIND_STR(b),
			CL_BIND_STR(af),
		};

		rc = cl_db_exec(db, &audit_insert_sql, params,
		    CL_NELEMS(params), NULL, NULL);
	}
	cJSON_free(b);
	cJSON_free(af);
	return rc;
}

static struct cl_stmt audit_list_sql =
    CL_STMT("SELECT id, table_name, row_id, action, user_id, created_at, "
            "before_json, after_json FROM audit_log "
            "WHERE table_name = ? AND (? = 0 OR row_id = ?) ORDER BY id");

/* A stored JSON text as a tree, or null. */
static cJSON *
parsed(const char *text)
{
	cJSON *j = text ? cJSON_Parse(text) : cJSON_CreateNull();

	if (j == NULL)
		j = cJSON_CreateNull();
	if (j == NULL)
		abort();
	return j;
}

int
cl_audit_list(struct cl_db *db, struct cl_arena *a, const char *table,
    int64_t row_id, cJSON **out)
{
	struct cl_bind params[] = {
		CL_BIND_STR(table),
		CL_BIND_INT(row_id),
		CL_BIND_INT(row_id),
	};
	struct cl_rows rows;
	cJSON *arr;
	size_t i;
	int rc;

	rc = cl_db_query(
	    db, a, &audit_list_sql, params, CL_NELEMS(params), &rows);
	if (rc != CL_OK)
		return rc;
	if ((arr = cJSON_CreateArray()) == NULL)
		abort();
	for (i = 0; i < rows.nrows; i++) {
		cJSON *o = cJSON_CreateObject();
		char when[CL_DATETIME_BUF];

		if (o == NULL || !cJSON_AddItemToArray(arr, o))
			abort();
		cl_json_add_int(o, "id", cl_rows_int(&rows, i, 0));
		cl_json_add_str(o, "table", cl_rows_str(&rows, i, 1));
		cl_json_add_int(o, "row_id", cl_rows_int(&rows, i, 2));
		cl_json_add_str(o, "action", cl_rows_str(&rows, i, 3));
		if (CL_ROW(&rows, i, 4))
			cl_json_add_int(o, "user_id", cl_rows_int(&rows, i, 4));
		else if (!cJSON_AddNullToObject(o, "user_id"))
			abort();
		cl_json_add_str(o, "created_at",
		    cl_datetime_iso(cl_rows_str(&rows, i, 5), when));
		if (!cJSON_AddItemToObject(
		        o, "before", parsed(CL_ROW(&rows, i, 6))) ||
		    !cJSON_AddItemToObject(
		        o, "after", parsed(CL_ROW(&rows, i, 7))))
			abort();
	}
	*out = arr;
	return CL_OK;
}
