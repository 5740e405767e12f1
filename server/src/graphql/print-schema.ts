import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { REPO_ROOT } from '../config/app-config.js';
import { SCALARS_MAP } from './date-time.scalar.js';
import { RESOLVERS } from './resolvers.js';

export const SCHEMA_PATH = path.join(REPO_ROOT, 'server/schema.gql');

/** The SDL of the code-first schema, sorted, as committed in server/schema.gql. */
export async function printSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app
      .get(GraphQLSchemaFactory)
      .create(RESOLVERS, { scalarsMap: SCALARS_MAP });
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
