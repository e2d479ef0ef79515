/* Applies the SQL files of sql/ and sql/seed/ once each, and adopts
 * databases that Permacoop migrated itself. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "../lib/db.h"
#include "../lib/log.h"
#include "migrate.h"

/* Creates Permacoop's schema, and is skipped when Permacoop did that. */
#define BASELINE_FILE "0001_permacoop_schema.sql"
#define SEED_PREFIX   "seed/"
/* Advisory lock key: the ASCII bytes of "permacoo" as a bigint. */
#define MIGRATE_LOCK_KEY "8099006455163281263"
#define MIGRATE_FILE_MAX (16 * 1024 * 1024)

/* The names that Permacoop's TypeORM records in "migrations", in order. */
static const char *const permacoop_migrations[] = {
    "InitModel1575020116603",
    "ModelsRestructuration1604827206393",
    "CooperativeSettings1605272527582",
    "EventBillable1605556978071",
    "Invoice1606221236110",
    "InvoiceUnitPrice1606403084585",
    "ChangeUserAdministrativeJoiningDateType1607088934563",
    "MealTicketRemoval1608728416097",
    "Contact1633700963101",
    "makeMealTicketRemovalCommentNullable1633787043133",
    "AddUserAdministrativeWorkingTime1637158054129",
    "addContactContactedby1645798997884",
    "DropPaySlip1647071905784",
    "DropProjectDayDuration1648283366970",
    "UserSavingsRecord1650636333167",
    "IllimitedLeaveType1651234850677",
    "InterestRate1651674281488",
    "upgradeDatabase1676042443249",
    "removeJohnDoe1676042513328",
    "removeInvoices1678458554609",
    "addSustainableMobilityFeeColumnToUserAdministrative1679323604719",
    "RemoveQuote1687944271705",
    "RemoveBillable1687946137748",
    "RemoveDailyRate1687953603202",
    "RemoveContacts1687959453344",
    "RemoveFile1695400222241",
    "DropAddress1699290758562",
    "AddSession1703240232765",
    "ProjectActive1716653153304",
    "CreateNotificationTable1717147942177",
    "AddPostponedWorkedFreeDayLeaveRequestType1718114720685",
    "AddRelocationLeave1719581515131",
    "AddMenstrualLeave1743667200000",
};
#define PERMACOOP_MIGRATION_COUNT \
	(int)(sizeof(permacoop_migrations) / sizeof(permacoop_migrations[0]))

/*
 * The connection of this run, for the statements that db_exec cannot
 * run. After a failure that broke it, the next db_* call would replace
 * it. A run therefore stops at its first failure and makes no further
 * call once session_broken is set.
 */
static PGconn *session;
static bool session_broken;

static const char SQL_CREATE_HISTORY[] =
    "CREATE TABLE IF NOT EXISTS permacoop_schema_migrations (\n"
    "	name		text		PRIMARY KEY,\n"
    "	applied_at	timestamptz	NOT NULL DEFAULT now()\n"
    ")";

static struct db_statement stmt_try_lock = {
    .name = "migrate_try_lock",
    .sql = "SELECT pg_try_advisory_lock($1::bigint)",
    .param_count = 1,
};

static struct db_statement stmt_lock = {
    .name = "migrate_lock",
    .sql = "SELECT pg_advisory_lock($1::bigint)",
    .param_count = 1,
};

static struct db_statement stmt_unlock = {
    .name = "migrate_unlock",
    .sql = "SELECT pg_advisory_unlock($1::bigint)",
    .param_count = 1,
};

static struct db_statement stmt_applied = {
    .name = "migrate_applied",
    .sql = "SELECT name FROM permacoop_schema_migrations",
    .param_count = 0,
};

static struct db_statement stmt_record = {
    .name = "migrate_record",
    .sql = "INSERT INTO permacoop_schema_migrations (name) VALUES ($1)",
    .param_count = 1,
};

static struct db_statement stmt_existing_tables = {
    .name = "migrate_existing_tables",
    .sql = "SELECT to_regclass('public.migrations') IS NOT NULL,\n"
           "       to_regclass('public.\"user\"') IS NOT NULL",
    .param_count = 0,
};

