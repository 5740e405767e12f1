import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { printSchemaSdl, SCHEMA_PATH } from './print-schema.js';

describe('server/schema.gql', () => {
  it('is what the code generates (run `npm run schema:generate -w server` after changing the API)', async () => {
    const committed = fs.readFileSync(SCHEMA_PATH, 'utf8');
    expect(await printSchemaSdl()).toBe(committed);
  });
});
