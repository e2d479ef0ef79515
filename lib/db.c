/* The process's PostgreSQL connection and its prepared statements. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libpq-fe.h>

#include "db.h"
#include "log.h"

/* SQLSTATE connection_failure, in class 08 "connection exception". */
#define SQLSTATE_CONNECTION_FAILURE "08006"
/* While the server is down every request fails to connect. One log line
 * per this many seconds is enough, with the count of the others. */
#define CONNECT_LOG_INTERVAL 10

static PGconn *conn;
static char *conninfo;
/*
 * Number of connections opened so far. A statement whose prepared_in
 * differs from it is prepared again before it runs, so a statement is
 * never prepared twice on one connection and always once on a new one.
 * Statements start at 0, which no connection uses.
 */
static unsigned generation;
/* Outcome of the most recent db_exec or db_command call. */
static bool unavailable;
static char error_code[6];
/* Set when a call failed because of the connection. The next call then
 * opens a new connection, even if libpq still reports this one as good. */
static bool reconnect;

void
db_configure(const char *info)
{
	free(conninfo);
	conninfo = info != NULL ? strdup(info) : NULL;
	if (info != NULL && conninfo == NULL)
		abort();
}

/* Copies a libpq message without its trailing newline. */
static void
trim_message(char *out, size_t size, const char *message)
{
	size_t len;

	snprintf(out, size, "%s", message != NULL ? message : "");
	len = strlen(out);
	while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == ' '))
		out[--len] = '\0';
}

/* Sends server notices and warnings to the log instead of stderr. */
static void
log_notice(void *arg, const PGresult *res)
{
	const char *severity;
	char message[512];

	severity = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	trim_message(message, sizeof(message), PQresultErrorMessage(res));
	if (severity != NULL && strcmp(severity, "WARNING") == 0)
		log_warn("db: server: %s", message);
	else
		log_debug("db: server: %s", message);
}

/*
 * Opens a new connection. Keywords given before "dbname" are defaults
 * that conninfo (a key=value string or a postgresql:// URL) can override.
 * The session time zone is Europe/Paris so that CURRENT_DATE is the
 * cooperative's civil date.
 */
static PGconn *
connect_new(void)
{
	const char *const keywords[] = {
	    "connect_timeout",
	    "application_name",
	    "client_encoding",
	    "options",
	    "dbname",
	    NULL,
	};
	const char *const values[] = {
	    "3",
	    "permacoop",
	    "UTF8",
	    "-c TimeZone=Europe/Paris",
	    conninfo != NULL ? conninfo : "",
	    NULL,
	};

	return PQconnectdbParams(keywords, values, 1);
}

/* Logs a failed connection attempt, at most once per interval. */
static void
log_connect_failure(void)
{
	static time_t last_logged;
	static unsigned not_logged;
	char message[512];
	time_t now;

	now = time(NULL);
	if (last_logged != 0 && now - last_logged < CONNECT_LOG_INTERVAL) {
		not_logged++;
		return;
	}
	trim_message(message, sizeof(message), PQerrorMessage(conn));
	if (not_logged > 0)
		log_error("db: connection failed (and %u more times since the "
		          "last line): %s",
		    not_logged, message);
	else
		log_error("db: connection failed: %s", message);
	last_logged = now;
	not_logged = 0;
}

PGconn *
db_connection(void)
{
	if (conn != NULL && PQstatus(conn) == CONNECTION_OK && !reconnect)
		return conn;

	if (conn != NULL) {
		log_warn("db: connection lost, reconnecting");
		PQfinish(conn);
	}
	reconnect = false;
	conn = connect_new();
	if (conn == NULL)
		abort();
	if (PQstatus(conn) != CONNECTION_OK) {
		log_connect_failure();
		PQfinish(conn);
		conn = NULL;
		return NULL;
	}
	PQsetNoticeReceiver(conn, log_notice, NULL);
	if (++generation == 0)
		generation = 1;
	return conn;
}

/* Clears the outcome of the previous call. */
static void
call_begin(void)
{
	unavailable = false;
	error_code[0] = '\0';
}

/*
 * Returns true when a failure comes from the connection rather than the
 * SQL. libpq returns no result, or one without SQLSTATE, when it could
 * not send the query or read the reply. It may not have marked the
 * connection as bad yet when the send failed. Class 08 is a connection
 * exception. 57P01 to 57P03 are the server shutting down or starting.
 */
