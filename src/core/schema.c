/* The schema dump ("clientele -S", schema.h): walks the route tables and
 * turns each route's field, column and list tables into JSON Schema, the
 * way fields.c reads bodies, columns.c renders rows and listing.c reads
 * query strings. Nothing here runs while serving. */
#include "config.h"

#include "core/schema.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/fields.h"
#include "core/json.h"
#include "core/listing.h"
#include "core/money.h"
#include "core/page.h"
#include "core/resource.h"
#include "core/router.h"
#include "core/banned.h"

/* What cl_money_parse accepts from a string: a sign, digits, and at most
 * two decimals that matter ("1.500" is 1.50). */
#define MONEY_IN_PATTERN "^[-+]?[0-9]+(\\.[0-9]{1,2}0*)?$"
#define MONEY_IN_TEXT "Money: decimal text (\"500.00\") or a JSON number, " \
	"at most two decimals, between x-minimum and x-maximum."
#define RATE_IN_TEXT "A percentage (\"15.00\"): decimal text or a JSON " \
	"number, at most two decimals, between x-minimum and x-maximum."
/* What the renderer writes: always two decimals. */
#define MONEY_OUT_PATTERN "^-?[0-9]+\\.[0-9]{2}$"

#define REF_PREFIX "#/components/schemas/"
/* A schema name: the noun in CamelCase, plus "Input", "Patch" or "Page". */
#define NAME_MAX_LEN 64

enum body_mode {
	BODY_FULL,      /* POST, PUT: CL_REQUIRED fields are required */
	BODY_PARTIAL,   /* PATCH: nothing is */
};

/* cJSON's constructors return NULL only when out of memory: like the
 * arena, the dump gives up then. */
static cJSON *
must(cJSON *item)
{
	if (item == NULL)
		abort();
	return item;
}

static void
add(cJSON *obj, const char *key, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToObject(obj, key, item))
		abort();
}

static void
push(cJSON *arr, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToArray(arr, item))
		abort();
}

static void
add_str(cJSON *obj, const char *key, const char *s)
{
	add(obj, key, cJSON_CreateString(s));
}

static void
add_bool(cJSON *obj, const char *key, bool b)
{
	add(obj, key, cJSON_CreateBool(b));
}

static cJSON *
typed(const char *type)
{
	cJSON *s = must(cJSON_CreateObject());

	add_str(s, "type", type);
	return s;
}

/* "type": t, or [t, t2] and [..., "null"] when there are more. */
static void
add_type(cJSON *s, const char *t, const char *t2, bool nullable)
{
	cJSON *list;

	if (t2 == NULL && !nullable) {
		add_str(s, "type", t);
		return;
	}
	list = must(cJSON_CreateArray());
	push(list, cJSON_CreateString(t));
	if (t2 != NULL)
		push(list, cJSON_CreateString(t2));
	if (nullable)
		push(list, cJSON_CreateString("null"));
	add(s, "type", list);
}

/* A JSON Schema enum must list null itself for null to be valid. */
static void
add_enum(cJSON *s, const char *const *values, bool nullable)
{
	cJSON *list = must(cJSON_CreateArray());

	for (; values != NULL && *values != NULL; values++)
		push(list, cJSON_CreateString(*values));
	if (nullable)
		push(list, cJSON_CreateNull());
	add(s, "enum", list);
}

static void
add_money(cJSON *s, const char *key, int64_t cents)
{
	char buf[CL_MONEY_BUF];

	add_str(s, key, cl_money_format(cents, buf));
}

static cJSON *
ref(const char *name)
{
	char buf[sizeof(REF_PREFIX) + NAME_MAX_LEN];
	cJSON *r = must(cJSON_CreateObject());

	snprintf(buf, sizeof(buf), REF_PREFIX "%s", name);
	add_str(r, "$ref", buf);
	return r;
}

/* What a string-typed member is in a body and a reply alike: its type,
 * format and choices (lengths are the body's alone). */
static void
string_member(cJSON *s, const struct cl_field *f, bool nullable)
{
	add_type(s, "string", NULL, nullable);
	if (f->type == CL_F_EMAIL)
		add_str(s, "format", "email");
	else if (f->type == CL_F_DATE)
		add_str(s, "format", "date");
	else if (f->type == CL_F_DATETIME)
		add_str(s, "format", "date-time");
	if (f->type == CL_F_ENUM)
		add_enum(s, f->values, nullable);
}

