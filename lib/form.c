/* Form field readers that collect one French message per invalid field. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

#define MSG_REQUIRED    "Ce champ est obligatoire."
#define MSG_REPEATED    "Ce champ a été envoyé plusieurs fois."
#define MSG_INVALID     "Cette valeur n'est pas valide."
#define MSG_CONTROL     "Ce champ contient un caractère non autorisé."
#define MSG_INVISIBLE   "Ce champ doit contenir au moins un caractère visible."
#define MSG_TOO_LONG    "Ce champ est trop long (%zu caractères au plus)."
#define MSG_UUID        "Cet identifiant n'est pas valide."
#define MSG_DATE        "Cette date n'est pas valide."
#define MSG_INT         "Ce nombre n'est pas valide."
#define MSG_INT_RANGE   "Ce nombre doit être compris entre %ld et %ld."
#define MSG_MONEY       "Ce montant n'est pas valide."
#define MSG_MONEY_RANGE "Ce montant doit être compris entre %s et %s."

/* More digits of euros are rejected before int64_t cents could overflow. */
#define MONEY_MAX_DIGITS 15

enum field_state {
	FIELD_ABSENT,
	FIELD_PRESENT,
	FIELD_INVALID,
};

void
form_errors_init(struct form_errors *errors)
{
	errors->count = 0;
	errors->overflow = false;
}

void
form_error_add(
    struct form_errors *errors, const char *field, const char *message)
{
	struct form_error *error;

	if (form_error_get(errors, field) != NULL)
		return;
	if (errors->count >= FORM_MAX_ERRORS) {
		errors->overflow = true;
		return;
	}
	error = &errors->items[errors->count++];
	error->field = field;
	snprintf(error->message, sizeof(error->message), "%s", message);
}

const char *
form_error_get(const struct form_errors *errors, const char *field)
{
	size_t i;

	for (i = 0; i < errors->count; i++) {
		if (strcmp(errors->items[i].field, field) == 0)
			return errors->items[i].message;
	}
	return NULL;
}

bool
form_has_errors(const struct form_errors *errors)
{
	return errors->count > 0 || errors->overflow;
}

/* An inclusive range of Unicode code points. */
struct code_point_range {
	uint32_t first;
	uint32_t last;
};

/* The White_Space characters of Unicode 15. */
static const struct code_point_range white_space[] = {
    {0x0009, 0x000d},
    {0x0020, 0x0020},
    {0x0085, 0x0085},
    {0x00a0, 0x00a0},
    {0x1680, 0x1680},
    {0x2000, 0x200a},
    {0x2028, 0x2029},
    {0x202f, 0x202f},
    {0x205f, 0x205f},
    {0x3000, 0x3000},
};

/* Zero-width characters that pad pasted text. */
static const struct code_point_range zero_width[] = {
    {0x200b, 0x200d},
    {0x2060, 0x2060},
    {0xfeff, 0xfeff},
};

/*
 * Code points that show nothing on their own: White_Space, the
 * Default_Ignorable_Code_Point property of Unicode 15 and U+2800 BRAILLE
 * PATTERN BLANK. A text made of these only looks empty.
 */
static const struct code_point_range invisible[] = {
    {0x0009, 0x000d},
    {0x0020, 0x0020},
    {0x0085, 0x0085},
    {0x00a0, 0x00a0},
    {0x00ad, 0x00ad},
    {0x034f, 0x034f},
    {0x061c, 0x061c},
    {0x115f, 0x1160},
    {0x1680, 0x1680},
    {0x17b4, 0x17b5},
    {0x180b, 0x180f},
    {0x2000, 0x200f},
    {0x2028, 0x202f},
    {0x205f, 0x206f},
    {0x2800, 0x2800},
    {0x3000, 0x3000},
    {0x3164, 0x3164},
    {0xfe00, 0xfe0f},
    {0xfeff, 0xfeff},
    {0xffa0, 0xffa0},
    {0xfff0, 0xfff8},
    {0x1bca0, 0x1bca3},
    {0x1d173, 0x1d17a},
    {0xe0000, 0xe0fff},
};

/*
 * Bidirectional embedding, override and isolate controls: they reorder
 * the text around them, so a name could show as another.
 */
static const struct code_point_range bidi_controls[] = {
    {0x202a, 0x202e},
    {0x2066, 0x2069},
};

#define RANGE_COUNT(ranges) (sizeof(ranges) / sizeof(ranges[0]))

static bool
in_ranges(uint32_t cp, const struct code_point_range *ranges, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (cp >= ranges[i].first && cp <= ranges[i].last)
			return true;
	}
	return false;
}

static bool
is_white_space(uint32_t cp)
{
	return in_ranges(cp, white_space, RANGE_COUNT(white_space));
}

