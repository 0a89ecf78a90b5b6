// Satisfaction: CSAT, NPS and CES distributions, scores by channel, detractor follow-up.

import { figure, later, type DrillRow, type Report } from '../api';
import { AXIS_LABEL, COLORS, SPLIT_LINE, mount } from '../charts';
import { nameOf, type Ctx, type View } from '../context';
import { STATUS_LABEL, formatCount, formatInstant, formatKpiValue, formatTarget, label, targetStatus } from '../format';
import { card, emptyState, errorState, h, skeleton, table } from '../ui';

const KPIS = ['csat', 'nps', 'ces', 'ces_easy_pct'];

/** Counts of each score, in score order. */
export function scoreCounts(rows: DrillRow[]): Array<{ score: string; count: number }> {
  const m = new Map<string, number>();
  for (const r of rows) {
    if (r.value === '' || r.value === null || r.value === undefined) continue;
    m.set(String(r.value), (m.get(String(r.value)) ?? 0) + 1);
  }
  return [...m.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([score, count]) => ({ score, count }));
}

export class SatisfactionView implements View {
  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const api = ctx.api;
    const stats = h('div', { class: 'stats' }, ...KPIS.map(() => h('div', { class: 'stat' }, skeleton(64))));

    const csat = card({ title: 'CSAT answers', subtitle: 'How many customers gave each score · click a bar', testid: 'chart-csat-distribution', exportUrl: api.rowsCsvUrl(f, 'csat'), exportName: 'csat-rows.csv' });
    const nps = card({ title: 'NPS answers', subtitle: 'Detractors 0–6 · passives 7–8 · promoters 9–10', testid: 'chart-nps-distribution', exportUrl: api.rowsCsvUrl(f, 'nps'), exportName: 'nps-rows.csv' });
    const ces = card({ title: 'Customer effort', subtitle: 'Effort score answers (higher = easier)', testid: 'chart-ces-distribution', exportUrl: api.rowsCsvUrl(f, 'ces'), exportName: 'ces-rows.csv' });
    const byChan = card({
      title: 'Satisfaction by channel',
      subtitle: 'CSAT (%) and NPS per channel · click a bar',
      testid: 'chart-satisfaction-channel',
      exportUrl: api.exportCsvUrl(f, { kpi: KPIS, by: ['channel'] }),
      exportName: 'satisfaction-by-channel.csv',
    });
    const det = card({
      title: 'Detractor follow-up',
      subtitle: 'NPS answers of 0–6, newest first: call these customers back',
      testid: 'detractor-card',
      exportUrl: api.rowsCsvUrl(f, 'nps'),
      exportName: 'nps-rows.csv',
      wide: true,
      hint: 'The CSV lists every NPS answer of the window; detractors have a value of 6 or less.',
    });
    for (const c of [csat, nps, ces, byChan]) c.body.append(skeleton(240));
    det.body.append(skeleton(200));

    root.replaceChildren(
      h('div', { class: 'view-head' }, h('h1', {}, 'Satisfaction'), h('p', { class: 'muted' }, 'What customers say after contact: CSAT, NPS and effort.')),
      stats,
      h('div', { class: 'grid-3' }, csat.card, nps.card, ces.card),
      h('div', { class: 'grid-2' }, byChan.card, det.card),
    );

    const sig = ctx.signal;
    const rep = api.report(f, { kpi: KPIS }, sig);
    const chan = later(api.report(f, { kpi: KPIS, by: ['channel'] }, sig));
    const csatRows = later(api.rows(f, 'csat', {}, sig));
    const npsRows = later(api.rows(f, 'nps', {}, sig));
    const cesRows = later(api.rows(f, 'ces', {}, sig));

    const r = await rep;
    this.stats(stats, r, ctx);

