/* FairCRM projects: list, add and edit pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "crm.h"
#include "handlers.h"
#include "../lib/form.h"
#include "../lib/form_view.h"
#include "../lib/session.h"

#define LIST_PATH     "/app/projects"
#define LIST_TITLE    "Projets"
#define ADD_TITLE     "Ajouter un projet"
#define TAKEN_MESSAGE "Un projet porte déjà ce nom."
#define NO_CUSTOMER   "Ce client n'existe pas."

static struct db_statement sql_count = {
    .name = "projects_count",
    .sql = "SELECT count(*) FROM project",
    .param_count = 0,
};

/* Inactive projects are listed too. */
static struct db_statement sql_page = {
    .name = "projects_page",
    .sql = "SELECT p.id, p.name, p.active, c.name\n"
           "FROM project p\n"
           "JOIN customer c ON c.id = p.\"customerId\"\n"
           "ORDER BY c.name, p.name, p.id\n"
           "LIMIT $1 OFFSET $2",
    .param_count = 2,
};

/* Every customer, for the select of the form. */
static struct db_statement sql_customers = {
    .name = "projects_customers",
    .sql = "SELECT id, name FROM customer ORDER BY name, id",
    .param_count = 0,
};

static struct db_statement sql_find = {
    .name = "projects_find",
    .sql = "SELECT name, \"customerId\", \"invoiceUnit\", active\n"
           "FROM project WHERE id = $1",
    .param_count = 1,
};

/*
 * Project names are unique across all customers, regardless of case and
 * Unicode compatibility forms ("Ｚｏｏ" is "Zoo"). They are stored in NFC.
 */
static struct db_statement sql_insert = {
    .name = "projects_insert",
    .sql = "INSERT INTO project (name, \"customerId\", \"invoiceUnit\",\n"
           "    active)\n"
           "SELECT normalize($1::text, NFC), $2::uuid,\n"
           "    $3::project_invoiceunit_enum, $4::boolean\n"
           "WHERE NOT EXISTS (\n"
           "    SELECT 1 FROM project\n"
           "    WHERE lower(normalize(name, NFKC)) =\n"
           "        lower(normalize($1, NFKC)))\n"
           "RETURNING id",
    .param_count = 4,
};

static struct db_statement sql_update = {
    .name = "projects_update",
    .sql = "UPDATE project SET name = normalize($2::text, NFC),\n"
           "    \"customerId\" = $3, \"invoiceUnit\" = $4, active = $5\n"
           "WHERE id = $1 AND NOT EXISTS (\n"
           "    SELECT 1 FROM project\n"
           "    WHERE lower(normalize(name, NFKC)) =\n"
           "        lower(normalize($2, NFKC))\n"
           "    AND id <> $1)\n"
           "RETURNING id",
    .param_count = 5,
};

static const char *const invoice_units[] = {"day", "hour", NULL};
static const char *const invoice_unit_labels[] = {"Jour", "Heure", NULL};

/* Values of the form's fields, from the database or as typed. */
struct project_form {
	const char *name;
	const char *customer_id;
	const char *invoice_unit;
	bool active;
};

void
projects_list(struct request *req, struct response *res)
{
	struct view_dict *layout, *content, *row;
	struct pagination p;
	PGresult *rows;
	int i, count;
	bool active;

	if (!crm_allowed(req, res))
		return;
	if ((rows = crm_list_page(req, &sql_count, &sql_page, &p)) == NULL) {
		crm_db_error(req, res);
		return;
	}

	layout =
	    crm_list_begin(req, res, LIST_TITLE, "projects/list.tpl", &content);
	count = PQntuples(rows);
	for (i = 0; i < count; i++) {
		row = view_add_section(content, "ROW");
		active = strcmp(PQgetvalue(rows, i, 2), "t") == 0;
		view_show(row, active ? "ACTIVE" : "INACTIVE");
		view_set(row, "NAME", PQgetvalue(rows, i, 1));
		view_set(row, "CUSTOMER", PQgetvalue(rows, i, 3));
		crm_edit_link(row, LIST_PATH, PQgetvalue(rows, i, 0),
		    PQgetvalue(rows, i, 1));
	}
	if (count == 0)
		view_show(content, "EMPTY");
	crm_pagination(content, &p, LIST_PATH);
	PQclear(rows);
	page_end(req, res, layout);
}

