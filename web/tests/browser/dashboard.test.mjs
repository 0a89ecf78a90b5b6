// End-to-end test of the dashboard against a real `supportlens serve`, in headless Chromium.
// Run with `npm run test:browser` after `npm run build` (and building the binary).
// SUPPORTLENS_BIN overrides the binary (default ../build/supportlens, relative to web/).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OVERVIEW_KPIS, api, defaultWindow, eventually, launchBrowser, loadFormatters, loadLeadLag, run, startServer, waitForView } from './harness.mjs';

const WS = '/v1/workspaces/default';

/** The Report schedules card's line for everyone, in the workspace's time zone. */
function scheduleNote(tz) {
  return (
    'The server runs each schedule when it is due and delivers its report: a weekly schedule on Mondays, over the week just ended (Monday–Sunday); ' +
    `a monthly one on the 1st, over the month just ended. Hours are the workspace’s local time (${tz}). A failed delivery waits for the next period.`
  );
}

/** A schedule's next run as the card shows it: the local weekday, then the dashboard's instant ("Mon 7 Dec 2026, 06:00"). */
function nextRunText(fmt, iso, tz) {
  return `${new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short' }).format(new Date(iso))} ${fmt.formatInstant(iso, tz)}`;
}

/** The rows of a group of the overview's leading and lagging KPIs as shown: id, name, latest value, move badge. */
function leadLagRows(page, group) {
  return page.$$eval(`[data-testid=lead-lag-${group}] [data-testid=lead-lag-kpi]`, (rows) =>
    rows.map((r) => [r.dataset.kpi, r.querySelector('.ll-name').textContent, r.querySelector('[data-testid=lead-lag-value]').textContent, r.querySelector('[data-testid=lead-lag-move]').textContent]),
  );
}

/** The rows the page gives a group of GET .../lead-lag. */
function expectedLeadLagRows(a, group, fmt, leadlag) {
  return a[group].map((k) => [k.kpi, k.name, fmt.formatKpiValue(leadlag.latestValue(k, a.weeks).value, k.unit), leadlag.moveBadge(leadlag.latestMove(k)).text]);
}

/** The line over the groups: the weeks of an answer. */
function leadLagRangeText(a, fmt) {
  const w = (x) => x.slice(5);
  return `${a.weeks.length} whole weeks, ${fmt.formatWindow(a.from, a.to)} (${w(a.weeks[0])} – ${w(a.weeks[a.weeks.length - 1])}) · the whole workspace: the channel, team and topic filters, the cohort and business time do not apply`;
}

/** Records the page's requests of GET .../lead-lag, newest last. */
function recordLeadLag(page) {
  const seen = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('/lead-lag')) seen.push(url.searchParams);
  });
  return seen;
}

