// Whether the live-update socket is connected, for the page to say so. A tiny store
// for useSyncExternalStore: graphql-ws reports connects and closes, React reads it.

export type LiveState = 'idle' | 'connecting' | 'connected' | 'closed';

let state: LiveState = 'idle';
const listeners = new Set<() => void>();

export const liveConnection = {
  get: (): LiveState => state,
  set: (next: LiveState): void => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  },
  subscribe: (listener: () => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
