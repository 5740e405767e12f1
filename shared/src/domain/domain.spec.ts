import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  EXPERIMENT_STATUSES,
  EXPERIMENT_TRANSITIONS,
  FACT_KINDS,
  SCALAR_FACT_KEYS,
} from './index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('@fleetlab/shared/domain', () => {
  it('imports nothing outside its folder, so the dashboard gets no statistics or Node modules', () => {
    const sources = fs
      .readdirSync(HERE)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const outside = sources.flatMap((file) =>
      [...fs.readFileSync(path.join(HERE, file), 'utf8').matchAll(/from '([^']+)'/g)]
        .map((m) => m[1]!)
        .filter((from) => !from.startsWith('./'))
        .map((from) => `${file}: ${from}`),
    );
    expect(outside).toEqual([]);
  });

  it('names every scalar fact once, with its kind', () => {
    expect([...SCALAR_FACT_KEYS].sort()).toEqual(Object.keys(FACT_KINDS).sort());
  });

  it('has the transitions of every status', () => {
    expect(Object.keys(EXPERIMENT_TRANSITIONS)).toEqual([...EXPERIMENT_STATUSES]);
  });
});
