/* Unit tests of src/core/schema.c: the dump of a small module of its own,
 * a resource with every field type and two list specs, read back as JSON.
 * With --dump, the program prints that dump (tests/lint/openapi.py). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "core/errors.h"
#include "core/fields.h"
#include "core/listing.h"
#include "core/money.h"
#include "core/resource.h"
#include "core/router.h"
#include "core/schema.h"

static int h_any(struct cl_req *r) { (void)r; return 200; }

struct thing {
	int64_t		id;
	const char	*name;
	const char	*email;
	int64_t		count;
	int64_t		price;
	bool		active;
	const char	*due;
	int64_t		owner;
	const char	*status;
	int64_t		vat;
	const char	*created_at;
	int64_t		total;
	const char	*secret;
	const char	*note;
};

static const char *const statuses[] = { "draft", "sent", "paid", NULL };

/* clang-format off */
static const struct cl_field thing_cols[] = {
	CL_COL_ID("id",             struct thing, id, CL_READONLY),
	CL_COL_STR("name",          struct thing, name,    CL_REQUIRED | CL_WRITE, 1, 100),
	CL_COL_EMAIL("email",       struct thing, email,   CL_WRITE, 0, 254),
	CL_COL_INT("count",         struct thing, count,   CL_WRITE, 0, 365),
	CL_COL_MONEY("price",       struct thing, price,   CL_REQUIRED | CL_WRITE, 1, CL_MONEY_MAX),
	CL_COL_BOOL("active",       struct thing, active,  CL_WRITE),
	CL_COL_DATE("due",          struct thing, due,     CL_NULLABLE | CL_WRITE),
	CL_COL_ID("owner",          struct thing, owner,   CL_NULLABLE | CL_WRITE),
	CL_COL_ENUM("status",       struct thing, status,  CL_WRITE, statuses),
	CL_COL_RATE("vat",          struct thing, vat,     CL_WRITE, 0, 10000),
	CL_COL_DATETIME("created_at", struct thing, created_at, 0),
	CL_COL_TOTAL("total",       struct thing, total, 0),
	CL_STR("secret",            struct thing, secret,  CL_HIDDEN | CL_REQUIRED, 8, 64),
	CL_STR("note",              struct thing, note,    CL_NULLABLE | CL_WRITE, 0, 0),
	{ 0 }
};
/* clang-format on */

static const char *const kinds[] = { "a", "b", NULL };
static const struct cl_filter thing_filters[] = {
	{ .param = "q_name", .type = CL_FILTER_STR, .sql = "t.name = ?" },
	{ .param = "count", .type = CL_FILTER_INT, .sql = "t.count = ?" },
	{ .param = "owner", .type = CL_FILTER_ID, .sql = "t.owner = ?",
	  .exists = "SELECT 1 FROM owners WHERE id = ?" },
	{ .param = "active", .type = CL_FILTER_BOOL, .sql = "t.active = ?" },
	{ .param = "status", .type = CL_FILTER_ENUM, .sql = "t.status = ?",
	  .values = statuses },
	{ .param = "kind", .type = CL_FILTER_ENUM_LIST, .sql = "t.kind IN",
	  .values = kinds },
	{ .param = "due_after", .type = CL_FILTER_DATE, .sql = "t.due >= ?" },
	{ 0 }
};
static const char *const thing_search[] = { "t.name", "t.email", NULL };
static const struct cl_ordering thing_orderings[] = {
	{ .name = "name", .sql = "t.name" },
	{ .name = "price", .sql = "t.price" },
	{ 0 }
};
static const struct cl_list_spec thing_list = {
	.select = "SELECT ... FROM things t",
	.count = "SELECT COUNT(*) FROM things t",
	.filters = thing_filters,
	.search = thing_search,
	.orderings = thing_orderings,
	.order = "t.id",
	.pagination = CL_LIMIT_OFFSET,
	.max = 500,
};
static const struct cl_resource_sql thing_sql = { .list = &thing_list };
static const struct cl_resource thing = {
	.noun = "thing",
	.cols = thing_cols,
	.size = sizeof(struct thing),
	.sql = &thing_sql,
};

