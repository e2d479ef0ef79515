-- Benchmark data set: 30 people, two years of events and leaves, and a few
-- hundred projects. Loaded into a database already brought to the current
-- schema; every row it writes is new, so it never touches existing data.
BEGIN;

INSERT INTO user_administrative (id, "annualEarnings", "transportFee",
    "healthInsurance", "executivePosition", contract, "joiningDate",
    "workingTime", "sustainableMobilityFee")
SELECT md5('bench-admin-' || i)::uuid, 4000000 + i * 10000, 7000, true, false,
    'cdi', CURRENT_DATE - 800, 'full_time', 0
FROM generate_series(1, 30) AS i;

-- The password of every bench person is "john" (the seed's argon2i hash).
INSERT INTO "user" (id, "firstName", "lastName", email, password, role,
    "userAdministrativeId")
SELECT md5('bench-user-' || i)::uuid, 'Bench' || i, 'Person' || i,
    'bench' || i || '@example.org',
    '$argon2i$v=19$m=4096,t=3,p=1$slHh/xhoh8SvIjApBHSZnA$hqsry11DeWbNYsFnzADPkYOP2WQrf0yqDXGC3xjSX9A',
    CASE WHEN i % 3 = 0 THEN 'employee' ELSE 'cooperator' END::user_role_enum,
    md5('bench-admin-' || i)::uuid
FROM generate_series(1, 30) AS i;

INSERT INTO customer (id, name)
SELECT md5('bench-customer-' || i)::uuid, 'Client de mesure ' || i
FROM generate_series(1, 60) AS i;

INSERT INTO project (id, name, "customerId", "invoiceUnit", active)
SELECT md5('bench-project-' || i)::uuid, 'Projet de mesure ' || i,
    md5('bench-customer-' || (i % 60 + 1))::uuid, 'day', i % 7 <> 0
FROM generate_series(1, 300) AS i;

INSERT INTO task (id, name)
SELECT md5('bench-task-' || i)::uuid, 'Mission de mesure ' || i
FROM generate_series(1, 40) AS i;

-- One full day of work per person per weekday, for two years.
INSERT INTO event (type, time, date, summary, "projectId", "taskId", "userId")
SELECT 'mission', 420, d::date, 'Travail du jour',
    md5('bench-project-' || ((u * 7 + extract(doy FROM d)::int) % 300 + 1))::uuid,
    md5('bench-task-' || (u % 40 + 1))::uuid,
    md5('bench-user-' || u)::uuid
FROM generate_series(1, 30) AS u,
    generate_series(CURRENT_DATE - 730, CURRENT_DATE, interval '1 day') AS d
WHERE extract(isodow FROM d) < 6;

-- Eight accepted week-long leaves a year per person, and one pending.
INSERT INTO leave_request (id, status, type, "startDate", "endDate",
    "startsAllDay", "endsAllDay", "moderateAt", "moderatorId", "userId")
SELECT md5('bench-leave-' || u || '-' || k)::uuid, 'accepted', 'paid',
    CURRENT_DATE - 730 + k * 45 + u, CURRENT_DATE - 730 + k * 45 + u + 4,
    true, k % 4 <> 0, now(), md5('bench-user-' || (u % 30 + 1))::uuid,
    md5('bench-user-' || u)::uuid
FROM generate_series(1, 30) AS u, generate_series(0, 15) AS k;

INSERT INTO leave_request (status, type, "startDate", "endDate", "userId")
SELECT 'pending', 'paid', CURRENT_DATE + 60 + u, CURRENT_DATE + 62 + u,
    md5('bench-user-' || u)::uuid
FROM generate_series(1, 30) AS u;

INSERT INTO leave (time, date, "leaveRequestId")
SELECT 420, d::date, r.id
FROM leave_request r,
    generate_series(r."startDate", r."endDate", interval '1 day') AS d
WHERE r.status = 'accepted' AND r.id IN (
    SELECT md5('bench-leave-' || u || '-' || k)::uuid
    FROM generate_series(1, 30) AS u, generate_series(0, 15) AS k)
  AND extract(isodow FROM d) < 6;

COMMIT;
