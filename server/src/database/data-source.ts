import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { QueryErrorLogger } from './query-error-logger.js';

/**
 * The one DataSource definition, used by the app, the migration scripts and the
 * tests. The schema changes only through MIGRATIONS.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no uuid-ossp needed.
    uuidExtension: 'pgcrypto',
    logging: ['error'],
    logger: new QueryErrorLogger(),
    extra: { max: 20, application_name: 'fleetlab' },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
