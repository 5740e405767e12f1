import { Field, InputType, registerEnumType } from '@nestjs/graphql';

export enum SegmentDimension {
  ROOT_FS_TYPE = 'ROOT_FS_TYPE',
  ARCH = 'ARCH',
  LABEL = 'LABEL',
}
registerEnumType(SegmentDimension, { name: 'SegmentDimension' });

@InputType({
  description: 'Compare only hosts in one stratum, e.g. {dimension: ROOT_FS_TYPE, value: "btrfs"}.',
})
export class SegmentInput {
  @Field(() => SegmentDimension)
  dimension: SegmentDimension;

  @Field()
  value: string;
}
