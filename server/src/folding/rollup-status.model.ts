import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { QUARANTINE_KINDS } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../common/graphql-enum.js';

export const QuarantineKind = graphqlEnum(QUARANTINE_KINDS, {
  name: 'QuarantineKind',
  description:
    'BATCH: samples as a host sent them, held out of every figure. ENROLLMENT: a host’s enrollment whose history or tally could not be folded; the experiment’s figures leave it out.',
});
export type QuarantineKind = (typeof QUARANTINE_KINDS)[number];

@ObjectType({ description: 'Quarantined work that failed with one reason.' })
export class QuarantineReason {
  @Field({ description: 'The database’s error, as folding met it.' })
  reason: string;

  @Field(() => Int, { description: 'Batches and enrollments set aside for it.' })
  items: number;

  @Field(() => Int, { description: 'Samples they hold back.' })
  samples: number;
}

@ObjectType({
  description:
    'How current the rollups are: samples are acknowledged when stored and folded into the rollups (what comparisons read) within seconds, off the request path. What cannot be folded is set aside (quarantined) with its reason, so that folding goes on for everything else.',
})
export class RollupStatus {
  @Field({
    description:
      'Every sample acknowledged before this moment is in the rollups, but quarantined ones.',
  })
  asOf: Date;

  @Field(() => Date, { nullable: true, description: 'When a fold last ran.' })
  lastFoldAt: Date | null;

  @Field(() => Int, { description: 'Acknowledged batches of samples not folded yet.' })
  pendingBatches: number;

  @Field(() => Int, {
    description:
      'Samples set aside because folding failed on them: in no figure until an admin retries them (quarantinedFolds).',
  })
  quarantinedSamples: number;

  @Field(() => Int, { description: 'Batches and enrollments set aside.' })
  quarantinedItems: number;

  @Field(() => [QuarantineReason], { description: 'Why, most samples first.' })
  quarantineReasons: QuarantineReason[];
}

@ObjectType({ description: 'A batch or an enrollment the folder set aside, with why.' })
export class QuarantinedFold {
  @Field(() => ID)
  id: string;

  @Field(() => QuarantineKind)
  kind: QuarantineKind;

  @Field(() => ID)
  hostId: string;

  @Field(() => String, { nullable: true })
  hostname: string | null;

  @Field(() => String, { nullable: true, description: 'The experiment, for an ENROLLMENT.' })
  experimentSlug: string | null;

  @Field(() => Int, { description: 'Samples held back.' })
  samples: number;

  @Field(() => Date, { nullable: true, description: 'The batch’s earliest sample.' })
  observedFrom: Date | null;

  @Field(() => Date, { nullable: true, description: 'The batch’s latest sample.' })
  observedTo: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the batch was acknowledged.' })
  queuedAt: Date | null;

  @Field({ description: 'The database’s error, as folding met it.' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'Its SQLSTATE, e.g. 22003.' })
  sqlState: string | null;

  @Field(() => Int, { description: 'Failed folds before it was set aside.' })
  failures: number;

  @Field()
  quarantinedAt: Date;
}
