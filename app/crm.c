/* Helpers shared by the customers, projects and tasks handlers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "crm.h"
#include "../lib/form.h"
#include "../lib/log.h"
#include "../lib/router.h"

#define SQLSTATE_FOREIGN_KEY_VIOLATION "23503"

/*
 * Serialises writes of one name in one table. The lock is keyed by the
 * table's oid and a hash of the name in the form the duplicate checks
 * compare (NFKC, then lowercased), and is released at the end of the
 * transaction. Two names with the same hash only wait for each other.
 */
static struct db_statement lock_name = {
    .name = "crm_lock_name",
    .sql = "SELECT pg_advisory_xact_lock($1::regclass::oid::integer,\n"
           "    hashtext(lower(normalize($2, NFKC))))",
    .param_count = 2,
};

bool
crm_allowed(struct request *req, struct response *res)
{
	if (req->user != NULL && req->user->role != ROLE_ACCOUNTANT)
		return true;
	page_error(req, res, 403,
	    "Les clients, projets et missions ne sont pas accessibles "
	    "aux comptables.");
	return false;
}

void
crm_db_error(struct request *req, struct response *res)
{
	page_error(req, res, db_unavailable() ? 503 : 500, NULL);
}

const char *
crm_id(const struct request *req)
{
	const char *id;

	id = router_capture(&req->match, "id");
	if (id == NULL || !form_is_uuid(id))
		return NULL;
	return id;
}

PGresult *
crm_list_page(const struct request *req, struct db_statement *count,
    struct db_statement *rows, struct pagination *p)
{
	PGresult *res;
	char limit[32], offset[32];
	const char *params[2];
	long total;

	if ((res = db_exec(count, NULL)) == NULL)
		return NULL;
	total =
	    PQntuples(res) == 1 ? strtol(PQgetvalue(res, 0, 0), NULL, 10) : 0;
	PQclear(res);

	pagination_init(p,
	    pagination_parse_page(params_get(&req->query_params, "page")),
	    total);
	snprintf(limit, sizeof(limit), "%d", PAGINATION_PAGE_SIZE);
	snprintf(offset, sizeof(offset), "%ld", p->offset);
	params[0] = limit;
	params[1] = offset;
	return db_exec(rows, params);
}

void
crm_breadcrumb(struct view_dict *content, const char *list_path,
    const char *list_title, const char *current)
{
	struct view_dict *breadcrumb, *crumb;

	breadcrumb =
	    view_add_include(content, "BREADCRUMB", "partials/breadcrumb.tpl");
	if (list_path != NULL) {
		crumb = view_add_section(breadcrumb, "CRUMB");
		view_show(crumb, "CRUMB_LINK");
		view_set(crumb, "CRUMB_HREF", list_path);
		view_set(crumb, "CRUMB_LABEL", list_title);
	}
	crumb = view_add_section(breadcrumb, "CRUMB");
	view_show(crumb, "CRUMB_CURRENT");
	view_set(crumb, "CRUMB_LABEL", current);
}

struct view_dict *
crm_list_begin(struct request *req, struct response *res, const char *title,
    const char *template_file, struct view_dict **content)
{
	struct view_dict *layout;

	layout = page_begin(req, res, title, template_file, content);
	crm_breadcrumb(*content, NULL, NULL, title);
	return layout;
}

void
crm_pagination(struct view_dict *content, const struct pagination *p,
    const char *list_path)
{
	pagination_view(
	    view_add_include(content, "PAGINATION", "partials/pagination.tpl"),
	    p, list_path);
}

struct view_dict *
crm_form_page(struct request *req, struct response *res, int status,
    const char *list_path, const char *list_title, const char *title,
    struct view_dict **form)
{
	struct view_dict *layout;

	layout = page_begin(req, res, title, "partials/form_page.tpl", form);
	res->status = status;
	view_set(*form, "TITLE", title);
	crm_breadcrumb(*form, list_path, list_title, title);
	return layout;
}

void
crm_edit_link(struct view_dict *row, const char *list_path, const char *id,
    const char *name)
{
	struct view_dict *link;
	struct buf url = {0};

	buf_printf(&url, "%s/edit/%s", list_path, id);
	link =
	    view_add_include(row, "EDIT_LINK", "partials/table_edit_link.tpl");
	view_set(link, "URL", buf_str(&url));
	view_set(link, "NAME", name);
	buf_free(&url);
}

enum crm_write
crm_write_named(const char *table, const char *name, struct db_statement *write,
    const char *const *params)
{
	PGresult *res;
	const char *lock_params[2];
	bool foreign_key;
	int rows;

	if (!db_command("BEGIN ISOLATION LEVEL READ COMMITTED"))
		return CRM_DB_FAILED;

	lock_params[0] = table;
	lock_params[1] = name;
	if ((res = db_exec(&lock_name, lock_params)) == NULL)
		goto fail;
	PQclear(res);

	if ((res = db_exec(write, params)) == NULL)
		goto fail;
	rows = PQntuples(res);
	PQclear(res);

	if (!db_command("COMMIT"))
		return CRM_DB_FAILED;
	return rows > 0 ? CRM_WRITTEN : CRM_NOT_WRITTEN;

fail:
	foreign_key =
	    strcmp(db_error_code(), SQLSTATE_FOREIGN_KEY_VIOLATION) == 0;
	/* Without a connection the server has already ended the
	 * transaction, and the failure must stay a 503. */
	if (!db_unavailable() && !db_command("ROLLBACK"))
		log_error(
		    "crm: rollback after a failed write to %s failed", table);
	return foreign_key ? CRM_BAD_REFERENCE : CRM_DB_FAILED;
}
