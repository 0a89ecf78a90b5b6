// The overview's leading and lagging KPIs (GET .../lead-lag): a row per KPI in each group with its
// latest weekly value, a sparkline of the weeks and its newest move, and the "Moved first" panel
// listing the lagging moves that a leading KPI's move came before.

import { ApiError, type LeadLag, type LeadLagKpi, type Report } from '../api';
import type { Ctx } from '../context';
import { formatKpiValue, formatWindow } from '../format';
import {
  LINKS_SHOWN,
  MOVE_MIN_CHANGE,
  SENSE_LABEL,
  kpiNames,
  latestMove,
  latestValue,
  leadLagRange,
  linkSentence,
  linksEmptyText,
  moveBadge,
  senseTone,
  shortWeek,
  sparkPath,
  sparkPoint,
} from '../leadlag';
import { card, emptyState, errorState, h, skeleton } from '../ui';

const SPARK_WIDTH = 96;
const SPARK_HEIGHT = 26;
/** How long a live change waits before the weeks are read again; the changes meanwhile share that read. */
const LIVE_DELAY_MS = 2000;

type Card = { card: HTMLElement; body: HTMLElement };

/** What outlives a redraw of the overview: whether every link is listed. */
export interface LeadLagState {
  showAll: boolean;
}

export class LeadLagPanel {
  readonly el: HTMLElement;
  private range: HTMLElement;
  private note: HTMLElement;
  private links: Card;
  private leading: Card;
  private lagging: Card;
  private groups: HTMLElement;
  /** Counts the loads, so that a late answer does not overwrite a newer one. */
  private loads = 0;
  /** The data version of the last live report; a report with another one reads the weeks again. */
  private version: number | undefined;
  private timer?: number;

  constructor(private state: LeadLagState) {
    this.range = h('p', { class: 'muted', testid: 'lead-lag-range' }, '\u00a0');
    this.note = h('div', { class: 'notice', testid: 'lead-lag-note', hidden: true, role: 'status' });
    this.links = card({
      title: 'Moved first',
      subtitle: 'Lagging KPIs that moved after a leading KPI had moved the same way 1 to 3 weeks before, borne out by their weekly correlation · newest first',
      testid: 'lead-lag-links',
      wide: true,
    });
    this.leading = card({ title: 'Leading indicators', subtitle: 'Early signals, which move before the outcomes do · each with its latest week, its weeks and its newest move', testid: 'lead-lag-leading' });
    this.lagging = card({ title: 'Lagging indicators', subtitle: 'Outcomes, which follow what the leading KPIs set in motion · each with its latest week, its weeks and its newest move', testid: 'lead-lag-lagging' });
    this.links.body.append(skeleton(120));
    this.leading.body.append(skeleton(320));
    this.lagging.body.append(skeleton(320));
    this.groups = h('div', { class: 'grid-2' }, this.leading.card, this.lagging.card);
    this.el = h(
      'section',
      { class: 'lead-lag', testid: 'lead-lag', 'aria-labelledby': 'lead-lag-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'lead-lag-title' }, 'Leading and lagging KPIs'), this.range),
      this.note,
      this.links.card,
      this.groups,
    );
  }

  /** Reads the weeks for the window of the filter bar; what is shown stays until the answer comes. */
  async load(ctx: Ctx): Promise<void> {
    const seq = ++this.loads;
    const range = leadLagRange(ctx.filters, { firstDay: ctx.dims.first_day, lastDay: ctx.dims.last_day });
    let a: LeadLag;
    try {
      a = await ctx.api.leadLag(range ?? {}, ctx.signal);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || seq !== this.loads) return;
      this.fail(e as Error);
      return;
    }
    if (seq !== this.loads) return;
    this.draw(a, range === null, ctx);
  }

