/* Personal tokens of the leaves feed: creation, renewal, lookup, URL. */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "calendar_token.h"
#include "db.h"
#include "log.h"

#define BASE64URL_ALPHABET \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

static struct db_statement sql_token_select = {
    .name = "calendar_token_select",
    .sql = "SELECT token FROM permacoop_calendar_token WHERE user_id = $1",
    .param_count = 1,
};

/* A concurrent first display may insert first: then this one does
 * nothing and the select that follows reads the other token. */
static struct db_statement sql_token_create = {
    .name = "calendar_token_create",
    .sql = "INSERT INTO permacoop_calendar_token (user_id, token)\n"
           "VALUES ($1, $2)\n"
           "ON CONFLICT (user_id) DO NOTHING",
    .param_count = 2,
};

static struct db_statement sql_token_renew = {
    .name = "calendar_token_renew",
    .sql = "INSERT INTO permacoop_calendar_token (user_id, token)\n"
           "VALUES ($1, $2)\n"
           "ON CONFLICT (user_id)\n"
           "DO UPDATE SET token = EXCLUDED.token, created_at = now()",
    .param_count = 2,
};

/*
 * The lookup compares SHA-256 digests through an expression index instead
 * of the tokens themselves. An index comparison ends at the first byte
 * that differs, so comparing tokens would let a client time how many
 * leading characters of its guess match a stored token and build the next
 * guess on that. Comparing digests reveals only how many leading bytes
 * of two SHA-256 digests match, which gives no hint for the next guess.
 * The tokens themselves are not compared as well, because the planner
 * could then pick their unique index. The caller checks the alphabet
 * first, because a backslash would change the bytea cast. Accountants and
 * departed people are rejected as user_load_session rejects them.
 */
static struct db_statement sql_token_accepted = {
    .name = "calendar_token_accepted",
    .sql = "SELECT 1\n"
           "  FROM permacoop_calendar_token t\n"
           "  JOIN \"user\" u ON u.id = t.user_id\n"
           "  LEFT JOIN user_administrative ua\n"
           "    ON ua.id = u.\"userAdministrativeId\"\n"
           " WHERE sha256(t.token::bytea) = sha256($1::bytea)\n"
           "   AND u.role <> 'accountant'\n"
           "   AND (ua.\"leavingDate\" IS NULL\n"
           "        OR ua.\"leavingDate\" >=\n"
           "           (now() AT TIME ZONE 'Europe/Paris')::date)",
    .param_count = 1,
};

void
calendar_base64url_encode(const unsigned char *bytes, size_t len, char *out)
{
	int n;

	n = EVP_EncodeBlock((unsigned char *)out, bytes, (int)len);
	while (n > 0 && out[n - 1] == '=')
		n--;
	out[n] = '\0';
	for (; n > 0; n--) {
		if (out[n - 1] == '+')
			out[n - 1] = '-';
		else if (out[n - 1] == '/')
			out[n - 1] = '_';
	}
}

bool
calendar_token_well_formed(const char *token)
{
	return token != NULL && strlen(token) == CALENDAR_TOKEN_LEN &&
	    strspn(token, BASE64URL_ALPHABET) == CALENDAR_TOKEN_LEN;
}

bool
calendar_host_valid(const char *host)
{
	size_t name_len, port_len;

	if (host == NULL)
		return false;
	name_len = strspn(host,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789.-");
	if (name_len == 0)
		return false;
	if (host[name_len] == '\0')
		return true;
	if (host[name_len] != ':')
		return false;
	port_len = strspn(host + name_len + 1, "0123456789");
	return port_len >= 1 && port_len <= 5 &&
	    host[name_len + 1 + port_len] == '\0';
}

void
calendar_feed_url_append(
    struct buf *out, bool https, const char *host, const char *token)
{
	if (calendar_host_valid(host))
		buf_printf(out, "%s://%s", https ? "https" : "http", host);
	buf_printf(out, "%s?token=%s", CALENDAR_FEED_PATH, token);
}

/* Fills token with a new random token. Returns -1 on failure. */
static int
token_generate(char token[CALENDAR_TOKEN_SIZE])
{
	unsigned char bytes[CALENDAR_TOKEN_BYTES];
	char encoded[4 * ((CALENDAR_TOKEN_BYTES + 2) / 3) + 1];

	if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
		log_error("calendar token: RAND_bytes failed, no token "
		          "generated");
		return -1;
	}
	calendar_base64url_encode(bytes, sizeof(bytes), encoded);
	OPENSSL_cleanse(bytes, sizeof(bytes));
	/* 32 bytes encode to 43 characters and one '=' that was removed. */
	memcpy(token, encoded, CALENDAR_TOKEN_SIZE);
	return 0;
}

/* Copies the stored token of user_id into token. Returns 1 when found, 0
 * when the person has none, -1 when the query failed. */
static int
token_select(const char *user_id, char token[CALENDAR_TOKEN_SIZE])
{
	const char *params[] = {user_id};
	PGresult *result;
	int found;

	if ((result = db_exec(&sql_token_select, params)) == NULL)
		return -1;
	found = PQntuples(result) == 1;
	if (found)
		snprintf(
		    token, CALENDAR_TOKEN_SIZE, "%s", PQgetvalue(result, 0, 0));
	PQclear(result);
	return found;
}

int
calendar_token_get(const char *user_id, char token[CALENDAR_TOKEN_SIZE])
{
	char fresh[CALENDAR_TOKEN_SIZE];
	const char *params[] = {user_id, fresh};
	PGresult *result;
	int found;

	if ((found = token_select(user_id, token)) != 0)
		return found == 1 ? 0 : -1;

	if (token_generate(fresh) == -1)
		return -1;
	if ((result = db_exec(&sql_token_create, params)) == NULL)
		return -1;
	PQclear(result);
	if ((found = token_select(user_id, token)) != 1) {
		if (found == 0)
			log_error("calendar token: user %s has no token "
			          "after its creation",
			    user_id);
		return -1;
	}
	return 0;
}

int
calendar_token_renew(const char *user_id)
{
	char fresh[CALENDAR_TOKEN_SIZE];
	const char *params[] = {user_id, fresh};
	PGresult *result;

	if (token_generate(fresh) == -1)
		return -1;
	if ((result = db_exec(&sql_token_renew, params)) == NULL)
		return -1;
	PQclear(result);
	return 0;
}

int
calendar_token_accepted(const char *token)
{
	const char *params[] = {token};
	PGresult *result;
	int accepted;

	if (!calendar_token_well_formed(token))
		return 0;
	if ((result = db_exec(&sql_token_accepted, params)) == NULL)
		return -1;
	accepted = PQntuples(result) > 0;
	PQclear(result);
	return accepted;
}
