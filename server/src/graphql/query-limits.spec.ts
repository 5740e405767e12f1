import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, isObjectType, parse } from 'graphql';
import {
  DEFAULT_PAGE_SIZES,
  firstItemsOnly,
  QUERY_LIMITS,
  queryLimitProblem,
} from './query-limits.js';

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

  it('charge a page size left out as the page the field then answers', () => {
    const cost = (query: string, variables?: Record<string, unknown>): number =>
      queryLimitProblem(schema, parse(query), undefined, variables, {
        ...QUERY_LIMITS,
        maxCost: 0,
      })!.actual!;
    const hosts = (args: string) => `query($f: Int) { hosts${args} { nodes { id hostname } } }`;
    const fifty = cost(hosts('(first: 50)'));
    expect(fifty).toBeGreaterThan(cost(hosts('(first: 1)')));
    expect(cost(hosts(''))).toBe(fifty);
    expect(cost(hosts('(first: null)'))).toBe(fifty);
    expect(cost(hosts('(first: $f)'), {})).toBe(fifty);
    const audit = (args: string) => `{ auditEvents${args} { id action } }`;
    expect(cost(audit(''))).toBe(cost(audit('(first: 100)')));
    const costly = `{ hosts { nodes { enrollments { experiment {
      arms { key hosts packages } metrics { metric definition { title } } } } } } }`;
    expect(check(costly)?.reason).toBe('QUERY_TOO_COSTLY');
  });

  it('know the page size of every field that takes `first` and leaves it out', () => {
    const unknown: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const first = field.args.find((arg) => arg.name === 'first');
        if (
          first &&
          first.defaultValue === undefined &&
          !DEFAULT_PAGE_SIZES[`${type.name}.${field.name}`]
        )
          unknown.push(`${type.name}.${field.name}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});

/** `levels` fragments, each spreading the one before twice: 2^levels copies of `leaf`. */
function doubling(levels: number, leaf = 'key'): string {
  let query = `query { metrics { ...F${levels} } } fragment F0 on Metric { ${leaf} }`;
  for (let i = 1; i <= levels; i++)
    query += ` fragment F${i} on Metric { ...F${i - 1} ...F${i - 1} }`;
  return query;
}

describe('query limits against fragment bombs', () => {
  it('count each use of a fragment, but walk it once: 25 doublings are refused by their node count', () => {
    // Walked at every use this would visit 2^25 fragments; the count comes out exact.
    expect(check(doubling(25))).toMatchObject({
      reason: 'TOO_MANY_NODES',
      limit: QUERY_LIMITS.maxNodes,
      // metrics, ...F25, and F25 written out: 3 * 2^25 - 2.
      actual: 3 * 2 ** 25,
    });
  });

  it('let a few fragment uses through', () => {
    expect(check(doubling(3))).toBeNull();
  });

  it('do not let the cost check be switched off: a costly query stays refused with doubling fragments', () => {
    const costly = `hosts(first: 500) { nodes { enrollments { experiment { arms { key } metrics { metric } } } } }`;
    expect(check(`{ ${costly} }`)?.reason).toBe('QUERY_TOO_COSTLY');
    const padded = `query { ${costly} metrics { ...F15 } } fragment F0 on Metric { key }${Array.from(
      { length: 15 },
      (_, i) => ` fragment F${i + 1} on Metric { ...F${i} ...F${i} }`,
    ).join('')}`;
    expect(check(padded)).not.toBeNull();
  });

  it('refuse whatever stops the cost check, with its message', () => {
    // Past graphql-query-complexity's own node limit (10,000), with ours out of the way.
    const problem = queryLimitProblem(
      schema,
      parse(doubling(14)),
      undefined,
      {},
      {
        ...QUERY_LIMITS,
        maxNodes: 1_000_000,
      },
    );
    expect(problem).toMatchObject({ reason: 'QUERY_NOT_CHECKED' });
    expect(problem!.message).toMatch(/nodes/);
    const badVariable = check(`query($first: Int) { hosts(first: $first) { totalCount } }`, {
      first: 'many',
    });
    expect(badVariable).toMatchObject({ reason: 'QUERY_NOT_CHECKED' });
    expect(badVariable!.message).toMatch(/\$first/);
  });
});

describe('firstItemsOnly', () => {
  it('keeps the first item of every list of the declared variables, and nothing undeclared', () => {
    const shrunk = firstItemsOnly(
      {
        first: 50,
        batch: { samples: [{ id: 'a', values: [1, 2] }, { id: 'b' }] },
        none: [],
        nothing: null,
        undeclared: [1, 2, 3],
      },
      ['first', 'batch', 'none', 'nothing', 'missing'],
    );
    expect(JSON.parse(JSON.stringify(shrunk))).toEqual({
      first: 50,
      batch: { samples: [{ id: 'a', values: [1] }] },
      none: [],
      nothing: null,
    });
  });

  it('stops at a depth, so a deep value neither overflows the stack nor skips the cost check', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(() => firstItemsOnly({ junk: deep, first: 500 }, ['junk', 'first'])).not.toThrow();
    const query = `query($first: Int) { hosts(first: $first) { nodes { enrollments { experiment {
      arms { key hosts packages } metrics { metric definition { title } } } } } } }`;
    expect(check(query, { first: 500, junk: deep })?.reason).toBe('QUERY_TOO_COSTLY');
  });

  it('keeps a key named __proto__ as a key', () => {
    const variables = JSON.parse(
      '{"input": {"__proto__": {"polluted": true}, "a": [1, 2]}}',
    ) as Record<string, unknown>;
    const shrunk = firstItemsOnly(variables, ['input']);
    expect(Object.keys(shrunk.input as object)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
