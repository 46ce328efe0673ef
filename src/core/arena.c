/* Request arena: the worker resets it after every request, so handlers never
 * free. Under --enable-sanitizers every allocation is its own malloc block,
 * so ASan sees overruns that a bump allocator would hide. */
#include "config.h"

#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/banned.h"

#define ARENA_BLOCK 16384
#define ARENA_ALIGN 16

struct block {
	struct block	*next;
	size_t		size;
	size_t		used;
	unsigned char	data[];
};

struct cleanup {
	struct cleanup	*next;
	cl_cleanup_fn	fn;
	void		*ptr;
};

struct cl_arena {
	struct block	*blocks;   /* newest first; the last one is kept on reset */
	struct cleanup	*cleanups; /* newest first */
	size_t		used;
};

static void
oom(size_t n)
{
	fprintf(stderr, "clientele: out of memory allocating %zu bytes\n", n);
	abort();
}

void *
cl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
cl_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
cl_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
cl_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(cl_xmalloc(n), s, n);
}

static struct block *
block_new(size_t size)
{
	struct block *b;

	if (size > SIZE_MAX - sizeof(*b))
		oom(size);
	b = cl_xmalloc(sizeof(*b) + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct cl_arena *
cl_arena_new(void)
{
	struct cl_arena *a = cl_xcalloc(1, sizeof(*a));

	return a;
}

static void
run_cleanups(struct cl_arena *a)
{
	struct cleanup *c;

	/* Cleanups live in the arena's own blocks, so read next first. */
	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->ptr);
	}
}

void
cl_arena_reset(struct cl_arena *a)
{
	struct block *b, *next, *keep = NULL;

	run_cleanups(a);
	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
#ifndef CL_SANITIZE
		/* Keep one standard block: most requests fit in it. */
		if (keep == NULL && b->size == ARENA_BLOCK) {
			keep = b;
			continue;
		}
#endif
		free(b);
	}
	if (keep != NULL) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->blocks = keep;
	a->used = 0;
}

void
cl_arena_free(struct cl_arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	run_cleanups(a);
	for (b = a->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *
cl_arena_alloc(struct cl_arena *a, size_t n)
{
	struct block *b = a->blocks;
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	void *p;

	if (need < n)
		oom(n);
#ifdef CL_SANITIZE
	b = block_new(need);
	b->next = a->blocks;
	a->blocks = b;
#else
	if (b == NULL || b->size - b->used < need) {
		if (need > ARENA_BLOCK / 4) {
			/* A large allocation gets its own block behind the
			 * current one, so the current one keeps filling. */
			struct block *big = block_new(need);

			if (b == NULL) {
				a->blocks = big;
			} else {
				big->next = b->next;
				b->next = big;
			}
			big->used = need;
			a->used += need;
			memset(big->data, 0, need);
			return big->data;
		}
		b = block_new(ARENA_BLOCK);
		b->next = a->blocks;
		a->blocks = b;
	}
#endif
	p = b->data + b->used;
	b->used += need;
	a->used += need;
	memset(p, 0, need);
	return p;
}

char *
cl_arena_strndup(struct cl_arena *a, const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = cl_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
cl_arena_strdup(struct cl_arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return cl_arena_strndup(a, s, strlen(s));
}

char *
cl_arena_vprintf(struct cl_arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		abort(); /* an invalid format is a programming error */
	p = cl_arena_alloc(a, (size_t)n + 1);
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
		abort();
	return p;
}

char *
cl_arena_printf(struct cl_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = cl_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
cl_arena_defer(struct cl_arena *a, cl_cleanup_fn fn, void *ptr)
{
	struct cleanup *c;

	if (ptr == NULL)
		return;
	c = CL_NEW(a, struct cleanup);
	c->fn = fn;
	c->ptr = ptr;
	c->next = a->cleanups;
	a->cleanups = c;
}

size_t
cl_arena_used(const struct cl_arena *a)
{
	return a->used;
}