/* $1 is the array of Permacoop's migration names. */
static struct db_statement stmt_permacoop_history = {
    .name = "migrate_permacoop_history",
    .sql =
        "SELECT count(DISTINCT name) FILTER (WHERE name = ANY ($1::text[])),\n"
        "       count(*) FILTER (WHERE name <> ALL ($1::text[]))\n"
        "FROM public.migrations",
    .param_count = 1,
};

static struct db_statement stmt_has_users = {
    .name = "migrate_has_users",
    .sql = "SELECT EXISTS (SELECT 1 FROM \"user\")",
    .param_count = 0,
};

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
is_sql_file(const char *dir, const char *name)
{
	char path[4096];
	struct stat st;
	size_t len;

	len = strlen(name);
	if (name[0] == '.' || len < 5 || strcmp(name + len - 4, ".sql") != 0)
		return false;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    sizeof(path))
		return false;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void
migrate_names_free(char **names)
{
	char **p;

	if (names == NULL)
		return;
	for (p = names; *p != NULL; p++)
		free(*p);
	free(names);
}

int
migrate_list_files(const char *dir, char ***names)
{
	DIR *d;
	struct dirent *entry;
	char **list = NULL, **grown;
	int count = 0;

	*names = NULL;
	if ((d = opendir(dir)) == NULL) {
		log_error("migrate: failed to open folder %s: %s", dir,
		    strerror(errno));
		return -1;
	}
	if ((list = calloc(1, sizeof(*list))) == NULL)
		abort();
	while ((entry = readdir(d)) != NULL) {
		if (!is_sql_file(dir, entry->d_name))
			continue;
		grown = realloc(list, (count + 2) * sizeof(*list));
		if (grown == NULL)
			abort();
		list = grown;
		if ((list[count] = strdup(entry->d_name)) == NULL)
			abort();
		list[++count] = NULL;
	}
	closedir(d);

	qsort(list, count, sizeof(*list), compare_names);
	*names = list;
	return count;
}

/* Reads a whole file into a NUL-terminated string to free. */
static char *
read_file(const char *path)
{
	FILE *f;
	char *data;
	long size;

	if ((f = fopen(path, "rb")) == NULL) {
		log_error(
		    "migrate: failed to open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		log_error(
		    "migrate: failed to read %s: %s", path, strerror(errno));
		fclose(f);
		return NULL;
	}
	if (size > MIGRATE_FILE_MAX) {
		log_error("migrate: %s is larger than %d bytes", path,
		    MIGRATE_FILE_MAX);
		fclose(f);
		return NULL;
	}
	if ((data = malloc(size + 1)) == NULL)
		abort();
	if (fread(data, 1, size, f) != (size_t)size) {
		log_error("migrate: failed to read %s", path);
		free(data);
		fclose(f);
		return NULL;
	}
	data[size] = '\0';
	fclose(f);
	return data;
}

/*
 * Returns the 1-based line of the character at position, the 1-based
 * character offset that PostgreSQL reports for a syntax error.
 */
static int
line_of_position(const char *sql, long position)
{
	const unsigned char *p = (const unsigned char *)sql;
	int line = 1;
	long chars = 0;

	for (; *p != '\0'; p++) {
		if ((*p & 0xc0) == 0x80)
			continue; /* a UTF-8 continuation byte */
		if (++chars >= position)
			break;
		if (*p == '\n')
			line++;
	}
	return line;
}

static void
log_script_error(const char *record_name, const char *sql, const PGresult *res)
{
	const char *state, *position, *primary, *detail;
	char where[32] = "", text[1024];
	size_t len;

	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	position = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
	primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
	if (primary == NULL)
		primary = PQerrorMessage(session);
	snprintf(text, sizeof(text), "%s%s%s", primary,
	    detail != NULL ? " " : "", detail != NULL ? detail : "");
	len = strlen(text);
	while (len > 0 && text[len - 1] == '\n')
		text[--len] = '\0';
	if (position != NULL)
		snprintf(where, sizeof(where), " at line %d",
		    line_of_position(sql, atol(position)));
	log_error("migrate: %s failed%s (SQLSTATE %s): %s", record_name, where,
	    state != NULL ? state : "none", text);
}

static bool
is_applied(const PGresult *applied, const char *name)
{
	int i;

	for (i = 0; i < PQntuples(applied); i++) {
		if (strcmp(PQgetvalue(applied, i, 0), name) == 0)
			return true;
	}
	return false;
}

