/* Unit tests of the error renderer in src/core/response.c and the field
 * table reader in src/core/fields.c. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/errors.h"
#include "core/fields.h"
#include "core/request.h"
#include "core/response.h"

static void
test_response_error_body_has_contract_shape(void **state)
{
	cJSON *body = cl_error_render("not_found", "No plan has this id.", NULL);
	char *s = cJSON_PrintUnformatted(body);

	(void)state;
	assert_string_equal(s,
	    "{\"status\":\"error\",\"code\":\"not_found\",\"detail\":\"No plan has this id.\"}");
	free(s);
	cJSON_Delete(body);
}

static void
test_response_error_body_carries_field_errors(void **state)
{
	struct cl_req r;
	char *s;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.arena = cl_arena_new();
	r.request_id = "abc";
	cl_fail_field(&r, "name", "This field is required.");
	cl_fail_field(&r, "amount", "Too small.");
	cl_fail_field(&r, "name", "Second problem.");
	assert_true(cl_has_field_errors(&r));
	assert_int_equal(cl_fail_validation(&r), 400);
	assert_int_equal(r.resp.status, 400);
	s = r.resp.body;
	assert_string_equal(s,
	    "{\"status\":\"error\",\"code\":\"validation_error\","
	    "\"detail\":\"The request has invalid fields; see errors.\","
	    "\"errors\":{\"name\":[\"This field is required.\",\"Second problem.\"],"
	    "\"amount\":[\"Too small.\"]}}");
	cl_arena_free(r.arena);
}

static void
test_response_401_sets_www_authenticate(void **state)
{
	struct cl_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.arena = cl_arena_new();
	r.request_id = "abc";
	assert_int_equal(cl_fail(&r, 401, "not_authenticated", "No."), 401);
	assert_int_equal(r.resp.nheaders, 1);
	assert_string_equal(r.resp.headers[0].name, "WWW-Authenticate");
	/* A header carrying CR or LF never reaches the client. */
	cl_reply_header(&r, "Content-Disposition", "a\r\nSet-Cookie: x=1");
	cl_reply_header(&r, "X-Bad\nName", "1");
	assert_int_equal(r.resp.nheaders, 1);
	cl_reply_header(&r, "X-Fine", "1");
	assert_int_equal(r.resp.nheaders, 2);
	assert_int_equal(cl_fail_db(&r, CL_EDOWN), 503);
	assert_int_equal(cl_fail_db(&r, CL_EDB), 500);
	assert_non_null(strstr(r.resp.body, "request id abc"));
	cl_arena_free(r.arena);
}

struct plan_in {
	const char	*name;
	int64_t		cents;
	int64_t		cycle;
	bool		cancellable;
	const char	*start;
};

static const struct cl_field plan_fields[] = {
	CL_STR("name", struct plan_in, name, CL_REQUIRED, 1, 10),
	CL_MONEY("amount", struct plan_in, cents, CL_REQUIRED, 1, 1000000),
	CL_INT("payment_cycle", struct plan_in, cycle, 0, 1, 365),
	CL_BOOL("is_cancellable", struct plan_in, cancellable, 0),
	CL_DATE("start", struct plan_in, start, CL_NULLABLE),
	{ 0 }
};

static int
read_body(const char *json, struct plan_in *in, enum cl_fields_mode mode,
    uint64_t *present, char **errors_out)
{
	struct cl_arena *a = cl_arena_new();
	cJSON *obj = cJSON_Parse(json), *errors = cJSON_CreateObject();
	int rc;

	memset(in, 0, sizeof(*in));
	rc = cl_fields_read(a, plan_fields, obj, in, mode, present, errors);
	*errors_out = cJSON_PrintUnformatted(errors);
	/* Strings read live in the arena; the tests only look at numbers
	 * after this point, and at the name while the arena lives. */
	if (in->name != NULL)
		in->name = strcmp(in->name, "Gold") == 0 ? "Gold" : "other";
	in->start = NULL;
	cJSON_Delete(obj);
	cJSON_Delete(errors);
	cl_arena_free(a);
	return rc;
}

