import { useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '../generated/index.js';

const DEMO_STATUS = graphql(`
  query DemoStatus {
    demoStatus {
      state
      hostsLoaded
      hosts
    }
  }
`);

/** How often the banner asks how far the demo got, while it loads. */
const POLL_MS = 2000;

/**
 * While the server loads its demo fleet (in the background, after it starts), says so
 * and how far it got; once the fleet is in, the page's queries run again, so that it
 * shows the whole fleet without a reload.
 */
export function DemoBanner() {
  const client = useApolloClient();
  const { data, startPolling, stopPolling } = useQuery(DEMO_STATUS);
  const status = data?.demoStatus;
  const state = status?.state;
  const sawLoading = useRef(false);

  useEffect(() => {
    if (state !== 'LOADING') return;
    sawLoading.current = true;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [state, startPolling, stopPolling]);

  useEffect(() => {
    if (state !== 'LOADED' || !sawLoading.current) return;
    sawLoading.current = false;
    void client.refetchQueries({ include: 'active' });
  }, [state, client]);

  if (!status) return null;
  if (status.state === 'LOADING')
    return (
      <p className="demo-banner" role="status">
        The demo fleet is still loading ({status.hostsLoaded} of {status.hosts} hosts)… Pages show
        what is in so far and refresh once it is done.
      </p>
    );
  if (status.state === 'FAILED')
    return (
      <p className="demo-banner failed" role="alert">
        The demo fleet stopped loading at {status.hostsLoaded} of {status.hosts} hosts; the server’s
        log says why.
      </p>
    );
  return null;
}
