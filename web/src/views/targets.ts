// Targets: the status of every KPI target over the window (breached, at risk, on track, no data),
// and for admin keys a form to set a target and a button to delete one (docs/targets.md); then the
// alert rules and sinks (admin keys add and delete rules, add webhooks and delete sinks), the report
// schedules and their latest runs (admin keys add and delete schedules; docs/reports.md), and the
// alerts raised by the alert rules and the targets set (docs/alerts.md).

import { ApiError, type Alert, type AlertDelivery, type StoredTarget, type TargetBody, type TargetCheck, type TargetScope, type TargetStatusRow } from '../api';
import { nameOf, unitOf, type Ctx, type View } from '../context';
import {
  TARGET_STATE_LABEL,
  TARGET_STATE_STATUS,
  formatCount,
  formatDay,
  formatInstant,
  formatKpiValue,
  formatScope,
  formatTarget,
  formatTargetText,
  formatWindow,
  label,
  type Target,
  type TargetState,
} from '../format';
import { card, csvLink, emptyState, errorState, h, skeleton, table, type Column, type CsvRow } from '../ui';
import { AlertRulesCard, type RuleForm, type SinkDraft } from './alert-rules';
import { DEFAULT_HOUR, ReportSchedulesCard, type ScheduleDraft } from './report-schedules';
import { SCOPE_DIMS, scopeValueSync, unitWords } from './fields';

export { SCOPE_DIMS, unitWords };

/** Breached first: what needs action now, then what may need it soon. */
const STATE_RANK: Record<TargetState, number> = { breached: 0, at_risk: 1, on_track: 2, no_data: 3 };
const STATES: TargetState[] = ['breached', 'at_risk', 'on_track', 'no_data'];

/** Targets by status, breached first; the API's order within a status (set before catalog). */
export function orderTargets(rows: TargetStatusRow[]): TargetStatusRow[] {
  return [...rows].sort((a, b) => (STATE_RANK[a.status] ?? STATES.length) - (STATE_RANK[b.status] ?? STATES.length));
}

/** A scope as DIM=VALUE ("channel=chat"), "" for the whole workspace. */
export function scopeParam(scope: TargetScope): string {
  const [dim, value] = Object.entries(scope ?? {})[0] ?? [];
  return dim === undefined ? '' : `${dim}=${value}`;
}

/** One target per KPI and scope: "csat|channel=chat", "csat|" for the workspace. */
export function targetKey(kpi: string, scope: TargetScope): string {
  return `${kpi}|${scopeParam(scope)}`;
}

/** The ids of the targets set, by targetKey: the status rows carry no id. */
export function targetIds(list: StoredTarget[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of list) if (t.source === 'set' && t.id !== undefined) out.set(targetKey(t.kpi, t.scope), t.id);
  return out;
}

/** The set-a-target form as typed. */
export interface TargetForm {
  kpi: string;
  /** "" for the whole workspace. */
  scopeDim: string;
  scopeValue: string;
  min: string;
  max: string;
  deadline: string;
  warning: string;
}

/**
 * The PUT body of the form, or what to fix first. A minimum and a maximum make a band. The server
 * checks the rest (the KPI takes a target, the minimum is not above the maximum) and says what is wrong.
 */
export function targetBody(f: TargetForm): { body: TargetBody } | { error: string } {
  if (!f.kpi) return { error: 'Choose a KPI.' };
  if (f.scopeDim && !f.scopeValue) return { error: `Choose a ${f.scopeDim}.` };
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const min = num(f.min);
  const max = num(f.max);
  const warning = num(f.warning);
  for (const [name, v] of [['Minimum', min], ['Maximum', max], ['Warning', warning]] as const) {
    if (v !== undefined && !Number.isFinite(v)) return { error: `${name}: expected a number.` };
  }
  if (min === undefined && max === undefined) return { error: 'Give a minimum, a maximum, or both for a band.' };
  const body: TargetBody = { kpi: f.kpi, scope: f.scopeDim ? { [f.scopeDim]: f.scopeValue } : null };
  if (min !== undefined) body.min = min;
  if (max !== undefined) body.max = max;
  if (f.deadline) body.deadline = f.deadline;
  if (warning !== undefined) body.warning_pct = warning;
  return { body };
}

