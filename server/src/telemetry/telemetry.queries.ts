// Every SQL statement of telemetry, in one place (the samples' COPY is in
// sample-copy.ts: it is a stream, not a statement). The ingest's run under names
// (prepared-query.ts), so that each connection plans them once.

/** Receipts for a host's samples ($1 host, $2 ids, $3 fingerprints, $4 times): answers the new ones. */
export const INSERT_RECEIPTS_SQL = `INSERT INTO sample_receipt (host_id, sample_id, fingerprint, observed_at)
  SELECT $1, * FROM unnest($2::text[], $3::bytea[], $4::timestamptz[])
  ON CONFLICT DO NOTHING RETURNING sample_id`;

/** The stored fingerprints of a host's samples ($1 host, $2 ids). */
export const STORED_RECEIPTS_SQL = `SELECT sample_id, fingerprint FROM sample_receipt WHERE host_id = $1 AND sample_id = ANY($2::text[])`;

/** A stored batch's place in the fold queue ($1 host, $2 ids, $3 and $4 the span of its times). */
export const QUEUE_FOR_FOLD_SQL = `INSERT INTO fold_queue (host_id, sample_ids, observed_from, observed_to) VALUES ($1, $2, $3, $4)`;

/** One replica at a time keeps the partitions. */
export const TRY_MAINTENANCE_LOCK_SQL = `SELECT pg_try_advisory_lock(hashtext('fleetlab_maintenance')) AS locked`;
export const MAINTENANCE_UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('fleetlab_maintenance'))`;

/** Month partitions from $1 to $2 (the function takes its own lock). */
export const ENSURE_PARTITIONS_SQL = 'SELECT fleetlab_ensure_sample_partitions($1, $2) AS created';

export const SAMPLE_PARTITIONS_SQL = `SELECT c.relname AS name FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'sample'::regclass`;

/** `name` comes from the catalogue and matches PARTITION_NAME before it gets here. */
export const dropPartitionSql = (name: string): string => `DROP TABLE ${name}`;

export const PRUNE_RECEIPTS_SQL = 'DELETE FROM sample_receipt WHERE observed_at < $1';

/** Merges the histogram shards of the days before $1 (a time, in the zone $2). */
export const COMPACT_HISTOGRAMS_SQL =
  'SELECT fleetlab_compact_histograms(($1::timestamptz AT TIME ZONE $2)::date) AS compacted';
