-- A counter that every change to the data of the leaves feed increments,
-- so a worker can tell with one small query whether the calendar it built
-- last is still current. Statement-level triggers keep it exact whatever
-- writes the rows: this application, Permacoop, or an administrator.

CREATE TABLE permacoop_feed_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL
);
INSERT INTO permacoop_feed_version (version) VALUES (1);

CREATE FUNCTION permacoop_feed_version_increment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE permacoop_feed_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER permacoop_feed_version_leave_request
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON leave_request
    FOR EACH STATEMENT EXECUTE FUNCTION permacoop_feed_version_increment();
CREATE TRIGGER permacoop_feed_version_user
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user"
    FOR EACH STATEMENT EXECUTE FUNCTION permacoop_feed_version_increment();
CREATE TRIGGER permacoop_feed_version_user_administrative
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_administrative
    FOR EACH STATEMENT EXECUTE FUNCTION permacoop_feed_version_increment();
CREATE TRIGGER permacoop_feed_version_cooperative
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cooperative
    FOR EACH STATEMENT EXECUTE FUNCTION permacoop_feed_version_increment();