static bool
record(const char *name)
{
	const char *params[] = {name};
	PGresult *res;

	if ((res = db_exec(&stmt_record, params)) == NULL)
		return false;
	PQclear(res);
	return true;
}

/* Rolls back unless the connection broke, which already undid it. */
static void
rollback(void)
{
	if (session_broken || db_unavailable()) {
		session_broken = true;
		return;
	}
	if (PQtransactionStatus(session) != PQTRANS_IDLE &&
	    !db_command("ROLLBACK"))
		session_broken = db_unavailable();
}

/* Tells whether a failed script result means a lost connection, by the
 * same rule as db_exec: no SQLSTATE, class 08, or 57P01 to 57P03. */
static bool
script_lost_connection(const PGresult *res)
{
	const char *state;

	if (PQstatus(session) != CONNECTION_OK || res == NULL)
		return true;
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	return state == NULL || strncmp(state, "08", 2) == 0 ||
	    strncmp(state, "57P", 3) == 0;
}

/*
 * Runs one file and records it as record_name in one transaction. The
 * simple query protocol lets a file contain several statements, but a
 * file must not contain BEGIN or COMMIT, nor psql meta-commands.
 */
static int
apply_file(const char *dir, const char *file, const char *record_name)
{
	char path[4096];
	char *sql;
	PGresult *res;
	ExecStatusType status;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((sql = read_file(path)) == NULL)
		return -1;
	log_info("migrate: applying %s", record_name);

	if (!db_command("BEGIN"))
		goto fail;
	res = PQexec(session, sql);
	status = PQresultStatus(res);
	if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
	    status != PGRES_EMPTY_QUERY) {
		log_script_error(record_name, sql, res);
		session_broken = script_lost_connection(res);
		PQclear(res);
		goto fail;
	}
	PQclear(res);
	if (!record(record_name) || !db_command("COMMIT"))
		goto fail;

	free(sql);
	return 0;
fail:
	rollback();
	free(sql);
	return -1;
}

/* Fills buf with a PostgreSQL array literal of Permacoop's names. */
static void
permacoop_names_array(char *buf, size_t size)
{
	size_t len = 0;
	int i;

	for (i = 0; i < PERMACOOP_MIGRATION_COUNT; i++)
		len += snprintf(buf + len, size - len, "%c%s",
		    i == 0 ? '{' : ',', permacoop_migrations[i]);
	snprintf(buf + len, size - len, "}");
}

/*
 * Decides the fate of the baseline file. Returns 1 when Permacoop already
 * created the schema (record the file without running it), 0 when the
 * database is new (run it), or -1 after logging why neither is safe.
 */
static int
baseline_action(void)
{
	char names[2048];
	const char *params[] = {names};
	PGresult *res;
	bool has_history, has_user;
	int known, unknown;

	if ((res = db_exec(&stmt_existing_tables, NULL)) == NULL)
		return -1;
	has_history = PQgetvalue(res, 0, 0)[0] == 't';
	has_user = PQgetvalue(res, 0, 1)[0] == 't';
	PQclear(res);
	if (!has_history && has_user) {
		log_error(
		    "migrate: the database has a \"user\" table but no "
		    "\"migrations\" table, so its schema is unknown; use an "
		    "empty database or one migrated by Permacoop");
		return -1;
	}
	if (!has_history)
		return 0;

	permacoop_names_array(names, sizeof(names));
	if ((res = db_exec(&stmt_permacoop_history, params)) == NULL)
		return -1;
	known = atoi(PQgetvalue(res, 0, 0));
	unknown = atoi(PQgetvalue(res, 0, 1));
	PQclear(res);
	if (known < PERMACOOP_MIGRATION_COUNT) {
		log_error(
		    "migrate: the \"migrations\" table lists %d of "
		    "Permacoop's %d migrations; run Permacoop's own migrations "
		    "(typeorm migration:run) on this database first, then "
		    "run this again",
		    known, PERMACOOP_MIGRATION_COUNT);
		return -1;
	}
	if (unknown > 0)
		log_warn("migrate: the \"migrations\" table also lists %d "
		         "Permacoop migrations newer than this version knows; "
		         "their changes are not taken into account",
		    unknown);
	log_info("migrate: the database was migrated by Permacoop, "
	         "recording %s without running it",
	    BASELINE_FILE);
	return 1;
}

