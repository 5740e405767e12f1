import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ENROLLMENT_STATUSES, type EnrollmentStatus as Status } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';
import { Arm, Experiment } from '../experiments/experiment.model.js';
import { Host } from '../hosts/host.model.js';

export const EnrollmentStatus = graphqlEnum(ENROLLMENT_STATUSES, { name: 'EnrollmentStatus' });
export type EnrollmentStatus = Status;

@ObjectType({
  description: "A host's membership of an experiment. Its arm never changes once assigned.",
})
export class Enrollment {
  @Field(() => Experiment)
  experiment: Experiment;

  @Field(() => Host)
  host: Host;

  @Field(() => Arm)
  arm: Arm;

  @Field(() => EnrollmentStatus)
  status: EnrollmentStatus;

  @Field(() => Int, {
    description: 'The assignment bucket (0-9999) of the host in this experiment.',
  })
  bucket: number;

  @Field()
  optedInAt: Date;

  @Field(() => Date, { nullable: true })
  optedOutAt: Date | null;

  @Field(() => String, { nullable: true })
  optOutReason: string | null;
}
