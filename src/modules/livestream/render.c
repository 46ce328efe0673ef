/* Module livestream: the column tables of its records. The JSON keys are
 * seed 002's camelCase; db.c's SELECTs alias their columns to them, in
 * table order. Rendering is cl_cols_render of these tables. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <stddef.h>

#include "core/fields.h"
#include "core/banned.h"

const char *const live_stream_statuses[] = { "requested", "streaming",
	"completed", "missed", "expired", NULL };
const char *const live_dealer_statuses[] = { "active", "inactive", NULL };
const char *const live_presences[] = { "online", "offline", NULL };

/* clang-format off */
#define S struct live_stream
const struct cl_field live_stream_cols[] = {
	CL_COL_STR("id",                S, id,                CL_READONLY, 32, 32),
	CL_COL_ID("organizationId",     S, organization_id,   CL_READONLY),
	CL_COL_STR("organizationName",  S, organization_name, CL_READONLY, 0, 200),
	CL_COL_STR("vin",               S, vin,               CL_READONLY, 0, 17),
	CL_COL_STR("carMake",           S, car_make,          CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("carModel",          S, car_model,         CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("carType",           S, car_type,          CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("firstName",         S, first_name,        CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_STR("lastName",          S, last_name,         CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_STR("phone",             S, phone,             CL_READONLY | CL_NULLABLE, 0, 32),
	CL_COL_STR("email",             S, email,             CL_READONLY | CL_NULLABLE, 0, 254),
	CL_COL_ID("dealerId",           S, dealer_id,         CL_READONLY | CL_NULLABLE),
	CL_COL_ENUM("status",           S, status,            CL_READONLY, live_stream_statuses),
	CL_COL_STR("note",              S, note,              CL_READONLY | CL_NULLABLE, 0, 5000),
	CL_COL_DATETIME("requestedAt",  S, requested_at,      0),
	CL_COL_DATETIME("acceptedAt",   S, accepted_at,       CL_NULLABLE),
	CL_COL_DATETIME("lastPingAt",   S, last_ping_at,      CL_NULLABLE),
	CL_COL_DATETIME("finishedAt",   S, finished_at,       CL_NULLABLE),
	CL_COL_DATETIME("createdAt",    S, created_at,        0),
	{ 0 }
};
#undef S

#define L struct live_lead
const struct cl_field live_lead_cols[] = {
	CL_COL_PK("id",                 L, id),
	CL_COL_STR("streamId",          L, stream_id,         CL_READONLY | CL_NULLABLE, 0, 32),
	CL_COL_ID("organizationId",     L, organization_id,   CL_READONLY),
	CL_COL_STR("organizationName",  L, organization_name, CL_READONLY, 0, 200),
	CL_COL_STR("vin",               L, vin,               CL_READONLY, 0, 17),
	CL_COL_STR("carMake",           L, car_make,          CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("carModel",          L, car_model,         CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("carType",           L, car_type,          CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("status",            L, status,            CL_READONLY | CL_NULLABLE, 0, 20),
	CL_COL_STR("email",             L, email,             CL_READONLY | CL_NULLABLE, 0, 254),
	CL_COL_STR("firstName",         L, first_name,        CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_STR("lastName",          L, last_name,         CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_STR("phone",             L, phone,             CL_READONLY | CL_NULLABLE, 0, 32),
	CL_COL_STR("comment",           L, comment,           CL_READONLY | CL_NULLABLE, 0, 5000),
	CL_COL_DATETIME("createdAt",    L, created_at,        0),
	{ 0 }
};
#undef L

#define O struct live_org
const struct cl_field live_org_cols[] = {
	CL_COL_PK("id",                 O, id),
	CL_COL_STR("name",              O, name,              CL_READONLY, 1, 200),
	CL_COL_STR("code",              O, code,              CL_READONLY, 1, 100),
	CL_COL_STR("token",             O, token,             CL_READONLY, 1, 100),
	CL_COL_STR("loanLinkUrl",       O, loan_link_url,     CL_READONLY | CL_NULLABLE, 0, 1000),
	CL_COL_DATETIME("createdAt",    O, created_at,        0),
	{ 0 }
};
#undef O

#define D struct live_dealer
const struct cl_field live_dealer_cols[] = {
	CL_COL_PK("id",                 D, id),
	CL_COL_STR("email",             D, email,             CL_READONLY | CL_NULLABLE, 0, 254),
	CL_COL_STR("username",          D, username,          CL_READONLY | CL_NULLABLE, 0, 150),
	CL_COL_STR("firstName",         D, first_name,        CL_READONLY, 0, 150),
	CL_COL_STR("lastName",          D, last_name,         CL_READONLY, 0, 150),
	CL_COL_STR("phone",             D, phone,             CL_READONLY | CL_NULLABLE, 0, 20),
	CL_COL_ID("organizationId",     D, organization_id,   CL_READONLY),
	CL_COL_ENUM("status",           D, status,            CL_READONLY, live_dealer_statuses),
	CL_COL_ENUM("accountStatus",    D, account_status,    CL_READONLY, live_presences),
	CL_COL_DATETIME("createdAt",    D, created_at,        0),
	{ 0 }
};
#undef D

#define V struct live_vehicle
const struct cl_field live_vehicle_cols[] = {
	CL_COL_PK("id",                 V, id),
	CL_COL_ID("organizationId",     V, organization_id,   CL_READONLY),
	CL_COL_STR("vin",               V, vin,               CL_READONLY, 17, 17),
	CL_COL_STR("make",              V, make,              CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("model",             V, model,             CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_STR("type",              V, type,              CL_READONLY | CL_NULLABLE, 0, 100),
	CL_COL_INT("year",              V, year,              CL_READONLY, 0, 9999),
	CL_COL_DATETIME("createdAt",    V, created_at,        0),
	{ 0 }
};
#undef V

#define M struct live_message
const struct cl_field live_message_cols[] = {
	CL_COL_PK("id",                 M, id),
	CL_COL_STR("streamId",          M, stream_id,         CL_READONLY, 32, 32),
	/* FROM is an SQL keyword: the column is sender. */
	{ "from", CL_F_STR, offsetof(M, from), CL_READONLY, 1, 100, "sender", NULL },
	CL_COL_STR("message",           M, message,           CL_READONLY, 1, 2000),
	CL_COL_DATETIME("createdAt",    M, created_at,        0),
	{ 0 }
};
#undef M
/* clang-format on */
