/* Unit tests of the module's JSON: the column tables of plans.c and
 * purchases.c rendered by cl_cols_render, and render.c's message. The
 * shapes of seed 001, money as "500.00" on plans and 500.00 in
 * plan_amount. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "core/columns.h"
#include "modules/subscriptions/internal.h"

/* Renders tree unformatted, compares with want, frees both. */
static void
assert_json(cJSON *tree, const char *want)
{
	char *got = cJSON_PrintUnformatted(tree);

	assert_non_null(got);
	assert_string_equal(got, want);
	cJSON_free(got);
	cJSON_Delete(tree);
}

static const struct subs_plan bronze = {
	.id = 1, .name = "Globalnet Bronze", .amount = 50000,
	.payment_cycle = 30, .total_valid_months = 12, .is_cancellable = false,
};

/* Seed 001's "View Plan Details", byte for byte. */
static void
test_render_plan_seed_shape(void **state)
{
	(void)state;
	assert_json(cl_cols_render(subs_plan_cols, &bronze),
	    "{\"id\":1,\"name\":\"Globalnet Bronze\",\"amount\":\"500.00\","
	    "\"payment_cycle\":30,\"total_valid_months\":12,"
	    "\"is_cancellable\":false}");
}

/* Amounts keep two decimals and never pass through a double. */
static void
test_render_plan_amount_is_exact_string(void **state)
{
	struct subs_plan p = bronze;
	cJSON *tree;

	(void)state;
	p.amount = 5;
	tree = cl_cols_render(subs_plan_cols, &p);
	assert_string_equal(cJSON_GetObjectItem(tree, "amount")->valuestring,
	    "0.05");
	cJSON_Delete(tree);
	p.amount = INT64_C(99999999999999);
	tree = cl_cols_render(subs_plan_cols, &p);
	assert_string_equal(cJSON_GetObjectItem(tree, "amount")->valuestring,
	    "999999999999.99");
	cJSON_Delete(tree);
	p.amount = 123410;
	p.is_cancellable = true;
	tree = cl_cols_render(subs_plan_cols, &p);
	assert_string_equal(cJSON_GetObjectItem(tree, "amount")->valuestring,
	    "1234.10");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(tree, "is_cancellable")));
	cJSON_Delete(tree);
}

static void
test_render_plans_array_in_order(void **state)
{
	struct subs_plan two[2] = { bronze, bronze };
	cJSON *tree;

	(void)state;
	two[1].id = 2;
	two[1].name = "Globalnet Sliver";
	tree = cl_cols_render_all(subs_plan_cols, two, 2, sizeof(two[0]));
	assert_int_equal(cJSON_GetArraySize(tree), 2);
	assert_int_equal(cJSON_GetArrayItem(tree, 1)->child->valuedouble, 2);
	cJSON_Delete(tree);
	assert_json(cl_cols_render_all(subs_plan_cols, NULL, 0,
	    sizeof(struct subs_plan)), "[]");
}

static struct subs_subscription
seed_subscription(void)
{
	return (struct subs_subscription){
		.id = 5, .user_id = 9, .plan_id = 1,
		.start_date = "2021-10-14", .end_date = "2022-10-09",
		.is_active = true, .plan_name = "Globalnet Bronze",
		.plan_amount = 50000, .plan_months_validity = 12,
		.plan_payment_cycle = 30, .plan_cancellable = false,
	};
}

/* Seed 001's purchase data, plan_amount a number with two decimals: the
 * ten keys of API.md §4 (neither user_id nor cancelled_at is shown). */
static void
test_render_subscription_seed_shape(void **state)
{
	struct subs_subscription s = seed_subscription();

	(void)state;
	assert_json(cl_cols_render(subs_subscription_cols, &s),
	    "{\"id\":5,\"plan_id\":1,\"start_date\":\"2021-10-14\","
	    "\"end_date\":\"2022-10-09\",\"is_active\":true,"
	    "\"plan_name\":\"Globalnet Bronze\",\"plan_amount\":500.00,"
	    "\"plan_months_validity\":12,\"plan_payment_cycle\":30,"
	    "\"plan_cancellable\":false}");
}

/* A cancelled subscription of a since-deleted plan. */
static void
test_render_subscription_cancelled_deleted_plan(void **state)
{
	struct subs_subscription s = seed_subscription();
	cJSON *tree;

	(void)state;
	s.plan_id = 0;
	s.is_active = false;
	s.plan_amount = 123456789;
	s.cancelled_at = "2021-11-01 08:30:00.120000";
	tree = cl_cols_render(subs_subscription_cols, &s);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(tree, "plan_id")));
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(tree, "is_active")));
	/* Kept in the table, not answered: API.md §4 lists ten keys. */
	assert_null(cJSON_GetObjectItem(tree, "cancelled_at"));
	assert_int_equal(cJSON_GetArraySize(tree), 10);
	assert_json(cJSON_Duplicate(cJSON_GetObjectItem(tree, "plan_amount"), 1),
	    "1234567.89");
	cJSON_Delete(tree);
}

static void
test_render_message_wraps_data(void **state)
{
	struct subs_subscription s = seed_subscription();
	cJSON *tree;

	(void)state;
	tree = subs_render_message("Plan is not cancellable",
	    cl_cols_render(subs_subscription_cols, &s));
	assert_string_equal(tree->child->string, "message");
	assert_string_equal(tree->child->valuestring, "Plan is not cancellable");
	assert_string_equal(tree->child->next->string, "data");
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(tree, "data"),
	    "id")->valuedouble, 5);
	cJSON_Delete(tree);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_plan_seed_shape),
		cmocka_unit_test(test_render_plan_amount_is_exact_string),
		cmocka_unit_test(test_render_plans_array_in_order),
		cmocka_unit_test(test_render_subscription_seed_shape),
		cmocka_unit_test(test_render_subscription_cancelled_deleted_plan),
		cmocka_unit_test(test_render_message_wraps_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
