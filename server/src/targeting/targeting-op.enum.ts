import { TARGETING_OPS, type TargetingOp as Op } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';

export const TargetingOp = graphqlEnum(TARGETING_OPS, {
  name: 'TargetingOp',
  description:
    'How a rule compares a host fact; GTE and LTE compare numbers, and versions as rpm does.',
});
export type TargetingOp = Op;
