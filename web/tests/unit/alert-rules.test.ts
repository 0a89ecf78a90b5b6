import { describe, expect, it } from 'vitest';
import type { AlertRule, AlertSink } from '../../src/api';
import { bodyRule, ruleBody, ruleCondition, rulePeriod, ruleSummary, sinkBody, sinkText, type RuleForm } from '../../src/views/alert-rules';
import fixture from './fixtures/alert-rules.json';

// GET .../alerts/rules of the generated workspace (seed 7) after adding csat >= 80, first_reply_time of
// chat changing 25 %, ticket_volume anomalies (z 3, 28 days) twice, csat of team billing <= 70 over
// 14 days, then deleting the second anomaly rule; as sinks a log file, added on the server's machine
// (`supportlens alerts sink add --log alerts.log`), and a webhook added through the API.
const rules = fixture.rules as unknown as AlertRule[];
const sinks = fixture.sinks as AlertSink[];
const KPI: Record<string, { unit: string; direction: string; name: string }> = {
  csat: { unit: 'percent', direction: 'higher_is_better', name: 'Customer satisfaction (CSAT)' },
  first_reply_time: { unit: 'seconds', direction: 'lower_is_better', name: 'First reply time' },
  ticket_volume: { unit: 'count', direction: 'none', name: 'Ticket volume' },
};
const cond = (r: AlertRule) => ruleCondition(r, KPI[r.kpi].unit, KPI[r.kpi].direction);

describe('the rules in words', () => {
  it('says when each rule fires, the bad way of its KPI, in the KPI unit', () => {
    expect(rules.map((r) => `${r.id} ${cond(r)}`)).toEqual([
      '1 Below 80.0%',
      '2 Rises by more than 25%',
      '3 3 standard deviations or more from normal, either way',
      '5 Above 70.0%',
    ]);
    expect(ruleCondition({ kind: 'threshold', op: '<=', value: 120 }, 'seconds', 'lower_is_better')).toBe('Above 2m');
    expect(ruleCondition({ kind: 'change', op: '', value: 12.5 }, 'percent', 'higher_is_better')).toBe('Falls by more than 12.5%');
    expect(ruleCondition({ kind: 'change', op: '', value: 10 }, 'percent', 'band')).toBe('Rises or falls by more than 10%');
    expect(ruleCondition({ kind: 'anomaly', op: '', value: 2.5 }, 'percent', 'higher_is_better')).toBe('2.5 standard deviations or more below normal');
    expect(ruleCondition({ kind: 'anomaly', op: '', value: 1 }, 'seconds', 'lower_is_better')).toBe('1 standard deviation or more above normal');
  });
  it('says which days a rule looks at', () => {
    expect(rules.map(rulePeriod)).toEqual(['Last 7 days', 'Last 7 days against the 7 before', 'Last day against the 28 days before', 'Last 14 days']);
    expect(rulePeriod({ kind: 'threshold', days: 1 })).toBe('Last day');
    expect(rulePeriod({ kind: 'change', days: 1 })).toBe('Last day against the day before');
  });
  it('sums a rule up in one line', () => {
    const line = (r: AlertRule) => ruleSummary(r, KPI[r.kpi].name, KPI[r.kpi].unit, KPI[r.kpi].direction);
    expect(rules.map(line)).toEqual([
      'Customer satisfaction (CSAT) · Workspace: below 80.0% · last 7 days',
      'First reply time · Channel: Chat: rises by more than 25% · last 7 days against the 7 before',
      'Ticket volume · Workspace: 3 standard deviations or more from normal, either way · last day against the 28 days before',
      'Customer satisfaction (CSAT) · Team: Billing: above 70.0% · last 14 days',
    ]);
  });
  it('lists the sinks of both kinds without their secrets', () => {
    expect(sinks).toEqual([
      { id: 1, kind: 'log', target: 'alerts.log' },
      { id: 2, kind: 'webhook', target: 'https://hooks.example.com/x' },
    ]);
    expect(sinks.map(sinkText)).toEqual(['Log file alerts.log', 'Webhook https://hooks.example.com/x']);
  });
});

