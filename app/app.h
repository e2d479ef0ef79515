/* The interface shared by the Permacoop handlers: the signed-in user, page
 * rendering, error pages and the route table. */
#ifndef PC_APP_H
#define PC_APP_H

#include <stdbool.h>

#include "../lib/http.h"
#include "../lib/view.h"

enum role {
	ROLE_COOPERATOR,
	ROLE_EMPLOYEE,
	ROLE_ACCOUNTANT,
};

struct user {
	char id[37];
	char *first_name;
	char *last_name;
	char *email;
	enum role role;
};

void user_free(struct user *user);
/* Loads the visitor's session and person in one query into req (see
 * session_load). Returns -1 when the database failed. */
int user_load_session(struct request *req);
/* Returns "John Doe" with each name's first letter upper-cased. */
char *user_full_name(const struct user *user);

/*
 * Starts a page: returns the dictionary of the app layout (header, menu
 * with the current entry from req->match.route->name, theme, CSRF token)
 * with TITLE set. The page's own values go in the returned "CONTENT"
 * include dictionary.
 */
struct view_dict *page_begin(struct request *req, struct response *res,
    const char *title, const char *content_template,
    struct view_dict **content);
/* Renders the layout into res->body and frees the dictionary. A
 * rendering failure becomes a 500 page. */
void page_end(
    struct request *req, struct response *res, struct view_dict *layout);

/* Replaces the response with the HTML error page for status; message is
 * shown under the title when not NULL. */
void page_error(
    struct request *req, struct response *res, int status, const char *message);

/* The route table, in matching order. */
extern const struct route app_routes[];
extern const size_t app_route_count;

/* Fills the request's user and session, redirects or rejects it, and
 * runs its handler. */
void app_dispatch(struct request *req, struct response *res);

#endif
