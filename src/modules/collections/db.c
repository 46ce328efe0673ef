/* Module collections: all of its SQL. Each resource's statements sit
 * above the struct cl_resource_sql that names them, with its list spec:
 * the only fragments a list's SELECT is assembled from (plus the fixed
 * bucket and status fragments of status.c). Column lists must match the
 * column tables, in order (tests/unit/collections/test_sql.c). */
#include "config.h"

#include "modules/collections/internal.h"

#include "core/db.h"
#include "core/errors.h"
#include "core/listing.h"
#include "core/money.h"
#include "core/banned.h"

/* Agent roles. */

static const struct cl_list_spec role_list = {
	.select = "SELECT r.name, r.id FROM roles r "
	          "JOIN agent_roles ar ON ar.role_id = r.id",
	.count = "SELECT COUNT(*) FROM roles r "
	         "JOIN agent_roles ar ON ar.role_id = r.id",
	.order = "r.id",
	.pagination = CL_PAGE_NUMBER,
	.max = 100,
	.success = true,
};

const struct cl_resource_sql coll_role_sql = { .list = &role_list };

static struct cl_stmt agent_role_find_sql =
    CL_STMT("SELECT 1 FROM agent_roles WHERE role_id = ?");

int
coll_agent_role_find(struct cl_db *db, struct cl_arena *a, int64_t role_id)
{
	struct cl_bind p[] = { CL_BIND_INT(role_id) };
	struct cl_rows rows;

	return cl_db_query_row(
	    db, a, &agent_role_find_sql, p, CL_NELEMS(p), &rows);
}

/* Agents. */

#define AGENT_COLUMNS                                                          \
	"a.id, a.user_id, u.username, u.email, u.first_name, a.created_by, "   \
	"cb.username AS created_by_username, cb.email AS created_by_email, "   \
	"cb.first_name AS created_by_first_name, "                             \
	"(SELECT COALESCE(JSON_ARRAYAGG(r.name), '[]') FROM user_roles ur "    \
	"JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = a.user_id) "     \
	"AS roles, a.user_extension, a.cdate"
#define AGENT_FROM                                                             \
	" FROM agents a JOIN users u ON u.id = a.user_id "                     \
	"LEFT JOIN users cb ON cb.id = a.created_by"

/* clang-format off */
static const struct cl_filter agent_filters[] = {
	{ .param = "date-from", .type = CL_FILTER_DATE, .sql = "a.cdate >= ?" },
	{ .param = "date-to", .type = CL_FILTER_DATE,
	  .sql = "a.cdate < ? + INTERVAL 1 DAY" },
	{ .param = "role", .type = CL_FILTER_ID,
	  .sql = "a.user_id IN (SELECT ur.user_id FROM user_roles ur "
	         "WHERE ur.role_id = ?)" },
	/* Read by agent_where (agents.c): three binds. */
	{ .param = "query", .type = CL_FILTER_STR },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec agent_list = {
	.select = "SELECT " AGENT_COLUMNS AGENT_FROM,
	.count = "SELECT COUNT(*)" AGENT_FROM,
	.filters = agent_filters,
	.order = "a.id",
	.pagination = CL_PAGE_NUMBER,
	.max = 100,
	.success = true,
};

const struct cl_resource_sql coll_agent_sql = { .list = &agent_list };

static struct cl_stmt agent_insert_sql =
    CL_STMT("INSERT INTO agents (user_id, created_by) VALUES (?, ?)");

int
coll_agent_insert(
    struct cl_db *db, int64_t user_id, int64_t created_by, int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_INT(user_id),
		created_by ? CL_BIND_INT(created_by) : CL_BIND_NULL };
	uint64_t insert_id = 0;
	int rc;

	rc = cl_db_exec(
	    db, &agent_insert_sql, p, CL_NELEMS(p), NULL, &insert_id);
	*id = (int64_t)insert_id;
	return rc;
}

/* CRM customers. */

#define CUSTOMER_COLUMNS                                                       \
	"c.id, c.fullname, c.email, c.phone, c.country, c.cdate"

/* Read by customer_where (customers.c): ranges computed from status.c. */
static const char *const status_codes[] = { "310", "311", "312", "320", "321",
	"322", "323", "324", "330", "331", "332", NULL };

