import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the host facts that selectors and the Hosts page filter by most: root
 * filesystem, arch, region and OS. With a million hosts a filter then reads the
 * matching hosts instead of every host's facts (host-filter.sql.ts writes these facts'
 * conditions in the indexes' own form).
 */
const FACTS: Record<string, string> = {
  host_root_fs_type_idx: 'rootFsType',
  host_arch_idx: 'arch',
  host_region_idx: 'region',
  host_os_id_idx: 'osId',
};

export class HostFactIndexes1795542000000 implements MigrationInterface {
  name = 'HostFactIndexes1795542000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [index, fact] of Object.entries(FACTS)) {
      await queryRunner.query(`CREATE INDEX "${index}" ON "host" ((facts->>'${fact}'))`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of Object.keys(FACTS)) await queryRunner.query(`DROP INDEX "${index}"`);
  }
}