static void
test_fields_reads_valid_body(void **state)
{
	struct plan_in in;
	uint64_t present;
	char *errors;

	(void)state;
	assert_int_equal(read_body("{\"name\":\"Gold\",\"amount\":1200.5,"
	    "\"is_cancellable\":true,\"id\":99,\"start\":null}", &in,
	    CL_FIELDS_FULL, &present, &errors), CL_OK);
	assert_string_equal(errors, "{}");
	assert_string_equal(in.name, "Gold");
	assert_int_equal(in.cents, 120050);
	assert_true(in.cancellable);
	assert_int_equal(present, 1 | 2 | 8 | 16);
	assert_true(cl_fields_given(plan_fields, present, "amount"));
	assert_false(cl_fields_given(plan_fields, present, "payment_cycle"));
	free(errors);
}

static void
test_fields_reports_each_problem(void **state)
{
	struct plan_in in;
	uint64_t present;
	char *errors;

	(void)state;
	assert_int_equal(read_body("{\"amount\":-5,\"payment_cycle\":\"x\","
	    "\"is_cancellable\":1,\"start\":\"2021-02-30\"}", &in,
	    CL_FIELDS_FULL, &present, &errors), CL_EINVAL);
	assert_string_equal(errors,
	    "{\"name\":[\"This field is required.\"],"
	    "\"amount\":[\"Ensure this value is greater than or equal to 0.01.\"],"
	    "\"payment_cycle\":[\"A valid integer is required.\"],"
	    "\"is_cancellable\":[\"Must be a valid boolean.\"],"
	    "\"start\":[\"Date has wrong format. Use one of these formats instead: YYYY-MM-DD.\"]}");
	free(errors);
	assert_int_equal(read_body("{\"name\":\"much too long\",\"amount\":\"1.234\"}",
	    &in, CL_FIELDS_FULL, &present, &errors), CL_EINVAL);
	assert_string_equal(errors,
	    "{\"name\":[\"Ensure this field has no more than 10 characters.\"],"
	    "\"amount\":[\"A valid number with at most 2 decimal places is required.\"]}");
	free(errors);
}

static void
test_fields_partial_mode_requires_nothing(void **state)
{
	struct plan_in in;
	uint64_t present;
	char *errors;

	(void)state;
	assert_int_equal(read_body("{\"payment_cycle\":\"30\"}", &in,
	    CL_FIELDS_PARTIAL, &present, &errors), CL_OK);
	assert_int_equal(in.cycle, 30);
	assert_int_equal(present, 4);
	free(errors);
	assert_int_equal(read_body("{\"name\":null}", &in, CL_FIELDS_PARTIAL,
	    &present, &errors), CL_EINVAL);
	assert_string_equal(errors, "{\"name\":[\"This field may not be null.\"]}");
	free(errors);
}

static void
test_fields_email_check(void **state)
{
	(void)state;
	assert_true(cl_is_email("a@b.co"));
	assert_false(cl_is_email("a@b"));
	assert_false(cl_is_email("@b.co"));
	assert_false(cl_is_email("a b@c.de"));
	assert_false(cl_is_email("a@@c.de"));
	assert_false(cl_is_email("a@c.de."));
}

/* Seed 000's success envelope holds the data as given. */
static void
test_response_success_wraps_data(void **state)
{
	cJSON *data = cJSON_CreateObject();
	cJSON *env;
	char *text;

	(void)state;
	cJSON_AddStringToObject(data, "message", "created");
	env = cl_success_wrap(data);
	text = cJSON_PrintUnformatted(env);
	assert_string_equal(text,
	    "{\"status\":\"success\",\"data\":{\"message\":\"created\"}}");
	free(text);
	cJSON_Delete(env);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_response_error_body_has_contract_shape),
		cmocka_unit_test(test_response_success_wraps_data),
		cmocka_unit_test(test_response_error_body_carries_field_errors),
		cmocka_unit_test(test_response_401_sets_www_authenticate),
		cmocka_unit_test(test_fields_reads_valid_body),
		cmocka_unit_test(test_fields_reports_each_problem),
		cmocka_unit_test(test_fields_partial_mode_requires_nothing),
		cmocka_unit_test(test_fields_email_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
