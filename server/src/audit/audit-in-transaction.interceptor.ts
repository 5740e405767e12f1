import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { OperationTypeNode, type GraphQLResolveInfo } from 'graphql';
import { Observable } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { PrincipalService } from '../access/principal.service.js';
import { withTransactionHook, type TransactionHook } from '../database/retrying-transaction.js';
import { AuditService } from './audit.service.js';
import { targetOf } from './redact.js';
import { TELEMETRY, type AuditRequest } from './audit-request.js';

/**
 * A mutation's audit event is written in the transaction that makes its change
 * (retryingTransaction runs this hook before it commits), so no change commits
 * without its event. The plugin (audit.plugin.ts) then records only what this did
 * not: refusals and failures, which changed nothing.
 */
@Injectable()
export class AuditInTransactionInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly principals: PrincipalService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (
      info.operation.operation !== OperationTypeNode.MUTATION ||
      info.path.prev !== undefined ||
      TELEMETRY.has(info.fieldName)
    )
      return next.handle();
    const req = gql.getContext<{ req?: AuditRequest }>().req;
    const args = gql.getArgs<Record<string, unknown>>();
    const key = String(info.path.key);
    let recorded = false;
    const hook: TransactionHook = {
      beforeCommit: async (manager: EntityManager) => {
        if (recorded) return; // a second transaction of the same mutation
        const principal = req ? await this.principals.of(req).catch(() => null) : null;
        await this.audit.recordIn(manager, {
          principal,
          action: info.fieldName,
          target: targetOf(args),
          outcome: 'OK',
          errorCode: null,
          detail: args,
          remoteAddress: req?.ip ?? null,
          userAgent: req?.headers['user-agent'] ?? null,
        });
      },
      committed: () => {
        recorded = true;
        if (req) (req.fleetlabAuditedFields ??= new Set()).add(key);
      },
    };
    return new Observable((subscriber) =>
      withTransactionHook(hook, () => next.handle().subscribe(subscriber)),
    );
  }
}
