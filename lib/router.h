/*
 * Route table matching. A pattern is a path whose segments are literal or
 * ":name" captures of one whole segment, such as "/app/customers/edit/:id".
 * A trailing slash on the request path is ignored.
 */
#ifndef PC_ROUTER_H
#define PC_ROUTER_H

#include <stddef.h>

#define ROUTER_MAX_CAPTURES 4

struct request;
struct response;

typedef void (*route_handler)(struct request *req, struct response *res);

struct route {
	const char *method; /* "GET" or "POST"; GET also serves HEAD */
	const char *pattern;
	const char *name; /* Permacoop's route name, for the menu */
	route_handler handler;
	unsigned flags; /* ROUTE_* below */
};

#define ROUTE_PUBLIC 0x1 /* no session needed */
/* The dispatcher skips the CSRF check of a POST, because the handler
 * checks the token itself (to handle a stale token in its own way). */
#define ROUTE_NO_CSRF 0x2

struct route_capture {
	const char *name; /* points into the pattern, ':' excluded */
	size_t name_len;
	char value[128]; /* decoded segment */
};

struct route_match {
	const struct route *route;
	struct route_capture captures[ROUTER_MAX_CAPTURES];
	size_t capture_count;
};

enum router_result {
	ROUTER_FOUND,
	ROUTER_NOT_FOUND,
	ROUTER_METHOD_NOT_ALLOWED, /* the path matches, the method does not */
};

/*
 * Finds the first route of routes[0..count) whose pattern and method
 * match. path is the raw path without the query string; each captured
 * segment is percent-decoded. A segment that fails to decode or is longer
 * than a capture can hold makes the path not match.
 */
enum router_result router_match(const struct route *routes, size_t count,
    const char *method, const char *path, struct route_match *match);

/* Returns the captured value named name, or NULL. */
const char *router_capture(const struct route_match *match, const char *name);

#endif
