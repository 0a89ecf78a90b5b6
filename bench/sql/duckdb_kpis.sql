-- DuckDB peer, query step: the same KPIs and definitions as bench/sql/sqlite_kpis.sql, written
-- the DuckDB way (quantile_cont is Hyndman-Fan type 7, as the engine). bench/duckdb_peer.mjs
-- replaces @from, @to (epoch seconds, @to exclusive), @repeat (seconds) and @by ('channel' or
-- 'month') with literals.
WITH RECURSIVE
bots AS (
  SELECT agent_id FROM agents WHERE kind = 'bot'
  UNION SELECT actor_id FROM events WHERE actor_kind = 'bot' AND actor_id IS NOT NULL),
msg AS (
  SELECT ticket_id,
         min("at") FILTER (WHERE human) AS first_reply,
         count(*) FILTER (WHERE human) AS replies,
         bool_or(type = 'escalate') AS escalated,
         bool_or(type = 'transfer') AS transferred
  FROM (SELECT ticket_id, "at", type,
               (type = 'message' AND actor_kind = 'agent' AND public
                AND (actor_id IS NULL OR actor_id NOT IN (SELECT agent_id FROM bots))) AS human
        FROM events WHERE type IN ('message', 'escalate', 'transfer'))
  GROUP BY ticket_id),
