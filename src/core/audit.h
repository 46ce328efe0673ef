/* The audit log: who changed which record when, with the record's JSON
 * before and after, written in the same transaction as the change so a
 * rolled-back write leaves no audit row and a committed one always has
 * its row. */
#ifndef CL_CORE_AUDIT_H
#define CL_CORE_AUDIT_H

#include <stdint.h>

struct cJSON;
struct cl_arena;
struct cl_db;

enum cl_audit_action { CL_AUDIT_CREATE, CL_AUDIT_UPDATE, CL_AUDIT_DELETE };

/* Inserts one audit_log row: user_id (0: the admin CLI), the table and row,
 * the action, before and after (borrowed; NULL for none). Must run inside
 * a transaction (CL_BUG otherwise). CL_OK or a CL_E*. */
int cl_audit_record(struct cl_db *db, int64_t user_id, const char *table,
    int64_t row_id, enum cl_audit_action action, const struct cJSON *before,
    const struct cJSON *after);

/* The audit rows of table (and row_id, when > 0), oldest first, as a JSON
 * array of {id, table, row_id, action, user_id, created_at, before, after}
 * (clientelectl audit list). *out is owned by the caller. */
int cl_audit_list(struct cl_db *db, struct cl_arena *a, const char *table,
    int64_t row_id, struct cJSON **out);

#endif
