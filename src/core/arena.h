/* Request arena: bump allocation freed all at once when the request ends,
 * plus deferred cleanups for what is not memory (cJSON trees, results).
 * Out of memory aborts the process; the master restarts the worker. */
#ifndef CL_CORE_ARENA_H
#define CL_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct cl_arena;

typedef void (*cl_cleanup_fn)(void *ptr);

/* Allocates a new, empty arena with malloc; free it with cl_arena_free. */
struct cl_arena *cl_arena_new(void);

/* Runs the deferred cleanups (last registered first) and frees every block. */
void cl_arena_free(struct cl_arena *a);

/* Runs the cleanups and forgets every allocation, keeping the first block
 * for the next request. */
void cl_arena_reset(struct cl_arena *a);

/* Returns n zeroed bytes, aligned for any type, owned by a. */
void *cl_arena_alloc(struct cl_arena *a, size_t n);

/* Copies s (or its first n bytes) into a, NUL-terminated. NULL gives NULL. */
char *cl_arena_strdup(struct cl_arena *a, const char *s);
char *cl_arena_strndup(struct cl_arena *a, const char *s, size_t n);

/* printf into a; the result is owned by a. */
char *cl_arena_printf(struct cl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *cl_arena_vprintf(struct cl_arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Calls fn(ptr) when a is reset or freed. ptr NULL registers nothing. */
void cl_arena_defer(struct cl_arena *a, cl_cleanup_fn fn, void *ptr);

/* Bytes currently handed out (for tests and metrics). */
size_t cl_arena_used(const struct cl_arena *a);

#define CL_NEW(a, type) ((type *)cl_arena_alloc((a), sizeof(type)))
#define CL_NEW_ARRAY(a, type, n) ((type *)cl_arena_alloc((a), sizeof(type) * (n)))

/* malloc, calloc and realloc that abort on failure (process-lifetime data). */
void *cl_xmalloc(size_t n);
void *cl_xcalloc(size_t nmemb, size_t size);
void *cl_xrealloc(void *p, size_t n);
char *cl_xstrdup(const char *s);

#endif
