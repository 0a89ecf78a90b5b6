// Compares the engine's report (JSON) with the SQLite and DuckDB peers' rows for one grouping,
// prints the figures and every disagreement, and exits 1 when they disagree.
//
//   node bench/compare_kpis.mjs --by channel --engine E.json --sqlite S.json --duckdb D.json
//
// Counts must be equal; rates, means and quantiles must agree within 0.01 (the engine rounds
// to two decimals). A group missing on one side counts as zero tickets / no data there.
// A peer given as "-" was not run and is left out.
import { readFileSync } from 'node:fs';

const METRICS = [
  // [peer column, engine KPI, engine field, kind]
  ['ticket_volume', 'ticket_volume', 'value', 'count'],
  ['resolved_tickets', 'resolved_tickets', 'value', 'count'],
  ['backlog', 'backlog', 'value', 'count'],
  ['frt_n', 'first_reply_time', 'n', 'count'],
  ['frt_median', 'first_reply_time', 'median', 'number'],
  ['frt_mean', 'first_reply_time', 'mean', 'number'],
  ['frt_p90', 'first_reply_time', 'p90', 'number'],
  ['res_n', 'resolution_time', 'n', 'count'],
  ['res_median', 'resolution_time', 'median', 'number'],
  ['res_mean', 'resolution_time', 'mean', 'number'],
  ['res_p90', 'resolution_time', 'p90', 'number'],
  ['fcr_n', 'fcr_rate', 'n', 'count'],
  ['fcr_rate', 'fcr_rate', 'value', 'number'],
  ['escalation_n', 'escalation_rate', 'n', 'count'],
  ['escalation_rate', 'escalation_rate', 'value', 'number'],
  ['reopen_n', 'reopen_rate', 'n', 'count'],
  ['reopen_rate', 'reopen_rate', 'value', 'number'],
  ['csat_n', 'csat', 'n', 'count'],
  ['csat', 'csat', 'value', 'number'],
  ['nps_n', 'nps', 'n', 'count'],
  ['nps', 'nps', 'value', 'number'],
  ['touches_n', 'average_touches', 'n', 'count'],
  ['average_touches', 'average_touches', 'value', 'number'],
];
const TOLERANCE = 0.01 + 1e-9;

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['by', 'engine', 'sqlite', 'duckdb']) if (!args[k]) throw new Error(`missing --${k}`);

const label = (v) => (v === null || v === undefined ? '(none)' : String(v));
const num = (v) => (v === null || v === undefined ? null : Number(v));

function engineRows(path) {
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const out = new Map();
  for (const row of report.rows) {
    const fig = {};
    for (const [col, kpi, field] of METRICS) fig[col] = num(row.kpis[kpi]?.[field]);
    out.set(label(row.group[args.by]), fig);
  }
  return out;
}

function peerRows(path) {
  const out = new Map();
  for (const row of JSON.parse(readFileSync(path, 'utf8'))) {
    const fig = {};
    for (const [col] of METRICS) fig[col] = num(row[col]);
    out.set(label(row.grp), fig);
  }
  return out;
}

const peers = ['sqlite', 'duckdb'].filter((p) => args[p] !== '-');
const sides = { engine: engineRows(args.engine) };
for (const p of peers) sides[p] = peerRows(args[p]);
const groups = [...new Set(Object.values(sides).flatMap((m) => [...m.keys()]))].sort((a, b) =>
  a === '(none)' ? 1 : b === '(none)' ? -1 : a < b ? -1 : a > b ? 1 : 0);

function value(side, group, col, kind) {
  const v = sides[side].get(group)?.[col] ?? null;
  return kind === 'count' ? v ?? 0 : v;
}

function agree(a, b, kind) {
  if (kind === 'count') return a === b;
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= TOLERANCE;
}

const problems = [];
let checks = 0;
for (const g of groups)
  for (const [col, , , kind] of METRICS) {
    const e = value('engine', g, col, kind);
    for (const peer of peers) {
      const p = value(peer, g, col, kind);
      ++checks;
      if (!agree(e, p, kind)) problems.push({ group: g, metric: col, engine: e, [peer]: p });
    }
  }

const fmt = (v, digits = 2) => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(digits));
const shown = [
  ['group', null], ['tickets', 'ticket_volume'], ['resolved', 'resolved_tickets'], ['backlog', 'backlog'],
  ['frt_med', 'frt_median'], ['frt_mean', 'frt_mean'], ['res_med', 'res_median'], ['res_mean', 'res_mean'],
  ['res_p90', 'res_p90'], ['fcr%', 'fcr_rate'], ['esc%', 'escalation_rate'], ['reopen%', 'reopen_rate'],
  ['csat%', 'csat'], ['nps', 'nps'], ['touches', 'average_touches'],
];
const lines = [shown.map(([h]) => h)];
for (const g of groups) {
  const kindOf = Object.fromEntries(METRICS.map(([c, , , k]) => [c, k]));
  lines.push(shown.map(([, col]) => (col ? fmt(value('engine', g, col, kindOf[col])) : g)));
}
const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
const names = { sqlite: 'SQLite', duckdb: 'DuckDB' };
console.log(`KPIs by ${args.by} (engine figures; ${peers.map((p) => names[p]).join(' and ') || 'no peer'} checked against them):`);
for (const l of lines) console.log('  ' + l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
if (problems.length === 0) {
  console.log(`  agreement: all ${checks} checks equal (counts exact, other figures within 0.01)`);
} else {
  console.log(`  DISAGREEMENT: ${problems.length} of ${checks} checks differ:`);
  for (const p of problems.slice(0, 50)) console.log('    ' + JSON.stringify(p));
  if (problems.length > 50) console.log(`    ... and ${problems.length - 50} more`);
  process.exitCode = 1;
}
