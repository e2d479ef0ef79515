-- The customer, project and task writes compare names as
-- lower(normalize(name, NFKC)), so names that differ only by case or by a
-- Unicode compatibility form ("Ｚｏｏ" and "Zoo") count as the same name.
-- These indexes serve that check. They are not unique, because a
-- database that Permacoop filled may already contain such names twice.
-- They replace the LOWER(name) indexes of 0003, which no query uses now.

CREATE INDEX IF NOT EXISTS permacoop_customer_name_key
    ON customer (lower(normalize(name, NFKC)));
CREATE INDEX IF NOT EXISTS permacoop_project_name_key
    ON project (lower(normalize(name, NFKC)));
CREATE INDEX IF NOT EXISTS permacoop_task_name_key
    ON task (lower(normalize(name, NFKC)));

DROP INDEX IF EXISTS permacoop_customer_lower_name;
DROP INDEX IF EXISTS permacoop_project_lower_name;
DROP INDEX IF EXISTS permacoop_task_lower_name;