/** The bound a body sets, as the tiles' Target: both bounds make a band. */
export function bodyTarget(b: TargetBody): Target | null {
  if (b.min !== undefined && b.max !== undefined) return { op: 'between', value: b.min, upper: b.max };
  if (b.min !== undefined) return { op: '>=', value: b.min, upper: 0 };
  if (b.max !== undefined) return { op: '<=', value: b.max, upper: 0 };
  return null;
}

/** The CSV of the status table: the API's raw values, the scope as DIM=VALUE. */
export function targetCsv(rows: TargetStatusRow[]): CsvRow[] {
  return [
    ['kpi', 'scope', 'target', 'actual', 'n', 'status', 'projected', 'deadline', 'source', 'reason'],
    ...rows.map((x) => [x.kpi, scopeParam(x.scope), x.target, x.actual, x.n, x.status, x.projected, x.deadline, x.source, x.reason]),
  ];
}

export function stateBadge(state: TargetState): HTMLElement {
  const st = TARGET_STATE_STATUS[state] ?? 'none';
  return h('span', { class: `status status-${st}`, 'data-status': state, testid: 'target-status' }, TARGET_STATE_LABEL[state] ?? state);
}

/** Open alerts first, then by the time they opened, newest first (the later id first within a second). */
export function orderAlerts(list: Alert[]): Alert[] {
  const open = (x: Alert) => (x.closed_at === null ? 0 : 1);
  return [...list].sort((a, b) => open(a) - open(b) || (a.opened_at < b.opened_at ? 1 : a.opened_at > b.opened_at ? -1 : b.id - a.id));
}

/** An alert's scope ("channel=chat") as a target's ({channel: "chat"}), null for the whole workspace. */
export function alertScope(scope: string): TargetScope {
  const at = scope.indexOf('=');
  return at < 0 ? null : { [scope.slice(0, at)]: scope.slice(at + 1) };
}

const DELIVERY_RANK: Record<string, number> = { delivered: 0, dead: 1 };

/** The latest delivery with an error (the later in the list at the same second). */
export function lastFailure(list: AlertDelivery[]): AlertDelivery | undefined {
  let last: AlertDelivery | undefined;
  for (const d of list) if (d.error && (!last || d.at >= last.at)) last = d;
  return last;
}

/** The deliveries counted by status ("2 delivered · 1 dead"), and the latest failed one in words. */
export function deliverySummary(list: AlertDelivery[]): { text: string; error: string } {
  if (!list.length) return { text: 'None', error: '' };
  const counts = new Map<string, number>();
  for (const d of list) counts.set(d.status, (counts.get(d.status) ?? 0) + 1);
  const statuses = [...counts.keys()].sort((a, b) => (DELIVERY_RANK[a] ?? 2) - (DELIVERY_RANK[b] ?? 2));
  const last = lastFailure(list);
  return {
    text: statuses.map((st) => `${formatCount(counts.get(st))} ${st}`).join(' · '),
    error: last ? `Last error (${last.event} to sink ${last.sink}, ${formatCount(last.attempts)} ${last.attempts === 1 ? 'attempt' : 'attempts'}): ${last.error}` : '',
  };
}

/** The CSV of the alerts table: the API's raw values, the deliveries counted by status with the latest error. */
export function alertCsv(list: Alert[]): CsvRow[] {
  return [
    ['id', 'rule', 'kpi', 'scope', 'state', 'opened_at', 'closed_at', 'value', 'message', 'delivered', 'dead', 'last_error'],
    ...list.map((x) => {
      const count = (st: string) => x.deliveries.filter((d) => d.status === st).length;
      return [x.id, x.rule, x.kpi, x.scope, x.closed_at === null ? 'open' : 'closed', x.opened_at, x.closed_at, x.value, x.message, count('delivered'), count('dead'), lastFailure(x.deliveries)?.error ?? ''];
    }),
  ];
}

