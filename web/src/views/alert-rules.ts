// The Targets page's "Alert rules" card: the workspace's alert rules and sinks (GET .../alerts/rules),
// and for admin keys a form to add a rule, a Delete button per rule and per sink, and a form to add a
// webhook (docs/alerts.md). A log file is added on the server's machine only, with the CLI. The texts
// of the rules and the request bodies are built by pure functions below.

import { ApiError, type AlertRule, type AlertRuleBody, type AlertRuleKind, type AlertSink, type AlertSinkBody, type TargetScope } from '../api';
import { nameOf, type Ctx } from '../context';
import { formatCount, formatKpiValue, formatScope, label, type Direction, type Unit } from '../format';
import { card, emptyState, errorState, h, skeleton, table, type Column } from '../ui';
import { SCOPE_DIMS, scopeValueSync, unitWords } from './fields';

export const RULE_KINDS: AlertRuleKind[] = ['threshold', 'change', 'anomaly'];

export const RULE_KIND_LABEL: Record<AlertRuleKind, string> = { threshold: 'Threshold', change: 'Change', anomaly: 'Anomaly' };

/** The server's periods when a rule gives none: 7 days, 28 days of history for an anomaly. */
export const DEFAULT_DAYS: Record<AlertRuleKind, number> = { threshold: 7, change: 7, anomaly: 28 };
export const DEFAULT_Z = 3;

/** The way a KPI gets worse: a rule fires on it (either way for a KPI without a direction). */
function badWay(direction: Direction): 'down' | 'up' | 'either' {
  return direction === 'higher_is_better' ? 'down' : direction === 'lower_is_better' ? 'up' : 'either';
}

/** When a rule fires, in words: "Below 80.0%", "Rises by more than 25%", "3 standard deviations or more below normal". */
export function ruleCondition(rule: Pick<AlertRule, 'kind' | 'op' | 'value'>, unit: Unit, direction: Direction): string {
  const way = badWay(direction);
  if (rule.kind === 'threshold') {
    return `${rule.op === '<=' ? 'Above' : 'Below'} ${formatKpiValue(rule.value, unit)}`;
  }
  if (rule.kind === 'change') {
    const pct = `${formatCount(rule.value)}%`;
    return way === 'down' ? `Falls by more than ${pct}` : way === 'up' ? `Rises by more than ${pct}` : `Rises or falls by more than ${pct}`;
  }
  const z = `${formatCount(rule.value)} standard ${rule.value === 1 ? 'deviation' : 'deviations'} or more`;
  return way === 'down' ? `${z} below normal` : way === 'up' ? `${z} above normal` : `${z} from normal, either way`;
}

function daysText(days: number): string {
  return days === 1 ? 'day' : `${formatCount(days)} days`;
}

/** The period a rule looks at: "Last 7 days", "Last 7 days against the 7 before", "Last day against the 28 days before". */
export function rulePeriod(rule: Pick<AlertRule, 'kind' | 'days'>): string {
  const last = rule.days === 1 ? 'Last day' : `Last ${daysText(rule.days)}`;
  if (rule.kind === 'threshold') return last;
  if (rule.kind === 'change') return `${last} against the ${rule.days === 1 ? 'day' : formatCount(rule.days)} before`;
  return `Last day against the ${daysText(rule.days)} before`;
}

/** The add-a-rule form as typed. */
export interface RuleForm {
  kpi: string;
  /** "" for the whole workspace. */
  scopeDim: string;
  scopeValue: string;
  kind: AlertRuleKind;
  /** Threshold rules: stay at least (min) or at most (max) the bound. */
  bound: 'min' | 'max';
  value: string;
  percent: string;
  z: string;
  /** "" leaves the period to the server. */
  days: string;
}

/** A number typed in a field: undefined when left empty, NaN when it is not one. */
function typed(s: string): number | undefined {
  return s.trim() === '' ? undefined : Number(s);
}

/**
 * The POST body of the rule form, or what to fix first. The server checks the rest (the KPI exists,
 * the percent is above 0, an anomaly has 8 days of history or more) and names the field.
 */
