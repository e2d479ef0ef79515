/*
 * Form field readers: each checks one field of a parsed form body and
 * records a French message per invalid field in a struct form_errors.
 *
 * Every reader follows the same rules:
 * - A field sent more than once is an error ("name=a&name=b").
 * - Values are trimmed in place at both ends, inside the params, so a
 *   form shown again displays the trimmed value. Trimming removes Unicode
 *   white space (U+0009-000D, U+0020, U+0085, U+00A0, U+1680,
 *   U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000) and zero-width
 *   characters (U+200B-200D, U+2060, U+FEFF).
 * - A field that is absent, or empty once trimmed, is an error with
 *   FORM_REQUIRED and is skipped without it.
 * - *out is written only when the field contains a valid value, so the caller
 *   sets the default first (NULL, false, 0).
 * - The return value is false when the field is invalid, true otherwise
 *   (valid, or absent and optional).
 * - String results point into the params and live as long as they do,
 *   except form_enum's, which point into its allowed list.
 *
 * A handler reads every field, then checks form_has_errors() once:
 *
 *	struct form_errors	 errors;
 *	const char		*name = NULL;
 *
 *	form_errors_init(&errors);
 *	form_text(&req->form, "name", 255, FORM_REQUIRED, &errors, &name);
 *	...
 *	if (form_has_errors(&errors))
 *		render the form again with status 422;
 */
#ifndef PC_FORM_H
#define PC_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "params.h"

#define FORM_MAX_ERRORS  32
#define FORM_MESSAGE_MAX 160

/* Flags of the readers. */
#define FORM_REQUIRED  0x1 /* absent or empty is an error */
#define FORM_MULTILINE 0x2 /* form_text: allow tab, CR and LF */

struct form_error {
	const char *field;              /* the caller's string, not copied */
	char message[FORM_MESSAGE_MAX]; /* French, UTF-8 */
};

/* The first message of each invalid field, in the order they were found. */
struct form_errors {
	struct form_error items[FORM_MAX_ERRORS];
	size_t count;
	bool overflow; /* more fields than items */
};

void form_errors_init(struct form_errors *errors);

/* Records message for field unless field already has one. */
void form_error_add(
    struct form_errors *errors, const char *field, const char *message);

/* Returns the message recorded for field, or NULL. */
const char *form_error_get(const struct form_errors *errors, const char *field);

bool form_has_errors(const struct form_errors *errors);

/*
 * Reads a text of at most max_chars Unicode code points. Without
 * FORM_MULTILINE the text is a name: each run of white space inside it is
 * replaced in place by one ASCII space, and zero-width characters
 * (U+200B-200D, U+2060, U+FEFF) and the soft hyphen U+00AD are rejected.
 * Control characters (C0, DEL, C1) are rejected, except tab, CR and LF
 * with FORM_MULTILINE, and so are the bidirectional controls U+202A-202E
 * and U+2066-2069. A text made only of invisible code points (white space,
 * zero-width and other default-ignorable characters) is rejected too.
 * The maximum applies to the text once its white space is collapsed.
 */
bool form_text(struct params *form, const char *name, size_t max_chars,
    unsigned flags, struct form_errors *errors, const char **out);

/* Reads a value that must be one of allowed, a NULL-terminated list. */
bool form_enum(struct params *form, const char *name,
    const char *const *allowed, unsigned flags, struct form_errors *errors,
    const char **out);

/*
 * Reads a checkbox: absent, "" or "false" is false, "true" or "on" is
 * true, anything else is invalid. FORM_REQUIRED is ignored.
 */
bool form_checkbox(struct params *form, const char *name,
    struct form_errors *errors, bool *out);

/* Reads a UUID written 8-4-4-4-12 in hex digits of any case and version. */
bool form_uuid(struct params *form, const char *name, unsigned flags,
    struct form_errors *errors, const char **out);

/* Reads a calendar date "YYYY-MM-DD" (years 0001 to 9999) that exists. */
bool form_date(struct params *form, const char *name, unsigned flags,
    struct form_errors *errors, const char **out);

/* Reads a decimal integer ("-12", "300") between min and max inclusive. */
bool form_int(struct params *form, const char *name, long min, long max,
    unsigned flags, struct form_errors *errors, long *out);

/*
 * Reads an amount of euros into cents, between min_cents and max_cents
 * inclusive. French and dot notations are accepted: "1 234,50", "1234.50",
 * "12", "-3,5", with an optional "€" at the end. Thousands are grouped by
 * three with a space, a no-break space or a narrow no-break space.
 */
bool form_money(struct params *form, const char *name, int64_t min_cents,
    int64_t max_cents, unsigned flags, struct form_errors *errors,
    int64_t *out);

/* Returns whether s is a date "YYYY-MM-DD" that exists in the calendar. */
bool form_parse_date(const char *s, int *year, int *month, int *day);

/* Returns whether s is a UUID written 8-4-4-4-12 in hex digits. */
bool form_is_uuid(const char *s);

/*
 * Parses an amount as form_money does, without a range. Returns false
 * when s is not an amount or does not fit in int64_t cents.
 */
bool form_parse_money(const char *s, int64_t *cents);

#endif
