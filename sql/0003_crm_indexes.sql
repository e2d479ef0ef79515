-- Indexes for the customer, project and task pages. Names stay unique
-- regardless of case through a check in the same transaction as the
-- write, under an advisory lock on the lowercased name. A unique index
-- would fail to build on a database that Permacoop filled if it already
-- contains names that differ only by case. These plain indexes serve the
-- check and the sorted lists.

CREATE INDEX IF NOT EXISTS permacoop_customer_lower_name
    ON customer (LOWER(name));
CREATE INDEX IF NOT EXISTS permacoop_customer_name ON customer (name);

CREATE INDEX IF NOT EXISTS permacoop_project_lower_name
    ON project (LOWER(name));
CREATE INDEX IF NOT EXISTS permacoop_project_customer_id
    ON project ("customerId");

CREATE INDEX IF NOT EXISTS permacoop_task_lower_name ON task (LOWER(name));
CREATE INDEX IF NOT EXISTS permacoop_task_name ON task (name);