describe('ruleBody', () => {
  const form = (patch: Partial<RuleForm>): RuleForm => ({ kpi: 'csat', scopeDim: '', scopeValue: '', kind: 'threshold', bound: 'min', value: '', percent: '', z: '', days: '', ...patch });
  it('adds a threshold with its bound, for the workspace or a scope', () => {
    expect(ruleBody(form({ value: '80' }))).toEqual({ body: { kpi: 'csat', kind: 'threshold', min: 80 } });
    expect(ruleBody(form({ scopeDim: 'team', scopeValue: 'billing', bound: 'max', value: '70', days: '14' }))).toEqual({
      body: { kpi: 'csat', kind: 'threshold', scope: { team: 'billing' }, max: 70, days: 14 },
    });
  });
  it('adds a change and an anomaly, leaving z and days to the server when empty', () => {
    expect(ruleBody(form({ kpi: 'first_reply_time', scopeDim: 'channel', scopeValue: 'chat', kind: 'change', percent: '25', value: '99' }))).toEqual({
      body: { kpi: 'first_reply_time', kind: 'change', scope: { channel: 'chat' }, percent: 25 },
    });
    expect(ruleBody(form({ kpi: 'ticket_volume', kind: 'anomaly' }))).toEqual({ body: { kpi: 'ticket_volume', kind: 'anomaly' } });
    expect(ruleBody(form({ kpi: 'ticket_volume', kind: 'anomaly', z: '2.5', days: '56' }))).toEqual({ body: { kpi: 'ticket_volume', kind: 'anomaly', z: 2.5, days: 56 } });
  });
  it('says what is missing or not a number', () => {
    expect(ruleBody(form({ kpi: '', value: '1' }))).toEqual({ error: 'Choose a KPI.' });
    expect(ruleBody(form({ scopeDim: 'queue', value: '1' }))).toEqual({ error: 'Choose a queue.' });
    expect(ruleBody(form({}))).toEqual({ error: 'Give the minimum the KPI should stay at.' });
    expect(ruleBody(form({ bound: 'max' }))).toEqual({ error: 'Give the maximum the KPI should stay at.' });
    expect(ruleBody(form({ bound: 'max', value: '1e400' }))).toEqual({ error: 'Maximum: expected a number.' });
    expect(ruleBody(form({ kind: 'change' }))).toEqual({ error: 'Give the change in percent that raises an alert.' });
    expect(ruleBody(form({ kind: 'anomaly', z: 'x' }))).toEqual({ error: 'Standard deviations: expected a number.' });
    expect(ruleBody(form({ value: '80', days: '7.5' }))).toEqual({ error: 'Days: expected a whole number.' });
    expect(ruleBody(form({ kind: 'other' as RuleForm['kind'] }))).toEqual({ error: 'Choose a kind of rule.' });
  });
  // The server answers 400 naming the JSON field: "percent: a change rule needs a percentage above 0",
  // "days: an anomaly needs at least 8 days of history".
  it('leaves the ranges to the server, which names the field', () => {
    expect(ruleBody(form({ kind: 'change', percent: '-5' }))).toEqual({ body: { kpi: 'csat', kind: 'change', percent: -5 } });
    expect(ruleBody(form({ kind: 'anomaly', days: '5' }))).toEqual({ body: { kpi: 'csat', kind: 'anomaly', days: 5 } });
  });
});

describe('bodyRule', () => {
  it('fills in the server defaults as the stored rule has them', () => {
    expect(bodyRule({ kpi: 'csat', kind: 'threshold', min: 80 })).toEqual({ kind: 'threshold', op: '>=', value: 80, days: 7, scope: null });
    expect(bodyRule({ kpi: 'csat', kind: 'threshold', max: 70, days: 14, scope: { team: 'billing' } })).toEqual({ kind: 'threshold', op: '<=', value: 70, days: 14, scope: { team: 'billing' } });
    expect(bodyRule({ kpi: 'first_reply_time', kind: 'change', percent: 25 })).toEqual({ kind: 'change', op: '', value: 25, days: 7, scope: null });
    // As the server stored rule 3.
    const { id: _id, kpi: _kpi, ...stored } = rules.find((r) => r.id === 3)!;
    expect(bodyRule({ kpi: 'ticket_volume', kind: 'anomaly' })).toEqual(stored);
  });
});

describe('sinkBody', () => {
  it('adds a webhook with its secret, the only sink the API adds', () => {
    expect(sinkBody({ target: ' https://hooks.example.com/x ', secret: 'S3' })).toEqual({ body: { kind: 'webhook', target: 'https://hooks.example.com/x', secret: 'S3' } });
    // A secret is sent as typed: spaces may be part of it.
    expect(sinkBody({ target: 'https://hooks.example.com/x', secret: ' S3 ' })).toEqual({ body: { kind: 'webhook', target: 'https://hooks.example.com/x', secret: ' S3 ' } });
  });
  it('says what is missing, the URL first', () => {
    expect(sinkBody({ target: ' ', secret: '' })).toEqual({ error: 'Give the URL of the webhook.' });
    expect(sinkBody({ target: ' ', secret: 'S3' })).toEqual({ error: 'Give the URL of the webhook.' });
    expect(sinkBody({ target: 'https://hooks.example.com/x', secret: '' })).toEqual({ error: 'Give the secret that signs the payloads.' });
  });
});
