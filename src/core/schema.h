/* The schema dump ("clientele -S"): every route of the route tables, with
 * the JSON Schema of what it reads and answers derived from the field,
 * column and list tables. docs/build-openapi merges it into
 * docs/openapi.json; tests/lint/openapi.py holds that file to it. */
#ifndef CL_CORE_SCHEMA_H
#define CL_CORE_SCHEMA_H

#include <stdio.h>

struct cJSON;
struct cl_module;

/* The "version" member of the dump; bump it when its shape changes, so
 * docs/build-openapi refuses a dump it does not understand. */
#define CL_SCHEMA_VERSION 1

/* The dump of mods (NULL-terminated) as a new cJSON tree (the caller owns
 * it), in this shape, keys and arrays in a fixed order so that two dumps
 * of the same tables are byte for byte equal:
 *
 *   {"format": "clientele-schema", "version": 1,
 *    "routes": [ordered by pattern, then GET POST PUT PATCH DELETE],
 *    "schemas": {"<Name>": JSON Schema, ... ordered by name}}
 *
 * A route is {"method", "pattern" (as in its table), "module",
 * "permission" (string or null), "flags" (sorted names of enum
 * cl_route_flag: "apikey", "json_body", "optional_auth", "public", "tx";
 * and "public_if_configured" for a route with public_if, router.h),
 * "resource" (its noun, when it names one)} and, where the tables tell:
 *
 *   "body": the JSON Schema of the request body (READONLY fields left
 *       out; CL_REQUIRED fields required except on PATCH);
 *   "reply": {"status": 200|201|204 (resource routes only; other routes
 *       leave the status to their documentation), "schema": the success
 *       body's JSON Schema (absent for 204)};
 *   "parameters": the query parameters of a list route, as OpenAPI
 *       parameter objects.
 *
 * A resource's tables become named schemas, referred to as
 * {"$ref": "#/components/schemas/<Name>"}: <Name> (the row as rendered),
 * <Name>Input (POST and PUT bodies), <Name>Patch (PATCH bodies) and
 * <Name>Page (the list envelope), <Name> being the noun in CamelCase
 * ("price list": PriceList). The tables a route names itself are inlined.
 * Returns NULL, having said why on stderr, when two resources give one
 * name different schemas. */
struct cJSON *cl_schema_build(const struct cl_module *const *mods);

/* Writes the dump of mods to out (tab-indented JSON and a newline).
 * Returns CL_OK, CL_EINVAL when cl_schema_build refused, or CL_EIO when
 * writing failed. */
int cl_schema_dump_modules(FILE *out, const struct cl_module *const *mods);

/* cl_schema_dump_modules over this server's cl_modules. */
int cl_schema_dump(FILE *out);

#endif