/* A request body's member: what fields.c accepts for f. */
static cJSON *
body_member(const struct cl_field *f)
{
	cJSON *s = must(cJSON_CreateObject());
	bool nullable = (f->flags & CL_NULLABLE) != 0;

	switch (f->type) {
	case CL_F_STR:
	case CL_F_EMAIL:
	case CL_F_DATE:
	case CL_F_ENUM:
	case CL_F_DATETIME:
		string_member(s, f, nullable);
		if (f->min > 0)
			cl_json_add_int(s, "minLength", f->min);
		if (f->max > 0)
			cl_json_add_int(s, "maxLength", f->max);
		break;
	case CL_F_INT:
		/* fields.c checks both bounds always: 0 is a bound too. */
		add_type(s, "integer", NULL, nullable);
		cl_json_add_int(s, "minimum", f->min);
		cl_json_add_int(s, "maximum", f->max);
		break;
	case CL_F_ID:
		add_type(s, "integer", NULL, nullable);
		cl_json_add_int(s, "minimum", f->min > 1 ? f->min : 1);
		break;
	case CL_F_MONEY:
	case CL_F_RATE:
		/* JSON Schema's minimum would be a binary double; the exact
		 * decimal bounds go in vendor keys instead. */
		add_type(s, "string", "number", nullable);
		add_str(s, "pattern", MONEY_IN_PATTERN);
		add_money(s, "x-minimum", f->min);
		add_money(s, "x-maximum", f->max);
		add_str(s, "description", f->type == CL_F_MONEY ? MONEY_IN_TEXT :
		    RATE_IN_TEXT);
		break;
	case CL_F_BOOL:
		add_type(s, "boolean", NULL, nullable);
		break;
	case CL_F_TOTAL:
		add_type(s, "number", NULL, nullable);
		break;
	}
	return s;
}

/* A rendered row's member: what cl_cols_render writes for f. */
static cJSON *
reply_member(const struct cl_field *f)
{
	cJSON *s = must(cJSON_CreateObject());
	bool nullable = (f->flags & CL_NULLABLE) != 0;

	switch (f->type) {
	case CL_F_STR:
	case CL_F_EMAIL:
	case CL_F_DATE:
	case CL_F_ENUM:
	case CL_F_DATETIME:
		string_member(s, f, nullable);
		break;
	case CL_F_INT:
		add_type(s, "integer", NULL, nullable);
		break;
	case CL_F_ID:
		/* The renderer writes id 0 (SQL NULL, which CL_F_ID reads
		 * without CL_NULLABLE too) as null. */
		add_type(s, "integer", NULL, true);
		break;
	case CL_F_MONEY:
	case CL_F_RATE:
		add_type(s, "string", NULL, nullable);
		add_str(s, "pattern", MONEY_OUT_PATTERN);
		break;
	case CL_F_BOOL:
		add_type(s, "boolean", NULL, nullable);
		break;
	case CL_F_TOTAL:
		add_type(s, "number", NULL, nullable);
		break;
	}
	return s;
}

/* A request body by the table: the allowlist fields.c reads. */
static cJSON *
body_schema(const struct cl_field *fields, enum body_mode mode)
{
	cJSON *s = must(cJSON_CreateObject());
	cJSON *props = must(cJSON_CreateObject());
	cJSON *required = must(cJSON_CreateArray());
	const struct cl_field *f;

	add_str(s, "type", "object");
	for (f = fields; f->name != NULL; f++) {
		if (f->flags & CL_READONLY)
			continue;
		add(props, f->name, body_member(f));
		if (mode == BODY_FULL && (f->flags & CL_REQUIRED))
			push(required, cJSON_CreateString(f->name));
	}
	add(s, "properties", props);
	if (cJSON_GetArraySize(required) > 0)
		add(s, "required", required);
	else
		cJSON_Delete(required);
	return s;
}

/* A row as the renderer writes it: every entry not CL_HIDDEN, always. */
static cJSON *
reply_schema(const struct cl_field *fields)
{
	cJSON *s = must(cJSON_CreateObject());
	cJSON *props = must(cJSON_CreateObject());
	cJSON *required = must(cJSON_CreateArray());
	const struct cl_field *f;

	add_str(s, "type", "object");
	for (f = fields; f->name != NULL; f++) {
		if (f->flags & CL_HIDDEN)
			continue;
		add(props, f->name, reply_member(f));
		push(required, cJSON_CreateString(f->name));
	}
	add(s, "properties", props);
	add(s, "required", required);
	return s;
}