/* Returns whether cp is trimmed from both ends of every value. */
static bool
is_trimmed(uint32_t cp)
{
	return is_white_space(cp) ||
	    in_ranges(cp, zero_width, RANGE_COUNT(zero_width));
}

/*
 * Decodes the UTF-8 sequence at s, of at most len bytes, into *cp.
 * Returns its length, or 0 when s does not start with a well-formed
 * sequence (overlong forms and surrogates included).
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t need, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 2;
		*cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 3;
		*cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 4;
		*cp = s[0] & 0x07;
	} else
		return 0;
	if (len < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && *cp < 0x800) || (need == 4 && *cp < 0x10000) ||
	    (*cp >= 0xd800 && *cp <= 0xdfff) || *cp > 0x10ffff)
		return 0;
	return need;
}

/* Returns the length of the trimmed code point at s[0..len), or 0. */
static size_t
trimmed_at(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	n = utf8_decode(s, len, &cp);
	if (n == 0 || !is_trimmed(cp))
		return 0;
	return n;
}

/* Returns the length of the trimmed code point ending s[0..len), or 0. */
static size_t
trimmed_before(const unsigned char *s, size_t len)
{
	size_t start = len;

	while (start > 0 && len - start < 4) {
		start--;
		if ((s[start] & 0xc0) != 0x80)
			break;
	}
	if (trimmed_at(s + start, len - start) != len - start)
		return 0;
	return len - start;
}

/* Removes the trimmed code points at both ends of s, in place. Bytes of
 * invalid UTF-8 stop the trimming, so they are left for the caller. */
static void
trim(char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, end = strlen(s), n;

	while ((n = trimmed_at(u + start, end - start)) > 0)
		start += n;
	while (end > start && (n = trimmed_before(u + start, end - start)) > 0)
		end -= n;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
}

/*
 * Finds the one value of name and trims it. Records the error of a
 * repeated field, or of a missing one with FORM_REQUIRED.
 */
static enum field_state
field_get(struct params *form, const char *name, unsigned flags,
    struct form_errors *errors, char **value)
{
	size_t i;

	*value = NULL;
	if (params_count(form, name) > 1) {
		form_error_add(errors, name, MSG_REPEATED);
		return FIELD_INVALID;
	}
	for (i = 0; i < form->count; i++) {
		if (strcmp(form->items[i].name, name) == 0) {
			*value = form->items[i].value;
			trim(*value);
			break;
		}
	}
	if (*value != NULL && (*value)[0] != '\0')
		return FIELD_PRESENT;
	if (flags & FORM_REQUIRED) {
		form_error_add(errors, name, MSG_REQUIRED);
		return FIELD_INVALID;
	}
	return FIELD_ABSENT;
}

/* Returns whether the UTF-8 text s contains a C0, DEL or C1 control
 * character, not counting tab, CR and LF when multiline is true. */
static bool
has_control(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (multiline && (*p == '\t' || *p == '\n' || *p == '\r'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
		/* U+0080 to U+009F are encoded as C2 80 to C2 9F. */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
	}
	return false;
}

/*
 * Returns whether the valid UTF-8 text s contains a code point whose
 * membership in ranges equals inside: with inside true, one of the
 * ranges; with inside false, one outside all of them.
 */
static bool
has_code_point(const char *s, const struct code_point_range *ranges,
    size_t count, bool inside)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;
	uint32_t cp;

	for (; len > 0; p += n, len -= n) {
		if ((n = utf8_decode(p, len, &cp)) == 0)
			return false;
		if (in_ranges(cp, ranges, count) == inside)
			return true;
	}
	return false;
}

static bool
has_bidi_control(const char *s)
{
	return has_code_point(
	    s, bidi_controls, RANGE_COUNT(bidi_controls), true);
}

static bool
has_visible(const char *s)
{
	return has_code_point(s, invisible, RANGE_COUNT(invisible), false);
}

/*
 * Replaces each run of white space in the valid UTF-8 text s by one
 * ASCII space, in place, so names that differ only in their spacing are
 * stored the same way.
 */
static void
collapse_white_space(char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), in = 0, out = 0, n;
	uint32_t cp;
	bool in_run = false;

	while (in < len) {
		if ((n = utf8_decode(u + in, len - in, &cp)) == 0)
			break;
		if (is_white_space(cp)) {
			if (!in_run)
				s[out++] = ' ';
			in_run = true;
		} else {
			memmove(s + out, s + in, n);
			out += n;
			in_run = false;
		}
		in += n;
	}
	s[out] = '\0';
}

