import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { badInput } from '../common/graphql-errors.js';
import { nulCharacterPath } from './nul-characters.js';
import { queryLimitProblem } from './query-limits.js';

/**
 * Refuses an operation that nests too deep, uses too many aliases or would cost too
 * much, after parsing and validation but before anything runs (query bombs never
 * reach a resolver or the database); and one whose text carries NUL characters,
 * which the database would refuse halfway through.
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
        didResolveOperation({ request, document, operation }) {
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
          const nul =
            schema && operation
              ? nulCharacterPath(schema, document, operation, request.variables)
              : null;
          if (nul) {
            throw badInput(
              `${nul} contains a NUL character (\\u0000), which cannot be stored or looked up; remove it.`,
              { field: nul, reason: 'NUL_CHARACTER', http: { status: 400 } },
            );
          }
          return Promise.resolve();
        },
      });
    },
  };
}
