import {
  getNullableType,
  isListType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What one operation may ask for, checked before it runs. The dashboard's deepest
 * query nests 5 levels, its widest uses 3 aliases, its largest has about 60
 * selections, its costliest (a page of 50 hosts with their enrollments) costs about
 * 3,000. Nodes are selections counted as written out, a fragment at every use: a few
 * fragments that each spread the one before twice would otherwise stand for millions.
 */
export const QUERY_LIMITS = { maxDepth: 10, maxAliases: 30, maxNodes: 2_000, maxCost: 20_000 };

/**
 * Tokens a document may have (Apollo's parseOptions): parsing and validation stop
 * there, so their work stays small whatever is sent. The dashboard's longest
 * operation has about 110; long lists belong in variables.
 */
export const MAX_TOKENS = 2_000;

/** The largest page any field answers (hosts(first:), MAX_PAGE_SIZE in hosts.service.ts). */
const MAX_PAGE = 500;

/** How many items a list field is taken to return when nothing bounds it. */
const UNBOUNDED_LIST = 10;

/**
 * The page a field answers when `first` is left out (or null) and the schema gives no
 * default: hosts.service.ts and audit.service.ts. Charged as if asked for, or leaving
 * `first` out would fetch 50 or 100 items for the cost of one. query-limits.spec.ts
 * checks that every field taking `first` is here or has a default in the schema.
 */
export const DEFAULT_PAGE_SIZES: Readonly<Record<string, number>> = {
  'Query.hosts': 50,
  'Query.auditEvents': 100,
};

export interface QueryLimitProblem {
  reason:
    | 'QUERY_TOO_DEEP'
    | 'TOO_MANY_ALIASES'
    | 'TOO_MANY_NODES'
    | 'QUERY_TOO_COSTLY'
    | 'QUERY_NOT_CHECKED';
  message: string;
  /** The limit broken and the query's figure (none when the check itself failed). */
  limit?: number;
  actual?: number;
}

/**
 * Cost: each field 1 plus what it selects, times the items a list brings: `first`
 * where given (hosts(first: 500)) or its default page where not, a connection's nodes
 * and edges as many as that, other lists UNBOUNDED_LIST.
 */
const listAwareEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // No field pages more than MAX_PAGE at once; a larger `first` is refused by the field
  // itself, with a message about `first` rather than about cost.
  const first =
    typeof args.first === 'number'
      ? Math.min(args.first, MAX_PAGE)
      : DEFAULT_PAGE_SIZES[`${type.name}.${field.name}`];
  const connectionPart = field.name === 'nodes' || field.name === 'edges';
  const items =
    first ?? (!connectionPart && isListType(getNullableType(field.type)) ? UNBOUNDED_LIST : 1);
  return 1 + childComplexity * items;
};

/** The first limit the operation breaks, or null. */
export function queryLimitProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits = QUERY_LIMITS,
): QueryLimitProblem | null {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!operation) return null;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const { depth, aliases, nodes } = measure(operation.selectionSet, fragments, new Map());
  if (depth > limits.maxDepth) {
    return {
      reason: 'QUERY_TOO_DEEP',
      message: `The query nests ${depth} levels deep; at most ${limits.maxDepth} are allowed. Ask for less at once.`,
      limit: limits.maxDepth,
      actual: depth,
    };
  }
  if (aliases > limits.maxAliases) {
    return {
      reason: 'TOO_MANY_ALIASES',
      message: `The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed. Split it into several requests.`,
      limit: limits.maxAliases,
      actual: aliases,
    };
  }
  if (nodes > limits.maxNodes) {
    return {
      reason: 'TOO_MANY_NODES',
      message: `The query has ${nodes} selections once its fragments are written out at every use; at most ${limits.maxNodes} are allowed. Ask for less at once, or spread each fragment fewer times.`,
      limit: limits.maxNodes,
      actual: nodes,
    };
  }
  const declared = (operation.variableDefinitions ?? []).map((d) => d.variable.name.value);
  const shrunk = firstItemsOnly(variables ?? {}, declared);
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName,
      variables: shrunk,
      estimators: [listAwareEstimator],
    });
  } catch (error) {
    // Whatever stops the check stops the operation: it never runs unchecked. Variables
    // that do not fit their types land here, with graphql-js's message naming them;
    // so would the library's own node limit (10,000, above maxNodes).
    if (error instanceof Error && error.name === 'GraphQLError') {
      return { reason: 'QUERY_NOT_CHECKED', message: error.message };
    }
    throw error;
  }
  if (cost > limits.maxCost) {
    return {
      reason: 'QUERY_TOO_COSTLY',
      message: `The query would cost ${cost} (each field 1, times the items of the lists around it); at most ${limits.maxCost} is allowed. Ask for smaller pages or fewer nested lists.`,
      limit: limits.maxCost,
      actual: cost,
    };
  }
  return null;
}

