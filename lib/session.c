/* Sessions and CSRF tokens kept in PostgreSQL, keyed by a random cookie. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "session.h"

#define TOKEN_BYTES 32
#define TOKEN_LEN   (TOKEN_BYTES * 2) /* in hex digits */
/* Seconds a session lasts from login; it does not slide. */
#define SESSION_MAX_AGE (7 * 24 * 60 * 60)

/*
 * Whether the session loaded for the current request has a flash message,
 * so pages without one skip a query. session_load_joined resets it.
 */
static struct {
	char session_id[TOKEN_LEN + 1];
	bool has_flash;
} loaded;

static struct db_statement sql_session_select = {
    .name = "session_select",
    .sql = "SELECT user_id, csrf_token, flash IS NOT NULL\n"
           "  FROM permacoop_session\n"
           " WHERE id = $1 AND expires_at > now()",
    .param_count = 1,
};

static struct db_statement sql_session_insert = {
    .name = "session_insert",
    .sql = "INSERT INTO permacoop_session\n"
           "       (id, user_id, csrf_token, expires_at)\n"
           "VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
    .param_count = 4,
};

static struct db_statement sql_session_delete = {
    .name = "session_delete",
    .sql = "DELETE FROM permacoop_session WHERE id = $1",
    .param_count = 1,
};

static struct db_statement sql_session_purge = {
    .name = "session_purge",
    .sql = "DELETE FROM permacoop_session WHERE expires_at <= now()",
    .param_count = 0,
};

static struct db_statement sql_flash_set = {
    .name = "session_flash_set",
    .sql = "UPDATE permacoop_session SET flash = $2 WHERE id = $1",
    .param_count = 2,
};

static struct db_statement sql_flash_take = {
    .name = "session_flash_take",
    .sql = "WITH old AS (\n"
           "    SELECT id, flash FROM permacoop_session\n"
           "     WHERE id = $1 AND flash IS NOT NULL\n"
           "       FOR UPDATE)\n"
           "UPDATE permacoop_session s SET flash = NULL\n"
           "  FROM old\n"
           " WHERE s.id = old.id\n"
           "RETURNING old.flash",
    .param_count = 1,
};

/* Fills out with TOKEN_LEN random hex digits. Returns -1 on failure. */
static int
token_generate(char out[TOKEN_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char bytes[TOKEN_BYTES];
	size_t i;

	if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
		log_error("session: RAND_bytes failed, no token generated");
		return -1;
	}
	for (i = 0; i < sizeof(bytes); i++) {
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 0xf];
	}
	out[TOKEN_LEN] = '\0';
	return 0;
}

/* Returns true when s is a token as token_generate makes them. */
static bool
token_well_formed(const char *s)
{
	return s != NULL && strlen(s) == TOKEN_LEN &&
	    strspn(s, "0123456789abcdef") == TOKEN_LEN;
}

/* Copies src into dst of size bytes, truncating. */
static void
copy(char *dst, const char *src, size_t size)
{
	snprintf(dst, size, "%s", src);
}

static void
cookie_options_fill(
    const struct request *req, struct cookie_options *options, int max_age)
{
	memset(options, 0, sizeof(*options));
	options->max_age = max_age;
	options->http_only = true;
	options->secure = config.cookie_secure || req->https;
}

int
session_load_joined(struct request *req, char user_id[37],
    struct db_statement *joined, PGresult **row)
{
	const char *cookie, *params[1];
	PGresult *res;

	req->session_id[0] = '\0';
	req->csrf_token[0] = '\0';
	user_id[0] = '\0';
	loaded.session_id[0] = '\0';
	loaded.has_flash = false;
	if (row != NULL)
		*row = NULL;

	cookie = params_get(&req->cookies, SESSION_COOKIE);
	if (token_well_formed(cookie)) {
		params[0] = cookie;
		if ((res = db_exec(joined, params)) == NULL)
			return -1;
		if (PQntuples(res) == 1) {
			copy(req->session_id, cookie, sizeof(req->session_id));
			copy(user_id, PQgetvalue(res, 0, 0), 37);
			copy(req->csrf_token, PQgetvalue(res, 0, 1),
			    sizeof(req->csrf_token));
			copy(loaded.session_id, cookie,
			    sizeof(loaded.session_id));
			loaded.has_flash = PQgetvalue(res, 0, 2)[0] == 't';
		}
		if (row != NULL && PQntuples(res) == 1)
			*row = res;
		else
			PQclear(res);
		if (req->session_id[0] != '\0')
			return 0;
	}

