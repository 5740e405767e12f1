import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { liveConnection } from './live-connection.js';

/** Queries and mutations over HTTP, subscriptions over graphql-ws, both at /graphql. */
export function createApolloClient(): ApolloClient {
  const http = new HttpLink({ uri: '/graphql' });
  const ws = new GraphQLWsLink(
    createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      lazy: true,
      retryAttempts: Infinity,
      on: {
        connecting: () => liveConnection.set('connecting'),
        connected: () => liveConnection.set('connected'),
        closed: () => liveConnection.set('closed'),
      },
    }),
  );
  return new ApolloClient({
    link: ApolloLink.split(
      (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
      ws,
      http,
    ),
    cache: new InMemoryCache({
      typePolicies: {
        // Experiments are found by slug in URLs; hosts by id.
        Experiment: { keyFields: ['slug'] },
        // A comparison is a computed view, not an entity: keep it with its query.
        Comparison: { keyFields: false },
      },
    }),
  });
}
