import { InitialSchema1795522349814 } from './1795522349814-initial-schema.js';
import { Telemetry1795526000000 } from './1795526000000-telemetry.js';
import { HistogramShards1795527000000 } from './1795527000000-histogram-shards.js';
import { HistogramCompaction1795528000000 } from './1795528000000-histogram-compaction.js';
import { HostDailyRollup1795529000000 } from './1795529000000-host-daily-rollup.js';
import { PeopleAndAudit1795530000000 } from './1795530000000-people-and-audit.js';
import { EnrollmentGaps1795532000000 } from './1795532000000-enrollment-gaps.js';
import { FoldQueue1795540000000 } from './1795540000000-fold-queue.js';
import { OidcSignIns1795541000000 } from './1795541000000-oidc-sign-ins.js';
import { HostFactIndexes1795542000000 } from './1795542000000-host-fact-indexes.js';
import { EnrollSecretHost1795560000000 } from './1795560000000-enroll-secret-host.js';
import { FoldQuarantine1795570000000 } from './1795570000000-fold-quarantine.js';
import { ExperimentHalt1795580000000 } from './1795580000000-experiment-halt.js';
import { PlannedHostsPerArm1795583000000 } from './1795583000000-planned-hosts-per-arm.js';
import { Alerts1795590000000 } from './1795590000000-alerts.js';
import { FinerHostMeanBuckets1795600000000 } from './1795600000000-finer-host-mean-buckets.js';

// Every migration, in order. `npm run migration:generate -- Name` adds to this list.
export const MIGRATIONS = [
  InitialSchema1795522349814,
  Telemetry1795526000000,
  HistogramShards1795527000000,
  HistogramCompaction1795528000000,
  HostDailyRollup1795529000000,
  PeopleAndAudit1795530000000,
  EnrollmentGaps1795532000000,
  FoldQueue1795540000000,
  OidcSignIns1795541000000,
  HostFactIndexes1795542000000,
  EnrollSecretHost1795560000000,
  FoldQuarantine1795570000000,
  ExperimentHalt1795580000000,
  PlannedHostsPerArm1795583000000,
  Alerts1795590000000,
  FinerHostMeanBuckets1795600000000,
];
