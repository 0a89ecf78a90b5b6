// Sentiment: how customers feel in what they write (the VADER score of their messages, 0-100)
// by channel and by day, the tickets and customers to call back, the phrases on the rise, and
// the negative feedback arriving through the ingest API, live.

import { figure, later, type CustomerSentiment, type FeedbackItem, type PhraseTrends, type Report, type TicketSentiment } from '../api';
import { AXIS_LABEL, COLORS, SPLIT_LINE, colorFor, mount } from '../charts';
import { nameOf, type Ctx, type View } from '../context';
import {
  STATUS_LABEL,
  addDays,
  daysBetween,
  formatCount,
  formatDay,
  formatInstant,
  formatKpiValue,
  formatPercent,
  formatPoints,
  formatScore,
  formatTarget,
  formatTrend,
  label,
  targetStatus,
} from '../format';
import { card, csvLink, emptyState, errorState, h, skeleton, table } from '../ui';

const KPI = 'sentiment_score';

/** The rising phrases compare the window with this many periods of its length before it. */
const PREVIOUS_PERIODS = 4;

/** Follow-up items kept (as many as the server keeps) and listed. */
const FOLLOWUP_KEPT = 500;
const FOLLOWUP_SHOWN = 200;

/** Feedback items merged by seq (one item can come from the stream and from a fetch), newest first. */
export function mergeFeedback(held: FeedbackItem[], incoming: FeedbackItem[], max = FOLLOWUP_KEPT): FeedbackItem[] {
  const bySeq = new Map<number, FeedbackItem>();
  for (const x of held) bySeq.set(x.seq, x);
  for (const x of incoming) bySeq.set(x.seq, x);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, max);
}

/** "Message", "NPS" or "CSAT". */
export function feedbackKind(x: FeedbackItem): string {
  if (x.kind === 'message') return 'Message';
  return x.survey_kind ? x.survey_kind.toUpperCase() : 'Survey';
}

/**
 * The severity class of a 0-100 sentiment score at VADER's cut-offs: strongly negative (compound
 * -0.5 or lower, a score of 25 or lower) and negative (compound -0.05 or lower, 47.5 or lower).
 */
export function sentimentSeverity(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '';
  return score <= 25 ? 'sev-high' : score <= 47.5 ? 'sev-mid' : '';
}

/** A follow-up item's severity: its sentiment for a message, the detractor list's rule for a survey. */
export function feedbackSeverity(x: FeedbackItem): string {
  if (x.kind === 'message') return sentimentSeverity(x.score);
  return x.survey_kind === 'nps' && x.score <= 3 ? 'sev-high' : 'sev-mid';
}

/** Tone of a score trend: up is good news. */
export function trendTone(trend: number | null | undefined): 'good' | 'bad' | 'neutral' {
  if (trend === null || trend === undefined || !Number.isFinite(trend) || Math.abs(trend) < 0.005) return 'neutral';
  return trend > 0 ? 'good' : 'bad';
}

function scorePill(score: number | null | undefined): HTMLElement {
  return h('span', { class: `score-pill ${sentimentSeverity(score)}` }, formatScore(score));
}

/** "16.48 → 60.12 (+43.64)": first and last message, and the signed change between them. */
function firstToLast(x: { first_score: number; last_score: number; trend: number }): HTMLElement {
  return h(
    'span',
    { class: 'trend-cell', title: 'Score of the first and of the last customer message' },
    `${formatScore(x.first_score)} → ${formatScore(x.last_score)} `,
    h('span', { class: `tone-${trendTone(x.trend)}`, testid: 'trend' }, `(${formatTrend(x.trend)})`),
  );
}

export class SentimentView implements View {
  /** The follow-up list, newest first: the fetched items and those the live stream brought. */
  private items: FeedbackItem[] = [];
  private followBody: HTMLElement | null = null;
  private followActions: Element | null = null;
  private timezone = '';

  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const api = ctx.api;
    const len = daysBetween(f.from, f.to);
    this.items = [];
    this.timezone = ctx.timezone;
    const stats = h('div', { class: 'stats' }, ...[0, 1, 2, 3].map(() => h('div', { class: 'stat' }, skeleton(64))));

