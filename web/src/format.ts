// Number, duration, date and status formatters of the dashboard.
//
// Every figure the dashboard shows goes through this module, so that a test can
// derive the exact text of a tile from the API number: `formatKpiValue(value, unit)`.
// The rules (documented in docs/dashboard.md):
//
// - missing value (null, undefined, NaN)      -> "—"
// - unit "seconds"   -> formatDuration: "49s", "41m 19s", "4h 12m", "2d 10h"
// - unit "percent"   -> one decimal and a percent sign: "78.99" -> "79.0%"
// - unit "nps"       -> one decimal, sign only when negative: "27.8", "-12.5"
// - unit "count"     -> en-US grouping, at most two decimals: "10,977", "1.44"
// - unit "score"     -> two decimals: "5.25"
// - unit "per_hour"  -> two decimals and "/h": "1.46/h"
// - unit "currency"  -> en-US grouping, two decimals: "28.44"
// - anything else    -> like "count"

export type Unit = 'seconds' | 'percent' | 'nps' | 'count' | 'score' | 'per_hour' | 'currency' | string;
export type Direction = 'higher_is_better' | 'lower_is_better' | 'none' | 'band' | string;

export interface Target {
  op: '>=' | '<=' | 'between' | string;
  value: number;
  upper: number;
  field?: string;
}

export type TargetStatus = 'met' | 'at_risk' | 'missed' | 'none';

export const MISSING = '—';

function missing(v: number | null | undefined): v is null | undefined {
  return v === null || v === undefined || typeof v !== 'number' || !Number.isFinite(v);
}

const countFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const currencyFmt = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const intFmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Seconds as a short human duration, two units at most, zero minor units dropped. */
export function formatDuration(seconds: number | null | undefined): string {
  if (missing(seconds)) return MISSING;
  const neg = seconds < 0;
  const t = Math.round(Math.abs(seconds));
  let out: string;
  if (t < 60) {
    out = `${t}s`;
  } else if (t < 3600) {
    const m = Math.floor(t / 60);
    const s = t % 60;
    out = s ? `${m}m ${s}s` : `${m}m`;
  } else if (t < 86400) {
    const h = Math.floor(t / 3600);
    const m = Math.floor((t % 3600) / 60);
    out = m ? `${h}h ${m}m` : `${h}h`;
  } else {
    const d = Math.floor(t / 86400);
    const h = Math.floor((t % 86400) / 3600);
    out = h ? `${d}d ${h}h` : `${d}d`;
  }
  return neg ? `-${out}` : out;
}

export function formatPercent(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return `${fixed(v, 1)}%`;
}

export function formatNps(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return fixed(v, 1);
}

export function formatCount(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return countFmt.format(v);
}

export function formatInteger(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return intFmt.format(v);
}

export function formatScore(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return fixed(v, 2);
}

export function formatPerHour(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return `${fixed(v, 2)}/h`;
}

export function formatCurrency(v: number | null | undefined): string {
  if (missing(v)) return MISSING;
  return currencyFmt.format(v);
}

/** toFixed without "-0.0". */
function fixed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** The text of a KPI figure: the function the overview tiles use. */
export function formatKpiValue(value: number | null | undefined, unit: Unit): string {
  switch (unit) {
    case 'seconds':
      return formatDuration(value);
    case 'percent':
      return formatPercent(value);
    case 'nps':
      return formatNps(value);
    case 'score':
      return formatScore(value);
    case 'per_hour':
      return formatPerHour(value);
    case 'currency':
      return formatCurrency(value);
    default:
      return formatCount(value);
  }
}

/** A target as text: "≥ 85.0%", "≤ 1h", "70.0%–80.0%". */
export function formatTarget(target: Target | null | undefined, unit: Unit): string {
  if (!target) return '';
  if (target.op === 'between') {
    return `${formatKpiValue(target.value, unit)}–${formatKpiValue(target.upper, unit)}`;
  }
  const sym = target.op === '>=' ? '≥' : target.op === '<=' ? '≤' : target.op;
  return `${sym} ${formatKpiValue(target.value, unit)}`;
}