/* A second resource: a noun of two words, page-number lists, no filters. */
struct price_list {
	int64_t		id;
	const char	*label;
};
static const struct cl_field price_list_cols[] = {
	CL_COL_ID("id", struct price_list, id, CL_READONLY),
	CL_COL_STR("label", struct price_list, label, CL_WRITE, 0, 40),
	{ 0 }
};
static const struct cl_list_spec price_list_list = {
	.select = "SELECT id, label FROM price_lists p",
	.order = "p.id",
	.pagination = CL_PAGE_NUMBER,
};
static const struct cl_resource_sql price_list_sql = {
	.list = &price_list_list,
};
static const struct cl_resource price_list = {
	.noun = "price list",
	.cols = price_list_cols,
	.sql = &price_list_sql,
};

/* A hand-written route that names its own tables. */
struct login {
	const char	*email;
	const char	*password;
	const char	*token;
};
static const struct cl_field login_body[] = {
	CL_EMAIL("email", struct login, email, CL_REQUIRED, 3, 254),
	CL_STR("password", struct login, password, CL_REQUIRED, 1, 128),
	{ 0 }
};
static const struct cl_field login_reply[] = {
	CL_STR("token", struct login, token, 0, 0, 0),
	{ 0 }
};

/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_DELETE, .pattern = "/things/{id}", .handler = h_any,
	  .perm = CL_PERM_SUPERUSER, .flags = CL_TX, .resource = &thing },
	{ .method = CL_GET,    .pattern = "/things/{id}", .handler = h_any, .resource = &thing },
	{ .method = CL_PATCH,  .pattern = "/things/{id}", .handler = h_any,
	  .flags = CL_JSON_BODY | CL_TX, .resource = &thing },
	{ .method = CL_PUT,    .pattern = "/things/{id}", .handler = h_any,
	  .flags = CL_JSON_BODY | CL_TX, .resource = &thing },
	{ .method = CL_GET,    .pattern = "/things",      .handler = h_any,
	  .perm = "things:read", .resource = &thing },
	{ .method = CL_POST,   .pattern = "/things",      .handler = h_any,
	  .flags = CL_JSON_BODY | CL_TX, .resource = &thing },
	{ .method = CL_GET,    .pattern = "/price-lists", .handler = h_any, .resource = &price_list },
	{ .method = CL_POST,   .pattern = "/login",       .handler = h_any,
	  .flags = CL_PUBLIC | CL_JSON_BODY, .body = login_body, .reply = login_reply },
	{ .method = CL_GET,    .pattern = "/ping",        .handler = h_any,
	  .flags = CL_PUBLIC | CL_APIKEY | CL_OPTIONAL_AUTH },
	{ 0 }
};
/* clang-format on */
static const struct cl_module mod = { .name = "fake", .routes = routes };
static const struct cl_module *const mods[] = { &mod, NULL };

/* The member at a "/"-separated path; digits index arrays. */
static cJSON *
at(cJSON *root, const char *path)
{
	char buf[256], *key, *save = NULL;
	cJSON *node = root;

	snprintf(buf, sizeof(buf), "%s", path);
	for (key = strtok_r(buf, "/", &save); key && node;
	    key = strtok_r(NULL, "/", &save)) {
		if (cJSON_IsArray(node))
			node = cJSON_GetArrayItem(node, (int)strtol(key, NULL, 10));
		else
			node = cJSON_GetObjectItemCaseSensitive(node, key);
	}
	return node;
}

static const char *
str_at(cJSON *root, const char *path)
{
	cJSON *n = at(root, path);

	if (!cJSON_IsString(n))
		fail_msg("%s: not a string", path);
	return n->valuestring;
}

static double
num_at(cJSON *root, const char *path)
{
	cJSON *n = at(root, path);

	if (!cJSON_IsNumber(n))
		fail_msg("%s: not a number", path);
	return n->valuedouble;
}

