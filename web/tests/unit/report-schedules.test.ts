import { describe, expect, it } from 'vitest';
import type { ReportRun, ReportSchedule } from '../../src/api';
import {
  attemptsText,
  bodySchedule,
  formatNextRun,
  hourText,
  runPeriod,
  runStatusText,
  scheduleBody,
  scheduleNote,
  schedulePeriod,
  scheduleSummary,
  scheduleTarget,
  scheduleTiming,
  templateTitle,
  type ScheduleForm,
} from '../../src/views/report-schedules';
import fixture from './fixtures/schedules.json';

// GET .../schedules of the generated workspace (seed 7, Europe/Berlin) on a server started with
// `--reports-dir /srv/reports`, after adding weekly-ops as PDF every week at 6 into the folder
// "weekly", monthly-satisfaction as HTML every month at 7 to a webhook on a closed port, and
// agent-scorecard as HTML every week at 0 into "scorecards", then `supportlens schedules run --now
// 2026-12-01T07:30:00Z`: the two folders delivered, the webhook failed after its 4 attempts.
const schedules = fixture.schedules as ReportSchedule[];
const runs = fixture.runs as ReportRun[];
const TZ = 'Europe/Berlin';

describe('the schedules in words', () => {
  it('names each template and says when it runs, in the workspace time', () => {
    expect(schedules.map((s) => `${s.id} ${templateTitle(s.template)} · ${scheduleTiming(s)}`)).toEqual([
      '1 Weekly operations report · every Monday at 06:00',
      '2 Monthly satisfaction report · on the 1st at 07:00',
      '3 Agent scorecard · every Monday at 00:00',
    ]);
    expect(templateTitle('quarterly')).toBe('quarterly');
    expect(hourText(23)).toBe('23:00');
    expect(scheduleTiming({ every: 'month', hour: 18 })).toBe('on the 1st at 18:00');
  });
  it('says which period a run covers and where the report goes, without a secret', () => {
    expect(schedules.map((s) => schedulePeriod(s.every))).toEqual(['The week just ended (Monday–Sunday)', 'The month just ended', 'The week just ended (Monday–Sunday)']);
    expect(schedules.map(scheduleTarget)).toEqual(['Folder /srv/reports/weekly', 'Webhook http://127.0.0.1:9/reports', 'Folder /srv/reports/scorecards']);
    expect(schedules.every((s) => !('secret' in s))).toBe(true);
  });
  it('gives the next run as a local weekday, day and hour', () => {
    // 05:00Z is 06:00 in Berlin in winter; the scorecard's Monday 00:00 is Sunday 23:00 UTC.
    expect(schedules.map((s) => formatNextRun(s.next_run, TZ))).toEqual(['Mon 7 Dec 2026, 06:00', 'Fri 1 Jan 2027, 07:00', 'Mon 7 Dec 2026, 00:00']);
    expect(formatNextRun('2026-06-01T04:00:00Z', TZ)).toBe('Mon 1 Jun 2026, 06:00');
    expect(formatNextRun('2026-06-01T04:00:00Z', 'UTC')).toBe('Mon 1 Jun 2026, 04:00');
    expect(formatNextRun('soon', TZ)).toBe('soon');
  });
  it('sums a schedule up in one line', () => {
    expect(schedules.map(scheduleSummary)).toEqual([
      'Weekly operations report as PDF every Monday at 06:00, over the week just ended (Monday–Sunday), into the folder /srv/reports/weekly',
      'Monthly satisfaction report as HTML on the 1st at 07:00, over the month just ended, to the webhook http://127.0.0.1:9/reports',
      'Agent scorecard as HTML every Monday at 00:00, over the week just ended (Monday–Sunday), into the folder /srv/reports/scorecards',
    ]);
  });
  it('explains who runs the schedules and what each run covers', () => {
    expect(scheduleNote(TZ)).toBe(
      'The server runs each schedule when it is due and delivers its report: a weekly schedule on Mondays, over the week just ended (Monday–Sunday); ' +
        'a monthly one on the 1st, over the month just ended. Hours are the workspace’s local time (Europe/Berlin). A failed delivery waits for the next period.',
    );
  });
});

