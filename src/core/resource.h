/* Resources: a table-described record (a column table, its statements in
 * the module's db.c) served by generic list, show, create, update and
 * delete handlers, with the audit log and the mapping of data results to
 * replies written once. A module wraps each generic handler in a named
 * two-line function (bill_customers_show) so grep still finds a route's
 * handler; routes with real rules keep hand-written handlers and use the
 * record functions and cl_resource_fail below. */
#ifndef CL_CORE_RESOURCE_H
#define CL_CORE_RESOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;
struct cl_arena;
struct cl_db;
struct cl_field;
struct cl_list_query;
struct cl_list_spec;
struct cl_req;
struct cl_stmt;

/* A unique or foreign key of the schema, by the name MariaDB reports, and
 * the field a client should see the problem on. problem NULL: DRF's words
 * ("<noun> with this <field> already exists.", "Invalid pk \"7\" - object
 * does not exist."). */
struct cl_key_error {
	const char	*key;
	const char	*field;
	const char	*problem;
};

/* A resource's statements, written out in the module's db.c. Each may be
 * NULL when the resource has no such route. get and get_for_update select
 * the column entries by "WHERE <alias>.id = ?"; insert binds the CL_INSERT
 * entries; update binds the CL_UPDATE entries then the id; remove takes
 * the id. */
struct cl_resource_sql {
	struct cl_stmt			*get;
	struct cl_stmt			*get_for_update;
	struct cl_stmt			*insert;
	struct cl_stmt			*update;
	struct cl_stmt			*remove;
	const struct cl_list_spec	*list;
};

struct cl_resource {
	const char			*noun;    /* "customer": "No customer has this id." */
	const char			*table;   /* audit_log table name; NULL: not audited */
	const struct cl_field		*cols;    /* column table, also the body table */
	size_t				size;     /* sizeof the struct cols describes */
	const void			*defaults;/* a create starts from it (NULL: zeroes) */
	const struct cl_resource_sql	*sql;
	const struct cl_key_error	*keys;    /* ends with a zeroed entry; may be NULL */

	/* Rules beyond the table's bounds, on the row about to be written
	 * (before: the stored row on update, NULL on create). Records field
	 * errors and returns 400, or returns 0. NULL: none. */
	int (*check)(struct cl_req *r, void *row, const void *before);
	/* Before a delete: 409 while something depends on it, or 0. */
	int (*check_delete)(struct cl_req *r, const void *row);
	/* Work that follows a write in its transaction, before the row is
	 * read back and audited: totals kept from other rows (an invoice's,
	 * from its lines). row is the row as written (NULL on delete),
	 * before the stored row (NULL on create). Returns 0, or the status
	 * it recorded (the route's transaction then rolls back). NULL: none. */
	int (*after)(struct cl_req *r, const void *row, const void *before);
	/* Conditions of a list the spec cannot say (several binds, computed
	 * ranges): called by cl_resource_list after the spec's parameters
	 * were read, adds them with cl_list_where, or records field errors
	 * and returns 400. NULL: none. */
	int (*list_where)(struct cl_req *r, struct cl_list_query *q);
	/* The JSON of one row (NULL: cl_cols_render of cols). */
	struct cJSON *(*render)(const void *row);
};

/* Generic handlers. list: the list spec's filters, search, ordering and
 * pagination. show: {id} or 404. create: the body over defaults (required
 * fields required), check, created_by and updated_by set to the caller,
 * insert, audit, 201 with the row as stored. update: the stored row
 * locked, the body over it (PUT: required fields required; PATCH: any),
 * check, updated_by, update, audit with before and after, 200. delete:
 * locked, check_delete, delete, audit, 204. The writes must run on CL_TX
 * routes (CL_BUG otherwise; tests/unit/core/test_routes_all.c checks every
 * table). Each returns the status it recorded. */
int cl_resource_list(struct cl_req *r, const struct cl_resource *res);
int cl_resource_show(struct cl_req *r, const struct cl_resource *res);
int cl_resource_create(struct cl_req *r, const struct cl_resource *res);
int cl_resource_update(struct cl_req *r, const struct cl_resource *res);
int cl_resource_delete(struct cl_req *r, const struct cl_resource *res);

/* The one mapping from a data function's CL_E* to a reply: CL_ENOTFOUND
 * 404; CL_EDUP and CL_EFOREIGN a 400 on the field of the key MariaDB named
 * (an unlisted key: 409); CL_EINUSE 409 (other records refer to it);
 * CL_ECONFLICT 409; CL_EDOWN 503; anything else 500. row (may be NULL)
 * supplies the value a foreign-key problem quotes. Returns the status. */
int cl_resource_fail(struct cl_req *r, const struct cl_resource *res, int rc,
    const void *row);

/* Record functions over a resource's statements, for data functions and
 * hand-written handlers: the row with id into out (CL_ENOTFOUND when none;
 * for_update locks it and must run in a transaction), insert (sets the
 * id field), update (by the id field), remove. */
int cl_record_get(struct cl_db *db, struct cl_arena *a,
    const struct cl_resource *res, int64_t id, bool for_update, void *out);
int cl_record_insert(struct cl_db *db, struct cl_arena *a,
    const struct cl_resource *res, void *row);
int cl_record_update(struct cl_db *db, struct cl_arena *a,
    const struct cl_resource *res, const void *row);
int cl_record_remove(struct cl_db *db, const struct cl_resource *res,
    int64_t id);

/* The row's id (the int64_t of its "id" entry). */
int64_t cl_record_id(const struct cl_resource *res, const void *row);

#endif
