import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { badInput } from '../common/graphql-errors.js';
import { queryLimitProblem } from './query-limits.js';

/**
 * Refuses an operation that nests too deep, uses too many aliases or would cost too
 * much, after parsing and validation but before anything runs (query bombs never
 * reach a resolver or the database).
 */
export function queryLimitsPlugin(): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    serverWillStart({ schema: started }) {
      schema = started;
      return Promise.resolve();
    },
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          const problem = schema
            ? queryLimitProblem(schema, document, request.operationName, request.variables)
            : null;
          if (problem) {
            throw badInput(problem.message, {
              reason: problem.reason,
              limit: problem.limit,
              actual: problem.actual,
              http: { status: 400 },
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
