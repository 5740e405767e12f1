import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const cluster = globalThis.fleetlabTestCluster;
  if (!cluster) return;
  await cluster.db.stop();
  fs.rmSync(cluster.dataDir, { recursive: true, force: true });
}
