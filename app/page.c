/* The page layouts around every handler's template, and the error pages. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "log.h"
#include "session.h"
#include "view.h"

#define LAYOUT_APP     "layouts/app.tpl"
#define LAYOUT_BLANK   "layouts/blank.tpl"
#define ERROR_TEMPLATE "errors/error.tpl"
/*
 * Seconds a client should wait before retrying after a 503, sent as
 * Retry-After. A worker reconnects to PostgreSQL at its next request.
 */
#define RETRY_AFTER_503 "5"

/*
 * A menu entry is current when the route name equals its stem or starts
 * with the stem and '_': "crm_customers" covers crm_customers_list and
 * crm_customers_edit.
 */
struct menu_rule {
	const char *section;
	const char *stem;
};

/* TODO: FairCalendar and the FairRH entries lead to the 404 page until
 * their pages exist. */
static const struct menu_rule menu_rules[] = {
    {"NAV_HOME", "home"},
    {"NAV_FAIRCALENDAR", "faircalendar"},
    {"NAV_CRM", "crm"},
    {"NAV_CUSTOMERS", "crm_customers"},
    {"NAV_PROJECTS", "crm_projects"},
    {"NAV_TASKS", "crm_tasks"},
    {"NAV_PEOPLE", "people"},
    {"NAV_LEAVES", "people_leave_requests"},
    {"NAV_PAYROLL", "people_payroll_elements"},
    {"NAV_MEAL_TICKETS", "people_meal_tickets"},
    {"NAV_USERS", "people_users"},
};

/* A file of views/static/ and its URL, versioned by a hash of its content
 * so that nginx can let browsers cache it for a long time. */
struct static_file {
	const char *key;
	const char *name;
	char url[96];
};

static struct static_file static_files[] = {
    {"CSS_URL", "main.css", ""},
    {"JS_URL", "main.js", ""},
    {"LOGO_URL", "logo.svg", ""},
    {"FAVICON_URL", "favicon.svg", ""},
};

static bool
uses_app_layout(const struct request *req)
{
	const struct route *route = req->match.route;

	if (req->user == NULL)
		return false;
	return route == NULL || route->name == NULL ||
	    strcmp(route->name, "login") != 0;
}

/* Returns the 32-bit FNV-1a hash of the file, or 0 when it is unreadable. */
static unsigned long
file_hash(const char *path)
{
	FILE *file;
	unsigned long hash = 2166136261UL;
	int c;

	if ((file = fopen(path, "rb")) == NULL) {
		log_warn("page: cannot read %s to version its URL: %s", path,
		    strerror(errno));
		return 0;
	}
	while ((c = getc(file)) != EOF)
		hash = ((hash ^ (unsigned char)c) * 16777619UL) & 0xffffffffUL;
	fclose(file);
	return hash;
}

/* Fills the static URLs on their first use in this process. */
static void
static_urls_set(struct view_dict *layout)
{
	const char *root =
	    config.views_dir != NULL ? config.views_dir : "views";
	char path[1024];
	size_t i;

	for (i = 0; i < sizeof(static_files) / sizeof(static_files[0]); i++) {
		struct static_file *file = &static_files[i];

		if (file->url[0] == '\0') {
			snprintf(path, sizeof(path), "%s/static/%s", root,
			    file->name);
			snprintf(file->url, sizeof(file->url),
			    "/static/%s?v=%08lx", file->name, file_hash(path));
		}
		view_set_global(layout, file->key, file->url);
	}
}

static bool
route_in_stem(const char *name, const char *stem)
{
	size_t len = strlen(stem);

	return strncmp(name, stem, len) == 0 &&
	    (name[len] == '\0' || name[len] == '_');
}

static void
menu_set(struct view_dict *layout, const struct request *req)
{
	const char *name;
	size_t i;

	if (req->match.route == NULL || req->match.route->name == NULL)
		return;
	name = req->match.route->name;
	for (i = 0; i < sizeof(menu_rules) / sizeof(menu_rules[0]); i++)
		if (route_in_stem(name, menu_rules[i].stem))
			view_show_global(layout, menu_rules[i].section);
}

