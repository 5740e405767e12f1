import { Catch, HttpException, HttpStatus, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import {
  databaseUnavailable,
  isDatabaseUnavailable,
  isUnstorableValue,
  unstorableValue,
} from '../database/database-unavailable.js';
import { ErrorCode } from './graphql-errors.js';
import { logUnexpectedError } from './log-unexpected-error.js';

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
 * Every error a resolver, controller or guard throws. Under GraphQL it goes on as it
 * is, to formatError, which answers it and logs what was not raised on purpose.
 * Under plain HTTP routes (report downloads, sign-in, health) errors raised on purpose
 * become the matching status with the message in a JSON body, and anything else a
 * 500 whose stack alone is logged. Nest's own handler would log either with all its
 * properties, and a failed query's include its parameters: token hashes, names,
 * whatever a caller sent.
 */
@Catch()
export class AllExceptionsFilter extends BaseExceptionFilter implements GqlExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    // Thrown on, not returned: a returned value that is not an Error of graphql's own
    // realm (a pg error under jest's VM modules) would be taken for the field's value.
    if (host.getType() !== 'http') throw exception;
    if (exception instanceof HttpException) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<Response>();
    let answer: GraphQLError;
    if (exception instanceof GraphQLError) answer = exception;
    else if (isDatabaseUnavailable(exception)) answer = databaseUnavailable();
    else if (isUnstorableValue(exception)) answer = unstorableValue();
    else {
      logUnexpectedError(exception);
      // A download that failed halfway has its status already: end it short.
      if (response.headersSent) return void response.end();
      answer = new GraphQLError('Internal server error; the server log has the details.', {
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      });
    }
    const { code, retryAfterSeconds } = answer.extensions;
    const known = typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
    const status = HTTP_STATUS[known] ?? HttpStatus.INTERNAL_SERVER_ERROR;
    if (typeof retryAfterSeconds === 'number')
      response.set('Retry-After', String(retryAfterSeconds));
    response.status(status).json({ statusCode: status, code: known, message: answer.message });
    return undefined;
  }
}
