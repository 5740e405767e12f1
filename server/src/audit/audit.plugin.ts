import type {
  ApolloServerPlugin,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import {
  getArgumentValues,
  Kind,
  OperationTypeNode,
  type FieldNode,
  type GraphQLFormattedError,
} from 'graphql';
import { PrincipalService } from '../access/principal.service.js';
import type { Principal } from '../access/roles.js';
import { TELEMETRY, type AuditRequest } from './audit-request.js';
import { ACCESS_CODES, AuditService, DENIAL_CODES } from './audit.service.js';
import { targetOf } from './redact.js';

interface Context {
  req?: AuditRequest;
}

/** Queries that hand data out of Fleetlab, audited like mutations. */
const EXPORTS = new Set(['experimentReport']);

/**
 * Writes an audit event for every mutation (and report query) once its answer is
 * known, allowed or not, but for mutations whose event was written in the transaction
 * of their change (audit-in-transaction.interceptor.ts). Telemetry (ingestSamples, ingestSampleTable) is recorded only when refused for who sent
 * it: its stored samples, each with its host and receipt, are the record, a fleet
 * sends millions, and a batch turned away for load changed nothing.
 */
@Plugin()
export class AuditPlugin implements ApolloServerPlugin<Context> {
  constructor(
    private readonly audit: AuditService,
    private readonly principals: PrincipalService,
  ) {}

  requestDidStart(): Promise<GraphQLRequestListener<Context>> {
    return Promise.resolve({ willSendResponse: (context) => this.recordAll(context) });
  }

  private async recordAll(context: GraphQLRequestContextWillSendResponse<Context>): Promise<void> {
    const { operation, contextValue, schema, request } = context;
    if (!operation) return; // did not parse or validate: nothing ran
    const isMutation = operation.operation === OperationTypeNode.MUTATION;
    const fields = operation.selectionSet.selections.filter(
      (s): s is FieldNode => s.kind === Kind.FIELD && (isMutation || EXPORTS.has(s.name.value)),
    );
    if (fields.length === 0) return;
    const body =
      context.response.body.kind === 'single' ? context.response.body.singleResult : null;
    const errors: readonly GraphQLFormattedError[] = body?.errors ?? [];
    const data = body?.data ?? null;
    const req = contextValue.req;
    const rootType = isMutation ? schema.getMutationType() : schema.getQueryType();
    let principal: Principal | null | undefined;
    for (const field of fields) {
      const key = field.alias?.value ?? field.name.value;
      if (req?.fleetlabAuditedFields?.has(key)) continue;
      // The field did nothing when it has no value; its error is the one on its path
      // (or one with no path: limits and validation stop the whole operation).
      const failed = !data || data[key] === null || data[key] === undefined;
      const error = failed
        ? errors.find((e) => !e.path || (e.path.length === 1 && e.path[0] === key))
        : undefined;
      const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : null;
      const outcome = !failed ? 'OK' : code && DENIAL_CODES.has(code) ? 'DENIED' : 'FAILED';
      // Telemetry is recorded only when refused for who sent it: a stored batch is its
      // own record, and a busy or failing one changed nothing.
      const telemetry = TELEMETRY.has(field.name.value);
      if (telemetry && !(code && ACCESS_CODES.has(code))) continue;
      let args: Record<string, unknown> = {};
      try {
        const definition = rootType?.getFields()[field.name.value];
        if (definition && !telemetry)
          args = getArgumentValues(definition, field, request.variables ?? {});
      } catch {
        // Arguments that do not coerce are in the error already.
      }
      principal ??= await this.principalOf(req);
      await this.audit.record({
        principal,
        action: isMutation ? field.name.value : 'export',
        target: targetOf(args),
        outcome,
        errorCode: code ?? (failed ? 'INTERNAL_SERVER_ERROR' : null),
        detail: args,
        remoteAddress: req?.ip ?? null,
        userAgent: req?.headers['user-agent'] ?? null,
      });
    }
  }

  private async principalOf(req: Context['req']): Promise<Principal | null> {
    if (!req) return null;
    try {
      return await this.principals.of(req);
    } catch {
      return null; // a bad token: recorded as anonymous
    }
  }
}
