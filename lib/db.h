/*
 * The worker's PostgreSQL connection. It opens lazily on the first query,
 * and a query that fails because the connection broke resets it so the
 * next request reconnects. Statements are prepared once per connection.
 */
#ifndef PC_DB_H
#define PC_DB_H

#include <stdbool.h>

#include <libpq-fe.h>

struct db_statement {
	const char *name; /* unique, used as the prepared name */
	const char *sql;  /* with $1..$n placeholders */
	int param_count;
	unsigned prepared_in; /* connection generation; db.c owns it */
};

/* Sets the libpq connection string used from the next connection on. */
void db_configure(const char *conninfo);

/*
 * Runs a prepared statement with text parameters (NULL entries are SQL
 * NULL). Returns the result when its status is PGRES_TUPLES_OK or
 * PGRES_COMMAND_OK, to be freed with PQclear. Returns NULL on failure and
 * logs the error; db_unavailable() then returns whether the cause is the
 * connection (answer 503) rather than the query (answer 500).
 */
PGresult *db_exec(struct db_statement *stmt, const char *const *params);

/* Runs SQL without parameters, for BEGIN, COMMIT and ROLLBACK. */
bool db_command(const char *sql);

/* Returns true when the last failure was a lost or refused connection. */
bool db_unavailable(void);

/* Returns the SQLSTATE of the last failed query ("23505"), or "". */
const char *db_error_code(void);

/* Returns the open connection, connecting first; NULL if that fails. */
PGconn *db_connection(void);

void db_close(void);

#endif