export function alertBadge(x: Alert): HTMLElement {
  const open = x.closed_at === null;
  return h('span', { class: `status status-${open ? 'missed' : 'met'}`, 'data-state': open ? 'open' : 'closed', testid: 'alert-state' }, open ? 'Open' : 'Closed');
}

type Card = { card: HTMLElement; body: HTMLElement };

export class TargetsView implements View {
  private onlySet = false;
  /** The form as last typed: a redraw (new data, another window) keeps it. */
  private draft: TargetForm | null = null;
  private message: HTMLElement | null = null;
  /** Counts the loads of the table, so that a late answer does not overwrite a newer one. */
  private loads = 0;
  private alertLoads = 0;
  /** The alert-rule and sink forms as last typed. */
  private ruleDraft: RuleForm = { kpi: 'csat', scopeDim: '', scopeValue: '', kind: 'threshold', bound: 'min', value: '', percent: '', z: '', days: '' };
  private sinkDraft: SinkDraft = { target: '' };
  /** The report-schedule form as last typed (not its secret). */
  private scheduleDraft: ScheduleDraft = { template: 'weekly-ops', every: 'week', format: 'pdf', hour: String(DEFAULT_HOUR), deliver: 'webhook', folder: '', webhook: '' };

  async render(root: HTMLElement, ctx: Ctx): Promise<void> {
    const f = ctx.filters;
    const admin = ctx.role === 'admin';
    const onlySet = h('input', {
      type: 'checkbox',
      testid: 'targets-only-set',
      checked: this.onlySet,
      onchange: (e: Event) => {
        this.onlySet = (e.target as HTMLInputElement).checked;
        void this.load(status, ctx);
      },
    });
    const status = card({
      title: 'Status of the targets',
      subtitle: `${formatWindow(f.from, f.to)} · breached first, then at risk, on track and no data`,
      testid: 'targets-card',
      wide: true,
      extra: [h('label', { class: 'field toggle', title: 'Leave out the catalog’s default targets' }, onlySet, h('span', {}, 'Only targets set'))],
    });
    status.body.append(skeleton(320));
    const alerts = card({
      title: 'Alerts',
      subtitle: 'Raised by the alert rules and the targets set after each commit · open first, then newest first',
      testid: 'alerts-card',
      wide: true,
    });
    alerts.body.append(skeleton(160));
    // A rule added or deleted: the history may change with the next commit, and shows the rules' alerts.
    const rules = new AlertRulesCard(ctx, this.ruleDraft, this.sinkDraft, () => void this.loadAlerts(alerts, ctx));
    const schedules = new ReportSchedulesCard(ctx, this.scheduleDraft);
    this.message = null;
    root.replaceChildren(
      h(
        'div',
        { class: 'view-head' },
        h('h1', {}, 'Targets'),
        h('p', { class: 'muted' }, 'Each target’s KPI over the window, for the target’s own scope: the channel, team and topic filters, the cohort and business time do not apply.'),
      ),
      admin
        ? this.form(ctx, status)
        : h('p', { class: 'notice', testid: 'targets-readonly' }, 'Targets are managed by admins: an admin key can set and delete them on this page.'),
      status.card,
      rules.card,
      schedules.card,
      alerts.card,
    );
    await Promise.all([this.load(status, ctx), rules.load(), schedules.load(), this.loadAlerts(alerts, ctx)]);
  }

