/* Import: POST /crm/import (API.md §3) loads customers with their loans,
 * installments and agent in the request's one transaction. Every row is
 * checked first and every bad one named by its path
 * (customers[3].loans[0].installments[1].due_date); any problem writes
 * nothing. At most COLL_IMPORT_MAX customers per call, within the body
 * limit ([server] body_limit, 1 MiB by default). SQL in db.c. */
#include "config.h"

#include "modules/collections/internal.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/db.h"
#include "core/dispatch.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/request.h"
#include "core/response.h"
#include "core/timeutil.h"
#include "core/banned.h"

/* clang-format off */
#define C struct coll_import_customer
static const struct cl_field customer_fields[] = {
	CL_STR("fullname",  C, fullname, CL_REQUIRED, 1, 200),
	CL_EMAIL("email",   C, email,    CL_REQUIRED, 3, 254),
	CL_STR("phone",     C, phone,    CL_REQUIRED, 1, 32),
	CL_STR("country",   C, country,  CL_REQUIRED, 1, 100),
	CL_EMAIL("agent",   C, agent,    CL_NULLABLE, 3, 254),
	{ 0 }
};
#undef C
#define I struct coll_installment
static const struct cl_field installment_fields[] = {
	CL_DATE("due_date",          I, due_date,    CL_REQUIRED),
	CL_MONEY("due_amount",       I, due_amount,  CL_REQUIRED, 0, 99999999999999),
	CL_DATE("paid_date",         I, paid_date,   CL_NULLABLE),
	CL_MONEY("paid_amount",      I, paid_amount, CL_NULLABLE, 0, 99999999999999),
	{ 0 }
};
#undef I
/* clang-format on */

const struct cl_field *const coll_import_customer_fields = customer_fields;
const struct cl_field *const coll_import_installment_fields =
    installment_fields;

/* Copies the problems of one row (field -> [problems]) to r's errors
 * under path. */
static void
report(struct cl_req *r, const char *path, cJSON *errors)
{
	cJSON *item, *p;

	cJSON_ArrayForEach(item, errors) cJSON_ArrayForEach(p, item)
	    cl_fail_field(r,
	        cl_arena_printf(r->arena, "%s.%s", path, item->string),
	        p->valuestring);
}

static cJSON *
new_errors(struct cl_req *r)
{
	cJSON *e = cJSON_CreateObject();

	if (e == NULL)
		abort();
	cl_arena_defer(r->arena, cl_json_free, e);
	return e;
}

/* An array member key of obj: NULL with a problem when absent or not an
 * array. */
static const cJSON *
array_or_fail(
    struct cl_req *r, const cJSON *obj, const char *key, const char *path)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (cJSON_IsArray(a))
		return a;
	cl_fail_field(r,
	    cl_arena_printf(r->arena, "%s%s%s", path, *path ? "." : "", key),
	    a ? "Expected a list of items." : "This field is required.");
	return NULL;
}

static void
read_installment(struct cl_req *r, const cJSON *o, const char *path,
    struct coll_installment *in)
{
	cJSON *errors = new_errors(r);
	uint64_t present = 0;
	int64_t due, paid;

	if (!cJSON_IsObject(o)) {
		cl_fail_field(r, path, "Expected an object.");
		return;
	}
	in->paid_amount = -1;
	cl_fields_read(r->arena, installment_fields, o, in, CL_FIELDS_FULL,
	    &present, errors);
	if (!cl_fields_given(installment_fields, present, "paid_amount") ||
	    cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, "paid_amount")))
		in->paid_amount = -1;
	report(r, path, errors);
	if (in->paid_date != NULL && in->paid_amount < 0)
		cl_fail_field(r,
		    cl_arena_printf(r->arena, "%s.paid_amount", path),
		    "Required when paid_date is given.");
	if (in->paid_date == NULL && in->paid_amount >= 0)
		cl_fail_field(r,
		    cl_arena_printf(r->arena, "%s.paid_date", path),
		    "Required when paid_amount is given.");
	if (in->due_date && cl_date_parse(in->due_date, &due) == CL_OK &&
	    in->paid_date && cl_date_parse(in->paid_date, &paid) == CL_OK)
		in->late_days = paid - due;
}

/* The customer at path: its fields, loans and installments; the current
 * installment is picked here (oldest unpaid by due date, else the last). */
