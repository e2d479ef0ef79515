/* Login and logout: the login page, credential checks, rate limiting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "handlers.h"
#include "log.h"
#include "params.h"
#include "password.h"
#include "session.h"

/*
 * A client address gets 429 once it has this many failed logins within
 * LOGIN_WINDOW, for one e-mail or for all e-mails together. An attempt is
 * recorded before its password check and counts as a failure unless the
 * password is right, so that parallel attempts cannot pass the limit.
 */
#define LOGIN_WINDOW          "15 minutes"
#define LOGIN_MAX_PER_EMAIL   5
#define LOGIN_MAX_PER_ADDRESS 50
/* Failures older than this are deleted when a new one is recorded. */
#define LOGIN_FAILURE_RETENTION "1 day"

#define MSG_NEXT "Veuillez vous connecter pour accéder à cette page."
#define MSG_MISSING \
	"Veuillez saisir votre adresse email et votre mot " \
	"de passe."
#define MSG_FAILED \
	"L'adresse email ou le mot de passe est incorrect. " \
	"Veuillez réessayer."
#define MSG_DEPARTED \
	"Ce compte n'est plus actif : sa date de départ " \
	"est passée."
#define MSG_ERROR \
	"La connexion a échoué à cause d'une erreur " \
	"interne. Veuillez réessayer plus tard."
#define MSG_EXPIRED "Le formulaire a expiré. Veuillez vous reconnecter."
#define MSG_CSRF \
	"Le formulaire a expiré ou ne vient pas de ce site. " \
	"Rechargez la page puis envoyez-le de nouveau."

/*
 * Selects the seconds until the address may try again, per e-mail and
 * per address, or NULL when it is not blocked, counting the failures other
 * than the attempt $6. The blocking failure is the limit-th most recent
 * one, because once it leaves the window fewer than the limit remain.
 */
static struct db_statement sql_login_wait = {
    .name = "login_wait",
    .sql = "SELECT (SELECT ceil(extract(epoch FROM\n"
           "                failed_at + $5::interval - now()))\n"
           "          FROM permacoop_login_failure\n"
           "         WHERE client_addr = $2\n"
           "           AND email = left(LOWER($1), 320)\n"
           "           AND failed_at > now() - $5::interval\n"
           "           AND id <> $6\n"
           "         ORDER BY failed_at DESC\n"
           "        OFFSET $3 - 1 LIMIT 1),\n"
           "       (SELECT ceil(extract(epoch FROM\n"
           "                failed_at + $5::interval - now()))\n"
           "          FROM permacoop_login_failure\n"
           "         WHERE client_addr = $2\n"
           "           AND failed_at > now() - $5::interval\n"
           "           AND id <> $6\n"
           "         ORDER BY failed_at DESC\n"
           "        OFFSET $4 - 1 LIMIT 1)",
    .param_count = 6,
};

static struct db_statement sql_login_failure_insert = {
    .name = "login_failure_insert",
    .sql = "WITH purged AS (\n"
           "    DELETE FROM permacoop_login_failure\n"
           "     WHERE failed_at < now() - $3::interval)\n"
           "INSERT INTO permacoop_login_failure (email, client_addr)\n"
           "VALUES (left(LOWER($1), 320), $2)\n"
           "RETURNING id",
    .param_count = 3,
};

static struct db_statement sql_login_failure_delete = {
    .name = "login_failure_delete",
    .sql = "DELETE FROM permacoop_login_failure WHERE id = $1",
    .param_count = 1,
};

static struct db_statement sql_login_failure_clear = {
    .name = "login_failure_clear",
    .sql = "DELETE FROM permacoop_login_failure\n"
           " WHERE client_addr = $2 AND email = left(LOWER($1), 320)",
    .param_count = 2,
};

/* E-mails are unique as typed, so "A@x" and "a@x" may both exist. */
static struct db_statement sql_login_user = {
    .name = "login_user",
    .sql = "SELECT u.id, u.password,\n"
           "       COALESCE(ua.\"leavingDate\" <\n"
           "           (now() AT TIME ZONE 'Europe/Paris')::date, false)\n"
           "  FROM \"user\" u\n"
           "  LEFT JOIN user_administrative ua\n"
           "    ON ua.id = u.\"userAdministrativeId\"\n"
           " WHERE LOWER(u.email) = LOWER($1)\n"
           " ORDER BY u.\"createdAt\"",
    .param_count = 1,
};

static struct db_statement sql_password_update = {
    .name = "user_password_update",
    .sql = "UPDATE \"user\" SET password = $2 WHERE id = $1",
    .param_count = 2,
};

