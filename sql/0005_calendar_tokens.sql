-- Personal tokens of the leaves feed: each person subscribes with a secret
-- of their own, which they can renew without touching anyone else's. The
-- token is kept in clear because the home page shows the URL again.

CREATE TABLE permacoop_calendar_token (
    user_id uuid PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
    token text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The feed looks tokens up by their SHA-256 digest, so the time an index
-- comparison takes depends on digests that a client cannot steer instead
-- of on how many leading characters of its guess match a stored token.
-- The tokens are base64url text, which the bytea cast keeps byte for byte.
CREATE INDEX permacoop_calendar_token_digest
    ON permacoop_calendar_token (sha256(token::bytea));
