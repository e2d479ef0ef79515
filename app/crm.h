/*
 * FairCRM: the customers, projects and tasks pages, and what their
 * handlers share (role check, paginated lists, names unique regardless
 * of case and Unicode compatibility forms).
 */
#ifndef PC_CRM_H
#define PC_CRM_H

#include <stdbool.h>

#include <libpq-fe.h>

#include "../lib/db.h"
#include "../lib/http.h"
#include "../lib/pagination.h"
#include "../lib/view.h"

/* Maximum length of a customer, project or task name, in code points. */
#define CRM_NAME_MAX 255

/* Returns true when the user may use FairCRM; otherwise writes the 403
 * page (accountants) and returns false. */
bool crm_allowed(struct request *req, struct response *res);

/* Writes the error page of the last failed query: 503 when the database
 * is unreachable, 500 otherwise. */
void crm_db_error(struct request *req, struct response *res);

/* Returns the :id capture when it is a UUID, NULL otherwise. */
const char *crm_id(const struct request *req);

/*
 * Loads the page of a list that ?page= requests: runs count (no
 * parameters, one row with the total), clamps the page with p, then runs
 * rows ($1 the limit, $2 the offset). Returns the rows, or NULL on a
 * database failure.
 */
PGresult *crm_list_page(const struct request *req, struct db_statement *count,
    struct db_statement *rows, struct pagination *p);

enum crm_write {
	CRM_WRITTEN,       /* the statement returned a row */
	CRM_NOT_WRITTEN,   /* it returned none: the name is taken */
	CRM_BAD_REFERENCE, /* foreign key violation (SQLSTATE 23503) */
	CRM_DB_FAILED,     /* see crm_db_error */
};

/*
 * Runs write, which must return a row when it wrote and none when name
 * is taken, in a transaction that first takes an advisory lock on table
 * and lower(normalize(name, NFKC)). Two requests writing names that are
 * equal in that form therefore run one after the other, and the NOT
 * EXISTS check of the second finds the first's row. write compares names
 * in the same form and stores them in NFC. After CRM_DB_FAILED,
 * crm_db_error writes the right page.
 */
enum crm_write crm_write_named(const char *table, const char *name,
    struct db_statement *write, const char *const *params);

/*
 * A FairCRM record that has only a name (customers, tasks): its labels,
 * its pages and its statements. The pages are views/<folder>/list.tpl and
 * views/partials/form_page.tpl.
 */
struct crm_named {
	const char *table;      /* for the advisory lock */
	const char *list_path;  /* "/app/customers" */
	const char *list_title; /* "Clients" */
	const char *list_template;
	const char *add_title;
	const char *edit_title; /* printf format of the stored name */
	const char *name_label;
	const char *taken_message; /* the name is already used */
	const char *created_message;
	const char *updated_message;
	struct db_statement *count;  /* count(*) */
	struct db_statement *page;   /* id, name; $1 limit, $2 offset */
	struct db_statement *find;   /* name of $1 */
	struct db_statement *insert; /* $1 name; returns no row when
					   the name is taken */
	struct db_statement *update; /* $1 id, $2 name; same */
};

void crm_named_list(
    const struct crm_named *kind, struct request *req, struct response *res);
void crm_named_add_form(
    const struct crm_named *kind, struct request *req, struct response *res);
void crm_named_add(
    const struct crm_named *kind, struct request *req, struct response *res);
void crm_named_edit_form(
    const struct crm_named *kind, struct request *req, struct response *res);
void crm_named_edit(
    const struct crm_named *kind, struct request *req, struct response *res);

/*
 * Fills the {{>BREADCRUMB}} of content: a link to the list (none when
 * list_path is NULL), then the current page.
 */
void crm_breadcrumb(struct view_dict *content, const char *list_path,
    const char *list_title, const char *current);

/* Starts a list page (title and breadcrumb set) and returns the layout. */
struct view_dict *crm_list_begin(struct request *req, struct response *res,
    const char *title, const char *template_file, struct view_dict **content);

/* Fills the {{>PAGINATION}} of content with links to list_path. */
void crm_pagination(struct view_dict *content, const struct pagination *p,
    const char *list_path);

/*
 * Starts a form page (views/partials/form_page.tpl) with its breadcrumb
 * back to the list, and returns the layout. *form receives the form's
 * dictionary for form_view_init. status is 200, or 422 when the form is
 * shown again with its errors.
 */
struct view_dict *crm_form_page(struct request *req, struct response *res,
    int status, const char *list_path, const char *list_title,
    const char *title, struct view_dict **form);

/* Adds the pencil link of a list row, labelled with the row's name. */
void crm_edit_link(struct view_dict *row, const char *list_path, const char *id,
    const char *name);

#endif
