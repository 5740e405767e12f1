import { describeValue, hasControlCharacters } from '../describe-value.js';
import type { Problem } from '../problem.js';
import { slugProblem } from '../slug.js';
import { targetingRuleProblem } from '../targeting/targeting-rule-problem.js';
import type { TargetingRule } from '../targeting/targeting.js';
import type { ExperimentDefinition } from './experiment-definition.js';
import { validateArms } from './validate-arms.js';
import { validateExperimentMetrics } from './validate-experiment-metrics.js';

const MAX_TITLE_LENGTH = 200;
const MAX_HYPOTHESIS_LENGTH = 5000;
const MAX_TARGETING_RULES = 50;
/** More hosts per arm than any fleet holds: a typo, not a plan. */
export const MAX_PLANNED_HOSTS_PER_ARM = 100_000_000;

function plannedHostsProblem(planned: unknown): string | null {
  if (planned == null) return null;
  if (
    typeof planned !== 'number' ||
    !Number.isInteger(planned) ||
    planned < 2 ||
    planned > MAX_PLANNED_HOSTS_PER_ARM
  ) {
    return `plannedHostsPerArm must be a whole number of hosts from 2 to ${MAX_PLANNED_HOSTS_PER_ARM.toLocaleString('en-US')}, got ${describeValue(planned)}`;
  }
  return null;
}

function titleProblem(title: unknown): string | null {
  if (typeof title !== 'string' || title.trim() === '') return 'title must not be empty';
  const length = title.trim().length;
  if (length > MAX_TITLE_LENGTH)
    return `title is ${length} characters long; keep it to ${MAX_TITLE_LENGTH} or fewer`;
  if (hasControlCharacters(title)) return 'title must be one line without control characters';
  return null;
}

function hypothesisProblem(hypothesis: unknown): string | null {
  if (hypothesis == null) return null;
  if (typeof hypothesis !== 'string')
    return `hypothesis must be text, got ${describeValue(hypothesis)}`;
  if (hypothesis.length > MAX_HYPOTHESIS_LENGTH) {
    return `hypothesis is ${hypothesis.length} characters long; keep it to ${MAX_HYPOTHESIS_LENGTH} or fewer`;
  }
  if (hasControlCharacters(hypothesis, true))
    return 'hypothesis must not contain NUL or control characters other than line breaks and tabs';
  return null;
}

function targetingProblems(targeting: TargetingRule[] | null | undefined): Problem[] {
  if (targeting == null) return [];
  if (!Array.isArray(targeting) || targeting.length > MAX_TARGETING_RULES) {
    return [
      {
        field: 'targeting',
        message: `targeting must be a list of at most ${MAX_TARGETING_RULES} rules`,
      },
    ];
  }
  return targeting.flatMap((rule, i) => {
    if (typeof rule !== 'object' || rule === null) {
      return [
        {
          field: `targeting[${i}]`,
          message: `a rule must be an object with fact, op and values, got ${describeValue(rule)}`,
        },
      ];
    }
    const problem = targetingRuleProblem(rule, `targeting[${i}]`);
    return problem ? [problem] : [];
  });
}

/** Every problem of a new experiment at once, so a form can show them all together. */
export function validateExperimentDefinition(def: ExperimentDefinition): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, message: string | null): void => {
    if (message) problems.push({ field, message });
  };
  add('changeSlug', slugProblem(def.changeSlug, 'change'));
  add('slug', slugProblem(def.slug, 'experiment'));
  add('title', titleProblem(def.title));
  add('hypothesis', hypothesisProblem(def.hypothesis));
  add('plannedHostsPerArm', plannedHostsProblem(def.plannedHostsPerArm));
  problems.push(
    ...validateArms(def.arms),
    ...targetingProblems(def.targeting),
    ...validateExperimentMetrics(def.metrics),
  );
  return problems;
}