static bool
is_connection_failure(const PGresult *res, const char *state)
{
	if (conn == NULL || PQstatus(conn) == CONNECTION_BAD || res == NULL)
		return true;
	if (state == NULL)
		return true;
	return strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0;
}

/* Records that a call failed to connect, which db_connection logged. */
static void
connect_failed(void)
{
	unavailable = true;
	snprintf(
	    error_code, sizeof(error_code), "%s", SQLSTATE_CONNECTION_FAILURE);
}

/* Records why a call failed and logs it. res may be NULL. */
static void
call_failed(const char *what, const char *name, const PGresult *res)
{
	const char *state;
	char message[512];

	state = res != NULL ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	unavailable = is_connection_failure(res, state);
	if (unavailable)
		reconnect = true;
	if (state == NULL && unavailable)
		state = SQLSTATE_CONNECTION_FAILURE;
	snprintf(
	    error_code, sizeof(error_code), "%s", state != NULL ? state : "");

	if (res != NULL && PQresultErrorMessage(res)[0] != '\0')
		trim_message(
		    message, sizeof(message), PQresultErrorMessage(res));
	else
		trim_message(message, sizeof(message),
		    conn != NULL ? PQerrorMessage(conn) : "no connection");
	log_error("db: %s %s failed (SQLSTATE %s): %s", what, name,
	    error_code[0] != '\0' ? error_code : "none", message);
}

static bool
result_ok(const PGresult *res)
{
	ExecStatusType status;

	if (res == NULL)
		return false;
	status = PQresultStatus(res);
	return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
}

/* Prepares stmt on the current connection unless it already is. */
static bool
prepare(struct db_statement *stmt)
{
	PGresult *res;

	if (stmt->prepared_in == generation)
		return true;
	res = PQprepare(conn, stmt->name, stmt->sql, stmt->param_count, NULL);
	if (!result_ok(res)) {
		call_failed("prepare", stmt->name, res);
		PQclear(res);
		return false;
	}
	PQclear(res);
	stmt->prepared_in = generation;
	return true;
}

/* Runs stmt once on the current connection, connecting first. */
static PGresult *
exec_once(struct db_statement *stmt, const char *const *params, bool *was_idle)
{
	PGresult *res;

	call_begin();
	*was_idle = false;
	if (db_connection() == NULL) {
		connect_failed();
		return NULL;
	}
	*was_idle = PQtransactionStatus(conn) == PQTRANS_IDLE;
	if (!prepare(stmt))
		return NULL;

	res = PQexecPrepared(
	    conn, stmt->name, stmt->param_count, params, NULL, NULL, 0);
	if (!result_ok(res)) {
		call_failed("query", stmt->name, res);
		PQclear(res);
		return NULL;
	}
	return res;
}

/* Returns true when sql only reads, so running it twice changes nothing. */
static bool
is_read_only(const char *sql)
{
	while (*sql == ' ' || *sql == '\t' || *sql == '\n')
		sql++;
	return strncasecmp(sql, "SELECT", 6) == 0;
}

/*
 * A connection that died while the worker was idle (PostgreSQL restarted)
 * fails on its next use, before the statement ran. A read outside a
 * transaction is then run again on a new connection, so each worker does
 * not send one 503 page after every restart. Writes are not retried: the
 * server may have committed one before the connection broke.
 */
PGresult *
db_exec(struct db_statement *stmt, const char *const *params)
{
	PGresult *res;
	bool was_idle;

	res = exec_once(stmt, params, &was_idle);
	if (res != NULL || !unavailable || !was_idle ||
	    !is_read_only(stmt->sql))
		return res;
	log_info(
	    "db: connection lost, running %s again on a new one", stmt->name);
	return exec_once(stmt, params, &was_idle);
}

bool
db_command(const char *sql)
{
	PGresult *res;

	call_begin();
	if (db_connection() == NULL) {
		connect_failed();
		return false;
	}
	res = PQexec(conn, sql);
	if (!result_ok(res)) {
		call_failed("command", sql, res);
		PQclear(res);
		return false;
	}
	PQclear(res);
	return true;
}

bool
db_unavailable(void)
{
	return unavailable;
}

const char *
db_error_code(void)
{
	return error_code;
}

void
db_close(void)
{
	if (conn == NULL)
		return;
	PQfinish(conn);
	conn = NULL;
	reconnect = false;
}
