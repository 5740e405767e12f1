import { Field, InputType } from '@nestjs/graphql';
import { TargetingOp } from './targeting-op.enum.js';

@InputType({ description: 'A condition on a host fact, e.g. rootFsType IN [btrfs, xfs].' })
export class TargetingRuleInput {
  @Field({
    description:
      'arch, osId, osVersion, kernel, rootFsType, reflink, cpus, memoryBytes, region, labels, or packages.<name>.',
  })
  fact: string;

  @Field(() => TargetingOp)
  op: TargetingOp;

  @Field(() => [String])
  values: string[];
}
