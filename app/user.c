/* The signed-in user: loading with the session and the displayed name. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "app.h"
#include "buf.h"
#include "db.h"
#include "log.h"
#include "session.h"

static int
role_parse(const char *s, enum role *role)
{
	if (strcmp(s, "cooperator") == 0)
		*role = ROLE_COOPERATOR;
	else if (strcmp(s, "employee") == 0)
		*role = ROLE_EMPLOYEE;
	else if (strcmp(s, "accountant") == 0)
		*role = ROLE_ACCOUNTANT;
	else
		return -1;
	return 0;
}

/*
 * The session and its person in one statement, the first query of every
 * request with a session cookie. The person's columns are NULL when they
 * are unknown or their leaving date is before today in Paris, which ends
 * their sessions. Accountants have no administrative row and stay known.
 */
static struct db_statement sql_session_user_select = {
    .name = "session_user_select",
    .sql = "SELECT s.user_id, s.csrf_token, s.flash IS NOT NULL,\n"
           "       u.id, u.\"firstName\", u.\"lastName\", u.email, u.role\n"
           "  FROM " SESSION_TABLE " s\n"
           "  LEFT JOIN (\"user\" u\n"
           "             LEFT JOIN user_administrative ua\n"
           "               ON ua.id = u.\"userAdministrativeId\")\n"
           "    ON u.id = s.user_id\n"
           "   AND (ua.\"leavingDate\" IS NULL\n"
           "        OR ua.\"leavingDate\" >=\n"
           "           (now() AT TIME ZONE 'Europe/Paris')::date)\n"
           " WHERE s.id = $1 AND s.expires_at > now()",
    .param_count = 1,
};

/* Reads the person of res's first row from column first on: id, first
 * name, last name, e-mail, role. Returns NULL when the id is NULL. */
static struct user *
user_from_row(const PGresult *res, int first)
{
	struct user *user;
	const char *role;

	if (PQgetisnull(res, 0, first))
		return NULL;
	if ((user = calloc(1, sizeof(*user))) == NULL)
		return NULL;
	snprintf(user->id, sizeof(user->id), "%s", PQgetvalue(res, 0, first));
	user->first_name = strdup(PQgetvalue(res, 0, first + 1));
	user->last_name = strdup(PQgetvalue(res, 0, first + 2));
	user->email = strdup(PQgetvalue(res, 0, first + 3));
	if (user->first_name == NULL || user->last_name == NULL ||
	    user->email == NULL) {
		user_free(user);
		return NULL;
	}
	role = PQgetvalue(res, 0, first + 4);
	if (role_parse(role, &user->role) == -1) {
		log_error("user %s: unknown role \"%s\"", user->id, role);
		user_free(user);
		return NULL;
	}
	return user;
}

int
user_load_session(struct request *req)
{
	PGresult *row;
	char user_id[37];

	if (session_load_joined(req, user_id, &sql_session_user_select, &row) ==
	    -1)
		return -1;
	if (row != NULL) {
		req->user = user_from_row(row, 3);
		PQclear(row);
	}
	return 0;
}

void
user_free(struct user *user)
{
	if (user == NULL)
		return;
	free(user->first_name);
	free(user->last_name);
	free(user->email);
	free(user);
}

/*
 * Decodes the UTF-8 sequence at s into *cp. Returns its length in bytes,
 * or 0 when it is not a valid sequence.
 */
static size_t
utf8_decode(const unsigned char *s, wint_t *cp)
{
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		*cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		*cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		*cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

static void
utf8_encode(struct buf *out, wint_t cp)
{
	if (cp < 0x80)
		buf_putc(out, (char)cp);
	else if (cp < 0x800) {
		buf_putc(out, (char)(0xc0 | (cp >> 6)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(out, (char)(0xe0 | (cp >> 12)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(out, (char)(0xf0 | (cp >> 18)));
		buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(out, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Appends name with its first character upper-cased, the rest as is. */
static void
capitalize_append(struct buf *out, const char *name)
{
	static locale_t utf8;
	wint_t cp;
	size_t len;

	if (utf8 == (locale_t)0)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	len = utf8_decode((const unsigned char *)name, &cp);
	if (len == 0 || cp == 0 || utf8 == (locale_t)0) {
		buf_puts(out, name);
		return;
	}
	utf8_encode(out, towupper_l(cp, utf8));
	buf_puts(out, name + len);
}

char *
user_full_name(const struct user *user)
{
	struct buf out = {0};

	capitalize_append(&out, user->first_name);
	buf_putc(&out, ' ');
	capitalize_append(&out, user->last_name);
	return out.data;
}
