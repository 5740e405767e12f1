import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedDatabase } from './embedded-database.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in FLEETLAB_DATA_DIR. */
export async function openDatabase(config: AppConfig): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, embedded: false, stop: () => Promise.resolve() };
  }
  const db = await startEmbeddedDatabase({
    dataDir: config.dataDir,
    port: config.FLEETLAB_DB_PORT,
    database: 'fleetlab',
    persistent: true,
  });
  return { ...db, embedded: true };
}
