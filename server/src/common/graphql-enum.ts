import { registerEnumType, type EnumOptions } from '@nestjs/graphql';

/** `{ DRAFT: 'DRAFT', ... }`: the enum object GraphQL, TypeORM and the code use for a list. */
export type EnumOf<T extends string> = { readonly [K in T]: K };

/**
 * A GraphQL enum whose values are a list from `@fleetlab/shared/domain`, so the server,
 * the dashboard and the agent name them from one place. Its members read like a
 * TypeScript enum's (`ExperimentStatus.DRAFT`); pair it with the list's type of the
 * same name.
 */
export function graphqlEnum<const T extends string>(
  values: readonly T[],
  options: EnumOptions<EnumOf<T>>,
): EnumOf<T> {
  const object = Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as EnumOf<T>;
  registerEnumType(object, options);
  return object;
}
