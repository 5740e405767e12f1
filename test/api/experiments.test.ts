import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import {
  CONCLUDE,
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  EXPERIMENT,
  PAUSE,
  SET_WEIGHTS,
  START,
} from '../support/operations.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM copy-on-write' } });
});
afterAll(() => server.close());

const experimentCount = async (): Promise<number> =>
  ((await server.gql('{ experiments { slug } }')).data!.experiments as unknown[]).length;

describe('changes', () => {
  it('creates a change and lists it', async () => {
    const created = await server.gql(CREATE_CHANGE, {
      input: {
        slug: 'legacy-iptables',
        title: 'iptables legacy backend',
        upstreamUrl: 'https://example.org/x',
      },
    });
    expect(created.errors).toBeUndefined();
    const list = await server.gql('{ changes { slug title upstreamUrl } }');
    expect(list.data!.changes).toEqual(
      expect.arrayContaining([
        {
          slug: 'legacy-iptables',
          title: 'iptables legacy backend',
          upstreamUrl: 'https://example.org/x',
        },
      ]),
    );
  });

  it.each([
    ['a malformed slug', { slug: 'Not A Slug', title: 'x' }, 'slug'],
    ['a duplicate slug', { slug: 'rpm-cow', title: 'again' }, 'slug'],
    ['an empty title', { slug: 'empty-title', title: '  ' }, 'title'],
    [
      'an upstream link that is not http(s)',
      { slug: 'bad-link', title: 'x', upstreamUrl: 'javascript:alert(1)' },
      'upstreamUrl',
    ],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const before = (await server.gql('{ changes { slug } }')).data!.changes;
    const result = await server.gql(CREATE_CHANGE, { input });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(field);
    expect((await server.gql('{ changes { slug } }')).data!.changes).toEqual(before);
  });
});

describe('createExperiment', () => {
  it('creates a draft with arms, targeting and metrics, and splits the buckets by weight', async () => {
    const result = await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'created' },
    });
    expect(result.errors).toBeUndefined();
    const experiment = result.data!.createExperiment;
    expect(experiment).toMatchObject({
      slug: 'created',
      status: 'DRAFT',
      change: { slug: 'rpm-cow' },
      arms: [
        { key: 'baseline', baseline: true, weight: 50, bucketFrom: 0, bucketTo: 5000, hosts: 0 },
        { key: 'cow', baseline: false, weight: 50, bucketFrom: 5000, bucketTo: 10000, hosts: 0 },
      ],
      targeting: [
        {
          fact: 'rootFsType',
          op: 'IN',
          values: ['btrfs', 'xfs', 'ext4'],
          description: 'rootFsType IN (btrfs, xfs, ext4)',
        },
      ],
      metrics: [
        {
          metric: 'install_duration_ms',
          role: 'PRIMARY',
          margin: 0.02,
          definition: { unit: 'ms', direction: 'LOWER_IS_BETTER' },
        },
        { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: 0.1 },
      ],
    });
    expect(experiment.salt).toMatch(/^[0-9a-f]{16}$/);
    expect((await server.gql(EXPERIMENT, { slug: 'created' })).data!.experiment.slug).toBe(
      'created',
    );
  });

  const arms = COW_EXPERIMENT.arms;
  it.each([
    ['a malformed slug', { slug: 'Bad_Slug' }, 'slug'],
    ['a malformed change slug', { changeSlug: 'no such!' }, 'changeSlug'],
    ['a weight of zero', { arms: [arms[0], { ...arms[1], weight: 0 }] }, 'arms[1].weight'],
    ['a negative weight', { arms: [{ ...arms[0], weight: -5 }, arms[1]] }, 'arms[0].weight'],
    ['no baseline arm', { arms: arms.map((a) => ({ ...a, baseline: false })) }, 'baseline'],
    ['two baseline arms', { arms: arms.map((a) => ({ ...a, baseline: true })) }, 'baseline'],
    ['duplicate arm keys', { arms: [arms[0], { ...arms[1], key: 'baseline' }] }, 'arms[1].key'],
    ['a single arm', { arms: [arms[0]] }, 'arms'],
    [
      'a package that is not name-version-release',
      { arms: [arms[0], { ...arms[1], packages: ['rpm'] }] },
      'arms[1].packages[0]',
    ],
    [
      'an unknown metric',
      { metrics: [{ metric: 'install_time', role: 'PRIMARY' }] },
      'install_time',
    ],
    [
      'duplicate metrics',
      { metrics: [COW_EXPERIMENT.metrics[0], COW_EXPERIMENT.metrics[0]] },
      'metrics[1]',
    ],
    ['no metrics', { metrics: [] }, 'metrics'],
    [
      'a margin of 150%',
      { metrics: [{ metric: 'install_duration_ms', role: 'PRIMARY', margin: 1.5 }] },
      'margin',
    ],
    ['a plan of 1 host per arm', { plannedHostsPerArm: 1 }, 'plannedHostsPerArm'],
    [
      'targeting on an unknown fact',
      { targeting: [{ fact: 'colour', op: 'EQ', values: ['red'] }] },
      'colour',
    ],
    [
      'GTE on a text fact',
      { targeting: [{ fact: 'arch', op: 'GTE', values: ['x86_64'] }] },
      'targeting[0]',
    ],
  ])('refuses %s with BAD_USER_INPUT and stores nothing', async (_what, override, mentions) => {
    const before = await experimentCount();
    const result = await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'refused', ...override },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(mentions);
    expect(result.errors![0]!.extensions!.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: expect.any(String), message: expect.any(String) }),
      ]),
    );
    expect(await experimentCount()).toBe(before);
  });

  it('keeps the hosts per arm an experiment plans for, which tune its intervals', async () => {
    const PLANNED = `query($slug: String!) { experiment(slug: $slug) { plannedHostsPerArm } }`;
    await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'planned', plannedHostsPerArm: 2500 },
    });
    await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: 'unplanned' } });
    expect((await server.gql(PLANNED, { slug: 'planned' })).data!.experiment).toEqual({
      plannedHostsPerArm: 2500,
    });
    expect((await server.gql(PLANNED, { slug: 'unplanned' })).data!.experiment).toEqual({
      plannedHostsPerArm: null,
    });
    const compared = await server.gql(
      `{ a: comparison(experimentSlug: "planned", metric: "install_duration_ms") { plannedHostsPerArm }
         b: comparison(experimentSlug: "unplanned", metric: "install_duration_ms") { plannedHostsPerArm } }`,
    );
    expect(compared.data).toEqual({
      a: { plannedHostsPerArm: 2500 },
      b: { plannedHostsPerArm: 100 },
    });
  });

  it('refuses a duplicate experiment slug, leaving the first one as it was', async () => {
    await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: 'twice' } });
    const again = await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'twice', title: 'Other' },
    });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0]!.message).toContain('"twice" already exists');
    expect((await server.gql(EXPERIMENT, { slug: 'twice' })).data!.experiment.title).toBe(
      COW_EXPERIMENT.title,
    );
  });

  it('answers NOT_FOUND for an unknown change or experiment', async () => {
    const unknownChange = await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'orphan', changeSlug: 'nope' },
    });
    expect(errorCode(unknownChange)).toBe('NOT_FOUND');
    expect(unknownChange.errors![0]!.message).toContain('"nope"');
    const unknown = await server.gql(EXPERIMENT, { slug: 'does-not-exist' });
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const malformed = await server.gql(EXPERIMENT, { slug: 'NOT VALID' });
    expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
  });

  it('refuses GraphQL-level type errors with a clear code', async () => {
    const result = await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'typed', arms: 'nope' },
    });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });
});

