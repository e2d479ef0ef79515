/* Settings read once from the environment at start. */
#ifndef PC_CONFIG_H
#define PC_CONFIG_H

#include <stdbool.h>

struct config {
	char *conninfo;       /* libpq string from DATABASE_URL,
				   SCALINGO_POSTGRESQL_URL or DATABASE_* */
	char *calendar_token; /* CALENDAR_TOKEN, NULL when unset */
	char *session_secret; /* SESSION_SECRET, random when unset */
	bool cookie_secure;   /* SESSION_COOKIE_SECURE=1|true */
	bool trust_proxy;     /* TRUST_PROXY=1: use X-Forwarded-For */
	int workers;          /* PERMACOOP_WORKERS */
	char *socket_path;    /* PERMACOOP_SOCKET */
	char *views_dir;      /* PERMACOOP_VIEWS, default "views" */
	bool whit_monday_off; /* WHIT_MONDAY_OFF=1 */
};

extern struct config config;

/* Fills config from the environment. Returns -1 and logs on bad values. */
int config_load(void);

#endif