/* Shows the menu entries of the person's role. Accountants get neither
 * FairCalendar (no time tracking) nor FairCRM (no customers, projects or
 * tasks), whose pages would be 403 for them. */
static void
menu_entries_set(struct view_dict *layout, const struct user *user)
{
	if (user->role == ROLE_ACCOUNTANT)
		return;
	view_show_global(layout, "MENU_FAIRCALENDAR");
	view_show_global(layout, "MENU_CRM");
}

/* Sets the initial shown in the account button: the full name's first
 * character, which user_full_name has upper-cased. */
static void
user_set(struct view_dict *layout, const struct user *user)
{
	char *name, initial[5];
	size_t len;

	name = user_full_name(user);
	len = 1;
	while (name[len] != '\0' && ((unsigned char)name[len] & 0xc0) == 0x80 &&
	    len < sizeof(initial) - 1)
		len++;
	memcpy(initial, name, len);
	initial[len] = '\0';
	view_set_global(layout, "FULL_NAME", name);
	view_set_global(layout, "USER_INITIAL", initial);
	free(name);
}

static void
theme_set(struct view_dict *layout, const struct request *req)
{
	const char *theme = params_get(&req->cookies, "theme");

	if (theme == NULL ||
	    (strcmp(theme, "light") != 0 && strcmp(theme, "dark") != 0))
		return;
	view_show_global(layout, "THEME_SET");
	view_set_global(layout, "THEME", theme);
}

/*
 * Creates the layout dictionary: everything but the flash, which only
 * page_begin reads because taking it needs the database.
 */
static struct view_dict *
layout_new(struct request *req, struct response *res, const char *title,
    bool with_forms)
{
	struct view_dict *layout, *header;
	struct buf full_title = {0};

	layout = view_dict_new("layout");
	if (title != NULL && title[0] != '\0')
		buf_printf(&full_title, "%s - Permacoop", title);
	else
		buf_puts(&full_title, "Permacoop");
	view_set_global(layout, "TITLE", buf_str(&full_title));
	buf_free(&full_title);

	theme_set(layout, req);
	static_urls_set(layout);
	view_add_include(layout, "HEAD", "partials/head.tpl");
	if (with_forms) {
		csrf_prepare(req, res);
		view_set_global(layout, "CSRF_TOKEN", req->csrf_token);
	}
	if (!uses_app_layout(req))
		return layout;

	user_set(layout, req->user);
	menu_entries_set(layout, req->user);
	menu_set(layout, req);
	view_set_global(layout, "CURRENT_PATH",
	    req->uri != NULL && req->uri[0] == '/' ? req->uri : "/app");
	header = view_add_include(layout, "HEADER", "partials/header.tpl");
	view_add_include(header, "NAV", "partials/nav.tpl");
	view_add_include(layout, "NAV", "partials/nav.tpl");
	return layout;
}

struct view_dict *
page_begin(struct request *req, struct response *res, const char *title,
    const char *content_template, struct view_dict **content)
{
	struct view_dict *layout, *flash;
	char *message = NULL;

	layout = layout_new(req, res, title, true);
	if (req->session_id[0] != '\0')
		message = session_flash_take(req);
	if (message != NULL) {
		flash = view_add_section(layout, "FLASH");
		view_set(flash, "FLASH_MESSAGE", message);
		free(message);
	}
	*content = view_add_include(layout, "CONTENT", content_template);
	return layout;
}

void
page_end(struct request *req, struct response *res, struct view_dict *layout)
{
	bool ok;

	buf_reset(&res->body);
	ok = view_render(uses_app_layout(req) ? LAYOUT_APP : LAYOUT_BLANK,
	    layout, &res->body);
	view_dict_free(layout);
	if (!ok)
		page_error(req, res, 500, NULL);
}

