/*
 * C interface to ctemplate. A dictionary contains the values and sections
 * of one rendering. Templates are HTML-auto-escaped, so values are set raw.
 */
#ifndef PC_VIEW_H
#define PC_VIEW_H

#include <stdbool.h>

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

struct view_dict;

/* Sets the folder that template names are relative to. Call once. */
void view_init(const char *root);

struct view_dict *view_dict_new(const char *name);
void view_dict_free(struct view_dict *dict);

void view_set(struct view_dict *dict, const char *key, const char *value);
void view_set_int(struct view_dict *dict, const char *key, long value);
/* Shows section once (for {{#SECTION}} used as a condition). */
void view_show(struct view_dict *dict, const char *section);
/*
 * Like view_set and view_show, but also visible inside the templates that
 * dict's template includes: an include dictionary does not see the
 * values of its parent otherwise.
 */
void view_set_global(
    struct view_dict *dict, const char *key, const char *value);
void view_show_global(struct view_dict *dict, const char *section);
/* Adds one repetition of section and returns its dictionary. */
struct view_dict *view_add_section(struct view_dict *dict, const char *section);
/* Fills {{>name}} with template_file, returning its dictionary. */
struct view_dict *view_add_include(
    struct view_dict *dict, const char *name, const char *template_file);

/*
 * Expands template_file with dict and appends the text to out. Returns
 * false when the template is missing or does not parse (logged).
 */
bool view_render(
    const char *template_file, struct view_dict *dict, struct buf *out);

#ifdef __cplusplus
}
#endif

#endif
