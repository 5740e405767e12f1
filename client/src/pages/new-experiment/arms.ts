import type { ArmInput } from '../../generated/graphql.js';

/** An arm as the form edits it; exactly one row is the baseline. */
export interface ArmRow {
  key: string;
  weight: string;
  packages: string;
  baseline: boolean;
}

export type ArmsAction =
  | { type: 'add' }
  | { type: 'remove'; index: number }
  | { type: 'edit'; index: number; field: 'key' | 'weight' | 'packages'; value: string }
  | { type: 'choose-baseline'; index: number };

export const FIRST_ARMS: ArmRow[] = [
  { key: 'baseline', weight: '1', packages: '', baseline: true },
  { key: 'treatment', weight: '1', packages: '', baseline: false },
];

/**
 * The arms after `action`. The baseline is a mark on its row rather than a position,
 * so removing another arm leaves it on the same arm; removing the baseline itself
 * makes the first arm left the baseline, so there is always exactly one.
 */
export function armsReducer(arms: ArmRow[], action: ArmsAction): ArmRow[] {
  switch (action.type) {
    case 'add':
      return [...arms, { key: freeTreatmentKey(arms), weight: '1', packages: '', baseline: false }];
    case 'remove': {
      const left = arms.filter((_, i) => i !== action.index);
      return left.some((arm) => arm.baseline)
        ? left
        : left.map((arm, i) => ({ ...arm, baseline: i === 0 }));
    }
    case 'edit':
      return arms.map((arm, i) =>
        i === action.index ? { ...arm, [action.field]: action.value } : arm,
      );
    case 'choose-baseline':
      return arms.map((arm, i) => ({ ...arm, baseline: i === action.index }));
  }
}

/** `treatment-N` for the next N no arm has yet (after removals the count may be taken). */
function freeTreatmentKey(arms: ArmRow[]): string {
  const taken = new Set(arms.map((arm) => arm.key.trim()));
  let n = arms.length;
  while (taken.has(`treatment-${n}`)) n++;
  return `treatment-${n}`;
}

/** The arms as createExperiment takes them. */
export function armInputs(arms: ArmRow[]): ArmInput[] {
  return arms.map((arm) => ({
    key: arm.key.trim(),
    weight: Number(arm.weight),
    baseline: arm.baseline,
    packages: arm.packages.split(/[\s,]+/).filter(Boolean),
  }));
}
