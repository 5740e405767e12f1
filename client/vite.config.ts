import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev -w client` proxies the API to a server started with `npm start`.
export default defineConfig({
  plugins: [react()],
  // Shared's lists from their sources (tsconfig.json says the same): no build of
  // shared first, and only the lists in the bundle.
  resolve: {
    alias: {
      '@fleetlab/shared/domain': fileURLToPath(
        new URL('../shared/src/domain/index.ts', import.meta.url),
      ),
    },
  },
  // Everything the server answers besides the dashboard (bootstrap.ts API_PATHS);
  // subscriptions go over a WebSocket on /graphql.
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:3000', ws: true },
      '/health': 'http://127.0.0.1:3000',
      '/reports': 'http://127.0.0.1:3000',
      '/auth': 'http://127.0.0.1:3000',
    },
  },
  // The charts (recharts) are a chunk of their own, loaded by the experiment page.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 600 },
});