    const byChan = card({
      title: 'Sentiment by channel',
      subtitle: 'Mean score of customer messages per channel · click a bar',
      testid: 'chart-sentiment-channel',
      exportUrl: api.exportCsvUrl(f, { kpi: [KPI], by: ['channel'] }),
      exportName: 'sentiment-by-channel.csv',
    });
    const daily = card({
      title: 'Daily trend',
      subtitle: 'Mean score of each day’s customer messages · click a point',
      testid: 'chart-sentiment-trend',
      exportUrl: api.exportCsvUrl(f, { kpi: [KPI], by: ['day'] }),
      exportName: 'sentiment-by-day.csv',
    });
    const follow = card({
      title: 'Live follow-up',
      subtitle: 'Negative feedback as it arrives through the API, newest first',
      testid: 'followup-card',
      hint: 'Customer messages with a compound of -0.5 or lower, NPS answers of 0–6 and CSAT answers in the bottom two points, received since the server started, for the whole workspace: the filters do not apply.',
    });
    const tickets = card({
      title: 'Most negative open tickets',
      subtitle: 'Tickets created in the window and not resolved, by the mean score of their customer messages',
      testid: 'table-negative-tickets',
      hint: 'First → last: the score of the first and the last customer message, and the change between them.',
    });
    const customers = card({
      title: 'Customers to watch',
      subtitle: 'The 10 customers with the lowest score over their tickets created in the window',
      testid: 'table-customers-to-watch',
    });
    const phraseSub = `Words and two-word phrases of subjects and customer messages whose share of tickets rose against the ${PREVIOUS_PERIODS} periods of ${len} days before`;
    const phrases = card({
      title: 'Rising phrases',
      subtitle: f.team ? `${phraseSub} · the team filter does not apply` : phraseSub,
      testid: 'table-rising-phrases',
    });
    for (const c of [byChan, daily]) c.body.append(skeleton(240));
    for (const c of [follow, tickets, customers, phrases]) c.body.append(skeleton(200));
    this.followBody = follow.body;
    this.followActions = follow.card.querySelector('.card-actions');

    root.replaceChildren(
      h('div', { class: 'view-head' }, h('h1', {}, 'Sentiment'), h('p', { class: 'muted' }, 'How customers feel in what they write: each message scored from 0 (most negative) through 50 (neutral) to 100 (most positive).')),
      stats,
      // What to act on first, then where the score comes from.
      h('div', { class: 'grid-2' }, follow.card, tickets.card),
      h('div', { class: 'grid-2' }, byChan.card, daily.card),
      h('div', { class: 'grid-2' }, customers.card, phrases.card),
    );

    const sig = ctx.signal;
    const rep = api.report(f, { kpi: [KPI] }, sig);
    const chan = later(api.report(f, { kpi: [KPI], by: ['channel'] }, sig));
    const days = later(api.report(f, { kpi: [KPI], by: ['day'] }, sig));
    const feedback = later(api.feedback(0, FOLLOWUP_KEPT, sig));
    const open = later(api.sentimentTickets(f, { open: true, limit: 20 }, sig));
    const watch = later(api.sentimentCustomers(f, { limit: 10 }, sig));
    const rising = later(api.phrases(f, { previous: PREVIOUS_PERIODS }, sig));

