import type { Logger } from 'typeorm';

/**
 * TypeORM's console logger prints a failed query with its parameters, and those are
 * token and secret hashes, names, whatever a caller sent. This one prints the query
 * and the database's message only; nothing else is logged.
 */
export class QueryErrorLogger implements Logger {
  logQueryError(error: string | Error, query: string): void {
    const message = error instanceof Error ? error.message : error;
    console.error(`query failed: ${query.replace(/\s+/g, ' ').slice(0, 500)}\nerror: ${message}`);
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
