import { describe, expect, it } from '@jest/globals';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from './selected-fields.js';

const schema = buildSchema(`
  type Arm { key: String, median: Float }
  type Result { arms: [Arm], series: [Arm], name: String }
  type Query { result: Result }
`);

async function fieldsOf(query: string): Promise<string[]> {
  let seen: Set<string> = new Set();
  await execute({
    schema,
    document: parse(query),
    rootValue: {
      result: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        seen = selectedFields(info);
        return {};
      },
    },
  });
  return [...seen].sort();
}

describe(selectedFields.name, () => {
  it('lists the fields below the current one as paths', async () => {
    expect(await fieldsOf('{ result { name arms { key } } }')).toEqual([
      'arms',
      'arms.key',
      'name',
    ]);
  });

  it('follows fragments and inline fragments', async () => {
    expect(
      await fieldsOf(
        'query { result { ...R ... on Result { series { median } } } } fragment R on Result { arms { ...A } } fragment A on Arm { median }',
      ),
    ).toEqual(['arms', 'arms.median', 'series', 'series.median']);
  });
});
