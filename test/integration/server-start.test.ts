import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findFreePort } from '../../server/src/database/embedded-database.js';
import { buildServer } from '../support/server-build.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// What `npm start` runs: the server answers first, then loads its demo fleet in the
// background with a progress line; Ctrl-C while it loads stops both cleanly.
let db: TestDatabase;
let main: string;

beforeAll(async () => {
  main = await buildServer();
  db = await createTestDatabase();
}, 180_000);
afterAll(() => db.drop());

describe('a server started with the demo', () => {
  it('listens, then loads the demo fleet in the background, and stops cleanly on Ctrl-C while it loads', async () => {
    const port = await findFreePort();
    const server = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        FLEETLAB_DEMO: '1',
        FLEETLAB_DEMO_HOSTS: '60',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    server.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Demo: 30/60 hosts\n')) resolve();
      });
      void exited.then(() => reject(new Error(`the server exited: ${out}${err}`)));
    });

    const lines = out.split('\n');
    const running = lines.findIndex((line) => line.startsWith('Fleetlab is running at'));
    expect(running).toBeGreaterThan(-1);
    expect(running).toBeLessThan(
      lines.indexOf('Demo: loading 60 simulated hosts in the background...'),
    );
    expect(running).toBeLessThan(lines.indexOf('Demo: 30/60 hosts'));
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const { demo } = (await health.json()) as { demo: { hosts: number; hostsLoaded: number } };
    expect(demo).toMatchObject({ hosts: 60 });
    expect(demo.hostsLoaded).toBeGreaterThanOrEqual(30);

    server.kill('SIGINT');
    await expect(exited).resolves.toBe(0);
    expect(err).not.toMatch(/Demo: loading the fleet failed/);
  }, 120_000);
});
