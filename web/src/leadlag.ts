// Leading and lagging KPIs on the overview (GET .../lead-lag): which weeks the panel asks for,
// and the texts of its values, move badges and links. No DOM here, so that tests can check them.

import type { LeadLag, LeadLagKpi, LeadLagLink, LeadLagMove } from './api';
import { addDays, daysBetween, weekdayOfDay } from './format';

/** Weeks the panel looks back at least: a move needs weeks before it, a link a correlation over several. */
export const LEAD_LAG_WEEKS = 12;
/** The server's limit on an explicit range. */
export const LEAD_LAG_MAX_WEEKS = 260;
/** The server's defaults, for the texts that explain a move and a link. */
export const MOVE_MIN_CHANGE = 10;
export const MOVE_BASELINE_WEEKS = 4;
export const MAX_LEAD_WEEKS = 3;
/** The lagged correlation needs five pairs of weeks: six weeks at a lead of one. */
export const LINK_MIN_WEEKS = 6;
/** Links listed before "show all". */
export const LINKS_SHOWN = 5;

/** The Monday on or before a YYYY-MM-DD day. */
export function mondayOf(day: string): string {
  return addDays(day, -weekdayOfDay(day));
}

/** The first Monday on or after a day. */
function mondayFrom(day: string): string {
  return weekdayOfDay(day) === 0 ? day : addDays(mondayOf(day), 7);
}

/**
 * The whole ISO weeks [from, to) the panel asks for: those ending with the last whole week of the
 * window (a week cut short would look like a fall in every volume), the window's own weeks when it
 * holds LEAD_LAG_WEEKS or more, otherwise the LEAD_LAG_WEEKS up to its end; none before the first
 * whole week of data or after the last. null when that leaves fewer than two weeks: the server's
 * default (the latest weeks of data) is shown instead.
 */
export function leadLagRange(
  window: { from: string; to: string },
  data: { firstDay: string | null; lastDay: string | null },
): { from: string; to: string } | null {
  let to = mondayOf(window.to);
  if (data.lastDay) {
    const lastWhole = mondayOf(addDays(data.lastDay, 1));
    if (lastWhole < to) to = lastWhole;
  }
  const ownStart = mondayFrom(window.from);
  const longest = addDays(to, -7 * LEAD_LAG_MAX_WEEKS);
  let from = addDays(to, -7 * LEAD_LAG_WEEKS);
  if (ownStart < from) from = ownStart;
  if (from < longest) from = longest;
  if (data.firstDay) {
    const firstWhole = mondayFrom(data.firstDay);
    if (firstWhole > from) from = firstWhole;
  }
  return daysBetween(from, to) >= 14 ? { from, to } : null;
}

/** The Monday of an ISO week label ("2026-W05" -> "2026-01-26"); the label itself when it is not one. */
export function weekMonday(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return week;
  // Week 1 is the week with 4 January in it.
  const jan4 = `${m[1]}-01-04`;
  return addDays(mondayOf(jan4), 7 * (Number(m[2]) - 1));
}

/** "2026-W05" -> "W05". */
export function shortWeek(week: string): string {
  return week.replace(/^\d{4}-/, '');
}

/** A KPI's name in a sentence: its abbreviation when the name ends with one ("Customer satisfaction (CSAT)" -> "CSAT"). */
export function shortKpiName(name: string): string {
  const m = /\(([A-Z]{2,})\)$/.exec(name.trim());
  return m ? m[1] : name;
}

/** The size of a change: whole percent from 10 on, one decimal below ("60%", "92.7" -> "93%", "8.5%"). */
export function formatChangeSize(pct: number): string {
  const a = Math.abs(pct);
  // 9.96 rounds to one decimal as 10.0: it reads as 10% like the rest from 10 on.
  return `${Math.round(a * 10) / 10 >= 10 ? Math.round(a) : a.toFixed(1)}%`;
}

/** A change with its sign: "+81%", "-62%". */
export function formatChange(pct: number): string {
  return `${pct < 0 ? '-' : '+'}${formatChangeSize(pct)}`;
}

export type MoveTone = 'bad' | 'good' | 'neutral';

export const SENSE_LABEL: Record<LeadLagMove['sense'], string> = { worse: 'Worse', better: 'Better', up: 'Up', down: 'Down' };

export function senseTone(sense: string): MoveTone {
  return sense === 'worse' ? 'bad' : sense === 'better' ? 'good' : 'neutral';
}

/** The newest move of a KPI (the API lists them week by week), undefined when it held steady. */
export function latestMove(k: LeadLagKpi): LeadLagMove | undefined {
  return k.moves[k.moves.length - 1];
}

