import { readTimestamp } from '@fleetlab/shared';
import { GraphQLError, GraphQLScalarType, Kind, print } from 'graphql';
import { ErrorCode } from '../common/graphql-errors.js';

/**
 * DateTime, as @nestjs/graphql's own scalar writes it, but read strictly: that one
 * hands the text to `new Date`, which takes February 30 as March 2 and any text it
 * cannot read as an invalid Date that fails later, or gets stored. Here a moment that
 * is not ISO 8601 text, or names a day or time that does not exist, is bad input,
 * refused before anything runs.
 */
export const DateTimeScalar = new GraphQLScalarType<Date | null, string | null>({
  name: 'DateTime',
  description:
    'A moment as ISO 8601 text, such as 2026-12-03T09:54:33Z: with an offset (+02:00) or Z for UTC; without one, UTC; a day alone (2026-12-03) is its midnight UTC. Days and times that do not exist (2026-02-30, 24:00) are refused.',
  serialize(value) {
    return value instanceof Date ? value.toISOString() : null;
  },
  parseValue(value) {
    return moment(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw refused(`${print(ast)} is not text`);
    return moment(ast.value);
  },
});

function moment(value: unknown): Date {
  const reading = readTimestamp(value);
  if ('problem' in reading) throw refused(reading.problem);
  return reading.at;
}

function refused(problem: string): GraphQLError {
  return new GraphQLError(`DateTime ${problem}.`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });
}

/** For buildSchemaOptions: every `Date` field and argument is this DateTime. */
export const SCALARS_MAP = [{ type: Date, scalar: DateTimeScalar }];
