import { describe, expect, it } from 'vitest';
import type { LeadLag, LeadLagKpi, LeadLagLink } from '../../src/api';
import {
  formatChange,
  formatChangeSize,
  kpiNames,
  latestMove,
  latestValue,
  leadLagRange,
  linkSentence,
  linksEmptyText,
  mondayOf,
  moveBadge,
  shortKpiName,
  shortWeek,
  sparkPath,
  sparkPoint,
  weekMonday,
} from '../../src/leadlag';
import fixture from './fixtures/lead-lag.json';

// GET .../lead-lag (the defaults: the 12 whole weeks up to the latest data) of the workspace
// `supportlens generate --tickets 6000 --seed 7 --days 84`: 2026-W02 .. 2026-W13, 8 links (a link
// needs a correlation of 0.7 or more either way).
const a = fixture as LeadLag;
const kpi = (id: string) => [...a.leading, ...a.lagging].find((k) => k.kpi === id)!;
const names = kpiNames(a);
const name = (id: string) => names.get(id) ?? id;

describe('leadLagRange', () => {
  const data = { firstDay: '2026-01-05', lastDay: '2026-03-29' };
  it('asks for the 12 whole weeks up to the end of a shorter window', () => {
    // The default 28 days ending at the last day: 2 Mar .. 29 Mar, 2026-03-30 a Monday.
    expect(leadLagRange({ from: '2026-03-02', to: '2026-03-30' }, data)).toEqual({ from: '2026-01-05', to: '2026-03-30' });
    // Seven days: the same weeks.
    expect(leadLagRange({ from: '2026-03-23', to: '2026-03-30' }, data)).toEqual({ from: '2026-01-05', to: '2026-03-30' });
  });
  it('leaves out a week the window or the data cut short', () => {
    // Wednesday .. Thursday: the week of the Thursday is not whole.
    expect(leadLagRange({ from: '2026-01-07', to: '2026-03-27' }, { firstDay: '2025-01-01', lastDay: '2026-12-31' })).toEqual({ from: '2025-12-29', to: '2026-03-23' });
    // Data from a Wednesday: its first whole week starts the Monday after.
    expect(leadLagRange({ from: '2026-01-01', to: '2026-03-30' }, { firstDay: '2026-01-07', lastDay: '2026-03-29' })).toEqual({ from: '2026-01-12', to: '2026-03-30' });
    // A window beyond the data ends with the last whole week of data.
    expect(leadLagRange({ from: '2026-03-02', to: '2026-06-01' }, data)).toEqual({ from: '2026-01-05', to: '2026-03-30' });
  });
  it('takes the whole weeks of a longer window, 260 at most', () => {
    const wide = { firstDay: '2000-01-03', lastDay: '2026-03-29' };
    expect(leadLagRange({ from: '2025-06-01', to: '2026-03-30' }, wide)).toEqual({ from: '2025-06-02', to: '2026-03-30' });
    expect(leadLagRange({ from: '2010-01-01', to: '2026-03-30' }, wide)).toEqual({ from: '2021-04-05', to: '2026-03-30' });
  });
  it('gives up below two whole weeks, for the latest weeks instead', () => {
    expect(leadLagRange({ from: '2026-01-01', to: '2026-01-15' }, data)).toBeNull();
    expect(leadLagRange({ from: '2026-01-05', to: '2026-01-19' }, data)).toEqual({ from: '2026-01-05', to: '2026-01-19' });
    expect(leadLagRange({ from: '2025-11-01', to: '2025-12-01' }, data)).toBeNull();
  });
  it('works without the data days', () => {
    expect(leadLagRange({ from: '2026-03-02', to: '2026-03-30' }, { firstDay: null, lastDay: null })).toEqual({ from: '2026-01-05', to: '2026-03-30' });
  });
});

describe('weeks', () => {
  it('finds Mondays and the Monday of an ISO week', () => {
    expect(mondayOf('2026-03-29')).toBe('2026-03-23');
    expect(mondayOf('2026-03-30')).toBe('2026-03-30');
    expect(weekMonday('2026-W05')).toBe('2026-01-26');
    expect(weekMonday('2026-W01')).toBe('2025-12-29');
    expect(weekMonday('2020-W53')).toBe('2020-12-28');
    expect(weekMonday(a.weeks[0])).toBe(a.from);
    expect(weekMonday('soon')).toBe('soon');
    expect(shortWeek('2026-W05')).toBe('W05');
  });
});

describe('move texts', () => {
  it('writes the size of a change in whole percent from 10 on', () => {
    expect(['-60', '92.74', '-100', '199.99', '10', '9.96', '8.5', '-0.04'].map((x) => formatChangeSize(Number(x)))).toEqual(['60%', '93%', '100%', '200%', '10%', '10%', '8.5%', '0.0%']);
    expect([142.26, -15.18, 8.54].map(formatChange)).toEqual(['+142%', '-15%', '+8.5%']);
  });
  it('badges a KPI by its newest move: worse red, better green, up and down neutral', () => {
    const badge = (id: string) => moveBadge(latestMove(kpi(id)));
    expect(badge('esat')).toEqual({ text: 'Worse -25% · W13', tone: 'bad', sense: 'worse' });
    expect(badge('first_reply_time')).toEqual({ text: 'Better -31% · W13', tone: 'good', sense: 'better' });
    expect(badge('offered_calls')).toEqual({ text: 'Up +11% · W07', tone: 'neutral', sense: 'up' });
    expect(badge('tickets_per_agent_hour')).toEqual({ text: 'Worse -13% · W13', tone: 'bad', sense: 'worse' });
    expect(badge('occupancy')).toEqual({ text: 'Steady', tone: 'none', sense: 'steady' });
    expect(moveBadge({ week: '2026-W06', value: 123, baseline: 147.75, change_pct: -16.75, sense: 'down' }).text).toBe('Down -17% · W06');
  });
  it('takes the newest week with a value', () => {
    expect(latestValue(kpi('esat'), a.weeks)).toEqual({ value: 50, week: '2026-W13' });
    const gap: LeadLagKpi = { ...kpi('esat'), values: [66.67, 100, null] };
    expect(latestValue(gap, ['2026-W11', '2026-W12', '2026-W13'])).toEqual({ value: 100, week: '2026-W12' });
    expect(latestValue({ ...gap, values: [null, null] }, ['2026-W12', '2026-W13'])).toEqual({ value: null, week: null });
  });
});

