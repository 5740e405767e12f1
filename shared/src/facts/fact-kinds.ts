import { isRpmName } from '../packages/nevra.js';
import type { FactKey, HostFacts } from './host-facts.js';

export type FactKind = 'string' | 'version' | 'number' | 'boolean' | 'list';

/** A fact targeting and segments can name directly; packages are named one by one as `packages.<name>`. */
export type ScalarFactKey = Exclude<FactKey, 'packages'>;

export const PACKAGE_FACT_PREFIX = 'packages.';

// The kind decides how a targeting rule compares: versions sort as rpm sorts them.
export const FACT_KINDS: Readonly<Record<ScalarFactKey, FactKind>> = {
  arch: 'string',
  osId: 'string',
  osVersion: 'version',
  kernel: 'version',
  rootFsType: 'string',
  reflink: 'boolean',
  cpus: 'number',
  memoryBytes: 'number',
  region: 'string',
  labels: 'list',
};

function packageName(fact: string): string | undefined {
  if (!fact.startsWith(PACKAGE_FACT_PREFIX)) return undefined;
  const name = fact.slice(PACKAGE_FACT_PREFIX.length);
  return isRpmName(name) ? name : undefined;
}

export function factKind(fact: string): FactKind | undefined {
  if (packageName(fact) !== undefined) return 'version';
  return Object.hasOwn(FACT_KINDS, fact) ? FACT_KINDS[fact as ScalarFactKey] : undefined;
}

export function factValue(
  facts: HostFacts,
  fact: string,
): string | number | boolean | string[] | undefined {
  const name = packageName(fact);
  if (name !== undefined) {
    // hasOwn: a package called "constructor" must not find Object.prototype.constructor.
    return facts.packages && Object.hasOwn(facts.packages, name) ? facts.packages[name] : undefined;
  }
  return Object.hasOwn(FACT_KINDS, fact) ? facts[fact as ScalarFactKey] : undefined;
}
