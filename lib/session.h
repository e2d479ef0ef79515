/*
 * Server-side sessions and CSRF tokens, stored in PostgreSQL so any worker
 * of any container can serve any request. The cookie holds only a random
 * id. Every visitor gets a CSRF token: logged-in visitors in their
 * session row, anonymous ones in a cookie of their own.
 */
#ifndef PC_SESSION_H
#define PC_SESSION_H

#include <stdbool.h>

#include "db.h"
#include "http.h"

#define SESSION_COOKIE "permacoop_session"
#define CSRF_COOKIE    "permacoop_csrf"
#define CSRF_FIELD     "_csrf"

/*
 * Reads the session cookie and loads the session row. On success fills
 * req->session_id (empty when there is no live session) and copies the
 * user id into user_id (empty when anonymous). Returns -1 when the
 * database failed.
 */
int session_load(struct request *req, char user_id[37]);

/* The table of sessions, for applications that join it (see below). */
#define SESSION_TABLE "permacoop_session"

/*
 * Does what session_load does with joined in place of the session query,
 * so an application loads the session and its own data in one statement.
 * joined takes the session id as $1 and returns at most one row: the
 * session's user id, CSRF token and whether it contains a flash message (a
 * boolean), then the application's columns. It must only return sessions
 * whose expires_at is in the future. When it returns a row, *row receives
 * the result, which the caller frees with PQclear; otherwise *row is NULL.
 */
int session_load_joined(struct request *req, char user_id[37],
    struct db_statement *joined, PGresult **row);

/* Starts a new session for user_id (a fresh id, the old one deleted) and
 * sets the cookie. Returns -1 when the database failed. */
int session_start(
    struct request *req, struct response *res, const char *user_id);

/* Deletes the session row and clears the cookie. */
int session_end(struct request *req, struct response *res);

/* Stores a one-time message shown by the next page that reads it. */
int session_flash_set(struct request *req, const char *message);
/* Returns the flash message and deletes it, or NULL. Caller frees. */
char *session_flash_take(struct request *req);

/* Makes sure req->csrf_token is set, setting the anonymous cookie when
 * needed. Call before rendering a form. */
void csrf_prepare(struct request *req, struct response *res);
/* Returns true when the form's CSRF_FIELD matches the visitor's token
 * (constant-time comparison). */
bool csrf_valid(const struct request *req);

#endif