/* Returns the reason phrase in French, "Erreur" for unlisted statuses. */
static const char *
reason_fr(int status)
{
	switch (status) {
	case 400:
		return "Requête invalide";
	case 401:
		return "Authentification requise";
	case 403:
		return "Accès refusé";
	case 404:
		return "Page introuvable";
	case 405:
		return "Méthode non autorisée";
	case 409:
		return "Conflit";
	case 413:
		return "Requête trop volumineuse";
	case 415:
		return "Type de contenu non pris en charge";
	case 422:
		return "Données invalides";
	case 429:
		return "Trop de requêtes";
	case 500:
		return "Erreur interne du serveur";
	case 502:
		return "Passerelle incorrecte";
	case 503:
		return "Service indisponible";
	default:
		return "Erreur";
	}
}

static const char *
default_message(int status)
{
	switch (status) {
	case 403:
		return "Vous n'avez pas le droit d'accéder à cette page.";
	case 404:
		return "Cette page n'existe pas ou a été supprimée.";
	case 503:
		return "Le service est momentanément indisponible. "
		       "Réessayez dans quelques instants.";
	case 500:
		return "Une erreur inattendue s'est produite. "
		       "Réessayez plus tard.";
	default:
		return NULL;
	}
}

/* Returns true when the client accepts JSON and not HTML. */
static bool
wants_json(const struct request *req)
{
	const char *accept = http_param(req, "HTTP_ACCEPT");

	return accept != NULL && strstr(accept, "application/json") != NULL &&
	    strstr(accept, "text/html") == NULL;
}

/* Appends s as the contents of a JSON string, quotes excluded. */
static void
json_string_append(struct buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", c);
		else if (c < 0x20)
			buf_printf(out, "\\u%04x", c);
		else
			buf_putc(out, (char)c);
	}
}

static void
error_json(struct response *res, int status, const char *message)
{
	res->content_type = "application/json; charset=utf-8";
	buf_printf(&res->body, "{\"statusCode\":%d,\"error\":\"", status);
	json_string_append(&res->body, http_reason(status));
	buf_puts(&res->body, "\",\"message\":\"");
	json_string_append(
	    &res->body, message != NULL ? message : reason_fr(status));
	buf_puts(&res->body, "\"}");
}

/* The page written when even the error template fails to render. */
static void
error_fallback(struct response *res, int status)
{
	buf_printf(&res->body,
	    "<!DOCTYPE html>\n<html lang=\"fr\"><head>"
	    "<meta charset=\"utf-8\"><title>Erreur %d - Permacoop</title>"
	    "</head><body><h1>Erreur %d : %s</h1></body></html>\n",
	    status, status, reason_fr(status));
}

void
page_error(
    struct request *req, struct response *res, int status, const char *message)
{
	struct view_dict *layout, *content, *section;
	struct buf title = {0};
	bool app_layout = uses_app_layout(req);
	bool ok;

	res->status = status;
	res->content_type = NULL;
	buf_reset(&res->body);
	if (status == 503)
		http_add_header(res, "Retry-After", RETRY_AFTER_503);
	if (message == NULL)
		message = default_message(status);
	if (wants_json(req)) {
		error_json(res, status, message);
		return;
	}

	/* No flash here: taking it needs the database, which may be the
	 * cause of the error. */
	buf_printf(&title, "Erreur %d : %s", status, reason_fr(status));
	layout = layout_new(req, res, buf_str(&title), app_layout);
	buf_free(&title);
	content = view_add_include(layout, "CONTENT", ERROR_TEMPLATE);
	view_set_int(content, "STATUS", status);
	view_set(content, "REASON", reason_fr(status));
	if (message != NULL) {
		section = view_add_section(content, "MESSAGE");
		view_set(section, "MESSAGE_TEXT", message);
	}
	ok = view_render(
	    app_layout ? LAYOUT_APP : LAYOUT_BLANK, layout, &res->body);
	view_dict_free(layout);
	if (!ok) {
		buf_reset(&res->body);
		error_fallback(res, status);
	}
}
