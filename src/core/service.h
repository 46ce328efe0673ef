/* Service routes of API.md §8: /health and /metrics, and the test-only
 * /debug routes served when the config sets debug_routes. */
#ifndef CL_CORE_SERVICE_H
#define CL_CORE_SERVICE_H

#include "core/router.h"

extern const struct cl_module cl_service_module;

#endif
