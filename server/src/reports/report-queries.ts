import type { DataSource } from 'typeorm';

/** A host enrolled in the experiment, with the facts a report counts and segments by. */
export interface EnrolledHost {
  hostId: string;
  armId: string;
  optedIn: boolean;
  rootFsType: string | null;
  arch: string | null;
  /** The reflink fact as the host reported it: 'true', 'false' or null. */
  reflink: string | null;
  osId: string | null;
  osVersion: string | null;
}

/** Every host that ever opted in to the experiment, by host id: one row per host. */
export async function readEnrolledHosts(
  db: DataSource,
  experimentId: string,
): Promise<EnrolledHost[]> {
  const rows = await db.query<
    {
      host_id: string;
      arm_id: string;
      opted_in: boolean;
      root_fs_type: string | null;
      arch: string | null;
      reflink: string | null;
      os_id: string | null;
      os_version: string | null;
    }[]
  >(
    `SELECT e.host_id, e.arm_id, e.status = 'OPTED_IN' AS opted_in,
            h.facts->>'rootFsType' AS root_fs_type, h.facts->>'arch' AS arch,
            h.facts->>'reflink' AS reflink, h.facts->>'osId' AS os_id,
            h.facts->>'osVersion' AS os_version
       FROM enrollment e JOIN host h ON h.id = e.host_id
      WHERE e.experiment_id = $1
      ORDER BY e.host_id`,
    [experimentId],
  );
  return rows.map((r) => ({
    hostId: r.host_id,
    armId: r.arm_id,
    optedIn: r.opted_in,
    rootFsType: r.root_fs_type,
    arch: r.arch,
    reflink: r.reflink,
    osId: r.os_id,
    osVersion: r.os_version,
  }));
}
