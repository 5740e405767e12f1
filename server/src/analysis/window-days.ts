import { badInput } from '../common/graphql-errors.js';
import { dayOf } from '../telemetry/sample-period.js';
import type { WindowInput } from './dto/window.input.js';

const DAY_MS = 86_400_000;

/** What the window's ends are called where they were sent: GraphQL's argument, or a download's query. */
export interface WindowEndNames {
  from: string;
  to: string;
}

const ARGUMENT_NAMES: WindowEndNames = { from: 'window.from', to: 'window.to' };

/**
 * The whole UTC days a window covers. No sample is older than the retention or newer
 * than now, so an end before the oldest day kept or after tomorrow (clocks ahead of
 * UTC are on it already) is a mistake, refused naming the days allowed; so is a
 * window that ends before it starts.
 */
export function windowDays(
  window: WindowInput | null | undefined,
  retentionDays: number,
  now: Date = new Date(),
  names: WindowEndNames = ARGUMENT_NAMES,
): { fromDay: string | null; toDay: string | null } {
  const today = Math.floor(now.getTime() / DAY_MS);
  const [oldest, latest] = [today - retentionDays, today + 1];
  for (const end of ['from', 'to'] as const) {
    const at = window?.[end];
    if (!at) continue;
    const day = Math.floor(at.getTime() / DAY_MS);
    if (day >= oldest && day <= latest) continue;
    const shown = Number.isNaN(day) ? 'is not a time and' : at.toISOString();
    throw badInput(
      `${names[end]} ${shown} is outside the days samples can be on: from ${dayName(oldest)} ` +
        `(FLEETLAB_RETENTION_DAYS keeps ${retentionDays} days) to ${dayName(latest)} (tomorrow, UTC).`,
      { field: names[end] },
    );
  }
  const from = window?.from ?? null;
  const to = window?.to ?? null;
  if (from && to && from.getTime() > to.getTime()) {
    throw badInput(
      `The window ends (${to.toISOString()}) before it starts (${from.toISOString()}); swap ${names.from} and ${names.to}.`,
      { field: 'window' },
    );
  }
  return { fromDay: from ? dayOf(from) : null, toDay: to ? dayOf(to) : null };
}

function dayName(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