static void
render_form(struct request *req, struct response *res, int status,
    const char *title, const struct project_form *values,
    const PGresult *customers, const struct form_errors *errors)
{
	struct view_dict *layout, *content, *select;
	struct form_view form;
	const char *id;
	int i;

	layout = crm_form_page(
	    req, res, status, LIST_PATH, LIST_TITLE, title, &content);
	form_view_init(&form, content, errors);
	form_view_text(&form, "name", "Nom du projet", values->name,
	    CRM_NAME_MAX, FORM_REQUIRED);

	select = form_view_select(&form, "customerId", "Client", FORM_REQUIRED);
	for (i = 0; i < PQntuples(customers); i++) {
		id = PQgetvalue(customers, i, 0);
		form_view_option(select, id, PQgetvalue(customers, i, 1),
		    values->customer_id != NULL &&
		        strcasecmp(values->customer_id, id) == 0);
	}

	select = form_view_select(
	    &form, "invoiceUnit", "Unité de facturation", FORM_REQUIRED);
	for (i = 0; invoice_units[i] != NULL; i++)
		form_view_option(select, invoice_units[i],
		    invoice_unit_labels[i],
		    values->invoice_unit != NULL &&
		        strcmp(values->invoice_unit, invoice_units[i]) == 0);

	form_view_checkbox(&form, "active", "Actif", values->active);
	form_view_finish(&form);
	page_end(req, res, layout);
}

/* Returns whether the rows of customers (id, name) contain id. */
static bool
customer_listed(const PGresult *customers, const char *id)
{
	int i;

	for (i = 0; i < PQntuples(customers); i++)
		if (strcasecmp(PQgetvalue(customers, i, 0), id) == 0)
			return true;
	return false;
}

/*
 * Reads and checks the fields of a posted form into values. values comes
 * with the defaults of the fields that may be absent. The typed text is
 * kept for the form shown again.
 */
static void
read_form(struct request *req, const PGresult *customers,
    struct project_form *values, struct form_errors *errors)
{
	const char *customer_id = NULL;

	form_text(&req->form, "name", CRM_NAME_MAX, FORM_REQUIRED, errors,
	    &values->name);
	if (form_uuid(&req->form, "customerId", FORM_REQUIRED, errors,
	        &customer_id) &&
	    !customer_listed(customers, customer_id))
		form_error_add(errors, "customerId", NO_CUSTOMER);
	form_enum(&req->form, "invoiceUnit", invoice_units, 0, errors,
	    &values->invoice_unit);
	values->active = false;
	form_checkbox(&req->form, "active", errors, &values->active);

	/* Shown again as typed when the form has errors. */
	values->customer_id = params_get(&req->form, "customerId");
	if (values->name == NULL)
		values->name = params_get(&req->form, "name");
}

/* Maps the outcome of a write: returns true when the request is done. */
static bool
write_done(enum crm_write outcome, struct request *req, struct response *res,
    const char *message, struct form_errors *errors)
{
	switch (outcome) {
	case CRM_WRITTEN:
		if (session_flash_set(req, message) == -1)
			crm_db_error(req, res);
		else
			http_redirect(res, 303, LIST_PATH);
		return true;
	case CRM_NOT_WRITTEN:
		form_error_add(errors, "name", TAKEN_MESSAGE);
		return false;
	case CRM_BAD_REFERENCE:
		form_error_add(errors, "customerId", NO_CUSTOMER);
		return false;
	default:
		crm_db_error(req, res);
		return true;
	}
}

static const char *
active_param(bool active)
{
	return active ? "true" : "false";
}

void
projects_add_form(struct request *req, struct response *res)
{
	struct project_form values = {"", NULL, "day", true};
	PGresult *customers;

	if (!crm_allowed(req, res))
		return;
	if ((customers = db_exec(&sql_customers, NULL)) == NULL) {
		crm_db_error(req, res);
		return;
	}
	render_form(req, res, 200, ADD_TITLE, &values, customers, NULL);
	PQclear(customers);
}