static int
apply_migrations(const char *dir, const PGresult *applied)
{
	char **files;
	int count, i, action, done = 0;

	if ((count = migrate_list_files(dir, &files)) < 0)
		return -1;
	if (count == 0) {
		log_error("migrate: no .sql file in %s; set PERMACOOP_SQL to "
		          "the migrations folder",
		    dir);
		goto fail;
	}
	for (i = 0; i < count; i++) {
		if (is_applied(applied, files[i]))
			continue;
		action = 0;
		if (strcmp(files[i], BASELINE_FILE) == 0 &&
		    (action = baseline_action()) == -1)
			goto fail;
		if (action == 1 ? !record(files[i])
		                : apply_file(dir, files[i], files[i]) == -1)
			goto fail;
		done++;
	}
	log_info("migrate: %d migration(s) applied, %d already applied", done,
	    count - done);
	migrate_names_free(files);
	return 0;
fail:
	migrate_names_free(files);
	return -1;
}

/* Seeds only a database without users, so real data is never mixed
 * with demo data, and each seed file only once. */
static int
apply_seeds(const char *dir, const PGresult *applied)
{
	char seed_dir[4096], name[512];
	char **files;
	PGresult *res;
	int count, i, pending = 0;
	bool has_users;

	snprintf(seed_dir, sizeof(seed_dir), "%s/seed", dir);
	if ((count = migrate_list_files(seed_dir, &files)) < 0)
		return -1;
	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), SEED_PREFIX "%s", files[i]);
		pending += !is_applied(applied, name);
	}
	if (pending == 0) {
		log_info("migrate: no pending seed file in %s", seed_dir);
		goto done;
	}

	if ((res = db_exec(&stmt_has_users, NULL)) == NULL)
		goto fail;
	has_users = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (has_users) {
		log_info("migrate: seed skipped because the \"user\" table "
		         "is not empty");
		goto done;
	}

	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), SEED_PREFIX "%s", files[i]);
		if (is_applied(applied, name))
			continue;
		if (apply_file(seed_dir, files[i], name) == -1)
			goto fail;
	}
	log_info("migrate: %d seed file(s) applied", pending);
done:
	migrate_names_free(files);
	return 0;
fail:
	migrate_names_free(files);
	return -1;
}

static bool
lock_key_call(struct db_statement *stmt, bool *result)
{
	const char *params[] = {MIGRATE_LOCK_KEY};
	PGresult *res;

	if ((res = db_exec(stmt, params)) == NULL)
		return false;
	if (result != NULL)
		*result = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return true;
}

/* Takes the migration lock, waiting for a concurrent run to finish. */
static int
lock(void)
{
	bool locked;

	if (!lock_key_call(&stmt_try_lock, &locked))
		return -1;
	if (locked)
		return 0;
	log_info("migrate: another migration is running, waiting for it");
	return lock_key_call(&stmt_lock, NULL) ? 0 : -1;
}

static int
run_locked(const char *dir, bool seed)
{
	PGresult *applied;
	int rc = -1;

	if (!db_command(SQL_CREATE_HISTORY))
		return -1;
	if ((applied = db_exec(&stmt_applied, NULL)) == NULL)
		return -1;
	if (apply_migrations(dir, applied) == -1)
		goto done;
	if (seed && apply_seeds(dir, applied) == -1)
		goto done;
	rc = 0;
done:
	PQclear(applied);
	return rc;
}

int
migrate_run(bool seed)
{
	const char *dir;
	int rc;

	dir = getenv("PERMACOOP_SQL");
	if (dir == NULL || dir[0] == '\0')
		dir = "sql";
	if ((session = db_connection()) == NULL) {
		log_error("migrate: no database connection, nothing applied");
		return -1;
	}
	session_broken = false;
	if (lock() == -1)
		return -1;
	rc = run_locked(dir, seed);
	if (rc == -1 && db_unavailable())
		session_broken = true;
	if (!session_broken)
		lock_key_call(&stmt_unlock, NULL);
	session = NULL;
	if (rc == 0)
		log_info("migrate: done");
	return rc;
}
