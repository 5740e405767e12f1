import { describeValue } from '../describe-value.js';
import {
  EXPERIMENT_ACTIONS,
  EXPERIMENT_TRANSITIONS as TRANSITIONS,
  type ExperimentAction,
  type ExperimentStatus,
} from '../domain/experiments.js';

export {
  EXPERIMENT_ACTIONS,
  EXPERIMENT_STATUSES,
  type ExperimentAction,
  type ExperimentStatus,
} from '../domain/experiments.js';

// Each refusal says where the experiment is and what would get it where the person wants.
const REFUSALS: Record<ExperimentStatus, Partial<Record<ExperimentAction, string>>> = {
  DRAFT: {
    PAUSE: 'is a draft; only a running experiment can be paused: start it first',
    HALT: 'is a draft and has never run; nothing to halt',
    CONCLUDE:
      'is a draft and has never run; only a paused experiment can be concluded: start it first',
  },
  RUNNING: {
    START: 'is already running',
    CONCLUDE: 'is running; only a paused experiment can be concluded: pause it first',
  },
  PAUSED: {
    PAUSE: 'is already paused: start it to resume, or conclude it',
  },
  HALTED: {
    PAUSE: 'is halted, which stops more than a pause: start it to lift the halt, or conclude it',
    HALT: 'is already halted',
  },
  CONCLUDED: {
    START: 'is concluded and cannot run again: create a new experiment to test the change again',
    PAUSE: 'is concluded and no longer running',
    HALT: 'is concluded and no longer running',
    CONCLUDE: 'is already concluded',
  },
};

export function allowedActions(status: ExperimentStatus): ExperimentAction[] {
  return EXPERIMENT_ACTIONS.filter((action) => TRANSITIONS[status][action] !== undefined);
}

export function transition(
  from: ExperimentStatus,
  action: ExperimentAction,
  slug: string,
): { to: ExperimentStatus } | { problem: string } {
  const to = TRANSITIONS[from]?.[action];
  if (to) return { to };
  const refusal =
    REFUSALS[from]?.[action] ??
    `cannot take ${JSON.stringify(action)} from status ${JSON.stringify(from)}; actions are ${EXPERIMENT_ACTIONS.join(', ')}`;
  return { problem: `experiment ${describeValue(slug)} ${refusal}` };
}
