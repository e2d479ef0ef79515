/* The request pipeline: route, session, user, login redirect, CSRF, handler. */
#include <string.h>

#include "app.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "params.h"
#include "router.h"
#include "session.h"

#define CSRF_MESSAGE \
	"Le formulaire a expiré ou ne vient pas de ce site. " \
	"Rechargez la page puis envoyez-le de nouveau."

/* Sets the Allow header of a 405 from the methods the path accepts. */
static void
set_allow(struct request *req, struct response *res)
{
	struct route_match match;
	bool get, post;

	get = router_match(app_routes, app_route_count, "GET", req->path,
	          &match) == ROUTER_FOUND;
	post = router_match(app_routes, app_route_count, "POST", req->path,
	           &match) == ROUTER_FOUND;
	if (get && post)
		http_add_header(res, "Allow", "GET, HEAD, POST");
	else if (get)
		http_add_header(res, "Allow", "GET, HEAD");
	else if (post)
		http_add_header(res, "Allow", "POST");
}

/* Sends an anonymous visitor to the login page. After login, a GET comes
 * back to the same URL. Other methods get no next parameter, because
 * their URL does not serve a GET, so the login leads to the home page. */
static void
redirect_to_login(struct request *req, struct response *res)
{
	struct buf location = {0};

	buf_puts(&location, "/login");
	if (strcmp(req->method, "GET") == 0 ||
	    strcmp(req->method, "HEAD") == 0) {
		buf_puts(&location, "?next=");
		url_encode(&location, req->uri);
	}
	http_redirect(res, 303, buf_str(&location));
	buf_free(&location);
}

/*
 * Loads the signed-in person of a request whose path or method matched no
 * route, so that the 404 or 405 page keeps the menu. A database failure
 * leaves the visitor anonymous, so the page has no menu. It stays a 404 or
 * 405, never a 503, because the URL is wrong whatever the database does.
 */
static void
user_load_for_error(struct request *req)
{
	if (user_load_session(req) == -1)
		log_warn("dispatch: session load failed, so the error page "
		         "of %s %s has no menu",
		    req->method, req->path);
}

void
app_dispatch(struct request *req, struct response *res)
{
	const struct route *route;

	switch (router_match(
	    app_routes, app_route_count, req->method, req->path, &req->match)) {
	case ROUTER_FOUND:
		break;
	case ROUTER_METHOD_NOT_ALLOWED:
		user_load_for_error(req);
		set_allow(req, res);
		page_error(req, res, 405, NULL);
		return;
	case ROUTER_NOT_FOUND:
	default:
		user_load_for_error(req);
		page_error(req, res, 404, NULL);
		return;
	}
	route = req->match.route;

	if (user_load_session(req) == -1) {
		page_error(req, res, 503, NULL);
		return;
	}

	if (req->user == NULL && !(route->flags & ROUTE_PUBLIC)) {
		redirect_to_login(req, res);
		return;
	}
	if (strcmp(req->method, "POST") == 0 &&
	    !(route->flags & ROUTE_NO_CSRF) && !csrf_valid(req)) {
		log_info("dispatch: POST %s rejected: missing or wrong CSRF "
		         "token",
		    req->path);
		page_error(req, res, 403, CSRF_MESSAGE);
		return;
	}
	route->handler(req, res);
}
