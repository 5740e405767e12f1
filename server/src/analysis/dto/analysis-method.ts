import { ANALYSIS_METHODS, type AnalysisMethod as Method } from '@fleetlab/shared/domain';
import { graphqlEnum } from '../../common/graphql-enum.js';

export const AnalysisMethod = graphqlEnum(ANALYSIS_METHODS, {
  name: 'AnalysisMethod',
  description:
    'EXACT reads one value per host and metric (results equal R; cost grows with hosts). ' +
    'AGGREGATED reads per-arm aggregates the folder keeps (cost independent of hosts; Welch and CUPED equal, ' +
    'Mann-Whitney and Hodges-Lehmann from every host mean up to FLEETLAB_EXACT_RANKS_MAX_HOSTS hosts, above from 0.01%-wide buckets of them), for all hosts or a ROOT_FS_TYPE or ARCH segment over the whole experiment. ' +
    'AUTO takes AGGREGATED above FLEETLAB_EXACT_ANALYSIS_MAX_HOSTS enrolled hosts where it applies.',
});
export type AnalysisMethod = Method;
