// Writes one PNG per dashboard view (1440x900) to docs/screenshots/, and two of the Targets page's
// alert rules and report schedules, against a generated workspace served by `supportlens serve`.
// Run with `npm run screenshots` after `npm run build`.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { BIN, REPO_DIR, api, launchBrowser, startServer, waitForView } from './harness.mjs';

const OUT = path.join(REPO_DIR, 'docs', 'screenshots');
// Sentiment last: the feedback it shows is posted just before, and changes no earlier view.
const VIEWS = ['overview', 'satisfaction', 'speed', 'volume', 'agents', 'contact', 'sentiment'];
const WS = '/v1/workspaces/default';

async function post(entity, records) {
  const res = await fetch(`${server.url}${WS}/${entity}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.ingestKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ records }),
  });
  if (!res.ok) throw new Error(`POST ${entity}: ${res.status} ${await res.text()}`);
}

/** Negative feedback on the most negative open tickets, for the live follow-up list. */
async function postFeedback() {
  const dims = await api(server, `${WS}/dimensions`);
  const { tickets } = await api(server, `${WS}/sentiment/tickets?open=true&limit=2`);
  const day = dims.last_day;
  await post('events', [
    { event_id: 'E-SHOT-1', ticket_id: tickets[0].ticket_id, at: `${day}T09:12:00Z`, type: 'message', actor_kind: 'customer', actor_id: tickets[0].customer_id, text: 'Still waiting after three days. This is the worst service, I am furious' },
    { event_id: 'E-SHOT-2', ticket_id: tickets[1].ticket_id, at: `${day}T09:40:00Z`, type: 'message', actor_kind: 'customer', actor_id: tickets[1].customer_id, text: 'Nobody answers, terrible support. Awful!' },
  ]);
  await post('surveys', [
    { response_id: 'S-SHOT-1', kind: 'nps', score: 2, answered_at: `${day}T10:05:00Z`, scale_min: 0, scale_max: 10, ticket_id: tickets[0].ticket_id, customer_id: tickets[0].customer_id, comment: 'Three days without an answer' },
  ]);
  const { items } = await api(server, `${WS}/feedback`);
  if (items.length !== 3) throw new Error(`expected 3 follow-up items, the server has ${items.length}`);
}

/** Targets set as an admin would: two teams short of theirs (the first rows), chat's first reply time by a deadline. */
async function setTargets() {
  const dims = await api(server, `${WS}/dimensions`);
  const deadline = new Date(Date.parse(`${dims.last_day}T00:00:00Z`) + 60 * 86400000).toISOString().slice(0, 10);
  for (const body of [
    { kpi: 'csat', scope: { team: 'billing' }, min: 85 },
    { kpi: 'sla_compliance', scope: { team: 'technical' }, min: 85 },
    { kpi: 'first_reply_time', scope: { channel: 'chat' }, max: 120, deadline },
  ]) {
    const res = await fetch(`${server.url}${WS}/targets`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`PUT targets: ${res.status} ${await res.text()}`);
  }
}

/** Alert rules as an admin would add them, and a webhook to deliver to (nothing commits after, so nothing is sent). */
async function addAlertRules() {
  for (const [what, body] of [
    ['rules', { kpi: 'csat', kind: 'threshold', min: 80 }],
    ['rules', { kpi: 'first_reply_time', scope: { channel: 'chat' }, kind: 'change', percent: 25 }],
    ['rules', { kpi: 'ticket_volume', kind: 'anomaly', z: 3, days: 28 }],
    ['sinks', { kind: 'webhook', target: 'https://hooks.example.com/support', secret: 'screenshot-secret' }],
  ]) {
    const res = await fetch(`${server.url}${WS}/alerts/${what}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST alerts/${what}: ${res.status} ${await res.text()}`);
  }
}

/**
 * A webhook receiver on this machine for the report schedules: it takes the weekly operations
 * reports and answers 503 to anything else, so that the card shows a delivered and a failed run.
 */
async function startReceiver() {
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = req.url.startsWith('/reports/') ? 200 : 503;
      res.end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  return { receiver, url: `http://127.0.0.1:${receiver.address().port}` };
}

/**
 * Report schedules as an admin would add them, to webhooks, and one run of what is due on the next
 * Monday after the weekly ones' hours (the CLI's `schedules run --now`): the weekly operations report
 * is delivered, the agent scorecard fails after its attempts, the monthly report waits for the 1st.
 */
async function addSchedules(hooks) {
  for (const body of [
    { template: 'weekly-ops', every: 'week', format: 'pdf', hour: 6, webhook: `${hooks}/reports/weekly`, secret: 'screenshot-secret' },
    { template: 'monthly-satisfaction', every: 'month', format: 'pdf', hour: 6, webhook: `${hooks}/reports/monthly`, secret: 'screenshot-secret' },
    { template: 'agent-scorecard', every: 'week', format: 'html', hour: 7, webhook: `${hooks}/scorecards`, secret: 'screenshot-secret' },
  ]) {
    const res = await fetch(`${server.url}${WS}/schedules`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST schedules: ${res.status} ${await res.text()}`);
  }
  const { schedules } = await api(server, `${WS}/schedules`);
  const weekly = schedules.filter((s) => s.every === 'week').map((s) => Date.parse(s.next_run));
  const now = new Date(Math.max(...weekly) + 30 * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  // Not execFileSync: the receiver in this process answers while the CLI delivers. Exit 4: a delivery failed.
  await promisify(execFile)(BIN, ['schedules', 'run', '--db', server.db, '--now', now]).catch((e) => {
    if (e.code !== 4) throw e;
  });
  const { runs } = await api(server, `${WS}/schedules`);
  if (runs.length !== 2) throw new Error(`expected 2 runs, the server has ${JSON.stringify(runs)}`);
}

async function shoot(page, view) {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(900); // chart animations
  const file = path.join(OUT, `${view}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(REPO_DIR, file)}`);
}

// Twelve weeks at the usual hundred tickets a day: enough weeks for the overview's leading and lagging links.
const server = await startServer({ tickets: 9000, days: 84 });
const hooks = await startReceiver();
const browser = await launchBrowser();
try {
  fs.mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${server.url}/#key=${server.analystKey}`);
  await waitForView(page, 'overview');
  await page.waitForSelector('[data-testid=live-indicator][data-state=live]', { timeout: 15000 }).catch(() => {});
  for (const view of VIEWS) {
    if (view === 'sentiment') {
      await postFeedback();
      await page.waitForTimeout(2500); // the open view's redraw for the new data
    }
    await page.click(`[data-testid=nav-${view}]`);
    await waitForView(page, view);
    await shoot(page, view);
  }
  // Targets with an admin key, which shows the forms to set a target and add an alert rule.
  await setTargets();
  await addAlertRules();
  await addSchedules(hooks.url);
  const admin = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await admin.goto(`${server.url}/#key=${server.adminKey}&view=targets`);
  await waitForView(admin, 'targets');
  await admin.waitForSelector('[data-testid=live-indicator][data-state=live]', { timeout: 15000 }).catch(() => {});
  await shoot(admin, 'targets');
  // The Alert rules card, just under the sticky bar of tabs and filters.
  await admin.evaluate(() => {
    const card = document.querySelector('[data-testid=alert-rules-card]');
    const bar = document.querySelector('.subbar');
    window.scrollBy(0, card.getBoundingClientRect().top - bar.getBoundingClientRect().height - 16);
  });
  await shoot(admin, 'alert-rules');
  // The Report schedules card, the same way.
  await admin.evaluate(() => {
    const card = document.querySelector('[data-testid=schedules-card]');
    const bar = document.querySelector('.subbar');
    window.scrollBy(0, card.getBoundingClientRect().top - bar.getBoundingClientRect().height - 16);
  });
  await shoot(admin, 'report-schedules');
} finally {
  await browser.close();
  await server.stop();
  hooks.receiver.close();
}
