import { registerEnumType } from '@nestjs/graphql';

export enum AnalysisMethod {
  /** AGGREGATED for experiments over FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS hosts where it applies, else EXACT. */
  AUTO = 'AUTO',
  /** From one value per host and metric: results equal R's; cost grows with hosts. */
  EXACT = 'EXACT',
  /** From per-arm aggregates: cost does not grow with hosts; all hosts or a ROOT_FS_TYPE or ARCH segment, whole experiment. */
  AGGREGATED = 'AGGREGATED',
}
registerEnumType(AnalysisMethod, {
  name: 'AnalysisMethod',
  description:
    'EXACT reads one value per host and metric (results equal R; cost grows with hosts). ' +
    'AGGREGATED reads per-arm aggregates the folder keeps (cost independent of hosts; Welch and CUPED equal, ' +
    'Mann-Whitney and Hodges-Lehmann from 0.1%-wide buckets of host means), for all hosts or a ROOT_FS_TYPE or ARCH segment over the whole experiment. ' +
    'AUTO takes AGGREGATED above FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS enrolled hosts where it applies.',
});
