/* Module livestream: GET /vin/{vin} (API.md §7) and the VIN decoder it
 * falls back on (pure; tests/unit/livestream/test_vin.c): the check digit
 * of ISO 3779 / 49 CFR 565.15, the model year of position 10 (its cycle
 * chosen by position 7, 49 CFR 565.15(c)), and the manufacturer and
 * country of the WMI from a table of the common ones. */
#include "config.h"

#include "modules/livestream/internal.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "core/arena.h"
#include "core/columns.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/request.h"
#include "core/response.h"
#include "core/banned.h"

/* Letter values of the check-digit sum; 0 for I, O, Q (never in a VIN). */
static int
vin_value(char c)
{
	static const int letters[26] = {
		/* A  B  C  D  E  F  G  H  I  J  K  L  M */
		   1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4,
		/* N  O  P  Q  R  S  T  U  V  W  X  Y  Z */
		   5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9,
	};

	if (c >= '0' && c <= '9')
		return c - '0';
	return letters[c - 'A'];
}

static bool
vin_char_ok(char c)
{
	return (c >= '0' && c <= '9') ||
	    (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q');
}

char
live_vin_check_digit(const char *vin)
{
	static const int weights[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7,
		6, 5, 4, 3, 2 };
	int sum = 0, i;

	if (vin == NULL || strlen(vin) != 17)
		return 0;
	for (i = 0; i < 17; i++) {
		if (!vin_char_ok(vin[i]))
			return 0;
		sum += vin_value(vin[i]) * weights[i];
	}
	return sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
}

/* Position 10's code for the years 1980-2009 (and, a cycle on, 2010-2039):
 * letters without I, O, Q, U, Z, then 1-9. */
static int
model_year(char code, char pos7)
{
	static const char codes[] = "ABCDEFGHJKLMNPRSTVWXY123456789";
	const char *p = code ? strchr(codes, code) : NULL;

	if (p == NULL)
		return 0;
	return 1980 + (int)(p - codes) + (pos7 >= 'A' && pos7 <= 'Z' ? 30 : 0);
}

struct wmi_make {
	const char	*wmi;
	const char	*make;
};

/* clang-format off */
static const struct wmi_make makes[] = {
	{ "1FA", "Ford" }, { "1FM", "Ford" }, { "1FT", "Ford" }, { "1FD", "Ford" },
	{ "3FA", "Ford" }, { "1G1", "Chevrolet" }, { "1GC", "Chevrolet" },
	{ "1GN", "Chevrolet" }, { "2G1", "Chevrolet" }, { "3GN", "Chevrolet" },
	{ "1G6", "Cadillac" }, { "1GT", "GMC" }, { "1GK", "GMC" },
	{ "1HG", "Honda" }, { "2HG", "Honda" }, { "5FN", "Honda" },
	{ "JHM", "Honda" }, { "19U", "Acura" }, { "JH4", "Acura" },
	{ "1N4", "Nissan" }, { "JN1", "Nissan" }, { "JN8", "Nissan" },
	{ "5N1", "Nissan" }, { "4T1", "Toyota" }, { "4T3", "Toyota" },
	{ "5TD", "Toyota" }, { "5TF", "Toyota" }, { "2T1", "Toyota" },
	{ "2T3", "Toyota" }, { "JTD", "Toyota" }, { "JTE", "Toyota" },
	{ "JTM", "Toyota" }, { "JT2", "Toyota" }, { "JTH", "Lexus" },
	{ "JTJ", "Lexus" }, { "1C4", "Chrysler" }, { "2C3", "Chrysler" },
	{ "1J4", "Jeep" }, { "1C6", "Ram" }, { "1D7", "Dodge" }, { "2B3", "Dodge" },
	{ "5YJ", "Tesla" }, { "7SA", "Tesla" }, { "KMH", "Hyundai" },
	{ "5NP", "Hyundai" }, { "KNA", "Kia" }, { "KND", "Kia" },
	{ "5XY", "Kia" }, { "JF1", "Subaru" }, { "JF2", "Subaru" },
	{ "4S3", "Subaru" }, { "4S4", "Subaru" }, { "JM1", "Mazda" },
	{ "JM3", "Mazda" }, { "JA3", "Mitsubishi" }, { "JA4", "Mitsubishi" },
	{ "WBA", "BMW" }, { "WBS", "BMW" }, { "5UX", "BMW" }, { "WMW", "MINI" },
	{ "WDB", "Mercedes-Benz" }, { "WDD", "Mercedes-Benz" },
	{ "W1K", "Mercedes-Benz" }, { "4JG", "Mercedes-Benz" },
	{ "WVW", "Volkswagen" }, { "WVG", "Volkswagen" }, { "3VW", "Volkswagen" },
	{ "1VW", "Volkswagen" }, { "WAU", "Audi" }, { "WA1", "Audi" },
	{ "WP0", "Porsche" }, { "WP1", "Porsche" }, { "YV1", "Volvo" },
	{ "YV4", "Volvo" }, { "SAJ", "Jaguar" }, { "SAL", "Land Rover" },
	{ "SCC", "Lotus" }, { "ZFA", "Fiat" }, { "ZFF", "Ferrari" },
	{ "ZAR", "Alfa Romeo" }, { "ZHW", "Lamborghini" }, { "VF1", "Renault" },
	{ "VF3", "Peugeot" }, { "VF7", "Citroen" }, { "TMB", "Skoda" },
	{ "VSS", "SEAT" }, { "1M8", "Motor Coach Industries" },
	{ "LRW", "Tesla" }, { "LVS", "Ford" }, { "MAL", "Hyundai" },
	{ 0 }
};

/* Regions by the first character, or the first two where a letter's
 * range is split (ISO 3780). */
struct wmi_country {
	char		c0, lo, hi;   /* first character, second in lo..hi */
	const char	*country;
};

static const struct wmi_country countries[] = {
	{ '1', '0', 'Z', "United States" }, { '4', '0', 'Z', "United States" },
	{ '5', '0', 'Z', "United States" }, { '7', 'A', 'E', "New Zealand" },
	{ '7', 'F', 'Z', "United States" },
	{ '2', '0', 'Z', "Canada" }, { '3', 'A', 'W', "Mexico" },
	{ '3', 'X', 'Z', "Costa Rica" }, { '6', 'A', 'W', "Australia" },
	{ '8', 'A', 'E', "Argentina" }, { '9', 'A', 'E', "Brazil" },
	{ '9', '3', '9', "Brazil" },
	{ 'J', '0', 'Z', "Japan" }, { 'K', 'L', 'R', "South Korea" },
	{ 'L', '0', 'Z', "China" }, { 'M', 'A', 'E', "India" },
	{ 'S', 'A', 'M', "United Kingdom" }, { 'S', 'N', 'T', "Germany" },
	{ 'T', 'J', 'P', "Czech Republic" }, { 'T', 'R', 'V', "Hungary" },
	{ 'V', 'F', 'R', "France" }, { 'V', 'S', 'W', "Spain" },
	{ 'W', '0', 'Z', "Germany" }, { 'X', 'L', 'R', "Netherlands" },
	{ 'X', 'S', 'W', "Russia" }, { 'Y', 'A', 'E', "Belgium" },
	{ 'Y', 'F', 'K', "Finland" }, { 'Y', 'S', 'W', "Sweden" },
	{ 'Z', 'A', 'R', "Italy" },
	{ 0 }
};
/* clang-format on */

/* '0'-'9' sort before 'A'-'Z' in ASCII, so one range test serves both. */
static const char *
country_of(const char *wmi)
{
	const struct wmi_country *c;

	for (c = countries; c->c0; c++)
		if (wmi[0] == c->c0 && wmi[1] >= c->lo && wmi[1] <= c->hi)
			return c->country;
	return NULL;
}

void
live_vin_decode(const char *vin, struct live_vin *out)
{
	const struct wmi_make *m;
	char check = live_vin_check_digit(vin);

	memset(out, 0, sizeof(*out));
	if (check == 0)
		return;
	out->well_formed = true;
	out->check_digit_valid = vin[8] == check;
	memcpy(out->wmi, vin, 3);
	out->wmi[3] = '\0';
	for (m = makes; m->wmi; m++)
		if (memcmp(m->wmi, vin, 3) == 0)
			out->make = m->make;
	out->country = country_of(vin);
	out->year = model_year(vin[9], vin[6]);
}

/* GET /vin/{vin} (API.md §7, apikey): the inventory vehicle when one has
 * this VIN (its make, model, type and year win), else what the VIN itself
 * says; malformed: 400. Letters are taken in either case. */
int
live_vins_show(struct cl_req *r)
{
	char *vin = cl_arena_strdup(r->arena, cl_req_param(r, "vin"));
	struct live_vehicle v;
	struct live_vin d;
	cJSON *body;
	size_t i;
	int rc;

	for (i = 0; vin[i]; i++)
		if (vin[i] >= 'a' && vin[i] <= 'z')
			vin[i] = (char)(vin[i] - 'a' + 'A');
	live_vin_decode(vin, &d);
	if (!d.well_formed) {
		cl_fail_field(r, "vin",
		    "A VIN is 17 characters of A-H, J-N, P, R-Z and 0-9.");
		return cl_fail_validation(r);
	}
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "vin", vin);
	cJSON_AddBoolToObject(body, "valid", d.check_digit_valid);
	cJSON_AddStringToObject(body, "wmi", d.wmi);
	cl_json_add_str(body, "make", d.make);
	cl_json_add_str(body, "country", d.country);
	if (d.year)
		cl_json_add_int(body, "year", d.year);
	else
		cJSON_AddNullToObject(body, "year");
	cJSON_AddBoolToObject(body, "checkDigitValid", d.check_digit_valid);
	rc = live_vehicle_find(r->db, r->arena, vin, &v);
	if (rc == CL_OK) {
		cJSON_AddStringToObject(body, "source", "inventory");
		cl_json_add_int(body, "id", v.id);
		cl_json_add_int(body, "organizationId", v.organization_id);
		if (v.make)
			cJSON_ReplaceItemInObject(body, "make",
			    cJSON_CreateString(v.make));
		if (v.year)
			cJSON_ReplaceItemInObject(body, "year",
			    cJSON_CreateNumber((double)v.year));
		cl_json_add_str(body, "model", v.model);
		cl_json_add_str(body, "type", v.type);
	} else if (rc == CL_ENOTFOUND) {
		cJSON_AddStringToObject(body, "source", "decoded");
	} else {
		cJSON_Delete(body);
		return cl_fail_db(r, rc);
	}
	return cl_reply_json(r, 200, body);
}