/* Returns the local next parameter of the query string, or NULL. */
static const char *
next_param(const struct request *req)
{
	const char *next;

	next = params_get(&req->query_params, "next");
	return http_is_local_path(next) ? next : NULL;
}

/*
 * Renders the login page with status. email is the address typed, kept
 * in the field. message is shown in the error box when not NULL.
 */
static void
login_render(struct request *req, struct response *res, int status,
    const char *email, const char *message)
{
	struct view_dict *layout, *content;
	struct buf action = {0};
	const char *next;

	res->status = status;

	buf_puts(&action, "/login");
	if ((next = next_param(req)) != NULL) {
		buf_puts(&action, "?next=");
		url_encode(&action, next);
	}

	layout = page_begin(req, res, "Connexion", "auth/login.tpl", &content);
	view_set(content, "FORM_ACTION", buf_str(&action));
	view_set(content, "EMAIL", email != NULL ? email : "");
	if (message != NULL) {
		view_show(content, "ERRORS");
		view_set(content, "ERROR_MESSAGE", message);
	}
	page_end(req, res, layout);
	buf_free(&action);
}

void
auth_login_form(struct request *req, struct response *res)
{
	const char *next;

	next = params_get(&req->query_params, "next");
	login_render(req, res, 200, NULL,
	    next != NULL && next[0] != '\0' ? MSG_NEXT : NULL);
}

/*
 * Returns the seconds the client must wait before trying email again,
 * 0 when it may try now, or -1 when the database failed. The attempt
 * attempt_id, recorded already, is left out of the count.
 */
static long
login_wait(const struct request *req, const char *email, const char *attempt_id)
{
	char per_email[16], per_address[16];
	const char *params[6];
	PGresult *result;
	long wait = 0, seconds;
	int i;

	snprintf(per_email, sizeof(per_email), "%d", LOGIN_MAX_PER_EMAIL);
	snprintf(per_address, sizeof(per_address), "%d", LOGIN_MAX_PER_ADDRESS);
	params[0] = email;
	params[1] = req->client_addr != NULL ? req->client_addr : "";
	params[2] = per_email;
	params[3] = per_address;
	params[4] = LOGIN_WINDOW;
	params[5] = attempt_id;
	if ((result = db_exec(&sql_login_wait, params)) == NULL)
		return -1;
	for (i = 0; i < 2; i++) {
		if (PQgetisnull(result, 0, i))
			continue;
		seconds = strtol(PQgetvalue(result, 0, i), NULL, 10);
		if (seconds < 1)
			seconds = 1;
		if (seconds > wait)
			wait = seconds;
	}
	PQclear(result);
	return wait;
}

/*
 * Records a login attempt as a failure before its password is checked.
 * Returns the id of the row in a string of size idsize, or -1 when the
 * database failed.
 */
static int
login_attempt_record(
    const struct request *req, const char *email, char *id, size_t idsize)
{
	const char *params[3];
	PGresult *result;

	params[0] = email;
	params[1] = req->client_addr != NULL ? req->client_addr : "";
	params[2] = LOGIN_FAILURE_RETENTION;
	if ((result = db_exec(&sql_login_failure_insert, params)) == NULL)
		return -1;
	snprintf(id, idsize, "%s", PQgetvalue(result, 0, 0));
	PQclear(result);
	return 0;
}

/* Deletes the attempt id, recorded by login_attempt_record. */
static void
login_attempt_delete(const char *id)
{
	const char *params[1];
	PGresult *result;

	params[0] = id;
	if ((result = db_exec(&sql_login_failure_delete, params)) != NULL)
		PQclear(result);
}

static void
login_failures_clear(const struct request *req, const char *email)
{
	const char *params[2];
	PGresult *result;

	params[0] = email;
	params[1] = req->client_addr != NULL ? req->client_addr : "";
	if ((result = db_exec(&sql_login_failure_clear, params)) != NULL)
		PQclear(result);
}

/* Stores an argon2id hash of password when the current one is older. */
static void
password_upgrade(const char *user_id, const char *stored, const char *password)
{
	const char *params[2];
	PGresult *result;
	char *hash;

	if (!password_needs_rehash(stored))
		return;
	if ((hash = password_hash(password)) == NULL)
		return;
	params[0] = user_id;
	params[1] = hash;
	if ((result = db_exec(&sql_password_update, params)) != NULL) {
		log_info("user %s: password re-hashed as argon2id", user_id);
		PQclear(result);
	}
	free(hash);
}

