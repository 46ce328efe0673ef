/* Module billing: all of its SQL. Each resource's statements sit above the
 * struct cl_resource_sql that names them, with its list spec: the only
 * fragments a list's SELECT is assembled from. The column lists must
 * match the column tables of kams.c, customers.c, entitlements.c,
 * details.c, packages.c and utility.c, in order
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

/* Customer masters. The totals sum the customer's invoices in three
 * correlated subqueries over billing_invoices_customer: MariaDB runs them
 * for the rows it returns only (a page, not the table), and C sends one
 * statement per list, never one per row. active_entitlements_count
 * counts entitlements with at least one active detail (is_active, today
 * within its dates), by billing_entitlement_details_active. */

#define CUSTOMER_COLUMNS                                                       \
	"c.id, c.customer_name, c.company_name, c.email, c.phone, c.address, " \
	"c.customer_type, c.kam_id, c.customer_number, c.contact_person, "     \
	"c.status, c.is_active, c.last_bill_invoice_date, "                    \
	"(SELECT COALESCE(SUM(i.total_bill_amount), 0) FROM billing_invoices i " \
	"WHERE i.customer_master_id = c.id) AS total_billed, "                 \
	"(SELECT COALESCE(SUM(i.total_paid_amount), 0) FROM billing_invoices i " \
	"WHERE i.customer_master_id = c.id) AS total_paid, "                   \
	"(SELECT COALESCE(SUM(i.total_balance_due), 0) FROM billing_invoices i " \
	"WHERE i.customer_master_id = c.id) AS total_due, "                    \
	"(SELECT COUNT(DISTINCT d.cust_entitlement_id) "                       \
	"FROM billing_entitlements e JOIN billing_entitlement_details d "      \
	"ON d.cust_entitlement_id = e.id WHERE e.customer_master_id = c.id "   \
	"AND d.is_active AND UTC_DATE() BETWEEN d.start_date AND d.end_date) " \
	"AS active_entitlements_count, "                                       \
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

/* Entitlements. customer_name is the customer's, for ?search=. */

#define ENTITLEMENT_COLUMNS                                                    \
	"e.id, e.customer_master_id, c.customer_name, e.bill_number, "         \
	"e.activation_date, e.nttn_company, e.nttn_capacity, e.total_bill, "   \
	"e.type_of_bw, e.type_of_connection, e.connected_pop, e.remarks, "     \
	"e.created_by, e.updated_by, e.created_at, e.updated_at"
#define ENTITLEMENT_FROM                                                       \
	" FROM billing_entitlements e JOIN billing_customers c "               \
	"ON c.id = e.customer_master_id"

static struct cl_stmt entitlement_get_sql =
    CL_STMT("SELECT " ENTITLEMENT_COLUMNS ENTITLEMENT_FROM " WHERE e.id = ?");

static struct cl_stmt entitlement_get_for_update_sql =
    CL_STMT("SELECT " ENTITLEMENT_COLUMNS ENTITLEMENT_FROM
            " WHERE e.id = ? FOR UPDATE");