export function ruleBody(f: RuleForm): { body: AlertRuleBody } | { error: string } {
  if (!f.kpi) return { error: 'Choose a KPI.' };
  if (f.scopeDim && !f.scopeValue) return { error: `Choose a ${f.scopeDim}.` };
  if (!RULE_KINDS.includes(f.kind)) return { error: 'Choose a kind of rule.' };
  const body: AlertRuleBody = { kpi: f.kpi, kind: f.kind };
  if (f.scopeDim) body.scope = { [f.scopeDim]: f.scopeValue };
  const days = typed(f.days);
  if (days !== undefined && !Number.isInteger(days)) return { error: 'Days: expected a whole number.' };
  if (f.kind === 'threshold') {
    const v = typed(f.value);
    if (v === undefined) return { error: f.bound === 'min' ? 'Give the minimum the KPI should stay at.' : 'Give the maximum the KPI should stay at.' };
    if (!Number.isFinite(v)) return { error: `${f.bound === 'min' ? 'Minimum' : 'Maximum'}: expected a number.` };
    body[f.bound] = v;
  } else if (f.kind === 'change') {
    const p = typed(f.percent);
    if (p === undefined) return { error: 'Give the change in percent that raises an alert.' };
    if (!Number.isFinite(p)) return { error: 'Change: expected a number.' };
    body.percent = p;
  } else {
    const z = typed(f.z);
    if (z !== undefined && !Number.isFinite(z)) return { error: 'Standard deviations: expected a number.' };
    if (z !== undefined) body.z = z;
  }
  if (days !== undefined) body.days = days;
  return { body };
}

/** The rule a body adds, with the server's defaults filled in (for the line under the form). */
export function bodyRule(b: AlertRuleBody): Pick<AlertRule, 'kind' | 'op' | 'value' | 'days' | 'scope'> {
  const scope: TargetScope = b.scope ?? null;
  const days = b.days ?? DEFAULT_DAYS[b.kind];
  if (b.kind === 'threshold') return { kind: b.kind, op: b.max !== undefined ? '<=' : '>=', value: b.max ?? b.min ?? 0, days, scope };
  if (b.kind === 'change') return { kind: b.kind, op: '', value: b.percent ?? 0, days, scope };
  return { kind: b.kind, op: '', value: b.z ?? DEFAULT_Z, days, scope };
}

/** The add-a-webhook form as typed (the API adds webhooks only; a log file is added with the CLI). */
export interface SinkForm {
  target: string;
  secret: string;
}

/** What a redraw keeps of the sink form: not the secret. */
export type SinkDraft = Omit<SinkForm, 'secret'>;

/** How a log file is added, on the server's machine. */
export const LOG_SINK_COMMAND = 'supportlens alerts sink add --log FILE';

/** The POST body of the webhook form, or what to fix first: the URL, then the secret. The server checks the URL. */
export function sinkBody(f: SinkForm): { body: AlertSinkBody } | { error: string } {
  const target = f.target.trim();
  if (!target) return { error: 'Give the URL of the webhook.' };
  if (!f.secret) return { error: 'Give the secret that signs the payloads.' };
  return { body: { kind: 'webhook', target, secret: f.secret } };
}

/** A sink in a few words: "Webhook https://hooks.example.com/support", "Log file alerts.log". */
export function sinkText(x: Pick<AlertSink, 'kind' | 'target'>): string {
  return `${SINK_KIND_LABEL[x.kind] ?? x.kind} ${x.target}`;
}

/** A rule in one line: "First reply time · Channel: Chat: rises by more than 25% · last 7 days against the 7 before". */
export function ruleSummary(rule: Pick<AlertRule, 'kind' | 'op' | 'value' | 'days' | 'scope'>, name: string, unit: Unit, direction: Direction): string {
  return `${name} · ${formatScope(rule.scope)}: ${ruleCondition(rule, unit, direction).toLowerCase()} · ${rulePeriod(rule).toLowerCase()}`;
}

export const SINK_KIND_LABEL: Record<AlertSink['kind'], string> = { log: 'Log file', webhook: 'Webhook' };

type Card = { card: HTMLElement; body: HTMLElement };

export class AlertRulesCard {
  readonly card: HTMLElement;
  private rules = h('div', { class: 'rules-list' });
  private sinks = h('div', { class: 'rules-list' });
  private ruleMessage = h('div', { class: 'target-message' });
  private sinkMessage = h('div', { class: 'target-message' });
  private loads = 0;

