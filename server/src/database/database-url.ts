import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { startEmbeddedDatabase } from './embedded-database.js';
import {
  firstClosedFolder,
  makeRootFolder,
  modeOf,
  postgresAccount,
} from './embedded/postgres-user.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** The embedded PostgreSQL's data folder (see embeddedDataDir); undefined with DATABASE_URL. */
  dataDir: string | undefined;
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL, in embeddedDataDir. */
export async function openDatabase(
  config: AppConfig,
  log: (line: string) => void = (line) => console.log(line),
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return {
      url: config.DATABASE_URL,
      embedded: false,
      dataDir: undefined,
      stop: () => Promise.resolve(),
    };
  }
  const dataDir = embeddedDataDir(config, log);
  const db = await startEmbeddedDatabase({
    dataDir,
    port: config.FLEETLAB_DB_PORT,
    database: 'fleetlab',
    persistent: true,
  });
  return { ...db, embedded: true, dataDir };
}

/** Where root keeps the data of checkouts that the user `postgres` may not reach, first choice first. */
const ROOT_DATA_FOLDERS = (): string[] => [
  '/var/lib/fleetlab',
  path.join(os.tmpdir(), 'fleetlab-data'),
];

/**
 * The embedded PostgreSQL's data folder: FLEETLAB_DATA_DIR when set, as it is (one that
 * PostgreSQL cannot reach stops the start with a sentence saying so); by default `.data`
 * in the checkout. Started as root, PostgreSQL runs as the user `postgres`, which may not
 * reach a checkout in a private folder (a clone in /root, mode 0700). Rather than change
 * the modes of people's folders, the default is then a folder of the checkout's own that
 * `postgres` may reach, the same at every start: `<checkout name>-<hash of its path>` in
 * /var/lib/fleetlab, or in fleetlab-data/ in the temporary folder when /var/lib cannot
 * be used (the first of `parents` that root alone may change and `postgres` may enter).
 */
export function embeddedDataDir(
  config: Pick<AppConfig, 'FLEETLAB_DATA_DIR' | 'dataDir'>,
  log: (line: string) => void,
  parents: string[] = ROOT_DATA_FOLDERS(),
): string {
  const dataDir = config.dataDir;
  if (config.FLEETLAB_DATA_DIR !== undefined || os.userInfo().uid !== 0) return dataDir;
  const account = postgresAccount();
  const closed = firstClosedFolder(account, path.dirname(dataDir));
  if (closed === null) return dataDir;
  const checkout = path.dirname(dataDir);
  const hash = createHash('sha256').update(checkout).digest('hex').slice(0, 8);
  for (const parent of parents) {
    try {
      makeRootFolder(parent);
    } catch {
      continue; // Read-only, or someone else's: the next one.
    }
    if (firstClosedFolder(account, parent) !== null) continue;
    const folder = path.join(parent, `${path.basename(checkout)}-${hash}`);
    log(
      `Database: started as root, the embedded PostgreSQL runs as the user postgres, which may not enter ` +
        `${closed}${modeOf(closed)} to reach ${dataDir}; its data is in ${folder} instead ` +
        `(set FLEETLAB_DATA_DIR to choose the folder).`,
    );
    return folder;
  }
  // Nowhere better: the start stops with a sentence saying what to do.
  return dataDir;
}
