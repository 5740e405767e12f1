import { describeValue, hasControlCharacters } from '../describe-value.js';
import { parsePackageNvr } from '../packages/nevra.js';
import type { Problem } from '../problem.js';
import { SLUG_PATTERN } from '../slug.js';
import type { ArmDefinition } from './experiment-definition.js';

const MIN_ARMS = 2;
const MAX_ARMS = 10;
export const MAX_ARM_WEIGHT = 10_000;
const MAX_ARM_KEY_LENGTH = 64;
const MAX_ARM_NAME_LENGTH = 200;
const MAX_PACKAGES_PER_ARM = 500;
const MAX_REPOS_PER_ARM = 100;
const MAX_REPO_LENGTH = 500;

export function armKeyProblem(key: unknown): string | null {
  if (typeof key === 'string' && key.length <= MAX_ARM_KEY_LENGTH && SLUG_PATTERN.test(key))
    return null;
  return (
    `arm key ${describeValue(key)} is not valid: use 1-${MAX_ARM_KEY_LENGTH} lowercase letters, digits ` +
    `and single hyphens, e.g. "baseline" or "cow"`
  );
}

export function armWeightProblem(weight: unknown, armKey: string): string | null {
  const arm = `arm ${describeValue(armKey)}`;
  if (typeof weight !== 'number' || !Number.isInteger(weight) || weight < 1) {
    return `weight of ${arm} must be a positive whole number, got ${describeValue(weight)}`;
  }
  if (weight > MAX_ARM_WEIGHT) {
    return `weight of ${arm} must be at most ${MAX_ARM_WEIGHT}, got ${weight}; weights are relative, so 1 and 3 put a quarter of the hosts in the first arm`;
  }
  return null;
}

function stackProblems(arm: ArmDefinition, field: string, label: string): Problem[] {
  const problems: Problem[] = [];
  if (arm.packages != null) {
    if (!Array.isArray(arm.packages) || arm.packages.length > MAX_PACKAGES_PER_ARM) {
      problems.push({
        field: `${field}.packages`,
        message: `packages of ${label} must be a list of at most ${MAX_PACKAGES_PER_ARM} name-version-release strings`,
      });
    } else {
      const seen = new Set<string>();
      arm.packages.forEach((spec: unknown, j) => {
        const nvr = typeof spec === 'string' ? parsePackageNvr(spec) : null;
        if (!nvr) {
          problems.push({
            field: `${field}.packages[${j}]`,
            message: `package ${describeValue(spec)} of ${label} is not name-version-release, e.g. "rpm-4.16.1.3-29.el9"`,
          });
        } else if (seen.has(nvr.name)) {
          problems.push({
            field: `${field}.packages[${j}]`,
            message: `package "${nvr.name}" is listed twice in ${label}; list each package once, with the version-release the arm runs`,
          });
        } else {
          seen.add(nvr.name);
        }
      });
    }
  }
  if (arm.repos != null) {
    if (!Array.isArray(arm.repos) || arm.repos.length > MAX_REPOS_PER_ARM) {
      problems.push({
        field: `${field}.repos`,
        message: `repos of ${label} must be a list of at most ${MAX_REPOS_PER_ARM} repository ids or URLs`,
      });
    } else {
      arm.repos.forEach((repo: unknown, j) => {
        if (
          typeof repo !== 'string' ||
          repo.trim() === '' ||
          repo.length > MAX_REPO_LENGTH ||
          hasControlCharacters(repo)
        ) {
          problems.push({
            field: `${field}.repos[${j}]`,
            message: `repository ${describeValue(repo)} of ${label} must be a repository id or URL of 1-${MAX_REPO_LENGTH} characters without control characters`,
          });
        }
      });
    }
  }
  return problems;
}

