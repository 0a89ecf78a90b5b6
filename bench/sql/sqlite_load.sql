-- SQLite peer, load step: run by bench/run_end_to_end.sh with the workspace folder as the
-- working directory. Imports the CSV files the SQL-expressible KPIs need into raw text tables,
-- then converts them into typed tables (epoch seconds, NULL for empty, file order kept as seq).
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -2000000;

.import --csv tickets.csv raw_tickets
.import --csv events.csv raw_events
.import --csv agents.csv raw_agents
.import --csv surveys.csv raw_surveys

CREATE TABLE tickets AS
SELECT rowid AS seq, ticket_id, unixepoch(created_at) AS created_at, channel,
       NULLIF(customer_id, '') AS customer_id, NULLIF(topic, '') AS topic
FROM raw_tickets;

-- seq is the row's position in events.csv: the engine orders a ticket's events by time and keeps
-- the file order between events at the same instant.
CREATE TABLE events AS
SELECT rowid AS seq, ticket_id, unixepoch("at") AS "at", type, NULLIF(actor_kind, '') AS actor_kind,
       NULLIF(actor_id, '') AS actor_id,
       CASE lower(public) WHEN 'false' THEN 0 WHEN '0' THEN 0 ELSE 1 END AS public,
       NULLIF(status, '') AS status
FROM raw_events;

CREATE TABLE agents AS
SELECT agent_id, COALESCE(NULLIF(kind, ''), 'human') AS kind FROM raw_agents;

CREATE TABLE surveys AS
SELECT kind, CAST(score AS REAL) AS score, unixepoch(answered_at) AS answered_at,
       COALESCE(CAST(NULLIF(scale_min, '') AS REAL), CASE kind WHEN 'nps' THEN 0.0 ELSE 1.0 END) AS scale_min,
       COALESCE(CAST(NULLIF(scale_max, '') AS REAL),
                CASE kind WHEN 'nps' THEN 10.0 WHEN 'ces' THEN 7.0 ELSE 5.0 END) AS scale_max,
       NULLIF(ticket_id, '') AS ticket_id
FROM raw_surveys;

DROP TABLE raw_tickets;
DROP TABLE raw_events;
DROP TABLE raw_agents;
DROP TABLE raw_surveys;
