import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatCount,
  formatDay,
  formatDelta,
  formatDuration,
  formatInstant,
  formatKpiValue,
  formatNps,
  formatPercent,
  formatPoints,
  formatTarget,
  formatTrend,
  formatWindow,
  label,
  targetStatus,
  weekdayHour,
  weekdayOfDay,
  type Target,
} from '../../src/format';
import catalog from './fixtures/catalog-overview.json';
import report from './fixtures/report-overview.json';

describe('formatDuration', () => {
  it('formats seconds, minutes, hours and days with two units at most', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(49)).toBe('49s');
    expect(formatDuration(59.6)).toBe('1m');
    expect(formatDuration(60)).toBe('1m');
    expect(formatDuration(2479)).toBe('41m 19s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(15120)).toBe('4h 12m');
    expect(formatDuration(15179)).toBe('4h 12m');
    expect(formatDuration(86400)).toBe('1d');
    expect(formatDuration(209914)).toBe('2d 10h');
    expect(formatDuration(1587.5)).toBe('26m 28s');
    expect(formatDuration(-90)).toBe('-1m 30s');
  });
  it('shows a dash for missing values', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatKpiValue', () => {
  it('formats each unit', () => {
    expect(formatKpiValue(78.99, 'percent')).toBe('79.0%');
    expect(formatKpiValue(100, 'percent')).toBe('100.0%');
    expect(formatKpiValue(27.8, 'nps')).toBe('27.8');
    expect(formatKpiValue(-12.25, 'nps')).toBe('-12.3');
    expect(formatKpiValue(-0.01, 'nps')).toBe('0.0');
    expect(formatKpiValue(10977, 'count')).toBe('10,977');
    expect(formatKpiValue(1.44, 'count')).toBe('1.44');
    expect(formatKpiValue(5.25, 'score')).toBe('5.25');
    expect(formatKpiValue(4, 'score')).toBe('4.00');
    expect(formatKpiValue(1.46, 'per_hour')).toBe('1.46/h');
    expect(formatKpiValue(312199.6, 'currency')).toBe('312,199.60');
    expect(formatKpiValue(13255, 'seconds')).toBe('3h 40m');
    expect(formatKpiValue(null, 'percent')).toBe('—');
  });
  it('gives the overview tile texts of a real report', () => {
    const units = new Map(catalog.map((c) => [c.id, c.unit]));
    const k = report.rows[0].kpis as Record<string, { value: number | null }>;
    const text = (id: string) => formatKpiValue(k[id].value, units.get(id)!);
    expect(text('ticket_volume')).toBe('10,977');
    expect(text('backlog')).toBe('474');
    expect(text('first_reply_time')).toBe('41m 19s');
    expect(text('resolution_time')).toBe('3h 40m');
    expect(text('fcr_rate')).toBe('43.5%');
    expect(text('csat')).toBe('79.0%');
    expect(text('nps')).toBe('27.8');
    expect(text('sla_compliance')).toBe('71.6%');
  });
  it('has helpers that agree with it', () => {
    expect(formatPercent(6.2)).toBe('6.2%');
    expect(formatNps(50)).toBe('50.0');
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});

describe('targets', () => {
  const ge: Target = { op: '>=', value: 85, upper: 0 };
  const le: Target = { op: '<=', value: 3600, upper: 0 };
  const band: Target = { op: 'between', value: 70, upper: 80 };
  it('classifies a higher-is-better percentage', () => {
    expect(targetStatus(85, ge, 'percent')).toBe('met');
    expect(targetStatus(90, ge, 'percent')).toBe('met');
    expect(targetStatus(80, ge, 'percent')).toBe('at_risk');
    expect(targetStatus(79.99, ge, 'percent')).toBe('missed');
  });
  it('classifies a lower-is-better duration with a 10 % tolerance', () => {
    expect(targetStatus(3600, le, 'seconds')).toBe('met');
    expect(targetStatus(3960, le, 'seconds')).toBe('at_risk');
    expect(targetStatus(3961, le, 'seconds')).toBe('missed');
  });
  it('classifies a band', () => {
    expect(targetStatus(75, band, 'percent')).toBe('met');
    expect(targetStatus(66, band, 'percent')).toBe('at_risk');
    expect(targetStatus(86, band, 'percent')).toBe('missed');
    expect(targetStatus(43.49, band, 'percent')).toBe('missed');
  });
  it('needs a value and a target', () => {
    expect(targetStatus(null, ge, 'percent')).toBe('none');
    expect(targetStatus(12, null, 'count')).toBe('none');
  });
  it('counts within one of a zero target are at risk', () => {
    const zero: Target = { op: '<=', value: 0, upper: 0 };
    expect(targetStatus(0, zero, 'count')).toBe('met');
    expect(targetStatus(1, zero, 'count')).toBe('at_risk');
    expect(targetStatus(474, zero, 'count')).toBe('missed');
  });
  it('formats targets', () => {
    expect(formatTarget(ge, 'percent')).toBe('≥ 85.0%');
    expect(formatTarget(le, 'seconds')).toBe('≤ 1h');
    expect(formatTarget(band, 'percent')).toBe('70.0%–80.0%');
    expect(formatTarget(null, 'percent')).toBe('');
  });
});

describe('formatDelta', () => {
  it('uses points for rates and tells good from bad by direction', () => {
    expect(formatDelta(81.5, 78.5, 'percent', 'higher_is_better')).toEqual({ text: '+3.0 pts', move: 'up', tone: 'good' });
    expect(formatDelta(6, 5, 'percent', 'lower_is_better')).toEqual({ text: '+1.0 pts', move: 'up', tone: 'bad' });
    expect(formatDelta(20, 20.01, 'nps', 'higher_is_better')).toEqual({ text: '0.0 pts', move: 'flat', tone: 'neutral' });
  });
  it('uses time for durations', () => {
    expect(formatDelta(2380, 2472, 'seconds', 'lower_is_better')).toEqual({ text: '-1m 32s', move: 'down', tone: 'good' });
  });
  it('uses relative change for counts', () => {
    expect(formatDelta(11352, 8646, 'count', 'none')).toEqual({ text: '+31.3%', move: 'up', tone: 'neutral' });
    expect(formatDelta(5, 0, 'count', 'none')?.text).toBe('new');
    expect(formatDelta(5, null, 'count', 'none')).toBeNull();
  });
});

describe('signed changes', () => {
  it('gives percentage points with one decimal', () => {
    expect(formatPoints(1.37)).toBe('+1.4 pts');
    expect(formatPoints(-0.26)).toBe('-0.3 pts');
    expect(formatPoints(0.04)).toBe('0.0 pts');
    expect(formatPoints(null)).toBe('—');
  });
  it('gives a score trend with two decimals and no sign for no change', () => {
    expect(formatTrend(43.64)).toBe('+43.64');
    expect(formatTrend(-5)).toBe('-5.00');
    expect(formatTrend(0)).toBe('0.00');
    expect(formatTrend(-0.004)).toBe('0.00');
    expect(formatTrend(undefined)).toBe('—');
  });
});

describe('dates', () => {
  it('adds days and counts them', () => {
    expect(addDays('2026-02-01', 1)).toBe('2026-02-02');
    expect(addDays('2026-02-01', -27)).toBe('2026-01-05');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-05', '2026-02-02')).toBe(28);
  });
  it('formats days and windows', () => {
    expect(formatDay('2026-01-05')).toBe('5 Jan 2026');
    expect(formatDay('2026-01-05', false)).toBe('5 Jan');
    expect(formatWindow('2026-01-05', '2026-02-02')).toBe('5 Jan – 1 Feb 2026');
    expect(formatWindow('2025-12-29', '2026-01-05')).toBe('29 Dec 2025 – 4 Jan 2026');
  });
  it('reads instants in the workspace time zone', () => {
    expect(formatInstant('2026-01-21T13:49:18Z', 'Europe/Berlin')).toBe('21 Jan 2026, 14:49');
    expect(weekdayHour('2026-01-04T23:15:46Z', 'Europe/Berlin')).toEqual({ weekday: 0, hour: 0 });
    expect(weekdayOfDay('2026-01-05')).toBe(0);
    expect(weekdayOfDay('2026-01-11')).toBe(6);
  });
  it('humanizes dimension values', () => {
    expect(label('customer_segment')).toBe('Customer segment');
    expect(label(null)).toBe('(none)');
  });
});