describe('dashboard', { timeout: 240000 }, () => {
  let server;
  let browser;
  let page;
  let fmt;
  let catalog;
  let dims;
  let win;
  let leadlag;
  let leadLagAsked;
  /** GET .../lead-lag as the overview first showed it. */
  let leadLagBefore;

  /** Tile texts the API's report gives for the window and extra query parameters. */
  async function expectedTiles(extra = '') {
    const q = `from=${win.from}&to=${win.to}&kpi=${OVERVIEW_KPIS.join(',')}${extra}`;
    const report = await api(server, `${WS}/report?${q}`);
    const out = {};
    for (const k of OVERVIEW_KPIS) {
      const unit = catalog.find((c) => c.id === k).unit;
      out[k] = fmt.formatKpiValue(report.rows[0].kpis[k]?.value ?? null, unit);
    }
    return { report, texts: out };
  }

  async function tileTexts() {
    const out = {};
    for (const k of OVERVIEW_KPIS) out[k] = (await page.textContent(`[data-testid=tile-${k}] [data-testid=tile-value]`))?.trim();
    return out;
  }

  async function tilesEqual(expected, timeout = 15000) {
    let got;
    const ok = await eventually(
      async () => {
        got = await tileTexts();
        return OVERVIEW_KPIS.every((k) => got[k] === expected[k]);
      },
      { timeout },
    );
    assert.ok(ok, `tiles ${JSON.stringify(got)} != report ${JSON.stringify(expected)}`);
  }

  before(async () => {
    fmt = await loadFormatters();
    server = await startServer({
      beforeServe(db, dir) {
        // A rule the generated data breaks (CSAT is below 99 %), a log file to deliver to, and one
        // check (exit code 3 when a target is breached): the Alerts card has an open alert.
        run(['alerts', 'add', '--db', db, '--kpi', 'csat', '--min', '99']);
        run(['alerts', 'sink', 'add', '--db', db, '--log', path.join(dir, 'alerts.log')]);
        run(['check', '--db', db, '--only-set'], [0, 3]);
      },
    });
    catalog = await api(server, '/v1/kpis');
    dims = await api(server, `${WS}/dimensions`);
    win = defaultWindow(dims, fmt);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    leadlag = await loadLeadLag();
    leadLagAsked = recordLeadLag(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a sign-in form without a key and a clear message for a bad key', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=signin-form]');
    await page.fill('[data-testid=signin-key]', 'sl_not_a_real_key');
    await page.click('[data-testid=signin-submit]');
    const msg = await page.waitForSelector('[data-testid=auth-error]');
    assert.match(await msg.textContent(), /401/);
  });

  it('takes the key from the URL fragment and shows the report in the overview tiles', async () => {
    await page.goto(`${server.url}/#key=${server.analystKey}`);
    await waitForView(page, 'overview');
    assert.ok(!page.url().includes(server.analystKey), 'the key is stripped from the URL');
    const stored = await page.evaluate(() => localStorage.getItem('supportlens.key'));
    assert.equal(stored, server.analystKey);
    const { texts } = await expectedTiles();
    await tilesEqual(texts);
    // Each tile shows a target status.
    const status = await page.getAttribute('[data-testid=tile-csat] [data-testid=tile-status]', 'data-status');
    assert.ok(['met', 'at_risk', 'missed'].includes(status), `csat status ${status}`);
  });

  it('follows the channel filter', async () => {
    const channel = dims.channel.includes('email') ? 'email' : dims.channel[0];
    await page.selectOption('[data-testid=filter-channel]', channel);
    await waitForView(page, 'overview');
    const { texts } = await expectedTiles(`&filter=${encodeURIComponent(`channel=${channel}`)}`);
    const all = await expectedTiles();
    assert.notEqual(texts.ticket_volume, all.texts.ticket_volume, 'the filtered report differs');
    await tilesEqual(texts);
    await page.selectOption('[data-testid=filter-channel]', '');
    await waitForView(page, 'overview');
    await tilesEqual(all.texts);
  });

  it('groups the KPIs of GET .../lead-lag into leading and lagging on the overview, with the moved-first panel', async () => {
    await waitForView(page, 'overview');
    // The default window is the workspace's 4 whole weeks (Monday 5 Jan to Sunday 1 Feb): the page asks
    // for them, which are also the weeks the server takes by itself.
    const range = leadlag.leadLagRange(win, { firstDay: dims.first_day, lastDay: dims.last_day });
    assert.deepEqual(range, { from: dims.first_day, to: win.to });
    const asked = leadLagAsked[leadLagAsked.length - 1];
    assert.deepEqual([asked.get('from'), asked.get('to')], [range.from, range.to]);
    const a = await api(server, `${WS}/lead-lag?from=${range.from}&to=${range.to}`);
    assert.deepEqual(a, await api(server, `${WS}/lead-lag`));
    assert.equal(a.weeks.length, 4);
    leadLagBefore = a;
    assert.equal(await page.textContent('[data-testid=lead-lag-range]'), leadLagRangeText(a, fmt));
    assert.equal(await page.isHidden('[data-testid=lead-lag-note]'), true);

    // Every KPI of each group, in the API's order, with its latest week and newest move.
    assert.ok(a.leading.length >= 10 && a.lagging.length >= 10, `${a.leading.length} leading, ${a.lagging.length} lagging`);
    assert.deepEqual(await leadLagRows(page, 'leading'), expectedLeadLagRows(a, 'leading', fmt, leadlag));
    assert.deepEqual(await leadLagRows(page, 'lagging'), expectedLeadLagRows(a, 'lagging', fmt, leadlag));
    // Ticket volume's latest week is the report's count of the tickets created that week.
    const week = await api(server, `${WS}/report?from=${fmt.addDays(range.to, -7)}&to=${range.to}&kpi=ticket_volume`);
    assert.equal(
      await page.textContent('[data-testid=lead-lag-leading] [data-kpi=ticket_volume] [data-testid=lead-lag-value]'),
      fmt.formatKpiValue(week.rows[0].kpis.ticket_volume.value, 'count'),
    );
    // A worse move is red, a better one green.
    for (const [sense, cls] of [['worse', 'move move-bad'], ['better', 'move move-good']]) {
      const k = [...a.leading, ...a.lagging].find((x) => leadlag.latestMove(x)?.sense === sense);
      assert.ok(k, `a KPI whose newest move is ${sense}`);
      assert.equal(await page.getAttribute(`[data-testid=lead-lag-kpi][data-kpi=${k.kpi}] [data-testid=lead-lag-move]`, 'class'), cls);
    }

    // Four weeks are too few for the lagged correlation: no link, and the panel says why.
    assert.equal(a.links.length, 0);
    const empty = leadlag.linksEmptyText(a);
    const lagMoves = a.lagging.reduce((n, k) => n + k.moves.length, 0);
    assert.ok(lagMoves > 0);
    assert.equal(empty.title, 'No leading KPI moved first');
    assert.equal(await page.textContent('[data-testid=lead-lag-empty] strong'), empty.title);
    assert.equal(
      await page.textContent('[data-testid=lead-lag-empty] span'),
      `${lagMoves} lagging moves in these 4 weeks, none preceded 1 to 3 weeks earlier by a leading move the same way that the weekly values bear out. A link needs 6 weeks or more to correlate; these are 4.`,
    );
  });

  it('shows the latest weeks when the window ends within two weeks of the data, and says so', async () => {
    // The window 5 .. 13 Jan holds one whole week: too few, so the page asks for the default weeks.
    const lastDay = fmt.addDays(dims.first_day, 8);
    assert.equal(leadlag.leadLagRange({ from: dims.first_day, to: fmt.addDays(lastDay, 1) }, { firstDay: dims.first_day, lastDay: dims.last_day }), null);
    const before = leadLagAsked.length;
    await page.fill('[data-testid=filter-from]', dims.first_day);
    await waitForView(page, 'overview');
    await page.fill('[data-testid=filter-to]', lastDay);
    await waitForView(page, 'overview');
    const asked = leadLagAsked[leadLagAsked.length - 1];
    assert.ok(leadLagAsked.length > before);
    assert.deepEqual([asked.get('from'), asked.get('to')], [null, null]);
    assert.equal(await page.isVisible('[data-testid=lead-lag-note]'), true);
    assert.match(await page.textContent('[data-testid=lead-lag-note]'), /less than two whole weeks into the data/);
    assert.equal(await page.textContent('[data-testid=lead-lag-range]'), leadLagRangeText(await api(server, `${WS}/lead-lag`), fmt));
    await page.selectOption('[data-testid=filter-range]', '28');
    await waitForView(page, 'overview');
    assert.equal(await page.isHidden('[data-testid=lead-lag-note]'), true);
  });

  it('drills down from a breakdown to its rows', async () => {
    const row = page.locator('[data-testid=breakdown-channel] [data-testid=breakdown-row]').first();
    const name = (await row.locator('td').first().textContent()).trim().toLowerCase();
    await row.click();
    await page.waitForSelector('[data-testid=drill-panel]:not([hidden]) [data-testid=drill-row]');
    const report = await api(server, `${WS}/report?from=${win.from}&to=${win.to}&kpi=ticket_volume&filter=${encodeURIComponent(`channel=${name}`)}`);
    const count = await page.textContent('[data-testid=drill-count]');
    assert.ok(count.startsWith(fmt.formatCount(report.rows[0].kpis.ticket_volume.value)), `drill count "${count}"`);
    await page.click('[data-testid=drill-close]');
    assert.equal(await page.isHidden('[data-testid=drill-panel]'), true);
  });

  it('drills down from a chart to its rows', async () => {
    await page.click('[data-testid=nav-volume]');
    await waitForView(page, 'volume');
    const canvas = page.locator('[data-testid=chart-hour-heatmap] canvas').first();
    const box = await canvas.boundingBox();
    // The heatmap grid: left 44, right 16, top 8, bottom 64; Tuesday (row 2 of 7), 10:00 (column 11 of 24).
    const x = 44 + ((10 + 0.5) / 24) * (box.width - 60);
    const y = 8 + ((1 + 0.5) / 7) * (box.height - 72);
    await canvas.click({ position: { x, y } });
    await page.waitForSelector('[data-testid=drill-panel]:not([hidden]) [data-testid=drill-row]', { timeout: 15000 });
    const title = await page.textContent('[data-testid=drill-title]');
    assert.match(title, /Tue 10:00/);
    const rows = await page.locator('[data-testid=drill-row]').count();
    assert.ok(rows > 0);
    const href = await page.getAttribute('[data-testid=drill-export-csv]', 'href');
    assert.match(href, /rows\.csv\?.*access_token=/);
    await page.click('[data-testid=drill-close]');
  });

  it('exports CSV equal to the API export.csv', async () => {
    await page.click('[data-testid=nav-overview]');
    await waitForView(page, 'overview');
    const link = page.locator('[data-testid=chart-channel-breakdown] [data-testid=export-csv]');
    const href = await link.getAttribute('href');
    assert.match(href, /access_token=/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = await download.path();
    const got = fs.readFileSync(file, 'utf8');
    const kpis = ['ticket_volume', 'first_reply_time', 'resolution_time', 'fcr_rate', 'csat', 'sla_compliance'];
    const want = await api(server, `${WS}/export.csv?from=${win.from}&to=${win.to}&kpi=${kpis.join(',')}&by=channel`);
    assert.ok(want.length > 0);
    assert.equal(got, want);
  });

  it('updates the tiles live when a ticket arrives', async () => {
    await page.waitForSelector('[data-testid=live-indicator][data-state=live]', { timeout: 15000 });
    const before = await expectedTiles();
    await tilesEqual(before.texts);
    const cols = server.ticketColumns;
    const record = {
      ticket_id: 'T-LIVE-0001',
      created_at: `${dims.last_day}T10:00:00Z`,
      channel: dims.channel[0] ?? 'email',
      customer_id: server.sampleTicket.customer_id,
    };
    if (cols.includes('priority')) record.priority = 'normal';
    if (cols.includes('subject')) record.subject = 'Live update check';
    const res = await fetch(`${server.url}${WS}/tickets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.ingestKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [record] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const body = await res.json();
    assert.equal(body.inserted, 1);
    const want = fmt.formatKpiValue(before.report.rows[0].kpis.ticket_volume.value + 1, 'count');
    const got = await eventually(async () => ((await page.textContent('[data-testid=tile-ticket_volume] [data-testid=tile-value]')).trim() === want ? want : null), {
      timeout: 8000,
    });
    assert.equal(got, want, 'ticket_volume tile follows the live stream');
    const after = await expectedTiles();
    await tilesEqual(after.texts);
    assert.match(await page.textContent('[data-testid=live-indicator]'), /updated \d\d:\d\d:\d\d/);
  });

  it('reads the leading and lagging weeks again when the live stream reports new data', async () => {
    // The ticket posted above was created on the last day: its week counts one more.
    const a = await api(server, `${WS}/lead-lag?from=${leadLagBefore.from}&to=${leadLagBefore.to}`);
    const volume = (x) => leadlag.latestValue(x.leading.find((k) => k.kpi === 'ticket_volume'), x.weeks).value;
    assert.equal(volume(a), volume(leadLagBefore) + 1);
    const want = fmt.formatKpiValue(volume(a), 'count');
    const sel = '[data-testid=lead-lag-leading] [data-kpi=ticket_volume] [data-testid=lead-lag-value]';
    const got = await eventually(async () => ((await page.textContent(sel)) === want ? want : null), { timeout: 10000 });
    assert.equal(got, want, 'the ticket volume row follows the live stream');
    assert.deepEqual(await leadLagRows(page, 'leading'), expectedLeadLagRows(a, 'leading', fmt, leadlag));
  });

  it('shows the contact center figures of the API report and the staffing plan', async () => {
    await page.click('[data-testid=nav-contact]');
    await waitForView(page, 'contact');
    const kpis = ['offered_calls', 'service_level', 'abandonment_rate'];
    const report = await api(server, `${WS}/report?from=${win.from}&to=${win.to}&kpi=${kpis.join(',')}`);
    const offered = report.rows[0].kpis.offered_calls.value;
    assert.ok(offered > 0, 'the generated workspace has calls');
    for (const k of kpis) {
      const unit = catalog.find((c) => c.id === k).unit;
      const got = (await page.textContent(`[data-testid=tile-${k}] [data-testid=tile-value]`)).trim();
      assert.equal(got, fmt.formatKpiValue(report.rows[0].kpis[k].value, unit), `${k} tile`);
    }
    const sl = catalog.find((c) => c.id === 'service_level');
    const status = await page.getAttribute('[data-testid=tile-service_level] [data-testid=tile-status]', 'data-status');
    assert.equal(status, fmt.targetStatus(report.rows[0].kpis.service_level.value, sl.default_target, sl.unit));

    const queues = await api(server, `${WS}/report?from=${win.from}&to=${win.to}&kpi=offered_calls&by=queue`);
    const withCalls = queues.rows.filter((r) => (r.kpis.offered_calls.value ?? 0) > 0);
    assert.equal(await page.locator('[data-testid=queue-row]').count(), withCalls.length);

    // The window covers four weeks: the plan is drawn, with the backtest error beside the baseline's.
    const plan = await api(server, `${WS}/staffing-plan?from=${win.from}&to=${win.to}&interval=30min&horizon_days=7&target_sl=${sl.default_target.value}&target_seconds=20&shrinkage=0.3`);
    await page.waitForSelector('[data-testid=plan-accuracy]', { timeout: 15000 });
    const accuracy = await page.textContent('[data-testid=plan-accuracy]');
    assert.ok(accuracy.includes(fmt.formatPercent(plan.forecast.wape)), accuracy);
    assert.ok(accuracy.includes(fmt.formatPercent(plan.forecast.baseline.wape)), accuracy);
    assert.equal(await page.locator('[data-testid=plan-empty]').count(), 0);

    // A window under two weeks says why there is no plan.
    const last = fmt.addDays(win.to, -1);
    await page.fill('[data-testid=filter-from]', fmt.addDays(last, -6));
    await page.dispatchEvent('[data-testid=filter-from]', 'change');
    await waitForView(page, 'contact');
    await page.waitForSelector('[data-testid=plan-empty]', { timeout: 15000 });
    assert.match(await page.textContent('[data-testid=plan-empty]'), /at least two weeks of call history/);
    await page.selectOption('[data-testid=filter-range]', '28');
    await waitForView(page, 'contact');

    // A queue row drills down to that queue's calls.
    await page.locator('[data-testid=queue-row]').first().click();
    await page.waitForSelector('[data-testid=drill-panel]:not([hidden]) [data-testid=drill-row]', { timeout: 15000 });
    assert.match(await page.textContent('[data-testid=drill-title]'), /Offered calls/);
    await page.click('[data-testid=drill-close]');
  });

  it('shows the sentiment figures and lists of the API on the Sentiment page', async () => {
    await page.click('[data-testid=nav-sentiment]');
    await waitForView(page, 'sentiment');
    const entry = catalog.find((c) => c.id === 'sentiment_score');
    const report = await api(server, `${WS}/report?from=${win.from}&to=${win.to}&kpi=sentiment_score`);
    const fig = report.rows[0].kpis.sentiment_score;
    assert.ok(fig.n > 0, 'the generated workspace has customer messages');
    const stat = async (id) => (await page.textContent(`[data-testid=stat-${id}] [data-testid=stat-value]`)).trim();
    assert.equal(await stat('sentiment_score'), fmt.formatKpiValue(fig.value, entry.unit));
    assert.equal(await page.getAttribute('[data-testid=stat-sentiment_score] [data-testid=stat-status]', 'data-status'), fmt.targetStatus(fig.value, entry.default_target, entry.unit));
    assert.equal(await stat('negative_pct'), fmt.formatPercent(fig.negative_pct));
    assert.equal(await stat('positive_pct'), fmt.formatPercent(fig.positive_pct));
    assert.equal(await stat('messages'), fmt.formatCount(fig.n));

    // The open tickets, most negative first, as the API lists them.
    const open = await api(server, `${WS}/sentiment/tickets?from=${win.from}&to=${win.to}&open=true&limit=20`);
    assert.ok(open.tickets.length > 0);
    const rows = page.locator('[data-testid=negative-ticket-row]');
    assert.equal(await rows.count(), open.tickets.length);
    const first = open.tickets[0];
    const cells = (await rows.first().locator('td').allTextContents()).map((t) => t.trim());
    assert.equal(cells[0], first.ticket_id);
    assert.equal(cells[3], fmt.formatScore(first.score));
    assert.equal(cells[4], `${fmt.formatScore(first.first_score)} → ${fmt.formatScore(first.last_score)} (${fmt.formatTrend(first.trend)})`);
    assert.equal(cells[5], String(first.messages.length));
    // Its CSV, made in the browser, holds the same tickets in the same order.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=table-negative-tickets] [data-testid=export-csv]')]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'ticket_id,created_at,channel,topic,customer_id,agent,score,first_score,last_score,trend,messages');
    assert.deepEqual(csv.slice(1).map((l) => l.split(',')[0]), open.tickets.map((t) => t.ticket_id));
    assert.equal(csv[1].split(',')[6], String(first.score));
    const customers = await api(server, `${WS}/sentiment/customers?from=${win.from}&to=${win.to}&limit=10`);
    assert.equal(await page.locator('[data-testid=watch-customer-row]').count(), customers.customers.length);

    // Four weeks before the default window hold no tickets; a 7-day window has four weeks before it.
    const none = await api(server, `${WS}/phrases?from=${win.from}&to=${win.to}&previous=4`);
    assert.equal(none.previous_tickets, 0);
    assert.match(await page.textContent('[data-testid=phrases-empty]'), /No earlier tickets to compare with/);
    await page.selectOption('[data-testid=filter-range]', '7');
    await waitForView(page, 'sentiment');
    const week = { from: fmt.addDays(dims.last_day, -6), to: win.to };
    const rising = await api(server, `${WS}/phrases?from=${week.from}&to=${week.to}&previous=4`);
    assert.ok(rising.rising.length > 0, 'phrases rise in the last week');
    assert.equal(await page.locator('[data-testid=phrase-row]').count(), rising.rising.length);
    const top = [...rising.rising].sort((a, b) => b.change - a.change)[0];
    const phrase = (await page.locator('[data-testid=phrase-row]').first().locator('td').allTextContents()).map((t) => t.trim());
    assert.deepEqual(phrase, [top.phrase, fmt.formatCount(top.tickets), fmt.formatPercent(top.share), fmt.formatPercent(top.previous_share), fmt.formatPoints(top.change)]);
    await page.selectOption('[data-testid=filter-range]', '28');
    await waitForView(page, 'sentiment');
  });

  it('lists negative feedback posted through the API within a second', async () => {
    await page.waitForSelector('[data-testid=live-indicator][data-state=live]', { timeout: 15000 });
    await page.waitForSelector('[data-testid=followup-card] [data-testid=followup-empty], [data-testid=followup-list]');
    const before = (await api(server, `${WS}/report?from=${win.from}&to=${win.to}&kpi=sentiment_score`)).rows[0].kpis.sentiment_score;
    const record = {
      event_id: 'E-LIVE-FEEDBACK-1',
      ticket_id: server.sampleTicket.ticket_id,
      at: `${dims.last_day}T12:00:00Z`,
      type: 'message',
      actor_kind: 'customer',
      actor_id: server.sampleTicket.customer_id,
      text: 'This is the worst service, I am furious',
    };
    const res = await fetch(`${server.url}${WS}/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.ingestKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [record] }),
    });
    const answered = Date.now();
    const row = await page.waitForSelector(`[data-testid=followup-row][data-id="${record.event_id}"]`, { timeout: 5000 });
    const latency = Date.now() - answered;
    console.log(`follow-up row visible ${latency} ms after the POST answered`);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).inserted, 1);
    assert.ok(latency < 1000, `follow-up row after ${latency} ms`);

    // The row shows the API's item.
    const item = (await api(server, `${WS}/feedback`)).items.find((x) => x.id === record.event_id);
    assert.equal(item.kind, 'message');
    const cells = (await row.$$eval('td', (tds) => tds.map((td) => td.textContent.trim())));
    assert.deepEqual(cells.slice(0, 4), ['Message', record.ticket_id, record.text, fmt.formatScore(item.score)]);
    assert.ok(item.score <= 25, `strongly negative: ${item.score}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=followup-card] [data-testid=export-csv]')]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    assert.ok(csv.includes(`${item.seq},Message,${record.event_id},${record.ticket_id},,${record.at},${item.received_at},${item.score},${item.compound},"${record.text}"`), csv);

    // The redraw that follows the new data keeps the row, and the tiles count the message.
    const after = (await api(server, `${WS}/report?from=${win.from}&to=${win.to}&kpi=sentiment_score`)).rows[0].kpis.sentiment_score;
    assert.equal(after.n, before.n + 1);
    const want = fmt.formatCount(after.n);
    const got = await eventually(async () => ((await page.textContent('[data-testid=stat-messages] [data-testid=stat-value]')).trim() === want ? want : null), { timeout: 8000 });
    assert.equal(got, want, 'the messages tile follows the live stream');
    assert.equal((await page.textContent('[data-testid=stat-sentiment_score] [data-testid=stat-value]')).trim(), fmt.formatKpiValue(after.value, catalog.find((c) => c.id === 'sentiment_score').unit));
    assert.equal(await page.locator(`[data-testid=followup-row][data-id="${record.event_id}"]`).count(), 1);
  });

  /** The cells of the Targets page's rows, and the texts the page gives the API's status rows (breached first). */
  async function targetCells(p) {
    return p.$$eval('[data-testid=target-row]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  }
  const RANK = { breached: 0, at_risk: 1, on_track: 2, no_data: 3 };
  const STATE = { breached: 'Breached', at_risk: 'At risk', on_track: 'On track', no_data: 'No data' };
  function targetTexts(rows) {
    return [...rows]
      .sort((a, b) => RANK[a.status] - RANK[b.status])
      .map((x) => {
        const entry = catalog.find((c) => c.id === x.kpi);
        return [
          entry.name,
          fmt.formatScope(x.scope),
          fmt.formatTargetText(x.target, entry.unit),
          fmt.formatKpiValue(x.actual, entry.unit),
          fmt.formatCount(x.n),
          STATE[x.status],
          x.deadline ? fmt.formatKpiValue(x.projected, entry.unit) : '',
          x.deadline ? fmt.formatDay(x.deadline) : '',
          x.source === 'set' ? 'Set' : 'Default',
          x.reason,
        ];
      });
  }

  it('lists the target statuses of the API on the Targets page, without the form for an analyst', async () => {
    await page.click('[data-testid=nav-targets]');
    await waitForView(page, 'targets');
    assert.equal(await page.locator('[data-testid=target-form]').count(), 0);
    assert.match(await page.textContent('[data-testid=targets-readonly]'), /managed by admins/);
    const check = await api(server, `${WS}/targets/status?from=${win.from}&to=${win.to}&only_set=false`);
    assert.deepEqual([check.from, check.to], [win.from, win.to]);
    assert.ok(check.targets.some((x) => x.status === 'breached') && check.targets.some((x) => x.status === 'on_track'), 'the workspace has breached and met targets');
    const want = targetTexts(check.targets);
    assert.deepEqual(await targetCells(page), want);
    assert.equal(await page.getAttribute('[data-testid=target-row] [data-testid=target-status]', 'class'), 'status status-missed');
    // Its CSV, made in the browser, holds the API's values in the same order.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=targets-card] [data-testid=export-csv]')]);
    const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'kpi,scope,target,actual,n,status,projected,deadline,source,reason');
    const ordered = [...check.targets].sort((a, b) => RANK[a.status] - RANK[b.status]);
    const scope = (s) => (s ? Object.entries(s).map(([d, v]) => `${d}=${v}`)[0] : '');
    assert.deepEqual(
      csv.slice(1).map((l) => l.split(',').slice(0, 6)),
      ordered.map((x) => [x.kpi, scope(x.scope), x.target, x.actual === null ? '' : String(x.actual), String(x.n), x.status]),
    );
    // No target is set yet: "Only targets set" leaves none.
    assert.equal((await api(server, `${WS}/targets/status?from=${win.from}&to=${win.to}&only_set=true`)).targets.length, 0);
    await page.check('[data-testid=targets-only-set]');
    await page.waitForSelector('[data-testid=targets-empty]');
    await page.uncheck('[data-testid=targets-only-set]');
    await page.waitForSelector('[data-testid=target-row]');
    assert.equal(await page.locator('[data-testid=target-row]').count(), want.length);
  });

  it('lists the alerts of the API on the Targets page, open first, with their deliveries', async () => {
    await page.click('[data-testid=nav-targets]');
    await waitForView(page, 'targets');
    const { alerts } = await api(server, `${WS}/alerts`);
    assert.equal(alerts.length, 1, JSON.stringify(alerts));
    const [alert] = alerts;
    assert.deepEqual([alert.rule, alert.kpi, alert.scope, alert.closed_at], ['rule:1', 'csat', '', null]);
    assert.match(alert.message, /^csat over the 7 days to \d{4}-\d\d-\d\d is [\d.]+ \(>= 99 expected\)$/);
    assert.deepEqual(alert.deliveries.map((d) => [d.event, d.status, d.attempts, d.error]), [['alert', 'delivered', 1, '']]);
    const cells = await page.$$eval('[data-testid=alerts-row]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
    assert.deepEqual(cells, [
      [
        'Open',
        catalog.find((c) => c.id === 'csat').name,
        'Workspace',
        fmt.formatInstant(alert.opened_at, dims.timezone),
        '',
        fmt.formatKpiValue(alert.value, 'percent'),
        alert.message,
        '1 delivered',
      ],
    ]);
    assert.equal(await page.getAttribute('[data-testid=alerts-row] [data-testid=alert-state]', 'class'), 'status status-missed');
    assert.equal(await page.getAttribute('[data-testid=alerts-row] [data-testid=alert-deliveries]', 'title'), null, 'no error to show');
    // Its CSV, made in the browser, holds the API's raw values.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=alerts-card] [data-testid=export-csv]')]);
    assert.deepEqual(fs.readFileSync(await download.path(), 'utf8').trim().split('\n'), [
      'id,rule,kpi,scope,state,opened_at,closed_at,value,message,delivered,dead,last_error',
      `${alert.id},rule:1,csat,,open,${alert.opened_at},,${alert.value},${alert.message},1,0,`,
    ]);
  });

  /** The cells of the rows of the Alert rules card's rule (or sink) table. */
  function ruleCells(p, row = 'alert-rule-row') {
    return p.$$eval(`[data-testid=${row}]`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  }

  it('lists the alert rules and sinks of the API on the Targets page, without the forms for an analyst', async () => {
    await page.click('[data-testid=nav-targets]');
    await waitForView(page, 'targets');
    const { rules, sinks } = await api(server, `${WS}/alerts/rules`);
    // The rule and the log file added before the server started.
    assert.deepEqual(rules, [{ id: 1, kpi: 'csat', scope: null, kind: 'threshold', op: '>=', value: 99, days: 7 }]);
    assert.deepEqual(sinks, [{ id: 1, kind: 'log', target: path.join(server.dir, 'alerts.log') }]);
    assert.deepEqual(await ruleCells(page), [['1', catalog.find((c) => c.id === 'csat').name, 'Workspace', 'Threshold', `Below ${fmt.formatKpiValue(99, 'percent')}`, 'Last 7 days']]);
    assert.deepEqual(await ruleCells(page, 'alert-sink-row'), [['1', 'Log file', sinks[0].target]]);
    assert.equal(await page.locator('[data-testid=rule-form], [data-testid=sink-form], [data-testid=rule-delete], [data-testid=sink-delete]').count(), 0);
    assert.match(await page.textContent('[data-testid=rules-readonly]'), /managed by admins/);
  });

  it('sets a target through the form with an admin key, shows its breach, and deletes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await context.newPage();
    admin.on('pageerror', (e) => console.error('page error (admin):', e.message));
    try {
      await admin.goto(`${server.url}/#key=${server.adminKey}&view=targets`);
      await waitForView(admin, 'targets');
      assert.equal(await admin.locator('[data-testid=targets-readonly]').count(), 0);
      assert.equal(await admin.locator('[data-testid=target-delete]').count(), 0, 'no target set yet');
      const channel = dims.channel.includes('chat') ? 'chat' : dims.channel[0];
      await admin.selectOption('[data-testid=target-kpi]', 'csat');
      await admin.selectOption('[data-testid=target-scope-dim]', 'channel');
      await admin.selectOption('[data-testid=target-scope-value]', channel);
      await admin.fill('[data-testid=target-min]', '99');
      assert.equal(await admin.textContent('[data-testid=target-preview]'), `Sets ${catalog.find((c) => c.id === 'csat').name} ${fmt.formatTarget({ op: '>=', value: 99 }, 'percent')} for ${fmt.formatScope({ channel })}.`);
      await admin.click('[data-testid=target-submit]');
      await admin.waitForSelector('[data-testid=target-done]');

      // The API stored it and finds it breached; the table shows that row among the breached ones.
      const set = await api(server, `${WS}/targets?set_only=true`);
      assert.deepEqual(set.targets.map((x) => [x.kpi, x.scope, x.op, x.value, x.source]), [['csat', { channel }, '>=', 99, 'set']]);
      const check = await api(server, `${WS}/targets/status?from=${win.from}&to=${win.to}&only_set=true`);
      assert.equal(check.targets.length, 1);
      assert.equal(check.targets[0].status, 'breached');
      await admin.waitForSelector('[data-testid=target-row] [data-testid=target-delete]');
      const cells = await targetCells(admin);
      const at = cells.findIndex((c) => c[8] === 'Set');
      assert.deepEqual(cells[at].slice(0, 10), targetTexts(check.targets)[0]);
      assert.ok(cells.slice(0, at + 1).every((c) => c[5] === 'Breached'), 'breached rows come first');

      // A minimum above the maximum: the API's 400 message, and nothing changes.
      await admin.fill('[data-testid=target-max]', '80');
      await admin.click('[data-testid=target-submit]');
      const error = (await (await admin.waitForSelector('[data-testid=target-error]')).textContent()).trim();
      const res = await fetch(`${server.url}${WS}/targets`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kpi: 'csat', scope: { channel }, min: 99, max: 80, warning_pct: 5 }),
      });
      assert.equal(res.status, 400);
      assert.equal(error, (await res.json()).error.message);
      assert.equal((await api(server, `${WS}/targets?set_only=true`)).targets.length, 1);

      await admin.click('[data-testid=target-row] [data-testid=target-delete]');
      await admin.waitForSelector('[data-testid=target-done]:text("Deleted")');
      await admin.waitForSelector('[data-testid=target-delete]', { state: 'detached' });
      assert.equal((await targetCells(admin)).filter((c) => c[8] === 'Set').length, 0);
      assert.equal((await api(server, `${WS}/targets?set_only=true`)).targets.length, 0);
      // An analyst key may read targets but not change them.
      const denied = await fetch(`${server.url}${WS}/targets`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${server.analystKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kpi: 'csat', min: 99 }),
      });
      assert.equal(denied.status, 403);
    } finally {
      await context.close();
    }
  });

  it('adds an alert rule and a webhook through the forms with an admin key, and deletes both', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await context.newPage();
    admin.on('pageerror', (e) => console.error('page error (admin):', e.message));
    const post = (what, body) =>
      fetch(`${server.url}${WS}/alerts/${what}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const del = (what, key = server.adminKey) => fetch(`${server.url}${WS}/alerts/${what}`, { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } });
    try {
      await admin.goto(`${server.url}/#key=${server.adminKey}&view=targets`);
      await waitForView(admin, 'targets');
      assert.equal(await admin.locator('[data-testid=rules-readonly]').count(), 0);
      assert.equal(await admin.locator('[data-testid=alert-rule-row]').count(), 1);

      // First reply time on chat rising by more than 25 % over 14 days against the 14 before.
      const channel = dims.channel.includes('chat') ? 'chat' : dims.channel[0];
      const frt = catalog.find((c) => c.id === 'first_reply_time');
      assert.equal(frt.direction, 'lower_is_better');
      await admin.selectOption('[data-testid=rule-kpi]', 'first_reply_time');
      await admin.selectOption('[data-testid=rule-scope-dim]', 'channel');
      await admin.selectOption('[data-testid=rule-scope-value]', channel);
      await admin.selectOption('[data-testid=rule-kind]', 'change');
      assert.equal(await admin.isHidden('[data-testid=rule-value]'), true, 'a change rule has no bound');
      await admin.fill('[data-testid=rule-percent]', '25');
      await admin.fill('[data-testid=rule-days]', '14');
      const line = `${frt.name} · ${fmt.formatScope({ channel })}: rises by more than 25% · last 14 days against the 14 before`;
      assert.equal(await admin.textContent('[data-testid=rule-preview]'), `Adds an alert on ${line}.`);
      await admin.click('[data-testid=rule-submit]');
      const done = await admin.waitForSelector('[data-testid=rule-done]');
      const { rules } = await api(server, `${WS}/alerts/rules`);
      assert.equal(rules.length, 2);
      const added = rules[1];
      assert.deepEqual(added, { id: added.id, kpi: 'first_reply_time', scope: { channel }, kind: 'change', op: '', value: 25, days: 14 });
      assert.equal((await done.textContent()).trim(), `Added the rule ${added.id}: ${line}.`);
      await admin.waitForSelector(`[data-testid=alert-rule-row] [data-testid=rule-delete][data-id="${added.id}"]`);
      assert.deepEqual((await ruleCells(admin))[1], [String(added.id), frt.name, fmt.formatScope({ channel }), 'Change', 'Rises by more than 25%', 'Last 14 days against the 14 before', 'Delete']);

      // An anomaly with 5 days of history: the API's 400 message, and nothing is added.
      await admin.selectOption('[data-testid=rule-kind]', 'anomaly');
      await admin.fill('[data-testid=rule-days]', '5');
      await admin.click('[data-testid=rule-submit]');
      const error = (await (await admin.waitForSelector('[data-testid=rule-error]')).textContent()).trim();
      const res = await post('rules', { kpi: 'first_reply_time', scope: { channel }, kind: 'anomaly', days: 5 });
      assert.equal(res.status, 400);
      assert.equal(error, (await res.json()).error.message);
      assert.match(error, /^days: /, 'the message names the field');
      assert.equal((await api(server, `${WS}/alerts/rules`)).rules.length, 2);

      // The log file added on the server's machine is listed with its Delete button; the form adds
      // webhooks only, and says how a log file is added.
      const logFile = path.join(server.dir, 'alerts.log');
      assert.deepEqual(await ruleCells(admin, 'alert-sink-row'), [['1', 'Log file', logFile, 'Delete']]);
      assert.equal(await admin.locator('[data-testid=sink-kind]').count(), 0);
      assert.equal(await admin.textContent('[data-testid=sink-log-note]'), "A log file is set up on the server's machine: supportlens alerts sink add --log FILE.");
      const refused = await post('sinks', { kind: 'log', target: 'other.log' });
      assert.equal(refused.status, 400);
      assert.match((await refused.json()).error.message, /^kind: /);

      // A webhook: its secret is typed into a password field and never listed.
      assert.equal(await admin.getAttribute('[data-testid=sink-secret]', 'type'), 'password');
      const hook = 'http://127.0.0.1:9/supportlens';
      await admin.fill('[data-testid=sink-target]', hook);
      await admin.fill('[data-testid=sink-secret]', 'S3CRET');
      await admin.click('[data-testid=sink-submit]');
      const sinkDone = await admin.waitForSelector('[data-testid=sink-done]');
      const { sinks } = await api(server, `${WS}/alerts/rules`);
      assert.deepEqual(sinks.map((x) => [x.kind, x.target, 'secret' in x]), [['log', logFile, false], ['webhook', hook, false]]);
      const hookId = sinks[1].id;
      assert.equal((await sinkDone.textContent()).trim(), `Added the sink ${hookId}: Webhook ${hook}.`);
      await admin.waitForSelector(`[data-testid=alert-sink-row] [data-testid=sink-delete][data-id="${hookId}"]`);
      assert.deepEqual(await ruleCells(admin, 'alert-sink-row'), [['1', 'Log file', logFile, 'Delete'], [String(hookId), 'Webhook', hook, 'Delete']]);
      assert.equal(await admin.inputValue('[data-testid=sink-secret]'), '');
      assert.equal((await admin.content()).includes('S3CRET'), false);
      // A webhook without a secret: the form says so before asking the API.
      await admin.fill('[data-testid=sink-target]', hook);
      await admin.click('[data-testid=sink-submit]');
      assert.equal((await (await admin.waitForSelector('[data-testid=sink-error]')).textContent()).trim(), 'Give the secret that signs the payloads.');
      // A URL without its scheme: the browser lets it through and the API's 400 message shows.
      await admin.fill('[data-testid=sink-target]', 'hooks.example.com/support');
      await admin.fill('[data-testid=sink-secret]', 'S3CRET');
      await admin.click('[data-testid=sink-submit]');
      const badUrl = await post('sinks', { kind: 'webhook', target: 'hooks.example.com/support', secret: 'S3CRET' });
      assert.equal(badUrl.status, 400);
      const badMessage = (await badUrl.json()).error.message;
      const shownBad = await eventually(async () => ((await admin.textContent('[data-testid=sink-error]')).trim() === badMessage ? badMessage : null));
      assert.equal(shownBad, badMessage);
      assert.equal((await api(server, `${WS}/alerts/rules`)).sinks.length, 2);

      // An analyst key may not delete a sink; the webhook's Delete button does, and the list follows.
      assert.equal((await del(`sinks/${hookId}`, server.analystKey)).status, 403);
      await admin.click(`[data-testid=sink-delete][data-id="${hookId}"]`);
      assert.equal((await (await admin.waitForSelector('[data-testid=sink-done]:text("Deleted")')).textContent()).trim(), `Deleted the sink ${hookId} (Webhook ${hook}).`);
      await admin.waitForSelector(`[data-testid=sink-delete][data-id="${hookId}"]`, { state: 'detached' });
      assert.deepEqual((await api(server, `${WS}/alerts/rules`)).sinks, [{ id: 1, kind: 'log', target: logFile }]);
      assert.deepEqual(await ruleCells(admin, 'alert-sink-row'), [['1', 'Log file', logFile, 'Delete']]);
      assert.equal((await del(`sinks/${hookId}`)).status, 404);

      await admin.click(`[data-testid=rule-delete][data-id="${added.id}"]`);
      await admin.waitForSelector('[data-testid=rule-done]:text("Deleted")');
      await admin.waitForSelector(`[data-testid=rule-delete][data-id="${added.id}"]`, { state: 'detached' });
      assert.deepEqual((await api(server, `${WS}/alerts/rules`)).rules.map((x) => x.id), [1]);
      assert.deepEqual((await ruleCells(admin)).map((c) => c[0]), ['1']);
      // An analyst key may read the rules but not add one.
      const denied = await fetch(`${server.url}${WS}/alerts/rules`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.analystKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ kpi: 'csat', kind: 'threshold', min: 90 }),
      });
      assert.equal(denied.status, 403);
    } finally {
      await context.close();
    }
  });

  it('adds a report schedule to a webhook through the form with an admin key, refuses a folder without a reports folder, and deletes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const admin = await context.newPage();
    admin.on('pageerror', (e) => console.error('page error (admin):', e.message));
    const post = (body, key = server.adminKey) =>
      fetch(`${server.url}${WS}/schedules`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const del = (id, key = server.adminKey) => fetch(`${server.url}${WS}/schedules/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } });
    const tz = dims.timezone;
    try {
      await admin.goto(`${server.url}/#key=${server.adminKey}&view=targets`);
      await waitForView(admin, 'targets');
      // Nothing scheduled yet; the line for everyone says who runs the schedules and over which period.
      assert.deepEqual(await api(server, `${WS}/schedules`), { schedules: [], runs: [] });
      await admin.waitForSelector('[data-testid=schedules-empty]');
      assert.equal((await admin.textContent('[data-testid=schedule-runs-empty]')).trim(), 'No runs yet: a schedule first runs at its next run above.');
      assert.equal(await admin.textContent('[data-testid=schedules-note]'), scheduleNote(tz));
      assert.equal(await admin.locator('[data-testid=schedules-readonly]').count(), 0);

      // The monthly satisfaction report as PDF on the 1st at 07:00, to a webhook with its secret.
      assert.equal(await admin.getAttribute('[data-testid=schedule-secret]', 'type'), 'password');
      assert.equal(await admin.isHidden('[data-testid=schedule-folder]'), true, 'a webhook has no folder');
      const hook = 'http://127.0.0.1:9/reports';
      const secret = 'REPORT-S3CRET';
      await admin.selectOption('[data-testid=schedule-template]', 'monthly-satisfaction');
      await admin.selectOption('[data-testid=schedule-every]', 'month');
      await admin.selectOption('[data-testid=schedule-format]', 'pdf');
      await admin.selectOption('[data-testid=schedule-hour]', '7');
      await admin.selectOption('[data-testid=schedule-deliver]', 'webhook');
      await admin.fill('[data-testid=schedule-webhook]', hook);
      await admin.fill('[data-testid=schedule-secret]', secret);
      const line = `Monthly satisfaction report as PDF on the 1st at 07:00, over the month just ended, to the webhook ${hook}`;
      assert.equal(await admin.textContent('[data-testid=schedule-preview]'), `Sends the ${line}.`);
      await admin.click('[data-testid=schedule-submit]');
      const done = await admin.waitForSelector('[data-testid=schedule-done]');
      const { schedules } = await api(server, `${WS}/schedules`);
      assert.equal(schedules.length, 1);
      const [added] = schedules;
      assert.deepEqual(added, { id: added.id, template: 'monthly-satisfaction', every: 'month', format: 'pdf', hour: 7, deliver: 'webhook', target: hook, next_run: added.next_run });
      assert.equal((await done.textContent()).trim(), `Added the schedule ${added.id}: ${line}.`);
      await admin.waitForSelector(`[data-testid=schedule-row] [data-testid=schedule-delete][data-id="${added.id}"]`);
      // Its next run is the 1st of a month at 07:00 in the workspace's time zone.
      const next = nextRunText(fmt, added.next_run, tz);
      assert.match(next, /^\w{3} 1 \w{3} \d{4}, 07:00$/);
      const row = [String(added.id), 'Monthly satisfaction report', 'on the 1st at 07:00', 'PDF', `Webhook ${hook}`, next];
      assert.deepEqual(await ruleCells(admin, 'schedule-row'), [[...row, 'Delete']]);
      assert.equal(await admin.getAttribute('[data-testid=schedule-row] [data-testid=schedule-timing]', 'title'), 'Reports the month just ended');
      // The secret leaves the field and appears nowhere: not in the page, not in the API's answer.
      assert.equal(await admin.inputValue('[data-testid=schedule-secret]'), '');
      assert.equal((await admin.content()).includes(secret), false);
      assert.equal(JSON.stringify(await api(server, `${WS}/schedules`)).includes(secret), false);

      // A webhook without a secret: the form says so before asking the API.
      await admin.fill('[data-testid=schedule-webhook]', hook);
      await admin.click('[data-testid=schedule-submit]');
      assert.equal((await (await admin.waitForSelector('[data-testid=schedule-error]')).textContent()).trim(), 'Give the secret that signs the reports.');
      // A folder: this server has no reports folder, and the API's 400 message shows as it is.
      await admin.selectOption('[data-testid=schedule-deliver]', 'folder');
      assert.equal(await admin.isHidden('[data-testid=schedule-webhook]'), true, 'a folder has no webhook');
      await admin.fill('[data-testid=schedule-folder]', 'weekly');
      await admin.click('[data-testid=schedule-submit]');
      const refused = await post({ template: 'monthly-satisfaction', every: 'month', format: 'pdf', hour: 7, folder: 'weekly' });
      assert.equal(refused.status, 400);
      const message = (await refused.json()).error.message;
      assert.equal(message, 'folder: this server has no reports folder (serve --reports-dir DIR); deliver to a webhook instead');
      assert.equal(await eventually(async () => ((await admin.textContent('[data-testid=schedule-error]')).trim() === message ? message : null)), message);
      assert.equal((await api(server, `${WS}/schedules`)).schedules.length, 1);

      // An analyst key reads the schedule without the form and the Delete buttons, and may not change it.
      const analystContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      try {
        const analyst = await analystContext.newPage();
        analyst.on('pageerror', (e) => console.error('page error (analyst):', e.message));
        await analyst.goto(`${server.url}/#key=${server.analystKey}&view=targets`);
        await waitForView(analyst, 'targets');
        assert.deepEqual(await ruleCells(analyst, 'schedule-row'), [row]);
        assert.equal(await analyst.locator('[data-testid=schedule-form], [data-testid=schedule-delete]').count(), 0);
        assert.equal((await analyst.textContent('[data-testid=schedules-readonly]')).trim(), 'Report schedules are managed by admins: an admin key can add and delete them on this page.');
        assert.equal(await analyst.textContent('[data-testid=schedules-note]'), scheduleNote(tz));
        assert.equal((await analyst.textContent('[data-testid=schedule-runs-empty]')).trim(), 'No runs yet: a schedule first runs at its next run above.');
        assert.equal((await analyst.content()).includes(secret), false);
      } finally {
        await analystContext.close();
      }
      assert.equal((await post({ template: 'weekly-ops', every: 'week', format: 'html', webhook: hook, secret }, server.analystKey)).status, 403);
      assert.equal((await del(added.id, server.analystKey)).status, 403);

      // Its Delete button removes it from the page and the API.
      await admin.click(`[data-testid=schedule-delete][data-id="${added.id}"]`);
      const deleted = await admin.waitForSelector('[data-testid=schedule-done]:text("Deleted")');
      assert.equal((await deleted.textContent()).trim(), `Deleted the schedule ${added.id} (Monthly satisfaction report on the 1st at 07:00).`);
      await admin.waitForSelector('[data-testid=schedules-empty]');
      assert.deepEqual((await api(server, `${WS}/schedules`)).schedules, []);
      assert.equal((await del(added.id)).status, 404);
    } finally {
      await context.close();
    }
  });

  it('renders every view without errors', async () => {
    for (const view of ['satisfaction', 'sentiment', 'speed', 'volume', 'agents', 'contact', 'targets', 'overview']) {
      await page.click(`[data-testid=nav-${view}]`);
      await waitForView(page, view);
      assert.equal(await page.locator('[data-testid=error-state]').count(), 0, `${view} has no error`);
    }
    await page.click('[data-testid=nav-agents]');
    await waitForView(page, 'agents');
    assert.ok((await page.locator('[data-testid=agent-row]').count()) > 0);
    await page.click('[data-testid=nav-satisfaction]');
    await waitForView(page, 'satisfaction');
    assert.ok((await page.locator('[data-testid=detractor-row]').count()) > 0);
  });
});

