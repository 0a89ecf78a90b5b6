// Client of the SupportLens HTTP API (docs/api.md).

import type { Direction, Target, TargetState, Unit } from './format';

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

/** A ticket of GET .../sentiment/tickets: the mean score of its customer messages (0-100). */
export interface TicketSentiment {
  ticket_id: string;
  created_at: string;
  channel: string;
  topic: string;
  customer_id: string;
  agent: string;
  open: boolean;
  score: number;
  first_score: number;
  last_score: number;
  /** last_score - first_score. */
  trend: number;
  messages: Array<{ at: string; score: number }>;
}

/** A customer of GET .../sentiment/customers, over their tickets created in the window. */
export interface CustomerSentiment {
  customer_id: string;
  segment: string;
  tickets: number;
  open_tickets: number;
  messages: number;
  score: number;
  first_score: number;
  last_score: number;
  trend: number;
}

/** GET .../phrases: phrases whose share of tickets rose against the periods before. */
export interface PhraseTrends {
  from: string;
  to: string;
  previous_periods: number;
  tickets: number;
  previous_tickets: number;
  rising: Array<{ phrase: string; tickets: number; previous_tickets: number; share: number; previous_share: number; change: number; z: number }>;
}

/** Negative feedback received through the ingest API (GET .../feedback, live `feedback` events). */
export interface FeedbackItem {
  seq: number;
  kind: 'message' | 'survey';
  id: string;
  ticket_id: string;
  at: string;
  text: string;
  /** Messages: the sentiment score 0-100; surveys: the answer on its own scale. */
  score: number;
  received_at: string;
  compound?: number;
  survey_kind?: string;
  customer_id?: string;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  last_seq: number;
}

/** A target's scope: null for the whole workspace, else one dimension and value ({"channel": "chat"}). */
export type TargetScope = Record<string, string> | null;

/** A target of GET .../targets: set by an admin (with its id) or a catalog default (docs/targets.md). */
export interface StoredTarget {
  id?: number;
  kpi: string;
  scope: TargetScope;
  op: '>=' | '<=' | 'between';
  value: number;
  /** The upper bound of a band. */
  upper?: number;
  deadline: string | null;
  warning_pct: number;
  source: 'set' | 'catalog';
}

/** A target's status over a window (GET .../targets/status). */
export interface TargetStatusRow {
  kpi: string;
  scope: TargetScope;
  /** The bound in the KPI's raw unit: ">= 60", "<= 120" or "70 .. 80". */
  target: string;
  actual: number | null;
  n: number;
  status: TargetState;
  /** The weekly trend's value at the deadline. */
  projected: number | null;
  deadline: string | null;
  source: 'set' | 'catalog';
  reason: string;
}

export interface TargetCheck {
  from: string;
  to: string;
  timezone: string;
  breached: boolean;
  targets: TargetStatusRow[];
}

/** The body of PUT .../targets: min, max, or both for a band. */
export interface TargetBody {
  kpi: string;
  scope: TargetScope;
  min?: number;
  max?: number;
  deadline?: string;
  warning_pct?: number;
}

/** A delivery of an alert or its recovery to a sink (a log file or a webhook). */
export interface AlertDelivery {
  sink: number;
  event: 'alert' | 'recovery';
  /** "dead": every attempt failed (the dead letter). */
  status: 'delivered' | 'dead';
  attempts: number;
  /** The last attempt's error, "" when delivered. */
  error: string;
  at: string;
}

/** An alert of GET .../alerts, raised by a rule ("rule:1") or a target set ("target:3"); docs/alerts.md. */
export interface Alert {
  id: number;
  rule: string;
  kpi: string;
  /** DIM=VALUE ("channel=chat"), "" for the whole workspace. */
  scope: string;
  opened_at: string;
  /** null while the alert is open. */
  closed_at: string | null;
  /** The KPI's last value, in its raw unit. */
  value: number | null;
  message: string;
  deliveries: AlertDelivery[];
}

/** A week in which a KPI moved: min_change % or more away from the mean of the weeks before it. */
export interface LeadLagMove {
  /** ISO week, "2026-W41". */
  week: string;
  value: number;
  /** The mean of the (up to baseline_weeks) weeks before. */
  baseline: number;
  change_pct: number;
  /** worse or better for a KPI with a direction, up or down for one without. */
  sense: 'worse' | 'better' | 'up' | 'down';
}

/** A leading or lagging KPI week by week (GET .../lead-lag). */
export interface LeadLagKpi {
  kpi: string;
  name: string;
  unit: Unit;
  direction: Direction;
  /** One per week of the analysis, null for a week without data. */
  values: Array<number | null>;
  moves: LeadLagMove[];
}

/** A lagging KPI's move preceded by a leading KPI's move the same way, borne out by their lagged correlation. */
export interface LeadLagLink {
  lagging: string;
  lagging_week: string;
  lagging_change_pct: number;
  lagging_sense: LeadLagMove['sense'];
  leading: string;
  leading_week: string;
  leading_change_pct: number;
  leading_sense: LeadLagMove['sense'];
  lead_weeks: number;
  correlation: number | null;
}

