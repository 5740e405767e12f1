import { registerEnumType } from '@nestjs/graphql';

export enum TargetingOp {
  EQ = 'EQ',
  NEQ = 'NEQ',
  IN = 'IN',
  NOT_IN = 'NOT_IN',
  GTE = 'GTE',
  LTE = 'LTE',
}

registerEnumType(TargetingOp, {
  name: 'TargetingOp',
  description:
    'How a rule compares a host fact; GTE and LTE compare numbers, and versions as rpm does.',
});
