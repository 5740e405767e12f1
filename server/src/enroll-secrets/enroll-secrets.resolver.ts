import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateEnrollSecretInput } from './dto/create-enroll-secret.input.js';
import { EnrollSecret, EnrollSecretCreated } from './enroll-secret.model.js';
import { EnrollSecretsService, presentEnrollSecret } from './enroll-secrets.service.js';
import { Access } from '../access/access.decorator.js';

@Access('ADMIN')
@Resolver(() => EnrollSecret)
export class EnrollSecretsResolver {
  constructor(private readonly secrets: EnrollSecretsService) {}

  @Query(() => [EnrollSecret], {
    description: 'Enroll secrets, newest first (never the secrets themselves).',
  })
  async enrollSecrets(): Promise<EnrollSecret[]> {
    return (await this.secrets.list()).map((s) => presentEnrollSecret(s));
  }

  @Mutation(() => EnrollSecretCreated, {
    description: 'Creates an enroll secret and shows it once.',
  })
  async createEnrollSecret(
    @Args('input') input: CreateEnrollSecretInput,
  ): Promise<EnrollSecretCreated> {
    const { entity, secret } = await this.secrets.create(input);
    return { id: entity.id, secret, enrollSecret: presentEnrollSecret(entity) };
  }

  @Mutation(() => EnrollSecret, {
    description: 'Stops a secret from enrolling more hosts, at once.',
  })
  async revokeEnrollSecret(@Args('id', { type: () => ID }) id: string): Promise<EnrollSecret> {
    return presentEnrollSecret(await this.secrets.revoke(id));
  }
}
