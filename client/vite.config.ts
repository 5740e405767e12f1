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
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
  // The charts (recharts) are a chunk of their own, loaded by the experiment page.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 600 },
});
