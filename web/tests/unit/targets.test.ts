import { describe, expect, it } from 'vitest';
import type { StoredTarget, TargetCheck } from '../../src/api';
import { formatKpiValue, formatScope, formatTargetText, parseTarget } from '../../src/format';
import { csvText } from '../../src/ui';
import { bodyTarget, orderTargets, scopeParam, targetBody, targetCsv, targetIds, targetKey, unitWords, type TargetForm } from '../../src/views/targets';
import set from './fixtures/targets-set.json';
import fixture from './fixtures/targets-status.json';

// GET .../targets/status of the generated workspace (seed 7) after setting first_reply_time on chat
// <= 120 by 2026-12-31, fcr_rate of team billing 70-80 and csat of agent A9999 >= 85; ten of its rows.
const check = fixture as TargetCheck;
// GET .../targets?set_only=true of the same workspace (JSON reads its scopes as differing object types).
const stored = set.targets as unknown as StoredTarget[];
const UNIT: Record<string, string> = {
  csat: 'percent',
  fcr_rate: 'percent',
  first_reply_time: 'seconds',
  ces: 'score',
  backlog: 'count',
  abandonment_rate: 'percent',
  occupancy: 'percent',
};

describe('orderTargets', () => {
  it('puts breached first, then at risk, on track and no data, in the API order within each', () => {
    const rows = orderTargets(check.targets);
    expect(rows.map((x) => `${x.status} ${x.kpi} ${scopeParam(x.scope)}`)).toEqual([
      'breached fcr_rate team=billing',
      'breached csat ',
      'breached first_reply_time channel=social',
      'breached backlog ',
      'at_risk abandonment_rate ',
      'at_risk occupancy ',
      'on_track first_reply_time channel=chat',
      'on_track ces ',
      'on_track first_reply_time ',
      'no_data csat agent=A9999',
    ]);
    // The API's list is left as it was.
    expect(check.targets[0].status).toBe('no_data');
  });
});

describe('target and actual in the KPI unit', () => {
  const row = (kpi: string, scope: string) => check.targets.find((x) => x.kpi === kpi && scopeParam(x.scope) === scope)!;
  const texts = (kpi: string, scope = '') => {
    const x = row(kpi, scope);
    return [formatTargetText(x.target, UNIT[kpi]), formatKpiValue(x.actual, UNIT[kpi]), formatKpiValue(x.projected, UNIT[kpi])];
  };
  it('writes durations as durations', () => {
    expect(texts('first_reply_time', 'channel=chat')).toEqual(['≤ 2m', '50s', '-2m 51s']);
    expect(texts('first_reply_time')).toEqual(['≤ 1h', '42m 2s', '—']);
    expect(texts('first_reply_time', 'channel=social')).toEqual(['≤ 1h', '1h 2m', '—']);
  });
  it('writes bands, percentages, scores and counts', () => {
    expect(texts('fcr_rate', 'team=billing')).toEqual(['70.0%–80.0%', '49.1%', '—']);
    expect(texts('occupancy')).toEqual(['80.0%–90.0%', '80.8%', '—']);
    expect(texts('csat')).toEqual(['≥ 85.0%', '81.1%', '—']);
    expect(texts('ces')).toEqual(['≥ 5.00', '5.41', '—']);
    expect(texts('backlog')).toEqual(['≤ 0', '114', '—']);
    expect(texts('csat', 'agent=A9999')).toEqual(['≥ 85.0%', '—', '—']);
  });
  it('reads the API text of a bound and leaves other text alone', () => {
    expect(parseTarget('>= 85')).toEqual({ op: '>=', value: 85, upper: 0 });
    expect(parseTarget('<= 0.5')).toEqual({ op: '<=', value: 0.5, upper: 0 });
    expect(parseTarget('70 .. 80')).toEqual({ op: 'between', value: 70, upper: 80 });
    expect(parseTarget('-10 .. 2.5')).toEqual({ op: 'between', value: -10, upper: 2.5 });
    expect(parseTarget('> 5')).toBeNull();
    expect(parseTarget('<= many')).toBeNull();
    expect(parseTarget('')).toBeNull();
    expect(formatTargetText('about 60 s', 'seconds')).toBe('about 60 s');
  });
  it('names the scope', () => {
    expect(check.targets.map((x) => formatScope(x.scope)).slice(0, 4)).toEqual(['Agent: A9999', 'Team: Billing', 'Channel: Chat', 'Workspace']);
  });
});