static void
too_many_attempts(
    struct request *req, struct response *res, const char *email, long wait)
{
	char seconds[24], message[160];
	long minutes;

	minutes = (wait + 59) / 60;
	snprintf(seconds, sizeof(seconds), "%ld", wait);
	snprintf(message, sizeof(message),
	    "Trop de tentatives de connexion "
	    "ont échoué. Veuillez réessayer dans %ld minute%s.",
	    minutes, minutes > 1 ? "s" : "");
	log_warn("login: too many failures from %s, %ld s to wait",
	    req->client_addr != NULL ? req->client_addr : "?", wait);
	login_render(req, res, 429, email, message);
	http_add_header(res, "Retry-After", seconds);
}

/*
 * Handles a login form whose CSRF token is missing or stale, typically
 * because another tab signed in or out since the form was shown. A
 * signed-in visitor goes where the login would have led. Anyone else gets
 * the form again, with the current token and the e-mail typed.
 */
static void
login_expired(struct request *req, struct response *res, const char *email)
{
	const char *next;

	if (req->user != NULL) {
		next = next_param(req);
		http_redirect(res, 303, next != NULL ? next : "/app");
		return;
	}
	log_info("login: form rejected: missing or stale CSRF token");
	login_render(req, res, 403, email, MSG_EXPIRED);
}

/* Signs a visitor in. The route skips the dispatcher's CSRF check, so
 * that a stale form gets the login page again rather than an error page:
 * the token is checked here, before anything else. */
void
auth_login(struct request *req, struct response *res)
{
	const char *email, *password, *next, *params[1];
	PGresult *result = NULL;
	const char *user_id = NULL, *stored = NULL;
	char attempt_id[24];
	bool departed = false;
	long wait;
	int i;

	email = params_get(&req->form, "email");
	password = params_get(&req->form, "password");
	if (!csrf_valid(req)) {
		login_expired(req, res, email);
		return;
	}
	if (email == NULL || email[0] == '\0' || password == NULL ||
	    password[0] == '\0') {
		login_render(req, res, 401, email, MSG_MISSING);
		return;
	}

	/*
	 * Each attempt is recorded before the other failures are counted.
	 * Of several parallel attempts, the one that counts last reads the
	 * rows of all the others, so no more than the limit get through.
	 */
	if (login_attempt_record(req, email, attempt_id, sizeof(attempt_id)) ==
	    -1)
		goto fail;
	if ((wait = login_wait(req, email, attempt_id)) == -1)
		goto fail;
	if (wait > 0) {
		login_attempt_delete(attempt_id);
		too_many_attempts(req, res, email, wait);
		return;
	}

	params[0] = email;
	if ((result = db_exec(&sql_login_user, params)) == NULL)
		goto fail;
	for (i = 0; i < PQntuples(result); i++) {
		if (password_verify(PQgetvalue(result, i, 1), password)) {
			user_id = PQgetvalue(result, i, 0);
			stored = PQgetvalue(result, i, 1);
			departed = PQgetvalue(result, i, 2)[0] == 't';
			break;
		}
	}
	if (PQntuples(result) == 0)
		password_dummy_verify(password);
	if (user_id == NULL) {
		login_render(req, res, 401, email, MSG_FAILED);
		goto done;
	}
	if (departed) {
		login_attempt_delete(attempt_id);
		login_render(req, res, 401, email, MSG_DEPARTED);
		goto done;
	}

	login_failures_clear(req, email);
	password_upgrade(user_id, stored, password);
	if (session_start(req, res, user_id) == -1)
		goto fail;
	log_info("login: user %s signed in", user_id);
	next = next_param(req);
	http_redirect(res, 303, next != NULL ? next : "/app");
	goto done;

fail:
	page_error(req, res, db_unavailable() ? 503 : 500, MSG_ERROR);
done:
	PQclear(result);
}

/* Signs the visitor out. The route skips the dispatcher's CSRF check:
 * a visitor with no signed-in user has nothing to lose, so a stale form
 * still leads to the login page, while a signed-in one needs the token. */
void
auth_logout(struct request *req, struct response *res)
{
	if (req->user != NULL && !csrf_valid(req)) {
		log_info("logout: rejected: missing or wrong CSRF token");
		page_error(req, res, 403, MSG_CSRF);
		return;
	}
	if (session_end(req, res) == -1) {
		page_error(req, res, db_unavailable() ? 503 : 500,
		    "La déconnexion a échoué. Veuillez réessayer.");
		return;
	}
	http_redirect(res, 303, "/login");
}
