import { finished } from 'node:stream/promises';
import type { ValidSample } from '@fleetlab/shared';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { pgConnectionOf } from '../database/prepared-query.js';

// COPY is PostgreSQL's bulk path: rows go in many to a page and a WAL record, where an
// INSERT of the same rows writes them one by one (about twice the time for a batch).

const COPY_SAMPLES =
  'COPY sample (host_id, sample_id, kind, observed_at, metric_values, context) FROM STDIN';

const COPY_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;

/** A field in COPY's text format: backslash, tab, newline and carriage return escaped. */
export function copyField(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => COPY_ESCAPES[c]!) : text;
}

/** One sample as a line of COPY text for the `sample` table, in the columns' order. */
export function sampleCopyLine(hostId: string, sample: ValidSample): string {
  return `${hostId}\t${copyField(sample.id)}\t${copyField(sample.kind)}\t${sample.observedAt.toISOString()}\t${copyField(
    JSON.stringify(sample.values),
  )}\t${copyField(JSON.stringify(sample.context))}\n`;
}

/** Writes a host's samples into `sample` on the connection of `manager`'s transaction. */
export async function copySamples(
  manager: EntityManager,
  hostId: string,
  samples: readonly ValidSample[],
): Promise<void> {
  if (!manager.queryRunner) throw new Error('copySamples needs the EntityManager of a transaction');
  const copy = (await pgConnectionOf(manager)).query(copyFrom(COPY_SAMPLES));
  copy.end(samples.map((s) => sampleCopyLine(hostId, s)).join(''));
  await finished(copy);
}
