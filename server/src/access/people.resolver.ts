import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config.js';
import { Access, CurrentPerson } from './access.decorator.js';
import type { ApiTokenEntity } from './api-token.entity.js';
import { PeopleService } from './people.service.js';
import {
  ApiToken,
  ApiTokenCreated,
  AuthMode,
  CreateApiTokenInput,
  CreatePersonInput,
  Person,
  RoleEnum,
  Session,
} from './person.model.js';
import { PrincipalService, type Credentials } from './principal.service.js';
import type { Principal, Role } from './roles.js';

type SignedIn = Extract<Principal, { kind: 'PERSON' }>;

@Resolver()
export class PeopleResolver {
  constructor(
    private readonly service: PeopleService,
    private readonly principals: PrincipalService,
    private readonly config: AppConfig,
  ) {}

  @Query(() => Session, { description: 'Who is asking, and how people sign in here.' })
  @Access('PUBLIC')
  async session(@Context('req') req: Credentials): Promise<Session> {
    const principal = await this.principals.of(req);
    const person = principal.kind === 'PERSON' ? await this.service.byId(principal.id) : null;
    return {
      mode: this.config.authMode === 'local' ? AuthMode.LOCAL : AuthMode.TOKENS,
      person,
      oidc: Boolean(this.config.FLEETLAB_OIDC_ISSUER),
    };
  }

  @Query(() => [Person], { description: 'Everyone with a role, by name (admin).' })
  @Access('ADMIN')
  people(): Promise<Person[]> {
    return this.service.list();
  }

  @Query(() => [ApiToken], {
    description: 'API tokens, newest first, never the tokens themselves (admin).',
  })
  @Access('ADMIN')
  apiTokens(): Promise<ApiToken[]> {
    return this.service.tokens() as Promise<ApiToken[]>;
  }

  @Mutation(() => Person, { description: 'Adds a person with a role (admin).' })
  @Access('ADMIN')
  createPerson(@Args('input') input: CreatePersonInput): Promise<Person> {
    return this.service.create(input.name, input.role);
  }

  @Mutation(() => Person, {
    description: 'Gives a person another role, from their next request on (admin).',
  })
  @Access('ADMIN')
  setPersonRole(
    @CurrentPerson() by: SignedIn,
    @Args('name') name: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
  ): Promise<Person> {
    return this.service.setRole(name, role, by);
  }

  @Mutation(() => ApiTokenCreated, {
    description: 'Creates an API token for a person and shows it once (admin).',
  })
  @Access('ADMIN')
  async createApiToken(@Args('input') input: CreateApiTokenInput): Promise<ApiTokenCreated> {
    const { entity, token } = await this.service.createToken(input);
    return { id: entity.id, token, apiToken: entity as ApiTokenEntity & ApiToken };
  }

  @Mutation(() => Int, {
    description:
      'Ends every dashboard session of a person at once, OIDC ones too, and answers how many (admin).',
  })
  @Access('ADMIN')
  endSessions(@Args('person') person: string): Promise<number> {
    return this.service.endSessionsOf(person);
  }

  @Mutation(() => ApiToken, {
    description:
      'Revokes an API token at once, and the dashboard sessions signed in with it (admin).',
  })
  @Access('ADMIN')
  revokeApiToken(@Args('id', { type: () => ID }) id: string): Promise<ApiToken> {
    return this.service.revokeToken(id) as Promise<ApiToken>;
  }
}
