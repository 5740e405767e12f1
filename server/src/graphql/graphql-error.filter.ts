import { Catch, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/graphql-errors.js';

const HTTP_STATUS: Record<string, HttpStatus> = {
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
  [ErrorCode.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCode.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
};

/**
 * Errors raised on purpose (bad input, not found, ...) go to the client as they are.
 * Without this filter Nest would also log each of them with a stack trace, burying
 * real failures; those still reach formatError, which logs them. Services raise the
 * same errors under plain HTTP routes (report downloads), where they become the
 * matching status with the message in a JSON body.
 */
@Catch(GraphQLError)
export class GraphQLErrorFilter implements GqlExceptionFilter {
  catch(exception: GraphQLError, host: ArgumentsHost): GraphQLError | void {
    if (host.getType() !== 'http') return exception;
    const { code } = exception.extensions;
    const known = typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
    const status = HTTP_STATUS[known] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    const response = host.switchToHttp().getResponse<Response>();
    const { retryAfterSeconds } = exception.extensions;
    if (typeof retryAfterSeconds === 'number')
      response.set('Retry-After', String(retryAfterSeconds));
    response.status(status).json({ statusCode: status, code: known, message: exception.message });
  }
}
