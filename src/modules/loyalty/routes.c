/* Module loyalty: the route table (API.md §5, seed 003). Open this file
 * first: each line names a route's handler (clients.c, import.c,
 * credits.c, tickets.c), who may call it, and the generic checks
 * dispatch.c runs before it; then the [loyalty] section. Every route
 * points public_if at [loyalty] open: with open = true it is served
 * without credentials, as the seed's were (a closed network only). */
#include "config.h"

#include "modules/loyalty/loyalty.h"

#include "modules/loyalty/internal.h"
#include "core/conf.h"
#include "core/banned.h"

#define READ "loyalty:read"
#define WRITE "loyalty:write"
#define OPEN .public_if = &loy_conf.open

/* A route's .reply is its answer's table where the answer is one object;
 * the arrays of GET /data/{IdClient} and POST /data, and POST /credit's
 * {"Tickets":[...]}, are described in docs/openapi/loyalty.json. */
/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_GET,  .pattern = "/data",            .handler = loy_clients_list,
	  .perm = READ, OPEN, .resource = &loy_client_resource },
	{ .method = CL_POST, .pattern = "/data",            .handler = loy_clients_by_email,
	  .perm = READ, OPEN, .flags = CL_JSON_BODY, .body = loy_email_in_fields },
	{ .method = CL_GET,  .pattern = "/data/{IdClient}", .handler = loy_clients_show,
	  .perm = READ, OPEN },
	/* The seed's POST api/data/<slug:IdClient>: by email, slug ignored. */
	{ .method = CL_POST, .pattern = "/data/{IdClient}", .handler = loy_clients_by_email,
	  .perm = READ, OPEN, .flags = CL_JSON_BODY, .body = loy_email_in_fields },
	/* JSON or CSV: import.c checks the body itself. */
	{ .method = CL_POST, .pattern = "/update_db",       .handler = loy_import_create,
	  .perm = WRITE, OPEN, .flags = CL_TX, .reply = loy_import_out_fields },
	{ .method = CL_POST, .pattern = "/create_customer", .handler = loy_clients_create,
	  .perm = WRITE, OPEN, .flags = CL_JSON_BODY, .body = loy_create_in_fields,
	  .reply = loy_create_out_fields },
	{ .method = CL_POST, .pattern = "/cards",           .handler = loy_cards_create,
	  .perm = WRITE, OPEN, .flags = CL_JSON_BODY | CL_TX, .body = loy_card_in_fields,
	  .reply = loy_card_out_fields },
	{ .method = CL_POST, .pattern = "/credit",          .handler = loy_credit_create,
	  .perm = WRITE, OPEN, .flags = CL_JSON_BODY | CL_TX },
	{ .method = CL_GET,  .pattern = "/credit/{carteFid}", .handler = loy_credit_show,
	  .perm = READ, OPEN, .reply = loy_credit_out_fields },
	{ .method = CL_POST, .pattern = "/allow_credit",    .handler = loy_allow_credit_create,
	  .perm = WRITE, OPEN, .flags = CL_JSON_BODY | CL_TX, .body = loy_allow_in_fields,
	  .reply = loy_allow_out_fields },
	{ .method = CL_POST, .pattern = "/tickets",         .handler = loy_tickets_create,
	  .perm = WRITE, OPEN, .flags = CL_JSON_BODY | CL_TX, .reply = loy_ticket_cols },
	{ .method = CL_GET,  .pattern = "/get_tickets",     .handler = loy_tickets_list,
	  .perm = READ, OPEN, .list = &loy_ticket_list },
	{ 0 }
};
/* clang-format on */

/* [loyalty] (API.md §9, README). */
struct loy_conf loy_conf;

static const struct cl_conf_key loyalty_keys[] = {
	CL_CONF_BOOL("open", struct loy_conf, open, false), { 0 }
};

static const struct cl_conf_section conf[] = { { .name = "loyalty",
	                                           .keys = loyalty_keys,
	                                           .storage = &loy_conf,
	                                           .size = sizeof(loy_conf) },
	{ 0 } };

const struct cl_module loyalty_module = {
	.name = "loyalty",
	.routes = routes,
	.conf = conf,
};