    this.stats(stats, await rep, ctx);
    await Promise.all([
      chan.then((r) => this.byChannel(byChan.body, r, ctx)).catch((e) => byChan.body.replaceChildren(errorState(e.message))),
      days.then((r) => this.trend(daily.body, r, ctx)).catch((e) => daily.body.replaceChildren(errorState(e.message))),
      feedback
        .then((p) => {
          this.items = mergeFeedback(this.items, p.items);
          this.drawFollowUp(new Set());
        })
        .catch((e) => follow.body.replaceChildren(errorState(e.message))),
      open.then((x) => this.ticketTable(tickets, x.tickets)).catch((e) => tickets.body.replaceChildren(errorState(e.message))),
      watch.then((x) => this.customerTable(customers, x.customers)).catch((e) => customers.body.replaceChildren(errorState(e.message))),
      rising.then((x) => this.phraseTable(phrases, x, len)).catch((e) => phrases.body.replaceChildren(errorState(e.message))),
    ]);
  }

  feedback(items: FeedbackItem[], ctx: Ctx, replace = false): void {
    const known = new Set(this.items.map((x) => x.seq));
    this.timezone = ctx.timezone;
    this.items = mergeFeedback(replace ? [] : this.items, items);
    this.drawFollowUp(new Set(items.filter((x) => !known.has(x.seq)).map((x) => x.seq)));
  }

  // ---- tiles ----

  private stats(el: HTMLElement, r: Report, ctx: Ctx): void {
    const entry = ctx.catalog.get(KPI);
    const unit = entry?.unit ?? 'score';
    const fig = figure(r, KPI);
    const v = fig?.value ?? null;
    const st = targetStatus(v, entry?.default_target, unit);
    const share = (k: 'negative_pct' | 'positive_pct') => (typeof fig?.[k] === 'number' ? (fig[k] as number) : null);
    const stat = (id: string, name: string, value: number | null, text: string, sub: string, status: HTMLElement | null = null) =>
      h(
        'button',
        { class: 'stat', type: 'button', testid: `stat-${id}`, onclick: () => ctx.drill({ title: nameOf(ctx, KPI), kpi: KPI }) },
        h('div', { class: 'stat-top' }, h('span', { class: 'stat-name' }, name), status),
        h('div', { class: 'stat-value', testid: 'stat-value', 'data-value': value === null ? '' : String(value), title: value === null && fig?.reason ? fig.reason : null }, text),
        h('div', { class: 'stat-sub' }, sub),
      );
    el.replaceChildren(
      stat(
        KPI,
        nameOf(ctx, KPI),
        v,
        formatKpiValue(v, unit),
        `50 is neutral${entry?.default_target ? ` · target ${formatTarget(entry.default_target, unit)}` : ''}`,
        st !== 'none' ? h('span', { class: `status status-${st}`, 'data-status': st, testid: 'stat-status' }, STATUS_LABEL[st]) : null,
      ),
      stat('negative_pct', 'Negative messages', share('negative_pct'), formatPercent(share('negative_pct')), 'share with a compound of -0.05 or lower'),
      stat('positive_pct', 'Positive messages', share('positive_pct'), formatPercent(share('positive_pct')), 'share with a compound of 0.05 or higher'),
      stat('messages', 'Customer messages', fig?.n ?? null, formatCount(fig?.n ?? 0), 'scored in the window'),
    );
  }

  // ---- charts ----

  private targetLine(ctx: Ctx): Record<string, unknown> | undefined {
    const target = ctx.catalog.get(KPI)?.default_target;
    if (!target) return undefined;
    return {
      symbol: 'none',
      silent: true,
      lineStyle: { color: COLORS.good, type: 'dashed', width: 1.5 },
      label: { formatter: `Target ${formatTarget(target, 'score')}`, color: COLORS.good, position: 'insideEndTop' },
      data: [{ yAxis: target.value }],
    };
  }

  private byChannel(body: HTMLElement, r: Report, ctx: Ctx): void {
    const rows = r.rows.filter((x) => x.group.channel && (x.kpis[KPI]?.n ?? 0) > 0);
    if (!rows.length) {
      body.replaceChildren(emptyState('No customer messages in this window', 'Try a wider date range or clear a filter.'));
      return;
    }
    const names = rows.map((x) => x.group.channel as string);
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 44, right: 16, top: 24, bottom: 28 },
        xAxis: { type: 'category', data: names.map((n) => label(n)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (ps: Array<{ dataIndex: number; axisValue: string }>) => {
            const k = rows[ps[0].dataIndex].kpis[KPI];
            return (
              `<b>${ps[0].axisValue}</b><br>Sentiment score: ${formatScore(k?.value)}<br>` +
              `${formatPercent(k?.negative_pct as number)} negative · ${formatPercent(k?.positive_pct as number)} positive<br>${formatCount(k?.n ?? 0)} messages`
            );
          },
        },
        series: [
          {
            name: nameOf(ctx, KPI),
            type: 'bar',
            barMaxWidth: 42,
            data: rows.map((x) => ({ value: x.kpis[KPI]?.value ?? null, itemStyle: { color: colorFor(x.group.channel), borderRadius: [4, 4, 0, 0] } })),
            markLine: this.targetLine(ctx),
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const ch = names[p.dataIndex as number];
      if (ch) ctx.drill({ title: `${nameOf(ctx, KPI)} · ${label(ch)}`, kpi: KPI, extra: { channel: ch } });
    });
  }

  private trend(body: HTMLElement, r: Report, ctx: Ctx): void {
    const rows = r.rows.filter((x) => x.group.day).sort((a, b) => ((a.group.day as string) < (b.group.day as string) ? -1 : 1));
    if (!rows.some((x) => (x.kpis[KPI]?.n ?? 0) > 0)) {
      body.replaceChildren(emptyState('No customer messages in this window', 'Try a wider date range or clear a filter.'));
      return;
    }
    const days = rows.map((x) => x.group.day as string);
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 44, right: 24, top: 24, bottom: 28 },
        xAxis: { type: 'category', data: days, axisLabel: { ...AXIS_LABEL, formatter: (d: string) => formatDay(d, false) }, axisTick: { show: false } },
        // Down to ten below the lowest day, so that a day's move shows; up to 100, so the target does.
        yAxis: { type: 'value', min: (e: { min: number }) => Math.max(0, Math.floor(e.min / 10) * 10 - 10), max: 100, axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: Array<{ dataIndex: number }>) => {
            const k = rows[ps[0].dataIndex].kpis[KPI];
            return (
              `<b>${formatDay(days[ps[0].dataIndex])}</b><br>Sentiment score: ${formatScore(k?.value)}<br>` +
              `${formatPercent(k?.negative_pct as number)} negative · ${formatCount(k?.n ?? 0)} messages`
            );
          },
        },
        series: [
          {
            name: nameOf(ctx, KPI),
            type: 'line',
            data: rows.map((x) => ((x.kpis[KPI]?.n ?? 0) > 0 ? x.kpis[KPI]?.value ?? null : null)),
            connectNulls: false,
            symbolSize: 6,
            lineStyle: { width: 2, color: COLORS.primary },
            itemStyle: { color: COLORS.primary },
            markLine: this.targetLine(ctx),
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const day = days[p.dataIndex as number];
      if (day) ctx.drill({ title: `${nameOf(ctx, KPI)} · ${formatDay(day)}`, kpi: KPI, from: day, to: addDays(day, 1) });
    });
  }

  // ---- lists ----

  private ticketTable(c: { card: HTMLElement; body: HTMLElement }, rows: TicketSentiment[]): void {
    if (!rows.length) {
      c.body.replaceChildren(emptyState('No open ticket with customer messages', 'Every ticket of this window with a scored message is resolved.'));
      return;
    }
    c.card.querySelector('.card-actions')?.append(
      csvLink(
        [
          ['ticket_id', 'created_at', 'channel', 'topic', 'customer_id', 'agent', 'score', 'first_score', 'last_score', 'trend', 'messages'],
          ...rows.map((x) => [x.ticket_id, x.created_at, x.channel, x.topic, x.customer_id, x.agent, x.score, x.first_score, x.last_score, x.trend, x.messages.length]),
        ],
        'negative-open-tickets.csv',
      ),
    );
    c.body.replaceChildren(
      table(
        rows,
        [
          { key: 'ticket', label: 'Ticket', render: (x) => h('span', { class: 'mono' }, x.ticket_id), sort: (x) => x.ticket_id },
          { key: 'channel', label: 'Channel', render: (x) => label(x.channel), sort: (x) => x.channel },
          { key: 'agent', label: 'Agent', render: (x) => (x.agent ? h('span', { class: 'mono' }, x.agent) : h('span', { class: 'muted' }, 'Unassigned')), sort: (x) => x.agent },
          { key: 'score', label: 'Score', align: 'right', render: (x) => scorePill(x.score), sort: (x) => x.score, title: 'Mean score of the customer messages' },
          { key: 'trend', label: 'First → last', align: 'right', render: firstToLast, sort: (x) => x.trend },
          { key: 'messages', label: 'Messages', align: 'right', render: (x) => formatCount(x.messages.length), sort: (x) => x.messages.length },
        ],
        { testid: 'negative-tickets', rowTestid: 'negative-ticket-row', sortKey: 'score', sortDesc: false },
      ),
    );
  }

  private customerTable(c: { card: HTMLElement; body: HTMLElement }, rows: CustomerSentiment[]): void {
    if (!rows.length) {
      c.body.replaceChildren(emptyState('No customer messages in this window', 'Try a wider date range or clear a filter.'));
      return;
    }
    c.card.querySelector('.card-actions')?.append(
      csvLink(
        [
          ['customer_id', 'segment', 'tickets', 'open_tickets', 'messages', 'score', 'first_score', 'last_score', 'trend'],
          ...rows.map((x) => [x.customer_id, x.segment, x.tickets, x.open_tickets, x.messages, x.score, x.first_score, x.last_score, x.trend]),
        ],
        'customers-to-watch.csv',
      ),
    );
    c.body.replaceChildren(
      table(
        rows,
        [
          { key: 'customer', label: 'Customer', render: (x) => h('span', { class: 'mono' }, x.customer_id), sort: (x) => x.customer_id },
          { key: 'segment', label: 'Segment', render: (x) => label(x.segment), sort: (x) => x.segment },
          {
            key: 'tickets',
            label: 'Tickets',
            align: 'right',
            render: (x) => (x.open_tickets ? `${formatCount(x.tickets)} · ${formatCount(x.open_tickets)} open` : formatCount(x.tickets)),
            sort: (x) => x.tickets,
          },
          { key: 'messages', label: 'Messages', align: 'right', render: (x) => formatCount(x.messages), sort: (x) => x.messages },
          { key: 'score', label: 'Score', align: 'right', render: (x) => scorePill(x.score), sort: (x) => x.score },
          { key: 'trend', label: 'First → last', align: 'right', render: firstToLast, sort: (x) => x.trend },
        ],
        { testid: 'watch-customers', rowTestid: 'watch-customer-row', sortKey: 'score', sortDesc: false },
      ),
    );
  }

  private phraseTable(c: { card: HTMLElement; body: HTMLElement }, p: PhraseTrends, len: number): void {
    if (!p.rising.length) {
      const el =
        p.previous_tickets === 0
          ? emptyState('No earlier tickets to compare with', `The ${PREVIOUS_PERIODS} periods of ${len} days before this window hold no tickets.`)
          : emptyState('No phrase rises beyond the noise', `Against ${formatCount(p.previous_tickets)} tickets of the ${PREVIOUS_PERIODS} periods of ${len} days before.`);
      el.setAttribute('data-testid', 'phrases-empty');
      c.body.replaceChildren(el);
      return;
    }
    c.card.querySelector('.card-actions')?.append(
      csvLink(
        [['phrase', 'tickets', 'previous_tickets', 'share', 'previous_share', 'change', 'z'], ...p.rising.map((x) => [x.phrase, x.tickets, x.previous_tickets, x.share, x.previous_share, x.change, x.z])],
        'rising-phrases.csv',
      ),
    );
    c.body.replaceChildren(
      h('p', { class: 'muted small' }, `${formatCount(p.tickets)} tickets in the window against ${formatCount(p.previous_tickets)} before`),
      table(
        p.rising,
        [
          { key: 'phrase', label: 'Phrase', render: (x) => h('span', { class: 'strong' }, x.phrase), sort: (x) => x.phrase },
          { key: 'tickets', label: 'Tickets', align: 'right', render: (x) => formatCount(x.tickets), sort: (x) => x.tickets, title: 'Tickets of the window whose text holds the phrase' },
          { key: 'share', label: 'Share now', align: 'right', render: (x) => formatPercent(x.share), sort: (x) => x.share },
          { key: 'previous_share', label: 'Before', align: 'right', render: (x) => formatPercent(x.previous_share), sort: (x) => x.previous_share },
          {
            key: 'change',
            label: 'Change',
            align: 'right',
            // Rising is news, not a verdict: "refund" and "awesome" rise alike.
            render: (x) => h('span', { class: 'strong', title: `z = ${x.z}` }, formatPoints(x.change)),
            sort: (x) => x.change,
          },
        ],
        { testid: 'rising-phrases', rowTestid: 'phrase-row', sortKey: 'change' },
      ),
    );
  }

  // ---- live follow-up ----

  /** Draws the follow-up list; `fresh` are the items the live stream just brought (they flash). */
  private drawFollowUp(fresh: Set<number>): void {
    const body = this.followBody;
    if (!body) return;
    // The CSV of the list as it is now: a new one with each change.
    const old = this.followActions?.querySelector<HTMLAnchorElement>('[data-testid=export-csv]');
    if (old) {
      URL.revokeObjectURL(old.href);
      old.remove();
    }
    if (!this.items.length) {
      const el = emptyState('Nothing to follow up yet', 'Strongly negative messages and detractor surveys posted to the API appear here as they arrive.');
      el.setAttribute('data-testid', 'followup-empty');
      body.replaceChildren(el);
      return;
    }
    this.followActions?.append(
      csvLink(
        [
          ['seq', 'kind', 'id', 'ticket_id', 'customer_id', 'at', 'received_at', 'score', 'compound', 'text'],
          ...this.items.map((x) => [x.seq, feedbackKind(x), x.id, x.ticket_id, x.customer_id ?? null, x.at, x.received_at, x.score, x.compound ?? null, x.text]),
        ],
        'live-follow-up.csv',
      ),
    );
    const shown = this.items.slice(0, FOLLOWUP_SHOWN);
    const n = this.items.length;
    const count = h(
      'p',
      { class: 'muted small', testid: 'followup-count' },
      n > shown.length ? `${formatCount(n)} items · newest ${shown.length} shown` : `${formatCount(n)} item${n === 1 ? '' : 's'}`,
    );
    const tbody = h('tbody');
    for (const x of shown) {
      const survey = x.kind === 'survey';
      tbody.append(
        h(
          'tr',
          { testid: 'followup-row', class: fresh.has(x.seq) ? 'fresh' : '', 'data-seq': x.seq, 'data-id': x.id, 'data-kind': survey ? x.survey_kind ?? 'survey' : 'message' },
          h('td', {}, h('span', { class: 'chip' }, feedbackKind(x))),
          h('td', { class: 'mono' }, x.ticket_id || '—'),
          h('td', { class: 'wrap', testid: 'followup-text' }, x.text || h('span', { class: 'muted' }, 'No comment')),
          h(
            'td',
            { class: 'num' },
            h(
              'span',
              { class: `score-pill ${feedbackSeverity(x)}`, title: survey ? `${feedbackKind(x)} answer` : 'Sentiment score, 0–100' },
              survey ? formatCount(x.score) : formatScore(x.score),
            ),
          ),
          h('td', { title: `Written ${formatInstant(x.at, this.timezone)}` }, formatInstant(x.received_at, this.timezone)),
        ),
      );
    }
    const thead = h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Kind'),
        h('th', { scope: 'col' }, 'Ticket'),
        h('th', { scope: 'col' }, 'Text'),
        h('th', { scope: 'col', class: 'num' }, 'Score'),
        h('th', { scope: 'col' }, 'Received'),
      ),
    );
    body.replaceChildren(count, h('div', { class: 'table-wrap' }, h('table', { class: 'data-table compact', testid: 'followup-list' }, thead, tbody)));
  }
}