static void
read_customer(struct cl_req *r, const cJSON *o, const char *path,
    struct coll_import_customer *c)
{
	cJSON *errors = new_errors(r);
	const cJSON *loans, *loan, *insts, *inst;
	size_t li = 0, ii;

	if (!cJSON_IsObject(o)) {
		cl_fail_field(r, path, "Expected an object.");
		return;
	}
	cl_fields_read(
	    r->arena, customer_fields, o, c, CL_FIELDS_FULL, NULL, errors);
	report(r, path, errors);
	loans = array_or_fail(r, o, "loans", path);
	if (loans == NULL)
		return;
	c->nloans = (size_t)cJSON_GetArraySize(loans);
	c->loans = CL_NEW_ARRAY(r->arena, struct coll_loan, c->nloans + 1);
	cJSON_ArrayForEach(loan, loans)
	{
		const char *lp =
		    cl_arena_printf(r->arena, "%s.loans[%zu]", path, li);
		struct coll_loan *l = &c->loans[li++];

		memset(l, 0, sizeof(*l));
		if (!cJSON_IsObject(loan)) {
			cl_fail_field(r, lp, "Expected an object.");
			continue;
		}
		insts = array_or_fail(r, loan, "installments", lp);
		if (insts == NULL)
			continue;
		l->n = (size_t)cJSON_GetArraySize(insts);
		if (l->n == 0)
			cl_fail_field(r,
			    cl_arena_printf(r->arena, "%s.installments", lp),
			    "A loan needs at least one installment.");
		l->inst =
		    CL_NEW_ARRAY(r->arena, struct coll_installment, l->n + 1);
		ii = 0;
		cJSON_ArrayForEach(inst, insts)
		{
			struct coll_installment *in = &l->inst[ii];

			memset(in, 0, sizeof(*in));
			read_installment(r, inst,
			    cl_arena_printf(
			        r->arena, "%s.installments[%zu]", lp, ii),
			    in);
			ii++;
		}
	}
}

/* The current installment of c: the unpaid one with the earliest due
 * date, else the paid one with the latest. */
static void
pick_current(struct coll_import_customer *c)
{
	const struct coll_installment *unpaid = NULL, *last = NULL, *in;
	size_t i, j;

	for (i = 0; i < c->nloans; i++)
		for (j = 0; j < c->loans[i].n; j++) {
			in = &c->loans[i].inst[j];
			if (in->paid_date == NULL) {
				if (!unpaid ||
				    strcmp(in->due_date, unpaid->due_date) < 0)
					unpaid = in;
			} else if (!last ||
			    strcmp(in->due_date, last->due_date) >= 0)
				last = in;
		}
	c->cur_due_date = unpaid ? unpaid->due_date
	    : last               ? last->due_date
	                         : NULL;
	c->cur_paid = unpaid == NULL && last != NULL;
	c->cur_late_days = c->cur_paid ? last->late_days : 0;
}

struct by_email {
	const char *email;
	size_t i;
};

