import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DenialRecorder } from '../access/denial-recorder.js';
import { AuditInTransactionInterceptor } from './audit-in-transaction.interceptor.js';
import { AuditPlugin } from './audit.plugin.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

/**
 * The audit log: written in each mutation's transaction (the interceptor), by the
 * GraphQL plugin for refusals, failures and exports, by report downloads and by the
 * access guard (as its DenialRecorder); read by admins.
 */
@Global()
@Module({
  providers: [
    AuditService,
    { provide: DenialRecorder, useExisting: AuditService },
    AuditPlugin,
    AuditResolver,
    { provide: APP_INTERCEPTOR, useClass: AuditInTransactionInterceptor },
  ],
  exports: [AuditService, DenialRecorder],
})
export class AuditModule {}
