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
import { PrincipalService, type Credentials } from '../access/principal.service.js';
import type { Principal } from '../access/roles.js';
import { AuditService, DENIAL_CODES } from './audit.service.js';
import { targetOf } from './redact.js';

interface Context {
  req?: Credentials & { ip?: string; headers: Credentials['headers'] & { 'user-agent'?: string } };
}

/** Queries that hand data out of Fleetlab, audited like mutations. */
const EXPORTS = new Set(['experimentReport']);

/**
 * Writes an audit event for every mutation (and report query) once its answer is
 * known, allowed or not. A successful ingestSamples is the exception: its samples,
 * each stored with its host and receipt, are the record, and a fleet sends millions.
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
    const errors: readonly GraphQLFormattedError[] =
      context.response.body.kind === 'single'
        ? (context.response.body.singleResult.errors ?? [])
        : [];
    const req = contextValue.req;
    const principal = await this.principalOf(req);
    const rootType = isMutation ? schema.getMutationType() : schema.getQueryType();
    for (const field of fields) {
      const key = field.alias?.value ?? field.name.value;
      // An error with no path (limits, validation) stopped the whole operation.
      const error = errors.find((e) => !e.path || e.path[0] === key);
      const code = typeof error?.extensions?.code === 'string' ? error.extensions.code : null;
      if (!error && field.name.value === 'ingestSamples') continue;
      let args: Record<string, unknown> = {};
      try {
        const definition = rootType?.getFields()[field.name.value];
        if (definition) args = getArgumentValues(definition, field, request.variables ?? {});
      } catch {
        // Arguments that do not coerce are in the error already.
      }
      await this.audit.record({
        principal,
        action: isMutation ? field.name.value : 'export',
        target: targetOf(args),
        outcome: !error ? 'OK' : code && DENIAL_CODES.has(code) ? 'DENIED' : 'FAILED',
        errorCode: code,
        detail: field.name.value === 'ingestSamples' ? { samples: countSamples(args) } : args,
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

function countSamples(args: Record<string, unknown>): number | null {
  const samples = (args.batch as { samples?: unknown[] } | undefined)?.samples;
  return Array.isArray(samples) ? samples.length : null;
}