/**
 * How far off a target may be and still count as "at risk" rather than "missed":
 * 5 points for percentages and NPS, 10 % of the target otherwise (at least 1 for counts).
 */
export function riskTolerance(target: Target, unit: Unit): number {
  if (unit === 'percent' || unit === 'nps') return 5;
  const base = Math.abs(target.op === 'between' ? target.upper : target.value);
  const tol = base * 0.1;
  return unit === 'count' ? Math.max(tol, 1) : tol;
}

/**
 * met: the value satisfies the target; at_risk: it misses by no more than riskTolerance;
 * missed: further off; none: no target or no value.
 */
export function targetStatus(value: number | null | undefined, target: Target | null | undefined, unit: Unit): TargetStatus {
  if (missing(value) || !target) return 'none';
  const tol = riskTolerance(target, unit);
  let gap: number;
  if (target.op === '>=') gap = target.value - value;
  else if (target.op === '<=') gap = value - target.value;
  else if (target.op === 'between') gap = value < target.value ? target.value - value : value - target.upper;
  else return 'none';
  if (gap <= 0) return 'met';
  return gap <= tol ? 'at_risk' : 'missed';
}

export const STATUS_LABEL: Record<TargetStatus, string> = {
  met: 'On target',
  at_risk: 'At risk',
  missed: 'Off target',
  none: 'No target',
};

// ---- targets set by an admin (docs/targets.md) --------------------------------

/** The status of a target over a window, as GET .../targets/status gives it. */
export type TargetState = 'on_track' | 'at_risk' | 'breached' | 'no_data';

export const TARGET_STATE_LABEL: Record<TargetState, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  no_data: 'No data',
};

/** The tile status whose colours a target status takes: on track green, at risk amber, breached red. */
export const TARGET_STATE_STATUS: Record<TargetState, TargetStatus> = {
  on_track: 'met',
  at_risk: 'at_risk',
  breached: 'missed',
  no_data: 'none',
};

/** The API's text of a bound (">= 60", "<= 120", "70 .. 80", raw units) as a Target; null when it is none of these. */
export function parseTarget(text: string | null | undefined): Target | null {
  const s = (text ?? '').trim();
  const num = (x: string) => (x.trim() === '' ? NaN : Number(x));
  const one = /^(>=|<=)\s*(\S+)$/.exec(s);
  if (one) {
    const value = num(one[2]);
    return Number.isFinite(value) ? { op: one[1], value, upper: 0 } : null;
  }
  const band = /^(\S+)\s*\.\.\s*(\S+)$/.exec(s);
  if (band) {
    const value = num(band[1]);
    const upper = num(band[2]);
    return Number.isFinite(value) && Number.isFinite(upper) ? { op: 'between', value, upper } : null;
  }
  return null;
}

/** The API's text of a bound in the KPI's unit: "<= 120" of seconds -> "≤ 2m"; text it cannot read stays as it is. */
export function formatTargetText(text: string, unit: Unit): string {
  const t = parseTarget(text);
  return t ? formatTarget(t, unit) : text;
}

/** A target's scope: null -> "Workspace", {"channel": "chat"} -> "Channel: Chat". */
export function formatScope(scope: Record<string, string> | null | undefined): string {
  const [dim, value] = Object.entries(scope ?? {})[0] ?? [];
  return dim === undefined ? 'Workspace' : `${label(dim)}: ${label(value)}`;
}

