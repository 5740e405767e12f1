import { describe, it, expect } from '@jest/globals';
import {
  EXPERIMENT_ACTIONS,
  EXPERIMENT_STATUSES,
  allowedActions,
  transition,
} from './lifecycle.js';

describe(transition.name, () => {
  it.each([
    ['DRAFT', 'START', 'RUNNING'],
    ['RUNNING', 'PAUSE', 'PAUSED'],
    ['PAUSED', 'START', 'RUNNING'],
    ['PAUSED', 'CONCLUDE', 'CONCLUDED'],
  ] as const)('%s -%s-> %s', (from, action, to) => {
    expect(transition(from, action, 'x')).toEqual({ to });
  });

  it('allows nothing else', () => {
    let allowed = 0;
    for (const from of EXPERIMENT_STATUSES) {
      for (const action of EXPERIMENT_ACTIONS) {
        const result = transition(from, action, 'rpm-cow-el9');
        if ('to' in result) allowed++;
        else
          expect(result.problem).toMatch(
            /^experiment "rpm-cow-el9" is (a draft|running|already|concluded|halted)/,
          );
      }
    }
    expect(allowed).toBe(8);
  });

  it.each([
    [
      'RUNNING',
      'CONCLUDE',
      'experiment "x" is running; only a paused experiment can be concluded: pause it first',
    ],
    [
      'DRAFT',
      'PAUSE',
      'experiment "x" is a draft; only a running experiment can be paused: start it first',
    ],
    ['RUNNING', 'START', 'experiment "x" is already running'],
    ['PAUSED', 'PAUSE', 'experiment "x" is already paused: start it to resume, or conclude it'],
    [
      'CONCLUDED',
      'START',
      'experiment "x" is concluded and cannot run again: create a new experiment to test the change again',
    ],
  ] as const)('refuses %s -%s-> with a way forward', (from, action, problem) => {
    expect(transition(from, action, 'x')).toEqual({ problem });
  });
});

describe(allowedActions.name, () => {
  it('lists what a status allows, for buttons', () => {
    expect(allowedActions('DRAFT')).toEqual(['START']);
    expect(allowedActions('RUNNING')).toEqual(['PAUSE', 'HALT']);
    expect(allowedActions('PAUSED')).toEqual(['START', 'HALT', 'CONCLUDE']);
    expect(allowedActions('HALTED')).toEqual(['START', 'CONCLUDE']);
    expect(allowedActions('CONCLUDED')).toEqual([]);
  });
});
