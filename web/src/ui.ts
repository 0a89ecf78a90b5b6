// Small DOM helpers: no framework, just elements.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (k === 'testid') {
      el.setAttribute('data-testid', String(v));
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c);
  }
  return el;
}

export interface CardOptions {
  title: string;
  subtitle?: string;
  testid?: string;
  /** export.csv (or rows.csv) link of the card's data. */
  exportUrl?: string;
  exportName?: string;
  extra?: Node[];
  wide?: boolean;
  hint?: string;
}

/** A titled card with an optional "Export CSV" link; returns the card and its body. */
export function card(o: CardOptions): { card: HTMLElement; body: HTMLElement } {
  const body = h('div', { class: 'card-body' });
  const actions = h('div', { class: 'card-actions' }, ...(o.extra ?? []));
  if (o.exportUrl) actions.append(exportLink(o.exportUrl, o.exportName ?? 'supportlens.csv', 'export-csv'));
  const el = h(
    'section',
    { class: `card${o.wide ? ' wide' : ''}`, testid: o.testid },
    h('header', { class: 'card-head' }, h('div', {}, h('h3', {}, o.title), o.subtitle ? h('p', { class: 'card-sub' }, o.subtitle) : null), actions),
    body,
    o.hint ? h('p', { class: 'card-hint' }, o.hint) : null,
  );
  return { card: el, body };
}

export function exportLink(url: string, filename: string, testid: string): HTMLAnchorElement {
  return h(
    'a',
    { class: 'btn btn-ghost btn-sm', href: url, download: filename, testid, title: 'Download these figures as CSV' },
    svgIcon('download'),
    'Export CSV',
  );
}

export type CsvRow = Array<string | number | null>;

/** CSV text of rows computed in the browser: fields with commas, quotes or line breaks quoted. */
export function csvText(rows: CsvRow[]): string {
  return rows.map((r) => r.map((v) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';
}

/** A CSV download of rows computed in the browser. */
export function csvLink(rows: CsvRow[], filename: string): HTMLAnchorElement {
  return exportLink(URL.createObjectURL(new Blob([csvText(rows)], { type: 'text/csv' })), filename, 'export-csv');
}

export function skeleton(height = 220): HTMLElement {
  return h('div', { class: 'skeleton', style: `height:${height}px`, 'aria-busy': 'true', 'aria-label': 'Loading' });
}

export function emptyState(text = 'No data in this window', detail = 'Try a wider date range or clear a filter.'): HTMLElement {
  return h('div', { class: 'empty', testid: 'empty-state' }, svgIcon('inbox'), h('strong', {}, text), h('span', {}, detail));
}

export function errorState(text: string): HTMLElement {
  return h('div', { class: 'empty error', testid: 'error-state' }, svgIcon('alert'), h('strong', {}, 'Could not load this chart'), h('span', {}, text));
}

const ICONS: Record<string, string> = {
  download: '<path d="M12 3v12m0 0l-4-4m4 4l4-4M4 17v2a2 2 0 002 2h12a2 2 0 002-2v-2" />',
  inbox: '<path d="M4 13h4l2 3h4l2-3h4M4 13l2-8h12l2 8v6a1 1 0 01-1 1H5a1 1 0 01-1-1v-6z" />',
  alert: '<path d="M12 9v4m0 4h.01M10.3 4.3L2.6 18a2 2 0 001.7 3h15.4a2 2 0 001.7-3L13.7 4.3a2 2 0 00-3.4 0z" />',
  close: '<path d="M6 6l12 12M18 6L6 18" />',
  up: '<path d="M12 19V5m0 0l-6 6m6-6l6 6" />',
  down: '<path d="M12 5v14m0 0l-6-6m6 6l6-6" />',
  flat: '<path d="M5 12h14" />',
};

export function svgIcon(name: string): SVGSVGElement {
  const s = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  s.setAttribute('viewBox', '0 0 24 24');
  s.setAttribute('class', `icon icon-${name}`);
  s.setAttribute('aria-hidden', 'true');
  s.setAttribute('fill', 'none');
  s.setAttribute('stroke', 'currentColor');
  s.setAttribute('stroke-width', '2');
  s.setAttribute('stroke-linecap', 'round');
  s.setAttribute('stroke-linejoin', 'round');
  s.innerHTML = ICONS[name] ?? '';
  return s;
}

export interface Column<T> {
  key: string;
  label: string;
  render: (row: T) => Node | string;
  sort?: (row: T) => number | string | null;
  align?: 'left' | 'right';
  title?: string;
}

/** A table with sortable columns; rows are clickable when onRow is given. */
export function table<T>(
  rows: T[],
  columns: Column<T>[],
  opts: { testid?: string; rowTestid?: string; onRow?: (row: T) => void; sortKey?: string; sortDesc?: boolean; rowLabel?: (row: T) => string } = {},
): HTMLElement {
  let sortKey = opts.sortKey;
  let desc = opts.sortDesc ?? true;
  const wrap = h('div', { class: 'table-wrap' });
  const draw = () => {
    const col = columns.find((c) => c.key === sortKey);
    const sorted = col?.sort
      ? [...rows].sort((a, b) => {
          const va = col.sort!(a);
          const vb = col.sort!(b);
          if (va === vb) return 0;
          if (va === null || va === undefined) return 1;
          if (vb === null || vb === undefined) return -1;
          return (va < vb ? -1 : 1) * (desc ? -1 : 1);
        })
      : rows;
    const thead = h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...columns.map((c) => {
          const active = c.key === sortKey;
          const th = h(
            'th',
            {
              class: `${c.align === 'right' ? 'num' : ''}${c.sort ? ' sortable' : ''}${active ? ' sorted' : ''}`,
              scope: 'col',
              title: c.title,
              'aria-sort': active ? (desc ? 'descending' : 'ascending') : null,
            },
            c.label,
            active ? h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, desc ? ' ▼' : ' ▲') : null,
          );
          if (c.sort) {
            th.tabIndex = 0;
            const activate = () => {
              if (sortKey === c.key) desc = !desc;
              else {
                sortKey = c.key;
                desc = true;
              }
              draw();
            };
            th.addEventListener('click', activate);
            th.addEventListener('keydown', (e) => {
              if ((e as KeyboardEvent).key === 'Enter') activate();
            });
          }
          return th;
        }),
      ),
    );
    const tbody = h('tbody');
    for (const r of sorted) {
      const tr = h('tr', { testid: opts.rowTestid, class: opts.onRow ? 'clickable' : '' }, ...columns.map((c) => h('td', { class: c.align === 'right' ? 'num' : '' }, c.render(r))));
      if (opts.onRow) {
        tr.tabIndex = 0;
        if (opts.rowLabel) tr.setAttribute('aria-label', opts.rowLabel(r));
        tr.addEventListener('click', () => opts.onRow!(r));
        tr.addEventListener('keydown', (e) => {
          if ((e as KeyboardEvent).key === 'Enter') opts.onRow!(r);
        });
      }
      tbody.append(tr);
    }
    wrap.replaceChildren(h('table', { class: 'data-table', testid: opts.testid }, thead, tbody));
  };
  draw();
  return wrap;
}
