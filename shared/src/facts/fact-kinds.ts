import { isRpmName } from '../packages/nevra.js';
import {
  FACT_KINDS,
  PACKAGE_FACT_PREFIX,
  type FactKind,
  type HostFacts,
  type ScalarFactKey,
} from '../domain/facts.js';

export {
  FACT_KINDS,
  PACKAGE_FACT_PREFIX,
  type FactKind,
  type ScalarFactKey,
} from '../domain/facts.js';

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