  /**
   * ruleDraft and sinkDraft keep what was typed across redraws of the page; changed runs after a
   * rule is added or deleted (the alert history reloads).
   */
  constructor(
    private ctx: Ctx,
    private ruleDraft: RuleForm,
    private sinkDraft: SinkDraft,
    private changed: () => void,
  ) {
    const admin = ctx.role === 'admin';
    const c: Card = card({
      title: 'Alert rules',
      subtitle: 'What raises an alert besides the targets set, checked after each commit, and where alerts go',
      testid: 'alert-rules-card',
      wide: true,
    });
    this.card = c.card;
    this.rules.append(skeleton(120));
    this.sinks.append(skeleton(60));
    if (!admin)
      c.body.append(
        h('p', { class: 'muted small', testid: 'rules-readonly' }, 'Alert rules and sinks are managed by admins: an admin key can add and delete rules, add webhooks and delete sinks on this page.'),
      );
    c.body.append(this.rules);
    if (admin) c.body.append(this.ruleForm());
    c.body.append(h('h4', { class: 'subhead' }, 'Where alerts go'), this.sinks);
    if (admin) c.body.append(this.sinkForm());
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    let data: { rules: AlertRule[]; sinks: AlertSink[] };
    try {
      data = await this.ctx.api.alertRules(this.ctx.signal);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || seq !== this.loads) return;
      this.rules.replaceChildren(errorState((e as Error).message));
      this.sinks.replaceChildren();
      return;
    }
    if (seq !== this.loads) return;
    this.drawRules(data.rules);
    this.drawSinks(data.sinks);
  }

  private describe(x: Pick<AlertRule, 'kind' | 'op' | 'value'> & { kpi: string }): string {
    const entry = this.ctx.catalog.get(x.kpi);
    return ruleCondition(x, entry?.unit ?? 'count', entry?.direction ?? 'none');
  }

  private summary(x: Pick<AlertRule, 'kind' | 'op' | 'value' | 'days' | 'scope'> & { kpi: string }): string {
    const entry = this.ctx.catalog.get(x.kpi);
    return ruleSummary(x, nameOf(this.ctx, x.kpi), entry?.unit ?? 'count', entry?.direction ?? 'none');
  }

  private drawRules(list: AlertRule[]): void {
    if (!list.length) {
      const el = emptyState('No alert rules', this.ctx.role === 'admin' ? 'Add one with the form below.' : 'Targets set still raise alerts when they are breached.');
      el.setAttribute('data-testid', 'alert-rules-empty');
      this.rules.replaceChildren(el);
      return;
    }
    const ctx = this.ctx;
    const columns: Column<AlertRule>[] = [
      { key: 'id', label: 'Rule', align: 'right', render: (x) => String(x.id), sort: (x) => x.id },
      { key: 'kpi', label: 'KPI', render: (x) => h('span', { class: 'strong' }, nameOf(ctx, x.kpi)), sort: (x) => nameOf(ctx, x.kpi) },
      { key: 'scope', label: 'Scope', render: (x) => formatScope(x.scope), sort: (x) => formatScope(x.scope) },
      { key: 'kind', label: 'Kind', render: (x) => RULE_KIND_LABEL[x.kind] ?? x.kind, sort: (x) => x.kind },
      { key: 'condition', label: 'Alerts when', render: (x) => this.describe(x) },
      { key: 'period', label: 'Period', render: (x) => rulePeriod(x), sort: (x) => x.days },
    ];
    if (ctx.role === 'admin') columns.push({ key: 'delete', label: '', render: (x) => this.deleteButton(x) });
    this.rules.replaceChildren(table(list, columns, { testid: 'alert-rules-table', rowTestid: 'alert-rule-row', sortKey: 'id', sortDesc: false }));
  }

  private drawSinks(list: AlertSink[]): void {
    if (!list.length) {
      this.sinks.replaceChildren(h('p', { class: 'muted small', testid: 'alert-sinks-empty' }, 'No sinks: alerts are kept in the history below only.'));
      return;
    }
    const columns: Column<AlertSink>[] = [
      { key: 'id', label: 'Sink', align: 'right', render: (x) => String(x.id), sort: (x) => x.id },
      { key: 'kind', label: 'Kind', render: (x) => SINK_KIND_LABEL[x.kind] ?? x.kind, sort: (x) => x.kind },
      { key: 'target', label: 'Target', render: (x) => h('span', { class: 'mono' }, x.target), sort: (x) => x.target },
    ];
    if (this.ctx.role === 'admin') columns.push({ key: 'delete', label: '', render: (x) => this.deleteSinkButton(x) });
    this.sinks.replaceChildren(table(list, columns, { testid: 'alert-sinks-table', rowTestid: 'alert-sink-row', sortKey: 'id', sortDesc: false }));
  }

  private deleteButton(x: AlertRule): HTMLElement {
    const what = `${x.id} (${nameOf(this.ctx, x.kpi)} · ${formatScope(x.scope)})`;
    const btn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', testid: 'rule-delete', 'data-id': x.id, 'aria-label': `Delete the rule ${what}` }, 'Delete');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await this.ctx.api.deleteAlertRule(x.id);
        this.say('rule', 'done', `Deleted the rule ${what}.`);
        this.changed();
        await this.load();
      } catch (e) {
        // 404: deleted meanwhile (another tab, the CLI); the reload shows what is left.
        this.say('rule', 'error', (e as Error).message);
        if (e instanceof ApiError && e.status === 404) await this.load();
        else btn.disabled = false;
      }
    });
    return btn;
  }

  private deleteSinkButton(x: AlertSink): HTMLElement {
    const what = `${x.id} (${sinkText(x)})`;
    const btn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', testid: 'sink-delete', 'data-id': x.id, 'aria-label': `Delete the sink ${what}` }, 'Delete');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await this.ctx.api.deleteAlertSink(x.id);
        this.say('sink', 'done', `Deleted the sink ${what}.`);
        await this.load();
      } catch (e) {
        // 404: deleted meanwhile (another tab, the CLI); the reload shows what is left.
        this.say('sink', 'error', (e as Error).message);
        if (e instanceof ApiError && e.status === 404) await this.load();
        else btn.disabled = false;
      }
    });
    return btn;
  }

  /** A message under the rule form (of a rule added or deleted) or the sink form. */
  private say(about: 'rule' | 'sink', kind: 'done' | 'error', text: string): void {
    (about === 'rule' ? this.ruleMessage : this.sinkMessage).replaceChildren(
      kind === 'error'
        ? h('div', { class: 'alert alert-error', role: 'alert', testid: `${about}-error` }, text)
        : h('div', { class: 'muted small', role: 'status', testid: `${about}-done` }, text),
    );
  }

  // ---- the forms (admin keys) ----

  private ruleForm(): HTMLElement {
    const ctx = this.ctx;
    const d = this.ruleDraft;
    const kpis = [...ctx.catalog.values()].filter((k) => k.available);
    if (!kpis.some((k) => k.id === d.kpi)) d.kpi = kpis[0]?.id ?? '';
    const dims = SCOPE_DIMS.filter((dim) => (ctx.dims[dim] ?? []).some((v) => v));
    const field = (text: Node | string, control: HTMLElement, testid?: string) =>
      h('label', { class: 'field', testid }, typeof text === 'string' ? h('span', {}, text) : text, control);
    const number = (testid: string, v: string, extra: Record<string, number | string> = {}) => h('input', { type: 'number', step: 'any', testid, value: v, ...extra });

    const kpi = h('select', { testid: 'rule-kpi' }, ...kpis.map((k) => h('option', { value: k.id, selected: k.id === d.kpi }, k.name)));
    const dim = h(
      'select',
      { testid: 'rule-scope-dim' },
      h('option', { value: '' }, 'Whole workspace'),
      ...dims.map((x) => h('option', { value: x, selected: x === d.scopeDim }, label(x))),
    );
    const value = h('select', { testid: 'rule-scope-value', 'aria-label': 'Scope value' });
    const kind = h('select', { testid: 'rule-kind' }, ...RULE_KINDS.map((k) => h('option', { value: k, selected: k === d.kind }, RULE_KIND_LABEL[k])));
    const bound = h(
      'select',
      { testid: 'rule-bound' },
      h('option', { value: 'min', selected: d.bound === 'min' }, 'Stay at least'),
      h('option', { value: 'max', selected: d.bound === 'max' }, 'Stay at most'),
    );
    const boundValue = number('rule-value', d.value);
    const boundLabel = h('span', {});
    const percent = number('rule-percent', d.percent, { min: 0 });
    const z = number('rule-z', d.z, { min: 0, placeholder: String(DEFAULT_Z) });
    const days = number('rule-days', d.days, { min: 1, step: 1 });
    const daysLabel = h('span', {});
    const thresholdFields = [field('Bound', bound, 'rule-bound-field'), field(boundLabel, boundValue, 'rule-value-field')];
    const changeField = field('Change (%)', percent, 'rule-percent-field');
    const zField = field('Standard deviations', z, 'rule-z-field');
    const preview = h('p', { class: 'muted small', testid: 'rule-preview' });

    const syncScopeValue = scopeValueSync(ctx, value);
    let shownKpi: string | null = null;
    const sync = () => {
      d.kpi = kpi.value;
      d.scopeDim = dim.value;
      d.scopeValue = syncScopeValue(d.scopeDim, d.scopeValue);
      d.kind = kind.value as AlertRuleKind;
      const entry = ctx.catalog.get(d.kpi);
      if (shownKpi !== d.kpi) {
        // Another KPI: the bound that keeps it good, at most where lower is better and at least otherwise.
        if (shownKpi !== null || !d.value) bound.value = entry?.direction === 'lower_is_better' ? 'max' : 'min';
        shownKpi = d.kpi;
      }
      d.bound = bound.value as 'min' | 'max';
      d.value = boundValue.value;
      d.percent = percent.value;
      d.z = z.value;
      d.days = days.value;
      for (const el of thresholdFields) el.hidden = d.kind !== 'threshold';
      changeField.hidden = d.kind !== 'change';
      zField.hidden = d.kind !== 'anomaly';
      boundLabel.textContent = `${d.bound === 'min' ? 'Minimum' : 'Maximum'} (${unitWords(entry?.unit ?? 'count')})`;
      daysLabel.textContent = d.kind === 'anomaly' ? 'History (days)' : 'Period (days)';
      days.placeholder = String(DEFAULT_DAYS[d.kind]);
      const r = ruleBody(d);
      preview.textContent = 'body' in r ? `Adds an alert on ${this.summary({ ...bodyRule(r.body), kpi: d.kpi })}.` : '';
    };
    sync();

    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'rule-submit' }, 'Add rule');
    const form = h(
      'form',
      { class: 'target-form', testid: 'rule-form', 'aria-label': 'Add an alert rule', oninput: sync, onchange: sync },
      field('KPI', kpi),
      field('Scope', h('div', { class: 'target-scope' }, dim, value)),
      field('Kind', kind),
      ...thresholdFields,
      changeField,
      zField,
      field(daysLabel, days),
      submit,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      sync();
      const r = ruleBody(d);
      if ('error' in r) {
        this.say('rule', 'error', r.error);
        return;
      }
      submit.disabled = true;
      try {
        const rule = await ctx.api.addAlertRule(r.body);
        this.say('rule', 'done', `Added the rule ${rule.id}: ${this.summary(rule)}.`);
        this.changed();
        await this.load();
      } catch (err) {
        // A 400 names the field that is wrong, in the server's words.
        this.say('rule', 'error', (err as Error).message);
      } finally {
        submit.disabled = false;
      }
    });
    return h('div', { class: 'rules-form' }, h('h4', { class: 'subhead' }, 'Add a rule'), form, preview, this.ruleMessage);
  }

  private sinkForm(): HTMLElement {
    const d = this.sinkDraft;
    const target = h('input', {
      type: 'url',
      testid: 'sink-target',
      value: d.target,
      class: 'text-input wide-input',
      autocomplete: 'off',
      placeholder: 'https://hooks.example.com/support',
    });
    const secret = h('input', { type: 'password', testid: 'sink-secret', class: 'text-input', autocomplete: 'new-password' });
    const sync = () => {
      d.target = target.value;
    };
    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'sink-submit' }, 'Add webhook');
    const form = h(
      'form',
      // novalidate: the form names what is missing and the server checks the URL, in their words.
      { class: 'target-form', testid: 'sink-form', 'aria-label': 'Add a webhook', novalidate: true, oninput: sync, onchange: sync },
      h('label', { class: 'field' }, h('span', {}, 'Webhook URL'), target),
      h('label', { class: 'field' }, h('span', {}, 'Secret (signs the payloads)'), secret),
      submit,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      sync();
      // The secret is read from its field only: it is not kept with the draft, nor shown again.
      const r = sinkBody({ ...d, secret: secret.value });
      if ('error' in r) {
        this.say('sink', 'error', r.error);
        return;
      }
      submit.disabled = true;
      try {
        const sink = await this.ctx.api.addAlertSink(r.body);
        this.say('sink', 'done', `Added the sink ${sink.id}: ${sinkText(sink)}.`);
        target.value = '';
        secret.value = '';
        sync();
        await this.load();
      } catch (err) {
        // A 400 names the field that is wrong, in the server's words.
        this.say('sink', 'error', (err as Error).message);
      } finally {
        submit.disabled = false;
      }
    });
    const note = h(
      'p',
      { class: 'muted small', testid: 'sink-log-note' },
      'A log file is set up on the server\'s machine: ',
      h('code', { class: 'mono' }, LOG_SINK_COMMAND),
      '.',
    );
    return h('div', { class: 'rules-form' }, h('h4', { class: 'subhead' }, 'Add a webhook'), form, note, this.sinkMessage);
  }
}
