/**
 * What is remembered of one condition (an experiment's guardrail, health check or
 * decision, for one event type): the state it last alerted with, and the state it is
 * in now (null: cleared, the condition no longer holds).
 */
export interface ConditionRecord {
  firedState: string | null;
  firedAt: Date | null;
  state: string | null;
  stateSince: Date;
}

/**
 * FIRE: alert. SAME_STATE: it already alerted with this state, which still holds.
 * FLAPPING: the state it alerted with came back after clearing for less than the
 * cooldown. COOLDOWN: a different state came within the cooldown of the last alert;
 * reported again once the cooldown is over, it fires then.
 */
export type NoiseVerdict = 'FIRE' | 'SAME_STATE' | 'FLAPPING' | 'COOLDOWN';

/**
 * Whether a condition reported in `state` at `now` alerts, and what to remember. A
 * condition alerts when its state differs from the one it last alerted with, at most
 * once per cooldown; the same state alerts again only after the condition cleared for
 * at least the cooldown. So WORSE, INCONCLUSIVE, WORSE within the cooldown alerts
 * once, and a decision flipping between two answers alerts at most once per cooldown.
 * Pure.
 */
export function reportCondition(
  record: ConditionRecord | null,
  state: string,
  now: Date,
  cooldownMs: number,
): { verdict: NoiseVerdict; next: ConditionRecord } {
  const moved = !record || record.state !== state;
  const current = moved ? { state, stateSince: now } : { state, stateSince: record.stateSince };
  const fire = { verdict: 'FIRE' as const, next: { ...current, firedState: state, firedAt: now } };
  if (!record?.firedAt) return fire;
  const kept = { ...record, ...current };
  const since = (moment: Date): number => now.getTime() - moment.getTime();
  if (state === record.firedState) {
    if (record.state !== null) return { verdict: 'SAME_STATE', next: kept };
    return since(record.stateSince) >= cooldownMs ? fire : { verdict: 'FLAPPING', next: kept };
  }
  return since(record.firedAt) >= cooldownMs ? fire : { verdict: 'COOLDOWN', next: kept };
}

/** The condition no longer holds (a guardrail back to no worse, a check passing again). Pure. */
export function clearCondition(record: ConditionRecord, now: Date): ConditionRecord {
  return record.state === null ? record : { ...record, state: null, stateSince: now };
}
