// The committed schema is printed without a database from the resolvers of the
// feature modules (server/src/graphql/resolvers.ts); the app registers its resolvers
// from all its modules. Here the two must agree, so a resolver the printed schema
// leaves out (one provided outside the feature modules, say) fails the suite.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { printSchemaSdl, SCHEMA_PATH } from '@fleetlab/server/graphql/print-schema.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the schema the app serves', () => {
  it('is the one printed without a database, and the one committed', async () => {
    const served = `${printSchema(lexicographicSortSchema(server.app.get(GraphQLSchemaHost).schema))}\n`;
    expect(served).toBe(await printSchemaSdl());
    expect(served).toBe(fs.readFileSync(SCHEMA_PATH, 'utf8'));
  });
});
