// Volume: tickets per channel, tickets per day, hour-of-week heatmap, backlog over time.

import { type Report, type Series } from '../api';
import { AXIS_LABEL, COLORS, SPLIT_LINE, colorFor, countScale, mount } from '../charts';
import { nameOf, type Ctx, type View } from '../context';
import { addDays, formatCount, formatDay, formatKpiValue, label, weekdayHour, weekdayOfDay } from '../format';
import { card, emptyState, errorState, h, skeleton } from '../ui';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Folds a report grouped by hour (labels "YYYY-MM-DDTHH:00", local time) into a
 * weekday x hour grid: cells[weekday][hour] = tickets, weekday 0 = Monday.
 */
export function hourOfWeek(r: Report, kpi = 'ticket_volume'): number[][] {
  const cells = WEEKDAYS.map(() => new Array<number>(24).fill(0));
  for (const row of r.rows) {
    const hl = row.group.hour;
    if (!hl) continue;
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})/.exec(hl);
    if (!m) continue;
    const v = row.kpis[kpi]?.value ?? 0;
    cells[weekdayOfDay(m[1])][Number(m[2])] += v ?? 0;
  }
  return cells;
}

export class VolumeView implements View {
  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const api = ctx.api;
    const perChan = card({
      title: 'Tickets per channel',
      subtitle: 'Where customers reach you · click a bar',
      testid: 'chart-tickets-channel',
      exportUrl: api.exportCsvUrl(f, { kpi: ['ticket_volume'], by: ['channel'] }),
      exportName: 'tickets-by-channel.csv',
    });
    const daily = card({
      title: 'Tickets per day',
      subtitle: 'Stacked by channel · click a day',
      testid: 'chart-tickets-daily',
      exportUrl: api.exportCsvUrl(f, { kpi: ['ticket_volume'], by: ['day', 'channel'] }),
      exportName: 'tickets-by-day.csv',
    });
    const heat = card({
      title: 'When tickets arrive',
      subtitle: `Tickets by weekday and hour (${ctx.timezone}) · click a cell`,
      testid: 'chart-hour-heatmap',
      exportUrl: api.exportCsvUrl(f, { kpi: ['ticket_volume'], by: ['hour'] }),
      exportName: 'tickets-by-hour.csv',
      wide: true,
    });
    const backlog = card({
      title: 'Backlog over time',
      subtitle: 'Tickets open at the end of each day · click a day',
      testid: 'chart-backlog',
      exportUrl: api.exportCsvUrl(f, { kpi: ['backlog', 'backlog_overdue'], by: ['day'] }),
      exportName: 'backlog-by-day.csv',
      wide: true,
    });
    for (const c of [perChan, daily, heat, backlog]) c.body.append(skeleton(260));

    root.replaceChildren(
      h('div', { class: 'view-head' }, h('h1', {}, 'Volume'), h('p', { class: 'muted' }, 'How much work arrives, through which channel, and when.')),
      h('div', { class: 'grid-2' }, perChan.card, daily.card),
      heat.card,
      backlog.card,
    );

