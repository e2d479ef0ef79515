/*
 * The request and response of one FastCGI exchange. A worker fills a
 * request from the FastCGI parameters and body, a handler fills the
 * response, and http_send writes it back.
 */
#ifndef PC_HTTP_H
#define PC_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include <fcgiapp.h>

#include "buf.h"
#include "params.h"
#include "router.h"

/* Largest body the app reads; nginx's client_max_body_size matches it. */
#define HTTP_MAX_BODY (1024 * 1024)

struct user; /* defined by the application */

struct request {
	FCGX_Request *fcgi;
	char id[17];             /* 16 hex digits, also in the logs */
	const char *method;      /* "HEAD" is reported as "HEAD" */
	const char *path;        /* raw path, without the query string */
	const char *query;       /* raw query string, "" when none */
	const char *uri;         /* path and query, as the client sent */
	const char *client_addr; /* see config's trust_proxy */
	bool https;              /* the client reached us over HTTPS */
	struct params query_params;
	struct params form; /* urlencoded POST body */
	struct params cookies;
	struct route_match match;

	/* Filled by the application's session layer. */
	char session_id[65];
	struct user *user; /* NULL when anonymous */
	char csrf_token[65];
};

struct response {
	int status;         /* 200 unless set */
	struct buf headers; /* "Name: value\r\n" lines */
	struct buf body;
	const char *content_type; /* default "text/html; charset=utf-8" */
};

/* Returns the request header (HTTP_ prefix form: "HTTP_IF_NONE_MATCH"). */
const char *http_param(const struct request *req, const char *name);

void http_add_header(struct response *res, const char *name, const char *value);
/*
 * Returns true when path is a safe redirect target on this site. It must
 * start with one '/' and contain only printable ASCII without a backslash.
 * Browsers read "//" and "/\" as another host, and a control character
 * could split the Location header.
 */
bool http_is_local_path(const char *path);

/* Sets a 303 (or status) redirect to location. */
void http_redirect(struct response *res, int status, const char *location);

struct cookie_options {
	int max_age; /* seconds; 0 means a session cookie,
				   -1 deletes the cookie */
	bool http_only;
	bool secure;
};
void http_set_cookie(struct response *res, const char *name, const char *value,
    const struct cookie_options *options);

/* Returns the reason phrase of a status ("Not Found"). */
const char *http_reason(int status);

/* Writes status, headers (security headers included) and the body; HEAD
 * requests get the headers only. */
void http_send(struct request *req, struct response *res);

/*
 * Fills req from the FastCGI parameters of fcgi and reads its body: the
 * form of a POST sent as application/x-www-form-urlencoded, after checking
 * CONTENT_LENGTH against HTTP_MAX_BODY. Returns 0, or the status of the error
 * response to send instead: 413 for a body too large (left unread), 415 for a POST body of
 * another type (left unread), 400 for a request that fails to parse. req
 * is to be freed with http_request_free either way.
 */
int http_request_read(struct request *req, FCGX_Request *fcgi);

void http_response_init(struct response *res);
void http_response_free(struct response *res);
void http_request_free(struct request *req);

#endif
