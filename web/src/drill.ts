// The drill-down panel: the records behind a figure, from the rows endpoint.

import type { Api, DrillRow, Filters } from './api';
import type { DrillSpec } from './context';
import { formatCount, formatInstant, formatKpiValue, formatWindow, label } from './format';
import { emptyState, errorState, exportLink, h, skeleton, svgIcon } from './ui';

const SHOWN = 500;

const COUNTS_LABEL: Record<string, string> = {
  numerator: 'Counted',
  denominator: 'Base only',
  '': '—',
};

export class DrillPanel {
  el: HTMLElement;
  private body: HTMLElement;
  private head: HTMLElement;
  private abort?: AbortController;
  private lastFocus: Element | null = null;

  constructor(
    private api: Api,
    private getFilters: () => Filters,
    private unitOf: (kpi: string) => string,
    private timezone: () => string,
  ) {
    this.head = h('div', { class: 'drill-head' });
    this.body = h('div', { class: 'drill-body' });
    this.el = h(
      'aside',
      { class: 'drill', testid: 'drill-panel', role: 'dialog', 'aria-modal': 'false', 'aria-label': 'Records behind the figure', hidden: true },
      this.head,
      this.body,
    );
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !this.el.hidden) this.close();
    });
  }

  close(): void {
    this.abort?.abort();
    this.el.hidden = true;
    document.body.classList.remove('drill-open');
    if (this.lastFocus instanceof HTMLElement) this.lastFocus.focus();
  }

  async open(spec: DrillSpec): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.lastFocus = document.activeElement;
    const f = this.getFilters();
    const q = { extra: spec.extra, from: spec.from, to: spec.to };
    const from = spec.from ?? f.from;
    const to = spec.to ?? f.to;
    const chips = [formatWindow(from, to)];
    for (const [k, v] of Object.entries({ channel: f.channel, team: f.team, topic: f.topic, ...(spec.extra ?? {}) })) {
      if (v) chips.push(`${label(k)}: ${label(v)}`);
    }
    if (f.businessTime) chips.push('Business time');
    if (spec.note) chips.push(spec.note);

    const closeBtn = h('button', { class: 'btn btn-icon', type: 'button', testid: 'drill-close', 'aria-label': 'Close', onclick: () => this.close() }, svgIcon('close'));
    const csv = exportLink(this.api.rowsCsvUrl(f, spec.kpi, q), `${spec.kpi}-rows.csv`, 'drill-export-csv');
    this.head.replaceChildren(
      h('div', { class: 'drill-title' }, h('p', { class: 'eyebrow' }, 'Drill-down'), h('h2', { testid: 'drill-title' }, spec.title), closeBtn),
      h('div', { class: 'chips' }, ...chips.map((c) => h('span', { class: 'chip' }, c))),
      h('div', { class: 'drill-actions' }, h('span', { class: 'drill-count', testid: 'drill-count' }, 'Loading…'), csv),
    );
    this.body.replaceChildren(skeleton(360));
    this.el.hidden = false;
    document.body.classList.add('drill-open');
    closeBtn.focus();

    let rows: DrillRow[];
    try {
      rows = (await this.api.rows(f, spec.kpi, q, abort.signal)).rows;
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      this.body.replaceChildren(errorState((e as Error).message));
      this.head.querySelector('.drill-count')!.textContent = '';
      return;
    }
    if (abort.signal.aborted) return;
    if (spec.predicate) rows = rows.filter(spec.predicate);
    rows.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    const count = this.head.querySelector('.drill-count')!;
    count.textContent = rows.length > SHOWN ? `${formatCount(rows.length)} records · newest ${SHOWN} shown` : `${formatCount(rows.length)} record${rows.length === 1 ? '' : 's'}`;
    if (!rows.length) {
      this.body.replaceChildren(emptyState('No records behind this figure', 'Nothing in this window matches the selection.'));
      return;
    }
    const unit = this.unitOf(spec.kpi);
    const tz = this.timezone();
    const showCounts = rows.some((r) => r.counts);
    const showValue = rows.some((r) => r.value !== '' && r.value !== null && r.value !== undefined);
    const tbody = h('tbody');
    for (const r of rows.slice(0, SHOWN)) {
      const num = Number(r.value);
      const value = r.value === '' || r.value === null || r.value === undefined ? '—' : unit === 'seconds' && Number.isFinite(num) ? formatKpiValue(num, 'seconds') : r.value;
      tbody.append(
        h(
          'tr',
          { testid: 'drill-row' },
          h('td', {}, label(r.record)),
          h('td', { class: 'mono' }, r.id),
          h('td', {}, r.at ? formatInstant(r.at, tz) : '—'),
          showValue ? h('td', { class: 'num' }, value) : null,
          showCounts ? h('td', {}, COUNTS_LABEL[r.counts ?? ''] ?? label(r.counts)) : null,
        ),
      );
    }
    const thead = h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Record'),
        h('th', { scope: 'col' }, 'ID'),
        h('th', { scope: 'col' }, 'When'),
        showValue ? h('th', { scope: 'col', class: 'num' }, 'Value') : null,
        showCounts ? h('th', { scope: 'col', title: 'Counted: in the numerator of the rate. Base only: in the denominator alone.' }, 'Counts as') : null,
      ),
    );
    this.body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table compact', testid: 'drill-table' }, thead, tbody)));
  }
}
