import { describe, expect, it } from '@jest/globals';
import { clearCondition, reportCondition, type ConditionRecord } from './alert-noise.js';

const COOLDOWN = 60 * 60_000;
const at = (minutes: number): Date => new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);

/** Reports (a state) or clears (null) a condition minute by minute; answers the verdicts. */
function replay(steps: [minute: number, state: string | null][]): string[] {
  let record: ConditionRecord | null = null;
  const verdicts: string[] = [];
  for (const [minute, state] of steps) {
    if (state === null) {
      if (record) record = clearCondition(record, at(minute));
      verdicts.push('cleared');
      continue;
    }
    const { verdict, next } = reportCondition(record, state, at(minute), COOLDOWN);
    record = next;
    verdicts.push(verdict);
  }
  return verdicts;
}

describe(reportCondition.name, () => {
  it('fires the first time a condition is reported', () => {
    expect(replay([[0, 'WORSE']])).toEqual(['FIRE']);
  });

  it('fires once while the state holds, however often it is reported', () => {
    expect(
      replay([
        [0, 'WORSE'],
        [1, 'WORSE'],
        [500, 'WORSE'],
      ]),
    ).toEqual(['FIRE', 'SAME_STATE', 'SAME_STATE']);
  });

  it('fires once for a state that flaps: worse, cleared, worse within the cooldown', () => {
    expect(
      replay([
        [0, 'WORSE'],
        [5, null],
        [10, 'WORSE'],
        [15, null],
        [20, 'WORSE'],
      ]),
    ).toEqual(['FIRE', 'cleared', 'FLAPPING', 'cleared', 'FLAPPING']);
  });

  it('fires again when the state comes back after clearing for the whole cooldown', () => {
    expect(
      replay([
        [0, 'WORSE'],
        [10, null],
        [69, 'WORSE'],
        [80, null],
        [140, 'WORSE'],
      ]),
    ).toEqual(['FIRE', 'cleared', 'FLAPPING', 'cleared', 'FIRE']);
  });

  it('fires a real change of state, but not one within the cooldown of the last alert', () => {
    expect(
      replay([
        [0, 'KEEP_RUNNING'],
        [120, 'SHIP'],
        [130, 'KEEP_RUNNING'],
        [140, 'SHIP'],
        [150, 'KEEP_RUNNING'],
      ]),
    ).toEqual(['FIRE', 'FIRE', 'COOLDOWN', 'SAME_STATE', 'COOLDOWN']);
  });

  it('fires a change held back by the cooldown once the cooldown is over, if it still holds', () => {
    expect(
      replay([
        [0, 'SHIP'],
        [10, 'ROLL_BACK'],
        [30, 'ROLL_BACK'],
        [60, 'ROLL_BACK'],
        [61, 'ROLL_BACK'],
      ]),
    ).toEqual(['FIRE', 'COOLDOWN', 'COOLDOWN', 'FIRE', 'SAME_STATE']);
  });

  it('keeps when the current state began, for how long it has held', () => {
    const first = reportCondition(null, 'WORSE', at(0), COOLDOWN).next;
    const again = reportCondition(first, 'WORSE', at(30), COOLDOWN).next;
    expect(again.stateSince).toEqual(at(0));
    const cleared = clearCondition(clearCondition(again, at(40)), at(50));
    expect(cleared).toMatchObject({ state: null, stateSince: at(40), firedState: 'WORSE' });
  });
});
