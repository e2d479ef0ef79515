/* POST /theme: stores the light or dark theme choice in a cookie. */
#include <stdbool.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "handlers.h"

#define THEME_COOKIE         "theme"
#define THEME_COOKIE_MAX_AGE (365 * 24 * 60 * 60)

void
theme_toggle(struct request *req, struct response *res)
{
	struct cookie_options options = {0};
	const char *theme, *next;

	theme = params_get(&req->form, "theme");
	if (theme == NULL ||
	    (strcmp(theme, "light") != 0 && strcmp(theme, "dark") != 0)) {
		page_error(req, res, 400,
		    "Le thème demandé doit être « light » ou « dark ».");
		return;
	}

	options.max_age = THEME_COOKIE_MAX_AGE;
	options.http_only = true;
	options.secure = config.cookie_secure || req->https;
	http_set_cookie(res, THEME_COOKIE, theme, &options);

	next = params_get(&req->form, "next");
	http_redirect(res, 303, http_is_local_path(next) ? next : "/app");
}
