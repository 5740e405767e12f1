import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  ALERT_DELIVERY_STATUSES,
  ALERT_EVENT_TYPES,
  ANALYSIS_METHODS,
  ENROLLMENT_FILTERS,
  EXPERIMENT_STATUSES,
  FACT_KEYS,
  HEALTH_STATUSES,
  METRIC_ROLES,
  REPORT_FORMATS,
  SEGMENT_DIMENSIONS,
  TARGETING_OPS,
  TRANSACTION_SIZE_CLASSES,
  VERDICTS,
  WEBHOOK_FORMATS,
} from '@fleetlab/shared/domain';

// The dashboard takes these lists from @fleetlab/shared/domain. A source file that
// spells out several values of one of them as strings is most likely a copy that
// will fall behind when the list changes. Naming one value (`status === 'DRAFT'`)
// or keying a record by them (`{ OK: 'OK', ... }`, checked by its type) is fine.
const LISTS: Record<string, { values: readonly string[]; copiedFrom: number }> = {
  // A webhook's card tells failing deliveries: FAILED, or PENDING after a try.
  ALERT_DELIVERY_STATUSES: { values: ALERT_DELIVERY_STATUSES, copiedFrom: 3 },
  ALERT_EVENT_TYPES: { values: ALERT_EVENT_TYPES, copiedFrom: 2 },
  ANALYSIS_METHODS: { values: ANALYSIS_METHODS, copiedFrom: 2 },
  ENROLLMENT_FILTERS: { values: ENROLLMENT_FILTERS, copiedFrom: 3 },
  EXPERIMENT_STATUSES: { values: EXPERIMENT_STATUSES, copiedFrom: 3 },
  // The hosts page filters on three facts of its choosing.
  FACT_KEYS: { values: FACT_KEYS, copiedFrom: 5 },
  HEALTH_STATUSES: { values: HEALTH_STATUSES, copiedFrom: 2 },
  // Default rows of the new-experiment form name both roles.
  METRIC_ROLES: { values: METRIC_ROLES, copiedFrom: 3 },
  // Download kinds read CSV and JSON.
  REPORT_FORMATS: { values: REPORT_FORMATS, copiedFrom: 3 },
  // View links and their tests name a breakdown and a segment.
  SEGMENT_DIMENSIONS: { values: SEGMENT_DIMENSIONS, copiedFrom: 3 },
  TARGETING_OPS: { values: TARGETING_OPS, copiedFrom: 3 },
  TRANSACTION_SIZE_CLASSES: { values: TRANSACTION_SIZE_CLASSES.slice(1), copiedFrom: 2 },
  VERDICTS: { values: VERDICTS, copiedFrom: 2 },
  WEBHOOK_FORMATS: { values: WEBHOOK_FORMATS, copiedFrom: 2 },
};

const SRC = path.dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [file] : [];
  });
}

describe('the dashboard', () => {
  it('copies no list of @fleetlab/shared/domain', () => {
    const copies = sources(SRC).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return Object.entries(LISTS).flatMap(([name, { values, copiedFrom }]) => {
        const named = values.filter((v) => text.includes(`'${v}'`) || text.includes(`"${v}"`));
        return named.length >= copiedFrom
          ? [`${path.relative(SRC, file)} spells out ${named.join(', ')} (${name})`]
          : [];
      });
    });
    expect(copies).toEqual([]);
  });
});