static struct cl_stmt entitlement_insert_sql = CL_STMT(
    "INSERT INTO billing_entitlements (customer_master_id, bill_number, "
    "activation_date, nttn_company, nttn_capacity, total_bill, type_of_bw, "
    "type_of_connection, connected_pop, remarks, created_by, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt entitlement_update_sql =
    CL_STMT("UPDATE billing_entitlements SET customer_master_id = ?, "
            "bill_number = ?, activation_date = ?, nttn_company = ?, "
            "nttn_capacity = ?, total_bill = ?, type_of_bw = ?, "
            "type_of_connection = ?, connected_pop = ?, remarks = ?, "
            "updated_by = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt entitlement_delete_sql =
    CL_STMT("DELETE FROM billing_entitlements WHERE id = ?");

/* clang-format off */
static const struct cl_filter entitlement_filters[] = {
	{ .param = "customer_master_id", .type = CL_FILTER_ID,
	  .sql = "e.customer_master_id = ?",
	  .exists = "SELECT 1 FROM billing_customers WHERE id = ?" },
	{ .param = "activation_date", .type = CL_FILTER_DATE,
	  .sql = "e.activation_date = ?" },
	{ 0 }
};

static const char *const entitlement_search[] = {
	"e.bill_number", "c.customer_name", NULL,
};

static const struct cl_ordering entitlement_orderings[] = {
	{ "activation_date", "e.activation_date" },
	{ "bill_number", "e.bill_number" },
	{ "created_at", "e.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec entitlement_list = {
	.select = "SELECT " ENTITLEMENT_COLUMNS ENTITLEMENT_FROM,
	.count = "SELECT COUNT(*)" ENTITLEMENT_FROM,
	.filters = entitlement_filters,
	.search = entitlement_search,
	.orderings = entitlement_orderings,
	.order = "e.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_entitlement_sql = {
	.get = &entitlement_get_sql,
	.get_for_update = &entitlement_get_for_update_sql,
	.insert = &entitlement_insert_sql,
	.update = &entitlement_update_sql,
	.remove = &entitlement_delete_sql,
	.list = &entitlement_list,
};

/* Entitlement details. */

#define DETAIL_COLUMNS                                                         \
	"d.id, d.cust_entitlement_id, d.type, d.bandwidth_type, d.mbps, "      \
	"d.unit_price, d.custom_mac_percentage_share, d.start_date, "          \
	"d.end_date, d.is_active, d.status, d.remarks, d.created_by, "         \
	"d.updated_by, d.created_at, d.updated_at"

static struct cl_stmt detail_get_sql =
    CL_STMT("SELECT " DETAIL_COLUMNS
            " FROM billing_entitlement_details d WHERE d.id = ?");

static struct cl_stmt detail_get_for_update_sql =
    CL_STMT("SELECT " DETAIL_COLUMNS
            " FROM billing_entitlement_details d WHERE d.id = ? FOR UPDATE");

struct cl_stmt bill_detail_insert_sql = CL_STMT(
    "INSERT INTO billing_entitlement_details (cust_entitlement_id, type, "
    "bandwidth_type, mbps, unit_price, custom_mac_percentage_share, "
    "start_date, end_date, is_active, status, remarks, created_by, "
    "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt detail_update_sql =
    CL_STMT("UPDATE billing_entitlement_details SET cust_entitlement_id = ?, "
            "type = ?, bandwidth_type = ?, mbps = ?, unit_price = ?, "
            "custom_mac_percentage_share = ?, start_date = ?, end_date = ?, "
            "is_active = ?, status = ?, remarks = ?, updated_by = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt detail_delete_sql =
    CL_STMT("DELETE FROM billing_entitlement_details WHERE id = ?");

/* The customer type an entitlement's details take (and its existence). */
struct cl_stmt bill_customer_type_sql =
    CL_STMT("SELECT c.customer_type FROM billing_entitlements e "
            "JOIN billing_customers c ON c.id = e.customer_master_id "
            "WHERE e.id = ?");

/* bandwidth_types: a customer's active details (is_active, today within
 * their dates), grouped by the handler. */
struct cl_stmt bill_detail_active_by_customer_sql =
    CL_STMT("SELECT " DETAIL_COLUMNS " FROM billing_entitlement_details d "
            "JOIN billing_entitlements e ON e.id = d.cust_entitlement_id "
            "WHERE e.customer_master_id = ? AND d.is_active "
            "AND UTC_DATE() BETWEEN d.start_date AND d.end_date ORDER BY d.id");

/* clang-format off */
static const struct cl_filter detail_filters[] = {
	{ .param = "cust_entitlement_id", .type = CL_FILTER_ID,
	  .sql = "d.cust_entitlement_id = ?",
	  .exists = "SELECT 1 FROM billing_entitlements WHERE id = ?" },
	{ .param = "type", .type = CL_FILTER_ENUM_LIST,
	  .sql = "d.type IN", .values = bill_customer_types },
	{ .param = "status", .type = CL_FILTER_ENUM_LIST,
	  .sql = "d.status IN", .values = bill_detail_statuses },
	{ .param = "is_active", .type = CL_FILTER_BOOL,
	  .sql = "d.is_active = ?" },
	{ 0 }
};

static const struct cl_ordering detail_orderings[] = {
	{ "start_date", "d.start_date" },
	{ "end_date", "d.end_date" },
	{ "created_at", "d.created_at" },
	{ 0 }
};

/* history/?customer_id&start_date&end_date: details whose period
 * overlaps the range (the handler requires all three). */
static const struct cl_filter detail_history_filters[] = {
	{ .param = "customer_id", .type = CL_FILTER_ID,
	  .sql = "e.customer_master_id = ?",
	  .exists = "SELECT 1 FROM billing_customers WHERE id = ?" },
	{ .param = "start_date", .type = CL_FILTER_DATE,
	  .sql = "d.end_date >= ?" },
	{ .param = "end_date", .type = CL_FILTER_DATE,
	  .sql = "d.start_date <= ?" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec detail_list = {
	.select =
	    "SELECT " DETAIL_COLUMNS " FROM billing_entitlement_details d",
	.count = "SELECT COUNT(*) FROM billing_entitlement_details d",
	.filters = detail_filters,
	.orderings = detail_orderings,
	.order = "d.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_list_spec bill_detail_history_list = {
	.select =
	    "SELECT " DETAIL_COLUMNS " FROM billing_entitlement_details d "
	    "JOIN billing_entitlements e ON e.id = d.cust_entitlement_id",
	.count = "SELECT COUNT(*) FROM billing_entitlement_details d "
	         "JOIN billing_entitlements e ON e.id = d.cust_entitlement_id",
	.filters = detail_history_filters,
	.orderings = detail_orderings,
	.order = "d.start_date, d.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_detail_sql = {
	.get = &detail_get_sql,
	.get_for_update = &detail_get_for_update_sql,
	.insert = &bill_detail_insert_sql,
	.update = &detail_update_sql,
	.remove = &detail_delete_sql,
	.list = &detail_list,
};

/* Packages. A row's pricings come as JSON text from one correlated
 * subquery each (no query per row in C), in the pricing table's member
 * order and rendering; the active one is the is_active pricing holding
 * today (at most one: pricings of a package do not overlap). */

#define PRICING_JSON                                                           \
	"JSON_OBJECT('id', p.id, 'package_master_id', p.package_master_id, "   \
	"'rate', CAST(p.rate AS CHAR), 'description', p.description, "         \
	"'is_active', JSON_EXTRACT(IF(p.is_active, 'true', 'false'), '$'), "   \
	"'val_start_at', p.val_start_at, 'val_end_at', p.val_end_at, "         \
	"'created_by', p.created_by, 'updated_by', p.updated_by, "             \
	"'created_at', DATE_FORMAT(p.created_at, '%Y-%m-%dT%H:%i:%s.%fZ'), "   \
	"'updated_at', DATE_FORMAT(p.updated_at, '%Y-%m-%dT%H:%i:%s.%fZ'))"

#define PACKAGE_COLUMNS                                                        \
	"pk.id, pk.package_name, pk.package_type, pk.description, "            \
	"pk.is_active, "                                                       \
	"(SELECT " PRICING_JSON " FROM billing_package_pricings p "            \
	"WHERE p.package_master_id = pk.id AND p.is_active "                   \
	"AND UTC_DATE() BETWEEN p.val_start_at AND p.val_end_at "              \
	"ORDER BY p.id LIMIT 1) AS active_pricing, "                           \
	"COALESCE((SELECT JSON_ARRAYAGG(" PRICING_JSON                         \
	" ORDER BY p.val_start_at, p.id) FROM billing_package_pricings p "     \
	"WHERE p.package_master_id = pk.id), '[]') AS pricings, "              \
	"(SELECT COUNT(*) FROM billing_package_pricings p "                    \
	"WHERE p.package_master_id = pk.id) AS pricings_count, "               \
	"pk.created_by, pk.updated_by, pk.created_at, pk.updated_at"

static struct cl_stmt package_get_sql = CL_STMT(
    "SELECT " PACKAGE_COLUMNS " FROM billing_packages pk WHERE pk.id = ?");

static struct cl_stmt package_get_for_update_sql =
    CL_STMT("SELECT " PACKAGE_COLUMNS
            " FROM billing_packages pk WHERE pk.id = ? FOR UPDATE");

static struct cl_stmt package_insert_sql =
    CL_STMT("INSERT INTO billing_packages (package_name, package_type, "
            "description, is_active, created_by, updated_by) "
            "VALUES (?, ?, ?, ?, ?, ?)");

static struct cl_stmt package_update_sql =
    CL_STMT("UPDATE billing_packages SET package_name = ?, package_type = ?, "
            "description = ?, is_active = ?, updated_by = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

/* The overlap check's lock: concurrent pricing writes of one package
 * queue here, so two overlapping ones cannot both pass the check. */
struct cl_stmt bill_package_lock_sql =
    CL_STMT("SELECT id FROM billing_packages WHERE id = ? FOR UPDATE");

/* clang-format off */
static const struct cl_filter package_filters[] = {
	{ .param = "package_type", .type = CL_FILTER_ENUM_LIST,
	  .sql = "pk.package_type IN", .values = bill_customer_types },
	{ .param = "is_active", .type = CL_FILTER_BOOL,
	  .sql = "pk.is_active = ?" },
	{ 0 }
};

static const char *const package_search[] = { "pk.package_name", NULL };

static const struct cl_ordering package_orderings[] = {
	{ "package_name", "pk.package_name" },
	{ "created_at", "pk.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec package_list = {
	.select = "SELECT " PACKAGE_COLUMNS " FROM billing_packages pk",
	.count = "SELECT COUNT(*) FROM billing_packages pk",
	.filters = package_filters,
	.search = package_search,
	.orderings = package_orderings,
	.order = "pk.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_package_sql = {
	.get = &package_get_sql,
	.get_for_update = &package_get_for_update_sql,
	.insert = &package_insert_sql,
	.update = &package_update_sql,
	.list = &package_list,
};

/* Package pricings. */

#define PRICING_COLUMNS                                                        \
	"p.id, p.package_master_id, p.rate, p.description, p.is_active, "      \
	"p.val_start_at, p.val_end_at, p.created_by, p.updated_by, "           \
	"p.created_at, p.updated_at"

static struct cl_stmt pricing_get_sql =
    CL_STMT("SELECT " PRICING_COLUMNS
            " FROM billing_package_pricings p WHERE p.id = ?");

static struct cl_stmt pricing_get_for_update_sql =
    CL_STMT("SELECT " PRICING_COLUMNS
            " FROM billing_package_pricings p WHERE p.id = ? FOR UPDATE");

static struct cl_stmt pricing_insert_sql =
    CL_STMT("INSERT INTO billing_package_pricings (package_master_id, rate, "
            "description, is_active, val_start_at, val_end_at, created_by, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt pricing_update_sql = CL_STMT(
    "UPDATE billing_package_pricings SET package_master_id = ?, rate = ?, "
    "description = ?, is_active = ?, val_start_at = ?, val_end_at = ?, "
    "updated_by = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt pricing_delete_sql =
    CL_STMT("DELETE FROM billing_package_pricings WHERE id = ?");

/* Another is_active pricing of the package whose period overlaps
 * start..end (package, end, start, the pricing's own id or 0). A
 * locking read: it sees what a write committed while this one waited on
 * the package's lock, whatever this transaction's snapshot. */
struct cl_stmt bill_pricing_overlap_sql =
    CL_STMT("SELECT id FROM billing_package_pricings "
            "WHERE package_master_id = ? AND is_active "
            "AND val_start_at <= ? AND val_end_at >= ? AND id <> ? "
            "ORDER BY id LIMIT 1 FOR UPDATE");

/* clang-format off */
static const struct cl_filter pricing_filters[] = {
	{ .param = "package_master_id", .type = CL_FILTER_ID,
	  .sql = "p.package_master_id = ?",
	  .exists = "SELECT 1 FROM billing_packages WHERE id = ?" },
	{ .param = "is_active", .type = CL_FILTER_BOOL,
	  .sql = "p.is_active = ?" },
	{ 0 }
};

static const struct cl_ordering pricing_orderings[] = {
	{ "val_start_at", "p.val_start_at" },
	{ "rate", "p.rate" },
	{ "created_at", "p.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec pricing_list = {
	.select = "SELECT " PRICING_COLUMNS " FROM billing_package_pricings p",
	.count = "SELECT COUNT(*) FROM billing_package_pricings p",
	.filters = pricing_filters,
	.orderings = pricing_orderings,
	.order = "p.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_pricing_sql = {
	.get = &pricing_get_sql,
	.get_for_update = &pricing_get_for_update_sql,
	.insert = &pricing_insert_sql,
	.update = &pricing_update_sql,
	.remove = &pricing_delete_sql,
	.list = &pricing_list,
};

/* Utility information: details as JSON text, like packages' pricings. */

#define UTILITY_DETAIL_JSON                                                    \
	"JSON_OBJECT('id', u.id, 'utility_master_id', u.utility_master_id, "   \
	"'type', u.type, 'name', u.name, 'number', u.number, "                 \
	"'is_active', JSON_EXTRACT(IF(u.is_active, 'true', 'false'), '$'), "   \
	"'created_at', DATE_FORMAT(u.created_at, '%Y-%m-%dT%H:%i:%s.%fZ'), "   \
	"'updated_at', DATE_FORMAT(u.updated_at, '%Y-%m-%dT%H:%i:%s.%fZ'))"

#define UTILITY_COLUMNS                                                        \
	"i.id, i.utility_name, i.vat_rate, "                                   \
	"COALESCE((SELECT JSON_ARRAYAGG(" UTILITY_DETAIL_JSON                  \
	" ORDER BY u.id) FROM billing_utility_details u "                      \
	"WHERE u.utility_master_id = i.id), '[]') AS details, "                \
	"COALESCE((SELECT JSON_ARRAYAGG(" UTILITY_DETAIL_JSON                  \
	" ORDER BY u.id) FROM billing_utility_details u "                      \
	"WHERE u.utility_master_id = i.id AND u.is_active), '[]') "            \
	"AS active_details, "                                                  \
	"i.created_by, i.updated_by, i.created_at, i.updated_at"

static struct cl_stmt utility_get_sql = CL_STMT(
    "SELECT " UTILITY_COLUMNS " FROM billing_utility_info i WHERE i.id = ?");

struct cl_stmt bill_utility_insert_sql =
    CL_STMT("INSERT INTO billing_utility_info (utility_name, vat_rate, "
            "created_by, updated_by) VALUES (?, ?, ?, ?)");

static const struct cl_ordering utility_orderings[] = { { "utility_name",
	                                                    "i.utility_name" },
	{ "created_at", "i.created_at" }, { 0 } };

static const struct cl_list_spec utility_list = {
	.select = "SELECT " UTILITY_COLUMNS " FROM billing_utility_info i",
	.count = "SELECT COUNT(*) FROM billing_utility_info i",
	.orderings = utility_orderings,
	.order = "i.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_utility_sql = {
	.get = &utility_get_sql,
	.insert = &bill_utility_insert_sql,
	.list = &utility_list,
};

#define UTILITY_DETAIL_COLUMNS                                                 \
	"u.id, u.utility_master_id, u.type, u.name, u.number, u.is_active, "   \
	"u.created_by, u.updated_by, u.created_at, u.updated_at"

static struct cl_stmt utility_detail_get_sql =
    CL_STMT("SELECT " UTILITY_DETAIL_COLUMNS
            " FROM billing_utility_details u WHERE u.id = ?");

struct cl_stmt bill_utility_detail_insert_sql = CL_STMT(
    "INSERT INTO billing_utility_details (utility_master_id, type, name, "
    "number, is_active, created_by, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)");

/* clang-format off */
static const struct cl_filter utility_detail_filters[] = {
	{ .param = "utility_master_id", .type = CL_FILTER_ID,
	  .sql = "u.utility_master_id = ?",
	  .exists = "SELECT 1 FROM billing_utility_info WHERE id = ?" },
	{ .param = "type", .type = CL_FILTER_ENUM_LIST,
	  .sql = "u.type IN", .values = bill_utility_types },
	{ .param = "is_active", .type = CL_FILTER_BOOL,
	  .sql = "u.is_active = ?" },
	{ 0 }
};

static const char *const utility_detail_search[] = {
	"u.name", "u.number", NULL,
};

static const struct cl_ordering utility_detail_orderings[] = {
	{ "name", "u.name" },
	{ "type", "u.type" },
	{ "created_at", "u.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec utility_detail_list = {
	.select =
	    "SELECT " UTILITY_DETAIL_COLUMNS " FROM billing_utility_details u",
	.count = "SELECT COUNT(*) FROM billing_utility_details u",
	.filters = utility_detail_filters,
	.search = utility_detail_search,
	.orderings = utility_detail_orderings,
	.order = "u.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_utility_detail_sql = {
	.get = &utility_detail_get_sql,
	.insert = &bill_utility_detail_insert_sql,
	.list = &utility_detail_list,
};

/* Invoices (part 3). The row is the invoice table's alone, so a locking
 * read of it locks the invoice and nothing else (a join would lock the
 * customer's row too, and queue every payment of a customer on it). The
 * list joins the entitlement for ?search= on its bill_number. */

#define INVOICE_COLUMNS                                                        \
	"i.id, i.invoice_number, i.customer_entitlement_master_id, "           \
	"i.customer_master_id, i.information_master_id, i.issue_date, "        \
	"i.status, i.sub_total, i.vat_amount, i.discount_amount, "             \
	"i.total_bill_amount, i.total_paid_amount, i.total_balance_due, "      \
	"i.remarks, i.created_by, i.updated_by, i.created_at, i.updated_at"
#define INVOICE_FROM                                                           \
	" FROM billing_invoices i JOIN billing_entitlements e "                \
	"ON e.id = i.customer_entitlement_master_id"

static struct cl_stmt invoice_get_sql = CL_STMT(
    "SELECT " INVOICE_COLUMNS " FROM billing_invoices i WHERE i.id = ?");

static struct cl_stmt invoice_get_for_update_sql =
    CL_STMT("SELECT " INVOICE_COLUMNS
            " FROM billing_invoices i WHERE i.id = ? FOR UPDATE");

static struct cl_stmt invoice_insert_sql = CL_STMT(
    "INSERT INTO billing_invoices (invoice_number, "
    "customer_entitlement_master_id, customer_master_id, "
    "information_master_id, issue_date, status, remarks, created_by, "
    "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt invoice_update_sql =
    CL_STMT("UPDATE billing_invoices SET information_master_id = ?, "
            "issue_date = ?, status = ?, remarks = ?, updated_by = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt invoice_delete_sql =
    CL_STMT("DELETE FROM billing_invoices WHERE id = ?");

/* The customer of an entitlement (and whether it exists). */
struct cl_stmt bill_entitlement_customer_sql = CL_STMT(
    "SELECT customer_master_id FROM billing_entitlements WHERE id = ?");

/* An invoice write's first lock when it changes the customer's
 * last_bill_invoice_date: taken before the invoice insert's foreign-key
 * check share-locks the row, so two creates for one customer queue here
 * instead of deadlocking on the S-to-X upgrade. */
struct cl_stmt bill_customer_lock_sql =
    CL_STMT("SELECT id FROM billing_customers WHERE id = ? FOR UPDATE");

/* The year's next number: the upsert X-locks the year's row until the
 * commit, so concurrent creates take numbers one after another. */
struct cl_stmt bill_sequence_next_sql =
    CL_STMT("INSERT INTO billing_invoice_sequences (year, last_value) "
            "VALUES (?, 1) ON DUPLICATE KEY UPDATE last_value = last_value + 1");

struct cl_stmt bill_sequence_get_sql = CL_STMT(
    "SELECT last_value FROM billing_invoice_sequences WHERE year = ? "
    "FOR UPDATE");

struct cl_stmt bill_utility_oldest_sql =
    CL_STMT("SELECT id FROM billing_utility_info ORDER BY id LIMIT 1");

struct cl_stmt bill_utility_vat_sql =
    CL_STMT("SELECT vat_rate FROM billing_utility_info WHERE id = ?");

/* The invoice's row lock and what its rules read under it. */
struct cl_stmt bill_invoice_lock_sql = CL_STMT(
    "SELECT status, customer_entitlement_master_id, customer_master_id "
    "FROM billing_invoices WHERE id = ? FOR UPDATE");

/* The sums are locking reads: they see every line and payment detail
 * committed before this transaction took the invoice's lock, whatever
 * its snapshot (a plain SELECT under REPEATABLE READ might not, and
 * lose a concurrent payment). */
struct cl_stmt bill_invoice_line_sums_sql =
    CL_STMT("SELECT COALESCE(SUM(sub_total), 0), COALESCE(SUM(vat_amount), 0), "
            "COALESCE(SUM(discount_amount), 0) FROM billing_invoice_details "
            "WHERE invoice_master_id = ? LOCK IN SHARE MODE");

struct cl_stmt bill_invoice_paid_sum_sql =
    CL_STMT("SELECT COALESCE(SUM(pd.pay_amount), 0) "
            "FROM billing_payments p JOIN billing_payment_details pd "
            "ON pd.payment_master_id = p.id "
            "WHERE p.invoice_master_id = ? AND pd.status = 'completed' "
            "LOCK IN SHARE MODE");

struct cl_stmt bill_invoice_totals_sql =
    CL_STMT("UPDATE billing_invoices SET sub_total = ?, vat_amount = ?, "
            "discount_amount = ?, total_bill_amount = ?, "
            "total_paid_amount = ?, total_balance_due = ?, status = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

/* The latest issue_date of the customer's invoices (NULL with none). */
struct cl_stmt bill_customer_last_bill_sql =
    CL_STMT("UPDATE billing_customers c SET last_bill_invoice_date = "
            "(SELECT MAX(i.issue_date) FROM billing_invoices i "
            "WHERE i.customer_master_id = c.id) WHERE c.id = ?");

/* The active details of an entitlement meeting a month (ent, last day,
 * first day). */
struct cl_stmt bill_auto_details_sql =
    CL_STMT("SELECT " DETAIL_COLUMNS " FROM billing_entitlement_details d "
            "WHERE d.cust_entitlement_id = ? AND d.is_active "
            "AND d.start_date <= ? AND d.end_date >= ? ORDER BY d.id");

struct cl_stmt bill_ent_detail_owner_sql = CL_STMT(
    "SELECT cust_entitlement_id FROM billing_entitlement_details WHERE id = ?");

struct cl_stmt bill_line_invoice_sql = CL_STMT(
    "SELECT invoice_master_id FROM billing_invoice_details WHERE id = ?");

struct cl_stmt bill_payment_invoice_sql =
    CL_STMT("SELECT invoice_master_id FROM billing_payments WHERE id = ?");

struct cl_stmt bill_pdetail_invoice_sql =
    CL_STMT("SELECT p.invoice_master_id FROM billing_payment_details pd "
            "JOIN billing_payments p ON p.id = pd.payment_master_id "
            "WHERE pd.id = ?");

/* last_bill (offset 0) and previous_bill (1): by issue_date, then id. */
struct cl_stmt bill_invoice_nth_sql =
    CL_STMT("SELECT " INVOICE_COLUMNS " FROM billing_invoices i "
            "WHERE i.customer_master_id = ? "
            "ORDER BY i.issue_date DESC, i.id DESC LIMIT 1 OFFSET ?");

/* by_customer: each optional filter is "? IS NULL OR ...", so one
 * prepared statement serves every combination. */
struct cl_stmt bill_by_customer_sql = CL_STMT(
    "SELECT p.customer_master_id, c.customer_name, "
    "COALESCE(SUM((SELECT SUM(pd.pay_amount) FROM billing_payment_details pd "
    "WHERE pd.payment_master_id = p.id AND pd.status = 'completed')), 0), "
    "COUNT(*) FROM billing_payments p "
    "JOIN billing_customers c ON c.id = p.customer_master_id "
    "WHERE (? IS NULL OR p.customer_master_id = ?) "
    "AND (? IS NULL OR p.payment_date >= ?) "
    "AND (? IS NULL OR p.payment_date <= ?) "
    "GROUP BY p.customer_master_id, c.customer_name "
    "ORDER BY c.customer_name, p.customer_master_id LIMIT 1000");

/* clang-format off */
static const struct cl_filter invoice_filters[] = {
	{ .param = "customer_id", .type = CL_FILTER_ID,
	  .sql = "i.customer_master_id = ?",
	  .exists = "SELECT 1 FROM billing_customers WHERE id = ?" },
	{ .param = "status", .type = CL_FILTER_ENUM_LIST,
	  .sql = "i.status IN", .values = bill_invoice_statuses },
	{ .param = "start_date", .type = CL_FILTER_DATE,
	  .sql = "i.issue_date >= ?" },
	{ .param = "end_date", .type = CL_FILTER_DATE,
	  .sql = "i.issue_date <= ?" },
	{ .param = "customer_entitlement_master_id", .type = CL_FILTER_ID,
	  .sql = "i.customer_entitlement_master_id = ?",
	  .exists = "SELECT 1 FROM billing_entitlements WHERE id = ?" },
	{ 0 }
};

/* history/: the same, and ?period= (read by the handler). */
static const struct cl_filter invoice_history_filters[] = {
	{ .param = "customer_id", .type = CL_FILTER_ID,
	  .sql = "i.customer_master_id = ?",
	  .exists = "SELECT 1 FROM billing_customers WHERE id = ?" },
	{ .param = "start_date", .type = CL_FILTER_DATE,
	  .sql = "i.issue_date >= ?" },
	{ .param = "end_date", .type = CL_FILTER_DATE,
	  .sql = "i.issue_date <= ?" },
	{ .param = "period", .type = CL_FILTER_STR },
	{ 0 }
};

static const char *const invoice_search[] = {
	"i.invoice_number", "e.bill_number", NULL,
};

static const struct cl_ordering invoice_orderings[] = {
	{ "issue_date", "i.issue_date" },
	{ "invoice_number", "i.invoice_number" },
	{ "total_bill_amount", "i.total_bill_amount" },
	{ "total_balance_due", "i.total_balance_due" },
	{ "created_at", "i.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec invoice_list = {
	.select = "SELECT " INVOICE_COLUMNS INVOICE_FROM,
	.count = "SELECT COUNT(*)" INVOICE_FROM,
	.filters = invoice_filters,
	.search = invoice_search,
	.orderings = invoice_orderings,
	.order = "i.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_list_spec bill_invoice_history_list = {
	.select = "SELECT " INVOICE_COLUMNS INVOICE_FROM,
	.count = "SELECT COUNT(*)" INVOICE_FROM,
	.filters = invoice_history_filters,
	.orderings = invoice_orderings,
	.order = "i.issue_date, i.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_invoice_sql = {
	.get = &invoice_get_sql,
	.get_for_update = &invoice_get_for_update_sql,
	.insert = &invoice_insert_sql,
	.update = &invoice_update_sql,
	.remove = &invoice_delete_sql,
	.list = &invoice_list,
};

/* Invoice lines. */

#define LINE_COLUMNS                                                           \
	"l.id, l.invoice_master_id, l.entitlement_details_id, l.sub_total, "   \
	"l.vat_rate, l.vat_amount, l.sub_discount_rate, l.discount_amount, "   \
	"l.line_total, l.remarks, l.created_by, l.updated_by, l.created_at, "  \
	"l.updated_at"

static struct cl_stmt line_get_sql = CL_STMT(
    "SELECT " LINE_COLUMNS " FROM billing_invoice_details l WHERE l.id = ?");

static struct cl_stmt line_get_for_update_sql =
    CL_STMT("SELECT " LINE_COLUMNS
            " FROM billing_invoice_details l WHERE l.id = ? FOR UPDATE");

static struct cl_stmt line_insert_sql = CL_STMT(
    "INSERT INTO billing_invoice_details (invoice_master_id, "
    "entitlement_details_id, sub_total, vat_rate, vat_amount, "
    "sub_discount_rate, discount_amount, line_total, remarks, created_by, "
    "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt line_update_sql =
    CL_STMT("UPDATE billing_invoice_details SET entitlement_details_id = ?, "
            "sub_total = ?, vat_rate = ?, vat_amount = ?, "
            "sub_discount_rate = ?, discount_amount = ?, line_total = ?, "
            "remarks = ?, updated_by = ?, updated_at = UTC_TIMESTAMP(6) "
            "WHERE id = ?");

static struct cl_stmt line_delete_sql =
    CL_STMT("DELETE FROM billing_invoice_details WHERE id = ?");

/* An invoice's lines, locked, for the audit rows of their cascade. */
struct cl_stmt bill_lines_of_invoice_sql =
    CL_STMT("SELECT " LINE_COLUMNS " FROM billing_invoice_details l "
            "WHERE l.invoice_master_id = ? ORDER BY l.id FOR UPDATE");

/* clang-format off */
static const struct cl_filter line_filters[] = {
	{ .param = "invoice_master_id", .type = CL_FILTER_ID,
	  .sql = "l.invoice_master_id = ?",
	  .exists = "SELECT 1 FROM billing_invoices WHERE id = ?" },
	{ 0 }
};

static const struct cl_ordering line_orderings[] = {
	{ "sub_total", "l.sub_total" },
	{ "created_at", "l.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec line_list = {
	.select = "SELECT " LINE_COLUMNS " FROM billing_invoice_details l",
	.count = "SELECT COUNT(*) FROM billing_invoice_details l",
	.filters = line_filters,
	.orderings = line_orderings,
	.order = "l.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_line_sql = {
	.get = &line_get_sql,
	.get_for_update = &line_get_for_update_sql,
	.insert = &line_insert_sql,
	.update = &line_update_sql,
	.remove = &line_delete_sql,
	.list = &line_list,
};

/* Payments. total_amount sums the completed details of the row. */

#define PAYMENT_COLUMNS                                                        \
	"p.id, p.payment_date, p.payment_method, "                             \
	"p.customer_entitlement_master_id, p.invoice_master_id, "              \
	"p.customer_master_id, p.status, "                                     \
	"(SELECT COALESCE(SUM(pd.pay_amount), 0) FROM billing_payment_details " \
	"pd WHERE pd.payment_master_id = p.id AND pd.status = 'completed') "   \
	"AS total_amount, p.remarks, p.created_by, p.updated_by, "             \
	"p.created_at, p.updated_at"

static struct cl_stmt payment_get_sql = CL_STMT(
    "SELECT " PAYMENT_COLUMNS " FROM billing_payments p WHERE p.id = ?");

static struct cl_stmt payment_get_for_update_sql =
    CL_STMT("SELECT " PAYMENT_COLUMNS
            " FROM billing_payments p WHERE p.id = ? FOR UPDATE");

static struct cl_stmt payment_insert_sql = CL_STMT(
    "INSERT INTO billing_payments (payment_date, payment_method, "
    "customer_entitlement_master_id, invoice_master_id, customer_master_id, "
    "status, remarks, created_by, updated_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt payment_update_sql =
    CL_STMT("UPDATE billing_payments SET payment_date = ?, "
            "payment_method = ?, customer_entitlement_master_id = ?, "
            "status = ?, remarks = ?, updated_by = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt payment_delete_sql =
    CL_STMT("DELETE FROM billing_payments WHERE id = ?");

/* clang-format off */
static const struct cl_filter payment_filters[] = {
	{ .param = "customer_id", .type = CL_FILTER_ID,
	  .sql = "p.customer_master_id = ?",
	  .exists = "SELECT 1 FROM billing_customers WHERE id = ?" },
	{ .param = "status", .type = CL_FILTER_ENUM_LIST,
	  .sql = "p.status IN", .values = bill_payment_statuses },
	{ .param = "payment_method", .type = CL_FILTER_STR,
	  .sql = "p.payment_method = ?" },
	{ .param = "invoice_master_id", .type = CL_FILTER_ID,
	  .sql = "p.invoice_master_id = ?",
	  .exists = "SELECT 1 FROM billing_invoices WHERE id = ?" },
	{ .param = "start_date", .type = CL_FILTER_DATE,
	  .sql = "p.payment_date >= ?" },
	{ .param = "end_date", .type = CL_FILTER_DATE,
	  .sql = "p.payment_date <= ?" },
	{ 0 }
};

static const struct cl_filter payment_history_filters[] = {
	{ .param = "customer_id", .type = CL_FILTER_ID,
	  .sql = "p.customer_master_id = ?",
	  .exists = "SELECT 1 FROM billing_customers WHERE id = ?" },
	{ .param = "start_date", .type = CL_FILTER_DATE,
	  .sql = "p.payment_date >= ?" },
	{ .param = "end_date", .type = CL_FILTER_DATE,
	  .sql = "p.payment_date <= ?" },
	{ 0 }
};

static const struct cl_ordering payment_orderings[] = {
	{ "payment_date", "p.payment_date" },
	{ "created_at", "p.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec payment_list = {
	.select = "SELECT " PAYMENT_COLUMNS " FROM billing_payments p",
	.count = "SELECT COUNT(*) FROM billing_payments p",
	.filters = payment_filters,
	.orderings = payment_orderings,
	.order = "p.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_list_spec bill_payment_history_list = {
	.select = "SELECT " PAYMENT_COLUMNS " FROM billing_payments p",
	.count = "SELECT COUNT(*) FROM billing_payments p",
	.filters = payment_history_filters,
	.orderings = payment_orderings,
	.order = "p.payment_date, p.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_payment_sql = {
	.get = &payment_get_sql,
	.get_for_update = &payment_get_for_update_sql,
	.insert = &payment_insert_sql,
	.update = &payment_update_sql,
	.remove = &payment_delete_sql,
	.list = &payment_list,
};

/* Payment details; invoice_master_id is the payment's. */

#define PDETAIL_COLUMNS                                                        \
	"pd.id, pd.payment_master_id, p.invoice_master_id, pd.pay_amount, "    \
	"pd.transaction_id, pd.status, pd.remarks, pd.created_by, "            \
	"pd.updated_by, pd.created_at, pd.updated_at"
#define PDETAIL_FROM                                                           \
	" FROM billing_payment_details pd JOIN billing_payments p "            \
	"ON p.id = pd.payment_master_id"

static struct cl_stmt pdetail_get_sql =
    CL_STMT("SELECT " PDETAIL_COLUMNS PDETAIL_FROM " WHERE pd.id = ?");

static struct cl_stmt pdetail_get_for_update_sql = CL_STMT(
    "SELECT " PDETAIL_COLUMNS PDETAIL_FROM " WHERE pd.id = ? FOR UPDATE");

static struct cl_stmt pdetail_insert_sql =
    CL_STMT("INSERT INTO billing_payment_details (payment_master_id, "
            "pay_amount, transaction_id, status, remarks, created_by, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt pdetail_update_sql =
    CL_STMT("UPDATE billing_payment_details SET pay_amount = ?, "
            "transaction_id = ?, status = ?, remarks = ?, updated_by = ?, "
            "updated_at = UTC_TIMESTAMP(6) WHERE id = ?");

static struct cl_stmt pdetail_delete_sql =
    CL_STMT("DELETE FROM billing_payment_details WHERE id = ?");

/* A payment's details, locked, for the audit rows of their cascade. */
struct cl_stmt bill_pdetails_of_payment_sql =
    CL_STMT("SELECT " PDETAIL_COLUMNS PDETAIL_FROM
            " WHERE pd.payment_master_id = ? ORDER BY pd.id FOR UPDATE");

/* clang-format off */
static const struct cl_filter pdetail_filters[] = {
	{ .param = "payment_master_id", .type = CL_FILTER_ID,
	  .sql = "pd.payment_master_id = ?",
	  .exists = "SELECT 1 FROM billing_payments WHERE id = ?" },
	{ .param = "invoice_master_id", .type = CL_FILTER_ID,
	  .sql = "p.invoice_master_id = ?",
	  .exists = "SELECT 1 FROM billing_invoices WHERE id = ?" },
	{ .param = "status", .type = CL_FILTER_ENUM_LIST,
	  .sql = "pd.status IN", .values = bill_payment_statuses },
	{ 0 }
};

static const char *const pdetail_search[] = { "pd.transaction_id", NULL };

static const struct cl_ordering pdetail_orderings[] = {
	{ "pay_amount", "pd.pay_amount" },
	{ "created_at", "pd.created_at" },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec pdetail_list = {
	.select = "SELECT " PDETAIL_COLUMNS PDETAIL_FROM,
	.count = "SELECT COUNT(*)" PDETAIL_FROM,
	.filters = pdetail_filters,
	.search = pdetail_search,
	.orderings = pdetail_orderings,
	.order = "pd.id",
	.pagination = CL_LIMIT_OFFSET,
};

const struct cl_resource_sql bill_payment_detail_sql = {
	.get = &pdetail_get_sql,
	.get_for_update = &pdetail_get_for_update_sql,
	.insert = &pdetail_insert_sql,
	.update = &pdetail_update_sql,
	.remove = &pdetail_delete_sql,
	.list = &pdetail_list,
};

/* clang-format off */
const struct bill_sql_check bill_sql_checks[] = {
	{ bill_kam_cols, &kam_get_sql.sql },
	{ bill_kam_cols, &kam_insert_sql.sql },
	{ bill_kam_cols, &kam_list.select },
	{ bill_customer_cols, &customer_get_sql.sql },
	{ bill_customer_cols, &customer_get_for_update_sql.sql },
	{ bill_customer_cols, &customer_insert_sql.sql },
	{ bill_customer_cols, &customer_update_sql.sql },
	{ bill_customer_cols, &customer_list.select },
	{ bill_entitlement_cols, &entitlement_get_sql.sql },
	{ bill_entitlement_cols, &entitlement_get_for_update_sql.sql },
	{ bill_entitlement_cols, &entitlement_insert_sql.sql },
	{ bill_entitlement_cols, &entitlement_update_sql.sql },
	{ bill_entitlement_cols, &entitlement_list.select },
	{ bill_detail_cols, &detail_get_sql.sql },
	{ bill_detail_cols, &detail_get_for_update_sql.sql },
	{ bill_detail_cols, &bill_detail_insert_sql.sql },
	{ bill_detail_cols, &detail_update_sql.sql },
	{ bill_detail_cols, &detail_list.select },
	{ bill_detail_cols, &bill_detail_history_list.select },
	{ bill_detail_cols, &bill_detail_active_by_customer_sql.sql },
	{ bill_package_cols, &package_get_sql.sql },
	{ bill_package_cols, &package_get_for_update_sql.sql },
	{ bill_package_cols, &package_insert_sql.sql },
	{ bill_package_cols, &package_update_sql.sql },
	{ bill_package_cols, &package_list.select },
	{ bill_pricing_cols, &pricing_get_sql.sql },
	{ bill_pricing_cols, &pricing_get_for_update_sql.sql },
	{ bill_pricing_cols, &pricing_insert_sql.sql },
	{ bill_pricing_cols, &pricing_update_sql.sql },
	{ bill_pricing_cols, &pricing_list.select },
	{ bill_utility_cols, &utility_get_sql.sql },
	{ bill_utility_cols, &bill_utility_insert_sql.sql },
	{ bill_utility_cols, &utility_list.select },
	{ bill_utility_detail_cols, &utility_detail_get_sql.sql },
	{ bill_utility_detail_cols, &bill_utility_detail_insert_sql.sql },
	{ bill_utility_detail_cols, &utility_detail_list.select },
	{ bill_invoice_cols, &invoice_get_sql.sql },
	{ bill_invoice_cols, &invoice_get_for_update_sql.sql },
	{ bill_invoice_cols, &invoice_insert_sql.sql },
	{ bill_invoice_cols, &invoice_update_sql.sql },
	{ bill_invoice_cols, &invoice_list.select },
	{ bill_invoice_cols, &bill_invoice_history_list.select },
	{ bill_invoice_cols, &bill_invoice_nth_sql.sql },
	{ bill_detail_cols, &bill_auto_details_sql.sql },
	{ bill_line_cols, &line_get_sql.sql },
	{ bill_line_cols, &line_get_for_update_sql.sql },
	{ bill_line_cols, &line_insert_sql.sql },
	{ bill_line_cols, &line_update_sql.sql },
	{ bill_line_cols, &line_list.select },
	{ bill_line_cols, &bill_lines_of_invoice_sql.sql },
	{ bill_payment_cols, &payment_get_sql.sql },
	{ bill_payment_cols, &payment_get_for_update_sql.sql },
	{ bill_payment_cols, &payment_insert_sql.sql },
	{ bill_payment_cols, &payment_update_sql.sql },
	{ bill_payment_cols, &payment_list.select },
	{ bill_payment_cols, &bill_payment_history_list.select },
	{ bill_payment_detail_cols, &pdetail_get_sql.sql },
	{ bill_payment_detail_cols, &pdetail_get_for_update_sql.sql },
	{ bill_payment_detail_cols, &pdetail_insert_sql.sql },
	{ bill_payment_detail_cols, &pdetail_update_sql.sql },
	{ bill_payment_detail_cols, &pdetail_list.select },
	{ bill_payment_detail_cols, &bill_pdetails_of_payment_sql.sql },
	{ 0 }
};
/* clang-format on */
