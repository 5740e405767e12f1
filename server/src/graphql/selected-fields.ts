import {
  Kind,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * The fields a query selects below the current one, as dotted paths (`arms`,
 * `arms.median`), fragments and inline fragments included: so that a resolver can
 * leave out what nobody asked for (a comparison's time series, say). Directives are
 * ignored: a field under @include(if: false) counts as selected, which only costs work.
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const paths = new Set<string>();
  for (const node of info.fieldNodes) {
    if (node.selectionSet) collect(node.selectionSet, '', info.fragments, paths, new Set(), 0);
  }
  return paths;
}

/** Deeper than any comparison's fields; stops a hostile query from recursing far. */
const MAX_DEPTH = 4;

function collect(
  selectionSet: SelectionSetNode,
  prefix: string,
  fragments: Record<string, FragmentDefinitionNode>,
  paths: Set<string>,
  visited: Set<string>,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const path = prefix + selection.name.value;
      paths.add(path);
      if (selection.selectionSet)
        collect(selection.selectionSet, `${path}.`, fragments, paths, visited, depth + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, prefix, fragments, paths, visited, depth);
    } else {
      const name = selection.name.value;
      const key = `${prefix}${name}`;
      // Each fragment once per place: a fragment spread many times is walked once.
      if (visited.has(key)) continue;
      visited.add(key);
      const fragment = fragments[name];
      if (fragment) collect(fragment.selectionSet, prefix, fragments, paths, visited, depth);
    }
  }
}
