import { Query, Resolver } from '@nestjs/graphql';
import { Access } from '../access/access.decorator.js';
import { DemoSeedService } from './demo-seed.service.js';
import { DemoStatus } from './demo-status.model.js';

@Access('VIEWER')
@Resolver(() => DemoStatus)
export class DemoResolver {
  constructor(private readonly demo: DemoSeedService) {}

  @Query(() => DemoStatus, {
    description: 'Whether the demo fleet is still loading; the dashboard says so meanwhile.',
  })
  demoStatus(): DemoStatus {
    return this.demo.status;
  }
}
