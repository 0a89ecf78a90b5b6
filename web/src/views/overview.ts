// Overview: headline KPI tiles, the leading and lagging KPIs week by week, channel and team breakdowns.

import { figure, later, type Report, type Series } from '../api';
import { COLORS, mount, type ECharts } from '../charts';
import { nameOf, unitOf, type Ctx, type View } from '../context';
import {
  STATUS_LABEL,
  addDays,
  daysBetween,
  formatDelta,
  formatInteger,
  formatKpiValue,
  formatTarget,
  label,
  targetStatus,
} from '../format';
import { card, emptyState, errorState, h, skeleton, svgIcon, table } from '../ui';
import { LeadLagPanel, type LeadLagState } from './overview-leadlag';

export const OVERVIEW_KPIS = ['ticket_volume', 'backlog', 'first_reply_time', 'resolution_time', 'fcr_rate', 'csat', 'nps', 'sla_compliance'];

const SHORT_NAME: Record<string, string> = {
  ticket_volume: 'Tickets',
  backlog: 'Backlog',
  first_reply_time: 'First reply time',
  resolution_time: 'Resolution time',
  fcr_rate: 'First contact resolution',
  csat: 'CSAT',
  nps: 'NPS',
  sla_compliance: 'SLA compliance',
};

const TILE_HINT: Record<string, string> = {
  ticket_volume: 'created in the window',
  backlog: 'open at the end of the window',
  first_reply_time: 'median',
  resolution_time: 'median',
  fcr_rate: 'solved in one contact',
  csat: 'satisfied answers',
  nps: 'promoters − detractors',
  sla_compliance: 'tickets within SLA',
};

const BREAKDOWN_KPIS = ['ticket_volume', 'first_reply_time', 'resolution_time', 'fcr_rate', 'csat', 'sla_compliance'];

interface TileRefs {
  root: HTMLElement;
  value: HTMLElement;
  status: HTMLElement;
  trend: HTMLElement;
  target: HTMLElement;
  n: HTMLElement;
  spark: HTMLElement;
  chart?: ECharts;
}

export class OverviewView implements View {
  private tiles = new Map<string, TileRefs>();
  private previous: Report | null = null;
  private sparkTimer?: number;
  private notice: HTMLElement | null = null;
  private leadLag: LeadLagPanel | null = null;
  private leadLagState: LeadLagState = { showAll: false };

  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    this.tiles.clear();
    const f = ctx.filters;
    const len = daysBetween(f.from, f.to);
    const prevFrom = addDays(f.from, -len);

    const grid = h('div', { class: 'tiles', testid: 'overview-tiles' });
    for (const kpi of OVERVIEW_KPIS) grid.append(this.tile(kpi, ctx, len));

    const byChannel = card({
      title: 'By channel',
      subtitle: 'Headline figures per channel · click a row for its tickets',
      testid: 'chart-channel-breakdown',
      exportUrl: ctx.api.exportCsvUrl(f, { kpi: BREAKDOWN_KPIS, by: ['channel'] }),
      exportName: 'kpis-by-channel.csv',
      wide: true,
    });
    const byTeam = card({
      title: 'By team',
      subtitle: 'Team of the credited agent · click a row for its tickets',
      testid: 'chart-team-breakdown',
      exportUrl: ctx.api.exportCsvUrl(f, { kpi: BREAKDOWN_KPIS, by: ['team'] }),
      exportName: 'kpis-by-team.csv',
      wide: true,
    });
    byChannel.body.append(skeleton(200));
    byTeam.body.append(skeleton(200));
    this.leadLag = new LeadLagPanel(this.leadLagState);
    const leadLag = this.leadLag;

    this.notice = h(
      'div',
      { class: 'notice', testid: 'empty-window', hidden: true, role: 'status' },
      h('strong', {}, 'No data in this window. '),
      'No tickets were created between these dates with these filters: try a wider date range or clear a filter.',
    );
    root.replaceChildren(
      h('div', { class: 'view-head' }, h('h1', {}, 'Overview'), h('p', { class: 'muted' }, `Compared with the previous ${len} days. Click a tile for the records behind it.`)),
      this.notice,
      grid,
      this.leadLag.el,
      h('div', { class: 'grid-2' }, byChannel.card, byTeam.card),
    );

    const sig = ctx.signal;
    const cur = ctx.api.report(f, { kpi: OVERVIEW_KPIS }, sig);
    const prev = ctx.api.report(f, { kpi: OVERVIEW_KPIS, from: prevFrom, to: f.from }, sig).catch(() => null);
    const series = ctx.api.series(f, { kpi: OVERVIEW_KPIS, bucket: 'day' }, sig).catch(() => null);
    const chan = later(ctx.api.report(f, { kpi: BREAKDOWN_KPIS, by: ['channel'] }, sig));
    const team = later(ctx.api.report(f, { kpi: BREAKDOWN_KPIS, by: ['team'] }, sig));

