import { Field, InputType, registerEnumType } from '@nestjs/graphql';

export enum SegmentDimension {
  ROOT_FS_TYPE = 'ROOT_FS_TYPE',
  ARCH = 'ARCH',
  /** Package transactions by the number of packages: 1, 2-10, 11-100 or 101+. */
  TRANSACTION_SIZE = 'TRANSACTION_SIZE',
  LABEL = 'LABEL',
}
registerEnumType(SegmentDimension, {
  name: 'SegmentDimension',
  description:
    'ROOT_FS_TYPE and ARCH select hosts by their facts, LABEL by a host label; ' +
    'TRANSACTION_SIZE selects transactions by package count (values 1, 2-10, 11-100, 101+).',
});

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
