/*
 * Rendering of form fields: each field is one include of
 * views/partials/form_<kind>.tpl, in the order added, carrying its label,
 * the value to show and the error message read from a struct form_errors.
 * The summary of the errors, with links to the fields, goes above them.
 *
 * The form's template places {{>ERROR_SUMMARY}} and then {{>FIELDS}}:
 *
 *	struct form_view	 form;
 *
 *	form_view_init(&form, content, &errors);
 *	form_view_text(&form, "name", "Nom du client", name, 255,
 *	    FORM_REQUIRED);
 *	form_view_finish(&form);
 */
#ifndef PC_FORM_VIEW_H
#define PC_FORM_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"

#define FORM_VIEW_MAX_FIELDS 32

struct view_dict;

struct form_view_field {
	const char *name; /* the caller's strings, not copied */
	const char *label;
};

struct form_view {
	struct view_dict *dict;
	const struct form_errors *errors; /* NULL for none */
	struct form_view_field fields[FORM_VIEW_MAX_FIELDS];
	size_t field_count;
};

/* Starts the fields of the form whose dictionary is dict. */
void form_view_init(struct form_view *form, struct view_dict *dict,
    const struct form_errors *errors);

/*
 * Adds a single-line text input. value NULL shows an empty field,
 * max_chars 0 sets no maxlength, and flags takes FORM_REQUIRED.
 */
void form_view_text(struct form_view *form, const char *name, const char *label,
    const char *value, size_t max_chars, unsigned flags);

/* Adds a select and returns the dictionary that form_view_option fills. */
struct view_dict *form_view_select(struct form_view *form, const char *name,
    const char *label, unsigned flags);
void form_view_option(struct view_dict *select, const char *value,
    const char *label, bool selected);

/* Adds a checkbox sending "true" when checked. */
void form_view_checkbox(
    struct form_view *form, const char *name, const char *label, bool checked);

/*
 * Fills the error summary with the errors in the order they were found,
 * each linked to its field when the form shows one. Does nothing when
 * there are no errors.
 */
void form_view_finish(struct form_view *form);

#endif