/* clang-format off */
static const struct cl_filter customer_filters[] = {
	{ .param = "bucket", .type = CL_FILTER_STR },
	{ .param = "status", .type = CL_FILTER_ENUM_LIST, .values = status_codes },
	{ 0 }
};
/* clang-format on */

static const struct cl_list_spec customer_list = {
	.select = "SELECT " CUSTOMER_COLUMNS " FROM crm_customers c",
	.filters = customer_filters,
	/* sql/0062: customers per (cur_late_days, cur_due_date), which is all
	 * the bucket and status conditions name; a filter on any other
	 * column needs COUNT(*) over crm_customers again. */
	.count = "SELECT COALESCE(SUM(c.n), 0) FROM crm_current_counts c",
	.order = "c.id",
	.pagination = CL_PAGE_NUMBER,
	.max = 100,
	.success = true,
};

const struct cl_resource_sql coll_customer_sql = { .list = &customer_list };

/* The import. */

static struct cl_stmt agent_find_by_email_sql =
    CL_STMT("SELECT a.id FROM agents a JOIN users u ON u.id = a.user_id "
            "WHERE u.email = ?");

int
coll_agent_find_by_email(
    struct cl_db *db, struct cl_arena *a, const char *email, int64_t *id)
{
	struct cl_bind p[] = { CL_BIND_STR(email) };
	struct cl_rows rows;
	int rc;

	rc = cl_db_query_row(
	    db, a, &agent_find_by_email_sql, p, CL_NELEMS(p), &rows);
	if (rc == CL_OK)
		*id = cl_rows_int(&rows, 0, 0);
	return rc;
}