void
projects_add(struct request *req, struct response *res)
{
	struct project_form values = {NULL, NULL, "day", false};
	struct form_errors errors;
	PGresult *customers;
	const char *params[4];
	enum crm_write outcome;

	if (!crm_allowed(req, res))
		return;
	if ((customers = db_exec(&sql_customers, NULL)) == NULL) {
		crm_db_error(req, res);
		return;
	}

	form_errors_init(&errors);
	read_form(req, customers, &values, &errors);
	if (!form_has_errors(&errors)) {
		params[0] = values.name;
		params[1] = values.customer_id;
		params[2] = values.invoice_unit;
		params[3] = active_param(values.active);
		outcome = crm_write_named(
		    "project", values.name, &sql_insert, params);
		if (write_done(
		        outcome, req, res, "Le projet a été ajouté.", &errors))
			goto done;
	}
	render_form(req, res, 422, ADD_TITLE, &values, customers, &errors);
done:
	PQclear(customers);
}

/*
 * Loads the project whose id the URL holds. Returns its row (name,
 * customerId, invoiceUnit, active), or NULL after writing the 404 or
 * database error page.
 */
static PGresult *
find_project(struct request *req, struct response *res)
{
	const char *params[1];
	PGresult *project;

	if ((params[0] = crm_id(req)) == NULL) {
		page_error(req, res, 404, NULL);
		return NULL;
	}
	if ((project = db_exec(&sql_find, params)) == NULL) {
		crm_db_error(req, res);
		return NULL;
	}
	if (PQntuples(project) == 0) {
		PQclear(project);
		page_error(req, res, 404, NULL);
		return NULL;
	}
	return project;
}

static char *
edit_title(const PGresult *project)
{
	struct buf title = {0};

	buf_printf(
	    &title, "Édition du projet \"%s\"", PQgetvalue(project, 0, 0));
	return title.data;
}

void
projects_edit_form(struct request *req, struct response *res)
{
	struct project_form values;
	PGresult *project, *customers;
	char *title;

	if (!crm_allowed(req, res))
		return;
	if ((project = find_project(req, res)) == NULL)
		return;
	if ((customers = db_exec(&sql_customers, NULL)) == NULL) {
		PQclear(project);
		crm_db_error(req, res);
		return;
	}

	values.name = PQgetvalue(project, 0, 0);
	values.customer_id = PQgetvalue(project, 0, 1);
	values.invoice_unit = PQgetvalue(project, 0, 2);
	values.active = strcmp(PQgetvalue(project, 0, 3), "t") == 0;
	title = edit_title(project);
	render_form(req, res, 200, title, &values, customers, NULL);
	free(title);
	PQclear(customers);
	PQclear(project);
}

void
projects_edit(struct request *req, struct response *res)
{
	struct project_form values;
	struct form_errors errors;
	PGresult *project, *again, *customers = NULL;
	const char *params[5];
	enum crm_write outcome;
	char *title;

	if (!crm_allowed(req, res))
		return;
	if ((project = find_project(req, res)) == NULL)
		return;
	if ((customers = db_exec(&sql_customers, NULL)) == NULL) {
		crm_db_error(req, res);
		goto done;
	}

	/* A form without the invoice unit keeps the stored one. */
	memset(&values, 0, sizeof(values));
	values.invoice_unit = PQgetvalue(project, 0, 2);
	form_errors_init(&errors);
	read_form(req, customers, &values, &errors);
	if (!form_has_errors(&errors)) {
		params[0] = crm_id(req);
		params[1] = values.name;
		params[2] = values.customer_id;
		params[3] = values.invoice_unit;
		params[4] = active_param(values.active);
		outcome = crm_write_named(
		    "project", values.name, &sql_update, params);
		if (write_done(
		        outcome, req, res, "Le projet a été modifié.", &errors))
			goto done;
		/* The name is taken, unless the project was deleted since
		 * find_project read it. */
		if ((again = find_project(req, res)) == NULL)
			goto done;
		PQclear(again);
	}

	title = edit_title(project);
	render_form(req, res, 422, title, &values, customers, &errors);
	free(title);
done:
	PQclear(customers);
	PQclear(project);
}
