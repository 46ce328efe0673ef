/* The pool's own endings of a FastCGI request (fcgi_end.h says why). */
#include "config.h"

#include "core/fcgi_end.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/banned.h"

enum {
	FCGI_VERSION_1 = 1,
	FCGI_END_REQUEST = 3,
	FCGI_STDOUT = 6,
	FCGI_STDERR = 7,
	HEADER_LEN = 8,
};

static void
header(unsigned char *h, int version, int type, int request_id, size_t len,
    int padding)
{
	h[0] = (unsigned char)version;
	h[1] = (unsigned char)type;
	h[2] = (unsigned char)((request_id >> 8) & 0xff);
	h[3] = (unsigned char)(request_id & 0xff);
	h[4] = (unsigned char)((len >> 8) & 0xff);
	h[5] = (unsigned char)(len & 0xff);
	h[6] = (unsigned char)padding;
	h[7] = 0;
}

size_t
cl_fcgi_release_tail(unsigned char *out, size_t cap, int request_id,
    int app_status)
{
	unsigned char *p = out;
	unsigned int status = (unsigned int)app_status;

	if (cap < 4 * HEADER_LEN)
		return 0;
	header(p, FCGI_VERSION_1, FCGI_STDOUT, request_id, 0, 0);
	p += HEADER_LEN;
	header(p, FCGI_VERSION_1, FCGI_END_REQUEST, request_id, 8, 0);
	p += HEADER_LEN;
	p[0] = (unsigned char)((status >> 24) & 0xff);
	p[1] = (unsigned char)((status >> 16) & 0xff);
	p[2] = (unsigned char)((status >> 8) & 0xff);
	p[3] = (unsigned char)(status & 0xff);
	memset(p + 4, 0, 4); /* FCGI_REQUEST_COMPLETE, reserved */
	p += HEADER_LEN;
	header(p, FCGI_VERSION_1, FCGI_STDERR, request_id, 0, 0);
	p += HEADER_LEN;
	return (size_t)(p - out);
}

size_t
cl_fcgi_abort_tail(unsigned char *out, size_t cap, int request_id,
    const char *why)
{
	size_t len = strlen(why), padding;

	if (cap < 2 * HEADER_LEN + 8)
		return 0;
	if (len > cap - 2 * HEADER_LEN - 7)
		len = cap - 2 * HEADER_LEN - 7;
	padding = (8 - len % 8) % 8;
	header(out, FCGI_VERSION_1, FCGI_STDERR, request_id, len, (int)padding);
	memcpy(out + HEADER_LEN, why, len);
	memset(out + HEADER_LEN + len, 0, padding);
	len += HEADER_LEN + padding;
	header(out + len, 0, FCGI_STDOUT, request_id, 0, 0);
	return len + HEADER_LEN;
}

static int
write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* After the tail, nothing more may reach nginx: libfcgi's own end records
 * then fail to go out (SIGPIPE is ignored in workers) and the failed
 * write makes FCGX_Finish_r close the connection. */
static int
write_tail(FCGX_Request *f, const unsigned char *tail, size_t len)
{
	int rc = 0;

	if (FCGX_FFlush(f->out) != 0 || FCGX_FFlush(f->err) != 0 ||
	    write_all(f->ipcFd, tail, len) != 0)
		rc = -1;
	if (shutdown(f->ipcFd, SHUT_RDWR) != 0 && errno != ENOTCONN)
		rc = -1;
	return rc;
}

void
cl_fcgi_finish_released(FCGX_Request *f)
{
	unsigned char tail[CL_FCGI_TAIL_MAX];
	size_t len;

	len = cl_fcgi_release_tail(tail, sizeof(tail), f->requestId,
	    f->appStatus);
	if (f->ipcFd >= 0 && len > 0)
		(void)write_tail(f, tail, len); /* a failed write closes too */
	FCGX_Finish_r(f);
}

int
cl_fcgi_abort(FCGX_Request *f, const char *why)
{
	unsigned char tail[CL_FCGI_TAIL_MAX];
	size_t len;

	if (f->ipcFd < 0)
		return -1;
	len = cl_fcgi_abort_tail(tail, sizeof(tail), f->requestId, why);
	if (len == 0)
		return -1;
	return write_tail(f, tail, len);
}
