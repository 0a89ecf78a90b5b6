// Speed: first reply, reply and resolution time distributions with median and p90.

import { figure, later, type DrillRow, type Report } from '../api';
import { AXIS_LABEL, COLORS, SPLIT_LINE, mount } from '../charts';
import { nameOf, type Ctx, type View } from '../context';
import { STATUS_LABEL, formatCount, formatDuration, formatTarget, label, targetStatus } from '../format';
import { card, emptyState, errorState, h, skeleton } from '../ui';

const KPIS = ['first_reply_time', 'average_reply_time', 'resolution_time'] as const;

const TITLES: Record<string, string> = {
  first_reply_time: 'First reply time',
  average_reply_time: 'Reply time (every reply)',
  resolution_time: 'Resolution time',
};

/** Duration buckets of the histograms: [lower bound, upper bound) in seconds, with a label. */
export const DURATION_BUCKETS: Array<{ lo: number; hi: number; label: string }> = [
  { lo: 0, hi: 300, label: '< 5m' },
  { lo: 300, hi: 900, label: '5–15m' },
  { lo: 900, hi: 1800, label: '15–30m' },
  { lo: 1800, hi: 3600, label: '30m–1h' },
  { lo: 3600, hi: 7200, label: '1–2h' },
  { lo: 7200, hi: 14400, label: '2–4h' },
  { lo: 14400, hi: 28800, label: '4–8h' },
  { lo: 28800, hi: 86400, label: '8–24h' },
  { lo: 86400, hi: 172800, label: '1–2d' },
  { lo: 172800, hi: 432000, label: '2–5d' },
  { lo: 432000, hi: Infinity, label: '5d +' },
];

export function bucketOf(seconds: number): number {
  const i = DURATION_BUCKETS.findIndex((b) => seconds >= b.lo && seconds < b.hi);
  return i < 0 ? 0 : i;
}

export function histogram(rows: DrillRow[]): number[] {
  const out = DURATION_BUCKETS.map(() => 0);
  for (const r of rows) {
    const v = Number(r.value);
    if (r.value === '' || !Number.isFinite(v)) continue;
    out[bucketOf(v)]++;
  }
  return out;
}

export class SpeedView implements View {
  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const api = ctx.api;
    const mode = h(
      'div',
      { class: 'segmented', role: 'group', 'aria-label': 'Time basis', testid: 'speed-time-mode' },
      ...[
        [false, 'Calendar time'],
        [true, 'Business hours'],
      ].map(([bt, text]) =>
        h(
          'button',
          {
            type: 'button',
            class: f.businessTime === bt ? 'active' : '',
            'aria-pressed': String(f.businessTime === bt),
            testid: bt ? 'speed-business' : 'speed-calendar',
            onclick: () => {
              if (f.businessTime !== bt) ctx.setFilters({ businessTime: bt as boolean });
            },
          },
          text as string,
        ),
      ),
    );
    const summary = h('div', { class: 'stats' }, ...KPIS.map(() => h('div', { class: 'stat' }, skeleton(64))));
    const cards = KPIS.map((kpi) =>
      card({
        title: TITLES[kpi],
        subtitle: 'How long it took, per record · click a bar',
        testid: `chart-${kpi}-distribution`,
        exportUrl: api.rowsCsvUrl(f, kpi),
        exportName: `${kpi}-rows.csv`,
      }),
    );
    const byChan = card({
      title: 'Speed by channel',
      subtitle: 'Median first reply and resolution · click a bar',
      testid: 'chart-speed-channel',
      exportUrl: api.exportCsvUrl(f, { kpi: [...KPIS], by: ['channel'] }),
      exportName: 'speed-by-channel.csv',
    });
    for (const c of [...cards, byChan]) c.body.append(skeleton(240));

    root.replaceChildren(
      h(
        'div',
        { class: 'view-head' },
        h('div', {}, h('h1', {}, 'Speed'), h('p', { class: 'muted' }, f.businessTime ? 'Durations count business hours only.' : 'Durations count every hour of the clock.')),
        mode,
      ),
      summary,
      h('div', { class: 'grid-2' }, cards[0].card, cards[1].card, cards[2].card, byChan.card),
    );

