import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ruleMatches, type HostFacts, type TargetingRule } from '@fleetlab/shared';
import { errorCode, startTestServer, type TestServer } from '../support/test-server.js';
import {
  createSecret,
  startCowExperiment,
  enrollHosts,
  type EnrolledHost,
} from '../support/fleet.js';
import { COW_EXPERIMENT, HOSTS, OPT_IN } from '../support/operations.js';

/** The `data` of the HOSTS query. */
interface HostsData {
  hosts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; hostname: string | null; facts: unknown } }[];
  };
}

let server: TestServer;
let hosts: EnrolledHost[];

const FLEET: HostFacts[] = [
  {
    arch: 'x86_64',
    osVersion: '9',
    kernel: '5.14.0-362.el9.x86_64',
    rootFsType: 'xfs',
    reflink: true,
    cpus: 8,
    labels: ['web'],
    packages: { rpm: '4.16.1.3-29.el9' },
  },
  {
    arch: 'x86_64',
    osVersion: '10',
    kernel: '6.12.0-55.el10.x86_64',
    rootFsType: 'btrfs',
    reflink: true,
    cpus: 64,
    labels: ['web', 'canary'],
    packages: { rpm: '4.19.1.1-12.el10' },
  },
  {
    arch: 'aarch64',
    osVersion: '9',
    kernel: '5.14.0-427.el9.aarch64',
    rootFsType: 'ext4',
    reflink: false,
    cpus: 4,
    labels: ['db'],
  },
  {
    arch: 'aarch64',
    osVersion: '9.2',
    rootFsType: 'xfs',
    reflink: false,
    cpus: 16,
    region: 'eu-west',
    packages: { rpm: '4.16.1.3-34.hs.el9' },
  },
  { osVersion: '8', cpus: 2 },
  {},
];

beforeAll(async () => {
  server = await startTestServer();
  hosts = await enrollHosts(
    server,
    await createSecret(server),
    FLEET.length,
    (i) => FLEET[i] as Record<string, unknown>,
    1,
  );
});
afterAll(() => server.close());

const ids = async (filter: Record<string, unknown>): Promise<string[]> => {
  const result = await server.gql<HostsData>(HOSTS, { filter, first: 500 });
  if (result.errors) throw new Error(result.errors[0]!.message);
  return result.data!.hosts.edges.map((e) => e.node.id);
};

describe('hosts filter', () => {
  const rules: TargetingRule[] = [
    { fact: 'arch', op: 'EQ', values: ['x86_64'] },
    { fact: 'arch', op: 'NEQ', values: ['x86_64'] },
    { fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs'] },
    { fact: 'rootFsType', op: 'NOT_IN', values: ['btrfs', 'xfs'] },
    { fact: 'reflink', op: 'EQ', values: ['true'] },
    { fact: 'reflink', op: 'NEQ', values: ['true'] },
    { fact: 'cpus', op: 'GTE', values: ['8'] },
    { fact: 'cpus', op: 'LTE', values: ['4'] },
    { fact: 'cpus', op: 'IN', values: ['4', '64'] },
    { fact: 'osVersion', op: 'GTE', values: ['9'] },
    { fact: 'osVersion', op: 'LTE', values: ['9.1'] },
    { fact: 'osVersion', op: 'GTE', values: ['10'] },
    { fact: 'kernel', op: 'GTE', values: ['5.14.0-400'] },
    { fact: 'labels', op: 'EQ', values: ['canary'] },
    { fact: 'labels', op: 'IN', values: ['db', 'canary'] },
    { fact: 'labels', op: 'NOT_IN', values: ['web'] },
    { fact: 'region', op: 'NEQ', values: ['eu-west'] },
    { fact: 'packages.rpm', op: 'GTE', values: ['4.16.1.3-30'] },
    { fact: 'packages.rpm', op: 'EQ', values: ['4.16.1.3-29.el9'] },
    { fact: 'packages.rpm', op: 'LTE', values: ['4.17'] },
  ];

  it.each(rules.map((rule) => [`${rule.fact} ${rule.op} ${rule.values.join(',')}`, rule] as const))(
    'selects in SQL exactly the hosts that targeting accepts: %s',
    async (_name, rule) => {
      const expected = hosts.filter((_, i) => ruleMatches(rule, FLEET[i]!)).map((h) => h.id);
      expect(await ids({ facts: [rule] })).toEqual(expected);
    },
  );

  it('combines conditions with AND, and finds hosts by hostname and id', async () => {
    const both = await ids({ facts: [rules[0], rules[2]] });
    expect(both).toEqual([hosts[0]!.id, hosts[1]!.id]);
    expect(await ids({ hostnameContains: 'HOST-3' })).toEqual([hosts[3]!.id]);
    expect(await ids({ ids: [hosts[4]!.id, hosts[5]!.id] })).toEqual([hosts[4]!.id, hosts[5]!.id]);
  });

  it('treats filter values as data, never as SQL', async () => {
    const hostile = ["x' OR '1'='1", "'; DROP TABLE host; --", '%', '_'];
    for (const value of hostile) {
      expect(await ids({ facts: [{ fact: 'arch', op: 'EQ', values: [value] }] })).toEqual([]);
      expect(await ids({ hostnameContains: value })).toEqual([]);
    }
    const injectedFact = await server.gql(HOSTS, {
      filter: { facts: [{ fact: "arch' OR 1=1 --", op: 'EQ', values: ['x'] }] },
    });
    expect(errorCode(injectedFact)).toBe('BAD_USER_INPUT');
    expect((await ids({})).length).toBe(FLEET.length);
  });

  it('filters by enrollment in an experiment', async () => {
    await startCowExperiment(server);
    const optedIn = await server.gql(OPT_IN, { slug: COW_EXPERIMENT.slug }, hosts[1]!.token);
    const arm = optedIn.data!.optIn.arm.key;
    expect(await ids({ experimentSlug: COW_EXPERIMENT.slug, enrollment: 'OPTED_IN' })).toEqual([
      hosts[1]!.id,
    ]);
    expect(await ids({ experimentSlug: COW_EXPERIMENT.slug, armKey: arm })).toEqual([hosts[1]!.id]);
    expect(
      (await ids({ experimentSlug: COW_EXPERIMENT.slug, enrollment: 'NOT_ENROLLED' })).length,
    ).toBe(FLEET.length - 1);
    expect(errorCode(await server.gql(HOSTS, { filter: { enrollment: 'OPTED_IN' } }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('hosts pagination', () => {
  it('walks every host once, in enrolment order, with cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await server.gql<HostsData>(HOSTS, { first: 4, after });
      // Annotated: `after` flows from `page` back into the next request.
      const page: HostsData['hosts'] = result.data!.hosts;
      expect(page.totalCount).toBe(FLEET.length);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(hosts.map((h) => h.id));
  });

  it.each([
    ['a page size of 0', { first: 0 }, 'first'],
    ['a page size over the limit', { first: 10_000 }, 'first'],
    ['a cursor that is not one', { after: 'bm90LWEtY3Vyc29y' }, 'cursor'],
  ])('refuses %s', async (_what, args, mentions) => {
    const result = await server.gql(HOSTS, args);
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toContain(mentions);
  });
});