/* The strings of an array, joined with ",". */
static const char *
list_at(cJSON *root, const char *path)
{
	static char buf[512];
	cJSON *n = at(root, path), *item;
	size_t o = 0;

	if (!cJSON_IsArray(n))
		fail_msg("%s: not an array", path);
	buf[0] = '\0';
	cJSON_ArrayForEach(item, n) {
		const char *s = cJSON_IsString(item) ? item->valuestring :
		    cJSON_IsNull(item) ? "null" : "?";

		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
		    o ? "," : "", s);
	}
	return buf;
}

static cJSON *
route(cJSON *doc, const char *method, const char *pattern)
{
	cJSON *r;

	cJSON_ArrayForEach(r, at(doc, "routes")) {
		if (strcmp(str_at(r, "method"), method) == 0 &&
		    strcmp(str_at(r, "pattern"), pattern) == 0)
			return r;
	}
	fail_msg("no route %s %s in the dump", method, pattern);
	return NULL;
}

static cJSON *
param(cJSON *r, const char *name)
{
	cJSON *p;

	cJSON_ArrayForEach(p, at(r, "parameters")) {
		if (strcmp(str_at(p, "name"), name) == 0)
			return p;
	}
	fail_msg("no parameter %s", name);
	return NULL;
}

/* The dump as cl_schema_dump_modules writes it, parsed back. */
static cJSON *
dump(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	cJSON *doc;

	assert_non_null(f);
	assert_int_equal(cl_schema_dump_modules(f, mods), CL_OK);
	assert_int_equal(fclose(f), 0);
	doc = cJSON_Parse(text);
	free(text);
	assert_non_null(doc);
	return doc;
}

static void
test_schema_routes_are_sorted_with_flags_and_permission(void **state)
{
	cJSON *doc = dump();
	cJSON *r;
	char order[512];
	size_t o = 0;

	(void)state;
	assert_string_equal(str_at(doc, "format"), "clientele-schema");
	assert_int_equal((int)num_at(doc, "version"), CL_SCHEMA_VERSION);
	cJSON_ArrayForEach(r, at(doc, "routes")) {
		o += (size_t)snprintf(order + o, sizeof(order) - o, "%s %s;",
		    str_at(r, "method"), str_at(r, "pattern"));
	}
	assert_string_equal(order, "POST /login;GET /ping;GET /price-lists;"
	    "GET /things;POST /things;GET /things/{id};PUT /things/{id};"
	    "PATCH /things/{id};DELETE /things/{id};");
	r = route(doc, "GET", "/ping");
	assert_string_equal(str_at(r, "module"), "fake");
	assert_true(cJSON_IsNull(at(r, "permission")));
	assert_string_equal(list_at(r, "flags"), "apikey,optional_auth,public");
	/* A route that names no tables is listed, and nothing more. */
	assert_null(at(r, "body"));
	assert_null(at(r, "reply"));
	assert_null(at(r, "parameters"));
	r = route(doc, "DELETE", "/things/{id}");
	assert_string_equal(str_at(r, "permission"), "superuser");
	assert_string_equal(list_at(r, "flags"), "tx");
	assert_string_equal(str_at(r, "resource"), "thing");
	assert_int_equal((int)num_at(r, "reply/status"), 204);
	assert_null(at(r, "reply/schema"));
	assert_null(at(r, "body"));
	cJSON_Delete(doc);
}

