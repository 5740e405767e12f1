import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GET /health', () => {
  it('reports liveness and database readiness', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
  });
});

describe('the GraphQL endpoint', () => {
  it('serves the metric catalogue', async () => {
    const result = await server.gql(
      '{ metrics { key unit direction sampleKind } sampleKinds { key metrics } }',
    );
    expect(result.data!.metrics).toEqual(
      expect.arrayContaining([
        {
          key: 'install_duration_ms',
          unit: 'ms',
          direction: 'LOWER_IS_BETTER',
          sampleKind: 'package_transaction',
        },
        { key: 'boot_duration_ms', unit: 'ms', direction: 'LOWER_IS_BETTER', sampleKind: 'boot' },
      ]),
    );
  });

  it('refuses a mutation sent as a simple cross-site request (CSRF prevention)', async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ changes { slug } }')}`,
    );
    expect(response.status).toBe(400);
    const form = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation{createChange(input:{slug:"csrf",title:"x"}){id}}',
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect((await server.gql('{ changes { slug } }')).data!.changes).toEqual([]);
  });
});
