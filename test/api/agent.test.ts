import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { agentCli } from '../support/agent-cli.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSecret } from '../support/fleet.js';
import {
  COW_EXPERIMENT,
  CREATE_CHANGE,
  CREATE_EXPERIMENT,
  EXPERIMENT,
  START,
} from '../support/operations.js';

let server: TestServer;
let secret: string;
let work: string;

beforeAll(async () => {
  server = await startTestServer();
  secret = await createSecret(server);
  await server.gql(CREATE_CHANGE, { input: { slug: 'rpm-cow', title: 'RPM CoW' } });
  await server.gql(CREATE_EXPERIMENT, { input: COW_EXPERIMENT });
  await server.gql(START, { slug: COW_EXPERIMENT.slug });
  // A fake host tree: the agent reads its machine id, os-release and mounts from here.
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetlab-agent-'));
  fs.mkdirSync(path.join(work, 'root/etc'), { recursive: true });
  fs.mkdirSync(path.join(work, 'root/proc'), { recursive: true });
  fs.writeFileSync(path.join(work, 'root/etc/machine-id'), '0123456789abcdef0123456789abcdef\n');
  fs.writeFileSync(path.join(work, 'root/etc/os-release'), 'ID="centos"\nVERSION_ID="9"\n');
  fs.writeFileSync(path.join(work, 'root/proc/mounts'), '/dev/vda1 / xfs rw 0 0\n');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const agent = agentCli(() => work);

describe('fleetlab-agent', () => {
  it('enrolls, opts in, shows its status and opts out', async () => {
    const enrolled = await agent(
      'enroll',
      '--server',
      server.url,
      '--secret',
      secret,
      '--label',
      'builder',
      '--region',
      'eu-west',
    );
    expect(enrolled).toMatchObject({ code: 0, out: expect.stringMatching(/^Enrolled as host /) });

    const optIn = await agent('opt-in', COW_EXPERIMENT.slug);
    expect(optIn.code).toBe(0);
    const arm = /arm (\w+)/.exec(optIn.out)![1];
    expect((await agent('opt-in', COW_EXPERIMENT.slug)).out).toContain(`arm ${arm}`);

    const status = await agent('status');
    expect(status.out).toContain(`${COW_EXPERIMENT.slug} [running]: opted_in, arm ${arm}`);

    const hosts = (await server.gql('{ hosts { nodes { hostname facts } } }')).data!.hosts.nodes;
    expect(hosts[0].facts).toMatchObject({
      osId: 'centos',
      osVersion: '9',
      rootFsType: 'xfs',
      region: 'eu-west',
      labels: ['builder'],
    });

    expect((await agent('opt-out', COW_EXPERIMENT.slug, '--reason', 'testing')).code).toBe(0);
    await server.folded();
    expect(
      (await server.gql(EXPERIMENT, { slug: COW_EXPERIMENT.slug })).data!.experiment.hostsOptedOut,
    ).toBe(1);
  });

  it('says what went wrong, with the error code, and exits 1', async () => {
    const wrong = await agent('opt-in', 'no-such-experiment');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/No experiment with slug "no-such-experiment".*\[NOT_FOUND\]/);
    const badSecret = await agent('enroll', '--server', server.url, '--secret', 'fle_wrong');
    expect(badSecret.err).toContain('[UNAUTHENTICATED]');
    const unreachable = await agent('enroll', '--server', 'http://127.0.0.1:9', '--secret', secret);
    expect(unreachable.err).toMatch(/Cannot reach the Fleetlab server/);
  });
});

describe('fleetlab-agent simulate', () => {
  it('enrolls a virtual fleet, reports history, opts it in and reports the known effect', async () => {
    await server.gql(CREATE_EXPERIMENT, {
      input: { ...COW_EXPERIMENT, slug: 'simulated', targeting: [] },
    });
    await server.gql(START, { slug: 'simulated' });
    const result = await agent(
      'simulate',
      '--server',
      server.url,
      '--secret',
      secret,
      '--experiment',
      'simulated',
      '--hosts',
      '40',
      '--pre-days',
      '2',
      '--per-day',
      '2',
      '--after',
      '5',
      '--quiet',
      '--install-effect',
      '-0.5',
    );
    expect(result).toMatchObject({
      code: 0,
      out: expect.stringMatching(/Simulated 40 hosts: 40 opted in/),
    });
    await server.folded();
    const experiment = (await server.gql(EXPERIMENT, { slug: 'simulated' })).data!.experiment;
    expect(experiment.hostsOptedIn).toBe(40);
  });
});
