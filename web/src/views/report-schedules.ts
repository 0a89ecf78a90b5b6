// The Targets page's "Report schedules" card: the reports the server runs every week or month and
// where it delivers them (GET .../schedules, docs/reports.md), with their latest runs; for admin keys
// a Delete button per schedule and a form to add one, delivered to a folder under the server's
// reports folder or to a webhook. The texts and the request body are built by pure functions below.

import { ApiError, type ReportRun, type ReportSchedule, type ReportScheduleBody, type ReportTemplate } from '../api';
import type { Ctx } from '../context';
import { formatCount, formatInstant, formatWindow } from '../format';
import { card, emptyState, errorState, h, skeleton, table, type Column } from '../ui';

export const TEMPLATES: ReportTemplate[] = ['weekly-ops', 'monthly-satisfaction', 'agent-scorecard'];

export const TEMPLATE_LABEL: Record<ReportTemplate, string> = {
  'weekly-ops': 'Weekly operations report',
  'monthly-satisfaction': 'Monthly satisfaction report',
  'agent-scorecard': 'Agent scorecard',
};

export const EVERY: Array<ReportSchedule['every']> = ['week', 'month'];
export const FORMATS: Array<ReportSchedule['format']> = ['html', 'pdf'];
export const FORMAT_LABEL: Record<ReportSchedule['format'], string> = { html: 'HTML', pdf: 'PDF' };
export const DELIVER_LABEL: Record<ReportSchedule['deliver'], string> = { folder: 'Folder', webhook: 'Webhook' };
export const RUN_STATUS_LABEL: Record<ReportRun['status'], string> = { delivered: 'Delivered', failed: 'Failed' };

/** The server's hour when a schedule gives none. */
export const DEFAULT_HOUR = 6;

/** A template in words: "Weekly operations report"; an unknown one as the API names it. */
export function templateTitle(template: string): string {
  return TEMPLATE_LABEL[template as ReportTemplate] ?? template;
}

/** An hour of the day as "06:00". */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** When a schedule runs, in the workspace's local time: "every Monday at 06:00", "on the 1st at 06:00". */
export function scheduleTiming(s: Pick<ReportSchedule, 'every' | 'hour'>): string {
  if (s.every === 'week') return `every Monday at ${hourText(s.hour)}`;
  if (s.every === 'month') return `on the 1st at ${hourText(s.hour)}`;
  return `every ${s.every} at ${hourText(s.hour)}`;
}

