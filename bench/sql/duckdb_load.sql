-- DuckDB peer, load step: run by bench/duckdb_peer.mjs with @dir replaced by the workspace
-- folder (a quoted SQL string). Reads the CSV files the SQL-expressible KPIs need into typed
-- in-memory tables (epoch seconds, NULL for empty, file order kept as seq).
CREATE TABLE tickets AS
SELECT row_number() OVER () AS seq, ticket_id,
       epoch(CAST(created_at AS TIMESTAMPTZ))::BIGINT AS created_at, channel,
       NULLIF(customer_id, '') AS customer_id, NULLIF(topic, '') AS topic
FROM read_csv(@dir || '/tickets.csv', header = true, all_varchar = true);

-- seq is the row's position in events.csv: the engine orders a ticket's events by time and keeps
-- the file order between events at the same instant.
CREATE TABLE events AS
SELECT row_number() OVER () AS seq, ticket_id, epoch(CAST("at" AS TIMESTAMPTZ))::BIGINT AS "at", type,
       NULLIF(actor_kind, '') AS actor_kind, NULLIF(actor_id, '') AS actor_id,
       COALESCE(lower(public) NOT IN ('false', '0'), true) AS public,
       NULLIF(status, '') AS status
FROM read_csv(@dir || '/events.csv', header = true, all_varchar = true);

CREATE TABLE agents AS
SELECT agent_id, COALESCE(NULLIF(kind, ''), 'human') AS kind
FROM read_csv(@dir || '/agents.csv', header = true, all_varchar = true);

CREATE TABLE surveys AS
SELECT kind, CAST(score AS DOUBLE) AS score, epoch(CAST(answered_at AS TIMESTAMPTZ))::BIGINT AS answered_at,
       COALESCE(CAST(NULLIF(scale_min, '') AS DOUBLE), CASE kind WHEN 'nps' THEN 0.0 ELSE 1.0 END) AS scale_min,
       COALESCE(CAST(NULLIF(scale_max, '') AS DOUBLE),
                CASE kind WHEN 'nps' THEN 10.0 WHEN 'ces' THEN 7.0 ELSE 5.0 END) AS scale_max,
       NULLIF(ticket_id, '') AS ticket_id
FROM read_csv(@dir || '/surveys.csv', header = true, all_varchar = true);