    const sig = ctx.signal;
    const rep = api.report(f, { kpi: [...KPIS] }, sig);
    const chan = later(api.report(f, { kpi: [...KPIS], by: ['channel'] }, sig));
    const rows = KPIS.map((k) => later(api.rows(f, k, {}, sig)));
    const r = await rep;
    this.summary(summary, r, ctx);
    await Promise.all([
      ...KPIS.map((kpi, i) =>
        rows[i].then((x) => this.hist(cards[i].body, x.rows, kpi, r, ctx)).catch((e) => cards[i].body.replaceChildren(errorState(e.message))),
      ),
      chan.then((x) => this.byChannel(byChan.body, x, ctx)).catch((e) => byChan.body.replaceChildren(errorState(e.message))),
    ]);
  }

  private summary(el: HTMLElement, r: Report, ctx: Ctx): void {
    el.replaceChildren(
      ...KPIS.map((kpi) => {
        const fig = figure(r, kpi);
        const entry = ctx.catalog.get(kpi);
        const st = targetStatus(fig?.value ?? null, entry?.default_target, 'seconds');
        return h(
          'button',
          { class: 'stat', type: 'button', testid: `stat-${kpi}`, onclick: () => ctx.drill({ title: nameOf(ctx, kpi), kpi }) },
          h('div', { class: 'stat-top' }, h('span', { class: 'stat-name' }, TITLES[kpi]), st !== 'none' ? h('span', { class: `status status-${st}`, 'data-status': st }, STATUS_LABEL[st]) : null),
          h(
            'div',
            { class: 'stat-pair' },
            h('div', {}, h('span', { class: 'stat-label' }, 'Median'), h('span', { class: 'stat-value', testid: 'stat-median' }, formatDuration(fig?.median ?? fig?.value ?? null))),
            h('div', {}, h('span', { class: 'stat-label' }, 'p90'), h('span', { class: 'stat-value secondary', testid: 'stat-p90' }, formatDuration(fig?.p90 ?? null))),
          ),
          h('div', { class: 'stat-sub' }, `${formatCount(fig?.n ?? 0)} measured`, entry?.default_target ? ` · target ${formatTarget(entry.default_target, 'seconds')}` : ''),
        );
      }),
    );
  }

  private hist(body: HTMLElement, rows: DrillRow[], kpi: string, r: Report, ctx: Ctx): void {
    const counts = histogram(rows);
    const total = counts.reduce((a, b) => a + b, 0);
    if (!total) {
      body.replaceChildren(emptyState());
      return;
    }
    const fig = figure(r, kpi);
    const med = fig?.median ?? null;
    const p90 = fig?.p90 ?? null;
    const marks: Array<Record<string, unknown>> = [];
    if (med !== null) marks.push({ xAxis: bucketOf(med), label: { formatter: `median ${formatDuration(med)}`, color: COLORS.text }, lineStyle: { color: COLORS.text } });
    if (p90 !== null) marks.push({ xAxis: bucketOf(p90), label: { formatter: `p90 ${formatDuration(p90)}`, color: COLORS.warn }, lineStyle: { color: COLORS.warn } });
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 48, right: 16, top: 28, bottom: 28 },
        xAxis: { type: 'category', data: DURATION_BUCKETS.map((b) => b.label), axisLabel: { ...AXIS_LABEL, interval: 0, fontSize: 10 }, axisTick: { show: false } },
        yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string; value: number }) => `${p.name}: ${formatCount(p.value)} (${((p.value / total) * 100).toFixed(1)}%)`,
        },
        series: [
          {
            type: 'bar',
            data: counts,
            barCategoryGap: '18%',
            itemStyle: { color: COLORS.primary, borderRadius: [3, 3, 0, 0] },
            markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', width: 1.5 }, label: { position: 'end', fontSize: 11 }, data: marks },
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const b = DURATION_BUCKETS[p.dataIndex as number];
      if (!b) return;
      ctx.drill({
        title: `${TITLES[kpi]} · ${b.label}`,
        kpi,
        predicate: (row) => {
          const v = Number(row.value);
          return row.value !== '' && v >= b.lo && v < b.hi;
        },
        note: `Took ${b.label}`,
      });
    });
  }

  private byChannel(body: HTMLElement, r: Report, ctx: Ctx): void {
    const rows = r.rows.filter((x) => x.group.channel && (x.kpis.first_reply_time?.n ?? 0) + (x.kpis.resolution_time?.n ?? 0) > 0);
    if (!rows.length) {
      body.replaceChildren(emptyState());
      return;
    }
    const names = rows.map((x) => x.group.channel as string);
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const kpis = ['first_reply_time', 'resolution_time'];
    const chart = mount(
      el,
      {
        legend: { top: 0, right: 0, textStyle: { color: COLORS.muted } },
        grid: { left: 64, right: 12, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: names.map((n) => label(n)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
        yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatDuration(v) }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (ps: Array<{ seriesName: string; value: number | null; axisValue: string }>) =>
            `<b>${ps[0].axisValue}</b><br>` + ps.map((p) => `${p.seriesName} (median): ${formatDuration(p.value)}`).join('<br>'),
        },
        series: kpis.map((k, i) => ({
          name: TITLES[k],
          type: 'bar',
          barMaxWidth: 28,
          data: rows.map((x) => x.kpis[k]?.median ?? x.kpis[k]?.value ?? null),
          itemStyle: { color: i ? '#0891b2' : COLORS.primary, borderRadius: [4, 4, 0, 0] },
        })),
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const ch = names[p.dataIndex as number];
      const kpi = kpis[p.seriesIndex as number] ?? 'first_reply_time';
      ctx.drill({ title: `${TITLES[kpi]} · ${label(ch)}`, kpi, extra: { channel: ch } });
    });
  }
}
