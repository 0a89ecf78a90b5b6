// What the admin forms of the Targets page share: the scopes they offer and the units of their numbers.

import type { Ctx } from '../context';
import { h } from '../ui';
import { label, type Unit } from '../format';

/** The scopes the forms offer: the dimensions whose values the dashboard loads (agent scopes come from the CLI or the API). */
export const SCOPE_DIMS = ['channel', 'team', 'queue'] as const;

const UNIT_WORDS: Record<string, string> = {
  seconds: 'seconds',
  percent: 'percent',
  nps: 'NPS points',
  score: 'score points',
  per_hour: 'per hour',
  currency: 'currency units',
  count: 'count',
};

/** A unit in words, beside the inputs of the bounds: the API takes raw numbers (seconds, not "2m"). */
export function unitWords(unit: Unit): string {
  return UNIT_WORDS[unit] ?? 'count';
}

/**
 * Keeps a scope-value select in step with the chosen dimension: refilled when the dimension
 * changes (keeping the value chosen before when the dimension has it; hidden for the whole
 * workspace). Each call returns the value now selected.
 */
export function scopeValueSync(ctx: Ctx, select: HTMLSelectElement): (dim: string, chosen: string) => string {
  let shownDim: string | null = null;
  return (dim, chosen) => {
    if (dim !== shownDim) {
      shownDim = dim;
      const values = dim ? (ctx.dims[dim as (typeof SCOPE_DIMS)[number]] ?? []).filter((v) => v) : [];
      const kept = values.includes(chosen) ? chosen : (values[0] ?? '');
      select.replaceChildren(...values.map((v) => h('option', { value: v, selected: v === kept }, label(v))));
      select.disabled = !values.length;
      select.hidden = !dim;
    }
    return select.value;
  };
}
