/* Module billing: the route table (API.md §6). Open this file first: each
 * line names a route's handler (kams.c, customers.c), who may call it,
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
	{ 0 }
};
/* clang-format on */

static const struct cl_command commands[] = {
	{ .name = "kam", .run = bill_cli_kam, .usage = bill_cli_kam_usage },
	{ 0 }
};

const struct cl_module billing_module = {
	.name = "billing",
	.routes = routes,
	.commands = commands,
};