describe('linkSentence', () => {
  it('names a KPI by its abbreviation when it has one', () => {
    expect(shortKpiName('Customer satisfaction (CSAT)')).toBe('CSAT');
    expect(shortKpiName('Average speed of answer (ASA)')).toBe('ASA');
    expect(shortKpiName('Resolution time (full)')).toBe('Resolution time (full)');
    expect(shortKpiName('CES easy share')).toBe('CES easy share');
  });
  it('says what moved, how much, when, and what moved the same way before', () => {
    expect(a.links).toHaveLength(8);
    expect(a.links.every((l) => Math.abs(l.correlation ?? 0) >= 0.7)).toBe(true);
    expect(a.links.slice(0, 5).map((l) => linkSentence(l, name))).toEqual([
      'Customer churn rate rose 142% in 2026-W13 — Deflection rate had fallen 10% in 2026-W11 (2 weeks before, r = -0.88)',
      'Bot resolution rate fell 15% in 2026-W13 — ASA had risen 12% in 2026-W12 (1 week before, r = -0.75)',
      'Bot resolution rate fell 15% in 2026-W13 — Overdue backlog had risen 13% in 2026-W11 (2 weeks before, r = -0.73)',
      'Agent productivity scorecard rose 21% in 2026-W11 — Escalation rate had risen 51% in 2026-W08 (3 weeks before, r = 0.80)',
      'Repeat contact rate fell 11% in 2026-W08 — Top topics had risen 10% in 2026-W05 (3 weeks before, r = -0.79)',
    ]);
  });
  it('leaves out a correlation it does not have', () => {
    const l: LeadLagLink = {
      lagging: 'csat',
      lagging_week: '2026-W47',
      lagging_change_pct: -60,
      lagging_sense: 'worse',
      leading: 'ces_easy_pct',
      leading_week: '2026-W46',
      leading_change_pct: -100,
      leading_sense: 'worse',
      lead_weeks: 1,
      correlation: 0.91,
    };
    expect(linkSentence(l, name)).toBe('CSAT fell 60% in 2026-W47 — CES easy share had fallen 100% in 2026-W46 (1 week before, r = 0.91)');
    expect(linkSentence({ ...l, correlation: null, lead_weeks: 3 }, name)).toBe('CSAT fell 60% in 2026-W47 — CES easy share had fallen 100% in 2026-W46 (3 weeks before)');
    expect(linkSentence({ ...l, lagging: 'new_kpi' }, name)).toMatch(/^new_kpi fell 60% in 2026-W47/);
  });
});

describe('linksEmptyText', () => {
  it('says whether a lagging KPI moved at all', () => {
    const still: LeadLag = { ...a, links: [], lagging: a.lagging.map((k) => ({ ...k, moves: [] })) };
    expect(linksEmptyText(still)).toEqual({
      title: 'No lagging KPI moved in these weeks',
      detail: 'A move is a week 10% or more away from the mean of the 4 weeks before it.',
    });
  });
  it('counts the lagging moves no leading move came before', () => {
    expect(linksEmptyText({ ...a, links: [] })).toEqual({
      title: 'No leading KPI moved first',
      detail: '90 lagging moves in these 12 weeks, none preceded 1 to 3 weeks earlier by a leading move the same way that the weekly values bear out.',
    });
  });
  it('says when the weeks are too few to correlate', () => {
    const four: LeadLag = { ...a, weeks: a.weeks.slice(0, 4), links: [], lagging: [{ ...kpi('csat'), moves: [latestMove(kpi('nps'))!] }] };
    expect(linksEmptyText(four).detail).toBe(
      '1 lagging move in these 4 weeks, none preceded 1 to 3 weeks earlier by a leading move the same way that the weekly values bear out. A link needs 6 weeks or more to correlate; these are 4.',
    );
  });
});

describe('sparkPath', () => {
  it('draws the weeks between their min and max, broken where a week has no value', () => {
    expect(sparkPath([1, 2, null, 4, 3], 100, 20)).toBe('M2,18L26,12.7 M74,2L98,7.3');
    expect(sparkPoint([1, 2, null, 4, 3], 3, 100, 20)).toEqual({ x: 74, y: 2 });
    expect(sparkPoint([1, 2, null, 4, 3], 2, 100, 20)).toBeNull();
  });
  it('draws a lone week as a dot, a flat series in the middle, nothing without values', () => {
    expect(sparkPath([null, 5, null], 100, 20)).toBe('M50,10h0');
    expect(sparkPath([3, 3], 100, 20)).toBe('M2,10L98,10');
    expect(sparkPath([null, null], 100, 20)).toBe('');
    expect(sparkPath([], 100, 20)).toBe('');
  });
  it('spreads the fixture weeks over the box', () => {
    const d = sparkPath(kpi('esat').values, 96, 26, 3);
    // esat has no value in 2026-W07 (the sixth week): two runs.
    expect(d.split(' ')).toHaveLength(2);
    expect(d.startsWith('M3,3L11.2,3L19.4,16.3L')).toBe(true);
  });
});
