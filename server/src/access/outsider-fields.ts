import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * What callers who are not people (hosts, and anyone without a person's token calling
 * a public operation such as enrollHost) may read below the operation they called,
 * type by type. A host sees
 * itself, its own enrollments with its own arm, and the basics of their experiments;
 * not the fleet's counts, the salt, the owner, the targeting or other hosts' facts
 * (segmentValues). A type or field missing here is refused, so a field added later
 * stays hidden from hosts until it is added on purpose.
 */
export const OUTSIDER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Host: [
    'id',
    'machineIdHash',
    'hostname',
    'facts',
    'enrolledAt',
    'factsUpdatedAt',
    'lastSeenAt',
    'revokedAt',
    'revokedReason',
    'enrollments',
    'recentSamples',
  ],
  HostEnrollment: ['host', 'token'],
  Enrollment: [
    'experiment',
    'host',
    'arm',
    'status',
    'bucket',
    'optedInAt',
    'optedOutAt',
    'optOutReason',
  ],
  Arm: ['id', 'key', 'name', 'baseline', 'packages', 'repos'],
  Experiment: [
    'id',
    'slug',
    'title',
    'hypothesis',
    'status',
    'change',
    'metrics',
    'startedAt',
    'pausedAt',
    'concludedAt',
    'createdAt',
  ],
  Change: ['id', 'slug', 'title', 'description', 'upstreamUrl', 'createdAt'],
  ExperimentMetric: ['metric', 'role', 'margin', 'definition'],
  Metric: [
    'key',
    'title',
    'description',
    'unit',
    'direction',
    'integer',
    'min',
    'max',
    'sampleKind',
  ],
  SampleKind: ['key', 'title', 'description', 'metrics', 'contextKeys'],
  Sample: ['id', 'kind', 'observedAt', 'receivedAt', 'values', 'context'],
  MetricValue: ['metric', 'value'],
  IngestResult: ['accepted', 'duplicates', 'rejected'],
  RejectedSample: ['id', 'code', 'reason'],
  Session: ['mode', 'oidc', 'person'],
  Person: ['id', 'name', 'role', 'createdAt'],
};

/**
 * The first field (`Type.field`) below an operation's root field that `visible` does
 * not list, or null. Each fragment is looked at once, wherever it is spread. Pure.
 */
export function firstHiddenField(
  schema: GraphQLSchema,
  rootType: GraphQLNamedType,
  selectionSets: readonly SelectionSetNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  visible: Readonly<Record<string, readonly string[]>> = OUTSIDER_FIELDS,
): string | null {
  const pending = selectionSets.map((set) => ({ type: rootType, set }));
  const seenFragments = new Set<string>();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { type, set } = next;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (!Object.hasOwn(visible, type.name) || !visible[type.name]!.includes(name))
          return `${type.name}.${name}`;
        if (!selection.selectionSet) continue;
        const field =
          isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
        if (!field) return `${type.name}.${name}`;
        pending.push({ type: getNamedType(field.type), set: selection.selectionSet });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : type;
        if (!condition) return `${type.name}.${selection.typeCondition!.name.value}`;
        pending.push({ type: condition, set: selection.selectionSet });
      } else {
        const name = selection.name.value;
        if (seenFragments.has(name)) continue;
        seenFragments.add(name);
        const fragment = Object.hasOwn(fragments, name) ? fragments[name] : undefined;
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !condition) return `${type.name}.${name}`;
        pending.push({ type: condition, set: fragment.selectionSet });
      }
    }
  }
  return null;
}