    await Promise.all([
      csatRows.then((x) => this.distribution(csat.body, x.rows, 'csat', ctx)).catch((e) => csat.body.replaceChildren(errorState(e.message))),
      npsRows
        .then((x) => {
          this.distribution(nps.body, x.rows, 'nps', ctx);
          this.detractors(det.body, x.rows, ctx);
        })
        .catch((e) => {
          nps.body.replaceChildren(errorState(e.message));
          det.body.replaceChildren(errorState(e.message));
        }),
      cesRows.then((x) => this.distribution(ces.body, x.rows, 'ces', ctx)).catch((e) => ces.body.replaceChildren(errorState(e.message))),
      chan.then((x) => this.byChannel(byChan.body, x, ctx)).catch((e) => byChan.body.replaceChildren(errorState(e.message))),
    ]);
  }

  private stats(el: HTMLElement, r: Report, ctx: Ctx): void {
    el.replaceChildren(
      ...KPIS.map((kpi) => {
        const entry = ctx.catalog.get(kpi);
        const fig = figure(r, kpi);
        const unit = entry?.unit ?? 'count';
        const st = targetStatus(fig?.value ?? null, entry?.default_target, unit);
        let sub = fig?.n ? `${formatCount(fig.n)} answers` : 'no answers';
        if (kpi === 'nps' && fig?.promoters_pct !== undefined) sub = `${formatKpiValue(fig.promoters_pct as number, 'percent')} promoters · ${formatKpiValue(fig.detractors_pct as number, 'percent')} detractors`;
        if (kpi === 'csat' && fig?.mean_score !== undefined) sub = `mean score ${formatKpiValue(fig.mean_score as number, 'score')} · ${sub}`;
        return h(
          'button',
          { class: 'stat', type: 'button', testid: `stat-${kpi}`, onclick: () => ctx.drill({ title: nameOf(ctx, kpi), kpi }) },
          h('div', { class: 'stat-top' }, h('span', { class: 'stat-name' }, nameOf(ctx, kpi)), st !== 'none' ? h('span', { class: `status status-${st}`, 'data-status': st }, STATUS_LABEL[st]) : null),
          h('div', { class: 'stat-value', testid: 'stat-value' }, formatKpiValue(fig?.value ?? null, unit)),
          h('div', { class: 'stat-sub' }, sub, entry?.default_target ? ` · target ${formatTarget(entry.default_target, unit)}` : ''),
        );
      }),
    );
  }

  private distribution(body: HTMLElement, rows: DrillRow[], kpi: 'csat' | 'nps' | 'ces', ctx: Ctx): void {
    const counts = scoreCounts(rows);
    if (!counts.length) {
      body.replaceChildren(emptyState());
      return;
    }
    const total = counts.reduce((a, b) => a + b.count, 0);
    const max = Math.max(...counts.map((c) => Number(c.score)));
    const colorOf = (score: number): string => {
      if (kpi === 'nps') return score <= 6 ? COLORS.bad : score <= 8 ? COLORS.neutral : COLORS.good;
      // CSAT and CES: the top two points of the scale are the good answers.
      const scale = max <= 5 ? 5 : max <= 7 ? 7 : 10;
      return score >= scale - 1 ? COLORS.good : score <= Math.ceil(scale / 2) - 1 ? COLORS.bad : COLORS.neutral;
    };
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 44, right: 12, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: counts.map((c) => c.score), axisLabel: AXIS_LABEL, axisTick: { show: false }, name: 'score', nameLocation: 'middle', nameGap: 22, nameTextStyle: { color: COLORS.muted } },
        yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string; value: number }) => `Score ${p.name}: ${formatCount(p.value)} answers (${formatKpiValue((p.value / total) * 100, 'percent')})`,
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 42,
            data: counts.map((c) => ({ value: c.count, itemStyle: { color: colorOf(Number(c.score)), borderRadius: [4, 4, 0, 0] } })),
            cursor: 'pointer',
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const score = String(p.name);
      ctx.drill({ title: `${nameOf(ctx, kpi)} · score ${score}`, kpi, predicate: (r) => String(r.value) === score, note: `Score ${score}` });
    });
  }

  private byChannel(body: HTMLElement, r: Report, ctx: Ctx): void {
    const rows = r.rows.filter((x) => x.group.channel && ((x.kpis.csat?.n ?? 0) > 0 || (x.kpis.nps?.n ?? 0) > 0));
    if (!rows.length) {
      body.replaceChildren(emptyState());
      return;
    }
    const names = rows.map((x) => x.group.channel as string);
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        legend: { top: 0, right: 0, textStyle: { color: COLORS.muted } },
        grid: { left: 44, right: 12, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: names.map((n) => label(n)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
        yAxis: { type: 'value', axisLabel: AXIS_LABEL, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (ps: Array<{ seriesName: string; value: number | null; axisValue: string; dataIndex: number }>) =>
            `<b>${ps[0].axisValue}</b><br>` +
            ps.map((p) => `${p.seriesName}: ${formatKpiValue(p.value, p.seriesName === 'CSAT' ? 'percent' : 'nps')}`).join('<br>') +
            `<br>${formatCount(rows[ps[0].dataIndex].kpis.csat?.n ?? 0)} CSAT answers`,
        },
        series: [
          { name: 'CSAT', type: 'bar', data: rows.map((x) => x.kpis.csat?.value ?? null), itemStyle: { color: COLORS.primary, borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
          { name: 'NPS', type: 'bar', data: rows.map((x) => x.kpis.nps?.value ?? null), itemStyle: { color: '#0891b2', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 28 },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const ch = names[p.dataIndex as number];
      const kpi = p.seriesName === 'NPS' ? 'nps' : 'csat';
      ctx.drill({ title: `${nameOf(ctx, kpi)} · ${label(ch)}`, kpi, extra: { channel: ch } });
    });
  }

  private detractors(body: HTMLElement, rows: DrillRow[], ctx: Ctx): void {
    const det = rows.filter((r) => r.value !== '' && Number(r.value) <= 6).sort((a, b) => (a.at < b.at ? 1 : -1));
    if (!det.length) {
      body.replaceChildren(emptyState('No detractors in this window', 'Every NPS answer was 7 or higher.'));
      return;
    }
    const shown = det.slice(0, 200);
    body.replaceChildren(
      h('p', { class: 'muted small', testid: 'detractor-count' }, det.length > shown.length ? `${formatCount(det.length)} detractors · newest ${shown.length} shown` : `${formatCount(det.length)} detractors`),
      table(
        shown,
        [
          { key: 'id', label: 'Survey', render: (r) => h('span', { class: 'mono' }, r.id) },
          { key: 'at', label: 'Answered', render: (r) => formatInstant(r.at, ctx.timezone), sort: (r) => r.at },
          {
            key: 'value',
            label: 'Score',
            align: 'right',
            sort: (r) => Number(r.value),
            render: (r) => h('span', { class: `score-pill ${Number(r.value) <= 3 ? 'sev-high' : 'sev-mid'}` }, String(r.value)),
          },
        ],
        { testid: 'detractor-list', rowTestid: 'detractor-row', sortKey: 'at', sortDesc: true },
      ),
    );
  }
}