static void
test_schema_body_types_and_bounds(void **state)
{
	cJSON *doc = dump();
	cJSON *in;

	(void)state;
	assert_string_equal(str_at(route(doc, "POST", "/things"), "body/$ref"),
	    "#/components/schemas/ThingInput");
	assert_string_equal(str_at(route(doc, "PUT", "/things/{id}"),
	    "body/$ref"), "#/components/schemas/ThingInput");
	in = at(doc, "schemas/ThingInput");
	assert_non_null(in);
	assert_string_equal(str_at(in, "type"), "object");
	assert_string_equal(str_at(in, "properties/name/type"), "string");
	assert_int_equal((int)num_at(in, "properties/name/minLength"), 1);
	assert_int_equal((int)num_at(in, "properties/name/maxLength"), 100);
	/* min 0 is no bound on a string. */
	assert_null(at(in, "properties/email/minLength"));
	assert_int_equal((int)num_at(in, "properties/email/maxLength"), 254);
	assert_string_equal(str_at(in, "properties/email/format"), "email");
	/* An integer's bounds always hold, 0 included. */
	assert_string_equal(str_at(in, "properties/count/type"), "integer");
	assert_int_equal((int)num_at(in, "properties/count/minimum"), 0);
	assert_int_equal((int)num_at(in, "properties/count/maximum"), 365);
	assert_string_equal(list_at(in, "properties/price/type"),
	    "string,number");
	assert_string_equal(str_at(in, "properties/price/x-minimum"), "0.01");
	assert_string_equal(str_at(in, "properties/price/x-maximum"),
	    "999999999999.99");
	assert_non_null(at(in, "properties/price/pattern"));
	assert_null(at(in, "properties/price/minimum"));
	assert_string_equal(str_at(in, "properties/vat/x-maximum"), "100.00");
	assert_string_equal(str_at(in, "properties/vat/x-minimum"), "0.00");
	assert_string_equal(str_at(in, "properties/active/type"), "boolean");
	assert_string_equal(list_at(in, "properties/due/type"), "string,null");
	assert_string_equal(str_at(in, "properties/due/format"), "date");
	assert_string_equal(list_at(in, "properties/owner/type"),
	    "integer,null");
	assert_int_equal((int)num_at(in, "properties/owner/minimum"), 1);
	assert_string_equal(list_at(in, "properties/status/enum"),
	    "draft,sent,paid");
	assert_string_equal(list_at(in, "properties/note/type"), "string,null");
	assert_null(at(in, "properties/note/maxLength"));
	/* Hidden is rendered never, but read: it is in the body. */
	assert_int_equal((int)num_at(in, "properties/secret/minLength"), 8);
	cJSON_Delete(doc);
}

static void
test_schema_body_leaves_out_readonly(void **state)
{
	cJSON *doc = dump();
	cJSON *in = at(doc, "schemas/ThingInput/properties");

	(void)state;
	assert_null(cJSON_GetObjectItemCaseSensitive(in, "id"));
	assert_null(cJSON_GetObjectItemCaseSensitive(in, "created_at"));
	assert_null(cJSON_GetObjectItemCaseSensitive(in, "total"));
	assert_int_equal(cJSON_GetArraySize(in), 11);
	cJSON_Delete(doc);
}

static void
test_schema_required_except_on_patch(void **state)
{
	cJSON *doc = dump();
	cJSON *patch;

	(void)state;
	assert_string_equal(list_at(doc, "schemas/ThingInput/required"),
	    "name,price,secret");
	assert_string_equal(str_at(route(doc, "PATCH", "/things/{id}"),
	    "body/$ref"), "#/components/schemas/ThingPatch");
	patch = at(doc, "schemas/ThingPatch");
	assert_null(at(patch, "required"));
	assert_int_equal((int)num_at(patch, "properties/name/maxLength"), 100);
	cJSON_Delete(doc);
}

