import { Global, Module } from '@nestjs/common';
import { DenialRecorder } from '../access/denial-recorder.js';
import { AuditPlugin } from './audit.plugin.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/**
 * The audit log: written by the GraphQL plugin, report downloads and the access guard
 * (as its DenialRecorder), read by admins.
 */
@Global()
@Module({
  providers: [
    AuditService,
    { provide: DenialRecorder, useExisting: AuditService },
    AuditPlugin,
    AuditResolver,
  ],
  exports: [AuditService, DenialRecorder],
})
export class AuditModule {}
