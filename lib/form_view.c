/* Form fields and their error summary, as includes of form partials. */
#include <stdio.h>
#include <string.h>

#include "form_view.h"
#include "view.h"

void
form_view_init(struct form_view *form, struct view_dict *dict,
    const struct form_errors *errors)
{
	memset(form, 0, sizeof(*form));
	form->dict = dict;
	form->errors = errors;
}

/*
 * Adds the include of one field with what every kind shares: name and
 * id, label, the required mark and the error message with its id, which
 * the input names in aria-describedby.
 */
static struct view_dict *
add_field(struct form_view *form, const char *template_file, const char *name,
    const char *label, unsigned flags)
{
	struct view_dict *field, *error;
	const char *message = NULL;
	char error_id[128];

	if (form->field_count < FORM_VIEW_MAX_FIELDS) {
		form->fields[form->field_count].name = name;
		form->fields[form->field_count].label = label;
		form->field_count++;
	}

	field = view_add_include(form->dict, "FIELDS", template_file);
	view_set(field, "NAME", name);
	view_set(field, "LABEL", label);
	if (flags & FORM_REQUIRED)
		view_show(field, "REQUIRED");

	if (form->errors != NULL)
		message = form_error_get(form->errors, name);
	if (message != NULL) {
		snprintf(error_id, sizeof(error_id), "%s-error", name);
		error = view_add_section(field, "ERROR");
		view_set(error, "ERROR_ID", error_id);
		view_set(error, "MESSAGE", message);
		/* A second section, because the message and the input's
		 * attributes sit at different places of the template. */
		error = view_add_section(field, "INVALID");
		view_set(error, "ERROR_ID", error_id);
	}
	return field;
}

void
form_view_text(struct form_view *form, const char *name, const char *label,
    const char *value, size_t max_chars, unsigned flags)
{
	struct view_dict *field, *max;

	field = add_field(form, "partials/form_text.tpl", name, label, flags);
	view_set(field, "VALUE", value != NULL ? value : "");
	if (max_chars > 0) {
		max = view_add_section(field, "MAXLENGTH");
		view_set_int(max, "MAX_CHARS", (long)max_chars);
	}
}

struct view_dict *
form_view_select(
    struct form_view *form, const char *name, const char *label, unsigned flags)
{
	return add_field(form, "partials/form_select.tpl", name, label, flags);
}

void
form_view_option(struct view_dict *select, const char *value, const char *label,
    bool selected)
{
	struct view_dict *option;

	option = view_add_section(select, "OPTION");
	view_set(option, "OPTION_VALUE", value);
	view_set(option, "OPTION_LABEL", label);
	if (selected)
		view_show(option, "SELECTED");
}

void
form_view_checkbox(
    struct form_view *form, const char *name, const char *label, bool checked)
{
	struct view_dict *field;

	field = add_field(form, "partials/form_checkbox.tpl", name, label, 0);
	if (checked)
		view_show(field, "CHECKED");
}

static const char *
field_label(const struct form_view *form, const char *name)
{
	size_t i;

	for (i = 0; i < form->field_count; i++)
		if (strcmp(form->fields[i].name, name) == 0)
			return form->fields[i].label;
	return NULL;
}

void
form_view_finish(struct form_view *form)
{
	struct view_dict *summary, *item;
	const struct form_error *error;
	const char *label;
	size_t i;

	if (form->errors == NULL || !form_has_errors(form->errors))
		return;

	summary = view_add_include(
	    form->dict, "ERROR_SUMMARY", "partials/form_errors.tpl");
	if (form->errors->count > 1) {
		item = view_add_section(summary, "SEVERAL");
		view_set_int(item, "ERROR_COUNT", (long)form->errors->count);
	} else
		view_show(summary, "ONE");
	for (i = 0; i < form->errors->count; i++) {
		error = &form->errors->items[i];
		item = view_add_section(summary, "ITEM");
		label = field_label(form, error->field);
		if (label != NULL) {
			item = view_add_section(item, "LINKED");
			view_set(item, "FIELD_ID", error->field);
			view_set(item, "LABEL", label);
		} else
			item = view_add_section(item, "UNLINKED");
		view_set(item, "MESSAGE", error->message);
	}
}
