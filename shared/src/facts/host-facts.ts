import {
  describeValue,
  hasControlCharacters,
  hasLoneSurrogate,
  isPlainObject,
} from '../describe-value.js';
import { isRpmName, parseVersionRelease } from '../packages/nevra.js';
import type { Problem } from '../problem.js';
import { FACT_KEYS, type FactKey, type HostFacts } from '../domain/facts.js';

export { FACT_KEYS, type FactKey, type HostFacts } from '../domain/facts.js';

export const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,62}$/;
const MAX_STRING_LENGTH = 256;
const MAX_CPUS = 100_000;
const MAX_LABELS = 64;
const MAX_PACKAGES = 500;

export function isFactKey(key: string): key is FactKey {
  return (FACT_KEYS as readonly string[]).includes(key);
}

function factStringProblem(value: unknown, what: string): string | null {
  if (typeof value !== 'string') return `${what} must be text, got ${describeValue(value)}`;
  if (value.trim() === '') return `${what} must not be empty`;
  if (value.length > MAX_STRING_LENGTH) {
    return `${what} is ${value.length} characters long; at most ${MAX_STRING_LENGTH} are allowed`;
  }
  if (hasControlCharacters(value))
    return `${what} must not contain NUL or other control characters`;
  if (hasLoneSurrogate(value))
    return `${what} contains a lone UTF-16 surrogate (half of a character), which cannot be stored`;
  return null;
}

type Check = (value: unknown, field: string, problems: Problem[]) => unknown;

const text: Check = (value, field, problems) => {
  const message = factStringProblem(value, field);
  if (message) problems.push({ field, message });
  return message ? undefined : value;
};

const cpus: Check = (value, field, problems) => {
  if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_CPUS)
    return value;
  problems.push({
    field,
    message: `cpus must be a whole number from 1 to ${MAX_CPUS}, got ${describeValue(value)}`,
  });
  return undefined;
};

const memoryBytes: Check = (value, field, problems) => {
  if (Number.isSafeInteger(value) && (value as number) >= 0) return value;
  problems.push({
    field,
    message: `memoryBytes must be a whole number of bytes from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(value)}`,
  });
  return undefined;
};

const reflink: Check = (value, field, problems) => {
  if (typeof value === 'boolean') return value;
  problems.push({ field, message: `reflink must be true or false, got ${describeValue(value)}` });
  return undefined;
};

const labels: Check = (value, field, problems) => {
  if (!Array.isArray(value)) {
    problems.push({
      field,
      message: `labels must be a list of strings, got ${describeValue(value)}`,
    });
    return undefined;
  }
  if (value.length > MAX_LABELS) {
    problems.push({
      field,
      message: `a host may have at most ${MAX_LABELS} labels, got ${value.length}`,
    });
    return undefined;
  }
  const valid = new Set<string>();
  value.forEach((label: unknown, index) => {
    if (typeof label === 'string' && LABEL_PATTERN.test(label)) {
      valid.add(label);
    } else {
      problems.push({
        field: `${field}[${index}]`,
        message:
          `label ${describeValue(label)} is not valid: use 1-63 letters, digits and _ . : / = -, ` +
          `starting with a letter or digit, e.g. "team=hyperscale"`,
      });
    }
  });
  // Sorted and unique, so that equal label sets store and compare equal.
  return [...valid].sort();
};

const packages: Check = (value, field, problems) => {
  if (!isPlainObject(value)) {
    problems.push({
      field,
      message: `packages must be an object of name to version-release, e.g. {"rpm": "4.16.1.3-29.el9"}, got ${describeValue(value)}`,
    });
    return undefined;
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_PACKAGES) {
    problems.push({
      field,
      message: `report at most ${MAX_PACKAGES} packages, got ${entries.length}`,
    });
    return undefined;
  }
  const valid: Record<string, string> = {};
  for (const [name, versionRelease] of entries) {
    if (!isRpmName(name)) {
      problems.push({
        field: `${field}.${name.slice(0, 64)}`,
        message: `package name ${describeValue(name)} is not a valid rpm name (letters, digits and _ . + -, starting with a letter or digit)`,
      });
    } else if (typeof versionRelease !== 'string' || !parseVersionRelease(versionRelease)) {
      problems.push({
        field: `${field}.${name}`,
        message: `version of package "${name}" must be version-release, e.g. "4.16.1.3-29.el9", got ${describeValue(versionRelease)}`,
      });
    } else {
      valid[name] = versionRelease;
    }
  }
  return valid;
};

const CHECKS: Record<FactKey, Check> = {
  arch: text,
  osId: text,
  osVersion: text,
  kernel: text,
  rootFsType: text,
  region: text,
  reflink,
  cpus,
  memoryBytes,
  labels,
  packages,
};

/**
 * Checks facts as a host reports them. `facts` holds every fact that passed, so a
 * caller may store those and report the rest; a fact sent as null counts as unknown.
 */
export function validateHostFacts(input: unknown): { facts: HostFacts; problems: Problem[] } {
  const facts: Record<string, unknown> = {};
  const problems: Problem[] = [];
  if (!isPlainObject(input)) {
    problems.push({
      field: 'facts',
      message: `facts must be an object such as {"arch": "x86_64", "cpus": 8}, got ${describeValue(input)}`,
    });
    return { facts, problems };
  }
  for (const [key, value] of Object.entries(input)) {
    if (!isFactKey(key)) {
      problems.push({
        field: `facts.${key.slice(0, 64)}`,
        message: `unknown fact ${describeValue(key)}; known facts are ${FACT_KEYS.join(', ')}`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const checked = CHECKS[key](value, `facts.${key}`, problems);
    if (checked !== undefined) facts[key] = checked;
  }
  return { facts, problems };
}
