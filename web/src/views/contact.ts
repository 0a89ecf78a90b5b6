// Contact center: call KPIs, offered calls and service level per 30-minute interval, the
// staffing plan for the week after the window, and the figures per queue.

import { ApiError, figure, later, type DrillRow, type Report, type ReportRow, type StaffingPlan } from '../api';
import { AXIS_LABEL, COLORS, SPLIT_LINE, countScale, mount } from '../charts';
import { nameOf, type Ctx, type View } from '../context';
import {
  STATUS_LABEL,
  addDays,
  daysBetween,
  formatCount,
  formatDay,
  formatInteger,
  formatKpiValue,
  formatPercent,
  formatTarget,
  targetStatus,
  label,
} from '../format';
import { card, csvLink, emptyState, errorState, h, skeleton, table } from '../ui';

export const CONTACT_KPIS = ['offered_calls', 'answered_calls', 'abandonment_rate', 'average_speed_of_answer', 'service_level', 'average_handle_time'];

const SHORT_NAME: Record<string, string> = {
  offered_calls: 'Offered',
  answered_calls: 'Answered',
  abandonment_rate: 'Abandonment rate',
  average_speed_of_answer: 'Average speed of answer',
  service_level: 'Service level',
  average_handle_time: 'Average handle time',
};

const TILE_HINT: Record<string, string> = {
  offered_calls: 'calls in the window',
  answered_calls: 'reached an agent',
  abandonment_rate: 'hung up before an answer',
  average_speed_of_answer: 'median wait of answered calls',
  service_level: 'answered within the threshold',
  average_handle_time: 'median talk + hold + wrap-up',
};

const QUEUE_KPIS = ['offered_calls', 'abandonment_rate', 'average_speed_of_answer', 'service_level', 'average_handle_time'];

/** The 48 half-hours of a day, "00:00" .. "23:30". */
export const SLOTS = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

const NO_HISTORY = 'A staffing plan needs at least two weeks of call history';

/** Local date and half-hour slot (0..47) of an ISO instant in a time zone. */
export function localSlot(iso: string, timeZone?: string): { day: string; slot: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const hour = Number(get('hour')) % 24;
  return { day: `${get('year')}-${get('month')}-${get('day')}`, slot: hour * 2 + (Number(get('minute')) >= 30 ? 1 : 0) };
}

/** A report grouped by 30min (labels "YYYY-MM-DDTHH:MM", local) as a day x slot grid of one KPI. */
export interface IntervalGrid {
  days: string[];
  /** cells[day][slot]: the figure, null where the KPI has no data. */
  value: Array<Array<number | null>>;
  n: number[][];
}

export function intervalGrid(r: Report, kpi: string): IntervalGrid {
  const index = new Map<string, number>();
  const grid: IntervalGrid = { days: [], value: [], n: [] };
  for (const row of r.rows) {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(row.group['30min'] ?? '');
    if (!m) continue;
    let d = index.get(m[1]);
    if (d === undefined) {
      d = grid.days.length;
      index.set(m[1], d);
      grid.days.push(m[1]);
      grid.value.push(new Array<number | null>(48).fill(null));
      grid.n.push(new Array<number>(48).fill(0));
    }
    const slot = Number(m[2]) * 2 + (Number(m[3]) >= 30 ? 1 : 0);
    const fig = row.kpis[kpi];
    grid.value[d][slot] = fig?.value ?? null;
    grid.n[d][slot] = fig?.n ?? 0;
  }
  return grid;
}

/** Service level per time of day over every day: each day's figure weighted by its calls. */
export function slotProfile(g: IntervalGrid): Array<{ value: number | null; n: number }> {
  return SLOTS.map((_, s) => {
    let num = 0;
    let n = 0;
    g.days.forEach((_, d) => {
      const v = g.value[d][s];
      if (v !== null) {
        num += v * g.n[d][s];
        n += g.n[d][s];
      }
    });
    return { value: n ? num / n : null, n };
  });
}

interface PlanControls {
  targetSl: number;
  targetSeconds: number;
  shrinkage: number; // percent
}

export class ContactView implements View {
  private controls: PlanControls = { targetSl: 80, targetSeconds: 20, shrinkage: 30 };
  private heatKpi: 'offered_calls' | 'service_level' = 'offered_calls';

  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const api = ctx.api;
    const slTarget = ctx.catalog.get('service_level')?.default_target ?? null;
    if (slTarget && this.controls.targetSl === 80 && slTarget.op === '>=') this.controls.targetSl = slTarget.value;