/*
 * Returns whether the valid UTF-8 text s contains a zero-width character
 * or a soft hyphen (U+00AD). Inside a name they hide a difference from
 * another name that looks the same.
 */
static bool
has_hidden_format(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), n;
	uint32_t cp;

	for (; len > 0; p += n, len -= n) {
		if ((n = utf8_decode(p, len, &cp)) == 0)
			return false;
		if (cp == 0x00ad ||
		    in_ranges(cp, zero_width, RANGE_COUNT(zero_width)))
			return true;
	}
	return false;
}

/* Counts the code points of valid UTF-8 text: the non-continuation bytes. */
static size_t
count_code_points(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	}
	return n;
}

bool
form_text(struct params *form, const char *name, size_t max_chars,
    unsigned flags, struct form_errors *errors, const char **out)
{
	enum field_state state;
	char *value, message[FORM_MESSAGE_MAX];
	bool multiline = (flags & FORM_MULTILINE) != 0;

	state = field_get(form, name, flags, errors, &value);
	if (state != FIELD_PRESENT)
		return state == FIELD_ABSENT;
	if (!utf8_valid(value, strlen(value))) {
		form_error_add(errors, name, MSG_INVALID);
		return false;
	}
	if (!multiline)
		collapse_white_space(value);
	if (has_control(value, multiline) || has_bidi_control(value)) {
		form_error_add(errors, name, MSG_CONTROL);
		return false;
	}
	if (!has_visible(value)) {
		form_error_add(errors, name, MSG_INVISIBLE);
		return false;
	}
	if (!multiline && has_hidden_format(value)) {
		form_error_add(errors, name, MSG_CONTROL);
		return false;
	}
	if (count_code_points(value) > max_chars) {
		snprintf(message, sizeof(message), MSG_TOO_LONG, max_chars);
		form_error_add(errors, name, message);
		return false;
	}
	*out = value;
	return true;
}

bool
form_enum(struct params *form, const char *name, const char *const *allowed,
    unsigned flags, struct form_errors *errors, const char **out)
{
	enum field_state state;
	char *value;

	state = field_get(form, name, flags, errors, &value);
	if (state != FIELD_PRESENT)
		return state == FIELD_ABSENT;
	for (; *allowed != NULL; allowed++) {
		if (strcmp(value, *allowed) == 0) {
			*out = *allowed;
			return true;
		}
	}
	form_error_add(errors, name, MSG_INVALID);
	return false;
}

bool
form_checkbox(struct params *form, const char *name, struct form_errors *errors,
    bool *out)
{
	enum field_state state;
	char *value;

	state = field_get(form, name, 0, errors, &value);
	if (state == FIELD_INVALID)
		return false;
	if (state == FIELD_ABSENT || strcmp(value, "false") == 0) {
		*out = false;
		return true;
	}
	if (strcmp(value, "true") == 0 || strcmp(value, "on") == 0) {
		*out = true;
		return true;
	}
	form_error_add(errors, name, MSG_INVALID);
	return false;
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

bool
form_is_uuid(const char *s)
{
	size_t i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!is_hex(s[i]))
			return false;
	}
	return s[36] == '\0';
}

bool
form_uuid(struct params *form, const char *name, unsigned flags,
    struct form_errors *errors, const char **out)
{
	enum field_state state;
	char *value;

	state = field_get(form, name, flags, errors, &value);
	if (state != FIELD_PRESENT)
		return state == FIELD_ABSENT;
	if (!form_is_uuid(value)) {
		form_error_add(errors, name, MSG_UUID);
		return false;
	}
	*out = value;
	return true;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads n digits of s into *value. Returns false at a non-digit. */
static bool
read_digits(const char *s, size_t n, int *value)
{
	size_t i;

	*value = 0;
	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return false;
		*value = *value * 10 + (s[i] - '0');
	}
	return true;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap;

	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (month == 2 && leap)
		return 29;
	return days[month - 1];
}

bool
form_parse_date(const char *s, int *year, int *month, int *day)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!read_digits(s, 4, &y) || !read_digits(s + 5, 2, &m) ||
	    !read_digits(s + 8, 2, &d))
		return false;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*year = y;
	*month = m;
	*day = d;
	return true;
}

bool
form_date(struct params *form, const char *name, unsigned flags,
    struct form_errors *errors, const char **out)
{
	enum field_state state;
	char *value;
	int year, month, day;

	state = field_get(form, name, flags, errors, &value);
	if (state != FIELD_PRESENT)
		return state == FIELD_ABSENT;
	if (!form_parse_date(value, &year, &month, &day)) {
		form_error_add(errors, name, MSG_DATE);
		return false;
	}
	*out = value;
	return true;
}