	cookie = params_get(&req->cookies, CSRF_COOKIE);
	if (token_well_formed(cookie))
		copy(req->csrf_token, cookie, sizeof(req->csrf_token));
	return 0;
}

int
session_load(struct request *req, char user_id[37])
{
	return session_load_joined(req, user_id, &sql_session_select, NULL);
}

int
session_start(struct request *req, struct response *res, const char *user_id)
{
	char id[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	char max_age[16];
	const char *params[4];
	struct cookie_options options;
	PGresult *result;

	if (req->session_id[0] != '\0') {
		params[0] = req->session_id;
		if ((result = db_exec(&sql_session_delete, params)) == NULL)
			return -1;
		PQclear(result);
		req->session_id[0] = '\0';
	}
	if ((result = db_exec(&sql_session_purge, NULL)) == NULL)
		return -1;
	PQclear(result);

	if (token_generate(id) == -1 || token_generate(csrf) == -1)
		return -1;
	snprintf(max_age, sizeof(max_age), "%d", SESSION_MAX_AGE);
	params[0] = id;
	params[1] = user_id;
	params[2] = csrf;
	params[3] = max_age;
	if ((result = db_exec(&sql_session_insert, params)) == NULL)
		return -1;
	PQclear(result);

	copy(req->session_id, id, sizeof(req->session_id));
	copy(req->csrf_token, csrf, sizeof(req->csrf_token));
	copy(loaded.session_id, id, sizeof(loaded.session_id));
	loaded.has_flash = false;

	cookie_options_fill(req, &options, SESSION_MAX_AGE);
	http_set_cookie(res, SESSION_COOKIE, id, &options);
	/* The session's own token replaces the anonymous one. */
	if (params_get(&req->cookies, CSRF_COOKIE) != NULL) {
		cookie_options_fill(req, &options, -1);
		http_set_cookie(res, CSRF_COOKIE, "", &options);
	}
	return 0;
}

int
session_end(struct request *req, struct response *res)
{
	const char *params[1];
	struct cookie_options options;
	PGresult *result;

	cookie_options_fill(req, &options, -1);
	http_set_cookie(res, SESSION_COOKIE, "", &options);
	if (req->session_id[0] == '\0')
		return 0;

	params[0] = req->session_id;
	if ((result = db_exec(&sql_session_delete, params)) == NULL)
		return -1;
	PQclear(result);
	req->session_id[0] = '\0';
	req->csrf_token[0] = '\0';
	loaded.session_id[0] = '\0';
	loaded.has_flash = false;
	return 0;
}

int
session_flash_set(struct request *req, const char *message)
{
	const char *params[2];
	PGresult *result;

	if (req->session_id[0] == '\0') {
		log_warn("session: flash message dropped, no session");
		return -1;
	}
	params[0] = req->session_id;
	params[1] = message;
	if ((result = db_exec(&sql_flash_set, params)) == NULL)
		return -1;
	PQclear(result);
	if (strcmp(loaded.session_id, req->session_id) == 0)
		loaded.has_flash = true;
	return 0;
}

char *
session_flash_take(struct request *req)
{
	const char *params[1];
	PGresult *result;
	char *message = NULL;

	if (req->session_id[0] == '\0')
		return NULL;
	if (strcmp(loaded.session_id, req->session_id) == 0 &&
	    !loaded.has_flash)
		return NULL;

	params[0] = req->session_id;
	if ((result = db_exec(&sql_flash_take, params)) == NULL)
		return NULL;
	if (PQntuples(result) == 1)
		message = strdup(PQgetvalue(result, 0, 0));
	PQclear(result);
	loaded.has_flash = false;
	return message;
}

void
csrf_prepare(struct request *req, struct response *res)
{
	struct cookie_options options;

	if (req->csrf_token[0] != '\0')
		return;
	if (token_generate(req->csrf_token) == -1) {
		req->csrf_token[0] = '\0';
		return;
	}
	cookie_options_fill(req, &options, SESSION_MAX_AGE);
	http_set_cookie(res, CSRF_COOKIE, req->csrf_token, &options);
}

bool
csrf_valid(const struct request *req)
{
	const char *field;

	if (req->csrf_token[0] == '\0')
		return false;
	if (params_count(&req->form, CSRF_FIELD) != 1)
		return false;
	field = params_get(&req->form, CSRF_FIELD);
	if (strlen(field) != strlen(req->csrf_token))
		return false;
	return CRYPTO_memcmp(field, req->csrf_token, strlen(req->csrf_token)) ==
	    0;
}
