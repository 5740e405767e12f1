import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  typeFromAST,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * Inputs that check their own text: JSON values (facts, sample context) name every
 * problem themselves, and a sample batch rejects a bad sample and stores the rest.
 */
const CHECKED_ELSEWHERE = new Set(['JSON', 'SampleBatchInput']);

/**
 * Where an operation's text input (arguments written in the query, or variables)
 * contains a NUL character, which PostgreSQL cannot store or compare: `$input.name`,
 * `experiment(slug)`. Null when none does. Pure.
 */
export function nulCharacterPath(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): string | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type || !variables || !Object.hasOwn(variables, name)) continue;
    const found = nulIn(variables[name], type, `$${name}`);
    if (found) return found;
  }
  let found: string | null = null;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node) {
        const type = typeInfo.getInputType();
        if (!type || CHECKED_ELSEWHERE.has(getNamedType(type).name)) return;
        if (!node.value.includes('\u0000')) return;
        found = `${typeInfo.getFieldDef()?.name ?? 'an argument'}(${typeInfo.getArgument()?.name ?? ''})`;
        return BREAK;
      },
      // What a JSON value holds is for its own checks.
      ObjectValue() {
        const type = typeInfo.getInputType();
        return type && CHECKED_ELSEWHERE.has(getNamedType(type).name) ? false : undefined;
      },
    }),
  );
  return found;
}

/** Walks a variable's value along its type (so at most as deep as the type nests). */
function nulIn(value: unknown, type: GraphQLInputType, path: string): string | null {
  const nullable = getNullableType(type);
  if (value === null || value === undefined || CHECKED_ELSEWHERE.has(getNamedType(type).name))
    return null;
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const found = nulIn(items[i], nullable.ofType, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    for (const field of Object.values(nullable.getFields())) {
      if (!Object.hasOwn(value, field.name)) continue;
      const inner = (value as Record<string, unknown>)[field.name];
      const found = nulIn(inner, field.type, `${path}.${field.name}`);
      if (found) return found;
    }
    return null;
  }
  return typeof value === 'string' && value.includes('\u0000') ? path : null;
}
