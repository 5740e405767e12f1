import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse } from 'graphql';
import { firstItemsOnly, QUERY_LIMITS, queryLimitProblem } from './query-limits.js';

const schema = buildSchema(
  fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../../schema.gql'),
    'utf8',
  ),
);
const check = (query: string, variables?: Record<string, unknown>) =>
  queryLimitProblem(schema, parse(query), undefined, variables);

/** host { enrollments { host { enrollments ... } } }, `levels` enrollments deep. */
function nested(levels: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `enrollments { host { ${inner} } }`;
  return `{ host(id: "x") { ${inner} } }`;
}

describe('query limits', () => {
  it('let the dashboard’s kind of queries through', () => {
    expect(
      check(
        `query($first: Int) { hosts(first: $first) { totalCount pageInfo { endCursor hasNextPage }
        nodes { id hostname facts lastSeenAt enrollments { status experiment { slug } arm { key } } } }
        experiments { slug title status } }`,
        { first: 50 },
      ),
    ).toBeNull();
    expect(
      check(`{ experiment(slug: "x") { slug fs: segmentValues(dimension: ROOT_FS_TYPE)
        arch: segmentValues(dimension: ARCH) size: segmentValues(dimension: TRANSACTION_SIZE) } }`),
    ).toBeNull();
  });

  it('refuse nesting beyond the depth limit, naming depth and limit', () => {
    expect(check(nested(3))).toBeNull();
    expect(check(nested(6))).toMatchObject({
      reason: 'QUERY_TOO_DEEP',
      limit: QUERY_LIMITS.maxDepth,
      actual: 14,
    });
  });

  it('count depth through fragments', () => {
    const query = `query { host(id: "x") { ...a } }
      fragment a on Host { enrollments { host { ...b } } }
      fragment b on Host { enrollments { host { ...c } } }
      fragment c on Host { enrollments { host { enrollments { host { enrollments { host { id } } } } } } }`;
    expect(check(query)?.reason).toBe('QUERY_TOO_DEEP');
  });

  it('refuse alias bombs', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `m${i}: metrics { key }`).join(' ');
    expect(check(`{ ${aliases} }`)).toMatchObject({ reason: 'TOO_MANY_ALIASES', actual: 40 });
  });

  it('refuse costly queries, counting page sizes from variables', () => {
    const query = `query($first: Int) { hosts(first: $first) { nodes { enrollments { experiment {
      arms { key hosts packages } metrics { metric definition { title } } } } } } }`;
    expect(check(query, { first: 5 })).toBeNull();
    const problem = check(query, { first: 500 });
    expect(problem?.reason).toBe('QUERY_TOO_COSTLY');
    expect(problem!.actual).toBeGreaterThan(QUERY_LIMITS.maxCost);
    expect(problem!.message).toMatch(/smaller pages/);
  });
});

describe('firstItemsOnly', () => {
  it('keeps the first item of every list, however deep, and everything else', () => {
    expect(
      firstItemsOnly({
        first: 50,
        batch: { samples: [{ id: 'a', values: [1, 2] }, { id: 'b' }] },
        none: [],
        nothing: null,
      }),
    ).toEqual({
      first: 50,
      batch: { samples: [{ id: 'a', values: [1] }] },
      none: [],
      nothing: null,
    });
  });
});