static void
test_schema_reply_leaves_out_hidden(void **state)
{
	cJSON *doc = dump();
	cJSON *row = at(doc, "schemas/Thing");
	cJSON *r;

	(void)state;
	assert_null(at(row, "properties/secret"));
	assert_non_null(at(row, "properties/id"));
	assert_string_equal(list_at(row, "required"),
	    "id,name,email,count,price,active,due,owner,status,vat,"
	    "created_at,total,note");
	/* The renderer writes id 0 as null; money as text, totals as
	 * numbers; no bounds on what the server writes. */
	assert_string_equal(list_at(row, "properties/id/type"), "integer,null");
	assert_string_equal(str_at(row, "properties/price/type"), "string");
	assert_string_equal(str_at(row, "properties/vat/type"), "string");
	assert_string_equal(str_at(row, "properties/total/type"), "number");
	assert_string_equal(str_at(row, "properties/created_at/format"),
	    "date-time");
	assert_string_equal(list_at(row, "properties/status/enum"),
	    "draft,sent,paid");
	assert_null(at(row, "properties/name/maxLength"));
	r = route(doc, "POST", "/things");
	assert_int_equal((int)num_at(r, "reply/status"), 201);
	assert_string_equal(str_at(r, "reply/schema/$ref"),
	    "#/components/schemas/Thing");
	r = route(doc, "PATCH", "/things/{id}");
	assert_int_equal((int)num_at(r, "reply/status"), 200);
	r = route(doc, "GET", "/things/{id}");
	assert_int_equal((int)num_at(r, "reply/status"), 200);
	assert_string_equal(str_at(r, "reply/schema/$ref"),
	    "#/components/schemas/Thing");
	assert_null(at(r, "parameters"));
	cJSON_Delete(doc);
}

static void
test_schema_list_parameters_and_envelopes(void **state)
{
	cJSON *doc = dump();
	cJSON *r = route(doc, "GET", "/things");
	cJSON *p;

	(void)state;
	assert_int_equal(cJSON_GetArraySize(at(r, "parameters")), 11);
	assert_string_equal(str_at(param(r, "q_name"), "schema/type"),
	    "string");
	assert_string_equal(str_at(param(r, "count"), "schema/type"),
	    "integer");
	assert_int_equal((int)num_at(param(r, "owner"), "schema/minimum"), 1);
	assert_string_equal(str_at(param(r, "active"), "schema/type"),
	    "boolean");
	assert_string_equal(list_at(param(r, "status"), "schema/enum"),
	    "draft,sent,paid");
	p = param(r, "kind");
	assert_string_equal(str_at(p, "schema/type"), "array");
	assert_string_equal(list_at(p, "schema/items/enum"), "a,b");
	assert_string_equal(str_at(p, "style"), "form");
	assert_true(cJSON_IsFalse(at(p, "explode")));
	assert_string_equal(str_at(param(r, "due_after"), "schema/format"),
	    "date");
	assert_int_equal((int)num_at(param(r, "search"), "schema/maxLength"),
	    CL_SEARCH_MAX);
	assert_string_equal(list_at(param(r, "ordering"), "schema/items/enum"),
	    "name,-name,price,-price");
	p = param(r, "limit");
	assert_int_equal((int)num_at(p, "schema/minimum"), 1);
	assert_int_equal((int)num_at(p, "schema/maximum"), 500);
	assert_int_equal((int)num_at(param(r, "offset"), "schema/minimum"), 0);
	assert_string_equal(str_at(p, "in"), "query");
	/* Limit-offset: a plain array, or the envelope with ?limit=. */
	assert_string_equal(str_at(r, "reply/schema/oneOf/0/type"), "array");
	assert_string_equal(str_at(r, "reply/schema/oneOf/0/items/$ref"),
	    "#/components/schemas/Thing");
	assert_string_equal(str_at(r, "reply/schema/oneOf/1/$ref"),
	    "#/components/schemas/ThingPage");
	assert_string_equal(list_at(doc, "schemas/ThingPage/required"),
	    "count,next,previous,results");
	assert_string_equal(str_at(doc,
	    "schemas/ThingPage/properties/results/items/$ref"),
	    "#/components/schemas/Thing");

	/* Page numbers: the envelope always; page_size capped by page.h. */
	r = route(doc, "GET", "/price-lists");
	assert_string_equal(str_at(r, "reply/schema/$ref"),
	    "#/components/schemas/PriceListPage");
	assert_int_equal(cJSON_GetArraySize(at(r, "parameters")), 2);
	assert_int_equal((int)num_at(param(r, "page"), "schema/minimum"), 1);
	assert_int_equal((int)num_at(param(r, "page_size"), "schema/maximum"),
	    100);
	assert_non_null(at(doc, "schemas/PriceList"));
	cJSON_Delete(doc);
}

