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
 * Fills the scope-value select for the chosen dimension, keeping the value chosen before when the
 * dimension has it (and hiding the select for the whole workspace). Returns the value kept.
 */
export function fillScopeValues(ctx: Ctx, dim: string, chosen: string, select: HTMLSelectElement): string {
  const values = dim ? (ctx.dims[dim as (typeof SCOPE_DIMS)[number]] ?? []).filter((v) => v) : [];
  const kept = values.includes(chosen) ? chosen : (values[0] ?? '');
  select.replaceChildren(...values.map((v) => h('option', { value: v, selected: v === kept }, label(v))));
  select.disabled = !values.length;
  select.hidden = !dim;
  return kept;
}
