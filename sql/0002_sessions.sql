-- Web sessions and failed logins, stored here so that every worker of
-- every container shares them.

CREATE TABLE permacoop_session (
	id		text PRIMARY KEY,	-- 64 hex digits, 32 random bytes
	user_id		uuid NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
	csrf_token	text NOT NULL,		-- 64 hex digits
	flash		text,			-- shown once by the next page
	created_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL
);

CREATE INDEX permacoop_session_expires_at ON permacoop_session (expires_at);
CREATE INDEX permacoop_session_user_id ON permacoop_session (user_id);

-- One row per rejected login, kept for the rate limit's window and
-- purged by later failures.
CREATE TABLE permacoop_login_failure (
	id		bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	email		text NOT NULL,		-- lower-cased
	client_addr	text NOT NULL,
	failed_at	timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX permacoop_login_failure_client
    ON permacoop_login_failure (client_addr, email, failed_at);
CREATE INDEX permacoop_login_failure_failed_at
    ON permacoop_login_failure (failed_at);
