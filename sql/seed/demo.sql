-- Demo data: four people whose password is "john", two customers with
-- projects, tasks, a week of FairCalendar entries and leave requests.
-- Dates are relative to CURRENT_DATE so the demo stays current.

-- French public holidays of last year, this year and next year. Easter
-- comes from the anonymous Gregorian algorithm (Meeus, Jones, Butcher).
-- Whit Monday is a working day, as in Permacoop's default settings.
CREATE TEMPORARY TABLE demo_holiday ON COMMIT DROP AS
WITH year AS (
	SELECT y
	FROM generate_series(extract(year FROM CURRENT_DATE)::int - 1,
	    extract(year FROM CURRENT_DATE)::int + 1) AS y
), easter AS (
	SELECT y, make_date(y, (h + l - 7 * m + 114) / 31,
	    (h + l - 7 * m + 114) % 31 + 1) AS day
	FROM year,
	    LATERAL (SELECT y % 19 AS a, y / 100 AS b, y % 100 AS c) AS s1,
	    LATERAL (SELECT b / 4 AS d, b % 4 AS e, (b + 8) / 25 AS f,
		c / 4 AS i, c % 4 AS k) AS s2,
	    LATERAL (SELECT (19 * a + b - d - (b - f + 1) / 3 + 15) % 30
		AS h) AS s3,
	    LATERAL (SELECT (32 + 2 * e + 2 * i - h - k) % 7 AS l) AS s4,
	    LATERAL (SELECT (a + 11 * h + 22 * l) / 451 AS m) AS s5
)
SELECT make_date(y, month, day) AS day
FROM year, (VALUES (1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1),
    (11, 11), (12, 25)) AS fixed (month, day)
UNION
SELECT day + 1 FROM easter		-- Easter Monday
UNION
SELECT day + 39 FROM easter;		-- Ascension Day

-- Working days around today, numbered -1, -2, ... going back from the
-- day before today, and 1, 2, ... going forward from today included.
CREATE TEMPORARY TABLE demo_day ON COMMIT DROP AS
SELECT day, CASE WHEN day < CURRENT_DATE
	    THEN -row_number() OVER (PARTITION BY day < CURRENT_DATE
		ORDER BY day DESC)
	    ELSE row_number() OVER (PARTITION BY day < CURRENT_DATE
		ORDER BY day)
	END AS n
FROM generate_series(CURRENT_DATE - 45, CURRENT_DATE + 90,
    interval '1 day') AS g (ts),
    LATERAL (SELECT ts::date AS day) AS d
WHERE extract(isodow FROM day) < 6
    AND day NOT IN (SELECT day FROM demo_holiday);

-- People. The hash is argon2i of "john", as in Permacoop's seeds, where
-- the API token contains the same string.
WITH administrative AS (
	INSERT INTO user_administrative ("annualEarnings", "transportFee",
	    "healthInsurance", "executivePosition", contract, "joiningDate",
	    "workingTime", "sustainableMobilityFee")
	VALUES (4800000, 70000, true, true, 'cdi',
	    (CURRENT_DATE - interval '1 year')::date, 'full_time', 0)
	RETURNING id
)
INSERT INTO "user" ("firstName", "lastName", email, "apiToken", password,
    role, "userAdministrativeId")
SELECT 'john', 'doe', 'john@doe.com',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    'cooperator', id
FROM administrative;

WITH administrative AS (
	INSERT INTO user_administrative ("annualEarnings", "transportFee",
	    "healthInsurance", "executivePosition", contract, "joiningDate",
	    "workingTime", "sustainableMobilityFee")
	VALUES (5000000, 70000, true, true, 'cdi',
	    (CURRENT_DATE - interval '1 year')::date, 'full_time', 0)
	RETURNING id
)
INSERT INTO "user" ("firstName", "lastName", email, "apiToken", password,
    role, "userAdministrativeId")
SELECT 'jane', 'smith', 'jane@smith.com',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    'cooperator', id
FROM administrative;

WITH administrative AS (
	INSERT INTO user_administrative ("annualEarnings", "transportFee",
	    "healthInsurance", "executivePosition", contract, "joiningDate",
	    "workingTime", "sustainableMobilityFee")
	VALUES (3600000, 70000, true, false, 'cdd',
	    (CURRENT_DATE - interval '3 months')::date, 'full_time', 20000)
	RETURNING id
)
INSERT INTO "user" ("firstName", "lastName", email, "apiToken", password,
    role, "userAdministrativeId")
SELECT 'Ada', 'Lovelace', 'ada@example.org',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    'employee', id
FROM administrative;

-- An accountant has no administrative record.
INSERT INTO "user" ("firstName", "lastName", email, "apiToken", password,
    role)
VALUES ('Grace', 'Hopper', 'grace@example.org',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    'accountant');

-- Customers, projects and tasks.
INSERT INTO customer (name) VALUES ('Aperture Science'), ('Black Mesa');

INSERT INTO project (name, "customerId", "invoiceUnit", active)
SELECT p.name, c.id, 'day', p.active
FROM (VALUES ('Portal Gun', 'Aperture Science', true),
	('Companion Cube', 'Aperture Science', true),
	('Old Website', 'Black Mesa', false)) AS p (name, customer, active)