function armProblems(arm: ArmDefinition, field: string, label: string): Problem[] {
  const problems: Problem[] = [];
  const badKey = armKeyProblem(arm.key);
  if (badKey) problems.push({ field: `${field}.key`, message: badKey });
  if (arm.name != null) {
    if (
      typeof arm.name !== 'string' ||
      arm.name.length > MAX_ARM_NAME_LENGTH ||
      hasControlCharacters(arm.name)
    ) {
      problems.push({
        field: `${field}.name`,
        message: `name of ${label} must be one line of at most ${MAX_ARM_NAME_LENGTH} characters`,
      });
    }
  }
  const badWeight = armWeightProblem(arm.weight, arm.key);
  if (badWeight) problems.push({ field: `${field}.weight`, message: badWeight });
  if (typeof arm.baseline !== 'boolean') {
    problems.push({
      field: `${field}.baseline`,
      message: `baseline of ${label} must be true or false, got ${describeValue(arm.baseline)}`,
    });
  }
  return [...problems, ...stackProblems(arm, field, label)];
}

function baselineProblem(arms: readonly ArmDefinition[]): string | null {
  const baselines = arms.filter((arm) => arm.baseline === true);
  if (baselines.length === 1) return null;
  const rule =
    'exactly one arm must be the baseline (the stock stack the others are compared with)';
  if (baselines.length === 0) return `${rule}, but none is marked: set baseline: true on one arm`;
  const keys = baselines.map((arm) => describeValue(arm.key)).join(', ');
  return `${rule}, but ${baselines.length} are marked (${keys}): keep baseline: true on one of them only`;
}

export function validateArms(arms: ArmDefinition[]): Problem[] {
  if (!Array.isArray(arms))
    return [{ field: 'arms', message: `arms must be a list, got ${describeValue(arms)}` }];
  const problems: Problem[] = [];
  if (arms.length < MIN_ARMS || arms.length > MAX_ARMS) {
    problems.push({
      field: 'arms',
      message: `an experiment needs ${MIN_ARMS} to ${MAX_ARMS} arms (one baseline and at least one treatment), got ${arms.length}`,
    });
    if (arms.length > MAX_ARMS) return problems;
  }
  const seenKeys = new Set<string>();
  arms.forEach((arm, i) => {
    const field = `arms[${i}]`;
    if (typeof arm !== 'object' || arm === null) {
      problems.push({
        field,
        message: `an arm must be an object with key, weight and baseline, got ${describeValue(arm)}`,
      });
      return;
    }
    const label =
      typeof arm.key === 'string' && arm.key !== ''
        ? `arm ${describeValue(arm.key)}`
        : `arm ${i + 1}`;
    problems.push(...armProblems(arm, field, label));
    if (typeof arm.key === 'string' && seenKeys.has(arm.key)) {
      problems.push({
        field: `${field}.key`,
        message: `arm key "${arm.key}" is used by more than one arm; give each arm its own key`,
      });
    }
    seenKeys.add(arm.key);
  });
  const badBaseline = baselineProblem(
    arms.filter((arm) => typeof arm === 'object' && arm !== null),
  );
  if (badBaseline) problems.push({ field: 'arms', message: badBaseline });
  return problems;
}

/**
 * Checks a weight change for an existing experiment: arms left out keep their
 * weight. Field paths are relative to the list of new weights (`weights[1].key`).
 */
export function validateArmWeights(
  arms: readonly { key: string; weight: number }[],
  weights: readonly { key: string; weight: number }[],
): Problem[] {
  if (weights.length === 0)
    return [{ field: 'weights', message: 'give the new weight of at least one arm' }];
  const known = new Set(arms.map((arm) => arm.key));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  weights.forEach(({ key, weight }, i) => {
    if (!known.has(key)) {
      problems.push({
        field: `weights[${i}].key`,
        message: `${describeValue(key)} is not an arm of this experiment; its arms are ${[...known].join(', ')}`,
      });
      return;
    }
    if (seen.has(key)) {
      problems.push({
        field: `weights[${i}].key`,
        message: `arm "${key}" is given more than once; give each arm one weight`,
      });
    }
    seen.add(key);
    const badWeight = armWeightProblem(weight, key);
    if (badWeight) problems.push({ field: `weights[${i}].weight`, message: badWeight });
  });
  return problems;
}