  /**
   * A live report: when its data version is not the one the weeks were read at, they are read again
   * a moment later. The first report after a redraw counts as new too: the page's reads carry no
   * version to compare with (the server answers a repeated read from its cache).
   */
  follow(r: Report, ctx: Ctx): void {
    if (r.data_version === undefined || r.data_version === this.version) return;
    this.version = r.data_version;
    if (this.timer) return;
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.load(ctx);
    }, LIVE_DELAY_MS);
  }

  private fail(e: Error): void {
    this.range.textContent = '\u00a0';
    this.note.hidden = true;
    this.groups.hidden = true;
    this.leading.body.replaceChildren();
    this.lagging.body.replaceChildren();
    // 400 and 404 say what the data or the request lacks ("fewer than two whole weeks of data").
    if (e instanceof ApiError && (e.status === 400 || e.status === 404)) {
      const el = emptyState('No leading and lagging view', e.message);
      el.setAttribute('data-testid', 'lead-lag-unavailable');
      this.links.body.replaceChildren(el);
    } else {
      this.links.body.replaceChildren(errorState(e.message));
    }
  }

  private draw(a: LeadLag, fellBack: boolean, ctx: Ctx): void {
    const weeks = a.weeks;
    this.range.textContent = `${weeks.length} whole weeks, ${formatWindow(a.from, a.to)} (${shortWeek(weeks[0])} – ${shortWeek(weeks[weeks.length - 1])}) · the whole workspace: the channel, team and topic filters, the cohort and business time do not apply`;
    this.note.hidden = !fellBack;
    this.note.textContent = fellBack ? 'The window ends less than two whole weeks into the data, so these are the latest weeks of data instead.' : '';
    this.groups.hidden = false;
    this.drawLinks(a, ctx);
    this.drawGroup(this.leading, a.leading, weeks, 'No leading KPI has values in these weeks.');
    this.drawGroup(this.lagging, a.lagging, weeks, 'No lagging KPI has values in these weeks.');
  }

  private drawLinks(a: LeadLag, ctx: Ctx): void {
    const body = this.links.body;
    if (!a.links.length) {
      const t = linksEmptyText(a);
      const el = emptyState(t.title, t.detail);
      el.setAttribute('data-testid', 'lead-lag-empty');
      body.replaceChildren(el);
      return;
    }
    const names = kpiNames(a);
    const name = (id: string) => names.get(id) ?? ctx.catalog.get(id)?.name ?? id;
    const list = h('ol', { class: 'll-links', testid: 'lead-lag-link-list' });
    const toggle = a.links.length > LINKS_SHOWN ? h('button', { type: 'button', class: 'btn btn-ghost btn-sm', testid: 'lead-lag-show-all' }) : null;
    const fill = () => {
      const shown = this.state.showAll ? a.links : a.links.slice(0, LINKS_SHOWN);
      list.replaceChildren(
        ...shown.map((l) =>
          h(
            'li',
            { class: 'll-link', testid: 'lead-lag-link', 'data-lagging': l.lagging, 'data-leading': l.leading },
            h('span', { class: `move move-${senseTone(l.lagging_sense)}`, testid: 'lead-lag-link-sense' }, SENSE_LABEL[l.lagging_sense] ?? l.lagging_sense),
            h('span', { class: 'll-link-text', testid: 'lead-lag-link-text' }, linkSentence(l, name)),
          ),
        ),
      );
      if (toggle) {
        toggle.textContent = this.state.showAll ? `Show the first ${LINKS_SHOWN}` : `Show all ${a.links.length}`;
        toggle.setAttribute('aria-expanded', String(this.state.showAll));
      }
    };
    toggle?.addEventListener('click', () => {
      this.state.showAll = !this.state.showAll;
      fill();
    });
    fill();
    body.replaceChildren(h('p', { class: 'muted small', testid: 'lead-lag-link-count' }, `${a.links.length} ${a.links.length === 1 ? 'link' : 'links'}`), list);
    if (toggle) body.append(h('div', { class: 'll-more' }, toggle));
  }

  private drawGroup(c: Card, kpis: LeadLagKpi[], weeks: string[], none: string): void {
    if (!kpis.length) {
      const el = emptyState('No weekly values', none);
      c.body.replaceChildren(el);
      return;
    }
    c.body.replaceChildren(h('div', { class: 'll-list' }, ...kpis.map((k) => this.row(k, weeks))));
  }

  private row(k: LeadLagKpi, weeks: string[]): HTMLElement {
    const last = latestValue(k, weeks);
    const move = latestMove(k);
    const badge = moveBadge(move);
    const valuesText = k.values.map((v, i) => `${weeks[i]}: ${formatKpiValue(v, k.unit)}`).join('\n');
    return h(
      'div',
      { class: 'll-row', testid: 'lead-lag-kpi', 'data-kpi': k.kpi, title: `${k.name}\n${valuesText}` },
      h('span', { class: 'll-name' }, k.name),
      sparkline(k.values, move ? weeks.indexOf(move.week) : -1, badge.tone),
      h('span', { class: 'll-value', testid: 'lead-lag-value', 'data-value': last.value === null ? '' : String(last.value), 'data-week': last.week ?? '' }, formatKpiValue(last.value, k.unit)),
      h(
        'span',
        {
          class: `move move-${badge.tone}`,
          testid: 'lead-lag-move',
          'data-sense': badge.sense,
          title: move ? `${move.week}: ${formatKpiValue(move.value, k.unit)} against a mean of ${formatKpiValue(move.baseline, k.unit)} over the weeks before` : `No week moved ${MOVE_MIN_CHANGE}% or more from the weeks before it`,
        },
        badge.text,
      ),
    );
  }
}

/** An inline SVG sparkline of weekly values, with a dot at the newest move. */
function sparkline(values: Array<number | null>, moveAt: number, tone: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'll-spark');
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('width', String(SPARK_WIDTH));
  svg.setAttribute('height', String(SPARK_HEIGHT));
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', sparkPath(values, SPARK_WIDTH, SPARK_HEIGHT, 3));
  path.setAttribute('class', 'll-spark-line');
  svg.append(path);
  const p = moveAt >= 0 ? sparkPoint(values, moveAt, SPARK_WIDTH, SPARK_HEIGHT, 3) : null;
  if (p) {
    const dot = document.createElementNS(ns, 'circle');
    dot.setAttribute('cx', String(p.x));
    dot.setAttribute('cy', String(p.y));
    dot.setAttribute('r', '2.6');
    dot.setAttribute('class', `ll-spark-dot dot-${tone}`);
    svg.append(dot);
  }
  return svg;
}
