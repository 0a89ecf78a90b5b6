-- SQLite peer, query step: the SQL-expressible KPIs under the engine's definitions (created
-- cohort, calendar seconds, first reply clock from created_at), one JSON row per group.
-- Parameters (set with .parameter by bench/run_end_to_end.sh):
--   @from, @to  window as epoch seconds (UTC midnights), @to exclusive
--   @repeat     repeat-contact window in seconds (thresholds.repeat_contact_days * 86400)
--   @by         'channel' or 'month'
-- Quantiles: linear interpolation between closest ranks (Hyndman-Fan type 7, pos = q * (n - 1)).
WITH RECURSIVE
-- Bots: agents.csv kind = bot, and any id that acted as a bot in an event.
bots(agent_id) AS (
  SELECT agent_id FROM agents WHERE kind = 'bot'
  UNION SELECT actor_id FROM events WHERE actor_kind = 'bot' AND actor_id IS NOT NULL),
-- Per ticket: public human-agent messages (first one and count), escalations, transfers.
msg AS (
  SELECT ticket_id,
         MIN(CASE WHEN human THEN "at" END) AS first_reply,
         SUM(human) AS replies,
         MAX(type = 'escalate') AS escalated,
         MAX(type = 'transfer') AS transferred
  FROM (SELECT ticket_id, "at", type,
               (type = 'message' AND actor_kind = 'agent' AND public = 1
                AND (actor_id IS NULL OR actor_id NOT IN (SELECT agent_id FROM bots))) AS human
        FROM events WHERE type IN ('message', 'escalate', 'transfer'))
  GROUP BY ticket_id),
-- Status events in timeline order, with the state before each one and when the next one comes.
st AS (
  SELECT ticket_id, "at", res,
         COALESCE(LAG(res) OVER w, 0) AS prev_res,
         LEAD("at") OVER w AS next_at,
         (LEAD(seq) OVER w IS NULL) AS is_last
  FROM (SELECT ticket_id, "at", seq, status IN ('solved', 'closed') AS res FROM events WHERE type = 'status')
  WINDOW w AS (PARTITION BY ticket_id ORDER BY "at", seq)),
-- Per ticket: first transition into solved/closed, the last one (final resolution if resolved now), reopened.
sol AS (
  SELECT ticket_id,
         MIN(CASE WHEN res AND NOT prev_res THEN "at" END) AS first_solve,
         MAX(CASE WHEN res AND NOT prev_res THEN "at" END) AS last_solve,
         MAX(is_last AND res) AS resolved_now,
         MAX(prev_res AND NOT res) AS reopened
  FROM st GROUP BY ticket_id),
-- Repeat contact: the customer's next ticket on the same topic (empty topics equal) within the window.
tk AS (
  SELECT seq, ticket_id, created_at, channel,
         CASE WHEN customer_id IS NULL THEN 0
              ELSE COALESCE(LEAD(created_at) OVER (PARTITION BY customer_id, COALESCE(topic, '')
                                                   ORDER BY created_at, seq) - created_at <= @repeat, 0) END AS has_repeat
  FROM tickets),
-- Tickets of the created cohort with their facts and group.
tf AS (
  SELECT CASE @by WHEN 'month' THEN strftime('%Y-%m', tk.created_at, 'unixepoch') ELSE tk.channel END AS grp,
         tk.created_at, tk.has_repeat,
         m.first_reply, COALESCE(m.replies, 0) AS replies,
         COALESCE(m.escalated, 0) AS escalated, COALESCE(m.transferred, 0) AS transferred,
         s.first_solve, CASE WHEN s.resolved_now = 1 THEN s.last_solve END AS final_solve,
         COALESCE(s.reopened, 0) AS reopened
  FROM tk LEFT JOIN msg m ON m.ticket_id = tk.ticket_id LEFT JOIN sol s ON s.ticket_id = tk.ticket_id
  WHERE tk.created_at >= @from AND tk.created_at < @to),
base AS (
  SELECT grp,
         COUNT(*) AS ticket_volume,
         COUNT(final_solve) AS resolved_tickets,
         100.0 * AVG(final_solve IS NOT NULL AND replies = 1 AND NOT reopened AND NOT transferred
                     AND NOT escalated AND NOT has_repeat) AS fcr_rate,
         100.0 * AVG(escalated) AS escalation_rate,
         COUNT(first_solve) AS reopen_n,
         100.0 * SUM(CASE WHEN first_solve IS NOT NULL THEN reopened END) / NULLIF(COUNT(first_solve), 0) AS reopen_rate,
         AVG(CASE WHEN final_solve IS NOT NULL THEN replies END) AS average_touches
  FROM tf GROUP BY grp),
-- Durations ranked per group: frt = first reply - created_at, res = final resolution - created_at.
dur AS (
  SELECT kind, grp, v, n,
         ROW_NUMBER() OVER (PARTITION BY kind, grp ORDER BY v) - 1 AS r,
         CAST(0.5 * (n - 1) AS INTEGER) AS lo50, 0.5 * (n - 1) - CAST(0.5 * (n - 1) AS INTEGER) AS f50,
         CAST(0.9 * (n - 1) AS INTEGER) AS lo90, 0.9 * (n - 1) - CAST(0.9 * (n - 1) AS INTEGER) AS f90
  FROM (SELECT kind, grp, v, COUNT(*) OVER (PARTITION BY kind, grp) AS n
        FROM (SELECT 'frt' AS kind, grp, first_reply - created_at AS v FROM tf WHERE first_reply IS NOT NULL
              UNION ALL
              SELECT 'res', grp, final_solve - created_at FROM tf WHERE final_solve IS NOT NULL))),
