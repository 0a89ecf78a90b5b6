// What the admin forms of the Targets page share: the scopes they offer and the units of their numbers.

import type { Unit } from '../format';

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
