/* Module billing: the route table (API.md §6). Open this file first: each
 * line names a route's handler (kams.c, customers.c, entitlements.c,
 * details.c, packages.c, utility.c), who may call it,
 * and the generic checks dispatch.c runs before it; then the CLI commands
 * (cli.c). Writes of audited
 * records are CL_TX: the record and its audit row commit together. */
#include "config.h"

#include "modules/billing/billing.h"

#include "modules/billing/internal.h"
#include "core/command.h"
#include "core/banned.h"

#define READ "customers:read"
#define WRITE "customers:update"

/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_GET,    .pattern = "/customers/kam",            .handler = bill_kams_list,
	  .perm = READ, .resource = &bill_kam_resource },
	{ .method = CL_GET,    .pattern = "/customers/kam/{id}",       .handler = bill_kams_show,
	  .perm = READ, .resource = &bill_kam_resource },
	{ .method = CL_GET,    .pattern = "/customers/customers",      .handler = bill_customers_list,
	  .perm = READ, .resource = &bill_customer_resource },
	{ .method = CL_POST,   .pattern = "/customers/customers",      .handler = bill_customers_create,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_customer_resource },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}", .handler = bill_customers_show,
	  .perm = READ, .resource = &bill_customer_resource },
	{ .method = CL_PUT,    .pattern = "/customers/customers/{id}", .handler = bill_customers_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_customer_resource },
	{ .method = CL_PATCH,  .pattern = "/customers/customers/{id}", .handler = bill_customers_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_customer_resource },
	{ .method = CL_DELETE, .pattern = "/customers/customers/{id}", .handler = bill_customers_delete,
	  .perm = WRITE, .flags = CL_TX, .resource = &bill_customer_resource },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/entitlements", .handler = bill_customers_entitlements,
	  .perm = READ, .resource = &bill_entitlement_resource },

	{ .method = CL_GET,    .pattern = "/customers/entitlements",      .handler = bill_entitlements_list,
	  .perm = READ, .resource = &bill_entitlement_resource },
	{ .method = CL_POST,   .pattern = "/customers/entitlements",      .handler = bill_entitlements_create,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_entitlement_resource },
	{ .method = CL_GET,    .pattern = "/customers/entitlements/{id}", .handler = bill_entitlements_show,
	  .perm = READ, .resource = &bill_entitlement_resource },
	{ .method = CL_PUT,    .pattern = "/customers/entitlements/{id}", .handler = bill_entitlements_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_entitlement_resource },
	{ .method = CL_PATCH,  .pattern = "/customers/entitlements/{id}", .handler = bill_entitlements_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_entitlement_resource },
	{ .method = CL_DELETE, .pattern = "/customers/entitlements/{id}", .handler = bill_entitlements_delete,
	  .perm = WRITE, .flags = CL_TX, .resource = &bill_entitlement_resource },
	{ .method = CL_GET,    .pattern = "/customers/entitlements/{id}/details", .handler = bill_entitlements_details,
	  .perm = READ, .resource = &bill_detail_resource },
	{ .method = CL_POST,   .pattern = "/customers/entitlements/{id}/details", .handler = bill_entitlements_details_create,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX },  /* body: lists of rows (entitlements.c) */

	{ .method = CL_GET,    .pattern = "/customers/entitlement-details",      .handler = bill_details_list,
	  .perm = READ, .resource = &bill_detail_resource },
	{ .method = CL_POST,   .pattern = "/customers/entitlement-details",      .handler = bill_details_create,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_detail_resource },
	{ .method = CL_GET,    .pattern = "/customers/entitlement-details/bandwidth_types", .handler = bill_details_bandwidth_types,
	  .perm = READ },
	/* A history report: the replica may answer (seconds of lag). */
	{ .method = CL_GET,    .pattern = "/customers/entitlement-details/history", .handler = bill_details_history,
	  .perm = READ, .flags = CL_REPLICA, .list = &bill_detail_history_list },
	{ .method = CL_GET,    .pattern = "/customers/entitlement-details/{id}", .handler = bill_details_show,
	  .perm = READ, .resource = &bill_detail_resource },
	{ .method = CL_PUT,    .pattern = "/customers/entitlement-details/{id}", .handler = bill_details_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_detail_resource },
	{ .method = CL_PATCH,  .pattern = "/customers/entitlement-details/{id}", .handler = bill_details_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_detail_resource },
	{ .method = CL_DELETE, .pattern = "/customers/entitlement-details/{id}", .handler = bill_details_delete,
	  .perm = WRITE, .flags = CL_TX, .resource = &bill_detail_resource },

	{ .method = CL_GET,    .pattern = "/packages/packages",      .handler = bill_packages_list,
	  .perm = READ, .resource = &bill_package_resource },
	{ .method = CL_POST,   .pattern = "/packages/packages",      .handler = bill_packages_create,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_package_resource },
	{ .method = CL_GET,    .pattern = "/packages/packages/{id}", .handler = bill_packages_show,
	  .perm = READ, .resource = &bill_package_resource },
	{ .method = CL_PATCH,  .pattern = "/packages/packages/{id}", .handler = bill_packages_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_package_resource },
	{ .method = CL_GET,    .pattern = "/packages/packages/{id}/pricings", .handler = bill_packages_pricings,
	  .perm = READ, .resource = &bill_pricing_resource },

	{ .method = CL_GET,    .pattern = "/packages/package-pricings",      .handler = bill_pricings_list,
	  .perm = READ, .resource = &bill_pricing_resource },
	{ .method = CL_POST,   .pattern = "/packages/package-pricings",      .handler = bill_pricings_create,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_pricing_resource },
	{ .method = CL_GET,    .pattern = "/packages/package-pricings/{id}", .handler = bill_pricings_show,
	  .perm = READ, .resource = &bill_pricing_resource },
	{ .method = CL_PUT,    .pattern = "/packages/package-pricings/{id}", .handler = bill_pricings_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_pricing_resource },
	{ .method = CL_PATCH,  .pattern = "/packages/package-pricings/{id}", .handler = bill_pricings_update,
	  .perm = WRITE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_pricing_resource },
	{ .method = CL_DELETE, .pattern = "/packages/package-pricings/{id}", .handler = bill_pricings_delete,
	  .perm = WRITE, .flags = CL_TX, .resource = &bill_pricing_resource },

	{ .method = CL_GET,    .pattern = "/utility/utility-info",      .handler = bill_utility_list,
	  .perm = READ, .resource = &bill_utility_resource },
	{ .method = CL_GET,    .pattern = "/utility/utility-info/{id}", .handler = bill_utility_show,
	  .perm = READ, .resource = &bill_utility_resource },
	{ .method = CL_GET,    .pattern = "/utility/utility-details",      .handler = bill_utility_details_list,
	  .perm = READ, .resource = &bill_utility_detail_resource },
	{ .method = CL_GET,    .pattern = "/utility/utility-details/{id}", .handler = bill_utility_details_show,
	  .perm = READ, .resource = &bill_utility_detail_resource },
	{ 0 }
};
/* clang-format on */

static const struct cl_command commands[] = {
	{ .name = "kam", .run = bill_cli_kam, .usage = bill_cli_kam_usage },
	{ .name = "utility",
	    .run = bill_cli_utility,
	    .usage = bill_cli_utility_usage },
	{ 0 }
};

const struct cl_module billing_module = {
	.name = "billing",
	.routes = routes,
	.commands = commands,
};
