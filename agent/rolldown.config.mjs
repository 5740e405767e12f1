// The single-file agent for hosts: dist/bundle/fleetlab-agent.mjs, every dependency
// inside, and sql.js's WebAssembly beside it (sql.js loads it from its own folder).
// It runs with plain `node` (20 or newer) and no node_modules: that is what the RPM ships.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'rolldown';

const require = createRequire(import.meta.url);
const here = (file) => new URL(file, import.meta.url).pathname;
// Tests build into folders of their own, so that parallel test files do not collide.
const outDir = process.env.FLEETLAB_AGENT_BUNDLE_DIR ?? here('dist/bundle');

export default defineConfig({
  input: here('src/main.ts'),
  platform: 'node',
  // From the sources: the bundle does not wait for shared's and the simulator's tsc builds.
  resolve: {
    alias: {
      '@fleetlab/shared/domain': here('../shared/src/domain/index.ts'),
      '@fleetlab/shared': here('../shared/src/index.ts'),
      '@fleetlab/simulator': here('../simulator/src/index.ts'),
    },
  },
  // commander's executableDir and sql.js's Node branch read the CommonJS __dirname,
  // which an ES module does not have: give them this file's folder.
  output: {
    file: `${outDir}/fleetlab-agent.mjs`,
    format: 'esm',
    banner: [
      '#!/usr/bin/env node',
      "import { fileURLToPath as __fleetlabFileURLToPath } from 'node:url';",
      'const __filename = __fleetlabFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join('\n'),
  },
  plugins: [
    {
      name: 'sql-wasm-beside-the-bundle',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'sql-wasm.wasm',
          source: fs.readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm')),
        });
      },
    },
  ],
});
