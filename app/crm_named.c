/* List, add and edit pages of the FairCRM records that only have a name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "crm.h"
#include "../lib/form.h"
#include "../lib/form_view.h"
#include "../lib/session.h"

void
crm_named_list(
    const struct crm_named *kind, struct request *req, struct response *res)
{
	struct view_dict *layout, *content, *row;
	struct pagination p;
	PGresult *rows;
	int i, count;

	if (!crm_allowed(req, res))
		return;
	if ((rows = crm_list_page(req, kind->count, kind->page, &p)) == NULL) {
		crm_db_error(req, res);
		return;
	}

	layout = crm_list_begin(
	    req, res, kind->list_title, kind->list_template, &content);
	count = PQntuples(rows);
	for (i = 0; i < count; i++) {
		row = view_add_section(content, "ROW");
		view_set(row, "NAME", PQgetvalue(rows, i, 1));
		crm_edit_link(row, kind->list_path, PQgetvalue(rows, i, 0),
		    PQgetvalue(rows, i, 1));
	}
	if (count == 0)
		view_show(content, "EMPTY");
	crm_pagination(content, &p, kind->list_path);
	PQclear(rows);
	page_end(req, res, layout);
}

/* Writes the form page: title is the page's, name the value shown. */
static void
render_form(const struct crm_named *kind, struct request *req,
    struct response *res, int status, const char *title, const char *name,
    const struct form_errors *errors)
{
	struct view_dict *layout, *content;
	struct form_view form;

	layout = crm_form_page(req, res, status, kind->list_path,
	    kind->list_title, title, &content);
	form_view_init(&form, content, errors);
	form_view_text(
	    &form, "name", kind->name_label, name, CRM_NAME_MAX, FORM_REQUIRED);
	form_view_finish(&form);
	page_end(req, res, layout);
}

/* Returns the page title of the edit form of the record named name. */
static char *
edit_title(const struct crm_named *kind, const char *name)
{
	struct buf title = {0};

	buf_printf(&title, kind->edit_title, name);
	return title.data;
}

/* Redirects to the list with message shown there once. */
static void
redirect_to_list(const struct crm_named *kind, struct request *req,
    struct response *res, const char *message)
{
	if (session_flash_set(req, message) == -1) {
		crm_db_error(req, res);
		return;
	}
	http_redirect(res, 303, kind->list_path);
}

void
crm_named_add_form(
    const struct crm_named *kind, struct request *req, struct response *res)
{
	if (!crm_allowed(req, res))
		return;
	render_form(kind, req, res, 200, kind->add_title, "", NULL);
}

void
crm_named_add(
    const struct crm_named *kind, struct request *req, struct response *res)
{
	struct form_errors errors;
	const char *name = NULL;
	const char *params[1];

	if (!crm_allowed(req, res))
		return;

	form_errors_init(&errors);
	form_text(
	    &req->form, "name", CRM_NAME_MAX, FORM_REQUIRED, &errors, &name);
	if (form_has_errors(&errors))
		goto invalid;

	params[0] = name;
	switch (crm_write_named(kind->table, name, kind->insert, params)) {
	case CRM_WRITTEN:
		redirect_to_list(kind, req, res, kind->created_message);
		return;
	case CRM_NOT_WRITTEN:
		form_error_add(&errors, "name", kind->taken_message);
		goto invalid;
	default:
		crm_db_error(req, res);
		return;
	}

invalid:
	render_form(kind, req, res, 422, kind->add_title,
	    params_get(&req->form, "name"), &errors);
}

/*
 * Loads the name of the record whose id the URL holds. Returns it (caller
 * frees), or NULL after writing the 404 or database error page.
 */
static char *
find_name(
    const struct crm_named *kind, struct request *req, struct response *res)
{
	const char *params[1];
	PGresult *rows;
	char *name;

	if ((params[0] = crm_id(req)) == NULL) {
		page_error(req, res, 404, NULL);
		return NULL;
	}
	if ((rows = db_exec(kind->find, params)) == NULL) {
		crm_db_error(req, res);
		return NULL;
	}
	if (PQntuples(rows) == 0) {
		PQclear(rows);
		page_error(req, res, 404, NULL);
		return NULL;
	}
	name = strdup(PQgetvalue(rows, 0, 0));
	PQclear(rows);
	if (name == NULL)
		abort();
	return name;
}

void
crm_named_edit_form(
    const struct crm_named *kind, struct request *req, struct response *res)
{
	char *name, *title;

	if (!crm_allowed(req, res))
		return;
	if ((name = find_name(kind, req, res)) == NULL)
		return;
	title = edit_title(kind, name);
	render_form(kind, req, res, 200, title, name, NULL);
	free(title);
	free(name);
}

void
crm_named_edit(
    const struct crm_named *kind, struct request *req, struct response *res)
{
	struct form_errors errors;
	const char *name = NULL;
	const char *params[2];
	char *stored, *title;

	if (!crm_allowed(req, res))
		return;
	if ((stored = find_name(kind, req, res)) == NULL)
		return;

	form_errors_init(&errors);
	form_text(
	    &req->form, "name", CRM_NAME_MAX, FORM_REQUIRED, &errors, &name);
	if (form_has_errors(&errors))
		goto invalid;

	params[0] = crm_id(req);
	params[1] = name;
	switch (crm_write_named(kind->table, name, kind->update, params)) {
	case CRM_WRITTEN:
		redirect_to_list(kind, req, res, kind->updated_message);
		goto done;
	case CRM_NOT_WRITTEN:
		/* The name is taken, unless the record was deleted since
		 * find_name read it. */
		free(stored);
		if ((stored = find_name(kind, req, res)) == NULL)
			return;
		form_error_add(&errors, "name", kind->taken_message);
		goto invalid;
	default:
		crm_db_error(req, res);
		goto done;
	}

invalid:
	title = edit_title(kind, stored);
	render_form(kind, req, res, 422, title, params_get(&req->form, "name"),
	    &errors);
	free(title);
done:
	free(stored);
}