describe('leading and lagging KPIs over more and fewer weeks', { timeout: 180000 }, () => {
  let long;
  let short;
  let browser;
  let fmt;
  let leadlag;

  before(async () => {
    fmt = await loadFormatters();
    leadlag = await loadLeadLag();
    // 12 weeks of data (links need six or more), and 10 days (fewer than two whole weeks).
    long = await startServer({ days: 84 });
    short = await startServer({ tickets: 300, days: 10 });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await long?.stop();
    await short?.stop();
  });

  async function overview(server) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const asked = recordLeadLag(page);
    await page.goto(`${server.url}/#key=${server.analystKey}`);
    await waitForView(page, 'overview');
    return { context, page, asked };
  }

  it('lists the links of the API newest first, five of them until "show all"', async () => {
    const { context, page, asked } = await overview(long);
    try {
      const dims = await api(long, `${WS}/dimensions`);
      const range = leadlag.leadLagRange(defaultWindow(dims, fmt), { firstDay: dims.first_day, lastDay: dims.last_day });
      // The 28-day window ends with the data: the page looks at the 12 whole weeks up to it.
      assert.deepEqual(range, { from: dims.first_day, to: fmt.addDays(dims.first_day, 84) });
      assert.deepEqual([asked[0].get('from'), asked[0].get('to')], [range.from, range.to]);
      const a = await api(long, `${WS}/lead-lag?from=${range.from}&to=${range.to}`);
      assert.equal(a.weeks.length, 12);
      assert.ok(a.links.length > leadlag.LINKS_SHOWN, `${a.links.length} links`);
      assert.equal(await page.textContent('[data-testid=lead-lag-range]'), leadLagRangeText(a, fmt));
      assert.deepEqual(await leadLagRows(page, 'leading'), expectedLeadLagRows(a, 'leading', fmt, leadlag));
      assert.deepEqual(await leadLagRows(page, 'lagging'), expectedLeadLagRows(a, 'lagging', fmt, leadlag));

      const names = leadlag.kpiNames(a);
      const sentences = a.links.map((l) => leadlag.linkSentence(l, (id) => names.get(id)));
      const shown = () => page.$$eval('[data-testid=lead-lag-link-text]', (els) => els.map((e) => e.textContent));
      assert.equal(await page.textContent('[data-testid=lead-lag-link-count]'), `${a.links.length} links`);
      assert.deepEqual(await shown(), sentences.slice(0, 5));
      // Newest lagging move first; the first link's lagging move is the newest week of the analysis.
      assert.equal(a.links[0].lagging_week, a.weeks[a.weeks.length - 1]);
      assert.match(sentences[0], new RegExp(`^\\S.* (rose|fell) \\d+(\\.\\d)?% in ${a.weeks[a.weeks.length - 1]} — .* had (risen|fallen) \\d+(\\.\\d)?% in 20\\d\\d-W\\d\\d \\(\\d weeks? before, r = -?[01]\\.\\d\\d\\)$`));
      const senses = await page.$$eval('[data-testid=lead-lag-link-sense]', (els) => els.map((e) => [e.textContent, e.className]));
      const tone = { worse: 'move move-bad', better: 'move move-good', up: 'move move-neutral', down: 'move move-neutral' };
      assert.deepEqual(senses, a.links.slice(0, 5).map((l) => [leadlag.SENSE_LABEL[l.lagging_sense], tone[l.lagging_sense]]));

      await page.click('[data-testid=lead-lag-show-all]');
      assert.deepEqual(await shown(), sentences);
      assert.equal(await page.textContent('[data-testid=lead-lag-show-all]'), 'Show the first 5');
      await page.click('[data-testid=lead-lag-show-all]');
      assert.deepEqual(await shown(), sentences.slice(0, 5));
      assert.equal(await page.textContent('[data-testid=lead-lag-show-all]'), `Show all ${a.links.length}`);
    } finally {
      await context.close();
    }
  });

  it('shows the API message in the panel when the data holds fewer than two whole weeks, and the rest of the overview', async () => {
    const { context, page, asked } = await overview(short);
    try {
      const dims = await api(short, `${WS}/dimensions`);
      assert.equal(leadlag.leadLagRange(defaultWindow(dims, fmt), { firstDay: dims.first_day, lastDay: dims.last_day }), null);
      assert.deepEqual([asked[0].get('from'), asked[0].get('to')], [null, null]);
      const res = await fetch(`${short.url}${WS}/lead-lag`, { headers: { Authorization: `Bearer ${short.analystKey}` } });
      assert.equal(res.status, 404);
      const { message } = (await res.json()).error;
      assert.match(message, /^fewer than two whole weeks of data/);
      assert.equal(await page.textContent('[data-testid=lead-lag-unavailable] span'), message);
      assert.equal(await page.isHidden('[data-testid=lead-lag-leading]'), true);
      assert.equal(await page.locator('[data-testid=error-state]').count(), 0);
      // The tiles still show the report.
      const win = defaultWindow(dims, fmt);
      const report = await api(short, `${WS}/report?from=${win.from}&to=${win.to}&kpi=ticket_volume`);
      assert.equal((await page.textContent('[data-testid=tile-ticket_volume] [data-testid=tile-value]')).trim(), fmt.formatKpiValue(report.rows[0].kpis.ticket_volume.value, 'count'));
    } finally {
      await context.close();
    }
  });
});

