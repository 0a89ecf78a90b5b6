// Agents: scorecards from the agent_productivity KPI, resolved tickets per agent.

import { figure } from '../api';
import { AXIS_LABEL, COLORS, SPLIT_LINE, mount } from '../charts';
import { nameOf, type Ctx, type View } from '../context';
import { formatCount, formatKpiValue, formatTarget, targetStatus } from '../format';
import { card, emptyState, errorState, h, skeleton, table } from '../ui';

type Detail = Record<string, string | number | null>;

/** Columns of a scorecard: the metric, the catalog KPI whose unit and target colour it. */
const METRICS: Array<{ key: string; label: string; kpi: string }> = [
  { key: 'resolved_tickets', label: 'Resolved', kpi: 'resolved_tickets' },
  { key: 'tickets_per_agent_hour', label: 'Tickets / hour', kpi: 'tickets_per_agent_hour' },
  { key: 'first_reply_time', label: 'First reply', kpi: 'first_reply_time' },
  { key: 'average_handle_time', label: 'Handle time', kpi: 'average_handle_time' },
  { key: 'fcr_rate', label: 'FCR', kpi: 'fcr_rate' },
  { key: 'csat', label: 'CSAT', kpi: 'csat' },
  { key: 'escalation_rate', label: 'Escalations', kpi: 'escalation_rate' },
];

export class AgentsView implements View {
  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const api = ctx.api;
    const top = card({
      title: 'Resolved tickets per agent',
      subtitle: 'The 15 agents with the most resolved tickets · click a bar',
      testid: 'chart-agents-resolved',
      exportUrl: api.exportCsvUrl(f, { kpi: ['resolved_tickets', 'first_reply_time', 'csat', 'fcr_rate'], by: ['agent'] }),
      exportName: 'kpis-by-agent.csv',
    });
    const cards = card({
      title: 'Agent scorecards',
      subtitle: 'Colours compare each figure with its target · click a column to sort, a row for the agent’s tickets',
      testid: 'agent-scorecards-card',
      exportUrl: api.exportCsvUrl(f, { kpi: ['agent_productivity'] }),
      exportName: 'agent-productivity.csv',
      wide: true,
    });
    const legend = h(
      'div',
      { class: 'legend-row' },
      h('span', { class: 'cell-status cs-met' }, 'On target'),
      h('span', { class: 'cell-status cs-at_risk' }, 'At risk'),
      h('span', { class: 'cell-status cs-missed' }, 'Off target'),
    );
    top.body.append(skeleton(300));
    cards.body.append(skeleton(300));
    root.replaceChildren(
      h('div', { class: 'view-head' }, h('h1', {}, 'Agents'), h('p', { class: 'muted' }, 'Who resolves what, how fast and how well.')),
      cards.card,
      top.card,
    );

    let details: Detail[];
    try {
      const r = await api.report(f, { kpi: ['agent_productivity'] }, ctx.signal);
      details = (figure(r, 'agent_productivity')?.details ?? []) as Detail[];
    } catch (e) {
      cards.body.replaceChildren(errorState((e as Error).message));
      top.body.replaceChildren(errorState((e as Error).message));
      if ((e as { status?: number }).status === 401 || (e as { status?: number }).status === 403) throw e;
      return;
    }
    if (!details.length) {
      cards.body.replaceChildren(emptyState());
      top.body.replaceChildren(emptyState());
      return;
    }
    const drillAgent = (agent: string) => ctx.drill({ title: `Resolved tickets · ${agent}`, kpi: 'resolved_tickets', extra: { agent } });

    cards.body.replaceChildren(
      legend,
      table(
        details,
        [
          { key: 'agent', label: 'Agent', render: (d) => h('span', { class: 'mono strong' }, String(d.agent ?? '—')), sort: (d) => String(d.agent ?? '') },
          ...METRICS.map((m) => {
            const entry = ctx.catalog.get(m.kpi);
            const unit = entry?.unit ?? 'count';
            return {
              key: m.key,
              label: m.label,
              align: 'right' as const,
              title: entry?.default_target ? `${nameOf(ctx, m.kpi)} · target ${formatTarget(entry.default_target, unit)}` : nameOf(ctx, m.kpi),
              sort: (d: Detail) => (typeof d[m.key] === 'number' ? (d[m.key] as number) : null),
              render: (d: Detail) => {
                const v = typeof d[m.key] === 'number' ? (d[m.key] as number) : null;
                const st = targetStatus(v, entry?.default_target, unit);
                return h('span', { class: `cell-status cs-${st}` }, formatKpiValue(v, unit));
              },
            };
          }),
        ],
        {
          testid: 'agent-scorecards',
          rowTestid: 'agent-row',
          sortKey: 'resolved_tickets',
          sortDesc: true,
          rowLabel: (d) => `Resolved tickets of ${d.agent}`,
          onRow: (d) => drillAgent(String(d.agent)),
        },
      ),
    );

    const best = [...details].sort((a, b) => Number(b.resolved_tickets ?? 0) - Number(a.resolved_tickets ?? 0)).slice(0, 15).reverse();
    const el = h('div', { class: 'chart tall' });
    top.body.replaceChildren(el);
    const chart = mount(
      el,
      {
        grid: { left: 64, right: 48, top: 8, bottom: 24 },
        yAxis: { type: 'category', data: best.map((d) => String(d.agent)), axisLabel: AXIS_LABEL, axisTick: { show: false } },
        xAxis: { type: 'value', axisLabel: { ...AXIS_LABEL, formatter: (v: number) => formatCount(v) }, splitLine: SPLIT_LINE },
        tooltip: {
          trigger: 'item',
          formatter: (p: { dataIndex: number }) => {
            const d = best[p.dataIndex];
            return `<b>${d.agent}</b><br>Resolved: ${formatCount(d.resolved_tickets as number)}<br>CSAT: ${formatKpiValue(d.csat as number, 'percent')}<br>First reply (median): ${formatKpiValue(d.first_reply_time as number, 'seconds')}`;
          },
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 18,
            data: best.map((d) => d.resolved_tickets),
            itemStyle: { color: COLORS.primary, borderRadius: [0, 4, 4, 0] },
            label: { show: true, position: 'right', color: COLORS.muted, formatter: (p: { value: number }) => formatCount(p.value) },
          },
        ],
      },
      ctx.charts,
    );
    chart.on('click', (p) => {
      const d = best[p.dataIndex as number];
      if (d) drillAgent(String(d.agent));
    });
  }
}