dstat AS (
  SELECT kind, grp, MAX(n) AS n, AVG(v) AS mean,
         MAX(CASE WHEN r = lo50 THEN v END)
           + (MAX(CASE WHEN r = MIN(lo50 + 1, n - 1) THEN v END) - MAX(CASE WHEN r = lo50 THEN v END)) * MAX(f50) AS median,
         MAX(CASE WHEN r = lo90 THEN v END)
           + (MAX(CASE WHEN r = MIN(lo90 + 1, n - 1) THEN v END) - MAX(CASE WHEN r = lo90 THEN v END)) * MAX(f90) AS p90
  FROM dur GROUP BY kind, grp),
-- Surveys: placed by their ticket's creation, or by the answer when they have no ticket.
sv AS (
  SELECT CASE WHEN t.ticket_id IS NOT NULL THEN t.created_at ELSE s.answered_at END AS placed_at,
         CASE WHEN @by = 'month'
              THEN strftime('%Y-%m', CASE WHEN t.ticket_id IS NOT NULL THEN t.created_at ELSE s.answered_at END, 'unixepoch')
              ELSE t.channel END AS grp,
         s.kind, s.score, s.scale_min, s.scale_max,
         (s.score - s.scale_min) / (s.scale_max - s.scale_min) * 10.0 AS score10
  FROM surveys s LEFT JOIN tickets t ON t.ticket_id = s.ticket_id
  WHERE s.kind IN ('csat', 'nps')),
sat AS (
  SELECT grp,
         SUM(kind = 'csat') AS csat_n,
         100.0 * SUM(kind = 'csat' AND score >= scale_max - 1) / NULLIF(SUM(kind = 'csat'), 0) AS csat,
         SUM(kind = 'nps') AS nps_n,
         100.0 * SUM(kind = 'nps' AND score10 >= 9) / NULLIF(SUM(kind = 'nps'), 0)
           - 100.0 * SUM(kind = 'nps' AND score10 <= 6) / NULLIF(SUM(kind = 'nps'), 0) AS nps
  FROM sv WHERE placed_at >= @from AND placed_at < @to GROUP BY grp),
-- Backlog at the end of each period (the window, or each month of it): created before the
-- instant end - 1 s and not inside a resolved stretch then.
periods(ps, pe) AS (
  SELECT @from, CASE WHEN @by = 'month'
                     THEN MIN(@to, unixepoch(date(@from, 'unixepoch', 'start of month', '+1 month'))) ELSE @to END
  UNION ALL
  SELECT pe, MIN(@to, unixepoch(date(pe, 'unixepoch', 'start of month', '+1 month')))
  FROM periods WHERE @by = 'month' AND pe < @to),
created_before AS (
  SELECT CASE @by WHEN 'month' THEN strftime('%Y-%m', p.ps, 'unixepoch') ELSE t.channel END AS grp, COUNT(*) AS n
  FROM periods p JOIN tickets t ON t.created_at <= p.pe - 1 GROUP BY 1),
resolved_then AS (
  SELECT CASE @by WHEN 'month' THEN strftime('%Y-%m', p.ps, 'unixepoch') ELSE t.channel END AS grp, COUNT(*) AS n
  FROM periods p
  JOIN st ON st.res = 1 AND st."at" <= p.pe - 1 AND (st.next_at IS NULL OR st.next_at > p.pe - 1)
  JOIN tickets t ON t.ticket_id = st.ticket_id AND t.created_at <= p.pe - 1
  GROUP BY 1),
backlog AS (
  SELECT c.grp, c.n - COALESCE(r.n, 0) AS backlog
  FROM created_before c LEFT JOIN resolved_then r ON r.grp IS c.grp),
keys AS (SELECT grp FROM base UNION SELECT grp FROM sat UNION SELECT grp FROM backlog)
SELECT COALESCE(k.grp, '(none)') AS grp,
       COALESCE(b.ticket_volume, 0) AS ticket_volume,
       COALESCE(b.resolved_tickets, 0) AS resolved_tickets,
       COALESCE(bl.backlog, 0) AS backlog,
       COALESCE(f.n, 0) AS frt_n, f.median AS frt_median, f.mean AS frt_mean, f.p90 AS frt_p90,
       COALESCE(r.n, 0) AS res_n, r.median AS res_median, r.mean AS res_mean, r.p90 AS res_p90,
       COALESCE(b.ticket_volume, 0) AS fcr_n, b.fcr_rate,
       COALESCE(b.ticket_volume, 0) AS escalation_n, b.escalation_rate,
       COALESCE(b.reopen_n, 0) AS reopen_n, b.reopen_rate,
       COALESCE(s.csat_n, 0) AS csat_n, s.csat,
       COALESCE(s.nps_n, 0) AS nps_n, s.nps,
       COALESCE(b.resolved_tickets, 0) AS touches_n, b.average_touches
FROM keys k
LEFT JOIN base b ON b.grp IS k.grp
LEFT JOIN sat s ON s.grp IS k.grp
LEFT JOIN backlog bl ON bl.grp IS k.grp
LEFT JOIN dstat f ON f.kind = 'frt' AND f.grp IS k.grp
LEFT JOIN dstat r ON r.kind = 'res' AND r.grp IS k.grp
ORDER BY k.grp IS NULL, k.grp;
