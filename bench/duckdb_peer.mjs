// DuckDB peer of the end-to-end benchmark: loads the generated workspace's CSV files into an
// in-memory DuckDB database and runs bench/sql/duckdb_kpis.sql once per grouping.
//
//   node bench/duckdb_peer.mjs --dir WORKSPACE --from EPOCH --to EPOCH --repeat SECONDS \
//        --by channel,month --out PREFIX [--memory-limit 12GB] [--temp-dir DIR]
//
// Writes PREFIX_<by>.json (one object per group, the columns of duckdb_kpis.sql) and prints one
// JSON line: {"load_seconds": L, "query_seconds": {"channel": Q, ...}, "rows": {...}}.
// @duckdb/node-api is installed in bench/node by bench/run_end_to_end.sh.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const here = new URL('.', import.meta.url);
const require = createRequire(new URL('node/package.json', here));
const { DuckDBInstance } = require('@duckdb/node-api');

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument: ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['dir', 'from', 'to', 'repeat', 'by', 'out'])
    if (out[k] === undefined) throw new Error(`missing --${k}`);
  return out;
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const integer = (s) => {
  if (!/^-?\d+$/.test(String(s))) throw new Error(`not an integer: ${s}`);
  return `CAST(${s} AS BIGINT)`;
};

// Replaces @name tokens with literals (the SQL files use them as parameters).
function bind(sql, values) {
  return sql.replace(/@([a-z]+)/g, (m, name) => {
    if (!(name in values)) throw new Error(`unbound parameter ${m}`);
    return values[name];
  });
}

function plain(v) {
  return typeof v === 'bigint' ? Number(v) : v;
}

const args = parseArgs(process.argv.slice(2));
const loadSql = readFileSync(new URL('sql/duckdb_load.sql', here), 'utf8');
const kpiSql = readFileSync(new URL('sql/duckdb_kpis.sql', here), 'utf8');

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");
if (args['memory-limit']) await db.run(`SET memory_limit = ${sqlString(args['memory-limit'])}`);
if (args['temp-dir']) await db.run(`SET temp_directory = ${sqlString(args['temp-dir'])}`);

let t0 = performance.now();
for (const statement of bind(loadSql, { dir: sqlString(args.dir) }).split(/;\s*\n/)) {
  const body = statement.replace(/^\s*--.*$/gm, '').trim();
  if (body) await db.run(body);
}
const loadSeconds = (performance.now() - t0) / 1000;

const result = { load_seconds: loadSeconds, query_seconds: {}, rows: {} };
for (const by of args.by.split(',')) {
  const sql = bind(kpiSql, { from: integer(args.from), to: integer(args.to), repeat: integer(args.repeat), by: sqlString(by) });
  t0 = performance.now();
  const reader = await db.runAndReadAll(sql);
  const rows = reader.getRowObjects().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  result.query_seconds[by] = (performance.now() - t0) / 1000;
  result.rows[by] = rows.length;
  writeFileSync(`${args.out}_${by}.json`, JSON.stringify(rows));
}
console.log(JSON.stringify(result));
