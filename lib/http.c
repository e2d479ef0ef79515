/* FastCGI request parsing, response headers, cookies and sending. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "http.h"
#include "log.h"

#define DEFAULT_CONTENT_TYPE "text/html; charset=utf-8"
#define FORM_CONTENT_TYPE    "application/x-www-form-urlencoded"

/* Sent with every response. Pages load scripts and styles from /static/
 * only, so the policy allows no inline script or style. */
static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: same-origin\r\n"
    "X-Frame-Options: DENY\r\n";

const char *
http_param(const struct request *req, const char *name)
{
	if (req->fcgi == NULL)
		return NULL;
	return FCGX_GetParam(name, req->fcgi->envp);
}

static char *
xstrndup(const char *s, size_t len)
{
	char *copy;

	if ((copy = strndup(s, len)) == NULL)
		abort();
	return copy;
}

/* Returns true when s contains a character that would end a header line. */
static bool
has_line_break(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

void
http_add_header(struct response *res, const char *name, const char *value)
{
	if (has_line_break(name) || has_line_break(value)) {
		log_error(
		    "http: header %s dropped: it contains a line break", name);
		return;
	}
	buf_printf(&res->headers, "%s: %s\r\n", name, value);
}

bool
http_is_local_path(const char *path)
{
	const unsigned char *c;

	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return false;
	for (c = (const unsigned char *)path; *c != '\0'; c++)
		if (*c < 0x21 || *c > 0x7e || *c == '\\')
			return false;
	return true;
}

void
http_redirect(struct response *res, int status, const char *location)
{
	res->status = status > 0 ? status : 303;
	http_add_header(res, "Location", location);
}

/* Returns true for an RFC 6265 cookie-name (an RFC 7230 token). */
static bool
cookie_name_valid(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) &&
		    strchr("!#$%&'*+-.^_`|~", *s) == NULL)
			return false;
	}
	return true;
}

/* Returns true when every byte is an RFC 6265 cookie-octet. */
static bool
cookie_value_valid(const char *s)
{
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c < 0x21 || c > 0x7e || c == '"' || c == ',' || c == ';' ||
		    c == '\\')
			return false;
	}
	return true;
}

void
http_set_cookie(struct response *res, const char *name, const char *value,
    const struct cookie_options *options)
{
	struct buf line = {0};

	if (!cookie_name_valid(name) || !cookie_value_valid(value)) {
		log_error(
		    "http: cookie %s not set: invalid name or value", name);
		return;
	}
	buf_printf(&line, "%s=%s; Path=/", name, value);
	if (options->max_age > 0)
		buf_printf(&line, "; Max-Age=%d", options->max_age);
	else if (options->max_age < 0)
		buf_puts(&line,
		    "; Max-Age=0; "
		    "Expires=Thu, 01 Jan 1970 00:00:00 GMT");
	buf_puts(&line, "; SameSite=Lax");
	if (options->http_only)
		buf_puts(&line, "; HttpOnly");
	if (options->secure)
		buf_puts(&line, "; Secure");
	http_add_header(res, "Set-Cookie", buf_str(&line));
	buf_free(&line);
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 204:
		return "No Content";
	case 301:
		return "Moved Permanently";
	case 302:
		return "Found";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 307:
		return "Temporary Redirect";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 406:
		return "Not Acceptable";
	case 409:
		return "Conflict";
	case 410:
		return "Gone";
	case 411:
		return "Length Required";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 501:
		return "Not Implemented";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	case 504:
		return "Gateway Timeout";
	default:
		return "Unknown";
	}
}

/* Returns true when the handler already added a header named name. */
static bool
has_header(const struct response *res, const char *name)
{
	const char *line;
	size_t len;

	len = strlen(name);
	for (line = buf_str(&res->headers); *line != '\0'; line++) {
		if (strncasecmp(line, name, len) == 0 && line[len] == ':')
			return true;
		if ((line = strchr(line, '\n')) == NULL)
			break;
	}
	return false;
}

void
http_send(struct request *req, struct response *res)
{
	FCGX_Stream *out = req->fcgi->out;
	struct buf head = {0};
	bool has_body;
	int status;

	status = res->status > 0 ? res->status : 200;
	has_body = status != 204 && status != 304;

	buf_printf(&head, "Status: %d %s\r\n", status, http_reason(status));
	if (has_body) {
		buf_printf(&head, "Content-Type: %s\r\n",
		    res->content_type ? res->content_type
		                      : DEFAULT_CONTENT_TYPE);
		buf_printf(&head, "Content-Length: %zu\r\n", res->body.len);
	}
	buf_puts(&head, security_headers);
	/* Pages carry personal data and CSRF tokens, so no shared cache may
	 * keep them unless the handler sets its own Cache-Control. */
	if (!has_header(res, "Cache-Control"))
		buf_puts(&head, "Cache-Control: no-store\r\n");
	buf_append(&head, buf_str(&res->headers), res->headers.len);
	buf_puts(&head, "\r\n");

	if (FCGX_PutStr(head.data, (int)head.len, out) < 0)
		goto fail;
	if (has_body && strcmp(req->method, "HEAD") != 0 && res->body.len > 0 &&
	    FCGX_PutStr(res->body.data, (int)res->body.len, out) < 0)
		goto fail;
	buf_free(&head);
	return;

fail:
	log_info("http: response not sent: the connection to nginx closed");
	buf_free(&head);
}

void
http_response_init(struct response *res)
{
	memset(res, 0, sizeof(*res));
	res->status = 200;
}

void
http_response_free(struct response *res)
{
	buf_free(&res->headers);
	buf_free(&res->body);
}