static cJSON *
array_of(cJSON *items)
{
	cJSON *s = typed("array");

	add(s, "items", items);
	return s;
}

/* API.md §1's envelope around items (a schema or a $ref; taken). */
static cJSON *
page_schema(cJSON *items)
{
	static const char *const links[] = { "next", "previous" };
	cJSON *s = typed("object");
	cJSON *props = must(cJSON_CreateObject());
	cJSON *required = must(cJSON_CreateArray());
	cJSON *link;
	size_t i;

	add(props, "count", typed("integer"));
	for (i = 0; i < CL_NELEMS(links); i++) {
		link = must(cJSON_CreateObject());
		add_type(link, "string", NULL, true);
		add_str(link, "format", "uri");
		add(props, links[i], link);
	}
	add(props, "results", array_of(items));
	add(s, "properties", props);
	push(required, cJSON_CreateString("count"));
	push(required, cJSON_CreateString("next"));
	push(required, cJSON_CreateString("previous"));
	push(required, cJSON_CreateString("results"));
	add(s, "required", required);
	return s;
}

/* Seed 000's {"status":"success","data":data} around data (taken). */
static cJSON *
success_of(cJSON *data)
{
	cJSON *s = must(cJSON_CreateObject()), *props = must(cJSON_CreateObject());
	cJSON *status = must(cJSON_CreateObject()), *req = must(cJSON_CreateArray());

	add_str(s, "type", "object");
	add_str(status, "const", "success");
	add(props, "status", status);
	add(props, "data", data);
	add(s, "properties", props);
	push(req, must(cJSON_CreateString("status")));
	push(req, must(cJSON_CreateString("data")));
	add(s, "required", req);
	return s;
}

/* The success body of a list: items (taken) alone, in the envelope
 * (page, taken; NULL: none known), or either, as the spec paginates. */
static cJSON *
list_reply(const struct cl_list_spec *spec, cJSON *items, cJSON *page)
{
	cJSON *s, *one;

	if (spec == NULL || page == NULL) {
		cJSON_Delete(page);
		return array_of(items);
	}
	if (spec->pagination == CL_PAGE_NUMBER) {
		cJSON_Delete(items);
		return spec->success ? success_of(page) : page;
	}
	s = must(cJSON_CreateObject());
	one = must(cJSON_CreateArray());
	push(one, array_of(items));
	push(one, page);
	add(s, "oneOf", one);
	add_str(s, "description",
	    "A plain array; the envelope when ?limit= is given.");
	return s;
}

/* One query parameter; a comma list is an array in OpenAPI's form style
 * without explode. Takes schema. */
static void
add_param(cJSON *params, const char *name, cJSON *schema,
    const char *description)
{
	cJSON *p = must(cJSON_CreateObject());
	const char *type = cl_json_str(schema, "type");

	add_str(p, "name", name);
	add_str(p, "in", "query");
	if (description != NULL)
		add_str(p, "description", description);
	if (type != NULL && strcmp(type, "array") == 0) {
		add_str(p, "style", "form");
		add_bool(p, "explode", false);
	}
	add(p, "schema", schema);
	push(params, p);
}

static cJSON *
bounded(int64_t min, int64_t max, int64_t def)
{
	cJSON *s = typed("integer");

	cl_json_add_int(s, "minimum", min);
	if (max >= 0)
		cl_json_add_int(s, "maximum", max);
	if (def >= 0)
		cl_json_add_int(s, "default", def);
	return s;
}

static void
filter_param(cJSON *params, const struct cl_filter *flt)
{
	cJSON *s = NULL;
	const char *description = NULL;

	switch (flt->type) {
	case CL_FILTER_STR:
		s = typed("string");
		break;
	case CL_FILTER_INT:
		s = typed("integer");
		break;
	case CL_FILTER_ID:
		s = bounded(1, -1, -1);
		if (flt->exists != NULL)
			description = "An id that must exist (400 otherwise).";
		break;
	case CL_FILTER_BOOL:
		s = typed("boolean");
		description = "true, false, 1 or 0, in any case.";
		break;
	case CL_FILTER_ENUM:
		s = typed("string");
		add_enum(s, flt->values, false);
		break;
	case CL_FILTER_ENUM_LIST: {
		cJSON *items = typed("string");

		add_enum(items, flt->values, false);
		s = array_of(items);
		description = "A comma-separated list of the values.";
		break;
	}
	case CL_FILTER_DATE:
		s = typed("string");
		add_str(s, "format", "date");
		break;
	}
	if (s == NULL)
		CL_BUG("filter %s has an unknown type %d", flt->param,
		    (int)flt->type);
	add_param(params, flt->param, s, description);
}