    const tiles = h('div', { class: 'tiles', testid: 'contact-tiles' });
    for (const kpi of CONTACT_KPIS) tiles.append(this.tile(kpi, ctx));

    const heat = card({
      title: 'Calls per half hour',
      subtitle: `Each day of the window by time of day (${ctx.timezone}) · click a cell`,
      testid: 'chart-interval-heatmap',
      exportUrl: api.exportCsvUrl(f, { kpi: ['offered_calls', 'service_level'], by: ['30min'] }),
      exportName: 'calls-by-30min.csv',
      wide: true,
      extra: [this.heatToggle(ctx)],
    });
    const sl = card({
      title: 'Service level by time of day',
      subtitle: slTarget ? `Calls answered within the threshold, against the target ${formatTarget(slTarget, 'percent')} · click a point` : 'Calls answered within the threshold · click a point',
      testid: 'chart-service-level',
      exportUrl: api.exportCsvUrl(f, { kpi: ['offered_calls', 'service_level'], by: ['30min'] }),
      exportName: 'service-level-by-30min.csv',
      wide: true,
    });
    const plan = card({
      title: 'Staffing plan, next 7 days',
      subtitle: `Agents needed per half hour for the forecast calls (rostered, after shrinkage) against agents scheduled in shifts, from ${formatDay(f.to)}`,
      testid: 'chart-staffing-plan',
      wide: true,
    });
    const queues = card({
      title: 'By queue',
      subtitle: 'Call figures per queue · click a row for its calls',
      testid: 'table-queues',
      exportUrl: api.exportCsvUrl(f, { kpi: QUEUE_KPIS, by: ['queue'] }),
      exportName: 'calls-by-queue.csv',
      wide: true,
    });
    heat.body.append(skeleton(420));
    sl.body.append(skeleton(260));
    plan.body.append(skeleton(300));
    queues.body.append(skeleton(160));

    root.replaceChildren(
      h('div', { class: 'view-head' }, h('h1', {}, 'Contact center'), h('p', { class: 'muted' }, 'Calls offered and answered, how fast, and the agents the coming week needs.')),
      tiles,
      heat.card,
      sl.card,
      plan.card,
      queues.card,
    );