/** Below this depth, values are left as they are (no input type of the schema nests so deep). */
const MAX_SHRINK_DEPTH = 16;

/**
 * The operation's declared variables with every list cut to its first item. The cost
 * reads only `first` (an Int), never a list's length, and a list that fits its type
 * still fits with one item; but checking it whole would coerce all of, say, a
 * 1,000-sample batch once more before execution coerces it again. Undeclared variables
 * are left out (GraphQL ignores them), and the walk stops at MAX_SHRINK_DEPTH, so that
 * no value can make it overflow the stack.
 */
export function firstItemsOnly(
  variables: Record<string, unknown>,
  declared: readonly string[],
): Record<string, unknown> {
  const shrunk: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const name of declared) {
    if (Object.hasOwn(variables, name)) shrunk[name] = shrink(variables[name], 1);
  }
  return shrunk;
}

function shrink(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth >= MAX_SHRINK_DEPTH) return value;
  if (Array.isArray(value)) return value.length === 0 ? value : [shrink(value[0], depth + 1)];
  // No prototype: a key named __proto__ stays a key.
  const shrunk: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, inner] of Object.entries(value)) shrunk[key] = shrink(inner, depth + 1);
  return shrunk;
}

interface Measure {
  depth: number;
  aliases: number;
  nodes: number;
}

/**
 * Nesting depth of fields, aliases and selections, through fragments: each use of a
 * fragment counts, but each fragment is walked once (its measure is kept), so the
 * work follows the document's length, not what it expands to.
 */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  measured: Map<string, Measure | 'walking'>,
): Measure {
  let depth = 0;
  let aliases = 0;
  let nodes = 0;
  for (const selection of selectionSet.selections) {
    let inner: Measure = { depth: 0, aliases: 0, nodes: 0 };
    let own = 0;
    nodes += 1;
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) aliases += 1;
      if (selection.selectionSet) inner = measure(selection.selectionSet, fragments, measured);
      own = 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measure(selection.selectionSet, fragments, measured);
    } else {
      inner = measureFragment(selection.name.value, fragments, measured);
    }
    depth = Math.max(depth, own + inner.depth);
    aliases += inner.aliases;
    nodes += inner.nodes;
  }
  return { depth, aliases, nodes };
}

function measureFragment(
  name: string,
  fragments: Map<string, FragmentDefinitionNode>,
  measured: Map<string, Measure | 'walking'>,
): Measure {
  const known = measured.get(name);
  // A fragment spreading itself is refused by validation; just do not loop here.
  if (known === 'walking') return { depth: 0, aliases: 0, nodes: 0 };
  if (known) return known;
  const fragment = fragments.get(name);
  if (!fragment) return { depth: 0, aliases: 0, nodes: 0 };
  measured.set(name, 'walking');
  const result = measure(fragment.selectionSet, fragments, measured);
  measured.set(name, result);
  return result;
}