  /** The alert history: it does not depend on the window or the filters. */
  private async loadAlerts(c: Card, ctx: Ctx): Promise<void> {
    const seq = ++this.alertLoads;
    let list: Alert[];
    try {
      list = (await ctx.api.alerts(ctx.signal)).alerts;
    } catch (e) {
      if ((e as Error).name === 'AbortError' || seq !== this.alertLoads) return;
      c.body.replaceChildren(errorState((e as Error).message));
      return;
    }
    if (seq !== this.alertLoads) return;
    // A reload replaces the CSV of the list shown before.
    const oldCsv = c.card.querySelector<HTMLAnchorElement>('.card-actions [data-testid=export-csv]');
    if (oldCsv) {
      URL.revokeObjectURL(oldCsv.href);
      oldCsv.remove();
    }
    if (!list.length) {
      const el = emptyState('No alerts raised', 'The alert rules above raise one when they fire; a target set raises one when it is breached.');
      el.setAttribute('data-testid', 'alerts-empty');
      c.body.replaceChildren(el);
      return;
    }
    const rows = orderAlerts(list);
    c.card.querySelector('.card-actions')?.append(csvLink(alertCsv(rows), 'alerts.csv'));
    const unit = (x: Alert) => unitOf(ctx, x.kpi);
    const columns: Column<Alert>[] = [
      { key: 'state', label: 'State', render: alertBadge, sort: (x) => (x.closed_at === null ? 0 : 1) },
      { key: 'kpi', label: 'KPI', render: (x) => h('span', { class: 'strong', title: x.rule }, nameOf(ctx, x.kpi)), sort: (x) => nameOf(ctx, x.kpi) },
      { key: 'scope', label: 'Scope', render: (x) => formatScope(alertScope(x.scope)), sort: (x) => formatScope(alertScope(x.scope)) },
      { key: 'opened', label: 'Opened', render: (x) => formatInstant(x.opened_at, ctx.timezone), sort: (x) => x.opened_at },
      { key: 'closed', label: 'Closed', render: (x) => (x.closed_at ? formatInstant(x.closed_at, ctx.timezone) : ''), sort: (x) => x.closed_at },
      { key: 'value', label: 'Value', align: 'right', render: (x) => formatKpiValue(x.value, unit(x)), sort: (x) => x.value, title: 'The KPI’s last value' },
      { key: 'message', label: 'Message', render: (x) => h('span', { class: 'target-reason', testid: 'alert-message' }, x.message) },
      {
        key: 'deliveries',
        label: 'Deliveries',
        render: (x) => {
          const d = deliverySummary(x.deliveries);
          return h('span', { testid: 'alert-deliveries', title: d.error || null }, d.text);
        },
        title: 'To the log files and webhooks: a dead delivery failed every attempt',
      },
    ];
    c.body.replaceChildren(table(rows, columns, { testid: 'alerts-list', rowTestid: 'alerts-row' }));
  }

