// GraphQL operations the API tests share, written as an outside script would.

export const EXPERIMENT_FIELDS = `
  id slug title status salt hostsOptedIn hostsOptedOut startedAt pausedAt concludedAt
  change { slug }
  arms { key name weight baseline packages repos bucketFrom bucketTo hosts }
  targeting { fact op values description }
  metrics { metric role margin definition { unit direction } }
`;

export const CREATE_CHANGE = `mutation($input: CreateChangeInput!) { createChange(input: $input) { id slug title } }`;

export const CREATE_EXPERIMENT = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { ${EXPERIMENT_FIELDS} } }`;

export const EXPERIMENT = `query($slug: String!) { experiment(slug: $slug) { ${EXPERIMENT_FIELDS} } }`;

export const START = `mutation($slug: String!) { startExperiment(slug: $slug) { slug status } }`;
export const PAUSE = `mutation($slug: String!) { pauseExperiment(slug: $slug) { slug status } }`;
export const CONCLUDE = `mutation($slug: String!) { concludeExperiment(slug: $slug) { slug status } }`;

export const SET_WEIGHTS = `mutation($slug: String!, $weights: [ArmWeightInput!]!) {
  setArmWeights(experimentSlug: $slug, weights: $weights) { arms { key weight bucketFrom bucketTo } }
}`;

export const CREATE_SECRET = `mutation($input: CreateEnrollSecretInput!) {
  createEnrollSecret(input: $input) { id secret enrollSecret { name active expiresAt singleUse } }
}`;

export const ENROLL = `mutation($input: EnrollHostInput!) { enrollHost(input: $input) { token host { id machineIdHash hostname facts } } }`;

export const OPT_IN = `mutation($slug: String!) { optIn(experimentSlug: $slug) { status bucket arm { key } host { id } experiment { slug } } }`;

export const OPT_OUT = `mutation($slug: String!, $reason: String) {
  optOut(experimentSlug: $slug, reason: $reason) { status optOutReason arm { key } }
}`;

export const OPT_IN_HOSTS = `mutation($slug: String!, $hostIds: [ID!], $selector: HostFilterInput) {
  optInHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector) { status arm { key } host { id facts } }
}`;

export const OPT_OUT_HOSTS = `mutation($slug: String!, $hostIds: [ID!], $selector: HostFilterInput, $reason: String) {
  optOutHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector, reason: $reason) { status arm { key } host { id } }
}`;

export const HOSTS = `query($filter: HostFilterInput, $first: Int, $after: String) {
  hosts(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id hostname facts } }
  }
}`;

export const COW_EXPERIMENT = {
  changeSlug: 'rpm-cow',
  slug: 'cow-test',
  title: 'RPM CoW test',
  arms: [
    { key: 'baseline', weight: 50, baseline: true, packages: ['rpm-4.16.1.3-34.el9'] },
    { key: 'cow', weight: 50, baseline: false, packages: ['rpm-4.16.1.3-34.hs.el9'] },
  ],
  targeting: [{ fact: 'rootFsType', op: 'IN', values: ['btrfs', 'xfs', 'ext4'] }],
  metrics: [
    { metric: 'install_duration_ms', role: 'PRIMARY', margin: 0.02 },
    { metric: 'disk_used_delta_bytes', role: 'GUARDRAIL', margin: 0.1 },
  ],
};

export const INGEST_TABLE = `mutation($table: JSON!) {
  ingestSampleTable(table: $table) { accepted duplicates rejected { id code reason } }
}`;

export const INGEST = `mutation($batch: SampleBatchInput!) {
  ingestSamples(batch: $batch) { accepted duplicates rejected { id code reason } }
}`;