describe('report schedules delivered to the server’s reports folder', { timeout: 180000 }, () => {
  let server;
  let browser;
  let fmt;
  let dims;

  before(async () => {
    fmt = await loadFormatters();
    // Ten days of data are enough: the runs below report a week of 2037, which has none.
    server = await startServer({ tickets: 300, days: 10, reportsDir: true });
    dims = await api(server, `${WS}/dimensions`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function targets(key) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}/#key=${key}&view=targets`);
    await waitForView(page, 'targets');
    return { context, page };
  }

  const cells = (p, row) => p.$$eval(`[data-testid=${row}]`, (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));

  it('adds a folder schedule through the form, shows its runs after they happen, and deletes it', async () => {
    const tz = dims.timezone;
    assert.equal(tz, 'Europe/Berlin', 'the generated workspace’s time zone, which the times below are in');
    const { context, page: admin } = await targets(server.adminKey);
    try {
      // The weekly operations report as HTML every Monday at 06:00, into the folder "weekly".
      await admin.selectOption('[data-testid=schedule-template]', 'weekly-ops');
      await admin.selectOption('[data-testid=schedule-every]', 'week');
      await admin.selectOption('[data-testid=schedule-format]', 'html');
      await admin.selectOption('[data-testid=schedule-hour]', '6');
      await admin.selectOption('[data-testid=schedule-deliver]', 'folder');
      assert.equal(await admin.isHidden('[data-testid=schedule-secret]'), true, 'a folder has no secret');
      // A path of its own is refused by the API, whose message shows as it is.
      await admin.fill('[data-testid=schedule-folder]', '../weekly');
      await admin.click('[data-testid=schedule-submit]');
      const error = (await (await admin.waitForSelector('[data-testid=schedule-error]')).textContent()).trim();
      assert.equal(error, 'folder: expected a folder name under the reports folder, got "../weekly"');
      await admin.fill('[data-testid=schedule-folder]', 'weekly');
      assert.equal(await admin.textContent('[data-testid=schedule-preview]'), 'Sends the Weekly operations report as HTML every Monday at 06:00, over the week just ended (Monday–Sunday), into the folder weekly.');
      await admin.click('[data-testid=schedule-submit]');
      const done = await admin.waitForSelector('[data-testid=schedule-done]');
      const folder = path.join(server.reportsDir, 'weekly');
      const [weekly] = (await api(server, `${WS}/schedules`)).schedules;
      assert.deepEqual(weekly, { id: weekly.id, template: 'weekly-ops', every: 'week', format: 'html', hour: 6, deliver: 'folder', target: folder, next_run: weekly.next_run });
      assert.equal((await done.textContent()).trim(), `Added the schedule ${weekly.id}: Weekly operations report as HTML every Monday at 06:00, over the week just ended (Monday–Sunday), into the folder ${folder}.`);
      await admin.waitForSelector('[data-testid=schedule-row]');
      const next = nextRunText(fmt, weekly.next_run, tz);
      assert.match(next, /^Mon \d+ \w{3} \d{4}, 06:00$/);
      assert.deepEqual(await cells(admin, 'schedule-row'), [[String(weekly.id), 'Weekly operations report', 'every Monday at 06:00', 'HTML', `Folder ${folder}`, next, 'Delete']]);
      assert.equal(await admin.locator('[data-testid=schedule-run-row]').count(), 0);

      // A second schedule to a webhook on a closed port, then one run of what is due on Monday
      // 23 March 2037, 05:30 UTC (06:30 in Berlin): the folder gets its file, the webhook fails after 4 attempts.
      const res = await fetch(`${server.url}${WS}/schedules`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${server.adminKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ template: 'agent-scorecard', every: 'week', format: 'html', hour: 0, webhook: 'http://127.0.0.1:9/r', secret: 'SCORECARD-S3CRET' }),
      });
      assert.equal(res.status, 201);
      const hook = await res.json();
      const out = run(['schedules', 'run', '--db', server.db, '--now', '2037-03-23T05:30:00Z'], [4]);
      assert.match(out, /failed: agent-scorecard/);
      const file = path.join(folder, 'default-weekly-ops-2037-03-16.html');
      assert.ok(fs.existsSync(file), `${file} written`);

      // Reload: the runs of the API, newest first, with their period, status, attempts and detail.
      await admin.click('[data-testid=schedules-reload]');
      await admin.waitForSelector('[data-testid=schedule-run-row]');
      const { schedules, runs } = await api(server, `${WS}/schedules`);
      assert.deepEqual(
        runs.map((r) => [r.schedule, r.from, r.to, r.status, r.attempts, r.detail]).sort(),
        [
          [hook.id, '2037-03-16', '2037-03-23', 'failed', 4, 'unreachable'],
          [weekly.id, '2037-03-16', '2037-03-23', 'delivered', 1, file],
        ].sort(),
      );
      const title = { 'weekly-ops': 'Weekly operations report', 'agent-scorecard': 'Agent scorecard' };
      const runRows = runs.map((r) => ['16 Mar – 22 Mar 2037', title[r.template], r.status === 'delivered' ? 'Delivered' : 'Failed', String(r.attempts), r.detail]);
      assert.deepEqual(await cells(admin, 'schedule-run-row'), runRows);
      const badges = await admin.$$eval('[data-testid=schedule-run-row] [data-testid=run-status]', (els) => els.map((e) => [e.dataset.status, e.className]));
      assert.deepEqual(badges, runs.map((r) => [r.status, r.status === 'delivered' ? 'status status-met' : 'status status-missed']));
      // The next runs moved on a week: Monday 30 March, summer time in Berlin, still at the local hour.
      const byId = Object.fromEntries(schedules.map((s) => [s.id, s]));
      assert.equal(nextRunText(fmt, byId[weekly.id].next_run, tz), 'Mon 30 Mar 2037, 06:00');
      const rows = [
        [String(weekly.id), 'Weekly operations report', 'every Monday at 06:00', 'HTML', `Folder ${folder}`, 'Mon 30 Mar 2037, 06:00'],
        [String(hook.id), 'Agent scorecard', 'every Monday at 00:00', 'HTML', 'Webhook http://127.0.0.1:9/r', 'Mon 30 Mar 2037, 00:00'],
      ];
      assert.deepEqual(await cells(admin, 'schedule-row'), rows.map((r) => [...r, 'Delete']));
      // The period each run covers is the timing's tooltip (and the line above the table).
      assert.deepEqual(
        await admin.$$eval('[data-testid=schedule-row] [data-testid=schedule-timing]', (els) => els.map((e) => e.title)),
        ['Reports the week just ended (Monday–Sunday)', 'Reports the week just ended (Monday–Sunday)'],
      );

      // An analyst key sees the same schedules and runs, without the form and the Delete buttons.
      const analyst = await targets(server.analystKey);
      try {
        assert.deepEqual(await cells(analyst.page, 'schedule-row'), rows);
        assert.deepEqual(await cells(analyst.page, 'schedule-run-row'), runRows);
        assert.equal(await analyst.page.locator('[data-testid=schedule-form], [data-testid=schedule-delete]').count(), 0);
        assert.equal((await analyst.page.content()).includes('SCORECARD-S3CRET'), false);
      } finally {
        await analyst.context.close();
      }

      // Deleting the folder schedule leaves the webhook's; the runs already made stay listed.
      await admin.click(`[data-testid=schedule-delete][data-id="${weekly.id}"]`);
      await admin.waitForSelector('[data-testid=schedule-done]:text("Deleted")');
      await admin.waitForSelector(`[data-testid=schedule-delete][data-id="${weekly.id}"]`, { state: 'detached' });
      const left = await api(server, `${WS}/schedules`);
      assert.deepEqual(left.schedules.map((s) => s.id), [hook.id]);
      assert.deepEqual(await cells(admin, 'schedule-row'), [[...rows[1], 'Delete']]);
      assert.equal(await admin.locator('[data-testid=schedule-run-row]').count(), left.runs.length);
    } finally {
      await context.close();
    }
  });
});