static void
test_schema_route_tables_are_inlined(void **state)
{
	cJSON *doc = dump();
	cJSON *r = route(doc, "POST", "/login");
	cJSON *s;

	(void)state;
	assert_string_equal(str_at(r, "body/type"), "object");
	assert_string_equal(list_at(r, "body/required"), "email,password");
	assert_int_equal((int)num_at(r, "body/properties/password/maxLength"),
	    128);
	/* The code does not say which 2xx a hand-written handler answers. */
	assert_null(at(r, "reply/status"));
	assert_string_equal(str_at(r, "reply/schema/properties/token/type"),
	    "string");
	assert_null(at(r, "resource"));
	/* Named schemas are the resources' only, in name order. */
	s = at(doc, "schemas")->child;
	assert_string_equal(s->string, "PriceList");
	assert_string_equal(s->next->string, "PriceListPage");
	assert_string_equal(s->next->next->string, "Thing");
	assert_string_equal(s->next->next->next->string, "ThingInput");
	assert_string_equal(s->next->next->next->next->string, "ThingPage");
	assert_string_equal(s->next->next->next->next->next->string,
	    "ThingPatch");
	assert_null(s->next->next->next->next->next->next);
	cJSON_Delete(doc);
}

static void
test_schema_two_dumps_are_equal(void **state)
{
	cJSON *a = cl_schema_build(mods), *b = cl_schema_build(mods);
	char *ta, *tb;

	(void)state;
	assert_non_null(a);
	assert_non_null(b);
	ta = cJSON_Print(a);
	tb = cJSON_Print(b);
	assert_string_equal(ta, tb);
	cJSON_free(ta);
	cJSON_free(tb);
	cJSON_Delete(a);
	cJSON_Delete(b);
}

static void
test_schema_refuses_one_name_for_two_tables(void **state)
{
	static const struct cl_resource other = {
		.noun = "thing",
		.cols = price_list_cols,
	};
	static const struct cl_route clash[] = {
		{ .method = CL_GET, .pattern = "/things/{id}", .handler = h_any,
		  .resource = &thing },
		{ .method = CL_GET, .pattern = "/other/{id}", .handler = h_any,
		  .resource = &other },
		{ 0 }
	};
	static const struct cl_module clash_mod = { .name = "c",
		.routes = clash };
	static const struct cl_module *const clash_mods[] = { &clash_mod,
		NULL };
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	assert_null(cl_schema_build(clash_mods));
	assert_int_equal(cl_schema_dump_modules(f, clash_mods), CL_EINVAL);
	assert_int_equal(fclose(f), 0);
}

static void
test_schema_dump_reports_write_errors(void **state)
{
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL)
		skip();
	assert_int_equal(cl_schema_dump_modules(f, mods), CL_EIO);
	(void)fclose(f); /* fails too: the buffer still cannot be written */
}

/* "test_schema --dump" prints the fake module's dump instead: the drift
 * tests of tests/lint/openapi.py merge and mutate it. */
int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_routes_are_sorted_with_flags_and_permission),
		cmocka_unit_test(test_schema_body_types_and_bounds),
		cmocka_unit_test(test_schema_body_leaves_out_readonly),
		cmocka_unit_test(test_schema_required_except_on_patch),
		cmocka_unit_test(test_schema_reply_leaves_out_hidden),
		cmocka_unit_test(test_schema_list_parameters_and_envelopes),
		cmocka_unit_test(test_schema_route_tables_are_inlined),
		cmocka_unit_test(test_schema_two_dumps_are_equal),
		cmocka_unit_test(test_schema_refuses_one_name_for_two_tables),
		cmocka_unit_test(test_schema_dump_reports_write_errors),
	};

	if (argc == 2 && strcmp(argv[1], "--dump") == 0)
		return cl_schema_dump_modules(stdout, mods) == CL_OK ? 0 : 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
