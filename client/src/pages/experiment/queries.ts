import { graphql } from '../../generated/index.js';

export const EXPERIMENT_PAGE = graphql(`
  query ExperimentPage($slug: String!) {
    experiment(slug: $slug) {
      slug
      title
      status
      hypothesis
      startedAt
      pausedAt
      concludedAt
      autoHalt
      haltedAt
      haltReason
      hostsOptedIn
      hostsOptedOut
      owner
      mayChange
      change {
        slug
        title
      }
      arms {
        key
        name
        baseline
        weight
        hosts
        packages
        repos
      }
      targeting {
        description
      }
      metrics {
        metric
        role
        margin
        definition {
          title
          unit
          direction
        }
      }
      funnel {
        enrolled
        optedIn
        exposed
        exposureUnknown
        optedOut
      }
      progress {
        plannedHostsPerArm
        defaultPlan
        hostsPerArmNow
        share
        hostsPerArmPerDay
        daysLeft
        expectedEndDate
        summary
      }
    }
  }
`);

/** What the summary rows and the forest plot need: every metric at once. */
export const METRICS_SUMMARY = graphql(`
  query MetricsSummary($slug: String!, $segment: SegmentInput, $window: WindowInput) {
    experimentComparisons(experimentSlug: $slug, segment: $segment, window: $window) {
      metric
      method
      asOf
      arms {
        armKey
        baseline
        hosts
        samples
        mean
      }
      comparisons {
        armKey
        inference
        absoluteDiff
        relativeDiff
        ciLow
        ciHigh
        p
        adjustedP
        verdict
        hostsNeeded
      }
    }
    rollupStatus(experimentSlug: $slug) {
      quarantinedSamples
      quarantinedItems
      quarantineReasons {
        reason
        samples
      }
    }
  }
`);

/** One segment of the breakdown: arm means and the difference, for the chosen metric. */
export const SEGMENT_SUMMARY = graphql(`
  query SegmentSummary(
    $slug: String!
    $metric: String!
    $segment: SegmentInput
    $window: WindowInput
  ) {
    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {
      segment
      arms {
        armKey
        baseline
        hosts
        samples
        mean
      }
      comparisons {
        armKey
        relativeDiff
        ciLow
        ciHigh
        verdict
        hostsNeeded
      }
    }
  }
`);

/** Everything about the chosen metric: distributions, percentiles, time series, health. */
export const METRIC_DETAIL = graphql(`
  query MetricDetail(
    $slug: String!
    $metric: String!
    $segment: SegmentInput
    $window: WindowInput
  ) {
    comparison(experimentSlug: $slug, metric: $metric, segment: $segment, window: $window) {
      metric
      segment
      window {
        from
        to
      }
      distributionOf
      arms {
        armKey
        baseline
        hosts
        samples
        mean
        median
        p90
        p99
      }
      comparisons {
        armKey
        relativeDiff
        ciLow
        ciHigh
        mannWhitneyP
        hodgesLehmann
        hlCiLow
        hlCiHigh
        cupedRelativeDiff
      }
      health {
        name
        status
        message
      }
      distributions {
        armKey
        bins {
          from
          to
          count
        }
        ecdf {
          value
          fraction
        }
      }
      timeSeries {
        armKey
        day
        hosts
        samples
        mean
        ciLow
        ciHigh
      }
    }
  }
`);

export const SEGMENT_VALUES = graphql(`
  query SegmentValues($slug: String!, $dimension: SegmentDimension!) {
    experiment(slug: $slug) {
      slug
      segmentValues(dimension: $dimension)
    }
  }
`);

export const EXPERIMENT_UPDATED = graphql(`
  subscription ExperimentUpdated($slug: String!) {
    experimentUpdated(slug: $slug) {
      slug
      reasons
      at
    }
  }
`);

export const START_EXPERIMENT = graphql(`
  mutation StartExperiment($slug: String!) {
    startExperiment(slug: $slug) {
      slug
      status
      startedAt
      pausedAt
    }
  }
`);

export const PAUSE_EXPERIMENT = graphql(`
  mutation PauseExperiment($slug: String!) {
    pauseExperiment(slug: $slug) {
      slug
      status
      pausedAt
    }
  }
`);

export const CONCLUDE_EXPERIMENT = graphql(`
  mutation ConcludeExperiment($slug: String!) {
    concludeExperiment(slug: $slug) {
      slug
      status
      concludedAt
    }
  }
`);

export const SEGMENT_CHOICES = graphql(`
  query SegmentChoices($slug: String!) {
    experiment(slug: $slug) {
      slug
      fs: segmentValues(dimension: ROOT_FS_TYPE)
      arch: segmentValues(dimension: ARCH)
      size: segmentValues(dimension: TRANSACTION_SIZE)
    }
  }
`);

export const HALT_EXPERIMENT = graphql(`
  mutation HaltExperiment($slug: String!, $reason: String) {
    haltExperiment(slug: $slug, reason: $reason) {
      slug
      status
      haltedAt
      haltReason
    }
  }
`);

export const SET_AUTO_HALT = graphql(`
  mutation SetAutoHalt($slug: String!, $enabled: Boolean!) {
    setAutoHalt(experimentSlug: $slug, enabled: $enabled) {
      slug
      autoHalt
    }
  }
`);
