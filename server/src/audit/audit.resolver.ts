import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Access } from '../access/access.decorator.js';
import { AuditEvent, AuditOutcome } from './audit-event.model.js';
import { AuditService } from './audit.service.js';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => [AuditEvent], {
    description: 'The audit log, newest first (admin): every mutation and export, denied ones too.',
  })
  @Access('ADMIN')
  async auditEvents(
    @Args('first', { type: () => Int, nullable: true, description: 'Default 100, at most 500.' })
    first?: number | null,
    @Args('before', {
      type: () => Date,
      nullable: true,
      description: 'Older than this moment (paging).',
    })
    before?: Date | null,
    @Args('action', { type: () => String, nullable: true }) action?: string | null,
    @Args('actor', {
      type: () => String,
      nullable: true,
      description: 'A person’s name or a hostname.',
    })
    actor?: string | null,
    @Args('outcome', { type: () => AuditOutcome, nullable: true }) outcome?: AuditOutcome | null,
  ): Promise<AuditEvent[]> {
    return (await this.audit.list({ first, before, action, actor, outcome })) as AuditEvent[];
  }
}
