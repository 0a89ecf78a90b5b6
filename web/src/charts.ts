// ECharts set-up: only the parts the dashboard uses, one palette, one text style.

import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ECharts = echarts.ECharts;
export type Option = echarts.EChartsCoreOption;

/** Brand and series colours (colour-blind friendly, readable on white). */
export const COLORS = {
  primary: '#4f46e5',
  primarySoft: '#c7d2fe',
  text: '#1f2937',
  muted: '#4b5563',
  grid: '#e5e7eb',
  good: '#15803d',
  warn: '#b45309',
  bad: '#b91c1c',
  neutral: '#9ca3af',
};

export const PALETTE = ['#4f46e5', '#0891b2', '#d97706', '#db2777', '#059669', '#7c3aed', '#dc2626', '#65a30d', '#0284c7', '#a16207'];

const colorByName = new Map<string, string>();

/** The colour of a dimension value (a channel, a team), the same on every chart. */
export function colorFor(name: string | null | undefined, order?: string[]): string {
  const k = name ?? '(none)';
  if (order && !colorByName.has(k)) {
    const i = order.indexOf(k);
    if (i >= 0) colorByName.set(k, PALETTE[i % PALETTE.length]);
  }
  if (!colorByName.has(k)) colorByName.set(k, PALETTE[colorByName.size % PALETTE.length]);
  return colorByName.get(k)!;
}

/** Assigns the palette to a dimension's values in a fixed order. */
export function registerColors(values: string[]): void {
  values.forEach((v, i) => {
    if (!colorByName.has(v)) colorByName.set(v, PALETTE[i % PALETTE.length]);
  });
}

export const BASE: Option = {
  textStyle: { fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif', color: COLORS.text },
  color: PALETTE,
  animationDuration: 300,
  tooltip: {
    backgroundColor: '#111827',
    borderWidth: 0,
    textStyle: { color: '#f9fafb', fontSize: 12 },
    confine: true,
  },
};

export const AXIS_LABEL = { color: COLORS.muted, fontSize: 11 };

/** The colour scale of a count heatmap: 0 .. max, a horizontal legend under the grid. */
export function countScale(max: number, maxLabel: string): Record<string, unknown> {
  return {
    min: 0,
    max: Math.max(1, max),
    calculable: false,
    orient: 'horizontal',
    left: 'center',
    bottom: 4,
    itemHeight: 180,
    itemWidth: 10,
    textStyle: { color: COLORS.muted, fontSize: 11 },
    text: [maxLabel, '0'],
    inRange: { color: ['#f5f7ff', '#c7d2fe', '#818cf8', '#4f46e5', '#312e81'] },
  };
}
export const SPLIT_LINE = { lineStyle: { color: COLORS.grid } };

/** Creates a chart in an element, resizing with it; returns the instance. */
export function mount(el: HTMLElement, option: Option, registry: ECharts[]): ECharts {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({ ...BASE, ...option });
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(el);
  registry.push(chart);
  (chart as unknown as { __ro: ResizeObserver }).__ro = ro;
  return chart;
}

export function disposeAll(registry: ECharts[]): void {
  for (const c of registry.splice(0)) {
    (c as unknown as { __ro?: ResizeObserver }).__ro?.disconnect();
    c.dispose();
  }
}
