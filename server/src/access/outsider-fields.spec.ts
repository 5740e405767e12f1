import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  getNamedType,
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { firstHiddenField, OUTSIDER_FIELDS } from './outsider-fields.js';

const schema = buildSchema(
  fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), '../../schema.gql'),
    'utf8',
  ),
);

/** firstHiddenField for the first root field of `query`, as the guard calls it. */
function hidden(query: string): string | null {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const root = operation.selectionSet.selections[0]!;
  if (root.kind !== Kind.FIELD) throw new Error('a field first');
  const rootType = schema.getRootType(operation.operation)!;
  const type = getNamedType(rootType.getFields()[root.name.value]!.type);
  return firstHiddenField(schema, type, root.selectionSet ? [root.selectionSet] : [], fragments);
}

describe(firstHiddenField.name, () => {
  it('lists only types and fields of the schema', () => {
    for (const [typeName, fields] of Object.entries(OUTSIDER_FIELDS)) {
      const type = schema.getType(typeName);
      expect(type && 'getFields' in type ? typeName : null).toBe(typeName);
      const known = Object.keys((type as { getFields(): object }).getFields());
      expect(fields.filter((f) => !known.includes(f))).toEqual([]);
    }
  });

  it('lets the agent’s operations through', () => {
    const enrollment = 'status arm { key baseline packages } experiment { slug status }';
    expect(
      hidden(`{ currentHost { id hostname lastSeenAt enrollments { ${enrollment} } } }`),
    ).toBeNull();
    expect(hidden(`mutation { optIn(experimentSlug: "x") { ${enrollment} } }`)).toBeNull();
    expect(
      hidden(
        `mutation { enrollHost(input: {enrollSecret: "", machineIdHash: "", facts: {}}) { token host { id machineIdHash } } }`,
      ),
    ).toBeNull();
    expect(
      hidden(
        `mutation { ingestSamples(batch: {samples: []}) { accepted duplicates rejected { id code reason } } }`,
      ),
    ).toBeNull();
    expect(hidden(`{ session { mode oidc person { name role } } }`)).toBeNull();
  });

  it('names the first field a host may not read, however it is reached', () => {
    expect(hidden(`{ currentHost { enrollments { experiment { slug salt } } } }`)).toBe(
      'Experiment.salt',
    );
    expect(hidden(`{ currentHost { enrollments { arm { key hosts } } } }`)).toBe('Arm.hosts');
    expect(
      hidden(`{ currentHost { ...h } } fragment h on Host { enrollments { experiment { ...e } } }
        fragment e on Experiment { title owner }`),
    ).toBe('Experiment.owner');
    expect(
      hidden(
        `mutation { optIn(experimentSlug: "x") { experiment { ... on Experiment { arms { key } } } } }`,
      ),
    ).toBe('Experiment.arms');
    expect(
      hidden(`{ currentHost { enrollments { experiment { segmentValues(dimension: LABEL) } } } }`),
    ).toBe('Experiment.segmentValues');
    expect(hidden(`{ currentHost { enrollments { experiment { funnel { enrolled } } } } }`)).toBe(
      'Experiment.funnel',
    );
  });
});
