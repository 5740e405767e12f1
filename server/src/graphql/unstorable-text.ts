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
import { hasLoneSurrogate } from '@fleetlab/shared';

/**
 * Inputs that check their own text: JSON values (facts, sample context) name every
 * problem themselves, and a sample batch rejects a bad sample and stores the rest.
 */
const CHECKED_ELSEWHERE = new Set(['JSON', 'SampleBatchInput']);

/**
 * Text PostgreSQL cannot take: NUL, which it cannot store or compare, and a lone UTF-16
 * surrogate (half a character), which UTF-8 cannot carry: it would fail to store (a
 * change saved while its audit event could not be) or come back different.
 */
export type UnstorableReason = 'NUL_CHARACTER' | 'LONE_SURROGATE';

export interface UnstorableText {
  /** Where: `$input.name`, `experiment(slug)`. */
  path: string;
  reason: UnstorableReason;
}

function reasonOf(text: string): UnstorableReason | null {
  if (text.includes('\u0000')) return 'NUL_CHARACTER';
  return hasLoneSurrogate(text) ? 'LONE_SURROGATE' : null;
}

/**
 * The first text input of an operation (arguments written in the query, or variables)
 * that cannot be stored, or null when there is none. Pure.
 */
export function unstorableText(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): UnstorableText | null {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type || !variables || !Object.hasOwn(variables, name)) continue;
    const found = unstorableIn(variables[name], type, `$${name}`);
    if (found) return found;
  }
  let found: UnstorableText | null = null;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node) {
        const type = typeInfo.getInputType();
        if (!type || CHECKED_ELSEWHERE.has(getNamedType(type).name)) return;
        const reason = reasonOf(node.value);
        if (!reason) return;
        found = {
          path: `${typeInfo.getFieldDef()?.name ?? 'an argument'}(${typeInfo.getArgument()?.name ?? ''})`,
          reason,
        };
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
function unstorableIn(value: unknown, type: GraphQLInputType, path: string): UnstorableText | null {
  const nullable = getNullableType(type);
  if (value === null || value === undefined || CHECKED_ELSEWHERE.has(getNamedType(type).name))
    return null;
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const found = unstorableIn(items[i], nullable.ofType, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    for (const field of Object.values(nullable.getFields())) {
      if (!Object.hasOwn(value, field.name)) continue;
      const inner = (value as Record<string, unknown>)[field.name];
      const found = unstorableIn(inner, field.type, `${path}.${field.name}`);
      if (found) return found;
    }
    return null;
  }
  const reason = typeof value === 'string' ? reasonOf(value) : null;
  return reason ? { path, reason } : null;
}
