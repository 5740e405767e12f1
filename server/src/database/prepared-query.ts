import type { DataSource, EntityManager } from 'typeorm';

/** What node-postgres offers for a statement with a name (pg's Client and Pool both do). */
interface NamedQueryable {
  query(config: {
    name: string;
    text: string;
    values: readonly unknown[];
  }): Promise<{ rows: unknown[] }>;
  /** A Client (not a Pool) also takes a submittable, such as pg-copy-streams' COPY. */
  query<S>(submittable: S): S;
}

/**
 * Runs a statement under a name, so that each connection has PostgreSQL parse and plan
 * it once instead of at every call: for the statements of every ingest request, where
 * planning costs about as much as running them for a small batch. On `manager`'s
 * transaction when given one, else on any pooled connection. A name must always go
 * with the same text. (Behind PgBouncer, this needs session pooling, or its
 * max_prepared_statements; see the README.)
 */
export async function preparedQuery<T>(
  on: EntityManager | DataSource,
  name: string,
  text: string,
  values: readonly unknown[],
): Promise<T[]> {
  const result = await (await pgConnectionOf(on)).query({ name, text, values });
  return result.rows as T[];
}

/**
 * node-postgres under TypeORM: the Client of `on`'s transaction, or else the pool.
 */
export async function pgConnectionOf(on: EntityManager | DataSource): Promise<NamedQueryable> {
  if ('queryRunner' in on && on.queryRunner) {
    return (await on.queryRunner.connect()) as NamedQueryable;
  }
  const dataSource = 'driver' in on ? on : on.dataSource;
  return (dataSource.driver as unknown as { master: NamedQueryable }).master;
}
