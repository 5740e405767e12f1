import { Field, ObjectType } from '@nestjs/graphql';
import { TargetingOp } from './targeting-op.enum.js';

@ObjectType()
export class TargetingRule {
  @Field()
  fact: string;

  @Field(() => TargetingOp)
  op: TargetingOp;

  @Field(() => [String])
  values: string[];

  @Field({ description: 'The rule in words, e.g. "rootFsType IN (btrfs, xfs)".' })
  description: string;
}