/* The query parameters cl_list_parse reads by spec, in a fixed order:
 * filters in table order, search, ordering, then the window. */
static cJSON *
list_params(const struct cl_list_spec *spec)
{
	cJSON *params = must(cJSON_CreateArray());
	const struct cl_filter *flt;
	const struct cl_ordering *o;
	int64_t max = spec->max > 0 ? spec->max : CL_LIST_MAX;
	char buf[NAME_MAX_LEN + 2];

	for (flt = spec->filters; flt != NULL && flt->param != NULL; flt++)
		filter_param(params, flt);
	if (spec->search != NULL && spec->search[0] != NULL) {
		cJSON *s = typed("string");

		cl_json_add_int(s, "maxLength", CL_SEARCH_MAX);
		add_param(params, "search", s, "Case-insensitive text match.");
	}
	if (spec->orderings != NULL && spec->orderings[0].name != NULL) {
		cJSON *items = typed("string");
		cJSON *values = must(cJSON_CreateArray());

		for (o = spec->orderings; o->name != NULL; o++) {
			push(values, cJSON_CreateString(o->name));
			snprintf(buf, sizeof(buf), "-%s", o->name);
			push(values, cJSON_CreateString(buf));
		}
		add(items, "enum", values);
		add_param(params, "ordering", array_of(items),
		    "Sort keys, comma-separated; a leading - sorts descending.");
	}
	if (spec->pagination == CL_PAGE_NUMBER) {
		/* page.h caps page_size at CL_PAGE_MAX whatever the spec. */
		add_param(params, "page", bounded(1, -1, 1), NULL);
		add_param(params, "page_size",
		    bounded(1, max < CL_PAGE_MAX ? max : CL_PAGE_MAX,
		    CL_PAGE_DEFAULT),
		    "Larger values are capped.");
	} else {
		add_param(params, "limit", bounded(1, max, -1),
		    "Rows per page; given, the answer is the envelope.");
		add_param(params, "offset", bounded(0, -1, 0), NULL);
	}
	return params;
}

/* "price list", "price_list", "price-list": "PriceList". False when the
 * noun gives no name or too long a one. */