/** The badge of a KPI's newest move: "Worse +81% · W04", or "Steady". */
export function moveBadge(move: LeadLagMove | undefined): { text: string; tone: MoveTone | 'none'; sense: string } {
  if (!move) return { text: 'Steady', tone: 'none', sense: 'steady' };
  return { text: `${SENSE_LABEL[move.sense] ?? move.sense} ${formatChange(move.change_pct)} · ${shortWeek(move.week)}`, tone: senseTone(move.sense), sense: move.sense };
}

/** The newest week with a value, and that value. */
export function latestValue(k: LeadLagKpi, weeks: string[]): { value: number | null; week: string | null } {
  for (let i = k.values.length - 1; i >= 0; i--) {
    const v = k.values[i];
    if (v !== null && v !== undefined) return { value: v, week: weeks[i] ?? null };
  }
  return { value: null, week: null };
}

/** "fell" / "had fallen" for a fall, "rose" / "had risen" for a rise. */
function verbs(pct: number): { past: string; perfect: string } {
  return pct < 0 ? { past: 'fell', perfect: 'had fallen' } : { past: 'rose', perfect: 'had risen' };
}

/**
 * A link in words: "CSAT fell 60% in 2026-W47 — CES easy share had fallen 100% in 2026-W46
 * (1 week before, r = 0.91)". name gives a KPI id's name.
 */
export function linkSentence(l: LeadLagLink, name: (kpi: string) => string): string {
  const lag = verbs(l.lagging_change_pct);
  const lead = verbs(l.leading_change_pct);
  const before = `${l.lead_weeks} ${l.lead_weeks === 1 ? 'week' : 'weeks'} before`;
  const r = l.correlation === null || l.correlation === undefined ? '' : `, r = ${l.correlation.toFixed(2)}`;
  return (
    `${shortKpiName(name(l.lagging))} ${lag.past} ${formatChangeSize(l.lagging_change_pct)} in ${l.lagging_week} — ` +
    `${shortKpiName(name(l.leading))} ${lead.perfect} ${formatChangeSize(l.leading_change_pct)} in ${l.leading_week} (${before}${r})`
  );
}

/** The names of the KPIs of an analysis by id. */
export function kpiNames(a: LeadLag): Map<string, string> {
  return new Map([...a.leading, ...a.lagging].map((k) => [k.kpi, k.name]));
}

/** What the links panel says when it has none: whether anything lagging moved, and why no link. */
export function linksEmptyText(a: LeadLag): { title: string; detail: string } {
  const lagMoves = a.lagging.reduce((n, k) => n + k.moves.length, 0);
  const weeks = a.weeks.length;
  if (!lagMoves) {
    return {
      title: 'No lagging KPI moved in these weeks',
      detail: `A move is a week ${MOVE_MIN_CHANGE}% or more away from the mean of the ${MOVE_BASELINE_WEEKS} weeks before it.`,
    };
  }
  const short = weeks < LINK_MIN_WEEKS ? ` A link needs ${LINK_MIN_WEEKS} weeks or more to correlate; these are ${weeks}.` : '';
  return {
    title: 'No leading KPI moved first',
    detail:
      `${lagMoves} lagging ${lagMoves === 1 ? 'move' : 'moves'} in these ${weeks} weeks, none preceded 1 to ${MAX_LEAD_WEEKS} weeks ` +
      `earlier by a leading move the same way that the weekly values bear out.${short}`,
  };
}

/** Where week i's value sits in a width x height box: the weeks spread evenly, the values between their min and max. */
function sparkScale(values: Array<number | null>, width: number, height: number, pad: number): (i: number) => { x: number; y: number } | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const round = (n: number) => Math.round(n * 10) / 10;
  return (i) => {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) return null;
    const x = values.length > 1 ? pad + (i * (width - 2 * pad)) / (values.length - 1) : width / 2;
    // A flat series sits in the middle.
    const y = hi === lo ? height / 2 : pad + ((hi - v) / (hi - lo)) * (height - 2 * pad);
    return { x: round(x), y: round(y) };
  };
}

/**
 * The path of a sparkline of weekly values in a width x height box: one line per run of weeks with
 * values (a week without data breaks it), a lone week as a dot. "" without values.
 */
export function sparkPath(values: Array<number | null>, width: number, height: number, pad = 2): string {
  const at = sparkScale(values, width, height, pad);
  const parts: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) parts.push(`M${run[0]}h0`);
    else if (run.length) parts.push(`M${run.join('L')}`);
    run = [];
  };
  values.forEach((_, i) => {
    const p = at(i);
    if (p) run.push(`${p.x},${p.y}`);
    else flush();
  });
  flush();
  return parts.join(' ');
}

/** The point of week i of a sparkline, as sparkPath places it (the dot of a move); null without a value. */
export function sparkPoint(values: Array<number | null>, i: number, width: number, height: number, pad = 2): { x: number; y: number } | null {
  return sparkScale(values, width, height, pad)(i);
}
