/* Module billing: the route table (API.md §6). Open this file first: each
 * line names a route's handler (kams.c, customers.c, entitlements.c,
 * details.c, packages.c, utility.c, invoices.c, payments.c, views.c), who
 * may call it,
 * and the generic checks dispatch.c runs before it; then the CLI commands
 * (cli.c). Writes of audited
 * records are CL_TX: the record and its audit row commit together. */
#include "config.h"

#include "modules/billing/billing.h"

#include "modules/billing/internal.h"
#include "core/command.h"
#include "core/idempotency.h"
#include "core/banned.h"

#define READ "customers:read"
#define WRITE "customers:update"
#define BREAD "bills:read"
#define BCREATE "bills:create"
#define BUPDATE "bills:update"

/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_GET,    .pattern = "/customers/kam",            .handler = bill_kams_list,
	  .perm = READ, .resource = &bill_kam_resource },
	{ .method = CL_GET,    .pattern = "/customers/kam/{id}",       .handler = bill_kams_show,
	  .perm = READ, .resource = &bill_kam_resource },
	{ .method = CL_GET,    .pattern = "/customers/customers",      .handler = bill_customers_list,
	  .perm = READ, .flags = CL_LATE_CONFIRM, .resource = &bill_customer_resource },
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

	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/invoices", .handler = bill_customers_invoices,
	  .perm = BREAD, .resource = &bill_invoice_resource },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/payments", .handler = bill_customers_payments,
	  .perm = BREAD, .resource = &bill_payment_resource },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/payment_history", .handler = bill_customers_payment_history,
	  .perm = BREAD, .list = &bill_payment_history_list },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/bill_history", .handler = bill_customers_bill_history,
	  .perm = BREAD, .list = &bill_invoice_history_list },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/last_bill", .handler = bill_customers_last_bill,
	  .perm = BREAD, .reply = bill_invoice_cols },
	{ .method = CL_GET,    .pattern = "/customers/customers/{id}/previous_bill", .handler = bill_customers_previous_bill,
	  .perm = BREAD, .reply = bill_invoice_cols },

	{ .method = CL_GET,    .pattern = "/bills/invoices",      .handler = bill_invoices_list,
	  .perm = BREAD, .resource = &bill_invoice_resource },
	{ .method = CL_POST,   .pattern = "/bills/invoices",      .handler = bill_invoices_create,
	  .perm = BCREATE, .flags = CL_JSON_BODY | CL_TX | CL_IDEMPOTENT, .resource = &bill_invoice_resource },
	{ .method = CL_POST,   .pattern = "/bills/invoices/auto_generate", .handler = bill_invoices_auto_generate,
	  .perm = BCREATE, .flags = CL_JSON_BODY | CL_TX | CL_IDEMPOTENT, .body = bill_auto_generate_fields,
	  .reply = bill_invoice_cols },
	{ .method = CL_GET,    .pattern = "/bills/invoices/history", .handler = bill_invoices_history,
	  .perm = BREAD, .list = &bill_invoice_history_list },
	{ .method = CL_GET,    .pattern = "/bills/invoices/{id}", .handler = bill_invoices_show,
	  .perm = BREAD, .resource = &bill_invoice_resource },
	{ .method = CL_PUT,    .pattern = "/bills/invoices/{id}", .handler = bill_invoices_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_invoice_resource },
	{ .method = CL_PATCH,  .pattern = "/bills/invoices/{id}", .handler = bill_invoices_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_invoice_resource },
	{ .method = CL_DELETE, .pattern = "/bills/invoices/{id}", .handler = bill_invoices_delete,
	  .perm = BUPDATE, .flags = CL_TX, .resource = &bill_invoice_resource },

	{ .method = CL_GET,    .pattern = "/bills/invoice-details",      .handler = bill_lines_list,
	  .perm = BREAD, .resource = &bill_line_resource },
	{ .method = CL_POST,   .pattern = "/bills/invoice-details",      .handler = bill_lines_create,
	  .perm = BCREATE, .flags = CL_JSON_BODY | CL_TX | CL_IDEMPOTENT, .resource = &bill_line_resource },
	{ .method = CL_GET,    .pattern = "/bills/invoice-details/{id}", .handler = bill_lines_show,
	  .perm = BREAD, .resource = &bill_line_resource },
	{ .method = CL_PUT,    .pattern = "/bills/invoice-details/{id}", .handler = bill_lines_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_line_resource },
	{ .method = CL_PATCH,  .pattern = "/bills/invoice-details/{id}", .handler = bill_lines_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_line_resource },
	{ .method = CL_DELETE, .pattern = "/bills/invoice-details/{id}", .handler = bill_lines_delete,
	  .perm = BUPDATE, .flags = CL_TX, .resource = &bill_line_resource },

	{ .method = CL_GET,    .pattern = "/payments/payments",      .handler = bill_payments_list,
	  .perm = BREAD, .resource = &bill_payment_resource },
	{ .method = CL_POST,   .pattern = "/payments/payments",      .handler = bill_payments_create,
	  .perm = BCREATE, .flags = CL_JSON_BODY | CL_TX | CL_IDEMPOTENT, .resource = &bill_payment_resource },
	{ .method = CL_GET,    .pattern = "/payments/payments/history", .handler = bill_payments_history,
	  .perm = BREAD, .list = &bill_payment_history_list },
	{ .method = CL_GET,    .pattern = "/payments/payments/by_customer", .handler = bill_payments_by_customer,
	  .perm = BREAD },
	{ .method = CL_GET,    .pattern = "/payments/payments/{id}", .handler = bill_payments_show,
	  .perm = BREAD, .resource = &bill_payment_resource },
	{ .method = CL_PUT,    .pattern = "/payments/payments/{id}", .handler = bill_payments_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_payment_resource },
	{ .method = CL_PATCH,  .pattern = "/payments/payments/{id}", .handler = bill_payments_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_payment_resource },
	{ .method = CL_DELETE, .pattern = "/payments/payments/{id}", .handler = bill_payments_delete,
	  .perm = BUPDATE, .flags = CL_TX, .resource = &bill_payment_resource },

	{ .method = CL_GET,    .pattern = "/payments/payment-details",      .handler = bill_pdetails_list,
	  .perm = BREAD, .resource = &bill_payment_detail_resource },
	{ .method = CL_POST,   .pattern = "/payments/payment-details",      .handler = bill_pdetails_create,
	  .perm = BCREATE, .flags = CL_JSON_BODY | CL_TX | CL_IDEMPOTENT, .resource = &bill_payment_detail_resource },
	{ .method = CL_GET,    .pattern = "/payments/payment-details/{id}", .handler = bill_pdetails_show,
	  .perm = BREAD, .resource = &bill_payment_detail_resource },
	{ .method = CL_PUT,    .pattern = "/payments/payment-details/{id}", .handler = bill_pdetails_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_payment_detail_resource },
	{ .method = CL_PATCH,  .pattern = "/payments/payment-details/{id}", .handler = bill_pdetails_update,
	  .perm = BUPDATE, .flags = CL_JSON_BODY | CL_TX, .resource = &bill_payment_detail_resource },
	{ .method = CL_DELETE, .pattern = "/payments/payment-details/{id}", .handler = bill_pdetails_delete,
	  .perm = BUPDATE, .flags = CL_TX, .resource = &bill_payment_detail_resource },
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

/* Idempotency-Key rows (core's, sql/0023) are pruned here: billing's
 * POSTs are the first to honour the header. */
static const struct cl_job jobs[] = {
	{ .name = "idempotency_prune", .run = cl_idem_prune },
	{ 0 }
};

const struct cl_module billing_module = {
	.name = "billing",
	.routes = routes,
	.jobs = jobs,
	.commands = commands,
};