describe('the runs in words', () => {
  it('gives each run its period, status and attempts, newest first as the API lists them', () => {
    expect(runs.map((r) => [runPeriod(r), templateTitle(r.template), runStatusText(r.status), attemptsText(r.attempts), r.detail])).toEqual([
      ['1 Nov – 30 Nov 2026', 'Monthly satisfaction report', 'Failed', '4 attempts', 'unreachable'],
      ['23 Nov – 29 Nov 2026', 'Weekly operations report', 'Delivered', '1 attempt', '/srv/reports/weekly/default-weekly-ops-2026-11-23.pdf'],
      ['23 Nov – 29 Nov 2026', 'Agent scorecard', 'Delivered', '1 attempt', '/srv/reports/scorecards/default-agent-scorecard-2026-11-23.html'],
    ]);
    expect(runPeriod({ from: '2026-12-28', to: '2027-01-04' })).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(runStatusText('running')).toBe('running');
  });
});

describe('scheduleBody', () => {
  const form = (patch: Partial<ScheduleForm>): ScheduleForm => ({
    template: 'weekly-ops',
    every: 'week',
    format: 'pdf',
    hour: '6',
    deliver: 'webhook',
    folder: '',
    webhook: '',
    secret: '',
    ...patch,
  });
  it('adds a webhook with its secret, or a folder, with the hour as a number', () => {
    expect(scheduleBody(form({ webhook: ' https://hooks.example.com/reports ', secret: ' S3 ' }))).toEqual({
      body: { template: 'weekly-ops', every: 'week', format: 'pdf', hour: 6, webhook: 'https://hooks.example.com/reports', secret: ' S3 ' },
    });
    expect(scheduleBody(form({ template: 'monthly-satisfaction', every: 'month', format: 'html', hour: '0', deliver: 'folder', folder: ' monthly ', webhook: 'https://x', secret: 'S3' }))).toEqual({
      body: { template: 'monthly-satisfaction', every: 'month', format: 'html', hour: 0, folder: 'monthly' },
    });
  });
  it('says what is missing or out of range, in the order of the form', () => {
    expect(scheduleBody(form({ template: 'quarterly' }))).toEqual({ error: 'Choose a report.' });
    expect(scheduleBody(form({ every: 'day' }))).toEqual({ error: 'Choose how often: every week or every month.' });
    expect(scheduleBody(form({ format: 'doc' }))).toEqual({ error: 'Choose a format: HTML or PDF.' });
    expect(scheduleBody(form({ hour: ' ' }))).toEqual({ error: 'Choose the hour of the run.' });
    expect(scheduleBody(form({ hour: '24' }))).toEqual({ error: 'Hour: expected a whole hour from 0 to 23.' });
    expect(scheduleBody(form({ hour: '6.5' }))).toEqual({ error: 'Hour: expected a whole hour from 0 to 23.' });
    expect(scheduleBody(form({ deliver: 'folder', folder: '  ' }))).toEqual({ error: 'Give the name of the folder.' });
    expect(scheduleBody(form({ secret: 'S3' }))).toEqual({ error: 'Give the URL of the webhook.' });
    expect(scheduleBody(form({ webhook: 'https://hooks.example.com/reports' }))).toEqual({ error: 'Give the secret that signs the reports.' });
    expect(scheduleBody(form({ deliver: 'email' as ScheduleForm['deliver'] }))).toEqual({ error: 'Choose where the reports go.' });
  });
  // The server answers 400 naming the field: "folder: expected a folder name under the reports
  // folder, got \"../x\"", "webhook: expected an http:// or https:// URL, got \"ftp://x\"".
  it('leaves the folder name and the URL to the server, which names the field', () => {
    expect(scheduleBody(form({ deliver: 'folder', folder: '../x' }))).toEqual({ body: { template: 'weekly-ops', every: 'week', format: 'pdf', hour: 6, folder: '../x' } });
    expect(scheduleBody(form({ webhook: 'ftp://x', secret: 'S3' }))).toEqual({ body: { template: 'weekly-ops', every: 'week', format: 'pdf', hour: 6, webhook: 'ftp://x', secret: 'S3' } });
  });
});

describe('bodySchedule', () => {
  it('reads a body as the schedule it adds, for the line under the form', () => {
    const hook = scheduleBody({ template: 'agent-scorecard', every: 'week', format: 'html', hour: '7', deliver: 'webhook', folder: '', webhook: 'https://hooks.example.com/r', secret: 'S3' });
    expect('body' in hook && scheduleSummary(bodySchedule(hook.body))).toBe(
      'Agent scorecard as HTML every Monday at 07:00, over the week just ended (Monday–Sunday), to the webhook https://hooks.example.com/r',
    );
    expect(bodySchedule({ template: 'weekly-ops', every: 'month', format: 'pdf', hour: 6, folder: 'monthly' })).toEqual({
      template: 'weekly-ops',
      every: 'month',
      format: 'pdf',
      hour: 6,
      deliver: 'folder',
      target: 'monthly',
    });
  });
});
