/* Reads the settings of struct config from the environment. */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <ctype.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "log.h"

#define WORKERS_MAX    256
#define SECRET_BYTES   32
#define DEFAULT_SOCKET "var/run/permacoop.sock"
#define DEFAULT_VIEWS  "views"

struct config config;

/* Returns the variable's value, or NULL when it is unset or empty. */
static const char *
env(const char *name)
{
	const char *value;

	value = getenv(name);
	if (value == NULL || value[0] == '\0')
		return NULL;
	return value;
}

static char *
xstrdup(const char *s)
{
	char *copy;

	if ((copy = strdup(s)) == NULL)
		abort();
	return copy;
}

/* Parses a boolean variable into *out (false when unset). Returns -1 on a
 * value that is not one of 1, true, yes, on, 0, false, no, off. */
static int
env_bool(const char *name, bool *out)
{
	static const char *const yes[] = {"1", "true", "yes", "on"};
	static const char *const no[] = {"0", "false", "no", "off"};
	const char *value;
	size_t i;

	*out = false;
	if ((value = env(name)) == NULL)
		return 0;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(value, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(value, no[i]) == 0)
			return 0;
	}
	log_error("config: invalid %s \"%s\": expected 1, true, yes, on, 0, "
	          "false, no or off",
	    name, value);
	return -1;
}

/* Appends key='value' to a libpq connection string, quoting the value
 * with backslash escapes for ' and \ as libpq requires. */
static void
conninfo_add(struct buf *b, const char *key, const char *variable)
{
	const char *value, *p;

	if ((value = env(variable)) == NULL)
		return;
	if (b->len > 0)
		buf_putc(b, ' ');
	buf_printf(b, "%s='", key);
	for (p = value; *p != '\0'; p++) {
		if (*p == '\'' || *p == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	buf_putc(b, '\'');
}

static char *
conninfo_load(void)
{
	struct buf b = {0};
	const char *url;
	char *conninfo;

	if ((url = env("DATABASE_URL")) != NULL ||
	    (url = env("SCALINGO_POSTGRESQL_URL")) != NULL)
		return xstrdup(url);

	conninfo_add(&b, "host", "DATABASE_HOST");
	conninfo_add(&b, "port", "DATABASE_PORT");
	conninfo_add(&b, "user", "DATABASE_USERNAME");
	conninfo_add(&b, "password", "DATABASE_PASSWORD");
	conninfo_add(&b, "dbname", "DATABASE_NAME");
	conninfo = xstrdup(buf_str(&b));
	buf_free(&b);
	return conninfo;
}

static int
secret_load(void)
{
	unsigned char bytes[SECRET_BYTES];
	char hex[SECRET_BYTES * 2 + 1];
	const char *value;
	size_t i;

	if ((value = env("SESSION_SECRET")) != NULL) {
		config.session_secret = xstrdup(value);
		return 0;
	}
	if (getrandom(bytes, sizeof(bytes), 0) != (ssize_t)sizeof(bytes)) {
		log_error("config: getrandom failed: %m");
		return -1;
	}
	for (i = 0; i < sizeof(bytes); i++)
		snprintf(hex + i * 2, 3, "%02x", bytes[i]);
	config.session_secret = xstrdup(hex);
	log_warn("config: SESSION_SECRET is not set, so a random secret is "
	         "used until the server stops; set it when several containers "
	         "serve the app");
	return 0;
}

/* Returns twice the processors this process may run on, at least 2. */
static int
workers_default(void)
{
	cpu_set_t set;
	long cores;

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		cores = CPU_COUNT(&set);
	else
		cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 1;
	if (cores > WORKERS_MAX / 2)
		cores = WORKERS_MAX / 2;
	return (int)cores * 2;
}

static int
workers_load(void)
{
	const char *value, *p;
	long n;

	if ((value = env("PERMACOOP_WORKERS")) == NULL) {
		config.workers = workers_default();
		return 0;
	}
	for (p = value; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			goto invalid;
	}
	if (strlen(value) > 3)
		goto invalid;
	n = strtol(value, NULL, 10);
	if (n < 1 || n > WORKERS_MAX)
		goto invalid;
	config.workers = (int)n;
	return 0;

invalid:
	log_error("config: invalid PERMACOOP_WORKERS \"%s\": expected a "
	          "whole number of worker processes from 1 to %d",
	    value, WORKERS_MAX);
	return -1;
}

int
config_load(void)
{
	const char *value;
	int rc = 0;

	config.conninfo = conninfo_load();

	value = env("CALENDAR_TOKEN");
	config.calendar_token = value != NULL ? xstrdup(value) : NULL;

	value = env("PERMACOOP_SOCKET");
	config.socket_path = xstrdup(value != NULL ? value : DEFAULT_SOCKET);

	value = env("PERMACOOP_VIEWS");
	config.views_dir = xstrdup(value != NULL ? value : DEFAULT_VIEWS);

	if (secret_load() == -1)
		rc = -1;
	if (workers_load() == -1)
		rc = -1;
	if (env_bool("SESSION_COOKIE_SECURE", &config.cookie_secure) == -1)
		rc = -1;
	if (env_bool("TRUST_PROXY", &config.trust_proxy) == -1)
		rc = -1;
	if (env_bool("WHIT_MONDAY_OFF", &config.whit_monday_off) == -1)
		rc = -1;
	return rc;
}
