import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Errors raised on purpose (bad input, not found, ...) go to the client as they are.
 * Without this filter Nest would also log each of them with a stack trace, burying
 * real failures; those still reach formatError, which logs them.
 */
@Catch(GraphQLError)
export class GraphQLErrorFilter implements GqlExceptionFilter {
  catch(exception: GraphQLError): GraphQLError {
    return exception;
  }
}
