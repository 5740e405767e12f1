import { Field, ID, InputType } from '@nestjs/graphql';
import { ENROLLMENT_FILTERS, type EnrollmentFilter as Filter } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../../common/graphql-enum.js';
import { TargetingRuleInput } from '../../targeting/targeting-rule.input.js';

export const EnrollmentFilter = graphqlEnum(ENROLLMENT_FILTERS, {
  name: 'EnrollmentFilter',
  description: 'Where a host stands in the experiment named by `experimentSlug`.',
});
export type EnrollmentFilter = Filter;

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
