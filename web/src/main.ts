// App shell: key handling, filter bar, navigation, drill panel, live stream.

import './style.css';
import { Api, ApiError, type CatalogEntry, type Dimensions, type FeedbackPage, type Filters, type Report } from './api';
import { disposeAll, registerColors, type ECharts } from './charts';
import type { Ctx, DrillSpec, View } from './context';
import { DrillPanel } from './drill';
import { addDays, daysBetween, formatClock, formatWindow, label } from './format';
import { h } from './ui';
import { AgentsView } from './views/agents';
import { ContactView } from './views/contact';
import { OVERVIEW_KPIS, OverviewView } from './views/overview';
import { SatisfactionView } from './views/satisfaction';
import { SentimentView } from './views/sentiment';
import { SpeedView } from './views/speed';
import { TargetsView } from './views/targets';
import { VolumeView } from './views/volume';

const KEY_STORE = 'supportlens.key';

type ViewId = 'overview' | 'satisfaction' | 'sentiment' | 'speed' | 'volume' | 'agents' | 'contact' | 'targets';
const VIEWS: Array<{ id: ViewId; label: string }> = [
  { id: 'overview', label: 'Overview' },
  { id: 'satisfaction', label: 'Satisfaction' },
  { id: 'sentiment', label: 'Sentiment' },
  { id: 'speed', label: 'Speed' },
  { id: 'volume', label: 'Volume' },
  { id: 'agents', label: 'Agents' },
  { id: 'contact', label: 'Contact center' },
  { id: 'targets', label: 'Targets' },
];

const app = document.getElementById('app')!;

// ---- key ---------------------------------------------------------------------

function takeKeyFromUrl(): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const key = hash.get('key');
  if (!key) return null;
  hash.delete('key');
  const rest = hash.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return key;
}

function storedKey(): string | null {
  try {
    return localStorage.getItem(KEY_STORE);
  } catch {
    return null;
  }
}

function storeKey(key: string | null): void {
  try {
    if (key) localStorage.setItem(KEY_STORE, key);
    else localStorage.removeItem(KEY_STORE);
  } catch {
    /* private mode: keep it in memory only */
  }
}

function authMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'This API key is not valid or has been revoked (401). Ask an admin for a new analyst key.';
    if (e.status === 403) return 'This API key may not read this workspace (403). The dashboard needs an analyst or admin key.';
    if (e.status === 0) return 'The SupportLens server cannot be reached. Check that it is running.';
    return `The server answered: ${e.message}`;
  }
  return String((e as Error)?.message ?? e);
}

function signIn(message?: string): void {
  const input = h('input', {
    id: 'key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'sl_…',
    required: true,
    testid: 'signin-key',
  });
  const form = h(
    'form',
    { class: 'signin-card', testid: 'signin-form' },
    h('div', { class: 'brand big' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'SL'), h('span', {}, 'SupportLens')),
    h('h1', {}, 'Sign in to your dashboard'),
    h('p', { class: 'muted' }, 'Paste an API key with the analyst or admin role. It is kept in this browser only.'),
    message ? h('div', { class: 'alert alert-error', role: 'alert', testid: 'auth-error' }, message) : null,
    h('label', { for: 'key' }, 'API key'),
    input,
    h('button', { class: 'btn btn-primary', type: 'submit', testid: 'signin-submit' }, 'Open dashboard'),
    h('p', { class: 'fine' }, 'Create one with ', h('code', {}, 'supportlens keys create --role analyst'), '.'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (key) void start(key);
  });
  app.replaceChildren(h('main', { class: 'signin' }, form));
  input.focus();
}

// ---- state in the URL fragment -----------------------------------------------