    const sig = ctx.signal;
    const totals = later(api.report(f, { kpi: CONTACT_KPIS }, sig));
    const intervals = later(api.report(f, { kpi: ['offered_calls', 'service_level'], by: ['30min'] }, sig));
    const byQueue = later(api.report(f, { kpi: QUEUE_KPIS, by: ['queue'] }, sig));
    const total = await totals;
    this.applyTiles(tiles, total, ctx);
    const offered = figure(total, 'offered_calls')?.value ?? 0;
    await Promise.all([
      intervals
        .then((r) => {
          this.heatmap(heat.body, r, ctx);
          this.serviceLevel(sl.body, r, ctx);
        })
        .catch((e) => {
          heat.body.replaceChildren(errorState(e.message));
          sl.body.replaceChildren(errorState(e.message));
        }),
      byQueue.then((r) => this.queueTable(queues.body, r, ctx)).catch((e) => queues.body.replaceChildren(errorState(e.message))),
      this.plan(plan, ctx, offered),
    ]);
  }

  // ---- tiles ----

  private tile(kpi: string, ctx: Ctx): HTMLElement {
    const entry = ctx.catalog.get(kpi);
    return h(
      'button',
      {
        class: 'tile',
        type: 'button',
        testid: `tile-${kpi}`,
        'data-kpi': kpi,
        title: entry?.formula ?? '',
        onclick: () => ctx.drill({ title: nameOf(ctx, kpi), kpi }),
      },
      h('div', { class: 'tile-top' }, h('span', { class: 'tile-name' }, SHORT_NAME[kpi] ?? nameOf(ctx, kpi)), h('span', { class: 'status status-none', testid: 'tile-status', 'data-status': 'none' }, '')),
      h('div', { class: 'tile-hint' }, TILE_HINT[kpi] ?? ''),
      h('div', { class: 'tile-value', testid: 'tile-value' }, h('span', { class: 'shimmer' }, '\u00a0')),
      h(
        'div',
        { class: 'tile-foot' },
        h('span', { class: 'tile-target', testid: 'tile-target' }, entry?.default_target ? `Target ${formatTarget(entry.default_target, entry.unit)}` : 'No target'),
        h('span', { class: 'tile-n' }),
      ),
    );
  }

  private applyTiles(tiles: HTMLElement, r: Report, ctx: Ctx): void {
    for (const kpi of CONTACT_KPIS) {
      const el = tiles.querySelector<HTMLElement>(`[data-testid=tile-${kpi}]`);
      if (!el) continue;
      const entry = ctx.catalog.get(kpi);
      const unit = entry?.unit ?? 'count';
      const fig = figure(r, kpi);
      const v = fig?.value ?? null;
      const value = el.querySelector<HTMLElement>('[data-testid=tile-value]')!;
      value.textContent = formatKpiValue(v, unit);
      value.setAttribute('data-value', v === null ? '' : String(v));
      if (v === null && fig?.reason) value.title = fig.reason;
      const st = targetStatus(v, entry?.default_target, unit);
      const status = el.querySelector<HTMLElement>('[data-testid=tile-status]')!;
      status.className = `status status-${st}`;
      status.dataset.status = st;
      status.textContent = st === 'none' ? '' : STATUS_LABEL[st];
      const n = el.querySelector<HTMLElement>('.tile-n')!;
      n.textContent = fig?.n === undefined || kpi === 'offered_calls' || kpi === 'answered_calls' ? '' : `n = ${formatInteger(fig.n)}`;
    }
  }

  // ---- interval heatmap ----

  private heatToggle(ctx: Ctx): HTMLElement {
    const group = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Figure per interval', testid: 'contact-heat-mode' });
    const draw = () =>
      group.replaceChildren(
        ...(
          [
            ['offered_calls', 'Offered calls'],
            ['service_level', 'Service level'],
          ] as const
        ).map(([k, text]) =>
          h(
            'button',
            {
              type: 'button',
              class: this.heatKpi === k ? 'active' : '',
              'aria-pressed': String(this.heatKpi === k),
              testid: `heat-${k}`,
              onclick: () => {
                if (this.heatKpi === k) return;
                this.heatKpi = k;
                draw();
                if (this.lastIntervals && this.heatBody) this.heatmap(this.heatBody, this.lastIntervals, ctx);
              },
            },
            text,
          ),
        ),
      );
    draw();
    return group;
  }

  private lastIntervals: Report | null = null;
  private heatBody: HTMLElement | null = null;

  private heatmap(body: HTMLElement, r: Report, ctx: Ctx): void {
    this.lastIntervals = r;
    this.heatBody = body;
    const kpi = this.heatKpi;
    const g = intervalGrid(r, kpi);
    const offered = intervalGrid(r, 'offered_calls');
    const total = offered.value.reduce((a, row) => a + row.reduce<number>((b, v) => b + (v ?? 0), 0), 0);
    if (!total) {
      body.replaceChildren(emptyState('No calls in this window', 'Try a wider date range or clear a filter.'));
      return;
    }
    const flat: Array<[number, number, number | '-']> = [];
    let max = 0;
    g.value.forEach((row, d) =>
      row.forEach((v, s) => {
        flat.push([s, d, v === null ? '-' : v]);
        if (v !== null) max = Math.max(max, v);
      }),
    );
    const isSl = kpi === 'service_level';
    const el = h('div', { class: 'chart', style: `height:${Math.max(260, 60 + g.days.length * 16)}px` });
    body.replaceChildren(el);
    const target = ctx.catalog.get('service_level')?.default_target?.value ?? 80;
    const chart = mount(
      el,
      {
        grid: { left: 64, right: 16, top: 8, bottom: 64 },
        xAxis: { type: 'category', data: SLOTS, axisLabel: { ...AXIS_LABEL, interval: 3 }, axisTick: { show: false }, splitArea: { show: false } },
        yAxis: { type: 'category', data: g.days.map((d) => formatDay(d, false)), inverse: true, axisLabel: AXIS_LABEL, axisTick: { show: false } },
        visualMap: isSl
          ? {
              type: 'piecewise',
              orient: 'horizontal',
              left: 'center',
              bottom: 4,
              textStyle: { color: COLORS.muted, fontSize: 11 },
              pieces: [
                { gte: target, label: `≥ ${target} %`, color: '#86efac' },
                { gte: target - 10, lt: target, label: `${target - 10}–${target} %`, color: '#fcd34d' },
                { lt: target - 10, label: `< ${target - 10} %`, color: '#fca5a5' },
              ],
            }
          : countScale(max, formatCount(max)),
        tooltip: {
          trigger: 'item',
          formatter: (p: { value: [number, number, number | '-'] }) => {
            const [s, d, v] = p.value;
            const what = isSl ? `service level ${v === '-' ? '—' : formatPercent(v)} of ${formatCount(g.n[d][s])} calls` : `${formatCount(v === '-' ? 0 : v)} calls offered`;
            return `${formatDay(g.days[d])} ${SLOTS[s]}: ${what}`;
          },
        },
        series: [{ type: 'heatmap', data: flat, itemStyle: { borderColor: '#fff', borderWidth: 1, borderRadius: 2 }, emphasis: { itemStyle: { borderColor: '#111827' } } }],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const [s, d] = p.value as [number, number];
      const day = g.days[d];
      if (!day) return;
      this.drillSlot(ctx, isSl ? 'service_level' : 'offered_calls', day, s);
    });
  }

  /** The calls of one day's half hour: the rows of that day, kept client-side by local time. */
  private drillSlot(ctx: Ctx, kpi: string, day: string, slot: number): void {
    ctx.drill({
      title: `${nameOf(ctx, kpi)} · ${formatDay(day)} ${SLOTS[slot]}`,
      kpi,
      from: day,
      to: addDays(day, 1),
      predicate: (row: DrillRow) => {
        if (!row.at) return false;
        const x = localSlot(row.at, ctx.timezone);
        return x.day === day && x.slot === slot;
      },
      note: `${SLOTS[slot]}–${SLOTS[(slot + 1) % 48]}`,
    });
  }

  // ---- service level by time of day ----

  private serviceLevel(body: HTMLElement, r: Report, ctx: Ctx): void {
    const g = intervalGrid(r, 'service_level');
    const profile = slotProfile(g);
    if (!profile.some((p) => p.n > 0)) {
      body.replaceChildren(emptyState('No calls in this window', 'Try a wider date range or clear a filter.'));
      return;
    }
    const target = ctx.catalog.get('service_level')?.default_target ?? null;
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 48, right: 24, top: 24, bottom: 28 },
        xAxis: { type: 'category', data: SLOTS, axisLabel: { ...AXIS_LABEL, interval: 3 }, axisTick: { show: false } },
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => `${v} %` }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: Array<{ dataIndex: number; axisValue: string }>) => {
            const p = profile[ps[0].dataIndex];
            return `<b>${ps[0].axisValue}</b><br>Service level: ${formatPercent(p.value)} of ${formatCount(p.n)} calls`;
          },
        },
        series: [
          {
            name: nameOf(ctx, 'service_level'),
            type: 'line',
            data: profile.map((p) => (p.value === null ? null : Math.round(p.value * 10) / 10)),
            connectNulls: false,
            symbolSize: 6,
            lineStyle: { width: 2, color: COLORS.primary },
            itemStyle: { color: COLORS.primary },
            markLine: target
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: COLORS.good, type: 'dashed', width: 1.5 },
                  label: { formatter: `Target ${formatTarget(target, 'percent')}`, color: COLORS.good, position: 'insideEndTop' },
                  data: [{ yAxis: target.value }],
                }
              : undefined,
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const s = p.dataIndex as number;
      ctx.drill({
        title: `${nameOf(ctx, 'service_level')} · ${SLOTS[s]}`,
        kpi: 'service_level',
        predicate: (row: DrillRow) => !!row.at && localSlot(row.at, ctx.timezone).slot === s,
        note: `Every day ${SLOTS[s]}–${SLOTS[(s + 1) % 48]}`,
      });
    });
  }

  // ---- staffing plan ----

  private async plan(c: { card: HTMLElement; body: HTMLElement }, ctx: Ctx, offered: number): Promise<void> {
    const f = ctx.filters;
    const body = c.body;
    const controls = this.planControls(c, ctx, offered);
    const head = c.card.querySelector('.card-actions');
    head?.replaceChildren(controls);
    if (!offered || daysBetween(f.from, f.to) < 14) {
      body.replaceChildren(this.noPlan(!offered ? 'This window has no calls.' : 'Choose a window of 14 days or more.'));
      return;
    }
    body.replaceChildren(skeleton(300));
    let plan: StaffingPlan;
    try {
      plan = await ctx.api.staffingPlan(
        f.from,
        f.to,
        {
          interval: '30min',
          horizonDays: 7,
          targetSl: this.controls.targetSl,
          targetSeconds: this.controls.targetSeconds,
          shrinkage: this.controls.shrinkage / 100,
          // A plan is filtered by channel or queue only; team and topic do not apply to calls.
          filters: f.channel ? { channel: f.channel } : undefined,
        },
        ctx.signal,
      );
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      if (e instanceof ApiError && e.status === 400 && /two weeks/.test(e.message)) body.replaceChildren(this.noPlan('Choose a window of 14 days or more.'));
      else body.replaceChildren(errorState((e as Error).message));
      return;
    }
    this.drawPlan(c, plan, ctx);
  }

  private noPlan(detail: string): HTMLElement {
    const el = emptyState(NO_HISTORY, detail);
    el.setAttribute('data-testid', 'plan-empty');
    return el;
  }

  private planControls(c: { card: HTMLElement; body: HTMLElement }, ctx: Ctx, offered: number): HTMLElement {
    const input = (key: keyof PlanControls, text: string, min: number, max: number, step: number, suffix: string) =>
      h(
        'label',
        { class: 'field inline' },
        h('span', {}, text),
        h(
          'span',
          { style: 'display:flex;align-items:center;gap:4px;white-space:nowrap' },
          h('input', {
          type: 'number',
          min,
          max,
          step,
          value: this.controls[key],
          testid: `plan-${key}`,
          style: 'width:4.5em',
          'aria-label': `${text} (${suffix})`,
          onchange: (e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (!Number.isFinite(v) || v < min || v > max) return;
            this.controls[key] = v;
            void this.plan(c, ctx, offered);
          },
          }),
          h('span', { class: 'muted' }, suffix),
        ),
      );
    return h(
      'div',
      { class: 'plan-controls', testid: 'plan-controls', style: 'display:flex;gap:12px;align-items:center;flex-wrap:wrap' },
      input('targetSl', 'Target SL', 1, 100, 1, '%'),
      input('targetSeconds', 'within', 0, 600, 5, 's'),
      input('shrinkage', 'Shrinkage', 0, 95, 5, '%'),
    );
  }

  private drawPlan(c: { card: HTMLElement; body: HTMLElement }, plan: StaffingPlan, ctx: Ctx): void {
    const body = c.body;
    const ivs = plan.intervals;
    const fc = plan.forecast;
    const better = fc.wape <= fc.baseline.wape;
    const summary = h(
      'div',
      { class: 'notice', testid: 'plan-accuracy', role: 'note' },
      fc.backtest_weeks > 0
        ? h(
            'span',
            {},
            h('strong', {}, `Forecast error (WAPE) ${formatPercent(fc.wape)}`),
            ` against ${formatPercent(fc.baseline.wape)} for the seasonal-naive baseline (same interval a week earlier), measured on the last ${fc.backtest_weeks} week${fc.backtest_weeks === 1 ? '' : 's'} of history held back. `,
            better ? 'The forecast beats the baseline.' : 'The baseline does as well or better: treat the plan with care.',
          )
        : h('span', {}, 'The history is too short to hold weeks back, so the forecast error is not measured.'),
      h(
        'span',
        { class: 'muted' },
        ` Handle time ${formatKpiValue(plan.history.aht_seconds, 'seconds')}, ${plan.model === 'erlang_a' ? `patience ${formatKpiValue(plan.history.patience_seconds, 'seconds')} (Erlang A)` : 'Erlang C'}.`,
      ),
    );
    const csv = csvLink(
      [['period', 'calls', 'agents', 'rostered', 'scheduled', 'gap', 'service_level', 'asa', 'occupancy'], ...ivs.map((x) => [x.period, x.calls, x.agents, x.rostered, x.scheduled, x.gap, x.service_level, x.asa, x.occupancy])],
      'staffing-plan.csv',
    );
    c.card.querySelector('.card-actions')?.append(csv);
    if (!ivs.length) {
      body.replaceChildren(summary, emptyState('No intervals to plan', ''));
      return;
    }
    const el = h('div', { class: 'chart tall' });
    body.replaceChildren(summary, el);
    const short = ivs.filter((x) => x.gap < 0).length;
    el.dataset.short = String(short);
    const periods = ivs.map((x) => x.period);
    const chart = mount(
      el,
      {
        legend: { top: 0, right: 0, textStyle: { color: COLORS.muted } },
        grid: { left: 44, right: 16, top: 32, bottom: 48 },
        xAxis: {
          type: 'category',
          data: periods,
          axisLabel: { ...AXIS_LABEL, interval: 47, formatter: (p: string) => formatDay(p.slice(0, 10), false) },
          axisTick: { show: false },
        },
        yAxis: { type: 'value', minInterval: 1, axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE, name: 'agents', nameTextStyle: { color: COLORS.muted } },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: Array<{ dataIndex: number }>) => {
            const x = ivs[ps[0].dataIndex];
            return (
              `<b>${formatDay(x.period.slice(0, 10))} ${x.period.slice(11)}</b><br>` +
              `Forecast calls: ${x.calls}<br>Required (rostered): ${x.rostered} · on the phones ${x.agents}<br>Scheduled: ${x.scheduled}` +
              `${x.gap < 0 ? ` <span style="color:#fca5a5">(${x.gap})</span>` : ''}<br>Expected SL ${formatPercent(x.service_level)}, ASA ${formatKpiValue(x.asa, 'seconds')}`
            );
          },
        },
        series: [
          { name: 'Required (rostered)', type: 'bar', data: ivs.map((x) => x.rostered), itemStyle: { color: COLORS.primarySoft }, barCategoryGap: '10%' },
          { name: 'Scheduled', type: 'line', step: 'middle', data: ivs.map((x) => x.scheduled), showSymbol: false, lineStyle: { width: 2, color: COLORS.warn }, itemStyle: { color: COLORS.warn } },
        ],
      },
      ctx.charts,
    );
    // The forecast has no records yet: drill into the calls of the same weekday and half hour
    // in the history it was made from.
    chart.on('click', (p) => {
      const x = ivs[p.dataIndex as number];
      if (!x) return;
      const slot = Number(x.period.slice(11, 13)) * 2 + (Number(x.period.slice(14, 16)) >= 30 ? 1 : 0);
      const weekday = new Date(`${x.period.slice(0, 10)}T00:00:00Z`).getUTCDay();
      ctx.drill({
        title: `Offered calls behind the forecast · ${formatDay(x.period.slice(0, 10))} ${SLOTS[slot]}`,
        kpi: 'offered_calls',
        predicate: (row: DrillRow) => {
          if (!row.at) return false;
          const l = localSlot(row.at, ctx.timezone);
          return l.slot === slot && new Date(`${l.day}T00:00:00Z`).getUTCDay() === weekday;
        },
        note: `Same weekday, ${SLOTS[slot]}–${SLOTS[(slot + 1) % 48]}, in the window`,
      });
    });
  }

  // ---- per queue ----

  private queueTable(body: HTMLElement, r: Report, ctx: Ctx): void {
    const rows = r.rows.filter((x) => (x.kpis.offered_calls?.value ?? 0) > 0);
    if (!rows.length) {
      body.replaceChildren(emptyState('No calls in this window', 'Try a wider date range or clear a filter.'));
      return;
    }
    const cell = (kpi: string) => (row: ReportRow) => {
      const entry = ctx.catalog.get(kpi);
      const unit = entry?.unit ?? 'count';
      const v = row.kpis[kpi]?.value ?? null;
      const st = targetStatus(v, entry?.default_target, unit);
      return h('span', { class: `cell-status cs-${st}` }, formatKpiValue(v, unit));
    };
    const col = (kpi: string, text: string) => ({ key: kpi, label: text, align: 'right' as const, render: cell(kpi), sort: (x: ReportRow) => x.kpis[kpi]?.value ?? null, title: nameOf(ctx, kpi) });
    body.replaceChildren(
      table(
        rows,
        [
          { key: 'queue', label: 'Queue', render: (x: ReportRow) => label(x.group.queue), sort: (x: ReportRow) => x.group.queue ?? '' },
          col('offered_calls', 'Offered'),
          col('abandonment_rate', 'Abandoned'),
          col('average_speed_of_answer', 'ASA'),
          col('service_level', 'Service level'),
          col('average_handle_time', 'AHT'),
        ],
        {
          testid: 'queue-table',
          rowTestid: 'queue-row',
          sortKey: 'offered_calls',
          rowLabel: (x) => `Calls of queue ${label(x.group.queue)}`,
          onRow: (x) => {
            if (x.group.queue) ctx.drill({ title: `Offered calls · ${label(x.group.queue)}`, kpi: 'offered_calls', extra: { queue: x.group.queue } });
          },
        },
      ),
    );
  }
}
