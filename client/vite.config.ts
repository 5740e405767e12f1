import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev -w client` proxies the API to a server started with `npm start`.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
