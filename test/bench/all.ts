// npm run bench: every benchmark, one after the other, each to its end whatever the
// others did; then a line per benchmark and exit 1 if any failed or missed a target.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './lib/harness.js';

const BENCHMARKS = ['ingest', 'compare', 'ui', 'load', 'fleet', 'peeking'];

const results = BENCHMARKS.map((name) => {
  const started = performance.now();
  const run = spawnSync('npm', ['run', `bench:${name}`], { cwd: REPO_ROOT, stdio: 'inherit' });
  return {
    name,
    ok: run.status === 0,
    minutes: (performance.now() - started) / 60_000,
  };
});
console.log('\nnpm run bench:');
for (const r of results)
  console.log(
    `  bench:${r.name.padEnd(8)} ${r.ok ? 'met its targets' : 'FAILED or missed a target'} (${r.minutes.toFixed(1)} min)`,
  );
process.exit(results.every((r) => r.ok) ? 0 : 1);
