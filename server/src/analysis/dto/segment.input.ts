import { Field, InputType } from '@nestjs/graphql';
import { SEGMENT_DIMENSIONS, type SegmentDimension as Dimension } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../../common/graphql-enum.js';

export const SegmentDimension = graphqlEnum(SEGMENT_DIMENSIONS, {
  name: 'SegmentDimension',
  description:
    'ROOT_FS_TYPE and ARCH select hosts by their facts, LABEL by a host label; ' +
    'TRANSACTION_SIZE selects transactions by package count (values 1, 2-10, 11-100, 101+).',
});
export type SegmentDimension = Dimension;

@InputType({
  description:
    'Compare only one stratum, e.g. {dimension: ROOT_FS_TYPE, value: "btrfs"} or {dimension: TRANSACTION_SIZE, value: "101+"}.',
})
export class SegmentInput {
  @Field(() => SegmentDimension)
  dimension: SegmentDimension;

  @Field()
  value: string;
}
