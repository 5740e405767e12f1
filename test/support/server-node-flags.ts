/**
 * The Node flags the server runs with: `npm start` (package.json), the server
 * workspace's `start` and the Dockerfile's CMD pass them (test/api/server-node-flags.test.ts
 * checks), and the benchmarks start the server with them too. Without a heap limit,
 * V8 lets garbage grow to twice the ~200 MB the server needs under full ingest load
 * before it collects it.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=512'];
