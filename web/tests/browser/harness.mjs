// Shared set-up of the browser test and the screenshot script: a generated workspace,
// keys, a running `supportlens serve`, headless Chromium, and the dashboard's formatters.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_DIR = path.resolve(WEB_DIR, '..');
export const BIN = path.resolve(WEB_DIR, process.env.SUPPORTLENS_BIN ?? '../build/supportlens');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OVERVIEW_KPIS = ['ticket_volume', 'backlog', 'first_reply_time', 'resolution_time', 'fcr_rate', 'csat', 'nps', 'sla_compliance'];

/** Runs the supportlens CLI; a non-zero exit code throws, unless it is one of okCodes. */
export function run(args, okCodes = [0]) {
  try {
    return execFileSync(BIN, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    if (okCodes.includes(e.status)) return e.stdout;
    throw e;
  }
}

/** The key a `keys create` printed: alone on its last non-empty line. */
function lastLine(out) {
  const lines = out.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1];
}

/**
 * Generates and imports a workspace (tickets over days), creates keys, starts the server. beforeServe(db, dir) runs
 * just before the server starts (alert rules, a check), with the database and a directory for files.
 * reportsDir: start the server with `--reports-dir` (a folder "reports" in that directory), so that
 * report schedules added over the API may deliver to a folder under it.
 */
export async function startServer({ tickets = 3000, seed = 7, days = 0, beforeServe, reportsDir = false } = {}) {
  if (!fs.existsSync(BIN)) throw new Error(`supportlens binary not found at ${BIN} (set SUPPORTLENS_BIN)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supportlens-web-'));
  const ws = path.join(dir, 'ws');
  const db = path.join(dir, 'db.sqlite');
  // days 0: as many days as the tickets make (28 for 3000).
  run(['generate', '--tickets', String(tickets), '--seed', String(seed), '--days', String(days), '--out', ws]);
  run(['import', ws, '--db', db]);
  const analystKey = lastLine(run(['keys', 'create', '--db', db, '--workspace', 'default', '--role', 'analyst']));
  const ingestKey = lastLine(run(['keys', 'create', '--db', db, '--workspace', 'default', '--role', 'ingest']));
  const adminKey = lastLine(run(['keys', 'create', '--db', db, '--workspace', 'default', '--role', 'admin']));
  await beforeServe?.(db, dir);
  const reports = reportsDir ? path.join(dir, 'reports') : null;
  const args = ['serve', '--db', db, '--port', '0', '--web-dir', path.join(WEB_DIR, 'dist')];
  if (reports) {
    fs.mkdirSync(reports);
    args.push('--reports-dir', reports);
  }
  const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not say where it listens:\n${log}`)), 20000);
    const onData = (chunk) => {
      log += chunk.toString();
      const m = /listening on (https?:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
  proc.removeAllListeners('exit');
  const { columns: headers, first: sampleTicket } = ticketSample(ws);
  return {
    dir,
    ws,
    db,
    reportsDir: reports,
    url,
    analystKey,
    ingestKey,
    adminKey,
    ticketColumns: headers,
    sampleTicket,
    proc,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            proc.kill('SIGKILL');
            r();
          }, 5000);
          proc.once('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The columns of the generated tickets.csv and its first record (simple CSV: no quoted commas needed). */
function ticketSample(ws) {
  const [head, row] = fs.readFileSync(path.join(ws, 'tickets.csv'), 'utf8').split('\n', 2);
  const columns = head.split(',').map((s) => s.trim());
  const values = row.split(',');
  return { columns, first: Object.fromEntries(columns.map((c, i) => [c, values[i]])) };
}

/** GET a JSON endpoint with a key. */
export async function api(server, pathAndQuery, key = server.analystKey) {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: { Authorization: `Bearer ${key}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${text}`);
  return pathAndQuery.includes('.csv') ? text : JSON.parse(text);
}

/**
 * Modules of src/ without DOM code (format, leadlag), compiled with the Vite in node_modules; returns
 * the last one. Their imports of one another ("./format") point at the compiled files.
 */
async function loadSources(names) {
  const { transformWithEsbuild } = await import('vite');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supportlens-src-'));
  try {
    for (const name of names) {
      const src = fs.readFileSync(path.join(WEB_DIR, 'src', `${name}.ts`), 'utf8');
      const out = await transformWithEsbuild(src, `${name}.ts`, { loader: 'ts', format: 'esm', target: 'es2021' });
      fs.writeFileSync(path.join(dir, `${name}.mjs`), out.code.replace(/from (["'])\.\/(\w+)\1/g, "from './$2.mjs'"));
    }
    return await import(pathToFileURL(path.join(dir, `${names[names.length - 1]}.mjs`)).href);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The dashboard's own formatters (src/format.ts). */
export function loadFormatters() {
  return loadSources(['format']);
}

/** The texts and the weeks of the overview's leading and lagging KPIs (src/leadlag.ts). */
export function loadLeadLag() {
  return loadSources(['format', 'leadlag']);
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The default window of the dashboard: the 28 days ending at dimensions.last_day. */
export function defaultWindow(dims, fmt) {
  return { from: fmt.addDays(dims.last_day, -27), to: fmt.addDays(dims.last_day, 1) };
}

/** Waits until a page is done loading a view: no busy marker, no skeleton. */
export async function waitForView(page, view) {
  await page.waitForSelector(`[data-testid=view-${view}]`);
  await page.waitForFunction(
    () => !document.querySelector('#content[aria-busy]') && !document.querySelector('#content .skeleton, #content .shimmer'),
    undefined,
    { timeout: 30000 },
  );
}

/** Polls fn until it returns a truthy value or the time is up; returns its last value. */
export async function eventually(fn, { timeout = 10000, interval = 200 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
}
