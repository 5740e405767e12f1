import { MODULE_METADATA } from '@nestjs/common/constants.js';
import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { FEATURE_MODULES } from '../feature-modules.js';

type ModuleImport =
  Type | DynamicModule | ForwardReference<() => ModuleImport> | Promise<DynamicModule>;

/**
 * Every resolver (class marked @Resolver) that `modules` and the modules they import
 * provide: what the app registers, found without starting it (no database).
 */
export function resolversOf(modules: readonly ModuleImport[]): Type[] {
  const seen = new Set<unknown>();
  const resolvers = new Set<Type>();
  const visit = (entry: ModuleImport | undefined): void => {
    // Async dynamic modules (none here) cannot be read without running them.
    if (!entry || entry instanceof Promise || seen.has(entry)) return;
    seen.add(entry);
    if ('forwardRef' in entry) return visit(entry.forwardRef());
    const dynamic = 'module' in entry ? entry : undefined;
    const moduleClass = dynamic ? dynamic.module : (entry as Type);
    const metadata = (key: string): unknown[] =>
      (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    for (const provider of [...metadata(MODULE_METADATA.PROVIDERS), ...(dynamic?.providers ?? [])])
      if (typeof provider === 'function' && Reflect.hasMetadata(RESOLVER_TYPE_METADATA, provider))
        resolvers.add(provider as Type);
    for (const imported of [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])])
      visit(imported as ModuleImport);
  };
  modules.forEach(visit);
  return [...resolvers];
}

/** Every resolver of the API, for printing the committed schema without a database. */
export const RESOLVERS = resolversOf(FEATURE_MODULES);
