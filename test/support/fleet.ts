import { createHash, randomUUID } from 'node:crypto';
import type { TestServer } from './test-server.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  CREATE_SECRET,
  ENROLL,
  START,
} from './operations.js';

export interface EnrolledHost {
  id: string;
  token: string;
  facts: Record<string, unknown>;
}

export const machineIdHash = (seed: string): string =>
  createHash('sha256').update(seed).digest('hex');

export async function createSecret(
  server: TestServer,
  input: Record<string, unknown> = { name: 'test' },
): Promise<string> {
  const result = await server.gql(CREATE_SECRET, { input });
  if (result.errors) throw new Error(result.errors[0]!.message);
  return result.data!.createEnrollSecret.secret as string;
}

/** Enrolls `count` hosts through the API, `concurrency` at a time. */
export async function enrollHosts(
  server: TestServer,
  secret: string,
  count: number,
  factsOf: (i: number) => Record<string, unknown>,
  concurrency = 16,
): Promise<EnrolledHost[]> {
  const hosts: EnrolledHost[] = new Array(count);
  let next = 0;
  const prefix = randomUUID();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const facts = factsOf(i);
        const result = await server.gql(ENROLL, {
          input: {
            enrollSecret: secret,
            machineIdHash: machineIdHash(`${prefix}-${i}`),
            hostname: `host-${i}`,
            facts,
          },
        });
        if (result.errors) throw new Error(result.errors[0]!.message);
        hosts[i] = {
          id: result.data!.enrollHost.host.id,
          token: result.data!.enrollHost.token,
          facts,
        };
      }
    }),
  );
  return hosts;
}

/** The RPM CoW change and its experiment (COW_EXPERIMENT), running, open to every host. */
export async function startCowExperiment(server: TestServer): Promise<void> {
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, targeting: [] } });
  await server.gql(START, { slug: COW_EXPERIMENT.slug });
}