static int
cmp_email(const void *a, const void *b)
{
	const struct by_email *x = a, *y = b;
	int c = strcasecmp(x->email, y->email);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Emails given twice in the body: each later one is a problem. */
static void
check_duplicates(struct cl_req *r, struct coll_import_customer *cs, size_t n)
{
	struct by_email *e = CL_NEW_ARRAY(r->arena, struct by_email, n + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (cs[i].email)
			e[k++] = (struct by_email){ cs[i].email, i };
	qsort(e, k, sizeof(*e), cmp_email);
	for (i = 1; i < k; i++)
		if (strcasecmp(e[i].email, e[i - 1].email) == 0)
			cl_fail_field(r,
			    cl_arena_printf(
			        r->arena, "customers[%zu].email", e[i].i),
			    "Given twice in this import.");
}

/* The import's sums for crm_month_stats: a few rows per month and agent,
 * found by a linear search (their number does not grow with the rows). */
struct stats {
	struct coll_month_stat *v;
	size_t n, cap;
};

static void
stats_count(struct cl_arena *a, struct stats *s, int64_t agent_id, bool first,
    const struct coll_installment *in)
{
	struct coll_month_stat k = { .agent_id = agent_id,
		.is_first = first,
		.is_paid = in->paid_date != NULL };
	size_t i;

	memcpy(k.month_start, in->due_date, 8);
	memcpy(k.month_start + 8, "01", 3);
	k.late_days = k.is_paid ? in->late_days : 0;
	for (i = 0; i < s->n; i++)
		if (s->v[i].agent_id == k.agent_id &&
		    s->v[i].is_first == k.is_first &&
		    s->v[i].is_paid == k.is_paid &&
		    s->v[i].late_days == k.late_days &&
		    strcmp(s->v[i].month_start, k.month_start) == 0)
			break;
	if (i == s->n) {
		if (s->n == s->cap) {
			struct coll_month_stat *v = CL_NEW_ARRAY(
			    a, struct coll_month_stat, s->cap * 2 + 16);

			if (s->n)
				memcpy(v, s->v, sizeof(*v) * s->n);
			s->v = v;
			s->cap = s->cap * 2 + 16;
		}
		s->v[s->n++] = k;
	}
	s->v[i].installments++;
	if (k.is_paid)
		s->v[i].paid_amount += in->paid_amount;
}

static void
stats_customer(
    struct cl_arena *a, struct stats *s, const struct coll_import_customer *c)
{
	size_t i, j;

	for (i = 0; i < c->nloans; i++)
		for (j = 0; j < c->loans[i].n; j++)
			stats_count(
			    a, s, c->agent_id, j == 0, &c->loans[i].inst[j]);
}

/* Writes every customer; problems the database finds (a taken email, an
 * unknown agent) are recorded under their paths and the writing goes on,
 * so that all of them are named. */
static int
write_all(struct cl_req *r, struct coll_import_customer *cs, size_t n)
{
	struct stats st = { 0 };
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		const char *path =
		    cl_arena_printf(r->arena, "customers[%zu]", i);

		cs[i].agent_id = 0;
		if (cs[i].agent) {
			rc = coll_agent_find_by_email(
			    r->db, r->arena, cs[i].agent, &cs[i].agent_id);
			if (rc == CL_ENOTFOUND) {
				cl_fail_field(r,
				    cl_arena_printf(r->arena, "%s.agent", path),
				    "No agent has this email.");
				continue;
			}
			if (rc != CL_OK)
				return rc;
		}
		pick_current(&cs[i]);
		rc = coll_import_customer_insert(r->db, &cs[i]);
		if (rc == CL_EDUP) {
			cl_fail_field(r,
			    cl_arena_printf(r->arena, "%s.email", path),
			    "A customer with this email already exists.");
			continue;
		}
		if (rc != CL_OK)
			return rc;
		stats_customer(r->arena, &st, &cs[i]);
	}
	for (i = 0; i < st.n && !cl_has_field_errors(r); i++)
		if ((rc = coll_month_stats_add(r->db, &st.v[i])) != CL_OK)
			return rc;
	return CL_OK;
}

/* POST /crm/import (API.md §3, crm:read and agents:create): {customers:
 * [...]} → 200 {"status":"success","data":{"created":N}}; all or
 * nothing. */
int
coll_import_create(struct cl_req *r)
{
	const cJSON *list, *o;
	struct coll_import_customer *cs;
	size_t n, i = 0;
	int rc;

	if (!cl_caller_can(r, "agents:create"))
		return cl_fail(r, 403, "permission_denied",
		    "You do not have permission to perform this action.");
	list = array_or_fail(r, r->json, "customers", "");
	if (list == NULL)
		return cl_fail_validation(r);
	n = (size_t)cJSON_GetArraySize(list);
	if (n > COLL_IMPORT_MAX) {
		cl_fail_field(
		    r, "customers", "At most 10000 customers per import.");
		return cl_fail_validation(r);
	}
	cs = CL_NEW_ARRAY(r->arena, struct coll_import_customer, n + 1);
	cJSON_ArrayForEach(o, list)
	{
		memset(&cs[i], 0, sizeof(cs[i]));
		read_customer(r, o,
		    cl_arena_printf(r->arena, "customers[%zu]", i), &cs[i]);
		i++;
	}
	check_duplicates(r, cs, n);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r);
	rc = write_all(r, cs, n);
	if (rc != CL_OK)
		return cl_fail_db(r, rc);
	if (cl_has_field_errors(r))
		return cl_fail_validation(r); /* CL_TX: rolled back */
	return cl_reply_success(r, 200,
	    cl_json_add_int(cJSON_CreateObject(), "created", (int64_t)n));
}