/** GET .../lead-lag: whole ISO weeks [from, to), the KPIs of each group, the links newest first. */
export interface LeadLag {
  from: string;
  to: string;
  timezone: string;
  weeks: string[];
  leading: LeadLagKpi[];
  lagging: LeadLagKpi[];
  links: LeadLagLink[];
}

export interface LeadLagOptions {
  /** Both or neither: without them, the latest `weeks` whole weeks. */
  from?: string;
  to?: string;
  weeks?: number;
  minChange?: number;
  baselineWeeks?: number;
  maxLeadWeeks?: number;
}

export type AlertRuleKind = 'threshold' | 'change' | 'anomaly';

/** An alert rule of GET .../alerts/rules (docs/alerts.md). */
export interface AlertRule {
  id: number;
  kpi: string;
  scope: TargetScope;
  kind: AlertRuleKind;
  /** Threshold rules: ">=" (stay at least value) or "<=" (stay at most value); "" otherwise. */
  op: '>=' | '<=' | '';
  /** The bound (threshold, raw unit), the percent (change) or the z (anomaly). */
  value: number;
  /** The period (threshold, change) or the days of history (anomaly). */
  days: number;
}

/** Where alerts and recoveries go: a log file or a webhook (its secret is never returned). */
export interface AlertSink {
  id: number;
  kind: 'log' | 'webhook';
  target: string;
}

/** The body of POST .../alerts/rules. */
export interface AlertRuleBody {
  kpi: string;
  scope?: Record<string, string>;
  kind: AlertRuleKind;
  min?: number;
  max?: number;
  percent?: number;
  z?: number;
  days?: number;
}

/**
 * The body of POST .../alerts/sinks: a webhook, with the secret that signs its payloads. A log file
 * is added on the server's machine only (`supportlens alerts sink add --log FILE`); the API refuses it.
 */
export interface AlertSinkBody {
  kind: 'webhook';
  target: string;
  secret: string;
}

/** The templates of docs/reports.md a schedule runs. */
export type ReportTemplate = 'weekly-ops' | 'monthly-satisfaction' | 'agent-scorecard';

/** A report schedule of GET .../schedules (docs/reports.md); its webhook's secret is never returned. */
export interface ReportSchedule {
  id: number;
  template: ReportTemplate;
  /** Weeks run on Mondays over the Monday-to-Sunday week just ended; months on the 1st over the month just ended. */
  every: 'week' | 'month';
  format: 'html' | 'pdf';
  /** The hour of the run, local time of the workspace (0-23). */
  hour: number;
  deliver: 'folder' | 'webhook';
  /** The folder on the server's disk, or the webhook's URL. */
  target: string;
  /** An ISO instant (UTC). */
  next_run: string;
}

/** A run of a schedule: the period [from, to) it reported and how its delivery went. */
export interface ReportRun {
  schedule: number;
  template: ReportTemplate;
  from: string;
  to: string;
  status: 'delivered' | 'failed';
  attempts: number;
  /** The file written (or sent) when delivered, the error when failed. */
  detail: string;
  /** When it ran (ISO instant). */
  at: string;
}

/**
 * The body of POST .../schedules: a folder (a plain name under the server's --reports-dir), or a
 * webhook with the secret that signs the reports.
 */
export interface ReportScheduleBody {
  template: ReportTemplate;
  every: 'week' | 'month';
  format: 'html' | 'pdf';
  hour: number;
  folder?: string;
  webhook?: string;
  secret?: string;
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