JOIN customer AS c ON c.name = p.customer;

INSERT INTO task (name)
VALUES ('Développement'), ('Gestion de projet'), ('Conception');

-- FairCalendar entries of the last working days. A day's total stays
-- within 720 minutes, and no entry falls on a day of leave.
INSERT INTO event (type, time, date, summary, "projectId", "taskId",
    "userId")
SELECT e.type::event_type_enum, e.time, d.day, e.summary, p.id, t.id, u.id
FROM (VALUES
	('john@doe.com', -5, 'mission', 420, 'Prototype', 'Portal Gun',
	    'Développement'),
	('john@doe.com', -4, 'mission', 420, 'Prototype', 'Portal Gun',
	    'Développement'),
	('john@doe.com', -3, 'mission', 420, NULL, 'Portal Gun',
	    'Conception'),
	('john@doe.com', -2, 'support', 210, NULL, NULL, NULL),
	('john@doe.com', -2, 'dojo', 210, 'Atelier interne', NULL, NULL),
	('john@doe.com', -1, 'formationConference', 420, 'Conférence',
	    NULL, NULL),
	('jane@smith.com', -5, 'mission', 420, NULL, 'Companion Cube',
	    'Gestion de projet'),
	('jane@smith.com', -4, 'mission', 420, NULL, 'Companion Cube',
	    'Gestion de projet'),
	('jane@smith.com', -3, 'mission', 420, 'Recette', 'Companion Cube',
	    'Développement'),
	('jane@smith.com', -2, 'mission', 360, NULL, 'Companion Cube',
	    'Développement'),
	('jane@smith.com', -2, 'other', 60, 'Assemblée générale', NULL, NULL),
	('ada@example.org', -4, 'mission', 420, NULL, 'Portal Gun',
	    'Développement'),
	('ada@example.org', -3, 'mission', 420, NULL, 'Portal Gun',
	    'Développement'),
	('ada@example.org', -2, 'mission', 210, NULL, 'Portal Gun',
	    'Conception'),
	('ada@example.org', -2, 'support', 210, NULL, NULL, NULL),
	('ada@example.org', -1, 'mission', 420, NULL, 'Companion Cube',
	    'Développement')
) AS e (email, n, type, time, summary, project, task)
JOIN "user" AS u ON u.email = e.email
JOIN demo_day AS d ON d.n = e.n
LEFT JOIN project AS p ON p.name = e.project
LEFT JOIN task AS t ON t.name = e.task;

INSERT INTO meal_ticket_removal (date, comment, "userId")
SELECT d.day::timestamp, 'Repas offert par le client', u.id
FROM "user" AS u, demo_day AS d
WHERE u.email = 'john@doe.com' AND d.n = -3;

-- Leave requests, from the first to the last working day numbered
-- first_n and last_n. Accepted ones get their leave rows below.
INSERT INTO leave_request (status, type, "startDate", "startsAllDay",
    "endDate", "endsAllDay", comment, "moderationComment", "moderateAt",
    "moderatorId", "userId")
SELECT r.status::leave_request_status_enum,
    r.type::leave_request_type_enum, first.day::timestamp, true,
    last.day::timestamp, r.ends_all_day, r.comment, r.moderation_comment,
    CASE WHEN r.moderator IS NULL THEN NULL
	ELSE (CURRENT_DATE - 1)::timestamp + interval '10 hours' END,
    m.id, u.id
FROM (VALUES
	('john@doe.com', 'accepted', 'paid', 10, 12, true,
	    'Vacances en famille', 'Bonnes vacances !', 'jane@smith.com'),
	('jane@smith.com', 'accepted', 'special', -8, -8, true,
	    'Mariage d''une amie', NULL, 'john@doe.com'),
	('jane@smith.com', 'pending', 'paid', 20, 21, true,
	    'Pont', NULL, NULL),
	('ada@example.org', 'accepted', 'paid', 5, 6, false,
	    'Rendez-vous l''après-midi du second jour', NULL, 'john@doe.com'),
	('ada@example.org', 'refused', 'unpaid', 30, 30, true,
	    NULL, 'Période de livraison du projet', 'jane@smith.com')
) AS r (email, status, type, first_n, last_n, ends_all_day, comment,
    moderation_comment, moderator)
JOIN "user" AS u ON u.email = r.email
LEFT JOIN "user" AS m ON m.email = r.moderator
JOIN demo_day AS first ON first.n = r.first_n
JOIN demo_day AS last ON last.n = r.last_n;

-- One row per working day of each accepted request: the cooperative's
-- day length, or half of it on a last day that is not a whole day.
INSERT INTO leave (time, date, "leaveRequestId")
SELECT CASE WHEN d.day = r."endDate"::date AND NOT r."endsAllDay"
	    THEN c."dayDuration" / 2
	    ELSE c."dayDuration" END,
    d.day, r.id
FROM leave_request AS r
JOIN demo_day AS d
    ON d.day BETWEEN r."startDate"::date AND r."endDate"::date
CROSS JOIN (SELECT "dayDuration" FROM cooperative LIMIT 1) AS c
WHERE r.status = 'accepted';
