/* systemd's readiness protocol (sd_notify(3)) without libsystemd: a
 * datagram to $NOTIFY_SOCKET. The master of a Type=notify unit says when it
 * is ready, reloading and stopping; elsewhere NOTIFY_SOCKET is unset and
 * this does nothing. */
#ifndef CL_CORE_NOTIFY_H
#define CL_CORE_NOTIFY_H

/* Sends state ("READY=1", "RELOADING=1\nMONOTONIC_USEC=...", ...) when
 * NOTIFY_SOCKET is set. Returns CL_OK (also when it is not set), CL_EINVAL
 * for a malformed address or CL_EIO when the send fails. */
int cl_notify(const char *state);

/* cl_notify with a printf format. */
int cl_notifyf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