function readHashState(): Partial<Filters> & { view?: ViewId } {
  const p = new URLSearchParams(location.hash.replace(/^#/, ''));
  const out: Partial<Filters> & { view?: ViewId } = {};
  const v = p.get('view');
  if (v && VIEWS.some((x) => x.id === v)) out.view = v as ViewId;
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const from = p.get('from');
  const to = p.get('to');
  if (from && to && day.test(from) && day.test(to) && from < to) {
    out.from = from;
    out.to = to;
  }
  for (const k of ['channel', 'team', 'topic'] as const) if (p.get(k)) out[k] = p.get(k)!;
  const c = p.get('cohort');
  if (c === 'event' || c === 'closed_in_window' || c === 'created') out.cohort = c;
  if (p.get('business_time') === 'true') out.businessTime = true;
  return out;
}

function writeHashState(f: Filters, view: ViewId): void {
  const p = new URLSearchParams();
  p.set('view', view);
  p.set('from', f.from);
  p.set('to', f.to);
  if (f.channel) p.set('channel', f.channel);
  if (f.team) p.set('team', f.team);
  if (f.topic) p.set('topic', f.topic);
  if (f.cohort !== 'created') p.set('cohort', f.cohort);
  if (f.businessTime) p.set('business_time', 'true');
  history.replaceState(null, '', `${location.pathname}${location.search}#${p}`);
}

// ---- the dashboard -------------------------------------------------------------

class Dashboard {
  filters: Filters;
  view: ViewId = 'overview';
  private views: Record<ViewId, View> = {
    overview: new OverviewView(),
    satisfaction: new SatisfactionView(),
    sentiment: new SentimentView(),
    speed: new SpeedView(),
    volume: new VolumeView(),
    agents: new AgentsView(),
    contact: new ContactView(),
    targets: new TargetsView(),
  };
  private charts: ECharts[] = [];
  private abort = new AbortController();
  private content = h('main', { class: 'content', id: 'content', tabIndex: -1 });
  private banner = h('div', { class: 'banner', hidden: true, role: 'alert', testid: 'auth-error' });
  private filterBar = h('div', { class: 'filters', testid: 'filter-bar' });
  private nav = h('nav', { class: 'tabs', 'aria-label': 'Views' });
  private live = h('div', { class: 'live', testid: 'live-indicator', 'data-state': 'connecting', role: 'status', 'aria-live': 'polite' });
  private source: EventSource | null = null;
  private lastVersion: number | undefined;
  /** The newest negative-feedback item seen (the server's seq): where a reconnection catches up from. */
  private feedbackSeq = 0;
  private rerenderTimer?: number;
  private drill: DrillPanel;

  constructor(
    private api: Api,
    private catalog: Map<string, CatalogEntry>,
    private dims: Dimensions,
    private role: string,
  ) {
    const st = readHashState();
    const last = dims.last_day ?? new Date().toISOString().slice(0, 10);
    this.filters = {
      from: st.from ?? addDays(last, -27),
      to: st.to ?? addDays(last, 1),
      channel: st.channel ?? '',
      team: st.team ?? '',
      topic: st.topic ?? '',
      cohort: st.cohort ?? 'created',
      businessTime: st.businessTime ?? false,
    };
    if (st.view) this.view = st.view;
    registerColors(dims.channel ?? []);
    this.drill = new DrillPanel(
      api,
      () => this.filters,
      (k) => this.catalog.get(k)?.unit ?? 'count',
      () => this.dims.timezone,
    );
  }

  mount(): void {
    const signOut = h(
      'button',
      {
        class: 'btn btn-ghost btn-sm',
        type: 'button',
        testid: 'sign-out',
        onclick: () => {
          storeKey(null);
          this.stop();
          signIn();
        },
      },
      'Sign out',
    );
    const header = h(
      'header',
      { class: 'topbar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, 'SL'), h('span', {}, 'SupportLens')),
      h('span', { class: 'workspace', testid: 'workspace', title: `Role: ${this.role}` }, `${label(this.api.workspace)} workspace`),
      h('div', { class: 'spacer' }),
      this.live,
      signOut,
    );
    this.setLive('connecting');
    app.replaceChildren(
      h('a', { class: 'skip', href: '#content' }, 'Skip to content'),
      header,
      this.banner,
      h('div', { class: 'subbar' }, this.nav, this.filterBar),
      this.content,
      this.drill.el,
    );
    this.drawNav();
    this.drawFilters();
    void this.show();
    this.connectLive();
  }

  stop(): void {
    this.abort.abort();
    this.source?.close();
    this.source = null;
    disposeAll(this.charts);
  }

  private drawNav(): void {
    this.nav.replaceChildren(
      ...VIEWS.map((v) =>
        h(
          'button',
          {
            type: 'button',
            class: `tab${v.id === this.view ? ' active' : ''}`,
            testid: `nav-${v.id}`,
            'aria-current': v.id === this.view ? 'page' : null,
            onclick: () => {
              if (this.view === v.id) return;
              this.view = v.id;
              this.drawNav();
              void this.show();
            },
          },
          v.label,
        ),
      ),
    );
  }

  private drawFilters(): void {
    const f = this.filters;
    const last = this.dims.last_day ?? addDays(f.to, -1);
    const len = daysBetween(f.from, f.to);
    const endsAtLast = f.to === addDays(last, 1);
    const preset = endsAtLast && [7, 28, 90].includes(len) ? String(len) : 'custom';
    const range = h(
      'select',
      {
        testid: 'filter-range',
        'aria-label': 'Date range',
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v === 'custom') return;
          const n = Number(v);
          this.setFilters({ from: addDays(last, -(n - 1)), to: addDays(last, 1) });
        },
      },
      ...[
        ['7', 'Last 7 days'],
        ['28', 'Last 28 days'],
        ['90', 'Last 90 days'],
        ['custom', 'Custom'],
      ].map(([v, t]) => h('option', { value: v, selected: v === preset }, t)),
    );
    const fromIn = h('input', { type: 'date', value: f.from, testid: 'filter-from', 'aria-label': 'From (first day)', max: addDays(f.to, -1) });
    const toIn = h('input', { type: 'date', value: addDays(f.to, -1), testid: 'filter-to', 'aria-label': 'To (last day, included)', min: f.from });
    const applyDates = () => {
      const a = fromIn.value;
      const b = toIn.value;
      if (!a || !b || a > b) return;
      this.setFilters({ from: a, to: addDays(b, 1) });
    };
    fromIn.addEventListener('change', applyDates);
    toIn.addEventListener('change', applyDates);

    const select = (dim: 'channel' | 'team' | 'topic', values: string[]) =>
      h(
        'label',
        { class: 'field' },
        h('span', {}, label(dim)),
        h(
          'select',
          {
            testid: `filter-${dim}`,
            onchange: (e: Event) => this.setFilters({ [dim]: (e.target as HTMLSelectElement).value } as Partial<Filters>),
          },
          h('option', { value: '' }, 'All'),
          ...values.filter((v) => v !== null && v !== '').map((v) => h('option', { value: v, selected: f[dim] === v }, label(v))),
        ),
      );
    const cohort = h(
      'label',
      { class: 'field', title: 'Which records a window counts: tickets created in it, events that happened in it, or tickets closed in it' },
      h('span', {}, 'Cohort'),
      h(
        'select',
        { testid: 'filter-cohort', onchange: (e: Event) => this.setFilters({ cohort: (e.target as HTMLSelectElement).value as Filters['cohort'] }) },
        ...[
          ['created', 'Created in window'],
          ['event', 'Event in window'],
          ['closed_in_window', 'Closed in window'],
        ].map(([v, t]) => h('option', { value: v, selected: f.cohort === v }, t)),
      ),
    );
    const bt = h('input', {
      type: 'checkbox',
      testid: 'filter-business-time',
      checked: f.businessTime,
      onchange: (e: Event) => this.setFilters({ businessTime: (e.target as HTMLInputElement).checked }),
    });
    const active = [f.channel, f.team, f.topic].some(Boolean) || f.cohort !== 'created' || f.businessTime;
    this.filterBar.replaceChildren(
      h('label', { class: 'field' }, h('span', {}, 'Window'), range),
      h('div', { class: 'field dates' }, h('span', {}, formatWindow(f.from, f.to)), h('div', { class: 'date-pair' }, fromIn, h('span', { 'aria-hidden': 'true' }, '–'), toIn)),
      select('channel', this.dims.channel ?? []),
      select('team', this.dims.team ?? []),
      select('topic', this.dims.topic ?? []),
      cohort,
      h('label', { class: 'field toggle', title: 'Measure durations in business hours only' }, bt, h('span', {}, 'Business time')),
      ...(active
        ? [h(
            'button',
            {
              class: 'btn btn-ghost btn-sm',
              type: 'button',
              testid: 'filter-reset',
              onclick: () => this.setFilters({ channel: '', team: '', topic: '', cohort: 'created', businessTime: false }),
            },
            'Clear filters',
          )]
        : []),
    );
  }

  setFilters(patch: Partial<Filters>): void {
    Object.assign(this.filters, patch);
    this.drawFilters();
    this.drill.close();
    void this.show();
    this.connectLive();
  }

  private ctx(): Ctx {
    return {
      api: this.api,
      catalog: this.catalog,
      dims: this.dims,
      filters: { ...this.filters },
      timezone: this.dims.timezone,
      role: this.role,
      drill: (s: DrillSpec) => void this.drill.open(s),
      setFilters: (p) => this.setFilters(p),
      charts: this.charts,
      signal: this.abort.signal,
    };
  }

  private async show(quiet = false): Promise<void> {
    this.abort.abort();
    this.abort = new AbortController();
    writeHashState(this.filters, this.view);
    const root = h('div', { class: `view view-${this.view}`, testid: `view-${this.view}` });
    const old = this.charts.splice(0);
    const ctx = this.ctx();
    const view = this.views[this.view];
    const signal = this.abort.signal;
    if (quiet) {
      // Live refresh: build off-screen, then swap, so nothing flickers.
      try {
        const stage = h('div', { class: 'stage' });
        document.body.append(stage);
        stage.append(root);
        await view.render(root, ctx);
        stage.remove();
        if (signal.aborted) return;
        this.content.replaceChildren(root);
        disposeAll(old);
      } catch (e) {
        if (!signal.aborted) this.fail(e);
      }
      return;
    }
    disposeAll(old);
    this.content.replaceChildren(root);
    this.content.setAttribute('aria-busy', 'true');
    try {
      await view.render(root, ctx);
      if (!signal.aborted) this.banner.hidden = true;
    } catch (e) {
      if (!signal.aborted) this.fail(e);
    } finally {
      if (!signal.aborted) this.content.removeAttribute('aria-busy');
    }
  }

  private fail(e: unknown): void {
    if ((e as Error)?.name === 'AbortError') return;
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      this.stop();
      storeKey(e.status === 401 ? null : storedKey());
      signIn(authMessage(e));
      return;
    }
    this.banner.hidden = false;
    this.banner.textContent = authMessage(e);
  }

  // ---- live ----

  private setLive(state: 'connecting' | 'live' | 'offline', at?: Date): void {
    this.live.dataset.state = state;
    const text = state === 'live' ? `Live · updated ${formatClock(at ?? new Date())}` : state === 'connecting' ? 'Connecting…' : 'Offline · retrying';
    this.live.replaceChildren(h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { testid: 'live-text' }, text));
    if (at) this.live.dataset.updated = at.toISOString();
  }

  private connectLive(): void {
    this.source?.close();
    this.lastVersion = undefined;
    this.setLive('connecting');
    const src = new EventSource(this.api.liveUrl(this.filters, OVERVIEW_KPIS));
    this.source = src;
    src.addEventListener('report', (ev) => {
      if (this.source !== src) return;
      let report: Report;
      try {
        report = JSON.parse((ev as MessageEvent).data);
      } catch {
        return;
      }
      this.setLive('live', new Date());
      this.onLiveReport(report);
    });
    src.addEventListener('feedback', (ev) => {
      if (this.source !== src) return;
      let page: FeedbackPage;
      try {
        page = JSON.parse((ev as MessageEvent).data);
      } catch {
        return;
      }
      this.onFeedback(page);
    });
    src.addEventListener('open', () => {
      if (this.source !== src) return;
      if (this.live.dataset.state !== 'live') this.setLive('connecting');
      // The stream sends only feedback newer than its start: fetch what came while it was down.
      if (this.views[this.view].feedback) void this.syncFeedback(this.feedbackSeq);
    });
    src.addEventListener('error', () => {
      if (this.source !== src) return;
      this.setLive('offline');
    });
  }

  private onFeedback(page: FeedbackPage): void {
    const first = page.items[0]?.seq;
    // A stream event holds the newest 100 at most: fetch any it skipped.
    if (first !== undefined && this.feedbackSeq > 0 && first > this.feedbackSeq + 1) void this.syncFeedback(this.feedbackSeq);
    this.feedbackSeq = Math.max(this.feedbackSeq, page.last_seq);
    this.views[this.view].feedback?.(page.items, this.ctx());
  }

  private async syncFeedback(after: number): Promise<void> {
    try {
      let page = await this.api.feedback(after);
      let replace = false;
      if (page.last_seq < after) {
        // The server restarted and its in-memory list with it: start over.
        page = await this.api.feedback(0);
        replace = true;
        this.feedbackSeq = 0;
      }
      this.feedbackSeq = Math.max(this.feedbackSeq, page.last_seq);
      if (page.items.length || replace) this.views[this.view].feedback?.(page.items, this.ctx(), replace);
    } catch {
      /* the next connection catches up */
    }
  }

  private onLiveReport(r: Report): void {
    const first = this.lastVersion === undefined;
    const changed = !first && r.data_version !== undefined && r.data_version !== this.lastVersion;
    this.lastVersion = r.data_version;
    const view = this.views[this.view];
    if (this.view === 'overview' && view.live) {
      view.live(r, this.ctx());
      return;
    }
    if (changed) {
      // Other views: redraw quietly, at most every few seconds.
      if (this.rerenderTimer) return;
      this.rerenderTimer = window.setTimeout(() => {
        this.rerenderTimer = undefined;
        void this.show(true);
      }, 2000);
    }
  }
}

