import { Field, InputType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';

@InputType()
export class EnrollHostInput {
  @Field({ description: 'A secret from createEnrollSecret.' })
  enrollSecret: string;

  @Field({ description: 'Hex SHA-256 of /etc/machine-id (32 to 128 hex digits).' })
  machineIdHash: string;

  @Field(() => String, { nullable: true })
  hostname?: string | null;

  @Field(() => GraphQLJSON, { description: 'Host facts; see the Host type.' })
  facts: unknown;
}
