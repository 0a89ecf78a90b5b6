import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/api';
import { formatKpiValue, formatScope } from '../../src/format';
import { csvText } from '../../src/ui';
import { alertCsv, alertScope, deliverySummary, lastFailure, orderAlerts } from '../../src/views/targets';
import fixture from './fixtures/alerts.json';

// GET .../alerts of the generated workspace (seed 7) after rules csat >= 99, csat of chat >= 99 and
// first_reply_time <= 60, a log file and an unreachable webhook as sinks, and the target fcr_rate of
// team billing >= 90 set, checked, then lowered to >= 10 and checked again (it recovered).
const alerts = fixture.alerts as Alert[];
const byId = (id: number) => alerts.find((x) => x.id === id)!;

describe('orderAlerts', () => {
  it('puts the open alerts first, newest first, the later id first within a second, then the closed ones', () => {
    expect(alerts.map((x) => x.id)).toEqual([4, 3, 2, 1]);
    expect(orderAlerts(alerts).map((x) => `${x.id} ${x.closed_at === null ? 'open' : 'closed'} ${x.opened_at}`)).toEqual([
      '3 open 2026-11-23T07:05:59Z',
      '2 open 2026-11-23T07:05:59Z',
      '1 open 2026-11-23T07:05:39Z',
      '4 closed 2026-11-23T07:05:59Z',
    ]);
    // The API's list is left as it was.
    expect(alerts[0].id).toBe(4);
  });
});

describe('deliverySummary', () => {
  it('counts the deliveries by status and names the latest failure', () => {
    expect(deliverySummary(byId(4).deliveries)).toEqual({ text: '2 delivered · 2 dead', error: 'Last error (recovery to sink 2, 4 attempts): unreachable' });
    expect(deliverySummary(byId(2).deliveries)).toEqual({ text: '1 delivered · 1 dead', error: 'Last error (alert to sink 2, 4 attempts): unreachable' });
    expect(deliverySummary(byId(1).deliveries)).toEqual({ text: '1 delivered', error: '' });
    expect(deliverySummary([])).toEqual({ text: 'None', error: '' });
  });
  it('takes the latest failure by time', () => {
    const d = byId(4).deliveries;
    expect(lastFailure(d)?.at).toBe('2026-11-23T07:06:27Z');
    expect(lastFailure([...d].reverse())?.event).toBe('recovery');
    expect(lastFailure(byId(1).deliveries)).toBeUndefined();
  });
});

describe('alert scope and value', () => {
  it('reads the scope DIM=VALUE and writes the value in the KPI unit', () => {
    expect(alertScope('channel=chat')).toEqual({ channel: 'chat' });
    expect(alertScope('')).toBeNull();
    expect(formatScope(alertScope(byId(2).scope))).toBe('Channel: Chat');
    expect(formatScope(alertScope(byId(4).scope))).toBe('Team: Billing');
    expect(formatScope(alertScope(byId(1).scope))).toBe('Workspace');
    expect(formatKpiValue(byId(3).value, 'seconds')).toBe('33m 38s');
    expect(formatKpiValue(byId(2).value, 'percent')).toBe('92.9%');
    expect(formatKpiValue(byId(4).value, 'percent')).toBe('49.1%');
  });
});

describe('alertCsv', () => {
  it('writes the raw values in the order shown', () => {
    const lines = csvText(alertCsv(orderAlerts(alerts))).split('\n');
    expect(lines[0]).toBe('id,rule,kpi,scope,state,opened_at,closed_at,value,message,delivered,dead,last_error');
    expect(lines[1]).toBe('3,rule:3,first_reply_time,,open,2026-11-23T07:05:59Z,,2018,first_reply_time over the 7 days to 2026-02-01 is 2018 (<= 60 expected),1,1,unreachable');
    expect(lines[3]).toBe('1,rule:1,csat,,open,2026-11-23T07:05:39Z,,87.26,csat over the 7 days to 2026-02-01 is 87.26 (>= 99 expected),1,0,');
    expect(lines[4]).toBe(
      '4,target:1,fcr_rate,team=billing,closed,2026-11-23T07:05:59Z,2026-11-23T07:06:20Z,49.06,target fcr_rate (team=billing): 49.06 against >= 90 (2026-01-05 .. 2026-02-02),2,2,unreachable',
    );
    expect(lines.length).toBe(6);
    expect(lines[5]).toBe('');
  });
});
