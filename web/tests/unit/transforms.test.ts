import { describe, expect, it } from 'vitest';
import type { DrillRow, Report } from '../../src/api';
import { scoreCounts } from '../../src/views/satisfaction';
import { DURATION_BUCKETS, bucketOf, histogram } from '../../src/views/speed';
import { hourOfWeek } from '../../src/views/volume';
import byHour from './fixtures/report-by-hour.json';

const row = (value: string): DrillRow => ({ record: 'survey', id: 'S1', at: '2026-01-05T10:00:00Z', value, counts: '' });

describe('hourOfWeek', () => {
  it('folds hour buckets into weekday x hour cells', () => {
    const cells = hourOfWeek(byHour as Report);
    expect(cells).toHaveLength(7);
    expect(cells[0]).toHaveLength(24);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    // 2026-01-11 is a Sunday, 2026-01-12 a Monday.
    expect(sum(cells[6])).toBe(157);
    expect(sum(cells[0])).toBe(544);
    expect(cells[6][10]).toBe(15);
    expect(sum(cells[2])).toBe(0);
  });
});

describe('histogram', () => {
  it('puts durations into the buckets', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(299)).toBe(0);
    expect(bucketOf(300)).toBe(1);
    expect(bucketOf(86400)).toBe(8);
    expect(bucketOf(10_000_000)).toBe(DURATION_BUCKETS.length - 1);
    const h = histogram([row('10'), row('400'), row('401'), row(''), row('x')]);
    expect(h[0]).toBe(1);
    expect(h[1]).toBe(2);
    expect(h.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('scoreCounts', () => {
  it('counts scores in numeric order', () => {
    expect(scoreCounts([row('10'), row('9'), row('10'), row('2'), row('')])).toEqual([
      { score: '2', count: 1 },
      { score: '9', count: 1 },
      { score: '10', count: 2 },
    ]);
  });
});
