/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query ExperimentPage($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      title\n      status\n      hypothesis\n      startedAt\n      pausedAt\n      concludedAt\n      hostsOptedIn\n      hostsOptedOut\n      change {\n        slug\n        title\n      }\n      arms {\n        key\n        name\n        baseline\n        weight\n        hosts\n        packages\n        repos\n      }\n      targeting {\n        description\n      }\n      metrics {\n        metric\n        role\n        margin\n        definition {\n          title\n          unit\n          direction\n        }\n      }\n      funnel {\n        enrolled\n        optedIn\n        exposed\n        exposureUnknown\n        optedOut\n      }\n    }\n  }\n': typeof types.ExperimentPageDocument;
  '\n  query MetricsSummary($slug: String!, $segment: SegmentInput, $window: WindowInput) {\n    experimentComparisons(experimentSlug: $slug, segment: $segment, window: $window) {\n      metric\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        absoluteDiff\n        relativeDiff\n        ciLow\n        ciHigh\n        welchP\n        adjustedP\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n': typeof types.MetricsSummaryDocument;
  '\n  query SegmentSummary(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      segment\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n': typeof types.SegmentSummaryDocument;
  '\n  query MetricDetail(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      metric\n      segment\n      window {\n        from\n        to\n      }\n      distributionOf\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n        median\n        p90\n        p99\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        mannWhitneyP\n        hodgesLehmann\n        hlCiLow\n        hlCiHigh\n        cupedRelativeDiff\n      }\n      health {\n        name\n        status\n        message\n      }\n      distributions {\n        armKey\n        bins {\n          from\n          to\n          count\n        }\n        ecdf {\n          value\n          fraction\n        }\n      }\n      timeSeries {\n        armKey\n        day\n        hosts\n        samples\n        mean\n        ciLow\n        ciHigh\n      }\n    }\n  }\n': typeof types.MetricDetailDocument;
  '\n  query SegmentValues($slug: String!, $dimension: SegmentDimension!) {\n    experiment(slug: $slug) {\n      slug\n      segmentValues(dimension: $dimension)\n    }\n  }\n': typeof types.SegmentValuesDocument;
  '\n  subscription ExperimentUpdated($slug: String!) {\n    experimentUpdated(slug: $slug) {\n      slug\n      reasons\n      at\n    }\n  }\n': typeof types.ExperimentUpdatedDocument;
  '\n  mutation StartExperiment($slug: String!) {\n    startExperiment(slug: $slug) {\n      slug\n      status\n      startedAt\n      pausedAt\n    }\n  }\n': typeof types.StartExperimentDocument;
  '\n  mutation PauseExperiment($slug: String!) {\n    pauseExperiment(slug: $slug) {\n      slug\n      status\n      pausedAt\n    }\n  }\n': typeof types.PauseExperimentDocument;
  '\n  mutation ConcludeExperiment($slug: String!) {\n    concludeExperiment(slug: $slug) {\n      slug\n      status\n      concludedAt\n    }\n  }\n': typeof types.ConcludeExperimentDocument;
  '\n  query SegmentChoices($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      fs: segmentValues(dimension: ROOT_FS_TYPE)\n      arch: segmentValues(dimension: ARCH)\n      size: segmentValues(dimension: TRANSACTION_SIZE)\n    }\n  }\n': typeof types.SegmentChoicesDocument;
  '\n  query HostsPage($filter: HostFilterInput, $first: Int, $after: String) {\n    hosts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        hostname\n        facts\n        lastSeenAt\n        enrollments {\n          status\n          experiment {\n            slug\n          }\n          arm {\n            key\n          }\n        }\n      }\n    }\n    experiments {\n      slug\n      title\n      status\n    }\n  }\n': typeof types.HostsPageDocument;
  '\n  mutation OptInHosts($slug: String!, $hostIds: [ID!], $selector: HostFilterInput) {\n    optInHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector) {\n      status\n      host {\n        id\n      }\n    }\n  }\n': typeof types.OptInHostsDocument;
  '\n  mutation OptOutHosts(\n    $slug: String!\n    $hostIds: [ID!]\n    $selector: HostFilterInput\n    $reason: String\n  ) {\n    optOutHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector, reason: $reason) {\n      status\n      host {\n        id\n      }\n    }\n  }\n': typeof types.OptOutHostsDocument;
  '\n  query HostPage($id: ID!) {\n    host(id: $id) {\n      id\n      hostname\n      machineIdHash\n      enrolledAt\n      lastSeenAt\n      facts\n      enrollments {\n        status\n        optedInAt\n        optedOutAt\n        optOutReason\n        experiment {\n          slug\n          title\n        }\n        arm {\n          key\n        }\n      }\n      recentSamples(first: 20) {\n        id\n        kind\n        observedAt\n        context\n        values {\n          metric\n          value\n        }\n      }\n    }\n  }\n': typeof types.HostPageDocument;
  '\n  query NewExperimentForm {\n    changes {\n      slug\n      title\n    }\n    metrics {\n      key\n      title\n      unit\n      direction\n    }\n  }\n': typeof types.NewExperimentFormDocument;
  '\n  mutation CreateChangeFromForm($input: CreateChangeInput!) {\n    createChange(input: $input) {\n      slug\n    }\n  }\n': typeof types.CreateChangeFromFormDocument;
  '\n  mutation CreateExperimentFromForm($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      slug\n    }\n  }\n': typeof types.CreateExperimentFromFormDocument;
  '\n  query Overview {\n    changes {\n      slug\n      title\n      upstreamUrl\n    }\n    experiments {\n      slug\n      title\n      status\n      startedAt\n      change {\n        slug\n      }\n      arms {\n        key\n        baseline\n        hosts\n      }\n      metrics {\n        metric\n        role\n        definition {\n          title\n        }\n      }\n    }\n  }\n': typeof types.OverviewDocument;
  '\n  query PrimaryVerdict($slug: String!, $metric: String!) {\n    comparison(experimentSlug: $slug, metric: $metric) {\n      comparisons {\n        armKey\n        verdict\n        relativeDiff\n      }\n    }\n  }\n': typeof types.PrimaryVerdictDocument;
};
const documents: Documents = {
  '\n  query ExperimentPage($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      title\n      status\n      hypothesis\n      startedAt\n      pausedAt\n      concludedAt\n      hostsOptedIn\n      hostsOptedOut\n      change {\n        slug\n        title\n      }\n      arms {\n        key\n        name\n        baseline\n        weight\n        hosts\n        packages\n        repos\n      }\n      targeting {\n        description\n      }\n      metrics {\n        metric\n        role\n        margin\n        definition {\n          title\n          unit\n          direction\n        }\n      }\n      funnel {\n        enrolled\n        optedIn\n        exposed\n        exposureUnknown\n        optedOut\n      }\n    }\n  }\n':
    types.ExperimentPageDocument,
  '\n  query MetricsSummary($slug: String!, $segment: SegmentInput, $window: WindowInput) {\n    experimentComparisons(experimentSlug: $slug, segment: $segment, window: $window) {\n      metric\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        absoluteDiff\n        relativeDiff\n        ciLow\n        ciHigh\n        welchP\n        adjustedP\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n':
    types.MetricsSummaryDocument,
  '\n  query SegmentSummary(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      segment\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n':
    types.SegmentSummaryDocument,
  '\n  query MetricDetail(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      metric\n      segment\n      window {\n        from\n        to\n      }\n      distributionOf\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n        median\n        p90\n        p99\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        mannWhitneyP\n        hodgesLehmann\n        hlCiLow\n        hlCiHigh\n        cupedRelativeDiff\n      }\n      health {\n        name\n        status\n        message\n      }\n      distributions {\n        armKey\n        bins {\n          from\n          to\n          count\n        }\n        ecdf {\n          value\n          fraction\n        }\n      }\n      timeSeries {\n        armKey\n        day\n        hosts\n        samples\n        mean\n        ciLow\n        ciHigh\n      }\n    }\n  }\n':
    types.MetricDetailDocument,
  '\n  query SegmentValues($slug: String!, $dimension: SegmentDimension!) {\n    experiment(slug: $slug) {\n      slug\n      segmentValues(dimension: $dimension)\n    }\n  }\n':
    types.SegmentValuesDocument,
  '\n  subscription ExperimentUpdated($slug: String!) {\n    experimentUpdated(slug: $slug) {\n      slug\n      reasons\n      at\n    }\n  }\n':
    types.ExperimentUpdatedDocument,
  '\n  mutation StartExperiment($slug: String!) {\n    startExperiment(slug: $slug) {\n      slug\n      status\n      startedAt\n      pausedAt\n    }\n  }\n':
    types.StartExperimentDocument,
  '\n  mutation PauseExperiment($slug: String!) {\n    pauseExperiment(slug: $slug) {\n      slug\n      status\n      pausedAt\n    }\n  }\n':
    types.PauseExperimentDocument,
  '\n  mutation ConcludeExperiment($slug: String!) {\n    concludeExperiment(slug: $slug) {\n      slug\n      status\n      concludedAt\n    }\n  }\n':
    types.ConcludeExperimentDocument,
  '\n  query SegmentChoices($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      fs: segmentValues(dimension: ROOT_FS_TYPE)\n      arch: segmentValues(dimension: ARCH)\n      size: segmentValues(dimension: TRANSACTION_SIZE)\n    }\n  }\n':
    types.SegmentChoicesDocument,
  '\n  query HostsPage($filter: HostFilterInput, $first: Int, $after: String) {\n    hosts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        hostname\n        facts\n        lastSeenAt\n        enrollments {\n          status\n          experiment {\n            slug\n          }\n          arm {\n            key\n          }\n        }\n      }\n    }\n    experiments {\n      slug\n      title\n      status\n    }\n  }\n':
    types.HostsPageDocument,
  '\n  mutation OptInHosts($slug: String!, $hostIds: [ID!], $selector: HostFilterInput) {\n    optInHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector) {\n      status\n      host {\n        id\n      }\n    }\n  }\n':
    types.OptInHostsDocument,
  '\n  mutation OptOutHosts(\n    $slug: String!\n    $hostIds: [ID!]\n    $selector: HostFilterInput\n    $reason: String\n  ) {\n    optOutHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector, reason: $reason) {\n      status\n      host {\n        id\n      }\n    }\n  }\n':
    types.OptOutHostsDocument,
  '\n  query HostPage($id: ID!) {\n    host(id: $id) {\n      id\n      hostname\n      machineIdHash\n      enrolledAt\n      lastSeenAt\n      facts\n      enrollments {\n        status\n        optedInAt\n        optedOutAt\n        optOutReason\n        experiment {\n          slug\n          title\n        }\n        arm {\n          key\n        }\n      }\n      recentSamples(first: 20) {\n        id\n        kind\n        observedAt\n        context\n        values {\n          metric\n          value\n        }\n      }\n    }\n  }\n':
    types.HostPageDocument,
  '\n  query NewExperimentForm {\n    changes {\n      slug\n      title\n    }\n    metrics {\n      key\n      title\n      unit\n      direction\n    }\n  }\n':
    types.NewExperimentFormDocument,
  '\n  mutation CreateChangeFromForm($input: CreateChangeInput!) {\n    createChange(input: $input) {\n      slug\n    }\n  }\n':
    types.CreateChangeFromFormDocument,
  '\n  mutation CreateExperimentFromForm($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      slug\n    }\n  }\n':
    types.CreateExperimentFromFormDocument,
  '\n  query Overview {\n    changes {\n      slug\n      title\n      upstreamUrl\n    }\n    experiments {\n      slug\n      title\n      status\n      startedAt\n      change {\n        slug\n      }\n      arms {\n        key\n        baseline\n        hosts\n      }\n      metrics {\n        metric\n        role\n        definition {\n          title\n        }\n      }\n    }\n  }\n':
    types.OverviewDocument,
  '\n  query PrimaryVerdict($slug: String!, $metric: String!) {\n    comparison(experimentSlug: $slug, metric: $metric) {\n      comparisons {\n        armKey\n        verdict\n        relativeDiff\n      }\n    }\n  }\n':
    types.PrimaryVerdictDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ExperimentPage($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      title\n      status\n      hypothesis\n      startedAt\n      pausedAt\n      concludedAt\n      hostsOptedIn\n      hostsOptedOut\n      change {\n        slug\n        title\n      }\n      arms {\n        key\n        name\n        baseline\n        weight\n        hosts\n        packages\n        repos\n      }\n      targeting {\n        description\n      }\n      metrics {\n        metric\n        role\n        margin\n        definition {\n          title\n          unit\n          direction\n        }\n      }\n      funnel {\n        enrolled\n        optedIn\n        exposed\n        exposureUnknown\n        optedOut\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ExperimentPage($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      title\n      status\n      hypothesis\n      startedAt\n      pausedAt\n      concludedAt\n      hostsOptedIn\n      hostsOptedOut\n      change {\n        slug\n        title\n      }\n      arms {\n        key\n        name\n        baseline\n        weight\n        hosts\n        packages\n        repos\n      }\n      targeting {\n        description\n      }\n      metrics {\n        metric\n        role\n        margin\n        definition {\n          title\n          unit\n          direction\n        }\n      }\n      funnel {\n        enrolled\n        optedIn\n        exposed\n        exposureUnknown\n        optedOut\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MetricsSummary($slug: String!, $segment: SegmentInput, $window: WindowInput) {\n    experimentComparisons(experimentSlug: $slug, segment: $segment, window: $window) {\n      metric\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        absoluteDiff\n        relativeDiff\n        ciLow\n        ciHigh\n        welchP\n        adjustedP\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MetricsSummary($slug: String!, $segment: SegmentInput, $window: WindowInput) {\n    experimentComparisons(experimentSlug: $slug, segment: $segment, window: $window) {\n      metric\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        absoluteDiff\n        relativeDiff\n        ciLow\n        ciHigh\n        welchP\n        adjustedP\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SegmentSummary(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      segment\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SegmentSummary(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      segment\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        verdict\n        hostsNeeded\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MetricDetail(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      metric\n      segment\n      window {\n        from\n        to\n      }\n      distributionOf\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n        median\n        p90\n        p99\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        mannWhitneyP\n        hodgesLehmann\n        hlCiLow\n        hlCiHigh\n        cupedRelativeDiff\n      }\n      health {\n        name\n        status\n        message\n      }\n      distributions {\n        armKey\n        bins {\n          from\n          to\n          count\n        }\n        ecdf {\n          value\n          fraction\n        }\n      }\n      timeSeries {\n        armKey\n        day\n        hosts\n        samples\n        mean\n        ciLow\n        ciHigh\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MetricDetail(\n    $slug: String!\n    $metric: String!\n    $segment: SegmentInput\n    $window: WindowInput\n  ) {\n    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {\n      metric\n      segment\n      window {\n        from\n        to\n      }\n      distributionOf\n      arms {\n        armKey\n        baseline\n        hosts\n        samples\n        mean\n        median\n        p90\n        p99\n      }\n      comparisons {\n        armKey\n        relativeDiff\n        ciLow\n        ciHigh\n        mannWhitneyP\n        hodgesLehmann\n        hlCiLow\n        hlCiHigh\n        cupedRelativeDiff\n      }\n      health {\n        name\n        status\n        message\n      }\n      distributions {\n        armKey\n        bins {\n          from\n          to\n          count\n        }\n        ecdf {\n          value\n          fraction\n        }\n      }\n      timeSeries {\n        armKey\n        day\n        hosts\n        samples\n        mean\n        ciLow\n        ciHigh\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SegmentValues($slug: String!, $dimension: SegmentDimension!) {\n    experiment(slug: $slug) {\n      slug\n      segmentValues(dimension: $dimension)\n    }\n  }\n',
): (typeof documents)['\n  query SegmentValues($slug: String!, $dimension: SegmentDimension!) {\n    experiment(slug: $slug) {\n      slug\n      segmentValues(dimension: $dimension)\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription ExperimentUpdated($slug: String!) {\n    experimentUpdated(slug: $slug) {\n      slug\n      reasons\n      at\n    }\n  }\n',
): (typeof documents)['\n  subscription ExperimentUpdated($slug: String!) {\n    experimentUpdated(slug: $slug) {\n      slug\n      reasons\n      at\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation StartExperiment($slug: String!) {\n    startExperiment(slug: $slug) {\n      slug\n      status\n      startedAt\n      pausedAt\n    }\n  }\n',
): (typeof documents)['\n  mutation StartExperiment($slug: String!) {\n    startExperiment(slug: $slug) {\n      slug\n      status\n      startedAt\n      pausedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PauseExperiment($slug: String!) {\n    pauseExperiment(slug: $slug) {\n      slug\n      status\n      pausedAt\n    }\n  }\n',
): (typeof documents)['\n  mutation PauseExperiment($slug: String!) {\n    pauseExperiment(slug: $slug) {\n      slug\n      status\n      pausedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ConcludeExperiment($slug: String!) {\n    concludeExperiment(slug: $slug) {\n      slug\n      status\n      concludedAt\n    }\n  }\n',
): (typeof documents)['\n  mutation ConcludeExperiment($slug: String!) {\n    concludeExperiment(slug: $slug) {\n      slug\n      status\n      concludedAt\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SegmentChoices($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      fs: segmentValues(dimension: ROOT_FS_TYPE)\n      arch: segmentValues(dimension: ARCH)\n      size: segmentValues(dimension: TRANSACTION_SIZE)\n    }\n  }\n',
): (typeof documents)['\n  query SegmentChoices($slug: String!) {\n    experiment(slug: $slug) {\n      slug\n      fs: segmentValues(dimension: ROOT_FS_TYPE)\n      arch: segmentValues(dimension: ARCH)\n      size: segmentValues(dimension: TRANSACTION_SIZE)\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query HostsPage($filter: HostFilterInput, $first: Int, $after: String) {\n    hosts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        hostname\n        facts\n        lastSeenAt\n        enrollments {\n          status\n          experiment {\n            slug\n          }\n          arm {\n            key\n          }\n        }\n      }\n    }\n    experiments {\n      slug\n      title\n      status\n    }\n  }\n',
): (typeof documents)['\n  query HostsPage($filter: HostFilterInput, $first: Int, $after: String) {\n    hosts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      nodes {\n        id\n        hostname\n        facts\n        lastSeenAt\n        enrollments {\n          status\n          experiment {\n            slug\n          }\n          arm {\n            key\n          }\n        }\n      }\n    }\n    experiments {\n      slug\n      title\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OptInHosts($slug: String!, $hostIds: [ID!], $selector: HostFilterInput) {\n    optInHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector) {\n      status\n      host {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation OptInHosts($slug: String!, $hostIds: [ID!], $selector: HostFilterInput) {\n    optInHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector) {\n      status\n      host {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OptOutHosts(\n    $slug: String!\n    $hostIds: [ID!]\n    $selector: HostFilterInput\n    $reason: String\n  ) {\n    optOutHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector, reason: $reason) {\n      status\n      host {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation OptOutHosts(\n    $slug: String!\n    $hostIds: [ID!]\n    $selector: HostFilterInput\n    $reason: String\n  ) {\n    optOutHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector, reason: $reason) {\n      status\n      host {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query HostPage($id: ID!) {\n    host(id: $id) {\n      id\n      hostname\n      machineIdHash\n      enrolledAt\n      lastSeenAt\n      facts\n      enrollments {\n        status\n        optedInAt\n        optedOutAt\n        optOutReason\n        experiment {\n          slug\n          title\n        }\n        arm {\n          key\n        }\n      }\n      recentSamples(first: 20) {\n        id\n        kind\n        observedAt\n        context\n        values {\n          metric\n          value\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query HostPage($id: ID!) {\n    host(id: $id) {\n      id\n      hostname\n      machineIdHash\n      enrolledAt\n      lastSeenAt\n      facts\n      enrollments {\n        status\n        optedInAt\n        optedOutAt\n        optOutReason\n        experiment {\n          slug\n          title\n        }\n        arm {\n          key\n        }\n      }\n      recentSamples(first: 20) {\n        id\n        kind\n        observedAt\n        context\n        values {\n          metric\n          value\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query NewExperimentForm {\n    changes {\n      slug\n      title\n    }\n    metrics {\n      key\n      title\n      unit\n      direction\n    }\n  }\n',
): (typeof documents)['\n  query NewExperimentForm {\n    changes {\n      slug\n      title\n    }\n    metrics {\n      key\n      title\n      unit\n      direction\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateChangeFromForm($input: CreateChangeInput!) {\n    createChange(input: $input) {\n      slug\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateChangeFromForm($input: CreateChangeInput!) {\n    createChange(input: $input) {\n      slug\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateExperimentFromForm($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      slug\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateExperimentFromForm($input: CreateExperimentInput!) {\n    createExperiment(input: $input) {\n      slug\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Overview {\n    changes {\n      slug\n      title\n      upstreamUrl\n    }\n    experiments {\n      slug\n      title\n      status\n      startedAt\n      change {\n        slug\n      }\n      arms {\n        key\n        baseline\n        hosts\n      }\n      metrics {\n        metric\n        role\n        definition {\n          title\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Overview {\n    changes {\n      slug\n      title\n      upstreamUrl\n    }\n    experiments {\n      slug\n      title\n      status\n      startedAt\n      change {\n        slug\n      }\n      arms {\n        key\n        baseline\n        hosts\n      }\n      metrics {\n        metric\n        role\n        definition {\n          title\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PrimaryVerdict($slug: String!, $metric: String!) {\n    comparison(experimentSlug: $slug, metric: $metric) {\n      comparisons {\n        armKey\n        verdict\n        relativeDiff\n      }\n    }\n  }\n',
): (typeof documents)['\n  query PrimaryVerdict($slug: String!, $metric: String!) {\n    comparison(experimentSlug: $slug, metric: $metric) {\n      comparisons {\n        armKey\n        verdict\n        relativeDiff\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
