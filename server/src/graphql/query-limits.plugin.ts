import type { ApolloServerPlugin } from '@apollo/server';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { badInput } from '../common/graphql-errors.js';
import { unstorableText } from './unstorable-text.js';
import { MAX_TOKENS, queryLimitProblem } from './query-limits.js';

/**
 * The checks every operation passes after parsing and validation, before anything
 * runs: over HTTP (an Apollo plugin) and over WebSocket (graphql-ws's onSubscribe,
 * which Apollo's plugins never see). An operation that nests too deep, uses too many
 * aliases, spreads too many fragments or would cost too much is refused (query bombs
 * never reach a resolver or the database), and so is one whose text carries NUL
 * characters, which the database would refuse halfway through.
 */
export function operationChecks(): {
  plugin: ApolloServerPlugin;
  onSubscribe: (
    context: unknown,
    id: string,
    payload: SubscribePayload,
  ) => ExecutionArgs | readonly GraphQLError[];
} {
  let schema: GraphQLSchema | undefined;
  return {
    plugin: {
      serverWillStart({ schema: started }) {
        schema = started;
        return Promise.resolve();
      },
      requestDidStart() {
        return Promise.resolve({
          didResolveOperation({ request, document, operation }) {
            const problem =
              schema && operation
                ? operationProblem(
                    schema,
                    document,
                    operation,
                    request.operationName,
                    request.variables,
                  )
                : null;
            if (problem) throw problem;
            return Promise.resolve();
          },
        });
      },
    },
    onSubscribe(_context, _id, payload) {
      if (!schema) return [new GraphQLError('The server is starting; connect again in a moment.')];
      let document: DocumentNode;
      try {
        document = parse(payload.query, { maxTokens: MAX_TOKENS });
      } catch (error) {
        return [error as GraphQLError];
      }
      const invalid = validate(schema, document);
      if (invalid.length) return invalid;
      const operationName = payload.operationName ?? undefined;
      const operation = getOperationAST(document, operationName);
      // Queries and mutations go over HTTP, where they are audited and rate limited.
      if (operation?.operation !== OperationTypeNode.SUBSCRIPTION)
        return [
          badInput(
            'Only subscriptions go over WebSocket; send queries and mutations as HTTP POST to /graphql.',
          ),
        ];
      const variables = payload.variables ?? undefined;
      const problem = operationProblem(schema, document, operation, operationName, variables);
      if (problem) return [problem];
      return { schema, document, operationName, variableValues: variables };
    },
  };
}

function operationProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined | null,
): GraphQLError | null {
  const problem = queryLimitProblem(
    schema,
    document,
    operationName ?? undefined,
    variables ?? undefined,
  );
  if (problem) {
    return badInput(problem.message, {
      reason: problem.reason,
      limit: problem.limit,
      actual: problem.actual,
      http: { status: 400 },
    });
  }
  const text = unstorableText(schema, document, operation, variables ?? undefined);
  if (text) {
    return badInput(
      text.reason === 'NUL_CHARACTER'
        ? `${text.path} contains a NUL character (\\u0000), which cannot be stored or looked up; remove it.`
        : `${text.path} contains a lone UTF-16 surrogate (half of a character, such as \\ud800 without its pair), which cannot be stored; send whole characters.`,
      { field: text.path, reason: text.reason, http: { status: 400 } },
    );
  }
  return null;
}
