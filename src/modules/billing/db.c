/* Module billing: all of its SQL. Each resource's statements sit above the
 * struct cl_resource_sql that names them, with its list spec: the only
 * fragments a list's SELECT is assembled from. The column lists must
 * match the column tables in kams.c and customers.c, in order
 * (tests/unit/billing/test_sql.c holds every statement to its table). */
#include "config.h"

#include "modules/billing/internal.h"

#include "core/db.h"
#include "core/listing.h"
#include "core/banned.h"

/* KAM masters. */

#define KAM_COLUMNS                                                            \
	"k.id, k.kam_name, k.phone, k.email, k.address, k.is_active, "         \
	"(SELECT COUNT(*) FROM billing_customers c WHERE c.kam_id = k.id) "    \
	"AS assigned_customers_count, "                                        \
	"k.created_by, k.updated_by, k.created_at, k.updated_at"

static struct cl_stmt kam_get_sql =
    CL_STMT("SELECT " KAM_COLUMNS " FROM billing_kams k WHERE k.id = ?");

static struct cl_stmt kam_insert_sql = CL_STMT(
    "INSERT INTO billing_kams (kam_name, phone, email, address, is_active, "
    "created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)");

/* clang-format off */
static const struct cl_filter kam_filters[] = {
	{ .param = "is_active", .type = CL_FILTER_BOOL, .sql = "k.is_active = ?" },
	{ 0 }
};

static const char *const kam_search[] = {
	"k.kam_name", "k.email", "k.phone", NULL,
};

static const struct cl_ordering kam_orderings[] = {
	{ "kam_name", "k.kam_name" },
	{ "created_at", "k.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec kam_list = {
	.select = "SELECT " KAM_COLUMNS " FROM billing_kams k",
	.count = "SELECT COUNT(*) FROM billing_kams k",
	.filters = kam_filters,
	.search = kam_search,
	.orderings = kam_orderings,
	.order = "k.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_kam_sql = {
	.get = &kam_get_sql,
	.insert = &kam_insert_sql,
	.list = &kam_list,
};

/* Customer masters. The totals are 0 until invoices and entitlements
 * exist (later billing work replaces the literals with their sums). */

#define CUSTOMER_COLUMNS                                                       \
	"c.id, c.customer_name, c.company_name, c.email, c.phone, c.address, " \
	"c.customer_type, c.kam_id, c.customer_number, c.contact_person, "     \
	"c.status, c.is_active, c.last_bill_invoice_date, "                    \
	"0 AS total_billed, 0 AS total_paid, 0 AS total_due, "                 \
	"0 AS active_entitlements_count, "                                     \
	"c.created_by, c.updated_by, c.created_at, c.updated_at"

static struct cl_stmt customer_get_sql = CL_STMT(
    "SELECT " CUSTOMER_COLUMNS " FROM billing_customers c WHERE c.id = ?");

static struct cl_stmt customer_get_for_update_sql =
    CL_STMT("SELECT " CUSTOMER_COLUMNS
            " FROM billing_customers c WHERE c.id = ? FOR UPDATE");

static struct cl_stmt customer_insert_sql = CL_STMT(
    "INSERT INTO billing_customers (customer_name, company_name, email, "
    "phone, address, customer_type, kam_id, customer_number, "
    "contact_person, status, is_active, created_by, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt customer_update_sql = CL_STMT(
    "UPDATE billing_customers SET customer_name = ?, company_name = ?, "
    "email = ?, phone = ?, address = ?, customer_type = ?, kam_id = ?, "
    "customer_number = ?, contact_person = ?, status = ?, is_active = ?, "
    "updated_by = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt customer_delete_sql =
    CL_STMT("DELETE FROM billing_customers WHERE id = ?");

/* clang-format off */
static const struct cl_filter customer_filters[] = {
	{ .param = "customer_type", .type = CL_FILTER_ENUM_LIST,
	  .sql = "c.customer_type IN", .values = bill_customer_types },
	{ .param = "status", .type = CL_FILTER_ENUM_LIST,
	  .sql = "c.status IN", .values = bill_customer_statuses },
	{ .param = "kam_id", .type = CL_FILTER_ID, .sql = "c.kam_id = ?",
	  .exists = "SELECT 1 FROM billing_kams WHERE id = ?" },
	{ .param = "is_active", .type = CL_FILTER_BOOL,
	  .sql = "c.is_active = ?" },
	{ 0 }
};

static const char *const customer_search[] = {
	"c.customer_name", "c.email", "c.phone", "c.customer_number", NULL,
};

static const struct cl_ordering customer_orderings[] = {
	{ "customer_name", "c.customer_name" },
	{ "created_at", "c.created_at" },
	{ "last_bill_invoice_date", "c.last_bill_invoice_date" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec customer_list = {
	.select = "SELECT " CUSTOMER_COLUMNS " FROM billing_customers c",
	.count = "SELECT COUNT(*) FROM billing_customers c",
	.filters = customer_filters,
	.search = customer_search,
	.orderings = customer_orderings,
	.order = "c.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_customer_sql = {
	.get = &customer_get_sql,
	.get_for_update = &customer_get_for_update_sql,
	.insert = &customer_insert_sql,
	.update = &customer_update_sql,
	.remove = &customer_delete_sql,
	.list = &customer_list,
};

const struct bill_sql_check bill_sql_checks[] = { { bill_kam_cols,
	                                              &kam_get_sql.sql },
	{ bill_kam_cols, &kam_insert_sql.sql },
	{ bill_kam_cols, &kam_list.select },
	{ bill_customer_cols, &customer_get_sql.sql },
	{ bill_customer_cols, &customer_get_for_update_sql.sql },
	{ bill_customer_cols, &customer_insert_sql.sql },
	{ bill_customer_cols, &customer_update_sql.sql },
	{ bill_customer_cols, &customer_list.select }, { 0 } };
