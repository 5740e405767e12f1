import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { unstorableText } from './unstorable-text.js';

const schema = buildSchema(
  fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../../schema.gql'),
    'utf8',
  ),
);
const check = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return unstorableText(schema, document, operation, variables)?.path ?? null;
};
const NUL = 'a\u0000b';

describe(unstorableText.name, () => {
  it('names the variable, down to the field and item', () => {
    const create = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { slug } }`;
    expect(check(create, { input: { title: NUL } })).toBe('$input.title');
    expect(
      check(create, { input: { arms: [{ key: 'a' }, { key: 'b', packages: ['x', NUL] }] } }),
    ).toBe('$input.arms[1].packages[1]');
    expect(check(`query($s: String!) { experiment(slug: $s) { slug } }`, { s: NUL })).toBe('$s');
  });

  it('names the field and argument of text written in the query', () => {
    expect(check(`{ experiment(slug: "a\\u0000b") { slug } }`)).toBe('experiment(slug)');
    expect(
      check(`mutation { createChange(input: { slug: "x", title: "a\\u0000" }) { slug } }`),
    ).toBe('createChange(input)');
  });

  it('leaves JSON values and sample batches to their own checks, sample by sample', () => {
    expect(
      check(`mutation($f: JSON!) { reportFacts(facts: $f) { id } }`, { f: { region: NUL } }),
    ).toBeNull();
    expect(check(`mutation { reportFacts(facts: { region: "a\\u0000" }) { id } }`)).toBeNull();
    const ingest = `mutation($b: SampleBatchInput!) { ingestSamples(batch: $b) { accepted } }`;
    expect(check(ingest, { b: { samples: [{ id: NUL }] } })).toBeNull();
  });

  it('passes clean text, undeclared variables and values of the wrong shape', () => {
    expect(
      check(`query($s: String!) { experiment(slug: $s) { slug } }`, { s: 'ok', x: NUL }),
    ).toBeNull();
    expect(
      check(`mutation($input: CreateChangeInput!) { createChange(input: $input) { slug } }`, {
        input: [NUL],
      }),
    ).toBeNull();
  });

  it('names lone surrogates apart from NUL, and lets whole characters pass', () => {
    const create = `mutation($input: CreateChangeInput!) { createChange(input: $input) { slug } }`;
    const reasonOf = (title: string) =>
      unstorableText(
        schema,
        parse(create),
        parse(create).definitions[0] as OperationDefinitionNode,
        { input: { title } },
      );
    expect(reasonOf('\ud800x')).toEqual({ path: '$input.title', reason: 'LONE_SURROGATE' });
    expect(reasonOf('x\udc00')).toEqual({ path: '$input.title', reason: 'LONE_SURROGATE' });
    expect(reasonOf('a\u0000')).toEqual({ path: '$input.title', reason: 'NUL_CHARACTER' });
    expect(reasonOf('RPM CoW 🐄 \u202e\u200b')).toBeNull();
  });
});