    const leadLagLoad = leadLag.load(ctx);

    this.previous = await prev;
    this.applyReport(await cur, ctx);
    const s = await series;
    if (s) this.drawSparks(s, ctx);

    await Promise.all([
      chan.then((r) => this.breakdown(byChannel.body, r, 'channel', ctx)).catch((e) => byChannel.body.replaceChildren(errorState(e.message))),
      team.then((r) => this.breakdown(byTeam.body, r, 'team', ctx)).catch((e) => byTeam.body.replaceChildren(errorState(e.message))),
      leadLagLoad,
    ]);
  }

  private tile(kpi: string, ctx: Ctx, len: number): HTMLElement {
    const entry = ctx.catalog.get(kpi);
    const value = h('div', { class: 'tile-value', testid: 'tile-value' }, h('span', { class: 'shimmer' }, '\u00a0'));
    const status = h('span', { class: 'status status-none', testid: 'tile-status', 'data-status': 'none' }, '');
    const trend = h('div', { class: 'tile-trend', testid: 'tile-trend' });
    const target = h('span', { class: 'tile-target', testid: 'tile-target' }, entry?.default_target ? `Target ${formatTarget(entry.default_target, entry.unit)}` : 'No target');
    const n = h('span', { class: 'tile-n' });
    const spark = h('div', { class: 'spark', 'aria-hidden': 'true' });
    const root = h(
      'button',
      {
        class: 'tile',
        type: 'button',
        testid: `tile-${kpi}`,
        'data-kpi': kpi,
        title: entry?.formula ?? '',
        onclick: () => ctx.drill({ title: nameOf(ctx, kpi), kpi }),
      },
      h('div', { class: 'tile-top' }, h('span', { class: 'tile-name' }, SHORT_NAME[kpi] ?? nameOf(ctx, kpi)), status),
      h('div', { class: 'tile-hint' }, TILE_HINT[kpi] ?? ''),
      value,
      h('div', { class: 'tile-meta' }, trend, h('span', { class: 'tile-prev' }, `vs prev. ${len}d`)),
      spark,
      h('div', { class: 'tile-foot' }, target, n),
    );
    this.tiles.set(kpi, { root, value, status, trend, target, n, spark });
    return root;
  }

  /** Writes a report's figures into the tiles (first render and every live event). */
  applyReport(r: Report, ctx: Ctx): void {
    if (this.notice) this.notice.hidden = (figure(r, 'ticket_volume')?.value ?? 0) > 0;
    for (const kpi of OVERVIEW_KPIS) {
      const t = this.tiles.get(kpi);
      if (!t) continue;
      const entry = ctx.catalog.get(kpi);
      const unit = entry?.unit ?? 'count';
      const fig = figure(r, kpi);
      const v = fig?.value ?? null;
      const text = formatKpiValue(v, unit);
      if (t.value.textContent !== text && t.value.textContent?.trim()) {
        t.root.classList.remove('flash');
        void t.root.offsetWidth;
        t.root.classList.add('flash');
      }
      t.value.textContent = text;
      t.value.setAttribute('data-value', v === null ? '' : String(v));
      const st = targetStatus(v, entry?.default_target, unit);
      t.status.className = `status status-${st}`;
      t.status.dataset.status = st;
      t.status.textContent = st === 'none' ? '' : STATUS_LABEL[st];
      const prevFig = figure(this.previous, kpi);
      // A previous period without tickets has nothing to compare with.
      const prevEmpty = !this.previous || (figure(this.previous, 'ticket_volume')?.value ?? 0) === 0;
      const d = prevEmpty ? null : formatDelta(v, prevFig?.value ?? null, unit, entry?.direction ?? 'none');
      if (d) {
        t.trend.className = `tile-trend tone-${d.tone}`;
        t.trend.replaceChildren(svgIcon(d.move), h('span', {}, d.text));
        t.trend.title = `Previous period: ${formatKpiValue(prevFig?.value ?? null, unit)}`;
      } else {
        t.trend.className = 'tile-trend tone-neutral';
        t.trend.replaceChildren(h('span', {}, prevEmpty ? 'no earlier data' : 'no comparison'));
        t.trend.title = prevEmpty ? 'The previous period of the same length has no tickets.' : '';
      }
      const nn = fig?.n;
      t.n.textContent = nn === undefined ? '' : kpi === 'ticket_volume' || kpi === 'backlog' ? '' : `n = ${formatInteger(nn)}`;
      if (v === null && fig?.reason) t.value.title = fig.reason;
    }
  }

  private drawSparks(s: Series, ctx: Ctx): void {
    for (const kpi of OVERVIEW_KPIS) {
      const t = this.tiles.get(kpi);
      if (!t) continue;
      const sr = s.series.find((x) => x.kpi === kpi);
      const pts = sr?.points ?? [];
      const unit = unitOf(ctx, kpi);
      const option = {
        animation: false,
        grid: { left: 2, right: 2, top: 4, bottom: 2 },
        xAxis: { type: 'category', show: false, data: pts.map((p) => p.period), boundaryGap: false },
        yAxis: { type: 'value', show: false, scale: true },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: Array<{ axisValue: string; value: number | null }>) => `${ps[0].axisValue}: ${formatKpiValue(ps[0].value, unit)}`,
          position: 'top',
        },
        series: [
          {
            type: 'line',
            data: pts.map((p) => p.value),
            showSymbol: false,
            connectNulls: true,
            lineStyle: { width: 1.6, color: COLORS.primary },
            areaStyle: { color: 'rgba(79,70,229,0.10)' },
          },
        ],
      };
      if (t.chart) t.chart.setOption(option);
      else t.chart = mount(t.spark, option, ctx.charts);
    }
  }

  private breakdown(body: HTMLElement, r: Report, dim: string, ctx: Ctx): void {
    const rows = r.rows.filter((x) => (x.kpis.ticket_volume?.value ?? 0) > 0 || (x.kpis.ticket_volume?.n ?? 0) > 0);
    if (!rows.length) {
      body.replaceChildren(emptyState());
      return;
    }
    const max = Math.max(...rows.map((x) => x.kpis.ticket_volume?.value ?? 0), 1);
    const cell = (kpi: string) => (row: (typeof rows)[number]) => {
      const fig = row.kpis[kpi];
      const entry = ctx.catalog.get(kpi);
      const st = targetStatus(fig?.value ?? null, entry?.default_target, entry?.unit ?? 'count');
      return h('span', { class: `cell-status cs-${st}` }, formatKpiValue(fig?.value ?? null, entry?.unit ?? 'count'));
    };
    const num = (kpi: string) => (row: (typeof rows)[number]) => row.kpis[kpi]?.value ?? null;
    body.replaceChildren(
      table(
        rows,
        [
          { key: 'name', label: label(dim), render: (x) => label(x.group[dim]), sort: (x) => x.group[dim] ?? '' },
          {
            key: 'ticket_volume',
            label: 'Tickets',
            align: 'right',
            sort: num('ticket_volume'),
            render: (x) => {
              const v = x.kpis.ticket_volume?.value ?? 0;
              return h('span', { class: 'bar-cell' }, h('span', { class: 'bar', style: `width:${Math.max(2, (v / max) * 48)}px` }), h('span', { class: 'bar-num' }, formatKpiValue(v, 'count')));
            },
          },
          { key: 'first_reply_time', label: 'First reply', align: 'right', sort: num('first_reply_time'), render: cell('first_reply_time'), title: 'Median first reply time' },
          { key: 'resolution_time', label: 'Resolution', align: 'right', sort: num('resolution_time'), render: cell('resolution_time'), title: 'Median resolution time' },
          { key: 'fcr_rate', label: 'FCR', align: 'right', sort: num('fcr_rate'), render: cell('fcr_rate') },
          { key: 'csat', label: 'CSAT', align: 'right', sort: num('csat'), render: cell('csat') },
          { key: 'sla_compliance', label: 'SLA', align: 'right', sort: num('sla_compliance'), render: cell('sla_compliance') },
        ],
        {
          testid: `breakdown-${dim}`,
          rowTestid: `breakdown-row`,
          sortKey: 'ticket_volume',
          rowLabel: (x) => `Tickets of ${label(x.group[dim])}`,
          onRow: (x) => {
            const v = x.group[dim];
            if (v === null || v === undefined) return;
            ctx.drill({ title: `Tickets · ${label(v)}`, kpi: 'ticket_volume', extra: { [dim]: v } });
          },
        },
      ),
    );
  }

  live(r: Report, ctx: Ctx): void {
    this.applyReport(r, ctx);
    this.leadLag?.follow(r, ctx);
    // Refresh the sparklines too, at most once every few seconds.
    if (this.sparkTimer) return;
    this.sparkTimer = window.setTimeout(async () => {
      this.sparkTimer = undefined;
      try {
        const s = await ctx.api.series(ctx.filters, { kpi: OVERVIEW_KPIS, bucket: 'day' }, ctx.signal);
        this.drawSparks(s, ctx);
      } catch {
        /* keep the old sparklines */
      }
    }, 1500);
  }
}