bool
form_int(struct params *form, const char *name, long min, long max,
    unsigned flags, struct form_errors *errors, long *out)
{
	enum field_state state;
	char *value, *end, message[FORM_MESSAGE_MAX];
	const char *digits;
	long number;

	state = field_get(form, name, flags, errors, &value);
	if (state != FIELD_PRESENT)
		return state == FIELD_ABSENT;
	digits = value[0] == '-' ? value + 1 : value;
	if (!is_digit(digits[0]) ||
	    strspn(digits, "0123456789") != strlen(digits)) {
		form_error_add(errors, name, MSG_INT);
		return false;
	}
	errno = 0;
	number = strtol(value, &end, 10);
	if (errno == ERANGE || number < min || number > max) {
		snprintf(message, sizeof(message), MSG_INT_RANGE, min, max);
		form_error_add(errors, name, message);
		return false;
	}
	*out = number;
	return true;
}

/* Returns the length of the thousands separator at s, or 0. */
static size_t
group_separator(const char *s)
{
	if (s[0] == ' ')
		return 1;
	if (strncmp(s, "\xc2\xa0", 2) == 0) /* U+00A0 */
		return 2;
	if (strncmp(s, "\xe2\x80\xaf", 3) == 0) /* U+202F */
		return 3;
	return 0;
}

/*
 * Reads the euros of an amount: digits, or groups of three digits after
 * a first group of one to three, joined by a separator. Returns the
 * number of bytes read, or 0 when s does not start with euros.
 */
static size_t
read_euros(const char *s, int64_t *euros)
{
	const char *p = s;
	size_t group, digits = 0, sep;
	bool grouped = false;

	*euros = 0;
	for (;;) {
		for (group = 0; is_digit(p[group]); group++) {
			if (++digits > MONEY_MAX_DIGITS)
				return 0;
			*euros = *euros * 10 + (p[group] - '0');
		}
		if (group == 0 || (grouped && group != 3))
			return 0;
		p += group;
		sep = group_separator(p);
		if (sep == 0 || !is_digit(p[sep]))
			break;
		if (!grouped && group > 3)
			return 0;
		grouped = true;
		p += sep;
	}
	return (size_t)(p - s);
}

bool
form_parse_money(const char *s, int64_t *cents)
{
	const char *p = s;
	int64_t euros, fraction = 0;
	size_t n, sep;
	bool negative;

	if ((negative = *p == '-'))
		p++;
	if ((n = read_euros(p, &euros)) == 0)
		return false;
	p += n;
	if (*p == ',' || *p == '.') {
		p++;
		if (!is_digit(p[0]))
			return false;
		fraction = (p[0] - '0') * 10;
		p++;
		if (is_digit(p[0]))
			fraction += *p++ - '0';
	}
	while ((sep = group_separator(p)) > 0)
		p += sep;
	if (strncmp(p, "\xe2\x82\xac", 3) == 0) /* U+20AC euro sign */
		p += 3;
	if (*p != '\0')
		return false;
	*cents = euros * 100 + fraction;
	if (negative)
		*cents = -*cents;
	return true;
}

/* Appends cents as French text: "-1 234,50 €" with narrow no-break spaces. */
static void
format_cents(struct buf *out, int64_t cents)
{
	char digits[32];
	uint64_t magnitude;
	size_t len, i;

	magnitude = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	snprintf(digits, sizeof(digits), "%" PRIu64, magnitude / 100);
	len = strlen(digits);
	if (cents < 0)
		buf_putc(out, '-');
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_puts(out, "\xe2\x80\xaf");
		buf_putc(out, digits[i]);
	}
	buf_printf(
	    out, ",%02u\xc2\xa0\xe2\x82\xac", (unsigned)(magnitude % 100));
}

bool
form_money(struct params *form, const char *name, int64_t min_cents,
    int64_t max_cents, unsigned flags, struct form_errors *errors, int64_t *out)
{
	enum field_state state;
	struct buf min_text = {0}, max_text = {0};
	char *value, message[FORM_MESSAGE_MAX];
	int64_t cents;

	state = field_get(form, name, flags, errors, &value);
	if (state != FIELD_PRESENT)
		return state == FIELD_ABSENT;
	if (!form_parse_money(value, &cents)) {
		form_error_add(errors, name, MSG_MONEY);
		return false;
	}
	if (cents < min_cents || cents > max_cents) {
		format_cents(&min_text, min_cents);
		format_cents(&max_text, max_cents);
		snprintf(message, sizeof(message), MSG_MONEY_RANGE,
		    buf_str(&min_text), buf_str(&max_text));
		buf_free(&min_text);
		buf_free(&max_text);
		form_error_add(errors, name, message);
		return false;
	}
	*out = cents;
	return true;
}