static bool
schema_name(const char *noun, char *buf, size_t len)
{
	size_t n = 0;
	bool up = true;

	if (noun == NULL)
		return false;
	for (; *noun != '\0'; noun++) {
		char c = *noun;

		if (c == ' ' || c == '_' || c == '-') {
			up = true;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9')))
			return false;
		if (up && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		up = false;
		if (n + 1 >= len)
			return false;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return n > 0;
}

/* Files schema (taken) under name, once: the same name again must mean
 * the same schema. Returns a $ref to it, or NULL (said why) on a clash. */
static cJSON *
named(cJSON *schemas, const char *name, cJSON *schema)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(schemas, name);

	if (old != NULL) {
		bool same = cJSON_Compare(old, schema, true);

		cJSON_Delete(schema);
		if (!same) {
			fprintf(stderr, "clientele: two resources define the "
			    "schema %s differently (the same noun?)\n", name);
			return NULL;
		}
		return ref(name);
	}
	add(schemas, name, schema);
	return ref(name);
}

/* What a route reads and answers: from its resource and method, with the
 * tables the route names itself taking precedence. */
struct shape {
	const struct cl_field		*body;
	enum body_mode			mode;
	const struct cl_field		*reply;
	bool				is_list;
	const struct cl_list_spec	*list;
	int				status;  /* 0: the code does not say */
};

static bool
ends_in_param(const char *pattern)
{
	size_t n = strlen(pattern);

	return n > 0 && pattern[n - 1] == '}';
}

static void
route_shape(const struct cl_route *rt, struct shape *sh)
{
	const struct cl_resource *res = rt->resource;

	memset(sh, 0, sizeof(*sh));
	sh->mode = rt->method == CL_PATCH ? BODY_PARTIAL : BODY_FULL;
	if (res != NULL) {
		switch (rt->method) {
		case CL_GET:
			sh->reply = res->cols;
			sh->status = 200;
			if (!ends_in_param(rt->pattern)) {
				sh->is_list = true;
				sh->list = res->sql ? res->sql->list : NULL;
			}
			break;
		case CL_POST:
		case CL_PUT:
		case CL_PATCH:
			sh->body = res->cols;
			sh->reply = res->cols;
			sh->status = rt->method == CL_POST ? 201 : 200;
			break;
		case CL_DELETE:
			sh->status = 204;
			break;
		default:
			break;
		}
	}
	if (rt->body != NULL)
		sh->body = rt->body;
	if (rt->reply != NULL)
		sh->reply = rt->reply;
	if (rt->list != NULL) {
		sh->list = rt->list;
		sh->is_list = true;
	}
}

static cJSON *
route_flags(const struct cl_route *rt)
{
	/* Sorted by name, so the dump's order never depends on the bits. */
	static const struct {
		unsigned	bit;
		const char	*name;
	} names[] = {
		{ CL_APIKEY, "apikey" },
		{ CL_IDEMPOTENT, "idempotent" },
		{ CL_JSON_BODY, "json_body" },
		{ CL_OPTIONAL_AUTH, "optional_auth" },
		{ CL_PUBLIC, "public" },
		{ CL_TX, "tx" },
	};
	cJSON *list = must(cJSON_CreateArray());
	size_t i;

	for (i = 0; i < CL_NELEMS(names); i++) {
		if (rt->flags & names[i].bit)
			push(list, cJSON_CreateString(names[i].name));
		/* public_if: the configuration may make it public. */
		if (names[i].bit == CL_PUBLIC && rt->public_if != NULL)
			push(list, cJSON_CreateString("public_if_configured"));
	}
	return list;
}

/* The request body's schema, named <Noun>Input or <Noun>Patch when it is
 * the resource's own table (noun: its CamelCase name), or NULL on a clash. */
static cJSON *
body_entry(const struct cl_route *rt, const struct shape *sh,
    const char *noun, cJSON *schemas)
{
	char name[NAME_MAX_LEN];
	cJSON *s = body_schema(sh->body, sh->mode);

	if (rt->resource == NULL || sh->body != rt->resource->cols)
		return s;
	snprintf(name, sizeof(name), "%s%s", noun,
	    sh->mode == BODY_PARTIAL ? "Patch" : "Input");
	return named(schemas, name, s);
}

/* The success body's schema: a row or a list of rows (in the envelope
 * named <Noun>Page for the resource's own table), or NULL on a clash. */
static cJSON *
reply_body(const struct cl_route *rt, const struct shape *sh,
    const char *noun, cJSON *schemas)
{
	bool own = rt->resource != NULL && sh->reply == rt->resource->cols;
	char name[NAME_MAX_LEN];
	cJSON *item, *page = NULL;

	item = sh->reply ? reply_schema(sh->reply) : must(cJSON_CreateObject());
	if (own && (item = named(schemas, noun, item)) == NULL)
		return NULL;
	if (!sh->is_list)
		return item;
	if (sh->list != NULL && own) {
		snprintf(name, sizeof(name), "%sPage", noun);
		page = named(schemas, name, page_schema(ref(noun)));
		if (page == NULL) {
			cJSON_Delete(item);
			return NULL;
		}
	} else if (sh->list != NULL) {
		page = page_schema(must(cJSON_Duplicate(item, true)));
	}
	return list_reply(sh->list, item, page);
}

/* The body, reply and parameters of one route, into e. Returns CL_OK or
 * CL_EINVAL on a name clash or a noun that makes no name. */
static int
route_schemas(const struct cl_route *rt, cJSON *e, cJSON *schemas)
{
	const struct cl_resource *res = rt->resource;
	char noun[NAME_MAX_LEN - 8] = "";
	struct shape sh;
	cJSON *s, *reply;

	route_shape(rt, &sh);
	if (res != NULL && !schema_name(res->noun, noun, sizeof(noun))) {
		fprintf(stderr, "clientele: %s %s: the resource's noun \"%s\" "
		    "makes no schema name\n", cl_method_name(rt->method),
		    rt->pattern, res->noun ? res->noun : "(null)");
		return CL_EINVAL;
	}
	if (sh.body != NULL) {
		if ((s = body_entry(rt, &sh, noun, schemas)) == NULL)
			return CL_EINVAL;
		add(e, "body", s);
	}
	if (sh.reply == NULL && !sh.is_list && sh.status == 0)
		return CL_OK;
	reply = must(cJSON_CreateObject());
	if (sh.status != 0)
		cl_json_add_int(reply, "status", sh.status);
	if (sh.reply != NULL || sh.is_list) {
		if ((s = reply_body(rt, &sh, noun, schemas)) == NULL) {
			cJSON_Delete(reply);
			return CL_EINVAL;
		}
		add(reply, "schema", s);
	}
	add(e, "reply", reply);
	if (sh.is_list && sh.list != NULL)
		add(e, "parameters", list_params(sh.list));
	return CL_OK;
}

struct entry {
	const struct cl_module	*module;
	const struct cl_route	*route;
	size_t			index;   /* table order, the last tie-break */
};

static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->route->pattern, b->route->pattern);

	if (c != 0)
		return c;
	/* enum cl_method's bits run GET POST PUT PATCH DELETE. */
	if (a->route->method != b->route->method)
		return a->route->method < b->route->method ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int
name_cmp(const void *pa, const void *pb)
{
	const cJSON *const *a = pa, *const *b = pb;

	return strcmp((*a)->string, (*b)->string);
}

/* The members of obj, detached and put back ordered by key. */
static void
sort_members(cJSON *obj)
{
	size_t n = (size_t)cJSON_GetArraySize(obj), i;
	cJSON **items;

	if (n < 2)
		return;
	items = calloc(n, sizeof(*items));
	if (items == NULL)
		abort();
	for (i = 0; i < n; i++)
		items[i] = must(cJSON_DetachItemFromArray(obj, 0));
	qsort(items, n, sizeof(*items), name_cmp);
	for (i = 0; i < n; i++)
		push(obj, items[i]);
	free(items);
}

static cJSON *
route_entry(const struct entry *en, cJSON *schemas)
{
	const struct cl_route *rt = en->route;
	cJSON *e = must(cJSON_CreateObject());

	add_str(e, "method", cl_method_name(rt->method));
	add_str(e, "pattern", rt->pattern);
	add_str(e, "module", en->module->name);
	add(e, "permission", rt->perm ? cJSON_CreateString(rt->perm) :
	    cJSON_CreateNull());
	add(e, "flags", route_flags(rt));
	if (rt->resource != NULL)
		add_str(e, "resource", rt->resource->noun ? rt->resource->noun :
		    "");
	if (route_schemas(rt, e, schemas) != CL_OK) {
		cJSON_Delete(e);
		return NULL;
	}
	return e;
}

cJSON *
cl_schema_build(const struct cl_module *const *mods)
{
	cJSON *doc = must(cJSON_CreateObject());
	cJSON *routes = must(cJSON_CreateArray());
	cJSON *schemas = must(cJSON_CreateObject());
	struct entry *entries;
	size_t n = 0, i, mi;
	const struct cl_route *rt;

	for (mi = 0; mods[mi] != NULL; mi++)
		for (rt = mods[mi]->routes; rt->pattern != NULL; rt++)
			n++;
	entries = calloc(n ? n : 1, sizeof(*entries));
	if (entries == NULL)
		abort();
	n = 0;
	for (mi = 0; mods[mi] != NULL; mi++)
		for (rt = mods[mi]->routes; rt->pattern != NULL; rt++) {
			entries[n].module = mods[mi];
			entries[n].route = rt;
			entries[n].index = n;
			n++;
		}
	qsort(entries, n, sizeof(*entries), entry_cmp);

	add_str(doc, "format", "clientele-schema");
	cl_json_add_int(doc, "version", CL_SCHEMA_VERSION);
	add(doc, "routes", routes);
	add(doc, "schemas", schemas);
	for (i = 0; i < n; i++) {
		cJSON *e = route_entry(&entries[i], schemas);

		if (e == NULL) {
			free(entries);
			cJSON_Delete(doc);
			return NULL;
		}
		push(routes, e);
	}
	free(entries);
	sort_members(schemas);
	return doc;
}

int
cl_schema_dump_modules(FILE *out, const struct cl_module *const *mods)
{
	cJSON *doc = cl_schema_build(mods);
	char *text;
	int rc = CL_OK;

	if (doc == NULL)
		return CL_EINVAL;
	text = cJSON_Print(doc);
	cJSON_Delete(doc);
	if (text == NULL)
		abort();
	if (fputs(text, out) == EOF || fputc('\n', out) == EOF ||
	    fflush(out) == EOF || ferror(out))
		rc = CL_EIO;
	cJSON_free(text);
	return rc;
}

int
cl_schema_dump(FILE *out)
{
	return cl_schema_dump_modules(out, cl_modules);
}