  private async load(c: Card, ctx: Ctx): Promise<void> {
    const seq = ++this.loads;
    const f = ctx.filters;
    let check: TargetCheck;
    let ids = new Map<string, number>();
    try {
      const [st, set] = await Promise.all([
        ctx.api.targetStatus(f.from, f.to, this.onlySet, ctx.signal),
        // Only admins delete: the ids of the targets set are for their buttons.
        ctx.role === 'admin' ? ctx.api.targets(true, ctx.signal) : null,
      ]);
      check = st;
      if (set) ids = targetIds(set.targets);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || seq !== this.loads) return;
      c.body.replaceChildren(errorState((e as Error).message));
      return;
    }
    if (seq !== this.loads) return;
    this.draw(c, check, ids, ctx);
  }

  private draw(c: Card, check: TargetCheck, ids: Map<string, number>, ctx: Ctx): void {
    // The CSV of the table as it is now: a new one with each load.
    const actions = c.card.querySelector('.card-actions');
    const old = actions?.querySelector<HTMLAnchorElement>('[data-testid=export-csv]');
    if (old) {
      URL.revokeObjectURL(old.href);
      old.remove();
    }
    const admin = ctx.role === 'admin';
    const rows = orderTargets(check.targets);
    if (!rows.length) {
      const el = this.onlySet
        ? emptyState('No targets set', `${admin ? 'Set one with the form above, or untick' : 'Untick'} “Only targets set” for the catalog’s defaults.`)
        : emptyState('No targets', 'The catalog has no default target for this workspace’s KPIs.');
      el.setAttribute('data-testid', 'targets-empty');
      c.body.replaceChildren(el);
      return;
    }
    actions?.append(csvLink(targetCsv(rows), `targets-${check.from}-${check.to}.csv`));
    const unit = (x: TargetStatusRow) => unitOf(ctx, x.kpi);
    const columns: Column<TargetStatusRow>[] = [
      { key: 'kpi', label: 'KPI', render: (x) => h('span', { class: 'strong' }, nameOf(ctx, x.kpi)), sort: (x) => nameOf(ctx, x.kpi) },
      { key: 'scope', label: 'Scope', render: (x) => formatScope(x.scope), sort: (x) => formatScope(x.scope) },
      { key: 'target', label: 'Target', render: (x) => formatTargetText(x.target, unit(x)) },
      { key: 'actual', label: 'Actual', align: 'right', render: (x) => formatKpiValue(x.actual, unit(x)), sort: (x) => x.actual, title: 'The KPI over the window (a time KPI’s median)' },
      { key: 'n', label: 'n', align: 'right', render: (x) => formatCount(x.n), sort: (x) => x.n, title: 'Records behind the figure' },
      { key: 'status', label: 'Status', render: (x) => stateBadge(x.status), sort: (x) => STATE_RANK[x.status] ?? STATES.length },
      {
        key: 'projected',
        label: 'Projected',
        align: 'right',
        render: (x) => (x.deadline ? formatKpiValue(x.projected, unit(x)) : ''),
        sort: (x) => x.projected,
        title: 'Where the weekly trend leads by the deadline (three weeks of data or more)',
      },
      { key: 'deadline', label: 'Deadline', render: (x) => (x.deadline ? formatDay(x.deadline) : ''), sort: (x) => x.deadline },
      { key: 'source', label: 'Source', render: (x) => (x.source === 'set' ? 'Set' : 'Default'), sort: (x) => x.source, title: 'Set by an admin, or the catalog’s default' },
      { key: 'reason', label: 'Why', render: (x) => h('span', { class: 'target-reason' }, x.reason) },
    ];
    if (admin) columns.push({ key: 'delete', label: '', render: (x) => this.deleteButton(x, ids, c, ctx) });
    c.body.replaceChildren(
      h('p', { class: 'muted small', testid: 'targets-summary' }, STATES.map((s) => `${formatCount(rows.filter((x) => x.status === s).length)} ${TARGET_STATE_LABEL[s].toLowerCase()}`).join(' · ')),
      table(rows, columns, { testid: 'targets-table', rowTestid: 'target-row', sortKey: 'status', sortDesc: false }),
    );
  }

  private deleteButton(x: TargetStatusRow, ids: Map<string, number>, c: Card, ctx: Ctx): Node | string {
    const id = x.source === 'set' ? ids.get(targetKey(x.kpi, x.scope)) : undefined;
    if (id === undefined) return '';
    const what = `${nameOf(ctx, x.kpi)} · ${formatScope(x.scope)}`;
    const btn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', testid: 'target-delete', 'data-id': id, 'aria-label': `Delete the target ${what}` }, 'Delete');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await ctx.api.deleteTarget(id);
        this.say('done', `Deleted the target ${what}.`);
        await this.load(c, ctx);
      } catch (e) {
        // 404: deleted meanwhile (another tab, the CLI); the reload shows what is left.
        this.say('error', (e as Error).message);
        if (e instanceof ApiError && e.status === 404) await this.load(c, ctx);
        else btn.disabled = false;
      }
    });
    return btn;
  }

  private say(kind: 'done' | 'error', text: string): void {
    this.message?.replaceChildren(
      kind === 'error'
        ? h('div', { class: 'alert alert-error', role: 'alert', testid: 'target-error' }, text)
        : h('div', { class: 'muted small', role: 'status', testid: 'target-done' }, text),
    );
  }

  // ---- the form (admin keys) ----

  private form(ctx: Ctx, status: Card): HTMLElement {
    const kpis = [...ctx.catalog.values()].filter((k) => k.available && k.direction !== 'none');
    const d = (this.draft ??= { kpi: kpis[0]?.id ?? '', scopeDim: '', scopeValue: '', min: '', max: '', deadline: '', warning: '5' });
    const dims = SCOPE_DIMS.filter((dim) => (ctx.dims[dim] ?? []).some((v) => v));
    const field = (text: Node | string, control: HTMLElement) => h('label', { class: 'field' }, typeof text === 'string' ? h('span', {}, text) : text, control);

    const kpi = h('select', { testid: 'target-kpi' }, ...kpis.map((k) => h('option', { value: k.id, selected: k.id === d.kpi }, k.name)));
    const dim = h(
      'select',
      { testid: 'target-scope-dim' },
      h('option', { value: '' }, 'Whole workspace'),
      ...dims.map((x) => h('option', { value: x, selected: x === d.scopeDim }, label(x))),
    );
    const value = h('select', { testid: 'target-scope-value', 'aria-label': 'Scope value' });
    const number = (testid: string, v: string, extra: Record<string, number> = {}) => h('input', { type: 'number', step: 'any', testid, value: v, ...extra });
    const min = number('target-min', d.min);
    const max = number('target-max', d.max);
    const minLabel = h('span', {});
    const maxLabel = h('span', {});
    const deadline = h('input', { type: 'date', testid: 'target-deadline', value: d.deadline });
    const warning = number('target-warning', d.warning, { min: 0, max: 100 });
    const preview = h('p', { class: 'muted small', testid: 'target-preview' });
    this.message = h('div', { class: 'target-message' });

    const syncScopeValue = scopeValueSync(ctx, value);
    const sync = () => {
      d.kpi = kpi.value;
      d.scopeDim = dim.value;
      d.scopeValue = syncScopeValue(d.scopeDim, d.scopeValue);
      d.min = min.value;
      d.max = max.value;
      d.deadline = deadline.value;
      d.warning = warning.value;
      const entry = ctx.catalog.get(d.kpi);
      const unit = entry?.unit ?? 'count';
      minLabel.textContent = `Minimum (${unitWords(unit)})`;
      maxLabel.textContent = `Maximum (${unitWords(unit)})`;
      // The bound in the KPI's format: 120 seconds reads "≤ 2m".
      const r = targetBody(d);
      const t = 'body' in r ? bodyTarget(r.body) : null;
      if (t && 'body' in r) {
        preview.textContent = `Sets ${nameOf(ctx, d.kpi)} ${formatTarget(t, unit)} for ${formatScope(r.body.scope)}${r.body.deadline ? ` by ${formatDay(r.body.deadline)}` : ''}.`;
      } else {
        preview.textContent = entry?.default_target ? `The catalog’s default for ${entry.name}: ${formatTarget(entry.default_target, unit)}.` : '';
      }
    };
    sync();

    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'target-submit' }, 'Set target');
    const form = h(
      'form',
      { class: 'target-form', testid: 'target-form', oninput: sync, onchange: sync },
      field('KPI', kpi),
      field('Scope', h('div', { class: 'target-scope' }, dim, value)),
      field(minLabel, min),
      field(maxLabel, max),
      field('Deadline (optional)', deadline),
      field('Warning margin (%)', warning),
      submit,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      sync();
      const r = targetBody(d);
      if ('error' in r) {
        this.say('error', r.error);
        return;
      }
      submit.disabled = true;
      try {
        const t = await ctx.api.setTarget(r.body);
        this.say('done', `Set the target ${nameOf(ctx, t.kpi)} ${formatTarget({ op: t.op, value: t.value, upper: t.upper ?? 0 }, unitOf(ctx, t.kpi))} for ${formatScope(t.scope)}.`);
        await this.load(status, ctx);
      } catch (err) {
        // A 400 names the field that is wrong, in the server's words.
        this.say('error', (err as Error).message);
      } finally {
        submit.disabled = false;
      }
    });
    const c = card({
      title: 'Set a target',
      subtitle: 'A minimum and a maximum together make a band. Setting a KPI and scope again replaces its target.',
      testid: 'target-form-card',
      wide: true,
    });
    c.body.append(form, preview, this.message);
    return c.card;
  }
}
