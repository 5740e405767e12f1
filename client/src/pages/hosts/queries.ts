import { graphql } from '../../generated/index.js';

export const HOSTS_PAGE = graphql(`
  query HostsPage($filter: HostFilterInput, $first: Int, $after: String) {
    hosts(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        hostname
        facts
        lastSeenAt
        enrollments {
          status
          experiment {
            slug
          }
          arm {
            key
          }
        }
      }
    }
    experiments {
      slug
      title
      status
    }
  }
`);

export const OPT_IN_HOSTS = graphql(`
  mutation OptInHosts($slug: String!, $hostIds: [ID!], $selector: HostFilterInput) {
    optInHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector) {
      status
      host {
        id
      }
    }
  }
`);

export const OPT_OUT_HOSTS = graphql(`
  mutation OptOutHosts(
    $slug: String!
    $hostIds: [ID!]
    $selector: HostFilterInput
    $reason: String
  ) {
    optOutHosts(experimentSlug: $slug, hostIds: $hostIds, selector: $selector, reason: $reason) {
      status
      host {
        id
      }
    }
  }
`);

export const OPT_IN_MATCHING = graphql(`
  mutation OptInMatching($slug: String!, $selector: HostFilterInput!) {
    optInMatching(experimentSlug: $slug, selector: $selector) {
      matched
      changed
      unchanged
      notTargeted
    }
  }
`);

export const OPT_OUT_MATCHING = graphql(`
  mutation OptOutMatching($slug: String!, $selector: HostFilterInput!) {
    optOutMatching(experimentSlug: $slug, selector: $selector) {
      matched
      changed
      unchanged
      notTargeted
    }
  }
`);

export const HOST_PAGE = graphql(`
  query HostPage($id: ID!) {
    host(id: $id) {
      id
      hostname
      machineIdHash
      enrolledAt
      lastSeenAt
      facts
      enrollments {
        status
        optedInAt
        optedOutAt
        optOutReason
        experiment {
          slug
          title
        }
        arm {
          key
        }
      }
      recentSamples(first: 20) {
        id
        kind
        observedAt
        context
        values {
          metric
          value
        }
      }
    }
  }
`);
