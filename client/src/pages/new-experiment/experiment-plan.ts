import { useQuery } from '@apollo/client/react';
import { graphql } from '../../generated/index.js';
import type { ExperimentPlanInput, NewExperimentPlanQuery } from '../../generated/graphql.js';
import { useDebounced } from '../../lib/use-debounced.js';
import { problemsOf } from './form-problems.js';

export const EXPERIMENT_PLAN = graphql(`
  query NewExperimentPlan($input: ExperimentPlanInput!) {
    experimentPlan(input: $input) {
      eligibleHosts
      historyDays
      hostsRead
      plannedHostsPerArm
      limitingMetric
      totalHosts
      optedInHostsNeeded
      daysNeeded
      summary
      notes
      arms {
        armKey
        hosts
      }
      metrics {
        metric
        title
        role
        settledBy
        effect
        cv
        usedDefaultCv
        hostsPerArm
        daysNeeded
        history {
          hosts
          samples
          mean
          fromDay
          toDay
        }
      }
    }
  }
`);

/** What the operator expects of opting in, as the form edits it: percent and hosts a day. */
export interface OptInRow {
  /** Percent of the targeted hosts expected to opt in at all. */
  share: string;
  /** Hosts expected to opt in a day; '' when unknown. */
  perDay: string;
  /** Percent change to plan for on metrics without a margin. */
  effect: string;
}

export const FIRST_OPT_IN: OptInRow = { share: '100', perDay: '', effect: '5' };

/** The opt-in expectation as experimentPlan takes it (fractions, not percent). */
export function optInInputs(
  row: OptInRow,
): Pick<ExperimentPlanInput, 'optInShare' | 'optInsPerDay' | 'minDetectableEffect'> {
  const number = (text: string) => (text.trim() === '' ? null : Number(text));
  const share = number(row.share);
  const effect = number(row.effect);
  return {
    optInShare: share === null ? null : share / 100,
    optInsPerDay: number(row.perDay),
    minDetectableEffect: effect === null ? null : effect / 100,
  };
}

export interface PlanState {
  /** The last plan answered for a valid form (undefined while there is none). */
  plan: NewExperimentPlanQuery['experimentPlan'] | undefined;
  /** Whether the form changed since, or the answer is on its way. */
  stale: boolean;
  /** What the server said is wrong with the form, for the plan. */
  issues: ReturnType<typeof problemsOf> | null;
}

/**
 * The plan for the form as it is, live: asked again once edits pause for 400 ms (not
 * at every keystroke), the previous answer kept on show meanwhile.
 */
export function useExperimentPlan(input: ExperimentPlanInput): PlanState {
  const debounced = useDebounced(input, 400);
  const result = useQuery(EXPERIMENT_PLAN, { variables: { input: debounced } });
  return {
    plan: result.error ? undefined : (result.data ?? result.previousData)?.experimentPlan,
    stale: result.loading || JSON.stringify(debounced) !== JSON.stringify(input),
    issues: result.error ? problemsOf(result.error) : null,
  };
}