export interface Delta {
  text: string;
  /** Sign of the change: up, down or flat. */
  move: 'up' | 'down' | 'flat';
  /** Whether the change is good news: good, bad or neutral. */
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * Change against the previous period. Percent and NPS figures change in points
 * ("+1.2 pts"), durations in time ("-12m"), everything else relatively ("+4.3%").
 */
export function formatDelta(current: number | null | undefined, previous: number | null | undefined, unit: Unit, direction: Direction): Delta | null {
  if (missing(current) || missing(previous)) return null;
  const diff = current - previous;
  let text: string;
  let flat: boolean;
  if (unit === 'percent' || unit === 'nps') {
    flat = Math.abs(diff) < 0.05;
    text = formatPoints(diff);
  } else if (unit === 'seconds') {
    flat = Math.round(Math.abs(diff)) === 0;
    text = flat ? 'no change' : `${diff > 0 ? '+' : '-'}${formatDuration(Math.abs(diff))}`;
  } else {
    if (previous === 0) {
      flat = diff === 0;
      text = flat ? '0.0%' : 'new';
    } else {
      const rel = (diff / Math.abs(previous)) * 100;
      flat = Math.abs(rel) < 0.05;
      text = flat ? '0.0%' : `${rel > 0 ? '+' : '-'}${Math.abs(rel).toFixed(1)}%`;
    }
  }
  const move = flat ? 'flat' : diff > 0 ? 'up' : 'down';
  let tone: Delta['tone'] = 'neutral';
  if (!flat && direction === 'higher_is_better') tone = diff > 0 ? 'good' : 'bad';
  if (!flat && direction === 'lower_is_better') tone = diff < 0 ? 'good' : 'bad';
  return { text, move, tone };
}

/** A change in percentage points: "+1.4 pts", "-0.3 pts", "0.0 pts" under 0.05. */
export function formatPoints(diff: number | null | undefined): string {
  if (missing(diff)) return MISSING;
  return Math.abs(diff) < 0.05 ? '0.0 pts' : `${diff > 0 ? '+' : '-'}${Math.abs(diff).toFixed(1)} pts`;
}

/** A signed change of a score, two decimals: "+43.64", "-5.00", "0.00" (no sign for no change). */
export function formatTrend(diff: number | null | undefined): string {
  if (missing(diff)) return MISSING;
  if (Math.abs(diff) < 0.005) return '0.00';
  return `${diff > 0 ? '+' : '-'}${Math.abs(diff).toFixed(2)}`;
}

// ---- dates -----------------------------------------------------------------

/** Adds days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d) + days * 86400000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Days from a to b (b exclusive), both YYYY-MM-DD. */
export function daysBetween(a: string, b: string): number {
  const pa = a.split('-').map(Number);
  const pb = b.split('-').map(Number);
  return Math.round((Date.UTC(pb[0], pb[1] - 1, pb[2]) - Date.UTC(pa[0], pa[1] - 1, pa[2])) / 86400000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-01-05" -> "5 Jan 2026" (or "5 Jan" without the year). */
export function formatDay(day: string, withYear = true): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return withYear ? `${d} ${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]}`;
}

/** A window [from, to) as "5 Jan – 1 Feb 2026" (to is exclusive, the last day shown is to - 1). */
export function formatWindow(from: string, to: string): string {
  const last = addDays(to, -1);
  const sameYear = from.slice(0, 4) === last.slice(0, 4);
  return `${formatDay(from, !sameYear)} – ${formatDay(last)}`;
}

/** An ISO instant in a time zone as "21 Jan 2026, 14:49". */
export function formatInstant(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return MISSING;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')}`;
}

/** Local weekday (0 = Monday) and hour of an ISO instant in a time zone. */
export function weekdayHour(iso: string, timeZone?: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const wd = parts.find((p) => p.type === 'weekday')?.value ?? 'Mon';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
  return { weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(wd), hour };
}

/** Weekday (0 = Monday) of a YYYY-MM-DD date. */
export function weekdayOfDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Wall-clock time "14:05:09" of a Date in the browser's zone. */
export function formatClock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Humanizes dimension values: "customer_segment" -> "Customer segment", null -> "(none)". */
export function label(v: string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '(none)';
  const s = String(v).replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
