import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { TargetingRuleInput } from '../../targeting/targeting-rule.input.js';

export enum EnrollmentFilter {
  OPTED_IN = 'OPTED_IN',
  OPTED_OUT = 'OPTED_OUT',
  NOT_ENROLLED = 'NOT_ENROLLED',
}

registerEnumType(EnrollmentFilter, {
  name: 'EnrollmentFilter',
  description: 'Where a host stands in the experiment named by `experimentSlug`.',
});

@InputType({ description: 'Selects hosts; every condition given must hold.' })
export class HostFilterInput {
  @Field(() => [TargetingRuleInput], { nullable: true, description: 'Conditions on host facts.' })
  facts?: TargetingRuleInput[] | null;

  @Field(() => [ID], { nullable: true })
  ids?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the hostname.' })
  hostnameContains?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'With `enrollment` or `armKey`: the experiment they refer to.',
  })
  experimentSlug?: string | null;

  @Field(() => EnrollmentFilter, { nullable: true })
  enrollment?: EnrollmentFilter | null;

  @Field(() => String, {
    nullable: true,
    description: 'Hosts enrolled in this arm of `experimentSlug`.',
  })
  armKey?: string | null;
}