// ---- start-up --------------------------------------------------------------------

async function start(key: string): Promise<void> {
  app.replaceChildren(h('div', { class: 'boot', 'aria-busy': 'true' }, h('div', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, 'Loading SupportLens…')));
  const api = new Api(key);
  let who;
  try {
    who = await api.whoami();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) storeKey(null);
    signIn(authMessage(e));
    return;
  }
  if (who.role === 'ingest') {
    signIn('This is an ingest key: it may write records but not read them (403). The dashboard needs an analyst or admin key.');
    return;
  }
  api.workspace = who.workspace;
  storeKey(key);
  try {
    const [cat, dims] = await Promise.all([api.catalog(), api.dimensions()]);
    const catalog = new Map(cat.map((c) => [c.id, c]));
    const d = new Dashboard(api, catalog, dims, who.role);
    current?.stop();
    current = d;
    d.mount();
  } catch (e) {
    signIn(authMessage(e));
  }
}

let current: Dashboard | null = null;

const fromUrl = takeKeyFromUrl();
const key = fromUrl ?? storedKey();
if (key) void start(key);
else signIn();

// A key pasted into the fragment of an open page (no reload happens then).
window.addEventListener('hashchange', () => {
  const k = takeKeyFromUrl();
  if (k) void start(k);
});
