// Client of the SupportLens HTTP API (docs/api.md).

import type { Direction, Target, Unit } from './format';

export interface KpiFigure {
  value: number | null;
  n?: number;
  median?: number;
  mean?: number;
  p90?: number;
  reason?: string;
  details?: Array<Record<string, string | number | null>>;
  [extra: string]: unknown;
}

export interface ReportRow {
  group: Record<string, string | null>;
  kpis: Record<string, KpiFigure>;
}

export interface Report {
  window: { from: string; to: string; timezone: string };
  cohort: string;
  business_time: boolean;
  data_version?: number;
  rows: ReportRow[];
}

export interface SeriesPoint extends KpiFigure {
  period: string;
}

export interface Series {
  bucket: string;
  series: Array<{ kpi: string; group: Record<string, string | null>; points: SeriesPoint[] }>;
}

export interface DrillRow {
  record: string;
  id: string;
  at: string;
  value: string;
  counts: string;
}

export interface Rows {
  kpi: string;
  rows: DrillRow[];
}

export interface CatalogEntry {
  id: string;
  name: string;
  category: string;
  unit: Unit;
  direction: Direction;
  formula: string;
  default_target: Target | null;
  available: boolean;
}

export interface Dimensions {
  workspace: string;
  timezone: string;
  first_day: string | null;
  last_day: string | null;
  data_version: number;
  channel: string[];
  team: string[];
  topic: string[];
  priority: string[];
  queue: string[];
  customer_segment: string[];
}

export interface WhoAmI {
  workspace: string;
  role: string;
}

/** GET .../forecast: the volume forecast per interval with its backtest error. */
export interface Forecast {
  kpi: string;
  interval: string;
  timezone: string;
  history: { from: string; to: string; total: number };
  model: { method: string; alpha: number; daily: number; weekly: number };
  backtest: {
    weeks: number;
    intervals: number;
    mape: number;
    wape: number;
    baseline: { method: string; mape: number; wape: number };
  };
  forecast: Array<{ period: string; value: number }>;
}

/** One interval of a staffing plan. */
export interface StaffingPlanInterval {
  period: string;
  calls: number;
  agents: number;
  rostered: number;
  scheduled: number;
  gap: number;
  service_level: number;
  asa: number;
  occupancy: number;
  p_wait: number;
  p_abandon: number;
}

/** GET .../staffing-plan. */
export interface StaffingPlan {
  interval: string;
  timezone: string;
  model: string;
  history: { from: string; to: string; answered_calls: number; abandoned_calls: number; aht_seconds: number; patience_seconds: number | null };
  forecast: { mape: number; wape: number; backtest_weeks: number; baseline: { mape: number; wape: number } };
  intervals: StaffingPlanInterval[];
}

/** GET /v1/staffing: the agents one interval needs. */
export interface Staffing {
  model: string;
  traffic_erlangs: number;
  agents: number;
  service_level: number;
  asa: number;
  occupancy: number;
  p_wait: number;
  p_abandon: number;
  rostered: number;
}

export interface PlanOptions {
  interval?: '15min' | '30min' | 'hour';
  horizonDays?: number;
  backtestWeeks?: number;
  targetSl?: number;
  targetSeconds?: number;
  targetAsa?: number;
  shrinkage?: number;
  maxOccupancy?: number;
  model?: 'erlang-a' | 'erlang-c';
  /** channel or queue only: a plan is not filtered by team or topic. */
  filters?: Record<string, string>;
}

export interface StaffingQuery {
  calls: number;
  intervalMinutes?: number;
  aht: number;
  targetSl?: number;
  targetSeconds?: number;
  shrinkage?: number;
  maxOccupancy?: number;
  patience?: number;
  targetAsa?: number;
}

/** The filters every read shares. */
export interface Filters {
  from: string;
  to: string;
  channel: string;
  team: string;
  topic: string;
  cohort: 'created' | 'event' | 'closed_in_window';
  businessTime: boolean;
}

export interface Query {
  kpi?: string[];
  by?: string[];
  /** Extra DIM=VALUE filters on top of the filter bar (a chart's group). */
  extra?: Record<string, string>;
  /** Overrides of the window. */
  from?: string;
  to?: string;
  bucket?: string;
}