/** The period a run reports: "The week just ended (Monday–Sunday)", "The month just ended". */
export function schedulePeriod(every: string): string {
  if (every === 'week') return 'The week just ended (Monday–Sunday)';
  if (every === 'month') return 'The month just ended';
  return `The ${every} just ended`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Where a schedule delivers: "Folder /srv/reports/weekly", "Webhook https://hooks.example.com/reports". */
export function scheduleTarget(s: Pick<ReportSchedule, 'deliver' | 'target'>): string {
  return `${DELIVER_LABEL[s.deliver] ?? s.deliver} ${s.target}`;
}

/**
 * A schedule in one line: "Weekly operations report as PDF every Monday at 06:00, over the week just
 * ended (Monday–Sunday), to the webhook https://hooks.example.com/reports".
 */
export function scheduleSummary(s: Pick<ReportSchedule, 'template' | 'every' | 'format' | 'hour' | 'deliver' | 'target'>): string {
  const where = s.deliver === 'folder' ? `into the folder ${s.target}` : `to the webhook ${s.target}`;
  return `${templateTitle(s.template)} as ${FORMAT_LABEL[s.format] ?? s.format} ${scheduleTiming(s)}, over ${lowerFirst(schedulePeriod(s.every))}, ${where}`;
}

/** The line for everyone: who runs the schedules, when, and what period each run covers. */
export function scheduleNote(timeZone: string): string {
  return (
    'The server runs each schedule when it is due and delivers its report: a weekly schedule on Mondays, ' +
    'over the week just ended (Monday–Sunday); a monthly one on the 1st, over the month just ended. ' +
    `Hours are the workspace’s local time (${timeZone}). A failed delivery waits for the next period.`
  );
}

/** A schedule's next run in the workspace's time zone: "Mon 30 Nov 2026, 06:00". */
export function formatNextRun(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return formatInstant(iso, timeZone);
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(d);
  return `${weekday} ${formatInstant(iso, timeZone)}`;
}

/** The period a run reported, [from, to): "16 Nov – 22 Nov 2026". */
export function runPeriod(run: Pick<ReportRun, 'from' | 'to'>): string {
  return formatWindow(run.from, run.to);
}

/** A run's status in words: "Delivered", "Failed". */
export function runStatusText(status: string): string {
  return RUN_STATUS_LABEL[status as ReportRun['status']] ?? status;
}

/** "1 attempt", "4 attempts". */
export function attemptsText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'attempt' : 'attempts'}`;
}

/** The add-a-schedule form as typed. */
export interface ScheduleForm {
  template: string;
  every: string;
  format: string;
  /** "0" to "23". */
  hour: string;
  deliver: ReportSchedule['deliver'];
  folder: string;
  webhook: string;
  secret: string;
}

/** What a redraw keeps of the form: not the secret. */
export type ScheduleDraft = Omit<ScheduleForm, 'secret'>;

/**
 * The POST body of the schedule form, or what to fix first. The server checks the rest (the folder is
 * a plain name and the server has a reports folder, the URL is http:// or https://) and names the field.
 */
export function scheduleBody(f: ScheduleForm): { body: ReportScheduleBody } | { error: string } {
  if (!TEMPLATES.includes(f.template as ReportTemplate)) return { error: 'Choose a report.' };
  if (!EVERY.includes(f.every as ReportSchedule['every'])) return { error: 'Choose how often: every week or every month.' };
  if (!FORMATS.includes(f.format as ReportSchedule['format'])) return { error: 'Choose a format: HTML or PDF.' };
  if (f.hour.trim() === '') return { error: 'Choose the hour of the run.' };
  const hour = Number(f.hour);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) return { error: 'Hour: expected a whole hour from 0 to 23.' };
  const base = { template: f.template as ReportTemplate, every: f.every as ReportSchedule['every'], format: f.format as ReportSchedule['format'], hour };
  if (f.deliver === 'folder') {
    const folder = f.folder.trim();
    if (!folder) return { error: 'Give the name of the folder.' };
    return { body: { ...base, folder } };
  }
  if (f.deliver === 'webhook') {
    const webhook = f.webhook.trim();
    if (!webhook) return { error: 'Give the URL of the webhook.' };
    // A secret is sent as typed: spaces may be part of it.
    if (!f.secret) return { error: 'Give the secret that signs the reports.' };
    return { body: { ...base, webhook, secret: f.secret } };
  }
  return { error: 'Choose where the reports go.' };
}

/** The schedule a body adds, for the line under the form (the server stores a folder under its reports folder). */
export function bodySchedule(b: ReportScheduleBody): Pick<ReportSchedule, 'template' | 'every' | 'format' | 'hour' | 'deliver' | 'target'> {
  const deliver = b.folder !== undefined ? 'folder' : 'webhook';
  return { template: b.template, every: b.every, format: b.format, hour: b.hour, deliver, target: b.folder ?? b.webhook ?? '' };
}

export function runBadge(run: ReportRun, timeZone: string): HTMLElement {
  const tone = run.status === 'delivered' ? 'met' : run.status === 'failed' ? 'missed' : 'none';
  return h(
    'span',
    { class: `status status-${tone}`, 'data-status': run.status, testid: 'run-status', title: `Ran ${formatInstant(run.at, timeZone)}` },
    runStatusText(run.status),
  );
}

export class ReportSchedulesCard {
  readonly card: HTMLElement;
  private schedules = h('div', { class: 'rules-list' });
  private runs = h('div', { class: 'rules-list' });
  private message = h('div', { class: 'target-message' });
  private loads = 0;

  /** draft keeps what was typed across redraws of the page (not the secret). */
  constructor(
    private ctx: Ctx,
    private draft: ScheduleDraft,
  ) {
    const admin = ctx.role === 'admin';
    const reload = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', testid: 'schedules-reload', title: 'Read the schedules and their runs again' }, 'Reload');
    reload.addEventListener('click', () => void this.load());
    const c = card({
      title: 'Report schedules',
      subtitle: 'Reports the server sends every week or month, to a folder on its disk or a webhook',
      testid: 'schedules-card',
      wide: true,
      extra: [reload],
    });
    this.card = c.card;
    this.schedules.append(skeleton(80));
    this.runs.append(skeleton(80));
    c.body.append(h('p', { class: 'muted small schedules-note', testid: 'schedules-note' }, scheduleNote(ctx.timezone)));
    if (!admin)
      c.body.append(h('p', { class: 'muted small schedules-note', testid: 'schedules-readonly' }, 'Report schedules are managed by admins: an admin key can add and delete them on this page.'));
    c.body.append(this.schedules);
    if (admin) c.body.append(this.form());
    c.body.append(h('h4', { class: 'subhead' }, 'Latest runs'), this.runs);
  }

  async load(): Promise<void> {
    const seq = ++this.loads;
    let data: { schedules: ReportSchedule[]; runs: ReportRun[] };
    try {
      data = await this.ctx.api.schedules(this.ctx.signal);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || seq !== this.loads) return;
      this.schedules.replaceChildren(errorState((e as Error).message));
      this.runs.replaceChildren();
      return;
    }
    if (seq !== this.loads) return;
    this.drawSchedules(data.schedules);
    this.drawRuns(data.runs);
  }

  private drawSchedules(list: ReportSchedule[]): void {
    if (!list.length) {
      const el = emptyState('No report schedules', this.ctx.role === 'admin' ? 'Add one with the form below.' : 'An admin key adds them on this page.');
      el.setAttribute('data-testid', 'schedules-empty');
      this.schedules.replaceChildren(el);
      return;
    }
    const tz = this.ctx.timezone;
    const columns: Column<ReportSchedule>[] = [
      { key: 'id', label: 'Schedule', align: 'right', render: (x) => String(x.id), sort: (x) => x.id },
      { key: 'template', label: 'Report', render: (x) => h('span', { class: 'strong', title: x.template }, templateTitle(x.template)), sort: (x) => templateTitle(x.template) },
      {
        key: 'when',
        label: 'Runs',
        render: (x) => h('span', { title: `Reports ${lowerFirst(schedulePeriod(x.every))}`, testid: 'schedule-timing' }, scheduleTiming(x)),
        sort: (x) => `${x.every} ${String(x.hour).padStart(2, '0')}`,
        title: `Local time of the workspace (${tz})`,
      },
      { key: 'format', label: 'Format', render: (x) => FORMAT_LABEL[x.format] ?? x.format, sort: (x) => x.format },
      { key: 'target', label: 'Delivered to', render: (x) => h('span', {}, `${DELIVER_LABEL[x.deliver] ?? x.deliver} `, h('span', { class: 'mono' }, x.target)), sort: (x) => scheduleTarget(x) },
      { key: 'next', label: 'Next run', render: (x) => formatNextRun(x.next_run, tz), sort: (x) => x.next_run, title: `Local time of the workspace (${tz})` },
    ];
    if (this.ctx.role === 'admin') columns.push({ key: 'delete', label: '', render: (x) => this.deleteButton(x) });
    this.schedules.replaceChildren(table(list, columns, { testid: 'schedules-table', rowTestid: 'schedule-row', sortKey: 'id', sortDesc: false }));
  }

  private drawRuns(list: ReportRun[]): void {
    if (!list.length) {
      this.runs.replaceChildren(h('p', { class: 'muted small', testid: 'schedule-runs-empty' }, 'No runs yet: a schedule first runs at its next run above.'));
      return;
    }
    const tz = this.ctx.timezone;
    const columns: Column<ReportRun>[] = [
      { key: 'period', label: 'Period', render: (x) => runPeriod(x), sort: (x) => x.from },
      { key: 'template', label: 'Report', render: (x) => h('span', { class: 'strong', title: `Schedule ${x.schedule}` }, templateTitle(x.template)), sort: (x) => templateTitle(x.template) },
      { key: 'status', label: 'Status', render: (x) => runBadge(x, tz), sort: (x) => x.status },
      { key: 'attempts', label: 'Attempts', align: 'right', render: (x) => formatCount(x.attempts), sort: (x) => x.attempts },
      { key: 'detail', label: 'Detail', render: (x) => h('span', { class: 'target-reason', testid: 'run-detail' }, x.detail), title: 'The file written or sent, or the error' },
    ];
    // The API's order: newest first.
    this.runs.replaceChildren(table(list, columns, { testid: 'schedule-runs-table', rowTestid: 'schedule-run-row' }));
  }

  private deleteButton(x: ReportSchedule): HTMLElement {
    const what = `${x.id} (${templateTitle(x.template)} ${scheduleTiming(x)})`;
    const btn = h('button', { type: 'button', class: 'btn btn-ghost btn-sm', testid: 'schedule-delete', 'data-id': x.id, 'aria-label': `Delete the schedule ${what}` }, 'Delete');
    btn.addEventListener('click', async () => {
      btn.disabled = true;
      try {
        await this.ctx.api.deleteSchedule(x.id);
        this.say('done', `Deleted the schedule ${what}.`);
        await this.load();
      } catch (e) {
        // 404: deleted meanwhile (another tab, the CLI); the reload shows what is left.
        this.say('error', (e as Error).message);
        if (e instanceof ApiError && e.status === 404) await this.load();
        else btn.disabled = false;
      }
    });
    return btn;
  }

  private say(kind: 'done' | 'error', text: string): void {
    this.message.replaceChildren(
      kind === 'error'
        ? h('div', { class: 'alert alert-error', role: 'alert', testid: 'schedule-error' }, text)
        : h('div', { class: 'muted small', role: 'status', testid: 'schedule-done' }, text),
    );
  }

  // ---- the form (admin keys) ----

  private form(): HTMLElement {
    const d = this.draft;
    const field = (text: string, control: HTMLElement, testid?: string) => h('label', { class: 'field', testid }, h('span', {}, text), control);
    const select = (testid: string, value: string, options: Array<[string, string]>) =>
      h('select', { testid }, ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));

    const template = select('schedule-template', d.template, TEMPLATES.map((t) => [t, TEMPLATE_LABEL[t]]));
    const every = select('schedule-every', d.every, [
      ['week', 'Every week (Mondays)'],
      ['month', 'Every month (the 1st)'],
    ]);
    const format = select('schedule-format', d.format, FORMATS.map((f) => [f, FORMAT_LABEL[f]]));
    const hour = select('schedule-hour', d.hour, Array.from({ length: 24 }, (_, i) => [String(i), hourText(i)] as [string, string]));
    const deliver = select('schedule-deliver', d.deliver, [
      ['webhook', 'A webhook'],
      ['folder', 'A folder on the server'],
    ]);
    const folder = h('input', { type: 'text', testid: 'schedule-folder', value: d.folder, class: 'text-input', autocomplete: 'off', placeholder: 'weekly' });
    const webhook = h('input', {
      type: 'url',
      testid: 'schedule-webhook',
      value: d.webhook,
      class: 'text-input wide-input',
      autocomplete: 'off',
      placeholder: 'https://hooks.example.com/reports',
    });
    // The secret is read from its field only: it is not kept with the draft, nor shown again.
    const secret = h('input', { type: 'password', testid: 'schedule-secret', class: 'text-input', autocomplete: 'new-password' });
    const folderField = field('Folder name', folder, 'schedule-folder-field');
    const webhookFields = [field('Webhook URL', webhook, 'schedule-webhook-field'), field('Secret (signs the reports)', secret, 'schedule-secret-field')];
    const preview = h('p', { class: 'muted small', testid: 'schedule-preview' });

    const read = (): ScheduleForm => ({ ...d, secret: secret.value });
    const sync = () => {
      d.template = template.value;
      d.every = every.value;
      d.format = format.value;
      d.hour = hour.value;
      d.deliver = deliver.value as ScheduleForm['deliver'];
      d.folder = folder.value;
      d.webhook = webhook.value;
      folderField.hidden = d.deliver !== 'folder';
      for (const el of webhookFields) el.hidden = d.deliver !== 'webhook';
      const r = scheduleBody({ ...read(), secret: 'x' });
      preview.textContent = 'body' in r ? `Sends the ${scheduleSummary(bodySchedule(r.body))}.` : '';
    };
    sync();

    const submit = h('button', { class: 'btn btn-primary', type: 'submit', testid: 'schedule-submit' }, 'Add schedule');
    const form = h(
      'form',
      // novalidate: the form names what is missing and the server checks the URL and the folder, in their words.
      { class: 'target-form', testid: 'schedule-form', 'aria-label': 'Add a report schedule', novalidate: true, oninput: sync, onchange: sync },
      field('Report', template),
      field('How often', every),
      field('Format', format),
      field('Hour (workspace time)', hour),
      field('Deliver to', deliver),
      folderField,
      ...webhookFields,
      submit,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      sync();
      const r = scheduleBody(read());
      if ('error' in r) {
        this.say('error', r.error);
        return;
      }
      submit.disabled = true;
      try {
        const s = await this.ctx.api.addSchedule(r.body);
        this.say('done', `Added the schedule ${s.id}: ${scheduleSummary(s)}.`);
        folder.value = '';
        webhook.value = '';
        secret.value = '';
        sync();
        await this.load();
      } catch (err) {
        // A 400 names the field that is wrong, in the server's words.
        this.say('error', (err as Error).message);
      } finally {
        submit.disabled = false;
      }
    });
    const note = h(
      'p',
      { class: 'muted small', testid: 'schedule-folder-note' },
      'A folder is a plain name under the server’s reports folder (',
      h('code', { class: 'mono' }, 'serve --reports-dir DIR'),
      '); a server started without one delivers to webhooks only.',
    );
    return h('div', { class: 'rules-form' }, h('h4', { class: 'subhead' }, 'Add a schedule'), form, preview, note, this.message);
  }
}
