// What every view gets from the app shell.

import type { Api, CatalogEntry, Dimensions, DrillRow, Filters } from './api';
import type { ECharts } from './charts';

export interface DrillSpec {
  /** Headline of the panel, e.g. "First reply time · email". */
  title: string;
  kpi: string;
  /** The chart's group as DIM=VALUE filters (channel, team, topic, agent, ...). */
  extra?: Record<string, string>;
  /** A narrower window (a day of a time series). */
  from?: string;
  to?: string;
  /** Rows kept on top of the server's answer, for groups the API cannot filter on (a score, an hour). */
  predicate?: (row: DrillRow) => boolean;
  /** Says what the predicate keeps. */
  note?: string;
}

export interface Ctx {
  api: Api;
  catalog: Map<string, CatalogEntry>;
  dims: Dimensions;
  filters: Filters;
  timezone: string;
  /** The key's role (GET /v1/whoami): admin keys may change settings such as targets. */
  role: string;
  drill: (spec: DrillSpec) => void;
  setFilters: (patch: Partial<Filters>) => void;
  charts: ECharts[];
  signal: AbortSignal;
}

export interface View {
  render(root: HTMLElement, ctx: Ctx): Promise<void>;
  /** A new live report (overview KPIs with the current filters). */
  live?(report: import('./api').Report, ctx: Ctx): void;
  /**
   * Negative feedback from the live stream, oldest first. `replace`: the server's list restarted
   * (the server did), so these items are all there is.
   */
  feedback?(items: import('./api').FeedbackItem[], ctx: Ctx, replace?: boolean): void;
}

export function unitOf(ctx: Ctx, kpi: string): string {
  return ctx.catalog.get(kpi)?.unit ?? 'count';
}

export function nameOf(ctx: Ctx, kpi: string): string {
  return ctx.catalog.get(kpi)?.name ?? kpi;
}