/** Sets each parameter that has a value (empty strings and undefined are left out). */
function setDefined(p: URLSearchParams, values: Record<string, string | number | undefined>): void {
  for (const [name, v] of Object.entries(values)) if (v !== undefined && v !== '') p.set(name, String(v));
}

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  workspace = 'default';

  constructor(
    public key: string,
    public base = '',
  ) {}

  private headers(): HeadersInit {
    return { Authorization: `Bearer ${this.key}`, Accept: 'application/json' };
  }

  async get<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
    const url = `${this.base}${path}${params && [...params].length ? `?${params}` : ''}`;
    let res: Response;
    try {
      res = await fetch(url, { headers: this.headers(), signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    }
    if (!res.ok) {
      let code = 'http';
      let message = `${res.status} ${res.statusText}`;
      try {
        const body = await res.json();
        if (body?.error) {
          code = body.error.code ?? code;
          message = body.error.message ?? message;
        }
      } catch {
        /* not JSON */
      }
      throw new ApiError(res.status, code, message);
    }
    return (await res.json()) as T;
  }

  ws(path: string): string {
    return `/v1/workspaces/${encodeURIComponent(this.workspace)}/${path}`;
  }

  /** The query string of a read: window, filter bar, extra group filters. */
  params(f: Filters, q: Query = {}): URLSearchParams {
    const p = new URLSearchParams();
    p.set('from', q.from ?? f.from);
    p.set('to', q.to ?? f.to);
    if (q.kpi?.length) p.set('kpi', q.kpi.join(','));
    if (q.by?.length) p.set('by', q.by.join(','));
    if (q.bucket) p.set('bucket', q.bucket);
    const filters: Record<string, string> = {};
    if (f.channel) filters.channel = f.channel;
    if (f.team) filters.team = f.team;
    if (f.topic) filters.topic = f.topic;
    Object.assign(filters, q.extra ?? {});
    for (const [k, v] of Object.entries(filters)) p.append('filter', `${k}=${v}`);
    if (f.businessTime) p.set('business_time', 'true');
    if (f.cohort !== 'created') p.set('cohort', f.cohort);
    return p;
  }

  whoami(): Promise<WhoAmI> {
    return this.get('/v1/whoami');
  }
  catalog(): Promise<CatalogEntry[]> {
    return this.get('/v1/kpis');
  }
  dimensions(): Promise<Dimensions> {
    return this.get(this.ws('dimensions'));
  }
  report(f: Filters, q: Query = {}, signal?: AbortSignal): Promise<Report> {
    return this.get(this.ws('report'), this.params(f, q), signal);
  }
  series(f: Filters, q: Query, signal?: AbortSignal): Promise<Series> {
    return this.get(this.ws('series'), this.params(f, { bucket: 'day', ...q }), signal);
  }
  rows(f: Filters, kpi: string, q: Query = {}, signal?: AbortSignal): Promise<Rows> {
    return this.get(this.ws('rows'), this.params(f, { ...q, kpi: [kpi], by: undefined }), signal);
  }

  forecast(
    from: string,
    to: string,
    o: { kpi?: 'ticket_volume' | 'offered_calls'; interval?: string; horizonDays?: number; backtestWeeks?: number; filters?: Record<string, string> } = {},
    signal?: AbortSignal,
  ): Promise<Forecast> {
    const p = new URLSearchParams({ from, to });
    setDefined(p, { kpi: o.kpi, interval: o.interval, horizon_days: o.horizonDays, backtest_weeks: o.backtestWeeks });
    for (const [k, v] of Object.entries(o.filters ?? {})) p.append('filter', `${k}=${v}`);
    return this.get(this.ws('forecast'), p, signal);
  }
  staffingPlan(from: string, to: string, o: PlanOptions = {}, signal?: AbortSignal): Promise<StaffingPlan> {
    const p = new URLSearchParams({ from, to });
    setDefined(p, {
      interval: o.interval, horizon_days: o.horizonDays, backtest_weeks: o.backtestWeeks, target_sl: o.targetSl,
      target_seconds: o.targetSeconds, target_asa: o.targetAsa, shrinkage: o.shrinkage, max_occupancy: o.maxOccupancy,
      model: o.model,
    });
    for (const [k, v] of Object.entries(o.filters ?? {})) p.append('filter', `${k}=${v}`);
    return this.get(this.ws('staffing-plan'), p, signal);
  }
  staffing(q: StaffingQuery, signal?: AbortSignal): Promise<Staffing> {
    const p = new URLSearchParams({ calls: String(q.calls), aht: String(q.aht) });
    setDefined(p, {
      interval_minutes: q.intervalMinutes, target_sl: q.targetSl, target_seconds: q.targetSeconds, shrinkage: q.shrinkage,
      max_occupancy: q.maxOccupancy, patience: q.patience, target_asa: q.targetAsa,
    });
    return this.get('/v1/staffing', p, signal);
  }

  /** A GET URL carrying the key as access_token (download links, EventSource). */
  tokenUrl(path: string, params: URLSearchParams): string {
    const p = new URLSearchParams(params);
    p.set('access_token', this.key);
    return `${this.base}${this.ws(path)}?${p}`;
  }
  exportCsvUrl(f: Filters, q: Query): string {
    return this.tokenUrl('export.csv', this.params(f, q));
  }
  rowsCsvUrl(f: Filters, kpi: string, q: Query = {}): string {
    return this.tokenUrl('rows.csv', this.params(f, { ...q, kpi: [kpi], by: undefined }));
  }
  liveUrl(f: Filters, kpis: string[]): string {
    return this.tokenUrl('live', this.params(f, { kpi: kpis }));
  }
}

/** The figure of a KPI in the first row of a report (the ungrouped total). */
export function figure(r: Report | null | undefined, kpi: string): KpiFigure | undefined {
  return r?.rows?.[0]?.kpis?.[kpi];
}

/** Marks a promise as handled (its rejection is still seen by whoever awaits it later). */
export function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
