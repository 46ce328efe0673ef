/* Module livestream (API.md §7, seed 002): car dealers' live video with
 * customers: organizations, dealers, streams, leads, chat, the dashboard,
 * Pusher authorization and event delivery, VIN decoding. Public to
 * src/modules/modules.c only: the module's descriptor. */
#ifndef CL_MODULES_LIVESTREAM_LIVESTREAM_H
#define CL_MODULES_LIVESTREAM_LIVESTREAM_H

#include "core/router.h"

extern const struct cl_module livestream_module;

#endif