describe('lifecycle', () => {
  beforeAll(async () => {
    await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: 'life' } });
  });

  const step = async (
    mutation: string,
  ): Promise<{ status?: string; code?: string; message?: string }> => {
    const result = await server.gql(mutation, { slug: 'life' });
    const payload = result.data && (Object.values(result.data)[0] as { status: string } | null);
    return {
      status: payload?.status,
      code: errorCode(result),
      message: result.errors?.[0]?.message,
    };
  };
  const status = async (): Promise<string> =>
    (await server.gql(EXPERIMENT, { slug: 'life' })).data!.experiment.status;

  it('follows draft -> running <-> paused -> concluded and refuses every other transition', async () => {
    expect((await step(PAUSE)).code).toBe('BAD_USER_INPUT');
    expect((await step(CONCLUDE)).code).toBe('BAD_USER_INPUT');
    expect(await status()).toBe('DRAFT');

    expect((await step(START)).status).toBe('RUNNING');
    expect((await step(START)).code).toBe('BAD_USER_INPUT');
    const concludeRunning = await step(CONCLUDE);
    expect(concludeRunning.code).toBe('BAD_USER_INPUT');
    expect(concludeRunning.message).toMatch(/pause/i);
    expect(await status()).toBe('RUNNING');

    expect((await step(PAUSE)).status).toBe('PAUSED');
    expect((await step(PAUSE)).code).toBe('BAD_USER_INPUT');
    expect((await step(START)).status).toBe('RUNNING');
    expect((await step(PAUSE)).status).toBe('PAUSED');
    expect((await step(CONCLUDE)).status).toBe('CONCLUDED');

    for (const mutation of [START, PAUSE, CONCLUDE]) {
      expect((await step(mutation)).code).toBe('BAD_USER_INPUT');
    }
    const final = (await server.gql(EXPERIMENT, { slug: 'life' })).data!.experiment;
    expect(final).toMatchObject({
      status: 'CONCLUDED',
      startedAt: expect.any(String),
      concludedAt: expect.any(String),
    });
  });

  it('answers NOT_FOUND for a transition of an unknown experiment', async () => {
    expect(errorCode(await server.gql(START, { slug: 'ghost' }))).toBe('NOT_FOUND');
  });
});

describe('setArmWeights', () => {
  beforeAll(async () => {
    await server.gql(CREATE_EXPERIMENT, { input: { ...COW_EXPERIMENT, slug: 'weights' } });
  });

  it('moves the bucket boundary', async () => {
    const result = await server.gql(SET_WEIGHTS, {
      slug: 'weights',
      weights: [{ key: 'cow', weight: 150 }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.setArmWeights.arms).toEqual([
      { key: 'baseline', weight: 50, bucketFrom: 0, bucketTo: 2500 },
      { key: 'cow', weight: 150, bucketFrom: 2500, bucketTo: 10000 },
    ]);
  });

  it.each([
    ['an unknown arm', [{ key: 'nope', weight: 1 }], 'nope'],
    ['a zero weight', [{ key: 'cow', weight: 0 }], 'weight'],
  ])('refuses %s and changes nothing', async (_what, weights, mentions) => {
    const result = await server.gql(SET_WEIGHTS, { slug: 'weights', weights });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(mentions);
    const arms = (await server.gql(EXPERIMENT, { slug: 'weights' })).data!.experiment.arms;
    expect(arms.map((a: { weight: number }) => a.weight)).toEqual([50, 150]);
  });
});
