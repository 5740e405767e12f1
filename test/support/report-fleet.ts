import { RPM_COW_EFFECTS, simulate } from '@fleetlab/simulator';
import { fixSplit } from './fixed-split.js';
import { createSecret } from './fleet.js';
import { CREATE_CHANGE, CREATE_EXPERIMENT, START } from './operations.js';
import { startTestServer, type TestServer } from './test-server.js';

/** A title with what wiki text and Markdown treat specially, to see it come out as itself. */
export const REPORT_TITLE = "RPM CoW | reflink *fast* [[x]] {{y}} 'z' _b_ <c> & ~~~~ #1 `d`";
export const REPORT_SLUG = 'evidence';
export const REPORT_METRICS = ['install_duration_ms', 'download_bytes', 'disk_used_delta_bytes'];

/**
 * A server with the RPM CoW change, an experiment judged on three metrics and a small
 * simulated fleet (160 hosts, with the usual CoW effects, split the same way every run)
 * that reported through the API.
 */
export async function startReportServer(): Promise<TestServer> {
  const server = await startTestServer();
  await server.gql(CREATE_CHANGE, {
    input: {
      slug: 'rpm-cow',
      title: 'RPM copy-on-write',
      description: 'Reflink file data out of the dnf cache at install time.',
      upstreamUrl: 'https://fedoraproject.org/wiki/Changes/RPMCoW',
    },
  });
  const created = await server.gql(CREATE_EXPERIMENT, {
    input: {
      changeSlug: 'rpm-cow',
      slug: REPORT_SLUG,
      title: REPORT_TITLE,
      hypothesis: 'Installs are faster where reflinks work; downloads do not change.',
      arms: [
        {
          key: 'baseline',
          name: 'Stock rpm',
          weight: 1,
          baseline: true,
          packages: ['rpm-4.16.1.3-34.el9'],
        },
        {
          key: 'cow',
          name: 'RPM CoW',
          weight: 1,
          baseline: false,
          packages: ['rpm-4.16.1.3-34.hs.el9', 'python3-dnf-plugin-cow-0.3-1.hs.el9'],
          repos: ['https://mirror.example.org/hyperscale/9/'],
        },
      ],
      targeting: [{ fact: 'osId', op: 'EQ', values: ['centos'] }],
      metrics: [
        { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 },
        { metric: 'download_bytes', role: 'GUARDRAIL', margin: 0.01 },
        { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: 0.5 },
      ],
    },
  });
  if (created.errors) throw new Error(created.errors[0]!.message);
  await server.gql(START, { slug: REPORT_SLUG });
  await fixSplit(server.db.url, REPORT_SLUG);
  await simulate({
    server: server.url,
    enrollSecret: await createSecret(server),
    experiment: REPORT_SLUG,
    hosts: 160,
    seed: 11,
    effects: RPM_COW_EFFECTS,
    preDays: 2,
    transactionsPerDay: 2,
    transactionsAfter: 10,
    concurrency: 8,
  });
  await server.folded();
  return server;
}
