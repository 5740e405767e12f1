import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

// The dashboard's operation types come from server/schema.gql through
// graphql-codegen; committed, so that building needs no generator. When the schema
// or an operation changes, this fails until `npm run codegen -w client` is run.
const CLIENT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('generated GraphQL types', () => {
  it('match server/schema.gql and the operations in src/', () => {
    const check = spawnSync(
      process.execPath,
      [
        path.join(CLIENT, '../node_modules/@graphql-codegen/cli/cjs/bin.js'),
        '--config',
        'codegen.yml',
        '--check',
      ],
      { cwd: CLIENT, encoding: 'utf8' },
    );
    const stale = `${check.stdout}${check.stderr}`.match(/stale files were detected[\s\S]*/)?.[0];
    expect(stale ?? (check.status === 0 ? 'up to date' : check.stderr)).toBe('up to date');
  }, 60_000);
});