void
http_request_free(struct request *req)
{
	free((char *)req->path);
	free((char *)req->client_addr);
	req->path = NULL;
	req->client_addr = NULL;
	params_free(&req->query_params);
	params_free(&req->form);
	params_free(&req->cookies);
}

/* Returns the last comma-separated element of a header, trimmed of
 * spaces and tabs, as a new string; NULL when it is empty. */
static char *
last_list_element(const char *header)
{
	const char *start, *end;

	start = strrchr(header, ',');
	start = start != NULL ? start + 1 : header;
	while (*start == ' ' || *start == '\t')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == start)
		return NULL;
	return xstrndup(start, (size_t)(end - start));
}

/* Sets the client address and scheme. Behind a trusted proxy they come
 * from the last X-Forwarded-For address and X-Forwarded-Proto, which the
 * proxy next to nginx appends or sets. */
static void
read_client(struct request *req)
{
	const char *value;
	char *proto;

	value = http_param(req, "HTTPS");
	req->https = value != NULL && strcasecmp(value, "on") == 0;
	if (config.trust_proxy) {
		value = http_param(req, "HTTP_X_FORWARDED_FOR");
		if (value != NULL)
			req->client_addr = last_list_element(value);
		value = http_param(req, "HTTP_X_FORWARDED_PROTO");
		if (value != NULL &&
		    (proto = last_list_element(value)) != NULL) {
			if (strcasecmp(proto, "https") == 0)
				req->https = true;
			free(proto);
		}
	}
	if (req->client_addr == NULL) {
		value = http_param(req, "REMOTE_ADDR");
		req->client_addr =
		    xstrndup(value ? value : "", value ? strlen(value) : 0);
	}
}

static bool
is_form_type(const char *type)
{
	size_t len = sizeof(FORM_CONTENT_TYPE) - 1;

	if (type == NULL || strncasecmp(type, FORM_CONTENT_TYPE, len) != 0)
		return false;
	return type[len] == '\0' || type[len] == ';' || type[len] == ' ';
}

/* Parses CONTENT_LENGTH into *len (0 when absent). Returns 0, or the
 * status of the error response to send. */
static int
read_content_length(const struct request *req, size_t *len)
{
	const char *value, *p;
	unsigned long n;

	*len = 0;
	value = http_param(req, "CONTENT_LENGTH");
	if (value == NULL || value[0] == '\0')
		return 0;
	for (p = value; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return 400;
	}
	errno = 0;
	n = strtoul(value, NULL, 10);
	if (errno == ERANGE || n > HTTP_MAX_BODY)
		return 413;
	*len = n;
	return 0;
}

static int
read_form(struct request *req)
{
	const char *type;
	char *body;
	size_t len;
	int status, n;

	if ((status = read_content_length(req, &len)) == 413) {
		log_info("http: body rejected: CONTENT_LENGTH %s is over the "
		         "maximum of %d bytes",
		    http_param(req, "CONTENT_LENGTH"), HTTP_MAX_BODY);
		return status;
	}
	if (status != 0) {
		log_info("http: invalid CONTENT_LENGTH \"%s\"",
		    http_param(req, "CONTENT_LENGTH"));
		return status;
	}
	if (strcmp(req->method, "POST") != 0 || len == 0)
		return 0;
	/* Every form of the app is urlencoded. Another body would reach the
	 * handler as an empty form and fail the CSRF check with a misleading
	 * 403, so it is rejected before. */
	type = http_param(req, "CONTENT_TYPE");
	if (!is_form_type(type)) {
		log_info("http: POST body rejected: Content-Type \"%.100s\" "
		         "is not %s",
		    type != NULL ? type : "", FORM_CONTENT_TYPE);
		return 415;
	}

	if ((body = malloc(len + 1)) == NULL)
		abort();
	n = FCGX_GetStr(body, (int)len, req->fcgi->in);
	if (n < 0 || (size_t)n != len) {
		log_info("http: body ended after %d of %zu bytes", n, len);
		free(body);
		return 400;
	}
	/* TODO: a body with invalid UTF-8 gets the 400 page; the form
	 * again with a message at the field would serve scripts better. */
	if (params_parse_query(&req->form, body, len) == -1) {
		log_info("http: form body rejected: invalid encoding or too "
		         "many fields");
		free(body);
		return 400;
	}
	free(body);
	return 0;
}

int
http_request_read(struct request *req, FCGX_Request *fcgi)
{
	const char *uri, *query;
	bool valid = true;

	req->fcgi = fcgi;
	req->query = "";
	read_client(req);

	/* An invalid request still gets a method and a path, which the
	 * error page and the send path rely on. */
	if ((req->method = http_param(req, "REQUEST_METHOD")) == NULL) {
		req->method = "GET";
		valid = false;
	}
	uri = http_param(req, "REQUEST_URI");
	if (uri == NULL || uri[0] != '/') {
		uri = "/";
		valid = false;
	}
	req->uri = uri;
	if ((query = strchr(uri, '?')) != NULL) {
		req->path = xstrndup(uri, (size_t)(query - uri));
		req->query = query + 1;
	} else
		req->path = xstrndup(uri, strlen(uri));
	if (!valid) {
		log_info("http: request rejected: missing REQUEST_METHOD or "
		         "REQUEST_URI not starting with /");
		return 400;
	}

	params_parse_cookies(&req->cookies, http_param(req, "HTTP_COOKIE"));
	if (params_parse_query(
	        &req->query_params, req->query, strlen(req->query)) == -1) {
		log_info("http: query string rejected: invalid encoding or "
		         "too many parameters");
		return 400;
	}
	return read_form(req);
}