    const sig = ctx.signal;
    await Promise.all([
      api.report(f, { kpi: ['ticket_volume'], by: ['channel'] }, sig).then((r) => this.perChannel(perChan.body, r, ctx)).catch((e) => perChan.body.replaceChildren(errorState(e.message))),
      api.series(f, { kpi: ['ticket_volume'], by: ['channel'], bucket: 'day' }, sig).then((s) => this.daily(daily.body, s, ctx)).catch((e) => daily.body.replaceChildren(errorState(e.message))),
      api.report(f, { kpi: ['ticket_volume'], by: ['hour'] }, sig).then((r) => this.heatmap(heat.body, r, ctx)).catch((e) => heat.body.replaceChildren(errorState(e.message))),
      api.series(f, { kpi: ['backlog', 'backlog_overdue'], bucket: 'day' }, sig).then((s) => this.backlog(backlog.body, s, ctx)).catch((e) => backlog.body.replaceChildren(errorState(e.message))),
    ]);
  }

  private perChannel(body: HTMLElement, r: Report, ctx: Ctx): void {
    const rows = r.rows.filter((x) => (x.kpis.ticket_volume?.value ?? 0) > 0).sort((a, b) => (a.kpis.ticket_volume.value ?? 0) - (b.kpis.ticket_volume.value ?? 0));
    if (!rows.length) {
      body.replaceChildren(emptyState());
      return;
    }
    const total = rows.reduce((a, x) => a + (x.kpis.ticket_volume.value ?? 0), 0);
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 72, right: 64, top: 8, bottom: 24 },
        yAxis: { type: 'category', data: rows.map((x) => label(x.group.channel)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
        xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE },
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${formatCount(p.value)} tickets (${formatKpiValue((p.value / total) * 100, 'percent')})` },
        series: [
          {
            type: 'bar',
            barMaxWidth: 26,
            data: rows.map((x) => ({ value: x.kpis.ticket_volume.value, itemStyle: { color: colorFor(x.group.channel), borderRadius: [0, 4, 4, 0] } })),
            label: { show: true, position: 'right', color: COLORS.muted, formatter: (p: { value: number }) => formatKpiValue((p.value / total) * 100, 'percent') },
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const ch = rows[p.dataIndex as number]?.group.channel;
      if (ch) ctx.drill({ title: `Tickets · ${label(ch)}`, kpi: 'ticket_volume', extra: { channel: ch } });
    });
  }

  private daily(body: HTMLElement, s: Series, ctx: Ctx): void {
    const series = s.series.filter((x) => x.kpi === 'ticket_volume');
    const days = series[0]?.points.map((p) => p.period) ?? [];
    const total = series.reduce((a, x) => a + x.points.reduce((b, p) => b + (p.value ?? 0), 0), 0);
    if (!total) {
      body.replaceChildren(emptyState());
      return;
    }
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const names = series.map((x) => x.group.channel ?? null);
    const chart = mount(
      el,
      {
        legend: { top: 0, textStyle: { color: COLORS.muted }, type: 'scroll' },
        grid: { left: 44, right: 12, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: days, axisLabel: { ...AXIS_LABEL, formatter: (d: string) => formatDay(d, false) }, axisTick: { show: false } },
        yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: Array<{ seriesName: string; value: number | null; axisValue: string; color: string }>) =>
            `<b>${formatDay(ps[0].axisValue)}</b><br>` + ps.map((p) => `${p.seriesName}: ${formatCount(p.value)}`).join('<br>'),
        },
        series: series.map((x) => ({
          name: label(x.group.channel),
          type: 'bar',
          stack: 'total',
          data: x.points.map((p) => p.value),
          itemStyle: { color: colorFor(x.group.channel) },
          emphasis: { focus: 'series' },
        })),
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const day = days[p.dataIndex as number];
      const ch = names[p.seriesIndex as number];
      if (!day) return;
      ctx.drill({
        title: `Tickets on ${formatDay(day)}${ch ? ` · ${label(ch)}` : ''}`,
        kpi: 'ticket_volume',
        from: day,
        to: addDays(day, 1),
        extra: ch ? { channel: ch } : undefined,
      });
    });
  }

  private heatmap(body: HTMLElement, r: Report, ctx: Ctx): void {
    const cells = hourOfWeek(r);
    const flat: Array<[number, number, number]> = [];
    let max = 0;
    cells.forEach((row, wd) =>
      row.forEach((v, hr) => {
        flat.push([hr, wd, v]);
        max = Math.max(max, v);
      }),
    );
    if (!max) {
      body.replaceChildren(emptyState());
      return;
    }
    const el = h('div', { class: 'chart tall' });
    body.replaceChildren(el);
    const hours = Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0'));
    const chart = mount(
      el,
      {
        grid: { left: 44, right: 16, top: 8, bottom: 64 },
        xAxis: { type: 'category', data: hours, axisLabel: AXIS_LABEL, axisTick: { show: false }, splitArea: { show: false } },
        yAxis: { type: 'category', data: WEEKDAYS, inverse: true, axisLabel: AXIS_LABEL, axisTick: { show: false } },
        visualMap: countScale(max, formatCount(max)),
        tooltip: {
          trigger: 'item',
          formatter: (p: { value: [number, number, number] }) => `${WEEKDAYS[p.value[1]]} ${hours[p.value[0]]}:00–${hours[p.value[0]]}:59: ${formatCount(p.value[2])} tickets`,
        },
        series: [{ type: 'heatmap', data: flat, itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 3 }, emphasis: { itemStyle: { borderColor: '#111827' } } }],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const [hr, wd] = p.value as [number, number, number];
      ctx.drill({
        title: `Tickets · ${WEEKDAYS[wd]} ${hours[hr]}:00`,
        kpi: 'ticket_volume',
        predicate: (row) => {
          if (!row.at) return false;
          const x = weekdayHour(row.at, ctx.timezone);
          return x.weekday === wd && x.hour === hr;
        },
        note: `${WEEKDAYS[wd]} ${hours[hr]}:00–${hours[hr]}:59`,
      });
    });
  }

  private backlog(body: HTMLElement, s: Series, ctx: Ctx): void {
    const b = s.series.find((x) => x.kpi === 'backlog');
    const o = s.series.find((x) => x.kpi === 'backlog_overdue');
    const days = b?.points.map((p) => p.period) ?? [];
    if (!b || !days.length) {
      body.replaceChildren(emptyState());
      return;
    }
    const el = h('div', { class: 'chart' });
    body.replaceChildren(el);
    const chart = mount(
      el,
      {
        legend: { top: 0, right: 0, textStyle: { color: COLORS.muted } },
        grid: { left: 48, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: days, boundaryGap: false, axisLabel: { ...AXIS_LABEL, formatter: (d: string) => formatDay(d, false) }, axisTick: { show: false } },
        yAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'axis',
          formatter: (ps: Array<{ seriesName: string; value: number | null; axisValue: string }>) =>
            `<b>End of ${formatDay(ps[0].axisValue)}</b><br>` + ps.map((p) => `${p.seriesName}: ${formatCount(p.value)}`).join('<br>'),
        },
        series: [
          {
            name: nameOf(ctx, 'backlog'),
            type: 'line',
            data: b.points.map((p) => p.value),
            smooth: 0.2,
            symbolSize: 6,
            lineStyle: { width: 2, color: COLORS.primary },
            itemStyle: { color: COLORS.primary },
            areaStyle: { color: 'rgba(79,70,229,0.12)' },
          },
          ...(o
            ? [
                {
                  name: nameOf(ctx, 'backlog_overdue'),
                  type: 'line',
                  data: o.points.map((p) => p.value),
                  smooth: 0.2,
                  symbolSize: 6,
                  lineStyle: { width: 2, color: COLORS.bad },
                  itemStyle: { color: COLORS.bad },
                },
              ]
            : []),
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const day = days[p.dataIndex as number];
      if (!day) return;
      const kpi = p.seriesIndex === 1 ? 'backlog_overdue' : 'backlog';
      ctx.drill({ title: `${nameOf(ctx, kpi)} · end of ${formatDay(day)}`, kpi, from: ctx.filters.from, to: addDays(day, 1) });
    });
  }
}