describe('targetBody', () => {
  const form = (patch: Partial<TargetForm>): TargetForm => ({ kpi: 'csat', scopeDim: '', scopeValue: '', min: '', max: '', deadline: '', warning: '5', ...patch });
  it('sets a minimum for the whole workspace', () => {
    const r = targetBody(form({ min: '99' }));
    expect(r).toEqual({ body: { kpi: 'csat', scope: null, min: 99, warning_pct: 5 } });
    expect(bodyTarget((r as { body: never }).body)).toEqual({ op: '>=', value: 99, upper: 0 });
  });
  it('sets a band for a team', () => {
    const r = targetBody(form({ kpi: 'fcr_rate', scopeDim: 'team', scopeValue: 'billing', min: '70', max: '80', warning: '2.5' }));
    expect(r).toEqual({ body: { kpi: 'fcr_rate', scope: { team: 'billing' }, min: 70, max: 80, warning_pct: 2.5 } });
    expect(bodyTarget((r as { body: never }).body)).toEqual({ op: 'between', value: 70, upper: 80 });
  });
  it('sets a maximum with a deadline and leaves an empty warning to the server', () => {
    const r = targetBody(form({ kpi: 'first_reply_time', scopeDim: 'channel', scopeValue: 'chat', max: '120', deadline: '2026-06-30', warning: '' }));
    expect(r).toEqual({ body: { kpi: 'first_reply_time', scope: { channel: 'chat' }, max: 120, deadline: '2026-06-30' } });
    expect(bodyTarget((r as { body: never }).body)).toEqual({ op: '<=', value: 120, upper: 0 });
  });
  it('says what is missing', () => {
    expect(targetBody(form({}))).toEqual({ error: 'Give a minimum, a maximum, or both for a band.' });
    expect(targetBody(form({ kpi: '', min: '1' }))).toEqual({ error: 'Choose a KPI.' });
    expect(targetBody(form({ scopeDim: 'queue', min: '1' }))).toEqual({ error: 'Choose a queue.' });
    expect(targetBody(form({ min: '1e400' }))).toEqual({ error: 'Minimum: expected a number.' });
  });
  it('leaves the minimum above the maximum to the server, which names it', () => {
    expect(targetBody(form({ min: '90', max: '80' }))).toEqual({ body: { kpi: 'csat', scope: null, min: 90, max: 80, warning_pct: 5 } });
  });
});

describe('the targets set', () => {
  it('are found by KPI and scope, for their delete buttons', () => {
    const ids = targetIds(stored);
    expect([...ids.entries()]).toEqual([
      ['csat|agent=A9999', 3],
      ['fcr_rate|team=billing', 2],
      ['first_reply_time|channel=chat', 1],
    ]);
    const chat = check.targets.find((x) => x.kpi === 'first_reply_time' && x.source === 'set')!;
    expect(ids.get(targetKey(chat.kpi, chat.scope))).toBe(1);
    // A catalog default of the same KPI has another scope, hence no id.
    expect(ids.get(targetKey('first_reply_time', null))).toBeUndefined();
  });
});

describe('targetCsv', () => {
  it('holds the API values in the order shown', () => {
    const lines = csvText(targetCsv(orderTargets(check.targets))).trim().split('\n');
    expect(lines[0]).toBe('kpi,scope,target,actual,n,status,projected,deadline,source,reason');
    expect(lines[1]).toBe('fcr_rate,team=billing,70 .. 80,49.06,744,breached,,,set,49.06 against 70 .. 80');
    expect(lines[7]).toBe('first_reply_time,channel=chat,<= 120,50,530,on_track,-171.25,2026-12-31,set,50 now (met); the weekly trend reaches -171.25 by 2026-12-31: within the target');
    expect(lines[10]).toBe('csat,agent=A9999,>= 85,,0,no_data,,,set,no data');
    expect(lines).toHaveLength(11);
  });
});

describe('unitWords', () => {
  it('names the unit the bounds are typed in', () => {
    expect(['seconds', 'percent', 'nps', 'score', 'per_hour', 'currency', 'count', 'other'].map(unitWords)).toEqual([
      'seconds',
      'percent',
      'NPS points',
      'score points',
      'per hour',
      'currency units',
      'count',
      'count',
    ]);
  });
});