static struct cl_stmt customer_insert_sql = CL_STMT(
    "INSERT INTO crm_customers (fullname, email, phone, country, agent_id, "
    "cur_due_date, cur_late_days) VALUES (?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt loan_insert_sql =
    CL_STMT("INSERT INTO crm_loans (customer_id) VALUES (?)");

static struct cl_stmt installment_insert_sql = CL_STMT(
    "INSERT INTO crm_installments (loan_id, customer_id, number, due_date, "
    "due_amount, paid_date, paid_amount) VALUES (?, ?, ?, ?, ?, ?, ?)");

static struct cl_stmt month_stats_add_sql = CL_STMT(
    "INSERT INTO crm_month_stats (month_start, agent_id, is_first, is_paid, "
    "late_days, installments, paid_amount) VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON DUPLICATE KEY UPDATE installments = installments + "
    "VALUES(installments), paid_amount = paid_amount + VALUES(paid_amount)");

static struct cl_bind
money(char *buf, int64_t cents)
{
	return cl_bind_str(cl_money_format(cents, buf));
}

int
coll_month_stats_add(struct cl_db *db, const struct coll_month_stat *st)
{
	char paid[32];
	struct cl_bind p[] = { CL_BIND_STR(st->month_start),
		CL_BIND_INT(st->agent_id), CL_BIND_BOOL(st->is_first),
		CL_BIND_BOOL(st->is_paid), CL_BIND_INT(st->late_days),
		CL_BIND_INT(st->installments), money(paid, st->paid_amount) };

	return cl_db_exec(
	    db, &month_stats_add_sql, p, CL_NELEMS(p), NULL, NULL);
}

int
coll_import_customer_insert(
    struct cl_db *db, const struct coll_import_customer *c)
{
	struct cl_bind p[7];
	uint64_t customer_id, loan_id;
	char due[32], paid[32];
	size_t i, j;
	int rc;

	p[0] = CL_BIND_STR(c->fullname);
	p[1] = CL_BIND_STR(c->email);
	p[2] = CL_BIND_STR(c->phone);
	p[3] = CL_BIND_STR(c->country);
	p[4] = c->agent_id ? CL_BIND_INT(c->agent_id) : CL_BIND_NULL;
	p[5] = CL_BIND_STR(c->cur_due_date);
	p[6] = c->cur_paid ? CL_BIND_INT(c->cur_late_days) : CL_BIND_NULL;
	rc = cl_db_exec(db, &customer_insert_sql, p, 7, NULL, &customer_id);
	for (i = 0; rc == CL_OK && i < c->nloans; i++) {
		p[0] = CL_BIND_INT(customer_id);
		rc = cl_db_exec(db, &loan_insert_sql, p, 1, NULL, &loan_id);
		for (j = 0; rc == CL_OK && j < c->loans[i].n; j++) {
			const struct coll_installment *in =
			    &c->loans[i].inst[j];

			p[0] = CL_BIND_INT(loan_id);
			p[1] = CL_BIND_INT(customer_id);
			p[2] = CL_BIND_INT(j + 1);
			p[3] = CL_BIND_STR(in->due_date);
			p[4] = money(due, in->due_amount);
			p[5] = CL_BIND_STR(in->paid_date);
			p[6] = in->paid_amount >= 0
			    ? money(paid, in->paid_amount)
			    : CL_BIND_NULL;
			rc = cl_db_exec(
			    db, &installment_insert_sql, p, 7, NULL, NULL);
		}
	}
	return rc;
}

/* Performance: three blocks, one query each, over the months [from, to)
 * of crm_month_stats. Late days' ranges are bound from status.c's rules
 * (330 on time, 331 grace, coll_late30). */

#define IN_RANGE(first)                                                        \
	"SUM(IF(s.is_first = " first " AND s.is_paid AND s.late_days "         \
	"BETWEEN ? AND ?, s.installments, 0)), "

static struct cl_stmt collection_sql = CL_STMT(
    "SELECT s.month_start, SUM(s.installments), "
    "SUM(IF(s.is_first, s.installments, 0)), " IN_RANGE("0") IN_RANGE("0")
        IN_RANGE("0")
            IN_RANGE("1") "SUM(IF(s.is_first AND s.is_paid AND s.late_days "
                          "BETWEEN ? AND ?, "
                          "s.installments, 0)) "
                          "FROM crm_month_stats s WHERE s.month_start >= ? AND "
                          "s.month_start < ? "
                          "GROUP BY s.month_start ORDER BY s.month_start");

static struct cl_stmt performance_sql = CL_STMT(
    "SELECT a.id, u.username, s.month_start, SUM(s.installments), "
    "SUM(IF(s.is_paid, s.installments, 0)), SUM(s.paid_amount) "
    "FROM crm_month_stats s JOIN agents a ON a.id = s.agent_id "
    "JOIN users u ON u.id = a.user_id "
    "WHERE s.month_start >= ? AND s.month_start < ? "
    "GROUP BY s.month_start, a.id, u.username ORDER BY s.month_start, a.id");

static struct cl_stmt performance_all_sql =
    CL_STMT("SELECT s.month_start, SUM(s.installments), "
            "SUM(IF(s.is_paid, s.installments, 0)), SUM(s.paid_amount) "
            "FROM crm_month_stats s JOIN agents a ON a.id = s.agent_id "
            "WHERE s.month_start >= ? AND s.month_start < ? "
            "GROUP BY s.month_start ORDER BY s.month_start");

int
coll_performance_read(struct cl_db *db, struct cl_arena *a, const char *from,
    const char *to, struct cl_rows *collection, struct cl_rows *per_agent,
    struct cl_rows *all)
{
	const struct coll_status_rule *ontime = coll_status_rule(330);
	const struct coll_status_rule *grace = coll_status_rule(331);
	struct cl_bind p[12];
	struct cl_bind range[] = { CL_BIND_STR(from), CL_BIND_STR(to) };
	int rc;

	p[0] = CL_BIND_INT(ontime->lo);
	p[1] = CL_BIND_INT(ontime->hi);
	p[2] = CL_BIND_INT(grace->lo);
	p[3] = CL_BIND_INT(grace->hi);
	p[4] = CL_BIND_INT(coll_late30.lo);
	p[5] = CL_BIND_INT(coll_late30.hi);
	p[6] = p[0];
	p[7] = p[1];
	p[8] = p[2];
	p[9] = p[3];
	p[10] = range[0];
	p[11] = range[1];
	rc = cl_db_query(db, a, &collection_sql, p, 12, collection);
	if (rc == CL_OK)
		rc = cl_db_query(db, a, &performance_sql, range, 2, per_agent);
	if (rc == CL_OK)
		rc = cl_db_query(db, a, &performance_all_sql, range, 2, all);
	return rc;
}

/* clang-format off */
const struct coll_sql_check coll_sql_checks[] = {
	{ coll_role_cols, &role_list.select },
	{ coll_agent_cols, &agent_list.select },
	{ coll_customer_cols, &customer_list.select },
	{ 0 }
};
/* clang-format on */