st AS (
  SELECT ticket_id, "at", res,
         COALESCE(lag(res) OVER w, false) AS prev_res,
         lead("at") OVER w AS next_at,
         lead(seq) OVER w IS NULL AS is_last
  FROM (SELECT ticket_id, "at", seq, status IN ('solved', 'closed') AS res FROM events WHERE type = 'status')
  WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", seq)),
sol AS (
  SELECT ticket_id,
         min("at") FILTER (WHERE res AND NOT prev_res) AS first_solve,
         max("at") FILTER (WHERE res AND NOT prev_res) AS last_solve,
         bool_or(is_last AND res) AS resolved_now,
         bool_or(prev_res AND NOT res) AS reopened
  FROM st GROUP BY ticket_id),
tk AS (
  SELECT seq, ticket_id, created_at, channel,
         customer_id IS NOT NULL
           AND COALESCE(lead(created_at) OVER (PARTITION BY customer_id, COALESCE(topic, '') ORDER BY created_at, seq)
                          - created_at <= @repeat, false) AS has_repeat
  FROM tickets),
tf AS (
  SELECT CASE @by WHEN 'month' THEN strftime(make_timestamp(tk.created_at * 1000000), '%Y-%m') ELSE tk.channel END AS grp,
         tk.created_at, tk.has_repeat,
         m.first_reply, COALESCE(m.replies, 0) AS replies,
         COALESCE(m.escalated, false) AS escalated, COALESCE(m.transferred, false) AS transferred,
         s.first_solve, CASE WHEN s.resolved_now THEN s.last_solve END AS final_solve,
         COALESCE(s.reopened, false) AS reopened
  FROM tk LEFT JOIN msg m ON m.ticket_id = tk.ticket_id LEFT JOIN sol s ON s.ticket_id = tk.ticket_id
  WHERE tk.created_at >= @from AND tk.created_at < @to),
base AS (
  SELECT grp,
         count(*) AS ticket_volume,
         count(final_solve) AS resolved_tickets,
         100.0 * avg((final_solve IS NOT NULL AND replies = 1 AND NOT reopened AND NOT transferred
                      AND NOT escalated AND NOT has_repeat)::INT) AS fcr_rate,
         100.0 * avg(escalated::INT) AS escalation_rate,
         count(first_solve) AS reopen_n,
         100.0 * count(*) FILTER (WHERE first_solve IS NOT NULL AND reopened) / NULLIF(count(first_solve), 0) AS reopen_rate,
         avg(replies) FILTER (WHERE final_solve IS NOT NULL) AS average_touches,
         count(first_reply) AS frt_n,
         quantile_cont(first_reply - created_at, 0.5) AS frt_median,
         avg(first_reply - created_at) AS frt_mean,
         quantile_cont(first_reply - created_at, 0.9) AS frt_p90,
         quantile_cont(final_solve - created_at, 0.5) AS res_median,
         avg(final_solve - created_at) AS res_mean,
         quantile_cont(final_solve - created_at, 0.9) AS res_p90
  FROM tf GROUP BY grp),
sv AS (
  SELECT CASE WHEN t.ticket_id IS NOT NULL THEN t.created_at ELSE s.answered_at END AS placed_at,
         CASE WHEN @by = 'month'
              THEN strftime(make_timestamp(CASE WHEN t.ticket_id IS NOT NULL THEN t.created_at ELSE s.answered_at END * 1000000), '%Y-%m')
              ELSE t.channel END AS grp,
         s.kind, s.score, s.scale_min, s.scale_max,
         (s.score - s.scale_min) / (s.scale_max - s.scale_min) * 10.0 AS score10
  FROM surveys s LEFT JOIN tickets t ON t.ticket_id = s.ticket_id
  WHERE s.kind IN ('csat', 'nps')),
sat AS (
  SELECT grp,
         count(*) FILTER (WHERE kind = 'csat') AS csat_n,
         100.0 * count(*) FILTER (WHERE kind = 'csat' AND score >= scale_max - 1)
           / NULLIF(count(*) FILTER (WHERE kind = 'csat'), 0) AS csat,
         count(*) FILTER (WHERE kind = 'nps') AS nps_n,
         100.0 * count(*) FILTER (WHERE kind = 'nps' AND score10 >= 9) / NULLIF(count(*) FILTER (WHERE kind = 'nps'), 0)
           - 100.0 * count(*) FILTER (WHERE kind = 'nps' AND score10 <= 6) / NULLIF(count(*) FILTER (WHERE kind = 'nps'), 0) AS nps
  FROM sv WHERE placed_at >= @from AND placed_at < @to GROUP BY grp),
periods(ps, pe) AS (
  SELECT @from::BIGINT,
         CASE WHEN @by = 'month'
              THEN least(@to, epoch(date_trunc('month', make_timestamp(@from * 1000000)) + INTERVAL 1 MONTH)::BIGINT)
              ELSE @to END::BIGINT
  UNION ALL
  SELECT pe, least(@to, epoch(date_trunc('month', make_timestamp(pe * 1000000)) + INTERVAL 1 MONTH)::BIGINT)
  FROM periods WHERE @by = 'month' AND pe < @to),
created_before AS (
  SELECT CASE @by WHEN 'month' THEN strftime(make_timestamp(p.ps * 1000000), '%Y-%m') ELSE t.channel END AS grp, count(*) AS n
  FROM periods p JOIN tickets t ON t.created_at <= p.pe - 1 GROUP BY 1),
resolved_then AS (
  SELECT CASE @by WHEN 'month' THEN strftime(make_timestamp(p.ps * 1000000), '%Y-%m') ELSE t.channel END AS grp, count(*) AS n
  FROM periods p
  JOIN st ON st.res AND st."at" <= p.pe - 1 AND (st.next_at IS NULL OR st.next_at > p.pe - 1)
  JOIN tickets t ON t.ticket_id = st.ticket_id AND t.created_at <= p.pe - 1
  GROUP BY 1),
backlog AS (
  SELECT c.grp, c.n - COALESCE(r.n, 0) AS backlog
  FROM created_before c LEFT JOIN resolved_then r ON r.grp IS NOT DISTINCT FROM c.grp),
keys AS (SELECT grp FROM base UNION SELECT grp FROM sat UNION SELECT grp FROM backlog)
SELECT COALESCE(k.grp, '(none)') AS grp,
       COALESCE(b.ticket_volume, 0)::DOUBLE AS ticket_volume,
       COALESCE(b.resolved_tickets, 0)::DOUBLE AS resolved_tickets,
       COALESCE(bl.backlog, 0)::DOUBLE AS backlog,
       COALESCE(b.frt_n, 0)::DOUBLE AS frt_n, b.frt_median::DOUBLE AS frt_median, b.frt_mean::DOUBLE AS frt_mean,
       b.frt_p90::DOUBLE AS frt_p90,
       COALESCE(b.resolved_tickets, 0)::DOUBLE AS res_n, b.res_median::DOUBLE AS res_median,
       b.res_mean::DOUBLE AS res_mean, b.res_p90::DOUBLE AS res_p90,
       COALESCE(b.ticket_volume, 0)::DOUBLE AS fcr_n, b.fcr_rate::DOUBLE AS fcr_rate,
       COALESCE(b.ticket_volume, 0)::DOUBLE AS escalation_n, b.escalation_rate::DOUBLE AS escalation_rate,
       COALESCE(b.reopen_n, 0)::DOUBLE AS reopen_n, b.reopen_rate::DOUBLE AS reopen_rate,
       COALESCE(s.csat_n, 0)::DOUBLE AS csat_n, s.csat::DOUBLE AS csat,
       COALESCE(s.nps_n, 0)::DOUBLE AS nps_n, s.nps::DOUBLE AS nps,
       COALESCE(b.resolved_tickets, 0)::DOUBLE AS touches_n, b.average_touches::DOUBLE AS average_touches
FROM keys k
LEFT JOIN base b ON b.grp IS NOT DISTINCT FROM k.grp
LEFT JOIN sat s ON s.grp IS NOT DISTINCT FROM k.grp
LEFT JOIN backlog bl ON bl.grp IS NOT DISTINCT FROM k.grp
ORDER BY k.grp IS NULL, k.grp;
