import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Change } from './change.model.js';
import { ChangesService } from './changes.service.js';
import { CreateChangeInput } from './dto/create-change.input.js';
import { Access } from '../access/access.decorator.js';

@Access('VIEWER')
@Resolver(() => Change)
export class ChangesResolver {
  constructor(private readonly service: ChangesService) {}

  @Query(() => [Change], { description: 'Every change, newest first.' })
  changes(): Promise<Change[]> {
    return this.service.list();
  }

  @Query(() => Change)
  change(@Args('slug') slug: string): Promise<Change> {
    return this.service.bySlug(slug);
  }

  @Mutation(() => Change, { description: 'Adds a change to test (owner or admin).' })
  @Access('OWNER')
  createChange(@Args('input') input: CreateChangeInput): Promise<Change> {
    return this.service.create(input);
  }
}
