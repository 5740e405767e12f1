import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class ArmWeightInput {
  @Field()
  key: string;

  @Field(() => Int)
  weight: number;
}
