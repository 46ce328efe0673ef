/* Money: integer cents from the decimal text the client or MariaDB wrote,
 * and back to API.md's forms ("500.00" for a resource field, 500.00 as a
 * JSON number for totals). Never a binary float in between. */
#ifndef CL_CORE_MONEY_H
#define CL_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

struct cJSON;

/* Big enough for any int64 cents value with sign, point and NUL. */
#define CL_MONEY_BUF 32

/* DECIMAL(14,2) holds at most 999999999999.99 either way: 14 digits of
 * cents. */
#define CL_MONEY_MAX INT64_C(99999999999999)

/* Parses "500", "500.5", "500.50", "-3.10" into cents. More than two
 * decimals, exponents, junk or out-of-range values: CL_EINVAL. */
int cl_money_parse(const char *s, int64_t *cents);

/* Reads a JSON string or number as money. cJSON keeps numbers as doubles;
 * a decimal of at most 15 significant digits survives the trip through a
 * double and "%.15g" unchanged (DBL_DIG), so the client's text is recovered
 * exactly and parsed with cl_money_parse. Values past DECIMAL(14,2):
 * CL_EINVAL. */
int cl_money_from_json(const struct cJSON *item, int64_t *cents);

/* Writes cents as "1234.50" into buf (CL_MONEY_BUF bytes); returns buf. */
char *cl_money_format(int64_t cents, char *buf);

/* "1234.50" as a JSON string (resource fields). */
struct cJSON *cl_money_json_string(int64_t cents);

/* 1234.50 as a JSON number, printed with two decimals (aggregates). */
struct cJSON *cl_money_json_number(int64_t cents);

/* cents * num / den rounded half away from zero, without overflow for
 * money-sized values (VAT, discounts, shares). */
int64_t cl_money_muldiv(int64_t cents, int64_t num, int64_t den);

#endif
