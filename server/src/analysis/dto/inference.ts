import { INFERENCES, type Inference as InferenceValue } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../../common/graphql-enum.js';

export const Inference = graphqlEnum(INFERENCES, {
  name: 'Inference',
  description:
    'How intervals, p-values and verdicts are computed. SEQUENTIAL (the default): anytime-valid confidence ' +
    'sequences (Waudby-Smith et al. 2023), which hold at every look at once, so watching an experiment as it ' +
    'runs does not inflate its error rate; tuned to be narrowest at the experiment’s plannedHostsPerArm. ' +
    'FIXED_HORIZON: Welch’s t-test, valid only when the data are looked at once, at a number of hosts fixed in ' +
    'advance; looked at daily, an experiment without any effect shows BETTER or WORSE at some look about a ' +
    'quarter of the time.',
});
export type Inference = InferenceValue;
