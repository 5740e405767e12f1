import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Arm, Experiment } from '../experiments/experiment.model.js';
import { Host } from '../hosts/host.model.js';

export enum EnrollmentStatus {
  OPTED_IN = 'OPTED_IN',
  OPTED_OUT = 'OPTED_OUT',
}

registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus' });

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