  get<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, params, undefined, signal);
  }

  /** One request; an answer other than 2xx throws an ApiError with the server's code and message. */
  private async send<T>(method: string, path: string, params?: URLSearchParams, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = `${this.base}${path}${params && [...params].length ? `?${params}` : ''}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${this.key}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'The server cannot be reached.');
    }
    if (!res.ok) {
      let code = 'http';
      let message = `${res.status} ${res.statusText}`;
      try {
        const err = await res.json();
        if (err?.error) {
          code = err.error.code ?? code;
          message = err.error.message ?? message;
        }
      } catch {
        /* not JSON */
      }
      throw new ApiError(res.status, code, message);
    }
    // DELETE answers 204 without a body.
    if (res.status === 204) return undefined as T;
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

  /** The window and the dimension filters of the text reads, which have no cohort or business time. */
  private textParams(f: Filters, dims: Array<'channel' | 'team' | 'topic'>, values: Record<string, string | number | undefined>): URLSearchParams {
    const p = new URLSearchParams({ from: f.from, to: f.to });
    setDefined(p, values);
    for (const d of dims) if (f[d]) p.append('filter', `${d}=${f[d]}`);
    return p;
  }
  sentimentTickets(f: Filters, o: { open?: boolean; limit?: number } = {}, signal?: AbortSignal): Promise<{ tickets: TicketSentiment[] }> {
    const p = this.textParams(f, ['channel', 'team', 'topic'], { open: o.open === undefined ? undefined : String(o.open), limit: o.limit });
    return this.get(this.ws('sentiment/tickets'), p, signal);
  }
  sentimentCustomers(f: Filters, o: { open?: boolean; limit?: number } = {}, signal?: AbortSignal): Promise<{ customers: CustomerSentiment[] }> {
    const p = this.textParams(f, ['channel', 'team', 'topic'], { open: o.open === undefined ? undefined : String(o.open), limit: o.limit });
    return this.get(this.ws('sentiment/customers'), p, signal);
  }
  /** Phrases read ticket fields only: the team filter (of the credited agent) does not apply. */
  phrases(f: Filters, o: { previous?: number; top?: number; minTickets?: number } = {}, signal?: AbortSignal): Promise<PhraseTrends> {
    return this.get(this.ws('phrases'), this.textParams(f, ['channel', 'topic'], { previous: o.previous, top: o.top, min_tickets: o.minTickets }), signal);
  }
  feedback(after = 0, limit = 500, signal?: AbortSignal): Promise<FeedbackPage> {
    return this.get(this.ws('feedback'), new URLSearchParams({ after: String(after), limit: String(limit) }), signal);
  }

  /** The targets set, then (unless setOnly) the catalog's defaults for the KPIs and scopes without one. */
  targets(setOnly = false, signal?: AbortSignal): Promise<{ targets: StoredTarget[] }> {
    return this.get(this.ws('targets'), new URLSearchParams({ set_only: String(setOnly) }), signal);
  }
  /** Every target's status over [from, to): a target has its own scope, so the filter bar's dimensions do not apply. */
  targetStatus(from: string, to: string, onlySet: boolean, signal?: AbortSignal): Promise<TargetCheck> {
    return this.get(this.ws('targets/status'), new URLSearchParams({ from, to, only_set: String(onlySet) }), signal);
  }
  /** Sets or replaces the target of a KPI and scope (admin keys only). */
  setTarget(body: TargetBody): Promise<StoredTarget> {
    return this.send('PUT', this.ws('targets'), undefined, body);
  }
  deleteTarget(id: number): Promise<void> {
    return this.send('DELETE', this.ws(`targets/${id}`));
  }

  /** Every alert raised by the workspace's rules and targets, newest first, with its deliveries. */
  alerts(signal?: AbortSignal): Promise<{ alerts: Alert[] }> {
    return this.get(this.ws('alerts'), undefined, signal);
  }
  alertRules(signal?: AbortSignal): Promise<{ rules: AlertRule[]; sinks: AlertSink[] }> {
    return this.get(this.ws('alerts/rules'), undefined, signal);
  }
  /** Adds an alert rule (admin keys only); a 400 names the field that is wrong. */
  addAlertRule(body: AlertRuleBody): Promise<AlertRule> {
    return this.send('POST', this.ws('alerts/rules'), undefined, body);
  }
  deleteAlertRule(id: number): Promise<void> {
    return this.send('DELETE', this.ws(`alerts/rules/${id}`));
  }
  /** Adds a webhook (admin keys only); a 400 names the field that is wrong. */
  addAlertSink(body: AlertSinkBody): Promise<AlertSink> {
    return this.send('POST', this.ws('alerts/sinks'), undefined, body);
  }
  /** Deletes a sink of either kind (admin keys only); 404 when there is none with that id. */
  deleteAlertSink(id: number): Promise<void> {
    return this.send('DELETE', this.ws(`alerts/sinks/${id}`));
  }

  /** The report schedules, without their secrets, and their 20 latest runs, newest first. */
  schedules(signal?: AbortSignal): Promise<{ schedules: ReportSchedule[]; runs: ReportRun[] }> {
    return this.get(this.ws('schedules'), undefined, signal);
  }
  /** Adds a report schedule (admin keys only); a 400 names the field that is wrong. */
  addSchedule(body: ReportScheduleBody): Promise<ReportSchedule> {
    return this.send('POST', this.ws('schedules'), undefined, body);
  }
  /** Deletes a report schedule (admin keys only); 404 when there is none with that id. */
  deleteSchedule(id: number): Promise<void> {
    return this.send('DELETE', this.ws(`schedules/${id}`));
  }

  /** Leading and lagging KPIs week by week over the whole workspace (no filters apply). */
  leadLag(o: LeadLagOptions = {}, signal?: AbortSignal): Promise<LeadLag> {
    const p = new URLSearchParams();
    setDefined(p, { from: o.from, to: o.to, weeks: o.weeks, min_change: o.minChange, baseline_weeks: o.baselineWeeks, max_lead_weeks: o.maxLeadWeeks });
    return this.get(this.ws('lead-lag'), p, signal);
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
