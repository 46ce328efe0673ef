/* How a FastCGI request ends. FCGX_Finish_r ends it the ordinary way,
 * keeping the connection when nginx asked to (fastcgi_keep_conn on). Two
 * more endings are the pool's own:
 *
 *   released  the answer is whole, but nginx must not keep the connection:
 *             a retiring worker (a reload, max_requests) answers what
 *             arrives on its kept connections this way, so nginx closes
 *             each one itself and never sends a request into a worker
 *             that has gone.
 *   aborted   the status and part of a streamed body have gone out and
 *             the rest cannot follow: nginx must fail the response, so
 *             the client sees an incomplete transfer, never a clean end of
 *             a truncated file.
 *
 * Both rest on how nginx reads the pool (ngx_http_fastcgi_module): it
 * keeps a connection only when FCGI_END_REQUEST is the last byte it has
 * read, so any record after the end makes it close the connection, also
 * when the record arrives after the connection was cached (its keepalive
 * close handler reads it); and a record of an unknown version is a
 * protocol error that ends the client's response without its last chunk,
 * with or without keep-alive. */
#ifndef CL_CORE_FCGI_END_H
#define CL_CORE_FCGI_END_H

#include <stddef.h>

#include <fcgiapp.h>

/* Room for either tail. */
#define CL_FCGI_TAIL_MAX 128

/* The bytes that end a released request: the empty FCGI_STDOUT record,
 * FCGI_END_REQUEST with app_status, then one empty FCGI_STDERR record
 * after it. Returns their length, 0 when cap is too small. Pure. */
size_t cl_fcgi_release_tail(unsigned char *out, size_t cap, int request_id,
    int app_status);

/* The bytes that abort a request: an FCGI_STDERR record carrying why
 * (nginx logs it; cut to fit), then a header of version 0. Returns their
 * length, 0 when cap is too small. Pure. */
size_t cl_fcgi_abort_tail(unsigned char *out, size_t cap, int request_id,
    const char *why);

/* Ends f released (above) and closes its connection. Only worth it when
 * nginx asked to keep the connection; otherwise FCGX_Finish_r. */
void cl_fcgi_finish_released(FCGX_Request *f);

/* Aborts f: flushes what it holds, writes the abort tail and shuts the
 * connection down, so FCGX_Finish_r later fails to add an end and closes
 * it. Returns 0, or -1 when the tail could not be written (the
 * connection is shut down all the same). */
int cl_fcgi_abort(FCGX_Request *f, const char *why);

#endif
