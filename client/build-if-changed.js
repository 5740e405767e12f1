// `npm run build` (and so `npm start`) builds the dashboard only when its inputs
// changed since the last build: a hash of them is kept next to the build, written
// once vite succeeds. `npm run build -w client` always builds.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = import.meta.dirname;
// shared/src/domain: the lists the dashboard imports from @fleetlab/shared/domain.
const INPUTS = [
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package.json',
  'src',
  '../shared/src/domain',
];
// Dependency versions come from the lockfile at the repository's root.
const LOCKFILE = path.join(root, '..', 'package-lock.json');
const STAMP = path.join(root, 'dist', '.inputs-sha256');

function filesOf(entry) {
  if (!fs.statSync(entry).isDirectory()) return [entry];
  return fs
    .readdirSync(entry)
    .sort()
    .flatMap((name) => filesOf(path.join(entry, name)));
}

const hash = createHash('sha256');
for (const file of [...INPUTS.flatMap((input) => filesOf(path.join(root, input))), LOCKFILE]) {
  hash.update(`${path.relative(root, file)}\0`);
  hash.update(fs.readFileSync(file));
}
const inputs = hash.digest('hex');

const built = fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === inputs;
if (built && fs.existsSync(path.join(root, 'dist', 'index.html'))) {
  console.log('Dashboard: client/dist is up to date.');
} else {
  await build({ root });
  fs.writeFileSync(STAMP, inputs);
}
