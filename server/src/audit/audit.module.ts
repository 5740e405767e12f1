import { Global, Module } from '@nestjs/common';
import { AuditPlugin } from './audit.plugin.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/** The audit log: written by the GraphQL plugin and report downloads, read by admins. */
@Global()
@Module({
  providers: [AuditService, AuditPlugin, AuditResolver],
  exports: [AuditService],
})
export class AuditModule {}
