import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The host-mean histograms move to 0.01% wide buckets (HOST_MEAN_SCALE), ten times
 * finer, so that Mann-Whitney at fleet scale loses fewer pairs to ties. Their keys
 * cannot be converted (a bucket's hosts would stay together), so the rows go and the
 * folder rebuilds them, with every aggregate, from the per-host rollups on its next
 * pass. Until then an experiment's aggregated Mann-Whitney has no hosts to rank and says
 * so rather than reading old keys on the new scale. Down does the same for the old scale.
 */
export class FinerHostMeanBuckets1795600000000 implements MigrationInterface {
  name = 'FinerHostMeanBuckets1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuildHistograms(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rebuildHistograms(queryRunner);
  }
}

async function rebuildHistograms(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`TRUNCATE "arm_host_mean_histogram"`);
  await queryRunner.query(`UPDATE "fold_state" SET "rebuild_pending" = true WHERE "id" = 1`);
}
