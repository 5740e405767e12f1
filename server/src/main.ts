import 'reflect-metadata';
import exitHook from 'async-exit-hook';
import { createApp, runMigrations } from './bootstrap.js';
import { requestsDrained } from './requests-in-flight.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase } from './database/database-url.js';
import { EmbeddedDatabaseError } from './database/embedded-database.js';
import { DemoSeedService } from './demo/demo-seed.service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config);
  // The embedded database stops its cluster from an exit hook too (embedded/cluster.ts);
  // ours closes the app first.
  // eslint-disable-next-line prefer-const -- assigned below; the exit hook may run before that.
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  const demoLoading = new AbortController();
  // On SIGTERM or Ctrl-C: stop loading the demo, let the requests already sent finish,
  // then close the app, then stop the embedded database, and exit 0: a requested stop
  // is not a failure (async-exit-hook would exit with 128 + the signal).
  exitHook((done: () => void) => {
    demoLoading.abort();
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
  const demo = app.get(DemoSeedService);
  const demoSecret = config.FLEETLAB_DEMO ? await demo.seedIfEmpty() : null;

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
      `Database: ${db.embedded ? `embedded PostgreSQL in ${db.dataDir}` : 'DATABASE_URL'}`,
  );
  // The demo fleet loads through the API of the server now listening: the dashboard
  // answers meanwhile, and says how far the demo got.
  if (demoSecret && config.FLEETLAB_DEMO_HOSTS > 0) {
    demo
      .loadFleet({
        server: await app.getUrl(),
        enrollSecret: demoSecret,
        hosts: config.FLEETLAB_DEMO_HOSTS,
        signal: demoLoading.signal,
        log: (line) => console.log(line),
      })
      .catch((error: unknown) => {
        if (demoLoading.signal.aborted) return;
        console.error(
          `Demo: loading the fleet failed (${error instanceof Error ? error.message : String(error)}); ` +
            `the server goes on with what was loaded. To load the demo again, start on an empty database${db.embedded ? ` (delete ${db.dataDir})` : ''}.`,
        );
      });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof EmbeddedDatabaseError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
