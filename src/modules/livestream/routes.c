/* Module livestream: the route table (API.md §7). Open this file first:
 * each line names a route's handler (dashboard.c, streams.c, leads.c,
 * vin.c, pusher.c), who may call it and the generic checks dispatch.c runs
 * before it. Every route requires a valid apikey (CL_APIKEY); CL_PUBLIC
 * ones need nothing else (the customer's app), the others a user's token.
 * Writes that publish an event are CL_TX, so the event commits with them.
 * Then the periodic job (jobs.c), the [livestream] and [pusher] keys and
 * the clientelectl commands (cli.c). */
#include "config.h"

#include "modules/livestream/livestream.h"

#include "modules/livestream/internal.h"
#include "core/command.h"
#include "core/conf.h"
#include "core/banned.h"

#define DASH "dashboard:read"
#define KEY CL_APIKEY
#define OPEN (CL_PUBLIC | CL_APIKEY)

/* clang-format off */
static const struct cl_route routes[] = {
	{ .method = CL_GET,  .pattern = "/dashboard/getorganizations", .handler = live_orgs_list,
	  .perm = DASH, .flags = KEY, .list = &live_org_list, .reply = live_org_cols },
	{ .method = CL_GET,  .pattern = "/dashboard/getcalls",        .handler = live_calls_list,
	  .perm = DASH, .flags = KEY, .list = &live_call_list, .reply = live_stream_cols },
	{ .method = CL_GET,  .pattern = "/dashboard/getleads",        .handler = live_leads_list,
	  .perm = DASH, .flags = KEY, .list = &live_lead_list, .reply = live_lead_cols },
	{ .method = CL_GET,  .pattern = "/dashboard/exportcsvcalls",  .handler = live_calls_export,
	  .perm = DASH, .flags = KEY | CL_REPLICA, .list = &live_call_list },
	{ .method = CL_GET,  .pattern = "/dashboard/exportcsvleads",  .handler = live_leads_export,
	  .perm = DASH, .flags = KEY | CL_REPLICA, .list = &live_lead_list },
	{ .method = CL_GET,  .pattern = "/dashboard/countcall",       .handler = live_calls_count,
	  .perm = DASH, .flags = KEY | CL_REPLICA, .list = &live_call_list },
	{ .method = CL_GET,  .pattern = "/dashboard/countlead",       .handler = live_leads_count,
	  .perm = DASH, .flags = KEY | CL_REPLICA, .list = &live_lead_list },
	{ .method = CL_GET,  .pattern = "/dashboard/countcalllead",   .handler = live_calls_leads_count,
	  .perm = DASH, .flags = KEY | CL_REPLICA },
	{ .method = CL_GET,  .pattern = "/dashboard/countallcalllead", .handler = live_calls_leads_count_all,
	  .perm = DASH, .flags = KEY | CL_REPLICA },
	{ .method = CL_GET,  .pattern = "/organization/getdealers",   .handler = live_dealers_list,
	  .perm = DASH, .flags = KEY, .list = &live_dealer_list, .reply = live_dealer_cols },
	{ .method = CL_GET,  .pattern = "/organization/countdealer",  .handler = live_dealers_count,
	  .perm = DASH, .flags = KEY, .list = &live_dealer_list },

	{ .method = CL_POST, .pattern = "/streams/request/{organizationCode}", .handler = live_streams_create,
	  .flags = OPEN | CL_JSON_BODY | CL_TX, .reply = live_stream_cols },
	{ .method = CL_POST, .pattern = "/streams/accept/{streamId}", .handler = live_streams_accept,
	  .perm = "streams:accept", .flags = KEY | CL_TX, .reply = live_stream_cols },
	{ .method = CL_POST, .pattern = "/streams/stop/{streamId}",   .handler = live_streams_stop,
	  .flags = OPEN | CL_TX, .reply = live_stream_cols },
	{ .method = CL_GET,  .pattern = "/streams/{streamId}",        .handler = live_streams_show,
	  .flags = OPEN, .reply = live_stream_cols },
	{ .method = CL_GET,  .pattern = "/streams",                   .handler = live_streams_list,
	  .flags = KEY, .list = &live_stream_list, .reply = live_stream_cols },
	{ .method = CL_POST, .pattern = "/ping",                       .handler = live_pings_create,
	  .flags = KEY },
	{ .method = CL_POST, .pattern = "/streams/log/{streamId}",    .handler = live_logs_create,
	  .flags = OPEN | CL_JSON_BODY },
	{ .method = CL_POST, .pattern = "/streams/note/{streamId}",   .handler = live_notes_update,
	  .flags = KEY | CL_JSON_BODY, .reply = live_stream_cols },
	{ .method = CL_POST, .pattern = "/streams/sendloanlink/{streamId}", .handler = live_loanlinks_create,
	  .flags = KEY | CL_TX },
	{ .method = CL_POST, .pattern = "/leads",                     .handler = live_leads_create,
	  .flags = OPEN | CL_JSON_BODY, .reply = live_lead_cols },
	{ .method = CL_GET,  .pattern = "/vin/{vin}",                 .handler = live_vins_show,
	  .flags = OPEN },
	{ .method = CL_POST, .pattern = "/socket/auth",               .handler = live_sockets_auth,
	  .flags = KEY },
	{ .method = CL_POST, .pattern = "/chat/{streamId}",           .handler = live_messages_create,
	  .flags = OPEN | CL_JSON_BODY, .reply = live_message_cols },
	{ .method = CL_GET,  .pattern = "/chat/{streamId}",           .handler = live_messages_list,
	  .flags = OPEN, .reply = live_message_cols },
	{ 0 }
};
/* clang-format on */

static const struct cl_job jobs[] = {
	{ .name = "livestream", .run = live_job },
	{ 0 }
};

struct live_conf live_conf;
struct live_pusher_conf live_pusher_conf;

/* [livestream] and [pusher] (API.md §9; README). */
static const struct cl_conf_key live_keys[] = {
	CL_CONF_INT("request_timeout", struct live_conf, request_timeout, 1,
	    86400, 60),
	CL_CONF_INT("ping_timeout", struct live_conf, ping_timeout, 1, 86400,
	    30),
	{ 0 }
};

static const struct cl_conf_key pusher_keys[] = {
	CL_CONF_STR("app_id", struct live_pusher_conf, app_id, ""),
	CL_CONF_STR("key", struct live_pusher_conf, key, ""),
	CL_CONF_STR("secret", struct live_pusher_conf, secret, ""),
	CL_CONF_STR("url", struct live_pusher_conf, url, ""),
	{ 0 }
};

static const struct cl_conf_section conf[] = {
	{ .name = "livestream", .keys = live_keys, .storage = &live_conf,
	  .size = sizeof(live_conf) },
	{ .name = "pusher", .keys = pusher_keys, .storage = &live_pusher_conf,
	  .size = sizeof(live_pusher_conf) },
	{ 0 }
};

static const struct cl_command commands[] = {
	{ .name = "org", .run = live_cli_org, .usage = live_cli_org_usage },
	{ .name = "dealer", .run = live_cli_dealer,
	  .usage = live_cli_dealer_usage },
	{ .name = "vehicle", .run = live_cli_vehicle,
	  .usage = live_cli_vehicle_usage },
	{ 0 }
};

const struct cl_module livestream_module = {
	.name = "livestream",
	.routes = routes,
	.jobs = jobs,
	.conf = conf,
	.commands = commands,
};
